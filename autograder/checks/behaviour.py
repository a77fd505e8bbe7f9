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

from autograder.checks.diagnose import fail, numbers
from autograder.checks.gradcheck import fresh_copy as _copy
from autograder.checks.gradcheck import run_student

SAME_RTOL = 1e-9   # "the same result": equal up to rounding (scaling by 2 is exact in floats)

# Causes the judges name too (autograder/judging/), for the same mistakes seen from outside.
DOUT_MUTATED = ("an in-place assignment such as dout[self.mask] = 0 also changes the caller's "
                "array, which other layers may still need. Work on a copy, dx = dout.copy(); "
                "dx[self.mask] = 0, or build a new array, dx = np.where(self.mask, 0, dout).")
INPUT_MUTATED = ("an in-place operation on the input (x[...] = ..., x -= ..., x += ...) changes "
                 "the caller's array. Work on a copy or build a new array: out = x.copy(); "
                 "out[self.mask] = 0, or x = x - c.")
NOT_LINEAR = ("the upstream gradient is not multiplied in: by the chain rule every result of "
              "backward is dout times a local derivative (nothing added, nothing left without "
              "dout).")


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


def _compare(found, this: str, reference: str) -> str:
    """E.g. " at index (0, 1): backward(2·dout) gives 0.25 where 2·backward(dout) is 0.5"."""
    index, value, expected = found
    if value is None or expected is None or np.ndim(value) or np.ndim(expected):
        return f": {this} and {reference} differ in shape or type"
    where = f" at index {index}" if index else ""
    return f"{where}: {this} gives {value:.6g} where {reference} {expected:.6g}"


def _before_after(found) -> str:
    index, before, after = found
    if before is None or after is None or np.shape(before) != np.shape(after):
        return (f" its shape was {np.shape(before)} before the call and {np.shape(after)} after "
                f"(an assignment to x.shape reshapes the caller's array; x.reshape(...) does not)")
    where = f" at index {index}" if index else ""
    return f"{where} it was {before:.6g} before the call and {after:.6g} after"


def _layer_name(make_layer) -> str:
    return type(make_layer()).__name__


# =========================================================================== checks


def check_dout_not_mutated(make_layer: Callable, inputs: Sequence, dout, *,
                           section: str | None = "§5.5.1 ReLU layer") -> None:
    """backward(dout) must leave the caller's dout unchanged."""
    if np.ndim(dout) == 0:
        return                     # a Python number cannot be changed in place
    given = _copy(dout)
    _run(make_layer, inputs, given, ())
    found = _differs(given, dout)
    if found:
        name = _layer_name(make_layer)
        raise fail(f"✗ {name}.backward changed the dout array it was given (in-place "
                   f"mutation):{_before_after((found[0], found[2], found[1]))}.", "dout_mutated",
                   cause=DOUT_MUTATED,
                   section=section)


def check_input_not_mutated(make_layer: Callable, inputs: Sequence, *,
                            section: str | None = "§5.5.1 ReLU layer") -> None:
    """forward(*inputs) must leave its inputs unchanged."""
    layer = make_layer()
    given = [_copy(v) for v in inputs]
    run_student(layer.forward, *given, what=f"{type(layer).__name__}.forward")
    for position, (before, after) in enumerate(zip(inputs, given)):
        found = _differs(after, _copy(before))
        if found:
            raise fail(f"✗ {type(layer).__name__}.forward changed its input number "
                       f"{position + 1} in place:{_before_after((found[0], found[2], found[1]))}.", "input_mutated",
                   cause=INPUT_MUTATED,
                   section=section)


def check_linear_in_dout(make_layer: Callable, inputs: Sequence, dout, *,
                         grad_attrs: Sequence[str] = (),
                         section: str | None = "§5.2 chain rule") -> None:
    """backward(2·dout) must equal 2·backward(dout), parameter gradients included.

    Not for a loss layer whose backward ignores dout (the book's SoftmaxWithLoss).
    """
    _, once = _run(make_layer, inputs, _copy(dout), grad_attrs)
    _, doubled = _run(make_layer, inputs, 2 * _copy(dout), grad_attrs)
    for value, twice in zip(once, doubled):
        found = _differs(twice, None if numbers(value) is None else 2 * numbers(value))
        if found:
            raise fail(f"✗ {_layer_name(make_layer)}.backward is not proportional to dout"
                       f"{_compare(found, 'backward(2·dout)', '2·backward(dout) is')}.", "not_linear_in_dout",
                   cause=NOT_LINEAR,
                   section=section)


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
            raise fail(f"✗ Calling {name}.backward twice gave different results"
                       f"{_compare(found, 'the second call', 'the first call gave')}.", "backward_not_repeatable",
                   cause="backward changes the state forward saved (e.g. self.out "
                         "or self.mask edited in place) or accumulates into it "
                         "(self.dW += ...). Compute new arrays from the saved values "
                         "and assign them with =.",
                   section=section)


