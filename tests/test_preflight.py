"""Pre-flight repair of submitted notebooks: each broken submission is built from the real
release notebook filled with the reference answers, then damaged the way editors and
students damage notebooks."""
import copy
import json

import nbformat
import pytest
from conftest import LABS

from autograder.course_dir import (
    answer_ids,
    nbgrader_meta,
    reference_answers,
    release_notebook,
    source_notebook,
    with_answers,
)
from autograder.grading import preflight
from autograder.grading.inprocess import run_in_process

LAB = "ch03_add_mul_layers"
RELEASES = {lab: release_notebook(lab) for lab in LABS}
RELEASE = RELEASES[LAB]
# The student's code, with a marker that must survive byte for byte (tabs, trailing
# spaces, no final newline, Hangul).
ANSWERS = {grade_id: code + "\n# 내 코드 ✓\t  " for grade_id, code in
           reference_answers(source_notebook(LAB)).items()}
STUB = {nbgrader_meta(c)["grade_id"]: c.source for c in RELEASE.cells
        if nbgrader_meta(c).get("solution")}


def student_notebook() -> nbformat.NotebookNode:
    return with_answers(RELEASE, ANSWERS)


def as_dict(nb) -> dict:
    """The notebook as the JSON an editor saves (sources as lists of lines)."""
    return json.loads(nbformat.writes(nb))


def to_raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def prepare(data) -> preflight.Prepared:
    raw = data if isinstance(data, bytes) else to_raw(data if isinstance(data, dict)
                                                       else as_dict(data))
    return preflight.prepare(raw, LAB, RELEASE, releases=RELEASES)


def structure(nb) -> list[tuple[str, str]]:
    """(cell type, grade_id or the start of the source) of every cell."""
    return [(c.cell_type, nbgrader_meta(c).get("grade_id") or c.source[:30]) for c in nb.cells]


def answers_of(nb) -> dict[str, str]:
    return {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells
            if nbgrader_meta(c).get("solution")}


def grade_id_index(data: dict, grade_id: str) -> int:
    return next(i for i, c in enumerate(data["cells"])
                if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def assert_graded_as_release(prepared, answers=ANSWERS):
    """The repaired notebook has the release's cells, in order, with the student's answers."""
    assert prepared.problem == ""
    nbformat.validate(prepared.nb)
    assert structure(prepared.nb) == structure(RELEASE)
    assert answers_of(prepared.nb) == answers
    for cell, released in zip(prepared.nb.cells, RELEASE.cells):
        if not nbgrader_meta(released).get("solution"):
            assert cell.source == released.source
            assert cell.metadata == released.metadata
    assert prepared.nb.metadata.kernelspec.name == "python3"


# ---------------------------------------------------------------- notebooks that are fine

def test_the_correct_notebook_is_unchanged():
    prepared = prepare(student_notebook())
    assert_graded_as_release(prepared)
    assert (prepared.notes, prepared.lost) == ([], {})
    assert [c.id for c in prepared.nb.cells] == [c.id for c in RELEASE.cells]


def test_outputs_and_execution_counts_are_cleared_silently():
    nb = student_notebook()
    for number, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = number + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    prepared = prepare(nb)
    assert_graded_as_release(prepared)
    assert prepared.notes == []
    code = [c for c in prepared.nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_sources_as_strings_or_lists_read_the_same():
    data = as_dict(student_notebook())
    assert isinstance(data["cells"][5]["source"], list)
    as_strings = copy.deepcopy(data)
    for cell in as_strings["cells"]:
        cell["source"] = "".join(cell["source"])
    assert_graded_as_release(prepare(data))
    assert_graded_as_release(prepare(as_strings))


def test_an_older_format_4_minor_without_cell_ids_is_normalized():
    data = as_dict(student_notebook())
    data["nbformat_minor"] = 2
    for cell in data["cells"]:
        del cell["id"]
    data["metadata"] = {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == []
    assert (prepared.nb.nbformat, prepared.nb.nbformat_minor) == (4, 5)


def test_format_3_is_converted():
    old = nbformat.convert(student_notebook(), 3)
    prepared = prepare(nbformat.writes(old, version=3).encode())
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your notebook was saved in the old notebook format 3; it was "
                              "converted to format 4."]


# ---------------------------------------------------------------- files that cannot be graded

@pytest.mark.parametrize("raw", [b"", b"  \n\t\n"])
def test_an_empty_file_is_a_problem(raw):
    prepared = prepare(raw)
    assert prepared.nb is None
    assert prepared.problem == ("The file is empty: it holds no notebook. Save your notebook "
                                "in Jupyter (File → Save) and submit the .ipynb file again.")


def test_invalid_json_says_where_and_what_to_do():
    raw = to_raw(as_dict(student_notebook()))
    broken = raw.replace(b'"cell_type": "markdown",', b'"cell_type": "markdown"', 1)
    prepared = prepare(broken)
    line = broken[:broken.index(b'"cell_type": "markdown"')].count(b"\n") + 2
    assert prepared.nb is None
    assert prepared.problem.startswith(
        f"Your notebook file is not valid JSON (Expecting ',' delimiter at line {line}, column ")
    assert "File → Download" in prepared.problem


def test_truncated_json_is_not_repairable():
    raw = to_raw(as_dict(student_notebook()))
    prepared = prepare(raw[:len(raw) // 2])
    assert prepared.nb is None
    assert prepared.problem.startswith("Your notebook file is cut off: it ends in the middle "
                                       "(line ")
    assert "It cannot be repaired." in prepared.problem and "File → Download" in prepared.problem


@pytest.mark.parametrize("raw", [b"[1, 2, 3]", b'{"metadata": {}, "nbformat": 4}', b'"text"'])
def test_json_that_is_not_a_notebook_is_a_problem(raw):
    assert prepare(raw).problem == ("This file is not a Jupyter notebook: it is JSON, but has "
                                    "no cells. Submit the lab's .ipynb file.")


def test_a_notebook_without_cells_is_a_problem():
    assert prepare(b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
                   ).problem.startswith("Your notebook has no cells.")


def test_a_huge_file_is_refused():
    nb = student_notebook()
    nb.cells[5].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 21_000_000)]
    prepared = prepare(nb)
    assert prepared.nb is None
    assert prepared.problem.startswith("The file is 20.0 MB, over the 20 MB limit") or \
        prepared.problem.startswith("The file is 20.1 MB, over the 20 MB limit")
    assert "Clear Outputs of All Cells" in prepared.problem


def test_another_labs_notebook_is_a_problem():
    other = with_answers(RELEASES["ch04_activation_layers"],
                         reference_answers(source_notebook("ch04_activation_layers")))
    prepared = prepare(other)
    assert prepared.nb is None
    assert prepared.problem == ("This is lab ch04_activation_layers's notebook, submitted as lab "
                                "ch03_add_mul_layers. Submit your ch03_add_mul_layers notebook "
                                "for this lab.")


def test_a_notebook_unrelated_to_the_lab_is_a_problem():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ANSWERS["mul_layer"])])
    assert prepare(nb).problem.startswith("This notebook does not look like lab "
                                          "ch03_add_mul_layers: none of its cells match")


