"""Hidden checks of lab ch06_softmax_with_loss, on the student's side: how softmax,
cross_entropy_error and SoftmaxWithLoss behave (the judges in
autograder/judging/ch06_softmax_with_loss.py decide their values).

Each check draws its own random batch sizes (1 and N), class counts and scores, one-hot and
integer labels, and scores of ±1000 that overflow a naive softmax:

* ``softmax``: runs on (N, C), (1, C) and (C,) scores (a crash explains keepdims and the
  axis of one sample), returns x's shape, leaves x unchanged, and stays finite for scores
  of ±1000.
* ``cross_entropy_error``: runs on one-hot and integer labels, one sample (C,) and a batch,
  leaves y and t unchanged, returns one number, finite where a true class has probability
  0; the same classes given one-hot or as labels, and one sample given as (C,) or as a
  batch of one (1, C), give the same loss.
* ``SoftmaxWithLoss``: forward returns one number and leaves x and t unchanged, backward
  runs with and without dout and returns x's shape, one-hot and integer labels give the
  same loss and dx, the engine's behaviour checks (linear in dout, inputs not mutated,
  repeatable, latest forward, shapes and dtypes, finite for scores of ±1000), and dx
  agrees with numerical derivatives of the student's own forward.
* ``Softmax`` (derived by the student: the course never writes its backward): forward (given,
  it calls the student's softmax) and backward run on a batch, one sample (C,), a batch of
  one and a square batch (N = C, where a per-row sum without keepdims broadcasts silently),
  return x's shape, the engine's behaviour checks (linear in dout, x and dout not mutated,
  repeatable, latest forward, shapes and dtypes), and dx agrees with numerical derivatives
  of the student's own forward.

Nothing here knows the right values: no softmax, no cross-entropy, no (y − t)/N, no
backward of a softmax. For the
gradient check the true classes are picked among the highest scores of each row (within
LIKELY_GAP of the row's max): the book's loss takes log(y + 1e-7), whose exact derivative
differs from a backward of (y − t)/N by ~1e-7/y relative, negligible for such classes.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import CheckFailed, call, method, rng_for
from autograder.checks.sections import see

SECTION_SOFTMAX = see("ch06_softmax_with_loss", "3 · A batch: one softmax per row", "§3.5.2")
SECTION_OVERFLOW = see("ch06_softmax_with_loss", "2 · Overflow, and the max trick", "§3.5.2")
SECTION_CE = see("ch06_softmax_with_loss", "4 · Cross-entropy error", "§4.2.2 and §4.2.4")
SECTION_SWL = see("ch06_softmax_with_loss", "5 · The Softmax-with-Loss layer", "§5.6.3")
SECTION_NAN = see("ch06_softmax_with_loss", "2 · Overflow, and the max trick", "§3.5.2 and §4.2.2")
SECTION_DOUT = see("ch06_softmax_with_loss", "7 · Why `backward` takes `dout`", "§5.6.3")
SECTION_SOFTMAX_LAYER = see("ch02_chain_rule", "5. Fan-out: when one value is used twice", "§5.6.3 and its appendix A")
LARGE = 1000.0        # scores this large overflow np.exp (exp(710) is already inf)
LIKELY_GAP = 2.0      # labels for gradient checks: a score within this of the row's max
SAME_RTOL, SAME_ATOL = 1e-9, 1e-12   # "the same loss": two ways of giving the same classes

# ---- Causes, in words (the judges name the same mistakes in the same words).
SOFTMAX_KEEPDIMS = ("np.max(x, axis=1) and np.sum(..., axis=1) have shape (N,), and numpy "
                    "lines a shape-(N,) array up with the COLUMNS of an (N, C) array: keep the "
                    "reduced axis, np.max(x, axis=1, keepdims=True) has shape (N, 1) and is "
                    "subtracted from each row.")
SOFTMAX_ONE_SAMPLE = ("softmax must also take one sample, a 1-D x of shape (C,), which has no "
                      "axis 1: use axis=-1 (the last axis, for 1-D and 2-D x alike) or treat "
                      "x.ndim == 1 separately.")
SOFTMAX_NOT_FINITE = ("np.exp overflowed (exp(1000) = inf, and inf / inf = NaN), or every exp "
                      "of a row underflowed to 0 (0 / 0 = NaN) because a larger max from "
                      "another row was subtracted. Subtract each ROW's own max before exp, "
                      "np.max(x, axis=-1, keepdims=True): then the largest exp of every row is "
                      "exp(0) = 1.")
SOFTMAX_IN_PLACE = ("an in-place operation on x, such as x -= np.max(...): it changes the "
                    "caller's scores. Write x = x - np.max(...) (a new array).")
LABELS_AS_ONE_HOT = ("integer labels were used as if they were one-hot (t * np.log(y) needs t "
                     "of y's shape; labels have shape (N,)). With labels, pick each sample's "
                     "probability of its true class, y[np.arange(N), t], or turn the labels "
                     "into one-hot rows first.")
ONE_SAMPLE_BATCH = ("One sample comes as a 1-D y of shape (C,): reshape it (and t) to a batch "
                    "of one first, y.reshape(1, C), so that N = 1.")
LOG_ZERO = ("a probability of exactly 0 reached the log: log(0) = −inf, and 0 · log(0) = NaN. "
            "Add the book's delta inside the log, np.log(y + 1e-7): a sure but wrong answer "
            "then costs −log(1e-7) ≈ 16.1 instead of infinity.")
CE_IN_PLACE = ("an in-place operation on an argument, such as y += 1e-7: it changes the "
               "caller's array. Build a new array instead, np.log(y + 1e-7).")
CE_NOT_SUMMED = ("the losses of the samples were not summed: the result is one number, "
                 "−Σ t·log(y + 1e-7) / N.")
BOOK_IGNORES_DOUT = ("The book's SoftmaxWithLoss.backward ignores dout; this lab's backward "
                     "multiplies its result by dout, the gradient from upstream.")
IGNORES_DOUT = ("dx does not depend on dout: it is the book's result, which assumes dout = 1. "
                "In this course backward multiplies by the gradient from upstream, dout, so "
                "that the layer obeys the chain rule when the loss is scaled or weighted.")
LABELS_IN_BACKWARD = ("with integer labels t of shape (N,), y − t is not y minus the one-hot "
                      "labels: numpy cannot subtract shape (N,) from (N, C), or it subtracts the "
                      "labels along the wrong axis. Turn the labels into one-hot rows in "
                      "forward, np.eye(C)[t], or copy y and subtract 1 at each true class, "
                      "dx[np.arange(N), t] -= 1.")
LABELS_IN_FORWARD = ("forward must accept integer labels t of shape (N,) as well as one-hot "
                     "t: " + LABELS_AS_ONE_HOT)
SWL_SHAPES = ("the shapes inside forward do not fit: check that your softmax (part 1) works on "
              "a batch (N, C), with keepdims=True on its max and sum.")
SWL_IN_PLACE = ("an in-place operation on an argument, such as x -= np.max(...) in softmax or "
                "t[...] = ... in forward: it changes the caller's array. Build new arrays "
                "instead (x = x - np.max(...)).")
SWL_NOT_A_NUMBER = ("forward returns the loss, one number: the cross-entropy error of softmax(x) "
                    "and t.")
NO_DEFAULT_DOUT = ("give dout a default value, def backward(self, dout=1): the last layer's "
                   "backward is usually called without an argument.")
SOFTMAX_FIRST = ("Softmax.forward is given: it returns your softmax of part 1, so the "
                 "difference is there. Fix softmax (part 1) first; its own test cell fails too.")
SOFTMAX_LAYER_KEEPDIMS = ("a sum over each row has shape (N,) without keepdims=True, and numpy "
                          "lines a shape-(N,) array up with the COLUMNS of an (N, C) array (an "
                          "error when N ≠ C, another row's numbers when N = C): keep the reduced "
                          "axis, keepdims=True, so that it has shape (N, 1).")
SOFTMAX_LAYER_SAVED = ("backward reads something forward did not save; forward keeps the "
                       "output as self.y, use that (or store what else you need on the layer).")


# =========================================================================== helpers


def _scale(rng: np.random.Generator) -> float:
    """The spread of ordinary scores: small, moderate or wide."""
    return float(rng.choice([0.5, 2.0, 6.0]))


def _large_scores(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    """(n, c) scores, rows near +1000 and near −1000 (both signs when n ≥ 2)."""
    signs = rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))
    return LARGE * signs[:, None] + rng.normal(0.0, 3.0, (n, c))


def _one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def _likely_labels(rng: np.random.Generator, scores: np.ndarray) -> np.ndarray:
    """One label per row, among the classes whose score is within LIKELY_GAP of the row's
    max (the row's max always qualifies)."""
    near = scores >= scores.max(axis=1, keepdims=True) - LIKELY_GAP
    return np.array([rng.choice(np.flatnonzero(row)) for row in near])


def _probabilities(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    """(n, c) rows of positive numbers that sum to 1 (not a softmax of anything)."""
    y = rng.uniform(0.05, 1.0, (n, c))
    return y / y.sum(axis=1, keepdims=True)


def head(error: Exception) -> str:
    """The first part of a failure's message (without its "Likely cause"), marked with ✗."""
    text = str(error).split("\nLikely cause:", 1)[0]
    return text if text.startswith("✗") else f"✗ {text}"


def _run(fn: Callable, *args, what: str, cause: Callable[[str], str | None] | str | None = None,
         name: str = "raised", section: str | None = None):
    """call(fn, *args); when it raises (other than unwritten code), add a likely cause.

    cause: a text, or a function of the error message returning one (or None, or a pair
    (diagnosis name, text) that overrides ``name``).
    """
    try:
        return call(fn, *args, what=what)
    except CheckFailed as exc:
        text = str(exc)
        found = cause(text) if callable(cause) else cause
        if not found or "not written yet" in text:
            raise
        if isinstance(found, tuple):
            name, found = found
        raise fail(head(exc), name, cause=found, section=section) from None


def _expect_unchanged(before: np.ndarray, after: np.ndarray, what: str, argument: str,
                      how: str, section: str) -> None:
    """Fail when a function changed an argument it was given (in-place mutation)."""
    if before.shape == after.shape and np.array_equal(before, after, equal_nan=True):
        return
    raise fail(f"✗ {what} changed its argument {argument} in place: the caller's array is "
               f"different after the call.", "input_mutated", cause=how, section=section)


def _expect_number(value, what: str, section: str, cause: str) -> float:
    """value as one float, or CheckFailed when it is not a single number."""
    array = numbers(value)
    if array is None or array.size != 1:
        shape = "None" if value is None else (
            f"an array of shape {array.shape}" if array is not None else type(value).__name__)
        why = "did you forget `return`?" if value is None else cause
        raise fail(f"✗ {what} should return one number, but returned {shape}.", "not_a_scalar",
                   cause=why, section=section)
    return float(array.reshape(()))


def _expect_finite(value: float, what: str, cause: str, name: str, section: str) -> None:
    if not np.isfinite(value):
        raise fail(f"✗ {what} is {value}: the loss must be a finite number.", name, cause=cause,
                   section=section)


def _expect_same(what: str, value, other, how: str, cause: str, section: str) -> None:
    """Two ways of asking the same question must give the same answer."""
    a, b = numbers(value), numbers(other)
    if a is not None and b is not None and a.shape == b.shape and np.allclose(
            a, b, rtol=SAME_RTOL, atol=SAME_ATOL):
        return
    def shown(v) -> str:
        if numbers(v) is None:
            return type(v).__name__
        return np.array2string(np.asarray(v, dtype=float), precision=6, threshold=8)

    raise fail(f"✗ {what} differ: {shown(value)} with {how[0]}, {shown(other)} with {how[1]}.",
               "inconsistent", cause=cause, section=section)


# =========================================================================== softmax


def _softmax_error_cause(x: np.ndarray) -> Callable[[str], str | None]:
    def cause(text: str) -> str | None:
        if "broadcast" in text:
            return "softmax_keepdims", SOFTMAX_KEEPDIMS
        if x.ndim == 1 and "axis" in text.lower():
            return "softmax_one_sample", SOFTMAX_ONE_SAMPLE
        return None
    return cause


def _softmax_cases(rng: np.random.Generator):
    """(scores, description): a batch, one sample, a batch of one, then huge scores."""
    n, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    yield rng.normal(0.0, _scale(rng), (n, c)), f"a batch x of shape ({n}, {c})"
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), c1), f"one sample x of shape ({c1},)"
    yield rng.normal(0.0, _scale(rng), (1, c)), f"a batch of one, x of shape (1, {c})"
    n2 = int(rng.integers(2, 6))
    yield _large_scores(rng, n2, c), f"a batch of shape ({n2}, {c}) with scores near ±1000"
    yield (LARGE * rng.choice([-1.0, 1.0]) + rng.normal(0.0, 3.0, c1),
           f"one sample of shape ({c1},) with scores near ±1000")


