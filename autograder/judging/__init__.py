"""GRADER SIDE: the judges, which decide every test cell from plain values.

Never mounted in a student's sandbox. For each lab, ``autograder/judging/LAB.py`` holds
``JUDGES = {test cell grade_id: make(seed) -> Judge}``: cases of calls drawn with the seed,
the reference values they are compared with (the source notebook's solutions, run here:
reference.py), and the likely causes of the known mistakes (which need the reference, so
they live here, not in autograder/checks/). Imports go one way: judging uses checks (the
diagnosis engine, the runner), never the other way round.

    make = judges_for("ch04_activation_layers")["relu_test"]
    judge = make(seed)                                  # seed: seeds.student_seed(...) or None
    verdict = judge.verdict(student_records, reference.reference_records(judge, lab))
"""
from __future__ import annotations

import importlib
from collections.abc import Callable


def judges_for(lab: str) -> dict[str, Callable]:
    """{test cell grade_id: make(seed) -> Judge} of one lab ({} for an unknown lab)."""
    try:
        return importlib.import_module(f"autograder.judging.{lab}").JUDGES
    except ModuleNotFoundError:
        return {}
