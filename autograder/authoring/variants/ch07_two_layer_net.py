"""Variants of lab ch07_two_layer_net (see autograder/variants/__init__.py).

The answer cells "layers" (the pasted layers of labs 4-6) and "gradient" (the whole
TwoLayerNet class, of which students write `gradient`) are long; their variants are the
lab's own reference cell with one solution region replaced, so a variant differs from the
reference only where its mistake is. "layers" has no test cell of its own: its mistakes
cost the points of the cells that use the layers.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import textwrap

from autograder.authoring import build
from autograder.authoring.variants import correct, mistake

LAB = "ch07_two_layer_net"
GRAD, SGD, TRAIN = "gradient_test", "sgd_step_test", "train_test"
CHECK = "gradient_check_test"
DECAY = "weight_decay_test"
REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION(?:\n|\Z)",
                    re.MULTILINE | re.DOTALL)
# the solution regions of the "layers" cell, in order
LAYERS_REGIONS = ("softmax", "cross_entropy_error", "Relu.forward", "Relu.backward",
                  "Affine.forward", "Affine.backward", "SoftmaxWithLoss.forward",
                  "SoftmaxWithLoss.backward")


@functools.cache
def reference_cell(grade_id: str) -> str:
    """The lab's answer cell as written in content/labs (with its solution regions)."""
    nb = build.build_lab(LAB)
    return next(c.source for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def replaced(grade_id: str, bodies: dict[int, str]) -> str:
    """The reference cell with solution region i replaced by bodies[i] (dedented code,
    indented here like the region), the other regions kept, delimiters removed."""
    count = -1

    def swap(match: re.Match) -> str:
        nonlocal count
        count += 1
        indent = match.group(1)
        if count in bodies:
            return textwrap.indent(textwrap.dedent(bodies[count]).strip() + "\n", indent)
        inner = [line for line in match.group(0).split("\n")[1:]
                 if line.strip() and "### END SOLUTION" not in line]
        return "\n".join(inner) + "\n"

    return REGION.sub(swap, reference_cell(grade_id))


def layers(**bodies: str) -> str:
    """The "layers" cell with some regions replaced, e.g. layers(softmax="...")."""
    index = {name.replace(".", "_"): i for i, name in enumerate(LAYERS_REGIONS)}
    return replaced("layers", {index[name]: body for name, body in bodies.items()})


def net_with(*parts: str) -> str:
    """The TwoLayerNet cell with these parts (each dedented on its own) as gradient's body."""
    return replaced("gradient", {0: "\n".join(textwrap.dedent(p).strip() for p in parts)})


FORWARD_BACKWARD = '''
self.loss(x, t)
dout = 1
dout = self.lastLayer.backward(dout)
layers = list(self.layers.values())
layers.reverse()
for layer in layers:
    dout = layer.backward(dout)
'''

COLLECT = '''
grads = {}
grads["W1"] = self.layers["Affine1"].dW
grads["b1"] = self.layers["Affine1"].db
grads["W2"] = self.layers["Affine2"].dW
grads["b2"] = self.layers["Affine2"].db
return grads
'''

TRAIN_HEAD = "def train(network, x_train, t_train, iters, batch_size, lr, rng):\n"


def train_with(body: str) -> str:
    return TRAIN_HEAD + textwrap.indent(textwrap.dedent(body).strip() + "\n", "    ")


BOOK_TWO_LAYER_NET = '''
class TwoLayerNet:

    def __init__(self, input_size, hidden_size, output_size, weight_init_std = 0.01):
        # 가중치 초기화
        self.params = {}
        self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)

        # 계층 생성
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])

        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)

        return x

    # x : 입력 데이터, t : 정답 레이블
    def loss(self, x, t):
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t):
        y = self.predict(x)
        y = np.argmax(y, axis=1)
        if t.ndim != 1 : t = np.argmax(t, axis=1)

        accuracy = np.sum(y == t) / float(x.shape[0])
        return accuracy

    # x : 입력 데이터, t : 정답 레이블
    def numerical_gradient(self, x, t):
        loss_W = lambda W: self.loss(x, t)

        grads = {}
        grads['W1'] = numerical_gradient(loss_W, self.params['W1'])
        grads['b1'] = numerical_gradient(loss_W, self.params['b1'])
        grads['W2'] = numerical_gradient(loss_W, self.params['W2'])
        grads['b2'] = numerical_gradient(loss_W, self.params['b2'])

        return grads

    def gradient(self, x, t):
        # forward
        self.loss(x, t)

        # backward
        dout = 1
        dout = self.lastLayer.backward(dout)

        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)

        # 결과 저장
        grads = {}
        grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
        grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db

        return grads
'''     # the book's two_layer_net.py (§5.7.2), as printed: the lab uses its names


CHECK_HEAD = "def gradient_check(layer, x, dout=None):\n"
# The reference's gradient_check, with {step}, {margin}, {move}, {dout}, {difference},
# {error} and {verdict} to replace, one mistake at a time.
CHECK_BODY = """
h = {step}
margin = {margin}
x = np.array(x, dtype=np.float64)
near = np.abs(x) < margin
{move}
out = layer.forward(x)
if dout is None:
    dout = {dout}
dx = np.array(layer.backward(dout), dtype=np.float64)
numerical = np.zeros_like(x)
for index in np.ndindex(x.shape):
    original = x[index]
    x[index] = original + h
    up = np.sum(dout * layer.forward(x))
    x[index] = original - h
    down = np.sum(dout * layer.forward(x))
    x[index] = original
    numerical[index] = {difference}
error = {error}
return error, {verdict}
"""
CHECK_PARTS = {"step": "1e-5", "margin": "10 * h",
               "move": "x[near] = np.where(x[near] < 0, -margin, margin)",
               "dout": "np.random.default_rng(0).standard_normal(np.shape(out))",
               "difference": "(up - down) / (2 * h)",
               "error": "relative_error(dx, numerical)",
               "verdict": "bool(error < THRESHOLD)"}


DECAY_HEAD = '''
class TwoLayerNetWithDecay(TwoLayerNet):

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 weight_decay_lambda=0.0):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.weight_decay_lambda = weight_decay_lambda
'''
DECAY_LOSS = '''
def loss(self, x, t):
    penalty = 0.0
    for key in ("W1", "W2"):
        penalty += 0.5 * self.weight_decay_lambda * np.sum(self.params[key] ** 2)
    return super().loss(x, t) + penalty
'''


def decay_with(gradient: str, loss: str = DECAY_LOSS) -> str:
    """TwoLayerNetWithDecay with these loss and gradient methods (dedented code)."""
    methods = "\n".join(textwrap.dedent(m).strip() + "\n" for m in (loss, gradient))
    return textwrap.dedent(DECAY_HEAD).strip() + "\n\n" + textwrap.indent(methods, "    ")


def decay_gradient(body: str) -> str:
    """A gradient method of TwoLayerNetWithDecay with this body."""
    return "def gradient(self, x, t):\n" + textwrap.indent(textwrap.dedent(body).strip(), "    ")


BOOK_DECAY = '''
def loss(self, x, t):
    y = self.predict(x)

    weight_decay = 0
    for idx in range(1, self.hidden_layer_num + 2):
        W = self.params['W' + str(idx)]
        weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W ** 2)

    return self.last_layer.forward(y, t) + weight_decay

def gradient(self, x, t):
    # forward
    self.loss(x, t)

    # backward
    dout = 1
    dout = self.last_layer.backward(dout)

    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)

    # 결과 저장
    grads = {}
    for idx in range(1, self.hidden_layer_num+2):
        grads['W' + str(idx)] = self.layers['Affine' + str(idx)].dW + self.weight_decay_lambda * self.layers['Affine' + str(idx)].W
        grads['b' + str(idx)] = self.layers['Affine' + str(idx)].db

    return grads
'''     # the book's multi_layer_net.py (§6.4.1), its loss and gradient as printed


def check_with(**parts: str) -> str:
    """The reference's gradient_check with some parts replaced."""
    body = CHECK_BODY.format(**{**CHECK_PARTS, **parts})
    return CHECK_HEAD + textwrap.indent(body.strip() + "\n", "    ")


VARIANTS = [
    # ---- layers (pasted from labs 4-6; no test cell of its own) ----------------------------
    mistake("seed003_softmax_whole_batch", "layers", layers(softmax='''
        c = np.max(x)
        exp_x = np.exp(x - c)
        sum_exp_x = np.sum(exp_x)
        y = exp_x / sum_exp_x
        return y
        '''), {GRAD: "normalised over the whole batch", TRAIN: "normalised over the whole batch"},
        origin="seed 003: softmax with np.max(x) and np.sum(exp_x) over the whole batch; "
               "b2 off by 0.067 in its gradient check, accuracy stuck near 10 %"),
    mistake("affine_db_not_summed", "layers", layers(Affine_backward='''
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = dout
        return dx.reshape(self.original_x_shape)
        '''), {GRAD: "the Affine you pasted", TRAIN: "the Affine you pasted"}),
    mistake("swl_backward_no_division", "layers", layers(SoftmaxWithLoss_backward='''
        return dout * (self.y - self.t)
        '''), {GRAD: "the SoftmaxWithLoss you pasted", TRAIN: "the SoftmaxWithLoss you pasted"}),
    mistake("relu_not_written", "layers", layers(Relu_forward='''
        raise NotImplementedError()
        '''), {GRAD: "Paste your Relu from lab 4", TRAIN: "Paste your Relu from lab 4"}),
    correct("seed004_relu_mutates_dout", "layers", layers(Relu_backward='''
        dout[self.mask] = 0
        dx = dout
        return dx
        ''')),      # graded in lab 4; harmless inside the network (dout is a temporary)
    correct("seed003_ce_one_hot_only", "layers", layers(cross_entropy_error='''
        delta = 1e-7
        if y.ndim == 1:
            y = y.reshape(1, y.size)
            t = t.reshape(1, t.size)
        batch_size = y.shape[0]
        return -np.sum(t * np.log(y + delta)) / batch_size
        ''')),      # graded in lab 6; the labels here are one-hot
    correct("book_backward_ignores_dout", "layers", layers(SoftmaxWithLoss_backward='''
        batch_size = self.t.shape[0]
        dx = (self.y - self.t) / batch_size
        return dx
        ''')),      # graded in lab 6; the network always passes dout = 1

    # ---- TwoLayerNet.gradient ------------------------------------------------------------
    mistake("grad_no_last_layer_backward", "gradient", net_with('''
        self.loss(x, t)
        dout = 1
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "never called self.lastLayer.backward",
                         TRAIN: "never called self.lastLayer.backward"},
        origin="issue 5: gradient without the final layer's backward"),
    mistake("grad_layers_not_reversed", "gradient", net_with('''
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in self.layers.values():
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "back-propagated in forward order",
                         TRAIN: "back-propagated in forward order"},
        origin="issue 5: layers not reversed"),
    mistake("grad_wrong_layer", "gradient", net_with(FORWARD_BACKWARD, '''
        grads = {}
        grads["W1"] = self.layers["Affine2"].dW
        grads["b1"] = self.layers["Affine2"].db
        grads["W2"] = self.layers["Affine1"].dW
        grads["b2"] = self.layers["Affine1"].db
        return grads
        '''), {GRAD: "holds the gradient of Affine2", TRAIN: "holds the gradient of Affine2"},
        origin="issue 5: gradients read from the wrong layer"),
    mistake("grad_no_forward", "gradient", net_with('''
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "did not run the forward pass first",
                         TRAIN: "did not run the forward pass first"}),
    mistake("grad_dout_is_loss", "gradient", net_with('''
        dout = self.loss(x, t)
        dout = self.lastLayer.backward(dout)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "received dout ="}),   # a gradient scaled by the loss: it still learns
    mistake("grad_skips_relu", "gradient", net_with('''
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        dout = self.layers["Affine2"].backward(dout)
        dout = self.layers["Affine1"].backward(dout)
        ''', COLLECT), {GRAD: "skipped Relu1"}),     # wrong, yet it still learns MNIST
    correct("seed003_lastLayer_name", "gradient", net_with('''
        self.loss(x, t)
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        ''', COLLECT)),     # the note's (and the book's) name is now the lab's
    mistake("last_layer_snake_case", "gradient", net_with('''
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "the name is `lastLayer`", TRAIN: "the name is `lastLayer`"},
        origin="the name this course used before it took the book's"),
    correct("book_style_gradient", "gradient", BOOK_TWO_LAYER_NET),
    mistake("seed003_lowercase_keys", "gradient", net_with(FORWARD_BACKWARD, '''
        grads = {}
        grads["w1"] = self.layers["Affine1"].dW
        grads["b1"] = self.layers["Affine1"].db
        grads["w2"] = self.layers["Affine2"].dW
        grads["b2"] = self.layers["Affine2"].db
        return grads
        '''), {GRAD: "'w1' is another key", TRAIN: "'w1' is another key"},
        origin="seed 003: params and grads keyed 'w1', 'w2'"),
    correct("grad_reversed_keys_default_dout", "gradient", net_with('''
        self.loss(x, t)
        dout = self.lastLayer.backward()
        for name in reversed(self.layers):
            dout = self.layers[name].backward(dout)
        return {key: getattr(self.layers["Affine" + key[1]], "d" + key[0])
                for key in ("W1", "b1", "W2", "b2")}
        ''')),
    correct("grad_reversed_list_copies", "gradient", net_with('''
        loss = self.loss(x, t)
        dout = self.lastLayer.backward(1.0)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        first, second = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": first.dW.copy(), "b1": first.db.copy(),
                "W2": second.dW.copy(), "b2": second.db.copy()}
        ''')),
    correct("grad_explicit_formulas_einsum", "gradient", net_with('''
        self.loss(x, t)             # forward: lastLayer keeps the softmax output y
        n = x.shape[0]
        W1, b1, W2 = self.params["W1"], self.params["b1"], self.params["W2"]
        a1 = np.dot(x, W1) + b1
        z1 = np.maximum(a1, 0.0)
        dscores = (self.lastLayer.y - t) / n
        da1 = np.where(a1 > 0, dscores @ W2.T, 0.0)
        return {"W1": np.einsum("ni,nj->ij", x, da1), "b1": np.einsum("nj->j", da1),
                "W2": np.einsum("ni,nj->ij", z1, dscores), "b2": np.einsum("nj->j", dscores)}
        ''')),       # analytic, without the layers' backward: sums in another order
    correct("grad_predict_then_last_layer", "gradient", net_with('''
        scores = self.predict(x)
        self.lastLayer.forward(scores, t)
        dout = self.lastLayer.backward(dout=1.0)
        for name in ("Affine2", "Relu1", "Affine1"):
            dout = self.layers[name].backward(dout)
        affine1, affine2 = self.layers["Affine1"], self.layers["Affine2"]
        return dict(W1=affine1.dW, b1=affine1.db, W2=affine2.dW, b2=affine2.db)
        ''')),
    # ---- gradient computed numerically: refused (points mean a backward pass was written).
    # Each one differentiates numerically only where it is cheap, the small networks of the
    # checks, and uses backprop on MNIST, where finite differences would take hours: the
    # cheat that could otherwise keep the points of both gradient_test and train_test.
    mistake("grad_borrows_from_the_checks", "gradient", net_with('''
        import importlib, pkgutil
        import autograder.checks as checks
        for info in pkgutil.iter_modules(checks.__path__):   # every hidden check's module
            module = importlib.import_module(f"autograder.checks.{info.name}")
            for value in vars(module).values():
                if callable(value):
                    try:
                        found = value(self.params, x, t)
                    except Exception:
                        continue
                    if isinstance(found, dict) and set(found) >= {"W1", "b1", "W2", "b2"}:
                        return found
        raise RuntimeError("there is no gradient to borrow")
        '''), {GRAD: "there is no gradient to borrow", "train_test": None},
        origin="issue 12: a gradient that returned the hidden checks' reference kept its points"),
    mistake("grad_numerical_book_method", "gradient", net_with('''
        if self.params["W1"].size <= 100:       # small: the book's numerical gradient
            return self.numerical_gradient(x, t)
        ''', FORWARD_BACKWARD, COLLECT), {GRAD: "approximates the derivative numerically"},
        origin="the book's own TwoLayerNet.numerical_gradient returned as the gradient"),
    mistake("grad_numerical_forward_difference", "gradient", net_with('''
        if self.params["W1"].size <= 100:       # small: forward differences of self.loss
            base, h, grads = self.loss(x, t), 1e-7, {}
            for key, p in self.params.items():
                g = np.zeros_like(p)
                for i in np.ndindex(p.shape):
                    old = p[i]
                    p[i] = old + h
                    g[i] = (self.loss(x, t) - base) / h
                    p[i] = old
                grads[key] = g
            return grads
        ''', FORWARD_BACKWARD, COLLECT), {GRAD: "approximates the derivative numerically"}),
    mistake("grad_numerical_inline_forward", "gradient", net_with('''
        if self.params["W1"].size <= 100:       # small: central differences of its own loss
            W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))

            def loss():
                s = np.maximum(x @ W1 + b1, 0.0) @ W2 + b2
                e = np.exp(s - s.max(axis=1, keepdims=True))
                return -np.sum(t * np.log(e / e.sum(axis=1, keepdims=True) + 1e-7)) / len(x)

            grads = {}
            for key, p in self.params.items():
                g = np.zeros_like(p)
                for i in np.ndindex(p.shape):
                    old = p[i]
                    h = 1e-6 * max(1.0, abs(old))
                    p[i] = old + h
                    up = loss()
                    p[i] = old - h
                    down = loss()
                    p[i] = old
                    g[i] = (up - down) / (2 * h)
                grads[key] = g
            return grads
        ''', FORWARD_BACKWARD, COLLECT), {GRAD: "approximates the derivative numerically"},
        origin="calls nothing the judge counts: only the probes can refuse it"),

    # ---- sgd_step ------------------------------------------------------------------------
    mistake("sgd_plus", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in params:
                params[key] += lr * grads[key]
        ''', {SGD: "AGAINST the gradient", TRAIN: "AGAINST"},
        origin="issue 5: update with + instead of −"),
    mistake("sgd_rebinding", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in params:
                params[key] = params[key] - lr * grads[key]
        ''', {SGD: "changes the array in place", TRAIN: "changes the array in place"}),
    mistake("sgd_no_lr", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in params:
                params[key] -= grads[key]
        ''', {SGD: "learning rate is missing", TRAIN: "learning rate was not used"}),
    mistake("sgd_weights_only", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in ("W1", "W2"):
                params[key] -= lr * grads[key]
        ''', {SGD: "the biases b1, b2 as well", TRAIN: "never changed"}),
    mistake("sgd_returns_new_params", "sgd_step", '''
        def sgd_step(params, grads, lr):
            return {key: params[key] - lr * grads[key] for key in params}
        ''', {SGD: "returned the updated parameters", TRAIN: "never changed"}),
    mistake("sgd_params_as_gradient", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in params:
                params[key] -= lr * params[key]
        ''', {SGD: "instead of its gradient", TRAIN: "instead of lr times its gradient"}),
    correct("sgd_subtract_out", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key, grad in grads.items():
                np.subtract(params[key], lr * grad, out=params[key])
        '''),
    correct("sgd_slice_assignment", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in ("W1", "b1", "W2", "b2"):
                params[key][...] = params[key] - lr * grads[key]
            return params
        '''),

    # ---- train ---------------------------------------------------------------------------
    mistake("train_labels_mismatched", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            x_batch = x_train[rng.choice(train_size, batch_size)]
            t_batch = t_train[rng.choice(train_size, batch_size)]
            grads = network.gradient(x_batch, t_batch)
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_batch, t_batch))
        return loss_history
        '''), {TRAIN: "the SAME indices"}),
    mistake("train_same_batch", "train", train_with('''
        loss_history = []
        x_batch, t_batch = x_train[:batch_size], t_train[:batch_size]
        for i in range(iters):
            grads = network.gradient(x_batch, t_batch)
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_batch, t_batch))
        return loss_history
        '''), {TRAIN: "the same mini-batch in every iteration"}),
    mistake("train_global_np_random", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            batch_mask = np.random.choice(train_size, batch_size)
            x_batch = x_train[batch_mask]
            t_batch = t_train[batch_mask]
            grads = network.gradient(x_batch, t_batch)
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_batch, t_batch))
        return loss_history
        '''), {TRAIN: "not np.random.choice"},
        origin="the book's §4.5.2 loop as seed 003 ran it: np.random.choice, not the rng given"),
    mistake("train_no_return", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            batch_mask = rng.choice(train_size, batch_size)
            grads = network.gradient(x_train[batch_mask], t_train[batch_mask])
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_train[batch_mask], t_train[batch_mask]))
        '''), {TRAIN: "did you forget `return loss_history`"}),
    mistake("train_full_batch", "train", train_with('''
        loss_history = []
        for i in range(iters):
            grads = network.gradient(x_train, t_train)
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_train, t_train))
        return loss_history
        '''), {TRAIN: "random mini-batch (미니배치)"}),
    mistake("train_no_update", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            batch_mask = rng.choice(train_size, batch_size)
            x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
            grads = network.gradient(x_batch, t_batch)
            loss_history.append(network.loss(x_batch, t_batch))
        return loss_history
        '''), {TRAIN: "never changed"}),
    mistake("train_rebinding_inline", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            batch_mask = rng.choice(train_size, batch_size)
            x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
            grads = network.gradient(x_batch, t_batch)
            for key in ("W1", "b1", "W2", "b2"):
                network.params[key] = network.params[key] - lr * grads[key]
            loss_history.append(network.loss(x_batch, t_batch))
        return loss_history
        '''), {TRAIN: "changes the array in place"}),
    mistake("train_loss_of_whole_set", "train", train_with('''
        train_size = x_train.shape[0]
        loss_history = []
        for i in range(iters):
            batch_mask = rng.choice(train_size, batch_size)
            grads = network.gradient(x_train[batch_mask], t_train[batch_mask])
            sgd_step(network.params, grads, lr)
            loss_history.append(network.loss(x_train, t_train))
        return loss_history
        '''), {TRAIN: "is not the loss of that iteration's mini-batch"}),
    correct("train_shuffled_epochs", "train", train_with('''
        n = len(x_train)
        order, position = rng.permutation(n), 0
        losses = []
        for _ in range(iters):
            if position + batch_size > n:
                order, position = rng.permutation(n), 0
            batch = order[position:position + batch_size]
            position += batch_size
            grads = network.gradient(x_train[batch], t_train[batch])
            sgd_step(network.params, grads, lr)
            losses.append(float(network.loss(x_train[batch], t_train[batch])))
        return losses
        ''')),
    correct("train_loss_before_update_inline", "train", train_with('''
        history = np.zeros(iters)
        for i in range(iters):
            rows = rng.integers(0, x_train.shape[0], size=batch_size)
            x_batch, t_batch = x_train[rows], t_train[rows]
            history[i] = network.loss(x_batch, t_batch)
            grads = network.gradient(x_batch, t_batch)
            for key in grads:
                network.params[key] -= lr * grads[key]
        return history
        ''')),
    correct("book_style_sgd_step", "sgd_step", '''
        def sgd_step(params, grads, lr):
            for key in ('W1', 'b1', 'W2', 'b2'):
                params[key] -= lr * grads[key]
        '''),     # the book's update loop of train_neuralnet.py, as a function
    mistake("book_style_train", "train", train_with('''
        train_size = x_train.shape[0]
        train_loss_list = []
        for i in range(iters):
            batch_mask = np.random.choice(train_size, batch_size)
            x_batch = x_train[batch_mask]
            t_batch = t_train[batch_mask]

            grad = network.gradient(x_batch, t_batch)

            for key in ('W1', 'b1', 'W2', 'b2'):
                network.params[key] -= lr * grad[key]

            loss = network.loss(x_batch, t_batch)
            train_loss_list.append(loss)
        return train_loss_list
        '''), {TRAIN: "the book's loop draws with np.random.choice"},
        origin="the book's train_neuralnet.py loop inside the lab's train"),

    # ---- gradient_check ------------------------------------------------------------------
    mistake("check_forward_difference", "gradient_check", '''
        def gradient_check(layer, x, dout=None):
            h = 1e-5
            x = np.array(x, dtype=np.float64)
            near = np.abs(x) < 10 * h
            x[near] = np.where(x[near] < 0, -10 * h, 10 * h)
            out = layer.forward(x)
            if dout is None:
                dout = np.random.default_rng(0).standard_normal(np.shape(out))
            dx = np.array(layer.backward(dout), dtype=np.float64)
            base = np.sum(dout * layer.forward(x))
            numerical = np.zeros_like(x)
            for index in np.ndindex(x.shape):
                original = x[index]
                x[index] = original + h
                numerical[index] = (np.sum(dout * layer.forward(x)) - base) / h
                x[index] = original
            error = relative_error(dx, numerical)
            return error, bool(error < THRESHOLD)
        ''', {CHECK: "one-sided difference"}),
    mistake("check_step_1e-50", "gradient_check", check_with(step="1e-50", margin="1e-4"),
            {CHECK: "x + h rounds back to x"}, origin="the book's §4.3.1 bad example, h = 1e-50"),
    mistake("check_step_1e-10", "gradient_check", check_with(step="1e-10", margin="1e-4"),
            {CHECK: "the step is too small for this layer"}),
    mistake("check_absolute_error", "gradient_check",
            check_with(error="float(np.linalg.norm(dx - numerical))"),
            {CHECK: "the error is not relative"}),
    mistake("check_at_the_kink", "gradient_check", check_with(move="pass"),
            {CHECK: "straddles the kink"}),
    mistake("check_wrong_sign", "gradient_check",
            check_with(difference="(down - up) / (2 * h)"), {CHECK: "opposite signs"}),
    mistake("check_always_true", "gradient_check", check_with(verdict="True"),
            {CHECK: "must come from the comparison"}),
    mistake("check_dout_ones", "gradient_check", check_with(dout="np.ones_like(out)"),
            {CHECK: "draw a random one"}),
    mistake("check_backward_before_moving", "gradient_check", '''
        def gradient_check(layer, x, dout=None):
            h = 1e-5
            x = np.array(x, dtype=np.float64)
            out = layer.forward(x)
            if dout is None:
                dout = np.random.default_rng(1).standard_normal(out.shape)
            dx = np.array(layer.backward(dout), dtype=np.float64)    # at the kink itself
            near = np.abs(x) < 10 * h
            x[near] = np.where(x[near] < 0, -10 * h, 10 * h)           # moved afterwards
            numerical = numerical_gradient(lambda z: np.sum(dout * layer.forward(z)), x)
            error = relative_error(dx, numerical)
            return error, bool(error < THRESHOLD)
        ''', {CHECK: "at that same moved point"}),
    correct("check_provided_numerical_gradient", "gradient_check", '''
        def gradient_check(layer, x, dout=None):
            x = x.astype(np.float64)                     # a copy
            x[(x >= 0) & (x < 1e-3)] = 1e-3              # 10 steps of the provided h = 1e-4
            x[(x < 0) & (x > -1e-3)] = -1e-3
            out = layer.forward(x)
            if dout is None:
                dout = np.random.standard_normal(out.shape)
            dx = layer.backward(dout).copy()
            numerical = numerical_gradient(lambda z: np.sum(dout * layer.forward(z)), x)
            error = relative_error(dx, numerical)
            return error, error < THRESHOLD
        '''),
    correct("check_redraws_near_kink_inline_norms", "gradient_check", '''
        def gradient_check(layer, x, dout=None):
            rng = np.random.default_rng(7)
            h = 1e-6
            x = np.array(x, dtype=float)
            near = np.abs(x) < 1e-2                      # redraw inputs near the kink
            x[near] = np.where(x[near] < 0, -1, 1) * rng.uniform(0.01, 0.1, size=near.sum())
            if dout is None:
                dout = rng.normal(size=np.shape(layer.forward(x)))
            layer.forward(x)
            dx = np.array(layer.backward(dout), dtype=float)
            numerical = np.empty_like(x)
            it = np.nditer(x, flags=["multi_index"])
            for _ in it:
                i = it.multi_index
                saved = x[i]
                x[i] = saved + h
                f_plus = float(np.sum(dout * layer.forward(x)))
                x[i] = saved - h
                f_minus = float(np.sum(dout * layer.forward(x)))
                x[i] = saved
                numerical[i] = (f_plus - f_minus) / (2 * h)
            size = max(np.sqrt(np.sum(dx ** 2)), np.sqrt(np.sum(numerical ** 2)))
            error = 0.0 if size == 0 else float(np.sqrt(np.sum((dx - numerical) ** 2)) / size)
            return (error, bool(error < THRESHOLD))
        '''),

    # ---- TwoLayerNetWithDecay (derived by the student) -----------------------------------
    mistake("decay_on_biases", "weight_decay", decay_with(decay_gradient('''
        grads = super().gradient(x, t)
        return {key: grads[key] + self.weight_decay_lambda * self.params[key] for key in grads}
        ''')), {DECAY: "the penalty holds only W1 and W2"}),
    mistake("decay_half_dropped", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] + 2 * self.weight_decay_lambda * self.params[key]
        return grads
        ''')), {DECAY: "twice too large"}),
    mistake("decay_half_of_lambda", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] + self.weight_decay_lambda / 2 * self.params[key]
        return grads
        ''')), {DECAY: "half of what it should be"}),
    mistake("decay_in_loss_only", "weight_decay", decay_with(decay_gradient('''
        return super().gradient(x, t)
        ''')), {DECAY: "the gradient of the data loss alone"}),
    mistake("decay_sign_flipped", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] - self.weight_decay_lambda * self.params[key]
        return grads
        ''')), {DECAY: "has the wrong sign"}),
    mistake("decay_multiplies_data_gradient", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = self.weight_decay_lambda * grads[key]
        return grads
        ''')), {DECAY: "they do not multiply"}),
    mistake("decay_W1_only", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        grads["W1"] = grads["W1"] + self.weight_decay_lambda * self.params["W1"]
        return grads
        ''')), {DECAY: "holds W2 as well"}),
    mistake("decay_no_half_anywhere", "weight_decay", decay_with(decay_gradient('''
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] + 2 * self.weight_decay_lambda * self.params[key]
        return grads
        '''), loss='''
        def loss(self, x, t):
            lam = self.weight_decay_lambda
            return super().loss(x, t) + lam * (np.sum(self.params["W1"] ** 2)
                                               + np.sum(self.params["W2"] ** 2))
        '''), {DECAY: "with the ½"}),    # consistent with its own loss: only the judge sees it
    mistake("decay_loss_without_penalty", "weight_decay", decay_with(decay_gradient('''
        return super().gradient(x, t)
        '''), loss='''
        def loss(self, x, t):
            return super().loss(x, t)
        '''), {DECAY: "the data loss alone"}),
    mistake("book_style_weight_decay", "weight_decay", decay_with(
        BOOK_DECAY.split("def gradient")[0], "def gradient" + BOOK_DECAY.split("def gradient")[1]),
        {DECAY: "not the book's MultiLayerNet"},
        origin="the book's MultiLayerNet.loss and .gradient (§6.4.1) typed into the subclass"),
    # ---- numerical gradients of the total loss: refused
    mistake("decay_numerical_inherited", "weight_decay", decay_with(decay_gradient('''
        if self.params["W1"].size <= 100:       # small: the inherited numerical gradient
            return self.numerical_gradient(x, t)
        grads = dict(super().gradient(x, t))
        for key in ("W1", "W2"):
            grads[key] = grads[key] + self.weight_decay_lambda * self.params[key]
        return grads
        ''')), {DECAY: "approximates the derivative numerically"}),
    mistake("decay_numerical_inline", "weight_decay", decay_with(decay_gradient('''
        if self.params["W1"].size > 100:
            grads = dict(super().gradient(x, t))
            for key in ("W1", "W2"):
                grads[key] = grads[key] + self.weight_decay_lambda * self.params[key]
            return grads
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        lam = self.weight_decay_lambda

        def total():                # central differences of the total loss, written inline
            s = np.maximum(x @ W1 + b1, 0.0) @ W2 + b2
            e = np.exp(s - s.max(axis=1, keepdims=True))
            data = -np.sum(t * np.log(e / e.sum(axis=1, keepdims=True) + 1e-7)) / len(x)
            return data + 0.5 * lam * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

        grads = {}
        for key, p in self.params.items():
            g = np.zeros_like(p)
            for i in np.ndindex(p.shape):
                old = p[i]
                h = 1e-6 * max(1.0, abs(old))
                p[i] = old + h
                up = total()
                p[i] = old - h
                down = total()
                p[i] = old
                g[i] = (up - down) / (2 * h)
            grads[key] = g
        return grads
        ''')), {DECAY: "approximates the derivative numerically"},
        origin="calls nothing the judge counts: only the probes can refuse it"),
    correct("decay_layers_in_place", "weight_decay", decay_with(decay_gradient('''
        grads = super().gradient(x, t)
        grads["W1"] += self.weight_decay_lambda * self.layers["Affine1"].W
        grads["W2"] += self.weight_decay_lambda * self.layers["Affine2"].W
        return grads
        '''), loss='''
        def loss(self, x, t):
            W1, W2 = self.params["W1"], self.params["W2"]
            penalty = self.weight_decay_lambda / 2 * (np.sum(W1 * W1) + np.sum(W2 * W2))
            return self.lastLayer.forward(self.predict(x), t) + penalty
        ''')),       # grads["W1"] is the layer's dW itself: += changes it, harmlessly
    correct("decay_book_adapted", "weight_decay", decay_with(decay_gradient('''
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for idx in (1, 2):
            affine = self.layers["Affine" + str(idx)]
            grads["W" + str(idx)] = affine.dW + self.weight_decay_lambda * affine.W
            grads["b" + str(idx)] = affine.db
        return grads
        '''), loss='''
        def loss(self, x, t):
            y = self.predict(x)
            weight_decay = 0
            for idx in (1, 2):
                W = self.params["W" + str(idx)]
                weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W ** 2)
            return self.lastLayer.forward(y, t) + weight_decay
        ''')),       # the book's MultiLayerNet code with the lab's names
    correct("decay_explicit_formulas", "weight_decay", decay_with(decay_gradient('''
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        lam, n = self.weight_decay_lambda, x.shape[0]
        a1 = x @ W1 + b1
        z1 = np.maximum(a1, 0.0)
        s = z1 @ W2 + b2
        e = np.exp(s - s.max(axis=1, keepdims=True))
        dscores = (e / e.sum(axis=1, keepdims=True) - t) / n
        da1 = np.where(a1 > 0, dscores @ W2.T, 0.0)
        return {"W1": np.einsum("ni,nj->ij", x, da1) + lam * W1, "b1": da1.sum(axis=0),
                "W2": np.einsum("ni,nj->ij", z1, dscores) + lam * W2, "b2": dscores.sum(axis=0)}
        '''), loss='''
        def loss(self, x, t):
            squares = sum(float(np.dot(W.ravel(), W.ravel()))
                          for W in (self.params["W1"], self.params["W2"]))
            return TwoLayerNet.loss(self, x, t) + 0.5 * self.weight_decay_lambda * squares
        ''')),       # no layer's backward at all: every formula written out
]

# TwoLayerNetWithDecay is built on TwoLayerNet: every mistake that costs gradient_test costs
# weight_decay_test too, with the same words (its judge runs gradient_test's cases first and
# names part 1 as the cause).
VARIANTS = [dataclasses.replace(v, fails={**v.fails, DECAY: v.fails[GRAD]})
            if GRAD in v.fails and DECAY not in v.fails else v for v in VARIANTS]
