"""Judges of lab ch06_softmax_with_loss: softmax, cross_entropy_error, SoftmaxWithLoss.

* ``softmax_test``: a batch, one sample (C,), a batch of one, and scores near ±1000 (a
  naive exp overflows, a max over the whole batch empties a row); the caller's x after the
  call. Causes: every known wrong axis (whole batch, per column, max per column, keepdims).
* ``cross_entropy_error_test``: one-hot and integer labels, one sample (C,) with a one-hot
  t and with t = np.array([k]), a batch of one, and a sample whose true class has
  probability exactly 0 (only the book's delta keeps the loss finite). True classes are
  otherwise likely ones (probability ≥ 0.1), where a loss without the delta differs by
  less than the tolerance.
* ``softmax_with_loss_test``: the loss and dx = dout·(y − t)/N of a fresh layer, backward()
  with its default dout = 1 on another fresh layer, the caller's x and t; one-hot and
  integer labels, N = 1, scores near ±1000; then the loss alone of a batch with a sure but
  wrong sample (probability exactly 0). Causes: the layer's own mistakes, and those of
  softmax and cross_entropy_error seen through the loss.

A numerical backward earns nothing (autograder/judging/numerical.py). While backward runs,
the calls of SoftmaxWithLoss.forward, softmax, cross_entropy_error and numerical_gradient
are counted (an analytic backward makes none, or one softmax to recompute y). Probe cases
hold samples whose true class is unlikely (y_t from 1e-11 to 3e-7) or hopeless (y_t below
1e-21), beside ordinary ones: the book's loss takes log(y + 1e-7), so the derivative of
the loss the layer computes, which every difference quotient approximates, is
(y − t)/N · y_t/(y_t + 1e-7) row by row: half of (y − t)/N or less on those rows, and
~0 on the hopeless ones, where (y − t)/N is −dout/N at the true class. A difference
quotient of a loss written without the delta (log-softmax) is refused by precision:
probes are compared per element to ANALYTIC_K·eps·|dout|/N (tests/test_numerical.py
reports the margins).

* ``softmax_layer_test`` (derived by the student): Softmax.forward (given) and backward on a
  batch, one sample (C,), a batch of one and a square batch; probes hold rows where one
  class dominates by 25-40 (the others have y ~ 1e-11 to 1e-18), where a formula in y is
  exact to rounding relative to each y_k while any difference quotient of the forward loses
  those elements entirely. Causes: the likely slips of the derivation (the direct path only,
  the Softmax-with-Loss shortcut, the wrong axis, a missing factor, no keepdims).

The book's SoftmaxWithLoss.backward ignores dout: a message that finds it starts with that
(BOOK_IGNORES_DOUT), as its first line.

What this course accepts: dx = dout·(y − t)/N, the gradient of the cross-entropy itself,
which the lecture derives (to rounding, whichever way it is written). A backward that
differentiates log(y + 1e-7) exactly (the delta included) is refused, with its own cause
(never "numerical"): its gradient vanishes for a sure but wrong sample, the one that most
needs correcting; the delta is there only to keep the loss finite.
"""
from __future__ import annotations

import numpy as np

from autograder.checks.ch06_softmax_with_loss import (
    BOOK_IGNORES_DOUT,
    CE_IN_PLACE,
    CE_NOT_SUMMED,
    IGNORES_DOUT,
    LABELS_AS_ONE_HOT,
    LABELS_IN_BACKWARD,
    LABELS_IN_FORWARD,
    LOG_ZERO,
    ONE_SAMPLE_BATCH,
    SECTION_CE,
    SECTION_DOUT,
    SECTION_NAN,
    SECTION_OVERFLOW,
    SECTION_SOFTMAX,
    SECTION_SOFTMAX_LAYER,
    SECTION_SWL,
    SOFTMAX_FIRST,
    SOFTMAX_IN_PLACE,
    SOFTMAX_KEEPDIMS,
    SOFTMAX_LAYER_KEEPDIMS,
    SOFTMAX_NOT_FINITE,
    SOFTMAX_ONE_SAMPLE,
    SWL_IN_PLACE,
    SWL_NOT_A_NUMBER,
    SWL_SHAPES,
    backward_raised,
    nan_loss_cause,
)
from autograder.checks.diagnose import Diagnosis, diagnose, matches, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.sections import see
from autograder.judging.judge import (
    Case,
    Finding,
    Judge,
    compare_cases,
    unchanged_arguments,
)
from autograder.judging.layers import explainer, layer_explainer, layer_judge
from autograder.judging.numerical import EPS, Analytic
from autograder.judging.program import Raised, call, get, let, ref, unwatch, watch
from autograder.judging.verdict import CheckVerdict