# ---------------------------------------------------------------- safe repairs of the file

def test_trailing_garbage_is_dropped():
    raw = to_raw(as_dict(student_notebook())) + b'\n}\n{"cells": [], "oops"'
    prepared = prepare(raw)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your notebook file had 22 extra character(s) after the end of "
                              "the notebook (from another save or an editor?); they were ignored."]


def test_a_utf8_byte_order_mark_is_dropped():
    prepared = prepare(b"\xef\xbb\xbf" + to_raw(as_dict(student_notebook())))
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your notebook file started with an invisible byte-order mark "
                              "(BOM); it was removed."]


def test_bytes_that_are_not_utf8_are_replaced_and_reported():
    raw = to_raw(as_dict(student_notebook()))
    raw = raw.replace("# 내 코드 ✓".encode(), b"# caf\xe9", 1)   # Latin-1, not UTF-8
    line = raw[:raw.index(b"caf\xe9")].count(b"\n") + 1
    prepared = prepare(raw)
    first = answer_ids(RELEASE)[0]
    assert_graded_as_release(prepared, {**ANSWERS, first: ANSWERS[first].replace(
        "# 내 코드 ✓", "# caf\ufffd")})
    assert prepared.notes == [f"Your notebook file had bytes that are not UTF-8 text (the first "
                              f"on line {line}); they were replaced by �. Save notebooks from "
                              "Jupyter or Colab, not from a text editor."]


# ---------------------------------------------------------------- repairs of cells

def strip_metadata(data: dict, ids: bool = True) -> dict:
    for cell in data["cells"]:
        cell["metadata"] = {}
        if ids:
            cell.pop("id", None)
    return data


def test_stripped_metadata_is_matched_by_position():
    prepared = prepare(strip_metadata(as_dict(student_notebook())))
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your notebook had no nbgrader metadata (saved by another "
                              "editor?); your answers were matched by position."]


