# %% [markdown]
# # 실습 7 · 오차역전파법으로 학습하는 2층 신경망
#
# *밑바닥부터 시작하는 딥러닝* §5.7에 §4.5의 학습 반복문을 더한 실습입니다. 강의:
# `ko/notebooks/ch07_two_layer_net.ipynb`.
#
# 실습 4~6에서 만든 계층들이 이제 손글씨 숫자(MNIST)를 읽도록 학습하는 신경망이 됩니다.
# 신경망 학습의 전체 그림은 다음 단계를 여러 번 되풀이하는 것입니다.
#
# 1. **미니배치**: 훈련 데이터에서 샘플 몇 개를 무작위로 뽑습니다.
# 2. **기울기 산출**: 그 미니배치의 손실을 모든 가중치와 편향에 대해 미분한 기울기를
#    구합니다. 순전파를 한 다음 역전파를 합니다.
# 3. **매개변수 갱신**: 모든 매개변수를 기울기의 반대 방향으로 조금씩 옮깁니다.
# 4. **반복**.
#
# 오차역전파법은 이 가운데 2단계를 빠르게 해냅니다. 여러분이 작성할 것은 다음과 같습니다.
#
# 0. 실습 4~6에서 만든 계층: 첫 번째 답안 셀에 붙여 넣습니다. (점수 없음: 실습 4~6에서 이미 채점했고, 여기서는 가져다 쓰기만 합니다)
# 1. `TwoLayerNet.gradient` — 2단계: 순전파를 한 다음, 계층을 역순으로 거슬러 가며 역전파합니다. (4점)
# 2. `sgd_step` — 3단계: 경사 하강법 한 걸음. 매개변수를 제자리에서 바꿉니다. (2점)
# 3. `train` — 1~4단계: 미니배치를 쓰는 학습 반복문. (3점)
# 4. `gradient_check` — 계층 하나를 검사하는 기울기 확인을 직접 만듭니다: 간격, 꺾이는 점,
#    상대 오차, 그리고 판정. (3점)
# 5. `TwoLayerNetWithDecay` — 직접 유도하기: 가중치 감소를 적용한 신경망. 가중치에 벌칙항을
#    더한 손실과, 어느 강의에서도 적어 주지 않는 그 기울기를 구합니다. (3점)
#
# **이 실습의 진행 방식.** 셀을 위에서 아래로 차례대로 실행하세요. 코드는 `YOUR CODE HERE`라고
# 적힌 곳에 작성합니다(`raise NotImplementedError()` 줄은 지웁니다). 각 답안 다음의 잠긴 셀은
# 작은 예제와 MNIST로 *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 더 많은 것을
# 시험합니다. 크기가 무작위인 작은 신경망(배치 크기 1 이상)에서 기울기를 수치 미분과
# 비교하고, 무작위 매개변수로 갱신을 확인하고, 모든 호출을 기록하는 신경망으로 여러분의
# 반복문을 돌려 봅니다. 또 시드를 고정한 짧은 MNIST 학습이 정해진 정확도에 이르는지, 여러분의
# 기울기 확인이 올바른 계층과 미묘하게 망가진 계층을 제대로 가려내는지, 세기가 무작위인 가중치
# 감소 신경망에서도 맞는지 봅니다. 검사에 실패하면 무엇이 틀렸는지, 기대한 값과 여러분이
# 반환한 값은 무엇인지, 가장 그럴듯한 원인은 무엇인지 알려 주고, 어디를 읽으면 되는지도
# 안내합니다.
#
# 형상 표기: **N**은 배치 크기, **D**는 입력의 수(MNIST는 픽셀 784개), **H**는 은닉층의 크기,
# **C**는 클래스 수(숫자 10개)입니다.

# %% nbgrader={"grade_id": "setup"}
from collections import OrderedDict

import matplotlib.pyplot as plt
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% nbgrader={"grade_id": "provided_mnist"}
# provided: mnist

# %% [markdown]
# ## 0 · 실습 4~6에서 만든 계층
#
# 신경망은 여러분이 작성한 계층으로 만듭니다: `Relu`(실습 4), `Affine`(실습 5), 그리고
# `softmax`, `cross_entropy_error`, `SoftmaxWithLoss`(실습 6). 아래 셀에 여러분의 코드를
# 붙여 넣으세요. 메서드의 본문만 채워 넣어도 되고, 여러분의 클래스와 함수 전체로 이 자리를
# 통째로 바꿔도 됩니다. 이 계층들은 **실습 4~6에서 이미 채점했습니다**. 이 셀에는 점수가 없고,
# 가져다 쓰기만 합니다. 그중 하나가 틀렸다면 뒤에 나오는 문제들의 검사가 어느 것이 왜
# 틀렸는지 알려 줍니다.
#
# 인터페이스는 실습 4~6과 마찬가지로 책을 따릅니다.
#
# * `Relu`: `forward(x)`, `backward(dout) -> dx`
# * `Affine(W, b)`: 받은 배열 `W`와 `b`를 복사하지 않고 그대로 보관합니다. `forward(x)`,
#   `backward(dout) -> dx`이며, `self.dW`와 `self.db`를 설정합니다.
# * `SoftmaxWithLoss`: `forward(x, t) -> loss`와 `backward(dout=1) -> dx`. 여기서 `t`는
#   `load_mnist(one_hot_label=True)`가 주는 대로 언제나 원-핫 형태입니다.
#
# **책의 코드를 그대로 입력한다면.** 이 실습은 책의 이름을 그대로 씁니다: 키가 `'W1'`, `'b1'`,
# `'W2'`, `'b2'`인 `self.params`, `self.layers`(`'Affine1'`, `'Relu1'`, `'Affine2'`를 담은
# `OrderedDict`), 그리고 `self.lastLayer`. 그러므로 책 §5.7.2의 `TwoLayerNet`(`two_layer_net.py`)은
# 고치지 않아도 만점을 받습니다. `dout`을 제자리에서 바꾸는 책의 `Relu.backward`도, `dout`을
# 무시하는 책의 `SoftmaxWithLoss.backward`도 이 신경망 안에서는 문제없습니다. 책과 다른 점은
# 이렇습니다. 책은 매개변수를 스크립트(`train_neuralnet.py`)에서 갱신하지만, 여기서는 갱신을
# `sgd_step` 함수(문제 2)가 맡고, `train`(문제 3)은 미니배치를 `np.random.choice`가 아니라
# 인자로 받은 난수 생성기 `rng`로 뽑습니다. 책에는 `gradient_check` 함수(문제 4)가 없습니다.
# 책 §5.7.3은 차이의 평균을 출력할 뿐 판정은 내리지 않습니다. 문제 5의 가중치 감소는 책
# §6.4.1의 내용이며, 책에서는 `MultiLayerNet`을 위해 작성되어 있습니다. 여기서는 여러분의
# `TwoLayerNet`의 하위 클래스로 만듭니다(둘이 어떻게 다른지는 문제 5에서 설명합니다).

