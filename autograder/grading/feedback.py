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
from autograder.checks.words import catalogue, say
from autograder.grading.results import FAILED, NOT_RUN, PASSED, NotebookResult

HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")  # not for students
WORDS = catalogue({
    "feedback.hidden_removed": {"en": "[hidden test code removed]", "ko": "[숨은 검사 코드 삭제됨]"},
    "feedback.hidden_checks": {"en": "Hidden checks (new inputs, judged by the grader):",
                               "ko": "숨은 검사 (새 입력으로, 채점기가 판정):"},
    "feedback.no_checks": {"en": "  (none for this cell)", "ko": "  (이 셀에는 없음)"},
    "feedback.this_cell": {"en": "This cell: {points:g} / {max_points:g} points ({state})",
                           "ko": "이 셀: {points:g} / {max_points:g}점 ({state})"},
    "feedback.passed": {"en": "passed", "ko": "통과"},
    "feedback.failed": {"en": "failed: {reason}", "ko": "실패: {reason}"},
    "feedback.not_run": {"en": "not run: {reason}", "ko": "실행되지 않음: {reason}"},
    "feedback.notes": {"en": "### Notes from the grader", "ko": "### 채점기의 메모"},
    "feedback.not_graded": {"en": "- **This notebook could not be graded:** {problem}",
                            "ko": "- **이 노트북은 채점할 수 없었습니다:** {problem}"},
    "feedback.figure_alt": {"en": "a figure from the notebook", "ko": "노트북의 그림"},
})
# The labels of nbgrader's feedback template, as it writes them, and in the other languages.
LABELS = catalogue({
    "feedback.label.score": {"en": "(Score: ", "ko": "(점수: "},
    "feedback.label.score_line": {"en": "Score: ", "ko": "점수: "},
    "feedback.label.test_cell": {"en": ">Test cell<", "ko": ">검사 셀<"},
    "feedback.label.answer": {"en": "Student's answer", "ko": "학생의 답안"},
    "feedback.label.task": {"en": "Student's task", "ko": "학생의 과제"},
    "feedback.label.grade_cell": {"en": "Grade cell: ", "ko": "채점 셀: "},
    "feedback.label.top": {"en": "(Top)", "ko": "(맨 위로)"},
    "feedback.label.comments": {"en": "Comments:", "ko": "의견:"},
})


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
    removed = say("feedback.hidden_removed")
    return "\n".join(removed if any(s in line for s in secret) else line
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
    lines = [say("feedback.hidden_checks")]
    for check in cell_result.checks:
        lines.append(f"  ✓ {check.name}" if check.passed else f"  ✗ {check.name}: {check.message}")
    if not cell_result.checks:
        lines.append(say("feedback.no_checks"))
    state = {PASSED: "feedback.passed", FAILED: "feedback.failed", NOT_RUN: "feedback.not_run"}
    lines.append(say("feedback.this_cell", points=cell_result.points,
                     max_points=cell_result.max_points,
                     state=say(state[cell_result.status], reason=cell_result.reason)))
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
        lines = [say("feedback.notes"), ""]
        if result.problem:
            lines.append(say("feedback.not_graded", problem=result.problem))
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
        return _IMG_WITHOUT_ALT.sub(f'<img alt="{say("feedback.figure_alt")}" ', html), resources


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
    for key, texts in LABELS.items():
        if say(key) != texts["en"]:
            body = body.replace(texts["en"], say(key))
    return body


def warm_up() -> None:
    _exporter()
