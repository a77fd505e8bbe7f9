"""A backward computed numerically earns nothing; every analytic style keeps its points.

For each judge that refuses numerical backward passes (autograder/judging/numerical.py):
over 100 seeds the reference and every correct style of autograder/authoring/variants/
pass, and how close they come to the probe tolerance is measured (the *margin*: tolerance /
worst error, printed with `pytest -s`); over 20 seeds every numerical mistake variant is
refused with the named diagnosis. The calibration itself runs 1,000 seeds of both:
`make bench` (benchmarks/numerical_margins.py) prints the same table."""
import pytest
from conftest import LABS

from autograder.authoring.margins import analytic_judges, margins

SEEDS, NUMERICAL_SEEDS = 50, 10     # a guard in every test run; 1,000 of each in `make bench`


@pytest.mark.parametrize("lab,cell", analytic_judges(LABS),
                         ids=[f"{lab[:4]}-{cell}" for lab, cell in analytic_judges(LABS)])
def test_analytic_styles_pass_and_numerical_ones_are_refused_on_every_seed(lab, cell):
    found = margins(lab, cell, SEEDS, NUMERICAL_SEEDS)
    print(f"\n{lab} {cell}: {found.summary()}")
    assert not found.refused_correct, found.refused_correct[:5]
    assert not found.passed_numerical, found.passed_numerical[:5]
    assert found.correct_styles >= 3 and found.numerical_styles >= 2, found.summary()
    assert found.correct_margin >= 2.0, found.summary()


def test_every_graded_backward_refuses_numerical_answers():
    """The judges of every test cell that grades a backward or a gradient know how."""
    graded_backward = {
        ("ch03_add_mul_layers", "mul_layer_test"), ("ch03_add_mul_layers", "add_layer_test"),
        ("ch03_add_mul_layers", "apple_orange_graph_test"), ("ch03_add_mul_layers", "fanout_graph_test"),
        ("ch04_activation_layers", "relu_test"), ("ch04_activation_layers", "sigmoid_test"),
        ("ch04_activation_layers", "tanh_test"), ("ch05_affine", "affine_backward_test"),
        ("ch06_softmax_with_loss", "softmax_with_loss_test"), ("ch07_two_layer_net", "gradient_test"),
        ("ch02_chain_rule", "square_of_sum_test"), ("ch02_chain_rule", "fanout_test"),
        ("ch01_computational_graph", "local_derivatives_test"),
        ("ch03_add_mul_layers", "div_layer_test"), ("ch04_activation_layers", "softplus_test"), ("ch05_affine", "center_test"),
        ("ch06_softmax_with_loss", "softmax_layer_test"), ("ch08_autograd", "value_test"),
        ("ch07_two_layer_net", "weight_decay_test"),
        ("ch08_autograd", "more_ops_test"), ("ch08_autograd", "engine_graphs_test"),
        ("ch08_autograd", "net_gradient_test")}
    assert graded_backward <= set(analytic_judges(LABS)), graded_backward - set(analytic_judges(LABS))
