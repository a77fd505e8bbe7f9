# %% [markdown]
# # 4장 · 활성화 함수 계층: ReLU와 Sigmoid
#
# 『밑바닥부터 시작하는 딥러닝』(*Deep Learning from Scratch*)의 **§5.5 활성화 함수 계층
# 구현하기**: §5.5.1 ReLU 계층과 §5.5.2 Sigmoid 계층을 다루고, 확장으로 Tanh를 덧붙입니다.
#
# 3장에서는 덧셈 노드와 곱셈 노드를 `forward()`와 `backward()`를 갖춘 클래스로
# 만들었습니다. 신경망에는 부품이 한 가지 더 필요합니다. 모든 가중합 뒤에 따라오는
# **활성화 함수**(activation function)입니다. 이 장에서는 책에 나오는 두 활성화 함수인
# ReLU와 시그모이드를 같은 모양의 계층으로 만들고, 그 역전파를 유도합니다. ReLU는 경우를
# 나누는 한 줄짜리 분석으로, 시그모이드는 그 자신의 계산 그래프를 노드 하나씩 거꾸로
# 따라가며 유도합니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다**
#
# 1. ReLU 계층이 역전파로 무엇을 보내는지, 왜 순전파에서 만든 불리언 **마스크**를 저장해
#    두는지, 정확히 $x = 0$에서는 어떻게 되는지 설명하기
# 2. 호출한 쪽의 배열을 몰래 바꾸는 책 코드의 부작용 없이 `Relu` 작성하기
# 3. 시그모이드 그래프(`×`, `exp`, `+`, `/`)를 숫자로 역전파하고, 그 결과를
#    $\frac{\partial L}{\partial y}\,y(1-y)$로 간소화하기
# 4. `Sigmoid`가 입력이 아니라 **출력**을 저장하는 이유 설명하기
# 5. 같은 아이디어를 `Tanh`($1 - y^2$)로 확장하고, 모든 계층을 수치 미분과 비교해
#    확인하고, 오버플로가 나지 않는 시그모이드 계산하기
#
# 라이브러리를 불러오는 셀 다음에는 미리 작성해 둔 코드 셀 두 개가 이어집니다.
# `draw_graph`는 책에서처럼 계산 그래프를 그리고(순전파 값은 에지 **위**에 검은색으로,
# 역전파 값은 에지 **아래**에 빨간색으로), `numerical_gradient`는 중심 차분으로 기울기를
# 추정합니다.

# %%
import warnings

import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 계층으로 구현하는 활성화 함수
#
# 활성화 함수는 **원소별**(element-wise)로 적용됩니다. 입력 배열의 각 수는 이웃과 상관없이
# 똑같은 함수 $y = f(x)$를 거치고, 출력의 형상은 입력과 같습니다. 따라서 계층으로 만들면
# 입력도 하나, 출력도 하나입니다.
#
# * `forward(x) -> out`: 모든 원소에 $f$를 적용하고, 역전파에 필요한 것을 기억해 둡니다.
# * `backward(dout) -> dx`: `dout`은 상류에서 온 미분 $\frac{\partial L}{\partial y}$로,
#   출력과 형상이 같은 배열입니다. 계층은 $\frac{\partial L}{\partial x}$를 반환합니다.
#
# 출력의 각 원소는 같은 위치의 입력 원소에만 의존하므로, 여기서는 연쇄법칙에 합이 필요
# 없습니다. 각 원소에 그 원소 자신의 국소적 미분을 곱하기만 하면 됩니다.
#
# $$\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i}\, f'(x_i).$$
#
# 그러니 활성화 계층의 `backward`가 할 일은 순전파 동안 저장해 둔 것으로부터 $f'(x_i)$를
# 알아내는 것이 전부입니다. 흥미로운 부분은 무엇을 저장하느냐입니다. ReLU는 마스크를,
# 시그모이드는 자신의 출력을 저장합니다.
#
# ## 2 · ReLU와 그 미분
#
# **ReLU**(Rectified Linear Unit)는 양수는 그대로 통과시키고 나머지는 0으로 바꿉니다(책의
# 식 5.7).
#
# $$y = \begin{cases} x & (x > 0) \\ 0 & (x \le 0) \end{cases}$$
#
# 그 미분(식 5.8)은 오른쪽에서 1, 왼쪽에서 0입니다.
#
# $$\frac{\partial y}{\partial x} = \begin{cases} 1 & (x > 0) \\ 0 & (x \le 0) \end{cases}$$
#
# **정확히 $x = 0$에서는 어떨까요?** 그래프가 그곳에서 꺾이므로, 엄밀히 말하면 미분이
# 존재하지 않습니다. 바로 왼쪽의 기울기는 0이고 바로 오른쪽의 기울기는 1입니다. 0과 1
# 사이의 어느 값을 골라도 나름의 근거가 있으니, 이것은 *관례*의 문제입니다. 책은 $x = 0$을
# 막힌 쪽에 두고, 이 강좌도 그렇게 합니다. 이 강좌의 바탕이 된 한 학습 노트는 경우를
# $x \ge 0$과 $x < 0$으로 나누어 씁니다. 이렇게 해도 *순전파* 값은 같지만(0에서는 둘 다
# 0), 정확히 0에서의 역전파 값은 0이 아니라 1이 됩니다.
#
# 이 강좌가 책을 따라 $x \le 0$ 쪽을 택하는 이유는 다음과 같습니다.
#
# * **순전파와 맞아떨어집니다.** $x = 0$에서 출력은 0입니다. 4절의 스위치 그림으로 말하면
#   전류가 흐르지 않았으니, 거꾸로 흘러갈 것도 없습니다. 그러면 마스크 `x <= 0` 하나가
#   순전파에서도 역전파에서도 똑같이 "이 원소는 스위치가 꺼졌다"를 뜻합니다.
# * **정확한 0은 실제로 나옵니다.** 다른 ReLU 뒤에 오는 ReLU는 정확한 0을 많이 받고, 0으로
#   채운(제로 패딩한) 데이터를 받는 계층도 마찬가지입니다. 그런 곳에서는 두 관례가 서로
#   다른 기울기를 내므로, 정확한 기댓값과 비교하는 채점에는 규칙이 하나로 정해져 있어야
#   합니다. (널리 쓰이는 라이브러리들도 0에서 0을 반환합니다.)
#
# 아래 셀은 두 관례를 다섯 점에서 계산합니다. 둘은 0에서만 다릅니다. 또한 수치 확인이 왜
# 꺾인 점을 피해야 하는지도 보여 줍니다. $x = 0$에서의 중심 차분은
# $\frac{h - 0}{2h} = 0.5$로, 어느 관례와도 맞지 않습니다.

# %%
def relu(x):
    return np.maximum(0.0, x)

