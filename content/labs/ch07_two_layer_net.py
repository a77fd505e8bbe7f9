# %% [markdown]
# # Lab 7 · A two-layer network that learns (오차역전파법으로 학습하는 2층 신경망)
#
# *Deep Learning from Scratch* §5.7, with the training loop of §4.5. Lecture:
# `notebooks/ch07_two_layer_net.ipynb`.
#
# Your layers of labs 4–6 become a network that learns to read handwritten digits (MNIST).
# The whole picture of learning (신경망 학습의 전체 그림), repeated many times:
#
# 1. **Mini-batch (미니배치)**: draw a few random samples from the training data (훈련 데이터).
# 2. **Gradient (기울기 산출)**: the gradient of the loss on that mini-batch with respect to
#    every weight (가중치) and bias (편향): forward pass (순전파), then backward pass (역전파).
# 3. **Update (매개변수 갱신)**: move every parameter a small step against its gradient.
# 4. **Repeat (반복)**.
#
# Backpropagation (오차역전파법) is step 2, fast. You will write:
#
# 0. Your layers from labs 4–6, pasted into the first answer cell. (no points: they were graded in labs 4–6; here they are only used)
# 1. `TwoLayerNet.gradient` — step 2: forward, then backward through the layers in reverse order. (4 points)
# 2. `sgd_step` — step 3: one step of gradient descent, changing the parameters in place. (2 points)
# 3. `train` — steps 1 to 4: the training loop with mini-batches. (3 points)
# 4. `gradient_check` — your own gradient check of one layer: the step, the kinks, the
#    relative error and a verdict. (3 points)
# 5. `TwoLayerNetWithDecay` — derive it yourself: the network with weight decay (가중치 감소),
#    a loss with a penalty on the weights, and its gradient, which no lecture writes down.
#    (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on a small example and on MNIST; when you submit, *hidden
# checks* also try small networks of random sizes (batches of 1 and more) against numerical
# gradients, the update on random parameters, your loop on a network that records every call,
# a short seeded training run on MNIST that must reach a stated accuracy, your gradient
# check on correct and subtly broken layers, and networks with weight decay of random
# strength. Every failed check says what is wrong, what was expected, what you returned,
# and the most likely cause, then where to read.
#
# Shapes: **N** is the batch size (배치 크기), **D** the number of inputs (784 pixels for
# MNIST), **H** the size of the hidden layer (은닉층), **C** the number of classes (10 digits).

# %% nbgrader={"grade_id": "setup"}
from collections import OrderedDict

import matplotlib.pyplot as plt
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% nbgrader={"grade_id": "provided_mnist"}
# provided: mnist

# %% [markdown]
# ## 0 · Your layers from labs 4–6
#
# The network is built from the layers you wrote: `Relu` (lab 4), `Affine` (lab 5), and
# `softmax`, `cross_entropy_error` and `SoftmaxWithLoss` (lab 6). Paste your code into the
# cell below: either the bodies of the methods, or your whole classes and functions in place
# of these. The layers were **graded in labs 4–6**; this cell earns no points, it is only
# used. If one of them is wrong, the checks of the parts below say which one and why.
#
# The interface (the book's, as in labs 4–6):
#
# * `Relu`: `forward(x)`, `backward(dout) -> dx`;
# * `Affine(W, b)`: keeps the very arrays `W` and `b`; `forward(x)`, `backward(dout) -> dx`,
#   and sets `self.dW` and `self.db`;
# * `SoftmaxWithLoss`: `forward(x, t) -> loss` and `backward(dout=1) -> dx`. Here `t` is
#   always one-hot, as `load_mnist(one_hot_label=True)` gives it.
#
# **If you type the book's code.** This lab uses the book's names: `self.params` with the
# keys `'W1'`, `'b1'`, `'W2'`, `'b2'`, `self.layers` (an `OrderedDict` with `'Affine1'`,
# `'Relu1'`, `'Affine2'`) and `self.lastLayer`, so the book's `TwoLayerNet` of §5.7.2
# (`two_layer_net.py`) earns full marks as it is. The book's `Relu.backward`, which changes
# `dout` in place, and its `SoftmaxWithLoss.backward`, which ignores `dout`, are fine inside
# this network. Where the lab differs: the book updates the parameters in a script
# (`train_neuralnet.py`); here the update is the function `sgd_step` (part 2), and `train`
# (part 3) draws its mini-batches with the generator `rng` it is given, not with
# `np.random.choice`. The book has no `gradient_check` function (part 4): its §5.7.3 prints
# mean differences without a verdict. Part 5's weight decay is the book's §6.4.1, written
# there for its `MultiLayerNet`; here it is a subclass of your `TwoLayerNet` (part 5 says how
# the two differ).

# %% nbgrader={"grade_id": "layers", "solution": true}
def softmax(x):
    """Softmax of scores x, row by row: x (N, C) or (C,) -> probabilities of x's shape (lab 6)."""
    ### BEGIN SOLUTION
    if x.ndim == 2:
        shifted = x - np.max(x, axis=1, keepdims=True)
        exp_x = np.exp(shifted)
        return exp_x / np.sum(exp_x, axis=1, keepdims=True)
    shifted = x - np.max(x)
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x)
    ### END SOLUTION


