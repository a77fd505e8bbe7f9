"""Hidden checks of lab ch01_computational_graph, on the student's side: how the shopping
graph, evaluate_graph and the four local derivatives behave (the judges in
autograder/judging/ decide their values).

What is checked here needs no answer: the functions run, return what the lab asks for (a
dict with every edge's value; a dict with the inputs and every node; an array of x's shape),
leave the caller's inputs and graph as they were, and the local derivatives agree with
numerical derivatives of the nodes the notebook itself defines (the OPS table), when the
notebook still has them. Nothing here knows the right values: that is the judges' part, on
the grader's side.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from autograder.checks import gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import call, elementwise_derivative, rng_for
from autograder.checks.sections import see
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "ch01.not_a_dict": {
        "en": "✗ {what} should return a dict with keys {keys}, but returned {type}.",
        "ko": "✗ {what}: 키가 {keys}인 딕셔너리를 반환해야 하는데, 반환한 값은 {type}입니다."},
    "ch01.not_a_dict.none": {
        "en": "a function without `return` gives None: end with `return` and the dict",
        "ko": "`return`이 없는 함수는 None을 돌려줍니다. 함수 끝에서 `return`으로 딕셔너리를 "
              "반환하세요"},
    "ch01.not_a_dict.cause": {
        "en": "{function} must return one dict, {returns}",
        "ko": "{function}의 반환값은 딕셔너리 하나여야 합니다: {returns}"},
    "ch01.missing_keys": {
        "en": "✗ {what} returned a dict without the key(s) {missing}.",
        "ko": "✗ {what}: 반환한 딕셔너리에 다음 키가 없습니다: {missing}."},
    "ch01.missing_keys.cause": {
        "en": "{function} must return {returns}",
        "ko": "{function}에서 반환해야 하는 것: {returns}"},
    "ch01.shopping_returns": {
        "en": "the value on every edge of the graph: apple_price, orange_price, all_price and price",
        "ko": "그래프의 모든 에지의 값 (apple_price, orange_price, all_price, price)"},
    "ch01.forward_mutated": {
        "en": "✗ apple_orange_forward changed the arrays it was given.",
        "ko": "✗ apple_orange_forward가 인수로 받은 배열을 바꿨습니다."},
    "ch01.forward_mutated.cause": {
        "en": "an in-place operation (apple *= apple_num, x[...] = ...) changes the caller's "
              "array; compute new values instead",
        "ko": "제자리 연산 (apple *= apple_num, x[...] = ...)은 호출한 쪽의 배열을 바꿉니다. "
              "대신 새 값을 계산하세요"},
    "ch01.inputs_mutated": {
        "en": "✗ evaluate_graph changed the caller's `inputs` dict (in-place mutation).",
        "ko": "✗ evaluate_graph가 호출한 쪽의 `inputs` 딕셔너리를 바꿨습니다 (제자리 변경)."},
    "ch01.inputs_mutated.cause": {
        "en": "writing the nodes' values into `inputs` changes the caller's dict. Start from a "
              "copy: `values = dict(inputs)`",
        "ko": "노드의 값을 `inputs`에 써 넣으면 호출한 쪽의 딕셔너리가 바뀝니다. 복사본에서 "
              "시작하세요: `values = dict(inputs)`"},
    "ch01.graph_mutated": {
        "en": "✗ evaluate_graph changed the graph it was given.",
        "ko": "✗ evaluate_graph가 인수로 받은 그래프를 바꿨습니다."},
    "ch01.graph_mutated.cause": {
        "en": "read the nodes of the graph; do not change the list or its nodes",
        "ko": "그래프의 노드는 읽기만 하세요. 리스트도, 그 안의 노드도 바꾸지 마세요"},
    "ch01.graph_call": {
        "en": "evaluate_graph (graph: {graph})",
        "ko": "evaluate_graph (그래프: {graph})"},
    "ch01.graph_returns": {
        "en": "a new dict holding the inputs and the value of every node",
        "ko": "입력과 모든 노드의 값을 담은 새 딕셔너리"},
    "ch01.input_changed": {
        "en": "✗ {what} returned input {name!r} changed.",
        "ko": "✗ {what}: 반환한 딕셔너리에서 입력 {name!r}의 값이 바뀌었습니다."},
    "ch01.input_changed.cause": {
        "en": "the returned dict holds the inputs as they were given, plus the value of every node",
        "ko": "반환하는 딕셔너리에는 받은 그대로의 입력과, 모든 노드의 값이 들어 있어야 합니다"},
    "ch01.x_of_shape": {"en": "x of shape {shape}", "ko": "형상이 {shape}인 x"},
    "ch01.x_mutated": {
        "en": "✗ {name}({where}) changed x, the array it was given.",
        "ko": "✗ {name}({where}): 인수로 받은 배열 x를 바꿨습니다."},
    "ch01.x_mutated.cause": {
        "en": "an in-place operation (x *= 2, x[...] = ...) changes the caller's array; compute "
              "a new array instead",
        "ko": "제자리 연산 (x *= 2, x[...] = ...)은 호출한 쪽의 배열을 바꿉니다. 대신 새 배열을 "
              "계산하세요"},
    "ch01.not_a_number": {
        "en": "✗ {name}({where}) should return a number or an array, but returned {type}.",
        "ko": "✗ {name}({where}): 숫자나 배열을 반환해야 하는데, 반환한 값은 {type}입니다."},
    "ch01.not_a_number.none": {
        "en": "a function without `return` gives None",
        "ko": "`return`이 없는 함수는 None을 돌려줍니다"},
    "ch01.not_a_number.cause": {
        "en": "return the derivative itself, a number or an array",
        "ko": "미분값 자체를 숫자나 배열로 반환하세요"},
    "ch01.local_shape": {
        "en": "✗ {name}({where}) returned shape {shape}, not x's shape {x_shape}.",
        "ko": "✗ {name}({where}): 반환한 값의 형상은 {shape}, x의 형상은 {x_shape}입니다. "
              "둘이 같아야 합니다."},
    "ch01.local_shape.cause": {
        "en": "a local derivative is taken element by element: it has the shape of x",
        "ko": "국소적 미분은 원소마다 구하므로 x와 형상이 같습니다"},
    "ch01.local_not_finite": {
        "en": "✗ {name}({where}) contains NaN or inf.",
        "ko": "✗ {name}({where}): 결과에 NaN 또는 inf가 있습니다."},
    "ch01.local_not_finite.cause": {
        "en": "every x here is between 0.5 and 2 in size, where each local derivative is an "
              "ordinary number",
        "ko": "여기서 x의 크기는 모두 0.5와 2 사이이고, 이 범위에서는 어느 국소적 미분도 "
              "평범한 수입니다"},
    "ch01.local_vs_numerical": {
        "en": "{name}({where}) against the numerical derivative of OPS[{key!r}]",
        "ko": "OPS[{key!r}]의 수치 미분과 비교한 {name}({where})"},
})

SECTION_FORWARD = see("ch01_computational_graph", "3. Solving a problem with a graph", "§5.1.1")  # not for students (a heading)
SECTION_GRAPH = see("ch01_computational_graph", "Evaluating a graph in code", "§5.1.2")  # not for students (a heading)
SECTION_LOCAL = see("ch01_computational_graph", "6. Local derivatives of common nodes", "§5.1.3, §5.5.2")  # not for students (a heading)
CASES = 6
SHOPPING_KEYS = ["apple_price", "orange_price", "all_price", "price"]
OP_NAMES = {"add": 2, "mul": 2, "square": 1, "exp": 1, "reciprocal": 1, "negate": 1}
LOCAL_NODES = [("d_square", "square"), ("d_exp", "exp"), ("d_reciprocal", "reciprocal"),
               ("d_negate", "negate")]


def _operand(rng: np.random.Generator, case: int, shape=None):
    """A numpy float for case 0, else an array; magnitudes in [0.5, 2] with random signs."""
    size = None if case == 0 else shape
    magnitude = rng.uniform(0.5, 2.0, size=size)
    sign = rng.choice([-1.0, 1.0], size=size)
    return np.float64(magnitude * sign) if size is None else magnitude * sign


def _type_name(value) -> str:
    return type(value).__name__


def _expect_dict(got, keys: list[str], what: str, section: str, returns: str,
                 function: str | None = None) -> None:
    """got is a dict holding every key (a calling convention: no value is needed); returns:
    the key of the words for what the function returns."""
    function = function or what
    if not isinstance(got, Mapping):
        cause = (say("ch01.not_a_dict.none") if got is None
                 else say("ch01.not_a_dict.cause", function=function, returns=say(returns)))
        raise fail(say("ch01.not_a_dict", what=what, keys=keys, type=_type_name(got)),
                   "wrong_type", cause=cause, section=section)
    missing = [k for k in keys if k not in got]
    if missing:
        raise fail(say("ch01.missing_keys", what=what, missing=missing), "missing_keys",
                   cause=say("ch01.missing_keys.cause", function=function, returns=say(returns)),
                   section=section)


def _unchanged(before: dict, after: dict) -> bool:
    return set(before) == set(after) and all(
        np.array_equal(np.asarray(after[k]), np.asarray(before[k])) for k in before)


def apple_orange_forward(apple_orange_forward, seed: int | None = None) -> None:
    """Runs on numbers and on arrays, returns every edge's value in a dict, and leaves its
    arguments as they were."""
    rng = rng_for("apple_orange_forward", seed)
    for case in range(CASES):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=case % 3 + 1))
        args = [abs(_operand(rng, case, shape)) * 100 for _ in range(5)]
        before = [np.copy(a) for a in args]
        values = call(apple_orange_forward, *args, what="apple_orange_forward")
        _expect_dict(values, SHOPPING_KEYS, "apple_orange_forward", SECTION_FORWARD,
                     "ch01.shopping_returns")
        if any(not np.array_equal(a, b) for a, b in zip(args, before)):
            raise fail(say("ch01.forward_mutated"), "input_mutated",
                       cause=say("ch01.forward_mutated.cause"), section=SECTION_FORWARD)


def random_graph(rng: np.random.Generator, inputs: list[str], n_nodes: int) -> list:
    """A random graph in topological order over the ops of the lab's OPS table."""
    unary = [op for op, arity in OP_NAMES.items() if arity == 1]
    binary = [op for op, arity in OP_NAMES.items() if arity == 2]
    names, graph = list(inputs), []
    for i in range(n_nodes):
        if rng.random() < 0.6:
            op, arity = str(rng.choice(binary)), 2
        else:
            op, arity = str(rng.choice(unary)), 1
        arguments = [str(a) for a in rng.choice(names, size=arity)]  # may repeat: fan-out
        graph.append((f"node{i}", op, arguments))
        names.append(f"node{i}")
    return graph


