"""Hidden checks of lab ch01_computational_graph: forward evaluation and local derivatives."""
from __future__ import annotations

import numpy as np

from autograder.checks.runtime import (
    CheckFailed,
    call,
    elementwise_derivative,
    expect_close,
    expect_keys,
    rng_for,
)

SECTION_FORWARD = "§5.1.1 (solving with a computational graph)"
SECTION_LOCAL = "§5.1.3 and §5.5.2 (local derivatives of the nodes)"
CASES = 6


def _operand(rng: np.random.Generator, case: int, shape=None):
    """A float for case 0, else an array; magnitudes in [0.5, 2] with random signs."""
    size = None if case == 0 else shape
    magnitude = rng.uniform(0.5, 2.0, size=size)
    sign = rng.choice([-1.0, 1.0], size=size)
    return float(magnitude * sign) if size is None else magnitude * sign


def apple_orange_forward(apple_orange_forward, seed: int | None = None) -> None:
    rng = rng_for("apple_orange_forward", seed)
    for case in range(CASES):
        shape = tuple(rng.integers(1, 5, size=case % 3 + 1))
        apple, apple_num, orange, orange_num, tax = (abs(_operand(rng, case, shape)) * 100 for _ in range(5))
        values = call(apple_orange_forward, apple, apple_num, orange, orange_num, tax,
                      what="apple_orange_forward")
        expect_keys(values, ["apple_price", "orange_price", "all_price", "price"],
                    "apple_orange_forward")
        apple_price, orange_price = apple * apple_num, orange * orange_num
        all_price = apple_price + orange_price
        expect_close("apple_price", values["apple_price"], apple_price, section=SECTION_FORWARD)
        expect_close("orange_price", values["orange_price"], orange_price, section=SECTION_FORWARD)
        expect_close("all_price", values["all_price"], all_price, section=SECTION_FORWARD, suspects={
            "multiplied": (apple_price * orange_price,
                           "all_price multiplies the two prices; the node between them is an add node")})
        expect_close("price", values["price"], all_price * tax, section=SECTION_FORWARD, suspects={
            "no tax": (all_price, "price is missing the tax: multiply all_price by tax"),
            "apples only": (apple_price * tax, "price leaves out the oranges")})


def random_graph(rng: np.random.Generator, inputs: list[str], n_nodes: int) -> list:
    """A random graph in topological order over the ops of the lab's OPS table."""
    unary, binary = ["square", "exp", "reciprocal", "negate"], ["add", "mul"]
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


def reference_values(graph, inputs, ops):
    values = dict(inputs)
    with np.errstate(all="ignore"):
        for name, op, arguments in graph:
            values[name] = ops[op](*(values[a] for a in arguments))
    return values


def evaluate_graph(evaluate_graph, OPS, seed: int | None = None) -> None:
    rng = rng_for("evaluate_graph", seed)
    checked = 0
    while checked < CASES:
        shape = tuple(rng.integers(1, 4, size=checked % 2 + 1))
        names = ["a", "b", "c"]
        inputs = {name: _operand(rng, checked, shape) for name in names}
        graph = random_graph(rng, names, int(rng.integers(2, 7)))
        expected = reference_values(graph, inputs, OPS)
        if not all(np.all(np.isfinite(v)) and np.all(np.abs(v) < 1e6) for v in expected.values()):
            continue  # e.g. exp(exp(exp(x))): not a fair test of graph evaluation
        checked += 1
        inputs_before = {k: np.copy(v) for k, v in inputs.items()}
        graph_before = [tuple(node) for node in graph]
        got = call(evaluate_graph, graph, inputs, what="evaluate_graph")
        if set(inputs) != set(inputs_before) or any(
                not np.array_equal(inputs[k], inputs_before[k]) for k in inputs_before):
            raise CheckFailed("evaluate_graph changed the caller's `inputs` dict (in-place "
                              "mutation). Start from a copy: `values = dict(inputs)`.")
        if [tuple(node) for node in graph] != graph_before:
            raise CheckFailed("evaluate_graph changed the graph it was given.")
        described = ", ".join(f"{n} = {op}({', '.join(a)})" for n, op, a in graph)
        expect_keys(got, list(expected), f"evaluate_graph (graph: {described})")
        for name, value in expected.items():
            expect_close(f"value of {name!r} in the graph [{described}]", got[name], value,
                         section=SECTION_FORWARD)


def local_derivatives(d_square, d_exp, d_reciprocal, d_negate, seed: int | None = None) -> None:
    rng = rng_for("local_derivatives", seed)
    nodes = [
        ("d_square", d_square, lambda x: x ** 2, lambda x: {
            "output": (x ** 2, "you returned the node's output x², not its derivative"),
            "no factor 2": (x, "d(x²)/dx = 2x: the factor 2 is missing")}),
        ("d_exp", d_exp, np.exp, lambda x: {
            "negated exponent": (np.exp(-x), "d(eˣ)/dx = eˣ, not e⁻ˣ"),
            "x times exp": (x * np.exp(x), "d(eˣ)/dx = eˣ itself (the power rule does not apply)")}),
        ("d_reciprocal", d_reciprocal, lambda x: 1 / x, lambda x: {
            "sign lost": (1 / x ** 2, "d(1/x)/dx = −1/x²: the minus sign is missing (a slip the "
                                      "study notes made too; in terms of the output, −y²)"),
            "output": (1 / x, "you returned the node's output 1/x, not its derivative"),
            "log": (np.log(np.abs(x)), "that is an antiderivative of 1/x, not its derivative")}),
        ("d_negate", d_negate, lambda x: -x, lambda x: {
            "output": (-x, "you returned the node's output −x; its derivative is the constant −1"),
            "sign lost": (np.ones_like(x), "d(−x)/dx = −1, not +1")}),
    ]
    for case in range(CASES):
        shape = tuple(rng.integers(1, 5, size=case % 3 + 1))
        x = _operand(rng, case, shape)
        for name, derivative, forward, suspects in nodes:
            got = call(derivative, np.copy(x) if case else x, what=f"{name}(x)")
            expected = elementwise_derivative(forward, np.asarray(x, dtype=float))
            where = f"x = {x:.4g}" if case == 0 else f"x of shape {shape}"
            expect_close(f"{name}({where})", got, expected, rtol=1e-6, atol=1e-8,
                         broadcast=True, suspects=suspects(np.asarray(x, dtype=float)),
                         section=SECTION_LOCAL)
