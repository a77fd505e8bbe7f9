# %% [markdown]
# # Chapter 7 · A two-layer network that learns: backpropagation on MNIST
#
# *Deep Learning from Scratch* (밑바닥부터 시작하는 딥러닝), **§5.7 오차역전파법 구현하기**:
# §5.7.1 the whole picture of learning, §5.7.2 the network with backpropagation, §5.7.3
# the gradient check (기울기 확인) and §5.7.4 training with backpropagation.
#
# Chapters 1 to 6 built every piece: computational graphs, the chain rule, and the layers
# `Relu`, `Affine` and `SoftmaxWithLoss`, each with a `forward` and a `backward`. This chapter
# stacks them into a network that learns to read handwritten digits. It also tells how one of
# the study notes behind this course went wrong: its network stayed at about 10 % accuracy,
# its gradient check printed `b2: 0.0667`, and the author never found out why. We find out
# in the debugging clinic of section 9.
#
# **By the end of this lecture you can**
#
# 1. describe one step of learning (mini-batch → gradient → update → repeat), and show by
#    counting why backpropagation beats the numerical gradient (2 forward passes per
#    parameter, almost 80,000 per step for this network);
# 2. write `TwoLayerNet` with an ordered list of layers, and say what each of its methods
#    does, including why `gradient` is just a loop over the layers in reverse;
# 3. run a gradient check with a relative error and a threshold, and read its numbers
#    (what $10^{-6}$ means, and why float32 is no good for it);
# 4. train the network with the book's recipe and read its loss and accuracy curves;
# 5. find a bug with the gradient check, layer by layer, as in the clinic: why the note's
#    error was exactly $(1 - 1/N)/C = 0.0667$, and the fix `axis=1, keepdims=True`.
#
# The first two provided cells are the course's `draw_graph` (forward values **above** an
# edge, backward values **below** it in red) and `numerical_gradient`, central differences
# with $h = 10^{-4}$, one array element at a time. The MNIST loader comes in section 5.

# %%
from collections import OrderedDict

import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · The whole picture of learning (신경망 학습의 전체 그림)
#
# One of the study notes summarises §5.7.1 in four steps, after one premise:
#
# 0. **Premise.** A network has weights and biases (가중치와 편향), and *learning* (학습)
#    means adjusting them so that the network fits the training data (훈련 데이터).
# 1. **Mini-batch** (미니배치). Take a random handful of training samples, for example 100
#    of them.
# 2. **Gradient** (기울기 산출). Compute the gradient of the mini-batch's loss with respect to
#    every weight parameter: how much the loss changes when that one parameter moves.
# 3. **Update** (매개변수 갱신). Move every parameter a little **against** its gradient.
# 4. **Repeat** (반복) steps 1 to 3.
#
# Because the mini-batch is drawn at random, this is called **stochastic gradient descent**
# (확률적 경사 하강법, SGD). The update in step 3, with a learning rate (학습률) $\eta$, is
#
# $$W \leftarrow W - \eta\,\frac{\partial L}{\partial W}.$$
#
# The note writes step 3 as "move the parameters a little **in** the gradient direction"
# (기울기 방향으로). Careful: the gradient points to where the loss *grows* fastest, so we
# step the other way, hence the minus sign. A one-parameter example shows both: the loss
# $L(w) = (w - 3)^2$ at $w = 0$ has $L = 9$ and gradient $2(w - 3) = -6$. With $\eta = 0.1$ the
# update gives $w = 0.6$ and a smaller loss, $5.76$; a plus sign would give $w = -0.6$ and a
# larger loss, $12.96$.

# %%
def toy_loss(w):
    return (w - 3) ** 2

w, lr = 0.0, 0.1
grad = 2 * (w - 3)
w_minus, w_plus = w - lr * grad, w + lr * grad
print(f"L({w}) = {toy_loss(w)}, gradient {grad}")
print(f"w - lr*grad = {w_minus:.1f}  ->  L = {toy_loss(w_minus):.2f}   (down: learning)")
print(f"w + lr*grad = {w_plus:.1f}  ->  L = {toy_loss(w_plus):.2f}   (up: the wrong sign)")
assert round(w_minus, 10) == 0.6 and round(toy_loss(w_minus), 10) == 5.76
assert round(w_plus, 10) == -0.6 and round(toy_loss(w_plus), 10) == 12.96

# %% [markdown]
# ## 2 · Why backpropagation: counting forward passes
#
# Step 2 is the expensive one, and it can be done in two ways.
#
# * **The numerical gradient** (수치 미분) nudges one parameter by $\pm h$, runs the network
#   forward twice, and divides the difference of the two losses by $2h$. That is **2 forward
#   passes per parameter**, repeated for every parameter. Simple and hard to get wrong, which
#   is why it makes a good referee.
# * **Backpropagation** (오차역전파법) runs the network forward once, keeping what every
#   layer needs, then backward once. The chain rule hands each layer its upstream gradient,
#   and each layer turns it into the gradients of its own parameters. The cost is about that
#   of two or three forward passes, whatever the number of parameters. (The price, as one
#   note points out, is memory: every layer keeps its intermediate values until backward.)
#
# Our network will have 784 inputs (one per pixel), 50 hidden neurons and 10 outputs:

# %%
input_size, hidden_size, output_size = 784, 50, 10
n_params = (input_size * hidden_size + hidden_size          # W1 and b1
            + hidden_size * output_size + output_size)      # W2 and b2
passes_per_gradient = 2 * n_params
print(f"parameters: {n_params:,}")
print(f"forward passes for one numerical gradient: {passes_per_gradient:,}")
print(f"... for 10,000 training steps: {10_000 * passes_per_gradient:,}")
assert n_params == 39_760 and passes_per_gradient == 79_520

# %% [markdown]
# Almost 80,000 forward passes for a single step, and training takes 10,000 steps: close to
# 800 million passes. One study note tried the numerical gradient in its training loop and
# commented it out again with *"너무 오래 걸려...."* (it takes far too long). Backpropagation
# needs one forward and one backward pass per step. Section 6 counts the passes for real.
#
# ## 3 · The layers, from chapters 4 to 6
#
# The network is built from the layers of the previous chapters. Here they are again, without
# the commentary (each chapter derives its layer in detail):
#
# * `Relu` (chapter 4) keeps a mask of the inputs $\le 0$ and sends `dout` back only where the
#   input was positive. Both methods return new arrays and never write into their argument.
# * `Affine` (chapter 5) computes $x \cdot W + b$ (flattening inputs with more than two axes);
#   backward returns $\partial L/\partial x = \text{dout}\cdot W^{\mathsf T}$ and stores
#   `dW` $= x^{\mathsf T}\cdot\text{dout}$ and `db` $=$ the sum of `dout` over the batch. It keeps
#   **references** to `W` and `b`, not copies, which matters in sections 4 and 6.
# * `softmax` and `cross_entropy_error` (chapter 6) work row by row, for one-hot or integer
#   labels; `SoftmaxWithLoss` combines them, and its backward is $(y - t)/N$, times `dout`.
#
# The cell ends with one worked number from each chapter, so we know these are the layers we
# built.

