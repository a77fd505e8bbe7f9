"""End to end: the sample class packed as an LMS zip, graded by `python -m autograder grade`
(collect, pre-flight, sandbox, judges, feedback, reports); every test cell gets exactly the
score its variants declare. Plus the release still works with stock nbgrader.

Only the distinct notebooks are handed in (30 of the 105 `make demo` grades): a student
without a variant in a lab hands in exactly what `perfect` does."""
import csv
import json

import nbformat
import pytest
from conftest import LABS

from autograder import course_dir
from autograder.authoring import demo, sample_class
from autograder.grading import stock as grading

# Totals per student, written out by hand so a change of points or variants is noticed.
EXPECTED_TOTALS = {  # ch01 ... ch07
    "perfect": (8, 8, 10, 8, 8, 7, 9), "untouched": (0, 0, 0, 0, 0, 0, 0),
    "seed002-foward": (8, 8, 2, 8, 8, 7, 9), "seed002-init-typo": (8, 8, 10, 8, 8, 7, 9),
    "seed002-backward-out": (8, 8, 3, 8, 8, 7, 9), "mul-not-swapped": (8, 8, 2, 8, 8, 7, 9),
    "add-twice": (8, 8, 3, 8, 8, 7, 9), "seed000-reciprocal": (5, 8, 10, 8, 8, 7, 9),
    "fanout-one-path": (8, 5, 8, 8, 8, 7, 9), "forward-difference": (8, 5, 10, 8, 8, 7, 9),
    "seed004-dout-mutated": (8, 8, 10, 5, 8, 7, 9), "seed001-relu-at-zero": (8, 8, 10, 5, 8, 7, 9),
    "seed003": (8, 8, 10, 8, 2, 2, 2), "sgd-rebinding": (8, 8, 10, 8, 8, 7, 4),
    "book-backward": (8, 8, 10, 8, 8, 4, 9),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    output = tmp_path_factory.mktemp("demo")
    return output, demo.grade_sample_class(output, LABS, distinct_only=True)


def test_every_test_cell_gets_its_expected_score(graded):
    _, scores = graded
    assert demo.mismatches(scores) == []


def test_totals(graded):
    _, scores = graded
    totals = {s: tuple(sum(scores[lab][s].values()) for lab in LABS) for s in sample_class.STUDENTS}
    assert totals == EXPECTED_TOTALS


def test_grades_csv_has_every_student_and_lab(graded):
    output, scores = graded
    with open(output / "graded" / "grades.csv") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(sample_class.STUDENTS)
    for student, row in rows.items():
        for lab in LABS:
            handed_in = student in demo.distinct_students(lab)
            assert row[lab] == (f"{sum(scores[lab][student].values()):g}" if handed_in else "")


def test_reports_and_results_are_written(graded):
    output, _ = graded
    graded_dir = output / "graded"
    results = json.loads((graded_dir / "results.json").read_text())
    assert len(results) == sum(len(demo.distinct_students(lab)) for lab in LABS)
    summary = (graded_dir / "summary.md").read_text()
    assert "mul_layer_test" in summary and "plots/" in summary
    with open(graded_dir / "questions.csv") as f:
        rows = list(csv.DictReader(f))
    failed = [r for r in rows if r["student"] == "mul-not-swapped" and r["cell"] == "mul_layer_test"]
    assert failed and failed[0]["status"] == "failed"
    assert "swapped" in failed[0]["reason"] or failed[0]["reason"].startswith("✗")


def test_feedback_exists_and_shows_no_hidden_test_code(graded):
    output, _ = graded
    hidden_lines = set()
    for lab in LABS:
        for calls in course_dir.hidden_calls(course_dir.source_notebook(lab)).values():
            hidden_lines |= set(calls)
    for lab in LABS:
        for student in demo.distinct_students(lab):
            html = (output / "graded" / "feedback" / student / lab / f"{lab}.html").read_text()
            assert "HIDDEN TESTS" not in html and "autograder.checks" not in html
            assert not [line for line in hidden_lines if line in html]
            assert "Hidden checks (new inputs, judged by the grader)" in html
            assert "runner['run']" not in html  # the judges' calls never show as cells
    html = (output / "graded" / "feedback" / "mul-not-swapped" / "ch03_add_mul_layers"
            / "ch03_add_mul_layers.html").read_text()
    assert "the inputs of a multiply node must be swapped" in html
    assert "✗ mul_layer" in html and "✓ add_layer" in html


@pytest.fixture(scope="module")
def stock_course(tmp_path_factory):
    """One lab graded by stock nbgrader, as an instructor who prefers it would."""
    lab = "ch03_add_mul_layers"
    course = tmp_path_factory.mktemp("stock") / "course"
    grading.new_course(course, [lab])
    grading.nbgrader(course, "generate_assignment", lab, "--force")
    release_nb = nbformat.read(course / "release" / lab / f"{lab}.ipynb", as_version=4)
    source_nb = course_dir.source_notebook(lab, course)
    students = ["perfect", "mul-not-swapped", "untouched"]
    for student in students:
        answers = sample_class.answers(student, lab, source_nb)
        nb = release_nb if answers is None else course_dir.with_answers(release_nb, answers)
        grading.submit(course, student, lab, nb)
    grading.nbgrader(course, "autograde", lab, "--force")
    return course, lab, grading.cell_scores(course, lab, students)


def test_stock_nbgrader_gives_the_same_scores(stock_course):
    course, lab, scores = stock_course
    source_nb = course_dir.source_notebook(lab, course)
    for student, cells in scores.items():
        assert cells == sample_class.expected_scores(student, lab, source_nb)


def test_nbgrader_validate_output_is_read_not_its_exit_code(stock_course):
    """`nbgrader validate` exits 0 even when checks fail: what it prints is the verdict."""
    course, lab, _ = stock_course
    source_nb = course_dir.source_notebook(lab, course)
    release_nb = nbformat.read(course / "release" / lab / f"{lab}.ipynb", as_version=4)
    for student, verdict in [("mul-not-swapped", "VALIDATION FAILED ON 3 CELL(S)!")]:
        nb = course_dir.with_answers(release_nb, sample_class.answers(student, lab, source_nb))
        path = course / "validate" / student / f"{lab}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path)
        output = grading.nbgrader(course, "validate", str(path))
        assert verdict in output, output
