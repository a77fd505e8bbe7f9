"""Hidden checks of lab ch07_two_layer_net, on the student's side: TwoLayerNet.gradient,
sgd_step and train. Nothing here knows a right answer (the judges in autograder/judging/,
on the grader's side, decide the values and name the causes that need the reference); what
is left compares the student's code with itself, or with a stand-in network:

* ``gradient``: small random networks (2-5 inputs, 2-5 hidden units, 2-4 classes; batch 1
  and N; inputs kept away from the ReLU kink) whose ``gradient(x, t)`` is compared with
  numerical gradients of the student's own ``loss(x, t)`` (``gradcheck.check_net_gradients``).
  One case runs forward on another batch first, so a gradient that skips the forward pass
  uses stale values. While ``gradient`` runs, the calls of the layers' forward and backward
  are recorded; when a gradient is wrong, the cause comes from, in this order: the layers
  pasted from labs 4-6 (each checked alone against numerical gradients of its own forward),
  the names used (``last_layer``, ``'w1'``), and the recorded order of the backward pass (no
  forward, last layer skipped, dout not 1, layers not reversed, a layer skipped).
* ``sgd_step``: random parameter dicts and learning rates; the update must change the very
  arrays of ``params`` (the network's layers share them), every one of them.
* ``train``: the loop on a probe network that records every call (cheap): iters mini-batches
  of batch_size rows drawn with the given rng, labels that belong to their inputs, one
  gradient and one update per iteration, the loss of each mini-batch returned.
* ``train_on_mnist``: a seeded run on the bundled MNIST subset (784-30-10, 150 iterations of
  100, lr 0.2) must reach TEST_ACCURACY on the 2,000 test images, measured with the
  network's own predict.
* ``gradient_check``: its calling conventions (the judge decides the verdicts).
* ``weight_decay``: part 1 first, then TwoLayerNetWithDecay on small networks with random
  λ: its loss against itself (λ = 0 gives part 1's loss, the penalty proportional to λ) and
  its gradient against numerical gradients of its own total loss.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from autograder.checks import gradcheck
from autograder.checks.diagnose import Diagnosis, fail, numbers
from autograder.checks.runtime import CheckFailed, expect_close, rng_for
from autograder.checks.sections import Both, see
from autograder.checks.words import catalogue, say
from autograder.provided import mnist

WORDS = catalogue({
    # ---- the pasted layers and the calling code
    "ch07.paste_layer": {
        "en": "Paste your {owner} from lab {lab} into the first answer cell (your layers from "
              "labs 4-6), and run that cell",
        "ko": "실습 {lab}에서 만든 {owner} 코드를 첫 번째 답안 셀(실습 4~6에서 만든 계층을 넣는 "
              "셀)에 붙여 넣고, 그 셀을 실행하세요"},
    "ch07.not_written": {
        "en": "✗ {what} is not written yet (it raises NotImplementedError).",
        "ko": "✗ {what}: 아직 작성되지 않았습니다(NotImplementedError를 일으킵니다)."},
    "ch07.write_here": {
        "en": "write your code where it says YOUR CODE HERE and delete the raise line",
        "ko": "YOUR CODE HERE라고 적힌 곳에 코드를 작성하고 raise 줄을 지우세요"},
    "ch07.calls_not_written": {
        "en": "✗ {what} calls {origin}, which is not written yet (it raises "
              "NotImplementedError).",
        "ko": "✗ {what}에서 호출하는 {origin}: 아직 작성되지 않았습니다(NotImplementedError를 "
              "일으킵니다)."},
    "ch07.write_first": {"en": "write {origin} first", "ko": "{origin}부터 먼저 작성하세요"},
    "ch07.raised": {
        "en": "✗ {what} raised {kind}: {exc}",
        "ko": "✗ {what}에서 {kind} 예외가 발생했습니다: {exc}"},
    "ch07.not_defined": {
        "en": "✗ `{name}` is not defined: it is not written yet in this notebook.",
        "ko": "✗ `{name}` 정의가 없습니다. 이 노트북에서 아직 작성하지 않았습니다."},
    "ch07.pasted_layer_wrong": {
        "en": "not your gradient but the {layer} you pasted in the first answer cell (from lab "
              "{lab}): {head}{detail} Fix it there and run the notebook again",
        "ko": "문제는 여러분의 기울기가 아니라 첫 번째 답안 셀에 붙여 넣은 {layer} 계층입니다"
              "(실습 {lab}에서 가져온 것): {head}{detail} 그 셀에서 고친 뒤 노트북을 다시 "
              "실행하세요"},
    # ---- the recorded backward pass and the names
    "ch07.no_forward": {
        "en": "gradient did not run the forward pass first. Start with self.loss(x, t): forward "
              "stores in each layer what its backward needs (the input of each Affine layer, "
              "the ReLU mask, the softmax output); without it, backward uses whatever an "
              "earlier call left behind (or None)",
        "ko": "gradient 메서드가 순전파를 먼저 하지 않았습니다. self.loss(x, t)로 시작하세요. "
              "순전파는 각 계층의 backward에 필요한 값(각 Affine 계층의 입력, ReLU의 마스크, "
              "소프트맥스의 출력)을 그 계층에 저장합니다. 순전파를 하지 않으면 backward는 "
              "이전 호출이 남겨 둔 값(또는 None)을 쓰게 됩니다"},
    "ch07.no_last_layer_backward": {
        "en": "gradient never called self.lastLayer.backward. The backward pass starts at the "
              "loss: dout = self.lastLayer.backward(1) gives ∂L/∂(scores) = (y − t)/N, and that "
              "dout goes into the last Affine layer (not dout = 1 itself)",
        "ko": "gradient 메서드가 self.lastLayer.backward를 한 번도 호출하지 않았습니다. 역전파는 "
              "손실에서 시작합니다. dout = self.lastLayer.backward(1)이 ∂L/∂(scores) = "
              "(y − t)/N을 주고, 그 dout이 마지막 Affine 계층으로 들어갑니다(dout = 1 자체가 "
              "들어가는 것이 아닙니다)"},
    "ch07.layers_in_forward_order": {
        "en": "the layers were back-propagated in forward order ({names}). Backward goes the "
              "other way: {expected}, e.g. for layer in reversed(list(self.layers.values()))",
        "ko": "계층을 순전파 순서대로 역전파했습니다({names}). 역전파는 반대 방향으로 "
              "진행합니다: {expected}. 예: for layer in reversed(list(self.layers.values()))"},
    "ch07.layer_skipped": {
        "en": "the backward pass skipped {missing}: dout must pass through every layer, in "
              "reverse order ({expected})",
        "ko": "역전파에서 {missing} 계층을 건너뛰었습니다. dout은 모든 계층을 역순으로 "
              "거쳐야 합니다({expected})"},
    "ch07.dout_not_one": {
        "en": "self.lastLayer.backward received dout = {value}{looks}. The backward pass starts "
              "with dout = 1, because ∂L/∂L = 1; the loss itself is not a gradient",
        "ko": "self.lastLayer.backward가 받은 값: dout = {value}{looks}. ∂L/∂L = 1이므로 "
              "역전파는 dout = 1로 시작합니다. 손실 자체는 기울기가 아닙니다"},
    "ch07.dout_is_the_loss": {"en": " (the value of the loss)", "ko": " (손실의 값)"},
    "ch07.backward_not_from_last_layer": {
        "en": "the backward pass must start at the last layer (self.lastLayer) and then go "
              "through self.layers in reverse order",
        "ko": "역전파는 마지막 계층(self.lastLayer)에서 시작해서 self.layers를 역순으로 "
              "거쳐야 합니다"},
    "ch07.backward_order": {
        "en": "backward ran through the layers as {order}; it must run {expected} (the reverse "
              "of forward), each layer once",
        "ko": "역전파가 계층을 {order} 순서로 거쳤습니다. 순전파의 역순인 {expected} 순서로, "
              "각 계층을 한 번씩 거쳐야 합니다"},
    "ch07.wrong_name": {
        "en": "there is no attribute `{wrong}`: the name is `{right}`{book}. Python names are "
              "case-sensitive",
        "ko": "`{wrong}`(이)라는 속성은 없습니다. 올바른 이름은 `{right}`입니다{book}. 파이썬의 "
              "이름은 대소문자를 구별합니다"},
    "ch07.book_names": {
        "en": " (this lab uses the book's names: the loss layer is self.lastLayer)",
        "ko": " (이 실습은 책의 이름을 그대로 씁니다: 손실 계층은 self.lastLayer입니다)"},
    "ch07.missing_key": {
        "en": "gradient must return a dict with the keys of params, 'W1', 'b1', 'W2', 'b2' "
              "(Python's strings are case-sensitive: 'w1' is another key)",
        "ko": "gradient 메서드는 params와 같은 키 'W1', 'b1', 'W2', 'b2'를 가진 딕셔너리를 "
              "반환해야 합니다(파이썬 문자열은 대소문자를 구별합니다: 'w1'은 다른 키입니다)"},
    # ---- gradient
    "ch07.params_not_arrays": {
        "en": "✗ TwoLayerNet.params should hold W1 (input, hidden), b1 (hidden,), W2 (hidden, "
              "output) and b2 (output,) as numpy arrays, as the given __init__ makes them.",
        "ko": "✗ TwoLayerNet.params에는 주어진 __init__이 만드는 대로 W1 (입력, 은닉), "
              "b1 (은닉,), W2 (은닉, 출력), b2 (출력,)가 넘파이 배열로 들어 있어야 합니다."},
    "ch07.restore_net": {"en": "restore the given code of TwoLayerNet",
                         "ko": "TwoLayerNet의 주어진 코드를 원래대로 되돌리세요"},
    "ch07.relative_errors": {
        "en": "relative error of each parameter: {errors} (a correct gradient: below 1e-4, "
              "about 1e-6 with the book's loss)",
        "ko": "매개변수별 상대 오차: {errors} (올바른 기울기라면 1e-4 미만이고, 책의 손실로는 "
              "약 1e-6입니다)"},
    "ch07.gradient_changed_params": {
        "en": "✗ {net}.gradient changed self.params['{key}'].",
        "ko": "✗ {net}.gradient 메서드가 self.params['{key}']의 값을 바꾸었습니다."},
    "ch07.gradient_only_computes": {
        "en": "gradient only computes the gradients; the update is the job of sgd_step (part 2)",
        "ko": "gradient 메서드는 기울기를 계산하기만 합니다. 매개변수 갱신은 sgd_step(문제 2)이 "
              "할 일입니다"},
    # ---- sgd_step
    "ch07.rebound": {
        "en": "{who} put a NEW array into params['{key}'] instead of changing the array that is "
              "there. The network's Affine layers hold the arrays of params (Affine("
              "self.params['W1'], self.params['b1'])), so they never see a new array and the "
              "network does not learn. `params[key] = params[key] - lr * grads[key]` makes a new "
              "array; `params[key] -= lr * grads[key]` changes the array in place",
        "ko": "{who}에서 params['{key}']에 있던 배열을 바꾸지 않고 새 배열을 넣었습니다. 신경망의 "
              "Affine 계층은 params의 배열 자체를 가지고 있으므로(Affine(self.params['W1'], "
              "self.params['b1'])) 새 배열을 보지 못하고, 신경망은 학습하지 않습니다. "
              "`params[key] = params[key] - lr * grads[key]`는 새 배열을 만들고, "
              "`params[key] -= lr * grads[key]`는 배열을 제자리에서 바꿉니다"},
    "ch07.the_update": {"en": "the update", "ko": "train의 갱신 코드"},
    "ch07.returned_not_updated": {
        "en": "the caller ignores what sgd_step returns: sgd_step(network.params, grads, lr) "
              "must change the arrays of params themselves, params[key] -= lr * grads[key]",
        "ko": "호출하는 쪽은 sgd_step의 반환값을 쓰지 않습니다. sgd_step(network.params, grads, "
              "lr)은 params의 배열 자체를 바꿔야 합니다: params[key] -= lr * grads[key]"},
    "ch07.returned_a_dict": {
        "en": "✗ sgd_step returned {kind} with keys {keys}, but the arrays of params did not "
              "change.",
        "ko": "✗ sgd_step의 반환값: {kind} (키 {keys}). 그런데 params의 배열은 바뀌지 "
              "않았습니다."},
    "ch07.params_rebound": {
        "en": "✗ after sgd_step, params['{key}'] is a new array; the array it held before (the "
              "one a layer holds) {old}.",
        "ko": "✗ sgd_step을 실행한 뒤 params['{key}']에 새 배열이 들어 있습니다. 전에 들어 있던 "
              "배열(계층이 가지고 있는 배열)은 {old}."},
    "ch07.old_array_unchanged": {"en": "is unchanged", "ko": "바뀌지 않았습니다"},
    "ch07.old_array_changed": {"en": "changed too", "ko": "함께 바뀌었습니다"},
    "ch07.not_updated": {
        "en": "✗ sgd_step did not change params['{key}'] (lr = {lr:.4g}).",
        "ko": "✗ sgd_step이 params['{key}']의 값을 바꾸지 않았습니다(lr = {lr:.4g})."},
    "ch07.update_every_parameter": {
        "en": "params['{key}'] did not change: update every parameter, the biases b1, b2 as "
              "well as the weights W1, W2 (loop over all the keys)",
        "ko": "params['{key}']의 값이 바뀌지 않았습니다. 가중치 W1, W2뿐 아니라 편향 b1, b2까지 "
              "모든 매개변수를 갱신하세요(모든 키에 대해 반복하세요)"},
    # ---- train (probe)
    "ch07.return_history": {
        "en": "train should return the list of the losses, one per iteration: did you forget "
              "`return loss_history`?",
        "ko": "train은 반복마다 하나씩 기록한 손실의 리스트를 반환해야 합니다. "
              "`return loss_history`를 빠뜨리지 않았나요?"},
    "ch07.one_loss_per_iteration": {
        "en": "append the loss once per iteration, network.loss(x_batch, t_batch)",
        "ko": "반복마다 손실 network.loss(x_batch, t_batch)를 한 번씩 리스트에 추가하세요"},
    "ch07.one_gradient": {
        "en": "each iteration computes the gradient of ONE mini-batch, grads = "
              "network.gradient(x_batch, t_batch), then updates the parameters",
        "ko": "반복마다 미니배치 하나의 기울기를 구하고(grads = network.gradient(x_batch, "
              "t_batch)), 그다음 매개변수를 갱신합니다"},
    "ch07.mini_batch": {
        "en": "each iteration uses a random mini-batch (미니배치) of batch_size samples: "
              "batch_mask = rng.choice(train_size, batch_size), x_batch = x_train[batch_mask]",
        "ko": "반복마다 샘플 batch_size개로 이루어진 무작위 미니배치를 씁니다: batch_mask = "
              "rng.choice(train_size, batch_size), x_batch = x_train[batch_mask]"},
    "ch07.same_indices": {
        "en": "x_batch and t_batch must come from the SAME indices: draw batch_mask once per "
              "iteration and use it for both, x_train[batch_mask] and t_train[batch_mask]. "
              "Otherwise every image gets another image's label and the network cannot learn",
        "ko": "x_batch와 t_batch는 같은 인덱스로 골라야 합니다. 반복마다 batch_mask를 한 번만 "
              "뽑아 x_train[batch_mask]와 t_train[batch_mask] 양쪽에 쓰세요. 그러지 않으면 "
              "이미지마다 다른 이미지의 레이블이 붙어서 신경망이 학습할 수 없습니다"},
    "ch07.new_batch": {
        "en": "draw a new random mini-batch in each iteration (inside the loop), "
              "rng.choice(train_size, batch_size)",
        "ko": "반복마다(반복문 안에서) 새 무작위 미니배치를 뽑으세요: rng.choice(train_size, "
              "batch_size)"},
    "ch07.update_added": {
        "en": "the updates added the gradient: gradient descent moves AGAINST it (a minus sign "
              "in sgd_step)",
        "ko": "갱신에서 기울기를 더했습니다. 경사 하강법은 기울기의 반대 방향으로 움직입니다"
              "(sgd_step의 빼기 부호)"},
    "ch07.never_updated": {
        "en": "network.params['{key}'] never changed: after the gradient, each iteration "
              "updates every parameter, sgd_step(network.params, grads, lr)",
        "ko": "network.params['{key}']의 값이 한 번도 바뀌지 않았습니다. 반복마다 기울기를 구한 "
              "뒤 모든 매개변수를 갱신하세요: sgd_step(network.params, grads, lr)"},
    "ch07.params_as_gradient": {
        "en": "each step subtracted lr times the parameter itself instead of lr times its "
              "gradient",
        "ko": "매 단계에서 lr × 기울기가 아니라 lr × 매개변수 자체를 뺐습니다"},
    "ch07.lr_ignored": {
        "en": "the learning rate was not used: pass lr on to sgd_step",
        "ko": "학습률을 쓰지 않았습니다. lr을 sgd_step에 넘기세요"},
    "ch07.train_returned_none": {"en": "✗ train returned None.",
                                 "ko": "✗ train이 None을 반환했습니다."},
    "ch07.train_not_numbers": {
        "en": "✗ train should return a list of numbers (the loss of each iteration), but "
              "returned {kind}.",
        "ko": "✗ train은 숫자의 리스트(반복마다의 손실)를 반환해야 하는데, 반환한 것은 "
              "{kind}입니다."},
    "ch07.train_wrong_length": {
        "en": "✗ train returned {count} losses for iters = {iters}.",
        "ko": "✗ iters = {iters}인데 train이 손실을 {count}개 반환했습니다."},
    "ch07.gradient_calls": {
        "en": "✗ train called network.gradient {calls} times for iters = {iters}.",
        "ko": "✗ iters = {iters}인데 train이 network.gradient를 {calls}번 호출했습니다."},
    "ch07.whole_training_set": {
        "en": "✗ network.gradient got all {n} training samples, but batch_size = {batch}.",
        "ko": "✗ network.gradient가 훈련 샘플 {n}개를 모두 받았지만, batch_size = "
              "{batch}입니다."},
    "ch07.wrong_batch_size": {
        "en": "✗ network.gradient got a batch of {size} samples, but batch_size = {batch}.",
        "ko": "✗ network.gradient가 받은 배치의 샘플은 {size}개이지만, batch_size = "
              "{batch}입니다."},
    "ch07.draw_batch_size": {
        "en": "draw batch_size indices per iteration, rng.choice(train_size, batch_size)",
        "ko": "반복마다 인덱스를 batch_size개 뽑으세요: rng.choice(train_size, batch_size)"},
    "ch07.not_rows": {
        "en": "✗ the x_batch given to network.gradient is not made of rows of x_train.",
        "ko": "✗ network.gradient에 넘긴 x_batch가 x_train의 행들로 이루어져 있지 않습니다."},
    "ch07.rows_by_mask": {
        "en": "x_batch = x_train[batch_mask], with batch_mask an array of row indices",
        "ko": "x_batch = x_train[batch_mask]로 고르세요. 여기서 batch_mask는 행 인덱스의 "
              "배열입니다"},
    "ch07.labels_mismatched": {
        "en": "✗ t_batch does not hold the labels of the samples in x_batch.",
        "ko": "✗ t_batch에 x_batch에 든 샘플의 레이블이 들어 있지 않습니다."},
    "ch07.same_batch": {
        "en": "✗ train used the same mini-batch in every iteration.",
        "ko": "✗ train이 모든 반복에서 같은 미니배치를 썼습니다."},
    "ch07.train_rebound": {
        "en": "✗ after train, network.params['{key}'] is a new array: the network's layers "
              "still hold the old one, which never changed.",
        "ko": "✗ train을 실행한 뒤 network.params['{key}']에 새 배열이 들어 있습니다. 신경망의 "
              "계층은 한 번도 바뀌지 않은 옛 배열을 여전히 가지고 있습니다."},
    "ch07.params_after_train": {
        "en": "network.params['{key}'] after train ({count} updates, lr = {lr:.3g}) on a "
              "stand-in network with its own gradients",
        "ko": "자체 기울기를 돌려주는 검사용 대역 신경망으로 train을 실행한 뒤의 "
              "network.params['{key}'] (갱신 {count}번, lr = {lr:.3g})"},
    "ch07.wrong_loss": {
        "en": "✗ the loss train recorded in iteration {i} ({value:.6g}) is not the loss of that "
              "iteration's mini-batch (before the update {before:.6g}, after it {after:.6g}).",
        "ko": "✗ train이 반복 {i}에서 기록한 손실({value:.6g})은 그 반복에서 쓴 미니배치의 "
              "손실이 아닙니다(갱신 전 {before:.6g}, 갱신 후 {after:.6g})."},
    "ch07.record_batch_loss": {
        "en": "append the loss of the mini-batch, network.loss(x_batch, t_batch), once per "
              "iteration (the book records it after the update)",
        "ko": "반복마다 한 번, 미니배치의 손실 network.loss(x_batch, t_batch)를 리스트에 "
              "추가하세요(책은 갱신한 뒤에 기록합니다)"},
    "ch07.train_changed_data": {
        "en": "✗ train changed x_train or t_train.",
        "ko": "✗ train이 x_train이나 t_train을 바꾸었습니다."},
    "ch07.leave_data": {
        "en": "select a mini-batch with x_train[batch_mask] (a copy) and leave the training "
              "data as it is",
        "ko": "미니배치는 x_train[batch_mask](복사본)로 고르고, 훈련 데이터는 그대로 두세요"},
    "ch07.not_reproducible": {
        "en": "✗ train must draw its mini-batches with the generator rng it is given: the "
              "book's loop draws with np.random.choice, this lab's train takes rng (two runs "
              "with generators of the same seed drew different mini-batches).",
        "ko": "✗ train은 인자로 받은 생성기 rng로 미니배치를 뽑아야 합니다. 책의 반복문은 "
              "np.random.choice로 뽑지만, 이 실습의 train은 rng를 받습니다(시드가 같은 생성기로 "
              "두 번 실행했더니 서로 다른 미니배치를 뽑았습니다)."},
    "ch07.use_given_rng": {
        "en": "draw the batches with the rng given to train, rng.choice(train_size, "
              "batch_size), not np.random.choice: then a run can be repeated exactly",
        "ko": "배치는 np.random.choice가 아니라 train에 주어진 rng로 뽑으세요: "
              "rng.choice(train_size, batch_size). 그래야 실행 결과를 똑같이 재현할 수 있습니다"},
    "ch07.not_random": {
        "en": "✗ train drew the same mini-batches for generators of different seeds.",
        "ko": "✗ 시드가 다른 생성기로 실행해도 train이 같은 미니배치를 뽑았습니다."},
    "ch07.draw_at_random": {
        "en": "the batches must be random: draw them with the rng given to train, "
              "rng.choice(train_size, batch_size)",
        "ko": "배치는 무작위로 뽑아야 합니다. train에 주어진 rng로 뽑으세요: "
              "rng.choice(train_size, batch_size)"},
    # ---- train (MNIST)
    "ch07.nan_loss": {
        "en": "the loss became NaN or inf during training: check the sign and size of the "
              "update in sgd_step (params[key] -= lr * grads[key])",
        "ko": "학습 도중 손실이 NaN이나 inf가 되었습니다. sgd_step에서 갱신의 부호와 크기를 "
              "확인하세요(params[key] -= lr * grads[key])"},
    "ch07.not_learning": {
        "en": "the parameters changed, but not toward a smaller loss. Check that each iteration "
              "computes grads = network.gradient(x_batch, t_batch) of a random mini-batch and "
              "then calls sgd_step(network.params, grads, lr)",
        "ko": "매개변수는 바뀌었지만 손실이 작아지는 쪽으로 바뀌지 않았습니다. 반복마다 무작위 "
              "미니배치로 grads = network.gradient(x_batch, t_batch)를 구한 다음 "
              "sgd_step(network.params, grads, lr)을 호출하는지 확인하세요"},
    "ch07.gradient_not_right": {
        "en": "TwoLayerNet.gradient is not right yet (part 1 says: {first})",
        "ko": "TwoLayerNet.gradient가 아직 올바르지 않습니다(문제 1의 검사 결과: {first})"},
    "ch07.and_likely_cause": {"en": "; likely cause: {words}",
                              "ko": "; 가장 그럴듯한 원인: {words}"},
    "ch07.mnist_setting": {
        "en": "784-{hidden}-10 network, {iters} iterations of mini-batches of {batch}, "
              "lr = {lr}, on the first {images:,} images of the bundled MNIST subset",
        "ko": "784-{hidden}-10 신경망, 함께 배포되는 MNIST 부분집합의 앞쪽 훈련 이미지 "
              "{images:,}장, 크기 {batch}인 미니배치로 {iters}번 반복, lr = {lr}"},
    "ch07.while_training": {"en": "{head} (training a {setting})",
                            "ko": "{head} (학습 설정: {setting})"},
    "ch07.train_not_a_list": {
        "en": "✗ train should return the list of the losses, one number per iteration.",
        "ko": "✗ train은 반복마다 숫자 하나씩, 손실의 리스트를 반환해야 합니다."},
    "ch07.accuracy_too_low": {
        "en": "✗ after training a {setting}, the test accuracy is {accuracy:.3f}; at least "
              "{threshold} passes (a correct network reaches about 0.84; guessing one digit of "
              "10 gives 0.10).\n  the loss of the first 10 iterations: {first:.4g} on average, "
              "of the last 10: {last:.4g}",
        "ko": "✗ 학습({setting})을 마친 뒤의 시험 정확도는 {accuracy:.3f}입니다. {threshold} "
              "이상이면 통과입니다(올바른 신경망은 약 0.84에 이르고, 숫자 10개 중 하나를 찍으면 "
              "0.10입니다).\n  처음 10번 반복의 손실 평균: {first:.4g}, 마지막 10번 반복의 "
              "손실 평균: {last:.4g}"},
    # ---- gradient_check
    "ch07.pair": {
        "en": "gradient_check returns the pair (error, agrees): error = relative_error(dx, "
              "numerical), a number ≥ 0, and agrees = error < THRESHOLD, True or False",
        "ko": "gradient_check는 (error, agrees) 쌍을 반환합니다. error = relative_error(dx, "
              "numerical)는 0 이상인 숫자이고, agrees = error < THRESHOLD는 True 또는 "
              "False입니다"},
    "ch07.not_a_pair": {
        "en": "✗ {what} returned {kind}{length}, not a pair (error, agrees).",
        "ko": "✗ {what}의 반환값이 (error, agrees) 쌍이 아닙니다: {kind}{length}."},
    "ch07.of_length": {"en": " of length {length}", "ko": " (길이 {length})"},
    "ch07.error_not_a_number": {
        "en": "✗ the error {what} returned is {kind}, not one number.",
        "ko": "✗ {what}의 반환값 가운데 error가 숫자 하나가 아니라 {kind}입니다."},
    "ch07.error_negative": {
        "en": "✗ the error {what} returned is {value}: a relative error is a finite number ≥ 0.",
        "ko": "✗ {what}의 반환값 가운데 error가 {value}입니다. 상대 오차는 0 이상인 유한한 "
              "숫자입니다."},
    "ch07.agrees_not_bool": {
        "en": "✗ agrees, as {what} returned it, is {kind} ({agrees!r}), not True or False.",
        "ko": "✗ {what}의 반환값 가운데 agrees가 True나 False가 아니라 {kind}입니다"
              "({agrees!r})."},
    "ch07.verdict_inconsistent": {
        "en": "✗ {what} returned error = {value:.3g} with agrees = {agrees}.",
        "ko": "✗ {what}의 반환값: error = {value:.3g}, agrees = {agrees}."},
    "ch07.agrees_follows_error": {
        "en": "agrees must follow from the error: True exactly when error < THRESHOLD (1e-4), "
              "whatever the layer",
        "ko": "agrees는 error에 따라 정해져야 합니다. 어떤 계층이든 error < THRESHOLD (1e-4)일 "
              "때, 그리고 그때만 True입니다"},
    "ch07.check_call": {
        "en": "gradient_check(layer, x of shape {shape}{dout})",
        "ko": "gradient_check(layer, 형상이 {shape}인 x{dout})"},
    "ch07.changed_x": {
        "en": "✗ {what} changed the caller's x.",
        "ko": "✗ {what} 실행 후 호출한 쪽의 x가 바뀌었습니다."},
    "ch07.work_on_a_copy": {
        "en": "work on a copy, x = np.array(x, dtype=np.float64), and leave the caller's array "
              "as it was",
        "ko": "복사본(x = np.array(x, dtype=np.float64))으로 작업하고, 호출한 쪽의 배열은 그대로 "
              "두세요"},
    "ch07.changed_dout": {
        "en": "✗ {what} changed the dout it was given.",
        "ko": "✗ {what} 실행 후 인자로 받은 dout이 바뀌었습니다."},
    "ch07.dout_read_only": {
        "en": "dout is the caller's array: read it, do not write into it",
        "ko": "dout은 호출한 쪽의 배열입니다. 읽기만 하고, 값을 써 넣지 마세요"},
    # ---- weight_decay
    "ch07.decay_base_first": {
        "en": "TwoLayerNetWithDecay is built on your TwoLayerNet (part 1), which fails its own "
              "check: fix it first, then run this cell again",
        "ko": "TwoLayerNetWithDecay는 여러분의 TwoLayerNet(문제 1)을 바탕으로 하는데, "
              "TwoLayerNet이 자신의 검사를 통과하지 못합니다. 그것을 먼저 고친 다음 이 셀을 "
              "다시 실행하세요"},
    "ch07.decay_not_consistent": {
        "en": "your gradient is not the gradient of your own loss. Follow each parameter along "
              "every path by which it reaches L (the Affine layer, the penalty) and multiply "
              "the local derivatives along each path, as in {section}; where the paths of one "
              "value meet, do what lecture 2, section 5 does",
        "ko": "여러분의 기울기는 여러분 자신의 손실의 기울기가 아닙니다. 각 매개변수가 L에 "
              "이르는 모든 경로(Affine 계층, 벌칙항)를 따라가며, {section}에서처럼 경로마다 "
              "국소적 미분을 곱하세요. 한 값에서 나온 경로들이 다시 만나는 곳에서는 강의 2의 "
              "5절에서 하는 대로 하세요"},
    "ch07.penalty_missing": {
        "en": "with λ > 0 the loss came out as with λ = 0: loss must add the penalty "
              "½·λ·(‖W1‖² + ‖W2‖²) to the loss of part 1 (super().loss(x, t))",
        "ko": "λ > 0인데 손실이 λ = 0일 때와 같게 나왔습니다. loss는 문제 1의 손실"
              "(super().loss(x, t))에 벌칙항 ½·λ·(‖W1‖² + ‖W2‖²)을 더해야 합니다"},
    "ch07.penalty_not_linear": {
        "en": "the penalty must be λ times a quantity that does not depend on λ "
              "(½·λ·(‖W1‖² + ‖W2‖²)): doubling λ must double it",
        "ko": "벌칙항은 λ에 의존하지 않는 양에 λ를 곱한 것이어야 합니다(½·λ·(‖W1‖² + "
              "‖W2‖²)). λ를 두 배로 하면 벌칙항도 두 배가 되어야 합니다"},
    "ch07.book_multilayer": {
        "en": "this lab's TwoLayerNetWithDecay is your TwoLayerNet, not the book's "
              "MultiLayerNet: it has two weight matrices, W1 and W2, no self.hidden_layer_num, "
              "and its loss layer is self.lastLayer (the book's MultiLayerNet calls it "
              "self.last_layer). Reuse part 1 through super().loss(x, t) and "
              "super().gradient(x, t)",
        "ko": "이 실습의 TwoLayerNetWithDecay는 책의 MultiLayerNet이 아니라 여러분의 "
              "TwoLayerNet을 바탕으로 합니다. 가중치 행렬은 W1과 W2 두 개이고, "
              "self.hidden_layer_num은 없으며, 손실 계층은 self.lastLayer입니다(책의 "
              "MultiLayerNet에서는 self.last_layer라고 부릅니다). 문제 1의 코드는 "
              "super().loss(x, t)와 super().gradient(x, t)로 재사용하세요"},
    "ch07.book_multilayer_head": {
        "en": "This lab's TwoLayerNetWithDecay is your TwoLayerNet, not the book's MultiLayerNet",
        "ko": "이 실습의 TwoLayerNetWithDecay는 책의 MultiLayerNet이 아니라 여러분의 "
              "TwoLayerNet입니다"},
    "ch07.data_loss_changed": {
        "en": "with λ = 0 the loss must be the loss of part 1, super().loss(x, t), exactly: the "
              "penalty is the only thing TwoLayerNetWithDecay adds",
        "ko": "λ = 0이면 손실은 문제 1의 손실 super().loss(x, t)와 정확히 같아야 합니다. "
              "TwoLayerNetWithDecay가 더하는 것은 벌칙항뿐입니다"},
    "ch07.decay_params": {
        "en": "✗ TwoLayerNetWithDecay.params should hold W1, b1, W2 and b2 as TwoLayerNet "
              "makes them.",
        "ko": "✗ TwoLayerNetWithDecay.params에는 TwoLayerNet이 만드는 대로 W1, b1, W2, b2가 "
              "들어 있어야 합니다."},
    "ch07.keep_init": {
        "en": "keep the given __init__, which calls TwoLayerNet's",
        "ko": "TwoLayerNet의 __init__을 호출하는, 주어진 __init__을 그대로 두세요"},
    "ch07.loss_not_a_number": {
        "en": "✗ {what} should return one finite number (the total loss), but returned "
              "{value!r}.",
        "ko": "✗ {what}의 반환값은 유한한 숫자 하나(전체 손실)여야 하는데, 반환한 것은 "
              "{value!r}입니다."},
    "ch07.return_total_loss": {
        "en": "return the loss of part 1 plus the penalty, one number",
        "ko": "문제 1의 손실에 벌칙항을 더한 숫자 하나를 반환하세요"},
    "ch07.decay_loss_call": {
        "en": "TwoLayerNetWithDecay.loss(x, t) with λ = {lam:.3g}",
        "ko": "λ = {lam:.3g}일 때의 TwoLayerNetWithDecay.loss(x, t)"},
    "ch07.zero_lambda_differs": {
        "en": "✗ with λ = 0, TwoLayerNetWithDecay.loss gives {at_zero:.6g}, but your "
              "TwoLayerNet.loss gives {data:.6g} on the same network.",
        "ko": "✗ 같은 신경망에서 λ = 0일 때 TwoLayerNetWithDecay.loss는 {at_zero:.6g}인데, "
              "여러분의 TwoLayerNet.loss는 {data:.6g}입니다."},
    "ch07.same_as_zero_lambda": {
        "en": "✗ {what} gives {total:.6g}, the same as with λ = 0.",
        "ko": "✗ {what}의 값이 λ = 0일 때와 같은 {total:.6g}입니다."},
    "ch07.penalty_values": {
        "en": "✗ the penalty (your loss minus the loss of part 1) is {penalty:.6g} with "
              "λ = {lam:.3g} and {doubled:.6g} with λ = {lam2:.3g}.",
        "ko": "✗ 벌칙항(여러분의 손실에서 문제 1의 손실을 뺀 값)이 λ = {lam:.3g}일 때 "
              "{penalty:.6g}, λ = {lam2:.3g}일 때 {doubled:.6g}입니다."},
})

SECTION_NET = see("ch07_two_layer_net", "4 · `TwoLayerNet`: the layers in order", "§5.7.2")  # not for students (a heading)
# the update rule (section 1), and the slip after the figure of section 4: an update that
# puts a new array into params, which the layers never see
SECTION_SGD = Both(see("ch07_two_layer_net", "1 · The whole picture of learning"),  # not for students (a heading)
                   see("ch07_two_layer_net", "4 · `TwoLayerNet`: the layers in order", "§4.4"))  # not for students (a heading)
SECTION_TRAIN = see("ch07_two_layer_net", "7 · Training with backpropagation", "§5.7.4, §4.5")  # not for students (a heading)
SECTION_CHECK = see("ch07_two_layer_net", "9.3 Checking the layers one at a time", "§5.7.3")  # not for students (a heading)
KEYS = ("W1", "b1", "W2", "b2")
LAYER_OF = {"W1": "Affine1", "b1": "Affine1", "W2": "Affine2", "b2": "Affine2"}
PASTED = {"softmax": 6, "cross_entropy_error": 6, "Relu": 4, "Affine": 5, "SoftmaxWithLoss": 6}
SECTION_OF = {"softmax": see("ch06_softmax_with_loss", "3 · A batch: one softmax per row", "§3.5.2"),  # not for students (a heading)
              "cross_entropy_error": see("ch06_softmax_with_loss", "4 · Cross-entropy error", "§4.2.2"),  # not for students (a heading)
              "Relu": see("ch04_activation_layers", "2 · ReLU and its derivative", "§5.5.1"),  # not for students (a heading)
              "Affine": see("ch05_affine", "7 · The batch version", "§5.6.2"),  # not for students (a heading)
              "SoftmaxWithLoss": see("ch06_softmax_with_loss", "5 · The Softmax-with-Loss layer", "§5.6.3")}  # not for students (a heading)

# ---- the MNIST run (train_on_mnist). Chosen to learn fast from the first iteration
# (weights of std 0.1 and lr 0.2 instead of the book's 0.01 and 0.1, which need a few
# hundred iterations to get going); about 0.2 s of CPU. Over seeds 0..299 the reference
# reaches a test accuracy of 0.809 to 0.863 (mean 0.843); guessing gives 0.10. Broken
# variants (20 seeds each): a study note's whole-batch softmax 0.087-0.110, no /N in the
# last layer 0.087-0.117, + instead of − 0.087-0.117, a rebinding update 0.034-0.176, labels
# from other rows 0.051-0.155, the same batch every time 0.593-0.632 (the probe check in
# ``train`` names most of these first); mistakes in gradient that raise fail at once.
HIDDEN, INIT_STD, LR, ITERS, BATCH = 30, 0.1, 0.2, 150, 100
TRAIN_IMAGES = 5000            # the first 5,000 of the subset's 10,000 training images
TEST_ACCURACY = 0.7
# The calibration test runs every hidden check on seeds 0..999, except where this says
# otherwise: one training run takes ~0.2 s, so the reference's accuracy is calibrated on 20
# seeds (0.809-0.863 over seeds 0-299 when measured; the threshold is 0.7). Under grading
# the seed is None: one fixed run.
CALIBRATION_SEEDS = {"train_on_mnist": 20}
# The bundled subset: where the grader's sandbox mounts it (BACKPROP_MNIST_DIR), else the
# course directory this package sits in (data/mnist beside autograder/).
MNIST_DIRS = [folder for folder in (os.environ.get("BACKPROP_MNIST_DIR"),
                                    Path(__file__).resolve().parents[2] / "data" / "mnist") if folder]

REBOUND = "ch07.rebound"
THE_UPDATE = "ch07.the_update"


def rebound_words(key: str, by: str = "sgd_step") -> str:
    """REBOUND for one key; by: who put the new array there (say(THE_UPDATE) inside train)."""
    return say(REBOUND, who=by, key=key)


# =========================================================================== calling code


def _origin(exc: BaseException) -> str:
    """The function where exc was raised, e.g. "Relu.forward" or "sgd_step"."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    frame = tb.tb_frame
    owner = frame.f_locals.get("self")
    name = frame.f_code.co_name
    return f"{type(owner).__name__}.{name}" if owner is not None else name


