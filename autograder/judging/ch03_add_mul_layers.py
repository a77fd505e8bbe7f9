"""Judges of lab ch03_add_mul_layers: MulLayer, AddLayer, the graphs built from them, and
DivLayer, the division node the student derives (its probes: dividends of 1e6 to 1e8 over
divisors in ±[0.5, 3]).

Regular cases: random operands (plain floats first, then arrays of one random shape).
Probe cases, where only an analytic backward is exact: operands of magnitude 1e6 to 1e8,
both signs. There dx = dout·y (or dout itself) is one correctly rounded operation, and so
is every gradient of the graphs (one product, or one sum of two products), while any
difference (f(x + h) − f(x − h)) / 2h of the forward loses the digits of h. The judges also
count the calls of the layers' forward and of the provided numerical_gradient while a
backward (or a whole graph) runs.

The likely causes are the mistakes of the study notes and of earlier classes, computed from
the grader's inputs and the reference's values. Calling conventions (a method name with a
typo, a parameter named `out` where the body uses `dout`) are read off the student's class
by *info cases*, whose values are never compared. A graph that fails is first tried for a
broken layer: the graph is built from the student's MulLayer and AddLayer, so a wrong layer
is the root cause to name (with the layer's own diagnosis), not the graph.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from autograder.checks.ch03_add_mul_layers import (
    BILL_INPUTS,
    NOT_SAVED,
    SECTION_ADD,
    SECTION_BILL,
    SECTION_DIV,
    SECTION_FANOUT,
    SECTION_MUL,
    away_from_zero,
    name_error_words,
    typo_words,
)
from autograder.checks.diagnose import Diagnosis, diagnose, numbers
from autograder.checks.runtime import rng_for
from autograder.judging.compare import difference
from autograder.judging.judge import Case, Finding, Judge, compare_cases
from autograder.judging.layers import explainer, layer_judge, operands
from autograder.judging.numerical import EPS, Analytic
from autograder.judging.program import Raised, call, expr, get, let, ref, unwatch, watch

ANALYTIC_K = 16     # probe tolerance: ANALYTIC_K·eps·(|want| + the sizes it is made of)
LOW, HIGH = 6.0, 8.0   # probe operands: 10**LOW to 10**HIGH in magnitude, both signs
LAYERS = {"MulLayer": SECTION_MUL, "AddLayer": SECTION_ADD}


def _large(rng, shape=None):
    size = () if shape is None else shape
    values = rng.choice([-1.0, 1.0], size=size) * 10.0 ** rng.uniform(LOW, HIGH, size=size)
    return float(values) if shape is None else values


def _relative(case, name, want):
    return ANALYTIC_K * EPS * np.abs(want) + np.finfo(float).tiny


# =========================================================================== conventions

INFO = "info"   # Case.inputs key of a case that only reads the class (never compared)


def _info_cases(cls: str) -> list[Case]:
    """Read, on a fresh object, what is defined and the methods' parameters (each in its own
    case: a missing method stops only its own)."""
    make = [call("layer", cls)]
    cases = [make + [call("names", "layer.__dir__")]]
    for method in ("forward", "backward"):
        code = f"layer.{method}.__code__"
        cases.append(make + [get(f"{method}_count", f"{code}.co_argcount"),
                             get(f"{method}_names", f"{code}.co_varnames")])
    return [Case(steps, inputs={INFO: cls}) for steps in cases]


def _info(judge: Judge, got: list[dict]) -> dict:
    found = {}
    for case, record in zip(judge.cases, got):
        if INFO in case.inputs:
            found.update({k: v for k, v in record.items() if not isinstance(v, Raised)})
    return found


def _parameters(info: dict, method: str) -> list[str] | None:
    names, count = info.get(f"{method}_names"), numbers(info.get(f"{method}_count"))
    if not isinstance(names, (tuple, list)) or count is None or count.size != 1:
        return None
    return [str(n) for n in names[1:int(count.reshape(()))]]   # without self


def _convention(cls: str, section: str, info: dict, name: str, got, want) -> Diagnosis | None:
    """A wrong calling convention, named from what the class defines."""
    method = {"out": "forward", "grads": "backward"}.get(name)
    if isinstance(got, Raised) and method:
        missing = re.search(r"has no attribute '(\w+)'", got.message)
        if got.name == "AttributeError" and missing and missing.group(1) == method:
            names = info.get("names")
            defined = [str(n) for n in names] if isinstance(names, (tuple, list)) else []
            return Diagnosis("method_typo", typo_words(cls, method, defined), section)
        undefined = re.search(r"name '(\w+)' is not defined", got.message)
        params = _parameters(info, method)
        if got.name == "NameError" and undefined and params is not None:
            return Diagnosis("name_error", name_error_words(params, undefined.group(1),
                                                            f"the body of {cls}.{method}"),
                             section)
        return None
    if name == "grads" and isinstance(want, tuple) and not isinstance(got, Raised):
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Diagnosis("wrong_return_count", f"{cls}.backward should return a pair "
                             f"(dx, dy): a two-input node sends a gradient back to each input, "
                             f"return dx, dy", section)
        for which, value in zip(("dx", "dy"), got):
            if value is None:
                return Diagnosis("returned_none", f"{cls}.backward returned None for {which}: "
                                 f"did you forget to compute it?", section)
    return None


def _split(judge: Judge, got: list[dict], want: list[dict], keep) -> tuple:
    """A copy of judge with only the cases keep(case) accepts, and their records."""
    got = list(got) + [{}] * (len(want) - len(got))   # a short result: never reached
    chosen = [i for i, case in enumerate(judge.cases) if keep(case)]
    return (dataclasses.replace(judge, cases=[judge.cases[i] for i in chosen], decide=None),
            [got[i] for i in chosen], [want[i] for i in chosen])


def with_conventions(judge: Judge, cls: str, section: str) -> Judge:
    """The judge, plus info cases whose reading names a typo or a misnamed parameter."""
    base = judge.explain
    judge.cases = _info_cases(cls) + judge.cases

    def decide(judge, got, want):
        info = _info(judge, got)
        sub, mine, theirs = _split(judge, got, want, lambda case: INFO not in case.inputs)

        def explain(name, case, value, expected):
            found = _convention(cls, section, info, name, value, expected)
            return found or (base(name, case, value, expected) if base else None)

        return compare_cases(dataclasses.replace(sub, explain=explain), mine, theirs)

    judge.decide = decide
    return judge


# =========================================================================== layers

def two_input_case(rng, case):
    x, y, dout = operands(rng, 3, case)
    return (), (x, y), dout


def _layer_probes(rng) -> list:
    """A case of plain floats and one of a (k,) array, operands 1e6 to 1e8 in size."""
    k = int(rng.integers(3, 7))
    return [((), (_large(rng), _large(rng)), float(rng.standard_normal())),
            ((), (_large(rng, (k,)), _large(rng, (k,))), rng.standard_normal(k))]


def _per_part(label: str, dx, dy, words_dx: str, words_dy: str) -> dict:
    """A suspect of backward's pair, with its own words for dx and for dy."""
    return {f"{label} (dx)": ((dx, None), words_dx), f"{label} (dy)": ((None, dy), words_dy)}


