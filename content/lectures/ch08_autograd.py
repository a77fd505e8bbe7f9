# %% [markdown]
# # Chapter 8 · Backpropagation done automatically (자동 미분)
#
# *Deep Learning from Scratch* (밑바닥부터 시작하는 딥러닝), **§5.1 계산 그래프** and **§5.2
# 연쇄법칙**. The book has no chapter on what follows: this capstone puts its ideas together
# into a small program of our own.
#
# In chapters 3 to 7 every layer (계층) got a `backward` written by hand, and
# `TwoLayerNet.gradient` called those backward passes in the reverse order of the forward
# pass, again by hand. Both steps follow rules that never change: *multiply the upstream
# derivative by the node's local derivative* (chapter 2), *go from the output back to the
# inputs*, *add up where a value fans out*. Rules that never change can be left to a
# program. That program is called **automatic differentiation** (자동 미분), and the kind
# that runs backward from one output, as backpropagation (역전파) does, is **reverse-mode**
# automatic differentiation (역방향 모드 자동 미분).
#
# **By the end of this lecture you can**
#
# 1. record a computation as a list of nodes with their local derivatives (국소적 미분) while
#    it runs, and get every derivative of the output from one backward sweep over it;
# 2. say why gradients must **add up** (누적) where a value is used twice, and show what `=`
#    instead of `+=` does to $f = (a+b)(b+c)$;
# 3. explain **topological order** (위상 정렬) and why a value may hand its gradient on only
#    after every value computed from it has delivered its part;
# 4. decide what a second backward pass should do, and why;
# 5. add nodes (`exp`, `log`, ReLU, powers) by their local derivative alone, and build
#    subtraction and division out of them;
# 6. differentiate a small two-layer network this way and get, to the last digits, the
#    gradients that chapter 7's layers compute.
#
# The lab (`ch08_autograd`) then asks you to build the same engine in a different shape:
# values that point to their inputs, as libraries such as PyTorch do.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# The next cell is the course's graph-drawing helper, `draw_graph`. Forward values are
# written **above** each edge in black, backward values **below** it in red.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1 · From layers written by hand to automatic differentiation (자동 미분)
#
# Look back at how chapter 3 differentiated the apple graph: one layer object per node,
# forward in order, then backward **in the reverse order, written out line by line**:
#
# ```python
# apple_price = mul_apple_layer.forward(apple, apple_num)
# price = mul_tax_layer.forward(apple_price, tax)
# dapple_price, dtax = mul_tax_layer.backward(1)
# dapple, dapple_num = mul_apple_layer.backward(dapple_price)
# ```
#
# The last two lines carry no information of their own. Their order is the forward order
# reversed, and what each one computes is fixed by its node. A program that *remembers* the
# forward pass (which node produced which value from which inputs) can write them itself.
# The book's §5.1.3 gives the reason graphs are worth drawing at all: each node does a small
# **local** computation (국소적 계산), and the derivatives flow back through the same
# nodes. Automatic differentiation is that sentence turned into code.

# %% [markdown]
# ## 2 · A graph that records itself: the tape (테이프)
#
# While a computation runs, we write down one record per node, in the order the nodes are
# computed: the name of the result, and for each input its name and the node's **local
# derivative** with respect to it (chapter 1, section 6). Such a list is often called a
# *tape*, after the tape recorders that recorded in order and played back.
#
# The two nodes of the book's first graphs:
#
# - an **add node** $z = x + y$ has $\partial z/\partial x = 1$ and $\partial z/\partial y = 1$
#   (chapter 3, section 1);
# - a **multiply node** $z = xy$ has $\partial z/\partial x = y$ and $\partial z/\partial y = x$:
#   each input's local derivative is the **other** input's forward value (chapter 3,
#   section 2). That is why a multiply node must remember its inputs, and why the tape
#   stores numbers, not formulas: the forward values are known once the node has run.

# %%
class Tape:
    """A computation recorded node by node: values[name] and, for each node, its inputs
    with the local derivative of the node's output with respect to each."""

    def __init__(self):
        self.values = {}
        self.records = []                      # (output name, [(input name, local), ...])

    def input(self, name, value):
        self.values[name] = value

    def add(self, out, x, y):
        self.values[out] = self.values[x] + self.values[y]
        self.records.append((out, [(x, 1.0), (y, 1.0)]))

    def mul(self, out, x, y):
        vx, vy = self.values[x], self.values[y]
        self.values[out] = vx * vy
        self.records.append((out, [(x, vy), (y, vx)]))      # the inputs swapped


