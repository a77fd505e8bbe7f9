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
from autograder.checks.words import catalogue, say
from autograder.judging import numerical
from autograder.judging.judge import Finding, compare_cases
from autograder.judging.layers import layer_judge
from autograder.judging.numerical import DERIVED, EPS, Analytic

WORDS = catalogue({
    # Relu
    "ch04.judge.relu_out_no_mask": {
        "en": "forward returned x unchanged: the elements where x <= 0 must become 0",
        "ko": "forward가 x를 그대로 반환했습니다. x <= 0인 원소는 0이 되어야 합니다"},
    "ch04.judge.relu_out_inverted": {
        "en": "forward zeroed the positive inputs and kept the negative ones: the mask is "
              "inverted. ReLU keeps x where x > 0 and outputs 0 where x <= 0",
        "ko": "forward가 양수 입력을 0으로 만들고 음수 입력을 남겼습니다. 마스크가 뒤집혔습니다. "
              "ReLU는 x > 0인 곳에서 x를 그대로 내보내고 x <= 0인 곳에서 0을 내보냅니다"},
    "ch04.judge.relu_out_switch_only": {
        "en": "forward returned 0/1 (the switch) instead of the values: out is x where x > 0, "
              "0 elsewhere",
        "ko": "forward가 값 대신 스위치 값 0/1을 반환했습니다. out은 x > 0인 곳에서 x, 나머지에서 "
              "0입니다"},
    "ch04.judge.relu_dx_zero_convention": {
        "en": "at x = 0 exactly, backward let dout through: the mask treats 0 as 'on' "
              "(mask = x < 0, i.e. the rule ∂y/∂x = 1 for x ≥ 0). ReLU has no derivative "
              "at 0, and the book chooses 0 there (equation 5.8: ∂y/∂x = 0 for x ≤ 0); "
              "this course follows it: mask = (x <= 0), so dx = 0 where x = 0",
        "ko": "x가 정확히 0인 곳에서 backward가 dout을 통과시켰습니다. 마스크가 0을 '켜짐'으로 "
              "취급합니다 (mask = x < 0, 즉 x ≥ 0에서 ∂y/∂x = 1이라는 규칙). ReLU는 0에서 미분이 "
              "없고, 책은 그곳의 값을 0으로 정합니다 (식 5.8: x ≤ 0이면 ∂y/∂x = 0). 이 과정도 "
              "책을 따릅니다. mask = (x <= 0)이므로 x = 0인 곳에서 dx = 0입니다"},
    "ch04.judge.relu_dx_inverted": {
        "en": "dx lets dout through where the forward input was ≤ 0 and blocks it where it "
              "was > 0: the mask is inverted. dx = 0 where mask (x <= 0) is True, dout "
              "elsewhere",
        "ko": "dx가 순전파 입력이 0 이하였던 곳에서 dout을 통과시키고 0보다 컸던 곳에서 막습니다. "
              "마스크가 뒤집혔습니다. mask (x <= 0)의 값이 True인 곳에서 dx = 0, 나머지에서 "
              "dout입니다"},
    "ch04.judge.relu_dx_no_mask": {
        "en": "dx equals dout everywhere: the mask was not applied. Where the forward input "
              "was ≤ 0 the switch is off and dx must be 0",
        "ko": "dx가 모든 곳에서 dout과 같습니다. 마스크를 적용하지 않았습니다. 순전파 입력이 "
              "0 이하였던 곳은 스위치가 꺼져 있으므로 dx가 0이어야 합니다"},
    "ch04.judge.relu_dx_times_output": {
        "en": "dx = dout·y: ReLU's local derivative is 1 where x > 0 (not y), so dout passes "
              "through unchanged there",
        "ko": "dx = dout·y입니다. ReLU의 국소적 미분은 x > 0인 곳에서 y가 아니라 1이므로, "
              "그곳에서는 dout이 그대로 통과합니다"},
    "ch04.judge.relu_dx_times_input": {
        "en": "dx = dout·x: ReLU's local derivative is 1 where x > 0 and 0 elsewhere; it does "
              "not depend on the size of x",
        "ko": "dx = dout·x입니다. ReLU의 국소적 미분은 x > 0인 곳에서 1, 나머지에서 0이며 "
              "x의 크기와는 상관없습니다"},
    "ch04.judge.relu_dx_half_at_zero": {
        "en": "at x = 0 it gives dout/2, what a central difference gives across the kink",
        "ko": "x = 0에서 dout/2를 내는데, 이는 꺾인 점을 가로지르는 중심 차분이 내는 값입니다"},
    "ch04.judge.mask_store": {
        "en": "store it in forward as self.mask = (x <= 0), the book's name and meaning",
        "ko": "forward에서 self.mask = (x <= 0)처럼 저장하세요. 책과 같은 이름, 같은 의미입니다"},
    "ch04.judge.mask_missing": {
        "en": "the mask was not saved: {store}",
        "ko": "마스크를 저장하지 않았습니다. {store}"},
    "ch04.judge.mask_wrong_type": {
        "en": "Relu.mask should be a boolean array of x's shape: {store}",
        "ko": "Relu.mask는 x와 형상이 같은 불리언 배열이어야 합니다. {store}"},
    "ch04.judge.mask_inverted": {
        "en": "the mask is True where x > 0: the book's mask marks the elements that are "
              "switched OFF, True where x <= 0",
        "ko": "마스크가 x > 0인 곳에서 True입니다. 책의 마스크는 스위치가 꺼진 원소를 표시하므로, "
              "x <= 0인 곳에서 True입니다"},
    "ch04.judge.mask_zero_on": {
        "en": "the mask is False at x = 0: it was made with x < 0. The book's convention is "
              "mask = (x <= 0), so at exactly 0 the switch is off",
        "ko": "마스크가 x = 0에서 False입니다. x < 0으로 만들었기 때문입니다. 책의 규칙은 "
              "mask = (x <= 0)이므로 정확히 0인 곳에서는 스위치가 꺼져 있습니다"},
    "ch04.judge.mask_wrong": {
        "en": "the mask must be True exactly where x <= 0: {store}",
        "ko": "마스크는 정확히 x <= 0인 곳에서만 True여야 합니다. {store}"},
    # Sigmoid
    "ch04.judge.sigmoid_out_exp_sign": {
        "en": "forward computes 1 / (1 + exp(x)): the sign inside exp is flipped, "
              "y = 1 / (1 + exp(−x))",
        "ko": "forward가 1 / (1 + exp(x))를 계산합니다. exp 안의 부호가 뒤집혔습니다. "
              "y = 1 / (1 + exp(−x))입니다"},
    "ch04.judge.sigmoid_out_no_plus_one": {
        "en": "forward computes 1 / exp(−x) = exp(x): the '+ 1' node is missing, "
              "y = 1 / (1 + exp(−x))",
        "ko": "forward가 1 / exp(−x) = exp(x)를 계산합니다. '+ 1' 노드가 빠졌습니다. "
              "y = 1 / (1 + exp(−x))입니다"},
    "ch04.judge.sigmoid_out_tanh": {
        "en": "forward computes tanh(x); the sigmoid is 1 / (1 + exp(−x))",
        "ko": "forward가 tanh(x)를 계산합니다. 시그모이드는 1 / (1 + exp(−x))입니다"},
    "ch04.judge.sigmoid_dx_missing_1_minus_y": {
        "en": "dx = dout·y: the factor (1 − y) is missing; dx = dout·y·(1 − y)",
        "ko": "dx = dout·y입니다. 인수 (1 − y)가 빠졌습니다. dx = dout·y·(1 − y)입니다"},
    "ch04.judge.sigmoid_dx_missing_y": {
        "en": "dx = dout·(1 − y): the factor y is missing; dx = dout·y·(1 − y)",
        "ko": "dx = dout·(1 − y)입니다. 인수 y가 빠졌습니다. dx = dout·y·(1 − y)입니다"},
    "ch04.judge.sigmoid_dx_sign": {
        "en": "dx has the wrong sign. Along the graph, the '/' node's local derivative is "
              "−1/x² = −y² and the '×(−1)' node's is −1: the two minus signs cancel, "
              "dout·y²·exp(−x) = dout·y(1 − y). Losing one of them (e.g. writing the '/' "
              "node's derivative as 1/x²) flips the sign",
        "ko": "dx의 부호가 틀렸습니다. 계산 그래프를 따라가면 '/' 노드의 국소적 미분은 "
              "−1/x² = −y²이고 '×(−1)' 노드의 국소적 미분은 −1입니다. 두 음의 부호가 상쇄되어 "
              "dout·y²·exp(−x) = dout·y(1 − y)가 됩니다. 둘 중 하나를 잃으면 (예: '/' 노드의 "
              "미분을 1/x²로 쓰면) 부호가 뒤집힙니다"},
    "ch04.judge.sigmoid_dx_exp_x": {
        "en": "dx = dout·y²·exp(x): the exp node computed exp(−x) in forward, so its local "
              "derivative is exp(−x); dx = dout·y²·exp(−x), which simplifies to dout·y(1 − y)",
        "ko": "dx = dout·y²·exp(x)입니다. exp 노드는 순전파에서 exp(−x)를 계산했으므로 국소적 "
              "미분도 exp(−x)입니다. dx = dout·y²·exp(−x)이고, 간소화하면 dout·y(1 − y)입니다"},
    "ch04.judge.sigmoid_dx_input_for_output": {
        "en": "dx = dout·x(1 − x): the formula y(1 − y) uses the OUTPUT y of forward (store "
              "it, self.out = out), not the input x",
        "ko": "dx = dout·x(1 − x)입니다. 식 y(1 − y)에는 입력 x가 아니라 forward의 출력 y가 "
              "들어갑니다 (self.out = out으로 저장하세요)"},
    "ch04.judge.sigmoid_dx_tanh_rule": {
        "en": "dx = dout·(1 − y²): that is tanh's derivative; the sigmoid's is y(1 − y)",
        "ko": "dx = dout·(1 − y²)입니다. 이것은 tanh의 미분입니다. 시그모이드의 미분은 "
              "y(1 − y)입니다"},
    # Tanh
    "ch04.judge.tanh_out_half_x": {
        "en": "forward computes 2·sigmoid(x) − 1 = tanh(x/2): tanh(x) = 2·sigmoid(2x) − 1, "
              "with 2x inside",
        "ko": "forward가 2·sigmoid(x) − 1 = tanh(x/2)를 계산합니다. tanh(x) = 2·sigmoid(2x) − 1로, "
              "안에 2x가 들어갑니다"},
    "ch04.judge.tanh_out_sigmoid": {
        "en": "forward computes the sigmoid; tanh(x) is np.tanh(x)",
        "ko": "forward가 시그모이드를 계산합니다. tanh(x)는 np.tanh(x)입니다"},
    "ch04.judge.tanh_out_no_minus_one": {
        "en": "forward computes 2·sigmoid(2x): tanh(x) = 2·sigmoid(2x) − 1, the '− 1' is "
              "missing",
        "ko": "forward가 2·sigmoid(2x)를 계산합니다. tanh(x) = 2·sigmoid(2x) − 1이므로 '− 1'이 "
              "빠졌습니다"},
    "ch04.judge.tanh_dx_not_squared": {
        "en": "dx = dout·(1 − y): y must be squared, dx = dout·(1 − y²)",
        "ko": "dx = dout·(1 − y)입니다. y를 제곱해야 합니다. dx = dout·(1 − y²)입니다"},
    "ch04.judge.tanh_dx_y_squared": {
        "en": "dx = dout·y²: the derivative of tanh is 1 − y², not y²",
        "ko": "dx = dout·y²입니다. tanh의 미분은 y²이 아니라 1 − y²입니다"},
    "ch04.judge.tanh_dx_square_of_difference": {
        "en": "dx = dout·(1 − y)²: square only y, dx = dout·(1 − y²)",
        "ko": "dx = dout·(1 − y)²입니다. y만 제곱하세요. dx = dout·(1 − y²)입니다"},
    "ch04.judge.tanh_dx_sigmoid_rule": {
        "en": "dx = dout·y(1 − y): that is the sigmoid's derivative; tanh's is 1 − y²",
        "ko": "dx = dout·y(1 − y)입니다. 이것은 시그모이드의 미분입니다. tanh의 미분은 "
              "1 − y²입니다"},
    "ch04.judge.tanh_dx_input_for_output": {
        "en": "dx = dout·(1 − x²): the formula 1 − y² uses the OUTPUT y = tanh(x) of forward "
              "(store it), not the input x",
        "ko": "dx = dout·(1 − x²)입니다. 식 1 − y²에는 입력 x가 아니라 forward의 출력 "
              "y = tanh(x)가 들어갑니다 (저장해 두세요)"},
    "ch04.judge.tanh_dx_sign": {
        "en": "dx = dout·(y² − 1): the sign is flipped, dx = dout·(1 − y²)",
        "ko": "dx = dout·(y² − 1)입니다. 부호가 뒤집혔습니다. dx = dout·(1 − y²)입니다"},
    # Softplus (none of these may state the derivative)
    "ch04.judge.softplus_out_no_plus_one": {
        "en": "forward returned x, log(exp(x)): the +1 node is missing, y = log(1 + exp(x)) "
              "= np.logaddexp(0.0, x)",
        "ko": "forward가 x, 즉 log(exp(x))를 반환했습니다. +1 노드가 빠졌습니다. "
              "y = log(1 + exp(x)) = np.logaddexp(0.0, x)입니다"},
    "ch04.judge.softplus_out_no_log": {
        "en": "forward returned 1 + exp(x): the log node is missing, y = np.logaddexp(0.0, x)",
        "ko": "forward가 1 + exp(x)를 반환했습니다. log 노드가 빠졌습니다. "
              "y = np.logaddexp(0.0, x)입니다"},
    "ch04.judge.softplus_dx_exp_only": {
        "en": "dx = dout·exp(x): that is the exp node's local derivative alone. The chain "
              "from y back to x goes through the log and +1 nodes too: multiply by their "
              "local derivatives as well",
        "ko": "dx = dout·exp(x)입니다. 이것은 exp 노드의 국소적 미분뿐입니다. y에서 x로 "
              "거슬러 가는 연쇄는 log 노드와 +1 노드도 지나므로, 그 노드들의 국소적 미분도 "
              "곱하세요"},
    "ch04.judge.softplus_dx_no_exp_factor": {
        "en": "dx = dout / (1 + exp(x)): that is the log node's local derivative alone (the "
              "+1 node multiplies by 1); the exp node's local derivative is missing from the "
              "product",
        "ko": "dx = dout / (1 + exp(x))입니다. 이것은 log 노드의 국소적 미분뿐입니다 (+1 노드는 "
              "1을 곱합니다). 곱에서 exp 노드의 국소적 미분이 빠졌습니다"},
    "ch04.judge.softplus_dx_forward": {
        "en": "dx = dout·log(1 + exp(x)): that is the forward value y, not a derivative. "
              "Multiply the local derivatives of the log, +1 and exp nodes",
        "ko": "dx = dout·log(1 + exp(x))입니다. 이것은 미분이 아니라 순전파 값 y입니다. "
              "log, +1, exp 노드의 국소적 미분을 곱하세요"},
    "ch04.judge.softplus_dx_sigmoid_rule": {
        "en": "dx = dout·y(1 − y) with y = softplus(x): that is the sigmoid's rule, and it "
              "holds for the sigmoid's output only. Derive softplus's own local derivatives "
              "along its graph (exp, +1, log)",
        "ko": "y = softplus(x)로 dx = dout·y(1 − y)를 계산했습니다. 이것은 시그모이드의 "
              "규칙이고, 시그모이드의 출력에서만 성립합니다. softplus의 계산 그래프 (exp, +1, "
              "log)를 따라 softplus 자신의 국소적 미분을 유도하세요"},
    "ch04.judge.softplus_dx_sign": {
        "en": "dx has the wrong sign: softplus rises everywhere, so dx has the sign of dout",
        "ko": "dx의 부호가 틀렸습니다. softplus는 모든 곳에서 증가하므로 dx의 부호는 dout의 "
              "부호와 같습니다"},
})

