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
from autograder.checks.words import catalogue, say
from autograder.judging.judge import Case, Finding, Judge, compare_cases
from autograder.judging.layers import CASES, operands, shape
from autograder.judging.numerical import EPS, Analytic, relative_tolerance
from autograder.judging.program import Opaque, Raised, call, expr, unwatch, watch

WORDS = catalogue({
    "ch02.judge.central": {
        "en": "use the central difference (f(x+h) − f(x−h)) / 2h",
        "ko": "중심 차분 (f(x+h) − f(x−h)) / 2h를 쓰세요"},
    "ch02.judge.zero": {
        "en": "the result is 0: f(x + h) and f(x − h) came out the same number, so the step is "
              "too small (x + h rounds back to x in floating point, e.g. h = 1e-50) or not used. "
              "Use the h you are given (1e-4 by default)",
        "ko": "결과가 0입니다. f(x + h)와 f(x − h)가 같은 수로 나왔으니, 간격이 너무 작거나 "
              "(예: h = 1e-50이면 부동소수점에서 x + h가 다시 x로 반올림됩니다) 간격을 쓰지 "
              "않은 것입니다. 인수로 받은 h를 쓰세요 (기본값 1e-4)"},
    "ch02.judge.forward_difference": {
        "en": "that is the forward difference (f(x+h) − f(x)) / h; {central}",
        "ko": "이것은 전방 차분 (f(x+h) − f(x)) / h입니다. {central}"},
    "ch02.judge.backward_difference": {
        "en": "that is the backward difference (f(x) − f(x−h)) / h; {central}",
        "ko": "이것은 후방 차분 (f(x) − f(x−h)) / h입니다. {central}"},
    "ch02.judge.divided_by_h": {
        "en": "twice the derivative: divide by 2h, not h",
        "ko": "미분의 두 배입니다. h가 아니라 2h로 나누세요"},
    "ch02.judge.sign": {
        "en": "the sign is flipped: f(x + h) comes first, (f(x+h) − f(x−h)) / 2h",
        "ko": "부호가 반대입니다. f(x + h)가 앞에 옵니다: (f(x+h) − f(x−h)) / 2h"},
    "ch02.judge.h_ignored": {
        "en": "it does not use the h it is given: the central difference needs exactly x+h and "
              "x−h, with the h you are given",
        "ko": "인수로 받은 h를 쓰지 않습니다. 중심 차분은 받은 h로 정확히 x+h와 x−h 두 점에서 "
              "계산합니다"},
    "ch02.judge.not_a_number": {
        "en": "numerical_diff should return one number, but returned {type}",
        "ko": "numerical_diff는 수 하나를 반환해야 하는데, 반환한 값은 {type}입니다"},
    "ch02.judge.an_array": {
        "en": "numerical_diff should return one number, but returned an array of shape {shape}: "
              "f and x are numbers here",
        "ko": "numerical_diff는 수 하나를 반환해야 하는데, 형상이 {shape}인 배열을 반환했습니다. "
              "여기서 f와 x는 수입니다"},
    "ch02.judge.book_interface": {
        "en": "{interface} (numerical_diff(f, x, h) raised TypeError: {message})",
        "ko": "{interface} (numerical_diff(f, x, h) 호출에서 TypeError 발생: {message})"},
    "ch02.judge.case": {
        "en": "{called} for f = lambda x: {code}, x = {x:.6g}",
        "ko": "f = lambda x: {code}, x = {x:.6g}일 때의 {called}"},
    "ch02.judge.case_h": {
        "en": "{called} for f = lambda x: {code}, x = {x:.6g}, h = {h}",
        "ko": "f = lambda x: {code}, x = {x:.6g}, h = {h}일 때의 {called}"},
    "ch02.judge.not_a_tuple": {
        "en": "{what} should return {returns}, but returned {shown}: return the {count} values "
              "as one tuple",
        "ko": "{what}: {returns} 형태로 반환해야 하는데, 반환한 것은 {shown}입니다. 값 {count}개를 "
              "튜플 하나로 반환하세요"},
    "ch02.judge.n_values": {"en": "{count} values", "ko": "값 {count}개"},
    "ch02.judge.sum_of_squares": {
        "en": "(x + y)² is not x² + y²: add first, then square",
        "ko": "(x + y)²은 x² + y²이 아닙니다. 먼저 더한 다음 제곱하세요"},
    "ch02.judge.missing_2": {
        "en": "{name} = ∂z/∂t · ∂t/∂{var} = 2t · 1: the factor 2 from d(t²)/dt is missing",
        "ko": "{name} = ∂z/∂t · ∂t/∂{var} = 2t · 1입니다. d(t²)/dt에서 나오는 계수 2가 "
              "빠졌습니다"},
    "ch02.judge.one_input_only": {
        "en": "{name} = 2(x + y), not 2·{var}: t = x + y is the input of the square node",
        "ko": "{name} = 2(x + y)이고, 2·{var}가 아닙니다. 제곱 노드의 입력은 t = x + y입니다"},
    "ch02.judge.z_itself": {
        "en": "{name} equals z: you returned the output, not its derivative",
        "ko": "{name}의 값이 z와 같습니다. 미분이 아니라 출력을 반환했습니다"},
    "ch02.judge.swapped": {
        "en": "∂f/∂{input} = ∂f/∂{node} · 1, and ∂f/∂{node} is the OTHER factor of the multiply "
              "node ({other})",
        "ko": "∂f/∂{input} = ∂f/∂{node} · 1이고, ∂f/∂{node}는 곱셈 노드의 '다른' 인수 "
              "({other})입니다"},
    "ch02.judge.added": {
        "en": "f = (a + b)(b + c) is wrong: it adds x = a + b and y = b + c; the node that joins "
              "them multiplies, f = x·y",
        "ko": "f = (a + b)(b + c)가 틀렸습니다. x = a + b와 y = b + c를 더했는데, 둘을 잇는 "
              "노드는 곱셈 노드입니다: f = x·y"},
    "ch02.judge.path_through_x_only": {
        "en": "∂f/∂b holds only the gradient through x = a+b; b is used twice, so add the "
              "gradient through y = b+c as well",
        "ko": "∂f/∂b에 x = a+b를 거치는 기울기만 있습니다. b는 두 번 쓰이므로 (분기) y = b+c를 "
              "거치는 기울기도 더하세요"},
    "ch02.judge.path_through_y_only": {
        "en": "∂f/∂b holds only the gradient through y = b+c; b is used twice, so add the "
              "gradient through x = a+b as well",
        "ko": "∂f/∂b에 y = b+c를 거치는 기울기만 있습니다. b는 두 번 쓰이므로 (분기) x = a+b를 "
              "거치는 기울기도 더하세요"},
    "ch02.judge.product_of_paths": {
        "en": "the gradients of the two paths ADD; they do not multiply",
        "ko": "두 경로의 기울기는 곱하지 않고 '더합니다'"},
    "ch02.judge.forward_wrong": {
        "en": "f = (a + b)(b + c) is wrong: compute x = a + b and y = b + c, then f = x·y",
        "ko": "f = (a + b)(b + c)가 틀렸습니다. x = a + b와 y = b + c를 계산한 다음 f = x·y를 "
              "구하세요"},
})

