"""Hidden checks of lab ch06_softmax_with_loss: softmax, cross_entropy_error, SoftmaxWithLoss.

Each check draws its own random batch sizes (1 and N), class counts and scores, one-hot and
integer labels, and scores of ±1000 that overflow a naive softmax:

* ``softmax``: row-wise results for (N, C), (1, C) and (C,) input, no NaN for huge scores,
  the input left unchanged; suspects for every known wrong axis.
* ``cross_entropy_error``: the mean over the batch with the book's delta, for one-hot and
  integer labels, one sample (C,) and a batch of one; a true class of probability 0.
* ``SoftmaxWithLoss``: the loss, dx = dout·(y − t)/N against numerical gradients through
  the engine (``gradcheck.check_layer_backward``), ``backward()`` with its default dout = 1,
  and the engine's behaviour checks (linear in dout, inputs not mutated, repeatable, latest
  forward, shapes and dtypes, finite for scores of ±1000).

Labels for gradient checks come from ``gradcheck.random_labels(..., scores=...)``: the
book's delta makes the exact gradient differ from (y − t)/N by ~1e-7/y relative, so the
true class is drawn among the likely ones (see its docstring).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import Diagnosis, diagnose, fail, numbers
from autograder.checks.runtime import CheckFailed, call, expect_close, method, rng_for
from autograder.provided.checker import mismatch_message

SECTION_SOFTMAX = "§3.5.1 (softmax) and §3.5.2 (overflow)"
SECTION_CE = "§4.2.2 (cross-entropy error) and §4.2.4 (cross-entropy for a mini-batch)"
SECTION_SWL = "§5.6.3 (Softmax-with-Loss)"
DELTA = 1e-7          # the book's delta inside the log
LARGE = 1000.0        # scores this large overflow np.exp (exp(710) is already inf)
LOSS_RTOL = 1e-6
LOSS_ATOL = 2e-6      # a loss without delta differs by ≤ 1e-7/y ≤ 1e-6 when y ≥ 0.1: not
                      # graded there; the cases with a probability of exactly 0 catch it
DX_RTOL, DX_ATOL = 1e-5, 1e-6   # dx by value; far below the engine's GRAD_RTOL = 1e-3


# =========================================================================== reference


def _softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax of (N, C) or (C,) scores."""
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax_whole_batch(x: np.ndarray) -> np.ndarray:
    """Seed 003: one max and one sum over the whole batch."""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _softmax_columns(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _cross_entropy(y: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the batch of −log(y[n, label_n] + delta); y (N, C), labels (N,)."""
    return float(-np.sum(np.log(y[np.arange(len(y)), labels] + DELTA)) / len(y))


def _one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


# =========================================================================== helpers


def _scale(rng: np.random.Generator) -> float:
    """The spread of ordinary scores: small, moderate or wide."""
    return float(rng.choice([0.5, 2.0, 6.0]))


def _large_scores(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    """(n, c) scores, rows near +1000 and near −1000 (both signs when n ≥ 2)."""
    signs = rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))
    return LARGE * signs[:, None] + rng.normal(0.0, 3.0, (n, c))



def _run(fn: Callable, *args, what: str, cause: Callable[[str], str | None] | str | None = None):
    """call(fn, *args); when it raises (other than unwritten code), add a likely cause.

    cause: a text, or a function of the error message returning one (or None).
    """
    try:
        return call(fn, *args, what=what)
    except CheckFailed as exc:
        text = str(exc)
        found = cause(text) if callable(cause) else cause
        if not found or "not written yet" in text:
            raise
        raise CheckFailed(f"{text}\nLikely cause: {found}") from None


def _expect_unchanged(before: np.ndarray, after: np.ndarray, what: str, argument: str,
                      how: str, section: str) -> None:
    """Fail when a function changed an argument it was given (in-place mutation)."""
    if np.array_equal(before, after, equal_nan=True):
        return
    raise fail(f"✗ {what} changed its argument {argument} in place: the caller's array is "
               f"different after the call.\nLikely cause: {how} Re-read {section}.",
               "input_mutated")


def _expect_number(value, what: str, section: str, cause: str) -> float:
    """value as one float, or CheckFailed when it is not a single number."""
    array = numbers(value)
    if array is None or array.size != 1:
        shape = "None" if value is None else (
            f"an array of shape {array.shape}" if array is not None else type(value).__name__)
        why = "did you forget `return`?" if value is None else cause
        raise fail(f"✗ {what} should return one number, but returned {shape}.\n"
                   f"Likely cause: {why} Re-read {section}.", "not_a_scalar")
    return float(array.reshape(()))


def _expect_loss(name: str, value: float, expected: float, suspects: dict, generic: str,
                 section: str) -> None:
    """Fail unless the loss value ≈ expected; name a suspect, else give the generic cause.

    (For one number, the engine's general diagnoses, such as "scaled by a constant", say
    nothing useful: any two numbers differ by a factor.)
    """
    if abs(value - expected) <= LOSS_ATOL + LOSS_RTOL * abs(expected):
        return
    diagnosis = diagnose(value, expected, suspects=suspects, section=section)
    if not diagnosis.name.startswith("suspect:"):
        diagnosis = Diagnosis("unexplained", generic, section)
    raise fail(mismatch_message(name, value, expected, cause=diagnosis.cause()), diagnosis)


# =========================================================================== softmax

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


def _softmax_error_cause(x: np.ndarray) -> Callable[[str], str | None]:
    def cause(text: str) -> str | None:
        if "broadcast" in text:
            return SOFTMAX_KEEPDIMS
        if x.ndim == 1 and "axis" in text.lower():
            return SOFTMAX_ONE_SAMPLE
        return None
    return cause


def _softmax_suspects(x: np.ndarray) -> dict:
    """{name: (what a known mistake returns for x, plain-words cause)} for 2-D x."""
    with np.errstate(all="ignore"):
        shifted = np.exp(x - np.max(x, axis=-1, keepdims=True))
        suspects = {"not normalised": (shifted, "the exps were not divided by their sum: "
                                                "softmax = exp(x − max) / Σ exp(x − max), row "
                                                "by row.")}
        if x.ndim != 2:
            return suspects
        by_column = np.exp(x - np.max(x, axis=0, keepdims=True))
        suspects["columns"] = (
            _softmax_columns(x),
            "each COLUMN sums to 1: the max and the sum were taken over axis 0, down the batch. "
            "A row is one sample: use axis=1 (or axis=-1) with keepdims=True, so that each ROW "
            "sums to 1.")
        suspects["max per column"] = (
            by_column / np.sum(by_column, axis=1, keepdims=True),
            "the max was taken per column (axis=0), so each element of a row had a different "
            "number subtracted, which changes the result. Subtract each row's own max, "
            "np.max(x, axis=1, keepdims=True).")
        n, c = x.shape
        if n == c:      # a square batch: the shape-(N,) max or sum broadcasts, along the columns
            e = np.exp(x - np.max(x, axis=1))
            suspects["max without keepdims"] = (e / np.sum(e, axis=1, keepdims=True),
                                                SOFTMAX_KEEPDIMS)
            suspects["sum without keepdims"] = (shifted / np.sum(shifted, axis=1),
                                                SOFTMAX_KEEPDIMS)
    return suspects


def _softmax_cases(rng: np.random.Generator):
    """(scores, description): a batch, one sample, a batch of one, then huge scores."""
    n, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    yield rng.normal(0.0, _scale(rng), (n, c)), f"a batch x of shape ({n}, {c})"
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), c1), f"one sample x of shape ({c1},)"
    yield rng.normal(0.0, _scale(rng), (1, c)), f"a batch of one, x of shape (1, {c})"
    # Rows near +1000 and near −1000: a naive exp overflows, a batch-wide max kills a row.
    n2 = int(rng.integers(2, 6))
    yield _large_scores(rng, n2, c), f"a batch of shape ({n2}, {c}) with scores near ±1000"
    yield (LARGE * rng.choice([-1.0, 1.0]) + rng.normal(0.0, 3.0, c1),
           f"one sample of shape ({c1},) with scores near ±1000")


def softmax(softmax, seed: int | None = None) -> None:
    rng = rng_for("softmax", seed)
    for x, description in _softmax_cases(rng):
        name = f"softmax of {description}"
        given = x.copy()
        got = _run(softmax, given, what=name, cause=_softmax_error_cause(x))
        _expect_unchanged(x, given, "softmax", "x",
                          "an in-place operation on x, such as x -= np.max(...): it changes "
                          "the caller's scores. Write x = x - np.max(...) (a new array).",
                          SECTION_SOFTMAX)
        expected = _softmax(x)
        values = numbers(got)
        if (values is not None and values.shape == expected.shape
                and not np.all(np.isfinite(values))):
            raise fail(mismatch_message(name, got, expected,
                                        cause=f"{SOFTMAX_NOT_FINITE} Re-read §3.5.2 (overflow)."),
                       "not_finite")
        expect_close(name, got, expected, suspects=_softmax_suspects(x),
                     logits=x if x.ndim == 2 else None, section=SECTION_SOFTMAX)


# =========================================================================== cross-entropy

LABELS_AS_ONE_HOT = ("integer labels were used as if they were one-hot (t * np.log(y) needs t "
                     "of y's shape; labels have shape (N,)). With labels, pick each sample's "
                     "probability of its true class, y[np.arange(N), t], or turn the labels "
                     "into one-hot rows first.")
ONE_SAMPLE_BATCH = ("One sample comes as a 1-D y of shape (C,): reshape it (and t) to a batch "
                    "of one first, y.reshape(1, C), so that N = 1.")
CE_GENERIC = ("compare with the formula −(1/N) · Σ_n log(y[n, t_n] + 1e-7): only each "
              "sample's probability of its true class counts, and the loss is the mean over the "
              "N samples.")
LOG_ZERO = ("a probability of exactly 0 reached the log: log(0) = −inf, and 0 · log(0) = NaN. "
            "Add the book's delta inside the log, np.log(y + 1e-7): a sure but wrong answer "
            "then costs −log(1e-7) ≈ 16.1 instead of infinity.")


def _ce_suspects(y2d: np.ndarray, labels: np.ndarray, t_given: np.ndarray, one_sample: bool,
                 expected: float) -> dict:
    n, c = y2d.shape
    log_y = np.log(y2d + DELTA)
    suspects = {
        "no minus": (-expected, "the loss is negative: the log of a probability is ≤ 0, so the "
                                "cross-entropy is −Σ t·log(y + 1e-7) / N; the minus sign is "
                                "missing."),
    }
    if one_sample:
        suspects["not reshaped"] = (expected / c, f"the sum was divided by C = {c}: for one "
                                                  "sample, y.shape[0] is the number of "
                                                  f"classes, not N (or np.mean also averaged "
                                                  f"over the classes). {ONE_SAMPLE_BATCH}")
    else:
        suspects["mean over classes"] = (expected / c, f"the loss is C = {c} times too small "
                                                       "(C is the number of classes): np.mean "
                                                       "over the whole array also averages over "
                                                       "the classes. Sum over the classes and "
                                                       "divide by N only.")
    if n > 1:
        suspects["sum, not mean"] = (expected * n, f"the loss is N = {n} times too large: the "
                                                   "cross-entropy of a batch is the MEAN over "
                                                   "its samples, so divide the sum by N "
                                                   "(y.shape[0]).")
    if t_given.shape != (n, c) and not (one_sample and t_given.shape == (c,)):
        as_student = np.reshape(t_given, (1, -1)) if one_sample else t_given
        try:
            with np.errstate(all="ignore"):
                suspects["labels as one-hot"] = (
                    -np.sum(as_student * log_y) / n, LABELS_AS_ONE_HOT)
        except ValueError:
            pass        # shapes that do not broadcast raise in the student's code instead
    return suspects


def _ce_cases(rng: np.random.Generator):
    """(y, t given, true labels (N,), y given as 1-D?, description)."""
    def batch(n, c):
        scores = rng.normal(0.0, _scale(rng), (n, c))
        return _softmax(scores), gradcheck.random_labels(rng, n, c, one_hot=False, scores=scores)

    n, c = int(rng.integers(2, 6)), int(rng.integers(2, 8))
    y, labels = batch(n, c)
    yield y, _one_hot(labels, c), labels, False, f"a batch y of shape ({n}, {c}) with one-hot t"
    n = int(rng.integers(2, 6))
    c = int(rng.choice([k for k in range(2, 8) if k != n]))
    y, labels = batch(n, c)
    yield (y, labels, labels, False,
           f"a batch y of shape ({n}, {c}) with integer labels t of shape ({n},)")
    c = int(rng.integers(2, 11))
    y, labels = batch(1, c)
    yield (y[0], _one_hot(labels, c)[0], labels, True,
           f"one sample y of shape ({c},) with one-hot t of shape ({c},)")
    y, labels = batch(1, c)
    yield (y[0], labels, labels, True,
           f"one sample y of shape ({c},) with its label t = np.array([{labels[0]}])")
    y, labels = batch(1, c)
    yield (y, labels, labels, False,
           f"a batch of one, y of shape (1, {c}), with labels t of shape (1,)")
    # A sure but wrong answer: one sample gives its true class probability 0.
    for one_hot in (True, False):
        n, c = int(rng.integers(2, 6)), int(rng.integers(3, 8))
        y, labels = batch(n, c)
        i = int(rng.integers(n))
        y[i, labels[i]] = 0.0
        y[i] /= y[i].sum()
        kind = "one-hot t" if one_hot else f"labels t of shape ({n},)"
        yield (y, _one_hot(labels, c) if one_hot else labels, labels, False,
               f"a batch y of shape ({n}, {c}) with {kind}, where sample {i} gives its true "
               "class probability 0")


def cross_entropy_error(cross_entropy_error, seed: int | None = None) -> None:
    rng = rng_for("cross_entropy_error", seed)
    for y, t, labels, one_sample, description in _ce_cases(rng):
        name = f"cross_entropy_error(y, t) for {description}"
        is_labels = t.dtype.kind in "iu" and t.shape != y.shape

        def cause(text: str, is_labels=is_labels, one_sample=one_sample) -> str | None:
            if is_labels and not one_sample:
                return LABELS_AS_ONE_HOT
            if one_sample:
                return (ONE_SAMPLE_BATCH + (" Labels have shape (1,) then: " + LABELS_AS_ONE_HOT
                                            if is_labels else ""))
            return None

        y_given, t_given = y.copy(), t.copy()
        got = _run(cross_entropy_error, y_given, t_given, what=name, cause=cause)
        for before, after, argument in ((y, y_given, "y"), (t, t_given, "t")):
            _expect_unchanged(before, after, "cross_entropy_error", argument,
                              "an in-place operation on an argument, such as y += 1e-7: it "
                              "changes the caller's array. Build a new array instead, "
                              "np.log(y + 1e-7).", SECTION_CE)
        y2d = y.reshape(1, -1) if one_sample else y
        expected = _cross_entropy(y2d, labels)
        value = _expect_number(got, name, SECTION_CE,
                               "the losses of the samples were not summed: the result is one "
                               "number, −Σ t·log(y + 1e-7) / N.")
        if not np.isfinite(value):
            raise fail(mismatch_message(name, value, expected,
                                        cause=f"{LOG_ZERO} Re-read §4.2.2 (cross-entropy error)."),
                       "log_of_zero")
        _expect_loss(name, value, expected, _ce_suspects(y2d, labels, t, one_sample, expected),
                     CE_GENERIC, SECTION_CE)


# =========================================================================== SoftmaxWithLoss

IGNORES_DOUT = ("dx does not depend on dout: it is (y − t)/N, the book's code, which assumes "
                "dout = 1. In this course backward multiplies by the gradient from upstream, "
                "dx = dout · (y − t) / N, so that the layer obeys the chain rule when the loss "
                "is scaled or weighted.")
LABELS_IN_BACKWARD = ("with integer labels t of shape (N,), y − t is not y minus the one-hot "
                      "labels: numpy cannot subtract shape (N,) from (N, C), or it subtracts the "
                      "labels along the wrong axis. Turn the labels into one-hot rows in "
                      "forward, np.eye(C)[t], or copy y and subtract 1 at each true class, "
                      "dx[np.arange(N), t] -= 1.")
SWL_GENERIC = ("the loss differs from the cross-entropy error of softmax(x): check that your "
               "softmax (part 1) and cross_entropy_error (part 2) pass their tests, and that "
               "forward gives cross_entropy_error the probabilities y = softmax(x) and t.")
SWL_SHAPES = ("the shapes inside forward do not fit: check that your softmax (part 1) works on a "
              "batch (N, C), with keepdims=True on its max and sum.")
NO_DEFAULT_DOUT = ("give dout a default value, def backward(self, dout=1): the last layer's "
                   "backward is usually called without an argument.")


def _swl_loss_suspects(x: np.ndarray, labels: np.ndarray, expected: float) -> dict:
    n, c = x.shape
    suspects = {
        "no minus": (-expected, "the loss is negative: the cross-entropy is −Σ t·log(y + 1e-7) "
                                "/ N; the minus sign is missing."),
        "mean over classes": (expected / c, f"the loss is C = {c} times too small: np.mean over "
                                            "the (N, C) array also averages over the classes; "
                                            "divide the sum by N only."),
    }
    with np.errstate(all="ignore"):
        from_scores = _cross_entropy(x, labels)
    if np.isfinite(from_scores):
        suspects["scores"] = (from_scores, "the loss was computed from the scores x: give "
                                           "cross_entropy_error the probabilities y = "
                                           "softmax(x), not the scores x.")
    if n > 1:
        with np.errstate(all="ignore"):
            suspects["whole batch"] = (
                _cross_entropy(_softmax_whole_batch(x), labels),
                "the loss comes from a softmax normalised over the whole batch (seed 003: "
                "np.max(x) and np.sum(exp_x) without an axis), so the batch sums to 1 instead "
                "of each row. Fix softmax (part 1) first.")
            suspects["columns"] = (
                _cross_entropy(_softmax_columns(x), labels),
                "the loss comes from a softmax normalised per column (axis=0). Fix softmax "
                "(part 1) first: each ROW is one sample.")
        suspects["sum, not mean"] = (expected * n, f"the loss is N = {n} times too large: the "
                                                   "loss of a batch is the MEAN over its "
                                                   "samples.")
    return suspects


def _swl_dx_suspects(x: np.ndarray, t: np.ndarray, labels: np.ndarray, dout: float) -> dict:
    """{name: (dx a known mistake returns, cause)} for scores x (N, C), t as given."""
    n, c = x.shape
    y, one_hot = _softmax(x), _one_hot(labels, c)
    good = dout * (y - one_hot) / n
    suspects = {
        "t − y": (-good, "dx has the wrong sign: it is dout · (y − t) / N, the softmax output "
                         "minus the labels, not t − y."),
    }
    if dout != 1.0:
        suspects["ignores dout"] = ((y - one_hot) / n, IGNORES_DOUT)
    if n > 1:
        suspects["no /N"] = (good * n, f"dx is N = {n} times too large (N is the batch size): "
                                       "the loss is the mean over the batch, so divide by N "
                                       "once, dx = dout · (y − t) / N.")
        suspects["/N twice"] = (good / n, f"dx is N = {n} times too small (N is the batch "
                                          "size): the division by N happened twice.")
        with np.errstate(all="ignore"):
            suspects["whole batch"] = (
                dout * (_softmax_whole_batch(x) - one_hot) / n,
                "dx uses a softmax normalised over the whole batch (seed 003): each ROW must "
                "sum to 1. Fix softmax (part 1) first.")
    if t.shape != x.shape:
        try:
            suspects["labels used directly"] = (dout * (y - t) / n, LABELS_IN_BACKWARD)
        except ValueError:
            pass        # the student's code raises for these shapes instead
    return suspects


def _nan_loss_cause(layer, x: np.ndarray) -> str:
    """Where a NaN loss comes from, judged by the softmax output the layer kept (self.y)."""
    y = numbers(getattr(layer, "y", None))
    if y is not None and y.shape == x.shape:
        if not np.all(np.isfinite(y)):
            return f"self.y = softmax(x) contains NaN: {SOFTMAX_NOT_FINITE} Re-read §3.5.2."
        if np.allclose(np.sum(y, axis=1), 1.0):
            return ("self.y = softmax(x) is fine, so the NaN comes from the log: the log of a "
                    "negative number, or 0 · log(0). Give cross_entropy_error the probabilities "
                    "self.y, not the scores x, and keep the delta, np.log(y + 1e-7). Re-read "
                    "§4.2.2.")
    return (f"a NaN from softmax or from the log. In softmax: {SOFTMAX_NOT_FINITE} In the log: "
            "log of a negative number (were the scores x given to cross_entropy_error instead "
            "of softmax(x)?) or 0 · log(0) without the delta; use np.log(y + 1e-7). Re-read "
            "§3.5.2 and §4.2.2.")


def _swl_cases(rng: np.random.Generator):
    """(x, t, dout, description, check gradients numerically?)."""
    def draw(n, c, one_hot):
        return gradcheck.random_scores_and_labels(rng, n, c, one_hot=one_hot, scale=_scale(rng))

    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x, t = draw(n, c, True)
    yield x, t, float(rng.uniform(1.5, 3.0)), f"a batch x of shape ({n}, {c}) with one-hot t", True
    n = int(rng.integers(2, 5))
    c = int(rng.choice([k for k in range(2, 6) if k != n]))
    x, t = draw(n, c, False)
    yield (x, t, float(rng.uniform(0.2, 0.7)),
           f"a batch x of shape ({n}, {c}) with integer labels t of shape ({n},)", True)
    c = int(rng.integers(2, 8))
    one_hot = bool(rng.integers(2))
    x, t = draw(1, c, one_hot)
    yield (x, t, 1.0, f"a batch of one, x of shape (1, {c}), with "
           + ("one-hot t" if one_hot else "labels t of shape (1,)"), True)
    # Rows near +1000 and −1000; any class may be the true one (probability 0 is allowed:
    # the delta keeps the loss finite). Checked by value, not by numerical gradients.
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = _large_scores(rng, n, c)
    labels = rng.integers(0, c, size=n)
    i = int(rng.integers(n))          # sample i is sure and wrong: probability exactly 0
    x[i, labels[i]] = np.max(x[i]) - 2 * LARGE
    one_hot = bool(rng.integers(2))
    t = _one_hot(labels, c) if one_hot else labels
    yield (x, t, float(rng.uniform(1.5, 3.0)), f"scores near ±1000, x of shape ({n}, {c}), with "
           + ("one-hot t" if one_hot else f"labels t of shape ({n},)"), False)


def _labels_of(t: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.argmax(t, axis=1) if t.shape == x.shape else t


def softmax_with_loss(SoftmaxWithLoss, seed: int | None = None) -> None:
    rng = rng_for("softmax_with_loss", seed)
    for x, t, dout, description, numerically in _swl_cases(rng):
        labels = _labels_of(t, x)
        is_labels = t.shape != x.shape
        n = x.shape[0]

        def forward_cause(text: str, is_labels=is_labels) -> str | None:
            if is_labels:
                return ("forward must accept integer labels t of shape (N,) as well as one-hot "
                        "t: " + LABELS_AS_ONE_HOT)
            return SWL_SHAPES if "broadcast" in text else None

        # forward: the loss
        layer = call(SoftmaxWithLoss, what="SoftmaxWithLoss()")
        name = f"SoftmaxWithLoss.forward(x, t) for {description}"
        x_given, t_given = x.copy(), t.copy()
        got = _run(method(layer, "forward", "SoftmaxWithLoss"), x_given, t_given, what=name,
                   cause=forward_cause)
        for before, after, argument in ((x, x_given, "x"), (t, t_given, "t")):
            _expect_unchanged(before, after, "SoftmaxWithLoss.forward", argument,
                              "an in-place operation on an argument, such as x -= np.max(...) "
                              "in softmax or t[...] = ... in forward: it changes the caller's "
                              "array. Build new arrays instead (x = x - np.max(...)).",
                              SECTION_SWL)
        expected = _cross_entropy(_softmax(x), labels)
        value = _expect_number(got, name, SECTION_SWL, "forward returns the loss, one number: "
                               "the cross-entropy error of softmax(x) and t.")
        if not np.isfinite(value):
            cause = f"{LOG_ZERO} Re-read §4.2.2." if value == np.inf else _nan_loss_cause(layer, x)
            raise fail(mismatch_message(name, value, expected, cause=cause), "not_finite")
        _expect_loss(name, value, expected, _swl_loss_suspects(x, labels, expected), SWL_GENERIC,
                     SECTION_SWL)

        # backward: runs, with and without dout
        backward_cause = LABELS_IN_BACKWARD if is_labels else None
        _run(method(layer, "backward", "SoftmaxWithLoss"), np.float64(dout),
             what=f"SoftmaxWithLoss.backward(dout={dout:.3g}) for {description}",
             cause=backward_cause)
        layer = call(SoftmaxWithLoss, what="SoftmaxWithLoss()")
        _run(layer.forward, x.copy(), t.copy(), what=name, cause=forward_cause)
        name = f"dx = SoftmaxWithLoss.backward() (default dout = 1) for {description}"
        got = _run(layer.backward, what=name,
                   cause=lambda text: NO_DEFAULT_DOUT if "positional argument" in text
                   else backward_cause)
        expect_close(name, got, (_softmax(x) - _one_hot(labels, x.shape[1])) / n,
                     rtol=DX_RTOL, atol=DX_ATOL, section=SECTION_SWL, batch_size=n, logits=x,
                     suspects=_swl_dx_suspects(x, t, labels, 1.0))

        # backward against numerical gradients of dout · loss, through the engine
        suspects = _swl_dx_suspects(x, t, labels, dout)
        if numerically:
            gradcheck.check_layer_backward(
                call(SoftmaxWithLoss, what="SoftmaxWithLoss()"), (x, t), dout,
                layer_name="SoftmaxWithLoss", rng=rng, suspects={"dx": suspects},
                batch_size=n, section=SECTION_SWL)
        else:
            layer = call(SoftmaxWithLoss, what="SoftmaxWithLoss()")
            _run(layer.forward, x.copy(), t.copy(), what=name)
            name = f"dx = SoftmaxWithLoss.backward(dout={dout:.3g}) for {description}"
            got = _run(layer.backward, np.float64(dout), what=name, cause=backward_cause)
            expect_close(name, got, dout * (_softmax(x) - _one_hot(labels, x.shape[1])) / n,
                         rtol=DX_RTOL, atol=DX_ATOL, section=SECTION_SWL, batch_size=n,
                         suspects=suspects)

    # behaviour: linear in dout, inputs unchanged, repeatable, latest forward, shapes, ±1000
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    one_hot = bool(rng.integers(2))
    x, t = gradcheck.random_scores_and_labels(rng, n, c, one_hot=one_hot, scale=2.0)
    x_earlier, t_earlier = gradcheck.random_scores_and_labels(rng, n, c, one_hot=one_hot, scale=2.0)
    x_large = _large_scores(rng, n, c)
    t_large = gradcheck.random_labels(rng, n, c, one_hot=one_hot)
    behaviour.check_behaviour(SoftmaxWithLoss, (x, t), float(rng.uniform(1.5, 3.0)),
                              earlier_inputs=(x_earlier, t_earlier),
                              large_inputs=(x_large, t_large), section=SECTION_SWL)
