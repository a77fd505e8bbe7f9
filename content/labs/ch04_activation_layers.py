# %% [markdown]
# # Lab 4 · Activation layers (활성화 함수 계층)
#
# *Deep Learning from Scratch* §5.5. Lecture: `notebooks/ch04_activation_layers.ipynb`.
#
# You will write the activation functions (활성화 함수) of a network as layers (계층), each
# with a `forward` and a `backward` method, as the book does:
#
# 1. `Relu` — forward remembers a *mask* (마스크) of the inputs ≤ 0; backward blocks `dout` there. (3 points)
# 2. `Sigmoid` — forward remembers its output `y`; backward is `dout·y(1 − y)`. (3 points)
# 3. `Tanh` — an extension beyond the book: backward is `dout·(1 − y²)`. (2 points)
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

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · The ReLU layer (ReLU 계층)
#
# $$y = \begin{cases} x & (x > 0)\\ 0 & (x \le 0)\end{cases} \qquad
# \frac{\partial y}{\partial x} = \begin{cases} 1 & (x > 0)\\ 0 & (x \le 0)\end{cases}$$
#
# ReLU acts like a **switch** (스위치) in an electric circuit: where the forward input was
# positive the switch is on and backward passes `dout` through unchanged; where it was 0 or
# negative the switch is off and backward sends 0.
#
# - `forward(x)` stores the mask, `self.mask = (x <= 0)`: a boolean array of `x`'s shape,
#   `True` where the switch is off. It returns `x` with those elements set to 0.
# - `backward(dout)` returns `dx`: `dout` where the mask is `False`, 0 where it is `True`.
#
# **The convention at 0.** ReLU has no derivative at exactly $x = 0$. The book picks 0
# (equation 5.8 says 0 for $x \le 0$), and so does this course: the mask is `x <= 0`, not
# `x < 0`. The hidden checks test $x = 0$ separately.
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
            hint="dout passes where the switch is on (x > 0); dx is 0 where the mask is True")
check_close("dout after backward (unchanged)", dout, [[0.1, 0.2], [0.3, 0.4]],
            hint="backward must not change dout: assigning into it (dout[mask] = 0) changes "
                 "the caller's array; set the zeros in a copy instead")
relu_at_0 = Relu()
relu_at_0.forward(np.array([0.0, 2.0]))
check_close("Relu.backward at x = [0, 2]", relu_at_0.backward(np.array([1.0, 1.0])), [0.0, 1.0],
            hint="the book's convention: at x = 0 the switch is off (mask is x <= 0), so dx = 0")

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
# Through its computational graph (계산 그래프) — the nodes ×(−1), exp, +1 and / — the
# backward pass multiplies `dout` by $-y^2$ (the `/` node), 1 (the `+` node), $\exp(-x)$
# (the exp node) and $-1$ (the × node). The two minus signs cancel, and the product
# simplifies to an expression of the **output** alone:
#
# $$\frac{\partial L}{\partial y}\, y^2 \exp(-x) = \frac{\partial L}{\partial y}\, y\,(1 - y)$$
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
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.sigmoid(Sigmoid)
### END HIDDEN TESTS
sigmoid = Sigmoid()
check_close("Sigmoid.forward at x = 0", sigmoid.forward(np.array([0.0])), [0.5],
            hint="y = 1 / (1 + exp(-x)) is 1/2 at x = 0 (and forward must return it)")
check_close("Sigmoid.backward at x = 0, dout = 1", sigmoid.backward(np.array([1.0])), [0.25],
            hint="dx = dout · y · (1 − y) = 1 · 0.5 · 0.5")
check_close("Sigmoid.backward at x = 0, dout = 2", sigmoid.backward(np.array([2.0])), [0.5],
            hint="dx = dout · y · (1 − y): multiply by dout")

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
# $$y = \tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)} = 2\,\mathrm{sigmoid}(2x) - 1,
# \qquad \frac{dy}{dx} = 1 - \tanh^2(x) = 1 - y^2$$
#
# Like the sigmoid, its derivative is a function of the output $y$ alone. Write the layer
# the same way: `forward(x)` returns $y$ and stores it in `self.out`; `backward(dout)`
# returns `dx`. Use `np.tanh`: the quotient of exponentials above overflows to NaN at ±1000.

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
### BEGIN HIDDEN TESTS
from autograder.checks import ch04_activation_layers as hidden
hidden.tanh(Tanh)
### END HIDDEN TESTS
tanh = Tanh()
check_close("Tanh.forward at x = [0, 1]", tanh.forward(np.array([0.0, 1.0])), [0.0, 0.76159416],
            hint="y = np.tanh(x) (and forward must return it)")
check_close("Tanh.backward at x = [0, 1], dout = 1", tanh.backward(np.array([1.0, 1.0])),
            [1.0, 0.41997434], hint="dx = dout · (1 − y²), with y the output of forward")

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the Affine layer, where backward is a matrix
# product and the gradients of the weights and the bias come out too.