def check_uses_latest_forward(make_layer: Callable, earlier_inputs: Sequence,
                              inputs: Sequence, dout, *, grad_attrs: Sequence[str] = (),
                              section: str | None = None) -> None:
    """forward(earlier); forward(inputs); backward must be as if only forward(inputs) ran."""
    _, expected = _run(make_layer, inputs, _copy(dout), grad_attrs)
    _, got = _run(make_layer, inputs, _copy(dout), grad_attrs, forward_first=[earlier_inputs])
    for value, reference in zip(got, expected):
        found = _differs(value, reference)
        if found:
            raise fail(f"✗ {_layer_name(make_layer)}.backward used values from an earlier "
                       f"forward call"
                       f"{_compare(found, 'after two forward calls it', 'a fresh layer gives')}"
                       ".", "stale_forward_state",
                   cause="forward must save what backward needs (self.x, self.mask, "
                         "self.out) on every call, not only the first (no `if "
                         "self.mask is None:`).",
                   section=section)


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
    wanted = [(f"the output of {name}.forward", out, out_shape)]
    wanted += [(f"{g} from {name}.backward", r, np.shape(x))
               for g, r, x in zip(grad_names, results, inputs)]
    wanted += [(f"{name}.{g}", r, np.shape(getattr(layer, p)))
               for (p, g), r in zip((param_grads or {}).items(), results[len(grad_names):])]
    for what, value, shape in wanted:
        values = numbers(value)
        if values is None:
            raise fail(f"✗ {what} should be a number or numpy array, but is "
                       f"{type(value).__name__}.", "wrong_type",
                   cause="a missing `return`, or the wrong variable returned.",
                   section=section)
        if shape is not None and values.shape != tuple(shape):
            raise fail(f"✗ {what} has shape {values.shape}, expected {tuple(shape)}.", "wrong_output_shape",
                   cause="a gradient has the shape of what it is the gradient of "
                         "(dx like x, dW like W); reshape dx back to x's shape if "
                         "forward flattened x.",
                   section=section)
        dtype = np.asarray(value).dtype
        if dtype.kind in "f" and dtype != np.float64 or dtype.kind in "iub":
            raise fail(f"✗ {what} has dtype {dtype}, but the inputs are float64.", "wrong_dtype",
                   cause="an array created with another dtype (np.float32, or "
                         "np.zeros_like of an integer array) or an .astype() cast; "
                         "keep float64 throughout.",
                   section=section)


OVERFLOW_CAUSE = ("an overflow: np.exp of a large number is inf, and inf/inf is NaN. Subtract "
                  "the max before exp (softmax), or use a form that only ever takes exp of a "
                  "negative number.")


def check_finite_for_large_inputs(make_layer: Callable, large_inputs: Sequence, dout, *,
                                  section: str | None = "§3.5.2 softmax overflow",
                                  causes: Mapping[str, str] | None = None) -> None:
    """forward and backward stay free of NaN/inf for large inputs (e.g. scores of ±1000).

    numpy's overflow warnings are silenced (they would fail the notebook cell); only the
    values count: 1 / (1 + exp(1000)) = 0 is fine, exp(1000) / exp(1000) = NaN is not.
    causes: the layer's own advice, {"forward": ..., "backward": ...}; default OVERFLOW_CAUSE.
    """
    causes = causes or {}
    out, results = _run(make_layer, large_inputs, _copy(dout), ())
    name = _layer_name(make_layer)
    largest = max(float(np.max(np.abs(numbers(v)), initial=0.0)) for v in large_inputs
                  if numbers(v) is not None)
    for stage, what, value in [("forward", f"the output of {name}.forward", out)] + [
            ("backward", f"result {i + 1} of {name}.backward", r) for i, r in enumerate(results)]:
        values = numbers(value)
        if values is not None and not np.all(np.isfinite(values)):
            raise fail(f"✗ {what} contains NaN or inf for large inputs (|x| up to "
                       f"{largest:.4g}).", "overflow",
                   cause=causes.get(stage, OVERFLOW_CAUSE),
                   section=section)


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
