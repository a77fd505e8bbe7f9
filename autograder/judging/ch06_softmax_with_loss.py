"""Judges of lab ch06_softmax_with_loss: softmax, cross_entropy_error, SoftmaxWithLoss.

* ``softmax_test``: a batch, one sample (C,), a batch of one, and scores near ±1000 (a
  naive exp overflows, a max over the whole batch empties a row); the caller's x after the
  call. Causes: every known wrong axis (whole batch, per column, max per column, keepdims).
* ``cross_entropy_error_test``: one-hot and integer labels, one sample (C,) with a one-hot
  t and with t = np.array([k]), a batch of one, and a sample whose true class has
  probability exactly 0 (only the book's delta keeps the loss finite). True classes are
  otherwise likely ones (probability ≥ 0.1), where a loss without the delta differs by
  less than the tolerance.
* ``softmax_with_loss_test``: the loss and dx = dout·(y − t)/N of a fresh layer, backward()
  with its default dout = 1 on another fresh layer, the caller's x and t; one-hot and
  integer labels, N = 1, scores near ±1000; then the loss alone of a batch with a sure but
  wrong sample (probability exactly 0). Causes: the layer's own mistakes, and those of
  softmax and cross_entropy_error seen through the loss.

A numerical backward earns nothing (autograder/judging/numerical.py). While backward runs,
the calls of SoftmaxWithLoss.forward, softmax, cross_entropy_error and numerical_gradient
are counted (an analytic backward makes none, or one softmax to recompute y). Probe cases
hold samples whose true class is unlikely (y_t from 1e-11 to 3e-7) or hopeless (y_t below
1e-21), beside ordinary ones: the book's loss takes log(y + 1e-7), so the derivative of
the loss the layer computes, which every difference quotient approximates, is
(y − t)/N · y_t/(y_t + 1e-7) row by row: half of (y − t)/N or less on those rows, and
~0 on the hopeless ones, where (y − t)/N is −dout/N at the true class. A difference
quotient of a loss written without the delta (log-softmax) is refused by precision:
probes are compared per element to ANALYTIC_K·eps·|dout|/N (tests/test_numerical.py
reports the margins).

* ``softmax_layer_test`` (derived by the student): Softmax.forward (given) and backward on a
  batch, one sample (C,), a batch of one and a square batch; probes hold rows where one
  class dominates by 25-40 (the others have y ~ 1e-11 to 1e-18), where a formula in y is
  exact to rounding relative to each y_k while any difference quotient of the forward loses
  those elements entirely. Causes: the likely slips of the derivation (the direct path only,
  the Softmax-with-Loss shortcut, the wrong axis, a missing factor, no keepdims).

The book's SoftmaxWithLoss.backward ignores dout: a message that finds it starts with that
(BOOK_IGNORES_DOUT), as its first line.

What this course accepts: dx = dout·(y − t)/N, the gradient of the cross-entropy itself,
which the lecture derives (to rounding, whichever way it is written). A backward that
differentiates log(y + 1e-7) exactly (the delta included) is refused, with its own cause
(never "numerical"): its gradient vanishes for a sure but wrong sample, the one that most
needs correcting; the delta is there only to keep the loss finite.
"""
from __future__ import annotations

import numpy as np

from autograder.checks.ch06_softmax_with_loss import (
    BOOK_IGNORES_DOUT,
    CE_IN_PLACE,
    CE_NOT_SUMMED,
    IGNORES_DOUT,
    LABELS_AS_ONE_HOT,
    LABELS_IN_BACKWARD,
    LOG_ZERO,
    ONE_SAMPLE_BATCH,
    SECTION_CE,
    SECTION_DOUT,
    SECTION_NAN,
    SECTION_OVERFLOW,
    SECTION_SOFTMAX,
    SECTION_SOFTMAX_LAYER,
    SECTION_SWL,
    SOFTMAX_FIRST,
    SOFTMAX_IN_PLACE,
    SOFTMAX_KEEPDIMS,
    SOFTMAX_LAYER_KEEPDIMS,
    SOFTMAX_NOT_FINITE,
    SOFTMAX_ONE_SAMPLE,
    SWL_IN_PLACE,
    SWL_NOT_A_NUMBER,
    SWL_SHAPES,
    backward_raised,
    labels_in_forward,
    nan_loss_cause,
    one_sample_cause,
)
from autograder.checks.diagnose import Diagnosis, diagnose, matches, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.sections import see
from autograder.checks.words import catalogue, say
from autograder.judging.judge import (
    Case,
    Finding,
    Judge,
    compare_cases,
    unchanged_arguments,
)
from autograder.judging.layers import explainer, layer_explainer, layer_judge
from autograder.judging.numerical import EPS, Analytic
from autograder.judging.program import Raised, call, get, let, ref, unwatch, watch
from autograder.judging.verdict import CheckVerdict

