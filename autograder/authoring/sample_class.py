"""The sample class graded by ``make demo`` and by the end-to-end test.

Every student submits every lab. Each answer is the reference solution unless the student
is listed with a variant (autograder/authoring/variants/) for that lab, so each student carries
exactly the mistakes named here, most of them taken from the study notes (seeds).
"""
from __future__ import annotations

from autograder import course_dir
from autograder.authoring import variants

UNTOUCHED = "untouched"

# student id -> {lab: [variant names]}
STUDENTS: dict[str, dict[str, list[str]]] = {
    "perfect": {},
    UNTOUCHED: {},  # hands in the release copy as it was given out
    "foward-typo": {"ch03_add_mul_layers": ["seed002_foward"]},
    "init-typo": {"ch03_add_mul_layers": ["seed002_init_typo_mul"]},
    "backward-out": {"ch03_add_mul_layers": ["seed002_backward_out"]},
    "mul-not-swapped": {"ch03_add_mul_layers": ["mul_not_swapped"]},
    "add-twice": {"ch03_add_mul_layers": ["add_twice"]},
    "reciprocal-sign": {"ch01_computational_graph": ["seed000_reciprocal_sign"]},
    "fanout-one-path": {"ch02_chain_rule": ["path_through_x_only"],
                        "ch03_add_mul_layers": ["fanout_layers_overwrite"]},
    "forward-difference": {"ch02_chain_rule": ["forward_difference"]},
    "dout-mutated": {"ch04_activation_layers": ["seed004_backward_mutates_dout"]},
    "relu-at-zero": {"ch04_activation_layers": ["seed001_mask_x_lt_0"]},
    "softmax-whole-batch": {"ch05_affine": ["seed003_assumes_2d"],
                "ch06_softmax_with_loss": ["seed003_softmax_whole_batch"],
                "ch07_two_layer_net": ["seed003_softmax_whole_batch"]},
    "sgd-rebinding": {"ch07_two_layer_net": ["sgd_rebinding"]},
    "book-backward": {"ch06_softmax_with_loss": ["seed002_book_backward_ignores_dout"]},
    "div-sign-lost": {"ch03_add_mul_layers": ["div_dy_sign_lost"]},
    "softplus-exp-only": {"ch04_activation_layers": ["softplus_exp_only"]},
    "center-direct-path": {"ch05_affine": ["center_direct_path_only"]},
    "softmax-direct-path": {"ch06_softmax_with_loss": ["softmax_layer_direct_path_only"]},
    "check-at-the-kink": {"ch07_two_layer_net": ["check_at_the_kink"]},
    "decay-on-biases": {"ch07_two_layer_net": ["decay_on_biases"]},
    "engine-no-accumulate": {"ch08_autograd": ["no_accumulate"]},
}


# Students who hand in the Korean edition (한국어판) of every lab: the same answers, graded
# with the same scores, their feedback in Korean.
KOREAN = {"mul-not-swapped", "dout-mutated", "div-sign-lost", "softplus-exp-only",
          "center-direct-path", "softmax-direct-path", "decay-on-biases", "engine-no-accumulate"}


def language(student: str) -> str:
    return "ko" if student in KOREAN else "en"


def answers(student: str, lab: str, source_nb) -> dict[str, str] | None:
    """The code of every answer cell of this student's submission (None: untouched)."""
    if student == UNTOUCHED:
        return None
    code = course_dir.reference_answers(source_nb)
    for name in STUDENTS[student].get(lab, []):
        variant = variants.find(lab, name)
        code[variant.cell] = variant.code
    return code


def expected_scores(student: str, lab: str, source_nb) -> dict[str, float]:
    """{test cell: points} this student should get, from the variants' declared failures."""
    points = course_dir.test_points(source_nb)
    if student == UNTOUCHED:
        return {cell: 0.0 for cell in points}
    failing = set()
    for name in STUDENTS[student].get(lab, []):
        failing |= set(variants.find(lab, name).fails)
    return {cell: 0.0 if cell in failing else full for cell, full in points.items()}
