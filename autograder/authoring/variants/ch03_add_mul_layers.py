"""Variants of lab ch03_add_mul_layers (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

# A broken layer also breaks the graphs built from it: those test cells lose their points too.
LAYER_USERS = {"apple_orange_graph_test": None, "fanout_graph_test": None}
NUMERICAL = "approximates the derivative numerically"
# A numerical layer makes the graphs built from it numerical too, and they say so.
NUMERICAL_LAYER = {"apple_orange_graph_test": NUMERICAL, "fanout_graph_test": NUMERICAL}

VARIANTS = [
    # ---- MulLayer -------------------------------------------------------------------
    mistake("seed002_foward", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def foward(self, x, y):
                self.x = x
                self.y = y

            def backward(self, dout):
                dx = dout * self.y
                dy = dout * self.x
                return dx, dy
        ''', {"mul_layer_test": "You defined `foward`: a typo for `forward`?", **LAYER_USERS},
        origin="seed 002: `def foward` (and no return)"),
    mistake("mul_forward_no_return", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                out = x * y

            def backward(self, dout):
                return dout * self.y, dout * self.x
        ''', {"mul_layer_test": "did you forget `return`?", **LAYER_USERS},
        origin="seed 002: forward without `return out`"),
    mistake("mul_not_swapped", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                dx = dout * self.x
                dy = dout * self.y
                return dx, dy
        ''', {"mul_layer_test": "the inputs of a multiply node must be swapped", **LAYER_USERS}),
    mistake("mul_dout_ignored", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                return self.y, self.x
        ''', {"mul_layer_test": "is not proportional to dout", "apple_orange_graph_test": None}),
    mistake("mul_times_output", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                out = self.x * self.y
                return dout * out, dout * out
        ''', {"mul_layer_test": "multiply dout by the other input only", **LAYER_USERS}),
    mistake("mul_stale_state", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                if self.x is None:
                    self.x = x
                    self.y = y
                return x * y

            def backward(self, dout):
                return dout * self.y, dout * self.x
        ''', {"mul_layer_test": "used values from an earlier forward call"}),
    correct("book_style_mul_layer", "mul_layer", '''
        class MulLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                out = x * y

                return out

            def backward(self, dout):
                dx = dout * self.y  # x와 y를 바꾼다.
                dy = dout * self.x

                return dx, dy
        '''),
    correct("mul_np_multiply_tuple_state", "mul_layer", '''
        class MulLayer:
            """Stores both inputs as one tuple and uses numpy's functions."""

            def __init__(self):
                self.inputs = None

            def forward(self, x, y):
                self.inputs = (x, y)
                return np.multiply(x, y)

            def backward(self, dout):
                x, y = self.inputs
                return np.multiply(dout, y), np.multiply(dout, x)
        '''),
    correct("seed002_init_typo_mul", "mul_layer", '''
        class MulLayer:
            def __init_(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                out = x * y
                return out

            def backward(self, dout):
                dx = dout * self.y
                dy = dout * self.x
                return dx, dy
        '''),

    correct("mul_stores_partners", "mul_layer", '''
        class MulLayer:
            """Stores the inputs already swapped: each gradient is dout times its partner."""

            def __init__(self):
                self.partners = None

            def forward(self, x, y):
                self.partners = (y, x)
                return x * y

            def backward(self, dout):
                return tuple(dout * other for other in self.partners)
        '''),
    mistake("mul_numerical_provided", "mul_layer", '''
        class MulLayer:
            """backward by the provided numerical_gradient of the layer's own forward."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                x = np.array(self.x, dtype=float)
                y = np.array(self.y, dtype=float)
                dx = numerical_gradient(lambda v: np.sum(MulLayer().forward(v, y) * dout), x.copy())
                dy = numerical_gradient(lambda v: np.sum(MulLayer().forward(x, v) * dout), y.copy())
                return dx, dy
        ''', {"mul_layer_test": NUMERICAL, **NUMERICAL_LAYER}),
    mistake("mul_numerical_of_forward", "mul_layer", '''
        class MulLayer:
            """Forward differences through new layers' forward, h = 1e-6."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                h = 1e-6
                out = self.x * self.y
                dx = dout * (MulLayer().forward(self.x + h, self.y) - out) / h
                dy = dout * (MulLayer().forward(self.x, self.y + h) - out) / h
                return dx, dy
        ''', {"mul_layer_test": NUMERICAL, **NUMERICAL_LAYER}),
    mistake("mul_numerical_inline", "mul_layer", '''
        class MulLayer:
            """Central differences of x·y written out, h = 1e-5: calls nothing, and is right
            to ~1e-10 on ordinary inputs."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x * y

            def backward(self, dout):
                h = 1e-5
                dx = dout * ((self.x + h) * self.y - (self.x - h) * self.y) / (2 * h)
                dy = dout * (self.x * (self.y + h) - self.x * (self.y - h)) / (2 * h)
                return dx, dy
        ''', {"mul_layer_test": NUMERICAL, **NUMERICAL_LAYER}),

    # ---- AddLayer -------------------------------------------------------------------
    mistake("seed002_backward_out", "add_layer", '''
        class AddLayer:
            def __init_(self):
                pass

            def forward(self, x, y):
                out = x + y
                return out

            def backward(self, out):
                dx = dout * 1
                dy = dout * 1
                return dx, dy
        ''', {"add_layer_test": "the parameters are (out)", **LAYER_USERS},
        origin="seed 002: `backward(self, out)` using `dout` (and `__init_`)"),
    mistake("add_global_dout", "add_layer", '''
        dout = 1.0  # left over from an experiment

        class AddLayer:
            def forward(self, x, y):
                return x + y

            def backward(self, out):
                return dout * 1, dout * 1
        ''', {"add_layer_test": "is not proportional to dout", **LAYER_USERS},
        origin="seed 002's `backward(self, out)` where a global `dout` exists"),
    mistake("add_twice", "add_layer", '''
        class AddLayer:
            def forward(self, x, y):
                return x + y

            def backward(self, dout):
                return 2 * dout, 2 * dout
        ''', {"add_layer_test": "passes dout through unchanged", **LAYER_USERS}),
    mistake("add_multiply_rule", "add_layer", '''
        class AddLayer:
            def forward(self, x, y):
                self.x, self.y = x, y
                return x + y

            def backward(self, dout):
                return dout * self.y, dout * self.x
        ''', {"add_layer_test": "that is the multiply node's rule", **LAYER_USERS}),
    mistake("add_ones", "add_layer", '''
        class AddLayer:
            def forward(self, x, y):
                self.shape = np.shape(x)
                return x + y

            def backward(self, dout):
                return np.ones(self.shape), np.ones(self.shape)
        ''', {"add_layer_test": "is not proportional to dout", **LAYER_USERS}),
    mistake("add_forward_no_return", "add_layer", '''
        class AddLayer:
            def forward(self, x, y):
                out = x + y

            def backward(self, dout):
                return dout, dout
        ''', {"add_layer_test": "did you forget `return`?", **LAYER_USERS}),
    correct("book_style_add_layer", "add_layer", '''
        class AddLayer:
            def __init__(self):
                pass

            def forward(self, x, y):
                out = x + y

                return out

            def backward(self, dout):
                dx = dout * 1
                dy = dout * 1

                return dx, dy
        '''),
    correct("add_returns_dout_itself", "add_layer", '''
        class AddLayer:
            def forward(self, x, y):
                return x + y

            def backward(self, dout):
                return dout, dout
        '''),
    correct("add_numpy_copies", "add_layer", '''
        class AddLayer:
            """Returns independent copies, so a later in-place change cannot leak."""

            def forward(self, x, y):
                return np.add(x, y)

            def backward(self, dout):
                return np.array(dout, dtype=float), np.array(dout, dtype=float)
        '''),

    correct("add_times_ones_like", "add_layer", '''
        class AddLayer:
            """The local derivative 1 written as an array of ones, times dout."""

            def forward(self, x, y):
                return x + y

            def backward(self, dout):
                one = np.ones_like(dout)
                return dout * one, dout * one
        '''),
    mistake("add_numerical_provided", "add_layer", '''
        class AddLayer:
            """backward by the provided numerical_gradient of the layer's own forward."""

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x + y

            def backward(self, dout):
                x = np.array(self.x, dtype=float)
                y = np.array(self.y, dtype=float)
                dx = numerical_gradient(lambda v: np.sum(AddLayer().forward(v, y) * dout), x.copy())
                dy = numerical_gradient(lambda v: np.sum(AddLayer().forward(x, v) * dout), y.copy())
                return dx, dy
        ''', {"add_layer_test": NUMERICAL, **NUMERICAL_LAYER}),
    mistake("add_numerical_inline", "add_layer", '''
        class AddLayer:
            """Central differences of x + y written out, h = 1e-4."""

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x + y

            def backward(self, dout):
                h = 1e-4
                f = lambda a, b: a + b
                dx = dout * (f(self.x + h, self.y) - f(self.x - h, self.y)) / (2 * h)
                dy = dout * (f(self.x, self.y + h) - f(self.x, self.y - h)) / (2 * h)
                return dx, dy
        ''', {"add_layer_test": NUMERICAL, **NUMERICAL_LAYER}),

    # ---- apple_orange_graph -----------------------------------------------------------
    mistake("bill_formulas_no_layers", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            price = (apple * apple_num + orange * orange_num) * tax
            return price, {"apple": apple_num * tax, "apple_num": apple * tax,
                           "orange": orange_num * tax, "orange_num": orange * tax,
                           "tax": apple * apple_num + orange * orange_num}
        ''', {"apple_orange_graph_test": "should be built from layers"}),
    mistake("bill_tax_apples_only", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            apple_price = mul_apple.forward(apple, apple_num)
            orange_price = mul_orange.forward(orange, orange_num)
            price = mul_tax.forward(add.forward(apple_price, orange_price), tax)
            dall, _ = mul_tax.backward(1.0)
            da, do = add.backward(dall)
            dapple, dapple_num = mul_apple.backward(da)
            dorange, dorange_num = mul_orange.backward(do)
            return price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange,
                           "orange_num": dorange_num, "tax": apple_price}
        ''', {"apple_orange_graph_test": "the whole bill before tax (apples AND oranges)"}),
    mistake("bill_skips_tax_node", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            all_price = add.forward(mul_apple.forward(apple, apple_num),
                                    mul_orange.forward(orange, orange_num))
            price = mul_tax.forward(all_price, tax)
            _, dtax = mul_tax.backward(1.0)
            da, do = add.backward(1.0)
            dapple, dapple_num = mul_apple.backward(da)
            dorange, dorange_num = mul_orange.backward(do)
            return price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange,
                           "orange_num": dorange_num, "tax": dtax}
        ''', {"apple_orange_graph_test": "missing the tax"}),
    mistake("bill_reused_mul_layer", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_fruit, add, mul_tax = MulLayer(), AddLayer(), MulLayer()
            apple_price = mul_fruit.forward(apple, apple_num)
            orange_price = mul_fruit.forward(orange, orange_num)
            price = mul_tax.forward(add.forward(apple_price, orange_price), tax)
            dall, dtax = mul_tax.backward(1.0)
            da, do = add.backward(dall)
            dorange, dorange_num = mul_fruit.backward(do)
            dapple, dapple_num = mul_fruit.backward(da)
            return price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange,
                           "orange_num": dorange_num, "tax": dtax}
        ''', {"apple_orange_graph_test": "one layer object per node"}),
    mistake("bill_swapped_apple_grads", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            apple_price = mul_apple.forward(apple, apple_num)
            orange_price = mul_orange.forward(orange, orange_num)
            price = mul_tax.forward(add.forward(apple_price, orange_price), tax)
            dall, dtax = mul_tax.backward(1.0)
            da, do = add.backward(dall)
            dapple_num, dapple = mul_apple.backward(da)
            dorange, dorange_num = mul_orange.backward(do)
            return price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange,
                           "orange_num": dorange_num, "tax": dtax}
        ''', {"apple_orange_graph_test": "in the order of its inputs"}),
    mistake("bill_forward_only", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            apple_price = mul_apple.forward(apple, apple_num)
            orange_price = mul_orange.forward(orange, orange_num)
            all_price = add.forward(apple_price, orange_price)
            price = mul_tax.forward(all_price, tax)
            return price, {"apple": apple_num * tax, "apple_num": apple * tax,
                           "orange": orange_num * tax, "orange_num": orange * tax,
                           "tax": all_price}
        ''', {"apple_orange_graph_test": "not every MulLayer ran backward"}),
    correct("bill_layer_list_loop", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            """The layers in a dict, backward in reversed order of creation."""
            layers = {"apple": MulLayer(), "orange": MulLayer(), "fruit": AddLayer(), "tax": MulLayer()}
            a = layers["apple"].forward(apple, apple_num)
            o = layers["orange"].forward(orange, orange_num)
            price = layers["tax"].forward(layers["fruit"].forward(a, o), tax)
            grads = {}
            dfruit, grads["tax"] = layers["tax"].backward(1)
            da, do = layers["fruit"].backward(dfruit)
            grads["apple"], grads["apple_num"] = layers["apple"].backward(da)
            grads["orange"], grads["orange_num"] = layers["orange"].backward(do)
            return price, grads
        '''),
    correct("bill_oranges_first", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            mul_orange, mul_apple, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            orange_price = mul_orange.forward(orange, orange_num)
            apple_price = mul_apple.forward(apple, apple_num)
            price = mul_tax.forward(add.forward(apple_price, orange_price), tax)
            dall, dtax = mul_tax.backward(np.ones_like(np.asarray(price, dtype=float)))
            dapple_price, dorange_price = add.backward(dall)
            dorange, dorange_num = mul_orange.backward(dorange_price)
            dapple, dapple_num = mul_apple.backward(dapple_price)
            return price, dict(apple=dapple, apple_num=dapple_num, orange=dorange,
                               orange_num=dorange_num, tax=dtax)
        '''),

    correct("bill_grads_zipped", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            """The book's graph; the gradients collected by zipping names with backward's pairs."""
            mul_apple, mul_orange, add_fruit, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            apple_price = mul_apple.forward(apple, apple_num)
            orange_price = mul_orange.forward(orange, orange_num)
            price = mul_tax.forward(add_fruit.forward(apple_price, orange_price), tax)
            dall_price, dtax = mul_tax.backward(1)
            dapple_price, dorange_price = add_fruit.backward(dall_price)
            grads = dict(zip(["apple", "apple_num"], mul_apple.backward(dapple_price)))
            grads.update(zip(["orange", "orange_num"], mul_orange.backward(dorange_price)))
            grads["tax"] = dtax
            return price, grads
        '''),
    mistake("bill_numerical_provided", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            """The price from layers; every gradient by the provided numerical_gradient."""
            def bill(a, an, o, on, t):
                mul_a, mul_o, add, mul_t = MulLayer(), MulLayer(), AddLayer(), MulLayer()
                return mul_t.forward(add.forward(mul_a.forward(a, an), mul_o.forward(o, on)), t)

            inputs = [np.array(v, dtype=float) for v in (apple, apple_num, orange, orange_num, tax)]
            grads = {}
            for i, name in enumerate(["apple", "apple_num", "orange", "orange_num", "tax"]):
                def f(v, i=i):
                    args = list(inputs)
                    args[i] = v
                    return np.sum(bill(*args))
                grads[name] = numerical_gradient(f, inputs[i].copy())
            return bill(apple, apple_num, orange, orange_num, tax), grads
        ''', {"apple_orange_graph_test": NUMERICAL}),
    mistake("bill_numerical_inline", "apple_orange_graph", '''
        def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
            """Layers built and run both ways, but the gradients by central differences of
            the bill written out, h = 1e-5."""
            mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
            all_price = add.forward(mul_apple.forward(apple, apple_num),
                                    mul_orange.forward(orange, orange_num))
            price = mul_tax.forward(all_price, tax)
            dall, _ = mul_tax.backward(1.0)
            da, do = add.backward(dall)
            mul_apple.backward(da)
            mul_orange.backward(do)

            h = 1e-5
            inputs = [apple, apple_num, orange, orange_num, tax]
            bill = lambda a, an, o, on, t: (a * an + o * on) * t
            grads = {}
            for i, name in enumerate(["apple", "apple_num", "orange", "orange_num", "tax"]):
                plus, minus = list(inputs), list(inputs)
                plus[i] = inputs[i] + h
                minus[i] = inputs[i] - h
                grads[name] = (bill(*plus) - bill(*minus)) / (2 * h)
            return price, grads
        ''', {"apple_orange_graph_test": NUMERICAL}),

    # ---- fanout_graph -------------------------------------------------------------------
    mistake("fanout_layers_overwrite", "fanout_graph", '''
        def fanout_graph(a, b, c):
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dx, dy = mul.backward(1.0)
            da, db = add_ab.backward(dx)
            db, dc = add_bc.backward(dy)
            return f, da, db, dc
        ''', {"fanout_graph_test": "only the gradient through b+c"}),
    mistake("fanout_layers_first_path", "fanout_graph", '''
        def fanout_graph(a, b, c):
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dx, dy = mul.backward(1.0)
            da, db = add_ab.backward(dx)
            _, dc = add_bc.backward(dy)
            return f, da, db, dc
        ''', {"fanout_graph_test": "only the gradient through a+b"}),
    mistake("fanout_layers_product", "fanout_graph", '''
        def fanout_graph(a, b, c):
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dx, dy = mul.backward(1.0)
            da, db1 = add_ab.backward(dx)
            db2, dc = add_bc.backward(dy)
            return f, da, db1 * db2, dc
        ''', {"fanout_graph_test": "they do not multiply"}),
    mistake("fanout_formulas_no_layers", "fanout_graph", '''
        def fanout_graph(a, b, c):
            return (a + b) * (b + c), b + c, a + 2 * b + c, a + b
        ''', {"fanout_graph_test": "should be built from layers"}),
    mistake("fanout_layers_swapped_ac", "fanout_graph", '''
        def fanout_graph(a, b, c):
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dy, dx = mul.backward(1.0)
            da, db1 = add_ab.backward(dx)
            db2, dc = add_bc.backward(dy)
            return f, da, db1 + db2, dc
        ''', {"fanout_graph_test": "the OTHER factor of the multiply node"}),
    correct("fanout_accumulate", "fanout_graph", '''
        def fanout_graph(a, b, c):
            """Accumulates gradients in a dict, as an autograd engine does."""
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            grad = {"a": 0.0, "b": 0.0, "c": 0.0}
            dx, dy = mul.backward(1.0)
            da, db = add_ab.backward(dx)
            grad["a"] += da
            grad["b"] += db
            db, dc = add_bc.backward(dy)
            grad["b"] += db
            grad["c"] += dc
            return f, grad["a"], grad["b"], grad["c"]
        '''),
    correct("fanout_backward_other_order", "fanout_graph", '''
        def fanout_graph(a, b, c):
            layers = [AddLayer(), AddLayer(), MulLayer()]
            x = layers[0].forward(a, b)
            y = layers[1].forward(b, c)
            f = layers[2].forward(x, y)
            dx, dy = layers[2].backward(1)
            db_y, dc = layers[1].backward(dy)
            da, db_x = layers[0].backward(dx)
            return f, da, db_y + db_x, dc
        '''),
    correct("fanout_np_add", "fanout_graph", '''
        def fanout_graph(a, b, c):
            """The book's style, the two gradients of b summed with np.add."""
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dx, dy = mul.backward(1.0)
            da, db_from_x = add_ab.backward(dx)
            db_from_y, dc = add_bc.backward(dy)
            return f, da, np.add(db_from_x, db_from_y), dc
        '''),
    mistake("fanout_numerical_provided", "fanout_graph", '''
        def fanout_graph(a, b, c):
            """f from layers; its gradients by the provided numerical_gradient."""
            def f_of(a, b, c):
                add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
                return mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))

            inputs = [np.array(v, dtype=float) for v in (a, b, c)]
            grads = []
            for i in range(3):
                def f(v, i=i):
                    args = list(inputs)
                    args[i] = v
                    return np.sum(f_of(*args))
                grads.append(numerical_gradient(f, inputs[i].copy()))
            return (f_of(a, b, c), *grads)
        ''', {"fanout_graph_test": NUMERICAL}),
    mistake("fanout_numerical_inline", "fanout_graph", '''
        def fanout_graph(a, b, c):
            """Layers built and run both ways, but the gradients by central differences of
            (a + b)(b + c) written out, h = 1e-5."""
            add_ab, add_bc, mul = AddLayer(), AddLayer(), MulLayer()
            f = mul.forward(add_ab.forward(a, b), add_bc.forward(b, c))
            dx, dy = mul.backward(1.0)
            add_ab.backward(dx)
            add_bc.backward(dy)

            h = 1e-5
            g = lambda a, b, c: (a + b) * (b + c)
            return (f, (g(a + h, b, c) - g(a - h, b, c)) / (2 * h),
                    (g(a, b + h, c) - g(a, b - h, c)) / (2 * h),
                    (g(a, b, c + h) - g(a, b, c - h)) / (2 * h))
        ''', {"fanout_graph_test": NUMERICAL}),

    # ---- DivLayer (derive it yourself) ------------------------------------------------
    mistake("div_dy_sign_lost", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                dx = dout / self.y
                dy = dout * self.x / self.y ** 2
                return dx, dy
        ''', {"div_layer_test": "a minus sign was lost"}),
    mistake("div_dy_no_square", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                return dout / self.y, -dout * self.x / self.y
        ''', {"div_layer_test": "dy is off by a factor of y"}),
    mistake("div_dy_over_x", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                return dout / self.y, dout / self.x
        ''', {"div_layer_test": "a 1/x appears nowhere"}),
    mistake("div_multiply_rule", "div_layer", '''
        class DivLayer:
            """The multiply node's backward copied: dout times the other input."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                return dout * self.y, dout * self.x
        ''', {"div_layer_test": "that is the multiply node's rule"}),
    mistake("div_swapped_order", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                dx = dout / self.y
                dy = -dout * self.x / self.y ** 2
                return dy, dx
        ''', {"div_layer_test": "came back in the wrong order"}),
    mistake("div_dy_forgot_x", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                return dout / self.y, -dout / self.y ** 2
        ''', {"div_layer_test": "dy is missing the factor x"}),
    mistake("div_dy_output_squared", "div_layer", '''
        class DivLayer:
            """Lecture 1's −y² for the '/' node, with y read as the divisor (it is the output)."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                return dout / self.y, dout * self.x * (-self.y ** 2)
        ''', {"div_layer_test": "the square of that node's OUTPUT"}),
    mistake("div_inputs_not_saved", "div_layer", '''
        class DivLayer:
            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                out = x / y
                return out

            def backward(self, dout):
                return dout / self.y, -dout * self.x / self.y ** 2
        ''', {"div_layer_test": "forward must store what backward needs"}),
    mistake("div_numerical_provided", "div_layer", '''
        class DivLayer:
            """backward by the provided numerical_gradient of the layer's own forward."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                x = np.array(self.x, dtype=float)
                y = np.array(self.y, dtype=float)
                dx = numerical_gradient(lambda v: np.sum(DivLayer().forward(v, y) * dout), x.copy())
                dy = numerical_gradient(lambda v: np.sum(DivLayer().forward(x, v) * dout), y.copy())
                return dx, dy
        ''', {"div_layer_test": NUMERICAL}),
    mistake("div_numerical_of_forward", "div_layer", '''
        class DivLayer:
            """Central differences through new layers' forward, h = 1e-5."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                h = 1e-5
                x, y = self.x, self.y
                dx = dout * (DivLayer().forward(x + h, y) - DivLayer().forward(x - h, y)) / (2 * h)
                dy = dout * (DivLayer().forward(x, y + h) - DivLayer().forward(x, y - h)) / (2 * h)
                return dx, dy
        ''', {"div_layer_test": NUMERICAL}),
    mistake("div_numerical_inline", "div_layer", '''
        class DivLayer:
            """Central differences of x / y written out, h = 1e-6: calls nothing, and is right
            to ~1e-9 on ordinary inputs."""

            def __init__(self):
                self.x = None
                self.y = None

            def forward(self, x, y):
                self.x = x
                self.y = y
                return x / y

            def backward(self, dout):
                h = 1e-6
                x, y = self.x, self.y
                dx = dout * ((x + h) / y - (x - h) / y) / (2 * h)
                dy = dout * (x / (y + h) - x / (y - h)) / (2 * h)
                return dx, dy
        ''', {"div_layer_test": NUMERICAL}),
    correct("div_via_output", "div_layer", '''
        class DivLayer:
            """Keeps its output, as the lecture's '/' node does: dy from out = x / y."""

            def __init__(self):
                self.y = None
                self.out = None

            def forward(self, x, y):
                self.y = y
                self.out = x / y
                return self.out

            def backward(self, dout):
                dx = dout / self.y
                dy = -dout * self.out / self.y
                return dx, dy
        '''),
    correct("div_via_reciprocal", "div_layer", '''
        class DivLayer:
            """x / y as x · (1/y): a multiply node after a reciprocal node, chained by hand."""

            def __init__(self):
                self.x = None
                self.r = None

            def forward(self, x, y):
                self.x = x
                self.r = 1 / y               # the reciprocal node's output
                return x * self.r

            def backward(self, dout):
                dx = dout * self.r           # multiply node: x's partner is r
                dr = dout * self.x           # ... and r's partner is x
                dy = dr * (-self.r ** 2)     # reciprocal node: -1/y² = -r²
                return dx, dy
        '''),
    correct("div_np_functions", "div_layer", '''
        class DivLayer:
            """numpy's functions, both inputs kept as one tuple."""

            def __init__(self):
                self.inputs = None

            def forward(self, x, y):
                self.inputs = (x, y)
                return np.divide(x, y)

            def backward(self, dout):
                x, y = self.inputs
                dx = np.divide(dout, y)
                dy = np.negative(np.divide(np.multiply(dout, x), np.square(y)))
                return dx, dy
        '''),
    correct("div_from_layers", "div_layer", '''
        class DivLayer:
            """Built from the lab's MulLayer and a small reciprocal step."""

            def __init__(self):
                self.mul = MulLayer()
                self.r = None

            def forward(self, x, y):
                self.r = 1.0 / y
                return self.mul.forward(x, self.r)

            def backward(self, dout):
                dx, dr = self.mul.backward(dout)
                return dx, -dr * self.r * self.r
        '''),
]