def cross_entropy_error(y, t):
    """Mean cross-entropy error of a batch, with delta = 1e-7 inside the log (lab 6).

    y: (N, C) probabilities, or (C,); t: one-hot labels of y's shape, or integer labels.
    """
    ### BEGIN SOLUTION
    if y.ndim == 1:
        t = np.reshape(t, (1, -1)) if np.shape(t) == y.shape else np.reshape(t, 1)
        y = y.reshape(1, -1)
    if t.shape == y.shape:
        t = np.argmax(t, axis=1)
    n = y.shape[0]
    true_class_probability = y[np.arange(n), t]
    return -np.sum(np.log(true_class_probability + 1e-7)) / n
    ### END SOLUTION


class Relu:
    """ReLU layer (lab 4): forward(x) -> out, backward(dout) -> dx; self.mask: True where x <= 0."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
        ### END SOLUTION


class Affine:
    """Affine layer (lab 5): out = x·W + b; backward sets self.dW (D, M) and self.db (M,)."""

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        out = np.dot(self.x, self.W) + self.b
        return out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(self.original_x_shape)
        ### END SOLUTION


class SoftmaxWithLoss:
    """Softmax + cross-entropy error (lab 6): forward(x, t) -> loss; backward(dout=1) -> dx."""

    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        ### BEGIN SOLUTION
        self.y = softmax(x)
        if t.shape != x.shape:
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


# %% [markdown]
# ## 1 · The gradient of the network, by backpropagation
#
# `TwoLayerNet` is the book's network of §5.7.2: Affine → Relu → Affine, then
# Softmax-with-Loss. Everything but `gradient` is given:
#
# * `params`: the dict of parameters, `W1` (D, H), `b1` (H,), `W2` (H, C), `b2` (C,);
# * `layers`: an `OrderedDict` (순서가 있는 딕셔너리) of the layers **in forward order**,
#   `Affine1`, `Relu1`, `Affine2`. The Affine layers are given the arrays of `params`
#   themselves, so a layer and `params` share one array per parameter;
# * `lastLayer`: the `SoftmaxWithLoss` layer (the book's name);
# * `predict(x)`: the scores, forward through `layers`; `loss(x, t)`: `predict`, then
#   `lastLayer.forward`; `accuracy(x, t)`: the fraction of samples whose largest score is
#   the true class;
# * `numerical_gradient(x, t)`: the same dict as `gradient`, by central differences (slow:
#   two evaluations of the loss for every single parameter).
#
# Write `gradient(x, t)`. It returns a dict with the keys `W1`, `b1`, `W2`, `b2`, each the
# gradient of the loss with respect to that parameter, of the parameter's shape, computed by
# backpropagation through the layers above: a forward pass, then a backward pass. Lecture 7
# (ch07_two_layer_net.ipynb), section “4 · `TwoLayerNet`: the layers in order”, builds exactly this method and says why
# each step is there; before you write it, answer for yourself: what must run before any
# `backward`, what `dout` enters the last layer, and in which order the layers of
# `self.layers` are visited?

# %% nbgrader={"grade_id": "gradient", "solution": true}
class TwoLayerNet:
    """Affine → Relu → Affine → SoftmaxWithLoss (the book's §5.7.2).

    x: (N, D) inputs; t: (N, C) one-hot labels; params: W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

        self.layers = OrderedDict()        # in forward order
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()  # the book's name for the loss layer

    def predict(self, x):
        """The scores (N, C): forward through the layers, without softmax."""
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """The loss of the batch: forward through every layer, the last one included."""
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t):
        """The fraction of samples whose largest score is the true class."""
        predicted = np.argmax(self.predict(x), axis=1)
        labels = t if t.ndim == 1 else np.argmax(t, axis=1)
        return float(np.mean(predicted == labels))

    def numerical_gradient(self, x, t):
        """The gradients by central differences (slow): a dict like gradient's."""
        loss_W = lambda W: self.loss(x, t)   # reads the parameters through the layers
        grads = {}
        for key in ("W1", "b1", "W2", "b2"):
            grads[key] = numerical_gradient(loss_W, self.params[key])
        return grads

    def gradient(self, x, t):
        """The gradients by backpropagation: {'W1': (D, H), 'b1': (H,), 'W2': (H, C), 'b2': (C,)}."""
        ### BEGIN SOLUTION
        # forward: every layer stores what its backward needs
        self.lastLayer.forward(self.predict(x), t)

        # backward: from the loss back to the input
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)

        grads = {}
        grads["W1"] = self.layers["Affine1"].dW
        grads["b1"] = self.layers["Affine1"].db
        grads["W2"] = self.layers["Affine2"].dW
        grads["b2"] = self.layers["Affine2"].db
        return grads
        ### END SOLUTION