points = np.array([-2.0, -0.5, 0.0, 1.0, 3.0])
slope_course = np.where(points > 0, 1.0, 0.0)      # 책 / 강좌: x <= 0은 막힌다
slope_ge = np.where(points >= 0, 1.0, 0.0)          # 한 학습 노트의 x >= 0 변형
print("x:                ", points)
print("relu(x):          ", relu(points))
print("dy/dx, 강좌:      ", slope_course)
print("dy/dx, x >= 0 노트:", slope_ge)
assert list(slope_course) == [0, 0, 0, 1, 1] and list(slope_ge) == [0, 0, 1, 1, 1]
assert list(points[slope_course != slope_ge]) == [0.0]   # 0에서만 다르다

h = 1e-4
at_zero = (relu(0.0 + h) - relu(0.0 - h)) / (2 * h)
print("꺾인 점 x = 0에서의 중심 차분:", round(at_zero, 10))
assert round(at_zero, 10) == 0.5

# %% [markdown]
# ## 3 · 마스크
#
# 책은 ReLU를 **마스크**(mask)로 구현합니다. 마스크는 입력과 형상이 같은
# 불리언(True/False) 넘파이 배열로, 입력이 $\le 0$이었던 곳에서 `True`입니다. 책의 예는
# $2 \times 2$ 입력입니다.
#
# $$x = \begin{pmatrix} 1.0 & -0.5 \\ -2.0 & 3.0 \end{pmatrix}.$$
#
# `x <= 0`은 모든 원소를 0과 비교하여 마스크를 만듭니다. 불리언 배열로 인덱싱하는
# `out[mask] = 0`은 마스크가 `True`인 곳에만 정확히 0을 씁니다. `x.copy()`에 주목하세요.
# 0은 **새** 배열 `out`에 쓰이고, `x` 자체는 그대로 남습니다. (이렇게 조심하지 않으면
# 무엇이 잘못되는지는 6절에서 봅니다.)

# %%
x = np.array([[1.0, -0.5], [-2.0, 3.0]])
mask = (x <= 0)
out = x.copy()
out[mask] = 0
print("x:\n", x)
print("mask = (x <= 0):\n", mask)
print("out:\n", out)
assert mask.tolist() == [[False, True], [True, False]]
assert out.tolist() == [[1.0, 0.0], [0.0, 3.0]]
assert x.tolist() == [[1.0, -0.5], [-2.0, 3.0]]     # 입력은 그대로

# %% [markdown]
# 역전파에서도 같은 마스크를 한 번 더 씁니다. 순전파 입력이 $\le 0$이었던 곳에서는 국소적
# 미분이 0이므로 상류 값 `dout`을 0으로 바꾸고, 나머지 곳에서는 그대로(1을 곱해)
# 통과시킵니다. 계층이 순전파에서 가져와야 할 것은 이것뿐입니다. $x$도 $y$도 아닌, 마스크
# 하나면 됩니다.
#
# ## 4 · 스위치 비유
#
# 책은 ReLU를 전기 회로의 **스위치**(switch)에 비유합니다.
#
# * 순전파 때 전류가 흐르면($x > 0$) 스위치가 켜지고(ON), 흐르지 않으면($x \le 0$)
#   꺼집니다(OFF).
# * 역전파 때 켜진 스위치로는 전류가 **그대로** 거꾸로 흐르고, 꺼진 스위치로는
#   **아무것도** 흐르지 않습니다.
#
# 그림은 두 경우를 보여 줍니다. 위쪽 줄은 책의 그림을 기호로 나타낸 것이고, 아래쪽 줄은 앞
# 예의 두 원소 $x = 3.0$과 $x = -2.0$에 오른쪽에서 상류 값 1.3이 들어오는 경우입니다.
# 왼쪽에서는 빨간 1.3이 그대로 통과하고, 오른쪽에서는 1.3이 스위치에서 멈춰 $x$ 쪽으로는
# 0만 이어집니다.

# %%
fig, axes = plt.subplots(2, 2, figsize=(9, 3.8))
relu_nodes = {"x": (0, 0, "x"), "relu": (2.2, 0, "relu"), "y": (4.4, 0, "y")}
cases = [("x", "∂L/∂y", "y", "∂L/∂y", "x > 0: switch ON, passes ∂L/∂y"),
         ("x", "0", "y", "∂L/∂y", "x ≤ 0: switch OFF, sends 0"),
         ("x = 3", 1.3, "y = 3", 1.3, "x = 3: upstream 1.3 passes"),
         ("x = −2", 0, "y = 0", 1.3, "x = −2: upstream 1.3 is blocked")]
for ax, (fx, bx, fy, by, title) in zip(axes.flat, cases):
    draw_graph(relu_nodes, [("x", "relu", fx, bx), ("relu", "y", fy, by)],
               plain=["x", "y"], ax=ax, title=title)
fig.suptitle("ReLU as a switch: forward above the edges, backward (red) below")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5 · 클래스로 만든 ReLU
#
# 다음은 책에 나오는 그대로의 계층이며, 학습 노트 가운데 세 개도 이것을 그대로 옮겨
# 적었습니다. 6절에서 `backward`를 고칠 것이므로 이 클래스는 `BookRelu`라고 부르겠습니다.
# 3장의 `MulLayer`처럼, 역전파에 필요한 것을 인스턴스 변수(instance variable)에
# 저장합니다. 여기서는 순전파에서 만든 불리언 배열 `self.mask`입니다.

# %%
class BookRelu:
    def __init__(self):
        self.mask = None            # 순전파 입력이 <= 0이었던 곳에서 True

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0         # 스위치가 꺼졌던(OFF) 원소를 막는다
        dx = dout
        return dx

layer = BookRelu()
print("forward 결과:\n", layer.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])))
dx = layer.backward(np.array([[0.1, 0.2], [0.3, 0.4]]))
print("[[0.1, 0.2], [0.3, 0.4]]의 backward 결과:\n", dx)
assert dx.tolist() == [[0.1, 0.0], [0.0, 0.4]]

