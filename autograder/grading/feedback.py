"""A student's feedback: nbgrader's feedback HTML of the graded notebook, with every hidden
test removed and, in each test cell, one line per hidden check (passed, or what is wrong).

What is removed: the hidden block of each test cell's source; tracebacks (only the error's
own message stays, and CheckFailed has no traceback); any output line that repeats a line
of hidden code. The grader's notes (repairs, problems) open the notebook.
"""
from __future__ import annotations

import copy
import functools
import os
import re

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets.config import Config

from autograder import course_dir
from autograder.grading.results import PASSED, NotebookResult

HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def strip_hidden(source: str) -> str:
    begin, end = HIDDEN
    while begin in source:
        head, rest = source.split(begin, 1)
        source = head.rstrip("\n") + ("\n" if head.strip() else "") + \
            (rest.split(end, 1)[1].lstrip("\n") if end in rest else "")
    return source.strip("\n")


def hidden_lines(source_nb) -> set[str]:
    """Lines of hidden code long enough to recognise in an output."""
    lines = set()
    for cell in source_nb.cells:
        if HIDDEN[0] in cell.source:
            block = cell.source.split(HIDDEN[0], 1)[1].split(HIDDEN[1], 1)[0]
            lines |= {line.strip() for line in block.splitlines() if len(line.strip()) >= 12}
    return lines


def _scrub(text: str, secret: set[str]) -> str:
    return "\n".join("[hidden test code removed]" if any(s in line for s in secret) else line
                     for line in text.split("\n"))


def _clean_outputs(cell, secret: set[str]) -> None:
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            shown = out.evalue if out.ename == "CheckFailed" else f"{out.ename}: {out.evalue}"
            out.traceback = [_scrub(shown, secret)]
            out.evalue = _scrub(out.evalue, secret)
        elif out.output_type == "stream":
            out.text = _scrub(out.text, secret)
        elif "data" in out:
            for mime in list(out.data):
                if mime.startswith("text/") or mime.endswith("json"):
                    out.data[mime] = _scrub(str(out.data[mime]), secret)


def _verdict_lines(cell_result) -> str:
    lines = ["Hidden checks (new inputs, judged by the grader):"]
    for check in cell_result.checks:
        lines.append(f"  ✓ {check.name}" if check.passed else f"  ✗ {check.name}: {check.message}")
    if not cell_result.checks:
        lines.append("  (none for this cell)")
    state = ("passed" if cell_result.status == PASSED else
             f"{cell_result.status}: {cell_result.reason}")
    lines.append(f"This cell: {cell_result.points:g} / {cell_result.max_points:g} points ({state})")
    return "\n".join(lines) + "\n"


def feedback_notebook(nb, result: NotebookResult, source_nb) -> nbformat.NotebookNode:
    """The graded notebook as the student may see it (hidden code removed, verdicts in)."""
    nb = copy.deepcopy(nb)
    secret = hidden_lines(source_nb)
    by_cell = {c.cell: c for c in result.cells}
    for cell in nb.cells:
        meta = course_dir.nbgrader_meta(cell)
        if cell.cell_type == "code":
            cell.source = _scrub(strip_hidden(cell.source), secret)
            _clean_outputs(cell, secret)
        if meta.get("grade") and meta.get("grade_id") in by_cell:
            cell_result = by_cell[meta["grade_id"]]
            meta["score"], meta["points"] = cell_result.points, cell_result.max_points
            cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                "stream", name="stdout", text=_verdict_lines(cell_result)))
    if result.notes or result.problem:
        lines = ["### Notes from the grader", ""]
        if result.problem:
            lines.append(f"- **This notebook could not be graded:** {result.problem}")
        lines += [f"- {note}" for note in result.notes]
        nb.cells.insert(0, nbformat.v4.new_markdown_cell("\n".join(lines)))
    return nb


class _FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter without its final BeautifulSoup pass (a third of the time
    per page). That pass adds tabindex to JupyterLab-template cells, which nbgrader's
    feedback template does not have, and alt text to images, which is done here."""

    def from_notebook_node(self, nb, resources=None, **kw):
        lexer = nb.metadata.get("language_info", {}).get("pygments_lexer", "ipython3")
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _IMG_WITHOUT_ALT.sub('<img alt="a figure from the notebook" ', html), resources


_IMG_WITHOUT_ALT = re.compile(r"<img (?![^>]*\balt=)")


@functools.lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    import nbgrader
    templates = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions",
                             "formgrader", "templates")
    css = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader",
                       "static", "node_modules", "bootstrap", "dist", "css")
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [templates]
    config.HTMLExporter.extra_template_paths = [css]
    return _FeedbackExporter(config=config)


def html(nb, result: NotebookResult, source_nb) -> str:
    """nbgrader's feedback page for this result."""
    shown = feedback_notebook(nb, result, source_nb)
    resources = {"nbgrader": {"notebook": result.lab, "score": result.score,
                              "max_score": result.max_score, "late_penalty": 0,
                              "student": result.student, "assignment": result.lab}}
    body, _ = _exporter().from_notebook_node(shown, resources=resources)
    return body


def warm_up() -> None:
    _exporter()
