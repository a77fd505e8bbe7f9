"""Judges of lab ch01_computational_graph: the shopping graph, evaluate_graph, and the local
derivatives of four nodes.

apple_orange_forward and evaluate_graph: random numbers and arrays, random graphs (every one
with a node that reads another node); the likely causes are computed from the grader's
inputs and the reference's values (the prices multiplied, the tax left out, a node that
reads `inputs` only, ...), and the caller's inputs and graph are read back afterwards.

The local derivatives (d_square, d_exp, d_reciprocal, d_negate) are graded as written
formulas, so a numerical derivative earns nothing. Two things give one away:

* *watch cases*: the notebook's OPS table holds each node's forward. While one d_... runs,
  its entries are replaced by wrappers that record the points they are called at (and the
  calls of evaluate_graph are counted). A formula may call a node's forward at x itself
  (d_exp = OPS["exp"](x), −OPS["reciprocal"](x)², ...), a difference quotient calls it next
  to x: any call within 1 % of x but not at x is refused. The x of these cases keeps
  |x| in [2.5, 4], far from the constants (0, ±1, ±2, 1/2) and the values (1/x, x², 2x) a
  formula may pass. These cases compare no values (a notebook without OPS loses nothing).
* *probe cases*: x where every formula is exact to rounding but no difference quotient is.
  d_square at |x| in [1e6, 1e15] (2x is exact; (x ± h)² keep none of h's digits),
  d_reciprocal at |x| in [1e4, 1e60] (1/(x ± h) differ in their last bits only), d_exp at
  x in [−20, 20] (exp(x ± h) / 2h loses ~eps/h ≈ 1e-12; np.e ** x stays within 6 eps),
  d_negate at |x| in [1e16, 1e150], one number each (x's neighbours are 2 or more apart,
  so for any step below that, powers of two included, x ± h round and the quotient is 0,
  −2 or off by the rounding, where −1 is exact). Compared at PROBE_RTOL of the reference,
  calibrated in tests/test_numerical.py.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from autograder.checks.ch01_computational_graph import (
    SECTION_FORWARD,
    SECTION_GRAPH,
    SECTION_LOCAL,
)
from autograder.checks.diagnose import Diagnosis, diagnose, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.words import catalogue, say
from autograder.judging import numerical
from autograder.judging.compare import difference
from autograder.judging.judge import Case, Finding, Judge
from autograder.judging.layers import CASES, function_judge, operands, shape
from autograder.judging.numerical import EPS, Analytic, relative_tolerance
from autograder.judging.program import (
    Opaque,
    Raised,
    call,
    cleanup,
    expr,
    get,
    let,
    ref,
    unwatch,
    watch,
)
from autograder.judging.reference import trusted_namespace

WORDS = catalogue({
    "ch01.judge.returned_none": {
        "en": "{what} should return a dict, but returned NoneType: a function without `return` "
              "gives None; return {returns}",
        "ko": "{what}: 딕셔너리를 반환해야 하는데, 반환한 값은 NoneType입니다. `return`이 없는 "
              "함수는 None을 돌려줍니다. 반환할 것: {returns}"},
    "ch01.judge.not_a_dict": {
        "en": "{what} should return a dict{keys}, but returned {type}: return {returns}",
        "ko": "{what}: 딕셔너리{keys}를 반환해야 하는데, 반환한 값은 {type}입니다. 반환할 것: "
              "{returns}"},
    "ch01.judge.with_keys": {"en": " with keys {keys}", "ko": " (키 {keys})"},
    "ch01.judge.missing_keys": {
        "en": "{what} returned a dict without the key(s) {missing}: return {returns}",
        "ko": "{what}: 반환한 딕셔너리에 다음 키가 없습니다: {missing}. 반환할 것: {returns}"},
    "ch01.judge.all_price_multiplied": {
        "en": "all_price multiplies the two prices; the node between them is an add node",
        "ko": "all_price가 두 가격을 곱합니다. 둘을 잇는 노드는 덧셈 노드입니다"},
    "ch01.judge.price_no_tax": {
        "en": "price is missing the tax: multiply all_price by tax",
        "ko": "price에 소비세가 빠졌습니다. all_price에 tax를 곱하세요"},
    "ch01.judge.price_apples_only": {
        "en": "price leaves out the oranges",
        "ko": "price에서 귤 가격이 빠졌습니다"},
    "ch01.judge.apple_price_added": {
        "en": "apple_price adds the price and the number of apples; the node is a multiply node, "
              "apple × apple_num",
        "ko": "apple_price가 사과 가격과 사과 개수를 더합니다. 이 노드는 곱셈 노드입니다: "
              "apple × apple_num"},
    "ch01.judge.orange_price_added": {
        "en": "orange_price adds the price and the number of oranges; the node is a multiply "
              "node, orange × orange_num",
        "ko": "orange_price가 귤 가격과 귤 개수를 더합니다. 이 노드는 곱셈 노드입니다: "
              "orange × orange_num"},
    "ch01.judge.shopping_returns": {
        "en": "a dict with the value on every edge: apple_price, orange_price, all_price and price",
        "ko": "모든 에지의 값을 담은 딕셔너리 (apple_price, orange_price, all_price, price)"},
    "ch01.judge.first_argument_twice": {
        "en": "node {node} used its first argument twice: a node with two arguments gets the "
              "values of both, in the order of its arguments",
        "ko": "노드 {node}: 첫 번째 인수를 두 번 썼습니다. 인수가 둘인 노드는 두 인수의 값을 "
              "인수 순서대로 받습니다"},
    "ch01.judge.inputs_only": {
        "en": "node {node} read its arguments from `inputs`, which holds only the graph's inputs: "
              "an argument may be an earlier node, so read every argument from the values "
              "computed so far (values = dict(inputs), then values[a])",
        "ko": "노드 {node}: 인수를 `inputs`에서 읽었습니다. `inputs`에는 그래프의 입력만 "
              "있습니다. 인수는 앞선 노드일 수도 있으니, 모든 인수를 지금까지 계산한 값에서 "
              "읽으세요 (values = dict(inputs), 그다음 values[a])"},
    "ch01.judge.graph_returns": {
        "en": "a new dict holding the inputs and the value of every node",
        "ko": "입력과 모든 노드의 값을 담은 새 딕셔너리"},
    "ch01.judge.inputs_mutated": {
        "en": "evaluate_graph changed the caller's `inputs` dict (in-place mutation). Start from "
              "a copy: `values = dict(inputs)`",
        "ko": "evaluate_graph가 호출한 쪽의 `inputs` 딕셔너리를 바꿨습니다 (제자리 변경). "
              "복사본에서 시작하세요: `values = dict(inputs)`"},
    "ch01.judge.graph_mutated": {
        "en": "evaluate_graph changed the graph it was given: read its nodes, do not change the "
              "list or its nodes",
        "ko": "evaluate_graph가 인수로 받은 그래프를 바꿨습니다. 노드는 읽기만 하고, 리스트도 "
              "그 안의 노드도 바꾸지 마세요"},
    "ch01.judge.value_not_found": {
        "en": "a node read a value that is not there yet: walk the nodes in the order given "
              "(each comes after the nodes it reads) and read every argument from the values "
              "computed so far",
        "ko": "어떤 노드가 아직 없는 값을 읽었습니다. 주어진 순서대로 노드를 처리하고 (각 노드는 "
              "자신이 읽는 노드보다 뒤에 옵니다), 모든 인수를 지금까지 계산한 값에서 읽으세요"},
    "ch01.judge.input_changed": {
        "en": "the returned dict holds input {key!r} changed: return {returns}",
        "ko": "반환한 딕셔너리에서 입력 {key!r}의 값이 바뀌었습니다. 반환할 것: {returns}"},
    "ch01.judge.node_wrong": {
        "en": "the value of node {node!r} = {op}({args}) is wrong: it is OPS[{op!r}] of the "
              "values of {args}, in that order",
        "ko": "노드 {node!r} = {op}({args})의 값이 틀렸습니다. 이 값은 {args}의 값을 그 순서대로 "
              "넣은 OPS[{op!r}]입니다"},
    "ch01.judge.inputs_size": {
        "en": "the number of entries of the caller's `inputs` after evaluate_graph (it must not "
              "change)",
        "ko": "evaluate_graph 호출 뒤 호출한 쪽 `inputs`의 항목 수 (바뀌면 안 됩니다)"},
    "ch01.judge.after_inputs": {
        "en": "the caller's `inputs` after evaluate_graph (it must not change)",
        "ko": "evaluate_graph 호출 뒤 호출한 쪽의 `inputs` (바뀌면 안 됩니다)"},
    "ch01.judge.after_graph": {
        "en": "the graph after evaluate_graph (it must not change)",
        "ko": "evaluate_graph 호출 뒤의 그래프 (바뀌면 안 됩니다)"},
    "ch01.judge.square_output": {
        "en": "you returned the node's output x², not its derivative",
        "ko": "미분이 아니라 노드의 출력(x²)을 반환했습니다"},
    "ch01.judge.square_no_factor_2": {
        "en": "d(x²)/dx = 2x: the factor 2 is missing",
        "ko": "d(x²)/dx = 2x입니다. 계수 2가 빠졌습니다"},
    "ch01.judge.exp_negated": {
        "en": "d(eˣ)/dx = eˣ, not e⁻ˣ",
        "ko": "d(eˣ)/dx = eˣ입니다. e⁻ˣ가 아닙니다"},
    "ch01.judge.exp_power_rule": {
        "en": "d(eˣ)/dx = eˣ itself (the power rule does not apply)",
        "ko": "d(eˣ)/dx는 eˣ 자신입니다 (거듭제곱의 미분 공식은 여기에 쓸 수 없습니다)"},
    "ch01.judge.reciprocal_sign_lost": {
        "en": "d(1/x)/dx = −1/x²: the minus sign is missing (a slip the study notes made too; in "
              "terms of the output, −y²)",
        "ko": "d(1/x)/dx = −1/x²입니다. 마이너스 부호가 빠졌습니다 (학습 노트에도 있던 "
              "실수입니다. 출력 y로 쓰면 −y²)"},
    "ch01.judge.reciprocal_output": {
        "en": "you returned the node's output 1/x, not its derivative",
        "ko": "미분이 아니라 노드의 출력(1/x)을 반환했습니다"},
    "ch01.judge.reciprocal_log": {
        "en": "that is an antiderivative of 1/x, not its derivative",
        "ko": "이것은 1/x의 부정적분이지, 미분이 아닙니다"},
    "ch01.judge.negate_output": {
        "en": "you returned the node's output −x; its derivative is the constant −1",
        "ko": "노드의 출력(−x)을 반환했습니다. 미분은 상수 −1입니다"},
    "ch01.judge.negate_sign_lost": {
        "en": "d(−x)/dx = −1, not +1",
        "ko": "d(−x)/dx = −1입니다. +1이 아닙니다"},
    "ch01.judge.x_mutated": {
        "en": "{function} changed x, the array it was given (an in-place operation such as "
              "x *= 2): compute a new array instead",
        "ko": "{function}: 인수로 받은 배열 x를 바꿨습니다 (x *= 2 같은 제자리 연산). 대신 새 "
              "배열을 계산하세요"},
    "ch01.judge.next_to_x": {
        "en": "it evaluated the {op} node, OPS[{op!r}], {count} times next to x: a difference "
              "quotient",
        "ko": "{op} 노드(OPS[{op!r}])를 x 바로 옆에서 {count}번 계산했습니다: 차분으로 미분을 "
              "근사한 것입니다"},
    "ch01.judge.next_to_x.problem": {
        "en": "{name}(x) evaluated OPS[{op!r}] at points next to x",
        "ko": "{name}(x)가 x 바로 옆의 점들에서 OPS[{op!r}] 노드를 계산했습니다"},
    "ch01.judge.x_after": {
        "en": "x after {name}(x) (it must not change)",
        "ko": "{name}(x) 호출 뒤의 x (바뀌면 안 됩니다)"},
    "ch01.judge.the_local_derivative": {"en": "the local derivative", "ko": "국소적 미분"},
})


def ops() -> dict:
    """The lab's given table of node forwards, from the reference notebook."""
    return trusted_namespace("ch01_computational_graph")["OPS"]


