"""Reference layers (the book's API) used to calibrate and test the gradient-check engine.

Written for these tests; the graded reference solutions live in the labs. Shapes: N is the
batch size, D the input features, M the outputs, C the classes. Every layer also has
buggy variants here, each reproducing one known student mistake for the diagnosis tests.
"""
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from autograder.checks import gradcheck as G


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x


class AddLayer:
    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout * 1.0, dout * 1.0


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)


class Sigmoid:
    def forward(self, x):
        self.out = 0.5 * (1.0 + np.tanh(0.5 * x))   # = 1 / (1 + exp(-x)), no overflow
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class Tanh:
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out ** 2)


class Affine:
    """out = x·W + b; x of shape (N, ...) is flattened to (N, D); W (D, M), b (M,)."""

    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1) if x.ndim > 1 else x.reshape(1, -1)
        out = self.x @ self.W + self.b
        return out if x.ndim > 1 else out[0]

    def backward(self, dout):
        dout = dout.reshape(-1, self.W.shape[1])
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return (dout @ self.W.T).reshape(self.x_shape)


def softmax(x):
    """Row-wise softmax of (N, C) scores, or of one (C,) vector."""
    shifted = x - np.max(x, axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / np.sum(exp, axis=-1, keepdims=True)


def as_one_hot(t, y):
    """Labels t (one-hot of y's shape, or integer class indices) as one-hot of y's shape."""
    t = np.asarray(t)
    if t.shape == y.shape:
        return t.astype(np.float64)
    return np.eye(y.shape[-1])[t].reshape(y.shape)


def cross_entropy_error(y, t):
    """Mean over the batch of −log(y[true class] + 1e-7) (the book's delta avoids log 0).

    y: (N, C) or (C,) probabilities; t: one-hot like y, or integer labels (N,) / scalar.
    """
    batch_size = y.shape[0] if y.ndim == 2 else 1
    return -np.sum(as_one_hot(t, y) * np.log(y + 1e-7)) / batch_size


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.y, self.t = softmax(x), t
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1.0):
        batch_size = self.y.shape[0] if self.y.ndim == 2 else 1
        return dout * (self.y - as_one_hot(self.t, self.y)) / batch_size


class TwoLayerNet:
    """Affine → Relu → Affine → SoftmaxWithLoss, with the book's attribute names."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, rng=None):
        rng = rng or np.random.default_rng(0)
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict(
            Affine1=Affine(self.params["W1"], self.params["b1"]),
            Relu1=Relu(),
            Affine2=Affine(self.params["W2"], self.params["b2"]))
        self.last_layer = self.make_last_layer()

    def make_last_layer(self):
        return SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1.0)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}

    def hidden_pre_activations(self, x):
        """The Relu inputs for the batch x: (N, hidden)."""
        return x.reshape(len(x), -1) @ self.params["W1"] + self.params["b1"]


# --------------------------------------------------------------- buggy variants (mistakes)


class MulLayerNotSwapped(MulLayer):
    def backward(self, dout):
        return dout * self.x, dout * self.y


class ReluMutatesDout(Relu):
    """Seed 004: dout[self.mask] = 0 changes the caller's array."""

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class ReluMutatesInput(Relu):
    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x


class ReluStaleMask(Relu):
    """Keeps the mask of the first forward call."""

    def forward(self, x):
        if getattr(self, "mask", None) is None:
            self.mask = x <= 0
        return np.where(x <= 0, 0.0, x)


class SigmoidWithoutDout(Sigmoid):
    def backward(self, dout):
        return self.out * (1.0 - self.out) + 0.0 * dout


class SigmoidSignFlipped(Sigmoid):
    def backward(self, dout):
        return -dout * self.out * (1.0 - self.out)


class SigmoidOverflowing(Sigmoid):
    def forward(self, x):
        self.out = np.exp(x) / (np.exp(x) + 1.0)     # inf / inf = NaN for x = 1000
        return self.out


class TanhConsumesState(Tanh):
    """backward overwrites self.out in place, so a second call differs."""

    def backward(self, dout):
        self.out **= 2
        return dout * (1.0 - self.out)


class TanhFloat32(Tanh):
    def backward(self, dout):
        return (dout * (1.0 - self.out ** 2)).astype(np.float32)