def evaluate_graph(evaluate_graph, seed: int | None = None) -> None:
    """On random graphs: returns a new dict with the inputs (as given) and every node, and
    changes neither the caller's inputs nor the graph. (Values may overflow to inf on some
    graphs, e.g. exp(exp(exp(x))): only which keys come back is checked here.)"""
    rng = rng_for("evaluate_graph", seed)
    for case in range(CASES):
        shape = tuple(int(n) for n in rng.integers(1, 4, size=case % 2 + 1))
        names = ["a", "b", "c"]
        inputs = {name: _operand(rng, case, shape) for name in names}
        graph = random_graph(rng, names, int(rng.integers(2, 7)))
        inputs_before = {k: np.copy(v) for k, v in inputs.items()}
        graph_before = [(n, op, list(a)) for n, op, a in graph]
        got = call(evaluate_graph, graph, inputs, what="evaluate_graph")
        if not _unchanged(inputs_before, inputs):
            raise fail(say("ch01.inputs_mutated"), "input_mutated",
                       cause=say("ch01.inputs_mutated.cause"), section=SECTION_GRAPH)
        if [(n, op, list(a)) for n, op, a in graph] != graph_before:
            raise fail(say("ch01.graph_mutated"), "graph_mutated",
                       cause=say("ch01.graph_mutated.cause"), section=SECTION_GRAPH)
        described = ", ".join(f"{n} = {op}({', '.join(a)})" for n, op, a in graph)
        what = say("ch01.graph_call", graph=described)
        _expect_dict(got, names + [n for n, _, _ in graph], what, SECTION_GRAPH,
                     "ch01.graph_returns", function="evaluate_graph")
        for name in names:
            if not np.array_equal(np.asarray(got[name]), inputs_before[name]):
                raise fail(say("ch01.input_changed", what=what, name=name), "input_changed",
                           cause=say("ch01.input_changed.cause"), section=SECTION_GRAPH)