def softmax(softmax, seed: int | None = None) -> None:
    rng = rng_for("softmax", seed)
    for x, description in _softmax_cases(rng):
        name = f"softmax of {description}"
        given = x.copy()
        got = _run(softmax, given, what=name, cause=_softmax_error_cause(x),
                   section=SECTION_SOFTMAX)
        _expect_unchanged(x, given, "softmax", "x", SOFTMAX_IN_PLACE, SECTION_SOFTMAX)
        values = numbers(got)
        if values is None or values.shape != x.shape:
            shown = "None" if got is None else (
                f"shape {values.shape}" if values is not None else type(got).__name__)
            raise fail(f"✗ {name} should be an array of x's shape {x.shape}, but is {shown}.",
                       "returned_none" if got is None else "wrong_shape",
                       cause="did you forget `return`?" if got is None else
                       "softmax gives one probability per score: an array of x's shape",
                       section=SECTION_SOFTMAX)
        if not np.all(np.isfinite(values)):
            raise fail(f"✗ {name} contains NaN or inf.", "not_finite", cause=SOFTMAX_NOT_FINITE,
                       section=SECTION_OVERFLOW)


# =========================================================================== cross-entropy


def _ce_error_cause(is_labels: bool, one_sample: bool) -> Callable[[str], tuple | None]:
    def cause(text: str) -> tuple | None:
        if is_labels and not one_sample:
            return "labels_as_one_hot", LABELS_AS_ONE_HOT
        if one_sample:
            return "one_sample_not_reshaped", (ONE_SAMPLE_BATCH + (
                " Labels have shape (1,) then: " + LABELS_AS_ONE_HOT if is_labels else ""))
        return None
    return cause


