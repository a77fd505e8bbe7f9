"""Hidden checks of lab ch05_affine, on the student's side: how affine_shapes and the Affine
layer behave (the judges in autograder/judging/ch05_affine.py decide their values).

Every check draws its own random cases (seeded by ``rng_for``): a batch of one and of N,
2-D inputs (N, D) and N-d inputs (N, d1, d2, …) such as (N, 1, 4, 4), and an MNIST-sized
(N, 1, 28, 28) batch whose gradients are checked along random directions.

* ``affine_shapes``: returns a dict of the five shapes, each a tuple of ints.
* ``affine_forward``: forward runs on every kind of input (a crash on an N-d input explains
  the flattening), returns (N, M), leaves the caller's x alone (values and shape), and
  reads the very W and b the layer was given (its output moves when they change in place).
* ``center``: the derive-it-yourself layer (mean-centring over the batch): forward and
  backward run on random (N, D), return arrays of x's shape, the engine's behaviour checks,
  and backward agrees with numerical derivatives of the student's own forward.
* ``affine_backward``: backward runs, stores self.dW and self.db, every gradient has the
  shape of its quantity (named causes for the known wrong shapes), the engine's behaviour
  checks (dout and x not mutated, linear in dout, repeatable, the latest forward, shapes
  and dtypes), and dx, dW, db agree with numerical derivatives of the student's own
  forward.

Nothing here knows the right values: that is the judges' part, on the grader's side.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autograder.checks import behaviour, gradcheck
from autograder.checks.diagnose import fail, numbers
from autograder.checks.runtime import CheckFailed, call, expect_keys, method, rng_for
from autograder.checks.sections import Both, see
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "ch05.shapes_do_not_chain": {
        "en": "the shapes of a matrix product must chain: out = x·W is (N, D)·(D, M) → "
              "(N, M); dx = dout · Wᵀ is (N, M)·(M, D) → (N, D); dW = xᵀ · dout is "
              "(D, N)·(N, M) → (D, M)",
        "ko": "행렬의 곱에서는 형상이 이어져야 합니다. out = x·W는 (N, D)·(D, M) → (N, M), "
              "dx = dout · Wᵀ는 (N, M)·(M, D) → (N, D), dW = xᵀ · dout은 "
              "(D, N)·(N, M) → (D, M)입니다"},
    "ch05.case": {
        "en": "x of shape {x}, W {W}, b {b}",
        "ko": "x의 형상 {x}, W {W}, b {b}"},
    "ch05.not_flattened_raised": {
        "en": "forward must first flatten an N-d input to (N, D) — {flatten}, here "
              "{x_shape} → {flat} — and only then compute x·W + b. Remember the original "
              "shape for backward",
        "ko": "forward는 N차원 입력을 먼저 (N, D)로 평탄화해야 합니다 ({flatten}, 여기서는 "
              "{x_shape} → {flat}). 그다음에 x·W + b를 계산하세요. 원래 형상은 backward를 "
              "위해 기억해 두세요"},
    "ch05.not_flattened": {
        "en": "forward did not flatten x: np.dot of {x_shape} with W works on the last axis "
              "only. Flatten first, {flatten} → {flat}",
        "ko": "forward가 x를 평탄화하지 않았습니다. 형상이 {x_shape}인 배열과 W의 np.dot은 "
              "마지막 축에만 작용합니다. 먼저 평탄화하세요: {flatten} → {flat}"},
    "ch05.shape_assigned": {
        "en": "an assignment to {name}.shape reshapes the caller's array in place. Use "
              "{name}.reshape(...), which returns a new view and leaves the caller's array "
              "alone",
        "ko": "{name}.shape에 대입하면 호출한 쪽의 배열이 제자리에서 형상이 바뀝니다. "
              "{name}.reshape(...)를 쓰세요. 새 뷰를 반환하므로 호출한 쪽의 배열은 그대로 "
              "남습니다"},
    "ch05.shape_changed": {
        "en": "✗ Affine.{where} changed the shape of the {name} it was given from {before} "
              "to {after}.",
        "ko": "✗ Affine.{where}가 전달받은 {name}의 형상을 바꿨습니다: {before} → {after}."},
    "ch05.wrong_output_shape": {
        "en": "the output has one row per sample and one column per output: (N, M) = "
              "{shape}; keep the batch axis even when N = 1",
        "ko": "출력은 샘플마다 한 행, 출력마다 한 열로 (N, M) = {shape}입니다. N = 1일 때도 "
              "배치 축을 유지하세요"},
    "ch05.what_forward_output": {
        "en": "the output of Affine.forward for {case}",
        "ko": "Affine.forward의 출력 ({case})"},
    "ch05.not_an_array": {
        "en": "✗ {what} should be a numpy array of shape {shape}, but is {type}.",
        "ko": "✗ {what}: 형상이 {shape}인 넘파이 배열이어야 하는데 {type}입니다."},
    "ch05.wrong_shape": {
        "en": "✗ {what} has shape {got}, expected {expected}.",
        "ko": "✗ {what}: 형상이 {got}입니다. 기대한 형상은 {expected}입니다."},
    "ch05.forward_returns_nothing": {
        "en": "`return out` is missing at the end of forward",
        "ko": "forward 끝에 `return out`이 빠졌습니다"},
    "ch05.forward_returns_array": {
        "en": "forward returns x·W + b, an array",
        "ko": "forward는 배열 x·W + b를 반환합니다"},
    "ch05.case_sensitive": {
        "en": "Your layer has `self.{found}`: Python names are case-sensitive, and the "
              "network reads self.{name}. ",
        "ko": "계층에 `self.{found}`가 있습니다. 파이썬 이름은 대소문자를 구분하며, 신경망이 "
              "읽는 이름은 self.{name}입니다. "},
    "ch05.store_dW": {
        "en": "{also}backward must store the gradient of the weights as self.{name} (the "
              "book's name)",
        "ko": "{also}backward는 가중치의 기울기를 self.{name}에 저장해야 합니다 (책과 같은 "
              "이름)"},
    "ch05.store_db": {
        "en": "{also}backward must store the gradient of the bias as self.{name} (the book's "
              "name)",
        "ko": "{also}backward는 편향의 기울기를 self.{name}에 저장해야 합니다 (책과 같은 "
              "이름)"},
    "ch05.gradient_not_set_missing": {
        "en": "✗ Affine.backward did not set self.{name} (it is missing after backward).",
        "ko": "✗ Affine.backward가 self.{name}에 아무것도 저장하지 않았습니다 (backward 후에 "
              "이 속성이 없습니다)."},
    "ch05.gradient_not_set_none": {
        "en": "✗ Affine.backward did not set self.{name} (it is None after backward).",
        "ko": "✗ Affine.backward가 self.{name}에 아무것도 저장하지 않았습니다 (backward 후에도 "
              "None입니다)."},
    "ch05.dx_not_reshaped": {
        "en": "dx has the flattened shape (N, D) = {flat}, but x came in as {x_shape}: "
              "reshape it back to the shape x had in forward, "
              "dx.reshape(*self.original_x_shape)",
        "ko": "dx가 평탄화된 형상 (N, D) = {flat}인데, x는 {x_shape} 형상으로 들어왔습니다. "
              "forward에서 x가 가졌던 형상으로 되돌리세요: dx.reshape(*self.original_x_shape)"},
    "ch05.dx_transposed": {
        "en": "dx has shape (D, N) = {shape}, the transpose: dx = dout · Wᵀ, (N, M)·(M, D) → "
              "(N, D). Check the order of the factors of np.dot",
        "ko": "dx의 형상이 전치된 (D, N) = {shape}입니다. dx = dout · Wᵀ, "
              "(N, M)·(M, D) → (N, D)입니다. np.dot의 인수 순서를 확인하세요"},
    "ch05.dW_transposed": {
        "en": "dW has shape (M, D) = {shape}: dW = xᵀ · dout, (D, N)·(N, M) → (D, M) = "
              "{expected}; dout.T · x gives its transpose",
        "ko": "dW의 형상이 (M, D) = {shape}입니다. dW = xᵀ · dout, (D, N)·(N, M) → (D, M) = "
              "{expected}입니다. dout.T · x는 그 전치를 줍니다"},
    "ch05.dW_from_nd_x": {
        "en": "dW was computed from the N-d input {x_shape} (its .T reverses all {axes} "
              "axes): use the flattened x of shape (N, D) = {flat}, dW = x2d.T · dout. Save "
              "the flattened x in forward",
        "ko": "dW를 N차원 입력 {x_shape}에서 계산했습니다 (그 .T는 축 {axes}개의 순서를 모두 "
              "뒤집습니다). 형상이 (N, D) = {flat}인 평탄화된 x로 dW = x2d.T · dout을 "
              "계산하세요. 평탄화된 x는 forward에서 저장해 두세요"},
    "ch05.dW_is_dout": {
        "en": "dW has dout's shape (N, M): dW = xᵀ · dout has W's shape (D, M)",
        "ko": "dW가 dout의 형상 (N, M)입니다. dW = xᵀ · dout은 W의 형상 (D, M)입니다"},
    "ch05.db_not_summed": {
        "en": "db has shape {shape}, one row per sample: the bias b is shared by every "
              "sample, so its gradient is dout summed over the batch axis: "
              "db = np.sum(dout, axis=0)",
        "ko": "db의 형상이 {shape}입니다. 샘플마다 한 행이 있습니다. 편향 b는 모든 샘플이 함께 쓰므로 "
              "그 기울기는 dout을 배치 축으로 합한 것입니다: db = np.sum(dout, axis=0)"},
    "ch05.db_wrong_axis": {
        "en": "db has shape {shape}, one value per sample: dout was summed over axis 1 (the "
              "outputs) instead of axis 0 (the batch). db has one entry per output, shape "
              "(M,) = {expected}",
        "ko": "db의 형상이 {shape}입니다. 샘플마다 값이 하나입니다. dout을 축 0 (배치)이 아니라 "
              "축 1 (출력)로 합했습니다. db는 출력마다 원소 하나, 형상 (M,) = {expected}입니다"},
    "ch05.db_sum_all": {
        "en": "db is a single number: np.sum(dout) without an axis adds up everything. Sum "
              "over the batch only, np.sum(dout, axis=0), one entry per output",
        "ko": "db가 수 하나입니다. 축 없이 np.sum(dout)을 하면 모든 원소를 더합니다. 배치 축으로만 "
              "합하세요: np.sum(dout, axis=0), 출력마다 원소 하나입니다"},
    "ch05.db_keepdims": {
        "en": "db has shape (1, M) = {shape}: b has shape (M,), so drop keepdims, "
              "np.sum(dout, axis=0)",
        "ko": "db의 형상이 (1, M) = {shape}입니다. b의 형상은 (M,)이므로 keepdims를 빼세요: "
              "np.sum(dout, axis=0)"},
    "ch05.gradient_shape": {
        "en": "a gradient has the shape of the quantity it belongs to (dx like x, dW like W, "
              "db like b)",
        "ko": "기울기는 그 기울기가 속한 값과 형상이 같습니다 (dx는 x, dW는 W, db는 b와 같은 "
              "형상)"},
    "ch05.backward_returns_nothing": {
        "en": "`return dx` is missing at the end of backward",
        "ko": "backward 끝에 `return dx`가 빠졌습니다"},
    "ch05.not_an_array_here": {
        "en": "a {type} where a numpy array of shape {shape} belongs",
        "ko": "형상이 {shape}인 넘파이 배열이 와야 할 자리에 {type} 값이 있습니다"},
    "ch05.what_dx": {
        "en": "dx from Affine.backward ({case})",
        "ko": "Affine.backward의 dx ({case})"},
    "ch05.parameter_copied": {
        "en": "__init__ keeps a copy ({name}.copy(), np.array({name}), .astype(...)). Store "
              "the array itself, self.{name} = {name}, so that the network and the layer share "
              "it",
        "ko": "__init__이 복사본을 저장합니다 ({name}.copy(), np.array({name}), .astype(...)). "
              "배열 자체를 저장하세요 (self.{name} = {name}). 그래야 신경망과 계층이 같은 배열을 "
              "함께 씁니다"},
    "ch05.parameter_not_shared": {
        "en": "Affine does not use the {name} it was given: after {name} was changed in place "
              "(as a training step does, {name} -= lr·d{name}), forward still gave the old "
              "output.",
        "ko": "Affine이 전달받은 {name} 배열을 쓰지 않습니다. 학습 단계처럼 {name} 배열을 "
              "제자리에서 바꾼 뒤에도 ({name} -= lr·d{name}) forward가 예전 출력을 냈습니다."},
    "ch05.not_a_shape": {
        "en": "each entry is a shape: a tuple of ints, like x.shape",
        "ko": "각 항목은 형상, 즉 x.shape처럼 정수의 튜플입니다"},
    "ch05.entry_not_a_shape": {
        "en": "✗ {text}['{key}'] should be a shape, a tuple of ints, but is {shown}.",
        "ko": "✗ {text}['{key}']: 형상, 즉 정수의 튜플이어야 하는데 {shown}입니다."},
    "ch05.center_returns_nothing": {
        "en": "`return` is missing at the end of {stage}",
        "ko": "{stage} 끝에 `return`이 빠졌습니다"},
    "ch05.center_returns_array": {
        "en": "{stage} returns an array of x's shape (N, D)",
        "ko": "{stage}는 x와 형상이 같은 (N, D) 배열을 반환합니다"},
    "ch05.center_keeps_shape": {
        "en": "{stage} keeps x's shape (N, D): every element of x has its own output and its "
              "own gradient",
        "ko": "{stage}는 x의 형상 (N, D)를 유지합니다. x의 원소마다 자기 출력과 자기 기울기가 "
              "있습니다"},
    "ch05.what_center_output": {
        "en": "the output of Center.forward for x of shape {shape}",
        "ko": "형상이 {shape}인 x에 대한 Center.forward의 출력"},
    "ch05.what_center_dx": {
        "en": "dx from Center.backward for x of shape {shape}",
        "ko": "형상이 {shape}인 x에 대한 Center.backward의 dx"},
})

SECTION = see("ch05_affine", "5 · The shapes leave no other choice", "§5.6.1")  # not for students (a heading)
SECTION_BATCH = see("ch05_affine", "7 · The batch version", "§5.6.2")  # not for students (a heading)
SECTION_ND = see("ch05_affine", "8 · Inputs with more than two axes", "§5.6.2")  # not for students (a heading)
SECTION_CENTER = Both(see("ch02_chain_rule", "5. Fan-out"), see("ch05_affine", "Why ∂L/∂B is a sum"))  # not for students (a heading)
FLATTEN = "x.reshape(x.shape[0], -1)"
PRODUCTS = "ch05.shapes_do_not_chain"
SHAPE_KEYS = ["x2d", "out", "dx", "dW", "db"]


# =========================================================================== cases


@dataclass
class Case:
    x: np.ndarray           # (N, d1, d2, …) or (N, D)
    W: np.ndarray           # (D, M)
    b: np.ndarray           # (M,)
    dout: np.ndarray        # (N, M)
    x_before: np.ndarray    # another input of x's shape (for the stale-state check)

    @property
    def n(self) -> int:
        return self.x.shape[0]

    @property
    def d(self) -> int:
        return self.W.shape[0]

    @property
    def m(self) -> int:
        return self.W.shape[1]

    def describe(self) -> str:
        return say("ch05.case", x=self.x.shape, W=self.W.shape, b=self.b.shape)


def _feature_axes(rng: np.random.Generator, kind: str) -> tuple[int, ...]:
    if kind in ("single", "batch"):
        return (int(rng.integers(1, 6)),)
    if kind == "large":
        return (1, 28, 28)
    if rng.random() < 0.3:
        return (1, 4, 4)
    return tuple(int(k) for k in rng.integers(1, 4, size=int(rng.integers(2, 4))))


def draw_case(rng: np.random.Generator, kind: str) -> Case:
    """kind: "single" (N = 1, 2-D), "batch" (N ≥ 2, 2-D), "nd" (N = 1 or more, 3-D or 4-D
    input such as (N, 1, 4, 4)), "large" ((N, 1, 28, 28), M up to 12: directional checks)."""
    if kind == "single":
        n = 1
    elif kind == "nd":
        n = int(rng.choice([1, int(rng.integers(2, 4))]))
    else:
        n = int(rng.integers(2, 6 if kind == "batch" else 4))
    axes = _feature_axes(rng, kind)
    d = int(np.prod(axes))        # W's rows: the inputs must fit
    low, high = {"large": (5, 13), "nd": (1, 5)}.get(kind, (1, 6))
    m = int(rng.integers(low, high))
    return Case(x=gradcheck.random_array(rng, (n, *axes)),
                W=gradcheck.random_array(rng, (d, m)),
                b=gradcheck.random_array(rng, (m,)),
                dout=gradcheck.random_array(rng, (n, m)),
                x_before=gradcheck.random_array(rng, (n, *axes)))


# =========================================================================== running student code


def _new_layer(Affine, W, b):
    return call(Affine, W, b, what="Affine(W, b)")


def flatten_cause(x_shape: tuple, d: int) -> str:
    """Why forward raised on an N-d input (the judges say the same)."""
    return say("ch05.not_flattened_raised", flatten=FLATTEN, x_shape=tuple(x_shape),
               flat=(x_shape[0], d))


def not_flattened_cause(x_shape: tuple, d: int) -> str:
    return say("ch05.not_flattened", x_shape=tuple(x_shape), flatten=FLATTEN,
               flat=(x_shape[0], d))


def shape_changed_cause(name: str) -> str:
    return say("ch05.shape_assigned", name=name)


def head(error: Exception) -> str:
    """The first part of a failure's message (without its "Likely cause"), marked with ✗."""
    text = str(error)
    diagnosis = getattr(error, "diagnosis", None)
    if diagnosis is not None and diagnosis.words and text.endswith(diagnosis.cause()):
        # fail() puts the cause last, on a line of its own after a label (in any language)
        text = text[:-len(diagnosis.cause())].rsplit("\n", 1)[0]
    return text if text.startswith("✗") else f"✗ {text}"