def paste_words(owner: str) -> str:
    """Where a layer of labs 4-6 goes ("" for anything else)."""
    if owner in PASTED:
        return say("ch07.paste_layer", owner=owner, lab=PASTED[owner])
    return ""


def run(fn: Callable, *args, what: str, section: str | None = None):
    """fn(*args) with numpy warnings off; any exception becomes a CheckFailed that names
    what raised it (a NotImplementedError names the function that is not written yet).
    section: where fn is taught (the lecture, then the book)."""
    try:
        with gradcheck.quiet():
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError as exc:
        origin = _origin(exc)
        own = "__init__" if isinstance(fn, type) else getattr(fn, "__name__", "")
        if origin.split(".")[-1] == own:
            raise fail(say("ch07.not_written", what=what), "not_implemented",
                       cause=say("ch07.write_here"), section=section) from None
        owner = origin.split(".")[0]
        raise fail(say("ch07.calls_not_written", what=what, origin=origin), "not_implemented",
                   cause=paste_words(owner) or say("ch07.write_first", origin=origin),
                   section=SECTION_OF.get(owner, section)) from None
    except Exception as exc:  # a student bug becomes a message, never a crash of the check
        raise fail(say("ch07.raised", what=what, kind=type(exc).__name__, exc=exc), "raised",
                   section=section) from None


