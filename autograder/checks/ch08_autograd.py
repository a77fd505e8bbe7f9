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
from autograder.checks.words import catalogue, say

WORDS = catalogue({
    # ---------------------------------------------------------------- running student code
    "ch08.not_written": {
        "en": "not written yet: it still raises NotImplementedError. Write your code where it "
              "says YOUR CODE HERE and delete the raise line",
        "ko": "아직 작성하지 않았습니다: 여전히 NotImplementedError가 발생합니다. YOUR CODE HERE라고 "
              "적힌 곳에 코드를 쓰고 raise 줄을 지우세요"},
    "ch08.raises_not_implemented": {
        "en": "✗ {what} is not written yet (it raises NotImplementedError).",
        "ko": "✗ {what}: 아직 작성하지 않았습니다 (NotImplementedError가 발생합니다)."},
    "ch08.raised_recursion": {
        "en": "✗ {what} raised RecursionError.",
        "ko": "✗ {what} 실행 중 RecursionError가 발생했습니다."},
    "ch08.endless_recursion": {
        "en": "a function calls itself without end: a walk over the graph must stop at values "
              "made directly (no parents) and at values it has already visited",
        "ko": "함수가 끝없이 자기 자신을 호출합니다: 그래프를 도는 함수는 직접 만든 값(부모가 없는 값)과 "
              "이미 방문한 값에서 멈춰야 합니다"},
    "ch08.raised_name_error": {
        "en": "✗ {what} raised NameError: {error}.",
        "ko": "✗ {what} 실행 중 NameError가 발생했습니다: {error}."},
    "ch08.a_name": {"en": "a name", "ko": "어떤 이름"},
    "ch08.name_error": {
        "en": "the code uses `{name}`, which is defined nowhere it can see: a variable named "
              "differently, or a cell above not run yet",
        "ko": "코드에서 쓰는 `{name}`: 코드가 볼 수 있는 곳 어디에도 정의되어 있지 않습니다. 변수 "
              "이름이 다르거나, 위쪽 셀을 아직 실행하지 않았을 수 있습니다"},
    "ch08.raised_attribute_error": {
        "en": "✗ {what} raised AttributeError: {error}.",
        "ko": "✗ {what} 실행 중 AttributeError가 발생했습니다: {error}."},
    "ch08.missing_attribute": {
        "en": "a Value has `data`, `grad`, `parents` and `local_grads`; `{name}` is not one of "
              "them, or is read from something that is not a Value (a plain number has no "
              "`.data`: make it a Value first)",
        "ko": "Value에는 `data`, `grad`, `parents`, `local_grads`가 있습니다. `{name}`: 이 중 "
              "하나가 아니거나, Value가 아닌 것에서 읽었습니다 (그냥 수에는 `.data`가 없으니 먼저 "
              "Value로 만드세요)"},
    "ch08.raised": {
        "en": "✗ {what} raised {error_type}: {error}",
        "ko": "✗ {what} 실행 중 {error_type} 예외가 발생했습니다: {error}"},
    "ch08.raised_cause": {
        "en": "your code stops with {error_type} on these inputs: try the cell's example, and "
              "the same on a numpy array, to see it happen",
        "ko": "이 입력에서 코드가 {error_type} 예외로 멈춥니다. 셀의 예제를 실행해 보고, 같은 계산을 "
              "넘파이 배열로도 해 보면 어디서 멈추는지 보입니다"},
    "ch08.returned_not_value": {
        "en": "✗ {what} returned {kind}, not a Value.",
        "ko": "✗ {what}: 반환값이 Value가 아니라 {kind}입니다."},
    "ch08.new_value_expected": {
        "en": "an operation returns a NEW Value that records its parents and local derivatives "
              "(did you forget `return`, or return only the data?)",
        "ko": "연산은 부모와 국소적 미분을 기록한 새 Value를 반환해야 합니다 (`return`을 빠뜨렸거나 "
              "data만 반환하지 않았나요?)"},
    "ch08.local_grads_count_head": {
        "en": "✗ {what}: `local_grads` should hold one local derivative per parent.",
        "ko": "✗ {what}: `local_grads`에는 부모마다 국소적 미분이 하나씩 있어야 합니다."},
    "ch08.local_grads_count": {
        "en": "local_grads[i] is the derivative of this value with respect to parents[i]: as "
              "many entries as parents, in the same order",
        "ko": "local_grads[i]는 이 값을 parents[i]로 미분한 것입니다: 부모 수만큼, 부모와 같은 "
              "순서로 담으세요"},
    "ch08.local_grad_not_number_head": {
        "en": "✗ {what}: local_grads[{position}] is {kind}, not a number or an array.",
        "ko": "✗ {what}: local_grads[{position}]의 타입이 {kind}입니다. 수나 배열이어야 합니다."},
    "ch08.local_grad_not_number": {
        "en": "a local derivative is a number or an array of data's shape (use the operands' "
              ".data, not the Values themselves)",
        "ko": "국소적 미분은 수 또는 data와 형상이 같은 배열입니다 (Value 자체가 아니라 피연산자의 "
              ".data를 쓰세요)"},
    "ch08.operand_changed_head": {
        "en": "✗ {what} changed the data of an operand.",
        "ko": "✗ {what}: 피연산자의 data를 바꾸었습니다."},
    "ch08.operand_changed": {
        "en": "an operation computes a new Value; it must not change its operands (no += on "
              "their data)",
        "ko": "연산은 새 Value를 계산할 뿐, 피연산자를 바꾸면 안 됩니다 (피연산자의 data에 +=를 "
              "쓰지 마세요)"},
    "ch08.against_own_forward": {
        "en": "{name} (compared with the numerical derivative of your own forward)",
        "ko": "{name} (직접 작성한 순전파를 수치 미분한 값과 비교)"},
    "ch08.local_derivative_wrt": {
        "en": "the local derivative of {what} with respect to {name}",
        "ko": "{name}에 대한 {what}의 국소적 미분"},
    "ch08.local_derivative_of": {
        "en": "the local derivative of {what}",
        "ko": "{what}의 국소적 미분"},
    # ---------------------------------------------------------------- 1 · Value
    "ch08.not_a_class_head": {
        "en": "✗ `Value` is not a class.",
        "ko": "✗ `Value`가 클래스가 아닙니다."},
    "ch08.not_a_class": {
        "en": "define `class Value:` in the answer cell",
        "ko": "답안 셀에 `class Value:`를 정의하세요"},
    "ch08.returned_operand_head": {
        "en": "✗ {what} returned one of its operands.",
        "ko": "✗ {what}: 피연산자 하나를 그대로 반환했습니다."},
    "ch08.returned_operand": {
        "en": "return a new Value; the operands stay as they were",
        "ko": "새 Value를 반환하세요. 피연산자는 그대로 두어야 합니다"},
    "ch08.parents_not_operands_head": {
        "en": "✗ {what}: `parents` should be (a, b), the operands themselves, in order.",
        "ko": "✗ {what}: `parents`는 피연산자 자체를 순서대로 담은 (a, b)여야 합니다."},
    "ch08.parents_not_operands": {
        "en": "record the two Values the new one was computed from, first operand first (not "
              "their data, not copies): backward follows them to hand on the gradients",
        "ko": "새 값을 계산하는 데 쓴 두 Value를 첫 번째 피연산자부터 기록하세요 (data나 복사본이 "
              "아니라 Value 자체): backward는 이 부모들을 따라가며 기울기를 넘깁니다"},
    "ch08.number_parent_not_value_head": {
        "en": "✗ {what} (k a plain number): a parent is not a Value.",
        "ko": "✗ {what} (k는 그냥 수): 부모 중에 Value가 아닌 것이 있습니다."},
    "ch08.number_not_wrapped": {
        "en": "turn a plain number into a Value before you use it as an operand, so that every "
              "parent has .data and .grad",
        "ko": "그냥 수는 피연산자로 쓰기 전에 Value로 바꾸세요. 그래야 모든 부모에 .data와 .grad가 "
              "있습니다"},
    "ch08.operand_not_parent_once_head": {
        "en": "✗ {what} (k a plain number): a should be one of the parents, once.",
        "ko": "✗ {what} (k는 그냥 수): a가 부모 가운데 정확히 한 번 들어 있어야 합니다."},
    "ch08.operand_not_parent": {
        "en": "record the operand Value itself as a parent",
        "ko": "피연산자인 Value 자체를 부모로 기록하세요"},
    # ---------------------------------------------------------------- 2 · backward
    "ch08.order_not_list_head": {
        "en": "✗ {what} returned {kind}, not a list of Values.",
        "ko": "✗ {what}: 반환값이 Value의 리스트가 아니라 {kind}입니다."},
    "ch08.order_not_list": {
        "en": "return the list of the Values in topological order (did you forget "
              "`return order`?)",
        "ko": "Value들을 위상 정렬 순서로 담은 리스트를 반환하세요 (`return order`를 빠뜨리지 "
              "않았나요?)"},
    "ch08.order_repeats_head": {
        "en": "✗ {what} lists a value more than once.",
        "ko": "✗ {what}: 같은 값이 두 번 이상 들어 있습니다."},
    "ch08.visits_shared_node_twice": {
        "en": "a value that fans out is reached along several paths; visit it only once "
              "(remember the visited values in a set and skip them)",
        "ko": "분기하는 값에는 여러 경로로 도달합니다. 한 번만 방문하세요 (방문한 값을 set에 "
              "기억해 두고 건너뛰세요)"},
    "ch08.order_extra_head": {
        "en": "✗ {what} lists a value that the output does not depend on.",
        "ko": "✗ {what}: 출력이 의존하지 않는 값이 들어 있습니다."},
    "ch08.order_extra": {
        "en": "follow `parents` from the output, and nothing else",
        "ko": "출력에서 시작해 `parents`만 따라가세요"},
    "ch08.order_incomplete_head": {
        "en": "✗ {what} misses {missing} of the {total} values the output depends on.",
        "ko": "✗ {what}: 출력이 의존하는 값 {total}개 가운데 {missing}개가 빠졌습니다."},
    "ch08.order_incomplete": {
        "en": "follow `parents` from the output all the way back to the values made directly, "
              "and include the output itself",
        "ko": "출력에서 `parents`를 따라 직접 만든 값까지 끝까지 거슬러 가고, 출력 자신도 넣으세요"},
    "ch08.order_parent_after_head": {
        "en": "✗ {what} lists a value before one of its parents.",
        "ko": "✗ {what}: 어떤 값이 자신의 부모보다 앞에 있습니다."},
    "ch08.order_parent_after": {
        "en": "in topological order every value comes after all of its parents: add a value to "
              "the list only after all of its parents are in it",
        "ko": "위상 정렬 순서에서는 모든 값이 자신의 부모들보다 뒤에 옵니다: 부모가 모두 리스트에 "
              "들어간 뒤에 그 값을 넣으세요"},
    "ch08.order_output_not_last_head": {
        "en": "✗ {what} does not end with the output.",
        "ko": "✗ {what}: 마지막 값이 출력이 아닙니다."},
    "ch08.order_output_not_last": {
        "en": "the output is computed from everything else, so it comes last",
        "ko": "출력은 나머지 모든 값으로 계산하므로 맨 마지막에 옵니다"},
    "ch08.output_grad_not_one_head": {
        "en": "✗ after {what}, the output's grad is {grad}, not 1.",
        "ko": "✗ {what} 실행 후: 출력의 grad가 1이 아니라 {grad}입니다."},
    "ch08.output_grad_not_one": {
        "en": "the backward pass starts with d(output)/d(output) = 1 at the output (ones of its "
              "data's shape)",
        "ko": "역전파는 출력에서 d(output)/d(output) = 1로 시작합니다 (출력의 data와 형상이 같고 "
              "1로 채운 배열)"},
    "ch08.grad_not_number_head": {
        "en": "✗ after {what}, a value's grad is {kind}, not a number or an array.",
        "ko": "✗ {what} 실행 후: 어떤 값의 grad 타입이 {kind}입니다. 수나 배열이어야 합니다."},
    "ch08.grad_not_number": {
        "en": "grad holds numbers: zeros of data's shape before the pass, then the sum of what "
              "arrives",
        "ko": "grad에는 수가 담깁니다: 역전파 전에는 data와 형상이 같은 0, 그다음에는 도착하는 "
              "값들의 합입니다"},
    "ch08.grad_shape_head": {
        "en": "✗ after {what}, a value's grad has shape {shape}, its data {data_shape}.",
        "ko": "✗ {what} 실행 후: 어떤 값의 grad 형상은 {shape}인데, data의 형상은 "
              "{data_shape}입니다."},
    "ch08.grad_shape": {
        "en": "each grad has the shape of its value's data (np.zeros_like, np.ones_like)",
        "ko": "grad의 형상은 그 값의 data와 같습니다 (np.zeros_like, np.ones_like)"},
    "ch08.one_use_only_head": {
        "en": "✗ after {what}, a value used {uses} times holds the gradient of one use only.",
        "ko": "✗ {what} 실행 후: {uses}번 쓰인 값의 grad에 그중 한 번 쓰인 곳의 기울기만 "
              "들어 있습니다."},
    "ch08.forgot_to_accumulate": {
        "en": "where a value fans out, what arrives from each use must ADD UP (+=, or grad = "
              "grad + ...); `=` keeps only the last one",
        "ko": "값이 분기하는 곳에서는 각 쓰임에서 도착한 기울기를 모두 더해야(누적해야) 합니다 "
              "(+= 또는 grad = grad + ...). `=`는 마지막 것만 남깁니다"},
    "ch08.not_chain_rule_head": {
        "en": "✗ after {what}, a value's grad is not the sum over its uses of (local derivative "
              "× the grad of the value computed from it).",
        "ko": "✗ {what} 실행 후: 어떤 값의 grad가, 그 값이 쓰인 곳마다 (국소적 미분 × 그 값으로 "
              "계산한 값의 grad)를 구해 더한 합과 다릅니다."},
    "ch08.not_chain_rule": {
        "en": "visit the values in reverse topological order, so that a value hands its grad on "
              "only when every value computed from it has delivered its part, and hand on local "
              "derivative × grad to each parent, once",
        "ko": "값을 위상 정렬의 역순으로 방문하세요. 그래야 어떤 값이든, 그 값으로 계산한 모든 값이 "
              "제 몫을 전달한 뒤에야 grad를 넘깁니다. 각 부모에게는 국소적 미분 × grad를 한 번씩 "
              "넘기세요"},
    "ch08.not_attached_head": {
        "en": "✗ Value has no method backward().",
        "ko": "✗ Value에 backward() 메서드가 없습니다."},
    "ch08.not_attached": {
        "en": "keep the line `Value.backward = backward` after your function",
        "ko": "함수 아래의 `Value.backward = backward` 줄을 지우지 말고 그대로 두세요"},
    "ch08.second_call": {
        "en": "output.backward() (a second time)",
        "ko": "output.backward() (두 번째 호출)"},
    "ch08.second_call_changed_head": {
        "en": "✗ calling output.backward() a second time changed the gradients.",
        "ko": "✗ output.backward()를 두 번째로 호출하자 기울기가 바뀌었습니다."},
    "ch08.second_call_doubled_head": {
        "en": "✗ calling output.backward() a second time changed the gradients (they doubled).",
        "ko": "✗ output.backward()를 두 번째로 호출하자 기울기가 바뀌었습니다 (두 배가 "
              "되었습니다)."},
    "ch08.gradient_not_reset": {
        "en": "backward first sets the grad of every value in the order to zero (and the "
              "output's to one), then adds up: without that, the second pass adds onto the first",
        "ko": "backward는 먼저 순서에 든 모든 값의 grad를 0으로(출력의 grad는 1로) 놓은 다음 "
              "더해 나갑니다: 그러지 않으면 두 번째 역전파가 첫 번째 결과 위에 더해집니다"},
    "ch08.y2_after_y1": {
        "en": "y2.backward() after y1.backward()",
        "ko": "y1.backward() 다음의 y2.backward()"},
    "ch08.shared_not_reset_head": {
        "en": "✗ y1 and y2 share a value b: after y1.backward() and then y2.backward(), b.grad "
              "still holds a part of y1's gradient.",
        "ko": "✗ y1과 y2는 값 b를 공유합니다: y1.backward()에 이어 y2.backward()를 호출했는데도 "
              "b.grad에 y1의 기울기 일부가 남아 있습니다."},
    "ch08.shared_not_reset": {
        "en": "backward starts the grad of every value of its own graph at zero before it adds "
              "up, so that each grad is a derivative of the latest output alone",
        "ko": "backward는 더해 나가기 전에 자기 그래프에 속한 모든 값의 grad를 0에서 시작합니다. "
              "그래야 각 grad가 가장 최근 출력만의 미분이 됩니다"},
    # ---------------------------------------------------------------- 3 · more ops
    "ch08.one_parent_head": {
        "en": "✗ {what}: `parents` should be (x,), x itself.",
        "ko": "✗ {what}: `parents`는 x 자체만 담은 (x,)여야 합니다."},
    "ch08.one_parent_power_head": {
        "en": "✗ {what}: `parents` should be (x,), x itself (a number exponent k is a "
              "constant, not a node).",
        "ko": "✗ {what}: `parents`는 x 자체만 담은 (x,)여야 합니다 (수로 된 지수 k는 노드가 "
              "아니라 상수입니다)."},
    "ch08.one_parent": {
        "en": "a one-input node has one parent, the Value it was computed from",
        "ko": "입력이 하나인 노드의 부모는 하나, 그 노드를 계산하는 데 쓴 Value입니다"},
    "ch08.relu_at_zero_head": {
        "en": "✗ the local derivative of relu at exactly 0 is {value:g}, not 0.",
        "ko": "✗ 정확히 0에서 relu의 국소적 미분이 0이 아니라 {value:g}입니다."},
    "ch08.relu_at_zero": {
        "en": "the course's convention (chapter 4): at x = 0 the switch is off, so the local "
              "derivative there is 0 (compare with > 0, not >= 0)",
        "ko": "이 과정의 약속(4장): x = 0에서는 스위치가 꺼져 있으므로 그곳의 국소적 미분은 "
              "0입니다 (>= 0이 아니라 > 0으로 비교하세요)"},
    # ---------------------------------------------------------------- 4 · graphs
    "ch08.not_built_with_values_head": {
        "en": "✗ {what} should compute with Values: it made {count} of them.",
        "ko": "✗ {what}: Value로 계산해야 하는데, 만든 Value가 {count}개뿐입니다."},
    "ch08.not_built_with_values": {
        "en": "turn the inputs into Values and compute the output with your +, * (and the "
              "other operations), so that the graph is recorded",
        "ko": "입력을 Value로 바꾸고, 직접 만든 +, * (그리고 다른 연산)로 출력을 계산하세요. "
              "그래야 그래프가 기록됩니다"},
    "ch08.backward_not_called_head": {
        "en": "✗ {what} never called backward() on a Value.",
        "ko": "✗ {what}: 어떤 Value에서도 backward()를 호출하지 않았습니다."},
    "ch08.backward_not_called": {
        "en": "the gradients must come from the engine: call backward() on the output Value "
              "once, then read the inputs' grad",
        "ko": "기울기는 엔진이 구해야 합니다: 출력 Value에서 backward()를 한 번 호출한 다음, "
              "입력들의 grad를 읽으세요"},
    "ch08.wrong_return_head": {
        "en": "✗ {what} should return {shape}, but returned {kind}.",
        "ko": "✗ {what}: 반환값은 {shape} 꼴이어야 하는데 {kind}입니다."},
    "ch08.wrong_return": {
        "en": "return {items} as one tuple",
        "ko": "{items}: 하나의 튜플로 묶어 반환하세요"},
    "ch08.kind_value": {"en": "a Value", "ko": "Value 객체"},
    "ch08.not_number_head": {
        "en": "✗ {what} should be a number or an array, but is {kind}.",
        "ko": "✗ {what}: 수나 배열이어야 하는데 {kind}입니다."},
    "ch08.return_data": {
        "en": "return the .data (and .grad) of the Values, not the Values themselves",
        "ko": "Value 자체가 아니라 Value의 .data(와 .grad)를 반환하세요"},
    "ch08.output_of": {"en": "the output of {what}", "ko": "{what}의 출력"},
    "ch08.gradient_for": {"en": "the gradient for {name}", "ko": "{name}의 기울기"},
    "ch08.value_not_defined_head": {
        "en": "✗ `Value` is not defined as a class where {what} can see it.",
        "ko": "✗ {what}에서 보이는 곳에 `Value` 클래스가 정의되어 있지 않습니다."},
    "ch08.run_cells_above": {
        "en": "run the cells above first",
        "ko": "위쪽 셀들을 먼저 실행하세요"},
    "ch08.graph_grads_not_dict_head": {
        "en": "✗ {what}'s grads should be a dict with the keys {names}.",
        "ko": "✗ {what}: grads는 키가 {names}인 dict여야 합니다."},
    "ch08.graph_grads_keys": {
        "en": "one entry per input, under exactly these keys",
        "ko": "입력마다 하나씩, 정확히 이 키들로 담으세요"},
    "ch08.against_own_output": {
        "en": "{what}: ∂/∂{name} (compared with the numerical derivative of your own output)",
        "ko": "{what}: ∂/∂{name} (직접 구한 출력을 수치 미분한 값과 비교)"},
    # ---------------------------------------------------------------- 5 · the network
    "ch08.the_loss": {"en": "the loss", "ko": "손실"},
    "ch08.loss_not_one_number_head": {
        "en": "✗ the loss should be one number.",
        "ko": "✗ 손실은 수 하나여야 합니다."},
    "ch08.return_loss_data": {
        "en": "return loss.data of the output Value",
        "ko": "출력 Value의 data, 즉 loss.data를 반환하세요"},
    "ch08.params_changed_head": {
        "en": "✗ net_gradient changed the arrays of params.",
        "ko": "✗ net_gradient가 params의 배열을 바꾸었습니다."},
    "ch08.params_read_only": {
        "en": "read the parameters; do not write into them",
        "ko": "매개변수는 읽기만 하고, 거기에 값을 쓰지 마세요"},
    "ch08.net_grads_not_dict_head": {
        "en": "✗ grads should be a dict with the keys {names}.",
        "ko": "✗ grads는 키가 {names}인 dict여야 합니다."},
    "ch08.net_grads_keys": {
        "en": "one array per parameter, under exactly these keys",
        "ko": "매개변수마다 배열 하나씩, 정확히 이 키들로 담으세요"},
    "ch08.net_grad_shape_head": {
        "en": "✗ grads[{name}] should be an array of shape {shape}, like params[{name}].",
        "ko": "✗ grads[{name}]: params[{name}]처럼 형상이 {shape}인 배열이어야 합니다."},
    "ch08.net_grad_shape": {
        "en": "collect each element's grad into an array of the parameter's shape",
        "ko": "원소마다 구한 grad를 매개변수와 형상이 같은 배열에 모으세요"},
    "ch08.against_own_loss": {
        "en": "∂L/∂{name} (compared with the numerical gradient of your own loss)",
        "ko": "∂L/∂{name} (직접 구한 손실을 수치 미분한 기울기와 비교)"},
})