# %% nbgrader={"grade_id": "layers", "solution": true}
def softmax(x):
    """점수 x의 소프트맥스를 행마다 계산: x (N, C) 또는 (C,) -> x와 형상이 같은 확률 (실습 6)."""
    ### BEGIN SOLUTION
    ### END SOLUTION


def cross_entropy_error(y, t):
    """배치의 평균 교차 엔트로피 오차. log 안에 delta = 1e-7을 더합니다 (실습 6).

    y: (N, C) 또는 (C,) 확률; t: y와 형상이 같은 원-핫 레이블, 또는 정수 레이블.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


class Relu:
    """ReLU 계층 (실습 4): forward(x) -> out, backward(dout) -> dx; self.mask: x <= 0인 곳에서 True."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


class Affine:
    """Affine 계층 (실습 5): out = x·W + b; backward는 self.dW (D, M)와 self.db (M,)를 설정합니다."""

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


class SoftmaxWithLoss:
    """소프트맥스 + 교차 엔트로피 오차 (실습 6): forward(x, t) -> loss; backward(dout=1) -> dx."""

    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout=1):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% [markdown]
# ## 1 · 오차역전파법으로 구하는 신경망의 기울기
#
# `TwoLayerNet`은 책 §5.7.2의 신경망입니다: Affine → Relu → Affine, 그다음 Softmax-with-Loss.
# `gradient`를 뺀 나머지는 모두 주어져 있습니다.
#
# * `params`: 매개변수를 담은 딕셔너리. `W1` (D, H), `b1` (H,), `W2` (H, C), `b2` (C,)
# * `layers`: 계층을 **순전파 순서대로** 담은 `OrderedDict`(순서가 있는 딕셔너리):
#   `Affine1`, `Relu1`, `Affine2`. Affine 계층은 `params`의 배열 자체를 받으므로, 계층과
#   `params`는 매개변수마다 배열 하나를 함께 씁니다.
# * `lastLayer`: `SoftmaxWithLoss` 계층(책에서 쓰는 이름)
# * `predict(x)`: `layers`를 따라 순전파해서 얻은 점수; `loss(x, t)`: `predict` 다음에
#   `lastLayer.forward`; `accuracy(x, t)`: 가장 큰 점수가 정답 클래스인 샘플의 비율
# * `numerical_gradient(x, t)`: `gradient`와 같은 딕셔너리를 중심 차분으로 구합니다(느립니다:
#   매개변수 하나하나마다 손실을 두 번씩 계산합니다).
#
# `gradient(x, t)`를 작성하세요. 이 메서드는 키가 `W1`, `b1`, `W2`, `b2`인 딕셔너리를
# 반환합니다. 각 값은 그 매개변수에 대한 손실의 기울기로, 형상은 매개변수와 같고, 위의 계층들을
# 거치는 오차역전파법으로 계산합니다: 순전파 한 번, 그다음 역전파 한 번. 강의 7
# (ch07_two_layer_net.ipynb)의 “4 · `TwoLayerNet`: 계층을 순서대로” 절이 바로 이 메서드를
# 만들면서 단계마다 왜 필요한지 설명합니다. 작성하기 전에 스스로 답해 보세요. 어떤 `backward`보다
# 먼저 무엇을 실행해야 할까요? 마지막 계층에는 어떤 `dout`이 들어갈까요? `self.layers`의
# 계층들은 어떤 순서로 거쳐 갈까요?

# %% nbgrader={"grade_id": "gradient", "solution": true}
class TwoLayerNet:
    """Affine → Relu → Affine → SoftmaxWithLoss (책의 §5.7.2).

    x: (N, D) 입력; t: (N, C) 원-핫 레이블; params: W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

        self.layers = OrderedDict()        # 순전파 순서대로
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()  # 책에서 손실 계층에 붙인 이름

    def predict(self, x):
        """점수 (N, C): 계층들을 따라 순전파합니다. 소프트맥스는 거치지 않습니다."""
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """배치의 손실: 마지막 계층까지 모든 계층을 따라 순전파합니다."""
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t):
        """가장 큰 점수가 정답 클래스인 샘플의 비율."""
        predicted = np.argmax(self.predict(x), axis=1)
        labels = t if t.ndim == 1 else np.argmax(t, axis=1)
        return float(np.mean(predicted == labels))

    def numerical_gradient(self, x, t):
        """중심 차분으로 구한 기울기(느림): gradient와 같은 형태의 딕셔너리."""
        loss_W = lambda W: self.loss(x, t)   # 매개변수는 계층을 통해 읽습니다
        grads = {}
        for key in ("W1", "b1", "W2", "b2"):
            grads[key] = numerical_gradient(loss_W, self.params[key])
        return grads

    def gradient(self, x, t):
        """오차역전파법으로 구한 기울기: {'W1': (D, H), 'b1': (H,), 'W2': (H, C), 'b2': (C,)}."""
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% [markdown]
# ### 기울기 확인
#
# 수치 미분은 느리지만 단순해서 틀리기 어렵고, 역전파는 빠르지만 틀리기 쉽습니다. **기울기
# 확인**은 작은 신경망에서 둘을 비교합니다(§5.7.3). 매개변수마다 이 강좌에서 쓰는 **상대
# 오차**를 출력합니다. 강의 7의 “6 · 기울기 확인” 절에서 정의한 바로 그 상대 오차입니다.
#
# $$\text{relative error} = \frac{\lVert g^{\text{backprop}} - g^{\text{numerical}}\rVert}
#   {\max(\lVert g^{\text{backprop}}\rVert,\ \lVert g^{\text{numerical}}\rVert)}$$
#
# 여기서 $\lVert\cdot\rVert$는 배열 전체의 제곱합의 제곱근입니다(두 기울기가 모두 0이면
# 상대 오차도 0입니다). 상대 오차가 **1e-4** 미만이면(배정밀도 float64에서) 통과입니다. 크기에
# 따라 의미하는 바는 다음과 같습니다.
#
# * **1e-10 정도**: 정확하게 계산한 손실에 대해 역전파가 올바른 경우입니다. 남는 것은 반올림
#   오차를 간격으로 나눈 값뿐입니다.
# * **1e-7~1e-6 정도**: 책의 손실에 대해 역전파가 올바른 경우입니다. `cross_entropy_error`는
#   $y + 10^{-7}$의 로그를 취하지만, 역전파는 $-\log y$의 정확한 기울기를 돌려줍니다. 둘의
#   차이는 약 $10^{-7}/y_{\text{true}}$이므로, 정답 클래스의 확률이 0.1이면(아직 학습하지 않은
#   신경망) $10^{-6}$, 1에 가까우면 $10^{-7}$입니다. 이것은 괜찮습니다. 살짝 어긋난 쪽은
#   여러분의 역전파가 아니라 손실입니다.
# * **1e-4~1e-2**: float64에서라면 이것도 의심스럽습니다. 올바른 신경망이 이 범위에 드는 것은
#   수치 미분 쪽이 어긋날 때뿐입니다. ReLU의 입력이 0에 있는 꺾이는 점에서 간격 하나 이내에 있거나,
#   배열이 단정밀도(float32)인 경우입니다.
# * **1e-2 이상**: 식이 틀렸습니다. 이 강좌의 바탕이 된 한 학습 노트는 `b2`의 평균 차이로
#   0.067을 출력했지만 원인을 찾지 못했고, 그 신경망의 정확도는 10 % 근처에 머물렀습니다(아래
#   디버깅 클리닉 참고).
#
# 예제 신경망: 입력 4개, 은닉 뉴런 5개, 클래스 3개, 배치 크기 3.

# %% nbgrader={"grade_id": "examples"}
def relative_error(a, b):
    """이 강좌의 상대 오차: 배열 전체에 걸친 ‖a − b‖ / max(‖a‖, ‖b‖) (둘 다 0이면 0)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