def _head(error: CheckFailed) -> str:
    """The message of error without its "Likely cause" part (its last line, in whatever
    language it was said: the line that ends with the diagnosis's cause)."""
    text = str(error)
    diagnosis = _diagnosis_of(error)
    if diagnosis is not None and diagnosis.words:
        cause = diagnosis.cause()
        if cause and text.endswith(cause):
            start = text.rfind("\n", 0, len(text) - len(cause))
            if start >= 0:
                return text[:start]
    return text.split("\nLikely cause: ", 1)[0]


def _diagnosis_of(error: CheckFailed) -> Diagnosis | None:
    found = getattr(error, "diagnosis", None)
    return found if isinstance(found, Diagnosis) else None


def _namespace(fn) -> dict:
    """The notebook's namespace: the globals of a function or class defined there."""
    target = getattr(fn, "__init__", fn) if isinstance(fn, type) else fn
    return getattr(target, "__globals__", {}) or {}


# =========================================================================== the pasted layers


def pasted_layers_written(namespace: dict) -> None:
    """CheckFailed when a layer of labs 4-6 is missing or still raises NotImplementedError."""
    for name in PASTED:
        if name not in namespace:
            raise fail(say("ch07.not_defined", name=name), "not_implemented", cause=paste_words(name), section=SECTION_OF[name])
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
    t = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    probes = [
        ("Relu", lambda: namespace["Relu"](), lambda layer: layer.forward(x.copy()),
         lambda layer: layer.backward(np.ones_like(x))),
        ("Affine", lambda: namespace["Affine"](np.ones((3, 2)), np.zeros(2)),
         lambda layer: layer.forward(x.copy()), lambda layer: layer.backward(np.ones((2, 2)))),
        ("SoftmaxWithLoss", lambda: namespace["SoftmaxWithLoss"](),
         lambda layer: layer.forward(x.copy(), t.copy()), lambda layer: layer.backward(1)),
    ]
    for name, make, forward, backward in probes:
        try:
            with gradcheck.quiet():
                layer = make()
                forward(layer)
                backward(layer)
        except NotImplementedError as exc:
            origin = _origin(exc)
            owner = origin.split(".")[0] if origin.split(".")[0] in PASTED else name
            raise fail(say("ch07.not_written", what=origin), "not_implemented",
                       cause=paste_words(owner),
                       section=SECTION_OF[owner]) from None
        except Exception:   # noqa: BLE001 - a wrong layer is diagnosed where it matters
            pass


