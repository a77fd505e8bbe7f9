"""Judges of lab ch08_autograd: the Value engine, its backward pass, four more nodes, the
graphs of labs 1-3 and a small two-layer network, all by the student's engine.

* ``value_test``: `a * b`, `a + b`, `k * a`, `k + a` on random floats and arrays; the data,
  and the local derivatives with respect to a and b (broadcast to the data's shape, so a
  number 1.0 and an array of ones are the same answer).
* ``backward_test``: random graphs made with the given constructor Value(data, parents,
  local_grads), so that the student's `+` and `*` play no part: the order
  topological_order returns (read as the data of each value; the grader checks it is a
  topological order of its own graph), every grad after backward, and every grad after a
  second backward; and two outputs that share a value. The likely causes (`=` instead of
  `+=`, a recursive push without an order, a visited set forgotten, no reset, local
  derivative not multiplied by the upstream grad) are the same graphs run here by small
  simulations of those mistakes.
* ``more_ops_test``: exp, log, relu (at 0 too), ** k for k in (2, 3, −1, 0.5): data, the
  number of parents and the local derivative.
* ``engine_graphs_test`` and ``net_gradient_test``: the functions on random inputs (and
  networks), compared with the reference. A failure is first tried on the cells they are
  built from: a broken Value, backward or node is the root cause to name.

Numerical answers are refused (autograder/judging/numerical.py): the calls of the provided
numerical_gradient are counted, and probe cases compare at analytic precision: operands of
10⁶ to 10⁸ for `+`, `*` and the graphs (where one product or one sum is exact to rounding
and any difference quotient loses the digits of h), ordinary inputs for exp, log and **
(a difference quotient is off by ~1e-10 there) and for the network.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from autograder.checks.ch08_autograd import (
    BILL_INPUTS,
    PARAMS,
    SECTION_ACCUMULATE,
    SECTION_GRAPHS,
    SECTION_NET,
    SECTION_OPS,
    SECTION_ORDER,
    SECTION_RESET,
    SECTION_SWEEP,
    SECTION_VALUE,
    SECTION_WRONG_ORDER,
    random_network,
)
from autograder.checks.diagnose import Diagnosis, diagnose, numbers
from autograder.checks.runtime import rng_for
from autograder.checks.words import catalogue, say
from autograder.judging.judge import Case, Finding, Judge, compare_cases
from autograder.judging.layers import explainer, operands
from autograder.judging.numerical import EPS, Analytic, relative_tolerance
from autograder.judging.program import Raised, call, expr, get, let, ref, unwatch, watch

WORDS = catalogue({
    # ---------------------------------------------------------------- 1 · Value
    "ch08.judge.mul_not_swapped": {
        "en": "the local derivative of a·b with respect to {which} is the {which} itself: a "
              "multiply node's local derivatives are swapped (each is the OTHER operand)",
        "ko": "{which}에 대한 a·b의 국소적 미분이 {which} 자신입니다: 곱셈 노드의 국소적 미분은 "
              "서로 엇갈립니다 (각각 다른 쪽 피연산자입니다)"},
    "ch08.judge.mul_product": {
        "en": "the local derivative of a·b is the product itself: it is one operand, the other "
              "one",
        "ko": "a·b의 국소적 미분으로 곱 자체를 썼습니다: 국소적 미분은 피연산자 하나, 곧 다른 쪽 "
              "피연산자입니다"},
    "ch08.judge.mul_one": {
        "en": "a multiply node's local derivative is not 1 (that is the add node's)",
        "ko": "곱셈 노드의 국소적 미분은 1이 아닙니다 (1은 덧셈 노드의 국소적 미분입니다)"},
    "ch08.judge.add_other_operand": {
        "en": "the local derivatives of a + b are the operands: that is the multiply node's "
              "rule, not the add node's",
        "ko": "a + b의 국소적 미분으로 피연산자를 썼습니다: 그것은 덧셈 노드가 아니라 곱셈 노드의 "
              "규칙입니다"},
    "ch08.judge.add_zero": {
        "en": "the local derivative of an add node is not 0",
        "ko": "덧셈 노드의 국소적 미분은 0이 아닙니다"},
    "ch08.judge.add_two": {
        "en": "an add node's local derivative is the same for each operand, and it is not 2",
        "ko": "덧셈 노드의 국소적 미분은 두 피연산자에 대해 같고, 2가 아닙니다"},
    "ch08.judge.rmul_added": {
        "en": "k * a added instead of multiplying: __rmul__ must multiply",
        "ko": "k * a에서 곱하지 않고 더했습니다: __rmul__은 곱해야 합니다"},
    "ch08.judge.radd_multiplied": {
        "en": "k + a multiplied instead of adding: __radd__ must add",
        "ko": "k + a에서 더하지 않고 곱했습니다: __radd__는 더해야 합니다"},
    "ch08.judge.label_local_wrt": {
        "en": "the local derivative of {what} with respect to {name}",
        "ko": "{name}에 대한 {what}의 국소적 미분"},
    "ch08.judge.value_ops": {
        "en": "Value's __mul__ and __add__",
        "ko": "Value의 __mul__과 __add__"},
    # ---------------------------------------------------------------- 2 · backward
    "ch08.judge.no_accumulate": {
        "en": "a value used more than once keeps only the gradient of its last use: where a "
              "value fans out, what arrives from each use must ADD UP (+=, not =)",
        "ko": "여러 번 쓰인 값에 마지막 쓰임의 기울기만 남았습니다: 값이 분기하는 곳에서는 각 "
              "쓰임에서 도착한 기울기를 모두 더해야(누적해야) 합니다 (=가 아니라 +=)"},
    "ch08.judge.recursive_push": {
        "en": "a value handed its grad on before every value computed from it had delivered "
              "its part (a recursive push from the output, without a topological order): visit "
              "the values in reverse topological order",
        "ko": "어떤 값이, 그 값으로 계산한 값들이 모두 제 몫을 전달하기도 전에 grad를 넘겼습니다 "
              "(위상 정렬 없이 출력에서부터 재귀적으로 밀어 보낸 경우): 값을 위상 정렬의 역순으로 "
              "방문하세요"},
    "ch08.judge.no_visited_set": {
        "en": "a value that fans out was visited more than once, so it handed its grad on "
              "twice: remember the visited values and skip them",
        "ko": "분기하는 값을 두 번 이상 방문해서 grad를 두 번 넘겼습니다: 방문한 값을 기억해 두고 "
              "건너뛰세요"},
    "ch08.judge.no_upstream": {
        "en": "each parent received the local derivative alone: multiply it by the grad of the "
              "value computed from it (the chain rule)",
        "ko": "각 부모가 국소적 미분만 받았습니다: 그 부모로 계산한 값의 grad를 곱하세요 "
              "(연쇄법칙)"},
    "ch08.judge.not_reset": {
        "en": "the second call added onto the gradients of the first: backward first sets the "
              "grad of every value in the order to zero (the output's to one), then adds up",
        "ko": "두 번째 호출의 기울기가 첫 번째 호출의 기울기 위에 더해졌습니다: backward는 먼저 "
              "순서에 든 모든 값의 grad를 0으로(출력의 grad는 1로) 놓은 다음 더해 나갑니다"},
    "ch08.judge.shared_not_reset": {
        "en": "two outputs share a value: its grad must be a derivative of the latest output "
              "alone. {not_reset}",
        "ko": "두 출력이 값 하나를 공유합니다: 그 값의 grad는 가장 최근 출력만의 미분이어야 "
              "합니다. {not_reset}"},
    "ch08.judge.unseen_order": {
        "en": "topological_order(output) on a graph the notebook never showed",
        "ko": "노트북에 없던 그래프에서 구한 topological_order(output)"},
    "ch08.judge.order_extra": {
        "en": "{order} lists a value that is not in the graph",
        "ko": "{order}: 그래프에 없는 값이 들어 있습니다"},
    "ch08.judge.order_extra_cause": {
        "en": "follow `parents` from the output, and nothing else",
        "ko": "출력에서 시작해 `parents`만 따라가세요"},
    "ch08.judge.order_repeats": {
        "en": "{order} lists a value more than once",
        "ko": "{order}: 같은 값이 두 번 이상 들어 있습니다"},
    "ch08.judge.visits_shared_node_twice": {
        "en": "a value that fans out is reached along several paths; visit it only once "
              "(remember the visited values in a set and skip them)",
        "ko": "분기하는 값에는 여러 경로로 도달합니다. 한 번만 방문하세요 (방문한 값을 set에 "
              "기억해 두고 건너뛰세요)"},
    "ch08.judge.order_incomplete": {
        "en": "{order} lists {listed} of the {total} values the output depends on",
        "ko": "{order}: 출력이 의존하는 값 {total}개 가운데 {listed}개만 들어 있습니다"},
    "ch08.judge.order_incomplete_cause": {
        "en": "follow `parents` from the output back to the values made directly, and include "
              "the output itself",
        "ko": "출력에서 `parents`를 따라 직접 만든 값까지 거슬러 가고, 출력 자신도 넣으세요"},
    "ch08.judge.order_parent_after": {
        "en": "{order} lists a value before one of its parents",
        "ko": "{order}: 어떤 값이 자신의 부모보다 앞에 있습니다"},
    "ch08.judge.wrong_order": {
        "en": "in topological order every value comes after all of its parents (and the "
              "output last)",
        "ko": "위상 정렬 순서에서는 모든 값이 자신의 부모들보다 뒤에 오고, 출력이 맨 마지막에 "
              "옵니다"},
    "ch08.judge.label_order_data": {
        "en": "the values in topological_order(output)",
        "ko": "topological_order(output)에 든 값들"},
    "ch08.judge.label_second_backward": {
        "en": "backward(output), called a second time",
        "ko": "두 번째로 호출한 backward(output)"},
    "ch08.judge.label_shared_b": {
        "en": "b.grad after y1.backward() and then y2.backward() (y1, y2 share b)",
        "ko": "y1.backward()에 이어 y2.backward()를 호출한 뒤의 b.grad (y1과 y2는 b를 공유)"},
    "ch08.judge.label_shared_c": {
        "en": "c.grad after y1.backward() and then y2.backward()",
        "ko": "y1.backward()에 이어 y2.backward()를 호출한 뒤의 c.grad"},
    "ch08.judge.label_grad": {
        "en": "the grad of value {index} after backward(output)",
        "ko": "backward(output) 뒤 값 {index}의 grad"},
    "ch08.judge.label_grad_again": {
        "en": "the grad of value {index} after a second backward(output)",
        "ko": "두 번째 backward(output) 뒤 값 {index}의 grad"},
    # ---------------------------------------------------------------- 3 · more ops
    "ch08.judge.half_at_zero": {
        "en": "relu's local derivative is 0.5 at exactly 0, what a central difference across "
              "the kink gives: it approximates the derivative numerically; write the local "
              "derivative instead (0 at x <= 0)",
        "ko": "정확히 0에서 relu의 국소적 미분이 0.5입니다. 꺾인 점을 가로지르는 중심 차분이 내는 "
              "값으로, 미분을 수치적으로 근사한 것입니다. 대신 국소적 미분을 직접 쓰세요 "
              "(x <= 0에서 0)"},
    "ch08.judge.exp_input": {
        "en": "the local derivative of exp is not its input: e^x is its own derivative "
              "(lecture 1, section 6)",
        "ko": "exp의 국소적 미분은 입력값이 아닙니다: e^x는 미분해도 e^x입니다 (강의 1, 6절)"},
    "ch08.judge.exp_one": {
        "en": "the local derivative of exp is not 1",
        "ko": "exp의 국소적 미분은 1이 아닙니다"},
    "ch08.judge.log_minus": {
        "en": "the sign: ln x grows with x, so its local derivative is positive",
        "ko": "부호가 틀렸습니다: ln x는 x가 커지면 함께 커지므로 국소적 미분은 양수입니다"},
    "ch08.judge.log_log": {
        "en": "the local derivative of ln is not ln itself",
        "ko": "ln의 국소적 미분은 ln 자신이 아닙니다"},
    "ch08.judge.log_square": {
        "en": "the local derivative of ln x has x to the first power below the line, not x²",
        "ko": "ln x의 국소적 미분은 분모에 x²이 아니라 x(1제곱)가 옵니다"},
    "ch08.judge.relu_at_zero": {
        "en": "at exactly 0 the local derivative of relu is 0 (the switch is off at x <= 0): "
              "compare with > 0",
        "ko": "정확히 0에서 relu의 국소적 미분은 0입니다 (x <= 0에서는 스위치가 꺼져 있습니다): "
              "> 0으로 비교하세요"},
    "ch08.judge.relu_output": {
        "en": "the local derivative of relu is 0 or 1, not its output",
        "ko": "relu의 국소적 미분은 출력값이 아니라 0 또는 1입니다"},
    "ch08.judge.pow_missing_k": {
        "en": "the factor k is missing from the local derivative of x ** k",
        "ko": "x ** k의 국소적 미분에서 앞에 곱하는 k가 빠졌습니다"},
    "ch08.judge.pow_not_lowered": {
        "en": "the power of x in the local derivative of x ** k is one less than k",
        "ko": "x ** k의 국소적 미분에서 x의 지수는 k보다 1 작습니다"},
    "ch08.judge.pow_k_minus_1": {
        "en": "the factor in front is k, not k − 1",
        "ko": "앞에 곱하는 수는 k − 1이 아니라 k입니다"},
    "ch08.judge.label_parent_count": {
        "en": "the number of parents of {what}",
        "ko": "{what}의 부모 수"},
    "ch08.judge.label_local": {
        "en": "the local derivative of {what}",
        "ko": "{what}의 국소적 미분"},
    "ch08.judge.more_ops": {
        "en": "the local derivatives of exp, log, relu and **",
        "ko": "exp, log, relu, **의 국소적 미분"},
    # ---------------------------------------------------------------- blame
    "ch08.judge.part_value": {"en": "Value (+ and *)", "ko": "Value (+와 *)"},
    "ch08.judge.part_more_ops": {"en": "exp, log, relu or **", "ko": "exp, log, relu 또는 **"},
    "ch08.judge.numerical_part": {
        "en": "it is computed by your {what}, and {words}",
        "ko": "이 값은 여러분이 작성한 {what} 코드로 계산되는데, 그 코드에 문제가 있습니다: "
              "{words}"},
    "ch08.judge.broken_engine": {
        "en": "it is computed by your {what}, which is wrong on its own. Fix {what} first (on "
              "other inputs, {problem}); the values here follow from it",
        "ko": "이 값은 여러분이 작성한 {what} 코드로 계산되는데, 그 코드가 그 자체로 틀렸습니다. "
              "{what} 코드부터 고치세요 (다른 입력에서: {problem}). 여기의 값은 그 결과를 따라갈 "
              "뿐입니다"},
    "ch08.judge.broken_engine_because": {
        "en": "it is computed by your {what}, which is wrong on its own — {words}. Fix {what} "
              "first (on other inputs, {problem}); the values here follow from it",
        "ko": "이 값은 여러분이 작성한 {what} 코드로 계산되는데, 그 코드가 그 자체로 틀렸습니다 — "
              "{words}. {what} 코드부터 고치세요 (다른 입력에서: {problem}). 여기의 값은 그 결과를 "
              "따라갈 뿐입니다"},
    # ---------------------------------------------------------------- 4 · graphs
    "ch08.judge.label_bill_grad": {
        "en": "∂price/∂{name} from apple_orange_engine(…)",
        "ko": "apple_orange_engine(…)의 ∂price/∂{name}"},
    "ch08.judge.label_fanout_grad": {
        "en": "∂f/∂{name} from fanout_engine(…)",
        "ko": "fanout_engine(…)의 ∂f/∂{name}"},
    "ch08.judge.graphs": {
        "en": "the graphs' gradients",
        "ko": "그래프들의 기울기"},
    "ch08.judge.fanout_a_swapped": {
        "en": "∂f/∂a is the OTHER factor of the multiply node, b + c",
        "ko": "∂f/∂a는 곱셈 노드의 다른 쪽 인수인 b + c입니다"},
    "ch08.judge.fanout_one_path": {
        "en": "∂f/∂b holds only one path: build f from one Value b used twice, so the engine "
              "adds both",
        "ko": "∂f/∂b에 한 경로의 기울기만 들어 있습니다: Value b 하나를 두 번 써서 f를 만드세요. "
              "그러면 엔진이 두 경로의 기울기를 더합니다"},
    "ch08.judge.fanout_c_swapped": {
        "en": "∂f/∂c is the OTHER factor of the multiply node, a + b",
        "ko": "∂f/∂c는 곱셈 노드의 다른 쪽 인수인 a + b입니다"},
    "ch08.judge.grads_not_dict": {
        "en": "grads should be a dict with keys {names}",
        "ko": "grads는 키가 {names}인 dict여야 합니다"},
    "ch08.judge.bill_missing_key": {
        "en": "grads has no key {key}: one entry per input, under the keys {names}",
        "ko": "grads에 {key} 키가 없습니다: 입력마다 하나씩, {names} 키로 담으세요"},
    # ---------------------------------------------------------------- 5 · the network
    "ch08.judge.net_no_relu": {
        "en": "the loss is that of a network without the ReLU: apply relu() to every hidden "
              "unit",
        "ko": "ReLU가 없는 신경망의 손실입니다: 은닉층의 모든 값에 relu()를 적용하세요"},
    "ch08.judge.net_no_log": {
        "en": "the loss is ln(Σ e^s) − s_t: the log of the sum is missing",
        "ko": "손실은 ln(Σ e^s) − s_t입니다: 합에 씌우는 로그가 빠졌습니다"},
    "ch08.judge.net_other_label": {
        "en": "the loss subtracts the score of another class: s_t, t the label",
        "ko": "손실에서 다른 클래스의 점수를 뺐습니다: 빼야 할 것은 정답 레이블 t의 점수 "
              "s_t입니다"},
    "ch08.judge.net_sign": {
        "en": "the sign of the loss is flipped: L = ln(Σ e^s) − s_t",
        "ko": "손실의 부호가 반대입니다: L = ln(Σ e^s) − s_t"},
    "ch08.judge.net_missing_key": {
        "en": "grads has no key {key}",
        "ko": "grads에 {key} 키가 없습니다"},
    "ch08.judge.net_all_zeros": {
        "en": "grads[{key}] is all zeros: read the grads after loss.backward(), from the very "
              "Values the loss was computed from",
        "ko": "grads[{key}]: 모든 원소가 0입니다. loss.backward()를 호출한 뒤에, 손실을 계산하는 "
              "데 쓴 바로 그 Value들에서 grad를 읽으세요"},
    "ch08.judge.label_net_grad": {
        "en": "grads[{key}] from net_gradient(…)",
        "ko": "net_gradient(…)의 grads[{key}]"},
})

ANALYTIC_K = 16
LOW, HIGH = 6.0, 8.0
TINY = np.finfo(float).tiny


def _large(rng, shape=None):
    size = () if shape is None else shape
    values = rng.choice([-1.0, 1.0], size=size) * 10.0 ** rng.uniform(LOW, HIGH, size=size)
    return float(values) if shape is None else values


def _relative(case, name, want):
    return ANALYTIC_K * EPS * np.abs(want) + TINY


def _split(judge: Judge, got: list[dict], want: list[dict], keep) -> tuple:
    got = list(got) + [{}] * (len(want) - len(got))
    chosen = [i for i, case in enumerate(judge.cases) if keep(case)]
    return (dataclasses.replace(judge, cases=[judge.cases[i] for i in chosen], decide=None),
            [got[i] for i in chosen], [want[i] for i in chosen])


# =========================================================================== 1 · Value

# local_grads[i] broadcast to the data's shape: 1.0 and an array of ones are the same answer
LOCAL_OF = ("lambda v, i, shape: "  # not for students
            "np.broadcast_to(np.asarray(v.local_grads[i], dtype=np.float64), shape)")


def _value_case(a, b, k, probe=False) -> Case:
    shape = np.shape(a)
    steps = [let("a_in", a), let("b_in", b), call("a", "Value", ref("a_in")),
             call("b", "Value", ref("b_in")), watch("calls", ["numerical_gradient"]),
             call("prod", "a.__mul__", ref("b")), call("total", "a.__add__", ref("b"))]
    if not probe:       # (k + a is too close to a large a to tell them apart: not sent there)
        steps += [call("scaled", "a.__rmul__", expr(repr(k))),       # a plain Python float
                  call("shifted", "a.__radd__", expr(repr(k)))]
    steps += [unwatch("calls"), get("prod_data", "prod.data"), get("total_data", "total.data")]
    if not probe:
        steps += [get("scaled_data", "scaled.data"), get("shifted_data", "shifted.data")]
    for out, prefix in (("prod", "mul"), ("total", "add")):
        for i, name in enumerate("ab"):
            steps.append(call(f"{prefix}_d{name}", "local_of", ref(out), i, shape))
    return Case([let("local_of", expr(LOCAL_OF)), *steps], inputs={"a": a, "b": b, "k": k},
                probe=probe)


def _value_suspects(case, name, want):
    a, b = (np.asarray(case.inputs[n], dtype=float) for n in "ab")
    k = case.inputs["k"]
    other = {"a": b, "b": a}
    own = {"a": a, "b": b}
    if name in ("mul_da", "mul_db"):
        which = name[-1]
        return {"not swapped": (own[which], say("ch08.judge.mul_not_swapped", which=which)),
                "product": (a * b, say("ch08.judge.mul_product")),
                "one": (np.ones_like(a), say("ch08.judge.mul_one"))}
    if name in ("add_da", "add_db"):
        which = name[-1]
        return {"other operand": (other[which], say("ch08.judge.add_other_operand")),
                "zero": (np.zeros_like(a), say("ch08.judge.add_zero")),
                "two": (2 * np.ones_like(a), say("ch08.judge.add_two"))}
    if name == "scaled_data":
        return {"added": (a + k, say("ch08.judge.rmul_added"))}
    if name == "shifted_data":
        return {"multiplied": (a * k, say("ch08.judge.radd_multiplied"))}
    return {}


def value_judge(seed, name="value", cases=4, probes=2):
    rng = rng_for(f"judge {name}", seed)
    built = []
    for number in range(cases):
        a, b = operands(rng, 2, number)
        built.append(_value_case(a, b, float(rng.uniform(0.5, 3))))
    probe_rng = rng_for(f"judge {name} probes", seed)
    k = int(probe_rng.integers(3, 7))
    drawn = [(_large(probe_rng), _large(probe_rng)),
             (_large(probe_rng, (k,)), _large(probe_rng, (k,)))][:probes]
    built += [_value_case(a, b, 2.0, probe=True) for a, b in drawn]
    labels = {"a": "Value(a)", "prod": "a * b", "total": "a + b", "scaled": "k * a",
              "shifted": "k + a", "prod_data": "(a * b).data", "total_data": "(a + b).data",
              "scaled_data": "(k * a).data", "shifted_data": "(k + a).data",
              "mul_da": say("ch08.judge.label_local_wrt", what="a * b", name="a"),
              "mul_db": say("ch08.judge.label_local_wrt", what="a * b", name="b"),
              "add_da": say("ch08.judge.label_local_wrt", what="a + b", name="a"),
              "add_db": say("ch08.judge.label_local_wrt", what="a + b", name="b")}
    return Judge(name, built, labels=labels, explain=explainer(_value_suspects, SECTION_VALUE),
                 numerical=Analytic(say("ch08.judge.value_ops"),
                                    ("mul_da", "mul_db", "add_da", "add_db"),
                                    tolerance=_relative, section=SECTION_VALUE))


# =========================================================================== 2 · backward

@dataclasses.dataclass
class Graph:
    """A graph drawn by the grader: data, parents (indices) and local derivatives per value;
    the last one is the output."""
    data: list
    parents: list
    locals: list

    @property
    def output(self) -> int:
        return len(self.data) - 1

    def reachable(self) -> set:
        seen, stack = set(), [self.output]
        while stack:
            i = stack.pop()
            if i not in seen:
                seen.add(i)
                stack.extend(self.parents[i])
        return seen

    def dfs(self, visited: bool = True) -> list:
        order, seen = [], set()

        def visit(i):
            if visited and i in seen:
                return
            seen.add(i)
            for p in self.parents[i]:
                visit(p)
            order.append(i)
        visit(self.output)
        return order


def draw_graph(rng, case: int) -> Graph:
    shape = None if case == 0 else (int(rng.integers(2, 4)),)

    def draw():
        return float(rng.uniform(-2, 2)) if shape is None else rng.uniform(-2, 2, size=shape)

    inputs = int(rng.integers(2, 5))
    graph = Graph([draw() for _ in range(inputs)], [[] for _ in range(inputs)],
                  [[] for _ in range(inputs)])
    # a shared value with parents of its own, used twice: the order matters there
    graph.data.append(draw())
    graph.parents.append([0, 1])
    graph.locals.append([draw(), draw()])
    shared = len(graph.data) - 1
    for step in range(int(rng.integers(3, 7))):
        count = int(rng.integers(1, 4))
        picks = [len(graph.data) - 1, *(int(i) for i in rng.integers(0, len(graph.data),
                                                                    size=count - 1))]
        if step == 1:
            picks.append(shared)
        graph.data.append(draw())
        graph.parents.append(picks)
        graph.locals.append([draw() for _ in picks])
    return graph


def _zero(graph, i):
    return np.zeros_like(np.asarray(graph.data[i], dtype=float))


def simulate(graph: Graph, mistake: str | None = None, calls: int = 1) -> list:
    """The grads a backward with this mistake leaves on the graph after `calls` calls."""
    grads = [_zero(graph, i) for i in range(len(graph.data))]
    out = graph.output
    for call_number in range(calls):
        order = graph.dfs(visited=mistake != "no visited set")
        if mistake != "no reset" or call_number == 0:
            for i in set(order):
                grads[i] = _zero(graph, i)
        grads[out] = np.ones_like(grads[out])
        if mistake == "recursive push":
            def push(i):
                for p, local in zip(graph.parents[i], graph.locals[i]):
                    grads[p] = grads[p] + local * grads[i]
                    push(p)
            push(out)
            continue
        for i in reversed(order):
            for p, local in zip(graph.parents[i], graph.locals[i]):
                if mistake == "no accumulate":
                    grads[p] = local * grads[i]
                elif mistake == "no upstream":
                    grads[p] = grads[p] + local
                else:
                    grads[p] = grads[p] + local * grads[i]
    return grads


# {mistake: (the key of its words, the section to re-read, the diagnosis)}
MISTAKES = {
    "no accumulate": ("ch08.judge.no_accumulate", SECTION_ACCUMULATE, "forgot_to_accumulate"),
    "recursive push": ("ch08.judge.recursive_push", SECTION_WRONG_ORDER, "wrong_order"),
    "no visited set": ("ch08.judge.no_visited_set", SECTION_ORDER, "visits_shared_node_twice"),
    "no upstream": ("ch08.judge.no_upstream", SECTION_SWEEP, "not_chain_rule"),
}
NOT_RESET = "ch08.judge.not_reset"


ORDER_FN = "lambda order: np.array([np.ravel(v.data)[0] for v in order], dtype=np.float64)"  # not for students


def _graph_case(graph: Graph) -> Case:
    n = len(graph.data)
    steps = [let("order_data_of", expr(ORDER_FN))]
    for i in range(n):
        steps.append(call(f"n{i}", "Value", graph.data[i],
                          [ref(f"n{p}") for p in graph.parents[i]], list(graph.locals[i])))
    out = f"n{graph.output}"
    steps += [call("order", "topological_order", ref(out)),
              call("order_data", "order_data_of", ref("order")),
              call("ret", "backward", ref(out))]
    steps += [get(f"g{i}", f"n{i}.grad") for i in range(n)]
    steps += [call("ret2", "backward", ref(out))]
    steps += [get(f"h{i}", f"n{i}.grad") for i in range(n)]
    return Case(steps, inputs={"graph": graph})


def _shared_case(rng) -> Case:
    a, b, c = (float(v) for v in rng.uniform(-2, 2, size=3))
    l1, l2, l3, l4 = (float(v) for v in rng.uniform(0.5, 2, size=4))
    steps = [call("a", "Value", a), call("b", "Value", b), call("c", "Value", c),
             call("y1", "Value", 1.0, [ref("a"), ref("b")], [l1, l2]),
             call("y2", "Value", 2.0, [ref("b"), ref("c")], [l3, l4]),
             call("ret1", "backward", ref("y1")), call("ret2", "backward", ref("y2")),
             get("shared_b", "b.grad"), get("shared_c", "c.grad")]
    return Case(steps, inputs={"shared": (l2, l3)})


def _order_finding(graph: Graph, got) -> Finding | None:
    if isinstance(got, Raised) or numbers(got) is None:
        return None     # compared as a value below (it raised, or is not a list of Values)
    ids = {float(np.ravel(d)[0]): i for i, d in enumerate(graph.data)}
    seen = [ids.get(float(v)) for v in numbers(got).ravel()]
    reachable = graph.reachable()
    words = say("ch08.judge.unseen_order")
    if None in seen:
        return Finding(say("ch08.judge.order_extra", order=words),
                       Diagnosis("order_extra", say("ch08.judge.order_extra_cause"),
                                 SECTION_ORDER))
    if len(set(seen)) != len(seen):
        return Finding(say("ch08.judge.order_repeats", order=words),
                       Diagnosis("visits_shared_node_twice",
                                 say("ch08.judge.visits_shared_node_twice"), SECTION_ORDER))
    if set(seen) != reachable:
        return Finding(say("ch08.judge.order_incomplete", order=words, listed=len(set(seen)),
                           total=len(reachable)),
                       Diagnosis("order_incomplete", say("ch08.judge.order_incomplete_cause"),
                                 SECTION_ORDER))
    position = {i: k for k, i in enumerate(seen)}
    if any(position[p] > position[i] for i in seen for p in graph.parents[i]) or \
            seen[-1] != graph.output:
        return Finding(say("ch08.judge.order_parent_after", order=words),
                       Diagnosis("wrong_order", say("ch08.judge.wrong_order"), SECTION_ORDER))
    return None


def _backward_explain(name, case, got, want):
    if isinstance(got, Raised):
        return None
    if name.startswith("shared_"):
        return Diagnosis("gradient_not_reset", say("ch08.judge.shared_not_reset",
                                                   not_reset=say(NOT_RESET)), SECTION_RESET)
    graph = case.inputs.get("graph")
    if graph is None or name[:1] not in "gh" or not name[1:].isdigit():
        return None
    index, calls = int(name[1:]), 1 if name[0] == "g" else 2
    suspects = {label: (simulate(graph, label, calls)[index], say(words))
                for label, (words, _, _) in MISTAKES.items()}
    if calls == 2:
        suspects["no reset"] = (simulate(graph, "no reset", 2)[index], say(NOT_RESET))
    found = diagnose(got, np.asarray(want, dtype=float), suspects=suspects)
    if found.name.startswith("suspect:"):
        label = found.name.removeprefix("suspect:")
        if label == "no reset":
            return Diagnosis("gradient_not_reset", say(NOT_RESET), SECTION_RESET)
        words, section, diagnosis = MISTAKES[label]
        return Diagnosis(diagnosis, say(words), section)
    return None if found.name == "unexplained" else \
        Diagnosis(found.name, found.words, SECTION_SWEEP)


def backward_judge(seed, name="backward", cases=4):
    rng = rng_for(f"judge {name}", seed)
    built = [_graph_case(draw_graph(rng, number)) for number in range(cases)]
    built.append(_shared_case(rng))
    labels = {"order": "topological_order(output)",
              "order_data": say("ch08.judge.label_order_data"),
              "ret": "backward(output)", "ret2": say("ch08.judge.label_second_backward"),
              "shared_b": say("ch08.judge.label_shared_b"),
              "shared_c": say("ch08.judge.label_shared_c")}
    for number, case in enumerate(built[:-1]):
        for i in range(len(case.inputs["graph"].data)):
            labels[f"g{i}"] = say("ch08.judge.label_grad", index=i)
            labels[f"h{i}"] = say("ch08.judge.label_grad_again", index=i)
    judge = Judge(name, built, labels=labels, explain=_backward_explain)

    def decide(judge, got, want):
        for case, mine in zip(judge.cases, got):
            graph = case.inputs.get("graph")
            if graph is not None and "order_data" in mine:
                finding = _order_finding(graph, mine["order_data"])
                if finding:
                    return finding
        # the order was judged above (any topological order is right): not compared again
        sub = dataclasses.replace(judge, decide=None)
        order_free = [{**m, **({"order_data": w["order_data"]} if "order_data" in m
                               and "order_data" in w else {})} for m, w in zip(got, want)]
        return compare_cases(sub, order_free + list(got[len(want):]), want)

    judge.decide = decide
    return judge


# =========================================================================== 3 · more ops

# the functions of the answer cell, called as functions (exp(x) is what x.exp() runs)
OPS = [("exp", "exp", None, -2.0, 2.0), ("log", "log", None, 0.2, 4.0),
       ("relu", "relu", None, -3.0, 3.0), ("pow2", "power", 2, 0.3, 3.0),
       ("pow3", "power", 3, 0.3, 3.0), ("powm1", "power", -1, 0.3, 3.0),
       ("powhalf", "power", 0.5, 0.3, 3.0)]


def _op_case(op: str, target: str, k, data, probe=False) -> Case:
    args = () if k is None else (expr(repr(k)),)      # a plain Python number
    steps = [let("x_in", data), call("x", "Value", ref("x_in")),
             watch("calls", ["numerical_gradient"]), call(f"{op}", target, ref("x"), *args),
             unwatch("calls"), get(f"{op}_data", f"{op}.data"),
             call(f"{op}_parents", f"{op}.parents.__len__"),
             call(f"{op}_local", "local_of", ref(op), 0, np.shape(data))]
    return Case([let("local_of", expr(LOCAL_OF)), *steps],
                inputs={"op": op, "k": k, "x": data}, probe=probe)


HALF_AT_ZERO = "ch08.judge.half_at_zero"


def _ops_suspects(case, name, want):
    if not name.endswith("_local"):
        return {}
    x, k, op = np.asarray(case.inputs["x"], dtype=float), case.inputs["k"], case.inputs["op"]
    with np.errstate(all="ignore"):
        if op == "exp":
            return {"x": (x, say("ch08.judge.exp_input")),
                    "one": (np.ones_like(x), say("ch08.judge.exp_one"))}
        if op == "log":
            return {"minus": (-1 / x, say("ch08.judge.log_minus")),
                    "log": (np.log(x), say("ch08.judge.log_log")),
                    "square": (1 / x ** 2, say("ch08.judge.log_square"))}
        if op == "relu":
            return {"half at zero": (np.where(x > 0, 1.0, np.where(x == 0, 0.5, 0.0)),
                                     Diagnosis("numerical_backward", say(HALF_AT_ZERO),
                                               SECTION_OPS)),
                    "at zero": (np.where(x >= 0, 1.0, 0.0), say("ch08.judge.relu_at_zero")),
                    "output": (np.maximum(x, 0), say("ch08.judge.relu_output"))}
        return {"missing k": (x ** (k - 1), say("ch08.judge.pow_missing_k")),
                "not lowered": (k * x ** k, say("ch08.judge.pow_not_lowered")),
                "k - 1 factor": ((k - 1) * x ** (k - 1), say("ch08.judge.pow_k_minus_1"))}  # not for students


def more_ops_judge(seed, name="more_ops"):
    rng = rng_for(f"judge {name}", seed)
    built, labels = [], {}
    for op, target, k, low, high in OPS:
        for number in (0, 1):
            (data,) = operands(rng, 1, number, low, high)
            if op == "relu" and number == 1:
                data = np.append(data, 0.0)       # at exactly 0 too
            built.append(_op_case(op, target, k, data))
        shown = f"x.{op}()" if k is None else f"x ** {k}"
        labels.update({op: shown, f"{op}_data": f"({shown}).data",
                       f"{op}_parents": say("ch08.judge.label_parent_count", what=shown),
                       f"{op}_local": say("ch08.judge.label_local", what=shown)})
    probe_rng = rng_for(f"judge {name} probes", seed)
    for op, target, k, low, high in OPS:
        if op == "relu":
            data = _large(probe_rng, (4,))
        else:
            data = probe_rng.uniform(low, high, size=int(probe_rng.integers(3, 6)))
        built.append(_op_case(op, target, k, data, probe=True))
    return Judge(name, built, labels=labels, explain=explainer(_ops_suspects, SECTION_OPS),
                 numerical=Analytic(say("ch08.judge.more_ops"),
                                    tuple(f"{op}_local" for op, *_ in OPS),
                                    tolerance=_relative, section=SECTION_OPS))


# =========================================================================== blame

def with_blame(judge: Judge, parts: dict) -> Judge:
    """The judge plus the cases of the cells it is built from ({what: judge}); when it fails
    and one of those fails on its own, that one is named as the root cause."""
    own = {id(c) for c in judge.cases}
    judge.cases = judge.cases + [c for part in parts.values() for c in part.cases]

    def decide(judge, got, want):
        sub, mine, theirs = _split(judge, got, want, lambda case: id(case) in own)
        finding = compare_cases(sub, mine, theirs)
        if finding is None:
            return None
        for what, part in parts.items():
            ids = {id(c) for c in part.cases}
            _, p_got, p_want = _split(judge, got, want, lambda case, ids=ids: id(case) in ids)
            broken = (part.decide or compare_cases)(part, p_got, p_want)
            if broken is not None:
                found = broken.diagnosis
                named = say(PARTS[what]) if PARTS[what] else what
                if found is not None and found.name == "numerical_backward":
                    return Finding(finding.problem, Diagnosis(
                        found.name, say("ch08.judge.numerical_part", what=named,
                                        words=found.words), found.section))
                words = found.words if found is not None else ""
                why = (say("ch08.judge.broken_engine_because", what=named,
                           words=words.rstrip("."), problem=broken.problem) if words else
                       say("ch08.judge.broken_engine", what=named, problem=broken.problem))
                return Finding(finding.problem, Diagnosis(
                    "broken_engine", why,
                    found.section if found is not None and found.section else SECTION_VALUE))
        return finding

    judge.decide = decide
    return judge


# the cells a judge is built from: {part: the key of its words, or None for a code name}
PARTS = {"value": "ch08.judge.part_value", "backward": None,
         "more_ops": "ch08.judge.part_more_ops"}


def _parts(seed, *which) -> dict:
    made = {"value": lambda: value_judge(seed, "blame value", cases=2, probes=0),
            "backward": lambda: backward_judge(seed, "blame backward", cases=2),
            "more_ops": lambda: more_ops_judge(seed, "blame more_ops")}
    return {what: made[what]() for what in which}


# =========================================================================== 4 · graphs

WATCHED = ["numerical_gradient"]


def _picked(target: str, args: list, picks: dict, probe: bool) -> Case:
    steps = [let("pick", expr(picks["pick"]))] if probe else []
    steps += [watch("calls", WATCHED), call(target, target, *args), unwatch("calls")]
    if probe:
        steps += [call(name, "pick", ref(target), key) for name, key in picks.items()
                  if name != "pick"]
    return Case(steps, inputs={"target": target, "args": args}, probe=probe)


BILL_PICKS = {"pick": "lambda r, k: r[1][k]", **{f"d_{k}": k for k in BILL_INPUTS}}  # not for students
FANOUT_PICKS = {"pick": "lambda r, i: r[i]", "df_da": 1, "df_db": 2, "df_dc": 3}  # not for students


def _graphs_tolerance(case, name, want):
    args = [np.abs(np.asarray(v, dtype=float)) for v in case.inputs["args"]]
    if case.inputs["target"] == "apple_orange_engine":
        apple, apple_num, orange, orange_num, tax = args
        size = {"d_apple": apple_num * tax, "d_apple_num": apple * tax,
                "d_orange": orange_num * tax, "d_orange_num": orange * tax,
                "d_tax": apple * apple_num + orange * orange_num}[name]
    else:
        a, b, c = args
        size = {"df_da": b + c, "df_db": a + 2 * b + c, "df_dc": a + b}[name]
    return ANALYTIC_K * EPS * (np.abs(want) + size) + TINY


def _graphs_explain(name, case, got, want):
    if isinstance(got, Raised):
        return None
    target = case.inputs["target"]
    if target == "fanout_engine" and isinstance(got, (tuple, list)) and len(got) == 4:
        a, b, c = (np.asarray(v, dtype=float) for v in case.inputs["args"])
        x, y = a + b, b + c
        for index, (part, expected) in enumerate(zip(got, want)):
            values = numbers(part)
            if values is not None and values.shape == np.shape(expected) and np.allclose(
                    values, expected, rtol=1e-6, atol=1e-9):
                continue
            suspects = {1: {"swapped": (x, say("ch08.judge.fanout_a_swapped"))},
                        2: {"one path": (y, say("ch08.judge.fanout_one_path")),
                            "other path": (x, say("ch08.judge.fanout_one_path"))},
                        3: {"swapped": (y, say("ch08.judge.fanout_c_swapped"))}}.get(index, {})
            found = diagnose(part, np.asarray(expected, dtype=float), suspects=suspects,
                             section=SECTION_ACCUMULATE)
            return None if found.name == "unexplained" else found
    if target == "apple_orange_engine" and isinstance(got, (tuple, list)) and len(got) == 2:
        grads = got[1]
        if not isinstance(grads, dict):
            return Diagnosis("wrong_type", say("ch08.judge.grads_not_dict", names=BILL_INPUTS),
                             SECTION_GRAPHS)
        for key in BILL_INPUTS:
            if key not in grads:
                return Diagnosis("missing_keys", say("ch08.judge.bill_missing_key", key=repr(key),
                                                     names=BILL_INPUTS), SECTION_GRAPHS)
    return None


def engine_graphs_judge(seed):
    rng = rng_for("judge engine_graphs", seed)
    cases = []
    for number in range(3):
        bill = [np.abs(v) + 0.5 for v in operands(rng, 5, number)]
        cases += [_picked("apple_orange_engine", bill, BILL_PICKS, False),
                  _picked("fanout_engine", operands(rng, 3, number), FANOUT_PICKS, False)]
    probe_rng = rng_for("judge engine_graphs probes", seed)
    k = int(probe_rng.integers(3, 7))
    for shape in (None, (k,)):
        cases += [_picked("apple_orange_engine",
                          [np.abs(_large(probe_rng, shape)) for _ in range(5)], BILL_PICKS, True),
                  _picked("fanout_engine", [_large(probe_rng, shape) for _ in range(3)],
                          FANOUT_PICKS, True)]
    labels = {"apple_orange_engine": "apple_orange_engine(…)", "fanout_engine": "fanout_engine(…)",
              **{f"d_{k}": say("ch08.judge.label_bill_grad", name=k) for k in BILL_INPUTS},
              **{f"df_d{v}": say("ch08.judge.label_fanout_grad", name=v) for v in "abc"}}
    judge = Judge("engine_graphs", cases, labels=labels, explain=_graphs_explain,
                  numerical=Analytic(say("ch08.judge.graphs"),
                                     (*[f"d_{k}" for k in BILL_INPUTS], "df_da", "df_db", "df_dc"),
                                     tolerance=_graphs_tolerance, section=SECTION_GRAPHS))
    return with_blame(judge, _parts(seed, "value", "backward"))


# =========================================================================== 5 · the network

NET_PICKS = {"pick": "lambda r, k: r[1][k]", **{f"d_{k}": k for k in PARAMS}}  # not for students


def _net_suspects(case, name, want):
    x, t, params = case.inputs["args"]
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in PARAMS)
    h = x @ W1 + b1
    if name != "net_gradient":
        return {}
    found = {}
    for label, hidden, words in (("no relu", h, "ch08.judge.net_no_relu"),):
        s = hidden @ W2 + b2
        found[label] = ((np.log(np.sum(np.exp(s))) - s[t], None), say(words))
    s = np.maximum(h, 0) @ W2 + b2
    found["no log"] = ((np.sum(np.exp(s)) - s[t], None), say("ch08.judge.net_no_log"))
    found["other label"] = ((np.log(np.sum(np.exp(s))) - s[(t + 1) % len(s)], None),
                            say("ch08.judge.net_other_label"))
    found["sign"] = ((s[t] - np.log(np.sum(np.exp(s))), None), say("ch08.judge.net_sign"))
    return found


def _net_explain(name, case, got, want):
    if isinstance(got, Raised) or not isinstance(got, (tuple, list)) or len(got) != 2:
        return None
    if not isinstance(got[1], dict):
        return Diagnosis("wrong_type", say("ch08.judge.grads_not_dict", names=PARAMS),
                         SECTION_NET)
    base = explainer(_net_suspects, SECTION_NET)(name, case, got, want)
    if base is not None:
        return base
    grads = got[1]
    for key in PARAMS:
        if key not in grads:
            return Diagnosis("missing_keys", say("ch08.judge.net_missing_key", key=repr(key)),
                             SECTION_NET)
        values, expected = numbers(grads[key]), np.asarray(want[1][key], dtype=float)
        if values is not None and values.shape == expected.shape and np.allclose(
                values, expected, rtol=1e-6, atol=1e-9):
            continue
        if values is not None and values.shape == expected.shape and not np.any(values):
            return Diagnosis("all_zeros", say("ch08.judge.net_all_zeros", key=repr(key)),
                             SECTION_NET)
        found = diagnose(grads[key], expected, section=SECTION_NET)
        return None if found.name == "unexplained" else found
    return None


def net_gradient_judge(seed):
    rng = rng_for("judge net_gradient", seed)
    cases = []
    for _ in range(3):
        x, t, params = random_network(rng)
        cases.append(_picked("net_gradient", [x, t, params], NET_PICKS, False))
    probe_rng = rng_for("judge net_gradient probes", seed)
    for _ in range(2):
        x, t, params = random_network(probe_rng)
        cases.append(_picked("net_gradient", [x, t, params], NET_PICKS, True))
    labels = {"net_gradient": "net_gradient(x, t, params)",
              **{f"d_{k}": say("ch08.judge.label_net_grad", key=repr(k)) for k in PARAMS}}
    judge = Judge("net_gradient", cases, labels=labels, explain=_net_explain,
                  numerical=Analytic("net_gradient", tuple(f"d_{k}" for k in PARAMS),
                                     tolerance=relative_tolerance(2e-12, 2e-12),
                                     section=SECTION_NET))
    return with_blame(judge, _parts(seed, "value", "backward", "more_ops"))


JUDGES = {
    "value_test": value_judge,
    "backward_test": backward_judge,
    "more_ops_test": more_ops_judge,
    "engine_graphs_test": engine_graphs_judge,
    "net_gradient_test": net_gradient_judge,
}
