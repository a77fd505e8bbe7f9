"""Grading a class: stock ``nbgrader autograde`` vs our pipeline, side by side, same scores.

    python benchmarks/grading_speed.py [--students 60] [--labs LAB ...] [--workers N]
                                       [--seed 0] [--out DIR] [--no-stock-feedback]

One generated class (a folder per student), graded twice in one run:

* the class: every student hands in every lab. Per (student, lab), with randomness seeded by
  (seed, student, lab): ~45% the reference solution; ~15% a correct alternative style (one
  `correct` variant of autograder/authoring/variants/); ~30% one or two mistakes (mistake variants of
  different answer cells); ~10% the release as it was given out (untouched).
* stock nbgrader, as an instructor runs it: a scratch course per lab (autograder/grading.py),
  ``nbgrader generate_assignment LAB``, every notebook copied to submitted/STUDENT/LAB/, then
  ``nbgrader autograde LAB`` for one lab after the other (serial). Only the autograde
  commands are timed; scores are read from each course's gradebook. ``nbgrader
  generate_feedback`` is then timed separately (unless --no-stock-feedback).
* our pipeline: ``grade_class(SRC, OUT, workers=N)`` (autograder/grading/command.py) on the same
  notebooks: collect, pre-flight, sandboxed kernels, judges, feedback HTML and reports, all
  inside the timed figure.

Then every (student, lab, test cell) score is compared. The pipeline is stricter than stock
nbgrader by design in one way and more lenient in another, so differences are listed with
their reason, never hidden:
* its judges call the student's code on new inputs and compare with the reference in the
  grader's process: a mistake the visible and hidden tests miss loses points there;
* it does not score a warning on stderr as a failure (stock nbgrader does).
Any other difference is "unexplained" and makes the exit status 1.

Both sides grade against a snapshot of source/, release/ and the grader taken at the start
(a rebuild of the repository during a long run would otherwise change the answer key
halfway). Both sides run with BACKPROP_MNIST_OFFLINE=1, BACKPROP_MNIST_DIR=<repo>/data/mnist and one
BLAS thread per kernel (OPENBLAS_NUM_THREADS=1). Everything is written under --out (default
.scratch/grading-speed, cleared first).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Before numpy (imported by the autograder) loads its BLAS, and for every kernel started.
os.environ["BACKPROP_MNIST_OFFLINE"] = "1"
os.environ["BACKPROP_MNIST_DIR"] = str(ROOT / "data" / "mnist")
os.environ["OPENBLAS_NUM_THREADS"] = "1"
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from autograder import course_dir
from autograder.authoring import (
    variants,  # noqa: E402
)
from autograder.grading import stock as grading
from autograder.grading.command import grade_class  # noqa: E402
from autograder.grading.results import FAILED  # noqa: E402

REFERENCE, CORRECT, MISTAKES, UNTOUCHED = "reference", "correct style", "mistake(s)", "untouched"
MIX = [(REFERENCE, 0.45), (CORRECT, 0.15), (MISTAKES, 0.30), (UNTOUCHED, 0.10)]


# ------------------------------------------------------------------ the class

@dataclass
class Hand:
    """What one student hands in for one lab."""
    kind: str                                       # one of MIX's kinds
    variants: list[variants.Variant] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.kind if not self.variants else \
            f"{self.kind}: {' + '.join(v.name for v in self.variants)}"


def student_names(count: int) -> list[str]:
    return [f"student{i:03d}" for i in range(1, count + 1)]


def draw(lab: str, student: str, seed: int) -> Hand:
    """This student's submission for this lab, the same whatever else is generated."""
    rng = random.Random(f"{seed}/{student}/{lab}")
    roll, kind = rng.random(), MIX[-1][0]
    for name, share in MIX:
        if roll < share:
            kind = name
            break
        roll -= share
    of_lab = variants.variants(lab)
    correct = [v for v in of_lab if v.correct]
    wrong = [v for v in of_lab if not v.correct]
    if kind == CORRECT and correct:
        return Hand(kind, [rng.choice(correct)])
    if kind == MISTAKES and wrong:
        first = rng.choice(wrong)
        chosen = [first]
        others = [v for v in wrong if v.cell != first.cell]
        if others and rng.random() < 0.5:
            chosen.append(rng.choice(others))
        return Hand(kind, chosen)
    return Hand(UNTOUCHED if kind == UNTOUCHED else REFERENCE)


