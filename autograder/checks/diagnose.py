"""Named diagnoses: why does a student's value differ from the expected one?

Each diagnosis is one small function ``(got, expected, ctx) -> Diagnosis | None`` that
recognises one known mistake. ``DIAGNOSES`` lists them in the order they are tried and the
first match wins; ``unexplained`` at the end catches everything else (the message built by
``mismatch_message`` still shows expected vs got at the worst element).

To teach the grader a new mistake: write a function below and put it in ``DIAGNOSES``
before the more general ones. A mistake that only one chapter makes is better passed by
that chapter's check as a *suspect*: ``{name: (array the mistake produces, message)}``.

Shapes: ``got`` is whatever the student returned; ``expected`` is an array of any shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from autograder.provided.checker import CheckFailed, _numbers

# Two arrays "match" (got is what a mistake would give) when they agree to this fraction
# of the larger one's biggest element. Numerical gradients agree with the exact ones to
# ~1e-8 of that (see gradcheck.GRAD_RTOL); genuinely different arrays differ by O(1).
MATCH_RTOL = 1e-4

SOFTMAX_SECTION = "§5.6.3 Softmax-with-Loss"
OVERFLOW_SECTION = "§3.5.2 softmax overflow"
BATCH_AFFINE_SECTION = "§5.6.2 batch Affine"


@dataclass(frozen=True)
class Diagnosis:
    """Why a check failed, as data: it travels from the check to the grade's records
    (results.json, questions.csv, the class report) and is rendered only at the end."""
    name: str                   # short id, e.g. "sign_flipped" (the course's tests use it)
    words: str = ""             # the likely cause, in plain words ("" when none is known)
    section: str | None = None  # the book section to re-read

    def cause(self) -> str:
        """The "Likely cause" text: the words plus the section to re-read."""
        text = self.words if self.words.endswith((".", "?")) else self.words + "."
        return text + (f" Re-read {self.section}." if self.section else "")

    def as_dict(self) -> dict:
        return {"name": self.name, "words": self.words, "section": self.section or ""}


@dataclass
class Context:
    """What a chapter check knows beyond got and expected (all optional)."""
    batch_size: int | None = None           # N, the number of samples in the batch
    section: str | None = None              # the book section about the checked quantity
    suspects: dict = field(default_factory=dict)  # name -> (array, message or Diagnosis)
    match_rtol: float = MATCH_RTOL


# What counts as a number or an array of numbers: the student-visible checker's rule, so that
# the checker's message and the diagnosis never disagree about it.
numbers = _numbers


def matches(a: np.ndarray, b: np.ndarray, rtol: float = MATCH_RTOL) -> bool:
    """a ≈ b, to rtol of the largest magnitude in either (same shapes required)."""
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    scale = max(np.max(np.abs(a), initial=0.0), np.max(np.abs(b), initial=0.0))
    return bool(np.all(np.abs(a - b) <= rtol * scale + 1e-300))


def fitted_factor(got: np.ndarray, expected: np.ndarray) -> float:
    """The c that makes c * expected closest to got (least squares)."""
    return float(np.sum(got * expected) / np.sum(expected * expected))


def _comparable(got, expected):
    """got as an array of expected's shape, or None when shapes/finiteness forbid comparing."""
    values = numbers(got)
    if values is None or not np.all(np.isfinite(values)) or not np.all(np.isfinite(expected)):
        return None
    if values.shape != expected.shape:
        if expected.ndim == 0 and values.size == 1:
            return values.reshape(())
        return None
    return values


def _nonzero(expected):
    return np.any(expected != 0)


# --------------------------------------------------------------------------- diagnoses


def returned_none(got, expected, ctx):
    if got is None:
        return Diagnosis("returned_none", "the function returned None — did you forget "
                         "`return`? (a Python function without `return` gives None)", ctx.section)


def wrong_type(got, expected, ctx):
    if numbers(got) is not None:
        return None
    if isinstance(got, (tuple, list)):
        message = (f"a {type(got).__name__} of {len(got)} values was returned where one array "
                   "was expected: backward returns dx alone for a one-input layer and the "
                   "pair (dx, dy) for a two-input layer; check what you return")
    else:
        message = f"a {type(got).__name__} was returned where a numpy array was expected"
    return Diagnosis("wrong_type", message, ctx.section)


