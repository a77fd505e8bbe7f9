# %% [markdown]
# # Chapter 5 · The Affine layer (Affine 계층)
#
# *Deep Learning from Scratch* (밑바닥부터 시작하는 딥러닝), **§5.6.1 Affine 계층** and
# **§5.6.2 배치용 Affine 계층**.
#
# Chapters 3 and 4 built layers (계층) that work on single numbers, or on arrays element by
# element: `MulLayer`, `AddLayer`, `Relu`, `Sigmoid`. A neural network also needs the step
# that mixes all of its inputs into every output: the weighted sum $Y = X \cdot W + B$. This
# chapter turns that step into a layer with a `forward` and a `backward`, and spends most of its
# time on the one place where one of the study notes behind this course wrote *"잘 이해안됨"*
# (not well understood): the backward formulas
#
# $$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}\cdot W^{\mathsf T}, \qquad
#   \frac{\partial L}{\partial W} = X^{\mathsf T}\cdot\frac{\partial L}{\partial Y}.$$
#
# We will not simply state them. We derive them element by element, see why the shapes leave
# no other choice, draw them, and check them numerically.
#
# **By the end of this lecture you can**
#
# 1. compute the forward pass of the Affine layer and predict every shape with the rule of the
#    matrix product (행렬의 곱);
# 2. derive $\partial L/\partial X$, $\partial L/\partial W$ and $\partial L/\partial B$ from
#    $y_j = \sum_i x_i W_{ij} + b_j$, and rebuild them from shapes alone when you forget them;
# 3. explain why, for a batch (배치), the bias gradient is the **sum** of $\partial L/\partial Y$
#    over the rows (the bias fans out to every row, as in chapter 2);
# 4. flatten an image batch of shape (N, 1, 28, 28) in `forward` and give `backward`'s result
#    the original shape back;
# 5. write the `Affine` class, check it against numerical gradients, and recognise the
#    `db = dout` slip from the shape error it causes.

# %%
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

# %% [markdown]
# Two provided helpers follow. `draw_graph` draws computational graphs (계산 그래프) as in the
# book: forward values **above** an edge in black, backward values **below** it in red.
# `numerical_gradient(f, x)` nudges every element of the array `x` by $\pm h$ with
# $h = 10^{-4}$ and returns the central differences (중심 차분), the same referee as in
# chapter 2 and the one the lab uses. You do not need to read either.

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · What the Affine layer computes
#
# A layer of neurons takes an input vector $X$, multiplies it by a weight matrix $W$ and adds a
# bias $B$:
#
# $$Y = X \cdot W + B .$$
#
# The product is the **matrix product** (행렬의 곱), computed in numpy by `np.dot` (the book
# calls it 내적, the dot product). The study notes try it with random numbers and print the
# shapes (형상): $X$ has shape (2,), $W$ (2, 3), $B$ (3,), and $Y$ comes out as (3,). Two inputs,
# three neurons, one output per neuron.
#
# Next to the random version we keep a small example with integers that we will follow through
# the whole chapter:
#
# $$X = \begin{pmatrix} 1 & 2 \end{pmatrix}, \quad
#   W = \begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{pmatrix}, \quad
#   B = \begin{pmatrix} 1 & 2 & 3 \end{pmatrix}, \qquad
#   X\cdot W = \begin{pmatrix} 1\cdot1 + 2\cdot4 & 1\cdot2 + 2\cdot5 & 1\cdot3 + 2\cdot6 \end{pmatrix}
#   = \begin{pmatrix} 9 & 12 & 15 \end{pmatrix},$$
#
# so $Y = (10,\ 14,\ 18)$.

# %%
rng = np.random.default_rng(0)
X_r = rng.random(2)             # the study notes' experiment, with a fixed seed
W_r = rng.random((2, 3))
B_r = rng.random(3)
Y_r = np.dot(X_r, W_r) + B_r
print("shapes  X:", X_r.shape, " W:", W_r.shape, " B:", B_r.shape, " ->  Y:", Y_r.shape)
print("Y (random) =", np.round(Y_r, 4))
assert Y_r.shape == (3,)
assert np.allclose(Y_r, [X_r[0] * W_r[0, j] + X_r[1] * W_r[1, j] + B_r[j] for j in range(3)])

X = np.array([1.0, 2.0])        # the integer example
W = np.array([[1.0, 2.0, 3.0],
              [4.0, 5.0, 6.0]])
B = np.array([1.0, 2.0, 3.0])
XW = np.dot(X, W)
Y = XW + B
print("X·W =", XW, "   Y = X·W + B =", Y)
assert XW.tolist() == [9, 12, 15] and Y.tolist() == [10, 14, 18]

# %% [markdown]
# ### Why "affine"?
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# The name comes from geometry: a map of the form $x \mapsto x\cdot W + b$ is an **affine
# transformation** (어파인 변환). It has two parts. The product $x\cdot W$ is a *linear*
# transformation: it stretches, shears and rotates space, keeps straight lines straight, and
# always leaves the origin where it is. Adding $b$ then *translates* (shifts) everything, the
# origin included. The figure does this to the unit square with a $2\times2$ matrix, so that
# we can see it; our $W$ of shape (2, 3) does the same from 2-D into 3-D.

# %%
W_geo = np.array([[1.0, 0.4],          # where the point (1, 0) goes
                  [0.5, 1.2]])         # where the point (0, 1) goes
