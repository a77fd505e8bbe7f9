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

SECTION_FORWARD = see("ch01_computational_graph", "3. Solving a problem with a graph", "§5.1.1")
SECTION_GRAPH = see("ch01_computational_graph", "Evaluating a graph in code", "§5.1.2")
SECTION_LOCAL = see("ch01_computational_graph", "6. Local derivatives of common nodes",
                    "§5.1.3 and §5.5.2")
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
    """got is a dict holding every key (a calling convention: no value is needed)."""
    function = function or what
    if not isinstance(got, Mapping):
        cause = ("a function without `return` gives None: end with `return` and the dict"
                 if got is None else f"{function} must return one dict, {returns}")
        raise fail(f"✗ {what} should return a dict with keys {keys}, but returned "
                   f"{_type_name(got)}.", "wrong_type", cause=cause, section=section)
    missing = [k for k in keys if k not in got]
    if missing:
        raise fail(f"✗ {what} returned a dict without the key(s) {missing}.", "missing_keys",
                   cause=f"{function} must return {returns}", section=section)


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
                     "the value on every edge of the graph: apple_price, orange_price, "
                     "all_price and price")
        if any(not np.array_equal(a, b) for a, b in zip(args, before)):
            raise fail("✗ apple_orange_forward changed the arrays it was given.",
                       "input_mutated", cause="an in-place operation (apple *= apple_num, "
                       "x[...] = ...) changes the caller's array; compute new values instead",
                       section=SECTION_FORWARD)


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
            raise fail("✗ evaluate_graph changed the caller's `inputs` dict (in-place "
                       "mutation).", "input_mutated",
                       cause="writing the nodes' values into `inputs` changes the caller's "
                             "dict. Start from a copy: `values = dict(inputs)`",
                       section=SECTION_GRAPH)
        if [(n, op, list(a)) for n, op, a in graph] != graph_before:
            raise fail("✗ evaluate_graph changed the graph it was given.", "graph_mutated",
                       cause="read the nodes of the graph; do not change the list or its nodes",
                       section=SECTION_GRAPH)
        described = ", ".join(f"{n} = {op}({', '.join(a)})" for n, op, a in graph)
        _expect_dict(got, names + [n for n, _, _ in graph],
                     f"evaluate_graph (graph: {described})", SECTION_GRAPH,
                     "a new dict holding the inputs and the value of every node",
                     function="evaluate_graph")
        for name in names:
            if not np.array_equal(np.asarray(got[name]), inputs_before[name]):
                raise fail(f"✗ evaluate_graph (graph: {described}) returned input {name!r} "
                           f"changed.", "input_changed",
                           cause="the returned dict holds the inputs as they were given, plus "
                                 "the value of every node", section=SECTION_GRAPH)


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
        where = f"x = {float(x):.4g}" if case == 0 else f"x of shape {shape}"
        for name, key in LOCAL_NODES:
            given = x.copy() if case else np.float64(x)
            got = call(functions[name], given, what=f"{name}(x)")
            if not np.array_equal(given, x):
                raise fail(f"✗ {name}({where}) changed x, the array it was given.",
                           "input_mutated", cause="an in-place operation (x *= 2, x[...] = ...) "
                           "changes the caller's array; compute a new array instead",
                           section=SECTION_LOCAL)
            values = numbers(got)
            if values is None:
                raise fail(f"✗ {name}({where}) should return a number or an array, but "
                           f"returned {_type_name(got)}.",
                           "returned_none" if got is None else "wrong_type",
                           cause="a function without `return` gives None" if got is None
                           else "return the derivative itself, a number or an array",
                           section=SECTION_LOCAL)
            try:
                values = np.broadcast_to(values, x.shape)
            except ValueError:
                raise fail(f"✗ {name}({where}) returned shape {values.shape}, not x's "
                           f"shape {x.shape}.", "wrong_shape",
                           cause="a local derivative is taken element by element: it has the "
                                 "shape of x", section=SECTION_LOCAL) from None
            if not np.all(np.isfinite(values)):
                raise fail(f"✗ {name}({where}) contains NaN or inf.", "not_finite",
                           cause="every x here is between 0.5 and 2 in size, where each "
                                 "local derivative is an ordinary number", section=SECTION_LOCAL)
            forward = _node_forward(OPS, key)
            if forward is None:
                continue
            numeric = elementwise_derivative(forward, x)
            if np.all(np.isfinite(numeric)):
                gradcheck.assert_gradient_close(
                    f"{name}({where}) against the numerical derivative of OPS[{key!r}]",
                    np.array(values), numeric, section=SECTION_LOCAL)
