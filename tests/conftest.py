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


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
