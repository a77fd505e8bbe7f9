# %% [markdown]
# # 7장 · 학습하는 2층 신경망: MNIST에서의 오차역전파법
#
# 『밑바닥부터 시작하는 딥러닝』의 **§5.7 오차역전파법 구현하기**를 다룹니다. §5.7.1 신경망
# 학습의 전체 그림, §5.7.2 오차역전파법을 적용한 신경망 구현하기, §5.7.3 기울기 확인,
# §5.7.4 오차역전파법을 사용한 학습 구현하기입니다.
#
# 1장부터 6장까지 필요한 부품을 모두 만들었습니다. 계산 그래프와 연쇄법칙, 그리고 각각
# `forward`와 `backward`를 갖춘 계층 `Relu`, `Affine`, `SoftmaxWithLoss`입니다. 이 장에서는
# 이 계층들을 쌓아 손글씨 숫자를 읽도록 학습하는 신경망을 만듭니다. 또 이 강좌의 바탕이 된
# 한 학습 노트가 어디서 잘못되었는지도 살펴봅니다. 그 노트의 신경망은 정확도가 10 % 안팎에서
# 멈췄고, 기울기 확인은 `b2: 0.0667`을 출력했지만, 작성자는 끝내 원인을 찾지 못했습니다.
# 그 원인은 9절의 디버깅 클리닉에서 밝힙니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다.**
#
# 1. 학습의 한 단계(미니배치 → 기울기 → 갱신 → 반복)를 설명하고, 오차역전파법이 수치 미분보다
#    나은 이유를 횟수를 세어 보이기(매개변수 하나에 순전파 2번, 이 신경망에서는 한 단계에 거의
#    80,000번)
# 2. 계층을 순서대로 담은 목록으로 `TwoLayerNet`을 작성하고 각 메서드가 하는 일을 설명하기
#    (`gradient`가 계층을 거꾸로 도는 반복문일 뿐인 이유까지)
# 3. 상대 오차와 임곗값으로 기울기 확인을 수행하고 그 수치를 해석하기($10^{-6}$이 무엇을
#    뜻하는지, 단정밀도(float32)로는 왜 안 되는지)
# 4. 책의 설정대로 신경망을 학습시키고 손실 곡선과 정확도 곡선을 읽기
# 5. 클리닉에서처럼 기울기 확인으로 계층을 하나씩 짚어 가며 버그 찾기. 노트의 오차가 왜 정확히
#    $(1 - 1/N)/C = 0.0667$이었는지, 그리고 해결책 `axis=1, keepdims=True`까지.
#
# 미리 제공되는 처음 두 셀은 이 강좌의 `draw_graph`(순전파 값은 에지 **위**에, 역전파 값은 에지
# **아래**에 빨간색으로 표시)와 `numerical_gradient`(배열 원소를 하나씩, $h = 10^{-4}$인 중심
# 차분으로 계산)입니다. MNIST 데이터를 읽어 오는 함수는 5절에서 나옵니다.

# %%
from collections import OrderedDict

import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 신경망 학습의 전체 그림
#
# 한 학습 노트는 §5.7.1을 전제 하나와 네 단계로 요약합니다.
#
# 0. **전제.** 신경망에는 가중치와 편향이 있고, *학습*이란 신경망이 훈련 데이터에 잘 맞도록
#    이 값들을 조정하는 것입니다.
# 1. **미니배치.** 훈련 데이터에서 샘플 몇 개, 예를 들어 100개를 무작위로 뽑습니다.
# 2. **기울기 산출.** 각 가중치 매개변수에 대한 미니배치 손실의 기울기를 구합니다. 기울기는
#    그 매개변수 하나가 움직일 때 손실이 얼마나 변하는지를 나타냅니다.
# 3. **매개변수 갱신.** 모든 매개변수를 기울기의 **반대** 방향으로 조금씩 움직입니다.
# 4. **반복.** 1~3단계를 되풀이합니다.
#
# 미니배치를 무작위로 뽑기 때문에 이 방법을 **확률적 경사 하강법**(SGD)이라고 합니다. 학습률
# $\eta$를 쓰면 3단계의 갱신은 다음과 같습니다.
#
# $$W \leftarrow W - \eta\,\frac{\partial L}{\partial W}.$$
#
# 노트는 3단계를 "기울기 방향으로 매개변수를 조금 움직인다"라고 적었습니다. 여기서 주의할
# 점이 있습니다. 기울기는 손실이 가장 빠르게 *커지는* 방향을 가리키므로 우리는 그 반대쪽으로
# 움직여야 하고, 그래서 식에 빼기 부호가 붙습니다. 매개변수가 하나인 예로 두 경우를 모두 볼 수
# 있습니다. 손실 $L(w) = (w - 3)^2$은 $w = 0$에서 $L = 9$이고 기울기는 $2(w - 3) = -6$입니다.
# $\eta = 0.1$로 갱신하면 $w = 0.6$이 되고 손실은 $5.76$으로 줄어듭니다. 부호를 더하기로
# 바꾸면 $w = -0.6$이 되고 손실은 $12.96$으로 커집니다.

# %%
def toy_loss(w):
    return (w - 3) ** 2

w, lr = 0.0, 0.1
grad = 2 * (w - 3)
w_minus, w_plus = w - lr * grad, w + lr * grad
print(f"L({w}) = {toy_loss(w)}, 기울기 {grad}")
print(f"w - lr*grad = {w_minus:.1f}  ->  L = {toy_loss(w_minus):.2f}   (감소: 학습이 된다)")
print(f"w + lr*grad = {w_plus:.1f}  ->  L = {toy_loss(w_plus):.2f}   (증가: 부호가 틀렸다)")
assert round(w_minus, 10) == 0.6 and round(toy_loss(w_minus), 10) == 5.76
assert round(w_plus, 10) == -0.6 and round(toy_loss(w_plus), 10) == 12.96

# %% [markdown]
# ## 2 · 왜 오차역전파법인가: 순전파 횟수 세기
#
# 비용이 큰 것은 2단계이고, 이를 계산하는 방법은 두 가지입니다.
#
# * **수치 미분**은 매개변수 하나를 $\pm h$만큼 살짝 움직여 신경망의 순전파를 두 번 수행하고,
#   두 손실의 차를 $2h$로 나눕니다. **매개변수 하나에 순전파 2번**이고, 이것을 모든 매개변수에
#   대해 되풀이합니다. 단순하고 틀리기 어렵기 때문에 좋은 심판이 됩니다.
# * **오차역전파법**은 각 계층이 필요한 값을 저장하면서 순전파를 한 번 하고, 이어서 역전파를 한
#   번 합니다. 연쇄법칙에 따라 각 계층은 상류의 기울기를 넘겨받아 자기 매개변수의 기울기로
#   바꿉니다. 비용은 매개변수가 몇 개든 순전파 두세 번 정도입니다. (한 학습 노트가 지적하듯
#   그 대가는 메모리입니다. 모든 계층이 역전파 때까지 중간값을 간직해야 하기 때문입니다.)
#
# 우리 신경망은 입력 784개(픽셀마다 하나), 은닉 뉴런 50개, 출력 10개로 이루어집니다.

# %%
input_size, hidden_size, output_size = 784, 50, 10
n_params = (input_size * hidden_size + hidden_size          # W1과 b1
            + hidden_size * output_size + output_size)      # W2와 b2
passes_per_gradient = 2 * n_params
print(f"매개변수: {n_params:,}개")
print(f"수치 미분으로 기울기를 한 번 구할 때의 순전파: {passes_per_gradient:,}번")
print(f"... 학습 10,000단계라면: {10_000 * passes_per_gradient:,}번")
assert n_params == 39_760 and passes_per_gradient == 79_520

# %% [markdown]
# 한 단계에 순전파가 거의 80,000번이고, 학습에는 10,000단계가 필요합니다. 합치면 8억 번에
# 가깝습니다. 한 학습 노트는 학습 반복문에서 수치 미분을 써 보았다가 *"너무 오래 걸려...."*라는
# 말을 남기고 다시 주석 처리했습니다. 오차역전파법은 한 단계에 순전파 한 번과 역전파 한 번이면
# 됩니다. 6절에서 그 횟수를 실제로 세어 봅니다.
#
# ## 3 · 4~6장의 계층들
#
# 신경망은 앞 장들에서 만든 계층으로 조립합니다. 여기서는 설명 없이 다시 모아 두었습니다(각
# 계층의 자세한 유도는 해당 장에 있습니다).
#
# * `Relu`(4장)는 입력이 $\le 0$인 곳을 마스크로 기억해 두고, 입력이 양수였던 곳으로만 `dout`을
#   돌려보냅니다. 두 메서드 모두 새 배열을 반환하며, 인수로 받은 배열에는 절대 쓰지 않습니다.
# * `Affine`(5장)은 $x \cdot W + b$를 계산합니다(축이 셋 이상인 입력은 2차원으로 펼칩니다).
#   역전파에서는 $\partial L/\partial x = \text{dout}\cdot W^{\mathsf T}$를 반환하고,
#   `dW` $= x^{\mathsf T}\cdot\text{dout}$와 `db` $=$ (배치에 대한 `dout`의 합)을 저장합니다.
#   `W`와 `b`는 복사본이 아니라 **참조**로 들고 있는데, 이 점이 4절과 6절에서 중요해집니다.
# * `softmax`와 `cross_entropy_error`(6장)는 원-핫 레이블과 정수 레이블 모두에 대해 행 단위로
#   계산합니다. `SoftmaxWithLoss`는 이 둘을 합친 것이며, 그 역전파는 $(y - t)/N$에 `dout`을
#   곱한 값입니다.
#
# 셀 끝에서는 각 장의 계산 예를 하나씩 다시 구해, 이것들이 우리가 만든 바로 그 계층인지
# 확인합니다.

