"""Points per test cell: a cell earns them when it ran without an error and its judge agrees.

The reason and the diagnosis recorded for a lost cell are the judge's when it found the
problem (it knows the reference, so it names the likely cause), else the cell's own check's
(carried back from the kernel as data), else the error the cell printed.
"""
from __future__ import annotations

import re

from autograder.checks.words import catalogue, say
from autograder.course_dir import nbgrader_meta, test_points
from autograder.grading.kernel import Run
from autograder.grading.preflight import Prepared
from autograder.grading.results import (
    FAILED,
    NOT_RUN,
    PASSED,
    CellResult,
    NotebookResult,
)
from autograder.judging import judges_for

WORDS = catalogue({
    "score.not_written": {"en": "not written yet (NotImplementedError)",
                          "ko": "아직 작성하지 않았습니다 (NotImplementedError)"},
    "score.fix_first": {
        "en": "Fix {broken} first: it fails its own test cell ({cell}), and {name} is built "
              "from it. Then: {reason}",
        "ko": "{broken}부터 먼저 고치세요. {broken}은(는) 자기 검사 셀({cell})을 통과하지 못했고, "
              "{name}은(는) 그것으로 만들어집니다. 그다음: {reason}"},
    "score.hidden_did_not_run": {"en": "its hidden checks did not run",
                                 "ko": "숨은 검사가 실행되지 않았습니다"},
})


def not_written() -> dict:
    return {"name": "not_implemented", "words": say("score.not_written"), "section": ""}


def error_text(cell) -> str:
    """The first line of the error a cell printed ('' when it printed none)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            value = str(out.get("evalue", "")).strip().splitlines()
            first = value[0] if value else ""
            return first if out.get("ename") in ("CheckFailed", "AssertionError") and first \
                else f"{out.get('ename')}: {first}"
    return ""


CHECKING = re.compile(r"""^checking\(\s*["'](\w+)["']\s*(?:,\s*uses=\(([^)]*)\))?""",
                      re.MULTILINE)


def checked(nb) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{test cell: (the answer it checks, the earlier answers that one uses)}, read from the
    `checking(name, uses=(...))` line that opens each test cell."""
    found = {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        match = CHECKING.search(cell.source) if meta.get("grade") else None
        if match:
            uses = tuple(re.findall(r"""["'](\w+)["']""", match.group(2) or ""))
            found[meta["grade_id"]] = (match.group(1), uses)
    return found


def fix_first(results: list[CellResult], nb) -> None:
    """Put the root cause first: a failed cell built from an earlier answer whose own test
    cell failed says so in the first line of its reason."""
    of_cell = checked(nb)
    failed_cell = {of_cell[r.cell][0]: r.cell for r in results
                   if r.status == FAILED and r.cell in of_cell}
    for result in results:
        if result.status != FAILED or result.cell not in of_cell:
            continue
        name, uses = of_cell[result.cell]
        broken = [used for used in uses if used in failed_cell]
        if broken:
            result.reason = say("score.fix_first", broken=broken[0],
                                cell=failed_cell[broken[0]], name=name, reason=result.reason)


def score(student: str, lab: str, nb, prepared: Prepared, run: Run) -> list[CellResult]:
    results, reached, judged = [], True, judges_for(lab)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not (meta.get("grade") and cell.cell_type == "code"):
            continue
        grade_id, points = meta["grade_id"], float(meta.get("points", 0))
        verdict = run.judged.get(grade_id)
        ran = bool(cell.get("outputs")) or cell.get("execution_count")
        if not ran and run.stopped:
            reached = False
        diagnosis: dict = {}
        if grade_id in prepared.lost:
            status, reason = FAILED, prepared.lost[grade_id]
        elif not reached:
            status, reason = NOT_RUN, run.stopped
        elif verdict is not None and not verdict.passed:
            status, reason, diagnosis = FAILED, verdict.message, verdict.diagnosis
        elif error_text(cell):
            status, reason = FAILED, error_text(cell)
            diagnosis = run.failures.get(grade_id) or {}
        elif verdict is None and grade_id in judged:
            status, reason = FAILED, run.stopped or say("score.hidden_did_not_run")
        else:
            status, reason = PASSED, ""
        if status == FAILED and "NotImplementedError" in reason and not diagnosis.get("name"):
            diagnosis = not_written()
        results.append(CellResult(student, lab, grade_id, points if status == PASSED else 0.0,
                                  points, status, reason, dict(diagnosis),
                                  [verdict] if verdict else []))
    fix_first(results, nb)
    return results


def not_graded(student: str, lab: str, release_nb, problem: str, notes: list[str]
               ) -> NotebookResult:
    cells = [CellResult(student, lab, grade_id, 0.0, points, NOT_RUN, problem)
             for grade_id, points in test_points(release_nb).items()]
    return NotebookResult(student, lab, cells, notes=notes, problem=problem)
