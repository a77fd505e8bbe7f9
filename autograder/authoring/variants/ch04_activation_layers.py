"""Variants of lab ch04_activation_layers (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

# The first line of the message for the book's Relu (its backward zeroes dout in place).
BOOK_RELU = "book's Relu.backward changes dout in place; this lab's layers must not"

VARIANTS = [
    # ---- Relu -----------------------------------------------------------------------
    mistake("seed004_backward_mutates_dout", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dout[self.mask] = 0
                dx = dout
                return dx
        ''', {"relu_test": "in-place mutation"},
        origin="seed 004 (also seeds 000 and 003): `dout[self.mask] = 0; dx = dout`"),
    mistake("book_style_relu", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dout[self.mask] = 0
                dx = dout
                return dx
        ''', {"relu_test": BOOK_RELU},
        origin="the book's §5.5.1 Relu, as printed (common/layers.py)"),
    mistake("seed003_forward_zeroes_input", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                x[self.mask] = 0
                return x

            def backward(self, dout):
                dx = dout.copy()
                dx[self.mask] = 0
                return dx
        ''', {"relu_test": "Relu.forward changed its input number 1 in place"},
        origin="seed 003: the mask demo `x[mask] = 0` (no copy) used as forward"),
    mistake("seed001_mask_x_lt_0", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x < 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dx = dout.copy()
                dx[self.mask] = 0
                return dx
        ''', {"relu_test": "at exactly 0 the switch is off"},
        origin="seed 001: ReLU written with x ≥ 0 → 1 (mask `x < 0`)"),
    mistake("relu_backward_mask_inverted", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                return np.maximum(x, 0)

            def backward(self, dout):
                return np.where(self.mask, dout, 0.0)
        ''', {"relu_test": "the mask is inverted"}),
    mistake("relu_forward_mask_inverted", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x > 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dx = dout.copy()
                dx[self.mask] = 0
                return dx
        ''', {"relu_test": "zeroed the positive inputs and kept the negative ones"}),
    mistake("relu_stale_mask", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                if self.mask is None:
                    self.mask = (x <= 0)
                return np.where(x <= 0, 0.0, x)

            def backward(self, dout):
                return np.where(self.mask, 0.0, dout)
        ''', {"relu_test": "used values from an earlier forward call"}),
    mistake("relu_backward_no_mask", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                return dout.copy()
        ''', {"relu_test": "the mask was not applied"}),
    mistake("relu_backward_times_output", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                self.out = np.maximum(x, 0.0)
                return self.out

            def backward(self, dout):
                return dout * self.out
        ''', {"relu_test": "ReLU's local derivative is 1 where x > 0 (not y)"}),
    mistake("relu_mask_not_saved", "relu", '''
        class Relu:
            def __init__(self):
                self.mask = None

            def forward(self, x):
                mask = (x <= 0)
                out = x.copy()
                out[mask] = 0
                return out

            def backward(self, dout):
                dx = dout.copy()
                dx[self.mask] = 0
                return dx
        ''', {"relu_test": "the mask was not saved"}),
    correct("relu_where_maximum", "relu", '''
        class Relu:
            """np.maximum and np.where build new arrays: nothing is changed in place."""

            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = x <= 0
                return np.maximum(x, 0.0)

            def backward(self, dout):
                return np.where(self.mask, 0.0, dout)
        '''),
    correct("relu_multiply_by_switch", "relu", '''
        class Relu:
            """Multiplies by the switch (x > 0) as 0/1."""

            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                return x * (x > 0)

            def backward(self, dout):
                return dout * (~self.mask)
        '''),
    correct("relu_book_with_copy", "relu", '''
        class Relu:
            """The book's code with the one fix: backward zeroes a copy of dout."""

            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dx = np.array(dout, copy=True)
                dx[self.mask] = 0
                return dx
        '''),

    mistake("relu_numerical_provided", "relu", '''
        class Relu:
            """backward by the provided numerical_gradient of forward: right to ~1e-10,
            except next to the kink, where any step straddles it."""
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.x = x.copy()
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                return numerical_gradient(lambda v: np.sum(Relu().forward(v) * dout), self.x.copy())
        ''', {"relu_test": "approximates the derivative numerically"}),
    mistake("relu_numerical_inline_relative_step", "relu", '''
        class Relu:
            """An inline central difference with a step relative to |x|: it never straddles
            the kink, and calls nothing; exact to ~1e-12, not to the last bit."""
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.x = x
                self.mask = (x <= 0)
                return np.where(self.mask, 0.0, x)

            def backward(self, dout):
                h = 1e-6 * np.abs(self.x) + 1e-300
                return dout * (np.maximum(self.x + h, 0) - np.maximum(self.x - h, 0)) / (2 * h)
        ''', {"relu_test": "approximates the derivative numerically"}),
    # ---- Sigmoid ----------------------------------------------------------------------
    mistake("seed002_sigmoid_no_return", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out=None

            def forward(self,x):
                out=1/(1+np.exp(-x))
                self.out=out

            def backward(self,dout):
                dx=dout*(1.0-self.out)*self.out
                return dx
        ''', {"sigmoid_test": "did you forget `return`?"},
        origin="seed 002: Sigmoid.forward without `return out`"),
    mistake("seed000_reciprocal_sign_lost", "sigmoid", '''
        class Sigmoid:
            """Backward along the graph, with the '/' node's derivative written 1/x²."""

            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                d_div = dout * self.out ** 2        # should be -y**2
                d_exp = d_div * np.exp(-self.x)
                return d_exp * -1
        ''', {"sigmoid_test": "the two minus signs cancel"},
        origin="seed 000: equation 5.10 written ∂y/∂x = 1/x² (the minus lost)"),
    mistake("sigmoid_missing_one_minus_y", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return dout * self.out
        ''', {"sigmoid_test": "the factor (1 − y) is missing"}),
    mistake("sigmoid_without_dout", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return self.out * (1.0 - self.out) * np.ones_like(dout)
        ''', {"sigmoid_test": "is not proportional to dout"}),
    mistake("sigmoid_missing_y", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out)
        ''', {"sigmoid_test": "the factor y is missing"}),
    mistake("sigmoid_recompute_exp_sign", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return dout * self.out ** 2 * np.exp(self.x)
        ''', {"sigmoid_test": "its local derivative is exp(−x)"}),
    mistake("sigmoid_uses_input", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return 1 / (1 + np.exp(-x))

            def backward(self, dout):
                return dout * self.x * (1.0 - self.x)
        ''', {"sigmoid_test": "uses the OUTPUT y of forward"}),
    mistake("sigmoid_overflow_nan", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.exp(x) / (np.exp(x) + 1)
                return self.out

            def backward(self, dout):
                return dout * self.out * (1.0 - self.out)
        ''', {"sigmoid_test": "exp(1000) = inf only makes y = 1 / inf = 0"}),
    mistake("sigmoid_graph_backward_overflow", "sigmoid", '''
        class Sigmoid:
            """Correct for moderate x, but y²·exp(−x) is 0·inf = NaN at x = −1000."""

            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return dout * self.out ** 2 * np.exp(-self.x)
        ''', {"sigmoid_test": "Use the simplified form dout·y·(1 − y)"}),
    mistake("sigmoid_stale_output", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                out = 1 / (1 + np.exp(-x))
                if self.out is None:
                    self.out = out
                return out

            def backward(self, dout):
                return dout * self.out * (1.0 - self.out)
        ''', {"sigmoid_test": "used values from an earlier forward call"}),
    mistake("sigmoid_backward_edits_out", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                self.out *= 1.0 - self.out
                return dout * self.out
        ''', {"sigmoid_test": "Calling Sigmoid.backward twice gave different results"}),
    mistake("sigmoid_out_not_saved", "sigmoid", '''
        class Sigmoid:
            def forward(self, x):
                out = 1 / (1 + np.exp(-x))
                return out

            def backward(self, dout):
                return dout * (1.0 - self.out) * self.out
        ''', {"sigmoid_test": "a local variable disappears when forward returns"}),
    correct("book_style_sigmoid", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                out = 1 / (1 + np.exp(-x))
                self.out = out
                return out

            def backward(self, dout):
                dx = dout * (1.0 - self.out) * self.out
                return dx
        '''),
    correct("sigmoid_store_x_recompute", "sigmoid", '''
        class Sigmoid:
            """Stores the input and recomputes y in backward."""

            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return 1.0 / (1.0 + np.exp(-x))

            def backward(self, dout):
                y = 1.0 / (1.0 + np.exp(-self.x))
                return dout * y * (1.0 - y)
        '''),
    correct("sigmoid_stable_tanh", "sigmoid", '''
        class Sigmoid:
            """sigmoid(x) = (1 + tanh(x/2)) / 2: no exp, so no overflow warning at all."""

            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 0.5 * (1.0 + np.tanh(0.5 * x))
                return self.out

            def backward(self, dout):
                return dout * self.out * (1.0 - self.out)
        '''),
    correct("sigmoid_where_two_branches", "sigmoid", '''
        class Sigmoid:
            """Takes exp only of negative numbers: exp(-|x|)."""

            def __init__(self):
                self.out = None

            def forward(self, x):
                z = np.exp(-np.abs(x))
                self.out = np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
                return self.out

            def backward(self, dout):
                y = self.out
                return dout * y * (1 - y)
        '''),

    mistake("sigmoid_numerical_central_inline", "sigmoid", '''
        class Sigmoid:
            """The sigmoid's derivative by a central difference written out, h = 1e-5."""
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                h = 1e-5
                f = lambda v: 1 / (1 + np.exp(-v))
                return dout * (f(self.x + h) - f(self.x - h)) / (2 * h)
        ''', {"sigmoid_test": "approximates the derivative numerically"}),
    mistake("sigmoid_numerical_of_forward", "sigmoid", '''
        class Sigmoid:
            """backward from the layer's own forward, one forward difference per call."""
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                h = 1e-7
                return dout * (Sigmoid().forward(self.x + h) - self.out) / h
        ''', {"sigmoid_test": "approximates the derivative numerically"}),
    mistake("sigmoid_numerical_provided", "sigmoid", '''
        class Sigmoid:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x.copy()
                self.out = 1 / (1 + np.exp(-x))
                return self.out

            def backward(self, dout):
                return numerical_gradient(lambda v: np.sum(Sigmoid().forward(v) * dout), self.x.copy())
        ''', {"sigmoid_test": "approximates the derivative numerically"}),
    # ---- Tanh -------------------------------------------------------------------------
    mistake("tanh_one_minus_y", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out)
        ''', {"tanh_test": "y must be squared"}),
    mistake("tanh_y_squared", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                return dout * self.out ** 2
        ''', {"tanh_test": "the derivative of tanh is 1 − y², not y²"}),
    mistake("tanh_sigmoid_rule", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                return dout * self.out * (1.0 - self.out)
        ''', {"tanh_test": "that is the sigmoid's derivative"}),
    mistake("tanh_uses_input", "tanh", '''
        class Tanh:
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.tanh(x)

            def backward(self, dout):
                return dout * (1.0 - self.x ** 2)
        ''', {"tanh_test": "uses the OUTPUT"}),
    mistake("tanh_sigmoid_of_x_not_2x", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 2.0 / (1.0 + np.exp(-x)) - 1.0
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out ** 2)
        ''', {"tanh_test": "with 2x inside"}),
    mistake("tanh_exp_quotient_overflow", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out ** 2)
        ''', {"tanh_test": "Use np.tanh(x), which never overflows"}),
    mistake("tanh_backward_squares_out_in_place", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                self.out **= 2
                return dout * (1.0 - self.out)
        ''', {"tanh_test": "Calling Tanh.backward twice gave different results"}),
    correct("tanh_factored", "tanh", '''
        class Tanh:
            """1 − y² written as (1 − y)(1 + y)."""
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out) * (1.0 + self.out)
        '''),
    correct("tanh_sech_squared", "tanh", '''
        class Tanh:
            """The derivative as sech²(x) = 1 / cosh²(x), from the stored input."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.tanh(x)

            def backward(self, dout):
                return dout / np.cosh(self.x) ** 2
        '''),
    correct("tanh_via_sigmoid", "tanh", '''
        class Tanh:
            """tanh(x) = 2·sigmoid(2x) − 1 (no overflow: 2 / (1 + inf) − 1 = −1)."""

            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = 2.0 / (1.0 + np.exp(-2.0 * x)) - 1.0
                return self.out

            def backward(self, dout):
                return dout * (1.0 - self.out * self.out)
        '''),
    correct("tanh_store_x_recompute", "tanh", '''
        class Tanh:
            """Stores the input; backward uses 1 / cosh²(x) = 1 − tanh²(x)."""

            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.tanh(x)

            def backward(self, dout):
                return dout * (1.0 - np.tanh(self.x) ** 2)
        '''),
    mistake("tanh_numerical_five_point", "tanh", '''
        class Tanh:
            """A five-point stencil written out (error ~h⁴), h = 1e-3: right to ~1e-13 on
            most inputs, but not where tanh saturates."""
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                h, x = 1e-3, self.x
                slope = (-np.tanh(x + 2 * h) + 8 * np.tanh(x + h) - 8 * np.tanh(x - h)
                         + np.tanh(x - 2 * h)) / (12 * h)
                return dout * slope
        ''', {"tanh_test": "approximates the derivative numerically"}),
    mistake("tanh_numerical_provided", "tanh", '''
        class Tanh:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.x = x.copy()
                self.out = np.tanh(x)
                return self.out

            def backward(self, dout):
                return numerical_gradient(lambda v: np.sum(np.tanh(v) * dout), self.x.copy())
        ''', {"tanh_test": "approximates the derivative numerically"}),
    # ---- Softplus (derive it yourself) -----------------------------------------------
    mistake("softplus_exp_only", "softplus", '''
        class Softplus:
            """Stopped after the exp node: the log node's local derivative is left out."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                return dout * np.exp(self.x)
        ''', {"softplus_test": "that is the exp node's local derivative alone"}),
    mistake("softplus_no_exp_factor", "softplus", '''
        class Softplus:
            """The log node's local derivative only: the exp node's factor is missing."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                return dout / (1.0 + np.exp(self.x))
        ''', {"softplus_test": "the exp node's local derivative is missing"}),
    mistake("softplus_returns_forward", "softplus", '''
        class Softplus:
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.logaddexp(0.0, x)
                return self.out

            def backward(self, dout):
                return dout * self.out
        ''', {"softplus_test": "that is the forward value y, not a derivative"}),
    mistake("softplus_sigmoid_rule_on_output", "softplus", '''
        class Softplus:
            """The sigmoid's y(1 − y), applied to softplus's own output."""
            def __init__(self):
                self.out = None

            def forward(self, x):
                self.out = np.logaddexp(0.0, x)
                return self.out

            def backward(self, dout):
                return dout * self.out * (1.0 - self.out)
        ''', {"softplus_test": "that is the sigmoid's rule"}),
    mistake("softplus_sign_flipped", "softplus", '''
        class Softplus:
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                z = np.exp(-np.abs(self.x))
                return -dout * np.where(self.x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
        ''', {"softplus_test": "dx has the wrong sign"}),
    mistake("softplus_naive_overflow", "softplus", '''
        class Softplus:
            """Right for moderate x; exp(1000) / (1 + exp(1000)) is inf / inf = NaN."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                return dout * np.exp(self.x) / (1.0 + np.exp(self.x))
        ''', {"softplus_test": "exp overflows for large x"}),
    mistake("softplus_naive_forward", "softplus", '''
        class Softplus:
            """log(1 + exp(x)) as written: inf at x = 1000."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.log(1.0 + np.exp(x))

            def backward(self, dout):
                z = np.exp(-np.abs(self.x))
                return dout * np.where(self.x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
        ''', {"softplus_test": "Use the forward the lab gives, np.logaddexp(0.0, x)"}),
    mistake("softplus_mutates_dout", "softplus", '''
        class Softplus:
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                dout *= 0.5 * (1.0 + np.tanh(0.5 * self.x))
                return dout
        ''', {"softplus_test": "in-place mutation"}),
    mistake("softplus_x_not_saved", "softplus", '''
        class Softplus:
            def forward(self, x):
                out = np.logaddexp(0.0, x)
                return out

            def backward(self, dout):
                return dout * 0.5 * (1.0 + np.tanh(0.5 * self.x))
        ''', {"softplus_test": "a local variable disappears when forward returns"}),
    mistake("softplus_numerical_provided", "softplus", '''
        class Softplus:
            """backward by the provided numerical_gradient of the layer's own forward."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x.copy()
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                return numerical_gradient(lambda v: np.sum(Softplus().forward(v) * dout),
                                          self.x.copy())
        ''', {"softplus_test": "approximates the derivative numerically"}),
    mistake("softplus_numerical_central_inline", "softplus", '''
        class Softplus:
            """A central difference of logaddexp written out, h = 1e-5: calls no forward."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                h = 1e-5
                slope = (np.logaddexp(0.0, self.x + h) - np.logaddexp(0.0, self.x - h)) / (2 * h)
                return dout * slope
        ''', {"softplus_test": "approximates the derivative numerically"}),
    mistake("softplus_numerical_relative_step", "softplus", '''
        class Softplus:
            """A central difference with a step relative to |x| (h = 1e-6·(1 + |x|))."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                h = 1e-6 * (1.0 + np.abs(self.x))
                f = lambda v: np.logaddexp(0.0, v)
                return dout * (f(self.x + h) - f(self.x - h)) / (2 * h)
        ''', {"softplus_test": "approximates the derivative numerically"}),
    correct("softplus_exp_of_x_minus_y", "softplus", '''
        class Softplus:
            """exp(x) / (1 + exp(x)) = exp(x − log(1 + exp(x))) = exp(x − y), with the saved
            output y: x − y ≤ 0 always, so exp never overflows."""
            def __init__(self):
                self.x = None
                self.out = None

            def forward(self, x):
                self.x = x
                self.out = np.logaddexp(0.0, x)
                return self.out

            def backward(self, dout):
                return dout * np.exp(self.x - self.out)
        '''),
    correct("softplus_tanh_identity", "softplus", '''
        class Softplus:
            """The derivative rewritten with tanh, which never overflows."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                return dout * 0.5 * (1.0 + np.tanh(0.5 * self.x))
        '''),
    correct("softplus_reciprocal_of_one_plus_exp_minus_x", "softplus", '''
        class Softplus:
            """Numerator and denominator divided by exp(x): at x = −1000, 1 / (1 + inf) = 0
            is right (numpy only warns about the overflow)."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.logaddexp(0.0, x)

            def backward(self, dout):
                with np.errstate(over="ignore"):
                    return dout / (1.0 + np.exp(-self.x))
        '''),
    correct("softplus_shifted_quotient", "softplus", '''
        class Softplus:
            """exp(x) / (1 + exp(x)) with numerator and denominator divided by exp(max(x, 0))."""
            def __init__(self):
                self.x = None

            def forward(self, x):
                self.x = x
                return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))

            def backward(self, dout):
                m = np.maximum(self.x, 0.0)              # shift: exp only sees numbers <= 0
                numerator = np.exp(self.x - m)           # exp(x) / exp(m)
                denominator = np.exp(-m) + numerator     # (1 + exp(x)) / exp(m)
                return dout * numerator / denominator
        '''),
]
