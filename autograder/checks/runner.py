"""Run a judge's program against a namespace and record every result as plain data.

The same code runs twice: in the student's sandboxed kernel (its source is sent there, so
it may use only the standard library and numpy) against the student's namespace, and in
the grader against the reference solution. The grader compares the two records
(autograder/judge.py); nothing computed in the kernel decides a verdict by itself.

A program is a list of steps; each step may bind a name and records its result:
    ["let", name, value]                  name = value (a fresh copy of a literal)
    ["call", name, target, args, kwargs]  name = target(*args, **kwargs)
    ["get", name, target]                 name = target
    ["assign", target, key, value]        target[key][...] = value (in place)
A target is a dotted path from a namespace name or a bound name, e.g. "net.params" or
"layer.backward"; ``{"$ref": "path"}`` inside a value refers to one, ``{"$eval": code}``
is an expression of numpy alone (a test function, a generator).
Files: program.json + program.npz in; result.json + result.npz out (no pickles).
"""
import json

import numpy as np

MAX_RESULT_ITEMS = 100_000


def _resolve(path, namespace, bound):
    head, *rest = path.split(".")
    if head in bound:
        value = bound[head]
    elif head in namespace:
        value = namespace[head]
    else:
        raise NameError(f"name '{head}' is not defined")
    for part in rest:
        if "[" in part:
            attr, key = part[:-1].split("[", 1)
            value = getattr(value, attr)[key]
        else:
            value = getattr(value, part)
    return value


def _decode(value, arrays, namespace, bound):
    if isinstance(value, list):
        return [_decode(v, arrays, namespace, bound) for v in value]
    if isinstance(value, dict):
        if "$array" in value:
            return arrays[value["$array"]].copy()
        if "$tuple" in value:
            return tuple(_decode(v, arrays, namespace, bound) for v in value["$tuple"])
        if "$ref" in value:
            return _resolve(value["$ref"], namespace, bound)
        if "$eval" in value:
            return eval(value["$eval"], {"np": np, "__builtins__": {}})  # the grader's code
        return {k: _decode(v, arrays, namespace, bound) for k, v in value.items()}
    return value


def encode(value, arrays, depth=0):
    """value as JSON-able data; arrays go to the ``arrays`` list ({"$array": index})."""
    if len(arrays) > MAX_RESULT_ITEMS or depth > 20:
        raise ValueError("result too large")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating, np.bool_)) and not isinstance(value, bool):
        arrays.append(np.asarray(value))
        return {"$array": len(arrays) - 1}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return {"$object": f"ndarray of {value.dtype}"}
        arrays.append(np.ascontiguousarray(value))
        return {"$array": len(arrays) - 1}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, arrays, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, arrays, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[str(k), encode(v, arrays, depth + 1)] for k, v in value.items()]}
    return {"$object": type(value).__name__}


def _step(step, namespace, bound, arrays_in):
    kind = step[0]
    decode = lambda v: _decode(v, arrays_in, namespace, bound)  # noqa: E731
    if kind == "let":
        bound[step[1]] = decode(step[2])
        return bound[step[1]]
    if kind == "call":
        _, name, target, args, kwargs = step
        with np.errstate(all="ignore"):
            value = _resolve(target, namespace, bound)(*decode(args), **decode(kwargs))
        bound[name] = value
        return value
    if kind == "get":
        bound[step[1]] = _resolve(step[2], namespace, bound)
        return bound[step[1]]
    if kind == "assign":
        _, target, key, value = step
        _resolve(target, namespace, bound)[key][...] = decode(value)
        return None
    raise ValueError(f"unknown step {kind!r}")


def run(namespace, program_dir):
    """Run program_dir/program.json against namespace; write program_dir/result.*"""
    with open(f"{program_dir}/program.json") as f:
        programs = json.load(f)
    with np.load(f"{program_dir}/program.npz", allow_pickle=False) as npz:
        arrays_in = [npz[f"a{i}"] for i in range(len(npz.files))]
    arrays_out, records = [], []
    for program in programs:
        bound, record = {}, []
        for step in program:
            try:
                record.append({"value": encode(_step(step, namespace, bound, arrays_in), arrays_out)})
            except BaseException as exc:  # SystemExit too: the student's code stops here
                record.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
                break
        records.append(record)
    with open(f"{program_dir}/result.json", "w") as f:
        json.dump(records, f)
    np.savez(f"{program_dir}/result.npz", **{f"a{i}": a for i, a in enumerate(arrays_out)})
