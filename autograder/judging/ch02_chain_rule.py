"""Judges of lab ch02_chain_rule: a numerical derivative, chain-rule and fan-out gradients.

numerical_diff is graded numerical on purpose: its cases call it with the default h
and with h = H_GIVEN, a step large enough that every wrong stencil (forward, backward,
divided by h, the step ignored) gives a value far from the central difference; the likely
causes are those stencils, computed here from the test function. The book's
numerical_diff(f, x) (§4.3.1), which has no parameter h, gets a first line that says so.

square_of_sum and fanout are graded as chain-rule formulas, so a numerical derivative earns
nothing. Two things give one away:

* every case counts the calls of the student's numerical_diff (an analytic answer
  makes none) and of the function itself (the judge's own call is the only one);
* *probe cases*: operands of one sign and of size 1e5 to 1e8, where every formula (2(x+y),
  2x + 2y, y, x + y, a + 2b + c) is exact to a few roundings, while a difference quotient
  of the forward, ((x+h+y)² − (x−h+y)²) / 2h, loses ~eps·(x+y)/h of its size (the squares
  keep none of h's digits). Compared at PROBE_RTOL of the reference, calibrated in
  tests/test_numerical.py.
"""
from __future__ import annotations

import numpy as np

from autograder.checks.ch02_chain_rule import (
    BOOK_FIX,
    BOOK_INTERFACE,
    SECTION_CHAIN,
    SECTION_FANOUT,
    SECTION_NUMERIC,
)
from autograder.checks.diagnose import Diagnosis, diagnose, numbers
from autograder.checks.runtime import rng_for
from autograder.judging.judge import Case, Finding, Judge, compare_cases
from autograder.judging.layers import CASES, operands, shape
from autograder.judging.numerical import EPS, Analytic, relative_tolerance
from autograder.judging.program import Opaque, Raised, call, expr, unwatch, watch

# (the test function, as code for both sides; its derivative, for naming causes here)
FUNCTIONS = [("np.sin(3 * x) + x ** 3", lambda x: 3 * np.cos(3 * x) + 3 * x ** 2),
             ("np.exp(0.5 * x) - 2 * x", lambda x: 0.5 * np.exp(0.5 * x) - 2),
             ("1 / (1 + x ** 2)", lambda x: -2 * x / (1 + x ** 2) ** 2),
             ("x ** 4 - x", lambda x: 4 * x ** 3 - 1)]
DEFAULT_H = 1e-4
H_GIVEN = 0.25            # the step of the cases that pass h: large enough to tell stencils apart
SAME = 1e-9               # got "is" a suspect when it agrees with it to this relative precision
PROBE_RTOL = 64 * EPS     # probes: |got − want| ≤ PROBE_RTOL·|want| per element


def _kind(value) -> str:
    if isinstance(value, Opaque):
        return value.kind
    return type(value).__name__


# =========================================================================== numerical_diff

def _evaluate(code: str, x: float) -> float:
    f = eval(f"lambda x: {code}", {"np": np, "__builtins__": {}})  # the grader's own code
    return float(f(x))


def _stencil_suspects(code: str, derivative, x: float, h: float, given: bool) -> dict:
    def f(v):
        return _evaluate(code, v)

    central = "use the central difference (f(x+h) − f(x−h)) / 2h"
    found = {
        "zero": (0.0, "the result is 0: f(x + h) and f(x − h) came out the same number, so "
                      "the step is too small (x + h rounds back to x in floating point, e.g. "
                      "h = 1e-50) or not used. Use the h you are given (1e-4 by default)"),
        "forward difference": ((f(x + h) - f(x)) / h, "that is the forward difference "
                               f"(f(x+h) − f(x)) / h; {central}"),
        "backward difference": ((f(x) - f(x - h)) / h, "that is the backward difference "
                                f"(f(x) − f(x−h)) / h; {central}"),
        "divided by h": ((f(x + h) - f(x - h)) / h, "twice the derivative: divide by 2h, not h"),
        "sign": ((f(x - h) - f(x + h)) / (2 * h), "the sign is flipped: f(x + h) comes first, "
                                                  "(f(x+h) − f(x−h)) / 2h"),
    }
    if given:
        ignored = ("it does not use the h it is given: the central difference needs exactly "
                   "x+h and x−h, with the h you are given")
        found["step 1e-4"] = ((f(x + DEFAULT_H) - f(x - DEFAULT_H)) / (2 * DEFAULT_H), ignored)
        found["exact"] = (derivative(x), ignored)
    return found