def _mul_suspects(case, name, want):
    if name != "grads":
        return {}
    x, y = (np.asarray(v, dtype=float) for v in case.inputs["inputs"])
    dout = np.asarray(case.inputs["dout"], dtype=float)
    return {
        **_per_part("not swapped", dout * x, dout * y,
                    "dx equals dout·x: the inputs of a multiply node must be swapped "
                    "(dx = dout·y).",
                    "dy equals dout·y: the inputs of a multiply node must be swapped "
                    "(dy = dout·x)."),
        **_per_part("forward output", dout * x * y, dout * x * y,
                    "dx equals dout·x·y: multiply dout by the other input only.",
                    "dy equals dout·x·y: multiply dout by the other input only."),
    }


def _add_suspects(case, name, want):
    if name != "grads":
        return {}
    x, y = (np.asarray(v, dtype=float) for v in case.inputs["inputs"])
    dout = np.asarray(case.inputs["dout"], dtype=float)
    return {
        **_per_part("doubled", 2 * dout, 2 * dout,
                    "dx = 2·dout: an add node's local derivative is 1, so it passes dout "
                    "through unchanged.",
                    "dy = 2·dout: an add node's local derivative is 1, so it passes dout "
                    "through unchanged."),
        **_per_part("multiply node", dout * y, dout * x,
                    "dx = dout·(other input): that is the multiply node's rule. An add node "
                    "passes dout through unchanged.",
                    "dy = dout·(other input): that is the multiply node's rule. An add node "
                    "passes dout through unchanged."),
    }


