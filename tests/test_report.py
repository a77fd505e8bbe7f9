"""The class reports: CSVs, summary and plots from a small synthetic class."""
import csv
import re
import struct

import pytest

from autograder.grading.report import write_reports
from autograder.grading.results import (
    FAILED,
    NOT_RUN,
    PASSED,
    CellResult,
    CheckVerdict,
    NotebookResult,
)

# lab -> [(test cell, points)]
LABS = {"ch01_graph": [("a", 2), ("b", 3)],
        "ch02_chain": [("c", 5), ("d", 5)],
        "ch03_layers": [("e", 4), ("f", 4), ("g", 2)]}
STUDENTS = [f"s{i:02d}" for i in range(1, 13)]
SIGN_MESSAGE = "got is exactly −expected: a sign is flipped in backward."
N_MESSAGE = "got is N = 4 times too large."


def failure(diagnosis: str = "", message: str = "", reason: str = "") -> dict:
    """A failed cell: one failed check with this diagnosis, or just a reason."""
    data = {"name": diagnosis, "words": message, "section": ""} if diagnosis else {}
    checks = [CheckVerdict("hidden_check", False, message, data)] if diagnosis else []
    return {"status": FAILED, "reason": reason or message, "diagnosis": data,
            "checks": checks}


SIGN = failure("sign_flipped", SIGN_MESSAGE)
BY_N = failure("missing_divide_by_N", N_MESSAGE)

# (student, lab) -> {cell: failure}; everything else passes
FAILURES = {
    **{(s, "ch03_layers"): {"f": SIGN} for s in ["s05", "s06", "s07"]},
    ("s08", "ch03_layers"): {"f": SIGN},
    ("s08", "ch02_chain"): {"c": BY_N},
    ("s09", "ch02_chain"): {"c": BY_N, "d": failure(reason="timed out after 30 s")},
    ("s12", "ch01_graph"): {"b": failure(reason="AssertionError")},
}
PROBLEMS = {("s10", "ch03_layers"): "invalid JSON: the notebook could not be read"}
NOTES = {("s11", "ch01_graph"): ["renamed ch1.ipynb to ch01_graph.ipynb",
                                 "restored the metadata of cell b"]}
MISSING = {("s12", "ch02_chain")}


def notebook(student: str, lab: str) -> NotebookResult:
    problem = PROBLEMS.get((student, lab), "")
    cells = []
    for cell, points in LABS[lab]:
        fail = FAILURES.get((student, lab), {}).get(cell)
        if problem:
            cells.append(CellResult(student, lab, cell, 0, points, NOT_RUN, problem))
        elif fail:
            cells.append(CellResult(student, lab, cell, 0, points, **fail))
        else:
            cells.append(CellResult(student, lab, cell, points, points, PASSED,
                                    checks=[CheckVerdict("hidden_check", True)]))
    return NotebookResult(student, lab, cells, notes=NOTES.get((student, lab), []),
                          problem=problem)


def sample_class() -> list[NotebookResult]:
    # Deliberately unsorted: the reports sort.
    return [notebook(s, lab) for s in reversed(STUDENTS) for lab in LABS
            if (s, lab) not in MISSING]


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return write_reports(sample_class(), out, labs=list(LABS))


def test_grades_csv(reports):
    rows = read_csv(reports["grades"])
    assert rows[0] == ["student", "ch01_graph", "ch02_chain", "ch03_layers", "total",
                       "max_total"]
    assert [r[0] for r in rows[1:]] == STUDENTS
    by_student = {r[0]: r for r in rows[1:]}
    assert by_student["s01"] == ["s01", "5", "10", "10", "25", "25"]
    assert by_student["s08"] == ["s08", "5", "5", "6", "16", "25"]
    assert by_student["s10"] == ["s10", "5", "10", "0", "15", "25"]
    assert by_student["s12"] == ["s12", "2", "", "10", "12", "25"]   # ch02 missing


