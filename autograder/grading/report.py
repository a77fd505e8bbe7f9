"""Reports on a graded class: what an instructor reads to plan the next lecture.

``write_reports`` turns the grader's ``NotebookResult`` records into

- ``grades.csv``: one row per student, one column per lab, then total and max total;
- ``grades_long.csv``: one row per (student, lab) with the problem and the repair notes;
- ``questions.csv``: one row per (student, lab, test cell) with the verdict;
- ``summary.md`` and its plots in ``plots/``: class statistics, score distribution per
  lab, pass rate per test cell, the most common diagnoses, and the students with problems.

Rules the numbers follow (the summary repeats them):

- The class is every student with at least one result. A student without a result for a
  lab *missed* it: an empty cell in grades.csv, left out of that lab's mean and median
  (not counted as 0), counted under "missing". The total adds the labs they submitted;
  the max total is the class maximum (every lab), the same on every row.
- A notebook that could not be graded (``problem`` set) counts with the score it got
  (usually 0) in the grades and the statistics, but not in pass rates and diagnoses: these
  describe what students understood, which a broken notebook does not tell.
- Everything a student controls (ids, reasons, messages, notes) is escaped: quoted by the
  csv module, defused against spreadsheet formulas (a leading ``'`` before ``= + - @``),
  HTML-escaped with ``|`` and newlines neutralised in Markdown, never parsed as mathtext
  in plots.

Output is deterministic: students sorted, labs in the given order, no timestamps, PNGs
without a software tag (byte-identical for identical input and matplotlib version).
"""
from __future__ import annotations

import csv
import html
import math
import os
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from autograder.checks.words import catalogue, say
from autograder.grading.results import FAILED, PASSED, NotebookResult

GRADES, GRADES_LONG, QUESTIONS, SUMMARY = ("grades.csv", "grades_long.csv", "questions.csv",
                                           "summary.md")
PLOTS = "plots"
SCORE_PLOT, PASS_PLOT = "score_distribution.png", "pass_rates.png"
MISSING = "missing submission"   # a value of grades_long.csv: English, like its header

MAX_DIAGNOSES = 20       # rows of the diagnoses table; the rest are in questions.csv
MAX_EXAMPLE_CHARS = 200  # of an example message in the summary
PLOT_RC = {"svg.hashsalt": "backprop-report", "text.parse_math": False,
           "text.usetex": False, "figure.dpi": 100, "savefig.dpi": 100}