def _forward(layer, case: Case):
    """layer.forward on a copy of case.x; a crash explains the flattening or the products."""
    given = case.x.copy()
    try:
        out = call(method(layer, "forward", "Affine"), given, what="Affine.forward")
    except CheckFailed as error:
        if not isinstance(error.__context__, ValueError):   # np.dot's complaint about shapes
            raise
        if case.x.ndim > 2:
            raise fail(f"{head(error)}\n  ({case.describe()})", "not_flattened",
                       cause=flatten_cause(case.x.shape, case.d), section=SECTION_ND) from None
        raise fail(f"{head(error)}\n  ({case.describe()})", "shapes_do_not_chain",
                   cause=say(PRODUCTS), section=SECTION) from None
    _expect_shape_kept("forward", "x", given, case.x.shape)
    return out


def _expect_shape_kept(where: str, name: str, given: np.ndarray, shape: tuple) -> None:
    """Assigning to arr.shape reshapes the caller's array in place."""
    if given.shape != shape:
        raise fail(say("ch05.shape_changed", where=where, name=name, before=shape,
                       after=given.shape), "input_mutated",
                   cause=shape_changed_cause(name), section=SECTION_BATCH)


def output_shape_cause(x_shape: tuple, d: int, m: int, got_shape: tuple) -> tuple[str, str, str]:
    """(diagnosis name, words, section) for an output of the wrong shape (the shape of the
    output is the layer's API: (N, M), one row per sample)."""
    if len(x_shape) > 2 and tuple(got_shape) == tuple(x_shape[:-1]) + (m,):
        return "not_flattened", not_flattened_cause(x_shape, d), SECTION_ND
    return ("wrong_output_shape", say("ch05.wrong_output_shape", shape=(x_shape[0], m)),
            SECTION)


