"""Variants of lab ch06_softmax_with_loss (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

# SoftmaxWithLoss calls the student's softmax and cross_entropy_error: a mistake in one of
# them can also cost the points of the layer's test cell.
SWL = "softmax_with_loss_test"
# Softmax.forward (given) calls the student's softmax: its mistakes cost that cell too.
LAYER = "softmax_layer_test"
FIRST = "Fix softmax (part 1) first"

VARIANTS = [
    # ---- softmax --------------------------------------------------------------------------
    mistake("seed003_softmax_whole_batch", "softmax", '''
        def softmax(x):
            c = np.max(x)
            exp_x = np.exp(x - c)
            sum_exp_x = np.sum(exp_x)
            y = exp_x / sum_exp_x
            return y
        ''', {"softmax_test": "normalised over the whole batch",
              SWL: "normalised over the whole batch", LAYER: FIRST},
        origin="seed 003: np.max(x) and np.sum(exp_x) with no axis (accuracy stuck near 10 %)"),
    mistake("softmax_naive_overflow", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x)
            return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        ''', {"softmax_test": "Subtract each ROW's own max", SWL: "Subtract each ROW's own max"}),
    mistake("softmax_columns", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x - np.max(x, axis=0))
            return exp_x / np.sum(exp_x, axis=0)
        ''', {"softmax_test": "each COLUMN sums to 1", SWL: "normalised per column",
              LAYER: FIRST}),
    mistake("softmax_max_per_column", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x - np.max(x, axis=0))
            return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        ''', {"softmax_test": "the max was taken per column",
              SWL: "check that your softmax (part 1)", LAYER: FIRST}),
    mistake("softmax_max_without_keepdims", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x - np.max(x, axis=-1))
            return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        ''', {"softmax_test": "keepdims=True", SWL: "keepdims=True", LAYER: FIRST}),
    mistake("softmax_batch_max_row_sum", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x - np.max(x))          # one max for the whole batch
            return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        ''', {"softmax_test": "a larger max from another row",
              SWL: "a larger max from another row"}),
    mistake("softmax_in_place_shift", "softmax", '''
        def softmax(x):
            x -= np.max(x, axis=-1, keepdims=True)
            exp_x = np.exp(x)
            return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        ''', {"softmax_test": "changed its argument x in place",
              SWL: "changed its argument x in place", LAYER: FIRST}),
    mistake("softmax_batch_only", "softmax", '''
        def softmax(x):
            exp_x = np.exp(x - np.max(x, axis=1, keepdims=True))
            return exp_x / np.sum(exp_x, axis=1, keepdims=True)
        ''', {"softmax_test": "use axis=-1", LAYER: FIRST}),
    correct("softmax_axis_minus_one", "softmax", '''
        def softmax(x):
            x = x - x.max(axis=-1, keepdims=True)
            return np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)
        '''),
    correct("softmax_transposed_columns", "softmax", '''
        def softmax(x):
            """Works on columns of x.T, so that one sample (C,) and a batch share the code."""
            z = x.T
            z = z - np.max(z, axis=0)
            p = np.exp(z) / np.sum(np.exp(z), axis=0)
            return p.T
        '''),
    correct("book_style_softmax", "softmax", '''
        def softmax(x):
            """The book's common/functions.py version: a batch through its transpose."""
            if x.ndim == 2:
                x = x.T
                x = x - np.max(x, axis=0)
                y = np.exp(x) / np.sum(np.exp(x), axis=0)
                return y.T

            x = x - np.max(x)
            return np.exp(x) / np.sum(np.exp(x))
        '''),
    correct("softmax_log_sum_exp", "softmax", '''
        def softmax(x):
            m = np.max(x, axis=-1, keepdims=True)
            log_sum_exp = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
            return np.exp(x - log_sum_exp)
        '''),

    # ---- cross_entropy_error ----------------------------------------------------------------
    mistake("seed003_ce_one_hot_only", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            delta = 1e-7
            if y.ndim == 1:
                y = y.reshape(1, y.size)
                t = t.reshape(1, t.size)

            batch_size = y.shape[0]
            return -np.sum(t * np.log(y + delta)) / batch_size
        ''', {"cross_entropy_error_test": "integer labels were used as if they were one-hot"},
        origin="seed 003: cross_entropy_error for one-hot t only"),
    mistake("ce_sum_not_mean", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            return -np.sum(t * np.log(y + 1e-7))
        ''', {"cross_entropy_error_test": "the MEAN over its samples", SWL: "MEAN"}),
    mistake("ce_no_minus", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            return np.sum(t * np.log(y + 1e-7)) / y.shape[0]
        ''', {"cross_entropy_error_test": "the minus sign is missing",
              SWL: "the minus sign is missing"}),
    mistake("ce_one_sample_not_reshaped", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if t.shape != y.shape:
                t = np.eye(y.shape[-1])[t.reshape(-1)].reshape(y.shape)
            batch_size = y.shape[0]
            return -np.sum(t * np.log(y + 1e-7)) / batch_size
        ''', {"cross_entropy_error_test": "reshape it (and t) to a batch of one"}),
    mistake("ce_no_delta", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = t.reshape(-1)
            else:
                t = t.argmax(axis=1)
            n = y.shape[0]
            return -np.sum(np.log(y[np.arange(n), t])) / n
        ''', {"cross_entropy_error_test": "Add the book's delta inside the log", SWL: "delta"}),
    mistake("ce_no_delta_one_hot", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            return -np.sum(t * np.log(y)) / y.shape[0]
        ''', {"cross_entropy_error_test": "0 · log(0) = NaN", SWL: "delta"}),
    mistake("ce_mean_over_all_elements", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            return -np.mean(t * np.log(y + 1e-7))
        ''', {"cross_entropy_error_test": "also averages over the classes",
              SWL: "also averages over the classes"}),
    mistake("ce_delta_in_place", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            y += 1e-7
            if y.ndim == 1:
                y, t = y.reshape(1, -1), t.reshape(1, -1)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            return -np.sum(t * np.log(y)) / y.shape[0]
        ''', {"cross_entropy_error_test": "changed its argument y in place",
              SWL: "the layer's self.y was changed in place"}),
    correct("ce_labels_to_one_hot", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            """Turns integer labels into one-hot rows, then sums t · log(y + delta)."""
            if y.ndim == 1:
                y = y.reshape(1, y.size)
                t = t.reshape(1, t.size)
            if t.shape != y.shape:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            batch_size = y.shape[0]
            return -np.sum(t * np.log(y + 1e-7)) / batch_size
        '''),
    correct("ce_size_test_and_argmax", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            """One-hot detected by size, as the book's later version does."""
            if y.ndim == 1:
                t = t.reshape(1, t.size)
                y = y.reshape(1, y.size)
            if t.size == y.size:
                t = t.argmax(axis=1)
            batch_size = y.shape[0]
            picked = y[np.arange(batch_size), t.reshape(batch_size)]
            return -np.mean(np.log(picked + 1e-7))
        '''),
    correct("book_style_cross_entropy_error", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            """The book's common/functions.py version."""
            if y.ndim == 1:
                t = t.reshape(1, t.size)
                y = y.reshape(1, y.size)

            if t.size == y.size:
                t = t.argmax(axis=1)

            batch_size = y.shape[0]
            return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
        '''),
    correct("ce_loop_over_samples", "cross_entropy_error", '''
        def cross_entropy_error(y, t):
            """A loop over the samples, for readers who prefer it to fancy indexing."""
            one_hot = np.shape(t) == np.shape(y)
            y = y.reshape(-1, y.shape[-1])
            labels = np.argmax(t.reshape(y.shape), axis=1) if one_hot else t.reshape(-1)
            total = 0.0
            for row, label in zip(y, labels):
                total -= np.log(row[label] + 1e-7)
            return total / len(y)
        '''),

    # ---- SoftmaxWithLoss ---------------------------------------------------------------------
    mistake("seed002_book_backward_ignores_dout", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def __init__(self):
                self.loss = None
                self.y = None
                self.t = None

            def forward(self, x, t):
                self.t = t
                self.y = softmax(x)
                if self.t.shape != self.y.shape:
                    self.t = np.eye(self.y.shape[1])[self.t]
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss

            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                dx = (self.y - self.t) / batch_size
                return dx
        ''', {SWL: "The book's SoftmaxWithLoss.backward ignores dout"},
        origin="seeds 002 and 003: the book's backward, (y − t) / batch_size, ignores dout"),
    mistake("book_style_softmax_with_loss", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def __init__(self):
                self.loss = None # 손실함수
                self.y = None    # softmax의 출력
                self.t = None    # 정답 레이블(원-핫 인코딩 형태)

            def forward(self, x, t):
                self.t = t
                self.y = softmax(x)
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss

            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                dx = (self.y - self.t) / batch_size
                return dx
        ''', {SWL: "The book's SoftmaxWithLoss.backward ignores dout"},
        origin="the book's §5.6.3 code as printed: one-hot t only, dout ignored"),
    mistake("swl_borrows_the_checks_softmax", "softmax_with_loss", '''
        import importlib
        import pkgutil


        def borrowed_softmax():
            """Look for a softmax in the hidden checks' package (the student's kernel can read
            all of it): there is none to find."""
            import autograder.checks as checks
            for info in pkgutil.iter_modules(checks.__path__):
                module = importlib.import_module(f"autograder.checks.{info.name}")
                for name, value in vars(module).items():
                    if "softmax" in name.lower() and callable(value):
                        try:
                            if np.allclose(value(np.zeros((1, 3))), 1 / 3):
                                return value
                        except Exception:
                            pass
            raise RuntimeError("there is no softmax to borrow")


        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.t = t
                self.y = borrowed_softmax()(x)
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss

            def backward(self, dout=1):
                return dout * (self.y - self.t) / self.t.shape[0]
        ''', {SWL: "there is no softmax to borrow"},
        origin="issue 12: a SoftmaxWithLoss that borrowed the hidden checks' softmax kept its points"),
    mistake("swl_labels_y_minus_t", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def __init__(self):
                self.loss = None
                self.y = None
                self.t = None

            def forward(self, x, t):
                self.t = t
                self.y = softmax(x)
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss

            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                return dout * (self.y - self.t) / batch_size
        ''', {SWL: "y − t is not y minus the one-hot labels"},
        origin="seeds 002 and 003 (with dout): y − t with integer labels"),
    mistake("swl_no_divide", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                return dout * (self.y - self.t)
        ''', {SWL: "times too large (N is the batch size)"}),
    mistake("swl_divided_twice", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                n = self.y.shape[0]
                dout = dout / n
                return dout * (self.y - self.t) / n
        ''', {SWL: "the division by N happened twice"}),
    mistake("swl_t_minus_y", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                return dout * (self.t - self.y) / self.y.shape[0]
        ''', {SWL: "not t − y"}),
    mistake("swl_backward_without_default", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout):
                return dout * (self.y - self.t) / self.y.shape[0]
        ''', {SWL: "give dout a default value"}),
    mistake("swl_loss_from_scores", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(x, self.t)       # the scores, not the softmax output

            def backward(self, dout=1):
                return dout * (self.y - self.t) / self.y.shape[0]
        ''', {SWL: "not the scores x"}),
    correct("swl_stores_labels", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """Keeps integer labels and subtracts 1 at each sample's true class."""

            def forward(self, x, t):
                self.y = softmax(x)
                self.labels = t.argmax(axis=1) if t.ndim == 2 else t
                self.loss = cross_entropy_error(self.y, self.labels)
                return self.loss

            def backward(self, dout=1):
                n = self.y.shape[0]
                dx = self.y.copy()
                dx[np.arange(n), self.labels] -= 1
                return dx * (dout / n)
        '''),
    correct("swl_one_hot_by_comparison", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            def __init__(self):
                self.loss = None
                self.y = None
                self.t = None

            def forward(self, x, t):
                self.y = softmax(x)
                if t.size == x.size:
                    self.t = t
                else:
                    self.t = (t[:, None] == np.arange(x.shape[1])).astype(float)
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss

            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                dx = (self.y - self.t) / batch_size
                return dx * dout
        '''),
    correct("swl_softmax_in_backward", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """Keeps the scores and the labels; backward recomputes y with one softmax call
            and subtracts 1 at each true class with np.put_along_axis."""

            def forward(self, x, t):
                self.x = x.copy()
                self.labels = t.argmax(axis=1) if t.shape == x.shape else t
                self.loss = cross_entropy_error(softmax(x), self.labels)
                return self.loss

            def backward(self, dout=1):
                dx = softmax(self.x)
                rows = self.labels.reshape(-1, 1)
                np.put_along_axis(dx, rows, np.take_along_axis(dx, rows, axis=1) - 1, axis=1)
                return dout * dx / len(dx)
        '''),
    mistake("swl_delta_differentiated", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """backward through the graph of the loss as the layer computes it, the delta
            included: dL/dy_t = −1/(N·(y_t + 1e-7)), then back through softmax."""

            def forward(self, x, t):
                self.y = softmax(x)
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                n = self.y.shape[0]
                y_true = np.sum(self.y * self.t, axis=1, keepdims=True)
                return dout * (self.y - self.t) / n * (y_true / (y_true + 1e-7))
        ''', {SWL: "the exact derivative of the loss with its delta"}),
    # ---- numerical backward passes: they lose the points of softmax_with_loss_test --------
    mistake("swl_numerical_provided", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """dx from the provided numerical_gradient of the layer's own loss."""

            def forward(self, x, t):
                self.x, self.t = x.copy(), t
                self.y = softmax(x)
                return cross_entropy_error(self.y, t)

            def backward(self, dout=1):
                loss = lambda z: SoftmaxWithLoss().forward(z, self.t)
                return dout * numerical_gradient(loss, self.x.copy())
        ''', {SWL: "approximates the derivative numerically"}),
    mistake("swl_numerical_own_functions", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """Central differences (h = 1e-4) through the notebook's softmax and
            cross_entropy_error, one score at a time."""

            def forward(self, x, t):
                self.x, self.t = x.copy(), t
                self.y = softmax(x)
                return cross_entropy_error(self.y, t)

            def backward(self, dout=1):
                h, dx = 1e-4, np.zeros_like(self.x)
                for i in np.ndindex(self.x.shape):
                    step = np.zeros_like(self.x)
                    step[i] = h
                    plus = cross_entropy_error(softmax(self.x + step), self.t)
                    minus = cross_entropy_error(softmax(self.x - step), self.t)
                    dx[i] = (plus - minus) / (2 * h)
                return dout * dx
        ''', {SWL: "approximates the derivative numerically"}),
    mistake("swl_numerical_inline_log_softmax", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """Central differences (h = 1e-5) of a loss written inline with a stable
            log-softmax and no delta: no call of anything, right to ~1e-10."""

            def forward(self, x, t):
                self.x = x.copy()
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                self.y = softmax(x)
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                def loss(z):
                    z = z - z.max(axis=1, keepdims=True)
                    log_y = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
                    return -np.sum(self.t * log_y) / len(z)

                h, dx = 1e-5, np.zeros_like(self.x)
                for i in np.ndindex(self.x.shape):
                    step = np.zeros_like(self.x)
                    step[i] = h
                    dx[i] = (loss(self.x + step) - loss(self.x - step)) / (2 * h)
                return dout * dx
        ''', {SWL: "approximates the derivative numerically"}),
    mistake("swl_numerical_inline_forward_difference", "softmax_with_loss", '''
        class SoftmaxWithLoss:
            """A forward difference (h = 1e-7) of the book's loss written inline, delta
            included."""

            def forward(self, x, t):
                self.x = x.copy()
                self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
                self.y = softmax(x)
                return cross_entropy_error(self.y, self.t)

            def backward(self, dout=1):
                def loss(z):
                    e = np.exp(z - z.max(axis=1, keepdims=True))
                    y = e / e.sum(axis=1, keepdims=True)
                    return -np.sum(self.t * np.log(y + 1e-7)) / len(z)

                h, base, dx = 1e-7, loss(self.x), np.zeros_like(self.x)
                for i in np.ndindex(self.x.shape):
                    step = np.zeros_like(self.x)
                    step[i] = h
                    dx[i] = (loss(self.x + step) - base) / h
                return dout * dx
        ''', {SWL: "approximates the derivative numerically"}),

    # ---- Softmax, a layer on its own: the backward the student derives -------------------
    correct("softmax_layer_jacobian_per_row", "softmax_layer", '''
        class Softmax:
            """The Jacobian of each row, diag(y) − y yᵀ, times that row's dout."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                y, g = np.atleast_2d(self.y), np.atleast_2d(dout)
                dx = np.empty_like(y)
                for n in range(len(y)):
                    jacobian = np.diag(y[n]) - np.outer(y[n], y[n])
                    dx[n] = jacobian @ g[n]
                return dx.reshape(np.shape(self.y))
        '''),
    correct("softmax_layer_einsum", "softmax_layer", '''
        class Softmax:
            """All Jacobians at once with einsum: J[n, i, j] = y_ni (δ_ij − y_nj)."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                y = self.y.reshape(-1, self.y.shape[-1])
                g = np.reshape(dout, y.shape)
                eye = np.eye(y.shape[1])
                jacobian = np.einsum("ni,ij->nij", y, eye) - np.einsum("ni,nj->nij", y, y)
                return np.einsum("nij,nj->ni", jacobian, g).reshape(self.y.shape)
        '''),
    correct("softmax_layer_recomputes_y", "softmax_layer", '''
        class Softmax:
            """Keeps x and recomputes y with one softmax call; the paths written out: the
            direct one through e_k, minus the ones through S."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.x = x.copy()
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                y = softmax(self.x)
                direct = dout * y
                through_sum = y * np.sum(direct, axis=-1, keepdims=True)
                return direct - through_sum
        '''),
    mistake("softmax_layer_direct_path_only", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                return dout * self.y * (1.0 - self.y)
        ''', {LAYER: "follows only the direct path"}),
    mistake("softmax_layer_copies_loss_shortcut", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                return self.y - dout
        ''', {LAYER: "copies the Softmax-with-Loss shortcut"}),
    mistake("softmax_layer_sum_axis0", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                pushed = np.sum(dout * self.y, axis=0, keepdims=True)
                return self.y * (dout - pushed)
        ''', {LAYER: "taken down the columns (axis=0)"}),
    mistake("softmax_layer_missing_y_factor", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                return dout - np.sum(dout * self.y, axis=-1, keepdims=True)
        ''', {LAYER: "dx lacks the factor"}),
    mistake("softmax_layer_no_keepdims", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                pushed = np.sum(dout * self.y, axis=-1)
                return self.y * (dout - pushed)
        ''', {LAYER: "without keepdims=True"}),
    mistake("softmax_layer_dout_in_place", "softmax_layer", '''
        class Softmax:
            def __init__(self):
                self.y = None

            def forward(self, x):
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                dout -= np.sum(dout * self.y, axis=-1, keepdims=True)
                dout *= self.y
                return dout
        ''', {LAYER: "changed the dout array it was given"}),
    # ---- numerical backward passes: they lose the points of softmax_layer_test --------------
    mistake("softmax_layer_numerical_provided", "softmax_layer", '''
        class Softmax:
            """dx from the provided numerical_gradient of sum(forward(x) · dout)."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.x = x.copy()
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                f = lambda z: np.sum(Softmax().forward(z) * dout)
                return numerical_gradient(f, self.x.copy())
        ''', {LAYER: "approximates the derivative numerically"}),
    mistake("softmax_layer_numerical_own_forward", "softmax_layer", '''
        class Softmax:
            """Central differences (h = 1e-4) through its own forward, one score at a time."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.x = x.copy()
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                x, y, h = self.x.copy(), self.y, 1e-4
                dx = np.zeros_like(x)
                for i in np.ndindex(x.shape):
                    step = np.zeros_like(x)
                    step[i] = h
                    plus = np.sum(self.forward(x + step) * dout)
                    minus = np.sum(self.forward(x - step) * dout)
                    dx[i] = (plus - minus) / (2 * h)
                self.x, self.y = x, y
                return dx
        ''', {LAYER: "approximates the derivative numerically"}),
    mistake("softmax_layer_numerical_inline", "softmax_layer", '''
        class Softmax:
            """Central differences (h = 1e-5) of a softmax written inline: no call of
            anything while backward runs."""

            def __init__(self):
                self.y = None

            def forward(self, x):
                self.x = x.copy()
                self.y = softmax(x)
                return self.y

            def backward(self, dout):
                def f(z):
                    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
                    return np.sum(e / np.sum(e, axis=-1, keepdims=True) * dout)

                h, dx = 1e-5, np.zeros_like(self.x)
                for i in np.ndindex(self.x.shape):
                    step = np.zeros_like(self.x)
                    step[i] = h
                    dx[i] = (f(self.x + step) - f(self.x - step)) / (2 * h)
                return dx
        ''', {LAYER: "approximates the derivative numerically"}),
]
