# %% [markdown]
# # 실습 2 · 연쇄법칙
#
# *밑바닥부터 시작하는 딥러닝* §5.2. 강의: `ko/notebooks/ch02_chain_rule.ipynb`.
#
# 1. `numerical_diff` — 중심 차분(central difference). 이후의 모든 실습이 이 확인 방법에 기댑니다. (3점)
# 2. `square_of_sum` — $z = (x+y)^2$과, 연쇄법칙으로 구한 그 기울기. (2점)
# 3. `fanout` — `b`가 두 번 쓰이는(분기) $f = (a+b)(b+c)$. (3점)
#
# **실습 진행 방법.** 셀을 위에서 아래로 차례로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에 코드를
# 작성합니다(`raise NotImplementedError()` 줄은 지웁니다). 각 답안 셀 다음의 잠긴 셀은 간단한 예제로
# *공개 검사*를 실행하고, 제출하면 *숨은 검사*가 무작위 수와 배열로도 코드를 시험합니다. 검사에
# 실패하면 어떤 값이 틀렸는지, 기대한 값과 반환한 값이 각각 무엇인지, 가장 그럴듯한 원인이 무엇인지,
# 그리고 강의의 어느 절을 다시 읽어야 하는지 알려 줍니다.
#
# **책의 코드를 그대로 옮겨 쓴다면.** 책의 `numerical_diff(f, x)`(§4.3.1)는 함수 안에서 `h = 1e-4`로
# 고정합니다. 여기서는 `numerical_diff(f, x, h=1e-4)`가 간격을 세 번째 인수로 받고 그 값을 기본값으로
# 두며, 검사는 다른 간격으로도 이 함수를 호출합니다. 책의 `return` 줄은 그대로 맞지만, `def` 줄에는
# 매개변수 `h`가 있어야 하고 `h = 1e-4` 줄은 지워야 합니다. 책의 §5.2에는 코드가 없으므로
# `square_of_sum`과 `fanout`은 이 실습에서 새로 만든 문제입니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% [markdown]
# ## 1 · 수치 미분
#
# 미분은 평균 변화율의 극한이므로 아주 작은 간격 `h`를 쓰고 싶어집니다. 하지만 그러면 안 됩니다.
# `h = 1e-50`이고 `x`가 3.0 같은 평범한 값이면, 배정밀도(float64)에서 `x + h`는 정확히 `x`로 다시
# 반올림됩니다(`1e-50` 자체는 멀쩡한 float64 값이지만, 합에는 그 값을 담을 자릿수가 남아 있지
# 않습니다). 그러면 추정값은 0이 됩니다. 책은 `h = 1e-4`와 **중심 차분**을 씁니다. 중심 차분은 `x`를
# 양쪽으로 조금씩 움직이며, 그 오차는 $h^2$에 비례해 줄어드는 반면 전방 차분의 오차는 $h$에 비례해
# 줄어들 뿐입니다. 강의 2의 4절에서 이를 유도하고, 두 오차를 `h`에 따라 그래프로 보여 줍니다.
#
# 수 하나를 받는 함수 `f`에 대해 중심 차분을 계산하는 `numerical_diff(f, x, h=1e-4)`를 작성하세요.
# 인수로 주어진 `h`를 그대로 쓰세요.

# %% nbgrader={"grade_id": "numerical_diff", "solution": true}
def numerical_diff(f, x, h=1e-4):
    """중심 차분: 스칼라 함수 f와 수 x에 대한 f'(x)의 추정값."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "numerical_diff_test", "grade": true, "points": 3}
checking("numerical_diff", see="강의 2 (ch02_chain_rule.ipynb)의 “4. 수치 미분: 미분을 확인하는 방법” 절, 그다음 책의 §4.3.1")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
check_close("3에서의 numerical_diff(x²)", numerical_diff(lambda x: x ** 2, 3.0), 6.0)
check_close("2에서의 numerical_diff(x³)", numerical_diff(lambda x: x ** 3, 2.0), 12.0,
            rtol=1e-7, hint="h = 1e-4이면 x³의 중심 차분은 h² = 1e-8만큼밖에 어긋나지 않습니다")
check_close("2에서의 numerical_diff(x³, h=0.5)", numerical_diff(lambda x: x ** 3, 2.0, 0.5), 12.25,
            hint="주어진 h를 쓰면 x³의 중심 차분은 정확히 3x² + h²입니다")

# %% [markdown]
# ## 2 · 연쇄법칙으로 구하는 $z = (x+y)^2$
#
# 이 식을 그래프의 두 노드 $t = x + y$와 $z = t^2$으로 나누세요. 그리고 역전파와 같은 방식으로
# 계산하세요. 먼저 순전파 값을 구하고, 그다음 각 노드의 국소적 미분을 출력 쪽에서부터 거꾸로 곱해
# 나갑니다(연쇄법칙, 강의 2의 2절). `(z, dz_dx, dz_dy)`를 반환하세요. `x`와 `y`는 수일 수도 있고, 형상이
# 같은 배열일 수도 있습니다.

# %% nbgrader={"grade_id": "square_of_sum", "solution": true}
def square_of_sum(x, y):
    """z = (x + y)**2와 그 편미분. (z, dz_dx, dz_dy)를 반환한다."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "square_of_sum_test", "grade": true, "points": 2}
