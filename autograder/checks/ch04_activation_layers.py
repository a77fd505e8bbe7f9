"""Hidden checks of lab ch04_activation_layers, on the student's side: how the Relu, Sigmoid,
Tanh and Softplus layers behave (the judges in autograder/judging/ decide their values).

For arrays of random shapes (one sample (D,), a batch of 1 (1, D) and of N ≥ 2 (N, D)):
the layer's methods exist and run, backward finds what forward saved, the engine's
behaviour checks (x and dout not mutated, linear in dout, repeatable backward, state from
the latest forward, shapes and dtypes, finite for inputs of ±1000), and backward agrees
with numerical derivatives of the student's own forward. Nothing here knows the right
answer: that is the judges' part, on the grader's side.

ReLU has a kink at 0, where a numerical derivative means nothing, so its inputs stay at
least KINK_MARGIN away from 0 here; the judge tests x = 0 itself.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail
from autograder.checks.runtime import CheckFailed, call, method, rng_for
from autograder.checks.sections import see

SECTION_RELU = see("ch04_activation_layers", "2 · ReLU and its derivative", "§5.5.1")
SECTION_DOUT = see("ch04_activation_layers", "6 · Common slips", "§5.5.1")
SECTION_SIGMOID = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")
SECTION_TANH = see("ch04_activation_layers", "10 · An extension: Tanh")
SECTION_SOFTPLUS = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")
LARGE = 1000.0      # inputs of ±LARGE must give finite outputs and gradients

# The first line for a Relu.backward that zeroes dout in place, as the book's does (§5.5.1:
# `dout[self.mask] = 0; dx = dout`); the judge (autograder/judging/) says the same.
BOOK_RELU = ("The book's Relu.backward changes dout in place; this lab's layers must not "
             "(the caller, or another layer, may still need dout)")


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


def _runs(Layer, x: np.ndarray, dout: np.ndarray, what: str, saved: str) -> None:
    """A fresh layer's forward and backward run; a missing attribute becomes a plain hint."""
    layer = call(Layer, what=f"{what}()")
    call(method(layer, "forward", what), x.copy(), what=f"{what}.forward")
    try:
        call(method(layer, "backward", what), dout.copy(), what=f"{what}.backward")
    except CheckFailed as error:
        if "AttributeError" not in str(error):
            raise
        raise fail(f"✗ {error}", "missing_attribute",
                   cause=f"backward reads something forward did not save. forward must store "
                         f"what backward needs on the layer, e.g. {saved}; a local variable "
                         f"disappears when forward returns") from None


def _layer(Layer, rng, what: str, saved: str, section: str, make_input,
           earlier=None, large_causes=None) -> None:
    shapes = _shapes(rng, min_features=2 if what == "Relu" else 1)
    for shape in shapes:
        x, dout = make_input(shape), rng.standard_normal(shape)
        _runs(Layer, x, dout, what, saved)
        behaviour.check_behaviour(Layer, (x,), dout, section=section,
                                  earlier_inputs=(earlier(x) if earlier else make_input(shape),))
        gradcheck.check_layer_backward(Layer(), (x,), dout, layer_name=what, section=section,
                                       rng=rng)
    if large_causes:
        shape = shapes[0]
        behaviour.check_finite_for_large_inputs(Layer, (_large_input(rng, shape),),
                                                rng.standard_normal(shape), section=section,
                                                causes=large_causes)


def relu(Relu, seed: int | None = None) -> None:
    """Relu on random arrays kept KINK_MARGIN away from 0, both signs in every array. The
    earlier forward of the stale-state check gets −x: every switch flips. A backward that
    changes dout in place (the book's) is told so in the first line."""
    rng = rng_for("relu", seed)
    try:
        _layer(Relu, rng, "Relu", "self.mask = (x <= 0)", SECTION_RELU,
               lambda shape: _relu_input(rng, shape), earlier=lambda x: -x)
    except CheckFailed as error:
        diagnosis = getattr(error, "diagnosis", None)
        if diagnosis is None or diagnosis.name != "dout_mutated":
            raise
        raise fail(f"✗ {BOOK_RELU}.\n{str(error).splitlines()[0]}", "dout_mutated",
                   cause=behaviour.DOUT_MUTATED, section=SECTION_DOUT) from None


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
    _layer(Sigmoid, rng, "Sigmoid", "self.out = out", SECTION_SIGMOID,
           lambda shape: gradcheck.random_array(rng, shape, scale=2.0),
           large_causes=SIGMOID_OVERFLOW)


TANH_OVERFLOW = {
    "forward": "an overflow: (exp(x) − exp(−x)) / (exp(x) + exp(−x)) is inf / inf = NaN at "
               "x = ±1000. Use np.tanh(x), which never overflows.",
    "backward": "an overflow in backward: compute it from the output y stored by forward, "
                "dx = dout·(1 − y²), which takes no exp at all.",
}


def tanh(Tanh, seed: int | None = None) -> None:
    rng = rng_for("tanh", seed)
    _layer(Tanh, rng, "Tanh", "self.out = out", SECTION_TANH,
           lambda shape: gradcheck.random_array(rng, shape, scale=2.0),
           large_causes=TANH_OVERFLOW)


SOFTPLUS_OVERFLOW = {
    "forward": "an overflow: np.exp(1000) is inf, so np.log(1 + np.exp(x)) is inf at x = 1000, "
               "where softplus is 1000. Use the forward the lab gives, np.logaddexp(0.0, x): the "
               "exp inside it only sees numbers <= 0.",
    "backward": "exp overflows for large x: at x = 1000, np.exp(x) is inf, and inf / inf is "
                "NaN. Rewrite it so that it only exponentiates non-positive numbers (multiply "
                "numerator and denominator by the same factor), or use your Sigmoid.",
}


def softplus(Softplus, seed: int | None = None) -> None:
    """Softplus on random arrays of scale 3 (both tails), then on inputs of ±1000."""
    rng = rng_for("softplus", seed)
    _layer(Softplus, rng, "Softplus", "self.x = x", SECTION_SOFTPLUS,
           lambda shape: gradcheck.random_array(rng, shape, scale=3.0),
           large_causes=SOFTPLUS_OVERFLOW)
