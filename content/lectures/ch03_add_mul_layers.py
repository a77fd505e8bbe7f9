# %% [markdown]
# # Chapter 3 · Add and multiply nodes, and the first layers
#
# *Deep Learning from Scratch* (밑바닥부터 시작하는 딥러닝), **§5.3 역전파** and
# **§5.4 단순한 계층 구현하기**.
#
# In chapters 1 and 2 we drew computational graphs (계산 그래프), ran them forward
# (순전파) and learned that backward propagation (역전파) multiplies the upstream
# derivative by each node's local derivative (국소적 미분), as the chain rule (연쇄법칙)
# says. Now we look closely at the two nodes that appear everywhere, and then turn each
# one into a small Python class.
#
# **By the end of this lecture you can**
#
# 1. say what the add node (덧셈 노드) and the multiply node (곱셈 노드) send backward,
#    and why one of them must remember its forward inputs while the other need not;
# 2. backpropagate by hand through the book's apple graph (220 → 2.2, 110, 200) and its
#    apple-and-orange graph (715 → 2.2, 110, 3.3, 165, 650), and say what the numbers mean;
# 3. write `MulLayer` and `AddLayer` with the common `forward()` / `backward()` interface
#    and wire them into a graph;
# 4. check every gradient against a numerical derivative, compare floats safely, and
#    recognise four real bugs from a study note at a glance.
#
# The cell after the imports is provided code: `draw_graph` draws a computational graph
# the way the book does, with forward values **above** each edge in black and backward
# values **below** it in red. You may read it, but you do not need to.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · Backward through an add node (덧셈 노드의 역전파)
#
# Take $z = x + y$. Both partial derivatives (편미분) are the same constant:
#
# $$\frac{\partial z}{\partial x} = 1, \qquad \frac{\partial z}{\partial y} = 1 .$$
#
# Somewhere to the right of this node the graph ends in a final value $L$, and backward
# propagation has already delivered the **upstream** (상류) derivative
# $\frac{\partial L}{\partial z}$ to the node's output. The chain rule gives each input
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z}\cdot 1, \qquad
#   \frac{\partial L}{\partial y} = \frac{\partial L}{\partial z}\cdot 1 .$$
#
# Multiplying by 1 changes nothing, so **an add node passes the upstream value on,
# unchanged, to every input** (downstream, 하류). Notice what the formula does *not*
# contain: $x$ and $y$. The add node does not care what its forward inputs were.
#
# The book's example is $10 + 5 = 15$ with an upstream value of 1.3. The figure below puts
# it next to a very different addition, $-40 + 3$, with the same upstream value. Read the
# red values from right to left: 1.3 arrives at the output $z$, and the same 1.3 leaves
# toward $x$ and toward $y$, in both panels. Whatever the inputs were, the add node only
# forwards the upstream derivative.
#
# Where does the 1.3 come from? From the rest of the graph. The simplest "rest" that
# produces it is $L = 1.3\,z$. Then $L(x, y) = 1.3\,(x + y)$, and a central-difference
# numerical derivative (수치 미분, as in chapter 2) must find 1.3 for both inputs; the
# cell checks that too.

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 2.8))
add_nodes = {"x": (0, 0.8, "x"), "y": (0, -0.8, "y"), "add": (2, 0, "+"), "z": (3.8, 0, "z")}
for ax, (x, y) in zip(axes, [(10, 5), (-40, 3)]):
    draw_graph(add_nodes,
               [("x", "add", x, 1.3), ("y", "add", y, 1.3), ("add", "z", x + y, 1.3)],
               plain=["x", "y", "z"], ax=ax, title=f"add node: {x} + {y} = {x + y}")
fig.suptitle("Add node backward: the upstream 1.3 reaches both inputs unchanged")
plt.show()

h = 1e-4

def L_add(x, y):
    return 1.3 * (x + y)

dL_dx = (L_add(10 + h, 5) - L_add(10 - h, 5)) / (2 * h)
dL_dy = (L_add(10, 5 + h) - L_add(10, 5 - h)) / (2 * h)
print("numerical dL/dx:", round(dL_dx, 6), "  dL/dy:", round(dL_dy, 6))
assert np.isclose(dL_dx, 1.3) and np.isclose(dL_dy, 1.3)

