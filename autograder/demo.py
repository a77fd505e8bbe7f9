"""``make demo``: an instructor's whole job on the bundled sample class, in a scratch course.

1. regenerate the student release from source/ with ``nbgrader generate_assignment``;
2. hand in one submission per student and lab (autograder/sample_class.py);
3. ``nbgrader autograde``, ``nbgrader generate_feedback``, ``nbgrader export``;
4. print the score table and where the grades CSV and the feedback files are.

Each lab is graded in its own scratch course directory, several labs at once. The
repository's own course directory (and its gradebook) is never touched.
"""
from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from tqdm import tqdm

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


def grade_lab(course: Path, lab: str) -> dict[str, dict[str, float]]:
    """One lab, start to finish, in its own course directory (and gradebook), so labs can be
    graded in parallel without two processes writing one SQLite file."""
    grading.new_course(course, [lab])
    grading.nbgrader(course, "generate_assignment", lab, "--force")
    hand_in(course, [lab])
    grading.nbgrader(course, "autograde", lab, "--force")
    grading.nbgrader(course, "generate_feedback", lab, "--force")
    grading.nbgrader(course, "export")
    return grading.cell_scores(course, lab, list(sample_class.STUDENTS))


def merge_outputs(output: Path, labs: list[str]) -> None:
    """One grades.csv and one feedback/STUDENT/LAB/ tree from the per-lab courses."""
    rows = []
    for lab in labs:
        lines = (output / "courses" / lab / "grades.csv").read_text().splitlines()
        rows += lines if not rows else lines[1:]
        for student_dir in (output / "courses" / lab / "feedback").iterdir():
            shutil.copytree(student_dir / lab, output / "feedback" / student_dir.name / lab,
                            dirs_exist_ok=True)
    (output / "grades.csv").write_text("\n".join(rows) + "\n")


def grade_sample_class(output: Path, labs: list[str] | None = None,
                       workers: int | None = None) -> dict:
    """Regenerate, hand in, autograde, give feedback and export every lab, labs in parallel.

    Returns {lab: {student: {test cell: score}}}; writes output/grades.csv, output/feedback/
    and, per lab, the nbgrader course directory output/courses/LAB/.
    """
    labs = labs or build.lab_names()
    workers = workers or os.cpu_count() or 1
    if output.exists():
        shutil.rmtree(output)
    start = step(f"grading {len(sample_class.STUDENTS)} students × {len(labs)} labs with nbgrader "
                 f"({workers} labs at a time) in {output}")
    scores = {}
    with ProcessPoolExecutor(workers) as pool:
        jobs = {pool.submit(grade_lab, output / "courses" / lab, lab): lab for lab in labs}
        for job in tqdm(as_completed(jobs), total=len(jobs), unit="lab", desc="autograde"):
            scores[jobs[job]] = job.result()
    merge_outputs(output, labs)
    print(f"  done in {time.perf_counter() - start:.0f} s")
    return {lab: scores[lab] for lab in labs}


def mismatches(scores: dict) -> list[str]:
    """Where a score differs from what the sample class's variants declare."""
    found = []
    for lab, by_student in scores.items():
        source_nb = submissions.source_notebook(lab)
        for student, cells in by_student.items():
            expected = sample_class.expected_scores(student, lab, source_nb)
            for cell, score in cells.items():
                if score != expected[cell]:
                    found.append(f"{student} {lab} {cell}: got {score}, expected {expected[cell]}")
    return found


def main(output: str = "demo-output") -> int:
    course = Path(output).resolve()
    scores = grade_sample_class(course)
    maxima = {lab: sum(submissions.test_points(submissions.source_notebook(lab)).values())
              for lab in scores}
    print()
    print(score_table(scores, maxima, list(scores)))
    print()
    print(f"grades CSV:   {course / 'grades.csv'}")
    print(f"feedback:     {course / 'feedback'}/STUDENT/LAB/LAB.html, e.g.")
    print(f"              {course / 'feedback' / 'mul-not-swapped' / 'ch03_add_mul_layers' / 'ch03_add_mul_layers.html'}")
    wrong = mismatches(scores)
    if wrong:
        print("\nScores that differ from the sample class's expectations:")
        print("\n".join(f"  {line}" for line in wrong))
        return 1
    print("every score equals the sample class's expectation")
    return 0