SECTION_RELU = see("ch04_activation_layers", "2 · ReLU and its derivative", "§5.5.1")  # not for students (a heading)
SECTION_DOUT = see("ch04_activation_layers", "6 · Common slips", "§5.5.1")  # not for students (a heading)
SECTION_SIGMOID = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")  # not for students (a heading)
SECTION_TANH = see("ch04_activation_layers", "10 · An extension: Tanh")  # not for students (a heading)
SECTION_SOFTPLUS = see("ch04_activation_layers", "7 · The sigmoid function and its computational graph", "§5.5.2")  # not for students (a heading)
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
            "no mask": (x, say("ch04.judge.relu_out_no_mask")),
            "inverted": (np.where(x > 0, 0.0, x), say("ch04.judge.relu_out_inverted")),
            "switch only": ((x > 0).astype(float), say("ch04.judge.relu_out_switch_only"))}
    if name == "grads":
        return {
            "x < 0 convention": (np.where(x < 0, 0.0, dout), say(ZERO_CONVENTION)),  # not for students (a name)
            "inverted": (np.where(x > 0, 0.0, dout), say("ch04.judge.relu_dx_inverted")),
            "no mask": (dout, say("ch04.judge.relu_dx_no_mask")),
            "times output": (dout * np.maximum(x, 0.0), say("ch04.judge.relu_dx_times_output")),
            "times input": (dout * x, say("ch04.judge.relu_dx_times_input")),
            "half at 0": (np.where(x == 0, 0.5 * dout, np.where(x < 0, 0.0, dout)),
                          numerical.words("Relu.backward", say("ch04.judge.relu_dx_half_at_zero"),
                                          SECTION_RELU))}
    return {}