def notebook(hand: Hand, release_nb, source_nb):
    if hand.kind == UNTOUCHED:
        return release_nb
    answers = course_dir.reference_answers(source_nb)
    for variant in hand.variants:
        answers[variant.cell] = variant.code
    return course_dir.with_answers(release_nb, answers)


def snapshot_course(labs: list[str], course: Path) -> Path:
    """A copy of what both sides grade against (source/, release/, the config and the
    grader's modules), so a rebuild of the repository during a long run changes nothing."""
    for lab in labs:
        for part in ("source", "release"):
            shutil.copytree(ROOT / part / lab, course / part / lab)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "autograder", course / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return course


def generate(labs: list[str], students: list[str], seed: int, folder: Path,
             course: Path = ROOT) -> dict:
    """Write folder/STUDENT/LAB.ipynb for everyone; returns {(student, lab): (Hand, nb)}."""
    made = {}
    for lab in labs:
        release_nb = course_dir.release_notebook(lab, course)
        source_nb = course_dir.source_notebook(lab, course)
        for student in students:
            hand = draw(lab, student, seed)
            nb = notebook(hand, release_nb, source_nb)
            path = folder / student / f"{lab}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, path)
            made[student, lab] = (hand, nb)
    return made


# ------------------------------------------------------------------ stock nbgrader

def cpu_seconds() -> float:
    """CPU time of this process and of its reaped descendants (nbgrader, workers, kernels)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def stock_nbgrader(made: dict, labs: list[str], students: list[str], work: Path,
                   feedback: bool, root: Path = ROOT) -> dict:
    """Autograde (timed, lab after lab) and optionally generate feedback (timed apart)."""
    courses = {lab: work / "stock" / lab for lab in labs}
    for lab, course in courses.items():             # set-up: not timed
        grading.new_course(course, [lab], root)
        grading.nbgrader(course, "generate_assignment", lab, "--force")
        for student in students:
            grading.submit(course, student, lab, made[student, lab][1])
    autograde: dict[str, float] = {}
    cpu = cpu_seconds()
    for lab, course in courses.items():
        print(f"  stock nbgrader autograde {lab} ({len(students)} notebooks)…", flush=True)
        start = time.perf_counter()
        grading.nbgrader(course, "autograde", lab)
        autograde[lab] = time.perf_counter() - start
    autograde_cpu = cpu_seconds() - cpu
    scores = {}
    for lab, course in courses.items():
        for student, cells in grading.cell_scores(course, lab, students).items():
            for cell, points in cells.items():
                scores[student, lab, cell] = float(points or 0.0)
    feedback_seconds: dict[str, float] = {}
    cpu = cpu_seconds()
    if feedback:
        for lab, course in courses.items():
            print(f"  stock nbgrader generate_feedback {lab}…", flush=True)
            start = time.perf_counter()
            grading.nbgrader(course, "generate_feedback", lab)
            feedback_seconds[lab] = time.perf_counter() - start
    return {"courses": courses, "autograde": autograde, "feedback": feedback_seconds,
            "autograde_cpu": autograde_cpu, "feedback_cpu": cpu_seconds() - cpu,
            "scores": scores}


def stock_cell_outputs(course: Path, student: str, lab: str, cell_id: str) -> tuple[str, str]:
    """(error, stderr) of one test cell in stock nbgrader's autograded notebook."""
    path = course / "autograded" / student / lab / f"{lab}.ipynb"
    if not path.exists():
        return "the autograded notebook is missing", ""
    for cell in nbformat.read(path, as_version=4).cells:
        if course_dir.nbgrader_meta(cell).get("grade_id") != cell_id:
            continue
        error, stderr = "", ""
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and not error:
                error = f"{out.get('ename')}: {str(out.get('evalue', '')).strip().splitlines()[:1]}"
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                stderr += out.get("text", "")
        return error, stderr
    return "the cell is missing", ""


# ------------------------------------------------------------------ our pipeline