tape = Tape()
tape.input("apple", 100.0)
tape.input("apple_num", 2.0)
tape.input("tax", 1.1)
tape.mul("apple_price", "apple", "apple_num")
tape.mul("price", "apple_price", "tax")
for record in tape.records:
    print(record)
print("price =", round(tape.values["price"], 10))
assert round(tape.values["price"], 10) == 220

# %% [markdown]
# Nothing here knows about the apple problem: `mul` and `add` only record. The whole graph of
# chapter 1 is in `tape.records`, with the numbers that backward will need already filled in
# (the 1.1 that `apple_price` will be multiplied by, the 200 that `tax` will get).

# %% [markdown]
# ## 3 · The backward sweep: reverse order, local derivative times upstream
#
# Backward propagation (역전파) is now one loop. Start with $\partial\,\text{price}/\partial\,
# \text{price} = 1$ at the output. Then walk the records **from the last to the first**; each
# record hands its own gradient to each of its inputs, multiplied by the local derivative:
# the chain rule (연쇄법칙) of the book's §5.2.3, one node at a time.

# %%
def backward_sweep(tape, output):
    """d(output)/d(name) for every name on the tape, by one sweep over the records."""
    grads = {name: 0.0 for name in tape.values}
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] += local * grads[out]
    return grads


grads = backward_sweep(tape, "price")
for name in ["apple", "apple_num", "tax", "apple_price"]:
    print(f"d price / d {name:<11} = {grads[name]:.6g}")
assert np.isclose(grads["apple"], 2.2) and np.isclose(grads["apple_num"], 110)
assert np.isclose(grads["tax"], 200) and np.isclose(grads["apple_price"], 1.1)

# %% [markdown]
# These are the red numbers of chapter 1 (section 5) and chapter 3 (section 3): an apple that
# costs 1 won more raises the bill by 2.2 won, one more apple by 110 won. No line of the sweep
# mentions apples.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "price": (5.4, 1, "price")},
           [("apple", "m1", 100, grads["apple"]), ("num", "m1", 2, grads["apple_num"]),
            ("m1", "m2", 200, grads["apple_price"]), ("tax", "m2", 1.1, grads["tax"]),
            ("m2", "price", 220, 1)],
           plain=["apple", "num", "tax", "price"],
           title="The apple graph, backward by the sweep")
plt.show()

# %% [markdown]
# The same tape with the oranges of chapter 1, Problem 2, gives the five gradients of
# chapter 3, section 7, again without a line written for them:

# %%
bill = Tape()
for name, value in [("apple", 100.0), ("apple_num", 2.0), ("orange", 150.0),
                    ("orange_num", 3.0), ("tax", 1.1)]:
    bill.input(name, value)
bill.mul("apple_price", "apple", "apple_num")
bill.mul("orange_price", "orange", "orange_num")
bill.add("all_price", "apple_price", "orange_price")
bill.mul("price", "all_price", "tax")
bill_grads = backward_sweep(bill, "price")
print("price =", round(bill.values["price"], 10))
print({k: round(bill_grads[k], 10) for k in ["apple", "apple_num", "orange", "orange_num", "tax"]})
assert round(bill.values["price"], 10) == 715
assert np.allclose([bill_grads[k] for k in ["apple", "apple_num", "orange", "orange_num", "tax"]],
                   [2.2, 110, 3.3, 165, 650])

# %% [markdown]
# ## 4 · Fan-out: gradients accumulate with `+=` (누적)
#
# The sweep writes `grads[name] += ...`, not `=`. It matters the moment a value is used
# twice (fan-out, 분기, chapter 2, section 5). Take $f = (a+b)(b+c)$ at $a=-1$, $b=3$, $c=4$,
# a study note's example: $b$ feeds both sums, so a change of $b$ reaches $f$ along two paths,
# and the chain rule **adds** the two contributions:
# $\partial f/\partial b = (b+c)\cdot 1 + (a+b)\cdot 1 = 7 + 2 = 9$.

# %%
fan = Tape()
for name, value in [("a", -1.0), ("b", 3.0), ("c", 4.0)]:
    fan.input(name, value)