checking("square_of_sum", see="강의 2 (ch02_chain_rule.ipynb)의 “2. 합성 함수와 연쇄법칙” 절, 그다음 책의 §5.2.2와 §5.2.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
z, dz_dx, dz_dy = square_of_sum(1.0, 2.0)
check_close("x=1, y=2일 때 z", z, 9.0)
check_close("x=1, y=2일 때 ∂z/∂x", dz_dx, 6.0,
            hint="∂z/∂t · ∂t/∂x: t = 3에서 제곱 노드의 국소적 미분에 덧셈 노드의 국소적 미분을 곱하세요")
check_close("x=1, y=2일 때 ∂z/∂y", dz_dy, 6.0,
            hint="∂z/∂t · ∂t/∂y: t = 3에서 제곱 노드의 국소적 미분에 덧셈 노드의 국소적 미분을 곱하세요")

# %% [markdown]
# ## 3 · 분기: 두 번 쓰이는 값
#
# $f = (a+b)(b+c)$를 $x = a + b$, $y = b + c$, $f = xy$로 나누어 씁니다. 입력 `b`는 `x`를 거치는 경로와
# `y`를 거치는 경로, 이렇게 **두** 경로를 따라 `f`에 이릅니다. 이처럼 분기(fan-out)하는 값을 역전파가
# 어떻게 다루는지는 강의 2의 5절에 나옵니다. 세 노드의 국소적 미분을 구하고, 모든 경로를 따라 `a`,
# `b`, `c`까지 거슬러 올라가세요. $a=-1, b=3, c=4$(한 학습 노트에 나온 예)에서는 $f = 14$,
# $\partial f/\partial a = 7$, $\partial f/\partial b = 9$, $\partial f/\partial c = 2$입니다.
# `(f, df_da, df_db, df_dc)`를 반환하세요.

# %% nbgrader={"grade_id": "fanout", "solution": true}
def fanout(a, b, c):
    """f = (a + b) * (b + c)와 그 편미분. (f, df_da, df_db, df_dc)를 반환한다."""
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "fanout_test", "grade": true, "points": 3}
checking("fanout", see="강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한 값이 두 번 쓰일 때” 절, 그다음 책의 §5.2.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
f, df_da, df_db, df_dc = fanout(-1.0, 3.0, 4.0)
check_close("f(-1, 3, 4)", f, 14.0)
check_close("∂f/∂a", df_da, 7.0)
check_close("∂f/∂b", df_db, 9.0, hint="b는 두 번 쓰입니다. f에 이르는 두 경로를 모두 셈에 넣으세요")
check_close("∂f/∂c", df_dc, 2.0)

# %% [markdown]
# 연쇄법칙으로 구한 기울기를 직접 만든 중심 차분 `numerical_diff`로 확인해 보세요. 한 번에 입력 하나만
# 조금 움직이고 나머지는 고정합니다.

# %%
a, b, c = -1.0, 3.0, 4.0
print("∂f/∂a ≈", round(numerical_diff(lambda v: fanout(v, b, c)[0], a), 6))
print("∂f/∂b ≈", round(numerical_diff(lambda v: fanout(a, v, c)[0], b), 6))
print("∂f/∂c ≈", round(numerical_diff(lambda v: fanout(a, b, v)[0], c), 6))

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음 실습에서는 덧셈 노드와 곱셈 노드를 다시 쓸 수 있는 계층으로
# 만듭니다.