# %% [markdown]
# 숫자는 맞습니다. $x$가 양수였던 곳(1.0과 3.0)에서는 0.1과 0.4가 통과하고, $x$가 $-0.5$와
# $-2.0$이었던 곳에서는 0.2와 0.3이 막힙니다. 그런데 `backward`가 이 값을 어떻게 얻는지
# 살펴봅시다.
#
# ## 6 · 흔한 실수: 남의 배열에 쓰기
#
# > **흔한 실수: `dout[self.mask] = 0; dx = dout`.** 책과 학습 노트에 나오는 이 줄은 새
# > 배열을 만들지 않습니다. **호출한 쪽의 `dout`에** 0을 써 넣고, 바로 그 배열을 그대로
# > 돌려줍니다(`dx is dout`). 호출한 쪽의 상류 기울기가 소리 없이 바뀌는 것입니다. 오류는
# > 나지 않고, 반환된 값은 심지어 맞으며, 피해는 엉뚱한 곳에서 드러납니다.
#
# 아래 셀은 두 가지를 보여 줍니다. **첫째, 눈에 보이는 효과.** 호출한 쪽이 상류 배열
# `upstream`을 가지고 `backward`를 호출하고 나면, 자기 배열이 바뀌어 있습니다.
#
# **둘째, 왜 문제가 되는가.** 호출한 쪽에 그 배열이 아직 필요한 때는 언제일까요? 같은
# 기울기가 두 곳 이상으로 갈 때마다입니다. $s = \mathrm{relu}(a) + \mathrm{relu}(b)$를
# 생각해 봅시다. 덧셈 노드는 상류 값을 두 입력에 그대로 전달하며(3장), 이를 올바르게 하는
# 가장 값싼 방법은 **같은** 배열을 두 번 건네는 것, 즉 `return dout, dout`입니다. 그러면
# 첫 번째 ReLU의 `backward`가, 두 번째 ReLU가 곧 읽을 배열의 일부를 0으로 만들어 버립니다.
# $a$는 책의 예를 쓰고, $b$는 $a$가 음수인 바로 그 자리에서만 양수가 되도록 잡습니다. 참
# 기울기는 $a$에 대해 $[[0.1, 0], [0, 0.4]]$, $b$에 대해 $[[0, 0.2], [0.3, 0]]$입니다.
# 그런데 `BookRelu`로는 **둘 다** 0이 나옵니다. 두 번째 가지는 첫 번째 가지가 이미 0으로
# 만든 배열을 읽습니다. 게다가 여기서는 모든 `dx`가 그 공유된 배열 하나이므로, 두 번째
# `backward`가 나머지까지 0으로 만들면서 첫 번째 가지가 이미 반환한 `da`까지 지워
# 버립니다.

# %%
layer = BookRelu()
layer.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
upstream = np.array([[0.1, 0.2], [0.3, 0.4]])
print("backward 전의 upstream:\n", upstream)
dx = layer.backward(upstream)
print("backward 후의 upstream:\n", upstream)
print("dx is upstream:", dx is upstream)
assert upstream.tolist() == [[0.1, 0.0], [0.0, 0.4]]   # 호출한 쪽의 배열이 바뀌었다
assert dx is upstream

class PassAddLayer:
    """두 입력에 같은 상류 배열을 건네는 덧셈 노드 (올바름, 복사 없음)."""
    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout, dout

a = np.array([[1.0, -0.5], [-2.0, 3.0]])
b = np.array([[-1.0, 2.0], [0.5, -3.0]])

def two_branches(Relu_class):
    relu_a, relu_b, add = Relu_class(), Relu_class(), PassAddLayer()
    add.forward(relu_a.forward(a), relu_b.forward(b))
    dsa, dsb = add.backward(np.array([[0.1, 0.2], [0.3, 0.4]]))
    da = relu_a.backward(dsa)
    db = relu_b.backward(dsb)
    return da, db

da, db = two_branches(BookRelu)
print("BookRelu로 구한 da:\n", da, "   <- 정답은 [[0.1, 0], [0, 0.4]]")
print("BookRelu로 구한 db:\n", db, "   <- 정답은 [[0, 0.2], [0.3, 0]]")
print("da is db:", da is db)
assert da.tolist() == [[0.0, 0.0], [0.0, 0.0]] and db.tolist() == [[0.0, 0.0], [0.0, 0.0]]

# %% [markdown]
# 책의 신경망은 운 좋게도 이 줄을 무사히 넘깁니다. 거기서는 모든 `dout`이 오른쪽 계층이
# 방금 계산한 새 배열이고, 다시는 쓰이지 않기 때문입니다. 계층이 이런 운에 기대서는 안
# 됩니다. (실습의 숨은 검사는 `dout`이 바뀌지 않았는지 실제로 검사합니다.)
#
# > **흔한 실수: 입력 자체를 0으로 만들기.** 한 학습 노트는 마스크를 이렇게 시험해
# > 보았습니다. `mask = (x <= 0)`, 이어서 `x[mask] = 0`, 그리고 `print(x)`. 출력은 책의
# > `out`처럼 보이지만 `out`은 어디에도 없습니다. **입력** `x`가 덮어써졌고, 그 뒤에 `x`를
# > 쓰는 모든 셀은 다른 데이터를 보게 됩니다. 계층 안에서 같은 실수를 하면(`x`에 써 넣고
# > 그것을 반환하는 순전파), 앞 계층이 자신의 역전파를 위해 저장해 두었을지도 모르는 값이
# > 망가집니다.

# %%
x = np.array([[1.0, -0.5], [-2.0, 3.0]])
print("바뀌기 전 x:", x.tolist(), "  합:", x.sum())
mask = (x <= 0)
x[mask] = 0                     # 노트의 시연: 복사하지 않음
print("바뀐 뒤 x:  ", x.tolist(), "  합:", x.sum())
assert x.sum() == 4.0           # 원래는 1.5: 원래의 음수 값이 사라졌다

# %% [markdown]
# **고치는 방법.** 직접 만들지 않은 배열에는 절대 쓰지 마세요. 먼저 복사한 다음 0을
# 쓰거나, `np.where`로 새 배열을 한 번에 만드세요.
#
# ```python
# dx = dout.copy(); dx[self.mask] = 0          # 복사한 다음, 복사본에 쓴다
# dx = np.where(self.mask, 0.0, dout)          # 새 배열: 마스크된 곳은 0, 나머지는 dout
# ```
#
# 아래는 두 메서드 모두에 `np.where` 방식을 쓴 이 강좌의 `Relu`입니다. 이제 가지가 둘인
# 그래프에서도 두 기울기가 모두 올바르게 나오고, 호출한 쪽의 배열도 그대로 남습니다.

# %%
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        return np.where(self.mask, 0.0, x)         # 새 배열; x는 건드리지 않는다

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)      # 새 배열; dout은 건드리지 않는다

da, db = two_branches(Relu)
print("da:\n", da)
print("db:\n", db)
assert da.tolist() == [[0.1, 0.0], [0.0, 0.4]]
assert db.tolist() == [[0.0, 0.2], [0.3, 0.0]]

layer = Relu()
x = np.array([[1.0, -0.5], [-2.0, 3.0]])
upstream = np.array([[0.1, 0.2], [0.3, 0.4]])
out = layer.forward(x)
dx = layer.backward(upstream)
assert x.tolist() == [[1.0, -0.5], [-2.0, 3.0]]
assert upstream.tolist() == [[0.1, 0.2], [0.3, 0.4]]
print("x와 upstream은 그대로; dx =", dx.tolist())