def two_input_layer_judge(name: str, cls: str, seed, suspects, cases: int = 4,
                          probes: int = 2) -> Judge:
    """forward(x, y) and backward(dout) -> (dx, dy) on regular cases and on probes."""
    section = LAYERS[cls]
    drawn = _layer_probes(rng_for(f"judge {name} probes", seed))[:probes]
    judge = layer_judge(
        name, cls, two_input_case, seed, cases=cases, probes=drawn, suspects=suspects,
        section=section,
        analytic=Analytic(f"{cls}.backward", ("grads",), most_calls={f"{cls}.forward": 1},
                          tolerance=_relative, section=section))
    return with_conventions(judge, cls, section)


def mul_layer_judge(seed, name="mul_layer", cases=4, probes=2):
    return two_input_layer_judge(name, "MulLayer", seed, _mul_suspects, cases, probes)


def add_layer_judge(seed, name="add_layer", cases=4, probes=2):
    return two_input_layer_judge(name, "AddLayer", seed, _add_suspects, cases, probes)


# =========================================================================== graphs

WATCHED = ["MulLayer.forward", "AddLayer.forward", "numerical_gradient"]


def _graph_case(target: str, args: list, picks: dict, probe: bool = False) -> Case:
    """The graph called once with its calls counted; on probes, its gradients picked out
    one by one (so each is compared at analytic precision with its own tolerance)."""
    steps = [let("pick", expr(picks["pick"]))] if probe else []
    steps += [watch("calls", WATCHED), call("result", target, *args), unwatch("calls")]
    if probe:
        steps += [call(name, "pick", ref("result"), key)
                  for name, key in picks.items() if name != "pick"]
    return Case(steps, inputs={"args": args}, probe=probe)


def graph_judge(name: str, n: int, picks: dict, labels: dict, nodes: dict, tolerance,
                explain, section: str, seed) -> Judge:
    """The graph on regular operands and on probes; the layers' own cases ride along, used
    only to name a broken layer as the cause when the graph fails."""
    rng = rng_for(f"judge {name}", seed)
    cases = [_graph_case(name, operands(rng, n, number), picks) for number in range(4)]
    probe_rng = rng_for(f"judge {name} probes", seed)
    k = int(probe_rng.integers(3, 7))
    cases += [_graph_case(name, [_large(probe_rng) for _ in range(n)], picks, probe=True),
              _graph_case(name, [_large(probe_rng, (k,)) for _ in range(n)], picks, probe=True)]
    layers = {"MulLayer": mul_layer_judge(seed, f"{name} MulLayer", cases=2, probes=2),
              "AddLayer": add_layer_judge(seed, f"{name} AddLayer", cases=2, probes=2)}
    for cls, layer in layers.items():   # the very classes the graph function is built from
        _retarget(layer, cls, f"{name}.__globals__[{cls}]")
    most = {f"{cls}.forward": 2 * count for cls, count in nodes.items()}   # the graph, twice
    judge = Judge(name, cases + [c for sub in layers.values() for c in sub.cases],
                  labels={"result": f"{name}(…)", **labels}, explain=explain,
                  numerical=Analytic(f"{name}'s backward pass",
                                     tuple(k for k in picks if k != "pick"), most_calls=most,
                                     tolerance=tolerance, section=section))
    graph_cases = {id(c) for c in cases}

    def decide(judge, got, want):
        sub, mine, theirs = _split(judge, got, want, lambda case: id(case) in graph_cases)
        finding = compare_cases(sub, mine, theirs)
        if finding is None:
            return None
        for cls, layer in layers.items():
            own = {id(c) for c in layer.cases}
            _, l_got, l_want = _split(judge, got, want, lambda case, own=own: id(case) in own)
            if not _reached(l_got):
                continue
            broken = layer.decide(layer, l_got, l_want)
            if broken is not None:
                return Finding(finding.problem, _blame(cls, broken))
        return finding

    judge.decide = decide
    return judge


def _retarget(judge: Judge, cls: str, path: str) -> None:
    """The layer judge's objects made from ``path`` instead of the namespace's ``cls``."""
    for case in judge.cases:
        for step in case.steps:
            if step[0] == "call" and step[2] == cls:
                step[2] = path