# summary.md, in the instructor's language (the caller chooses it with words.use). The CSV
# headers and values and the plots' texts stay English: machines read the CSVs, and many
# machines have no Korean font for the plots.
WORDS = catalogue({
    "report.title": {"en": "# {title}: class report", "ko": "# {title}: 수강생 채점 보고서"},
    "report.overview": {
        "en": "{students}, {labs}: {notebooks} submitted, {ungradable} could not be "
              "graded, {missing} missing.",
        "ko": "{students}, {labs}: {notebooks}가 제출되었고, 그중 {ungradable}개는 채점할 수 "
              "없었습니다. 미제출은 {missing}건입니다."},
    "report.student": {"en": "{n} student", "ko": "학생 {n}명"},
    "report.students": {"en": "{n} students", "ko": "학생 {n}명"},
    "report.lab": {"en": "{n} lab", "ko": "실습 {n}개"},
    "report.labs": {"en": "{n} labs", "ko": "실습 {n}개"},
    "report.notebook": {"en": "{n} notebook", "ko": "노트북 {n}개"},
    "report.notebooks": {"en": "{n} notebooks", "ko": "노트북 {n}개"},
    # for the next lecture
    "report.plan": {"en": "## For the next lecture", "ko": "## 다음 강의 준비"},
    "report.hardest": {
        "en": "- Hardest test cell: {cell}, passed by {passed} of {graded} ({rate}).",
        "ko": "- 가장 어려운 검사 셀: {cell}, {graded}명 중 {passed}명 통과 ({rate})."},
    "report.common_mistake": {
        "en": "- Common mistake: {cause}, {students}, most often in {cell}.",
        "ko": "- 흔한 실수: {cause} — {students}, 가장 많이 나온 셀은 {cell}."},
    "report.all_passed": {"en": "- Every graded test cell was passed by everyone.",
                          "ko": "- 채점한 모든 검사 셀을 모든 학생이 통과했습니다."},
    # class statistics
    "report.stats": {"en": "## Class statistics per lab", "ko": "## 실습별 통계"},
    "report.col.lab": {"en": "Lab", "ko": "실습"},
    "report.col.max": {"en": "Max", "ko": "만점"},
    "report.col.mean": {"en": "Mean", "ko": "평균"},
    "report.col.median": {"en": "Median", "ko": "중앙값"},
    "report.col.submitted": {"en": "Submitted", "ko": "제출"},
    "report.col.missing": {"en": "Missing", "ko": "미제출"},
    "report.col.ungradable": {"en": "Could not grade", "ko": "채점 불가"},
    "report.col.full_marks": {"en": "Full marks", "ko": "만점자"},
    # plots and pass rates
    "report.score_distribution": {"en": "Score distribution", "ko": "점수 분포"},
    "report.nothing_to_plot": {"en": "_No submissions to plot._",
                               "ko": "_그래프로 나타낼 제출물이 없습니다._"},
    "report.pass_rates": {"en": "Pass rate per test cell", "ko": "검사 셀별 통과율"},
    "report.pass_rates_note": {
        "en": "Among the notebooks that could be graded; lowest first.",
        "ko": "채점할 수 있었던 노트북만 셉니다. 통과율이 낮은 셀부터 나열합니다."},
    "report.col.cell": {"en": "Cell", "ko": "셀"},
    "report.col.passed": {"en": "Passed", "ko": "통과"},
    "report.col.rate": {"en": "Rate", "ko": "통과율"},
    "report.no_cells_graded": {"en": "_No test cells graded._",
                               "ko": "_채점한 검사 셀이 없습니다._"},
    # diagnoses
    "report.diagnoses": {"en": "## Most common diagnoses", "ko": "## 자주 나온 진단"},
    "report.diagnoses_note": {
        "en": "Why failed test cells failed (a named diagnosis, or the reason when none "
              "was found), most students first.",
        "ko": "검사 셀이 실패한 원인입니다. 이름이 붙은 진단이 없으면 실패 이유를 그대로 "
              "보여 줍니다. 해당 학생이 많은 순서로 나열합니다."},
    "report.no_failures": {"en": "_No failed test cells._",
                           "ko": "_실패한 검사 셀이 없습니다._"},
    "report.col.cause": {"en": "Diagnosis or reason", "ko": "진단 또는 이유"},
    "report.col.students": {"en": "Students", "ko": "학생 수"},
    "report.col.cells": {"en": "Cells", "ko": "셀"},
    "report.col.likely_cause": {"en": "Likely cause", "ko": "추정 원인"},
    "report.more_causes": {"en": "{more} less common causes are in `questions.csv`.",
                           "ko": "덜 흔한 원인 {more}개는 `questions.csv`에 있습니다."},
    "report.no_reason": {"en": "(no reason given)", "ko": "(이유가 기록되지 않음)"},
    # students with problems
    "report.problems": {"en": "## Students with problems", "ko": "## 문제가 있었던 학생"},
    "report.ungradable": {"en": "Could not be graded", "ko": "채점할 수 없었던 노트북"},
    "report.repairs": {"en": "Repairs and notes", "ko": "복구 내용과 메모"},
    "report.missing": {"en": "Missing submissions", "ko": "미제출"},
    "report.col.student": {"en": "Student", "ko": "학생"},
    "report.col.problem": {"en": "Problem", "ko": "문제"},
    "report.col.notes": {"en": "Notes", "ko": "메모"},
    "report.col.missing_labs": {"en": "Missing labs", "ko": "제출하지 않은 실습"},
    "report.none": {"en": "_None._", "ko": "_없음._"},
    # how the numbers are counted
    "report.rules": {"en": "## How these numbers are counted", "ko": "## 집계 기준"},
    "report.rule_missing": {
        "en": "- A missing submission is an empty cell in `grades.csv` and is left out of the "
              "lab's mean, median and score distribution (it is not counted as 0). The total "
              "adds the labs a student submitted; the max total covers every lab.",
        "ko": "- 미제출은 `grades.csv`에 빈칸으로 남고, 그 실습의 평균, 중앙값, 점수 분포에서 "
              "빠집니다 (0점으로 세지 않습니다). 합계(total)는 학생이 제출한 실습만 더하고, "
              "최대 합계(max_total)는 모든 실습을 포함합니다."},
    "report.rule_ungradable": {
        "en": "- A notebook that could not be graded counts with the score it got in the "
              "grades and statistics, but not in pass rates and diagnoses.",
        "ko": "- 채점할 수 없었던 노트북은 받은 점수 그대로 성적과 통계에 들어가지만, "
              "통과율과 진단에는 들어가지 않습니다."},
    "report.rule_questions": {
        "en": "- Per-cell verdicts, reasons and failed checks of every student are in "
              "`questions.csv`.",
        "ko": "- 모든 학생의 셀별 판정, 이유, 실패한 검사는 `questions.csv`에 있습니다."},
})


