"""Print, for every judge that refuses numerical backward passes, how close the correct
styles come to its probe tolerance and how far the numerical ones are beyond it.

    python benchmarks/numerical_margins.py [--seeds 1000]

A margin of 10x means the worst correct style used a tenth of the tolerance; "closest at
5x" means the numerical style nearest to passing was five times over it. tests/test_numerical.py
asserts the same figures (correct margin ≥ 2, every numerical style refused)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.authoring.margins import analytic_judges, margins  # noqa: E402
from autograder.course_dir import lab_names  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=1000,
                        help="seeds for the correct and the numerical styles (default: %(default)s)")
    args = parser.parse_args()
    for lab, cell in analytic_judges(lab_names()):
        start = time.perf_counter()
        found = margins(lab, cell, args.seeds, numerical_seeds=args.seeds)
        print(f"{lab} {cell} ({args.seeds} seeds, {time.perf_counter() - start:.1f} s): "
              f"{found.summary()}")
        if found.refused_correct or found.passed_numerical:
            print(f"  PROBLEM: refused correct {found.refused_correct[:3]}, passed numerical "
                  f"{found.passed_numerical[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
