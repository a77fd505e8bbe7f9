"""Judges of lab ch07_two_layer_net: TwoLayerNet.gradient, sgd_step, train on MNIST,
gradient_check and TwoLayerNetWithDecay (weight decay, derived by the student; see its
section below).

gradient_test. Small random networks (the first one square, N = D = H = C, so that a
backward pass in forward order, one that skips the last layer (dout = 1 into Affine2) and
gradients read from the wrong layer keep their shapes and run to the end; batch 1;
batch N after a forward pass on another batch; batch N), each ``gradient(x, t)`` compared
with the reference's, key by key. The layers pasted from labs 4-6 are called alone too:
when the gradient is wrong because of one of them, that layer is named ("not your gradient
but the SoftmaxWithLoss you pasted"). Otherwise the cause comes from what the grader can
see: the exception gradient raised (last_layer, a number reaching an Affine layer as dout,
None from a layer whose forward never ran), the calls made (counted while gradient runs:
no forward pass, no last-layer backward, Relu skipped), and suspects computed from the
reference's formulas (the wrong layer, the parameter itself, no ReLU, forward order, dout =
the loss, the state of the earlier batch).

A gradient computed numerically earns nothing (autograder/judging/numerical.py):
* the calls of loss, predict, the layers' forward, softmax, cross_entropy_error and the
  numerical_gradient helpers are counted while gradient runs: an analytic gradient makes
  one forward pass (ANALYTIC_PASSES allows one more, recomputed: a numerical one makes at
  least 2 per parameter, 24 on the smallest network here);
* two probe networks where every analytic gradient is exact to rounding and no finite
  difference is: a sample whose true class has a probability of e^-35 to e^-60 (the loss
  takes log(y + 1e-7), flat there: its numerical derivative is ~0 where the analytic one,
  (y − t)/N, is −1/N), and a sample whose hidden pre-activations are all within 1e-11 to
  1e-9 of ReLU's kink (any step straddles it). There the gradient is compared with a
  per-element tolerance of ANALYTIC_K·eps times what rounding can reach (the absolute
  values propagated through the same products), calibrated in tests/test_numerical.py.
  A regular case that misses by less than NEAR_MISS (relative) while the probes refuse it
  is named numerical too.

sgd_step_test. Random parameter dicts: the arrays that were in params must move by
−lr·grads, in place (a new array in the dict, values returned instead, a plus sign, no lr,
the parameter as its own gradient are named).

train_test. A cheap structure case first: the student's network on one-hot inputs
(x_train = the identity, so the rows of a layer's dW show which samples a mini-batch held
and with which labels), three calls of train with iters = 1 (twice with lr = 0, then with
lr > 0): the losses returned, one gradient per iteration, a mini-batch (not the whole set,
not the same one twice, its labels its own), and the update (in place, −lr·the gradient
the layers hold). Then the seeded MNIST run of the hidden check's size, whose test
accuracy the grader measures with the weights the network's layers hold. When the network
does not learn, the cause is looked for in the pasted layers and in gradient, with the
reference's values computed here (this judge needs no run of the reference: the MNIST run
would double its cost).
"""
from __future__ import annotations

import re

import numpy as np

from autograder.checks import ch07_two_layer_net as ch07
from autograder.checks.diagnose import Diagnosis, diagnose, numbers, said
from autograder.checks.gradcheck import random_labels
from autograder.checks.runtime import rng_for
from autograder.checks.sections import Both, Section, see
from autograder.checks.words import catalogue, say
from autograder.judging.compare import difference, relative_error
from autograder.judging.judge import Case, Finding, Judge
from autograder.judging.layers import CASES
from autograder.judging.numerical import DERIVED, EPS, Analytic
from autograder.judging.program import (
    Raised,
    assign,
    call,
    expr,
    get,
    let,
    ref,
    unwatch,
    watch,
)