# %% [markdown]
# **`backward`를 수치로 확인하기.** 계층의 출력은 배열이지만, 수치 미분에는 수 하나가
# 필요합니다. 요령은 이렇습니다. 상류 배열 `dout`을 아무것이나 하나 골라, 수 하나를 다음과
# 같이 정의합니다.
#
# $$L(x) = \sum_i \mathrm{dout}_i \cdot y_i(x).$$
#
# 그러면 $\frac{\partial L}{\partial y} = \mathrm{dout}$이 정확히 성립하므로, 참 기울기
# $\frac{\partial L}{\partial x}$가 곧 `backward(dout)`이 반환해야 하는 값입니다.
# `numerical_gradient`는 $x$의 각 원소를 $\pm h$만큼($h = 10^{-4}$) 움직여 봅니다.
# 입력으로는 `np.random.default_rng(0)`에서 뽑은 난수를 쓰되, ReLU가 꺾이는 점 0에서
# $h$보다 멀리 떨어지게 합니다(2절 참고). 이 강의의 모든 계층을 같은 방법으로 확인합니다.

# %%
def check_layer(layer, x, dout):
    """L(x) = sum(dout * layer.forward(x))에 대한 |backward - 중심 차분|의 최댓값."""
    layer.forward(x)
    analytic = layer.backward(dout)
    numeric = numerical_gradient(lambda v: np.sum(dout * layer.forward(v)), x.copy())
    return np.max(np.abs(analytic - numeric))

rng = np.random.default_rng(0)
x = rng.standard_normal((3, 4))
x[np.abs(x) < 1e-3] = 0.5                  # 꺾인 점을 피한다
dout = rng.standard_normal((3, 4))
error = check_layer(Relu(), x, dout)
print("ReLU: backward와 중심 차분이 1e-8 이내로 일치:", error < 1e-8)
assert error < 1e-8

# %% [markdown]
# ## 7 · 시그모이드 함수와 그 계산 그래프
#
# **시그모이드 함수**(sigmoid function)는 모든 실수를 $(0, 1)$ 안으로 눌러 담습니다(책의
# 식 5.9).
#
# $$y = \frac{1}{1 + \exp(-x)}.$$
#
# 책은 이 식을 한 번에 미분하는 대신, 간단한 노드 네 개를 이어 붙인 사슬로 쓰고 하나씩
# 역전파합니다.
#
# | 노드 | 순전파 | 국소적 미분 |
# |---|---|---|
# | 상수 $-1$과의 `×` | $a = -x$ | $\partial a / \partial x = -1$ |
# | `exp` | $b = \exp(a)$ | $\partial b / \partial a = \exp(a)$, 즉 자신의 출력 $b$ |
# | 상수 1과의 `+` | $c = 1 + b$ | $\partial c / \partial b = 1$ |
# | `/` (역수) | $y = 1 / c$ | $\partial y / \partial c = -1/c^2 = -y^2$ |
#
# $x = 1$이고 출력 쪽에 상류 값 $\frac{\partial L}{\partial y} = 1$이 들어오는 경우의
# 숫자를 따라가 봅시다. 먼저 왼쪽에서 오른쪽으로 순전파입니다.

# %%
x = 1.0
a = -x               # × 노드 (다른 입력은 상수 -1)
b = np.exp(a)        # exp 노드
c = 1 + b            # + 노드 (다른 입력은 상수 1)
y = 1 / c            # / 노드
print("a = -x       =", round(a, 4))
print("b = exp(a)   =", round(b, 4))
print("c = 1 + b    =", round(c, 4))
print("y = 1 / c    =", round(y, 4))
assert a == -1 and round(b, 4) == 0.3679 and round(c, 4) == 1.3679 and round(y, 4) == 0.7311

# %% [markdown]
# 이제 오른쪽에서 왼쪽으로, 한 단계에 노드 하나씩 역전파합니다.
#
# **1단계: `/` 노드.** 이 노드는 $y = 1/c$를 계산하며, 그 국소적 미분은 다음과 같습니다.
#
# $$\frac{\partial y}{\partial c} = -\frac{1}{c^2} = -\Big(\frac{1}{c}\Big)^2 = -y^2 .$$
#
# 따라서 상류 값에 $-y^2$를 곱합니다: $1 \cdot (-0.7311^2) = -0.5344$. 이 국소적 미분은
# 노드 자신의 순전파 **출력** $y$로 쓸 수 있습니다. 이 점을 기억해 두세요.
#
# > **흔한 실수: 마이너스 부호 빠뜨리기.** 한 학습 노트는 이 단계를
# > $\frac{\partial y}{\partial x} = \frac{1}{x^2}$로 적고는, 바로 다음 줄에서
# > $= -y^2$라고 씁니다. 두 번째 식이 맞습니다. 첫 번째 식은 $1/x$의 미분에서 부호를
# > 잃어버렸습니다. 역수는 입력이 커질수록 *작아지므로* 기울기가 음수여야 합니다. 부호가
# > 빠진 채로 그래프를 따라가면 최종 기울기가 $-y(1-y)$로 뒤집혀, 시그모이드가 올라가는
# > 곳에서 내려가는 것처럼 보이게 됩니다. 셀에서 이 부호를 중심 차분과 비교해 확인합니다.
#
# **2단계: `+` 노드.** 국소적 미분이 1이므로 상류 값을 그대로 전달합니다(3장). 다시
# $-0.5344$입니다. (상수 1 쪽으로도 같은 값이 가지만 아무도 쓰지 않습니다.)

# %%
dy = 1.0                              # 상류: dL/dy
dc = dy * (-y ** 2)                   # 1단계: '/' 노드
db_ = dc * 1                          # 2단계: '+' 노드
print("1단계, '/' 노드: dL/dc =", round(dc, 4))
print("2단계, '+' 노드: dL/db =", round(db_, 4))
assert round(dc, 4) == -0.5344 and db_ == dc

reciprocal_slope = (1 / (c + h) - 1 / (c - h)) / (2 * h)
print("c = 1.3679에서 1/c의 중심 차분:", round(reciprocal_slope, 4),
      "   -y**2:", round(-y ** 2, 4), "   1/c**2:", round(1 / c ** 2, 4))
assert np.isclose(reciprocal_slope, -y ** 2) and not np.isclose(reciprocal_slope, 1 / c ** 2)