# %% [markdown]
# ### Gradient check (기울기 확인)
#
# The numerical gradient (수치 미분) is slow but simple, so it is hard to get wrong; backprop
# is fast but easy to get wrong. A **gradient check** compares the two on a small network
# (§5.7.3). For each parameter we print the course's **relative error (상대 오차)**, the
# one of lecture 7, section “6 · The gradient check”:
#
# $$\text{relative error} = \frac{\lVert g^{\text{backprop}} - g^{\text{numerical}}\rVert}
#   {\max(\lVert g^{\text{backprop}}\rVert,\ \lVert g^{\text{numerical}}\rVert)}$$
#
# with $\lVert\cdot\rVert$ the square root of the sum of squares over the whole array (0 when
# both gradients are 0). The check passes below **1e-4** (in float64). What the sizes mean:
#
# * **about 1e-10**: a correct backward against a loss computed exactly; what is left is
#   rounding, divided by the step;
# * **about 1e-7 to 1e-6**: a correct backward against the book's loss. `cross_entropy_error`
#   takes the log of $y + 10^{-7}$, while backward returns the exact gradient of $-\log y$;
#   the two differ by about $10^{-7}/y_{\text{true}}$, so $10^{-6}$ when the true class has a
#   probability of 0.1 (an untrained network) and $10^{-7}$ when it is near 1. This is fine:
#   it is the loss that is slightly off, not your backward;
# * **1e-4 to 1e-2**: suspicious even in float64. A correct network gets there only when the
#   numerical side is off: a ReLU input within a step of the kink at 0, or float32 arrays;
# * **1e-2 and more**: a wrong formula. One of the study notes this course grew from printed
#   a mean difference of 0.067 for `b2` and could not find why; its accuracy then stayed
#   near 10 % (see the debugging clinic below).
#
# The example network: 4 inputs, 5 hidden units, 3 classes, a batch of 3.

# %% nbgrader={"grade_id": "examples"}
def relative_error(a, b):
    """The course's relative error: ‖a − b‖ / max(‖a‖, ‖b‖) over whole arrays (0 when both are 0)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


THRESHOLD = 1e-4      # a relative error below this (in float64) means: backward agrees


def small_network():
    """A TwoLayerNet(4, 5, 3) with fixed parameters, written into the arrays of params
    (in place: the layers share these arrays)."""
    net = TwoLayerNet(input_size=4, hidden_size=5, output_size=3)
    example_rng = np.random.default_rng(4)
    for key in ("W1", "b1", "W2", "b2"):
        net.params[key][...] = example_rng.normal(0.0, 0.5, net.params[key].shape)
    return net


x_small = np.array([[0.2, 0.9, 0.4, 0.1],
                    [0.7, 0.3, 0.8, 0.6],
                    [0.5, 0.1, 0.3, 0.9]])       # a batch of 3 samples, 4 inputs each
t_small = np.array([[0.0, 1.0, 0.0],
                    [1.0, 0.0, 0.0],
                    [0.0, 0.0, 1.0]])            # one-hot labels: classes 1, 0, 2

# %% nbgrader={"grade_id": "gradient_test", "grade": true, "points": 4}
checking("TwoLayerNet", see="lecture 7 (ch07_two_layer_net.ipynb), section “4 · `TwoLayerNet`: the layers in order”, then the book's §5.7.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch07_two_layer_net as hidden
hidden.gradient(TwoLayerNet)
### END HIDDEN TESTS
net = small_network()
grad_backprop = net.gradient(x_small, t_small)
grad_numerical = net.numerical_gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    if np.shape(grad_backprop[key]) != net.params[key].shape:
        raise CheckFailed(f"✗ grads['{key}'] has shape {np.shape(grad_backprop[key])}, but {key} "
                          f"has shape {net.params[key].shape}.\nLikely cause: a gradient has the "
                          "shape of its parameter: which layer holds the gradient of "
                          f"{key}? (lecture 7, section 4)")
print("✓ every gradient has the shape of its parameter")
for key in ("W1", "b1", "W2", "b2"):
    check_close(f"relative error of {key}", relative_error(grad_backprop[key],
                grad_numerical[key]), 0.0, atol=THRESHOLD,
                hint="backprop and the numerical gradient disagree. Compare your gradient with "
                "lecture 7, section 4, step by step: what runs first, what enters the loss "
                "layer's backward, in which order the layers follow, which layer holds which "
                "gradient. If every parameter is off, check the layers you pasted (a softmax "
                "taken over the whole batch instead of each row)")

# %% [markdown]
# ### Debugging clinic: a study note's network
#
# One of the study notes trained this network with a softmax that took `np.max(x)` and
# `np.sum(exp_x)` over the **whole batch** instead of each row (its §3.5 code for one
# sample, used on a batch). Nothing crashed, and the accuracy went to about 10 % and stayed
# there. That was not guessing: the weights grew by a factor of ten every few iterations
# until they overflowed and became NaN (not a number); `np.argmax` of a row of NaNs is 0,
# so the dead network answered 0 for every image, and its "accuracy" was the share of zeros
# in the data (0.0987 of the training images, 0.098 of the test images). Lecture 7,
# section “9 · Debugging clinic” replays it. Its gradient check had shown the bug: a large
# difference for `b2`.
#
# Below, the example network gets that last layer. Its loss is still a number and `gradient`
# still returns arrays of the right shapes, but the gradient check shows that they are not
# the gradient of that loss: the backward of `SoftmaxWithLoss` is only right when `y` is a
# row-wise softmax. A gradient check says *that* something is wrong; comparing parameter by
# parameter and layer by layer says *where*. (The hidden checks do the same: they test each
# layer you pasted on its own and name the one that is wrong. In part 4 you write such a
# check of one layer yourself.)

# %%
class WholeBatchSoftmaxWithLoss(SoftmaxWithLoss):
    """The study note's last layer: softmax normalised over the whole batch."""

    def forward(self, x, t):
        exp_x = np.exp(x - np.max(x))            # no axis: one max for the whole batch
        self.y = exp_x / np.sum(exp_x)           # the whole batch sums to 1, not each row
        self.t = t
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


