"""Judges of lab ch05_affine: the shapes of an Affine layer, its forward and backward.

* ``affine_shapes_test``: random x shapes (N = 1 and more, 2-D and N-d such as
  (N, 1, 28, 28)) with W shapes that fit, then one that does not (ValueError expected);
  each wrong shape gets its named cause.
* ``affine_forward_test``: a batch of one, of N, N-d inputs, then a layer whose W and b
  are changed in place between two forward calls (a training step does that).
* ``affine_backward_test``: the same kinds of input; dx, self.dW, self.db and the caller's
  arrays, with the named causes of the known mistakes (wrong shapes first, then values).

A numerical backward earns nothing (autograder/judging/numerical.py). While backward runs,
the calls of Affine.forward and of the provided numerical_gradient are counted (an
analytic backward makes none). Probe cases have a bias of size 1e11 to 1e12 and inputs of
size 1e3 to 1e4: dx = dout·Wᵀ, dW = xᵀ·dout and db = Σ dout do not depend on b, so every
analytic style is exact to rounding there, while any difference of the layer's output
(x·W + b)·dout, which is ~1e12, loses the digits of a step: with h = 1e-5 the bias does not
even change (its spacing is 1e-4). Probes are compared per element to
ANALYTIC_K·eps·(the sum of the absolute products that make the element), the rounding
bound of a sum of products (tests/test_numerical.py reports the margins). Not caught by
values: a difference quotient of a function the student wrote without the bias, with a
step of 1 or more (exact for a linear map); such code is caught by its calls only when it
goes through forward or numerical_gradient.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import behaviour
from autograder.checks.ch05_affine import (
    NOT_A_SHAPE,
    PARAMETER_COPIED,
    PARAMETER_NOT_SHARED,
    PRODUCTS,
    SECTION,
    SECTION_BATCH,
    SECTION_CENTER,
    SECTION_ND,
    SHAPE_KEYS,
    as_shape,
    flatten_cause,
    gradient_shape_diagnosis,
    output_shape_cause,
    parameter_missing_cause,
    random_shape_case,
    shape_changed_cause,
)
from autograder.checks.diagnose import Diagnosis, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.sections import see
from autograder.checks.words import catalogue, say
from autograder.judging.judge import (
    NOT_WRITTEN,
    Case,
    Finding,
    Judge,
    compare_cases,
    unchanged_arguments,
)
from autograder.judging.layers import explainer, layer_judge
from autograder.judging.numerical import EPS, Analytic
from autograder.judging.program import Raised, call, let, ref

WORDS = catalogue({
    "ch05.judge.book_printed_2d": {
        "en": "the lab's Affine takes x of any shape (N, d1, d2, …) and flattens it, as the "
              "book's common/layers.py does; the shorter class printed in §5.6.2 assumes a "
              "2-D x",
        "ko": "이 실습의 Affine은 책의 common/layers.py처럼 어떤 형상 (N, d1, d2, …)의 x든 받아서 "
              "평탄화합니다. §5.6.2에 실린 더 짧은 클래스는 x가 2차원이라고 가정합니다"},
    # the likely causes of wrong values
    "ch05.judge.not_proportional": {
        "en": "backward is not proportional to dout: {why}",
        "ko": "backward의 결과가 dout에 비례하지 않습니다. {why}"},
    "ch05.judge.divided_by_n": {
        "en": "{what} is divided by N = {n}, the batch size: in backward every sample adds its "
              "own contribution and nothing is averaged. The mean over the batch belongs to "
              "the loss, whose 1/N is already inside dout (from Softmax-with-Loss)",
        "ko": "{what}: 배치 크기 N으로 나누었습니다 (N = {n}). 역전파에서는 샘플마다 자기 몫을 더할 "
              "뿐 평균을 내지 않습니다. 배치 평균은 손실의 몫이고, 그 1/N은 이미 dout 안에 "
              "들어 있습니다 (Softmax-with-Loss에서 옵니다)"},
    "ch05.judge.out_no_bias": {
        "en": "out equals x·W: the bias is missing, out = x·W + b (b is added to every row)",
        "ko": "out이 x·W와 같습니다. 편향이 빠졌습니다. out = x·W + b입니다 (b는 모든 행에 "
              "더해집니다)"},
    "ch05.judge.out_bias_subtracted": {
        "en": "out equals x·W − b: the bias is added, out = x·W + b",
        "ko": "out이 x·W − b와 같습니다. 편향은 더해야 합니다. out = x·W + b입니다"},
    "ch05.judge.dx_not_transposed": {
        "en": "dx = dout · W: the weights must be transposed, dx = dout · Wᵀ "
              "((N, M)·(M, D) → (N, D)).",
        "ko": "dx = dout · W입니다. 가중치를 전치해야 합니다. dx = dout · Wᵀ "
              "((N, M)·(M, D) → (N, D))입니다."},
    "ch05.judge.dW_transposed": {
        "en": "dW is transposed: dW = xᵀ · dout ((D, N)·(N, M) → (D, M)); dout.T · x gives "
              "its transpose.",
        "ko": "dW가 전치되었습니다. dW = xᵀ · dout ((D, N)·(N, M) → (D, M))이고, dout.T · x는 "
              "그 전치를 줍니다."},
    "ch05.judge.db_mean": {
        "en": "db is the mean of dout over the batch, but it must be the sum, "
              "np.sum(dout, axis=0): b is added to every sample's output, so every sample adds "
              "its whole gradient to db (the 1/N of the mean loss is already inside dout).",
        "ko": "db가 배치에 대한 dout의 평균인데, 합이어야 합니다: np.sum(dout, axis=0). b는 모든 "
              "샘플의 출력에 더해지므로 샘플마다 자기 기울기 전체를 db에 더합니다 (평균 손실의 "
              "1/N은 이미 dout 안에 들어 있습니다)."},
    "ch05.judge.db_first_sample": {
        "en": "db holds only the first sample's row of dout: sum all rows, "
              "np.sum(dout, axis=0).",
        "ko": "db에 dout의 첫 번째 샘플 행만 들어 있습니다. 모든 행을 합하세요: "
              "np.sum(dout, axis=0)."},
    "ch05.judge.db_axis_1": {
        "en": "db was summed over axis 1 (the outputs) instead of axis 0 (the batch): "
              "db = np.sum(dout, axis=0).",
        "ko": "db를 축 0 (배치)이 아니라 축 1 (출력)로 합했습니다: db = np.sum(dout, axis=0)."},
    "ch05.judge.x_shape_changed": {
        "en": "Affine.forward changed the shape of the x it was given from {before} to "
              "{after}: {why}",
        "ko": "Affine.forward가 전달받은 x의 형상을 바꿨습니다 ({before} → {after}). {why}"},
    "ch05.judge.x_mutated": {
        "en": "Affine.forward changed its input number 1 in place: {why}",
        "ko": "Affine.forward가 첫 번째 입력을 제자리에서 바꿨습니다. {why}"},
    "ch05.judge.dout_shape_changed": {
        "en": "Affine.backward changed the shape of the dout it was given from {before} to "
              "{after}: {why}",
        "ko": "Affine.backward가 전달받은 dout의 형상을 바꿨습니다 ({before} → {after}). {why}"},
    "ch05.judge.dout_mutated": {
        "en": "Affine.backward changed the dout array it was given (in-place mutation): {why}",
        "ko": "Affine.backward가 전달받은 dout 배열을 바꿨습니다 (제자리 변경). {why}"},
    "ch05.judge.forward_did_not_save": {
        "en": "backward reads something forward did not save. forward must store what "
              "backward needs on the layer (self.x = x reshaped, self.original_x_shape = "
              "x.shape); a local variable disappears when forward returns",
        "ko": "backward가 forward에서 저장하지 않은 값을 읽습니다. backward에 필요한 값은 "
              "forward에서 계층에 저장하세요 (형상을 바꾼 x는 self.x, "
              "self.original_x_shape = x.shape). 지역 변수는 forward가 반환되면 사라집니다"},
    "ch05.judge.gradient_is_none": {
        "en": "self.{name} is None after backward: {why}",
        "ko": "backward 후에도 self.{name}의 값이 None입니다. {why}"},
    # labels of the values in the messages
    "ch05.judge.label_W_moved": {
        "en": "W after W += ΔW (in place, as a training step does)",
        "ko": "W += ΔW 후의 W (학습 단계처럼 제자리에서)"},
    "ch05.judge.label_b_moved": {
        "en": "b after b += Δb (in place)",
        "ko": "b += Δb 후의 b (제자리에서)"},
    "ch05.judge.label_out_W": {
        "en": "Affine.forward(x) after W += ΔW in place",
        "ko": "W += ΔW를 제자리에서 한 뒤의 Affine.forward(x)"},
    "ch05.judge.label_out_b": {
        "en": "Affine.forward(x) after b += Δb in place",
        "ko": "b += Δb를 제자리에서 한 뒤의 Affine.forward(x)"},
    # affine_shapes: the known wrong shapes of each entry
    "ch05.judge.x2d_first_axis_only": {
        "en": "D is the product of ALL feature axes, {axes} = {d}, not only the first one.",
        "ko": "D는 첫 번째 특징 축만이 아니라 모든 특징 축의 곱입니다: {axes} = {d}."},
    "ch05.judge.x2d_last_axis_only": {
        "en": "D is the product of all feature axes, {axes} = {d}, not only the last one.",
        "ko": "D는 마지막 특징 축만이 아니라 모든 특징 축의 곱입니다: {axes} = {d}."},
    "ch05.judge.x2d_not_flattened": {
        "en": "x2d is x flattened to two axes, (N, D): the batch axis and all features in one "
              "row.",
        "ko": "x2d는 x를 두 축 (N, D)로 평탄화한 것입니다. 배치 축 하나와, 모든 특징을 한 행에 "
              "담은 축 하나입니다."},
    "ch05.judge.x2d_no_batch_axis": {
        "en": "the batch axis stays: each sample becomes one row of D numbers, (N, D).",
        "ko": "배치 축은 그대로 남습니다. 샘플마다 D개의 수로 된 한 행이 되어 (N, D)입니다."},
    "ch05.judge.out_inner_d": {
        "en": "out = x2d · W is (N, D)·(D, M) → (N, M): the inner D disappears, M remains.",
        "ko": "out = x2d · W는 (N, D)·(D, M) → (N, M)입니다. 안쪽의 D는 사라지고 M이 "
              "남습니다."},
    "ch05.judge.out_no_batch_axis": {
        "en": "the batch axis stays: one row of M outputs per sample, (N, M), even when N = 1.",
        "ko": "배치 축은 그대로 남습니다. N = 1일 때도 샘플마다 출력 M개로 된 한 행, 즉 "
              "(N, M)입니다."},
    "ch05.judge.out_transposed": {
        "en": "out is (N, M), one row per sample, not its transpose.",
        "ko": "out은 샘플마다 한 행인 (N, M)이며, 그 전치가 아닙니다."},
    "ch05.judge.dx_original_shape": {
        "en": "dx has x's ORIGINAL shape {x_shape}: backward computes dout · Wᵀ as (N, D) and "
              "then reshapes it back to the shape x had in forward.",
        "ko": "dx는 x의 원래 형상 {x_shape}입니다. backward는 dout · Wᵀ를 (N, D)로 계산한 뒤 "
              "forward에서 x가 가졌던 형상으로 되돌립니다."},
    "ch05.judge.dx_transposed": {
        "en": "dx = dout · Wᵀ is (N, M)·(M, D) → (N, D): not (D, N).",
        "ko": "dx = dout · Wᵀ는 (N, M)·(M, D) → (N, D)입니다. (D, N)이 아닙니다."},
    "ch05.judge.dW_transposed_shape": {
        "en": "dW = xᵀ · dout is (D, N)·(N, M) → (D, M): W's own shape, not its transpose.",
        "ko": "dW = xᵀ · dout은 (D, N)·(N, M) → (D, M)입니다. W 자신의 형상이며, 그 전치가 "
              "아닙니다."},
    "ch05.judge.dW_dout_shape": {
        "en": "dW has W's shape (D, M), not dout's (N, M).",
        "ko": "dW는 dout의 형상 (N, M)이 아니라 W의 형상 (D, M)입니다."},
    "ch05.judge.db_per_sample": {
        "en": "db is summed over the batch: the bias is shared by every sample, so db has "
              "b's shape (M,), not one row per sample.",
        "ko": "db는 배치에 대해 합합니다. 편향은 모든 샘플이 함께 쓰므로 db는 샘플마다 한 행이 "
              "아니라 b의 형상 (M,)입니다."},
    "ch05.judge.db_axis_1_shape": {
        "en": "db has one entry per output, (M,): summed over the batch axis 0, not over "
              "axis 1.",
        "ko": "db는 출력마다 원소 하나로 (M,)입니다. 축 1이 아니라 배치 축 0으로 합합니다."},
    "ch05.judge.db_keepdims_shape": {
        "en": "db has b's shape (M,), without the extra batch axis of keepdims.",
        "ko": "db는 b의 형상 (M,)입니다. keepdims가 남기는 배치 축은 없어야 합니다."},
    "ch05.judge.shapes_generic": {
        "en": "work it out from the products: out = x2d · W, dx = dout · Wᵀ reshaped to x's "
              "shape, dW = x2dᵀ · dout, db = dout summed over the batch.",
        "ko": "행렬의 곱에서 형상을 구하세요: out = x2d · W, dx = dout · Wᵀ를 x의 형상으로 "
              "되돌린 것, dW = x2dᵀ · dout, db = dout을 배치에 대해 합한 것입니다."},
    # affine_shapes: what went wrong
    "ch05.judge.never_reached": {
        "en": "{text} was never reached",
        "ko": "{text}까지 실행되지 않았습니다"},
    "ch05.judge.not_written": {
        "en": "{text} raised NotImplementedError",
        "ko": "{text}에서 NotImplementedError가 발생했습니다"},
    "ch05.judge.shapes_do_not_fit": {
        "en": "x has D = {axes} = {d} features per sample but W has {rows} rows, so x2d · W "
              "cannot be computed: check D against W's rows and `raise ValueError(...)` when "
              "they differ",
        "ko": "x는 샘플마다 특징이 D = {axes} = {d}개인데 W의 행은 {rows}개라서 x2d · W를 계산할 "
              "수 없습니다. D와 W의 행 수를 비교하고, 다르면 `raise ValueError(...)`를 하세요"},
    "ch05.judge.wrong_exception": {
        "en": "{text} raised {name}: {message}, expected ValueError",
        "ko": "{text}에서 {name} 예외가 발생했습니다 ({message}). ValueError가 발생해야 "
              "합니다"},
    "ch05.judge.no_value_error": {
        "en": "{text} returned {shown} instead of raising ValueError",
        "ko": "{text}: ValueError를 일으키지 않고 값을 반환했습니다: {shown}"},
    "ch05.judge.no_value_error_cause": {
        "en": "it returned shapes instead of raising ValueError: {cause}",
        "ko": "ValueError를 일으키지 않고 형상을 반환했습니다. {cause}"},
    "ch05.judge.wrong_value_error": {
        "en": "{text} raised ValueError: {message}, but these shapes fit",
        "ko": "{text}에서 ValueError가 발생했습니다 ({message}). 하지만 이 형상들은 서로 "
              "맞습니다"},
    "ch05.judge.wrong_value_error_cause": {
        "en": "D is the product of ALL feature axes of x, {axes} = {rows}, which is W's "
              "number of rows here. Raise ValueError only when that product differs from "
              "W_shape[0]",
        "ko": "D는 x의 모든 특징 축의 곱으로, {axes} = {rows}이며 여기서는 W의 행 수와 "
              "같습니다. 이 곱이 W_shape[0]과 다를 때만 ValueError를 일으키세요"},
    "ch05.judge.raised": {
        "en": "{text} raised {name}: {message}",
        "ko": "{text}에서 {name} 예외가 발생했습니다: {message}"},
    "ch05.judge.not_a_dict": {
        "en": "{text} should return a dict with keys {keys}, but returned {type}",
        "ko": "{text}: 키가 {keys}인 dict를 반환해야 하는데, 반환값의 타입이 {type}입니다"},
    "ch05.judge.returns_a_dict": {
        "en": "affine_shapes returns a dict of shapes",
        "ko": "affine_shapes는 형상을 담은 dict를 반환합니다"},
    "ch05.judge.missing_key": {
        "en": "{text} returned a dict without the key '{key}'",
        "ko": "{text}의 반환값인 dict에 없는 키가 있습니다: '{key}'"},
    "ch05.judge.the_keys": {
        "en": "the dict has the keys {keys}",
        "ko": "dict의 키는 {keys}입니다"},
    "ch05.judge.not_a_shape": {
        "en": "{text}['{key}'] should be a shape, a tuple of ints, but is {shown}",
        "ko": "{text}['{key}']: 형상, 즉 정수의 튜플이어야 하는데 {shown}입니다"},
    "ch05.judge.wrong_entry": {
        "en": "{text}['{key}'] is {shape}, expected {expected}",
        "ko": "{text}['{key}']: {shape}입니다. 기대한 값은 {expected}입니다"},
    # Center: the slips of each step of the derivation
    "ch05.judge.center_direct_path_only": {
        "en": "dx equals dout: that is only the direct path from x into the − node. x also "
              "reaches the output through the mean node (fan-out), and the gradients of both "
              "paths add",
        "ko": "dx가 dout과 같습니다. 이것은 x에서 − 노드로 곧장 가는 경로뿐입니다. x는 평균 "
              "노드를 거쳐서도 출력에 닿으므로 (분기), 두 경로의 기울기를 더해야 합니다"},
    "ch05.judge.center_mean_axis_1": {
        "en": "the mean was taken over axis 1, the features of one sample: μ averages each "
              "feature over the batch (axis 0), so the mean node's backward shares out a "
              "column's gradient among the N samples of that column",
        "ko": "평균을 축 1, 즉 한 샘플의 특징들에 대해 구했습니다. μ는 각 특징을 배치 (축 0)에 "
              "대해 평균하므로, 평균 노드의 역전파는 한 열의 기울기를 그 열의 N개 샘플에 "
              "나누어 줍니다"},
    "ch05.judge.center_no_1_over_n": {
        "en": "the 1/N of the mean node is missing: μ_j = (x_1j + … + x_Nj)/N, so each of the "
              "N inputs of a column gets 1/N of the gradient that arrived at μ_j",
        "ko": "평균 노드의 1/N이 빠졌습니다. μ_j = (x_1j + … + x_Nj)/N이므로 한 열의 입력 N개는 "
              "각각 μ_j에 도착한 기울기의 1/N을 받습니다"},
    "ch05.judge.center_own_row_only": {
        "en": "each element counted only its own row's part of the mean path: μ_j was copied "
              "into all N rows, so the gradient arriving at μ_j is the sum over the whole "
              "column (the copy node adds, like the bias of the Affine layer), and every x_nj "
              "gets 1/N of that sum",
        "ko": "각 원소가 평균 경로 중 자기 행의 몫만 셌습니다. μ_j는 N개 행 모두에 복사되었으므로 "
              "μ_j에 도착하는 기울기는 열 전체의 합이고 (복사 노드는 Affine 계층의 편향처럼 "
              "기울기를 더합니다), 모든 x_nj가 그 합의 1/N을 받습니다"},
    "ch05.judge.center_sign": {
        "en": "the path through the mean has the wrong sign: μ is subtracted, so the − node "
              "sends −1 times its upstream gradient to μ",
        "ko": "평균을 거치는 경로의 부호가 틀렸습니다. μ는 빼는 값이므로 − 노드는 상류 기울기에 "
              "−1을 곱해 μ로 보냅니다"},
    "ch05.judge.center_mean_of_everything": {
        "en": "the mean was taken over the whole array (no axis): μ has one entry per feature, "
              "the mean over the batch axis 0",
        "ko": "평균을 축 없이 배열 전체에 대해 구했습니다. μ는 특징마다 원소 하나이며, 배치 축 "
              "0에 대한 평균입니다"},
    "ch05.judge.center_1_over_n_twice": {
        "en": "the mean path is divided by N twice: the 1/N of the mean node appears once",
        "ko": "평균 경로를 N으로 두 번 나누었습니다. 평균 노드의 1/N은 한 번만 나옵니다"},
    "ch05.judge.center_steps": {
        "en": "the one you derive from the graph, node by node (the steps of the lab's "
              "section 3)",
        "ko": "계산 그래프에서 노드 하나씩 직접 유도한 식 (실습 3절의 단계)"},
})

SECTION_DERIVED = see("ch05_affine", "4 · Deriving the backward formulas", "§5.6.1-§5.6.2")  # not for students (a heading)
BOOK_PRINTED_2D = "ch05.judge.book_printed_2d"
ANALYTIC_K = 16     # probe tolerance: ANALYTIC_K·eps·Σ|a||b| per element, calibrated in tests
REGULAR_ATOL = 1e-7  # regular cases: far below any mistake, above a numerical backward's noise


# =========================================================================== inputs


def _draw(rng, kind: str):
    """(W, b), (x,), dout for kind "single" (N = 1, 2-D), "batch" (N ≥ 2, 2-D), "nd" (3-D
    or 4-D x such as (N, 1, 4, 4)) or "images" ((N, c, h, w) with h, w ≥ 2: the last axis is
    never all of D)."""
    n = {"single": 1, "nd": int(rng.choice([1, int(rng.integers(2, 4))]))}.get(
        kind, int(rng.integers(2, 6)))
    if kind in ("single", "batch"):
        axes = (int(rng.integers(1, 6)),)
    elif kind == "images":
        axes = (int(rng.integers(1, 3)), int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    elif rng.random() < 0.3:
        axes = (1, 4, 4)
    else:
        axes = tuple(int(k) for k in rng.integers(1, 4, size=int(rng.integers(2, 4))))
    d, m = int(np.prod(axes)), int(rng.integers(1, 6))
    x = rng.standard_normal((n, *axes))
    W, b = rng.standard_normal((d, m)), rng.standard_normal(m)
    return (W, b), (x,), rng.standard_normal((n, m))


KINDS = ("single", "batch", "nd", "images")


def affine_case(rng, number):
    return _draw(rng, KINDS[number % len(KINDS)])


def _probes(rng):
    """A 2-D batch and an image batch with a bias of 1e11-1e12 and inputs of 1e3-1e4."""
    probes = []
    for axes in ((int(rng.integers(2, 6)),),
                 (1, int(rng.integers(2, 4)), int(rng.integers(2, 4)))):
        n, m = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        d = int(np.prod(axes))
        x = rng.choice([-1.0, 1.0], size=(n, *axes)) * 10.0 ** rng.uniform(3, 4, (n, *axes))
        b = rng.choice([-1.0, 1.0], size=m) * 10.0 ** rng.uniform(11, 12, m)
        probes.append(((rng.standard_normal((d, m)), b), (x,), rng.standard_normal((n, m))))
    return probes


def _parts(case: Case):
    """(x, x flattened to (N, D), W, b, dout) of a layer case."""
    (W, b), (x,), dout = case.inputs["init"], case.inputs["inputs"], case.inputs["dout"]
    return x, x.reshape(len(x), -1), W, b, dout


def analytic_tolerance(case, name, want):
    """ANALYTIC_K·eps times the sum of |terms| of each element: the rounding bound of the
    products dout·Wᵀ, xᵀ·dout and of the sum Σ dout, whatever their order."""
    x, x2d, W, _, dout = _parts(case)
    a = np.abs
    if name == "grads":
        bound = (a(dout) @ a(W).T).reshape(x.shape)
    elif name == "grad_dW":
        bound = a(x2d).T @ a(dout)
    else:
        bound = a(dout).sum(axis=0)
    return ANALYTIC_K * EPS * bound + np.finfo(float).tiny




# =========================================================================== causes


def _suspects(case: Case, name: str, want) -> dict:
    """{label: (what a known mistake gives on these inputs, its words)}."""
    x, x2d, W, b, dout = _parts(case)
    n, (d, m) = len(x), W.shape
    without = say("ch05.judge.not_proportional", why=say(behaviour.NOT_LINEAR))
    if name in ("out", "out_W", "out_b"):
        moved = case.inputs.get("moved")
        if moved is not None:                   # W (then b) changed in place in between
            W1 = W + moved[0]
            b1 = b + moved[1] if name == "out_b" else b
            if name == "out_W":
                W = W1
            elif name == "out_b":
                W, b = W1, b1
        found = {"no bias": (x2d @ W, say("ch05.judge.out_no_bias")),
                 "bias subtracted": (x2d @ W - b, say("ch05.judge.out_bias_subtracted"))}
        if moved is not None and name != "out":
            W0, b0 = case.inputs["init"]
            param = name[-1]
            found["copied"] = (x2d @ W0 + b0, Diagnosis("parameter_copied", _copied(param),
                                                        SECTION_BATCH))
            if name == "out_b":
                found["b copied"] = (x2d @ W + b0, Diagnosis("parameter_copied", _copied("b"),
                                                             SECTION_BATCH))
        return found
    if name == "grads":
        found = {"divided by N": ((dout @ W.T / n).reshape(x.shape),
                                  say("ch05.judge.divided_by_n", what="dx", n=n)),
                 "without dout": ((np.ones_like(dout) @ W.T).reshape(x.shape), without)}
        if d == m:      # same shapes: this mistake gives values, not a shape error
            found["dout·W"] = ((dout @ W).reshape(x.shape), say("ch05.judge.dx_not_transposed"))
        return found
    if name == "grad_dW":
        found = {"divided by N": (x2d.T @ dout / n,
                                  say("ch05.judge.divided_by_n", what="dW", n=n)),
                 "without dout": (x2d.T @ np.ones_like(dout), without)}
        if d == m:
            found["transposed"] = (dout.T @ x2d, say("ch05.judge.dW_transposed"))
        return found
    if name == "grad_db":
        found = {"mean": (dout.mean(axis=0), say("ch05.judge.db_mean")),
                 "first sample": (dout[0], say("ch05.judge.db_first_sample")),
                 "ones": (np.ones(m), without), "N ones": (np.full(m, float(n)), without)}
        if n == m:
            found["axis 1"] = (dout.sum(axis=1), say("ch05.judge.db_axis_1"))
        return found
    return {}


def _copied(name: str) -> str:
    return f"{say(PARAMETER_NOT_SHARED, name=name)} {say(PARAMETER_COPIED, name=name)}"



class _Records:
    """The whole record of each case, for causes that need more than one value (the
    attributes a layer has), and the list of attributes, which is never compared."""

    def __init__(self):
        self.by_case: dict[int, dict] = {}

    def decide(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        self.by_case = {id(case): record for case, record in zip(judge.cases, got)}
        want = [dict(theirs, attrs=mine["attrs"]) if "attrs" in mine and "attrs" in theirs
                else theirs for mine, theirs in zip(got, want)]
        finding = compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)
        if finding and finding.diagnosis and finding.diagnosis.name == "not_flattened":
            finding = Finding(f"{finding.problem} ({say(BOOK_PRINTED_2D)})", finding.diagnosis)
        return finding

    def of(self, case: Case) -> dict:
        return self.by_case.get(id(case), {})


def _explain(records: _Records):
    values = explainer(_suspects, SECTION_BATCH)

    def explain(name, case, got, want):
        x, _, W, _, dout = _parts(case)
        d, m = W.shape
        if name == "after_in0":
            after = numbers(got)
            if after is not None and after.shape != x.shape:
                return Diagnosis("input_mutated",
                                 say("ch05.judge.x_shape_changed", before=x.shape,
                                     after=after.shape, why=shape_changed_cause("x")),
                                 SECTION_BATCH)
            return Diagnosis("input_mutated", say("ch05.judge.x_mutated",
                                                  why=say(behaviour.INPUT_MUTATED)),
                             SECTION_BATCH)
        if name == "after_dout":
            after = numbers(got)
            if after is not None and after.shape != dout.shape:
                return Diagnosis("dout_mutated",
                                 say("ch05.judge.dout_shape_changed", before=dout.shape,
                                     after=after.shape, why=shape_changed_cause("dout")),
                                 SECTION_BATCH)
            return Diagnosis("dout_mutated", say("ch05.judge.dout_mutated",
                                                 why=say(behaviour.DOUT_MUTATED)),
                             SECTION_BATCH)
        if name in ("out", "out_W", "out_b"):
            return _forward_cause(name, case, got, want, x, d, m) or \
                values(name, case, got, want)
        if name in ("grads", "grad_dW", "grad_db"):
            return _gradient_cause(name, records.of(case), got, x, d, m) or \
                values(name, case, got, want)
        return None
    return explain


def _forward_cause(name, case, got, want, x, d, m) -> Diagnosis | None:
    if isinstance(got, Raised):
        if got.name != "ValueError":
            return None
        if x.ndim > 2:
            return Diagnosis("not_flattened", flatten_cause(x.shape, d), SECTION_ND)
        return Diagnosis("shapes_do_not_chain", say(PRODUCTS), SECTION)
    values = numbers(got)
    if values is not None and values.shape != (len(x), m):
        return Diagnosis(*output_shape_cause(x.shape, d, m, values.shape))
    return None


def _gradient_cause(name, record, got, x, d, m) -> Diagnosis | None:
    key = {"grads": "dx", "grad_dW": "dW", "grad_db": "db"}[name]
    if isinstance(got, Raised):
        if got.name == "ValueError":
            return Diagnosis("shapes_do_not_chain", say(PRODUCTS), SECTION)
        if got.name == "AttributeError":
            if key == "dx":
                return Diagnosis("missing_attribute", say("ch05.judge.forward_did_not_save"),
                                 SECTION_BATCH)
            attributes = record.get("attrs")
            attributes = [str(a) for a in attributes] if isinstance(attributes, list) else []
            return Diagnosis("missing_attribute", parameter_missing_cause(key, attributes),
                             SECTION_BATCH)
        return None
    if got is None and key != "dx":
        attributes = record.get("attrs")
        attributes = [str(a) for a in attributes] if isinstance(attributes, list) else []
        return Diagnosis("missing_attribute",
                         say("ch05.judge.gradient_is_none", name=key,
                             why=parameter_missing_cause(key, attributes)), SECTION_BATCH)
    values = numbers(got)
    shapes = {"dx": x.shape, "dW": (d, m), "db": (m,)}
    if values is not None and values.shape != shapes[key]:
        return Diagnosis(*gradient_shape_diagnosis(key, values.shape, x.shape, d, m),
                         SECTION_BATCH)
    return None


# =========================================================================== judges


def affine_forward_judge(seed):
    records = _Records()
    judge = layer_judge("affine_forward", "Affine", affine_case, seed, backward=False,
                        explain=_explain(records), decide=records.decide)
    rng = rng_for("judge affine_forward shared", seed)
    (W, b), (x,), _ = _draw(rng, "batch")
    dW, db = rng.uniform(0.5, 1.5, W.shape), rng.uniform(0.5, 1.5, b.shape)
    steps = [let("W", W), let("b", b), let("x", x),
             call("layer", "Affine", ref("W"), ref("b")), call("out", "layer.forward", ref("x")),
             call("W_moved", "W.__iadd__", dW), call("out_W", "layer.forward", ref("x")),
             call("b_moved", "b.__iadd__", db), call("out_b", "layer.forward", ref("x"))]
    judge.cases.append(Case(steps, inputs={"init": (W, b), "inputs": (x,), "dout": None,
                                           "moved": (dW, db)}))
    judge.labels.update({"W_moved": "ch05.judge.label_W_moved",    # keys: said by judge.words
                         "b_moved": "ch05.judge.label_b_moved",
                         "out_W": "ch05.judge.label_out_W",
                         "out_b": "ch05.judge.label_out_b"})
    return judge


def affine_backward_judge(seed):
    records = _Records()
    rng = rng_for("judge affine_backward probes", seed)
    judge = layer_judge(
        "affine_backward", "Affine", affine_case, seed, grad_attrs=("dW", "db"),
        probes=_probes(rng), explain=_explain(records), decide=records.decide,
        atol=REGULAR_ATOL,
        analytic=Analytic("Affine.backward", ("grads", "grad_dW", "grad_db"),
                          tolerance=analytic_tolerance, section=SECTION_DERIVED))
    for case in judge.cases:        # the attributes the layer has, right after backward
        at = next(i for i, step in enumerate(case.steps) if step[0] == "unwatch") + 1
        case.steps.insert(at, call("attrs", "layer.__dir__"))
    return judge


# =========================================================================== affine_shapes


def _shapes_cases(seed):
    rng = rng_for("judge affine_shapes", seed)
    cases = []
    for number in range(8):
        x_shape, W_shape = random_shape_case(rng, number)
        cases.append(Case([call("result", "affine_shapes", x_shape, W_shape)],
                          inputs={"x_shape": x_shape, "W_shape": W_shape}))
    x_shape, (d, m) = random_shape_case(rng, 1)      # the last case must raise ValueError
    wrong_d = d + int(rng.integers(1, 4)) if d == 1 or rng.random() < 0.5 else d - 1
    cases.append(Case([call("result", "affine_shapes", x_shape, (wrong_d, m))],
                      inputs={"x_shape": x_shape, "W_shape": (wrong_d, m), "fits": False}))
    return cases


def shape_causes(x_shape: tuple, W_shape: tuple) -> dict[str, list]:
    """{key: [(test(got shape), words)]}: the known wrong shapes of each entry."""
    n, axes = x_shape[0], x_shape[1:]
    d, m = W_shape
    nd = len(axes) > 1
    product = " · ".join(map(str, axes))
    return {
        "x2d": [
            (lambda s: nd and s == (n, axes[0]),
             say("ch05.judge.x2d_first_axis_only", axes=product, d=d)),
            (lambda s: nd and s == (n, axes[-1]),
             say("ch05.judge.x2d_last_axis_only", axes=product, d=d)),
            (lambda s: s == x_shape and nd, say("ch05.judge.x2d_not_flattened")),
            (lambda s: s == (n * d,), say("ch05.judge.x2d_no_batch_axis")),
        ],
        "out": [
            (lambda s: s == (n, d), say("ch05.judge.out_inner_d")),
            (lambda s: s == (m,), say("ch05.judge.out_no_batch_axis")),
            (lambda s: s == (m, n), say("ch05.judge.out_transposed")),
        ],
        "dx": [
            (lambda s: nd and s == (n, d), say("ch05.judge.dx_original_shape", x_shape=x_shape)),
            (lambda s: s == (d, n), say("ch05.judge.dx_transposed")),
        ],
        "dW": [
            (lambda s: s == (m, d), say("ch05.judge.dW_transposed_shape")),
            (lambda s: s == (n, m), say("ch05.judge.dW_dout_shape")),
        ],
        "db": [
            (lambda s: s == (n, m), say("ch05.judge.db_per_sample")),
            (lambda s: s == (n,), say("ch05.judge.db_axis_1_shape")),
            (lambda s: s == (1, m), say("ch05.judge.db_keepdims_shape")),
        ],
    }


SHAPES_GENERIC = "ch05.judge.shapes_generic"


def _decide_shapes(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    for case, mine, theirs in zip(judge.cases, got, want):
        finding = _shapes_finding(case, mine, theirs)
        if finding:
            return finding
    return None


def _shapes_finding(case: Case, mine: dict, theirs: dict) -> Finding | None:
    x_shape, W_shape = case.inputs["x_shape"], case.inputs["W_shape"]
    text = f"affine_shapes({x_shape}, {W_shape})"
    if "result" not in mine:
        return Finding(say("ch05.judge.never_reached", text=text))
    got, want = mine["result"], theirs["result"]
    axes = x_shape[1:]
    if isinstance(got, Raised) and got.name == "NotImplementedError":
        return Finding(say("ch05.judge.not_written", text=text), NOT_WRITTEN)
    if isinstance(want, Raised):               # the shapes do not fit
        if isinstance(got, Raised) and got.name == want.name:
            return None
        cause = say("ch05.judge.shapes_do_not_fit", axes=" · ".join(map(str, axes)),
                    d=int(np.prod(axes)), rows=W_shape[0])
        if isinstance(got, Raised):
            return Finding(say("ch05.judge.wrong_exception", text=text, name=got.name,
                               message=got.message),
                           Diagnosis("wrong_exception", cause, SECTION))
        shown = ({k: as_shape(v) or v for k, v in got.items()} if isinstance(got, dict)
                 else got)
        return Finding(say("ch05.judge.no_value_error", text=text, shown=str(shown)[:120]),
                       Diagnosis("no_value_error",
                                 say("ch05.judge.no_value_error_cause", cause=cause), SECTION))
    if isinstance(got, Raised):
        if got.name == "ValueError":
            return Finding(say("ch05.judge.wrong_value_error", text=text, message=got.message),
                           Diagnosis("wrong_value_error",
                                     say("ch05.judge.wrong_value_error_cause",
                                         axes=" · ".join(map(str, axes)), rows=W_shape[0]),
                                     SECTION_BATCH))
        return Finding(say("ch05.judge.raised", text=text, name=got.name, message=got.message))
    if not isinstance(got, dict):
        return Finding(say("ch05.judge.not_a_dict", text=text, keys=SHAPE_KEYS,
                           type=type(got).__name__),
                       Diagnosis("wrong_type", say("ch05.judge.returns_a_dict"), SECTION_BATCH))
    causes = shape_causes(tuple(x_shape), tuple(W_shape))
    for key in SHAPE_KEYS:
        if key not in got:
            return Finding(say("ch05.judge.missing_key", text=text, key=key),
                           Diagnosis("missing_key", say("ch05.judge.the_keys", keys=SHAPE_KEYS),
                                     SECTION_BATCH))
        shape, expected = as_shape(got[key]), as_shape(want[key])
        if shape == expected:
            continue
        if shape is None:
            return Finding(say("ch05.judge.not_a_shape", text=text, key=key,
                               shown=str(got[key])[:80]),
                           Diagnosis(f"shape_{key}", say(NOT_A_SHAPE), SECTION_BATCH))
        words = next((w for test, w in causes[key] if test(shape)), None) or say(SHAPES_GENERIC)
        return Finding(say("ch05.judge.wrong_entry", text=text, key=key, shape=shape,
                           expected=expected),
                       Diagnosis(f"shape_{key}", words, SECTION_BATCH))
    return None


def affine_shapes_judge(seed):
    return Judge("affine_shapes", _shapes_cases(seed), decide=_decide_shapes,
                 labels={"result": "affine_shapes(x_shape, W_shape)"})


# =========================================================================== Center

CENTER_K = 16   # probe tolerance: CENTER_K·eps·(|dout| + the column mean of |dout|)


def _center_case(rng, number):
    """(N, D) with N in 2..8, D in 1..6; case 2 has D = N (a mean over the wrong axis then
    runs without a shape error)."""
    n = int(rng.integers(2, 9))
    d = n if number == 2 else int(rng.integers(1, 7))
    return (), (rng.standard_normal((n, d)),), rng.standard_normal((n, d))


def _center_probes(rng):
    """x with a per-column offset of 1e11 to 1e12: the exact gradient does not depend on x,
    so every analytic style is exact to rounding, while a difference of the forward at such
    x loses every digit of its step (the spacing of floats near 1e12 is 1.2e-4)."""
    probes = []
    for _ in range(2):
        n, d = int(rng.integers(2, 9)), int(rng.integers(1, 7))
        offset = rng.choice([-1.0, 1.0], size=d) * 10.0 ** rng.uniform(11, 12, size=d)
        x = offset + 10.0 ** rng.uniform(2, 4, size=(n, d)) * rng.standard_normal((n, d))
        probes.append(((), (x,), rng.standard_normal((n, d))))
    return probes


def center_tolerance(case, name, want):
    """The rounding bound of a column mean subtracted from dout, in any order of the sum."""
    dout = np.abs(np.asarray(case.inputs["dout"], dtype=float))
    return CENTER_K * EPS * (dout + dout.mean(axis=0)) + np.finfo(float).tiny


def _center_suspects(case, name, want) -> dict:
    """{label: (what a known mistake gives, its words)}: the slips of each step of the
    derivation (the − node, the copy node, the mean node, the fan-out)."""
    if name != "grads":
        return {}
    dout = np.asarray(case.inputs["dout"], dtype=float)
    n = len(dout)
    column = dout.sum(axis=0)
    found = {
        "direct path only": (dout, say("ch05.judge.center_direct_path_only")),
        "mean over axis 1": (dout - dout.mean(axis=1, keepdims=True),  # not for students (a name)
                             say("ch05.judge.center_mean_axis_1")),
        "no 1/N": (dout - column, say("ch05.judge.center_no_1_over_n")),
        "own row only": (dout * (1.0 - 1.0 / n), say("ch05.judge.center_own_row_only")),
        "sign": (dout + column / n, say("ch05.judge.center_sign")),
        "mean of everything": (dout - dout.mean(), say("ch05.judge.center_mean_of_everything")),
        "1/N twice": (dout - column / n ** 2, say("ch05.judge.center_1_over_n_twice")),
    }
    if n == 1:
        found.pop("sign")
    return found


CENTER_STEPS = "ch05.judge.center_steps"   # a key: numerical.words says it


def center_judge(seed):
    rng = rng_for("judge center probes", seed)
    return layer_judge(
        "center", "Center", _center_case, seed, probes=_center_probes(rng),
        suspects=_center_suspects, section=SECTION_CENTER,
        analytic=Analytic("Center.backward", ("grads",), tolerance=center_tolerance,
                          section=SECTION_CENTER, instead=CENTER_STEPS))


JUDGES = {
    "affine_shapes_test": affine_shapes_judge,
    "affine_forward_test": affine_forward_judge,
    "affine_backward_test": affine_backward_judge,
    "center_test": center_judge,
}
