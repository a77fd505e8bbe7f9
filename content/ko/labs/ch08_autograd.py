# %% [markdown]
# # 실습 8 · 자동으로 하는 역전파: 자동 미분
#
# 이 과정을 마무리하는 실습입니다. *밑바닥부터 시작하는 딥러닝* §5.1~5.2(계산 그래프와 연쇄법칙)를
# 바탕으로 하지만, 이 주제를 다루는 장은 책에 없고 강의에서 다룹니다. 강의:
# `ko/notebooks/ch08_autograd.ipynb`.
#
# 실습 3~7에서는 계층마다 `backward`를 손으로 작성하고, 그 역전파들을 역순으로 호출하는 일도
# 직접 했습니다. 이번에는 어떤 그래프에서든 이 두 가지를 대신해 주는 작은 프로그램, 곧
# *역방향 모드 자동 미분*(reverse-mode automatic differentiation) 엔진을 만듭니다. 모든 수는
# `Value`가 됩니다. `Value`는 자신의 입력과 국소적 미분을 기억하는 계산 그래프의 노드입니다.
# 그러면 `output.backward()`를 한 번 호출하는 것만으로, 출력을 계산하는 데 쓰인 모든 값에 대해
# 출력의 기울기가 채워집니다.
#
# 1. `Value` — 계산하면서 그래프를 기록하는 `+`와 `×`. (3점)
# 2. `topological_order`와 `backward` — 그래프 전체의 역전파. 위상 정렬 순서를 따르며, 값이
#    분기하는 곳에서는 기울기를 더합니다. (4점)
# 3. `exp`, `log`, `relu`, `**` — 국소적 미분을 하나씩 가진 노드 네 개를 더합니다. (3점)
# 4. `apple_orange_engine`과 `fanout_engine` — 실습 1~3의 그래프를 여러분의 엔진으로
#    미분합니다. (2점)
# 5. `net_gradient` — 작은 2층 신경망의 기울기를 여러분의 엔진으로 구합니다. (2점)
#
# 이 실습은 채점하는 공식을 다시 적어 주지 않습니다. 대신 각 절에서 강의의 어디에서 그 공식을
# 유도하는지 알려 줍니다(강의 8, 그리고 강의 1의 6절에 있는 국소적 미분 표).
#
# **이 실습의 진행 방식.** 셀을 위에서 아래로 차례대로 실행하세요. 코드는 `YOUR CODE HERE`라고
# 적힌 곳에 작성합니다(`raise NotImplementedError()` 줄은 지웁니다). 각 답안 다음의 잠긴 셀은
# 미리 풀어 둔 예제로 *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 무작위 그래프와 수,
# 배열로 여러분의 코드를 시험하고, 그 기울기를 수치 미분과 비교합니다. 검사에 실패하면 어느 값이
# 틀렸는지, 기대한 값과 여러분이 반환한 값은 무엇인지, 가장 그럴듯한 원인은 무엇인지 알려 줍니다.
#
# **책의 코드를 그대로 입력한다면.** 책에는 이 장의 코드가 없습니다. 여기 나오는 코드는 모두 이
# 실습에서, 각 셀이 설명하는 인터페이스에 맞춰 작성합니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 자신이 만들어진 과정을 기억하는 값
#
# `Value`는 다음 네 가지를 담습니다.
#
# - `data`: 순전파 값. 실수 하나 또는 넘파이 배열입니다.
# - `grad`: `backward`를 호출한 출력을 이 값으로 미분한 값. `backward`가 실행되기 전까지는
#   0이며, 형상은 `data`와 같습니다.
# - `parents`: 이 값을 계산하는 데 쓰인 `Value`들(부모). **피연산자의 순서대로** 담습니다
#   (`a * b`라면 `(a, b)`). `Value(2.0)`처럼 직접 만든 값에는 부모가 없습니다.
# - `local_grads`: 부모마다 하나씩, 부모와 같은 순서로 담은 국소적 미분. 이 값을 그 부모로
#   미분한 것으로, 수 하나이거나 `data`와 형상이 같은 배열입니다.
#
# 파이썬이 `a + b`와 `a * b`를 계산할 때 호출하는 `__add__`와 `__mul__`을 작성하세요. 둘 다
# 새 `data`를 계산한 다음, 두 피연산자를 부모로 삼고 그 노드의 국소적 미분을 함께 기록한
# **새** `Value`를 반환합니다. 덧셈 노드와 곱셈 노드의 국소적 미분이 무엇인지는 강의 8의 2절
# (그리고 강의 1의 6절)에 있습니다. 다른 피연산자가 그냥 수라면(`a * 2.0`), 먼저 그 수를
# `Value`로 바꾸어 다른 값과 똑같이 부모가 되게 하세요. `__radd__`와 `__rmul__`은 수가 앞에
# 오는 `2.0 + a`와 `2.0 * a`를 처리합니다.
#
# 배열은 원소별로 계산합니다. `+`와 `×`의 두 피연산자는 둘 다 수이거나 형상이 같은 배열입니다
# (브로드캐스트는 하지 않습니다).

