"""Hidden checks of lab ch06_softmax_with_loss, on the student's side: how softmax,
cross_entropy_error and SoftmaxWithLoss behave (the judges in
autograder/judging/ch06_softmax_with_loss.py decide their values).

Each check draws its own random batch sizes (1 and N), class counts and scores, one-hot and
integer labels, and scores of ±1000 that overflow a naive softmax:

* ``softmax``: runs on (N, C), (1, C) and (C,) scores (a crash explains keepdims and the
  axis of one sample), returns x's shape, leaves x unchanged, and stays finite for scores
  of ±1000.
* ``cross_entropy_error``: runs on one-hot and integer labels, one sample (C,) and a batch,
  leaves y and t unchanged, returns one number, finite where a true class has probability
  0; the same classes given one-hot or as labels, and one sample given as (C,) or as a
  batch of one (1, C), give the same loss.
* ``SoftmaxWithLoss``: forward returns one number and leaves x and t unchanged, backward
  runs with and without dout and returns x's shape, one-hot and integer labels give the
  same loss and dx, the engine's behaviour checks (linear in dout, inputs not mutated,
  repeatable, latest forward, shapes and dtypes, finite for scores of ±1000), and dx
  agrees with numerical derivatives of the student's own forward.
* ``Softmax`` (derived by the student: the course never writes its backward): forward (given,
  it calls the student's softmax) and backward run on a batch, one sample (C,), a batch of
  one and a square batch (N = C, where a per-row sum without keepdims broadcasts silently),
  return x's shape, the engine's behaviour checks (linear in dout, x and dout not mutated,
  repeatable, latest forward, shapes and dtypes), and dx agrees with numerical derivatives
  of the student's own forward.

Nothing here knows the right values: no softmax, no cross-entropy, no (y − t)/N, no
backward of a softmax. For the
gradient check the true classes are picked among the highest scores of each row (within
LIKELY_GAP of the row's max): the book's loss takes log(y + 1e-7), whose exact derivative
differs from a backward of (y − t)/N by ~1e-7/y relative, negligible for such classes.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import CheckFailed, call, method, rng_for
from autograder.checks.sections import see
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    # ---- causes (the judges name the same mistakes in the same words)
    "ch06.softmax_keepdims": {
        "en": "np.max(x, axis=1) and np.sum(..., axis=1) have shape (N,), and numpy lines a "
              "shape-(N,) array up with the COLUMNS of an (N, C) array: keep the reduced axis, "
              "np.max(x, axis=1, keepdims=True) has shape (N, 1) and is subtracted from each "
              "row.",
        "ko": "np.max(x, axis=1)과 np.sum(..., axis=1)의 형상은 (N,)이고, 넘파이는 형상 (N,)인 "
              "배열을 (N, C) 배열의 행이 아니라 열에 맞춰 늘어놓습니다. keepdims=True로 줄어든 "
              "축을 남기세요. np.max(x, axis=1, keepdims=True)는 형상이 (N, 1)이어서 각 행에서 "
              "그 행의 최댓값을 뺍니다."},
    "ch06.softmax_one_sample": {
        "en": "softmax must also take one sample, a 1-D x of shape (C,), which has no axis 1: "
              "use axis=-1 (the last axis, for 1-D and 2-D x alike) or treat x.ndim == 1 "
              "separately.",
        "ko": "softmax는 샘플 하나, 곧 형상이 (C,)인 1차원 x도 받아야 하는데 1차원 x에는 축 1이 "
              "없습니다. axis=-1(마지막 축: 1차원 x와 2차원 x 모두에 맞습니다)을 쓰거나 "
              "x.ndim == 1인 경우를 따로 처리하세요."},
    "ch06.softmax_not_finite": {
        "en": "np.exp overflowed (exp(1000) = inf, and inf / inf = NaN), or every exp of a row "
              "underflowed to 0 (0 / 0 = NaN) because a larger max from another row was "
              "subtracted. Subtract each ROW's own max before exp, np.max(x, axis=-1, "
              "keepdims=True): then the largest exp of every row is exp(0) = 1.",
        "ko": "np.exp가 오버플로했거나(exp(1000) = inf이고 inf / inf = NaN), 다른 행의 더 큰 "
              "최댓값을 빼는 바람에 한 행의 exp가 모두 0으로 언더플로했습니다(0 / 0 = NaN). exp "
              "전에 각 행에서 그 행 자신의 최댓값 np.max(x, axis=-1, keepdims=True)를 빼세요. "
              "그러면 모든 행에서 가장 큰 exp는 exp(0) = 1입니다."},
    "ch06.softmax_in_place": {
        "en": "an in-place operation on x, such as x -= np.max(...): it changes the caller's "
              "scores. Write x = x - np.max(...) (a new array).",
        "ko": "x -= np.max(...)처럼 x를 제자리에서(in place) 바꾸는 연산이 있습니다. 이런 연산은 "
              "호출한 쪽의 점수를 바꿉니다. x = x - np.max(...)로 쓰세요(새 배열을 만듭니다)."},
    "ch06.labels_as_one_hot": {
        "en": "integer labels were used as if they were one-hot (t * np.log(y) needs t of y's "
              "shape; labels have shape (N,)). With labels, pick each sample's probability of "
              "its true class, y[np.arange(N), t], or turn the labels into one-hot rows first.",
        "ko": "정수 레이블을 원-핫처럼 썼습니다(t * np.log(y)에는 y와 형상이 같은 t가 필요한데, "
              "레이블의 형상은 (N,)입니다). 레이블이 오면 각 샘플의 정답 클래스 확률 "
              "y[np.arange(N), t]를 골라 쓰거나, 먼저 레이블을 원-핫 행으로 바꾸세요."},
    "ch06.one_sample_not_reshaped": {
        "en": "One sample comes as a 1-D y of shape (C,): reshape it (and t) to a batch of one "
              "first, y.reshape(1, C), so that N = 1.",
        "ko": "샘플 하나는 형상이 (C,)인 1차원 y로 들어옵니다. 먼저 y(그리고 t)를 샘플 하나짜리 "
              "배치 y.reshape(1, C)로 바꿔 N = 1이 되게 하세요."},
    "ch06.one_sample_labels": {
        "en": "{one_sample} Labels have shape (1,) then: {labels}",
        "ko": "{one_sample} 이때 레이블의 형상은 (1,)입니다. {labels}"},
    "ch06.log_of_zero": {
        "en": "a probability of exactly 0 reached the log: log(0) = −inf, and 0 · log(0) = NaN. "
              "Add the book's delta inside the log, np.log(y + 1e-7): a sure but wrong answer "
              "then costs −log(1e-7) ≈ 16.1 instead of infinity.",
        "ko": "정확히 0인 확률이 log에 들어갔습니다. log(0)은 −inf이고 0 · log(0)은 NaN입니다. "
              "책처럼 log 안에 작은 값 delta를 더하세요: np.log(y + 1e-7). 그러면 확신했지만 "
              "틀린 답의 손실이 무한대가 아니라 −log(1e-7) ≈ 16.1이 됩니다."},
    "ch06.ce_in_place": {
        "en": "an in-place operation on an argument, such as y += 1e-7: it changes the caller's "
              "array. Build a new array instead, np.log(y + 1e-7).",
        "ko": "y += 1e-7처럼 인수를 제자리에서(in place) 바꾸는 연산이 있습니다. 이런 연산은 "
              "호출한 쪽의 배열을 바꿉니다. 대신 np.log(y + 1e-7)처럼 새 배열을 만드세요."},
    "ch06.ce_not_summed": {
        "en": "the losses of the samples were not summed: the result is one number, "
              "−Σ t·log(y + 1e-7) / N.",
        "ko": "샘플별 손실을 합하지 않았습니다. 결과는 숫자 하나, −Σ t·log(y + 1e-7) / N입니다."},
    "ch06.book_ignores_dout": {
        "en": "The book's SoftmaxWithLoss.backward ignores dout; this lab's backward multiplies "
              "its result by dout, the gradient from upstream.",
        "ko": "책의 SoftmaxWithLoss.backward는 dout을 무시하지만, 이 실습의 backward는 결과에 "
              "상류에서 온 기울기 dout을 곱합니다."},
    "ch06.ignores_dout": {
        "en": "dx does not depend on dout: it is the book's result, which assumes dout = 1. In "
              "this course backward multiplies by the gradient from upstream, dout, so that the "
              "layer obeys the chain rule when the loss is scaled or weighted.",
        "ko": "dx가 dout에 따라 달라지지 않습니다. dout = 1을 가정한 책의 결과입니다. 이 강좌의 "
              "backward는 상류에서 온 기울기 dout을 곱합니다. 그래야 손실에 배율이나 가중치가 "
              "붙어도 계층이 연쇄법칙을 따릅니다."},
    "ch06.labels_in_backward": {
        "en": "with integer labels t of shape (N,), y − t is not y minus the one-hot labels: "
              "numpy cannot subtract shape (N,) from (N, C), or it subtracts the labels along "
              "the wrong axis. Turn the labels into one-hot rows in forward, np.eye(C)[t], or "
              "copy y and subtract 1 at each true class, dx[np.arange(N), t] -= 1.",
        "ko": "t가 형상 (N,)인 정수 레이블이면 y − t는 y에서 원-핫 레이블을 뺀 값이 아닙니다. "
              "넘파이가 (N, C)에서 형상 (N,)을 빼지 못하거나, 엉뚱한 축을 따라 레이블을 뺍니다. "
              "forward에서 레이블을 원-핫 행 np.eye(C)[t]로 바꾸거나, y를 복사한 뒤 정답 "
              "클래스마다 1을 빼세요: dx[np.arange(N), t] -= 1."},
    "ch06.labels_in_forward": {
        "en": "forward must accept integer labels t of shape (N,) as well as one-hot t: {cause}",
        "ko": "forward는 원-핫 t뿐 아니라 형상이 (N,)인 정수 레이블 t도 받아야 합니다. {cause}"},
    "ch06.swl_shapes": {
        "en": "the shapes inside forward do not fit: check that your softmax (part 1) works on "
              "a batch (N, C), with keepdims=True on its max and sum.",
        "ko": "forward 안의 형상이 맞지 않습니다. 1번 문제의 softmax가 배치 (N, C)에서 "
              "작동하는지, max와 sum에 keepdims=True를 주었는지 확인하세요."},
    "ch06.swl_in_place": {
        "en": "an in-place operation on an argument, such as x -= np.max(...) in softmax or "
              "t[...] = ... in forward: it changes the caller's array. Build new arrays instead "
              "(x = x - np.max(...)).",
        "ko": "softmax의 x -= np.max(...)나 forward의 t[...] = ...처럼 인수를 제자리에서(in "
              "place) 바꾸는 연산이 있습니다. 이런 연산은 호출한 쪽의 배열을 바꿉니다. 대신 새 "
              "배열을 만드세요(x = x - np.max(...))."},
    "ch06.swl_not_a_number": {
        "en": "forward returns the loss, one number: the cross-entropy error of softmax(x) and "
              "t.",
        "ko": "forward는 손실, 곧 숫자 하나를 반환합니다. softmax(x)와 t의 교차 엔트로피 "
              "오차입니다."},
    "ch06.no_default_dout": {
        "en": "give dout a default value, def backward(self, dout=1): the last layer's backward "
              "is usually called without an argument.",
        "ko": "dout에 기본값을 주세요: def backward(self, dout=1). 마지막 계층의 backward는 보통 "
              "인수 없이 호출됩니다."},
    "ch06.softmax_first": {
        "en": "Softmax.forward is given: it returns your softmax of part 1, so the difference "
              "is there. Fix softmax (part 1) first; its own test cell fails too.",
        "ko": "Softmax.forward는 주어진 코드로, 1번 문제에서 작성한 softmax의 결과를 "
              "반환합니다. 그러니 차이는 softmax에 있습니다. 1번 문제의 softmax를 먼저 고치세요. "
              "그 검사 셀도 실패합니다."},
    "ch06.softmax_layer_keepdims": {
        "en": "a sum over each row has shape (N,) without keepdims=True, and numpy lines a "
              "shape-(N,) array up with the COLUMNS of an (N, C) array (an error when N ≠ C, "
              "another row's numbers when N = C): keep the reduced axis, keepdims=True, so that "
              "it has shape (N, 1).",
        "ko": "keepdims=True가 없으면 행마다 구한 합의 형상은 (N,)이고, 넘파이는 형상 (N,)인 "
              "배열을 (N, C) 배열의 행이 아니라 열에 맞춰 늘어놓습니다(N ≠ C이면 오류가 나고, "
              "N = C이면 다른 행의 값이 쓰입니다). keepdims=True로 줄어든 축을 남겨 형상을 "
              "(N, 1)로 만드세요."},
    "ch06.softmax_layer_saved": {
        "en": "backward reads something forward did not save; forward keeps the output as "
              "self.y, use that (or store what else you need on the layer).",
        "ko": "backward가 forward에서 저장하지 않은 값을 읽습니다. forward는 출력을 self.y에 "
              "보관하니 그것을 쓰세요(다른 값이 필요하면 계층에 저장하세요)."},
    "ch06.forgot_return": {"en": "did you forget `return`?",
                           "ko": "`return`을 빠뜨리지 않았는지 확인하세요."},
    "ch06.forgot_return_dx": {"en": "did you forget `return dx`?",
                              "ko": "`return dx`를 빠뜨리지 않았는지 확인하세요."},
    "ch06.softmax_shape": {
        "en": "softmax gives one probability per score: an array of x's shape",
        "ko": "softmax는 점수 하나마다 확률 하나를 냅니다. 결과는 x와 형상이 같은 배열입니다"},
    "ch06.swl_dx_shape": {
        "en": "dx has the shape of the scores x, (N, C), also for integer labels",
        "ko": "dx의 형상은 점수 x와 같은 (N, C)입니다. 정수 레이블일 때도 마찬가지입니다"},
    "ch06.softmax_layer_dx_shape": {
        "en": "dx has the shape of the input x (one number per score), like dout",
        "ko": "dx의 형상은 dout처럼 입력 x와 같습니다(점수 하나마다 숫자 하나)"},
    "ch06.swl_nan_in_softmax": {
        "en": "self.y = softmax(x) contains NaN: {cause}",
        "ko": "self.y = softmax(x)에 NaN이 있습니다. {cause}"},
    "ch06.swl_nan_in_log": {
        "en": "self.y = softmax(x) is fine, so the NaN comes from the log: the log of a "
              "negative number, or 0 · log(0). Give cross_entropy_error the probabilities "
              "self.y, not the scores x, and keep the delta, np.log(y + 1e-7).",
        "ko": "self.y = softmax(x)는 올바르므로 NaN은 log에서 나왔습니다. 음수의 log이거나 "
              "0 · log(0)입니다. cross_entropy_error에는 점수 x가 아니라 확률 self.y를 주고, "
              "delta도 그대로 두세요: np.log(y + 1e-7)."},
    "ch06.swl_nan_somewhere": {
        "en": "a NaN from softmax or from the log. In softmax: {cause} In the log: log of a "
              "negative number (were the scores x given to cross_entropy_error instead of "
              "softmax(x)?) or 0 · log(0) without the delta; use np.log(y + 1e-7).",
        "ko": "NaN이 softmax나 log에서 나왔습니다. softmax라면: {cause} log라면: 음수의 "
              "log이거나(softmax(x) 대신 점수 x를 cross_entropy_error에 주지 않았나 "
              "확인하세요) delta 없이 계산한 0 · log(0)입니다. np.log(y + 1e-7)을 쓰세요."},
    # ---- what was checked, and how it failed
    "ch06.argument_changed": {
        "en": "✗ {what} changed its argument {argument} in place: the caller's array is "
              "different after the call.",
        "ko": "✗ {what} 호출이 인수 {argument}의 값을 제자리에서 바꿨습니다. 호출한 쪽의 배열이 "
              "호출 전과 달라졌습니다."},
    "ch06.shape_of_array": {"en": "an array of shape {shape}", "ko": "형상이 {shape}인 배열"},
    "ch06.shape": {"en": "shape {shape}", "ko": "형상 {shape}"},
    "ch06.not_one_number": {
        "en": "✗ {what} should return one number, but returned {shown}.",
        "ko": "✗ {what}: 숫자 하나를 반환해야 하는데, 반환한 것은 {shown}입니다."},
    "ch06.loss_not_finite": {
        "en": "✗ {what} is {value}: the loss must be a finite number.",
        "ko": "✗ {what}의 값이 {value}입니다. 손실은 유한한 수여야 합니다."},
    "ch06.differ": {
        "en": "✗ {what} differ: {first} with {how_first}, {second} with {how_second}.",
        "ko": "✗ {what}의 값이 서로 다릅니다: {how_first} → {first}, {how_second} → {second}."},
    "ch06.batch_x": {"en": "a batch x of shape ({n}, {c})", "ko": "형상이 ({n}, {c})인 배치 x"},
    "ch06.one_sample_x": {"en": "one sample x of shape ({c},)",
                          "ko": "형상이 ({c},)인 샘플 하나 x"},
    "ch06.batch_of_one_x": {"en": "a batch of one, x of shape (1, {c})",
                            "ko": "샘플 하나짜리 배치, 형상이 (1, {c})인 x"},
    "ch06.large_batch": {"en": "a batch of shape ({n}, {c}) with scores near ±1000",
                         "ko": "점수가 ±1000 근처인, 형상 ({n}, {c})의 배치"},
    "ch06.large_sample": {"en": "one sample of shape ({c},) with scores near ±1000",
                          "ko": "점수가 ±1000 근처인, 형상 ({c},)의 샘플 하나"},
    "ch06.square_batch_x": {"en": "a square batch x of shape ({n}, {n})",
                            "ko": "형상이 ({n}, {n})인 정사각 배치 x"},
    "ch06.softmax_of": {"en": "softmax of {description}", "ko": "{description}에 대한 softmax"},
    "ch06.not_x_shape": {
        "en": "✗ {what} should be an array of x's shape {shape}, but is {shown}.",
        "ko": "✗ {what}: x와 형상이 같은 {shape} 배열이어야 하는데, 실제로는 {shown}입니다."},
    "ch06.not_finite": {"en": "✗ {what} contains NaN or inf.",
                        "ko": "✗ {what}에 NaN이나 inf가 있습니다."},
    "ch06.ce_for": {"en": "cross_entropy_error(y, t) for {description}",
                    "ko": "{description}에 대한 cross_entropy_error(y, t)"},
    "ch06.ce_batch_y": {"en": "a batch y of shape ({n}, {c})", "ko": "형상이 ({n}, {c})인 배치 y"},
    "ch06.ce_sure_and_wrong": {
        "en": "{batch}, where sample {i} gives its true class probability 0,",
        "ko": "{batch}(샘플 {i}의 정답 클래스 확률이 0)"},
    "ch06.ce_with_labels": {"en": "{batch} with labels t of shape ({n},)",
                            "ko": "{batch}, 형상이 ({n},)인 레이블 t"},
    "ch06.with_one_hot_t": {"en": "{batch} with one-hot t", "ko": "{batch}, 원-핫 t"},
    "ch06.ce_of_batch": {"en": "cross_entropy_error for {batch}",
                         "ko": "{batch}에 대한 cross_entropy_error"},
    "ch06.integer_labels": {"en": "integer labels", "ko": "정수 레이블"},
    "ch06.same_classes_one_hot": {"en": "the same classes one-hot",
                                  "ko": "같은 클래스를 원-핫으로"},
    "ch06.ce_batch_of_one": {
        "en": "a batch of one, y of shape (1, {c}), with labels t of shape (1,)",
        "ko": "샘플 하나짜리 배치, 형상이 (1, {c})인 y와 형상이 (1,)인 레이블 t"},
    "ch06.one_hot_t_of_shape": {"en": "one-hot t of shape ({c},)",
                                "ko": "형상이 ({c},)인 원-핫 t"},
    "ch06.its_label": {"en": "its label t = np.array([{label}])",
                       "ko": "그 레이블 t = np.array([{label}])"},
    "ch06.ce_one_sample_with": {"en": "one sample y of shape ({c},) with {kind}",
                                "ko": "형상이 ({c},)인 샘플 하나 y, {kind}"},
    "ch06.ce_of_one_sample": {"en": "cross_entropy_error for one sample",
                              "ko": "샘플 하나에 대한 cross_entropy_error"},
    "ch06.y_1d_and": {"en": "y of shape ({c},) and {kind}", "ko": "형상이 ({c},)인 y, {kind}"},
    "ch06.y_batch_of_one": {"en": "y of shape (1, {c})", "ko": "형상이 (1, {c})인 y"},
    "ch06.with_integer_labels": {"en": "{batch} with integer labels t of shape ({n},)",
                                 "ko": "{batch}, 형상이 ({n},)인 정수 레이블 t"},
    "ch06.swl_forward_for": {"en": "SoftmaxWithLoss.forward(x, t) for {description}",
                             "ko": "{description}에 대한 SoftmaxWithLoss.forward(x, t)"},
    "ch06.swl_backward_default_for": {
        "en": "SoftmaxWithLoss.backward() (default dout = 1) for {description}",
        "ko": "{description}에 대한 SoftmaxWithLoss.backward() (기본값 dout = 1)"},
    "ch06.swl_backward_for": {"en": "SoftmaxWithLoss.backward(dout={dout:.3g}) for {description}",
                              "ko": "{description}에 대한 SoftmaxWithLoss.backward(dout={dout:.3g})"},
    "ch06.dx_not_x_shape": {
        "en": "✗ dx = {what} should be an array of x's shape {shape}, but is {shown}.",
        "ko": "✗ dx = {what}: x와 형상이 같은 {shape} 배열이어야 하는데, 실제로는 "
              "{shown}입니다."},
    "ch06.one_hot_t": {"en": "one-hot t", "ko": "원-핫 t"},
    "ch06.swl_losses_of": {"en": "the losses of SoftmaxWithLoss.forward for x of shape {shape}",
                           "ko": "형상이 {shape}인 x에 대한 SoftmaxWithLoss.forward의 손실"},
    "ch06.swl_dx_of": {
        "en": "dx = SoftmaxWithLoss.backward(dout={dout:.3g}) for x of shape {shape}",
        "ko": "형상이 {shape}인 x에 대한 dx = SoftmaxWithLoss.backward(dout={dout:.3g})"},
    "ch06.softmax_forward_for": {"en": "Softmax.forward(x) for {description}",
                                 "ko": "{description}에 대한 Softmax.forward(x)"},
    "ch06.softmax_forward_shape": {
        "en": "✗ Softmax.forward(x) for {description} should be an array of x's shape {shape}.",
        "ko": "✗ {description}에 대한 Softmax.forward(x): x와 형상이 같은 {shape} 배열이어야 "
              "합니다."},
    "ch06.softmax_backward_for": {"en": "Softmax.backward(dout) for {description}",
                                  "ko": "{description}에 대한 Softmax.backward(dout)"},
})

SECTION_SOFTMAX = see("ch06_softmax_with_loss", "3 · A batch: one softmax per row", "§3.5.2")  # not for students (a heading)
SECTION_OVERFLOW = see("ch06_softmax_with_loss", "2 · Overflow, and the max trick", "§3.5.2")  # not for students (a heading)
SECTION_CE = see("ch06_softmax_with_loss", "4 · Cross-entropy error", "§4.2.2, §4.2.4")  # not for students (a heading)
SECTION_SWL = see("ch06_softmax_with_loss", "5 · The Softmax-with-Loss layer", "§5.6.3")  # not for students (a heading)
SECTION_NAN = see("ch06_softmax_with_loss", "2 · Overflow, and the max trick", "§3.5.2, §4.2.2")  # not for students (a heading)
SECTION_DOUT = see("ch06_softmax_with_loss", "7 · Why `backward` takes `dout`", "§5.6.3")  # not for students (a heading)
SECTION_SOFTMAX_LAYER = see("ch02_chain_rule", "5. Fan-out: when one value is used twice", "§5.6.3, §A")  # not for students (a heading)
LARGE = 1000.0        # scores this large overflow np.exp (exp(710) is already inf)
LIKELY_GAP = 2.0      # labels for gradient checks: a score within this of the row's max
SAME_RTOL, SAME_ATOL = 1e-9, 1e-12   # "the same loss": two ways of giving the same classes

# ---- Causes, as keys of WORDS (the judges name the same mistakes in the same words).
SOFTMAX_KEEPDIMS = "ch06.softmax_keepdims"
SOFTMAX_ONE_SAMPLE = "ch06.softmax_one_sample"
SOFTMAX_NOT_FINITE = "ch06.softmax_not_finite"
SOFTMAX_IN_PLACE = "ch06.softmax_in_place"
LABELS_AS_ONE_HOT = "ch06.labels_as_one_hot"
ONE_SAMPLE_BATCH = "ch06.one_sample_not_reshaped"
LOG_ZERO = "ch06.log_of_zero"
CE_IN_PLACE = "ch06.ce_in_place"
CE_NOT_SUMMED = "ch06.ce_not_summed"
BOOK_IGNORES_DOUT = "ch06.book_ignores_dout"
IGNORES_DOUT = "ch06.ignores_dout"
LABELS_IN_BACKWARD = "ch06.labels_in_backward"
LABELS_IN_FORWARD = "ch06.labels_in_forward"    # say it with labels_in_forward()
SWL_SHAPES = "ch06.swl_shapes"
SWL_IN_PLACE = "ch06.swl_in_place"
SWL_NOT_A_NUMBER = "ch06.swl_not_a_number"
NO_DEFAULT_DOUT = "ch06.no_default_dout"
SOFTMAX_FIRST = "ch06.softmax_first"
SOFTMAX_LAYER_KEEPDIMS = "ch06.softmax_layer_keepdims"
SOFTMAX_LAYER_SAVED = "ch06.softmax_layer_saved"


def labels_in_forward() -> str:
    """The words of LABELS_IN_FORWARD: integer labels must work too, and why they fail."""
    return say(LABELS_IN_FORWARD, cause=say(LABELS_AS_ONE_HOT))


def one_sample_cause(is_labels: bool) -> str:
    """The words for one sample (C,) that was not made a batch of one (labels: (1,) then)."""
    text = say(ONE_SAMPLE_BATCH)
    return say("ch06.one_sample_labels", one_sample=text,
               labels=say(LABELS_AS_ONE_HOT)) if is_labels else text


# =========================================================================== helpers


def _scale(rng: np.random.Generator) -> float:
    """The spread of ordinary scores: small, moderate or wide."""
    return float(rng.choice([0.5, 2.0, 6.0]))


def _large_scores(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    """(n, c) scores, rows near +1000 and near −1000 (both signs when n ≥ 2)."""
    signs = rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))
    return LARGE * signs[:, None] + rng.normal(0.0, 3.0, (n, c))


def _one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def _likely_labels(rng: np.random.Generator, scores: np.ndarray) -> np.ndarray:
    """One label per row, among the classes whose score is within LIKELY_GAP of the row's
    max (the row's max always qualifies)."""
    near = scores >= scores.max(axis=1, keepdims=True) - LIKELY_GAP
    return np.array([rng.choice(np.flatnonzero(row)) for row in near])


def _probabilities(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    """(n, c) rows of positive numbers that sum to 1 (not a softmax of anything)."""
    y = rng.uniform(0.05, 1.0, (n, c))
    return y / y.sum(axis=1, keepdims=True)


def head(error: Exception) -> str:
    """The first part of a failure's message (without its "Likely cause"), marked with ✗.
    The cause is cut off where the diagnosis's own words begin, in whatever language."""
    text = str(error)
    diagnosis = getattr(error, "diagnosis", None)
    cause = diagnosis.cause() if diagnosis is not None and diagnosis.words else ""
    if cause and text.endswith(cause) and "\n" in text[:-len(cause)]:
        text = text[:-len(cause)].rsplit("\n", 1)[0]
    else:
        text = text.split("\nLikely cause:", 1)[0]
    return text if text.startswith("✗") else f"✗ {text}"


def _not_written(error: CheckFailed) -> bool:
    """The student's code still raises NotImplementedError (runtime.call said so)."""
    diagnosis = getattr(error, "diagnosis", None)
    return getattr(diagnosis, "name", None) == "not_implemented" or \
        "not written yet" in str(error)


def _run(fn: Callable, *args, what: str, cause: Callable[[str], str | None] | str | None = None,
         name: str = "raised", section: str | None = None):
    """call(fn, *args); when it raises (other than unwritten code), add a likely cause.

    cause: a text, or a function of the error message returning one (or None, or a pair
    (diagnosis name, text) that overrides ``name``).
    """
    try:
        return call(fn, *args, what=what)
    except CheckFailed as exc:
        text = str(exc)
        found = cause(text) if callable(cause) else cause
        if not found or _not_written(exc):
            raise
        if isinstance(found, tuple):
            name, found = found
        raise fail(head(exc), name, cause=found, section=section) from None


def _expect_unchanged(before: np.ndarray, after: np.ndarray, what: str, argument: str,
                      how: str, section: str) -> None:
    """Fail when a function changed an argument it was given (in-place mutation)."""
    if before.shape == after.shape and np.array_equal(before, after, equal_nan=True):
        return
    raise fail(say("ch06.argument_changed", what=what, argument=argument), "input_mutated",
               cause=how, section=section)


def _expect_number(value, what: str, section: str, cause: str) -> float:
    """value as one float, or CheckFailed when it is not a single number."""
    array = numbers(value)
    if array is None or array.size != 1:
        shape = "None" if value is None else (
            say("ch06.shape_of_array", shape=array.shape) if array is not None
            else type(value).__name__)
        why = say("ch06.forgot_return") if value is None else cause
        raise fail(say("ch06.not_one_number", what=what, shown=shape), "not_a_scalar",
                   cause=why, section=section)
    return float(array.reshape(()))


def _expect_finite(value: float, what: str, cause: str, name: str, section: str) -> None:
    if not np.isfinite(value):
        raise fail(say("ch06.loss_not_finite", what=what, value=value), name, cause=cause,
                   section=section)


def _expect_same(what: str, value, other, how: str, cause: str, section: str) -> None:
    """Two ways of asking the same question must give the same answer."""
    a, b = numbers(value), numbers(other)
    if a is not None and b is not None and a.shape == b.shape and np.allclose(
            a, b, rtol=SAME_RTOL, atol=SAME_ATOL):
        return
    def shown(v) -> str:
        if numbers(v) is None:
            return type(v).__name__
        return np.array2string(np.asarray(v, dtype=float), precision=6, threshold=8)

    raise fail(say("ch06.differ", what=what, first=shown(value), how_first=how[0],
                   second=shown(other), how_second=how[1]),
               "inconsistent", cause=cause, section=section)


# =========================================================================== softmax


def _softmax_error_cause(x: np.ndarray) -> Callable[[str], str | None]:
    def cause(text: str) -> str | None:
        if "broadcast" in text:
            return "softmax_keepdims", say(SOFTMAX_KEEPDIMS)
        if x.ndim == 1 and "axis" in text.lower():
            return "softmax_one_sample", say(SOFTMAX_ONE_SAMPLE)
        return None
    return cause


def _softmax_cases(rng: np.random.Generator):
    """(scores, description): a batch, one sample, a batch of one, then huge scores."""
    n, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    yield rng.normal(0.0, _scale(rng), (n, c)), say("ch06.batch_x", n=n, c=c)
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), c1), say("ch06.one_sample_x", c=c1)
    yield rng.normal(0.0, _scale(rng), (1, c)), say("ch06.batch_of_one_x", c=c)
    n2 = int(rng.integers(2, 6))
    yield _large_scores(rng, n2, c), say("ch06.large_batch", n=n2, c=c)
    yield (LARGE * rng.choice([-1.0, 1.0]) + rng.normal(0.0, 3.0, c1),
           say("ch06.large_sample", c=c1))