# %%
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b                       # references, not copies
        self.x = self.original_x_shape = None
        self.dW = self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)          # (N, ...) -> (N, D)
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.original_x_shape)


def softmax(x):
    """Row-wise softmax: one (C,) score vector or a batch of rows (N, C)."""
    exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """Mean cross-entropy of probabilities y for one-hot or integer labels t."""
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = np.reshape(t, (1, -1)) if np.size(t) == y.size else np.reshape(t, 1)
    if np.size(t) == y.size:
        t = np.argmax(t, axis=1)
    N = y.shape[0]
    return -np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        N = self.y.shape[0] if self.y.ndim == 2 else 1
        t = self.t if np.shape(self.t) == self.y.shape else np.eye(self.y.shape[-1])[self.t]
        return dout * (self.y - t) / N


# one number from each chapter: the mask example (ch. 4), the batch example with
# dL/dB = (5, 7, 9) (ch. 5), the loss of the scores (0.3, 2.9, 4.0) with label 2 (ch. 6)
relu = Relu()
print("Relu:", relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])).tolist())
affine = Affine(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([1.0, 2.0, 3.0]))
out = affine.forward(np.array([[1.0, 2.0], [3.0, 4.0]]))
affine.backward(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
print("Affine:", out.tolist(), " db =", affine.db.tolist())
swl_loss = SoftmaxWithLoss().forward(np.array([0.3, 2.9, 4.0]), 2)
print("SoftmaxWithLoss:", round(swl_loss, 4))
assert relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])).tolist() == [[1, 0], [0, 3]]
assert out.tolist() == [[10, 14, 18], [20, 28, 36]] and affine.db.tolist() == [5, 7, 9]
assert round(swl_loss, 4) == 0.3057

# %% [markdown]
# ## 4 · `TwoLayerNet`: the layers in order (오차역전파법을 적용한 신경망 구현하기)
#
# The network of §5.7.2 is **Affine → ReLU → Affine**, followed by **Softmax-with-Loss**. The
# book keeps the three inner layers in an **ordered dictionary** (`OrderedDict`, 순서가 있는
# 딕셔너리) and the loss layer apart, in `lastLayer` (the book's name, which lab 7 uses too).
# The order is the point: `predict` walks
# the layers front to back, and `gradient` walks them back to front.
#
# Two small additions to the book's constructor: a `seed`, so the random initial weights are
# the same on every run, and a `dtype`, used once in section 6 to show what float32 does to a
# gradient check.

# %%
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": (weight_init_std * rng.standard_normal((input_size, hidden_size))).astype(dtype),
            "b1": np.zeros(hidden_size, dtype=dtype),
            "W2": (weight_init_std * rng.standard_normal((hidden_size, output_size))).astype(dtype),
            "b2": np.zeros(output_size, dtype=dtype),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():          # front to back
            x = layer.forward(x)
        return x                                    # scores, (N, output_size)

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:                             # one-hot labels -> class numbers
            t = np.argmax(t, axis=1)
        return float(np.sum(y == t) / x.shape[0])

    def numerical_gradient(self, x, t):
        loss_of_params = lambda _: self.loss(x, t)  # reads the params through the layers
        return {key: numerical_gradient(loss_of_params, self.params[key])
                for key in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        self.loss(x, t)                             # forward: every layer keeps its state
        dout = self.lastLayer.backward(1)          # (y - t) / N
        for layer in reversed(self.layers.values()):  # back to front
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}

# %% [markdown]
# Method by method:
#
# * **`__init__`** creates the **parameters** (매개변수) in the dictionary `params`: the weights
#   `W1` (784, 50) and `W2` (50, 10) are small random numbers (normal, standard deviation
#   `weight_init_std` $= 0.01$), the biases `b1` (50,) and `b2` (10,) start at 0. Then it builds
#   the layers and hands each `Affine` **the same arrays** that sit in `params`. Layers and
#   `params` share the memory: a change to `params["W1"]` made in place is seen by
#   `Affine1`, and the other way round. Two things rely on this: `numerical_gradient` below,
#   and the in-place update of the training loop (see the slip after the figure).
# * **`predict(x)`** sends the input through the layers in order and returns the **scores**
#   (점수) of the last Affine layer. No softmax: the largest score is also the largest
#   probability (chapter 6, section 8), and inference needs nothing more.
# * **`loss(x, t)`** is `predict` followed by the Softmax-with-Loss layer: one number, the mean
#   cross-entropy error of the batch. Calling it runs a complete **forward pass** (순전파),
#   and every layer stores what its backward will need.
# * **`accuracy(x, t)`** (정확도) is the fraction of samples whose largest score is at the true
#   class; one-hot labels are turned into class numbers with `argmax` first.
# * **`numerical_gradient(x, t)`** asks the provided `numerical_gradient` for the gradient of
#   each parameter array. The function it passes ignores its argument and simply calls
#   `self.loss(x, t)`: this works because `numerical_gradient` nudges the array **in place**,
#   and the `Affine` layers see every nudge through the shared memory. (Inside the method,
#   the name `numerical_gradient` means the provided module-level function, not the method.)
# * **`gradient(x, t)`** is backpropagation: one forward pass through `loss`, then the
#   **backward pass** (역전파). It starts at the end, where $\partial L/\partial L = 1$ enters
#   the loss layer, and hands each layer's result, `dout`, to the layer before it. Finally the
#   parameter gradients are collected from the two Affine layers, with the same keys as
#   `params`.
#
# **The layer list makes backward a loop.** Without it, `gradient` would spell out
# `dout = self.layers["Affine2"].backward(dout)`, then `Relu1`, then `Affine1`, and a deeper
# network would need more lines and more chances to skip one or get the order wrong. With
# it, adding a layer in `__init__` is the only change: `predict` and `gradient` loop over
# whatever is there. (The book writes `layers = list(self.layers.values())` and
# `layers.reverse()`; `reversed(...)` (Python 3.8 and later) does the same without the copy.
# Since Python 3.7 a plain
# `dict` also keeps insertion order; `OrderedDict` says out loud that the order matters.)
#
# The figure is this network as a computational graph with the layers as boxes. Forward
# (black, above the edges) the arrays grow from the input batch to one number $L$; backward
# (red, below) the gradients travel the same edges from right to left, each with the shape
# of the array it belongs to. The parameters enter from below and receive their gradients
# there.

