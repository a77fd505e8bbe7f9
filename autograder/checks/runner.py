"""Run a judge's program against a namespace and record every result as plain data.

The same code runs twice: in the student's sandboxed kernel (its source is sent there, so
it may use only the standard library and numpy) against the student's namespace, and in
the grader against the reference solution. The grader compares the two records
(autograder/judging/); nothing computed in the kernel decides a verdict by itself.

A program is a list of steps; each step may bind a name and records its result:
    ["let", name, value]                  name = value (a fresh copy of a literal)
    ["call", name, target, args, kwargs]  name = target(*args, **kwargs)
    ["get", name, target]                 name = target
    ["assign", target, key, value]        target[key][...] = value (in place)
    ["watch", name, [paths]]              count the calls of these functions or methods
                                          from now on (missing ones count 0)
    ["unwatch", name]                     stop counting; records {path: number of calls}
    ["finally"]                           the steps after it run even after an exception
                                          (to put back what earlier steps replaced); their
                                          results are not recorded
    ["last_failure", name]                the diagnosis of the last failed check in this
                                          kernel ({"name", "words", "section"}), then forgets it
A target is a dotted path from a namespace name or a bound name, e.g. "net.params" or
"layer.backward"; ``{"$ref": "path"}`` inside a value refers to one, ``{"$eval": code}``
is an expression of numpy alone (a test function, a generator).
Files: program.json + program.npz in; result.json + result.npz out (no pickles).

Nothing recorded here can earn a point: counts and diagnoses only ever take points away
or name a cause, so a student's code that forges them gains nothing.
"""
import json
import sys

import numpy as np

MAX_RESULT_ITEMS = 100_000


def _resolve(path, namespace, bound):
    head, *rest = path.split(".")
    if head in bound:
        value = bound[head]
    elif head in namespace:
        value = namespace[head]
    else:
        raise NameError(f"name '{head}' is not defined")  # not for students: Python's own words
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
        arrays.append(np.array(value, order="C"))  # a copy: later calls must not change it
        return {"$array": len(arrays) - 1}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, arrays, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, arrays, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[str(k), encode(v, arrays, depth + 1)] for k, v in value.items()]}
    return {"$object": type(value).__name__}


class _Watch:
    """Counting wrappers in place of functions or methods, and how to put the originals back."""

    def __init__(self):
        self.counts, self.restore = {}, []

    def stop(self):
        while self.restore:
            self.restore.pop()()
        return dict(self.counts)


def _watch(paths, namespace, bound):
    """Replace each function or method at paths with a counting wrapper."""
    watch = _Watch()
    counts, restore = watch.counts, watch.restore
    counts.update({path: 0 for path in paths})
    for path in paths:
        holder_path, _, attr = path.rpartition(".")
        try:
            holder = _resolve(holder_path, namespace, bound) if holder_path else None
            original = getattr(holder, attr) if holder is not None else namespace[attr]
        except (NameError, AttributeError, KeyError):
            continue
        if not callable(original):
            continue

        def counting(*args, _path=path, _original=original, **kwargs):
            counts[_path] += 1
            return _original(*args, **kwargs)

        if holder is None:
            namespace[attr] = counting
            restore.append(lambda attr=attr, original=original: namespace.__setitem__(attr, original))
        elif isinstance(holder, type):
            kept = holder.__dict__.get(attr, original)  # a staticmethod stays one
            setattr(holder, attr, staticmethod(counting) if isinstance(kept, staticmethod) else counting)
            restore.append(lambda h=holder, a=attr, k=kept: setattr(h, a, k))
    return watch


def _last_failure():
    error = getattr(sys, "last_value", None)
    sys.last_value = None
    diagnosis = getattr(error, "diagnosis", None)
    if diagnosis is None:
        return None
    try:   # a Diagnosis says its words here, in the kernel's language (they may be a key)
        found = dict(diagnosis.as_dict())
    except Exception:  # noqa: BLE001 (any object: read its attributes instead)
        found = {key: getattr(diagnosis, key, "") for key in ("name", "words", "section")}
    return {key: str(found.get(key, "") or "")[:2000] for key in ("name", "words", "section")}


def _step(step, namespace, bound, arrays_in):
    kind = step[0]
    if kind == "watch":
        bound[step[1]] = _watch(step[2], namespace, bound)
        return None
    if kind == "unwatch":
        return bound.pop(step[1]).stop()
    if kind == "last_failure":
        bound[step[1]] = _last_failure()
        return bound[step[1]]
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


def run_programs(programs, arrays_in, namespace):
    """Run each program against namespace: (records, arrays_out), one record per program
    with one entry per step, {"value": ...} or {"raised": name, "message": ...}; a program
    stops at its first exception."""
    arrays_out, records = [], []
    for program in programs:
        bound, record = {}, []
        marker = ["finally"]
        body = program[:program.index(marker)] if marker in program else program
        cleanup = program[len(body) + 1:]
        try:
            for step in body:
                try:
                    value = _step(step, namespace, bound, arrays_in)
                    record.append({"value": encode(value, arrays_out)})
                except BaseException as exc:  # SystemExit too: the student's code stops here
                    record.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
                    break
        finally:
            for value in list(bound.values()):  # watches left on by an exception
                if isinstance(value, _Watch):
                    value.stop()
            for step in cleanup:
                try:
                    _step(step, namespace, bound, arrays_in)
                except BaseException:  # noqa: BLE001 (cleanup is best effort)
                    pass
        records.append(record)
    return records, arrays_out


def run(namespace, program_dir):
    """Run program_dir/program.json against namespace; write program_dir/result.*"""
    with open(f"{program_dir}/program.json") as f:
        programs = json.load(f)
    with np.load(f"{program_dir}/program.npz", allow_pickle=False) as npz:
        arrays_in = [npz[f"a{i}"] for i in range(len(npz.files))]
    records, arrays_out = run_programs(programs, arrays_in, namespace)
    with open(f"{program_dir}/result.json", "w") as f:
        json.dump(records, f)
    np.savez(f"{program_dir}/result.npz", **{f"a{i}": a for i, a in enumerate(arrays_out)})
