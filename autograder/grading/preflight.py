"""Pre-flight: check and repair one submitted notebook before anything runs it.

    prepare(raw bytes of the submitted file, lab id, the lab's release notebook)
        -> Prepared(nb to grade or None, notes for the student, lost test cells, problem)

The notebook that gets graded is *rebuilt* from the release notebook, so whatever the
student's editor did to the file, the graded notebook has the handed-out structure:

- every release cell, in release order; locked cells and test cells exactly as released;
- each answer cell (nbgrader ``solution``) holding the student's code, byte for byte;
- cells the student added, kept as plain cells after the nearest preceding matched cell.

Student cells are matched to release cells by nbgrader ``grade_id``, then by cell id, then
(locked, test and plain cells) by their source: exact, whitespace-insensitive, or a difflib
ratio of at least 0.9. Answer cells without metadata are matched by position between those
anchors. Nothing here raises on bad input: every failure becomes a note, a lost test cell
or a problem (the whole notebook scores 0).
"""
from __future__ import annotations

import ast
import codecs
import copy
import difflib
import functools
import json
import re
from dataclasses import dataclass, field

import nbformat

from autograder.checks.words import catalogue, say

MAX_BYTES = 20 * 1024 * 1024
FUZZY_RATIO = 0.9
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
ANSWER, TEST, LOCKED, PLAIN = "answer", "test", "locked", "plain"
DOWNLOAD_ADVICE = "preflight.download_advice"