def test_stripped_metadata_with_added_cells_and_colab_ids():
    data = strip_metadata(as_dict(student_notebook()))
    for number, cell in enumerate(data["cells"]):
        cell["metadata"] = {"id": f"colab{number}"}            # Colab's own cell ids
    at = next(i for i, c in enumerate(data["cells"])
              if "".join(c["source"]) == ANSWERS["add_layer"])
    helper = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 3,
              "source": "def helper(x):\n    return x"}
    data["cells"].insert(at, helper)                            # before the add_layer answer
    prepared = prepare(data)
    assert prepared.problem == ""
    assert answers_of(prepared.nb) == ANSWERS
    shape = structure(prepared.nb)
    added = shape.index(("code", "def helper(x):\n    return x"))
    assert shape[added + 1] == ("code", "add_layer")
    assert shape[:added] + shape[added + 1:] == structure(RELEASE)
    assert prepared.nb.cells[added].metadata == {}


def test_one_answer_cell_without_metadata_is_matched_in_its_place():
    data = as_dict(student_notebook())
    cell = data["cells"][grade_id_index(data, "add_layer")]
    cell["metadata"], cell["id"] = {}, "new-cell"
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your answer cell 'add_layer' had lost its nbgrader metadata; the "
                              "code cell in its place was graded as your answer."]


def test_an_edited_test_cell_is_put_back():
    data = as_dict(student_notebook())
    data["cells"][grade_id_index(data, "mul_layer_test")]["source"] = "print('all good')"
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["You changed the test cell 'mul_layer_test'; the original was put "
                              "back, since locked cells and tests are not yours to edit."]


def test_deleted_locked_and_test_cells_are_put_back():
    data = as_dict(student_notebook())
    del data["cells"][grade_id_index(data, "add_layer_test")]
    del data["cells"][grade_id_index(data, "setup")]
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Missing (deleted?) and put back as handed out: locked cell "
                              "'setup', test cell 'add_layer_test'."]
    assert prepared.lost == {}


def test_a_deleted_answer_cell_loses_its_tests():
    data = as_dict(student_notebook())
    del data["cells"][grade_id_index(data, "mul_layer")]
    prepared = prepare(data)
    assert_graded_as_release(prepared, {**ANSWERS, "mul_layer": STUB["mul_layer"]})
    assert prepared.lost == {"mul_layer_test": "the answer cell 'mul_layer' was deleted"}
    assert prepared.notes == ["Your answer cell 'mul_layer' was missing (deleted?); the empty "
                              "one from the handed-out notebook was put back, so its tests "
                              "score 0."]


def test_an_answer_cell_retyped_to_markdown_is_code_again():
    data = as_dict(student_notebook())
    cell = data["cells"][grade_id_index(data, "fanout_graph")]
    cell["cell_type"] = "markdown"
    del cell["outputs"], cell["execution_count"]
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Your answer cell 'fanout_graph' had been changed to a markdown "
                              "cell; it was changed back to code."]


def test_a_duplicated_test_cell_keeps_the_copy_in_place():
    """nbgrader #1083: a copy-pasted test cell makes stock nbgrader skip the student."""
    data = as_dict(student_notebook())
    test = data["cells"][grade_id_index(data, "add_layer_test")]
    early, late = copy.deepcopy(test), copy.deepcopy(test)
    early["source"], early["id"], late["id"] = "print('copy')", "copy-1", "copy-2"
    data["cells"].insert(grade_id_index(data, "mul_layer"), early)    # before mul_layer
    data["cells"].append(late)                                        # at the end
    prepared = prepare(data)
    assert prepared.problem == ""
    assert answers_of(prepared.nb) == ANSWERS
    shape = structure(prepared.nb)
    assert shape.count(("code", "add_layer_test")) == 1
    assert shape[shape.index(("code", "mul_layer")) - 1] == ("code", "print('copy')")
    assert prepared.nb.cells[-1].source == "".join(test["source"])
    assert prepared.nb.cells[-1].metadata == {}
    plain = [c for c in prepared.nb.cells if c.source == "print('copy')"]
    assert [c.metadata for c in plain] == [{}]
    assert prepared.notes == ["The cell 'add_layer_test' appeared more than once (copied and "
                              "pasted?); the copy in its original place was graded, the other "
                              "copies were kept as ordinary cells."]


def test_of_identical_copies_the_one_in_place_wins():
    data = as_dict(student_notebook())
    test = data["cells"][grade_id_index(data, "add_layer_test")]
    early = copy.deepcopy(test)
    early["id"] = "copy-1"
    data["cells"].insert(grade_id_index(data, "mul_layer"), early)
    prepared = prepare(data)
    shape = structure(prepared.nb)
    copied = shape.index(("code", "".join(test["source"])[:30]))
    assert shape[copied + 1] == ("code", "mul_layer")
    assert prepared.nb.cells[copied].metadata == {}
    assert shape[:copied] + shape[copied + 1:] == structure(RELEASE)
    assert prepared.notes == ["The cell 'add_layer_test' appeared more than once (copied and "
                              "pasted?); the copy in its original place was graded, the other "
                              "copies were kept as ordinary cells."]