DELTA = 1e-7           # the book's delta inside the log
LARGE = 1000.0         # scores this large overflow np.exp (exp(710) is already inf)
LIKELY = 0.1           # true classes of regular cases: probability at least this
LOSS_RTOL, LOSS_ATOL = 1e-6, 2e-6   # a loss without the delta differs by ≤ 1e-7/y ≤ 1e-6
DX_RTOL, DX_ATOL = 1e-6, 1e-6       # dx: the delta's 1e-7/y too, and a numerical backward's
                                    # noise (refused on the probes, with its own cause)
ANALYTIC_K = 16        # probe tolerance: ANALYTIC_K·eps·|dout|/N per element
WATCHED = ["SoftmaxWithLoss.forward", "softmax", "cross_entropy_error", "numerical_gradient"]
MOST_CALLS = {"softmax": 1}         # an analytic backward may recompute y = softmax(x)
SECTION_DERIVED = see("ch06_softmax_with_loss", "Deriving the backward pass", "§5.6.3")

CE_GENERIC = ("compare with the formula −(1/N) · Σ_n log(y[n, t_n] + 1e-7): only each "
              "sample's probability of its true class counts, and the loss is the mean over the "
              "N samples.")
SWL_GENERIC = ("the loss differs from the cross-entropy error of softmax(x): check that your "
               "softmax (part 1) and cross_entropy_error (part 2) pass their tests, and that "
               "forward gives cross_entropy_error the probabilities y = softmax(x) and t.")
WHOLE_BATCH = ("softmax was normalised over the whole batch, so the batch sums to 1 instead of "
               "each row: take max and sum per row, np.max(x, axis=1, keepdims=True) and "
               "np.sum(..., axis=1, keepdims=True). With this softmax a study note's network "
               "blew up to NaN and then predicted class 0 for every image (lecture 7, section "
               "9 · Debugging clinic)")
DELTA_IN_BACKWARD = ("dx is the exact derivative of the loss with its delta, −log(y + 1e-7): "
                     "each row shrinks by y_t/(y_t + 1e-7), and a sample whose true class has "
                     "probability ≈ 0 gets no gradient at all, the very sample that most needs "
                     "correcting. The delta only keeps the loss finite; backward is the "
                     "gradient of the cross-entropy itself, dx = dout · (y − t) / N")
Y_SHIFTED = ("dx is dout · (y − t) / N with 1e-7 added to y: the layer's self.y was changed in "
             "place, most likely by cross_entropy_error adding its delta to the array it was "
             "given (y += 1e-7), which is the layer's self.y. Fix cross_entropy_error (part 2): "
             "np.log(y + 1e-7) builds a new array and leaves y alone")


