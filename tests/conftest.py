"""Shared fixtures. The repository root is the nbgrader course directory."""
import os
import sys
from pathlib import Path

for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")  # before numpy loads: see autograder.build

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

LABS = sorted(p.stem for p in (ROOT / "content" / "labs").glob("ch*.py"))
LECTURES = sorted(p.stem for p in (ROOT / "content" / "lectures").glob("ch*.py"))
EDITIONS = ("en", "ko")   # English and the Korean edition (content/ko/, built into ko/)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The slowest test files first (measured): `make test` hands whole files to its workers in
# collection order, so a long file collected last would keep one worker busy alone.
SLOWEST_FIRST = ["test_mutations", "test_stock_nbgrader", "test_hostile", "test_colab_baseline",
                 "test_boundary", "test_visible_checks", "test_calibration", "test_benchmarks_run",
                 "test_demo", "test_cli_grade", "test_numerical", "test_judge", "test_browser",
                 "test_sandbox_setup"]


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__ if item.module else "",
                                         len(SLOWEST_FIRST)))
