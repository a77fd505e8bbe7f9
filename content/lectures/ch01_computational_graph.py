# %% [markdown]
# # Chapter 1 — Computational graphs (계산 그래프)
#
# *Book: 밑바닥부터 시작하는 딥러닝 (Deep Learning from Scratch), the opening of chapter 5 and
# §5.1 (5.1.1 solving problems with a graph, 5.1.2 local computation, 5.1.3 why graphs).*
#
# Chapter 4 of the book trained a network with numerical differentiation. It worked, but it was
# painfully slow. Chapter 5 is about **backpropagation** (오차역전파법), a way to get the same
# gradients far faster. Before any formula, the book introduces a picture that makes
# backpropagation easy to see: the computational graph. That picture is this whole chapter.
#
# **After this chapter you can**
#
# 1. say what backpropagation computes and why numerical differentiation is too slow for it;
# 2. draw a problem as a computational graph and evaluate it from left to right (forward
#    propagation, 순전파), by hand and with a short loop in Python;
# 3. explain *local computation* (국소적 계산) and why every intermediate value is kept;
# 4. read the backward values on a graph ("if an apple costs 1 won more, the bill grows by
#    2.2 won") and confirm them with a numerical derivative;
# 5. write down the local derivative (국소적 미분) of the common nodes `×`, `+`, `**2`, `exp`,
#    `/` (that is, $1/x$) and `×−1`, with the right sign.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# The next cell is the course's graph-drawing helper, `draw_graph`. You may skip reading it.
# In its figures circles are operations, plain words are inputs and outputs, the number
# **above** an edge (in black) is the value travelling forward, and the number **below** it
# (in red, under a small red arrow) is the value travelling backward, as in the book.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1. What backpropagation is for (오차역전파법)
#
# A neural network learns by adjusting its **weight parameters** (가중치 매개변수). The study
# notes this course grew from describe the loop like this:
#
# 1. run the network on training data and turn its output into one number, the **loss**
#    (손실 함수 값): how wrong the network is;
# 2. compute the **gradient** (기울기) of the loss with respect to every weight: for each weight,
#    how much the loss changes when that weight changes a little;
# 3. move every weight a small step against its gradient (downhill), and repeat.
#
# (One note phrased step 3 as "change the weights until the gradient becomes 0". That is the idea
# behind it: at a minimum the slope is zero. In practice we take a fixed number of small steps and
# watch the loss; with floating-point numbers the gradient is almost never exactly 0.)
#
# Step 2 is the expensive one. In the book's chapter 4 it was done by **numerical differentiation**
# (수치 미분): nudge one weight by a tiny $h$ up and down, run the whole network twice, and divide
# the difference of the two losses by $2h$ (a *central difference*, 중심 차분). It is simple and
# hard to get wrong, but it costs **two full forward passes per weight**. Let us count.

# %%
def numerical_gradient(f, w, h=1e-4):
    """Central difference for every entry of the 1-d array w: (f(w+h) - f(w-h)) / 2h."""
    grad = np.zeros_like(w)
    for i in range(w.size):
        saved = w[i]
        w[i] = saved + h
        f_plus = f(w)
        w[i] = saved - h
        f_minus = f(w)
        w[i] = saved                      # put the weight back
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


# A tiny "network": a linear model with 3 weights, fitted to 20 examples by gradient descent.
rng = np.random.default_rng(0)
X = rng.normal(size=(20, 3))
t = X @ np.array([1.0, -2.0, 0.5])       # targets made by the weights we hope to find

def mse(w):
    """Mean squared error of the model X @ w on the 20 examples."""
    return np.mean((X @ w - t) ** 2)

calls = 0
def loss(w):
    """The same loss, counting how often the training loop evaluates it."""
    global calls
    calls += 1
    return mse(w)

w = np.zeros(3)
for step in range(100):
    w -= 0.1 * numerical_gradient(loss, w)   # loss -> gradient -> update
    if step in (0, 9, 99):
        print(f"after step {step + 1:3d}: loss = {mse(w):.4f}")
