"""Hidden checks of lab ch05_affine, on the student's side: how affine_shapes and the Affine
layer behave (the judges in autograder/judging/ch05_affine.py decide their values).

Every check draws its own random cases (seeded by ``rng_for``): a batch of one and of N,
2-D inputs (N, D) and N-d inputs (N, d1, d2, …) such as (N, 1, 4, 4), and an MNIST-sized
(N, 1, 28, 28) batch whose gradients are checked along random directions.

* ``affine_shapes``: returns a dict of the five shapes, each a tuple of ints.
* ``affine_forward``: forward runs on every kind of input (a crash on an N-d input explains
  the flattening), returns (N, M), leaves the caller's x alone (values and shape), and
  reads the very W and b the layer was given (its output moves when they change in place).
* ``center``: the derive-it-yourself layer (mean-centring over the batch): forward and
  backward run on random (N, D), return arrays of x's shape, the engine's behaviour checks,
  and backward agrees with numerical derivatives of the student's own forward.
* ``affine_backward``: backward runs, stores self.dW and self.db, every gradient has the
  shape of its quantity (named causes for the known wrong shapes), the engine's behaviour
  checks (dout and x not mutated, linear in dout, repeatable, the latest forward, shapes
  and dtypes), and dx, dW, db agree with numerical derivatives of the student's own
  forward.

Nothing here knows the right values: that is the judges' part, on the grader's side.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import CheckFailed, call, expect_keys, method, rng_for
from autograder.checks.sections import see

SECTION = see("ch05_affine", "5 · The shapes leave no other choice", "§5.6.1")
SECTION_BATCH = see("ch05_affine", "7 · The batch version", "§5.6.2")
SECTION_ND = see("ch05_affine", "8 · Inputs with more than two axes", "§5.6.2")
SECTION_CENTER = (see("ch02_chain_rule", "5. Fan-out") + " and "
                  + see("ch05_affine", "Why ∂L/∂B is a sum"))
FLATTEN = "x.reshape(x.shape[0], -1)"
PRODUCTS = ("the shapes of a matrix product must chain: out = x·W is (N, D)·(D, M) → "
            "(N, M); dx = dout · Wᵀ is (N, M)·(M, D) → (N, D); dW = xᵀ · dout is "
            "(D, N)·(N, M) → (D, M)")
SHAPE_KEYS = ["x2d", "out", "dx", "dW", "db"]


# =========================================================================== cases


@dataclass
class Case:
    x: np.ndarray           # (N, d1, d2, …) or (N, D)
    W: np.ndarray           # (D, M)
    b: np.ndarray           # (M,)
    dout: np.ndarray        # (N, M)
    x_before: np.ndarray    # another input of x's shape (for the stale-state check)

    @property
    def n(self) -> int:
        return self.x.shape[0]

    @property
    def d(self) -> int:
        return self.W.shape[0]

    @property
    def m(self) -> int:
        return self.W.shape[1]

    def describe(self) -> str:
        return f"x of shape {self.x.shape}, W {self.W.shape}, b {self.b.shape}"


def _feature_axes(rng: np.random.Generator, kind: str) -> tuple[int, ...]:
    if kind in ("single", "batch"):
        return (int(rng.integers(1, 6)),)
    if kind == "large":
        return (1, 28, 28)
    if rng.random() < 0.3:
        return (1, 4, 4)
    return tuple(int(k) for k in rng.integers(1, 4, size=int(rng.integers(2, 4))))


def draw_case(rng: np.random.Generator, kind: str) -> Case:
    """kind: "single" (N = 1, 2-D), "batch" (N ≥ 2, 2-D), "nd" (N = 1 or more, 3-D or 4-D
    input such as (N, 1, 4, 4)), "large" ((N, 1, 28, 28), M up to 12: directional checks)."""
    if kind == "single":
        n = 1
    elif kind == "nd":
        n = int(rng.choice([1, int(rng.integers(2, 4))]))
    else:
        n = int(rng.integers(2, 6 if kind == "batch" else 4))
    axes = _feature_axes(rng, kind)
    d = int(np.prod(axes))        # W's rows: the inputs must fit
    low, high = {"large": (5, 13), "nd": (1, 5)}.get(kind, (1, 6))
    m = int(rng.integers(low, high))
    return Case(x=gradcheck.random_array(rng, (n, *axes)),
                W=gradcheck.random_array(rng, (d, m)),
                b=gradcheck.random_array(rng, (m,)),
                dout=gradcheck.random_array(rng, (n, m)),
                x_before=gradcheck.random_array(rng, (n, *axes)))


# =========================================================================== running student code


def _new_layer(Affine, W, b):
    return call(Affine, W, b, what="Affine(W, b)")


def flatten_cause(x_shape: tuple, d: int) -> str:
    """Why forward raised on an N-d input (the judges say the same)."""
    return (f"forward must first flatten an N-d input to (N, D) — {FLATTEN}, here "
            f"{tuple(x_shape)} → {(x_shape[0], d)} — and only then compute x·W + b. Remember "
            f"the original shape for backward")


def not_flattened_cause(x_shape: tuple, d: int) -> str:
    return (f"forward did not flatten x: np.dot of {tuple(x_shape)} with W works on the last "
            f"axis only. Flatten first, {FLATTEN} → {(x_shape[0], d)}")


def shape_changed_cause(name: str) -> str:
    return (f"an assignment to {name}.shape reshapes the caller's array in place. Use "
            f"{name}.reshape(...), which returns a new view and leaves the caller's array alone")


def head(error: Exception) -> str:
    """The first part of a failure's message (without its "Likely cause"), marked with ✗."""
    text = str(error).split("\nLikely cause:", 1)[0]
    return text if text.startswith("✗") else f"✗ {text}"


