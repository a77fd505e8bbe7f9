"""Hidden checks of lab ch05_affine: the shapes in an Affine layer, and the Affine layer.

Every check draws its own random cases (seeded by ``rng_for``): a batch of one and of N,
2-D inputs (N, D) and N-d inputs (N, d1, d2, …) such as (N, 1, 4, 4), and an MNIST-sized
(N, 1, 28, 28) batch whose gradients are checked along random directions. Forward is
compared with x.reshape(N, -1)·W + b; backward first gets named diagnoses for wrong shapes
(dx not reshaped back, dW transposed, db not summed or summed over the wrong axis), then
the engine's behaviour checks (dout and x not mutated, linear in dout, repeatable, uses
the latest forward, shapes and dtypes), then numerical gradients of dx, dW and db with
this chapter's known mistakes as suspects.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import (
    CheckFailed,
    call,
    expect_close,
    expect_keys,
    method,
    rng_for,
)
from autograder.provided.checker import mismatch_message

SECTION = "§5.6.1 (Affine layer)"
SECTION_BATCH = "§5.6.2 (batch Affine layer)"
FLATTEN = "x.reshape(x.shape[0], -1)"
PRODUCTS = ("the shapes of a matrix product must chain: out = x·W is (N, D)·(D, M) → "
            "(N, M); dx = dout · Wᵀ is (N, M)·(M, D) → (N, D); dW = xᵀ · dout is "
            "(D, N)·(N, M) → (D, M)")


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

    @property
    def x2d(self) -> np.ndarray:
        return self.x.reshape(self.n, -1)

    def out(self) -> np.ndarray:
        return self.x2d @ self.W + self.b

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
    d = math.prod(axes)
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


def _forward(layer, case: Case):
    """layer.forward on a copy of case.x; a crash on an N-d input explains the flattening."""
    given = case.x.copy()
    try:
        out = call(method(layer, "forward", "Affine"), given, what="Affine.forward")
    except CheckFailed as error:
        text = str(error)
        if " raised ValueError" not in text:      # np.dot's complaint about shapes
            raise
        if case.x.ndim > 2:
            cause = (f"forward must first flatten an N-d input to (N, D) — {FLATTEN}, here "
                     f"{case.x.shape} → {case.x2d.shape} — and only then compute x·W + b. "
                     f"Remember the original shape for backward. Re-read {SECTION_BATCH}.")
        else:
            cause = f"{PRODUCTS}. Re-read {SECTION}."
        raise fail(f"✗ {text}\n  ({case.describe()})\nLikely cause: {cause}", "raised") from None
    _expect_shape_kept("forward", "x", given, case.x.shape)
    return out


def _expect_shape_kept(where: str, name: str, given: np.ndarray, shape: tuple) -> None:
    """Assigning to arr.shape reshapes the caller's array in place."""
    if given.shape != shape:
        raise fail(f"✗ Affine.{where} changed the shape of the {name} it was given from "
                   f"{shape} to {given.shape}.\nLikely cause: an assignment to {name}.shape "
                   f"reshapes the caller's array in place. Use {name}.reshape(...), which "
                   f"returns a new view and leaves the caller's array alone. Re-read "
                   f"{SECTION_BATCH}.", "input_mutated")


def checked_forward(layer, case: Case) -> None:
    """Run forward and fail with a diagnosis unless it returns x.reshape(N, -1)·W + b."""
    out = _forward(layer, case)
    expected = case.out()
    values = numbers(out)
    if values is not None and values.shape != expected.shape:
        if case.x.ndim > 2 and values.shape == case.x.shape[:-1] + (case.m,):
            cause = (f"forward did not flatten x: np.dot of {case.x.shape} with W works on the "
                     f"last axis only. Flatten first, {FLATTEN} → {case.x2d.shape}. "
                     f"Re-read {SECTION_BATCH}.")
        else:
            cause = (f"the output has one row per sample and one column per output: (N, M) = "
                     f"{expected.shape}; keep the batch axis even when N = 1. Re-read {SECTION}.")
        raise fail(mismatch_message(f"the output of Affine.forward for {case.describe()}", out,
                                    expected, cause=cause), "wrong_output_shape")
    expect_close(f"the output of Affine.forward for {case.describe()}", out, expected,
                 rtol=1e-9, atol=1e-9, section=SECTION, suspects={
                     "no bias": (case.x2d @ case.W, "out equals x·W: the bias is missing, "
                                 "out = x·W + b (b is added to every row)"),
                     "bias subtracted": (case.x2d @ case.W - case.b, "out equals x·W − b: "
                                         "the bias is added, out = x·W + b")})


