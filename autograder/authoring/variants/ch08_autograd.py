"""Variants of lab ch08_autograd (see autograder/authoring/variants/__init__.py).

Most variants are the reference answer with one slip: ``_edit`` replaces one piece of the
reference cell (and fails loudly when the piece is not there, so a changed reference cannot
silently turn a mistake into the reference)."""
from autograder.authoring.variants import correct, mistake

NUMERICAL = "approximates the derivative numerically"
FIX_VALUE = "Fix Value (+ and *) first"
FIX_BACKWARD = "Fix backward first"
FIX_OPS = "Fix exp, log, relu or ** first"

VALUE = '''
class Value:
    def __init__(self, data, parents=(), local_grads=()):
        self.data = np.array(data, dtype=float) if isinstance(data, np.ndarray) else float(data)
        self.grad = np.zeros_like(self.data)
        self.parents = tuple(parents)
        self.local_grads = tuple(local_grads)

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other
'''

BACKWARD = '''
def topological_order(output):
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


def backward(self):
    order = topological_order(self)
    for node in order:
        node.grad = np.zeros_like(node.data)
    self.grad = np.ones_like(self.data)
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad = parent.grad + local * node.grad


Value.backward = backward
'''

OPS_TAIL = '''

def _as_value(other):
    return other if isinstance(other, Value) else Value(other)


Value.exp, Value.log, Value.relu, Value.__pow__ = exp, log, relu, power
Value.__neg__ = lambda self: self * -1.0
Value.__sub__ = lambda self, other: self + (-_as_value(other))
Value.__rsub__ = lambda self, other: _as_value(other) + (-self)
Value.__truediv__ = lambda self, other: self * _as_value(other) ** -1
Value.__rtruediv__ = lambda self, other: _as_value(other) * self ** -1
'''

OPS = '''
def exp(self):
    out = np.exp(self.data)
    return Value(out, (self,), (out,))


def log(self):
    return Value(np.log(self.data), (self,), (1.0 / self.data,))


def relu(self):
    return Value(np.maximum(self.data, 0.0), (self,), ((self.data > 0) * 1.0,))


def power(self, k):
    return Value(self.data ** k, (self,), (k * self.data ** (k - 1),))
''' + OPS_TAIL

GRAPHS = '''
def apple_orange_engine(apple, apple_num, orange, orange_num, tax):
    inputs = {"apple": Value(apple), "apple_num": Value(apple_num), "orange": Value(orange),
              "orange_num": Value(orange_num), "tax": Value(tax)}
    v = inputs
    price = (v["apple"] * v["apple_num"] + v["orange"] * v["orange_num"]) * v["tax"]
    price.backward()
    return price.data, {name: value.grad for name, value in inputs.items()}


def fanout_engine(a, b, c):
    a, b, c = Value(a), Value(b), Value(c)
    f = (a + b) * (b + c)
    f.backward()
    return f.data, a.grad, b.grad, c.grad
'''

NET = '''
def net_gradient(x, t, params):
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
'''