THRESHOLD = 1e-4      # 상대 오차가 이보다 작으면(float64에서) 역전파가 맞는다는 뜻


def small_network():
    """매개변수가 고정된 TwoLayerNet(4, 5, 3). 매개변수는 params의 배열에 제자리에서
    써 넣습니다(계층들이 이 배열을 함께 쓰기 때문입니다)."""
    net = TwoLayerNet(input_size=4, hidden_size=5, output_size=3)
    example_rng = np.random.default_rng(4)
    for key in ("W1", "b1", "W2", "b2"):
        net.params[key][...] = example_rng.normal(0.0, 0.5, net.params[key].shape)
    return net


x_small = np.array([[0.2, 0.9, 0.4, 0.1],
                    [0.7, 0.3, 0.8, 0.6],
                    [0.5, 0.1, 0.3, 0.9]])       # 샘플 3개의 배치, 샘플마다 입력 4개
t_small = np.array([[0.0, 1.0, 0.0],
                    [1.0, 0.0, 0.0],
                    [0.0, 0.0, 1.0]])            # 원-핫 레이블: 클래스 1, 0, 2

# %% nbgrader={"grade_id": "gradient_test", "grade": true, "points": 4}
checking("TwoLayerNet", see="강의 7 (ch07_two_layer_net.ipynb)의 “4 · `TwoLayerNet`: 계층을 순서대로” 절, 그다음 책의 §5.7.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
net = small_network()
grad_backprop = net.gradient(x_small, t_small)
grad_numerical = net.numerical_gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    if np.shape(grad_backprop[key]) != net.params[key].shape:
        raise CheckFailed(f"✗ grads['{key}']의 형상은 {np.shape(grad_backprop[key])}인데, {key}의 "
                          f"형상은 {net.params[key].shape}입니다.\n가장 그럴듯한 원인: 기울기는 자기 "
                          "매개변수와 형상이 같습니다. "
                          f"{key}의 기울기는 어느 계층이 갖고 있나요? (강의 7, 4절)")
print("✓ 모든 기울기가 자기 매개변수와 형상이 같습니다")
for key in ("W1", "b1", "W2", "b2"):
    check_close(f"{key}의 상대 오차", relative_error(grad_backprop[key],
                grad_numerical[key]), 0.0, atol=THRESHOLD,
                hint="역전파와 수치 미분이 일치하지 않습니다. 여러분의 gradient를 강의 7의 "
                "4절과 한 단계씩 비교하세요: 무엇을 먼저 실행하는지, 손실 계층의 backward에 "
                "무엇이 들어가는지, 계층을 어떤 순서로 거치는지, 어느 계층이 어느 기울기를 "
                "갖고 있는지. 모든 매개변수가 틀렸다면 붙여 넣은 계층을 확인하세요(행마다가 "
                "아니라 배치 전체에 걸쳐 계산한 소프트맥스)")

# %% [markdown]
# ### 디버깅 클리닉: 한 학습 노트의 신경망
#
# 한 학습 노트는 이 신경망을 학습시키면서, `np.max(x)`와 `np.sum(exp_x)`를 행마다가 아니라
# **배치 전체**에 걸쳐 계산하는 소프트맥스를 썼습니다(샘플 하나를 위한 §3.5의 코드를 배치에
# 그대로 쓴 것입니다). 오류 없이 실행되었지만, 정확도는 10 % 안팎에 머문 채 움직이지
# 않았습니다. 이 10 %는 무작위로 찍어서 나온 값이 아니었습니다. 가중치가 몇 번 반복할 때마다 열 배씩
# 커지다가 결국 오버플로를 일으켜 NaN(not a number, 숫자가 아닌 값)이 되었습니다. NaN으로
# 가득한 행에 `np.argmax`를 적용하면 0이 나오므로, 죽어 버린 신경망은 모든 이미지에 0이라고
# 답했고, 그 '정확도'는 데이터에서 숫자 0이 차지하는 비율(훈련 이미지의 0.0987, 시험 이미지의
# 0.098)이었습니다. 강의 7의 “9 · 디버깅 클리닉: 10 %에서 멈춘 정확도” 절에서 이 과정을
# 재현합니다. 그 노트의 기울기 확인은 이미 버그를 보여 주고 있었습니다. `b2`의 차이가
# 컸던 것입니다.
#
# 아래에서는 예제 신경망의 마지막 계층을 그 계층으로 바꿉니다. 손실은 여전히 숫자로 나오고
# `gradient`도 여전히 올바른 형상의 배열을 반환하지만, 기울기 확인을 해 보면 그 배열들이 그
# 손실의 기울기가 아님이 드러납니다. `SoftmaxWithLoss`의 역전파는 `y`가 행 단위로 계산한
# 소프트맥스일 때만 옳기 때문입니다. 기울기 확인은 무언가 틀렸다는 *사실*을 알려 주고,
# 매개변수별로, 계층별로 비교해 보면 *어디가* 틀렸는지 알 수 있습니다. (숨은 검사도 똑같이
# 합니다. 여러분이 붙여 넣은 계층을 하나씩 따로 시험하고, 틀린 계층의 이름을 알려 줍니다.
# 문제 4에서는 이렇게 계층 하나를 검사하는 함수를 여러분이 직접 작성합니다.)

# %%
class WholeBatchSoftmaxWithLoss(SoftmaxWithLoss):
    """그 학습 노트의 마지막 계층: 배치 전체에 걸쳐 정규화한 소프트맥스."""

    def forward(self, x, t):
        exp_x = np.exp(x - np.max(x))            # axis 없음: 배치 전체에서 최댓값 하나
        self.y = exp_x / np.sum(exp_x)           # 각 행이 아니라 배치 전체의 합이 1
        self.t = t
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


clinic = small_network()
clinic.lastLayer = WholeBatchSoftmaxWithLoss()
grad_backprop = clinic.gradient(x_small, t_small)
grad_numerical = clinic.numerical_gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    print(f"{key}: 상대 오차 {relative_error(grad_backprop[key], grad_numerical[key]):.3f}")

# %% [markdown]
# ## 2 · 갱신: 경사 하강법 한 걸음
#
# 기울기를 구했으면, 모든 매개변수를 손실이 가장 빠르게 줄어드는 방향으로 조금씩 옮깁니다
# (§4.4). 강의 7 (ch07_two_layer_net.ipynb)의 “1 · 신경망 학습의 전체 그림” 절에서 갱신 규칙을
# 적고, 매개변수가 하나뿐인 손실로 어느 부호를 써야 손실이 작아지는지 보여 줍니다. 한 걸음의
# 크기는 **학습률**이 정하며, 코드에서는 `lr`입니다. 이 갱신을 무작위로 뽑은 미니배치로 하는
# 것이 **확률적 경사 하강법**(SGD)입니다.
#
# `sgd_step(params, grads, lr)`를 작성하세요. `params`의 모든 배열을 키가 같은 기울기로
# 갱신합니다. 배열을 **제자리에서**(in place) 바꾸고, 아무것도 반환하지 않습니다.
#
# **왜 제자리에서 바꿔야 하나.** Affine 계층은 `params`의 배열을 복사본이 아니라 그대로
# 받았습니다. `self.layers['Affine1'].W`는 `self.params['W1']`과 *같은 객체*입니다. 제자리
# 연산(`-=` 같은 복합 대입 연산자, 또는 `out=`을 지정한 넘파이 함수)은 바로 그 배열 하나를
# 바꾸므로, 계층도 새 가중치를 보게 됩니다. 하지만 `params[key] = <식>`은 **새** 배열을
# 계산해서 딕셔너리에 넣습니다. 이제 딕셔너리는 새 배열을, 계층은 여전히 옛 배열을 가지고
# 있으므로 신경망은 전혀 바뀌지 않습니다. 계산도 되고 실행도 되지만, 학습은 되지 않습니다.

# %% nbgrader={"grade_id": "sgd_step", "solution": true}
def sgd_step(params, grads, lr):
    """경사 하강법 한 걸음(제자리에서): 각 params[key]를 −lr · grads[key]만큼 옮깁니다.

    params, grads: 키가 같은 딕셔너리('W1', 'b1', 'W2', 'b2'); 같은 키의 배열끼리 형상이 같습니다.
    lr: 학습률. params의 배열 자체를 바꾸며, 아무것도 반환하지 않습니다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "sgd_step_test", "grade": true, "points": 2}
checking("sgd_step", see="강의 7 (ch07_two_layer_net.ipynb)의 “1 · 신경망 학습의 전체 그림” 절, 그다음 책의 §4.4 (그리고 강의 4절의 그림 뒤에 나오는 흔한 실수)")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([0.5, 0.0]),
          "W2": np.array([[3.0], [-1.0]]), "b2": np.array([0.25])}
grads = {"W1": np.array([[0.5, -1.0]]), "b1": np.array([2.0, 0.0]),
         "W2": np.array([[-4.0], [1.0]]), "b2": np.array([0.5])}
layer = Affine(params["W1"], params["b1"])      # TwoLayerNet에서처럼 배열을 함께 씁니다
sgd_step(params, grads, lr=0.1)
check_close("lr = 0.1로 한 걸음 간 뒤의 params['W1']", params["W1"], [[0.95, -1.9]],
            hint="경사 하강법은 기울기 방향으로 갈까요, 그 반대로 갈까요? (강의 7, "
                 "1절의 매개변수 하나짜리 예)")
check_close("params['b1']", params["b1"], [0.3, 0.0], hint="편향까지 모든 매개변수를 갱신하세요")
check_close("params['W2']", params["W2"], [[3.4], [-1.1]])
check_close("params['b2']", params["b2"], [0.2])
check_close("layer.W, 즉 Affine 계층이 가진 배열", layer.W, [[0.95, -1.9]],
            hint="배열을 제자리에서 갱신하세요. params[key] = ...는 딕셔너리에 새 배열을 넣을 "
            "뿐이고, 계층은 그 배열을 보지 못합니다")

# %% [markdown]
# ## 3 · 학습 반복문
#
# `train(network, x_train, t_train, iters, batch_size, lr, rng)`를 작성하세요. §4.5.2와
# §5.7.4에서처럼 1~3단계를 `iters`번 반복합니다. 반복할 때마다 다음을 합니다.
#
# 1. 미니배치를 뽑습니다. 주어진 생성기의 `rng.choice`로 무작위 행 인덱스 `batch_size`개를
#    뽑고(책은 `choice(N, batch_size)`로 복원 추출합니다), 입력과 레이블에서 **같은 행**을
#    골라 `x_batch`와 `t_batch`로 삼습니다.
# 2. 그 미니배치의 기울기를 `network.gradient`로 구합니다.
# 3. 여러분의 `sgd_step`으로 `network.params`를 갱신합니다.
# 4. 미니배치의 손실, 즉 `x_batch`와 `t_batch`에 대한 `network.loss`를 기록합니다(책처럼
#    갱신한 뒤에 잽니다).
#
# 손실 `iters`개를 담은 리스트를 반환합니다. 무작위로 뽑을 때는 언제나 `np.random`이 아니라
# `rng`(`np.random.Generator`)를 쓰세요. 같은 시드로 만든 두 생성기는 같은 배치를 뽑으므로,
# 그래야 실행 결과를 재현할 수 있습니다. 강의 7 (ch07_two_layer_net.ipynb)의 “7 · 오차역전파법을
# 사용한 학습” 절은 바로 이 시그니처의 `train`을 사용합니다.

# %% nbgrader={"grade_id": "train", "solution": true}
def train(network, x_train, t_train, iters, batch_size, lr, rng):
    """미니배치 SGD로 network를 학습시킵니다.

    network: TwoLayerNet처럼 params, gradient(x, t), loss(x, t)를 가진 객체.
    x_train: (N, D) 입력; t_train: 같은 N개 샘플의 (N, C) 원-핫 레이블.
    iters: 갱신 횟수; batch_size: 미니배치 하나의 샘플 수; lr: 학습률;
    rng: 미니배치를 뽑을 np.random.Generator.
    반환값: 수 iters개로 된 리스트. 각 반복에서 쓴 미니배치의 손실입니다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% [markdown]
# 아래 검사는 여기서 불러온 MNIST 데이터로 책의 신경망(입력 784개, 은닉 뉴런 50개, 클래스
# 10개, 가중치는 `weight_init_std = 0.01`로 초기화)을 학습시킵니다. 크기 100인 미니배치와
# `lr = 0.1`로 300번 반복하며, 50번 반복할 때마다 훈련 데이터와 시험 데이터에 대한 정확도를
# 잽니다. `load_mnist`는 숫자 이미지를 어디서 가져왔는지 출력합니다. 한 번 내려받아 캐시해 둔
# 전체 데이터셋(훈련 이미지 60,000장, 시험 이미지 10,000장)이거나, 인터넷에 연결되어 있지
# 않으면 강좌와 함께 배포되는 부분집합(10,000장과 2,000장)입니다.
#
# 제출하면 숨은 검사가 784-30-10 신경망(가중치의 표준편차 0.1)도 학습시킵니다. 고정된 시드에서
# 출발해, 함께 배포되는 부분집합의 앞쪽 훈련 이미지 5,000장으로 크기 100인 미니배치와
# `lr = 0.2`로 150번 반복한 뒤, 그 부분집합의 시험 이미지 2,000장에 대해 **0.7 이상**의 시험
# 정확도를 요구합니다. 올바른 신경망이라면 0.84 정도에 이르고, 숫자 열 개 중 하나를 찍으면
# 0.1이 나옵니다.

# %% nbgrader={"grade_id": "data"}
(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
print("x_train:", x_train.shape, "t_train:", t_train.shape)
print("x_test: ", x_test.shape, "t_test: ", t_test.shape)

# %% nbgrader={"grade_id": "train_test", "grade": true, "points": 3}
checking("train", uses=("TwoLayerNet", "sgd_step"), see="강의 7 (ch07_two_layer_net.ipynb)의 “7 · 오차역전파법을 사용한 학습” 절, 그다음 책의 §5.7.4와 §4.5")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
np.random.seed(0)                                # TwoLayerNet의 가중치용
network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
run_rng = np.random.default_rng(0)               # 미니배치용
history, train_acc, test_acc = [], [], []
for r in range(6):
    history.extend(train(network, x_train, t_train, iters=50, batch_size=100, lr=0.1, rng=run_rng))
    train_acc.append(network.accuracy(x_train, t_train))
    test_acc.append(network.accuracy(x_test, t_test))
    print(f"반복 {len(history):3d}: 훈련 정확도 {train_acc[-1]:.3f}, "
          f"시험 정확도 {test_acc[-1]:.3f}")
check_close("len(history), 반복마다 손실 하나", len(history), 300,
            hint="반복마다 network.loss(x_batch, t_batch)를 한 번씩 리스트에 추가하고, 그 리스트를 반환하세요")
first, last = np.mean(history[:20]), np.mean(history[-20:])
print(f"처음 20번 반복의 평균 손실: {first:.3f}, 마지막 20번: {last:.3f}")
if not last < first - 0.5:
    raise CheckFailed("✗ 손실이 줄어들지 않았습니다.\n가장 그럴듯한 원인: 반복마다 x_train과 t_train의 "
                      "같은 행으로 무작위 미니배치를 만들어 그 기울기를 구하고, 마이너스 부호로 "
                      "network.params를 제자리에서 갱신해야 합니다(sgd_step).")
print("✓ 손실이 줄어들었습니다")
if not test_acc[-1] >= 0.7:
    raise CheckFailed(f"✗ 시험 정확도가 {test_acc[-1]:.3f}입니다. 0.7 이상이어야 통과합니다"
                      "(숫자 10개 중 하나를 찍으면 0.1).\n가장 그럴듯한 원인: 기울기(문제 1)와 "
                      "갱신(문제 2)을 확인하고, x_batch와 t_batch가 훈련 데이터의 같은 행인지 "
                      "확인하세요.")
print(f"✓ 300번 반복 후 시험 정확도 {test_acc[-1]:.3f} (기준: 0.7 이상, 찍기: 0.1)")

# %% [markdown]
# ## 학습 곡선
#
# 왼쪽 그래프는 각 미니배치의 손실, 오른쪽 그래프는 정확도입니다. 배치마다 숫자 100개를 새로
# 뽑으므로 미니배치의 손실은 들쭉날쭉하지만, 빠르게 떨어집니다. 훈련 정확도와 시험
# 정확도가 서로 가깝게 유지된다면, 신경망은 훈련 이미지를 통째로 외운 것(오버피팅)이 아니라
# 숫자 전반을 학습한 것입니다. 책은 10,000번 반복해서(§5.7.4) 시험 데이터에서 약 97 %에
# 이릅니다. 전체 데이터셋으로 약 17에폭에 해당하는 학습이며, 1에폭은 모든 훈련 이미지를 한
# 번씩 보는 데 드는 반복 수입니다. 강의에서 그 학습을 실제로 돌려 봅니다. 여기서는 검사에서
# 돌린 300번의 반복만으로도 80 %를 넘깁니다.

# %%
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.5))
ax_loss.plot(history, linewidth=0.8)
ax_loss.set(xlabel="iteration", ylabel="loss of the mini-batch", title="loss")
marks = 50 * np.arange(1, len(test_acc) + 1)
ax_acc.plot(marks, train_acc, "o-", label="train")
ax_acc.plot(marks, test_acc, "s--", label="test")
ax_acc.set(xlabel="iteration", ylabel="accuracy", ylim=(0, 1), title="accuracy")
ax_acc.legend()
plt.show()

