# %% [markdown]
# # Lab 5 · The Affine layer (Affine 계층)
#
# *Deep Learning from Scratch* §5.6.1–5.6.2. Lecture: `notebooks/ch05_affine.ipynb`.
#
# A fully connected layer computes $Y = X \cdot W + B$: a matrix product (행렬의 곱) plus a
# bias, which the book calls an *affine transformation* (어파인 변환). You will work out the
# shapes (형상) of everything in it, write the layer for a whole batch (배치), and then derive
# the backward pass of a layer the course has not derived for you:
#
# 1. `affine_shapes` — the shapes of the flattened input, the output and the three gradients, for any input and weight shapes. (2 points)
# 2. `Affine.forward` — flatten an input of shape (N, d1, d2, …) to (N, D), then `x·W + b`. (2 points)
# 3. `Affine.backward` — `dx` in the input's original shape, `self.dW` and `self.db`. (4 points)
# 4. `Center.backward` — derive it yourself: the backward pass of mean-centring over the batch, the first step of batch normalisation. (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on small examples; when you submit, *hidden checks* also
# try your code on random batch sizes (1 and more), random input and weight shapes, 2-D and
# N-d inputs, and compare every gradient with numerical derivatives. Every failed check says
# which quantity is wrong, what was expected, what you returned, and the most likely cause.
#
# **The formulas are not repeated here.** The backward pass of the Affine layer is derived in
# lecture 5 (`notebooks/ch05_affine.ipynb`): element by element in section 4 (“4 · Deriving
# the backward formulas element by element”), from the shapes alone in section 5 (“5 · The
# shapes leave no other choice”), for a batch in section 7 (“7 · The batch version”, with
# “Why ∂L/∂B is a sum”), and for image-shaped inputs in section 8 (“8 · Inputs with more than
# two axes”). Read them first; this lab asks you to rebuild the results, and its checks tell
# you where to look when something is off.

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
        raise _failed(message + (f"\nLikely cause: {hint}" if hint else ""))
    print(f"✓ {name} = {expected}")


def likely_cause(got, known, otherwise):
    """The words of the first known mistake whose numbers `got` equals, else `otherwise`.

    known: a list of (the numbers that mistake gives on this example, its words)."""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return otherwise
    for numbers, words in known:
        if values.shape == np.shape(numbers) and np.allclose(values, numbers):
            return words
    return otherwise


