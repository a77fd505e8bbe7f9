# %% [markdown]
# # Lab 8 · Backpropagation done automatically (자동 미분)
#
# The capstone. *Deep Learning from Scratch* §5.1–5.2 (computational graphs and the chain
# rule); the book has no chapter on this, the lecture does. Lecture:
# `notebooks/ch08_autograd.ipynb`.
#
# In labs 3–7 you wrote a `backward` by hand for every layer and called the backward passes
# in the reverse order yourself. Here you write the small program that does both for any
# graph: a *reverse-mode automatic differentiation* engine (역방향 모드 자동 미분). Every
# number becomes a `Value`, a node of the computational graph (계산 그래프) that remembers
# its inputs and its local derivatives (국소적 미분); one call, `output.backward()`, then
# fills in the gradient of the output with respect to every value it was computed from.
#
# 1. `Value` — `+` and `×` that record the graph as they compute. (3 points)
# 2. `topological_order` and `backward` — the backward pass (역전파) of the whole graph,
#    in topological order (위상 정렬), adding up where a value fans out. (4 points)
# 3. `exp`, `log`, `relu` and `**` — four more nodes, each with its local derivative. (3 points)
# 4. `apple_orange_engine` and `fanout_engine` — the graphs of labs 1–3, differentiated by
#    your engine. (2 points)
# 5. `net_gradient` — the gradient of a small two-layer network, by your engine. (2 points)
#
# The lab does not repeat the formulas it grades: each section says where the lecture
# derives them (lecture 8, and the table of local derivatives in lecture 1, section 6).
#
# **How this lab works.** Run the cells from top to bottom. Write your code where it says
# `YOUR CODE HERE` (delete the `raise NotImplementedError()` line). The locked cell after each
# answer runs *visible checks* on a worked example; when you submit, *hidden checks* also
# try your code on random graphs, numbers and arrays, and compare its gradients with
# numerical derivatives (수치 미분). Every failed check says which quantity is wrong, what
# was expected, what you returned, and the most likely cause.
#
# **If you type the book's code.** The book has no code for this chapter: everything here is
# written in this lab, on the interface each cell describes.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · A value that remembers how it was made
#
# A `Value` holds
#
# - `data`: its forward value, a float or a numpy array;
# - `grad`: the derivative of the output of `backward` with respect to this value
#   (zero until `backward` runs; it has the shape of `data`);
# - `parents`: the `Value`s it was computed from, **in the order of the operands** (for
#   `a * b`: `(a, b)`; a value made directly, such as `Value(2.0)`, has none);
# - `local_grads`: one local derivative per parent, in the same order: the derivative of
#   this value with respect to that parent, a number or an array of `data`'s shape.
#
# Write `__add__` and `__mul__`, which Python calls for `a + b` and `a * b`. Each computes the
# new `data` and returns a **new** `Value` that records both operands as its parents and the
# local derivatives of its node. Which local derivatives an add node and a multiply node have
# is in lecture 8, section 2 (and lecture 1, section 6). When the other operand is a plain
# number (`a * 2.0`), turn it into a `Value` first, so that it is a parent like any other.
# `__radd__` and `__rmul__` serve `2.0 + a` and `2.0 * a`, where the number comes first.
#
# Arrays work element by element: both operands of `+` and `×` are numbers or arrays of one
# shape (no broadcasting).

# %% nbgrader={"grade_id": "value", "solution": true}
class Value:
    """A node of a computational graph: Value(data, parents=(), local_grads=()).

    data: float or numpy array; grad: of data's shape, zero until backward runs;
    parents: the Values it was computed from (in the order of the operands);
    local_grads: d(this value)/d(parent), one per parent (a number or an array).
    """

    def __init__(self, data, parents=(), local_grads=()):
        self.data = np.array(data, dtype=float) if isinstance(data, np.ndarray) else float(data)
        self.grad = np.zeros_like(self.data)
        self.parents = tuple(parents)
        self.local_grads = tuple(local_grads)

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        ### BEGIN SOLUTION
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))
        ### END SOLUTION

    def __mul__(self, other):
        ### BEGIN SOLUTION
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))
        ### END SOLUTION

    def __radd__(self, other):
        ### BEGIN SOLUTION
        return self + other
        ### END SOLUTION

    def __rmul__(self, other):
        ### BEGIN SOLUTION
        return self * other
        ### END SOLUTION