# %% [markdown]
# ## 4 · 직접 만드는 기울기 확인
#
# 문제 1에서는 미리 주어진 기울기 확인을 썼습니다. 이번에는 계층 하나를 검사하는 기울기
# 확인을 직접 작성합니다. 강의 7 (ch07_two_layer_net.ipynb)의 “9.3 계층을 하나씩 확인하기”
# 절에서 쓴 도구를, 판정까지 내려 주는 함수로 키운 것입니다. 방법은 그 절과 같습니다. 상류
# 기울기 `dout`을 하나 정하고, 다음 수 하나를 봅니다.
#
# $$L(x) = \sum \text{dout} \odot \text{forward}(x),$$
#
# 이 수를 $x$로 미분한 기울기는 `backward(dout)`이 반환하는 값과 정확히 같아야 합니다. 그
# 기울기를 중심 차분으로 수치적으로 구하고(강의 2 (ch02_chain_rule.ipynb)의 “4. 수치 미분:
# 미분을 확인하는 방법” 절), 이 강좌의 상대 오차 `relative_error`와 `THRESHOLD`로 둘을
# 비교하세요(문제 1, 그리고 강의 7의 “6 · 기울기 확인” 절).
#
# `gradient_check(layer, x, dout=None)`를 작성하세요.
#
# * `layer`: 여러분의 `Relu`처럼 `forward(x) -> out`과 `backward(dout) -> dx`(`dx`는 `x`와
#   형상이 같음)를 가진 객체라면 무엇이든 됩니다. 꺾이는 점이 있다면 ReLU처럼 0 한 곳뿐입니다.
# * `x`: 확인할 지점인 float64 배열. 호출한 쪽의 배열은 원래대로 두어야 합니다.
# * `dout`: `out`과 형상이 같은 배열. `None`이면 직접 하나 뽑으라는 뜻입니다.
# * 반환값은 쌍 `(error, agrees)`입니다. `backward`가 내놓은 `dx`와 수치 미분 사이의 상대
#   오차, 그리고 그 오차가 `THRESHOLD`보다 작으면 `True`인 `agrees`입니다.
#
# 다음 네 가지는 여러분이 정해야 하며, 하나하나가 실제 기울기 확인을 그르칠 수 있는 지점입니다.
# 숨은 검사는 여러분의 함수에 올바른 계층과 미묘하게 망가진 계층(1 % 더 큰 역전파, 원소 하나가
# 틀린 역전파, 부호가 뒤집힌 역전파, `dout`을 빠뜨린 역전파, 기울기가 평소보다 천 배 작은
# 계층, 출력이 천 배 큰 계층, 꺾이는 점에 정확히 놓인 입력)을 주고, 각각에 대해 올바른 판정을
# 기대합니다.
#
# 1. **간격 $h$.** 강의 2는 양쪽 끝에서 무엇이 잘못되는지 보여 줍니다. $h = 10^{-50}$이면
#    `x + h`가 반올림되어 다시 `x`가 됩니다. $10^{-10}$처럼 아주 작은 $h$에서는 $L$의 반올림
#    오차($L$의 크기에 비례하므로, 계층의 출력이 크면 커집니다)가 $2h$로 나뉩니다. $h$가 크면
#    $h^2$ 차수인 공식 자체의 오차가 커집니다. 어떤 차분을 쓸 것이며, 그 차분의 오차는 $h$에
#    대해 어느 정도일까요?
# 2. **꺾이는 점.** 꺾이는 점 바로 옆에서는 수치 미분이 아무 의미가 없습니다. ReLU의 입력이 0이면
#    중심 차분이 꺾이는 점을 사이에 두고 양쪽에 걸쳐 기울기의 절반을 내놓는데, `backward`는 0이나
#    1을 주므로 올바른 계층이 틀린 것처럼 보입니다(강의 7의 9.3절은 입력을 0에서 멀리
#    둡니다). 검사에는 정확히 0인 입력도 들어옵니다. 확인하기 전에, 0에서 간격의 몇 배 이내에
#    있는 입력은 모두 (부호는 그대로 두고) 0에서 멀리 옮기세요. 그리고 `backward`와 수치 미분을
#    옮긴 같은 지점에서 실행하세요.
# 3. **`dout`.** 주어지지 않으면 무작위로 하나 뽑으세요. 모든 원소가 1인 `dout`이라면
#    역전파의 어떤 실수가 가려질지 스스로 물어보세요.
# 4. **호출 순서.** `backward`는 가장 최근의 `forward`가 저장해 둔 값을 씁니다. 여러분이 정한
#    지점에서 `forward`를 호출한 다음 `backward`를 호출하고, 수치 미분이 `forward`를 다시
#    호출하기 전에 `dx`를 보관해 두세요. (제공된 `numerical_gradient(f, x)`의 간격이 알맞다면
#    차분 계산은 그 함수에 맡겨도 됩니다.)
#
# 아래 예제는 함수 두 개로 만든 계층인 `FunctionLayer`로 만듭니다. 이렇게 하면 같은 순전파에
# 대한 올바른 역전파와 틀린 역전파를 각각 한 줄로 쓸 수 있습니다.

