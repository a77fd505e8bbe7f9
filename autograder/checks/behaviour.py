"""Behaviour checks for layer classes: what a gradient check alone does not see.

A layer has forward(*inputs) -> out and backward(dout) -> dx (or a tuple (dx, dy)); some
also set parameter gradients such as self.dW. Each check gets ``make_layer``, a function
returning a FRESH layer (e.g. ``lambda: Affine(W.copy(), b.copy())``), so that one check
cannot leave state behind for the next, and raises CheckFailed with a named diagnosis
(``error.diagnosis``) when the behaviour is wrong:

    dout_mutated          backward changed the caller's dout (a study note: dout[mask] = 0)
    input_mutated         forward changed its input x
    not_linear_in_dout    backward(2·dout) is not 2·backward(dout)
    backward_not_repeatable  a second backward call gives something else
    stale_forward_state   backward used values saved by an earlier forward
    wrong_output_shape / wrong_dtype   results not shaped / typed like the inputs
    overflow              NaN or inf for large inputs (e.g. scores of 1000)

``check_behaviour`` runs them all in that order. Inputs are numbers or float64 arrays;
dout has forward's output shape. grad_attrs names parameter-gradient attributes to compare
too, e.g. ("dW", "db"); param_grads maps parameters to them, e.g. {"W": "dW", "b": "db"}.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from autograder.checks.diagnose import OVERFLOW_SECTION, fail, numbers, said
from autograder.checks.gradcheck import fresh_copy as _copy
from autograder.checks.gradcheck import run_student
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "behaviour.dout_mutated": {
        "en": "an in-place assignment such as dout[self.mask] = 0 also changes the caller's "
              "array, which other layers may still need. Work on a copy, dx = dout.copy(); "
              "dx[self.mask] = 0, or build a new array, dx = np.where(self.mask, 0, dout).",
        "ko": "dout[self.mask] = 0 같은 제자리(in-place) 대입은 호출한 쪽의 배열까지 바꿉니다. "
              "그 배열은 다른 계층이 아직 쓸 수 있습니다. 복사본에서 작업하거나 "
              "(dx = dout.copy(); dx[self.mask] = 0) 새 배열을 만드세요 "
              "(dx = np.where(self.mask, 0, dout))."},
    "behaviour.input_mutated": {
        "en": "an in-place operation on the input (x[...] = ..., x -= ..., x += ...) changes "
              "the caller's array. Work on a copy or build a new array: out = x.copy(); "
              "out[self.mask] = 0, or x = x - c.",
        "ko": "입력에 대한 제자리(in-place) 연산 (x[...] = ..., x -= ..., x += ...)은 호출한 "
              "쪽의 배열을 바꿉니다. 복사본에서 작업하거나 새 배열을 만드세요: out = x.copy(); "
              "out[self.mask] = 0, 또는 x = x - c."},
    "behaviour.not_linear": {
        "en": "the upstream gradient is not multiplied in: by the chain rule every result of "
              "backward is dout times a local derivative (nothing added, nothing left without "
              "dout).",
        "ko": "상류에서 온 기울기를 곱하지 않았습니다. 연쇄법칙에 따라 backward의 결과는 모두 "
              "dout 곱하기 국소적 미분입니다 (더하는 항도, dout이 빠진 항도 없습니다)."},
    "behaviour.overflow": {
        "en": "an overflow: np.exp of a large number is inf, and inf/inf is NaN. Subtract "
              "the max before exp (softmax), or use a form that only ever takes exp of a "
              "negative number.",
        "ko": "오버플로입니다. 큰 수의 np.exp는 inf이고, inf/inf는 NaN입니다. exp 전에 최댓값을 "
              "빼거나 (소프트맥스), 음수에만 exp를 취하는 식을 쓰세요."},
    "behaviour.relu_section": {"en": "§5.5.1 ReLU layer", "ko": "§5.5.1 ReLU 계층"},
    "behaviour.chain_rule_section": {"en": "§5.2 chain rule", "ko": "§5.2 연쇄법칙"},
    "behaviour.at_index": {"en": " at index {index}", "ko": "인덱스 {index}에서 "},
    "behaviour.linear_gives": {
        "en": "{where}: backward(2·dout) gives {value:.6g} where 2·backward(dout) is "
              "{expected:.6g}",
        "ko": ": {where}backward(2·dout)의 값은 {value:.6g}인데 2·backward(dout)의 값은 "
              "{expected:.6g}입니다"},
    "behaviour.linear_differs": {
        "en": ": backward(2·dout) and 2·backward(dout) differ in shape or type",
        "ko": ": backward(2·dout)와 2·backward(dout)의 형상이나 타입이 다릅니다"},
    "behaviour.repeat_gives": {
        "en": "{where}: the second call gives {value:.6g} where the first call gave "
              "{expected:.6g}",
        "ko": ": {where}두 번째 호출의 값은 {value:.6g}인데 첫 번째 호출의 값은 "
              "{expected:.6g}입니다"},
    "behaviour.repeat_differs": {
        "en": ": the results of the second call and the first call differ in shape or type",
        "ko": ": 두 번째 호출과 첫 번째 호출의 결과는 형상이나 타입이 다릅니다"},
    "behaviour.stale_gives": {
        "en": "{where}: after two forward calls it gives {value:.6g} where a fresh layer "
              "gives {expected:.6g}",
        "ko": ": {where}forward를 두 번 호출한 뒤의 값은 {value:.6g}인데 새 계층의 값은 "
              "{expected:.6g}입니다"},
    "behaviour.stale_differs": {
        "en": ": after two forward calls, its result and a fresh layer's differ in shape or type",
        "ko": ": forward를 두 번 호출한 뒤의 결과와 새 계층의 결과는 형상이나 타입이 다릅니다"},
    "behaviour.shape_changed": {
        "en": " its shape was {before} before the call and {after} after (an assignment to "
              "x.shape reshapes the caller's array; x.reshape(...) does not)",
        "ko": " 호출 전 형상은 {before}, 호출 후 형상은 {after}입니다 (x.shape에 대입하면 "
              "호출한 쪽의 배열 형상이 바뀝니다. x.reshape(...)는 바꾸지 않습니다)"},
    "behaviour.value_changed": {
        "en": "{where} it was {before:.6g} before the call and {after:.6g} after",
        "ko": " {where}호출 전 값은 {before:.6g}, 호출 후 값은 {after:.6g}입니다"},
    "behaviour.dout_changed": {
        "en": "✗ {name}.backward changed the dout array it was given (in-place "
              "mutation):{change}.",
        "ko": "✗ {name}.backward가 받은 dout 배열을 바꿨습니다 (제자리 변경):{change}."},
    "behaviour.input_changed": {
        "en": "✗ {name}.forward changed its input number {number} in place:{change}.",
        "ko": "✗ {name}.forward가 {number}번째 입력을 제자리에서 바꿨습니다:{change}."},
    "behaviour.not_proportional": {
        "en": "✗ {name}.backward is not proportional to dout{comparison}.",
        "ko": "✗ {name}.backward의 결과가 dout에 비례하지 않습니다{comparison}."},
    "behaviour.not_repeatable": {
        "en": "✗ Calling {name}.backward twice gave different results{comparison}.",
        "ko": "✗ {name}.backward를 두 번 호출했더니 결과가 달랐습니다{comparison}."},
    "behaviour.not_repeatable_cause": {
        "en": "backward changes the state forward saved (e.g. self.out or self.mask edited in "
              "place) or accumulates into it (self.dW += ...). Compute new arrays from the "
              "saved values and assign them with =.",
        "ko": "backward가 forward가 저장한 상태를 바꾸거나 (예: self.out이나 self.mask를 "
              "제자리에서 수정) 거기에 누적합니다 (self.dW += ...). 저장된 값으로 새 배열을 "
              "계산해 =로 대입하세요."},
    "behaviour.stale_state": {
        "en": "✗ {name}.backward used values from an earlier forward call{comparison}.",
        "ko": "✗ {name}.backward가 이전 forward 호출의 값을 썼습니다{comparison}."},
    "behaviour.stale_state_cause": {
        "en": "forward must save what backward needs (self.x, self.mask, self.out) on every "
              "call, not only the first (no `if self.mask is None:`).",
        "ko": "forward는 backward에 필요한 값 (self.x, self.mask, self.out)을 첫 호출에서만이 "
              "아니라 호출할 때마다 저장해야 합니다 (`if self.mask is None:`을 쓰지 마세요)."},
    "behaviour.output_of": {"en": "the output of {name}.forward",
                            "ko": "{name}.forward의 출력"},
    "behaviour.grad_from": {"en": "{grad} from {name}.backward",
                            "ko": "{name}.backward가 반환한 {grad}"},
    "behaviour.result_of": {"en": "result {number} of {name}.backward",
                            "ko": "{name}.backward의 {number}번째 결과"},
    "behaviour.not_numbers": {
        "en": "✗ {what} should be a number or numpy array, but is {kind}.",
        "ko": "✗ {what}: 숫자나 넘파이 배열이어야 하는데 {kind} 객체입니다."},
    "behaviour.not_numbers_cause": {
        "en": "a missing `return`, or the wrong variable returned.",
        "ko": "`return`을 빠뜨렸거나 다른 변수를 반환했습니다."},
    "behaviour.wrong_shape": {
        "en": "✗ {what} has shape {shape}, expected {expected}.",
        "ko": "✗ {what}: 형상이 {shape}입니다. 기대한 형상은 {expected}입니다."},
    "behaviour.wrong_shape_cause": {
        "en": "a gradient has the shape of what it is the gradient of (dx like x, dW like W); "
              "reshape dx back to x's shape if forward flattened x.",
        "ko": "기울기는 그 기울기를 구하는 값과 형상이 같습니다 (dx는 x와, dW는 W와 같은 형상). "
              "forward에서 x를 평탄화했다면 dx를 x의 형상으로 되돌리세요."},
    "behaviour.wrong_dtype": {
        "en": "✗ {what} has dtype {dtype}, but the inputs are float64.",
        "ko": "✗ {what}: dtype이 {dtype}입니다. 입력은 float64입니다."},
    "behaviour.wrong_dtype_cause": {
        "en": "an array created with another dtype (np.float32, or np.zeros_like of an integer "
              "array) or an .astype() cast; keep float64 throughout.",
        "ko": "다른 dtype으로 만든 배열 (np.float32, 또는 정수 배열의 np.zeros_like)이나 "
              ".astype() 변환 때문입니다. 처음부터 끝까지 float64를 유지하세요."},
    "behaviour.not_finite": {
        "en": "✗ {what} contains NaN or inf for large inputs (|x| up to {largest:.4g}).",
        "ko": "✗ {what}: 큰 입력 (|x|가 최대 {largest:.4g})에서 NaN이나 inf가 나옵니다."},
})

SAME_RTOL = 1e-9   # "the same result": equal up to rounding (scaling by 2 is exact in floats)

# Causes the judges name too (autograder/judging/), for the same mistakes seen from outside:
# catalogue keys, said where they are used (say(DOUT_MUTATED)).
DOUT_MUTATED = "behaviour.dout_mutated"
INPUT_MUTATED = "behaviour.input_mutated"
NOT_LINEAR = "behaviour.not_linear"
RELU_SECTION = "behaviour.relu_section"
CHAIN_RULE_SECTION = "behaviour.chain_rule_section"


def _run(make_layer, inputs, dout, grad_attrs, forward_first=()):
    """A fresh layer: forward on each of forward_first, then forward(*inputs), backward(dout).

    Returns (out, results) with results = backward's arrays followed by parameter grads.
    """
    layer = make_layer()
    name = type(layer).__name__
    for earlier in forward_first:
        run_student(layer.forward, *[_copy(v) for v in earlier], what=f"{name}.forward")
    out = run_student(layer.forward, *[_copy(v) for v in inputs], what=f"{name}.forward")
    result = run_student(layer.backward, dout, what=f"{name}.backward")
    results = list(result) if isinstance(result, (tuple, list)) else [result]
    for attr in grad_attrs:
        results.append(getattr(layer, attr, None))
    return out, results


def _differs(a, b) -> tuple | None:
    """None when a and b are the same numbers; else (index, a there, b there) of the worst."""
    a, b = numbers(a), numbers(b)
    if a is None or b is None or a.shape != b.shape:
        return ((), a, b) if not (a is None and b is None) else None
    with np.errstate(all="ignore"):
        gap = np.abs(a - b)
        gap = np.where(np.isnan(gap), np.where(np.isnan(a) & np.isnan(b), 0, np.inf), gap)
        limit = SAME_RTOL * np.maximum(np.abs(a), np.abs(b)) + 1e-300
    if np.all(gap <= limit):
        return None
    worst = int(np.argmax(gap - limit))
    index = tuple(int(i) for i in np.unravel_index(worst, a.shape))
    return index, a.flat[worst], b.flat[worst]


def _compare(found, gives: str, differs: str) -> str:
    """E.g. " at index (0, 1): backward(2·dout) gives 0.25 where 2·backward(dout) is 0.5".

    gives, differs: the keys of the comparison (with {where}, {value}, {expected}) and of
    the words for results that differ in shape or type."""
    index, value, expected = found
    if value is None or expected is None or np.ndim(value) or np.ndim(expected):
        return say(differs)
    where = say("behaviour.at_index", index=index) if index else ""
    return say(gives, where=where, value=value, expected=expected)


def _before_after(found) -> str:
    index, before, after = found
    if before is None or after is None or np.shape(before) != np.shape(after):
        return say("behaviour.shape_changed", before=np.shape(before), after=np.shape(after))
    where = say("behaviour.at_index", index=index) if index else ""
    return say("behaviour.value_changed", where=where, before=before, after=after)


def _layer_name(make_layer) -> str:
    return type(make_layer()).__name__


# =========================================================================== checks


def check_dout_not_mutated(make_layer: Callable, inputs: Sequence, dout, *,
                           section: str | None = RELU_SECTION) -> None:
    """backward(dout) must leave the caller's dout unchanged."""
    if np.ndim(dout) == 0:
        return                     # a Python number cannot be changed in place
    given = _copy(dout)
    _run(make_layer, inputs, given, ())
    found = _differs(given, dout)
    if found:
        name = _layer_name(make_layer)
        raise fail(say("behaviour.dout_changed", name=name,
                       change=_before_after((found[0], found[2], found[1]))), "dout_mutated",
                   cause=say(DOUT_MUTATED),
                   section=said(section))


