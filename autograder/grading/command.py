"""``python -m autograder grade``: one command from an LMS download to grades and feedback.

    collect -> pre-flight -> grade (sandboxed, in parallel) -> feedback -> reports

Everything goes under one output folder, which a re-run rewrites:
    OUT/grades.csv, grades_long.csv, questions.csv, summary.md, plots/   (reports)
    OUT/feedback/STUDENT/LAB/LAB.html                                     (give to students)
    OUT/autograded/STUDENT/LAB/LAB.ipynb                                  (for the instructor)
    OUT/results.json                                                      (every verdict)
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from autograder import course_dir
from autograder.authoring import links
from autograder.checks import words
from autograder.grading import collect, gradebook, pipeline, pool, report
from autograder.grading.results import NotebookResult
from autograder.grading.sandbox import Limits, SandboxUnavailable, check_available
from autograder.judging import seeds


def grade_class(source: Path, out_dir: Path, *, labs: list[str] | None = None,
                workers: int | None = None, limits: Limits = Limits(), safe: bool = True,
                named_regexp: str = "", progress: bool = True, course: Path = course_dir.ROOT,
                gradebook_course: Path | None = None, log=print,
                lang: str | None = None) -> list[NotebookResult]:
    """Grade every notebook found in ``source`` (a zip or a folder); write OUT as above.

    gradebook_course: an nbgrader course directory whose gradebook.db (and autograded/,
    feedback/) should also get the results, for the formgrader and `nbgrader export`."""
    if safe:
        log(f"• sandbox: {check_available().describe()}")
    else:
        log("• sandbox: none: student code runs with your own permissions")
    labs = labs or course_dir.lab_names()
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    found = collect.collect(Path(source), labs, out_dir / ".collected", named_regexp=named_regexp)
    for problem in found.problems:
        log(f"  skipped: {problem}")
    jobs = [pipeline.Job(s.student, s.lab, s.path, list(s.notes))
            for s in found.submissions if s.lab in labs]
    for s in found.submissions:
        if s.lab not in labs:
            log(f"  skipped: {s.original_name}: not one of the labs being graded")
    students = sorted({job.student for job in jobs})
    log(f"• found {len(jobs)} notebooks from {len(students)} students "
        f"({', '.join(sorted({j.lab for j in jobs})) or 'no labs'})")
    for folder in ("feedback", "autograded"):
        for job in jobs:  # a re-run replaces this class's files, nothing else
            shutil.rmtree(out_dir / folder / job.student / job.lab, ignore_errors=True)
    settings = pipeline.Settings(out_dir=out_dir, limits=limits, safe=safe, course=course,
                                 secret=seeds.course_secret(course))
    results = pool.grade_all(jobs, settings, workers=workers, progress=progress)
    (out_dir / "results.json").write_text(json.dumps([r.to_dict() for r in results], indent=1,
                                                     ensure_ascii=False))
    graded_labs = [lab for lab in labs if any(job.lab == lab for job in jobs)]
    with words.use(lang or links.settings()["language"]):   # the instructor's language
        paths = report.write_reports(results, out_dir, labs=graded_labs)
    if gradebook_course is not None:
        gradebook.record(results, gradebook_course, out_dir)
        log(f"  recorded in {Path(gradebook_course).resolve() / 'gradebook.db'}")
    log(f"• graded in {time.perf_counter() - start:.0f} s")
    for name in ("grades", "questions", "summary"):
        if name in paths:
            log(f"  {name:<10} {paths[name]}")
    log(f"  feedback   {out_dir / 'feedback'}/STUDENT/LAB/LAB.html")
    return results


__all__ = ["SandboxUnavailable", "grade_class"]
