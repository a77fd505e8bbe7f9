"""Hidden checks of lab ch03_add_mul_layers, on the student's side: how MulLayer, AddLayer,
the graphs built from them and the DivLayer the student derives behave (the judges in
autograder/judging/ decide their values).

For random scalars and arrays (shapes drawn per case): the layers' methods exist under
their names (a typo such as `foward` is named), run, and return a pair (dx, dy); the
engine's behaviour checks (inputs and dout not mutated, linear in dout, repeatable
backward, state from the latest forward, shapes and dtypes); backward agrees with numerical
derivatives of the student's own forward (DivLayer on divisors kept in ±[0.5, 3]). The
graphs return what they should, are really built from MulLayer and AddLayer objects that
each ran backward (checked on the live objects), and their gradients agree with numerical
derivatives of the student's own price or f. Nothing here knows the right answer: that is the judges' part, on the grader's side.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import Diagnosis, fail, numbers
from autograder.checks.runtime import (
    CheckFailed,
    elementwise_derivative,
    expect_close,
    instances_recorded,
    note,
    rng_for,
)
from autograder.checks.sections import see

SECTION_MUL = see("ch03_add_mul_layers", "2 · Backward through a multiply node", "§5.3.2 and §5.4.1")
SECTION_ADD = see("ch03_add_mul_layers", "1 · Backward through an add node", "§5.3.1 and §5.4.2")
SECTION_BILL = see("ch03_add_mul_layers", "7 · The apple-and-orange graph", "§5.3 and §5.4.2")
SECTION_FANOUT = see("ch02_chain_rule", "5. Fan-out: when one value is used twice", "§5.3.1 (add node)")
# The division node is derived by the student: the sections teach the method (a multiply node,
# the 1/y node's local derivative, the chain rule), never the answer.
SECTION_DIV = (see("ch03_add_mul_layers", "2 · Backward through a multiply node") + " and "
               + see("ch01_computational_graph", "6. Local derivatives of common nodes", "§5.3.2 and §5.5.2 (the '/' node)"))
CASES = 6
GRAPH_RTOL, GRAPH_ATOL = 1e-5, 1e-7   # a graph's gradients vs central differences of itself

NOT_WRITTEN = Diagnosis("not_implemented", "not written yet: it still raises "
                        "NotImplementedError. Write your code where it says YOUR CODE HERE and "
                        "delete the raise line")
NOT_SAVED = ("backward reads something forward did not save. forward must store what "
             "backward needs on the layer (self.x = x, self.y = y); a local variable "
             "disappears when forward returns")


def random_operands(rng: np.random.Generator, n: int, case: int) -> list:
    """n operands of one random shape: case 0 plain floats, then 1-D, 2-D, 3-D arrays of at
    least 2 elements (one number is always "c × expected": no diagnosis could tell)."""
    if case == 0:
        return [float(v) for v in rng.uniform(-3, 3, size=n)]
    dims = 1 + (case - 1) % 3
    shape = (int(rng.integers(2, 5)), *(int(v) for v in rng.integers(1, 5, size=dims - 1)))
    return [rng.uniform(-3, 3, size=shape) for _ in range(n)]


def away_from_zero(value, low: float = 0.5, high: float = 3.0):
    """value in [-3, 3] (a float or an array) mapped onto ±[low, high], keeping its sign:
    divisors of a division node, far enough from 0 for central differences with h = 1e-4."""
    array = np.asarray(value, dtype=float)
    mapped = np.where(array < 0, -1.0, 1.0) * (low + np.abs(array) * (high - low) / 3.0)
    return float(mapped) if np.ndim(value) == 0 else mapped


def division_operands(rng: np.random.Generator, case: int) -> list:
    """x, y, dout, x_before, y_before for a division node: the divisors y away from 0."""
    x, y, dout, x_before, y_before = random_operands(rng, 5, case)
    return [x, away_from_zero(y), dout, x_before, away_from_zero(y_before)]


ORDER = [*range(1, CASES), 0]   # arrays first (they show the most), plain floats last


# =========================================================================== calling conventions

def _warn_init_typo(cls: type, what: str) -> None:
    if "__init_" in vars(cls) or "_init__" in vars(cls):
        note(f"{what} defines `__init_` or `_init__`, a typo for `__init__`. Python never calls it, so "
             f"the attributes it sets are never created. It costs nothing here only because "
             f"forward sets them before backward reads them.")


def typo_words(what: str, name: str, defined) -> str:
    """The likely cause of a missing method: a close spelling among what is defined."""
    close = difflib.get_close_matches(name, [n for n in defined if not n.startswith("__")],
                                      n=1, cutoff=0.6)
    if close:
        return f"{what} has no method `{name}()`. You defined `{close[0]}`: a typo for `{name}`?"
    return (f"{what} has no method `{name}()`: define it inside the class, indented under "
            f"`class {what}:`, with exactly that name")


def _method(obj, name: str, what: str, section: str) -> Callable:
    """obj.name, or a failure that points at a likely typo (a study note wrote `foward`)."""
    found = getattr(obj, name, None)
    if callable(found):
        return found
    raise fail(f"✗ {what} has no method `{name}()`.", "method_typo",
               cause=typo_words(what, name, dir(type(obj))), section=section)


def _innermost(exc: BaseException) -> tuple[str, list[str]]:
    """(name, parameters without self) of the function where exc was raised: the student's
    function or a method it called (AddLayer.backward inside a graph)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "your code", []
    code = tb.tb_frame.f_code
    params = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    return getattr(code, "co_qualname", code.co_name), params[1:] if params[:1] == ["self"] else params


