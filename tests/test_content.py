"""The chapters keep the book's worked numbers, Korean terms and a glossary.

The numbers are *checked* where they are computed: by `assert`s in the lecture notebooks
(run by strict nbval) and by the labs' visible checks. This test makes sure none of them
silently disappears from the text.
"""
import re

import pytest
from conftest import ROOT

REQUIRED = {
    "ch01_computational_graph": {
        "lecture": ["220", "715", "2.2", "110", "200", "계산 그래프", "순전파", "역전파",
                    "국소적 계산", "국소적 미분", "노드", "에지", "오차역전파법"],
        "lab": ["715", "220", "-0.25"],
    },
    "ch02_chain_rule": {
        "lecture": ["(x+y)", "2(x+y)", "a=−1", "b=3", "c=4", "= 7", "= 9", "= 2", "1e-4",
                    "연쇄법칙", "합성 함수", "수치 미분"],
        "lab": ["14.0", "7.0", "9.0", "2.0", "(x+y)^2", "1e-4"],
    },
    "ch03_add_mul_layers": {
        "lecture": ["10 + 5 = 15", "1.3", "2.2", "110", "200", "715", "3.3", "165", "650",
                    "MulLayer", "AddLayer", "foward", "__init_", "덧셈 노드", "곱셈 노드", "계층"],
        "lab": ["1.3", "6.5", "715", "2.2", "110", "3.3", "165", "650"],
    },
    "ch04_activation_layers": {
        "lecture": ["[[1.0, -0.5], [-2.0, 3.0]]", "x <= 0", "y(1-y)", "1 - y^2",
                    "스위치", "활성화 함수 계층", "마스크"],
        "lab": ["[[1.0, -0.5], [-2.0, 3.0]]", "0.25", "x <= 0"],
    },
    "ch05_affine": {
        "lecture": ["X (2,)", "W (2,3)", "5, 7, 9", "(N, 1, 28, 28)", "잘 이해안됨", "어파인 변환",
                    "배치용 Affine 계층"],
        "lab": ["5.1", "-0.8", "-1.2", "5.5", "-1.5", "(5, 1, 4, 4)", "(N, 1, 28, 28)"],
    },
    "ch06_softmax_with_loss": {
        "lecture": ["0.018", "0.245", "0.737", "1010", "0.5108", "2.3026", "1e-7", "keepdims",
                    "p.176", "교차 엔트로피 오차", "Softmax-with-Loss 계층"],
        "lab": ["0.01821127", "0.24519181", "0.73659691", "0.510825457", "2.302584092"],
    },
    "ch08_autograd": {
        "lecture": ["220", "715", "2.2", "110", "200", "3.3", "165", "650", "a=-1", "b=3", "c=4",
                    "1.4556061301", "자동 미분", "위상 정렬", "역전파", "계산 그래프", "누적", "연쇄법칙"],
        "lab": ["715", "2.2", "110", "3.3", "165", "650", "14.0", "7.0", "9.0", "2.0",
                "1.4556061301430114", "0.76674106"],
    },
}


def normalised(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.replace("$", "").replace("\\,", ""))


TEXTS = {"en": ROOT / "content", "ko": ROOT / "content" / "ko"}
GLOSSARY = {"en": "## Glossary", "ko": "## 용어 정리"}


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("chapter", sorted(REQUIRED))
def test_lecture_and_lab_keep_the_books_numbers_and_terms(chapter, lang):
    for kind, needles in REQUIRED[chapter].items():
        folder = "lectures" if kind == "lecture" else "labs"
        text = normalised((TEXTS[lang] / folder / f"{chapter}.py").read_text())
        squeezed = text.replace(" ", "")
        missing = [n for n in needles if n not in text and n.replace(" ", "") not in squeezed]
        assert not missing, f"{kind} of {chapter} lost {missing}"


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("chapter", sorted(REQUIRED))
def test_lecture_ends_with_a_glossary_and_asserts_its_numbers(chapter, lang):
    text = (TEXTS[lang] / "lectures" / f"{chapter}.py").read_text()
    assert GLOSSARY[lang] in text
    assert text.count("assert ") >= 5


CITATION = re.compile(r"(ch\d\d_\w+)(?:\.ipynb\))?의?\W{0,6}(?:section )?“([^”\n]+)”")
SEE_CALL = re.compile(r"""see\(\s*["'](ch\d\d_\w+)["'],\s*["']([^"'\n]+)["']""")
CITING = ["autograder/checks", "autograder/judging", "content/labs", "content/ko/labs"]


def test_every_cited_lecture_section_is_a_heading_of_that_lecture():
    """Failures send students to "lecture N (chNN_name.ipynb), section “heading”" (see
    autograder/checks/sections.py and the labs' checking(..., see=...) lines)."""
    cited = {}
    for folder in CITING:
        for path in sorted((ROOT / folder).glob("*.py")):
            text = path.read_text(encoding="utf-8")
            for found in [*CITATION.finditer(text), *SEE_CALL.finditer(text)]:
                cited.setdefault(found.groups(), ("ko/" if "/ko/" in folder + "/" else "") + path.name)
    wrong = []
    for (lecture, heading), where in sorted(cited.items()):
        korean = where.startswith("ko/") or bool(HANGUL.search(heading))   # a Korean lecture's
        source = TEXTS["ko" if korean else "en"] / "lectures" / f"{lecture}.py"
        headings = [line.lstrip("# ").strip() for line in source.read_text().splitlines()
                    if re.match(r"# #{2,4} ", line)] if source.exists() else []
        if not any(h.startswith(heading) for h in headings):
            wrong.append(f"{where}: {lecture} has no heading “{heading}”")
    assert not wrong, "\n".join(wrong)


STUDENT_FACING = ["content", "release", "notebooks", "autograder/checks", "autograder/judging",
                  "autograder/provided"]
INTERNAL_NAME = re.compile(r"seed[ _-]?00\d", re.IGNORECASE)


def test_no_internal_study_note_name_reaches_a_student():
    """The study notes are "a study note" to students, never "seed 003"."""
    hits = []
    for folder in STUDENT_FACING:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".ipynb", ".md") and "__pycache__" not in path.parts:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if INTERNAL_NAME.search(line):
                        hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not hits, "\n".join(hits)


HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
PLOT_TEXT = re.compile(r"\b(title|suptitle|set_title|xlabel|ylabel|set_xlabel|set_ylabel|legend|"
                       r"text|annotate|label|draw_graph)\b")


def test_figures_need_no_hangul_font():
    """Colab (and most machines) have no Korean font: Hangul in a figure shows as boxes. Korean
    terms belong in the markdown, not in plot text."""
    hits = []
    for path in sorted((ROOT / "content").rglob("*.py")):
        code = True
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("# %%"):
                code = "[markdown]" not in line
            elif code and not line.lstrip().startswith("#") and HANGUL.search(line) \
                    and PLOT_TEXT.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not hits, "\n".join(hits)