def _backward(layer, case: Case):
    """layer.backward(dout); a crash from np.dot explains which shapes must chain."""
    given = case.dout.copy()
    try:
        dx = call(method(layer, "backward", "Affine"), given, what="Affine.backward")
    except CheckFailed as error:
        text = str(error)
        if " raised ValueError" not in text:
            raise
        raise fail(f"✗ {text}\n  ({case.describe()}, dout {case.dout.shape})\nLikely cause: "
                   f"{PRODUCTS}. Re-read {SECTION}.", "raised") from None
    _expect_shape_kept("backward", "dout", given, case.dout.shape)
    return dx


def _parameter_gradient(layer, name: str):
    value = getattr(layer, name, None)
    if value is not None:
        return value
    lower = [a for a in getattr(layer, "__dict__", {}) if a.lower() == name.lower() and a != name]
    also = (f" Your layer has `self.{lower[0]}`: Python names are case-sensitive, and the "
            f"network reads self.{name}." if lower else "")
    raise fail(f"✗ Affine.backward did not set self.{name} (it is "
               f"{'missing' if not hasattr(layer, name) else 'None'} after backward).{also}\n"
               f"Likely cause: backward must store the gradient of the "
               f"{'weights' if name == 'dW' else 'bias'} as self.{name} (the book's name). "
               f"Re-read {SECTION_BATCH}.", "missing_attribute")


def _expect_shape(name: str, got, shape: tuple, causes: list, section: str):
    """got must be an array of exactly `shape`; causes: [(test(got_shape), diagnosis, message)]."""
    values = numbers(got)
    placeholder = np.zeros(shape)
    if values is None:
        cause = ("`return dx` is missing at the end of backward" if got is None else
                 f"a {type(got).__name__} where a numpy array of shape {shape} belongs")
        raise fail(mismatch_message(name, got, placeholder, cause=f"{cause}. Re-read {section}."),
                   "returned_none" if got is None else "wrong_type")
    if values.shape == shape:
        return
    for test, diagnosis, message in causes:
        if test(values.shape):
            raise fail(mismatch_message(name, got, placeholder,
                                        cause=f"{message} Re-read {section}."), diagnosis)
    raise fail(mismatch_message(name, got, placeholder, cause=(
        "a gradient has the shape of the quantity it belongs to (dx like x, dW like W, db like "
        f"b). Re-read {section}.")), "wrong_shape")