def _forward(layer, case: Case):
    """layer.forward on a copy of case.x; a crash explains the flattening or the products."""
    given = case.x.copy()
    try:
        out = call(method(layer, "forward", "Affine"), given, what="Affine.forward")
    except CheckFailed as error:
        text = str(error)
        if " raised ValueError" not in text:      # np.dot's complaint about shapes
            raise
        if case.x.ndim > 2:
            raise fail(f"{head(error)}\n  ({case.describe()})", "not_flattened",
                       cause=flatten_cause(case.x.shape, case.d), section=SECTION_ND) from None
        raise fail(f"{head(error)}\n  ({case.describe()})", "shapes_do_not_chain",
                   cause=PRODUCTS, section=SECTION) from None
    _expect_shape_kept("forward", "x", given, case.x.shape)
    return out


def _expect_shape_kept(where: str, name: str, given: np.ndarray, shape: tuple) -> None:
    """Assigning to arr.shape reshapes the caller's array in place."""
    if given.shape != shape:
        raise fail(f"✗ Affine.{where} changed the shape of the {name} it was given from "
                   f"{shape} to {given.shape}.", "input_mutated",
                   cause=shape_changed_cause(name), section=SECTION_BATCH)


def output_shape_cause(x_shape: tuple, d: int, m: int, got_shape: tuple) -> tuple[str, str, str]:
    """(diagnosis name, words, section) for an output of the wrong shape (the shape of the
    output is the layer's API: (N, M), one row per sample)."""
    if len(x_shape) > 2 and tuple(got_shape) == tuple(x_shape[:-1]) + (m,):
        return "not_flattened", not_flattened_cause(x_shape, d), SECTION_ND
    return ("wrong_output_shape", f"the output has one row per sample and one column per "
            f"output: (N, M) = {(x_shape[0], m)}; keep the batch axis even when N = 1", SECTION)


def checked_forward(layer, case: Case):
    """Run forward; fail with a diagnosis unless it returns an array of shape (N, M)."""
    out = _forward(layer, case)
    values = numbers(out)
    what = f"the output of Affine.forward for {case.describe()}"
    if values is None:
        raise fail(f"✗ {what} should be a numpy array of shape {(case.n, case.m)}, but is "
                   f"{type(out).__name__}.", "returned_none" if out is None else "wrong_type",
                   cause="`return out` is missing at the end of forward" if out is None else
                   "forward returns x·W + b, an array", section=SECTION)
    if values.shape != (case.n, case.m):
        name, words, section = output_shape_cause(case.x.shape, case.d, case.m, values.shape)
        raise fail(f"✗ {what} has shape {values.shape}, expected {(case.n, case.m)}.", name,
                   cause=words, section=section)
    return values


