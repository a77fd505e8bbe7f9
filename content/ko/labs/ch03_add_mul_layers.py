# %% [markdown]
# # 실습 3 · 덧셈 계층과 곱셈 계층
#
# 『밑바닥부터 시작하는 딥러닝』 §5.3–5.4. 강의: `ko/notebooks/ch03_add_mul_layers.ipynb`.
#
# 이 실습에서는 신경망의 가장 단순한 두 계층을 작성하고, 이들을 이어 책의 장보기 그래프를
# 만든 다음, 어느 강의에서도 유도하지 않는 노드의 역전파를 직접 유도합니다.
#
# 1. `MulLayer` — 곱셈 노드: 순전파는 `x * y`, 역전파는 각 입력에 기울기를 보냅니다. (3점)
# 2. `AddLayer` — 덧셈 노드: 순전파는 `x + y`, 역전파는 각 입력에 기울기를 보냅니다. (2점)
# 3. `apple_orange_graph` — 사과와 귤 계산서: 여러분이 만든 계층으로 순전파한 다음 역전파합니다. (3점)
# 4. `fanout_graph` — `b`가 두 번 쓰이는 $f = (a+b)(b+c)$를 계층으로 만듭니다. (2점)
# 5. `DivLayer` — *직접 유도하기*: 나눗셈 노드 $z = x / y$의 역전파를 국소적 미분으로부터 구합니다. (2점)
#
# 1~4번의 역전파 규칙은 강의(`ko/notebooks/ch03_add_mul_layers.ipynb`)에서 유도하며, 아래 각 절에
# 강의의 어디를 보면 되는지 적어 두었습니다. 5번은 어디에서도 유도하지 않으므로 여러분이 직접
# 합니다.
#
# **실습 진행 방법.** 셀을 위에서부터 차례로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에 코드를
# 작성하세요(`raise NotImplementedError()` 줄은 지웁니다). 각 답안 다음의 잠긴 셀은 작은 예제(책에
# 예제가 있으면 책의 예제)로 *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 여러분의 코드를
# 무작위 숫자와 배열로도 실행해 보고 수치 미분과 비교합니다. 검사에 실패하면 어떤 값이 틀렸는지,
# 기댓값이 무엇이었는지, 여러분이 무엇을 반환했는지, 가장 그럴듯한 원인이 무엇인지, 강의의 어느
# 절을 읽으면 되는지 알려 줍니다.
#
# 계층은 보통의 숫자**와** 어떤 형상의 넘파이 배열에서도 (원소별로) 동작해야 합니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# **책의 코드를 그대로 입력한다면.** 아래의 `MulLayer`와 `AddLayer`는 책 §5.4의
# 코드(`layer_naive.py`)와 인터페이스가 똑같습니다. 클래스 이름이 같고, `forward(x, y)`는 출력을
# 반환하며, `backward(dout)`는 쌍 `(dx, dy)`를 반환합니다. 이 두 클래스는 책의 코드 그대로 만점을
# 받습니다. `apple_orange_graph`와 `fanout_graph`는 책의 스크립트를 함수로 감싼 것이고(무엇을
# 반환하는지는 각 절에 적혀 있습니다), `DivLayer`는 책에 없습니다.
#
# ## 1 · 곱셈 계층
#
# `MulLayer`는 곱셈 노드 $z = xy$를 계층으로 만든 것입니다. 이 계층의 `backward`가 `x`와 `y`에
# 무엇을 보내는지는 강의 3의 “2 · 곱셈 노드의 역전파” 절(책의 §5.3.2)에서 유도하고, 클래스
# 자체는 강의의 “5 · 계층: 파이썬 객체가 된 노드” 절(책의 §5.4.1)에서 작성합니다. 작성하기 전에
# `backward`에 순전파의 어떤 값이 필요한지부터 정하세요. `backward`는 `dout`만 받으므로, 필요한
# 것은 무엇이든 `forward`가 객체에 저장해 두어야 합니다.