def test_grades_long_csv(reports):
    rows = read_csv(reports["grades_long"])
    assert rows[0] == ["student", "lab", "score", "max_score", "problem", "notes"]
    assert len(rows) == 1 + 12 * 3
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key["s10", "ch03_layers"] == [
        "s10", "ch03_layers", "0", "10", "invalid JSON: the notebook could not be read", ""]
    assert by_key["s11", "ch01_graph"] == [
        "s11", "ch01_graph", "5", "5", "",
        "renamed ch1.ipynb to ch01_graph.ipynb | restored the metadata of cell b"]
    assert by_key["s12", "ch02_chain"] == ["s12", "ch02_chain", "", "10",
                                           "missing submission", ""]


def test_questions_csv(reports):
    rows = read_csv(reports["questions"])
    assert rows[0] == ["student", "lab", "cell", "points", "max_points", "status", "reason",
                       "diagnosis", "likely_cause", "failed_checks"]
    assert len(rows) == 1 + 12 * 7 - 2        # s12 has no ch02 cells
    assert rows[1] == ["s01", "ch01_graph", "a", "2", "2", "passed", "", "", "", ""]
    assert ["s05", "ch03_layers", "f", "0", "4", "failed", SIGN_MESSAGE, "sign_flipped",
            SIGN_MESSAGE, "hidden_check"] in rows
    assert ["s10", "ch03_layers", "g", "0", "2", "not run",
            "invalid JSON: the notebook could not be read", "", "", ""] in rows


