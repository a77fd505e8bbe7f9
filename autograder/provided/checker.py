"""check_close: the checker behind the visible tests of this notebook.

    check_close("dx", dx, expected_dx)      # prints "✓ dx", or stops with a message

When a value is wrong, the message says which quantity is wrong, what was expected and
what you got (for arrays also the element that is furthest off) and, when the test knows
one, the likely cause. Values count as equal when, element by element,
|got - expected| <= atol + rtol * |expected|.
"""
import numpy as np


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
        raise CheckFailed(mismatch_message(name, got, expected, hint, rtol, atol))
    shown = f" = {float(values.flat[0]):.6g}" if expected_values.ndim == 0 else ""
    print(f"✓ {name}{shown}")