def _reached(records: list[dict]) -> bool:
    """Whether the layer class was reached through the graph function (a graph that is not a
    plain Python function has no __globals__: then nothing is blamed on the layer)."""
    for record in records:
        made = record.get("layer")
        if isinstance(made, Raised) and (made.name == "KeyError" or "__globals__" in made.message):
            return False
    return True


def _blame(cls: str, broken: Finding) -> Diagnosis:
    """The graph's cause: the layer it is built from, which is wrong on its own."""
    found = broken.diagnosis
    if found is not None and found.name == "numerical_backward":
        return Diagnosis(found.name, f"the graph is built from your {cls}, and {found.words}",
                         found.section)
    words = found.words if found is not None else ""
    why = (f" — {words}{'' if words.endswith(('.', '?')) else '.'}" if words
           else ", and its own test cell says where.")
    return Diagnosis("broken_layer", f"the graph is built from your {cls}, which is wrong on "
                     f"its own{why} Fix {cls} first (on other inputs, {broken.problem}); the "
                     f"graph's values follow from its layers",
                     found.section if found is not None and found.section else LAYERS[cls])


# ---------------------------------------------------------------- apple_orange_graph

BILL_PICKS = {"pick": "lambda r, k: r[1][k]", **{f"d_{k}": k for k in BILL_INPUTS}}
MISSING_TAX = ("is missing the tax factor: backward must start at the tax node and pass its "
               "gradient on")
REUSED = ("it equals the gradient of the orange node: one MulLayer was used for both fruits, "
          "and a layer remembers only its latest forward inputs. Use one layer object per node")
SWAPPED = ("that is the gradient of the other input: a multiply node's backward returns "
           "(dx, dy) in the order of its inputs in forward")


def _bill_inputs(case):
    return [np.asarray(v, dtype=float) for v in case.inputs["args"]]


def _bill_suspects(key: str, inputs: list) -> dict:
    apple, apple_num, orange, orange_num, tax = inputs
    return {
        "apple": {"missing tax": (apple_num, f"∂price/∂apple {MISSING_TAX}"),
                  "reused layer": (orange_num * tax, REUSED),
                  "swapped": (apple * tax, SWAPPED)},
        "apple_num": {"missing tax": (apple, f"∂price/∂apple_num {MISSING_TAX}"),
                      "reused layer": (orange * tax, REUSED),
                      "swapped": (apple_num * tax, SWAPPED)},
        "orange": {"missing tax": (orange_num, f"∂price/∂orange {MISSING_TAX}"),
                   "swapped": (orange * tax, SWAPPED)},
        "orange_num": {"missing tax": (orange, f"∂price/∂orange_num {MISSING_TAX}"),
                       "swapped": (orange_num * tax, SWAPPED)},
        "tax": {"apples only": (apple * apple_num,
                                ("∂price/∂tax must be the whole bill before tax (apples AND "
                                 "oranges): the tax node multiplies dout by all_price"))},
    }[key]


def _named(got, want, suspects, section) -> Diagnosis | None:
    expected = numbers(want)
    if expected is None:
        return None
    found = diagnose(got, expected, suspects=suspects, section=section)
    return None if found.name == "unexplained" else found


def _bill_explain(name, case, got, want):
    if name != "result" or isinstance(got, Raised):
        return None
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return Diagnosis("wrong_return", "apple_orange_graph returns a pair (price, grads): "
                         "the price, and the dict of the five gradients", SECTION_BILL)
    (price, grads), (want_price, want_grads) = got, want
    inputs = _bill_inputs(case)
    if difference(price, want_price):
        return _named(price, want_price, {"no tax": (np.asarray(want_price) / inputs[4],
                                                     "the tax was not applied")}, SECTION_BILL)
    if not isinstance(grads, dict):
        return Diagnosis("wrong_type", f"grads should be a dict with keys {BILL_INPUTS}, one "
                         f"gradient per input", SECTION_BILL)
    for key, expected in want_grads.items():
        if key not in grads:
            return Diagnosis("missing_keys", f"grads has no key {key!r}: it needs the gradient "
                             f"of the price with respect to each of the five inputs, under "
                             f"the keys {BILL_INPUTS}", SECTION_BILL)
        if difference(grads[key], expected):
            return _named(grads[key], expected, _bill_suspects(key, inputs), SECTION_BILL)
    return None


