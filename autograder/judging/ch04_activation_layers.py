"""Judges of lab ch04_activation_layers: the Relu, Sigmoid, Tanh and Softplus layers.

Regular cases: random arrays of random shapes (one sample (D,), a batch of 1 and of N),
the ReLU ones with exact zeros in them (the book's convention: at x = 0 the switch is off,
dx = 0). Probe cases, where only an analytic backward is exact: ReLU inputs within 1e-7
of the kink (any finite step straddles it), sigmoid and tanh inputs in their saturated
tails (f(x ± h) differ only in their last bits), softplus inputs up to 20 (where
f(x ± h) lose the digits of h) and moderate ones. Softplus also gets a case of inputs of
±1000, where a backward that exponentiates x overflows. The likely causes are the mistakes
of the study notes and of earlier classes, computed from the reference's values.
"""
from __future__ import annotations

import numpy as np

from autograder.checks.ch04_activation_layers import BOOK_RELU, SOFTPLUS_OVERFLOW
from autograder.checks.diagnose import Diagnosis, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.sections import see
from autograder.judging import numerical
from autograder.judging.judge import Finding, compare_cases
from autograder.judging.layers import layer_judge
from autograder.judging.numerical import DERIVED, EPS, Analytic

SECTION_RELU = see("ch04_activation_layers", "2 · ReLU and its derivative", "§5.5.1")
SECTION_DOUT = see("ch04_activation_layers", "6 · Common slips", "§5.5.1")
SECTION_SIGMOID = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")
SECTION_TANH = see("ch04_activation_layers", "10 · An extension: Tanh")
SECTION_SOFTPLUS = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")
ANALYTIC_K = 32   # probe tolerance: ANALYTIC_K·eps·(|dx| + |dout|), calibrated in tests


def _shapes(rng) -> list[tuple]:
    d, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    return [(n, d), (d,), (1, d)]


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def analytic_tolerance(case, name, want):
    """What rounding allows an analytic backward on a probe: formulas of y lose about eps
    of |dout| where y saturates (1 − y computed from y ≈ 1), and eps of |dx| elsewhere."""
    dout = np.abs(np.asarray(case.inputs["dout"], dtype=float))
    return ANALYTIC_K * EPS * (np.abs(want) + dout)


# =========================================================================== Relu

def _relu_regular(rng, number):
    shape = _shapes(rng)[number % 3]
    x = rng.choice([-1.0, 1.0], size=shape) * (np.abs(rng.standard_normal(shape)) + 1e-3)
    x.reshape(-1)[:2] = [1.5, -1.5]            # both signs, always
    if number == 3:                             # the book's convention at exactly 0
        x.reshape(-1)[rng.random(x.size) < 0.4] = 0.0
        x.reshape(-1)[-1] = 0.0
    return (), (x,), rng.standard_normal(shape)


def _relu_probes(rng):
    """Inputs 1e-12 to 1e-7 from the kink, both signs: no finite difference is right there."""
    probes = []
    for shape in ((int(rng.integers(3, 7)),), (2, int(rng.integers(2, 5)))):
        x = rng.choice([-1.0, 1.0], size=shape) * 10.0 ** rng.uniform(-12, -7, size=shape)
        probes.append(((), (x,), rng.standard_normal(shape)))
    return probes


def _relu_suspects(case, name, want):
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    if name == "out":
        return {
            "no mask": (x, "forward returned x unchanged: the elements where x <= 0 must "
                           "become 0"),
            "inverted": (np.where(x > 0, 0.0, x),
                         "forward zeroed the positive inputs and kept the negative ones: the "
                         "mask is inverted. ReLU keeps x where x > 0 and outputs 0 where x <= 0"),
            "switch only": ((x > 0).astype(float),
                            "forward returned 0/1 (the switch) instead of the values: out is x "
                            "where x > 0, 0 elsewhere")}
    if name == "grads":
        return {
            "x < 0 convention": (np.where(x < 0, 0.0, dout), ZERO_CONVENTION),
            "inverted": (np.where(x > 0, 0.0, dout),
                         "dx lets dout through where the forward input was ≤ 0 and blocks it "
                         "where it was > 0: the mask is inverted. dx = 0 where mask (x <= 0) "
                         "is True, dout elsewhere"),
            "no mask": (dout, "dx equals dout everywhere: the mask was not applied. Where the "
                              "forward input was ≤ 0 the switch is off and dx must be 0"),
            "times output": (dout * np.maximum(x, 0.0),
                             "dx = dout·y: ReLU's local derivative is 1 where x > 0 (not y), "
                             "so dout passes through unchanged there"),
            "times input": (dout * x, "dx = dout·x: ReLU's local derivative is 1 where x > 0 "
                                      "and 0 elsewhere; it does not depend on the size of x"),
            "half at 0": (np.where(x == 0, 0.5 * dout, np.where(x < 0, 0.0, dout)),
                          numerical.words("Relu.backward", "at x = 0 it gives dout/2, what a "
                                          "central difference gives across the kink",
                                          SECTION_RELU))}
    return {}


