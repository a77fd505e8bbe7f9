# %% [markdown]
# # Lab 6 · The Softmax-with-Loss layer (Softmax-with-Loss 계층)
#
# *Deep Learning from Scratch* §5.6.3, with the softmax function of §3.5 and the
# cross-entropy error of §4.2. Lecture: `notebooks/ch06_softmax_with_loss.ipynb`.
#
# You will write the last layer of a classifier in training, in three steps, and then derive
# a backward pass that the course never shows:
#
# 1. `softmax` — scores to probabilities, row by row, without overflow. (2 points)
# 2. `cross_entropy_error` — the mean loss of a batch, for one-hot **and** integer labels. (2 points)
# 3. `SoftmaxWithLoss` — forward returns the loss; backward returns its gradient with respect
#    to the scores, as derived in lecture 6. (3 points)
# 4. `Softmax` — a softmax layer on its own, whose backward takes *any* upstream gradient:
#    derive it yourself from its computational graph. (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on the book's examples; when you submit, *hidden checks* also
# try your code on random batches (a batch of one and larger ones, any number of classes),
# on scores as large as ±1000, with one-hot and integer labels, and compare your backward
# with numerical derivatives. Every failed check says which quantity is wrong, what was
# expected, what you returned, and the most likely cause.
#
# Shapes: **N** is the batch size (배치 크기), **C** the number of classes. A batch of scores
# (점수) `x` has shape `(N, C)`, one row per sample. Classes are numbered from 0, as in numpy
# and the book's code: with C = 10 the classes are 0, 1, …, 9, and "class 2" is column 2.
#
# **If you type the book's code.** The book's functions and layer work here with these
# differences:
#
# * `softmax`: the book's §3.5.2 version is for **one** sample; on a batch it normalises the
#   whole batch at once (part 1 shows why that is wrong). Its later version in
#   `common/functions.py` (the one with `x.T`) works on a batch and earns full marks.
# * `cross_entropy_error`: the version in `common/functions.py` (one-hot or labels, with
#   `y[np.arange(batch_size), t]`) earns full marks; the first one of §4.2.4 takes one-hot
#   `t` only, and this lab also gives integer labels.
# * `SoftmaxWithLoss`: **the book's `backward(self, dout=1)` ignores `dout`; this lab's
#   backward multiplies its result by `dout`** (lecture 6, section 7 says why), and its `t`
#   may be one-hot `(N, C)` **or** integer labels `(N,)`, where the book's §5.6.3 code takes
#   one-hot `t` only.
# * `Softmax` (part 4): the book has no softmax layer on its own.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · Softmax (소프트맥스 함수), row by row
#
# $$y_k = \frac{\exp(x_k)}{\sum_{i=1}^{C} \exp(x_i)}$$
#
# Every output is between 0 and 1 and the outputs of one sample sum to 1, so they can be read
# as probabilities (확률).
#
# **Overflow (오버플로).** `np.exp(1010)` is `inf`, and `inf / inf` is `nan`. Subtracting a
# constant from every score of a sample does not change its softmax (numerator and
# denominator are multiplied by the same $\exp(-c)$), so the book subtracts the largest
# score first: $y_k = \exp(x_k - c) / \sum_i \exp(x_i - c)$ with $c = \max_i x_i$. The largest
# exponent is then $\exp(0) = 1$ and nothing overflows. The book's example: the scores
# `[1010, 1000, 990]` give `[9.99954600e-01, 4.53978686e-05, 2.06106005e-09]`.
#
# **Row by row.** For a batch `x` of shape `(N, C)`, each **row** is one sample: take the max
# and the sum *per row*, `np.max(x, axis=1, keepdims=True)` and `np.sum(..., axis=1,
# keepdims=True)` (shape `(N, 1)`, so they broadcast across the row; without `keepdims`
# numpy lines a shape-`(N,)` array up with the columns). `axis=-1` means "the last axis"
# and works for one sample `(C,)` as well as for a batch `(N, C)`.
#
# One of the study notes this course grew from wrote `c = np.max(x)` and
# `exp_x / np.sum(exp_x)` with **no axis**. On one sample that is the book's §3.5 code and
# right; on a batch it normalises over the *whole batch*, so the N rows together sum to 1
# instead of each row. Its outputs are then no probabilities of a sample, and the backward
# of the layer in part 3 is no longer the gradient of the loss it computes (the note's
# gradient check was off by 0.067 on `b2`). The network trained with it did not merely
# guess: its weights grew until they became NaN, after which it predicted class 0 for every
# image, and the "about 10 %" accuracy it reported was the share of zeros in MNIST.
# Lecture 7, section “9 · Debugging clinic”, replays it step by step.
#
# Write `softmax(x)` for `x` of shape `(N, C)` **or** `(C,)`: it returns an array of the same
# shape whose rows sum to 1, stays finite for scores of ±1000, and does not change `x`.