# (the test function, as code for both sides; its derivative, for naming causes here)
FUNCTIONS = [("np.sin(3 * x) + x ** 3", lambda x: 3 * np.cos(3 * x) + 3 * x ** 2),  # not for students (code)
             ("np.exp(0.5 * x) - 2 * x", lambda x: 0.5 * np.exp(0.5 * x) - 2),  # not for students (code)
             ("1 / (1 + x ** 2)", lambda x: -2 * x / (1 + x ** 2) ** 2),  # not for students (code)
             ("x ** 4 - x", lambda x: 4 * x ** 3 - 1)]  # not for students (code)
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

    central = say("ch02.judge.central")
    found = {
        "zero": (0.0, say("ch02.judge.zero")),
        "forward difference": ((f(x + h) - f(x)) / h,
                               say("ch02.judge.forward_difference", central=central)),
        "backward difference": ((f(x) - f(x - h)) / h,
                                say("ch02.judge.backward_difference", central=central)),
        "divided by h": ((f(x + h) - f(x - h)) / h, say("ch02.judge.divided_by_h")),
        "sign": ((f(x - h) - f(x + h)) / (2 * h), say("ch02.judge.sign")),
    }
    if given:
        ignored = say("ch02.judge.h_ignored")
        found["step 1e-4"] = ((f(x + DEFAULT_H) - f(x - DEFAULT_H)) / (2 * DEFAULT_H), ignored)
        found["exact"] = (derivative(x), ignored)
    return found


