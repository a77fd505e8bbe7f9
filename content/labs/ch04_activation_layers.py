# %% [markdown]
# # Lab 4 · Activation layers (활성화 함수 계층)
#
# *Deep Learning from Scratch* §5.5. Lecture: `notebooks/ch04_activation_layers.ipynb`.
#
# You will write the activation functions (활성화 함수) of a network as layers (계층), each
# with a `forward` and a `backward` method, as the book does:
#
# 1. `Relu` — forward remembers a *mask* (마스크) of the inputs ≤ 0 for its backward. (3 points)
# 2. `Sigmoid` — forward remembers its output `y` for its backward. (3 points)
# 3. `Tanh` — an extension beyond the book, built like `Sigmoid`. (2 points)
# 4. `Softplus` — derive it yourself: a layer whose backward neither the book nor the
#    lecture writes down. You get its forward and its graph; you find the derivative. (3 points)
#
# The lab does not repeat the backward formulas: each section says where the lecture
# derives them. Work them out there (or on paper) first, then write the code.
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on the book's example; when you submit, *hidden checks* also
# try your layer on random arrays of random shapes and compare its `backward` with numerical
# derivatives. Every failed check says which quantity is wrong, what was expected, what you
# returned, and the most likely cause.
#
# The layers work element by element on numpy arrays of any shape: one sample `(D,)` or a
# batch (배치) `(N, D)`. Two rules hold for every layer here, and the hidden checks test
# them: **forward must not change its input `x`, and backward must not change `dout`** —
# the caller (and the other layers) may still need those arrays.
#
# **If you type the book's code.** The book's `Relu.backward` (§5.5.1) assigns into the
# `dout` it is given and returns that same array. That changes the caller's array, which
# this lab forbids (lecture 4, section 6 shows what it breaks), so the book's
# `Relu.backward` loses the points of its test cell, and the message says so in its first
# line: work on a copy instead. The book's `Sigmoid` (§5.5.2) fits this lab's interface as
# it is. `Tanh` and `Softplus` are not in the book.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · The ReLU layer (ReLU 계층)
#
# $$y = \begin{cases} x & (x > 0)\\ 0 & (x \le 0)\end{cases}$$
#
# Its derivative, and what backward does with it, are derived in lecture 4, section 2
# (“ReLU and its derivative”), and pictured in section 4 (“The switch analogy”, 스위치).
#
# - `forward(x)` stores the mask, `self.mask = (x <= 0)`: a boolean array of `x`'s shape,
#   `True` where the switch is off. It returns `x` with those elements set to 0.
# - `backward(dout)` returns `dx`, an array of `dout`'s shape, built from `dout` and the
#   mask alone.
#
# **The convention at 0.** ReLU has no derivative at exactly $x = 0$. The book's equation
# 5.8 puts $x = 0$ on the switched-off side, and so does this course: the mask is `x <= 0`,
# not `x < 0` (lecture 4, section 2 says why). The hidden checks test $x = 0$ separately.
#
# The book's example, $x$ = `[[1.0, -0.5], [-2.0, 3.0]]`, has the mask
# `[[False, True], [True, False]]` and the output `[[1.0, 0.0], [0.0, 3.0]]`.
# Beware: setting elements of `x` or `dout` in place (`x[mask] = 0`) changes the caller's
# array. Work on a copy, or build a new array.

# %% nbgrader={"grade_id": "relu", "solution": true}
class Relu:
    """ReLU layer: forward(x) -> out, backward(dout) -> dx.

    x, out, dout, dx: float arrays of one shape, e.g. (D,) or (N, D).
    self.mask: boolean array of x's shape, True where x <= 0 (set by forward).
    """

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


# %% nbgrader={"grade_id": "relu_test", "grade": true, "points": 3}
checking("Relu", see="lecture 4 (ch04_activation_layers.ipynb), section “2 · ReLU and its derivative”, then the book's §5.5.1")
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.relu(Relu)
### END HIDDEN TESTS
x = np.array([[1.0, -0.5], [-2.0, 3.0]])
relu = Relu()
out = relu.forward(x)
check_close("Relu.forward(x)", out, [[1.0, 0.0], [0.0, 3.0]],
            hint="ReLU keeps x where x > 0 and outputs 0 where x <= 0")
