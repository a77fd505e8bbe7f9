"""The course directory and its notebooks: where they are, and how their cells are read.

The repository root is an nbgrader course directory: ``content/`` holds the text sources,
``source/LAB/LAB.ipynb`` the instructor labs (solutions and hidden tests) and
``release/LAB/LAB.ipynb`` the student labs. A lab's cells are identified by their nbgrader
``grade_id``. An *answer* is the code a student puts in an answer cell; the reference
answer is the source notebook's solution with its ``### BEGIN/END SOLUTION`` lines removed.
"""
from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# Kernels graded side by side on few cores slow each other down badly when numpy's BLAS
# starts its own threads (a training cell measured 27 s instead of 1 s): one thread each.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def edition_root(lang: str = "en", root: Path = ROOT) -> Path:
    """Where an edition's notebooks/, source/ and release/ are: the course root for English,
    ko/ inside it for the Korean edition."""
    return root if lang == "en" else root / lang


def lecture_names() -> list[str]:
    return sorted(p.stem for p in (CONTENT / "lectures").glob("ch*.py"))


def lab_names() -> list[str]:
    return sorted(p.stem for p in (CONTENT / "labs").glob("ch*.py"))


def tool_env() -> dict:
    """The environment for nbgrader subprocesses: this interpreter's bin/ first on PATH
    (nbgrader runs `alembic` from there to create its gradebook)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    for threads in BLAS_THREAD_VARIABLES:
        env.setdefault(threads, "1")
    return env

SOLUTION_DELIMITER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def source_notebook(lab: str, root: Path = ROOT, lang: str = "en") -> nbformat.NotebookNode:
    return nbformat.read(edition_root(lang, root) / "source" / lab / f"{lab}.ipynb", as_version=4)


def release_notebook(lab: str, root: Path = ROOT, lang: str = "en") -> nbformat.NotebookNode:
    return nbformat.read(edition_root(lang, root) / "release" / lab / f"{lab}.ipynb", as_version=4)


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