def _numerical_diff_explain(name, case, got, want):
    if isinstance(got, Raised):
        return None
    value, expected = numbers(got), numbers(want)
    if value is None or expected is None:
        return Diagnosis("not_a_scalar", say("ch02.judge.not_a_number", type=_kind(got)),
                         SECTION_NUMERIC)
    if value.size != 1:
        return Diagnosis("not_a_scalar", say("ch02.judge.an_array", shape=value.shape),
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
            return Finding(say("ch02.judge.book_interface", interface=say(BOOK_INTERFACE),
                               message=value.message),
                           Diagnosis("book_interface", say(BOOK_FIX), SECTION_NUMERIC))
    return compare_cases(judge, got, want)


def numerical_diff_judge(seed):
    """First h = H_GIVEN for every test function, then the default h."""
    rng = rng_for("judge numerical_diff", seed)
    points = [float(rng.uniform(-1.5, 1.5)) for _ in FUNCTIONS]
    cases, labels = [], {}
    for given in (True, False):
        for number, ((code, _), x) in enumerate(zip(FUNCTIONS, points)):
            called = "numerical_diff(f, x, h)" if given else "numerical_diff(f, x)"
            name = f"{called} for f = lambda x: {code}, x = {x:.6g}"  # not for students (a bound name)
            name += f", h = {H_GIVEN}" if given else ""
            args = (expr(f"lambda x: {code}"), x) + ((H_GIVEN,) if given else ())
            cases.append(Case([call(name, "numerical_diff", *args)],
                              inputs={"function": number, "x": x, "given": given,
                                      "h": H_GIVEN if given else DEFAULT_H}))
            labels[name] = (say("ch02.judge.case_h", called=called, code=code, x=x, h=H_GIVEN)
                            if given else say("ch02.judge.case", called=called, code=code, x=x))
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
            shown = (say("ch02.judge.n_values", count=len(got)) if isinstance(got, (tuple, list))
                     else _kind(got))
            return Diagnosis("wrong_type", say("ch02.judge.not_a_tuple", what=what,
                                               returns=returns, shown=shown, count=count),
                             sections[0])
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
            fallback = (fallbacks or {}).get(index)   # a function that makes the Diagnosis
            return fallback() if fallback else None
        return None
    return explain


def _square_suspects(index: int, x, y) -> dict:
    t = x + y
    if index == 0:
        return {"x² + y²": (x ** 2 + y ** 2, say("ch02.judge.sum_of_squares"))}
    name, own = ("∂z/∂x", x) if index == 1 else ("∂z/∂y", y)
    return {
        "missing 2": (t, say("ch02.judge.missing_2", name=name, var=name[-1])),
        "one input only": (2 * own, say("ch02.judge.one_input_only", name=name, var=name[-1])),
        "z itself": (t ** 2, say("ch02.judge.z_itself", name=name))}


SWAPPED = "ch02.judge.swapped"


def _fanout_suspects(index: int, a, b, c) -> dict:
    x, y = a + b, b + c
    if index == 0:
        return {"added": (x + y, say("ch02.judge.added"))}
    if index == 1:
        return {"swapped": (x, say(SWAPPED, input="a", node="x", other="b + c"))}
    if index == 3:
        return {"swapped": (y, say(SWAPPED, input="c", node="y", other="a + b"))}
    return {
        "path through a+b only": (y, say("ch02.judge.path_through_x_only")),  # not for students (a name)
        "path through b+c only": (x, say("ch02.judge.path_through_y_only")),  # not for students (a name)
        "product of paths": (x * y, say("ch02.judge.product_of_paths"))}


def _fanout_forward() -> Diagnosis:
    return Diagnosis("forward_wrong", say("ch02.judge.forward_wrong"), SECTION_FANOUT)


FANOUT_FORWARD = _fanout_forward   # made when said: its words are in the notebook's language


def _probe_operands(rng, n: int, scalar: bool) -> list:
    """n operands of one sign per element, |·| in [1e5, 1e8]: no cancellation in any formula."""
    size = None if scalar else shape(rng)
    sign = rng.choice([-1.0, 1.0], size=size)
    drawn = [sign * 10.0 ** rng.uniform(5, 8, size=size) for _ in range(n)]
    return [float(v) for v in drawn] if scalar else drawn


def chain_judge(name: str, n: int, labels: dict, suspects, sections, returns: str,
                fallbacks=None):
    """The function called on CASES regular cases and 3 probes, its calls of
    numerical_diff and of itself counted. fallbacks: {index of a result: a function that
    returns the Diagnosis to give when that result is wrong and no suspect matches}."""
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
        "square_of_sum", 2, "square_of_sum(x, y) = (z, dz_dx, dz_dy)", _square_suspects,  # not for students (code)
        [SECTION_CHAIN] * 3, "(z, dz_dx, dz_dy)"),
    "fanout_test": chain_judge(
        "fanout", 3, "fanout(a, b, c) = (f, df_da, df_db, df_dc)", _fanout_suspects,  # not for students (code)
        [SECTION_FANOUT] * 4, "(f, df_da, df_db, df_dc)",  # not for students (code)
        fallbacks={0: FANOUT_FORWARD}),
}