# %% [markdown]
# ## 2 · Backward through a multiply node (곱셈 노드의 역전파)
#
# Now $z = xy$. Here the partial derivatives are the inputs themselves, crossed over:
#
# $$\frac{\partial z}{\partial x} = y, \qquad \frac{\partial z}{\partial y} = x ,$$
#
# so backward sends
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z}\cdot y, \qquad
#   \frac{\partial L}{\partial y} = \frac{\partial L}{\partial z}\cdot x .$$
#
# **A multiply node multiplies the upstream value by the *swapped* inputs** (입력 신호를
# 서로 바꾼 값): the edge that carried $x$ forward receives "upstream × $y$", and the edge
# that carried $y$ receives "upstream × $x$". The intuition: if $y = 5$, nudging $x$ by a
# tiny $\varepsilon$ changes $z$ by $5\varepsilon$, so how strongly $z$ reacts to $x$ is set
# by the *other* input.
#
# Unlike the add node, this node **needs its forward inputs during backward**. Whoever
# implements it has to store $x$ and $y$ during the forward pass.
#
# The book's example is $10 \times 5 = 50$, again with an upstream value of 1.3. The red
# labels of the figure spell out the swap: the edge of $x = 10$ receives
# $1.3 \times 5 = 6.5$, the edge of $y = 5$ receives $1.3 \times 10 = 13$. The same
# numerical check as before, now with $L = 1.3\,xy$, confirms both.

# %%
mul_nodes = {"x": (0, 1.3, "x"), "y": (0, -1.3, "y"), "mul": (2.8, 0, "×"), "z": (4.6, 0, "z")}
draw_graph(mul_nodes,
           [("x", "mul", 10, "1.3 × 5 = 6.5"), ("y", "mul", 5, "1.3 × 10 = 13"),
            ("mul", "z", 50, 1.3)],
           plain=["x", "y", "z"],
           title="Multiply node backward: 10 × 5 = 50, upstream 1.3")
plt.show()

def L_mul(x, y):
    return 1.3 * (x * y)

dx_backward, dy_backward = 1.3 * 5, 1.3 * 10          # upstream times the *other* input
dL_dx = (L_mul(10 + h, 5) - L_mul(10 - h, 5)) / (2 * h)
dL_dy = (L_mul(10, 5 + h) - L_mul(10, 5 - h)) / (2 * h)
print("backward: ", dx_backward, dy_backward)
print("numerical:", round(dL_dx, 6), round(dL_dy, 6))
assert round(dx_backward, 10) == 6.5 and round(dy_backward, 10) == 13
assert np.isclose(dL_dx, 6.5) and np.isclose(dL_dy, 13)

# %% [markdown]
# ## 3 · The apple example, backward (사과 쇼핑의 예)
#
# Chapter 1's shopping trip: two apples at 100 won each, with a consumption tax factor of
# 1.1, cost $100 \times 2 \times 1.1 = 220$ won. Now we ask how strongly each of the three
# inputs (the apple price, the number of apples, the tax) influences the final price. In
# calculus words, we want three partial derivatives of the price: with respect to `apple`,
# `apple_num` and `tax`.
#
# Backward propagation starts at the output with $\frac{\partial\,\text{price}}{\partial\,\text{price}} = 1$
# and walks right to left, and both nodes are multiply nodes, so we only ever swap:
#
# * **tax node** ($200 \times 1.1$): the edge of 200 gets $1 \times 1.1 = 1.1$; the tax
#   edge gets $1 \times 200 = 200$.
# * **apple node** ($100 \times 2$, upstream 1.1): the apple edge gets $1.1 \times 2 = 2.2$;
#   the count edge gets $1.1 \times 100 = 110$.

# %%
apple_nodes = {"apple": (0, 1.0, "apple"), "apple_num": (0, -0.6, "apple_num"),
               "mul1": (2.2, 0.2, "×"), "tax": (2.2, -1.4, "tax"),
               "mul2": (4.4, 0.2, "×"), "price": (6.2, 0.2, "price")}