fan.add("x", "a", "b")
fan.add("y", "b", "c")
fan.mul("f", "x", "y")
fan_grads = backward_sweep(fan, "f")
print("f =", fan.values["f"], " df/da, df/db, df/dc =",
      fan_grads["a"], fan_grads["b"], fan_grads["c"])
assert fan.values["f"] == 14 and (fan_grads["a"], fan_grads["b"], fan_grads["c"]) == (7, 9, 2)

# %% [markdown]
# With `=` instead of `+=`, the second path to `b` overwrites the first. The sweep visits
# `y = b + c` before `x = a + b` (the reverse of the recording order), so `b` ends up with
# the gradient of the path through `x` alone:

# %%
def backward_sweep_overwriting(tape, output):
    """The slip: = instead of +=."""
    grads = {name: 0.0 for name in tape.values}
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] = local * grads[out]
    return grads


slip = backward_sweep_overwriting(fan, "f")
print("with = : df/db =", slip["b"], " (the path through x = a+b only; the right value is 9)")
assert slip["b"] == 7 and slip["a"] == 7

draw_graph({"a": (0, 3.2, "a"), "b": (0, 1.6, "b"), "c": (0, 0, "c"), "x": (2.4, 2.6, "+"),
            "y": (2.4, 0.6, "+"), "f": (4.6, 1.6, "×"), "out": (6.2, 1.6, "f")},
           [("a", "x", -1, 7), ("b", "x", 3, 7), ("b", "y", 3, 2), ("c", "y", 4, 2),
            ("x", "f", 2, 7), ("y", "f", 7, 2), ("f", "out", 14, 1)],
           plain=["a", "b", "c", "out"],
           title="b fans out: 7 + 2 = 9 arrive at b")
plt.show()

# %% [markdown]
# In the figure, the two red numbers on the edges that leave `b` are 7 and 2; `b`'s gradient
# is their sum, 9. (Chapter 3's `fanout_graph` added them by hand: `db_from_x + db_from_y`.
# The sweep adds them by itself, because every contribution goes through `+=`.)

# %% [markdown]
# ## 5 · Nodes that point to their inputs, and topological order (위상 정렬)
#
# A tape is already in a good order: a node is recorded only after its inputs existed. Many
# programs do not keep one. In the lab, and in libraries such as PyTorch, each value is an
# object that holds **pointers to its inputs** (its *parents*) and the local derivatives, and
# the graph is only the web of those pointers. Given the output, backward must first find an
# order itself.
#
# The order it needs is a **topological order** (위상 정렬 순서, chapter 1, section 4): a list
# of every value the output depends on, each **once**, every value **after all of its
# parents**. Reversed, it puts every value **before** its parents, which is exactly what the
# sweep of section 3 needs. Here is the graph of $f = (a+b)(b+c)$ as pointers, and a small
# test of whether an order is topological (the test is not the algorithm: finding an order is
# your part of the lab):

# %%
parents = {"a": [], "b": [], "c": [], "x": ["a", "b"], "y": ["b", "c"], "f": ["x", "y"]}


def is_topological(order, parents, output):
    """Every value the output depends on, once, each after all of its parents."""
    needed, stack = set(), [output]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(parents[node])
    position = {name: i for i, name in enumerate(order)}
    return (len(order) == len(set(order)) and set(order) == needed
            and all(position[p] < position[n] for n in order for p in parents[n]))


for order in (["a", "b", "x", "c", "y", "f"], ["c", "b", "y", "a", "x", "f"],
              ["a", "b", "c", "f", "x", "y"], ["a", "b", "x", "b", "c", "y", "f"]):
    print(f"{' '.join(order):<16} topological: {is_topological(order, parents, 'f')}")
assert is_topological(["a", "b", "x", "c", "y", "f"], parents, "f")
assert not is_topological(["a", "b", "x", "b", "c", "y", "f"], parents, "f")

# %% [markdown]
# The first two orders are both topological: there is usually more than one, and any of them
# gives the same gradients. The third puts `f` before its parents. The fourth lists `b`
# twice; that happens to a walk that follows the pointers back from `f` and does not
# remember where it has been, because `b` is reached along two paths.
#
# **How to find one.** Think of the walk backward from the output: before a value may be
# written down, all of its parents must be written down. A value with no parents can be
# written at once. A walk that goes *depth first* (깊이 우선 탐색) — to write a value, first
# write each of its parents (unless it is already written), then the value itself — produces
# a topological order, and the output comes last. Try it by hand on the graph above, starting
# from `f`: you should get `a b x c y f`.