def known_suspect(got, expected, ctx):
    """A chapter-specific mistake: got equals the array that mistake would produce."""
    values = numbers(got)
    if values is None:
        return None
    for name, (suspect, message) in ctx.suspects.items():
        suspect = np.asarray(suspect, dtype=np.float64)
        if matches(suspect, expected):
            continue        # on these inputs the mistake gives the right answer
        if matches(values, suspect, ctx.match_rtol):
            if isinstance(message, Diagnosis):  # a suspect that is a general mistake
                return message
            return Diagnosis(f"suspect:{name}", message, ctx.section)


def not_finite(got, expected, ctx):
    values = numbers(got)
    if values is None or np.all(np.isfinite(values)) or not np.all(np.isfinite(expected)):
        return None
    if np.any(np.isinf(values)) and not np.any(np.isnan(values)) and values.size == 1:
        message = ("got is infinite: log of 0 in a loss — add a tiny delta inside the log, "
                   "np.log(y + 1e-7) (§4.2.2 cross-entropy error) — or an overflow in exp")
    elif np.any(values == -np.inf):
        message = ("got contains -inf: log of 0 — add a tiny delta inside the log, "
                   "np.log(y + 1e-7) (§4.2.2 cross-entropy error)")
    else:
        message = ("got contains NaN or inf: an overflow — np.exp of a large number is inf and "
                   "inf / inf is NaN; subtract the max before exp")
    return Diagnosis("not_finite", message, OVERFLOW_SECTION)


def bias_gradient_not_summed(got, expected, ctx):
    """db with one row per sample: (N, M) whose column sums are the expected (M,)."""
    values = numbers(got)
    if (values is None or values.ndim != 2 or expected.ndim != 1
            or values.shape[1] != expected.shape[0]):
        return None
    if matches(values.sum(axis=0), expected, ctx.match_rtol):
        return Diagnosis("bias_not_summed", f"got has shape {values.shape}, one row per sample: "
                         "the bias is shared by every sample, so its gradient is summed over "
                         "the batch, db = np.sum(dout, axis=0)", BATCH_AFFINE_SECTION)


def transposed_shape(got, expected, ctx):
    values = numbers(got)
    if (values is not None and values.ndim == 2 and expected.ndim == 2
            and values.shape == expected.shape[::-1] and values.shape != expected.shape):
        return Diagnosis("transposed_shape", f"got has shape {values.shape}, the transpose of "
                         f"the expected {expected.shape} — transposed? Check the order of the "
                         "operands of np.dot and which one carries .T (dW = X.T·dout, "
                         "dx = dout·W.T)", ctx.section or "§5.6.1 Affine")


def wrong_shape(got, expected, ctx):
    values = numbers(got)
    if values is None or values.shape == expected.shape:
        return None
    if expected.ndim == 0 and values.size == 1:
        return None         # a number given as a 1-element array is accepted
    return Diagnosis("wrong_shape", f"expected shape {expected.shape}, got {values.shape}: "
                     "a gradient has the shape of the quantity it belongs to "
                     "(dx like x, dW like W)", ctx.section)


def expected_zero(got, expected, ctx):
    """The output does not depend on this quantity at all, yet got is not zero."""
    values = _comparable(got, expected)
    if values is not None and not _nonzero(expected) and np.any(values != 0):
        return Diagnosis("expected_zero", "the output does not change at all when this "
                         "quantity changes, so its gradient must be zero (e.g. every ReLU input "
                         "is ≤ 0, so the mask blocks everything; or a layer uses a copy of a "
                         "parameter instead of the array itself)", ctx.section)


def all_zeros(got, expected, ctx):
    values = _comparable(got, expected)
    if values is not None and not np.any(values) and _nonzero(expected):
        return Diagnosis("all_zeros", "got is zero everywhere: the gradient never reached this "
                         "quantity (a mask that blocks every element, dout not multiplied in, "
                         "or an attribute left at its initial zeros)", ctx.section)


def _scaled(got, expected, ctx):
    """(got as an array, c) when got ≈ c * expected for one constant c; else None."""
    values = _comparable(got, expected)
    if values is None or not _nonzero(expected):
        return None
    factor = fitted_factor(values, expected)
    if matches(values, factor * expected, ctx.match_rtol):
        return values, factor
    return None


def _round(factor: float) -> bool:
    """±n or ±1/n for a small whole n (2, 3, 1/2, …): a factor a slip produces."""
    return any(_near(abs(factor), n) or _near(abs(factor), 1 / n) for n in range(2, 11))


def _near(factor, target):
    return abs(factor - target) <= 1e-3 * abs(target)