WORDS = catalogue({
    # ---- causes
    "ch06.judge.ce_generic": {
        "en": "compare with the formula −(1/N) · Σ_n log(y[n, t_n] + 1e-7): only each sample's "
              "probability of its true class counts, and the loss is the mean over the N "
              "samples.",
        "ko": "식 −(1/N) · Σ_n log(y[n, t_n] + 1e-7)과 비교해 보세요. 각 샘플에서는 정답 "
              "클래스의 확률만 계산에 들어가고, 손실은 N개 샘플의 평균입니다."},
    "ch06.judge.swl_generic": {
        "en": "the loss differs from the cross-entropy error of softmax(x): check that your "
              "softmax (part 1) and cross_entropy_error (part 2) pass their tests, and that "
              "forward gives cross_entropy_error the probabilities y = softmax(x) and t.",
        "ko": "손실이 softmax(x)의 교차 엔트로피 오차와 다릅니다. 1번 문제의 softmax와 2번 "
              "문제의 cross_entropy_error가 각자의 검사를 통과하는지, forward가 "
              "cross_entropy_error에 확률 y = softmax(x)와 t를 넘기는지 확인하세요."},
    "ch06.judge.whole_batch": {
        "en": "softmax was normalised over the whole batch, so the batch sums to 1 instead of "
              "each row: take max and sum per row, np.max(x, axis=1, keepdims=True) and "
              "np.sum(..., axis=1, keepdims=True). With this softmax a study note's network "
              "blew up to NaN and then predicted class 0 for every image (lecture 7, section "
              "9 · Debugging clinic)",
        "ko": "softmax를 배치 전체에 대해 정규화해서, 각 행이 아니라 배치 전체의 합이 1이 "
              "됩니다. 최댓값과 합을 행마다 구하세요: np.max(x, axis=1, keepdims=True)와 "
              "np.sum(..., axis=1, keepdims=True). 한 학습 노트의 신경망은 이 softmax 때문에 "
              "NaN으로 발산한 뒤 모든 이미지를 클래스 0으로 예측했습니다(강의 7의 “9 · 디버깅 "
              "클리닉” 절)"},
    "ch06.judge.delta_in_backward": {
        "en": "dx is the exact derivative of the loss with its delta, −log(y + 1e-7): each row "
              "shrinks by y_t/(y_t + 1e-7), and a sample whose true class has probability ≈ 0 "
              "gets no gradient at all, the very sample that most needs correcting. The delta "
              "only keeps the loss finite; backward is the gradient of the cross-entropy "
              "itself, dx = dout · (y − t) / N",
        "ko": "dx가 delta를 포함한 손실 −log(y + 1e-7)의 정확한 미분입니다. 그러면 각 행이 "
              "y_t/(y_t + 1e-7)배로 줄어들고, 정답 클래스의 확률이 ≈ 0인 샘플, 즉 가장 바로잡아야 "
              "할 샘플은 기울기를 전혀 받지 못합니다. delta는 손실을 유한하게 유지할 뿐입니다. "
              "backward는 교차 엔트로피 자체의 기울기 dx = dout · (y − t) / N입니다"},
    "ch06.judge.y_shifted": {
        "en": "dx is dout · (y − t) / N with 1e-7 added to y: the layer's self.y was changed in "
              "place, most likely by cross_entropy_error adding its delta to the array it was "
              "given (y += 1e-7), which is the layer's self.y. Fix cross_entropy_error (part 2): "
              "np.log(y + 1e-7) builds a new array and leaves y alone",
        "ko": "dx가 y에 1e-7을 더한 dout · (y − t) / N입니다. 계층의 self.y가 제자리에서 "
              "바뀌었습니다. 아마 cross_entropy_error가 받은 배열(바로 계층의 self.y)에 delta를 "
              "더했을 것입니다(y += 1e-7). 2번 문제의 cross_entropy_error를 고치세요. "
              "np.log(y + 1e-7)은 새 배열을 만들고 y는 그대로 둡니다"},
    "ch06.judge.softmax_steps": {
        "en": "from the local derivatives of the exp, sum and division nodes that you derive, "
              "adding up the paths where a value fans out",
        "ko": "직접 유도한 exp 노드, 합 노드, 나눗셈 노드의 국소적 미분으로 계산하고, 값이 "
              "분기하는 곳에서는 경로들의 기울기를 더하세요"},
    # ---- softmax
    "ch06.judge.softmax_not_normalised": {
        "en": "the exps were not divided by their sum: softmax = exp(x − max) / Σ exp(x − max), "
              "row by row.",
        "ko": "exp 값들을 그 합으로 나누지 않았습니다. 행마다 softmax = exp(x − max) / "
              "Σ exp(x − max)입니다."},
    "ch06.judge.softmax_columns": {
        "en": "each COLUMN sums to 1: the max and the sum were taken over axis 0, down the "
              "batch. A row is one sample: use axis=1 (or axis=-1) with keepdims=True, so that "
              "each ROW sums to 1.",
        "ko": "행이 아니라 각 열의 합이 1입니다. 최댓값과 합을 축 0을 따라, 곧 배치 방향으로 "
              "구했습니다. 행 하나가 샘플 하나입니다. keepdims=True와 함께 axis=1(또는 "
              "axis=-1)을 써서 각 행의 합이 1이 되게 하세요."},
    "ch06.judge.softmax_max_per_column": {
        "en": "the max was taken per column (axis=0), so each element of a row had a different "
              "number subtracted, which changes the result. Subtract each row's own max, "
              "np.max(x, axis=1, keepdims=True).",
        "ko": "최댓값을 열마다(axis=0) 구해서, 한 행의 원소마다 서로 다른 수를 뺐습니다. 그러면 "
              "결과가 바뀝니다. 각 행에서 그 행 자신의 최댓값 np.max(x, axis=1, "
              "keepdims=True)를 빼세요."},
    "ch06.judge.softmax_mutated": {
        "en": "softmax changed its argument x in place: {cause}",
        "ko": "softmax가 인수 x를 제자리에서 바꿨습니다. {cause}"},
    "ch06.judge.x_after_softmax": {"en": "x after softmax(x) (it must not change)",
                                   "ko": "softmax(x) 호출 뒤의 x (바뀌면 안 됩니다)"},
    # ---- cross-entropy
    "ch06.judge.ce_no_minus": {
        "en": "the loss is negative: the log of a probability is ≤ 0, so the cross-entropy is "
              "−Σ t·log(y + 1e-7) / N; the minus sign is missing.",
        "ko": "손실이 음수입니다. 확률의 log는 ≤ 0이므로 교차 엔트로피는 −Σ t·log(y + 1e-7) / N"
              "입니다. 마이너스 부호가 빠졌습니다."},
    "ch06.judge.ce_divided_by_classes": {
        "en": "the sum was divided by C = {c}: for one sample, y.shape[0] is the number of "
              "classes, not N (or np.mean also averaged over the classes). {cause}",
        "ko": "합을 C(= {c})로 나눴습니다. 샘플 하나일 때 y.shape[0]은 N이 아니라 클래스 "
              "수입니다(또는 np.mean이 클래스에 대해서도 평균을 냈습니다). {cause}"},
    "ch06.judge.ce_mean_over_classes": {
        "en": "the loss is C = {c} times too small (C is the number of classes): np.mean over "
              "the whole array also averages over the classes. Sum over the classes and divide "
              "by N only.",
        "ko": "손실이 C = {c}배만큼 너무 작습니다(C는 클래스 수). 배열 전체에 np.mean을 쓰면 "
              "클래스에 대해서도 평균을 냅니다. 클래스에 대해서는 합하고, N으로만 나누세요."},
    "ch06.judge.ce_sum_not_mean": {
        "en": "the loss is N = {n} times too large: the cross-entropy of a batch is the MEAN "
              "over its samples, so divide the sum by N (y.shape[0]).",
        "ko": "손실이 N = {n}배만큼 너무 큽니다. 배치의 교차 엔트로피는 샘플들의 합이 아니라 "
              "평균이므로, 합을 N(y.shape[0])으로 나누세요."},
    "ch06.judge.ce_mutated": {
        "en": "cross_entropy_error changed its argument {argument} in place: {cause}",
        "ko": "cross_entropy_error가 인수 {argument}의 값을 제자리에서 바꿨습니다. {cause}"},
    "ch06.judge.arg_after_ce": {
        "en": "{argument} after cross_entropy_error(y, t) (it must not change)",
        "ko": "cross_entropy_error(y, t) 호출 뒤의 {argument} (바뀌면 안 됩니다)"},
    # ---- SoftmaxWithLoss
    "ch06.judge.swl_no_minus": {
        "en": "the loss is negative: the cross-entropy is −Σ t·log(y + 1e-7) / N; the minus "
              "sign is missing.",
        "ko": "손실이 음수입니다. 교차 엔트로피는 −Σ t·log(y + 1e-7) / N입니다. 마이너스 "
              "부호가 빠졌습니다."},
    "ch06.judge.swl_mean_over_classes": {
        "en": "the loss is C = {c} times too small: np.mean over the (N, C) array also averages "
              "over the classes; divide the sum by N only.",
        "ko": "손실이 C = {c}배만큼 너무 작습니다. (N, C) 배열에 np.mean을 쓰면 클래스에 "
              "대해서도 평균을 냅니다. 합을 N으로만 나누세요."},
    "ch06.judge.swl_from_scores": {
        "en": "the loss was computed from the scores x: give cross_entropy_error the "
              "probabilities y = softmax(x), not the scores x.",
        "ko": "손실을 점수 x로 계산했습니다. cross_entropy_error에는 점수 x가 아니라 확률 "
              "y = softmax(x)를 주세요."},
    "ch06.judge.swl_whole_batch": {
        "en": "the loss comes from a softmax normalised over the whole batch (a study note's "
              "mistake: np.max(x) and np.sum(exp_x) without an axis), so the batch sums to 1 "
              "instead of each row. Fix softmax (part 1) first.",
        "ko": "손실이 배치 전체에 대해 정규화한 softmax에서 나왔습니다(한 학습 노트의 실수: "
              "축 없이 쓴 np.max(x)와 np.sum(exp_x)). 그래서 각 행이 아니라 배치 전체의 합이 "
              "1입니다. 1번 문제의 softmax를 먼저 고치세요."},
    "ch06.judge.swl_columns": {
        "en": "the loss comes from a softmax normalised per column (axis=0). Fix softmax "
              "(part 1) first: each ROW is one sample.",
        "ko": "손실이 열마다(axis=0) 정규화한 softmax에서 나왔습니다. 1번 문제의 softmax를 "
              "먼저 고치세요. 열이 아니라 행 하나가 샘플 하나입니다."},
    "ch06.judge.swl_sum_not_mean": {
        "en": "the loss is N = {n} times too large: the loss of a batch is the MEAN over its "
              "samples.",
        "ko": "손실이 N = {n}배만큼 너무 큽니다. 배치의 손실은 샘플들의 합이 아니라 "
              "평균입니다."},
    "ch06.judge.dx_sign": {
        "en": "dx has the wrong sign: it is dout · (y − t) / N, the softmax output minus the "
              "labels, not t − y.",
        "ko": "dx의 부호가 반대입니다. dx는 t − y가 아니라 소프트맥스 출력에서 레이블을 뺀 "
              "dout · (y − t) / N입니다."},
    "ch06.judge.dx_no_division": {
        "en": "dx is N = {n} times too large (N is the batch size): the loss is the mean over "
              "the batch, so divide by N once, dx = dout · (y − t) / N.",
        "ko": "dx가 N = {n}배만큼 너무 큽니다(N은 배치 크기). 손실이 배치의 평균이므로 N으로 "
              "한 번 나누세요: dx = dout · (y − t) / N."},
    "ch06.judge.dx_divided_twice": {
        "en": "dx is N = {n} times too small (N is the batch size): the division by N happened "
              "twice.",
        "ko": "dx가 N = {n}배만큼 너무 작습니다(N은 배치 크기). N으로 두 번 나눴습니다."},
    "ch06.judge.dx_whole_batch": {
        "en": "dx uses a softmax normalised over the whole batch: each ROW must sum to 1. Fix "
              "softmax (part 1) first.",
        "ko": "dx가 배치 전체에 대해 정규화한 softmax를 씁니다. 합이 1이어야 하는 것은 각 "
              "행입니다. 1번 문제의 softmax를 먼저 고치세요."},
    "ch06.judge.swl_mutated": {
        "en": "SoftmaxWithLoss.forward changed its argument {argument} in place: {cause}",
        "ko": "SoftmaxWithLoss.forward가 인수 {argument}의 값을 제자리에서 바꿨습니다. "
              "{cause}"},
    "ch06.judge.swl_returned_none": {
        "en": "forward returned None: did you forget `return`? {cause}",
        "ko": "forward가 None을 반환했습니다. `return`을 빠뜨리지 않았는지 확인하세요. "
              "{cause}"},
    "ch06.judge.loss_of_fresh_layer": {
        "en": "SoftmaxWithLoss.forward(x, t) of a fresh layer",
        "ko": "새로 만든 계층의 SoftmaxWithLoss.forward(x, t)"},
    "ch06.judge.default_backward": {
        "en": "SoftmaxWithLoss.backward() (default dout = 1)",
        "ko": "SoftmaxWithLoss.backward() (기본값 dout = 1)"},
    "ch06.judge.arg_after_calls": {
        "en": "{argument} after the calls (it must not change)",
        "ko": "호출들이 끝난 뒤의 {argument} (바뀌면 안 됩니다)"},
    # ---- Softmax (a layer): the slips of the derivation, never its result
    "ch06.judge.direct_path_only": {
        "en": "dx = dout·y·(1 − y) follows only the direct path x_k → e_k → y_k, as if softmax "
              "worked element by element like a sigmoid. Every x_k also reaches every y_j of "
              "its row through the sum S: add the gradients of all those paths (fan-out).",
        "ko": "dx = dout·y·(1 − y)는 직접 경로 x_k → e_k → y_k만 따라갑니다. 소프트맥스가 "
              "시그모이드처럼 원소별로 작동한다고 본 것입니다. 각 x_k는 합 S를 거쳐 같은 행의 "
              "모든 y_j에도 닿습니다. 그 모든 경로의 기울기를 더하세요(분기)."},
    "ch06.judge.swl_shortcut": {
        "en": "dx = y − dout copies the Softmax-with-Loss shortcut (y − t) with dout in place "
              "of t. That shortcut holds only for the cross-entropy's own upstream gradient; "
              "softmax alone must pass ANY dout back through its exp, sum and division nodes.",
        "ko": "dx = y − dout은 Softmax-with-Loss의 지름길 (y − t)에서 t 자리에 dout을 넣은 "
              "것입니다. 그 지름길은 교차 엔트로피 자신이 보내는 상류 기울기에서만 성립합니다. "
              "소프트맥스만 있을 때는 '어떤' dout이든 exp 노드, 합 노드, 나눗셈 노드를 거쳐 "
              "거꾸로 전해야 합니다."},
    "ch06.judge.missing_factor": {
        "en": "dx lacks the factor that the last nodes of every path contribute: after the "
              "gradients of the paths are added up, the gradient still passes through the "
              "division by S and the exp node on its way back to x_k, and their local "
              "derivatives multiply it.",
        "ko": "dx에 모든 경로의 마지막 노드들이 곱해 주는 인수가 빠졌습니다. 경로들의 기울기를 "
              "더한 뒤에도 기울기는 x_k로 돌아가는 길에 S로 나누는 노드와 exp 노드를 지나고, "
              "그 국소적 미분들이 곱해집니다."},
    "ch06.judge.softmax_sign": {
        "en": "dx has the wrong sign: check the sign of the division node's local derivative "
              "with respect to S, and the signs along the paths through S.",
        "ko": "dx의 부호가 반대입니다. 나눗셈 노드의 S에 대한 국소적 미분의 부호와, S를 지나는 "
              "경로들의 부호를 확인하세요."},
    "ch06.judge.paths_axis_0": {
        "en": "the sum over the paths through S was taken down the columns (axis=0), over the "
              "samples of the batch: each ROW is its own graph, sum over axis=-1 (the classes "
              "of one sample).",
        "ko": "S를 지나는 경로들에 대한 합을 열 방향(axis=0), 곧 배치의 샘플들에 걸쳐 "
              "구했습니다. 각 행이 저마다의 그래프입니다. axis=-1(한 샘플의 클래스들)에 대해 "
              "합하세요."},
    "ch06.judge.paths_whole_batch": {
        "en": "the sum over the paths through S ran over the whole batch (np.sum without an "
              "axis): each ROW is its own graph, sum over the classes of one sample (axis=-1, "
              "keepdims=True).",
        "ko": "S를 지나는 경로들에 대한 합을 배치 전체에 걸쳐 구했습니다(축 없이 쓴 np.sum). "
              "각 행이 저마다의 그래프입니다. 한 샘플의 클래스들에 대해 합하세요(axis=-1, "
              "keepdims=True)."},
})