# %%
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b                       # 복사본이 아니라 참조
        self.x = self.original_x_shape = None
        self.dW = self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)          # (N, ...) -> (N, D)
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.original_x_shape)


def softmax(x):
    """행 단위 소프트맥스: (C,) 점수 벡터 하나 또는 행들의 배치 (N, C)."""
    exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """확률 y와 원-핫 또는 정수 레이블 t의 평균 교차 엔트로피 오차."""
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = np.reshape(t, (1, -1)) if np.size(t) == y.size else np.reshape(t, 1)
    if np.size(t) == y.size:
        t = np.argmax(t, axis=1)
    N = y.shape[0]
    return -np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        N = self.y.shape[0] if self.y.ndim == 2 else 1
        t = self.t if np.shape(self.t) == self.y.shape else np.eye(self.y.shape[-1])[self.t]
        return dout * (self.y - t) / N


# 각 장에서 계산 예 하나씩: 마스크 예(4장), dL/dB = (5, 7, 9)인 배치 예(5장),
# 레이블이 2일 때 점수 (0.3, 2.9, 4.0)의 손실(6장)
relu = Relu()
print("Relu:", relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])).tolist())
affine = Affine(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([1.0, 2.0, 3.0]))
out = affine.forward(np.array([[1.0, 2.0], [3.0, 4.0]]))
affine.backward(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
print("Affine:", out.tolist(), " db =", affine.db.tolist())
swl_loss = SoftmaxWithLoss().forward(np.array([0.3, 2.9, 4.0]), 2)
print("SoftmaxWithLoss:", round(swl_loss, 4))
assert relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])).tolist() == [[1, 0], [0, 3]]
assert out.tolist() == [[10, 14, 18], [20, 28, 36]] and affine.db.tolist() == [5, 7, 9]
assert round(swl_loss, 4) == 0.3057

# %% [markdown]
# ## 4 · `TwoLayerNet`: 계층을 순서대로
#
# §5.7.2의 신경망은 **Affine → ReLU → Affine** 다음에 **Softmax-with-Loss**가 오는 구조입니다.
# 책은 안쪽의 세 계층을 **순서가 있는 딕셔너리**(`OrderedDict`)에 담고, 손실 계층은 따로
# `lastLayer`(책에서 쓰는 이름이며 실습 7에서도 씁니다)에 둡니다. 핵심은 순서입니다. `predict`는
# 계층을 앞에서 뒤로 차례로 거치고, `gradient`는 뒤에서 앞으로 거칩니다.
#
# 책의 생성자에 작은 기능 두 가지를 더했습니다. 무작위로 정하는 초기 가중치가 실행할 때마다 같도록
# `seed`를 받고, 6절에서 단정밀도가 기울기 확인을 어떻게 망치는지 보여 줄 때 한 번 쓰는
# `dtype`도 받습니다.

# %%
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": (weight_init_std * rng.standard_normal((input_size, hidden_size))).astype(dtype),
            "b1": np.zeros(hidden_size, dtype=dtype),
            "W2": (weight_init_std * rng.standard_normal((hidden_size, output_size))).astype(dtype),
            "b2": np.zeros(output_size, dtype=dtype),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():          # 앞에서 뒤로
            x = layer.forward(x)
        return x                                    # 점수, (N, output_size)

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:                             # 원-핫 레이블 -> 클래스 번호
            t = np.argmax(t, axis=1)
        return float(np.sum(y == t) / x.shape[0])

    def numerical_gradient(self, x, t):
        loss_of_params = lambda _: self.loss(x, t)  # 계층을 통해 params를 읽는다
        return {key: numerical_gradient(loss_of_params, self.params[key])
                for key in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        self.loss(x, t)                             # 순전파: 모든 계층이 상태를 저장한다
        dout = self.lastLayer.backward(1)          # (y - t) / N
        for layer in reversed(self.layers.values()):  # 뒤에서 앞으로
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}

# %% [markdown]
# 메서드별로 살펴보겠습니다.
#
# * **`__init__`**은 딕셔너리 `params`에 **매개변수**를 만듭니다. 가중치 `W1` (784, 50)과
#   `W2` (50, 10)는 작은 난수(표준편차가 `weight_init_std` $= 0.01$인 정규분포)로, 편향
#   `b1` (50,)과 `b2` (10,)는 0으로 시작합니다. 그다음 계층을 만들면서 각 `Affine`에 `params`에
#   들어 있는 **바로 그 배열**을 넘깁니다. 계층과 `params`는 메모리를 공유합니다. `params["W1"]`을
#   제자리에서(in place) 바꾸면 `Affine1`도 그 변화를 보고, 그 반대도 마찬가지입니다. 이 성질에
#   기대는 곳이 두 군데 있습니다. 아래의 `numerical_gradient`, 그리고 학습 반복문의 제자리
#   갱신입니다(그림 다음의 흔한 실수를 보세요).
# * **`predict(x)`**는 입력을 계층에 차례로 통과시키고 마지막 Affine 계층이 내는 **점수**를
#   반환합니다. 소프트맥스는 적용하지 않습니다. 점수가 가장 큰 클래스가 확률도 가장 크므로(6장
#   8절) 추론에는 이것으로 충분합니다.
# * **`loss(x, t)`**는 `predict` 다음에 Softmax-with-Loss 계층을 거친 결과, 즉 배치의 평균 교차
#   엔트로피 오차라는 숫자 하나입니다. 이 메서드를 호출하면 **순전파**가 처음부터 끝까지 한 번
#   일어나고, 모든 계층이 역전파에 필요한 값을 저장합니다.
# * **`accuracy(x, t)`**는 **정확도**, 즉 점수가 가장 큰 클래스가 정답 클래스와 같은 샘플의
#   비율입니다. 원-핫 레이블은 먼저 `argmax`로 클래스 번호로 바꿉니다.
# * **`numerical_gradient(x, t)`**는 제공된 `numerical_gradient` 함수에 각 매개변수 배열의
#   기울기를 구해 달라고 맡깁니다. 이때 넘기는 함수는 인수를 무시하고 그냥 `self.loss(x, t)`를
#   호출합니다. 그래도 되는 이유는 `numerical_gradient`가 배열을 **제자리에서** 살짝 바꾸고,
#   `Affine` 계층이 공유 메모리를 통해 그 변화를 하나하나 모두 보기 때문입니다. (메서드 안에서
#   `numerical_gradient`라는 이름은 메서드 자신이 아니라 제공된 모듈 수준의 함수를 가리킵니다.)
# * **`gradient(x, t)`**가 오차역전파법입니다. `loss`로 순전파를 한 번 한 다음 **역전파**를
#   합니다. 역전파는 맨 끝, 즉 $\partial L/\partial L = 1$이 손실 계층으로 들어가는 곳에서
#   시작하여 각 계층의 결과 `dout`을 바로 앞 계층에 넘깁니다. 마지막으로 두 Affine 계층에서
#   매개변수의 기울기를 모아 `params`와 같은 키로 반환합니다.
#
# **계층 목록 덕분에 역전파가 반복문 하나가 됩니다.** 목록이 없다면 `gradient`는
# `dout = self.layers["Affine2"].backward(dout)`, 이어서 `Relu1`, 그리고 `Affine1`을 일일이
# 적어야 합니다. 신경망이 깊어질수록 줄 수도 늘고, 하나를 빠뜨리거나 순서를 틀릴 여지도 늘어납니다.
# 목록이 있으면 계층을 추가할 때 `__init__`만 고치면 됩니다. `predict`와 `gradient`는 목록에
# 어떤 계층이 있든 차례로 돌기 때문입니다. (책은 `layers = list(self.layers.values())`와
# `layers.reverse()`로 쓰는데, `reversed(...)`(파이썬 3.8 이상)는 복사하지 않고 같은 일을
# 합니다. 파이썬 3.7부터는 보통의 `dict`도 삽입 순서를 유지하지만, `OrderedDict`를 쓰면 순서가
# 중요하다는 뜻이 코드에 분명히 드러납니다.)
#
# 아래 그림은 이 신경망을 계산 그래프로 그린 것으로, 계층 하나하나를 상자로 나타냈습니다.
# 순전파(검은색, 에지 위)에서는 입력 배치가 계층을 지나며 배열이 바뀌어 가다가 마지막에 숫자 하나 $L$이 되고,
# 역전파(빨간색, 에지 아래)에서는 기울기가 같은 에지를 오른쪽에서 왼쪽으로 거슬러 갑니다. 각
# 기울기의 형상은 그것이 속한 배열의 형상과 같습니다. 매개변수는 아래쪽에서 들어오고, 자신의
# 기울기도 그 자리에서 받습니다.