WORDS = catalogue({
    # ---- labels: what a bound name is, in the words of a problem ("… was never reached")
    "ch07.judge.label.warmup": {
        "en": "TwoLayerNet.loss(…) on an earlier batch",
        "ko": "앞선 배치에 대한 TwoLayerNet.loss(…)"},
    "ch07.judge.label.params_after": {
        "en": "self.params['{key}'] after {call}",
        "ko": "{call} 호출 뒤의 self.params['{key}']"},
    "ch07.judge.label.swl_loss": {
        "en": "the loss of SoftmaxWithLoss.forward(x, t)",
        "ko": "SoftmaxWithLoss.forward(x, t)의 손실 값"},
    "ch07.judge.label.swl_y": {
        "en": "SoftmaxWithLoss.y (the softmax of forward)",
        "ko": "SoftmaxWithLoss.y (forward에서 구한 소프트맥스 출력)"},
    "ch07.judge.label.affine_dx": {
        "en": "dx from Affine.backward(dout)",
        "ko": "Affine.backward(dout)에서 나온 dx"},
    "ch07.judge.label.relu_dx": {
        "en": "dx from Relu.backward(dout)",
        "ko": "Relu.backward(dout)에서 나온 dx"},
    "ch07.judge.label.swl_loss_calls": {
        "en": "SoftmaxWithLoss.forward (or softmax or cross_entropy_error, which it calls)",
        "ko": "SoftmaxWithLoss.forward (또는 그 안에서 호출하는 softmax나 cross_entropy_error)"},
    "ch07.judge.label.sgd_array": {
        "en": "the array params['{key}'] held before sgd_step, afterwards (sgd_step must change "
              "it in place)",
        "ko": "sgd_step 호출 전에 params['{key}']에 들어 있던 배열의 호출 뒤 값 (sgd_step은 이 "
              "배열을 제자리에서 바꿔야 합니다)"},
    "ch07.judge.label.history": {
        "en": "train(network, x_train, t_train, …) on MNIST",
        "ko": "MNIST에서 실행한 train(network, x_train, t_train, …)"},
    "ch07.judge.label.train_once": {
        "en": "train(network, x_train, t_train, iters=1, batch_size={batch}, lr={rate:g}, rng)",
        "ko": "train(network, x_train, t_train, iters=1, batch_size={batch}, lr={rate:g}, rng) "
              "호출"},
    "ch07.judge.label.after_one_iteration": {
        "en": "network.params['{key}'] after one iteration of train (lr = {lr:g})",
        "ko": "train을 한 번 반복한 뒤의 network.params['{key}'] (lr = {lr:g})"},
    "ch07.judge.label.check_on": {
        "en": "gradient_check on {kind}",
        "ko": "{kind}에 대한 gradient_check"},
    "ch07.judge.label.check_call_on": {
        "en": "gradient_check(layer, x) on {kind}",
        "ko": "{kind}에 대한 gradient_check(layer, x)"},

    # ---- what happened while the cases ran
    "ch07.judge.raised": {
        "en": "{what} raised {error}",
        "ko": "{what}에서 {error} 예외가 발생했습니다"},
    "ch07.judge.raised_with_message": {
        "en": "{what} raised {error}: {message}",
        "ko": "{what}에서 {error} 예외가 발생했습니다: {message}"},
    "ch07.judge.not_written": {
        "en": "{what} is not written yet: it still raises NotImplementedError. Write your code "
              "where it says YOUR CODE HERE and delete the raise line",
        "ko": "{what} 코드를 아직 작성하지 않았습니다. 여전히 NotImplementedError를 발생시킵니다. "
              "YOUR CODE HERE 자리에 코드를 작성하고 raise 줄을 지우세요"},

    # ---- gradient
    "ch07.judge.dout_a_number": {
        "en": "dout reached an Affine layer as a single number: {cause}",
        "ko": "dout이 숫자 하나인 채로 Affine 계층에 도달했습니다. {cause}"},
    "ch07.judge.backward_order": {
        "en": "a layer's backward got a dout of the wrong shape: the backward pass must start at "
              "the last layer (self.lastLayer) and then go through self.layers in reverse order "
              "(Affine2, Relu1, Affine1), each layer getting the dout the layer after it "
              "returned",
        "ko": "어떤 계층의 backward가 형상이 틀린 dout을 받았습니다. 역전파는 마지막 계층"
              "(self.lastLayer)에서 시작해 self.layers를 역순(Affine2, Relu1, Affine1)으로 "
              "지나가야 하며, 각 계층은 바로 뒤 계층이 반환한 dout을 받습니다"},
    "ch07.judge.wrong_layer": {
        "en": "grads['{key}'] holds the gradient of {theirs}: {key} belongs to "
              "self.layers['{mine}'], so read self.layers['{mine}'].{attr}",
        "ko": "grads['{key}']에 {theirs}의 기울기가 들어 있습니다. {key}의 기울기는 그 매개변수를 "
              "가진 계층에서, 즉 self.layers['{mine}'].{attr}에서 읽으세요"},
    "ch07.judge.parameter_itself": {
        "en": "grads['{key}'] holds the parameter itself, not its gradient: read the gradient "
              "the Affine layer stored in backward",
        "ko": "grads['{key}']에 기울기가 아니라 매개변수 자체가 들어 있습니다. Affine 계층이 "
              "backward에서 저장한 기울기를 읽으세요"},
    "ch07.judge.relu_skipped": {
        "en": "{skipped}; Relu blocks it where its input was ≤ 0",
        "ko": "{skipped}. Relu는 입력이 0 이하였던 곳에서 기울기를 막습니다"},
    "ch07.judge.grads_not_dict": {
        "en": "gradient should return a dict of gradients with the keys of params, 'W1', 'b1', "
              "'W2', 'b2' (grads = {{}}; grads['W1'] = ...; return grads)",
        "ko": "gradient는 params와 같은 키 'W1', 'b1', 'W2', 'b2'를 가진 기울기 dict를 반환해야 "
              "합니다 (grads = {{}}; grads['W1'] = ...; return grads)"},
    "ch07.judge.gradient_changed_params": {
        "en": "{cls}.gradient changed self.params['{key}']",
        "ko": "{cls}.gradient 호출이 self.params['{key}'] 값을 바꿨습니다"},
    "ch07.judge.params_changed": {
        "en": "gradient only computes the gradients; the update is the job of sgd_step (part 2)",
        "ko": "gradient는 기울기를 계산하기만 합니다. 매개변수 갱신은 sgd_step(문제 2)이 할 "
              "일입니다"},
    "ch07.judge.pasted_not_written": {
        "en": "{call} is not written yet (it raises NotImplementedError). {paste}",
        "ko": "{call} 코드를 아직 작성하지 않았습니다(NotImplementedError를 발생시킵니다). "
              "{paste}"},
    "ch07.judge.whole_batch": {
        "en": "softmax was normalised over the whole batch, so the batch sums to 1 instead of "
              "each row: take max and sum per row, np.max(x, axis=1, keepdims=True) and "
              "np.sum(..., axis=1, keepdims=True); a study note's network with this softmax "
              "stayed near 10 % accuracy",
        "ko": "softmax를 배치 전체에 대해 정규화해서 각 행이 아니라 배치 전체의 합이 1이 "
              "되었습니다. 최댓값과 합을 행마다 구하세요: np.max(x, axis=1, keepdims=True), "
              "np.sum(..., axis=1, keepdims=True). 한 학습 노트의 신경망은 이 softmax 때문에 "
              "정확도가 10 % 근처에 머물렀습니다"},
    "ch07.judge.pasted_layer_wrong": {
        "en": "not your gradient but the {layer} you pasted in the first answer cell (from lab "
              "{lab}): {problem}. Fix it there and run the notebook again",
        "ko": "문제는 gradient가 아니라 첫 번째 답안 셀에 붙여 넣은 {layer}(실습 {lab})에 "
              "있습니다: {problem}. 그 셀에서 고친 다음 노트북을 다시 실행하세요"},
    "ch07.judge.pasted_layer_wrong_because": {
        "en": "not your gradient but the {layer} you pasted in the first answer cell (from lab "
              "{lab}): {problem}; {cause}. Fix it there and run the notebook again",
        "ko": "문제는 gradient가 아니라 첫 번째 답안 셀에 붙여 넣은 {layer}(실습 {lab})에 "
              "있습니다: {problem}. 원인: {cause}. 그 셀에서 고친 다음 노트북을 다시 실행하세요"},

    # ---- sgd_step
    "ch07.judge.sgd.plus": {
        "en": "the update adds the gradient: gradient descent moves AGAINST the gradient, "
              "params[key] -= lr * grads[key] (a minus sign), or the loss grows",
        "ko": "갱신에서 기울기를 더했습니다. 경사 하강법은 기울기의 반대 방향으로 움직입니다: "
              "params[key] -= lr * grads[key] (마이너스 부호). 더하면 손실이 커집니다"},
    "ch07.judge.sgd.no_lr": {
        "en": "the learning rate is missing: the step is lr * grads[key]",
        "ko": "학습률이 빠졌습니다. 한 걸음은 lr * grads[key]입니다"},
    "ch07.judge.sgd.not_updated": {
        "en": "params['{key}'] did not change: update every parameter, the biases b1, b2 as "
              "well as the weights W1, W2 (loop over all the keys)",
        "ko": "params['{key}'] 값이 바뀌지 않았습니다. 가중치 W1, W2뿐 아니라 편향 b1, b2까지 "
              "모든 매개변수를 갱신하세요 (모든 키에 대해 반복하세요)"},
    "ch07.judge.sgd.params_as_gradient": {
        "en": "the step used the parameter instead of its gradient: params[key] -= "
              "lr * grads[key]",
        "ko": "기울기 대신 매개변수 자체로 한 걸음을 옮겼습니다: params[key] -= "
              "lr * grads[key]"},
    "ch07.judge.sgd.divided_by_lr": {
        "en": "the gradient was divided by lr; multiply: lr * grads[key]",
        "ko": "기울기를 lr로 나눴습니다. 곱하세요: lr * grads[key]"},
    "ch07.judge.sgd.rebound": {
        "en": "after sgd_step, params['{key}'] is a new array; the array it held before (the "
              "one a layer holds) {state}",
        "ko": "sgd_step 뒤에 params['{key}']에 새 배열이 들어 있습니다. 원래 들어 있던 배열"
              "(계층이 가진 배열)은 {state}"},
    "ch07.judge.sgd.rebound_unchanged": {"en": "is unchanged", "ko": "바뀌지 않았습니다"},
    "ch07.judge.sgd.rebound_changed": {"en": "changed too", "ko": "값이 바뀌기는 했습니다"},
    "ch07.judge.sgd.returned_not_updated": {
        "en": "sgd_step returned the updated parameters, but params['{key}'] did not change",
        "ko": "sgd_step이 갱신한 매개변수를 반환했지만 params['{key}'] 값은 바뀌지 않았습니다"},

    # ---- train
    "ch07.judge.gradient_wrong": {
        "en": "TwoLayerNet.gradient is not right yet (part 1 says: {problem})",
        "ko": "TwoLayerNet.gradient가 아직 올바르지 않습니다 (문제 1의 검사 결과: {problem})"},
    "ch07.judge.gradient_wrong_because": {
        "en": "; likely cause: {cause}",
        "ko": ". 가장 그럴듯한 원인: {cause}"},
    "ch07.judge.train_not_written": {
        "en": "not written yet: train, or sgd_step which it calls, still raises "
              "NotImplementedError. Write your code where it says YOUR CODE HERE and delete the "
              "raise line",
        "ko": "아직 작성하지 않은 코드가 있습니다. train 또는 train이 호출하는 sgd_step이 여전히 "
              "NotImplementedError를 발생시킵니다. YOUR CODE HERE 자리에 코드를 작성하고 raise "
              "줄을 지우세요"},
    "ch07.judge.train_returned_none": {
        "en": "train returned None",
        "ko": "train이 None을 반환했습니다"},
    "ch07.judge.history_not_numbers": {
        "en": "train should return a list of numbers (the loss of each iteration), but "
              "returned {type}",
        "ko": "train은 숫자 리스트(반복마다의 손실)를 반환해야 하는데, 반환값의 타입은 "
              "{type}입니다"},
    "ch07.judge.history_length": {
        "en": "train returned {count} losses for iters = 1",
        "ko": "iters = 1인데 train이 손실을 {count}개 반환했습니다"},
    "ch07.judge.gradient_calls": {
        "en": "train called network.gradient {calls} times for iters = 1",
        "ko": "iters = 1인데 train이 network.gradient를 {calls}번 호출했습니다"},
    "ch07.judge.whole_training_set": {
        "en": "network.gradient got all {rows} training samples, but batch_size = {batch}",
        "ko": "batch_size = {batch}인데 network.gradient가 훈련 샘플 {rows}개를 모두 받았습니다"},
    "ch07.judge.labels_mismatched": {
        "en": "t_batch does not hold the labels of the samples in x_batch",
        "ko": "t_batch에 x_batch에 든 샘플들의 레이블이 들어 있지 않습니다"},
    "ch07.judge.same_batch": {
        "en": "train used the same mini-batch in every iteration (two calls of train drew the "
              "same samples)",
        "ko": "train이 반복마다 같은 미니배치를 썼습니다 (train을 두 번 호출했더니 같은 샘플을 "
              "뽑았습니다)"},
    "ch07.judge.train_rebound": {
        "en": "after train, network.params['{key}'] is a new array: the network's layers still "
              "hold the old one, which never changed",
        "ko": "train 뒤에 network.params['{key}']에 새 배열이 들어 있습니다. 신경망의 계층은 "
              "여전히 예전 배열을 갖고 있고, 그 배열은 한 번도 바뀌지 않았습니다"},
    "ch07.judge.never_changed": {
        "en": "{what} never changed",
        "ko": "{what}: 값이 전혀 바뀌지 않았습니다"},
    "ch07.judge.training_unfinished": {
        "en": "training did not finish",
        "ko": "학습이 끝까지 진행되지 않았습니다"},
    "ch07.judge.trained_shape": {
        "en": "after train, network.params['{key}'] is not a {shape} array",
        "ko": "train 뒤의 network.params['{key}']: 형상이 {shape}인 배열이 아닙니다"},
    "ch07.judge.accuracy_low": {
        "en": "after train ({iters} iterations on {images} MNIST images), the network's weights "
              "reach a test accuracy of {accuracy:.3f} (at least {threshold} is needed; a "
              "correct network reaches about 0.84)",
        "ko": "train 뒤(MNIST 이미지 {images}장으로 {iters}번 반복) 신경망의 가중치로 얻은 시험 "
              "정확도는 {accuracy:.3f}입니다 (통과 기준: {threshold} 이상. 올바른 신경망은 약 "
              "0.84에 이릅니다)"},

    # ---- gradient_check: the layers it is given (what a case checks)
    "ch07.judge.check.sine": {
        "en": "a sine layer with a correct backward",
        "ko": "backward가 올바른 사인 계층"},
    "ch07.judge.check.sine_dout": {
        "en": "a sine layer with a correct backward, dout given",
        "ko": "dout이 주어진, backward가 올바른 사인 계층"},
    "ch07.judge.check.relu_kink": {
        "en": "a correct ReLU layer, with some inputs exactly at its kink 0 (or within 1e-7 of "
              "it)",
        "ko": "일부 입력이 꺾이는 점 0에 정확히 있거나 1e-7 이내로 가까운, 올바른 ReLU 계층"},
    "ch07.judge.check.square": {
        "en": "a correct square layer (out = x·x) with inputs between 0.001 and 0.01 in size",
        "ko": "입력의 크기가 0.001에서 0.01 사이인 올바른 제곱 계층 (out = x·x)"},
    "ch07.judge.check.large_outputs": {
        "en": "a correct layer out = a·x + c whose outputs are a few thousand (c is)",
        "ko": "출력이 수천 정도인 (c가 그만큼 큰) 올바른 계층 out = a·x + c"},
    "ch07.judge.check.factor": {
        "en": "a sine layer whose backward is 1 % too large",
        "ko": "backward가 1 % 큰 사인 계층"},
    "ch07.judge.check.one_element": {
        "en": "a sine layer whose backward has one wrong element (off by 0.1)",
        "ko": "backward의 원소 하나가 틀린 (0.1만큼 어긋난) 사인 계층"},
    "ch07.judge.check.sign": {
        "en": "a layer out = a·x + c whose backward has the wrong sign",
        "ko": "backward의 부호가 틀린 계층 out = a·x + c"},
    "ch07.judge.check.no_dout": {
        "en": "a sine layer whose backward forgets to multiply by dout",
        "ko": "backward에서 dout을 곱하지 않는 사인 계층"},
    "ch07.judge.check.tiny_factor": {
        "en": "a layer out = a·x + c with tiny gradients (a about 1e-4) whose backward is 1 % "
              "too large",
        "ko": "기울기가 아주 작고 (a가 약 1e-4) backward가 1 % 큰 계층 out = a·x + c"},
    "ch07.judge.check.no_mask": {
        "en": "a ReLU layer whose backward forgets the mask (it passes dout everywhere)",
        "ko": "backward에서 마스크를 빠뜨린 (모든 곳에 dout을 그대로 넘기는) ReLU 계층"},

    # ---- gradient_check: what it did wrong
    "ch07.judge.check.layer_not_made": {
        "en": "making the layer to check ({name}) raised {error}: {message} (FunctionLayer is "
              "the lab's locked cell: run it, and keep its name free)",
        "ko": "검사할 계층({name})을 만드는 중에 {error} 예외가 발생했습니다: {message} "
              "(FunctionLayer는 실습의 잠긴 셀에 있습니다. 그 셀을 실행하고, 그 이름을 다른 데 "
              "쓰지 마세요)"},
    "ch07.judge.check.not_a_pair": {
        "en": "gradient_check(layer, x) on {kind} returned {type}, not the pair (error, agrees) "
              "with agrees True or False",
        "ko": "{kind}에 대한 gradient_check(layer, x)의 반환값이 {type}입니다. agrees가 True "
              "또는 False인 쌍 (error, agrees)를 반환해야 합니다"},
    "ch07.judge.check.verdict_right_backward": {
        "en": "gradient_check on {kind} returned agrees = {agrees} (error {error:.3g}), but that "
              "backward is right: agrees should be {expected}",
        "ko": "{kind}에 대한 gradient_check가 agrees = {agrees}를 반환했습니다 (오차 "
              "{error:.3g}). 그런데 그 backward는 올바르므로 agrees = {expected}가 나와야 "
              "합니다"},
    "ch07.judge.check.verdict_wrong_backward": {
        "en": "gradient_check on {kind} returned agrees = {agrees} (error {error:.3g}), but that "
              "backward is wrong: agrees should be {expected}",
        "ko": "{kind}에 대한 gradient_check가 agrees = {agrees}를 반환했습니다 (오차 "
              "{error:.3g}). 그런데 그 backward는 틀렸으므로 agrees = {expected}가 나와야 "
              "합니다"},
    "ch07.judge.check.error_differs": {
        "en": "gradient_check on {kind} returned the error {error:.6g}; the relative error "
              "there is {expected_error:.6g}",
        "ko": "{kind}에 대한 gradient_check가 반환한 오차는 {error:.6g}인데, 그 경우의 상대 "
              "오차는 {expected_error:.6g}입니다"},
    "ch07.judge.check.at_kink": {
        "en": "some inputs of this ReLU sit exactly at its kink (0) or within a step of it: "
              "there the central difference straddles the kink and gives half of the slope, so "
              "a correct backward looks wrong. Move every input within a few steps of 0 away "
              "from it, keeping its sign, and run backward and the numerical gradient at that "
              "same moved point",
        "ko": "이 ReLU의 입력 가운데 일부가 꺾이는 점(0)에 정확히 있거나 간격 하나 이내로 "
              "가깝습니다. 그런 곳에서는 중심 차분이 꺾이는 점을 사이에 두고 계산되어 기울기의 "
              "절반을 내므로, 올바른 backward가 틀린 것처럼 보입니다. 0에서 간격 몇 개 이내에 "
              "있는 입력은 부호를 유지한 채 0에서 떨어뜨리고, 그렇게 옮긴 같은 점에서 backward와 "
              "수치 기울기를 구하세요"},
    "ch07.judge.check.forward_difference": {
        "en": "the numerical derivative is off by about the step: a one-sided difference "
              "(f(x + h) − f(x)) / h has an error of order h (here h/x, with inputs of 0.001 to "
              "0.01), the central difference (f(x + h) − f(x − h)) / 2h one of order h²",
        "ko": "수치 미분이 간격 정도만큼 어긋납니다. 전방 차분 (f(x + h) − f(x)) / h의 오차는 "
              "h 차수이고 (입력이 0.001~0.01인 여기서는 h/x 차수), 중심 차분 "
              "(f(x + h) − f(x − h)) / 2h의 오차는 h² 차수입니다"},
    "ch07.judge.check.step_too_small": {
        "en": "the step is too small for this layer: its outputs are a few thousand, so L "
              "carries a rounding error of about 1e-12, and dividing by 2h with h = 1e-10 makes "
              "that 1e-2 in every derivative. Take a step between about 1e-6 and 1e-4",
        "ko": "이 계층에는 간격이 너무 작습니다. 출력이 수천 정도라서 L에 약 1e-12의 반올림 "
              "오차가 있고, h = 1e-10일 때 2h로 나누면 모든 미분에서 그 오차가 1e-2가 됩니다. "
              "간격은 대략 1e-6에서 1e-4 사이로 잡으세요"},
    "ch07.judge.check.dout_ones": {
        "en": "with dout = 1 everywhere (np.ones), a backward that forgets to multiply by dout "
              "gives the same dx as a correct one. When no dout is given, draw a random one",
        "ko": "dout이 모든 곳에서 1이면 (np.ones) dout을 곱하지 않는 backward도 올바른 "
              "backward와 같은 dx를 냅니다. dout이 주어지지 않으면 무작위로 하나 뽑으세요"},
    "ch07.judge.check.absolute_error": {
        "en": "the error is not relative: this layer's gradients are about 1e-4, so 1 % of them "
              "is far below 1e-4 in absolute terms. Divide by the size of the gradients, "
              "‖a − b‖ / max(‖a‖, ‖b‖)",
        "ko": "오차가 상대 오차가 아닙니다. 이 계층의 기울기는 약 1e-4이므로 그 1 %는 절댓값으로 "
              "1e-4보다 훨씬 작습니다. 기울기의 크기로 나누세요: ‖a − b‖ / max(‖a‖, ‖b‖)"},
    "ch07.judge.check.dout_ignored": {
        "en": "gradient_check must use the dout it is given (draw one only when dout is None)",
        "ko": "gradient_check는 주어진 dout을 써야 합니다 (dout이 None일 때만 직접 뽑으세요)"},
    "ch07.judge.check.numerical_zero": {
        "en": "the numerical gradient came out as 0 (a relative error of 1): with a step such "
              "as h = 1e-50, x + h rounds back to x in float64, so f(x + h) − f(x − h) is "
              "exactly 0. Take a step between about 1e-6 and 1e-4",
        "ko": "수치 기울기가 0으로 나왔습니다 (상대 오차 1). h = 1e-50 같은 간격이면 배정밀도 "
              "(float64)에서 x + h가 반올림되어 다시 x가 되므로 f(x + h) − f(x − h)가 정확히 "
              "0입니다. 간격은 대략 1e-6에서 1e-4 사이로 잡으세요"},
    "ch07.judge.check.wrong_sign": {
        "en": "backward and the numerical gradient came out with opposite signs (a relative "
              "error of 2): check the order of the difference, f(x + h) − f(x − h), and compare "
              "dx with the numerical gradient itself, not with its negative",
        "ko": "backward와 수치 기울기의 부호가 반대로 나왔습니다 (상대 오차 2). 차분의 순서가 "
              "f(x + h) − f(x − h)인지 확인하고, dx를 수치 기울기에 마이너스를 붙인 값이 아니라 "
              "수치 기울기 자체와 비교하세요"},
    "ch07.judge.check.always_agrees": {
        "en": "agrees must come from the comparison, True exactly when error < THRESHOLD: a "
              "broken backward must get False",
        "ko": "agrees는 비교에서 나와야 합니다. error < THRESHOLD일 때, 그리고 그때에만 "
              "True입니다. 망가진 backward에는 False가 나와야 합니다"},
    "ch07.judge.check.not_relative_error": {
        "en": "the error is not the course's relative error: relative_error(dx, numerical) = "
              "‖dx − numerical‖ / max(‖dx‖, ‖numerical‖), over the whole array",
        "ko": "오차가 이 강좌의 상대 오차가 아닙니다. 배열 전체에 대해 relative_error(dx, "
              "numerical) = ‖dx − numerical‖ / max(‖dx‖, ‖numerical‖)로 계산하세요"},

    # ---- weight decay: the gradient (none of these may state the gradient)
    "ch07.judge.decay.no_decay": {
        "en": "grads['{key}'] is the gradient of the data loss alone (what part 1 returns): "
              "{key} also reaches L through the penalty branch, and where a value fans out, the "
              "gradients of its paths add (lecture 2, section 5)",
        "ko": "grads['{key}']에 데이터 손실만의 기울기(문제 1이 반환하는 값)가 들어 있습니다. "
              "하지만 {key}에서 L로 가는 길은 벌칙항 쪽 경로에도 있고, 값이 분기하는 곳에서는 "
              "각 경로의 기울기를 더합니다 (강의 2, 5절)"},
    "ch07.judge.decay.W1_only": {
        "en": "grads['W2'] has no share of the penalty, though grads['W1'] has one: the penalty "
              "½·λ·(‖W1‖² + ‖W2‖²) holds W2 as well, so W2 fans out too",
        "ko": "grads['W1']에는 벌칙항의 몫이 있는데 grads['W2']에는 없습니다. 벌칙항 "
              "½·λ·(‖W1‖² + ‖W2‖²)에는 W2도 들어 있으므로 W2도 분기합니다"},
    "ch07.judge.decay.twice": {
        "en": "the penalty branch's share of grads['{key}'] is twice too large: multiply the "
              "local derivatives of all three nodes of that branch (**2, sum, ×½λ); the ½ is "
              "one of the factors",
        "ko": "grads['{key}'] 가운데 벌칙항 경로의 몫이 두 배로 큽니다. 그 경로에 있는 세 "
              "노드(**2, sum, ×½λ)의 국소적 미분을 모두 곱하세요. ½도 곱하는 인자 가운데 "
              "하나입니다"},
    "ch07.judge.decay.half": {
        "en": "the penalty branch's share of grads['{key}'] is half of what it should be: a "
              "factor of the **2 node's local derivative went missing ({section})",
        "ko": "grads['{key}'] 가운데 벌칙항 경로의 몫이 올바른 값의 절반입니다. **2 노드의 "
              "국소적 미분에서 인자 하나가 빠졌습니다 ({section})"},
    "ch07.judge.decay.sign": {
        "en": "the penalty branch's share of grads['{key}'] has the wrong sign: a gradient "
              "points where the loss grows (and the penalty grows as a weight moves away from "
              "0); it is the update, sgd_step, that subtracts it",
        "ko": "grads['{key}'] 가운데 벌칙항 경로의 몫의 부호가 틀렸습니다. 기울기는 손실이 "
              "커지는 쪽을 가리킵니다 (가중치가 0에서 멀어질수록 벌칙항은 커집니다). 기울기를 "
              "빼는 것은 갱신, 곧 sgd_step이 할 일입니다"},
    "ch07.judge.decay.multiplied": {
        "en": "grads['{key}'] is a multiple of the data loss's gradient: the + node passes its "
              "upstream gradient to each input unchanged, and where the two paths of a value "
              "meet again their gradients add (lecture 2, section 5), they do not multiply",
        "ko": "grads['{key}'] 값이 데이터 손실 기울기의 몇 배입니다. + 노드는 상류 기울기를 각 "
              "입력으로 그대로 흘려보내고, 한 값의 두 경로가 다시 만나는 곳에서는 기울기를 "
              "곱하지 않고 더합니다 (강의 2, 5절)"},
    "ch07.judge.decay.penalty_only": {
        "en": "grads['{key}'] holds the penalty branch's share alone: the path through the "
              "Affine layer (what part 1 computes) reaches {key} too, and the gradients of the "
              "two paths add (lecture 2, section 5)",
        "ko": "grads['{key}']에 벌칙항 경로의 몫만 들어 있습니다. Affine 계층을 지나는 경로"
              "(문제 1에서 계산하는 것)도 {key}에 이르며, 두 경로의 기울기는 더합니다 "
              "(강의 2, 5절)"},
    "ch07.judge.decay.bias_decayed": {
        "en": "grads['{key}'] has a share of the penalty, but the penalty holds only W1 and W2: "
              "follow the paths by which a bias reaches L",
        "ko": "grads['{key}']에 벌칙항의 몫이 들어 있지만, 벌칙항에는 W1과 W2만 있습니다. 편향이 "
              "L에 이르는 경로를 따라가 보세요"},

    # ---- weight decay: the loss
    "ch07.judge.decay_loss.no_penalty": {
        "en": "loss returned the data loss alone: add the penalty ½·λ·(‖W1‖² + ‖W2‖²) to "
              "super().loss(x, t)",
        "ko": "loss가 데이터 손실만 반환했습니다. super().loss(x, t)에 벌칙항 "
              "½·λ·(‖W1‖² + ‖W2‖²)를 더하세요"},
    "ch07.judge.decay_loss.no_half": {
        "en": "the penalty is twice too large: it is ½·λ·(‖W1‖² + ‖W2‖²), with the ½",
        "ko": "벌칙항이 두 배로 큽니다. 벌칙항은 ½까지 포함한 ½·λ·(‖W1‖² + ‖W2‖²)입니다"},
    "ch07.judge.decay_loss.biases": {
        "en": "the penalty includes the biases: only the weights W1 and W2 are penalised, "
              "½·λ·(‖W1‖² + ‖W2‖²)",
        "ko": "벌칙항에 편향이 들어 있습니다. 벌칙은 가중치 W1과 W2에만 줍니다: "
              "½·λ·(‖W1‖² + ‖W2‖²)"},
    "ch07.judge.decay_loss.W1_only": {
        "en": "the penalty has W1's squares but not W2's: ½·λ·(‖W1‖² + ‖W2‖²)",
        "ko": "벌칙항에 W1의 제곱은 있지만 W2의 제곱은 없습니다: ½·λ·(‖W1‖² + ‖W2‖²)"},
    "ch07.judge.decay_loss.no_lambda": {
        "en": "λ (self.weight_decay_lambda) is missing from the penalty",
        "ko": "벌칙항에 λ(self.weight_decay_lambda)가 빠졌습니다"},
    "ch07.judge.decay_loss.norm": {
        "en": "‖W‖² is the sum of the squares of W's elements, np.sum(W ** 2), not the norm ‖W‖ "
              "itself",
        "ko": "‖W‖²는 노름 ‖W‖ 자체가 아니라 W의 원소를 제곱해 더한 값, np.sum(W ** 2)입니다"},
    "ch07.judge.decay_loss.sign": {
        "en": "the penalty is added to the loss, not subtracted from it",
        "ko": "벌칙항은 손실에서 빼는 것이 아니라 손실에 더합니다"},

    # ---- weight decay: the rest
    "ch07.judge.decay.not_written": {
        "en": "TwoLayerNetWithDecay's loss or gradient is not written yet: it still raises "
              "NotImplementedError. Write your code where it says YOUR CODE HERE and delete the "
              "raise line",
        "ko": "TwoLayerNetWithDecay의 loss나 gradient를 아직 작성하지 않았습니다. 여전히 "
              "NotImplementedError를 발생시킵니다. YOUR CODE HERE 자리에 코드를 작성하고 raise "
              "줄을 지우세요"},
    "ch07.judge.decay.grads_not_dict": {
        "en": "{what} returned {type}, not a dict",
        "ko": "{what}의 반환값이 dict가 아니라 {type}입니다"},
    "ch07.judge.decay.grads_keys": {
        "en": "{what} returned the keys {keys}",
        "ko": "{what}의 반환값에 든 키가 {keys}입니다"},
})


