"""Judges for the usual shapes of a test cell: a function of numbers or arrays, and a layer
with forward and backward (its outputs, its gradients, and the caller's arrays afterwards).

Each chapter's module (autograder/judging/LAB.py) builds its judges from these, passing
the likely causes of its known mistakes as *suspects*: {label: (the array that mistake
produces on these inputs, its words)}, computed here from the reference's own values.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from autograder.checks import behaviour
from autograder.checks.diagnose import Diagnosis, diagnose, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.words import catalogue, say
from autograder.judging.judge import Case, Judge
from autograder.judging.numerical import Analytic
from autograder.judging.program import Raised, call, get, let, ref, unwatch, watch

WORDS = catalogue({
    "layers.dout_after": {"en": "dout after {cls}.backward(dout) (it must not change)",
                          "ko": "{cls}.backward(dout) 호출 뒤의 dout (바뀌면 안 됩니다)"},
    "layers.grad_after_backward": {"en": "{cls}.{attr} after backward",
                                   "ko": "backward 뒤의 {cls}.{attr}"},
    "layers.after_forward": {"en": "{cls}.{attr} after forward",
                             "ko": "forward 뒤의 {cls}.{attr}"},
    "layers.input_after": {"en": "input {number} after the calls (it must not change)",
                           "ko": "호출 뒤의 입력 {number} (바뀌면 안 됩니다)"},
    "layers.dout_mutated": {
        "en": "{cls}.backward changed the dout array it was given (in-place mutation): {cause}",
        "ko": "{cls}.backward가 받은 dout 배열을 바꿨습니다 (제자리 변경). {cause}"},
    "layers.input_mutated": {
        "en": "{cls}.forward changed its input number {number} in place: {cause}",
        "ko": "{cls}.forward가 {number}번째 입력을 제자리에서 바꿨습니다. {cause}"},
    "layers.not_saved": {
        "en": "backward reads something forward did not save. forward must store what backward "
              "needs on the layer (self.out = out, self.mask = ..., self.x = x); a local "
              "variable disappears when forward returns",
        "ko": "backward가 forward에서 저장하지 않은 값을 읽습니다. forward는 backward에 필요한 "
              "값을 계층에 저장해야 합니다 (self.out = out, self.mask = ..., self.x = x). "
              "지역 변수는 forward가 반환하면 사라집니다"},
    "layers.without_dout": {"en": "backward is not proportional to dout: {cause}",
                            "ko": "backward의 결과가 dout에 비례하지 않습니다. {cause}"},
})

CASES = 4

# suspects(case, name, want) -> {label: (array a mistake gives, its words)} for one result
Suspects = Callable[[Case, str, object], dict]


def shape(rng, dims: int | None = None) -> tuple:
    dims = int(rng.integers(1, 4)) if dims is None else dims
    return tuple(int(v) for v in rng.integers(1, 5, size=dims))


def operands(rng, n: int, case: int, low=-3.0, high=3.0) -> list:
    """n operands: plain floats in case 0, then arrays of one random shape."""
    if case == 0:
        return [float(v) for v in rng.uniform(low, high, size=n)]
    drawn = shape(rng)
    return [rng.uniform(low, high, size=drawn) for _ in range(n)]


def explainer(suspects: Suspects | None, section: str | None, **context) -> Callable:
    """An explain(name, case, got, want) that tries the suspects, then the general causes
    (autograder/checks/diagnose.py), on the first part of a result that differs."""
    def explain(name, case, got, want):
        if isinstance(got, Raised):
            return None
        parts = _first_differing_part(got, want)
        if parts is None:
            return None
        index, got_part, want_part = parts
        found = dict(suspects(case, name, want) if suspects else {})
        found = {label: (_part(array, index), text) for label, (array, text) in found.items()}
        found = {label: pair for label, pair in found.items() if pair[0] is not None}
        want_array = numbers(want_part)
        if want_array is None:
            return None
        diagnosis = diagnose(got_part, want_array, suspects=found, section=section, **context)
        return None if diagnosis.name == "unexplained" else diagnosis
    return explain


def _part(value, index):
    if index is None:
        return value
    if isinstance(value, (tuple, list)) and len(value) > index:
        return value[index]
    return None


def _first_differing_part(got, want):
    """(index or None, got part, want part) of the first element of a tuple result that
    differs; the whole value for a single result."""
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return None
        for i, (g, w) in enumerate(zip(got, want)):
            g_array, w_array = numbers(g), numbers(w)
            if g_array is None or w_array is None or g_array.shape != w_array.shape or not \
                    np.allclose(g_array, w_array, rtol=1e-6, atol=1e-9, equal_nan=True):
                return i, g, w
        return None
    return None, got, want


def function_judge(name: str, target: str, make_args, seed: int | None, cases: int = CASES,
                   suspects: Suspects | None = None, section: str | None = None,
                   **options) -> Judge:
    """A function called on fresh arguments per case; its result compared with the
    reference's."""
    rng = rng_for(f"judge {name}", seed)
    built = []
    for number in range(cases):
        args = make_args(rng, number)
        built.append(Case([call("result", target, *args)], inputs={"args": args}))
    options.setdefault("explain", explainer(suspects, section))
    return Judge(name, built, labels={"result": f"{target}(…)"}, **options)


