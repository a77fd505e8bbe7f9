"""The Korean edition (한국어판): the same notebooks, with Korean prose.

    content/ko/lectures/NAME.py   Korean twin of content/lectures/NAME.py
    content/ko/labs/NAME.py       Korean twin of content/labs/NAME.py

A twin has the English file's cells, in the same order, of the same types, with the same
metadata (grade ids, points, tags). Only prose may differ: Markdown cells, comments, and
string literals that are prose (a string with a space or a non-ASCII letter: prints,
hints, messages). Everything else in a code cell is the English code, token for token, so
both editions run the same code and are graded by the same checks. A lab twin leaves its
``### BEGIN SOLUTION`` and ``### BEGIN HIDDEN TESTS`` blocks empty: the build copies them
from the English lab, so the answer key exists once.

    python -m autograder.authoring.editions check [NAME ...]

prints, for each twin, what differs from its English file and the share of Hangul among the
letters of its Markdown (code and formulas aside); it exits 1 when a twin is not a twin.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import jupytext
import nbformat

from autograder.course_dir import CONTENT

LANGUAGES = ("en", "ko")
KOREAN = CONTENT / "ko"
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
LATIN_OR_HANGUL = re.compile(r"[A-Za-z\uac00-\ud7a3\u3131-\u318e]")
# Markdown that is not prose: code spans and blocks, formulas, links' addresses, HTML tags.
NOT_PROSE = re.compile(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<[^>]+>|§\S+",
                       re.DOTALL)
BLOCKS = {"SOLUTION": re.compile(r"(### BEGIN SOLUTION\n)(.*?)(^[ \t]*### END SOLUTION)",
                                 re.DOTALL | re.MULTILINE),
          "HIDDEN TESTS": re.compile(r"(### BEGIN HIDDEN TESTS\n)(.*?)(^[ \t]*### END HIDDEN TESTS)",
                                     re.DOTALL | re.MULTILINE)}
MIN_HANGUL_SHARE = 0.8


PROVIDED = CONTENT.parent / "autograder" / "provided"


def english_path(kind: str, name: str) -> Path:
    return PROVIDED / f"{name}.py" if kind == "provided" else CONTENT / kind / f"{name}.py"


def twin_path(kind: str, name: str) -> Path:
    """content/ko/KIND/NAME.py: the Korean twin of content/KIND/NAME.py; for the code
    students are given, autograder/provided/ko/NAME.py (importable by the checks)."""
    return PROVIDED / "ko" / f"{name}.py" if kind == "provided" else KOREAN / kind / f"{name}.py"


def twins() -> list[tuple[str, str]]:
    """(kind, name) of every Korean twin that exists."""
    found = [(kind, path.stem) for kind in ("lectures", "labs")
             for path in sorted((KOREAN / kind).glob("ch*.py"))]
    return found + [("provided", path.stem) for path in sorted((PROVIDED / "ko").glob("*.py"))
                    if path.stem != "__init__"]


def read(path: Path) -> nbformat.NotebookNode:
    return jupytext.read(path, fmt="py:percent")


def fill_blocks(english: str, korean: str) -> str:
    """The Korean cell's source with its solution and hidden-test blocks copied from the
    English cell (blocks are matched in order; a twin's own blocks are left empty)."""
    for block in BLOCKS.values():
        theirs = block.findall(english)
        bodies = iter(body for _, body, _ in theirs)
        korean = block.sub(lambda m, bodies=bodies: m.group(1) + next(bodies) + m.group(3), korean)
    return korean


def is_prose(value: str) -> bool:
    return any(c.isspace() for c in value) or any(ord(c) > 127 and c.isalpha() for c in value)


class _Shape(ast.NodeTransformer):
    """Prose strings become one placeholder; an f-string keeps its fields, in any order."""

    def visit_Constant(self, node):
        if isinstance(node.value, str) and is_prose(node.value):
            return ast.copy_location(ast.Constant("<prose>"), node)
        return node

    def visit_JoinedStr(self, node):
        fields = sorted(ast.dump(self.visit(v)) for v in node.values
                        if isinstance(v, ast.FormattedValue))
        return ast.copy_location(ast.Constant(f"<prose {fields}>"), node)


def code_shape(source: str) -> str:
    """The code of a cell without comments and with prose strings blanked; IPython magics
    and shell lines are compared as text."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError as error:
        return f"<syntax error: {error.msg}, line {error.lineno}>"
    return ast.dump(_Shape().visit(tree))


def hangul_share(markdown: str) -> tuple[int, int]:
    """(Hangul letters, Latin and Hangul letters) in markdown, code and formulas aside."""
    prose = NOT_PROSE.sub(" ", markdown)
    return len(HANGUL.findall(prose)), len(LATIN_OR_HANGUL.findall(prose))


def differences(kind: str, name: str) -> list[str]:
    """What keeps content/ko/KIND/NAME.py from being the twin of content/KIND/NAME.py."""
    if kind == "provided":
        en, ko = english_path(kind, name).read_text(), twin_path(kind, name).read_text()
        return [] if code_shape(en) == code_shape(ko) else [
            "the code differs from the English module's (only comments and prose strings may)"]
    english, korean = read(CONTENT / kind / f"{name}.py"), read(twin_path(kind, name))
    if len(english.cells) != len(korean.cells):
        return [f"{len(korean.cells)} cells, the English file has {len(english.cells)}: "
                f"translate cell by cell, without merging or splitting cells"]
    found = []
    for number, (en, ko) in enumerate(zip(english.cells, korean.cells), 1):
        where = f"cell {number} ({en.source.strip().splitlines()[0][:50] if en.source.strip() else ''!r})"
        if en.cell_type != ko.cell_type:
            found.append(f"{where}: a {ko.cell_type} cell, the English one is {en.cell_type}")
        elif dict(en.metadata) != dict(ko.metadata):
            found.append(f"{where}: metadata {dict(ko.metadata)}, English {dict(en.metadata)}")
        elif en.cell_type == "code":
            if code_shape(en.source) != code_shape(fill_blocks(en.source, ko.source)):
                found.append(f"{where}: the code differs from the English cell's "
                             f"(only comments and prose strings may)")
            elif any(HANGUL.search(body) for block in BLOCKS.values()
                     for _, body, _ in block.findall(ko.source)):
                found.append(f"{where}: a solution or hidden-test block is not empty")
    return found


def markdown_share(kind: str, name: str) -> float:
    """Hangul letters / all letters in the Markdown cells of the twin (of its docstrings and
    comments, for provided code)."""
    if kind == "provided":
        source = twin_path(kind, name).read_text(encoding="utf-8")
        prose = [doc or comment for doc, comment
                 in re.findall(r'"""(.*?)"""|#([^\n]*)', source, re.DOTALL)]
        h, n = hangul_share(" ".join(prose))
        return h / n if n else 1.0
    hangul = letters = 0
    for cell in read(twin_path(kind, name)).cells:
        if cell.cell_type == "markdown":
            h, n = hangul_share(cell.source)
            hangul, letters = hangul + h, letters + n
    return hangul / letters if letters else 0.0


HEADINGS_MODULE = CONTENT.parent / "autograder" / "checks" / "headings.py"


def heading_lines(cell) -> list[str]:
    return [line.lstrip("#").strip() for line in cell.source.splitlines()
            if cell.cell_type == "markdown" and re.match(r"#+ ", line)]


def korean_headings() -> dict[str, dict[str, str]]:
    """{lecture: {English heading: Korean heading}}, paired cell by cell from the twins."""
    table: dict[str, dict[str, str]] = {}
    for kind, name in twins():
        if kind != "lectures":
            continue
        english, korean = read(CONTENT / kind / f"{name}.py"), read(twin_path(kind, name))
        pairs = table.setdefault(name, {})
        for en, ko in zip(english.cells, korean.cells):
            pairs.update(zip(heading_lines(en), heading_lines(ko)))
    return table


def headings_source() -> str:
    """autograder/checks/headings.py: what sections.py needs to cite a Korean heading."""
    lines = ['"""The Korean headings of the lectures, by their English ones: sections.py cites a',
             "section in the student's language. Written by `make notebooks` from content/ko/",
             '(autograder/authoring/editions.py); do not edit."""', "", "KOREAN_HEADINGS = {"]
    for lecture, pairs in sorted(korean_headings().items()):
        lines.append(f"    {lecture!r}: {{")
        lines += [f"        {en!r}:\n            {ko!r}," for en, ko in pairs.items()]
        lines.append("    },")
    return "\n".join(lines + ["}", ""])


def write_headings() -> Path:
    HEADINGS_MODULE.write_text(headings_source(), encoding="utf-8")
    return HEADINGS_MODULE


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m autograder.authoring.editions check [NAME ...]")
        return 2
    names, bad = set(argv[1:]), 0
    for kind, name in twins():
        if names and name not in names:
            continue
        found, share = differences(kind, name), markdown_share(kind, name)
        low = share < MIN_HANGUL_SHARE
        bad += bool(found) or low
        status = "ok" if not found and not low else "NOT A TWIN" if found else "TOO LITTLE KOREAN"
        print(f"{kind}/{name}: {status}; Hangul {share:.0%} of the Markdown's letters "
              f"(at least {MIN_HANGUL_SHARE:.0%})")
        for line in found:
            print("   ", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