def _ce_loss(cross_entropy_error, y, t, description: str, one_sample: bool) -> float:
    """The loss for y and t (copies), checked: it runs, leaves y and t alone, is one number."""
    name = f"cross_entropy_error(y, t) for {description}"
    is_labels = t.dtype.kind in "iu" and t.shape != y.shape
    y_given, t_given = y.copy(), t.copy()
    got = _run(cross_entropy_error, y_given, t_given, what=name,
               cause=_ce_error_cause(is_labels, one_sample), section=SECTION_CE)
    for before, after, argument in ((y, y_given, "y"), (t, t_given, "t")):
        _expect_unchanged(before, after, "cross_entropy_error", argument, CE_IN_PLACE,
                          SECTION_CE)
    value = _expect_number(got, name, SECTION_CE, CE_NOT_SUMMED)
    _expect_finite(value, name, LOG_ZERO, "log_of_zero", SECTION_CE)
    return value


def cross_entropy_error(cross_entropy_error, seed: int | None = None) -> None:
    """Batches with one-hot and integer labels, one sample (C,) with a one-hot t and with a
    label t = np.array([k]), a batch of one; one sample whose true class has probability 0."""
    rng = rng_for("cross_entropy_error", seed)
    for sure_and_wrong in (False, True):        # a batch: labels and one-hot agree
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 8))
        y, labels = _probabilities(rng, n, c), rng.integers(0, c, size=n)
        what = f"a batch y of shape ({n}, {c})"
        if sure_and_wrong:
            i = int(rng.integers(n))
            y[i, labels[i]] = 0.0
            y[i] /= y[i].sum()
            what += f", where sample {i} gives its true class probability 0,"
        by_labels = _ce_loss(cross_entropy_error, y, labels,
                             f"{what} with labels t of shape ({n},)", False)
        one_hot = _ce_loss(cross_entropy_error, y, _one_hot(labels, c),
                           f"{what} with one-hot t", False)
        _expect_same(f"cross_entropy_error for {what}", by_labels, one_hot,
                     ("integer labels", "the same classes one-hot"), LABELS_AS_ONE_HOT,
                     SECTION_CE)
    c = int(rng.integers(2, 11))                # one sample: 1-D and a batch of one agree
    y, label = _probabilities(rng, 1, c), rng.integers(0, c, size=1)
    as_batch = _ce_loss(cross_entropy_error, y, label,
                        f"a batch of one, y of shape (1, {c}), with labels t of shape (1,)",
                        False)
    for t, kind in ((_one_hot(label, c)[0], f"one-hot t of shape ({c},)"),
                    (label, f"its label t = np.array([{label[0]}])")):
        single = _ce_loss(cross_entropy_error, y[0], t,
                          f"one sample y of shape ({c},) with {kind}", True)
        _expect_same("cross_entropy_error for one sample", single, as_batch,
                     (f"y of shape ({c},) and {kind}", f"y of shape (1, {c})"),
                     ONE_SAMPLE_BATCH, SECTION_CE)