class AffineDbNotSummed(Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.db = dout.reshape(-1, self.W.shape[1]).copy()
        return dx


class AffineDwTransposed(Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.dW = self.dW.T.copy()
        return dx


class AffineDwAccumulates(Affine):
    """self.dW += ...: a second backward call doubles it."""

    def backward(self, dout):
        dx = super().backward(dout)
        self.total = getattr(self, "total", 0) + self.dW
        self.dW = self.total
        return dx


class SoftmaxWithLossNoDivide(SoftmaxWithLoss):
    def backward(self, dout=1.0):
        return dout * (self.y - as_one_hot(self.t, self.y))


class SoftmaxWithLossDividedTwice(SoftmaxWithLoss):
    def backward(self, dout=1.0):
        return super().backward(dout) / len(self.y)


def softmax_whole_batch(x):
    """Seed 003: one max and one sum over the whole batch (the batch sums to 1)."""
    exp = np.exp(x - np.max(x))
    return exp / np.sum(exp)


class SoftmaxWithLossWholeBatch(SoftmaxWithLoss):
    def forward(self, x, t):
        self.y, self.t = softmax_whole_batch(x), t
        return cross_entropy_error(self.y, t)


class TwoLayerNetWholeBatchSoftmax(TwoLayerNet):
    def make_last_layer(self):
        return SoftmaxWithLossWholeBatch()


class TwoLayerNetNoDivide(TwoLayerNet):
    def make_last_layer(self):
        return SoftmaxWithLossNoDivide()


class AddLayerDoubled(AddLayer):
    """dout added to itself: a node counted twice."""

    def backward(self, dout):
        return dout + dout, dout + dout


class TanhNoReturn(Tanh):
    def backward(self, dout):
        dx = dout * (1.0 - self.out ** 2)   # noqa: F841 (the missing return is the mistake)


class ReluReturnsTuple(Relu):
    def backward(self, dout):
        return (np.where(self.mask, 0.0, dout),)


class ReluNoMask(Relu):
    def backward(self, dout):
        return dout.copy()


class AffineNoReshape(Affine):
    """dx keeps the flattened (N, D) shape instead of x's (N, C, H, W)."""

    def backward(self, dout):
        super().backward(dout)
        return dout.reshape(-1, self.W.shape[1]) @ self.W.T


class AffineZeroDw(Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.dW = np.zeros_like(self.W)
        return dx


# --------------------------------------------------------------- random cases for the engine


@dataclass
class LayerCase:
    """One random check of a layer: what check_layer_backward needs, plus a factory."""
    make_layer: Callable          # () -> a fresh layer (same parameters every time)
    inputs: tuple                 # forward's arguments
    dout: object                  # upstream gradient (None: drawn by the engine)
    grad_names: tuple             # names of backward's results
    param_grads: dict = field(default_factory=dict)   # {"W": "dW", ...}
    context: dict = field(default_factory=dict)       # batch_size, section


LAYER_KINDS = ("mul", "add", "relu", "sigmoid", "tanh", "affine", "softmax_with_loss")
REFERENCE = {"mul": MulLayer, "add": AddLayer, "relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh,
             "affine": Affine, "softmax_with_loss": SoftmaxWithLoss}


def layer_case(kind, rng, cls=None):
    """A random case for a layer kind: batch 1 or N, 1-D or 2-D (N-d for Affine)."""
    cls = cls or REFERENCE[kind]
    shape = G.random_shapes(rng)[int(rng.integers(3))]
    if kind in ("mul", "add"):
        if rng.random() < 0.1:       # plain Python numbers, as in the apple example
            return LayerCase(cls, (float(rng.normal()), float(rng.normal())), None, ("dx", "dy"))
        return LayerCase(cls, (G.random_array(rng, shape), G.random_array(rng, shape)), None,
                         ("dx", "dy"))
    if kind == "relu":
        return LayerCase(cls, (G.random_array(rng, shape, margin=G.KINK_MARGIN),), None, ("dx",))
    if kind in ("sigmoid", "tanh"):
        return LayerCase(cls, (G.random_array(rng, shape, scale=2.0),), None, ("dx",))
    if kind == "affine":
        n = int(rng.choice([1, int(rng.integers(2, 6))]))
        extra = tuple(int(k) for k in rng.integers(1, 4, size=int(rng.integers(1, 4))))
        d, m = int(np.prod(extra)), int(rng.integers(1, 6))
        W, b = G.random_array(rng, (d, m)), G.random_array(rng, (m,))
        return LayerCase(lambda: cls(W.copy(), b.copy()), (G.random_array(rng, (n, *extra)),),
                         None, ("dx",), {"W": "dW", "b": "db"}, {"batch_size": n})
    if kind == "softmax_with_loss":
        n, c = int(rng.choice([1, int(rng.integers(2, 6))])), int(rng.integers(2, 11))
        x, t = G.random_scores_and_labels(rng, n, c, one_hot=bool(rng.integers(2)), scale=2.0)
        return LayerCase(cls, (x, t), 1.0, ("dx",), context={"batch_size": n})
    raise ValueError(kind)


def net_case(rng, cls=TwoLayerNet, sizes=None, batch=None):
    """A random TwoLayerNet, batch x (N, D) kept KINK_MARGIN from every ReLU kink, labels t.

    sizes: (input, hidden, output), random small ones by default; batch: N (1 or random).
    """
    d, hidden, c = sizes or (int(rng.integers(2, 7)), int(rng.integers(2, 6)),
                             int(rng.integers(2, 5)))
    n = batch or int(rng.choice([1, int(rng.integers(2, 6))]))
    std = float(rng.choice([0.01, 0.1] if d > 50 else [0.01, 0.1, 1.0]))

    def draw():
        net = cls(d, hidden, c, weight_init_std=std, rng=rng)
        net.params["b1"][:] = std * rng.standard_normal(hidden)
        net.params["b2"][:] = std * rng.standard_normal(c)
        return net, rng.random((n, d))

    net, x = G.redraw_until(draw, lambda drawn: np.min(
        np.abs(drawn[0].hidden_pre_activations(drawn[1]))) > G.KINK_MARGIN)
    t = G.random_labels(rng, n, c, one_hot=bool(rng.integers(2)), scores=net.predict(x))
    return net, x, t