clinic = small_network()
clinic.lastLayer = WholeBatchSoftmaxWithLoss()
grad_backprop = clinic.gradient(x_small, t_small)
grad_numerical = clinic.numerical_gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    print(f"{key}: relative error {relative_error(grad_backprop[key], grad_numerical[key]):.3f}")

# %% [markdown]
# ## 2 · The update: one step of gradient descent (경사 하강법)
#
# With the gradients in hand, every parameter takes a small step in the direction in which
# the loss decreases fastest (§4.4). Lecture 7 (ch07_two_layer_net.ipynb), section “1 · The
# whole picture of learning” writes the update rule and shows on a one-parameter loss which
# sign makes the loss smaller. The size of the step is set by the **learning rate (학습률)**,
# `lr` in the code. Doing this on random mini-batches is **stochastic gradient descent
# (확률적 경사 하강법, SGD)**.
#
# Write `sgd_step(params, grads, lr)`: update every array of `params` with the gradient of
# the same key. Change the arrays **in place** and return nothing.
#
# **Why in place.** The Affine layers were given the arrays of `params`, not copies:
# `self.layers['Affine1'].W` *is* `self.params['W1']`. An in-place operation (an augmented
# assignment such as `-=`, or a numpy function with `out=`) changes that one array, so the
# layer sees the new weights. But `params[key] = <an expression>` computes a **new** array and
# puts it into the dict: the dict now holds the new array, the layer still holds the old
# one, and the network never changes. It computes, it runs, and it does not learn.

# %% nbgrader={"grade_id": "sgd_step", "solution": true}
def sgd_step(params, grads, lr):
    """One step of gradient descent, in place: each params[key] moves by −lr · grads[key].

    params, grads: dicts with the same keys ('W1', 'b1', 'W2', 'b2'); arrays of equal shapes.
    lr: the learning rate. Changes the arrays of params themselves; returns nothing.
    """
    ### BEGIN SOLUTION
    for key in params:
        params[key] -= lr * grads[key]
    ### END SOLUTION


# %% nbgrader={"grade_id": "sgd_step_test", "grade": true, "points": 2}
checking("sgd_step", see="lecture 7 (ch07_two_layer_net.ipynb), section “1 · The whole picture of learning”, then the book's §4.4 (and the slip after the figure of section 4)")
### BEGIN HIDDEN TESTS
from autograder.checks import ch07_two_layer_net as hidden
hidden.sgd_step(sgd_step)
### END HIDDEN TESTS
params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([0.5, 0.0]),
          "W2": np.array([[3.0], [-1.0]]), "b2": np.array([0.25])}
grads = {"W1": np.array([[0.5, -1.0]]), "b1": np.array([2.0, 0.0]),
         "W2": np.array([[-4.0], [1.0]]), "b2": np.array([0.5])}
layer = Affine(params["W1"], params["b1"])      # shares the arrays, as in TwoLayerNet
sgd_step(params, grads, lr=0.1)
check_close("params['W1'] after one step with lr = 0.1", params["W1"], [[0.95, -1.9]],
            hint="does gradient descent step along the gradient or against it? (lecture 7, "
                 "section 1, the one-parameter example)")
check_close("params['b1']", params["b1"], [0.3, 0.0], hint="every parameter, the biases too")
check_close("params['W2']", params["W2"], [[3.4], [-1.1]])
check_close("params['b2']", params["b2"], [0.2])
check_close("layer.W, the array the Affine layer holds", layer.W, [[0.95, -1.9]],
            hint="update the arrays in place: params[key] = ... puts a new array in the dict, "
            "which the layer never sees")

# %% [markdown]
# ## 3 · The training loop
#
# Write `train(network, x_train, t_train, iters, batch_size, lr, rng)`: `iters` iterations of
# steps 1 to 3, as in §4.5.2 and §5.7.4. In each iteration:
#
# 1. draw a mini-batch: `batch_size` random row indices drawn with the given generator's
#    `rng.choice` (the book draws with replacement, `choice(N, batch_size)`), and take **the
#    same rows** of the inputs and of the labels, `x_batch` and `t_batch`;
# 2. the gradients of that mini-batch, from `network.gradient`;
# 3. the update of `network.params`, with your `sgd_step`;
# 4. record the loss of the mini-batch, `network.loss` of `x_batch` and `t_batch` (after the
#    update, as the book does).
#
# Return the list of the `iters` losses. Use `rng` (a `np.random.Generator`) for every random
# choice, not `np.random`: a run is then repeatable, because two generators made with the same
# seed draw the same batches. Lecture 7 (ch07_two_layer_net.ipynb), section “7 · Training
# with backpropagation” uses a `train` with this very signature.