def summary_table(text: str, heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after ``heading``."""
    lines = text.split(heading + "\n", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        table.append([c.strip() for c in line[1:-1].split(" | ")])
    return table


def test_summary_orders_diagnoses_by_students(reports):
    text = reports["summary"].read_text()
    rows = summary_table(text, "## Most common diagnoses")
    assert rows[0][:2] == ["`sign_flipped`", "4"]
    assert "`f` (`ch03_layers`) ×4" in rows[0][2]
    assert rows[0][3] == SIGN_MESSAGE
    assert rows[1][:2] == ["`missing_divide_by_N`", "2"]
    assert {r[0] for r in rows[2:]} == {"“AssertionError”", "“timed out after 30 s”"}
    # s10's notebook could not be graded: its not-run cells are no diagnosis
    assert "invalid JSON" not in "".join(r[0] for r in rows)


def test_summary_pass_rates_and_stats(reports):
    text = reports["summary"].read_text()
    rates = summary_table(text, "## Pass rate per test cell")
    assert rates[0] == ["`ch03_layers`", "`f`", "7/11", "64%"]     # s10 not gradable
    assert rates[1] == ["`ch02_chain`", "`c`", "9/11", "82%"]       # s12 missing
    assert ["`ch01_graph`", "`b`", "11/12", "92%"] in rates
    assert rates[-1][2:] == ["11/11", "100%"]
    stats = {r[0]: r for r in summary_table(text, "## Class statistics per lab")}
    # ch02: 11 submitted (s12 missing, not a 0): 9 × 10, s08 5, s09 0
    assert stats["`ch02_chain`"] == ["`ch02_chain`", "10", "8.64 (86%)", "10 (100%)",
                                     "11", "1", "0", "9"]
    assert stats["`ch03_layers`"][4:] == ["12", "0", "1", "7"]


def test_summary_lists_problems_and_plots(reports):
    text = reports["summary"].read_text()
    assert "| s10 | `ch03_layers` | invalid JSON: the notebook could not be read |" in text
    assert ("| s11 | `ch01_graph` | renamed ch1.ipynb to ch01\\_graph.ipynb<br>"
            "restored the metadata of cell b |") in text
    assert "| s12 | `ch02_chain` |" in text
    assert "](plots/score_distribution.png)" in text
    assert "](plots/pass_rates.png)" in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)     # no dates or timestamps


def test_plots_are_pngs(reports):
    for key in ("score_distribution", "pass_rates"):
        width, height = png_size(reports[key])
        assert 400 <= width <= 2000 and 200 <= height <= 2000
        assert reports[key].stat().st_size > 10_000


def test_rerun_overwrites_byte_identically(reports, tmp_path):
    stranger = reports["summary"].parent / "instructor_notes.txt"
    stranger.write_text("mine")
    before = {k: p.read_bytes() for k, p in reports.items()}
    again = write_reports(sample_class(), reports["summary"].parent, labs=list(LABS))
    assert again == reports
    assert {k: p.read_bytes() for k, p in again.items()} == before
    assert stranger.read_text() == "mine"
    assert not list(reports["summary"].parent.rglob("*.tmp"))
    # a class with one student fewer really rewrites the files
    fewer = [r for r in sample_class() if r.student != "s01"]
    write_reports(fewer, reports["summary"].parent, labs=list(LABS))
    assert "s01" not in {r[0] for r in read_csv(reports["grades"])}
    write_reports(sample_class(), reports["summary"].parent, labs=list(LABS))


def test_labs_default_sorted_and_empty_class(tmp_path):
    paths = write_reports(sample_class()[::-1], tmp_path / "a")
    assert read_csv(paths["grades"])[0][1:4] == list(LABS)
    empty = write_reports([], tmp_path / "b", labs=["ch01_graph"])
    assert read_csv(empty["grades"]) == [["student", "ch01_graph", "total", "max_total"]]
    assert "_No failed test cells._" in empty["summary"].read_text()
    assert "pass_rates" not in empty


def test_duplicate_result_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="two results"):
        write_reports([notebook("s01", "ch01_graph")] * 2, tmp_path)


HOSTILE_ID = 'x|y,"z"\n<script>alert(1)</script>'
HOSTILE_REASON = "=cmd|' /C calc'!A0 | got `a` *b* [c](javascript:x)\r\nsecond line\\"


def test_student_strings_cannot_break_csv_or_markdown(tmp_path):
    lab, cells = "ch01_graph", LABS["ch01_graph"]
    hostile = NotebookResult(HOSTILE_ID, lab, [
        CellResult(HOSTILE_ID, lab, "a", 0, 2, FAILED, HOSTILE_REASON,
                   {"name": "x|y", "words": HOSTILE_REASON},
                   [CheckVerdict("c|1,\"2\"", False, HOSTILE_REASON)]),
        CellResult(HOSTILE_ID, lab, "b", 3, 3, PASSED)],
        notes=["note | with\npipe <b>"], problem="")
    broken = NotebookResult("-1+1", lab, [
        CellResult("-1+1", lab, c, 0, p, NOT_RUN, "kernel died") for c, p in cells],
        problem="<img src=x onerror=alert(1)> | broken\nnotebook")
    paths = write_reports([hostile, broken, notebook("s01", lab)], tmp_path)

    grades = read_csv(paths["grades"])
    assert [r[0] for r in grades[1:]] == ["'-1+1", "s01", HOSTILE_ID]   # sorted raw ids
    assert all(len(r) == 4 for r in grades)
    questions = read_csv(paths["questions"])
    assert all(len(r) == 10 for r in questions)
    row = next(r for r in questions if r[0] == HOSTILE_ID and r[2] == "a")
    assert row[6] == "'" + HOSTILE_REASON == row[8] and row[9] == 'c|1,"2"'
    long = read_csv(paths["grades_long"])
    assert all(len(r) == 6 for r in long)

    text = paths["summary"].read_text()
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert all(line.endswith(" |") for line in text.splitlines() if line.startswith("|"))
    for heading, width in [("### Could not be graded", 3), ("### Repairs and notes", 3),
                           ("## Most common diagnoses", 4)]:
        for row in summary_table(text, heading):
            assert len(row) == width, row
    assert "(javascript:x)" not in text.replace("\\[c\\](javascript:x)", "")