KEYS = ch07.KEYS
LAYER_OF = ch07.LAYER_OF
SECTION_NET, SECTION_SGD, SECTION_TRAIN = ch07.SECTION_NET, ch07.SECTION_SGD, ch07.SECTION_TRAIN
SECTION_OF = ch07.SECTION_OF
SECTION_NUMERICAL = Both(see("ch07_two_layer_net", "4 · `TwoLayerNet`: the layers in order"),  # not for students (headings: see() says them)
                         see("ch07_two_layer_net", "2 · Why backpropagation: counting forward passes", "§5.7.2"))  # not for students (headings: see() says them)
SECTION_CHECK = ch07.SECTION_CHECK
NAMES = ("params", "layers", "lastLayer", "predict", "loss", "accuracy", "numerical_gradient",
         "gradient", "W", "b", "x", "dW", "db", "mask", "y", "t", "original_x_shape",
         "forward", "backward")   # what the given TwoLayerNet and the book's layers define

# ---- numerical detection (see the module's docstring)
FORWARD_CALLS = ("TwoLayerNet.loss", "TwoLayerNet.predict", "TwoLayerNet.numerical_gradient",
                 "numerical_gradient", "softmax", "cross_entropy_error", "Affine.forward",
                 "Relu.forward", "SoftmaxWithLoss.forward")
BACKWARD_CALLS = ("Affine.backward", "Relu.backward", "SoftmaxWithLoss.backward")
ANALYTIC_PASSES = 2      # forward passes an analytic gradient may make (one, and one again)
MOST_CALLS = {"TwoLayerNet.loss": ANALYTIC_PASSES, "TwoLayerNet.predict": ANALYTIC_PASSES,
              "softmax": ANALYTIC_PASSES, "cross_entropy_error": ANALYTIC_PASSES,
              "Affine.forward": 2 * ANALYTIC_PASSES, "Relu.forward": ANALYTIC_PASSES,
              "SoftmaxWithLoss.forward": ANALYTIC_PASSES}
ANALYTIC_K = 64          # probe tolerance: ANALYTIC_K·eps·(the rounding scale of each element)
NEAR_MISS = 1e-3         # a regular case this close is "right but for rounding or a step"


# =========================================================================== the book's network


def _softmax(s: np.ndarray) -> np.ndarray:
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _forward(p: dict, x: np.ndarray):
    """(a1, z1, scores, y) of Affine1 → Relu1 → Affine2 → softmax."""
    a1 = np.dot(x, p["W1"]) + p["b1"]
    z1 = np.where(a1 <= 0, 0.0, a1)
    s = np.dot(z1, p["W2"]) + p["b2"]
    return a1, z1, s, _softmax(s)


def _loss(p: dict, x: np.ndarray, t: np.ndarray) -> float:
    y = _forward(p, x)[3]
    return float(-np.sum(t * np.log(y + 1e-7)) / len(x))