def softmax(softmax, seed: int | None = None) -> None:
    rng = rng_for("softmax", seed)
    for x, description in _softmax_cases(rng):
        name = say("ch06.softmax_of", description=description)
        given = x.copy()
        got = _run(softmax, given, what=name, cause=_softmax_error_cause(x),
                   section=SECTION_SOFTMAX)
        _expect_unchanged(x, given, "softmax", "x", say(SOFTMAX_IN_PLACE), SECTION_SOFTMAX)
        values = numbers(got)
        if values is None or values.shape != x.shape:
            shown = "None" if got is None else (
                say("ch06.shape", shape=values.shape) if values is not None
                else type(got).__name__)
            raise fail(say("ch06.not_x_shape", what=name, shape=x.shape, shown=shown),
                       "returned_none" if got is None else "wrong_shape",
                       cause=say("ch06.forgot_return") if got is None else
                       say("ch06.softmax_shape"),
                       section=SECTION_SOFTMAX)
        if not np.all(np.isfinite(values)):
            raise fail(say("ch06.not_finite", what=name), "not_finite",
                       cause=say(SOFTMAX_NOT_FINITE), section=SECTION_OVERFLOW)


# =========================================================================== cross-entropy


def _ce_error_cause(is_labels: bool, one_sample: bool) -> Callable[[str], tuple | None]:
    def cause(text: str) -> tuple | None:
        if is_labels and not one_sample:
            return "labels_as_one_hot", say(LABELS_AS_ONE_HOT)
        if one_sample:
            return "one_sample_not_reshaped", one_sample_cause(is_labels)
        return None
    return cause