def write_reports(results: list[NotebookResult], out_dir: Path, *,
                  labs: list[str] | None = None,
                  title: str = "Backprop from Scratch") -> dict[str, Path]:
    """Write the CSVs, the summary and its plots into ``out_dir``; return their paths.

    ``labs`` chooses the labs and their order (default: every lab in ``results``,
    sorted); results for other labs are left out. Safe to re-run: it overwrites its own
    files and touches nothing else in ``out_dir``. Returns the keys ``grades``,
    ``grades_long``, ``questions``, ``summary`` and one per plot written
    (``score_distribution``, ``pass_rates``).
    """
    out_dir = Path(out_dir)
    (out_dir / PLOTS).mkdir(parents=True, exist_ok=True)
    grid = ClassGrid.build(results, labs)
    paths = {"grades": out_dir / GRADES, "grades_long": out_dir / GRADES_LONG,
             "questions": out_dir / QUESTIONS, "summary": out_dir / SUMMARY}
    _write_csv(paths["grades"], *grades_table(grid))
    _write_csv(paths["grades_long"], *grades_long_table(grid))
    _write_csv(paths["questions"], *questions_table(grid))
    plots = write_plots(grid, out_dir / PLOTS)
    _write_text(paths["summary"], summary_markdown(grid, title, plots, out_dir))
    return {**paths, **plots}


# --- the class as a student × lab grid ---------------------------------------------------

@dataclass
class ClassGrid:
    """Who submitted what: at most one result per (student, lab)."""
    labs: list[str]
    students: list[str]
    results: dict[tuple[str, str], NotebookResult]

    @classmethod
    def build(cls, results: list[NotebookResult], labs: list[str] | None) -> ClassGrid:
        labs = list(labs) if labs is not None else sorted({r.lab for r in results})
        grid: dict[tuple[str, str], NotebookResult] = {}
        for r in results:
            if r.lab not in labs:
                continue
            if (r.student, r.lab) in grid:
                raise ValueError(f"two results for student {r.student!r} "  # not for students
                                 f"in lab {r.lab!r}")
            grid[r.student, r.lab] = r
        return cls(labs, sorted({r.student for r in results}), grid)

    def result(self, student: str, lab: str) -> NotebookResult | None:
        return self.results.get((student, lab))

    def submitted(self, lab: str) -> list[NotebookResult]:
        """This lab's results, by student."""
        return [r for s in self.students if (r := self.result(s, lab)) is not None]

    def gradable(self, lab: str) -> list[NotebookResult]:
        """This lab's results whose notebook could be graded."""
        return [r for r in self.submitted(lab) if not r.problem]

    def max_score(self, lab: str) -> float:
        """The lab's maximum, as the grader reported it (0 when nobody submitted)."""
        return max((r.max_score for r in self.submitted(lab)), default=0.0)

    def cells(self, lab: str) -> list[str]:
        """The lab's test cells, in notebook order (as first seen)."""
        seen: dict[str, None] = {}
        for r in self.submitted(lab):
            seen.update((c.cell, None) for c in r.cells)
        return list(seen)


