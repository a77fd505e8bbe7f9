"""Grade submissions: pre-flight, run in a sandboxed kernel, judge, write feedback.

    grade_all(jobs, out_dir, workers=2) -> [NotebookResult]

Each job is one student's notebook for one lab. A worker process (started once, so the
grader's imports are paid once per worker, not per notebook) grades a job like this:

1. pre-flight (autograder/preflight.py) rebuilds the notebook from the release;
2. the test cells get their hidden checks back (from source/), and the notebook runs cell
   by cell in a fresh kernel inside the sandbox (autograder/sandbox.py);
3. after each test cell, its judge (autograder/judges.py) calls the student's code on new
   inputs in that kernel and the grader compares the plain results with the reference;
4. a test cell earns its points when it ran without an error and its judge agrees;
5. the autograded notebook (hidden checks included, for the instructor) and the feedback
   HTML (hidden code removed, one line per hidden check) are written under out_dir.

A job never raises: whatever goes wrong ends up in its NotebookResult.
"""
from __future__ import annotations

import asyncio
import copy
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from tqdm import tqdm

from autograder import course_dir
from autograder.checks import runner as judge_runner
from autograder.course_dir import ROOT
from autograder.grading import feedback, preflight
from autograder.grading.results import (
    FAILED,
    NOT_RUN,
    PASSED,
    CellResult,
    CheckVerdict,
    NotebookResult,
)
from autograder.grading.sandbox import Limits, SandboxedKernel
from autograder.judging import judge

INFRASTRUCTURE = "the kernel could not be started"  # the grader's trouble, not the student's
# What the student's kernel may import of this package (mounted read-only at /opt/grader):
# the sandbox side only. tests/test_boundary.py proves that it holds no reference answer
# and imports nothing from the grader's side.
SANDBOX_SIDE = ["__init__.py", "checks", "provided"]
JUDGE_CELL = "judge"


@dataclass
class Job:
    student: str
    lab: str
    notebook: Path                     # the submitted file, as received
    notes: list[str] = field(default_factory=list)   # from collecting it (renamed, re-filed…)


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    limits: Limits = Limits()
    safe: bool = True
    course: Path = ROOT                # where source/ and release/ are


# ------------------------------------------------------------------ the kernel's view

def stage_grader(folder: Path, root: Path = ROOT) -> Path:
    """The hidden checks' modules, copied for the kernels (mounted read-only at /opt/grader).
    Only what the checks import: no variants, no solutions, no course files."""
    package = folder / "autograder"
    if package.exists():
        shutil.rmtree(package)
    package.mkdir(parents=True)
    for name in SANDBOX_SIDE:
        src = root / "autograder" / name
        if src.is_dir():
            shutil.copytree(src, package / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, package / name)
    (folder / "data" / "mnist").mkdir(parents=True, exist_ok=True)  # MNIST is mounted here
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


class _Client(NotebookClient):
    """nbclient that never waits on the student's kernel for ever.

    - A cell over its timeout raises CellTimeoutError at once (the caller stops and kills
      the kernel). nbclient's own way, an interrupt followed by more waiting, hangs for
      good on a cell that ignores SIGINT or computes in C without releasing the GIL.
    - Output has a budget: a cell printing without end gets its kernel killed, and what it
      printed beyond the budget is dropped (the grader's memory stays bounded).
    """

    def __init__(self, *args, output_budget: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.output_left = output_budget
        self.output_overflowed = False

    async def _async_handle_timeout(self, timeout, cell=None):
        raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        self.output_left -= size
        if self.output_left < 0:
            if not self.output_overflowed:
                self.output_overflowed = True
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text="\n[output stopped here: the notebook printed more than the grader keeps]\n"))
                self.kill_kernel()
            return None
        return super().output(outs, msg, display_id, cell_index)

    def kill_kernel(self) -> None:
        """SIGKILL to the sandbox's process group (bwrap; the rest dies with it). Then
        nbclient sees a dead kernel and the cell ends with DeadKernelError."""
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        try:
            if getattr(provisioner, "pgid", None):
                os.killpg(provisioner.pgid, signal.SIGKILL)
            elif process is not None:
                process.kill()
        except OSError:
            pass