ZERO_CONVENTION = ("at x = 0 exactly, backward let dout through: the mask treats 0 as 'on' "
                   "(mask = x < 0, i.e. the rule ∂y/∂x = 1 for x ≥ 0). ReLU has no derivative "
                   "at 0, and the book chooses 0 there (equation 5.8: ∂y/∂x = 0 for x ≤ 0); "
                   "this course follows it: mask = (x <= 0), so dx = 0 where x = 0")
MASK_STORE = "store it in forward as self.mask = (x <= 0), the book's name and meaning"


def _relu_explain(base):
    def explain(name, case, got, want):
        if name != "mask":
            return base(name, case, got, want)
        x = np.asarray(case.inputs["inputs"][0], dtype=float)
        values = numbers(got)
        if got is None:
            return Diagnosis("relu_mask_missing", f"the mask was not saved: {MASK_STORE}",
                             SECTION_RELU)
        if values is None or values.shape != x.shape:
            return Diagnosis("relu_mask_wrong_type", f"Relu.mask should be a boolean array "
                             f"of x's shape: {MASK_STORE}", SECTION_RELU)
        on = values != 0
        if np.array_equal(on, x <= 0):
            return None
        if np.array_equal(on, x > 0):
            words = ("the mask is True where x > 0: the book's mask marks the elements that "
                     "are switched OFF, True where x <= 0")
        elif np.array_equal(on, x < 0):
            words = ("the mask is False at x = 0: it was made with x < 0. The book's "
                     "convention is mask = (x <= 0), so at exactly 0 the switch is off")
        else:
            words = f"the mask must be True exactly where x <= 0: {MASK_STORE}"
        return Diagnosis("relu_mask_wrong", words, SECTION_RELU)
    return explain


def _relu_decide(judge, got, want):
    """The usual decision; a backward that zeroed the caller's dout, as the book's does, is
    told so first (the lab's interface differs from the book's there)."""
    finding = compare_cases(judge, got, want)
    if finding is not None and finding.diagnosis is not None \
            and finding.diagnosis.name == "dout_mutated":
        diagnosis = Diagnosis("dout_mutated", finding.diagnosis.words, SECTION_DOUT)
        return Finding(finding.problem, diagnosis, first=BOOK_RELU)
    return finding


def relu_judge(seed):
    rng = rng_for("judge relu probes", seed)
    judge = layer_judge(
        "relu", "Relu", _relu_regular, seed, after_forward=("mask",), probes=_relu_probes(rng),
        suspects=_relu_suspects, section=SECTION_RELU, decide=_relu_decide,
        analytic=Analytic("Relu.backward", ("grads",), tolerance=analytic_tolerance,
                          section=SECTION_RELU))
    judge.explain = _relu_explain(judge.explain)
    return judge


# =========================================================================== Sigmoid

def _activation_regular(rng, number):
    shape = _shapes(rng)[number % 3]
    return (), (2.0 * rng.standard_normal(shape),), rng.standard_normal(shape)


def _saturated_probes(rng, low: float, high: float):
    """Inputs |x| in [low, high] with both signs, and a few moderate ones."""
    probes = []
    for shape in ((int(rng.integers(4, 8)),), (2, int(rng.integers(3, 6)))):
        x = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)
        x.reshape(-1)[0] = rng.uniform(0.5, 2.0)
        probes.append(((), (x,), rng.standard_normal(shape)))
    return probes


