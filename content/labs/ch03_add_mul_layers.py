# %% [markdown]
# # Lab 3 · Add and multiply layers (덧셈 계층과 곱셈 계층)
#
# *Deep Learning from Scratch* §5.3–5.4. Lecture: `notebooks/ch03_add_mul_layers.ipynb`.
#
# You will write the two simplest layers (계층) of a network and wire them into the
# shopping graph of the book:
#
# 1. `MulLayer` — the multiply node: forward `x * y`, backward multiplies `dout` by the *swapped* inputs. (3 points)
# 2. `AddLayer` — the add node: backward passes `dout` through unchanged. (2 points)
# 3. `apple_orange_graph` — the apple-and-orange bill, forward then backward, built from your layers. (3 points)
# 4. `fanout_graph` — $f = (a+b)(b+c)$ built from layers, where `b` is used twice. (2 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on the book's example; when you submit, *hidden checks* also
# try your code on random numbers and arrays and compare it with numerical derivatives.
# Every failed check says which quantity is wrong, what was expected, what you returned,
# and the most likely cause.
#
# Layers must work on plain numbers **and** on numpy arrays of any shape (element by element).

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · The multiply layer (곱셈 계층)
#
# For $z = xy$: $\dfrac{\partial z}{\partial x} = y$ and $\dfrac{\partial z}{\partial y} = x$.
# So backward multiplies the upstream gradient `dout` by the **other** input:
# `dx = dout * y`, `dy = dout * x`. That is why `forward` must remember `x` and `y`.

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
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.mul_layer(MulLayer)
### END HIDDEN TESTS
mul = MulLayer()
check_close("MulLayer.forward(10, 5)", mul.forward(10, 5), 50)
dx, dy = mul.backward(1.3)
check_close("dx of 10 × 5 with upstream 1.3", dx, 6.5,
            hint="dx = dout · y: the multiply node swaps its inputs")
check_close("dy of 10 × 5 with upstream 1.3", dy, 13.0,
            hint="dy = dout · x: the multiply node swaps its inputs")

# %% [markdown]
# ## 2 · The add layer (덧셈 계층)
#
# For $z = x + y$ both local derivatives are 1, so backward hands `dout` to both inputs
# unchanged. It does not need the forward inputs at all.

# %% nbgrader={"grade_id": "add_layer", "solution": true}
class AddLayer:
    """Add node: forward(x, y) -> x + y; backward(dout) -> (dx, dy), both equal to dout."""

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
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.add_layer(AddLayer)
### END HIDDEN TESTS
add = AddLayer()
check_close("AddLayer.forward(10, 5)", add.forward(10, 5), 15)
dx, dy = add.backward(1.3)
check_close("dx of 10 + 5 with upstream 1.3", dx, 1.3,
            hint="an add node passes dout through unchanged")
check_close("dy of 10 + 5 with upstream 1.3", dy, 1.3,
            hint="an add node passes dout through unchanged")

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
# gradient of the price with respect to each of the five inputs. The book's numbers:
# price 715; ∂price/∂apple = 2.2, ∂apple_num = 110, ∂orange = 3.3, ∂orange_num = 165, ∂tax = 650.

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
# `b` feeds two add nodes. In backward, each branch sends a gradient back to `b`, and the
# two **add up**: $\partial f/\partial b = \partial f/\partial x \cdot 1 + \partial f/\partial y \cdot 1$.
# Build the graph from two `AddLayer`s and one `MulLayer` and return
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
### BEGIN HIDDEN TESTS
from autograder.checks import ch03_add_mul_layers as hidden
hidden.fanout_graph(fanout_graph)
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout_graph(-1, 3, 4)
check_close("f(-1, 3, 4)", f, 14)
check_close("∂f/∂a", df_da, 7)
check_close("∂f/∂b", df_db, 9, hint="b is used twice: add the gradients of both branches")
check_close("∂f/∂c", df_dc, 2)

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: activation layers (ReLU, Sigmoid), where a layer's
# backward needs a *mask* or its own output.