# --- CSV tables ----------------------------------------------------------------------------

def grades_table(grid: ClassGrid) -> tuple[list[str], list[list[str]]]:
    """One row per student: a score per lab (empty: missing), total, max total."""
    max_total = sum(grid.max_score(lab) for lab in grid.labs)
    rows = []
    for student in grid.students:
        scores = [grid.result(student, lab) for lab in grid.labs]
        total = sum(r.score for r in scores if r is not None)
        rows.append([_csv_text(student), *(_score(r.score) if r else "" for r in scores),
                     _score(total), _score(max_total)])
    return ["student", *grid.labs, "total", "max_total"], rows


def grades_long_table(grid: ClassGrid) -> tuple[list[str], list[list[str]]]:
    """One row per (student, lab), missing submissions included with an empty score."""
    rows = []
    for student in grid.students:
        for lab in grid.labs:
            r = grid.result(student, lab)
            if r is None:
                rows.append([_csv_text(student), lab, "", _score(grid.max_score(lab)),
                             MISSING, ""])
            else:
                rows.append([_csv_text(student), lab, _score(r.score), _score(r.max_score),
                             _csv_text(r.problem), _csv_text(" | ".join(r.notes))])
    return ["student", "lab", "score", "max_score", "problem", "notes"], rows


def questions_table(grid: ClassGrid) -> tuple[list[str], list[list[str]]]:
    """One row per graded test cell of every submitted notebook."""
    rows = []
    for student in grid.students:
        for lab in grid.labs:
            r = grid.result(student, lab)
            for c in r.cells if r else []:
                failed = ";".join(v.name for v in c.checks if not v.passed)
                rows.append([_csv_text(student), lab, _csv_text(c.cell), _score(c.points),
                             _score(c.max_points), c.status, _csv_text(c.reason),
                             _csv_text(c.diagnosis.get("name", "")),
                             _csv_text(c.diagnosis.get("words", "")), _csv_text(failed)])
    return (["student", "lab", "cell", "points", "max_points", "status", "reason",
             "diagnosis", "likely_cause", "failed_checks"], rows)


