"""The judge of every graded test cell (see autograder/judge.py): what to call, on which
inputs. Inputs are drawn here, with a generator fixed per judge, so a regrade agrees."""
from __future__ import annotations

import numpy as np

from autograder.checks import ch07_two_layer_net as ch07
from autograder.checks.runtime import rng_for
from autograder.judging.judge import (
    Judge,
    Raised,
    assign,
    call,
    difference,
    expr,
    get,
    let,
    ref,
)

CASES = 4


def _shape(rng, dims: int | None = None) -> tuple:
    dims = int(rng.integers(1, 4)) if dims is None else dims
    return tuple(int(v) for v in rng.integers(1, 5, size=dims))


def _operands(rng, n: int, case: int, low=-3.0, high=3.0) -> list:
    """n operands: plain floats in case 0, then arrays of one random shape."""
    if case == 0:
        return [float(v) for v in rng.uniform(low, high, size=n)]
    shape = _shape(rng)
    return [rng.uniform(low, high, size=shape) for _ in range(n)]


def function_judge(name: str, target: str, make_args, cases: int = CASES, **options) -> Judge:
    rng = rng_for(f"judge {name}")
    programs = [[call("result", target, *make_args(rng, case))] for case in range(cases)]
    return Judge(name, programs, labels={"result": f"{target}(…)"}, **options)


def layer_judge(name: str, cls: str, make_case, grad_attrs=(), cases: int = CASES,
                backward: bool = True, **options) -> Judge:
    """Forward and backward of a layer on fresh inputs, its gradient attributes, and the
    caller's arrays afterwards (a layer must not change its inputs or dout)."""
    rng = rng_for(f"judge {name}")
    programs = []
    for case in range(cases):
        init, inputs, dout = make_case(rng, case)
        names = [f"in{i}" for i in range(len(inputs))]
        program = [let(n, v) for n, v in zip(names, inputs)] + [let("dout", dout)]
        program += [call("layer", cls, *init),
                    call("out", "layer.forward", *[ref(n) for n in names])]
        if backward:
            program.append(call("grads", "layer.backward", ref("dout")))
        program += [get(f"grad_{a}", f"layer.{a}") for a in grad_attrs]
        program += [get(f"after_{n}", n) for n in names] + [get("after_dout", "dout")]
        programs.append(program)
    labels = {"layer": f"{cls}(…)", "out": f"{cls}.forward(…)", "grads": f"{cls}.backward(dout)",
              "after_dout": f"dout after {cls}.backward(dout) (it must not change)"}
    labels.update({f"grad_{a}": f"{cls}.{a} after backward" for a in grad_attrs})
    labels.update({f"after_in{i}": f"input {i + 1} after the calls (it must not change)"
                   for i in range(4)})
    return Judge(name, programs, labels=labels, **options)


# ------------------------------------------------------------------ ch01, ch02, ch03

def _scalars_or_arrays(n, low=-3.0, high=3.0):
    return lambda rng, case: _operands(rng, n, case, low, high)


def evaluate_graph_judge() -> Judge:
    rng = rng_for("judge evaluate_graph")
    programs = []
    for case in range(CASES):
        shape = () if case == 0 else _shape(rng)
        value = lambda: float(rng.uniform(0.5, 2)) if shape == () else rng.uniform(0.5, 2, size=shape)
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
        programs.append([call("result", "evaluate_graph", [list(g) for g in graph], inputs)])
    return Judge("evaluate_graph", programs, labels={"result": "evaluate_graph(graph, inputs)"})


def local_derivatives_judge() -> Judge:
    rng = rng_for("judge local_derivatives")
    programs = []
    for case in range(CASES):
        x = _operands(rng, 1, case, 0.3, 2.5)[0]
        programs.append([call(f"d_{f}", f"d_{f}", x)
                         for f in ("square", "exp", "reciprocal", "negate")])
    return Judge("local_derivatives", programs, broadcast=True,
                 labels={f"d_{f}": f"d_{f}(x)" for f in ("square", "exp", "reciprocal", "negate")})


