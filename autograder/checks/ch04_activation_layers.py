"""Hidden checks of lab ch04_activation_layers: the Relu, Sigmoid and Tanh layers.

Every check draws arrays of random shapes per case (one sample (D,), a batch of 1 (1, D)
and a batch of N ≥ 2 (N, D)) and tries the student's layer on them: forward against the
exact function, the engine's behaviour checks (x and dout not mutated, linear in dout,
repeatable backward, state from the latest forward, shapes and dtypes, finite for inputs of
±1000), and backward against numerical gradients, naming the known mistakes (suspects).

ReLU has a kink at 0, where a numerical derivative means nothing (a central difference
there gives 0.5). So its gradient is checked on inputs at least KINK_MARGIN away from 0,
and ``relu_at_zero`` checks x = 0 exactly against the book's convention: the mask is
x <= 0, so at 0 the switch is off and dx = 0.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import CheckFailed, call, expect_close, method, rng_for

SECTION_RELU = "§5.5.1 (ReLU layer)"
SECTION_SIGMOID = "§5.5.2 (Sigmoid layer)"
SECTION_TANH = "the Tanh section of lecture 4 (an extension of §5.5: tanh′ = 1 − y²)"
LARGE = 1000.0      # inputs of ±LARGE must give finite outputs and gradients


# =========================================================================== sampling


def _shapes(rng: np.random.Generator, min_features: int = 1) -> list[tuple]:
    """A batch of N first (it shows the most in a message), then (D,) and (1, D)."""
    d = int(rng.integers(min_features, 7))
    single, batch_of_one, batch = gradcheck.random_shapes(rng, features=d)
    return [batch, single, batch_of_one]


def _relu_input(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values at least KINK_MARGIN from 0, with both signs present (shape has ≥ 2 elements)."""
    return gradcheck.redraw_until(
        lambda: gradcheck.random_array(rng, shape, margin=gradcheck.KINK_MARGIN),
        lambda x: bool(np.any(x > 0) and np.any(x < 0)))