b_geo = np.array([1.0, 0.6])
t = np.linspace(0, 1, 5)
grid = [np.column_stack([t, np.full_like(t, v)]) for v in t] + \
       [np.column_stack([np.full_like(t, v), t]) for v in t]     # rows of points (x1, x2)

fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), sharex=True, sharey=True)
stages = [("the unit square x", lambda p: p),
          ("linear part: x·W", lambda p: p @ W_geo),
          ("affine: x·W + b", lambda p: p @ W_geo + b_geo)]
for ax, (name, f) in zip(axes, stages):
    for line in grid:
        ax.plot(*f(line).T, color="tab:blue", lw=1)
    e1, e2, o = f(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]))
    ax.annotate("", xy=e1, xytext=o, arrowprops=dict(arrowstyle="-|>", color="tab:red", lw=2))
    ax.annotate("", xy=e2, xytext=o, arrowprops=dict(arrowstyle="-|>", color="tab:green", lw=2))
    ax.plot(*o, "ko")
    ax.text(o[0] + 0.05, o[1] - 0.25, "image of (0, 0)" if name != stages[0][0] else "origin",
            fontsize=9)
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_title(name)
    ax.set_aspect("equal")
axes[0].set_xlim(-0.6, 3.2)
axes[0].set_ylim(-0.6, 2.6)
fig.suptitle("An affine transformation = a linear map (x·W) followed by a shift (+ b)")
plt.show()

# %% [markdown]
# Left: a grid on the unit square, with the two unit vectors in red and green. Middle: after
# $x \cdot W$ the square has become a parallelogram, the grid lines are still straight and
# evenly spaced, and the origin has not moved; the red arrow now ends at the first row of $W$,
# $(1, 0.4)$, and the green one at the second row, $(0.5, 1.2)$. Right: adding $b = (1, 0.6)$
# shifts the whole picture, so the origin lands on $b$. That is all "affine" means here.
#
# ## 2 · The shape rule of the matrix product (행렬의 곱)
#
# In $A\cdot C$, every entry of the result is a row of $A$ multiplied element by element with a
# column of $C$, and summed. That only works if a row of $A$ is as long as a column of $C$:
#
# $$\underbrace{(a,\ \mathbf{k})}_{A}\ \cdot\ \underbrace{(\mathbf{k},\ c)}_{C}
#   \ \longrightarrow\ (a,\ c).$$
#
# **The inner sizes must match and disappear; the outer sizes remain** (the book: 대응하는
# 차원의 원소 수를 일치시킨다). `np.dot` also accepts 1-D arrays: a (2,) array on the left
# acts as a row, so (2,)·(2, 3) → (3,). The order matters: $W\cdot X$ would need
# (2, 3)·(2,), and 3 ≠ 2.

# %%
for A, C in [(np.ones((4, 2)), np.ones((2, 3))), (X, W), (W, X)]:
    try:
        print(f"{str(A.shape):>7} · {str(C.shape):<7} -> {np.dot(A, C).shape}")
    except ValueError as error:
        print(f"{str(A.shape):>7} · {str(C.shape):<7} -> ValueError: {error}")
assert np.dot(np.ones((4, 2)), np.ones((2, 3))).shape == (4, 3) and np.dot(X, W).shape == (3,)

# %% [markdown]
# ## 3 · The Affine layer as a computational graph
#
# As a graph, the Affine layer is just two nodes: a `dot` node computing $X\cdot W$ and a `+`
# node adding $B$. What travels on the edges are now **matrices** (or vectors), so the
# figure writes the **shape** of each value next to its name. The top panel shows the forward
# values and the backward formulas; the bottom panel the shapes alone.
#
# Two things can be read off before any calculation:
#
# * The `+` node is the add node of chapter 3: it passes the upstream $\partial L/\partial Y$
#   unchanged to both inputs. So $\partial L/\partial (X\cdot W) = \partial L/\partial Y$ and,
#   for a single sample, $\partial L/\partial B = \partial L/\partial Y$, shape (3,). (One of the
#   study notes writes exactly that.)
# * **Every gradient has the shape of its variable**: $\partial L/\partial X$ is (2,) like $X$,
#   $\partial L/\partial W$ is (2, 3) like $W$. A gradient holds one derivative for each
#   element, so it cannot have any other shape.

# %%
affine_nodes = {"X": (0, 1.3, "X"), "W": (0, -1.3, "W"), "dot": (3.2, 0, "dot"),
                "B": (3.2, -2.2, "B"), "add": (6.0, 0, "+"), "Y": (8.2, 0, "Y")}
fig, axes = plt.subplots(2, 1, figsize=(9.5, 8.6))
draw_graph(affine_nodes,
           [("X", "dot", "X", "∂L/∂Y · Wᵀ"), ("W", "dot", "W", "Xᵀ · ∂L/∂Y"),
            ("dot", "add", "X · W", "∂L/∂Y"), ("B", "add", "B", "∂L/∂Y"),
            ("add", "Y", "Y", "∂L/∂Y")],
           plain=("X", "W", "B", "Y"), ax=axes[0],
           title="Affine layer: forward values and backward formulas")
draw_graph(affine_nodes,
           [("X", "dot", "X (2,)", "∂L/∂X (2,)"), ("W", "dot", "W (2,3)", "∂L/∂W (2,3)"),
            ("dot", "add", "X·W (3,)", "∂L/∂Y (3,)"), ("B", "add", "B (3,)", "∂L/∂B (3,)"),
            ("add", "Y", "Y (3,)", "∂L/∂Y (3,)")],
           plain=("X", "W", "B", "Y"), ax=axes[1],
           title="The same graph with shapes: each gradient has its variable's shape")