def _gradient(p: dict, x: np.ndarray, t: np.ndarray, relu: bool = True,
              scale: float = 1.0) -> dict:
    """The reference's gradient (relu=False: the backward pass skips Relu1; scale: what
    the last layer's backward got as dout)."""
    a1, z1, _, y = _forward(p, x)
    g = scale * (y - t) / len(x)
    da1 = np.dot(g, p["W2"].T)
    if relu:
        da1 = np.where(a1 <= 0, 0.0, da1)
    return {"W1": np.dot(x.T, da1), "b1": da1.sum(axis=0), "W2": np.dot(z1.T, g),
            "b2": g.sum(axis=0)}


def _forward_order(p: dict, x: np.ndarray, t: np.ndarray) -> dict | None:
    """The gradient of a backward pass through Affine1, Relu1, Affine2 (None when the
    shapes do not allow it)."""
    a1, z1, _, y = _forward(p, x)
    g = (y - t) / len(x)
    try:
        d = np.dot(g, p["W1"].T)
        d = np.where(a1 <= 0, 0.0, d)
        grads = {"W1": np.dot(x.T, g), "b1": g.sum(axis=0), "W2": np.dot(z1.T, d),
                 "b2": d.sum(axis=0)}
    except ValueError:
        return None
    return grads if all(grads[k].shape == p[k].shape for k in KEYS) else None


def _draw_params(rng, d: int, h: int, c: int, std: float = 1.0) -> dict:
    return {"W1": std * rng.standard_normal((d, h)), "b1": std * rng.standard_normal(h),
            "W2": std * rng.standard_normal((h, c)), "b2": std * rng.standard_normal(c)}


def _new_net(params: dict, d: int, h: int, c: int) -> list:
    """Steps: a TwoLayerNet(d, h, c) whose parameters are written in place (the layers keep
    sharing them)."""
    steps = [call("net", "TwoLayerNet", d, h, c, 0.1)]
    steps += [assign("net.params", key, params[key]) for key in KEYS]
    return steps


def _layer_array(key: str, gradient: bool = False) -> str:
    """The path of the array a layer holds for a parameter (or its gradient)."""
    attr = ("d" if gradient else "") + ("W" if key[0] == "W" else "b")
    return f"net.layers[{LAYER_OF[key]}].{attr}"


# =========================================================================== gradient: cases


def _net_case(rng, d: int, h: int, c: int, n: int, stale: bool = False) -> Case:
    """One network and one batch, its labels likely enough that the book's 1e-7 inside the
    log stays below rounding (gradcheck.random_labels)."""
    params = _draw_params(rng, d, h, c)
    x = rng.standard_normal((n, d))
    t = random_labels(rng, n, c, one_hot=True, scores=_forward(params, x)[2])
    inputs = {"kind": "net", "params": params, "x": x, "t": t}
    steps = _new_net(params, d, h, c)
    if stale:   # a forward pass on another batch first: gradient must make its own
        xw = rng.standard_normal((n + 1, d))
        tw = np.eye(c)[rng.integers(0, c, size=n + 1)]
        steps.append(call("warmup", "net.loss", xw, tw))
        inputs["warmup"] = (xw, tw)
    return Case(steps + _gradient_steps(x, t), inputs=inputs)


def _gradient_steps(x, t) -> list:
    steps = [watch("calls", FORWARD_CALLS), watch("passes", BACKWARD_CALLS),
             call("grads", "net.gradient", x, t), unwatch("passes"), unwatch("calls")]
    steps += [call(f"g_{key}", "grads.get", key) for key in KEYS]
    steps += [get(f"after_{key}", f"net.params[{key}]") for key in KEYS]
    return steps


def _underflow_probe(rng) -> Case:
    """Sample 0's true class has a probability of e^-35 to e^-60: the analytic gradient is
    exact there, a numerical one of the book's loss (log(y + 1e-7), flat) is ~0."""
    d, h, c, params, x, t = _underflow_draw(rng)
    steps = _new_net(params, d, h, c) + _gradient_steps(x, t)
    return Case(steps, inputs={"kind": "net", "params": params, "x": x, "t": t}, probe=True)


def _underflow_draw(rng) -> tuple:
    """(d, h, c, params, x, t) of an underflow probe (see _underflow_probe)."""
    d, h, c = (int(v) for v in rng.integers(2, 6, size=3))
    n = int(rng.integers(1, 3))
    params = _draw_params(rng, d, h, c)
    x = rng.standard_normal((n, d))
    scores = _forward(params, x)[2]
    true = int(np.argmin(scores[0]))
    others = np.delete(scores[0], true)
    params["b2"][true] -= float(rng.uniform(35.0, 60.0)) - (others.max() - scores[0, true])
    scores = _forward(params, x)[2]
    t = random_labels(rng, n, c, one_hot=True, scores=scores)
    t[0] = np.eye(c)[true]
    return d, h, c, params, x, t


def _kink_probe(rng) -> Case:
    """Sample 0's hidden pre-activations are all 1e-11 to 1e-9 from ReLU's kink, both
    signs: any finite step straddles it, the mask (and so an analytic gradient) does not."""
    d, h, c, params, x, t = _kink_draw(rng)
    steps = _new_net(params, d, h, c) + _gradient_steps(x, t)
    return Case(steps, inputs={"kind": "net", "params": params, "x": x, "t": t}, probe=True)


def _kink_draw(rng) -> tuple:
    """(d, h, c, params, x, t) of a kink probe (see _kink_probe)."""
    d, h, c = (int(v) for v in rng.integers(2, 6, size=3))
    n = int(rng.integers(2, 4))
    params = _draw_params(rng, d, h, c)
    x = rng.standard_normal((n, d))
    near = rng.choice([-1.0, 1.0], size=h) * 10.0 ** rng.uniform(-11, -9, size=h)
    near[0] = abs(near[0])                     # at least one unit on
    params["b1"] = near - np.dot(x, params["W1"])[0]
    t = random_labels(rng, n, c, one_hot=True, scores=_forward(params, x)[2])
    return d, h, c, params, x, t


