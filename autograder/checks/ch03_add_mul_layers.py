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
from autograder.checks.sections import Both, see
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    "ch03.init_typo": {
        "en": "{what} defines `__init_` or `_init__`, a typo for `__init__`. Python never calls "
              "it, so the attributes it sets are never created. It costs nothing here only "
              "because forward sets them before backward reads them.",
        "ko": "{what}에 `__init__`의 오타인 `__init_` 또는 `_init__`이 정의되어 있습니다. "
              "파이썬은 이 메서드를 호출하지 않으므로, 그 안에서 설정하는 속성은 만들어지지 "
              "않습니다. 지금 문제가 없는 것은 backward가 읽기 전에 forward가 그 속성을 설정하기 "
              "때문일 뿐입니다."},
    "ch03.method_typo": {
        "en": "{what} has no method `{name}()`. You defined `{close}`: a typo for `{name}`?",
        "ko": "{what}에 `{name}()` 메서드가 없습니다. 정의한 것은 `{close}`입니다. `{name}`의 "
              "오타가 아닌가요?"},
    "ch03.method_missing": {
        "en": "{what} has no method `{name}()`: define it inside the class, indented under "
              "`class {what}:`, with exactly that name",
        "ko": "{what}에 `{name}()` 메서드가 없습니다. 클래스 안에서 `class {what}:` 아래로 들여 "
              "써서, 정확히 이 이름으로 정의하세요"},
    "ch03.no_method": {
        "en": "✗ {what} has no method `{name}()`.",
        "ko": "✗ {what}에 `{name}()` 메서드가 없습니다."},
    "ch03.your_code": {"en": "your code", "ko": "여러분의 코드"},
    "ch03.the_body": {"en": "the body", "ko": "함수 본문"},
    "ch03.body_of": {"en": "the body of {where}", "ko": "{where}의 본문"},
    "ch03.parameter_named_differently": {
        "en": "{body} uses `{missing}`, but the parameters are ({params}): did you name the "
              "parameter differently from the variable you use?",
        "ko": "{body}에서 쓰는 이름 `{missing}`: 매개변수는 ({params})뿐입니다. 매개변수 "
              "이름을 본문에서 쓰는 변수 이름과 다르게 짓지 않았나요?"},
    "ch03.name_undefined": {
        "en": "the code uses `{missing}`, which is defined nowhere it can see: a parameter or a "
              "variable named differently, or a cell not run yet",
        "ko": "코드에서 쓰는 이름 `{missing}`: 보이는 곳 어디에도 정의되어 있지 않습니다. 이름이 "
              "다른 매개변수나 변수, 또는 아직 실행하지 않은 셀 때문일 수 있습니다"},
    "ch03.not_written": {
        "en": "✗ {what} is not written yet (it raises NotImplementedError).",
        "ko": "✗ {what}: 아직 작성하지 않았습니다 (NotImplementedError가 발생합니다)."},
    "ch03.not_implemented": {
        "en": "not written yet: it still raises NotImplementedError. Write your code where it "
              "says YOUR CODE HERE and delete the raise line",
        "ko": "아직 작성하지 않았습니다. 여전히 NotImplementedError가 발생합니다. YOUR CODE "
              "HERE라고 적힌 곳에 코드를 쓰고 raise 줄을 지우세요"},
    "ch03.raised_stop": {
        "en": "✗ {what} raised {error_type}: {error}.",
        "ko": "✗ {what} 실행 중 {error_type} 발생: {error}."},
    "ch03.raised": {
        "en": "✗ {what} raised {error_type}: {error}",
        "ko": "✗ {what} 실행 중 {error_type} 발생: {error}"},
    "ch03.not_saved": {
        "en": "backward reads something forward did not save. forward must store what backward "
              "needs on the layer (self.x = x, self.y = y); a local variable disappears when "
              "forward returns",
        "ko": "backward가 forward에서 저장하지 않은 값을 읽습니다. forward는 backward에 필요한 "
              "값을 계층에 저장해야 합니다 (self.x = x, self.y = y). 지역 변수는 forward가 "
              "반환되면 사라집니다"},
    "ch03.missing_attribute": {
        "en": "the code reads an attribute the object does not have: check the spelling of the "
              "name, and that it was set before it is read",
        "ko": "코드가 객체에 없는 속성을 읽습니다. 이름의 철자를 확인하고, 읽기 전에 그 속성을 "
              "설정했는지 확인하세요"},
    "ch03.raised.cause": {
        "en": "your code stops with {error_type} on these inputs: the message says which "
              "operation failed. Try the cell's example, and the same layer on a numpy array, "
              "to see it happen",
        "ko": "이 입력에서 코드가 멈춥니다 ({error_type}). 오류 메시지가 어느 연산에서 실패했는지 "
              "알려 줍니다. 셀의 예제와, 같은 계층을 넘파이 배열에 적용한 경우를 직접 실행해 "
              "확인하세요"},
    "ch03.not_a_pair": {
        "en": "✗ {what}.backward should return a pair (dx, dy), but returned {type}.",
        "ko": "✗ {what}.backward: 쌍 (dx, dy)를 반환해야 하는데, 반환한 값은 {type}입니다."},
    "ch03.not_a_pair.cause": {
        "en": "a two-input node sends a gradient back to each input: return dx, dy",
        "ko": "입력이 둘인 노드는 입력마다 기울기를 하나씩 돌려보냅니다: return dx, dy"},
    "ch03.none_in_pair": {
        "en": "✗ {what}.backward returned None for {name}.",
        "ko": "✗ {what}.backward가 {name} 자리에 None을 반환했습니다."},
    "ch03.none_in_pair.cause": {
        "en": "did you forget to compute {name}? backward returns both gradients, return dx, dy",
        "ko": "{name} 계산을 빠뜨리지 않았나요? backward는 두 기울기를 모두 반환합니다: "
              "return dx, dy"},
    "ch03.forward_not_a_number": {
        "en": "✗ {what}.forward(x, y) returned {type}, not a number or an array.",
        "ko": "✗ {what}.forward(x, y): 반환한 값이 숫자나 배열이 아니라 {type}입니다."},
    "ch03.forward_not_a_number.cause": {
        "en": "did you forget `return`? forward computes the node's output and returns it (a "
              "Python function without `return` gives None)",
        "ko": "`return`을 빠뜨리지 않았나요? forward는 노드의 출력을 계산해서 반환합니다 "
              "(`return`이 없는 파이썬 함수는 None을 돌려줍니다)"},
    "ch03.layer_class_missing": {
        "en": "✗ `{name}` is not defined as a class in your notebook.",
        "ko": "✗ 노트북에 `{name}` 클래스가 정의되어 있지 않습니다."},
    "ch03.layer_class_missing.cause": {
        "en": "the graph is built from your layers: run the cell that defines `class {name}:` "
              "(sections 1 and 2) before this one",
        "ko": "그래프는 여러분이 만든 계층으로 만듭니다. `class {name}:` 정의가 있는 셀(1절과 "
              "2절)을 이 셀보다 먼저 실행하세요"},
    "ch03.not_built_from_layers": {
        "en": "✗ {what} should be built from layers: it created {made} {cls} object(s), the "
              "graph has {needed}.",
        "ko": "✗ {what}: 계층으로 만들어야 합니다. 만든 {cls} 객체는 {made}개인데, 그래프에는 "
              "그런 노드가 {needed}개 있습니다."},
    "ch03.not_built_from_layers.cause": {
        "en": "compute every node with a layer's forward and backward, one layer object per node "
              "({needed} {cls})",
        "ko": "모든 노드를 계층의 forward와 backward로 계산하세요. 노드마다 계층 객체가 하나씩 "
              "필요합니다 ({cls} {needed}개)"},
    "ch03.backward_not_called": {
        "en": "✗ {what}: not every {cls} ran backward.",
        "ko": "✗ {what}: {cls} 객체 중 backward를 실행하지 않은 것이 있습니다."},
    "ch03.backward_not_called.cause": {
        "en": "the gradients must come from the layers' backward: call backward on each layer, "
              "in the reverse order of forward, starting from dout = 1",
        "ko": "기울기는 계층의 backward에서 나와야 합니다. dout = 1에서 시작해, forward의 "
              "역순으로 각 계층의 backward를 호출하세요"},
    "ch03.wrong_return": {
        "en": "✗ {what} should return {shape}, but returned {type}{count}.",
        "ko": "✗ {what}: {shape} 형태로 반환해야 하는데, 반환한 값은 {type}{count}입니다."},
    "ch03.wrong_return.count": {"en": " of {count} values", "ko": " (값 {count}개)"},
    "ch03.wrong_return.cause": {
        "en": "return {shape} as one tuple: return {values}",
        "ko": "{shape} 형태의 튜플 하나로 반환하세요: return {values}"},
    "ch03.grads_not_a_dict": {
        "en": "✗ {what} should be a dict with keys {keys}, but is {type}.",
        "ko": "✗ {what}: 키가 {keys}인 딕셔너리여야 하는데 {type}입니다."},
    "ch03.grads_not_a_dict.cause": {
        "en": "return grads as a dict, one entry per input: {{'apple': dapple, "
              "'apple_num': dapple_num, ...}}",
        "ko": "grads는 입력마다 항목이 하나씩 있는 딕셔너리로 반환하세요: {{'apple': dapple, "
              "'apple_num': dapple_num, ...}}"},
    "ch03.grads_missing_keys": {
        "en": "✗ {what} has no key(s) {missing}.",
        "ko": "✗ {what}에 다음 키가 없습니다: {missing}."},
    "ch03.grads_missing_keys.cause": {
        "en": "grads needs the gradient of the price with respect to each of the five inputs, "
              "under the keys {keys}",
        "ko": "grads에는 다섯 입력 각각에 대한 price의 기울기가 키 {keys}로 들어 있어야 합니다"},
    "ch03.grads_of": {"en": "{what}'s grads", "ko": "{what}의 grads"},
    "ch03.not_a_number": {
        "en": "✗ {what} should be a number or an array, but is {type}.",
        "ko": "✗ {what}: 숫자나 배열이어야 하는데 {type}입니다."},
    "ch03.not_a_number.cause": {
        "en": "return the value the graph computes (a number, or an array for array inputs)",
        "ko": "그래프가 계산한 값을 반환하세요 (숫자, 입력이 배열이면 배열)"},
    "ch03.the_price": {"en": "the price", "ko": "price(가격)"},
    "ch03.vs_own_numerical": {
        "en": "∂{output}/∂{name} (compared with the numerical derivative of your own {output})",
        "ko": "∂{output}/∂{name} (여러분이 계산한 {output}의 수치 미분과 비교)"},
})