# %% nbgrader={"grade_id": "softmax", "solution": true}
def softmax(x):
    """Softmax of scores x, row by row.

    x: (N, C) batch of scores (one row per sample), or (C,) for one sample.
    Returns probabilities of x's shape: each row (each sample) sums to 1.
    """
    ### BEGIN SOLUTION
    if x.ndim == 2:
        shifted = x - np.max(x, axis=1, keepdims=True)   # each row's own max: no overflow
        exp_x = np.exp(shifted)
        return exp_x / np.sum(exp_x, axis=1, keepdims=True)
    shifted = x - np.max(x)
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x)
    ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_test", "grade": true, "points": 2}
checking("softmax", see="lecture 6 (ch06_softmax_with_loss.ipynb), section “3 · A batch: one softmax per row”, then the book's §3.5.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch06_softmax_with_loss as hidden
hidden.softmax(softmax)
### END HIDDEN TESTS
check_close("softmax([0.3, 2.9, 4.0])", softmax(np.array([0.3, 2.9, 4.0])),
            [0.01821127, 0.24519181, 0.73659691])
batch = np.array([[0.3, 2.9, 4.0],
                  [1010.0, 1000.0, 990.0]])
y_batch = softmax(batch)
check_close("row 1 of softmax(batch)", y_batch[1], [9.99954600e-01, 4.53978686e-05, 2.06106005e-09],
            hint="subtract each row's own max before exp: np.exp(1010) is inf")
check_close("row 0 of softmax(batch)", y_batch[0], [0.01821127, 0.24519181, 0.73659691],
            hint="each row is one sample: take the max and the sum per row (axis=-1, keepdims=True)")
check_close("the sum of each row of softmax(batch)", np.sum(y_batch, axis=1), [1.0, 1.0],
            hint="each ROW sums to 1, not the whole batch (a study note's mistake)")

# %% [markdown]
# Softmax keeps the order of the scores: the largest score gets the largest probability.
# That is why a trained network skips softmax at **inference (추론)**: the answer is the
# class with the largest score, with or without softmax. Softmax is needed in **training
# (학습)**, where the loss needs probabilities.

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [1.0, -2.0, 0.5]])
print("class of the largest score:      ", np.argmax(scores, axis=1))
print("class of the largest probability:", np.argmax(softmax(scores), axis=1))