def _bill_tolerance(case, name, want):
    """eps-sized slack around each gradient, for the products and the one sum it is made of."""
    apple, apple_num, orange, orange_num, tax = (np.abs(v) for v in _bill_inputs(case))
    size = {"d_apple": apple_num * tax, "d_apple_num": apple * tax, "d_orange": orange_num * tax,
            "d_orange_num": orange * tax, "d_tax": apple * apple_num + orange * orange_num}[name]
    return ANALYTIC_K * EPS * (np.abs(want) + size) + np.finfo(float).tiny


def apple_orange_graph_judge(seed):
    labels = {f"d_{k}": f"∂price/∂{k} from apple_orange_graph(…)" for k in BILL_INPUTS}
    return graph_judge("apple_orange_graph", 5, BILL_PICKS, labels,
                       {"MulLayer": 3, "AddLayer": 1}, _bill_tolerance, _bill_explain,
                       SECTION_BILL, seed)


# ---------------------------------------------------------------- fanout_graph

FANOUT_PICKS = {"pick": "lambda r, i: r[i]", "df_da": 1, "df_db": 2, "df_dc": 3}
FANOUT_SWAPPED = ("∂f/∂{0} = ∂f/∂{1} · 1, and ∂f/∂{1} is the OTHER factor of the multiply "
                  "node ({2})")


def _fanout_suspects(case, name, want):
    a, b, c = (np.asarray(v, dtype=float) for v in case.inputs["args"])
    x, y = a + b, b + c
    return {
        "swapped a": ((None, x, None, None), FANOUT_SWAPPED.format("a", "x", "b + c")),
        "first path only": ((None, None, y, None),
                            ("∂f/∂b holds only the gradient through a+b: b is used twice, "
                             "add the gradient through b+c too")),
        "second path only": ((None, None, x, None),
                             ("∂f/∂b holds only the gradient through b+c: b is used twice, "
                              "add the gradient through a+b too")),
        "product of paths": ((None, None, x * y, None),
                             "the gradients of the two paths ADD; they do not multiply"),
        "swapped c": ((None, None, None, y), FANOUT_SWAPPED.format("c", "y", "a + b")),
    }


def _fanout_tolerance(case, name, want):
    a, b, c = (np.abs(np.asarray(v, dtype=float)) for v in case.inputs["args"])
    size = {"df_da": b + c, "df_db": a + 2 * b + c, "df_dc": a + b}[name]
    return ANALYTIC_K * EPS * (np.abs(want) + size) + np.finfo(float).tiny


def fanout_graph_judge(seed):
    labels = {"df_da": "∂f/∂a from fanout_graph(…)", "df_db": "∂f/∂b from fanout_graph(…)",
              "df_dc": "∂f/∂c from fanout_graph(…)"}
    return graph_judge("fanout_graph", 3, FANOUT_PICKS, labels,
                       {"MulLayer": 1, "AddLayer": 2}, _fanout_tolerance,
                       explainer(_fanout_suspects, SECTION_FANOUT), SECTION_FANOUT, seed)


# ---------------------------------------------------------------- DivLayer (derived by the student)
# The words below name what the student's dx or dy is, never what it should be: the course
# writes the division node's backward down nowhere (the student derives it).

def division_case(rng, case):
    x, y, dout = operands(rng, 3, case)
    return (), (x, away_from_zero(y)), dout


def _div_probes(rng) -> list:
    """A case of plain floats and one of a (k,) array: dividends of 1e6 to 1e8 (both signs),
    divisors in ±[0.5, 3]. Every formula is exact to a few roundings there, while a
    difference (f(x + h) − f(x − h)) / 2h loses the digits of h next to a large x, and no
    difference along y is better than ~1e-11 of the derivative at any step."""
    k = int(rng.integers(3, 7))
    return [((), (_large(rng), away_from_zero(float(rng.uniform(-3, 3)))),
             float(rng.standard_normal())),
            ((), (_large(rng, (k,)), away_from_zero(rng.uniform(-3, 3, size=k))),
             rng.standard_normal(k))]


SIGN_LOST = ("dy has the right size but the opposite sign: a minus sign was lost. 1/y falls "
             "as y grows, so the 1/y node's local derivative is negative, and that sign must "
             "survive the chain rule")
NO_SQUARE = ("dy is off by a factor of y (perhaps its sign too): the local derivative used "
             "for the 1/y node is not the right one. Redo it (lecture 1 has the '/' node's), "
             "then chain it with the multiply by x")