# %% [markdown]
# **3단계: `exp` 노드.** 이 노드는 $b = \exp(a)$를 계산하고, 그 미분은 $\exp(a)$
# 자신입니다. 그래프에서 $\exp(a) = \exp(-x)$는 바로 이 노드가 순전파 때 내보낸 값이므로,
# 역전파는 노드 자신의 순전파 출력을 곱합니다: $-0.5344 \times 0.3679 = -0.1966$.
#
# **4단계: `×` 노드.** 이 노드는 $a = x \cdot (-1)$을 계산합니다. 곱셈 노드는 상류 값에
# *다른 쪽* 입력을 곱하는데(3장), 여기서는 그것이 상수 $-1$입니다:
# $-0.1966 \times (-1) = 0.1966$. (한 학습 노트는 이 단계의 제목에 `exp` 식을 한 번 더
# 적었는데, 복사해 붙이다 생긴 실수입니다. 이 단계는 곱셈 노드입니다.)
#
# 이것이 $x = 1$에서의 $\frac{\partial L}{\partial x}$, 곧 **0.1966**입니다. 기호로 쓰면,
# 지나오면서 모은 네 인수는 다음과 같습니다.
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}\cdot(-y^2)\cdot 1 \cdot
#   \exp(-x)\cdot(-1) = \frac{\partial L}{\partial y}\, y^2 \exp(-x).$$

# %%
da_ = db_ * b                         # 3단계: exp 노드는 자신의 출력 exp(-x)를 곱한다
dx = da_ * (-1)                       # 4단계: × 노드는 다른 입력 -1을 곱한다
print("3단계, 'exp' 노드: dL/da =", round(da_, 4))
print("4단계, '×' 노드:   dL/dx =", round(dx, 4))
assert round(da_, 4) == -0.1966 and round(dx, 4) == 0.1966

def sigmoid_formula(x):
    return 1 / (1 + np.exp(-x))

numeric = (sigmoid_formula(x + h) - sigmoid_formula(x - h)) / (2 * h)
print("x = 1에서 시그모이드의 중심 차분:", round(numeric, 4))
assert np.isclose(dx, numeric, rtol=1e-7)

# %% [markdown]
# 그림은 네 단계를 그래프 전체에서 다시 보여 줍니다. 각 줄은 순전파 값이 에지 위에 적힌
# 같은 그래프이고, 빨간 역전파 값이 한 줄에 노드 하나씩 오른쪽부터 채워집니다. 상수 $-1$과
# $1$은 아래에서 들어오며, 이들의 역전파 값은 그리지 않았습니다.

# %%
def fmt(v):
    return f"{v:.4f}".replace("-", "−")

sig_nodes = {"x": (0, 0, "x"), "mul": (1.9, 0, "×"), "m1": (1.9, -1.0, "−1"),
             "exp": (3.8, 0, "exp"), "add": (5.7, 0, "+"), "one": (5.7, -1.0, "1"),
             "div": (7.6, 0, "/"), "y": (9.4, 0, "y")}
backward_so_far = [[dc, None, None, None], [dc, db_, None, None],
                   [dc, db_, da_, None], [dc, db_, da_, dx]]
titles = ["Step 1: '/' multiplies 1 by −y² = −0.5344",
          "Step 2: '+' passes −0.5344 on unchanged",
          "Step 3: 'exp' multiplies by its output exp(−1) = 0.3679",
          "Step 4: '×' multiplies by the constant −1: ∂L/∂x = 0.1966"]
fig, axes = plt.subplots(4, 1, figsize=(10, 10))
for ax, (d_c, d_b, d_a, d_x), title in zip(axes, backward_so_far, titles):
    labels = [None if v is None else fmt(v) for v in (d_c, d_b, d_a, d_x)]
    draw_graph(sig_nodes,
               [("x", "mul", "1", labels[3]), ("m1", "mul", None, None),
                ("mul", "exp", "−1", labels[2]), ("exp", "add", fmt(b), labels[1]),
                ("one", "add", None, None), ("add", "div", fmt(c), labels[0]),
                ("div", "y", fmt(y), 1)],
               plain=["x", "m1", "one", "y"], ax=ax, title=title)
fig.suptitle("Sigmoid graph at x = 1, upstream ∂L/∂y = 1: backward, node by node", fontsize=14)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 8 · 간소화: 시그모이드 노드 하나로
#
# 네 단계에서 모은 결과는 $\frac{\partial L}{\partial y}\, y^2 \exp(-x)$입니다. $y^2$를
# 풀어 쓰고 두 인수로 나눕니다.
#
# $$\frac{\partial L}{\partial y}\, y^2 \exp(-x)
#   = \frac{\partial L}{\partial y}\,\frac{1}{\big(1+\exp(-x)\big)^2}\,\exp(-x)
#   = \frac{\partial L}{\partial y}\,\frac{1}{1+\exp(-x)}\cdot\frac{\exp(-x)}{1+\exp(-x)} .$$
#
# 첫 번째 인수는 $y$입니다. 두 번째 인수는 분자에 1을 더하고 빼서 정리합니다.
#
# $$\frac{\exp(-x)}{1+\exp(-x)} = \frac{\big(1+\exp(-x)\big) - 1}{1+\exp(-x)} = 1 - \frac{1}{1+\exp(-x)} = 1 - y .$$
#
# 따라서 다음을 얻습니다.
#
# $$\boxed{\;\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}\, y\,(1-y)\;}$$
#
# $x = 1$에서는 $0.7311 \times (1 - 0.7311) = 0.7311 \times 0.2689 = 0.1966$으로, 네
# 단계를 거쳐 얻은 값과 같습니다. 아래 셀은 이 항등식을 한 점이 아니라 여러 점에서 확인한
# 다음, 하나로 묶은 노드를 그립니다.
#
# 이 결과 덕분에 네 노드를 시그모이드 노드 하나로 **묶을** 수 있습니다(책은 이것을
# `sigmoid`라는 이름의 상자로 그리고, 이 강의의 그림에서는 σ로 적습니다). 이제 안쪽은 신경
# 쓸 필요가 없고 입력과 출력만 중요합니다. 순전파에서는 $x$를 $y$로 보내고, 역전파에서는
# 상류 값에 $y(1-y)$를 곱합니다.

# %%
y_times = y * (1 - y)
print("x = 1에서 y (1 - y):", round(y_times, 4))
assert np.isclose(y_times, dx) and round(y_times, 4) == 0.1966

xs = np.linspace(-6, 6, 25)
ys = sigmoid_formula(xs)
assert np.allclose(ys ** 2 * np.exp(-xs), ys * (1 - ys))
print("y² exp(−x) == y (1 − y)가 모든 점에서 성립:", xs.size, "points")

fig, axes = plt.subplots(1, 2, figsize=(11, 2.0))
group_nodes = {"x": (0, 0, "x"), "sig": (2.8, 0, "σ"), "y": (5.0, 0, "y")}
draw_graph(group_nodes, [("x", "sig", "x", "∂L/∂y·y(1−y)"), ("sig", "y", "y", "∂L/∂y")],
           plain=["x", "y"], ax=axes[0], title="The sigmoid node, in symbols")
draw_graph(group_nodes, [("x", "sig", "1", fmt(dx)), ("sig", "y", fmt(y), 1)],
           plain=["x", "y"], ax=axes[1], title="At x = 1, upstream 1")
