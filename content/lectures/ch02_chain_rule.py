# %% [markdown]
# # Chapter 2 — The chain rule (연쇄법칙)
#
# *Book: 밑바닥부터 시작하는 딥러닝 (Deep Learning from Scratch), §5.2.1–5.2.3, with a look back at
# numerical differentiation (§4.3) and a look ahead at gradient descent (§4.4).*
#
# In chapter 1 a computational graph (계산 그래프) carried numbers from left to right, and at the
# very end we saw derivatives flow the other way: "if an apple costs 1 won more, the bill grows by
# 2.2 won". This chapter explains **why** that right-to-left flow gives correct derivatives. The
# answer is one rule from calculus, the chain rule, read off a picture.
#
# **After this chapter you can**
#
# 1. run one step of backward propagation through a node: multiply the upstream signal by the
#    node's local derivative;
# 2. differentiate a composite function with the chain rule, and see the same computation on a graph;
# 3. check any derivative with a central difference, and explain why the step size is $h = 10^{-4}$
#    and not $10^{-50}$;
# 4. handle **fan-out**: when one value feeds two nodes, the gradients from both paths are **added**;
# 5. explain how "derivative of the output" becomes "derivative of the loss", the quantity that
#    training actually uses.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# The next cell is the course's graph-drawing helper, `draw_graph`. You do not need to read it:
# circles are operations, forward values are written **above** an edge in black, and backward
# values **below** it in red, as in the book.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1. Backward propagation through one node (계산 그래프의 역전파)
#
# Take a single node that computes $y = f(x)$. In the forward pass (순전파) it receives $x$ and
# sends $y$ to the right. In the backward pass (역전파) a number arrives from the right; call it
# $E$. It is the **upstream** (상류) signal: how much the final result changes per unit change of
# $y$. The node does one thing with it: it multiplies $E$ by its local derivative and sends the
# product on to the left, **downstream** (하류):
#
# $$E \;\longmapsto\; E \cdot \frac{\partial y}{\partial x}.$$
#
# $\partial y / \partial x$ is the node's **local derivative** (국소적 미분): the derivative of the
# node's own little computation, which the node can work out without knowing anything about the
# rest of the graph. For a squaring node, $y = x^2$, the local derivative is $2x$, so the node sends
# $E \cdot 2x$ to the left.
#
# The figure shows the rule in symbols (left) and in numbers (right) for $x = 3$ with an upstream
# signal $E = 2$: the node sends $2 \cdot (2 \cdot 3) = 12$ downstream.

# %%
def square_backward(E, x):
    """Backward step of the node y = x**2: upstream signal E times the local derivative 2x."""
    return E * 2 * x

x, E = 3.0, 2.0
y = x ** 2
dx = square_backward(E, x)
print(f"forward : y = {y}\nbackward: E * 2x = {dx}")
assert y == 9 and dx == 12

fig, axes = plt.subplots(1, 2, figsize=(10, 2.6))
draw_graph({"x": (0, 0, "x"), "f": (1.5, 0, "f"), "y": (3, 0, "y")},
           [("x", "f", "x", "E·∂y/∂x"), ("f", "y", "y", "E")],
           plain=("x", "y"), title="One node, in symbols", ax=axes[0])
draw_graph({"x": (0, 0, "x"), "f": (1.5, 0, "**2"), "y": (3, 0, "y")},
           [("x", "f", 3, 12), ("f", "y", 9, 2)],
           plain=("x", "y"), title="y = x², x = 3, upstream E = 2", ax=axes[1])
plt.show()

# %% [markdown]
# Notice what the node needed to compute its backward value: the upstream $E$ **and its own
# forward input** $x = 3$. Keep that in mind; it answers a question in section 6.

# %% [markdown]
# ## 2. Composite functions and the chain rule (합성 함수, 연쇄법칙)
#
# A **composite function** (합성 함수) is a function built by feeding one function's output into
# another. The book's example:
#
# $$z = (x + y)^2 \qquad\text{is}\qquad z = t^2,\quad t = x + y .$$
#
# The **chain rule** (연쇄법칙) says: *the derivative of a composite function is the product of
# the derivatives of the functions it is made of.*
#
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial t}\,\frac{\partial t}{\partial x}.$$
#
# ($\partial$ marks a **partial derivative** (편미분): $z$ depends on both $x$ and $y$, and we
# change only $x$.) The two local derivatives are easy:
#
# $$\frac{\partial z}{\partial t} = 2t, \qquad \frac{\partial t}{\partial x} = 1,$$
#
# so
#
# $$\frac{\partial z}{\partial x} = 2t \cdot 1 = 2(x + y).$$
#
# By symmetry $\partial z / \partial y = 2(x+y)$ as well.