# %% nbgrader={"grade_id": "gradient_check_examples"}
class FunctionLayer:
    """함수 두 개로 만든 계층: forward(x) -> out, 그리고 backward(x, dout) -> dx. backward는
    가장 최근 forward의 x로 호출됩니다(계층이 역전파에 필요한 값을 보관하듯 x를 보관합니다)."""

    def __init__(self, forward, backward):
        self.forward_function, self.backward_function = forward, backward
        self.x = None

    def forward(self, x):
        self.x = np.array(x, dtype=np.float64)
        return self.forward_function(self.x)

    def backward(self, dout):
        return self.backward_function(self.x, dout)


doubler = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.0 * dout)        # 올바름
off_by_one_percent = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.02 * dout)
relu_like = FunctionLayer(lambda x: np.maximum(x, 0.0),
                          lambda x, dout: np.where(x > 0, dout, 0.0))         # 올바름
no_dout = FunctionLayer(lambda x: 2.0 * x, lambda x, dout: 2.0 * np.ones_like(x))

x_check = np.array([[0.5, -1.0, 2.0],
                    [1.5, 0.25, -0.75]])
x_kink = np.array([[0.0, 1.5],
                   [-2.0, 0.0]])              # 두 입력이 정확히 ReLU의 꺾이는 점에 있음