def check_input_not_mutated(make_layer: Callable, inputs: Sequence, *,
                            section: str | None = RELU_SECTION) -> None:
    """forward(*inputs) must leave its inputs unchanged."""
    layer = make_layer()
    given = [_copy(v) for v in inputs]
    run_student(layer.forward, *given, what=f"{type(layer).__name__}.forward")
    for position, (before, after) in enumerate(zip(inputs, given)):
        found = _differs(after, _copy(before))
        if found:
            raise fail(say("behaviour.input_changed", name=type(layer).__name__,
                           number=position + 1,
                           change=_before_after((found[0], found[2], found[1]))), "input_mutated",
                   cause=say(INPUT_MUTATED),
                   section=said(section))


def check_linear_in_dout(make_layer: Callable, inputs: Sequence, dout, *,
                         grad_attrs: Sequence[str] = (),
                         section: str | None = CHAIN_RULE_SECTION) -> None:
    """backward(2·dout) must equal 2·backward(dout), parameter gradients included.

    Not for a loss layer whose backward ignores dout (the book's SoftmaxWithLoss).
    """
    _, once = _run(make_layer, inputs, _copy(dout), grad_attrs)
    _, doubled = _run(make_layer, inputs, 2 * _copy(dout), grad_attrs)
    for value, twice in zip(once, doubled):
        found = _differs(twice, None if numbers(value) is None else 2 * numbers(value))
        if found:
            raise fail(say("behaviour.not_proportional", name=_layer_name(make_layer),
                           comparison=_compare(found, "behaviour.linear_gives",
                                               "behaviour.linear_differs")), "not_linear_in_dout",
                   cause=say(NOT_LINEAR),
                   section=said(section))