def _large_input(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values of size 500 to 1000 with random signs, including exactly +1000 and −1000."""
    x = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(500.0, LARGE, size=shape)
    flat = x.reshape(-1)
    flat[0] = LARGE
    if flat.size > 1:
        flat[1] = -LARGE
    return x


def _sigmoid(x):
    """1 / (1 + exp(−x)) without overflow for any x."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


# =========================================================================== shared steps


def _forward(Layer, x: np.ndarray, what: str):
    """A fresh layer and its forward output on a copy of x."""
    layer = call(Layer, what=f"{what}()")
    out = call(method(layer, "forward", what), x.copy(), what=f"{what}.forward")
    return layer, out


def _backward(layer, dout: np.ndarray, what: str, saved: str):
    """layer.backward on a copy of dout; a missing attribute becomes a plain hint."""
    try:
        return call(method(layer, "backward", what), dout.copy(), what=f"{what}.backward")
    except CheckFailed as error:
        if "AttributeError" not in str(error):
            raise
        raise fail(f"✗ {error}\nLikely cause: backward reads something forward did not "
                   f"save. forward must store what backward needs on the layer, e.g. "
                   f"{saved}; a local variable disappears when forward returns.",
                   "missing_attribute") from None


# =========================================================================== Relu


def _relu_forward_suspects(x):
    return {
        "no mask": (x, "forward returned x unchanged: the elements where x <= 0 must become 0"),
        "inverted": (np.where(x > 0, 0.0, x),
                     "forward zeroed the positive inputs and kept the negative ones: the mask "
                     "is inverted. ReLU keeps x where x > 0 and outputs 0 where x <= 0"),
        "switch only": ((x > 0).astype(float),
                        "forward returned 0/1 (the switch) instead of the values: out is x "
                        "where x > 0, 0 elsewhere"),
    }


def _relu_dx_suspects(x, dout):
    return {
        "inverted": (np.where(x > 0, 0.0, dout),
                     "dx lets dout through where the forward input was ≤ 0 and blocks it where "
                     "it was > 0: the mask is inverted. dx = 0 where mask (x <= 0) is True, "
                     "dout elsewhere"),
        "no mask": (np.array(dout, dtype=float),
                    "dx equals dout everywhere: the mask was not applied. Where the forward "
                    "input was ≤ 0 the switch is off and dx must be 0"),
        "times output": (dout * np.maximum(x, 0.0),
                         "dx = dout·y: ReLU's local derivative is 1 where x > 0 (not y), so "
                         "dout passes through unchanged there"),
        "times input": (dout * x,
                        "dx = dout·x: ReLU's local derivative is 1 where x > 0 and 0 elsewhere; "
                        "it does not depend on the size of x"),
    }


def _expect_mask(layer, x: np.ndarray, where: str = "") -> None:
    """layer.mask must be the book's mask: a boolean array, True exactly where x <= 0."""
    mask = getattr(layer, "mask", None)
    store = "store it in forward as self.mask = (x <= 0), the book's name and meaning"
    if mask is None:
        raise fail(f"✗ Relu.mask is None after forward{where}.\nLikely cause: the mask was "
                   f"not saved: {store}. Re-read {SECTION_RELU}.", "relu_mask_missing")
    values = numbers(mask)
    if values is None or values.shape != x.shape:
        shape = getattr(values, "shape", type(mask).__name__)
        raise fail(f"✗ Relu.mask should be a boolean array of x's shape {x.shape}, but is "
                   f"{shape}.\nLikely cause: {store}. Re-read {SECTION_RELU}.",
                   "relu_mask_wrong_type")
    on, blocked = values != 0, x <= 0
    if np.array_equal(on, blocked):
        return
    if np.array_equal(on, ~blocked):
        cause = ("the mask is True where x > 0: the book's mask marks the elements that "
                 "are switched OFF, True where x <= 0")
    elif np.array_equal(on, x < 0):
        cause = ("the mask is False at x = 0: it was made with x < 0. The book's "
                 "convention is mask = (x <= 0), so at exactly 0 the switch is off")
    else:
        cause = f"the mask must be True exactly where x <= 0: {store}"
    index = tuple(int(i) for i in np.argwhere(on != blocked)[0])
    raise fail(f"✗ Relu.mask is wrong{where}: at index {index} x = {x[index]:.6g} and mask "
               f"is {bool(on[index])}, expected {bool(blocked[index])}.\nLikely cause: "
               f"{cause}. Re-read {SECTION_RELU}.", "relu_mask_wrong")


def relu(Relu, seed: int | None = None) -> None:
    """Relu on random arrays kept KINK_MARGIN away from 0, both signs in every array."""
    rng = rng_for("relu", seed)
    for shape in _shapes(rng, min_features=2):
        x = _relu_input(rng, shape)
        dout = rng.standard_normal(shape)
        layer, out = _forward(Relu, x, "Relu")
        expect_close("Relu.forward(x)", out, np.maximum(x, 0.0),
                     suspects=_relu_forward_suspects(x), section=SECTION_RELU)
        _expect_mask(layer, x)
        _backward(layer, dout, "Relu", "self.mask = (x <= 0)")
        # -x as the earlier input: every switch flips, so a stale mask always shows.
        behaviour.check_behaviour(Relu, (x,), dout, earlier_inputs=(-x,), section=SECTION_RELU)
        gradcheck.check_layer_backward(Relu(), (x,), dout, layer_name="Relu",
                                       section=SECTION_RELU, rng=rng,
                                       suspects={"dx": _relu_dx_suspects(x, dout)})


def relu_at_zero(Relu, seed: int | None = None) -> None:
    """x = 0 exactly: out = 0 and, by the book's convention (mask = x <= 0), dx = 0."""
    rng = rng_for("relu_at_zero", seed)
    for shape in _shapes(rng, min_features=2):
        x = _relu_input(rng, shape)
        zeros = rng.random(shape) < 0.4
        zeros.reshape(-1)[int(rng.integers(x.size))] = True
        x[zeros] = 0.0
        dout = gradcheck.random_array(rng, shape, margin=0.1)     # no dout is ~0
        layer, out = _forward(Relu, x, "Relu")
        expect_close("Relu.forward(x) with some x = 0", out, np.maximum(x, 0.0),
                     suspects=_relu_forward_suspects(x), section=SECTION_RELU)
        dx = _backward(layer, dout, "Relu", "self.mask = (x <= 0)")
        convention = ("at x = 0 exactly, backward let dout through: the mask treats 0 as "
                      "'on' (mask = x < 0, i.e. the rule ∂y/∂x = 1 for x ≥ 0). ReLU has no "
                      "derivative at 0, and the book chooses 0 there (equation 5.8: "
                      "∂y/∂x = 0 for x ≤ 0); this course follows it: mask = (x <= 0), so "
                      "dx = 0 where x = 0")
        expect_close("dx from Relu.backward with some x = 0", dx,
                     np.where(x <= 0, 0.0, dout), section=SECTION_RELU,
                     suspects={"x < 0 convention": (np.where(x < 0, 0.0, dout), convention),
                               "inverted": _relu_dx_suspects(x, dout)["inverted"]})
        _expect_mask(layer, x, where=" (with some x = 0)")


# =========================================================================== Sigmoid


def _sigmoid_forward_suspects(x):
    return {
        "exp sign": (_sigmoid(-x), "forward computes 1 / (1 + exp(x)): the sign inside exp "
                                   "is flipped, y = 1 / (1 + exp(−x))"),
        "no 1 +": (np.exp(x),
                   "forward computes 1 / exp(−x) = exp(x): the '+ 1' node is missing, "
                   "y = 1 / (1 + exp(−x))"),
        "tanh": (np.tanh(x), "forward computes tanh(x); the sigmoid is 1 / (1 + exp(−x))"),
    }


def _sigmoid_dx_suspects(x, dout):
    y = _sigmoid(x)
    with np.errstate(all="ignore"):
        exp_sign = dout * y ** 2 * np.exp(x)
    return {
        "missing 1 - y": (dout * y, "dx = dout·y: the factor (1 − y) is missing; "
                                    "dx = dout·y·(1 − y)"),
        "missing y": (dout * (1.0 - y), "dx = dout·(1 − y): the factor y is missing; "
                                        "dx = dout·y·(1 − y)"),
        "sign": (-dout * y * (1.0 - y),
                 "dx has the wrong sign. Along the graph, the '/' node's local derivative "
                 "is −1/x² = −y² and the '×(−1)' node's is −1: the two minus signs cancel, "
                 "dout·y²·exp(−x) = dout·y(1 − y). Losing one of them (e.g. writing the "
                 "'/' node's derivative as 1/x²) flips the sign"),
        "exp(x)": (exp_sign, "dx = dout·y²·exp(x): the exp node computed exp(−x) in "
                             "forward, so its local derivative is exp(−x); dx = "
                             "dout·y²·exp(−x), which simplifies to dout·y(1 − y)"),
        "input for output": (dout * x * (1.0 - x),
                             "dx = dout·x(1 − x): the formula y(1 − y) uses the OUTPUT y of "
                             "forward (store it, self.out = out), not the input x"),
        "tanh rule": (dout * (1.0 - y ** 2), "dx = dout·(1 − y²): that is tanh's derivative; "
                                             "the sigmoid's is y(1 − y)"),
    }


SIGMOID_OVERFLOW = {
    "forward": "an overflow: np.exp of a large number is inf, and inf / inf is NaN (as in "
               "exp(x) / (exp(x) + 1) at x = 1000). Use y = 1 / (1 + np.exp(−x)): there "
               "exp(1000) = inf only makes y = 1 / inf = 0, the right value.",
    "backward": "an overflow in backward: at x = −1000, y = 0 and exp(−x) = inf, so "
                "y²·exp(−x) is 0·inf = NaN. Use the simplified form dout·y·(1 − y) with the "
                "output y stored by forward: it takes no exp at all.",
}


def sigmoid(Sigmoid, seed: int | None = None) -> None:
    rng = rng_for("sigmoid", seed)
    shapes = _shapes(rng)
    for shape in shapes:
        x, earlier = (gradcheck.random_array(rng, shape, scale=2.0) for _ in range(2))
        dout = rng.standard_normal(shape)
        layer, out = _forward(Sigmoid, x, "Sigmoid")
        expect_close("Sigmoid.forward(x)", out, _sigmoid(x),
                     suspects=_sigmoid_forward_suspects(x), section=SECTION_SIGMOID)
        _backward(layer, dout, "Sigmoid", "self.out = out")
        behaviour.check_behaviour(Sigmoid, (x,), dout, earlier_inputs=(earlier,),
                                  section=SECTION_SIGMOID)
        gradcheck.check_layer_backward(Sigmoid(), (x,), dout, layer_name="Sigmoid",
                                       section=SECTION_SIGMOID, rng=rng,
                                       suspects={"dx": _sigmoid_dx_suspects(x, dout)})
    shape = shapes[0]
    behaviour.check_finite_for_large_inputs(Sigmoid, (_large_input(rng, shape),),
                                            rng.standard_normal(shape), section=SECTION_SIGMOID,
                                            causes=SIGMOID_OVERFLOW)


# =========================================================================== Tanh


def _tanh_forward_suspects(x):
    return {
        "tanh of x/2": (np.tanh(0.5 * x), "forward computes 2·sigmoid(x) − 1 = tanh(x/2): "
                                          "tanh(x) = 2·sigmoid(2x) − 1, with 2x inside"),
        "sigmoid": (_sigmoid(x), "forward computes the sigmoid; tanh(x) is np.tanh(x)"),
        "2 sigmoid": (2.0 * _sigmoid(2.0 * x), "forward computes 2·sigmoid(2x): tanh(x) = "
                                               "2·sigmoid(2x) − 1, the '− 1' is missing"),
    }


def _tanh_dx_suspects(x, dout):
    y = np.tanh(x)
    return {
        "1 - y": (dout * (1.0 - y), "dx = dout·(1 − y): y must be squared, dx = dout·(1 − y²)"),
        "y squared": (dout * y ** 2, "dx = dout·y²: the derivative of tanh is 1 − y², "
                                     "not y²"),
        "(1 - y) squared": (dout * (1.0 - y) ** 2, "dx = dout·(1 − y)²: square only y, "
                                                    "dx = dout·(1 − y²)"),
        "sigmoid rule": (dout * y * (1.0 - y), "dx = dout·y(1 − y): that is the sigmoid's "
                                               "derivative; tanh's is 1 − y²"),
        "input for output": (dout * (1.0 - x ** 2),
                             "dx = dout·(1 − x²): the formula 1 − y² uses the OUTPUT "
                             "y = tanh(x) of forward (store it), not the input x"),
        "sign": (dout * (y ** 2 - 1.0), "dx = dout·(y² − 1): the sign is flipped, "
                                        "dx = dout·(1 − y²)"),
    }


TANH_OVERFLOW = {
    "forward": "an overflow: (exp(x) − exp(−x)) / (exp(x) + exp(−x)) is inf / inf = NaN at "
               "x = ±1000. Use np.tanh(x), which never overflows.",
    "backward": "an overflow in backward: compute it from the output y stored by forward, "
                "dx = dout·(1 − y²), which takes no exp at all.",
}


def tanh(Tanh, seed: int | None = None) -> None:
    rng = rng_for("tanh", seed)
    shapes = _shapes(rng)
    for shape in shapes:
        x, earlier = (gradcheck.random_array(rng, shape, scale=2.0) for _ in range(2))
        dout = rng.standard_normal(shape)
        layer, out = _forward(Tanh, x, "Tanh")
        expect_close("Tanh.forward(x)", out, np.tanh(x), suspects=_tanh_forward_suspects(x),
                     section=SECTION_TANH)
        _backward(layer, dout, "Tanh", "self.out = out")
        behaviour.check_behaviour(Tanh, (x,), dout, earlier_inputs=(earlier,),
                                  section=SECTION_TANH)
        gradcheck.check_layer_backward(Tanh(), (x,), dout, layer_name="Tanh",
                                       section=SECTION_TANH, rng=rng,
                                       suspects={"dx": _tanh_dx_suspects(x, dout)})
    shape = shapes[0]
    behaviour.check_finite_for_large_inputs(Tanh, (_large_input(rng, shape),),
                                            rng.standard_normal(shape), section=SECTION_TANH,
                                            causes=TANH_OVERFLOW)
