"""Variants of lab ch03_add_mul_layers (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

# A broken layer also breaks the graphs built from it: those test cells lose their points too.
LAYER_USERS = {"apple_orange_graph_test": None, "fanout_graph_test": None}

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
]