def pipeline(folder: Path, out: Path, labs: list[str], workers: int, course: Path = ROOT) -> dict:
    start, cpu = time.perf_counter(), cpu_seconds()
    results = grade_class(folder, out, labs=labs, workers=workers, course=course,
                          progress=sys.stderr.isatty(), log=lambda line: print(f"  {line}"))
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    cells = {(r.student, r.lab, c.cell): c for r in results for c in r.cells}
    return {"seconds": seconds, "cpu": cpu, "results": results, "cells": cells,
            "scores": {key: float(c.points) for key, c in cells.items()}}


# ------------------------------------------------------------------ comparing

def first_line(text: str) -> str:
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return (lines[0] if lines else "").strip()[:160]


def explain(key, stock_points: float, ours, courses: dict) -> tuple[bool, str]:
    """(explained?, why) for one differing cell."""
    student, lab, cell = key
    error, stderr = stock_cell_outputs(courses[lab], student, lab, cell)
    if ours is None:
        return False, "the pipeline has no score for this cell"
    if ours.points > stock_points:
        if stderr and not error:
            return True, f"stock nbgrader scores stderr as a failure (stderr: {first_line(stderr)})"
        return False, f"stock nbgrader: {error or 'failed'}; pipeline: passed"
    failed_checks = [c for c in ours.checks if not c.passed]
    if ours.status == FAILED and failed_checks and ours.reason == failed_checks[0].message:
        return True, f"the pipeline's judge on new inputs: {first_line(ours.reason)}"
    return False, f"pipeline {ours.status}: {first_line(ours.reason) or '?'}; stock nbgrader passed"


def compare(made: dict, stock: dict, ours: dict) -> tuple[int, list[str], list[str]]:
    """(cells compared, explained differences, unexplained differences)."""
    explained, unexplained = [], []
    keys = sorted(set(stock["scores"]) | set(ours["scores"]))
    for key in keys:
        a, b = stock["scores"].get(key), ours["scores"].get(key)
        if a is not None and b is not None and a == b:
            continue
        student, lab, cell = key
        if a is None:
            ok, why = False, "stock nbgrader has no score for this cell"
        else:
            ok, why = explain(key, a, ours["cells"].get(key), stock["courses"])
        line = (f"{student} {lab} {cell}: stock {a if a is None else f'{a:g}'}, "
                f"pipeline {b if b is None else f'{b:g}'}  [{made[student, lab][0].label}]\n"
                f"      {why}")
        (explained if ok else unexplained).append(line)
    return len(keys), explained, unexplained


# ------------------------------------------------------------------ report

