"""check_close: the checker behind the visible tests of this notebook.

    checking("MulLayer", see="lecture 3, section 2")   # what the next checks are about
    check_close("dx", dx, expected_dx)      # prints "✓ dx", or stops with a message

When a value is wrong, the message says which quantity is wrong, what was expected and
what you got (for arrays also the element that is furthest off) and, when the test knows
one, the likely cause. Values count as equal when, element by element,
|got - expected| <= atol + rtol * |expected|.

A test cell starts with `checking(name, uses=..., see=...)`. Then a failure names the root
cause first: when the answer is built from an earlier one (`uses`) whose own checks failed,
it says to fix that one first. An error raised by your code inside a test cell is explained
in the same words as the grader's hidden checks use, without a long traceback.
"""
import difflib
import linecache
import re

import numpy as np

_STATE = {"name": None, "uses": (), "see": None, "cell": None}
_FAILED = set()   # the answers whose latest visible checks failed


class CheckFailed(AssertionError):
    """A failed check. Jupyter shows only its message: no traceback, no test code."""

    def _render_traceback_(self):
        return str(self).splitlines()


def _numbers(value):
    """value as a float64 array, or None when it is not a number or an array of numbers."""
    if value is None or isinstance(value, (list, tuple, dict, str)):
        return None
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _same_shape(got, expected):
    """True when the shapes agree (a scalar may also be given as a 1-element array)."""
    return got.shape == expected.shape or (expected.ndim == 0 and got.size == 1)


def _kind(value):
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"a {type(value).__name__}"


def _show(array, prefix):
    text = np.array2string(array, precision=4, threshold=20, edgeitems=2,
                           separator=", ", prefix=prefix)
    return prefix + text


def mismatch_message(name, got, expected, cause=None, rtol=1e-6, atol=1e-9, labels=None):
    """The message for a wrong `got`; `labels` name the elements when both are samples."""
    expected = np.asarray(expected, dtype=np.float64)
    values = _numbers(got)
    lines = [f"✗ {name} is wrong."]
    if got is None:
        lines.append("  got None: the function returned None — did you forget `return`?")
    elif values is None:
        lines.append(f"  expected a number or a numpy array, got {_kind(got)}.")
    elif not _same_shape(values, expected):
        lines.append(f"  expected shape {expected.shape}, got {values.shape}.")
    elif expected.ndim == 0:
        lines.append(f"  expected {float(expected):.6g}, got {float(values.flat[0]):.6g}")
    else:
        lines += [_show(expected, "  expected: "), _show(values, "  got:      ")]
        with np.errstate(all="ignore"):
            off = np.abs(values - expected) / (atol + rtol * np.abs(expected))
        worst = int(np.argmax(np.where(np.isnan(off), np.inf, off)))
        index = tuple(int(i) for i in np.unravel_index(worst, expected.shape))
        where = labels[worst] if labels else index
        lines.append(f"  worst element {where}: expected {expected.flat[worst]:.6g}, "
                     f"got {values.flat[worst]:.6g}")
    if values is not None and not np.all(np.isfinite(values)):
        lines.append(f"  got contains {np.sum(~np.isfinite(values))} NaN/inf value(s).")
    if cause:
        lines.append(f"Likely cause: {cause}")
    return "\n".join(lines)


def _execution_count():
    try:
        return get_ipython().execution_count
    except NameError:
        return None


def checking(name, uses=(), see=None):
    """Start the checks of `name`, the class or function defined in the answer cell above.

    uses: the earlier answers it is built from, e.g. ("MulLayer", "AddLayer");
    see: where the course derives it, e.g. "lecture 3, section 2 · ... (book §5.3.2)".
    """
    _FAILED.discard(name)
    _STATE.update(name=name, uses=tuple(uses), see=see, cell=_execution_count())
    _install_handler()


def _in_check_cell():
    return _STATE["name"] is not None and _STATE["cell"] == _execution_count()


def root_cause_lines():
    """The first line of a failure when an answer this one uses failed its own checks."""
    broken = [used for used in _STATE["uses"] if used in _FAILED]
    if not broken:
        return []
    first = (f"✗ Fix {broken[0]} first: it failed its own checks above, and "
             f"{_STATE['name']} is built from it (re-run its test cell once it passes).")
    return [first]


def _failed(message):
    """A CheckFailed for the current checks: root cause first, the message, where to read."""
    lines = root_cause_lines() + [message]
    if _STATE["see"]:
        lines.append(f"Read: {_STATE['see']}.")
    if _STATE["name"] is not None:
        _FAILED.add(_STATE["name"])
    return CheckFailed("\n".join(lines))


def fail(message):
    """Stop the checks with this message (its first line is the first thing read)."""
    raise _failed(message)


# ---------------------------------------------------------------- errors raised by your code