plt.tight_layout()
plt.show()

# %% [markdown]
# The `+` node needs nothing new. The `dot` node is the interesting one: it is a matrix version
# of the multiply node, and, like the multiply node, it sends each input "upstream times the
# *other* input", except that now the shapes decide where the transposes (전치, $^{\mathsf T}$)
# go. Sections 4 to 6 show where those two formulas come from.
#
# ## 4 · Deriving the backward formulas element by element
#
# Write the forward pass for one sample with indices, $i \in \{1, 2\}$ for the inputs and
# $j \in \{1, 2, 3\}$ for the outputs:
#
# $$y_j = \sum_{i} x_i W_{ij} + b_j,
#   \qquad\text{for example}\qquad y_1 = x_1 W_{11} + x_2 W_{21} + b_1 .$$
#
# Call the upstream gradient $g_j = \partial L/\partial y_j$: three numbers, shape (3,). Each is
# one ordinary derivative, and everything below is the chain rule (연쇄법칙) of chapter 2.
#
# **$\partial L/\partial x_i$.** The input $x_1$ appears in **all three** outputs
# $y_1, y_2, y_3$, with coefficients $W_{11}, W_{12}, W_{13}$. That is a fan-out (분기): the
# gradients from the three paths **add**:
#
# $$\frac{\partial L}{\partial x_i} = \sum_j \frac{\partial L}{\partial y_j}\,
#   \frac{\partial y_j}{\partial x_i} = \sum_j g_j\, W_{ij}
#   \qquad\text{e.g.}\qquad \frac{\partial L}{\partial x_1} = g_1 W_{11} + g_2 W_{12} + g_3 W_{13}.$$
#
# The sum runs along **row $i$ of $W$** (over its second index). A matrix product $g \cdot M$
# sums over the *first* index of $M$, so we need the matrix whose $(j, i)$ entry is $W_{ij}$:
# the transpose. $\sum_j g_j W_{ij} = \sum_j g_j (W^{\mathsf T})_{ji} = (g\cdot W^{\mathsf T})_i$,
# that is
#
# $$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}\cdot W^{\mathsf T}
#   \qquad (3,)\cdot(3, 2) \to (2,).$$
#
# **$\partial L/\partial W_{ij}$.** The weight $W_{ij}$ appears in **one** output only, $y_j$,
# where it multiplies $x_i$. So $\partial y_j/\partial W_{ij} = x_i$ (the multiply node's "other
# input") and there is nothing to add up:
#
# $$\frac{\partial L}{\partial W_{ij}} = x_i\, g_j .$$
#
# The table of all products $x_i g_j$, with $i$ down and $j$ across, is a $2\times3$ matrix
# called the **outer product** (외적; here, not the cross product) of $x$ and $g$. As a matrix
# product it is a column times a row: $X^{\mathsf T}$ of shape (2, 1) times
# $\partial L/\partial Y$ of shape (1, 3):
#
# $$\frac{\partial L}{\partial W} = X^{\mathsf T}\cdot\frac{\partial L}{\partial Y}
#   = \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}\begin{pmatrix} g_1 & g_2 & g_3 \end{pmatrix}
#   = \begin{pmatrix} x_1 g_1 & x_1 g_2 & x_1 g_3 \\ x_2 g_1 & x_2 g_2 & x_2 g_3 \end{pmatrix}.$$
#
# **$\partial L/\partial b_j$.** $b_j$ appears only in $y_j$ with coefficient 1, so
# $\partial L/\partial b_j = g_j$: the add node's pass-through.
#
# With the integer example and an upstream gradient $g = (1, -1, 2)$:
# $\partial L/\partial x_1 = 1\cdot1 - 1\cdot2 + 2\cdot3 = 5$ and
# $\partial L/\partial x_2 = 1\cdot4 - 1\cdot5 + 2\cdot6 = 11$. The cell computes the same thing
# twice: with explicit loops that follow the sums above literally, and with the two matrix
# formulas.

# %%
dY = np.array([1.0, -1.0, 2.0])            # upstream gradient g = dL/dY, shape (3,)

dX_loop = np.zeros(2)
dW_loop = np.zeros((2, 3))
for i in range(2):
    for j in range(3):
        dX_loop[i] += dY[j] * W[i, j]      # x_i reaches every y_j: the paths add
        dW_loop[i, j] = X[i] * dY[j]       # W_ij reaches y_j only, times x_i
dB_loop = dY.copy()                        # b_j reaches y_j only, with coefficient 1

dX = np.dot(dY, W.T)                       # (3,)·(3, 2) -> (2,)
dW = np.outer(X, dY)                       # (2,) outer (3,) -> (2, 3)
print("dL/dX =", dX)
print("dL/dW =\n", dW)
print("dL/dB =", dB_loop)
assert dX.tolist() == [5, 11] and np.array_equal(dX, dX_loop)
assert dW.tolist() == [[1, -1, 2], [2, -2, 4]] and np.array_equal(dW, dW_loop)
assert dX.shape == X.shape and dW.shape == W.shape

