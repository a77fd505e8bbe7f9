"""Build every notebook of the course from its text source.

    content/lectures/NAME.py  ->  notebooks/NAME.ipynb          (executed: outputs stored)
    content/labs/NAME.py      ->  source/NAME/NAME.ipynb        (instructor lab, no outputs)
    source/NAME/              ->  release/NAME/                 (nbgrader generate_assignment)

and the Korean edition (한국어판) the same way, from content/ko/ into ko/notebooks/,
ko/source/ and ko/release/. A Korean lab's solutions and hidden tests are copied from the
English lab (editions.py): both editions have one answer key.

A code cell whose first line is ``# provided: MODULE`` receives the source of
``autograder/provided/MODULE.py``: that module is the single source of truth for code
students are given. See docs/authoring.md for the text format.

Every student notebook (lecture and lab) also gets, after its title, an "Open in Colab"
link into the student edition (links.py: ``[tool.backprop] student_repository``, the one
place to change it) and, as its first code cell, the ``environment`` check (locked,
ungraded in labs). Each test cell's hidden block opens with its judge's line (see
autograder/judging/inprocess.py).
"""
from __future__ import annotations

import copy
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from autograder.authoring import editions, links
from autograder.course_dir import (
    CONTENT,
    ROOT,
    edition_root,
    lab_names,
    lecture_names,
    tool_env,
)
from autograder.judging.inprocess import judge_line

PROVIDED = ROOT / "autograder" / "provided"
PROVIDED_MARKER = "# provided:"

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
NBGRADER_DEFAULTS = {"grade": False, "solution": False, "task": False, "schema_version": 3}
ENVIRONMENT_MODULE = "environment"  # autograder/provided/environment.py, every notebook's first code cell


RUN_FIRST = {
    "en": "Run the next cell first: it checks that Python, numpy and matplotlib are ready here.",
    "ko": "다음 셀을 먼저 실행하세요. 파이썬, 넘파이, 맷플롯립이 여기서 쓸 수 있는지 확인합니다.",
}


def add_student_cells(nb: nbformat.NotebookNode, kind: str, name: str, lang: str = "en") -> None:
    """After the title cell: the "Open in Colab" link; before the first code cell: the
    environment check, its code collapsed (a locked, ungraded nbgrader cell in labs; not
    compared by nbval in lectures, whose committed copy stores no output for it: what it
    prints depends on the machine)."""
    badge = nbformat.v4.new_markdown_cell(
        f"[![Open In Colab]({links.COLAB_BADGE})]"
        f"({links.colab_url(links.student_path(kind, name, lang))})\n\n{RUN_FIRST[lang]}")
    check = nbformat.v4.new_code_cell(f"{PROVIDED_MARKER} {ENVIRONMENT_MODULE}")
    check.metadata["jupyter"] = {"source_hidden": True}  # students see what it says, not its code
    if kind == "labs":
        check.metadata["nbgrader"] = {"grade_id": "environment"}
    else:
        check.metadata["tags"] = ["nbval-ignore-output"]
    first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
    nb.cells.insert(first_code, check)
    nb.cells.insert(1, badge)


def provided_source(module: str, lang: str = "en") -> str:
    """The code injected into a ``# provided: MODULE`` cell: the module, or its twin in the
    notebook's language (autograder/provided/ko/), told which language it speaks."""
    path = PROVIDED / f"{module}.py"
    if not path.is_file():
        raise FileNotFoundError(f"'# provided: {module}' names {path}, which does not exist")
    if lang != "en" and (PROVIDED / lang / f"{module}.py").is_file():
        path = PROVIDED / lang / f"{module}.py"
    source = path.read_text(encoding="utf-8").rstrip("\n")
    return source.replace('LANGUAGE = "en"', f'LANGUAGE = "{lang}"', 1)


def provided_module(cell) -> str | None:
    """The module a provided cell is generated from, or None for any other cell."""
    first_line = cell.source.split("\n", 1)[0].strip()
    if cell.cell_type == "code" and first_line.startswith(PROVIDED_MARKER):
        return first_line[len(PROVIDED_MARKER):].strip()
    return None


def read_text_notebook(path: Path, lang: str = "en") -> nbformat.NotebookNode:
    """Read a jupytext percent script, add the student cells (Colab link, environment
    check), inject provided code, set the notebook metadata. A Korean lab gets its
    solutions and hidden tests from the English lab."""
    nb = jupytext.read(path, fmt="py:percent")
    kind = path.parent.name
    if lang != "en" and kind == "labs":
        english = jupytext.read(CONTENT / kind / path.name, fmt="py:percent")
        for ours, theirs in zip(nb.cells, english.cells, strict=True):
            ours.source = editions.fill_blocks(theirs.source, ours.source)
    add_student_cells(nb, kind, path.stem, lang)
    for cell in nb.cells:
        module = provided_module(cell)
        if module:
            cell.source = f"{PROVIDED_MARKER} {module}\n{provided_source(module, lang)}"
        cell.metadata.pop("lines_to_next_cell", None)
    nb.metadata = copy.deepcopy(NOTEBOOK_METADATA)
    nb.metadata["backprop"] = {"language": lang}   # the edition: the grader answers in it
    set_stable_ids(nb)
    return nb