OVER_X = ("dy is dout/x, up to its sign: ∂z/∂y holds x fixed and lets y vary, and y "
          "reaches z through the 1/y node — a 1/x appears nowhere on that path")
FORGOT_X = ("dy is missing the factor x: y reaches z through the 1/y node and then the "
            "multiply by x, and the chain rule multiplies the local derivatives of both")
OUTPUT_SQUARED = ("dy uses y² where the 1/y node's local derivative needs the square of that "
                  "node's OUTPUT: in lecture 1's table, the y in −y² is the output 1/x of the "
                  "'/' node, not its input; here the input of the 1/y node is your divisor y")
MUL_RULE = ("that is the multiply node's rule, for z = x·y; here y divides. Write z = x·(1/y): "
            "a multiply node whose second input comes from a 1/y node")
SWAPPED_DIV = ("(dx, dy) came back in the wrong order: backward returns the gradient of x "
               "first, then the one of y, in the order of forward's inputs")


def _div_suspects(case, name, want):
    if name != "grads" or not isinstance(want, tuple) or len(want) != 2:
        return {}
    x, y = (np.asarray(v, dtype=float) for v in case.inputs["inputs"])
    dout = np.asarray(case.inputs["dout"], dtype=float)
    want_dx, want_dy = (np.asarray(v, dtype=float) for v in want)
    with np.errstate(all="ignore"):
        return {
            "dy sign lost": ((None, -want_dy), SIGN_LOST),
            "dy without the square": ((None, dout * x / y), NO_SQUARE),
            "dy without the square, minus": ((None, -dout * x / y), NO_SQUARE),
            "dy over x": ((None, dout / x), OVER_X),
            "dy over x, minus": ((None, -dout / x), OVER_X),
            "dy without x": ((None, -dout / y ** 2), FORGOT_X),
            "dy without x or sign": ((None, dout / y ** 2), FORGOT_X),
            "dy with y squared": ((None, -dout * x * y ** 2), OUTPUT_SQUARED),
            **_per_part("multiply rule", dout * y, dout * x, f"dx equals dout·y: {MUL_RULE}.",
                        f"dy equals dout·x: {MUL_RULE}."),
            **_per_part("swapped", want_dy, want_dx, SWAPPED_DIV, SWAPPED_DIV),
        }


def _not_saved(explain):
    """explain, plus: backward met None where forward should have saved an input."""
    def wrapped(name, case, got, want):
        if (name == "grads" and isinstance(got, Raised) and got.name == "TypeError"
                and "NoneType" in got.message):
            return Diagnosis("missing_attribute", NOT_SAVED, SECTION_DIV)
        return explain(name, case, got, want)
    return wrapped


def div_layer_judge(seed):
    """DivLayer on regular cases and on probes, like the other two-input layers."""
    drawn = _div_probes(rng_for("judge div_layer probes", seed))
    judge = layer_judge(
        "div_layer", "DivLayer", division_case, seed, probes=drawn, suspects=_div_suspects,
        section=SECTION_DIV,
        analytic=Analytic("DivLayer.backward", ("grads",), most_calls={"DivLayer.forward": 1},
                          tolerance=_relative, section=SECTION_DIV))
    judge.explain = _not_saved(judge.explain)
    judge = with_conventions(judge, "DivLayer", SECTION_DIV)
    return _derived_by_the_student(judge)


LECTURE_DERIVES = "the formula the lecture derives"
STUDENT_DERIVES = "the formula you derived on paper"


def _derived_by_the_student(judge: Judge) -> Judge:
    """The judge, with the refusal of a numerical backward worded for a node that no lecture
    derives (numerical.words says "the formula the lecture derives")."""
    base = judge.decide

    def decide(judge, got, want):
        finding = base(judge, got, want)
        found = finding.diagnosis if finding is not None else None
        if found is None or found.name != "numerical_backward":
            return finding
        words = found.words.replace(LECTURE_DERIVES, STUDENT_DERIVES)
        return Finding(finding.problem, dataclasses.replace(found, words=words))

    judge.decide = decide
    return judge


JUDGES = {
    "mul_layer_test": mul_layer_judge,
    "add_layer_test": add_layer_judge,
    "apple_orange_graph_test": apple_orange_graph_judge,
    "fanout_graph_test": fanout_graph_judge,
    "div_layer_test": div_layer_judge,
}