LOCAL = ("d_square", "d_exp", "d_reciprocal", "d_negate")
NODE_OF = {"d_square": "square", "d_exp": "exp", "d_reciprocal": "reciprocal",
           "d_negate": "negate"}
PROBE_RTOL = 64 * EPS      # probes: |got − want| ≤ PROBE_RTOL·|want| per element
NEAR = 0.01                # a call within NEAR·|x| of x, but not at x, is a difference quotient


def _kind(value) -> str:
    if isinstance(value, Opaque):
        return value.kind
    if isinstance(value, np.ndarray):
        return "ndarray" if value.ndim else "float"
    return type(value).__name__


def _first_wrong_key(got: dict, want: dict, rtol=1e-6, atol=1e-9):
    for key, value in want.items():
        if difference(got.get(key), value, rtol, atol):
            return key
    return None


def _diagnosis(got, want, suspects, section, fallback: Diagnosis | None = None):
    expected = numbers(want)
    if expected is None:
        return fallback
    found = diagnose(got, expected, suspects=suspects, section=section)
    return fallback if found.name == "unexplained" else found


def _dict_result(what: str, got, want: dict, returns: str, section: str,
                 show_keys: bool = True) -> Diagnosis | None:
    """The likely cause when a dict was expected and got is not one, or lacks keys (returns:
    the key of the words for what to return)."""
    returns = say(returns)
    if got is None:
        return Diagnosis("returned_none", say("ch01.judge.returned_none", what=what,
                                              returns=returns), section)
    if not isinstance(got, dict):
        keys = say("ch01.judge.with_keys", keys=list(want)) if show_keys else ""
        return Diagnosis("wrong_type", say("ch01.judge.not_a_dict", what=what, keys=keys,
                                           type=_kind(got), returns=returns), section)
    missing = [k for k in want if k not in got]
    if missing:
        return Diagnosis("missing_keys", say("ch01.judge.missing_keys", what=what,
                                             missing=missing, returns=returns), section)
    return None