# %%
def draw_network(ax):
    """TwoLayerNet as a graph of layer boxes: shapes forward, gradients backward."""
    boxes = {"Affine1": (0.8, 2.4, "Affine1"), "Relu1": (3.8, 4.8, "Relu1"),
             "Affine2": (6.2, 7.8, "Affine2"), "SWL": (9.2, 10.6, "Softmax-\nwith-Loss")}
    nodes = {"x": (-0.4, 0, "x"), "L": (11.6, 0, "L")}
    for name, (left, right, _) in boxes.items():
        nodes[name + "_in"], nodes[name + "_out"] = (left, 0, ""), (right, 0, "")
    edges = [("x", "Affine1_in", "(N,784)", "dx"),
             ("Affine1_out", "Relu1_in", "(N,50)", "(N,50)"),
             ("Relu1_out", "Affine2_in", "(N,50)", "(N,50)"),
             ("Affine2_out", "SWL_in", "(N,10)", "(y−t)/N"),
             ("SWL_out", "L", "L", "1")]
    for name, x_pos, backward in [("W1", 1.2, "dW1"), ("b1", 2.0, "db1"), ("W2", 6.6, "dW2"),
                                  ("b2", 7.4, "db2"), ("t", 9.9, None)]:
        nodes[name], nodes[name + "_to"] = (x_pos, -1.8, name), (x_pos, -0.5, "")
        edges.append((name, name + "_to", None, "" if backward else None))
        if backward:                               # the gradient, clear of the red arrow
            ax.text(x_pos + 0.2, -1.15, backward, color="red", fontsize=12, va="center")
    draw_graph(nodes, edges, plain=list(nodes), ax=ax,
               title="TwoLayerNet: forward left to right (black), backward right to left (red)")
    for left, right, text in boxes.values():
        ax.add_patch(plt.Rectangle((left, -0.5), right - left, 1.0, facecolor="#eef3fb",
                                   edgecolor="black", lw=1.5))
        ax.text((left + right) / 2, 0, text, ha="center", va="center", fontsize=12)
    ax.set_xlim(-0.7, 11.9)
    ax.set_ylim(-2.1, 0.9)

fig, ax = plt.subplots(figsize=(12.6, 3.4))
draw_network(ax)
plt.show()

# %% [markdown]
# > **Common slip: an update that breaks the sharing.** The training loop must change the
# > parameters **in place**:
# >
# > ```python
# > network.params[key] -= learning_rate * grad[key]             # in place: the layers see it
# > network.params[key] = network.params[key] - learning_rate * grad[key]   # a NEW array
# > ```
# >
# > The second line looks equivalent, but it creates a new array and puts it in the dictionary,
# > while `Affine1` keeps computing with the old one. The loss never changes, nothing crashes,
# > and the network learns nothing. (Naming matters in the same way: one note called the
# > keys `w1` and the layer attribute `dw`; code or graders that look for `W1` and `dW`, the
# > names of the book and this course, find nothing. Python names are case-sensitive: the
# > book's loss layer is `lastLayer`, and `last_layer` would be another name.)

# %%
probe = TwoLayerNet(4, 3, 2, weight_init_std=1.0)
x_probe, t_probe = np.ones((1, 4)), np.array([1])
before = probe.loss(x_probe, t_probe)
for step in range(5):
    grad = probe.gradient(x_probe, t_probe)
    for key in ("W1", "b1", "W2", "b2"):
        probe.params[key] = probe.params[key] - 0.1 * grad[key]   # the slip
after_slip = probe.loss(x_probe, t_probe)
print("rebinding:  loss", round(before, 4), "->", round(after_slip, 4),
      "   Affine1.W is params['W1']:", probe.layers["Affine1"].W is probe.params["W1"])

probe = TwoLayerNet(4, 3, 2, weight_init_std=1.0)
for step in range(5):
    grad = probe.gradient(x_probe, t_probe)
    for key in ("W1", "b1", "W2", "b2"):
        probe.params[key] -= 0.1 * grad[key]                      # in place
after_inplace = probe.loss(x_probe, t_probe)
print("in place:   loss", round(before, 4), "->", round(after_inplace, 4))
assert after_slip == before and after_inplace < before

# %% [markdown]
# ## 5 · The data: MNIST (MNIST 데이터셋)
#
# **MNIST** is the book's dataset: 28 × 28 grey images of handwritten digits 0 to 9, with
# 60,000 training images and 10,000 test images (시험 데이터). The provided `load_mnist` below
# is the course's loader, with the book's options: `normalize=True` scales the pixels from
# 0..255 to 0..1, `flatten=True` (the default) gives each image as a row of 784 numbers, and
# `one_hot_label=True` gives the labels as one-hot rows.
#
# Where the images come from depends on where you run this notebook, and the loader **prints
# which source it used**:
#
# * **On Colab or any machine with internet**, the first call downloads the full set (about
#   11 MB, checked by SHA-256) into a cache folder; later calls read the cache. You then
#   train on all 60,000 images and test on 10,000.
# * **Offline**, it falls back to the subset that ships with the course: the first 10,000
#   training and 2,000 test images. The outputs stored in this notebook were made that way
#   (the course builds its notebooks offline, so everyone sees the same numbers), and the
#   numbers quoted in the text are the subset's.

# %%
# provided: mnist