def _kink_free(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    return gradcheck.random_array(rng, shape, margin=gradcheck.KINK_MARGIN)


def blame(layer: str, error: CheckFailed) -> Diagnosis:
    """The cause "not your gradient but the layer you pasted", from that layer's own failure."""
    head = _head(error).split("\n")[0].lstrip("✗ ").strip()
    inner = _diagnosis_of(error)
    known = inner is not None and inner.words and inner.name not in ("unexplained", "raised")
    words = inner.words.rstrip(".") if known else ""
    text = say("ch07.pasted_layer_wrong", layer=layer, lab=PASTED[layer], head=head,
               detail=f" {words}." if words else "")
    name = inner.name if inner is not None and inner.name not in ("unexplained", "raised") \
        else "pasted_layer"
    return Diagnosis(name, text.replace("  ", " "), SECTION_OF[layer])


def pasted_layer_cause(namespace: dict, rng: np.random.Generator) -> Diagnosis | None:
    """Why the network goes wrong when a layer pasted from labs 4-6 is wrong; else None.

    Each layer is checked alone, against numerical gradients of its own forward (nothing
    here knows what a layer should return): SoftmaxWithLoss on a small batch (dout = 1),
    Affine (dx, dW, db), Relu away from its kink.
    """
    n, c = 3, 4
    x, _ = gradcheck.random_scores_and_labels(rng, n, c, one_hot=True, scale=2.0)
    t = gradcheck.random_labels(rng, n, c, one_hot=True, scores=x)

    def fresh(name, *args):
        return run(namespace[name], *args, what=f"{name}()", section=SECTION_OF[name])

    try:
        gradcheck.check_layer_backward(fresh("SoftmaxWithLoss"), (x, t), 1.0,
                                       layer_name="SoftmaxWithLoss", batch_size=n,
                                       section=SECTION_OF["SoftmaxWithLoss"])
    except CheckFailed as error:
        return blame("SoftmaxWithLoss", error)

    W, b, xa = rng.standard_normal((4, 3)), rng.standard_normal(3), rng.standard_normal((2, 4))
    try:
        gradcheck.check_layer_backward(fresh("Affine", W.copy(), b.copy()), (xa,),
                                       layer_name="Affine", rng=rng, batch_size=2,
                                       param_grads={"W": "dW", "b": "db"},
                                       section=SECTION_OF["Affine"])
    except CheckFailed as error:
        return blame("Affine", error)

    try:
        gradcheck.check_layer_backward(fresh("Relu"), (_kink_free(rng, (2, 5)),),
                                       layer_name="Relu", rng=rng, section=SECTION_OF["Relu"])
    except CheckFailed as error:
        return blame("Relu", error)
    return None


# =========================================================================== recording


class CallLog:
    """Records the forward and backward calls of a network's layers while gradient runs.

    Instance attributes shadow the layers' methods (the layers keep doing the work); they
    are removed on exit. events: [(layer name, "forward" | "backward", dout or None)].
    """

    def __init__(self, net):
        self.net, self.events, self.active, self.patched = net, [], False, []

    def layer_items(self) -> list:
        layers = getattr(self.net, "layers", None)
        if isinstance(layers, Mapping):
            items = list(layers.items())
        elif isinstance(layers, (list, tuple)):
            items = [(f"layer {i}", layer) for i, layer in enumerate(layers)]
        else:
            items = []
        last = getattr(self.net, "lastLayer", None)      # the book's name, the lab's
        if last is None:
            last = getattr(self.net, "last_layer", None)
        return items + ([("last_layer", last)] if last is not None else [])

    def _patch(self, obj, name: str, wrapper) -> None:
        try:
            object.__setattr__(obj, name, wrapper)
            self.patched.append((obj, name))
        except (AttributeError, TypeError):
            pass

    def __enter__(self):
        for name, layer in self.layer_items():
            for method in ("forward", "backward"):
                original = getattr(layer, method, None)
                if callable(original):
                    self._patch(layer, method, self._recording(name, method, original))
        gradient = getattr(self.net, "gradient", None)
        if callable(gradient):
            def recorded_gradient(*args, **kwargs):
                self.events.clear()
                self.active = True
                try:
                    return gradient(*args, **kwargs)
                finally:
                    self.active = False
            self._patch(self.net, "gradient", recorded_gradient)
        return self

    def _recording(self, name: str, method: str, original):
        def wrapper(*args, **kwargs):
            if self.active:
                dout = None
                if method == "backward":
                    dout = args[0] if args else kwargs.get("dout", 1)
                self.events.append((name, method, dout))
            return original(*args, **kwargs)
        return wrapper

    def __exit__(self, *exc):
        for obj, name in self.patched:
            try:
                object.__delattr__(obj, name)
            except AttributeError:
                pass
        return False


# Keys of the catalogue (the judge says them too): say(SKIPPED, missing=..., expected=...).
NO_FORWARD = "ch07.no_forward"
NO_LAST_LAYER = "ch07.no_last_layer_backward"
FORWARD_ORDER = "ch07.layers_in_forward_order"          # {names}, {expected}
SKIPPED = "ch07.layer_skipped"                          # {missing}, {expected}
DOUT_NOT_ONE = "ch07.dout_not_one"                      # {value}, {looks}: "" or say(DOUT_IS_LOSS)
DOUT_IS_LOSS = "ch07.dout_is_the_loss"


def structure_cause(log: CallLog, loss_value: Callable[[], float | None],
                    raised: bool = False) -> Diagnosis | None:
    """What the recorded backward pass did wrong; None when it looks right (or when
    gradient did not use the layers at all). loss_value: the student's own loss of the
    batch, asked only when dout is not 1. raised: gradient stopped with an error, so the
    recorded calls may end early."""
    events = log.events
    if not events:
        return None
    names = [name for name, _ in log.layer_items() if name != "last_layer"]
    expected = list(reversed(names))
    backward = [name for name, method, _ in events if method == "backward"]
    first_backward = next((i for i, e in enumerate(events) if e[1] == "backward"), len(events))
    if backward and not any(name == "last_layer" and method == "forward"
                            for name, method, _ in events[:first_backward]):
        return Diagnosis("no_forward", say(NO_FORWARD), SECTION_NET)
    if backward and "last_layer" not in backward:
        return Diagnosis("no_last_layer_backward", say(NO_LAST_LAYER), SECTION_NET)
    if not backward:
        return None
    if backward[0] != "last_layer":
        return Diagnosis("backward_order", say("ch07.backward_not_from_last_layer"),
                         SECTION_NET)
    dout = next(d for name, method, d in events if name == "last_layer" and method == "backward")
    value = numbers(dout)
    if value is not None and value.size == 1 and abs(float(value.reshape(())) - 1.0) > 1e-12:
        number, looks = float(value.reshape(())), ""
        loss = loss_value()
        if loss is not None and abs(number - loss) <= 1e-9 * max(1.0, abs(loss)):
            looks = say(DOUT_IS_LOSS)
        return Diagnosis("dout_not_one", say(DOUT_NOT_ONE, value=f"{number:.6g}", looks=looks),
                         SECTION_NET)
    order = [name for name in backward if name != "last_layer"]
    if order == expected or (raised and order == expected[:len(order)]):
        return None
    if len(names) > 1 and order and order == names[:len(order)]:
        return Diagnosis("layers_in_forward_order", say(
            FORWARD_ORDER, names=", ".join(names), expected=", ".join(expected)), SECTION_NET)
    missing = [name for name in names if name not in order]
    if missing and not raised:
        return Diagnosis("layer_skipped", say(SKIPPED, missing=", ".join(missing),
                                              expected=", ".join(expected)),
                         SECTION_NET)
    return Diagnosis("backward_order", say("ch07.backward_order", order=", ".join(order),
                                           expected=", ".join(expected)), SECTION_NET)


WRONG_NAME = "ch07.wrong_name"          # {wrong}, {right}, {book}: "" or say(BOOK_NAMES_HINT)
BOOK_NAMES_HINT = "ch07.book_names"
MISSING_KEY = "ch07.missing_key"


def wrong_name(wrong: str, known) -> Diagnosis | None:
    """For "has no attribute 'last_layer'": the likely name among known ones."""
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    if not close or close[0] == wrong:
        return None
    book = say(BOOK_NAMES_HINT) if wrong.lower().replace("_", "") == "lastlayer" else ""
    return Diagnosis("wrong_name", say(WRONG_NAME, wrong=wrong, right=close[0], book=book),
                     SECTION_NET)


def attribute_cause(error: CheckFailed, net) -> Diagnosis | None:
    """For "has no attribute 'last_layer'" and missing keys such as 'w1': the likely name."""
    found = re.search(r"has no attribute '(\w+)'", str(error))  # not for students (a regular expression)
    if found:
        known = [n for n in dir(net) if not n.startswith("__")]
        layers = getattr(net, "layers", None)
        for layer in layers.values() if isinstance(layers, Mapping) else []:
            known += [n for n in vars(layer) if not n.startswith("__")]
        named = wrong_name(found.group(1), known)
        if named:
            return named
    diagnosis = _diagnosis_of(error)
    if diagnosis is not None and diagnosis.name == "missing_key":
        return Diagnosis("missing_key", say(MISSING_KEY), SECTION_NET)
    return None


# =========================================================================== gradient


def _new_net(TwoLayerNet, sizes: tuple, std: float, rng: np.random.Generator):
    """TwoLayerNet(*sizes) with random parameters written in place (the layers keep sharing
    them), checked to have the book's params."""
    d, h, c = sizes
    net = run(TwoLayerNet, d, h, c, std, what=f"TwoLayerNet({d}, {h}, {c}, weight_init_std={std})",
              section=SECTION_NET)
    params = getattr(net, "params", None)
    shapes = {"W1": (d, h), "b1": (h,), "W2": (h, c), "b2": (c,)}
    if not isinstance(params, Mapping) or any(
            not isinstance(params.get(k), np.ndarray) or params[k].shape != s
            for k, s in shapes.items()):
        raise fail(say("ch07.params_not_arrays"), "wrong_type",
                   cause=say("ch07.restore_net"), section=SECTION_NET)
    for key, shape in shapes.items():
        params[key][...] = std * rng.standard_normal(shape)
    return net


def _with_errors(error: CheckFailed, net, x: np.ndarray, t: np.ndarray,
                 diagnosis: Diagnosis | None) -> CheckFailed:
    """error with a line of the relative error of every parameter (when gradient returns
    a dict of arrays of the right shapes), as a gradient check prints them, and with the
    given cause (else its own)."""
    head = _head(error)
    try:
        grads = run(net.gradient, x, t, what="TwoLayerNet.gradient", section=SECTION_NET)
        errors = []
        for key in KEYS:
            got, param = numbers(grads[key]), net.params[key]
            if got is None or got.shape != param.shape:
                raise ValueError(key)
            with gradcheck.quiet():
                numeric = gradcheck.numerical_gradient(lambda _: float(net.loss(x, t)), param)
            errors.append(f"{key} {gradcheck.relative_error(got, numeric):.2g}")
        head += "\n  " + say("ch07.relative_errors", errors=", ".join(errors))
    except Exception:  # noqa: BLE001 - the summary is a bonus; the error says what matters
        pass
    return fail(head, diagnosis or _diagnosis_of(error) or "unexplained")


def _gradient_case(TwoLayerNet, rng: np.random.Generator, batch: int, stale: bool) -> None:
    """One network, one batch: gradient against numerical gradients of the network's own
    loss, with the likely cause of a failure."""
    sizes = (int(rng.integers(2, 6)), int(rng.integers(2, 6)), int(rng.integers(2, 5)))
    std = float(rng.choice([0.1, 1.0]))

    def draw():
        net = _new_net(TwoLayerNet, sizes, std, rng)
        return net, rng.random((batch, sizes[0]))

    def kink_free(drawn):       # the hidden pre-activations, only to sample away from 0
        net, x = drawn
        pre = x @ net.params["W1"] + net.params["b1"]
        return np.min(np.abs(pre)) > gradcheck.KINK_MARGIN

    net, x = gradcheck.redraw_until(draw, kink_free)
    params = {k: net.params[k] for k in KEYS}
    # The network's own scores, only to draw labels it finds likely enough (see
    # gradcheck.random_labels); they are compared with nothing.
    scores = numbers(run(net.predict, x.copy(), what="TwoLayerNet.predict", section=SECTION_NET))
    if scores is None or scores.shape != (batch, sizes[2]) or not np.all(np.isfinite(scores)):
        scores = None
    t = gradcheck.random_labels(rng, batch, sizes[2], one_hot=True, scores=scores)
    if stale:   # forward on another batch first: a gradient without forward sees it
        other = rng.random((batch, sizes[0]))
        other_t = gradcheck.random_labels(rng, batch, sizes[2], one_hot=True)
        run(net.loss, other, other_t, what="TwoLayerNet.loss", section=SECTION_NET)
    before = {k: params[k].copy() for k in KEYS}

    def own_loss():
        try:
            with gradcheck.quiet():
                return float(numbers(net.loss(x, t)).reshape(()))
        except Exception:  # noqa: BLE001 - only used to name a cause
            return None

    with CallLog(net) as log:
        try:
            gradcheck.check_net_gradients(net, x, t, rng=rng, section=SECTION_NET)
        except CheckFailed as error:
            raised = _diagnosis_of(error) is not None and _diagnosis_of(error).name == "raised"
            cause = (pasted_layer_cause(_namespace(TwoLayerNet), rng)
                     or attribute_cause(error, net)
                     or structure_cause(log, own_loss, raised))
            raise _with_errors(error, net, x, t, cause) from None
    for key in KEYS:
        if not np.array_equal(params[key], before[key]):
            raise fail(say("ch07.gradient_changed_params", net="TwoLayerNet", key=key),
                       "params_changed", cause=say("ch07.gradient_only_computes"),
                       section=SECTION_NET)


def gradient(TwoLayerNet, seed: int | None = None) -> None:
    """TwoLayerNet.gradient on small random networks: batch 1, batch N, and batch N after
    a forward pass on another batch."""
    rng = rng_for("gradient", seed)
    pasted_layers_written(_namespace(TwoLayerNet))
    for batch, stale in ((1, False), (int(rng.integers(2, 6)), False),
                         (int(rng.integers(2, 6)), True)):
        _gradient_case(TwoLayerNet, rng, batch, stale)


# =========================================================================== sgd_step


def _param_dict(rng: np.random.Generator) -> dict:
    d, h, c = (int(v) for v in rng.integers(1, 6, size=3))
    return {"W1": rng.standard_normal((d, h)), "b1": rng.standard_normal(h),
            "W2": rng.standard_normal((h, c)), "b2": rng.standard_normal(c)}


RETURNED_NOT_UPDATED = "ch07.returned_not_updated"


def sgd_step(sgd_step, seed: int | None = None) -> None:
    """sgd_step on random parameter dicts: every array of params changed in place (the
    judge decides by how much)."""
    rng = rng_for("sgd_step", seed)
    for _ in range(3):
        params = _param_dict(rng)
        grads = {k: rng.standard_normal(v.shape) for k, v in params.items()}
        lr = float(rng.choice([0.01, 0.1, 0.5])) * float(rng.uniform(0.5, 2.0))
        arrays = dict(params)                   # what the layers hold
        before = {k: v.copy() for k, v in params.items()}
        result = run(sgd_step, params, grads, lr, what="sgd_step(params, grads, lr)",
                     section=SECTION_SGD)
        unchanged = [k for k in KEYS if np.array_equal(arrays[k], before[k])]
        if len(unchanged) == len(KEYS) and all(params.get(k) is arrays[k] for k in KEYS) \
                and isinstance(result, Mapping) and result:
            raise fail(say("ch07.returned_a_dict", kind=type(result).__name__,
                           keys=sorted(map(str, result))),
                       "returned_not_updated", cause=say(RETURNED_NOT_UPDATED), section=SECTION_SGD)
        for key in KEYS:
            if params.get(key) is not arrays[key]:
                old = say("ch07.old_array_unchanged" if key in unchanged
                          else "ch07.old_array_changed")
                raise fail(say("ch07.params_rebound", key=key, old=old), "params_rebound",
                           cause=rebound_words(key), section=SECTION_SGD)
        for key in unchanged:
            raise fail(say("ch07.not_updated", key=key, lr=lr), "not_updated",
                       cause=say("ch07.update_every_parameter", key=key), section=SECTION_SGD)


# =========================================================================== train (probe)


class ProbeNetwork:
    """Stands in for a TwoLayerNet in the check of train: small params, recorded calls.

    gradient(x, t) returns random gradients and records the batch: which rows of x_train
    (column 0 of x_train holds the row number), whether t holds the labels of those rows,
    and the parameters at that moment. loss(x, t) is a number that depends on the
    parameters and on the rows of the batch.
    """

    def __init__(self, rng: np.random.Generator, x_train: np.ndarray, t_train: np.ndarray):
        self.params = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal(2),
                       "W2": rng.standard_normal((2, 2)), "b2": rng.standard_normal(2)}
        self.layers = {"Affine1": dict(W=self.params["W1"], b=self.params["b1"]),
                       "Affine2": dict(W=self.params["W2"], b=self.params["b2"])}
        self.shared = dict(self.params)         # the arrays the layers hold
        self.initial = {k: v.copy() for k, v in self.params.items()}
        self.x_train, self.t_train = x_train, t_train
        self.grad_rng = np.random.default_rng(int(rng.integers(2**32)))
        self.batches: list = []                 # (rows or None, size, labels ok, params)
        self.grads: list = []

    def rows(self, x) -> np.ndarray | None:
        x = numbers(x)
        if x is None or x.ndim != 2 or x.shape[1] != self.x_train.shape[1]:
            return None
        rows = np.rint(x[:, 0]).astype(int)
        if np.any(rows < 0) or np.any(rows >= len(self.x_train)) or not np.array_equal(
                x, self.x_train[rows]):
            return None
        return rows

    def gradient(self, x, t):
        rows = self.rows(x)
        labels_ok = rows is not None and np.array_equal(np.asarray(t), self.t_train[rows])
        size = len(x) if hasattr(x, "__len__") else 0
        self.batches.append((rows, size, labels_ok,
                             {k: np.array(v, dtype=float) for k, v in self.params.items()}))
        grads = {k: self.grad_rng.standard_normal(v.shape) for k, v in self.initial.items()}
        self.grads.append({k: v.copy() for k, v in grads.items()})
        return grads

    @staticmethod
    def loss_of(params: Mapping, rows: np.ndarray) -> float:
        return float(1.0 + 0.1 * sum(np.mean(params[k]) for k in KEYS)
                     + 1e-3 * np.mean(rows))

    def loss(self, x, t):
        rows = self.rows(x)
        return self.loss_of(self.params, rows if rows is not None else np.array([-1000.0]))

    def predict(self, x):
        return np.zeros((len(x), self.t_train.shape[1]))

    def accuracy(self, x, t):
        return 0.0