DELTA = 1e-7           # the book's delta inside the log
LARGE = 1000.0         # scores this large overflow np.exp (exp(710) is already inf)
LIKELY = 0.1           # true classes of regular cases: probability at least this
LOSS_RTOL, LOSS_ATOL = 1e-6, 2e-6   # a loss without the delta differs by ≤ 1e-7/y ≤ 1e-6
DX_RTOL, DX_ATOL = 1e-6, 1e-6       # dx: the delta's 1e-7/y too, and a numerical backward's
                                    # noise (refused on the probes, with its own cause)
ANALYTIC_K = 16        # probe tolerance: ANALYTIC_K·eps·|dout|/N per element
WATCHED = ["SoftmaxWithLoss.forward", "softmax", "cross_entropy_error", "numerical_gradient"]
MOST_CALLS = {"softmax": 1}         # an analytic backward may recompute y = softmax(x)
SECTION_DERIVED = see("ch06_softmax_with_loss", "Deriving the backward pass", "§5.6.3")  # not for students (a heading)

CE_GENERIC = "ch06.judge.ce_generic"
SWL_GENERIC = "ch06.judge.swl_generic"
WHOLE_BATCH = "ch06.judge.whole_batch"
DELTA_IN_BACKWARD = "ch06.judge.delta_in_backward"
Y_SHIFTED = "ch06.judge.y_shifted"