# ====================================================================== the grader's arithmetic


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax_whole_batch(x: np.ndarray) -> np.ndarray:
    """A study note's mistake: one max and one sum over the whole batch."""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _softmax_columns(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _cross_entropy(y: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the batch of −log(y[n, label_n] + delta); y (N, C), labels (N,)."""
    return float(-np.sum(np.log(y[np.arange(len(y)), labels] + DELTA)) / len(y))


def _one_hot(labels, classes: int) -> np.ndarray:
    return np.eye(classes)[labels]


def _scale(rng) -> float:
    return float(rng.choice([0.5, 2.0, 6.0]))


def _large_scores(rng, n: int, c: int) -> np.ndarray:
    """(n, c) scores, rows near +1000 and near −1000 (both signs when n ≥ 2)."""
    signs = rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))
    return LARGE * signs[:, None] + rng.normal(0.0, 3.0, (n, c))


def _likely_labels(rng, scores: np.ndarray) -> np.ndarray:
    """A label per row among the classes of probability ≥ LIKELY (the most likely always
    qualifies): there the delta moves the loss and dx by less than 1e-6 of themselves."""
    with np.errstate(all="ignore"):
        y = _softmax(scores)
    likely = y >= np.minimum(LIKELY, y.max(axis=1, keepdims=True))
    return np.array([rng.choice(np.flatnonzero(row)) for row in likely])


def _loss_cause(got, expected: float, suspects: dict, generic: str, section: str) -> Diagnosis:
    """A known mistake when the loss equals what it gives, else the generic cause (for one
    number the general diagnoses, such as "scaled by a constant", say nothing useful)."""
    values = numbers(got)
    if values is not None and values.size == 1:
        value = np.asarray(float(values.reshape(())))
        for label, (suspect, words) in suspects.items():
            suspect = np.asarray(suspect, dtype=float)
            if not matches(suspect, np.asarray(expected)) and matches(value, suspect):
                return words if isinstance(words, Diagnosis) else \
                    Diagnosis(f"suspect:{label}", words, section)
    return Diagnosis("unexplained", generic, section)




def _strict(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    return compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)


# =========================================================================== softmax


def _softmax_cases(rng):
    """A batch, one sample, a batch of one, then scores near ±1000 (a batch, one sample)."""
    n, c = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    c1 = int(rng.integers(2, 8))
    yield rng.normal(0.0, _scale(rng), (n, c))
    yield rng.normal(0.0, _scale(rng), c1)
    yield rng.normal(0.0, _scale(rng), (1, c))
    yield _large_scores(rng, int(rng.integers(2, 6)), c)
    yield LARGE * rng.choice([-1.0, 1.0]) + rng.normal(0.0, 3.0, c1)


def _softmax_suspects(case, name, want) -> dict:
    """{label: (what a known mistake returns for x, its words)}."""
    x = case.inputs["x"]
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
        if n > 1:
            suspects["whole batch"] = (_softmax_whole_batch(x), Diagnosis(
                "softmax_whole_batch", WHOLE_BATCH, SECTION_SOFTMAX))
    return suspects


def _softmax_explain():
    values = explainer(_softmax_suspects, SECTION_SOFTMAX)

    def explain(name, case, got, want):
        x = case.inputs["x"]
        if name == "after_x":
            return Diagnosis("input_mutated", f"softmax changed its argument x in place: "
                             f"{SOFTMAX_IN_PLACE}", SECTION_SOFTMAX)
        if isinstance(got, Raised):
            if "broadcast" in got.message:
                return Diagnosis("softmax_keepdims", SOFTMAX_KEEPDIMS, SECTION_SOFTMAX)
            if x.ndim == 1 and "axis" in got.message.lower():
                return Diagnosis("softmax_one_sample", SOFTMAX_ONE_SAMPLE, SECTION_SOFTMAX)
            return None
        array = numbers(got)
        if array is not None and array.shape == np.shape(want) and \
                not np.all(np.isfinite(array)):
            return Diagnosis("not_finite", SOFTMAX_NOT_FINITE, SECTION_OVERFLOW)
        return values(name, case, got, want)
    return explain


def softmax_judge(seed):
    rng = rng_for("judge softmax", seed)
    cases = [Case([let("x", x), call("result", "softmax", ref("x")), get("after_x", "x")],
                  inputs={"x": x}) for x in _softmax_cases(rng)]
    return Judge("softmax", cases, explain=_softmax_explain(), decide=_strict, labels={
        "result": "softmax(x)", "after_x": "x after softmax(x) (it must not change)"})


# =========================================================================== cross-entropy


def _ce_cases(rng):
    """(y, t given, true labels (N,), one sample given as (C,)?)."""
    def batch(n, c):
        scores = rng.normal(0.0, _scale(rng), (n, c))
        return _softmax(scores), _likely_labels(rng, scores)

    n, c = int(rng.integers(2, 6)), int(rng.integers(2, 8))
    y, labels = batch(n, c)
    yield y, _one_hot(labels, c), labels, False
    n = int(rng.integers(2, 6))
    c = int(rng.choice([k for k in range(2, 8) if k != n]))
    y, labels = batch(n, c)
    yield y, labels, labels, False
    c = int(rng.integers(2, 11))
    y, labels = batch(1, c)
    yield y[0], _one_hot(labels, c)[0], labels, True
    y, labels = batch(1, c)
    yield y[0], labels, labels, True
    y, labels = batch(1, c)
    yield y, labels, labels, False
    for one_hot in (True, False):   # a sure but wrong answer: probability exactly 0
        n, c = int(rng.integers(2, 6)), int(rng.integers(3, 8))
        y, labels = batch(n, c)
        i = int(rng.integers(n))
        y[i, labels[i]] = 0.0
        y[i] /= y[i].sum()
        yield y, (_one_hot(labels, c) if one_hot else labels), labels, False


def _ce_suspects(case) -> dict:
    y, t, labels, one_sample = (case.inputs[k] for k in ("y", "t", "labels", "one_sample"))
    y2d = y.reshape(1, -1) if one_sample else y
    n, c = y2d.shape
    expected = _cross_entropy(y2d, labels)
    suspects = {
        "no minus": (-expected, "the loss is negative: the log of a probability is ≤ 0, so the "
                                "cross-entropy is −Σ t·log(y + 1e-7) / N; the minus sign is "
                                "missing."),
    }
    if one_sample:
        suspects["not reshaped"] = (expected / c, f"the sum was divided by C = {c}: for one "
                                                  "sample, y.shape[0] is the number of "
                                                  "classes, not N (or np.mean also averaged "
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
    if t.shape != (n, c) and not (one_sample and t.shape == (c,)):
        as_student = np.reshape(t, (1, -1)) if one_sample else t
        try:
            with np.errstate(all="ignore"):
                suspects["labels as one-hot"] = (
                    -np.sum(as_student * np.log(y2d + DELTA)) / n, LABELS_AS_ONE_HOT)
        except ValueError:
            pass        # shapes that do not broadcast raise in the student's code instead
    return suspects


def _ce_explain(name, case, got, want):
    y, t, one_sample = case.inputs["y"], case.inputs["t"], case.inputs["one_sample"]
    if name in ("after_y", "after_t"):
        return Diagnosis("input_mutated", f"cross_entropy_error changed its argument "
                         f"{name[-1]} in place: {CE_IN_PLACE}", SECTION_CE)
    is_labels = t.dtype.kind in "iu" and t.shape != y.shape
    if isinstance(got, Raised):
        if is_labels and not one_sample:
            return Diagnosis("labels_as_one_hot", LABELS_AS_ONE_HOT, SECTION_CE)
        if one_sample:
            return Diagnosis("one_sample_not_reshaped", ONE_SAMPLE_BATCH + (
                " Labels have shape (1,) then: " + LABELS_AS_ONE_HOT if is_labels else ""),
                SECTION_CE)
        return None
    if got is None:
        return Diagnosis("returned_none", "did you forget `return`?", SECTION_CE)
    values = numbers(got)
    if values is None or values.size != 1:
        return Diagnosis("not_a_scalar", CE_NOT_SUMMED, SECTION_CE)
    if not np.all(np.isfinite(values)):
        return Diagnosis("log_of_zero", LOG_ZERO, SECTION_CE)
    return _loss_cause(got, float(want), _ce_suspects(case), CE_GENERIC, SECTION_CE)


def cross_entropy_error_judge(seed):
    rng = rng_for("judge cross_entropy_error", seed)
    cases = [Case([let("y", y), let("t", t),
                   call("result", "cross_entropy_error", ref("y"), ref("t")),
                   get("after_y", "y"), get("after_t", "t")],
                  inputs={"y": y, "t": t, "labels": labels, "one_sample": one_sample})
             for y, t, labels, one_sample in _ce_cases(rng)]
    return Judge("cross_entropy_error", cases, rtol=LOSS_RTOL, atol=LOSS_ATOL,
                 explain=_ce_explain, decide=_strict, labels={
                     "result": "cross_entropy_error(y, t)",
                     "after_y": "y after cross_entropy_error(y, t) (it must not change)",
                     "after_t": "t after cross_entropy_error(y, t) (it must not change)"})


# =========================================================================== SoftmaxWithLoss


def _swl_regular(rng):
    """(x, labels, one-hot?, dout, backward?): one-hot t (N ≠ C), integer labels (N ≠ C),
    N = 1, scores near ±1000, and a sure but wrong sample (the loss alone)."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    if c == n:
        c += 1
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), True, float(rng.uniform(1.5, 3.0)), True
    n = int(rng.integers(2, 5))
    c = int(rng.choice([k for k in range(2, 6) if k != n]))
    x = rng.normal(0.0, _scale(rng), (n, c))
    yield x, _likely_labels(rng, x), False, float(rng.uniform(0.2, 0.7)), True
    c = int(rng.integers(2, 8))
    x = rng.normal(0.0, _scale(rng), (1, c))
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(0.5, 2.0)), True
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = _large_scores(rng, n, c)
    yield x, _likely_labels(rng, x), bool(rng.integers(2)), float(rng.uniform(1.5, 3.0)), True
    n, c = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    x = _large_scores(rng, n, c)
    labels = rng.integers(0, c, size=n)
    i = int(rng.integers(n))          # sample i is sure and wrong: probability exactly 0
    x[i, labels[i]] = np.max(x[i]) - 2 * LARGE
    yield x, labels, bool(rng.integers(2)), 1.0, False