def test_a_copied_test_cell_without_metadata_is_kept_apart():
    data = strip_metadata(as_dict(student_notebook()))
    test = next(c for c in data["cells"] if "".join(c["source"]).startswith('checking("AddLayer"'))
    at = next(i for i, c in enumerate(data["cells"])
              if "".join(c["source"]) == ANSWERS["mul_layer"])
    data["cells"].insert(at, copy.deepcopy(test))
    prepared = prepare(data)
    assert answers_of(prepared.nb) == ANSWERS
    shape = structure(prepared.nb)
    assert shape[shape.index(("code", "mul_layer")) - 1] == ("code", "".join(test["source"])[:30])
    assert shape.count(("code", "add_layer_test")) == 1
    assert prepared.notes == ["Your notebook had no nbgrader metadata (saved by another "
                              "editor?); your answers were matched by position."]


def test_reordered_cells_get_the_release_order():
    data = as_dict(student_notebook())
    start = grade_id_index(data, "add_layer") - 1          # the add layer's heading
    section = data["cells"][start:start + 3]                # heading, answer, test
    del data["cells"][start:start + 3]
    at = grade_id_index(data, "mul_layer") - 1
    data["cells"][at:at] = section                          # now before the multiply layer
    prepared = prepare(data)
    assert_graded_as_release(prepared)
    assert prepared.notes == ["Some cells were out of order ('add_layer', 'add_layer_test' "
                              "and 1 other cell); the original order was restored."]


def test_added_cells_stay_after_the_cell_before_them():
    data = as_dict(student_notebook())
    at = grade_id_index(data, "mul_layer_test")
    data["cells"].insert(at, {"cell_type": "code", "metadata": {"nbgrader": {}}, "outputs": [],
                              "execution_count": None, "source": "m = MulLayer()"})
    data["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": "My notes"})
    data["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                          "execution_count": None, "source": "   \n"})      # blank: dropped
    prepared = prepare(data)
    assert prepared.notes == []
    shape = structure(prepared.nb)
    assert shape[0] == ("markdown", "My notes")
    assert shape[shape.index(("code", "mul_layer")) + 1] == ("code", "m = MulLayer()")
    assert [s for s in shape if s not in {("markdown", "My notes"), ("code", "m = MulLayer()")}
            ] == structure(RELEASE)
    nbformat.validate(prepared.nb)


# ---------------------------------------------------------------- which lab

def test_identify_lab_recognizes_every_release_even_stripped():
    for lab, release in RELEASES.items():
        assert preflight.identify_lab(release, RELEASES) == lab
        stripped = strip_metadata(as_dict(release))
        assert preflight.identify_lab(to_raw(stripped), RELEASES) == lab


@pytest.mark.parametrize("thing", [b"", b"not json", {"cells": []},
                                   nbformat.v4.new_notebook(
                                       cells=[nbformat.v4.new_code_cell("import numpy as np")])])
def test_identify_lab_says_none_when_unclear(thing):
    assert preflight.identify_lab(thing, RELEASES) is None


def test_prepare_never_raises():
    for raw in (b"\x00\xff" * 10, b"{" * 100, b'{"cells": [1, "x", null, {"cell_type": 5}]}',
                b'{"cells": {"a": 1}}', b'{"nbformat": 3, "worksheets": 7}'):
        prepared = prepare(raw)
        assert prepared.nb is None and prepared.problem


@pytest.mark.parametrize("lab", LABS)
def test_every_lab_round_trips_plain_and_stripped(lab):
    release = RELEASES[lab]
    answers = reference_answers(source_notebook(lab))
    raw = nbformat.writes(with_answers(release, answers)).encode()
    for data, notes in ((raw, []), (to_raw(strip_metadata(json.loads(raw))), [
            "Your notebook had no nbgrader metadata (saved by another editor?); your answers "
            "were matched by position."])):
        prepared = preflight.prepare(data, lab, release, releases=RELEASES)
        assert (prepared.problem, prepared.notes, prepared.lost) == ("", notes, {})
        assert structure(prepared.nb) == structure(release)
        assert answers_of(prepared.nb) == answers


def test_a_repaired_notebook_passes_its_visible_tests():
    data = strip_metadata(as_dict(student_notebook()))
    data["cells"].reverse()
    prepared = prepare(data)
    assert prepared.notes[0].startswith("Your notebook had no nbgrader metadata")
    assert prepared.notes[1].startswith("Some cells were out of order")
    results = run_in_process(prepared.nb)
    assert results and all(result.passed for result in results.values())
