# %% [markdown]
# # 실습 4 · 활성화 함수 계층
#
# 『밑바닥부터 시작하는 딥러닝』(*Deep Learning from Scratch*) §5.5. 강의:
# `ko/notebooks/ch04_activation_layers.ipynb`.
#
# 신경망의 활성화 함수를 책에서처럼 계층으로, 즉 `forward`와 `backward` 메서드를 갖춘
# 클래스로 작성합니다.
#
# 1. `Relu` — 순전파에서 입력이 0 이하인 곳의 *마스크*를 기억해 두었다가 역전파에 씁니다.
#    (3점)
# 2. `Sigmoid` — 순전파에서 자신의 출력 `y`를 기억해 두었다가 역전파에 씁니다. (3점)
# 3. `Tanh` — 책에는 없는 확장으로, `Sigmoid`와 같은 방식으로 만듭니다. (2점)
# 4. `Softplus` — 직접 유도하기: 책도 강의도 역전파를 적어 주지 않는 계층입니다. 순전파와
#    그래프는 주어지고, 미분은 여러분이 구합니다. (3점)
#
# 이 실습은 역전파 식을 다시 적어 주지 않습니다. 강의의 어디에서 그 식을 유도하는지 각
# 절에 적어 두었으니, 먼저 거기서(또는 종이에) 식을 구한 다음 코드를 작성하세요.
#
# **실습 진행 방법.** 셀을 위에서 아래로 차례로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에
# 코드를 작성합니다(`raise NotImplementedError()` 줄은 지웁니다). 각 답안 셀 뒤의 잠긴
# 셀은 책의 예로 *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 무작위 형상의 무작위
# 배열로 여러분의 계층을 시험하고, `backward`를 수치 미분과 비교합니다. 검사에 실패하면
# 어떤 값이 틀렸는지, 기댓값이 무엇이었는지, 여러분이 무엇을 반환했는지, 가장 그럴듯한
# 원인이 무엇인지 알려 줍니다.
#
# 계층은 어떤 형상의 넘파이 배열에서든 원소 단위로 동작합니다. 샘플 하나인 `(D,)`이든 배치
# `(N, D)`이든 마찬가지입니다. 여기의 모든 계층은 두 규칙을 지켜야 하며, 숨은 검사가 이를
# 확인합니다. **순전파는 입력 `x`를 바꾸면 안 되고, 역전파는 `dout`을 바꾸면 안 됩니다.**
# 호출한 쪽(그리고 다른 계층)이 그 배열을 아직 써야 할 수도 있기 때문입니다.
#
# **책의 코드를 그대로 입력한다면.** 책의 `Relu.backward`(§5.5.1)는 인수로 받은 `dout`에
# 값을 대입하고 바로 그 배열을 반환합니다. 이는 호출한 쪽의 배열을 바꾸는 것이므로 이
# 실습에서는 허용되지 않습니다(무엇이 망가지는지는 강의 4의 6절에서 보여 줍니다). 그래서
# 책의 `Relu.backward`는 검사 셀의 점수를 받지 못하며, 메시지의 첫 줄이 그 사실을 알려
# 줍니다. 대신 복사본에서 작업하세요. 책의 `Sigmoid`(§5.5.2)는 있는 그대로 이 실습의
# 인터페이스에 맞습니다. `Tanh`와 `Softplus`는 책에 없습니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · ReLU 계층
#
# $$y = \begin{cases} x & (x > 0)\\ 0 & (x \le 0)\end{cases}$$
#
# 그 미분과, 역전파가 그 미분으로 무엇을 하는지는 강의 4의 “2 · ReLU와 그 미분” 절에서
# 유도하고, “4 · 스위치 비유” 절에서 그림으로 보여 줍니다.
#
# - `forward(x)`는 마스크 `self.mask = (x <= 0)`을 저장합니다. 마스크는 `x`와 형상이 같은
#   불리언 배열로, 스위치가 꺼진 곳에서 `True`입니다. 그리고 그 원소들을 0으로 바꾼 `x`를
#   반환합니다.
# - `backward(dout)`는 `dout`과 형상이 같은 배열 `dx`를 반환합니다. `dx`는 `dout`과
#   마스크만으로 만듭니다.
#
# **0에서의 관례.** ReLU는 정확히 $x = 0$에서 미분이 없습니다. 책의 식 5.8은 $x = 0$을
# 스위치가 꺼진 쪽에 두고, 이 강좌도 그렇게 합니다. 마스크는 `x < 0`이 아니라
# `x <= 0`입니다(이유는 강의 4의 2절에 있습니다). 숨은 검사는 $x = 0$을 따로 검사합니다.
#
# 책의 예인 $x$ = `[[1.0, -0.5], [-2.0, 3.0]]`의 마스크는
# `[[False, True], [True, False]]`이고 출력은 `[[1.0, 0.0], [0.0, 3.0]]`입니다.
# 주의하세요. `x`나 `dout`의 원소를 제자리에서 바꾸면(`x[mask] = 0`) 호출한 쪽의 배열이
# 바뀝니다. 복사본에서 작업하거나 새 배열을 만드세요.