# %% [markdown]
# ## 5 · The shapes leave no other choice
#
# Forgot the formulas? Rebuild them from two facts: a gradient has the shape of its variable,
# and the matrix product only works when the inner sizes match.
#
# * $\partial L/\partial X$ must be (2,). It is made of $\partial L/\partial Y$ (3,) and $W$
#   (2, 3). $\partial L/\partial Y \cdot W$ fails (3 ≠ 2). The size 3 has to be summed away, so
#   it must be the inner size on both sides: (3,) · (3, 2). That is
#   $\partial L/\partial Y\cdot W^{\mathsf T}$. (`np.dot(W, dY)` gives the same numbers; it is
#   the same sum written the other way round. The book keeps the gradient on the left because
#   in a batch its rows are the samples.)
# * $\partial L/\partial W$ must be (2, 3). It is made of $X$ (2,) and
#   $\partial L/\partial Y$ (3,). The only product of a 2-vector and a 3-vector that gives
#   a 2×3 matrix is column × row: (2, 1) · (1, 3), i.e. $X^{\mathsf T}\cdot\partial L/\partial Y$.
#
# Shape matching is a memory aid; section 4 is the proof. (When $W$ is square, a wrong formula
# can have the right shape, so shapes alone cannot catch everything; the numerical check can.)
#
# The figure draws all three products with the integer example. Every box is one matrix, drawn
# cell by cell with its numbers, so its width and height *are* its shape. A single sample $X$
# is drawn as a row (1, 2), which is how `np.dot` treats it. Each gradient has the colour of its
# variable, and the size that is summed away is the one where the neighbours touch: the width
# of the left box equals the height of the right box.

# %%
def draw_matrix(ax, left, centre_y, values, colour, name, s=0.55):
    """One matrix as a grid of s×s cells with its numbers; the name above, the shape below."""
    values = np.atleast_2d(values)
    rows, cols = values.shape
    top = centre_y + rows * s / 2
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(Rectangle((left + c * s, top - (r + 1) * s), s, s,
                                   facecolor=colour, edgecolor="black", lw=1))
            ax.text(left + (c + 0.5) * s, top - (r + 0.5) * s, f"{values[r, c]:g}",
                    ha="center", va="center", fontsize=10)
    ax.text(left + cols * s / 2, top + 0.22, name, ha="center", va="bottom", fontsize=11)
    ax.text(left + cols * s / 2, top - rows * s - 0.12, f"({rows}, {cols})",
            ha="center", va="top", fontsize=10, color="dimgray")
    return left + cols * s


def draw_product(ax, centre_y, items, caption):
    """items: matrices (values, colour, name) and operator strings, laid out left to right."""
    x = 2.6
    ax.text(0, centre_y, caption, ha="left", va="center", fontsize=11, fontweight="bold")
    for item in items:
        if isinstance(item, str):
            ax.text(x + 0.3, centre_y, item, ha="center", va="center", fontsize=16)
            x += 0.6
        else:
            x = draw_matrix(ax, x, centre_y, *item)
    return x


blue, orange, green = "#cfe2f3", "#fce5cd", "#d9ead3"
fig, ax = plt.subplots(figsize=(9.5, 7.2))
rows = [("forward", [(X, blue, "X"), "·", (W, orange, "W"), "=", (XW, green, "X · W")],
         "(1, 2)·(2, 3) → (1, 3)"),
        ("backward: ∂L/∂X", [(dX, blue, "∂L/∂X"), "=", (dY, green, "∂L/∂Y"), "·",
                             (W.T, orange, "Wᵀ")], "(1, 3)·(3, 2) → (1, 2)"),
        ("backward: ∂L/∂W", [(dW, orange, "∂L/∂W"), "=", (X[:, None], blue, "Xᵀ"), "·",
                             (dY, green, "∂L/∂Y")], "(2, 1)·(1, 3) → (2, 3)")]
for k, (caption, items, rule) in enumerate(rows):
    right = draw_product(ax, -3.0 * k, items, caption)
    ax.text(right + 0.4, -3.0 * k, rule, ha="left", va="center", fontsize=10, color="dimgray")
ax.set_xlim(-0.1, 11.6)
ax.set_ylim(-7.4, 1.4)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Shapes in the Affine layer (one sample): the touching sides have equal length")
plt.show()

# %% [markdown]
# Read the figure row by row.
#
# * **Forward.** $X$ is one row of 2; $W$ is 2 tall. The 2 is summed away, and one row of 3
#   remains: $(9, 12, 15)$.
# * **∂L/∂X.** The gradient $\partial L/\partial Y$ is one row of 3, so it needs a right-hand
#   partner that is 3 tall and, to produce a row of 2, 2 wide: exactly $W^{\mathsf T}$. The result
#   $(5, 11)$ is a blue row of 2, like $X$.
# * **∂L/∂W.** $X^{\mathsf T}$ is a column of 2 and $\partial L/\partial Y$ a row of 3; the size
#   that is "summed away" is 1, so nothing is summed at all, and each cell is just
#   $x_i \cdot g_j$: $1\cdot(1, -1, 2)$ in the first row and $2\cdot(1, -1, 2)$ in the second.
#   The result is an orange 2×3 block, like $W$.
#
# > **Common slip: transposing a 1-D array does nothing.** In numpy, `X.T` of an array of shape
# > (2,) is the same array of shape (2,); a 1-D array has no "column" form. So the formula
# > $X^{\mathsf T}\cdot\partial L/\partial Y$ typed literally as `np.dot(X.T, dY)` fails for a
# > single sample (it asks for a dot product of a 2-vector with a 3-vector). The formula is
# > meant for $X$ as a **(1, 2) matrix**, one row per sample. Give the sample its row shape (or
# > use `np.outer`) and it works. This is one more reason why the Affine layer always works with
# > 2-D batches: a single sample is simply a batch with N = 1.

