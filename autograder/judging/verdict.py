"""A judge's verdict on one test cell: a plain record (it goes into results.json)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CheckVerdict:
    """One hidden check of a test cell, decided in the grader's own process."""
    name: str                 # the judge, e.g. "mul_layer"
    passed: bool
    message: str = ""         # what the student reads when it failed ('' when passed)
    diagnosis: dict = field(default_factory=dict)  # the likely cause: name, words, section