# %%
def draw_network(ax):
    """계층을 상자로 그린 TwoLayerNet 그래프: 순전파에는 형상, 역전파에는 기울기."""
    boxes = {"Affine1": (0.8, 2.4, "Affine1"), "Relu1": (3.8, 4.8, "Relu1"),
             "Affine2": (6.2, 7.8, "Affine2"), "SWL": (9.2, 10.6, "Softmax-\nwith-Loss")}
    nodes = {"x": (-0.4, 0, "x"), "L": (11.6, 0, "L")}
    for name, (left, right, _) in boxes.items():
        nodes[name + "_in"], nodes[name + "_out"] = (left, 0, ""), (right, 0, "")
    edges = [("x", "Affine1_in", "(N,784)", "dx"),
             ("Affine1_out", "Relu1_in", "(N,50)", "(N,50)"),
             ("Relu1_out", "Affine2_in", "(N,50)", "(N,50)"),
             ("Affine2_out", "SWL_in", "(N,10)", "(y−t)/N"),
             ("SWL_out", "L", "L", "1")]
    for name, x_pos, backward in [("W1", 1.2, "dW1"), ("b1", 2.0, "db1"), ("W2", 6.6, "dW2"),
                                  ("b2", 7.4, "db2"), ("t", 9.9, None)]:
        nodes[name], nodes[name + "_to"] = (x_pos, -1.8, name), (x_pos, -0.5, "")
        edges.append((name, name + "_to", None, "" if backward else None))
        if backward:                               # 기울기 이름, 빨간 화살표와 겹치지 않게
            ax.text(x_pos + 0.2, -1.15, backward, color="red", fontsize=12, va="center")
    draw_graph(nodes, edges, plain=list(nodes), ax=ax,
               title="TwoLayerNet: forward left to right (black), backward right to left (red)")
    for left, right, text in boxes.values():
        ax.add_patch(plt.Rectangle((left, -0.5), right - left, 1.0, facecolor="#eef3fb",
                                   edgecolor="black", lw=1.5))
        ax.text((left + right) / 2, 0, text, ha="center", va="center", fontsize=12)
    ax.set_xlim(-0.7, 11.9)
    ax.set_ylim(-2.1, 0.9)

fig, ax = plt.subplots(figsize=(12.6, 3.4))
draw_network(ax)
plt.show()

# %% [markdown]
# > **흔한 실수: 공유를 깨뜨리는 갱신.** 학습 반복문은 매개변수를 **제자리에서** 바꿔야 합니다.
# >
# > ```python
# > network.params[key] -= learning_rate * grad[key]             # 제자리: 계층이 변화를 본다
# > network.params[key] = network.params[key] - learning_rate * grad[key]   # 새 배열
# > ```
# >
# > 두 번째 줄도 같아 보이지만, 실은 새 배열을 만들어 딕셔너리에 넣을 뿐이고 `Affine1`은 계속
# > 예전 배열로 계산합니다. 손실은 조금도 변하지 않고, 오류도 나지 않으며, 신경망은 아무것도 배우지
# > 못합니다. (이름도 같은 이유로 중요합니다. 한 학습 노트는 키를 `w1`, 계층 속성을 `dw`라고
# > 불렀는데, 책과 이 강좌의 이름인 `W1`과 `dW`를 찾는 코드나 채점기는 아무것도 찾지 못합니다.
# > 파이썬의 이름은 대소문자를 구분합니다. 책의 손실 계층은 `lastLayer`이고, `last_layer`는 다른
# > 이름입니다.)

# %%
probe = TwoLayerNet(4, 3, 2, weight_init_std=1.0)
x_probe, t_probe = np.ones((1, 4)), np.array([1])
before = probe.loss(x_probe, t_probe)
for step in range(5):
    grad = probe.gradient(x_probe, t_probe)
    for key in ("W1", "b1", "W2", "b2"):
        probe.params[key] = probe.params[key] - 0.1 * grad[key]   # 실수
after_slip = probe.loss(x_probe, t_probe)
print("새 배열 대입: 손실", round(before, 4), "->", round(after_slip, 4),
      "   Affine1.W is params['W1']:", probe.layers["Affine1"].W is probe.params["W1"])

probe = TwoLayerNet(4, 3, 2, weight_init_std=1.0)
for step in range(5):
    grad = probe.gradient(x_probe, t_probe)
    for key in ("W1", "b1", "W2", "b2"):
        probe.params[key] -= 0.1 * grad[key]                      # 제자리에서
after_inplace = probe.loss(x_probe, t_probe)
print("제자리 갱신: 손실", round(before, 4), "->", round(after_inplace, 4))
assert after_slip == before and after_inplace < before

# %% [markdown]
# ## 5 · 데이터: MNIST 데이터셋
#
# **MNIST**는 책에서 쓰는 데이터셋으로, 0부터 9까지의 손글씨 숫자를 담은 28 × 28 회색조
# 이미지입니다. 훈련 이미지 60,000장과 시험 이미지 10,000장으로 이루어져 있습니다. 아래에서
# 제공하는 `load_mnist`는 이 강좌의 로더이며 책과 같은 옵션을 받습니다. `normalize=True`는 픽셀 값을
# 0..255에서 0..1로 정규화하고, `flatten=True`(기본값)는 각 이미지를 784개의 숫자로 된 한 행으로
# 주며, `one_hot_label=True`는 레이블을 원-핫 행으로 줍니다.
#
# 이미지를 어디서 가져오는지는 이 노트북을 어디서 실행하느냐에 따라 다르며, 로더는 **어느 출처를
# 썼는지 출력합니다**.
#
# * **코랩(Colab)이나 인터넷에 연결된 컴퓨터에서는** 처음 호출할 때 전체 데이터셋(약 11 MB,
#   SHA-256으로 검증)을 캐시 폴더에 내려받고, 그다음부터는 캐시에서 읽습니다. 이때는 60,000장
#   전부로 학습하고 10,000장으로 시험합니다.
# * **오프라인에서는** 강좌에 함께 들어 있는 부분집합, 즉 훈련 이미지 앞쪽 10,000장과 시험 이미지
#   앞쪽 2,000장을 대신 씁니다. 이 노트북에 저장된 출력은 이렇게 만든 것이고(강좌는 노트북을
#   오프라인에서 빌드하므로 모두가 같은 숫자를 봅니다), 본문에 인용한 수치도 부분집합의
#   수치입니다.

# %%
# provided: mnist