# %%
print("X.shape:", X.shape, "  X.T.shape:", X.T.shape)
try:
    np.dot(X.T, dY)
except ValueError as error:
    print("np.dot(X.T, dY) -> ValueError:", error)

X_row, dY_row = X.reshape(1, 2), dY.reshape(1, 3)           # one sample as a batch of one
dW_rows = np.dot(X_row.T, dY_row)                            # (2, 1)·(1, 3) -> (2, 3)
print("X_row.T.shape:", X_row.T.shape, "  np.dot(X_row.T, dY_row).shape:", dW_rows.shape)
assert X.T.shape == (2,) and np.array_equal(dW_rows, dW)

# %% [markdown]
# ## 6 · A numerical check (수치 미분)
#
# To check a backward pass numerically we need a loss $L$ whose gradient with respect to $Y$ is
# a known $G$. The simplest one is
#
# $$L = \sum_j G_j\, y_j \qquad(\text{in code } \texttt{np.sum(Y * G)}),
#   \qquad\text{so}\qquad \frac{\partial L}{\partial y_j} = G_j .$$
#
# Then the backward formulas with $\partial L/\partial Y = G$ must agree with
# `numerical_gradient` applied to $X$, $W$ and $B$ one after the other. We use random float64
# data (not our friendly integers) so that no lucky symmetry can hide a mistake. The lambda
# ignores its argument: `numerical_gradient` changes the array in place, and the lambda reads
# the changed array through the names `x`, `W_n`, `b`.

# %%
rng = np.random.default_rng(0)
x, W_n, b = rng.standard_normal(2), rng.standard_normal((2, 3)), rng.standard_normal(3)
G = rng.standard_normal(3)                           # plays the role of dL/dY


def probe_loss():
    return np.sum((np.dot(x, W_n) + b) * G)


analytic = {"X": np.dot(G, W_n.T), "W": np.outer(x, G), "B": G}
numeric = {"X": numerical_gradient(lambda _: probe_loss(), x),
           "W": numerical_gradient(lambda _: probe_loss(), W_n),
           "B": numerical_gradient(lambda _: probe_loss(), b)}
for name in analytic:
    same = np.allclose(analytic[name], numeric[name], rtol=1e-6, atol=1e-9)
    print(f"dL/d{name}: shape {analytic[name].shape}, matches the central difference: {same}")
    assert same and analytic[name].shape == numeric[name].shape
print("dL/dX backward :", np.round(analytic["X"], 6))
print("dL/dX numerical:", np.round(numeric["X"], 6))

# %% [markdown]
# ## 7 · The batch version (배치용 Affine 계층)
#
# A network processes a **batch** (배치) of N samples at once: $X$ gets one row per sample. One of
# the study notes writes the shapes for three input features and two neurons:
# $X$ (N, 3), $W$ (3, 2), $B$ (2,), so $Y$ is (N, 2). (The book's §5.6.2 keeps the shapes of
# section 1 instead: $X$ (N, 2), $W$ (2, 3), $B$ (3,), $Y$ (N, 3).) The product $X\cdot W$ handles every row
# at once. The bias is added to **every row**: numpy broadcasts (브로드캐스트) $B$ of shape (2,)
# over the N rows.
#
# The backward formulas keep their form, and the shape rule still decides everything:
#
# | quantity | formula | shapes (N samples, D inputs, M outputs) |
# |---|---|---|
# | $\partial L/\partial X$ | $\partial L/\partial Y\cdot W^{\mathsf T}$ | (N, M)·(M, D) → (N, D), like $X$ |
# | $\partial L/\partial W$ | $X^{\mathsf T}\cdot\partial L/\partial Y$ | (D, N)·(N, M) → (D, M), like $W$ |
# | $\partial L/\partial B$ | sum of $\partial L/\partial Y$ over the rows | (N, M) → (M,), like $B$ |
#
# Look at what the batch size N does. In $\partial L/\partial X$ it survives: each sample gets
# its own input gradient. In $\partial L/\partial W$ it is the inner size, so it is **summed
# away**: $X^{\mathsf T}\cdot\partial L/\partial Y = \sum_n x_n^{\mathsf T} g_n$, the sum of
# the single-sample outer products of section 4. That is the fan-out rule again: every sample
# uses the **same** $W$, so the gradients of all the samples add up.

