"""The README's *For instructors (stock nbgrader)* commands, run as written: in a copy of
the course directory, with a clean environment (no BACKPROP_* variables) and no network.
The reference solution of every lab gets full marks, ch07's MNIST training included."""
import csv
import shutil
import subprocess
import sys

import nbformat
import pytest
from conftest import LABS, ROOT

from autograder import course_dir
from autograder.grading import sandbox


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


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("stock") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    for folder in ("source", "data"):
        shutil.copytree(ROOT / folder, course / folder)
    for lab in LABS:
        release, source = course_dir.release_notebook(lab), course_dir.source_notebook(lab)
        perfect = course_dir.with_answers(release, course_dir.reference_answers(source))
        path = course / "submitted" / "perfect" / lab / f"{lab}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(perfect, path)
    return course


def test_the_readme_block_is_what_this_test_runs():
    assert readme_commands() == [
        "source .venv/bin/activate",
        "nbgrader generate_assignment ch03_add_mul_layers",
        "nbgrader autograde ch03_add_mul_layers",
        "nbgrader generate_feedback ch03_add_mul_layers",
        "nbgrader export"]


def test_the_reference_gets_full_marks_in_every_lab_offline(course):
    script = []
    for line in readme_commands():
        if line.startswith("source .venv/"):   # the course copy has no .venv of its own
            script.append(f"source {sys.prefix}/bin/activate")
        elif "ch03_add_mul_layers" in line:
            script += [line.replace("ch03_add_mul_layers", lab)
                       + (" --force" if "generate_assignment" in line else "") for lab in LABS]
        else:
            script.append(line)
    env = {"HOME": str(course), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    result = subprocess.run(no_network() + ["bash", "-ec", "\n".join(script)], cwd=course,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    with open(course / "grades.csv") as f:
        got = {row["assignment"]: float(row["score"]) for row in csv.DictReader(f)}
    full = {lab: sum(course_dir.test_points(course_dir.source_notebook(lab)).values())
            for lab in LABS}
    assert got == full
    assert (course / "feedback" / "perfect" / "ch07_two_layer_net").is_dir()