def _swl_probes(rng):
    """Rows of every kind in each probe: an ordinary one (a likely true class), an unlikely
    one (the true score 16-25 below the row's max: y_t ~ 1e-11 to 1e-7) and a hopeless one
    (50-90 below: y_t < 1e-21), and one more of any kind; one-hot t, then integer labels."""
    probes = []
    for one_hot in (True, False):
        c = int(rng.integers(3, 8))
        kinds = ["ordinary", "unlikely", "hopeless"]
        kinds.append(str(rng.choice(kinds)))
        rows, labels = [], []
        for kind in rng.permutation(kinds):
            x = rng.normal(0.0, 1.0, c)
            if kind == "ordinary":
                label = int(_likely_labels(rng, x[None])[0])
            else:
                label = int(rng.integers(c))
                gap = rng.uniform(16.0, 25.0) if kind == "unlikely" else rng.uniform(50, 90)
                x[label] = np.max(np.delete(x, label)) - gap
            rows.append(x)
            labels.append(label)
        x, labels = np.array(rows), np.array(labels)
        probes.append((x, labels, one_hot, float(rng.uniform(0.3, 3.0))))
    return probes


def _swl_case(x, labels, one_hot, dout, backward=True, probe=False) -> Case:
    t = _one_hot(labels, x.shape[1]) if one_hot else labels
    steps = [let("x", x), let("t", t), call("layer", "SoftmaxWithLoss"),
             call("loss", "layer.forward", ref("x"), ref("t"))]
    if backward:
        steps += [watch("calls", WATCHED), call("dx", "layer.backward", dout), unwatch("calls")]
    if backward and not probe:
        steps += [call("layer_default", "SoftmaxWithLoss"),
                  call("loss_default", "layer_default.forward", ref("x"), ref("t")),
                  call("dx_default", "layer_default.backward")]
    if not probe:
        steps += [get("after_x", "x"), get("after_t", "t"), let("kept_y", ref("layer.y"))]
    return Case(steps, inputs={"x": x, "t": t, "labels": labels, "dout": dout}, probe=probe)


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
                "the loss comes from a softmax normalised over the whole batch (a study note's "
                "mistake: np.max(x) and np.sum(exp_x) without an axis), so the batch sums to 1 "
                "instead of each row. Fix softmax (part 1) first.")
            suspects["columns"] = (
                _cross_entropy(_softmax_columns(x), labels),
                "the loss comes from a softmax normalised per column (axis=0). Fix softmax "
                "(part 1) first: each ROW is one sample.")
        suspects["sum, not mean"] = (expected * n, f"the loss is N = {n} times too large: the "
                                                   "loss of a batch is the MEAN over its "
                                                   "samples.")
    return suspects


