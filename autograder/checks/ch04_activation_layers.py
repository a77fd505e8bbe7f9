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
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "ch04.book_relu_in_place": {
        "en": "The book's Relu.backward changes dout in place; this lab's layers must not "
              "(the caller, or another layer, may still need dout)",
        "ko": "책의 Relu.backward는 dout을 제자리에서 바꾸지만, 이 실습의 계층은 그러면 안 됩니다 "
              "(호출한 쪽이나 다른 계층이 아직 dout을 써야 할 수 있습니다)"},
    "ch04.forward_did_not_save": {
        "en": "backward reads something forward did not save. forward must store what "
              "backward needs on the layer, e.g. {saved}; a local variable disappears when "
              "forward returns",
        "ko": "backward가 forward에서 저장하지 않은 값을 읽습니다. backward에 필요한 값은 forward에서 "
              "계층에 저장하세요. 예: {saved}. 지역 변수는 forward가 반환되면 사라집니다"},
    "ch04.sigmoid_overflow_forward": {
        "en": "an overflow: np.exp of a large number is inf, and inf / inf is NaN (as in "
              "exp(x) / (exp(x) + 1) at x = 1000). Use y = 1 / (1 + np.exp(−x)): there "
              "exp(1000) = inf only makes y = 1 / inf = 0, the right value.",
        "ko": "오버플로입니다. 큰 수의 np.exp는 inf이고 inf / inf는 NaN입니다 (x = 1000에서 "
              "exp(x) / (exp(x) + 1)이 그렇습니다). y = 1 / (1 + np.exp(−x))를 쓰세요. 이 식에서는 "
              "exp(1000) = inf가 되어도 y = 1 / inf = 0으로, 올바른 값이 나옵니다."},
    "ch04.sigmoid_overflow_backward": {
        "en": "an overflow in backward: at x = −1000, y = 0 and exp(−x) = inf, so "
              "y²·exp(−x) is 0·inf = NaN. Use the simplified form dout·y·(1 − y) with the "
              "output y stored by forward: it takes no exp at all.",
        "ko": "backward에서 오버플로가 났습니다. x = −1000에서 y = 0, exp(−x) = inf이므로 "
              "y²·exp(−x)는 0·inf = NaN입니다. forward가 저장한 출력 y로 간소화한 식 "
              "dout·y·(1 − y)를 쓰세요. 이 식에는 exp가 전혀 없습니다."},
    "ch04.tanh_overflow_forward": {
        "en": "an overflow: (exp(x) − exp(−x)) / (exp(x) + exp(−x)) is inf / inf = NaN at "
              "x = ±1000. Use np.tanh(x), which never overflows.",
        "ko": "오버플로입니다. x = ±1000에서 (exp(x) − exp(−x)) / (exp(x) + exp(−x))는 "
              "inf / inf = NaN입니다. 오버플로가 일어나지 않는 np.tanh(x)를 쓰세요."},
    "ch04.tanh_overflow_backward": {
        "en": "an overflow in backward: compute it from the output y stored by forward, "
              "dx = dout·(1 − y²), which takes no exp at all.",
        "ko": "backward에서 오버플로가 났습니다. forward가 저장한 출력 y로 계산하세요: "
              "dx = dout·(1 − y²). 이 식에는 exp가 전혀 없습니다."},
    "ch04.softplus_overflow_forward": {
        "en": "an overflow: np.exp(1000) is inf, so np.log(1 + np.exp(x)) is inf at x = 1000, "
              "where softplus is 1000. Use the forward the lab gives, np.logaddexp(0.0, x): the "
              "exp inside it only sees numbers <= 0.",
        "ko": "오버플로입니다. np.exp(1000)은 inf이므로 x = 1000에서 np.log(1 + np.exp(x))도 "
              "inf입니다. 하지만 그곳의 softplus 값은 1000입니다. 실습에서 주는 forward인 "
              "np.logaddexp(0.0, x)를 쓰세요. 그 안의 exp는 0 이하의 수만 받습니다."},
    "ch04.softplus_overflow_backward": {
        "en": "exp overflows for large x: at x = 1000, np.exp(x) is inf, and inf / inf is "
              "NaN. Rewrite it so that it only exponentiates non-positive numbers (multiply "
              "numerator and denominator by the same factor), or use your Sigmoid.",
        "ko": "x가 크면 exp가 오버플로합니다. x = 1000에서 np.exp(x)는 inf이고 inf / inf는 "
              "NaN입니다. 0 이하의 수에만 exp를 적용하도록 식을 고쳐 쓰세요 (분자와 분모에 같은 "
              "인수를 곱하면 됩니다). 아니면 직접 만든 Sigmoid를 쓰세요."},
})