# %%
N = 4
rng = np.random.default_rng(1)
Xb, Wb, Bb = rng.standard_normal((N, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
Yb = np.dot(Xb, Wb) + Bb                   # B (2,) is broadcast over the N rows
dYb = rng.standard_normal(Yb.shape)
dXb, dWb, dBb = np.dot(dYb, Wb.T), np.dot(Xb.T, dYb), np.sum(dYb, axis=0)
for name, value in [("X", Xb), ("W", Wb), ("B", Bb), ("Y", Yb),
                    ("dL/dX", dXb), ("dL/dW", dWb), ("dL/dB", dBb)]:
    print(f"{name:>6}: {value.shape}")
assert Yb.shape == (N, 2) and dXb.shape == Xb.shape and dWb.shape == Wb.shape
assert dBb.shape == Bb.shape
assert np.allclose(dWb, sum(np.outer(Xb[n], dYb[n]) for n in range(N)))   # sum over samples

# %% [markdown]
# ### Why ∂L/∂B is a sum
#
# In the forward pass the single bias vector $B$ is **copied** to each of the N rows. As a graph,
# $B$ goes through a copy node that feeds N add nodes, one per row. That is exactly the fan-out
# of chapter 2 (where $b$ fed two `+` nodes and received $7 + 2 = 9$): forward copies, backward
# **adds**. Each row's add node passes its own row of $\partial L/\partial Y$ back to the copy,
# and the copy node sums them:
#
# $$\frac{\partial L}{\partial B} = \sum_{n=1}^{N} \left(\frac{\partial L}{\partial Y}\right)_{n,:}
#   \qquad \texttt{np.sum(dY, axis=0)}.$$
#
# `axis=0` sums down the columns, over the samples, and leaves one number per neuron. The book's
# example has N = 2 and
#
# $$\frac{\partial L}{\partial Y} = \begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{pmatrix}
#   \quad\Longrightarrow\quad \frac{\partial L}{\partial B} = (1+4,\ 2+5,\ 3+6) = (5,\ 7,\ 9).$$
#
# We continue the integer example with a second sample $(3, 4)$, so
# $X = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$ and the same $W$ and $B$ as before.

# %%
X2 = np.array([[1.0, 2.0],
               [3.0, 4.0]])
Y2 = np.dot(X2, W) + B
dY2 = np.array([[1.0, 2.0, 3.0],
                [4.0, 5.0, 6.0]])
dX2 = np.dot(dY2, W.T)
dW2 = np.dot(X2.T, dY2)
dB2 = np.sum(dY2, axis=0)
print("Y     =", Y2.tolist())
print("dL/dX =", dX2.tolist())
print("dL/dW =", dW2.tolist())
print("dL/dB =", dB2.tolist())
assert Y2.tolist() == [[10, 14, 18], [20, 28, 36]]
assert dX2.tolist() == [[14, 32], [32, 77]]
assert dW2.tolist() == [[13, 17, 21], [18, 24, 30]]
assert dB2.tolist() == [5, 7, 9]

# %%
draw_graph({"XW1": (0, 2.2, "(X·W) row 1"), "XW2": (0, -2.2, "(X·W) row 2"),
            "B": (0, 0, "B"), "copy": (2.2, 0, "copy"),
            "add1": (5.0, 2.2, "+"), "add2": (5.0, -2.2, "+"),
            "Y1": (7.6, 2.2, "Y row 1"), "Y2": (7.6, -2.2, "Y row 2")},
           [("XW1", "add1", "[9, 12, 15]", "[1, 2, 3]"),
            ("XW2", "add2", "[19, 26, 33]", "[4, 5, 6]"),
            ("B", "copy", "[1, 2, 3]", "[5, 7, 9]"),
            ("copy", "add1", "[1, 2, 3]", "[1, 2, 3]"),
            ("copy", "add2", "[1, 2, 3]", "[4, 5, 6]"),
            ("add1", "Y1", "[10, 14, 18]", "[1, 2, 3]"),
            ("add2", "Y2", "[20, 28, 36]", "[4, 5, 6]")],
           plain=("XW1", "XW2", "B", "Y1", "Y2"),
           title="The bias fans out to every row; backward, the rows of ∂L/∂Y add up to [5, 7, 9]",
           figsize=(10, 5.6))
plt.show()

# %% [markdown]
# In the figure the forward values (black) show the same $B = [1, 2, 3]$ leaving the copy node
# twice; the backward values (red) show each add node handing back its row of
# $\partial L/\partial Y$, $[1, 2, 3]$ and $[4, 5, 6]$, and the copy node adding them into
# $[5, 7, 9]$. The other numbers of the cell follow the table above: $\partial L/\partial W$ is
# $1\cdot[1,2,3] + 3\cdot[4,5,6] = [13, 17, 21]$ in its first row (first input feature: 1 in
# sample one, 3 in sample two) and $2\cdot[1,2,3] + 4\cdot[4,5,6] = [18, 24, 30]$ in its second.
#
# ## 8 · Inputs with more than two axes
#
# MNIST images arrive as a batch of shape (N, 1, 28, 28): N images, 1 colour channel, 28×28
# pixels. The Affine layer wants one row per sample, so `forward` first **flattens** each image
# into a row of $1\cdot28\cdot28 = 784$ numbers with `x.reshape(N, -1)` (the `-1` means "whatever
# is left"). Without that, `np.dot` pairs the *last* axis of $x$ (28) with the first axis of $W$
# (784) and fails. One of the study notes wrote its Affine class without the reshape and said so
# in a comment: *"assumes x is 2-D; the book forcibly reshapes x to 2-D"*. The lab's inputs are
# not always 2-D, so the reshape is part of the layer.
#
# `backward` must undo it. The gradient $\partial L/\partial X$ comes out as (N, 784), but the
# layer to the left produced an (N, 1, 28, 28) array and expects its gradient in that shape
# (in the book's chapter 7 that left neighbour is a convolution layer). So `forward` remembers
# the original shape and `backward` reshapes $\partial L/\partial X$ back. Flattening and
# un-flattening use the same (row-major) order, so every gradient entry returns to the pixel it
# came from.

# %%
rng = np.random.default_rng(2)
images = rng.random((2, 1, 28, 28))
W_img, b_img = 0.01 * rng.standard_normal((784, 10)), np.zeros(10)
try:
    np.dot(images, W_img)
except ValueError as error:
    print("without reshape -> ValueError:", error)

flat = images.reshape(images.shape[0], -1)           # (2, 1, 28, 28) -> (2, 784)
out = np.dot(flat, W_img) + b_img
dout = np.ones_like(out)
dflat = np.dot(dout, W_img.T)                        # (2, 784)
dimages = dflat.reshape(images.shape)                # back to (2, 1, 28, 28)
print("images", images.shape, "-> flat", flat.shape, "-> out", out.shape)
print("dflat", dflat.shape, "-> dimages", dimages.shape)
assert flat.shape == (2, 784) and out.shape == (2, 10) and dimages.shape == images.shape
assert flat[1, 28 * 5 + 7] == images[1, 0, 5, 7] and dimages[1, 0, 5, 7] == dflat[1, 28 * 5 + 7]

# %% [markdown]
# ## 9 · The `Affine` class
#
# Everything so far, put into a layer with the course's common interface: `forward(x)` returns
# the output, `backward(dout)` returns $\partial L/\partial x$ and stores the parameter gradients
# in `self.dW` and `self.db`.

# %%
class Affine:
    def __init__(self, W, b):
        self.W = W                      # (D, M) weights
        self.b = b                      # (M,) bias
        self.x = None                   # the flattened input (N, D), kept for backward
        self.original_x_shape = None    # e.g. (N, 1, 28, 28), to give dx its shape back
        self.dW = None                  # parameter gradients, set by backward
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)               # (N, ...) -> (N, D)
        self.x = x
        out = np.dot(x, self.W) + self.b            # (N, D)·(D, M) + (M,) -> (N, M)
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)                 # (N, M)·(M, D) -> (N, D)
        self.dW = np.dot(self.x.T, dout)            # (D, N)·(N, M) -> (D, M)
        self.db = np.sum(dout, axis=0)              # (N, M) -> (M,): the bias fanned out
        dx = dx.reshape(*self.original_x_shape)     # (N, D) -> the shape x came in
        return dx

