"""Verdicts the student's code cannot fake: the grader, not the student's kernel, decides.

A hidden check that runs inside the student's kernel can be fooled by the student's own
code (``np.allclose = lambda *a, **k: True``), and whatever it holds the student can read.
So each graded test cell also has a *judge*: cases of calls on inputs drawn on the
grader's side (autograder/judging/program.py). The cases run in the student's sandboxed
kernel, which sends back only plain numbers and arrays; the grader runs the same cases on
the reference solution in its own process, compares, and names the likely cause. A test
cell earns its points only when its judge agrees (and the cell itself ran cleanly).

A judge also refuses a backward that is computed numerically (autograder/judging/numerical.py):
points mean that a student wrote the derivative.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from autograder.checks.diagnose import Diagnosis, numbers, said
from autograder.checks.words import catalogue, say
from autograder.judging.compare import ATOL, RTOL, difference
from autograder.judging.program import Raised, encode_programs, named
from autograder.judging.verdict import CheckVerdict

WORDS = catalogue({
    "judge.unseen_inputs": {"en": "on inputs the notebook never showed, {problem}.",
                            "ko": "노트북에 나오지 않은 입력으로 검사한 결과, {problem}."},
    "judge.cases_not_run": {"en": "some cases were never run",
                            "ko": "일부 검사 사례가 실행되지 않았습니다"},
    "judge.never_reached": {"en": "{label} was never reached",
                            "ko": "{label}: 실행되지 않았습니다 (그 전에 멈췄습니다)"},
    "judge.not_written": {
        "en": "not written yet: it still raises NotImplementedError. Write your code where it "
              "says YOUR CODE HERE and delete the raise line",
        "ko": "아직 작성하지 않았습니다. 여전히 NotImplementedError가 발생합니다. YOUR CODE HERE라고 "
              "적힌 곳에 코드를 쓰고 raise 줄을 지우세요"},
    "judge.argument_changed": {"en": "{label} is not the array it was before the calls",
                               "ko": "{label}: 호출하기 전과 같은 배열이 아닙니다"},
})

# Steps whose results are compared with the reference's (let binds the grader's own
# inputs; watch/unwatch/last_failure record facts about the run, not answers).
COMPARED = ("call", "get")


@dataclass
class Case:
    """One program of calls, and what the grader drew for it (for naming causes)."""
    steps: list
    inputs: dict = field(default_factory=dict)
    probe: bool = False          # built so that only an analytic derivative is exact here

    def compared_names(self) -> list[str]:
        return [step[1] for step in self.steps if step[0] in COMPARED]


@dataclass
class Finding:
    """What a judge found wrong: the problem (where, got vs expected) and its likely cause."""
    problem: str
    diagnosis: Diagnosis | None = None
    first: str = ""      # said before everything else, e.g. how the lab differs from the book


# explain(name, case, got, want) -> the likely cause of a wrong value of a bound name
Explain = Callable[[str, Case, object, object], Diagnosis | None]


@dataclass
class Judge:
    """The cases of one test cell, and how to decide from their records."""
    name: str
    cases: list[Case]
    labels: dict[str, str] = field(default_factory=dict)   # bound name -> words for it (or
                                                            # their catalogue key)
    rtol: float = RTOL
    atol: float = ATOL
    broadcast: bool = False
    explain: Explain | None = None
    decide: Callable[["Judge", list[dict], list[dict] | None], Finding | None] | None = None
    needs_reference: bool = True
    numerical: object | None = None   # a numerical.Analytic: how to refuse a numerical backward

    @property
    def programs(self) -> list[list]:
        return [case.steps for case in self.cases]

    def encoded(self) -> tuple[list, list]:
        """The programs as JSON-able steps and their arrays (made once per judge)."""
        if getattr(self, "_encoded", None) is None:
            self._encoded = encode_programs(self.programs)
        return self._encoded

    def words(self, name: str) -> str:
        return said(self.labels.get(name, name))

    def records(self, records: list[list]) -> list[dict]:
        """The raw records of the cases as {bound name: value}, one dict per case."""
        return [named(case.steps, steps) for case, steps in zip(self.cases, records)]

    def verdict(self, student: list[list], reference: list[list] | None) -> CheckVerdict:
        got = self.records(student)
        want = self.records(reference) if reference is not None else None
        finding = (self.decide or compare_cases)(self, got, want)
        if finding is None:
            return CheckVerdict(self.name, True)
        message = say("judge.unseen_inputs", problem=finding.problem)
        if finding.first:
            message = f"{finding.first.rstrip('.')}. {message[0].upper()}{message[1:]}"
        diagnosis = finding.diagnosis
        if diagnosis is not None and diagnosis.words:
            message = say("diagnose.likely_cause", head=message, cause=diagnosis.cause())
        return CheckVerdict(self.name, False, message,
                            diagnosis.as_dict() if diagnosis is not None else {})


def compare_cases(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """The usual decision: calls that give away a numerical backward first, then every
    compared value of the regular cases (the first difference, with its likely cause), then
    the probes at analytic precision."""
    if judge.numerical is not None:
        finding = judge.numerical.from_calls(judge, got)
        if finding:
            return finding
    for case, mine, theirs in zip(judge.cases, got, want):
        if case.probe:
            continue
        finding = compare_case(judge, case, mine, theirs)
        if finding:
            return finding
    if len(got) < len(want):
        return Finding(say("judge.cases_not_run"))
    if judge.numerical is not None:
        return judge.numerical.from_probes(judge, got, want)
    return None


def compare_case(judge: Judge, case: Case, got: dict, want: dict) -> Finding | None:
    for name in case.compared_names():
        if name not in want:
            break                       # the reference stopped here (an expected exception)
        words = judge.words(name)
        if name not in got:
            return Finding(say("judge.never_reached", label=words))
        problem = difference(got[name], want[name], judge.rtol, judge.atol, words,
                             judge.broadcast)
        if problem:
            return Finding(problem, _cause(judge, name, case, got[name], want[name]))
    return None


# Its words are a catalogue key: the diagnosis says them when it is rendered (cause, as_dict).
NOT_WRITTEN = Diagnosis("not_implemented", "judge.not_written")


def _cause(judge: Judge, name: str, case: Case, got, want) -> Diagnosis | None:
    if isinstance(got, Raised) and got.name == "NotImplementedError":
        return NOT_WRITTEN
    return judge.explain(name, case, got, want) if judge.explain else None


def unchanged_arguments(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    """The caller's arrays after the calls (bound names after_*), compared exactly: a layer
    or function must not change them at all, not even by 1e-7 (y += 1e-7)."""
    for case, mine, theirs in zip(judge.cases, got, want):
        for name in case.compared_names():
            if not name.startswith("after_") or name not in mine or name not in theirs:
                continue
            a, b = numbers(mine[name]), numbers(theirs[name])
            if a is None or b is None or a.shape != b.shape or \
                    not np.array_equal(a, b, equal_nan=True):
                diagnosis = judge.explain(name, case, mine[name], theirs[name]) \
                    if judge.explain else None
                return Finding(say("judge.argument_changed", label=judge.words(name)), diagnosis)
    return None
