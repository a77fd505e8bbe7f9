"""What grading a class produces: plain records shared by the grader, the reports and
the feedback. Nothing here runs student code.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

PASSED, FAILED, NOT_RUN = "passed", "failed", "not run"


@dataclass
class CheckVerdict:
    """One hidden check of a test cell, decided in the grader's own process."""
    name: str                 # the check function, e.g. "mul_layer"
    passed: bool
    message: str = ""         # what the student reads when it failed ('' when passed)
    diagnosis: str = ""       # the named cause (autograder/diagnose.py) when one was found


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
    diagnosis: str = ""       # the named cause of the first failed check, if any
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

    @property
    def score(self) -> float:
        return sum(c.points for c in self.cells)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.cells)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "NotebookResult":
        cells = [CellResult(**{**c, "checks": [CheckVerdict(**v) for v in c["checks"]]})
                 for c in data["cells"]]
        return cls(**{**data, "cells": cells})
