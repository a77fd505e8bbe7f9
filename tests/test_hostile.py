"""The hostile and broken corpus (tests/hostile_corpus.py), graded in ONE batch by the real
pipeline: sandboxed kernels, 2 workers, short limits.

What must hold: the batch finishes; every submission gets exactly its expected points; no
cheat earns a point; honest students in the same batch keep their normal scores; nothing
outside the sandboxes changes (the course's source/ and release/, the output folder's
other files, the other submissions, a canary folder); no process of a sandbox is left;
a listener on 127.0.0.1 gets no connection; no feedback file shows hidden test code or,
for a student who did not write it, solution code.

Two deliberate differences from stock nbgrader, asserted here:
- warnings on stderr (warnings.warn, a numpy RuntimeWarning) cost nothing: the pipeline
  scores errors and the grader's verdicts, not stderr (stock nbgrader scores any stderr
  output of a test cell as a failure, 0 points);
- a cell over its time limit stops the grading of that notebook (its kernel is killed, not
  interrupted): the test cells before it keep their points, the later ones are "not run".

Needs root (each kernel runs as its own unprivileged uid, so the process limit stops a fork
bomb) and bubblewrap; skipped otherwise.
"""
from __future__ import annotations

import hashlib
import os
import re
import socket
import tempfile
import threading
import time
from pathlib import Path

import hostile_corpus as hc
import pytest

from autograder import course_dir
from autograder.course_dir import ROOT
from autograder.grading import feedback, pipeline, pool
from autograder.grading.results import NOT_RUN
from autograder.grading.sandbox import UNPRIVILEGED_UID_BASE, Limits, find_bubblewrap

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or find_bubblewrap() is None or not hasattr(os, "fork"),
    reason="the hostile corpus needs root and bubblewrap (sandbox uids, process limits)")

LIMITS = Limits(cell_timeout=6, memory_bytes=int(1.5 * 2**30), output_bytes=256 * 2**10)
WORKERS = 2
LABS = sorted({case.lab for case in hc.corpus()})


