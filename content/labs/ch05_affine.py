# %% [markdown]
# # Lab 5 · The Affine layer (Affine 계층)
#
# *Deep Learning from Scratch* §5.6.1–5.6.2. Lecture: `notebooks/ch05_affine.ipynb`.
#
# A fully connected layer computes $Y = X \cdot W + B$: a matrix product (행렬의 곱) plus a
# bias, which the book calls an *affine transformation* (어파인 변환). You will work out the
# shapes (형상) of everything in it, then write the layer for a whole batch (배치):
#
# 1. `affine_shapes` — the shapes of the flattened input, the output and the three gradients, for any input and weight shapes. (2 points)
# 2. `Affine.forward` — flatten an input of shape (N, d1, d2, …) to (N, D), then `x·W + b`. (2 points)
# 3. `Affine.backward` — `dx` in the input's original shape, `self.dW` and `self.db`. (4 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on the book's example; when you submit, *hidden checks* also
# try your code on random batch sizes (1 and more), random input and weight shapes, 2-D and
# N-d inputs, and compare every gradient with numerical derivatives. Every failed check says
# which quantity is wrong, what was expected, what you returned, and the most likely cause.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% nbgrader={"grade_id": "shape_checker"}
def check_shape(name, got, expected, hint=None):
    """Print "✓ name = shape" if got is the shape `expected` (a tuple of ints); else stop
    with a message, like check_close does for numbers."""
    shape = got.tolist() if isinstance(got, np.ndarray) else got
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else shape
    if shape != expected:
        message = f"✗ {name} is wrong.\n  expected shape {expected}, got {shape!r}"
        raise CheckFailed(message + (f"\nLikely cause: {hint}" if hint else ""))
    print(f"✓ {name} = {expected}")


# %% [markdown]
# ## Where ∂L/∂X = ∂L/∂Y · Wᵀ and ∂L/∂W = Xᵀ · ∂L/∂Y come from
#
# Take one sample first, as the book does: $X$ of shape (2,), $W$ (2, 3), $B$ (3,), so
# $Y = X \cdot W + B$ has shape (3,). Written element by element,
# $y_j = \sum_i x_i W_{ij} + b_j$. The loss $L$ depends on every $y_j$, so by the chain
# rule (연쇄법칙):
#
# * $\dfrac{\partial L}{\partial x_i} = \sum_j \dfrac{\partial L}{\partial y_j} W_{ij}$ —
#   row $i$ of $W$ dotted with $\partial L/\partial Y$, i.e. $\dfrac{\partial L}{\partial X} = \dfrac{\partial L}{\partial Y} \cdot W^T$
#   (the transpose, 전치행렬, turns rows into columns);
# * $\dfrac{\partial L}{\partial W_{ij}} = x_i \dfrac{\partial L}{\partial y_j}$ — every
#   input times every upstream gradient, i.e. $\dfrac{\partial L}{\partial W} = X^T \cdot \dfrac{\partial L}{\partial Y}$,
#   a (2, 1)·(1, 3) product, shape (2, 3) like $W$;
# * $\dfrac{\partial L}{\partial b_j} = \dfrac{\partial L}{\partial y_j}$ — an add node
#   passes the gradient through.
#
# **Shapes decide the formula.** A gradient has the shape of what it is the gradient of:
# $\partial L/\partial X$ like $X$, $\partial L/\partial W$ like $W$. With $\partial L/\partial Y$
# of shape (N, M) and $W$ of shape (D, M), the only product that gives (N, D) is
# $\partial L/\partial Y \cdot W^T$: (N, M)·(M, D). The only product of $X$ (N, D) and
# $\partial L/\partial Y$ (N, M) that gives (D, M) is $X^T \cdot \partial L/\partial Y$:
# (D, N)·(N, M). If you forget which side the transpose goes on, match the shapes.
#
# **A batch of N samples** (§5.6.2): $X$ becomes (N, D) and $Y$ (N, M). Every sample uses
# the same $W$ and $B$, so their gradients are **sums over the samples**. For $W$ the product
# $X^T \cdot \partial L/\partial Y$ already adds over N (its inner axis). For the bias you add
# yourself: `db = np.sum(dout, axis=0)`, one number per output, shape (M,). Each sample's
# `dx` is its own row, `dout · W.T`.
#
# **N-d input.** Images arrive as (N, 1, 28, 28): the layer flattens each sample into one
# row, `x.reshape(x.shape[0], -1)` → (N, 784), remembers the original shape, and reshapes
# `dx` back to it in backward, so the layer before it receives a gradient of its own shape.

# %% [markdown]
# ## 1 · The shapes in an Affine layer
#
# Given the input's shape `x_shape = (N, d1, d2, …)` and the weights' shape `W_shape = (D, M)`,
# return a dict of shapes (tuples of ints):
#
# | key | what | |
# |---|---|---|
# | `"x2d"` | the input flattened to one row per sample | (N, D) with D = d1·d2·… |
# | `"out"` | the output `x2d · W + b` | |
# | `"dx"` | the gradient ∂L/∂x that backward returns | |
# | `"dW"` | the gradient ∂L/∂W | |
# | `"db"` | the gradient ∂L/∂b | |
#
# Fill in the blank shapes yourself. When d1·d2·… is not `W_shape[0]`, the product cannot be
# computed: `raise ValueError(...)`. (`np.prod(x_shape[1:])` multiplies the feature axes.)