print("learned weights:", np.round(w, 3))
print("loss evaluations:", calls, "= 100 steps x 2 per weight x 3 weights")
assert calls == 100 * 2 * 3
assert np.allclose(w, [1.0, -2.0, 0.5], atol=1e-3)

# %% [markdown]
# The loop works: the loss falls and the weights approach $(1, -2, 0.5)$. But look at the bill:
# 600 loss evaluations for 3 weights. The cost grows with the number of weights. The two-layer
# network the book trains on MNIST (784 inputs, 50 hidden units, 10 outputs) has
# $784\cdot 50 + 50 + 50\cdot 10 + 10$ weights and biases:

# %%
n_params = 784 * 50 + 50 + 50 * 10 + 10
print("parameters:", n_params)
print("forward passes for ONE numerical gradient:", 2 * n_params)
assert n_params == 39_760 and 2 * n_params == 79_520

# %% [markdown]
# Almost eighty thousand forward passes for a single update step, and training needs thousands of
# steps. Backpropagation gets **all** 39,760 derivatives from one forward pass plus one backward
# pass, which costs about as much as a forward pass or two. That is the whole motivation for
# the book's chapter 5. Numerical differentiation does not disappear: it stays as the simple,
# trustworthy *check* that the fast method is right (we use it below, and so does every chapter).
#
# The book explains backpropagation with pictures rather than with formulas. Those pictures are
# computational graphs.

# %% [markdown]
# ## 2. Computational graphs: nodes and edges (계산 그래프, 노드, 에지)
#
# A **computational graph** (계산 그래프) draws a calculation as a *graph* in the
# data-structure sense:
#
# * each **node** (노드) is one operation, drawn as a circle: `×`, `+`, `exp`, …;
# * each **edge** (에지) is a line between nodes. It carries a value from one node to the next;
#   we write that value on top of the edge.
#
# Inputs and the final result sit at the two ends of the graph. Values flow from left to right,
# each node combining what arrives on its incoming edges and sending the result out on its
# outgoing edge.

# %% [markdown]
# ## 3. Solving a problem with a graph (계산 그래프로 풀다)
#
# **Problem 1.** You buy 2 apples at 100 won each. The consumption tax is 10 %, so the bill is
# multiplied by 1.1. How much do you pay?
#
# Solving it with a graph takes two steps:
#
# 1. **build** the graph: one node per operation;
# 2. **compute from left to right**: start at the inputs and push values through the nodes until
#    you reach the end.
#
# Step 2 has a name: **forward propagation** (순전파), propagation from the start of the graph to
# its end. The first figure writes the constants inside the nodes (`×2`, `×1.1`).

# %%
draw_graph({"apple": (0, 0, "apple"), "m2": (1.7, 0, "×2"), "m11": (3.4, 0, "×1.1"),
            "total": (5.1, 0, "total")},
           [("apple", "m2", 100, None), ("m2", "m11", 200, None), ("m11", "total", 220, None)],
           plain=["apple", "total"], title="Problem 1: constants inside the nodes")
plt.show()

# %% [markdown]
# The apple price 100 enters the `×2` node, 200 leaves it, and `×1.1` turns 200 into 220.
#
# It is often better to treat the number of apples and the tax as **inputs** too, so that the
# nodes hold only the operation `×`. The graph then shows where every quantity enters, and later
# we will be able to ask how the total depends on each of them.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "total": (5.4, 1, "total")},
           [("apple", "m1", 100, None), ("num", "m1", 2, None), ("m1", "m2", 200, None),
            ("tax", "m2", 1.1, None), ("m2", "total", 220, None)],
           plain=["apple", "num", "tax", "total"], title="Problem 1: every quantity is an input")
plt.show()

# %% [markdown]
# Forward propagation in Python is just the two multiplications, in the order of the graph:

# %%
apple, apple_num, tax = 100, 2, 1.1
apple_price = apple * apple_num       # first × node
price = apple_price * tax             # second × node
print("apple_price =", apple_price)
print("price       =", price)
assert apple_price == 200
assert round(price, 10) == 220

# %% [markdown]
# ### Why does Python print `220.00000000000003`?
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# Not a bug in the graph. Computers store numbers like 1.1 in binary **floating point**
# (부동소수점), and 1.1 has no exact binary form, just as 1/3 has no exact decimal form. The
# stored number is the closest one available, a tiny bit more than 1.1, and multiplying it by 200
# shows the difference in the 17th digit. Two habits follow:
#
# * to **compare**, allow a tolerance: `round(price, 10) == 220` or `np.isclose(price, 220)`,
#   never `price == 220`;
# * to **display** a whole number, use `round`, not `int`. `int` cuts off everything after the
#   decimal point, so a value a hair *below* an integer loses a whole unit. The error can go
#   either way: working back from a receipt of 786.5 won to the price before tax gives
#   `786.5 / 1.1`, which is a hair below 715.

# %%
print("1.1 is stored as   ", f"{1.1:.20f}")
before_tax = 786.5 / 1.1
print("786.5 / 1.1        =", before_tax)
print("int(...)           =", int(before_tax), "  <- a whole won lost")
print("round(...)         =", round(before_tax))
assert int(before_tax) == 714 and round(before_tax) == 715

# %% [markdown]
# > **Common slip: `int()` to tidy up a float.** One study note printed the apple-and-orange
# > bill as `int(price)` and got 715. It worked only because that result happened to be
# > `715.0000000000001`, a hair *above* 715. `int(714.9999999999999)` is 714. Use `round(x)` to
# > display, and a tolerance to compare.
#
# **Problem 2.** Now you buy 2 apples at 100 won and 3 oranges at 150 won, with the same 10 % tax.
# The graph gets an `×` node for the oranges and an `+` node that adds the two subtotals.

# %%
nodes_ao = {"apple": (0, 2.5, "apple"), "apple_num": (1.7, 1.5, "apple_num"),
            "m_apple": (1.7, 2.5, "×"), "orange": (0, 0, "orange"),
            "orange_num": (1.7, -1, "orange_num"), "m_orange": (1.7, 0, "×"),
            "add": (3.6, 1.25, "+"), "tax": (5.4, 0.25, "tax"), "m_tax": (5.4, 1.25, "×"),
            "total": (7.2, 1.25, "total")}
plain_ao = ["apple", "apple_num", "orange", "orange_num", "tax", "total"]
draw_graph(nodes_ao,
           [("apple", "m_apple", 100, None), ("apple_num", "m_apple", 2, None),
            ("orange", "m_orange", 150, None), ("orange_num", "m_orange", 3, None),
            ("m_apple", "add", 200, None), ("m_orange", "add", 450, None),
            ("add", "m_tax", 650, None), ("tax", "m_tax", 1.1, None), ("m_tax", "total", 715, None)],
           plain=plain_ao, title="Problem 2: apples and oranges, forward")
plt.show()

# %% [markdown]
# Reading left to right: $100\cdot 2 = 200$ and $150\cdot 3 = 450$; the `+` node makes
# $200 + 450 = 650$; the last `×` node makes $650\cdot 1.1 = 715$.

# %%
orange, orange_num = 150, 3
apple_price = apple * apple_num
orange_price = orange * orange_num
all_price = apple_price + orange_price
price = all_price * tax
print("apple_price, orange_price, all_price:", apple_price, orange_price, all_price)
print("price:", price, "-> displayed:", round(price))
assert (apple_price, orange_price, all_price) == (200, 450, 650)
assert round(price, 10) == 715