def _tree_hash(*folders: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    hashes = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            rel = str(path.relative_to(folder.parent))
            if any(rel.startswith(s) for s in skip) or "__pycache__" in rel:
                continue
            if path.is_symlink():
                hashes[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                hashes[rel] = f"dir:{path.stat().st_uid}:{oct(path.stat().st_mode)}"
    return hashes


def _solution_lines(lab: str) -> set[str]:
    """Lines of the lab's solutions (source/) that the release does not show."""
    release = course_dir.release_notebook(lab)
    shown = {line.strip() for cell in release.cells for line in cell.source.splitlines()}
    lines = set()
    for cell in course_dir.source_notebook(lab).cells:
        for block in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S):
            lines |= {line.strip() for line in block.splitlines()
                      if len(line.strip()) >= 14 and line.strip() not in shown}
    return lines


class _Listener:
    """A TCP server on 127.0.0.1 that counts who connects (nobody should)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


def _sandbox_processes(markers: list[str]) -> list[str]:
    """Processes of the sandbox uids that belong to this batch (other grading runs on this
    machine may use the same uids: only ours are recognised, by a marker in the command)."""
    left = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            uid = int(next(line for line in (proc / "status").read_text().splitlines()
                           if line.startswith("Uid:")).split()[1])
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, StopIteration, ValueError):
            continue
        if uid >= UNPRIVILEGED_UID_BASE and any(m in cmdline for m in markers):
            left.append(f"{proc.name} uid {uid}: {cmdline[:120]}")
    return left


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    incoming, out, canary, sandboxes = (base / "in", base / "graded", base / "canary",
                                        base / "sandboxes")
    for folder in (incoming, out, canary, sandboxes):
        folder.mkdir()
    (canary / "canary.txt").write_text("must not change")
    marker = max((line for line in _solution_lines(hc.LAB) if not set("'\"\\{}") & set(line)),
                 key=len)   # a solution line that a case's code can hold in a string
    (out / "gradebook.db").write_text(f"a gradebook that mentions the solution: {marker}\n")
    (out / "results.json").write_text("[]\n")
    listener = _Listener()
    cases = hc.corpus()
    ctx = hc.Context(repo=str(ROOT), out_dir=str(out), canary=str(canary), port=listener.port,
                     other_notebook=str(incoming / "honest-perfect" / f"{hc.LAB}.ipynb"),
                     solution_marker=marker)
    paths = [hc.write_case(case, ctx, incoming) for case in cases]
    # the slowest (those that run into a limit) first, so the 2 workers finish together;
    # otherwise the corpus order (after-duplicate right after duplicated-test-cell)
    order = sorted(range(len(cases)), key=lambda i: not cases[i].stopped)
    jobs = [pipeline.Job(cases[i].student, cases[i].lab, paths[i]) for i in order]
    before = {"course": _tree_hash(ROOT / "source", ROOT / "release"),
              "incoming": _tree_hash(incoming), "canary": _tree_hash(canary),
              "out": {name: (out / name).read_bytes() for name in ("gradebook.db", "results.json")}}

    saved_tempdir = tempfile.tempdir
    tempfile.tempdir = str(sandboxes)   # sandbox folders (and so kernel command lines) are ours
    start = time.perf_counter()
    try:
        results = pool.grade_all(jobs, pipeline.Settings(out_dir=out, limits=LIMITS),
                                     workers=WORKERS, progress=False)
    finally:
        tempfile.tempdir = saved_tempdir
        listener.close()
    seconds = time.perf_counter() - start
    print(f"\nhostile corpus: {len(jobs)} notebooks graded in {seconds:.1f} s with {WORKERS} workers")
    by_student = {r.student: r for r in results}
    return {"cases": cases, "results": by_student, "out": out, "before": before, "ctx": ctx,
            "incoming": incoming, "canary": canary, "seconds": seconds, "listener": listener,
            "sandboxes": sandboxes, "marker": marker}


def test_the_corpus_is_large_and_varied(batch):
    cases = batch["cases"]
    assert len(cases) >= 32
    assert len({c.student for c in cases}) == len(cases)
    assert len({c.lab for c in cases}) >= 3


def test_the_batch_finishes_in_time(batch):
    assert len(batch["results"]) == len(batch["cases"])
    # 6 s cell limit (a cold numpy import in a busy sandbox has taken 4 s), ~40 notebooks,
    # 2 workers: a hang would take far longer than this
    assert batch["seconds"] < 300, f"the batch took {batch['seconds']:.0f} s"


@pytest.mark.parametrize("case", hc.corpus(), ids=lambda c: c.student)
def test_expected_points(batch, case):
    result = batch["results"][case.student]
    got = {c.cell: c.points for c in result.cells}
    stopped = any(note.startswith("Grading stopped early") for note in result.notes)
    # where grading stopped (a case may or may not run out of time), unreached cells earn 0
    expected = {c.cell: 0.0 if stopped and c.status == NOT_RUN else case.expect.get(c.cell, 0.0)
                for c in result.cells}
    assert set(case.expect) <= set(got), f"unknown cells in the expectation of {case.student}"
    details = "\n".join(f"  {c.cell}: {c.points:g} {c.status} {c.reason[:200]}" for c in result.cells)
    assert got == expected, f"{case.student} ({case.why}):\n{details}\nnotes: {result.notes}"
    assert bool(result.problem) == case.problem, (result.problem, result.notes)
    if case.note:
        assert any(case.note in note for note in result.notes), result.notes
    if case.stopped is not None:
        assert stopped == case.stopped, result.notes
    if case.stopped:  # what was not reached is "not run", not "failed"
        assert any(c.status == NOT_RUN for c in result.cells), details
    assert "the grader failed" not in (result.problem + " ".join(result.notes))


def test_honest_students_keep_their_normal_scores(batch):
    results = batch["results"]
    assert results["honest-perfect"].score == 12
    assert results["honest-mul-not-swapped"].score == 4
    assert results["honest-ch01"].score == results["honest-ch01"].max_score
    assert results["honest-ch04"].score == results["honest-ch04"].max_score
    assert results["after-duplicate"].score == 12


def test_no_cheat_earns_a_point(batch):
    for case in batch["cases"]:
        if case.answers in ("stub", "garbage") or case.problem:
            assert batch["results"][case.student].score == 0, case.student


def test_nothing_outside_the_sandbox_changes(batch):
    before, out = batch["before"], batch["out"]
    assert _tree_hash(ROOT / "source", ROOT / "release") == before["course"]
    assert _tree_hash(batch["incoming"]) == before["incoming"]
    assert _tree_hash(batch["canary"]) == before["canary"]
    for name, data in before["out"].items():
        assert (out / name).read_bytes() == data, name
    for path in out.rglob("*"):  # only what the grader writes, owned by the grader
        assert path.stat().st_uid == os.geteuid(), path
        assert not path.is_symlink(), path
    top = {p.name for p in out.iterdir()}
    assert top == {"gradebook.db", "results.json", "feedback", "autograded", ".grader"}, top
    # the sandboxes' folders are gone
    assert not any(batch["sandboxes"].iterdir()), list(batch["sandboxes"].iterdir())


def test_no_network(batch):
    assert batch["listener"].connections == 0


def test_no_process_is_left(batch):
    markers = [str(batch["sandboxes"]), "987654"]   # kernels' command lines, the Popen bomb
    deadline = time.monotonic() + 10
    while (left := _sandbox_processes(markers)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not left, left


def test_reading_the_course_finds_nothing(batch):
    html = (batch["out"] / "feedback" / "reader" / hc.LAB / f"{hc.LAB}.html").read_text()
    assert "found 0" in html
    assert batch["marker"] not in html


def test_feedback_shows_no_hidden_tests_and_no_unwritten_solutions(batch):
    hidden = {lab: feedback.hidden_lines(course_dir.source_notebook(lab)) for lab in LABS}
    solutions = {lab: _solution_lines(lab) for lab in LABS}
    for case in batch["cases"]:
        path = batch["out"] / "feedback" / case.student / case.lab / f"{case.lab}.html"
        if case.problem:   # nothing was graded: no feedback page (the reason is in the grades)
            continue
        assert path.is_file(), path
        html = path.read_text(encoding="utf-8")
        for lab in LABS:
            for line in hidden[lab]:
                assert _escaped(line) not in html and line not in html, (case.student, line)
        if case.answers in ("stub", "garbage"):   # they did not write the solution
            for lab in LABS:
                for line in solutions[lab]:
                    assert _escaped(line) not in html and line not in html, (case.student, line)


def _escaped(text: str) -> str:
    import html
    return html.escape(text)