fig.suptitle("Four nodes grouped into one: backward multiplies by y(1 − y)", y=1.05)
plt.show()

# %% [markdown]
# **역전파에는 순전파의 출력만 있으면 됩니다.** $y(1-y)$에는 $x$가 들어 있지 않습니다.
# 그래서 계층은 순전파 동안 출력 $y$를 `self.out`에 저장하고, 역전파할 때는 입력도,
# `exp`를 한 번 더 계산할 필요도 없습니다. (ReLU는 마스크를, 3장의 곱셈 노드는 입력을
# 저장했습니다. 계층마다 자신의 국소적 미분을 이루는 재료를 정확히 저장하는 것입니다.)
# 계층은 다음과 같습니다.

# %%
class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / (1 + np.exp(-x))
        self.out = out                   # 역전파를 위해 저장
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.out) * self.out
        return dx

layer = Sigmoid()
print("x = 1의 forward 결과:", round(float(layer.forward(np.array([1.0]))[0]), 4),
      "  dout = 1의 backward 결과:", round(float(layer.backward(np.array([1.0]))[0]), 4))
assert np.isclose(layer.backward(np.array([1.0]))[0], dx)

error = check_layer(Sigmoid(), x=rng.standard_normal((3, 4)), dout=rng.standard_normal((3, 4)))
print("Sigmoid: backward와 중심 차분이 1e-8 이내로 일치:", error < 1e-8)
assert error < 1e-8

# %% [markdown]
# `BookRelu`와 달리 이 `backward`는 새 배열을 만들므로(`dout * ...`은 새 결과입니다)
# 호출한 쪽의 `dout`을 절대 바꾸지 않습니다.
#
# > **흔한 실수: `return out`을 잊은 `forward`.** 한 학습 노트의 `Sigmoid`는 `self.out`을
# > 저장하고 거기서 끝납니다. `self.out`은 저장되었으니 `backward`는 오히려 제대로
# > 동작하지만, `forward`가 `None`을 반환하므로 오류는 한 계층 뒤, 원인에서 멀리 떨어진
# > 곳에서 나타납니다. 3장의 `MulLayer` 버그와 똑같습니다.

# %%
class NoReturnSigmoid(Sigmoid):
    def forward(self, x):                # 노트에서처럼 return이 없다
        out = 1 / (1 + np.exp(-x))
        self.out = out

result = NoReturnSigmoid().forward(np.array([1.0, -0.5]))
print("forward의 반환값:", result)
try:
    Relu().forward(result)               # 다음 계층이 None을 받는다
except TypeError as error:
    print("'다음' 계층에서 난 TypeError:", error)
assert result is None

# %% [markdown]
# ## 9 · 세 활성화 함수와 그 미분 나란히 보기
#
# *선택: 곁가지입니다. 처음 읽을 때는 건너뛰어도 되며, 실습은 이 절과 상관없습니다.*
#
# 그림의 위쪽 줄에는 ReLU, 시그모이드, 그리고 세 번째 함수인 tanh(다음 절)를, 아래쪽
# 줄에는 그 미분을 그렸습니다. 미분 곡선은 식을 따로 입력해 그린 것이 아닙니다. 모든
# 원소가 1인 `dout`을 넣은 계층의 `backward(dout)` **그 자체**이므로, 각 곡선은
# $1 \cdot f'(x)$입니다. 곡선 위의 점은 $x = -4.5, -3.5, \dots, 4.5$에서 구한 중심
# 차분입니다.
#
# 그림에서 읽어 낼 것은 다음과 같습니다.
#
# * ReLU의 미분은 0에서 1로 뜁니다. 색을 채운 점은 $x = 0$에서 이 강좌가 쓰는 값 0을, 속이
#   빈 동그라미는 그 점에서 취하지 *않는* 값을 나타냅니다.
# * 시그모이드의 기울기는 최대 **0.25**이며($y = 0.5$가 되는 $x = 0$에서), 양쪽으로 갈수록
#   0에 가까워집니다. 기울기는 시그모이드 계층을 하나 지날 때마다 적어도 4분의 1로
#   줄어듭니다. 깊은 신경망이 ReLU를 선호하는 이유 중 하나입니다.
# * tanh는 시그모이드를 $(-1, 1)$로 늘여 놓은 모양이며, 0에서의 기울기는 **1**입니다.

# %%
class Tanh:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out ** 2)

grid = np.linspace(-5, 5, 401)
dots = np.arange(-4.5, 5, 1.0)
fig, axes = plt.subplots(2, 3, figsize=(11, 5.5), sharex=True)
for col, (name, Layer) in enumerate([("ReLU", Relu), ("Sigmoid", Sigmoid), ("Tanh", Tanh)]):
    layer = Layer()
    axes[0, col].plot(grid, layer.forward(grid), color="tab:blue")
    axes[0, col].set_title(f"{name}: y = f(x)")
    left, right = grid[grid < 0], grid[grid > 0]
    if Layer is Relu:                    # 0에서 값이 뛰는 모습을 있는 그대로 그린다
        layer.forward(grid)
        slope = layer.backward(np.ones_like(grid))
        axes[1, col].plot(left, slope[grid < 0], color="tab:red")
        axes[1, col].plot(right, slope[grid > 0], color="tab:red")
        axes[1, col].plot([0], [0], "o", color="tab:red")
        axes[1, col].plot([0], [1], "o", mfc="white", color="tab:red")
    else:
        layer.forward(grid)
        axes[1, col].plot(grid, layer.backward(np.ones_like(grid)), color="tab:red")
    numeric = numerical_gradient(lambda v: np.sum(Layer().forward(v)), dots.copy())
    axes[1, col].plot(dots, numeric, "k.", label="central difference")
    axes[1, col].set_title(f"{name}: dy/dx from backward")
    axes[1, col].set_xlabel("x")
    for ax in axes[:, col]:
        ax.axhline(0, color="gray", lw=0.5)
        ax.axvline(0, color="gray", lw=0.5)
axes[1, 0].legend(loc="center left")
fig.suptitle("Activation functions (top) and their derivatives (bottom)")
plt.tight_layout()
plt.show()

sigmoid_layer, tanh_layer = Sigmoid(), Tanh()
sigmoid_layer.forward(np.array([0.0]))
tanh_layer.forward(np.array([0.0]))
print("0에서의 기울기: sigmoid", sigmoid_layer.backward(np.array([1.0]))[0],
      "  tanh", tanh_layer.backward(np.array([1.0]))[0])
assert sigmoid_layer.backward(np.array([1.0]))[0] == 0.25
assert tanh_layer.backward(np.array([1.0]))[0] == 1.0
sigmoid_layer.forward(grid)
assert np.max(sigmoid_layer.backward(np.ones_like(grid))) == 0.25

