"""Run nbgrader's own commands in a scratch course directory and read back the scores."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from autograder.course_dir import ROOT, tool_env


class NbgraderError(RuntimeError):
    pass


def nbgrader(course: Path, *args: str) -> str:
    """Run ``nbgrader ARGS`` with ``course`` as the course directory; its log on failure."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,
                            capture_output=True, text=True, env=tool_env())
    if result.returncode != 0:
        raise NbgraderError(f"nbgrader {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result.stdout + result.stderr


def new_course(course: Path, labs: list[str], root: Path = ROOT) -> None:
    """A fresh course directory at ``course``: the config and the instructor labs only."""
    if course.exists():
        shutil.rmtree(course)
    course.mkdir(parents=True)
    shutil.copy(root / "nbgrader_config.py", course)
    for lab in labs:
        shutil.copytree(root / "source" / lab, course / "source" / lab)


def submit(course: Path, student: str, lab: str, nb) -> Path:
    path = course / "submitted" / student / lab / f"{lab}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def cell_scores(course: Path, lab: str, students: list[str]) -> dict[str, dict[str, float]]:
    """{student: {test cell grade_id: score}} from the course's gradebook."""
    from nbgrader.api import Gradebook

    source_nb = nbformat.read(course / "source" / lab / f"{lab}.ipynb", as_version=4)
    cells = [c.metadata["nbgrader"]["grade_id"] for c in source_nb.cells
             if c.metadata.get("nbgrader", {}).get("grade")]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {student: {cell: gb.find_grade(cell, lab, lab, student).score for cell in cells}
                for student in students}