def _numerical_diff_explain(name, case, got, want):
    if isinstance(got, Raised):
        return None
    value, expected = numbers(got), numbers(want)
    if value is None or expected is None:
        return Diagnosis("not_a_scalar", f"numerical_diff should return one number, but "
                         f"returned {_kind(got)}", SECTION_NUMERIC)
    if value.size != 1:
        return Diagnosis("not_a_scalar", f"numerical_diff should return one number, but "
                         f"returned an array of shape {value.shape}: f and x are numbers here",
                         SECTION_NUMERIC)
    value = float(value.reshape(()))
    code, derivative = FUNCTIONS[case.inputs["function"]]
    with np.errstate(all="ignore"):
        suspects = _stencil_suspects(code, derivative, case.inputs["x"], case.inputs["h"],
                                     case.inputs["given"])
    for label, (suspect, words) in suspects.items():
        if np.isfinite(suspect) and abs(value - suspect) <= SAME * abs(suspect):
            return Diagnosis(f"suspect:{label}", words, SECTION_NUMERIC)
    found = diagnose(value, expected, section=SECTION_NUMERIC)
    return None if found.name == "unexplained" else found


def _book_interface(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """The book's numerical_diff(f, x): a call with h raises TypeError about its arguments.
    Its first line names the difference; anything else is compared as usual."""
    for case, mine in zip(judge.cases, got):
        value = next(iter(mine.values()), None)
        if case.inputs["given"] and isinstance(value, Raised) and value.name == "TypeError" \
                and "argument" in value.message:
            return Finding(f"{BOOK_INTERFACE} (numerical_diff(f, x, h) raised TypeError: "
                           f"{value.message})",
                           Diagnosis("book_interface", BOOK_FIX, SECTION_NUMERIC))
    return compare_cases(judge, got, want)


def numerical_diff_judge(seed):
    """First h = H_GIVEN for every test function, then the default h."""
    rng = rng_for("judge numerical_diff", seed)
    points = [float(rng.uniform(-1.5, 1.5)) for _ in FUNCTIONS]
    cases, labels = [], {}
    for given in (True, False):
        for number, ((code, _), x) in enumerate(zip(FUNCTIONS, points)):
            called = "numerical_diff(f, x, h)" if given else "numerical_diff(f, x)"
            name = f"{called} for f = lambda x: {code}, x = {x:.6g}"
            name += f", h = {H_GIVEN}" if given else ""
            args = (expr(f"lambda x: {code}"), x) + ((H_GIVEN,) if given else ())
            cases.append(Case([call(name, "numerical_diff", *args)],
                              inputs={"function": number, "x": x, "given": given,
                                      "h": H_GIVEN if given else DEFAULT_H}))
            labels[name] = name
    return Judge("numerical_diff", cases, rtol=1e-6, atol=1e-7, labels=labels,
                 explain=_numerical_diff_explain, decide=_book_interface)


# =========================================================================== chain rule

def _tuple_explain(what: str, returns: str, count: int, suspects, sections, fallbacks=None):
    """explain(name, case, got, want) for a function that returns a tuple: its type, then the
    first part that differs, with that part's suspects and section."""
    def explain(name, case, got, want):
        if isinstance(got, Raised) or not isinstance(want, tuple):
            return None
        if not isinstance(got, (tuple, list)) or len(got) != count:
            shown = (f"{len(got)} values" if isinstance(got, (tuple, list)) else _kind(got))
            return Diagnosis("wrong_type", f"{what} should return {returns}, but returned "
                             f"{shown}: return the {count} values as one tuple", sections[0])
        args = [np.asarray(a, dtype=float) for a in case.inputs["args"]]
        for index, (part, expected) in enumerate(zip(got, want)):
            values, wanted = numbers(part), numbers(expected)
            if wanted is None:
                continue
            if values is not None and values.shape == wanted.shape and np.allclose(
                    values, wanted, rtol=1e-6, atol=1e-9):
                continue
            with np.errstate(all="ignore"):
                found = diagnose(part, wanted, suspects=suspects(index, *args),
                                 section=sections[index])
            if found.name != "unexplained":
                return found
            return (fallbacks or {}).get(index)
        return None
    return explain


def _square_suspects(index: int, x, y) -> dict:
    t = x + y
    if index == 0:
        return {"x² + y²": (x ** 2 + y ** 2, "(x + y)² is not x² + y²: add first, then square")}
    name, own = ("∂z/∂x", x) if index == 1 else ("∂z/∂y", y)
    return {
        "missing 2": (t, f"{name} = ∂z/∂t · ∂t/∂{name[-1]} = 2t · 1: the factor 2 from "
                         f"d(t²)/dt is missing"),
        "one input only": (2 * own, f"{name} = 2(x + y), not 2·{name[-1]}: t = x + y is the "
                                    f"input of the square node"),
        "z itself": (t ** 2, f"{name} equals z: you returned the output, not its derivative")}


SWAPPED = "∂f/∂{0} = ∂f/∂{1} · 1, and ∂f/∂{1} is the OTHER factor of the multiply node ({2})"


def _fanout_suspects(index: int, a, b, c) -> dict:
    x, y = a + b, b + c
    if index == 0:
        return {"added": (x + y, "f = (a + b)(b + c) is wrong: it adds x = a + b and y = b + c; "
                                 "the node that joins them multiplies, f = x·y")}
    if index == 1:
        return {"swapped": (x, SWAPPED.format("a", "x", "b + c"))}
    if index == 3:
        return {"swapped": (y, SWAPPED.format("c", "y", "a + b"))}
    return {
        "path through a+b only": (y, "∂f/∂b holds only the gradient through x = a+b; b is used "
                                     "twice, so add the gradient through y = b+c as well"),
        "path through b+c only": (x, "∂f/∂b holds only the gradient through y = b+c; b is used "
                                     "twice, so add the gradient through x = a+b as well"),
        "product of paths": (x * y, "the gradients of the two paths ADD; they do not multiply")}


FANOUT_FORWARD = Diagnosis("forward_wrong", "f = (a + b)(b + c) is wrong: compute x = a + b and "
                           "y = b + c, then f = x·y", SECTION_FANOUT)


def _probe_operands(rng, n: int, scalar: bool) -> list:
    """n operands of one sign per element, |·| in [1e5, 1e8]: no cancellation in any formula."""
    size = None if scalar else shape(rng)
    sign = rng.choice([-1.0, 1.0], size=size)
    drawn = [sign * 10.0 ** rng.uniform(5, 8, size=size) for _ in range(n)]
    return [float(v) for v in drawn] if scalar else drawn


def chain_judge(name: str, n: int, labels: dict, suspects, sections, returns: str,
                fallbacks=None):
    """The function called on CASES regular cases and 3 probes, its calls of
    numerical_diff and of itself counted."""
    def make(seed):
        rng = rng_for(f"judge {name}", seed)
        drawn = [(operands(rng, n, number), False) for number in range(CASES)]
        probes = rng_for(f"judge {name} probes", seed)
        drawn += [(_probe_operands(probes, n, scalar), True) for scalar in (False, False, True)]
        cases = [Case([watch("calls", ["numerical_diff", name]),
                       call("result", name, *args), unwatch("calls")],
                      inputs={"args": args}, probe=probe) for args, probe in drawn]
        analytic = Analytic(name, ("result",), most_calls={name: 1},
                            tolerance=relative_tolerance(PROBE_RTOL), section=sections[1])
        explain = _tuple_explain(name, returns, n + 1, suspects, sections, fallbacks)
        return Judge(name, cases, labels={"result": labels}, explain=explain,
                     numerical=analytic)
    return make


JUDGES = {
    "numerical_diff_test": numerical_diff_judge,
    "square_of_sum_test": chain_judge(
        "square_of_sum", 2, "square_of_sum(x, y) = (z, dz_dx, dz_dy)", _square_suspects,
        [SECTION_CHAIN] * 3, "(z, dz_dx, dz_dy)"),
    "fanout_test": chain_judge(
        "fanout", 3, "fanout(a, b, c) = (f, df_da, df_db, df_dc)", _fanout_suspects,
        [SECTION_FANOUT] * 4, "(f, df_da, df_db, df_dc)",
        fallbacks={0: FANOUT_FORWARD}),
}