# %% nbgrader={"grade_id": "train", "solution": true}
def train(network, x_train, t_train, iters, batch_size, lr, rng):
    """Train network by mini-batch SGD.

    network: has params, gradient(x, t) and loss(x, t), like TwoLayerNet.
    x_train: (N, D) inputs; t_train: (N, C) one-hot labels of the same N samples.
    iters: the number of updates; batch_size: samples per mini-batch; lr: learning rate;
    rng: a np.random.Generator, for drawing the mini-batches.
    Returns a list of iters numbers: the loss of each iteration's mini-batch.
    """
    ### BEGIN SOLUTION
    train_size = x_train.shape[0]
    loss_history = []
    for i in range(iters):
        batch_mask = rng.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]

        grads = network.gradient(x_batch, t_batch)
        sgd_step(network.params, grads, lr)

        loss_history.append(network.loss(x_batch, t_batch))
    return loss_history
    ### END SOLUTION


# %% [markdown]
# The checks below train the book's network (784 inputs, 50 hidden units, 10 classes,
# weights drawn with `weight_init_std = 0.01`) for 300 iterations of mini-batches of 100
# with `lr = 0.1`, on the MNIST data loaded here, and measure the accuracy (정확도) on the
# training data and on the test data (시험 데이터) every 50 iterations. `load_mnist` prints
# where the digits come from: the full set (60,000 training and 10,000 test images),
# downloaded once and cached, or, without a network, the subset shipped with the course
# (10,000 and 2,000).
#
# When you submit, a hidden check also trains a 784-30-10 network (weights of standard
# deviation 0.1) for 150 iterations of mini-batches of 100 with `lr = 0.2`, from a fixed
# seed, on the first 5,000 training images of the bundled subset, and requires a test
# accuracy of **at least 0.7** on its 2,000 test images. A correct network reaches about
# 0.84; guessing one digit in ten gives 0.1.

# %% nbgrader={"grade_id": "data"}
(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
print("x_train:", x_train.shape, "t_train:", t_train.shape)
print("x_test: ", x_test.shape, "t_test: ", t_test.shape)

# %% nbgrader={"grade_id": "train_test", "grade": true, "points": 3}
checking("train", uses=("TwoLayerNet", "sgd_step"), see="lecture 7 (ch07_two_layer_net.ipynb), section “7 · Training with backpropagation”, then the book's §5.7.4 and §4.5")
### BEGIN HIDDEN TESTS
from autograder.checks import ch07_two_layer_net as hidden
hidden.train(train)
hidden.train_on_mnist(TwoLayerNet, train)
### END HIDDEN TESTS
np.random.seed(0)                                # the weights of TwoLayerNet
network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
run_rng = np.random.default_rng(0)               # the mini-batches
history, train_acc, test_acc = [], [], []
for r in range(6):
    history.extend(train(network, x_train, t_train, iters=50, batch_size=100, lr=0.1, rng=run_rng))
    train_acc.append(network.accuracy(x_train, t_train))
    test_acc.append(network.accuracy(x_test, t_test))
    print(f"iteration {len(history):3d}: train accuracy {train_acc[-1]:.3f}, "
          f"test accuracy {test_acc[-1]:.3f}")
check_close("len(history), one loss per iteration", len(history), 300,
            hint="append network.loss(x_batch, t_batch) once per iteration, and return the list")
first, last = np.mean(history[:20]), np.mean(history[-20:])
print(f"mean loss of the first 20 iterations: {first:.3f}, of the last 20: {last:.3f}")
if not last < first - 0.5:
    raise CheckFailed("✗ the loss did not go down.\nLikely cause: each iteration must compute "
                      "the gradient of a random mini-batch and update network.params in place "
                      "with a minus sign (sgd_step), using the same rows of x_train and t_train.")
print("✓ the loss went down")
if not test_acc[-1] >= 0.7:
    raise CheckFailed(f"✗ the test accuracy is {test_acc[-1]:.3f}; at least 0.7 passes "
                      "(guessing one digit of 10 gives 0.1).\nLikely cause: check the gradient "
                      "(part 1), the update (part 2), and that x_batch and t_batch are the same "
                      "rows of the training data.")
print(f"✓ test accuracy {test_acc[-1]:.3f} after 300 iterations (at least 0.7; guessing: 0.1)")

# %% [markdown]
# ## Learning curves (학습 곡선)
#
# The left plot is the loss (손실 함수) of each mini-batch, the right one the accuracy (정확도).
# The loss of each mini-batch is noisy, because every batch is a different sample of 100
# digits, but it falls fast. When the train and test accuracies stay close, the network has
# learned digits in general, not the training images by heart (과대적합, overfitting). The
# book trains for 10,000 iterations (§5.7.4; about 17 epochs (에폭) of the full set, one
# epoch being as many iterations as it takes to see every training image once) and reaches
# about 97 % on the test set; the lecture does that run. Here the check's 300 iterations are
# enough to pass 80 %.

# %%
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.5))
ax_loss.plot(history, linewidth=0.8)
ax_loss.set(xlabel="iteration", ylabel="loss of the mini-batch", title="loss")
marks = 50 * np.arange(1, len(test_acc) + 1)
ax_acc.plot(marks, train_acc, "o-", label="train")
ax_acc.plot(marks, test_acc, "s--", label="test")
ax_acc.set(xlabel="iteration", ylabel="accuracy", ylim=(0, 1), title="accuracy")
ax_acc.legend()
plt.show()