def _sigmoid_suspects(case, name, want):
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    y = _sigmoid(x)
    if name == "out":
        with np.errstate(all="ignore"):
            return {
                "exp sign": (_sigmoid(-x), "forward computes 1 / (1 + exp(x)): the sign inside "
                                           "exp is flipped, y = 1 / (1 + exp(−x))"),
                "no 1 +": (np.exp(x), "forward computes 1 / exp(−x) = exp(x): the '+ 1' node "
                                      "is missing, y = 1 / (1 + exp(−x))"),
                "tanh": (np.tanh(x), "forward computes tanh(x); the sigmoid is 1 / (1 + exp(−x))")}
    if name != "grads":
        return {}
    with np.errstate(all="ignore"):
        exp_sign = dout * y ** 2 * np.exp(x)
    return {
        "missing 1 - y": (dout * y, "dx = dout·y: the factor (1 − y) is missing; "
                                    "dx = dout·y·(1 − y)"),
        "missing y": (dout * (1.0 - y), "dx = dout·(1 − y): the factor y is missing; "
                                        "dx = dout·y·(1 − y)"),
        "sign": (-dout * y * (1.0 - y),
                 "dx has the wrong sign. Along the graph, the '/' node's local derivative is "
                 "−1/x² = −y² and the '×(−1)' node's is −1: the two minus signs cancel, "
                 "dout·y²·exp(−x) = dout·y(1 − y). Losing one of them (e.g. writing the '/' "
                 "node's derivative as 1/x²) flips the sign"),
        "exp(x)": (exp_sign, "dx = dout·y²·exp(x): the exp node computed exp(−x) in forward, "
                             "so its local derivative is exp(−x); dx = dout·y²·exp(−x), which "
                             "simplifies to dout·y(1 − y)"),
        "input for output": (dout * x * (1.0 - x),
                             "dx = dout·x(1 − x): the formula y(1 − y) uses the OUTPUT y of "
                             "forward (store it, self.out = out), not the input x"),
        "tanh rule": (dout * (1.0 - y ** 2), "dx = dout·(1 − y²): that is tanh's derivative; "
                                             "the sigmoid's is y(1 − y)")}


def sigmoid_judge(seed):
    rng = rng_for("judge sigmoid probes", seed)
    return layer_judge(
        "sigmoid", "Sigmoid", _activation_regular, seed, cases=3,
        probes=_saturated_probes(rng, 6.0, 30.0), suspects=_sigmoid_suspects,
        section=SECTION_SIGMOID,
        analytic=Analytic("Sigmoid.backward", ("grads",), tolerance=analytic_tolerance,
                          section=SECTION_SIGMOID))


# =========================================================================== Tanh

def _tanh_suspects(case, name, want):
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    y = np.tanh(x)
    if name == "out":
        return {
            "tanh of x/2": (np.tanh(0.5 * x), "forward computes 2·sigmoid(x) − 1 = tanh(x/2): "
                                              "tanh(x) = 2·sigmoid(2x) − 1, with 2x inside"),
            "sigmoid": (_sigmoid(x), "forward computes the sigmoid; tanh(x) is np.tanh(x)"),
            "2 sigmoid": (2.0 * _sigmoid(2.0 * x), "forward computes 2·sigmoid(2x): tanh(x) = "
                                                   "2·sigmoid(2x) − 1, the '− 1' is missing")}
    if name != "grads":
        return {}
    return {
        "1 - y": (dout * (1.0 - y), "dx = dout·(1 − y): y must be squared, dx = dout·(1 − y²)"),
        "y squared": (dout * y ** 2, "dx = dout·y²: the derivative of tanh is 1 − y², not y²"),
        "(1 - y) squared": (dout * (1.0 - y) ** 2, "dx = dout·(1 − y)²: square only y, "
                                                   "dx = dout·(1 − y²)"),
        "sigmoid rule": (dout * y * (1.0 - y), "dx = dout·y(1 − y): that is the sigmoid's "
                                               "derivative; tanh's is 1 − y²"),
        "input for output": (dout * (1.0 - x ** 2),
                             "dx = dout·(1 − x²): the formula 1 − y² uses the OUTPUT "
                             "y = tanh(x) of forward (store it), not the input x"),
        "sign": (dout * (y ** 2 - 1.0), "dx = dout·(y² − 1): the sign is flipped, "
                                        "dx = dout·(1 − y²)")}


def tanh_judge(seed):
    rng = rng_for("judge tanh probes", seed)
    return layer_judge(
        "tanh", "Tanh", _activation_regular, seed, cases=3,
        probes=_saturated_probes(rng, 3.0, 12.0), suspects=_tanh_suspects,
        section=SECTION_TANH,
        analytic=Analytic("Tanh.backward", ("grads",), tolerance=analytic_tolerance,
                          section=SECTION_TANH))


# =========================================================================== Softplus