def _edit(code: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        if old not in code:
            raise ValueError(f"variant edit: {old!r} is not in the reference")
        code = code.replace(old, new)
    return code


# The engine's cells build on each other: a broken + or * breaks the graphs and the network
# (each names Value as the root cause), a broken backward the same, a broken node the network.
VALUE_USERS = {"engine_graphs_test": FIX_VALUE, "net_gradient_test": FIX_VALUE}
BACKWARD_USERS = {"engine_graphs_test": FIX_BACKWARD, "net_gradient_test": FIX_BACKWARD}

VARIANTS = [
    # ---- Value: + and * ------------------------------------------------------------------
    mistake("mul_not_swapped", "value", _edit(VALUE, (
        "(other.data, self.data))", "(self.data, other.data))")),
        {"value_test": "local derivatives are swapped", **VALUE_USERS}),
    mistake("add_local_is_other_operand", "value", _edit(VALUE, (
        "(self, other), (1.0, 1.0))", "(self, other), (other.data, self.data))")),
        {"value_test": "that is the multiply node's rule", **VALUE_USERS}),
    mistake("number_not_wrapped", "value", _edit(VALUE, (
        ("        other = other if isinstance(other, Value) else Value(other)\n"
        "        return Value(self.data * other.data"),
        "        return Value(self.data * other.data")),
        {"value_test": "raised AttributeError", "net_gradient_test": FIX_VALUE},
        origin="a number operand used as if it were a Value (2 * a)"),
    mistake("add_returns_data", "value", _edit(VALUE, (
        "return Value(self.data + other.data, (self, other), (1.0, 1.0))",
        "return self.data + other.data")),
        {"value_test": "should be an object", **VALUE_USERS}),
    mistake("radd_multiplies", "value", _edit(VALUE, (
        "    def __radd__(self, other):\n        return self + other",
        "    def __radd__(self, other):\n        return self * other")),
        {"value_test": "__radd__ must add"}),
    mistake("parents_hold_data", "value", _edit(VALUE, (
        "return Value(self.data * other.data, (self, other),",
        "return Value(self.data * other.data, (self.data, other.data),")),
        {"value_test": "`parents` should be (a, b)", "engine_graphs_test": None,
         "net_gradient_test": None}),
    mistake("numerical_local_mul_add", "value", _edit(VALUE, (
        "return Value(self.data + other.data, (self, other), (1.0, 1.0))",
        ("h = 1e-4\n"
        "        da = ((self.data + h + other.data) - (self.data - h + other.data)) / (2 * h)\n"
        "        db = ((self.data + other.data + h) - (self.data + other.data - h)) / (2 * h)\n"
        "        return Value(self.data + other.data, (self, other), (da, db))")), (
        "return Value(self.data * other.data, (self, other), (other.data, self.data))",
        ("h = 1e-4\n"
        "        da = ((self.data + h) * other.data - (self.data - h) * other.data) / (2 * h)\n"
        "        db = (self.data * (other.data + h) - self.data * (other.data - h)) / (2 * h)\n"
        "        return Value(self.data * other.data, (self, other), (da, db))"))),
        # (the network may or may not notice the few 1e-12 this adds: not asserted there)
        {"value_test": NUMERICAL, "engine_graphs_test": NUMERICAL, "net_gradient_test": None}),
    mistake("numerical_gradient_local_mul", "value", _edit(VALUE, (
        "return Value(self.data * other.data, (self, other), (other.data, self.data))",
        ("x, y = np.array(self.data, dtype=float), np.array(other.data, dtype=float)\n"
        "        da = numerical_gradient(lambda v: np.sum(v * y), x)\n"
        "        db = numerical_gradient(lambda v: np.sum(x * v), y)\n"
        "        return Value(self.data * other.data, (self, other), (da, db))"))),
        {"value_test": NUMERICAL, "engine_graphs_test": NUMERICAL,
         "net_gradient_test": NUMERICAL}),
    correct("value_helper_and_lists", "value", _edit(VALUE, (
        ("    def __add__(self, other):\n"
        "        other = other if isinstance(other, Value) else Value(other)\n"
        "        return Value(self.data + other.data, (self, other), (1.0, 1.0))"),
        ("    @staticmethod\n"
        "    def wrap(v):\n"
        "        return v if isinstance(v, Value) else Value(v)\n\n"
        "    def __add__(self, other):\n"
        "        other = Value.wrap(other)\n"
        "        return Value(np.add(self.data, other.data), [self, other], [1, 1])")), (
        ("        other = other if isinstance(other, Value) else Value(other)\n"
        "        return Value(self.data * other.data, (self, other), (other.data, self.data))"),
        ("        other = Value.wrap(other)\n"
        "        return Value(np.multiply(self.data, other.data), [self, other],\n"
        "                     [other.data, self.data])")))),
    correct("value_aliases_and_ones_arrays", "value", _edit(VALUE, (
        "(self, other), (1.0, 1.0))",
        ("(self, other),\n"
        "                     (np.ones_like(self.data), np.ones_like(other.data)))")), (
        ("    def __radd__(self, other):\n        return self + other\n\n"
        "    def __rmul__(self, other):\n        return self * other"),
        "    __radd__ = __add__\n    __rmul__ = __mul__"))),
    correct("value_number_first", "value", _edit(VALUE, (
        ("    def __radd__(self, other):\n        return self + other\n\n"
        "    def __rmul__(self, other):\n        return self * other"),
        ("    def __radd__(self, other):\n        return Value(other) + self\n\n"
        "    def __rmul__(self, other):\n        return Value(other) * self")))),

    # ---- topological_order and backward -------------------------------------------------
    mistake("no_accumulate", "backward", _edit(BACKWARD, (
        "parent.grad = parent.grad + local * node.grad", "parent.grad = local * node.grad")),
        {"backward_test": "must ADD UP", **BACKWARD_USERS},
        origin="= instead of += where a value fans out"),
    mistake("recursive_push_without_order", "backward", _edit(BACKWARD, (
        ("    self.grad = np.ones_like(self.data)\n"
        "    for node in reversed(order):\n"
        "        for parent, local in zip(node.parents, node.local_grads):\n"
        "            parent.grad = parent.grad + local * node.grad\n"),
        ("    self.grad = np.ones_like(self.data)\n\n"
        "    def push(node):\n"
        "        for parent, local in zip(node.parents, node.local_grads):\n"
        "            parent.grad = parent.grad + local * node.grad\n"
        "            push(parent)\n"
        "    push(self)\n"))),
        {"backward_test": "a recursive push", "net_gradient_test": FIX_BACKWARD},
        origin="the backward pass as a recursion from the output, without an order"),
    mistake("no_visited_set", "backward", _edit(BACKWARD, (
        "        if node in visited:\n            return\n        visited.add(node)\n", "")),
        {"backward_test": "lists a value more than once", "net_gradient_test": FIX_BACKWARD}),
    mistake("no_reset", "backward", _edit(BACKWARD, (
        "    for node in order:\n        node.grad = np.zeros_like(node.data)\n", "")),
        {"backward_test": "the second call added onto the gradients of the first"}),
    mistake("no_upstream", "backward", _edit(BACKWARD, (
        "parent.grad = parent.grad + local * node.grad", "parent.grad = parent.grad + local")),
        {"backward_test": "multiply it by the grad", **BACKWARD_USERS}),
    mistake("order_not_reversed", "backward", _edit(BACKWARD, (
        "for node in reversed(order):", "for node in order:")),
        {"backward_test": None, **BACKWARD_USERS}),
    mistake("order_children_first", "backward", _edit(BACKWARD, (
        ("        for parent in node.parents:\n            visit(parent)\n"
        "        order.append(node)\n"),
        ("        order.append(node)\n        for parent in node.parents:\n"
        "            visit(parent)\n"))),
        {"backward_test": "before one of its parents", **BACKWARD_USERS}),
    correct("iterative_stack", "backward", '''
        def topological_order(output):
            order, visited, stack = [], set(), [(output, False)]
            while stack:
                node, expanded = stack.pop()
                if expanded:
                    order.append(node)
                    continue
                if id(node) in visited:
                    continue
                visited.add(id(node))
                stack.append((node, True))
                for parent in reversed(node.parents):
                    if id(parent) not in visited:
                        stack.append((parent, False))
            return order


        def backward(self):
            order = topological_order(self)
            for node in order:
                node.grad = node.data * 0.0
            self.grad = self.data * 0.0 + 1.0
            for node in order[::-1]:
                for i, parent in enumerate(node.parents):
                    parent.grad += node.local_grads[i] * node.grad


        Value.backward = backward
        '''),
    correct("kahn_counting_uses", "backward", '''
        def _all_values(output):
            found, stack, seen = [], [output], set()
            while stack:
                node = stack.pop()
                if id(node) not in seen:
                    seen.add(id(node))
                    found.append(node)
                    stack.extend(node.parents)
            return found


        def topological_order(output):
            nodes = _all_values(output)
            waiting = {id(n): len(set(map(id, n.parents))) for n in nodes}
            users = {id(n): [] for n in nodes}
            for n in nodes:
                for p in {id(p): p for p in n.parents}.values():
                    users[id(p)].append(n)
            ready = [n for n in nodes if waiting[id(n)] == 0]
            order = []
            while ready:
                node = ready.pop()
                order.append(node)
                for user in users[id(node)]:
                    waiting[id(user)] -= 1
                    if waiting[id(user)] == 0:
                        ready.append(user)
            return order


        def backward(self):
            order = topological_order(self)
            for node in order:
                node.grad = np.zeros_like(node.data)
            self.grad = np.ones_like(self.data)
            for node in reversed(order):
                for parent, local in zip(node.parents, node.local_grads):
                    parent.grad = parent.grad + np.multiply(local, node.grad)


        Value.backward = backward
        '''),
    correct("recursive_ids_list", "backward", '''
        def topological_order(output):
            order = []
            visited = []

            def visit(node):
                if any(node is seen for seen in visited):
                    return
                visited.append(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

            visit(output)
            return order


        def backward(self):
            order = topological_order(self)
            for node in order:
                node.grad = np.zeros_like(node.data)
            self.grad = np.ones_like(self.data)
            for node in reversed(order):
                for parent, local in zip(node.parents, node.local_grads):
                    parent.grad += local * node.grad


        Value.backward = backward
        '''),

    # ---- exp, log, relu, ** --------------------------------------------------------------
    mistake("exp_local_is_input", "more_ops", _edit(OPS, (
        "return Value(out, (self,), (out,))", "return Value(out, (self,), (self.data,))")),
        {"more_ops_test": "e^x is its own derivative", "net_gradient_test": FIX_OPS}),
    mistake("log_minus_sign", "more_ops", _edit(OPS, (
        "(1.0 / self.data,)", "(-1.0 / self.data,)")),
        {"more_ops_test": "its local derivative is positive", "net_gradient_test": FIX_OPS}),
    mistake("relu_at_zero_one", "more_ops", _edit(OPS, (
        "((self.data > 0) * 1.0,)", "((self.data >= 0) * 1.0,)")),
        {"more_ops_test": "at exactly 0 the local derivative of relu is 0"},
        origin="x >= 0 instead of x > 0 (chapter 4's convention puts 0 on the off side)"),
    mistake("pow_missing_k", "more_ops", _edit(OPS, (
        "(k * self.data ** (k - 1),)", "(self.data ** (k - 1),)")),
        {"more_ops_test": "the factor k is missing"}),
    mistake("pow_exponent_as_parent", "more_ops", _edit(OPS, (
        "    return Value(self.data ** k, (self,), (k * self.data ** (k - 1),))",
        ("    k = _as_value(k)\n"
        "    return Value(self.data ** k.data, (self, k),\n"
        "                 (k.data * self.data ** (k.data - 1),\n"
        "                  self.data ** k.data * np.log(np.abs(self.data))))"))),
        {"more_ops_test": "the number of parents"}),
    mistake("numerical_local_ops", "more_ops", _edit(OPS, (
        "    out = np.exp(self.data)\n    return Value(out, (self,), (out,))",
        ("    h = 1e-4\n    out = np.exp(self.data)\n"
        "    return Value(out, (self,), ((np.exp(self.data + h) - np.exp(self.data - h)) / (2 * h),))")), (
        "(1.0 / self.data,)", "((np.log(self.data + 1e-4) - np.log(self.data - 1e-4)) / 2e-4,)"), (
        "(k * self.data ** (k - 1),)",
        "(((self.data + 1e-4) ** k - (self.data - 1e-4) ** k) / 2e-4,)"), (
        "((self.data > 0) * 1.0,)",
        "((np.maximum(self.data + 1e-4, 0) - np.maximum(self.data - 1e-4, 0)) / 2e-4,)")),
        {"more_ops_test": NUMERICAL, "net_gradient_test": NUMERICAL}),
    mistake("numerical_gradient_local_exp", "more_ops", _edit(OPS, (
        "    out = np.exp(self.data)\n    return Value(out, (self,), (out,))",
        ("    out = np.exp(self.data)\n"
        "    local = numerical_gradient(lambda v: np.sum(np.exp(v)),\n"
        "                               np.array(self.data, dtype=float))\n"
        "    return Value(out, (self,), (local,))"))),
        {"more_ops_test": NUMERICAL, "net_gradient_test": NUMERICAL}),
    correct("ops_recomputed", "more_ops", _edit(OPS, (
        "    out = np.exp(self.data)\n    return Value(out, (self,), (out,))",
        "    return Value(np.exp(self.data), [self], [np.exp(self.data)])"), (
        "(1.0 / self.data,)", "(self.data ** -1,)"), (
        "((self.data > 0) * 1.0,)", "(np.where(self.data > 0, 1.0, 0.0),)"))),
    correct("ops_heaviside_and_division", "more_ops", _edit(OPS, (
        "((self.data > 0) * 1.0,)", "(np.heaviside(self.data, 0.0),)"), (
        "(1.0 / self.data,)", "(np.reciprocal(self.data),)"), (
        "(k * self.data ** (k - 1),)", "(k * np.power(self.data, k - 1),)"))),
    correct("ops_via_output", "more_ops", _edit(OPS, (
        "    return Value(np.log(self.data), (self,), (1.0 / self.data,))",
        "    out = np.log(self.data)\n    return Value(out, (self,), (1 / self.data,))"), (
        "    return Value(self.data ** k, (self,), (k * self.data ** (k - 1),))",
        ("    k = float(k)\n"
        "    return Value(np.power(self.data, k), (self,), (k * self.data ** (k - 1.0),))")))),

    # ---- the graphs by the engine --------------------------------------------------------
    mistake("fanout_two_values_for_b", "engine_graphs", _edit(GRAPHS, (
        "    a, b, c = Value(a), Value(b), Value(c)\n    f = (a + b) * (b + c)",
        ("    a, b1, b2, c = Value(a), Value(b), Value(b), Value(c)\n"
        "    f = (a + b1) * (b2 + c)\n    b = b1"))),
        {"engine_graphs_test": "holds only one path"},
        origin="b made into a Value twice: the engine sees two inputs"),
    mistake("apple_keys_swapped", "engine_graphs", _edit(GRAPHS, (
        'return price.data, {name: value.grad for name, value in inputs.items()}',
        ('grads = {name: value.grad for name, value in inputs.items()}\n'
        '    grads["apple"], grads["apple_num"] = grads["apple_num"], grads["apple"]\n'
        '    return price.data, grads'))),
        {"engine_graphs_test": None}),
    mistake("returns_values_not_data", "engine_graphs", _edit(GRAPHS, (
        "return f.data, a.grad, b.grad, c.grad", "return f, a, b, c")),
        {"engine_graphs_test": None}),
    mistake("no_backward_call", "engine_graphs", _edit(GRAPHS, (
        "    f.backward()\n", "")),
        {"engine_graphs_test": None}),
    mistake("numerical_gradient_graphs", "engine_graphs", _edit(GRAPHS, (
        "    f.backward()\n    return f.data, a.grad, b.grad, c.grad",
        ("    f.backward()\n"
        "    point = np.array([a.data, b.data, c.data], dtype=float)\n"
        "    if point.ndim == 1:\n"
        "        g = numerical_gradient(lambda p: (p[0] + p[1]) * (p[1] + p[2]), point)\n"
        "        return f.data, g[0], g[1], g[2]\n"
        "    return f.data, a.grad, b.grad, c.grad"))),
        {"engine_graphs_test": NUMERICAL}),
    mistake("central_difference_bill", "engine_graphs", _edit(GRAPHS, (
        '    return price.data, {name: value.grad for name, value in inputs.items()}',
        ('    args = [apple, apple_num, orange, orange_num, tax]\n'
        '    bill = lambda a, an, o, on, t: (a * an + o * on) * t\n'
        '    grads = {}\n'
        '    for i, name in enumerate(inputs):\n'
        '        up, down = list(args), list(args)\n'
        '        up[i], down[i] = args[i] + 1e-4, args[i] - 1e-4\n'
        '        grads[name] = (bill(*up) - bill(*down)) / 2e-4\n'
        '    return price.data, grads'))),
        {"engine_graphs_test": NUMERICAL}),
    correct("graphs_number_first_order", "engine_graphs", _edit(GRAPHS, (
        'price = (v["apple"] * v["apple_num"] + v["orange"] * v["orange_num"]) * v["tax"]',
        'price = v["tax"] * (v["orange"] * v["orange_num"] + v["apple"] * v["apple_num"])'), (
        "f = (a + b) * (b + c)", "f = (b + c) * (a + b)"))),
    correct("graphs_sum_builtin", "engine_graphs", _edit(GRAPHS, (
        'price = (v["apple"] * v["apple_num"] + v["orange"] * v["orange_num"]) * v["tax"]',
        'price = sum([v["apple"] * v["apple_num"], v["orange"] * v["orange_num"]]) * v["tax"]'), (
        "    a, b, c = Value(a), Value(b), Value(c)\n    f = (a + b) * (b + c)",
        ("    a, b, c = (Value(v) for v in (a, b, c))\n    left, right = a + b, b + c\n"
        "    f = left * right")))),
    correct("graphs_named_variables", "engine_graphs", '''
        def apple_orange_engine(apple, apple_num, orange, orange_num, tax):
            apple, apple_num = Value(apple), Value(apple_num)
            orange, orange_num, tax = Value(orange), Value(orange_num), Value(tax)
            apple_price = apple * apple_num
            orange_price = orange * orange_num
            price = (apple_price + orange_price) * tax
            price.backward()
            grads = {"apple": apple.grad, "apple_num": apple_num.grad, "orange": orange.grad,
                     "orange_num": orange_num.grad, "tax": tax.grad}
            return price.data, grads


        def fanout_engine(a, b, c):
            a, b, c = Value(a), Value(b), Value(c)
            f = (a + b) * (b + c)
            f.backward()
            return f.data, a.grad, b.grad, c.grad
        '''),

    # ---- the network by the engine -------------------------------------------------------
    mistake("net_without_relu", "net_gradient", _edit(NET, (
        "hidden.append(total.relu())", "hidden.append(total)")),
        {"net_gradient_test": "without the ReLU"}),
    mistake("net_other_label", "net_gradient", _edit(NET, (
        "scores[int(t)]", "scores[(int(t) + 1) % C]")),
        {"net_gradient_test": "another class"}),
    mistake("net_grads_before_backward", "net_gradient", _edit(NET, (
        "    loss.backward()\n", "")),
        {"net_gradient_test": "all zeros"}),
    mistake("net_loss_without_log", "net_gradient", _edit(NET, (
        "loss = exps.log() - scores[int(t)]", "loss = exps - scores[int(t)]")),
        {"net_gradient_test": "the log of the sum is missing"}),
    mistake("net_numerical_gradient", "net_gradient", NET.replace(
        "    loss.backward()\n    grads = {name: np.array([v.grad for v in values[name]])"
        ".reshape(np.shape(params[name]))\n             for name in params}\n",
        "    grads = {}\n"
        "    for name in params:\n"
        "        copy = {k: np.array(v, dtype=float) for k, v in params.items()}\n"
        "        grads[name] = numerical_gradient(lambda w: _loss(x, t, copy), copy[name])\n") +
        '''

def _loss(x, t, params):
    h = np.maximum(x @ params["W1"] + params["b1"], 0)
    s = h @ params["W2"] + params["b2"]
    return np.log(np.sum(np.exp(s))) - s[t]
''', {"net_gradient_test": NUMERICAL}),
    mistake("net_central_difference_engine", "net_gradient", '''
        def _engine_loss(x, t, params):
            D, H = np.shape(params["W1"])
            C = np.shape(params["W2"])[1]
            hidden = []
            for j in range(H):
                total = Value(params["b1"][j])
                for i in range(D):
                    total = total + Value(params["W1"][i, j]) * float(x[i])
                hidden.append(total.relu())
            scores = []
            for k in range(C):
                total = Value(params["b2"][k])
                for j in range(H):
                    total = total + hidden[j] * Value(params["W2"][j, k])
                scores.append(total)
            exps = scores[0].exp()
            for s in scores[1:]:
                exps = exps + s.exp()
            return (exps.log() - scores[int(t)]).data


        def net_gradient(x, t, params):
            work = {k: np.array(v, dtype=float) for k, v in params.items()}
            grads = {}
            for name in work:
                g = np.zeros_like(work[name])
                for index in np.ndindex(g.shape):
                    keep = work[name][index]
                    work[name][index] = keep + 1e-5
                    up = _engine_loss(x, t, work)
                    work[name][index] = keep - 1e-5
                    down = _engine_loss(x, t, work)
                    work[name][index] = keep
                    g[index] = (up - down) / 2e-5
                grads[name] = g
            marker = Value(0.0)
            marker.backward()
            return _engine_loss(x, t, work), grads
        ''', {"net_gradient_test": NUMERICAL}),
    correct("net_max_shift", "net_gradient", _edit(NET, (
        ("    exps = scores[0].exp()\n    for score in scores[1:]:\n"
        "        exps = exps + score.exp()\n    loss = exps.log() - scores[int(t)]"),
        ("    shift = max(float(s.data) for s in scores)\n"
        "    exps = (scores[0] - shift).exp()\n    for score in scores[1:]:\n"
        "        exps = exps + (score - shift).exp()\n"
        "    loss = exps.log() + shift - scores[int(t)]")))),
    correct("net_sum_builtin", "net_gradient", '''
        def net_gradient(x, t, params):
            P = {k: np.asarray(v, dtype=float) for k, v in params.items()}
            V = {k: np.array([Value(w) for w in a.ravel()], dtype=object).reshape(a.shape)
                 for k, a in P.items()}
            D, H = P["W1"].shape
            C = P["W2"].shape[1]
            hidden = [sum((x[i] * V["W1"][i, j] for i in range(D)), V["b1"][j]).relu()
                      for j in range(H)]
            scores = [sum((hidden[j] * V["W2"][j, k] for j in range(H)), V["b2"][k])
                      for k in range(C)]
            loss = sum(s.exp() for s in scores).log() - scores[t]
            loss.backward()
            grads = {k: np.array([[v.grad for v in row] for row in np.atleast_2d(V[k])])
                     .reshape(P[k].shape) for k in P}
            return float(loss.data), grads
        '''),
    correct("net_negative_log_softmax", "net_gradient", _edit(NET, (
        "    loss = exps.log() - scores[int(t)]",
        "    probability = scores[int(t)].exp() / exps\n    loss = -probability.log()"))),
]