WORDS = catalogue({
    # reading the file: notes (repaired) and problems (the notebook scores 0)
    "preflight.bom": {
        "en": "Your notebook file started with an invisible byte-order mark (BOM); "
              "it was removed.",
        "ko": "노트북 파일 맨 앞에 보이지 않는 바이트 순서 표시(BOM)가 있어서 지웠습니다."},
    "preflight.other_encoding": {
        "en": "Your notebook file was saved as {codec}, not UTF-8; it was read as such.",
        "ko": "노트북 파일이 UTF-8이 아닌 {codec} 인코딩으로 저장되어 있어서 그 인코딩으로 "
              "읽었습니다."},
    "preflight.not_utf8": {
        "en": "Your notebook file had bytes that are not UTF-8 text (the first on line "
              "{line}); they were replaced by �. Save notebooks from Jupyter or Colab, "
              "not from a text editor.",
        "ko": "노트북 파일에 UTF-8 텍스트가 아닌 바이트가 있어서 (처음 나온 곳: {line}번째 줄) "
              "�로 바꿨습니다. 노트북은 텍스트 편집기가 아니라 Jupyter나 Colab에서 저장하세요."},
    "preflight.download_advice": {
        "en": "Open it in Jupyter to check; if it does not open, download your notebook "
              "again via File → Download (in Colab: File → Download → Download .ipynb) "
              "and submit that file.",
        "ko": "Jupyter에서 열어 확인해 보세요. 열리지 않으면 File → Download로 (Colab에서는 "
              "파일 → 다운로드 → .ipynb 다운로드) 노트북을 다시 내려받아 그 파일을 제출하세요."},
    "preflight.empty": {
        "en": "The file is empty: it holds no notebook. Save your notebook in "
              "Jupyter (File → Save) and submit the .ipynb file again.",
        "ko": "파일이 비어 있습니다(노트북이 들어 있지 않음). Jupyter에서 노트북을 "
              "저장(File → Save)한 뒤 .ipynb 파일을 다시 제출하세요."},
    "preflight.extra_text": {
        "en": "Your notebook file had {extra} extra character(s) after the end of "
              "the notebook (from another save or an editor?); they were ignored.",
        "ko": "노트북 파일의 끝에 노트북이 아닌 문자 {extra}개가 더 붙어 있었습니다 (저장이 "
              "겹쳤거나 편집기가 덧붙였을 수 있습니다). 이 문자는 무시했습니다."},
    "preflight.cut_off": {
        "en": "Your notebook file is cut off: it ends in the middle (line "
              "{line}, column {column}), maybe because a save or upload "
              "did not finish. It cannot be repaired. {advice}",
        "ko": "노트북 파일이 중간에서 끊겨 있습니다 ({line}번째 줄 {column}번째 열에서 끝남). "
              "저장이나 업로드가 끝나지 않았던 것 같습니다. 복구할 수 없습니다. {advice}"},
    "preflight.invalid_json": {
        "en": "Your notebook file is not valid JSON ({error} at line {line}, "
              "column {column}); it was probably changed outside Jupyter. {advice}",
        "ko": "노트북 파일이 올바른 JSON이 아닙니다 ({line}번째 줄 {column}번째 열: {error}). "
              "Jupyter 밖에서 수정된 것 같습니다. {advice}"},
    "preflight.no_cells_json": {
        "en": "This file is not a Jupyter notebook: it is JSON, but has no cells. "
              "Submit the lab's .ipynb file.",
        "ko": "이 파일은 Jupyter 노트북이 아닙니다. JSON 파일이지만 셀이 없습니다. "
              "실습의 .ipynb 파일을 제출하세요."},
    "preflight.format3_failed": {
        "en": "Your notebook is in the old format 3 and could not be converted "
              "({error}). {advice}",
        "ko": "노트북이 예전 형식(버전 3)이라 변환할 수 없었습니다 ({error}). {advice}"},
    "preflight.format3": {
        "en": "Your notebook was saved in the old notebook format 3; it was converted "
              "to format 4.",
        "ko": "노트북이 예전 노트북 형식(버전 3)으로 저장되어 있어서 형식 4로 변환했습니다."},
    "preflight.not_bytes": {"en": "The submission is not a file's contents.",
                            "ko": "제출물이 파일의 내용이 아닙니다."},
    "preflight.too_big": {
        "en": "The file is {size:.1f} MB, over the {limit} MB limit (large outputs or "
              "images?). Clear the outputs (Edit → Clear Outputs of All Cells), save, and "
              "submit again.",
        "ko": "파일 크기가 {size:.1f} MB로 제한({limit} MB)을 넘습니다 (출력이나 이미지가 "
              "너무 큰가요?). 출력을 모두 지우고 (Edit → Clear Outputs of All Cells) 저장한 뒤 "
              "다시 제출하세요."},
    "preflight.no_cells": {
        "en": "Your notebook has no cells. Submit the lab's notebook with your "
              "answers in it.",
        "ko": "노트북에 셀이 하나도 없습니다. 답안을 적은 실습 노트북을 제출하세요."},
    # which lab is this?
    "preflight.other_lab": {
        "en": "This is lab {other}'s notebook, submitted as lab {lab}. Submit "
              "your {lab} notebook for this lab.",
        "ko": "이 노트북은 실습 {other}의 노트북인데 실습 {lab}에 제출되었습니다. "
              "이 실습에는 {lab} 노트북을 제출하세요."},
    "preflight.not_this_lab": {
        "en": "This notebook does not look like lab {lab}: none of its cells "
              "match the handed-out notebook. Copy your answers into the lab's "
              "notebook ({lab}.ipynb) and submit that.",
        "ko": "이 노트북은 실습 {lab}의 노트북으로 보이지 않습니다. 나눠 준 노트북과 일치하는 "
              "셀이 하나도 없습니다. 답안을 실습 노트북({lab}.ipynb)에 옮겨 적고 그 파일을 "
              "제출하세요."},
    "preflight.grader_failed": {
        "en": "The grader could not prepare this notebook ({error}); ask your instructor.",
        "ko": "채점기가 이 노트북을 채점할 준비를 하지 못했습니다 ({error}). 수업 담당자에게 "
              "문의하세요."},
    # repairs of the cells
    "preflight.no_metadata": {
        "en": "Your notebook had no nbgrader metadata (saved by another editor?); your "
              "answers were matched by position.",
        "ko": "노트북에 nbgrader 메타데이터가 없어서 (다른 편집기로 저장했나요?) 답안을 셀의 "
              "위치로 찾았습니다."},
    "preflight.duplicate": {
        "en": "The cell '{grade_id}' appeared more than once (copied and pasted?); the "
              "copy in its original place was graded, the other copies were kept as "
              "ordinary cells.",
        "ko": "'{grade_id}' 셀이 여러 개 있습니다 (복사해서 붙여 넣었나요?). 원래 자리에 있는 "
              "것을 채점했고, 나머지 복사본은 일반 셀로 남겨 두었습니다."},
    "preflight.answer_missing": {
        "en": "Your answer cell '{grade_id}' was missing (deleted?); the empty "
              "one from the handed-out notebook was put back, so its tests "
              "score 0.",
        "ko": "'{grade_id}' 답안 셀이 없었습니다 (삭제했나요?). 나눠 준 노트북의 빈 답안 셀을 "
              "다시 넣었으므로 이 셀의 검사는 0점입니다."},
    "preflight.answer_deleted": {"en": "the answer cell '{grade_id}' was deleted",
                                 "ko": "'{grade_id}' 답안 셀이 삭제되었습니다"},
    "preflight.answer_retyped": {
        "en": "Your answer cell '{grade_id}' had been changed to a "
              "{found} cell; it was changed back to {expected}.",
        "ko": "'{grade_id}' 답안 셀이 {found} 셀로 바뀌어 있어서 다시 {expected} 셀로 "
              "되돌렸습니다."},
    "preflight.answer_by_position": {
        "en": "Your answer cell '{grade_id}' had lost its nbgrader metadata; "
              "the code cell in its place was graded as your answer.",
        "ko": "'{grade_id}' 답안 셀의 nbgrader 메타데이터가 사라져서, 그 자리에 있는 코드 "
              "셀을 답안으로 채점했습니다."},
    "preflight.kind.code": {"en": "code", "ko": "코드"},
    "preflight.kind.markdown": {"en": "markdown", "ko": "마크다운"},
    "preflight.kind.raw": {"en": "raw", "ko": "원시(raw)"},
    "preflight.test_cell": {"en": "test cell '{grade_id}'", "ko": "검사 셀 '{grade_id}'"},
    "preflight.locked_cell": {"en": "locked cell '{grade_id}'", "ko": "잠긴 셀 '{grade_id}'"},
    "preflight.cells_missing": {
        "en": "Missing (deleted?) and put back as handed out: {cells}.",
        "ko": "없어진 셀을 (삭제했나요?) 나눠 준 그대로 다시 넣었습니다: {cells}."},
    "preflight.cells_changed": {
        "en": "You changed the {cells}; the original was put back, since "
              "locked cells and tests are not yours to edit.",
        "ko": "잠긴 셀과 검사 셀은 학생이 수정하는 셀이 아니므로, 수정된 셀을 원래대로 "
              "되돌렸습니다: {cells}."},
    "preflight.cells_retyped": {
        "en": "The cell type of the {cells} had been changed; the original "
              "was put back.",
        "ko": "셀 종류가 바뀌어 있어서 원래대로 되돌렸습니다: {cells}."},
    "preflight.cells_moved": {
        "en": "Some cells were out of order ({cells}); the "
              "original order was restored.",
        "ko": "일부 셀의 순서가 바뀌어 있어서 ({cells}) 원래 순서로 되돌렸습니다."},
    "preflight.named_and_others": {"en": "{named} and {others}", "ko": "{named} 외 {others}"},
    "preflight.other_cell": {"en": "{n} other cell", "ko": "셀 {n}개"},
    "preflight.other_cells": {"en": "{n} other cells", "ko": "셀 {n}개"},
})