check_close("relu.mask after forward", relu.mask, [[False, True], [True, False]],
            hint="forward stores self.mask = (x <= 0): True where the switch is off")
check_close("x after forward (unchanged)", x, [[1.0, -0.5], [-2.0, 3.0]],
            hint="forward must not change its input: set the zeros in a copy of x")
dout = np.array([[0.1, 0.2], [0.3, 0.4]])
dx = relu.backward(dout)
check_close("Relu.backward(dout)", dx, [[0.1, 0.0], [0.0, 0.4]],
            hint="what flows back through a switch that is on, and through one that is off? "
                 "(lecture 4, section 4)")
check_close("dout after backward: unchanged (the book's Relu.backward changes dout in place; "
            "this lab's layers must not)", dout, [[0.1, 0.2], [0.3, 0.4]],
            hint="zeroing entries of dout itself writes into the caller's array (lecture 4, section 6 "
                 "shows what that breaks): set the zeros in a copy of dout instead")
relu_at_0 = Relu()
relu_at_0.forward(np.array([0.0, 2.0]))
check_close("Relu.backward at x = [0, 2]", relu_at_0.backward(np.array([1.0, 1.0])), [0.0, 1.0],
            hint="the book's convention: at x = 0 the switch is off (the mask is x <= 0)")

# %% [markdown]
# Why the hidden checks treat $x = 0$ separately: a numerical derivative (수치 미분) straddles
# the kink there. With $f(x) = \mathrm{ReLU}(x)$ the central difference at 0 is
# $\frac{f(h) - f(-h)}{2h} = \frac{h - 0}{2h} = 0.5$, neither 0 nor 1. Away from 0 (farther
# than $h$) it agrees with your `backward`:

# %%
x = np.array([-1.5, -0.2, 0.0, 0.3, 2.0])
numeric = numerical_gradient(lambda v: np.sum(Relu().forward(v)), x.copy())
relu = Relu()
relu.forward(x)
print("x:        ", x)
print("numerical:", numeric)
print("backprop: ", relu.backward(np.ones_like(x)))

# %% [markdown]
# ## 2 · The Sigmoid layer (Sigmoid 계층)
#
# $$y = \frac{1}{1 + \exp(-x)}$$
#
# Lecture 4, section 7 (“The sigmoid function and its computational graph”, 계산 그래프)
# backpropagates through the graph ×(−1), exp, +1, / node by node, and section 8
# simplifies the product of the four local derivatives to an expression of the
# **output** $y$ alone. Follow the derivation there, then write it.
#
# - `forward(x)` returns $y$ and stores it in `self.out` (backward needs it).
# - `backward(dout)` returns `dx`, an array of `x`'s shape.
#
# The hidden checks also try inputs of ±1000. `np.exp(1000)` overflows to `inf` (numpy
# warns), but $1/(1 + \infty) = 0$ is the right sigmoid value, so the book's formula is fine;
# a form such as $\exp(x)/(\exp(x) + 1)$ gives $\infty/\infty$ = NaN instead.