def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def report(made, labs, students, workers, stock, ours, compared, explained, unexplained) -> None:
    n = len(made)
    stock_s = sum(stock["autograde"].values())
    ours_s = ours["seconds"]
    print(f"\n=== {len(students)} students × {len(labs)} labs = {n} notebooks; "
          f"{os.cpu_count()} cores, pipeline workers {workers} ===")
    kinds = Counter(hand.kind for hand, _ in made.values())
    print("mix: " + ", ".join(f"{kind} {kinds[kind]} ({kinds[kind] / n:.0%})" for kind, _ in MIX))
    cores = os.cpu_count()
    rows = [("", "notebooks", "seconds", "s/notebook", "ratio", "CPU s", "cores/workers"),
            ("stock nbgrader autograde (serial, labs one after another)", str(n),
             f"{stock_s:.1f}", f"{stock_s / n:.3f}", "1.0", f"{stock['autograde_cpu']:.0f}",
             f"{cores}/1"),
            ("pipeline grade_class (incl. feedback HTML + reports)", str(n),
             f"{ours_s:.1f}", f"{ours_s / n:.3f}", f"{stock_s / ours_s:.1f}x",
             f"{ours['cpu']:.0f}", f"{cores}/{workers}")]
    if stock["feedback"]:
        fb, fb_cpu = sum(stock["feedback"].values()), stock["feedback_cpu"]
        rows.append(("stock nbgrader generate_feedback (not in the ratio above)", str(n),
                     f"{fb:.1f}", f"{fb / n:.3f}", "", f"{fb_cpu:.0f}", f"{cores}/1"))
        rows.append(("stock autograde + generate_feedback", str(n), f"{stock_s + fb:.1f}",
                     f"{(stock_s + fb) / n:.3f}", f"{(stock_s + fb) / ours_s:.1f}x",
                     f"{stock['autograde_cpu'] + fb_cpu:.0f}", f"{cores}/1"))
    print(table(rows))
    print("(ratio: stock autograde seconds / this row's seconds, wall clock; CPU s: CPU time of "
          "every process involved, this one and its descendants)")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(on {cores} cores; other work on the machine slows both sides)")
    print(f"speed-up (stock autograde / pipeline, the pipeline including feedback and reports): "
          f"{stock_s / ours_s:.1f}x")
    if stock["feedback"]:
        print(f"speed-up with feedback on both sides (stock autograde + generate_feedback / "
              f"pipeline): {(stock_s + sum(stock['feedback'].values())) / ours_s:.1f}x")

    per_notebook = [r.seconds for r in ours["results"]]
    busy = sum(per_notebook)
    print("\nwhere the pipeline's time goes:")
    print(f"  per notebook, in a worker (pre-flight, sandboxed kernel, judges, feedback HTML): "
          f"mean {statistics.mean(per_notebook):.2f} s, median {statistics.median(per_notebook):.2f} s, "
          f"max {max(per_notebook):.2f} s")
    print(f"  sum over notebooks {busy:.1f} s / {workers} workers = {busy / workers:.1f} s; "
          f"the rest of the {ours_s:.1f} s ({ours_s - busy / workers:.1f} s) is collecting, "
          f"starting workers, waiting on the last notebooks and the reports")
    by_lab = defaultdict(list)
    for r in ours["results"]:
        by_lab[r.lab].append(r.seconds)
    rows = [("lab", "stock autograde s/nb", "pipeline s/nb (in a worker)")]
    for lab in labs:
        rows.append((lab, f"{stock['autograde'][lab] / len(students):.2f}",
                     f"{statistics.mean(by_lab[lab]):.2f}" if by_lab[lab] else "-"))
    print(table(rows))

    print(f"\nscores compared: {compared} test cells ({n} notebooks); "
          f"identical: {compared - len(explained) - len(unexplained)}; "
          f"different: {len(explained) + len(unexplained)} "
          f"({len(explained)} explained, {len(unexplained)} unexplained)")
    if explained:
        print("explained differences (the pipeline is stricter or more lenient by design):")
        print("\n".join(f"  {line}" for line in explained))
    if unexplained:
        print("UNEXPLAINED differences:")
        print("\n".join(f"  {line}" for line in unexplained))
    print(f"unexplained score differences: {len(unexplained)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--labs", nargs="+", default=None, help="default: every lab")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / ".scratch" / "grading-speed")
    parser.add_argument("--no-stock-feedback", action="store_true",
                        help="skip timing stock `nbgrader generate_feedback`")
    args = parser.parse_args(argv)
    labs = args.labs or course_dir.lab_names()
    unknown = sorted(set(labs) - set(course_dir.lab_names()))
    if unknown:
        parser.error(f"unknown lab(s): {', '.join(unknown)}")
    students = student_names(args.students)
    work = args.out.resolve()
    if work.exists():
        shutil.rmtree(work)
    os.environ.setdefault("BACKPROP_MNIST_CACHE", str(work / "mnist-cache"))

    print(f"• generating {len(students)} students × {len(labs)} labs (seed {args.seed}) in {work}",
          flush=True)
    course = snapshot_course(labs, work / "course")
    made = generate(labs, students, args.seed, work / "class", course)
    print("• stock nbgrader (set-up untimed; autograde timed lab after lab)", flush=True)
    stock = stock_nbgrader(made, labs, students, work, feedback=not args.no_stock_feedback,
                           root=course)
    print(f"• pipeline: grade_class with {args.workers} workers", flush=True)
    ours = pipeline(work / "class", work / "pipeline", labs, args.workers, course)
    compared, explained, unexplained = compare(made, stock, ours)
    report(made, labs, students, args.workers, stock, ours, compared, explained, unexplained)
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
