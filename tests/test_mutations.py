"""The mutation suite: every known mistake loses exactly the points of the test cells it
breaks, each with the right diagnosis; every alternative correct style keeps full marks.

Graded in-process (the same cells nbgrader runs, without its start-up cost); the
end-to-end test (test_demo.py) shows nbgrader itself gives the same scores.
"""
import re

import pytest
from conftest import LABS

from autograder import course_dir
from autograder.authoring import variants
from autograder.grading import inprocess

ALL = [(lab, v) for lab in LABS for v in variants.variants(lab)]

# The real mistakes of the study notes (seeds), each of which must be in the suite.
SEED_MISTAKES = {
    ("ch01_computational_graph", "seed000_reciprocal_sign"),   # ∂(1/x)/∂x written as 1/x²
    ("ch03_add_mul_layers", "seed002_foward"),                 # `def foward`, no return
    ("ch03_add_mul_layers", "mul_forward_no_return"),          # forward without `return out`
    ("ch03_add_mul_layers", "seed002_backward_out"),           # backward(self, out) uses dout
    ("ch03_add_mul_layers", "seed002_init_typo_mul"),          # `__init_`: harmless here
    ("ch03_add_mul_layers", "add_global_dout"),                # the same, with a global dout
    ("ch02_chain_rule", "book_tiny_h"),                        # h = 1e-50
    ("ch04_activation_layers", "seed004_backward_mutates_dout"),  # dout[self.mask] = 0
    ("ch04_activation_layers", "seed003_forward_zeroes_input"),   # x[mask] = 0 on the input
    ("ch04_activation_layers", "seed001_mask_x_lt_0"),            # ReLU passes at x >= 0
    ("ch04_activation_layers", "seed002_sigmoid_no_return"),      # forward without return
    ("ch04_activation_layers", "seed000_reciprocal_sign_lost"),   # '/' node as 1/x²
    ("ch05_affine", "seed003_assumes_2d"),                     # no flatten of N-d input
    ("ch05_affine", "seed003_lowercase_names"),                # self.dw instead of self.dW
    ("ch06_softmax_with_loss", "seed003_softmax_whole_batch"),  # accuracy stuck near 10 %
    ("ch06_softmax_with_loss", "seed003_ce_one_hot_only"),      # integer labels unsupported
    ("ch06_softmax_with_loss", "seed002_book_backward_ignores_dout"),
    ("ch07_two_layer_net", "seed003_softmax_whole_batch"),     # the network stuck near 10 %
    ("ch07_two_layer_net", "seed003_lastLayer_name"),        # the book's name: full marks
    ("ch07_two_layer_net", "seed003_lowercase_keys"),
    ("ch07_two_layer_net", "train_global_np_random"),
}


# Lab 7's training cell (a training run on MNIST, half the cost of grading the lab) is built
# from TwoLayerNet, sgd_step and train only: an answer of the gradient check or of weight
# decay cannot change it, so their mistakes skip it (the reference passes it in
# test_reference_solutions_pass_every_test_cell, and every other mistake runs it).
NOT_USED_BY = {("ch07_two_layer_net", "gradient_check"): frozenset({"train_test"}),
               ("ch07_two_layer_net", "weight_decay"): frozenset({"train_test"})}


@pytest.mark.parametrize("lab,variant", ALL, ids=[f"{lab[:4]}-{v.name}" for lab, v in ALL])
def test_variant_scores_and_diagnosis(lab, variant):
    skip = NOT_USED_BY.get((lab, variant.cell), frozenset())
    assert not skip & set(variant.fails)
    results = inprocess.grade_in_process(lab, {variant.cell: variant.code}, skip=skip)
    failing = {cell for cell, result in results.items() if not result.passed}
    assert failing == set(variant.fails), (
        f"{variant.name}: expected to fail {sorted(variant.fails)}, failed {sorted(failing)}\n"
        + "\n".join(f"{c}: {results[c].message}" for c in failing))
    for cell, diagnosis in variant.fails.items():
        if diagnosis is not None:
            assert diagnosis in results[cell].message, (
                f"{variant.name}: {cell} should say {diagnosis!r}, said:\n{results[cell].message}")
            assert "Traceback" not in results[cell].message