def _probe_data(rng: np.random.Generator):
    n, classes = int(rng.integers(40, 80)), 3
    x = np.column_stack([np.arange(n, dtype=float), rng.standard_normal((n, 2))])
    t = np.eye(classes)[rng.integers(0, classes, size=n)]
    return x, t


def _run_train(train, x, t, iters, batch, lr, seed, init_rng_seed):
    probe = ProbeNetwork(np.random.default_rng(init_rng_seed), x, t)
    history = run(train, probe, x, t, iters, batch, lr, np.random.default_rng(seed),
                  what=f"train(network, x_train, t_train, iters={iters}, batch_size={batch}, "  # not for students (code, the same in every language)
                       f"lr={lr:.3g}, rng)", section=SECTION_TRAIN)
    return probe, history


# Causes the train judge names too (autograder/judging/), for the same mistakes seen from
# outside.
# (keys of the catalogue: say(RETURN_HISTORY))
RETURN_HISTORY = "ch07.return_history"
ONE_LOSS_PER_ITERATION = "ch07.one_loss_per_iteration"
ONE_GRADIENT = "ch07.one_gradient"
MINI_BATCH = "ch07.mini_batch"
SAME_INDICES = "ch07.same_indices"
NEW_BATCH = "ch07.new_batch"
UPDATE_SUSPECTS = {             # label -> key; "no update" says {key}
    "plus": "ch07.update_added",
    "no update": "ch07.never_updated",
    "params as gradient": "ch07.params_as_gradient",
    "lr ignored": "ch07.lr_ignored",
}