def numerical_derivative_judge() -> Judge:
    functions = ["lambda x: np.sin(3 * x) + x ** 3", "lambda x: np.exp(0.5 * x) - 2 * x",
                 "lambda x: 1 / (1 + x ** 2)", "lambda x: x ** 4 - x"]
    rng = rng_for("judge numerical_derivative")
    programs = [[call("result", "numerical_derivative", expr(f), float(rng.uniform(-1.5, 1.5)))]
                for f in functions]
    return Judge("numerical_derivative", programs, rtol=1e-6, atol=1e-7,
                 labels={"result": "numerical_derivative(f, x)"})


def graph_judge(name: str, target: str, n: int) -> Judge:
    return function_judge(name, target, _scalars_or_arrays(n))


# ------------------------------------------------------------------ ch03, ch04, ch05, ch06

def two_input_case(rng, case):
    x, y, dout = _operands(rng, 3, case)
    return (), (x, y), dout


def activation_case(rng, case):
    shape = _shape(rng)
    x = rng.uniform(-3, 3, size=shape)
    x.flat[:: max(1, x.size // 3)] = 0.0  # ReLU's kink, where x >= 0 and x > 0 disagree
    return (), (x,), rng.standard_normal(shape)


def affine_case(rng, case):
    n, d, m = (int(v) for v in rng.integers(1, 6, size=3))
    extra = _shape(rng, int(rng.integers(0, 3))) if case % 2 else ()
    d_total = d * int(np.prod(extra)) if extra else d
    x = rng.standard_normal((n, d, *extra) if extra else (n, d))
    W, b = rng.standard_normal((d_total, m)), rng.standard_normal(m)
    return (W, b), (x,), rng.standard_normal((n, m))


def affine_shapes_judge() -> Judge:
    rng = rng_for("judge affine_shapes")
    programs = []
    for case in range(CASES + 1):
        x_shape = tuple(int(v) for v in rng.integers(1, 6, size=int(rng.integers(2, 5))))
        d = int(np.prod(x_shape[1:]))
        rows = d + 1 if case == CASES else d  # the last case must raise ValueError
        programs.append([call("result", "affine_shapes", x_shape, (rows, int(rng.integers(1, 6))))])
    return Judge("affine_shapes", programs, labels={"result": "affine_shapes(x_shape, W_shape)"})


def _scores(rng, case):
    batch, classes = int(rng.integers(1, 6)), int(rng.integers(2, 8))
    scale = 200.0 if case == CASES - 1 else 3.0  # large scores: softmax must not overflow
    x = rng.standard_normal(classes) * scale if case == 0 else rng.standard_normal((batch, classes)) * scale
    return x


def _probabilities_and_labels(rng, case):
    x = _scores(rng, case) if case != CASES - 1 else rng.standard_normal((3, 4))
    y = np.exp(x - x.max(axis=-1, keepdims=True))
    y /= y.sum(axis=-1, keepdims=True)
    classes = y.shape[-1]
    labels = rng.integers(0, classes, size=y.shape[:-1]) if y.ndim > 1 else int(rng.integers(classes))
    t = np.eye(classes)[labels]
    return y, (t if case % 2 == 0 else (np.asarray(labels) if y.ndim > 1 else t))


def softmax_with_loss_judge() -> Judge:
    rng = rng_for("judge softmax_with_loss")
    programs = []
    for case in range(CASES):
        batch, classes = int(rng.integers(1, 6)), int(rng.integers(2, 8))
        x = rng.standard_normal((batch, classes)) * 3
        t = np.eye(classes)[rng.integers(0, classes, size=batch)]
        dout = float(rng.choice([1.0, 0.5, 2.5]))
        programs.append([let("x", x), let("t", t), call("layer", "SoftmaxWithLoss"),
                         call("loss", "layer.forward", ref("x"), ref("t")),
                         call("dx", "layer.backward", dout),
                         get("after_x", "x")])
    # atol as the hidden check's: cross_entropy_error's delta (1e-7) may shift dx that much
    return Judge("softmax_with_loss", programs, atol=1e-6, labels={
        "layer": "SoftmaxWithLoss()", "loss": "SoftmaxWithLoss.forward(x, t)",
        "dx": "SoftmaxWithLoss.backward(dout)", "after_x": "x after the calls (it must not change)"})


# ------------------------------------------------------------------ ch07

KEYS = ("W1", "b1", "W2", "b2")


def _net_params(rng, d, h, c, std=1.0):
    return {"W1": rng.standard_normal((d, h)) * std, "b1": rng.standard_normal(h) * std,
            "W2": rng.standard_normal((h, c)) * std, "b2": rng.standard_normal(c) * std}


def _new_net(params, d, h, c):
    steps = [call("net", "TwoLayerNet", d, h, c, 0.1)]
    steps += [assign("net.params", key, value) for key, value in params.items()]
    return steps


def gradient_judge() -> Judge:
    rng = rng_for("judge gradient")
    programs = []
    for case in range(3):
        d, h, c = (int(v) for v in rng.integers(2, 6, size=3))
        batch = 1 if case == 0 else int(rng.integers(2, 6))
        params = _net_params(rng, d, h, c)
        x = rng.standard_normal((batch, d))
        t = np.eye(c)[rng.integers(0, c, size=batch)]
        program = _new_net(params, d, h, c)
        if case == 2:  # a forward pass on another batch first: gradient must use its own
            program.append(call("warmup", "net.loss", rng.standard_normal((batch + 1, d)),
                                np.eye(c)[rng.integers(0, c, size=batch + 1)]))
        program.append(call("grads", "net.gradient", x, t))
        programs.append(program)
    return Judge("gradient", programs, labels={
        "net": "TwoLayerNet(…)", "warmup": "TwoLayerNet.loss(…)", "grads": "TwoLayerNet.gradient(x, t)"})


def sgd_step_judge() -> Judge:
    rng = rng_for("judge sgd_step")
    programs = []
    for case in range(CASES):
        d, h, c = (int(v) for v in rng.integers(1, 6, size=3))
        params, grads = _net_params(rng, d, h, c), _net_params(rng, d, h, c)
        program = [let(k, v) for k, v in params.items()]
        program += [let("params", {k: ref(k) for k in KEYS}),
                    call("returned", "sgd_step", ref("params"), grads, float(rng.choice([0.01, 0.1, 0.5])))]
        program += [get(f"after_{k}", k) for k in KEYS]
        programs.append(program)
    labels = {f"after_{k}": f"the array params['{k}'] held before sgd_step, afterwards "
                            f"(sgd_step must change it in place)" for k in KEYS}
    labels["returned"] = "sgd_step(params, grads, lr)"
    return Judge("sgd_step", programs, labels=labels, decide=_sgd_decide)


def _sgd_decide(judge: Judge, student: list, reference: list) -> str | None:
    """The arrays must move in place; what sgd_step returns does not matter."""
    for program, got, want in zip(judge.programs, student, reference):
        for i, step in enumerate(program):
            if step[0] != "get":
                if i < len(got) and isinstance(got[i], Raised):
                    return f"sgd_step raised {got[i].name}: {got[i].message}"
                continue
            found = difference(got[i] if i < len(got) else None, want[i], judge.rtol, judge.atol,
                               judge.labels[step[1]])
            if found:
                return found
    return None


# The same training run as the hidden check's, so both hold the student to one standard.
TRAIN_ITERS, TRAIN_BATCH, TRAIN_LR = ch07.ITERS, ch07.BATCH, ch07.LR
TRAIN_HIDDEN, TRAIN_STD = ch07.HIDDEN, ch07.INIT_STD
TRAIN_IMAGES, TRAIN_THRESHOLD = ch07.TRAIN_IMAGES, ch07.TEST_ACCURACY


def train_judge() -> Judge:
    """Train the student's network with the student's train on MNIST; the grader measures
    the accuracy of the weights it sends back, on test images the kernel never sees."""
    rng = rng_for("judge train")
    x_train, t_train, _, _ = ch07._mnist()
    params = _net_params(rng, 784, TRAIN_HIDDEN, 10, TRAIN_STD)
    program = _new_net(params, 784, TRAIN_HIDDEN, 10)
    program += [let("x", np.array(x_train[:TRAIN_IMAGES])), let("t", np.array(t_train[:TRAIN_IMAGES])),
                let("rng", expr(f"np.random.default_rng({int(rng.integers(2**31))})")),
                call("history", "train", ref("net"), ref("x"), ref("t"), TRAIN_ITERS, TRAIN_BATCH,
                     TRAIN_LR, ref("rng"))]
    program += [get(f"trained_{k}", f"net.params[{k}]") for k in KEYS]
    return Judge("train", [program], decide=_train_decide, needs_reference=False)


def test_accuracy(params: dict) -> float:
    _, _, x_test, t_test = ch07._mnist()
    hidden = np.maximum(0, x_test @ params["W1"] + params["b1"])
    scores = hidden @ params["W2"] + params["b2"]
    return float(np.mean(np.argmax(scores, axis=1) == np.argmax(t_test, axis=1)))


def _train_decide(judge: Judge, student: list, reference) -> str | None:
    steps, program = student[0], judge.programs[0]
    for step, got in zip(program, steps):
        if isinstance(got, Raised):
            return f"{step[2] if step[0] == 'call' else step[1]} raised {got.name}: {got.message}"
    if len(steps) < len(program):
        return "training did not finish"
    trained = dict(zip(KEYS, steps[-4:]))
    shapes = {"W1": (784, TRAIN_HIDDEN), "b1": (TRAIN_HIDDEN,), "W2": (TRAIN_HIDDEN, 10), "b2": (10,)}
    for key, value in trained.items():
        if not isinstance(value, np.ndarray) or value.shape != shapes[key]:
            return f"after train, net.params['{key}'] is not a {shapes[key]} array"
    accuracy = test_accuracy(trained)
    if not np.isfinite(accuracy) or accuracy < TRAIN_THRESHOLD:
        return (f"after train ({TRAIN_ITERS} iterations on {TRAIN_IMAGES} MNIST images), the "
                f"network's weights reach a test accuracy of {accuracy:.3f} (at least "
                f"{TRAIN_THRESHOLD} is needed)")
    return None


JUDGES = {
    "ch01_computational_graph": {
        "apple_orange_forward_test": lambda: graph_judge("apple_orange_forward", "apple_orange_forward", 5),
        "evaluate_graph_test": evaluate_graph_judge,
        "local_derivatives_test": local_derivatives_judge,
    },
    "ch02_chain_rule": {
        "numerical_derivative_test": numerical_derivative_judge,
        "square_of_sum_test": lambda: graph_judge("square_of_sum", "square_of_sum", 2),
        "fanout_test": lambda: graph_judge("fanout", "fanout", 3),
    },
    "ch03_add_mul_layers": {
        "mul_layer_test": lambda: layer_judge("mul_layer", "MulLayer", two_input_case),
        "add_layer_test": lambda: layer_judge("add_layer", "AddLayer", two_input_case),
        "apple_orange_graph_test": lambda: graph_judge("apple_orange_graph", "apple_orange_graph", 5),
        "fanout_graph_test": lambda: graph_judge("fanout_graph", "fanout_graph", 3),
    },
    "ch04_activation_layers": {
        "relu_test": lambda: layer_judge("relu", "Relu", activation_case),
        "sigmoid_test": lambda: layer_judge("sigmoid", "Sigmoid", activation_case),
        "tanh_test": lambda: layer_judge("tanh", "Tanh", activation_case),
    },
    "ch05_affine": {
        "affine_shapes_test": affine_shapes_judge,
        "affine_forward_test": lambda: layer_judge("affine_forward", "Affine", affine_case,
                                                   backward=False),
        "affine_backward_test": lambda: layer_judge("affine_backward", "Affine", affine_case,
                                                    grad_attrs=("dW", "db")),
    },
    "ch06_softmax_with_loss": {
        "softmax_test": lambda: function_judge("softmax", "softmax", lambda rng, case: [_scores(rng, case)]),
        "cross_entropy_error_test": lambda: function_judge(
            "cross_entropy_error", "cross_entropy_error",
            lambda rng, case: list(_probabilities_and_labels(rng, case))),
        "softmax_with_loss_test": softmax_with_loss_judge,
    },
    "ch07_two_layer_net": {
        "gradient_test": gradient_judge,
        "sgd_step_test": sgd_step_judge,
        "train_test": train_judge,
    },
}