# %% [markdown]
# ## Before you start: questions to answer from the lecture
#
# Lecture 5 derives the backward pass for one sample ($X$ of shape (2,), $W$ (2, 3), $B$
# (3,), as in the book) and then for a batch of N samples ($X$ (N, D), $W$ (D, M), $B$ (M,),
# $Y$ (N, M)). Answer these for yourself before you write any code; the first exercise checks
# the shapes, the second and third the formulas.
#
# * A gradient has the shape of what it is the gradient of. What shape does $\partial L/\partial X$
#   have, and what shape $\partial L/\partial W$?
# * $\partial L/\partial X$ is made of $\partial L/\partial Y$ (N, M) and $W$ (D, M). Which
#   product of the two (with a transpose where needed) has the shape you just named?
#   And which product of $X$ (N, D) and $\partial L/\partial Y$ has the shape of $W$?
#   (Lecture 5, section 5.)
# * In that second product, which size is summed away, and why is that right when every
#   sample uses the same $W$? (Lecture 5, section 7.)
# * $B$ (M,) is added to every one of the N rows. What does backward do with the N rows of
#   $\partial L/\partial Y$ to get a gradient of $B$'s shape? (Lecture 5, “Why ∂L/∂B is a sum”.)
# * Images arrive as (N, 1, 28, 28). What must forward do before the product, what must it
#   remember, and what shape must the `dx` that backward returns have? (Lecture 5, section 8.)
#
# **If you type the book's code.** The lab's `Affine` has the same interface as the book's
# `Affine` in `common/layers.py`: `Affine(W, b)`, the attributes `W`, `b`, `x`,
# `original_x_shape`, `dW`, `db`, and the flattening of an N-d input in forward. Typed as it
# is there, it earns full marks. The shorter class printed in §5.6.2 assumes a 2-D `x` (it has
# no `original_x_shape` and no reshape); the checks feed inputs of shape (N, d1, d2, …) as
# well, so it loses the points of tests 2 and 3 with a first line that says so.

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
checking("affine_shapes", see="lecture 5 (ch05_affine.ipynb), section “5 · The shapes leave no other choice”, then the book's §5.6.1-§5.6.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_shapes(affine_shapes)
### END HIDDEN TESTS
# The book's single sample X (2,) as a batch of one, W (2, 3), B (3,)
shapes = affine_shapes((1, 2), (2, 3))
check_shape("out for x (1, 2), W (2, 3)", shapes["out"], (1, 3), hint="out = x·W: (1, 2)·(2, 3) → (1, 3)")
check_shape("dx for x (1, 2), W (2, 3)", shapes["dx"], (1, 2), hint="∂L/∂X has the shape of X")
check_shape("dW for x (1, 2), W (2, 3)", shapes["dW"], (2, 3), hint="∂L/∂W has the shape of W")
check_shape("db for x (1, 2), W (2, 3)", shapes["db"], (3,), hint="∂L/∂B has the shape of B")
# The book's batch (§5.6.2): X (N, 2), W (2, 3), B (3,), here with N = 5
shapes = affine_shapes((5, 2), (2, 3))
check_shape("out for x (5, 2), W (2, 3)", shapes["out"], (5, 3), hint="one row of M outputs per sample")
check_shape("dx for x (5, 2), W (2, 3)", shapes["dx"], (5, 2), hint="∂L/∂X has the shape of X: one row per sample")
check_shape("dW for x (5, 2), W (2, 3)", shapes["dW"], (2, 3),
            hint="∂L/∂W has the shape of W, whatever N is: which size does the product sum away?")
check_shape("db for x (5, 2), W (2, 3)", shapes["db"], (3,),
            hint="∂L/∂B has the shape of B, whatever N is")
# A study note's batch (lecture 5, section 7): three features, two outputs, N = 4
shapes = affine_shapes((4, 3), (3, 2))
check_shape("out for x (4, 3), W (3, 2)", shapes["out"], (4, 2), hint="one row of M outputs per sample")
check_shape("dW for x (4, 3), W (3, 2)", shapes["dW"], (3, 2), hint="∂L/∂W has the shape of W")
# Images: x (5, 1, 4, 4) into an Affine layer with W (16, 10)
shapes = affine_shapes((5, 1, 4, 4), (16, 10))
check_shape("x2d for x (5, 1, 4, 4)", shapes["x2d"], (5, 16), hint="D = 1·4·4 = 16 features per sample")
check_shape("dx for x (5, 1, 4, 4)", shapes["dx"], (5, 1, 4, 4),
            hint="the layer before this one gets its gradient in the shape it produced, (N, 1, 28, 28) for images")
try:
    affine_shapes((2, 3), (4, 2))
except ValueError:
    print("✓ ValueError for x (2, 3) with W (4, 2)")
else:
    raise _failed("✗ affine_shapes((2, 3), (4, 2)) should raise ValueError: each sample "
                  "has 3 features but W has 4 rows")

# %% [markdown]
# ## 2 · The Affine layer
#
# Write `forward` and `backward` of the batch Affine layer (the book's §5.6.2). `__init__` is
# given: the layer keeps **the very arrays** `W` and `b` it is given (not copies), because
# training updates them in place (`W -= lr * dW`) and the numerical gradient nudges them in
# place too.
#
# * `forward(x)`: `x` has shape (N, d1, d2, …) — (N, D) or, for images, (N, 1, 28, 28).
#   Remember the original shape, flatten to (N, D), save the flattened `x` for backward and
#   return `x·W + b`, shape (N, M).
# * `backward(dout)`: `dout` is ∂L/∂out, shape (N, M). Set `self.dW` (D, M) and `self.db` (M,),
#   and return `dx` **in x's original shape**. The three formulas are the ones lecture 5
#   derives (sections 4, 5 and 7, and section 9 puts them into a class); the questions above
#   lead to them.
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
# as a batch of one (with the book's shapes, X (1, 2), W (2, 3), B (3,)), and a batch of N = 2
# with three features and two outputs, X (N, 3), W (3, 2), B (2,), the shapes one of the study
# notes uses (lecture 5, section 7).

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
checking("Affine", see="lecture 5 (ch05_affine.ipynb), section “9 · The `Affine` class”, then the book's §5.6.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_forward(Affine)
### END HIDDEN TESTS
check_close("Affine(W1, B1).forward(X1)", Affine(W1, B1).forward(X1), [[5.1, -0.8, -1.2]],
            hint="out = x·W + b: [1·1 + 2·2, 1·(−1) + 2·0, 1·0.5 + 2·(−1)] + [0.1, 0.2, 0.3]")
check_close("Affine(W, B).forward(X), a batch of 2", Affine(W, B).forward(X),
            [[5.5, -1.5], [2.5, 2.5]], hint="out = x·W + b, one row per sample; b is added to every row")
check_close("Affine(W, B).forward of X as shape (2, 1, 3)", Affine(W, B).forward(X.reshape(2, 1, 3)),
            [[5.5, -1.5], [2.5, 2.5]], hint="flatten x to (N, D) first, one row per sample (lecture 5, section 8)")

# %% nbgrader={"grade_id": "affine_backward_test", "grade": true, "points": 4}
checking("Affine", see="lecture 5 (ch05_affine.ipynb), section “7 · The batch version”, then the book's §5.6.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.affine_backward(Affine)
### END HIDDEN TESTS
# One sample, with dout = [[1, 0, -1]]
layer = Affine(W1, B1)
layer.forward(X1)
dx = layer.backward(np.array([[1.0, 0.0, -1.0]]))
for name in ("dW", "db"):                     # the names the network reads (as in the book)
    if getattr(layer, name, None) is None:
        near = [a for a in vars(layer) if a.lower() == name.lower() and a != name]
        raise _failed(f"✗ Affine.backward did not set self.{name}."
                      + (f" Your layer has self.{near[0]}: Python names are case-sensitive, "
                         f"and the network reads self.{name}." if near else ""))
check_close("dx of one sample", dx, [[0.5, 3.0]],
            hint="dx has x's shape (1, 2); which product of dout (1, 3) and W (2, 3) gives it? "
                 "Lecture 5, sections 4 and 5")
check_close("dW of one sample", layer.dW, [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]],
            hint="dW has W's shape (2, 3): for one sample every input meets every upstream "
                 "gradient (lecture 5, section 4)")
check_close("db of one sample", layer.db, [1.0, 0.0, -1.0],
            hint="db has b's shape (3,): what does a + node send back to its inputs? "
                 "(lecture 3, section 1)")
# The batch of 2, with dout = [[1, 2], [3, -1]]
layer = Affine(W, B)
layer.forward(X)
dx = layer.backward(dout)
check_close("dx of the batch", dx, [[-1.0, 2.0, 2.0], [4.0, 6.0, -1.0]],
            hint="dx has x's shape (2, 3), one row per sample (lecture 5, section 7)")
check_close("dW of the batch", layer.dW, [[1.0, 2.0], [5.0, 3.0], [9.0, -3.0]],
            hint="dW has W's shape (3, 2): every sample used the same W, so what happens to "
                 "the samples' contributions? (lecture 5, section 7)")
check_close("db of the batch", layer.db, [4.0, 1.0],
            hint="db has b's shape (2,), one entry per output: b was added to every row "
                 "(lecture 5, “Why ∂L/∂B is a sum”)")
# The same batch as an N-d input (2, 1, 3)
layer = Affine(W, B)
layer.forward(X.reshape(2, 1, 3))
dx = layer.backward(dout)
check_shape("shape of dx for x of shape (2, 1, 3)", np.shape(dx), (2, 1, 3),
            hint="dx goes back to the layer that produced x, in the shape x had in forward")
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
# ## 3 · Derive it yourself: centring over the batch (평균 빼기)
#
# Batch normalisation (배치 정규화, the book's §6.3.1) starts by **centring** every feature over
# the batch: from each column of $x$ (N, D) it subtracts that column's mean over the N samples,
#
# $$\mu_j = \frac{1}{N}\sum_{n=1}^{N} x_{nj}, \qquad \text{out}_{nj} = x_{nj} - \mu_j .$$
#
# The layer `Center` below does only this step. Its `forward` is given; you write `backward`.
# Neither the lectures nor this lab write its result down: you derive it from the graph.
#
# ```
#                            x  (N, D)
#                              │
#            ┌─────────────────┴──────────────────┐       x is used twice (fan-out)
#            │                                     ▼
#            │                    ┌──────────────────────────────┐
#            │                    │ mean over the batch (axis 0) │   μ_j = (x_1j + … + x_Nj) / N
#            │                    └───────────────┬──────────────┘
#            │                                    │  μ  (D,)
#            │                                    ▼
#            │                    ┌──────────────────────────────┐
#            │                    │     copy to all N rows       │   broadcasting, as for a bias
#            │                    └───────────────┬──────────────┘
#            │                                    │  (N, D)
#            ▼                                    ▼
#            x ─────────────────────► ( − ) ◄──── μ in every row
#                                       │
#                                       ▼
#                                out = x − μ   (N, D)
# ```
#
# The example of the checks: $x = \begin{pmatrix} 1 & 2 \\ 3 & 0 \\ 5 & 4 \end{pmatrix}$,
# so $\mu = (3,\ 2)$ and $\text{out} = \begin{pmatrix} -2 & 0 \\ 0 & -2 \\ 2 & 2 \end{pmatrix}$;
# the upstream gradient is
# $\text{dout} = \begin{pmatrix} 1 & 2 \\ 2 & 3 \\ 6 & -2 \end{pmatrix}$.
#
# **Derive `dx` one node at a time,** from `out` back to `x`, with the local derivative of each
# node times the gradient that arrives at it (lecture 2, section 3, “The chain rule on the
# graph”):
#
# 1. **The − node.** What does it send back to its first input, `x`, and what to its second
#    input, the copies of μ? (A − node is an add node whose second input is multiplied by −1;
#    lecture 3, section 1.)
# 2. **The copy node.** μ_j was used in all N rows. Backward, the gradients of the copies
#    **add up**: the same rule as for the bias of the Affine layer (lecture 5, “Why ∂L/∂B is a
#    sum”). What is the gradient that arrives at μ, shape (D,)?
# 3. **The mean node.** $\mu_j$ depends on each of $x_{1j}, \dots, x_{Nj}$ with local derivative
#    $\partial \mu_j / \partial x_{nj} = 1/N$ (and not at all on the other columns). So each of
#    the N inputs of a column gets $1/N$ of the gradient that arrived at $\mu_j$.
# 4. **The fan-out.** `x` reached the output along two paths, directly and through the mean.
#    Its gradient is the **sum** of what arrives along both (lecture 2, section 5, “Fan-out”).
#
# Write the result with numpy on whole arrays (no loop needed), in the shape of `x`. Check it on
# the example by hand first: the first element of `dx` is −2. Two tips: backward must not
# change `dout` in place (`dout -= …` changes the caller's array), and `backward` gets the
# batch size from `dout` itself.

# %% nbgrader={"grade_id": "center", "solution": true}
class Center:
    """Centring over the batch: every feature minus its mean over the N samples.

    forward(x): x (N, D) -> out (N, D), out = x − (the mean of x over axis 0).
    backward(dout): dout (N, D) -> dx (N, D).
    """

    def forward(self, x):
        mu = x.mean(axis=0)          # (D,): each feature's mean over the batch
        return x - mu                # μ is broadcast to every row

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout - dout.mean(axis=0)
        ### END SOLUTION


# %% nbgrader={"grade_id": "center_test", "grade": true, "points": 3}
checking("Center", see="lecture 2 (ch02_chain_rule.ipynb), section “5. Fan-out”, then lecture 5 (ch05_affine.ipynb), section “Why ∂L/∂B is a sum”")
### BEGIN HIDDEN TESTS
from autograder.checks import ch05_affine as hidden
hidden.center(Center)
### END HIDDEN TESTS
x_c = np.array([[1.0, 2.0],
                [3.0, 0.0],
                [5.0, 4.0]])                     # (N, D) = (3, 2), μ = (3, 2)
dout_c = np.array([[1.0, 2.0],
                   [2.0, 3.0],
                   [6.0, -2.0]])                 # ∂L/∂out, (3, 2)
layer = Center()
check_close("Center().forward(x_c)", layer.forward(x_c), [[-2.0, 0.0], [0.0, -2.0], [2.0, 2.0]],
            hint="forward is given: out = x − μ with μ = (3, 2); restore it if you changed it")
dx_c = layer.backward(dout_c)
check_shape("shape of dx", np.shape(dx_c), (3, 2), hint="dx has the shape of x, (N, D)")
KNOWN_C = [
    ([[1, 2], [2, 3], [6, -2]],
     "dx equals dout: that is only the direct path from x into the − node. x also reaches "
     "the output through the mean node (fan-out): add the gradient of that path (steps 1-4)"),
    ([[4, 3], [5, 4], [9, -1]],
     "the path through the mean has the wrong sign: μ is subtracted, so the − node sends "
     "−1 times its upstream gradient to μ (step 1)"),
    ([[-8, -1], [-7, 0], [-3, -5]],
     "the 1/N of the mean node is missing: each of the N inputs of a column gets 1/N of the "
     "gradient that arrived at μ_j (step 3)"),
    ([[2 / 3, 4 / 3], [4 / 3, 2], [4, -4 / 3]],
     "each element counted only its own row: μ_j was copied into all N rows, so the gradient "
     "that arrives at μ_j adds up the gradients of the whole column (step 2)"),
    ([[-0.5, 0.5], [-0.5, 0.5], [4, -4]],
     "the mean was taken over axis 1, the features of one sample: μ averages each feature "
     "over the batch, axis 0 (step 3)"),
    ([[-1, 0], [0, 1], [4, -4]],
     "the mean was taken over the whole array (no axis): μ has one entry per feature, the "
     "mean over the batch, axis 0 (step 3)"),
]
check_close("dx for x_c and dout_c", dx_c, [[-2.0, 1.0], [-1.0, 2.0], [3.0, -3.0]],
            hint=likely_cause(dx_c, KNOWN_C, "go through steps 1-4 above with the example's "
                                             "numbers, one node at a time"))
check_close("dout_c after backward", dout_c, [[1.0, 2.0], [2.0, 3.0], [6.0, -2.0]],
            hint="backward changed dout in place (dout -= …): build a new array instead")
# One feature, N = 4: a single upstream gradient reaches every input through the mean
layer = Center()
layer.forward(np.array([[1.0], [2.0], [3.0], [6.0]]))
dout_1 = np.array([[4.0], [0.0], [0.0], [0.0]])
dx_1 = layer.backward(dout_1)
check_close("dx for dout = [[4], [0], [0], [0]]", dx_1, [[3.0], [-1.0], [-1.0], [-1.0]],
            hint=likely_cause(dx_1, [([[4], [0], [0], [0]], KNOWN_C[0][1]),
                                     ([[3], [0], [0], [0]], KNOWN_C[3][1]),
                                     ([[0], [-4], [-4], [-4]], KNOWN_C[2][1]),
                                     ([[5], [1], [1], [1]], KNOWN_C[1][1])],
                              "μ depends on all four inputs, so all four get a share of the "
                              "gradient that arrives at μ (steps 2-4)"))
check_close("dout after backward", dout_1, [[4.0], [0.0], [0.0], [0.0]],
            hint="backward changed dout in place (dout -= …): build a new array instead")

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the Softmax-with-Loss layer, whose backward produces
# the `dout` that reaches the last Affine layer.