def check_repeatable_backward(make_layer: Callable, inputs: Sequence, dout, *,
                              grad_attrs: Sequence[str] = (),
                              section: str | None = None) -> None:
    """Two backward calls after one forward must give the same results."""
    layer = make_layer()
    name = type(layer).__name__
    run_student(layer.forward, *[_copy(v) for v in inputs], what=f"{name}.forward")

    def results():
        result = run_student(layer.backward, _copy(dout), what=f"{name}.backward")
        values = list(result) if isinstance(result, (tuple, list)) else [result]
        return [_copy(v) if numbers(v) is not None else v
                for v in values + [getattr(layer, a, None) for a in grad_attrs]]

    first, second = results(), results()
    for a, b in zip(first, second):
        found = _differs(b, a)
        if found:
            raise fail(say("behaviour.not_repeatable", name=name,
                           comparison=_compare(found, "behaviour.repeat_gives",
                                               "behaviour.repeat_differs")),
                       "backward_not_repeatable",
                   cause=say("behaviour.not_repeatable_cause"),
                   section=said(section))


def check_uses_latest_forward(make_layer: Callable, earlier_inputs: Sequence,
                              inputs: Sequence, dout, *, grad_attrs: Sequence[str] = (),
                              section: str | None = None) -> None:
    """forward(earlier); forward(inputs); backward must be as if only forward(inputs) ran."""
    _, expected = _run(make_layer, inputs, _copy(dout), grad_attrs)
    _, got = _run(make_layer, inputs, _copy(dout), grad_attrs, forward_first=[earlier_inputs])
    for value, reference in zip(got, expected):
        found = _differs(value, reference)
        if found:
            raise fail(say("behaviour.stale_state", name=_layer_name(make_layer),
                           comparison=_compare(found, "behaviour.stale_gives",
                                               "behaviour.stale_differs")), "stale_forward_state",
                   cause=say("behaviour.stale_state_cause"),
                   section=said(section))