def _pasted_cases(rng) -> list[Case]:
    """The layers of labs 4-6, each alone (consulted when the gradient is wrong)."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(3, 6))
    s = 2.0 * rng.standard_normal((n, c))
    t = random_labels(rng, n, c, one_hot=True, scores=s)
    swl = Case([call("swl", "SoftmaxWithLoss"), call("swl_loss", "swl.forward", s, t),
                call("swl_dx", "swl.backward", 1), get("swl_y", "swl.y")],
               inputs={"kind": "pasted", "layer": "SoftmaxWithLoss", "s": s, "t": t})
    d, m = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    W, b = rng.standard_normal((d, m)), rng.standard_normal(m)
    x, dout = rng.standard_normal((n, d)), rng.standard_normal((n, m))
    affine = Case([call("affine", "Affine", W, b), call("affine_out", "affine.forward", x),
                   call("affine_dx", "affine.backward", dout), get("affine_dW", "affine.dW"),
                   get("affine_db", "affine.db")],
                  inputs={"kind": "pasted", "layer": "Affine", "W": W, "b": b, "x": x,
                          "dout": dout})
    xr = rng.choice([-1.0, 1.0], size=(n, m)) * rng.uniform(0.1, 2.0, size=(n, m))
    dr = rng.standard_normal((n, m))
    relu = Case([call("relu", "Relu"), call("relu_out", "relu.forward", xr),
                 call("relu_dx", "relu.backward", dr)],
                inputs={"kind": "pasted", "layer": "Relu", "x": xr, "dout": dr})
    return [swl, affine, relu]


PASTED_ORDER = {"SoftmaxWithLoss": ("swl", "swl_loss", "swl_dx", "swl_y"),
                "Affine": ("affine", "affine_out", "affine_dx", "affine_dW", "affine_db"),
                "Relu": ("relu", "relu_out", "relu_dx")}
PASTED_COMPARED = {"SoftmaxWithLoss": ("swl_y", "swl_dx", "swl_loss"),
                   "Affine": ("affine_out", "affine_dx", "affine_dW", "affine_db"),
                   "Relu": ("relu_out", "relu_dx")}
PASTED_TOLERANCE = {"swl_loss": (1e-4, 1e-6)}   # the loss only explains; 1e-7 in the log
PASTED_CALLS = {"swl": "SoftmaxWithLoss()", "affine": "Affine(W, b)", "relu": "Relu()",
                "swl_loss": "ch07.judge.label.swl_loss_calls",   # a key: said when used
                "swl_dx": "SoftmaxWithLoss.backward", "swl_y": "SoftmaxWithLoss.forward",
                "affine_out": "Affine.forward", "affine_dx": "Affine.backward",
                "affine_dW": "Affine.backward", "affine_db": "Affine.backward",
                "relu_out": "Relu.forward", "relu_dx": "Relu.backward"}


def _pasted_want(case: Case) -> dict:
    """What the reference's layers give on a pasted case (the train judge's reference)."""
    i = case.inputs
    if i["layer"] == "SoftmaxWithLoss":
        y = _softmax(i["s"])
        return {"swl_y": y, "swl_dx": (y - i["t"]) / len(i["s"]),
                "swl_loss": float(-np.sum(i["t"] * np.log(y + 1e-7)) / len(i["s"]))}
    if i["layer"] == "Affine":
        return {"affine_out": np.dot(i["x"], i["W"]) + i["b"],
                "affine_dx": np.dot(i["dout"], i["W"].T), "affine_dW": np.dot(i["x"].T, i["dout"]),
                "affine_db": i["dout"].sum(axis=0)}
    return {"relu_out": np.where(i["x"] <= 0, 0.0, i["x"]),
            "relu_dx": np.where(i["x"] <= 0, 0.0, i["dout"])}


def _net_want(case: Case) -> dict:
    """What the reference's network gives on a gradient case (the train judge's reference)."""
    p = case.inputs["params"]
    grads = _gradient(p, case.inputs["x"], case.inputs["t"])
    want = {"grads": grads, **{f"g_{k}": grads[k] for k in KEYS},
            **{f"after_{k}": p[k] for k in KEYS}}
    return want


def _labels() -> dict:
    """{bound name: the words for it} of the gradient cases and the pasted layers, in the
    language of the notebook being graded (a judge is made per notebook)."""
    return {
        "net": "TwoLayerNet(…)", "warmup": say("ch07.judge.label.warmup"),
        "grads": "TwoLayerNet.gradient(x, t)",
        **{f"g_{k}": f"TwoLayerNet.gradient(x, t)['{k}']" for k in KEYS},
        **{f"after_{k}": say("ch07.judge.label.params_after", key=k,
                             call="TwoLayerNet.gradient") for k in KEYS},
        "swl": "SoftmaxWithLoss()", "swl_loss": say("ch07.judge.label.swl_loss"),
        "swl_dx": "SoftmaxWithLoss.backward(1)", "swl_y": say("ch07.judge.label.swl_y"),
        "affine": "Affine(W, b)", "affine_out": "Affine.forward(x)",
        "affine_dx": say("ch07.judge.label.affine_dx"), "affine_dW": "Affine.dW",
        "affine_db": "Affine.db",
        "relu": "Relu()", "relu_out": "Relu.forward(x)",
        "relu_dx": say("ch07.judge.label.relu_dx"),
    }


def gradient_judge(seed):
    rng = rng_for("judge gradient", seed)
    square = int(rng.integers(3, 6))
    cases = [
        _net_case(rng, square, square, square, square),
        _net_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)), 1),
        _net_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)), int(rng.integers(2, 6)),
                  stale=True),
        _net_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)), int(rng.integers(2, 6))),
        *_pasted_cases(rng),
        _underflow_probe(rng),
        _kink_probe(rng),
    ]
    analytic = Analytic("TwoLayerNet.gradient", tuple(f"g_{k}" for k in KEYS),
                        most_calls=MOST_CALLS, tolerance=probe_tolerance,
                        section=SECTION_NUMERICAL)
    return Judge("gradient", cases, labels=_labels(), decide=_gradient_decide,
                 numerical=analytic)


def probe_tolerance(case: Case, name: str, want) -> np.ndarray:
    """ANALYTIC_K·eps times the scale rounding reaches in each element of the gradient:
    the absolute values of the same products (|x|·|W1| + |b1|, …), the softmax's error
    growing with the largest score."""
    p, x, t = case.inputs["params"], case.inputs["x"], case.inputs["t"]
    a1 = np.dot(x, p["W1"]) + p["b1"]
    on = a1 > 0
    hidden = (np.dot(np.abs(x), np.abs(p["W1"])) + np.abs(p["b1"])) * on
    scores = np.dot(hidden, np.abs(p["W2"])) + np.abs(p["b2"])
    y = _forward(p, x)[3]
    g = (np.abs(y) + np.abs(t)) * (1.0 + scores.max(axis=1, keepdims=True)) / len(x)
    da1 = np.dot(g, np.abs(p["W2"]).T) * on
    scale = {"W1": np.dot(np.abs(x).T, da1), "b1": da1.sum(axis=0),
             "W2": np.dot(hidden.T, g), "b2": g.sum(axis=0)}[name.removeprefix("g_")]
    return ANALYTIC_K * EPS * scale + np.finfo(float).tiny


# =========================================================================== gradient: causes


def _raised_cause(raised: Raised) -> Diagnosis | None:
    """The likely cause of an exception in gradient, from its type and message."""
    message = raised.message
    if raised.name == "NotImplementedError":
        return Diagnosis("not_implemented", say("ch07.judge.not_written",
                                                what="TwoLayerNet.gradient"), SECTION_NET)
    if "NoneType" in message:
        return Diagnosis("no_forward", say(ch07.NO_FORWARD), SECTION_NET)
    found = re.search(r"has no attribute '(\w+)'", message)  # not for students
    if found and not re.search(r"'(int|float)' object", message):
        named = ch07.wrong_name(found.group(1), NAMES)
        if named:
            return named
    if raised.name == "AxisError" or "dimension 0" in message or re.search(
            r"'(int|float)' object|of type '(int|float)'", message):  # not for students
        return Diagnosis("no_last_layer_backward", say("ch07.judge.dout_a_number",
                                                       cause=say(ch07.NO_LAST_LAYER)),
                         SECTION_NET)
    if raised.name == "ValueError" and re.search(r"align|matmul|broadcast|shape", message):
        return Diagnosis("backward_order", say("ch07.judge.backward_order"), SECTION_NET)
    return None


def _suspects(case: Case, key: str) -> dict:
    """{label: (what a known mistake gives for grads[key], its words)} on this case."""
    p, x, t = case.inputs["params"], case.inputs["x"], case.inputs["t"]
    right = _gradient(p, x, t)
    other = {"W1": "W2", "b1": "b2", "W2": "W1", "b2": "b1"}[key]
    mine, theirs = LAYER_OF[key], LAYER_OF[other]
    attr = "dW" if key[0] == "W" else "db"
    found = {
        "wrong layer": (right[other], say("ch07.judge.wrong_layer", key=key, theirs=theirs,
                                          mine=mine, attr=attr)),
        "parameter itself": (p[key], say("ch07.judge.parameter_itself", key=key)),
    }
    if key in ("W1", "b1"):
        found["no relu"] = (_gradient(p, x, t, relu=False)[key], say(
            "ch07.judge.relu_skipped", skipped=say(
                ch07.SKIPPED, missing="Relu1", expected="Affine2, Relu1, Affine1")))
    forward = _forward_order(p, x, t)
    if forward is not None:
        found["forward order"] = (forward[key], say(ch07.FORWARD_ORDER,
                                                    names="Affine1, Relu1, Affine2",
                                                    expected="Affine2, Relu1, Affine1"))
    loss = _loss(p, x, t)
    found["dout is the loss"] = (_gradient(p, x, t, scale=loss)[key], say(  # not for students (a suspect's name)
        ch07.DOUT_NOT_ONE, value=f"{loss:.6g}", looks=say(ch07.DOUT_IS_LOSS)))
    if "warmup" in case.inputs:
        xw, tw = case.inputs["warmup"]
        found["stale"] = (_gradient(p, xw, tw)[key], say(ch07.NO_FORWARD))
    return found


def _count(counts, path: str) -> int | None:
    value = numbers(counts.get(path)) if isinstance(counts, dict) else None
    return None if value is None or value.size != 1 else int(value.reshape(()))


def _structure_cause(record: dict) -> Diagnosis | None:
    """What the calls counted while gradient ran say about its backward pass."""
    calls, passes = record.get("calls"), record.get("passes")
    affine = _count(passes, "Affine.backward")
    if not affine:
        return None
    forward = [_count(calls, path) for path in ("TwoLayerNet.loss", "TwoLayerNet.predict",
                                                "Affine.forward", "SoftmaxWithLoss.forward")]
    if all(n == 0 for n in forward):
        return Diagnosis("no_forward", say(ch07.NO_FORWARD), SECTION_NET)
    if _count(passes, "SoftmaxWithLoss.backward") == 0:
        return Diagnosis("no_last_layer_backward", say(ch07.NO_LAST_LAYER), SECTION_NET)
    if _count(passes, "Relu.backward") == 0 and affine >= 2:
        return Diagnosis("layer_skipped", say(
            ch07.SKIPPED, missing="Relu1", expected="Affine2, Relu1, Affine1"), SECTION_NET)
    return None


def _grads_cause(case: Case, record: dict, want: dict) -> Diagnosis | None:
    got, wanted = record.get("grads"), want["grads"]
    if isinstance(got, Raised):
        return _raised_cause(got)
    if not isinstance(got, dict):
        return Diagnosis("wrong_type", say("ch07.judge.grads_not_dict"), SECTION_NET)
    if any(key not in got for key in KEYS):
        return Diagnosis("missing_key", say(ch07.MISSING_KEY), SECTION_NET)
    structure = _structure_cause(record)
    if structure:
        return structure
    for key in KEYS:
        if difference(got[key], wanted[key]) is None:
            continue
        found = diagnose(got[key], wanted[key], suspects=_suspects(case, key),
                         batch_size=len(case.inputs["x"]), section=SECTION_NET)
        return None if found.name == "unexplained" else _lecture_first(found, SECTION_NET)
    return None


def _first_raised(case: Case, record: dict, names) -> tuple[str, Raised] | None:
    for name in names:
        if name in record and isinstance(record[name], Raised):
            return name, record[name]
    return None


def _near_miss(got, want: dict) -> bool:
    """gradient returned every key, right to NEAR_MISS: rounding, or a finite step."""
    if not isinstance(got, dict):
        return False
    for key in KEYS:
        values, expected = numbers(got.get(key)), numbers(want[key])
        if values is None or expected is None or values.shape != expected.shape or \
                not np.all(np.isfinite(values)) or relative_error(values, expected) > NEAR_MISS:
            return False
    return True


def _net_finding(judge: Judge, case: Case, record: dict, want: dict):
    """(Finding, near miss?) for one gradient case, or None when it agrees."""
    raised = _first_raised(case, record, ("net", "warmup"))
    if raised:
        name, value = raised
        return Finding(_raised_text(judge.words(name), value), _raised_cause(value)), False
    if "grads" not in record:
        return Finding(say("judge.never_reached", label=judge.words("grads"))), False
    problem = difference(record["grads"], want["grads"], judge.rtol, judge.atol,
                         judge.words("grads"))
    if isinstance(record["grads"], Raised):
        problem = _raised_text(judge.words("grads"), record["grads"])
    if problem:
        return (Finding(problem, _grads_cause(case, record, want)),
                _near_miss(record["grads"], want["grads"]))
    for key in KEYS:
        name = f"after_{key}"
        if name in want and difference(record.get(name), want[name]) is not None:
            return Finding(say("ch07.judge.gradient_changed_params", cls="TwoLayerNet",
                               key=key),
                           Diagnosis("params_changed", say("ch07.judge.params_changed"),
                                     SECTION_NET)), False
    return None


def _pasted_blame(judge: Judge, got: list[dict], want: list[dict]) -> Diagnosis | None:
    """"Not your gradient but the layer you pasted", when one of them is wrong alone."""
    for case, record, wanted in zip(judge.cases, got, want):
        if case.inputs.get("kind") != "pasted":
            continue
        layer = case.inputs["layer"]
        raised = _first_raised(case, record, PASTED_ORDER[layer])
        if raised:
            name, value = raised
            if value.name == "NotImplementedError":
                return Diagnosis("not_implemented", say(
                    "ch07.judge.pasted_not_written", call=_pasted_call(name),
                    paste=ch07.paste_words(layer)), SECTION_OF[layer])
            return _blame(layer, _raised_text(judge.words(name), value), None)
        for name in PASTED_COMPARED[layer]:
            if name not in wanted:
                continue
            if name not in record:
                return _blame(layer, say("judge.never_reached", label=judge.words(name)),
                              None)
            rtol, atol = PASTED_TOLERANCE.get(name, (judge.rtol, judge.atol))
            problem = difference(record[name], wanted[name], rtol, atol, judge.words(name))
            if problem:
                return _blame(layer, problem, _pasted_cause(case, name, record[name],
                                                            wanted[name]),
                              SECTION_OF["softmax"] if name == "swl_y" else None)
    return None


def _pasted_call(name: str) -> str:
    """The call of a pasted layer that raised NotImplementedError (PASTED_CALLS)."""
    return said(PASTED_CALLS[name])


WHOLE_BATCH = "ch07.judge.whole_batch"


def _pasted_cause(case: Case, name: str, got, want) -> Diagnosis | None:
    i = case.inputs
    suspects, n = {}, None
    if name == "swl_y":
        e = np.exp(i["s"] - i["s"].max())
        suspects["whole batch"] = (e / e.sum(), say(WHOLE_BATCH))
    if name.startswith("swl"):
        n = len(i["s"])
    if name.startswith("affine"):
        n = len(i["x"])
    section = SECTION_OF["softmax"] if name == "swl_y" else SECTION_OF[i["layer"]]
    if isinstance(got, Raised) or numbers(want) is None:
        return None
    found = diagnose(got, want, suspects=suspects, batch_size=n, section=section)
    return None if found.name == "unexplained" else found


def _blame(layer: str, problem: str, inner: Diagnosis | None,
           section: str | None = None) -> Diagnosis:
    """"Not your gradient but the layer you pasted": the layer's problem and its cause (the
    lecture and book sections of that layer)."""
    words = inner.said().rstrip(".") if inner is not None and inner.words else ""
    if words:
        text = say("ch07.judge.pasted_layer_wrong_because", layer=layer, lab=ch07.PASTED[layer],
                   problem=problem, cause=words)
    else:
        text = say("ch07.judge.pasted_layer_wrong", layer=layer, lab=ch07.PASTED[layer],
                   problem=problem)
    name = inner.name if inner is not None else "pasted_layer"
    return Diagnosis(name, text, section or SECTION_OF[layer])


def _raised_text(what: str, value: Raised) -> str:
    """What raised which exception (with its message, when it has one)."""
    if value.message:
        return say("ch07.judge.raised_with_message", what=what, error=value.name,
                   message=value.message)
    return say("ch07.judge.raised", what=what, error=value.name)


def _lecture_first(found: Diagnosis, section: str) -> Diagnosis:
    """A general diagnosis (autograder/checks/diagnose.py) pointing at this lab's lecture
    first: its own section when it names one, else the given one."""
    if isinstance(found.section, (Section, Both)):      # see(…): a lecture's section
        return found
    return Diagnosis(found.name, found.words, section)


def _gradient_problem(judge: Judge, got: list[dict], want: list[dict]):
    """(Finding, all near misses?, a pasted layer's fault?) of the gradient cases, or None."""
    findings = []
    for case, record, wanted in zip(judge.cases, got, want):
        if case.inputs.get("kind") == "net" and not case.probe:
            found = _net_finding(judge, case, record, wanted)
            if found:
                findings.append(found)
    if not findings:
        return None
    blamed = _pasted_blame(judge, got, want)
    if blamed:
        return Finding(findings[0][0].problem, blamed), False, True
    explained = [f for f, _ in findings if f.diagnosis is not None]
    return (explained or [findings[0][0]])[0], all(near for _, near in findings), False


def _gradient_decide(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """Calls that give a numerical gradient away; then the regular cases (their first
    explained difference; a near miss that the probes refuse is numerical); then the
    probes at analytic precision."""
    found = judge.numerical.from_calls(judge, got)
    if found:
        return found
    if len(got) < len(want):
        return Finding(say("judge.cases_not_run"))
    problem = _gradient_problem(judge, got, want)
    if problem:
        finding, near, _ = problem
        if near:
            return judge.numerical.from_probes(judge, got, want) or finding
        return finding
    return judge.numerical.from_probes(judge, got, want)


# =========================================================================== sgd_step


def sgd_step_judge(seed):
    rng = rng_for("judge sgd_step", seed)
    cases = []
    for _ in range(CASES):
        d, h, c = (int(v) for v in rng.integers(1, 6, size=3))
        params, grads = _draw_params(rng, d, h, c), _draw_params(rng, d, h, c)
        lr = float(rng.choice([0.01, 0.1, 0.5])) * float(rng.uniform(0.5, 2.0))
        steps = [let(k, params[k]) for k in KEYS]
        steps += [let("params", {k: ref(k) for k in KEYS}),
                  call("returned", "sgd_step", ref("params"), grads, lr)]
        steps += [get(f"after_{k}", k) for k in KEYS]
        steps += [call(f"now_{k}", "params.get", k) for k in KEYS]
        cases.append(Case(steps, inputs={"params": params, "grads": grads, "lr": lr}))
    labels = {f"after_{k}": say("ch07.judge.label.sgd_array", key=k) for k in KEYS}
    labels["returned"] = "sgd_step(params, grads, lr)"
    return Judge("sgd_step", cases, labels=labels, decide=_sgd_decide)


SGD_SUSPECTS = {
    "plus": "ch07.judge.sgd.plus",
    "no lr": "ch07.judge.sgd.no_lr",
    "not updated": "ch07.judge.sgd.not_updated",
    "params as gradient": "ch07.judge.sgd.params_as_gradient",
    "divided by lr": "ch07.judge.sgd.divided_by_lr",
}


def _sgd_decide(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """The arrays that were in params must move by −lr·grads, in place; what sgd_step
    returns does not matter."""
    for case, mine, theirs in zip(judge.cases, got, want):
        returned = mine.get("returned")
        if isinstance(returned, Raised):
            cause = None
            if returned.name == "NotImplementedError":
                cause = Diagnosis("not_implemented", say("ch07.judge.not_written",
                                                         what="sgd_step"), SECTION_SGD)
            return Finding(_raised_text("sgd_step", returned), cause)
        before, grads, lr = case.inputs["params"], case.inputs["grads"], case.inputs["lr"]
        for key in KEYS:
            name = f"after_{key}"
            held, now, expected = mine.get(name), mine.get(f"now_{key}"), theirs[name]
            unchanged = difference(held, before[key], 0.0, 0.0) is None
            if now is not None and difference(now, held, 0.0, 0.0) is not None:
                state = say("ch07.judge.sgd.rebound_unchanged" if unchanged else
                            "ch07.judge.sgd.rebound_changed")
                return Finding(say("ch07.judge.sgd.rebound", key=key, state=state),
                               Diagnosis("params_rebound", ch07.rebound_words(key), SECTION_SGD))
            problem = difference(held, expected, judge.rtol, judge.atol, judge.words(name))
            if not problem:
                continue
            if unchanged and isinstance(returned, dict) and \
                    difference(returned.get(key), expected) is None:
                return Finding(say("ch07.judge.sgd.returned_not_updated", key=key),
                               Diagnosis("returned_not_updated",
                                         say(ch07.RETURNED_NOT_UPDATED), SECTION_SGD))
            start, g = before[key], grads[key]
            suspects = {"plus": start + lr * g, "no lr": start - g, "not updated": start,
                        "params as gradient": start - lr * start, "divided by lr": start - g / lr}
            found = diagnose(held, expected, section=SECTION_SGD, suspects={
                label: (array, say(SGD_SUSPECTS[label], key=key))
                for label, array in suspects.items()})
            return Finding(problem, None if found.name == "unexplained" else
                           _lecture_first(found, SECTION_SGD))
    return None


# =========================================================================== train

# The same training run as the hidden check's, so both hold the student to one standard.
TRAIN_ITERS, TRAIN_BATCH, TRAIN_LR = ch07.ITERS, ch07.BATCH, ch07.LR
TRAIN_HIDDEN, TRAIN_STD = ch07.HIDDEN, ch07.INIT_STD
TRAIN_IMAGES, TRAIN_THRESHOLD = ch07.TRAIN_IMAGES, ch07.TEST_ACCURACY
# The structure case: one-hot inputs (one row per feature), every hidden unit on.
ROWS, UNITS, CLASSES = 40, 6, 3


def _structure_case(rng) -> Case:
    params = {"W1": rng.uniform(-1.0, 1.0, (ROWS, UNITS)), "b1": rng.uniform(2.5, 3.5, UNITS),
              "W2": rng.standard_normal((UNITS, CLASSES)),
              "b2": 0.5 * rng.standard_normal(CLASSES)}
    x, t = np.eye(ROWS), np.eye(CLASSES)[rng.integers(0, CLASSES, size=ROWS)]
    batch, lr = int(rng.integers(3, 7)), float(rng.choice([0.05, 0.1, 0.2]))
    steps = _new_net(params, ROWS, UNITS, CLASSES)
    steps += [let("x", x), let("t", t),
              let("rng", expr(f"np.random.default_rng({int(rng.integers(2**31))})"))]
    rates = (0.0, 0.0, lr)          # lr = 0 first: the network stays put, the batches show
    for k, rate in enumerate(rates):
        steps += [get(f"{key}_{k}", _layer_array(key)) for key in KEYS]
        steps += [watch(f"gradient_calls_{k}", ["TwoLayerNet.gradient"]),
                  call(f"history_{k}", "train", ref("net"), ref("x"), ref("t"), 1,
                       batch, rate, ref("rng")),
                  unwatch(f"gradient_calls_{k}")]
        steps += [get(f"d{key}_{k}", _layer_array(key, gradient=True)) for key in KEYS]
    steps += [get(f"held_{key}", f"{key}_2") for key in KEYS]
    steps += [get(f"param_{key}", f"net.params[{key}]") for key in KEYS]
    return Case(steps, inputs={"kind": "structure", "params": params, "x": x, "t": t,
                               "batch": batch, "rates": rates})


def _mnist_case(rng) -> Case:
    x_train, t_train, _, _ = ch07._mnist()
    params = _draw_params(rng, 784, TRAIN_HIDDEN, 10, TRAIN_STD)
    steps = _new_net(params, 784, TRAIN_HIDDEN, 10)
    steps += [let("x", np.array(x_train[:TRAIN_IMAGES])),
              let("t", np.array(t_train[:TRAIN_IMAGES])),
              let("rng", expr(f"np.random.default_rng({int(rng.integers(2**31))})")),
              call("history", "train", ref("net"), ref("x"), ref("t"),
                   TRAIN_ITERS, TRAIN_BATCH, TRAIN_LR, ref("rng"))]
    steps += [get(f"trained_{key}", f"net.params[{key}]") for key in KEYS]
    steps += [get(f"held_{key}", _layer_array(key)) for key in KEYS]   # what predict uses
    return Case(steps, inputs={"kind": "mnist"})


def train_judge(seed):
    """The student's train on the student's network: a structure case, then MNIST (the
    grader measures the accuracy of the weights the layers hold, on test images the kernel
    never sees). The gradient cases and pasted layers only name causes."""
    rng = rng_for("judge train", seed)
    square = int(rng.integers(3, 6))
    cases = [_net_case(rng, square, square, square, square),
             _net_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)),
                       int(rng.integers(2, 6)), stale=True),
             *_pasted_cases(rng), _structure_case(rng), _mnist_case(rng)]
    labels = dict(_labels(), history=say("ch07.judge.label.history"))
    return Judge("train", cases, labels=labels, decide=_train_decide, needs_reference=False)