@dataclass
class Prepared:
    """What pre-flight made of one submission. When ``problem`` is set, ``nb`` is None and
    every test cell of the notebook scores 0 (``lost`` then stays empty)."""
    nb: nbformat.NotebookNode | None   # the notebook to grade (None: cannot be graded at all)
    notes: list[str] = field(default_factory=list)   # repairs and warnings, in plain words
    lost: dict[str, str] = field(default_factory=dict)  # {test cell grade_id: why it scores 0}
    problem: str = ""                  # '' or why the whole notebook scores 0


class _Problem(Exception):
    """Raised inside this module when the notebook cannot be graded; becomes Prepared.problem."""


@dataclass
class _Cell:
    """A student's cell, reduced to what matching needs."""
    index: int
    cell_type: str
    source: str
    grade_id: str       # '' when the cell has no nbgrader grade_id
    cell_id: str        # '' when the cell has no id
    has_meta: bool      # the cell carries nbgrader metadata


# ---------------------------------------------------------------- reading the file

def _decode(raw: bytes, notes: list[str]) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped), UTF-16/32 when the file says
    so, otherwise UTF-8 with undecodable bytes replaced (and a note saying where)."""
    if raw.startswith(codecs.BOM_UTF8):
        notes.append(say("preflight.bom"))
        raw = raw[len(codecs.BOM_UTF8):]
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                break
            notes.append(say("preflight.other_encoding", codec=codec.upper()))
            return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        notes.append(say("preflight.not_utf8", line=line))
        return raw.decode("utf-8", errors="replace")


def _unbalanced(text: str) -> bool:
    """True when the text ends inside a string or with brackets still open (cut off)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return in_string or depth > 0