# %% nbgrader={"grade_id": "relu", "solution": true}
class Relu:
    """ReLU 계층: forward(x) -> out, backward(dout) -> dx.

    x, out, dout, dx: 형상이 같은 실수 배열, 예: (D,) 또는 (N, D).
    self.mask: x와 형상이 같은 불리언 배열, x <= 0인 곳에서 True (forward가 설정).
    """

    def __init__(self):
        self.mask = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "relu_test", "grade": true, "points": 3}
checking("Relu", see="강의 4 (ch04_activation_layers.ipynb)의 “2 · ReLU와 그 미분” 절, 그다음 책의 §5.5.1")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = np.array([[1.0, -0.5], [-2.0, 3.0]])
relu = Relu()
out = relu.forward(x)
check_close("Relu.forward(x)", out, [[1.0, 0.0], [0.0, 3.0]],
            hint="ReLU는 x > 0인 곳에서는 x를 그대로 내보내고, x <= 0인 곳에서는 0을 내보냅니다")
check_close("forward 후의 relu.mask", relu.mask, [[False, True], [True, False]],
            hint="forward는 self.mask = (x <= 0)을 저장합니다. 스위치가 꺼진 곳에서 True입니다")
check_close("forward 후의 x (바뀌지 않아야 함)", x, [[1.0, -0.5], [-2.0, 3.0]],
            hint="forward는 입력을 바꾸면 안 됩니다. 0은 x의 복사본에 쓰세요")
dout = np.array([[0.1, 0.2], [0.3, 0.4]])
dx = relu.backward(dout)
check_close("Relu.backward(dout)", dx, [[0.1, 0.0], [0.0, 0.4]],
            hint="켜진 스위치와 꺼진 스위치를 거슬러 각각 무엇이 흘러가나요? "
                 "(강의 4의 4절)")
check_close("backward 후의 dout: 바뀌지 않아야 함 (책의 Relu.backward는 dout을 제자리에서 바꾸지만, "
            "이 실습의 계층은 그러면 안 됨)", dout, [[0.1, 0.2], [0.3, 0.4]],
            hint="dout 자체의 원소를 0으로 만들면 호출한 쪽의 배열에 쓰게 됩니다(그러면 무엇이 "
                 "망가지는지는 강의 4의 6절에 있습니다). 대신 dout의 복사본에 0을 쓰세요")
relu_at_0 = Relu()
relu_at_0.forward(np.array([0.0, 2.0]))
check_close("x = [0, 2]에서 Relu.backward", relu_at_0.backward(np.array([1.0, 1.0])), [0.0, 1.0],
            hint="책의 관례에서는 x = 0일 때 스위치가 꺼져 있습니다 (마스크는 x <= 0)")

# %% [markdown]
# 숨은 검사가 $x = 0$을 따로 다루는 이유는 이렇습니다. 그곳에서 수치 미분은 꺾인 점의
# 양쪽에 걸칩니다. $f(x) = \mathrm{ReLU}(x)$라 하면 0에서의 중심 차분은
# $\frac{f(h) - f(-h)}{2h} = \frac{h - 0}{2h} = 0.5$로, 0도 1도 아닙니다. 0에서 ($h$보다)
# 멀리 떨어진 곳에서는 여러분의 `backward`와 일치합니다.