@pytest.mark.parametrize("lab", LABS)
def test_every_answer_cell_has_five_mistakes_and_two_correct_styles(lab):
    answer_cells = course_dir.graded_answer_ids(course_dir.source_notebook(lab))
    for cell in answer_cells:
        of_cell = [v for v in variants.variants(lab) if v.cell == cell]
        assert sum(not v.correct for v in of_cell) >= 5, f"{lab}/{cell}: fewer than 5 mistakes"
        assert sum(v.correct for v in of_cell) >= 2, f"{lab}/{cell}: fewer than 2 correct styles"


def test_seed_mistakes_are_in_the_suite():
    names = {(lab, v.name) for lab, v in ALL}
    assert SEED_MISTAKES <= names, SEED_MISTAKES - names


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_reference_solutions_pass_every_test_cell(lang):
    for lab in LABS:
        results = inprocess.grade_in_process(lab, {}, lang=lang)
        assert all(r.passed for r in results.values()), {c: r.message for c, r in results.items()}


def test_untouched_release_scores_zero():
    for lab in LABS:
        release = course_dir.release_notebook(lab)
        stubs = {c.metadata["nbgrader"]["grade_id"]: c.source for c in release.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
        results = inprocess.grade_in_process(lab, stubs)
        assert all(r.points == 0 for r in results.values())
        assert all("not written yet" in r.message for r in results.values()), {
            c: r.message for c, r in results.items()}


def _korean_mistakes():
    """Every mistake, except lab 7's beyond the first of each answer cell and the sample
    class's Korean students' (each of those grades a training run on MNIST; the English
    suite grades them all, with the same code)."""
    from autograder.authoring import sample_class
    korean = {(lab, name) for student in sample_class.KOREAN
              for lab, names in sample_class.STUDENTS[student].items() for name in names}
    chosen, seen = [], set()
    for lab, v in ALL:
        if v.correct:
            continue
        if lab != "ch07_two_layer_net" or (lab, v.cell) not in seen or (lab, v.name) in korean:
            seen.add((lab, v.cell))
            chosen.append((lab, v))
    return chosen


KOREAN = _korean_mistakes()
FUNCTION_WORDS = {"the", "a", "an", "is", "are", "was", "of", "to", "not", "with", "by", "must",
                  "be", "in", "it", "its", "and", "or", "from", "for", "on", "at", "as"}


def _english_prose(text) -> bool:
    """Words a message says in English (two function words or more), not a formula."""
    return bool(text) and len([w for w in text.lower().split() if w in FUNCTION_WORDS]) >= 2
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("lab,variant", KOREAN, ids=[f"{lab[:4]}-{v.name}" for lab, v in KOREAN])
def test_the_korean_edition_scores_a_mistake_alike_and_explains_it_in_korean(lab, variant):
    """The same mistake in the Korean lab fails the same cells, and every failed cell says
    why in Korean (not the English diagnosis)."""
    skip = NOT_USED_BY.get((lab, variant.cell), frozenset())
    results = inprocess.grade_in_process(lab, {variant.cell: variant.code}, lang="ko", skip=skip)
    failing = {cell for cell, result in results.items() if not result.passed}
    assert failing == set(variant.fails), variant.name
    for cell, diagnosis in variant.fails.items():
        message = results[cell].message
        assert HANGUL.search(message), f"{variant.name}: {cell} said, in no Korean:\n{message}"
        if _english_prose(diagnosis) and diagnosis not in variant.code:  # not a formula, nor
            assert diagnosis not in message, (                            # the student's words
                f"{variant.name}: {cell} said in English:\n{message}")
