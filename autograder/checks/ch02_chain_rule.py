"""Hidden checks of lab ch02_chain_rule, on the student's side: how numerical_diff,
square_of_sum and fanout behave (the judges in autograder/judging/ decide their values).

numerical_diff: it takes the step h as a third argument (the book's numerical_diff(f, x) of
§4.3.1 fixes h inside: a first line says so), returns one number and evaluates f exactly at
x + h and x − h, with the h it is given (a spy in place of f records the points; no
derivative is known here).
square_of_sum and fanout: they return a tuple of the lab's length, leave their arguments as
they were, and each gradient agrees with a numerical derivative of the function's own first
result (z, f), the student's forward. Nothing here knows the right values: that is the
judges' part, on the grader's side.
"""
from __future__ import annotations

import inspect

import numpy as np

from autograder.checks import gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import call, elementwise_derivative, rng_for
from autograder.checks.sections import see
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "ch02.book_interface": {
        "en": "this lab's numerical_diff takes the step as a third argument, "
              "numerical_diff(f, x, h=1e-4); the book's numerical_diff(f, x) (§4.3.1) fixes "
              "h = 1e-4 inside and cannot be given another h",
        "ko": "이 실습의 numerical_diff는 간격을 세 번째 인수로 받습니다: "
              "numerical_diff(f, x, h=1e-4). 책의 numerical_diff(f, x) (§4.3.1)는 함수 안에서 "
              "h = 1e-4로 고정하므로 다른 h를 줄 수 없습니다"},
    "ch02.book_fix": {
        "en": "add the parameter h=1e-4 to the def line and use that h instead of a fixed one",
        "ko": "def 줄에 매개변수 h=1e-4를 추가하고, 고정된 값 대신 그 h를 쓰세요"},
    "ch02.forward_difference": {
        "en": "it evaluates f at x and x+h: that is the forward difference, whose error "
              "shrinks only like h. Use (f(x+h) − f(x−h)) / 2h",
        "ko": "f를 x와 x+h에서 계산합니다. 이것은 전방 차분이라 오차가 h에 비례해서만 "
              "줄어듭니다. (f(x+h) − f(x−h)) / 2h를 쓰세요"},
    "ch02.backward_difference": {
        "en": "it evaluates f at x−h and x: that is the backward difference. Use the central "
              "difference (f(x+h) − f(x−h)) / 2h",
        "ko": "f를 x−h와 x에서 계산합니다. 이것은 후방 차분입니다. 중심 차분 "
              "(f(x+h) − f(x−h)) / 2h를 쓰세요"},
    "ch02.only_at_x": {
        "en": "f is only evaluated at x: the step is too small (x + h rounds back to x in "
              "floating point, e.g. h = 1e-50) or not used. Use the h you are given (1e-4 by "
              "default)",
        "ko": "f를 x에서만 계산합니다. 간격이 너무 작거나 (예: h = 1e-50이면 부동소수점에서 "
              "x + h가 다시 x로 반올림됩니다) 간격을 쓰지 않았습니다. 인수로 받은 h를 쓰세요 "
              "(기본값 1e-4)"},
    "ch02.other_points": {
        "en": "it evaluates f at x + ({offsets})·h; the central difference needs exactly x+h "
              "and x−h, with the h you are given",
        "ko": "f를 x + ({offsets})·h에서 계산합니다. 중심 차분은 받은 h로 정확히 x+h와 x−h "
              "두 점에서 계산합니다"},
    "ch02.call_at": {
        "en": "{called} for f(x) = {label} at x = {x:.4g}",
        "ko": "f(x) = {label}, x = {x:.4g}일 때의 {called}"},
    "ch02.shape": {"en": "shape {shape}", "ko": "형상 {shape}"},
    "ch02.not_one_number": {
        "en": "✗ {name} should return one number, but returned {shown}.",
        "ko": "✗ {name}: 수 하나를 반환해야 하는데, 반환한 값은 {shown}입니다."},
    "ch02.no_return": {
        "en": "a function without `return` gives None",
        "ko": "`return`이 없는 함수는 None을 돌려줍니다"},
    "ch02.not_a_scalar": {
        "en": "f and x are numbers here, so the estimate is one number",
        "ko": "여기서 f와 x는 수이므로, 추정값도 수 하나입니다"},
    "ch02.evaluation_points": {
        "en": "✗ {name} does not evaluate f at x + h and x − h.",
        "ko": "✗ {name}: f를 x + h와 x − h에서 계산하지 않습니다."},
    "ch02.input_mutated": {
        "en": "✗ {what} changed the arrays it was given.",
        "ko": "✗ {what}: 인수로 받은 배열을 바꿨습니다."},
    "ch02.input_mutated.cause": {
        "en": "an in-place operation (x += y, x[...] = ...) changes the caller's array; compute "
              "new values instead",
        "ko": "제자리 연산 (x += y, x[...] = ...)은 호출한 쪽의 배열을 바꿉니다. 대신 새 값을 "
              "계산하세요"},
    "ch02.wrong_type": {
        "en": "✗ {what} should return {returns}, but returned {type}.",
        "ko": "✗ {what}: {returns} 형태로 반환해야 하는데, 반환한 값은 {type}입니다."},
    "ch02.wrong_type.cause": {
        "en": "return the values as one tuple: return {values}",
        "ko": "값들을 튜플 하나로 반환하세요: return {values}"},
    "ch02.vs_numerical": {
        "en": "{name} against the numerical derivative of your {output}",
        "ko": "여러분이 계산한 {output}의 수치 미분과 비교한 {name}"},
})