# %%
(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
print("x_train", x_train.shape, x_train.dtype, "  t_train", t_train.shape)
print("x_test ", x_test.shape, x_test.dtype, "  t_test ", t_test.shape)
print("first training labels:", np.argmax(t_train[:10], axis=1))
x_train, x_test = x_train.astype(np.float64), x_test.astype(np.float64)
assert x_train.shape[1] == 784 and t_train.shape[1] == 10
assert len(x_train) in (60_000, 10_000) and len(x_test) in (10_000, 2_000)
assert 0.0 <= x_train.min() and x_train.max() <= 1.0

# %% [markdown]
# The loader returns the pixels as float32, which halves the memory. The last line converts
# them to float64 (배정밀도), the type of our weights: numpy would otherwise convert the float32
# images in every product with a float64 weight matrix, and section 6 shows why a gradient
# check wants float64 all the way through.
#
# **A first look.** A fresh network, with weights of size about 0.01, produces scores close
# to 0 for every class, so the softmax is close to uniform: $y_k \approx 1/10$ for each of the
# 10 classes. The loss of any batch should therefore be close to $-\log(1/10) = \ln 10 = 2.3026$,
# and the accuracy close to 10 %, a guess. Checking the first loss against $\ln C$ costs
# nothing and catches many bugs before any training (section 9 shows one).

# %%
network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
first_loss = network.loss(x_train[:100], t_train[:100])
print("params:", {key: value.shape for key, value in network.params.items()})
print(f"first loss: {first_loss:.2f}   ln 10 = {np.log(10):.4f}")
print("accuracy before training:", round(network.accuracy(x_test, t_test), 2))
assert abs(first_loss - np.log(10)) < 0.01 and round(np.log(10), 4) == 2.3026

# %% [markdown]
# ## 6 · The gradient check (기울기 확인)
#
# Backpropagation is fast, but a slip in one backward method gives wrong gradients *without
# any error message*. The numerical gradient is slow, but its only ingredient is the forward
# pass, which is hard to get wrong. So we compute both, on a small batch, and compare them
# parameter by parameter: the **gradient check** of §5.7.3. Like the book and the study note,
# we use a batch of 3 training images. The network counts its forward passes on the way.

# %%
class CountingNet(TwoLayerNet):
    """TwoLayerNet that counts its forward passes."""
    passes = 0

    def predict(self, x):
        self.passes += 1
        return super().predict(x)

x_batch, t_batch = x_train[:3], t_train[:3]
check_net = CountingNet(784, 50, 10)
grad_numerical = check_net.numerical_gradient(x_batch, t_batch)
numerical_passes, check_net.passes = check_net.passes, 0
grad_backprop = check_net.gradient(x_batch, t_batch)
print(f"forward passes: numerical {numerical_passes:,}, backpropagation {check_net.passes}")
assert numerical_passes == 2 * n_params == 79_520 and check_net.passes == 1

# %% [markdown]
# **How to compare two gradients.** The book prints, for each parameter, the mean absolute
# difference $\text{mean}\,|g_{\text{backprop}} - g_{\text{numerical}}|$, with no verdict. A
# number like $10^{-4}$ then says little: it is tiny for a gradient whose entries are about 1
# and as large as the gradient itself when the entries are about $10^{-4}$. The
# **relative error** (상대 오차) divides by the size of the gradient:
#
# $$\text{relative error} = \frac{\lVert g_{\text{backprop}} - g_{\text{numerical}}\rVert}
#   {\max(\lVert g_{\text{backprop}}\rVert,\ \lVert g_{\text{numerical}}\rVert)} ,$$
#
# with $\lVert\cdot\rVert$ the square root of the sum of squares over the whole array. A wrong
# backward scores about 0.1 to 1 or more, whatever the scale. We print both numbers and accept
# a relative error below $10^{-4}$.

# %%
THRESHOLD = 1e-4

def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b))

def gradient_check(grad_backprop, grad_numerical):
    """Print and return, per parameter, the book's mean |difference| and the relative error."""
    result = {}
    for key in ("W1", "b1", "W2", "b2"):
        mean_diff = np.mean(np.abs(grad_backprop[key] - grad_numerical[key]))
        error = relative_error(grad_backprop[key], grad_numerical[key])
        print(f"{key}: mean |diff| {mean_diff:.1e}   relative error {error:.1e}   "
              f"{'ok' if error < THRESHOLD else 'WRONG'}")
        result[key] = (mean_diff, error)
    return result

check = gradient_check(grad_backprop, grad_numerical)
assert all(error < THRESHOLD for _, error in check.values())

# %% [markdown]
# **Reading the magnitudes.** The mean differences run from about $10^{-10}$ (`W1`) to
# $10^{-7}$ (`b2`), and every relative error is about $10^{-6}$: backpropagation and the
# numerical gradient agree to six digits. Why six, and not the sixteen digits of float64?
#
# * **Not the rounding of float64.** A loss of about 2.3 carries a rounding error of order
#   $10^{-16}$; dividing by $2h = 2\times10^{-4}$ turns it into about $10^{-12}$,
#   far below what we see. The truncation error of the central difference, of order $h^2$, is
#   also far smaller here.
# * **The `delta` of the loss.** `cross_entropy_error` computes $-\log(y + 10^{-7})$, while
#   backward returns $(y - t)/N$, the exact gradient of $-\log y$. The two differ by the factor
#   $y/(y + \delta)$, that is by $\delta / y_{\text{true}} \approx 10^{-7} / 0.1 = 10^{-6}$
#   relative, because an untrained network gives the true class about 0.1. That is exactly
#   the $10^{-6}$ we see. (A trained network gives the true class a probability near 1, and
#   the same check then shows about $10^{-7}$.) Both are far below the threshold $10^{-4}$:
#   it is the loss that is slightly off, not the backward pass.
#
# Remove the `delta` and the check gets down to the rounding noise. The cell repeats it on `W2`
# and `b2` (510 parameters, so it is quick) with a loss layer that computes $-\log y$ exactly:
# the relative errors fall to about $10^{-10}$, and the mean differences to
# $10^{-13}$–$10^{-10}$ (printed for all four parameters, `W1` would show about $10^{-13}$).
# That is about the size of the differences printed in the book, which the study note
# admired: *"책에서는 소수점 이하 13번째까지도 가는데"* (in the book it goes down to the 13th
# decimal place).

# %%
class ExactLogLoss(SoftmaxWithLoss):
    """Softmax-with-Loss without the delta: -log(y) exactly (fine for this check only)."""
    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        self.loss = -np.sum(t * np.log(self.y)) / x.shape[0]
        return self.loss

exact_net = TwoLayerNet(784, 50, 10)
exact_net.lastLayer = ExactLogLoss()
exact_backprop = exact_net.gradient(x_batch, t_batch)
for key in ("W2", "b2"):
    exact_numerical = numerical_gradient(lambda _: exact_net.loss(x_batch, t_batch),
                                         exact_net.params[key])
    exact_error = relative_error(exact_backprop[key], exact_numerical)
    print(f"{key} without delta: relative error below 1e-8: {exact_error < 1e-8}"
          f"   (with delta: {check[key][1]:.1e})")
    assert exact_error < 1e-8 < 1e-7 < check[key][1]

# %% [markdown]
# **Optional: and float32?** (an aside; the core path continues with section 7.)
# Deep-learning code often computes in float32 (단정밀도), with only about 7
# significant digits. For training that is fine; for a numerical gradient it is not. The loss
# now carries a rounding error of order $10^{-7}$, and dividing by $2h$ makes that about
# $10^{-3}$ in *every* numerical derivative: as large as many of the gradient entries
# themselves. The provided `numerical_gradient` refuses float32 arrays for this reason, so the
# cell runs the same loop itself, on a float32 copy of the network and float32 images.
# The relative errors come out between a few thousandths and a few tenths (their exact values
# depend on the machine, so the cell only prints how they compare with the threshold): a
# correct network in float32 can look as wrong as a real bug. **Check gradients in float64.**

# %%
net32 = TwoLayerNet(784, 50, 10, dtype=np.float32)
x32, t32 = x_batch.astype(np.float32), t_batch.astype(np.float32)
backprop32 = net32.gradient(x32, t32)
for key in ("b1", "W2", "b2"):
    param, numerical32 = net32.params[key], np.zeros_like(net32.params[key])
    for index in np.ndindex(param.shape):      # numerical_gradient's loop, in float32
        original = param[index]
        param[index] = original + 1e-4
        f_plus = net32.loss(x32, t32)
        param[index] = original - 1e-4
        f_minus = net32.loss(x32, t32)
        param[index] = original
        numerical32[index] = (f_plus - f_minus) / (2 * 1e-4)
    error32 = relative_error(backprop32[key].astype(np.float64), numerical32.astype(np.float64))
    print(f"{key} in float32: relative error above the threshold 1e-4: {error32 > THRESHOLD}"
          f"   (float64: {check[key][1]:.1e})")
    assert error32 > THRESHOLD