def checked_forward(layer, case: Case):
    """Run forward; fail with a diagnosis unless it returns an array of shape (N, M)."""
    out = _forward(layer, case)
    values = numbers(out)
    what = say("ch05.what_forward_output", case=case.describe())
    if values is None:
        raise fail(say("ch05.not_an_array", what=what, shape=(case.n, case.m),
                       type=type(out).__name__), "returned_none" if out is None else "wrong_type",
                   cause=say("ch05.forward_returns_nothing") if out is None else
                   say("ch05.forward_returns_array"), section=SECTION)
    if values.shape != (case.n, case.m):
        name, words, section = output_shape_cause(case.x.shape, case.d, case.m, values.shape)
        raise fail(say("ch05.wrong_shape", what=what, got=values.shape,
                       expected=(case.n, case.m)), name, cause=words, section=section)
    return values


def _backward(layer, case: Case):
    """layer.backward(dout); a crash from np.dot explains which shapes must chain."""
    given = case.dout.copy()
    try:
        dx = call(method(layer, "backward", "Affine"), given, what="Affine.backward")
    except CheckFailed as error:
        if not isinstance(error.__context__, ValueError):   # np.dot's complaint about shapes
            raise
        raise fail(f"{head(error)}\n  ({case.describe()}, dout {case.dout.shape})",
                   "shapes_do_not_chain", cause=say(PRODUCTS), section=SECTION) from None
    _expect_shape_kept("backward", "dout", given, case.dout.shape)
    return dx


