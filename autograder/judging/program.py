"""Programs of calls that a judge sends into the student's kernel, and the results it reads back.

A program is a list of steps (run by autograder/checks/runner.py, on the student's side):

    let("x", array)                        x = a fresh copy of the array
    call("out", "layer.forward", ref("x")) out = layer.forward(x)
    get("dW", "layer.dW")                  dW = layer.dW
    assign("net.params", "W1", array)      net.params["W1"][...] = array
    watch("calls", ["Relu.forward"])       count calls of these from now on
    unwatch("calls")                       stop; the counts are the result
    last_failure("failure")                the diagnosis of the cell's failed check, if any

Values travel as JSON plus one .npz of arrays (no pickles either way). What comes back is
read defensively: it was written by a process the student controls.
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "program.no_result": {"en": "the kernel wrote no result",
                          "ko": "커널이 결과를 쓰지 않았습니다"},
    "program.too_large": {"en": "the result is too large", "ko": "결과가 너무 큽니다"},
    "program.unreadable": {"en": "the result could not be read ({kind})",
                           "ko": "결과를 읽을 수 없습니다 ({kind})"},
    "program.unknown_value": {"en": "unknown value", "ko": "알 수 없는 값"},
})

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


def watch(name, paths):
    return ["watch", name, list(paths)]


def unwatch(name):
    return ["unwatch", name]


def last_failure(name="failure"):
    return ["last_failure", name]


def cleanup():
    """The steps after this one run even when an earlier step raised (they put back what
    the earlier steps replaced); their results are not recorded."""
    return ["finally"]


def bound_name(step) -> str | None:
    """The name a step binds (None for assign and the cleanup marker)."""
    return None if step[0] in ("assign", "finally") else step[1]


def _encode(value, arrays: list):
    if isinstance(value, np.ndarray) or isinstance(value, (float, np.floating)):
        arrays.append(np.asarray(value))
        return {"$array": len(arrays) - 1}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v, arrays) for v in value]}
    if isinstance(value, list):
        return [_encode(v, arrays) for v in value]
    if isinstance(value, dict) and not ({"$ref", "$eval"} & set(value)):
        return {k: _encode(v, arrays) for k, v in value.items()}
    return value


def encode_programs(programs: list[list]) -> tuple[list, list[np.ndarray]]:
    """Programs as JSON-able steps plus the arrays they refer to ({"$array": index})."""
    arrays: list = []
    return [[_encode(step, arrays) for step in program] for program in programs], arrays


def write_programs(programs: list[list], folder: Path) -> None:
    encoded, arrays = encode_programs(programs)
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
        raise BadResult(say("program.unknown_value"))
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    raise BadResult(say("program.unknown_value"))


def decode_records(records, arrays) -> list[list]:
    """The runner's records (one list per program, one entry per step) as Python values;
    an entry that raised becomes Raised."""
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


def read_result(folder: Path) -> list[list]:
    """The records a run wrote, decoded; BadResult when they are missing or malformed."""
    json_path, npz_path = folder / "result.json", folder / "result.npz"
    if not json_path.is_file() or not npz_path.is_file():
        raise BadResult(say("program.no_result"))
    if json_path.stat().st_size + npz_path.stat().st_size > MAX_RESULT_BYTES:
        raise BadResult(say("program.too_large"))
    try:
        with zipfile.ZipFile(npz_path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_RESULT_BYTES:
                raise BadResult(say("program.too_large"))
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = [npz[f"a{i}"] for i in range(len(npz.files))]
        return decode_records(json.loads(json_path.read_text()), arrays)
    except BadResult:
        raise
    except Exception as exc:  # anything malformed: a broken or forged result
        raise BadResult(say("program.unreadable", kind=type(exc).__name__)) from None


def named(program: list, steps: list) -> dict:
    """{bound name: value} of one program's record; names after a raise are missing, the
    raising step's name holds the Raised."""
    values = {}
    for step, value in zip(program, steps):
        name = bound_name(step)
        if name is not None:
            values[name] = value
    return values