def layer_judge(name: str, cls: str, make_case, seed: int | None, grad_attrs=(),
                cases: int = CASES, backward: bool = True, probes: Sequence = (),
                suspects: Suspects | None = None, section: str | None = None,
                analytic: Analytic | None = None, watched: Sequence[str] = (),
                after_forward: Sequence[str] = (), **options) -> Judge:
    """Forward and backward of a layer on fresh inputs, its gradient attributes, and the
    caller's arrays afterwards (a layer must not change its inputs or dout).

    make_case(rng, number) -> (init args, inputs, dout); probes: more (init, inputs, dout)
    cases, compared at analytic precision by ``analytic`` (numerical.Analytic), which also
    gets the calls of ``watched`` (default: the layer's forward and the provided
    numerical_gradient) counted while backward runs. after_forward: attributes read right
    after forward (a mask), compared before the gradients."""
    rng = rng_for(f"judge {name}", seed)
    drawn = [make_case(rng, number) for number in range(cases)]
    watched = list(watched) or [f"{cls}.forward", "numerical_gradient"]
    built = [_layer_case(cls, *parts, grad_attrs, backward, watched, after_forward)
             for parts in drawn]
    built += [_layer_case(cls, *parts, grad_attrs, backward, watched, after_forward, probe=True)
              for parts in probes]
    labels = {"layer": f"{cls}(…)", "out": f"{cls}.forward(…)", "grads": f"{cls}.backward(dout)",
              "after_dout": say("layers.dout_after", cls=cls)}
    labels.update({f"grad_{a}": say("layers.grad_after_backward", cls=cls, attr=a)
                   for a in grad_attrs})
    labels.update({a: say("layers.after_forward", cls=cls, attr=a) for a in after_forward})
    labels.update({f"after_in{i}": say("layers.input_after", number=i + 1) for i in range(4)})
    options.setdefault("explain", layer_explainer(cls, suspects, section))
    return Judge(name, built, labels=labels, numerical=analytic, **options)


def _layer_case(cls, init, inputs, dout, grad_attrs, backward, watched, after_forward,
                probe=False) -> Case:
    names = [f"in{i}" for i in range(len(inputs))]
    steps = [let(n, v) for n, v in zip(names, inputs)] + [let("dout", dout)]
    steps += [call("layer", cls, *init), call("out", "layer.forward", *[ref(n) for n in names])]
    steps += [get(a, f"layer.{a}") for a in after_forward]
    if backward:
        steps += [watch("calls", watched), call("grads", "layer.backward", ref("dout")),
                  unwatch("calls")]
    steps += [get(f"grad_{a}", f"layer.{a}") for a in grad_attrs]
    steps += [get(f"after_{n}", n) for n in names] + [get("after_dout", "dout")]
    return Case(steps, inputs={"init": init, "inputs": inputs, "dout": dout}, probe=probe)


def layer_explainer(cls: str, suspects: Suspects | None, section: str | None) -> Callable:
    """Likely causes for a layer: the chapter's suspects for its results, a backward that
    leaves dout out, and the caller's arrays changed in place."""
    def layer_suspects(case, name, want):
        found = dict(suspects(case, name, want) if suspects else {})
        if name == "grads" or name.startswith("grad_"):
            found.update(_without_dout(case, want))
        return found

    values = explainer(layer_suspects, section)

    def explain(name, case, got, want):
        if name == "after_dout":
            return Diagnosis("dout_mutated", say("layers.dout_mutated", cls=cls,
                                                 cause=say(behaviour.DOUT_MUTATED)), section)
        if name.startswith("after_in"):
            number = int(name.removeprefix("after_in")) + 1
            return Diagnosis("input_mutated", say("layers.input_mutated", cls=cls, number=number,
                                                  cause=say(behaviour.INPUT_MUTATED)), section)
        if isinstance(got, Raised) and got.name == "AttributeError" and name == "grads":
            return Diagnosis("missing_attribute", say("layers.not_saved"), section)
        return values(name, case, got, want)
    return explain


def _without_dout(case: Case, want) -> dict:
    """What backward gives when it never multiplies by dout: the local derivative alone."""
    dout = numbers(case.inputs.get("dout"))
    if dout is None or np.any(dout == 0):
        return {}
    text = say("layers.without_dout", cause=say(behaviour.NOT_LINEAR))
    parts = [numbers(w) for w in want] if isinstance(want, (tuple, list)) else [numbers(want)]
    if any(p is None or p.shape != dout.shape and p.shape != _broadcast(p, dout) for p in parts):
        return {}          # not elementwise in dout (an Affine's dx): no such suspect
    divided = tuple(p / dout for p in parts)
    return {"without dout": (divided if isinstance(want, (tuple, list)) else divided[0], text)}


def _broadcast(a: np.ndarray, b: np.ndarray):
    try:
        return np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return None