def parameter_missing_cause(name: str, attributes) -> str:
    """Why self.dW (or self.db) is missing; attributes: the names the layer does have."""
    lower = [a for a in attributes if a.lower() == name.lower() and a != name]
    also = say("ch05.case_sensitive", found=lower[0], name=name) if lower else ""
    return say("ch05.store_dW" if name == "dW" else "ch05.store_db", also=also, name=name)


def _parameter_gradient(layer, name: str):
    value = getattr(layer, name, None)
    if value is not None:
        return value
    state = "missing" if not hasattr(layer, name) else "none"
    raise fail(say(f"ch05.gradient_not_set_{state}", name=name),
               "missing_attribute",
               cause=parameter_missing_cause(name, getattr(layer, "__dict__", {})),
               section=SECTION_BATCH)


def gradient_shape_causes(x_shape: tuple, d: int, m: int) -> dict[str, list]:
    """{gradient: [(test(got shape), diagnosis name, words)]}: the known wrong shapes of dx,
    dW and db, from the shapes of the layer's API alone (dx like x, dW like W, db like b)."""
    n, nd = x_shape[0], len(x_shape) > 2
    return {
        "dx": [
            (lambda s: nd and s == (n, d), "dx_not_reshaped",
             say("ch05.dx_not_reshaped", flat=(n, d), x_shape=tuple(x_shape))),
            (lambda s: s == (d, n), "dx_transposed", say("ch05.dx_transposed", shape=(d, n))),
        ],
        "dW": [
            (lambda s: s == (m, d), "dW_transposed",
             say("ch05.dW_transposed", shape=(m, d), expected=(d, m))),
            (lambda s: nd and len(s) > 2, "dW_from_nd_x",
             say("ch05.dW_from_nd_x", x_shape=tuple(x_shape), axes=len(x_shape), flat=(n, d))),
            (lambda s: s == (n, m), "dW_is_dout", say("ch05.dW_is_dout")),
        ],
        "db": [
            (lambda s: s == (n, m), "bias_not_summed", say("ch05.db_not_summed", shape=(n, m))),
            (lambda s: s == (n,), "db_wrong_axis",
             say("ch05.db_wrong_axis", shape=(n,), expected=(m,))),
            (lambda s: s == (), "db_sum_all", say("ch05.db_sum_all")),
            (lambda s: s == (1, m), "db_keepdims", say("ch05.db_keepdims", shape=(1, m))),
        ],
    }


