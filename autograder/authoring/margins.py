"""How far the analytic and the numerical backward passes of the variants are from each
judge's probe tolerance: the calibration behind autograder/judging/numerical.py.

    margins("ch04_activation_layers", "sigmoid_test", seeds=1000).summary()

Used by tests/test_numerical.py (which asserts the margins) and
benchmarks/numerical_margins.py (which prints them for every judge)."""
from __future__ import annotations

from dataclasses import dataclass, field

from autograder import course_dir
from autograder.authoring import variants
from autograder.judging import judges_for
from autograder.judging.reference import run_here, trusted_namespace

SEEDS = 1000             # every correct style, on every judge that refuses numerical answers
NUMERICAL_SEEDS = 100    # the numerical styles (each costs many forward passes per call)
NUMERICAL_WORDS = "approximates the derivative numerically"


def analytic_judges(labs) -> list[tuple[str, str]]:
    """(lab, test cell) of every judge that refuses numerical backward passes."""
    return [(lab, cell) for lab in labs for cell, make in judges_for(lab).items()
            if make(None).numerical is not None]


@dataclass
class Margins:
    correct_styles: int = 0
    numerical_styles: int = 0
    worst_correct: float = 0.0          # largest error / tolerance of a correct style
    best_numerical: float = float("inf")  # smallest error / tolerance of a numerical one
    by_calls: int = 0                   # numerical styles refused for calling the forward
    by_cases: int = 0                   # ... for a wrong value on a regular case (e.g. at 0)
    refused_correct: list = field(default_factory=list)
    passed_numerical: list = field(default_factory=list)

    @property
    def correct_margin(self) -> float:
        return float("inf") if self.worst_correct == 0 else 1.0 / self.worst_correct

    def summary(self) -> str:
        by_probes = self.numerical_styles - self.by_calls - self.by_cases
        closest = (f", the closest at {self.best_numerical:.3g}x the tolerance" if by_probes
                   else "")
        return (f"{self.correct_styles} analytic styles: worst error {self.worst_correct:.3g} of "
                f"the tolerance (margin {self.correct_margin:.3g}x); {self.numerical_styles} "
                f"numerical styles refused on every seed: {self.by_calls} by their calls, "
                f"{self.by_cases} on a regular case, {by_probes} on the probes{closest}")


def answer_cell(lab: str, test_cell: str) -> str:
    """The answer cell a test cell grades: the last one before it."""
    answer = None
    for cell in course_dir.source_notebook(lab).cells:
        meta = course_dir.nbgrader_meta(cell)
        if meta.get("solution"):
            answer = meta["grade_id"]
        elif meta.get("grade_id") == test_cell:
            return answer
    raise KeyError(test_cell)


def _styles(lab: str, cell: str):
    """(name, answers, numerical?) of the reference, the correct styles of the answer cell
    this test cell grades, and the numerical mistakes that concern it."""
    reference = course_dir.reference_answers(course_dir.source_notebook(lab))
    graded = answer_cell(lab, cell)
    yield "reference", None, False
    for variant in variants.variants(lab):
        if variant.correct and variant.cell == graded:
            yield variant.name, {**reference, variant.cell: variant.code}, False
        elif NUMERICAL_WORDS in str(variant.fails.get(cell, "")):
            yield variant.name, {**reference, variant.cell: variant.code}, True


def margins(lab: str, cell: str, seeds: int = SEEDS,
            numerical_seeds: int = NUMERICAL_SEEDS) -> Margins:
    make, found = judges_for(lab)[cell], Margins()
    namespaces = [(name, trusted_namespace(lab, answers), numerical)
                  for name, answers, numerical in _styles(lab, cell)]
    found.correct_styles = sum(not n for _, _, n in namespaces) - 1
    found.numerical_styles = sum(n for _, _, n in namespaces)
    calls_only, cases_only = set(), set()
    for seed in range(seeds):
        judge = make(seed)
        want = run_here(judge, namespaces[0][1])
        for name, namespace, numerical in namespaces:
            if numerical and seed >= numerical_seeds:
                continue
            got = run_here(judge, namespace)
            verdict = judge.verdict(got, want)
            records = (judge.records(got), judge.records(want))
            ratio = judge.numerical.worst_ratio(judge, *records)
            if numerical:
                if verdict.passed or verdict.diagnosis.get("name") != "numerical_backward":
                    found.passed_numerical.append((name, seed, verdict.message))
                if judge.numerical.from_calls(judge, records[0]):
                    calls_only.add(name)
                elif ratio <= 1:
                    cases_only.add(name)
                else:
                    found.best_numerical = min(found.best_numerical, ratio)
            else:
                if not verdict.passed:
                    found.refused_correct.append((name, seed, verdict.message))
                found.worst_correct = max(found.worst_correct, ratio)
    found.by_calls, found.by_cases = len(calls_only), len(cases_only - calls_only)
    return found
