"""Committed notebooks are exactly what the build makes from content/ and autograder/provided/."""
import ast
import re
import sys

import nbformat
import pytest
from conftest import LABS, LECTURES, ROOT

from autograder.authoring import build

ALLOWED_IMPORTS = set(sys.stdlib_module_names) | {"numpy", "matplotlib"}


def cells_without_outputs(nb) -> list[tuple]:
    return [(c.cell_type, c.source, dict(c.metadata)) for c in nb.cells]


@pytest.mark.parametrize("lab", LABS)
def test_source_lab_matches_its_text(lab):
    committed = nbformat.read(ROOT / "source" / lab / f"{lab}.ipynb", as_version=4)
    assert cells_without_outputs(committed) == cells_without_outputs(build.build_lab(lab)), (
        f"source/{lab} differs from content/labs/{lab}.py: run `make notebooks`")


@pytest.mark.parametrize("lecture", LECTURES)
def test_lecture_matches_its_text(lecture):
    committed = nbformat.read(ROOT / "notebooks" / f"{lecture}.ipynb", as_version=4)
    fresh = build.build_lecture(lecture, run=False)
    assert cells_without_outputs(committed) == cells_without_outputs(fresh), (
        f"notebooks/{lecture}.ipynb differs from content/lectures/{lecture}.py: run `make notebooks`")
    shows_something = [c for c in committed.cells if c.cell_type == "code"
                       and not build.provided_module(c)
                       and ("print(" in c.source or "plt.show()" in c.source)]
    assert all(c.outputs for c in shows_something), "lecture committed without outputs"


def all_notebooks():
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "release").glob("*/*.ipynb")) \
        + sorted((ROOT / "source").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_provided_cells_equal_their_single_source(path):
    nb = nbformat.read(path, as_version=4)
    provided = [c for c in nb.cells if build.provided_module(c)]
    for cell in provided:
        module = build.provided_module(cell)
        assert cell.source == f"{build.PROVIDED_MARKER} {module}\n{build.provided_source(module)}", (
            f"{path.name}: the `{module}` cell differs from autograder/provided/{module}.py")


def test_provided_modules_need_only_numpy_and_matplotlib():
    for path in (ROOT / "autograder" / "provided").glob("*.py"):
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


def test_release_equals_a_fresh_nbgrader_generate_assignment(tmp_path):
    build.generate_release(ROOT, LABS, tmp_path)
    for lab in LABS:
        fresh = nbformat.read(tmp_path / lab / f"{lab}.ipynb", as_version=4)
        committed = nbformat.read(ROOT / "release" / lab / f"{lab}.ipynb", as_version=4)
        assert fresh == committed, f"release/{lab} is stale: run `make notebooks`"
        assert sorted(p.name for p in (tmp_path / lab).iterdir()) == \
            sorted(p.name for p in (ROOT / "release" / lab).iterdir())


COLAB_LINK = re.compile(r"https://colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/(\S+?\.ipynb)")
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([\w.-]+)\?")


def test_colab_and_binder_links_come_from_the_one_configured_repository():
    """Every lecture, released lab and the README link to the repository named in
    pyproject.toml's [tool.backprop], and each notebook's link opens that very notebook."""
    settings = build.repository_settings()
    expected = (settings["repository"], settings["branch"])
    for kind, names in (("lectures", LECTURES), ("labs", LABS)):
        for name in names:
            path = build.student_path(kind, name)
            text = (ROOT / path).read_text()
            links = COLAB_LINK.findall(text)
            assert links, f"{path} has no Open in Colab link"
            assert {(slug, branch) for slug, branch, _ in links} == {expected}, (path, links)
            assert {target for _, _, target in links} == {path}, (path, links)
            assert build.colab_url(path) in text
    readme = (ROOT / "README.md").read_text()
    colab, binder = COLAB_LINK.findall(readme), BINDER_LINK.findall(readme)
    assert colab and binder, "the README has no Colab or no Binder link"
    assert {(slug, branch) for slug, branch, _ in colab} | set(binder) == {expected}, (
        "README links disagree with [tool.backprop] in pyproject.toml: run `make notebooks`")
    assert build.readme_with_links(readme) == readme
    for _, _, target in colab:
        assert (ROOT / target).is_file(), f"the README links to {target}, which does not exist"
    assert {target for _, _, target in colab} >= {build.student_path("labs", lab) for lab in LABS}


def test_readme_links_follow_the_setting(monkeypatch):
    monkeypatch.setattr(build, "repository_settings",
                        lambda: {"repository": "someone/their-fork", "branch": "spring"})
    rewritten = build.readme_with_links((ROOT / "README.md").read_text())
    assert set(BINDER_LINK.findall(rewritten)) == {("someone/their-fork", "spring")}
    assert {(s, b) for s, b, _ in COLAB_LINK.findall(rewritten)} == {("someone/their-fork", "spring")}


def test_every_student_notebook_starts_with_the_environment_check():
    """The first code cell of each lecture and released lab is the environment check; in a
    lab it is locked and carries no points, so nbgrader never grades it."""
    for path in [ROOT / build.student_path("lectures", n) for n in LECTURES] + \
            [ROOT / build.student_path("labs", n) for n in LABS]:
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert build.provided_module(first) == build.ENVIRONMENT_MODULE, path.name
        if "release" in path.parts:
            meta = first.metadata["nbgrader"]
            assert meta["locked"] and not meta["grade"] and not meta["solution"], meta
        else:
            assert not first.outputs, "the lecture stores the environment check's output"