# %% nbgrader={"grade_id": "gradient_check", "solution": true}
def gradient_check(layer, x, dout=None):
    """layer.backward를 L(x) = sum(dout * layer.forward(x))의 수치 미분과 비교해 확인합니다.

    layer: forward(x) -> out과 backward(dout) -> dx를 가짐; 꺾이는 점이 있다면 0 한 곳뿐.
    x: 확인할 지점인 float64 배열(호출한 쪽의 배열은 원래대로 둡니다).
    dout: out과 형상이 같은 배열; None이면 무작위로 하나 뽑습니다.
    반환값 (error, agrees): backward의 dx와 수치 미분 사이의 상대 오차(이 강좌의 정의),
    그리고 agrees = error < THRESHOLD.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "gradient_check_test", "grade": true, "points": 3}
checking("gradient_check", see="강의 7 (ch07_two_layer_net.ipynb)의 “9.3 계층을 하나씩 확인하기” 절, 그다음 책의 §5.7.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x_before = x_check.copy()
error, agrees = gradient_check(doubler, x_check)
check_close("올바른 역전파(out = 2x)에 대한 agrees", agrees, True,
            hint="올바른 역전파는 통과해야 합니다. 수치 미분(간격, 중심 차분)이 맞는지, 그리고 "
                 "dx를 같은 지점의 수치 미분과 비교하는지 확인하세요")
check_close("그 상대 오차", error, 0.0, atol=1e-8,
            hint="선형 계층에는 절단 오차가 없습니다. 남는 것은 반올림 오차뿐입니다")
check_close("확인을 마친 뒤의 x_check", x_check, x_before,
            hint="x의 복사본으로 작업하세요. 호출한 쪽의 배열은 원래대로 남아 있어야 합니다")
error, agrees = gradient_check(off_by_one_percent, x_check)
check_close("1 % 더 큰 역전파(2 대신 2.02)의 상대 오차", error,
            0.02 / 2.02, rtol=1e-6, atol=0,
            hint="이 강좌의 상대 오차 ‖a − b‖ / max(‖a‖, ‖b‖)를 배열 전체에 대해 계산하세요")
check_close("그 역전파에 대한 agrees", agrees, False)
error, agrees = gradient_check(relu_like, x_kink)
check_close("입력이 정확히 0인 올바른 ReLU에 대한 agrees", agrees, True,
            hint="0에서는 중심 차분이 꺾이는 점 양쪽에 걸칩니다. 0 근처의 입력을 먼저 멀리 "
                 "옮기고, 옮긴 같은 지점에서 backward를 실행하세요")
error, agrees = gradient_check(no_dout, x_check)
check_close("dout을 무시하는 역전파에 대한 agrees", agrees, False,
            hint="모든 원소가 1인 dout에서는 dout을 곱하는 것을 잊은 역전파도 맞아 보입니다. "
                 "dout을 무작위로 뽑으세요")
error, agrees = gradient_check(doubler, x_check, dout=np.full((2, 3), 0.5))
check_close("dout이 주어졌을 때 올바른 계층에 대한 agrees", agrees, True)

# %% [markdown]
# ## 5 · 직접 유도하기: 가중치 감소
#
# 가중치가 많은 신경망은 훈련 이미지를 통째로 외워 버릴 수 있고(오버피팅), 큰 가중치는 그
# 징후입니다. **가중치 감소**(§6.4.1)는 가중치가 커지지 않도록 억누릅니다. 손실에 모든
# 가중치의 제곱에 따라 커지는 벌칙항을 더하는 것입니다.
#
# $$L = L_{\text{data}} + \tfrac{1}{2}\lambda\left(\lVert W_1\rVert^2 + \lVert W_2\rVert^2\right),
# \qquad \lVert W\rVert^2 = \sum_{i,j} W_{ij}^2,$$
#
# 여기서 $L_{\text{data}}$는 문제 1의 손실(`TwoLayerNet.loss`가 반환하는 값)이고,
# $\lambda \ge 0$(`weight_decay_lambda`)은 벌칙의 세기를 정합니다. 편향에는 벌칙을 주지
# 않습니다. 다음은 가중치 행렬 $W$ 하나(`W1` 또는 `W2`. 다른 행렬의 벌칙도 같은 합에
# 더해집니다)의 계산 그래프이며, $\lambda = 0.1$일 때 아래 예제의 순전파 값을 함께 적었습니다.
#
# ```
#                ┌──► [ Affine ] ──► … the rest of part 1's network … ──► L_data ──┐
#                │                                                      1.0242    ▼
#    W ──► [ copy ]                                                             [ + ] ──► L
#                │                                                                ▲     1.5436
#                └──► [ **2 ] ──► [ sum ] ──► [ ×½λ ] ──► penalty ────────────────┘
#                                    ▲                    0.5194
#                        다른 W의 제곱들
#
#    역전파: 오른쪽에서 ∂L/∂L = 1이 들어옵니다. 두 경로를 따라 각각 무엇이 W에 도착할까요?
# ```
#
# $W$는 **분기**합니다. 자신의 Affine 계층으로도 들어가고, 벌칙항으로도 들어갑니다. 강의에서는
# 이 기울기를 한 번도 유도하지 않습니다. 그것이 여러분의 몫입니다(책은 §6.4.1에서 결과를
# 알려 주지만, 보기 전에 먼저 유도해 보세요). 강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한
# 값이 두 번 쓰일 때” 절에서 $f = (a + b)(b + c)$에 대해 했던 것처럼, 노드를 하나씩 따라가며
# 풀어 보세요.
#
# 1. `+` 노드는 두 입력 각각으로 무엇을 돌려보낼까요?
# 2. 위쪽 경로를 따라 $W$에 도착하는 값은 문제 1에서 이미 계산하는 값입니다. 왜일까요?
# 3. 아래쪽 경로에서는 `×½λ`, `sum`, `**2` 노드의 국소적 미분을 곱합니다. 강의 1
#    (ch01_computational_graph.ipynb)의 “6. 자주 쓰는 노드의 국소적 미분” 절에 표가 있고,
#    `sum` 노드는 입력이 여러 개인 `+` 노드입니다. 먼저 원소 하나 $W_{ij}$에 대해 풀어 보세요.
# 4. 두 경로가 복사 노드에서 다시 만나면 어떻게 될까요?
# 5. 그렇다면 편향은 어떤 경로를 따라 $L$에 이를까요?
#
# 그다음 여러분의 `TwoLayerNet`의 하위 클래스인 `TwoLayerNetWithDecay`를 작성하세요
# (`predict`, `accuracy`, `numerical_gradient`는 상속받고, `super().loss(x, t)`와
# `super().gradient(x, t)`는 문제 1의 메서드를 호출합니다).
#
# * `TwoLayerNetWithDecay(input_size, hidden_size, output_size, weight_init_std=0.01,
#   weight_decay_lambda=0.0)`는 $\lambda$를 `self.weight_decay_lambda`에 보관합니다(이미
#   작성되어 있음)
# * `loss(x, t)`는 위의 전체 손실 $L$을 반환합니다.
# * `gradient(x, t)`는 문제 1과 같은 딕셔너리(`'W1'`, `'b1'`, `'W2'`, `'b2'`, 각각 해당
#   매개변수와 형상이 같음)를 반환하되, 그 값은 전체 손실의 기울기이며 오차역전파법으로
#   구합니다(문제 1과 마찬가지로 수치 미분으로 구하면 점수가 없습니다). `self.params`는
#   원래대로 둡니다.
#
# 검사를 실행하기 전에 결과를 직접 확인해 보세요. 상속받은 `numerical_gradient(x, t)`는
# *여러분의* `loss`로 중심 차분을 계산하므로, 그 자체로 전체 손실에 대한 기울기 확인이 됩니다.
#
# **책의 코드를 그대로 입력한다면.** 책의 `MultiLayerNet`(`multi_layer_net.py`)도 $\lambda$를
# 같은 이름 `self.weight_decay_lambda`로 보관하지만, 계층 `self.hidden_layer_num + 2`개를 도는
# 반복문을 쓰고 손실 계층을 `self.last_layer`라고 부릅니다. 여기서 신경망은 여러분의
# `TwoLayerNet`입니다. 가중치 행렬은 `W1`과 `W2` 두 개이고, 손실 계층은 `self.lastLayer`입니다.
# 문제 1의 코드를 복사하지 말고 `super()`를 통해 재사용하세요.

# %% nbgrader={"grade_id": "weight_decay", "solution": true}
class TwoLayerNetWithDecay(TwoLayerNet):
    """가중치 감소를 적용한 TwoLayerNet: loss = 데이터 손실 + ½·λ·(‖W1‖² + ‖W2‖²) (책의 §6.4.1)."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 weight_decay_lambda=0.0):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.weight_decay_lambda = weight_decay_lambda     # λ

    def loss(self, x, t):
        """전체 손실: TwoLayerNet이 계산한 배치의 손실에 W1과 W2의 벌칙항을 더한 값."""
        ### BEGIN SOLUTION
        ### END SOLUTION

    def gradient(self, x, t):
        """전체 손실의 기울기를 오차역전파법으로 구합니다: TwoLayerNet과 같은 형태의 딕셔너리."""
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "weight_decay_test", "grade": true, "points": 3}
checking("TwoLayerNetWithDecay", uses=("TwoLayerNet",), see="강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한 값이 두 번 쓰일 때” 절, 그다음 책의 §6.4.1")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
decay_net = TwoLayerNetWithDecay(input_size=4, hidden_size=5, output_size=3,
                                 weight_decay_lambda=0.1)