def set_stable_ids(nb: nbformat.NotebookNode) -> None:
    """Cell ids from the cells' content, so a rebuild does not rewrite every id."""
    seen = set()
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()
        cell_id, n = digest[:8], 1
        while cell_id in seen:
            cell_id, n = f"{digest[:8]}-{n}", n + 1
        seen.add(cell_id)
        cell.id = cell_id


def complete_nbgrader_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Add the nbgrader keys the text leaves implicit: every cell but an answer is locked."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        full = dict(NBGRADER_DEFAULTS, **meta)
        full["locked"] = not full["solution"]
        if full["grade"] and "points" not in full:
            raise ValueError(f"test cell {full.get('grade_id')!r} has no points")
        cell.metadata["nbgrader"] = dict(sorted(full.items()))
    return nb


def execute(nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in an empty folder, as a student would on Colab."""
    with tempfile.TemporaryDirectory(prefix="bfs-run-") as cwd:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": cwd}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    return nb


def merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks: how the kernel splits a print varies
    from run to run, and the committed notebook must not."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def text_source(kind: str, name: str, lang: str) -> Path:
    return CONTENT / kind / f"{name}.py" if lang == "en" else editions.twin_path(kind, name)


def build_lecture(name: str, run: bool = True, lang: str = "en") -> nbformat.NotebookNode:
    nb = read_text_notebook(text_source("lectures", name, lang), lang)
    if run:
        execute(nb)
    for cell in nb.cells:
        if provided_module(cell) == ENVIRONMENT_MODULE:
            cell.outputs, cell.execution_count = [], None
    return nb


HIDDEN_START = "### BEGIN HIDDEN TESTS"


def add_judge_lines(nb: nbformat.NotebookNode, lab: str) -> nbformat.NotebookNode:
    """Open every test cell's hidden block with its judge (autograder/judging/inprocess.py):
    stock nbgrader judges there; `python -m autograder grade` removes the line and judges
    in its own process."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and HIDDEN_START in cell.source:
            line = judge_line(lab, meta["grade_id"])
            cell.source = cell.source.replace(HIDDEN_START, f"{HIDDEN_START}\n{line}", 1)
    return nb


def build_lab(name: str, lang: str = "en") -> nbformat.NotebookNode:
    nb = read_text_notebook(text_source("labs", name, lang), lang)
    return complete_nbgrader_metadata(add_judge_lines(nb, name))


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def generate_release(course_root: Path, labs: list[str], release_root: Path) -> None:
    """Run ``nbgrader generate_assignment`` in a scratch copy of the course directory and
    copy the student versions to ``release_root`` (the repository's own gradebook is never
    touched)."""
    with tempfile.TemporaryDirectory(prefix="bfs-release-") as scratch:
        scratch = Path(scratch)
        shutil.copy(ROOT / "nbgrader_config.py", scratch)
        for lab in labs:
            shutil.copytree(course_root / "source" / lab, scratch / "source" / lab)
            result = subprocess.run(
                [sys.executable, "-m", "nbgrader", "generate_assignment", lab, "--force"],
                cwd=scratch, capture_output=True, text=True, env=tool_env())
            if result.returncode != 0:
                raise RuntimeError(f"nbgrader generate_assignment {lab} failed:\n{result.stderr[-3000:]}")
            shutil.rmtree(release_root / lab, ignore_errors=True)
            shutil.copytree(scratch / "release" / lab, release_root / lab)


def build(only: list[str] | None = None, run_lectures: bool = True,
          kinds: tuple[str, ...] = ("lectures", "labs"),
          langs: tuple[str, ...] = editions.LANGUAGES) -> list[Path]:
    """Rebuild notebooks/, source/ and release/ (or only the named chapters or kinds), and
    their Korean twins under ko/."""
    written = [editions.write_headings()]
    for lang in langs:
        root = edition_root(lang)
        for name in lecture_names() if "lectures" in kinds else []:
            if (only is None or name in only) and text_source("lectures", name, lang).is_file():
                path = root / "notebooks" / f"{name}.ipynb"
                write(build_lecture(name, run=run_lectures, lang=lang), path)
                written.append(path)
        labs = [name for name in (lab_names() if "labs" in kinds else [])
                if (only is None or name in only) and text_source("labs", name, lang).is_file()]
        for name in labs:
            path = root / "source" / name / f"{name}.ipynb"
            write(build_lab(name, lang), path)
            written.append(path)
        if labs:
            generate_release(root, labs, root / "release")
            written.extend(root / "release" / name / f"{name}.ipynb" for name in labs)
    return written