def test_accuracy(params: dict) -> float:
    _, _, x_test, t_test = ch07._mnist()
    hidden = np.maximum(0, x_test @ params["W1"] + params["b1"])
    scores = hidden @ params["W2"] + params["b2"]
    return float(np.mean(np.argmax(scores, axis=1) == np.argmax(t_test, axis=1)))


def _local_want(case: Case) -> dict:
    kind = case.inputs.get("kind")
    if kind == "net":
        return _net_want(case)
    if kind == "pasted":
        return _pasted_want(case)
    return {}


def _train_decide(judge: Judge, got: list[dict], want) -> Finding | None:
    want = [_local_want(case) for case in judge.cases]
    problem = _gradient_problem(judge, got, want)
    gradient_cause = None
    if problem:
        gradient_cause = problem[0].diagnosis if problem[2] else _gradient_words(problem[0])
    for case, record in zip(judge.cases, got):
        kind = case.inputs.get("kind")
        if kind == "structure":
            found = _structure_finding(case, record, gradient_cause)
        elif kind == "mnist":
            found = _mnist_finding(judge, case, record, gradient_cause)
        else:
            continue
        if found:
            return found
    return None


def _gradient_words(finding: Finding) -> Diagnosis:
    """A cause of the train cell that lies in gradient."""
    inner = finding.diagnosis
    text = say("ch07.judge.gradient_wrong", problem=finding.problem)
    if inner is not None and inner.words:
        text += say("ch07.judge.gradient_wrong_because", cause=inner.said())
    return Diagnosis(inner.name if inner is not None else "gradient_wrong", text,
                     (inner.section if inner is not None else None) or SECTION_NET)


def _train_raised(label: str, value: Raised, gradient_cause: Diagnosis | None) -> Finding:
    """train raised: the cause is gradient's (or a pasted layer's) when those are wrong; a
    NotImplementedError is theirs only when they raise one too."""
    cause = gradient_cause
    if value.name == "NotImplementedError" and (cause is None or cause.name != "not_implemented"):
        cause = Diagnosis("not_implemented", say("ch07.judge.train_not_written"),
                          SECTION_TRAIN)
    return Finding(_raised_text(label, value), cause)


def _structure_finding(case: Case, record: dict, gradient_cause) -> Finding | None:
    batch, rates = case.inputs["batch"], case.inputs["rates"]
    for step in case.steps:
        name = step[1] if step[0] != "assign" else None
        value = record.get(name) if name else None
        if isinstance(value, Raised):
            if step[0] == "call" and step[2] == "train":
                k = int(name.rsplit("_", 1)[1])
                return _train_raised(say("ch07.judge.label.train_once", batch=batch,
                                         rate=rates[k]), value, gradient_cause)
            if step[0] == "call":
                return Finding(_raised_text(f"{step[2]}(…)", value), gradient_cause)
            break           # a layer without the book's attribute: nothing more to see
    for k in range(len(rates)):
        history = record.get(f"history_{k}")
        if f"history_{k}" not in record:
            return None
        if history is None:
            return Finding(say("ch07.judge.train_returned_none"), Diagnosis(
                "returned_none", say(ch07.RETURN_HISTORY), SECTION_TRAIN))
        values = _losses(history)
        if values is None:
            return Finding(say("ch07.judge.history_not_numbers", type=type(history).__name__),
                           Diagnosis("wrong_type", say(ch07.RETURN_HISTORY), SECTION_TRAIN))
        if len(values) != 1:
            return Finding(say("ch07.judge.history_length", count=len(values)), Diagnosis(
                "wrong_length", say(ch07.ONE_LOSS_PER_ITERATION), SECTION_TRAIN))
        calls = _count(record.get(f"gradient_calls_{k}"), "TwoLayerNet.gradient")
        if calls is not None and calls != 1:
            return Finding(say("ch07.judge.gradient_calls", calls=calls),
                           Diagnosis("wrong_gradient_calls", say(ch07.ONE_GRADIENT),
                                     SECTION_TRAIN))
    batches = [_batch(case, record, k) for k in (0, 1)]
    for found in batches:
        if found is None:
            continue
        rows, _, labels_ok = found
        if len(rows) == ROWS:
            return Finding(say("ch07.judge.whole_training_set", rows=ROWS, batch=batch),
                           Diagnosis("not_a_mini_batch", say(ch07.MINI_BATCH),
                                     SECTION_TRAIN))
        if gradient_cause is None and not labels_ok:
            return Finding(say("ch07.judge.labels_mismatched"),
                           Diagnosis("labels_mismatched", say(ch07.SAME_INDICES),
                                     SECTION_TRAIN))
    if all(found is not None for found in batches):
        (rows0, weights0, _), (rows1, weights1, _) = batches
        if np.array_equal(rows0, rows1) and np.allclose(weights0, weights1, rtol=1e-9, atol=0):
            return Finding(say("ch07.judge.same_batch"),
                           Diagnosis("same_batch", say(ch07.NEW_BATCH), SECTION_TRAIN))
    return _update_finding(case, record)


def _shaped(value, shape: tuple) -> bool:
    return isinstance(value, np.ndarray) and value.shape == shape and value.dtype.kind in "biuf"


def _losses(history) -> list | None:
    values = numbers(history) if not isinstance(history, (list, tuple)) else None
    if values is not None:
        return list(values.reshape(-1)) if values.ndim else None
    if not isinstance(history, (list, tuple)):
        return None
    found = [numbers(v) for v in history]
    return None if any(v is None or v.size != 1 for v in found) else found


def _batch(case: Case, record: dict, k: int):
    """(rows, weight of each row, labels its own?) of call k's mini-batch, read from the
    dW1 its gradient left in Affine1 (x_train is the identity: row i of dW1 is sample i's
    share); None when the layers do not show it."""
    dW1 = numbers(record.get(f"dW1_{k}"))
    p = {key: numbers(record.get(f"{key}_{k}")) for key in KEYS}
    if dW1 is None or dW1.shape != (ROWS, UNITS) or any(
            p[key] is None or p[key].shape != case.inputs["params"][key].shape for key in KEYS):
        return None
    rows = np.flatnonzero(np.any(dW1 != 0, axis=1))
    a1, _, _, y = _forward(p, case.inputs["x"])
    labels_ok, weights = True, []
    for i in rows:
        share = np.dot(y[i] - case.inputs["t"][i], p["W2"].T) * (a1[i] > 0)
        weight = float(np.dot(dW1[i], share) / max(np.dot(share, share), 1e-300))
        weights.append(weight)
        if weight <= 0 or np.linalg.norm(dW1[i] - weight * share) > 1e-6 * np.linalg.norm(dW1[i]):
            labels_ok = False
    return rows, np.array(weights), labels_ok


