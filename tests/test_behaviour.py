"""Behaviour checks: correct layers pass, each behavioural mistake gets its own diagnosis."""
import numpy as np
import pytest
import reference_layers as R

from autograder.checks import behaviour as B
from autograder.checks import gradcheck as G
from autograder.provided.checker import CheckFailed

RNG = np.random.default_rng(21)
X = G.random_array(RNG, (3, 4), margin=0.1)
X_OTHER = G.random_array(RNG, (3, 4), margin=0.1)
DOUT = RNG.standard_normal((3, 4))
W, BIAS = RNG.standard_normal((4, 2)), RNG.standard_normal(2)
AFFINE_DOUT = RNG.standard_normal((3, 2))


def raises(diagnosis, fn, *args, **kwargs) -> str:
    with pytest.raises(CheckFailed) as caught:
        fn(*args, **kwargs)
    assert caught.value.diagnosis.name == diagnosis, str(caught.value)
    return str(caught.value)


def other_inputs(inputs, rng):
    """The same inputs with another first one (x); labels and y are kept."""
    return (G.random_array(rng, np.shape(inputs[0]), margin=G.KINK_MARGIN), *inputs[1:])


@pytest.mark.parametrize("kind", R.LAYER_KINDS)
def test_reference_layers_behave(kind):
    for seed in range(100):
        rng = np.random.default_rng([seed, 6])
        case = R.layer_case(kind, rng)
        out = case.make_layer().forward(*[np.array(v) for v in case.inputs])
        dout = case.dout if case.dout is not None else rng.standard_normal(np.shape(out))
        large = tuple(1000 * np.asarray(v) if np.asarray(v).dtype.kind == "f" else v
                      for v in case.inputs)
        B.check_behaviour(case.make_layer, case.inputs, dout,
                          earlier_inputs=other_inputs(case.inputs, rng), large_inputs=large,
                          grad_names=case.grad_names, param_grads=case.param_grads,
                          out_shape=np.shape(out), linear=kind != "softmax_with_loss")


def test_seed_004_relu_mutating_dout():
    message = raises("dout_mutated", B.check_behaviour, R.ReluMutatesDout, (X,), DOUT)
    assert "in-place mutation" in message and "dx = dout.copy()" in message
    assert "np.where" in message and "§5.5.1 ReLU layer" in message


def test_forward_mutating_its_input():
    message = raises("input_mutated", B.check_behaviour, R.ReluMutatesInput, (X,), DOUT)
    assert "x.copy()" in message


def test_backward_without_dout_is_not_linear():
    raises("not_linear_in_dout", B.check_behaviour, R.SigmoidWithoutDout, (X,), DOUT)


def test_the_books_softmax_with_loss_ignores_dout_so_skip_linearity():
    class BookSoftmaxWithLoss(R.SoftmaxWithLoss):
        def backward(self, dout=1):
            return (self.y - R.as_one_hot(self.t, self.y)) / self.y.shape[0]

    x, t = G.random_scores_and_labels(RNG, 4, 3, one_hot=False)
    B.check_behaviour(BookSoftmaxWithLoss, (x, t), 1.0, linear=False, large_inputs=(1000 * x, t))
    raises("not_linear_in_dout", B.check_behaviour, BookSoftmaxWithLoss, (x, t), 1.0)


def test_backward_that_edits_saved_state_is_not_repeatable():
    raises("backward_not_repeatable", B.check_behaviour, R.TanhConsumesState, (X,), DOUT)


def test_accumulating_parameter_gradient_is_not_repeatable():
    message = raises("backward_not_repeatable", B.check_behaviour,
                     lambda: R.AffineDwAccumulates(W.copy(), BIAS.copy()), (X,), AFFINE_DOUT,
                     param_grads={"W": "dW", "b": "db"})
    assert "self.dW +=" in message


def test_state_saved_only_by_the_first_forward_is_stale():
    message = raises("stale_forward_state", B.check_behaviour, R.ReluStaleMask, (X,), DOUT,
                     earlier_inputs=(X_OTHER,))
    assert "if self.mask is None" in message


def test_results_must_keep_shapes_and_float64():
    raises("wrong_dtype", B.check_behaviour, R.TanhFloat32, (X,), DOUT)
    x4 = RNG.standard_normal((3, 2, 2))
    raises("wrong_output_shape", B.check_behaviour,
           lambda: R.AffineNoReshape(W.copy(), BIAS.copy()), (x4,), AFFINE_DOUT,
           param_grads={"W": "dW", "b": "db"})
    raises("wrong_output_shape", B.check_shapes_and_dtypes, R.Relu, (X,), DOUT,
           out_shape=(4, 3))
    raises("wrong_type", B.check_behaviour, R.TanhNoReturn, (X,), DOUT)


def test_overflow_for_large_inputs_without_warnings(recwarn):
    message = raises("overflow", B.check_behaviour, R.SigmoidOverflowing, (X,), DOUT,
                     large_inputs=(1000 * X,))
    assert "Subtract the max before exp" in message

    class UnstableSoftmaxWithLoss(R.SoftmaxWithLoss):
        def forward(self, x, t):
            exp = np.exp(x)
            self.y, self.t = exp / exp.sum(axis=1, keepdims=True), t
            return R.cross_entropy_error(self.y, t)

    x, t = G.random_scores_and_labels(RNG, 4, 3, one_hot=True)
    raises("overflow", B.check_finite_for_large_inputs, UnstableSoftmaxWithLoss, (1000 * x, t), 1.0)
    assert not recwarn.list


def test_the_books_sigmoid_is_fine_for_large_inputs(recwarn):
    class BookSigmoid(R.Sigmoid):
        def forward(self, x):
            self.out = 1 / (1 + np.exp(-x))        # exp(1000) = inf, 1 / inf = 0: finite
            return self.out

    B.check_finite_for_large_inputs(BookSigmoid, (1000 * X,), DOUT)
    assert not recwarn.list


def test_python_numbers_are_fine():
    B.check_behaviour(R.MulLayer, (100.0, 2.0), 1.0, earlier_inputs=(3.0, 4.0),
                      grad_names=("dx", "dy"))


def test_student_exceptions_become_messages():
    class Unwritten(R.Relu):
        def backward(self, dout):
            raise NotImplementedError()

    raises("not_implemented", B.check_behaviour, Unwritten, (X,), DOUT)


def test_backward_returning_none_the_second_time():
    class Forgetful(R.Relu):
        def backward(self, dout):
            if getattr(self, "used", False):
                return None
            self.used = True
            return super().backward(dout)

    message = raises("backward_not_repeatable", B.check_repeatable_backward, Forgetful, (X,), DOUT)
    assert "differ in shape or type" in message
