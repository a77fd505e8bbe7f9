"""What the grader says, in every language of the course, from one catalogue keyed by what
happened (the diagnosis), never by English text.

    say("returned_none")                                  # the words, in the current language
    say("misspelled_method", found="foward", name="forward")

Each module registers the entries it uses, next to the code that uses them:

    WORDS = catalogue({
        "div.sign_lost": {"en": "dy has the right size but the opposite sign …",
                          "ko": "dy의 크기는 맞지만 부호가 반대입니다 …"},
    })

A key must have every language of LANGUAGES, with the same {placeholders}, and be
registered once (tests/test_words.py). Module-level constants hold keys, not words: the
words are looked up when said, in the language of the notebook being graded.

The current language is, in order: the one set by ``use(...)`` (the grader, per notebook),
else $BACKPROP_LANGUAGE (set in the student's kernel by the grader, or by the Korean
edition's own checker cell), else English.
"""
from __future__ import annotations

import contextlib
import os
import string

LANGUAGES = ("en", "ko")
LANGUAGE_VARIABLE = "BACKPROP_LANGUAGE"
CATALOGUE: dict[str, dict[str, str]] = {}
_chosen: list[str] = []


def catalogue(entries: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Register entries {key: {language: template}}; returns them (a module's WORDS)."""
    for key, texts in entries.items():
        if key in CATALOGUE and CATALOGUE[key] != texts:
            raise ValueError(f"the message key {key!r} is registered twice, with other words")  # not for students
        CATALOGUE[key] = texts
    return entries


def language() -> str:
    if _chosen:
        return _chosen[-1]
    said = os.environ.get(LANGUAGE_VARIABLE, "")
    return said if said in LANGUAGES else "en"


@contextlib.contextmanager
def use(lang: str):
    """Say everything in lang inside the block (the grader: one notebook's language)."""
    _chosen.append(lang if lang in LANGUAGES else "en")
    try:
        yield
    finally:
        _chosen.pop()


def say(key: str, /, **values) -> str:
    """The words of key in the current language, with its {placeholders} filled in."""
    texts = CATALOGUE[key]
    return texts.get(language(), texts["en"]).format(**values)


def placeholders(template: str) -> set[str]:
    """The names of a template's {placeholders} (format specs and conversions aside)."""
    return {field.split(".")[0].split("[")[0]
            for _, field, _, _ in string.Formatter().parse(template) if field}