# ====================================================================== the grader's arithmetic


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax_whole_batch(x: np.ndarray) -> np.ndarray:
    """A study note's mistake: one max and one sum over the whole batch."""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _softmax_columns(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _cross_entropy(y: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the batch of −log(y[n, label_n] + delta); y (N, C), labels (N,)."""
    return float(-np.sum(np.log(y[np.arange(len(y)), labels] + DELTA)) / len(y))


def _one_hot(labels, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def _scale(rng) -> float:
    return float(rng.choice([0.5, 2.0, 6.0]))


def _large_scores(rng, n: int, c: int) -> np.ndarray:
    """(n, c) scores, rows near +1000 and near −1000 (both signs when n ≥ 2)."""
    signs = rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))
    return LARGE * signs[:, None] + rng.normal(0.0, 3.0, (n, c))


def _likely_labels(rng, scores: np.ndarray) -> np.ndarray:
    """A label per row among the classes of probability ≥ LIKELY (the most likely always
    qualifies): there the delta moves the loss and dx by less than 1e-6 of themselves."""
    with np.errstate(all="ignore"):
        y = _softmax(scores)
    likely = y >= np.minimum(LIKELY, y.max(axis=1, keepdims=True))
    return np.array([rng.choice(np.flatnonzero(row)) for row in likely])


def _loss_cause(got, expected: float, suspects: dict, generic: str, section: str) -> Diagnosis:
    """A known mistake when the loss equals what it gives, else the generic cause (for one
    number the general diagnoses, such as "scaled by a constant", say nothing useful)."""
    values = numbers(got)
    if values is not None and values.size == 1:
        value = np.asarray(float(values.reshape(())))
        for label, (suspect, words) in suspects.items():
            suspect = np.asarray(suspect, dtype=float)
            if not matches(suspect, np.asarray(expected)) and matches(value, suspect):
                return words if isinstance(words, Diagnosis) else \
                    Diagnosis(f"suspect:{label}", words, section)
    return Diagnosis("unexplained", generic, section)




def _strict(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    return compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)


# =========================================================================== softmax


def _softmax_cases(rng):
    """A batch, one sample, a batch of one, then scores near ±1000 (a batch, one sample)."""
    n, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), (n, c))
    yield rng.normal(0.0, _scale(rng), c1)
    yield rng.normal(0.0, _scale(rng), (1, c))
    yield _large_scores(rng, int(rng.integers(2, 6)), c)
    yield LARGE * rng.choice([-1.0, 1.0]) + rng.normal(0.0, 3.0, c1)


def _softmax_suspects(case, name, want) -> dict:
    """{label: (what a known mistake returns for x, its words)}."""
    x = case.inputs["x"]
    with np.errstate(all="ignore"):
        shifted = np.exp(x - np.max(x, axis=-1, keepdims=True))
        suspects = {"not normalised": (shifted, say("ch06.judge.softmax_not_normalised"))}
        if x.ndim != 2:
            return suspects
        by_column = np.exp(x - np.max(x, axis=0, keepdims=True))
        suspects["columns"] = (
            _softmax_columns(x), say("ch06.judge.softmax_columns"))
        suspects["max per column"] = (
            by_column / np.sum(by_column, axis=1, keepdims=True),
            say("ch06.judge.softmax_max_per_column"))
        n, c = x.shape
        if n == c:      # a square batch: the shape-(N,) max or sum broadcasts, along the columns
            e = np.exp(x - np.max(x, axis=1))
            suspects["max without keepdims"] = (e / np.sum(e, axis=1, keepdims=True),
                                                say(SOFTMAX_KEEPDIMS))
            suspects["sum without keepdims"] = (shifted / np.sum(shifted, axis=1),
                                                say(SOFTMAX_KEEPDIMS))
        if n > 1:
            suspects["whole batch"] = (_softmax_whole_batch(x), Diagnosis(
                "softmax_whole_batch", say(WHOLE_BATCH), SECTION_SOFTMAX))
    return suspects


def _softmax_explain():
    values = explainer(_softmax_suspects, SECTION_SOFTMAX)

    def explain(name, case, got, want):
        x = case.inputs["x"]
        if name == "after_x":
            return Diagnosis("input_mutated", say("ch06.judge.softmax_mutated",
                                                  cause=say(SOFTMAX_IN_PLACE)), SECTION_SOFTMAX)
        if isinstance(got, Raised):
            if "broadcast" in got.message:
                return Diagnosis("softmax_keepdims", say(SOFTMAX_KEEPDIMS), SECTION_SOFTMAX)
            if x.ndim == 1 and "axis" in got.message.lower():
                return Diagnosis("softmax_one_sample", say(SOFTMAX_ONE_SAMPLE), SECTION_SOFTMAX)
            return None
        array = numbers(got)
        if array is not None and array.shape == np.shape(want) and \
                not np.all(np.isfinite(array)):
            return Diagnosis("not_finite", say(SOFTMAX_NOT_FINITE), SECTION_OVERFLOW)
        return values(name, case, got, want)
    return explain


def softmax_judge(seed):
    rng = rng_for("judge softmax", seed)
    cases = [Case([let("x", x), call("result", "softmax", ref("x")), get("after_x", "x")],
                  inputs={"x": x}) for x in _softmax_cases(rng)]
    return Judge("softmax", cases, explain=_softmax_explain(), decide=_strict, labels={
        "result": "softmax(x)", "after_x": say("ch06.judge.x_after_softmax")})


# =========================================================================== cross-entropy


def _ce_cases(rng):
    """(y, t given, true labels (N,), one sample given as (C,)?)."""
    def batch(n, c):
        scores = rng.normal(0.0, _scale(rng), (n, c))
        return _softmax(scores), _likely_labels(rng, scores)

    n, c = int(rng.integers(2, 6)), int(rng.integers(2, 8))
    y, labels = batch(n, c)
    yield y, _one_hot(labels, c), labels, False
    n = int(rng.integers(2, 6))
    c = int(rng.choice([k for k in range(2, 8) if k != n]))
    y, labels = batch(n, c)
    yield y, labels, labels, False
    c = int(rng.integers(2, 11))
    y, labels = batch(1, c)
    yield y[0], _one_hot(labels, c)[0], labels, True
    y, labels = batch(1, c)
    yield y[0], labels, labels, True
    y, labels = batch(1, c)
    yield y, labels, labels, False
    for one_hot in (True, False):   # a sure but wrong answer: probability exactly 0
        n, c = int(rng.integers(2, 6)), int(rng.integers(3, 8))
        y, labels = batch(n, c)
        i = int(rng.integers(n))
        y[i, labels[i]] = 0.0
        y[i] /= y[i].sum()
        yield y, (_one_hot(labels, c) if one_hot else labels), labels, False


def _ce_suspects(case) -> dict:
    y, t, labels, one_sample = (case.inputs[k] for k in ("y", "t", "labels", "one_sample"))
    y2d = y.reshape(1, -1) if one_sample else y
    n, c = y2d.shape
    expected = _cross_entropy(y2d, labels)
    suspects = {
        "no minus": (-expected, say("ch06.judge.ce_no_minus")),
    }
    if one_sample:
        suspects["not reshaped"] = (expected / c, say("ch06.judge.ce_divided_by_classes", c=c,
                                                      cause=say(ONE_SAMPLE_BATCH)))
    else:
        suspects["mean over classes"] = (expected / c,
                                         say("ch06.judge.ce_mean_over_classes", c=c))
    if n > 1:
        suspects["sum, not mean"] = (expected * n, say("ch06.judge.ce_sum_not_mean", n=n))
    if t.shape != (n, c) and not (one_sample and t.shape == (c,)):
        as_student = np.reshape(t, (1, -1)) if one_sample else t
        try:
            with np.errstate(all="ignore"):
                suspects["labels as one-hot"] = (
                    -np.sum(as_student * np.log(y2d + DELTA)) / n, say(LABELS_AS_ONE_HOT))
        except ValueError:
            pass        # shapes that do not broadcast raise in the student's code instead
    return suspects


def _ce_explain(name, case, got, want):
    y, t, one_sample = case.inputs["y"], case.inputs["t"], case.inputs["one_sample"]
    if name in ("after_y", "after_t"):
        return Diagnosis("input_mutated", say("ch06.judge.ce_mutated", argument=name[-1],
                                              cause=say(CE_IN_PLACE)), SECTION_CE)
    is_labels = t.dtype.kind in "iu" and t.shape != y.shape
    if isinstance(got, Raised):
        if is_labels and not one_sample:
            return Diagnosis("labels_as_one_hot", say(LABELS_AS_ONE_HOT), SECTION_CE)
        if one_sample:
            return Diagnosis("one_sample_not_reshaped", one_sample_cause(is_labels), SECTION_CE)
        return None
    if got is None:
        return Diagnosis("returned_none", say("ch06.forgot_return"), SECTION_CE)
    values = numbers(got)
    if values is None or values.size != 1:
        return Diagnosis("not_a_scalar", say(CE_NOT_SUMMED), SECTION_CE)
    if not np.all(np.isfinite(values)):
        return Diagnosis("log_of_zero", say(LOG_ZERO), SECTION_CE)
    return _loss_cause(got, float(want), _ce_suspects(case), say(CE_GENERIC), SECTION_CE)


def cross_entropy_error_judge(seed):
    rng = rng_for("judge cross_entropy_error", seed)
    cases = [Case([let("y", y), let("t", t),
                   call("result", "cross_entropy_error", ref("y"), ref("t")),
                   get("after_y", "y"), get("after_t", "t")],
                  inputs={"y": y, "t": t, "labels": labels, "one_sample": one_sample})
             for y, t, labels, one_sample in _ce_cases(rng)]
    return Judge("cross_entropy_error", cases, rtol=LOSS_RTOL, atol=LOSS_ATOL,
                 explain=_ce_explain, decide=_strict, labels={
                     "result": "cross_entropy_error(y, t)",
                     "after_y": say("ch06.judge.arg_after_ce", argument="y"),
                     "after_t": say("ch06.judge.arg_after_ce", argument="t")})


# =========================================================================== SoftmaxWithLoss


def _swl_regular(rng):
    """(x, labels, one-hot?, dout, backward?): one-hot t (N ≠ C), integer labels (N ≠ C),
    N = 1, scores near ±1000, and a sure but wrong sample (the loss alone)."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    if c == n:
        c += 1
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), True, float(rng.uniform(1.5, 3.0)), True
    n = int(rng.integers(2, 5))
    c = int(rng.choice([k for k in range(2, 6) if k != n]))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), False, float(rng.uniform(0.2, 0.7)), True
    c = int(rng.integers(2, 8))
    x = rng.normal(0.0, _scale(rng), (1, c))
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(0.5, 2.0)), True
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = _large_scores(rng, n, c)
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(1.5, 3.0)), True
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = _large_scores(rng, n, c)
    labels = rng.integers(0, c, size=n)
    i = int(rng.integers(n))          # sample i is sure and wrong: probability exactly 0
    x[i, labels[i]] = np.max(x[i]) - 2 * LARGE
    yield x, labels, bool(rng.integers(2)), 1.0, False


