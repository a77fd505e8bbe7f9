"""The gradient-check engine: numbers, verdicts, diagnoses end to end, and calibration.

Calibration (test_calibration_*): every reference layer of tests/reference_layers.py passes
on >= 1,000 random seeds and shapes with a tolerance 1000x TIGHTER than GRAD_RTOL (nets:
20x), and every known mistake fails with its own diagnosis, even with a tolerance 100x
LOOSER wherever it changes the result by >= 0.1 (the typical case). Together they show the
margin GRAD_RTOL has on both sides (see the comment on the tolerances in gradcheck.py).
"""
import ast
import importlib.util
import inspect
from pathlib import Path

import numpy as np
import pytest
import reference_layers as R

from autograder.checks import gradcheck as G
from autograder.provided.checker import CheckFailed
from autograder.provided.numerical_gradient import (
    numerical_gradient as provided_gradient,
)

SEEDS = 1000
PROVIDED = Path(G.__file__).parents[1] / "provided" / "numerical_gradient.py"


def cube_sum(x):
    return float(np.sum(x ** 3))


def raises(diagnosis, fn, *args, **kwargs) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        fn(*args, **kwargs)
    assert getattr(getattr(caught.value, "diagnosis", None), "name", None) == diagnosis, str(caught.value)
    return caught.value


# =========================================================================== numbers


@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 3, 4)])
def test_numerical_gradient_of_any_shape(shape):
    x = np.random.default_rng(0).standard_normal(shape)
    assert np.allclose(G.numerical_gradient(cube_sum, x), 3 * x ** 2, rtol=1e-7, atol=2e-8)


def test_numerical_gradient_restores_x_exactly_even_when_f_raises():
    x = np.random.default_rng(1).standard_normal((3, 4))
    before = x.copy()
    G.numerical_gradient(cube_sum, x)
    assert np.array_equal(x, before)
    calls = []

    def breaks_on_fifth_call(z):
        calls.append(1)
        if len(calls) == 5:
            raise ZeroDivisionError
        return cube_sum(z)

    with pytest.raises(ZeroDivisionError):
        G.numerical_gradient(breaks_on_fifth_call, x)
    assert np.array_equal(x, before)


def test_numerical_gradient_of_a_parameter_read_through_a_layer():
    layer = R.Affine(np.ones((2, 3)), np.zeros(3))
    x = np.array([[1.0, 2.0]])
    grad = G.numerical_gradient(lambda _: float(np.sum(layer.forward(x))), layer.W)
    assert np.allclose(grad, [[1, 1, 1], [2, 2, 2]])


def test_numerical_gradient_refuses_non_float64_and_non_scalar_f():
    raises("wrong_dtype", G.numerical_gradient, cube_sum, np.arange(3))
    raises("wrong_dtype", G.numerical_gradient, cube_sum, np.ones(3, dtype=np.float32))
    raises("not_a_scalar", G.numerical_gradient, lambda z: z * 2, np.ones(3))


def test_directional_derivatives_are_projections_of_the_gradient():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((4, 5))
    before = x.copy()
    v = G.random_unit_directions(rng, x.shape, 3)
    assert v.shape == (3, 4, 5)
    assert np.allclose(np.sqrt(np.sum(v ** 2, axis=(1, 2))), 1.0)
    slopes = G.directional_derivatives(cube_sum, x, v)
    assert np.allclose(slopes, np.tensordot(v, 3 * x ** 2, axes=2), rtol=1e-7)
    assert np.array_equal(x, before)


def test_relative_error():
    a = np.array([1.0, -2.0, 3.0])
    assert G.relative_error(a, a) == 0.0
    assert G.relative_error(np.zeros(3), a) == 1.0
    assert G.relative_error(-a, a) == 2.0
    assert G.relative_error(1e-12 * a, 0 * a) < G.GRAD_RTOL      # below the absolute floor
    assert G.relative_error(2.0, 1.0) == 0.5


# =========================================================================== sampling


def test_random_array_keeps_away_from_the_kink():
    x = G.random_array(np.random.default_rng(3), (1000,), margin=G.KINK_MARGIN)
    assert x.dtype == np.float64 and np.min(np.abs(x)) >= G.KINK_MARGIN
    assert np.any(x < 0) and np.any(x > 0)