def _node_forward(OPS, key: str):
    """The notebook's own forward of a node, OPS[key], when the notebook still has it."""
    if not isinstance(OPS, Mapping):
        return None
    forward = OPS.get(key)
    return forward if callable(forward) else None


def local_derivatives(d_square, d_exp, d_reciprocal, d_negate, OPS=None,
                      seed: int | None = None) -> None:
    """Each local derivative runs on numbers and arrays, returns a number or an array of
    x's shape (a constant may be one number), leaves x as it was, and agrees with the
    numerical derivative of the node's forward in the notebook's OPS table."""
    rng = rng_for("local_derivatives", seed)
    functions = dict(zip([n for n, _ in LOCAL_NODES], (d_square, d_exp, d_reciprocal, d_negate)))
    for case in (*range(1, CASES), 0):      # arrays first: they show the most in a message
        shape = tuple(int(n) for n in rng.integers(1, 5, size=case % 3 + 1))
        x = np.asarray(_operand(rng, case, shape), dtype=float)
        where = f"x = {float(x):.4g}" if case == 0 else say("ch01.x_of_shape", shape=shape)
        for name, key in LOCAL_NODES:
            given = x.copy() if case else np.float64(x)
            got = call(functions[name], given, what=f"{name}(x)")
            if not np.array_equal(given, x):
                raise fail(say("ch01.x_mutated", name=name, where=where), "input_mutated",
                           cause=say("ch01.x_mutated.cause"), section=SECTION_LOCAL)
            values = numbers(got)
            if values is None:
                raise fail(say("ch01.not_a_number", name=name, where=where,
                               type=_type_name(got)),
                           "returned_none" if got is None else "wrong_type",
                           cause=say("ch01.not_a_number.none") if got is None
                           else say("ch01.not_a_number.cause"),
                           section=SECTION_LOCAL)
            try:
                values = np.broadcast_to(values, x.shape)
            except ValueError:
                raise fail(say("ch01.local_shape", name=name, where=where, shape=values.shape,
                               x_shape=x.shape), "wrong_shape",
                           cause=say("ch01.local_shape.cause"), section=SECTION_LOCAL) from None
            if not np.all(np.isfinite(values)):
                raise fail(say("ch01.local_not_finite", name=name, where=where), "not_finite",
                           cause=say("ch01.local_not_finite.cause"), section=SECTION_LOCAL)
            forward = _node_forward(OPS, key)
            if forward is None:
                continue
            numeric = elementwise_derivative(forward, x)
            if np.all(np.isfinite(numeric)):
                gradcheck.assert_gradient_close(
                    say("ch01.local_vs_numerical", name=name, where=where, key=key),
                    np.array(values), numeric, section=SECTION_LOCAL)