def _expect_history(history, iters: int) -> list[float]:
    if history is None:
        raise fail(say("ch07.train_returned_none"), "returned_none", cause=say(RETURN_HISTORY),
                   section=SECTION_TRAIN)
    try:
        values = [float(numbers(v).reshape(())) for v in history]
    except (TypeError, ValueError, AttributeError):
        raise fail(say("ch07.train_not_numbers", kind=type(history).__name__), "wrong_type",
                   cause=say(RETURN_HISTORY), section=SECTION_TRAIN) from None
    if len(values) != iters:
        raise fail(say("ch07.train_wrong_length", count=len(values), iters=iters),
                   "wrong_length", cause=say(ONE_LOSS_PER_ITERATION), section=SECTION_TRAIN)
    return values


def _expect_batches(probe: ProbeNetwork, iters: int, batch: int, n: int) -> None:
    calls = len(probe.batches)
    if calls != iters:
        raise fail(say("ch07.gradient_calls", calls=calls, iters=iters),
                   "wrong_gradient_calls", cause=say(ONE_GRADIENT), section=SECTION_TRAIN)
    for rows, size, labels_ok, _ in probe.batches:
        if size == n and size != batch:
            raise fail(say("ch07.whole_training_set", n=n, batch=batch), "not_a_mini_batch",
                       cause=say(MINI_BATCH), section=SECTION_TRAIN)
        if size != batch:
            raise fail(say("ch07.wrong_batch_size", size=size, batch=batch), "wrong_batch_size",
                       cause=say("ch07.draw_batch_size"), section=SECTION_TRAIN)
        if rows is None:
            raise fail(say("ch07.not_rows"), "not_rows", cause=say("ch07.rows_by_mask"),
                       section=SECTION_TRAIN)
        if not labels_ok:
            raise fail(say("ch07.labels_mismatched"), "labels_mismatched",
                       cause=say(SAME_INDICES), section=SECTION_TRAIN)
    if iters >= 2 and all(np.array_equal(b[0], probe.batches[0][0]) for b in probe.batches):
        raise fail(say("ch07.same_batch"), "same_batch", cause=say(NEW_BATCH),
                   section=SECTION_TRAIN)