def _backward(layer, case: Case):
    """layer.backward(dout); a crash from np.dot explains which shapes must chain."""
    given = case.dout.copy()
    try:
        dx = call(method(layer, "backward", "Affine"), given, what="Affine.backward")
    except CheckFailed as error:
        text = str(error)
        if " raised ValueError" not in text:
            raise
        raise fail(f"{head(error)}\n  ({case.describe()}, dout {case.dout.shape})",
                   "shapes_do_not_chain", cause=PRODUCTS, section=SECTION) from None
    _expect_shape_kept("backward", "dout", given, case.dout.shape)
    return dx


def parameter_missing_cause(name: str, attributes) -> str:
    """Why self.dW (or self.db) is missing; attributes: the names the layer does have."""
    lower = [a for a in attributes if a.lower() == name.lower() and a != name]
    also = (f"Your layer has `self.{lower[0]}`: Python names are case-sensitive, and the "
            f"network reads self.{name}. " if lower else "")
    return (f"{also}backward must store the gradient of the "
            f"{'weights' if name == 'dW' else 'bias'} as self.{name} (the book's name)")


def _parameter_gradient(layer, name: str):
    value = getattr(layer, name, None)
    if value is not None:
        return value
    state = "missing" if not hasattr(layer, name) else "None"
    raise fail(f"✗ Affine.backward did not set self.{name} (it is {state} after backward).",
               "missing_attribute",
               cause=parameter_missing_cause(name, getattr(layer, "__dict__", {})),
               section=SECTION_BATCH)


def gradient_shape_causes(x_shape: tuple, d: int, m: int) -> dict[str, list]:
    """{gradient: [(test(got shape), diagnosis name, words)]}: the known wrong shapes of dx,
    dW and db, from the shapes of the layer's API alone (dx like x, dW like W, db like b)."""
    n, nd = x_shape[0], len(x_shape) > 2
    return {
        "dx": [
            (lambda s: nd and s == (n, d), "dx_not_reshaped",
             f"dx has the flattened shape (N, D) = {(n, d)}, but x came in as "
             f"{tuple(x_shape)}: reshape it back to the shape x had in forward, "
             f"dx.reshape(*self.original_x_shape)"),
            (lambda s: s == (d, n), "dx_transposed",
             f"dx has shape (D, N) = {(d, n)}, the transpose: dx = dout · Wᵀ, (N, M)·(M, D) → "
             f"(N, D). Check the order of the factors of np.dot"),
        ],
        "dW": [
            (lambda s: s == (m, d), "dW_transposed",
             f"dW has shape (M, D) = {(m, d)}: dW = xᵀ · dout, (D, N)·(N, M) → (D, M) = "
             f"{(d, m)}; dout.T · x gives its transpose"),
            (lambda s: nd and len(s) > 2, "dW_from_nd_x",
             f"dW was computed from the N-d input {tuple(x_shape)} (its .T reverses all "
             f"{len(x_shape)} axes): use the flattened x of shape (N, D) = {(n, d)}, "
             f"dW = x2d.T · dout. Save the flattened x in forward"),
            (lambda s: s == (n, m), "dW_is_dout",
             "dW has dout's shape (N, M): dW = xᵀ · dout has W's shape (D, M)"),
        ],
        "db": [
            (lambda s: s == (n, m), "bias_not_summed",
             f"db has shape {(n, m)}, one row per sample: the bias b is shared by every "
             "sample, so its gradient is dout summed over the batch axis: "
             "db = np.sum(dout, axis=0)"),
            (lambda s: s == (n,), "db_wrong_axis",
             f"db has shape {(n,)}, one value per sample: dout was summed over axis 1 (the "
             f"outputs) instead of axis 0 (the batch). db has one entry per output, shape "
             f"(M,) = {(m,)}"),
            (lambda s: s == (), "db_sum_all",
             "db is a single number: np.sum(dout) without an axis adds up everything. Sum "
             "over the batch only, np.sum(dout, axis=0), one entry per output"),
            (lambda s: s == (1, m), "db_keepdims",
             f"db has shape (1, M) = {(1, m)}: b has shape (M,), so drop keepdims, "
             "np.sum(dout, axis=0)"),
        ],
    }


GRADIENT_SHAPE = ("a gradient has the shape of the quantity it belongs to (dx like x, dW like "
                  "W, db like b)")


def gradient_shape_diagnosis(key: str, got_shape: tuple, x_shape: tuple, d: int, m: int
                             ) -> tuple[str, str]:
    """(diagnosis name, words) for a gradient of the wrong shape."""
    for test, name, words in gradient_shape_causes(x_shape, d, m)[key]:
        if test(tuple(got_shape)):
            return name, words
    return "wrong_shape", GRADIENT_SHAPE