# %% [markdown]
# ## 4. Local computation (국소적 계산)
#
# "Local" means *limited to a node's own small neighbourhood*. A node computes its output from
# the values on its own incoming edges and nothing else. It does not know, and does not need to
# know, how those values were produced or what happens to its output afterwards.
#
# The book's illustration: in a big shopping trip you buy 2 apples and many other things. Suppose
# all the other items together cost 4,000 won, computed by some complicated part of the graph.
# The `+` node still does only one small thing: $4000 + 200 = 4200$.

# %%
other_items = 4000                    # however complicated, the + node sees only this number
subtotal = other_items + apple * apple_num
total = subtotal * tax
print("subtotal:", subtotal, "  total:", round(total, 6))
assert subtotal == 4200 and round(total, 10) == 4620

draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "others": (3.6, 0, "(many other items)"), "add": (3.6, 1, "+"),
            "tax": (5.4, 0, "tax"), "m2": (5.4, 1, "×"), "total": (7.2, 1, "total")},
           [("apple", "m1", 100, None), ("num", "m1", 2, None), ("m1", "add", 200, None),
            ("others", "add", 4000, None), ("add", "m2", 4200, None), ("tax", "m2", 1.1, None),
            ("m2", "total", 4620, None)],
           plain=["apple", "num", "others", "tax", "total"],
           title="Local computation: the + node sees only 4000 and 200")
plt.show()

# %% [markdown]
# This is how computational graphs tame complexity: split a complicated calculation into small,
# simple, local steps, and pass each step's result on to the next node. However big the whole
# graph is, each node does only something as simple as `+` or `×`.
#
# ### Evaluating a graph in code
#
# Local computation also makes a graph easy to evaluate with one general loop. Write the graph as
# a list of nodes `(name, op, [input names])`, where each input is either a given value or the
# name of an earlier node. List the nodes in **topological order** (위상 정렬 순서): every node
# comes after the nodes it reads. Then walk the list once, computing each node from values that are
# already known, and store **every** result in a dictionary.

# %%
OPS = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}

shopping_graph = [
    ("apple_price",  "mul", ["apple", "apple_num"]),
    ("orange_price", "mul", ["orange", "orange_num"]),
    ("all_price",    "add", ["apple_price", "orange_price"]),
    ("price",        "mul", ["all_price", "tax"]),
]
values = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}

for name, op, args in shopping_graph:            # left to right = forward propagation
    values[name] = OPS[op](*[values[a] for a in args])   # each node sees only its inputs

for name, value in values.items():
    print(f"{name:>12} = {value:g}")
assert round(values["price"], 10) == 715 and values["all_price"] == 650

# %% [markdown]
# Each node's computation, `OPS[op](...)`, receives only the values of its own inputs: that is
# local computation, in one line. (In the lab you will turn this loop into a function that works
# for any graph.) The order matters: if a node is listed before one of its inputs has been
# computed, the loop cannot proceed.

# %%
wrong_order = [shopping_graph[3]] + shopping_graph[:3]    # "price" first
known = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}
try:
    for name, op, args in wrong_order:
        known[name] = OPS[op](*[known[a] for a in args])
except KeyError as err:
    print("KeyError:", err, "- needed before it was computed")

# %% [markdown]
# ## 5. Why solve problems with a graph? (왜 계산 그래프로 푸는가?)
#
# ### Reason 1: local computation makes complicated things simple
#
# Shown in section 4: however large the graph, each node does one small, local job.
#
# ### Reason 2: every intermediate value is kept
#
# After the forward pass, `values` holds the value on every edge: 200, 450, 650, not just the final
# 715. One of the study notes asks a fair question here: *is storing them really an advantage?*
#
# Yes, because the backward pass needs them. A `×` node's derivative with respect to one input is
# the **other** input (chapter 3 works this out): the last node of the apple graph, which computed
# $200 \times 1.1$, needs the forward values $200$ and $1.1$ again when the derivatives flow back.
# Without the stored values we would have to recompute the forward pass for every derivative.
#
# It is not free, though. Another note points out that backpropagation **uses a lot of memory**:
# a network keeps the outputs of every layer, for every example in the batch, until the backward
# pass has used them. For the MNIST network above with a batch of 100 images, that is at least
# the 100×784 inputs plus the 100×50 hidden values plus the 100×10 outputs:

# %%
stored = 100 * 784 + 100 * 50 + 100 * 10
print("values kept for one batch:", stored, f"(= {stored * 8 / 1e6:.2f} MB as float64)")
assert stored == 84_400

# %% [markdown]
# Small here; for large networks and long sequences this memory, not arithmetic, is often the
# limit. Backpropagation trades memory for speed.
#
# ### Reason 3 (the real reason): derivatives by backward propagation (역전파)
#
# The most important reason is that a graph lets us compute **derivatives** efficiently. Go back
# to Problem 1 and ask: *if the price of an apple goes up a little, how much does the total go
# up?* In symbols, we want $\partial\,\text{total} / \partial\,\text{apple}$.
#
# **Backward propagation** (역전파) answers it by sending a value from **right to left** through
# the graph: start with 1 at the output, and at each node multiply by that node's **local
# derivative** (국소적 미분), the derivative of the node's own little operation. In the figure
# the backward values are the red numbers under the edges.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "total": (5.4, 1, "total")},
           [("apple", "m1", 100, 2.2), ("num", "m1", 2, 110), ("m1", "m2", 200, 1.1),
            ("tax", "m2", 1.1, 200), ("m2", "total", 220, 1)],
           plain=["apple", "num", "tax", "total"],
           title="Problem 1, forward (black) and backward (red)")
plt.show()

# %% [markdown]
# Follow the red numbers from the right:
#
# * the output receives $1$ ($\partial\,\text{total}/\partial\,\text{total} = 1$);
# * the second `×` node computed `apple_price * tax`. Its local derivative with respect to
#   `apple_price` is `tax` $= 1.1$, so it sends $1 \times 1.1 = 1.1$ back to the left. Towards
#   `tax` it sends $1 \times 200 = 200$, the *other* forward input;
# * the first `×` node computed `apple * apple_num`. It multiplies the 1.1 that arrived by
#   `apple_num` $= 2$ and sends $2.2$ to `apple`; towards `apple_num` it sends
#   $1.1 \times 100 = 110$.
#
# So $\partial\,\text{total}/\partial\,\text{apple} = 2.2$: **if the apple price rises by 1 won,
# the total rises by 2.2 won.** Likewise one more apple adds 110 won, and raising the tax
# factor by 1 would add 200 won.
#
# Two things make this efficient. One right-to-left sweep produced the derivatives with respect
# to **all** inputs at once. And the intermediate derivative 1.1 was **shared**: it was computed
# once and reused for both `apple` and `apple_num`. With numerical differentiation each input
# costs its own pair of forward passes. Why multiplying local derivatives gives the right answer
# is the chain rule (연쇄법칙), the subject of chapter 2.
#
# Let us check all three red numbers by nudging each input (central difference, $h = 10^{-4}$):

# %%
def total_price(apple=100.0, apple_num=2.0, tax=1.1):
    return apple * apple_num * tax

h = 1e-4
numerical = {
    "apple":     (total_price(apple=100 + h) - total_price(apple=100 - h)) / (2 * h),
    "apple_num": (total_price(apple_num=2 + h) - total_price(apple_num=2 - h)) / (2 * h),
    "tax":       (total_price(tax=1.1 + h) - total_price(tax=1.1 - h)) / (2 * h),
}
backward = {"apple": 2.2, "apple_num": 110, "tax": 200}     # the red numbers in the figure
for name in backward:
    print(f"d total / d {name:<9}: backward {backward[name]:<5}  numerical {numerical[name]:.6f}")
    assert abs(numerical[name] - backward[name]) < 1e-6
print("exact float of the tax derivative:", numerical["tax"], " int:", int(numerical["tax"]))
assert int(numerical["tax"]) == 199 and round(numerical["tax"]) == 200