def name_error_words(params: list[str], missing: str | None, body: str = "the body") -> str:
    """Why a body uses a name that is not defined: often a parameter named differently."""
    if missing and params:
        return (f"{body} uses `{missing}`, but the parameters are ({', '.join(params)}): "
                f"did you name the parameter differently from the variable you use?")
    return (f"the code uses `{missing}`, which is defined nowhere it can see: a parameter or "
            f"a variable named differently, or a cell not run yet")


def _call(fn: Callable, *args, what: str, section: str):
    """Run student code; any exception becomes a failure that says what to fix."""
    try:
        with np.errstate(all="ignore"):
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise fail(f"✗ {what} is not written yet (it raises NotImplementedError).",
                   NOT_WRITTEN) from None
    except NameError as exc:
        where, params = _innermost(exc)
        raise fail(f"✗ {what} raised NameError: {exc}.", "name_error",
                   cause=name_error_words(params, getattr(exc, "name", None),
                                          f"the body of {where}"),
                   section=section) from None
    except AttributeError as exc:
        obj, name = getattr(exc, "obj", None), getattr(exc, "name", None)
        if obj is not None and name in ("forward", "backward"):
            cls = type(obj).__name__
            raise fail(f"✗ {what} raised AttributeError: {exc}.", "method_typo",
                       cause=typo_words(cls, name, dir(type(obj))), section=section) from None
        cause = (NOT_SAVED if what.endswith(".backward") else
                 "the code reads an attribute the object does not have: check the spelling "
                 "of the name, and that it was set before it is read")
        raise fail(f"✗ {what} raised AttributeError: {exc}.", "missing_attribute",
                   cause=cause, section=section) from None
    except Exception as exc:  # noqa: BLE001 (any student bug becomes a message, not a crash)
        if what.endswith(".backward") and "NoneType" in str(exc):
            raise fail(f"✗ {what} raised {type(exc).__name__}: {exc}", "missing_attribute",
                       cause=NOT_SAVED, section=section) from None
        raise fail(f"✗ {what} raised {type(exc).__name__}: {exc}", "raised",
                   cause=f"your code stops with {type(exc).__name__} on these inputs: the "
                         f"message says which operation failed. Try the cell's example, and "
                         f"the same layer on a numpy array, to see it happen",
                   section=section) from None


def _backward_pair(layer, dout, what: str, section: str):
    result = _call(_method(layer, "backward", what, section), dout, what=f"{what}.backward",
                   section=section)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise fail(f"✗ {what}.backward should return a pair (dx, dy), but returned "
                   f"{type(result).__name__}.", "wrong_return_count",
                   cause="a two-input node sends a gradient back to each input: "
                         "return dx, dy", section=section)
    for name, value in zip(("dx", "dy"), result):
        if value is None:
            raise fail(f"✗ {what}.backward returned None for {name}.", "returned_none",
                       cause=f"did you forget to compute {name}? backward returns both "
                             f"gradients, return dx, dy", section=section)
    return result