def _swl_probes(rng):
    """Rows of every kind in each probe: an ordinary one (a likely true class), an unlikely
    one (the true score 16-25 below the row's max: y_t ~ 1e-11 to 1e-7) and a hopeless one
    (50-90 below: y_t < 1e-21), and one more of any kind; one-hot t, then integer labels."""
    probes = []
    for one_hot in (True, False):
        c = int(rng.integers(3, 8))
        kinds = ["ordinary", "unlikely", "hopeless"]
        kinds.append(str(rng.choice(kinds)))
        rows, labels = [], []
        for kind in rng.permutation(kinds):
            x = rng.normal(0.0, 1.0, c)
            if kind == "ordinary":
                label = int(_likely_labels(rng, x[None])[0])
            else:
                label = int(rng.integers(c))
                gap = rng.uniform(16.0, 25.0) if kind == "unlikely" else rng.uniform(50, 90)
                x[label] = np.max(np.delete(x, label)) - gap
            rows.append(x)
            labels.append(label)
        x, labels = np.array(rows), np.array(labels)
        probes.append((x, labels, one_hot, float(rng.uniform(0.3, 3.0))))
    return probes


def _swl_case(x, labels, one_hot, dout, backward=True, probe=False) -> Case:
    t = _one_hot(labels, x.shape[1]) if one_hot else labels
    steps = [let("x", x), let("t", t), call("layer", "SoftmaxWithLoss"),
             call("loss", "layer.forward", ref("x"), ref("t"))]
    if backward:
        steps += [watch("calls", WATCHED), call("dx", "layer.backward", dout), unwatch("calls")]
    if backward and not probe:
        steps += [call("layer_default", "SoftmaxWithLoss"),
                  call("loss_default", "layer_default.forward", ref("x"), ref("t")),
                  call("dx_default", "layer_default.backward")]
    if not probe:
        steps += [get("after_x", "x"), get("after_t", "t"), let("kept_y", ref("layer.y"))]
    return Case(steps, inputs={"x": x, "t": t, "labels": labels, "dout": dout}, probe=probe)


