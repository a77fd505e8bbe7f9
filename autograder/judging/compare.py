"""Comparing what the student's code returned with the reference, in plain words."""
from __future__ import annotations

import numpy as np

from autograder.checks.words import catalogue, say
from autograder.judging.program import Opaque, Raised

WORDS = catalogue({
    "compare.it": {"en": "it", "ko": "호출"},
    "compare.the_result": {"en": "the result", "ko": "결과"},
    "compare.should_raise": {"en": "{where} should raise {expected}, but gave {got}",
                             "ko": "{where}: {expected} 예외가 발생해야 하는데 결과는 {got}입니다"},
    "compare.raised": {"en": "{where} raised {kind}: {message}",
                       "ko": "{where}에서 {kind} 예외가 발생했습니다: {message}"},
    "compare.not_numbers": {"en": "{where} should be a number or an array, but is {got}",
                            "ko": "{where}: 숫자나 배열이어야 하는데 {got}입니다"},
    "compare.wrong_shape": {"en": "{where} has shape {shape}, expected {expected}",
                            "ko": "{where}: 형상이 {shape}인데, 기대한 형상은 {expected}입니다"},
    "compare.wrong_number": {"en": "{where} is {value:.6g}, expected {expected:.6g}",
                             "ko": "{where}: 값이 {value:.6g}인데, 기대한 값은 {expected:.6g}입니다"},
    "compare.differs_at": {
        "en": "{where} differs at index {index}: got {value:.6g}, expected {expected:.6g}",
        "ko": "{where}: 인덱스 {index}에서 받은 값은 {value:.6g}, 기대한 값은 {expected:.6g}입니다"},
    "compare.wrong_count": {"en": "{where} should hold {count} values, but is {got}",
                            "ko": "{where}: 값 {count}개를 담아야 하는데 {got}입니다"},
    "compare.not_a_dict": {"en": "{where} should be a dict, but is {got}",
                           "ko": "{where}: dict여야 하는데 {got}입니다"},
    "compare.missing_key": {"en": "{where} has no key {key!r}",
                            "ko": "{where}에 없는 키: {key!r}"},
    "compare.not_an_object": {"en": "{where} should be an object, but is {got}",
                              "ko": "{where}: 객체여야 하는데 {got}입니다"},
    "compare.wrong_value": {"en": "{where} is {got}, expected {want}",
                            "ko": "{where}: 값이 {got}인데, 기대한 값은 {want}입니다"},
})

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
        return say("compare.should_raise", where=where or say("compare.it"), expected=want.name,
                   got=_short(got))
    if isinstance(got, Raised):
        return say("compare.raised", where=where or say("compare.it"), kind=got.name,
                   message=got.message)
    result = where or say("compare.the_result")
    expected = _numeric(want)
    if expected is not None:
        values = _numeric(got)
        if values is None:
            return say("compare.not_numbers", where=result, got=_short(got))
        if broadcast and values.size == 1:
            values = np.broadcast_to(values.reshape(()), expected.shape)
        if values.shape != expected.shape and not (expected.ndim == 0 and values.size == 1):
            return say("compare.wrong_shape", where=result, shape=values.shape,
                       expected=expected.shape)
        values = values.reshape(expected.shape)
        if np.allclose(values, expected, rtol=rtol, atol=atol, equal_nan=True):
            return None
        if expected.ndim == 0:
            return say("compare.wrong_number", where=result, value=float(values),
                       expected=float(expected))
        bad = np.unravel_index(np.argmax(np.abs(values - expected) - rtol * np.abs(expected)),
                               expected.shape)
        return say("compare.differs_at", where=result, index=tuple(int(i) for i in bad),
                   value=values[bad], expected=expected[bad])
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return say("compare.wrong_count", where=result, count=len(want), got=_short(got))
        for i, (g, w) in enumerate(zip(got, want)):
            found = difference(g, w, rtol, atol, f"{result}[{i}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return say("compare.not_a_dict", where=result, got=_short(got))
        for key, w in want.items():
            if key not in got:
                return say("compare.missing_key", where=result, key=key)
            found = difference(got[key], w, rtol, atol, f"{result}[{key!r}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, Opaque):
        return None if isinstance(got, Opaque) else \
            say("compare.not_an_object", where=where, got=_short(got))
    return None if got == want else \
        say("compare.wrong_value", where=result, got=_short(got), want=_short(want))


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
