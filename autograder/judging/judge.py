"""Cheat-proof verdicts: the grader, not the student's kernel, decides whether code is right.

A hidden check that runs inside the student's kernel can be fooled by the student's own
code (``np.allclose = lambda *a, **k: True``). So each graded test cell also has a
*judge*: a program of calls on inputs drawn here (autograder/judge_runner.py). The program
runs in the student's sandboxed kernel, which sends back only plain numbers and arrays;
the grader runs it on the reference solution in its own process and compares the two.
A test cell earns its points only when its judge agrees (and the cell itself ran cleanly).
"""
from __future__ import annotations

import functools
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder import course_dir
from autograder.checks import runner as judge_runner
from autograder.course_dir import ROOT
from autograder.grading import inprocess
from autograder.grading.results import CheckVerdict

RTOL, ATOL = 1e-6, 1e-9
MAX_RESULT_BYTES = 64 * 2**20


# ------------------------------------------------------------------ writing programs

def ref(path: str) -> dict:
    return {"$ref": path}


def expr(code: str) -> dict:
    """An expression of numpy alone, evaluated on each side (a test function, a generator)."""
    return {"$eval": code}


def let(name, value):
    return ["let", name, value]


def call(name, target, *args, **kwargs):
    return ["call", name, target, list(args), kwargs]


def get(name, target):
    return ["get", name, target]


def assign(target, key, value):
    return ["assign", target, key, value]


def _encode_program_value(value, arrays: list):
    if isinstance(value, np.ndarray) or isinstance(value, (float, np.floating)):
        arrays.append(np.asarray(value))
        return {"$array": len(arrays) - 1}
    if isinstance(value, tuple):
        return {"$tuple": [_encode_program_value(v, arrays) for v in value]}
    if isinstance(value, list):
        return [_encode_program_value(v, arrays) for v in value]
    if isinstance(value, dict) and not ({"$ref", "$eval"} & set(value)):
        return {k: _encode_program_value(v, arrays) for k, v in value.items()}
    return value


def write_program(programs: list[list], folder: Path) -> None:
    arrays: list = []
    encoded = [[_encode_program_value(step, arrays) for step in program] for program in programs]
    (folder / "program.json").write_text(json.dumps(encoded))
    np.savez(folder / "program.npz", **{f"a{i}": a for i, a in enumerate(arrays)})
    for name in ("result.json", "result.npz"):
        (folder / name).unlink(missing_ok=True)


# ------------------------------------------------------------------ reading results

class Opaque:
    """A value that is not plain data (an object of the student's class, say)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"<{self.kind}>"


@dataclass
class Raised:
    name: str
    message: str


class BadResult(ValueError):
    """The kernel's answer is missing, too large or not in the expected format."""


def _decode(value, arrays):
    if isinstance(value, list):
        return [_decode(v, arrays) for v in value]
    if isinstance(value, dict):
        if "$array" in value:
            return arrays[int(value["$array"])]
        if "$tuple" in value:
            return tuple(_decode(v, arrays) for v in value["$tuple"])
        if "$dict" in value:
            return {str(k): _decode(v, arrays) for k, v in value["$dict"]}
        if "$object" in value:
            return Opaque(str(value["$object"]))
        raise BadResult("unknown value")
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    raise BadResult("unknown value")


def read_result(folder: Path) -> list[list]:
    """The records a run wrote, decoded; BadResult when they are missing or malformed."""
    json_path, npz_path = folder / "result.json", folder / "result.npz"
    if not json_path.is_file() or not npz_path.is_file():
        raise BadResult("the kernel wrote no result")
    if json_path.stat().st_size + npz_path.stat().st_size > MAX_RESULT_BYTES:
        raise BadResult("the result is too large")
    try:
        with zipfile.ZipFile(npz_path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_RESULT_BYTES:
                raise BadResult("the result is too large")
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = [npz[f"a{i}"] for i in range(len(npz.files))]
        records = json.loads(json_path.read_text())
        out = []
        for record in records:
            steps = []
            for entry in record:
                if "raised" in entry:
                    steps.append(Raised(str(entry["raised"]), str(entry.get("message", ""))[:300]))
                else:
                    steps.append(_decode(entry["value"], arrays))
            out.append(steps)
        return out
    except BadResult:
        raise
    except Exception as exc:  # anything malformed: a broken or forged result
        raise BadResult(f"the result could not be read ({type(exc).__name__})") from None


# ------------------------------------------------------------------ comparing

def _numeric(value) -> np.ndarray | None:
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(float)
    if isinstance(value, (bool, int, float)):
        return np.asarray(float(value))
    return None


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=6, edgeitems=2) if value.size else "[]"
    if isinstance(value, Raised):
        return f"{value.name}: {value.message}"
    return repr(value)[:80]