# %% nbgrader={"grade_id": "affine_shapes", "solution": true}
def affine_shapes(x_shape, W_shape):
    """The shapes in an Affine layer, as tuples of ints.

    x_shape: the input's shape (N, d1, d2, ...); W_shape: (D, M).
    Returns a dict with keys "x2d", "out", "dx", "dW", "db".
    Raises ValueError when d1·d2·... differs from D.
    """
    ### BEGIN SOLUTION
    n = x_shape[0]
    d = int(np.prod(x_shape[1:]))
    if d != W_shape[0]:
        raise ValueError(f"x has {d} features per sample, but W has {W_shape[0]} rows")
    m = W_shape[1]
    return {"x2d": (n, d), "out": (n, m), "dx": tuple(x_shape), "dW": (d, m), "db": (m,)}
    ### END SOLUTION


# %% nbgrader={"grade_id": "affine_shapes_test", "grade": true, "points": 2}
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_shapes(affine_shapes)
### END HIDDEN TESTS
# The book's single sample X (2,) as a batch of one, W (2, 3), B (3,)
shapes = affine_shapes((1, 2), (2, 3))
check_shape("out for x (1, 2), W (2, 3)", shapes["out"], (1, 3), hint="out = x·W: (1, 2)·(2, 3) → (1, 3)")
check_shape("dx for x (1, 2), W (2, 3)", shapes["dx"], (1, 2), hint="∂L/∂X has the shape of X")
check_shape("dW for x (1, 2), W (2, 3)", shapes["dW"], (2, 3),
            hint="∂L/∂W = Xᵀ·∂L/∂Y: (2, 1)·(1, 3) → (2, 3), the shape of W")
check_shape("db for x (1, 2), W (2, 3)", shapes["db"], (3,), hint="∂L/∂B has the shape of B")
# The book's batch: X (N, 3), W (3, 2), B (2,) with N = 5
shapes = affine_shapes((5, 3), (3, 2))
check_shape("out for x (5, 3), W (3, 2)", shapes["out"], (5, 2), hint="one row of M outputs per sample")
check_shape("dW for x (5, 3), W (3, 2)", shapes["dW"], (3, 2), hint="Xᵀ·dout: (3, 5)·(5, 2) → (3, 2)")
check_shape("db for x (5, 3), W (3, 2)", shapes["db"], (2,),
            hint="the bias is shared by all samples: db is dout summed over the batch")
# Images: x (5, 1, 4, 4) into an Affine layer with W (16, 10)
shapes = affine_shapes((5, 1, 4, 4), (16, 10))
check_shape("x2d for x (5, 1, 4, 4)", shapes["x2d"], (5, 16), hint="D = 1·4·4 = 16 features per sample")
check_shape("dx for x (5, 1, 4, 4)", shapes["dx"], (5, 1, 4, 4),
            hint="backward reshapes dx back to the shape x had in forward")
try:
    affine_shapes((2, 3), (4, 2))
except ValueError:
    print("✓ ValueError for x (2, 3) with W (4, 2)")
else:
    raise CheckFailed("✗ affine_shapes((2, 3), (4, 2)) should raise ValueError: each sample "
                      "has 3 features but W has 4 rows")

# %% [markdown]
# ## 2 · The Affine layer
#
# Write `forward` and `backward` of the book's batch Affine layer (§5.6.2). `__init__` is
# given: the layer keeps **the very arrays** `W` and `b` it is given (not copies), because
# training updates them in place (`W -= lr * dW`) and the numerical gradient nudges them in
# place too.
#
# * `forward(x)`: `x` has shape (N, d1, d2, …) — (N, D) or, for images, (N, 1, 28, 28).
#   Remember the original shape, flatten to (N, D), save the flattened `x` for backward and
#   return `x·W + b`, shape (N, M).
# * `backward(dout)`: `dout` is ∂L/∂out, shape (N, M). Set `self.dW` (D, M) and `self.db` (M,),
#   and return `dx` **in x's original shape**.
#
# The book's single sample X (2,) is passed as a batch of one, shape (1, 2).

