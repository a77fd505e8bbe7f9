"""The trust boundary: what a student's kernel can reach holds no answer.

The sandbox mounts the sandbox side of the package (autograder/__init__.py, checks/,
provided/) and nothing else of the course. Assume the student's code reads all of it
(sys.modules, its callers' frames, every mounted file):

* it imports only numpy, the standard library and itself (matplotlib in provided/);
* the sandbox mounts exactly those files, and hides the grader's side even where the
  package is installed into the environment the kernel runs in;
* no function or class in it, used in place of a student's answer, earns a test cell's
  points: each one is tried against every judge, as the function graded, as the class
  graded, as a layer's forward or backward;
* no value the judges compare with (the reference's results) is ever sent to the kernel.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import LABS, ROOT

from autograder import course_dir
from autograder.grading import pool, sandbox
from autograder.judging import judges_for
from autograder.judging.program import encode_programs
from autograder.judging.reference import reference_records, run_here, trusted_namespace

PACKAGE = ROOT / "autograder"
SANDBOX_FILES = sorted([PACKAGE / "__init__.py", *(PACKAGE / "checks").rglob("*.py"),
                        *(PACKAGE / "provided").rglob("*.py")])


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", SANDBOX_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_sandbox_side_imports_only_numpy_the_standard_library_and_itself(path):
    allowed_packages = {"numpy"} | ({"matplotlib"} if "provided" in path.parts else set())
    for module in imported_modules(path):
        top = module.split(".")[0]
        if top == "autograder":
            assert module.startswith(("autograder.checks", "autograder.provided")), (path, module)
        else:
            assert top in sys.stdlib_module_names or top in allowed_packages, (path, module)
    grader_side = ("autograder.judging", "autograder.grading", "autograder.authoring",
                   "autograder.course_dir", "autograder.cli")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not node.value.startswith(grader_side), (path, node.value)


def test_the_sandbox_mounts_the_sandbox_side_and_nothing_else(tmp_path):
    staged = pool.stage_sandbox_side(tmp_path / "grader")
    files = {p.relative_to(staged / "autograder") for p in (staged / "autograder").rglob("*")
             if p.is_file()}
    assert files == {p.relative_to(PACKAGE) for p in SANDBOX_FILES}
    home, runtime = tmp_path / "home", tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir()
    argv = sandbox.kernel_argv(home, runtime, sandbox.Limits(), uid=None,
                               mnist_dir=ROOT / "data" / "mnist", grader_dir=staged)
    sources = [argv[i + 1] for i, a in enumerate(argv) if a in ("--bind", "--ro-bind")]
    for source in sources:
        path = Path(source)
        assert path != ROOT and not (path in ROOT.parents), source
        if ROOT in path.parents:   # only the bundled data, or the venv, may live in the course
            assert path == ROOT / "data" / "mnist" or ".venv" in path.parts, source
    masked = {argv[i + 1] for i, a in enumerate(argv) if a == "--tmpfs"}
    for folder in sandbox._installed_grader_side():
        if any(sandbox._inside(folder, [s]) for s in sources):
            assert folder in masked, f"{folder} is mounted and not hidden"


def test_a_package_installed_into_the_environment_is_hidden(monkeypatch, tmp_path):
    """With a non-editable install, the grader's side sits in site-packages, which the
    sandbox mounts: it is covered by an empty tmpfs."""
    site = tmp_path / "venv" / "lib" / "site-packages" / "autograder"
    for name in ("checks", "provided", "judging", "grading", "authoring"):
        (site / name).mkdir(parents=True)
    monkeypatch.setattr(sandbox, "PACKAGE_DIR", site)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    argv = sandbox._system_binds()
    masked = {argv[i + 1] for i, a in enumerate(argv) if a == "--tmpfs"}
    assert masked == {str(site / n) for n in ("judging", "grading", "authoring")}


def _sandbox_callables() -> dict[str, object]:
    """Every function and class of the sandbox side (module level, class methods,
    staticmethods), by a readable name."""
    found = {}
    for path in SANDBOX_FILES:
        if path.parent.name == "ko":   # the Korean provided code: the English code, token for
            continue                   # token (tests/test_editions.py), with other words
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(module_name.removesuffix(".__init__"))
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value) or inspect.isclass(value):
                found[f"{module_name}.{name}"] = value
            if inspect.isclass(value):
                for attr, member in vars(value).items():
                    if isinstance(member, staticmethod):
                        found[f"{module_name}.{name}.{attr}"] = member.__func__
    return found


CANDIDATES = _sandbox_callables()
JUDGED = [(lab, cell) for lab in LABS for cell in judges_for(lab)]


def _answer_cell(lab: str, cell: str):
    """The answer cell that a test cell grades: the last one before it (source version)."""
    answer = None
    for c in course_dir.source_notebook(lab).cells:
        meta = course_dir.nbgrader_meta(c)
        if meta.get("solution"):
            answer = c
        elif meta.get("grade_id") == cell:
            return answer
    raise KeyError(cell)


def _graded_names(lab: str, cell: str) -> set[str]:
    """The functions and classes defined by the answer cell this test cell grades."""
    code = course_dir.strip_solution_delimiters(_answer_cell(lab, cell).source)
    return {node.name for node in ast.parse(code).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def _solution_methods(lab: str, cell: str, cls: str) -> set[str]:
    """The methods of cls the student writes (their body holds the solution region)."""
    source = _answer_cell(lab, cell).source
    tree = ast.parse(course_dir.strip_solution_delimiters(source))
    lines = course_dir.strip_solution_delimiters(source).splitlines()
    methods = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    body = "\n".join(lines[item.lineno - 1:item.end_lineno])
                    if any(body.strip() and line.strip() in body for line in
                           _solution_lines(source)):
                        methods.add(item.name)
    return methods


def _solution_lines(source: str) -> list[str]:
    inside, found = False, []
    for line in source.splitlines():
        if "### BEGIN SOLUTION" in line:
            inside = True
        elif "### END SOLUTION" in line:
            inside = False
        elif inside and line.strip():
            found.append(line)
    return found


def _targets(judge, lab: str, cell: str) -> tuple[set[str], set[str]]:
    """(functions, classes) that the judge calls and the test cell grades."""
    called = {step[2].split(".")[0] for case in judge.cases for step in case.steps
              if step[0] == "call"}
    names = called & _graded_names(lab, cell)
    classes = {n for n in names if n[:1].isupper()}
    return names - classes, classes


# ch02's numerical_diff is graded as the central difference itself, which every
# gradient check of the sandbox side computes (and students are given in later labs as the
# provided numerical_gradient): those helpers are the one answer the student's side must
# hold. Any other function earning those points still fails this test.
CENTRAL_DIFFERENCES = {"autograder.checks.gradcheck.numerical_gradient",
                       "autograder.checks.runtime.elementwise_derivative",
                       "autograder.provided.numerical_gradient.numerical_gradient"}
GRADED_NUMERICALLY = {("ch02_chain_rule", "numerical_diff_test")}


USED: list[str] = []      # the borrowed methods that a judge's run called


def _compared_methods(judge, cls: str) -> set[str]:
    """The methods of cls whose results a judge compares ("layer.backward", "net.gradient")."""
    methods = set()
    for case in judge.cases:
        objects = {step[1] for step in case.steps if step[0] == "call" and step[2] == cls}
        compared = set(case.compared_names())
        methods |= {step[2].split(".", 1)[1] for step in case.steps
                    if step[0] == "call" and step[1] in compared
                    and step[2].split(".")[0] in objects and "." in step[2]}
    return {m for m in methods if not m.startswith("_")}   # not __dir__ and the like


def _borrowing(cls: type, function, methods: set[str]) -> list[type]:
    """One class per graded method of cls: it keeps the reference's behaviour (and so its
    state) but returns what ``function`` computes from the method's arguments (after
    forward's, for backward). If one earns the points, ``function`` computes a graded value."""
    def borrowed(name):
        def method(self, *args):
            USED.append(name)
            if name == "forward":
                self._forward_args = args
            getattr(cls, name)(self, *args)
            extra = getattr(self, "_forward_args", ()) if name == "backward" else ()
            try:
                return function(*extra, *args)
            except TypeError:
                return function(self, *args)
        return method

    def remember(self, *args):
        self._forward_args = args
        return cls.forward(self, *args)

    made = []
    for name in sorted(methods):
        if callable(getattr(cls, name, None)):
            attrs = {name: borrowed(name)}
            if name == "backward" and callable(getattr(cls, "forward", None)):
                attrs["forward"] = remember
            made.append(type(cls.__name__, (cls,), attrs))
    return made


