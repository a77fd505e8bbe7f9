"""Points and reasons per test cell (autograder/grading/score.py)."""
import nbformat

from autograder.grading.results import FAILED, PASSED, CellResult
from autograder.grading.score import checked, fix_first


def graded_cell(grade_id: str, source: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": True, "points": 1}
    return cell


NB = nbformat.v4.new_notebook(cells=[
    graded_cell("mul_layer_test", 'checking("MulLayer", see="lecture 3")\ncheck_close(...)'),
    graded_cell("add_layer_test", "checking('AddLayer')\n"),
    graded_cell("graph_test", 'checking("graph", uses=("MulLayer", "AddLayer"), see="x")\n'),
])


def result(cell: str, status: str, reason: str = "") -> CellResult:
    return CellResult("s", "lab", cell, 0.0 if status == FAILED else 1.0, 1.0, status, reason)


def test_checking_lines_say_what_each_cell_checks_and_uses():
    assert checked(NB) == {"mul_layer_test": ("MulLayer", ()), "add_layer_test": ("AddLayer", ()),
                           "graph_test": ("graph", ("MulLayer", "AddLayer"))}


def test_a_cell_built_from_a_failed_answer_names_it_first():
    results = [result("mul_layer_test", FAILED, "dx is wrong"),
               result("add_layer_test", PASSED), result("graph_test", FAILED, "price is wrong")]
    fix_first(results, NB)
    assert results[2].reason.startswith("Fix MulLayer first: it fails its own test cell "
                                        "(mul_layer_test), and graph is built from it.")
    assert results[2].reason.endswith("price is wrong")
    assert results[0].reason == "dx is wrong"


def test_nothing_is_blamed_when_the_answers_it_uses_pass():
    results = [result("mul_layer_test", PASSED), result("add_layer_test", PASSED),
               result("graph_test", FAILED, "price is wrong")]
    fix_first(results, NB)
    assert results[2].reason == "price is wrong"
