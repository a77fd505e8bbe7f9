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
}


def normalised(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.replace("$", "").replace("\\,", ""))


@pytest.mark.parametrize("chapter", sorted(REQUIRED))
def test_lecture_and_lab_keep_the_books_numbers_and_terms(chapter):
    for kind, needles in REQUIRED[chapter].items():
        folder = "lectures" if kind == "lecture" else "labs"
        text = normalised((ROOT / "content" / folder / f"{chapter}.py").read_text())
        squeezed = text.replace(" ", "")
        missing = [n for n in needles if n not in text and n.replace(" ", "") not in squeezed]
        assert not missing, f"{kind} of {chapter} lost {missing}"


@pytest.mark.parametrize("chapter", sorted(REQUIRED))
def test_lecture_ends_with_a_glossary_and_asserts_its_numbers(chapter):
    text = (ROOT / "content" / "lectures" / f"{chapter}.py").read_text()
    assert "## Glossary" in text
    assert text.count("assert ") >= 5
