# %% [markdown]
# # Lab 2 · The chain rule (연쇄법칙)
#
# *Deep Learning from Scratch* §5.2. Lecture: `notebooks/ch02_chain_rule.ipynb`.
#
# 1. `numerical_derivative` — the central difference, the check every later lab relies on. (3 points)
# 2. `square_of_sum` — $z = (x+y)^2$ and its gradients by the chain rule. (2 points)
# 3. `fanout` — $f = (a+b)(b+c)$, where `b` is used twice and its gradients add. (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on the book's example; when you submit, *hidden checks* also
# try your code on random numbers and arrays. Every failed check says which quantity is
# wrong, what was expected, what you returned, and the most likely cause.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% [markdown]
# ## 1 · Numerical differentiation (수치 미분)
#
# The derivative is the limit of a difference quotient. With a small but not tiny `h`
# (the book uses `1e-4`; `1e-50` rounds to nothing in floating point), the **central**
# difference $\dfrac{f(x+h) - f(x-h)}{2h}$ is far more accurate than the forward difference
# $\dfrac{f(x+h) - f(x)}{h}$: its error shrinks like $h^2$ instead of $h$.
#
# Write `numerical_derivative(f, x, h=1e-4)` for a function `f` of one number. Use the `h`
# you are given.

# %% nbgrader={"grade_id": "numerical_derivative", "solution": true}
def numerical_derivative(f, x, h=1e-4):
    """Central-difference estimate of f'(x) for a scalar function f and a number x."""
    ### BEGIN SOLUTION
    return (f(x + h) - f(x - h)) / (2 * h)
    ### END SOLUTION


# %% nbgrader={"grade_id": "numerical_derivative_test", "grade": true, "points": 3}
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.numerical_derivative(numerical_derivative)
### END HIDDEN TESTS
check_close("numerical_derivative(x², at 3)", numerical_derivative(lambda x: x ** 2, 3.0), 6.0)
check_close("numerical_derivative(x³, at 2)", numerical_derivative(lambda x: x ** 3, 2.0), 12.0,
            rtol=1e-7, hint="use the central difference (f(x+h) - f(x-h)) / 2h")

# %% [markdown]
# ## 2 · $z = (x+y)^2$ by the chain rule
#
# Split it into $t = x + y$ and $z = t^2$. Then
# $\dfrac{\partial z}{\partial x} = \dfrac{\partial z}{\partial t}\dfrac{\partial t}{\partial x} = 2t \cdot 1$,
# and the same for $y$. Compute it the way backward propagation does: first the forward
# values, then the local derivatives multiplied from the output back.
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
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.square_of_sum(square_of_sum)
### END HIDDEN TESTS
z, dz_dx, dz_dy = square_of_sum(1.0, 2.0)
check_close("z at x=1, y=2", z, 9.0)
check_close("∂z/∂x at x=1, y=2", dz_dx, 6.0, hint="∂z/∂x = ∂z/∂t · ∂t/∂x = 2t · 1")
check_close("∂z/∂y at x=1, y=2", dz_dy, 6.0, hint="∂z/∂y = ∂z/∂t · ∂t/∂y = 2t · 1")

# %% [markdown]
# ## 3 · Fan-out: a value used twice
#
# $f = (a+b)(b+c)$: write $x = a + b$, $y = b + c$, $f = xy$. Then $\partial f/\partial x = y$
# and $\partial f/\partial y = x$. The input `b` reaches `f` along **two** paths, one through `x`
# and one through `y`, and its gradient is the **sum** of both:
# $\dfrac{\partial f}{\partial b} = \dfrac{\partial f}{\partial x}\cdot 1 + \dfrac{\partial f}{\partial y}\cdot 1$.
# At $a=-1, b=3, c=4$ the book's numbers are $f = 14$, $\partial f/\partial a = 7$,
# $\partial f/\partial b = 9$, $\partial f/\partial c = 2$.
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
### BEGIN HIDDEN TESTS
from autograder.checks import ch02_chain_rule as hidden
hidden.fanout(fanout)
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout(-1.0, 3.0, 4.0)
check_close("f(-1, 3, 4)", f, 14.0)
check_close("∂f/∂a", df_da, 7.0)
check_close("∂f/∂b", df_db, 9.0, hint="b is used twice: add the gradients of both paths")
check_close("∂f/∂c", df_dc, 2.0)

# %% [markdown]
# Check your chain-rule gradients with your own numerical derivative: nudge one input at a
# time and keep the others fixed.

# %%
a, b, c = -1.0, 3.0, 4.0
print("∂f/∂a ≈", round(numerical_derivative(lambda v: fanout(v, b, c)[0], a), 6))
print("∂f/∂b ≈", round(numerical_derivative(lambda v: fanout(a, v, c)[0], b), 6))
print("∂f/∂c ≈", round(numerical_derivative(lambda v: fanout(a, b, v)[0], c), 6))

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the add and multiply nodes as reusable layers.