for key, value in small_network().params.items():      # 문제 1의 예제 신경망
    decay_net.params[key][...] = value
try:
    total = decay_net.loss(x_small, t_small)
except AttributeError as error:
    if "hidden_layer_num" in str(error) or "last_layer" in str(error):    # 책에서 쓰는 이름
        fail(f"✗ 이 실습의 TwoLayerNetWithDecay는 책의 MultiLayerNet이 아니라 여러분의 "
             f"TwoLayerNet을 바탕으로 합니다({error}). 가중치 행렬은 W1과 W2 두 개이고, 손실 계층은 "
             f"self.lastLayer입니다. super().loss(x, t)와 super().gradient(x, t)로 문제 1을 재사용하세요.")
    raise
print(f"λ = 0.1일 때의 손실: {total:.6f}")
check_close("λ = 0.1일 때의 decay_net.loss(x_small, t_small)", total, 1.54361860, atol=1e-6,
            hint="문제 1의 손실에 ½·λ·(‖W1‖² + ‖W2‖²)를 더하세요. W1과 W2의 모든 원소를 제곱해 "
                 "더한 합(편향은 빼고)에 λ/2를 곱한 값입니다")
grads_decay = decay_net.gradient(x_small, t_small)
for key in ("W1", "b1", "W2", "b2"):
    if np.shape(grads_decay[key]) != decay_net.params[key].shape:
        fail(f"✗ grads['{key}']의 형상은 {np.shape(grads_decay[key])}인데, {key}의 형상은 "
             f"{decay_net.params[key].shape}입니다. 기울기는 자기 매개변수와 형상이 같아야 합니다.")
