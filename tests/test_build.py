"""Committed notebooks are exactly what the build makes from content/ and autograder/provided/."""
import ast
import re
import sys

import nbformat
import pytest
from conftest import EDITIONS, LABS, LECTURES, ROOT

from autograder.authoring import build, links
from autograder.course_dir import edition_root

ALLOWED_IMPORTS = set(sys.stdlib_module_names) | {"numpy", "matplotlib"}


def cells_without_outputs(nb) -> list[tuple]:
    return [(c.cell_type, c.source, dict(c.metadata)) for c in nb.cells]


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("lab", LABS)
def test_source_lab_matches_its_text(lab, lang):
    committed = nbformat.read(edition_root(lang) / "source" / lab / f"{lab}.ipynb", as_version=4)
    assert cells_without_outputs(committed) == cells_without_outputs(build.build_lab(lab, lang)), (
        f"the {lang} source/{lab} differs from its text in content/: run `make notebooks`")


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("lecture", LECTURES)
def test_lecture_matches_its_text(lecture, lang):
    committed = nbformat.read(edition_root(lang) / "notebooks" / f"{lecture}.ipynb", as_version=4)
    fresh = build.build_lecture(lecture, run=False, lang=lang)
    assert cells_without_outputs(committed) == cells_without_outputs(fresh), (
        f"the {lang} lecture {lecture}.ipynb differs from its text in content/: run `make notebooks`")
    shows_something = [c for c in committed.cells if c.cell_type == "code"
                       and not build.provided_module(c)
                       and ("print(" in c.source or "plt.show()" in c.source)]
    assert all(c.outputs for c in shows_something), "lecture committed without outputs"


def all_notebooks():
    return [path for lang in EDITIONS for root in [edition_root(lang)]
            for path in sorted((root / "notebooks").glob("*.ipynb"))
            + sorted((root / "release").glob("*/*.ipynb")) + sorted((root / "source").glob("*/*.ipynb"))]


def edition_of(path) -> str:
    return "ko" if path.relative_to(ROOT).parts[0] == "ko" else "en"


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_provided_cells_equal_their_single_source(path):
    nb = nbformat.read(path, as_version=4)
    provided = [c for c in nb.cells if build.provided_module(c)]
    for cell in provided:
        module = build.provided_module(cell)
        expected = build.provided_source(module, edition_of(path))
        assert cell.source == f"{build.PROVIDED_MARKER} {module}\n{expected}", (
            f"{path.name}: the `{module}` cell differs from autograder/provided/{module}.py")


def test_provided_modules_need_only_numpy_and_matplotlib():
    for path in (ROOT / "autograder" / "provided").rglob("*.py"):
        assert imported_modules(path.read_text()) <= ALLOWED_IMPORTS, path.name


def imported_modules(code: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").split(".")[0])
    return found


@pytest.mark.parametrize("path", [p for p in all_notebooks() if "source" not in p.parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_student_notebooks_import_only_numpy_matplotlib_and_the_standard_library(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not any(line.lstrip().startswith(("!", "%")) for line in code.splitlines()), \
        f"{path.name} uses a shell escape or magic"
    assert imported_modules(code) <= ALLOWED_IMPORTS, imported_modules(code) - ALLOWED_IMPORTS


COLAB_LINK = re.compile(r"https://colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/(\S+?\.ipynb)")
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([\w.-]+)\?")


def test_colab_links_open_the_notebook_in_the_student_edition():
    """Every lecture and released lab links to its own copy in the student edition, the
    repository named by [tool.backprop] student_repository (no link to this one)."""
    expected = (links.settings()["student_repository"], links.settings()["branch"])
    for lang in EDITIONS:
        for kind, names in (("lectures", LECTURES), ("labs", LABS)):
            for name in names:
                text = (ROOT / links.course_path(kind, name, lang)).read_text()
                found = COLAB_LINK.findall(text)
                assert found == [(*expected, links.student_path(kind, name, lang))], (name, found)


def test_links_follow_the_setting(monkeypatch):
    monkeypatch.setattr(links, "settings",
                        lambda: {"student_repository": "someone/their-class", "branch": "spring"})
    assert links.colab_url("labs/x.ipynb") == (
        "https://colab.research.google.com/github/someone/their-class/blob/spring/labs/x.ipynb")
    assert BINDER_LINK.findall(links.binder_url()) == [("someone/their-class", "spring")]
    nb = build.read_text_notebook(ROOT / "content" / "labs" / f"{LABS[0]}.py")
    assert "someone/their-class/blob/spring/labs/" in nb.cells[1].source


def test_a_malformed_student_repository_is_a_clear_error(monkeypatch, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.backprop]\nstudent_repository = "just-a-name"\n')
    monkeypatch.setattr(links, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="OWNER/NAME"):
        links.settings()


def test_every_student_notebook_starts_with_the_environment_check():
    """The first code cell of each lecture and released lab is the environment check; in a
    lab it is locked and carries no points, so nbgrader never grades it."""
    for path in [ROOT / links.course_path(kind, n, lang) for lang in EDITIONS
                 for kind, names in (("lectures", LECTURES), ("labs", LABS)) for n in names]:
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert build.provided_module(first) == build.ENVIRONMENT_MODULE, path.name
        if "release" in path.parts:
            meta = first.metadata["nbgrader"]
            assert meta["locked"] and not meta["grade"] and not meta["solution"], meta
        else:
            assert not first.outputs, "the lecture stores the environment check's output"
