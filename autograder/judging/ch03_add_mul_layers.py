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
from autograder.checks.diagnose import Diagnosis, diagnose, numbers, said
from autograder.checks.runtime import rng_for
from autograder.checks.words import catalogue, say
from autograder.judging.compare import difference
from autograder.judging.judge import Case, Finding, Judge, compare_cases
from autograder.judging.layers import explainer, layer_judge, operands
from autograder.judging.numerical import EPS, LECTURE, Analytic
from autograder.judging.program import Raised, call, expr, get, let, ref, unwatch, watch

WORDS = catalogue({
    "ch03.judge.not_a_pair": {
        "en": "{cls}.backward should return a pair (dx, dy): a two-input node sends a gradient "
              "back to each input, return dx, dy",
        "ko": "{cls}.backward는 쌍 (dx, dy)를 반환해야 합니다. 입력이 둘인 노드는 입력마다 "
              "기울기를 하나씩 돌려보냅니다: return dx, dy"},
    "ch03.judge.none_in_pair": {
        "en": "{cls}.backward returned None for {which}: did you forget to compute it?",
        "ko": "{cls}.backward가 {which} 자리에 None을 반환했습니다. 계산을 빠뜨리지 않았나요?"},
    "ch03.judge.mul_not_swapped_dx": {
        "en": "dx equals dout·x: the inputs of a multiply node must be swapped (dx = dout·y).",
        "ko": "dx가 dout·x와 같습니다. 곱셈 노드에서는 입력을 서로 바꿔 곱해야 합니다 "
              "(dx = dout·y)."},
    "ch03.judge.mul_not_swapped_dy": {
        "en": "dy equals dout·y: the inputs of a multiply node must be swapped (dy = dout·x).",
        "ko": "dy가 dout·y와 같습니다. 곱셈 노드에서는 입력을 서로 바꿔 곱해야 합니다 "
              "(dy = dout·x)."},
    "ch03.judge.mul_forward_output": {
        "en": "{grad} equals dout·x·y: multiply dout by the other input only.",
        "ko": "{grad}가 dout·x·y와 같습니다. dout에는 다른 쪽 입력만 곱하세요."},
    "ch03.judge.add_doubled": {
        "en": "{grad} = 2·dout: an add node's local derivative is 1, so it passes dout through "
              "unchanged.",
        "ko": "{grad} = 2·dout입니다. 덧셈 노드의 국소적 미분은 1이므로, dout을 그대로 "
              "흘려보냅니다."},
    "ch03.judge.add_multiply_rule": {
        "en": "{grad} = dout·(other input): that is the multiply node's rule. An add node passes "
              "dout through unchanged.",
        "ko": "{grad} = dout·(다른 쪽 입력): 이것은 곱셈 노드의 규칙입니다. 덧셈 노드는 dout을 "
              "그대로 흘려보냅니다."},
    "ch03.judge.backward_pass": {"en": "{name}'s backward pass", "ko": "{name}의 역전파"},
    "ch03.judge.layer_numerical": {
        "en": "the graph is built from your {cls}, and {words}",
        "ko": "그래프는 여러분의 {cls}로 만들어집니다. 그런데 {words}"},
    "ch03.judge.broken_layer": {
        "en": "the graph is built from your {cls}, which is wrong on its own{why} Fix {cls} "
              "first (on other inputs, {problem}); the graph's values follow from its layers",
        "ko": "그래프는 여러분의 {cls}로 만들어지는데, 이 계층 자체가 틀렸습니다{why} {cls}부터 "
              "고치세요 (다른 입력에서 {problem}). 그래프의 값은 계층에서 나옵니다"},
    "ch03.judge.broken_layer.own_cell": {
        "en": ", and its own test cell says where.",
        "ko": ". 어디가 틀렸는지는 그 계층의 검사 셀이 알려 줍니다."},
    "ch03.judge.missing_tax": {
        "en": "∂price/∂{name} is missing the tax factor: backward must start at the tax node and "
              "pass its gradient on",
        "ko": "∂price/∂{name}에 소비세 계수가 빠졌습니다. backward는 소비세 노드에서 시작해 그 "
              "기울기를 다음 노드로 넘겨야 합니다"},
    "ch03.judge.reused_layer": {
        "en": "it equals the gradient of the orange node: one MulLayer was used for both fruits, "
              "and a layer remembers only its latest forward inputs. Use one layer object per "
              "node",
        "ko": "귤 노드의 기울기와 같습니다. 두 과일에 MulLayer 하나를 같이 썼는데, 계층은 가장 "
              "최근 forward의 입력만 기억합니다. 노드마다 계층 객체를 하나씩 쓰세요"},
    "ch03.judge.swapped": {
        "en": "that is the gradient of the other input: a multiply node's backward returns "
              "(dx, dy) in the order of its inputs in forward",
        "ko": "이것은 다른 쪽 입력의 기울기입니다. 곱셈 노드의 backward는 forward의 입력 "
              "순서대로 (dx, dy)를 반환합니다"},
    "ch03.judge.tax_apples_only": {
        "en": "∂price/∂tax must be the whole bill before tax (apples AND oranges): the tax node "
              "multiplies dout by all_price",
        "ko": "∂price/∂tax는 소비세 전의 전체 금액 (사과와 귤 '모두')이어야 합니다. 소비세 "
              "노드는 dout에 all_price를 곱합니다"},
    "ch03.judge.bill_not_a_pair": {
        "en": "apple_orange_graph returns a pair (price, grads): the price, and the dict of the "
              "five gradients",
        "ko": "apple_orange_graph는 쌍 (price, grads)를 반환합니다: 가격과, 다섯 기울기를 담은 "
              "딕셔너리입니다"},
    "ch03.judge.no_tax": {"en": "the tax was not applied", "ko": "소비세가 적용되지 않았습니다"},
    "ch03.judge.grads_not_a_dict": {
        "en": "grads should be a dict with keys {keys}, one gradient per input",
        "ko": "grads는 키가 {keys}인 딕셔너리여야 합니다. 입력마다 기울기가 하나씩입니다"},
    "ch03.judge.grads_missing_key": {
        "en": "grads has no key {key!r}: it needs the gradient of the price with respect to "
              "each of the five inputs, under the keys {keys}",
        "ko": "grads에 없는 키: {key!r}. grads에는 다섯 입력 각각에 대한 price의 기울기가 "
              "키 {keys}로 들어 있어야 합니다"},
    "ch03.judge.from_graph": {
        "en": "∂{output}/∂{input} from {graph}(…)",
        "ko": "{graph}(…)가 구한 ∂{output}/∂{input}"},
    "ch03.judge.fanout_swapped": {
        "en": "∂f/∂{input} = ∂f/∂{node} · 1, and ∂f/∂{node} is the OTHER factor of the multiply "
              "node ({other})",
        "ko": "∂f/∂{input} = ∂f/∂{node} · 1이고, ∂f/∂{node}는 곱셈 노드의 '다른' 인수 "
              "({other})입니다"},
    "ch03.judge.first_path_only": {
        "en": "∂f/∂b holds only the gradient through a+b: b is used twice, add the gradient "
              "through b+c too",
        "ko": "∂f/∂b에 a+b를 거치는 기울기만 있습니다. b는 두 번 쓰이므로 (분기) b+c를 거치는 "
              "기울기도 더하세요"},
    "ch03.judge.second_path_only": {
        "en": "∂f/∂b holds only the gradient through b+c: b is used twice, add the gradient "
              "through a+b too",
        "ko": "∂f/∂b에 b+c를 거치는 기울기만 있습니다. b는 두 번 쓰이므로 (분기) a+b를 거치는 "
              "기울기도 더하세요"},
    "ch03.judge.product_of_paths": {
        "en": "the gradients of the two paths ADD; they do not multiply",
        "ko": "두 경로의 기울기는 곱하지 않고 '더합니다'"},
    "ch03.judge.div_sign_lost": {
        "en": "dy has the right size but the opposite sign: a minus sign was lost. 1/y falls as "
              "y grows, so the 1/y node's local derivative is negative, and that sign must "
              "survive the chain rule",
        "ko": "dy의 크기는 맞지만 부호가 반대입니다. 마이너스 부호를 잃었습니다. 1/y는 y가 "
              "커질수록 작아지므로 1/y 노드의 국소적 미분은 음수이고, 그 부호는 연쇄법칙을 "
              "거친 뒤에도 남아 있어야 합니다"},
    "ch03.judge.div_no_square": {
        "en": "dy is off by a factor of y (perhaps its sign too): the local derivative used for "
              "the 1/y node is not the right one. Redo it (lecture 1 has the '/' node's), then "
              "chain it with the multiply by x",
        "ko": "dy가 y배만큼 어긋났습니다 (부호도 틀렸을 수 있습니다). 1/y 노드에 쓴 국소적 "
              "미분이 틀렸습니다. 다시 구한 다음 (강의 1에 '/' 노드의 국소적 미분이 있습니다), x를 "
              "곱하는 노드와 연쇄법칙으로 이으세요"},
    "ch03.judge.div_over_x": {
        "en": "dy is dout/x, up to its sign: ∂z/∂y holds x fixed and lets y vary, and y reaches "
              "z through the 1/y node — a 1/x appears nowhere on that path",
        "ko": "dy가 부호를 빼면 dout/x입니다. ∂z/∂y는 x를 고정하고 y만 움직이며, y는 1/y 노드를 "
              "거쳐 z에 닿습니다. 그 경로 어디에도 1/x는 없습니다"},
    "ch03.judge.div_forgot_x": {
        "en": "dy is missing the factor x: y reaches z through the 1/y node and then the "
              "multiply by x, and the chain rule multiplies the local derivatives of both",
        "ko": "dy에 계수 x가 빠졌습니다. y는 1/y 노드를 거친 다음 x를 곱하는 노드를 지나 z에 "
              "닿으므로, 연쇄법칙에 따라 두 노드의 국소적 미분을 모두 곱해야 합니다"},
    "ch03.judge.div_output_squared": {
        "en": "dy uses y² where the 1/y node's local derivative needs the square of that node's "
              "OUTPUT: in lecture 1's table, the y in −y² is the output 1/x of the '/' node, not "
              "its input; here the input of the 1/y node is your divisor y",
        "ko": "dy에 y²을 썼지만, 1/y 노드의 국소적 미분에는 그 노드의 '출력'의 제곱이 "
              "필요합니다. 강의 1의 표에서 −y²의 y는 '/' 노드의 입력이 아니라 출력 1/x입니다. "
              "여기서 1/y 노드의 입력은 나누는 수 y입니다"},
    "ch03.judge.div_mul_rule": {
        "en": "{grad} equals dout·{other}: that is the multiply node's rule, for z = x·y; here y "
              "divides. Write z = x·(1/y): a multiply node whose second input comes from a 1/y "
              "node.",
        "ko": "{grad}가 dout·{other}와 같습니다. 이것은 z = x·y에 쓰는 곱셈 노드의 규칙인데, "
              "여기서는 y로 나눕니다. z = x·(1/y)로 쓰세요: 두 번째 입력이 1/y 노드에서 오는 "
              "곱셈 노드입니다."},
    "ch03.judge.div_swapped": {
        "en": "(dx, dy) came back in the wrong order: backward returns the gradient of x first, "
              "then the one of y, in the order of forward's inputs",
        "ko": "(dx, dy)의 순서가 바뀌었습니다. backward는 forward의 입력 순서대로 x의 기울기를 "
              "먼저, 그다음 y의 기울기를 반환합니다"},
    "ch03.judge.student_derives": {
        "en": "the formula you derived on paper",
        "ko": "여러분이 종이에 직접 유도한 식"},
})

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
        missing = re.search(r"has no attribute '(\w+)'", got.message)  # not for students
        if got.name == "AttributeError" and missing and missing.group(1) == method:
            names = info.get("names")
            defined = [str(n) for n in names] if isinstance(names, (tuple, list)) else []
            return Diagnosis("method_typo", typo_words(cls, method, defined), section)
        undefined = re.search(r"name '(\w+)' is not defined", got.message)  # not for students
        params = _parameters(info, method)
        if got.name == "NameError" and undefined and params is not None:
            return Diagnosis("name_error", name_error_words(
                params, undefined.group(1), say("ch03.body_of", where=f"{cls}.{method}")),
                section)
        return None
    if name == "grads" and isinstance(want, tuple) and not isinstance(got, Raised):
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Diagnosis("wrong_return_count", say("ch03.judge.not_a_pair", cls=cls),
                             section)
        for which, value in zip(("dx", "dy"), got):
            if value is None:
                return Diagnosis("returned_none", say("ch03.judge.none_in_pair", cls=cls,
                                                      which=which), section)
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
        **_per_part("not swapped", dout * x, dout * y, say("ch03.judge.mul_not_swapped_dx"),
                    say("ch03.judge.mul_not_swapped_dy")),
        **_per_part("forward output", dout * x * y, dout * x * y,
                    say("ch03.judge.mul_forward_output", grad="dx"),
                    say("ch03.judge.mul_forward_output", grad="dy")),
    }