# %% [markdown]
# ## 2 · Cross-entropy error (교차 엔트로피 오차)
#
# For one sample with softmax output $y$ and **one-hot (원-핫 인코딩)** label $t$ (1 at the
# true class, 0 elsewhere), $E = -\sum_k t_k \log y_k$: only the true class counts, $E = -\log
# y_{\text{true}}$. For a batch, the loss is the **mean** over its N samples (§4.2.4):
#
# $$E = -\frac{1}{N} \sum_{n} \sum_{k} t_{nk} \log (y_{nk} + \delta), \qquad \delta = 10^{-7}$$
#
# The book's **delta** keeps the log away from $\log 0 = -\infty$: a sure but wrong answer
# ($y_{\text{true}} = 0$) costs $-\log(10^{-7}) \approx 16.1$ instead of infinity. Use exactly
# `np.log(y + 1e-7)`.
#
# The labels (정답 레이블) `t` come in two forms, and your function takes both:
#
# * **one-hot**: `t` has the shape of `y`, e.g. `[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]` for class 2;
# * **integer labels**: one class index per sample, `t` of shape `(N,)`, e.g. `np.array([2, 7])`.
#   Then the probability of sample n's true class is `y[n, t[n]]`, for all samples at once
#   `y[np.arange(N), t]`. (Or turn the labels into one-hot rows first, `np.eye(C)[t]`.)
#
# `t` is one-hot exactly when it has the shape of `y`.
#
# **One sample.** A 1-D `y` of shape `(C,)` is one sample, and its `t` is one-hot of shape
# `(C,)` or one label of shape `(1,)` such as `np.array([7])`. Reshape `y` to a batch of one,
# `y.reshape(1, C)` (and a one-hot `t` alike), so that N = 1. Without the reshape,
# `y.shape[0]` is C and the loss gets divided by C.
#
# The book's example (§4.2.2): `y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]`
# gives 0.510825457 when the true class is 2 ($-\log 0.6$) and 2.302584092 when it is 7
# ($-\log 0.1$).

# %% nbgrader={"grade_id": "cross_entropy_error", "solution": true}
def cross_entropy_error(y, t):
    """Mean cross-entropy error of a batch, with the book's delta = 1e-7 inside the log.

    y: (N, C) probabilities (softmax outputs), or (C,) for one sample.
    t: one-hot labels of y's shape, or integer labels: (N,) for a batch, (1,) for one sample.
    Returns one number: −(1/N) · Σ_n log(y[n, true class of n] + 1e-7).
    """
    ### BEGIN SOLUTION
    if y.ndim == 1:                                  # one sample: a batch of one
        t = np.reshape(t, (1, -1)) if np.shape(t) == y.shape else np.reshape(t, 1)
        y = y.reshape(1, -1)
    if t.shape == y.shape:                           # one-hot rows -> class indices
        t = np.argmax(t, axis=1)
    n = y.shape[0]
    true_class_probability = y[np.arange(n), t]
    return -np.sum(np.log(true_class_probability + 1e-7)) / n
    ### END SOLUTION


# %% nbgrader={"grade_id": "cross_entropy_error_test", "grade": true, "points": 2}
checking("cross_entropy_error", see="lecture 6 (ch06_softmax_with_loss.ipynb), section “4 · Cross-entropy error”, then the book's §4.2.2 and §4.2.4")
### BEGIN HIDDEN TESTS
from autograder.checks import ch06_softmax_with_loss as hidden
hidden.cross_entropy_error(cross_entropy_error)
### END HIDDEN TESTS
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])          # one-hot: the true class is 2
check_close("cross_entropy_error(y, one-hot of class 2)", cross_entropy_error(y, t), 0.510825457,
            hint="−log(0.6 + 1e-7): only the probability of the true class counts")
check_close("cross_entropy_error(y, np.array([7]))", cross_entropy_error(y, np.array([7])),
            2.302584092, hint="an integer label: −log(y[7] + 1e-7); one sample is a batch of one")
y_two = np.array([y, y])
check_close("cross_entropy_error of a batch of two, labels [2, 7]",
            cross_entropy_error(y_two, np.array([2, 7])), (0.510825457 + 2.302584092) / 2,
            hint="the loss of a batch is the MEAN of its samples' losses")
check_close("cross_entropy_error(y, one-hot of class 3), where y[3] = 0",
            cross_entropy_error(y, np.eye(10)[3]), 16.118095651,
            hint="log(0) is −inf: add delta = 1e-7 inside the log, np.log(y + 1e-7)")