# ------------------------------------------------------------------ one notebook

def execution_notebook(prepared_nb, source_nb) -> nbformat.NotebookNode:
    """The prepared notebook with each test cell's hidden checks restored from source/."""
    hidden = {course_dir.nbgrader_meta(c).get("grade_id"): c.source for c in source_nb.cells
              if course_dir.nbgrader_meta(c).get("grade")}
    nb = copy.deepcopy(prepared_nb)
    for cell in nb.cells:
        grade_id = course_dir.nbgrader_meta(cell).get("grade_id")
        if course_dir.nbgrader_meta(cell).get("grade") and grade_id in hidden:
            cell.source = hidden[grade_id]
    return nb


def judge_code(folder: Path) -> str:
    """What the kernel runs for a judge: the runner's source and one call, nothing else."""
    source = (Path(judge_runner.__file__)).read_text()
    return ("(lambda runner: (exec(compile(%r, '<judge>', 'exec'), runner), "
            "runner['run'](globals(), %r)))({'__name__': '__judge__'})" % (source, str(folder)))


async def _run_judge(client, box: SandboxedKernel, lab: str, grade_id: str) -> CheckVerdict:
    judge_obj, reference = judge.reference_records(lab, grade_id)
    folder = box.new_judge_folder()          # fresh, and the grader's until handed over
    judge.write_program(judge_obj.programs, folder)
    box.hand_over(folder)
    cell = nbformat.v4.new_code_cell(judge_code(folder))
    try:
        client.nb.cells.append(cell)  # nbclient stores a cell back at its index: a scratch slot
        try:
            await client.async_execute_cell(cell, len(client.nb.cells) - 1)
        finally:
            client.nb.cells.pop()
        with tempfile.TemporaryDirectory() as private:  # read back only our own copy
            box.copy_back(folder, ["result.json", "result.npz"], Path(private),
                          judge.MAX_RESULT_BYTES)
            student = judge.read_result(Path(private))
    except (DeadKernelError, CellTimeoutError):
        raise
    except judge.BadResult as error:
        return CheckVerdict(judge_obj.name, False,
                            f"the grader could not call your code on new inputs: {error}.")
    return judge_obj.verdict(student, reference)