# =========================================================================== shopping graph

def _shopping_suspects(key: str, args) -> dict:
    apple, apple_num, orange, orange_num, tax = (np.asarray(a, dtype=float) for a in args)
    apple_price, orange_price = apple * apple_num, orange * orange_num
    all_price = apple_price + orange_price
    if key == "all_price":
        return {"multiplied": (apple_price * orange_price, say("ch01.judge.all_price_multiplied"))}
    if key == "price":
        return {"no tax": (all_price, say("ch01.judge.price_no_tax")),
                "apples only": (apple_price * tax, say("ch01.judge.price_apples_only"))}
    if key == "apple_price":
        return {"added": (apple + apple_num, say("ch01.judge.apple_price_added"))}
    if key == "orange_price":
        return {"added": (orange + orange_num, say("ch01.judge.orange_price_added"))}
    return {}


SHOPPING_RETURNS = "ch01.judge.shopping_returns"


def _shopping_explain(name, case, got, want):
    if isinstance(got, Raised) or not isinstance(want, dict):
        return None
    found = _dict_result("apple_orange_forward", got, want, SHOPPING_RETURNS, SECTION_FORWARD)
    if found is not None:
        return found
    key = _first_wrong_key(got, want)
    if key is None:
        return None
    return _diagnosis(got[key], want[key], _shopping_suspects(key, case.inputs["args"]),
                      SECTION_FORWARD)