# %% [markdown]
# ## 3 · The Softmax-with-Loss layer
#
# The last layer of a classifier in training is softmax followed by the cross-entropy error,
# one layer with the book's interface:
#
# * `forward(x, t)`: scores `x` of shape `(N, C)` (a single sample is a batch of one,
#   `(1, C)`) and labels `t`, one-hot `(N, C)` or integer `(N,)`. It stores `y = softmax(x)`
#   and what backward needs, and returns the loss (손실), one number. Use your two functions.
# * `backward(dout=1)`: returns `dx` = ∂(dout · loss)/∂x, of shape `(N, C)` (also when `t`
#   holds integer labels).
#
# The graph of softmax and cross-entropy has many nodes, but their backward pass simplifies
# to a famously clean result. Lecture 6 derives it in section 5, “Deriving the backward pass”
# (the book: §5.6.3 and appendix A). Read the derivation, then write `backward`; mind
# the batch: the loss is the **mean** over the N samples. Backward needs the labels as one-hot
# rows, so convert integer labels in forward (`np.eye(C)[t]` picks row `t` of the identity
# matrix) or handle the true classes by index.
#
# **This course's backward multiplies by `dout`.** The book's code ignores its `dout`
# argument, because the last layer normally receives `dout = 1`. Here, backward follows the
# chain rule like every other layer: if a training step uses `0.5 * loss` (or adds this loss
# to another one with weight 0.5), the gradient arriving at this layer is `dout = 0.5`, and
# `dx` must be half as large. With the default `dout = 1` you get the book's result.
# (Lecture 6, section 7 shows it with a numerical gradient; the book's exact code loses
# points here.)

