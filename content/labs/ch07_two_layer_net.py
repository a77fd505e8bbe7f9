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
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on a small example and on MNIST; when you submit, *hidden
# checks* also try small networks of random sizes (batches of 1 and more) against numerical
# gradients, the update on random parameters, your loop on a network that records every call,
# and a short seeded training run on MNIST that must reach a stated accuracy. Every failed
# check says what is wrong, what was expected, what you returned, and the most likely cause.
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
# * `SoftmaxWithLoss`: `forward(x, t) -> loss` and `backward(dout=1) -> dx = dout·(y − t)/N`.
#   Here `t` is always one-hot, as `load_mnist(one_hot_label=True)` gives it.

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
# * `last_layer`: the `SoftmaxWithLoss` layer;
# * `predict(x)`: the scores, forward through `layers`; `loss(x, t)`: `predict`, then
#   `last_layer.forward`; `accuracy(x, t)`: the fraction of samples whose largest score is
#   the true class;
# * `numerical_gradient(x, t)`: the same dict as `gradient`, by central differences (slow:
#   two evaluations of the loss for every single parameter).
#
# Write `gradient(x, t)`. It returns a dict with the keys `W1`, `b1`, `W2`, `b2`, each the
# gradient of the loss with respect to that parameter, of the parameter's shape:
#
# 1. **Forward**: compute the loss with `self.loss(x, t)`. Each layer stores what its backward
#    needs (its input, the ReLU mask, the softmax output). Without this call, backward would
#    use whatever an earlier call left behind.
# 2. **Backward**: start at the end with `dout = 1` (∂L/∂L = 1), pass it to
#    `self.last_layer.backward`, then pass the `dout` it returns to each layer of
#    `self.layers` **in reverse order** (Affine2, Relu1, Affine1), each time keeping the
#    `dout` the layer returns.
# 3. **Collect**: every Affine layer now holds `dW` and `db`; `W1` and `b1` belong to
#    `self.layers['Affine1']`, `W2` and `b2` to `self.layers['Affine2']`.
#
# The backward pass is the forward pass read backwards: any network written as an ordered
# list of layers gets its gradient this way, whatever its layers are.

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
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        """The scores (N, C): forward through the layers, without softmax."""
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """The loss of the batch: forward through every layer, the last one included."""
        y = self.predict(x)
        return self.last_layer.forward(y, t)

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
        self.loss(x, t)

        # backward: from the loss back to the input
        dout = 1
        dout = self.last_layer.backward(dout)
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
# (§5.7.3). For each parameter we print the largest difference between the two, relative to
# the largest gradient of that parameter:
#
# $$\text{max relative error} = \frac{\max_i |g^{\text{backprop}}_i - g^{\text{numerical}}_i|}
#   {\max_i \max(|g^{\text{backprop}}_i|, |g^{\text{numerical}}_i|)}$$
#
# What the sizes mean here (float64, h = 1e-4, no input near the ReLU kink at 0):
#
# * **below 1e-6**: the two agree; what is left is rounding and the error of central
#   differences, about h² ≈ 1e-8, plus the book's 1e-7 inside the log;
# * **1e-6 to 1e-3**: suspicious. A correct network can get there when the numerical side
#   is off: a ReLU input within h of the kink at 0 (the numerical derivative straddles the
#   kink), or float32 data such as MNIST's pixels;
# * **1e-2 and more**: a wrong formula. One of the study notes this course grew from
#   printed a mean difference of 0.067 for `b2` and could not find why; its
#   accuracy then stayed near 10 % (see the debugging clinic below).
#
# The check passes below 1e-4. The example network: 4 inputs, 5 hidden units, 3 classes,
# a batch of 3.

# %% nbgrader={"grade_id": "examples"}
def max_relative_error(a, b):
    """max |a − b| over the array, relative to the largest |a| or |b| (0 when both are 0)."""
    scale = max(np.max(np.abs(a)), np.max(np.abs(b)))
    return float(np.max(np.abs(a - b)) / scale) if scale > 0 else 0.0


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
                          "shape of its parameter; W1 and b1 come from self.layers['Affine1'], "
                          "W2 and b2 from self.layers['Affine2'].")