# %% [markdown]
# Line by line:
#
# * `__init__(W, b)` keeps the parameters. `self.W = W` stores a **reference** to the caller's
#   array, not a copy: when the training loop later updates the parameters in place
#   (`W -= lr * dW`), the layer sees the new values. `self.x` and `self.original_x_shape` are
#   instance variables (인스턴스 변수) that `forward` fills for `backward`; `self.dW` and
#   `self.db` are where `backward` leaves the parameter gradients. Use exactly these names:
#   one study note called them `dw` and `w`, and a network (or grader) that looks for
#   `layer.dW` then finds nothing.
# * `forward(x)`: remember the incoming shape; flatten to (N, D), keeping axis 0 as the batch;
#   store the flat `x`, because $\partial L/\partial W = x^{\mathsf T}\cdot$`dout` needs it
#   (like `MulLayer`, the `dot` node needs its forward inputs); return $x\cdot W + b$, with
#   $b$ broadcast over the rows.
# * `backward(dout)`: `dout` is $\partial L/\partial Y$, shape (N, M). The three lines are the
#   three rows of the table in section 7. `dx` does **not** need to be stored: it is the
#   return value, the `dout` of the layer to the left. The last line undoes the flattening.
#
# Because axis 0 is always the batch, a single sample must come as a batch of one, shape (1, D).
# A bare (D,) vector would be read as D samples of one feature each; the cell below shows the
# error that follows. First, the class reproduces the batch example of section 7 (our integer
# $X$ and $W$, with the book's $\partial L/\partial Y$):

# %%
layer = Affine(W.copy(), B.copy())
out = layer.forward(X2)
dx = layer.backward(dY2)
print("out =", out.tolist(), "  dx =", dx.tolist())
print("dW =", layer.dW.tolist(), "  db =", layer.db.tolist())
assert out.tolist() == [[10, 14, 18], [20, 28, 36]] and dx.tolist() == [[14, 32], [32, 77]]
assert layer.dW.tolist() == [[13, 17, 21], [18, 24, 30]] and layer.db.tolist() == [5, 7, 9]

print("one sample as (1, 2):", layer.forward(X.reshape(1, 2)).tolist())
try:
    layer.forward(X)                               # shape (2,): read as 2 samples of 1 feature
except ValueError as error:
    print("one sample as (2,)  -> ValueError:", error)

# %% [markdown]
# ### Gradient check on random data
#
# The decisive test: random float64 inputs with more than two axes, a random probe gradient $G$,
# the loss $L = \sum G \odot \text{out}$ of section 6, and `numerical_gradient` on $x$, $W$ and
# $b$. Because the layer keeps references to `W` and `b`, the numerical gradient can change
# them in place and the layer's `forward` sees every nudge.

# %%
rng = np.random.default_rng(3)
x4 = rng.standard_normal((3, 2, 2, 2))              # N = 3 samples of shape (2, 2, 2): D = 8
W4, b4 = rng.standard_normal((8, 4)), rng.standard_normal(4)
G4 = rng.standard_normal((3, 4))
layer = Affine(W4, b4)


def probe_loss4():
    return np.sum(layer.forward(x4) * G4)


layer.forward(x4)
dx4 = layer.backward(G4)
dW4, db4 = layer.dW, layer.db
checks = {"dx": (dx4, numerical_gradient(lambda _: probe_loss4(), x4)),
          "dW": (dW4, numerical_gradient(lambda _: probe_loss4(), W4)),
          "db": (db4, numerical_gradient(lambda _: probe_loss4(), b4))}