def _ce_loss(cross_entropy_error, y, t, description: str, one_sample: bool) -> float:
    """The loss for y and t (copies), checked: it runs, leaves y and t alone, is one number."""
    name = say("ch06.ce_for", description=description)
    is_labels = t.dtype.kind in "iu" and t.shape != y.shape
    y_given, t_given = y.copy(), t.copy()
    got = _run(cross_entropy_error, y_given, t_given, what=name,
               cause=_ce_error_cause(is_labels, one_sample), section=SECTION_CE)
    for before, after, argument in ((y, y_given, "y"), (t, t_given, "t")):
        _expect_unchanged(before, after, "cross_entropy_error", argument, say(CE_IN_PLACE),
                          SECTION_CE)
    value = _expect_number(got, name, SECTION_CE, say(CE_NOT_SUMMED))
    _expect_finite(value, name, say(LOG_ZERO), "log_of_zero", SECTION_CE)
    return value


def cross_entropy_error(cross_entropy_error, seed: int | None = None) -> None:
    """Batches with one-hot and integer labels, one sample (C,) with a one-hot t and with a
    label t = np.array([k]), a batch of one; one sample whose true class has probability 0."""
    rng = rng_for("cross_entropy_error", seed)
    for sure_and_wrong in (False, True):        # a batch: labels and one-hot agree
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 8))
        y, labels = _probabilities(rng, n, c), rng.integers(0, c, size=n)
        what = say("ch06.ce_batch_y", n=n, c=c)
        if sure_and_wrong:
            i = int(rng.integers(n))
            y[i, labels[i]] = 0.0
            y[i] /= y[i].sum()
            what = say("ch06.ce_sure_and_wrong", batch=what, i=i)
        by_labels = _ce_loss(cross_entropy_error, y, labels,
                             say("ch06.ce_with_labels", batch=what, n=n), False)
        one_hot = _ce_loss(cross_entropy_error, y, _one_hot(labels, c),
                           say("ch06.with_one_hot_t", batch=what), False)
        _expect_same(say("ch06.ce_of_batch", batch=what), by_labels, one_hot,
                     (say("ch06.integer_labels"), say("ch06.same_classes_one_hot")),
                     say(LABELS_AS_ONE_HOT), SECTION_CE)
    c = int(rng.integers(2, 11))                # one sample: 1-D and a batch of one agree
    y, label = _probabilities(rng, 1, c), rng.integers(0, c, size=1)
    as_batch = _ce_loss(cross_entropy_error, y, label, say("ch06.ce_batch_of_one", c=c), False)
    for t, kind in ((_one_hot(label, c)[0], say("ch06.one_hot_t_of_shape", c=c)),
                    (label, say("ch06.its_label", label=label[0]))):
        single = _ce_loss(cross_entropy_error, y[0], t,
                          say("ch06.ce_one_sample_with", c=c, kind=kind), True)
        _expect_same(say("ch06.ce_of_one_sample"), single, as_batch,
                     (say("ch06.y_1d_and", c=c, kind=kind), say("ch06.y_batch_of_one", c=c)),
                     say(ONE_SAMPLE_BATCH), SECTION_CE)


