"""Refusing a backward computed numerically: points mean that a student wrote the derivative.

A numerical derivative, (f(x + h) − f(x − h)) / 2h or any other stencil or step, through
the provided ``numerical_gradient`` or written inline, can look right to within 1e-8. Two
things give it away, both decided here from plain values:

1. **It calls the forward pass.** While the backward runs, the judge's case counts the
   calls of the layer's forward (or the network's loss, or numerical_gradient) in the
   student's kernel: an analytic backward makes none (or one, recomputing at the same
   point); a numerical one makes two per element. Counts can only take points away, so a
   student who forges them gains nothing.
2. **It cannot be exact where a formula is.** *Probe* cases use inputs on which every
   analytic style is exact to rounding while differences of the forward are not: a ReLU
   input closer to its kink than any step, a saturated sigmoid or tanh (where f(x ± h)
   differ only in the last bits), operands of 10⁶ (where f(x ± h) lose the digits of h).
   There the judge compares at analytic precision: each layer's tolerance is calibrated
   on every correct style in autograder/authoring/variants/ (tests/test_numerical.py
   reports the margins).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from autograder.checks.diagnose import Diagnosis, numbers
from autograder.judging.judge import Case, Finding, Judge
from autograder.judging.program import Raised

EPS = np.finfo(float).eps

# tolerance(case, name, want) -> the largest |got − want| per element on a probe case
Tolerance = Callable[[Case, str, np.ndarray], np.ndarray]


LECTURE = "the formula the lecture derives"
DERIVED = "the one you work out from the graph, node by node"   # derive-it-yourself exercises


def words(backward: str, how: str, section: str, instead: str = LECTURE) -> Diagnosis:
    """instead: what to write in place of the numerical backward (LECTURE, DERIVED, ...)."""
    return Diagnosis("numerical_backward",
                     f"{backward} approximates the derivative numerically ({how}); write the "
                     f"local derivative instead, {instead}", section)


def relative_tolerance(rtol: float, floor: float = 0.0) -> Tolerance:
    """|got − want| ≤ rtol·|want| + floor·max|want| (+ the smallest normal number)."""
    def tolerance(case, name, want):
        scale = float(np.max(np.abs(want), initial=0.0))
        return rtol * np.abs(want) + floor * scale + np.finfo(float).tiny
    return tolerance


@dataclass
class Analytic:
    """How one judge tells an analytic backward from a numerical one.

    backward: what the student wrote, e.g. "Sigmoid.backward";
    grads: the bound names of its results, compared on probe cases at analytic precision;
    most_calls: {watched function: the most calls an analytic backward makes};
    tolerance: per-element tolerance on probe cases (see relative_tolerance);
    section: where the course derives this derivative (the lecture, then the book).
    """
    backward: str
    grads: tuple[str, ...]
    most_calls: dict[str, int] = field(default_factory=dict)
    tolerance: Tolerance = field(default_factory=lambda: relative_tolerance(64 * EPS))
    section: str = ""
    calls: str = "calls"     # the bound name of the counts (unwatch)
    instead: str = LECTURE   # what to write instead (DERIVED where no lecture derives it)

    def from_calls(self, judge: Judge, got: list[dict]) -> Finding | None:
        for record in got:
            counts = record.get(self.calls)
            if not isinstance(counts, dict):
                continue
            for path, count in counts.items():
                value = numbers_or_none(count)
                if value is not None and value > self.most_calls.get(path, 0):
                    how = f"it called {path} {int(value)} times"
                    return Finding(f"{self.backward} called {path} {int(value)} times while "
                                   f"computing its gradient",
                                   words(self.backward, how, self.section,
                                         self.instead))
        return None

    def from_probes(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        for case, mine, theirs in zip(judge.cases, got, want):
            if not case.probe:
                continue
            for name in self.grads:
                if name not in theirs:
                    continue
                finding = self._compare(judge, case, name, mine.get(name), theirs[name])
                if finding:
                    return finding
        return None

    def worst_ratio(self, judge: Judge, got: list[dict], want: list[dict]) -> float:
        """max |got − want| / tolerance over every probe element (≤ 1 passes): how close a
        style comes to being refused, for calibration (tests/test_numerical.py)."""
        worst = 0.0
        for case, mine, theirs in zip(judge.cases, got, want):
            if not case.probe:
                continue
            for name in self.grads:
                pairs = _pairs(mine.get(name), theirs.get(name)) if name in theirs else None
                for values, expected in pairs or []:
                    with np.errstate(all="ignore"):
                        ratio = np.abs(values - expected) / self.tolerance(case, name, expected)
                    worst = max(worst, float(np.nanmax(ratio, initial=0.0))
                                if np.all(np.isfinite(values)) else np.inf)
        return worst

    def _compare(self, judge: Judge, case: Case, name: str, got, want) -> Finding | None:
        words_for = judge.words(name)
        if isinstance(got, Raised):
            return Finding(f"{words_for} raised {got.name}: {got.message}")
        pairs = _pairs(got, want)
        if pairs is None:
            return Finding(f"{words_for} does not have the reference's shape")
        for values, expected in pairs:
            if not np.all(np.isfinite(values)):
                return Finding(f"{words_for} contains NaN or inf",
                               Diagnosis("not_finite", "an overflow: np.exp of a large number "
                                         "is inf, and inf / inf or 0 · inf is NaN", self.section))
            limit = self.tolerance(case, name, expected)
            gap = np.abs(values - expected)
            if np.all(gap <= limit):
                continue
            worst = np.unravel_index(int(np.argmax(gap - limit)), gap.shape) if gap.ndim else ()
            size = max(float(np.max(np.abs(expected), initial=0.0)), np.finfo(float).tiny)
            how = (f"on inputs where the derivative has an exact formula, it is off by "
                   f"{float(np.max(gap)) / size:.1g} of its size")
            at = f" at index {tuple(int(i) for i in worst)}" if gap.ndim else ""
            return Finding(f"{words_for} is {float(values[worst]):.17g}{at}, where the "
                           f"derivative is {float(expected[worst]):.17g}",
                           words(self.backward, how, self.section,
                                         self.instead))
        return None


def numbers_or_none(value) -> float | None:
    array = numbers(value)
    return None if array is None or array.size != 1 else float(array.reshape(()))


def _pairs(got, want):
    """[(got array, want array)] for one result or a tuple of them; None on a mismatch."""
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return None
        pairs = [_pairs(g, w) for g, w in zip(got, want)]
        return None if any(p is None for p in pairs) else [p[0] for p in pairs]
    values, expected = numbers(got), numbers(want)
    if values is None or expected is None:
        return None
    if values.shape != expected.shape:
        if values.size != 1 or expected.size != 1:
            return None
        values = values.reshape(expected.shape)
    return [(values, expected)]