def _parse_json(text: str, notes: list[str]):
    """The JSON value of the text; extra text after the final object is dropped (noted)."""
    if not text.strip():
        raise _Problem(say("preflight.empty"))
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        start = len(text) - len(text.lstrip())
        try:
            value, end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict) and text[end:].strip():
            extra = len(text[end:].strip())
            notes.append(say("preflight.extra_text", extra=extra))
            return value
        if _unbalanced(text):
            raise _Problem(say("preflight.cut_off", line=err.lineno, column=err.colno,
                               advice=say(DOWNLOAD_ADVICE)))
        raise _Problem(say("preflight.invalid_json", error=err.msg, line=err.lineno,
                           column=err.colno, advice=say(DOWNLOAD_ADVICE)))


def _source_text(source) -> str:
    """A cell's source as one string (nbformat allows a list of lines)."""
    if isinstance(source, str):
        return source
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return ""


def _notebook_dict(data, notes: list[str]) -> dict:
    """A format-4-shaped notebook dict; format 3 is converted (noted)."""
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        raise _Problem(say("preflight.no_cells_json"))
    if "worksheets" in data or data.get("nbformat") == 3:
        try:
            old = nbformat.from_dict(data)
            old.setdefault("nbformat", 3)
            old.setdefault("nbformat_minor", 0)
            converted = nbformat.convert(old, 4)
        except Exception as err:  # nbformat raises many kinds on malformed input
            raise _Problem(say("preflight.format3_failed", error=err,
                               advice=say(DOWNLOAD_ADVICE))) from None
        notes.append(say("preflight.format3"))
        return converted
    return data


def _student_cells(data: dict) -> list[_Cell]:
    """The cells of a notebook dict, whatever their (mis)shape."""
    cells = data.get("cells")
    cells = cells if isinstance(cells, list) else []
    result = []
    for item in cells:
        if not isinstance(item, dict):
            continue
        metadata = item.get("metadata") if isinstance(item.get("metadata"), dict) else {}
        meta = metadata.get("nbgrader") if isinstance(metadata.get("nbgrader"), dict) else {}
        cell_type = item.get("cell_type")
        grade_id = meta.get("grade_id")
        cell_id = item.get("id")
        result.append(_Cell(
            index=len(result),
            cell_type=cell_type if cell_type in ("code", "markdown", "raw") else "raw",
            source=_source_text(item.get("source", item.get("input"))),
            grade_id=grade_id if isinstance(grade_id, str) else "",
            cell_id=cell_id if isinstance(cell_id, str) else "",
            has_meta=bool(meta)))
    return result