# =========================================================================== SoftmaxWithLoss


def _swl_cases(rng: np.random.Generator):
    """(x, labels, one-hot?, dout): one-hot t, integer labels (N ≠ C), a batch of one."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), True, float(rng.uniform(1.5, 3.0))
    n = int(rng.integers(2, 5))
    c = int(rng.choice([k for k in range(2, 6) if k != n]))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), False, float(rng.uniform(0.2, 0.7))
    c = int(rng.integers(2, 8))
    x = rng.normal(0.0, _scale(rng), (1, c))
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(0.5, 2.0))


def _describe(x: np.ndarray, t: np.ndarray) -> str:
    n, c = x.shape
    batch = f"a batch of one, x of shape (1, {c})" if n == 1 else f"a batch x of shape ({n}, {c})"
    return batch + (" with one-hot t" if t.shape == x.shape else
                    f" with integer labels t of shape ({n},)")


def _swl_forward_cause(is_labels: bool) -> Callable[[str], tuple | None]:
    def cause(text: str) -> tuple | None:
        if is_labels:
            return "labels_in_forward", LABELS_IN_FORWARD
        return ("swl_shapes", SWL_SHAPES) if "broadcast" in text else None
    return cause


def _swl_loss(SoftmaxWithLoss, x, t, description: str):
    """A fresh layer and its loss for x and t (copies), checked: forward runs, leaves x and
    t alone, returns one finite number."""
    is_labels = t.shape != x.shape
    layer = call(SoftmaxWithLoss, what="SoftmaxWithLoss()")
    name = f"SoftmaxWithLoss.forward(x, t) for {description}"
    x_given, t_given = x.copy(), t.copy()
    got = _run(method(layer, "forward", "SoftmaxWithLoss"), x_given, t_given, what=name,
               cause=_swl_forward_cause(is_labels), section=SECTION_SWL)
    for before, after, argument in ((x, x_given, "x"), (t, t_given, "t")):
        _expect_unchanged(before, after, "SoftmaxWithLoss.forward", argument, SWL_IN_PLACE,
                          SECTION_SWL)
    value = _expect_number(got, name, SECTION_SWL, SWL_NOT_A_NUMBER)
    if not np.isfinite(value):
        _expect_finite(value, name, LOG_ZERO if value == np.inf else
                       nan_loss_cause(getattr(layer, "y", None), x.shape), "not_finite",
                       SECTION_CE if value == np.inf else SECTION_NAN)
    return layer, value


def nan_loss_cause(kept_y, x_shape: tuple) -> str:
    """Where a NaN loss comes from, judged by the softmax output the layer kept (self.y):
    NaN in it, or rows that sum to 1 (then the log made the NaN)."""
    y = numbers(kept_y)
    if y is not None and y.shape == tuple(x_shape):
        if not np.all(np.isfinite(y)):
            return f"self.y = softmax(x) contains NaN: {SOFTMAX_NOT_FINITE}"
        if np.allclose(np.sum(y, axis=1), 1.0):
            return ("self.y = softmax(x) is fine, so the NaN comes from the log: the log of a "
                    "negative number, or 0 · log(0). Give cross_entropy_error the probabilities "
                    "self.y, not the scores x, and keep the delta, np.log(y + 1e-7).")
    return (f"a NaN from softmax or from the log. In softmax: {SOFTMAX_NOT_FINITE} In the log: "
            "log of a negative number (were the scores x given to cross_entropy_error instead "
            "of softmax(x)?) or 0 · log(0) without the delta; use np.log(y + 1e-7).")


def backward_raised(message: str, is_labels: bool, default: bool) -> tuple[str, str] | None:
    """(diagnosis name, words) for a backward that raised, from its message alone."""
    if default and "positional argument" in message:
        return "no_default_dout", NO_DEFAULT_DOUT
    if is_labels:
        return "labels_in_backward", LABELS_IN_BACKWARD
    return None


def _swl_backward(layer, x, t, dout, description: str):
    """layer.backward(dout), or layer.backward() when dout is None; dx of x's shape."""
    is_labels = t.shape != x.shape
    backward = method(layer, "backward", "SoftmaxWithLoss")
    if dout is None:
        what = f"SoftmaxWithLoss.backward() (default dout = 1) for {description}"
        args = ()
    else:
        what = f"SoftmaxWithLoss.backward(dout={dout:.3g}) for {description}"
        args = (np.float64(dout),)
    try:
        got = call(backward, *args, what=what)
    except CheckFailed as exc:
        found = None if "not written yet" in str(exc) else \
            backward_raised(str(exc), is_labels, dout is None)
        if found is None:
            raise
        raise fail(head(exc), found[0], cause=found[1], section=SECTION_SWL) from None
    values = numbers(got)
    if values is None or values.shape != x.shape:
        shown = "None" if got is None else (
            f"shape {values.shape}" if values is not None else type(got).__name__)
        raise fail(f"✗ dx = {what} should be an array of x's shape {x.shape}, but is {shown}.",
                   "returned_none" if got is None else "wrong_shape",
                   cause="did you forget `return dx`?" if got is None else
                   "dx has the shape of the scores x, (N, C), also for integer labels",
                   section=SECTION_SWL)
    return values