# %%
x = np.array([-1.5, -0.2, 0.0, 0.3, 2.0])
numeric = numerical_gradient(lambda v: np.sum(Relu().forward(v)), x.copy())
relu = Relu()
relu.forward(x)
print("x:        ", x)
print("numerical:", numeric)
print("backprop: ", relu.backward(np.ones_like(x)))

# %% [markdown]
# ## 2 · Sigmoid 계층
#
# $$y = \frac{1}{1 + \exp(-x)}$$
#
# 강의 4의 “7 · 시그모이드 함수와 그 계산 그래프” 절은 ×(−1), exp, +1, / 노드로 이루어진
# 그래프를 노드 하나씩 역전파하고, 8절은 네 국소적 미분의 곱을 **출력** $y$만으로 이루어진
# 식으로 간소화합니다. 거기서 유도를 따라가 본 다음 코드로 작성하세요.
#
# - `forward(x)`는 $y$를 반환하고 `self.out`에 저장합니다(역전파에 필요합니다).
# - `backward(dout)`는 `x`와 형상이 같은 배열 `dx`를 반환합니다.
#
# 숨은 검사는 ±1000 입력도 시험합니다. `np.exp(1000)`은 `inf`로 오버플로하지만(넘파이가
# 경고를 냅니다), $1/(1 + \infty) = 0$은 올바른 시그모이드 값이므로 책의 식은 문제가
# 없습니다. 반면 $\exp(x)/(\exp(x) + 1)$ 같은 형태는 $\infty/\infty$ = NaN을 냅니다.

# %% nbgrader={"grade_id": "sigmoid", "solution": true}
class Sigmoid:
    """Sigmoid 계층: forward(x) -> out = 1 / (1 + exp(-x)), backward(dout) -> dx.

    x, out, dout, dx: 형상이 같은 실수 배열, 예: (D,) 또는 (N, D).
    self.out: 가장 최근 forward 호출의 출력 y.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "sigmoid_test", "grade": true, "points": 3}
checking("Sigmoid", see="강의 4 (ch04_activation_layers.ipynb)의 “7 · 시그모이드 함수와 그 계산 그래프” 절, 그다음 책의 §5.5.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
sigmoid = Sigmoid()
check_close("x = 0에서 Sigmoid.forward", sigmoid.forward(np.array([0.0])), [0.5],
            hint="y = 1 / (1 + exp(-x))는 x = 0에서 1/2입니다 (그리고 forward가 이 값을 반환해야 합니다)")
check_close("x = 0, dout = 1에서 Sigmoid.backward", sigmoid.backward(np.array([1.0])), [0.25],
            hint="y = 0.5에서 시그모이드 노드의 국소적 미분은 얼마인가요? (강의 4의 8절)")
check_close("x = 0, dout = 2에서 Sigmoid.backward", sigmoid.backward(np.array([2.0])), [0.5],
            hint="backward는 국소적 미분에 dout을 곱합니다")

# %% [markdown]
# 간소화한 역전파는 순전파의 수치 미분과 일치합니다.

# %%
x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
numeric = numerical_gradient(lambda v: np.sum(Sigmoid().forward(v)), x.copy())
sigmoid = Sigmoid()
sigmoid.forward(x)
print("numerical:", np.round(numeric, 6))
print("backprop: ", np.round(sigmoid.backward(np.ones_like(x)), 6))

# %% [markdown]
# ## 3 · 확장: Tanh 계층 (쌍곡탄젠트)
#
# 쌍곡탄젠트(hyperbolic tangent)는 출력이 $(-1, 1)$ 안에 있는 또 하나의 S자 모양 활성화
# 함수입니다.
#
# $$y = \tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)} = 2\,\mathrm{sigmoid}(2x) - 1$$
#
# 시그모이드처럼 그 미분도 출력 $y$만의 함수입니다. 강의 4의 “10 · 확장: Tanh
# (쌍곡탄젠트)” 절에서 시그모이드의 미분으로부터 유도합니다. 계층도 같은 방식으로
# 작성하세요. `forward(x)`는 $y$를 반환하고 `self.out`에 저장하며, `backward(dout)`는
# `dx`를 반환합니다. `np.tanh`를 쓰세요. 위의 지수 함수 몫을 그대로 계산하면 ±1000에서
# 오버플로가 나서 NaN이 됩니다.

# %% nbgrader={"grade_id": "tanh", "solution": true}
class Tanh:
    """Tanh 계층: forward(x) -> out = tanh(x), backward(dout) -> dx.

    x, out, dout, dx: 형상이 같은 실수 배열, 예: (D,) 또는 (N, D).
    self.out: 가장 최근 forward 호출의 출력 y.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "tanh_test", "grade": true, "points": 2}
