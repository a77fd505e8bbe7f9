"""``make demo``: an instructor's whole job on the bundled sample class, in a scratch course.

1. regenerate the student release from source/ with ``nbgrader generate_assignment``;
2. hand in one submission per student and lab (autograder/sample_class.py);
3. ``nbgrader autograde``, ``nbgrader generate_feedback``, ``nbgrader export``;
4. print the score table and where the grades CSV and the feedback files are.

The repository's own course directory (and its gradebook) is never touched.
"""
from __future__ import annotations

import time
from pathlib import Path

import nbformat

from autograder import build, grading, sample_class, submissions


def step(message: str) -> float:
    print(f"• {message}", flush=True)
    return time.perf_counter()


def hand_in(course: Path, labs: list[str]) -> None:
    for lab in labs:
        release_nb = nbformat.read(course / "release" / lab / f"{lab}.ipynb", as_version=4)
        source_nb = submissions.source_notebook(lab, course)
        for student in sample_class.STUDENTS:
            answers = sample_class.answers(student, lab, source_nb)
            nb = release_nb if answers is None else submissions.with_answers(release_nb, answers)
            grading.submit(course, student, lab, nb)


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


def grade_sample_class(course: Path, labs: list[str] | None = None) -> dict:
    """Run the whole demo in ``course``; return {lab: {student: {cell: score}}}."""
    labs = labs or build.lab_names()
    start = step(f"course directory {course}")
    grading.new_course(course, labs)
    for lab in labs:
        step(f"nbgrader generate_assignment {lab}")
        grading.nbgrader(course, "generate_assignment", lab, "--force")
    step(f"handing in {len(labs)} labs for {len(sample_class.STUDENTS)} students")
    hand_in(course, labs)
    scores = {}
    for lab in labs:
        step(f"nbgrader autograde {lab}")
        grading.nbgrader(course, "autograde", lab, "--force")
        step(f"nbgrader generate_feedback {lab}")
        grading.nbgrader(course, "generate_feedback", lab, "--force")
        scores[lab] = grading.cell_scores(course, lab, list(sample_class.STUDENTS))
    step("nbgrader export (grades.csv)")
    grading.nbgrader(course, "export")
    print(f"  done in {time.perf_counter() - start:.0f} s")
    return scores


def mismatches(course: Path, scores: dict) -> list[str]:
    """Where a score differs from what the sample class's variants declare."""
    found = []
    for lab, by_student in scores.items():
        source_nb = submissions.source_notebook(lab, course)
        for student, cells in by_student.items():
            expected = sample_class.expected_scores(student, lab, source_nb)
            for cell, score in cells.items():
                if score != expected[cell]:
                    found.append(f"{student} {lab} {cell}: got {score}, expected {expected[cell]}")
    return found


def main(output: str = "demo-output") -> int:
    course = Path(output).resolve()
    scores = grade_sample_class(course)
    maxima = {lab: sum(submissions.test_points(submissions.source_notebook(lab, course)).values())
              for lab in scores}
    print()
    print(score_table(scores, maxima, list(scores)))
    print()
    print(f"grades CSV:   {course / 'grades.csv'}")
    print(f"feedback:     {course / 'feedback'}/STUDENT/LAB/LAB.html, e.g.")
    print(f"              {course / 'feedback' / 'mul-not-swapped' / 'ch03_add_mul_layers' / 'ch03_add_mul_layers.html'}")
    wrong = mismatches(course, scores)
    if wrong:
        print("\nScores that differ from the sample class's expectations:")
        print("\n".join(f"  {line}" for line in wrong))
        return 1
    print("every score equals the sample class's expectation")
    return 0