def softmax_with_loss(SoftmaxWithLoss, seed: int | None = None) -> None:
    """The API on each case (one-hot and integer labels agree), the engine's behaviour
    checks, then dx against numerical derivatives of the layer's own loss."""
    rng = rng_for("softmax_with_loss", seed)
    cases = list(_swl_cases(rng))
    for x, labels, one_hot, dout in cases:
        c = x.shape[1]
        t, other = (_one_hot(labels, c), labels) if one_hot else (labels, _one_hot(labels, c))
        kinds = ("one-hot t", "integer labels") if one_hot else ("integer labels", "one-hot t")
        layer, loss = _swl_loss(SoftmaxWithLoss, x, t, _describe(x, t))
        dx = _swl_backward(layer, x, t, dout, _describe(x, t))
        layer, _ = _swl_loss(SoftmaxWithLoss, x, t, _describe(x, t))
        _swl_backward(layer, x, t, None, _describe(x, t))
        # the same classes, given the other way: the same loss and the same dx
        other_layer, other_loss = _swl_loss(SoftmaxWithLoss, x, other, _describe(x, other))
        _expect_same(f"the losses of SoftmaxWithLoss.forward for x of shape {x.shape}", loss,
                     other_loss, kinds, LABELS_IN_FORWARD, SECTION_SWL)
        other_dx = _swl_backward(other_layer, x, other, dout, _describe(x, other))
        _expect_same(f"dx = SoftmaxWithLoss.backward(dout={dout:.3g}) for x of shape {x.shape}",
                     dx, other_dx, kinds, LABELS_IN_BACKWARD, SECTION_SWL)

    # behaviour: linear in dout, inputs unchanged, repeatable, latest forward, shapes, ±1000
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    one_hot = bool(rng.integers(2))

    def scores_and_labels():
        x = rng.normal(0.0, 2.0, (n, c))
        labels = _likely_labels(rng, x)
        return x, (_one_hot(labels, c) if one_hot else labels)

    x, t = scores_and_labels()
    x_earlier, t_earlier = scores_and_labels()
    x_large = _large_scores(rng, n, c)
    t_large = gradcheck.random_labels(rng, n, c, one_hot=one_hot)
    behaviour.check_behaviour(SoftmaxWithLoss, (x, t), float(rng.uniform(1.5, 3.0)),
                              earlier_inputs=(x_earlier, t_earlier),
                              large_inputs=(x_large, t_large), section=SECTION_SWL)

    # dx against numerical derivatives of dout · loss, through the engine
    for x, labels, one_hot, dout in cases:
        t = _one_hot(labels, x.shape[1]) if one_hot else labels
        gradcheck.check_layer_backward(
            call(SoftmaxWithLoss, what="SoftmaxWithLoss()"), (x, t), dout,
            layer_name="SoftmaxWithLoss", rng=rng, batch_size=len(x), section=SECTION_SWL)