GRADIENT_SHAPE = "ch05.gradient_shape"


def gradient_shape_diagnosis(key: str, got_shape: tuple, x_shape: tuple, d: int, m: int
                             ) -> tuple[str, str]:
    """(diagnosis name, words) for a gradient of the wrong shape."""
    for test, name, words in gradient_shape_causes(x_shape, d, m)[key]:
        if test(tuple(got_shape)):
            return name, words
    return "wrong_shape", say(GRADIENT_SHAPE)


def _expect_shape(key: str, what: str, got, shape: tuple, case: Case) -> None:
    """got must be an array of exactly `shape`, the shape of the quantity it belongs to."""
    values = numbers(got)
    if values is None:
        raise fail(say("ch05.not_an_array", what=what, shape=shape, type=type(got).__name__),
                   "returned_none" if got is None else "wrong_type",
                   cause=say("ch05.backward_returns_nothing") if got is None else
                   say("ch05.not_an_array_here", type=type(got).__name__, shape=shape),
                   section=SECTION_BATCH)
    if values.shape == shape:
        return
    name, words = gradient_shape_diagnosis(key, values.shape, case.x.shape, case.d, case.m)
    raise fail(say("ch05.wrong_shape", what=what, got=values.shape, expected=shape), name,
               cause=words, section=SECTION_BATCH)