checking("Tanh", see="강의 4 (ch04_activation_layers.ipynb)의 “10 · 확장: Tanh (쌍곡탄젠트)” 절")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
tanh = Tanh()
check_close("x = [0, 1]에서 Tanh.forward", tanh.forward(np.array([0.0, 1.0])), [0.0, 0.76159416],
            hint="y = np.tanh(x)입니다 (그리고 forward가 이 값을 반환해야 합니다)")
check_close("x = [0, 1], dout = 1에서 Tanh.backward", tanh.backward(np.array([1.0, 1.0])),
            [1.0, 0.41997434], hint="강의 4의 10절에서 구한 미분을 "
                                    "forward가 저장한 출력 y로 나타내세요")

# %% [markdown]
# ## 4 · 직접 유도하기: Softplus 계층 (소프트플러스)
#
# **소프트플러스**(softplus)는 매끄러운 ReLU입니다. $x$가 아주 큰 음수이면 0에 가깝고,
# $x$가 크면 $x$에 가까우며, 그 사이에 꺾인 점이 없습니다.
#
# $$y = \mathrm{softplus}(x) = \log\big(1 + \exp(x)\big).$$
#
# 책도 강의도 이 함수의 역전파를 유도하지 않습니다. 그것이 여러분이 할 일입니다. 강의 4의
# 7절에서 시그모이드를 역전파한 방식대로, 노드 하나씩 유도하세요. 그래프를 그려 봅시다.
# exp 노드, +1 노드, log 노드로 이루어지며, 아래는 $x = 1$일 때의 순전파 값을 적은
# 그래프입니다.
#
# ```
#    x ───► [ exp ] ───► a ───► [ +1 ] ───► c ───► [ log ] ───► y
#   1.0               2.7183             3.7183              1.3133
#
#   dx ◄─── ? ◄──────────── ? ◄──────────── ? ◄──────────── ∂L/∂y = dout
# ```
#
# 각 노드의 국소적 미분을 적으세요. 7절의 표에 두 개가 있고, 나머지 하나는 미적분 한
# 줄이면 구할 수 있습니다. 그 국소적 미분들을 오른쪽에서 왼쪽으로 `dout`에 곱해 나가면,
# $x$에 도달하는 값이 `dx`입니다. 그런 다음 연산을 되도록 적게 쓰는 식으로 정리하고, 아래
# 숫자와 비교해 확인하세요(강의 4의 6절처럼 중심 차분과도 비교해 보세요).
#
# **순전파는 주어집니다. 안정하게 계산하세요.** 식 그대로 `np.log(1 + np.exp(x))`로
# 계산하면 오버플로가 납니다. $x = 1000$에서 `np.exp(1000)`은 `inf`이고 결과도 `inf`가
# 되지만, 참값은 1000(에 약 $10^{-435}$를 더한 값)입니다. 다음을 쓰세요.
#
# ```python
# out = np.logaddexp(0.0, x)      # log(exp(0) + exp(x)) = log(1 + exp(x)), 오버플로가 나지 않는다
# ```
#
# `np.logaddexp(a, b)`는 $\log(e^a + e^b)$를 $\max(a, b) + \log(1 + e^{-|a - b|})$로
# 계산합니다. 그 안에서 계산하는 exp는 언제나 $\le 0$인 수만 받습니다.
#
# - `forward(x)`는 $y$를 반환하고, 여러분의 `backward`에 필요한 것을 계층에 저장합니다.
# - `backward(dout)`는 `x`와 형상이 같은 배열 `dx`를 반환합니다.
#
# **큰 입력.** 여러분의 `backward`는 $x = \pm 1000$에서도 유한하고 올바른 값을 내야
# 합니다(아래 검사가 이를 시험합니다). 식에서 `x` 자체에 `np.exp`를 적용하면 그곳에서
# 오버플로가 납니다(`inf / inf`는 NaN입니다). exp가 $\le 0$인 수만 받도록 식을 고쳐
# 쓰거나(예를 들어 분자와 분모에 같은 인수를 곱합니다), 오버플로가 날 수 없는 양으로
# 계산하세요.