def check_shapes_and_dtypes(make_layer: Callable, inputs: Sequence, dout, *,
                            grad_names: Sequence[str] = ("dx",),
                            param_grads: Mapping[str, str] | None = None,
                            out_shape: tuple | None = None,
                            section: str | None = None) -> None:
    """Every gradient has its input's (or parameter's) shape; all results are float64.

    out_shape: forward's expected output shape, when known (e.g. (N, M) for Affine).
    """
    layer = make_layer()
    name = type(layer).__name__
    out, results = _run(make_layer, inputs, _copy(dout), tuple((param_grads or {}).values()))
    wanted = [(say("behaviour.output_of", name=name), out, out_shape)]
    wanted += [(say("behaviour.grad_from", grad=g, name=name), r, np.shape(x))
               for g, r, x in zip(grad_names, results, inputs)]
    wanted += [(f"{name}.{g}", r, np.shape(getattr(layer, p)))
               for (p, g), r in zip((param_grads or {}).items(), results[len(grad_names):])]
    for what, value, shape in wanted:
        values = numbers(value)
        if values is None:
            raise fail(say("behaviour.not_numbers", what=what, kind=type(value).__name__),
                       "wrong_type",
                   cause=say("behaviour.not_numbers_cause"),
                   section=said(section))
        if shape is not None and values.shape != tuple(shape):
            raise fail(say("behaviour.wrong_shape", what=what, shape=values.shape,
                           expected=tuple(shape)), "wrong_output_shape",
                   cause=say("behaviour.wrong_shape_cause"),
                   section=said(section))
        dtype = np.asarray(value).dtype
        if dtype.kind in "f" and dtype != np.float64 or dtype.kind in "iub":
            raise fail(say("behaviour.wrong_dtype", what=what, dtype=dtype), "wrong_dtype",
                   cause=say("behaviour.wrong_dtype_cause"),
                   section=said(section))