def _update_finding(case: Case, record: dict) -> Finding | None:
    """Call 2 (lr > 0): the arrays the layers hold must move by −lr·(the gradient the
    layers hold), in place."""
    lr = case.inputs["rates"][2]
    for key in KEYS:
        before = numbers(record.get(f"{key}_2"))        # what the layers held before
        held = numbers(record.get(f"held_{key}"))        # the same arrays, afterwards
        now = numbers(record.get(f"param_{key}"))        # what params holds afterwards
        if before is None or held is None:
            return None
        if now is not None and (now.shape != held.shape or not np.array_equal(now, held)):
            return Finding(say("ch07.judge.train_rebound", key=key),
                           Diagnosis("params_rebound",
                                     ch07.rebound_words(key, say(ch07.THE_UPDATE)),
                                     SECTION_TRAIN))
        g = numbers(record.get(f"d{key}_2"))
        where = say("ch07.judge.label.after_one_iteration", key=key, lr=lr)
        if g is None or g.shape != before.shape:
            if np.array_equal(held, before):
                return Finding(say("ch07.judge.never_changed", what=where), Diagnosis(
                    "suspect:no update", say(ch07.UPDATE_SUSPECTS["no update"], key=key),
                    SECTION_TRAIN))
            continue
        expected = before - lr * g
        problem = difference(held, expected, 1e-9, 1e-12, where)
        if problem:
            suspects = {"plus": before + lr * g, "no update": before,
                        "params as gradient": before * (1 - lr), "lr ignored": before - g}
            found = diagnose(held, expected, section=SECTION_TRAIN, suspects={
                label: (array, say(ch07.UPDATE_SUSPECTS[label], key=key))
                for label, array in suspects.items()})
            return Finding(problem, None if found.name == "unexplained" else
                           _lecture_first(found, SECTION_TRAIN))
    return None


MNIST_SHAPES = {"W1": (784, TRAIN_HIDDEN), "b1": (TRAIN_HIDDEN,), "W2": (TRAIN_HIDDEN, 10),
                "b2": (10,)}


def _mnist_finding(judge: Judge, case: Case, record: dict, gradient_cause) -> Finding | None:
    """The test accuracy of the weights the layers hold (what predict computes with; the
    arrays of params when the layers do not show them under the book's names)."""
    for step in case.steps:
        name = step[1] if step[0] != "assign" else None
        value = record.get(name) if name else None
        if isinstance(value, Raised) and not name.startswith("held_"):
            label = judge.words(name) if step[0] == "call" and step[2] == "train" else \
                (f"{step[2]}(…)" if step[0] == "call" else step[2])
            return _train_raised(label, value, gradient_cause)
    trained = {key: record.get(f"trained_{key}") for key in KEYS}
    held = {key: record.get(f"held_{key}") for key in KEYS}
    if all(_shaped(held[key], MNIST_SHAPES[key]) for key in KEYS):
        trained = held
    if any(value is None for value in trained.values()):
        return Finding(say("ch07.judge.training_unfinished"))
    for key, value in trained.items():
        if not _shaped(value, MNIST_SHAPES[key]):
            return Finding(say("ch07.judge.trained_shape", key=key, shape=MNIST_SHAPES[key]))
    accuracy = test_accuracy(trained)
    if np.isfinite(accuracy) and accuracy >= TRAIN_THRESHOLD:
        return None
    values = _losses(record.get("history"))
    cause = gradient_cause
    if cause is None and values is not None and not all(np.isfinite(values)):
        cause = Diagnosis("not_finite", say(ch07.NAN_LOSS), SECTION_SGD)
    if cause is None:
        cause = Diagnosis("did_not_learn", say(ch07.NOT_LEARNING), SECTION_TRAIN)
    return Finding(say("ch07.judge.accuracy_low", iters=TRAIN_ITERS, images=TRAIN_IMAGES,
                       accuracy=accuracy, threshold=TRAIN_THRESHOLD), cause)


# =========================================================================== gradient_check
#
# The student's gradient_check is given layers made in the kernel from two functions each
# (FunctionLayer, a locked cell of the lab; the functions are numpy expressions sent as
# code): correct ones, which must get agrees = True, and subtly broken ones, which must get
# False. Each is built to catch one way a check goes wrong (see CHECK_KINDS). Where dout is
# given, the relative error itself is compared with the reference's; elsewhere the student's
# own random dout makes it differ, and only its side of THRESHOLD counts.

CHECK_THRESHOLD = ch07.CHECK_THRESHOLD
SINE = "lambda x: np.sin(x)"
RELU = "lambda x: np.maximum(x, 0.0)"  # not for students
SQUARE = "lambda x: x * x"  # not for students
SCALE_SHIFT = "lambda a, c: (lambda x: a * x + c)"  # not for students
# kind: (forward code, backward code, backward factory's arguments?, agrees, the key of its
# words)
CHECK_KINDS = {
    "sine": (SINE, "lambda x, dout: np.cos(x) * dout", False, True,  # not for students
             "ch07.judge.check.sine"),
    "sine_dout": (SINE, "lambda x, dout: np.cos(x) * dout", False, True,  # not for students
                  "ch07.judge.check.sine_dout"),
    "relu_kink": (RELU, "lambda x, dout: np.where(x > 0, dout, 0.0)", False, True,  # not for students
                  "ch07.judge.check.relu_kink"),
    "square": (SQUARE, "lambda x, dout: 2.0 * x * dout", False, True,  # not for students
               "ch07.judge.check.square"),
    "large_outputs": (SCALE_SHIFT, "lambda a: (lambda x, dout: a * dout)", True, True,  # not for students
                      "ch07.judge.check.large_outputs"),
    "factor": (SINE, "lambda x, dout: 1.01 * np.cos(x) * dout", False, False,  # not for students
               "ch07.judge.check.factor"),
    "one_element": (SINE, ("lambda k, d: (lambda x, dout: np.cos(x) * dout + d * "  # not for students
                          "(np.arange(x.size).reshape(x.shape) == k))"), True, False,
                    "ch07.judge.check.one_element"),
    "sign": (SCALE_SHIFT, "lambda a: (lambda x, dout: -a * dout)", True, False,  # not for students
             "ch07.judge.check.sign"),
    "no_dout": (SINE, "lambda x, dout: np.cos(x)", False, False,  # not for students
                "ch07.judge.check.no_dout"),
    "tiny_factor": (SCALE_SHIFT, "lambda a: (lambda x, dout: 1.01 * a * dout)", True, False,  # not for students
                    "ch07.judge.check.tiny_factor"),
    "no_mask": (RELU, "lambda x, dout: dout * 1.0", False, False,  # not for students
                "ch07.judge.check.no_mask"),
}
# the order the cases run, and so the order their failures are reported in
CHECK_ORDER = ("sine", "relu_kink", "square", "large_outputs", "no_dout", "tiny_factor",
               "factor", "one_element", "sign", "no_mask", "sine_dout")
DOUT_GIVEN = {"sine_dout", "large_outputs", "factor", "one_element", "tiny_factor"}

# kind: (diagnosis name, the key of its words)
CHECK_CAUSES = {
    "relu_kink": ("at_kink", "ch07.judge.check.at_kink"),
    "square": ("forward_difference", "ch07.judge.check.forward_difference"),
    "large_outputs": ("step_too_small", "ch07.judge.check.step_too_small"),
    "no_dout": ("dout_ones", "ch07.judge.check.dout_ones"),
    "tiny_factor": ("absolute_error", "ch07.judge.check.absolute_error"),
    "sine_dout": ("dout_ignored", "ch07.judge.check.dout_ignored"),
}
ZERO_NUMERICAL = ("numerical_zero", "ch07.judge.check.numerical_zero")
OPPOSITE = ("wrong_sign", "ch07.judge.check.wrong_sign")
ALWAYS = ("always_agrees", "ch07.judge.check.always_agrees")
NOT_RELATIVE = ("not_relative_error", "ch07.judge.check.not_relative_error")