def test_random_shapes_cover_vector_batch_of_one_and_batch():
    (d,), (one, d1), (n, d2) = G.random_shapes(np.random.default_rng(4))
    assert one == 1 and n >= 2 and d == d1 == d2
    assert G.random_shapes(np.random.default_rng(4), features=7)[0] == (7,)


def test_random_labels():
    rng = np.random.default_rng(5)
    one_hot = G.random_labels(rng, 6, 4, one_hot=True)
    assert one_hot.shape == (6, 4) and np.all(one_hot.sum(axis=1) == 1)
    labels = G.random_labels(rng, 6, 4, one_hot=False)
    assert labels.shape == (6,) and labels.dtype.kind == "i" and labels.max() < 4
    scores = 10 * rng.standard_normal((200, 10))
    picked = G.random_labels(rng, 200, 10, one_hot=False, scores=scores)
    y = R.softmax(scores)[np.arange(200), picked]
    assert np.all(y >= np.exp(-G.LIKELY_SCORE_GAP) / 10)     # never a hopeless true class (C = 10)
    assert np.all(y >= np.exp(-G.LIKELY_SCORE_GAP) * R.softmax(scores).max(axis=1))


def test_redraw_until():
    rng = np.random.default_rng(6)
    assert G.redraw_until(lambda: rng.integers(10), lambda k: k == 3) == 3
    with pytest.raises(RuntimeError):
        G.redraw_until(lambda: 1, lambda k: k == 3, tries=5)


# =========================================================================== verdicts


def test_assert_gradient_close_passes_and_fails_with_a_diagnosis():
    expected = np.random.default_rng(7).standard_normal((3, 2))
    G.assert_gradient_close("dx", expected * (1 + 1e-7), expected)
    error = raises("sign_flipped", G.assert_gradient_close, "dx", -expected, expected,
                   section="§5.5.2 Sigmoid layer")
    message = str(error)
    assert message.startswith("✗ dx is wrong.")
    assert "relative error 2 (at most 0.001 passes)" in message
    assert message.endswith("Re-read §5.5.2 Sigmoid layer.")


def test_check_gradient_switches_to_directions_for_large_arrays():
    x = np.random.default_rng(8).standard_normal(G.ELEMENTWISE_LIMIT + 1)
    calls = []

    def f(z):
        calls.append(1)
        return cube_sum(z)

    G.check_gradient("dx", 3 * x ** 2, f, x)
    assert len(calls) == 2 * G.DIRECTIONS
    raises("missing_divide_by_N", G.check_gradient, "dx", 6 * x ** 2, f, x, batch_size=2)


def test_directional_failure_reports_real_element_indices():
    x = np.random.default_rng(9).standard_normal((40, 30))
    error = raises("sign_flipped", G.check_directional, "dW", -3 * x ** 2, cube_sum, x,
                   rng=np.random.default_rng(0))
    assert "(compared at 12 sampled elements)" in str(error)
    worst = str(error).split("worst element (")[1].split(")")[0]
    i, j = (int(k) for k in worst.split(", "))
    assert 0 <= i < 40 and 0 <= j < 30


def test_directional_check_diagnoses_shape_type_and_nan():
    x = np.random.default_rng(10).standard_normal((40, 30))
    rng = np.random.default_rng(0)
    assert "expected shape (40, 30), got (30, 40)" in str(raises(
        "transposed_shape", G.check_directional, "dW", (3 * x ** 2).T, cube_sum, x, rng=rng))
    raises("returned_none", G.check_directional, "dW", None, cube_sum, x, rng=rng)
    raises("wrong_type", G.check_directional, "dW", (x, x), cube_sum, x, rng=rng)
    bad = 3 * x ** 2
    bad[5, 5] = np.nan
    raises("not_finite", G.check_directional, "dW", bad, cube_sum, x, rng=rng)


def test_student_exceptions_become_messages():
    class Unwritten:
        def forward(self, x):
            raise NotImplementedError()

    class Crashing:
        def forward(self, x):
            return x.T @ x.T

    raises("not_implemented", G.check_layer_backward, Unwritten(), (np.ones((2, 3)),))
    error = raises("raised", G.check_layer_backward, Crashing(), (np.ones((2, 3)),))
    assert "Crashing.forward raised ValueError" in str(error)