def _softplus_regular(rng, number):
    """Scale-3 inputs (both tails); the last case adds inputs of ±500 to ±1000 (and exactly
    ±1000), where a backward that exponentiates x itself overflows."""
    shape = _shapes(rng)[number % 3]
    x = 3.0 * rng.standard_normal(shape)
    if number == 3:
        big = rng.random(shape) < 0.5
        x = np.where(big, rng.choice([-1.0, 1.0], size=shape) * rng.uniform(500, 1000, shape), x)
        x.reshape(-1)[:2] = [1000.0, -1000.0]
    return (), (x,), rng.standard_normal(shape)


def _softplus_probes(rng):
    """Inputs 4 to 20 of both signs, where central differences lose the digits of h (and
    moderate ones, where their truncation error shows)."""
    probes = _saturated_probes(rng, 4.0, 20.0)
    shape = (int(rng.integers(3, 7)),)
    probes.append(((), (rng.uniform(-2.0, 2.0, size=shape),), rng.standard_normal(shape)))
    return probes


def _softplus_suspects(case, name, want):
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    with np.errstate(all="ignore"):
        y = np.logaddexp(0.0, x)
        if name == "out":
            return {
                "no +1": (x, SOFTPLUS_WORDS["no +1"]),
                "no log": (np.exp(x) + 1.0, SOFTPLUS_WORDS["no log"])}
        if name != "grads":
            return {}
        exp_only = dout * np.exp(x)
        log_node_only = dout / (1.0 + np.exp(x))
    return {
        "exp only": (exp_only, SOFTPLUS_WORDS["exp only"]),
        "no exp factor": (log_node_only, SOFTPLUS_WORDS["no exp factor"]),
        "forward": (dout * y, SOFTPLUS_WORDS["forward"]),
        "sigmoid rule": (dout * y * (1.0 - y), SOFTPLUS_WORDS["sigmoid rule"]),
        "sign": (-want, SOFTPLUS_WORDS["sign"])}


# The likely causes of Softplus's known mistakes. None of them may state the derivative.
SOFTPLUS_WORDS = {
    "no +1": ("forward returned x, log(exp(x)): the +1 node is missing, y = log(1 + exp(x)) "
              "= np.logaddexp(0.0, x)"),
    "no log": "forward returned 1 + exp(x): the log node is missing, y = np.logaddexp(0.0, x)",
    "exp only": ("dx = dout·exp(x): that is the exp node's local derivative alone. The chain "
                 "from y back to x goes through the log and +1 nodes too: multiply by their "
                 "local derivatives as well"),
    "no exp factor": ("dx = dout / (1 + exp(x)): that is the log node's local derivative alone "
                      "(the +1 node multiplies by 1); the exp node's local derivative is "
                      "missing from the product"),
    "forward": ("dx = dout·log(1 + exp(x)): that is the forward value y, not a derivative. "
                "Multiply the local derivatives of the log, +1 and exp nodes"),
    "sigmoid rule": ("dx = dout·y(1 − y) with y = softplus(x): that is the sigmoid's rule, and "
                     "it holds for the sigmoid's output only. Derive softplus's own local "
                     "derivatives along its graph (exp, +1, log)"),
    "sign": ("dx has the wrong sign: softplus rises everywhere, so dx has the sign of dout"),
}


def _softplus_explain(base):
    """An overflow at ±1000 named plainly (the usual causes need finite values)."""
    def explain(name, case, got, want):
        values = numbers(got)
        if name in ("out", "grads") and values is not None and \
                not np.all(np.isfinite(values)) and np.all(np.isfinite(numbers(want))):
            stage = "forward" if name == "out" else "backward"
            return Diagnosis("overflow", SOFTPLUS_OVERFLOW[stage].rstrip("."), SECTION_SOFTPLUS)
        return base(name, case, got, want)
    return explain


def softplus_judge(seed):
    rng = rng_for("judge softplus probes", seed)
    judge = layer_judge(
        "softplus", "Softplus", _softplus_regular, seed, probes=_softplus_probes(rng),
        suspects=_softplus_suspects, section=SECTION_SOFTPLUS,
        analytic=Analytic("Softplus.backward", ("grads",), tolerance=analytic_tolerance,
                          instead=DERIVED,
                          section=SECTION_SOFTPLUS))
    judge.explain = _softplus_explain(judge.explain)
    return judge


JUDGES = {
    "relu_test": relu_judge,
    "sigmoid_test": sigmoid_judge,
    "tanh_test": tanh_judge,
    "softplus_test": softplus_judge,
}
