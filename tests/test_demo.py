"""End to end: the sample class packed as an LMS zip, graded by `python -m autograder grade`
(collect, pre-flight, sandbox, judges, feedback, reports); every test cell gets exactly the
score its variants declare (stock nbgrader's scores of the same students:
tests/test_stock_nbgrader.py).

Only the distinct notebooks are handed in (39 of the 176 `make demo` grades): a student
without a variant in a lab hands in exactly what `perfect` does."""
import csv
import json

import pytest
from conftest import LABS

from autograder import course_dir
from autograder.authoring import demo, sample_class

# Totals per student, written out by hand so a change of points or variants is noticed.
EXPECTED_TOTALS = {  # ch01 ... ch08
    "perfect": (8, 8, 12, 11, 11, 10, 15, 14), "untouched": (0, 0, 0, 0, 0, 0, 0, 0),
    "foward-typo": (8, 8, 4, 11, 11, 10, 15, 14), "init-typo": (8, 8, 12, 11, 11, 10, 15, 14),
    "backward-out": (8, 8, 5, 11, 11, 10, 15, 14), "mul-not-swapped": (8, 8, 4, 11, 11, 10, 15, 14),
    "add-twice": (8, 8, 5, 11, 11, 10, 15, 14), "reciprocal-sign": (5, 8, 12, 11, 11, 10, 15, 14),
    "fanout-one-path": (8, 5, 10, 11, 11, 10, 15, 14),
    "forward-difference": (8, 5, 12, 11, 11, 10, 15, 14),
    "dout-mutated": (8, 8, 12, 8, 11, 10, 15, 14), "relu-at-zero": (8, 8, 12, 8, 11, 10, 15, 14),
    "softmax-whole-batch": (8, 8, 12, 11, 5, 2, 5, 14),
    "sgd-rebinding": (8, 8, 12, 11, 11, 10, 10, 14),
    "book-backward": (8, 8, 12, 11, 11, 7, 15, 14),
    "div-sign-lost": (8, 8, 10, 11, 11, 10, 15, 14),
    "softplus-exp-only": (8, 8, 12, 8, 11, 10, 15, 14),
    "center-direct-path": (8, 8, 12, 11, 8, 10, 15, 14),
    "softmax-direct-path": (8, 8, 12, 11, 11, 7, 15, 14),
    "check-at-the-kink": (8, 8, 12, 11, 11, 10, 12, 14),
    "decay-on-biases": (8, 8, 12, 11, 11, 10, 12, 14),
    "engine-no-accumulate": (8, 8, 12, 11, 11, 10, 15, 6),
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
    failed = [r for r in rows if r["student"] == "foward-typo" and r["cell"] == "mul_layer_test"]
    assert failed and failed[0]["status"] == "failed"
    assert "forward" in failed[0]["reason"] or failed[0]["reason"].startswith("✗")
    cascade = [r for r in rows if r["student"] == "foward-typo"
               and r["cell"] == "apple_orange_graph_test"]
    assert cascade[0]["reason"].startswith("Fix MulLayer first: it fails its own test cell "
                                           "(mul_layer_test)")


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
            said = ("숨은 검사 (새 입력으로, 채점기가 판정)" if student in sample_class.KOREAN
                    else "Hidden checks (new inputs, judged by the grader)")
            assert said in html, (student, lab)
            assert "runner['run']" not in html  # the judges' calls never show as cells
    html = (output / "graded" / "feedback" / "foward-typo" / "ch03_add_mul_layers"
            / "ch03_add_mul_layers.html").read_text()
    assert "(Score: " in html and "Fix MulLayer first" in html


def test_korean_edition_is_graded_in_korean(graded):
    """A student who hands in the Korean edition gets Korean feedback, with the English
    twin's scores (test_totals) and the same diagnosis names (questions.csv)."""
    output, _ = graded
    html = (output / "graded" / "feedback" / "mul-not-swapped" / "ch03_add_mul_layers"
            / "ch03_add_mul_layers.html").read_text()
    assert "(점수: " in html and "(Score: " not in html
    assert "곱셈 노드" in html   # the diagnosis, in Korean
    assert "the inputs of a multiply node must be swapped" not in html
    with open(output / "graded" / "questions.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["student"] == "mul-not-swapped"]
    cascade = [r for r in rows if r["cell"] == "apple_orange_graph_test"][0]
    assert cascade["reason"].startswith("MulLayer부터 먼저 고치세요")
    assert "✗ mul_layer" in html and "✓ add_layer" in html
