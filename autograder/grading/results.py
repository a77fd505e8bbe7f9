"""What grading a class produces: plain records shared by the grader, the reports and
the feedback. Nothing here runs student code.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from autograder.judging.verdict import CheckVerdict

PASSED, FAILED, NOT_RUN = "passed", "failed", "not run"


@dataclass
class CellResult:
    """One graded test cell of one student's notebook."""
    student: str
    lab: str
    cell: str                 # the test cell's nbgrader grade_id
    points: float
    max_points: float
    status: str               # PASSED, FAILED or NOT_RUN (the notebook never got there)
    reason: str = ""          # first line of why it lost its points ('' when passed)
    diagnosis: dict = field(default_factory=dict)  # the likely cause, as data: name, words, section
    checks: list[CheckVerdict] = field(default_factory=list)


@dataclass
class NotebookResult:
    """One student's submission of one lab, graded."""
    student: str
    lab: str
    cells: list[CellResult]
    notes: list[str] = field(default_factory=list)   # repairs and problems, in plain words
    problem: str = ""          # why the notebook could not be graded at all ('' if it was)
    seconds: float = 0.0       # wall time spent grading it
    seed: str = ""             # the seed of this student's inputs (hex; '' when fixed)
    language: str = "en"       # the edition handed in ("en", "ko"): feedback speaks it

    @property
    def score(self) -> float:
        return sum(c.points for c in self.cells)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.cells)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> NotebookResult:
        cells = [CellResult(**{**c, "checks": [CheckVerdict(**v) for v in c["checks"]]})
                 for c in data["cells"]]
        return cls(**{**data, "cells": cells})
