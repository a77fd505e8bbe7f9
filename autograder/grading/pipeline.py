"""Grade one student's notebook for one lab, in data-flow order:

1. pre-flight (preflight.py) rebuilds the notebook from the release, repairing what is safe;
2. the test cells get their hidden checks back from source/ (without the line that judges
   inside the kernel for stock nbgrader: here the grader judges, in its own process);
3. the notebook runs cell by cell in a fresh kernel inside the sandbox (sandbox.py), each
   test cell judged on this student's inputs (kernel.py, autograder/judging/);
4. points per test cell (score.py);
5. the autograded notebook (hidden checks included, for the instructor) and the feedback
   HTML (hidden code removed, one line per judge) are written under out_dir (feedback.py).

    grade_one(job, settings, worker) -> NotebookResult     (never raises)

A class goes through pool.py, which runs grade_one in worker processes.
"""
from __future__ import annotations

import asyncio
import copy
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient.exceptions import DeadKernelError

from autograder import course_dir
from autograder.checks import words
from autograder.grading import feedback, preflight
from autograder.grading.kernel import Run, run_notebook
from autograder.grading.results import NotebookResult
from autograder.grading.sandbox import Limits, SandboxedKernel
from autograder.grading.score import not_graded, score
from autograder.judging.inprocess import LINE_START
from autograder.judging.seeds import student_seed

WORDS = words.catalogue({
    # the grader's trouble, not the student's: such a notebook is graded once more
    "pipeline.infrastructure": {"en": "the kernel could not be started",
                                "ko": "커널을 시작할 수 없었습니다"},
    "pipeline.stopped_at_once": {"en": "{infrastructure} (it stopped at once)",
                                 "ko": "{infrastructure} (곧바로 멈췄습니다)"},
    "pipeline.infrastructure_error": {"en": "{infrastructure} ({error})",
                                      "ko": "{infrastructure} (오류: {error})"},
    "pipeline.grader_failed": {
        "en": "the grader failed on this notebook ({detail}); please tell the course staff",
        "ko": "채점기가 이 노트북에서 오류를 냈습니다 ({detail}). 수업 담당자에게 알려 주세요"},
    "pipeline.unreadable_file": {"en": "the file could not be read ({reason})",
                                 "ko": "파일을 읽을 수 없었습니다 ({reason})"},
    "pipeline.unreadable_notebook": {"en": "the notebook could not be read",
                                     "ko": "노트북을 읽을 수 없었습니다"},
    "pipeline.stopped_early": {"en": "Grading stopped early: {reason}.",
                               "ko": "채점이 중간에 멈췄습니다: {reason}."},
})


def infrastructure_trouble(notes: list[str]) -> bool:
    """Whether a note says the kernel could not be started (in any language)."""
    said = WORDS["pipeline.infrastructure"].values()
    return any(text in note for note in notes for text in said)


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
    course: Path = course_dir.ROOT     # where source/ and release/ are
    secret: bytes | None = None        # the course's secret (seeds.py); None: fixed seeds

    def seed(self, job: Job) -> int | None:
        return None if self.secret is None else student_seed(self.secret, job.lab, job.student)


def execution_notebook(prepared_nb, source_nb) -> nbformat.NotebookNode:
    """The prepared notebook with each test cell's hidden checks restored from source/,
    minus the in-kernel judge line (the grader judges outside the kernel)."""
    hidden = {course_dir.nbgrader_meta(c).get("grade_id"): c.source for c in source_nb.cells
              if course_dir.nbgrader_meta(c).get("grade")}
    nb = copy.deepcopy(prepared_nb)
    for cell in nb.cells:
        grade_id = course_dir.nbgrader_meta(cell).get("grade_id")
        if course_dir.nbgrader_meta(cell).get("grade") and grade_id in hidden:
            cell.source = "\n".join(line for line in hidden[grade_id].split("\n")
                                    if not line.startswith(LINE_START))
    return nb


def grade_one(job: Job, settings: Settings, worker: int = 0) -> NotebookResult:
    start = time.perf_counter()
    release_nb = course_dir.release_notebook(job.lab, settings.course)
    for attempt in (1, 2):  # a failure of the machinery (not of the student) gets one retry
        try:
            result = _grade(job, settings, worker, release_nb)
            infrastructure = infrastructure_trouble(result.notes)
        except Exception as error:  # a bug of ours must not stop the class: say so and go on
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            result = not_graded(job.student, job.lab, release_nb,
                                words.say("pipeline.grader_failed", detail=detail),
                                list(job.notes))
            infrastructure = True
        if not infrastructure:
            break
    result.seconds = time.perf_counter() - start
    result.seed = _seed_text(settings.seed(job))
    return result


def edition_notebook(read, lab: str, settings: Settings, lang: str):
    """read(lab, course, lang): that edition's notebook, or None where the course has none."""
    try:
        return read(lab, settings.course, lang)
    except FileNotFoundError:
        return None


def _seed_text(seed: int | None) -> str:
    return "" if seed is None else f"{seed:016x}"


def _grade(job: Job, settings: Settings, worker: int, release_nb) -> NotebookResult:
    try:
        raw = job.notebook.read_bytes()
    except OSError as error:
        return not_graded(job.student, job.lab, release_nb,
                          words.say("pipeline.unreadable_file", reason=error.strerror), job.notes)
    lang = preflight.edition(raw)
    with words.use(lang):   # notes, messages and feedback in the student's edition
        return _grade_in(lang, raw, job, settings, worker, release_nb)


def _grade_in(lang: str, raw: bytes, job: Job, settings: Settings, worker: int,
              release_nb) -> NotebookResult:
    if lang != "en":   # the edition's own release and test cells: same grade ids, its words
        release_nb = edition_notebook(course_dir.release_notebook, job.lab, settings, lang) \
            or release_nb
    prepared = preflight.prepare(raw, job.lab, release_nb)
    notes = list(job.notes) + prepared.notes
    source_nb = edition_notebook(course_dir.source_notebook, job.lab, settings, lang) \
        or course_dir.source_notebook(job.lab, settings.course)
    if prepared.problem or prepared.nb is None:
        result = not_graded(job.student, job.lab, release_nb,
                            prepared.problem or words.say("pipeline.unreadable_notebook"), notes)
        result.language = lang
        _write_feedback(release_nb, result, source_nb, settings.out_dir)
        return result
    nb = execution_notebook(prepared.nb, source_nb)
    seed = settings.seed(job)
    # No other file goes in: the labs are self-contained, and in an LMS download the files
    # beside a notebook may be other students'.
    with SandboxedKernel([], settings.limits, worker=worker, safe=settings.safe,
                         grader_dir=settings.out_dir / ".grader", seed=seed,
                         language=lang) as box:
        try:
            run = asyncio.run(run_notebook(nb, box, job.lab, settings.limits, seed,
                                           settings.course))
        except DeadKernelError:
            run = Run(stopped=words.say("pipeline.stopped_at_once",
                                        infrastructure=words.say("pipeline.infrastructure")))
        except RuntimeError as error:
            run = Run(stopped=words.say("pipeline.infrastructure_error", error=error,
                                        infrastructure=words.say("pipeline.infrastructure")))
    result = NotebookResult(job.student, job.lab, score(job.student, job.lab, nb, prepared, run),
                            notes=notes, language=lang)
    if run.stopped:
        result.notes.append(words.say("pipeline.stopped_early", reason=run.stopped))
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