OVERFLOW_CAUSE = "behaviour.overflow"


def check_finite_for_large_inputs(make_layer: Callable, large_inputs: Sequence, dout, *,
                                  section: str | None = OVERFLOW_SECTION,
                                  causes: Mapping[str, str] | None = None) -> None:
    """forward and backward stay free of NaN/inf for large inputs (e.g. scores of ±1000).

    numpy's overflow warnings are silenced (they would fail the notebook cell); only the
    values count: 1 / (1 + exp(1000)) = 0 is fine, exp(1000) / exp(1000) = NaN is not.
    causes: the layer's own advice, {"forward": ..., "backward": ...} (words or catalogue
    keys); default OVERFLOW_CAUSE.
    """
    causes = causes or {}
    out, results = _run(make_layer, large_inputs, _copy(dout), ())
    name = _layer_name(make_layer)
    largest = max(float(np.max(np.abs(numbers(v)), initial=0.0)) for v in large_inputs
                  if numbers(v) is not None)
    for stage, what, value in [("forward", say("behaviour.output_of", name=name), out)] + [
            ("backward", say("behaviour.result_of", number=i + 1, name=name), r)
            for i, r in enumerate(results)]:
        values = numbers(value)
        if values is not None and not np.all(np.isfinite(values)):
            raise fail(say("behaviour.not_finite", what=what, largest=largest), "overflow",
                   cause=said(causes.get(stage, OVERFLOW_CAUSE)),
                   section=said(section))


