"""End to end with nbgrader itself: regenerate the release, autograde the sample class,
generate feedback, export grades; every test cell gets exactly the expected score."""
import csv

import nbformat
import pytest
from conftest import LABS

from autograder import demo, grading, sample_class, submissions

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
    course = tmp_path_factory.mktemp("demo") / "course"
    return course, demo.grade_sample_class(course, LABS)


def test_every_test_cell_gets_its_expected_score(graded):
    course, scores = graded
    assert demo.mismatches(scores) == []


def test_totals(graded):
    _, scores = graded
    totals = {s: tuple(sum(scores[lab][s].values()) for lab in LABS) for s in sample_class.STUDENTS}
    assert totals == EXPECTED_TOTALS


def test_grades_csv_has_every_student_and_lab(graded):
    course, scores = graded
    with open(course / "grades.csv") as f:
        rows = {(r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(f)}
    assert rows == {(lab, s): sum(scores[lab][s].values()) for lab in LABS for s in sample_class.STUDENTS}


def test_feedback_exists_and_shows_no_hidden_test_code(graded):
    course, _ = graded
    for student in sample_class.STUDENTS:
        for lab in LABS:
            html = (course / "feedback" / student / lab / f"{lab}.html").read_text()
            assert "HIDDEN TESTS" not in html and "autograder.checks" not in html
            assert "hidden." not in html
    html = (course / "feedback" / "mul-not-swapped" / "ch03_add_mul_layers" / "ch03_add_mul_layers.html").read_text()
    assert "the inputs of a multiply node must be swapped" in html


def test_nbgrader_validate_output_is_read_not_its_exit_code(graded):
    """`nbgrader validate` exits 0 even when checks fail: what it prints is the verdict."""
    course, _ = graded
    lab = "ch03_add_mul_layers"
    course = course / "courses" / lab
    source_nb = submissions.source_notebook(lab, course)
    release_nb = nbformat.read(course / "release" / lab / f"{lab}.ipynb", as_version=4)
    for student, verdict in [("perfect", "Success! Your notebook passes all the tests."),
                             ("mul-not-swapped", "VALIDATION FAILED ON 3 CELL(S)!")]:
        nb = submissions.with_answers(release_nb, sample_class.answers(student, lab, source_nb))
        path = course / "validate" / student / f"{lab}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path)
        output = grading.nbgrader(course, "validate", str(path))
        assert verdict in output, output