# =========================================================================== layers

def _two_input_layer(Layer, what: str, section: str, rng: np.random.Generator,
                     draw: Callable = lambda rng, case: random_operands(rng, 5, case)) -> None:
    """Shared check of a layer z = f(x, y): it runs under the book's names, behaves like a
    layer (engine's behaviour checks), and its backward matches numerical derivatives of its
    own forward. draw(rng, case) -> x, y, dout and earlier x, y of the same shape."""
    _warn_init_typo(Layer, what)
    for case in ORDER:
        x, y, dout, x_before, y_before = draw(rng, case)
        layer = _call(Layer, what=f"{what}()", section=section)
        out = _call(_method(layer, "forward", what, section), x, y, what=f"{what}.forward",
                    section=section)
        if numbers(out) is None:
            raise fail(f"✗ {what}.forward(x, y) returned {type(out).__name__}, not a number "
                       f"or an array.", "returned_none" if out is None else "wrong_type",
                       cause="did you forget `return`? forward computes the node's output "
                             "and returns it (a Python function without `return` gives None)",
                       section=section)
        _backward_pair(layer, dout, what, section)
        behaviour.check_behaviour(Layer, (x, y), dout, earlier_inputs=(x_before, y_before),
                                  grad_names=("dx", "dy"), section=section)
        gradcheck.check_layer_backward(Layer(), (x, y), dout, grad_names=("dx", "dy"),
                                       layer_name=what, section=section, rng=rng)


def mul_layer(MulLayer, seed: int | None = None) -> None:
    _two_input_layer(MulLayer, "MulLayer", SECTION_MUL, rng_for("mul_layer", seed))


def add_layer(AddLayer, seed: int | None = None) -> None:
    _two_input_layer(AddLayer, "AddLayer", SECTION_ADD, rng_for("add_layer", seed))


def div_layer(DivLayer, seed: int | None = None) -> None:
    """The division node z = x / y that the student derives: the same checks as the other
    two-input layers, on divisors y kept in ±[0.5, 3]."""
    _two_input_layer(DivLayer, "DivLayer", SECTION_DIV, rng_for("div_layer", seed),
                     draw=division_operands)


# =========================================================================== graphs

BILL_INPUTS = ["apple", "apple_num", "orange", "orange_num", "tax"]


def _layer_classes(namespace: dict, section: str) -> None:
    for name in ("MulLayer", "AddLayer"):
        if not isinstance(namespace.get(name), type):
            raise fail(f"✗ `{name}` is not defined as a class in your notebook.",
                       "layer_class_missing",
                       cause=f"the graph is built from your layers: run the cell that "
                             f"defines `class {name}:` (sections 1 and 2) before this one",
                       section=section)


def _expect_layers(recorded: instances_recorded, counts: dict[str, int], what: str,
                   section: str) -> None:
    for cls, needed in counts.items():
        made = recorded.created[cls]
        if len(made) < needed:
            raise fail(f"✗ {what} should be built from layers: it created {len(made)} "
                       f"{cls} object(s), the graph has {needed}.", "not_built_from_layers",
                       cause=f"compute every node with a layer's forward and backward, one "
                             f"layer object per node ({needed} {cls})", section=section)
        if sum(1 for layer in made if layer._backward_calls) < needed:
            raise fail(f"✗ {what}: not every {cls} ran backward.", "layer_backward_not_called",
                       cause="the gradients must come from the layers' backward: call "
                             "backward on each layer, in the reverse order of forward, "
                             "starting from dout = 1", section=section)


def _returned(result, size: int, what: str, shape: str, section: str) -> tuple:
    if not (isinstance(result, tuple) and len(result) == size):
        raise fail(f"✗ {what} should return {shape}, but returned {type(result).__name__}"
                   f"{f' of {len(result)} values' if isinstance(result, (tuple, list)) else ''}.",
                   "wrong_return", cause=f"return {shape} as one tuple: return "
                                         f"{shape.strip('()')}", section=section)
    return result