# %% [markdown]
# ## 4 · Your own gradient check (기울기 확인)
#
# Part 1 used a gradient check that was given. Here you write one, for a single layer: the
# tool of lecture 7 (ch07_two_layer_net.ipynb), section “9.3 Checking the layers one at a
# time”, grown into a function that gives a verdict. The method is the one of that section:
# pick an upstream gradient `dout` and look at the single number
#
# $$L(x) = \sum \text{dout} \odot \text{forward}(x),$$
#
# whose gradient with respect to $x$ must be exactly what `backward(dout)` returns. Compute
# that gradient numerically, with central differences (lecture 2 (ch02_chain_rule.ipynb),
# section “4. Numerical differentiation”), and compare the two with the course's relative
# error `relative_error` and `THRESHOLD` (part 1; lecture 7, section “6 · The gradient
# check”).
#
# Write `gradient_check(layer, x, dout=None)`:
#
# * `layer`: any object with `forward(x) -> out` and `backward(dout) -> dx` (`dx` of `x`'s
#   shape), like your `Relu`. Its only kink, if it has one, is at 0, like ReLU's;
# * `x`: a float64 array, the point where to check; leave the caller's array as it was;
# * `dout`: an array of the shape of `out`; `None` means: draw one yourself;
# * returns the pair `(error, agrees)`: the relative error between `backward`'s `dx` and the
#   numerical gradient, and `agrees`, `True` when the error is below `THRESHOLD`.
#
# Four decisions are yours, and each is a way a real gradient check goes wrong. The hidden
# checks give your function correct layers and subtly broken ones (a backward 1 % too large,
# one wrong element, a flipped sign, a backward that forgets `dout`, gradients a thousand
# times smaller than usual, outputs a thousand times larger, inputs exactly at a kink) and
# expect the right verdict for each.
#
# 1. **The step $h$.** Lecture 2 shows what goes wrong at both ends: with $h = 10^{-50}$,
#    `x + h` rounds back to `x`; with a very small $h$ such as $10^{-10}$, the rounding error
#    of $L$ (relative to the size of $L$, so large when the layer's outputs are large) is
#    divided by $2h$; with a large $h$ the formula's own error, of order $h^2$, grows. Which
#    difference do you use, and what error does it have in $h$?
# 2. **Kinks.** Next to a kink the numerical derivative means nothing: for a ReLU input at 0
#    the central difference straddles the kink and gives half of the slope, while `backward`
#    gives 0 or 1, and a correct layer looks wrong (lecture 7, section 9.3 keeps its inputs
#    away from 0). Inputs exactly at 0 will come. Move every input that lies within a few
#    steps of 0 away from it (keep its sign) before you check, and run `backward` and the
#    numerical gradient at the same, moved point.
# 3. **`dout`.** When none is given, draw a random one. Ask yourself which mistake in a
#    backward a `dout` of ones everywhere would hide.
# 4. **The order of the calls.** `backward` uses what the latest `forward` stored: call
#    `forward` at your point, then `backward`, and keep `dx` before the numerical gradient
#    calls `forward` again. (The provided `numerical_gradient(f, x)` may do the differences
#    for you, if its step suits you.)
#
# The examples below are built with `FunctionLayer`, a layer made of two functions, so
# that a correct and a wrong backward of the same forward are one line each.

# %% nbgrader={"grade_id": "gradient_check_examples"}
class FunctionLayer:
    """A layer made of two functions: forward(x) -> out, and backward(x, dout) -> dx, called
    with the x of the latest forward (kept, as a layer keeps what its backward needs)."""

    def __init__(self, forward, backward):
        self.forward_function, self.backward_function = forward, backward
        self.x = None

    def forward(self, x):
        self.x = np.array(x, dtype=np.float64)
        return self.forward_function(self.x)

    def backward(self, dout):
        return self.backward_function(self.x, dout)


doubler = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.0 * dout)        # correct
off_by_one_percent = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.02 * dout)
relu_like = FunctionLayer(lambda x: np.maximum(x, 0.0),
                          lambda x, dout: np.where(x > 0, dout, 0.0))         # correct
no_dout = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.0 * np.ones_like(x))

x_check = np.array([[0.5, -1.0, 2.0],
                    [1.5, 0.25, -0.75]])
x_kink = np.array([[0.0, 1.5],
                   [-2.0, 0.0]])              # two inputs exactly at ReLU's kink


# %% nbgrader={"grade_id": "gradient_check", "solution": true}
def gradient_check(layer, x, dout=None):
    """Check layer.backward against the numerical gradient of L(x) = sum(dout * layer.forward(x)).

    layer: has forward(x) -> out and backward(dout) -> dx; its only kink (if any) is at 0.
    x: float64 array, where to check (the caller's array is left as it was).
    dout: array of out's shape; None: draw a random one.
    Returns (error, agrees): the course's relative error between backward's dx and the
    numerical gradient, and agrees = error < THRESHOLD.
    """
    ### BEGIN SOLUTION
    h = 1e-5                       # central differences: error ~h², rounding ~1e-16/h
    margin = 10 * h                # no input within a few steps of the kink at 0
    x = np.array(x, dtype=np.float64)            # a copy: the caller's x stays as it was
    near = np.abs(x) < margin
    x[near] = np.where(x[near] < 0, -margin, margin)
    out = layer.forward(x)
    if dout is None:
        dout = np.random.default_rng(0).standard_normal(np.shape(out))
    dx = np.array(layer.backward(dout), dtype=np.float64)   # kept before forward runs again
    numerical = np.zeros_like(x)
    flat, grad = x.reshape(-1), numerical.reshape(-1)    # views: writes reach x and numerical
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + h
        up = np.sum(dout * layer.forward(x))
        flat[i] = original - h
        down = np.sum(dout * layer.forward(x))
        flat[i] = original
        grad[i] = (up - down) / (2 * h)
    error = relative_error(dx, numerical)
    return error, bool(error < THRESHOLD)
    ### END SOLUTION