# %% nbgrader={"grade_id": "mul_layer", "solution": true}
class MulLayer:
    """곱셈 노드: forward(x, y) -> x * y; backward(dout) -> (dx, dy).

    x, y, dout은 숫자이거나 형상이 같은 넘파이 배열이다. dx와 dy도 그 형상을 가진다.
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "mul_layer_test", "grade": true, "points": 3}
checking("MulLayer", see="강의 3 (ch03_add_mul_layers.ipynb)의 “2 · 곱셈 노드의 역전파” 절, 그다음 책의 §5.3.2와 §5.4.1")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
mul = MulLayer()
check_close("MulLayer.forward(10, 5)", mul.forward(10, 5), 50)
dx, dy = mul.backward(1.3)
check_close("상류 값이 1.3일 때 10 × 5의 dx", dx, 6.5,
            hint="z = x·y가 x에 얼마나 민감하게 반응하는지는 두 입력 중 하나가 정합니다. "
                 "어느 쪽인가요? (강의 3, 2절)")
check_close("상류 값이 1.3일 때 10 × 5의 dy", dy, 13.0,
            hint="z = x·y가 y에 얼마나 민감하게 반응하는지는 두 입력 중 하나가 정합니다. "
                 "어느 쪽인가요? (강의 3, 2절)")

# %% [markdown]
# ## 2 · 덧셈 계층
#
# `AddLayer`는 덧셈 노드 $z = x + y$를 계층으로 만든 것입니다. 역전파는 강의 3의 “1 · 덧셈 노드의
# 역전파” 절(책의 §5.3.1, 클래스는 §5.4.2)에서 유도합니다. `MulLayer`와 비교해 보세요. 이 노드는
# 순전파에서 넘겨받아야 할 것이 있을까요?

# %% nbgrader={"grade_id": "add_layer", "solution": true}
class AddLayer:
    """덧셈 노드: forward(x, y) -> x + y; backward(dout) -> (dx, dy).

    x, y, dout은 숫자이거나 형상이 같은 넘파이 배열이다. dx와 dy도 그 형상을 가진다.
    """

    def __init__(self):
        pass

    def forward(self, x, y):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "add_layer_test", "grade": true, "points": 2}
checking("AddLayer", see="강의 3 (ch03_add_mul_layers.ipynb)의 “1 · 덧셈 노드의 역전파” 절, 그다음 책의 §5.3.1과 §5.4.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
add = AddLayer()
check_close("AddLayer.forward(10, 5)", add.forward(10, 5), 15)
dx, dy = add.backward(1.3)
check_close("상류 값이 1.3일 때 10 + 5의 dx", dx, 1.3,
            hint="x + y를 x로 미분한 국소적 미분은 무엇인가요? (강의 3, "
                 "1절)")
check_close("상류 값이 1.3일 때 10 + 5의 dy", dy, 1.3,
            hint="x + y를 y로 미분한 국소적 미분은 무엇인가요? (강의 3, "
                 "1절)")

# %% [markdown]
# ## 3 · 사과와 귤 계산서
#
# 100원짜리 사과 2개와 150원짜리 귤 3개를 사고, 소비세 1.1을 매깁니다.
#
# ```
# apple ──┐
#         ×── apple_price ──┐
# apple_num┘                +── all_price ──┐
# orange ─┐                 │               ×── price
#         ×── orange_price ─┘        tax ───┘
# orange_num┘
# ```
#
# **계층 객체 네 개**(`MulLayer` 세 개, `AddLayer` 하나)로 이 그래프를 만들어 순전파를 실행한
# 다음, `dprice = 1`에서 시작해 역순으로 역전파를 실행하세요. 그리고 금액과, 금액을 다섯 입력
# 각각으로 미분한 기울기를 반환하세요. 강의에서는 “7 · 계층으로 만든 사과와 귤 그래프” 절(책의
# §5.4.2)에서 이 그래프를 만듭니다. 책의 숫자는 다음과 같습니다. 금액은 715이고,
# ∂price/∂apple = 2.2, ∂apple_num = 110, ∂orange = 3.3, ∂orange_num = 165, ∂tax = 650입니다.

# %% nbgrader={"grade_id": "apple_orange_graph", "solution": true}
def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
    """계층으로 만든 사과와 귤 그래프의 순전파와 역전파.

    (price, grads)를 반환한다. grads는 키가 'apple', 'apple_num', 'orange',
    'orange_num', 'tax'이고 값이 ∂price/∂입력인 딕셔너리다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "apple_orange_graph_test", "grade": true, "points": 3}