def _gradient_shapes(case: Case, dx, dW, db) -> None:
    _expect_shape("dx", say("ch05.what_dx", case=case.describe()), dx, case.x.shape, case)
    _expect_shape("dW", f"Affine.dW ({case.describe()})", dW, case.W.shape, case)
    _expect_shape("db", f"Affine.db ({case.describe()})", db, case.b.shape, case)


# =========================================================================== Affine

PARAMETER_COPIED = "ch05.parameter_copied"          # say(PARAMETER_COPIED, name="W")
PARAMETER_NOT_SHARED = "ch05.parameter_not_shared"  # say(PARAMETER_NOT_SHARED, name="W")


def affine_forward(Affine, seed: int | None = None) -> None:
    """forward of a batch of 1, of N, of N-d inputs and of an MNIST-sized batch: it runs,
    returns (N, M), leaves x alone; the layer uses the very arrays W and b it was given."""
    rng = rng_for("affine_forward", seed)
    for kind in ("single", "batch", "nd", "nd", "large"):
        case = draw_case(rng, kind)
        checked_forward(_new_layer(Affine, case.W, case.b), case)
        behaviour.check_input_not_mutated(lambda case=case: Affine(case.W.copy(),
                                                                   case.b.copy()),
                                          (case.x,), section=SECTION_BATCH)
    _expect_shared_parameters(Affine, draw_case(rng, "batch"), rng)