SECTION_NUMERIC = see("ch02_chain_rule", "4. Numerical differentiation", "§4.3.1")  # not for students (a heading)
SECTION_CHAIN = see("ch02_chain_rule", "2. Composite functions and the chain rule", "§5.2.2, §5.2.3")  # not for students (a heading)
SECTION_FANOUT = see("ch02_chain_rule", "5. Fan-out", "§5.2.3")  # not for students (a heading)
# The first line for the book's numerical_diff(f, x), which has no parameter h (keys of WORDS).
BOOK_INTERFACE = "ch02.book_interface"
BOOK_FIX = "ch02.book_fix"
CASES = 6

# Smooth test functions f (the points f is evaluated at are what is checked).
FUNCTIONS = [
    ("x³", lambda x: x * x * x),
    ("exp(2x)", lambda x: np.exp(2 * x)),
    ("sin(x) + x²", lambda x: np.sin(x) + x * x),
    ("1/x", lambda x: 1 / x),
]


class _Spy:
    """Wraps f and records every point it is evaluated at."""

    def __init__(self, f):
        self.f, self.points = f, []

    def __call__(self, x):
        self.points.extend(np.atleast_1d(np.asarray(x, dtype=float)).tolist())
        return self.f(x)


def _evaluation_hint(points: list[float], x: float, h: float) -> str | None:
    offsets = sorted({round((p - x) / h, 6) for p in points})
    if offsets == [-1.0, 1.0]:
        return None
    if offsets == [0.0, 1.0]:
        return say("ch02.forward_difference")
    if offsets == [-1.0, 0.0]:
        return say("ch02.backward_difference")
    if offsets == [0.0]:
        return say("ch02.only_at_x")
    return say("ch02.other_points", offsets=", ".join(f"{o:g}" for o in offsets))


def takes_h(function) -> bool:
    """Whether function can be called as function(f, x, h) (False for the book's (f, x))."""
    try:
        inspect.signature(function).bind(None, None, None)
    except TypeError:
        return False
    except ValueError:           # no signature to read (a builtin): let the call decide
        return True
    return True


