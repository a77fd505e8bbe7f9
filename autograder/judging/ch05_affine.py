"""Judges of lab ch05_affine: the shapes of an Affine layer, its forward and backward.

* ``affine_shapes_test``: random x shapes (N = 1 and more, 2-D and N-d such as
  (N, 1, 28, 28)) with W shapes that fit, then one that does not (ValueError expected);
  each wrong shape gets its named cause.
* ``affine_forward_test``: a batch of one, of N, N-d inputs, then a layer whose W and b
  are changed in place between two forward calls (a training step does that).
* ``affine_backward_test``: the same kinds of input; dx, self.dW, self.db and the caller's
  arrays, with the named causes of the known mistakes (wrong shapes first, then values).

A numerical backward earns nothing (autograder/judging/numerical.py). While backward runs,
the calls of Affine.forward and of the provided numerical_gradient are counted (an
analytic backward makes none). Probe cases have a bias of size 1e11 to 1e12 and inputs of
size 1e3 to 1e4: dx = dout·Wᵀ, dW = xᵀ·dout and db = Σ dout do not depend on b, so every
analytic style is exact to rounding there, while any difference of the layer's output
(x·W + b)·dout, which is ~1e12, loses the digits of a step: with h = 1e-5 the bias does not
even change (its spacing is 1e-4). Probes are compared per element to
ANALYTIC_K·eps·(the sum of the absolute products that make the element), the rounding
bound of a sum of products (tests/test_numerical.py reports the margins). Not caught by
values: a difference quotient of a function the student wrote without the bias, with a
step of 1 or more (exact for a linear map); such code is caught by its calls only when it
goes through forward or numerical_gradient.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import behaviour
from autograder.checks.ch05_affine import (
    PARAMETER_COPIED,
    PRODUCTS,
    SECTION,
    SECTION_BATCH,
    SECTION_CENTER,
    SECTION_ND,
    SHAPE_KEYS,
    as_shape,
    flatten_cause,
    gradient_shape_diagnosis,
    output_shape_cause,
    parameter_missing_cause,
    random_shape_case,
    shape_changed_cause,
)
from autograder.checks.diagnose import Diagnosis, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.sections import see
from autograder.judging.judge import (
    NOT_WRITTEN,
    Case,
    Finding,
    Judge,
    compare_cases,
    unchanged_arguments,
)
from autograder.judging.layers import explainer, layer_judge
from autograder.judging.numerical import EPS, Analytic
from autograder.judging.program import Raised, call, let, ref

SECTION_DERIVED = see("ch05_affine", "4 · Deriving the backward formulas", "§5.6.1-§5.6.2")
BOOK_PRINTED_2D = ("the lab's Affine takes x of any shape (N, d1, d2, …) and flattens it, as "
                   "the book's common/layers.py does; the shorter class printed in §5.6.2 "
                   "assumes a 2-D x")
ANALYTIC_K = 16     # probe tolerance: ANALYTIC_K·eps·Σ|a||b| per element, calibrated in tests
REGULAR_ATOL = 1e-7  # regular cases: far below any mistake, above a numerical backward's noise


# =========================================================================== inputs


def _draw(rng, kind: str):
    """(W, b), (x,), dout for kind "single" (N = 1, 2-D), "batch" (N ≥ 2, 2-D), "nd" (3-D
    or 4-D x such as (N, 1, 4, 4)) or "images" ((N, c, h, w) with h, w ≥ 2: the last axis is
    never all of D)."""
    n = {"single": 1, "nd": int(rng.choice([1, int(rng.integers(2, 4))]))}.get(
        kind, int(rng.integers(2, 6)))
    if kind in ("single", "batch"):
        axes = (int(rng.integers(1, 6)),)
    elif kind == "images":
        axes = (int(rng.integers(1, 3)), int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    elif rng.random() < 0.3:
        axes = (1, 4, 4)
    else:
        axes = tuple(int(k) for k in rng.integers(1, 4, size=int(rng.integers(2, 4))))
    d, m = int(np.prod(axes)), int(rng.integers(1, 6))
    x = rng.standard_normal((n, *axes))
    W, b = rng.standard_normal((d, m)), rng.standard_normal(m)
    return (W, b), (x,), rng.standard_normal((n, m))


KINDS = ("single", "batch", "nd", "images")


def affine_case(rng, number):
    return _draw(rng, KINDS[number % len(KINDS)])


def _probes(rng):
    """A 2-D batch and an image batch with a bias of 1e11-1e12 and inputs of 1e3-1e4."""
    probes = []
    for axes in ((int(rng.integers(2, 6)),),
                 (1, int(rng.integers(2, 4)), int(rng.integers(2, 4)))):
        n, m = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        d = int(np.prod(axes))
        x = rng.choice([-1.0, 1.0], size=(n, *axes)) * 10.0 ** rng.uniform(3, 4, (n, *axes))
        b = rng.choice([-1.0, 1.0], size=m) * 10.0 ** rng.uniform(11, 12, m)
        probes.append(((rng.standard_normal((d, m)), b), (x,), rng.standard_normal((n, m))))
    return probes


def _parts(case: Case):
    """(x, x flattened to (N, D), W, b, dout) of a layer case."""
    (W, b), (x,), dout = case.inputs["init"], case.inputs["inputs"], case.inputs["dout"]
    return x, x.reshape(len(x), -1), W, b, dout


def analytic_tolerance(case, name, want):
    """ANALYTIC_K·eps times the sum of |terms| of each element: the rounding bound of the
    products dout·Wᵀ, xᵀ·dout and of the sum Σ dout, whatever their order."""
    x, x2d, W, _, dout = _parts(case)
    a = np.abs
    if name == "grads":
        bound = (a(dout) @ a(W).T).reshape(x.shape)
    elif name == "grad_dW":
        bound = a(x2d).T @ a(dout)
    else:
        bound = a(dout).sum(axis=0)
    return ANALYTIC_K * EPS * bound + np.finfo(float).tiny




# =========================================================================== causes


def _suspects(case: Case, name: str, want) -> dict:
    """{label: (what a known mistake gives on these inputs, its words)}."""
    x, x2d, W, b, dout = _parts(case)
    n, (d, m) = len(x), W.shape
    without = "backward is not proportional to dout: " + behaviour.NOT_LINEAR
    mean = ("is divided by N = {n}, the batch size: in backward every sample adds its own "
            "contribution and nothing is averaged. The mean over the batch belongs to the "
            "loss, whose 1/N is already inside dout (from Softmax-with-Loss)")
    if name in ("out", "out_W", "out_b"):
        moved = case.inputs.get("moved")
        if moved is not None:                   # W (then b) changed in place in between
            W1 = W + moved[0]
            b1 = b + moved[1] if name == "out_b" else b
            if name == "out_W":
                W = W1
            elif name == "out_b":
                W, b = W1, b1
        found = {"no bias": (x2d @ W, "out equals x·W: the bias is missing, out = x·W + b (b is "
                                      "added to every row)"),
                 "bias subtracted": (x2d @ W - b, "out equals x·W − b: the bias is added, "
                                                  "out = x·W + b")}
        if moved is not None and name != "out":
            W0, b0 = case.inputs["init"]
            param = name[-1]
            found["copied"] = (x2d @ W0 + b0, Diagnosis("parameter_copied", _copied(param),
                                                        SECTION_BATCH))
            if name == "out_b":
                found["b copied"] = (x2d @ W + b0, Diagnosis("parameter_copied", _copied("b"),
                                                             SECTION_BATCH))
        return found
    if name == "grads":
        found = {"divided by N": ((dout @ W.T / n).reshape(x.shape), "dx " + mean.format(n=n)),
                 "without dout": ((np.ones_like(dout) @ W.T).reshape(x.shape), without)}
        if d == m:      # same shapes: this mistake gives values, not a shape error
            found["dout·W"] = ((dout @ W).reshape(x.shape),
                               "dx = dout · W: the weights must be transposed, dx = dout · Wᵀ "
                               "((N, M)·(M, D) → (N, D)).")
        return found
    if name == "grad_dW":
        found = {"divided by N": (x2d.T @ dout / n, "dW " + mean.format(n=n)),
                 "without dout": (x2d.T @ np.ones_like(dout), without)}
        if d == m:
            found["transposed"] = (dout.T @ x2d, "dW is transposed: dW = xᵀ · dout "
                                   "((D, N)·(N, M) → (D, M)); dout.T · x gives its transpose.")
        return found
    if name == "grad_db":
        found = {"mean": (dout.mean(axis=0), "db is the mean of dout over the batch, but it "
                          "must be the sum, np.sum(dout, axis=0): b is added to every sample's "
                          "output, so every sample adds its whole gradient to db (the 1/N of "
                          "the mean loss is already inside dout)."),
                 "first sample": (dout[0], "db holds only the first sample's row of dout: sum "
                                  "all rows, np.sum(dout, axis=0)."),
                 "ones": (np.ones(m), without), "N ones": (np.full(m, float(n)), without)}
        if n == m:
            found["axis 1"] = (dout.sum(axis=1), "db was summed over axis 1 (the outputs) "
                               "instead of axis 0 (the batch): db = np.sum(dout, axis=0).")
        return found
    return {}


def _copied(name: str) -> str:
    return (f"Affine does not use the {name} it was given: after {name} was changed in place "
            f"(as a training step does, {name} -= lr·d{name}), forward still gave the old "
            f"output. " + PARAMETER_COPIED.format(name=name))


class _Records:
    """The whole record of each case, for causes that need more than one value (the
    attributes a layer has), and the list of attributes, which is never compared."""

    def __init__(self):
        self.by_case: dict[int, dict] = {}

    def decide(self, judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
        self.by_case = {id(case): record for case, record in zip(judge.cases, got)}
        want = [dict(theirs, attrs=mine["attrs"]) if "attrs" in mine and "attrs" in theirs
                else theirs for mine, theirs in zip(got, want)]
        finding = compare_cases(judge, got, want) or unchanged_arguments(judge, got, want)
        if finding and finding.diagnosis and finding.diagnosis.name == "not_flattened":
            finding = Finding(f"{finding.problem} ({BOOK_PRINTED_2D})", finding.diagnosis)
        return finding

    def of(self, case: Case) -> dict:
        return self.by_case.get(id(case), {})


def _explain(records: _Records):
    values = explainer(_suspects, SECTION_BATCH)

    def explain(name, case, got, want):
        x, _, W, _, dout = _parts(case)
        d, m = W.shape
        if name == "after_in0":
            after = numbers(got)
            if after is not None and after.shape != x.shape:
                return Diagnosis("input_mutated", f"Affine.forward changed the shape of the x "
                                 f"it was given from {x.shape} to {after.shape}: "
                                 f"{shape_changed_cause('x')}", SECTION_BATCH)
            return Diagnosis("input_mutated", "Affine.forward changed its input number 1 in "
                             f"place: {behaviour.INPUT_MUTATED}", SECTION_BATCH)
        if name == "after_dout":
            after = numbers(got)
            if after is not None and after.shape != dout.shape:
                return Diagnosis("dout_mutated", f"Affine.backward changed the shape of the "
                                 f"dout it was given from {dout.shape} to {after.shape}: "
                                 f"{shape_changed_cause('dout')}", SECTION_BATCH)
            return Diagnosis("dout_mutated", "Affine.backward changed the dout array it was "
                             f"given (in-place mutation): {behaviour.DOUT_MUTATED}",
                             SECTION_BATCH)
        if name in ("out", "out_W", "out_b"):
            return _forward_cause(name, case, got, want, x, d, m) or \
                values(name, case, got, want)
        if name in ("grads", "grad_dW", "grad_db"):
            return _gradient_cause(name, records.of(case), got, x, d, m) or \
                values(name, case, got, want)
        return None
    return explain


def _forward_cause(name, case, got, want, x, d, m) -> Diagnosis | None:
    if isinstance(got, Raised):
        if got.name != "ValueError":
            return None
        if x.ndim > 2:
            return Diagnosis("not_flattened", flatten_cause(x.shape, d), SECTION_ND)
        return Diagnosis("shapes_do_not_chain", PRODUCTS, SECTION)
    values = numbers(got)
    if values is not None and values.shape != (len(x), m):
        return Diagnosis(*output_shape_cause(x.shape, d, m, values.shape))
    return None


def _gradient_cause(name, record, got, x, d, m) -> Diagnosis | None:
    key = {"grads": "dx", "grad_dW": "dW", "grad_db": "db"}[name]
    if isinstance(got, Raised):
        if got.name == "ValueError":
            return Diagnosis("shapes_do_not_chain", PRODUCTS, SECTION)
        if got.name == "AttributeError":
            if key == "dx":
                return Diagnosis("missing_attribute", "backward reads something forward did "
                                 "not save. forward must store what backward needs on the "
                                 "layer (self.x = x reshaped, self.original_x_shape = x.shape); "
                                 "a local variable disappears when forward returns",
                                 SECTION_BATCH)
            attributes = record.get("attrs")
            attributes = [str(a) for a in attributes] if isinstance(attributes, list) else []
            return Diagnosis("missing_attribute", parameter_missing_cause(key, attributes),
                             SECTION_BATCH)
        return None
    if got is None and key != "dx":
        attributes = record.get("attrs")
        attributes = [str(a) for a in attributes] if isinstance(attributes, list) else []
        return Diagnosis("missing_attribute", f"self.{key} is None after backward: "
                         f"{parameter_missing_cause(key, attributes)}", SECTION_BATCH)
    values = numbers(got)
    shapes = {"dx": x.shape, "dW": (d, m), "db": (m,)}
    if values is not None and values.shape != shapes[key]:
        return Diagnosis(*gradient_shape_diagnosis(key, values.shape, x.shape, d, m),
                         SECTION_BATCH)
    return None


# =========================================================================== judges


def affine_forward_judge(seed):
    records = _Records()
    judge = layer_judge("affine_forward", "Affine", affine_case, seed, backward=False,
                        explain=_explain(records), decide=records.decide)
    rng = rng_for("judge affine_forward shared", seed)
    (W, b), (x,), _ = _draw(rng, "batch")
    dW, db = rng.uniform(0.5, 1.5, W.shape), rng.uniform(0.5, 1.5, b.shape)
    steps = [let("W", W), let("b", b), let("x", x),
             call("layer", "Affine", ref("W"), ref("b")), call("out", "layer.forward", ref("x")),
             call("W_moved", "W.__iadd__", dW), call("out_W", "layer.forward", ref("x")),
             call("b_moved", "b.__iadd__", db), call("out_b", "layer.forward", ref("x"))]
    judge.cases.append(Case(steps, inputs={"init": (W, b), "inputs": (x,), "dout": None,
                                           "moved": (dW, db)}))
    judge.labels.update({"W_moved": "W after W += ΔW (in place, as a training step does)",
                         "b_moved": "b after b += Δb (in place)",
                         "out_W": "Affine.forward(x) after W += ΔW in place",
                         "out_b": "Affine.forward(x) after b += Δb in place"})
    return judge


def affine_backward_judge(seed):
    records = _Records()
    rng = rng_for("judge affine_backward probes", seed)
    judge = layer_judge(
        "affine_backward", "Affine", affine_case, seed, grad_attrs=("dW", "db"),
        probes=_probes(rng), explain=_explain(records), decide=records.decide,
        atol=REGULAR_ATOL,
        analytic=Analytic("Affine.backward", ("grads", "grad_dW", "grad_db"),
                          tolerance=analytic_tolerance, section=SECTION_DERIVED))
    for case in judge.cases:        # the attributes the layer has, right after backward
        at = next(i for i, step in enumerate(case.steps) if step[0] == "unwatch") + 1
        case.steps.insert(at, call("attrs", "layer.__dir__"))
    return judge


# =========================================================================== affine_shapes


def _shapes_cases(seed):
    rng = rng_for("judge affine_shapes", seed)
    cases = []
    for number in range(8):
        x_shape, W_shape = random_shape_case(rng, number)
        cases.append(Case([call("result", "affine_shapes", x_shape, W_shape)],
                          inputs={"x_shape": x_shape, "W_shape": W_shape}))
    x_shape, (d, m) = random_shape_case(rng, 1)      # the last case must raise ValueError
    wrong_d = d + int(rng.integers(1, 4)) if d == 1 or rng.random() < 0.5 else d - 1
    cases.append(Case([call("result", "affine_shapes", x_shape, (wrong_d, m))],
                      inputs={"x_shape": x_shape, "W_shape": (wrong_d, m), "fits": False}))
    return cases


def shape_causes(x_shape: tuple, W_shape: tuple) -> dict[str, list]:
    """{key: [(test(got shape), words)]}: the known wrong shapes of each entry."""
    n, axes = x_shape[0], x_shape[1:]
    d, m = W_shape
    nd = len(axes) > 1
    return {
        "x2d": [
            (lambda s: nd and s == (n, axes[0]),
             f"D is the product of ALL feature axes, {' · '.join(map(str, axes))} = {d}, not "
             "only the first one."),
            (lambda s: nd and s == (n, axes[-1]),
             f"D is the product of all feature axes, {' · '.join(map(str, axes))} = {d}, not "
             "only the last one."),
            (lambda s: s == x_shape and nd,
             "x2d is x flattened to two axes, (N, D): the batch axis and all features in one "
             "row."),
            (lambda s: s == (n * d,), "the batch axis stays: each sample becomes one row of "
             "D numbers, (N, D)."),
        ],
        "out": [
            (lambda s: s == (n, d), "out = x2d · W is (N, D)·(D, M) → (N, M): the inner D "
             "disappears, M remains."),
            (lambda s: s == (m,), "the batch axis stays: one row of M outputs per sample, "
             "(N, M), even when N = 1."),
            (lambda s: s == (m, n), "out is (N, M), one row per sample, not its transpose."),
        ],
        "dx": [
            (lambda s: nd and s == (n, d),
             f"dx has x's ORIGINAL shape {x_shape}: backward computes dout · Wᵀ as (N, D) and "
             "then reshapes it back to the shape x had in forward."),
            (lambda s: s == (d, n), "dx = dout · Wᵀ is (N, M)·(M, D) → (N, D): not (D, N)."),
        ],
        "dW": [
            (lambda s: s == (m, d), "dW = xᵀ · dout is (D, N)·(N, M) → (D, M): W's own "
             "shape, not its transpose."),
            (lambda s: s == (n, m), "dW has W's shape (D, M), not dout's (N, M)."),
        ],
        "db": [
            (lambda s: s == (n, m), "db is summed over the batch: the bias is shared by every "
             "sample, so db has b's shape (M,), not one row per sample."),
            (lambda s: s == (n,), "db has one entry per output, (M,): summed over the batch "
             "axis 0, not over axis 1."),
            (lambda s: s == (1, m), "db has b's shape (M,), without the extra batch axis of "
             "keepdims."),
        ],
    }


SHAPES_GENERIC = ("work it out from the products: out = x2d · W, dx = dout · Wᵀ reshaped to "
                  "x's shape, dW = x2dᵀ · dout, db = dout summed over the batch.")


def _decide_shapes(judge: Judge, got: list[dict], want: list[dict]) -> Finding | None:
    for case, mine, theirs in zip(judge.cases, got, want):
        finding = _shapes_finding(case, mine, theirs)
        if finding:
            return finding
    return None


def _shapes_finding(case: Case, mine: dict, theirs: dict) -> Finding | None:
    x_shape, W_shape = case.inputs["x_shape"], case.inputs["W_shape"]
    text = f"affine_shapes({x_shape}, {W_shape})"
    if "result" not in mine:
        return Finding(f"{text} was never reached")
    got, want = mine["result"], theirs["result"]
    axes = x_shape[1:]
    if isinstance(got, Raised) and got.name == "NotImplementedError":
        return Finding(f"{text} raised NotImplementedError", NOT_WRITTEN)
    if isinstance(want, Raised):               # the shapes do not fit
        if isinstance(got, Raised) and got.name == want.name:
            return None
        cause = (f"x has D = {' · '.join(map(str, axes))} = {int(np.prod(axes))} features per "
                 f"sample but W has {W_shape[0]} rows, so x2d · W cannot be computed: check D "
                 f"against W's rows and `raise ValueError(...)` when they differ")
        if isinstance(got, Raised):
            return Finding(f"{text} raised {got.name}: {got.message}, expected ValueError",
                           Diagnosis("wrong_exception", cause, SECTION))
        shown = ({k: as_shape(v) or v for k, v in got.items()} if isinstance(got, dict)
                 else got)
        return Finding(f"{text} returned {str(shown)[:120]} instead of raising ValueError",
                       Diagnosis("no_value_error", f"it returned shapes instead of raising "
                                 f"ValueError: {cause}", SECTION))
    if isinstance(got, Raised):
        if got.name == "ValueError":
            return Finding(f"{text} raised ValueError: {got.message}, but these shapes fit",
                           Diagnosis("wrong_value_error", f"D is the product of ALL feature "
                                     f"axes of x, {' · '.join(map(str, axes))} = "
                                     f"{W_shape[0]}, which is W's number of rows here. Raise "
                                     f"ValueError only when that product differs from "
                                     f"W_shape[0]", SECTION_BATCH))
        return Finding(f"{text} raised {got.name}: {got.message}")
    if not isinstance(got, dict):
        return Finding(f"{text} should return a dict with keys {SHAPE_KEYS}, but returned "
                       f"{type(got).__name__}",
                       Diagnosis("wrong_type", "affine_shapes returns a dict of shapes",
                                 SECTION_BATCH))
    causes = shape_causes(tuple(x_shape), tuple(W_shape))
    for key in SHAPE_KEYS:
        if key not in got:
            return Finding(f"{text} returned a dict without the key '{key}'",
                           Diagnosis("missing_key", f"the dict has the keys {SHAPE_KEYS}",
                                     SECTION_BATCH))
        shape, expected = as_shape(got[key]), as_shape(want[key])
        if shape == expected:
            continue
        if shape is None:
            return Finding(f"{text}['{key}'] should be a shape, a tuple of ints, but is "
                           f"{str(got[key])[:80]}",
                           Diagnosis(f"shape_{key}", "each entry is a shape: a tuple of ints, "
                                     "like x.shape", SECTION_BATCH))
        words = next((w for test, w in causes[key] if test(shape)), SHAPES_GENERIC)
        return Finding(f"{text}['{key}'] is {shape}, expected {expected}",
                       Diagnosis(f"shape_{key}", words, SECTION_BATCH))
    return None


def affine_shapes_judge(seed):
    return Judge("affine_shapes", _shapes_cases(seed), decide=_decide_shapes,
                 labels={"result": "affine_shapes(x_shape, W_shape)"})


# =========================================================================== Center

CENTER_K = 16   # probe tolerance: CENTER_K·eps·(|dout| + the column mean of |dout|)


def _center_case(rng, number):
    """(N, D) with N in 2..8, D in 1..6; case 2 has D = N (a mean over the wrong axis then
    runs without a shape error)."""
    n = int(rng.integers(2, 9))
    d = n if number == 2 else int(rng.integers(1, 7))
    return (), (rng.standard_normal((n, d)),), rng.standard_normal((n, d))


def _center_probes(rng):
    """x with a per-column offset of 1e11 to 1e12: the exact gradient does not depend on x,
    so every analytic style is exact to rounding, while a difference of the forward at such
    x loses every digit of its step (the spacing of floats near 1e12 is 1.2e-4)."""
    probes = []
    for _ in range(2):
        n, d = int(rng.integers(2, 9)), int(rng.integers(1, 7))
        offset = rng.choice([-1.0, 1.0], size=d) * 10.0 ** rng.uniform(11, 12, size=d)
        x = offset + 10.0 ** rng.uniform(2, 4, size=(n, d)) * rng.standard_normal((n, d))
        probes.append(((), (x,), rng.standard_normal((n, d))))
    return probes


def center_tolerance(case, name, want):
    """The rounding bound of a column mean subtracted from dout, in any order of the sum."""
    dout = np.abs(np.asarray(case.inputs["dout"], dtype=float))
    return CENTER_K * EPS * (dout + dout.mean(axis=0)) + np.finfo(float).tiny


def _center_suspects(case, name, want) -> dict:
    """{label: (what a known mistake gives, its words)}: the slips of each step of the
    derivation (the − node, the copy node, the mean node, the fan-out)."""
    if name != "grads":
        return {}
    dout = np.asarray(case.inputs["dout"], dtype=float)
    n = len(dout)
    column = dout.sum(axis=0)
    found = {
        "direct path only": (dout, "dx equals dout: that is only the direct path from x into "
                             "the − node. x also reaches the output through the mean node "
                             "(fan-out), and the gradients of both paths add"),
        "mean over axis 1": (dout - dout.mean(axis=1, keepdims=True),
                             "the mean was taken over axis 1, the features of one sample: "
                             "μ averages each feature over the batch (axis 0), so the mean "
                             "node's backward shares out a column's gradient among the N "
                             "samples of that column"),
        "no 1/N": (dout - column, "the 1/N of the mean node is missing: μ_j = (x_1j + … + "
                   "x_Nj)/N, so each of the N inputs of a column gets 1/N of the gradient "
                   "that arrived at μ_j"),
        "own row only": (dout * (1.0 - 1.0 / n),
                         "each element counted only its own row's part of the mean path: "
                         "μ_j was copied into all N rows, so the gradient arriving at μ_j is "
                         "the sum over the whole column (the copy node adds, like the bias "
                         "of the Affine layer), and every x_nj gets 1/N of that sum"),
        "sign": (dout + column / n, "the path through the mean has the wrong sign: μ is "
                 "subtracted, so the − node sends −1 times its upstream gradient to μ"),
        "mean of everything": (dout - dout.mean(),
                               "the mean was taken over the whole array (no axis): μ has one "
                               "entry per feature, the mean over the batch axis 0"),
        "1/N twice": (dout - column / n ** 2, "the mean path is divided by N twice: the 1/N "
                      "of the mean node appears once"),
    }
    if n == 1:
        found.pop("sign")
    return found


CENTER_STEPS = "the one you derive from the graph, node by node (the steps of the lab's section 3)"


def center_judge(seed):
    rng = rng_for("judge center probes", seed)
    return layer_judge(
        "center", "Center", _center_case, seed, probes=_center_probes(rng),
        suspects=_center_suspects, section=SECTION_CENTER,
        analytic=Analytic("Center.backward", ("grads",), tolerance=center_tolerance,
                          section=SECTION_CENTER, instead=CENTER_STEPS))


JUDGES = {
    "affine_shapes_test": affine_shapes_judge,
    "affine_forward_test": affine_forward_judge,
    "affine_backward_test": affine_backward_judge,
    "center_test": center_judge,
}
