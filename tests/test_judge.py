"""Judges: verdicts computed in the grader from plain results (autograder/judging/).

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
from autograder.judging import judges_for, program
from autograder.judging.compare import difference
from autograder.judging.program import BadResult, Opaque, Raised
from autograder.judging.reference import reference_records, run_here, trusted_namespace


def judged(lab, cell, namespace, seed=None):
    judge = judges_for(lab)[cell](seed)
    return judge.verdict(run_here(judge, namespace), reference_records(judge, lab))


@pytest.mark.parametrize("lab", LABS)
def test_every_graded_cell_has_a_judge(lab):
    cells = set(course_dir.test_points(course_dir.source_notebook(lab)))
    assert set(judges_for(lab)) == cells


@pytest.mark.parametrize("lab", LABS)
def test_reference_and_correct_styles_pass_every_judge(lab):
    reference = course_dir.reference_answers(course_dir.source_notebook(lab))
    styles = [None] + [v for v in variants.variants(lab) if v.correct]
    for style in styles:
        answers = None if style is None else {**reference, style.cell: style.code}
        namespace = trusted_namespace(lab, answers)
        for cell, make in judges_for(lab).items():
            if style is not None and not make(None).needs_reference and style.cell != "train":
                continue  # the MNIST training judge: only for styles of train itself
            for seed in (None, 1, 2):
                verdict = judged(lab, cell, namespace, seed)
                assert verdict.passed, (style and style.name, cell, seed, verdict.message)


@pytest.mark.parametrize("lab", LABS)
def test_inputs_differ_per_seed_and_repeat_for_one(lab):
    for cell, make in judges_for(lab).items():
        a, b, again = make(11), make(12), make(11)
        encoded = [program.encode_programs(j.programs) for j in (a, b, again)]
        assert str(encoded[0]) == str(encoded[2])
        assert str(encoded[0]) != str(encoded[1]) or cell == "numerical_diff_test", cell


@pytest.mark.parametrize("lab, name, cell", [
    ("ch03_add_mul_layers", "mul_not_swapped", "mul_layer_test"),
    ("ch04_activation_layers", "seed001_mask_x_lt_0", "relu_test"),
    ("ch04_activation_layers", "seed004_backward_mutates_dout", "relu_test"),
    ("ch05_affine", "seed003_assumes_2d", "affine_backward_test"),
    ("ch06_softmax_with_loss", "seed003_softmax_whole_batch", "softmax_test"),
    ("ch07_two_layer_net", "sgd_rebinding", "sgd_step_test"),
])
def test_judges_catch_the_seed_mistakes(lab, name, cell):
    variant = variants.find(lab, name)
    answers = {**course_dir.reference_answers(course_dir.source_notebook(lab)), variant.cell: variant.code}
    verdict = judged(lab, cell, trusted_namespace(lab, answers))
    assert not verdict.passed and "never showed" in verdict.message


def test_hard_coding_the_visible_example_fails():
    lab = "ch03_add_mul_layers"
    namespace = dict(trusted_namespace(lab))
    exec("class MulLayer:\n"
         "    def forward(self, x, y): return 220.0\n"
         "    def backward(self, dout): return 2.2, 110.0\n", namespace)
    assert not judged(lab, "mul_layer_test", namespace).passed


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
    assert np.array_equal(program.read_result(tmp_path)[0][0], np.arange(3.0))
    np.savez(tmp_path / "result.npz", a0=np.array([object()], dtype=object))
    with pytest.raises(BadResult):
        program.read_result(tmp_path)
    (tmp_path / "result.json").write_text('[[{"value": {"$evil": 1}}]]')
    with pytest.raises(BadResult):
        program.read_result(tmp_path)
    (tmp_path / "result.json").write_text("not json")
    with pytest.raises(BadResult):
        program.read_result(tmp_path)


def test_an_inflated_result_is_refused(tmp_path):
    (tmp_path / "result.json").write_text("[]")
    with zipfile.ZipFile(tmp_path / "result.npz", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a0.npy", b"\0" * (program.MAX_RESULT_BYTES + 1))
    with pytest.raises(BadResult, match="too large"):
        program.read_result(tmp_path)


def test_a_missing_result_is_a_failed_check(tmp_path):
    with pytest.raises(BadResult, match="no result"):
        program.read_result(tmp_path)