# %% [markdown]
# ## 6 · Why a wrong order gives wrong gradients
#
# A value may hand its gradient on to its parents only when its gradient is **complete**:
# when every value computed from it has already delivered its part. Reverse topological order
# guarantees exactly that. To see what happens otherwise, take a graph where the value used
# twice has parents of its own: $u = x\cdot y$, $v = u\cdot x$, $z = v + u$. Now `u` fans out
# (to `v` and to `z`), and so does `x` (to `u` and to `v`).

# %%
chain = Tape()
chain.input("x", 2.0)
chain.input("y", 5.0)
chain.mul("u", "x", "y")
chain.mul("v", "u", "x")
chain.add("z", "v", "u")
right = backward_sweep(chain, "z")
print("reverse order:", {k: right[k] for k in ["u", "x", "y"]})
# z = x·y·x + x·y, so dz/dx = 2xy + y = 25 and dz/dy = x² + x = 6
assert (right["u"], right["x"], right["y"]) == (3.0, 25.0, 6.0)

# %% [markdown]
# Now play the same records in a **wrong order**: `z` first (right), but then `u` before
# `v`. When `u`'s record runs, only `z` has delivered its part to `u` (1 of the 3), so `u`
# hands on too little to `x` and `y`; the 2 that `v` delivers to `u` afterwards is never
# passed on.

# %%
def sweep_in_given_order(records, output, names):
    grads = {name: 0.0 for name in names}
    grads[output] = 1.0
    for out, inputs in records:
        for name, local in inputs:
            grads[name] += local * grads[out]
    return grads


u_record, v_record, z_record = chain.records
wrong = sweep_in_given_order([z_record, u_record, v_record], "z", chain.values)
print("wrong order:  ", {k: wrong[k] for k in ["u", "x", "y"]})
assert wrong["u"] == 3.0 and (wrong["x"], wrong["y"]) == (15.0, 2.0)

# %% [markdown]
# `u`'s own gradient is right (3), but it came too late: `x` and `y` got almost nothing
# through `u`. The opposite slip is as bad. A recursive walk that hands each arrival on at
# once ("push 1 into `z`, which pushes into `v` and `u`, which push further…") passes `u`'s
# gradient on **twice**, once per path, each time with what `u` has gathered so far, and
# then `x` and `y` get too much. With the numbers of this graph, `x` would get 35 and `y` 10.
# Both slips come from one rule broken: *hand a gradient on only once, and only when it is
# complete*. Reverse topological order keeps that rule for every graph.

# %%
def push_at_once(records_by_out, name, grads):
    """The slip: hand every arrival on at once, recursively (no order)."""
    for parent, local in records_by_out.get(name, []):
        grads[parent] += local * grads[name]
        push_at_once(records_by_out, parent, grads)


pushed = {name: 0.0 for name in chain.values}
pushed["z"] = 1.0
push_at_once(dict(chain.records), "z", pushed)
print("pushed at once:", {k: pushed[k] for k in ["u", "x", "y"]})
assert (pushed["x"], pushed["y"]) == (35.0, 10.0)

# %% [markdown]
# ## 7 · Calling backward twice: start every gradient at zero
#
# The sweep of section 3 starts from fresh zeros each time it runs. An engine whose values
# *keep* their gradients (as the lab's will, in an attribute `grad`) has to decide what a
# second backward pass does with the gradients of the first. If it just adds, the second
# call adds onto everything the first left behind, the intermediate values included, and
# the result is not even twice the right one:

# %%
kept = {name: 0.0 for name in bill.values}


def backward_keeping(tape, output, grads):
    """The slip: the grads of the previous pass are not set back to zero."""
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] += local * grads[out]


backward_keeping(bill, "price", kept)
first = kept["apple"]
backward_keeping(bill, "price", kept)
print("d price / d apple after one pass:", round(first, 10), " after two:", round(kept["apple"], 10))
assert np.isclose(first, 2.2) and np.isclose(kept["apple"], 8.8)

# %% [markdown]
# (`all_price` kept its 1.1 and got 1.1 more, so `apple_price` received 1.1 + 2.2 = 3.3, and
# `apple` 2.2 + 3.3 · 2 = 8.8.) Libraries choose differently here. PyTorch *adds* into `.grad` on purpose, and a training
# loop clears the gradients before every step (`zero_grad()`). This course's engine takes
# the other choice, the one every layer of chapters 3–7 followed (a second `backward` gives
# the same result): **`backward()` first sets the gradient of every value of its graph to
# zero and the output's to one, then sweeps.** Then calling it twice changes nothing, and
# after `y.backward()` every gradient in `y`'s graph is a derivative of `y` alone, even for
# values that an earlier output shared.

