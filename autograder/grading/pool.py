"""Grade a class: every job through pipeline.grade_one, ``workers`` notebooks at a time.

Worker processes are forked once, after what every notebook needs is ready (the judges'
reference namespaces, the sandbox's view of this package, nbconvert's exporter), so each
notebook pays only for its own kernel. A worker that dies costs its notebook, not the class.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

from autograder import course_dir
from autograder.grading import feedback
from autograder.grading.pipeline import Job, Settings, grade_one
from autograder.grading.results import NotebookResult
from autograder.grading.score import not_graded
from autograder.judging.reference import trusted_namespace

# What the student's kernel may import of this package (mounted read-only at /opt/grader):
# the sandbox side only. tests/test_boundary.py proves that it holds no reference answer
# and imports nothing from the grader's side.
SANDBOX_SIDE = ["__init__.py", "checks", "provided"]

_WORKER = {"index": 0}


def stage_sandbox_side(folder: Path, root: Path = course_dir.ROOT) -> Path:
    """The sandbox side of this package, copied for the kernels (no judges, no references,
    no variants, no course files)."""
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


def _warm_up(labs: set[str], course: Path) -> None:
    """Compute what every worker needs once, before the workers fork and inherit it: the
    reference namespace of each lab (its judges' reference side) and nbconvert's exporter."""
    for lab in sorted(labs):
        try:
            trusted_namespace(lab, course=course)
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
    stage_sandbox_side(settings.out_dir / ".grader", settings.course)
    _warm_up({job.lab for job in jobs}, settings.course)
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
                results[i] = not_graded(
                    job.student, job.lab, course_dir.release_notebook(job.lab, settings.course),
                    f"the grader's worker failed ({type(error).__name__})", job.notes)
            bar.set_postfix_str(f"{jobs[i].student} {jobs[i].lab}", refresh=False)
            bar.update()
    bar.close()
    return results
