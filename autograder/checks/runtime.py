"""What every chapter's hidden checks share: calling student code safely and comparing
its results with a named diagnosis.

Hidden checks run inside the student's notebook, called from a one-line hidden test. They
raise ``CheckFailed`` (whose message is all the student sees: no traceback, no test code).
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping

import numpy as np

from autograder.checks.diagnose import diagnose, fail
from autograder.checks.words import catalogue, say
from autograder.checks.checker import CheckFailed, explain_exception, mismatch_message

WORDS = catalogue({
    "runtime.note": {"en": "Note: {message}", "ko": "참고: {message}"},
    "runtime.no_method": {"en": "✗ {what} has no method `{name}()`.",
                          "ko": "✗ {what}에 `{name}()` 메서드가 없습니다."},
    "runtime.misspelled_method": {
        "en": "you defined `{close}`: a typo for `{name}`? Python calls the method by its exact "
              "name",
        "ko": "정의한 메서드는 `{close}`입니다. `{name}`의 오타가 아닌가요? 파이썬은 메서드를 "
              "정확한 이름으로 호출합니다"},
    "runtime.missing_method": {
        "en": "define `def {name}(self, ...)` inside the class (indented under it)",
        "ko": "클래스 안에 (클래스 아래로 들여 써서) `def {name}(self, ...)`를 정의하세요"},
    "runtime.name_error": {"en": "✗ {what} raised NameError: {error}.",
                           "ko": "✗ {what}에서 NameError가 발생했습니다: {error}."},
    "runtime.not_written": {
        "en": "✗ {what} is not written yet (it raises NotImplementedError).",
        "ko": "✗ {what}: 아직 작성하지 않았습니다 (NotImplementedError가 발생합니다)."},
    "runtime.raised": {"en": "✗ {what} raised {kind}: {error}",
                       "ko": "✗ {what}에서 {kind} 예외가 발생했습니다: {error}"},
    "runtime.parameter_named_differently": {
        "en": "{function} uses `{missing}`, but its parameters are ({params}): did you name the "
              "parameter differently from the variable you use?",
        "ko": "{function}에서 `{missing}` 변수를 쓰는데, 매개변수는 ({params})입니다. 매개변수 "
              "이름을 실제로 쓰는 변수와 다르게 짓지 않았나요?"},
    "runtime.not_a_dict": {
        "en": "✗ {what} should return a dict with keys {keys}, but returned {kind}.",
        "ko": "✗ {what}: 키가 {keys}인 dict를 반환해야 하는데 {kind} 객체를 반환했습니다."},
    "runtime.missing_key": {
        "en": "✗ {what} returned a dict without the key(s) {missing}.",
        "ko": "✗ {what}: 반환한 dict에 없는 키: {missing}."},
    "runtime.missing_key_cause": {
        "en": "Python's strings are case-sensitive: every key must be spelled as the lab names it",
        "ko": "파이썬 문자열은 대소문자를 구별합니다. 모든 키를 실습에 적힌 그대로 쓰세요"},
    "runtime.not_numbers": {
        "en": "✗ {name} should be a number or an array, but is {kind}.",
        "ko": "✗ {name}: 숫자나 배열이어야 하는데 {kind} 객체입니다."},
    "runtime.not_a_class": {
        "en": "✗ `{name}` is not defined as a class in your notebook.",
        "ko": "✗ `{name}`: 노트북에 이 이름의 클래스가 정의되어 있지 않습니다."},
    "runtime.not_a_class_cause": {"en": "run the cell that defines {name} first",
                                  "ko": "{name} 클래스를 정의하는 셀을 먼저 실행하세요"},
})

__all__ = ["CheckFailed", "call", "expect_close", "expect_keys", "instances_recorded",
           "method", "note", "elementwise_derivative", "rng_for"]

RTOL = 1e-6
ATOL = 1e-9


SEED_VARIABLE = "BACKPROP_CHECK_SEED"   # set by the grader: this student's seed


def rng_for(check_name: str, seed: int | None = None) -> np.random.Generator:
    """A generator per check and seed: ``seed``, else $BACKPROP_CHECK_SEED (the student's,
    under the grader), else one fixed per check (stock nbgrader: the same on every run)."""
    base = sum(ord(ch) * 31 ** i for i, ch in enumerate(check_name)) % 2**32
    if seed is None and os.environ.get(SEED_VARIABLE, "").isdigit():
        seed = int(os.environ[SEED_VARIABLE])
    return np.random.default_rng(base if seed is None else [base, seed])


def note(message: str) -> None:
    """Print advice that costs no points (printed to stdout: nbgrader scores stderr as failure)."""
    print(say("runtime.note", message=message))


def method(obj, name: str, what: str) -> Callable:
    """obj.name, or CheckFailed that points at a likely typo (a study note wrote `foward`)."""
    found = getattr(obj, name, None)
    if callable(found):
        return found
    defined = [n for n in dir(type(obj)) if not n.startswith("__")]
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.6)
    if close:
        raise fail(say("runtime.no_method", what=what, name=name), "misspelled_method",
                   cause=say("runtime.misspelled_method", close=close[0], name=name))
    raise fail(say("runtime.no_method", what=what, name=name), "missing_method",
               cause=say("runtime.missing_method", name=name))


def call(fn: Callable, *args, what: str):
    """Run student code; turn any exception into a message that says what to fix."""
    try:
        with np.errstate(all="ignore"):
            return fn(*args)
    except CheckFailed:
        raise
    except NameError as exc:
        raise fail(say("runtime.name_error", what=what, error=exc), "name_error",
                   cause=_name_error_hint(exc)) from None
    except NotImplementedError:
        raise fail(say("runtime.not_written", what=what), "not_implemented") from None
    except Exception as exc:  # any student bug becomes a message, never a crash of the check
        raise fail(say("runtime.raised", what=what, kind=type(exc).__name__, error=exc), "raised",
                   cause=explain_exception(exc) or None) from None


def _name_error_hint(exc: NameError) -> str:
    """The parameters of the function where the unknown name was used (a study note wrote
    `def backward(self, out)` and then used `dout`)."""
    missing = getattr(exc, "name", None)
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if not missing or tb is None:
        return ""
    code = tb.tb_frame.f_code
    params = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    if not params:
        return ""
    return say("runtime.parameter_named_differently", function=code.co_name, missing=missing,
               params=", ".join(params))


def expect_keys(got, keys: list[str], what: str) -> None:
    if not isinstance(got, Mapping):
        raise fail(say("runtime.not_a_dict", what=what, keys=keys, kind=type(got).__name__),
                   "wrong_type")
    missing = [k for k in keys if k not in got]
    if missing:
        raise fail(say("runtime.missing_key", what=what, missing=missing), "missing_key",
                   cause=say("runtime.missing_key_cause"))


def expect_close(name: str, got, expected, *, suspects: Mapping | None = None,
                 rtol: float = RTOL, atol: float = ATOL, broadcast: bool = False, **context) -> None:
    """Fail with a diagnosis unless ``got`` matches ``expected`` (arrays of any shape).

    suspects: {name: (array a known mistake produces, plain-words cause)}; checked first.
    broadcast: accept a scalar or smaller array that broadcasts to ``expected``'s shape.
    """
    expected = np.asarray(expected, dtype=float)
    if got is not None and broadcast:
        try:
            got = np.broadcast_to(np.asarray(got, dtype=float), expected.shape)
        except (TypeError, ValueError):
            pass
    try:
        values = None if got is None else np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise fail(say("runtime.not_numbers", name=name, kind=type(got).__name__),
                   "wrong_type") from None
    if values is not None and values.shape == expected.shape and np.allclose(
            values, expected, rtol=rtol, atol=atol) and np.all(np.isfinite(values)):
        return
    diagnosis = diagnose(got, expected, suspects=suspects, rtol=rtol, atol=atol, **context)
    raise fail(mismatch_message(name, got, expected, rtol=rtol, atol=atol),
               diagnosis)


def elementwise_derivative(f: Callable, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference derivative of an elementwise function, for every element at once.

    x: array of any shape (float64); returns dy/dx with the same shape.
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        return (f(x + h) - f(x - h)) / (2 * h)


class instances_recorded:
    """Within ``with``, the notebook's layer classes record every instance they create.

    Lets a check confirm a graph was built from layers (and that each ran backward) while
    the student's own classes keep doing the work.
    """

    def __init__(self, namespace: dict, *class_names: str):
        self.namespace, self.class_names = namespace, class_names
        self.created: dict[str, list] = {name: [] for name in class_names}
        self.originals: dict[str, type] = {}

    def __enter__(self):
        for name in self.class_names:
            original = self.namespace.get(name)
            if not isinstance(original, type):
                raise fail(say("runtime.not_a_class", name=name), "not_defined",
                           cause=say("runtime.not_a_class_cause", name=name))
            self.originals[name] = original
            self.namespace[name] = self._recording(original, self.created[name])
        return self

    @staticmethod
    def _recording(cls: type, created: list) -> type:
        def __init__(self, *args, **kwargs):
            cls.__init__(self, *args, **kwargs)
            self._backward_calls = 0
            created.append(self)

        def backward(self, *args, **kwargs):
            self._backward_calls += 1
            return cls.backward(self, *args, **kwargs)

        attrs = {"__init__": __init__}
        if callable(getattr(cls, "backward", None)):
            attrs["backward"] = backward
        return type(cls.__name__, (cls,), attrs)

    def __exit__(self, *exc):
        self.namespace.update(self.originals)
        return False
