"""The student-visible checker: what a student sees when a visible test passes or fails."""
import ast
from pathlib import Path

import numpy as np
import pytest

from autograder.provided.checker import CheckFailed, check_close, mismatch_message

CHECKER = Path(__file__).resolve().parent.parent / "autograder" / "provided" / "checker.py"


def failure(got, expected, **kwargs) -> str:
    with pytest.raises(CheckFailed) as caught:
        check_close("dx", got, expected, **kwargs)
    return str(caught.value)


def test_success_prints_one_line_with_the_value_of_a_scalar(capsys):
    check_close("dapple", 2.2000000000000006, 2.2)
    check_close("dx", np.ones((2, 3)), np.ones((2, 3)))
    assert capsys.readouterr().out == "✓ dapple = 2.2\n✓ dx\n"


def test_a_scalar_may_come_as_numpy_scalar_or_one_element_array(capsys):
    check_close("loss", np.float64(1.5), 1.5)
    check_close("loss", np.array([1.5]), 1.5)
    check_close("dtax", 200, 200.0)
    assert capsys.readouterr().out.count("✓") == 3


def test_none_says_return_is_missing():
    assert "returned None — did you forget `return`?" in failure(None, np.ones(3))


def test_tuple_where_an_array_is_expected_names_the_type():
    message = failure((np.ones(3), np.ones(3)), np.ones(3))
    assert "expected a number or a numpy array, got a tuple of 2 values" in message


def test_wrong_shape_gives_both_shapes():
    assert "expected shape (3, 2), got (2, 3)." in failure(np.ones((2, 3)), np.ones((3, 2)))


def test_wrong_values_show_expected_got_and_the_worst_element():
    expected = np.arange(6.0).reshape(2, 3)
    got = expected.copy()
    got[1, 2] = 9.5
    message = failure(got, expected, hint="dx is dout times y")
    lines = message.splitlines()
    assert lines[0] == "✗ dx is wrong."
    assert lines[1].startswith("  expected: [[0., 1., 2.],")
    assert "worst element (1, 2): expected 5, got 9.5" in message
    assert lines[-1] == "Likely cause: dx is dout times y"


def test_scalar_mismatch_is_one_line():
    assert failure(2.4, 2.2).splitlines()[1] == "  expected 2.2, got 2.4"


def test_nan_and_inf_are_counted_and_reported_as_the_worst():
    message = failure(np.array([1.0, np.nan, np.inf]), np.ones(3))
    assert "worst element (1,): expected 1, got nan" in message
    assert "got contains 2 NaN/inf value(s)." in message


def test_big_arrays_are_truncated():
    expected = np.zeros((50, 40))
    message = failure(expected + 1.0, expected)
    assert "..." in message and len(message) < 1000


def test_tolerances_are_applied():
    check_close("dx", 1.0 + 1e-7, 1.0)
    failure(1.0 + 1e-7, 1.0, rtol=1e-9)


def test_labels_name_sampled_elements():
    message = mismatch_message("dW", np.array([1.0, 5.0]), np.array([1.0, 2.0]),
                               labels=["(3, 7)", "(10, 2)"])
    assert "worst element (10, 2): expected 2, got 5" in message


def test_traceback_is_replaced_by_the_message_lines():
    error = CheckFailed("✗ dx is wrong.\nLikely cause: something")
    assert error._render_traceback_() == ["✗ dx is wrong.", "Likely cause: something"]
    assert isinstance(error, AssertionError)


def test_no_numpy_warning_for_inf_against_inf(recwarn):
    failure(np.array([np.inf, 1.0]), np.array([np.inf, 2.0]))
    # numpy's warnings only: the garbage collector may report an earlier test's sockets here
    assert not [w for w in recwarn.list if issubclass(w.category, RuntimeWarning)]


def test_module_is_short_and_imports_only_numpy_and_the_standard_library():
    source = CHECKER.read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in getattr(node, "names", [])}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert imported <= {"numpy", "linecache", "difflib", "re"}
    assert ast.get_docstring(tree)
    assert len(source.splitlines()) <= 300


# ---------------------------------------------------------------- checking(): the root cause first

def run_cells(*cells: str) -> list[str]:
    """What each cell shows in an IPython shell that ran the checker's cell first."""
    import contextlib
    import io

    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    shell.reset(new_session=False)
    shown = []
    for source in (CHECKER.read_text(encoding="utf-8"), *cells):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            shell.run_cell(source, store_history=True)
        shown.append(out.getvalue())
    return shown[1:]


MUL_TYPO = "class MulLayer:\n    def foward(self, x, y):\n        return x * y\n"


def test_an_error_in_a_test_cell_is_explained_without_a_traceback():
    _, shown = run_cells(MUL_TYPO, 'checking("MulLayer", see="lecture 3, section 2")\n'
                                   'check_close("z", MulLayer().forward(2, 3), 6)')
    assert shown.startswith("✗ MulLayer: your code raised AttributeError")
    assert "You defined `foward`: a typo for `forward`?" in shown
    assert shown.rstrip().endswith("Read: lecture 3, section 2.")
    assert "Traceback" not in shown and "---->" not in shown


def test_a_cell_built_from_a_failed_answer_names_that_answer_first():
    shown = run_cells(MUL_TYPO, 'checking("MulLayer")\ncheck_close("z", MulLayer().forward(2, 3), 6)',
                      'checking("graph", uses=("MulLayer",))\ncheck_close("f", 1.0, 2.0)')
    assert shown[2].startswith("✗ Fix MulLayer first: it failed its own checks above")
    assert "✗ f is wrong." in shown[2]


def test_a_fixed_answer_is_no_longer_blamed():
    fixed = "class MulLayer:\n    def forward(self, x, y):\n        return x * y\n"
    shown = run_cells(MUL_TYPO, 'checking("MulLayer")\ncheck_close("z", MulLayer().forward(2, 3), 6)',
                      fixed, 'checking("MulLayer")\ncheck_close("z", MulLayer().forward(2, 3), 6)',
                      'checking("graph", uses=("MulLayer",))\ncheck_close("f", 1.0, 2.0)')
    assert shown[3] == "✓ z = 6\n"
    assert shown[4].startswith("✗ f is wrong.")


def test_outside_test_cells_errors_keep_their_usual_traceback():
    _, shown = run_cells('checking("MulLayer")', "1 / 0")
    assert "ZeroDivisionError" in shown and "Traceback" in shown


@pytest.mark.parametrize("error,words", [
    (NotImplementedError(), "not written yet"),
    (ValueError("operands could not be broadcast together with shapes (3,4) (3,) "),
     "labels given as class indices must become one-hot rows"),
    (ValueError("operands could not be broadcast together with shapes (3,4) (2,4) "),
     "shapes that do not fit together"),
    (np.exceptions.AxisError("axis 1 is out of bounds for array of dimension 1"),
     "an axis the array does not have"),
    (TypeError("backward() takes 1 positional argument but 2 were given"),
     "a different number of arguments"),
])
def test_common_errors_get_plain_words(error, words):
    from autograder.provided.checker import explain_exception
    assert words in explain_exception(error)
