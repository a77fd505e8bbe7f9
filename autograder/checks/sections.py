"""Where a failed check sends the student: a section of the course's own lecture first, then
the book's §, so that a student without the book still knows what to read.

    see("ch03_add_mul_layers", "2 · Backward through a multiply node", "§5.3.2")
    -> 'lecture 3 (ch03_add_mul_layers.ipynb), section “2 · Backward through a
        multiply node”, then the book's §5.3.2'

Write each `see(...)` on one line, so that the test can find the heading in the source.

`tests/test_content.py` checks that every section cited this way (here, in the judges and in
the labs' `checking(..., see=...)` lines) is a heading of that lecture.
"""
from __future__ import annotations


def see(lecture: str, heading: str, book: str | None = None) -> str:
    """lecture: the lecture's file stem (chNN_name); heading: the start of one of its
    headings, without the '#'s; book: the book's section(s), e.g. '§5.3.2'."""
    text = f"lecture {int(lecture[2:4])} ({lecture}.ipynb), section “{heading}”"
    return f"{text}, then the book's {book}" if book else text
