"""The student release leaks nothing (running it: tests/test_colab_baseline.py)."""
import re
import subprocess
import sys

import nbformat
import pytest
from conftest import EDITIONS, LABS, ROOT

from autograder import course_dir

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
            r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END \1", "", cell.source, flags=re.DOTALL).split("\n")}
    return {line for line in found - public if line not in statements}


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("lab", LABS)
def test_no_solution_or_hidden_test_line_reaches_the_release(lab, lang):
    text = (course_dir.edition_root(lang) / "release" / lab / f"{lab}.ipynb").read_text()
    release = nbformat.reads(text, as_version=4)
    code = "\n".join(c.source for c in release.cells)
    leaked = [line for line in secrets(course_dir.source_notebook(lab)) if line in code]
    assert not leaked, leaked
    assert not [d for d in DELIMITERS if d in text]
    assert "autograder" not in text


def test_release_holds_only_the_notebooks():
    for lang in EDITIONS:
        for lab in LABS:
            release = course_dir.edition_root(lang) / "release" / lab
            assert [p.name for p in release.iterdir()] == [f"{lab}.ipynb"]


def test_shared_leakcheck_finds_nothing():
    tool = ROOT.parent / "shared" / "tools" / "leakcheck.py"
    if not tool.exists():
        pytest.skip("../shared/tools/leakcheck.py is not beside this clone")
    for lang in EDITIONS:   # each edition is a course directory of its own (ko/: the Korean)
        root = course_dir.edition_root(lang)
        result = subprocess.run([sys.executable, str(tool), str(root)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


# That the release runs up to its stubs, and with the reference answers passes every visible
# check, in an empty folder where only numpy, matplotlib and a kernel exist: see
# tests/test_colab_baseline.py (it runs them once, in a bare environment, not twice).