# %% nbgrader={"grade_id": "value_test", "grade": true, "points": 3}
checking("Value", see="lecture 8 (ch08_autograd.ipynb), section “2 · A graph that records itself”, then the book's §5.1.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch08_autograd as hidden
hidden.value(Value)
### END HIDDEN TESTS
a, b = Value(3.0), Value(4.0)
c = a * b
check_close("(Value(3) * Value(4)).data", c.data, 12.0)
check_close("number of parents of a * b", len(c.parents), 2)
check_close("a * b remembers a as its first parent", c.parents[0] is a, True,
            hint="keep the operands themselves (not copies) as the parents, in order")
check_close("local derivatives of a * b", np.array(c.local_grads, dtype=float), [4.0, 3.0],
            hint="which local derivatives does a multiply node have? (lecture 8, section 2)")
s = a + b
check_close("(Value(3) + Value(4)).data", s.data, 7.0)
check_close("local derivatives of a + b", np.array(s.local_grads, dtype=float), [1.0, 1.0],
            hint="which local derivatives does an add node have? (lecture 8, section 2)")
check_close("(2 * a).data", (2 * a).data, 6.0,
            hint="2 * a calls a.__rmul__(2): turn the number into a Value")
check_close("(a + 10).data", (a + 10).data, 13.0)
check_close("(10 + a).data", (10 + a).data, 13.0)

# %% [markdown]
# ## 2 · The backward pass of a whole graph
#
# Two functions. Read lecture 8, sections 3 to 7 first: they do the same on a recorded
# list of nodes, and say why each rule below matters.
#
# - `topological_order(output)` returns the list of **every** `Value` that `output` was
#   computed from (following `parents` back to the values made directly), `output`
#   included, **each once**, every value **after** all of its parents. `output` comes
#   last. A value can be reached along several paths (it fans out): visit it only once.
#   (Python compares `Value`s by identity, so a `set` of the visited values works.)
# - `backward(self)`, attached as the method `output.backward()`, runs the backward pass
#   from `self` over that order:
#   1. first it sets the `grad` of every value in the order to zeros of its `data`'s shape
#      (`np.zeros_like`), and the `grad` of `self` to ones (`np.ones_like`): so
#      **calling `backward` twice gives the same gradients**, and after `y.backward()`
#      every `grad` is a derivative of `y` alone, even for values that an earlier output
#      shared (section 7);
#   2. then it visits the values from the output back to the inputs and hands each one's
#      `grad` on to its parents through the local derivatives, as in section 3. Where a value
#      fans out, what arrives from each path must add up (section 4), and a value must not
#      pass its `grad` on before all of the values computed from it have delivered theirs
#      (section 6).
#
# `backward` returns nothing; the gradients are in the `grad` of each value.

# %% nbgrader={"grade_id": "backward", "solution": true}
def topological_order(output):
    """Every Value that output depends on, output included, each once, parents first."""
    ### BEGIN SOLUTION
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(output)
    return order
    ### END SOLUTION


def backward(self):
    """Fill in value.grad = d(self)/d(value) for every value that self depends on."""
    ### BEGIN SOLUTION
    order = topological_order(self)
    for node in order:
        node.grad = np.zeros_like(node.data)
    self.grad = np.ones_like(self.data)
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad = parent.grad + local * node.grad
    ### END SOLUTION


Value.backward = backward      # now output.backward() runs your function

# %% nbgrader={"grade_id": "backward_test", "grade": true, "points": 4}
checking("backward", see="lecture 8 (ch08_autograd.ipynb), section “5 · Nodes that point to their inputs”, then the book's §5.2.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch08_autograd as hidden
hidden.backward(Value, topological_order, backward)
### END HIDDEN TESTS
# A graph made with the constructor, so that this check needs only your backward: the local
# derivatives are made-up numbers (backward does not care where they come from).
x, y = Value(2.0), Value(5.0)
u = Value(1.0, (x, y), (3.0, -1.0))      # u is used twice below
v = Value(1.0, (u, x), (2.0, 0.5))       # x is used twice: in u and in v
z = Value(1.0, (v, u), (4.0, 1.0))
order = topological_order(z)
check_close("number of values in topological_order(z)", len(order), 5,
            hint="x, y, u, v and z, nothing twice: visit a value that fans out only once")
check_close("topological_order(z) ends with z", order[-1] is z, True)
check_close("u comes after x and y", order.index(u) > max(order.index(x), order.index(y)),
            True, hint="every value after all of its parents")
z.backward()
check_close("z.grad", z.grad, 1.0, hint="the backward pass starts with 1 at the output")
check_close("v.grad", v.grad, 4.0)
check_close("u.grad", u.grad, 9.0,
            hint="u reaches z along two paths: what arrives from both must add up")
check_close("x.grad", x.grad, 29.0,
            hint="x is used twice (in u and in v), and u must hand on its grad only once it "
                 "is complete (lecture 8, section 6)")
check_close("y.grad", y.grad, -9.0)
z.backward()
check_close("x.grad after calling z.backward() a second time", x.grad, 29.0,
            hint="backward starts every grad of the graph at zero, so a second call gives "
                 "the same gradients (lecture 8, section 7)")

# %% [markdown]
# ## 3 · More nodes: `exp`, `log`, `relu` and powers
#
# Four more operations, each one node with one parent (`self`) and one local derivative.
# Their derivatives are derived in lecture 8, section 8 (`exp` also in lecture 1, section 6;
# ReLU in lecture 4, section 2):
#
# - `x.exp()`: $e^x$, element by element (`np.exp`);
# - `x.log()`: the natural logarithm $\ln x$ (`np.log`), for positive `data`;
# - `x.relu()`: $\max(x, 0)$. At exactly 0 its local derivative is 0, the convention of
#   chapter 4 (the switch is off at $x \le 0$);
# - `x ** k` for a plain number `k` (`__pow__`): `k` is a constant, not a node, so the only
#   parent is `x`.
#
# Subtraction, negation and division need no new local derivative: the cell gives them,
# written with the nodes you have (lecture 8, section 8 says why that is enough).

# %% nbgrader={"grade_id": "more_ops", "solution": true}
def exp(self):
    """e ** self, element by element: one parent, self."""
    ### BEGIN SOLUTION
    out = np.exp(self.data)
    return Value(out, (self,), (out,))
    ### END SOLUTION


def log(self):
    """The natural logarithm of self (data > 0): one parent, self."""
    ### BEGIN SOLUTION
    return Value(np.log(self.data), (self,), (1.0 / self.data,))
    ### END SOLUTION


def relu(self):
    """max(self, 0), element by element, local derivative 0 at exactly 0: one parent, self."""
    ### BEGIN SOLUTION
    return Value(np.maximum(self.data, 0.0), (self,), ((self.data > 0) * 1.0,))
    ### END SOLUTION


def power(self, k):
    """self ** k for a plain number k: one parent, self."""
    ### BEGIN SOLUTION
    return Value(self.data ** k, (self,), (k * self.data ** (k - 1),))
    ### END SOLUTION


def _as_value(other):
    return other if isinstance(other, Value) else Value(other)


Value.exp, Value.log, Value.relu, Value.__pow__ = exp, log, relu, power
Value.__neg__ = lambda self: self * -1.0                          # -x = x · (−1)
Value.__sub__ = lambda self, other: self + (-_as_value(other))    # x − y = x + (−y)
Value.__rsub__ = lambda self, other: _as_value(other) + (-self)
Value.__truediv__ = lambda self, other: self * _as_value(other) ** -1     # x / y = x · y⁻¹
Value.__rtruediv__ = lambda self, other: _as_value(other) * self ** -1

# %% nbgrader={"grade_id": "more_ops_test", "grade": true, "points": 3}
checking("exp, log, relu, power", see="lecture 8 (ch08_autograd.ipynb), section “8 · More nodes”, then the book's §5.5.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch08_autograd as hidden
hidden.more_ops(Value)
### END HIDDEN TESTS
x = Value(2.0)
check_close("x.exp().data at x = 2", x.exp().data, np.exp(2.0))
check_close("local derivative of exp at x = 2", x.exp().local_grads[0], 7.38905609893065,
            hint="lecture 8, section 8 (and lecture 1, section 6)")
check_close("local derivative of log at x = 2", x.log().local_grads[0], 0.5,
            hint="lecture 8, section 8")
check_close("local derivative of x ** 3 at x = 2", (x ** 3).local_grads[0], 12.0,
            hint="lecture 8, section 8; k = 3 is a constant")
check_close("x ** 3 has one parent, x", len((x ** 3).parents), 1)
r = Value(np.array([-1.5, 0.0, 2.0])).relu()
check_close("relu of [-1.5, 0, 2]", r.data, [0.0, 0.0, 2.0])
check_close("local derivative of relu at [-1.5, 0, 2]", r.local_grads[0], [0.0, 0.0, 1.0],
            hint="lecture 4, section 2; at exactly 0 the switch is off")

# %% [markdown]
# ## 4 · The graphs of labs 1–3, by the engine
#
# Now the engine does what you did by hand in lab 3. Write both functions with `Value`s:
# turn the inputs into `Value`s, compute the output with `+` and `*` exactly as the formula
# reads, call `backward()` on it, and read the gradients off the inputs' `grad`.
#
# - `apple_orange_engine(apple, apple_num, orange, orange_num, tax)` returns
#   `(price, grads)`, `price` a number (the `data` of the output) and `grads` a dict with the
#   keys `'apple', 'apple_num', 'orange', 'orange_num', 'tax'`. Two apples at 100 and three
#   oranges at 150 with tax 1.1: price 715, gradients 2.2, 110, 3.3, 165 and 650 (lecture 3,
#   section 7).
# - `fanout_engine(a, b, c)` returns `(f, df_da, df_db, df_dc)` for $f = (a+b)(b+c)$. At
#   $a=-1, b=3, c=4$ (a study note's example): $f = 14$, gradients 7, 9 and 2. Here `b` is
#   used twice, and no line of yours has to add its two paths: the engine does.
#
# Both also work on numpy arrays of one shape (element by element).

# %% nbgrader={"grade_id": "engine_graphs", "solution": true}
def apple_orange_engine(apple, apple_num, orange, orange_num, tax):
    """The apple-and-orange bill with Values: (price, grads)."""
    ### BEGIN SOLUTION
    inputs = {"apple": Value(apple), "apple_num": Value(apple_num), "orange": Value(orange),
              "orange_num": Value(orange_num), "tax": Value(tax)}
    v = inputs
    price = (v["apple"] * v["apple_num"] + v["orange"] * v["orange_num"]) * v["tax"]
    price.backward()
    return price.data, {name: value.grad for name, value in inputs.items()}
    ### END SOLUTION


def fanout_engine(a, b, c):
    """The fan-out graph f = (a+b)(b+c) with Values: (f, df_da, df_db, df_dc)."""
    ### BEGIN SOLUTION
    a, b, c = Value(a), Value(b), Value(c)
    f = (a + b) * (b + c)
    f.backward()
    return f.data, a.grad, b.grad, c.grad
    ### END SOLUTION


# %% nbgrader={"grade_id": "engine_graphs_test", "grade": true, "points": 2}
checking("apple_orange_engine, fanout_engine", uses=("Value", "backward"), see="lecture 8 (ch08_autograd.ipynb), section “4 · Fan-out”, then the book's §5.2.3")
### BEGIN HIDDEN TESTS
from autograder.checks import ch08_autograd as hidden
hidden.engine_graphs(apple_orange_engine, fanout_engine)
### END HIDDEN TESTS
price, grads = apple_orange_engine(100, 2, 150, 3, 1.1)
check_close("price", price, 715)
for name, expected in [("apple", 2.2), ("apple_num", 110), ("orange", 3.3),
                       ("orange_num", 165), ("tax", 650)]:
    check_close(f"∂price/∂{name}", grads[name], expected)
f, df_da, df_db, df_dc = fanout_engine(-1.0, 3.0, 4.0)
check_close("f(-1, 3, 4)", f, 14.0)
check_close("∂f/∂a", df_da, 7.0)
check_close("∂f/∂b", df_db, 9.0, hint="b is used twice: your backward must add both paths")
check_close("∂f/∂c", df_dc, 2.0)

# %% [markdown]
# ## 5 · A small two-layer network, by the engine
#
# The network of chapter 7 on one sample, small enough to build from single numbers:
# `x` has `D` features, the hidden layer `H` units with ReLU, the output `C` class scores,
# and the loss is the cross-entropy error of the softmax of the scores for the label `t`
# (an integer class index). Written per element, for $j = 1 \dots H$ and $k = 1 \dots C$:
#
# $$h_j = \mathrm{relu}\Big(\sum_i x_i W1_{ij} + b1_j\Big), \qquad
#   s_k = \sum_j h_j W2_{jk} + b2_k, \qquad
#   L = \ln\Big(\sum_k e^{s_k}\Big) - s_t$$
#
# (the last formula is $-\ln$ of the softmax probability of class $t$: lecture 8, section 9).
#
# Write `net_gradient(x, t, params)`: `params` is a dict of float arrays `'W1'` (D, H),
# `'b1'` (H,), `'W2'` (H, C), `'b2'` (C,). Make one `Value` for every element of every
# parameter, compute $L$ with your `Value` operations (loops over the elements; no matrix
# products, which the engine does not have), call `backward()` once, and return
# `(loss, grads)`: the loss as a number and a dict of four arrays, `grads['W1']` of the
# shape of `params['W1']` holding each element's `grad`, and so on. The inputs `x` are
# plain numbers, not `Value`s. This is the derivative that chapter 7's layers computed
# with `backward`; the visible check compares it with the numerical gradient of your own
# loss, the hidden checks with more networks.

# %% nbgrader={"grade_id": "net_gradient", "solution": true}
def net_gradient(x, t, params):
    """Loss and gradients of the two-layer network on one sample, by the engine.

    x: (D,) floats; t: int class index; params: 'W1' (D, H), 'b1' (H,), 'W2' (H, C), 'b2' (C,).
    Returns (loss, grads) with grads[name] of params[name]'s shape.
    """
    ### BEGIN SOLUTION
    values = {name: [Value(w) for w in np.asarray(array, dtype=float).ravel()]
              for name, array in params.items()}
    D, H = np.shape(params["W1"])
    C = np.shape(params["W2"])[1]
    W1 = [values["W1"][i * H:(i + 1) * H] for i in range(D)]
    W2 = [values["W2"][j * C:(j + 1) * C] for j in range(H)]
    hidden = []
    for j in range(H):
        total = values["b1"][j]
        for i in range(D):
            total = total + W1[i][j] * float(x[i])
        hidden.append(total.relu())
    scores = []
    for k in range(C):
        total = values["b2"][k]
        for j in range(H):
            total = total + hidden[j] * W2[j][k]
        scores.append(total)
    exps = scores[0].exp()
    for score in scores[1:]:
        exps = exps + score.exp()
    loss = exps.log() - scores[int(t)]
    loss.backward()
    grads = {name: np.array([v.grad for v in values[name]]).reshape(np.shape(params[name]))
             for name in params}
    return loss.data, grads
    ### END SOLUTION


# %% nbgrader={"grade_id": "net_gradient_test", "grade": true, "points": 2}
checking("net_gradient", uses=("Value", "backward", "exp, log, relu, power"), see="lecture 8 (ch08_autograd.ipynb), section “9 · A tiny two-layer network”, then the book's §5.7.2")
### BEGIN HIDDEN TESTS
from autograder.checks import ch08_autograd as hidden
hidden.net_gradient(net_gradient)
### END HIDDEN TESTS
x = np.array([1.0, -2.0])
t = 1
params = {"W1": np.array([[0.5, -0.3, 0.8], [0.2, 0.4, -0.6]]), "b1": np.array([0.1, 0.0, -0.1]),
          "W2": np.array([[0.3, -0.2], [-0.5, 0.6], [0.7, 0.1]]), "b2": np.array([0.0, 0.05])}
loss, grads = net_gradient(x, t, params)
check_close("loss", loss, 1.4556061301430114,
            hint="L = ln(Σ e^s) − s_t, with the ReLU on the hidden units")
check_close("∂L/∂b2", grads["b2"], [0.76674106, -0.76674106], rtol=1e-6)
check_close("∂L/∂W1[:, 1] (the hidden unit that ReLU switched off)", grads["W1"][:, 1], [0.0, 0.0])
for name in ["W1", "b1", "W2", "b2"]:
    numeric = numerical_gradient(lambda w: net_gradient(x, t, params)[0], params[name])
    check_close(f"∂L/∂{name} (compared with the numerical gradient of your own loss)",
                grads[name], numeric, rtol=1e-5, atol=1e-7)

# %% [markdown]
# The same gradients are what chapter 7's `TwoLayerNet.gradient` computes with its layers
# (lecture 8, section 9 compares the two on this very network). The difference: there, every
# layer's `backward` was derived and written by hand; here, you wrote `+`, `×`, `exp`, `log`,
# `relu` and `**` once, and the engine found the order and the sums by itself.
#
# ## Done
#
# Save the notebook and submit it. This is the last lab of the course.