# %% nbgrader={"grade_id": "value", "solution": true}
class Value:
    """계산 그래프의 노드: Value(data, parents=(), local_grads=()).

    data: 실수 또는 넘파이 배열; grad: data와 형상이 같고, backward가 실행되기 전까지는 0;
    parents: 이 값을 계산하는 데 쓰인 Value들 (피연산자의 순서대로);
    local_grads: d(이 값)/d(부모), 부모마다 하나씩 (수 또는 배열).
    """

    def __init__(self, data, parents=(), local_grads=()):
        self.data = np.array(data, dtype=float) if isinstance(data, np.ndarray) else float(data)
        self.grad = np.zeros_like(self.data)
        self.parents = tuple(parents)
        self.local_grads = tuple(local_grads)

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def __mul__(self, other):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def __radd__(self, other):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def __rmul__(self, other):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "value_test", "grade": true, "points": 3}
checking("Value", see="강의 8 (ch08_autograd.ipynb)의 “2 · 스스로 기록하는 그래프: 테이프” 절, 그다음 책의 §5.1.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
a, b = Value(3.0), Value(4.0)
c = a * b
check_close("(Value(3) * Value(4)).data", c.data, 12.0)
check_close("a * b의 부모 수", len(c.parents), 2)
check_close("a * b가 a를 첫 번째 부모로 기억하는가", c.parents[0] is a, True,
            hint="복사본이 아니라 피연산자 자체를 순서대로 부모로 보관하세요")
check_close("a * b의 국소적 미분", np.array(c.local_grads, dtype=float), [4.0, 3.0],
            hint="곱셈 노드의 국소적 미분은 무엇인가요? (강의 8, 2절)")
s = a + b
check_close("(Value(3) + Value(4)).data", s.data, 7.0)
check_close("a + b의 국소적 미분", np.array(s.local_grads, dtype=float), [1.0, 1.0],
            hint="덧셈 노드의 국소적 미분은 무엇인가요? (강의 8, 2절)")
check_close("(2 * a).data", (2 * a).data, 6.0,
            hint="2 * a는 a.__rmul__(2)를 호출합니다. 수를 Value로 바꾸세요")
check_close("(a + 10).data", (a + 10).data, 13.0)
check_close("(10 + a).data", (10 + a).data, 13.0)

# %% [markdown]
# ## 2 · 그래프 전체의 역전파
#
# 함수 두 개를 작성합니다. 먼저 강의 8의 3~7절을 읽으세요. 강의에서는 기록해 둔 노드 리스트로
# 같은 일을 하고, 아래 규칙 하나하나가 왜 중요한지 설명합니다.
#
# - `topological_order(output)`는 `output`을 계산하는 데 쓰인 **모든** `Value`의 리스트를
#   반환합니다(`parents`를 따라 직접 만든 값까지 거슬러 올라갑니다). `output` 자신도 들어가고,
#   각 값은 **한 번씩만** 들어가며, 모든 값은 자신의 부모들보다 **뒤에** 옵니다. `output`은
#   맨 마지막에 옵니다. 한 값에 여러 경로로 닿을 수 있으므로(그 값이 분기하므로) 한 번만
#   방문하세요. (파이썬은 `Value`를 객체의 동일성으로 비교하므로, 방문한 값을 `set`에 모아
#   두면 됩니다.)
# - `backward(self)`는 `Value`에 메서드로 붙여 `output.backward()`처럼 호출합니다. `self`에서
#   출발해 그 순서를 따라 역전파를 실행합니다.
#   1. 먼저 그 순서에 든 모든 값의 `grad`를 `data`와 형상이 같은 0 배열(`np.zeros_like`)로,
#      `self`의 `grad`를 1(`np.ones_like`)로 설정합니다. 그래서 **`backward`를 두 번 호출해도
#      같은 기울기가 나오고**, `y.backward()`를 호출한 뒤에는 모든 `grad`가 오직 `y`의
#      미분입니다. 앞서 다른 출력의 계산에도 쓰인 값이라도 마찬가지입니다(7절).
#   2. 그런 다음 출력에서 입력 쪽으로 거슬러 가며 값을 하나씩 방문하고, 3절에서처럼 각 값의
#      `grad`를 국소적 미분을 거쳐 부모들에게 넘깁니다. 값이 분기하는 곳에서는 각 경로에서
#      도착한 것을 모두 더해야 합니다(4절). 또 어떤 값이든, 그 값으로 계산한 값들이 모두
#      자기 몫을 전해 주기 전에는 자신의 `grad`를 넘기면 안 됩니다(6절).
#
# `backward`는 아무것도 반환하지 않습니다. 기울기는 각 값의 `grad`에 들어 있습니다.

# %% nbgrader={"grade_id": "backward", "solution": true}
def topological_order(output):
    """output이 의존하는 모든 Value: output 포함, 각각 한 번씩, 부모가 먼저."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def backward(self):
    """self가 의존하는 모든 값에 대해 value.grad = d(self)/d(value)를 채웁니다."""
    ### BEGIN SOLUTION
    ### END SOLUTION


Value.backward = backward      # 이제 output.backward()가 여러분의 함수를 실행합니다

# %% nbgrader={"grade_id": "backward_test", "grade": true, "points": 4}
checking("backward", see="강의 8 (ch08_autograd.ipynb)의 “5 · 입력을 가리키는 노드와 위상 정렬” 절, 그다음 책의 §5.2.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
# 생성자로 직접 만든 그래프라서 이 검사에는 여러분의 backward만 있으면 됩니다. 국소적 미분은
# 지어낸 수입니다(backward는 그 수가 어디서 왔는지 상관하지 않습니다).
x, y = Value(2.0), Value(5.0)
u = Value(1.0, (x, y), (3.0, -1.0))      # u는 아래에서 두 번 쓰입니다
v = Value(1.0, (u, x), (2.0, 0.5))       # x는 u와 v에서 두 번 쓰입니다
z = Value(1.0, (v, u), (4.0, 1.0))
order = topological_order(z)
check_close("topological_order(z)에 든 값의 수", len(order), 5,
            hint="x, y, u, v, z가 한 번씩만 들어 있어야 합니다. 분기하는 값도 한 번만 방문하세요")
check_close("topological_order(z)의 마지막이 z인가", order[-1] is z, True)
check_close("u가 x와 y보다 뒤에 오는가", order.index(u) > max(order.index(x), order.index(y)),
            True, hint="모든 값은 자신의 부모들보다 뒤에 와야 합니다")
z.backward()
check_close("z.grad", z.grad, 1.0, hint="역전파는 출력에서 1로 시작합니다")
check_close("v.grad", v.grad, 4.0)
check_close("u.grad", u.grad, 9.0,
            hint="u에서 z로 가는 경로는 두 개입니다. 두 경로에서 도착한 것을 더해야 합니다")
check_close("x.grad", x.grad, 29.0,
            hint="x는 u와 v에서 두 번 쓰입니다. 그리고 u는 자신의 grad가 다 모인 뒤에야 "
                 "그것을 넘겨야 합니다 (강의 8, 6절)")
check_close("y.grad", y.grad, -9.0)
z.backward()
check_close("z.backward()를 두 번째로 호출한 뒤의 x.grad", x.grad, 29.0,
            hint="backward는 그래프의 모든 grad를 0에서 시작하므로, 두 번째로 호출해도 "
                 "같은 기울기가 나와야 합니다 (강의 8, 7절)")

# %% [markdown]
# ## 3 · 노드 더 만들기: `exp`, `log`, `relu`, 거듭제곱
#
# 연산 네 가지를 더합니다. 각 연산은 부모 하나(`self`)와 국소적 미분 하나를 가진 노드입니다.
# 그 미분은 강의 8의 8절에서 유도합니다(`exp`는 강의 1의 6절에서도, ReLU는 강의 4의 2절에서도
# 다룹니다).
#
# - `x.exp()`: 원소별로 계산한 $e^x$(`np.exp`).
# - `x.log()`: 자연로그 $\ln x$(`np.log`). `data`가 양수일 때만 씁니다.
# - `x.relu()`: $\max(x, 0)$. 정확히 0인 곳에서는 국소적 미분을 0으로 둡니다. 4장의 약속을
#   따른 것입니다($x \le 0$이면 스위치가 꺼집니다).
# - `k`가 그냥 수일 때의 `x ** k`(`__pow__`): `k`는 노드가 아니라 상수이므로 부모는 `x` 하나뿐입니다.
#
# 뺄셈, 부호 반전, 나눗셈에는 새로운 국소적 미분이 필요 없습니다. 이 셀에 이미 들어 있으며,
# 여러분이 만든 노드만으로 작성되어 있습니다(그것으로 충분한 이유는 강의 8의 8절에서 설명합니다).

# %% nbgrader={"grade_id": "more_ops", "solution": true}
def exp(self):
    """e ** self, 원소별로: 부모는 self 하나."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def log(self):
    """self의 자연로그 (data > 0): 부모는 self 하나."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def relu(self):
    """max(self, 0), 원소별로, 정확히 0에서는 국소적 미분이 0: 부모는 self 하나."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def power(self, k):
    """k가 그냥 수일 때의 self ** k: 부모는 self 하나."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def _as_value(other):
    return other if isinstance(other, Value) else Value(other)


Value.exp, Value.log, Value.relu, Value.__pow__ = exp, log, relu, power
Value.__neg__ = lambda self: self * -1.0                          # -x = x · (−1)
Value.__sub__ = lambda self, other: self + (-_as_value(other))    # x − y = x + (−y)
Value.__rsub__ = lambda self, other: _as_value(other) + (-self)
Value.__truediv__ = lambda self, other: self * _as_value(other) ** -1     # x / y = x · y⁻¹
Value.__rtruediv__ = lambda self, other: _as_value(other) * self ** -1

# %% nbgrader={"grade_id": "more_ops_test", "grade": true, "points": 3}
checking("exp, log, relu, power", see="강의 8 (ch08_autograd.ipynb)의 “8 · 노드 더 만들기: exp, log, ReLU, 거듭제곱, 그리고 합성” 절, 그다음 책의 §5.5.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = Value(2.0)
check_close("x = 2에서 x.exp().data", x.exp().data, np.exp(2.0))
check_close("x = 2에서 exp의 국소적 미분", x.exp().local_grads[0], 7.38905609893065,
            hint="강의 8, 8절 (그리고 강의 1, 6절)")
check_close("x = 2에서 log의 국소적 미분", x.log().local_grads[0], 0.5,
            hint="강의 8, 8절")
check_close("x = 2에서 x ** 3의 국소적 미분", (x ** 3).local_grads[0], 12.0,
            hint="강의 8, 8절. k = 3은 상수입니다")
check_close("x ** 3의 부모는 x 하나", len((x ** 3).parents), 1)
r = Value(np.array([-1.5, 0.0, 2.0])).relu()
check_close("[-1.5, 0, 2]의 relu", r.data, [0.0, 0.0, 2.0])
check_close("[-1.5, 0, 2]에서 relu의 국소적 미분", r.local_grads[0], [0.0, 0.0, 1.0],
            hint="강의 4, 2절. 정확히 0인 곳에서는 스위치가 꺼져 있습니다")

# %% [markdown]
# ## 4 · 실습 1~3의 그래프를 엔진으로
#
# 실습 3에서 손으로 했던 일을 이제 엔진이 합니다. 두 함수를 `Value`로 작성하세요. 입력을
# `Value`로 바꾸고, 식에 적힌 그대로 `+`와 `*`로 출력을 계산한 다음, 그 출력에서 `backward()`를
# 호출하고, 입력들의 `grad`에서 기울기를 읽어 옵니다.
#
# - `apple_orange_engine(apple, apple_num, orange, orange_num, tax)`는 `(price, grads)`를
#   반환합니다. `price`는 수 하나(출력의 `data`)이고, `grads`는 키가
#   `'apple', 'apple_num', 'orange', 'orange_num', 'tax'`인 딕셔너리입니다. 100원짜리 사과
#   2개와 150원짜리 귤 3개를 사고 소비세 1.1을 매기면 가격은 715이고, 기울기는 차례로 2.2, 110, 3.3,
#   165, 650입니다(강의 3의 7절).
# - `fanout_engine(a, b, c)`는 $f = (a+b)(b+c)$에 대해 `(f, df_da, df_db, df_dc)`를
#   반환합니다. 한 학습 노트의 예인 $a=-1, b=3, c=4$에서는 $f = 14$이고, 기울기는 7, 9, 2입니다.
#   여기서 `b`는 두 번 쓰이지만, 두 경로를 더하는 줄을 여러분이 쓸 필요는 없습니다. 엔진이
#   더해 줍니다.
#
# 두 함수 모두 형상이 같은 넘파이 배열에서도 (원소별로) 동작합니다.

# %% nbgrader={"grade_id": "engine_graphs", "solution": true}
def apple_orange_engine(apple, apple_num, orange, orange_num, tax):
    """Value로 계산하는 사과와 귤 계산서: (price, grads)."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def fanout_engine(a, b, c):
    """Value로 계산하는 분기 그래프 f = (a+b)(b+c): (f, df_da, df_db, df_dc)."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "engine_graphs_test", "grade": true, "points": 2}
checking("apple_orange_engine, fanout_engine", uses=("Value", "backward"), see="강의 8 (ch08_autograd.ipynb)의 “4 · 분기: 기울기는 `+=`로 누적된다” 절, 그다음 책의 §5.2.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
price, grads = apple_orange_engine(100, 2, 150, 3, 1.1)
check_close("price", price, 715)
for name, expected in [("apple", 2.2), ("apple_num", 110), ("orange", 3.3),
                       ("orange_num", 165), ("tax", 650)]:
    check_close(f"∂price/∂{name}", grads[name], expected)
f, df_da, df_db, df_dc = fanout_engine(-1.0, 3.0, 4.0)
check_close("f(-1, 3, 4)", f, 14.0)
check_close("∂f/∂a", df_da, 7.0)
check_close("∂f/∂b", df_db, 9.0, hint="b는 두 번 쓰입니다. 여러분의 backward가 두 경로를 모두 더해야 합니다")
check_close("∂f/∂c", df_dc, 2.0)

# %% [markdown]
# ## 5 · 작은 2층 신경망을 엔진으로
#
# 샘플 하나에 대한 7장의 신경망입니다. 수 하나하나로 만들 수 있을 만큼 작습니다. `x`는 특징이
# `D`개, 은닉층은 ReLU를 쓰는 뉴런이 `H`개, 출력은 클래스 점수가 `C`개이고, 손실은 점수의
# 소프트맥스와 레이블 `t`(정수로 된 클래스 번호)의 교차 엔트로피 오차입니다. 원소 단위로 쓰면
# $j = 1 \dots H$와 $k = 1 \dots C$에 대해 다음과 같습니다.
#
# $$h_j = \mathrm{relu}\Big(\sum_i x_i W1_{ij} + b1_j\Big), \qquad
#   s_k = \sum_j h_j W2_{jk} + b2_k, \qquad
#   L = \ln\Big(\sum_k e^{s_k}\Big) - s_t$$
#
# (마지막 식은 클래스 $t$의 소프트맥스 확률에 $-\ln$을 취한 것입니다. 강의 8의 9절을 보세요.)
#
# `net_gradient(x, t, params)`를 작성하세요. `params`는 실수 배열 `'W1'` (D, H), `'b1'` (H,),
# `'W2'` (H, C), `'b2'` (C,)를 담은 딕셔너리입니다. 모든 매개변수의 원소마다 `Value`를 하나씩
# 만들고, 여러분이 만든 `Value` 연산으로 $L$을 계산하세요. 원소를 하나씩 도는 반복문으로
# 계산하며, 엔진에는 행렬의 곱이 없으므로 행렬의 곱은 쓰지 않습니다. 그런 다음 `backward()`를
# 한 번 호출하고 `(loss, grads)`를 반환합니다. 손실은 수 하나이고, 기울기는 배열 네 개를 담은
# 딕셔너리입니다. 이를테면 `grads['W1']`은 `params['W1']`과 형상이 같고 각 원소의 `grad`를
# 담습니다. 나머지도 마찬가지입니다. 입력 `x`는 `Value`가 아니라 그냥 수입니다. 이것은 7장의
# 계층들이 `backward`로 계산했던 바로 그 미분입니다. 공개 검사는 이 기울기를 여러분의 손실로
# 구한 수치 미분 기울기와 비교하고, 숨은 검사는 더 많은 신경망에서 비교합니다.

# %% nbgrader={"grade_id": "net_gradient", "solution": true}
def net_gradient(x, t, params):
    """샘플 하나에 대한 2층 신경망의 손실과 기울기를 엔진으로 구합니다.

    x: (D,) 실수; t: 정수 클래스 번호; params: 'W1' (D, H), 'b1' (H,), 'W2' (H, C), 'b2' (C,).
    (loss, grads)를 반환하며, grads[name]은 params[name]과 형상이 같습니다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "net_gradient_test", "grade": true, "points": 2}