def apple_orange_forward_judge(seed):
    return function_judge("apple_orange_forward", "apple_orange_forward",
                          lambda rng, case: operands(rng, 5, case, 0.5, 3.0), seed,
                          explain=_shopping_explain)


# =========================================================================== evaluate_graph

def _graph(rng, names: list[str]) -> list:
    """3 to 6 random nodes in topological order; exp only of a reciprocal (values stay
    small), and the last node always reads the node before it."""
    graph, names = [], list(names)
    for k in range(int(rng.integers(3, 7))):
        op = str(rng.choice(list(ops())))
        arity = 2 if op in ("add", "mul") else 1
        args = [str(rng.choice(names)) for _ in range(arity)]
        if op == "exp":
            graph.append([f"s{k}", "reciprocal", [args[0]]])
            names.append(f"s{k}")
            args = [f"s{k}"]
        graph.append([f"n{k}", op, args])
        names.append(f"n{k}")
    last = graph[-1]
    if not any(a.startswith(("n", "s")) for a in last[2]) and len(graph) > 1:
        last[2][0] = graph[-2][0]
    return graph


def _node_suspects(node, values: dict, inputs: dict) -> dict:
    name, op, args = node
    forward = ops()[op]
    described = f"{name} = {op}({', '.join(args)})"
    found = {}
    with np.errstate(all="ignore"):
        if len(args) == 2 and args[0] != args[1]:
            found["first twice"] = (forward(values[args[0]], values[args[0]]),
                                    say("ch01.judge.first_argument_twice", node=described))
        if any(a not in inputs for a in args):
            found["inputs only"] = (forward(*[inputs.get(a, 0.0) for a in args]),
                                    say("ch01.judge.inputs_only", node=described))
    return {label: (np.asarray(v, dtype=float), words) for label, (v, words) in found.items()}