def test_no_numpy_warning_escapes_from_student_code(recwarn):
    raises("forward_not_finite", G.check_layer_backward, R.SigmoidOverflowing(),
           (np.array([-800.0, 0.5, 800.0]),))
    assert not recwarn.list


def test_parameters_are_restored_after_the_check():
    rng = np.random.default_rng(11)
    W, b = rng.standard_normal((3, 2)), rng.standard_normal(2)
    layer = R.Affine(W.copy(), b.copy())
    G.check_layer_backward(layer, (rng.standard_normal((4, 3)),), param_grads={"W": "dW", "b": "db"})
    assert np.array_equal(layer.W, W) and np.array_equal(layer.b, b)


def test_missing_gradient_attribute_and_wrong_return_count():
    class AffineLowercase(R.Affine):          # seed 003 stores self.dw, not self.dW
        def backward(self, dout):
            dx = super().backward(dout)
            self.dw = self.__dict__.pop("dW")
            return dx

    rng = np.random.default_rng(12)
    layer = AffineLowercase(rng.standard_normal((3, 2)), np.zeros(2))
    error = raises("missing_attribute", G.check_layer_backward, layer,
                   (rng.standard_normal((4, 3)),), param_grads={"W": "dW"})
    assert "self.dW" in str(error)
    raises("wrong_return_count", G.check_layer_backward, R.Relu(),
           (G.random_array(rng, (3,), margin=0.1),), grad_names=("dx", "dy"))


def test_mul_layer_example_from_the_docs():
    """The call a chapter's hidden check makes (see the report / module docstring)."""
    rng = np.random.default_rng(13)
    x, y, dout = (rng.standard_normal((3, 4)) for _ in range(3))
    suspects = {"dx": {"not_swapped": (dout * x, "dx equals dout·x: the inputs of a multiply "
                                       "node must be swapped, dx = dout·y.")}}
    G.check_layer_backward(R.MulLayer(), (x, y), dout, grad_names=("dx", "dy"),
                           suspects=suspects, section="§5.4.1 multiply layer")
    error = raises("suspect:not_swapped", G.check_layer_backward, R.MulLayerNotSwapped(),
                   (x, y), dout, grad_names=("dx", "dy"), suspects=suspects,
                   section="§5.4.1 multiply layer")
    assert str(error).startswith("✗ dx from MulLayerNotSwapped.backward is wrong.")


def test_relu_without_mask_on_negative_inputs_is_expected_zero():
    x = -np.abs(G.random_array(np.random.default_rng(14), (3, 4), margin=0.1))
    raises("expected_zero", G.check_layer_backward, R.ReluNoMask(), (x,))


def test_nan_from_backward_is_diagnosed():
    class TanhNaN(R.Tanh):
        def backward(self, dout):
            return dout * (1.0 - self.out ** 2) * np.where(self.out > 0, np.nan, 1.0)

    x = np.array([[0.5, -0.5], [1.0, -1.0]])
    raises("not_finite", G.check_layer_backward, TanhNaN(), (x,))


# =========================================================================== calibration


def run_case(case, rng, rtol):
    return G.check_layer_backward(case.make_layer(), case.inputs, case.dout,
                                  grad_names=case.grad_names, param_grads=case.param_grads,
                                  rng=rng, rtol=rtol, **case.context)


@pytest.mark.parametrize("kind", R.LAYER_KINDS)
def test_calibration_reference_layers_pass_with_1000x_tighter_tolerance(kind):
    for seed in range(SEEDS):
        rng = np.random.default_rng([seed, 1])
        run_case(R.layer_case(kind, rng), rng, G.GRAD_RTOL / 1000)


@pytest.mark.parametrize("method", ["elements", "directions"])
def test_calibration_two_layer_net_passes_with_20x_tighter_tolerance(method):
    # Not 1000x: the book's log(y + 1e-7) puts a correct net at up to ~1e-5.
    for seed in range(SEEDS):
        rng = np.random.default_rng([seed, 2])
        net, x, t = R.net_case(rng)
        G.check_net_gradients(net, x, t, rng=rng, method=method, rtol=G.GRAD_RTOL / 20)


