# %% [markdown]
# # Lab 1 · Computational graphs (계산 그래프)
#
# *Deep Learning from Scratch* §5.1. Lecture: `notebooks/ch01_computational_graph.ipynb`.
#
# 1. `apple_orange_forward` — evaluate the shopping graph left to right and keep every intermediate value. (2 points)
# 2. `evaluate_graph` — forward propagation (순전파) through *any* graph given as a list of nodes. (3 points)
# 3. `d_square`, `d_exp`, `d_reciprocal`, `d_negate` — the local derivatives (국소적 미분) of four nodes. (3 points)
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on small worked examples; when you submit, *hidden checks* also
# try your code on random numbers and arrays. Every failed check says which quantity is
# wrong, what was expected, what you returned, and the most likely cause, and which section
# of the lecture to re-read.
#
# **If you type the book's code.** The book's §5.1 has no code: it solves these problems with
# figures (its code for the shopping graph comes in §5.4, with layer classes, in lab 3). The
# functions here are the lab's own, so there is no book interface to differ from.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% [markdown]
# ## 1 · The shopping graph, forward
#
# Two apples at 100 and three oranges at 150 with a tax of 1.1 cost 715. Build the graph of this
# bill (Problem 2 in section 3 of lecture 1 draws it, as the book does in §5.1.1) and compute the
# value on every one of its edges: the apples' subtotal `apple_price`, the oranges' subtotal
# `orange_price`, their sum before tax `all_price`, and the bill `price`. Return them all.
# Keeping the intermediate values is what makes backward propagation possible later.
# The inputs may also be numpy arrays (many shopping trips at once).

# %% nbgrader={"grade_id": "apple_orange_forward", "solution": true}
def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
    """Return a dict with the value on every edge of the shopping graph:
    'apple_price', 'orange_price', 'all_price' and 'price'."""
    ### BEGIN SOLUTION
    apple_price = apple * apple_num
    orange_price = orange * orange_num
    all_price = apple_price + orange_price
    price = all_price * tax
    return {"apple_price": apple_price, "orange_price": orange_price,
            "all_price": all_price, "price": price}
    ### END SOLUTION


# %% nbgrader={"grade_id": "apple_orange_forward_test", "grade": true, "points": 2}
checking("apple_orange_forward", see="lecture 1 (ch01_computational_graph.ipynb), section “3. Solving a problem with a graph”, then the book's §5.1.1")
### BEGIN HIDDEN TESTS
from autograder.checks import ch01_computational_graph as hidden
hidden.apple_orange_forward(apple_orange_forward)
### END HIDDEN TESTS
values = apple_orange_forward(100, 2, 150, 3, 1.1)
check_close("apple_price", values["apple_price"], 200)
check_close("orange_price", values["orange_price"], 450)
check_close("all_price", values["all_price"], 650)
check_close("price", values["price"], 715)

# %% [markdown]
# ## 2 · Forward propagation through any graph
#
# A graph can be written as a list of nodes in *topological order* (each node comes after
# the nodes it reads). A node is `(name, op, arguments)`, where `op` is a key of `OPS` and
# `arguments` names inputs or earlier nodes. The apple graph of the book is:
#
# ```python
# apple_graph = [("apple_price", "mul", ["apple", "apple_num"]),
#                ("price",       "mul", ["apple_price", "tax"])]
# ```
#
# Write `evaluate_graph(graph, inputs)`: walk the nodes in order, compute each one from the
# values of its arguments, and return a **new** dict holding the inputs and every node's
# value. Do not change the caller's `inputs` dict.

# %% nbgrader={"grade_id": "ops"}
OPS = {
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "square": lambda a: a ** 2,
    "exp": np.exp,
    "reciprocal": lambda a: 1 / a,
    "negate": lambda a: -a,
}

# %% nbgrader={"grade_id": "evaluate_graph", "solution": true}
def evaluate_graph(graph, inputs):
    """graph: list of (name, op, [argument names]) in topological order.
    inputs: dict name -> value (numbers or numpy arrays of one shape).
    Returns a new dict: the inputs plus the value of every node."""
    ### BEGIN SOLUTION
    values = dict(inputs)
    for name, op, arguments in graph:
        values[name] = OPS[op](*(values[arg] for arg in arguments))
    return values
    ### END SOLUTION


# %% nbgrader={"grade_id": "evaluate_graph_test", "grade": true, "points": 3}
checking("evaluate_graph", see="lecture 1 (ch01_computational_graph.ipynb), section “Evaluating a graph in code”, then the book's §5.1.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch01_computational_graph as hidden
hidden.evaluate_graph(evaluate_graph)
### END HIDDEN TESTS
apple_graph = [("apple_price", "mul", ["apple", "apple_num"]),
               ("price", "mul", ["apple_price", "tax"])]
inputs = {"apple": 100, "apple_num": 2, "tax": 1.1}
values = evaluate_graph(apple_graph, inputs)
check_close("apple_price", values["apple_price"], 200)
check_close("price", values["price"], 220)
assert inputs == {"apple": 100, "apple_num": 2, "tax": 1.1}, "evaluate_graph changed the caller's inputs dict"

# %% [markdown]
# ## 3 · Local derivatives (국소적 미분)
#
# Backward propagation multiplies the upstream gradient by each node's *local* derivative.
# Write the derivative $\partial y/\partial x$ of four nodes as functions of the node's input
# `x` (a number or an array; return the same shape). Section 6 of lecture 1 derives them and
# checks each one against the central difference (중심 차분); derive them yourself first.
#
# | node | forward | you return |
# |---|---|---|
# | square | $y = x^2$ | $\partial y/\partial x$ |
# | exp | $y = e^x$ | $\partial y/\partial x$ |
# | reciprocal (`/` node) | $y = 1/x$ | $\partial y/\partial x$ — watch the sign |
# | negate (`×−1` node) | $y = -x$ | $\partial y/\partial x$ |

# %% nbgrader={"grade_id": "local_derivatives", "solution": true}
def d_square(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION


def d_exp(x):
    ### BEGIN SOLUTION
    return np.exp(x)
    ### END SOLUTION


def d_reciprocal(x):
    ### BEGIN SOLUTION
    return -1 / x ** 2
    ### END SOLUTION


def d_negate(x):
    ### BEGIN SOLUTION
    return -np.ones_like(x, dtype=float)
    ### END SOLUTION


# %% nbgrader={"grade_id": "local_derivatives_test", "grade": true, "points": 3}
checking("local_derivatives", see="lecture 1 (ch01_computational_graph.ipynb), section “6. Local derivatives of common nodes”, then the book's §5.1.3 and §5.5.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch01_computational_graph as hidden
hidden.local_derivatives(d_square, d_exp, d_reciprocal, d_negate, globals().get("OPS"))
### END HIDDEN TESTS
check_close("d_square(3)", d_square(3.0), 6.0)
check_close("d_exp(0)", d_exp(0.0), 1.0)
check_close("d_reciprocal(2)", d_reciprocal(2.0), -0.25,
            hint="1/x falls as x grows (x > 0), so its slope is negative there")
check_close("d_negate(5)", d_negate(5.0), -1.0)

# %% [markdown]
# ## Done
#
# Save the notebook and submit it. Next: the chain rule (연쇄법칙), which strings these local
# derivatives together.