draw_graph(apple_nodes,
           [("apple", "mul1", 100, 2.2), ("apple_num", "mul1", 2, 110),
            ("mul1", "mul2", 200, 1.1), ("tax", "mul2", 1.1, 200),
            ("mul2", "price", 220, 1)],
           plain=["apple", "apple_num", "tax", "price"],
           title="Apple example: forward 100 × 2 × 1.1 = 220, backward from 1")
plt.show()

# %% [markdown]
# **What the numbers mean.** A derivative is "output change per unit of input change",
# for small changes:
#
# * ∂price/∂apple = **2.2**: if one apple costs 1 won more, the bill grows by about 2.2
#   won (two apples, each taxed by 1.1).
# * ∂price/∂apple_num = **110**: one more apple adds 110 won (100 plus tax).
# * ∂price/∂tax = **200**: the book's reading is that, for *the same increase* of the tax
#   and of the apple price, the tax moves the bill with weight 200 and the apple price with
#   weight 2.2.
#
# Mind the **units** before concluding "the tax matters about 90 times more". The tax is a
# factor: 1.1 means a 10 % tax, and raising it "by 1" means going from 1.1 to 2.1, a tax of
# 110 % — a rise of 100 percentage points. Per single percentage point ($+0.01$) the bill
# grows by $200 \times 0.01 = 2$ won, about as much as a 1-won rise in the apple price. A
# derivative always answers "per unit of *this* input", so compare derivatives only when
# the units are comparable.

# %%
def apple_bill(apple, apple_num, tax):
    return apple * apple_num * tax

rise_per_point = apple_bill(100, 2, 1.11) - apple_bill(100, 2, 1.10)
print("bill rise for one more percentage point of tax:", round(rise_per_point, 10))
assert round(rise_per_point, 10) == 2

# %% [markdown]
# ## 4 · Quiz: apples and oranges
#
# The book ends §5.3 with a quiz. Two apples at 100 won, three oranges at 150 won, the two
# subtotals are added, and the sum is taxed: $(100 \times 2 + 150 \times 3) \times 1.1 = 715$.
# The forward values are filled in below. Of the eight red question marks, the five at the
# inputs are the derivatives of the price with respect to `apple`, `apple_num`, `orange`,
# `orange_num` and `tax`; the other three sit on the intermediate edges.
#
# **Try it on paper before reading on.** You need only the two rules of this lecture: an
# add node passes the upstream value through, a multiply node swaps its inputs. Start from
# 1 at the right. The answer is revealed in section 7, where the layers compute it.

# %%
fruit_nodes = {"apple": (0, 3.0, "apple"), "apple_num": (0, 1.2, "apple_num"),
               "orange": (0, 0.0, "orange"), "orange_num": (0, -1.8, "orange_num"),
               "mul_a": (2.2, 2.1, "×"), "mul_o": (2.2, -0.9, "×"),
               "add": (4.4, 0.6, "+"), "tax": (4.4, -1.8, "tax"),
               "mul_t": (6.4, 0.6, "×"), "price": (8.2, 0.6, "price")}
fruit_plain = ["apple", "apple_num", "orange", "orange_num", "tax", "price"]

def fruit_edges(b):
    """The edges of the apple-and-orange graph; b maps each edge to its backward label."""
    return [("apple", "mul_a", 100, b["apple"]), ("apple_num", "mul_a", 2, b["apple_num"]),
            ("orange", "mul_o", 150, b["orange"]), ("orange_num", "mul_o", 3, b["orange_num"]),
            ("mul_a", "add", 200, b["apple_price"]), ("mul_o", "add", 450, b["orange_price"]),
            ("add", "mul_t", 650, b["all_price"]), ("tax", "mul_t", 1.1, b["tax"]),
            ("mul_t", "price", 715, 1)]

quiz = dict.fromkeys(["apple", "apple_num", "orange", "orange_num", "apple_price",
                      "orange_price", "all_price", "tax"], "?")
draw_graph(fruit_nodes, fruit_edges(quiz), plain=fruit_plain,
           title="Quiz: fill in the red backward values (start with 1 at the price)")
plt.show()