# %% [markdown]
# ## 8 · More nodes: exp, log, ReLU, powers, and what composes
#
# An engine learns a new operation from two things only: its forward value and its local
# derivative. Everything else (order, sums, the chain rule) is already there. Here are the
# ones the lab adds, derived one at a time:
#
# - $y = e^x$: the exponential is its own derivative, $\partial y/\partial x = e^x = y$. The
#   node can store its **output** as the local derivative (chapter 1, section 6; the sigmoid
#   of chapter 4 used this).
# - $y = \ln x$ (for $x > 0$): $e^{y} = x$, so differentiating both sides by $x$,
#   $e^{y}\,\partial y/\partial x = 1$, and $\partial y/\partial x = 1/e^{y} = 1/x$.
# - $y = \mathrm{ReLU}(x) = \max(x, 0)$: slope 1 where $x > 0$, slope 0 where $x < 0$; at
#   exactly 0 this course says 0 (the switch is off at $x \le 0$, chapter 4, section 2).
# - $y = x^k$ for a constant number $k$: $\partial y/\partial x = k\,x^{k-1}$ (the power
#   rule). $k$ is not a node: nothing flows back to a constant.
#
# And three operations need **no new rule** at all, because they are compositions of nodes
# we have: $-x = (-1)\cdot x$, $\;x - y = x + (-1)\cdot y$, $\;x / y = x \cdot y^{-1}$. The
# engine differentiates the composition node by node, and the chain rule does the rest
# (for $x/y$ it produces $-x/y^2$ with respect to $y$, chapter 1's `/` node, with its minus
# sign). Each local derivative above, checked against a central difference:

