"""The README's *For instructors (stock nbgrader)* commands, run as written: in a copy of
the course directory, with a clean environment (no BACKPROP_* variables) and no network.
The reference solution of every lab gets full marks, ch07's MNIST training included, and
students of the sample class get the scores their variants declare (the same as
`python -m autograder grade` gives them: tests/test_demo.py)."""
import csv
import shutil
import subprocess
import sys

import nbformat
import pytest
from conftest import LABS, ROOT

from autograder import course_dir
from autograder.authoring import sample_class
from autograder.grading import sandbox
from autograder.grading import stock as grading

LAB = "ch03_add_mul_layers"                        # the lab the README's block names
SAMPLE = ["perfect", "mul-not-swapped", "untouched"]  # handed in for LAB


def readme_commands() -> list[str]:
    """The shell lines of the README's stock-nbgrader block, for lab ch03 as written."""
    text = (ROOT / "README.md").read_text()
    block = text.split("## For instructors (stock nbgrader)", 1)[1].split("```bash", 1)[1]
    block = block.split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def no_network() -> list[str]:
    """A prefix that runs a command without network (its own network namespace)."""
    try:
        bwrap = sandbox.check_available()
    except sandbox.SandboxUnavailable as error:
        pytest.skip(f"cannot take the network away here: {error}")
    return [bwrap.path, "--dev-bind", "/", "/", "--unshare-net", "--die-with-parent", "--"]


def submit(course, student, lab, nb) -> None:
    path = course / "submitted" / student / lab / f"{lab}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A copy of the course, a perfect submission of every lab and the sample students of
    ch03, graded with the README's commands (generate and autograde for every lab, the rest
    as written)."""
    course = tmp_path_factory.mktemp("stock") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    for folder in ("source", "data"):
        shutil.copytree(ROOT / folder, course / folder)
    for lab in LABS:
        release, source = course_dir.release_notebook(lab), course_dir.source_notebook(lab)
        students = SAMPLE if lab == LAB else ["perfect"]
        for student in students:
            answers = sample_class.answers(student, lab, source)
            submit(course, student, lab,
                   release if answers is None else course_dir.with_answers(release, answers))
    script = []
    for line in readme_commands():
        if line.startswith("source .venv/"):   # the course copy has no .venv of its own
            script.append(f"source {sys.prefix}/bin/activate")
        elif "generate_feedback" in line:      # as written: the feedback of ch03 only
            script.append(line)
        elif LAB in line:                      # grading, for every lab
            script += [line.replace(LAB, lab) + (" --force" if "generate_assignment" in line else "")
                       for lab in LABS]
        else:
            script.append(line)
    env = {"HOME": str(course), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    result = subprocess.run(no_network() + ["bash", "-ec", "\n".join(script)], cwd=course,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return course


def test_the_readme_block_is_what_this_test_runs():
    assert readme_commands() == [
        "source .venv/bin/activate",
        f"nbgrader generate_assignment {LAB}",
        f"nbgrader autograde {LAB}",
        f"nbgrader generate_feedback {LAB}",
        "nbgrader export"]


def test_the_reference_gets_full_marks_in_every_lab_offline(graded):
    with open(graded / "grades.csv") as f:
        got = {row["assignment"]: float(row["score"]) for row in csv.DictReader(f)
               if row["student_id"] == "perfect"}
    full = {lab: sum(course_dir.test_points(course_dir.source_notebook(lab)).values())
            for lab in LABS}
    assert got == full
    html = (graded / "feedback" / "perfect" / LAB / f"{LAB}.html").read_text()
    assert "judge_here" not in html and "BEGIN HIDDEN TESTS" not in html


def test_the_committed_release_equals_what_nbgrader_generates(graded):
    """release/ is what `nbgrader generate_assignment` makes of source/ (run above, for every
    lab, in the course copy): a stale release/ fails here (`make notebooks` rebuilds it)."""
    for lab in LABS:
        fresh = nbformat.read(graded / "release" / lab / f"{lab}.ipynb", as_version=4)
        committed = nbformat.read(ROOT / "release" / lab / f"{lab}.ipynb", as_version=4)
        assert fresh == committed, f"release/{lab} is stale: run `make notebooks`"
        assert sorted(p.name for p in (graded / "release" / lab).iterdir()) == \
            sorted(p.name for p in (ROOT / "release" / lab).iterdir())


def test_stock_nbgrader_gives_the_sample_class_scores(graded):
    scores = grading.cell_scores(graded, LAB, SAMPLE)
    source_nb = course_dir.source_notebook(LAB, graded)
    for student, cells in scores.items():
        assert cells == sample_class.expected_scores(student, LAB, source_nb), student


def test_nbgrader_validate_output_is_read_not_its_exit_code(graded):
    """`nbgrader validate` exits 0 even when checks fail: what it prints is the verdict."""
    source_nb = course_dir.source_notebook(LAB, graded)
    release_nb = nbformat.read(graded / "release" / LAB / f"{LAB}.ipynb", as_version=4)
    nb = course_dir.with_answers(release_nb, sample_class.answers("mul-not-swapped", LAB, source_nb))
    path = graded / "validate" / f"{LAB}.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    output = grading.nbgrader(graded, "validate", str(path))
    assert "VALIDATION FAILED ON 3 CELL(S)!" in output, output
