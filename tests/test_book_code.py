"""A student who types the book's own code meets full marks or a clear first line.

For every graded class and function the book has code for, the variants hold the book's
version (named `book_style_<answer cell>`, written from the book's listings): it must earn
full marks, or the first line of each failing cell's message must say how this lab's
interface differs from the book's (the phrase the variant declares).
"""
import pytest
from conftest import LABS

from autograder import course_dir
from autograder.authoring import variants
from autograder.grading import inprocess

# The answer cells whose class or function the book writes out in its code (ch05 and ch07
# of the book's repository: layers.py, two_layer_net.py, functions.py, gradient.py).
BOOK_HAS = {
    "ch02_chain_rule": {"numerical_diff"},
    "ch03_add_mul_layers": {"mul_layer", "add_layer"},
    "ch04_activation_layers": {"relu", "sigmoid"},
    "ch05_affine": {"affine"},
    "ch06_softmax_with_loss": {"softmax", "cross_entropy_error", "softmax_with_loss"},
    "ch07_two_layer_net": {"gradient", "sgd_step", "train", "weight_decay"},
}
BOOK_STYLE = [(lab, v) for lab in LABS for v in variants.variants(lab)
              if v.name.startswith("book_style_")]


def first_line(message: str) -> str:
    """The first line a student reads: the failure's own line, without the exception name."""
    for line in message.splitlines():
        if "CheckFailed: " in line or "Error: " in line:
            return line.split(": ", 1)[1]
    return message.strip().splitlines()[0] if message.strip() else ""


@pytest.mark.parametrize("lab,variant", BOOK_STYLE, ids=[f"{lab[:4]}-{v.name}" for lab, v in BOOK_STYLE])
def test_the_books_code_gets_full_marks_or_a_first_line_naming_the_difference(lab, variant):
    results = inprocess.grade_in_process(lab, {variant.cell: variant.code})
    for cell, result in results.items():
        if cell not in variant.fails:
            assert result.passed, f"{variant.name} lost {cell}: {result.message[:400]}"
            continue
        assert not result.passed
        phrase = variant.fails[cell]
        assert phrase and phrase in first_line(result.message), (
            f"{variant.name}: the first line of {cell} should say {phrase!r}:\n{result.message[:600]}")


@pytest.mark.parametrize("lab", sorted(BOOK_HAS))
def test_every_class_the_book_writes_has_its_book_style_variant(lab):
    named = {v.cell for v in variants.variants(lab) if v.name.startswith("book_style_")}
    assert BOOK_HAS[lab] <= named, BOOK_HAS[lab] - named
    assert BOOK_HAS[lab] <= set(course_dir.graded_answer_ids(course_dir.source_notebook(lab)))