def _expect_updates(probe: ProbeNetwork, lr: float) -> None:
    """The stand-in network's parameters after train: every update applied in place, with
    the stand-in's own (random) gradients."""
    for key in KEYS:
        if probe.params.get(key) is not probe.shared[key]:
            raise fail(say("ch07.train_rebound", key=key), "params_rebound",
                       cause=rebound_words(key, say(THE_UPDATE)), section=SECTION_TRAIN)
    total = {k: sum(g[k] for g in probe.grads) for k in KEYS}
    for key in KEYS:
        start = probe.initial[key]
        updates = {"plus": start + lr * total[key], "no update": start,
                   "params as gradient": start * (1 - lr) ** len(probe.grads),
                   "lr ignored": start - total[key]}
        expect_close(say("ch07.params_after_train", key=key, count=len(probe.grads), lr=lr),
                     probe.shared[key], start - lr * total[key], rtol=1e-9, atol=1e-12,
                     section=SECTION_TRAIN, suspects={
                         label: (array, say(UPDATE_SUSPECTS[label], key=key))
                         for label, array in updates.items()})


def _expect_losses(probe: ProbeNetwork, values: list[float], lr: float) -> None:
    for i, ((rows, _, _, params), value) in enumerate(zip(probe.batches, values)):
        after = {k: params[k] - lr * probe.grads[i][k] for k in KEYS}
        candidates = (ProbeNetwork.loss_of(params, rows), ProbeNetwork.loss_of(after, rows))
        if not any(abs(value - c) <= 1e-9 * max(1.0, abs(c)) for c in candidates):
            raise fail(say("ch07.wrong_loss", i=i, value=value, before=candidates[0],
                           after=candidates[1]), "wrong_loss",
                       cause=say("ch07.record_batch_loss"), section=SECTION_TRAIN)


def train(train, seed: int | None = None) -> None:
    """train on a probe network: mini-batches drawn with rng, labels with their inputs, one
    gradient and one update per iteration, the losses returned; repeatable with one seed."""
    rng = rng_for("train", seed)
    x, t = _probe_data(rng)
    x_before, t_before = x.copy(), t.copy()
    iters, batch = int(rng.integers(3, 8)), int(rng.integers(2, 9))
    lr = float(rng.choice([0.05, 0.1, 0.3]))
    seed_a, seed_b, init = (int(v) for v in rng.integers(2**32, size=3))
    probe, history = _run_train(train, x, t, iters, batch, lr, seed_a, init)
    if not (np.array_equal(x, x_before) and np.array_equal(t, t_before)):
        raise fail(say("ch07.train_changed_data"), "input_mutated",
                   cause=say("ch07.leave_data"), section=SECTION_TRAIN)
    values = _expect_history(history, iters)
    _expect_batches(probe, iters, batch, len(x))
    _expect_updates(probe, lr)
    _expect_losses(probe, values, lr)
    again, _ = _run_train(train, x, t, iters, batch, lr, seed_a, init)
    rows = [b[0] for b in probe.batches]
    if len(again.batches) != len(rows) or not all(
            np.array_equal(a[0], r) for a, r in zip(again.batches, rows)):
        raise fail(say("ch07.not_reproducible"), "not_reproducible",
                   cause=say("ch07.use_given_rng"), section=SECTION_TRAIN)
    other, _ = _run_train(train, x, t, iters, batch, lr, seed_b, init)
    if all(np.array_equal(a[0], r) for a, r in zip(other.batches, rows)):
        raise fail(say("ch07.not_random"), "not_random", cause=say("ch07.draw_at_random"),
                   section=SECTION_TRAIN)


# =========================================================================== train (MNIST)


@functools.lru_cache(maxsize=1)
def _mnist():
    (x_train, t_train), (x_test, t_test) = mnist.load_mnist(
        normalize=True, one_hot_label=True, source="subset",
        bundled_dirs=MNIST_DIRS, verbose=False)
    for array in (x_train, t_train, x_test, t_test):
        array.flags.writeable = False
    return x_train[:TRAIN_IMAGES], t_train[:TRAIN_IMAGES], x_test, t_test


NAN_LOSS = "ch07.nan_loss"
NOT_LEARNING = "ch07.not_learning"


def _mnist_cause(TwoLayerNet, net, values, rng) -> Diagnosis:
    """Why the network did not learn, in the order a student should look."""
    namespace = _namespace(TwoLayerNet)
    cause = pasted_layer_cause(namespace, rng)
    if cause:
        return cause
    try:
        _gradient_case(TwoLayerNet, rng, 3, False)
    except CheckFailed as error:
        first = _head(error).split("\n", 1)[0].lstrip("✗ ").rstrip(".")
        inner = _diagnosis_of(error)
        text = say("ch07.gradient_not_right", first=first)
        if inner is not None and inner.words:
            text += say("ch07.and_likely_cause", words=inner.words)
        return Diagnosis(inner.name if inner is not None else "gradient_wrong", text,
                         (inner.section if inner is not None else None) or SECTION_NET)
    params, layers = getattr(net, "params", {}), getattr(net, "layers", {})
    if isinstance(layers, Mapping):
        for key in KEYS:
            layer = layers.get(LAYER_OF[key])
            attr = "W" if key[0] == "W" else "b"
            if layer is not None and hasattr(layer, attr) and getattr(layer, attr) is not params.get(key):
                return Diagnosis("params_rebound", rebound_words(key, say(THE_UPDATE)),
                                 SECTION_TRAIN)
    if values and not all(np.isfinite(values)):
        return Diagnosis("not_finite", say(NAN_LOSS), SECTION_SGD)
    return Diagnosis("did_not_learn", say(NOT_LEARNING), SECTION_TRAIN)


SETTING = "ch07.mnist_setting"


def setting() -> str:
    """The MNIST run in words: network, iterations, batch, lr, images."""
    return say(SETTING, hidden=HIDDEN, iters=ITERS, batch=BATCH, lr=LR, images=TRAIN_IMAGES)


def mnist_run(TwoLayerNet, train, seed: int | None = None):
    """(test accuracy, losses, network) of the seeded MNIST run (also used to calibrate it).

    The weights are drawn from rng_for("train_on_mnist", seed) and written into the arrays
    of params; train gets copies of the data and a generator derived from the same rng.
    """
    rng = rng_for("train_on_mnist", seed)
    x_train, t_train, x_test, t_test = _mnist()
    net = _new_net(TwoLayerNet, (784, HIDDEN, 10), INIT_STD, rng)
    train_rng = np.random.default_rng(int(rng.integers(2**32)))
    try:
        history = run(train, net, x_train.copy(), t_train.copy(), ITERS, BATCH, LR, train_rng,
                      what="train", section=SECTION_TRAIN)
        values = [float(numbers(v).reshape(())) for v in history]
        scores = numbers(run(net.predict, x_test.copy(), what="TwoLayerNet.predict",
                             section=SECTION_NET))
        accuracy = float(np.mean(np.argmax(scores, axis=1) == np.argmax(t_test, axis=1)))
    except CheckFailed as error:
        diagnosis = _diagnosis_of(error)
        if diagnosis is not None and diagnosis.name == "not_implemented":
            raise
        head = _head(error).split("\n", 1)[0]
        raise fail(say("ch07.while_training", head=head, setting=setting()),
                   _mnist_cause(TwoLayerNet, net, [], rng)) from None
    except (TypeError, ValueError, AttributeError):
        raise fail(say("ch07.train_not_a_list"), "wrong_type", cause=say(RETURN_HISTORY),
                   section=SECTION_TRAIN) from None
    return accuracy, values, net


def train_on_mnist(TwoLayerNet, train, seed: int | None = None) -> None:
    """A seeded run on the bundled MNIST subset must reach TEST_ACCURACY on its test set."""
    pasted_layers_written(_namespace(TwoLayerNet))
    accuracy, values, net = mnist_run(TwoLayerNet, train, seed)
    if accuracy >= TEST_ACCURACY:
        return
    rng = rng_for("train_on_mnist diagnosis", seed)
    raise fail(say("ch07.accuracy_too_low", setting=setting(), accuracy=accuracy,
                   threshold=TEST_ACCURACY, first=np.mean(values[:10]),
                   last=np.mean(values[-10:])),
               _mnist_cause(TwoLayerNet, net, values, rng))


# =========================================================================== gradient_check

CHECK_THRESHOLD = 1e-4     # the course's threshold for the relative error (float64)
PAIR = "ch07.pair"


class _Wobble:
    """A layer that only gives gradient_check something to call (forward and backward of
    any shape); whether its backward is right is not asked here: the judge asks that."""

    def __init__(self, scale: np.ndarray):
        self.scale, self.x = scale, None

    def forward(self, x):
        self.x = np.array(x, dtype=np.float64)
        return self.scale * self.x + 0.25 * self.x ** 3

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64) * (self.scale + 0.75 * self.x ** 2)


