"""Judging inside the student's own kernel: for stock ``nbgrader autograde`` (and the
course's in-process tests), where no grader runs beside the kernel.

The build appends one line to the hidden block of every test cell:

    from autograder.judging.inprocess import judge_here; judge_here(LAB, CELL, globals())

With stock nbgrader the whole package is installed where the notebook runs, so the judge
and the reference run right there, on fixed inputs: good enough for an honest class, and
the student's code could reach all of it. ``python -m autograder grade`` removes that line
before it runs a notebook (the judge then runs in the grader's own process, on inputs
drawn for that student), and its sandbox holds none of this package's grader side.
"""
from __future__ import annotations

from autograder.checks.diagnose import Diagnosis
from autograder.judging import judges_for
from autograder.judging.reference import reference_records, run_here
from autograder.provided.checker import CheckFailed

LINE_START = "from autograder.judging.inprocess import judge_here"  # not for students


def judge_line(lab: str, cell: str) -> str:
    """The line the build appends to a test cell's hidden block."""
    return f"{LINE_START}; judge_here({lab!r}, {cell!r}, globals())"


def judge_here(lab: str, cell: str, namespace: dict, seed: int | None = None) -> None:
    """Judge one test cell against the notebook's namespace; CheckFailed (carrying the
    diagnosis) when the judge disagrees."""
    judge = judges_for(lab)[cell](seed)
    verdict = judge.verdict(run_here(judge, namespace), reference_records(judge, lab))
    if verdict.passed:
        return
    text = verdict.message
    error = CheckFailed(f"✗ {verdict.name}: {text[:1].upper()}{text[1:]}")
    error.diagnosis = Diagnosis(verdict.diagnosis.get("name", "unexplained"),
                                verdict.diagnosis.get("words", ""),
                                verdict.diagnosis.get("section") or None)
    raise error
