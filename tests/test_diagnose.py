"""Every named diagnosis is reachable: a synthetic mistake gets exactly that diagnosis."""
import numpy as np
import pytest

from autograder.checks import diagnose as D

RNG = np.random.default_rng(5)
X = RNG.standard_normal((4, 3))          # a generic "expected" gradient, N = 4 rows
DOUT = RNG.standard_normal((4, 3))
LOGITS = RNG.standard_normal((4, 3))


def row_softmax(a):
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def square():
    a = RNG.standard_normal((3, 3))
    return a, a.T.copy()


SQUARE, SQUARE_T = square()
SWAP_MESSAGE = "dx equals dout·x: the inputs of a multiply node must be swapped"

# diagnosis function -> (got, expected, context): the mistake it must recognise.
CASES = {
    "returned_none": (None, X, {}),
    "wrong_type": ((X, X), X, {}),
    "known_suspect": (DOUT * X, DOUT * LOGITS,
                      {"suspects": {"not_swapped": (DOUT * X, SWAP_MESSAGE)}}),
    "not_finite": (np.where(X > 0, np.nan, X), X, {}),
    "bias_gradient_not_summed": (DOUT, DOUT.sum(axis=0), {}),
    "transposed_shape": (X.T, X, {}),
    "wrong_shape": (X[:, :2], X, {}),
    "expected_zero": (DOUT, np.zeros_like(DOUT), {}),
    "all_zeros": (np.zeros_like(X), X, {}),
    "sign_flipped": (-X, X, {}),
    "missing_division_by_batch": (4 * X, X, {"batch_size": 4}),
    "divided_by_batch_twice": (X / 4, X, {"batch_size": 4}),
    "scaled_by_constant": (2 * X, X, {"batch_size": 4}),
    "transposed_values": (SQUARE_T, SQUARE, {}),
    "unexplained": (X + RNG.standard_normal(X.shape), X, {}),
}


def test_every_diagnosis_has_a_case():
    assert set(CASES) == {check.__name__ for check in D.DIAGNOSES}


@pytest.mark.parametrize("function_name", list(CASES))
def test_the_mistake_gets_its_own_diagnosis(function_name):
    got, expected, context = CASES[function_name]
    check = getattr(D, function_name)
    found = D.diagnose(got, expected, **context)
    assert found == check(got, np.asarray(expected, dtype=float),
                          D.Context(**{k: v for k, v in context.items()}))
    assert found.words and found.cause().endswith(".")


@pytest.mark.parametrize("function_name", list(CASES))
def test_diagnoses_before_it_do_not_claim_the_case(function_name):
    got, expected, context = CASES[function_name]
    position = [check.__name__ for check in D.DIAGNOSES].index(function_name)
    ctx = D.Context(**context)
    expected = np.asarray(expected, dtype=float)
    for earlier in D.DIAGNOSES[:position]:
        assert earlier(got, expected, ctx) is None, earlier.__name__


@pytest.mark.parametrize("function_name", [name for name in CASES if name != "unexplained"])
def test_correct_value_matches_no_mistake(function_name):
    got, expected, context = CASES[function_name]
    expected = np.asarray(expected, dtype=float)
    assert getattr(D, function_name)(expected.copy(), expected, D.Context(**context)) is None


def test_names_and_plain_words():
    assert D.diagnose(None, X).name == "returned_none"
    assert "forget `return`" in D.diagnose(None, X).words
    assert "transposed?" in D.diagnose(X.T, X).words
    assert "subtract the max before exp" in D.diagnose(np.full(3, np.nan), np.ones(3)).words
    assert "log of 0" in D.diagnose(np.array([-np.inf, 1.0]), np.ones(2)).words
    assert D.diagnose(4 * X, X, batch_size=4).name == "missing_divide_by_N"
    assert D.diagnose(X / 4, X, batch_size=4).name == "divided_by_N_twice"
    assert "§5.6.2 batch Affine" in D.diagnose(DOUT, DOUT.sum(axis=0)).cause()


def test_scaled_by_constant_prints_the_factor():
    assert "a node counted twice" in D.diagnose(2 * X, X).words
    found = D.diagnose(3.5 * X, X)
    assert found.name == "scaled" and "3.5 × expected" in found.words


def test_batch_factor_needs_the_batch_size():
    assert D.diagnose(4 * X, X).name == "scaled"
    assert D.diagnose(4 * X, X, batch_size=3).name == "scaled"


def test_suspects_come_first_and_carry_the_section():
    found = D.diagnose(-X, X, suspects={"minus": (-X, "t − y instead of y − t")},
                       section="§5.6.3 Softmax-with-Loss")
    assert found.name == "suspect:minus"
    assert found.cause() == "t − y instead of y − t. Re-read §5.6.3 Softmax-with-Loss."


def test_a_suspect_equal_to_the_right_answer_is_ignored():
    same = {"not_swapped": (X.copy(), SWAP_MESSAGE)}     # e.g. x == y in a multiply node
    assert D.diagnose(-X, X, suspects=same).name == "sign_flipped"


def test_a_suspect_of_another_shape_is_ignored():
    assert D.diagnose(-X, X, suspects={"odd": (np.ones(2), "?")}).name == "sign_flipped"


def test_symmetric_expected_is_not_called_transposed():
    symmetric = SQUARE + SQUARE.T
    assert D.diagnose(symmetric + 1.0, symmetric).name != "transposed"


def test_the_general_diagnoses_know_no_answer():
    """The engine runs in the student's kernel: it compares what it is given and computes
    no graded quantity (a whole-batch softmax is the ch06 judge's suspect now)."""
    assert not hasattr(D, "softmax_over_whole_batch")
    one = LOGITS[:1]
    assert D.diagnose(row_softmax(one) * 2, row_softmax(one)).name == "scaled"


def test_scalars():
    assert D.diagnose(-2.2, 2.2).name == "sign_flipped"
    assert D.diagnose(np.array([4.4]), 2.2).name == "scaled"
    assert D.diagnose(np.ones(2), 2.2).name == "wrong_shape"


def test_no_numpy_warnings(recwarn):
    D.diagnose(np.array([np.inf, -np.inf, np.nan]), np.zeros(3))
    D.diagnose(np.zeros(3), np.zeros(3))
    assert not recwarn.list


def test_fail_carries_the_diagnosis_as_data_and_renders_it_once():
    found = D.diagnose(-X, X)
    error = D.fail("✗ dx is wrong.", found)
    assert error.diagnosis == found and found.name == "sign_flipped"
    assert str(error) == f"✗ dx is wrong.\nLikely cause: {found.cause()}"
    plain = D.fail("✗ dx is wrong.", "sign_flipped", cause="a minus sign is lost",
                   section="the chain-rule section of lecture 2")
    assert plain.diagnosis.as_dict() == {"name": "sign_flipped", "words": "a minus sign is lost",
                                         "section": "the chain-rule section of lecture 2"}
    assert str(plain).endswith("Likely cause: a minus sign is lost. Re-read the chain-rule "
                               "section of lecture 2.")
    assert str(D.fail("✗ x.", "raised")) == "✗ x."