# %% [markdown]
# ## 10 · 확장: Tanh (쌍곡탄젠트)
#
# **쌍곡탄젠트**(hyperbolic tangent)는 다음과 같습니다.
#
# $$y = \tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)}, \qquad
#   \frac{\partial y}{\partial x} = 1 - y^2 .$$
#
# 시그모이드처럼 그 미분도 **출력**만으로 쓸 수 있으므로, 앞에서 본 `Tanh` 클래스는
# `Sigmoid`와 모양이 같습니다. `self.out`을 저장하고, `dout`에 $1 - y^2$를 곱합니다.
#
# **시그모이드와의 관계.** $\tanh(x)$의 분자와 분모에 $\exp(-x)$를 곱하면
# $\tanh(x) = 2\,\sigma(2x) - 1$을 얻습니다. 여기서 $\sigma$는 시그모이드입니다. 즉 tanh는
# 시그모이드를 세로로 $(-1, 1)$까지 늘이고 가로로 2배 압축한 것입니다. 미분도 시그모이드의
# 미분에서 바로 나옵니다. $s = \sigma(2x)$라 하면 연쇄법칙에 따라
#
# $$\frac{d}{dx}\big(2\sigma(2x) - 1\big) = 2 \cdot s(1-s) \cdot 2 = 4s(1-s),$$
#
# 이고, $y = 2s - 1$, 즉 $s = \frac{1+y}{2}$이고 $1 - s = \frac{1-y}{2}$이므로
# $4 \cdot \frac{1+y}{2}\cdot\frac{1-y}{2} = (1+y)(1-y) = 1 - y^2$입니다. 같은 관계를
# 거꾸로 읽은 $\sigma(x) = \frac{1}{2}\big(1 + \tanh(x/2)\big)$는 다음 절에서 쓸모가
# 있습니다. 셀은 두 관계를 모두 확인하고, `Tanh.backward`를 중심 차분과 비교합니다.

# %%
xs = np.linspace(-4, 4, 33)
assert np.allclose(np.tanh(xs), 2 * sigmoid_formula(2 * xs) - 1)
assert np.allclose(sigmoid_formula(xs), 0.5 * (1 + np.tanh(xs / 2)))
s = sigmoid_formula(2 * xs)
assert np.allclose(4 * s * (1 - s), 1 - np.tanh(xs) ** 2)
print("tanh(x) = 2σ(2x) − 1과 σ(x) = (1 + tanh(x/2)) / 2가 모든 점에서 성립:", xs.size, "points")

error = check_layer(Tanh(), x=rng.standard_normal((3, 4)), dout=rng.standard_normal((3, 4)))
print("Tanh: backward와 중심 차분이 1e-8 이내로 일치:", error < 1e-8)
assert error < 1e-8

# %% [markdown]
# ## 11 · 수치적으로 안정한 시그모이드
#
# 책의 식은 $\exp(-x)$를 계산합니다. $x = -1000$이면 이것은 $\exp(1000)$으로,
# 배정밀도(float64)로 나타낼 수 있는 가장 큰 수(약 $1.8 \times 10^{308}$로, $x = -709.8$
# 근처에서 이 한계에 이릅니다)를 훨씬 넘어섭니다. 넘파이는 `inf`를 반환하고
# **오버플로**(overflow) 경고 `RuntimeWarning`을 냅니다. 최종 값은
# $1/(1 + \infty) = 0$으로 여전히 맞습니다. 하지만 경고는 진짜 문제를 가릴 수 있는
# 잡음이고, `np.seterr(over="raise")` 설정에서는 오류가 되며, 실무에서 흔히 쓰는
# 단정밀도(float32)에서는 이미 $x = -88.7$ 근처에서 오버플로가 시작됩니다.
#
# 아래 셀의 도우미 함수 `show_warnings`는 계산을 실행하고, 그 계산이 낸 경고를
# 출력합니다(경고의 종류와 메시지만 출력하므로 어느 컴퓨터에서나 출력이 같습니다). 이
# 함수로 책의 식과 대안 세 가지를 $x = -1000, -1, 0, 1, 1000$에서 실행합니다.
#
# **그럴듯하지만 통하지 않는 해결책.** $x < 0$에서는 시그모이드를
# $\frac{\exp(x)}{1 + \exp(x)}$로 쓸 수도 있고(분자와 분모에 $\exp(x)$를 곱합니다), 그
# 범위에서는 이 식이 오버플로를 내지 않습니다. 그렇다면 `np.where`로 원소마다 안전한 식을
# 고르면 되지 않을까요?
#
# ```python
# np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
# ```
#
# 안 됩니다. `np.where`는 평범한 함수라서, 고르기 전에 두 인수를 **모든 원소에 대해** 다
# 계산합니다. 그래서 두 오버플로가 여전히 일어납니다. 해결책은 오버플로가 날 수 없는 지수
# $z = \exp(-|x|) \le 1$만 계산하고, 두 경우를 모두 $z$로 만드는 것입니다.
#
# $$\sigma(x) = \begin{cases} \dfrac{1}{1 + z} & (x \ge 0) \\[2mm] \dfrac{z}{1 + z} & (x < 0) \end{cases}
#   \qquad z = \exp(-|x|).$$
#
# 두 번째 방법은 10절의 tanh 관계 $\sigma(x) = \frac{1}{2}\big(1 + \tanh(x/2)\big)$를 쓰는
# 것입니다. `np.tanh`는 오버플로를 내지 않습니다.

# %%
def show_warnings(compute):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compute()
    for w in caught:
        print(f"  {w.category.__name__}: {w.message}")
    if not caught:
        print("  경고 없음")
    return result

extreme = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
print("책의 식:")
book = show_warnings(lambda: 1 / (1 + np.exp(-extreme)))
print("  결과:", np.round(book, 4))
assert book[0] == 0.0 and book[-1] == 1.0

def sigmoid_where_naive(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))

def sigmoid_stable(x):
    z = np.exp(-np.abs(x))                     # 언제나 (0, 1] 안: 오버플로 없음
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))

def sigmoid_tanh(x):
    return 0.5 * (1 + np.tanh(0.5 * x))

for name, f in [("단순한 np.where", sigmoid_where_naive), ("안정한 np.where", sigmoid_stable),
                ("tanh 이용", sigmoid_tanh)]:
    print(name + ":")
    result = show_warnings(lambda: f(extreme))
    print("  결과:", np.round(result, 4))
    assert np.allclose(result, [0, 0.2689, 0.5, 0.7311, 1], atol=1e-4)