def _gradient_shapes(case: Case, dx, dW, db) -> None:
    n, d, m, x_shape = case.n, case.d, case.m, case.x.shape
    _expect_shape(f"dx from Affine.backward ({case.describe()})", dx, x_shape, [
        (lambda s: case.x.ndim > 2 and s == (n, d), "dx_not_reshaped",
         f"dx has the flattened shape (N, D) = {(n, d)}, but x came in as {x_shape}: reshape "
         f"it back to the shape x had in forward, dx.reshape(*self.original_x_shape)."),
        (lambda s: s == (d, n), "dx_transposed",
         f"dx has shape (D, N) = {(d, n)}, the transpose: dx = dout · Wᵀ, (N, M)·(M, D) → "
         f"(N, D). Check the order of the factors of np.dot."),
    ], SECTION_BATCH)
    _expect_shape(f"Affine.dW ({case.describe()})", dW, (d, m), [
        (lambda s: s == (m, d), "dW_transposed",
         f"dW has shape (M, D) = {(m, d)}: dW = xᵀ · dout, (D, N)·(N, M) → (D, M) = "
         f"{(d, m)}; dout.T · x gives its transpose."),
        (lambda s: case.x.ndim > 2 and len(s) > 2, "dW_from_nd_x",
         f"dW was computed from the N-d input {x_shape} (its .T reverses all "
         f"{case.x.ndim} axes): use the flattened x of shape (N, D) = {(n, d)}, "
         f"dW = x2d.T · dout. Save the flattened x in forward."),
        (lambda s: s == (n, m), "dW_is_dout",
         "dW has dout's shape (N, M): dW = xᵀ · dout has W's shape (D, M)."),
    ], SECTION_BATCH)
    _expect_shape(f"Affine.db ({case.describe()})", db, (m,), [
        (lambda s: s == (n, m), "bias_not_summed",
         f"db has shape {(n, m)}, one row per sample: the bias b is shared by every sample, "
         "so its gradient is dout summed over the batch axis: db = np.sum(dout, axis=0)."),
        (lambda s: s == (n,), "db_wrong_axis",
         f"db has shape {(n,)}, one value per sample: dout was summed over axis 1 (the outputs) "
         f"instead of axis 0 (the batch). db has one entry per output, shape (M,) = {(m,)}."),
        (lambda s: s == (), "db_sum_all",
         "db is a single number: np.sum(dout) without an axis adds up everything. Sum over "
         "the batch only, np.sum(dout, axis=0), one entry per output."),
        (lambda s: s == (1, m), "db_keepdims",
         f"db has shape (1, M) = {(1, m)}: b has shape (M,), so drop keepdims, "
         "np.sum(dout, axis=0)."),
    ], SECTION_BATCH)


def _suspects(case: Case) -> dict:
    n, d, m, dout, W, x2d = case.n, case.d, case.m, case.dout, case.W, case.x2d
    dx_true = (dout @ W.T).reshape(case.x.shape)
    mean = ("is divided by N = {n}, the batch size: in backward every sample adds its own "
            "contribution and nothing is averaged. The mean over the batch belongs to the "
            "loss, whose 1/N is already inside dout (from Softmax-with-Loss)")
    dx = {"divided by N": (dx_true / n, "dx " + mean.format(n=n))}
    dW = {"divided by N": (x2d.T @ dout / n, "dW " + mean.format(n=n))}
    db = {"mean": (dout.mean(axis=0), "db is the mean of dout over the batch, but it must be "
                   "the sum, np.sum(dout, axis=0): b is added to every sample's output, so "
                   "every sample adds its whole gradient to db (the 1/N of the mean loss is "
                   "already inside dout)."),
          "first sample": (dout[0], "db holds only the first sample's row of dout: sum all "
                           "rows, np.sum(dout, axis=0).")}
    if d == m:      # same shapes: these mistakes give values, not shape errors
        dx["dout·W"] = ((dout @ W).reshape(case.x.shape),
                        "dx = dout · W: the weights must be transposed, dx = dout · Wᵀ "
                        "((N, M)·(M, D) → (N, D)).")
        dW["transposed"] = (dout.T @ x2d, "dW is transposed: dW = xᵀ · dout "
                            "((D, N)·(N, M) → (D, M)); dout.T · x gives its transpose.")
    if n == m:
        db["axis 1"] = (dout.sum(axis=1), "db was summed over axis 1 (the outputs) instead "
                        "of axis 0 (the batch): db = np.sum(dout, axis=0).")
    return {"dx": dx, "dW": dW, "db": db}


# =========================================================================== Affine


def affine_forward(Affine, seed: int | None = None) -> None:
    """forward of a batch of 1, of N, of N-d inputs and of an MNIST-sized batch; x not
    mutated; the layer uses the very arrays W and b it was given."""
    rng = rng_for("affine_forward", seed)
    for kind in ("single", "batch", "nd", "nd", "large"):
        case = draw_case(rng, kind)
        checked_forward(_new_layer(Affine, case.W, case.b), case)
        behaviour.check_input_not_mutated(lambda: Affine(case.W.copy(), case.b.copy()),
                                          (case.x,), section=SECTION_BATCH)
    _expect_shared_parameters(Affine, draw_case(rng, "batch"), rng)