def explain_exception(exc):
    """The likely cause of an exception raised by a student's code, in plain words ('' when
    nothing better than the exception's own message is known). The hidden checks use the
    same words."""
    text = str(exc)
    if isinstance(exc, NotImplementedError):
        return ("not written yet: it still raises NotImplementedError. Write your code where "
                "it says YOUR CODE HERE and delete the raise line")
    if isinstance(exc, NameError):
        missing = getattr(exc, "name", None)
        code = _innermost_code(exc)
        params = _parameters(code)
        if missing and params:
            return (f"{code.co_name} uses `{missing}`, but its parameters are "
                    f"({', '.join(params)}): did you name the parameter differently from the "
                    f"variable you use?")
        return (f"`{missing or 'a name'}` is defined nowhere the code can see: a variable "
                f"named differently, or a cell above not run yet (run the cells from the top)")
    if isinstance(exc, AttributeError):
        name, obj = getattr(exc, "name", None), getattr(exc, "obj", None)
        if name in ("forward", "backward"):
            close = difflib.get_close_matches(name, dir(type(obj)), n=1, cutoff=0.6)
            typo = f" You defined `{close[0]}`: a typo for `{name}`?" if close else ""
            return (f"the object has no method `{name}()`: define it inside the class, "
                    f"indented under `class ...:`, with exactly that name.{typo}")
        if text.startswith("'NoneType'"):
            return ("a value is None: a function without `return` gives None, and an "
                    "attribute stays None until forward sets it")
        close = difflib.get_close_matches(str(name), list(vars(obj)) if hasattr(obj, "__dict__")
                                          else [], n=1, cutoff=0.6)
        if close:
            return (f"the object has `{close[0]}` but not `{name}`: Python names are "
                    f"case-sensitive, spell it exactly as the lab does")
        if _innermost_code(exc) is not None and _innermost_code(exc).co_name == "backward":
            return ("backward reads something that forward did not save: forward must store "
                    "what backward needs as an attribute of the object (self.something); a "
                    "local variable disappears when forward returns")
        return (f"the object has no attribute `{name}`: check that the method that should "
                f"set it ran, and the spelling")
    if type(exc).__name__ == "AxisError" or "out of bounds for array of dimension" in text:
        return ("the code uses an axis the array does not have: it assumes a 2-D batch "
                "(N, ...), but was given a 1-D array (one sample). Use axis=-1 for the last "
                "axis, or turn a 1-D input into a batch of one first")
    if "could not be broadcast" in text or "shapes" in text and "not aligned" in text:
        shapes = [tuple(int(n) for n in found.split(",") if n.strip())
                  for found in re.findall(r"\(([\d, ]*)\)", text)]
        words = ("two arrays of shapes that do not fit together: print the shapes of the "
                 "arrays on that line")
        if len(shapes) >= 2 and {len(shapes[0]), len(shapes[1])} == {1, 2} and \
                shapes[0][0] == shapes[1][0]:
            return (words + ". An (N,) array meets an (N, C) one: labels given as class "
                    "indices must become one-hot rows first, and a sum over a row needs "
                    "keepdims=True to stay (N, 1)")
        return words + ", and which one should have another shape"
    if isinstance(exc, TypeError) and "positional argument" in text:
        return ("the method is called with a different number of arguments than it "
                "takes: keep the signature the lab gives (parameters and their order)")
    if isinstance(exc, TypeError) and "NoneType" in text:
        return ("a value is None: a function without `return` gives None, and an attribute "
                "stays None until forward sets it")
    return ""


def _innermost_code(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code if tb is not None else None


def _parameters(code):
    if code is None:
        return []
    params = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    return params[1:] if params[:1] == ["self"] else params


def _student_line(tb):
    """'line N of your cell: <code>' for the innermost frame of notebook code, or None."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith("<") or "ipykernel_" in filename:
            found = tb
        tb = tb.tb_next
    if found is None:
        return None
    code = found.tb_frame.f_code
    line = linecache.getline(code.co_filename, found.tb_lineno).strip()
    where = f"in {code.co_name}" if code.co_name != "<module>" else "in the cell"
    return f"  {where}, line {found.tb_lineno}: {line}" if line else f"  {where}"


def _explained(etype, value, tb):
    """The lines shown for an exception raised inside a test cell."""
    failed_before = _STATE["name"] in _FAILED
    _FAILED.add(_STATE["name"])
    if hasattr(value, "_render_traceback_"):   # a failed check: its message is complete
        lines = value._render_traceback_()
        return lines if failed_before else root_cause_lines() + lines
    lines = root_cause_lines()
    lines.append(f"✗ {_STATE['name']}: your code raised {etype.__name__}: {value}")
    where = _student_line(tb)
    if where:
        lines.append(where)
    cause = explain_exception(value)
    if cause:
        lines.append(f"Likely cause: {cause}.")
    if _STATE["see"]:
        lines.append(f"Read: {_STATE['see']}.")
    return lines


def _handler(shell, etype, value, tb, tb_offset=None):
    if _in_check_cell():
        stb = _explained(etype, value, tb)
    elif hasattr(value, "_render_traceback_"):
        stb = value._render_traceback_()
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    shell._showtraceback(etype, value, stb)
    return stb


def _install_handler():
    try:
        shell = get_ipython()
    except NameError:
        return
    if shell is not None and hasattr(shell, "set_custom_exc"):
        shell.set_custom_exc((Exception,), _handler)


def check_close(name, got, expected, hint=None, rtol=1e-6, atol=1e-9):
    """Print "✓ name" if got matches expected; otherwise raise CheckFailed.

    name: what is checked, e.g. "dx"; hint: the likely cause, shown on failure.
    """
    values, expected_values = _numbers(got), np.asarray(expected, dtype=np.float64)
    with np.errstate(all="ignore"):
        ok = (values is not None and _same_shape(values, expected_values)
              and np.allclose(values.reshape(expected_values.shape), expected_values,
                              rtol=rtol, atol=atol))
    if not ok:
        raise _failed(mismatch_message(name, got, expected, hint, rtol, atol))
    shown = f" = {float(values.flat[0]):.6g}" if expected_values.ndim == 0 else ""
    print(f"✓ {name}{shown}")