def _expect_shared_parameters(Affine, case: Case, rng: np.random.Generator) -> None:
    """A training step changes W and b in place (W -= lr·dW): the layer must see that, so
    its output must move when they move (x has no zero row, the change none either)."""
    layer = _new_layer(Affine, case.W, case.b)
    for name, param in (("W", case.W), ("b", case.b)):
        before = checked_forward(layer, case).copy()
        param += rng.uniform(0.5, 1.5, size=param.shape)     # every element moves up
        after = checked_forward(layer, case)
        if np.array_equal(after, before):
            raise fail(f"✗ {say(PARAMETER_NOT_SHARED, name=name)}", "parameter_copied",
                       cause=say(PARAMETER_COPIED, name=name), section=SECTION_BATCH)


def affine_backward(Affine, seed: int | None = None) -> None:
    """backward of a batch of 1, of N, of an N-d input and of an MNIST-sized batch: shapes
    with named causes, behaviour, and dx, dW, db against numerical derivatives of the
    layer's own forward."""
    rng = rng_for("affine_backward", seed)
    for kind in ("single", "batch", "nd", "large"):
        case = draw_case(rng, kind)

        def make_layer(case=case):
            return _new_layer(Affine, case.W.copy(), case.b.copy())

        layer = make_layer()
        checked_forward(layer, case)
        dx = _backward(layer, case)
        dW, db = _parameter_gradient(layer, "dW"), _parameter_gradient(layer, "db")
        _gradient_shapes(case, dx, dW, db)
        if kind != "large":     # the behaviour of big and small batches is the same
            behaviour.check_behaviour(make_layer, (case.x,), case.dout,
                                      earlier_inputs=(case.x_before,), grad_names=("dx",),
                                      param_grads={"W": "dW", "b": "db"},
                                      out_shape=(case.n, case.m), section=SECTION_BATCH)
        gradcheck.check_layer_backward(make_layer(), (case.x,), case.dout, grad_names=("dx",),
                                       param_grads={"W": "dW", "b": "db"}, layer_name="Affine",
                                       rng=rng, batch_size=case.n, section=SECTION_BATCH)