def _read(raw: bytes, notes: list[str]) -> list[_Cell]:
    """The student's cells from the submitted bytes, or _Problem."""
    if not isinstance(raw, (bytes, bytearray)):
        raise _Problem(say("preflight.not_bytes"))
    if len(raw) > MAX_BYTES:
        raise _Problem(say("preflight.too_big", size=len(raw) / 2**20, limit=MAX_BYTES // 2**20))
    data = _notebook_dict(_parse_json(_decode(bytes(raw), notes), notes), notes)
    cells = _student_cells(data)
    if not cells:
        raise _Problem(say("preflight.no_cells"))
    return cells


def _cells_of(nb_or_raw) -> list[_Cell]:
    """Student cells from bytes, text, a dict or a NotebookNode (for identify_lab)."""
    if isinstance(nb_or_raw, str):
        nb_or_raw = nb_or_raw.encode("utf-8")
    if isinstance(nb_or_raw, (bytes, bytearray)):
        return _read(nb_or_raw, [])
    return _student_cells(_notebook_dict(nb_or_raw, []))


# ---------------------------------------------------------------- which lab is this?

def _normalized(source: str) -> str:
    return " ".join(source.split())


def _nbgrader(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def _role(cell) -> str:
    meta = _nbgrader(cell)
    if meta.get("solution"):
        return ANSWER
    if meta.get("grade"):
        return TEST
    if meta.get("locked"):
        return LOCKED
    return PLAIN


def _release_features(release_nb) -> set[str]:
    """What identifies a release notebook: its grade ids, and the text of its locked and
    markdown cells (students do not change those)."""
    features = set()
    for cell in release_nb.cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if grade_id:
            features.add("id:" + grade_id)
        if (_role(cell) in (LOCKED, TEST) or cell.cell_type == "markdown") and cell.source.strip():
            features.add("src:" + _normalized(cell.source))
    return features


def _cell_features(cells: list[_Cell]) -> set[str]:
    features = {"src:" + _normalized(c.source) for c in cells if c.source.strip()}
    return features | {"id:" + c.grade_id for c in cells if c.grade_id}


def lab_scores(cells: list[_Cell], releases: dict) -> dict[str, float]:
    """{lab: the fraction of what only that lab's release has which these cells have}."""
    features = {lab: _release_features(nb) for lab, nb in releases.items()}
    scores = {}
    for lab, own in features.items():
        others = set().union(*(f for other, f in features.items() if other != lab))
        distinct = own - others
        scores[lab] = len(distinct & _cell_features(cells)) / len(distinct) if distinct else 0.0
    return scores


def identify_lab(nb_or_raw, releases: dict[str, nbformat.NotebookNode]) -> str | None:
    """Which lab a notebook is (bytes, text, dict or NotebookNode), judged from its content:
    grade ids and the text of locked and markdown cells that only one release has. None when
    it cannot be read or no lab stands out."""
    try:
        return _best_lab(lab_scores(_cells_of(nb_or_raw), releases))
    except Exception:  # unreadable: not identifiable
        return None


def _best_lab(scores: dict[str, float]) -> str | None:
    """The lab that stands out: at least 20 % of its own features, 1.5 times the next."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < 0.2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


@functools.lru_cache(maxsize=1)
def _course_releases() -> dict[str, nbformat.NotebookNode]:
    from autograder.course_dir import lab_names, release_notebook
    return {lab: release_notebook(lab) for lab in lab_names()}


# ---------------------------------------------------------------- matching cells

def _defined_names(source: str) -> set[str]:
    """Top-level functions, classes and variables a cell defines."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # magics, unfinished code: fall back to a regexp
        return set(re.findall(r"^(?:async\s+def|def|class)\s+(\w+)", source, re.MULTILINE)) | \
            set(re.findall(r"^(\w+)\s*=", source, re.MULTILINE))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _similar(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
        return 0.0
    return matcher.ratio()


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest subset of (release index, student index) pairs, sorted by release index,
    whose student indices also increase: the cells still in their original order."""
    pairs = sorted(pairs)
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        chain = max((c for c in best if c[-1][1] < pair[1]), key=len, default=[])
        best.append(chain + [pair])
    return set(max(best, key=len, default=[]))


def _quoted(labels: list[str]) -> str:
    return ", ".join(labels)


def _moved_list(moved: list[int], ids: list[str], most: int = 6) -> str:
    """"'a', 'b' and 2 other cells": the grade ids of moved cells (at most ``most``), then
    how many others."""
    named = [f"'{ids[r]}'" for r in moved if ids[r]]
    others = len(moved) - min(len(named), most)
    text = _quoted(named[:most])
    if others:
        rest = say("preflight.other_cells" if others > 1 else "preflight.other_cell", n=others)
        text = say("preflight.named_and_others", named=text, others=rest) if text else rest
    return text


class _Matcher:
    """Pairs student cells with release cells. ``match`` maps release index -> student index."""

    def __init__(self, release_nb, cells: list[_Cell]):
        self.release = release_nb.cells
        self.roles = [_role(c) for c in self.release]
        self.ids = [_nbgrader(c).get("grade_id", "") for c in self.release]
        self.cells = cells
        self.match: dict[int, int] = {}
        self.by_position: set[int] = set()   # answer cells matched by position only
        self.demoted: list[str] = []         # grade ids of duplicate copies made plain
        self.known_ids = {i for i in self.ids if i}
        self._anchor_key, self._anchors = None, set()

    # -- helpers
    def free_cells(self) -> list[_Cell]:
        """Student cells not matched yet, other than copies of release cells by grade id."""
        used = set(self.match.values())
        return [c for c in self.cells if c.index not in used and c.grade_id not in self.known_ids]

    def in_order_first(self, r: int, cells: list[_Cell]) -> list[_Cell]:
        """cells, those after the student cell matched to an earlier release cell first."""
        after = max((s for ri, s in self.match.items() if ri < r), default=-1)
        return sorted(cells, key=lambda c: c.index <= after)

    def anchors(self) -> set[tuple[int, int]]:
        key = tuple(sorted(self.match.items()))
        if key != self._anchor_key:
            self._anchor_key, self._anchors = key, _longest_increasing(list(key))
        return self._anchors

    def gap(self, r: int) -> tuple[int, int]:
        """Student indices bounding release cell r: the nearest in-order matches around it."""
        anchors = self.anchors()
        before = [s for ri, s in anchors if ri < r]
        after = [s for ri, s in anchors if ri > r]
        return (max(before, default=-1), min(after, default=len(self.cells)))

    # -- stages
    def by_grade_id(self) -> dict[int, list[_Cell]]:
        """Match unique grade ids; return the duplicated ones {release index: copies}."""
        duplicates = {}
        for r, grade_id in enumerate(self.ids):
            copies = [c for c in self.cells if grade_id and c.grade_id == grade_id]
            if len(copies) == 1:
                self.match[r] = copies[0].index
            elif len(copies) > 1:
                duplicates[r] = copies
        return duplicates

    def by_cell_id(self, skip: set[int]) -> None:
        """Match release cells to free student cells with the same cell id (and, for plain
        cells, the same type)."""
        free = {}
        for cell in self.free_cells():
            free.setdefault(cell.cell_id, cell)
        for r, rcell in enumerate(self.release):
            cell = free.get(rcell.get("id") or None)
            if r in self.match or r in skip or cell is None or cell.index in self.match.values():
                continue
            if cell.cell_type == rcell.cell_type or self.roles[r] != PLAIN:
                self.match[r] = cell.index

    def by_source(self, skip: set[int]) -> None:
        """Match locked, test and plain release cells to free student cells by source: all
        exact matches first, then whitespace-insensitive ones, then difflib ratio >= 0.9."""
        tiers = (lambda a, b: a == b,
                 lambda a, b: _normalized(a) == _normalized(b),
                 lambda a, b: _similar(a, b) >= FUZZY_RATIO)
        for same in tiers:
            for r, rcell in enumerate(self.release):
                if r in self.match or r in skip or self.roles[r] == ANSWER \
                        or not rcell.source.strip():
                    continue
                for cell in self.in_order_first(r, self.free_cells()):
                    if self.roles[r] == PLAIN and cell.cell_type != rcell.cell_type:
                        continue
                    if same(rcell.source, cell.source):
                        self.match[r] = cell.index
                        break

    def resolve_duplicates(self, duplicates: dict[int, list[_Cell]]) -> None:
        """The copy in the release cell's place (for locked cells: preferably the unchanged
        one) is matched; the other copies lose their nbgrader metadata."""
        for r, copies in sorted(duplicates.items()):
            low, high = self.gap(r)
            placed = [c for c in copies if low < c.index < high] or copies
            if self.roles[r] != ANSWER:
                unchanged = [c for c in placed
                             if _normalized(c.source) == _normalized(self.release[r].source)]
                placed = unchanged or placed
            self.match[r] = placed[0].index
            for cell in copies:
                if cell is not placed[0]:
                    cell.grade_id = ""
            self.demoted.append(self.ids[r])

    def answers_by_position(self, stripped: bool) -> None:
        """Unmatched answer cells take the free code cell in their place that looks most like
        them (defines the same names). In a notebook without any nbgrader metadata any code
        cell in the place qualifies."""
        groups: dict[tuple[int, int], list[int]] = {}
        for r, role in enumerate(self.roles):
            if role == ANSWER and r not in self.match:
                groups.setdefault(self.gap(r), []).append(r)
        for (low, high), answers in groups.items():
            candidates = [c for c in self.free_cells()
                          if low < c.index < high and c.cell_type == "code" and not c.has_meta]
            for r, s in _align(answers, candidates,
                               lambda r, c: self.score(r, c, stripped)):
                self.match[r] = s
                self.by_position.add(r)

    def answers_by_name(self) -> None:
        """Unmatched answer cells take a free code cell anywhere that defines every name the
        answer cell defines (for notebooks without metadata whose cells were moved)."""
        for r, role in enumerate(self.roles):
            names = _defined_names(self.release[r].source)
            if role != ANSWER or r in self.match or not names:
                continue
            found = [c for c in self.free_cells()
                     if c.cell_type == "code" and names <= _defined_names(c.source)]
            if found:
                self.match[r] = found[0].index
                self.by_position.add(r)

    def score(self, r: int, cell: _Cell, stripped: bool) -> float | None:
        stub = self.release[r].source
        names = _defined_names(stub)
        shared = names & _defined_names(cell.source)
        if names and not shared and not stripped:
            return None
        overlap = len(shared) / len(names) if names else 0.0
        ratio = difflib.SequenceMatcher(None, stub, cell.source).quick_ratio()
        return 0.01 + 2 * overlap + ratio


def _align(answers: list[int], candidates: list[_Cell], score) -> list[tuple[int, int]]:
    """Order-preserving pairing of answer cells with candidate cells maximizing the total
    score (None: may not pair). Returns [(release index, student index)]."""
    n, m = len(answers), len(candidates)
    best = [[(0.0, [])] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(m + 1):
            options = [best[i - 1][j]]
            if j:
                options.append(best[i][j - 1])
                value = score(answers[i - 1], candidates[j - 1])
                if value is not None:
                    total, pairs = best[i - 1][j - 1]
                    options.append((total + value,
                                    pairs + [(answers[i - 1], candidates[j - 1].index)]))
            best[i][j] = max(options, key=lambda option: option[0])
    return best[n][m][1]


# ---------------------------------------------------------------- rebuilding the notebook

def _tests_of(release_nb) -> dict[str, list[str]]:
    """{answer grade_id: the test cells after it, before the next answer cell}."""
    tests, current = {}, None
    for cell in release_nb.cells:
        meta = _nbgrader(cell)
        if meta.get("solution"):
            current = meta.get("grade_id")
            tests[current] = []
        elif meta.get("grade") and current is not None and cell.cell_type == "code":
            tests[current].append(meta.get("grade_id"))
    return tests


def _new_cell(cell: _Cell, number: int) -> nbformat.NotebookNode:
    """A plain cell holding a student's added cell (no metadata, no outputs)."""
    new = {"id": f"student-added-{number}", "cell_type": cell.cell_type, "metadata": {},
           "source": cell.source}
    if cell.cell_type == "code":
        new.update(outputs=[], execution_count=None)
    return nbformat.from_dict(new)   # not nbformat.v4.new_*_cell: each validates (slow)


def _release_cell(rcell) -> nbformat.NotebookNode:
    cell = copy.deepcopy(rcell)
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    return cell


def _rebuild(release_nb, matcher: _Matcher) -> nbformat.NotebookNode:
    """Release cells in release order, the student's answers in them, added cells after the
    release cell matched to the student cell that preceded them."""
    added: dict[int, list[_Cell]] = {}
    owner = {s: r for r, s in matcher.match.items()}
    last = -1
    for cell in matcher.cells:
        if cell.index in owner:
            last = owner[cell.index]
        elif cell.source.strip():
            added.setdefault(last, []).append(cell)
    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(dict(release_nb.metadata)))
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
    number = 0
    for r in [-1] + list(range(len(release_nb.cells))):
        if r >= 0:
            cell = _release_cell(release_nb.cells[r])
            if matcher.roles[r] == ANSWER and r in matcher.match:
                cell.source = matcher.cells[matcher.match[r]].source
            nb.cells.append(cell)
        for student_cell in added.get(r, []):
            number += 1
            nb.cells.append(_new_cell(student_cell, number))
    return nb


# ---------------------------------------------------------------- notes

def _notes_on(matcher: _Matcher, stripped: bool, release_nb) -> tuple[list[str], dict[str, str]]:
    """Plain-words notes about what was repaired, and the test cells lost."""
    notes, lost = [], {}
    release, cells = matcher.release, matcher.cells
    if stripped:
        notes.append(say("preflight.no_metadata"))
    for grade_id in matcher.demoted:
        notes.append(say("preflight.duplicate", grade_id=grade_id))
    changed, missing, retyped = [], [], []
    tests_of = _tests_of(release_nb)
    for r, rcell in enumerate(release):
        role, grade_id = matcher.roles[r], matcher.ids[r]
        student = cells[matcher.match[r]] if r in matcher.match else None
        if role == ANSWER:
            if student is None:
                notes.append(say("preflight.answer_missing", grade_id=grade_id))
                for test in tests_of.get(grade_id, []):
                    lost[test] = say("preflight.answer_deleted", grade_id=grade_id)
                continue
            if student.cell_type != rcell.cell_type:
                notes.append(say("preflight.answer_retyped", grade_id=grade_id,
                                 found=say(f"preflight.kind.{student.cell_type}"),
                                 expected=say(f"preflight.kind.{rcell.cell_type}")))
            if r in matcher.by_position and not stripped:
                notes.append(say("preflight.answer_by_position", grade_id=grade_id))
        elif role in (LOCKED, TEST):
            kind = "preflight.test_cell" if role == TEST else "preflight.locked_cell"
            if student is None:
                missing.append(say(kind, grade_id=grade_id))
            elif _normalized(student.source) != _normalized(rcell.source):
                changed.append(say(kind, grade_id=grade_id))
            elif student.cell_type != rcell.cell_type:
                retyped.append(say(kind, grade_id=grade_id))
    if missing:
        notes.append(say("preflight.cells_missing", cells=_quoted(missing)))
    if changed:
        notes.append(say("preflight.cells_changed", cells=_quoted(changed)))
    if retyped:
        notes.append(say("preflight.cells_retyped", cells=_quoted(retyped)))
    anchors = matcher.anchors()
    moved = [r for r, s in sorted(matcher.match.items()) if (r, s) not in anchors]
    if moved:
        notes.append(say("preflight.cells_moved", cells=_moved_list(moved, matcher.ids)))
    return notes, lost


# ---------------------------------------------------------------- the entry point

def _prepare(raw: bytes, lab: str, release_nb, releases: dict) -> Prepared:
    notes: list[str] = []
    try:
        cells = _read(raw, notes)
        scores = lab_scores(cells, releases)
        other = _best_lab(scores)
        if other and other != lab:
            raise _Problem(say("preflight.other_lab", other=other, lab=lab))
        if not scores.get(lab):
            raise _Problem(say("preflight.not_this_lab", lab=lab))
    except _Problem as problem:
        return Prepared(None, notes, {}, str(problem))
    stripped = not any(c.has_meta for c in cells)
    matcher = _Matcher(release_nb, cells)
    duplicates = matcher.by_grade_id()
    matcher.by_cell_id(set(duplicates))
    matcher.by_source(set(duplicates))
    matcher.resolve_duplicates(duplicates)
    matcher.answers_by_position(stripped)
    if stripped:
        matcher.answers_by_name()
    more_notes, lost = _notes_on(matcher, stripped, release_nb)
    nb = _rebuild(release_nb, matcher)
    nbformat.validate(nb)
    return Prepared(nb, notes + more_notes, lost, "")


HANGUL = re.compile(r"[\uac00-\ud7a3]")
LETTER = re.compile(r"[A-Za-z\uac00-\ud7a3]")


def edition(raw: bytes, languages: tuple[str, ...] = ("en", "ko")) -> str:
    """The edition a submitted notebook comes from: its metadata's backprop.language, or,
    where a student's tool dropped it, "ko" when most letters of its Markdown are Hangul.
    Never raises: "en" for anything unreadable."""
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
        said = ((data.get("metadata") or {}).get("backprop") or {}).get("language")
        if said in languages:
            return said
        text = " ".join(_source_text(c.get("source", "")) for c in data.get("cells", [])
                        if isinstance(c, dict) and c.get("cell_type") == "markdown")
    except (ValueError, AttributeError, TypeError):
        return "en"
    letters = len(LETTER.findall(text))
    return "ko" if letters and len(HANGUL.findall(text)) > letters / 2 else "en"


def prepare(raw: bytes, lab: str, release_nb, releases: dict | None = None) -> Prepared:
    """Check and repair one submitted notebook.

    raw: the submitted file's bytes; lab: the lab it was submitted for; release_nb: that
    lab's release notebook; releases: {lab: release notebook} of every lab, to recognize a
    notebook of another lab (default: this course's release/ notebooks).
    Returns Prepared; never raises on bad input."""
    try:
        releases = dict(_course_releases() if releases is None else releases)
        releases[lab] = release_nb
        return _prepare(raw, lab, release_nb, releases)
    except Exception as err:  # a bug here must not stop the batch: grade 0, say why
        return Prepared(None, [], {}, say("preflight.grader_failed",
                                          error=f"{type(err).__name__}: {err}"))