checking("net_gradient", uses=("Value", "backward", "exp, log, relu, power"), see="강의 8 (ch08_autograd.ipynb)의 “9 · 작은 2층 신경망을 7장의 계층과 비교하기” 절, 그다음 책의 §5.7.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = np.array([1.0, -2.0])
t = 1
params = {"W1": np.array([[0.5, -0.3, 0.8], [0.2, 0.4, -0.6]]), "b1": np.array([0.1, 0.0, -0.1]),
          "W2": np.array([[0.3, -0.2], [-0.5, 0.6], [0.7, 0.1]]), "b2": np.array([0.0, 0.05])}
loss, grads = net_gradient(x, t, params)
check_close("loss", loss, 1.4556061301430114,
            hint="L = ln(Σ e^s) − s_t이고, 은닉 뉴런에는 ReLU를 적용합니다")
check_close("∂L/∂b2", grads["b2"], [0.76674106, -0.76674106], rtol=1e-6)
check_close("∂L/∂W1[:, 1] (ReLU가 꺼 버린 은닉 뉴런)", grads["W1"][:, 1], [0.0, 0.0])
for name in ["W1", "b1", "W2", "b2"]:
    numeric = numerical_gradient(lambda w: net_gradient(x, t, params)[0], params[name])
    check_close(f"∂L/∂{name} (여러분의 손실로 구한 수치 미분 기울기와 비교)",
                grads[name], numeric, rtol=1e-5, atol=1e-7)

# %% [markdown]
# 이 기울기는 7장의 `TwoLayerNet.gradient`가 계층들로 계산하는 기울기와 같습니다(강의 8의
# 9절에서 바로 이 신경망으로 둘을 비교합니다). 차이는 이렇습니다. 7장에서는 계층마다
# `backward`를 손으로 유도해서 작성했습니다. 여기서는 `+`, `×`, `exp`, `log`, `relu`, `**`를
# 한 번씩만 작성했고, 순서와 합은 엔진이 스스로 알아냈습니다.
#
# ## 완료
#
# 노트북을 저장하고 제출하세요. 이 과정의 마지막 실습입니다.