print("✓ every gradient has the shape of its parameter")
for key in ("W1", "b1", "W2", "b2"):
    check_close(f"max relative error of {key}", max_relative_error(grad_backprop[key],
                grad_numerical[key]), 0.0, atol=1e-4,
                hint="backprop and the numerical gradient disagree. Check the order: self.loss(x, t) "
                "first; dout = 1 into self.last_layer.backward; then self.layers in reverse order; "
                "W1, b1 from Affine1 and W2, b2 from Affine2. If every parameter is off, check the "
                "layers you pasted (a softmax taken over the whole batch instead of each row)")

# %% [markdown]
# ### Debugging clinic: a study note's network
#
# One of the study notes trained this network with a softmax that took `np.max(x)` and `np.sum(exp_x)` over
# the **whole batch** instead of each row (its §3.5 code for one sample, used on a batch).
# Nothing crashed; the accuracy went to about 10 % and stayed there, the level of guessing
# one digit in ten. Its gradient check had shown the bug: a large difference for `b2`.
#
# Below, the example network gets that last layer. Its loss is still a number and `gradient`
# still returns arrays of the right shapes, but the gradient check shows that they are not
# the gradient of that loss: the backward `(y − t)/N` is only right when `y` is a row-wise
# softmax. A gradient check says *that* something is wrong; comparing parameter by parameter
# and layer by layer says *where*. (The hidden checks do the same: they test each layer you
# pasted on its own and name the one that is wrong.)

# %%
class WholeBatchSoftmaxWithLoss(SoftmaxWithLoss):
    """The study note's last layer: softmax normalised over the whole batch."""

    def forward(self, x, t):
        exp_x = np.exp(x - np.max(x))            # no axis: one max for the whole batch
        self.y = exp_x / np.sum(exp_x)           # the whole batch sums to 1, not each row
        self.t = t
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]


clinic = small_network()
clinic.last_layer = WholeBatchSoftmaxWithLoss()
grad_backprop = clinic.gradient(x_small, t_small)
grad_numerical = clinic.numerical_gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    print(f"{key}: max relative error {max_relative_error(grad_backprop[key], grad_numerical[key]):.3f}")

# %% [markdown]
# ## 2 · The update: one step of gradient descent (경사 하강법)
#
# With the gradients in hand, every parameter takes a small step **against** its gradient,
# the direction in which the loss decreases fastest (§4.4):
#
# $$W \leftarrow W - \eta \frac{\partial L}{\partial W}$$
#
# $\eta$ is the **learning rate (학습률)**, `lr` in the code. Doing this on random mini-batches
# is **stochastic gradient descent (확률적 경사 하강법, SGD)**.
#
# Write `sgd_step(params, grads, lr)`: for every key of `params`, subtract `lr` times the
# gradient of the same key. Change the arrays **in place** and return nothing.
#
# **Why in place.** The Affine layers were given the arrays of `params`, not copies:
# `self.layers['Affine1'].W` *is* `self.params['W1']`. An in-place operation (`-=`, or
# `np.subtract(..., out=...)`) changes that one array, so the layer sees the new weights.
# But `params[key] = params[key] - lr * grads[key]` computes a **new** array and puts it
# into the dict: the dict now holds the new array, the layer still holds the old one, and
# the network never changes. It computes, it runs, and it does not learn.

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
            hint="W1 − 0.1·dW1 = [[1 − 0.05, −2 + 0.1]]: a step AGAINST the gradient (minus)")
check_close("params['b1']", params["b1"], [0.3, 0.0], hint="every parameter, the biases too")
check_close("params['W2']", params["W2"], [[3.4], [-1.1]])
check_close("params['b2']", params["b2"], [0.2])
check_close("layer.W, the array the Affine layer holds", layer.W, [[0.95, -1.9]],
            hint="update the arrays in place (-=): params[key] = params[key] - ... puts a new "
            "array in the dict, which the layer never sees")

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
# seed draw the same batches.

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
# ## Learning curves
#
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
ax_loss.set(xlabel="iteration", ylabel="loss of the mini-batch", title="loss (손실 함수)")
marks = 50 * np.arange(1, len(test_acc) + 1)
ax_acc.plot(marks, train_acc, "o-", label="train")
ax_acc.plot(marks, test_acc, "s--", label="test")
ax_acc.set(xlabel="iteration", ylabel="accuracy", ylim=(0, 1), title="accuracy (정확도)")
ax_acc.legend()
plt.show()

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. This is the whole of chapter 5: layers with a forward and
# a backward, a network that is an ordered list of them, a backward pass that reads that list
# in reverse, a gradient check that proves it, and a loop that learns with it.
