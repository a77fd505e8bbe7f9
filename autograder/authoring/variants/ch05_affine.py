"""Variants of lab ch05_affine (see autograder/variants/__init__.py).

The Affine variants are whole answer cells built from one ``__init__``, ``forward`` and
``backward`` each, so that every mistake differs from the reference in the lines that
carry it and nowhere else.
"""
import textwrap

from autograder.authoring.variants import correct, mistake

INIT = '''
def __init__(self, W, b):
    self.W = W
    self.b = b
    self.x = None
    self.original_x_shape = None
    self.dW = None
    self.db = None
'''

FORWARD = '''
def forward(self, x):
    self.original_x_shape = x.shape
    self.x = x.reshape(x.shape[0], -1)
    out = np.dot(self.x, self.W) + self.b
    return out
'''

BACKWARD = '''
def backward(self, dout):
    dx = np.dot(dout, self.W.T)
    self.dW = np.dot(self.x.T, dout)
    self.db = np.sum(dout, axis=0)
    return dx.reshape(self.original_x_shape)
'''


def affine(init: str = INIT, forward: str = FORWARD, backward: str = BACKWARD,
           comment: str = "") -> str:
    """An Affine answer cell from its three methods (each written at indentation 0)."""
    methods = "\n".join(textwrap.indent(textwrap.dedent(m).strip(), "    ") + "\n"
                        for m in (init, forward, backward))
    head = f"class Affine:{'  # ' + comment if comment else ''}\n"
    return head + methods


def backward_with(*lines: str) -> str:
    """The reference backward with its body replaced by `lines`."""
    return "def backward(self, dout):\n" + "\n".join(f"    {line}" for line in lines)


BOTH = ("affine_forward_test", "affine_backward_test")


def center_with(*lines: str, save_x: bool = False) -> str:
    """A Center answer cell: the given forward (saving x when save_x) and a backward whose
    body is `lines`."""
    save = "        self.x = x\n" if save_x else ""
    body = "\n".join(f"        {line}" for line in lines)
    return ("class Center:\n"
            "    def forward(self, x):\n"
            f"{save}"
            "        mu = x.mean(axis=0)\n"
            "        return x - mu\n"
            "\n"
            "    def backward(self, dout):\n"
            f"{body}\n")