# %% nbgrader={"grade_id": "gradient_check_test", "grade": true, "points": 3}
checking("gradient_check", see="lecture 7 (ch07_two_layer_net.ipynb), section “9.3 Checking the layers one at a time”, then the book's §5.7.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch07_two_layer_net as hidden
hidden.gradient_check(gradient_check)
### END HIDDEN TESTS
x_before = x_check.copy()
error, agrees = gradient_check(doubler, x_check)
check_close("agrees, for a correct backward (out = 2x)", agrees, True,
            hint="a correct backward must pass: is your numerical gradient right (step, "
                 "central difference), and do you compare dx with it at the same point?")
check_close("its relative error", error, 0.0, atol=1e-8,
            hint="a linear layer has no truncation error: only rounding is left")
check_close("x_check after the check", x_check, x_before,
            hint="work on a copy of x: the caller's array must stay as it was")
error, agrees = gradient_check(off_by_one_percent, x_check)
check_close("relative error of a backward 1 % too large (2.02 instead of 2)", error,
            0.02 / 2.02, rtol=1e-6, atol=0,
            hint="the course's relative error, ‖a − b‖ / max(‖a‖, ‖b‖), over the whole array")
check_close("agrees, for that backward", agrees, False)
error, agrees = gradient_check(relu_like, x_kink)
check_close("agrees, for a correct ReLU with inputs exactly at 0", agrees, True,
            hint="at 0 the central difference straddles the kink; move the inputs near 0 "
                 "away first, and run backward at the same moved point")
error, agrees = gradient_check(no_dout, x_check)
check_close("agrees, for a backward that ignores dout", agrees, False,
            hint="with a dout of ones everywhere, a backward that forgets to multiply by dout "
                 "looks right: draw a random dout")
error, agrees = gradient_check(doubler, x_check, dout=np.full((2, 3), 0.5))
check_close("agrees, for the correct layer with a given dout", agrees, True)

# %% [markdown]
# ## 5 · Derive it yourself: weight decay (가중치 감소)
#
# A network with many weights can learn its training images by heart (과대적합, overfitting),
# and large weights are a sign of it. **Weight decay** (§6.4.1) discourages them: the loss
# gets a penalty that grows with the square of every weight,
#
# $$L = L_{\text{data}} + \tfrac{1}{2}\lambda\left(\lVert W_1\rVert^2 + \lVert W_2\rVert^2\right),
# \qquad \lVert W\rVert^2 = \sum_{i,j} W_{ij}^2,$$
#
# where $L_{\text{data}}$ is the loss of part 1 (what `TwoLayerNet.loss` returns) and
# $\lambda \ge 0$ (`weight_decay_lambda`) sets how strong the penalty is. The biases are not
# penalised. Here is the graph for one weight matrix $W$ (`W1` or `W2`; the penalty of the
# other one joins the same sum), with the forward values of the example below at
# $\lambda = 0.1$:
#
# ```
#                ┌──► [ Affine ] ──► … the rest of part 1's network … ──► L_data ──┐
#                │                                                      1.0242    ▼
#    W ──► [ copy ]                                                             [ + ] ──► L
#                │                                                                ▲     1.5436
#                └──► [ **2 ] ──► [ sum ] ──► [ ×½λ ] ──► penalty ────────────────┘
#                                    ▲                    0.5194
#                        the other W's squares
#
#    backward: ∂L/∂L = 1 enters at the right. What reaches W along each of its two paths?
# ```
#
# $W$ **fans out** (분기): it goes into its Affine layer *and* into the penalty. The lectures
# never derive this gradient: that is your job (the book states the result in §6.4.1; derive
# it before you look). Work it out node by node, as lecture 2 (ch02_chain_rule.ipynb),
# section “5. Fan-out: when one value is used twice” does for $f = (a + b)(b + c)$:
#
# 1. What does the `+` node send back along each of its two inputs?
# 2. Along the top path, what reaches $W$ is what part 1 already computes. Why?
# 3. Along the bottom path, multiply the local derivatives of the `×½λ`, `sum` and `**2`
#    nodes: lecture 1 (ch01_computational_graph.ipynb),
#    section “6. Local derivatives of common nodes” has the table, and the `sum` node is a
#    `+` node with many inputs. Work on one element $W_{ij}$ first.
# 4. What happens where the two paths meet again, at the copy node?
# 5. And a bias: along which paths does it reach $L$?
#
# Then write `TwoLayerNetWithDecay`, a subclass of your `TwoLayerNet` (it inherits `predict`,
# `accuracy` and `numerical_gradient`; `super().loss(x, t)` and `super().gradient(x, t)`
# call part 1's):
#
# * `TwoLayerNetWithDecay(input_size, hidden_size, output_size, weight_init_std=0.01,
#   weight_decay_lambda=0.0)` keeps $\lambda$ in `self.weight_decay_lambda` (given);
# * `loss(x, t)` returns the total loss $L$ above;
# * `gradient(x, t)` returns the dict of part 1 (`'W1'`, `'b1'`, `'W2'`, `'b2'`, each of its
#   parameter's shape), the gradients of that total loss, by backpropagation (a numerical
#   gradient earns nothing, as in part 1); it leaves `self.params` as they were.
#
# Check your result before you run the checks: `numerical_gradient(x, t)`, inherited, takes
# central differences of *your* `loss`, so it is a gradient check of the total loss.
#
# **If you type the book's code.** The book's `MultiLayerNet` (`multi_layer_net.py`) keeps
# $\lambda$ under the same name, `self.weight_decay_lambda`, but it loops over
# `self.hidden_layer_num + 2` layers and calls its loss layer `self.last_layer`. Here the
# network is your `TwoLayerNet`: two weight matrices, `W1` and `W2`, and the loss layer
# `self.lastLayer`; reuse part 1 through `super()` instead of copying it.

# %% nbgrader={"grade_id": "weight_decay", "solution": true}
class TwoLayerNetWithDecay(TwoLayerNet):
    """TwoLayerNet with weight decay: loss = data loss + ½·λ·(‖W1‖² + ‖W2‖²) (the book's §6.4.1)."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 weight_decay_lambda=0.0):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.weight_decay_lambda = weight_decay_lambda     # λ

    def loss(self, x, t):
        """The total loss: TwoLayerNet's loss of the batch plus the penalty on W1 and W2."""
        ### BEGIN SOLUTION
        penalty = 0.0
        for key in ("W1", "W2"):
            penalty += 0.5 * self.weight_decay_lambda * np.sum(self.params[key] ** 2)
        return super().loss(x, t) + penalty
        ### END SOLUTION

    def gradient(self, x, t):
        """The gradients of the total loss, by backpropagation: a dict like TwoLayerNet's."""
        ### BEGIN SOLUTION
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] + self.weight_decay_lambda * self.params[key]
        return grads
        ### END SOLUTION