# %% nbgrader={"grade_id": "softplus", "solution": true}
class Softplus:
    """Softplus 계층: forward(x) -> out = log(1 + exp(x)), backward(dout) -> dx.

    x, out, dout, dx: 형상이 같은 실수 배열, 예: (D,) 또는 (N, D).
    forward는 backward에 필요한 것을 계층에 저장한다 (self.x, self.out, 또는 둘 다).
    """

    def __init__(self):
        self.x = None
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "softplus_test", "grade": true, "points": 3}
checking("Softplus", see="강의 4 (ch04_activation_layers.ipynb)의 “7 · 시그모이드 함수와 그 계산 그래프” 절, 그다음 책의 §5.5.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = np.array([[-2.0, 0.0], [1.0, 3.0]])
softplus = Softplus()
check_close("Softplus.forward(x)", softplus.forward(x),
            [[0.12692801, 0.69314718], [1.31326169, 3.04858735]],
            hint="forward는 np.logaddexp(0.0, x), 곧 log(1 + exp(x))를 반환합니다")
dout = np.array([[1.0, 2.0], [0.5, -1.0]])
check_close("Softplus.backward(dout)", softplus.backward(dout),
            [[0.11920292, 1.0], [0.36552929, -0.95257413]],
            hint="강의 4의 7절에서 시그모이드의 노드들로 한 것처럼, log, +1, exp 노드의 국소적 미분을 "
                 "오른쪽에서 왼쪽으로 차례로 dout에 곱하세요")
check_close("forward 후의 x (바뀌지 않아야 함)", x, [[-2.0, 0.0], [1.0, 3.0]],
            hint="forward는 x를 바꾸면 안 됩니다. x에 대입하지 말고 새 배열을 만드세요")
check_close("backward 후의 dout (바뀌지 않아야 함)", dout, [[1.0, 2.0], [0.5, -1.0]],
            hint="backward는 dout을 바꾸면 안 됩니다. dout에 대입하지 말고(dout *= ...) "
                 "새 배열을 만드세요(dout * ...)")
large = Softplus()
check_close("x = [-1000, 1000]에서 Softplus.forward", large.forward(np.array([-1000.0, 1000.0])),
            [0.0, 1000.0], hint="np.logaddexp(0.0, x)를 쓰세요. np.log(1 + np.exp(x))는 오버플로가 납니다")
check_close("x = [-1000, 1000], dout = 1에서 Softplus.backward",
            large.backward(np.array([1.0, 1.0])), [0.0, 1.0],
            hint="x가 크면 exp가 오버플로합니다. exp(1000)은 inf이고, inf / inf는 NaN입니다. "
                 "exp가 0 이하의 수만 받도록 식을 고쳐 쓰세요")

# %% [markdown]
# 여러분이 구한 미분은 순전파의 수치 미분과 일치해야 합니다(계층이 검사를 통과한 뒤에 한
# 번 실행해 보세요. 똑같은 두 줄이 출력됩니다).

# %%
x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
numeric = numerical_gradient(lambda v: np.sum(Softplus().forward(v)), x.copy())
softplus = Softplus()
softplus.forward(x)
print("numerical:", np.round(numeric, 6))
print("backprop: ", np.round(softplus.backward(np.ones_like(x)), 6))

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음 실습은 Affine 계층입니다. 그곳에서는 역전파가 행렬의
# 곱이 되고, 가중치와 편향의 기울기도 함께 나옵니다.