def _swl_dx_suspects(x: np.ndarray, t: np.ndarray, labels: np.ndarray, dout: float) -> dict:
    """{label: (dx a known mistake returns, its words)} for scores x (N, C), t as given."""
    n, c = x.shape
    y, one_hot = _softmax(x), _one_hot(labels, c)
    good = dout * (y - one_hot) / n
    suspects = {
        "t − y": (-good, "dx has the wrong sign: it is dout · (y − t) / N, the softmax output "
                         "minus the labels, not t − y."),
    }
    if dout != 1.0:
        suspects["ignores dout"] = ((y - one_hot) / n, Diagnosis("suspect:ignores dout",
                                                                 IGNORES_DOUT, SECTION_DOUT))
    if n > 1:
        suspects["no /N"] = (good * n, f"dx is N = {n} times too large (N is the batch size): "
                                       "the loss is the mean over the batch, so divide by N "
                                       "once, dx = dout · (y − t) / N.")
        suspects["/N twice"] = (good / n, f"dx is N = {n} times too small (N is the batch "
                                          "size): the division by N happened twice.")
        with np.errstate(all="ignore"):
            suspects["whole batch"] = (
                dout * (_softmax_whole_batch(x) - one_hot) / n,
                "dx uses a softmax normalised over the whole batch: each ROW must sum to 1. "
                "Fix softmax (part 1) first.")
    if t.shape != x.shape:
        try:
            suspects["labels used directly"] = (dout * (y - t) / n, LABELS_IN_BACKWARD)
        except ValueError:
            pass        # the student's code raises for these shapes instead
    return suspects


class _Records:
    """The whole record of each case, for causes that need more than one value (the
    softmax output a layer kept, to tell where a NaN loss comes from)."""

    def __init__(self):
        self.by_case: dict[int, dict] = {}

    def decide(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        self.by_case = {id(case): record for case, record in zip(judge.cases, got)}
        return compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)

    def of(self, case: Case) -> dict:
        return self.by_case.get(id(case), {})


