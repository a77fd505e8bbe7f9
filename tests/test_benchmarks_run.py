"""benchmarks/train_mnist.py keeps working: both implementations train for 50 iterations on
the bundled subset, their loss goes down, and they take the same path (same seed, same
initial weights, same mini-batches, same algorithm). The benchmark is a script, not a timed
test: nothing here asserts a time, and the full set is never used.
"""
import importlib.util

import numpy as np
import pytest
from conftest import ROOT

ITERS = 50


def load_script():
    path = ROOT / "benchmarks" / "train_mnist.py"
    spec = importlib.util.spec_from_file_location("train_mnist", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return load_script()


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKPROP_MNIST_OFFLINE", "1")
    monkeypatch.setenv("BACKPROP_MNIST_CACHE", str(tmp_path / "empty-cache"))


def test_both_implementations_train_on_the_subset_and_agree(bench):
    data = bench.load_data("subset")
    assert (len(data[0]), len(data[2])) == (10_000, 2_000)
    (reference,), (straightforward,) = bench.run_both(data, iters=ITERS, seed=0)
    for run in (reference, straightforward):
        assert run.losses.shape == (ITERS,) and np.isfinite(run.losses).all(), run.name
        assert abs(run.losses[0] - np.log(10)) < 0.01, run.name      # tiny init: ~uniform
        assert run.losses[-10:].mean() < run.losses[:10].mean() - 0.05, run.name
        assert [epoch[0] for epoch in run.epochs] == [0], run.name   # 100 iterations/epoch
        assert 0.2 < run.train_acc <= 1 and 0.2 < run.test_acc <= 1, run.name
        assert run.seconds > 0 and run.eval_seconds > 0, run.name
    assert reference.losses.dtype == np.float32
    np.testing.assert_allclose(reference.losses, straightforward.losses, rtol=1e-4)
    assert abs(reference.test_acc - straightforward.test_acc) <= 0.005


def test_the_script_prints_both_implementations(bench, capsys):
    assert bench.main(["--data", "subset", "--iters", "20", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "Using the bundled subset" in out
    assert "reference (float32)" in out and "straightforward (float64)" in out
    for row in ("final train accuracy", "final test accuracy", "seconds (fastest of 2)",
                "ratio straightforward / reference:"):
        assert row in out, row
    assert "judged only for the book's recipe on the full set" in out


def test_without_the_full_set_it_says_how_to_get_it(bench, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "SHARED_FULL", tmp_path / "no-shared-full")
    assert bench.main(["--data", "full"]) == 2
    err = capsys.readouterr().err
    assert "The full MNIST set is not available" in err
    assert "BACKPROP_MNIST_OFFLINE" in err and "--data subset" in err


def test_grading_speed_runs_on_a_tiny_class(tmp_path):
    """benchmarks/grading_speed.py keeps working: a tiny class graded by stock nbgrader and by
    the pipeline prints the table, a ratio, and no score difference without a known reason
    (nothing here asserts a time)."""
    import re
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "grading_speed.py"), "--students", "3",
         "--labs", "ch01_computational_graph", "--workers", "2", "--no-stock-feedback",
         "--out", str(tmp_path / "bench")],
        capture_output=True, text=True, timeout=600)
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    assert "3 students × 1 labs = 3 notebooks" in out
    for row in ("stock nbgrader autograde (serial, labs one after another)",
                "pipeline grade_class (incl. feedback HTML + reports)"):
        assert re.search(re.escape(row) + r"\s+3\s+[\d.]+\s+[\d.]+\s+[\d.]+x?\s", out), row
    assert re.search(r"speed-up \(stock autograde / pipeline.*\): [\d.]+x", out)
    assert "scores compared: 9 test cells (3 notebooks)" in out
    assert "unexplained score differences: 0" in out and "UNEXPLAINED" not in out


def test_numerical_margins_prints_every_judge(tmp_path):
    """benchmarks/numerical_margins.py keeps working (2 seeds here; `make bench` runs 1,000)."""
    import subprocess
    import sys

    from autograder.authoring.margins import analytic_judges
    from autograder.course_dir import lab_names

    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "numerical_margins.py"),
                             "--seeds", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if "analytic styles" in line]
    assert len(lines) == len(analytic_judges(lab_names())) and "PROBLEM" not in result.stdout
