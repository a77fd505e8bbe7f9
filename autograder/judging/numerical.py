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

from autograder.checks.diagnose import Diagnosis, numbers, said
from autograder.checks.words import catalogue, say
from autograder.judging.judge import Case, Finding, Judge
from autograder.judging.program import Raised

WORDS = catalogue({
    "numerical.lecture_formula": {"en": "the formula the lecture derives",
                                  "ko": "강의에서 유도한 식"},
    "numerical.derived_formula": {"en": "the one you work out from the graph, node by node",
                                  "ko": "계산 그래프에서 노드 하나씩 직접 구한 식"},
    "numerical.numerical_backward": {
        "en": "{backward} approximates the derivative numerically ({how}); write the local "
              "derivative instead, {instead}",
        "ko": "{backward}: 미분을 수치 미분으로 근사합니다 ({how}). 대신 국소적 미분을 식으로 "
              "쓰세요: {instead}"},
    "numerical.called": {"en": "it called {path} {count} times",
                         "ko": "{path} 호출 {count}번"},
    "numerical.calls_forward": {
        "en": "{backward} called {path} {count} times while computing its gradient",
        "ko": "{backward}: 기울기를 계산하는 동안 {path} 호출이 {count}번 있었습니다"},
    "numerical.raised": {"en": "{label} raised {kind}: {message}",
                         "ko": "{label}에서 {kind} 예외가 발생했습니다: {message}"},
    "numerical.wrong_shape": {"en": "{label} does not have the reference's shape",
                              "ko": "{label}: 형상이 정답과 다릅니다"},
    "numerical.not_finite": {"en": "{label} contains NaN or inf",
                             "ko": "{label}: NaN이나 inf가 있습니다"},
    "numerical.overflow": {
        "en": "an overflow: np.exp of a large number is inf, and inf / inf or 0 · inf is NaN",
        "ko": "오버플로입니다. 큰 수의 np.exp는 inf이고, inf / inf나 0 · inf는 NaN입니다"},
    "numerical.off_on_exact_inputs": {
        "en": "on inputs where the derivative has an exact formula, it is off by {off:.1g} of "
              "its size",
        "ko": "미분을 정확한 식으로 구할 수 있는 입력에서 그 크기의 {off:.1g}만큼 어긋납니다"},
    "numerical.at_index": {"en": " at index {index}", "ko": "인덱스 {index}에서 "},
    "numerical.not_exact": {
        "en": "{label} is {value:.17g}{at}, where the derivative is {expected:.17g}",
        "ko": "{label}: {at}값이 {value:.17g}인데, 미분의 정확한 값은 {expected:.17g}입니다"},
})

EPS = np.finfo(float).eps

# tolerance(case, name, want) -> the largest |got − want| per element on a probe case
Tolerance = Callable[[Case, str, np.ndarray], np.ndarray]


# What to write instead of a numerical backward: catalogue keys, said in words().
LECTURE = "numerical.lecture_formula"
DERIVED = "numerical.derived_formula"   # derive-it-yourself exercises


def words(backward: str, how: str, section: str, instead: str = LECTURE) -> Diagnosis:
    """instead: what to write in place of the numerical backward (LECTURE, DERIVED, ...: a
    catalogue key or words)."""
    return Diagnosis("numerical_backward",
                     say("numerical.numerical_backward", backward=backward, how=said(how),
                         instead=said(instead)), section)


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
    instead: str = LECTURE   # what to write instead (DERIVED where no lecture derives it): a key

    def from_calls(self, judge: Judge, got: list[dict]) -> Finding | None:
        for record in got:
            counts = record.get(self.calls)
            if not isinstance(counts, dict):
                continue
            for path, count in counts.items():
                value = numbers_or_none(count)
                if value is not None and value > self.most_calls.get(path, 0):
                    how = say("numerical.called", path=path, count=int(value))
                    return Finding(say("numerical.calls_forward", backward=self.backward,
                                       path=path, count=int(value)),
                                   words(self.backward, how, self.section, self.instead))
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
            return Finding(say("numerical.raised", label=words_for, kind=got.name,
                               message=got.message))
        pairs = _pairs(got, want)
        if pairs is None:
            return Finding(say("numerical.wrong_shape", label=words_for))
        for values, expected in pairs:
            if not np.all(np.isfinite(values)):
                return Finding(say("numerical.not_finite", label=words_for),
                               Diagnosis("not_finite", say("numerical.overflow"), self.section))
            limit = self.tolerance(case, name, expected)
            gap = np.abs(values - expected)
            if np.all(gap <= limit):
                continue
            worst = np.unravel_index(int(np.argmax(gap - limit)), gap.shape) if gap.ndim else ()
            size = max(float(np.max(np.abs(expected), initial=0.0)), np.finfo(float).tiny)
            how = say("numerical.off_on_exact_inputs", off=float(np.max(gap)) / size)
            at = say("numerical.at_index", index=tuple(int(i) for i in worst)) if gap.ndim else ""
            return Finding(say("numerical.not_exact", label=words_for, value=float(values[worst]),
                               at=at, expected=float(expected[worst])),
                           words(self.backward, how, self.section, self.instead))
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