def _swl_loss_suspects(x: np.ndarray, labels: np.ndarray, expected: float) -> dict:
    n, c = x.shape
    suspects = {
        "no minus": (-expected, say("ch06.judge.swl_no_minus")),
        "mean over classes": (expected / c, say("ch06.judge.swl_mean_over_classes", c=c)),
    }
    with np.errstate(all="ignore"):
        from_scores = _cross_entropy(x, labels)
    if np.isfinite(from_scores):
        suspects["scores"] = (from_scores, say("ch06.judge.swl_from_scores"))
    if n > 1:
        with np.errstate(all="ignore"):
            suspects["whole batch"] = (
                _cross_entropy(_softmax_whole_batch(x), labels),
                say("ch06.judge.swl_whole_batch"))
            suspects["columns"] = (
                _cross_entropy(_softmax_columns(x), labels), say("ch06.judge.swl_columns"))
        suspects["sum, not mean"] = (expected * n, say("ch06.judge.swl_sum_not_mean", n=n))
    return suspects


def _swl_dx_suspects(x: np.ndarray, t: np.ndarray, labels: np.ndarray, dout: float) -> dict:
    """{label: (dx a known mistake returns, its words)} for scores x (N, C), t as given."""
    n, c = x.shape
    y, one_hot = _softmax(x), _one_hot(labels, c)
    good = dout * (y - one_hot) / n
    suspects = {
        "t − y": (-good, say("ch06.judge.dx_sign")),
    }
    if dout != 1.0:
        suspects["ignores dout"] = ((y - one_hot) / n, Diagnosis("suspect:ignores dout",
                                                                 say(IGNORES_DOUT),
                                                                 SECTION_DOUT))
    if n > 1:
        suspects["no /N"] = (good * n, say("ch06.judge.dx_no_division", n=n))
        suspects["/N twice"] = (good / n, say("ch06.judge.dx_divided_twice", n=n))
        with np.errstate(all="ignore"):
            suspects["whole batch"] = (
                dout * (_softmax_whole_batch(x) - one_hot) / n,
                say("ch06.judge.dx_whole_batch"))
    if t.shape != x.shape:
        try:
            suspects["labels used directly"] = (dout * (y - t) / n, say(LABELS_IN_BACKWARD))
        except ValueError:
            pass        # the student's code raises for these shapes instead
    return suspects


