"""The reference's side of every judge: the source notebook's solutions, run in the
grader's own process (trusted code only: the reference, or the course's own variants)."""
from __future__ import annotations

import contextlib
import functools
import io
import os
import warnings
from pathlib import Path

import numpy as np

from autograder import course_dir
from autograder.checks import runner
from autograder.judging.judge import Judge
from autograder.judging.program import decode_records


def trusted_namespace(lab: str, answers: dict[str, str] | None = None,
                      course: Path = course_dir.ROOT) -> dict:
    """The namespace of the source notebook run here without its test cells (answers:
    replacements for some answer cells, e.g. a variant); the reference's is made once."""
    if not answers:
        return _reference_namespace(lab, course)
    return _run_without_tests(lab, course, answers)


@functools.lru_cache(maxsize=None)
def _reference_namespace(lab: str, course: Path) -> dict:
    return _run_without_tests(lab, course, None)


def _run_without_tests(lab: str, course: Path, answers: dict[str, str] | None) -> dict:
    nb = course_dir.source_notebook(lab, course)
    if answers:
        nb = course_dir.with_answers(nb, answers)
    for cell in nb.cells:
        if course_dir.nbgrader_meta(cell).get("grade"):
            cell.source = ""
    os.environ.setdefault("BACKPROP_MNIST_OFFLINE", "1")
    os.environ.setdefault("BACKPROP_MNIST_DIR", str(course / "data" / "mnist"))
    namespace: dict = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for cell in nb.cells:
            if cell.cell_type == "code":
                try:  # a cell that reads what a (now empty) test cell defined may fail
                    exec(compile(cell.source, f"<{lab} reference>", "exec"), namespace)
                except Exception:
                    pass
    return namespace


def run_here(judge: Judge, namespace: dict) -> list[list]:
    """The records of the judge's cases run against namespace in this process."""
    encoded, arrays = judge.encoded()
    records, arrays_out = runner.run_programs(encoded, arrays, namespace)
    return decode_records(records, arrays_out)


def reference_records(judge: Judge, lab: str, course: Path = course_dir.ROOT) -> list[list] | None:
    """The judge's cases run on the reference solution (None when it needs none)."""
    if not judge.needs_reference:
        return None
    return run_here(judge, trusted_namespace(lab, course=course))
