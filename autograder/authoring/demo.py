"""``make demo``: an instructor's whole job on the bundled sample class.

1. hand in one notebook per student and lab (autograder/authoring/sample_class.py), packed as an LMS
   download: a zip of Canvas-style file names (``STUDENT_USERID_SUBMISSIONID_LAB.ipynb``);
2. ``python -m autograder grade`` on it: collect, pre-flight, grade in the sandbox,
   feedback, reports (autograder/grading/command.py);
3. print the score table and check every score against the sample class's expectations.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat

from autograder import course_dir
from autograder.authoring import sample_class
from autograder.grading.command import grade_class
from autograder.grading.sandbox import SandboxUnavailable, check_available

UNSANDBOXED = ("Grading the sample class WITHOUT a sandbox, because none can run here ({why}). "
               "That is safe for the demo only: the sample class is the course's own code. "
               "`python -m autograder grade` refuses to run students' submissions without one.")


def distinct_students(lab: str) -> list[str]:
    """The students whose notebook for ``lab`` differs from every other one: perfect,
    untouched, and those with a variant in this lab (the rest hand in what perfect does)."""
    return [s for s in sample_class.STUDENTS
            if s in ("perfect", sample_class.UNTOUCHED) or sample_class.STUDENTS[s].get(lab)]


def lms_zip(path: Path, labs: list[str], distinct_only: bool = False) -> Path:
    """The sample class's notebooks as a Canvas-style download."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for lab in labs:
            source_nb = course_dir.source_notebook(lab)
            for number, student in enumerate(sample_class.STUDENTS, start=1001):
                if distinct_only and student not in distinct_students(lab):
                    continue
                release_nb = course_dir.release_notebook(lab, lang=sample_class.language(student))
                answers = sample_class.answers(student, lab, source_nb)
                nb = release_nb if answers is None else course_dir.with_answers(release_nb, answers)
                archive.writestr(f"{student}_{number}_{number + 4000}_{lab}.ipynb", nbformat.writes(nb))
    return path


def score_table(scores: dict, maxima: dict, labs: list[str]) -> str:
    """scores: {lab: {student: {cell: points}}}; maxima: {lab: max points}."""
    short = {lab: lab.split("_", 1)[0] for lab in labs}
    width = max(len(s) for s in sample_class.STUDENTS) + 2
    header = "student".ljust(width) + "".join(f"{short[lab]:>10}" for lab in labs) + f"{'total':>10}"
    lines = [header, "-" * len(header)]
    for student in sample_class.STUDENTS:
        got = [sum(scores[lab][student].values()) for lab in labs]
        row = "".join(f"{g:>6g}/{maxima[lab]:<3g}" for g, lab in zip(got, labs))
        lines.append(student.ljust(width) + row + f"{sum(got):>6g}/{sum(maxima.values()):<3g}")
    return "\n".join(lines)


def grade_sample_class(output: Path, labs: list[str] | None = None,
                       workers: int | None = None, distinct_only: bool = False,
                       safe: bool = True) -> dict:
    """Pack the sample class as an LMS zip and grade it into output/graded.

    distinct_only: hand in only the notebooks that differ (distinct_students); the others
    are identical to perfect's, so they get perfect's scores (the tests use this: 30
    notebooks instead of 105). safe=False grades without the sandbox (the sample class is
    the course's own code). Returns {lab: {student: {test cell: score}}}."""
    labs = labs or course_dir.lab_names()
    download = lms_zip(output / "submissions.zip", labs, distinct_only)
    results = grade_class(download, output / "graded", labs=labs, workers=workers, safe=safe)
    scores: dict = {lab: {} for lab in labs}
    for result in results:
        scores[result.lab][result.student] = {c.cell: c.points for c in result.cells}
    for lab in labs:
        for student in sample_class.STUDENTS:
            scores[lab].setdefault(student, dict(scores[lab]["perfect"]))
    return scores


def mismatches(scores: dict) -> list[str]:
    """Where a score differs from what the sample class's variants declare."""
    found = []
    for lab, by_student in scores.items():
        source_nb = course_dir.source_notebook(lab)
        for student, cells in by_student.items():
            expected = sample_class.expected_scores(student, lab, source_nb)
            for cell, score in cells.items():
                if score != expected[cell]:
                    found.append(f"{student} {lab} {cell}: got {score}, expected {expected[cell]}")
    return found


def sandbox_works() -> bool:
    """True when the grading sandbox runs here; else says so (the demo's first line)."""
    try:
        check_available()
        return True
    except SandboxUnavailable as error:
        print(UNSANDBOXED.format(why=str(error).split("\n", 1)[0].rstrip(".")), flush=True)
        return False


def main(output: str = "demo-output", labs: list[str] | None = None) -> int:
    course = Path(output).resolve()
    scores = grade_sample_class(course, labs, safe=sandbox_works())
    maxima = {lab: sum(course_dir.test_points(course_dir.source_notebook(lab)).values())
              for lab in scores}
    print()
    print(score_table(scores, maxima, list(scores)))
    print()
    print(f"the LMS download: {course / 'submissions.zip'}")
    feedback = course / "graded" / "feedback"
    print(f"e.g. feedback:    {feedback / 'foward-typo' / 'ch03_add_mul_layers' / 'ch03_add_mul_layers.html'}")
    print(f"in Korean (한국어): {feedback / 'mul-not-swapped' / 'ch03_add_mul_layers' / 'ch03_add_mul_layers.html'}")
    wrong = mismatches(scores)
    if wrong:
        print("\nScores that differ from the sample class's expectations:")
        print("\n".join(f"  {line}" for line in wrong))
        return 1
    print("every score equals the sample class's expectation")
    return 0