# %%
(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
print("x_train", x_train.shape, x_train.dtype, "  t_train", t_train.shape)
print("x_test ", x_test.shape, x_test.dtype, "  t_test ", t_test.shape)
print("훈련 레이블 앞 10개:", np.argmax(t_train[:10], axis=1))
x_train, x_test = x_train.astype(np.float64), x_test.astype(np.float64)
assert x_train.shape[1] == 784 and t_train.shape[1] == 10
assert len(x_train) in (60_000, 10_000) and len(x_test) in (10_000, 2_000)
assert 0.0 <= x_train.min() and x_train.max() <= 1.0

# %% [markdown]
# 로더는 픽셀을 단정밀도로 반환하므로 메모리가 절반만 듭니다. 마지막 줄은 이것을 우리 가중치의
# 자료형인 배정밀도(float64)로 바꿉니다. 그러지 않으면 넘파이가 float64 가중치 행렬과 곱할
# 때마다 float32 이미지를 변환해야 하고, 또 6절에서 보듯이 기울기 확인은 처음부터 끝까지
# 배정밀도로 해야 하기 때문입니다.
#
# **첫 점검.** 새로 만든 신경망은 가중치가 0.01 정도로 작아서 모든 클래스에 0에 가까운 점수를
# 내고, 따라서 소프트맥스 출력은 균등분포에 가깝습니다. 10개 클래스 각각에 대해
# $y_k \approx 1/10$입니다. 그러므로 어떤 배치든 손실은 $-\log(1/10) = \ln 10 = 2.3026$에
# 가까워야 하고, 정확도는 찍어서 맞히는 수준인 10 % 근처여야 합니다. 첫 손실을 $\ln C$와
# 비교하는 데는 비용이 거의 들지 않지만, 학습을 시작하기도 전에 많은 버그를 잡아 줍니다(9절에
# 그런 예가 하나 나옵니다).

# %%
network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
first_loss = network.loss(x_train[:100], t_train[:100])
print("params:", {key: value.shape for key, value in network.params.items()})
print(f"첫 손실: {first_loss:.2f}   ln 10 = {np.log(10):.4f}")
print("학습 전 정확도:", round(network.accuracy(x_test, t_test), 2))
assert abs(first_loss - np.log(10)) < 0.01 and round(np.log(10), 4) == 2.3026

# %% [markdown]
# ## 6 · 기울기 확인
#
# 오차역전파법은 빠르지만, 역전파 메서드 하나에 실수가 있으면 *아무런 오류 메시지 없이* 틀린
# 기울기를 냅니다. 수치 미분은 느리지만 재료가 순전파뿐이고, 순전파는 틀리기 어렵습니다. 그래서
# 작은 배치에서 두 기울기를 모두 계산해 매개변수별로 비교합니다. 이것이 §5.7.3의 **기울기
# 확인**입니다. 책과 학습 노트처럼 훈련 이미지 3장짜리 배치를 씁니다. 이때 신경망이 순전파
# 횟수도 함께 셉니다.

# %%
class CountingNet(TwoLayerNet):
    """순전파 횟수를 세는 TwoLayerNet."""
    passes = 0

    def predict(self, x):
        self.passes += 1
        return super().predict(x)

x_batch, t_batch = x_train[:3], t_train[:3]
check_net = CountingNet(784, 50, 10)
grad_numerical = check_net.numerical_gradient(x_batch, t_batch)
numerical_passes, check_net.passes = check_net.passes, 0
grad_backprop = check_net.gradient(x_batch, t_batch)
print(f"순전파 횟수: 수치 미분 {numerical_passes:,}번, 오차역전파법 {check_net.passes}번")
assert numerical_passes == 2 * n_params == 79_520 and check_net.passes == 1

# %% [markdown]
# **두 기울기를 비교하는 방법.** 책은 매개변수마다 평균 절대 차이
# $\text{mean}\,|g_{\text{backprop}} - g_{\text{numerical}}|$를 출력할 뿐 판정은 내리지 않습니다.
# 그러면 $10^{-4}$ 같은 숫자만으로는 알 수 있는 것이 별로 없습니다. 원소가 1 정도인 기울기에서는
# 아주 작은 값이지만, 원소가 $10^{-4}$ 정도인 기울기에서는 기울기 자체만큼 큰 값이기 때문입니다.
# **상대 오차**는 차이를 기울기의 크기로 나눈 값입니다.
#
# $$\text{relative error} = \frac{\lVert g_{\text{backprop}} - g_{\text{numerical}}\rVert}
#   {\max(\lVert g_{\text{backprop}}\rVert,\ \lVert g_{\text{numerical}}\rVert)} ,$$
#
# 여기서 $\lVert\cdot\rVert$는 배열 전체의 제곱합의 제곱근입니다. 역전파가 틀렸다면 규모와
# 상관없이 0.1에서 1 정도, 또는 그 이상이 나옵니다. 두 수치를 모두 출력하고, 상대 오차가
# $10^{-4}$보다 작으면 통과로 봅니다.

# %%
THRESHOLD = 1e-4

def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b))

def gradient_check(grad_backprop, grad_numerical):
    """매개변수마다 책의 평균 |차이|와 상대 오차를 출력하고 반환한다."""
    result = {}
    for key in ("W1", "b1", "W2", "b2"):
        mean_diff = np.mean(np.abs(grad_backprop[key] - grad_numerical[key]))
        error = relative_error(grad_backprop[key], grad_numerical[key])
        print(f"{key}: 평균 |차이| {mean_diff:.1e}   상대 오차 {error:.1e}   "
              f"{'ok' if error < THRESHOLD else 'WRONG'}")
        result[key] = (mean_diff, error)
    return result

check = gradient_check(grad_backprop, grad_numerical)
assert all(error < THRESHOLD for _, error in check.values())

# %% [markdown]
# **수치의 크기 읽기.** 평균 차이는 약 $10^{-10}$(`W1`)부터 $10^{-7}$(`b2`)까지이고, 상대
# 오차는 모두 약 $10^{-6}$입니다. 오차역전파법과 수치 미분이 여섯 자리까지 일치한다는 뜻입니다.
# 배정밀도의 열여섯 자리가 아니라 왜 여섯 자리일까요?
#
# * **배정밀도의 반올림 오차 때문은 아닙니다.** 2.3 정도인 손실에는 $10^{-16}$ 규모의 반올림
#   오차가 있고, 이를 $2h = 2\times10^{-4}$로 나누면 약 $10^{-12}$가 됩니다. 우리가 보는 값보다
#   훨씬 작습니다. $h^2$ 규모인 중심 차분의 절단 오차도 여기서는 훨씬 작습니다.
# * **손실의 `delta` 때문입니다.** `cross_entropy_error`는 $-\log(y + 10^{-7})$을 계산하지만,
#   역전파는 $-\log y$의 정확한 기울기인 $(y - t)/N$을 반환합니다. 둘은 $y/(y + \delta)$배만큼,
#   즉 상대적으로 $\delta / y_{\text{true}} \approx 10^{-7} / 0.1 = 10^{-6}$만큼 다릅니다. 학습
#   전의 신경망은 정답 클래스에 약 0.1의 확률을 주기 때문입니다. 이것이 바로 우리가 본
#   $10^{-6}$입니다. (학습된 신경망은 정답 클래스에 1에 가까운 확률을 주므로, 같은 확인을 하면
#   약 $10^{-7}$이 나옵니다.) 둘 다 임곗값 $10^{-4}$보다 훨씬 작습니다. 살짝 어긋난 쪽은
#   역전파가 아니라 손실입니다.
#
# `delta`를 없애면 확인 결과가 반올림 잡음 수준까지 내려갑니다. 다음 셀은 $-\log y$를 정확히
# 계산하는 손실 계층으로 `W2`와 `b2`(매개변수 510개라 금방 끝납니다)에 대해 확인을 되풀이합니다.
# 상대 오차는 약 $10^{-10}$으로, 평균 차이는 $10^{-13}$–$10^{-10}$으로 떨어집니다(네 매개변수를
# 모두 출력한다면 `W1`은 약 $10^{-13}$이 나올 것입니다). 이는 책에 출력된 차이와 비슷한
# 크기로, 학습 노트가 *"책에서는 소수점 이하 13번째까지도 가는데"*라며 감탄했던 바로 그
# 값입니다.

# %%
class ExactLogLoss(SoftmaxWithLoss):
    """delta가 없는 Softmax-with-Loss: -log(y)를 정확히 계산한다(이 확인에서만 쓸 것)."""
    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        self.loss = -np.sum(t * np.log(self.y)) / x.shape[0]
        return self.loss

exact_net = TwoLayerNet(784, 50, 10)
exact_net.lastLayer = ExactLogLoss()
exact_backprop = exact_net.gradient(x_batch, t_batch)
for key in ("W2", "b2"):
    exact_numerical = numerical_gradient(lambda _: exact_net.loss(x_batch, t_batch),
                                         exact_net.params[key])
    exact_error = relative_error(exact_backprop[key], exact_numerical)
    print(f"{key}, delta 없음: 상대 오차가 1e-8 미만인가: {exact_error < 1e-8}"
          f"   (delta 있음: {check[key][1]:.1e})")
    assert exact_error < 1e-8 < 1e-7 < check[key][1]

# %% [markdown]
# **선택: 단정밀도라면?** (곁가지입니다. 핵심 흐름은 7절로 이어집니다.) 딥러닝 코드는 흔히
# 유효숫자가 7자리 정도뿐인 단정밀도로 계산합니다. 학습에는 그것으로 충분하지만 수치 미분에는
# 그렇지 않습니다. 이제 손실에 $10^{-7}$ 규모의 반올림 오차가 있고, 이를 $2h$로 나누면 *모든*
# 수치 미분값에 약 $10^{-3}$의 오차가 생깁니다. 상당수 기울기 원소만큼이나 큰 값입니다. 그래서
# 제공된 `numerical_gradient`는 단정밀도 배열을 받지 않으며, 다음 셀은 신경망의 단정밀도 사본과
# 단정밀도 이미지로 같은 반복문을 직접 돌립니다. 상대 오차는 1000분의 몇에서 10분의 몇 사이로
# 나옵니다(정확한 값은 컴퓨터마다 다르므로 셀은 임곗값과 비교한 결과만 출력합니다). 단정밀도에서는
# 올바른 신경망도 진짜 버그만큼 틀려 보일 수 있습니다. **기울기 확인은 배정밀도로 하세요.**

