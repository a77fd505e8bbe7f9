"""Gradient checks for the hidden tests: numerical gradients, comparison, diagnosis.

Three layers of functions, from low to high level:

* numbers:   ``numerical_gradient`` (central differences, element by element, float64),
             ``directional_derivatives`` (the same along a few random unit directions, for
             large arrays), ``relative_error``;
* verdicts:  ``assert_gradient_close`` (analytic vs numerical: raises CheckFailed with a
             named diagnosis from ``autograder.checks.diagnose``), ``check_gradient`` (numerical
             gradient of f(x) computed here), ``check_directional``;
* layers:    ``check_layer_backward`` (forward + backward of a layer object against
             numerical gradients of sum(forward(*inputs) * dout)), ``check_net_gradients``
             (a whole network's ``gradient(x, t)`` against its ``loss(x, t)``);

plus sampling helpers for inputs that avoid kinks and cover batch 1 / N and 1-D / 2-D.

Every call into student code runs under ``np.errstate(all="ignore")``: numpy warnings go to
stderr, and nbgrader scores any stderr output of a test cell as a failure. NaN and inf
results are caught and diagnosed instead.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from autograder.checks.diagnose import OVERFLOW_SECTION, Diagnosis, diagnose, fail, numbers
from autograder.checks.words import catalogue, say
from autograder.checks.checker import CheckFailed, mismatch_message

WORDS = catalogue({
    "gradcheck.not_written": {
        "en": "✗ {what} is not written yet (it raises NotImplementedError).",
        "ko": "✗ {what}: 아직 작성하지 않았습니다 (NotImplementedError가 발생합니다)."},
    "gradcheck.raised": {"en": "✗ {what} raised {kind}: {error}",
                         "ko": "✗ {what}에서 {kind} 예외가 발생했습니다: {error}"},
    "gradcheck.not_a_scalar": {
        "en": "✗ {what} should return a single number, but returned {shape}.",
        "ko": "✗ {what}: 숫자 하나를 반환해야 하는데, 반환한 것은 {shape}입니다."},
    "gradcheck.the_function": {"en": "the function", "ko": "함수"},
    "gradcheck.not_float64": {
        "en": "✗ {what} must be a float64 numpy array to be checked, but is {dtype}.",
        "ko": "✗ {what}: 검사하려면 float64 넘파이 배열이어야 하는데 {dtype}입니다."},
    "gradcheck.relative_error": {
        "en": "\n  relative error {error:.2g} (at most {rtol:.2g} passes)",
        "ko": "\n  상대 오차 {error:.2g} (통과하려면 {rtol:.2g} 이하)"},
    "gradcheck.forward_not_finite": {
        "en": "✗ {name} cannot be checked: the forward computation gives NaN or inf next to "
              "these inputs.",
        "ko": "✗ {name}: 검사할 수 없습니다. 이 입력 근처에서 순전파 계산이 NaN이나 inf를 "
              "냅니다."},
    "gradcheck.forward_overflow": {
        "en": "an overflow in forward — np.exp of a large number is inf and inf / inf is NaN; "
              "subtract the max before exp",
        "ko": "순전파에서 오버플로가 났습니다. 큰 수의 np.exp는 inf이고 inf / inf는 NaN입니다. "
              "exp 전에 최댓값을 빼세요"},
    "gradcheck.sampled": {"en": "{name} (compared at {count} sampled elements)",
                          "ko": "{name} (표본 원소 {count}개에서 비교)"},
    "gradcheck.agree_here_only": {
        "en": "{head}\n  these elements agree, the others do not: along random directions v, "
              "<{grad}, v> = {predicted}, but the function changes at {slopes}",
        "ko": "{head}\n  이 원소들은 맞지만 나머지는 틀립니다: 무작위 방향 v를 따라 "
              "<{grad}, v> = {predicted}인데, 함수의 실제 변화율은 {slopes}입니다"},
    "gradcheck.values": {"en": "{count} values", "ko": "값 {count}개"},
    "gradcheck.one_value": {"en": "one value", "ko": "값 하나"},
    "gradcheck.wrong_return_count": {
        "en": "✗ {what} should return {count} values ({names}), but returned {got}.",
        "ko": "✗ {what}: 값 {count}개 ({names})를 반환해야 하는데, 반환한 것은 {got}입니다."},
    "gradcheck.return_a_tuple": {"en": "return them as a tuple: return {names}",
                                 "ko": "튜플로 반환하세요: return {names}"},
    "gradcheck.missing_attribute": {
        "en": "✗ {layer} has no attribute `{attr}` after backward.",
        "ko": "✗ backward를 호출한 뒤에도 {layer}에 `{attr}` 속성이 없습니다."},
    "gradcheck.store_the_gradient": {
        "en": "backward must store the gradient as self.{attr} (the book's name; Python names "
              "are case-sensitive)",
        "ko": "backward는 기울기를 self.{attr}에 저장해야 합니다 (책의 이름 그대로: 파이썬 "
              "이름은 대소문자를 구별합니다)"},
    "gradcheck.forward_not_numbers": {
        "en": "✗ {name} should return a number or an array.",
        "ko": "✗ {name}: 숫자나 배열을 반환해야 합니다."},
    "gradcheck.output_of": {"en": "the output of {name}.forward",
                            "ko": "{name}.forward의 출력"},
    "gradcheck.forward_must_return": {"en": "forward must return its output",
                                      "ko": "forward는 출력을 반환해야 합니다"},
    "gradcheck.grad_from": {"en": "{grad} from {name}.backward",
                            "ko": "{grad} ({name}.backward의 결과)"},
    "gradcheck.not_a_dict": {
        "en": "✗ {net}.gradient should return a dict of gradients with keys {keys}, but "
              "returned {kind}.",
        "ko": "✗ {net}.gradient: 키가 {keys}인 기울기 dict를 반환해야 하는데 {kind} 객체를 "
              "반환했습니다."},
    "gradcheck.missing_key": {
        "en": "✗ {net}.gradient returned no gradient for '{name}' (keys: {keys}).",
        "ko": "✗ {net}.gradient가 '{name}'의 기울기를 반환하지 않았습니다 (키: {keys})."},
    "gradcheck.grads_from": {"en": "grads['{name}'] from {net}.gradient",
                             "ko": "grads['{name}'] ({net}.gradient의 결과)"},
})

# ---- Tolerances, calibrated by tests/test_gradcheck.py::test_calibration_* on the reference
# layers and nets of tests/reference_layers.py (>= 1,000 random seeds and shapes each):
# * central differences in float64 with h = 1e-4 (inputs KINK_MARGIN away from ReLU's kink)
#   agree with a correct layer's gradient to ~3e-8 (relative_error, below);
# * the book's loss takes log(y + 1e-7): its exact gradient differs from (y − t)/N by ~1e-7/y
#   relative per sample; with labels from random_labels(..., scores=...) a correct net
#   scores up to ~1e-5 where samples' contributions cancel (b1, b2);
# * the known mistakes score 0.1 to 2 (median over random inputs), e.g. 0.5 for a missing
#   /N with N = 2, 2 for a flipped sign.
# GRAD_RTOL = 1e-3 is 100x above the worst correct net and 100x below a typical mistake.
# The book's own gradient check (h = 1e-4, no verdict, kinks crossed, float32 data in
# places) shows max relative errors ~1e-4 on a correct W1: that also passes here, but this
# engine avoids the causes (float64, kink-free sampling), so it is not needed to.
ELEMENT_STEP = 1e-4     # h of element-by-element central differences, float64
DIRECTION_STEP = 1e-4   # h along a random unit direction (|v| = 1), float64
GRAD_RTOL = 1e-3        # the largest relative_error that passes
ABSOLUTE_FLOOR = 1e-7   # gradients with a smaller norm are compared absolutely (to
                        # GRAD_RTOL * ABSOLUTE_FLOOR): the rounding noise of central
                        # differences (~1e-16 / h per element) is not negligible below it
LIKELY_SCORE_GAP = 0.25  # see random_labels
KINK_MARGIN = 1e-3      # sampled ReLU inputs keep |x| >= this: 10 h, so ±h never crosses the kink

# ---- Size limits. Arrays with more elements than ELEMENTWISE_LIMIT are checked along
# DIRECTIONS random unit directions (2 forward passes each) instead of element by element
# (2 forward passes per element); on failure SAMPLED_ELEMENTS elements are then computed
# one by one so the diagnosis and the message can show element values.
ELEMENTWISE_LIMIT = 1000
DIRECTIONS = 3
SAMPLED_ELEMENTS = 12


def quiet():
    """Context manager: numpy warnings off (they would reach stderr and fail the cell)."""
    return np.errstate(all="ignore")


def run_student(fn: Callable, *args, what: str):
    """fn(*args) with warnings off; any exception becomes a CheckFailed naming `what`."""
    try:
        with quiet():
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise fail(say("gradcheck.not_written", what=what), "not_implemented") from None
    except Exception as exc:  # a student bug must become a message, never crash the grader
        raise fail(say("gradcheck.raised", what=what, kind=type(exc).__name__, error=exc),
                   "raised") from None


def as_scalar(value, what: str) -> float:
    """value as a float, or CheckFailed when a single number is not what was returned."""
    array = numbers(value)
    if array is None or array.size != 1:
        shape = "None" if value is None else getattr(array, "shape", type(value).__name__)
        raise fail(say("gradcheck.not_a_scalar", what=what, shape=shape), "not_a_scalar")
    return float(array.reshape(()))


# =========================================================================== numbers


def _require_float64(x: np.ndarray, what: str = "x") -> None:
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        dtype = getattr(x, "dtype", type(x).__name__)
        raise fail(say("gradcheck.not_float64", what=what, dtype=dtype), "wrong_dtype")


def numerical_gradient(f: Callable, x: np.ndarray, h: float = ELEMENT_STEP) -> np.ndarray:
    """∂f/∂x by central differences, one element at a time, in float64.

    f: f(x) -> one number. It may ignore its argument and read x through objects sharing
       it (a layer's W), because x is perturbed in place.
    x: float64 array of any shape; restored exactly, even when f raises.
    Returns an array of x's shape.
    """
    _require_float64(x)
    grad = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        grad[index] = _element_derivative(f, x, index, h)
    return grad


def _element_derivative(f: Callable, x: np.ndarray, index: tuple, h: float) -> float:
    """(f(x + h at index) − f(x − h at index)) / 2h, with x[index] restored afterwards."""
    original = x[index]
    try:
        x[index] = original + h
        f_plus = as_scalar(f(x), say("gradcheck.the_function"))
        x[index] = original - h
        f_minus = as_scalar(f(x), say("gradcheck.the_function"))
    finally:
        x[index] = original
    return (f_plus - f_minus) / (2 * h)


def random_unit_directions(rng: np.random.Generator, shape: tuple, count: int = DIRECTIONS
                           ) -> np.ndarray:
    """count random directions of the given shape, each of norm 1: (count, *shape)."""
    v = rng.standard_normal((count, *shape))
    norms = np.sqrt(np.sum(v.reshape(count, -1) ** 2, axis=1))
    return v / norms.reshape((count,) + (1,) * len(shape))


def directional_derivatives(f: Callable, x: np.ndarray, directions: np.ndarray,
                            h: float = DIRECTION_STEP) -> np.ndarray:
    """(f(x + h·v) − f(x − h·v)) / 2h for each v in directions (k, *x.shape): shape (k,).

    x is perturbed in place (see numerical_gradient) and restored exactly.
    """
    _require_float64(x)
    original = x.copy()
    slopes = np.empty(len(directions))
    try:
        for k, v in enumerate(directions):
            x[...] = original + h * v
            f_plus = as_scalar(f(x), say("gradcheck.the_function"))
            x[...] = original - h * v
            f_minus = as_scalar(f(x), say("gradcheck.the_function"))
            slopes[k] = (f_plus - f_minus) / (2 * h)
    finally:
        x[...] = original
    return slopes


def relative_error(got, expected) -> float:
    """‖got − expected‖ / max(‖got‖, ‖expected‖, ABSOLUTE_FLOOR): one number, 0 when equal.

    got, expected: arrays of the same shape (or numbers). Measured over the whole array, a
    wrong formula scores ~1 whatever the scale of the gradient, while tiny elements that
    cancel between samples cannot make a correct gradient fail.
    """
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    with quiet():
        norms = max(np.linalg.norm(got), np.linalg.norm(expected), ABSOLUTE_FLOOR)
        return float(np.linalg.norm(got - expected) / norms)


# =========================================================================== verdicts


def _gradient_ok(got, expected: np.ndarray, rtol: float) -> bool:
    values = numbers(got)
    if values is None or values.shape != expected.shape:
        if values is None or not (expected.ndim == 0 and values.size == 1):
            return False
        values = values.reshape(())
    return bool(np.all(np.isfinite(values)) and relative_error(values, expected) <= rtol)


def _failure(name: str, got, expected, diagnosis: Diagnosis, rtol: float,
             labels: Sequence[str] | None = None, error: float | None = None) -> CheckFailed:
    scale = max(np.max(np.abs(expected), initial=0.0), ABSOLUTE_FLOOR)
    head = mismatch_message(name, got, expected, rtol=rtol, atol=rtol * scale, labels=labels)
    if error is not None:           # how far off, for values that look equal at 4 digits
        head += say("gradcheck.relative_error", error=error, rtol=rtol)
    return fail(head, diagnosis)


def _error_or_none(got, expected) -> float | None:
    values = numbers(got)
    if values is None or not np.all(np.isfinite(values)):
        return None
    if values.shape != expected.shape and not (expected.ndim == 0 and values.size == 1):
        return None
    return relative_error(values.reshape(expected.shape), expected)


def assert_gradient_close(name: str, got, expected, *, rtol: float = GRAD_RTOL,
                          suspects: Mapping | None = None, **context) -> None:
    """Pass silently when got ≈ expected: relative_error(got, expected) ≤ rtol.

    Otherwise raise CheckFailed whose message names the quantity, shows expected vs got
    and gives the first matching diagnosis (see autograder.checks.diagnose).
    name: e.g. "dx from MulLayer.backward"; expected: array of any shape;
    suspects: {name: (array the mistake produces, message)};
    context: batch_size=N, section="§5.4.1 ...".
    """
    expected = np.asarray(expected, dtype=np.float64)
    if _gradient_ok(got, expected, rtol):
        return
    diagnosis = diagnose(got, expected, suspects=suspects, rtol=rtol, **context)
    raise _failure(name, got, expected, diagnosis, rtol, error=_error_or_none(got, expected))


def check_gradient(name: str, got, f: Callable, x: np.ndarray, *, h: float | None = None,
                   rng: np.random.Generator | None = None, method: str = "auto",
                   rtol: float = GRAD_RTOL, suspects: Mapping | None = None, **context
                   ) -> None:
    """Check got (the analytic ∂f/∂x) against a numerical gradient of f at x.

    f: f(x) -> one number (x perturbed in place, so f may read x through a layer);
    x: float64 array of any shape; got: should have x's shape.
    method: "elements" (every element), "directions" (random directions; needs rng) or
    "auto" (elements up to ELEMENTWISE_LIMIT elements).
    """
    if method == "auto":
        method = "elements" if x.size <= ELEMENTWISE_LIMIT else "directions"
    if method == "directions":
        check_directional(name, got, f, x, rng=rng or np.random.default_rng(0),
                          h=h or DIRECTION_STEP, rtol=rtol, suspects=suspects, **context)
        return
    with quiet():
        expected = numerical_gradient(f, x, h or ELEMENT_STEP)
    if not np.all(np.isfinite(expected)):
        raise fail(say("gradcheck.forward_not_finite", name=name), "forward_not_finite",
                   cause=say("gradcheck.forward_overflow"),
                   section=say(OVERFLOW_SECTION))
    assert_gradient_close(name, got, expected, rtol=rtol, suspects=suspects, **context)


def check_directional(name: str, got, f: Callable, x: np.ndarray, *,
                      rng: np.random.Generator, directions: int = DIRECTIONS,
                      h: float = DIRECTION_STEP, rtol: float = GRAD_RTOL,
                      suspects: Mapping | None = None, **context) -> None:
    """Check got (∂f/∂x, x's shape) along random unit directions v: <got, v> vs the slope.

    Costs 2·directions evaluations of f whatever the size of x. A wrong shape, type or
    NaN is diagnosed directly; a wrong value is diagnosed on SAMPLED_ELEMENTS elements
    computed one by one, so the message still shows expected vs got at elements of x.
    """
    values = numbers(got)
    if values is None or values.shape != x.shape:
        # Only the shape of the expected gradient is known here, and only it is shown.
        shape_only = np.zeros(x.shape)
        diagnosis = diagnose(got, shape_only, suspects=suspects, rtol=rtol, **context)
        raise fail(mismatch_message(name, got, shape_only), diagnosis)
    if not np.all(np.isfinite(values)):
        raise _sampled_failure(name, values, f, x, rng, rtol, suspects, context)
    v = random_unit_directions(rng, x.shape, directions)
    with quiet():
        slopes = directional_derivatives(f, x, v, h)
    predicted = np.tensordot(v, values, axes=values.ndim) if values.ndim else v * values
    if relative_error(predicted, slopes) <= rtol:
        return
    raise _sampled_failure(name, values, f, x, rng, rtol, suspects, context,
                           (predicted, slopes))


def _sampled_failure(name, values, f, x, rng, rtol, suspects, context,
                     directional=None) -> CheckFailed:
    """The CheckFailed for a directional failure, built from a few elements of x.

    directional: (slopes predicted by got, numerical slopes) along the random directions,
    shown when the sampled elements happen to agree (the error is elsewhere).
    """
    count = min(SAMPLED_ELEMENTS, x.size)
    with quiet():
        worst = int(np.argmax(np.where(np.isfinite(values), np.abs(values), np.inf)))
    others = [int(i) for i in rng.permutation(x.size)[:count] if i != worst]
    flat = np.array([worst] + others[:count - 1])
    expected = np.empty(len(flat))
    with quiet():
        for k, i in enumerate(flat):
            index = np.unravel_index(i, x.shape)
            expected[k] = _element_derivative(f, x, index, ELEMENT_STEP)
    sampled_suspects = {key: (np.asarray(array, dtype=np.float64).reshape(-1)[flat], message)
                        for key, (array, message) in (suspects or {}).items()
                        if np.shape(array) == x.shape}
    got = values.reshape(-1)[flat]
    diagnosis = diagnose(got, expected, suspects=sampled_suspects, rtol=rtol, **context)
    labels = [str(tuple(int(j) for j in np.unravel_index(i, x.shape))) for i in flat]
    error = _error_or_none(got, expected)
    sampled = say("gradcheck.sampled", name=name, count=len(flat))
    failure = _failure(sampled, got, expected, diagnosis, rtol, labels, error=error)
    if directional is None or (error is not None and error > rtol):
        return failure
    predicted, slopes = (np.array2string(a, precision=4, separator=", ") for a in directional)
    scale = max(np.max(np.abs(expected), initial=0.0), ABSOLUTE_FLOOR)
    head = mismatch_message(sampled, got, expected, rtol=rtol, atol=rtol * scale, labels=labels)
    return fail(say("gradcheck.agree_here_only", head=head, grad=name.split()[0],
                    predicted=predicted, slopes=slopes), diagnosis)


# =========================================================================== layers


def _float_copy(value) -> np.ndarray:
    return np.array(value, dtype=np.float64)


def fresh_copy(value) -> np.ndarray:
    """A copy handed to student code: floats become float64, labels keep their int dtype."""
    value = np.array(value)
    return value if value.dtype.kind in "iub" else value.astype(np.float64)


def _backward_results(result, grad_names: Sequence[str], what: str) -> list:
    """backward's return value as a list with one entry per name in grad_names."""
    if len(grad_names) == 1:
        return [result]
    if not isinstance(result, (tuple, list)) or len(result) != len(grad_names):
        got = "None" if result is None else (
            say("gradcheck.values", count=len(result)) if isinstance(result, (tuple, list))
            else say("gradcheck.one_value"))
        raise fail(say("gradcheck.wrong_return_count", what=what, count=len(grad_names),
                       names=", ".join(grad_names), got=got), "wrong_return_count",
                   cause=say("gradcheck.return_a_tuple", names=", ".join(grad_names)))
    return list(result)


def _param_gradient(layer, grad_attr: str, layer_name: str):
    if not hasattr(layer, grad_attr):
        raise fail(say("gradcheck.missing_attribute", layer=layer_name, attr=grad_attr),
                   "missing_attribute", cause=say("gradcheck.store_the_gradient", attr=grad_attr))
    return getattr(layer, grad_attr)


def layer_objective(layer, inputs: Sequence, dout, position: int | None = None) -> Callable:
    """f(z) = sum(layer.forward(*inputs) * dout) where z replaces inputs[position].

    position None: z is ignored (a parameter array is perturbed in place instead).
    Each call gives forward fresh copies, so a forward that changes its inputs in place
    cannot corrupt the numerical gradient.
    """
    dout = _float_copy(dout)
    name = f"{type(layer).__name__}.forward"

    def f(z):
        args = [fresh_copy(value) for value in inputs]
        if position is not None:
            args[position] = z.copy()
        out = numbers(run_student(layer.forward, *args, what=name))
        if out is None:
            raise fail(say("gradcheck.forward_not_numbers", name=name), "wrong_type")
        return float(np.sum(out * dout))

    return f


def numerical_layer_gradient(layer, inputs: Sequence, dout, wrt: int | str,
                             h: float = ELEMENT_STEP) -> np.ndarray:
    """Numerical gradient of sum(layer.forward(*inputs) * dout), element by element.

    wrt: an input position (0 for x) -> array of that input's shape; or the name of a
    parameter attribute ("W") -> array of the parameter's shape (perturbed in place,
    restored). E.g. the expected dW of an Affine layer: numerical_layer_gradient(layer,
    (x,), dout, "W").
    """
    if isinstance(wrt, str):
        param = getattr(layer, wrt, None)
        _require_float64(param, f"{type(layer).__name__}.{wrt}")
        with quiet():
            return numerical_gradient(layer_objective(layer, inputs, dout), param, h)
    with quiet():
        return numerical_gradient(layer_objective(layer, inputs, dout, wrt),
                                  _float_copy(inputs[wrt]), h)


def _snapshot(value):
    """A copy of an array result, so later calls into the layer cannot change it."""
    return value.copy() if isinstance(value, np.ndarray) else value


def check_layer_backward(layer, inputs: Sequence, dout=None, *,
                         grad_names: Sequence[str] = ("dx",),
                         param_grads: Mapping[str, str] | None = None,
                         layer_name: str | None = None,
                         suspects: Mapping[str, Mapping] | None = None,
                         rng: np.random.Generator | None = None,
                         h: float | None = None, method: str = "auto",
                         rtol: float = GRAD_RTOL, **context) -> dict:
    """Check a layer's backward against numerical gradients of sum(forward(*inputs) * dout).

    layer: an object with forward(*inputs) and backward(dout), e.g. MulLayer().
    inputs: the forward arguments (numbers or float arrays); gradients are checked for the
        first len(grad_names) of them (SoftmaxWithLoss: inputs (x, t), grad_names ("dx",)).
    dout: upstream gradient of forward's output shape; None draws a standard normal one
        (give dout=1.0 to a layer whose backward takes no real dout, like SoftmaxWithLoss).
    grad_names: the names of backward's results, e.g. ("dx", "dy"); one name means backward
        returns a single array, more mean a tuple.
    param_grads: {parameter attribute: gradient attribute}, e.g. {"W": "dW", "b": "db"};
        the parameter array is perturbed in place, so the layer must use that very array.
    suspects: {grad name: {mistake name: (array it produces, message)}}.
    method, h, rtol: as in check_gradient.
    context: batch_size=N, section="§5.4.1 multiply layer"
    Returns {name: the student's gradient} for further checks.
    """
    layer_name = layer_name or type(layer).__name__
    suspects = suspects or {}
    rng = rng or np.random.default_rng(0)
    out = run_student(layer.forward, *[fresh_copy(v) for v in inputs],
                      what=f"{layer_name}.forward")
    if dout is None:
        out_values = numbers(out)
        if out_values is None:
            raise fail(mismatch_message(say("gradcheck.output_of", name=layer_name), out, 0.0),
                       "returned_none", cause=say("gradcheck.forward_must_return"))
        dout = rng.standard_normal(out_values.shape)
    result = run_student(layer.backward, _float_copy(dout), what=f"{layer_name}.backward")
    got = dict(zip(grad_names, _backward_results(result, grad_names, f"{layer_name}.backward")))
    for name, grad_attr in (param_grads or {}).items():
        got[grad_attr] = _param_gradient(layer, grad_attr, layer_name)
    got = {name: _snapshot(value) for name, value in got.items()}

    for position, name in enumerate(grad_names):
        x = _float_copy(inputs[position])
        check_gradient(say("gradcheck.grad_from", grad=name, name=layer_name), got[name],
                       layer_objective(layer, inputs, dout, position), x, h=h, rng=rng,
                       method=method, rtol=rtol, suspects=suspects.get(name), **context)
    for name, grad_attr in (param_grads or {}).items():
        param = getattr(layer, name, None)
        _require_float64(param, f"{layer_name}.{name}")
        check_gradient(f"{layer_name}.{grad_attr}", got[grad_attr],
                       layer_objective(layer, inputs, dout), param, h=h, rng=rng,
                       method=method, rtol=rtol, suspects=suspects.get(grad_attr), **context)
    return got


def check_net_gradients(net, x: np.ndarray, t: np.ndarray, *,
                        param_names: Sequence[str] = ("W1", "b1", "W2", "b2"),
                        net_name: str | None = None, rng: np.random.Generator | None = None,
                        method: str = "auto", suspects: Mapping[str, Mapping] | None = None,
                        rtol: float = GRAD_RTOL, **context) -> dict:
    """Check net.gradient(x, t) against numerical gradients of net.loss(x, t).

    net: has params {name: float64 array}, gradient(x, t) -> {name: array}, loss(x, t) -> float.
    x: (N, D) inputs; t: (N, C) one-hot or (N,) labels. Parameters are perturbed in place
    in net.params, so the layers must share those arrays (as the book's TwoLayerNet does).
    Large parameters (W1 of 784×50) are checked along random directions (see
    check_gradient's method). context: section=..., etc.; batch_size defaults to N.
    Returns the student's gradients.
    """
    net_name = net_name or type(net).__name__
    context.setdefault("batch_size", int(np.shape(x)[0]) if np.ndim(x) > 1 else 1)
    suspects = suspects or {}
    grads = run_student(net.gradient, x, t, what=f"{net_name}.gradient")
    if not isinstance(grads, Mapping):
        raise fail(say("gradcheck.not_a_dict", net=net_name, keys=list(param_names),
                       kind=type(grads).__name__), "wrong_type")
    grads = {name: _snapshot(value) for name, value in grads.items()}

    def loss(_):
        return as_scalar(run_student(net.loss, x, t, what=f"{net_name}.loss"),
                         f"{net_name}.loss")

    for name in param_names:
        if name not in grads:
            raise fail(say("gradcheck.missing_key", net=net_name, name=name, keys=sorted(grads)),
                       "missing_key")
        param = net.params[name]
        _require_float64(param, f"{net_name}.params['{name}']")
        check_gradient(say("gradcheck.grads_from", name=name, net=net_name), grads[name], loss,
                       param, rng=rng, method=method, rtol=rtol, suspects=suspects.get(name),
                       **context)
    return grads


# =========================================================================== sampling


def random_array(rng: np.random.Generator, shape: tuple, scale: float = 1.0,
                 margin: float = 0.0) -> np.ndarray:
    """Normal(0, scale²) float64 values of `shape`, with |x| ≥ margin (away from a kink at 0)."""
    x = scale * rng.standard_normal(shape)
    return np.where(x >= 0, 1.0, -1.0) * (np.abs(x) + margin) if margin else x


def random_shapes(rng: np.random.Generator, features: int | None = None,
                  max_batch: int = 8, max_features: int = 6) -> list[tuple]:
    """Shapes covering a single vector, a batch of 1 and a batch of N ≥ 2:
    [(D,), (1, D), (N, D)], with D = features or random in 1..max_features."""
    d = features or int(rng.integers(1, max_features + 1))
    n = int(rng.integers(2, max_batch + 1))
    return [(d,), (1, d), (n, d)]


def random_labels(rng: np.random.Generator, batch: int, classes: int, one_hot: bool,
                  scores: np.ndarray | None = None) -> np.ndarray:
    """Labels for `batch` samples: one-hot (batch, classes) floats or integers (batch,).

    scores: the (batch, classes) softmax input the labels go with. When given, each label
    is drawn among the classes whose score is at most LIKELY_SCORE_GAP below the row's
    highest (so its softmax probability is at least e^-GAP / classes): the book's loss takes
    log(y + 1e-7), whose exact gradient differs from (y − t)/N by ~1e-7/y relative, and a
    hopeless true class (y ~ 1e-6) would make a correct backward look 10 % wrong. The
    scores alone decide, no softmax is computed here (this module runs in the student's
    kernel, which must hold no answer).
    """
    if scores is None:
        labels = rng.integers(0, classes, size=batch)
    else:
        scores = np.asarray(scores, dtype=float)
        likely = scores >= scores.max(axis=1, keepdims=True) - LIKELY_SCORE_GAP
        labels = np.array([rng.choice(np.flatnonzero(row)) for row in likely])
    return np.eye(classes)[labels] if one_hot else labels


def random_scores_and_labels(rng: np.random.Generator, batch: int, classes: int,
                             one_hot: bool, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Scores x (batch, classes) ~ Normal(0, scale²) and labels t that suit them (see
    random_labels): the inputs of a SoftmaxWithLoss check."""
    x = scale * rng.standard_normal((batch, classes))
    return x, random_labels(rng, batch, classes, one_hot, scores=x)


def redraw_until(draw: Callable[[], object], is_ok: Callable[[object], bool],
                 tries: int = 100):
    """draw() again until is_ok(result); e.g. redraw a batch until no ReLU input is within
    KINK_MARGIN of 0. Raises RuntimeError after `tries` draws (a bug in the check)."""
    for _ in range(tries):
        candidate = draw()
        if is_ok(candidate):
            return candidate
    raise RuntimeError(f"no acceptable sample in {tries} draws")  # not for students