# %% [markdown]
# > **A memory aid, not algebra.** People often remember the chain rule by "cancelling" the
# > $\partial t$ in $\dfrac{\partial z}{\partial t}\dfrac{\partial t}{\partial x}$, as if they were
# > fractions, leaving $\dfrac{\partial z}{\partial x}$. It is a handy way to check that the
# > letters line up, but $\partial t$ is not a number and nothing is divided. The picture also breaks as soon as a
# > variable reaches the output along **two** paths; then the rule needs a **sum** of products
# > (section 5), and "cancelling" would silently drop one of the paths.

# %% [markdown]
# ### Longer chains
#
# Nothing limits the chain to two links. If $x$ goes through $g$, then $m$, then $u$, then $f$,
#
# $$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial u}\cdot\frac{\partial u}{\partial m}
# \cdot\frac{\partial m}{\partial g}\cdot\frac{\partial g}{\partial x},$$
#
# one factor per link. Here is a concrete chain for $f(x) = 2(3x - 1)^2$, split into four simple
# steps: $g = 3x$, $m = g - 1$, $u = m^2$, $f = 2u$. At $x = 1$ the forward values are
# $g = 3,\ m = 2,\ u = 4,\ f = 8$, and the local derivatives are
# $\partial f/\partial u = 2$, $\partial u/\partial m = 2m = 4$, $\partial m/\partial g = 1$,
# $\partial g/\partial x = 3$. Their product is $2\cdot4\cdot1\cdot3 = 24$; differentiating
# $2(3x-1)^2$ directly gives $12(3x - 1) = 24$ too.

# %%
x = 1.0
g = 3 * x          # forward, left to right
m = g - 1
u = m ** 2
f = 2 * u

df_df = 1.0        # backward, right to left: start with df/df = 1
df_du = df_df * 2          # local derivative of f = 2u
df_dm = df_du * (2 * m)    # local derivative of u = m**2 (needs the stored m)
df_dg = df_dm * 1          # local derivative of m = g - 1
df_dx = df_dg * 3          # local derivative of g = 3x
print(f"forward : g = {g}, m = {m}, u = {u}, f = {f}\n"
      f"backward: df/du = {df_du}, df/dm = {df_dm}, df/dg = {df_dg}, df/dx = {df_dx}")
assert (g, m, u, f) == (3, 2, 4, 8)
assert (df_du, df_dm, df_dg, df_dx) == (2, 8, 8, 24)
assert df_dx == 12 * (3 * x - 1)   # the derivative of 2(3x-1)^2, found by hand

# %% [markdown]
# Read the backward column as a running product from the right: $1 \to 2 \to 8 \to 8 \to 24$.
# Each node multiplies what it receives by its own local derivative and passes the result on.
# The figure draws exactly that: forward values above the edges, the running product below.

# %%
draw_graph({"x": (0, 0, "x"), "g": (1.5, 0, "×3"), "m": (3, 0, "−1"),
            "u": (4.5, 0, "**2"), "f": (6, 0, "×2"), "out": (7.5, 0, "f")},
           [("x", "g", 1, 24), ("g", "m", 3, 8), ("m", "u", 2, 8),
            ("u", "f", 4, 2), ("f", "out", 8, 1)],
           plain=("x", "out"), title="f = 2(3x − 1)² at x = 1: the chain rule as a running product",
           figsize=(10, 2.2))
plt.show()

# %% [markdown]
# ## 3. The chain rule on the graph (연쇄법칙과 계산 그래프)
#
# Now draw $z = (x+y)^2$ as a graph: a `+` node makes $t$, a `**2` node makes $z$. Backward
# propagation starts at the right end with $\partial z/\partial z = 1$ and applies the rule of
# section 1 at each node:
#
# * the `**2` node receives $1$ and sends $1 \cdot 2t = \dfrac{\partial z}{\partial t}$;
# * the `+` node receives $\dfrac{\partial z}{\partial t}$ and sends
#   $\dfrac{\partial z}{\partial t}\cdot 1 = \dfrac{\partial z}{\partial t}\dfrac{\partial t}{\partial x}
#   = \dfrac{\partial z}{\partial x}$ to $x$, and the same to $y$.
#
# So **backward propagation is the chain rule**, evaluated one node at a time from the right.
# With $x = 1,\ y = 2$: forward $t = 3,\ z = 9$; backward $\partial z/\partial t = 6$ and
# $\partial z/\partial x = \partial z/\partial y = 6$, which matches $2(x+y) = 6$.

