"""Hidden checks of lab ch08_autograd, on the student's side: how the Value engine behaves
(the judges in autograder/judging/ decide its values, with the reference).

* ``value``: `+` and `*` (and `radd`, `rmul` with a plain number) return a new Value whose
  parents are the operands themselves, in order (a number made into a Value), with one
  local derivative per parent, each agreeing with the numerical derivative of the student's
  own forward; the operands are not changed.
* ``backward``: on random graphs made with the given constructor Value(data, parents,
  local_grads) (so that `+` and `*` play no part), topological_order lists every value the
  output depends on once, parents first, output last; after backward, the output's grad is
  one and every other grad obeys the chain rule at its own node, the sum over the values
  computed from it of local derivative times their grad (a property the student's own
  numbers must satisfy); a second call gives the same grads, and so does a second output
  that shares values with the first.
* ``more_ops``: exp, log, relu and ** k are nodes with one parent, self, whose local
  derivative agrees with the numerical derivative of the student's own forward (relu's is 0
  at exactly 0).
* ``engine_graphs`` and ``net_gradient``: built from Values that ran backward, and every
  gradient is the numerical derivative of the function's own output.

Nothing here knows a right answer: that is the judges' part, on the grader's side.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from autograder.checks import gradcheck
from autograder.checks.diagnose import Diagnosis, fail, numbers
from autograder.checks.runtime import (
    CheckFailed,
    elementwise_derivative,
    expect_close,
    instances_recorded,
    rng_for,
)
from autograder.checks.sections import see

SECTION_VALUE = see("ch08_autograd", "2 · A graph that records itself", "§5.1.2")
SECTION_SWEEP = see("ch08_autograd", "3 · The backward sweep", "§5.2.3")
SECTION_ACCUMULATE = see("ch08_autograd", "4 · Fan-out", "§5.2.3")
SECTION_ORDER = see("ch08_autograd", "5 · Nodes that point to their inputs", "§5.2.3")
SECTION_WRONG_ORDER = see("ch08_autograd", "6 · Why a wrong order", "§5.2.3")
SECTION_RESET = see("ch08_autograd", "7 · Calling backward twice")
SECTION_OPS = see("ch08_autograd", "8 · More nodes", "§5.5.2")
SECTION_GRAPHS = see("ch08_autograd", "4 · Fan-out", "§5.4.2")
SECTION_NET = see("ch08_autograd", "9 · A tiny two-layer network", "§5.7.2")

CASES = 5
# The calibration test runs every hidden check on seeds 0..999 except where this says
# otherwise: net_gradient's check differentiates a whole network of Value nodes numerically
# (~60 ms a seed), so its calibration never runs more than 300 seeds (all 1000 passed when
# measured).
CALIBRATION_SEEDS = {"net_gradient": 300}
LOCAL_RTOL, LOCAL_ATOL = 1e-5, 1e-7     # a local derivative vs central differences of itself
GRAPH_RTOL = 1e-5                        # a graph's gradients vs central differences of itself
CHAIN_RTOL, CHAIN_ATOL = 1e-9, 1e-12     # the chain rule at a node, from the student's numbers
ORDER = [*range(1, CASES), 0]            # arrays first, plain floats last

NOT_WRITTEN = Diagnosis("not_implemented", "not written yet: it still raises "
                        "NotImplementedError. Write your code where it says YOUR CODE HERE and "
                        "delete the raise line")


# =========================================================================== running student code

def _call(fn: Callable, *args, what: str, section: str):
    """Run student code; an exception becomes a failure that says what to fix."""
    try:
        with np.errstate(all="ignore"):
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise fail(f"✗ {what} is not written yet (it raises NotImplementedError).",
                   NOT_WRITTEN) from None
    except RecursionError:
        raise fail(f"✗ {what} raised RecursionError.", "endless_recursion",
                   cause="a function calls itself without end: a walk over the graph must "
                         "stop at values made directly (no parents) and at values it has "
                         "already visited", section=section) from None
    except NameError as exc:
        raise fail(f"✗ {what} raised NameError: {exc}.", "name_error",
                   cause=f"the code uses `{getattr(exc, 'name', None) or 'a name'}`, which is "
                         f"defined nowhere it can see: a variable named differently, or a cell "
                         f"above not run yet", section=section) from None
    except AttributeError as exc:
        name = getattr(exc, "name", None)
        raise fail(f"✗ {what} raised AttributeError: {exc}.", "missing_attribute",
                   cause=f"a Value has `data`, `grad`, `parents` and `local_grads`; `{name}` is "
                         f"not one of them, or is read from something that is not a Value "
                         f"(a plain number has no `.data`: make it a Value first)",
                   section=section) from None
    except Exception as exc:  # noqa: BLE001 - any student bug becomes a message
        raise fail(f"✗ {what} raised {type(exc).__name__}: {exc}", "raised",
                   cause=f"your code stops with {type(exc).__name__} on these inputs: try the "
                         f"cell's example, and the same on a numpy array, to see it happen",
                   section=section) from None


def _operands(rng: np.random.Generator, n: int, case: int, low=-3.0, high=3.0) -> list:
    """n operands: plain floats in case 0, else arrays of one random shape (1-3 axes)."""
    if case == 0:
        return [float(v) for v in rng.uniform(low, high, size=n)]
    dims = 1 + (case - 1) % 3
    shape = (int(rng.integers(2, 5)), *(int(v) for v in rng.integers(1, 4, size=dims - 1)))
    return [rng.uniform(low, high, size=shape) for _ in range(n)]


def _require_value(Value, out, what: str, section: str) -> None:
    if not isinstance(out, Value):
        kind = "None" if out is None else type(out).__name__
        raise fail(f"✗ {what} returned {kind}, not a Value.",
                   "returned_none" if out is None else "not_a_value",
                   cause="an operation returns a NEW Value that records its parents and local "
                         "derivatives (did you forget `return`, or return only the data?)",
                   section=section)


def _local(out, position: int, what: str, section: str):
    grads = getattr(out, "local_grads", None)
    parents = getattr(out, "parents", None)
    if not isinstance(grads, (tuple, list)) or not isinstance(parents, (tuple, list)) \
            or len(grads) != len(parents):
        raise fail(f"✗ {what}: `local_grads` should hold one local derivative per parent.",
                   "local_grads_count",
                   cause="local_grads[i] is the derivative of this value with respect to "
                         "parents[i]: as many entries as parents, in the same order",
                   section=section)
    value = numbers(grads[position])
    if value is None:
        raise fail(f"✗ {what}: local_grads[{position}] is {type(grads[position]).__name__}, not "
                   f"a number or an array.", "wrong_type",
                   cause="a local derivative is a number or an array of data's shape (use the "
                         "operands' .data, not the Values themselves)", section=section)
    return value


def _same_data(before, value, what: str, section: str) -> None:
    if not np.array_equal(np.asarray(before), np.asarray(value.data)):
        raise fail(f"✗ {what} changed the data of an operand.", "input_mutated",
                   cause="an operation computes a new Value; it must not change its operands "
                         "(no += on their data)", section=section)


def _compare_local(name: str, got, own, section: str) -> None:
    own = np.asarray(own, dtype=float)
    expect_close(f"{name} (compared with the numerical derivative of your own forward)",
                 np.broadcast_to(got, own.shape) if np.size(got) in (1, own.size) else got,
                 own, rtol=LOCAL_RTOL, atol=LOCAL_ATOL, section=section)


# =========================================================================== 1 · Value

def value(Value, seed: int | None = None) -> None:
    rng = rng_for("value", seed)
    section = SECTION_VALUE
    if not isinstance(Value, type):
        raise fail("✗ `Value` is not a class.", "not_a_class",
                   cause="define `class Value:` in the answer cell", section=section)
    for case in ORDER:
        a_data, b_data = _operands(rng, 2, case)
        for symbol, op in (("+", lambda p, q: p + q), ("*", lambda p, q: p * q)):
            a, b = Value(a_data), Value(b_data)
            kept_a, kept_b = np.copy(a.data), np.copy(b.data)
            what = f"a {symbol} b"
            out = _call(op, a, b, what=what, section=section)
            _require_value(Value, out, what, section)
            if out is a or out is b:
                raise fail(f"✗ {what} returned one of its operands.", "changed_operand",
                           cause="return a new Value; the operands stay as they were",
                           section=section)
            parents = getattr(out, "parents", None)
            if not (isinstance(parents, (tuple, list)) and len(parents) == 2
                    and parents[0] is a and parents[1] is b):
                raise fail(f"✗ {what}: `parents` should be (a, b), the operands themselves, in "
                           f"order.", "parents_wrong",
                           cause="record the two Values the new one was computed from, first "
                                 "operand first (not their data, not copies): backward follows "
                                 "them to hand on the gradients", section=section)
            _same_data(kept_a, a, what, section)
            _same_data(kept_b, b, what, section)
            for position, (name, varied, other) in enumerate(
                    (("a", a_data, b_data), ("b", b_data, a_data))):
                local = _local(out, position, what, section)

                def own(v, position=position, other=other, op=op, what=what):
                    p, q = (Value(v), Value(other)) if position == 0 else (Value(other), Value(v))
                    return np.asarray(_call(op, p, q, what=what, section=section).data)
                _compare_local(f"the local derivative of {what} with respect to {name}", local,
                               elementwise_derivative(own, np.asarray(varied, dtype=float)),
                               section)
        _with_numbers(Value, a_data, float(rng.uniform(0.5, 3.0)), section)


def _with_numbers(Value, a_data, k: float, section: str) -> None:
    """a + k, k + a, a * k and k * a: the number becomes a parent Value, and the local
    derivative with respect to a agrees with the numerical derivative of the same call."""
    calls = [("a + k", lambda p: p + k), ("k + a", lambda p: k + p),
             ("a * k", lambda p: p * k), ("k * a", lambda p: k * p)]
    for what, op in calls:
        a = Value(a_data)
        out = _call(op, a, what=what, section=section)
        _require_value(Value, out, what, section)
        parents = getattr(out, "parents", ())
        if not isinstance(parents, (tuple, list)) or not all(isinstance(p, Value)
                                                            for p in parents):
            raise fail(f"✗ {what} (k a plain number): a parent is not a Value.",
                       "number_not_wrapped",
                       cause="turn a plain number into a Value before you use it as an operand, "
                             "so that every parent has .data and .grad", section=section)
        positions = [i for i, p in enumerate(parents) if p is a]
        if len(positions) != 1:
            raise fail(f"✗ {what} (k a plain number): a should be one of the parents, once.",
                       "parents_wrong", cause="record the operand Value itself as a parent",
                       section=section)
        local = _local(out, positions[0], what, section)
        def along(v, op=op, what=what):
            return np.asarray(_call(op, Value(v), what=what, section=section).data)
        own = elementwise_derivative(along, np.asarray(a_data, dtype=float))
        _compare_local(f"the local derivative of {what} with respect to a", local, own, section)


# =========================================================================== 2 · backward

def random_graph(Value, rng: np.random.Generator, case: int) -> list:
    """Values made with the constructor: 2-4 inputs, then 3-7 values each made from 1-3
    earlier ones (a value may be used several times), local derivatives drawn at random.
    The last one is the output. Case 0 holds plain floats, the others arrays of one shape."""
    shape = None if case == 0 else (int(rng.integers(2, 4)),)

    def draw():
        return float(rng.uniform(-2, 2)) if shape is None else rng.uniform(-2, 2, size=shape)

    nodes = [Value(draw()) for _ in range(int(rng.integers(2, 5)))]
    for _ in range(int(rng.integers(3, 8))):
        count = int(rng.integers(1, 4))
        # the latest value is always a parent: the output depends on (almost) everything
        picks = [len(nodes) - 1, *(int(i) for i in rng.integers(0, len(nodes), size=count - 1))]
        nodes.append(Value(draw(), [nodes[i] for i in picks], [draw() for _ in picks]))
    return nodes


def _reachable(output) -> list:
    found, stack, seen = [], [output], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        stack.extend(node.parents)
    return found


def _check_order(order, output, what: str) -> None:
    if not isinstance(order, (list, tuple)):
        raise fail(f"✗ {what} returned {type(order).__name__}, not a list of Values.",
                   "returned_none" if order is None else "wrong_type",
                   cause="return the list of the Values in topological order (did you forget "
                         "`return order`?)", section=SECTION_ORDER)
    ids = [id(v) for v in order]
    reachable = {id(v) for v in _reachable(output)}
    if len(set(ids)) != len(ids):
        raise fail(f"✗ {what} lists a value more than once.", "visits_shared_node_twice",
                   cause="a value that fans out is reached along several paths; visit it only "
                         "once (remember the visited values in a set and skip them)",
                   section=SECTION_ORDER)
    if set(ids) - reachable:
        raise fail(f"✗ {what} lists a value that the output does not depend on.",
                   "order_extra", cause="follow `parents` from the output, and nothing else",
                   section=SECTION_ORDER)
    if reachable - set(ids):
        raise fail(f"✗ {what} misses {len(reachable - set(ids))} of the "
                   f"{len(reachable)} values the output depends on.", "order_incomplete",
                   cause="follow `parents` from the output all the way back to the values "
                         "made directly, and include the output itself", section=SECTION_ORDER)
    position = {id(v): i for i, v in enumerate(order)}
    for node in order:
        if any(position[id(p)] > position[id(node)] for p in node.parents):
            raise fail(f"✗ {what} lists a value before one of its parents.", "wrong_order",
                       cause="in topological order every value comes after all of its parents: "
                             "add a value to the list only after all of its parents are in it",
                       section=SECTION_ORDER)
    if order[-1] is not output:
        raise fail(f"✗ {what} does not end with the output.", "wrong_order",
                   cause="the output is computed from everything else, so it comes last",
                   section=SECTION_ORDER)


def _grads(nodes) -> list:
    return [np.array(numbers(n.grad), dtype=float) if numbers(n.grad) is not None else None
            for n in nodes]


def _check_chain_rule(nodes, output, what: str) -> None:
    """output.grad is one; every other value's grad is the sum, over each use of it as a
    parent, of local derivative × the user's grad (the student's own numbers)."""
    shape = np.shape(output.data)
    got = numbers(output.grad)
    if got is None or not np.allclose(np.broadcast_to(got, shape) if got.size in (1, np.prod(
            shape, dtype=int)) else got, np.ones(shape)):
        raise fail(f"✗ after {what}, the output's grad is {output.grad!r}, not 1.",
                   "output_grad_not_one",
                   cause="the backward pass starts with d(output)/d(output) = 1 at the output "
                         "(ones of its data's shape)", section=SECTION_SWEEP)
    reached = _reachable(output)
    uses: dict[int, list] = {id(n): [] for n in reached}
    for user in reached:
        for parent, local in zip(user.parents, user.local_grads):
            uses[id(parent)].append((local, user))
    for node in reached:
        if node is output:
            continue
        grad = numbers(node.grad)
        if grad is None:
            raise fail(f"✗ after {what}, a value's grad is {type(node.grad).__name__}, not a "
                       f"number or an array.", "wrong_type",
                       cause="grad holds numbers: zeros of data's shape before the pass, then "
                             "the sum of what arrives", section=SECTION_SWEEP)
        parts = [np.asarray(local, dtype=float) * np.asarray(user.grad, dtype=float)
                 for local, user in uses[id(node)]]
        total = np.broadcast_to(sum(parts), np.shape(node.data))
        if grad.shape != total.shape:
            raise fail(f"✗ after {what}, a value's grad has shape {grad.shape}, its data "
                       f"{total.shape}.", "wrong_shape",
                       cause="each grad has the shape of its value's data (np.zeros_like, "
                             "np.ones_like)", section=SECTION_SWEEP)
        if np.allclose(grad, total, rtol=CHAIN_RTOL, atol=CHAIN_ATOL):
            continue
        if len(parts) > 1 and any(np.allclose(grad, p, rtol=CHAIN_RTOL, atol=CHAIN_ATOL)
                                  for p in parts):
            raise fail(f"✗ after {what}, a value used {len(parts)} times holds the gradient of "
                       f"one use only.", "forgot_to_accumulate",
                       cause="where a value fans out, what arrives from each use must ADD UP "
                             "(+=, or grad = grad + ...); `=` keeps only the last one",
                       section=SECTION_ACCUMULATE)
        raise fail(f"✗ after {what}, a value's grad is not the sum over its uses of (local "
                   f"derivative × the grad of the value computed from it).", "not_chain_rule",
                   cause="visit the values in reverse topological order, so that a value hands "
                         "its grad on only when every value computed from it has delivered "
                         "its part, and hand on local derivative × grad to each parent, once",
                   section=SECTION_WRONG_ORDER)


def backward(Value, topological_order, backward, seed: int | None = None) -> None:
    rng = rng_for("backward", seed)
    if not callable(getattr(Value, "backward", None)):
        raise fail("✗ Value has no method backward().", "not_attached",
                   cause="keep the line `Value.backward = backward` after your function",
                   section=SECTION_ORDER)
    for case in ORDER:
        nodes = random_graph(Value, rng, case)
        output = nodes[-1]
        order = _call(topological_order, output, what="topological_order(output)",
                      section=SECTION_ORDER)
        _check_order(order, output, "topological_order(output)")
        _call(output.backward, what="output.backward()", section=SECTION_SWEEP)
        _check_chain_rule(nodes, output, "output.backward()")
        first = _grads(nodes)
        _call(output.backward, what="output.backward() (a second time)", section=SECTION_RESET)
        again = _grads(nodes)
        for before, after in zip(first, again):
            if before is None or after is None or before.shape != after.shape:
                continue
            if not np.allclose(after, before, rtol=1e-12, atol=1e-12):
                doubled = np.allclose(after, 2 * before, rtol=1e-9, atol=1e-12)
                raise fail("✗ calling output.backward() a second time changed the gradients"
                           + (" (they doubled)." if doubled else "."), "gradient_not_reset",
                           cause="backward first sets the grad of every value in the order to "
                                 "zero (and the output's to one), then adds up: without that, "
                                 "the second pass adds onto the first", section=SECTION_RESET)
    _shared_outputs(Value, rng)


def _shared_outputs(Value, rng: np.random.Generator) -> None:
    """y1 = f(a, b) and y2 = g(b, c) share b: after y1.backward() and then y2.backward(),
    b and c hold derivatives of y2 alone (the chain rule on y2's graph)."""
    a, b, c = (Value(float(v)) for v in rng.uniform(-2, 2, size=3))
    y1 = Value(1.0, [a, b], [float(rng.uniform(0.5, 2)), float(rng.uniform(0.5, 2))])
    y2 = Value(2.0, [b, c], [float(rng.uniform(0.5, 2)), float(rng.uniform(0.5, 2))])
    _call(y1.backward, what="y1.backward()", section=SECTION_RESET)
    _call(y2.backward, what="y2.backward() after y1.backward()", section=SECTION_RESET)
    for node, local in ((b, y2.local_grads[0]), (c, y2.local_grads[1])):
        if not np.allclose(numbers(node.grad), local, rtol=1e-12, atol=1e-12):
            raise fail("✗ y1 and y2 share a value b: after y1.backward() and then "
                       "y2.backward(), b.grad still holds a part of y1's gradient.",
                       "gradient_not_reset",
                       cause="backward starts the grad of every value of its own graph at "
                             "zero before it adds up, so that each grad is a derivative of the "
                             "latest output alone", section=SECTION_RESET)


# =========================================================================== 3 · more ops

OPS = {"exp": (lambda v: v.exp(), -2.0, 2.0), "log": (lambda v: v.log(), 0.2, 4.0),
       "relu": (lambda v: v.relu(), -3.0, 3.0)}
POWERS = (2, 3, -1, 0.5)


def more_ops(Value, seed: int | None = None) -> None:
    rng = rng_for("more_ops", seed)
    section = SECTION_OPS
    calls = [(name, op, low, high) for name, (op, low, high) in OPS.items()]
    calls += [(f"x ** {k}", (lambda v, k=k: v ** k), 0.3, 3.0) for k in POWERS]
    for case in ORDER:
        for what, op, low, high in calls:
            (data,) = _operands(rng, 1, case, low, high)
            if what == "relu":     # away from the kink: the numerical derivative is fine there
                data = np.where(np.abs(data) < 0.1, 0.5, data) if case else \
                    (data if abs(data) >= 0.1 else 0.5)
            x = Value(data)
            kept = np.copy(x.data)
            label = f"x.{what}()" if what in OPS else what
            out = _call(op, x, what=label, section=section)
            _require_value(Value, out, label, section)
            parents = getattr(out, "parents", None)
            if not (isinstance(parents, (tuple, list)) and len(parents) == 1
                    and parents[0] is x):
                extra = (" (a number exponent k is a constant, not a node)"
                         if what.startswith("x **") else "")
                raise fail(f"✗ {label}: `parents` should be (x,), x itself{extra}.",
                           "parents_wrong", cause="a one-input node has one parent, the Value "
                                                  "it was computed from", section=section)
            _same_data(kept, x, label, section)
            local = _local(out, 0, label, section)

            def own(v, op=op, label=label):
                return np.asarray(_call(op, Value(v), what=label, section=section).data)
            _compare_local(f"the local derivative of {label}", local,
                           elementwise_derivative(own, np.asarray(data, dtype=float)), section)
    at_zero = Value(np.array([0.0, -1.0, 1.0]))
    out = _call(lambda v: v.relu(), at_zero, what="x.relu()", section=section)
    local = _local(out, 0, "x.relu()", section)
    if np.size(local) == 3 and float(np.asarray(local).ravel()[0]) != 0.0:
        raise fail(f"✗ the local derivative of relu at exactly 0 is "
                   f"{float(np.asarray(local).ravel()[0]):g}, not 0.", "relu_at_zero",
                   cause="the course's convention (chapter 4): at x = 0 the switch is off, so "
                         "the local derivative there is 0 (compare with > 0, not >= 0)",
                   section=section)


# =========================================================================== 4 · graphs

BILL_INPUTS = ["apple", "apple_num", "orange", "orange_num", "tax"]


def _expect_engine(recorded: instances_recorded, least: int, what: str, section: str) -> None:
    made = recorded.created["Value"]
    if len(made) < least:
        raise fail(f"✗ {what} should compute with Values: it made {len(made)} of them.",
                   "not_built_with_values",
                   cause="turn the inputs into Values and compute the output with your +, * "
                         "(and the other operations), so that the graph is recorded",
                   section=section)
    if not any(v._backward_calls for v in made):
        raise fail(f"✗ {what} never called backward() on a Value.", "backward_not_called",
                   cause="the gradients must come from the engine: call backward() on the "
                         "output Value once, then read the inputs' grad", section=section)


def _returned(result, size: int, what: str, shape: str, section: str) -> tuple:
    if not (isinstance(result, tuple) and len(result) == size):
        raise fail(f"✗ {what} should return {shape}, but returned {type(result).__name__}.",
                   "wrong_return", cause=f"return {shape.strip('()')} as one tuple",
                   section=section)
    return result


def _number(value, what: str, section: str) -> None:
    if numbers(value) is None:
        kind = "a Value" if hasattr(value, "parents") else type(value).__name__
        raise fail(f"✗ {what} should be a number or an array, but is {kind}.",
                   "returned_none" if value is None else "wrong_type",
                   cause="return the .data (and .grad) of the Values, not the Values themselves",
                   section=section)


def _own_derivative(fn: Callable, inputs: list, position: int, what: str,
                    section: str) -> np.ndarray:
    def along(v):
        args = list(inputs)
        args[position] = v
        return np.asarray(_call(fn, *args, what=what, section=section)[0], dtype=float)
    return elementwise_derivative(along, np.asarray(inputs[position], dtype=float))


def engine_graphs(apple_orange_engine, fanout_engine, seed: int | None = None) -> None:
    rng = rng_for("engine_graphs", seed)
    for case in ORDER:
        inputs = [np.abs(v) + 0.5 for v in _operands(rng, 5, case)]
        _one_graph(apple_orange_engine, "apple_orange_engine", inputs, 5, "(price, grads)",
                   BILL_INPUTS, SECTION_GRAPHS)
        _one_graph(fanout_engine, "fanout_engine", _operands(rng, 3, case), 4,
                   "(f, df_da, df_db, df_dc)", list("abc"), SECTION_ACCUMULATE)


def _one_graph(fn, what: str, inputs: list, least: int, shape: str, names: list,
               section: str) -> None:
    namespace = getattr(fn, "__globals__", None)
    if not isinstance(namespace, dict) or not isinstance(namespace.get("Value"), type):
        raise fail(f"✗ `Value` is not defined as a class where {what} can see it.",
                   "not_defined", cause="run the cells above first", section=section)
    with instances_recorded(namespace, "Value") as recorded:
        result = _call(fn, *inputs, what=what, section=section)
        size = 2 if what == "apple_orange_engine" else 4
        out, *rest = _returned(result, size, what, shape, section)
        _expect_engine(recorded, least, what, section)
    _number(out, f"the output of {what}", section)
    if what == "apple_orange_engine":
        grads = rest[0]
        if not isinstance(grads, Mapping) or any(k not in grads for k in names):
            raise fail(f"✗ {what}'s grads should be a dict with the keys {names}.",
                       "missing_keys", cause="one entry per input, under exactly these keys",
                       section=section)
        got = [grads[k] for k in names]
    else:
        got = rest
    for i, (name, value) in enumerate(zip(names, got)):
        _number(value, f"the gradient for {name}", section)
        own = _own_derivative(fn, inputs, i, what, section)
        expect_close(f"{what}: ∂/∂{name} (compared with the numerical derivative of your own "
                     f"output)", value, own, rtol=GRAPH_RTOL, atol=1e-7, section=section)


# =========================================================================== 5 · the network

PARAMS = ["W1", "b1", "W2", "b2"]


def random_network(rng: np.random.Generator) -> tuple:
    """x (D,), t, params of a D-H-C network, hidden pre-activations away from ReLU's kink."""
    D, H, C = int(rng.integers(2, 4)), int(rng.integers(2, 5)), int(rng.integers(2, 4))
    while True:
        x = rng.uniform(-2, 2, size=D)
        params = {"W1": rng.normal(0, 0.8, (D, H)), "b1": rng.normal(0, 0.3, H),
                  "W2": rng.normal(0, 0.8, (H, C)), "b2": rng.normal(0, 0.3, C)}
        if np.min(np.abs(x @ params["W1"] + params["b1"])) > 0.05:
            return x, int(rng.integers(0, C)), params


def net_gradient(net_gradient, seed: int | None = None) -> None:
    rng = rng_for("net_gradient", seed)
    what, section = "net_gradient", SECTION_NET
    for _ in range(3):
        x, t, params = random_network(rng)
        kept = {k: v.copy() for k, v in params.items()}
        namespace = getattr(net_gradient, "__globals__", None)
        if not isinstance(namespace, dict) or not isinstance(namespace.get("Value"), type):
            raise fail("✗ `Value` is not defined as a class where net_gradient can see it.",
                       "not_defined", cause="run the cells above first", section=section)
        with instances_recorded(namespace, "Value") as recorded:
            result = _call(net_gradient, x, t, params, what=what, section=section)
            loss, grads = _returned(result, 2, what, "(loss, grads)", section)
            _expect_engine(recorded, sum(v.size for v in params.values()), what, section)
        _number(loss, "the loss", section)
        if numbers(loss).size != 1:
            raise fail("✗ the loss should be one number.", "wrong_shape",
                       cause="return loss.data of the output Value", section=section)
        if any(not np.array_equal(kept[k], params[k]) for k in PARAMS):
            raise fail("✗ net_gradient changed the arrays of params.", "input_mutated",
                       cause="read the parameters; do not write into them", section=section)
        if not isinstance(grads, Mapping) or any(k not in grads for k in PARAMS):
            raise fail(f"✗ grads should be a dict with the keys {PARAMS}.", "missing_keys",
                       cause="one array per parameter, under exactly these keys",
                       section=section)
        for name in PARAMS:
            def loss_of(w, x=x, t=t, params=params):
                return _call(net_gradient, x, t, params, what=what, section=section)[0]
            own = gradcheck.numerical_gradient(loss_of, params[name])
            got = numbers(grads[name])
            if got is None or got.shape != own.shape:
                raise fail(f"✗ grads[{name!r}] should be an array of shape {own.shape}, like "
                           f"params[{name!r}].", "wrong_shape",
                           cause="collect each element's grad into an array of the "
                                 "parameter's shape", section=section)
            expect_close(f"∂L/∂{name} (compared with the numerical gradient of your own loss)",
                         got, own, rtol=GRAPH_RTOL, atol=1e-7, section=section)