def _check_case(rng, kind: str) -> Case:
    forward, backward, factory, agrees, _ = CHECK_KINDS[kind]
    n, m = int(rng.integers(1, 5)), int(rng.integers(2, 7))
    shape = (n, m)
    sign = rng.choice([-1.0, 1.0], size=shape)
    sign.flat[rng.permutation(sign.size)[:2]] = (-1.0, 1.0)    # both signs, for ReLU's sake
    x = sign * rng.uniform(0.1, 1.5, size=shape)
    args_fwd, args_bwd = (), ()
    if kind == "relu_kink":
        flat = x.reshape(-1)
        spots = rng.permutation(flat.size)[:max(2, flat.size // 3)]
        near = np.array([0.0, 0.0, 1e-9, -1e-9, 1e-7, -1e-7])
        flat[spots] = near[rng.integers(0, len(near), size=len(spots))]
        flat[spots[:2]] = 0.0
    elif kind == "square":
        x = sign * rng.uniform(0.001, 0.01, size=shape)
    if forward == SCALE_SHIFT:
        a = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)
        if kind == "tiny_factor":
            a *= 1e-4
        c = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(2000.0, 5000.0, size=shape)
        if kind != "large_outputs":
            c /= 4000.0
        args_fwd, args_bwd = (a, c), (a,)
    if kind == "one_element":
        args_bwd = (int(rng.integers(0, x.size)), 0.1)
    steps = []
    if args_fwd:
        steps += [let("forward_of", expr(forward)), call("forward", "forward_of", *args_fwd)]
    else:
        steps += [let("forward", expr(forward))]
    if factory:
        steps += [let("backward_of", expr(backward)), call("backward", "backward_of", *args_bwd)]
    else:
        steps += [let("backward", expr(backward))]
    steps += [call("layer", "FunctionLayer", ref("forward"), ref("backward"))]
    inputs = {"kind": kind, "x": x, "agrees": agrees}
    if kind in DOUT_GIVEN:
        dout = rng.standard_normal(shape)
        inputs["dout"] = dout
        steps += [call("result", "gradient_check", ref("layer"), x, dout)]
    else:
        steps += [call("result", "gradient_check", ref("layer"), x)]
    return Case(steps, inputs=inputs)


def gradient_check_judge(seed):
    rng = rng_for("judge gradient_check", seed)
    cases = [_check_case(rng, kind) for kind in CHECK_ORDER]
    labels = {"layer": "FunctionLayer(forward, backward)",
              "result": "gradient_check(layer, x)"}
    return Judge("gradient_check", cases, labels=labels, decide=_check_decide)


def _verdict_pair(result):
    """(error, agrees) from a decoded result, or None when it is not such a pair."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None
    error, agrees = numbers(result[0]), result[1]
    if isinstance(agrees, np.ndarray) and agrees.dtype == bool and agrees.size == 1:
        agrees = bool(agrees.reshape(()))
    if error is None or error.size != 1 or not isinstance(agrees, bool):
        return None
    return float(error.reshape(())), agrees


def _check_cause(kind: str, error: float, agrees: bool) -> Diagnosis:
    expected = CHECK_KINDS[kind][3]
    if agrees and error >= CHECK_THRESHOLD:
        name, words = ALWAYS
    elif kind == "relu_kink" and not agrees:
        name, words = CHECK_CAUSES[kind]
    elif expected and not agrees and abs(error - 1.0) < 0.01:
        name, words = ZERO_NUMERICAL
    elif expected and not agrees and abs(error - 2.0) < 0.02:
        name, words = OPPOSITE
    elif kind in CHECK_CAUSES:
        name, words = CHECK_CAUSES[kind]
    elif not expected and agrees:
        name, words = ALWAYS
    else:
        name, words = NOT_RELATIVE
    return Diagnosis(name, say(words), SECTION_CHECK)


def _check_decide(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """Every verdict first (in CHECK_ORDER), then the errors where dout was given."""
    pairs = []
    for case, mine in zip(judge.cases, got):
        kind = case.inputs["kind"]
        words = say(CHECK_KINDS[kind][4])
        for name in ("forward_of", "forward", "backward_of", "backward", "layer"):
            if isinstance(mine.get(name), Raised):
                value = mine[name]
                return Finding(say("ch07.judge.check.layer_not_made", name=name,
                                   error=value.name, message=value.message))
        if "result" not in mine:
            return Finding(say("judge.never_reached",
                               label=say("ch07.judge.label.check_on", kind=words)))
        result = mine["result"]
        if isinstance(result, Raised):
            cause = None
            if result.name == "NotImplementedError":
                cause = Diagnosis("not_implemented", say("ch07.judge.not_written",
                                                         what="gradient_check"), SECTION_CHECK)
            return Finding(_raised_text(say("ch07.judge.label.check_call_on", kind=words),
                                        result), cause)
        pair = _verdict_pair(result)
        if pair is None:
            return Finding(say("ch07.judge.check.not_a_pair", kind=words,
                               type=type(result).__name__),
                           Diagnosis("wrong_type", say(ch07.PAIR), SECTION_CHECK))
        pairs.append((case, pair))
    for case, (error, agrees) in pairs:
        kind, expected = case.inputs["kind"], case.inputs["agrees"]
        if agrees != expected:
            words = say(CHECK_KINDS[kind][4])
            return Finding(say("ch07.judge.check.verdict_right_backward" if expected else
                               "ch07.judge.check.verdict_wrong_backward", kind=words,
                               agrees=agrees, error=error, expected=expected),
                           _check_cause(kind, error, agrees))
    for (case, (error, agrees)), theirs in zip(pairs, [w for w in want]):
        kind = case.inputs["kind"]
        reference = _verdict_pair(theirs.get("result"))
        if reference is None:
            continue
        expected_error = reference[0]
        words = say(CHECK_KINDS[kind][4])
        if case.inputs["agrees"]:
            ok = 0.0 <= error < CHECK_THRESHOLD
        elif kind in DOUT_GIVEN:
            ok = abs(error - expected_error) <= 1e-3 * expected_error
        else:
            ok = error >= CHECK_THRESHOLD
        if not ok:
            name, key = NOT_RELATIVE
            return Finding(say("ch07.judge.check.error_differs", kind=words, error=error,
                               expected_error=expected_error),
                           Diagnosis(name, say(key), SECTION_CHECK))
    return None


# =========================================================================== weight_decay
#
# TwoLayerNetWithDecay (part 5): the student derives where the penalty ½·λ·(‖W1‖² + ‖W2‖²)
# enters the gradient. The judge runs the gradient judge's cases first (the student's
# TwoLayerNet of part 1, on which the class is built: its failure is named first, with
# that judge's words), then small networks with random λ: the gradient, the total loss
# and the parameters afterwards compared with the reference's, the known slips named
# (suspects computed here, from the reference's formulas), and two probes (the gradient
# judge's underflow and kink networks, with λ) where only an analytic gradient is exact.
# The calls of the forward pass are counted while gradient runs, as in gradient_test.

SECTION_DECAY = ch07.SECTION_DECAY
SECTION_LOCAL = ch07.SECTION_LOCAL
DECAY_CALLS = ("TwoLayerNetWithDecay.loss", *FORWARD_CALLS)   # the subclass first
DECAY_MOST_CALLS = {**MOST_CALLS, "TwoLayerNetWithDecay.loss": ANALYTIC_PASSES}


def _decay_labels() -> dict:
    """{bound name: the words for it} of the decay cases, in the notebook's language."""
    return {
        "net": "TwoLayerNetWithDecay(…, weight_decay_lambda=λ)",
        "grads": "TwoLayerNetWithDecay.gradient(x, t)",
        "loss": "TwoLayerNetWithDecay.loss(x, t)",
        **{f"d_{k}": f"TwoLayerNetWithDecay.gradient(x, t)['{k}']" for k in KEYS},
        **{f"after_{k}": say("ch07.judge.label.params_after", key=k,
                             call="TwoLayerNetWithDecay.gradient") for k in KEYS},
    }


BOOK_MULTI_LAYER = ch07.BOOK_MULTI_LAYER
# The likely causes of the known slips (keys; their {section} is SECTION_LOCAL). None of
# them may state the gradient.
DECAY_WORDS = {
    "no decay": "ch07.judge.decay.no_decay",
    "W1 only": "ch07.judge.decay.W1_only",
    "twice": "ch07.judge.decay.twice",
    "half": "ch07.judge.decay.half",
    "sign": "ch07.judge.decay.sign",
    "multiplied": "ch07.judge.decay.multiplied",
    "penalty only": "ch07.judge.decay.penalty_only",
    "bias decayed": "ch07.judge.decay.bias_decayed",
}
LOSS_WORDS = {
    "no penalty": "ch07.judge.decay_loss.no_penalty",
    "no half": "ch07.judge.decay_loss.no_half",
    "biases": "ch07.judge.decay_loss.biases",
    "W1 only": "ch07.judge.decay_loss.W1_only",
    "no lambda": "ch07.judge.decay_loss.no_lambda",
    "norm": "ch07.judge.decay_loss.norm",
    "sign": "ch07.judge.decay_loss.sign",
}


def _penalty(p: dict, lam: float, keys=("W1", "W2")) -> float:
    return float(0.5 * lam * sum(np.sum(p[k] ** 2) for k in keys))


def _decay_steps(params: dict, d: int, h: int, c: int, lam: float, x, t) -> list:
    steps = [call("net", "TwoLayerNetWithDecay", d, h, c, 0.1, weight_decay_lambda=lam)]
    steps += [assign("net.params", key, params[key]) for key in KEYS]
    steps += [watch("d_calls", DECAY_CALLS), call("grads", "net.gradient", x, t),
              unwatch("d_calls")]
    steps += [call(f"d_{key}", "grads.get", key) for key in KEYS]
    steps += [call("loss", "net.loss", x, t)]
    steps += [get(f"after_{key}", f"net.params[{key}]") for key in KEYS]
    return steps


def _decay_case(rng, d: int, h: int, c: int, n: int) -> Case:
    """A network whose every sample has a hidden unit on (so no data gradient is all 0s and
    the slips stay apart), none of them near the kink."""
    for _ in range(100):
        params = _draw_params(rng, d, h, c)
        x = rng.standard_normal((n, d))
        a1 = np.dot(x, params["W1"]) + params["b1"]
        if np.all(np.sum(a1 > 0, axis=1) >= 1) and np.min(np.abs(a1)) > 1e-3:
            break
    lam = float(rng.uniform(0.2, 1.5))
    t = random_labels(rng, n, c, one_hot=True, scores=_forward(params, x)[2])
    return Case(_decay_steps(params, d, h, c, lam, x, t),
                inputs={"kind": "decay", "params": params, "x": x, "t": t, "lam": lam})


def _decay_probe(rng, draw) -> Case:
    d, h, c, params, x, t = draw(rng)
    lam = float(rng.uniform(0.2, 1.5))
    return Case(_decay_steps(params, d, h, c, lam, x, t),
                inputs={"kind": "decay", "params": params, "x": x, "t": t, "lam": lam},
                probe=True)


def decay_probe_tolerance(case: Case, name: str, want) -> np.ndarray:
    """The gradient judge's probe tolerance, plus rounding's reach in the penalty's share."""
    key = name.removeprefix("d_")
    limit = probe_tolerance(case, "g_" + key, want)
    if key[0] == "W":
        limit = limit + ANALYTIC_K * EPS * case.inputs["lam"] * np.abs(case.inputs["params"][key])
    return limit


def weight_decay_judge(seed):
    base = gradient_judge(seed)
    rng = rng_for("judge weight_decay", seed)
    cases = [_decay_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)), 1),
             _decay_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)),
                         int(rng.integers(2, 6))),
             _decay_case(rng, *(int(v) for v in rng.integers(2, 6, size=3)),
                         int(rng.integers(2, 6))),
             _decay_probe(rng, _underflow_draw),
             _decay_probe(rng, _kink_draw)]
    analytic = Analytic("TwoLayerNetWithDecay.gradient", tuple(f"d_{k}" for k in KEYS),
                        most_calls=DECAY_MOST_CALLS, tolerance=decay_probe_tolerance,
                        section=SECTION_DECAY, calls="d_calls", instead=DERIVED)
    first = len(base.cases)

    def decide(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        return _decay_decide(judge, base, first, got, want)

    return Judge("weight_decay", base.cases + cases, labels=_decay_labels(), decide=decide,
                 numerical=analytic)


def _decay_raised(judge: Judge, name: str, raised: Raised) -> Finding:
    problem = _raised_text(judge.words(name), raised)
    if ch07.BOOK_NAMES.search(raised.message):
        head = say(ch07.BOOK_MULTI_LAYER_HEAD)   # after "✗ weight_decay_test: ": lowercase
        return Finding(problem, Diagnosis("book_interface", say(BOOK_MULTI_LAYER),
                                          SECTION_DECAY), first=head[:1].lower() + head[1:])
    if raised.name == "NotImplementedError":
        return Finding(problem, Diagnosis("not_implemented", say("ch07.judge.decay.not_written"),
                                          SECTION_DECAY))
    return Finding(problem, _raised_cause(raised))


def _decay_suspects(case: Case, key: str) -> dict:
    """{label: (what a known slip gives for grads[key], its words)} on this case."""
    p, lam = case.inputs["params"], case.inputs["lam"]
    data = _gradient(p, case.inputs["x"], case.inputs["t"])[key]
    words = {label: say(text, key=key, section=SECTION_LOCAL)
             for label, text in DECAY_WORDS.items()}
    multiplied = {"multiplied": (lam * data, words["multiplied"]),
                  "multiplied plus one": ((1.0 + lam) * data, words["multiplied"])}
    if key[0] == "b":
        return {"bias decayed": (data + lam * p[key], words["bias decayed"]), **multiplied}
    return {"no decay": (data, words["W1 only"] if key == "W2" else words["no decay"]),
            "twice": (data + 2.0 * lam * p[key], words["twice"]),
            "half": (data + 0.5 * lam * p[key], words["half"]),
            "sign": (data - lam * p[key], words["sign"]),
            "penalty only": (lam * p[key], words["penalty only"]),
            **multiplied}   # last: where the data gradient is 0, they look like "no decay"


def _loss_suspects(case: Case, want: float) -> dict:
    p, lam = case.inputs["params"], case.inputs["lam"]
    penalty = _penalty(p, lam)
    data = want - penalty
    norms = 0.5 * lam * (np.linalg.norm(p["W1"]) + np.linalg.norm(p["W2"]))
    return {"no penalty": (data, say(LOSS_WORDS["no penalty"])),
            "no half": (data + 2.0 * penalty, say(LOSS_WORDS["no half"])),
            "biases": (want + _penalty(p, lam, ("b1", "b2")), say(LOSS_WORDS["biases"])),
            "W1 only": (data + _penalty(p, lam, ("W1",)), say(LOSS_WORDS["W1 only"])),
            "no lambda": (data + penalty / lam, say(LOSS_WORDS["no lambda"])),
            "norm": (data + norms, say(LOSS_WORDS["norm"])),
            "sign": (data - penalty, say(LOSS_WORDS["sign"]))}


def _decay_finding(judge: Judge, case: Case, record: dict, want: dict):
    """(Finding, near miss?) for one decay case, or None when it agrees."""
    for name in ("net", "grads", "loss"):
        if isinstance(record.get(name), Raised):
            return _decay_raised(judge, name, record[name]), False
        if name not in record:
            return Finding(say("judge.never_reached", label=judge.words(name))), False
    grads = record["grads"]
    if not isinstance(grads, dict):
        return Finding(say("ch07.judge.decay.grads_not_dict", what=judge.words("grads"),
                           type=type(grads).__name__),
                       Diagnosis("wrong_type", say(ch07.MISSING_KEY), SECTION_DECAY)), False
    if any(key not in grads for key in KEYS):
        return Finding(say("ch07.judge.decay.grads_keys", what=judge.words("grads"),
                           keys=sorted(map(str, grads))),
                       Diagnosis("missing_key", say(ch07.MISSING_KEY), SECTION_DECAY)), False
    n = len(case.inputs["x"])
    problem = difference(record["loss"], want["loss"], judge.rtol, judge.atol,
                         judge.words("loss"))
    if problem:
        found = diagnose(record["loss"], want["loss"], suspects=_loss_suspects(case, want["loss"]),
                         section=SECTION_DECAY)
        return Finding(problem, None if found.name == "unexplained" else found), False
    got = {key: record.get(f"d_{key}") for key in KEYS}
    wanted = {key: want[f"d_{key}"] for key in KEYS}
    for key in KEYS:
        problem = difference(got[key], wanted[key], judge.rtol, judge.atol,
                             judge.words(f"d_{key}"))
        if problem:
            found = diagnose(got[key], wanted[key], suspects=_decay_suspects(case, key),
                             batch_size=n, section=SECTION_DECAY)
            cause = None if found.name == "unexplained" else _lecture_first(found, SECTION_DECAY)
            return Finding(problem, cause), _near_miss(got, wanted)
    for key in KEYS:
        name = f"after_{key}"
        if difference(record.get(name), want[name]) is not None:
            return Finding(say("ch07.judge.gradient_changed_params",
                               cls="TwoLayerNetWithDecay", key=key),
                           Diagnosis("params_changed", say("ch07.judge.params_changed"),
                                     SECTION_DECAY)), False
    return None


def _decay_decide(judge: Judge, base: Judge, first: int, got: list[dict],
                  want: list[dict]) -> Finding | None:
    """Part 1 first (the gradient judge's own decision, named as the cause); then calls
    that give a numerical gradient away; then the decay cases (a near miss that the probes
    refuse is numerical); then the probes at analytic precision."""
    if len(got) < len(want):
        return Finding(say("judge.cases_not_run"))
    found = _gradient_decide(base, got[:first], want[:first])
    if found:
        return Finding(found.problem, found.diagnosis, first=say(ch07.DECAY_BASE_FIRST))
    found = judge.numerical.from_calls(judge, got[first:])
    if found:
        return found
    findings = []
    for case, mine, theirs in zip(judge.cases[first:], got[first:], want[first:]):
        if not case.probe:
            found = _decay_finding(judge, case, mine, theirs)
            if found:
                findings.append(found)
    if findings:
        explained = [f for f, _ in findings if f.diagnosis is not None] or [findings[0][0]]
        if all(near for _, near in findings):
            return judge.numerical.from_probes(judge, got, want) or explained[0]
        return explained[0]
    return judge.numerical.from_probes(judge, got, want)


JUDGES = {
    "gradient_test": gradient_judge,
    "sgd_step_test": sgd_step_judge,
    "train_test": train_judge,
    "gradient_check_test": gradient_check_judge,
    "weight_decay_test": weight_decay_judge,
}
