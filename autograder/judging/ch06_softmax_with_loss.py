"""Judges of lab ch06_softmax_with_loss: softmax, cross_entropy_error, SoftmaxWithLoss."""
from __future__ import annotations

import numpy as np

from autograder.checks.runtime import rng_for
from autograder.judging.judge import Case, Judge
from autograder.judging.layers import CASES, function_judge
from autograder.judging.program import call, get, let, ref


def _scores(rng, case):
    batch, classes = int(rng.integers(1, 6)), int(rng.integers(2, 8))
    scale = 200.0 if case == CASES - 1 else 3.0  # large scores: softmax must not overflow
    return (rng.standard_normal(classes) * scale if case == 0
            else rng.standard_normal((batch, classes)) * scale)


def _probabilities_and_labels(rng, case):
    x = _scores(rng, case) if case != CASES - 1 else rng.standard_normal((3, 4))
    y = np.exp(x - x.max(axis=-1, keepdims=True))
    y /= y.sum(axis=-1, keepdims=True)
    classes = y.shape[-1]
    labels = rng.integers(0, classes, size=y.shape[:-1]) if y.ndim > 1 else int(rng.integers(classes))
    t = np.eye(classes)[labels]
    return y, (t if case % 2 == 0 else (np.asarray(labels) if y.ndim > 1 else t))


def softmax_with_loss_judge(seed):
    rng = rng_for("judge softmax_with_loss", seed)
    cases = []
    for _ in range(CASES):
        batch, classes = int(rng.integers(1, 6)), int(rng.integers(2, 8))
        x = rng.standard_normal((batch, classes)) * 3
        t = np.eye(classes)[rng.integers(0, classes, size=batch)]
        dout = float(rng.choice([1.0, 0.5, 2.5]))
        cases.append(Case([let("x", x), let("t", t), call("layer", "SoftmaxWithLoss"),
                           call("loss", "layer.forward", ref("x"), ref("t")),
                           call("dx", "layer.backward", dout), get("after_x", "x")],
                          inputs={"x": x, "t": t, "dout": dout}))
    # atol as the hidden check's: cross_entropy_error's delta (1e-7) may shift dx that much
    return Judge("softmax_with_loss", cases, atol=1e-6, labels={
        "layer": "SoftmaxWithLoss()", "loss": "SoftmaxWithLoss.forward(x, t)",
        "dx": "SoftmaxWithLoss.backward(dout)", "after_x": "x after the calls (it must not change)"})


JUDGES = {
    "softmax_test": lambda seed: function_judge("softmax", "softmax",
                                                lambda rng, case: [_scores(rng, case)], seed),
    "cross_entropy_error_test": lambda seed: function_judge(
        "cross_entropy_error", "cross_entropy_error",
        lambda rng, case: list(_probabilities_and_labels(rng, case)), seed),
    "softmax_with_loss_test": softmax_with_loss_judge,
}