# %%
def z_of(x, y):
    return (x + y) ** 2

x, y = 1.0, 2.0
t = x + y                 # forward through the + node
z = t ** 2                # forward through the **2 node

dz_dz = 1.0               # backward starts with dz/dz = 1
dz_dt = dz_dz * 2 * t     # **2 node: local derivative 2t
dz_dx = dz_dt * 1         # + node: local derivative 1 for each input
dz_dy = dz_dt * 1
print(f"forward : t = {t}, z = {z}\n"
      f"backward: dz/dt = {dz_dt}, dz/dx = {dz_dx}, dz/dy = {dz_dy}")
assert (t, z) == (3, 9)
assert (dz_dt, dz_dx, dz_dy) == (6, 6, 6)
assert dz_dx == 2 * (x + y)

# %%
fig, axes = plt.subplots(2, 1, figsize=(9, 7))
nodes = {"x": (0, 1.1, "x"), "y": (0, -1.1, "y"), "add": (2.6, 0, "+"),
         "sq": (4.8, 0, "**2"), "z": (7, 0, "z")}
draw_graph(nodes,
           [("x", "add", "x", "∂z/∂t·∂t/∂x"), ("y", "add", "y", "∂z/∂t·∂t/∂y"),
            ("add", "sq", "t", "∂z/∂z·∂z/∂t"), ("sq", "z", "z", "∂z/∂z")],
           plain=("x", "y", "z"), title="z = (x + y)²: what travels on each edge", ax=axes[0])
draw_graph(nodes,
           [("x", "add", 1, 6), ("y", "add", 2, 6), ("add", "sq", 3, 6), ("sq", "z", 9, 1)],
           plain=("x", "y", "z"), title="z = (x + y)² at x = 1, y = 2", ax=axes[1])
plt.tight_layout()
plt.show()

# %% [markdown]
# The top graph is the book's picture in symbols: every red label is a product of local
# derivatives, collected from the right. The bottom graph is the same graph with numbers: the
# `**2` node turns the starting $1$ into $2t = 6$, and the `+` node passes $6$ unchanged to both
# inputs (its local derivatives are 1; chapter 3 studies this node in detail).

# %% [markdown]
# ## 4. Numerical differentiation: how we check a derivative (수치 미분)
#
# Every backward value above came from rules we derived by hand. How do we know they are right?
# We compare with **numerical differentiation** (수치 미분): nudge the input a tiny bit and watch
# the output. The **central difference** (중심 차분)
#
# $$f'(x) \approx \frac{f(x+h) - f(x-h)}{2h}, \qquad h = 10^{-4}$$
#
# needs nothing but the forward computation, so it cannot share a mistake with our backward rules.
# It is slow for training (two forward passes **per parameter**), which is why backpropagation
# exists, but it is the perfect referee.

# %%
def numerical_diff(f, x, h=1e-4):
    """Central difference: the slope of f between x - h and x + h."""
    return (f(x + h) - f(x - h)) / (2 * h)

# %% [markdown]
# The name is the book's (§4.3.1). The book's `numerical_diff(f, x)` fixes `h = 1e-4` inside;
# ours takes the step as a third argument with that default, so that we can vary it below (and
# so does the lab's).

# %% [markdown]
# ### Why not $h = 10^{-50}$?
#
# The derivative is a limit $h \to 0$, so a tiny $h$ looks tempting. But computers store numbers
# with a fixed number of digits, and tiny differences vanish in **rounding** (반올림 오차):
#
# * in `float32`, $10^{-50}$ itself is rounded to `0.0`;
# * in `float64`, $10^{-50}$ exists, but $1 + 10^{-50}$ is rounded back to exactly $1$ (a
#   `float64` keeps about 16 significant digits; the gap between $1$ and the next number is
#   $2.2 \times 10^{-16}$). Then $f(x+h) - f(x) = 0$ and the "derivative" is $0$.

