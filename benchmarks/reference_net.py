"""The reference two-layer network (784-50-10) and its training loop, made fast honestly.

It is the book's network and recipe, the same algorithm step for step: Affine → Relu →
Affine → SoftmaxWithLoss in an ordered layer list, backprop through the reversed list, plain
SGD, mini-batches of 100 drawn with replacement, weights drawn as weight_init_std ×
standard_normal. What makes it faster than the book's code is only how the arithmetic is
done:

* float32 data and parameters (half the memory traffic; MNIST pixels are float32 anyway);
* `@` on arrays the layers own, parameters updated in place (`param -= lr * grad`);
* integer labels in the loss: the loss picks y[row, label], the gradient subtracts 1 there,
  so no (N, 10) one-hot array is built, multiplied or summed;
* the first Affine layer is told nobody needs the gradient of its input (the images), so
  it skips `dout @ W.T`, a (100, 50) × (50, 784) product the book computes and throws away;
* every mini-batch index drawn in one call before the loop (the same numbers, in the same
  order, that one `rng.choice(N, 100)` per iteration would draw from the same generator);
* accuracy evaluated once per epoch, as in the book, in batches of 10,000 images.

No per-iteration Python work beyond the layer loop and the four parameter updates.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

DTYPE = np.float32
EVAL_BATCH = 10_000


class Affine:
    """out = x @ W + b. input_grad=False: backward skips dx (the input is the data)."""

    def __init__(self, W, b, input_grad=True):
        self.W, self.b, self.input_grad = W, b, input_grad

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T if self.input_grad else None


class Relu:
    def forward(self, x):
        self.mask = x > 0
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask


class SoftmaxWithLoss:
    """Softmax, then the mean cross-entropy against integer labels t (N,)."""

    def forward(self, x, t):
        y = np.exp(x - x.max(axis=1, keepdims=True))
        y /= y.sum(axis=1, keepdims=True)
        self.y, self.t, self.rows = y, t, np.arange(len(t))
        return float(-np.log(y[self.rows, t] + DTYPE(1e-7)).mean())

    def backward(self, dout=1.0):
        dx = self.y.copy()
        dx[self.rows, self.t] -= 1                  # y - one_hot(t), without the one-hot
        dx *= DTYPE(dout / len(self.t))
        return dx


class TwoLayerNet:
    """The book's TwoLayerNet in float32; params W1 b1 W2 b2 are shared with the layers."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, rng=None):
        rng = rng if rng is not None else np.random.default_rng(0)
        # The same draws as the float64 version (standard_normal in float64), then rounded.
        self.params = {
            "W1": (weight_init_std * rng.standard_normal((input_size, hidden_size))
                   ).astype(DTYPE),
            "b1": np.zeros(hidden_size, DTYPE),
            "W2": (weight_init_std * rng.standard_normal((hidden_size, output_size))
                   ).astype(DTYPE),
            "b2": np.zeros(output_size, DTYPE),
        }
        self.layers = OrderedDict(
            Affine1=Affine(self.params["W1"], self.params["b1"], input_grad=False),
            Relu1=Relu(),
            Affine2=Affine(self.params["W2"], self.params["b2"]))
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def gradient(self, x, t):
        """(loss, grads) of the mini-batch: one forward and one backward pass."""
        loss = self.last_layer.forward(self.predict(x), t)
        dout = self.last_layer.backward(1.0)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        affine1, affine2 = self.layers["Affine1"], self.layers["Affine2"]
        return loss, {"W1": affine1.dW, "b1": affine1.db, "W2": affine2.dW, "b2": affine2.db}

    def accuracy(self, x, t, batch_size=EVAL_BATCH):
        correct = sum(int(np.count_nonzero(self.predict(x[i:i + batch_size]).argmax(axis=1)
                                           == t[i:i + batch_size]))
                      for i in range(0, len(x), batch_size))
        return correct / len(x)


@dataclass
class Run:
    """What one training run measured. epochs: (iteration, train accuracy, test accuracy)."""
    name: str
    losses: np.ndarray
    epochs: list = field(default_factory=list)
    train_acc: float = float("nan")
    test_acc: float = float("nan")
    seconds: float = 0.0               # wall clock, the whole loop with per-epoch accuracy
    eval_seconds: float = 0.0          # of which evaluating accuracy
    cpu_seconds: float = 0.0           # CPU time of the process over the same loop


def train(x_train, t_train, x_test, t_test, *, iters=10_000, batch_size=100,
          learning_rate=0.1, hidden_size=50, weight_init_std=0.01, seed=0):
    """Train the float32 reference network with the book's recipe; returns a Run.

    x: (N, 784) float32 in [0, 1]; t: (N,) integer labels.
    """
    rng = np.random.default_rng(seed)
    x_train, x_test = x_train.astype(DTYPE, copy=False), x_test.astype(DTYPE, copy=False)
    t_train, t_test = t_train.astype(np.intp), t_test.astype(np.intp)
    net = TwoLayerNet(x_train.shape[1], hidden_size, 10, weight_init_std, rng)
    train_size = len(x_train)
    iter_per_epoch = max(train_size // batch_size, 1)
    batches = rng.integers(0, train_size, size=(iters, batch_size))   # = rng.choice per step
    lr = DTYPE(learning_rate)
    run = Run("reference (float32)", np.empty(iters, np.float32))

    def evaluate():
        start = time.perf_counter()
        accuracies = net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)
        run.eval_seconds += time.perf_counter() - start
        return accuracies

    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(iters):
        rows = batches[i]
        run.losses[i], grads = net.gradient(x_train[rows], t_train[rows])
        for key, grad in grads.items():
            net.params[key] -= lr * grad
        if i % iter_per_epoch == 0:
            run.epochs.append((i, *evaluate()))
    run.train_acc, run.test_acc = evaluate()
    run.seconds, run.cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return run
