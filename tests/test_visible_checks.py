"""What a student sees in the notebook itself, before submitting: the visible checks.

Every mistake of autograder/authoring/variants/ is run through the student's release copy
of its lab (visible checks only, the other answers correct) in an IPython shell, as Jupyter
runs it. A failing test cell must show an explanation, never a raw traceback: the checker's
`checking()` line at the top of each test cell turns an error from the student's code into
the same words the hidden checks use, and names a broken earlier answer first.
"""
import contextlib
import io

import matplotlib.pyplot as plt
import pytest
from conftest import LABS
from IPython.core.interactiveshell import InteractiveShell

from autograder import course_dir
from autograder.authoring import variants
from autograder.grading.score import checked

# Every mistake except those of lab 7's `train` cell: its visible check is a training run
# (up to a minute each, for a wrong loop), and its errors are the same kinds as every other
# cell's (explain_exception, tests/test_checker.py); the mutation suite grades them all.
MISTAKES = [(lab, v) for lab in LABS for v in variants.variants(lab)
            if not v.correct and not (lab == "ch07_two_layer_net" and v.cell == "train")]
RAW = ("Traceback (most recent call last)", "Cell In[", "----> ", "File <")


@pytest.fixture(scope="module")
def shell():
    return InteractiveShell.instance()


def run_release(shell, lab: str, answers: dict[str, str], until: set[str]) -> dict[str, str]:
    """{test cell: what it showed} for the test cells that failed, running the release copy
    with these answers from the top until every cell in ``until`` has run. Other test cells
    run only where a cell in ``until`` is built from their answer (its root cause)."""
    nb = course_dir.with_answers(course_dir.release_notebook(lab), answers)
    of_cell = checked(nb)
    needed = {of_cell[c][0] for c in until if c in of_cell} | {
        used for c in until if c in of_cell for used in of_cell[c][1]}
    shell.reset(new_session=False)
    plt.close("all")
    failed, left = {}, set(until)
    for cell in nb.cells:
        meta = course_dir.nbgrader_meta(cell)
        if cell.cell_type != "code" or (meta.get("grade") and meta["grade_id"] not in until
                                        and of_cell.get(meta["grade_id"], ("",))[0] not in needed):
            continue
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
            result = shell.run_cell(cell.source, store_history=True)
        if meta.get("grade") and not result.success:
            failed[meta["grade_id"]] = shown.getvalue()
        left.discard(meta.get("grade_id"))
        if not left:
            break
    return failed


@pytest.mark.parametrize("lab,variant", MISTAKES, ids=[f"{lab[:4]}-{v.name}" for lab, v in MISTAKES])
def test_a_mistake_meets_an_explanation_not_a_traceback(shell, lab, variant):
    source = course_dir.source_notebook(lab)
    answers = {**course_dir.reference_answers(source), variant.cell: variant.code}
    failed = run_release(shell, lab, answers, set(variant.fails))
    for cell, shown in failed.items():
        raw = [marker for marker in RAW if marker in shown]
        assert not raw, f"{variant.name}: {cell} shows a raw traceback:\n{shown}"
        assert "✗" in shown, f"{variant.name}: {cell} failed without a message:\n{shown}"