def test_calibration_mnist_sized_net_passes_with_20x_tighter_tolerance():
    for seed in range(100):
        rng = np.random.default_rng([seed, 3])
        net, x, t = R.net_case(rng, sizes=(784, 50, 10))
        G.check_net_gradients(net, x, t, rng=rng, method="directions", rtol=G.GRAD_RTOL / 20)


# (kind, buggy class, diagnoses it may get, suspects(case, dout) or None)
MISTAKES = [
    ("mul", R.MulLayerNotSwapped, {"suspect:not_swapped"},
     lambda case, dout: {"dx": {"not_swapped": (dout * case.inputs[0], "not swapped")}}),
    ("add", R.AddLayerDoubled, {"scaled"}, None),
    ("relu", R.ReluReturnsTuple, {"wrong_type"}, None),
    ("sigmoid", R.SigmoidSignFlipped, {"sign_flipped"}, None),
    ("tanh", R.TanhNoReturn, {"returned_none"}, None),
    ("affine", R.AffineDbNotSummed, {"bias_not_summed"}, None),
    ("affine", R.AffineDwTransposed, {"transposed_shape", "transposed"}, None),
    ("affine", R.AffineNoReshape, {"wrong_shape"}, None),
    ("affine", R.AffineZeroDw, {"all_zeros"}, None),
    ("softmax_with_loss", R.SoftmaxWithLossNoDivide, {"missing_divide_by_N"}, None),
    ("softmax_with_loss", R.SoftmaxWithLossDividedTwice, {"divided_by_N_twice"}, None),
]


def mistake_size(case, buggy_case, dout) -> float:
    """How much the mistake changes backward's results on these inputs (relative_error).

    0 for the equivalent cases (N = 1 for the /N mistakes, a 1×1 W for a transpose) and
    small when x ≈ y makes swapping a multiply node's inputs hardly matter.
    """
    results = []
    for make in (case.make_layer, buggy_case.make_layer):
        layer = make()
        layer.forward(*[np.array(v) for v in case.inputs])
        out = layer.backward(np.array(dout))
        out = list(out) if len(case.grad_names) > 1 else [out]
        results.append(out + [getattr(layer, g, None) for g in case.param_grads.values()])
    sizes = [np.inf if a is None or b is None or np.shape(a) != np.shape(b)
             else G.relative_error(b, a) for a, b in zip(*results)]
    return max(sizes)


@pytest.mark.parametrize("kind, buggy, diagnoses, suspects", MISTAKES,
                         ids=[m[1].__name__ for m in MISTAKES])
def test_calibration_mistakes_fail_with_their_diagnosis(kind, buggy, diagnoses, suspects):
    """Wherever a mistake changes the result by 10x the tolerance, it fails, diagnosed; and
    it fails even with a 100x looser tolerance whenever it changes the result by >= 0.1."""
    sizes = []
    for seed in range(200):
        case = R.layer_case(kind, np.random.default_rng([seed, 4]))
        buggy_case = R.layer_case(kind, np.random.default_rng([seed, 4]), cls=buggy)
        rng = np.random.default_rng(seed)
        out = case.make_layer().forward(*[np.array(v) for v in case.inputs])
        dout = case.dout if case.dout is not None else rng.standard_normal(np.shape(out))
        size = mistake_size(case, buggy_case, dout)
        if size < 10 * G.GRAD_RTOL:
            continue
        sizes.append(size)
        rtol = G.GRAD_RTOL * 100 if size >= 0.1 else G.GRAD_RTOL
        with pytest.raises(CheckFailed) as caught:
            G.check_layer_backward(buggy_case.make_layer(), case.inputs, dout,
                                   grad_names=case.grad_names, param_grads=case.param_grads,
                                   suspects=suspects and suspects(case, dout), rng=rng,
                                   rtol=rtol, **case.context)
        assert caught.value.diagnosis.name in diagnoses, str(caught.value)
    assert len(sizes) >= 50 and np.median(sizes) >= 0.1