SECTION_MUL = see("ch03_add_mul_layers", "2 · Backward through a multiply node", "§5.3.2, §5.4.1")  # not for students (a heading)
SECTION_ADD = see("ch03_add_mul_layers", "1 · Backward through an add node", "§5.3.1, §5.4.2")  # not for students (a heading)
SECTION_BILL = see("ch03_add_mul_layers", "7 · The apple-and-orange graph", "§5.3, §5.4.2")  # not for students (a heading)
SECTION_FANOUT = see("ch02_chain_rule", "5. Fan-out: when one value is used twice", "§5.3.1")  # not for students (a heading)
# The division node is derived by the student: the sections teach the method (a multiply node,
# the 1/y node's local derivative, the chain rule), never the answer.
SECTION_DIV = Both(see("ch03_add_mul_layers", "2 · Backward through a multiply node"),  # not for students (a heading)
                   see("ch01_computational_graph", "6. Local derivatives of common nodes", "§5.3.2, §5.5.2"))  # not for students (a heading)
CASES = 6
GRAPH_RTOL, GRAPH_ATOL = 1e-5, 1e-7   # a graph's gradients vs central differences of itself

NOT_WRITTEN = "ch03.not_implemented"   # the words of the diagnosis "not_implemented"
NOT_SAVED = "ch03.not_saved"           # backward met None where forward should have saved it


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
        note(say("ch03.init_typo", what=what))


