"""Build submissions from answers, and grade them in-process (fast, for the mutation suite).

A lab notebook's cells are identified by their nbgrader ``grade_id``. An *answer* is the
code a student puts in an answer cell; the reference answer is the source notebook's
solution with its ``### BEGIN/END SOLUTION`` lines removed.
"""
from __future__ import annotations

import contextlib
import copy
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.build import ROOT

SOLUTION_DELIMITER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def source_notebook(lab: str, root: Path = ROOT) -> nbformat.NotebookNode:
    return nbformat.read(root / "source" / lab / f"{lab}.ipynb", as_version=4)


def release_notebook(lab: str, root: Path = ROOT) -> nbformat.NotebookNode:
    return nbformat.read(root / "release" / lab / f"{lab}.ipynb", as_version=4)


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def answer_ids(nb) -> list[str]:
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c).get("solution")]


def graded_answer_ids(nb) -> list[str]:
    """Answer cells followed by at least one test cell before the next answer cell (an
    answer cell without one, such as "paste your layers from the last lab", is not graded)."""
    graded, current = [], None
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution"):
            current = meta["grade_id"]
        elif meta.get("grade") and current is not None:
            if current not in graded:
                graded.append(current)
    return graded


def test_points(nb) -> dict[str, float]:
    """{test cell grade_id: points} in notebook order."""
    return {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"])
            for c in nb.cells if nbgrader_meta(c).get("grade") and c.cell_type == "code"}


def strip_solution_delimiters(source: str) -> str:
    return "\n".join(line for line in source.split("\n") if not SOLUTION_DELIMITER.match(line))


def reference_answers(source_nb) -> dict[str, str]:
    return {nbgrader_meta(c)["grade_id"]: strip_solution_delimiters(c.source)
            for c in source_nb.cells if nbgrader_meta(c).get("solution")}


def with_answers(nb, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of nb whose answer cells named in ``answers`` hold that code instead."""
    unknown = set(answers) - set(answer_ids(nb))
    if unknown:
        raise KeyError(f"no answer cell(s) {sorted(unknown)} in this notebook")
    filled = copy.deepcopy(nb)
    for cell in filled.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in answers and nbgrader_meta(cell).get("solution"):
            cell.source = answers[grade_id]
    return filled


@dataclass
class TestResult:
    points: float
    max_points: float
    message: str  # what the cell printed, and the error message if it failed

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


def run_in_process(nb, namespace: dict | None = None) -> dict[str, TestResult]:
    """Execute every code cell of nb in one namespace (fresh unless given), as autograding
    does, and score each test cell the way nbgrader does: no points if it raises or writes
    to stderr (a numpy warning, say). Only for trusted code: our own variants."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    results = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        out, err, error = io.StringIO(), io.StringIO(), None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = _warning_to(err)
            try:
                exec(compile(cell.source, "<cell>", "exec"), namespace)
            except BaseException as exc:  # SystemExit too: a cell must never stop the run
                error = f"{type(exc).__name__}: {exc}"
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            points = float(meta["points"])
            failed = error or err.getvalue()
            message = out.getvalue() + (f"[stderr] {err.getvalue()}" if err.getvalue() else "")
            results[meta["grade_id"]] = TestResult(0.0 if failed else points, points,
                                                   message + (error or ""))
    return results


def _warning_to(stream):
    def show(message, category, filename, lineno, file=None, line=None):
        stream.write(warnings.formatwarning(message, category, filename, lineno, line))
    return show


def grade_in_process(lab: str, answers: dict[str, str], root: Path = ROOT) -> dict[str, TestResult]:
    """Grade a submission made of the reference answers with ``answers`` replacing some."""
    return run_in_process(with_answers(source_notebook(lab, root), answers))


HIDDEN_CALL = re.compile(r"^(hidden\.\w+\((.*)\))\s*$", re.M)


def hidden_calls(source_nb) -> dict[str, list[str]]:
    """{test cell grade_id: the hidden-check calls in its hidden block}."""
    calls = {}
    for cell in source_nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and "### BEGIN HIDDEN TESTS" in cell.source:
            block = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]
            calls[meta["grade_id"]] = [m.group(1) for m in HIDDEN_CALL.finditer(block)]
    return calls


def reference_namespace(lab: str, root: Path = ROOT) -> dict:
    """The namespace a student's kernel has after running the whole notebook with the
    reference answers (for calling hidden checks directly, e.g. in calibration)."""
    namespace: dict = {"__name__": "__main__"}
    results = run_in_process(source_notebook(lab, root), namespace)
    failed = {cell: r.message for cell, r in results.items() if not r.passed}
    if failed:
        raise AssertionError(f"the reference solution of {lab} fails: {failed}")
    return namespace
