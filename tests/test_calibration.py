"""Calibration: the hidden checks never fail the reference solutions, over many random
seeds each (every check draws scalars and arrays of random shapes per seed): 100 in every
test run, 1,000 in `make bench` (BACKPROP_CALIBRATION_SEEDS). A check module may lower the
count for a slow check in CALIBRATION_SEEDS, saying why (ch07's training run)."""
import os
import re

import pytest
from conftest import LABS

from autograder import course_dir
from autograder.grading import inprocess

SEEDS = int(os.environ.get("BACKPROP_CALIBRATION_SEEDS", "100"))


def hidden_checks():
    for lab in LABS:
        for cell, calls in course_dir.hidden_calls(course_dir.source_notebook(lab)).items():
            for call in calls:
                yield lab, cell, call


CHECKS = list(hidden_checks())


@pytest.mark.parametrize("lab,cell,call", CHECKS, ids=[f"{lab[:4]}-{cell}" for lab, cell, _ in CHECKS])
def test_reference_passes_hidden_check_on_every_seed(lab, cell, call):
    namespace = inprocess.reference_namespace(lab)
    exec(f"from autograder.checks import {lab} as hidden", namespace)
    seeded = re.sub(r"\)$", ", seed=SEED)", call)
    code = compile(seeded, "<calibration>", "exec")
    check_name = call.split("(", 1)[0].removeprefix("hidden.")
    lowered = getattr(namespace["hidden"], "CALIBRATION_SEEDS", {})
    seeds = min(SEEDS, lowered.get(check_name, SEEDS))
    for seed in range(seeds):
        namespace["SEED"] = seed
        exec(code, namespace)


def test_every_test_cell_has_a_hidden_check():
    for lab in LABS:
        source_nb = course_dir.source_notebook(lab)
        assert set(course_dir.hidden_calls(source_nb)) == set(course_dir.test_points(source_nb))