def _pair(result, what: str) -> tuple[float, bool]:
    """(error, agrees) from what gradient_check returned, or a CheckFailed saying why not."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        length = (say("ch07.of_length", length=len(result))
                  if isinstance(result, (tuple, list)) else "")
        raise fail(say("ch07.not_a_pair", what=what, kind=type(result).__name__, length=length),
                   "wrong_type", cause=say(PAIR), section=SECTION_CHECK)
    error, agrees = result
    value = numbers(error)
    if value is None or value.size != 1:
        raise fail(say("ch07.error_not_a_number", what=what, kind=type(error).__name__),
                   "wrong_type", cause=say(PAIR), section=SECTION_CHECK)
    value = float(value.reshape(()))
    if not np.isfinite(value) or value < 0:
        raise fail(say("ch07.error_negative", what=what, value=value), "wrong_value",
                   cause=say(PAIR), section=SECTION_CHECK)
    if not isinstance(agrees, (bool, np.bool_)):
        raise fail(say("ch07.agrees_not_bool", what=what, kind=type(agrees).__name__,
                       agrees=agrees), "wrong_type", cause=say(PAIR), section=SECTION_CHECK)
    if bool(agrees) != (value < CHECK_THRESHOLD):
        raise fail(say("ch07.verdict_inconsistent", what=what, value=value, agrees=bool(agrees)),
                   "verdict_inconsistent", cause=say("ch07.agrees_follows_error"),
                   section=SECTION_CHECK)
    return value, bool(agrees)


def gradient_check(gradient_check, seed: int | None = None) -> None:
    """The calling conventions of gradient_check (the judge decides the verdicts): a pair
    (error ≥ 0, agrees a bool) consistent with the threshold, with dout given or not, for a
    batch and for one sample; the caller's x and dout unchanged."""
    rng = rng_for("gradient_check", seed)
    n, m = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    for shape in ((n, m), (m,)):
        layer = _Wobble(rng.uniform(0.5, 2.0, size=shape))
        x = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.1, 1.5, size=shape)
        dout = rng.standard_normal(shape)
        for given in (None, dout):
            x_before = x.copy()
            dout_before = None if given is None else given.copy()
            what = say("ch07.check_call", shape=shape, dout="" if given is None else ", dout")
            result = run(gradient_check, layer, x, given, what=what, section=SECTION_CHECK)
            _pair(result, what)
            if not np.array_equal(x, x_before):
                raise fail(say("ch07.changed_x", what=what), "input_mutated",
                           cause=say("ch07.work_on_a_copy"), section=SECTION_CHECK)
            if given is not None and not np.array_equal(given, dout_before):
                raise fail(say("ch07.changed_dout", what=what), "input_mutated",
                           cause=say("ch07.dout_read_only"), section=SECTION_CHECK)


# =========================================================================== weight_decay
#
# TwoLayerNetWithDecay (part 5, derived by the student): its gradient against numerical
# gradients of its own total loss, on small random networks with random λ. What the
# gradient should be is the judge's business (autograder/judging/ch07_two_layer_net.py);
# here only the student's code is compared with itself.

SECTION_DECAY = see("ch02_chain_rule", "5. Fan-out: when one value is used twice", "§6.4.1")  # not for students (a heading)
SECTION_LOCAL = see("ch01_computational_graph", "6. Local derivatives of common nodes")  # not for students (a heading)
DECAY_BASE_FIRST = "ch07.decay_base_first"
DECAY_NOT_CONSISTENT = "ch07.decay_not_consistent"      # {section}: SECTION_LOCAL
PENALTY_MISSING = "ch07.penalty_missing"
PENALTY_NOT_LINEAR = "ch07.penalty_not_linear"
BOOK_MULTI_LAYER = "ch07.book_multilayer"
BOOK_MULTI_LAYER_HEAD = "ch07.book_multilayer_head"     # its first sentence, as a headline
BOOK_NAMES = re.compile(r"'(hidden_layer_num|last_layer)'")
DATA_LOSS_CHANGED = "ch07.data_loss_changed"


def _decay_net(TwoLayerNetWithDecay, sizes: tuple, std: float, lam: float, params: dict):
    """TwoLayerNetWithDecay(*sizes, std, weight_decay_lambda=lam) with these parameters
    written in place (the layers keep sharing them)."""
    d, h, c = sizes
    what = (f"TwoLayerNetWithDecay({d}, {h}, {c}, weight_init_std={std}, "
            f"weight_decay_lambda={lam:.3g})")
    net = run(lambda: TwoLayerNetWithDecay(d, h, c, std, weight_decay_lambda=lam), what=what,
              section=SECTION_DECAY)
    own = getattr(net, "params", None)
    if not isinstance(own, Mapping) or any(
            not isinstance(own.get(k), np.ndarray) or own[k].shape != params[k].shape
            for k in KEYS):
        raise fail(say("ch07.decay_params"), "wrong_type", cause=say("ch07.keep_init"),
                   section=SECTION_DECAY)
    for key in KEYS:
        own[key][...] = params[key]
    return net


def _loss_value(net, x, t, what: str) -> float:
    value = numbers(run(net.loss, x, t, what=what, section=SECTION_DECAY))
    if value is None or value.size != 1 or not np.all(np.isfinite(value)):
        raise fail(say("ch07.loss_not_a_number", what=what, value=value), "wrong_type",
                   cause=say("ch07.return_total_loss"), section=SECTION_DECAY)
    return float(value.reshape(()))


def _decay_case(TwoLayerNetWithDecay, TwoLayerNet, rng: np.random.Generator,
                batch: int) -> None:
    sizes = (int(rng.integers(2, 6)), int(rng.integers(2, 6)), int(rng.integers(2, 5)))
    std = float(rng.choice([0.3, 1.0]))
    lam = float(rng.uniform(0.2, 1.5))

    def draw():
        d, h, c = sizes
        params = {"W1": std * rng.standard_normal((d, h)), "b1": std * rng.standard_normal(h),
                  "W2": std * rng.standard_normal((h, c)), "b2": std * rng.standard_normal(c)}
        return params, rng.random((batch, d))

    def kink_free(drawn):       # the hidden pre-activations, only to sample away from 0
        params, x = drawn
        return np.min(np.abs(x @ params["W1"] + params["b1"])) > gradcheck.KINK_MARGIN

    params, x = gradcheck.redraw_until(draw, kink_free)
    plain = _new_net(TwoLayerNet, sizes, std, rng)
    for key in KEYS:
        plain.params[key][...] = params[key]
    # labels the network finds likely enough (gradcheck.random_labels): with a very unlikely
    # label the 1e-7 inside the loss's log tilts its numerical gradient, not the student's
    scores = numbers(run(plain.predict, x.copy(), what="TwoLayerNet.predict", section=SECTION_NET))
    if scores is None or scores.shape != (batch, sizes[2]) or not np.all(np.isfinite(scores)):
        scores = None
    t = gradcheck.random_labels(rng, batch, sizes[2], one_hot=True, scores=scores)
    net = _decay_net(TwoLayerNetWithDecay, sizes, std, lam, params)
    zero = _decay_net(TwoLayerNetWithDecay, sizes, std, 0.0, params)
    double = _decay_net(TwoLayerNetWithDecay, sizes, std, 2.0 * lam, params)
    what = say("ch07.decay_loss_call", lam=lam)
    data = _loss_value(plain, x.copy(), t, "TwoLayerNet.loss(x, t)")
    total = _loss_value(net, x.copy(), t, what)
    at_zero = _loss_value(zero, x.copy(), t, say("ch07.decay_loss_call", lam=0.0))
    at_double = _loss_value(double, x.copy(), t, say("ch07.decay_loss_call", lam=2 * lam))
    if not np.isclose(at_zero, data, rtol=1e-9, atol=1e-12):
        raise fail(say("ch07.zero_lambda_differs", at_zero=at_zero, data=data), "wrong_value",
                   cause=say(DATA_LOSS_CHANGED), section=SECTION_DECAY)
    if np.isclose(total, data, rtol=1e-12, atol=0.0):
        raise fail(say("ch07.same_as_zero_lambda", what=what, total=total), "wrong_value",
                   cause=say(PENALTY_MISSING), section=SECTION_DECAY)
    if not np.isclose(at_double - data, 2.0 * (total - data), rtol=1e-6, atol=1e-12):
        raise fail(say("ch07.penalty_values", penalty=total - data, lam=lam,
                       doubled=at_double - data, lam2=2 * lam),
                   "wrong_value", cause=say(PENALTY_NOT_LINEAR), section=SECTION_DECAY)
    before = {k: net.params[k].copy() for k in KEYS}
    try:
        gradcheck.check_net_gradients(net, x, t, net_name="TwoLayerNetWithDecay", rng=rng,
                                      section=SECTION_DECAY)
    except CheckFailed as error:
        diagnosis = _diagnosis_of(error)
        if diagnosis is not None and diagnosis.name in ("raised", "not_implemented",
                                                        "wrong_type", "missing_key"):
            raise
        raise fail(_head(error) + f" (λ = {lam:.3g})", "not_self_consistent",
                   cause=say(DECAY_NOT_CONSISTENT, section=SECTION_LOCAL),
                   section=SECTION_DECAY) from None
    for key in KEYS:
        if not np.array_equal(net.params[key], before[key]):
            raise fail(say("ch07.gradient_changed_params", net="TwoLayerNetWithDecay", key=key),
                       "params_changed", cause=say("ch07.gradient_only_computes"),
                       section=SECTION_DECAY)


def weight_decay(TwoLayerNetWithDecay, TwoLayerNet, seed: int | None = None) -> None:
    """TwoLayerNetWithDecay on small random networks with random λ (batch 1 and N): part 1
    first (a broken TwoLayerNet is named as the cause), then the loss (λ = 0 gives part 1's,
    the penalty proportional to λ) and the gradient against numerical gradients of the
    student's own total loss; the parameters unchanged."""
    rng = rng_for("weight_decay", seed)
    try:
        gradient(TwoLayerNet, seed)
    except CheckFailed as error:
        raise fail(f"✗ {say(DECAY_BASE_FIRST)}.\n{_head(error)}",
                   _diagnosis_of(error) or "unexplained") from None
    try:
        for batch in (1, int(rng.integers(2, 6))):
            _decay_case(TwoLayerNetWithDecay, TwoLayerNet, rng, batch)
    except CheckFailed as error:
        if not BOOK_NAMES.search(str(error)):
            raise
        raise fail(f"✗ {say(BOOK_MULTI_LAYER_HEAD)}.\n{_head(error)}", "book_interface",
                   cause=say(BOOK_MULTI_LAYER), section=SECTION_DECAY) from None
