"""What a student sees in the notebook itself, before submitting: the visible checks.

Every mistake of autograder/authoring/variants/ is run through the student's release copy
of its lab (visible checks only, the other answers correct) in an IPython shell, as Jupyter
runs it. A failing test cell must show an explanation, never a raw traceback: the checker's
`checking()` line at the top of each test cell turns an error from the student's code into
the same words the hidden checks use, and names a broken earlier answer first.
"""
import contextlib
import io
from unittest import mock

import matplotlib.pyplot as plt
import pytest
from conftest import LABS
from IPython.core.interactiveshell import InteractiveShell

from autograder import course_dir
from autograder.authoring import variants
from autograder.grading.score import checked

MISTAKES = [(lab, v) for lab in LABS for v in variants.variants(lab) if not v.correct]
RAW = ("Traceback (most recent call last)", "Cell In[", "----> ", "File <")
# Lab 7's visible training check runs on the first 2,000 training images here, not 10,000:
# the same code paths and messages, in a fifth of the time (a wrong loop that trains on the
# whole set each iteration would take a minute).
FEWER_IMAGES = "\nx_train, t_train = x_train[:2000], t_train[:2000]"


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
    with mock.patch("gc.collect"):   # reset's full collection: a quarter of a second each time
        shell.reset(new_session=False)
    plt.close("all")
    failed, left = {}, set(until)
    for cell in nb.cells:
        meta = course_dir.nbgrader_meta(cell)
        if cell.cell_type != "code" or (meta.get("grade") and meta["grade_id"] not in until
                                        and of_cell.get(meta["grade_id"], ("",))[0] not in needed):
            continue
        source = cell.source + (FEWER_IMAGES if "= load_mnist(" in cell.source else "")
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
            result = shell.run_cell(source, store_history=True)
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