# %% [markdown]
# ## 5 · Layers: nodes as Python objects (계층)
#
# To compute with graphs we turn each kind of node into a class. The book calls such a
# building block a **layer** (계층), and every layer gets the same two-method
# **interface** (인터페이스):
#
# * `forward(...)` computes the node's output and keeps whatever backward will need;
# * `backward(dout)` receives `dout`, the derivative of the final value with respect to
#   this layer's **forward output**, and returns the derivatives with respect to each of
#   its forward inputs.
#
# The multiply node becomes `MulLayer` and the add node becomes `AddLayer`. (One of the
# study notes this course grew from writes "MultiLayer" in its prose; the book's class,
# and the name the lab grades, is **`MulLayer`**.)

# %%
class MulLayer:
    def __init__(self):
        self.x = None          # forward inputs, remembered for backward
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        out = x * y
        return out

    def backward(self, dout):
        dx = dout * self.y     # swap: x's gradient uses y ...
        dy = dout * self.x     # ... and y's gradient uses x
        return dx, dy

# %% [markdown]
# Line by line:
#
# * `__init__` creates the two instance variables (인스턴스 변수) `self.x` and `self.y`.
#   They hold nothing yet (`None`); they exist so that the object has a place for the
#   forward inputs.
# * `forward(x, y)` first **stores** both inputs, then computes and **returns** the product.
#   The storing is the whole reason this is a class and not a function: `backward` will be
#   called later, with only `dout`.
# * `backward(dout)` applies the swap rule: `dx = dout * self.y`, `dy = dout * self.x`, and
#   returns both as a tuple, in the same order as the forward arguments.

# %%
class AddLayer:
    def __init__(self):
        pass                   # nothing to remember

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        dx = dout * 1          # local derivative 1: pass the upstream value on
        dy = dout * 1
        return dx, dy

# %% [markdown]
# * `__init__` does nothing (`pass`): the add node needs no memory.
# * `forward(x, y)` returns the sum and stores nothing.
# * `backward(dout)` returns `dout` for both inputs. Writing `dout * 1` keeps the local
#   derivative visible, and it has a practical side: for a numpy array, `dout * 1` is a
#   **new** array, so `dx` and `dy` are two independent objects rather than two names for
#   the caller's `dout`.
#
# ## 6 · The apple graph, built from layers
#
# One layer object per node: the graph of section 3 has two multiply nodes, so we create
# two `MulLayer`s. Forward goes left to right (the printout shows floating-point noise,
# which section 8 explains).
#
# Backward calls the layers in the **reverse order** of forward. The first `dout` is
# $\frac{\partial\,\text{price}}{\partial\,\text{price}} = 1$, and each layer's result becomes
# the next layer's `dout`: `mul_tax_layer.backward` returns the derivative with respect to
# `apple_price`, which is exactly "the derivative of the forward output" of
# `mul_apple_layer`, the argument its `backward` expects.

# %%
apple, apple_num, tax = 100, 2, 1.1

mul_apple_layer = MulLayer()   # apple × apple_num
mul_tax_layer = MulLayer()     # (apple × apple_num) × tax

apple_price = mul_apple_layer.forward(apple, apple_num)
price = mul_tax_layer.forward(apple_price, tax)
print("price:", price)
assert apple_price == 200
assert round(price, 10) == 220

dprice = 1
dapple_price, dtax = mul_tax_layer.backward(dprice)
dapple, dapple_num = mul_apple_layer.backward(dapple_price)
print("dapple:", dapple, "  dapple_num:", dapple_num, "  dtax:", dtax)
assert round(dapple_price, 10) == 1.1
assert round(dapple, 10) == 2.2
assert round(dapple_num, 10) == 110
assert dtax == 200

# %% [markdown]
# These are the red numbers of the apple figure. To be sure they are *the* derivatives of
# the whole price function, and not just numbers that happen to match a picture, we compare
# them with central differences of `apple_bill` (section 3), nudging one input at a time by
# $h = 10^{-4}$. The provided `numerical_gradient` (the book's §4.4 function, the one the labs
# use) does exactly that for the entries of an array, so the three inputs go into one:

# %%
numeric = numerical_gradient(lambda p: apple_bill(*p),
                             np.array([apple, apple_num, tax], dtype=float))
backprop = [dapple, dapple_num, dtax]
for name, b, n in zip(["apple", "apple_num", "tax"], backprop, numeric):
    print(f"d price / d {name:9s}  backprop {round(b, 6):>8}   numerical {round(n, 6):>8}")