grads_numerical = decay_net.numerical_gradient(x_small, t_small)    # 여러분의 전체 손실에 대한 수치 미분
for key in ("W1", "b1", "W2", "b2"):
    error = relative_error(grads_decay[key], grads_numerical[key])
    check_close(f"{key}의 상대 오차 (여러분의 손실에 대한 수치 미분과 기울기를 "
                f"비교)", error, 0.0, atol=THRESHOLD,
                hint="지금 구한 기울기는 여러분이 정의한 손실의 기울기가 아닙니다. 각 매개변수가 L에 "
                     "이르는 모든 경로를 따라가고(강의 2, 5절), 경로마다 국소적 미분을 "
                     "곱하세요(강의 1, 6절)")
check_close("grads['W2'][0] (첫 번째 행)", grads_decay["W2"][0],
            [-0.06153673, 0.05988535, -0.13458566], atol=1e-6,
            hint="여러분이 유도한 식을 여러분의 손실에 대한 수치 미분과 원소별로 "
                 "비교하세요")
check_close("grads['b1']", grads_decay["b1"],
            [0.09551468, 0.0, 0.08028925, 0.07577728, 0.01564950], atol=1e-6)

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 이것으로 책 5장의 내용을 모두 다루었습니다. 순전파와 역전파를
# 가진 계층, 그 계층들을 순서대로 늘어놓은 목록인 신경망, 그 목록을 거꾸로 읽어 가는 역전파, 그
# 역전파가 옳음을 입증하는 기울기 확인(이제 어떤 계층에 대해서든 직접 작성할 수 있습니다),
# 여러분이 직접 확장하고 미분한 손실, 그리고 그 손실로 학습하는 반복문이 바로 그것입니다.
