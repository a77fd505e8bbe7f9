"""One catalogue, two languages: every message a student can see has a key with English and
Korean words, the same placeholders in both, and no student-facing prose is left outside it."""
import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import autograder.checks
import autograder.judging
from autograder.checks import words

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# The modules whose words reach students (feedback, notes, hidden-check messages).
SPEAKING = sorted([*(p for p in (ROOT / "autograder" / "checks").glob("*.py")
                     if p.name != "headings.py"),   # generated from content/ko/
                   *(ROOT / "autograder" / "judging").glob("*.py"),
                   *(ROOT / "autograder" / "grading" / name for name in
                     ("score.py", "feedback.py", "preflight.py", "pipeline.py", "kernel.py",
                      "report.py"))])
NOT_FOR_STUDENTS = "# not for students"


def _import_everything():
    for package in (autograder.checks, autograder.judging):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    for name in ("score", "feedback", "preflight", "pipeline", "report"):
        importlib.import_module(f"autograder.grading.{name}")


_import_everything()


@pytest.mark.parametrize("key", sorted(words.CATALOGUE))
def test_every_key_speaks_every_language_with_the_same_placeholders(key):
    texts = words.CATALOGUE[key]
    assert set(texts) == set(words.LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert words.placeholders(texts["ko"]) == words.placeholders(texts["en"]), key
    assert HANGUL.search(texts["ko"]), f"{key}: the Korean words have no Hangul"
    for lang in words.LANGUAGES:   # every template formats (doubled braces, valid fields)
        names = words.placeholders(texts[lang])
        for value in ("X", 1.5, (2, 3)):   # text, a number for numeric format specs, a shape
            try:
                texts[lang].format(**dict.fromkeys(names, value))
                break
            except (ValueError, TypeError):
                continue
            except (IndexError, KeyError) as error:
                pytest.fail(f"{key} ({lang}): {error!r}")
        else:
            pytest.fail(f"{key} ({lang}): does not format with text, a number or a shape")


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.body and isinstance(node.body[0], ast.Expr) and \
                    isinstance(node.body[0].value, ast.Constant):
                found.add(id(node.body[0].value))
    return found


def _inside_catalogue(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and "catalogue" in (getattr(node.func, "id", ""),
                                                          getattr(node.func, "attr", "")):
            found |= {id(n) for n in ast.walk(node)}
    return found


@pytest.mark.parametrize("path", SPEAKING, ids=[f"{p.parent.name}/{p.name}" for p in SPEAKING])
def test_no_prose_outside_the_catalogue(path):
    """A string of four words or more in a module that speaks to students is in the
    catalogue, or its line says it is not for students."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skip = _docstrings(tree) | _inside_catalogue(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                and len(node.value.split()) >= 4 and \
                NOT_FOR_STUDENTS not in lines[node.lineno - 1]:
            found.append(f"{path.name}:{node.lineno}: {node.value.strip()[:70]!r}")
    assert not found, "prose outside the catalogue:\n" + "\n".join(found)
