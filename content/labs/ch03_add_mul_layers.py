# %% [markdown]
# # Lab 3 · Add and multiply layers (덧셈 계층과 곱셈 계층)
#
# *Deep Learning from Scratch* §5.3–5.4. Lecture: `notebooks/ch03_add_mul_layers.ipynb`.
#
# You will write the two simplest layers (계층) of a network, wire them into the shopping
# graph of the book, and then derive the backward pass of a node that no lecture derives:
#
# 1. `MulLayer` — the multiply node: forward `x * y`, backward sends a gradient to each input. (3 points)
# 2. `AddLayer` — the add node: forward `x + y`, backward sends a gradient to each input. (2 points)
# 3. `apple_orange_graph` — the apple-and-orange bill, forward then backward, built from your layers. (3 points)
# 4. `fanout_graph` — $f = (a+b)(b+c)$ built from layers, where `b` is used twice. (2 points)
# 5. `DivLayer` — *derive it yourself*: the division node $z = x / y$, whose backward you work out from local derivatives. (2 points)
#
# The backward rules of parts 1 to 4 are derived in the lecture
# (`notebooks/ch03_add_mul_layers.ipynb`); each section below says where. Part 5 is derived
# nowhere: you do it.
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on a small worked example (the book's, where it has one); when
# you submit, *hidden checks* also try your code on random numbers and arrays and compare it
# with numerical derivatives. Every failed check says which quantity is wrong, what was
# expected, what you returned, the most likely cause, and which lecture section to read.
#
# Layers must work on plain numbers **and** on numpy arrays of any shape (element by element).

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# **If you type the book's code.** `MulLayer` and `AddLayer` below have exactly the interface
# of the book's §5.4 code (`layer_naive.py`): the same class names, `forward(x, y)` returning
# the output, and `backward(dout)` returning the pair `(dx, dy)`. The book's code for these two
# classes earns full marks here. `apple_orange_graph` and `fanout_graph` wrap the book's
# scripts in functions (what they return is described in their sections), and `DivLayer` is
# not in the book.
#
# ## 1 · The multiply layer (곱셈 계층)
#
# `MulLayer` is the multiply node $z = xy$ as a layer. What its `backward` sends to `x` and
# to `y` is derived in lecture 3, section “2 · Backward through a multiply node” (the book's
# §5.3.2); the class itself is written in the lecture's section “5 · Layers” (the book's
# §5.4.1). Before you write it, decide which forward values `backward` needs: whatever it
# needs, `forward` must store on the object, because `backward` receives only `dout`.

# %% nbgrader={"grade_id": "mul_layer", "solution": true}
class MulLayer:
    """Multiply node: forward(x, y) -> x * y; backward(dout) -> (dx, dy).

    x, y and dout are numbers or numpy arrays of one shape; dx and dy have that shape too.
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        ### BEGIN SOLUTION
        self.x = x
        self.y = y
        return x * y
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout * self.y
        dy = dout * self.x
        return dx, dy
        ### END SOLUTION


# %% nbgrader={"grade_id": "mul_layer_test", "grade": true, "points": 3}
checking("MulLayer", see="lecture 3 (ch03_add_mul_layers.ipynb), section “2 · Backward through a multiply node”, then the book's §5.3.2 and §5.4.1")
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.mul_layer(MulLayer)
### END HIDDEN TESTS
mul = MulLayer()
check_close("MulLayer.forward(10, 5)", mul.forward(10, 5), 50)
dx, dy = mul.backward(1.3)
check_close("dx of 10 × 5 with upstream 1.3", dx, 6.5,
            hint="how strongly z = x·y reacts to x is set by one of the two inputs: which? "
                 "(lecture 3, section 2)")
check_close("dy of 10 × 5 with upstream 1.3", dy, 13.0,
            hint="how strongly z = x·y reacts to y is set by one of the two inputs: which? "
                 "(lecture 3, section 2)")

# %% [markdown]
# ## 2 · The add layer (덧셈 계층)
#
# `AddLayer` is the add node $z = x + y$ as a layer. Its backward is derived in lecture 3,
# section “1 · Backward through an add node” (the book's §5.3.1; the class is in §5.4.2).
# Compare with `MulLayer`: does this node need anything from its forward pass?

# %% nbgrader={"grade_id": "add_layer", "solution": true}
class AddLayer:
    """Add node: forward(x, y) -> x + y; backward(dout) -> (dx, dy).

    x, y and dout are numbers or numpy arrays of one shape; dx and dy have that shape too.
    """

    def __init__(self):
        pass

    def forward(self, x, y):
        ### BEGIN SOLUTION
        return x + y
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout * 1
        dy = dout * 1
        return dx, dy
        ### END SOLUTION


# %% nbgrader={"grade_id": "add_layer_test", "grade": true, "points": 2}
checking("AddLayer", see="lecture 3 (ch03_add_mul_layers.ipynb), section “1 · Backward through an add node”, then the book's §5.3.1 and §5.4.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.add_layer(AddLayer)
### END HIDDEN TESTS
add = AddLayer()
check_close("AddLayer.forward(10, 5)", add.forward(10, 5), 15)
dx, dy = add.backward(1.3)
check_close("dx of 10 + 5 with upstream 1.3", dx, 1.3,
            hint="what is the local derivative of x + y with respect to x? (lecture 3, "
                 "section 1)")
check_close("dy of 10 + 5 with upstream 1.3", dy, 1.3,
            hint="what is the local derivative of x + y with respect to y? (lecture 3, "
                 "section 1)")

# %% [markdown]
# ## 3 · The apple-and-orange bill
#
# Two apples at 100 and three oranges at 150, with a consumption tax of 1.1:
#
# ```
# apple ──┐
#         ×── apple_price ──┐
# apple_num┘                +── all_price ──┐
# orange ─┐                 │               ×── price
#         ×── orange_price ─┘        tax ───┘
# orange_num┘
# ```
#
# Build it from **four layer objects** (three `MulLayer`, one `AddLayer`), run forward, then
# backward in the reverse order starting from `dprice = 1`, and return the price and the
# gradient of the price with respect to each of the five inputs. The lecture builds this graph
# in section “7 · The apple-and-orange graph, built from layers” (the book's §5.4.2). The
# book's numbers: price 715; ∂price/∂apple = 2.2, ∂apple_num = 110, ∂orange = 3.3,
# ∂orange_num = 165, ∂tax = 650.

# %% nbgrader={"grade_id": "apple_orange_graph", "solution": true}
def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
    """Forward and backward through the apple-and-orange graph, built from layers.

    Returns (price, grads) where grads is a dict with keys
    'apple', 'apple_num', 'orange', 'orange_num', 'tax' (∂price/∂input).
    """
    ### BEGIN SOLUTION
    mul_apple = MulLayer()
    mul_orange = MulLayer()
    add_fruit = AddLayer()
    mul_tax = MulLayer()

    apple_price = mul_apple.forward(apple, apple_num)
    orange_price = mul_orange.forward(orange, orange_num)
    all_price = add_fruit.forward(apple_price, orange_price)
    price = mul_tax.forward(all_price, tax)

    dall_price, dtax = mul_tax.backward(1.0)
    dapple_price, dorange_price = add_fruit.backward(dall_price)
    dorange, dorange_num = mul_orange.backward(dorange_price)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    return price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange,
                   "orange_num": dorange_num, "tax": dtax}
    ### END SOLUTION


# %% nbgrader={"grade_id": "apple_orange_graph_test", "grade": true, "points": 3}
checking("apple_orange_graph", uses=("MulLayer", "AddLayer"), see="lecture 3 (ch03_add_mul_layers.ipynb), section “7 · The apple-and-orange graph”, then the book's §5.4.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.apple_orange_graph(apple_orange_graph)
### END HIDDEN TESTS
price, grads = apple_orange_graph(100, 2, 150, 3, 1.1)
check_close("price", price, 715)
for name, expected in [("apple", 2.2), ("apple_num", 110), ("orange", 3.3),
                       ("orange_num", 165), ("tax", 650)]:
    check_close(f"∂price/∂{name}", grads[name], expected)

# %% [markdown]
# Your layers agree with the numerical derivative (수치 미분) of the whole bill. The provided
# `numerical_gradient` nudges each input by ±h and measures the change of the price:

# %%
def bill(v):
    return apple_orange_graph(*v)[0]

numeric = numerical_gradient(bill, np.array([100.0, 2.0, 150.0, 3.0, 1.1]))
print("numerical:", np.round(numeric, 4))
print("backprop: ", np.round([grads[k] for k in ["apple", "apple_num", "orange", "orange_num", "tax"]], 4))

# %% [markdown]
# ## 4 · Fan-out with layers: $f = (a+b)(b+c)$
#
# `b` feeds two add nodes, so in backward each branch sends a gradient back to `b`. How the
# two combine into $\partial f/\partial b$ is lecture 2, section “5. Fan-out: when one value
# is used twice”. Build the graph from two `AddLayer`s and one `MulLayer` and return
# `(f, df_da, df_db, df_dc)`. At $a=-1, b=3, c=4$: $f = 14$, gradients 7, 9 and 2.

# %% nbgrader={"grade_id": "fanout_graph", "solution": true}
def fanout_graph(a, b, c):
    """f = (a + b) * (b + c) with layers. Returns (f, df_da, df_db, df_dc)."""
    ### BEGIN SOLUTION
    add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
    x = add_ab.forward(a, b)
    y = add_bc.forward(b, c)
    f = mul.forward(x, y)

    dx, dy = mul.backward(1.0)
    da, db_from_x = add_ab.backward(dx)
    db_from_y, dc = add_bc.backward(dy)
    return f, da, db_from_x + db_from_y, dc
    ### END SOLUTION


# %% nbgrader={"grade_id": "fanout_graph_test", "grade": true, "points": 2}
checking("fanout_graph", uses=("AddLayer", "MulLayer"), see="lecture 2 (ch02_chain_rule.ipynb), section “5. Fan-out: when one value is used twice”, then the book's §5.3.1 (add node)")
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.fanout_graph(fanout_graph)
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout_graph(-1, 3, 4)
check_close("f(-1, 3, 4)", f, 14)
check_close("∂f/∂a", df_da, 7)
check_close("∂f/∂b", df_db, 9, hint="b is used twice: both branches send it a gradient "
                                     "(lecture 2, section 5)")
check_close("∂f/∂c", df_dc, 2)

# %% [markdown]
# ## 5 · Derive it yourself: the division node (나눗셈 노드)
#
# Neither the lectures nor the book take a node that divides one input by another. Here it is:
#
# ```
#  x ──────┐
#          ( / )──── z = x / y
#  y ──────┘
# ```
#
# `DivLayer.forward(x, y)` returns $z = x / y$, element by element, for numbers and for
# numpy arrays of one shape ($y$ is never 0). `backward(dout)` receives
# $\text{dout} = \partial L/\partial z$ and returns the pair
# $(\partial L/\partial x,\ \partial L/\partial y)$, in the order of forward's inputs.
#
# **Derive it on paper first**, the way the lectures derive every node:
#
# 1. the local derivative (국소적 미분) $\partial z/\partial x$, holding $y$ fixed, and
#    $\partial z/\partial y$, holding $x$ fixed;
# 2. each multiplied by the upstream `dout`: local derivative times upstream, as for the
#    multiply node in lecture 3, section “2 · Backward through a multiply node”.
#
# *If you are stuck:* write $x / y$ as $x \cdot (1/y)$, a multiply node whose second input
# comes out of a reciprocal node $1/y$. You have met both: the multiply node in lecture 3,
# section 2, and the reciprocal (`/`) node's local derivative in lecture 1, section “6. Local
# derivatives of common nodes”. Chain them (lecture 2, section “3. The chain rule on the
# graph”).
#
# Then check your formulas against a numerical derivative before you trust them (for
# example the provided `numerical_gradient`, in a scratch cell). But `backward` itself must
# compute your formulas: a backward that measures differences of `forward` is not a
# derivation, and earns no points.

# %% nbgrader={"grade_id": "div_layer", "solution": true}
class DivLayer:
    """Division node: forward(x, y) -> x / y; backward(dout) -> (dx, dy).

    x, y and dout are numbers or numpy arrays of one shape (y never 0); dx and dy have that
    shape too.
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        ### BEGIN SOLUTION
        self.x = x
        self.y = y
        return x / y
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        dx = dout / self.y
        dy = -dout * self.x / self.y ** 2
        return dx, dy
        ### END SOLUTION


# %% nbgrader={"grade_id": "div_layer_test", "grade": true, "points": 2}
checking("DivLayer", see="lecture 3 (ch03_add_mul_layers.ipynb), section “2 · Backward through a multiply node” and lecture 1 (ch01_computational_graph.ipynb), section “6. Local derivatives of common nodes”, then the book's §5.3.2 and §5.5.2 (the '/' node)")
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.div_layer(DivLayer)
### END HIDDEN TESTS
div = DivLayer()
check_close("DivLayer.forward(6, 4)", div.forward(6, 4), 1.5)
dx, dy = div.backward(2.0)
check_close("dx of 6 / 4 with upstream 2", dx, 0.5,
            hint="hold y fixed: then x / y is x times a constant. What does a multiply node "
                 "send back to x? (backward returns dx first, then dy)")
check_close("dy of 6 / 4 with upstream 2", dy, -0.75,
            hint="y reaches z through the reciprocal node 1/y and then a multiply by x: chain "
                 "both local derivatives, signs included (the reciprocal's is in lecture 1, "
                 "section 6)")

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: activation layers (ReLU, Sigmoid), where a layer's
# backward needs a *mask* or its own output.