VARIANTS = [
    # ---- affine_shapes ------------------------------------------------------------------
    mistake("shapes_first_feature_axis", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], x_shape[1]
            if d != W_shape[0]:
                raise ValueError("x does not fit W")
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, m), "dx": x_shape, "dW": (d, m), "db": (m,)}
        ''', {"affine_shapes_test": "product of ALL feature axes"},
        origin="D taken from x.shape[1] alone, as for 2-D input (seed 003's 'assumes x is 2-D')"),
    mistake("shapes_dx_flattened", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], int(np.prod(x_shape[1:]))
            if d != W_shape[0]:
                raise ValueError("x does not fit W")
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, m), "dx": (n, d), "dW": (d, m), "db": (m,)}
        ''', {"affine_shapes_test": "dx has x's ORIGINAL shape"}),
    mistake("shapes_dW_transposed", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], int(np.prod(x_shape[1:]))
            if d != W_shape[0]:
                raise ValueError("x does not fit W")
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, m), "dx": x_shape, "dW": (m, d), "db": (m,)}
        ''', {"affine_shapes_test": "not its transpose"},
        origin="seed 002: 'not understood' at ∂L/∂W = Xᵀ·∂L/∂Y"),
    mistake("shapes_db_per_sample", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], int(np.prod(x_shape[1:]))
            if d != W_shape[0]:
                raise ValueError("x does not fit W")
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, m), "dx": x_shape, "dW": (d, m), "db": (n, m)}
        ''', {"affine_shapes_test": "db is summed over the batch"}),
    mistake("shapes_out_keeps_D", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], int(np.prod(x_shape[1:]))
            if d != W_shape[0]:
                raise ValueError("x does not fit W")
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, d), "dx": x_shape, "dW": (d, m), "db": (m,)}
        ''', {"affine_shapes_test": "the inner D disappears"}),
    mistake("shapes_no_value_error", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            n, d = x_shape[0], int(np.prod(x_shape[1:]))
            m = W_shape[1]
            return {"x2d": (n, d), "out": (n, m), "dx": x_shape, "dW": (d, m), "db": (m,)}
        ''', {"affine_shapes_test": "instead of raising ValueError"}),
    correct("shapes_from_dummy_arrays", "affine_shapes", '''
        def affine_shapes(x_shape, W_shape):
            """Lets numpy do the products on arrays of zeros (np.dot raises ValueError
            itself when the shapes do not fit)."""
            x = np.zeros(x_shape)
            x2d = x.reshape(len(x), -1)
            W = np.zeros(W_shape)
            out = np.dot(x2d, W)
            dout = np.zeros_like(out)
            return {"x2d": x2d.shape, "out": out.shape,
                    "dx": np.dot(dout, W.T).reshape(x.shape).shape,
                    "dW": np.dot(x2d.T, dout).shape, "db": np.sum(dout, axis=0).shape}
        '''),
    correct("shapes_reduce_slices", "affine_shapes", '''
        from functools import reduce

        def affine_shapes(x_shape, W_shape):
            """Multiplies the feature axes with functools.reduce; reads M and D off W_shape."""
            N, features = x_shape[0], tuple(x_shape[1:])
            D = reduce(lambda a, b: a * b, features, 1)
            if D != W_shape[0]:
                raise ValueError("the features of x do not match the rows of W")
            return {"x2d": (N, D), "out": (N, W_shape[1]), "dx": tuple(x_shape),
                    "dW": tuple(W_shape), "db": tuple(W_shape[1:])}
        '''),
    correct("shapes_lists_math_prod", "affine_shapes", '''
        import math

        def affine_shapes(x_shape, W_shape):
            N, *features = x_shape
            D, M = W_shape
            if math.prod(features) != D:
                raise ValueError(f"{x_shape} does not fit W of shape {W_shape}")
            return dict(x2d=[N, D], out=[N, M], dx=list(x_shape), dW=[D, M], db=[M])
        '''),

    # ---- Affine -------------------------------------------------------------------------
    mistake("seed003_assumes_2d", "affine", affine(
        forward='''
            def forward(self, x):
                self.x = x
                out = np.dot(self.x, self.W) + self.b
                return out
            ''',
        backward=backward_with("dx = np.dot(dout, self.W.T)",
                               "self.dW = np.dot(self.x.T, dout)",
                               "self.db = np.sum(dout, axis=0)",
                               "return dx"),
        comment="assumes x is 2-D; the book reshapes x to 2-D"),
        dict.fromkeys(BOTH, "x.reshape(x.shape[0], -1)"),
        origin="seed 003: `class Affine: # assumes x is 2-D` (seed 002's Affine has no "
               "reshape either)"),
    mistake("seed003_lowercase_names", "affine", affine(
        init='''
            def __init__(self, w, b):
                self.w = w
                self.b = b
                self.x = None
                self.original_x_shape = None
                self.dw = None
                self.db = None
            ''',
        forward='''
            def forward(self, x):
                self.original_x_shape = x.shape
                self.x = x.reshape(x.shape[0], -1)
                return np.dot(self.x, self.w) + self.b
            ''',
        backward=backward_with("dx = np.dot(dout, self.w.T)",
                               "self.dw = np.dot(self.x.T, dout)",
                               "self.db = np.sum(dout, axis=0)",
                               "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "Python names are case-sensitive"},
        origin="seed 003: `self.w`, `self.dw` (its TwoLayerNet reads layer.dw)"),
    mistake("db_not_summed", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = dout",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "dout summed over the batch axis"}),
    mistake("db_summed_over_axis_1", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = np.sum(dout, axis=1)",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "instead of axis 0 (the batch)"}),
    mistake("db_mean_over_batch", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = np.mean(dout, axis=0)",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "db is the mean of dout over the batch"}),
    mistake("db_ignores_dout", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = np.ones_like(self.b)  # d(x·W + b)/db = 1",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "is not proportional to dout"}),
    mistake("dW_transposed", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(dout.T, self.x)",
        "self.db = np.sum(dout, axis=0)",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "dW = xᵀ · dout"},
        origin="seed 002: 'not understood' at ∂L/∂W = Xᵀ·∂L/∂Y"),
    mistake("dW_divided_by_N", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout) / len(dout)",
        "self.db = np.sum(dout, axis=0)",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "dW is divided by N"}),
    mistake("dx_dout_times_W", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = np.sum(dout, axis=0)",
        "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "dx = dout · Wᵀ"},
        origin="seed 002: 'not understood' at ∂L/∂X = ∂L/∂Y·Wᵀ"),
    mistake("dx_not_reshaped_back", "affine", affine(backward=backward_with(
        "dx = np.dot(dout, self.W.T)",
        "self.dW = np.dot(self.x.T, dout)",
        "self.db = np.sum(dout, axis=0)",
        "return dx")),
        {"affine_backward_test": "reshape it back to the shape x had in forward"}),
    mistake("dW_from_nd_input", "affine", affine(
        forward='''
            def forward(self, x):
                self.x = x
                return np.dot(x.reshape(x.shape[0], -1), self.W) + self.b
            ''',
        backward=backward_with("dx = np.dot(dout, self.W.T)",
                               "self.dW = np.dot(self.x.T, dout)",
                               "self.db = np.sum(dout, axis=0)",
                               "return dx.reshape(self.x.shape)")),
        {"affine_backward_test": "use the flattened x"}),
    mistake("dW_accumulated", "affine", affine(
        init='''
            def __init__(self, W, b):
                self.W = W
                self.b = b
                self.x = None
                self.original_x_shape = None
                self.dW = np.zeros_like(W)
                self.db = np.zeros_like(b)
            ''',
        backward=backward_with("dx = np.dot(dout, self.W.T)",
                               "self.dW += np.dot(self.x.T, dout)",
                               "self.db += np.sum(dout, axis=0)",
                               "return dx.reshape(self.original_x_shape)")),
        {"affine_backward_test": "Calling Affine.backward twice gave different results"}),
    mistake("flatten_keeps_last_axis", "affine", affine(forward='''
        def forward(self, x):
            self.original_x_shape = x.shape
            self.x = x.reshape(-1, x.shape[-1])
            return np.dot(self.x, self.W) + self.b
        '''),
        dict.fromkeys(BOTH, "x.reshape(x.shape[0], -1)")),
    mistake("x_shape_assigned_in_place", "affine", affine(forward='''
        def forward(self, x):
            self.original_x_shape = x.shape
            x.shape = (x.shape[0], -1)
            self.x = x
            return np.dot(self.x, self.W) + self.b
        '''),
        dict.fromkeys(BOTH, "changed the shape of the x it was given")),
    mistake("forward_without_bias", "affine", affine(forward='''
        def forward(self, x):
            self.original_x_shape = x.shape
            self.x = x.reshape(x.shape[0], -1)
            return np.dot(self.x, self.W)
        '''),
        dict.fromkeys(BOTH, "the bias is missing")),
    mistake("W_copied_in_init", "affine", affine(init='''
        def __init__(self, W, b):
            self.W = W.copy()
            self.b = b.copy()
            self.x = None
            self.original_x_shape = None
            self.dW = None
            self.db = None
        '''),
        {"affine_forward_test": "does not use the W it was given"}),
    correct("affine_len_matmul_sum0", "affine", affine(
        forward='''
            def forward(self, x):
                self.x_shape = x.shape
                self.x = x.reshape(len(x), -1)
                return self.x @ self.W + self.b
            ''',
        backward='''
            def backward(self, dout):
                self.dW = self.x.T @ dout
                self.db = dout.sum(0)
                return (dout @ self.W.T).reshape(self.x_shape)
            ''')),
    correct("affine_flatten_in_backward", "affine", affine(
        forward='''
            def forward(self, x):
                self.x = x                          # the original input, any shape
                return np.dot(x.reshape(x.shape[0], -1), self.W) + self.b
            ''',
        backward='''
            def backward(self, dout):
                x2d = self.x.reshape(self.x.shape[0], -1)
                self.dW = np.dot(x2d.T, dout)
                self.db = np.sum(dout, axis=0)
                return np.dot(dout, self.W.T).reshape(self.x.shape)
            ''')),
    correct("affine_rows_of_W_einsum", "affine", affine(
        forward='''
            def forward(self, x):
                """Flattens by W's rows instead of by the batch size: the same (N, D)."""
                self.original_x_shape = x.shape
                self.x = x.reshape(-1, self.W.shape[0])
                return np.matmul(self.x, self.W) + self.b
            ''',
        backward='''
            def backward(self, dout):
                self.dW = np.einsum("nd,nm->dm", self.x, dout)
                self.db = np.einsum("nm->m", dout)
                dx = np.einsum("nm,dm->nd", dout, self.W)
                return dx.reshape(*self.original_x_shape)
            ''')),

    correct("book_style_affine", "affine", '''
        class Affine:
            """The book's Affine of common/layers.py (§5.6.2), as a student would type it."""
            def __init__(self, W, b):
                self.W = W
                self.b = b

                self.x = None
                self.original_x_shape = None
                # 가중치와 편향 매개변수의 미분
                self.dW = None
                self.db = None

            def forward(self, x):
                # 텐서 대응
                self.original_x_shape = x.shape
                x = x.reshape(x.shape[0], -1)
                self.x = x

                out = np.dot(self.x, self.W) + self.b

                return out

            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = np.sum(dout, axis=0)

                dx = dx.reshape(*self.original_x_shape)  # 입력 데이터 모양 변경(텐서 대응)
                return dx
        '''),
    mistake("book_printed_affine_2d", "affine", '''
        class Affine:
            """The shorter class printed in the book's §5.6.2: no reshape, x assumed 2-D."""
            def __init__(self, W, b):
                self.W = W
                self.b = b
                self.x = None
                self.dW = None
                self.db = None

            def forward(self, x):
                self.x = x
                out = np.dot(x, self.W) + self.b

                return out

            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = np.sum(dout, axis=0)

                return dx
        ''', dict.fromkeys(BOTH, "the shorter class printed in §5.6.2 assumes a 2-D x"),
        origin="the book's §5.6.2 listing (common/layers.py adds the reshape)"),

    # ---- numerical backward passes: they lose the points of affine_backward_test ----------
    mistake("affine_numerical_provided", "affine", affine(backward='''
        def backward(self, dout):
            """Every gradient from the provided numerical_gradient of the layer's own
            forward (which reads self.W and self.b, nudged in place)."""
            x = self.x.reshape(self.original_x_shape).copy()
            loss = lambda _: np.sum(self.forward(x) * dout)
            self.dW = numerical_gradient(loss, self.W)
            self.db = numerical_gradient(loss, self.b)
            dx = numerical_gradient(lambda v: np.sum(self.forward(v) * dout), x.copy())
            self.forward(x)
            return dx
        '''),
        {"affine_backward_test": "approximates the derivative numerically"}),
    mistake("affine_numerical_inline_central", "affine", affine(backward='''
        def backward(self, dout):
            """Central differences of (x·W + b)·dout written out, h = 1e-5: no call of
            forward, right to ~1e-10 on ordinary inputs."""
            h = 1e-5
            f = lambda x, W, b: np.sum((np.dot(x, W) + b) * dout)

            def slope(a, g):
                grad = np.zeros_like(a)
                for i in np.ndindex(a.shape):
                    e = np.zeros_like(a)
                    e[i] = h
                    grad[i] = (g(a + e) - g(a - e)) / (2 * h)
                return grad

            x, W, b = self.x, self.W, self.b
            self.dW = slope(W, lambda v: f(x, v, b))
            self.db = slope(b, lambda v: f(x, W, v))
            return slope(x, lambda v: f(v, W, b)).reshape(self.original_x_shape)
        '''),
        {"affine_backward_test": "approximates the derivative numerically"}),
    mistake("affine_numerical_dx_five_point", "affine", affine(backward='''
        def backward(self, dout):
            """dW and db by the formulas; dx by a five-point stencil (error ~h⁴), h = 1e-3."""
            self.dW = np.dot(self.x.T, dout)
            self.db = np.sum(dout, axis=0)
            h = 1e-3
            f = lambda v: np.sum((np.dot(v, self.W) + self.b) * dout)
            dx = np.zeros_like(self.x)
            for i in np.ndindex(self.x.shape):
                e = np.zeros_like(self.x)
                e[i] = h
                dx[i] = (-f(self.x + 2 * e) + 8 * f(self.x + e) - 8 * f(self.x - e)
                         + f(self.x - 2 * e)) / (12 * h)
            return dx.reshape(self.original_x_shape)
        '''),
        {"affine_backward_test": "approximates the derivative numerically"}),
    mistake("affine_numerical_db_forward_difference", "affine", affine(backward='''
        def backward(self, dout):
            """dx and dW by the formulas; db by a forward difference, one bias at a time."""
            dx = np.dot(dout, self.W.T)
            self.dW = np.dot(self.x.T, dout)
            h = 1e-6
            f = lambda b: np.sum((np.dot(self.x, self.W) + b) * dout)
            self.db = np.array([(f(self.b + h * e) - f(self.b)) / h
                                for e in np.eye(len(self.b))])
            return dx.reshape(self.original_x_shape)
        '''),
        {"affine_backward_test": "approximates the derivative numerically"}),

    # ---- Center (derive it yourself) ----------------------------------------------------
    mistake("center_direct_path_only", "center", center_with("return dout.copy()"),
            {"center_test": "only the direct path"}),
    mistake("center_mean_over_features", "center",
            center_with("return dout - dout.mean(axis=1, keepdims=True)"),
            {"center_test": "over axis 1, the features of one sample"}),
    mistake("center_sum_without_1_over_N", "center",
            center_with("return dout - dout.sum(axis=0)"),
            {"center_test": "the 1/N of the mean node is missing"}),
    mistake("center_own_row_only", "center",
            center_with("N = dout.shape[0]",
                        "return dout * (1 - 1 / N)  # ∂out_nj/∂x_nj = 1 − 1/N"),
            {"center_test": "each element counted only its own row"}),
    mistake("center_sign", "center", center_with("return dout + dout.mean(axis=0)"),
            {"center_test": "the wrong sign"}),
    mistake("center_mean_of_everything", "center", center_with("return dout - np.mean(dout)"),
            {"center_test": "over the whole array"}),
    mistake("center_mutates_dout", "center",
            center_with("dout -= dout.mean(axis=0)", "return dout"),
            {"center_test": "changed the dout array it was given"}),
    correct("center_sum_over_n", "center",
            center_with("N = dout.shape[0]",
                        "return dout - np.sum(dout, axis=0, keepdims=True) / N")),
    correct("center_matrix", "center",
            center_with("N = len(dout)",
                        "return (np.eye(N) - np.ones((N, N)) / N) @ dout")),
    correct("center_loops", "center",
            center_with("N, D = dout.shape",
                        "dx = np.empty_like(dout)",
                        "for j in range(D):",
                        "    g = dout[:, j].sum() / N      # what arrives at mu_j, shared out",
                        "    for n in range(N):",
                        "        dx[n, j] = dout[n, j] - g",
                        "return dx")),
    mistake("center_numerical_provided", "center", center_with(
        "x = self.x.copy()",
        "dx = numerical_gradient(lambda v: np.sum(self.forward(v) * dout), x)",
        "self.forward(self.x)",
        "return dx", save_x=True),
        {"center_test": "approximates the derivative numerically"}),
    mistake("center_numerical_inline_central", "center", center_with(
        "h = 1e-5",
        "f = lambda v: np.sum((v - v.mean(axis=0)) * dout)",
        "dx = np.zeros_like(self.x)",
        "for i in np.ndindex(self.x.shape):",
        "    e = np.zeros_like(self.x)",
        "    e[i] = h",
        "    dx[i] = (f(self.x + e) - f(self.x - e)) / (2 * h)",
        "return dx", save_x=True),
        {"center_test": "approximates the derivative numerically"}),
]