def _likely_cause(cell) -> str:
    """The hidden check's named cause ("Likely cause: …"), or what was not written yet: what
    the class report counts as a common mistake."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            text = str(out.get("evalue", ""))
            if "Likely cause: " in text:
                cause = text.split("Likely cause: ", 1)[1].split("\n", 1)[0].strip()
                return cause if len(cause) <= 160 else cause[:159].rsplit(" ", 1)[0] + "…"
            if "NotImplementedError" in text or "not written yet" in text:
                return "not written yet (NotImplementedError)"
    return ""


def _error_text(cell) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            value = str(out.get("evalue", "")).strip().splitlines()
            first = value[0] if value else ""
            return first if out.get("ename") in ("CheckFailed", "AssertionError") and first \
                else f"{out.get('ename')}: {first}"
    return ""


async def _execute(nb, box: SandboxedKernel, lab: str, limits: Limits, judged: dict) -> str:
    """Run nb cell by cell; judge each test cell. Returns '' or why the run stopped early."""
    km = box.kernel_manager()
    client = _Client(nb, km=km, timeout=limits.cell_timeout, allow_errors=True,
                     interrupt_on_timeout=False, kernel_name=km.kernel_name, record_timing=False,
                     output_budget=limits.output_bytes, startup_timeout=60,
                     shutdown_kernel="immediate")
    kwargs = {} if box.safe else {"cwd": str(box.home)}
    log = open(box.root / "kernel.log", "w")
    try:
        async with client.async_setup_kernel(stdout=log, stderr=log, **kwargs):
            return await _execute_cells(client, nb, box, lab, limits, judged)
    finally:
        if km.has_kernel:  # we own this kernel manager, so nbclient leaves it running
            await km.shutdown_kernel(now=True)
        log.close()


async def _execute_cells(client, nb, box: SandboxedKernel, lab: str, limits: Limits,
                         judged: dict) -> str:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = course_dir.nbgrader_meta(cell)
        try:
            await client.async_execute_cell(cell, index)
            if meta.get("grade") and meta.get("grade_id") in judge.judges_for(lab):
                judged[meta["grade_id"]] = await _run_judge(client, box, lab, meta["grade_id"])
        except DeadKernelError:
            if client.output_overflowed:
                return _overflow(index, limits)
            return (f"the kernel stopped while running cell {index + 1} (the code exited the "
                    f"process, crashed, or went over the sandbox's CPU-time, memory or "
                    f"process limit)")
        except CellTimeoutError:
            return f"cell {index + 1} did not finish within {limits.cell_timeout:g} s"
        if client.output_overflowed:
            return _overflow(index, limits)
    return ""


def _overflow(index: int, limits: Limits) -> str:
    size = (f"{limits.output_bytes / 2**20:g} MB" if limits.output_bytes >= 2**20
            else f"{limits.output_bytes / 2**10:g} KB")
    return f"cell {index + 1} printed more than the grader keeps ({size}); grading stopped there"


def score(student: str, lab: str, nb, prepared: preflight.Prepared, judged: dict,
          stopped: str) -> list[CellResult]:
    results, reached = [], True
    for cell in nb.cells:
        meta = course_dir.nbgrader_meta(cell)
        if not (meta.get("grade") and cell.cell_type == "code"):
            continue
        points = float(meta.get("points", 0))
        verdict = judged.get(meta["grade_id"])
        checks = [verdict] if verdict else []
        ran = bool(cell.get("outputs")) or verdict is not None or cell.get("execution_count")
        if not ran and stopped:
            reached = False
        if meta["grade_id"] in prepared.lost:
            status, reason = FAILED, prepared.lost[meta["grade_id"]]
        elif not reached:
            status, reason = NOT_RUN, stopped
        elif _error_text(cell):
            status, reason = FAILED, _error_text(cell)
        elif verdict is not None and not verdict.passed:
            status, reason = FAILED, verdict.message
        elif verdict is None and meta["grade_id"] in judge.judges_for(lab):
            status, reason = FAILED, stopped or "its hidden checks did not run"
        else:
            status, reason = PASSED, ""
        diagnosis = _likely_cause(cell) if status == FAILED else ""
        results.append(CellResult(student, lab, meta["grade_id"], points if status == PASSED else 0.0,
                                  points, status, reason, diagnosis, checks))
    return results


def not_graded(job: Job, release_nb, problem: str, notes: list[str]) -> NotebookResult:
    cells = [CellResult(job.student, job.lab, gid, 0.0, pts, NOT_RUN, problem)
             for gid, pts in course_dir.test_points(release_nb).items()]
    return NotebookResult(job.student, job.lab, cells, notes=notes, problem=problem)


def grade_one(job: Job, settings: Settings, worker: int = 0) -> NotebookResult:
    start = time.perf_counter()
    release_nb = course_dir.release_notebook(job.lab, settings.course)
    for attempt in (1, 2):  # a failure of the machinery (not of the student) gets one retry
        try:
            result = _grade(job, settings, worker, release_nb)
            infrastructure = any(INFRASTRUCTURE in note for note in result.notes)
        except Exception as error:  # a bug of ours must not stop the class: say so and go on
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            result = not_graded(job, release_nb, f"the grader failed on this notebook ({detail}); "
                                                 f"please tell the course staff", list(job.notes))
            infrastructure = True
        if not infrastructure:
            break
    result.seconds = time.perf_counter() - start
    return result


def _grade(job: Job, settings: Settings, worker: int, release_nb) -> NotebookResult:
    try:
        raw = job.notebook.read_bytes()
    except OSError as error:
        return not_graded(job, release_nb, f"the file could not be read ({error.strerror})", job.notes)
    prepared = preflight.prepare(raw, job.lab, release_nb)
    notes = list(job.notes) + prepared.notes
    source_nb = course_dir.source_notebook(job.lab, settings.course)
    if prepared.problem or prepared.nb is None:
        result = not_graded(job, release_nb, prepared.problem or "the notebook could not be read", notes)
        _write_feedback(release_nb, result, source_nb, settings.out_dir)
        return result
    nb = execution_notebook(prepared.nb, source_nb)
    judged: dict[str, CheckVerdict] = {}
    # No other file goes in: the labs are self-contained, and in an LMS download the files
    # beside a notebook may be other students'.
    with SandboxedKernel([], settings.limits, worker=worker, safe=settings.safe,
                         grader_dir=settings.out_dir / ".grader") as box:
        try:
            stopped = asyncio.run(_execute(nb, box, job.lab, settings.limits, judged))
        except DeadKernelError:
            stopped = f"{INFRASTRUCTURE} (it stopped at once)"
        except RuntimeError as error:
            stopped = f"{INFRASTRUCTURE} ({error})"
    result = NotebookResult(job.student, job.lab,
                            score(job.student, job.lab, nb, prepared, judged, stopped), notes=notes)
    if stopped:
        result.notes.append(f"Grading stopped early: {stopped}.")
    _write_outputs(nb, result, source_nb, settings.out_dir)
    return result


def _write_outputs(nb, result: NotebookResult, source_nb, out_dir: Path) -> None:
    autograded = out_dir / "autograded" / result.student / result.lab / f"{result.lab}.ipynb"
    autograded.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, autograded)
    _write_feedback(nb, result, source_nb, out_dir)


def _write_feedback(nb, result: NotebookResult, source_nb, out_dir: Path) -> None:
    html = feedback.html(nb, result, source_nb)
    target = out_dir / "feedback" / result.student / result.lab / f"{result.lab}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


# ------------------------------------------------------------------ a class

_WORKER = {"index": 0}


def _warm_up(labs: set[str]) -> None:
    """Compute what every worker needs once, before the workers fork and inherit it: the
    reference records of each judge and nbconvert's exporter."""
    for lab in sorted(labs):
        for cell in judge.judges_for(lab):
            try:
                judge.reference_records(lab, cell)
            except Exception:  # a worker will meet the same error and report it per notebook
                pass
    feedback.warm_up()