def _swl_explain(records: _Records):
    def explain(name, case, got, want):
        x, t, labels = case.inputs["x"], case.inputs["t"], case.inputs["labels"]
        is_labels = t.shape != x.shape
        if name in ("after_x", "after_t"):
            return Diagnosis("input_mutated", f"SoftmaxWithLoss.forward changed its argument "
                             f"{name[-1]} in place: {SWL_IN_PLACE}", SECTION_SWL)
        if name in ("loss", "loss_default"):
            return _swl_loss_cause(got, want, x, labels, is_labels, records.of(case))
        if name in ("dx", "dx_default"):
            if isinstance(got, Raised):
                found = backward_raised(got.message, is_labels, name == "dx_default")
                return Diagnosis(found[0], found[1], SECTION_SWL) if found else None
            dout = 1.0 if name == "dx_default" else case.inputs["dout"]
            wanted = numbers(want)
            if wanted is None:
                return None
            diagnosis = diagnose(got, wanted, suspects=_swl_dx_suspects(x, t, labels, dout),
                                 batch_size=len(x), section=SECTION_SWL)
            return None if diagnosis.name == "unexplained" else diagnosis
        return None
    return explain


def _swl_loss_cause(got, want, x, labels, is_labels, record) -> Diagnosis | None:
    if isinstance(got, Raised):
        if is_labels:
            return Diagnosis("labels_in_forward", LABELS_IN_FORWARD, SECTION_SWL)
        if "broadcast" in got.message:
            return Diagnosis("swl_shapes", SWL_SHAPES, SECTION_SWL)
        return None
    if got is None:
        return Diagnosis("returned_none", f"forward returned None: did you forget `return`? "
                         f"{SWL_NOT_A_NUMBER}", SECTION_SWL)
    values = numbers(got)
    if values is None or values.size != 1:
        return Diagnosis("not_a_scalar", SWL_NOT_A_NUMBER, SECTION_SWL)
    value = float(values.reshape(()))
    if value == np.inf:
        return Diagnosis("not_finite", LOG_ZERO, SECTION_CE)
    if not np.isfinite(value):
        return Diagnosis("not_finite", nan_loss_cause(record.get("kept_y"), x.shape),
                         SECTION_NAN)
    return _loss_cause(got, float(want), _swl_loss_suspects(x, labels, float(want)),
                       SWL_GENERIC, SECTION_SWL)


class _SoftmaxWithLossAnalytic(Analytic):
    """The numerical refusal of autograder/judging/numerical.py, except that a backward
    that equals the exact derivative of log(y + 1e-7) to rounding on every probe is named
    for what it is (DELTA_IN_BACKWARD), not called numerical."""

    def from_probes(self, judge, got, want):
        finding = super().from_probes(judge, got, want)
        if finding is None or finding.diagnosis is None or \
                finding.diagnosis.name != "numerical_backward":
            return finding
        probes = [(case, mine.get("dx")) for case, mine in zip(judge.cases, got) if case.probe]
        for derivative, diagnosis in (
                (delta_derivative, Diagnosis("delta_in_backward", DELTA_IN_BACKWARD,
                                             SECTION_DERIVED)),
                (shifted_derivative, Diagnosis("y_changed_in_place", Y_SHIFTED, SECTION_CE))):
            if all(_matches(self, case, dx, derivative(case)) for case, dx in probes):
                return Finding(finding.problem, diagnosis)
        return finding


def delta_derivative(case: Case) -> np.ndarray:
    """dout · ∂/∂x of −Σ t·log(softmax(x) + 1e-7) / N: (y − t)/N · y_t/(y_t + 1e-7) by rows."""
    x, labels, dout = case.inputs["x"], case.inputs["labels"], case.inputs["dout"]
    n = len(x)
    y = _softmax(x)
    y_true = y[np.arange(n), labels]
    return dout * (y - _one_hot(labels, x.shape[1])) / n * (y_true / (y_true + DELTA))[:, None]


def shifted_derivative(case: Case) -> np.ndarray:
    """dout · (y + 1e-7 − t)/N: what backward gives when y was changed by +1e-7 in place."""
    x, labels, dout = case.inputs["x"], case.inputs["labels"], case.inputs["dout"]
    return dout * (_softmax(x) + DELTA - _one_hot(labels, x.shape[1])) / len(x)


def _matches(analytic: Analytic, case: Case, got, expected: np.ndarray) -> bool:
    values = numbers(got)
    if values is None or values.shape != expected.shape or not np.all(np.isfinite(values)):
        return False
    return bool(np.all(np.abs(values - expected) <= analytic.tolerance(case, "dx", expected)))


def analytic_tolerance(case, name, want):
    """ANALYTIC_K·eps·|dout|/N for every element: dx = dout·(y − t)/N is at most |dout|/N,
    and any correct way of writing it (and of writing softmax) rounds at that scale."""
    x, dout = case.inputs["x"], case.inputs["dout"]
    return np.full(np.shape(want), ANALYTIC_K * EPS * abs(dout) / len(x))


