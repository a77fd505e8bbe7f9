"""Judges of lab ch03_add_mul_layers: MulLayer, AddLayer and the graphs built from them."""
from __future__ import annotations

from autograder.judging.layers import function_judge, layer_judge, operands


def two_input_case(rng, case):
    x, y, dout = operands(rng, 3, case)
    return (), (x, y), dout


def graph_judge(name: str, n: int):
    return lambda seed: function_judge(name, name, lambda rng, case: operands(rng, n, case), seed)


JUDGES = {
    "mul_layer_test": lambda seed: layer_judge("mul_layer", "MulLayer", two_input_case, seed),
    "add_layer_test": lambda seed: layer_judge("add_layer", "AddLayer", two_input_case, seed),
    "apple_orange_graph_test": graph_judge("apple_orange_graph", 5),
    "fanout_graph_test": graph_judge("fanout_graph", 3),
}
