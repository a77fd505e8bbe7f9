# %% [markdown]
# # 실습 1 · 계산 그래프
#
# *밑바닥부터 시작하는 딥러닝* §5.1. 강의: `ko/notebooks/ch01_computational_graph.ipynb`.
#
# 1. `apple_orange_forward` — 장보기 그래프를 왼쪽에서 오른쪽으로 계산하고 중간 값을 모두 보관합니다. (2점)
# 2. `evaluate_graph` — 노드의 리스트로 주어진 *어떤* 그래프든 순전파합니다. (3점)
# 3. `d_square`, `d_exp`, `d_reciprocal`, `d_negate` — 노드 네 개의 국소적 미분입니다. (3점)
#
# **실습 진행 방법.** 셀을 위에서 아래로 차례대로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에
# 코드를 작성합니다(`raise NotImplementedError()` 줄은 지우세요). 답안 셀마다 뒤에 있는 잠긴 셀이
# 간단한 예제로 *공개 검사*를 실행하고, 제출하면 *숨은 검사*가 무작위 수와 배열로도 코드를
# 시험합니다. 검사에 실패하면 어떤 값이 틀렸는지, 기대한 값과 여러분이 반환한 값, 가장 그럴듯한
# 원인, 그리고 강의의 어느 절을 다시 읽으면 되는지를 알려 줍니다.
#
# **책의 코드를 그대로 입력한다면.** 책의 §5.1에는 코드가 없습니다. 책은 이 문제들을 그림으로
# 풉니다(장보기 그래프의 코드는 §5.4에서 계층 클래스와 함께 나오며, 실습 3에서 다룹니다). 여기의 함수들은
# 이 실습에서 따로 정한 것이라 책의 인터페이스와 어긋날 일이 없습니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% [markdown]
# ## 1 · 장보기 그래프, 순전파
#
# 100원짜리 사과 2개와 150원짜리 귤 3개를 소비세 1.1로 사면 715원입니다. 이 금액의 계산 그래프를
# 구성하고(강의 1의 3절 문제 2에서 책의 §5.1.1과 같은 방식으로 그렸습니다), 모든 에지의 값을
# 계산하세요.
# 사과의 소계 `apple_price`, 귤의 소계 `orange_price`, 세금을 붙이기 전의 합계 `all_price`,
# 그리고 최종 금액 `price`입니다. 이 값을 모두 반환하세요. 중간 값을 보관해 두어야 나중에 역전파를
# 할 수 있습니다. 입력은 넘파이 배열일 수도 있습니다(여러 번의 장보기를 한꺼번에 계산하는 경우).

# %% nbgrader={"grade_id": "apple_orange_forward", "solution": true}
def apple_orange_forward(apple, apple_num, orange, orange_num, tax):
    """장보기 그래프의 모든 에지의 값을 담은 딕셔너리를 반환한다:
    'apple_price', 'orange_price', 'all_price', 'price'."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "apple_orange_forward_test", "grade": true, "points": 2}
checking("apple_orange_forward", see="강의 1 (ch01_computational_graph.ipynb)의 “3. 계산 그래프로 풀다” 절, 그다음 책의 §5.1.1")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
values = apple_orange_forward(100, 2, 150, 3, 1.1)
check_close("apple_price", values["apple_price"], 200)
check_close("orange_price", values["orange_price"], 450)
check_close("all_price", values["all_price"], 650)
check_close("price", values["price"], 715)

# %% [markdown]
# ## 2 · 어떤 그래프든 순전파하기
#
# 그래프는 노드를 *위상 정렬 순서*로 늘어놓은 리스트로 나타낼 수 있습니다(각 노드는 자신이 읽는
# 노드들보다 뒤에 옵니다). 노드 하나는 `(name, op, arguments)`입니다. 여기서 `op`는 `OPS`의
# 키이고, `arguments`는 입력이나 앞선 노드의 이름을 나열한 것입니다. 책의 사과 그래프는 다음과
# 같습니다.
#
# ```python
# apple_graph = [("apple_price", "mul", ["apple", "apple_num"]),
#                ("price",       "mul", ["apple_price", "tax"])]
# ```
#
# `evaluate_graph(graph, inputs)`를 작성하세요. 노드를 순서대로 따라가며 각 노드를 인수의 값으로
# 계산하고, 입력과 모든 노드의 값을 담은 **새** 딕셔너리를 반환합니다. 호출한 쪽에서 넘겨준
# `inputs` 딕셔너리를 바꾸면 안 됩니다.

# %% nbgrader={"grade_id": "ops"}
OPS = {
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "square": lambda a: a ** 2,
    "exp": np.exp,
    "reciprocal": lambda a: 1 / a,
    "negate": lambda a: -a,
}

# %% nbgrader={"grade_id": "evaluate_graph", "solution": true}
def evaluate_graph(graph, inputs):
    """graph: 위상 정렬 순서로 늘어놓은 (name, op, [인수 이름]) 리스트.
    inputs: 이름 -> 값 딕셔너리 (수, 또는 형상이 모두 같은 넘파이 배열).
    반환값: 입력에 모든 노드의 값을 더한 새 딕셔너리."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "evaluate_graph_test", "grade": true, "points": 3}