def _init_worker(counter) -> None:
    with counter.get_lock():
        _WORKER["index"] = counter.value
        counter.value += 1
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: this worker (and, through bwrap, its kernel) is killed when the grader dies,
    so an interrupted run leaves nothing grading in the background."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _grade_in_worker(job: Job, settings: Settings) -> NotebookResult:
    return grade_one(job, settings, _WORKER["index"])


def grade_all(jobs: list[Job], settings: Settings, workers: int | None = None,
              progress: bool = True) -> list[NotebookResult]:
    """Grade every job, ``workers`` at a time (default: the number of cores). Results come
    back in the order of ``jobs``, whatever order they finish in."""
    workers = max(1, workers or os.cpu_count() or 1)
    stage_grader(settings.out_dir / ".grader", settings.course)
    _warm_up({job.lab for job in jobs})
    results: list[NotebookResult | None] = [None] * len(jobs)
    bar = tqdm(total=len(jobs), unit="notebook", desc="grading", disable=not progress)
    counter = multiprocessing.get_context("fork").Value("i", 0)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_init_worker, initargs=(counter,)) as pool:
        futures = {pool.submit(_grade_in_worker, job, settings): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as error:  # the worker itself died: grade the job as failed
                job = jobs[i]
                results[i] = not_graded(job, course_dir.release_notebook(job.lab, settings.course),
                                        f"the grader's worker failed ({type(error).__name__})", job.notes)
            bar.set_postfix_str(f"{jobs[i].student} {jobs[i].lab}", refresh=False)
            bar.update()
    bar.close()
    return results