def numerical_diff(numerical_diff, seed: int | None = None) -> None:
    if callable(numerical_diff) and not takes_h(numerical_diff):
        raise fail(f"✗ {say(BOOK_INTERFACE)}.", "book_interface", cause=say(BOOK_FIX),
                   section=SECTION_NUMERIC)
    rng = rng_for("numerical_diff", seed)
    for case in range(CASES):
        for label, f in FUNCTIONS:
            x = float(rng.uniform(1.0, 2.0) * rng.choice([-1, 1]) if label != "exp(2x)"
                      else rng.uniform(-1.0, 1.0))
            for h in (None, 1e-5):
                spy = _Spy(f)
                args = (spy, x) if h is None else (spy, x, h)
                called = ("numerical_diff(f, x)" if h is None
                          else "numerical_diff(f, x, h=1e-5)")
                name = say("ch02.call_at", called=called, label=label, x=x)
                got = call(numerical_diff, *args, what="numerical_diff")
                value = numbers(got)
                if value is None or value.size != 1:
                    shown = "None" if got is None else (
                        type(got).__name__ if value is None
                        else say("ch02.shape", shape=value.shape))
                    raise fail(say("ch02.not_one_number", name=name, shown=shown),
                               "returned_none" if got is None else "not_a_scalar",
                               cause=say("ch02.no_return") if got is None
                               else say("ch02.not_a_scalar"),
                               section=SECTION_NUMERIC)
                hint = _evaluation_hint(spy.points, x, 1e-4 if h is None else h)
                if hint:
                    raise fail(say("ch02.evaluation_points", name=name),
                               "evaluation_points", cause=hint, section=SECTION_NUMERIC)


def _operands(rng: np.random.Generator, n: int, case: int) -> list:
    if case == 0:
        return [float(v) for v in rng.uniform(-3, 3, size=n)]
    shape = tuple(int(s) for s in rng.integers(1, 5, size=1 + case % 2))
    return [rng.uniform(-3, 3, size=shape) for _ in range(n)]


def _results(function, args: list, count: int, what: str, returns: str, section: str):
    """function(*args) as a tuple of count results; the arguments must not change."""
    before = [np.copy(a) for a in args]
    result = call(function, *args, what=what)
    if any(not np.array_equal(a, b) for a, b in zip(args, before)):
        raise fail(say("ch02.input_mutated", what=what), "input_mutated",
                   cause=say("ch02.input_mutated.cause"), section=section)
    if not (isinstance(result, tuple) and len(result) == count):
        raise fail(say("ch02.wrong_type", what=what, returns=returns,
                       type=type(result).__name__), "wrong_type",
                   cause=say("ch02.wrong_type.cause", values=returns[1:-1]),
                   section=section)
    return result


def _first_result(function, args: list, position: int, what: str):
    """v ↦ function(*args with v at position)[0]: the function's own forward, in one input."""
    def forward(v):
        given = list(args)
        given[position] = v
        return call(function, *given, what=what)[0]
    return forward


def _consistent(name: str, got, forward, at, section: str) -> None:
    """got agrees with the numerical derivative of the function's own forward."""
    numeric = elementwise_derivative(forward, np.asarray(at, dtype=float))
    values = numbers(got)
    if values is not None and values.size == 1 and numeric.size > 1:
        values = np.broadcast_to(values.reshape(()), numeric.shape)
    gradcheck.assert_gradient_close(name, got if values is None else np.array(values), numeric,
                                    section=section)


def square_of_sum(square_of_sum, seed: int | None = None) -> None:
    rng = rng_for("square_of_sum", seed)
    for case in (*range(1, CASES), 0):      # arrays first: they show the most
        args = _operands(rng, 2, case)
        _, dz_dx, dz_dy = _results(square_of_sum, args, 3, "square_of_sum",
                                   "(z, dz_dx, dz_dy)", SECTION_CHAIN)
        for position, (name, got) in enumerate([("∂z/∂x", dz_dx), ("∂z/∂y", dz_dy)]):
            _consistent(say("ch02.vs_numerical", name=name, output="z"), got,
                        _first_result(square_of_sum, args, position, "square_of_sum"),
                        args[position], SECTION_CHAIN)


def fanout(fanout, seed: int | None = None) -> None:
    rng = rng_for("fanout", seed)
    for case in (*range(1, CASES), 0):      # arrays first: they show the most
        args = _operands(rng, 3, case)
        _, df_da, df_db, df_dc = _results(fanout, args, 4, "fanout",
                                          "(f, df_da, df_db, df_dc)", SECTION_FANOUT)  # not for students (code)
        for position, (name, got) in enumerate([("∂f/∂a", df_da), ("∂f/∂b", df_db),
                                                ("∂f/∂c", df_dc)]):
            _consistent(say("ch02.vs_numerical", name=name, output="f"), got,
                        _first_result(fanout, args, position, "fanout"), args[position],
                        SECTION_FANOUT)
