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

SECTION_NUMERIC = see("ch02_chain_rule", "4. Numerical differentiation", "§4.3.1")
SECTION_CHAIN = see("ch02_chain_rule", "2. Composite functions and the chain rule",
                    "§5.2.2 and §5.2.3")
SECTION_FANOUT = see("ch02_chain_rule", "5. Fan-out", "§5.2.3")
# The first line for the book's numerical_diff(f, x), which has no parameter h.
BOOK_INTERFACE = ("this lab's numerical_diff takes the step as a third argument, "
                  "numerical_diff(f, x, h=1e-4); the book's numerical_diff(f, x) (§4.3.1) fixes "
                  "h = 1e-4 inside and cannot be given another h")
BOOK_FIX = "add the parameter h=1e-4 to the def line and use that h instead of a fixed one"
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
        return ("it evaluates f at x and x+h: that is the forward difference, whose error "
                "shrinks only like h. Use (f(x+h) − f(x−h)) / 2h")
    if offsets == [-1.0, 0.0]:
        return ("it evaluates f at x−h and x: that is the backward difference. Use the central "
                "difference (f(x+h) − f(x−h)) / 2h")
    if offsets == [0.0]:
        return ("f is only evaluated at x: the step is too small (x + h rounds back to x in "
                "floating point, e.g. h = 1e-50) or not used. Use the h you are given (1e-4 by "
                "default)")
    return (f"it evaluates f at x + ({', '.join(f'{o:g}' for o in offsets)})·h; the central "
            f"difference needs exactly x+h and x−h, with the h you are given")


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
        raise fail(f"✗ {BOOK_INTERFACE}.", "book_interface", cause=BOOK_FIX,
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
                name = f"{called} for f(x) = {label} at x = {x:.4g}"
                got = call(numerical_diff, *args, what="numerical_diff")
                value = numbers(got)
                if value is None or value.size != 1:
                    shown = "None" if got is None else (
                        type(got).__name__ if value is None else f"shape {value.shape}")
                    raise fail(f"✗ {name} should return one number, but returned {shown}.",
                               "returned_none" if got is None else "not_a_scalar",
                               cause="a function without `return` gives None" if got is None
                               else "f and x are numbers here, so the estimate is one number",
                               section=SECTION_NUMERIC)
                hint = _evaluation_hint(spy.points, x, 1e-4 if h is None else h)
                if hint:
                    raise fail(f"✗ {name} does not evaluate f at x + h and x − h.",
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
        raise fail(f"✗ {what} changed the arrays it was given.", "input_mutated",
                   cause="an in-place operation (x += y, x[...] = ...) changes the caller's "
                         "array; compute new values instead", section=section)
    if not (isinstance(result, tuple) and len(result) == count):
        raise fail(f"✗ {what} should return {returns}, but returned "
                   f"{type(result).__name__}.", "wrong_type",
                   cause=f"return the values as one tuple: return {returns[1:-1]}",
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
            _consistent(f"{name} against the numerical derivative of your z", got,
                        _first_result(square_of_sum, args, position, "square_of_sum"),
                        args[position], SECTION_CHAIN)


def fanout(fanout, seed: int | None = None) -> None:
    rng = rng_for("fanout", seed)
    for case in (*range(1, CASES), 0):      # arrays first: they show the most
        args = _operands(rng, 3, case)
        _, df_da, df_db, df_dc = _results(fanout, args, 4, "fanout",
                                          "(f, df_da, df_db, df_dc)", SECTION_FANOUT)
        for position, (name, got) in enumerate([("∂f/∂a", df_da), ("∂f/∂b", df_db),
                                                ("∂f/∂c", df_dc)]):
            _consistent(f"{name} against the numerical derivative of your f", got,
                        _first_result(fanout, args, position, "fanout"), args[position],
                        SECTION_FANOUT)