GRAPH_RETURNS = "ch01.judge.graph_returns"


def _graph_explain(name, case, got, want):
    if name in ("inputs_size", "after_inputs"):
        return Diagnosis("input_mutated", say("ch01.judge.inputs_mutated"), SECTION_GRAPH)
    if name == "after_graph":
        return Diagnosis("graph_mutated", say("ch01.judge.graph_mutated"), SECTION_GRAPH)
    if isinstance(got, Raised):
        if got.name == "KeyError":
            return Diagnosis("value_not_found", say("ch01.judge.value_not_found"),
                             SECTION_GRAPH)
        return None
    found = _dict_result("evaluate_graph", got, want, GRAPH_RETURNS, SECTION_GRAPH,
                         show_keys=False)
    if found is not None:
        return found
    key = _first_wrong_key(got, want)
    nodes = {node[0]: node for node in case.inputs["graph"]}
    if key is None:
        return None
    if key not in nodes:
        return Diagnosis("input_changed", say("ch01.judge.input_changed", key=key,
                                              returns=say(GRAPH_RETURNS)), SECTION_GRAPH)
    node_name, op, args = nodes[key]
    fallback = Diagnosis("node_wrong", say("ch01.judge.node_wrong", node=node_name, op=op,
                                           args=", ".join(args)), SECTION_GRAPH)
    suspects = _node_suspects(nodes[key], want, case.inputs["inputs"])
    return _diagnosis(got[key], want[key], suspects, SECTION_GRAPH, fallback)


def _graph_input(rng, size):
    """A float (size None) or an array, in [0.5, 2]."""
    return float(rng.uniform(0.5, 2)) if size is None else rng.uniform(0.5, 2, size=size)


def evaluate_graph_judge(seed):
    rng = rng_for("judge evaluate_graph", seed)
    cases = []
    for number in range(CASES):
        size = None if number == 0 else shape(rng)
        inputs = {name: _graph_input(rng, size) for name in ("a", "b", "c")}
        graph = _graph(rng, list(inputs))
        steps = [let("graph", graph), let("inputs", inputs),
                 call("result", "evaluate_graph", ref("graph"), ref("inputs")),
                 call("inputs_size", "inputs.__len__"), get("after_inputs", "inputs"),
                 get("after_graph", "graph")]
        cases.append(Case(steps, inputs={"graph": graph, "inputs": inputs}))
    labels = {"result": "evaluate_graph(graph, inputs)",
              "inputs_size": say("ch01.judge.inputs_size"),
              "after_inputs": say("ch01.judge.after_inputs"),
              "after_graph": say("ch01.judge.after_graph")}
    return Judge("evaluate_graph", cases, labels=labels, explain=_graph_explain)