class _BookFirstJudge(Judge):
    """A judge whose message starts with how the lab's interface differs from the book's
    when the finding is the book's backward (it ignores dout)."""

    def verdict(self, student, reference) -> CheckVerdict:
        verdict = super().verdict(student, reference)
        if not verdict.passed and verdict.diagnosis.get("name") == "suspect:ignores dout":
            verdict.message = f"{BOOK_IGNORES_DOUT}\n{verdict.message}"
        return verdict


def softmax_with_loss_judge(seed):
    rng = rng_for("judge softmax_with_loss", seed)
    cases = [_swl_case(x, labels, one_hot, dout, backward)
             for x, labels, one_hot, dout, backward in _swl_regular(rng)]
    probe_rng = rng_for("judge softmax_with_loss probes", seed)
    cases += [_swl_case(x, labels, one_hot, dout, probe=True)
              for x, labels, one_hot, dout in _swl_probes(probe_rng)]
    records = _Records()
    return _BookFirstJudge(
        "softmax_with_loss", cases, rtol=DX_RTOL, atol=DX_ATOL, explain=_swl_explain(records),
        decide=records.decide,
        numerical=_SoftmaxWithLossAnalytic("SoftmaxWithLoss.backward", ("dx",),
                                           most_calls=MOST_CALLS, tolerance=analytic_tolerance,
                                           section=SECTION_DERIVED),
        labels={"layer": "SoftmaxWithLoss()", "loss": "SoftmaxWithLoss.forward(x, t)",
                "dx": "SoftmaxWithLoss.backward(dout)",
                "layer_default": "SoftmaxWithLoss()",
                "loss_default": "SoftmaxWithLoss.forward(x, t) of a fresh layer",
                "dx_default": "SoftmaxWithLoss.backward() (default dout = 1)",
                "after_x": "x after the calls (it must not change)",
                "after_t": "t after the calls (it must not change)"})


# =========================================================================== Softmax (a layer)
#
# The backward the student derives: dx = y·(dout − Σ_j dout_j·y_j), row by row. It is
# written here and in the lab's solution only (never in a lecture, a lab's text, a hint or a
# message: the words below name the slips without giving the result).

SOFTMAX_LAYER_K = 32       # probe tolerance, see softmax_layer_tolerance
SOFTMAX_LAYER_WATCHED = ["Softmax.forward", "softmax", "numerical_gradient"]
SOFTMAX_LAYER_CALLS = {"Softmax.forward": 1, "softmax": 1}   # recomputing y once is analytic


def _softmax_backward(y: np.ndarray, dout: np.ndarray) -> np.ndarray:
    return y * (dout - np.sum(dout * y, axis=-1, keepdims=True))


def _softmax_layer_regular(rng, number):
    """A batch (N ≠ C), one sample (C,), a batch of one, a square batch (N = C)."""
    if number == 0:
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 7))
        shape = (n, c + 1 if c == n else c)
    elif number == 1:
        shape = (int(rng.integers(2, 8)),)
    elif number == 2:
        shape = (1, int(rng.integers(2, 7)))
    else:
        k = int(rng.integers(2, 6))
        shape = (k, k)
    return (), (rng.normal(0.0, _scale(rng), shape),), rng.standard_normal(shape)


def _dominated_row(rng, c: int) -> np.ndarray:
    """Scores where one class (or two) leads all others by 25 to 40."""
    x = rng.normal(0.0, 1.0, c)
    leaders = rng.choice(c, size=int(rng.integers(1, 3)) if c > 3 else 1, replace=False)
    others = np.setdiff1d(np.arange(c), leaders)
    x[others] = np.max(x[leaders]) - rng.uniform(25.0, 40.0, size=len(others))
    return x


def _softmax_layer_probes(rng):
    """A batch with dominated rows beside an ordinary one, and one dominated sample (C,)."""
    n, c = int(rng.integers(2, 5)), int(rng.integers(3, 7))
    rows = [_dominated_row(rng, c) for _ in range(n)]
    rows[int(rng.integers(n))] = rng.normal(0.0, 2.0, c)
    x = np.array(rows)
    one = _dominated_row(rng, int(rng.integers(3, 8)))
    return [((), (x,), rng.standard_normal(x.shape)),
            ((), (one,), rng.standard_normal(one.shape))]