assert np.allclose(backprop, numeric, rtol=1e-6)

# %% [markdown]
# ## 7 · The apple-and-orange graph, built from layers (quiz answer)
#
# Four nodes, so four layer objects: three `MulLayer`s and one `AddLayer`. We wrap forward
# and backward in a function, because we will run the same graph again on random inputs
# and, in section 10, with a buggy layer. The order inside follows the book: forward left
# to right, backward right to left, each `backward` fed with the derivative of that
# layer's forward output.

# %%
def shop(apple, apple_num, orange, orange_num, tax, Add=AddLayer):
    """Forward and backward through the apple-and-orange graph.
    Returns the price and the five derivatives of the price, in the order of the arguments."""
    mul_apple_layer = MulLayer()
    mul_orange_layer = MulLayer()
    add_apple_orange_layer = Add()
    mul_tax_layer = MulLayer()

    # forward, left to right
    apple_price = mul_apple_layer.forward(apple, apple_num)
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_apple_orange_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)

    # backward, right to left
    dprice = 1
    dall_price, dtax = mul_tax_layer.backward(dprice)
    dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    return price, [dapple, dapple_num, dorange, dorange_num, dtax]

price, grads = shop(100, 2, 150, 3, 1.1)
print("price:", price)
for name, g in zip(["apple", "apple_num", "orange", "orange_num", "tax"], grads):
    print(f"d price / d {name:10s} = {g}")
assert round(price, 10) == 715
assert np.allclose(grads, [2.2, 110, 3.3, 165, 650])

# %% [markdown]
# Here is the quiz answer, drawn with exactly these numbers. Walk it from the right:
#
# * the tax node ($650 \times 1.1$) swaps: 1.1 goes to the sum edge, **650** to the tax;
# * the add node passes 1.1 unchanged to both the apple subtotal and the orange subtotal;
# * the apple node ($100 \times 2$) swaps: $1.1 \times 2 =$ **2.2** to `apple`,
#   $1.1 \times 100 =$ **110** to `apple_num`;
# * the orange node ($150 \times 3$) swaps: $1.1 \times 3 =$ **3.3** to `orange`,
#   $1.1 \times 150 =$ **165** to `orange_num`.
#
# **Does the order of the two multiply layers matter?** The book calls the orange layer's
# `backward` before the apple layer's; another study note does it the other way round.
# Both are right. "Reverse order" really means: call a layer's `backward` only after the
# layers to its right have produced its `dout`. The apple and orange branches do not feed
# each other, so either may go first.
#
# After the figure, the check on the whole price function: at the book's point and at five
# random points (the lab's hidden tests also use random inputs, so hard-coded answers
# won't do).

# %%
answer = {"apple": grads[0], "apple_num": grads[1], "orange": grads[2],
          "orange_num": grads[3], "tax": grads[4],
          "apple_price": 1.1, "orange_price": 1.1, "all_price": 1.1}
draw_graph(fruit_nodes, fruit_edges(answer), plain=fruit_plain,
           title="Quiz answer: apple-and-orange graph, backward from 1")
plt.show()

# %%
def fruit_bill(apple, apple_num, orange, orange_num, tax):
    return (apple * apple_num + orange * orange_num) * tax

rng = np.random.default_rng(0)
random_points = [[rng.uniform(50, 300), rng.uniform(1, 10), rng.uniform(50, 300),
                  rng.uniform(1, 10), rng.uniform(1.0, 1.2)] for _ in range(5)]
points = [[100, 2, 150, 3, 1.1]] + random_points
for point in points:
    price, grads = shop(*point)
    numeric = numerical_gradient(lambda p: fruit_bill(*p), np.array(point, dtype=float))
    assert np.isclose(price, fruit_bill(*point))
    assert np.allclose(grads, numeric, rtol=1e-6), (point, grads, numeric)
book_point = numerical_gradient(lambda p: fruit_bill(*p), np.array(points[0], dtype=float))
print("book point, numerical:", [round(n, 6) for n in book_point])
print("all", len(points), "points: backprop matches the central differences")

# %% [markdown]
# > **Common slip: one layer object for two nodes.** A `MulLayer` remembers only the
# > inputs of its *latest* forward call. Reusing `mul_apple_layer` for the oranges
# > overwrites the apple inputs, and the apple gradients come out wrong without any error:

# %%
shared = MulLayer()
apple_price = shared.forward(100, 2)
orange_price = shared.forward(150, 3)        # the same object: (100, 2) is forgotten
dapple_wrong, dapple_num_wrong = shared.backward(1.1)
print("dapple:", round(dapple_wrong, 10), "(should be 2.2)   dapple_num:",
      round(dapple_num_wrong, 10), "(should be 110)")
assert round(dapple_wrong, 10) == 3.3

# %% [markdown]
# ## 8 · Floating-point noise: compare with `np.isclose` or `round`, never `==`
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# The printouts above showed `220.00000000000003`, `110.00000000000001` and
# `3.3000000000000003` instead of 220, 110 and 3.3. Nothing is wrong with the layers:
# 1.1 has no exact binary floating-point (부동소수점) representation, just as 1/3 has no
# exact decimal one. The stored value is the nearest double (a hair above 1.1), and every
# product is rounded to a double once more. Sometimes the result lands exactly on the round
# number (2 × 1.1 prints 2.2, 150 × 1.1 prints 165.0), sometimes one step beside it
# (200 × 1.1, 100 × 1.1, 3 × 1.1). Two consequences:
#
# * **Test with a tolerance.** `price == 220` is `False`; `np.isclose(price, 220)` or
#   `round(price, 10) == 220` says what we mean.
# * **Do not "clean up" with `int()`.** One study note printed `int(price)` and saw 715.
#   That worked only because the noise happened to be upward. `int()` truncates toward zero,
#   so a value a hair *below* the integer loses a whole unit. With a 15 % tax:

# %%
price = 200 * 1.1
print("price                   =", price)
print("price == 220            :", price == 220)
print("np.isclose(price, 220)  :", np.isclose(price, 220))
print("round(price, 10) == 220 :", round(price, 10) == 220)
assert price != 220 and np.isclose(price, 220) and round(price, 10) == 220

taxed = 100 * 1.15                 # one apple, 15 % tax: should be 115
print("100 * 1.15              =", taxed)
print("int(taxed), round(taxed):", int(taxed), round(taxed))
assert int(taxed) == 114 and round(taxed) == 115

# %% [markdown]
# ## 9 · The same layers on numpy arrays
#
# `MulLayer` and `AddLayer` only use `*` and `+`, which numpy applies element by element
# (원소별). So the very same classes push a whole array of shoppers through the graph at
# once, each element independently. Below, three shoppers buy 2, 3 and 1 apples at
# different prices; the first shopper is the book's example. Every gradient comes back with
# the shape of its input, and the first column repeats 220, 2.2, 110 and 200.
#
# One caution for later, shown in the second half of the cell. If the tax is given as a
# single number, numpy broadcasts (브로드캐스트) it over the three shoppers, and `backward`
# returns one derivative *per shopper* for it, an array of shape (3,), although the tax was
# a scalar. The one tax touches all three prices, so its total influence on the sum of the
# prices is the **sum** of that array, $200 + 360 + 90 = 650$. Our simple layers do not do
# this summing (the lab feeds inputs of one shape); the Affine layer of chapter 5 will,
# when it sums the bias gradient over the batch.

# %%
apples = np.array([100.0, 120.0, 90.0])
counts = np.array([2.0, 3.0, 1.0])
taxes = np.array([1.1, 1.1, 1.1])

mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
prices = mul_tax_layer.forward(mul_apple_layer.forward(apples, counts), taxes)
dsubtotals, dtaxes = mul_tax_layer.backward(np.ones(3))
dapples, dcounts = mul_apple_layer.backward(dsubtotals)
print("prices: ", np.round(prices, 10))
print("dapple: ", np.round(dapples, 10))
print("dcount: ", np.round(dcounts, 10))
print("dtax:   ", np.round(dtaxes, 10))
assert np.allclose(prices, [220, 396, 99])
assert np.allclose(dapples, counts * taxes) and np.allclose(dcounts, apples * taxes)
assert np.allclose(dtaxes, apples * counts)