# %% nbgrader={"grade_id": "softmax_with_loss", "solution": true}
class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy error: the last layer of a classifier in training.

    forward(x, t) -> loss: x (N, C) scores; t one-hot (N, C) or integer labels (N,).
    backward(dout=1) -> dx (N, C): the gradient of dout · loss with respect to x.
    """

    def __init__(self):
        self.loss = None   # the loss of the latest forward
        self.y = None      # softmax output, (N, C)
        self.t = None      # labels

    def forward(self, x, t):
        ### BEGIN SOLUTION
        self.y = softmax(x)
        if t.shape != x.shape:                       # integer labels -> one-hot rows
            t = np.eye(x.shape[1])[t]
        self.t = t
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss
        ### END SOLUTION

    def backward(self, dout=1):
        ### BEGIN SOLUTION
        batch_size = self.y.shape[0]
        return dout * (self.y - self.t) / batch_size
        ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_with_loss_test", "grade": true, "points": 3}
checking("SoftmaxWithLoss", uses=("softmax", "cross_entropy_error"), see="lecture 6 (ch06_softmax_with_loss.ipynb), section “Deriving the backward pass”, then the book's §5.6.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch06_softmax_with_loss as hidden
hidden.softmax_with_loss(SoftmaxWithLoss)
### END HIDDEN TESTS
x = np.array([[0.3, 2.9, 4.0],
              [0.0, 0.0, 0.0]])        # softmax rows: [0.0182, 0.2452, 0.7366] and [1/3, 1/3, 1/3]
t_one_hot = np.array([[0, 0, 1],
                      [1, 0, 0]])      # the true classes are 2 and 0
layer = SoftmaxWithLoss()
check_close("loss = −(log 0.7366 + log(1/3)) / 2", layer.forward(x, t_one_hot), 0.7021631589,
            hint="the mean over the batch of −log(y[true class] + 1e-7)")
expected_dx = np.array([[0.0091056366, 0.1225959065, -0.1317015431],
                        [-0.3333333333, 0.1666666667, 0.1666666667]])
check_close("dx = backward()", layer.backward(), expected_dx, atol=1e-7,
            hint="derived in lecture 6, section 5 (“Deriving the backward pass”); "
                 "the loss is the mean over the batch")
check_close("dx = backward(dout=2.0) (the book's backward ignores dout)", layer.backward(2.0),
            2.0 * expected_dx, atol=1e-7,
            hint="the book's backward ignores dout; this lab's multiplies its result by dout "
                 "(the chain rule: lecture 6, section 7)")
labels = np.array([2, 0])              # the same classes as integer labels
layer = SoftmaxWithLoss()
check_close("loss with integer labels t = [2, 0]", layer.forward(x, labels), 0.7021631589,
            hint="one-hot t and integer labels describe the same classes")
check_close("dx = backward() with integer labels", layer.backward(), expected_dx, atol=1e-7,
            hint="backward needs the labels as one-hot rows (N, C): convert integer labels "
                 "(N,) in forward, np.eye(C)[t]")

# %% [markdown]
# The clean formula agrees with the numerical gradient (수치 미분) of the loss. The provided
# `numerical_gradient` nudges each score by ±h and measures the change of the loss:

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [0.0, 0.0, 0.0]])
labels = np.array([2, 0])
layer = SoftmaxWithLoss()
layer.forward(scores, labels)
numeric = numerical_gradient(lambda s: SoftmaxWithLoss().forward(s, labels), scores.copy())
print("numerical:", np.round(numeric, 6).tolist())
print("backprop: ", np.round(layer.backward(), 6).tolist())

# %% [markdown]
# ## 4 · Derive it yourself: the backward of softmax alone
#
# `SoftmaxWithLoss` hides a shortcut: softmax and the cross-entropy error *together* have a
# clean backward. Softmax also appears without that loss (with another loss, or inside a
# network, as in the attention of transformers), and then its backward must take **any**
# upstream gradient `dout`, one number per output. Nobody in this course derives it: you do.
#
# The layer `Softmax` below has its forward written for you (it calls your `softmax` of
# part 1). For one row of scores $x_0, \dots, x_{C-1}$ (here C = 3) its computational graph
# is:
#
# ```
#  x_0 ─▶ (exp) ─▶ e_0 ─┬─────────────────────────────────▶ (÷) ─▶ y_0
#  x_1 ─▶ (exp) ─▶ e_1 ─┼─┬────────────────────▶ (÷) ─▶ y_1  ▲
#  x_2 ─▶ (exp) ─▶ e_2 ─┼─┼─┬───────▶ (÷) ─▶ y_2  ▲          │
#                       ▼ ▼ ▼          ▲          │          │
#                       ( + ) ─▶ S ────┴──────────┴──────────┘
# ```
#
# with $e_k = \exp(x_k)$, $S = e_0 + e_1 + e_2$ and $y_j = e_j / S$ (forward subtracts the
# row's max first; that changes no $y_j$, and so no derivative).
#
# Each $e_k$ goes to two places (its own division node and the sum), and $S$ goes into
# **every** division node of the row. So each output $y_j$ depends on every input $x_k$ of
# its row: $x_k$ reaches $y_k$ directly through $e_k$, and reaches every $y_j$ through $S$.
# Work it out on paper, node by node, backward from the upstream gradients
# $\partial L/\partial y_j$ = `dout[j]`:
#
# 1. the local derivatives of a division node $e/S$ with respect to **both** of its inputs
#    (like a division node with two inputs; lecture 4, section 7 takes a sigmoid apart into
#    exp and division nodes) and of an exp node;
# 2. where a value fans out ($e_k$, and $S$), **sum** the gradients that come back along
#    every path (lecture 2, section 5 · Fan-out);
# 3. write the result in terms of `y` (which forward keeps) and `dout`, for a whole batch
#    at once: every row of the batch is its own graph.
#
# Write `backward(dout)`: `dout` has the shape of the output, `(N, C)` (or `(C,)` for one
# sample), and `dx` has the shape of `x`. It must not change `dout`. Check your result on
# paper with two facts: shifting every score of a row by the same amount does not change its
# softmax (lecture 6, section 2), so **each row of `dx` sums to 0**; and for an upstream
# gradient that is the same for all outputs of a row, `dx` is 0 (the outputs always sum to 1).
# When you are done, the cell after the test feeds your layer the cross-entropy's gradient
# and compares with your `SoftmaxWithLoss`: the two roads to the same gradient must meet.

# %% nbgrader={"grade_id": "softmax_layer", "solution": true}
class Softmax:
    """softmax as a layer: forward(x) -> y = softmax(x), row by row; backward(dout) -> dx.

    x, y, dout, dx: (N, C), one row per sample, or (C,) for one sample.
    """

    def __init__(self):
        self.y = None      # the output of the latest forward

    def forward(self, x):
        out = softmax(x)             # your softmax of part 1
        self.y = out
        return out

    def backward(self, dout):
        ### BEGIN SOLUTION
        pushed = np.sum(dout * self.y, axis=-1, keepdims=True)
        return self.y * (dout - pushed)
        ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_layer_test", "grade": true, "points": 3}
checking("Softmax", uses=("softmax",), see="lecture 2 (ch02_chain_rule.ipynb), section “5. Fan-out: when one value is used twice”, then the book's §5.6.3 and its appendix A")
### BEGIN HIDDEN TESTS
from autograder.checks import ch06_softmax_with_loss as hidden
hidden.softmax_layer(Softmax)
### END HIDDEN TESTS
x = np.array([[0.3, 2.9, 4.0],
              [1.0, -2.0, 0.5]])
dout = np.array([[1.0, 0.0, 0.0],
                 [0.5, -1.0, 2.0]])
layer = Softmax()
check_close("Softmax.forward(x)", layer.forward(x), [[0.0182112733, 0.2451918129, 0.7365969138],
                                                      [0.6037488961, 0.0300588876, 0.3661922163]],
            hint="forward is given: it calls your softmax of part 1, which must pass its test")
dx = layer.backward(dout.copy())
check_close("the sum of each row of dx", np.sum(dx, axis=-1), [0.0, 0.0], atol=1e-9,
            hint="shifting all scores of a row by the same amount does not change its softmax, "
                 "so each row of dx sums to 0: every input influences every output of its row "
                 "(sum over all paths, not only the direct one)")
check_close("backward of a dout that is the same for a whole row",
            layer.backward(np.array([[2.0, 2.0, 2.0], [-1.0, -1.0, -1.0]])), np.zeros((2, 3)),
            atol=1e-9, hint="the outputs of a row always sum to 1, so pushing all of them up "
                            "alike changes nothing: dx must be 0")
check_close("dx = Softmax.backward(dout)", dx, [[0.0178796228, -0.0044652551, -0.0134143677],
                                                [-0.3044101893, -0.0602440223, 0.3646542115]],
            atol=1e-9, hint="re-derive the local derivatives of the division node with respect "
                            "to both its inputs, and sum over every path from x_k to the outputs")
one_sample = Softmax()
one_sample.forward(np.array([0.3, 2.9, 4.0]))
check_close("dx for one sample x of shape (3,)", one_sample.backward(np.array([0.0, 0.0, 1.0])),
            [-0.0134143677, -0.1806075327, 0.1940219004], atol=1e-9,
            hint="a 1-D x is one sample: reduce over axis=-1 (the last axis), with keepdims=True")

# %% [markdown]
# **Two roads to one gradient.** The cross-entropy error of part 2, without its tiny delta, has
# the local derivative $\partial L/\partial y = -t/(N y)$ (lecture 6, section 5, for a batch
# mean). Feed it to your `Softmax.backward` and you walk the long road through the softmax
# graph; your `SoftmaxWithLoss.backward()` takes the short one. They must agree:

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [1.0, -2.0, 0.5]])
t_one_hot = np.array([[0.0, 0.0, 1.0],
                      [1.0, 0.0, 0.0]])
softmax_layer = Softmax()
y = softmax_layer.forward(scores)
long_road = softmax_layer.backward(-t_one_hot / (len(scores) * y))
loss_layer = SoftmaxWithLoss()
loss_layer.forward(scores, t_one_hot)
short_road = loss_layer.backward()
print("Softmax.backward(∂L/∂y):   ", np.round(long_road, 6).tolist())
print("SoftmaxWithLoss.backward():", np.round(short_road, 6).tolist())
print("the same:", np.allclose(long_road, short_road, atol=1e-9))

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: a two-layer network on MNIST, where this layer sits
# on top of Affine and ReLU layers and its `dx` starts the backward pass.