# =========================================================================== local derivatives

# A wrapper for one entry of OPS that records (copies of) the arguments of every call: an
# expression of numpy alone, evaluated in the kernel (autograder/checks/runner.py).
RECORDER = ("lambda f, seen, key: (lambda *a, **k: "  # not for students
            "(seen[key].append([np.array(v) for v in a]), f(*a, **k))[1])")


def _local_suspects(name: str, x: np.ndarray) -> dict:
    with np.errstate(all="ignore"):
        if name == "d_square":
            return {"output": (x ** 2, say("ch01.judge.square_output")),
                    "no factor 2": (x, say("ch01.judge.square_no_factor_2"))}
        if name == "d_exp":
            return {"negated exponent": (np.exp(-x), say("ch01.judge.exp_negated")),
                    "x times exp": (x * np.exp(x), say("ch01.judge.exp_power_rule"))}
        if name == "d_reciprocal":
            return {"sign lost": (1 / x ** 2, say("ch01.judge.reciprocal_sign_lost")),
                    "output": (1 / x, say("ch01.judge.reciprocal_output")),
                    "log": (np.log(np.abs(x)), say("ch01.judge.reciprocal_log"))}
        if name == "d_negate":
            return {"output": (-x, say("ch01.judge.negate_output")),
                    "sign lost": (np.ones_like(x), say("ch01.judge.negate_sign_lost"))}
    return {}


def _local_explain(name, case, got, want):
    if name.startswith("after_"):
        function = name.removeprefix("after_")
        return Diagnosis("input_mutated", say("ch01.judge.x_mutated", function=function),
                         SECTION_LOCAL)
    if isinstance(got, Raised) or name not in LOCAL:
        return None
    x = np.asarray(case.inputs["x"][name], dtype=float)
    expected, values = numbers(want), numbers(got)
    if expected is not None and values is not None and values.size == 1:
        got = np.broadcast_to(values.reshape(()), expected.shape).copy()   # a constant
    return _diagnosis(got, want, _local_suspects(name, x), SECTION_LOCAL)


def _local_operand(rng, number: int, low=0.5, high=2.0):
    """A float for case 0, else an array of a random shape; |x| in [low, high], both signs."""
    size = None if number == 0 else shape(rng)
    x = rng.choice([-1.0, 1.0], size=size) * rng.uniform(low, high, size=size)
    return float(x) if size is None else x


def _regular_case(xs: dict) -> Case:
    steps = []
    for name in LOCAL:
        steps += [let(f"x_{name}", xs[name]), call(name, name, ref(f"x_{name}")),
                  get(f"after_{name}", f"x_{name}")]
    return Case(steps, inputs={"x": xs})


def _probe_case(rng) -> Case:
    def signed(size, low, high, log=True):
        magnitude = 10.0 ** rng.uniform(low, high, size=size) if log else \
            rng.uniform(low, high, size=size)
        return rng.choice([-1.0, 1.0], size=size) * magnitude

    size = shape(rng)
    xs = {"d_square": signed(size, 6, 15),
          "d_exp": signed(size, 0, 20, log=False),
          "d_reciprocal": signed(size, 4, 60),
          "d_negate": float(signed(None, 16, 150))}
    return Case([call(name, name, xs[name]) for name in LOCAL], inputs={"x": xs}, probe=True)


@dataclass
class _WatchCase(Case):
    """A case that only watches (its values are compared in the regular cases)."""

    def compared_names(self) -> list[str]:
        return []


