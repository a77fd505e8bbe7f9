"""The Colab baseline: the student edition's notebooks run where only numpy, matplotlib and
a kernel exist. They come from a fresh `python -m autograder publish` (what students get).

A fresh virtual environment holds numpy, matplotlib and ipykernel at the versions pinned in
pyproject.toml (their dependencies as constraints.txt locks them) and nothing else: no
nbgrader, no repository package. It is created from PyPI on first use and cached under
.scratch/, keyed by the pins, the constraints and the Python version. Each notebook is copied
alone into an empty folder and run there by nbclient, with that environment's Python as the
kernel:

* every lecture runs without an error and draws all its figures;
* every released lab runs up to its stubs: only `NotImplementedError`s, each raised by a
  `raise NotImplementedError()` stub (in an answer cell, or in a later cell that calls it);
* every released lab with the reference answers filled in runs without an error, and every
  test cell's visible checks pass.

ch07's MNIST comes from the student edition's bundled subset (BACKPROP_MNIST_DIR); the
notebook itself imports nothing from the repository.
"""
import ast
import asyncio
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import nbformat
import pytest
from conftest import LABS, LECTURES, ROOT
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from autograder import course_dir
from autograder.authoring import links, publish

BASELINE_PACKAGES = ("numpy", "matplotlib", "ipykernel")
PARALLEL = 2           # kernels at a time (CI has 2 cores; one BLAS thread per kernel)
CELL_TIMEOUT = 300     # seconds; the slowest cell (ch07's training) takes about 30 s
KERNEL = "colab-baseline"


def baseline_pins() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        pins = tomllib.load(f)["project"]["dependencies"]
    chosen = [pin for pin in pins if pin.split("==")[0] in BASELINE_PACKAGES]
    assert len(chosen) == len(BASELINE_PACKAGES), f"pyproject.toml does not pin all of {BASELINE_PACKAGES}"
    return chosen


def baseline_python() -> Path:
    """The Python of the cached baseline environment, created on first use (atomically: it
    is built beside its final place and renamed, so concurrent runs cannot see half of one)."""
    pins = baseline_pins()
    constraints = (ROOT / "constraints.txt").read_text()
    key = hashlib.sha256("\n".join([sys.version, *pins, constraints]).encode()).hexdigest()[:12]
    scratch = ROOT / ".scratch"
    venv = scratch / f"colab-baseline-{key}"
    python = venv / "bin" / "python"
    if (venv / "complete").exists():
        return python
    scratch.mkdir(exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"colab-baseline-{key}.", dir=scratch))
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(building)], check=True)
        # pip of this (test) environment installs into the new one, which gets no pip itself
        result = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(building / "bin" / "python"), "install",
             "--quiet", "--disable-pip-version-check", "--no-input",
             "-c", str(ROOT / "constraints.txt"), *pins],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"could not install {pins} from PyPI:\n{result.stderr[-3000:]}")
        (building / "complete").write_text("\n".join(pins) + "\n")
        try:
            building.rename(venv)
        except OSError:  # another run finished first
            if not (venv / "complete").exists():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return python


# What a kernel runs first in every notebook: proof that it is the bare environment.
PROBE = """\
import importlib.util, sys
from importlib import metadata
_found = [m for m in ("autograder", "nbgrader", "nbclient", "nbval", "jupytext")
          if importlib.util.find_spec(m) is not None]
assert not _found, f"not a bare environment: {_found} importable"
print("BASELINE", sys.prefix, sorted(d.metadata["Name"].lower() for d in metadata.distributions()))
"""