# %% [markdown]
# They agree to six decimal places. Note the last line: a numerical derivative is a float with
# noise in its last digits too. The tax derivative comes out a hair below 200, and `int()` would
# report 199: one more reason to display with `round`.

# %% [markdown]
# **What does a shopping bill have to do with training?** (A question from the study notes.) In
# a network the last node is not a price but the **loss**, and the inputs we care about are the
# **weights**. The same backward sweep then delivers $\partial L/\partial w$ for every weight $w$:
# exactly the gradient that step 2 of the learning loop in section 1 needs. Chapter 2 makes this
# concrete.

# %% [markdown]
# ## 6. Local derivatives of common nodes (국소적 미분)
#
# Backward propagation only ever asks a node for its local derivative. Here are the nodes this
# course uses. For two-input nodes the table gives the partial derivative with respect to each
# input.
#
# | node | forward | local derivative | needs from the forward pass |
# |---|---|---|---|
# | `×` | $z = xy$ | $\partial z/\partial x = y,\ \ \partial z/\partial y = x$ | both inputs |
# | `+` | $z = x + y$ | $\partial z/\partial x = 1,\ \ \partial z/\partial y = 1$ | nothing |
# | `**2` | $y = x^2$ | $2x$ | the input $x$ |
# | `exp` | $y = e^x$ | $e^x = y$ | the output $y$ |
# | `/` | $y = 1/x$ | $-1/x^2 = -y^2$ | the output $y$ |
# | `×−1` | $y = -x$ | $-1$ | nothing |
#
# The last column is Reason 2 again: most nodes need a value from the forward pass. `exp` and
# `/` can reuse their own **output**, which is why the sigmoid layer in chapter 4 stores $y$.
#
# Let us check every entry against the central difference (중심 차분) at a few points. The
# function is named `numerical_diff`, as in the book's §4.3.1 (chapter 2 looks at it closely).

# %%
def numerical_diff(f, x, h=1e-4):
    """Central difference: the slope of f between x - h and x + h."""
    return (f(x + h) - f(x - h)) / (2 * h)

one_input_nodes = {            # name: (forward y = f(x), local derivative dy/dx)
    "**2": (lambda x: x ** 2, lambda x: 2 * x),
    "exp": (np.exp, np.exp),
    "/":   (lambda x: 1 / x, lambda x: -1 / x ** 2),
    "×−1": (lambda x: -x, lambda x: -1.0),
}
print(f"{'node':>4} {'x':>5} {'formula':>10} {'numerical':>10}")
for name, (f, df) in one_input_nodes.items():
    for x in (0.5, 2.0):
        formula, numeric = df(x), numerical_diff(f, x)
        print(f"{name:>4} {x:5.1f} {formula:10.5f} {numeric:10.5f}")
        assert abs(formula - numeric) < 1e-6

x, y = 3.0, 4.0           # two-input nodes: nudge one input, hold the other
assert abs(numerical_diff(lambda a: a * y, x) - y) < 1e-6      # ∂(xy)/∂x = y = 4
assert abs(numerical_diff(lambda b: x * b, y) - x) < 1e-6      # ∂(xy)/∂y = x = 3
assert abs(numerical_diff(lambda a: a + y, x) - 1) < 1e-6      # ∂(x+y)/∂x = 1
y_out = 1 / 2.0
assert -y_out ** 2 == -1 / 2.0 ** 2                                 # -1/x² and -y² agree
print("× and + partials and -1/x² = -y² check out")

# %% [markdown]
# > **Common slip: dropping the minus sign of $1/x$.** One set of study notes wrote the
# > derivative of the `/` node as $\partial y/\partial x = 1/x^2$ and, on the next line,
# > $= -y^2$. The two lines contradict each other, and the first is wrong: $1/x$ **decreases**
# > as $x$ grows (for $x > 0$), so its slope must be negative. The correct derivative is
# > $-1/x^2 = -y^2$. A missing sign is the worst kind of error in backpropagation: the
# > magnitude looks plausible, nothing crashes, but the gradient points uphill. A numerical check
# > catches it immediately:

# %%
slip = lambda x: 1 / x ** 2            # the slip: sign dropped
correct = lambda x: -1 / x ** 2
x0 = 2.0
numeric = numerical_diff(lambda x: 1 / x, x0)
print(f"at x = {x0}: numerical {numeric:.6f}, correct {correct(x0):.6f}, slip {slip(x0):.6f}")
assert abs(numeric - correct(x0)) < 1e-6 and abs(numeric - slip(x0)) > 0.4

# %% [markdown]
# The figure shows the `/` node as a function (left) and its local derivative (right). On the
# left, the tangent lines at $x = 1$ and $x = 2$ slope downward, with slopes $-1$ and $-0.25$.
# On the right, the correct derivative $-1/x^2$ (solid) passes through the numerical derivatives
# (dots); the slip $+1/x^2$ (dashed) is its mirror image and misses every dot.

# %%
xs = np.linspace(0.4, 3.0, 200)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
ax1.plot(xs, 1 / xs, label="y = 1/x")
for x0 in (1.0, 2.0):
    ax1.plot(xs, 1 / x0 + correct(x0) * (xs - x0), "--", lw=1,
             label=f"tangent at x = {x0:g} (slope {correct(x0):g})")
ax1.set(ylim=(0, 2.6), xlabel="x", ylabel="y", title="The / node: y = 1/x")
ax1.legend()
x_dots = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
ax2.plot(xs, correct(xs), label="correct: −1/x²")
ax2.plot(xs, slip(xs), "--", label="slip: +1/x²")
ax2.plot(x_dots, [numerical_diff(lambda x: 1 / x, x) for x in x_dots], "ko",
         label="central difference")
ax2.axhline(0, color="gray", lw=0.8)
ax2.set(ylim=(-6.5, 6.5), xlabel="x", ylabel="dy/dx", title="Its local derivative")
ax2.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | backpropagation | 오차역전파법 | computing the gradient of the loss with respect to every weight by one backward sweep through the graph |
# | weight parameter | 가중치 매개변수 | a number the network learns |
# | loss (function) | 손실 함수 | one number saying how wrong the network is; training makes it small |
# | gradient | 기울기 | the derivatives of the loss with respect to all weights |
# | numerical differentiation | 수치 미분 | a derivative estimated by nudging an input: $(f(x+h) - f(x-h))/2h$ |
# | central difference | 중심 차분 | the formula above, nudging both ways; $h = 10^{-4}$ in this course |
# | computational graph | 계산 그래프 | a calculation drawn as nodes (operations) joined by edges (values) |
# | node | 노드 | one operation in the graph, drawn as a circle |
# | edge | 에지 | a line between nodes carrying a value |
# | forward propagation | 순전파 | computing the graph from left to right, inputs to output |
# | backward propagation | 역전파 | sending derivatives from right to left, output to inputs |
# | local computation | 국소적 계산 | each node uses only the values on its own input edges |
# | local derivative | 국소적 미분 | the derivative of one node's own operation, e.g. $2x$ for `**2` |
# | topological order | 위상 정렬 순서 | an order of nodes in which every node comes after its inputs |
# | floating point | 부동소수점 | the binary number format of computers; 1.1 is stored only approximately |
# | chain rule | 연쇄법칙 | why multiplying local derivatives gives the derivative of the whole (chapter 2) |

# %% [markdown]
# ## What's next
#
# * **Lab:** `labs/ch01_computational_graph.ipynb`. You evaluate the
#   apple-and-orange graph forward, write the general graph-evaluation loop of section 4, and
#   implement four local derivatives (mind the sign of $1/x$).
# * **Chapter 2, the chain rule (연쇄법칙):** why the right-to-left multiplication of local
#   derivatives in section 5 gives exactly $\partial\,\text{total}/\partial\,\text{apple}$, how to
#   handle a value used twice, and how the output becomes the loss in training.
