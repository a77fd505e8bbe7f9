"""Variants of lab ch01_computational_graph (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

VARIANTS = [
    # ---- apple_orange_forward -------------------------------------------------------------
    mistake("forward_no_tax", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            apple_price = apple * apple_num
            orange_price = orange * orange_num
            all_price = apple_price + orange_price
            return {"apple_price": apple_price, "orange_price": orange_price,
                    "all_price": all_price, "price": all_price}
        ''', {"apple_orange_forward_test": "price is missing the tax"}),
    mistake("forward_prices_multiplied", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            apple_price = apple * apple_num
            orange_price = orange * orange_num
            all_price = apple_price * orange_price
            return {"apple_price": apple_price, "orange_price": orange_price,
                    "all_price": all_price, "price": all_price * tax}
        ''', {"apple_orange_forward_test": "the node between them is an add node"}),
    mistake("forward_apples_only", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            apple_price = apple * apple_num
            orange_price = orange * orange_num
            return {"apple_price": apple_price, "orange_price": orange_price,
                    "all_price": apple_price + orange_price, "price": apple_price * tax}
        ''', {"apple_orange_forward_test": "price leaves out the oranges"}),
    mistake("forward_price_only", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            return {"price": (apple * apple_num + orange * orange_num) * tax}
        ''', {"apple_orange_forward_test": "without the key(s) ['apple_price', 'orange_price', 'all_price']"}),
    mistake("forward_tuple", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            apple_price = apple * apple_num
            orange_price = orange * orange_num
            all_price = apple_price + orange_price
            return apple_price, orange_price, all_price, all_price * tax
        ''', {"apple_orange_forward_test": "should return a dict"}),
    mistake("forward_no_return", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            values = {"apple_price": apple * apple_num, "orange_price": orange * orange_num}
            values["all_price"] = values["apple_price"] + values["orange_price"]
            values["price"] = values["all_price"] * tax
        ''', {"apple_orange_forward_test": "returned NoneType"}),
    correct("forward_numpy_functions", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            values = {"apple_price": np.multiply(apple, apple_num),
                      "orange_price": np.multiply(orange, orange_num)}
            values["all_price"] = np.add(values["apple_price"], values["orange_price"])
            values["price"] = np.multiply(values["all_price"], tax)
            return values
        '''),
    correct("forward_via_graph_table", "apple_orange_forward", '''
        def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
            values = dict(apple=apple, apple_num=apple_num, orange=orange,
                          orange_num=orange_num, tax=tax)
            for name, op, a, b in [("apple_price", "mul", "apple", "apple_num"),
                                   ("orange_price", "mul", "orange", "orange_num"),
                                   ("all_price", "add", "apple_price", "orange_price"),
                                   ("price", "mul", "all_price", "tax")]:
                values[name] = values[a] * values[b] if op == "mul" else values[a] + values[b]
            return values
        '''),

    # ---- evaluate_graph -----------------------------------------------------------------
    mistake("evaluate_mutates_inputs", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = inputs
            for name, op, arguments in graph:
                values[name] = OPS[op](*[values[a] for a in arguments])
            return values
        ''', {"evaluate_graph_test": "changed the caller's `inputs` dict"}),
    mistake("evaluate_reversed", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = dict(inputs)
            for name, op, arguments in reversed(graph):
                values[name] = OPS[op](*[values[a] for a in arguments])
            return values
        ''', {"evaluate_graph_test": "raised KeyError"}),
    mistake("evaluate_nodes_only", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values, nodes = dict(inputs), {}
            for name, op, arguments in graph:
                values[name] = nodes[name] = OPS[op](*[values[a] for a in arguments])
            return nodes
        ''', {"evaluate_graph_test": "returned a dict without the key(s) ['a', 'b', 'c']"}),
    mistake("evaluate_returns_last", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = dict(inputs)
            for name, op, arguments in graph:
                values[name] = OPS[op](*[values[a] for a in arguments])
            return values[graph[-1][0]]
        ''', {"evaluate_graph_test": "should return a dict"}),
    mistake("evaluate_first_argument_twice", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = dict(inputs)
            for name, op, arguments in graph:
                first = values[arguments[0]]
                values[name] = OPS[op](first) if len(arguments) == 1 else OPS[op](first, first)
            return values
        ''', {"evaluate_graph_test": "used its first argument twice"}),
    mistake("evaluate_from_inputs_only", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = dict(inputs)
            for name, op, arguments in graph:
                values[name] = OPS[op](*[inputs.get(a, 0.0) for a in arguments])
            return values
        ''', {"evaluate_graph_test": "which holds only the graph's inputs"}),
    correct("evaluate_recursive", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            """Recursive, memoised: computes each node when it is first needed."""
            nodes = {name: (op, arguments) for name, op, arguments in graph}
            values = {}

            def value(name):
                if name not in values:
                    if name in inputs:
                        values[name] = inputs[name]
                    else:
                        op, arguments = nodes[name]
                        values[name] = OPS[op](*map(value, arguments))
                return values[name]

            for name in list(inputs) + list(nodes):
                value(name)
            return values
        '''),
    correct("evaluate_unpacked_copy", "evaluate_graph", '''
        def evaluate_graph(graph, inputs):
            values = {**inputs}
            for node in graph:
                name, op, arguments = node
                function = OPS[op]
                values[name] = function(*[values[a] for a in arguments])
            return values
        '''),

    # ---- local derivatives ---------------------------------------------------------------
    mistake("seed000_reciprocal_sign", "local_derivatives", '''
        def d_square(x):
            return 2 * x

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return 1 / x ** 2

        def d_negate(x):
            return -np.ones_like(x, dtype=float)
        ''', {"local_derivatives_test": "the minus sign is missing"},
        origin="seed 000, eq. 5.10: ∂y/∂x = 1/x² for y = 1/x"),
    mistake("square_returns_output", "local_derivatives", '''
        def d_square(x):
            return x ** 2

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            return -np.ones_like(x, dtype=float)
        ''', {"local_derivatives_test": "you returned the node's output x²"}),
    mistake("square_missing_factor_2", "local_derivatives", '''
        def d_square(x):
            return x

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            return -np.ones_like(x, dtype=float)
        ''', {"local_derivatives_test": "the factor 2 is missing"}),
    mistake("exp_negative_exponent", "local_derivatives", '''
        def d_square(x):
            return 2 * x

        def d_exp(x):
            return np.exp(-x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            return -np.ones_like(x, dtype=float)
        ''', {"local_derivatives_test": "not e⁻ˣ"}),
    mistake("negate_sign_lost", "local_derivatives", '''
        def d_square(x):
            return 2 * x

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            return 1
        ''', {"local_derivatives_test": "d(−x)/dx = −1, not +1"}),
    mistake("negate_returns_output", "local_derivatives", '''
        def d_square(x):
            return 2 * x

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            return -x
        ''', {"local_derivatives_test": "you returned the node's output −x"}),
    correct("local_in_terms_of_output", "local_derivatives", '''
        def d_square(x):
            return x + x

        def d_exp(x):
            y = np.exp(x)
            return y

        def d_reciprocal(x):
            y = 1 / x
            return -y ** 2

        def d_negate(x):
            return -1
        '''),
    correct("local_numpy_power", "local_derivatives", '''
        def d_square(x):
            return np.multiply(2.0, x)

        def d_exp(x):
            return np.exp(np.asarray(x, dtype=float))

        def d_reciprocal(x):
            return -np.power(np.asarray(x, dtype=float), -2)

        def d_negate(x):
            return np.full(np.shape(x), -1.0)
        '''),
    correct("local_via_ops_table", "local_derivatives", '''
        def d_square(x):
            return OPS["mul"](2.0, x)

        def d_exp(x):
            return OPS["exp"](x)            # the exp node's own output, at x itself

        def d_reciprocal(x):
            return -OPS["reciprocal"](x) * OPS["reciprocal"](x)   # −y², y from the node

        def d_negate(x):
            return OPS["negate"](np.ones_like(x, dtype=float))
        '''),
    correct("local_python_powers", "local_derivatives", '''
        def d_square(x):
            return 2.0 * x

        def d_exp(x):
            return np.e ** x

        def d_reciprocal(x):
            return -x ** -2.0

        def d_negate(x):
            return 0 * x - 1
        '''),
    mistake("local_numerical_ops_table", "local_derivatives", '''
        def _slope(op, x, h=1e-5):
            """The central difference of the notebook's own node: right to ~1e-10."""
            return (OPS[op](x + h) - OPS[op](x - h)) / (2 * h)

        def d_square(x):
            return _slope("square", x)

        def d_exp(x):
            return _slope("exp", x)

        def d_reciprocal(x):
            return _slope("reciprocal", x)

        def d_negate(x):
            return _slope("negate", x)
        ''', {"local_derivatives_test": "approximates the derivative numerically"}),
    mistake("local_numerical_inline_five_point", "local_derivatives", '''
        def _five_point(f, x, h=1e-3):
            """A five-point stencil written out, with its own functions: calls nothing of the
            notebook, and is right to ~1e-12 at ordinary x."""
            return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)

        def d_square(x):
            return _five_point(lambda v: v * v, x)

        def d_exp(x):
            return _five_point(np.exp, x)

        def d_reciprocal(x):
            return _five_point(lambda v: 1 / v, x)

        def d_negate(x):
            return _five_point(lambda v: -v, x)
        ''', {"local_derivatives_test": "approximates the derivative numerically"}),
    mistake("local_numerical_negate_power_of_two_step", "local_derivatives", '''
        def d_square(x):
            return 2 * x

        def d_exp(x):
            return np.exp(x)

        def d_reciprocal(x):
            return -1 / x ** 2

        def d_negate(x):
            h = 2.0 ** -20      # x ± h exact for ordinary x: the quotient is exactly −1 there
            return (-(x + h) - -(x - h)) / (2 * h)
        ''', {"local_derivatives_test": "approximates the derivative numerically"}),
]