def _expect_shared_parameters(Affine, case: Case, rng: np.random.Generator) -> None:
    """A training step changes W and b in place (W -= lr·dW): the layer must see that."""
    layer = _new_layer(Affine, case.W, case.b)
    checked_forward(layer, case)
    for name, param in (("W", case.W), ("b", case.b)):
        old = case.out()
        param += gradcheck.random_array(rng, param.shape) + 1.0
        out = numbers(_forward(layer, case))
        if out is None or out.shape != old.shape or np.allclose(out, case.out()):
            continue
        if np.allclose(out, old):
            raise fail(f"✗ Affine does not use the {name} it was given: after {name} was "
                       f"changed in place (as a training step does, {name} -= lr·d{name}), "
                       f"forward still gave the old output.\nLikely cause: __init__ keeps a "
                       f"copy ({name}.copy(), np.array({name}), .astype(...)). Store the array "
                       f"itself, self.{name} = {name}, so that the network and the layer share "
                       f"it. Re-read {SECTION_BATCH}.", "parameter_copied")
        checked_forward(layer, case)


def affine_backward(Affine, seed: int | None = None) -> None:
    """backward of a batch of 1, of N, of an N-d input and of an MNIST-sized batch: shapes
    with named causes, behaviour, and numerical gradients of dx, dW and db."""
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
                                       suspects=_suspects(case), rng=rng,
                                       batch_size=case.n, section=SECTION_BATCH)


# =========================================================================== affine_shapes


SHAPE_KEYS = ["x2d", "out", "dx", "dW", "db"]


def _as_shape(value) -> tuple | None:
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


def _shape_causes(x_shape: tuple, W_shape: tuple) -> dict[str, list]:
    n, axes = x_shape[0], x_shape[1:]
    d, m = W_shape
    nd = len(axes) > 1
    return {
        "x2d": [
            (lambda s: nd and s == (n, axes[0]),
             f"D is the product of ALL feature axes, {' · '.join(map(str, axes))} = {d}, not "
             "only the first one."),
            (lambda s: nd and s == (n, axes[-1]),
             f"D is the product of all feature axes, {' · '.join(map(str, axes))} = {d}, not "
             "only the last one."),
            (lambda s: s == x_shape and nd,
             "x2d is x flattened to two axes, (N, D): the batch axis and all features in one "
             "row."),
            (lambda s: s == (n * d,), "the batch axis stays: each sample becomes one row of "
             "D numbers, (N, D)."),
        ],
        "out": [
            (lambda s: s == (n, d), "out = x2d · W is (N, D)·(D, M) → (N, M): the inner D "
             "disappears, M remains."),
            (lambda s: s == (m,), "the batch axis stays: one row of M outputs per sample, "
             "(N, M), even when N = 1."),
            (lambda s: s == (m, n), "out is (N, M), one row per sample, not its transpose."),
        ],
        "dx": [
            (lambda s: nd and s == (n, d),
             f"dx has x's ORIGINAL shape {x_shape}: backward computes dout · Wᵀ as (N, D) and "
             "then reshapes it back to the shape x had in forward."),
            (lambda s: s == (d, n), "dx = dout · Wᵀ is (N, M)·(M, D) → (N, D): not (D, N)."),
        ],
        "dW": [
            (lambda s: s == (m, d), "dW = xᵀ · dout is (D, N)·(N, M) → (D, M): W's own "
             "shape, not its transpose."),
            (lambda s: s == (n, m), "dW has W's shape (D, M), not dout's (N, M)."),
        ],
        "db": [
            (lambda s: s == (n, m), "db is summed over the batch: the bias is shared by every "
             "sample, so db has b's shape (M,), not one row per sample."),
            (lambda s: s == (n,), "db has one entry per output, (M,): summed over the batch "
             "axis 0, not over axis 1."),
            (lambda s: s == (1, m), "db has b's shape (M,), without the extra batch axis of "
             "keepdims."),
        ],
    }


def _expected_shapes(x_shape: tuple, W_shape: tuple) -> dict[str, tuple]:
    n, (d, m) = x_shape[0], W_shape
    return {"x2d": (n, d), "out": (n, m), "dx": x_shape, "dW": (d, m), "db": (m,)}