def _watch_case(name: str, x) -> Case:
    """name(x) with every entry of OPS recording its calls, and evaluate_graph counted; the
    entries are put back afterwards. Fails quietly (no step is compared) without OPS."""
    steps = [let("record", expr(RECORDER)), let("seen", {op: [] for op in ops()})]
    for op in ops():
        steps += [call(f"original_{op}", "OPS.__getitem__", op),
                  call(f"recorder_{op}", "record", ref(f"original_{op}"), ref("seen"), op),
                  call(f"install_{op}", "OPS.__setitem__", op, ref(f"recorder_{op}"))]
    steps += [watch("calls", ["evaluate_graph"]), call(name, name, x), unwatch("calls")]
    steps += [cleanup()]   # OPS is put back even when the function raised
    steps += [call(f"restore_{op}", "OPS.__setitem__", op, ref(f"original_{op}")) for op in ops()]
    steps += [let("ops_points", ref("seen"))]
    return _WatchCase(steps, inputs={"x": {name: x}, "watched": name})


def _near_but_not_at(args: list, x: np.ndarray) -> bool:
    """Whether one call's arguments put an input next to x: within NEAR·|x| of x (of one
    element of x, for a number) but nowhere equal to it."""
    for arg in args:
        value = numbers(arg)
        if value is None or not np.all(np.isfinite(value)):
            continue
        with np.errstate(all="ignore"):
            if value.shape == x.shape:
                gap = np.abs(value - x)
                if np.any(gap > 0) and np.all(gap <= NEAR * np.abs(x)):
                    return True
            elif value.size == 1:
                gap = np.abs(float(value.reshape(())) - x.reshape(-1))
                if np.all(gap > 0) and np.any(gap <= NEAR * np.abs(x.reshape(-1))):
                    return True
    return False


@dataclass
class _NodeAnalytic(Analytic):
    """Analytic, plus: a local derivative that calls a node's forward next to x is a
    difference quotient."""
    points: str = "ops_points"

    def from_calls(self, judge: Judge, got: list[dict]) -> Finding | None:
        finding = super().from_calls(judge, got)
        if finding:
            return finding
        for case, record in zip(judge.cases, got):
            seen = record.get(self.points)
            if not isinstance(seen, dict) or "watched" not in case.inputs:
                continue
            name = case.inputs["watched"]
            x = np.asarray(case.inputs["x"][name], dtype=float)
            for op, calls in seen.items():
                near = [args for args in calls if isinstance(args, list)
                        and _near_but_not_at(args, x)]
                if near:
                    how = say("ch01.judge.next_to_x", op=op, count=len(near))
                    return Finding(say("ch01.judge.next_to_x.problem", name=name, op=op),
                                   numerical.words(name, how, SECTION_LOCAL))
        return None

    def from_probes(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        """Analytic's probes, one function at a time, naming the function that is off."""
        for name in self.grads:
            one = replace(self, backward=name, grads=(name,))
            finding = Analytic.from_probes(one, judge, got, want)
            if finding:
                return finding
        return None


def local_derivatives_judge(seed):
    rng = rng_for("judge local_derivatives", seed)
    cases = [_regular_case({name: _local_operand(rng, number) for name in LOCAL})
             for number in range(CASES)]
    cases += [_watch_case(name, _local_operand(rng, 1, 2.5, 4.0)) for name in LOCAL]
    cases += [_probe_case(rng) for _ in range(3)]
    labels = {name: f"{name}(x)" for name in LOCAL}
    labels.update({f"after_{name}": say("ch01.judge.x_after", name=name) for name in LOCAL})
    analytic = _NodeAnalytic(say("ch01.judge.the_local_derivative"), LOCAL,
                             most_calls={"evaluate_graph": 1},
                             tolerance=relative_tolerance(PROBE_RTOL), section=SECTION_LOCAL)
    return Judge("local_derivatives", cases, broadcast=True, labels=labels,
                 explain=_local_explain, numerical=analytic)


JUDGES = {
    "apple_orange_forward_test": apple_orange_forward_judge,
    "evaluate_graph_test": evaluate_graph_judge,
    "local_derivatives_test": local_derivatives_judge,
}