class _Records:
    """The whole record of each case, for causes that need more than one value (the
    softmax output a layer kept, to tell where a NaN loss comes from)."""

    def __init__(self):
        self.by_case: dict[int, dict] = {}

    def decide(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        self.by_case = {id(case): record for case, record in zip(judge.cases, got)}
        return compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)

    def of(self, case: Case) -> dict:
        return self.by_case.get(id(case), {})


def _swl_explain(records: _Records):
    def explain(name, case, got, want):
        x, t, labels = case.inputs["x"], case.inputs["t"], case.inputs["labels"]
        is_labels = t.shape != x.shape
        if name in ("after_x", "after_t"):
            return Diagnosis("input_mutated", say("ch06.judge.swl_mutated", argument=name[-1],
                                                  cause=say(SWL_IN_PLACE)), SECTION_SWL)
        if name in ("loss", "loss_default"):
            return _swl_loss_cause(got, want, x, labels, is_labels, records.of(case))
        if name in ("dx", "dx_default"):
            if isinstance(got, Raised):
                found = backward_raised(got.message, is_labels, name == "dx_default")
                return Diagnosis(found[0], found[1], SECTION_SWL) if found else None
            dout = 1.0 if name == "dx_default" else case.inputs["dout"]
            wanted = numbers(want)
            if wanted is None:
                return None
            diagnosis = diagnose(got, wanted, suspects=_swl_dx_suspects(x, t, labels, dout),
                                 batch_size=len(x), section=SECTION_SWL)
            return None if diagnosis.name == "unexplained" else diagnosis
        return None
    return explain


def _swl_loss_cause(got, want, x, labels, is_labels, record) -> Diagnosis | None:
    if isinstance(got, Raised):
        if is_labels:
            return Diagnosis("labels_in_forward", labels_in_forward(), SECTION_SWL)
        if "broadcast" in got.message:
            return Diagnosis("swl_shapes", say(SWL_SHAPES), SECTION_SWL)
        return None
    if got is None:
        return Diagnosis("returned_none", say("ch06.judge.swl_returned_none",
                                              cause=say(SWL_NOT_A_NUMBER)), SECTION_SWL)
    values = numbers(got)
    if values is None or values.size != 1:
        return Diagnosis("not_a_scalar", say(SWL_NOT_A_NUMBER), SECTION_SWL)
    value = float(values.reshape(()))
    if value == np.inf:
        return Diagnosis("not_finite", say(LOG_ZERO), SECTION_CE)
    if not np.isfinite(value):
        return Diagnosis("not_finite", nan_loss_cause(record.get("kept_y"), x.shape),
                         SECTION_NAN)
    return _loss_cause(got, float(want), _swl_loss_suspects(x, labels, float(want)),
                       say(SWL_GENERIC), SECTION_SWL)


class _SoftmaxWithLossAnalytic(Analytic):
    """The numerical refusal of autograder/judging/numerical.py, except that a backward
    that equals the exact derivative of log(y + 1e-7) to rounding on every probe is named
    for what it is (DELTA_IN_BACKWARD), not called numerical."""

    def from_probes(self, judge, got, want):
        finding = super().from_probes(judge, got, want)
        if finding is None or finding.diagnosis is None or \
                finding.diagnosis.name != "numerical_backward":
            return finding
        probes = [(case, mine.get("dx")) for case, mine in zip(judge.cases, got) if case.probe]
        for derivative, diagnosis in (
                (delta_derivative, Diagnosis("delta_in_backward", say(DELTA_IN_BACKWARD),
                                             SECTION_DERIVED)),
                (shifted_derivative, Diagnosis("y_changed_in_place", say(Y_SHIFTED),
                                               SECTION_CE))):
            if all(_matches(self, case, dx, derivative(case)) for case, dx in probes):
                return Finding(finding.problem, diagnosis)
        return finding


def delta_derivative(case: Case) -> np.ndarray:
    """dout · ∂/∂x of −Σ t·log(softmax(x) + 1e-7) / N: (y − t)/N · y_t/(y_t + 1e-7) by rows."""
    x, labels, dout = case.inputs["x"], case.inputs["labels"], case.inputs["dout"]
    n = len(x)
    y = _softmax(x)
    y_true = y[np.arange(n), labels]
    return dout * (y - _one_hot(labels, x.shape[1])) / n * (y_true / (y_true + DELTA))[:, None]


def shifted_derivative(case: Case) -> np.ndarray:
    """dout · (y + 1e-7 − t)/N: what backward gives when y was changed by +1e-7 in place."""
    x, labels, dout = case.inputs["x"], case.inputs["labels"], case.inputs["dout"]
    return dout * (_softmax(x) + DELTA - _one_hot(labels, x.shape[1])) / len(x)


def _matches(analytic: Analytic, case: Case, got, expected: np.ndarray) -> bool:
    values = numbers(got)
    if values is None or values.shape != expected.shape or not np.all(np.isfinite(values)):
        return False
    return bool(np.all(np.abs(values - expected) <= analytic.tolerance(case, "dx", expected)))


def analytic_tolerance(case, name, want):
    """ANALYTIC_K·eps·|dout|/N for every element: dx = dout·(y − t)/N is at most |dout|/N,
    and any correct way of writing it (and of writing softmax) rounds at that scale."""
    x, dout = case.inputs["x"], case.inputs["dout"]
    return np.full(np.shape(want), ANALYTIC_K * EPS * abs(dout) / len(x))


class _BookFirstJudge(Judge):
    """A judge whose message starts with how the lab's interface differs from the book's
    when the finding is the book's backward (it ignores dout)."""

    def verdict(self, student, reference) -> CheckVerdict:
        verdict = super().verdict(student, reference)
        if not verdict.passed and verdict.diagnosis.get("name") == "suspect:ignores dout":
            verdict.message = f"{say(BOOK_IGNORES_DOUT)}\n{verdict.message}"
        return verdict


def softmax_with_loss_judge(seed):
    rng = rng_for("judge softmax_with_loss", seed)
    cases = [_swl_case(x, labels, one_hot, dout, backward)
             for x, labels, one_hot, dout, backward in _swl_regular(rng)]
    probe_rng = rng_for("judge softmax_with_loss probes", seed)
    cases += [_swl_case(x, labels, one_hot, dout, probe=True)
              for x, labels, one_hot, dout in _swl_probes(probe_rng)]
    records = _Records()
    return _BookFirstJudge(
        "softmax_with_loss", cases, rtol=DX_RTOL, atol=DX_ATOL, explain=_swl_explain(records),
        decide=records.decide,
        numerical=_SoftmaxWithLossAnalytic("SoftmaxWithLoss.backward", ("dx",),
                                           most_calls=MOST_CALLS, tolerance=analytic_tolerance,
                                           section=SECTION_DERIVED),
        labels={"layer": "SoftmaxWithLoss()", "loss": "SoftmaxWithLoss.forward(x, t)",
                "dx": "SoftmaxWithLoss.backward(dout)",
                "layer_default": "SoftmaxWithLoss()",
                "loss_default": say("ch06.judge.loss_of_fresh_layer"),
                "dx_default": say("ch06.judge.default_backward"),
                "after_x": say("ch06.judge.arg_after_calls", argument="x"),
                "after_t": say("ch06.judge.arg_after_calls", argument="t")})