# %%
cube = lambda x: x ** 3                         # true derivative at x = 1 is 3
tiny = (cube(1.0 + 1e-50) - cube(1.0)) / 1e-50
print(f"float32(1e-50)         = {np.float32(1e-50)}\n"
      f"1.0 + 1e-50 == 1.0     : {1.0 + 1e-50 == 1.0}\n"
      f"float64 spacing at 1.0 : {np.finfo(np.float64).eps}\n"
      f"forward difference of x**3 at 1 with h = 1e-50: {tiny}")
assert np.float32(1e-50) == 0.0 and tiny == 0.0

# %% [markdown]
# ### Forward difference versus central difference
#
# The book's first attempt at a numerical derivative was the **forward difference** (전방 차분)
# $\big(f(x+h) - f(x)\big)/h$. It measures the slope between $x$ and $x+h$, which is the slope at
# $x + h/2$, not at $x$. For $f(x) = x^3$ at $x = 1$ we can see the error exactly:
#
# $$\frac{(1+h)^3 - 1}{h} = 3 + 3h + h^2, \qquad \frac{(1+h)^3 - (1-h)^3}{2h} = 3 + h^2 .$$
#
# The forward difference is off by about $3h$, the central difference by only $h^2$. This
# **truncation error** (절단 오차) shrinks as $h$ shrinks, while the rounding error grows like
# $10^{-16}/h$. The plot shows both errors for $h$ from $10^{-1}$ down to $10^{-15}$.

# %%
def forward_diff(f, x, h):
    return (f(x + h) - f(x)) / h

hs = np.logspace(-15, -1, 57)
err_forward = np.array([abs(forward_diff(cube, 1.0, h) - 3.0) for h in hs])
err_central = np.array([abs(numerical_diff(cube, 1.0, h) - 3.0) for h in hs])

floor = 1e-17                                   # an error of exactly 0 cannot go on a log axis
fig, ax = plt.subplots(figsize=(8, 5.5))
ax.loglog(hs, np.maximum(err_forward, floor), "o-", ms=3, label="forward difference  (f(x+h) − f(x)) / h")
ax.loglog(hs, np.maximum(err_central, floor), "s-", ms=3, label="central difference  (f(x+h) − f(x−h)) / 2h")
ax.loglog(hs, 3 * hs, "k:", lw=1, label="3h  (forward truncation error)")
ax.loglog(hs, hs ** 2, "k--", lw=1, label="h²  (central truncation error)")
ax.axvline(1e-4, color="tab:red", lw=1)
ax.text(1.3e-4, 1e-15, "h = 1e-4", color="tab:red")
ax.set_ylim(1e-17, 1e1)
ax.set_xlabel("step size h")
ax.set_ylabel("|numerical − true derivative|")
ax.set_title("Error of the numerical derivative of x³ at x = 1")
ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
plt.show()

e_fwd = forward_diff(cube, 1.0, 1e-4) - 3.0
e_cen = numerical_diff(cube, 1.0, 1e-4) - 3.0
print(f"at h = 1e-4: forward error {e_fwd:.1e}, central error {e_cen:.1e}")
assert abs(e_fwd - 3.0001e-4) < 1e-9 and abs(e_cen - 1e-8) < 1e-10

# %% [markdown]
# How to read the plot: from the right, both curves fall as $h$ shrinks (truncation error, along
# the dotted $3h$ and dashed $h^2$ lines), until rounding takes over and the curves climb again
# in a noisy zigzag. The central difference falls faster (slope 2 instead of 1 on a log–log plot),
# so at $h = 10^{-4}$ it is already about $10^{-8}$ accurate, while the forward difference is off by
# $3 \times 10^{-4}$. That is why the book (and this course) uses the central difference with
# $h = 10^{-4}$: far from the rounding zone, and accurate enough to referee any backward pass.

# %% [markdown]
# ### Checking $\partial z/\partial x = 2(x+y)$ numerically
#
# To take a partial derivative numerically, hold the other inputs fixed and nudge one. First at
# $(x, y) = (1, 2)$, then at a few random points.

# %%
num_dx = numerical_diff(lambda x_: z_of(x_, 2.0), 1.0)
num_dy = numerical_diff(lambda y_: z_of(1.0, y_), 2.0)
assert abs(num_dx - 6) < 1e-6 and abs(num_dy - 6) < 1e-6
lines = [f"at (1, 2): numerical dz/dx = {num_dx:.6f}, dz/dy = {num_dy:.6f}   (backward gave 6 and 6)"]