def _expect_shape(key: str, what: str, got, shape: tuple, case: Case) -> None:
    """got must be an array of exactly `shape`, the shape of the quantity it belongs to."""
    values = numbers(got)
    if values is None:
        raise fail(f"✗ {what} should be a numpy array of shape {shape}, but is "
                   f"{type(got).__name__}.", "returned_none" if got is None else "wrong_type",
                   cause="`return dx` is missing at the end of backward" if got is None else
                   f"a {type(got).__name__} where a numpy array of shape {shape} belongs",
                   section=SECTION_BATCH)
    if values.shape == shape:
        return
    name, words = gradient_shape_diagnosis(key, values.shape, case.x.shape, case.d, case.m)
    raise fail(f"✗ {what} has shape {values.shape}, expected {shape}.", name, cause=words,
               section=SECTION_BATCH)


def _gradient_shapes(case: Case, dx, dW, db) -> None:
    _expect_shape("dx", f"dx from Affine.backward ({case.describe()})", dx, case.x.shape, case)
    _expect_shape("dW", f"Affine.dW ({case.describe()})", dW, case.W.shape, case)
    _expect_shape("db", f"Affine.db ({case.describe()})", db, case.b.shape, case)


# =========================================================================== Affine

PARAMETER_COPIED = ("__init__ keeps a copy ({name}.copy(), np.array({name}), .astype(...)). "
                    "Store the array itself, self.{name} = {name}, so that the network and the "
                    "layer share it")


def affine_forward(Affine, seed: int | None = None) -> None:
    """forward of a batch of 1, of N, of N-d inputs and of an MNIST-sized batch: it runs,
    returns (N, M), leaves x alone; the layer uses the very arrays W and b it was given."""
    rng = rng_for("affine_forward", seed)
    for kind in ("single", "batch", "nd", "nd", "large"):
        case = draw_case(rng, kind)
        checked_forward(_new_layer(Affine, case.W, case.b), case)
        behaviour.check_input_not_mutated(lambda case=case: Affine(case.W.copy(),
                                                                   case.b.copy()),
                                          (case.x,), section=SECTION_BATCH)
    _expect_shared_parameters(Affine, draw_case(rng, "batch"), rng)


def _expect_shared_parameters(Affine, case: Case, rng: np.random.Generator) -> None:
    """A training step changes W and b in place (W -= lr·dW): the layer must see that, so
    its output must move when they move (x has no zero row, the change none either)."""
    layer = _new_layer(Affine, case.W, case.b)
    for name, param in (("W", case.W), ("b", case.b)):
        before = checked_forward(layer, case).copy()
        param += rng.uniform(0.5, 1.5, size=param.shape)     # every element moves up
        after = checked_forward(layer, case)
        if np.array_equal(after, before):
            raise fail(f"✗ Affine does not use the {name} it was given: after {name} was "
                       f"changed in place (as a training step does, {name} -= lr·d{name}), "
                       f"forward still gave the old output.", "parameter_copied",
                       cause=PARAMETER_COPIED.format(name=name), section=SECTION_BATCH)


def affine_backward(Affine, seed: int | None = None) -> None:
    """backward of a batch of 1, of N, of an N-d input and of an MNIST-sized batch: shapes
    with named causes, behaviour, and dx, dW, db against numerical derivatives of the
    layer's own forward."""
    rng = rng_for("affine_backward", seed)
    for kind in ("single", "batch", "nd", "large"):
        case = draw_case(rng, kind)

        def make_layer(case=case):
            return _new_layer(Affine, case.W.copy(), case.b.copy())

        layer = make_layer()
        checked_forward(layer, case)
        dx = _backward(layer, case)
        dW, db = _parameter_gradient(layer, "dW"), _parameter_gradient(layer, "db")
        _gradient_shapes(case, dx, dW, db)
        if kind != "large":     # the behaviour of big and small batches is the same
            behaviour.check_behaviour(make_layer, (case.x,), case.dout,
                                      earlier_inputs=(case.x_before,), grad_names=("dx",),
                                      param_grads={"W": "dW", "b": "db"},
                                      out_shape=(case.n, case.m), section=SECTION_BATCH)
        gradcheck.check_layer_backward(make_layer(), (case.x,), case.dout, grad_names=("dx",),
                                       param_grads={"W": "dW", "b": "db"}, layer_name="Affine",
                                       rng=rng, batch_size=case.n, section=SECTION_BATCH)


