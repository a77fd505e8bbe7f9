"""The student release leaks nothing and runs where only numpy and matplotlib exist."""
import re
import subprocess
import sys
import tempfile

import nbformat
import pytest
from conftest import LABS, ROOT
from nbclient import NotebookClient

from autograder import submissions

DELIMITERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def region_lines(source: str, begin: str, end: str) -> list[str]:
    lines, inside = [], False
    for line in source.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and line.strip() and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


def secrets(source_nb) -> set[str]:
    """Every solution and hidden-test line that is not also given to students: outside those
    regions, or in the text of the task (a formula the task states is no secret)."""
    found, public = set(), set()
    statements = "\n".join(c.source for c in source_nb.cells if c.cell_type == "markdown")
    for cell in source_nb.cells:
        found |= set(region_lines(cell.source, "BEGIN SOLUTION", "END SOLUTION"))
        found |= set(region_lines(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"))
        public |= {line.strip() for line in re.sub(
            r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END \1", "", cell.source, flags=re.S).split("\n")}
    return {line for line in found - public if line not in statements}


@pytest.mark.parametrize("lab", LABS)
def test_no_solution_or_hidden_test_line_reaches_the_release(lab):
    text = (ROOT / "release" / lab / f"{lab}.ipynb").read_text()
    release = nbformat.reads(text, as_version=4)
    code = "\n".join(c.source for c in release.cells)
    leaked = [line for line in secrets(submissions.source_notebook(lab)) if line in code]
    assert not leaked, leaked
    assert not [d for d in DELIMITERS if d in text]
    assert "autograder" not in text


def test_release_holds_only_the_notebooks():
    for lab in LABS:
        assert [p.name for p in (ROOT / "release" / lab).iterdir()] == [f"{lab}.ipynb"]


def test_shared_leakcheck_finds_nothing():
    tool = ROOT.parent / "shared" / "tools" / "leakcheck.py"
    if not tool.exists():
        pytest.skip("../shared/tools/leakcheck.py is not beside this clone")
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def execute_alone(nb):
    """Run nb top to bottom in an empty folder, recording errors instead of stopping."""
    with tempfile.TemporaryDirectory() as cwd:
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": cwd}}).execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("lab", LABS)
def test_release_runs_up_to_its_stubs(lab):
    errors = execute_alone(submissions.release_notebook(lab))
    assert errors, "the untouched release should stop at its stubs"
    assert {e.ename for e in errors} == {"NotImplementedError"}, [(e.ename, e.evalue) for e in errors]


@pytest.mark.parametrize("lab", LABS)
def test_release_with_reference_answers_passes_every_visible_check(lab):
    answers = submissions.reference_answers(submissions.source_notebook(lab))
    nb = submissions.with_answers(submissions.release_notebook(lab), answers)
    errors = execute_alone(nb)
    assert not errors, [(e.ename, e.evalue) for e in errors]
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert printed.count("✓") >= 4