@pytest.mark.parametrize("buggy, diagnoses", [
    (R.TwoLayerNetNoDivide, {"missing_divide_by_N"}),
    (R.TwoLayerNetWholeBatchSoftmax, None),           # seed 003: caught, cause unexplained
])
@pytest.mark.parametrize("sizes, method", [(None, "elements"), (None, "directions"),
                                           ((784, 50, 10), "auto")])
def test_calibration_buggy_nets_fail_with_100x_looser_tolerance(buggy, diagnoses, sizes,
                                                                 method):
    for seed in range(100 if sizes is None else 10):
        rng = np.random.default_rng([seed, 5])
        net, x, t = R.net_case(rng, cls=buggy, sizes=sizes, batch=int(rng.integers(2, 6)))
        with pytest.raises(CheckFailed) as caught:
            G.check_net_gradients(net, x, t, rng=rng, method=method, rtol=G.GRAD_RTOL * 100)
        assert diagnoses is None or caught.value.diagnosis.name in diagnoses, str(caught.value)


# =========================================================================== provided


def test_provided_numerical_gradient_matches_the_engine():
    rng = np.random.default_rng(15)
    for shape in [(), (4,), (3, 2), (2, 2, 3)]:
        x = rng.standard_normal(shape)
        before = x.copy()
        assert np.allclose(provided_gradient(cube_sum, x), G.numerical_gradient(cube_sum, x),
                           rtol=1e-6, atol=1e-9)
        assert np.array_equal(x, before)


def test_provided_numerical_gradient_works_the_book_way_through_shared_params():
    rng = np.random.default_rng(16)
    net, x, t = R.net_case(rng, sizes=(4, 3, 2), batch=3)
    grads = net.gradient(x, t)
    numeric = provided_gradient(lambda w: net.loss(x, t), net.params["W1"])
    assert G.relative_error(numeric, grads["W1"]) < 1e-6


def test_provided_numerical_gradient_refuses_integers():
    with pytest.raises(TypeError, match="float64"):
        provided_gradient(cube_sum, np.arange(3))


def test_provided_numerical_gradient_is_short_numpy_only_and_documented():
    source = PROVIDED.read_text(encoding="utf-8")
    tree = ast.parse(source)
    imports = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names]
    assert imports == ["numpy"] and not any(isinstance(n, ast.ImportFrom) for n in ast.walk(tree))
    assert ast.get_docstring(tree) and "shape" in inspect.getdoc(provided_gradient)
    assert len(source.splitlines()) <= 35


# =========================================================================== benchmark


def load_benchmark():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "gradcheck_speed.py"
    spec = importlib.util.spec_from_file_location("gradcheck_speed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_core_runs_on_a_tiny_net_and_verdicts_agree():
    bench = load_benchmark()
    for label, cls in bench.NETS.items():
        result = bench.compare(cls, sizes=(6, 4, 3), batch=3, seed=1)
        assert result["engine_verdict"].split()[0] == result["book_verdict"], label
        assert (result["book_verdict"] == "PASS") == (label == "correct"), label
        assert result["parameters"] == 6 * 4 + 4 + 4 * 3 + 3


def test_numerical_layer_gradient_for_inputs_and_parameters():
    rng = np.random.default_rng(17)
    W, b, x = rng.standard_normal((3, 2)), rng.standard_normal(2), rng.standard_normal((4, 3))
    dout = rng.standard_normal((4, 2))
    layer = R.Affine(W.copy(), b.copy())
    assert np.allclose(G.numerical_layer_gradient(layer, (x,), dout, 0), dout @ W.T)
    assert np.allclose(G.numerical_layer_gradient(layer, (x,), dout, "W"), x.T @ dout)
    assert np.allclose(G.numerical_layer_gradient(layer, (x,), dout, "b"), dout.sum(axis=0))
    assert np.array_equal(layer.W, W)


def test_directional_failure_outside_the_sampled_elements_shows_the_slopes():
    x = np.random.default_rng(18).standard_normal(5000)
    got = 3 * x ** 2
    got[np.argsort(np.abs(got))[-100:-80]] *= -1    # wrong at 20 of 5000 elements only
    error = raises("unexplained", G.check_directional, "dx", got, cube_sum, x,
                   rng=np.random.default_rng(0))
    assert "along random directions v, <dx, v> = [" in str(error)