# %%
net32 = TwoLayerNet(784, 50, 10, dtype=np.float32)
x32, t32 = x_batch.astype(np.float32), t_batch.astype(np.float32)
backprop32 = net32.gradient(x32, t32)
for key in ("b1", "W2", "b2"):
    param, numerical32 = net32.params[key], np.zeros_like(net32.params[key])
    for index in np.ndindex(param.shape):      # numerical_gradient의 반복문을 단정밀도로
        original = param[index]
        param[index] = original + 1e-4
        f_plus = net32.loss(x32, t32)
        param[index] = original - 1e-4
        f_minus = net32.loss(x32, t32)
        param[index] = original
        numerical32[index] = (f_plus - f_minus) / (2 * 1e-4)
    error32 = relative_error(backprop32[key].astype(np.float64), numerical32.astype(np.float64))
    print(f"{key}, 단정밀도: 상대 오차가 임곗값 1e-4를 넘는가: {error32 > THRESHOLD}"
          f"   (배정밀도: {check[key][1]:.1e})")
    assert error32 > THRESHOLD

# %% [markdown]
# ## 7 · 오차역전파법을 사용한 학습
#
# 이제 1절의 전체 그림을 책의 설정대로 코드로 옮깁니다. 은닉 뉴런 50개, 미니배치 크기 100,
# 학습률 0.1, 반복 횟수 10,000번입니다. `train`은 학습 반복문 그 자체이며, 실습 7과 같은
# 시그니처를 가집니다. `iters`번의 반복마다 미니배치를 무작위로 뽑고(책이 `np.random.choice`로
# 하듯이, 여기서는 난수 생성기 `rng`로), 오차역전파법으로 기울기를 구하고, 모든 매개변수를
# 제자리에서 갱신하고, 미니배치 손실을 기록합니다. 반환값은 그 손실들의 리스트입니다.
#
# **에폭**은 훈련 데이터에 든 샘플 수만큼을 보는 데 필요한 반복 횟수입니다. 함께 제공된
# 부분집합에서는 $10{,}000 / 100 = 100$번, 전체 데이터셋에서는 $60{,}000 / 100 = 600$번입니다.
# `fit`은 난수 생성기 하나로 `train`을 한 번에 반복 한 번씩 실행하면서(따라서 배치는 한 번에
# 길게 호출할 때와 같습니다) 그때그때 측정합니다. 반복마다 가장 큰 가중치를, 에폭마다 훈련
# 데이터 전체와 시험 데이터 전체에 대한 정확도를 잽니다. (책은 각 에폭의 *시작*에서 측정합니다.
# 우리는 학습 전에 한 번, 그리고 각 에폭이 끝날 때마다 측정하므로 마지막 점은 학습을 마친
# 신경망의 값입니다.) 또 가중치가 한 번이라도 `nan`(숫자가 아닌 값)이 되면 일찍 멈춥니다. 그 뒤의
# 갱신도 모두 `nan`이 되기 때문입니다. 올바른 신경망은 그런 일을 겪지 않지만, 9절에서는 이
# 기능이 필요합니다.

# %%
def train(network, x_train, t_train, iters, batch_size, lr, rng):
    """실습 7과 같은 미니배치 SGD: iters번 갱신하고, 미니배치마다의 손실을 반환한다."""
    train_size = x_train.shape[0]
    loss_history = []
    for i in range(iters):
        batch_mask = rng.choice(train_size, batch_size)            # 1. 미니배치
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)                  # 2. 기울기
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= lr * grad[key]                  # 3. 제자리에서 갱신
        loss_history.append(network.loss(x_batch, t_batch))       # 4. 반복
    return loss_history


def fit(network, iters_num=10_000, batch_size=100, learning_rate=0.1, seed=0):
    """train을 한 번에 반복 한 번씩 실행하며 그래프에 필요한 값을 기록한다: 반복마다의
    손실과 |W1|의 최대 원소, 학습 전과 매 에폭이 끝난 뒤의 정확도."""
    rng = np.random.default_rng(seed)
    iter_per_epoch = max(x_train.shape[0] // batch_size, 1)
    history = {"loss": [], "train_acc": [network.accuracy(x_train, t_train)],
               "test_acc": [network.accuracy(x_test, t_test)], "W1_size": []}
    for i in range(iters_num):
        history["loss"] += train(network, x_train, t_train, 1, batch_size, learning_rate, rng)
        history["W1_size"].append(np.max(np.abs(network.params["W1"])))
        dead = np.isnan(network.params["W1"]).any()               # nan인 가중치는 계속 nan
        if (i + 1) % iter_per_epoch == 0 or dead:                  # 에폭의 끝
            history["train_acc"].append(network.accuracy(x_train, t_train))
            history["test_acc"].append(network.accuracy(x_test, t_test))
        if dead:
            break
    return history

network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
history = fit(network)
epochs = len(history["test_acc"]) - 1
print(f"반복 {len(history['loss']):,}번, {epochs}에폭")
for epoch in [e for e in (0, 1, 2, 5, 10, 20, 50) if e < epochs] + [epochs]:
    print(f"에폭 {epoch:3d}: 훈련 정확도 {history['train_acc'][epoch]:.3f}, "
          f"시험 정확도 {history['test_acc'][epoch]:.3f}")
final_test_accuracy = history["test_acc"][-1]
assert len(history["loss"]) == 10_000
assert final_test_accuracy >= 0.90

# %% [markdown]
# 함께 제공된 부분집합에서 최종 시험 정확도는 약 0.93입니다. 셀은 여유를 두고 **0.90**을
# 기준으로 확인하므로, 검사 결과가 마지막 자릿수에 좌우되지 않습니다. 전체 데이터셋에서는(코랩이든
# 인터넷에 연결된 어느 곳이든) 같은 설정으로 약 97 %에 이릅니다.
#
# 두 그래프는 거기까지 가는 과정을 보여 줍니다. **왼쪽**은 미니배치마다의 손실입니다. 처음 수백
# 번의 반복에서 가파르게 떨어지다가 그 뒤로는 천천히 줄어듭니다. 점 하나하나가 무작위로 뽑은
# 서로 다른 100개짜리 배치이므로 들쭉날쭉합니다. **오른쪽**은 에폭마다 잰 훈련 데이터(파란색)와
# 시험 데이터(주황색)의 정확도입니다. 처음 몇 에폭 동안은 둘 다 빠르게 오릅니다. 그 뒤로 훈련
# 정확도는 100 %를 향해 계속 오르지만 시험 정확도는 더 오르지 않습니다. 신경망이 훈련 이미지
# 10,000장을 외우기 시작한 것입니다. 이렇게 벌어지는 격차가 **오버피팅**입니다. 부분집합에서는
# 반복 10,000번이 같은 이미지를 100번 훑는 셈이기 때문입니다. 전체 데이터셋에서는 반복
# 10,000번이 17에폭 정도에 불과해서, 책에서처럼 두 곡선이 가깝게 붙어 있습니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
axes[0].plot(history["loss"], lw=0.5, color="tab:blue")
axes[0].set(title="Training loss of each mini-batch", xlabel="iteration",
            ylabel="loss (cross-entropy)", ylim=(0, 2.5))
axes[0].grid(alpha=0.3)
axes[1].plot(history["train_acc"], label="train", color="tab:blue")
axes[1].plot(history["test_acc"], label="test", color="tab:orange", ls="--")
axes[1].set(title="Accuracy after each epoch", xlabel="epoch", ylabel="accuracy",
            ylim=(0, 1.02))
axes[1].legend(loc="lower right")
axes[1].grid(alpha=0.3)
fig.suptitle("Training TwoLayerNet with backpropagation: hidden 50, batch 100, lr 0.1")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 8 · 신경망이 보는 것
#
# *선택:* 숫자 이미지를 직접 보는 절로, 뒤의 내용은 이 절에 기대지 않습니다. 수치만 보았으니
# 이번에는 숫자를 봅시다. 그림은 시험 이미지 15장과 함께 신경망의 예측, 그리고 괄호 안에 정답
# 레이블을 보여 줍니다. 처음 두 줄은 그냥 시험 이미지 앞쪽 10장이고, 마지막 줄은 신경망이
# **틀린** 처음 다섯 장을 빨간색으로 보여 줍니다. 틀린 것은 대부분 사람이라도 잠시 망설일 만한
# 숫자입니다. 저장된 출력에는 예를 들어 위쪽 획이 나머지와 떨어져 떠 있는 5, 그리고 4처럼 보이는
# 9가 있습니다.

# %%
test_labels = np.argmax(t_test, axis=1)
predictions = np.argmax(network.predict(x_test), axis=1)
wrong = np.flatnonzero(predictions != test_labels)
shown = list(range(10)) + list(wrong[:5])

fig, axes = plt.subplots(3, 5, figsize=(8, 5.6))
for ax, index in zip(axes.flat, shown):
    ax.imshow(x_test[index].reshape(28, 28), cmap="gray_r")
    ok = predictions[index] == test_labels[index]
    ax.set_title(f"{predictions[index]} (true {test_labels[index]})",
                 color="black" if ok else "red", fontsize=11)
    ax.axis("off")
fig.suptitle("Test digits: prediction (true label); the last row: the first five mistakes")
fig.tight_layout()
plt.show()
print("시험 레이블 앞 10개:", test_labels[:10], "  그중 틀린 개수:",
      int(np.sum(predictions[:10] != test_labels[:10])))
assert len(wrong) == round((1 - final_test_accuracy) * len(x_test))

# %% [markdown]
# ## 9 · 디버깅 클리닉: 10 %에서 멈춘 정확도
#
# 한 학습 노트는 바로 이 신경망을 만들어 전체 MNIST 데이터셋에서 바로 이 설정으로 학습했고,
# 다음과 같은 결과를 얻었습니다.
#
# ```
# train_acc, test_acc | 0.1118, 0.1144
# train_acc, test_acc | 0.0993, 0.1032
# ...
# train_acc, test_acc | 0.09871666666666666, 0.098      (끝까지 같음)
# ```
#
# 그리고 *"왜 정확도 개선이 안 되지?"*라는 말을 남겼습니다. 이 노트의 기울기 확인은 다음을
# 출력했고,
#
# ```
# w1:0.00012851625382384843  b1:0.0009881256155063179  w2:0.0028280701437851477
# b2:0.06666666678657075
# ```
#
# 작성자는 오차가 커 보이는데 원인은 모르겠다고 적었습니다. 원인은 함수 하나, 노트의
# `softmax`입니다. 이 함수는 최댓값과 합을 각 행이 아니라 **배치 전체**에 대해 구합니다.
#
# ```python
# def softmax(x):
#   c = np.max(x)
#   exp_x = np.exp(x-c)
#   sum_exp_x = np.sum(exp_x)
#   y = exp_x / sum_exp_x
# ```
#
# 이 함수가 배치에 무슨 일을 하는지는 6장에서 보았습니다. 여기서는 모르는 척 탐정 노릇을 해
# 보겠습니다. 노트의 신경망을 다시 만들고, 증상을 재현하고, 기울기 확인을 따라 버그까지 찾아갑니다.
#
# ### 9.1 증상
#
# 노트의 손실 계층은 우리 `SoftmaxWithLoss`에 그 소프트맥스를 넣은 것이고, 다른 점은 전혀
# 없습니다. 이 계층을 새 신경망의 `lastLayer`로 넣고 같은 설정, 같은 시드로 학습합니다. 학습
# 도중 오버플로 경고가 나오는데, 노트북을 깔끔하게 유지하려고 `np.errstate` 블록으로 경고를
# 끕니다. (노트에서는 그런 경고 하나가 깨진 글자로 정확도 출력 한가운데에 끼어 있었습니다. 그것이
# 단서였습니다.)

# %%
def softmax_whole_batch(x):
    """학습 노트의 소프트맥스: 배치 전체에 대해 최댓값 하나, 합 하나."""
    c = np.max(x)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x)


class NoteSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.t, self.y = t, softmax_whole_batch(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


note_net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
note_net.lastLayer = NoteSoftmaxWithLoss()
note_first_loss = note_net.loss(x_train[:100], t_train[:100])
print(f"첫 손실: {note_first_loss:.2f}   기대한 값은 ln 10 = {np.log(10):.4f}인데, "
      f"실제로는 ln 1000 = {np.log(1000):.4f}")
with np.errstate(over="ignore", invalid="ignore"):
    note_history = fit(note_net)
    note_predictions = np.argmax(note_net.predict(x_test), axis=1)
for epoch in range(0, len(note_history["test_acc"]), 5):
    print(f"에폭 {epoch:3d}: 훈련 정확도 {note_history['train_acc'][epoch]:.4f}, "
          f"시험 정확도 {note_history['test_acc'][epoch]:.4f}")
first_nan = int(np.argmax(np.isnan(note_history["loss"]))) + 1
print(f"손실은 {first_nan:,}번째 반복에서, 가중치는 {len(note_history['loss']):,}번째 "
      f"반복에서 nan이 됨; 최종 시험 정확도 {note_history['test_acc'][-1]:.4f}")
print("시험 데이터에 대한 예측 숫자 (0..9 각각의 개수):", np.bincount(note_predictions,
                                                                        minlength=10))
assert abs(note_first_loss - np.log(1000)) < 0.01 and round(np.log(1000), 4) == 6.9078
assert note_history["test_acc"][-1] < 0.2 and np.all(note_predictions == 0)

# %% [markdown]
# 증상이 재현되었습니다. 게다가 "학습이 안 된다"보다 더 이상합니다.
#
# * **첫 손실부터 틀렸습니다.** $\ln 10 = 2.3026$이 아니라 $\ln 1000 = 6.9078$입니다. 배치 전체에
#   대한 소프트맥스는 확률 1을 배치의 원소 $100 \times 10 = 1000$개 전체에 나누어 주므로, 각 정답
#   클래스는 약 $1/1000$을 받습니다. 첫 손실을 확인하는 한 줄(5절)만 있었어도 학습을 시작하기
#   전에 경보가 울렸을 것입니다.
# * **가중치가 폭발합니다.** 아래의 가운데 그래프는 $|W_1|$의 최대 원소를 로그 눈금으로 그린
#   것입니다. 로그 눈금에서 직선이므로 지수적으로 증가한다는 뜻이며, 대략 15번 반복할 때마다
#   10배씩 커집니다.
#   $10^{100}$을 넘어서고, 약 2,000번 반복한 뒤에는 점수가 `inf`로 오버플로합니다. `inf - inf`는
#   `nan`이므로 한 번 더 반복하면 모든 가중치가 `nan`이 되고, `fit`은 멈춥니다.
# * **그러면 "정확도"는 0의 비율이 됩니다.** `nan`으로 채워진 행의 `np.argmax`는 0을 반환하므로,
#   죽은 신경망은 모든 이미지에 0이라고 답합니다. 그러면 정확도는 데이터에서 0이 차지하는 비율이
#   됩니다. 함께 제공된 부분집합에서는 시험 이미지 2,000장 중 175장, 즉 0.0875입니다. 노트에서
#   멈춰 있던 수치도 전체 데이터셋에서 일어난 같은 현상입니다. $5{,}923 / 60{,}000 = 0.0987166\ldots$과
#   $980 / 10{,}000 = 0.098$은 정확히 MNIST의 훈련 데이터와 시험 데이터에서 숫자 0이 차지하는
#   비율입니다.

# %%
share_of_zeros = float(np.mean(np.argmax(t_test, axis=1) == 0))
print("시험 데이터에서 0의 비율:", share_of_zeros, "  note_net의 정확도:",
      note_history["test_acc"][-1])
print("노트의 수치:", round(5923 / 60000, 10), 980 / 10000)
assert note_history["test_acc"][-1] == share_of_zeros
assert round(5923 / 60000, 10) == 0.0987166667 and 980 / 10000 == 0.098

fig, axes = plt.subplots(1, 3, figsize=(14, 3.8))
for h, name, style in [(history, "correct softmax", "-"),
                       (note_history, "note's softmax", "--")]:
    axes[0].plot(h["loss"], ls=style, lw=0.8, label=name)
    axes[1].plot(h["W1_size"], ls=style, label=name)
    axes[2].plot(h["test_acc"], ls=style, label=name)
axes[0].set(title="Mini-batch loss", xlabel="iteration", ylabel="loss", ylim=(0, 18))
axes[1].set(title="Largest |W1| entry (log scale)", xlabel="iteration", yscale="log",
            yticks=[1e0, 1e50, 1e100, 1e150])
axes[2].set(title="Test accuracy after each epoch", xlabel="epoch", ylim=(0, 1.02))
for ax in axes:
    ax.grid(alpha=0.3)
    ax.legend(loc="center right")
fig.suptitle("The note's network next to the correct one: same data, same seeds, one function changed")
fig.tight_layout()
plt.show()

# %% [markdown]
# 왼쪽 그래프에서 노트의 손실은 6.9에서 올라가 16.12에서 평평해지는데, 이 값은
# $-\log(10^{-7})$입니다(6장). 정답 클래스가 확률 0을 받고, `delta` 덕분에 손실이 겨우 유한한
# 값으로 남는 것입니다. 선은 손실이 `nan`이 되는 곳에서 끝납니다. 오른쪽 그래프는 정확도입니다. 올바른
# 신경망의 곡선은 7절의 것이고, 노트의 곡선은 0.1 근처에서 평평합니다.
#
# ### 9.2 기울기 확인이 마지막 계층을 가리킨다
#
# 정확도와 손실은 무언가 잘못되었다는 *사실*을 알려 줍니다. 기울기 확인은 *어디가*
# 잘못되었는지 알려 줍니다. 오차역전파법의 결과를 신경망 자신의 순전파로 구한 수치 미분과
# 비교하므로, 순전파와 맞지 않는 역전파는 곧바로 드러납니다. 6절과 같은 3장짜리 배치로
# 확인합니다.

# %%
note_check = TwoLayerNet(784, 50, 10)
note_check.lastLayer = NoteSoftmaxWithLoss()
note_result = gradient_check(note_check.gradient(x_batch, t_batch),
                             note_check.numerical_gradient(x_batch, t_batch))
b2_diff = note_result["b2"][0]
print("b2의 평균 |차이| =", round(b2_diff, 4), "   (1 - 1/N)/C =", round((1 - 1 / 3) / 10, 4))
assert all(error > 0.1 for _, error in note_result.values())
assert round(b2_diff, 4) == 0.0667 and abs(b2_diff - (1 - 1 / 3) / 10) < 1e-6

# %% [markdown]
# 노트의 수치가 `b2: 0.0667`까지 그대로 다시 나왔습니다. 이제 상대 오차가 분명하게 말해 줍니다.
# `b2`만이 아니라 **모든** 매개변수가 30~40 % 틀렸습니다. 노트의 `w1: 0.000128`이 괜찮아
# 보였던 것은 `W1`의 기울기 자체가 그만큼 작기 때문일 뿐입니다. 평균 차이에는 기준이 되는 규모가
# 없습니다(6절).
#
# **선택: 왜 정확히 $0.0667$일까?** (건너뛰어도 되는 유도입니다. 클리닉은 9.3으로 이어집니다.)
# 노트의 계층이 실제로 계산하는 순전파를 식으로 써 봅시다. $N$개 샘플과 $C$개 클래스의 점수를
# $a_{nj}$라 하고, 배치 전체에 공통인 분모 $S = \sum_{m,k} e^{a_{mk}}$를 쓰며
# $y_{nj} = e^{a_{nj}}/S$라 하면, 손실과 그 기울기는 (아주 작은 `delta`를 무시하면) 다음과
# 같습니다.
#
# $$L = -\frac{1}{N}\sum_n \log y_{n,t_n} = -\frac{1}{N}\sum_n a_{n,t_n} + \log S ,
# \qquad\text{so}\qquad \frac{\partial L}{\partial a_{nj}} = y_{nj} - \frac{t_{nj}}{N} .$$
#
# 그런데 이 계층의 역전파는 여전히 행 단위 소프트맥스의 공식인 $(y_{nj} - t_{nj})/N$을
# 반환합니다. 둘의 차이는 다음과 같습니다.
#
# $$\frac{y_{nj} - t_{nj}}{N} - \Bigl(y_{nj} - \frac{t_{nj}}{N}\Bigr)
#   = -\Bigl(1 - \frac{1}{N}\Bigr)\,y_{nj} .$$
#
# 편향의 기울기는 점수의 기울기를 배치에 대해 합한 것이므로(5장), $\partial L/\partial b_j$의
# 오차는 $-(1 - 1/N)\sum_n y_{nj}$입니다. $C$개 편향에 대해 그 절댓값의 평균을 내면
# $\frac{1}{C}(1 - \frac1N)\sum_{n,j} y_{nj}$이고, 배치 전체에 대한 소프트맥스에서는 $y_{nj}$를
# **모두** 더하면 정확히 1입니다. 남는 것은
#
# $$\text{mean}\,|\text{diff}|_{b_2} = \frac{1 - 1/N}{C} = \frac{1 - 1/3}{10} = 0.0667 ,$$
#
# 이고, 이는 가중치나 이미지, 레이블이 무엇이든 성립합니다. 노트의 값에 6이 그토록 많이 반복되는
# 이유가 이것입니다. (소수점 열째 자리부터의 숫자 …678…은 중심 차분의 절단 오차입니다. $h$를
# 10분의 1로 줄이면 100분의 1로 줄어듭니다.) 이 공식은 곧바로 시험해 볼 수 있는 예측을
# 내놓습니다. 오차는 배치 크기 $N$에 따라 달라지고, $N = 1$이면 **0**입니다.

# %%
for N in (1, 2, 3, 5):
    xs, ts = x_train[:N], t_train[:N]
    diff_N = np.mean(np.abs(note_check.gradient(xs, ts)["b2"]
                            - numerical_gradient(lambda _: note_check.loss(xs, ts),
                                                 note_check.params["b2"])))
    print(f"N = {N}: b2의 평균 |차이| = {diff_N:.4f}   (1 - 1/N)/C = {(1 - 1 / N) / 10:.4f}")
    assert abs(diff_N - (1 - 1 / N) / 10) < 1e-6

# %% [markdown]
# 샘플이 하나뿐이면 배치 전체가 곧 한 행이므로 노트의 소프트맥스도 올바르고, 기울기 확인도
# 통과합니다. 샘플 하나로 하는 검사는 모두 피해 가는 버그입니다. 꼭 기억해 두세요.
#
# ### 9.3 계층을 하나씩 확인하기
#
# 네 매개변수가 모두 틀렸고 `W1`의 기울기는 모든 계층을 거쳐 거꾸로 흘러오므로, 신경망 전체를
# 확인해서는 어느 계층이 잘못인지 알 수 없습니다. 다음 단계는 4장과 5장에서 쓴 확인 방법으로 각
# 계층을 따로 확인하는 것입니다. 무작위로 `dout`을 하나 고르고 숫자
# $L = \sum \text{dout} \odot \text{forward}(x)$를 정의하면, 이 값의 기울기는 정확히
# `backward(dout)`이어야 합니다. 손실 계층은 원래 숫자 하나를 내므로 그대로 확인합니다. 신경망이
# 우리 이미지 3장에 대해 내는 점수로, 샘플 하나로 한 번, 세 개로 한 번 확인합니다.

# %%
rng = np.random.default_rng(0)

def check_one_layer(layer, x):
    """sum(dout * out)의 수치 미분에 대한 layer.backward의 상대 오차."""
    dout = rng.standard_normal(layer.forward(x).shape)
    backward = layer.backward(dout)
    numerical = numerical_gradient(lambda x_: np.sum(dout * layer.forward(x_)), x)
    return relative_error(backward, numerical)

def check_loss_layer(layer, scores, t):
    layer.forward(scores, t)
    backward = layer.backward(1)
    numerical = numerical_gradient(lambda s: layer.forward(s, t), scores)
    return relative_error(backward, numerical)

x_small = rng.standard_normal((3, 5))
x_small[np.abs(x_small) < 1e-3] = 0.5                      # ReLU가 꺾이는 점 근처는 피한다
scores = note_check.predict(x_batch)
results = {
    "Affine (샘플 3개)": check_one_layer(Affine(rng.standard_normal((5, 4)),
                                                rng.standard_normal(4)), x_small),
    "Relu (샘플 3개)": check_one_layer(Relu(), x_small),
    "노트의 손실 계층, 샘플 1개": check_loss_layer(NoteSoftmaxWithLoss(), scores[:1],
                                                    t_batch[:1]),
    "노트의 손실 계층, 샘플 3개": check_loss_layer(NoteSoftmaxWithLoss(), scores, t_batch),
}
for name, error in results.items():
    shown = "< 1e-8 " if error < 1e-8 else f"{error:.1e}"       # 반올림 잡음: 컴퓨터마다 다르다
    print(f"{name:30s} 상대 오차 {shown}   {'ok' if error < THRESHOLD else 'WRONG'}")
assert max(list(results.values())[:3]) < THRESHOLD < 0.1 < results["노트의 손실 계층, 샘플 3개"]

# %% [markdown]
# Affine 계층과 Relu 계층은 통과합니다. 손실 계층은 샘플 하나로는 통과하지만 셋으로는 실패합니다.
# 버그는 `NoteSoftmaxWithLoss`에 있고, 배치와 관련이 있습니다. 역전파는 교과서대로
# $(y - t)/N$이므로, 순전파가 `y`에 무엇을 넣는지 살펴보고, 모든 소프트맥스 출력이 갖춰야 할
# 성질 하나를 시험합니다. **각 행은 확률분포이므로 행마다 합이 1이어야 합니다.**

# %%
y_note = softmax_whole_batch(scores)
y_rows = softmax(scores)
print("노트의 소프트맥스, 행의 합: ", np.round(y_note.sum(axis=1), 4),
      "  전체 합:", round(y_note.sum(), 4))
print("행 단위 소프트맥스, 행의 합:", np.round(y_rows.sum(axis=1), 4))
assert not np.allclose(y_note.sum(axis=1), 1) and np.isclose(y_note.sum(), 1)
assert np.allclose(y_rows.sum(axis=1), 1)

# %% [markdown]
# 찾았습니다. 각 행의 합은 $1/3$ 정도이고, 배치 전체를 더해야 1이 됩니다. `axis` 없이 쓴
# `np.max(x)`와 `np.sum(exp_x)`는 $N \times C$개의 숫자 **전체**에 대해 계산하기 때문입니다.
# (학습할 때는 $N = 100$이었으므로 각 행의 합이 $1/100$ 정도였습니다.)
#
# 이 버그는 왜 학습을 늦추는 데 그치지 않고 아예 망가뜨렸을까요? 올바른 소프트맥스라면 역전파
# 신호 $(y - t)/N$의 각 행은 합이 0입니다. 정답 클래스의 점수를 올리는 만큼 정확히 다른 점수들을
# 내립니다. 그리고 한 샘플의 점수를 모두 똑같이 올리는 것은 아무것도 바꾸지 않습니다. 행의 합이 $1/N$이면
# 신호는 거의 "정답 클래스를 올려라"뿐이고, 반대로 끌어내리는 힘이 없습니다. 그러면 갱신할
# 때마다 가중치가 커지고, 커진 가중치는 다음 갱신을 더 크게 만듭니다. 9.1의 가운데 그래프에서 본
# 폭발이 바로 이것입니다.
#
# ### 9.4 수정, 그리고 증명
#
# 최댓값과 합을 클래스 축을 따라 구하고, 그 축을 유지해서 행마다의 최댓값과 합이 그 행 전체에
# 브로드캐스트되게 합니다. 즉 `axis=1, keepdims=True`입니다(6장 3절). 그다음 세 가지를
# 확인합니다. 행의 합이 1인지, 기울기 확인을 통과하는지, 학습이 되는지입니다.

# %%
def softmax_fixed(x):
    """수정한 노트의 소프트맥스: 행마다 최댓값 하나, 합 하나."""
    c = np.max(x, axis=1, keepdims=True)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x, axis=1, keepdims=True)


class FixedSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.t, self.y = t, softmax_fixed(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss


print("수정한 소프트맥스, 행의 합:", np.round(softmax_fixed(scores).sum(axis=1), 4))
fixed_check = TwoLayerNet(784, 50, 10)
fixed_check.lastLayer = FixedSoftmaxWithLoss()
fixed_result = gradient_check(fixed_check.gradient(x_batch, t_batch),
                              fixed_check.numerical_gradient(x_batch, t_batch))
assert np.allclose(softmax_fixed(scores).sum(axis=1), 1)
assert all(error < THRESHOLD for _, error in fixed_result.values())

# %% [markdown]
# 이제 같은 설정과 같은 시드로 다시 학습합니다. 수정한 계층은 우리 `SoftmaxWithLoss`와 정확히
# 같은 것을 계산하므로, 7절의 결과를 마지막 자릿수까지 재현해야 합니다. 시간을 아끼려고 2,000번
# 반복(부분집합에서 20에폭)한 뒤 멈추고 7절의 같은 에폭들과 비교합니다. 결과가 똑같으므로 나머지
# 8,000번을 반복해도 7절의 결과에 이를 것입니다. 차이는 버그 하나뿐이었습니다.

# %%
fixed_net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
fixed_net.lastLayer = FixedSoftmaxWithLoss()
fixed_history = fit(fixed_net, iters_num=2_000)
n_epochs = len(fixed_history["test_acc"])
same = fixed_history["test_acc"] == history["test_acc"][:n_epochs]
print(f"2,000번 반복한 뒤: 시험 정확도 {fixed_history['test_acc'][-1]:.3f}  "
      f"(노트의 신경망: {note_history['test_acc'][-1]:.4f})")
print(f"에폭마다 7절과 똑같은가: {same}")
assert same and fixed_history["test_acc"][-1] >= 0.85
assert fixed_history["loss"] == history["loss"][:2_000]

# %% [markdown]
# ### 9.5 클리닉의 교훈
#
# > **흔한 실수: 기울기 확인 없이 새 계층을 믿기.** 노트의 신경망은 오류 하나 없이 실행되었습니다.
# > 모든 증상(2.3이 아니라 6.9인 첫 손실, 0.067이라는 기울기 확인 오차, 0의 비율에서 멈춘
# > 정확도)이 마지막 계층을 가리켰지만, 그것을 숫자로 말해 준 것은 기울기 확인뿐이었습니다.
# > 학습을 시작하기 전에, 새로 만든 계층은 모두 배정밀도에서 상대 오차와 임곗값을 써서 수치 미분과
# > 비교해 보세요.
#
# > **흔한 실수: 샘플 하나로 시험하기.** $N = 1$이면 배치 전체에 대한 소프트맥스도 올바르므로
# > 기울기 확인을 통과하고, 버그는 숨은 채로 남습니다(9.2절). 계층은 샘플 **2개 이상**의 배치로,
# > 가능하면 행마다 값이 다른 배치로 시험하세요.
#
# 이 클리닉에서 배울 습관이 세 가지 더 있는데, 모두 코드 한 줄이면 됩니다. 첫 손실을 $\ln C$와
# 비교하기, 출력이 반드시 가져야 할 성질을 `assert`로 확인하기(소프트맥스의 각 행은 합이 1), 그리고
# 자기 코드에서 넘파이의 오버플로 경고와 `nan` 경고를 먼저 읽어 보지도 않고 끄지 않기입니다.
#
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 학습 | learning, training | 신경망이 훈련 데이터에 맞도록 가중치와 편향을 조정하는 일 |
# | 훈련 데이터 / 시험 데이터 | training data / test data | 학습에 쓰는 이미지 / 정확도를 재려고 따로 떼어 둔 이미지 |
# | 미니배치 | mini-batch | 한 단계에 쓰는, 무작위로 뽑은 작은 훈련 샘플 묶음(여기서는 100개) |
# | 확률적 경사 하강법 | stochastic gradient descent (SGD) | 무작위 미니배치로 되풀이하는 갱신 $W \leftarrow W - \eta\,\partial L/\partial W$ |
# | 학습률 | learning rate | $\eta$, 한 번 갱신할 때 움직이는 폭(여기서는 0.1) |
# | 매개변수 | parameter | 신경망이 학습하는 수: `W1`, `b1`, `W2`, `b2`의 원소 |
# | 가중치 / 편향 | weight / bias | 행렬 `W1`, `W2` / 벡터 `b1`, `b2` |
# | 반복 | iteration | 미니배치 하나로 하는 한 단계: 기울기 계산과 갱신 |
# | 에폭 | epoch | 훈련 데이터의 샘플 수만큼을 보는 데 필요한 반복 횟수 |
# | 순전파 / 역전파 | forward / backward propagation | 손실을 왼쪽에서 오른쪽으로 계산하기 / 기울기를 오른쪽에서 왼쪽으로 전달하기 |
# | 오차역전파법 | backpropagation | 순전파 한 번과 역전파 한 번으로 모든 기울기를 구하는 방법 |
# | 수치 미분 | numerical differentiation | 중심 차분 $(f(w+h)-f(w-h))/2h$, $h = 10^{-4}$: 매개변수 하나에 순전파 2번 |
# | 기울기 확인 | gradient check | 오차역전파법으로 구한 기울기를 수치 미분과 비교하기 |
# | 상대 오차 | relative error | $\lVert a - b\rVert / \max(\lVert a\rVert, \lVert b\rVert)$: 기울기의 크기를 기준으로 잰 오차. $10^{-4}$ 미만이면(배정밀도) 두 기울기가 일치한다고 봅니다 |
# | 순서가 있는 딕셔너리 | ordered dictionary | `OrderedDict`: `predict`가 실행하는 순서대로 계층을 담은 것 |
# | 점수 | score | 마지막 Affine 계층의 출력, 클래스마다 하나 |
# | 정확도 | accuracy | 점수가 가장 큰 클래스가 정답 클래스인 샘플의 비율 |
# | 오버피팅 | overfitting | 훈련 정확도는 계속 오르는데 시험 정확도는 멈추는 현상 |
# | 배정밀도 / 단정밀도 | float64 / float32 | 유효숫자가 약 16자리 / 7자리인 부동소수점 수 |
# | 오버플로 | overflow | 부동소수점으로 나타내기에 너무 큰 수: `inf`가 되고, 이어서 `nan`이 됨 |
# | 디버깅 | debugging | 틀린 결과의 원인을 찾는 일. 여기서는 기울기 확인으로 계층을 하나씩 짚어 가며 찾음 |
#
# ## 다음 장에서는
#
# **실습:** `ko/labs/ch07_two_layer_net.ipynb`. `TwoLayerNet.gradient`(계층
# 목록을 거꾸로 도는 역전파 반복문)와 학습 단계(미니배치, 기울기, 제자리 갱신)를 7절과 같은
# 시그니처의 `train`으로 작성하고, 계층 하나를 확인하는 자신만의 `gradient_check`도 작성합니다.
# 9.3절의 도구에 차분 간격, 꺾이는 점 처리, 판정을 더한 것입니다. 숨은 검사는 크기를 무작위로 정한
# 작은 신경망들에서 여러분의 기울기를 수치 미분과 비교하고, 함께 제공된 부분집합으로 시드를 고정한
# 짧은 학습을 돌려 정해진 정확도에 이르는지 봅니다. 부호를 거꾸로 쓰거나, 계층을 빠뜨리거나,
# 노트처럼 배치 전체에 대한 소프트맥스를 쓰면 통과할 수 없습니다.
#
# 이로써 책 5장을 따라온 이 강좌의 여정이 마무리됩니다. 계산 그래프로 푼 장보기 금액 계산에서
# 시작해 손글씨 숫자를 읽는 신경망에 이르기까지, 모든 기울기를 오차역전파법으로
# 구하고 수치 미분과 비교해 확인했습니다.