def _shape_message(call_text: str, key: str, got, expected: tuple, cause: str) -> str:
    shown = _as_shape(got)
    shown = shown if shown is not None else f"{type(got).__name__} {got!r}"[:80]
    return (f"✗ {call_text}['{key}'] is wrong.\n  expected {expected}, got {shown}\n"
            f"Likely cause: {cause} Re-read {SECTION_BATCH}.")


def _random_shape_case(rng: np.random.Generator, case: int) -> tuple[tuple, tuple]:
    n = 1 if case % 3 == 0 else int(rng.integers(2, 9))
    if case % 2 == 0:
        axes = (int(rng.integers(1, 8)),)
    elif rng.random() < 0.3:
        axes = (1, int(rng.choice([4, 28])), int(rng.choice([4, 28])))
    else:
        axes = tuple(int(k) for k in rng.integers(1, 6, size=int(rng.integers(2, 4))))
    return (n, *axes), (math.prod(axes), int(rng.integers(1, 11)))


def affine_shapes(affine_shapes: Callable, seed: int | None = None) -> None:
    """Random x shapes (N = 1 and more, 2-D and N-d) and W shapes: every shape in the dict,
    with a named cause for each known mistake; then a W that does not fit must raise."""
    rng = rng_for("affine_shapes", seed)
    for case in range(8):
        x_shape, W_shape = _random_shape_case(rng, case)
        text = f"affine_shapes({x_shape}, {W_shape})"
        got = _call_fitting(affine_shapes, x_shape, W_shape, text)
        expect_keys(got, SHAPE_KEYS, text)
        causes = _shape_causes(x_shape, W_shape)
        for key, expected in _expected_shapes(x_shape, W_shape).items():
            shape = _as_shape(got[key])
            if shape == expected:
                continue
            if shape is None:
                cause = "each entry is a shape: a tuple of ints, like x.shape."
            else:
                cause = next((message for test, message in causes[key] if test(shape)),
                             "work it out from the products: out = x2d · W, dx = dout · Wᵀ "
                             "reshaped to x's shape, dW = x2dᵀ · dout, db = dout summed over "
                             "the batch.")
            raise fail(_shape_message(text, key, got[key], expected, cause), f"shape_{key}")
    _expect_value_error(affine_shapes, rng)


def _call_fitting(affine_shapes: Callable, x_shape: tuple, W_shape: tuple, text: str):
    """affine_shapes on shapes that fit; a ValueError there gets the product explained."""
    try:
        return call(affine_shapes, x_shape, W_shape, what=text)
    except CheckFailed as error:
        if " raised ValueError" not in str(error):
            raise
        axes = x_shape[1:]
        raise fail(f"✗ {error}\n  but these shapes fit.\nLikely cause: D is the product of "
                   f"ALL feature axes of x, {' · '.join(map(str, axes))} = {math.prod(axes)}, "
                   f"which is W's number of rows here. Raise ValueError only when that product "
                   f"differs from W_shape[0]. Re-read {SECTION_BATCH}.",
                   "wrong_value_error") from None


def _expect_value_error(affine_shapes: Callable, rng: np.random.Generator) -> None:
    x_shape, (d, m) = _random_shape_case(rng, 1)
    wrong_d = d + int(rng.integers(1, 4)) if d == 1 or rng.random() < 0.5 else d - 1
    text = f"affine_shapes({x_shape}, {(wrong_d, m)})"
    cause = (f"x has D = {d} features per sample but W has {wrong_d} rows, so x2d · W cannot "
             f"be computed: check D against W's rows and `raise ValueError(...)` when they "
             f"differ. Re-read {SECTION}.")
    try:
        with np.errstate(all="ignore"):
            got = affine_shapes(x_shape, (wrong_d, m))
    except ValueError:
        return
    except NotImplementedError:
        raise CheckFailed(f"{text} is not written yet (it raises NotImplementedError).") from None
    except Exception as exc:  # any student bug becomes a message
        raise fail(f"✗ {text} raised {type(exc).__name__}: {exc}\n  expected ValueError.\n"
                   f"Likely cause: {cause}", "wrong_exception") from None
    raise fail(f"✗ {text} returned {str(got)[:120]} instead of raising ValueError.\n"
               f"Likely cause: {cause}", "no_value_error")
