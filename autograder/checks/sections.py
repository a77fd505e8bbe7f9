"""Where a failed check sends the student: a section of the course's own lecture first, then
the book's §, so that a student without the book still knows what to read.

    see("ch03_add_mul_layers", "2 · Backward through a multiply node", "§5.3.2")
    -> 'lecture 3 (ch03_add_mul_layers.ipynb), section “2 · Backward through a
        multiply node”, then the book's §5.3.2'
       (in Korean: '강의 3 (ch03_add_mul_layers.ipynb)의 “2 · 곱셈 노드의 역전파” 절,
        그다음 책의 §5.3.2', the heading taken from the Korean lecture: headings.py)

A section is written out when it is formatted, in the language of the notebook being graded
(words.py), so modules may keep sections in constants.

Write each `see(...)` on one line, so that the test can find the heading in the source.
`tests/test_content.py` checks that every section cited this way (here, in the judges and in
the labs' `checking(..., see=...)` lines) is a heading of that lecture.
"""
from __future__ import annotations

from dataclasses import dataclass

from autograder.checks.headings import KOREAN_HEADINGS
from autograder.checks.words import catalogue, language, say

WORDS = catalogue({
    "section.lecture": {"en": "lecture {number} ({lecture}.ipynb), section “{heading}”",
                        "ko": "강의 {number} ({lecture}.ipynb)의 “{heading}” 절"},
    "section.then_book": {"en": "{lecture_part}, then the book's {book}",
                          "ko": "{lecture_part}, 그다음 책의 {book}"},
    "section.and": {"en": "{first} and {second}", "ko": "{first}, 그리고 {second}"},
})


@dataclass(frozen=True)
class Section:
    lecture: str            # the lecture's file stem, chNN_name
    heading: str            # the start of one of its headings (English), without the '#'s
    book: str | None = None  # the book's section(s), e.g. '§5.3.2'

    def heading_in(self, lang: str) -> str:
        if lang == "en":
            return self.heading
        headings = KOREAN_HEADINGS.get(self.lecture, {})
        full = next((h for h in headings if h.startswith(self.heading)), None)
        return headings[full] if full else self.heading

    def __str__(self) -> str:
        part = say("section.lecture", number=int(self.lecture[2:4]), lecture=self.lecture,
                   heading=self.heading_in(language()))
        return say("section.then_book", lecture_part=part, book=self.book) if self.book else part

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)


@dataclass(frozen=True)
class Both:
    """Two sections to read, the second usually carrying the book's §."""
    first: Section
    second: Section

    def __str__(self) -> str:
        return say("section.and", first=str(self.first), second=str(self.second))

    __format__, __add__, __radd__ = Section.__format__, Section.__add__, Section.__radd__


def see(lecture: str, heading: str, book: str | None = None) -> Section:
    """lecture: the lecture's file stem (chNN_name); heading: the start of one of its
    headings, without the '#'s; book: the book's section(s), e.g. '§5.3.2'."""
    return Section(lecture, heading, book)