SECTION_RELU = see("ch04_activation_layers", "2 · ReLU and its derivative", "§5.5.1")  # not for students (a heading)
SECTION_DOUT = see("ch04_activation_layers", "6 · Common slips", "§5.5.1")  # not for students (a heading)
SECTION_SIGMOID = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")  # not for students (a heading)
SECTION_TANH = see("ch04_activation_layers", "10 · An extension: Tanh")  # not for students (a heading)
SECTION_SOFTPLUS = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")  # not for students (a heading)
LARGE = 1000.0      # inputs of ±LARGE must give finite outputs and gradients

# The first line for a Relu.backward that zeroes dout in place, as the book's does (§5.5.1:
# `dout[self.mask] = 0; dx = dout`); the judge (autograder/judging/) says the same.
BOOK_RELU = "ch04.book_relu_in_place"


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
        if not isinstance(error.__context__, AttributeError):   # what call() caught, in any language
            raise
        first_line = str(error).split("\n", 1)[0]   # "✗ … raised AttributeError: …"
        raise fail(first_line, "missing_attribute",
                   cause=say("ch04.forward_did_not_save", saved=saved)) from None


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
        _layer(Relu, rng, "Relu", "self.mask = (x <= 0)", SECTION_RELU,  # not for students (code)
               lambda shape: _relu_input(rng, shape), earlier=lambda x: -x)
    except CheckFailed as error:
        diagnosis = getattr(error, "diagnosis", None)
        if diagnosis is None or diagnosis.name != "dout_mutated":
            raise
        raise fail(f"✗ {say(BOOK_RELU)}.\n{str(error).splitlines()[0]}", "dout_mutated",
                   cause=diagnosis.words, section=SECTION_DOUT) from None   # behaviour's words


# The likely causes of an overflow at ±LARGE, by stage: keys (behaviour says them).
SIGMOID_OVERFLOW = {"forward": "ch04.sigmoid_overflow_forward",
                    "backward": "ch04.sigmoid_overflow_backward"}


def sigmoid(Sigmoid, seed: int | None = None) -> None:
    rng = rng_for("sigmoid", seed)
    _layer(Sigmoid, rng, "Sigmoid", "self.out = out", SECTION_SIGMOID,
           lambda shape: gradcheck.random_array(rng, shape, scale=2.0),
           large_causes=SIGMOID_OVERFLOW)


TANH_OVERFLOW = {"forward": "ch04.tanh_overflow_forward",
                 "backward": "ch04.tanh_overflow_backward"}


def tanh(Tanh, seed: int | None = None) -> None:
    rng = rng_for("tanh", seed)
    _layer(Tanh, rng, "Tanh", "self.out = out", SECTION_TANH,
           lambda shape: gradcheck.random_array(rng, shape, scale=2.0),
           large_causes=TANH_OVERFLOW)


SOFTPLUS_OVERFLOW = {"forward": "ch04.softplus_overflow_forward",
                     "backward": "ch04.softplus_overflow_backward"}


def softplus(Softplus, seed: int | None = None) -> None:
    """Softplus on random arrays of scale 3 (both tails), then on inputs of ±1000."""
    rng = rng_for("softplus", seed)
    _layer(Softplus, rng, "Softplus", "self.x = x", SECTION_SOFTPLUS,
           lambda shape: gradcheck.random_array(rng, shape, scale=3.0),
           large_causes=SOFTPLUS_OVERFLOW)