# %% nbgrader={"grade_id": "affine", "solution": true}
class Affine:
    """Affine layer for a batch: out = x·W + b.

    W: (D, M) weights (가중치), b: (M,) bias (편향): the very arrays given, not copies.
    forward(x): x (N, d1, d2, ...) with d1·d2·... = D  ->  out (N, M).
    backward(dout): dout (N, M)  ->  dx with x's original shape; sets self.dW (D, M)
    and self.db (M,).
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None                 # the input flattened to (N, D), saved by forward
        self.original_x_shape = None  # the input's shape as forward received it
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


# %% [markdown]
# The examples of the checks below, small enough to verify by hand: the book's single sample
# as a batch of one, and the book's batch shapes X (N, 3), W (3, 2), B (2,) with N = 2.

# %% nbgrader={"grade_id": "examples"}
X1 = np.array([1.0, 2.0]).reshape(1, 2)        # the book's X (2,) as a batch of one
W1 = np.array([[1.0, -1.0, 0.5],
               [2.0, 0.0, -1.0]])               # (2, 3)
B1 = np.array([0.1, 0.2, 0.3])                  # (3,)

X = np.array([[1.0, 2.0, 0.0],
              [0.0, 1.0, 3.0]])                 # (N, 3), N = 2
W = np.array([[1.0, -1.0],
              [2.0, 0.0],
              [0.0, 1.0]])                      # (3, 2)
B = np.array([0.5, -0.5])                       # (2,)
dout = np.array([[1.0, 2.0],
                 [3.0, -1.0]])                  # ∂L/∂out for the batch, (N, 2)

# %% nbgrader={"grade_id": "affine_forward_test", "grade": true, "points": 2}
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_forward(Affine)
### END HIDDEN TESTS
check_close("Affine(W1, B1).forward(X1)", Affine(W1, B1).forward(X1), [[5.1, -0.8, -1.2]],
            hint="out = x·W + b: [1·1 + 2·2, 1·(−1) + 2·0, 1·0.5 + 2·(−1)] + [0.1, 0.2, 0.3]")
check_close("Affine(W, B).forward(X), a batch of 2", Affine(W, B).forward(X),
            [[5.5, -1.5], [2.5, 2.5]], hint="out = x·W + b, one row per sample; b is added to every row")
check_close("Affine(W, B).forward of X as shape (2, 1, 3)", Affine(W, B).forward(X.reshape(2, 1, 3)),
            [[5.5, -1.5], [2.5, 2.5]], hint="flatten x to (N, D) first: x.reshape(x.shape[0], -1)")

# %% nbgrader={"grade_id": "affine_backward_test", "grade": true, "points": 4}
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_backward(Affine)
### END HIDDEN TESTS
# One sample: dW = Xᵀ·dY is every input times every upstream gradient (an outer product)
layer = Affine(W1, B1)
layer.forward(X1)
dx = layer.backward(np.array([[1.0, 0.0, -1.0]]))
check_close("dx of one sample", dx, [[0.5, 3.0]],
            hint="dx = dout·Wᵀ: [1·1 + 0·(−1) + (−1)·0.5, 1·2 + 0·0 + (−1)·(−1)]")
check_close("dW of one sample", layer.dW, [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]],
            hint="dW = Xᵀ·dout: row i is x_i times dout, shape (D, M) like W")
check_close("db of one sample", layer.db, [1.0, 0.0, -1.0], hint="db = dout summed over the batch (axis 0)")
# The batch of 2, with dout = [[1, 2], [3, -1]]
layer = Affine(W, B)
layer.forward(X)
dx = layer.backward(dout)
check_close("dx of the batch", dx, [[-1.0, 2.0, 2.0], [4.0, 6.0, -1.0]],
            hint="dx = dout·Wᵀ, (2, 2)·(2, 3) → (2, 3); e.g. dx[0] = 1·[1, 2, 0] + 2·[−1, 0, 1]")
check_close("dW of the batch", layer.dW, [[1.0, 2.0], [5.0, 3.0], [9.0, -3.0]],
            hint="dW = Xᵀ·dout, (3, 2)·(2, 2) → (3, 2); e.g. dW[1] = 2·[1, 2] + 1·[3, −1] = [5, 3]")
check_close("db of the batch", layer.db, [4.0, 1.0],
            hint="db = np.sum(dout, axis=0): [1 + 3, 2 + (−1)], one entry per output")
# The same batch as an N-d input (2, 1, 3)
layer = Affine(W, B)
layer.forward(X.reshape(2, 1, 3))
dx = layer.backward(dout)
check_shape("shape of dx for x of shape (2, 1, 3)", np.shape(dx), (2, 1, 3),
            hint="reshape dx back to the shape x had in forward")
check_close("dx for x of shape (2, 1, 3)", dx, [[[-1.0, 2.0, 2.0]], [[4.0, 6.0, -1.0]]])
check_close("dW for x of shape (2, 1, 3)", layer.dW, [[1.0, 2.0], [5.0, 3.0], [9.0, -3.0]],
            hint="dW is computed from the flattened x (N, D)")

# %% [markdown]
# Your `dW` agrees with the numerical derivative (수치 미분). Take $L = \sum$ `out * dout`,
# whose gradient with respect to `out` is exactly `dout`; the provided `numerical_gradient`
# nudges each element of `layer.W` in place by ±h and measures the change of $L$ — which
# works only because the layer reads the very array `W` it was given.

# %%
layer = Affine(W.copy(), B.copy())


def loss_of_W(_):
    return np.sum(layer.forward(X) * dout)


numeric_dW = numerical_gradient(loss_of_W, layer.W)
layer.forward(X)
layer.backward(dout)
print("numerical dW:\n", np.round(numeric_dW, 6))
print("backprop dW:\n", layer.dW)

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the Softmax-with-Loss layer, whose backward
# `(y − t) / N` produces the `dout` that reaches the last Affine layer.