# =========================================================================== SoftmaxWithLoss


def _swl_cases(rng: np.random.Generator):
    """(x, labels, one-hot?, dout): one-hot t, integer labels (N ≠ C), a batch of one."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), True, float(rng.uniform(1.5, 3.0))
    n = int(rng.integers(2, 5))
    c = int(rng.choice([k for k in range(2, 6) if k != n]))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), False, float(rng.uniform(0.2, 0.7))
    c = int(rng.integers(2, 8))
    x = rng.normal(0.0, _scale(rng), (1, c))
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(0.5, 2.0))


def _describe(x: np.ndarray, t: np.ndarray) -> str:
    n, c = x.shape
    batch = say("ch06.batch_of_one_x", c=c) if n == 1 else say("ch06.batch_x", n=n, c=c)
    return (say("ch06.with_one_hot_t", batch=batch) if t.shape == x.shape else
            say("ch06.with_integer_labels", batch=batch, n=n))


def _swl_forward_cause(is_labels: bool) -> Callable[[str], tuple | None]:
    def cause(text: str) -> tuple | None:
        if is_labels:
            return "labels_in_forward", labels_in_forward()
        return ("swl_shapes", say(SWL_SHAPES)) if "broadcast" in text else None
    return cause


def _swl_loss(SoftmaxWithLoss, x, t, description: str):
    """A fresh layer and its loss for x and t (copies), checked: forward runs, leaves x and
    t alone, returns one finite number."""
    is_labels = t.shape != x.shape
    layer = call(SoftmaxWithLoss, what="SoftmaxWithLoss()")
    name = say("ch06.swl_forward_for", description=description)
    x_given, t_given = x.copy(), t.copy()
    got = _run(method(layer, "forward", "SoftmaxWithLoss"), x_given, t_given, what=name,
               cause=_swl_forward_cause(is_labels), section=SECTION_SWL)
    for before, after, argument in ((x, x_given, "x"), (t, t_given, "t")):
        _expect_unchanged(before, after, "SoftmaxWithLoss.forward", argument,
                          say(SWL_IN_PLACE), SECTION_SWL)
    value = _expect_number(got, name, SECTION_SWL, say(SWL_NOT_A_NUMBER))
    if not np.isfinite(value):
        _expect_finite(value, name, say(LOG_ZERO) if value == np.inf else
                       nan_loss_cause(getattr(layer, "y", None), x.shape), "not_finite",
                       SECTION_CE if value == np.inf else SECTION_NAN)
    return layer, value


def nan_loss_cause(kept_y, x_shape: tuple) -> str:
    """Where a NaN loss comes from, judged by the softmax output the layer kept (self.y):
    NaN in it, or rows that sum to 1 (then the log made the NaN)."""
    y = numbers(kept_y)
    if y is not None and y.shape == tuple(x_shape):
        if not np.all(np.isfinite(y)):
            return say("ch06.swl_nan_in_softmax", cause=say(SOFTMAX_NOT_FINITE))
        if np.allclose(np.sum(y, axis=1), 1.0):
            return say("ch06.swl_nan_in_log")
    return say("ch06.swl_nan_somewhere", cause=say(SOFTMAX_NOT_FINITE))


def backward_raised(message: str, is_labels: bool, default: bool) -> tuple[str, str] | None:
    """(diagnosis name, words) for a backward that raised, from its message alone."""
    if default and "positional argument" in message:
        return "no_default_dout", say(NO_DEFAULT_DOUT)
    if is_labels:
        return "labels_in_backward", say(LABELS_IN_BACKWARD)
    return None


def _swl_backward(layer, x, t, dout, description: str):
    """layer.backward(dout), or layer.backward() when dout is None; dx of x's shape."""
    is_labels = t.shape != x.shape
    backward = method(layer, "backward", "SoftmaxWithLoss")
    if dout is None:
        what = say("ch06.swl_backward_default_for", description=description)
        args = ()
    else:
        what = say("ch06.swl_backward_for", dout=dout, description=description)
        args = (np.float64(dout),)
    try:
        got = call(backward, *args, what=what)
    except CheckFailed as exc:
        found = None if _not_written(exc) else \
            backward_raised(str(exc), is_labels, dout is None)
        if found is None:
            raise
        raise fail(head(exc), found[0], cause=found[1], section=SECTION_SWL) from None
    values = numbers(got)
    if values is None or values.shape != x.shape:
        shown = "None" if got is None else (
            say("ch06.shape", shape=values.shape) if values is not None
            else type(got).__name__)
        raise fail(say("ch06.dx_not_x_shape", what=what, shape=x.shape, shown=shown),
                   "returned_none" if got is None else "wrong_shape",
                   cause=say("ch06.forgot_return_dx") if got is None else
                   say("ch06.swl_dx_shape"),
                   section=SECTION_SWL)
    return values


