"""Judges: verdicts computed in the grader from plain results (autograder/judge.py).

Every judge passes the reference solution and every alternative correct style; the
comparisons fail on wrong values, shapes, types and exceptions; a result file a student
could forge or inflate is refused, never trusted."""
import json
import zipfile

import numpy as np
import pytest
from conftest import LABS

from autograder import course_dir
from autograder.authoring import variants
from autograder.judging import judge, judges
from autograder.judging.judge import BadResult, Opaque, Raised, difference


@pytest.mark.parametrize("lab", LABS)
def test_every_graded_cell_has_a_judge(lab):
    cells = set(course_dir.test_points(course_dir.source_notebook(lab)))
    assert set(judges.JUDGES[lab]) == cells


@pytest.mark.parametrize("lab", LABS)
def test_reference_and_correct_styles_pass_every_judge(lab, tmp_path):
    reference = course_dir.reference_answers(course_dir.source_notebook(lab))
    styles = [None] + [v for v in variants.variants(lab) if v.correct]
    for style in styles:
        answers = dict(reference) if style is None else {**reference, style.cell: style.code}
        namespace = judge.trusted_namespace(lab, answers)
        for cell in judges.JUDGES[lab]:
            the_judge, records = judge.reference_records(lab, cell)
            if style is not None and not the_judge.needs_reference and style.cell != "train":
                continue  # the MNIST training judge: only for styles of train itself
            verdict = the_judge.verdict(judge.run_reference(the_judge, namespace, tmp_path), records)
            assert verdict.passed, (style and style.name, cell, verdict.message)


@pytest.mark.parametrize("lab, name, cell", [
    ("ch03_add_mul_layers", "mul_not_swapped", "mul_layer_test"),
    ("ch04_activation_layers", "seed001_mask_x_lt_0", "relu_test"),
    ("ch04_activation_layers", "seed004_backward_mutates_dout", "relu_test"),
    ("ch05_affine", "seed003_assumes_2d", "affine_backward_test"),
    ("ch06_softmax_with_loss", "seed003_softmax_whole_batch", "softmax_test"),
    ("ch07_two_layer_net", "sgd_rebinding", "sgd_step_test"),
])
def test_judges_catch_the_seed_mistakes(lab, name, cell, tmp_path):
    variant = variants.find(lab, name)
    answers = {**course_dir.reference_answers(course_dir.source_notebook(lab)), variant.cell: variant.code}
    the_judge, records = judge.reference_records(lab, cell)
    verdict = the_judge.verdict(judge.run_reference(the_judge, judge.trusted_namespace(lab, answers),
                                                    tmp_path), records)
    assert not verdict.passed and "never showed" in verdict.message


def test_hard_coding_the_visible_example_fails(tmp_path):
    lab = "ch03_add_mul_layers"
    namespace = judge.trusted_namespace(lab)
    exec("class MulLayer:\n"
         "    def forward(self, x, y): return 220.0\n"
         "    def backward(self, dout): return 2.2, 110.0\n", namespace)
    the_judge, records = judge.reference_records(lab, "mul_layer_test")
    verdict = the_judge.verdict(judge.run_reference(the_judge, namespace, tmp_path), records)
    assert not verdict.passed


def test_difference_names_what_is_wrong():
    assert difference(np.array([1.0, 2.0]), np.array([1.0, 2.0])) is None
    assert "expected 3" in difference(np.array([1.0, 2.0]), np.array([1.0, 3.0]), where="dx")
    assert "shape" in difference(np.ones(3), np.ones((3, 1)))
    assert "raised ValueError" in difference(Raised("ValueError", "bad"), np.ones(2))
    assert "should raise ValueError" in difference(np.ones(2), Raised("ValueError", ""))
    assert difference(Raised("ValueError", "x"), Raised("ValueError", "y")) is None
    assert "no key 'tax'" in difference({"apple": 1.0}, {"apple": 1.0, "tax": 2.0})
    assert "should hold 2 values" in difference((1.0,), (1.0, 2.0))
    assert "number or an array" in difference(Opaque("MulLayer"), 1.0)
    assert difference(np.float64(-1.0), np.full((2, 2), -1.0), broadcast=True) is None
    assert difference(np.array([np.nan]), np.array([np.nan])) is None
    assert difference(np.array([np.inf]), np.array([1.0])) is not None


def _write(folder, records, arrays):
    (folder / "result.json").write_text(json.dumps(records))
    np.savez(folder / "result.npz", **{f"a{i}": a for i, a in enumerate(arrays)})


def test_results_are_read_without_pickles_or_surprises(tmp_path):
    _write(tmp_path, [[{"value": {"$array": 0}}]], [np.arange(3.0)])
    assert np.array_equal(judge.read_result(tmp_path)[0][0], np.arange(3.0))
    np.savez(tmp_path / "result.npz", a0=np.array([object()], dtype=object))
    with pytest.raises(BadResult):
        judge.read_result(tmp_path)
    (tmp_path / "result.json").write_text('[[{"value": {"$evil": 1}}]]')
    with pytest.raises(BadResult):
        judge.read_result(tmp_path)
    (tmp_path / "result.json").write_text("not json")
    with pytest.raises(BadResult):
        judge.read_result(tmp_path)


def test_an_inflated_result_is_refused(tmp_path):
    (tmp_path / "result.json").write_text("[]")
    with zipfile.ZipFile(tmp_path / "result.npz", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a0.npy", b"\0" * (judge.MAX_RESULT_BYTES + 1))
    with pytest.raises(BadResult, match="too large"):
        judge.read_result(tmp_path)


def test_a_missing_result_is_a_failed_check(tmp_path):
    with pytest.raises(BadResult, match="no result"):
        judge.read_result(tmp_path)