def _score(x: float) -> str:
    """3 -> '3', 7.5 -> '7.5', 1/3 -> '0.33'."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _csv_text(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, path)


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# --- statistics --------------------------------------------------------------------------

@dataclass
class LabStats:
    lab: str
    max_score: float
    submitted: int
    missing: int
    ungradable: int            # submitted, but the notebook could not be graded
    full_marks: int
    mean: float | None         # over submitted notebooks; None when there are none
    median: float | None


def lab_stats(grid: ClassGrid, lab: str) -> LabStats:
    scores = [r.score for r in grid.submitted(lab)]
    top = grid.max_score(lab)
    return LabStats(
        lab=lab, max_score=top, submitted=len(scores),
        missing=len(grid.students) - len(scores),
        ungradable=sum(1 for r in grid.submitted(lab) if r.problem),
        full_marks=sum(1 for s in scores if top > 0 and s >= top - 1e-9),
        mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None)


@dataclass
class PassRate:
    lab: str
    cell: str
    passed: int
    graded: int                # notebooks of this lab that could be graded

    @property
    def rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


def pass_rates(grid: ClassGrid) -> list[PassRate]:
    """Per test cell: who passed it, among the notebooks that could be graded.

    A cell absent from a gradable notebook counts as not passed. Lowest rate first;
    cells nobody could be graded on last.
    """
    rates = []
    for lab in grid.labs:
        gradable = grid.gradable(lab)
        for cell in grid.cells(lab):
            passed = sum(1 for r in gradable for c in r.cells
                         if c.cell == cell and c.status == PASSED)
            rates.append(PassRate(lab, cell, passed, len(gradable)))
    order = {lab: i for i, lab in enumerate(grid.labs)}
    # sorted() is stable: within a lab and rate, cells keep their notebook order.
    return sorted(rates, key=lambda p: (p.rate is None, p.rate or 0.0, order[p.lab]))


@dataclass
class DiagnosisCount:
    """One diagnosis (or, for failures without one, one reason) across the class."""
    name: str
    is_diagnosis: bool
    example: str
    students: set[str] = field(default_factory=set)
    cells: Counter = field(default_factory=Counter)   # (lab, cell) -> students

    def ranked_cells(self) -> list[tuple[tuple[str, str], int]]:
        """((lab, cell), students), most students first."""
        return sorted(self.cells.items(), key=lambda kv: (-kv[1], kv[0]))


def common_diagnoses(grid: ClassGrid) -> list[DiagnosisCount]:
    """Why failed cells failed, most students first.

    Each diagnosed failed check counts under its diagnosis; a failed cell without one
    counts under its own diagnosis or, failing that, its reason. A student counts once
    per cell and diagnosis.
    """
    found: dict[tuple[bool, str], DiagnosisCount] = {}
    for lab in grid.labs:
        for r in grid.gradable(lab):
            for c in r.cells:
                if c.status != FAILED:
                    continue
                for is_diagnosis, name, example in _failure_causes(c):
                    entry = found.setdefault((is_diagnosis, name),
                                             DiagnosisCount(name, is_diagnosis, example))
                    entry.cells[lab, c.cell] += 1
                    entry.students.add(r.student)
    return sorted(found.values(),
                  key=lambda d: (-len(d.students), -d.cells.total(), d.name))


def _failure_causes(cell) -> list[tuple[bool, str, str]]:
    """(is_diagnosis, name, its words) for each distinct cause of a failed cell: the
    diagnosis of each failed judge, else the cell's own (as data, from the check)."""
    causes: dict[str, str] = {}
    for v in cell.checks:
        if not v.passed and v.diagnosis.get("name"):
            causes.setdefault(v.diagnosis["name"], v.diagnosis.get("words") or v.message)
    if not causes and cell.diagnosis.get("name"):
        causes[cell.diagnosis["name"]] = cell.diagnosis.get("words") or cell.reason
    if causes:
        return [(True, name, example) for name, example in causes.items()]
    reason = cell.reason.strip().splitlines()[0] if cell.reason.strip() else \
        say("report.no_reason")
    return [(False, reason, cell.reason)]


# --- plots ---------------------------------------------------------------------------------

def write_plots(grid: ClassGrid, plot_dir: Path) -> dict[str, Path]:
    """Both figures as PNGs; a plot with nothing to show is not written (and a stale one
    from an earlier run is removed)."""
    plots = {"score_distribution": (plot_dir / SCORE_PLOT, _score_figure),
             "pass_rates": (plot_dir / PASS_PLOT, _pass_rate_figure)}
    written = {}
    with matplotlib.style.context("default"), matplotlib.rc_context(PLOT_RC):
        for key, (path, draw) in plots.items():
            fig = draw(grid)
            if fig is None:
                path.unlink(missing_ok=True)
                continue
            tmp = path.with_name(path.name + ".tmp")
            fig.savefig(tmp, format="png", metadata={"Software": None})
            os.replace(tmp, path)
            written[key] = path
    return written