def softmax_with_loss(SoftmaxWithLoss, seed: int | None = None) -> None:
    """The API on each case (one-hot and integer labels agree), the engine's behaviour
    checks, then dx against numerical derivatives of the layer's own loss."""
    rng = rng_for("softmax_with_loss", seed)
    cases = list(_swl_cases(rng))
    for x, labels, one_hot, dout in cases:
        c = x.shape[1]
        t, other = (_one_hot(labels, c), labels) if one_hot else (labels, _one_hot(labels, c))
        kinds = ((say("ch06.one_hot_t"), say("ch06.integer_labels")) if one_hot else
                 (say("ch06.integer_labels"), say("ch06.one_hot_t")))
        layer, loss = _swl_loss(SoftmaxWithLoss, x, t, _describe(x, t))
        dx = _swl_backward(layer, x, t, dout, _describe(x, t))
        layer, _ = _swl_loss(SoftmaxWithLoss, x, t, _describe(x, t))
        _swl_backward(layer, x, t, None, _describe(x, t))
        # the same classes, given the other way: the same loss and the same dx
        other_layer, other_loss = _swl_loss(SoftmaxWithLoss, x, other, _describe(x, other))
        _expect_same(say("ch06.swl_losses_of", shape=x.shape), loss,
                     other_loss, kinds, labels_in_forward(), SECTION_SWL)
        other_dx = _swl_backward(other_layer, x, other, dout, _describe(x, other))
        _expect_same(say("ch06.swl_dx_of", dout=dout, shape=x.shape),
                     dx, other_dx, kinds, say(LABELS_IN_BACKWARD), SECTION_SWL)

    # behaviour: linear in dout, inputs unchanged, repeatable, latest forward, shapes, ±1000
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    one_hot = bool(rng.integers(2))

    def scores_and_labels():
        x = rng.normal(0.0, 2.0, (n, c))
        labels = _likely_labels(rng, x)
        return x, (_one_hot(labels, c) if one_hot else labels)

    x, t = scores_and_labels()
    x_earlier, t_earlier = scores_and_labels()
    x_large = _large_scores(rng, n, c)
    t_large = gradcheck.random_labels(rng, n, c, one_hot=one_hot)
    behaviour.check_behaviour(SoftmaxWithLoss, (x, t), float(rng.uniform(1.5, 3.0)),
                              earlier_inputs=(x_earlier, t_earlier),
                              large_inputs=(x_large, t_large), section=SECTION_SWL)

    # dx against numerical derivatives of dout · loss, through the engine
    for x, labels, one_hot, dout in cases:
        t = _one_hot(labels, x.shape[1]) if one_hot else labels
        gradcheck.check_layer_backward(
            call(SoftmaxWithLoss, what="SoftmaxWithLoss()"), (x, t), dout,
            layer_name="SoftmaxWithLoss", rng=rng, batch_size=len(x), section=SECTION_SWL)