# =========================================================================== Softmax (a layer)


def _softmax_layer_cases(rng: np.random.Generator):
    """(x, description): a batch (N ≠ C), one sample (C,), a batch of one, a square batch."""
    n, c = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    if n == c:
        c += 1
    yield rng.normal(0.0, _scale(rng), (n, c)), f"a batch x of shape ({n}, {c})"
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), c1), f"one sample x of shape ({c1},)"
    yield rng.normal(0.0, _scale(rng), (1, c)), f"a batch of one, x of shape (1, {c})"
    k = int(rng.integers(2, 6))
    yield rng.normal(0.0, _scale(rng), (k, k)), f"a square batch x of shape ({k}, {k})"


def _softmax_layer_backward_cause(text: str) -> tuple | None:
    if "broadcast" in text:
        return "softmax_layer_keepdims", SOFTMAX_LAYER_KEEPDIMS
    if "AttributeError" in text:
        return "missing_attribute", SOFTMAX_LAYER_SAVED
    return None


def _softmax_layer_forward_cause(text: str) -> tuple | None:
    return "softmax_first", SOFTMAX_FIRST


def _softmax_layer_runs(Softmax, x: np.ndarray, dout: np.ndarray, description: str) -> None:
    """A fresh layer: forward returns x's shape, backward runs and returns x's shape."""
    layer = call(Softmax, what="Softmax()")
    out = _run(method(layer, "forward", "Softmax"), x.copy(),
               what=f"Softmax.forward(x) for {description}", cause=_softmax_layer_forward_cause,
               section=SECTION_SOFTMAX)
    values = numbers(out)
    if values is None or values.shape != x.shape:
        raise fail(f"✗ Softmax.forward(x) for {description} should be an array of x's shape "
                   f"{x.shape}.", "softmax_first", cause=SOFTMAX_FIRST, section=SECTION_SOFTMAX)
    what = f"Softmax.backward(dout) for {description}"
    got = _run(method(layer, "backward", "Softmax"), dout.copy(), what=what,
               cause=_softmax_layer_backward_cause, section=SECTION_SOFTMAX_LAYER)
    values = numbers(got)
    if values is None or values.shape != x.shape:
        shown = "None" if got is None else (
            f"shape {values.shape}" if values is not None else type(got).__name__)
        raise fail(f"✗ dx = {what} should be an array of x's shape {x.shape}, but is {shown}.",
                   "returned_none" if got is None else "wrong_shape",
                   cause="did you forget `return dx`?" if got is None else
                   "dx has the shape of the input x (one number per score), like dout",
                   section=SECTION_SOFTMAX_LAYER)


def softmax_layer(Softmax, seed: int | None = None) -> None:
    """On each case: the calls run and give x's shape, the engine's behaviour checks, then dx
    against numerical derivatives of sum(forward(x) · dout), the student's own forward."""
    rng = rng_for("softmax_layer", seed)
    for x, description in _softmax_layer_cases(rng):
        dout = rng.standard_normal(x.shape)
        _softmax_layer_runs(Softmax, x, dout, description)
        behaviour.check_behaviour(Softmax, (x,), dout,
                                  earlier_inputs=(rng.normal(0.0, 2.0, x.shape),),
                                  section=SECTION_SOFTMAX_LAYER)
        gradcheck.check_layer_backward(call(Softmax, what="Softmax()"), (x,), dout,
                                       layer_name="Softmax", rng=rng,
                                       section=SECTION_SOFTMAX_LAYER)