def _score_figure(grid: ClassGrid) -> Figure | None:
    """One bar chart per lab: how many students got each total score."""
    if not grid.labs or not grid.results:
        return None
    ncols = min(3, len(grid.labs))
    nrows = math.ceil(len(grid.labs) / ncols)
    fig = Figure(figsize=(4.4 * ncols, 3.3 * nrows + 0.5), layout="constrained")
    axes = list(fig.subplots(nrows, ncols, squeeze=False).flat)
    for ax, lab in zip(axes, grid.labs):
        _score_axes(ax, grid, lab)
    for ax in axes[len(grid.labs):]:
        ax.set_visible(False)
    fig.suptitle("Score distribution per lab (missing submissions left out)",  # not for students
                 fontsize=13, fontweight="bold")
    return fig


def _score_axes(ax, grid: ClassGrid, lab: str) -> None:
    stats = lab_stats(grid, lab)
    scores = [round(r.score, 2) for r in grid.submitted(lab)]
    top = stats.max_score
    ax.set_title(f"{lab}\n{_stats_line(stats)}", fontsize=10)
    ax.set_xlabel(f"score (out of {_score(top)})")
    ax.set_ylabel("students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    if not scores:
        ax.text(0.5, 0.5, "no submissions", ha="center", va="center",
                transform=ax.transAxes, color="grey")
        ax.set_xticks([])
        return
    counts = Counter(scores)
    if len(counts) > 25:
        ax.hist(scores, bins=20, range=(0, max(top, max(scores)) or 1), color="#4C72B0")
        return
    values = sorted(counts)
    width = 0.8 * min([1.0, *(b - a for a, b in zip([0.0, *values], [*values, top]) if b > a)])
    colours = ["#55A868" if top and v >= top else "#4C72B0" for v in values]
    bars = ax.bar(values, [counts[v] for v in values], width=width, color=colours)
    if len(values) <= 12:
        ax.bar_label(bars, fontsize=8, padding=1)
    ax.set_xlim(-0.6, max(top, values[-1]) + 0.6)
    ax.set_ylim(0, max(counts.values()) * 1.18)
    if all(float(v).is_integer() for v in values) and top <= 20:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _stats_line(stats: LabStats) -> str:
    parts = [f"n={stats.submitted}"]
    if stats.mean is not None:
        parts.append(f"mean {_score(stats.mean)}")
    if stats.missing:
        parts.append(f"{stats.missing} missing")
    return " · ".join(parts)


def _pass_rate_figure(grid: ClassGrid) -> Figure | None:
    """Horizontal bars, one per test cell, lowest pass rate at the top."""
    rates = [p for p in pass_rates(grid) if p.rate is not None]
    if not rates:
        return None
    labels = _lab_labels(grid.labs)
    fig = Figure(figsize=(8, 0.3 * len(rates) + 1.4), layout="constrained")
    ax = fig.subplots()
    ys = range(len(rates))
    colours = [_rate_colour(p.rate) for p in rates]
    ax.barh(ys, [p.rate for p in rates], color=colours, height=0.7)
    for y, p in zip(ys, rates):
        ax.text(p.rate + 0.01, y, f"{p.passed}/{p.graded}", va="center", fontsize=8)
    ax.set_yticks(list(ys), [f"{labels[p.lab]} · {p.cell}" for p in rates], fontsize=9)
    ax.invert_yaxis()
    ax.set_ylim(len(rates) - 0.5, -0.5)
    ax.set_xlim(0, 1.12)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    # Plot text stays English in every language: many machines have no Korean font.
    ax.set_xlabel("students who passed (among notebooks that could be graded)")  # not for students
    legend = [(0, "passed by under 50%"), (0.5, "50–80%"), (1, "80% or more")]  # not for students
    fig.legend(handles=[Patch(color=_rate_colour(r), label=label) for r, label in legend],
               loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    title = "Pass rate per test cell, lowest first"  # not for students
    ax.set_title(title, fontsize=12, fontweight="bold")
    return fig


def _rate_colour(rate: float) -> str:
    return "#C44E52" if rate < 0.5 else "#DD8452" if rate < 0.8 else "#55A868"


def _lab_labels(labs: list[str]) -> dict[str, str]:
    """Short lab names for plots ('ch03' for 'ch03_add_mul_layers') when they stay unique."""
    short = {lab: lab.split("_", 1)[0] for lab in labs}
    return short if len(set(short.values())) == len(labs) else {lab: lab for lab in labs}


# --- the Markdown summary ------------------------------------------------------------------

def summary_markdown(grid: ClassGrid, title: str, plots: dict[str, Path],
                     out_dir: Path) -> str:
    """The whole summary, sections separated by blank lines."""
    stats = [lab_stats(grid, lab) for lab in grid.labs]
    rates = pass_rates(grid)
    diagnoses = common_diagnoses(grid)
    sections = [
        say("report.title", title=_md(title)),
        _overview(grid),
        _plan_section(rates, diagnoses),
        _stats_section(stats),
        _plot_section(say("report.score_distribution"), plots.get("score_distribution"),
                      out_dir),
        _pass_rate_section(rates, plots.get("pass_rates"), out_dir),
        _diagnoses_section(diagnoses),
        _problems_section(grid),
        _rules_section(),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _overview(grid: ClassGrid) -> str:
    ungradable = sum(1 for r in grid.results.values() if r.problem)
    missing = len(grid.students) * len(grid.labs) - len(grid.results)
    return say("report.overview", students=_count(len(grid.students), "student"),
               labs=_count(len(grid.labs), "lab"),
               notebooks=_count(len(grid.results), "notebook"),
               ungradable=ungradable, missing=missing)


def _plan_section(rates: list[PassRate], diagnoses: list[DiagnosisCount]) -> str:
    hardest = [p for p in rates if p.rate is not None and p.rate < 1][:3]
    lines = [say("report.plan"), ""]
    lines += [say("report.hardest", cell=_md_cell(p.lab, p.cell), passed=p.passed,
                  graded=p.graded, rate=_percent(p.rate)) for p in hardest]
    lines += [say("report.common_mistake", cause=_md_cause(d),
                  students=_count(len(d.students), "student"),
                  cell=_md_cell(*d.ranked_cells()[0][0]))
              for d in diagnoses[:3]]
    if len(lines) == 2:
        lines.append(say("report.all_passed"))
    return "\n".join(lines)


def _stats_section(stats: list[LabStats]) -> str:
    rows = [[_md_code(s.lab), _score(s.max_score),
             _md_score(s.mean, s.max_score), _md_score(s.median, s.max_score),
             str(s.submitted), str(s.missing), str(s.ungradable), str(s.full_marks)]
            for s in stats]
    return say("report.stats") + "\n\n" + _md_table(
        _columns("lab", "max", "mean", "median", "submitted", "missing", "ungradable",
                 "full_marks"), rows, align="lrrrrrrr")


def _md_score(x: float | None, top: float) -> str:
    if x is None:
        return "—"
    return f"{_score(x)} ({x / top:.0%})" if top else _score(x)


def _plot_section(heading: str, plot: Path | None, out_dir: Path) -> str:
    body = _md_image(heading, plot, out_dir) if plot else say("report.nothing_to_plot")
    return f"## {heading}\n\n{body}"


def _pass_rate_section(rates: list[PassRate], plot: Path | None, out_dir: Path) -> str:
    heading = say("report.pass_rates")
    lines = [f"## {heading}", "", say("report.pass_rates_note"), ""]
    if plot:
        lines += [_md_image(heading, plot, out_dir), ""]
    rows = [[_md_code(p.lab), _md_code(p.cell), f"{p.passed}/{p.graded}",
             _percent(p.rate)] for p in rates]
    lines.append(_md_table(_columns("lab", "cell", "passed", "rate"), rows, align="llrr")
                 if rows else say("report.no_cells_graded"))
    return "\n".join(lines)


def _diagnoses_section(diagnoses: list[DiagnosisCount]) -> str:
    head = [say("report.diagnoses"), "", say("report.diagnoses_note"), ""]
    if not diagnoses:
        return "\n".join(head + [say("report.no_failures")])
    rows = []
    for d in diagnoses[:MAX_DIAGNOSES]:
        cells = ", ".join(f"{_md_cell(lab, cell)} ×{n}"
                          for (lab, cell), n in d.ranked_cells())
        rows.append([_md_cause(d), str(len(d.students)), cells,
                     _md(_truncate(d.example))])
    table = _md_table(_columns("cause", "students", "cells", "likely_cause"),
                      rows, align="lrll")
    more = len(diagnoses) - MAX_DIAGNOSES
    tail = ["", say("report.more_causes", more=more)] if more > 0 else []
    return "\n".join(head + [table] + tail)


def _problems_section(grid: ClassGrid) -> str:
    ungradable = [[_md(r.student), _md_code(r.lab), _md(r.problem)]
                  for r in _by_student(grid) if r.problem]
    noted = [[_md(r.student), _md_code(r.lab), "<br>".join(_md(n) for n in r.notes)]
             for r in _by_student(grid) if r.notes]
    missing = [[_md(s), ", ".join(_md_code(lab) for lab in grid.labs
                                  if grid.result(s, lab) is None)]
               for s in grid.students
               if any(grid.result(s, lab) is None for lab in grid.labs)]
    parts = [say("report.problems")]
    for heading, header, rows in [
            ("report.ungradable", _columns("student", "lab", "problem"), ungradable),
            ("report.repairs", _columns("student", "lab", "notes"), noted),
            ("report.missing", _columns("student", "missing_labs"), missing)]:
        parts.append(f"### {say(heading)}\n\n" +
                     (_md_table(header, rows) if rows else say("report.none")))
    return "\n\n".join(parts)


def _by_student(grid: ClassGrid) -> list[NotebookResult]:
    return [r for s in grid.students for lab in grid.labs if (r := grid.result(s, lab))]


def _rules_section() -> str:
    return "\n".join([say("report.rules"), "", say("report.rule_missing"),
                      say("report.rule_ungradable"), say("report.rule_questions")])


# --- Markdown helpers --------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]~#])")
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.\-/]+")


def _md(text: str) -> str:
    """Untrusted text as inert Markdown for one table cell or line."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("|", "&#124;")
    return "<br>".join(line.strip() for line in text.splitlines()) or ""


def _md_code(name: str) -> str:
    """An identifier as code, when it is plainly one; otherwise as escaped text."""
    return f"`{name}`" if _PLAIN_ID.fullmatch(name) else _md(name)


def _md_cell(lab: str, cell: str) -> str:
    return f"{_md_code(cell)} ({_md_code(lab)})"


def _md_cause(d: DiagnosisCount) -> str:
    return _md_code(d.name) if d.is_diagnosis else f"“{_md(d.name)}”"


def _columns(*names: str) -> list[str]:
    """A summary table's header, in the instructor's language (report.col.NAME)."""
    return [say(f"report.col.{name}") for name in names]


def _md_table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    align = align.ljust(len(header), "l")
    rule = ["---:" if a == "r" else "---" for a in align]
    return "\n".join("| " + " | ".join(row) + " |" for row in [header, rule, *rows])


def _md_image(alt: str, path: Path, out_dir: Path) -> str:
    return f"![{alt}]({path.relative_to(out_dir).as_posix()})"


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[:MAX_EXAMPLE_CHARS - 1] + "…"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _count(n: int, noun: str) -> str:
    """'1 student', '3 students' (report.student, report.students), in Korean '학생 3명'."""
    return say(f"report.{noun}" if n == 1 else f"report.{noun}s", n=n)