# %% [markdown]
# **결과가 달라질까요?** 책의 식이 오버플로를 내지 않는 구간 $[-700, 700]$에서 두 안정한
# 버전을 책의 식과 비교해 봅시다. `np.where` 버전은 절대 차이로도, 값에 대한 상대 차이로도
# 마지막 자릿수 몇 단위 이내에서 일치합니다. tanh 버전은 절대 차이로 약
# $2 \times 10^{-16}$ 이내에서 일치하지만, $x$가 아주 큰 음수이면 아주 작은 출력(예:
# $\sigma(-40) \approx 4 \times 10^{-18}$)을 0으로 반올림합니다. 배정밀도에서
# $1 + \tanh(-20)$은 $1 - 1$이 되기 때문입니다. 학습에는 아무 차이가 없습니다. 어느 쪽이든
# 기울기 $y(1-y)$가 그만큼 작기 때문입니다.
#
# 그리고 `backward`는 전혀 바뀌지 않습니다. 출력 $y$가 어떻게 계산되었든, 저장된 $y$만
# 쓰기 때문입니다. 그러니 안정한 시그모이드는 `forward`의 한 줄만 바꾸면 됩니다. 간소화한
# $y(1-y)$로 역전파해야 하는 이유가 여기서 하나 더 생깁니다. 7절의 간소화하지 않은
# $y^2\exp(-x)$는 $x = -1000$에서 $\exp(1000) = \infty$가 필요하고, $0 \cdot \infty$는
# `nan`, 즉 "숫자가 아님"이 되어 그 뒤의 모든 기울기로 퍼져 나갑니다. 셀의 마지막 부분이
# 이것을 보여 줍니다.

# %%
xs = np.linspace(-700, 700, 14001)
book = 1 / (1 + np.exp(-xs))
stable, via_tanh = sigmoid_stable(xs), sigmoid_tanh(xs)
stable_rel = np.max(np.abs(stable - book) / book)
tanh_abs = np.max(np.abs(via_tanh - book))
print("안정한 np.where: 상대 차이가 1e-14 미만:", stable_rel < 1e-14)
print("tanh 이용:       절대 차이가 1e-15 미만:", tanh_abs < 1e-15)
assert stable_rel < 1e-14 and tanh_abs < 1e-15
print("sigma(-40): 책의 식", f"{1 / (1 + np.exp(40.0)):.2e}", "  tanh 이용", sigmoid_tanh(-40.0))
assert sigmoid_tanh(-40.0) == 0.0

class StableSigmoid(Sigmoid):
    def forward(self, x):
        self.out = sigmoid_stable(x)
        return self.out                     # backward는 그대로 상속된다

error = check_layer(StableSigmoid(), x=rng.standard_normal((3, 4)) * 5,
                    dout=rng.standard_normal((3, 4)))
print("StableSigmoid: backward와 중심 차분이 1e-8 이내로 일치:", error < 1e-8)
assert error < 1e-8

layer = StableSigmoid()
y_extreme = layer.forward(extreme)
print("x = -1000 ... 1000에서 backward y(1 - y):", np.round(layer.backward(np.ones(5)), 4))
print("간소화하지 않은 y² exp(-x):")
unsimplified = show_warnings(lambda: y_extreme ** 2 * np.exp(-extreme))
print("  결과:", np.round(unsimplified, 4))
assert np.isnan(unsimplified[0]) and np.all(np.isfinite(layer.backward(np.ones(5))))

# %% [markdown]
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 활성화 함수 | activation function | 가중합 뒤에 원소별로 적용하는 함수. 예: ReLU, 시그모이드, tanh |
# | 계층 | layer | `forward()`와 `backward()`를 갖춘 클래스로 구현한 노드 |
# | 원소별 | element-wise | 배열의 각 원소에 따로따로 적용함. 출력 형상 = 입력 형상 |
# | 순전파 / 역전파 | forward / backward propagation | 왼쪽에서 오른쪽으로 계산하기 / 오른쪽에서 왼쪽으로 미분을 전달하기 |
# | 상류 / 하류 | upstream / downstream | 출력 쪽 / 입력 쪽. `dout`은 상류에서 온다 |
# | 국소적 미분 | local derivative | 노드 하나의 미분 $f'(x)$. 상류 값에 곱해진다 |
# | 연쇄법칙 | chain rule | 합성 함수의 미분은 국소적 미분들의 곱이다 |
# | ReLU 계층 | ReLU | $x > 0$이면 $y = x$, 아니면 0. 역전파는 $x > 0$인 곳에서 `dout`을 통과시키고 나머지는 0을 보낸다 |
# | 마스크 | mask | 순전파 입력이 $\le 0$이었던 곳에서 `True`인 불리언 배열 |
# | 스위치 | switch | ReLU의 비유. 켜지면(ON) 역전파 값을 그대로 통과시키고, 꺼지면(OFF) 0을 보낸다 |
# | 시그모이드 함수 | sigmoid function | $y = 1/(1+\exp(-x))$. 역전파는 $y(1-y)$를 곱한다 |
# | 쌍곡탄젠트 | hyperbolic tangent | $y = \tanh(x) = 2\sigma(2x) - 1$. 역전파는 $1 - y^2$를 곱한다 |
# | 인스턴스 변수 | instance variable | 역전파를 위해 계층에 보관해 두는 값(`self.mask`, `self.out`) |
# | 수치 미분 | numerical differentiation | $(f(x+h)-f(x-h))/2h$로 미분을 추정하는 것. 여기서는 $h = 10^{-4}$ |
# | 오버플로 | overflow | 결과가 수 형식에 담기에 너무 큰 것. 넘파이는 `inf`와 경고를 낸다 |
# | 오차역전파법 | backpropagation | 국소적 미분을 거꾸로 한 번 훑어 모든 기울기를 계산하는 방법 |
#
# ## 다음 장에서는
#
# **실습:** `ko/labs/ch04_activation_layers.ipynb`. `Relu`,
# `Sigmoid`, `Tanh`를 직접 작성한 다음, 네 번째 활성화 계층인 `Softplus`를 작성합니다.
# `Softplus`의 역전파는 7절에서 시그모이드에 대해 한 것처럼, 그 그래프를 노드 하나씩
# 따라가며 여러분이 직접 유도합니다. 숨은 검사는 여러분의 `backward`를 무작위 배열에서
# 수치 미분과 비교하고, `dout`과 `x`가 바뀌지 않은 채 돌아오는지(6절), 역전파가 *가장
# 최근* 순전파 호출의 상태를 쓰는지, ±1000 입력에서 NaN 없이 유한한 결과가 나오는지(11절)
# 확인합니다.
#
# **다음 강의:** `ch05_affine`에서는 **Affine 계층**(§5.6.1–5.6.2)을 다룹니다. 모든 활성화
# 계층 앞에 놓이는 가중합 $Y = X \cdot W + B$입니다. 입력이 행렬이므로 역전파에는 원소별
# 곱 이상이 필요합니다.
# $\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \cdot W^{\mathsf T}$이고,
# 편향의 기울기는 배치 방향으로 합해서 구합니다.
