"""Hidden checks of lab ch03_add_mul_layers: MulLayer, AddLayer, and graphs built from them.

Each check tries the student's code on random scalars and arrays (shapes drawn per case):
forward against the exact result, behaviour with the engine's checks (inputs and dout not
mutated, linear in dout, repeatable, uses the latest forward, shapes and dtypes), and every
gradient against numerical gradients, naming the known mistakes.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.runtime import (
    CheckFailed,
    call,
    elementwise_derivative,
    expect_close,
    expect_keys,
    instances_recorded,
    method,
    note,
    rng_for,
)

SECTION_MUL = "§5.3.2 (multiply node) and §5.4.1 (MulLayer)"
SECTION_ADD = "§5.3.1 (add node) and §5.4.2 (AddLayer)"
SECTION_FANOUT = "the fan-out part of lab 2: where a value is used twice, gradients add"
CASES = 6


def random_operands(rng: np.random.Generator, n: int, case: int) -> list:
    """n operands of one random shape: case 0 plain floats, then 1-D, 2-D, 3-D arrays."""
    if case == 0:
        return [float(v) for v in rng.uniform(-3, 3, size=n)]
    shape = tuple(rng.integers(1, 5, size=1 + (case - 1) % 3))
    return [rng.uniform(-3, 3, size=shape) for _ in range(n)]


def _warn_init_typo(cls: type, what: str) -> None:
    if "__init_" in vars(cls) or "_init__" in vars(cls):
        note(f"{what} defines `__init_` or `_init__`, a typo for `__init__`. Python never calls it, so "
             f"the attributes it sets are never created. It costs nothing here only because "
             f"forward sets them before backward reads them.")


def _backward_pair(layer, dout, what: str):
    result = call(method(layer, "backward", what), dout, what=f"{what}.backward")
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailed(f"{what}.backward should return a pair (dx, dy), "
                          f"but returned {type(result).__name__}.")
    for name, value in zip(("dx", "dy"), result):
        if value is None:
            raise CheckFailed(f"{what}.backward returned None for {name}: did you forget to compute it?")
    return result


def _two_input_layer(Layer, what: str, f, suspects_for, section: str,
                     rng: np.random.Generator) -> None:
    """Shared check of a layer z = f(x, y): it runs, forward is right, it behaves like a
    layer (engine's behaviour checks), and backward matches numerical gradients."""
    _warn_init_typo(Layer, what)
    for case in range(CASES):
        x, y, dout, x_before, y_before = random_operands(rng, 5, case)
        layer = call(Layer, what=f"{what}()")
        out = call(method(layer, "forward", what), x, y, what=f"{what}.forward")
        expect_close(f"{what}.forward(x, y)", out, f(x, y), section=section)
        _backward_pair(layer, dout, what)
        behaviour.check_behaviour(Layer, (x, y), dout, earlier_inputs=(x_before, y_before),
                                  grad_names=("dx", "dy"), section=section)
        gradcheck.check_layer_backward(Layer(), (x, y), dout, grad_names=("dx", "dy"),
                                       layer_name=what, section=section, rng=rng,
                                       suspects={name: suspects_for(name, x, y, dout)
                                                 for name in ("dx", "dy")})


def mul_layer(MulLayer, seed: int | None = None) -> None:
    def suspects(which, x, y, dout):
        own, other = (x, y) if which == "dx" else (y, x)
        return {
            "not swapped": (np.asarray(dout) * own,
                            f"{which} equals dout·{'x' if which == 'dx' else 'y'}: the inputs of a "
                            f"multiply node must be swapped ({which} = dout·{'y' if which == 'dx' else 'x'})."),
            "dout ignored": (other * np.ones_like(np.asarray(dout)),
                             f"{which} equals the other input alone: multiply it by dout, the "
                             f"gradient arriving from upstream."),
            "forward output": (np.asarray(dout) * x * y,
                               f"{which} equals dout·x·y: multiply dout by the other input only."),
        }

    _two_input_layer(MulLayer, "MulLayer", lambda x, y: x * y, suspects, SECTION_MUL,
                     rng_for("mul_layer", seed))


def add_layer(AddLayer, seed: int | None = None) -> None:
    def suspects(which, x, y, dout):
        return {
            "doubled": (2 * np.asarray(dout),
                        f"{which} = 2·dout: an add node's local derivative is 1, so it passes dout "
                        f"through unchanged."),
            "ones": (np.ones_like(np.asarray(dout), dtype=float),
                     f"{which} is 1: that is the local derivative alone; multiply it by dout."),
            "multiply node": (np.asarray(dout) * (y if which == "dx" else x),
                              f"{which} = dout·(other input): that is the multiply node's rule. "
                              f"An add node passes dout through unchanged."),
        }

    _two_input_layer(AddLayer, "AddLayer", lambda x, y: x + y, suspects, SECTION_ADD,
                     rng_for("add_layer", seed))


BILL_INPUTS = ["apple", "apple_num", "orange", "orange_num", "tax"]


def _bill(apple, apple_num, orange, orange_num, tax):
    return (apple * apple_num + orange * orange_num) * tax


def apple_orange_graph(apple_orange_graph, seed: int | None = None) -> None:
    namespace = apple_orange_graph.__globals__
    rng = rng_for("apple_orange_graph", seed)
    for case in range(CASES):
        inputs = [np.abs(v) + 0.5 for v in random_operands(rng, 5, case)]
        with instances_recorded(namespace, "MulLayer", "AddLayer") as recorded:
            result = call(apple_orange_graph, *inputs, what="apple_orange_graph")
        if not (isinstance(result, tuple) and len(result) == 2):
            raise CheckFailed("apple_orange_graph should return (price, grads), "
                              f"but returned {type(result).__name__}.")
        price, grads = result
        expect_close("price", price, _bill(*inputs),
                     suspects={"no tax": (_bill(*inputs[:4], 1.0), "the tax was not applied")})
        expect_keys(grads, BILL_INPUTS, "apple_orange_graph's grads")
        apple, apple_num, orange, orange_num, tax = inputs
        for i, name in enumerate(BILL_INPUTS):
            def along(v, i=i):
                args = list(inputs)
                args[i] = v
                return _bill(*args)

            numeric = elementwise_derivative(along, inputs[i])
            expect_close(f"∂price/∂{name}", grads[name], numeric, rtol=1e-5, atol=1e-7,
                         suspects=_bill_suspects(name, inputs), section=SECTION_MUL)
        _expect_layers(recorded, {"MulLayer": 3, "AddLayer": 1}, "apple_orange_graph")


def _bill_suspects(name, inputs):
    apple, apple_num, orange, orange_num, tax = inputs
    missing_tax = "is missing the tax factor: backward must start at the tax node and pass its gradient on"
    reused = ("it equals the gradient of the orange node: one MulLayer was used for both fruits, "
              "and a layer remembers only its latest forward inputs. Use one layer object per node")
    swapped = ("that is the gradient of the other input: a multiply node's backward returns "
               "(dx, dy) in the order of its inputs in forward")
    wrong = {
        "apple": {"missing tax": (apple_num, f"∂price/∂apple {missing_tax}"),
                  "reused layer": (orange_num * tax, reused),
                  "swapped": (apple * tax, swapped)},
        "apple_num": {"missing tax": (apple, f"∂price/∂apple_num {missing_tax}"),
                      "reused layer": (orange * tax, reused),
                      "swapped": (apple_num * tax, swapped)},
        "orange": {"missing tax": (orange_num, f"∂price/∂orange {missing_tax}"),
                   "swapped": (orange * tax, swapped)},
        "orange_num": {"missing tax": (orange, f"∂price/∂orange_num {missing_tax}"),
                       "swapped": (orange_num * tax, swapped)},
        "tax": {"apples only": (apple * apple_num, "∂price/∂tax must be the whole bill before tax "
                                                   "(apples AND oranges): the tax node multiplies "
                                                   "dout by all_price")},
    }
    return wrong[name]


def _expect_layers(recorded: instances_recorded, counts: dict[str, int], what: str) -> None:
    for cls, needed in counts.items():
        made = recorded.created[cls]
        if len(made) < needed:
            raise CheckFailed(f"{what} should be built from layers: it created {len(made)} "
                              f"{cls} object(s), the graph has {needed}. Compute every node with "
                              f"a layer's forward and backward.")
        if sum(1 for layer in made if layer._backward_calls) < needed:
            raise CheckFailed(f"{what}: not every {cls} ran backward. Call backward on each "
                              f"layer, in the reverse order of forward.")


def fanout_graph(fanout_graph, seed: int | None = None) -> None:
    namespace = fanout_graph.__globals__
    rng = rng_for("fanout_graph", seed)
    for case in range(CASES):
        a, b, c = random_operands(rng, 3, case)
        with instances_recorded(namespace, "MulLayer", "AddLayer") as recorded:
            result = call(fanout_graph, a, b, c, what="fanout_graph")
        if not (isinstance(result, tuple) and len(result) == 4):
            raise CheckFailed("fanout_graph should return (f, df_da, df_db, df_dc), "
                              f"but returned {type(result).__name__}.")
        f, df_da, df_db, df_dc = result
        x, y = a + b, b + c
        expect_close("f", f, x * y)
        swapped = "∂f/∂{0} = ∂f/∂{1} · 1, and ∂f/∂{1} is the OTHER factor of the multiply node ({2})"
        expect_close("∂f/∂a", df_da, elementwise_derivative(lambda v: (v + b) * y, a),
                     section=SECTION_FANOUT, suspects={"swapped": (x, swapped.format("a", "x", "b + c"))})
        expect_close("∂f/∂b", df_db, elementwise_derivative(lambda v: (a + v) * (v + c), b),
                     rtol=1e-5, atol=1e-7, section=SECTION_FANOUT, suspects={
                         "first path only": (y, "∂f/∂b holds only the gradient through a+b: b is "
                                                "used twice, add the gradient through b+c too"),
                         "second path only": (x, "∂f/∂b holds only the gradient through b+c: b is "
                                                 "used twice, add the gradient through a+b too"),
                         "product of paths": (x * y, "the gradients of the two paths ADD; they do "
                                                     "not multiply")})
        expect_close("∂f/∂c", df_dc, elementwise_derivative(lambda v: x * (b + v), c),
                     section=SECTION_FANOUT, suspects={"swapped": (y, swapped.format("c", "y", "a + b"))})
        _expect_layers(recorded, {"MulLayer": 1, "AddLayer": 2}, "fanout_graph")