# %% nbgrader={"grade_id": "weight_decay_test", "grade": true, "points": 3}
checking("TwoLayerNetWithDecay", uses=("TwoLayerNet",), see="lecture 2 (ch02_chain_rule.ipynb), section “5. Fan-out: when one value is used twice”, then the book's §6.4.1")
### BEGIN HIDDEN TESTS
from autograder.checks import ch07_two_layer_net as hidden
hidden.weight_decay(TwoLayerNetWithDecay, TwoLayerNet)
### END HIDDEN TESTS
decay_net = TwoLayerNetWithDecay(input_size=4, hidden_size=5, output_size=3,
                                 weight_decay_lambda=0.1)
for key, value in small_network().params.items():      # the example network of part 1
    decay_net.params[key][...] = value
try:
    total = decay_net.loss(x_small, t_small)
except AttributeError as error:
    if "hidden_layer_num" in str(error) or "last_layer" in str(error):    # the book's names
        fail(f"✗ This lab's TwoLayerNetWithDecay is your TwoLayerNet, not the book's "
             f"MultiLayerNet ({error}): two weight matrices, W1 and W2, and the loss layer "
             f"self.lastLayer. Reuse part 1 through super().loss(x, t) and super().gradient(x, t).")
    raise
print(f"loss with λ = 0.1: {total:.6f}")
check_close("decay_net.loss(x_small, t_small), λ = 0.1", total, 1.54361860, atol=1e-6,
            hint="the loss of part 1 plus ½·λ·(‖W1‖² + ‖W2‖²): the sum of the squares of every "
                 "element of W1 and of W2 (not the biases), times λ/2")
grads_decay = decay_net.gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    if np.shape(grads_decay[key]) != decay_net.params[key].shape:
        fail(f"✗ grads['{key}'] has shape {np.shape(grads_decay[key])}, but {key} has shape "
             f"{decay_net.params[key].shape}: a gradient has the shape of its parameter.")
grads_numerical = decay_net.numerical_gradient(x_small, t_small)    # of your total loss
for key in ("W1", "b1", "W2", "b2"):
    error = relative_error(grads_decay[key], grads_numerical[key])
    check_close(f"relative error of {key} (gradient against the numerical gradient of your "
                f"loss)", error, 0.0, atol=THRESHOLD,
                hint="your gradient is not the gradient of your loss. Follow each parameter "
                     "along every path by which it reaches L (lecture 2, section 5), and "
                     "multiply the local derivatives along each path (lecture 1, section 6)")
check_close("grads['W2'][0] (the first row)", grads_decay["W2"][0],
            [-0.06153673, 0.05988535, -0.13458566], atol=1e-6,
            hint="compare your derivation with the numerical gradient of your loss, element by "
                 "element")
check_close("grads['b1']", grads_decay["b1"],
            [0.09551468, 0.0, 0.08028925, 0.07577728, 0.01564950], atol=1e-6)

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. This is the whole of chapter 5: layers with a forward and
# a backward, a network that is an ordered list of them, a backward pass that reads that list
# in reverse, a gradient check that proves it (one you can now write yourself, for any
# layer), a loss you extended and differentiated yourself, and a loop that learns with it.
