"""Grade trusted notebooks in this process, the way stock nbgrader scores them: fast, for
the mutation suite, the calibration and the judges' references. Never for students' code:
it runs with the grader's own permissions (students' notebooks go through the sandbox).
"""
from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from autograder.checks import words
from autograder.course_dir import ROOT, nbgrader_meta, source_notebook, with_answers


@dataclass
class TestResult:
    points: float
    max_points: float
    message: str  # what the cell printed, and the error message if it failed

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


def run_in_process(nb, namespace: dict | None = None, skip: frozenset = frozenset()
                   ) -> dict[str, TestResult]:
    """Execute every code cell of nb in one namespace (fresh unless given), as autograding
    does, and score each test cell the way nbgrader does: no points if it raises or writes
    to stderr (a numpy warning, say). Test cells in ``skip`` are not run (nor scored).
    Only for trusted code: our own variants."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    results = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or nbgrader_meta(cell).get("grade_id") in skip:
            continue
        out, err, error = io.StringIO(), io.StringIO(), None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings():
            warnings.simplefilter("always")
            # a ResourceWarning comes from the garbage collector finalizing objects made
            # elsewhere in this process (a test's kernel client), not from the cell's code
            warnings.simplefilter("ignore", ResourceWarning)
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


def grade_in_process(lab: str, answers: dict[str, str], root: Path = ROOT,
                     lang: str = "en", skip: frozenset = frozenset()) -> dict[str, TestResult]:
    """Grade a submission made of the reference answers with ``answers`` replacing some, in
    the edition ``lang`` (its test cells, and the checks' words in that language); the test
    cells in ``skip`` are not run."""
    with words.use(lang):
        return run_in_process(with_answers(source_notebook(lab, root, lang), answers), skip=skip)


def reference_namespace(lab: str, root: Path = ROOT) -> dict:
    """The namespace a student's kernel has after running the whole notebook with the
    reference answers (for calling hidden checks directly, e.g. in calibration)."""
    namespace: dict = {"__name__": "__main__"}
    results = run_in_process(source_notebook(lab, root), namespace)
    failed = {cell: r.message for cell, r in results.items() if not r.passed}
    if failed:
        raise AssertionError(f"the reference solution of {lab} fails: {failed}")
    return namespace