def kernel_environment(home: Path, mnist: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env.update({
        # ch07's MNIST: the bundled subset only, as `make test` does (a Colab user downloads
        # the full set instead); the notebook itself imports nothing from the repository.
        "BACKPROP_MNIST_OFFLINE": "1",
        "BACKPROP_MNIST_CACHE": str(home / "mnist-cache"),
        "BACKPROP_MNIST_DIR": str(mnist),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    })
    return env


async def run_all(jobs: dict[str, tuple[Path, dict | None]], python: Path, home: Path,
                  mnist: Path) -> dict:
    """Run every notebook of ``jobs`` ({name: (a copy alone in its folder, answers or
    None)}) in its folder with the baseline kernel, PARALLEL at a time, recording errors
    instead of stopping; {name: (executed notebook, seconds)}."""
    kernels = home / "kernels"
    (kernels / KERNEL).mkdir(parents=True)
    (kernels / KERNEL / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Colab baseline", "language": "python"}))
    env = kernel_environment(home, mnist)
    gate = asyncio.Semaphore(PARALLEL)
    done = {}

    async def run(name, path, answers):
        nb = nbformat.read(path, as_version=4)
        if answers is not None:
            nb = course_dir.with_answers(nb, answers)
        nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
        async with gate:
            start = time.monotonic()
            km = AsyncKernelManager(kernel_name=KERNEL,
                                    kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
            client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=True,
                                    resources={"metadata": {"path": str(path.parent)}})
            await client.async_execute(env=env)
            done[name] = (nb, time.monotonic() - start)

    # the longest first (ch07's lecture trains a network), so it overlaps with the rest
    order = sorted(jobs, key=lambda name: ("lecture/ch07" not in name, name))
    await asyncio.gather(*(run(name, *jobs[name]) for name in order))
    return done


@pytest.fixture(scope="module")
def baseline_runs():
    """Every lecture, every released lab untouched and every released lab with reference
    answers, of the student edition, run in the baseline environment from a folder holding
    only a copy of the notebook."""
    started = time.monotonic()
    python = baseline_python()
    venv_seconds = time.monotonic() - started
    with tempfile.TemporaryDirectory(prefix="bfs-colab-") as home:
        home = Path(home)
        edition = publish.publish(home / "student-edition").dest

        def alone(name: str, notebook: Path) -> Path:
            """A copy of the notebook, alone in a folder of its own (as on Colab)."""
            folder = home / "run" / name.replace("/", "-")
            folder.mkdir(parents=True)
            return Path(shutil.copy(notebook, folder))

        jobs = {}
        for lecture in LECTURES:
            jobs[f"lecture/{lecture}"] = (alone(f"lecture/{lecture}", edition / links.student_path(
                "lectures", lecture)), None)
        for lab in LABS:
            release = edition / links.student_path("labs", lab)
            answers = course_dir.reference_answers(course_dir.source_notebook(lab))
            jobs[f"stubs/{lab}"] = (alone(f"stubs/{lab}", release), None)
            jobs[f"answers/{lab}"] = (alone(f"answers/{lab}", release), answers)
            # the Korean edition runs the same code (editions.py checks it, and nbval runs its
            # lectures): here its labs, with their Korean provided code, pass their checks
            jobs[f"ko-answers/{lab}"] = (alone(f"ko-answers/{lab}", edition / links.student_path(
                "labs", lab, "ko")), answers)
        runs = asyncio.run(run_all(jobs, python, home, edition / "data" / "mnist"))
    print(f"\nColab baseline: environment ready in {venv_seconds:.1f} s, notebooks run in "
          f"{time.monotonic() - started - venv_seconds:.1f} s; slowest: " + ", ".join(
              f"{name} {seconds:.1f} s" for name, (_, seconds) in
              sorted(runs.items(), key=lambda item: -item[1][1])[:3]))
    return {name: nb for name, (nb, _) in runs.items()}


def errors(nb) -> list[tuple[int, str, str]]:
    """(cell index, exception name, message) of every error output."""
    return [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"]


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def test_the_kernel_is_the_bare_baseline_environment(baseline_runs):
    allowed = set()
    for nb in baseline_runs.values():
        line = next(line for line in printed(nb.cells[0]).splitlines() if line.startswith("BASELINE"))
        assert ".scratch/colab-baseline-" in line, line
        allowed |= set(ast.literal_eval(line.split(" ", 2)[2]))  # the list printed by PROBE
    assert {"numpy", "matplotlib", "ipykernel"} <= allowed
    assert not allowed & {"nbgrader", "nbclient", "nbval", "jupytext", "jupyterlab",
                          "backprop-from-scratch", "pytest"}, sorted(allowed)


@pytest.mark.parametrize("lecture", LECTURES)
def test_lecture_runs_and_draws_its_figures(baseline_runs, lecture):
    nb = baseline_runs[f"lecture/{lecture}"]
    assert not errors(nb), errors(nb)
    committed = nbformat.read(ROOT / "notebooks" / f"{lecture}.ipynb", as_version=4)
    images = lambda notebook: sum("image/png" in o.get("data", {}) for c in notebook.cells
                                  if c.cell_type == "code" for o in c.outputs)
    assert images(nb) == images(committed), "a figure is missing in the baseline environment"
    assert "✓ Ready" in environment_check_output(nb)


def environment_check_output(nb) -> str:
    """What the notebook's first cell (after the probe), the environment check, printed."""
    first_code = next(c for c in nb.cells[1:] if c.cell_type == "code")
    assert first_code.source.startswith("# provided: environment"), first_code.source[:80]
    return printed(first_code)


@pytest.mark.parametrize("lab", LABS)
def test_release_runs_up_to_its_stubs(baseline_runs, lab):
    """Only stubs fail: every error is a NotImplementedError raised by a `raise
    NotImplementedError()` under `# YOUR CODE HERE` (in an answer cell, or in a later cell
    that calls the unwritten code), never before the first answer cell."""
    nb = baseline_runs[f"stubs/{lab}"]
    found = errors(nb)
    assert found, "the untouched release should stop at its stubs"
    assert {name for _, name, _ in found} == {"NotImplementedError"}, found
    first_answer = next(i for i, c in enumerate(nb.cells) if course_dir.nbgrader_meta(c).get("solution"))
    for index, _, _ in found:
        assert index >= first_answer, f"cell {index} fails before the first answer cell"
        traceback = ANSI.sub("", "\n".join(
            line for o in nb.cells[index].outputs if o.output_type == "error" for line in o.traceback))
        assert "YOUR CODE HERE" in traceback and "raise NotImplementedError()" in traceback, traceback
    stubbed = [c for c in nb.cells if course_dir.nbgrader_meta(c).get("solution")]
    assert stubbed and all("raise NotImplementedError()" in c.source for c in stubbed)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lab", LABS)
def test_release_with_reference_answers_passes_every_visible_check(baseline_runs, lab, lang):
    nb = baseline_runs[f"answers/{lab}" if lang == "en" else f"ko-answers/{lab}"]
    assert not errors(nb), errors(nb)
    assert ("✓ Ready" if lang == "en" else "✓ 준비되었습니다") in environment_check_output(nb)
    for cell in nb.cells:
        meta = course_dir.nbgrader_meta(cell)
        if meta.get("grade"):
            assert "✓" in printed(cell), f"test cell {meta['grade_id']} printed no passed check"