# the same shoppers with ONE scalar tax, broadcast over all three
mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
prices = mul_tax_layer.forward(mul_apple_layer.forward(apples, counts), 1.1)
_, dtax_per_shopper = mul_tax_layer.backward(np.ones(3))
print("dtax per shopper:", np.round(dtax_per_shopper, 10),
      "  summed:", round(float(dtax_per_shopper.sum()), 10))
assert dtax_per_shopper.shape == (3,) and np.isclose(dtax_per_shopper.sum(), 650)

# %% [markdown]
# ## 10 · Spot the bug
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# Here are the two layers as one of the study notes behind this course first wrote them.
# They look almost like the ones above, and no error appears when the cell runs. There are
# **four** bugs. Find them before reading on. (The classes are renamed `NoteMulLayer` and
# `NoteAddLayer` so they do not replace our working ones; otherwise the code is the note's.)

# %%
class NoteMulLayer:
    def __init__(self):
        self.x=None
        self.y=None

    def foward(self,x,y):
        self.x=x
        self.y=y

    def backward(self,dout):
        dx=dout*self.y
        dy=dout*self.x
        return dx,dy

class NoteAddLayer:
    def __init_(self):
        pass

    def forward(self, x,y):
        out=x+y
        return out

    def backward(self, out):
        dx=dout*1
        dy=dout*1
        return dx,dy

# %% [markdown]
# **Bug 1: `def foward`.** A typo in a method name is not an error in Python: the class
# simply gets a method called `foward`, and has no `forward`. The error appears only when a
# graph calls the method by its real name:

# %%
try:
    NoteMulLayer().forward(100, 2)
except AttributeError as error:
    print("AttributeError:", error)

# %% [markdown]
# **Bug 2: forward stores the inputs but returns nothing.** Fixing only the spelling is not
# enough: the note's `forward` never computes `out` and has no `return`, so every call
# returns `None`. The failure shows up one layer *later*, inside a correct layer, where
# `None` meets `*`, which points you away from the real culprit. Worse, this layer's own
# `backward` works, because the inputs were stored; a test that checks only `backward`
# passes.

# %%
class NoReturnMulLayer(NoteMulLayer):
    def forward(self, x, y):           # spelling fixed, body as in the note
        self.x = x
        self.y = y

mul_apple_layer = NoReturnMulLayer()
apple_price = mul_apple_layer.forward(100, 2)
print("apple_price:", apple_price)
try:
    MulLayer().forward(apple_price, 1.1)
except TypeError as error:
    print("TypeError:", error)
print("but its backward still works:", mul_apple_layer.backward(1.1))
assert apple_price is None

# %% [markdown]
# **Bug 3: `def __init_` (one underscore short).** Python calls `__init__` when an object is
# created; a method named `__init_` is just an ordinary method that nobody calls. Python
# falls back to the default constructor, which does nothing.
#
# * In `NoteAddLayer` that is harmless, because its `__init__` did nothing anyway (`pass`).
#   That is exactly why such a typo survives.
# * Where `__init__` sets state, the state is missing. Give `MulLayer` the same typo and
#   the attributes `x`, `y` do not exist until the first `forward`: anything that touches
#   them earlier fails with a message about a missing attribute, which says nothing about
#   the misspelled constructor. And a layer whose constructor takes arguments (like the
#   `Affine(W, b)` of chapter 5) cannot be built at all, because the default constructor
#   accepts none.

# %%
add_layer = NoteAddLayer()                      # works: the typo is invisible here
print("NoteAddLayer forward:", add_layer.forward(10, 5))

class TypoMulLayer:                             # MulLayer with the same typo
    def __init_(self):
        self.x = None
        self.y = None

    def backward(self, dout):
        return dout * self.y, dout * self.x

typo_layer = TypoMulLayer()
print("has x before forward?", hasattr(typo_layer, "x"))
try:
    typo_layer.backward(1.0)                    # e.g. a test calling backward too early
except AttributeError as error:
    print("AttributeError:", error)

class ScaleLayer:                               # a layer with a parameter
    def __init_(self, k):
        self.k = k

try:
    ScaleLayer(3.0)
except TypeError as error:
    print("TypeError:", error)

