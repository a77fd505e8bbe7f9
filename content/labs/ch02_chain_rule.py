# %% [markdown]
# # Lab 2 · The chain rule (연쇄법칙)
#
# *Deep Learning from Scratch* §5.2. Lecture: `notebooks/ch02_chain_rule.ipynb`.
#
# 1. `numerical_diff` — the central difference (중심 차분), the check every later lab relies on. (3 points)
# 2. `square_of_sum` — $z = (x+y)^2$ and its gradients by the chain rule. (2 points)
# 3. `fanout` — $f = (a+b)(b+c)$, where `b` is used twice (fan-out, 분기). (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on small worked examples; when you submit, *hidden checks* also
# try your code on random numbers and arrays. Every failed check says which quantity is
# wrong, what was expected, what you returned, and the most likely cause, and which section
# of the lecture to re-read.
#
# **If you type the book's code.** The book's `numerical_diff(f, x)` (§4.3.1) fixes
# `h = 1e-4` inside the function. Here `numerical_diff(f, x, h=1e-4)` takes the step as a third
# argument with that default, and the checks call it with other steps too: the book's `return`
# line is right, but its `def` line needs the parameter `h` and its line `h = 1e-4` must go.
# §5.2 of the book has no code, so `square_of_sum` and `fanout` are the lab's own.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% [markdown]
# ## 1 · Numerical differentiation (수치 미분)
#
# The derivative is the limit of a difference quotient, so a tiny step `h` looks tempting. It is
# not: with `h = 1e-50` and an ordinary `x` such as 3.0, `x + h` rounds back to exactly `x` in
# float64 (`1e-50` itself is a perfectly good float64; the sum has no digits left for it), and
# the estimate is 0. The book uses `h = 1e-4`, and the **central difference** (중심 차분),
# which nudges `x` both ways: its error shrinks like $h^2$, where the forward difference's
# shrinks only like $h$.
# Section 4 of lecture 2 derives it, and shows both errors against `h`.
#
# Write `numerical_diff(f, x, h=1e-4)`, the central difference for a function `f` of one
# number. Use the `h` you are given.

# %% nbgrader={"grade_id": "numerical_diff", "solution": true}
def numerical_diff(f, x, h=1e-4):
    """The central difference: an estimate of f'(x) for a scalar function f and a number x."""
    ### BEGIN SOLUTION
    return (f(x + h) - f(x - h)) / (2 * h)
    ### END SOLUTION


# %% nbgrader={"grade_id": "numerical_diff_test", "grade": true, "points": 3}
checking("numerical_diff", see="lecture 2 (ch02_chain_rule.ipynb), section “4. Numerical differentiation”, then the book's §4.3.1")
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.numerical_diff(numerical_diff)
### END HIDDEN TESTS
check_close("numerical_diff(x², at 3)", numerical_diff(lambda x: x ** 2, 3.0), 6.0)
check_close("numerical_diff(x³, at 2)", numerical_diff(lambda x: x ** 3, 2.0), 12.0,
            rtol=1e-7, hint="at h = 1e-4 the central difference of x³ is off by only h² = 1e-8")
check_close("numerical_diff(x³, at 2, h=0.5)", numerical_diff(lambda x: x ** 3, 2.0, 0.5), 12.25,
            hint="with the h you are given, the central difference of x³ is 3x² + h² exactly")

# %% [markdown]
# ## 2 · $z = (x+y)^2$ by the chain rule
#
# Split it into $t = x + y$ and $z = t^2$, two nodes of a graph. Compute it the way backward
# propagation does: first the forward values, then the local derivative of each node,
# multiplied from the output back (the chain rule, section 2 of lecture 2).
# Return `(z, dz_dx, dz_dy)`; `x` and `y` may be numbers or arrays of one shape.

# %% nbgrader={"grade_id": "square_of_sum", "solution": true}
def square_of_sum(x, y):
    """z = (x + y)**2 and its partial derivatives. Returns (z, dz_dx, dz_dy)."""
    ### BEGIN SOLUTION
    t = x + y
    z = t ** 2
    dz_dt = 2 * t
    dz_dx = dz_dt * 1
    dz_dy = dz_dt * 1
    return z, dz_dx, dz_dy
    ### END SOLUTION


# %% nbgrader={"grade_id": "square_of_sum_test", "grade": true, "points": 2}
checking("square_of_sum", see="lecture 2 (ch02_chain_rule.ipynb), section “2. Composite functions and the chain rule”, then the book's §5.2.2 and §5.2.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.square_of_sum(square_of_sum)
### END HIDDEN TESTS
z, dz_dx, dz_dy = square_of_sum(1.0, 2.0)
check_close("z at x=1, y=2", z, 9.0)
check_close("∂z/∂x at x=1, y=2", dz_dx, 6.0,
            hint="∂z/∂t · ∂t/∂x: the square node's local derivative at t = 3, times the add node's")
check_close("∂z/∂y at x=1, y=2", dz_dy, 6.0,
            hint="∂z/∂t · ∂t/∂y: the square node's local derivative at t = 3, times the add node's")

# %% [markdown]
# ## 3 · Fan-out: a value used twice
#
# $f = (a+b)(b+c)$: write $x = a + b$, $y = b + c$, $f = xy$. The input `b` reaches `f` along
# **two** paths, one through `x` and one through `y`. Section 5 of lecture 2 shows what
# backward propagation does with a value that fans out (분기) like this; work out the local
# derivatives of the three nodes and follow every path back to `a`, `b` and `c`.
# At $a=-1, b=3, c=4$ (the example of a study note) the numbers are $f = 14$,
# $\partial f/\partial a = 7$, $\partial f/\partial b = 9$, $\partial f/\partial c = 2$.
# Return `(f, df_da, df_db, df_dc)`.

# %% nbgrader={"grade_id": "fanout", "solution": true}
def fanout(a, b, c):
    """f = (a + b) * (b + c) and its partial derivatives. Returns (f, df_da, df_db, df_dc)."""
    ### BEGIN SOLUTION
    x = a + b
    y = b + c
    f = x * y
    df_dx, df_dy = y, x
    return f, df_dx * 1, df_dx * 1 + df_dy * 1, df_dy * 1
    ### END SOLUTION


# %% nbgrader={"grade_id": "fanout_test", "grade": true, "points": 3}
checking("fanout", see="lecture 2 (ch02_chain_rule.ipynb), section “5. Fan-out”, then the book's §5.2.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.fanout(fanout)
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout(-1.0, 3.0, 4.0)
check_close("f(-1, 3, 4)", f, 14.0)
check_close("∂f/∂a", df_da, 7.0)
check_close("∂f/∂b", df_db, 9.0, hint="b is used twice: both of its paths to f count")
check_close("∂f/∂c", df_dc, 2.0)

# %% [markdown]
# Check your chain-rule gradients with your own central difference, `numerical_diff`: nudge
# one input at a time and keep the others fixed.

# %%
a, b, c = -1.0, 3.0, 4.0
print("∂f/∂a ≈", round(numerical_diff(lambda v: fanout(v, b, c)[0], a), 6))
print("∂f/∂b ≈", round(numerical_diff(lambda v: fanout(a, v, c)[0], b), 6))
print("∂f/∂c ≈", round(numerical_diff(lambda v: fanout(a, b, v)[0], c), 6))

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the add and multiply nodes as reusable layers.
