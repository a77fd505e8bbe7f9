"""Where students find the course: the student edition's repository, and the Colab and
Binder addresses of its notebooks.

One setting decides every link: ``[tool.backprop]`` in pyproject.toml,
``student_repository = "OWNER/NAME"`` (the public repository that
``python -m autograder publish`` writes) and ``branch``. The instructor's repository, this
one, holds the answers and should stay private: no link points at it.
"""
from __future__ import annotations

import re
import tomllib

from autograder.course_dir import ROOT

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def settings() -> dict:
    """``student_repository`` (GitHub OWNER/NAME) and ``branch`` of [tool.backprop]."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        found = tomllib.load(f)["tool"]["backprop"]
    slug = found.get("student_repository", "")
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", slug):
        raise ValueError(f"[tool.backprop] student_repository = {slug!r} in pyproject.toml is "
                         f"not OWNER/NAME (the GitHub repository of the student edition)")
    return {"student_repository": slug, "branch": found.get("branch", "main"),
            "language": found.get("language", "en")}


def student_path(kind: str, name: str, lang: str = "en") -> str:
    """Where a lecture ("lectures") or lab ("labs") lives in the student edition (the Korean
    edition's under ko/)."""
    prefix = "" if lang == "en" else f"{lang}/"
    return prefix + (f"notebooks/{name}.ipynb" if kind == "lectures" else f"labs/{name}.ipynb")


def course_path(kind: str, name: str, lang: str = "en") -> str:
    """Where the student version of a notebook lives in this (the instructor's) repository."""
    prefix = "" if lang == "en" else f"{lang}/"
    return prefix + (f"notebooks/{name}.ipynb" if kind == "lectures"
                     else f"release/{name}/{name}.ipynb")


def colab_url(path: str) -> str:
    """The "Open in Colab" address of the student edition's notebook at ``path``."""
    s = settings()
    return (f"https://colab.research.google.com/github/{s['student_repository']}/blob/"
            f"{s['branch']}/{path}")


def binder_url() -> str:
    """The Binder address of the student edition, opening JupyterLab."""
    s = settings()
    return f"https://mybinder.org/v2/gh/{s['student_repository']}/{s['branch']}?urlpath=lab"