checking("apple_orange_graph", uses=("MulLayer", "AddLayer"), see="강의 3 (ch03_add_mul_layers.ipynb)의 “7 · 계층으로 만든 사과와 귤 그래프” 절, 그다음 책의 §5.4.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
price, grads = apple_orange_graph(100, 2, 150, 3, 1.1)
check_close("price", price, 715)
for name, expected in [("apple", 2.2), ("apple_num", 110), ("orange", 3.3),
                       ("orange_num", 165), ("tax", 650)]:
    check_close(f"∂price/∂{name}", grads[name], expected)

# %% [markdown]
# 여러분의 계층은 계산서 전체의 수치 미분과도 일치합니다. 미리 제공된 `numerical_gradient`는
# 각 입력을 ±h만큼 움직여 보고 금액이 얼마나 변하는지 잽니다.

# %%
def bill(v):
    return apple_orange_graph(*v)[0]

numeric = numerical_gradient(bill, np.array([100.0, 2.0, 150.0, 3.0, 1.1]))
print("numerical:", np.round(numeric, 4))
print("backprop: ", np.round([grads[k] for k in ["apple", "apple_num", "orange", "orange_num", "tax"]], 4))

# %% [markdown]
# ## 4 · 계층으로 만드는 분기: $f = (a+b)(b+c)$
#
# `b`는 두 덧셈 노드로 들어가므로, 역전파에서는 두 가지가 각각 `b`로 기울기를 보냅니다. 이 둘을
# 어떻게 합쳐 $\partial f/\partial b$를 만드는지는 강의 2의 “5. 분기: 한 값이 두 번 쓰일 때”
# 절에서 다룹니다. `AddLayer` 두 개와 `MulLayer` 하나로 그래프를 만들고
# `(f, df_da, df_db, df_dc)`를 반환하세요. $a=-1, b=3, c=4$에서 $f = 14$이고, 기울기는 차례로
# 7, 9, 2입니다.

# %% nbgrader={"grade_id": "fanout_graph", "solution": true}
def fanout_graph(a, b, c):
    """f = (a + b) * (b + c)를 계층으로 계산한다. (f, df_da, df_db, df_dc)를 반환한다."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "fanout_graph_test", "grade": true, "points": 2}
checking("fanout_graph", uses=("AddLayer", "MulLayer"), see="강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한 값이 두 번 쓰일 때” 절, 그다음 책의 §5.3.1 (덧셈 노드)")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout_graph(-1, 3, 4)
check_close("f(-1, 3, 4)", f, 14)
check_close("∂f/∂a", df_da, 7)
check_close("∂f/∂b", df_db, 9, hint="b는 두 번 쓰입니다. 두 가지 모두 b로 기울기를 "
                                     "보냅니다 (강의 2, 5절)")
check_close("∂f/∂c", df_dc, 2)

# %% [markdown]
# ## 5 · 직접 유도하기: 나눗셈 노드
#
# 강의에서도 책에서도 한 입력을 다른 입력으로 나누는 노드는 다루지 않습니다. 바로 이 노드입니다.
#
# ```
#  x ──────┐
#          ( / )──── z = x / y
#  y ──────┘
# ```
#
# `DivLayer.forward(x, y)`는 숫자에 대해서도, 형상이 같은 넘파이 배열에 대해서도 원소별로
# $z = x / y$를 반환합니다($y$는 0이 아닙니다). `backward(dout)`는
# $\text{dout} = \partial L/\partial z$를 받아, 순전파 입력의 순서대로 쌍
# $(\partial L/\partial x,\ \partial L/\partial y)$를 반환합니다.
#
# **먼저 종이에 유도하세요.** 강의에서 모든 노드를 유도한 방식 그대로 합니다.
#
# 1. $y$를 고정했을 때의 국소적 미분 $\partial z/\partial x$와, $x$를 고정했을 때의
#    $\partial z/\partial y$를 구합니다.
# 2. 각각에 상류의 `dout`을 곱합니다. 강의 3의 “2 · 곱셈 노드의 역전파” 절에서 곱셈 노드에 대해
#    한 것처럼, 국소적 미분 곱하기 상류 값입니다.
#
# *막혔다면:* $x / y$를 $x \cdot (1/y)$로 써 보세요. 두 번째 입력이 역수 노드 $1/y$에서 나오는
# 곱셈 노드가 됩니다. 둘 다 이미 보았습니다. 곱셈 노드는 강의 3의 2절에서, 역수(`/`) 노드의
# 국소적 미분은 강의 1의 “6. 자주 쓰는 노드의 국소적 미분” 절에서 다루었습니다. 이 둘을
# 연쇄법칙으로 이으세요(강의 2의 “3. 연쇄법칙과 계산 그래프” 절).
#
# 그런 다음, 공식을 믿기 전에 수치 미분과 비교해 확인하세요(예를 들어 연습용 셀에서 미리
# 제공된 `numerical_gradient`로). 하지만 `backward` 자체는 여러분이 유도한 공식으로 계산해야
# 합니다. `forward`의 차분을 재는 `backward`는 유도가 아니므로 점수를 받을 수 없습니다.

# %% nbgrader={"grade_id": "div_layer", "solution": true}
class DivLayer:
    """나눗셈 노드: forward(x, y) -> x / y; backward(dout) -> (dx, dy).

    x, y, dout은 숫자이거나 형상이 같은 넘파이 배열이다(y는 0이 아니다). dx와 dy도 그
    형상을 가진다.
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "div_layer_test", "grade": true, "points": 2}
checking("DivLayer", see="강의 3 (ch03_add_mul_layers.ipynb)의 “2 · 곱셈 노드의 역전파” 절과 강의 1 (ch01_computational_graph.ipynb)의 “6. 자주 쓰는 노드의 국소적 미분” 절, 그다음 책의 §5.3.2와 §5.5.2 ('/' 노드)")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
div = DivLayer()
check_close("DivLayer.forward(6, 4)", div.forward(6, 4), 1.5)
dx, dy = div.backward(2.0)
check_close("상류 값이 2일 때 6 / 4의 dx", dx, 0.5,
            hint="y를 고정하면 x / y는 x에 상수를 곱한 것입니다. 곱셈 노드는 x로 무엇을 "
                 "돌려보내나요? (backward는 dx를 먼저, 그다음 dy를 반환합니다)")
check_close("상류 값이 2일 때 6 / 4의 dy", dy, -0.75,
            hint="y는 역수 노드 1/y를 지난 다음 x와 곱해져 z에 이릅니다. 두 국소적 미분을 "
                 "부호까지 포함해 연쇄법칙으로 이으세요 (역수 노드의 국소적 미분은 강의 1, "
                 "6절에 있습니다)")

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음 실습은 활성화 함수 계층(ReLU, Sigmoid)입니다. 이 계층들의
# 역전파에는 *마스크*나 계층 자신의 출력이 필요합니다.