for name, (backprop, numerical) in checks.items():
    same = backprop.shape == numerical.shape and np.allclose(backprop, numerical,
                                                             rtol=1e-6, atol=1e-9)
    print(f"{name}: shape {backprop.shape}, matches the central difference: {same}")
    assert same

# %% [markdown]
# > **Common slip: `db = dout` without the sum.** For a single sample $\partial L/\partial B$
# > really is $\partial L/\partial Y$ (section 3), so it is tempting to write
# > `self.db = dout`. With a batch, that `db` has shape (N, M), one row per sample, while `b`
# > has shape (M,). Nothing fails inside the layer. The error appears one step later, in the
# > gradient-descent update (경사 하강법), far from its cause:
# >
# > * `b -= lr * db` (in place, as training loops write it) stops with a broadcasting error:
# >   an (M,) array cannot hold an (N, M) result;
# > * `b = b - lr * db` is worse: it silently makes the bias an (N, M) matrix. The next forward
# >   pass still works if the next batch happens to have N rows, giving each *row position* its
# >   own bias, and fails on the first batch of another size.
# >
# > The same holds for `dW`: written the wrong way round (e.g. `np.dot(dout.T, x)`, shape
# > (M, D)), `W -= lr * dW` fails with a shape error, unless $W$ is square, in which case it
# > silently trains with the wrong numbers. Checking `dW.shape == W.shape` and
# > `db.shape == b.shape`, and then the numbers against `numerical_gradient`, catches all of it.

# %%
lr = 0.1
db_wrong = dY2                                     # the slip: dout itself, shape (2, 3)
b_trained = B.copy()
print("b:", b_trained.shape, "  db_wrong:", db_wrong.shape)
try:
    b_trained -= lr * db_wrong
except ValueError as error:
    print("b -= lr * db      -> ValueError:", error)

b_silent = B - lr * db_wrong                       # no error, but the bias is now a matrix
print("b = b - lr * db   -> b now has shape", b_silent.shape)
try:
    np.dot(np.ones((5, 2)), W) + b_silent          # the next batch has 5 samples
except ValueError as error:
    print("next batch of 5   -> ValueError:", error)

dW_wrong = np.dot(dY2.T, X2)                       # the other slip: (3, 2) instead of (2, 3)
W_trained = W.copy()
try:
    W_trained -= lr * dW_wrong
except ValueError as error:
    print("W -= lr * dW(3,2) -> ValueError:", error)
assert db_wrong.shape == (2, 3) and b_silent.shape == (2, 3) and dW_wrong.shape == (3, 2)
assert np.sum(db_wrong, axis=0).tolist() == [5, 7, 9]     # the fix: sum over the batch

# %% [markdown]
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | Affine layer | Affine 계층 | the layer computing $Y = X\cdot W + B$ |
# | affine transformation | 어파인 변환 | a linear map followed by a shift: $x \mapsto x\cdot W + b$ |
# | matrix product | 행렬의 곱 | $(a, k)\cdot(k, c) \to (a, c)$: inner sizes match and are summed away; `np.dot` |
# | dot product | 내적 | the book's name for `np.dot`; for two vectors, $\sum_i a_i b_i$ |
# | shape | 형상 | the sizes of an array's axes, e.g. (N, 784) |
# | weight / bias | 가중치 / 편향 | $W$ and $B$, the parameters of the Affine layer |
# | transpose | 전치 | $W^{\mathsf T}$: rows become columns; `W.T` (does nothing to a 1-D array) |
# | outer product | 외적 | column × row: $(x_i g_j)$, the single-sample $\partial L/\partial W$ |
# | gradient | 기울기 | the derivatives of the loss, one per element, in the variable's shape |
# | batch | 배치 | N samples processed together, one per row |
# | broadcasting | 브로드캐스트 | numpy repeating $B$ (M,) over the N rows of an (N, M) array |
# | fan-out, branch | 분기 | one value used in several places; backward, the gradients add |
# | chain rule | 연쇄법칙 | the derivative of a composition is the product of the local derivatives |
# | flatten / reshape | 평탄화 / 형상 변환 | (N, 1, 28, 28) → (N, 784) in forward, and back in backward |
# | numerical gradient | 수치 미분 | central differences $(f(w+h) - f(w-h))/2h$, $h = 10^{-4}$, for every element |
# | gradient descent | 경사 하강법 | the update $W \leftarrow W - \eta\,\partial L/\partial W$ |
#
# ## What's next
#
# **Lab:** `labs/ch05_affine.ipynb`. You write `Affine` yourself: forward with
# flattening, backward with `dx`, `self.dW` and `self.db`. The checks run it on random batches
# (N = 1 included, inputs with more than two axes) against numerical gradients, so every slip
# of this lecture (`db` not summed, `dW` transposed, `dx` not reshaped back) is caught. Then you
# derive a backward pass on your own: a layer that subtracts each feature's mean over the batch,
# the first step of batch normalisation. It needs exactly the ideas of this lecture's section 7
# (a value copied to every row) and of chapter 2's fan-out.
#
# **Next lecture:** `ch06_softmax_with_loss`, the last layer of the network. Softmax turns the
# Affine layer's scores into probabilities, the cross-entropy error turns them into one loss
# number, and together their backward pass is the strikingly simple $(y - t)/N$: the
# $\partial L/\partial Y$ that flows into the Affine layer you just built.
