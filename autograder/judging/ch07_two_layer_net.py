"""Judges of lab ch07_two_layer_net: TwoLayerNet.gradient, sgd_step and train on MNIST."""
from __future__ import annotations

import numpy as np

from autograder.checks import ch07_two_layer_net as ch07
from autograder.checks.runtime import rng_for
from autograder.judging.compare import difference
from autograder.judging.judge import Case, Finding, Judge
from autograder.judging.layers import CASES
from autograder.judging.program import Raised, assign, call, expr, get, let, ref

KEYS = ("W1", "b1", "W2", "b2")


def _net_params(rng, d, h, c, std=1.0):
    return {"W1": rng.standard_normal((d, h)) * std, "b1": rng.standard_normal(h) * std,
            "W2": rng.standard_normal((h, c)) * std, "b2": rng.standard_normal(c) * std}


def _new_net(params, d, h, c):
    steps = [call("net", "TwoLayerNet", d, h, c, 0.1)]
    steps += [assign("net.params", key, value) for key, value in params.items()]
    return steps


def gradient_judge(seed):
    rng = rng_for("judge gradient", seed)
    cases = []
    for number in range(3):
        d, h, c = (int(v) for v in rng.integers(2, 6, size=3))
        batch = 1 if number == 0 else int(rng.integers(2, 6))
        params = _net_params(rng, d, h, c)
        x = rng.standard_normal((batch, d))
        t = np.eye(c)[rng.integers(0, c, size=batch)]
        steps = _new_net(params, d, h, c)
        if number == 2:  # a forward pass on another batch first: gradient must use its own
            steps.append(call("warmup", "net.loss", rng.standard_normal((batch + 1, d)),
                              np.eye(c)[rng.integers(0, c, size=batch + 1)]))
        steps.append(call("grads", "net.gradient", x, t))
        cases.append(Case(steps, inputs={"params": params, "x": x, "t": t}))
    return Judge("gradient", cases, labels={
        "net": "TwoLayerNet(…)", "warmup": "TwoLayerNet.loss(…)",
        "grads": "TwoLayerNet.gradient(x, t)"})


def sgd_step_judge(seed):
    rng = rng_for("judge sgd_step", seed)
    cases = []
    for _ in range(CASES):
        d, h, c = (int(v) for v in rng.integers(1, 6, size=3))
        params, grads = _net_params(rng, d, h, c), _net_params(rng, d, h, c)
        lr = float(rng.choice([0.01, 0.1, 0.5]))
        steps = [let(k, v) for k, v in params.items()]
        steps += [let("params", {k: ref(k) for k in KEYS}),
                  call("returned", "sgd_step", ref("params"), grads, lr)]
        steps += [get(f"after_{k}", k) for k in KEYS]
        cases.append(Case(steps, inputs={"params": params, "grads": grads, "lr": lr}))
    labels = {f"after_{k}": f"the array params['{k}'] held before sgd_step, afterwards "
                            f"(sgd_step must change it in place)" for k in KEYS}
    labels["returned"] = "sgd_step(params, grads, lr)"
    return Judge("sgd_step", cases, labels=labels, decide=_sgd_decide)


def _sgd_decide(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """The arrays must move in place; what sgd_step returns does not matter."""
    for mine, theirs in zip(got, want):
        if isinstance(mine.get("returned"), Raised):
            raised = mine["returned"]
            return Finding(f"sgd_step raised {raised.name}: {raised.message}")
        for key in KEYS:
            name = f"after_{key}"
            problem = difference(mine.get(name), theirs[name], judge.rtol, judge.atol,
                                 judge.words(name))
            if problem:
                return Finding(problem)
    return None


# The same training run as the hidden check's, so both hold the student to one standard.
TRAIN_ITERS, TRAIN_BATCH, TRAIN_LR = ch07.ITERS, ch07.BATCH, ch07.LR
TRAIN_HIDDEN, TRAIN_STD = ch07.HIDDEN, ch07.INIT_STD
TRAIN_IMAGES, TRAIN_THRESHOLD = ch07.TRAIN_IMAGES, ch07.TEST_ACCURACY


def train_judge(seed):
    """Train the student's network with the student's train on MNIST; the grader measures
    the accuracy of the weights it sends back, on test images the kernel never sees."""
    rng = rng_for("judge train", seed)
    x_train, t_train, _, _ = ch07._mnist()
    params = _net_params(rng, 784, TRAIN_HIDDEN, 10, TRAIN_STD)
    steps = _new_net(params, 784, TRAIN_HIDDEN, 10)
    steps += [let("x", np.array(x_train[:TRAIN_IMAGES])), let("t", np.array(t_train[:TRAIN_IMAGES])),
              let("rng", expr(f"np.random.default_rng({int(rng.integers(2**31))})")),
              call("history", "train", ref("net"), ref("x"), ref("t"), TRAIN_ITERS, TRAIN_BATCH,
                   TRAIN_LR, ref("rng"))]
    steps += [get(f"trained_{k}", f"net.params[{k}]") for k in KEYS]
    return Judge("train", [Case(steps)], decide=_train_decide, needs_reference=False)


def test_accuracy(params: dict) -> float:
    _, _, x_test, t_test = ch07._mnist()
    hidden = np.maximum(0, x_test @ params["W1"] + params["b1"])
    scores = hidden @ params["W2"] + params["b2"]
    return float(np.mean(np.argmax(scores, axis=1) == np.argmax(t_test, axis=1)))


def _train_decide(judge: Judge, got: list[dict], want) -> Finding | None:
    record, steps = got[0], judge.cases[0].steps
    for step in steps:
        value = record.get(step[1]) if step[0] != "assign" else None
        if isinstance(value, Raised):
            return Finding(f"{step[2] if step[0] == 'call' else step[1]} raised {value.name}: "
                           f"{value.message}")
    trained = {key: record.get(f"trained_{key}") for key in KEYS}
    if any(value is None for value in trained.values()):
        return Finding("training did not finish")
    shapes = {"W1": (784, TRAIN_HIDDEN), "b1": (TRAIN_HIDDEN,), "W2": (TRAIN_HIDDEN, 10), "b2": (10,)}
    for key, value in trained.items():
        if not isinstance(value, np.ndarray) or value.shape != shapes[key]:
            return Finding(f"after train, net.params['{key}'] is not a {shapes[key]} array")
    accuracy = test_accuracy(trained)
    if not np.isfinite(accuracy) or accuracy < TRAIN_THRESHOLD:
        return Finding(f"after train ({TRAIN_ITERS} iterations on {TRAIN_IMAGES} MNIST images), "
                       f"the network's weights reach a test accuracy of {accuracy:.3f} (at least "
                       f"{TRAIN_THRESHOLD} is needed)")
    return None


JUDGES = {
    "gradient_test": gradient_judge,
    "sgd_step_test": sgd_step_judge,
    "train_test": train_judge,
}