# %% nbgrader={"grade_id": "sigmoid", "solution": true}
class Sigmoid:
    """Sigmoid layer: forward(x) -> out = 1 / (1 + exp(-x)), backward(dout) -> dx.

    x, out, dout, dx: float arrays of one shape, e.g. (D,) or (N, D).
    self.out: the output y of the latest forward call.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout * (1.0 - self.out) * self.out
        return dx
        ### END SOLUTION


# %% nbgrader={"grade_id": "sigmoid_test", "grade": true, "points": 3}
checking("Sigmoid", see="lecture 4 (ch04_activation_layers.ipynb), section “7 · The sigmoid function and its computational graph”, then the book's §5.5.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.sigmoid(Sigmoid)
### END HIDDEN TESTS
sigmoid = Sigmoid()
check_close("Sigmoid.forward at x = 0", sigmoid.forward(np.array([0.0])), [0.5],
            hint="y = 1 / (1 + exp(-x)) is 1/2 at x = 0 (and forward must return it)")
check_close("Sigmoid.backward at x = 0, dout = 1", sigmoid.backward(np.array([1.0])), [0.25],
            hint="the local derivative of the sigmoid node at y = 0.5 (lecture 4, section 8)")
check_close("Sigmoid.backward at x = 0, dout = 2", sigmoid.backward(np.array([2.0])), [0.5],
            hint="backward multiplies the local derivative by dout")

# %% [markdown]
# The simplified backward agrees with the numerical derivative of the forward pass:

# %%
x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
numeric = numerical_gradient(lambda v: np.sum(Sigmoid().forward(v)), x.copy())
sigmoid = Sigmoid()
sigmoid.forward(x)
print("numerical:", np.round(numeric, 6))
print("backprop: ", np.round(sigmoid.backward(np.ones_like(x)), 6))

# %% [markdown]
# ## 3 · Extension: the Tanh layer (쌍곡탄젠트 계층)
#
# The hyperbolic tangent is another S-shaped activation, with outputs in $(-1, 1)$:
#
# $$y = \tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)} = 2\,\mathrm{sigmoid}(2x) - 1$$
#
# Like the sigmoid's, its derivative is a function of the output $y$ alone: lecture 4,
# section 10 (“An extension: Tanh”) derives it from the sigmoid's. Write the layer the same
# way: `forward(x)` returns $y$ and stores it in `self.out`; `backward(dout)` returns `dx`.
# Use `np.tanh`: the quotient of exponentials above overflows to NaN at ±1000.

# %% nbgrader={"grade_id": "tanh", "solution": true}
class Tanh:
    """Tanh layer: forward(x) -> out = tanh(x), backward(dout) -> dx.

    x, out, dout, dx: float arrays of one shape, e.g. (D,) or (N, D).
    self.out: the output y of the latest forward call.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.out = np.tanh(x)
        return self.out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout * (1.0 - self.out ** 2)
        return dx
        ### END SOLUTION


# %% nbgrader={"grade_id": "tanh_test", "grade": true, "points": 2}
checking("Tanh", see="lecture 4 (ch04_activation_layers.ipynb), section “10 · An extension: Tanh”")
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.tanh(Tanh)
### END HIDDEN TESTS
tanh = Tanh()
check_close("Tanh.forward at x = [0, 1]", tanh.forward(np.array([0.0, 1.0])), [0.0, 0.76159416],
            hint="y = np.tanh(x) (and forward must return it)")
check_close("Tanh.backward at x = [0, 1], dout = 1", tanh.backward(np.array([1.0, 1.0])),
            [1.0, 0.41997434], hint="the derivative of lecture 4, section 10, written with "
                                    "the output y that forward stored")

# %% [markdown]
# ## 4 · Derive it yourself: the Softplus layer (소프트플러스)
#
# **Softplus** is a smooth ReLU: close to 0 for very negative $x$, close to $x$ for large
# $x$, with no corner in between:
#
# $$y = \mathrm{softplus}(x) = \log\big(1 + \exp(x)\big).$$
#
# Neither the book nor the lecture derives its backward pass: that is your job. Do it the
# way lecture 4, section 7 backpropagates through the sigmoid, node by node. Draw the graph:
# an exp node, a +1 node, a log node. Here it is with the forward values at $x = 1$:
#
# ```
#    x ───► [ exp ] ───► a ───► [ +1 ] ───► c ───► [ log ] ───► y
#   1.0               2.7183             3.7183              1.3133
#
#   dx ◄─── ? ◄──────────── ? ◄──────────── ? ◄──────────── ∂L/∂y = dout
# ```
#
# Write down each node's local derivative (국소적 미분) — section 7's table has two of them;
# the third is a line of calculus — and multiply them, right to left, onto `dout`. What
# reaches $x$ is `dx`. Then write it with as few operations as you can, and check it against
# the numbers below (and against a central difference, as in lecture 4, section 6).
#
# **The forward is given: compute it stably.** Computed as written, `np.log(1 + np.exp(x))`
# overflows: at $x = 1000$, `np.exp(1000)` is `inf` and the result is `inf`, although the
# true value is 1000 (plus about $10^{-435}$). Use
#
# ```python
# out = np.logaddexp(0.0, x)      # log(exp(0) + exp(x)) = log(1 + exp(x)), never overflows
# ```
#
# `np.logaddexp(a, b)` computes $\log(e^a + e^b)$ as $\max(a, b) + \log(1 + e^{-|a - b|})$:
# the exp it takes only ever sees a number $\le 0$.
#
# - `forward(x)` returns $y$ and stores on the layer whatever your `backward` needs.
# - `backward(dout)` returns `dx`, an array of `x`'s shape.
#
# **Large inputs.** Your `backward` must give finite, correct values at $x = \pm 1000$ too
# (the checks below try them). If your formula takes `np.exp` of `x` itself, it overflows
# there (`inf / inf` is NaN): rewrite it so that exp only sees numbers $\le 0$ (for
# example, multiply a numerator and a denominator by the same factor), or compute it from
# quantities that cannot overflow.

