"""Answer variants: known mistakes (mutants) and alternative correct styles, per chapter.

A variant replaces one answer cell of a lab with other code. The mutation suite
(tests/test_mutations.py) proves for each variant that exactly the listed test cells lose
their points, each with the named diagnosis in its message, and that correct styles keep
full marks. The sample class of ``make demo`` is built from the same variants.
"""
from __future__ import annotations

import importlib
import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    name: str                      # unique within the chapter
    cell: str                      # grade_id of the answer cell it replaces
    code: str                      # the whole new cell source
    fails: dict = field(default_factory=dict)  # test grade_id -> text its message must contain
    origin: str = ""               # where the mistake comes from (e.g. "seed 002")

    @property
    def correct(self) -> bool:
        return not self.fails


def mistake(name: str, cell: str, code: str, fails: dict, origin: str = "") -> Variant:
    if not fails:
        raise ValueError(f"mistake {name!r} must lose points somewhere")
    return Variant(name, cell, textwrap.dedent(code).strip() + "\n", dict(fails), origin)


def correct(name: str, cell: str, code: str) -> Variant:
    return Variant(name, cell, textwrap.dedent(code).strip() + "\n")


def variants(lab: str) -> list[Variant]:
    """The variants of one lab, e.g. variants("ch03_add_mul_layers")."""
    return importlib.import_module(f"autograder.authoring.variants.{lab}").VARIANTS


def find(lab: str, name: str) -> Variant:
    for variant in variants(lab):
        if variant.name == name:
            return variant
    raise KeyError(f"no variant {name!r} in lab {lab}")