rng = np.random.default_rng(0)
for x0, y0 in rng.uniform(-3, 3, size=(4, 2)):
    analytic = 2 * (x0 + y0)
    numeric = numerical_diff(lambda x_: z_of(x_, y0), x0)
    assert abs(analytic - numeric) < 1e-6
    lines.append(f"x = {x0:+.3f}, y = {y0:+.3f}:  2(x+y) = {analytic:+.6f}   numerical = {numeric:+.6f}")
print("\n".join(lines))

# %% [markdown]
# ## 5. Fan-out: when one value is used twice (분기)
#
# So far every value went to exactly one node. Real networks are not like that: a weight is used
# for every example in a batch, and an input may feed several units. This case is where
# hand-written backward passes most often go wrong.
#
# Take $f = (a + b)(b + c)$ at $a = -1,\ b = 3,\ c = 4$ (the example of a study note), split into
#
# $$x = a + b = 2, \qquad y = b + c = 7, \qquad f = x \cdot y = 14 .$$
#
# The variable $b$ **fans out** (분기): it feeds both `+` nodes. Backward, step by step:
#
# * the `×` node: $\partial f/\partial x = y = 7$ and $\partial f/\partial y = x = 2$ (each input
#   gets the *other* input; chapter 3 shows why);
# * the `+` nodes pass these on: $a$ receives $7$, $c$ receives $2$, and $b$ receives **both**
#   $7$ (through $x$) and $2$ (through $y$);
# * where a value was used twice, **the gradients from both paths add**:
#
# $$\frac{\partial f}{\partial b} = \frac{\partial f}{\partial x}\frac{\partial x}{\partial b}
# + \frac{\partial f}{\partial y}\frac{\partial y}{\partial b} = 7\cdot 1 + 2 \cdot 1 = 9 .$$
#
# This is the chain rule with several paths: one product per path, summed over the paths.

# %%
a, b, c = -1.0, 3.0, 4.0
x = a + b                   # forward
y = b + c
f = x * y

df_dx = y                   # × node: each input receives the other input
df_dy = x
grad = {"a": 0.0, "b": 0.0, "c": 0.0}
grad["a"] += df_dx * 1      # path a -> x -> f
grad["b"] += df_dx * 1      # path b -> x -> f
grad["b"] += df_dy * 1      # path b -> y -> f   (the second path: ADD, do not overwrite)
grad["c"] += df_dy * 1      # path c -> y -> f
print(f"forward : x = {x}, y = {y}, f = {f}\n"
      f"backward: df/dx = {df_dx}, df/dy = {df_dy}, "
      f"df/da = {grad['a']}, df/db = {grad['b']}, df/dc = {grad['c']}")
assert (x, y, f) == (2, 7, 14)
assert (df_dx, df_dy) == (7, 2)
assert (grad["a"], grad["b"], grad["c"]) == (7, 9, 2)

# %% [markdown]
# In the figure, $b$ first passes through a small `copy` node that hands the same value $3$ to
# both `+` nodes. That is what "using a value twice" means, drawn as a node of its own. Its
# backward rule is the mirror image of its forward rule: forward it **copies** one value to two
# edges, backward it **adds** the two red values $7 + 2 = 9$ into one.

# %%
draw_graph({"a": (0, 1.2, "a"), "b": (0, 0, "b"), "c": (0, -1.2, "c"),
            "copy": (1.6, 0, "copy"),
            "x": (3.4, 0.75, "+"), "y": (3.4, -0.75, "+"),
            "mul": (5.4, 0, "×"), "f": (7.2, 0, "f")},
           [("a", "x", "−1", 7), ("b", "copy", 3, 9),
            ("copy", "x", 3, 7), ("copy", "y", 3, 2), ("c", "y", 4, 2),
            ("x", "mul", "x = 2", 7), ("y", "mul", "y = 7", 2), ("mul", "f", 14, 1)],
           plain=("a", "b", "c", "f"),
           title="f = (a + b)(b + c) at a = −1, b = 3, c = 4: the paths through b add up, 7 + 2 = 9",
           figsize=(10, 4.4))
plt.show()