SECTION_VALUE = see("ch08_autograd", "2 · A graph that records itself", "§5.1.2")  # not for students (a heading)
SECTION_SWEEP = see("ch08_autograd", "3 · The backward sweep", "§5.2.3")  # not for students (a heading)
SECTION_ACCUMULATE = see("ch08_autograd", "4 · Fan-out", "§5.2.3")  # not for students (a heading)
SECTION_ORDER = see("ch08_autograd", "5 · Nodes that point to their inputs", "§5.2.3")  # not for students (a heading)
SECTION_WRONG_ORDER = see("ch08_autograd", "6 · Why a wrong order", "§5.2.3")  # not for students (a heading)
SECTION_RESET = see("ch08_autograd", "7 · Calling backward twice")  # not for students (a heading)
SECTION_OPS = see("ch08_autograd", "8 · More nodes", "§5.5.2")  # not for students (a heading)
SECTION_GRAPHS = see("ch08_autograd", "4 · Fan-out", "§5.4.2")  # not for students (a heading)
SECTION_NET = see("ch08_autograd", "9 · A tiny two-layer network", "§5.7.2")  # not for students (a heading)

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

NOT_WRITTEN = "ch08.not_written"


# =========================================================================== running student code

def _call(fn: Callable, *args, what: str, section: str):
    """Run student code; an exception becomes a failure that says what to fix."""
    try:
        with np.errstate(all="ignore"):
            return fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise fail(say("ch08.raises_not_implemented", what=what),
                   Diagnosis("not_implemented", say(NOT_WRITTEN))) from None
    except RecursionError:
        raise fail(say("ch08.raised_recursion", what=what), "endless_recursion",
                   cause=say("ch08.endless_recursion"), section=section) from None
    except NameError as exc:
        raise fail(say("ch08.raised_name_error", what=what, error=exc), "name_error",
                   cause=say("ch08.name_error",
                             name=getattr(exc, "name", None) or say("ch08.a_name")),
                   section=section) from None
    except AttributeError as exc:
        name = getattr(exc, "name", None)
        raise fail(say("ch08.raised_attribute_error", what=what, error=exc), "missing_attribute",
                   cause=say("ch08.missing_attribute", name=name), section=section) from None
    except Exception as exc:  # noqa: BLE001 - any student bug becomes a message
        raise fail(say("ch08.raised", what=what, error_type=type(exc).__name__, error=exc),
                   "raised", cause=say("ch08.raised_cause", error_type=type(exc).__name__),
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
        raise fail(say("ch08.returned_not_value", what=what, kind=kind),
                   "returned_none" if out is None else "not_a_value",
                   cause=say("ch08.new_value_expected"), section=section)


def _local(out, position: int, what: str, section: str):
    grads = getattr(out, "local_grads", None)
    parents = getattr(out, "parents", None)
    if not isinstance(grads, (tuple, list)) or not isinstance(parents, (tuple, list)) \
            or len(grads) != len(parents):
        raise fail(say("ch08.local_grads_count_head", what=what), "local_grads_count",
                   cause=say("ch08.local_grads_count"), section=section)
    value = numbers(grads[position])
    if value is None:
        raise fail(say("ch08.local_grad_not_number_head", what=what, position=position,
                       kind=type(grads[position]).__name__), "wrong_type",
                   cause=say("ch08.local_grad_not_number"), section=section)
    return value


def _same_data(before, value, what: str, section: str) -> None:
    if not np.array_equal(np.asarray(before), np.asarray(value.data)):
        raise fail(say("ch08.operand_changed_head", what=what), "input_mutated",
                   cause=say("ch08.operand_changed"), section=section)


def _compare_local(name: str, got, own, section: str) -> None:
    own = np.asarray(own, dtype=float)
    expect_close(say("ch08.against_own_forward", name=name),
                 np.broadcast_to(got, own.shape) if np.size(got) in (1, own.size) else got,
                 own, rtol=LOCAL_RTOL, atol=LOCAL_ATOL, section=section)


# =========================================================================== 1 · Value

def value(Value, seed: int | None = None) -> None:
    rng = rng_for("value", seed)
    section = SECTION_VALUE
    if not isinstance(Value, type):
        raise fail(say("ch08.not_a_class_head"), "not_a_class",
                   cause=say("ch08.not_a_class"), section=section)
    for case in ORDER:
        a_data, b_data = _operands(rng, 2, case)
        for symbol, op in (("+", lambda p, q: p + q), ("*", lambda p, q: p * q)):
            a, b = Value(a_data), Value(b_data)
            kept_a, kept_b = np.copy(a.data), np.copy(b.data)
            what = f"a {symbol} b"
            out = _call(op, a, b, what=what, section=section)
            _require_value(Value, out, what, section)
            if out is a or out is b:
                raise fail(say("ch08.returned_operand_head", what=what), "changed_operand",
                           cause=say("ch08.returned_operand"), section=section)
            parents = getattr(out, "parents", None)
            if not (isinstance(parents, (tuple, list)) and len(parents) == 2
                    and parents[0] is a and parents[1] is b):
                raise fail(say("ch08.parents_not_operands_head", what=what), "parents_wrong",
                           cause=say("ch08.parents_not_operands"), section=section)
            _same_data(kept_a, a, what, section)
            _same_data(kept_b, b, what, section)
            for position, (name, varied, other) in enumerate(
                    (("a", a_data, b_data), ("b", b_data, a_data))):
                local = _local(out, position, what, section)

                def own(v, position=position, other=other, op=op, what=what):
                    p, q = (Value(v), Value(other)) if position == 0 else (Value(other), Value(v))
                    return np.asarray(_call(op, p, q, what=what, section=section).data)
                _compare_local(say("ch08.local_derivative_wrt", what=what, name=name), local,
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
            raise fail(say("ch08.number_parent_not_value_head", what=what),
                       "number_not_wrapped", cause=say("ch08.number_not_wrapped"),
                       section=section)
        positions = [i for i, p in enumerate(parents) if p is a]
        if len(positions) != 1:
            raise fail(say("ch08.operand_not_parent_once_head", what=what),
                       "parents_wrong", cause=say("ch08.operand_not_parent"), section=section)
        local = _local(out, positions[0], what, section)
        def along(v, op=op, what=what):
            return np.asarray(_call(op, Value(v), what=what, section=section).data)
        own = elementwise_derivative(along, np.asarray(a_data, dtype=float))
        _compare_local(say("ch08.local_derivative_wrt", what=what, name="a"), local, own,
                       section)


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
        raise fail(say("ch08.order_not_list_head", what=what, kind=type(order).__name__),
                   "returned_none" if order is None else "wrong_type",
                   cause=say("ch08.order_not_list"), section=SECTION_ORDER)
    ids = [id(v) for v in order]
    reachable = {id(v) for v in _reachable(output)}
    if len(set(ids)) != len(ids):
        raise fail(say("ch08.order_repeats_head", what=what), "visits_shared_node_twice",
                   cause=say("ch08.visits_shared_node_twice"), section=SECTION_ORDER)
    if set(ids) - reachable:
        raise fail(say("ch08.order_extra_head", what=what),
                   "order_extra", cause=say("ch08.order_extra"), section=SECTION_ORDER)
    if reachable - set(ids):
        raise fail(say("ch08.order_incomplete_head", what=what,
                       missing=len(reachable - set(ids)), total=len(reachable)),
                   "order_incomplete", cause=say("ch08.order_incomplete"),
                   section=SECTION_ORDER)
    position = {id(v): i for i, v in enumerate(order)}
    for node in order:
        if any(position[id(p)] > position[id(node)] for p in node.parents):
            raise fail(say("ch08.order_parent_after_head", what=what), "wrong_order",
                       cause=say("ch08.order_parent_after"), section=SECTION_ORDER)
    if order[-1] is not output:
        raise fail(say("ch08.order_output_not_last_head", what=what), "wrong_order",
                   cause=say("ch08.order_output_not_last"), section=SECTION_ORDER)


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
        raise fail(say("ch08.output_grad_not_one_head", what=what, grad=repr(output.grad)),
                   "output_grad_not_one", cause=say("ch08.output_grad_not_one"),
                   section=SECTION_SWEEP)
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
            raise fail(say("ch08.grad_not_number_head", what=what,
                           kind=type(node.grad).__name__), "wrong_type",
                       cause=say("ch08.grad_not_number"), section=SECTION_SWEEP)
        parts = [np.asarray(local, dtype=float) * np.asarray(user.grad, dtype=float)
                 for local, user in uses[id(node)]]
        total = np.broadcast_to(sum(parts), np.shape(node.data))
        if grad.shape != total.shape:
            raise fail(say("ch08.grad_shape_head", what=what, shape=grad.shape,
                           data_shape=total.shape), "wrong_shape",
                       cause=say("ch08.grad_shape"), section=SECTION_SWEEP)
        if np.allclose(grad, total, rtol=CHAIN_RTOL, atol=CHAIN_ATOL):
            continue
        if len(parts) > 1 and any(np.allclose(grad, p, rtol=CHAIN_RTOL, atol=CHAIN_ATOL)
                                  for p in parts):
            raise fail(say("ch08.one_use_only_head", what=what, uses=len(parts)),
                       "forgot_to_accumulate", cause=say("ch08.forgot_to_accumulate"),
                       section=SECTION_ACCUMULATE)
        raise fail(say("ch08.not_chain_rule_head", what=what), "not_chain_rule",
                   cause=say("ch08.not_chain_rule"), section=SECTION_WRONG_ORDER)


def backward(Value, topological_order, backward, seed: int | None = None) -> None:
    rng = rng_for("backward", seed)
    if not callable(getattr(Value, "backward", None)):
        raise fail(say("ch08.not_attached_head"), "not_attached",
                   cause=say("ch08.not_attached"), section=SECTION_ORDER)
    for case in ORDER:
        nodes = random_graph(Value, rng, case)
        output = nodes[-1]
        order = _call(topological_order, output, what="topological_order(output)",
                      section=SECTION_ORDER)
        _check_order(order, output, "topological_order(output)")
        _call(output.backward, what="output.backward()", section=SECTION_SWEEP)
        _check_chain_rule(nodes, output, "output.backward()")
        first = _grads(nodes)
        _call(output.backward, what=say("ch08.second_call"), section=SECTION_RESET)
        again = _grads(nodes)
        for before, after in zip(first, again):
            if before is None or after is None or before.shape != after.shape:
                continue
            if not np.allclose(after, before, rtol=1e-12, atol=1e-12):
                doubled = np.allclose(after, 2 * before, rtol=1e-9, atol=1e-12)
                raise fail(say("ch08.second_call_doubled_head" if doubled
                               else "ch08.second_call_changed_head"), "gradient_not_reset",
                           cause=say("ch08.gradient_not_reset"), section=SECTION_RESET)
    _shared_outputs(Value, rng)


def _shared_outputs(Value, rng: np.random.Generator) -> None:
    """y1 = f(a, b) and y2 = g(b, c) share b: after y1.backward() and then y2.backward(),
    b and c hold derivatives of y2 alone (the chain rule on y2's graph)."""
    a, b, c = (Value(float(v)) for v in rng.uniform(-2, 2, size=3))
    y1 = Value(1.0, [a, b], [float(rng.uniform(0.5, 2)), float(rng.uniform(0.5, 2))])
    y2 = Value(2.0, [b, c], [float(rng.uniform(0.5, 2)), float(rng.uniform(0.5, 2))])
    _call(y1.backward, what="y1.backward()", section=SECTION_RESET)
    _call(y2.backward, what=say("ch08.y2_after_y1"), section=SECTION_RESET)
    for node, local in ((b, y2.local_grads[0]), (c, y2.local_grads[1])):
        if not np.allclose(numbers(node.grad), local, rtol=1e-12, atol=1e-12):
            raise fail(say("ch08.shared_not_reset_head"), "gradient_not_reset",
                       cause=say("ch08.shared_not_reset"), section=SECTION_RESET)


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
                head = ("ch08.one_parent_power_head" if what.startswith("x **")
                        else "ch08.one_parent_head")
                raise fail(say(head, what=label), "parents_wrong",
                           cause=say("ch08.one_parent"), section=section)
            _same_data(kept, x, label, section)
            local = _local(out, 0, label, section)

            def own(v, op=op, label=label):
                return np.asarray(_call(op, Value(v), what=label, section=section).data)
            _compare_local(say("ch08.local_derivative_of", what=label), local,
                           elementwise_derivative(own, np.asarray(data, dtype=float)), section)
    at_zero = Value(np.array([0.0, -1.0, 1.0]))
    out = _call(lambda v: v.relu(), at_zero, what="x.relu()", section=section)
    local = _local(out, 0, "x.relu()", section)
    if np.size(local) == 3 and float(np.asarray(local).ravel()[0]) != 0.0:
        raise fail(say("ch08.relu_at_zero_head", value=float(np.asarray(local).ravel()[0])),
                   "relu_at_zero", cause=say("ch08.relu_at_zero"), section=section)


# =========================================================================== 4 · graphs

BILL_INPUTS = ["apple", "apple_num", "orange", "orange_num", "tax"]


def _expect_engine(recorded: instances_recorded, least: int, what: str, section: str) -> None:
    made = recorded.created["Value"]
    if len(made) < least:
        raise fail(say("ch08.not_built_with_values_head", what=what, count=len(made)),
                   "not_built_with_values", cause=say("ch08.not_built_with_values"),
                   section=section)
    if not any(v._backward_calls for v in made):
        raise fail(say("ch08.backward_not_called_head", what=what), "backward_not_called",
                   cause=say("ch08.backward_not_called"), section=section)


def _returned(result, size: int, what: str, shape: str, section: str) -> tuple:
    if not (isinstance(result, tuple) and len(result) == size):
        raise fail(say("ch08.wrong_return_head", what=what, shape=shape,
                       kind=type(result).__name__),
                   "wrong_return", cause=say("ch08.wrong_return", items=shape.strip("()")),
                   section=section)
    return result


def _number(value, what: str, section: str) -> None:
    if numbers(value) is None:
        kind = say("ch08.kind_value") if hasattr(value, "parents") else type(value).__name__
        raise fail(say("ch08.not_number_head", what=what, kind=kind),
                   "returned_none" if value is None else "wrong_type",
                   cause=say("ch08.return_data"), section=section)


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
                   "(f, df_da, df_db, df_dc)", list("abc"), SECTION_ACCUMULATE)  # not for students (code)


def _one_graph(fn, what: str, inputs: list, least: int, shape: str, names: list,
               section: str) -> None:
    namespace = getattr(fn, "__globals__", None)
    if not isinstance(namespace, dict) or not isinstance(namespace.get("Value"), type):
        raise fail(say("ch08.value_not_defined_head", what=what),
                   "not_defined", cause=say("ch08.run_cells_above"), section=section)
    with instances_recorded(namespace, "Value") as recorded:
        result = _call(fn, *inputs, what=what, section=section)
        size = 2 if what == "apple_orange_engine" else 4
        out, *rest = _returned(result, size, what, shape, section)
        _expect_engine(recorded, least, what, section)
    _number(out, say("ch08.output_of", what=what), section)
    if what == "apple_orange_engine":
        grads = rest[0]
        if not isinstance(grads, Mapping) or any(k not in grads for k in names):
            raise fail(say("ch08.graph_grads_not_dict_head", what=what, names=names),
                       "missing_keys", cause=say("ch08.graph_grads_keys"), section=section)
        got = [grads[k] for k in names]
    else:
        got = rest
    for i, (name, value) in enumerate(zip(names, got)):
        _number(value, say("ch08.gradient_for", name=name), section)
        own = _own_derivative(fn, inputs, i, what, section)
        expect_close(say("ch08.against_own_output", what=what, name=name), value, own,
                     rtol=GRAPH_RTOL, atol=1e-7, section=section)


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
            raise fail(say("ch08.value_not_defined_head", what="net_gradient"),
                       "not_defined", cause=say("ch08.run_cells_above"), section=section)
        with instances_recorded(namespace, "Value") as recorded:
            result = _call(net_gradient, x, t, params, what=what, section=section)
            loss, grads = _returned(result, 2, what, "(loss, grads)", section)
            _expect_engine(recorded, sum(v.size for v in params.values()), what, section)
        _number(loss, say("ch08.the_loss"), section)
        if numbers(loss).size != 1:
            raise fail(say("ch08.loss_not_one_number_head"), "wrong_shape",
                       cause=say("ch08.return_loss_data"), section=section)
        if any(not np.array_equal(kept[k], params[k]) for k in PARAMS):
            raise fail(say("ch08.params_changed_head"), "input_mutated",
                       cause=say("ch08.params_read_only"), section=section)
        if not isinstance(grads, Mapping) or any(k not in grads for k in PARAMS):
            raise fail(say("ch08.net_grads_not_dict_head", names=PARAMS), "missing_keys",
                       cause=say("ch08.net_grads_keys"), section=section)
        for name in PARAMS:
            def loss_of(w, x=x, t=t, params=params):
                return _call(net_gradient, x, t, params, what=what, section=section)[0]
            own = gradcheck.numerical_gradient(loss_of, params[name])
            got = numbers(grads[name])
            if got is None or got.shape != own.shape:
                raise fail(say("ch08.net_grad_shape_head", name=repr(name), shape=own.shape),
                           "wrong_shape", cause=say("ch08.net_grad_shape"), section=section)
            expect_close(say("ch08.against_own_loss", name=name),
                         got, own, rtol=GRAPH_RTOL, atol=1e-7, section=section)