def _add_suspects(case, name, want):
    if name != "grads":
        return {}
    x, y = (np.asarray(v, dtype=float) for v in case.inputs["inputs"])
    dout = np.asarray(case.inputs["dout"], dtype=float)
    return {
        **_per_part("doubled", 2 * dout, 2 * dout, say("ch03.judge.add_doubled", grad="dx"),
                    say("ch03.judge.add_doubled", grad="dy")),
        **_per_part("multiply node", dout * y, dout * x,
                    say("ch03.judge.add_multiply_rule", grad="dx"),
                    say("ch03.judge.add_multiply_rule", grad="dy")),
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
                  numerical=Analytic(say("ch03.judge.backward_pass", name=name),
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
        return Diagnosis(found.name, say("ch03.judge.layer_numerical", cls=cls,
                                         words=said(found.words)), found.section)
    words = said(found.words) if found is not None else ""
    why = (f" — {words}{'' if words.endswith(('.', '?')) else '.'}" if words
           else say("ch03.judge.broken_layer.own_cell"))
    return Diagnosis("broken_layer", say("ch03.judge.broken_layer", cls=cls, why=why,
                                         problem=broken.problem),
                     found.section if found is not None and found.section else LAYERS[cls])


# ---------------------------------------------------------------- apple_orange_graph

BILL_PICKS = {"pick": "lambda r, k: r[1][k]", **{f"d_{k}": k for k in BILL_INPUTS}}  # not for students
MISSING_TAX = "ch03.judge.missing_tax"
REUSED = "ch03.judge.reused_layer"
SWAPPED = "ch03.judge.swapped"


def _bill_inputs(case):
    return [np.asarray(v, dtype=float) for v in case.inputs["args"]]


def _bill_suspects(key: str, inputs: list) -> dict:
    apple, apple_num, orange, orange_num, tax = inputs
    missing_tax, reused, swapped = say(MISSING_TAX, name=key), say(REUSED), say(SWAPPED)
    return {
        "apple": {"missing tax": (apple_num, missing_tax),
                  "reused layer": (orange_num * tax, reused),
                  "swapped": (apple * tax, swapped)},
        "apple_num": {"missing tax": (apple, missing_tax),
                      "reused layer": (orange * tax, reused),
                      "swapped": (apple_num * tax, swapped)},
        "orange": {"missing tax": (orange_num, missing_tax),
                   "swapped": (orange * tax, swapped)},
        "orange_num": {"missing tax": (orange, missing_tax),
                       "swapped": (orange_num * tax, swapped)},
        "tax": {"apples only": (apple * apple_num, say("ch03.judge.tax_apples_only"))},
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
        return Diagnosis("wrong_return", say("ch03.judge.bill_not_a_pair"), SECTION_BILL)
    (price, grads), (want_price, want_grads) = got, want
    inputs = _bill_inputs(case)
    if difference(price, want_price):
        return _named(price, want_price, {"no tax": (np.asarray(want_price) / inputs[4],
                                                     say("ch03.judge.no_tax"))}, SECTION_BILL)
    if not isinstance(grads, dict):
        return Diagnosis("wrong_type", say("ch03.judge.grads_not_a_dict", keys=BILL_INPUTS),
                         SECTION_BILL)
    for key, expected in want_grads.items():
        if key not in grads:
            return Diagnosis("missing_keys", say("ch03.judge.grads_missing_key", key=key,
                                                 keys=BILL_INPUTS), SECTION_BILL)
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
    labels = {f"d_{k}": say("ch03.judge.from_graph", output="price", input=k,
                            graph="apple_orange_graph") for k in BILL_INPUTS}
    return graph_judge("apple_orange_graph", 5, BILL_PICKS, labels,
                       {"MulLayer": 3, "AddLayer": 1}, _bill_tolerance, _bill_explain,
                       SECTION_BILL, seed)


# ---------------------------------------------------------------- fanout_graph

FANOUT_PICKS = {"pick": "lambda r, i: r[i]", "df_da": 1, "df_db": 2, "df_dc": 3}  # not for students
FANOUT_SWAPPED = "ch03.judge.fanout_swapped"


def _fanout_suspects(case, name, want):
    a, b, c = (np.asarray(v, dtype=float) for v in case.inputs["args"])
    x, y = a + b, b + c
    return {
        "swapped a": ((None, x, None, None),
                      say(FANOUT_SWAPPED, input="a", node="x", other="b + c")),
        "first path only": ((None, None, y, None), say("ch03.judge.first_path_only")),
        "second path only": ((None, None, x, None), say("ch03.judge.second_path_only")),
        "product of paths": ((None, None, x * y, None), say("ch03.judge.product_of_paths")),
        "swapped c": ((None, None, None, y),
                      say(FANOUT_SWAPPED, input="c", node="y", other="a + b")),
    }


def _fanout_tolerance(case, name, want):
    a, b, c = (np.abs(np.asarray(v, dtype=float)) for v in case.inputs["args"])
    size = {"df_da": b + c, "df_db": a + 2 * b + c, "df_dc": a + b}[name]
    return ANALYTIC_K * EPS * (np.abs(want) + size) + np.finfo(float).tiny


def fanout_graph_judge(seed):
    labels = {f"df_d{k}": say("ch03.judge.from_graph", output="f", input=k, graph="fanout_graph")
              for k in "abc"}
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


SIGN_LOST = "ch03.judge.div_sign_lost"
NO_SQUARE = "ch03.judge.div_no_square"
OVER_X = "ch03.judge.div_over_x"
FORGOT_X = "ch03.judge.div_forgot_x"
OUTPUT_SQUARED = "ch03.judge.div_output_squared"
MUL_RULE = "ch03.judge.div_mul_rule"
SWAPPED_DIV = "ch03.judge.div_swapped"


def _div_suspects(case, name, want):
    if name != "grads" or not isinstance(want, tuple) or len(want) != 2:
        return {}
    x, y = (np.asarray(v, dtype=float) for v in case.inputs["inputs"])
    dout = np.asarray(case.inputs["dout"], dtype=float)
    want_dx, want_dy = (np.asarray(v, dtype=float) for v in want)
    with np.errstate(all="ignore"):
        return {
            "dy sign lost": ((None, -want_dy), say(SIGN_LOST)),
            "dy without the square": ((None, dout * x / y), say(NO_SQUARE)),  # not for students (a name)
            "dy without the square, minus": ((None, -dout * x / y), say(NO_SQUARE)),  # not for students (a name)
            "dy over x": ((None, dout / x), say(OVER_X)),
            "dy over x, minus": ((None, -dout / x), say(OVER_X)),  # not for students (a name)
            "dy without x": ((None, -dout / y ** 2), say(FORGOT_X)),
            "dy without x or sign": ((None, dout / y ** 2), say(FORGOT_X)),  # not for students (a name)
            "dy with y squared": ((None, -dout * x * y ** 2), say(OUTPUT_SQUARED)),  # not for students (a name)
            **_per_part("multiply rule", dout * y, dout * x,
                        say(MUL_RULE, grad="dx", other="y"), say(MUL_RULE, grad="dy", other="x")),
            **_per_part("swapped", want_dy, want_dx, say(SWAPPED_DIV), say(SWAPPED_DIV)),
        }


def _not_saved(explain):
    """explain, plus: backward met None where forward should have saved an input."""
    def wrapped(name, case, got, want):
        if (name == "grads" and isinstance(got, Raised) and got.name == "TypeError"
                and "NoneType" in got.message):
            return Diagnosis("missing_attribute", say(NOT_SAVED), SECTION_DIV)
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


STUDENT_DERIVES = "ch03.judge.student_derives"


def _derived_by_the_student(judge: Judge) -> Judge:
    """The judge, with the refusal of a numerical backward worded for a node that no lecture
    derives (numerical.words says "the formula the lecture derives")."""
    base = judge.decide

    def decide(judge, got, want):
        finding = base(judge, got, want)
        found = finding.diagnosis if finding is not None else None
        if found is None or found.name != "numerical_backward":
            return finding
        words = said(found.words).replace(said(LECTURE), say(STUDENT_DERIVES))
        return Finding(finding.problem, dataclasses.replace(found, text=words))

    judge.decide = decide
    return judge


JUDGES = {
    "mul_layer_test": mul_layer_judge,
    "add_layer_test": add_layer_judge,
    "apple_orange_graph_test": apple_orange_graph_judge,
    "fanout_graph_test": fanout_graph_judge,
    "div_layer_test": div_layer_judge,
}
