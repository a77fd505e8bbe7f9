"""Comparing what the student's code returned with the reference, in plain words."""
from __future__ import annotations

import numpy as np

from autograder.judging.program import Opaque, Raised

RTOL, ATOL = 1e-6, 1e-9

def _numeric(value) -> np.ndarray | None:
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(float)
    if isinstance(value, (bool, int, float)):
        return np.asarray(float(value))
    return None


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=6, edgeitems=2) if value.size else "[]"
    if isinstance(value, Raised):
        return f"{value.name}: {value.message}"
    return repr(value)[:80]


def difference(got, want, rtol: float = RTOL, atol: float = ATOL, where: str = "",
               broadcast: bool = False) -> str | None:
    """None when got matches want (the reference), else what differs, in plain words.
    broadcast: a number may stand for an array of that number (d/dx of -x is -1)."""
    if isinstance(want, Raised):
        if isinstance(got, Raised) and got.name == want.name:
            return None
        return f"{where or 'it'} should raise {want.name}, but gave {_short(got)}"
    if isinstance(got, Raised):
        return f"{where or 'it'} raised {got.name}: {got.message}"
    expected = _numeric(want)
    if expected is not None:
        values = _numeric(got)
        if values is None:
            return f"{where or 'the result'} should be a number or an array, but is {_short(got)}"
        if broadcast and values.size == 1:
            values = np.broadcast_to(values.reshape(()), expected.shape)
        if values.shape != expected.shape and not (expected.ndim == 0 and values.size == 1):
            return f"{where or 'the result'} has shape {values.shape}, expected {expected.shape}"
        values = values.reshape(expected.shape)
        if np.allclose(values, expected, rtol=rtol, atol=atol, equal_nan=True):
            return None
        if expected.ndim == 0:
            return f"{where or 'the result'} is {float(values):.6g}, expected {float(expected):.6g}"
        bad = np.unravel_index(np.argmax(np.abs(values - expected) - rtol * np.abs(expected)),
                               expected.shape)
        return (f"{where or 'the result'} differs at index {tuple(int(i) for i in bad)}: "
                f"got {values[bad]:.6g}, expected {expected[bad]:.6g}")
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"{where or 'the result'} should hold {len(want)} values, but is {_short(got)}"
        for i, (g, w) in enumerate(zip(got, want)):
            found = difference(g, w, rtol, atol, f"{where or 'the result'}[{i}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{where or 'the result'} should be a dict, but is {_short(got)}"
        for key, w in want.items():
            if key not in got:
                return f"{where or 'the result'} has no key {key!r}"
            found = difference(got[key], w, rtol, atol, f"{where or 'the result'}[{key!r}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, Opaque):
        return None if isinstance(got, Opaque) else f"{where} should be an object, but is {_short(got)}"
    return None if got == want else f"{where or 'the result'} is {_short(got)}, expected {_short(want)}"


def describe(step: list) -> str:
    """A step in the words a student knows: `MulLayer.forward(x, y)`."""
    if step[0] == "call":
        return f"{step[2]}(…)"
    if step[0] == "get":
        return step[2]
    return step[1]




def relative_error(got, expected) -> float:
    """‖got − expected‖ / max(‖expected‖, tiny): one number over the whole array."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    with np.errstate(all="ignore"):
        return float(np.linalg.norm(got - expected) / max(np.linalg.norm(expected), 1e-300))
