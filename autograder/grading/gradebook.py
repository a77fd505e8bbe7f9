"""Record graded results in an nbgrader course, so the formgrader and `nbgrader export`
show them as if `nbgrader autograde` had run.

    record(results, course_dir, out_dir)

Only the main process writes (after the workers are done), one submission at a time, so
the SQLite gradebook never sees two writers. A re-run replaces a student's earlier
submission of that lab.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import SaveCells

from autograder import course_dir
from autograder.grading.results import NotebookResult


def db_url(course: Path) -> str:
    return f"sqlite:///{Path(course).resolve() / 'gradebook.db'}"


def ensure_assignment(course: Path, lab: str) -> None:
    """The lab, its notebook and its graded cells in the gradebook (what
    `nbgrader generate_assignment` records), from the instructor's source notebook."""
    with Gradebook(db_url(course)) as gb:
        gb.update_or_create_assignment(lab)
    resources = {"nbgrader": {"db_url": db_url(course), "assignment": lab, "notebook": lab}}
    SaveCells().preprocess(course_dir.source_notebook(lab, course), resources)


def record(results: list[NotebookResult], course: Path, out_dir: Path) -> None:
    """Write every result's scores into course/gradebook.db, and its autograded notebook
    and feedback where nbgrader keeps them (course/autograded/, course/feedback/)."""
    course = Path(course).resolve()
    for lab in sorted({r.lab for r in results}):
        ensure_assignment(course, lab)
    with Gradebook(db_url(course)) as gb:
        for result in results:
            gb.update_or_create_student(result.student)
            try:
                gb.remove_submission(result.lab, result.student)
            except MissingEntry:
                pass
            gb.add_submission(result.lab, result.student)
            for cell in result.cells:
                grade = gb.find_grade(cell.cell, result.lab, result.lab, result.student)
                grade.auto_score = cell.points
            gb.db.commit()
            _copy_files(result, course, out_dir)


def _copy_files(result: NotebookResult, course: Path, out_dir: Path) -> None:
    for folder, suffix in (("autograded", ".ipynb"), ("feedback", ".html")):
        source = out_dir / folder / result.student / result.lab / f"{result.lab}{suffix}"
        target = course / folder / result.student / result.lab / f"{result.lab}{suffix}"
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def scores(course: Path, lab: str, student: str) -> dict[str, float]:
    """{test cell: score} as the gradebook has it (for tests and checks)."""
    nb = nbformat.read(Path(course) / "source" / lab / f"{lab}.ipynb", as_version=4)
    with Gradebook(db_url(course)) as gb:
        return {cell: gb.find_grade(cell, lab, lab, student).score
                for cell in course_dir.test_points(nb)}