# =========================================================================== affine_shapes


def as_shape(value) -> tuple | None:
    """value as a tuple of ints when it is a tuple, list or 1-D array of whole numbers."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (tuple, list)):
        return None
    try:
        items = [int(v) for v in value]
    except (TypeError, ValueError):
        return None
    if any(isinstance(v, bool) or v != int(v) for v in value):
        return None
    return tuple(items)


NOT_A_SHAPE = "each entry is a shape: a tuple of ints, like x.shape"


def random_shape_case(rng: np.random.Generator, case: int) -> tuple[tuple, tuple]:
    """Shapes that fit: x (N, d1, d2, …) and W with d1·d2·… rows."""
    n = 1 if case % 3 == 0 else int(rng.integers(2, 9))
    if case % 2 == 0:
        axes = (int(rng.integers(1, 8)),)
    elif rng.random() < 0.3:
        axes = (1, int(rng.choice([4, 28])), int(rng.choice([4, 28])))
    else:
        axes = tuple(int(k) for k in rng.integers(1, 6, size=int(rng.integers(2, 4))))
    return (n, *axes), (int(np.prod(axes)), int(rng.integers(1, 11)))


def affine_shapes(affine_shapes: Callable, seed: int | None = None) -> None:
    """Random x shapes (N = 1 and more, 2-D and N-d) with W shapes that fit: a dict with
    the five keys comes back, each entry a shape (a tuple of ints)."""
    rng = rng_for("affine_shapes", seed)
    for case in range(8):
        x_shape, W_shape = random_shape_case(rng, case)
        text = f"affine_shapes({x_shape}, {W_shape})"
        got = call(affine_shapes, x_shape, W_shape, what=text)
        expect_keys(got, SHAPE_KEYS, text)
        for key in SHAPE_KEYS:
            if as_shape(got[key]) is None:
                shown = f"{type(got[key]).__name__} {got[key]!r}"[:80]
                raise fail(f"✗ {text}['{key}'] should be a shape, a tuple of ints, but is "
                           f"{shown}.", f"shape_{key}", cause=NOT_A_SHAPE,
                           section=SECTION_BATCH)


# =========================================================================== Center


def _center_array(what: str, got, shape: tuple, stage: str):
    """got must be a numpy array of `shape`, the shape of x (N, D)."""
    values = numbers(got)
    if values is None:
        raise fail(f"✗ {what} should be a numpy array of shape {shape}, but is "
                   f"{type(got).__name__}.", "returned_none" if got is None else "wrong_type",
                   cause=f"`return` is missing at the end of {stage}" if got is None else
                   f"{stage} returns an array of x's shape (N, D)", section=SECTION_CENTER)
    if values.shape != shape:
        raise fail(f"✗ {what} has shape {values.shape}, expected {shape}.", "wrong_shape",
                   cause=f"{stage} keeps x's shape (N, D): every element of x has its own "
                         "output and its own gradient", section=SECTION_CENTER)


def center(Center, seed: int | None = None) -> None:
    """Random (N, D) with N in 2..8 and D in 1..6 (and one D = N): forward and backward
    run and keep x's shape, the behaviour checks, and dx against numerical derivatives of
    the student's own forward."""
    rng = rng_for("center", seed)
    for number in range(4):
        n = int(rng.integers(2, 9))
        d = n if number == 3 else int(rng.integers(1, 7))
        x, dout = gradcheck.random_array(rng, (n, d)), gradcheck.random_array(rng, (n, d))
        layer = call(Center, what="Center()")
        out = call(method(layer, "forward", "Center"), x.copy(), what="Center.forward")
        _center_array(f"the output of Center.forward for x of shape {(n, d)}", out, (n, d),
                      "forward")
        dx = call(method(layer, "backward", "Center"), dout.copy(), what="Center.backward")
        _center_array(f"dx from Center.backward for x of shape {(n, d)}", dx, (n, d),
                      "backward")
        behaviour.check_behaviour(lambda: Center(), (x,), dout, out_shape=(n, d),
                                  earlier_inputs=(gradcheck.random_array(rng, (n, d)),),
                                  section=SECTION_CENTER)
        gradcheck.check_layer_backward(Center(), (x,), dout, layer_name="Center", rng=rng,
                                       section=SECTION_CENTER)