# =========================================================================== Softmax (a layer)


def _softmax_layer_cases(rng: np.random.Generator):
    """(x, description): a batch (N ≠ C), one sample (C,), a batch of one, a square batch."""
    n, c = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    if n == c:
        c += 1
    yield rng.normal(0.0, _scale(rng), (n, c)), say("ch06.batch_x", n=n, c=c)
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), c1), say("ch06.one_sample_x", c=c1)
    yield rng.normal(0.0, _scale(rng), (1, c)), say("ch06.batch_of_one_x", c=c)
    k = int(rng.integers(2, 6))
    yield rng.normal(0.0, _scale(rng), (k, k)), say("ch06.square_batch_x", n=k)


def _softmax_layer_backward_cause(text: str) -> tuple | None:
    if "broadcast" in text:
        return "softmax_layer_keepdims", say(SOFTMAX_LAYER_KEEPDIMS)
    if "AttributeError" in text:
        return "missing_attribute", say(SOFTMAX_LAYER_SAVED)
    return None


def _softmax_layer_forward_cause(text: str) -> tuple | None:
    return "softmax_first", say(SOFTMAX_FIRST)


def _softmax_layer_runs(Softmax, x: np.ndarray, dout: np.ndarray, description: str) -> None:
    """A fresh layer: forward returns x's shape, backward runs and returns x's shape."""
    layer = call(Softmax, what="Softmax()")
    out = _run(method(layer, "forward", "Softmax"), x.copy(),
               what=say("ch06.softmax_forward_for", description=description),
               cause=_softmax_layer_forward_cause,
               section=SECTION_SOFTMAX)
    values = numbers(out)
    if values is None or values.shape != x.shape:
        raise fail(say("ch06.softmax_forward_shape", description=description, shape=x.shape),
                   "softmax_first", cause=say(SOFTMAX_FIRST), section=SECTION_SOFTMAX)
    what = say("ch06.softmax_backward_for", description=description)
    got = _run(method(layer, "backward", "Softmax"), dout.copy(), what=what,
               cause=_softmax_layer_backward_cause, section=SECTION_SOFTMAX_LAYER)
    values = numbers(got)
    if values is None or values.shape != x.shape:
        shown = "None" if got is None else (
            say("ch06.shape", shape=values.shape) if values is not None
            else type(got).__name__)
        raise fail(say("ch06.dx_not_x_shape", what=what, shape=x.shape, shown=shown),
                   "returned_none" if got is None else "wrong_shape",
                   cause=say("ch06.forgot_return_dx") if got is None else
                   say("ch06.softmax_layer_dx_shape"),
                   section=SECTION_SOFTMAX_LAYER)


def softmax_layer(Softmax, seed: int | None = None) -> None:
    """On each case: the calls run and give x's shape, the engine's behaviour checks, then dx
    against numerical derivatives of sum(forward(x) · dout), the student's own forward."""
    rng = rng_for("softmax_layer", seed)
    for x, description in _softmax_layer_cases(rng):
        dout = rng.standard_normal(x.shape)
        _softmax_layer_runs(Softmax, x, dout, description)
        behaviour.check_behaviour(Softmax, (x,), dout,
                                  earlier_inputs=(rng.normal(0.0, 2.0, x.shape),),
                                  section=SECTION_SOFTMAX_LAYER)
        gradcheck.check_layer_backward(call(Softmax, what="Softmax()"), (x,), dout,
                                       layer_name="Softmax", rng=rng,
                                       section=SECTION_SOFTMAX_LAYER)