def _expect_keys(grads, what: str, section: str) -> None:
    if not isinstance(grads, Mapping):
        raise fail(f"✗ {what} should be a dict with keys {BILL_INPUTS}, but is "
                   f"{type(grads).__name__}.", "wrong_type",
                   cause="return grads as a dict, one entry per input: {'apple': dapple, "
                         "'apple_num': dapple_num, ...}", section=section)
    missing = [k for k in BILL_INPUTS if k not in grads]
    if missing:
        raise fail(f"✗ {what} has no key(s) {missing}.", "missing_keys",
                   cause=f"grads needs the gradient of the price with respect to each of the "
                         f"five inputs, under the keys {BILL_INPUTS}", section=section)


def _number(value, what: str, section: str) -> None:
    if numbers(value) is None:
        raise fail(f"✗ {what} should be a number or an array, but is {type(value).__name__}.",
                   "returned_none" if value is None else "wrong_type",
                   cause="return the value the graph computes (a number, or an array for "
                         "array inputs)", section=section)


def _own_derivative(fn: Callable, inputs: list, position: int, pick: Callable, what: str,
                    section: str) -> np.ndarray:
    """Central differences of the student's own output along one input (elementwise)."""
    def along(v):
        args = list(inputs)
        args[position] = v
        return np.asarray(pick(_call(fn, *args, what=what, section=section)), dtype=float)
    return elementwise_derivative(along, np.asarray(inputs[position], dtype=float))


def apple_orange_graph(apple_orange_graph, seed: int | None = None) -> None:
    """The bill on positive random prices, counts and taxes: (price, grads) with grads a dict
    of the five inputs, 3 MulLayer and 1 AddLayer that all ran backward, and each gradient
    the derivative of the function's own price."""
    namespace = apple_orange_graph.__globals__
    rng = rng_for("apple_orange_graph", seed)
    what = "apple_orange_graph"
    _layer_classes(namespace, SECTION_BILL)
    for case in ORDER:
        inputs = [np.abs(v) + 0.5 for v in random_operands(rng, 5, case)]
        with instances_recorded(namespace, "MulLayer", "AddLayer") as recorded:
            result = _call(apple_orange_graph, *inputs, what=what, section=SECTION_BILL)
        price, grads = _returned(result, 2, what, "(price, grads)", SECTION_BILL)
        _number(price, "the price", SECTION_BILL)
        _expect_keys(grads, f"{what}'s grads", SECTION_BILL)
        _expect_layers(recorded, {"MulLayer": 3, "AddLayer": 1}, what, SECTION_BILL)
        for i, name in enumerate(BILL_INPUTS):
            own = _own_derivative(apple_orange_graph, inputs, i, lambda r: r[0], what,
                                  SECTION_BILL)
            expect_close(f"∂price/∂{name} (compared with the numerical derivative of your "
                         f"own price)", grads[name], own, rtol=GRAPH_RTOL, atol=GRAPH_ATOL,
                         section=SECTION_BILL)


def fanout_graph(fanout_graph, seed: int | None = None) -> None:
    """f = (a + b)(b + c) on random numbers and arrays: (f, df_da, df_db, df_dc), 1 MulLayer
    and 2 AddLayer that all ran backward, and each gradient the derivative of the function's
    own f."""
    namespace = fanout_graph.__globals__
    rng = rng_for("fanout_graph", seed)
    what = "fanout_graph"
    _layer_classes(namespace, SECTION_FANOUT)
    for case in ORDER:
        inputs = random_operands(rng, 3, case)
        with instances_recorded(namespace, "MulLayer", "AddLayer") as recorded:
            result = _call(fanout_graph, *inputs, what=what, section=SECTION_FANOUT)
        f, *grads = _returned(result, 4, what, "(f, df_da, df_db, df_dc)", SECTION_FANOUT)
        _number(f, "f", SECTION_FANOUT)
        _expect_layers(recorded, {"MulLayer": 1, "AddLayer": 2}, what, SECTION_FANOUT)
        for i, (name, got) in enumerate(zip("abc", grads)):
            own = _own_derivative(fanout_graph, inputs, i, lambda r: r[0], what, SECTION_FANOUT)
            expect_close(f"∂f/∂{name} (compared with the numerical derivative of your own f)",
                         got, own, rtol=GRAPH_RTOL, atol=GRAPH_ATOL, section=SECTION_FANOUT)