def sign_flipped(got, expected, ctx):
    scaled = _scaled(got, expected, ctx)
    if scaled and _near(scaled[1], -1.0):
        return Diagnosis("sign_flipped", "got is exactly −expected: a sign is flipped "
                         "(e.g. t − y instead of y − t, or a lost minus from the ×(−1) or "
                         "the 1/x node, whose derivative is −1/x²)", ctx.section)


def missing_division_by_batch(got, expected, ctx):
    scaled, n = _scaled(got, expected, ctx), ctx.batch_size
    if scaled and n and n > 1 and _near(scaled[1], n):
        return Diagnosis("missing_divide_by_N", f"got is N = {n} times too large (N is the "
                         "batch size): the loss is the mean over the batch, so its gradient "
                         "is divided by N once, dx = (y − t) / N", SOFTMAX_SECTION)


def divided_by_batch_twice(got, expected, ctx):
    scaled, n = _scaled(got, expected, ctx), ctx.batch_size
    if scaled and n and n > 1 and _near(scaled[1], 1.0 / n):
        return Diagnosis("divided_by_N_twice", f"got is N = {n} times too small (N is the "
                         "batch size): the division by N happened twice — do it once, in "
                         "the last layer's backward, and nowhere else", SOFTMAX_SECTION)


def scaled_by_constant(got, expected, ctx):
    scaled = _scaled(got, expected, ctx)
    if not scaled or _near(scaled[1], 1.0) or (scaled[0].size < 2 and not _round(scaled[1])):
        return None     # any single number is "c × expected": only a round c says something
    factor = scaled[1]
    message = f"got is {factor:.4g} × expected everywhere"
    if _near(factor, 2.0):
        message += ": a node counted twice (e.g. dout added to itself, or the same branch "\
                   "back-propagated twice)"
    else:
        message += ": an extra constant factor in the formula"
    return Diagnosis("scaled", message, ctx.section)


def transposed_values(got, expected, ctx):
    values = _comparable(got, expected)
    if (values is not None and values.ndim == 2 and values.shape[0] == values.shape[1]
            and not matches(expected, expected.T) and matches(values, expected.T, ctx.match_rtol)):
        return Diagnosis("transposed", "got is the transpose of expected: check the order of "
                         "the operands of np.dot and which one carries .T", ctx.section)


def unexplained(got, expected, ctx):
    return Diagnosis("unexplained", "none of the common mistakes matches; compare your formula "
                     "with the book step by step, starting at the worst element", ctx.section)


DIAGNOSES = [
    returned_none, wrong_type, known_suspect, not_finite, bias_gradient_not_summed,
    transposed_shape, wrong_shape, expected_zero, all_zeros,
    sign_flipped, missing_division_by_batch, divided_by_batch_twice, scaled_by_constant,
    transposed_values, unexplained,
]


def diagnose(got, expected, *, suspects=None, batch_size=None, section=None,
             rtol=None, atol=None) -> Diagnosis:
    """The first diagnosis in DIAGNOSES that explains why got differs from expected.

    got: the student's value; expected: array of any shape (the correct value);
    suspects: {name: (array the mistake produces, plain-words message)}, tried first;
    batch_size: N; section: where the course (then the book) explains this quantity;
    rtol: the check's own tolerance (a diagnosis never matches more tightly than it);
    atol: accepted so callers can pass their tolerances through, not used.
    """
    ctx = Context(batch_size=batch_size, section=section,
                  suspects=dict(suspects or {}), match_rtol=max(MATCH_RTOL, rtol or 0.0))
    expected = np.asarray(expected, dtype=np.float64)
    with np.errstate(all="ignore"):
        for check in DIAGNOSES:
            found = check(got, expected, ctx)
            if found is not None:
                return found
    raise AssertionError("unreachable: `unexplained` always matches")


def fail(head: str, diagnosis: Diagnosis | str, *, cause: str | None = None,
         section: str | None = None) -> CheckFailed:
    """A CheckFailed whose message is ``head`` and, when known, "Likely cause: …"; it carries
    the diagnosis as data in ``.diagnosis`` (a name given as a string becomes a Diagnosis
    with ``cause`` as its words and ``section`` to re-read)."""
    if isinstance(diagnosis, str):
        diagnosis = Diagnosis(diagnosis, cause or "", section)
    message = f"{head}\nLikely cause: {diagnosis.cause()}" if diagnosis.words else head
    error = CheckFailed(message)
    error.diagnosis = diagnosis
    return error