@pytest.mark.parametrize("lab,cell", JUDGED, ids=[f"{lab[:4]}-{cell}" for lab, cell in JUDGED])
def test_nothing_mounted_earns_points_in_place_of_an_answer(lab, cell):
    assert len(CANDIDATES) > 30
    judge = judges_for(lab)[cell](None)
    if not judge.needs_reference:
        pytest.skip("judged by training on MNIST (the train judge): covered by the mutation suite")
    want = reference_records(judge, lab)
    functions, classes = _targets(judge, lab, cell)
    assert functions or classes, f"{lab} {cell}: no graded function or class is called"
    base = trusted_namespace(lab)
    earned = []
    for name, candidate in CANDIDATES.items():
        tries = [({target: candidate}, False) for target in functions]
        if inspect.isclass(candidate):
            tries += [({target: candidate}, False) for target in classes]
        elif callable(candidate):
            tries += [({target: borrowed}, True) for target in classes
                      if isinstance(base.get(target), type)
                      for borrowed in _borrowing(
                          base[target], candidate, _compared_methods(judge, target)
                          & _solution_methods(lab, cell, target))]
        for replacement, method in tries:
            namespace = {**base, **replacement}
            USED.clear()
            try:
                verdict = judge.verdict(run_here(judge, namespace), want)
            except Exception:  # noqa: BLE001 - a candidate that breaks the run earns nothing
                continue
            finally:
                plt.close("all")       # a candidate may draw (provided/graph_figure.py)
            if verdict.passed and (USED or not method):
                earned.append(name)
    if (lab, cell) in GRADED_NUMERICALLY:
        earned = [name for name in earned if name not in CENTRAL_DIFFERENCES]
    assert not earned, f"{lab} {cell}: sandbox-side code passes in place of an answer: {earned}"


def _arrays(value):
    if isinstance(value, np.ndarray) and value.dtype.kind in "f":
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item)


@pytest.mark.parametrize("lab", LABS)
def test_the_kernel_never_receives_a_reference_value(lab):
    """The cases sent into the kernel carry the grader's inputs only: no result of the
    reference (other than an input passed through unchanged) is among them."""
    for cell, make in judges_for(lab).items():
        judge = make(3)
        if not judge.needs_reference:
            continue
        _, sent = encode_programs(judge.programs)
        sent = [np.asarray(a, dtype=float) for a in sent if np.asarray(a).size >= 2]
        for record in judge.records(reference_records(judge, lab)):
            for value in record.values():
                for array in _arrays(value):
                    if array.size < 2 or not np.any(array):
                        continue
                    if any(a.shape == array.shape and np.allclose(a, array) for a in sent):
                        is_input = any(a.shape == array.shape and np.array_equal(a, array)
                                       for a in sent)
                        assert is_input, f"{lab} {cell}: a reference result is sent to the kernel"
