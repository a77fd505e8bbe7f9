"""Hidden checks of lab ch02_chain_rule: numerical derivative, chain rule, fan-out."""
from __future__ import annotations

import numpy as np

from autograder.checks.runtime import (
    CheckFailed,
    call,
    elementwise_derivative,
    expect_close,
    rng_for,
)
from autograder.provided.checker import mismatch_message

SECTION_NUMERIC = "§4.3.1 (numerical differentiation) and lab 2, part 1"
SECTION_CHAIN = "§5.2.2 (what the chain rule is) and §5.2.3 (chain rule on a graph)"
SECTION_FANOUT = "the fan-out part of the lecture: where a value is used twice, gradients add"
CASES = 6

# Smooth test functions with their exact derivatives. Each has a large second derivative
# relative to its first, so a forward difference (error ≈ h·f''/2) misses by far more than
# the tolerance while a central difference (error ≈ h²·f'''/6) stays well inside it.
FUNCTIONS = [
    ("x³", lambda x: x ** 3, lambda x: 3 * x ** 2),
    ("exp(2x)", lambda x: np.exp(2 * x), lambda x: 2 * np.exp(2 * x)),
    ("sin(x) + x²", lambda x: np.sin(x) + x ** 2, lambda x: np.cos(x) + 2 * x),
    ("1/x", lambda x: 1 / x, lambda x: -1 / x ** 2),
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
                "shrinks only like h. Use (f(x+h) − f(x−h)) / 2h.")
    if offsets == [-1.0, 0.0]:
        return ("it evaluates f at x−h and x: that is the backward difference. Use the central "
                "difference (f(x+h) − f(x−h)) / 2h.")
    if offsets == [0.0]:
        return ("f is only evaluated at x: the step is too small (x + h == x in floating point, "
                "e.g. h = 1e-50) or not used. Use the h you are given (1e-4 by default).")
    return (f"it evaluates f at x + ({', '.join(f'{o:g}' for o in offsets)})·h; the central "
            f"difference needs exactly x+h and x−h, with the h you are given.")


def numerical_derivative(numerical_derivative, seed: int | None = None) -> None:
    rng = rng_for("numerical_derivative", seed)
    for case in range(CASES):
        for label, f, df in FUNCTIONS:
            x = float(rng.uniform(1.0, 2.0) * rng.choice([-1, 1]) if label != "exp(2x)"
                      else rng.uniform(-1.0, 1.0))
            for h in (None, 1e-5):
                spy = _Spy(f)
                args = (spy, x) if h is None else (spy, x, h)
                got = call(numerical_derivative, *args, what="numerical_derivative")
                step = 1e-4 if h is None else h
                hint = _evaluation_hint(spy.points, x, step)
                with np.errstate(all="ignore"):
                    suspects = {
                        "forward difference": ((f(x + step) - f(x)) / step,
                                               "that is the forward difference (f(x+h) − f(x)) / h; "
                                               "use the central difference (f(x+h) − f(x−h)) / 2h"),
                        "backward difference": ((f(x) - f(x - step)) / step,
                                                "that is the backward difference (f(x) − f(x−h)) / h; "
                                                "use the central difference (f(x+h) − f(x−h)) / 2h"),
                        "divided by h": ((f(x + step) - f(x - step)) / step,
                                         "twice the derivative: divide by 2h, not h"),
                    }
                called = "numerical_derivative(f, x)" if h is None else "numerical_derivative(f, x, h=1e-5)"
                name = f"{called} for f(x) = {label} at x = {x:.4g}"
                try:
                    close = bool(np.isclose(float(got), df(x), rtol=1e-6, atol=1e-8))
                except (TypeError, ValueError):
                    close = False
                if hint and not close:
                    raise CheckFailed(mismatch_message(name, got, df(x), cause=f"{hint} Re-read {SECTION_NUMERIC}."))
                expect_close(name, got, df(x), rtol=1e-6, atol=1e-8, suspects=suspects,
                             section=SECTION_NUMERIC)
                if hint:
                    raise CheckFailed(f"{called} gives a close value, but {hint}")


def _operands(rng: np.random.Generator, n: int, case: int) -> list:
    if case == 0:
        return [float(v) for v in rng.uniform(-3, 3, size=n)]
    shape = tuple(rng.integers(1, 5, size=1 + case % 2))
    return [rng.uniform(-3, 3, size=shape) for _ in range(n)]


def square_of_sum(square_of_sum, seed: int | None = None) -> None:
    rng = rng_for("square_of_sum", seed)
    for case in range(CASES):
        x, y = _operands(rng, 2, case)
        result = call(square_of_sum, x, y, what="square_of_sum")
        if not (isinstance(result, tuple) and len(result) == 3):
            raise CheckFailed("square_of_sum should return (z, dz_dx, dz_dy), "
                              f"but returned {type(result).__name__}.")
        z, dz_dx, dz_dy = result
        t = x + y
        expect_close("z = (x + y)²", z, t ** 2, suspects={
            "x² + y²": (x ** 2 + y ** 2, "(x + y)² is not x² + y²: add first, then square")})
        for name, got, own, other in (("∂z/∂x", dz_dx, x, y), ("∂z/∂y", dz_dy, y, x)):
            numeric = elementwise_derivative(lambda v: (v + other) ** 2, own)
            expect_close(name, got, numeric, rtol=1e-6, atol=1e-7, section=SECTION_CHAIN, suspects={
                "missing 2": (t, f"{name} = ∂z/∂t · ∂t/∂{name[-1]} = 2t · 1: the factor 2 from "
                                 f"d(t²)/dt is missing"),
                "one input only": (2 * own, f"{name} = 2(x + y), not 2·{name[-1]}: t = x + y is "
                                            f"the input of the square node"),
                "z itself": (t ** 2, f"{name} equals z: you returned the output, not its derivative")})


def fanout(fanout, seed: int | None = None) -> None:
    rng = rng_for("fanout", seed)
    for case in range(CASES):
        a, b, c = _operands(rng, 3, case)
        result = call(fanout, a, b, c, what="fanout")
        if not (isinstance(result, tuple) and len(result) == 4):
            raise CheckFailed("fanout should return (f, df_da, df_db, df_dc), "
                              f"but returned {type(result).__name__}.")
        f, df_da, df_db, df_dc = result
        x, y = a + b, b + c
        expect_close("f = (a + b)(b + c)", f, x * y)
        swapped = "∂f/∂{0} = ∂f/∂{1} · 1, and ∂f/∂{1} is the OTHER factor of the multiply node ({2})"
        expect_close("∂f/∂a", df_da, elementwise_derivative(lambda v: (v + b) * y, a),
                     section=SECTION_CHAIN, suspects={"swapped": (x, swapped.format("a", "x", "b + c"))})
        expect_close("∂f/∂b", df_db, elementwise_derivative(lambda v: (a + v) * (v + c), b),
                     rtol=1e-6, atol=1e-7, section=SECTION_FANOUT, suspects={
                         "path through a+b only": (y, "∂f/∂b holds only the gradient through x = a+b; "
                                                      "b is used twice, so add the gradient through "
                                                      "y = b+c as well"),
                         "path through b+c only": (x, "∂f/∂b holds only the gradient through y = b+c; "
                                                      "b is used twice, so add the gradient through "
                                                      "x = a+b as well"),
                         "product of paths": (x * y, "the gradients of the two paths ADD; they do "
                                                     "not multiply")})
        expect_close("∂f/∂c", df_dc, elementwise_derivative(lambda v: x * (b + v), c),
                     section=SECTION_CHAIN, suspects={"swapped": (y, swapped.format("c", "y", "a + b"))})
