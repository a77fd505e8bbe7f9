"""The repository keeps its promises: one set of pins, grading state never committed."""
import re
import subprocess
import tomllib

import yaml
from conftest import ROOT


def pyproject_pins() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["dependencies"]


def environment_pins() -> list[str]:
    text = (ROOT / "environment.yml").read_text()
    return re.findall(r"^\s+- ([A-Za-z0-9_.\-]+==[^\s#]+)\s*$", text, re.M)


def test_every_dependency_is_pinned_exactly():
    pins = pyproject_pins()
    assert all("==" in pin for pin in pins), pins
    assert "nbgrader==0.9.6" in pins and "nbval==0.11.0" in pins


def test_environment_yml_repeats_the_pyproject_pins():
    assert sorted(environment_pins()) == sorted(pyproject_pins())


def test_environment_yml_works_for_conda_and_binder():
    """`conda env create -f environment.yml` and Binder (repo2docker, which reads the root's
    environment.yml unless a binder/ folder exists) get the pinned packages, a Python that
    pyproject.toml accepts, and the course package itself (`-e .`)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["name"] == "backprop-from-scratch"
    assert "conda-forge" in env["channels"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "pip" in conda
    python = next(d for d in conda if d.startswith("python="))
    with open(ROOT / "pyproject.toml", "rb") as f:
        requires = tomllib.load(f)["project"]["requires-python"]
    minimum = tuple(int(n) for n in requires.removeprefix(">=").split("."))
    assert tuple(int(n) for n in python.split("=")[1].split(".")) >= minimum, (python, requires)
    assert sorted(p for p in pip if "==" in p) == sorted(pyproject_pins())
    assert "-e ." in pip
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "repo2docker would ignore the root environment.yml"


def test_constraints_agree_with_the_pins():
    """constraints.txt (the full resolved set, for reproducible installs) never contradicts
    a top-level pin."""
    locked = dict(line.split("==", 1) for line in
                  (ROOT / "constraints.txt").read_text().split() if "==" in line)
    normalise = lambda name: re.sub(r"[-_.]+", "-", name).lower()
    locked = {normalise(k): v for k, v in locked.items()}
    for pin in pyproject_pins():
        name, version = pin.split("==")
        assert locked.get(normalise(name)) == version, f"{pin} vs constraints.txt"


def test_grading_state_is_ignored():
    for path in ["submitted/x", "autograded/x", "feedback/x", "gradebook.db", ".venv/x",
                 "demo-output/x"]:
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert result.returncode == 0, f"{path} is not git-ignored"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