checking("evaluate_graph", see="강의 1 (ch01_computational_graph.ipynb)의 “코드로 그래프 계산하기” 절, 그다음 책의 §5.1.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
apple_graph = [("apple_price", "mul", ["apple", "apple_num"]),
               ("price", "mul", ["apple_price", "tax"])]
inputs = {"apple": 100, "apple_num": 2, "tax": 1.1}
values = evaluate_graph(apple_graph, inputs)
check_close("apple_price", values["apple_price"], 200)
check_close("price", values["price"], 220)
assert inputs == {"apple": 100, "apple_num": 2, "tax": 1.1}, "evaluate_graph가 호출한 쪽의 inputs 딕셔너리를 바꿨습니다"

# %% [markdown]
# ## 3 · 국소적 미분
#
# 역전파는 상류에서 온 기울기에 각 노드의 *국소적* 미분을 곱합니다. 노드 네 개의 미분
# $\partial y/\partial x$를 노드의 입력 `x`의 함수로 작성하세요(`x`는 수나 배열이며, 같은 형상으로
# 반환합니다). 강의 1의 6절에서 이 미분들을 유도하고 하나하나 중심 차분과 비교해 확인하지만, 먼저
# 직접 유도해 보세요.
#
# | 노드 | 순전파 | 반환할 값 |
# |---|---|---|
# | 제곱 (`square`) | $y = x^2$ | $\partial y/\partial x$ |
# | 지수 함수 (`exp`) | $y = e^x$ | $\partial y/\partial x$ |
# | 역수 (`reciprocal`, `/` 노드) | $y = 1/x$ | $\partial y/\partial x$ — 부호에 주의하세요 |
# | 부호 반전 (`negate`, `×−1` 노드) | $y = -x$ | $\partial y/\partial x$ |

# %% nbgrader={"grade_id": "local_derivatives", "solution": true}
def d_square(x):
    ### BEGIN SOLUTION
    ### END SOLUTION


def d_exp(x):
    ### BEGIN SOLUTION
    ### END SOLUTION


def d_reciprocal(x):
    ### BEGIN SOLUTION
    ### END SOLUTION


def d_negate(x):
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "local_derivatives_test", "grade": true, "points": 3}
checking("local_derivatives", see="강의 1 (ch01_computational_graph.ipynb)의 “6. 자주 쓰는 노드의 국소적 미분” 절, 그다음 책의 §5.1.3과 §5.5.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
check_close("d_square(3)", d_square(3.0), 6.0)
check_close("d_exp(0)", d_exp(0.0), 1.0)
check_close("d_reciprocal(2)", d_reciprocal(2.0), -0.25,
            hint="x > 0에서는 x가 커질수록 1/x의 값이 작아지므로 그 구간의 기울기는 음수입니다")
check_close("d_negate(5)", d_negate(5.0), -1.0)

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음 장에서는 이 국소적 미분들을 하나로 엮어 주는 연쇄법칙을
# 배웁니다.