def softmax_layer_tolerance(case, name, want):
    """SOFTMAX_LAYER_K·eps·(1 + gap_k)·y_k·(|dout_k| + Σ_j y_j·|dout_j|) per element: every
    term of a correct backward carries the factor y_k, and a softmax written another way
    (log-sum-exp) rounds y_k relative to the gap between x_k and its row's max."""
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.abs(np.asarray(case.inputs["dout"], dtype=float))
    y = _softmax(x)
    gap = np.max(x, axis=-1, keepdims=True) - x
    scale = y * (dout + np.sum(y * dout, axis=-1, keepdims=True))
    return SOFTMAX_LAYER_K * EPS * (1.0 + gap) * scale + np.finfo(float).tiny


def _softmax_layer_suspects(case, name, want) -> dict:
    if name != "grads":
        return {}
    x = np.asarray(case.inputs["inputs"][0], dtype=float)
    dout = np.asarray(case.inputs["dout"], dtype=float)
    y = _softmax(x)
    suspects = {
        "direct path only": (
            dout * y * (1.0 - y),
            ("dx = dout·y·(1 − y) follows only the direct path x_k → e_k → y_k, as if softmax "
             "worked element by element like a sigmoid. Every x_k also reaches every y_j of its "
             "row through the sum S: add the gradients of all those paths (fan-out).")),
        "Softmax-with-Loss shortcut": (
            y - dout,
            ("dx = y − dout copies the Softmax-with-Loss shortcut (y − t) with dout in place of "
             "t. That shortcut holds only for the cross-entropy's own upstream gradient; "
             "softmax alone must pass ANY dout back through its exp, sum and division nodes.")),
        "missing factor": (
            dout - np.sum(dout * y, axis=-1, keepdims=True),
            ("dx lacks the factor that the last nodes of every path contribute: after the "
             "gradients of the paths are added up, the gradient still passes through the "
             "division by S and the exp node on its way back to x_k, and their local "
             "derivatives multiply it.")),
        "sign": (
            -_softmax_backward(y, dout),
            ("dx has the wrong sign: check the sign of the division node's local derivative "
             "with respect to S, and the signs along the paths through S.")),
    }
    if x.ndim == 2 and len(x) > 1:
        per_column = y * (dout - np.sum(dout * y, axis=0, keepdims=True))
        whole = y * (dout - np.sum(dout * y))
        suspects["axis 0"] = (
            per_column,
            ("the sum over the paths through S was taken down the columns (axis=0), over the "
             "samples of the batch: each ROW is its own graph, sum over axis=-1 (the classes of "
             "one sample)."))
        suspects["whole batch"] = (
            whole,
            ("the sum over the paths through S ran over the whole batch (np.sum without an "
             "axis): each ROW is its own graph, sum over the classes of one sample (axis=-1, "
             "keepdims=True)."))
        n, c = x.shape
        if n == c:
            row_sums = np.sum(dout * y, axis=-1)
            suspects["no keepdims"] = (y * (dout - row_sums), SOFTMAX_LAYER_KEEPDIMS)
    return suspects


def _softmax_layer_explain():
    base = layer_explainer("Softmax", _softmax_layer_suspects, SECTION_SOFTMAX_LAYER)

    def explain(name, case, got, want):
        if name == "out" or name.startswith("after_in"):
            return Diagnosis("softmax_first", SOFTMAX_FIRST, SECTION_SOFTMAX)
        if name == "grads" and isinstance(got, Raised):
            if "broadcast" in got.message:
                return Diagnosis("softmax_layer_keepdims", SOFTMAX_LAYER_KEEPDIMS,
                                 SECTION_SOFTMAX_LAYER)
            return base(name, case, got, want)
        return base(name, case, got, want)
    return explain


SOFTMAX_STEPS = ("from the local derivatives of the exp, sum and division nodes that you "
                 "derive, adding up the paths where a value fans out")


def softmax_layer_judge(seed):
    rng = rng_for("judge softmax_layer probes", seed)
    return layer_judge(
        "softmax_layer", "Softmax", _softmax_layer_regular, seed, cases=4,
        probes=_softmax_layer_probes(rng), section=SECTION_SOFTMAX_LAYER,
        watched=SOFTMAX_LAYER_WATCHED, explain=_softmax_layer_explain(),
        analytic=Analytic("Softmax.backward", ("grads",), most_calls=SOFTMAX_LAYER_CALLS,
                          tolerance=softmax_layer_tolerance, section=SECTION_SOFTMAX_LAYER,
                          instead=SOFTMAX_STEPS))


JUDGES = {
    "softmax_test": softmax_judge,
    "cross_entropy_error_test": cross_entropy_error_judge,
    "softmax_with_loss_test": softmax_with_loss_judge,
    "softmax_layer_test": softmax_layer_judge,
}