# %% [markdown]
# > **Common slip: following only one path.** Tracing the graph from $f$ back to $b$, it is easy
# > to walk down one branch and stop: through $x$ you get $\partial f/\partial b = 7$, through $y$
# > you get $2$. Both are wrong; the answer is $9$. In code the same slip looks like
# > `grad["b"] = df_dy * 1` instead of `grad["b"] += df_dy * 1`: the second path **overwrites**
# > the first, and you get $2$. The numerical check below catches it at once.
#
# Two independent confirmations. Expanding, $f = ab + ac + b^2 + bc$, so
# $\partial f/\partial b = a + 2b + c = -1 + 6 + 4 = 9$. (The product rule gives the same:
# $\partial f/\partial b = \frac{\partial x}{\partial b}\,y + x\,\frac{\partial y}{\partial b}
# = 1\cdot 7 + 2\cdot 1 = 9$.) And the central difference, which knows nothing about paths:

# %%
def f_abc(a, b, c):
    return (a + b) * (b + c)

num = {"a": numerical_diff(lambda v: f_abc(v, b, c), a),
       "b": numerical_diff(lambda v: f_abc(a, v, c), b),
       "c": numerical_diff(lambda v: f_abc(a, b, v), c)}
lines = []
for name in "abc":
    assert abs(num[name] - grad[name]) < 1e-6
    lines.append(f"df/d{name}: backward = {grad[name]:.0f}, numerical = {num[name]:.6f}")

one_path_only = df_dy * 1          # the slip: the second path overwrote the first
lines.append(f"one path only gives df/db = {one_path_only}: off by {abs(num['b'] - one_path_only):.6f}")
print("\n".join(lines))
assert abs(num["b"] - 9) < 1e-6 and abs(num["b"] - one_path_only) > 1

# %% [markdown]
# ## 6. Two questions from the study notes
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# ### "Why keep all the intermediate values?"
#
# Look back at what each backward step used. The `×` node sent $y = 7$ to $x$ and $x = 2$ to $y$:
# it needed **its forward inputs**. The `**2` node sent $2t = 6$: it needed the forward value
# $t = 3$. The longer chain of section 2 needed $m = 2$. A node cannot compute its local derivative
# from the upstream signal alone, so the forward pass stores what each node will need, and the
# backward pass reads it back.
#
# That storage is the price of backpropagation: memory grows with the size of the graph. In
# return, one forward pass plus one backward pass gives the derivative with respect to **every**
# input at once, where numerical differentiation needs two forward passes **per** input.
# (In chapter 3 you will see this as `self.x = x` inside a layer's `forward`.)
#
# ### "The derivative of the output tells how each node changes the final value. But training uses the loss: how are they connected?"
#
# They are the same thing. In training, the last node of the graph **is** the loss function
# (손실 함수) $L$. The backward pass therefore starts with $\partial L/\partial L = 1$, and the red
# value that arrives at a parameter $w$ is $\partial L/\partial w$: how much the loss changes
# when $w$ changes a little. That is exactly what **gradient descent** (경사 하강법) needs:
#
# $$w \leftarrow w - \eta\,\frac{\partial L}{\partial w},$$
#
# where the **learning rate** (학습률) $\eta$ sets the step size.
#
# A toy model with one parameter makes this concrete. The model predicts $p = w\cdot x$ for the
# input $x = 2$; the target is $6$; the loss is the squared error $L = (p - 6)^2$. As a graph:
# $w \to$ `×2` $\to p \to$ `−6` $\to e \to$ `**2` $\to L$. Start from $w = 0.5$.

# %%
def loss_forward_backward(w):
    """Forward through ×2, −6, **2; then backward from dL/dL = 1. Returns (p, e, L, dL/dw)."""
    p = w * 2              # ×2 node
    e = p - 6              # −6 node
    L = e ** 2             # **2 node
    dL_dL = 1.0
    dL_de = dL_dL * 2 * e  # **2 node: local derivative 2e (needs the stored e)
    dL_dp = dL_de * 1      # −6 node: local derivative 1
    dL_dw = dL_dp * 2      # ×2 node: local derivative 2
    return p, e, L, dL_dw

w0 = 0.5
p, e, L, dL_dw = loss_forward_backward(w0)
print(f"w = {w0}: p = {p}, e = {e}, L = {L}, dL/dw = {dL_dw}")
assert (p, e, L, dL_dw) == (1, -5, 25, -20)
assert abs(numerical_diff(lambda w: loss_forward_backward(w)[2], w0) - dL_dw) < 1e-6

