"""`python -m autograder grade` as an instructor uses it: an LMS zip in; grades, feedback
and a report out; a re-run gives the same; no sandbox means no grading unless asked."""
import csv
import json
import os
import subprocess
import sys
import zipfile

import nbformat
import pytest

from autograder import course_dir
from autograder.course_dir import ROOT, tool_env
from autograder.grading import gradebook
from autograder.grading import stock as grading

LAB = "ch01_computational_graph"


SECRET = {"BACKPROP_COURSE_SECRET": "5e" * 32}


def grade(*args, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env or {**tool_env(), **SECRET},
                          timeout=600)


def _seeds(out):
    return {r["student"]: r["seed"] for r in json.loads((out / "results.json").read_text())}


@pytest.fixture(scope="module")
def download(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lms")
    release, source = course_dir.release_notebook(LAB), course_dir.source_notebook(LAB)
    perfect = course_dir.with_answers(release, course_dir.reference_answers(source))
    path = folder / "submissions.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"kim_1001_5001_{LAB}.ipynb", nbformat.writes(perfect))
        archive.writestr(f"lee_1002_5002_{LAB}.ipynb", nbformat.writes(release))
        archive.writestr(f"park_1003_5003_{LAB}.ipynb", '{"cells": [')  # cut off
        archive.writestr("__MACOSX/._junk", b"\0")
    return path


@pytest.fixture(scope="module")
def graded(download, tmp_path_factory):
    """One run, also recording into an nbgrader course (--gradebook)."""
    base = tmp_path_factory.mktemp("graded")
    out, course = base / "out", base / "course"
    grading.new_course(course, [LAB])
    result = grade(str(download), "--output", str(out), "--labs", LAB, "--workers", "2",
                   "--no-progress", "--gradebook", str(course))
    return out, course, result


def _grades(out):
    with open(out / "grades.csv") as f:
        return {row["student"]: row[LAB] for row in csv.DictReader(f)}


def test_one_command_grades_the_class(graded):
    out, _, result = graded
    assert result.returncode == 0, result.stderr
    assert "found 3 notebooks from 3 students" in result.stdout
    assert _grades(out) == {"kim": "8", "lee": "0", "park": "0"}
    for student in ("kim", "lee", "park"):
        assert (out / "feedback" / student / LAB / f"{LAB}.html").is_file()
    assert (out / "summary.md").is_file() and (out / "questions.csv").is_file()
    feedback = (out / "feedback" / "park" / LAB / f"{LAB}.html").read_text()
    assert "could not be graded" in feedback and "File → Download" in feedback


def test_grades_reach_nbgrader_s_gradebook(graded):
    """With --gradebook, stock `nbgrader export` (and the formgrader) see the same grades."""
    _, course, _ = graded
    grading.nbgrader(course, "export")
    with open(course / "grades.csv") as f:
        exported = {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}
    assert exported == {"kim": 8.0, "lee": 0.0, "park": 0.0}
    assert (course / "feedback" / "kim" / LAB / f"{LAB}.html").is_file()
    assert (course / "autograded" / "kim" / LAB / f"{LAB}.ipynb").is_file()


def test_a_rerun_gives_the_same_grades_and_replaces_the_gradebook_entries(graded, download):
    out, course, _ = graded
    before = _grades(out)
    again = grade(str(download), "--output", str(out), "--labs", LAB, "--no-progress",
                  "--gradebook", str(course))
    assert again.returncode == 0, again.stderr
    assert _grades(out) == before
    seeds = _seeds(out)
    assert len(set(seeds.values())) == 3 and all(len(v) == 16 for v in seeds.values())
    full = course_dir.test_points(course_dir.source_notebook(LAB))
    assert gradebook.scores(course, LAB, "kim") == full


def test_without_the_sandbox_tools_it_refuses_and_says_what_to_do(download, tmp_path):
    env = {**tool_env(), "PATH": str(tmp_path)}  # no bwrap, prlimit or setpriv on PATH
    result = grade(str(download), "--output", str(tmp_path / "out"), "--labs", LAB, env=env)
    assert result.returncode == 2
    assert "cannot grade safely" in result.stderr and "--unsafe-no-sandbox" in result.stderr
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_a_missing_download_is_a_clear_error(tmp_path):
    result = grade(str(tmp_path / "nowhere.zip"), "--output", str(tmp_path / "out"))
    assert result.returncode == 2 and "error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_explains_the_outputs():
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", "--help"],
                            capture_output=True, text=True, env=tool_env(), cwd=ROOT)
    assert result.returncode == 0
    for words in ("SUBMISSIONS", "grades.csv", "feedback/STUDENT/LAB/LAB.html", "--unsafe-no-sandbox"):
        assert words in result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged uid drop happens only as root")
def test_student_kernels_do_not_run_as_root(tmp_path):
    from autograder.grading.sandbox import Limits, kernel_argv
    argv = kernel_argv(tmp_path, tmp_path, Limits(), uid=61000, mnist_dir=None)
    assert "--reuid=61000" in argv and "--unshare-net" in argv and "--unshare-pid" in argv
    assert not any(str(ROOT / "source") in a for a in argv)


def test_the_sandbox_tmp_never_hides_the_python_it_runs(tmp_path):
    """bwrap applies mounts in order: a tmpfs on /tmp after the venv's bind would hide a
    venv or course that lives under /tmp (a CI clone, say)."""
    from autograder.grading.sandbox import Limits, kernel_argv
    argv = kernel_argv(tmp_path, tmp_path, Limits(), uid=None, mnist_dir=None)
    tmpfs = argv.index("--tmpfs")
    assert argv[tmpfs + 1] == "/tmp"
    assert tmpfs < argv.index("--ro-bind")
    assert argv.count("/tmp") == 1


def test_every_student_has_inputs_of_their_own_and_a_regrade_reproduces_them(graded, tmp_path,
                                                                              download):
    """Seeds come from the course's secret and the student's id: recorded per notebook in
    results.json; the same secret regrades the same, another secret draws other inputs."""
    out, _, _ = graded
    before = _seeds(out)
    from autograder.judging import seeds
    secret = bytes.fromhex(SECRET["BACKPROP_COURSE_SECRET"])
    assert before["kim"] == f"{seeds.student_seed(secret, LAB, 'kim'):016x}"
    other = grade(str(download), "--output", str(tmp_path / "other"), "--labs", LAB,
                  "--no-progress", env={**tool_env(), "BACKPROP_COURSE_SECRET": "a1" * 32})
    assert other.returncode == 0, other.stderr
    assert set(_seeds(tmp_path / "other").values()).isdisjoint(before.values())
    assert _grades(tmp_path / "other") == _grades(out)
