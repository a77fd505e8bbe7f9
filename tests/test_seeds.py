"""Inputs per student and per course (autograder/judging/seeds.py): a secret made once and
kept out of git, seeds that differ between students, labs and courses, and that come back
the same for a regrade."""
import os
import stat
import subprocess

import pytest
from conftest import ROOT

from autograder.judging import judges_for, seeds
from autograder.judging.program import encode_programs


def test_the_secret_is_made_once_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv(seeds.SECRET_VARIABLE, raising=False)
    first = seeds.course_secret(tmp_path)
    path = tmp_path / seeds.SECRET_FILE
    assert len(first) == 32 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert seeds.course_secret(tmp_path) == first
    other = tmp_path / "other"
    other.mkdir()
    assert seeds.course_secret(other) != first


def test_the_variable_overrides_the_file_and_must_be_hex(tmp_path, monkeypatch):
    monkeypatch.setenv(seeds.SECRET_VARIABLE, "ab" * 32)
    assert seeds.course_secret(tmp_path) == bytes.fromhex("ab" * 32)
    assert not (tmp_path / seeds.SECRET_FILE).exists()
    monkeypatch.setenv(seeds.SECRET_VARIABLE, "not hex")
    with pytest.raises(ValueError, match="hexadecimal"):
        seeds.course_secret(tmp_path)


def test_seeds_differ_per_student_lab_and_course_and_repeat():
    a, b = b"a" * 32, b"b" * 32
    lab = "ch04_activation_layers"
    assert seeds.student_seed(a, lab, "kim") == seeds.student_seed(a, lab, "kim")
    assert len({seeds.student_seed(a, lab, "kim"), seeds.student_seed(a, lab, "lee"),
                seeds.student_seed(a, "ch05_affine", "kim"), seeds.student_seed(b, lab, "kim")}) == 4
    assert 0 <= seeds.student_seed(a, lab, "kim") < 2**63


def test_two_students_get_different_inputs_from_every_judge():
    secret = b"s" * 32
    for lab in ("ch04_activation_layers", "ch07_two_layer_net"):
        for cell, make in judges_for(lab).items():
            kim, lee = (make(seeds.student_seed(secret, lab, s)) for s in ("kim", "lee"))
            assert str(encode_programs(kim.programs)) != str(encode_programs(lee.programs)), cell


def test_the_secret_is_never_committed():
    result = subprocess.run(["git", "check-ignore", "-q", seeds.SECRET_FILE], cwd=ROOT)
    assert result.returncode == 0, f"{seeds.SECRET_FILE} is not git-ignored"
