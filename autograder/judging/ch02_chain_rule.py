"""Judges of lab ch02_chain_rule: a numerical derivative, chain-rule and fan-out gradients."""
from __future__ import annotations

from autograder.checks.runtime import rng_for
from autograder.judging.judge import Case, Judge
from autograder.judging.layers import function_judge, operands
from autograder.judging.program import call, expr

FUNCTIONS = ["lambda x: np.sin(3 * x) + x ** 3", "lambda x: np.exp(0.5 * x) - 2 * x",
             "lambda x: 1 / (1 + x ** 2)", "lambda x: x ** 4 - x"]


def numerical_derivative_judge(seed):
    rng = rng_for("judge numerical_derivative", seed)
    cases = [Case([call("result", "numerical_derivative", expr(f), float(rng.uniform(-1.5, 1.5)))])
             for f in FUNCTIONS]
    return Judge("numerical_derivative", cases, rtol=1e-6, atol=1e-7,
                 labels={"result": "numerical_derivative(f, x)"})


def graph_judge(name: str, n: int):
    return lambda seed: function_judge(name, name, lambda rng, case: operands(rng, n, case), seed)


JUDGES = {
    "numerical_derivative_test": numerical_derivative_judge,
    "square_of_sum_test": graph_judge("square_of_sum", 2),
    "fanout_test": graph_judge("fanout", 3),
}