def difference(got, want, rtol: float = RTOL, atol: float = ATOL, where: str = "",
               broadcast: bool = False) -> str | None:
    """None when got matches want (the reference), else what differs, in plain words.
    broadcast: a number may stand for an array of that number (d/dx of -x is -1)."""
    if isinstance(want, Raised):
        if isinstance(got, Raised) and got.name == want.name:
            return None
        return f"{where or 'it'} should raise {want.name}, but gave {_short(got)}"
    if isinstance(got, Raised):
        return f"{where or 'it'} raised {got.name}: {got.message}"
    expected = _numeric(want)
    if expected is not None:
        values = _numeric(got)
        if values is None:
            return f"{where or 'the result'} should be a number or an array, but is {_short(got)}"
        if broadcast and values.size == 1:
            values = np.broadcast_to(values.reshape(()), expected.shape)
        if values.shape != expected.shape and not (expected.ndim == 0 and values.size == 1):
            return f"{where or 'the result'} has shape {values.shape}, expected {expected.shape}"
        values = values.reshape(expected.shape)
        if np.allclose(values, expected, rtol=rtol, atol=atol, equal_nan=True):
            return None
        if expected.ndim == 0:
            return f"{where or 'the result'} is {float(values):.6g}, expected {float(expected):.6g}"
        bad = np.unravel_index(np.argmax(np.abs(values - expected) - rtol * np.abs(expected)),
                               expected.shape)
        return (f"{where or 'the result'} differs at index {tuple(int(i) for i in bad)}: "
                f"got {values[bad]:.6g}, expected {expected[bad]:.6g}")
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"{where or 'the result'} should hold {len(want)} values, but is {_short(got)}"
        for i, (g, w) in enumerate(zip(got, want)):
            found = difference(g, w, rtol, atol, f"{where or 'the result'}[{i}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{where or 'the result'} should be a dict, but is {_short(got)}"
        for key, w in want.items():
            if key not in got:
                return f"{where or 'the result'} has no key {key!r}"
            found = difference(got[key], w, rtol, atol, f"{where or 'the result'}[{key!r}]", broadcast)
            if found:
                return found
        return None
    if isinstance(want, Opaque):
        return None if isinstance(got, Opaque) else f"{where} should be an object, but is {_short(got)}"
    return None if got == want else f"{where or 'the result'} is {_short(got)}, expected {_short(want)}"


def describe(step: list) -> str:
    """A step in the words a student knows: `MulLayer.forward(x, y)`."""
    if step[0] == "call":
        return f"{step[2]}(…)"
    if step[0] == "get":
        return step[2]
    return step[1]


# ------------------------------------------------------------------ judges

@dataclass
class Judge:
    """Programs for one test cell, and how to decide from their records."""
    name: str
    programs: list[list]
    labels: dict[str, str] = field(default_factory=dict)   # bound name -> words for it
    rtol: float = RTOL
    atol: float = ATOL
    broadcast: bool = False
    decide: Callable[["Judge", list, list | None], str | None] | None = None
    needs_reference: bool = True

    def verdict(self, student: list, reference: list | None) -> CheckVerdict:
        problem = (self.decide or compare_all)(self, student, reference)
        return CheckVerdict(self.name, problem is None,
                            "" if problem is None else f"on inputs the notebook never showed, {problem}.")


def compare_all(judge: Judge, student: list, reference: list) -> str | None:
    for program, got_steps, want_steps in zip(judge.programs, student, reference):
        for i, want in enumerate(want_steps):
            step = program[i]
            words = judge.labels.get(step[1], describe(step)) if step[0] != "assign" else step[1]
            if i >= len(got_steps):
                return f"{words} was never reached"
            found = difference(got_steps[i], want, judge.rtol, judge.atol, words, judge.broadcast)
            if found:
                return found
    if len(student) < len(reference):
        return "some cases were never run"
    return None


def run_reference(judge: Judge, namespace: dict, folder: Path) -> list:
    write_program(judge.programs, folder)
    judge_runner.run(namespace, str(folder))
    return read_result(folder)


def trusted_namespace(lab: str, answers: dict[str, str] | None = None) -> dict:
    """The namespace of the source notebook run in this process, without its test cells
    (trusted code only: the reference solution, or the course's own variants)."""
    nb = course_dir.source_notebook(lab)
    if answers:
        nb = course_dir.with_answers(nb, answers)
    for cell in nb.cells:
        if course_dir.nbgrader_meta(cell).get("grade"):
            cell.source = ""
    os.environ.setdefault("BACKPROP_MNIST_OFFLINE", "1")
    os.environ.setdefault("BACKPROP_MNIST_DIR", str(ROOT / "data" / "mnist"))
    namespace: dict = {"__name__": "__main__"}
    inprocess.run_in_process(nb, namespace)
    return namespace


@functools.lru_cache(maxsize=None)
def reference_records(lab: str, cell: str) -> tuple[Judge, list | None]:
    """The judge of a test cell and its records on the reference solution (computed once
    per process: the programs are the same for every student)."""
    judge = judges_for(lab)[cell]()
    if not judge.needs_reference:
        return judge, None
    with tempfile.TemporaryDirectory() as folder:
        return judge, run_reference(judge, trusted_namespace(lab), Path(folder))


def judges_for(lab: str) -> dict[str, Callable[[], Judge]]:
    """{test cell grade_id: judge factory} of one lab."""
    from autograder.judging import judges
    return judges.JUDGES.get(lab, {})