# =========================================================================== affine_shapes


def as_shape(value) -> tuple | None:
    """value as a tuple of ints when it is a tuple, list or 1-D array of whole numbers."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (tuple, list)):
        return None
    try:
        items = [int(v) for v in value]
    except (TypeError, ValueError):
        return None
    if any(isinstance(v, bool) or v != int(v) for v in value):
        return None
    return tuple(items)


NOT_A_SHAPE = "ch05.not_a_shape"


def random_shape_case(rng: np.random.Generator, case: int) -> tuple[tuple, tuple]:
    """Shapes that fit: x (N, d1, d2, …) and W with d1·d2·… rows."""
    n = 1 if case % 3 == 0 else int(rng.integers(2, 9))
    if case % 2 == 0:
        axes = (int(rng.integers(1, 8)),)
    elif rng.random() < 0.3:
        axes = (1, int(rng.choice([4, 28])), int(rng.choice([4, 28])))
    else:
        axes = tuple(int(k) for k in rng.integers(1, 6, size=int(rng.integers(2, 4))))
    return (n, *axes), (int(np.prod(axes)), int(rng.integers(1, 11)))


def affine_shapes(affine_shapes: Callable, seed: int | None = None) -> None:
    """Random x shapes (N = 1 and more, 2-D and N-d) with W shapes that fit: a dict with
    the five keys comes back, each entry a shape (a tuple of ints)."""
    rng = rng_for("affine_shapes", seed)
    for case in range(8):
        x_shape, W_shape = random_shape_case(rng, case)
        text = f"affine_shapes({x_shape}, {W_shape})"
        got = call(affine_shapes, x_shape, W_shape, what=text)
        expect_keys(got, SHAPE_KEYS, text)
        for key in SHAPE_KEYS:
            if as_shape(got[key]) is None:
                shown = f"{type(got[key]).__name__} {got[key]!r}"[:80]
                raise fail(say("ch05.entry_not_a_shape", text=text, key=key, shown=shown),
                           f"shape_{key}", cause=say(NOT_A_SHAPE), section=SECTION_BATCH)


# =========================================================================== Center


def _center_array(what: str, got, shape: tuple, stage: str):
    """got must be a numpy array of `shape`, the shape of x (N, D)."""
    values = numbers(got)
    if values is None:
        raise fail(say("ch05.not_an_array", what=what, shape=shape, type=type(got).__name__),
                   "returned_none" if got is None else "wrong_type",
                   cause=say("ch05.center_returns_nothing", stage=stage) if got is None else
                   say("ch05.center_returns_array", stage=stage), section=SECTION_CENTER)
    if values.shape != shape:
        raise fail(say("ch05.wrong_shape", what=what, got=values.shape, expected=shape),
                   "wrong_shape", cause=say("ch05.center_keeps_shape", stage=stage),
                   section=SECTION_CENTER)


def center(Center, seed: int | None = None) -> None:
    """Random (N, D) with N in 2..8 and D in 1..6 (and one D = N): forward and backward
    run and keep x's shape, the behaviour checks, and dx against numerical derivatives of
    the student's own forward."""
    rng = rng_for("center", seed)
    for number in range(4):
        n = int(rng.integers(2, 9))
        d = n if number == 3 else int(rng.integers(1, 7))
        x, dout = gradcheck.random_array(rng, (n, d)), gradcheck.random_array(rng, (n, d))
        layer = call(Center, what="Center()")
        out = call(method(layer, "forward", "Center"), x.copy(), what="Center.forward")
        _center_array(say("ch05.what_center_output", shape=(n, d)), out, (n, d), "forward")
        dx = call(method(layer, "backward", "Center"), dout.copy(), what="Center.backward")
        _center_array(say("ch05.what_center_dx", shape=(n, d)), dx, (n, d), "backward")
        behaviour.check_behaviour(lambda: Center(), (x,), dout, out_shape=(n, d),
                                  earlier_inputs=(gradcheck.random_array(rng, (n, d)),),
                                  section=SECTION_CENTER)
        gradcheck.check_layer_backward(Center(), (x,), dout, layer_name="Center", rng=rng,
                                       section=SECTION_CENTER)