# %% nbgrader={"grade_id": "softplus", "solution": true}
class Softplus:
    """Softplus layer: forward(x) -> out = log(1 + exp(x)), backward(dout) -> dx.

    x, out, dout, dx: float arrays of one shape, e.g. (D,) or (N, D).
    forward stores on the layer what backward needs (self.x, self.out, or both).
    """

    def __init__(self):
        self.x = None
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.x = x
        self.out = np.logaddexp(0.0, x)
        return self.out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        z = np.exp(-np.abs(self.x))             # in (0, 1]: never overflows
        dx = dout * np.where(self.x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
        return dx
        ### END SOLUTION


# %% nbgrader={"grade_id": "softplus_test", "grade": true, "points": 3}
checking("Softplus", see="lecture 4 (ch04_activation_layers.ipynb), section “7 · The sigmoid function and its computational graph”, then the book's §5.5.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.softplus(Softplus)
### END HIDDEN TESTS
x = np.array([[-2.0, 0.0], [1.0, 3.0]])
softplus = Softplus()
check_close("Softplus.forward(x)", softplus.forward(x),
            [[0.12692801, 0.69314718], [1.31326169, 3.04858735]],
            hint="forward returns np.logaddexp(0.0, x), which is log(1 + exp(x))")
dout = np.array([[1.0, 2.0], [0.5, -1.0]])
check_close("Softplus.backward(dout)", softplus.backward(dout),
            [[0.11920292, 1.0], [0.36552929, -0.95257413]],
            hint="multiply dout by the local derivatives of the log, +1 and exp nodes, "
                 "right to left, as lecture 4, section 7 does for the sigmoid's nodes")
check_close("x after forward (unchanged)", x, [[-2.0, 0.0], [1.0, 3.0]],
            hint="forward must not change x: build a new array instead of assigning into it")
check_close("dout after backward (unchanged)", dout, [[1.0, 2.0], [0.5, -1.0]],
            hint="backward must not change dout: build a new array (dout * ...) instead of "
                 "assigning into it (dout *= ...)")
large = Softplus()
check_close("Softplus.forward at x = [-1000, 1000]", large.forward(np.array([-1000.0, 1000.0])),
            [0.0, 1000.0], hint="use np.logaddexp(0.0, x): np.log(1 + np.exp(x)) overflows")
check_close("Softplus.backward at x = [-1000, 1000], dout = 1",
            large.backward(np.array([1.0, 1.0])), [0.0, 1.0],
            hint="exp overflows for large x: exp(1000) is inf, and inf / inf is NaN. Rewrite "
                 "your formula so that exp only sees numbers <= 0")

# %% [markdown]
# Your derivative should agree with the numerical derivative (수치 미분) of the forward pass
# (run this once your layer passes; it prints two equal rows):

# %%
x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
numeric = numerical_gradient(lambda v: np.sum(Softplus().forward(v)), x.copy())
softplus = Softplus()
softplus.forward(x)
print("numerical:", np.round(numeric, 6))
print("backprop: ", np.round(softplus.backward(np.ones_like(x)), 6))

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the Affine layer, where backward is a matrix
# product and the gradients of the weights and the bias come out too.