# %%
def central_difference(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


nodes = {
    "exp": (np.exp, np.exp),
    "log": (np.log, lambda x: 1 / x),
    "relu": (lambda x: np.maximum(x, 0.0), lambda x: (x > 0) * 1.0),
    "x**3": (lambda x: x ** 3, lambda x: 3 * x ** 2),
    "x**-1": (lambda x: x ** -1, lambda x: -1 * x ** -2),
    "x**0.5": (lambda x: x ** 0.5, lambda x: 0.5 * x ** -0.5),
}
print(f"{'node':>7} {'x':>5} {'formula':>10} {'numerical':>10}")
for name, (f, df) in nodes.items():
    for x in (0.7, 2.0):
        formula, numeric = df(x), central_difference(f, x)
        print(f"{name:>7} {x:5.1f} {formula:10.5f} {numeric:10.5f}")
        assert abs(formula - numeric) < 1e-6

# %% [markdown]
# And division as a composition, on a tape: $d = a \cdot b^{-1}$ with $a = 3$, $b = 4$ needs
# a `pow` node on top of `mul`, and gives $\partial d/\partial a = 1/b$ and
# $\partial d/\partial b = -a/b^2$, the quotient rule, without writing it anywhere:

# %%
def tape_pow(tape, out, x, k):
    vx = tape.values[x]
    tape.values[out] = vx ** k
    tape.records.append((out, [(x, k * vx ** (k - 1))]))


quotient = Tape()
quotient.input("a", 3.0)
quotient.input("b", 4.0)
tape_pow(quotient, "b_inv", "b", -1)
quotient.mul("d", "a", "b_inv")
q_grads = backward_sweep(quotient, "d")
print("d =", quotient.values["d"], " dd/da =", q_grads["a"], " dd/db =", q_grads["b"])
assert quotient.values["d"] == 0.75 and q_grads["a"] == 0.25 and q_grads["b"] == -3 / 16

# %% [markdown]
# ## 9 · A tiny two-layer network, checked against chapter 7's layers
#
# The last test of any engine: the network of chapter 7. We take a small one on a single
# sample, with $D = 2$ inputs, $H = 3$ hidden units with ReLU, $C = 2$ classes, and the
# cross-entropy error of the softmax (chapter 6). Per element:
#
# $$h_j = \mathrm{relu}\Big(\sum_i x_i W1_{ij} + b1_j\Big), \quad
#   s_k = \sum_j h_j W2_{jk} + b2_k, \quad
#   L = -\ln \frac{e^{s_t}}{\sum_k e^{s_k}} = \ln\Big(\sum_k e^{s_k}\Big) - s_t .$$
#
# The last form needs only `exp`, `+`, `log` and `−`. On the tape every weight is an input
# with a name, and the whole network is a few dozen scalar nodes:

# %%
def tape_exp(tape, out, x):
    tape.values[out] = np.exp(tape.values[x])
    tape.records.append((out, [(x, tape.values[out])]))


def tape_log(tape, out, x):
    tape.values[out] = np.log(tape.values[x])
    tape.records.append((out, [(x, 1 / tape.values[x])]))


def tape_relu(tape, out, x):
    tape.values[out] = max(tape.values[x], 0.0)
    tape.records.append((out, [(x, 1.0 if tape.values[x] > 0 else 0.0)]))


def tape_sub(tape, out, x, y):
    tape.values[out] = tape.values[x] - tape.values[y]
    tape.records.append((out, [(x, 1.0), (y, -1.0)]))


x_in = np.array([1.0, -2.0])
t = 1
params = {"W1": np.array([[0.5, -0.3, 0.8], [0.2, 0.4, -0.6]]), "b1": np.array([0.1, 0.0, -0.1]),
          "W2": np.array([[0.3, -0.2], [-0.5, 0.6], [0.7, 0.1]]), "b2": np.array([0.0, 0.05])}


def network_on_tape(x, t, params):
    net = Tape()
    for name, array in params.items():
        for index in np.ndindex(array.shape):
            net.input(f"{name}{list(index)}", float(array[index]))
    for i, value in enumerate(x):
        net.input(f"x[{i}]", float(value))
    D, H = params["W1"].shape
    C = params["W2"].shape[1]
    for j in range(H):
        total = f"b1[{j}]"
        for i in range(D):
            net.mul(f"x{i}W{j}", f"x[{i}]", f"W1[{i}, {j}]")
            net.add(f"a{j}_{i}", total, f"x{i}W{j}")
            total = f"a{j}_{i}"
        tape_relu(net, f"h[{j}]", total)
    for k in range(C):
        total = f"b2[{k}]"
        for j in range(H):
            net.mul(f"h{j}W{k}", f"h[{j}]", f"W2[{j}, {k}]")
            net.add(f"s{k}_{j}", total, f"h{j}W{k}")
            total = f"s{k}_{j}"
        tape_exp(net, f"e{k}", total)
        net.values[f"s[{k}]"] = net.values[total]
        net.records.append((f"s[{k}]", [(total, 1.0)]))       # a name for s_k
    sum_name = "e0"
    for k in range(1, C):
        net.add(f"sum{k}", sum_name, f"e{k}")
        sum_name = f"sum{k}"
    tape_log(net, "lse", sum_name)
    tape_sub(net, "L", "lse", f"s[{t}]")
    return net


net = network_on_tape(x_in, t, params)
net_grads = backward_sweep(net, "L")
engine = {name: np.array([net_grads[f"{name}{list(i)}"] for i in np.ndindex(a.shape)]).reshape(a.shape)
          for name, a in params.items()}
print("nodes on the tape:", len(net.records), "  loss L =", f"{net.values['L']:.10f}")
print("dL/db2 by the sweep:", np.round(engine["b2"], 6))
assert len(net.records) == 34 and abs(net.values["L"] - 1.4556061301) < 1e-9

# %% [markdown]
# Now chapter 7's way: the Affine, ReLU and Softmax-with-Loss layers, forward then backward,
# with the formulas derived in chapters 4 to 6 (one sample, so $N = 1$):

# %%
def layers_gradient(x, t, params):
    X = x.reshape(1, -1)
    a1 = X @ params["W1"] + params["b1"]                     # Affine 1
    mask = a1 <= 0                                           # ReLU
    h = np.where(mask, 0.0, a1)
    s = h @ params["W2"] + params["b2"]                      # Affine 2
    y = np.exp(s - s.max()) / np.sum(np.exp(s - s.max()))    # Softmax
    loss = -np.log(y[0, t])                                  # cross-entropy
    ds = y.copy()
    ds[0, t] -= 1                                            # Softmax-with-Loss backward
    dW2, db2 = h.T @ ds, ds.sum(axis=0)                      # Affine 2 backward
    dh = ds @ params["W2"].T
    da1 = np.where(mask, 0.0, dh)                            # ReLU backward
    dW1, db1 = X.T @ da1, da1.sum(axis=0)                    # Affine 1 backward
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


loss_layers, by_layers = layers_gradient(x_in, t, params)
for name in params:
    gap = np.max(np.abs(engine[name] - by_layers[name]))
    print(f"{name}: largest difference, sweep vs layers = {gap:.1e}")
    assert gap < 1e-12
assert abs(loss_layers - net.values["L"]) < 1e-12
print("dL/dW1 (the second hidden unit is switched off by ReLU):")
print(np.round(by_layers["W1"], 6))

# %% [markdown]
# The two agree to the last digits (differences of $10^{-16}$ are rounding). One was
# derived and written layer by layer over five chapters; the other is 34 recorded nodes and
# a six-line loop. What the layers still have on their side is **speed**: one matrix product
# replaces hundreds of scalar nodes, which is why real engines record whole arrays
# (a matrix product is one node, with the local derivatives of chapter 5) instead of single
# numbers. The idea is the same.
#
# And the numerical check of chapter 7 (기울기 확인), on the sweep: central differences of
# the loss, one weight at a time.

# %%
def loss_only(x, t, params):
    return network_on_tape(x, t, params).values["L"]


worst = 0.0
for name, array in params.items():
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + 1e-5
        up = loss_only(x_in, t, params)
        array[index] = saved - 1e-5
        down = loss_only(x_in, t, params)
        array[index] = saved
        worst = max(worst, abs((up - down) / 2e-5 - engine[name][index]))
print(f"largest difference, sweep vs numerical: {worst:.0e}")
assert worst < 1e-8

# %% [markdown]
# ## 10 · Optional: the same idea in real libraries
#
# *An aside; nothing in the lab depends on it.* PyTorch, JAX and TensorFlow all contain a
# reverse-mode engine of this kind. PyTorch's is closest to the lab: every tensor computed
# from tensors that require gradients remembers the operation that made it and its inputs,
# the graph is recorded while ordinary Python code runs, and `loss.backward()` walks it in
# reverse topological order, adding up where a tensor fans out. The differences are of scale,
# not of kind: whole arrays per node, local derivatives of matrix products and convolutions,
# and memory management for graphs with millions of nodes. (And, as section 7 said, PyTorch
# adds into `.grad` across calls, where this course's engine starts from zero.)
#
# The name backpropagation (오차역전파법) is what this idea was called when it was applied
# to neural networks; reverse-mode automatic differentiation is the general name.

# %% [markdown]
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | automatic differentiation | 자동 미분 | derivatives computed by a program from the recorded operations and their local derivatives |
# | reverse mode | 역방향 모드 | automatic differentiation from one output back to all inputs: backpropagation |
# | backpropagation | 오차역전파법, 역전파 | the backward sweep that gives the gradient of the loss with respect to every weight |
# | computational graph | 계산 그래프 | a calculation drawn as nodes (operations) and edges (values) |
# | tape | 테이프 | the list of nodes in the order they were computed, with their inputs and local derivatives |
# | local derivative | 국소적 미분 | the derivative of one node's output with respect to one of its inputs |
# | chain rule | 연쇄법칙 | why the backward sweep multiplies local derivatives |
# | fan-out | 분기 | one value used by several nodes; its gradients from each use add up |
# | accumulation | 누적 | adding each contribution to a gradient (`+=`) instead of overwriting it |
# | topological order | 위상 정렬 | a list of the values in which every value comes after all of its parents |
# | depth-first search | 깊이 우선 탐색 | a walk that finishes a value's parents before the value itself |
# | parent (input) of a value | 부모 | a value it was computed from |
# | gradient check | 기울기 확인 | comparing a backward pass with central differences |

# %% [markdown]
# ## What's next
#
# * **Lab:** `labs/ch08_autograd.ipynb`. You build the engine as values
#   that point to their parents: `Value` with `+` and `×`, `topological_order` and
#   `backward` (with the reset of section 7), `exp`, `log`, `relu` and `**`, then the apple
#   and fan-out graphs and the network of section 9, all differentiated by your engine.
# * That is the end of the course's path through the book's chapter 5. The book's next
#   chapters (learning techniques, convolutional networks) use the layers you wrote; an
#   engine like yours is what lets larger programs skip writing them by hand.