def typo_words(what: str, name: str, defined) -> str:
    """The likely cause of a missing method: a close spelling among what is defined."""
    close = difflib.get_close_matches(name, [n for n in defined if not n.startswith("__")],
                                      n=1, cutoff=0.6)
    if close:
        return say("ch03.method_typo", what=what, name=name, close=close[0])
    return say("ch03.method_missing", what=what, name=name)


def _method(obj, name: str, what: str, section: str) -> Callable:
    """obj.name, or a failure that points at a likely typo (a study note wrote `foward`)."""
    found = getattr(obj, name, None)
    if callable(found):
        return found
    raise fail(say("ch03.no_method", what=what, name=name), "method_typo",
               cause=typo_words(what, name, dir(type(obj))), section=section)


def _innermost(exc: BaseException) -> tuple[str, list[str]]:
    """(name, parameters without self) of the function where exc was raised: the student's
    function or a method it called (AddLayer.backward inside a graph)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return say("ch03.your_code"), []
    code = tb.tb_frame.f_code
    params = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    return getattr(code, "co_qualname", code.co_name), params[1:] if params[:1] == ["self"] else params


def name_error_words(params: list[str], missing: str | None, body: str | None = None) -> str:
    """Why a body uses a name that is not defined: often a parameter named differently.
    body: the words for where (default: "the body")."""
    if missing and params:
        return say("ch03.parameter_named_differently", body=body or say("ch03.the_body"),
                   missing=missing, params=", ".join(params))
    return say("ch03.name_undefined", missing=missing)


def _call(fn: Callable, *args, what: str, section: str):
    """Run student code; any exception becomes a failure that says what to fix."""
    try:
        with np.errstate(all="ignore"):
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise fail(say("ch03.not_written", what=what),
                   Diagnosis("not_implemented", say(NOT_WRITTEN))) from None
    except NameError as exc:
        where, params = _innermost(exc)
        raise fail(say("ch03.raised_stop", what=what, error_type="NameError", error=exc),
                   "name_error",
                   cause=name_error_words(params, getattr(exc, "name", None),
                                          say("ch03.body_of", where=where)),
                   section=section) from None
    except AttributeError as exc:
        obj, name = getattr(exc, "obj", None), getattr(exc, "name", None)
        if obj is not None and name in ("forward", "backward"):
            cls = type(obj).__name__
            raise fail(say("ch03.raised_stop", what=what, error_type="AttributeError",
                           error=exc), "method_typo",
                       cause=typo_words(cls, name, dir(type(obj))), section=section) from None
        cause = say(NOT_SAVED) if what.endswith(".backward") else say("ch03.missing_attribute")
        raise fail(say("ch03.raised_stop", what=what, error_type="AttributeError", error=exc),
                   "missing_attribute", cause=cause, section=section) from None
    except Exception as exc:  # noqa: BLE001 (any student bug becomes a message, not a crash)
        if what.endswith(".backward") and "NoneType" in str(exc):
            raise fail(say("ch03.raised", what=what, error_type=type(exc).__name__, error=exc),
                       "missing_attribute", cause=say(NOT_SAVED), section=section) from None
        raise fail(say("ch03.raised", what=what, error_type=type(exc).__name__, error=exc),
                   "raised", cause=say("ch03.raised.cause", error_type=type(exc).__name__),
                   section=section) from None


def _backward_pair(layer, dout, what: str, section: str):
    result = _call(_method(layer, "backward", what, section), dout, what=f"{what}.backward",
                   section=section)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise fail(say("ch03.not_a_pair", what=what, type=type(result).__name__),
                   "wrong_return_count", cause=say("ch03.not_a_pair.cause"), section=section)
    for name, value in zip(("dx", "dy"), result):
        if value is None:
            raise fail(say("ch03.none_in_pair", what=what, name=name), "returned_none",
                       cause=say("ch03.none_in_pair.cause", name=name), section=section)
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
            raise fail(say("ch03.forward_not_a_number", what=what, type=type(out).__name__),
                       "returned_none" if out is None else "wrong_type",
                       cause=say("ch03.forward_not_a_number.cause"), section=section)
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
            raise fail(say("ch03.layer_class_missing", name=name), "layer_class_missing",
                       cause=say("ch03.layer_class_missing.cause", name=name), section=section)


def _expect_layers(recorded: instances_recorded, counts: dict[str, int], what: str,
                   section: str) -> None:
    for cls, needed in counts.items():
        made = recorded.created[cls]
        if len(made) < needed:
            raise fail(say("ch03.not_built_from_layers", what=what, made=len(made), cls=cls,
                           needed=needed), "not_built_from_layers",
                       cause=say("ch03.not_built_from_layers.cause", needed=needed, cls=cls),
                       section=section)
        if sum(1 for layer in made if layer._backward_calls) < needed:
            raise fail(say("ch03.backward_not_called", what=what, cls=cls),
                       "layer_backward_not_called", cause=say("ch03.backward_not_called.cause"),
                       section=section)


def _returned(result, size: int, what: str, shape: str, section: str) -> tuple:
    if not (isinstance(result, tuple) and len(result) == size):
        count = (say("ch03.wrong_return.count", count=len(result))
                 if isinstance(result, (tuple, list)) else "")
        raise fail(say("ch03.wrong_return", what=what, shape=shape, type=type(result).__name__,
                       count=count), "wrong_return",
                   cause=say("ch03.wrong_return.cause", shape=shape, values=shape.strip("()")),
                   section=section)
    return result


def _expect_keys(grads, what: str, section: str) -> None:
    if not isinstance(grads, Mapping):
        raise fail(say("ch03.grads_not_a_dict", what=what, keys=BILL_INPUTS,
                       type=type(grads).__name__), "wrong_type",
                   cause=say("ch03.grads_not_a_dict.cause"), section=section)
    missing = [k for k in BILL_INPUTS if k not in grads]
    if missing:
        raise fail(say("ch03.grads_missing_keys", what=what, missing=missing), "missing_keys",
                   cause=say("ch03.grads_missing_keys.cause", keys=BILL_INPUTS), section=section)


def _number(value, what: str, section: str) -> None:
    if numbers(value) is None:
        raise fail(say("ch03.not_a_number", what=what, type=type(value).__name__),
                   "returned_none" if value is None else "wrong_type",
                   cause=say("ch03.not_a_number.cause"), section=section)


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
        _number(price, say("ch03.the_price"), SECTION_BILL)
        _expect_keys(grads, say("ch03.grads_of", what=what), SECTION_BILL)
        _expect_layers(recorded, {"MulLayer": 3, "AddLayer": 1}, what, SECTION_BILL)
        for i, name in enumerate(BILL_INPUTS):
            own = _own_derivative(apple_orange_graph, inputs, i, lambda r: r[0], what,
                                  SECTION_BILL)
            expect_close(say("ch03.vs_own_numerical", output="price", name=name), grads[name],
                         own, rtol=GRAPH_RTOL, atol=GRAPH_ATOL, section=SECTION_BILL)


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
        f, *grads = _returned(result, 4, what, "(f, df_da, df_db, df_dc)", SECTION_FANOUT)  # not for students (code)
        _number(f, "f", SECTION_FANOUT)
        _expect_layers(recorded, {"MulLayer": 1, "AddLayer": 2}, what, SECTION_FANOUT)
        for i, (name, got) in enumerate(zip("abc", grads)):
            own = _own_derivative(fanout_graph, inputs, i, lambda r: r[0], what, SECTION_FANOUT)
            expect_close(say("ch03.vs_own_numerical", output="f", name=name), got, own,
                         rtol=GRAPH_RTOL, atol=GRAPH_ATOL, section=SECTION_FANOUT)
