"""Judges of lab ch01_computational_graph: forward evaluation and local derivatives."""
from __future__ import annotations

from autograder.checks.runtime import rng_for
from autograder.judging.judge import Case, Judge
from autograder.judging.layers import CASES, function_judge, operands, shape
from autograder.judging.program import call


def apple_orange_forward_judge(seed):
    return function_judge("apple_orange_forward", "apple_orange_forward",
                          lambda rng, case: operands(rng, 5, case), seed)


def evaluate_graph_judge(seed):
    rng = rng_for("judge evaluate_graph", seed)
    cases = []
    for number in range(CASES):
        drawn = () if number == 0 else shape(rng)
        value = lambda: float(rng.uniform(0.5, 2)) if drawn == () else rng.uniform(0.5, 2, size=drawn)
        inputs = {"a": value(), "b": value(), "c": value()}
        graph, names = [], ["a", "b", "c"]
        for k in range(int(rng.integers(3, 7))):
            op = str(rng.choice(["add", "mul", "square", "exp", "reciprocal", "negate"]))
            arity = 2 if op in ("add", "mul") else 1
            args = [str(rng.choice(names)) for _ in range(arity)]
            if op == "exp":  # keep values small enough for exp
                graph.append((f"s{k}", "reciprocal", [args[0]]))
                args = [f"s{k}"]
                names.append(f"s{k}")
            graph.append((f"n{k}", op, args))
            names.append(f"n{k}")
        cases.append(Case([call("result", "evaluate_graph", [list(g) for g in graph], inputs)],
                          inputs={"graph": graph, "inputs": inputs}))
    return Judge("evaluate_graph", cases, labels={"result": "evaluate_graph(graph, inputs)"})


def local_derivatives_judge(seed):
    rng = rng_for("judge local_derivatives", seed)
    cases = []
    for number in range(CASES):
        x = operands(rng, 1, number, 0.3, 2.5)[0]
        cases.append(Case([call(f"d_{f}", f"d_{f}", x)
                           for f in ("square", "exp", "reciprocal", "negate")], inputs={"x": x}))
    return Judge("local_derivatives", cases, broadcast=True,
                 labels={f"d_{f}": f"d_{f}(x)" for f in ("square", "exp", "reciprocal", "negate")})


JUDGES = {
    "apple_orange_forward_test": apple_orange_forward_judge,
    "evaluate_graph_test": evaluate_graph_judge,
    "local_derivatives_test": local_derivatives_judge,
}
