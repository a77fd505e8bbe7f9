"""Variants of lab ch07_two_layer_net (see autograder/variants/__init__.py).

The answer cells "layers" (the pasted layers of labs 4-6) and "gradient" (the whole
TwoLayerNet class, of which students write `gradient`) are long; their variants are the
lab's own reference cell with one solution region replaced, so a variant differs from the
reference only where its mistake is. "layers" has no test cell of its own: its mistakes
cost the points of the cells that use the layers.
"""
from __future__ import annotations

import functools
import re
import textwrap

from autograder.authoring import build
from autograder.authoring.variants import correct, mistake

LAB = "ch07_two_layer_net"
GRAD, SGD, TRAIN = "gradient_test", "sgd_step_test", "train_test"
REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION(?:\n|\Z)",
                    re.M | re.S)
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
dout = self.last_layer.backward(dout)
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
        ''', COLLECT), {GRAD: "never called self.last_layer.backward",
                         TRAIN: "never called self.last_layer.backward"},
        origin="issue 5: gradient without the final layer's backward"),
    mistake("grad_layers_not_reversed", "gradient", net_with('''
        self.loss(x, t)
        dout = self.last_layer.backward(1)
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
        dout = self.last_layer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "did not run the forward pass first",
                         TRAIN: "did not run the forward pass first"}),
    mistake("grad_dout_is_loss", "gradient", net_with('''
        dout = self.loss(x, t)
        dout = self.last_layer.backward(dout)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "received dout ="}),   # a gradient scaled by the loss: it still learns
    mistake("grad_skips_relu", "gradient", net_with('''
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        dout = self.layers["Affine2"].backward(dout)
        dout = self.layers["Affine1"].backward(dout)
        ''', COLLECT), {GRAD: "skipped Relu1"}),     # wrong, yet it still learns MNIST
    mistake("seed003_lastLayer_name", "gradient", net_with('''
        self.loss(x, t)
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        ''', COLLECT), {GRAD: "the name is `last_layer`", TRAIN: "the name is `last_layer`"},
        origin="seed 003 (and the book's code): self.lastLayer"),
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
        dout = self.last_layer.backward()
        for name in reversed(self.layers):
            dout = self.layers[name].backward(dout)
        return {key: getattr(self.layers["Affine" + key[1]], "d" + key[0])
                for key in ("W1", "b1", "W2", "b2")}
        ''')),
    correct("grad_reversed_list_copies", "gradient", net_with('''
        loss = self.loss(x, t)
        dout = self.last_layer.backward(1.0)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        first, second = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": first.dW.copy(), "b1": first.db.copy(),
                "W2": second.dW.copy(), "b2": second.db.copy()}
        ''')),
    correct("grad_explicit_formulas_einsum", "gradient", net_with('''
        self.loss(x, t)             # forward: last_layer keeps the softmax output y
        n = x.shape[0]
        W1, b1, W2 = self.params["W1"], self.params["b1"], self.params["W2"]
        a1 = np.dot(x, W1) + b1
        z1 = np.maximum(a1, 0.0)
        dscores = (self.last_layer.y - t) / n
        da1 = np.where(a1 > 0, dscores @ W2.T, 0.0)
        return {"W1": np.einsum("ni,nj->ij", x, da1), "b1": np.einsum("nj->j", da1),
                "W2": np.einsum("ni,nj->ij", z1, dscores), "b2": np.einsum("nj->j", dscores)}
        ''')),       # analytic, without the layers' backward: sums in another order
    correct("grad_predict_then_last_layer", "gradient", net_with('''
        scores = self.predict(x)
        self.last_layer.forward(scores, t)
        dout = self.last_layer.backward(dout=1.0)
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
]