# %% [markdown]
# ## 7 · Training with backpropagation (오차역전파법을 사용한 학습 구현하기)
#
# Now the whole picture of section 1 in code, with the book's recipe: 50 hidden neurons, a
# mini-batch of 100, learning rate 0.1, 10,000 iterations (반복 횟수). `train` is the loop
# itself, with the signature of lab 7: each of its `iters` iterations draws a random
# mini-batch (with the generator `rng`, as the book does with `np.random.choice`), computes
# the gradient by backpropagation, updates every parameter in place, and records the
# mini-batch loss; it returns the list of those losses.
#
# An **epoch** (에폭) is the number of iterations that together see as many samples as the
# training set holds: $10{,}000 / 100 = 100$ iterations on the bundled subset, $60{,}000 / 100
# = 600$ on the full set. `fit` runs `train` one iteration at a time with one generator (so
# the batches are the same as in one long call) and measures as it goes: the largest weight
# after every iteration, and the accuracy on the whole training set and the whole test set
# after every epoch. (The book measures at the *start* of each epoch; we measure once before
# training and then at the end of each epoch, so the last point is the trained network.) It
# also stops early if the weights ever become `nan` (not a number): every later update would
# be `nan` too. A correct network never gets there; section 9 needs it.

# %%
def train(network, x_train, t_train, iters, batch_size, lr, rng):
    """Mini-batch SGD, as in lab 7: iters updates; returns the loss of each mini-batch."""
    train_size = x_train.shape[0]
    loss_history = []
    for i in range(iters):
        batch_mask = rng.choice(train_size, batch_size)            # 1. mini-batch
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)                  # 2. gradient
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= lr * grad[key]                  # 3. update, in place
        loss_history.append(network.loss(x_batch, t_batch))       # 4. repeat
    return loss_history


def fit(network, iters_num=10_000, batch_size=100, learning_rate=0.1, seed=0):
    """train, one iteration at a time, with what the plots need: the loss and the largest
    |W1| entry of every iteration, the accuracies before training and after every epoch."""
    rng = np.random.default_rng(seed)
    iter_per_epoch = max(x_train.shape[0] // batch_size, 1)
    history = {"loss": [], "train_acc": [network.accuracy(x_train, t_train)],
               "test_acc": [network.accuracy(x_test, t_test)], "W1_size": []}
    for i in range(iters_num):
        history["loss"] += train(network, x_train, t_train, 1, batch_size, learning_rate, rng)
        history["W1_size"].append(np.max(np.abs(network.params["W1"])))
        dead = np.isnan(network.params["W1"]).any()               # nan weights stay nan
        if (i + 1) % iter_per_epoch == 0 or dead:                  # end of an epoch
            history["train_acc"].append(network.accuracy(x_train, t_train))
            history["test_acc"].append(network.accuracy(x_test, t_test))
        if dead:
            break
    return history

network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
history = fit(network)
epochs = len(history["test_acc"]) - 1
print(f"{len(history['loss']):,} iterations, {epochs} epochs")
for epoch in [e for e in (0, 1, 2, 5, 10, 20, 50) if e < epochs] + [epochs]:
    print(f"epoch {epoch:3d}: train accuracy {history['train_acc'][epoch]:.3f}, "
          f"test accuracy {history['test_acc'][epoch]:.3f}")
final_test_accuracy = history["test_acc"][-1]
assert len(history["loss"]) == 10_000
assert final_test_accuracy >= 0.90

# %% [markdown]
# On the bundled subset the final test accuracy is about 0.93. The cell asserts **0.90**, which
# leaves a margin, so the check does not depend on the last digit. On the full set (on Colab,
# or anywhere online) the same recipe reaches about 97 %.
#
# The two figures show how it got there. **Left**, the loss of every mini-batch: it falls
# steeply in the first few hundred iterations, then slowly; it is noisy because each point is
# a different random batch of 100. **Right**, the accuracy after every epoch on the training
# set (blue) and the test set (orange). Both rise fast in the first epochs. Later the
# training accuracy keeps climbing toward 100 % while the test accuracy levels off: the
# network starts to memorise its 10,000 training images. That growing gap is **overfitting**
# (오버피팅): on the subset, 10,000 iterations are 100 passes over the same images. With the
# full set the 10,000 iterations are only about 17 epochs and the two curves stay close
# together, as in the book.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
axes[0].plot(history["loss"], lw=0.5, color="tab:blue")
axes[0].set(title="Training loss of each mini-batch", xlabel="iteration",
            ylabel="loss (cross-entropy)", ylim=(0, 2.5))
axes[0].grid(alpha=0.3)
axes[1].plot(history["train_acc"], label="train", color="tab:blue")
axes[1].plot(history["test_acc"], label="test", color="tab:orange", ls="--")
axes[1].set(title="Accuracy after each epoch", xlabel="epoch", ylabel="accuracy",
            ylim=(0, 1.02))
axes[1].legend(loc="lower right")
axes[1].grid(alpha=0.3)
fig.suptitle("Training TwoLayerNet with backpropagation: hidden 50, batch 100, lr 0.1")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 8 · What the network sees
#
# *Optional:* a look at the digits; nothing later depends on it. Numbers are one thing; here are digits. The figure shows 15 test images with the network's
# prediction and, in brackets, the true label. The first two rows are simply the first ten
# test images; the last row shows the first five test images the network gets **wrong**, in
# red. Most mistakes are digits that a person might hesitate over too; in the stored output,
# for example, a 5 whose top stroke floats away from the rest, and a 9 that looks like a 4.

# %%
test_labels = np.argmax(t_test, axis=1)
predictions = np.argmax(network.predict(x_test), axis=1)
wrong = np.flatnonzero(predictions != test_labels)
shown = list(range(10)) + list(wrong[:5])

fig, axes = plt.subplots(3, 5, figsize=(8, 5.6))
for ax, index in zip(axes.flat, shown):
    ax.imshow(x_test[index].reshape(28, 28), cmap="gray_r")
    ok = predictions[index] == test_labels[index]
    ax.set_title(f"{predictions[index]} (true {test_labels[index]})",
                 color="black" if ok else "red", fontsize=11)
    ax.axis("off")
fig.suptitle("Test digits: prediction (true label); the last row: the first five mistakes")
fig.tight_layout()
plt.show()
print("first ten test labels:", test_labels[:10], "  wrong among them:",
      int(np.sum(predictions[:10] != test_labels[:10])))
assert len(wrong) == round((1 - final_test_accuracy) * len(x_test))

# %% [markdown]
# ## 9 · Debugging clinic (디버깅 클리닉): stuck at 10 %
#
# One study note built exactly this network, ran exactly this recipe on the full MNIST set,
# and got
#
# ```
# train_acc, test_acc | 0.1118, 0.1144
# train_acc, test_acc | 0.0993, 0.1032
# ...
# train_acc, test_acc | 0.09871666666666666, 0.098      (the same to the end)
# ```
#
# with the comment *"왜 정확도 개선이 안 되지?"* (why doesn't the accuracy improve?). Its
# gradient check had printed
#
# ```
# w1:0.00012851625382384843  b1:0.0009881256155063179  w2:0.0028280701437851477
# b2:0.06666666678657075
# ```
#
# and the author wrote that the error looked large and the cause was unclear. The cause is
# one function, the note's `softmax`, which takes the maximum and the sum over the **whole
# batch** instead of over each row:
#
# ```python
# def softmax(x):
#   c = np.max(x)
#   exp_x = np.exp(x-c)
#   sum_exp_x = np.sum(exp_x)
#   y = exp_x / sum_exp_x
# ```
#
# Chapter 6 showed what this function does to a batch. Here we play detective as if we did not
# know: rebuild the note's network, reproduce the symptom, and let the gradient check lead us
# to the bug.
#
# ### 9.1 The symptom
#
# The note's loss layer is our `SoftmaxWithLoss` with that softmax; nothing else differs. We
# put it into a fresh network as its `lastLayer` and train with the same recipe and the same
# seeds. The training produces overflow warnings along the way; the `np.errstate` block
# silences them to keep the notebook tidy. (In the note, one such warning slipped through,
# garbled, in the middle of the accuracy printout: it was a clue.)

# %%
def softmax_whole_batch(x):
    """The study note's softmax: ONE max and ONE sum over the whole batch."""
    c = np.max(x)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x)


class NoteSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.t, self.y = t, softmax_whole_batch(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


note_net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
note_net.lastLayer = NoteSoftmaxWithLoss()
note_first_loss = note_net.loss(x_train[:100], t_train[:100])
print(f"first loss: {note_first_loss:.2f}   expected ln 10 = {np.log(10):.4f}, "
      f"but ln 1000 = {np.log(1000):.4f}")
with np.errstate(over="ignore", invalid="ignore"):
    note_history = fit(note_net)
    note_predictions = np.argmax(note_net.predict(x_test), axis=1)
for epoch in range(0, len(note_history["test_acc"]), 5):
    print(f"epoch {epoch:3d}: train accuracy {note_history['train_acc'][epoch]:.4f}, "
          f"test accuracy {note_history['test_acc'][epoch]:.4f}")
first_nan = int(np.argmax(np.isnan(note_history["loss"]))) + 1
print(f"the loss became nan at iteration {first_nan:,}, the weights at iteration "
      f"{len(note_history['loss']):,}; final test accuracy {note_history['test_acc'][-1]:.4f}")
print("predicted digits on the test set (counts of 0..9):", np.bincount(note_predictions,
                                                                        minlength=10))
assert abs(note_first_loss - np.log(1000)) < 0.01 and round(np.log(1000), 4) == 6.9078
assert note_history["test_acc"][-1] < 0.2 and np.all(note_predictions == 0)

# %% [markdown]
# The symptom is reproduced, and it is stranger than "does not learn":
#
# * **The first loss is already wrong.** It is $\ln 1000 = 6.9078$, not $\ln 10 = 2.3026$. The
#   whole-batch softmax spreads one unit of probability over all $100 \times 10 = 1000$
#   entries of the batch, so each true class gets about $1/1000$. A one-line check of the
#   first loss (section 5) would have raised the alarm before any training.
# * **The weights explode.** The middle panel below plots the largest $|W_1|$ entry on a log
#   scale: a straight line, so the growth is exponential, roughly tenfold every 15 iterations.
#   It passes $10^{100}$, and after about 2,000 iterations the scores overflow to `inf`;
#   `inf - inf` is `nan`, one iteration later every weight is `nan`, and `fit` stops.
# * **Then "accuracy" is the share of zeros.** `np.argmax` of a row of `nan`s returns 0, so
#   the dead network answers 0 for every image. Its accuracy is then the fraction of zeros in
#   the data: on the bundled subset 175 of the 2,000 test images, 0.0875. The note's stuck
#   numbers are the same thing on the full set: $5{,}923 / 60{,}000 = 0.0987166\ldots$ and
#   $980 / 10{,}000 = 0.098$ are exactly the shares of the digit 0 in MNIST's training and
#   test sets.

# %%
share_of_zeros = float(np.mean(np.argmax(t_test, axis=1) == 0))
print("share of zeros in the test set:", share_of_zeros, "  note_net's accuracy:",
      note_history["test_acc"][-1])
print("the note's numbers:", round(5923 / 60000, 10), 980 / 10000)
assert note_history["test_acc"][-1] == share_of_zeros
assert round(5923 / 60000, 10) == 0.0987166667 and 980 / 10000 == 0.098

fig, axes = plt.subplots(1, 3, figsize=(14, 3.8))
for h, name, style in [(history, "correct softmax", "-"),
                       (note_history, "note's softmax", "--")]:
    axes[0].plot(h["loss"], ls=style, lw=0.8, label=name)
    axes[1].plot(h["W1_size"], ls=style, label=name)
    axes[2].plot(h["test_acc"], ls=style, label=name)
axes[0].set(title="Mini-batch loss", xlabel="iteration", ylabel="loss", ylim=(0, 18))
axes[1].set(title="Largest |W1| entry (log scale)", xlabel="iteration", yscale="log",
            yticks=[1e0, 1e50, 1e100, 1e150])
axes[2].set(title="Test accuracy after each epoch", xlabel="epoch", ylim=(0, 1.02))
for ax in axes:
    ax.grid(alpha=0.3)
    ax.legend(loc="center right")
fig.suptitle("The note's network next to the correct one: same data, same seeds, one function changed")
fig.tight_layout()
plt.show()

# %% [markdown]
# In the left panel the note's loss climbs from 6.9 to a flat line at 16.12, which is
# $-\log(10^{-7})$ (chapter 6): the true classes get probability 0 and only the `delta`
# keeps the loss finite. The line ends where the loss becomes `nan`. The right panel is the
# accuracy: the correct network's curve from section 7, and the note's flat line near 0.1.
#
# ### 9.2 The gradient check points at the last layer
#
# Accuracy and loss tell us *that* something is wrong. The gradient check tells us *where*:
# it compares backpropagation with the numerical gradient of the network's own forward pass,
# so a backward pass that does not match its forward pass shows up at once. Same batch of 3
# as in section 6:

# %%
note_check = TwoLayerNet(784, 50, 10)
note_check.lastLayer = NoteSoftmaxWithLoss()
note_result = gradient_check(note_check.gradient(x_batch, t_batch),
                             note_check.numerical_gradient(x_batch, t_batch))
b2_diff = note_result["b2"][0]
print("b2 mean |diff| =", round(b2_diff, 4), "   (1 - 1/N)/C =", round((1 - 1 / 3) / 10, 4))
assert all(error > 0.1 for _, error in note_result.values())
assert round(b2_diff, 4) == 0.0667 and abs(b2_diff - (1 - 1 / 3) / 10) < 1e-6

# %% [markdown]
# These are the note's numbers again, `b2: 0.0667` included. And now the relative error
# speaks clearly: **every** parameter is wrong by 30 to 40 %, not only `b2`. The note's
# `w1: 0.000128` looked harmless only because the `W1` gradient is itself that small; the
# mean difference has no scale (section 6).
#
# **Optional: why exactly $0.0667$?** (a derivation you may skip; the clinic goes on with
# 9.3.) Write the forward pass that the note's layer really computes. With
# scores $a_{nj}$ for $N$ samples and $C$ classes, one denominator $S = \sum_{m,k} e^{a_{mk}}$
# for the whole batch, and $y_{nj} = e^{a_{nj}}/S$, the loss (ignoring the tiny `delta`) is
#
# $$L = -\frac{1}{N}\sum_n \log y_{n,t_n} = -\frac{1}{N}\sum_n a_{n,t_n} + \log S ,
# \qquad\text{so}\qquad \frac{\partial L}{\partial a_{nj}} = y_{nj} - \frac{t_{nj}}{N} .$$
#
# The layer's backward still returns $(y_{nj} - t_{nj})/N$, the formula for a row-wise softmax.
# The difference is
#
# $$\frac{y_{nj} - t_{nj}}{N} - \Bigl(y_{nj} - \frac{t_{nj}}{N}\Bigr)
#   = -\Bigl(1 - \frac{1}{N}\Bigr)\,y_{nj} .$$
#
# The bias gradient is the sum of the score gradients over the batch (chapter 5), so the error
# in $\partial L/\partial b_j$ is $-(1 - 1/N)\sum_n y_{nj}$. Its mean absolute value over the
# $C$ biases is $\frac{1}{C}(1 - \frac1N)\sum_{n,j} y_{nj}$, and the whole-batch softmax makes
# **all** the $y_{nj}$ sum to exactly 1. What remains is
#
# $$\text{mean}\,|\text{diff}|_{b_2} = \frac{1 - 1/N}{C} = \frac{1 - 1/3}{10} = 0.0667 ,$$
#
# for any weights, any images and any labels: that is why the note's value has so many
# repeating 6s. (The digits from the tenth decimal place on, …678…, are the truncation error
# of the central difference: they shrink a hundredfold when $h$ shrinks tenfold.) The formula
# makes a prediction we can test right away: the error depends on the batch size $N$, and for
# $N = 1$ it is **zero**.

# %%
for N in (1, 2, 3, 5):
    xs, ts = x_train[:N], t_train[:N]
    diff_N = np.mean(np.abs(note_check.gradient(xs, ts)["b2"]
                            - numerical_gradient(lambda _: note_check.loss(xs, ts),
                                                 note_check.params["b2"])))
    print(f"N = {N}: b2 mean |diff| = {diff_N:.4f}   (1 - 1/N)/C = {(1 - 1 / N) / 10:.4f}")
    assert abs(diff_N - (1 - 1 / N) / 10) < 1e-6

# %% [markdown]
# With a single sample, the whole batch *is* one row, the note's softmax is correct, and the
# gradient check passes. A bug that hides from every test with one sample: remember that.
#
# ### 9.3 Checking the layers one at a time
#
# All four parameters are wrong, and the gradient of `W1` flows back through every layer, so
# the network-level check cannot say which layer is at fault. The next step is to check each
# layer on its own, with the probe of chapters 4 and 5: pick a random `dout`, define the
# number $L = \sum \text{dout} \odot \text{forward}(x)$, whose gradient must be exactly
# `backward(dout)`. The loss layer already produces one number, so it is checked directly,
# once with one sample and once with three, on the scores the network gives our 3 images.

# %%
rng = np.random.default_rng(0)

def check_one_layer(layer, x):
    """Relative error of layer.backward against the numerical gradient of sum(dout * out)."""
    dout = rng.standard_normal(layer.forward(x).shape)
    backward = layer.backward(dout)
    numerical = numerical_gradient(lambda x_: np.sum(dout * layer.forward(x_)), x)
    return relative_error(backward, numerical)

def check_loss_layer(layer, scores, t):
    layer.forward(scores, t)
    backward = layer.backward(1)
    numerical = numerical_gradient(lambda s: layer.forward(s, t), scores)
    return relative_error(backward, numerical)

x_small = rng.standard_normal((3, 5))
x_small[np.abs(x_small) < 1e-3] = 0.5                      # keep away from ReLU's corner
scores = note_check.predict(x_batch)
results = {
    "Affine (3 samples)": check_one_layer(Affine(rng.standard_normal((5, 4)),
                                                 rng.standard_normal(4)), x_small),
    "Relu (3 samples)": check_one_layer(Relu(), x_small),
    "note's loss layer, 1 sample": check_loss_layer(NoteSoftmaxWithLoss(), scores[:1],
                                                    t_batch[:1]),
    "note's loss layer, 3 samples": check_loss_layer(NoteSoftmaxWithLoss(), scores, t_batch),
}
for name, error in results.items():
    shown = "< 1e-8 " if error < 1e-8 else f"{error:.1e}"       # rounding noise: machine-dependent
    print(f"{name:30s} relative error {shown}   {'ok' if error < THRESHOLD else 'WRONG'}")
assert max(list(results.values())[:3]) < THRESHOLD < 0.1 < results["note's loss layer, 3 samples"]

# %% [markdown]
# Affine and Relu pass; the loss layer passes with one sample and fails with three. The bug is
# in `NoteSoftmaxWithLoss`, and it has to do with the batch. Its backward is the textbook
# $(y - t)/N$, so we look at what forward puts into `y`, and test the one property every
# softmax output must have: **each row is a probability distribution, so each row sums to 1.**

# %%
y_note = softmax_whole_batch(scores)
y_rows = softmax(scores)
print("note's softmax, row sums: ", np.round(y_note.sum(axis=1), 4),
      "  total:", round(y_note.sum(), 4))
print("row-wise softmax, row sums:", np.round(y_rows.sum(axis=1), 4))
assert not np.allclose(y_note.sum(axis=1), 1) and np.isclose(y_note.sum(), 1)
assert np.allclose(y_rows.sum(axis=1), 1)

# %% [markdown]
# Found it. The rows sum to about $1/3$ each, and only the whole batch sums to 1: `np.max(x)`
# and `np.sum(exp_x)` without an `axis` reduce over **all** $N \times C$ numbers. (In training,
# with $N = 100$, each row summed to about $1/100$.)
#
# Why did this wreck training rather than merely slow it down? In a correct softmax every row
# of the backward signal $(y - t)/N$ sums to zero: it raises the true class's score exactly as
# much as it lowers the others, and raising all of a sample's scores together changes nothing.
# With rows that sum to $1/N$, the signal is almost pure "raise the true class", and nothing
# pulls back. Every update then makes the weights larger, and larger weights make the next
# update larger: the explosion of the middle panel in 9.1.
#
# ### 9.4 The fix, and the proof
#
# Reduce along the class axis, and keep that axis so the row maxima and row sums broadcast
# across their rows: `axis=1, keepdims=True` (chapter 6, section 3). Then three checks: the
# rows sum to 1, the gradient check passes, and training learns.

# %%
def softmax_fixed(x):
    """The note's softmax with the fix: one max and one sum per ROW."""
    c = np.max(x, axis=1, keepdims=True)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x, axis=1, keepdims=True)


class FixedSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.t, self.y = t, softmax_fixed(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


print("fixed softmax, row sums:", np.round(softmax_fixed(scores).sum(axis=1), 4))
fixed_check = TwoLayerNet(784, 50, 10)
fixed_check.lastLayer = FixedSoftmaxWithLoss()
fixed_result = gradient_check(fixed_check.gradient(x_batch, t_batch),
                              fixed_check.numerical_gradient(x_batch, t_batch))
assert np.allclose(softmax_fixed(scores).sum(axis=1), 1)
assert all(error < THRESHOLD for _, error in fixed_result.values())

# %% [markdown]
# And the retraining, with the same recipe and the same seeds. Since the fixed layer now
# computes exactly what our `SoftmaxWithLoss` computes, the run should reproduce section 7 to
# the last digit. To save time we stop after 2,000 iterations (20 epochs on the subset) and
# compare with the same epochs of section 7: identical, so the remaining 8,000 iterations
# would end at section 7's result too. The bug was the only difference.

# %%
fixed_net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
fixed_net.lastLayer = FixedSoftmaxWithLoss()
fixed_history = fit(fixed_net, iters_num=2_000)
n_epochs = len(fixed_history["test_acc"])
same = fixed_history["test_acc"] == history["test_acc"][:n_epochs]
print(f"after 2,000 iterations: test accuracy {fixed_history['test_acc'][-1]:.3f}  "
      f"(the note's network: {note_history['test_acc'][-1]:.4f})")
print(f"identical to section 7, epoch by epoch: {same}")
assert same and fixed_history["test_acc"][-1] >= 0.85
assert fixed_history["loss"] == history["loss"][:2_000]

# %% [markdown]
# ### 9.5 Lessons from the clinic
#
# > **Common slip: trusting a new layer without a gradient check.** The note's network ran
# > without a single error. Every symptom (a first loss of 6.9 instead of 2.3, a gradient-check
# > error of 0.067, accuracy stuck at the share of zeros) pointed to the last layer, but only
# > the gradient check said so in numbers. Check every new layer against the numerical
# > gradient, in float64, with a relative error and a threshold, before you train.
#
# > **Common slip: testing with one sample.** With $N = 1$ the whole-batch softmax is correct,
# > its gradient check passes, and the bug stays hidden (section 9.2). Test layers on batches
# > of **2 or more** samples, better with different values in each row.
#
# Three more habits from this clinic cost one line each: compare the first loss with
# $\ln C$; assert the properties an output must have (softmax rows sum to 1); and never
# silence numpy's overflow and `nan` warnings in your own code without reading them first.
#
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | learning, training | 학습 | adjusting the weights and biases so the network fits the training data |
# | training data / test data | 훈련 데이터 / 시험 데이터 | the images used to learn / the images kept apart to measure accuracy |
# | mini-batch | 미니배치 | a small random set of training samples (here 100) used for one step |
# | stochastic gradient descent (SGD) | 확률적 경사 하강법 | update $W \leftarrow W - \eta\,\partial L/\partial W$ on random mini-batches |
# | learning rate | 학습률 | $\eta$, the size of each update step (here 0.1) |
# | parameter | 매개변수 | a number the network learns: the entries of `W1`, `b1`, `W2`, `b2` |
# | weight / bias | 가중치 / 편향 | the matrices `W1`, `W2` / the vectors `b1`, `b2` |
# | iteration | 반복 | one mini-batch step: gradient and update |
# | epoch | 에폭 | as many iterations as it takes to see the training set's size in samples |
# | forward / backward propagation | 순전파 / 역전파 | computing the loss left to right / passing gradients right to left |
# | backpropagation | 오차역전파법 | computing all gradients with one forward and one backward pass |
# | numerical differentiation | 수치 미분 | central differences $(f(w+h)-f(w-h))/2h$, $h = 10^{-4}$: 2 forward passes per parameter |
# | gradient check | 기울기 확인 | comparing backpropagation with the numerical gradient |
# | relative error | 상대 오차 | $\lVert a - b\rVert / \max(\lVert a\rVert, \lVert b\rVert)$: an error measured against the gradient's size; below $10^{-4}$ (float64) the gradients agree |
# | ordered dictionary | 순서가 있는 딕셔너리 | `OrderedDict`: the layers in the order `predict` runs them |
# | score | 점수 | the output of the last Affine layer, one per class |
# | accuracy | 정확도 | the fraction of samples whose largest score is the true class |
# | overfitting | 오버피팅 | training accuracy keeps rising while test accuracy stops |
# | float64 / float32 | 배정밀도 / 단정밀도 | floating point with about 16 / 7 significant digits |
# | overflow | 오버플로 | a number too large for floating point: `inf`, then `nan` |
# | debugging | 디버깅 | finding the cause of a wrong result, here layer by layer with gradient checks |
#
# ## What's next
#
# **Lab:** `labs/ch07_two_layer_net.ipynb`. You write
# `TwoLayerNet.gradient` (the backward loop over the layer list), the training step
# (mini-batch, gradient, update in place) with `train` of section 7's signature, and your own
# `gradient_check` of one layer, the tool of section 9.3 with a step, kinks and a verdict. The hidden checks compare your gradients with
# numerical ones on small random networks of random sizes, and run a short seeded training
# on the bundled subset that must reach a stated accuracy; a reversed sign, a forgotten
# layer or the note's whole-batch softmax cannot pass.
#
# That completes the course's path through chapter 5 of the book: from a shopping bill on a
# computational graph to a network that reads handwritten digits, with every gradient
# computed by backpropagation and checked against the numerical one.
