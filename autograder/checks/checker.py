"""The provided checker (autograder/provided/checker.py), in the language of the notebook
being checked: the hidden checks explain an exception or a mismatch in exactly the words the
visible checks of that edition use (autograder/provided/ko/checker.py for the Korean)."""
from __future__ import annotations

from autograder.checks.words import language
from autograder.provided import checker as english
from autograder.provided.ko import checker as korean

CheckFailed = english.CheckFailed
_numbers = english._numbers


def _edition():
    return korean if language() == "ko" else english


def explain_exception(*args, **kwargs):
    return _edition().explain_exception(*args, **kwargs)


def mismatch_message(*args, **kwargs):
    return _edition().mismatch_message(*args, **kwargs)