# =========================================================================== Softmax (a layer)
#
# The backward the student derives: dx = y·(dout − Σ_j dout_j·y_j), row by row. It is
# written here and in the lab's solution only (never in a lecture, a lab's text, a hint or a
# message: the words below name the slips without giving the result).

SOFTMAX_LAYER_K = 32       # probe tolerance, see softmax_layer_tolerance
SOFTMAX_LAYER_WATCHED = ["Softmax.forward", "softmax", "numerical_gradient"]
SOFTMAX_LAYER_CALLS = {"Softmax.forward": 1, "softmax": 1}   # recomputing y once is analytic


def _softmax_backward(y: np.ndarray, dout: np.ndarray) -> np.ndarray:
    return y * (dout - np.sum(dout * y, axis=-1, keepdims=True))


def _softmax_layer_regular(rng, number):
    """A batch (N ≠ C), one sample (C,), a batch of one, a square batch (N = C)."""
    if number == 0:
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 7))
        shape = (n, c + 1 if c == n else c)
    elif number == 1:
        shape = (int(rng.integers(2, 8)),)
    elif number == 2:
        shape = (1, int(rng.integers(2, 7)))
    else:
        k = int(rng.integers(2, 6))
        shape = (k, k)
    return (), (rng.normal(0.0, _scale(rng), shape),), rng.standard_normal(shape)


def _dominated_row(rng, c: int) -> np.ndarray:
    """Scores where one class (or two) leads all others by 25 to 40."""
    x = rng.normal(0.0, 1.0, c)
    leaders = rng.choice(c, size=int(rng.integers(1, 3)) if c > 3 else 1, replace=False)
    others = np.setdiff1d(np.arange(c), leaders)
    x[others] = np.max(x[leaders]) - rng.uniform(25.0, 40.0, size=len(others))
    return x


def _softmax_layer_probes(rng):
    """A batch with dominated rows beside an ordinary one, and one dominated sample (C,)."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(3, 7))
    rows = [_dominated_row(rng, c) for _ in range(n)]
    rows[int(rng.integers(n))] = rng.normal(0.0, 2.0, c)
    x = np.array(rows)
    one = _dominated_row(rng, int(rng.integers(3, 8)))
    return [((), (x,), rng.standard_normal(x.shape)),
            ((), (one,), rng.standard_normal(one.shape))]


def softmax_layer_tolerance(case, name, want):
    """SOFTMAX_LAYER_K·eps·(1 + gap_k)·y_k·(|dout_k| + Σ_j y_j·|dout_j|) per element: every
    term of a correct backward carries the factor y_k, and a softmax written another way
    (log-sum-exp) rounds y_k relative to the gap between x_k and its row's max."""
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.abs(np.asarray(case.inputs["dout"], dtype=float))
    y = _softmax(x)
    gap = np.max(x, axis=-1, keepdims=True) - x
    scale = y * (dout + np.sum(y * dout, axis=-1, keepdims=True))
    return SOFTMAX_LAYER_K * EPS * (1.0 + gap) * scale + np.finfo(float).tiny


def _softmax_layer_suspects(case, name, want) -> dict:
    if name != "grads":
        return {}
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    y = _softmax(x)
    suspects = {
        "direct path only": (
            dout * y * (1.0 - y), say("ch06.judge.direct_path_only")),
        "Softmax-with-Loss shortcut": (
            y - dout, say("ch06.judge.swl_shortcut")),
        "missing factor": (
            dout - np.sum(dout * y, axis=-1, keepdims=True), say("ch06.judge.missing_factor")),
        "sign": (
            -_softmax_backward(y, dout), say("ch06.judge.softmax_sign")),
    }
    if x.ndim == 2 and len(x) > 1:
        per_column = y * (dout - np.sum(dout * y, axis=0, keepdims=True))
        whole = y * (dout - np.sum(dout * y))
        suspects["axis 0"] = (per_column, say("ch06.judge.paths_axis_0"))
        suspects["whole batch"] = (whole, say("ch06.judge.paths_whole_batch"))
        n, c = x.shape
        if n == c:
            row_sums = np.sum(dout * y, axis=-1)
            suspects["no keepdims"] = (y * (dout - row_sums), say(SOFTMAX_LAYER_KEEPDIMS))
    return suspects


def _softmax_layer_explain():
    base = layer_explainer("Softmax", _softmax_layer_suspects, SECTION_SOFTMAX_LAYER)

    def explain(name, case, got, want):
        if name == "out" or name.startswith("after_in"):
            return Diagnosis("softmax_first", say(SOFTMAX_FIRST), SECTION_SOFTMAX)
        if name == "grads" and isinstance(got, Raised):
            if "broadcast" in got.message:
                return Diagnosis("softmax_layer_keepdims", say(SOFTMAX_LAYER_KEEPDIMS),
                                 SECTION_SOFTMAX_LAYER)
            return base(name, case, got, want)
        return base(name, case, got, want)
    return explain


SOFTMAX_STEPS = "ch06.judge.softmax_steps"


def softmax_layer_judge(seed):
    rng = rng_for("judge softmax_layer probes", seed)
    return layer_judge(
        "softmax_layer", "Softmax", _softmax_layer_regular, seed, cases=4,
        probes=_softmax_layer_probes(rng), section=SECTION_SOFTMAX_LAYER,
        watched=SOFTMAX_LAYER_WATCHED, explain=_softmax_layer_explain(),
        analytic=Analytic("Softmax.backward", ("grads",), most_calls=SOFTMAX_LAYER_CALLS,
                          tolerance=softmax_layer_tolerance, section=SECTION_SOFTMAX_LAYER,
                          instead=say(SOFTMAX_STEPS)))


JUDGES = {
    "softmax_test": softmax_judge,
    "cross_entropy_error_test": cross_entropy_error_judge,
    "softmax_with_loss_test": softmax_with_loss_judge,
    "softmax_layer_test": softmax_layer_judge,
}