draw_graph({"w": (0, 0, "w"), "mul": (1.6, 0, "×2"), "sub": (3.2, 0, "−6"),
            "sq": (4.8, 0, "**2"), "L": (6.4, 0, "L")},
           [("w", "mul", 0.5, "−20"), ("mul", "sub", "p = 1", "−10"), ("sub", "sq", "e = −5", "−10"),
            ("sq", "L", "L = 25", 1)],
           plain=("w", "L"), title="The loss is the last node: backward starts with ∂L/∂L = 1",
           figsize=(9, 2.2))
plt.show()

# %% [markdown]
# $\partial L/\partial w = -20$ is negative: increasing $w$ lowers the loss, so gradient descent
# increases $w$. With learning rate $\eta = 0.05$, one step moves $w$ from $0.5$ to
# $0.5 - 0.05\cdot(-20) = 1.5$. Let us take a few steps, each one a forward pass, a backward pass
# and an update.

# %%
lr = 0.05
w = w0
history, lines = [], []
for step in range(8):
    p, e, L, dL_dw = loss_forward_backward(w)     # forward + backward
    history.append(L)
    lines.append(f"step {step}: w = {w:.4f}   L = {L:8.4f}   dL/dw = {dL_dw:+8.4f}")
    w = w - lr * dL_dw                            # gradient-descent update
lines.append(f"after 8 steps: w = {w:.4f} (the best value is 3)")
print("\n".join(lines))
assert round(history[1], 10) == 9 and round(history[2], 10) == 3.24
assert abs(w - 3) < 0.1

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.semilogy(range(len(history)), history, "o-")
ax.set_xlabel("gradient-descent step")
ax.set_ylabel("loss L (log scale)")
ax.set_title("Gradient descent with ∂L/∂w from the backward pass")
plt.show()

# %% [markdown]
# Every step shrinks the error $e$ by the same factor ($0.6$ here), so the loss falls along a
# straight line on the log scale: $25 \to 9 \to 3.24 \to \dots$. A real network does exactly this,
# only with millions of parameters: one backward pass delivers $\partial L/\partial w$ for all of
# them at once, and that is the whole reason for this chapter. The name **backpropagation**
# (오차역전파법) says it: the error's derivative is propagated backward from the loss to every
# parameter.

# %% [markdown]
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | computational graph | 계산 그래프 | a computation drawn as nodes (operations) joined by edges (values) |
# | forward propagation | 순전파 | computing values from left to right through the graph |
# | backward propagation | 역전파 | passing derivatives from right to left, multiplying by local derivatives |
# | upstream / downstream | 상류 / 하류 | the side a backward signal comes from (right) / goes to (left) |
# | local derivative | 국소적 미분 | the derivative of one node's own output with respect to its input |
# | composite function | 합성 함수 | a function made by feeding one function's output into another |
# | chain rule | 연쇄법칙 | the derivative of a composite function is the product of the parts' derivatives |
# | partial derivative | 편미분 | derivative with respect to one input while the others are held fixed |
# | numerical differentiation | 수치 미분 | estimating a derivative from function values at nearby points |
# | central difference | 중심 차분 | $(f(x+h) - f(x-h))/2h$; error about $h^2$ |
# | forward difference | 전방 차분 | $(f(x+h) - f(x))/h$; error about $h$ |
# | rounding error | 반올림 오차 | error from storing numbers with finitely many digits |
# | truncation error | 절단 오차 | error from using a finite $h$ instead of the limit $h \to 0$ |
# | fan-out, branch | 분기 | one value used by several nodes; backward, their gradients add |
# | loss function | 손실 함수 | the number training minimizes; the last node of the graph |
# | gradient | 기울기 | the derivatives of the loss with respect to the parameters |
# | gradient descent | 경사 하강법 | repeat $w \leftarrow w - \eta\,\partial L/\partial w$ |
# | learning rate | 학습률 | the step size $\eta$ of gradient descent |
# | backpropagation | 오차역전파법 | computing all gradients of the loss with one backward pass |
#
# ## What's next
#
# * **Lab:** `labs/ch02_chain_rule.ipynb`: write the central difference
#   yourself and compute chain-rule gradients by hand-written backward passes, including a
#   fan-out; the checks will tell you if a path went missing.
# * **Chapter 3** (`ch03_add_mul_layers`): the two nodes you met here, `+` (passes the upstream
#   value unchanged) and `×` (swaps its inputs), become the classes `AddLayer` and `MulLayer` with
#   `forward` and `backward` methods, and the apple example gets its backward pass in code.