def check_behaviour(make_layer: Callable, inputs: Sequence, dout, *,
                    earlier_inputs: Sequence | None = None,
                    large_inputs: Sequence | None = None,
                    grad_names: Sequence[str] = ("dx",),
                    param_grads: Mapping[str, str] | None = None,
                    out_shape: tuple | None = None, linear: bool = True,
                    section: str | None = None) -> None:
    """All behaviour checks in order; the first failure raises.

    earlier_inputs: other inputs of the same shapes for the stale-state check (skipped
    when None); large_inputs: for the overflow check (skipped when None); linear: False
    for a loss layer whose backward ignores dout.
    """
    grads = tuple((param_grads or {}).values())
    sections = {} if section is None else {"section": section}
    check_input_not_mutated(make_layer, inputs, **sections)
    check_dout_not_mutated(make_layer, inputs, dout, **sections)
    if linear:
        check_linear_in_dout(make_layer, inputs, dout, grad_attrs=grads, **sections)
    check_repeatable_backward(make_layer, inputs, dout, grad_attrs=grads, section=section)
    if earlier_inputs is not None:
        check_uses_latest_forward(make_layer, earlier_inputs, inputs, dout, grad_attrs=grads,
                                  section=section)
    check_shapes_and_dtypes(make_layer, inputs, dout, grad_names=grad_names,
                            param_grads=param_grads, out_shape=out_shape, section=section)
    if large_inputs is not None:
        check_finite_for_large_inputs(make_layer, large_inputs, dout, **sections)