ZERO_CONVENTION = "ch04.judge.relu_dx_zero_convention"
MASK_STORE = "ch04.judge.mask_store"


def _relu_explain(base):
    def explain(name, case, got, want):
        if name != "mask":
            return base(name, case, got, want)
        x = np.asarray(case.inputs["inputs"][0], dtype=float)
        values = numbers(got)
        if got is None:
            return Diagnosis("relu_mask_missing",
                             say("ch04.judge.mask_missing", store=say(MASK_STORE)), SECTION_RELU)
        if values is None or values.shape != x.shape:
            return Diagnosis("relu_mask_wrong_type",
                             say("ch04.judge.mask_wrong_type", store=say(MASK_STORE)),
                             SECTION_RELU)
        on = values != 0
        if np.array_equal(on, x <= 0):
            return None
        if np.array_equal(on, x > 0):
            words = say("ch04.judge.mask_inverted")
        elif np.array_equal(on, x < 0):
            words = say("ch04.judge.mask_zero_on")
        else:
            words = say("ch04.judge.mask_wrong", store=say(MASK_STORE))
        return Diagnosis("relu_mask_wrong", words, SECTION_RELU)
    return explain


def _relu_decide(judge, got, want):
    """The usual decision; a backward that zeroed the caller's dout, as the book's does, is
    told so first (the lab's interface differs from the book's there)."""
    finding = compare_cases(judge, got, want)
    if finding is not None and finding.diagnosis is not None \
            and finding.diagnosis.name == "dout_mutated":
        diagnosis = Diagnosis("dout_mutated", finding.diagnosis.words, SECTION_DOUT)
        return Finding(finding.problem, diagnosis, first=say(BOOK_RELU))
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
                "exp sign": (_sigmoid(-x), say("ch04.judge.sigmoid_out_exp_sign")),
                "no 1 +": (np.exp(x), say("ch04.judge.sigmoid_out_no_plus_one")),
                "tanh": (np.tanh(x), say("ch04.judge.sigmoid_out_tanh"))}
    if name != "grads":
        return {}
    with np.errstate(all="ignore"):
        exp_sign = dout * y ** 2 * np.exp(x)
    return {
        "missing 1 - y": (dout * y, say("ch04.judge.sigmoid_dx_missing_1_minus_y")),  # not for students (a name)
        "missing y": (dout * (1.0 - y), say("ch04.judge.sigmoid_dx_missing_y")),
        "sign": (-dout * y * (1.0 - y), say("ch04.judge.sigmoid_dx_sign")),
        "exp(x)": (exp_sign, say("ch04.judge.sigmoid_dx_exp_x")),
        "input for output": (dout * x * (1.0 - x), say("ch04.judge.sigmoid_dx_input_for_output")),
        "tanh rule": (dout * (1.0 - y ** 2), say("ch04.judge.sigmoid_dx_tanh_rule"))}


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
            "tanh of x/2": (np.tanh(0.5 * x), say("ch04.judge.tanh_out_half_x")),
            "sigmoid": (_sigmoid(x), say("ch04.judge.tanh_out_sigmoid")),
            "2 sigmoid": (2.0 * _sigmoid(2.0 * x), say("ch04.judge.tanh_out_no_minus_one"))}
    if name != "grads":
        return {}
    return {
        "1 - y": (dout * (1.0 - y), say("ch04.judge.tanh_dx_not_squared")),
        "y squared": (dout * y ** 2, say("ch04.judge.tanh_dx_y_squared")),
        "(1 - y) squared": (dout * (1.0 - y) ** 2, say("ch04.judge.tanh_dx_square_of_difference")),  # not for students (a name)
        "sigmoid rule": (dout * y * (1.0 - y), say("ch04.judge.tanh_dx_sigmoid_rule")),
        "input for output": (dout * (1.0 - x ** 2), say("ch04.judge.tanh_dx_input_for_output")),
        "sign": (dout * (y ** 2 - 1.0), say("ch04.judge.tanh_dx_sign"))}


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
                "no +1": (x, say(SOFTPLUS_WORDS["no +1"])),
                "no log": (np.exp(x) + 1.0, say(SOFTPLUS_WORDS["no log"]))}
        if name != "grads":
            return {}
        exp_only = dout * np.exp(x)
        log_node_only = dout / (1.0 + np.exp(x))
    return {
        "exp only": (exp_only, say(SOFTPLUS_WORDS["exp only"])),
        "no exp factor": (log_node_only, say(SOFTPLUS_WORDS["no exp factor"])),
        "forward": (dout * y, say(SOFTPLUS_WORDS["forward"])),
        "sigmoid rule": (dout * y * (1.0 - y), say(SOFTPLUS_WORDS["sigmoid rule"])),
        "sign": (-want, say(SOFTPLUS_WORDS["sign"]))}


# The likely causes of Softplus's known mistakes (keys). None of them may state the derivative.
SOFTPLUS_WORDS = {
    "no +1": "ch04.judge.softplus_out_no_plus_one",
    "no log": "ch04.judge.softplus_out_no_log",
    "exp only": "ch04.judge.softplus_dx_exp_only",
    "no exp factor": "ch04.judge.softplus_dx_no_exp_factor",
    "forward": "ch04.judge.softplus_dx_forward",
    "sigmoid rule": "ch04.judge.softplus_dx_sigmoid_rule",
    "sign": "ch04.judge.softplus_dx_sign",
}


def _softplus_explain(base):
    """An overflow at ±1000 named plainly (the usual causes need finite values)."""
    def explain(name, case, got, want):
        values = numbers(got)
        if name in ("out", "grads") and values is not None and \
                not np.all(np.isfinite(values)) and np.all(np.isfinite(numbers(want))):
            stage = "forward" if name == "out" else "backward"
            return Diagnosis("overflow", say(SOFTPLUS_OVERFLOW[stage]).rstrip("."),
                             SECTION_SOFTPLUS)
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