# %% [markdown]
# **Bug 4: `def backward(self, out)` that uses `dout`.** The parameter is called `out`, but
# the body reads `dout`. Python looks for `dout` among the local variables, finds none, and
# then looks among the **global** variables of the notebook.
#
# * The lucky case: there is no global `dout`, and you get a `NameError`.
# * The unlucky case: the notebook once ran `dout = 1` at the top level (a very natural line
#   to write while experimenting). Now `backward` silently uses that global 1 and ignores
#   the 1.1 it was given. Put this add layer into the apple-and-orange graph: the price is
#   still 715, so a forward test passes, but four of the five gradients are wrong, and the
#   numerical check is what exposes them.

# %%
try:
    NoteAddLayer().backward(1.1)
except NameError as error:
    print("NameError:", error)

dout = 1                                        # a leftover global variable
price, grads = shop(100, 2, 150, 3, 1.1, Add=NoteAddLayer)
numeric = numerical_gradient(lambda p: fruit_bill(*p),
                             np.array([100, 2, 150, 3, 1.1], dtype=float))
print("price:", round(price, 10))
for name, g, n in zip(["apple", "apple_num", "orange", "orange_num", "tax"], grads, numeric):
    print(f"d price / d {name:10s} backprop {round(g, 6):>7}  numerical {round(n, 6):>7}"
          f"  {'ok' if np.isclose(g, n) else 'WRONG'}")
assert round(price, 10) == 715 and not np.allclose(grads, numeric)
del dout                                        # clean up the trap

# %% [markdown]
# All four bugs have the same cure: call layers only through the interface names
# (`forward`, `backward`), check the *forward* result and *every* gradient, and compare with
# numerical derivatives on inputs the code has never seen. That is what the lab's checks do.
#
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | computational graph | 계산 그래프 | a computation drawn as nodes (operations) joined by edges (values) |
# | forward propagation | 순전파 | computing left to right, from inputs to the output |
# | backward propagation | 역전파 | passing derivatives right to left, from the output to the inputs |
# | upstream / downstream | 상류 / 하류 | toward the output / toward the inputs; backward flows from upstream to downstream |
# | local derivative | 국소적 미분 | the derivative of one node's output with respect to one of its inputs |
# | chain rule | 연쇄법칙 | the derivative of a composition is the product of the local derivatives |
# | gradient | 기울기 | the derivatives of one final value with respect to each input, collected together |
# | partial derivative | 편미분 | the derivative with respect to one input while the others are held fixed |
# | add node | 덧셈 노드 | $z = x + y$; backward passes the upstream value to both inputs unchanged |
# | multiply node | 곱셈 노드 | $z = xy$; backward multiplies the upstream value by the swapped inputs |
# | layer | 계층 | a node implemented as a class with `forward()` and `backward()` |
# | interface | 인터페이스 | the method names and signatures every layer shares |
# | instance variable | 인스턴스 변수 | a value stored on the object (`self.x`), e.g. forward inputs kept for backward |
# | numerical differentiation | 수치 미분 | estimating a derivative from function values, here $(f(a+h)-f(a-h))/2h$ |
# | floating-point number | 부동소수점 수 | the binary approximation of real numbers used by computers (1.1 is not exact) |
# | broadcasting | 브로드캐스트 | numpy stretching a smaller operand (e.g. a scalar) over a larger array |
# | backpropagation | 오차역전파법 | computing all gradients of a graph by one backward sweep of local derivatives |
#
# ## What's next
#
# **Lab:** `labs/ch03_add_mul_layers.ipynb`. You write `MulLayer`
# and `AddLayer` yourself, build the apple-and-orange graph from them, and build chapter 2's
# fan-out graph $f = (a+b)(b+c)$ from layers (where `b` is used twice, the gradients of the
# two branches add up). Then you meet a node this course never takes apart, the division
# $z = x / y$, and derive its backward yourself from local derivatives, the way sections 1
# and 2 did for $+$ and $\times$. Hidden checks run your code on random numbers and arrays
# and compare it with numerical derivatives, so every bug of section 10 would be caught.
#
# **Next lecture:** `ch04_activation_layers`, the layers ReLU and Sigmoid. They have one
# input instead of two, and, like `MulLayer`, they must remember something from forward for
# backward: ReLU a *mask* of which inputs were ≤ 0, Sigmoid its own output $y$.
