# %% [markdown]
# # 6장 · Softmax-with-Loss: 출력층과 손실
#
# 『밑바닥부터 시작하는 딥러닝』(*Deep Learning from Scratch*)의 **§3.5**(소프트맥스 함수),
# **§4.2**(손실 함수, 교차 엔트로피 오차), **§5.6.3 Softmax-with-Loss 계층**을 다룹니다.
#
# 3장부터 5장까지는 신호를 신경망 *안에서* 전달하는 계층을 만들었습니다. 곱셈 노드와 덧셈 노드,
# ReLU와 Sigmoid, Affine이 그것입니다. 이 장에서는 신경망의 **끝**을 다룹니다. 마지막 Affine
# 계층이 내놓은 가공되지 않은 수를 클래스별 확률로 바꾸고, 이를 다시 신경망이 얼마나 틀렸는지
# 알려 주는 수 하나로 바꾸는 곳입니다. 모든 역전파가 **시작되는** 곳이기도 합니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다.**
#
# 1. 벡터의 소프트맥스를 손으로, 그리고 넘파이로 계산하고, 공식을 그대로 쓰면 왜 오버플로가
#    일어나는지, 최댓값을 빼면 왜 결과는 그대로인 채 문제가 해결되는지 설명할 수 있습니다.
# 2. 배치에 소프트맥스를 **행마다** 적용하고, 배치 전체를 한꺼번에 정규화한 한 학습 노트의
#    실제 버그를 알아볼 수 있습니다.
# 3. 원-핫 레이블과 정수 레이블로 교차 엔트로피 오차를 계산하고(책의 0.5108과 2.3026), 배치에
#    대해 평균을 내며, `log`를 보호하는 작은 `delta`를 쓸 수 있습니다.
# 4. `SoftmaxWithLoss` 계층을 작성하고, 그 역전파가 왜 단순히 $(\mathbf{y} - \mathbf{t})/N$이
#    되는지 유도하며, 이를 수치 미분으로 구한 기울기와 비교해 확인할 수 있습니다.
# 5. 학습에는 소프트맥스가 필요하지만 추론에는 필요 없는 이유를 설명할 수 있습니다.
#
# 아래의 첫 번째 제공 셀은 이 강좌의 `draw_graph`입니다(순전파 값은 에지 **위**에 검은색으로,
# 역전파 값은 에지 **아래**에 빨간색으로 표시합니다). 두 번째 셀은 실습에서 쓰는 도우미 함수
# `numerical_gradient`로, $h = 10^{-4}$인 중심 차분을 배열 원소 하나씩 계산합니다. 읽어 봐도
# 좋지만 꼭 읽을 필요는 없습니다.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 점수에서 확률로: 소프트맥스 함수
#
# 분류 신경망의 마지막 Affine 계층은 클래스마다 수를 하나씩 내놓습니다. 예를 들어 클래스가
# 셋이면 수도 셋입니다. 이렇게 가공되지 않은 출력을 **점수**(score) 또는 **로짓**(logit)이라고
# 합니다. 점수는 어떤 실수든 될 수 있습니다. 음수일 수도 있고 1보다 클 수도 있으며, 합이 어떤
# 정해진 값이 되지도 않습니다. 점수가 클수록 신경망이 그 클래스 쪽으로 더 기운다는 뜻이지만,
# 점수 자체는 확률이 아닙니다.
#
# **출력층**(output layer)의 **소프트맥스 함수**(softmax function)는 $C$개 클래스의 점수
# $a_0, \dots, a_{C-1}$을 $C$개의 확률로 바꿉니다.
#
# $$y_k = \frac{\exp(a_k)}{\sum_{i=0}^{C-1} \exp(a_i)} .$$
#
# 클래스 번호는 넘파이의 배열 인덱스나 책의 코드와 마찬가지로 0부터 매깁니다. 클래스가 셋이면
# 클래스 0, 클래스 1, 클래스 2이고, '클래스 2'는 원소 `y[2]`입니다.
#
# $\exp(a_k)$는 모두 양수이고, 이를 그 합으로 나누면 출력을 모두 더한 값이 1이 됩니다. 따라서
# 모든 $y_k$는 0과 1 사이에 있고, $y_k$들은 함께 클래스에 대한 **확률 분포**를 이룹니다. 책의
# 예는 점수 벡터 $(0.3, 2.9, 4.0)$입니다.

# %%
def softmax_naive(a):
    """점수 벡터 하나의 소프트맥스: 공식을 그대로 옮긴 것(안전하지 않음, 2절 참고)."""
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a)

a = np.array([0.3, 2.9, 4.0])
y = softmax_naive(a)
print("scores       :", a)
print("probabilities:", np.round(y, 3))
print("sum          :", round(float(np.sum(y)), 10))
assert np.allclose(np.round(y, 3), [0.018, 0.245, 0.737])
assert round(float(np.sum(y)), 10) == 1

# %% [markdown]
# 그림은 두 벡터를 나란히 보여 줍니다. 소프트맥스는 클래스의 **순서**를 그대로 유지하지만(가장
# 큰 점수가 가장 큰 확률이 됩니다) 차이는 부풀립니다. $\exp$가 매우 빠르게 커지기 때문입니다.
# 점수 차이 $4.0 - 2.9 = 1.1$은 확률의 비로는 $e^{1.1} \approx 3$이 됩니다. $y_2 = 0.737$은
# '신경망이 클래스 2일 가능성을 73.7 %로 본다'는 뜻으로 읽으면 됩니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
classes = ["class 0", "class 1", "class 2"]
for ax, values, name, colour in [(axes[0], a, "scores a (any real numbers)", "tab:gray"),
                                 (axes[1], y, "softmax(a): probabilities, sum = 1", "tab:blue")]:
    bars = ax.bar(classes, values, color=colour)
    ax.bar_label(bars, labels=[f"{v:.3f}" if name.startswith("softmax") else f"{v:.1f}"
                               for v in values])
    ax.set_title(name)
    ax.set_ylim(0, max(values) * 1.2)
fig.suptitle("The book's example: softmax turns scores (0.3, 2.9, 4.0) into probabilities")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 2 · 오버플로와 최댓값 빼기
#
# $\exp$는 폭발적으로 커집니다. 64비트 부동소수점에서 가장 큰 수는 약 $1.8 \times 10^{308}$인데,
# $e^{710}$은 벌써 이보다 큽니다. 초기화가 잘못되었거나 학습률을 너무 크게 잡은 신경망에서는
# 점수가 수백, 수천에 이르는 일이 드물지 않습니다. 책의 예는 벡터 $(1010, 1000, 990)$입니다.
# $\exp$가 모두 `inf`가 되고(**오버플로**, overflow), `inf / inf`는 `nan`(not a number, 수가
# 아님)입니다. 손실에 `nan`이 하나라도 끼면 그 뒤의 기울기가 모두 망가집니다.
#
# (넘파이는 보통 여기서 `RuntimeWarning`을 출력합니다. 노트북을 깔끔하게 유지하려고
# `np.errstate` 블록으로 경고를 껐지만, 여러분이 직접 작성하는 코드에서는 바로 이런 경고가
# 반드시 보아야 할 신호입니다.)

# %%
big = np.array([1010.0, 1000.0, 990.0])
with np.errstate(over="ignore", invalid="ignore"):
    exp_big = np.exp(big)
    y_big_naive = softmax_naive(big)
print("exp(big)        :", exp_big)
print("단순 소프트맥스   :", y_big_naive)
assert np.all(np.isinf(exp_big))
assert np.all(np.isnan(y_big_naive))

# %% [markdown]
# **해결책: 가장 큰 점수를 먼저 뺍니다.** 임의의 상수 $C$에 대해 다음이 성립합니다.
#
# $$\frac{\exp(a_k - C)}{\sum_i \exp(a_i - C)}
#   = \frac{e^{-C}\exp(a_k)}{e^{-C}\sum_i \exp(a_i)}
#   = \frac{\exp(a_k)}{\sum_i \exp(a_i)} ,$$
#
# 공통 인수 $e^{-C}$가 약분되기 때문입니다. 이 한 줄이 증명의 전부입니다. **모든 점수를 같은
# 양만큼 옮겨도 소프트맥스는 바뀌지 않습니다.** $C = \max_i a_i$로 고르면 가장 큰 지수가 정확히
# $0$이 되어 모든 $\exp$ 값이 $(0, 1]$ 안에 들어가므로 오버플로가 일어날 수 없고, 분모가 1
# 이상이므로 0으로 나누는 일도 없습니다. 옮긴 점수가 아주 큰 음수이면 *언더플로*(underflow)로
# 0이 될 수 있지만 해롭지 않습니다. 그런 클래스의 실제 확률도 어차피 그만큼 작기 때문입니다.

# %%
def softmax_vector(a):
    """점수 벡터 하나의 소프트맥스: 점수가 커도 안전합니다."""
    exp_a = np.exp(a - np.max(a))          # 이제 가장 큰 지수는 exp(0) = 1
    return exp_a / np.sum(exp_a)

print("big - max(big)  :", big - np.max(big))
y_big = softmax_vector(big)
print("안정 소프트맥스   :", y_big)
assert np.allclose(y_big, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09])
assert np.allclose(softmax_vector(a), softmax_naive(a))         # 둘 다 작동하는 곳에서는 결과가 같다
assert np.allclose(softmax_vector(a + 1000), softmax_vector(a))  # 옮겨도 아무것도 바뀌지 않는다

# %% [markdown]
# ## 3 · 배치 처리: 행마다 소프트맥스 하나
#
# 학습할 때는 $N$개의 샘플로 이루어진 **배치**(batch)를 한꺼번에 신경망에 통과시키므로, 점수는
# $(N, C)$ 배열로 들어옵니다. 행 하나가 샘플 하나이고, 열 하나가 클래스 하나입니다. 각 행은
# 별개의 질문('*이* 샘플은 어느 클래스인가?')이므로 소프트맥스는 **행마다** 계산해야 합니다.
# 최댓값과 합은 `axis=1`을 따라, 즉 한 샘플의 클래스들에 걸쳐 구하며, 결코 여러 샘플에 걸쳐
# 구해서는 안 됩니다.
#
# `keepdims=True`를 주면 줄어든 축이 길이 1로 남으므로, 행별 최댓값의 형상이 $(N,)$이 아니라
# $(N, 1)$이 됩니다. $(N, 1)$ 열은 $C$개의 열로 브로드캐스트되는데, 이것이 바로 우리가 원하는
# 동작입니다. 각 행이 자기 최댓값만큼 옮겨지고 자기 합으로 나누어집니다. `keepdims`가 없으면
# 넘파이는 행별 값 $N$개를 $C$개의 *열*에 맞춰 늘어놓으려 합니다. $N \ne C$이면 오류가 나고,
# $N = C$이면 아무 경고 없이 틀린 수가 나옵니다.
#
# 아래 함수는 '마지막 축'을 뜻하는 `axis=-1`을 씁니다. $(N, C)$ 배치에서는 이것이 곧
# `axis=1`이고, 같은 코드로 $(C,)$ 벡터 하나도 처리할 수 있습니다. 벡터에서는 마지막 축이 유일한
# 축이기 때문입니다.

# %%
def softmax(x):
    """행별 소프트맥스: x는 점수 벡터 하나 (C,) 또는 점수 행들의 배치 (N, C)."""
    shifted = x - np.max(x, axis=-1, keepdims=True)     # 각 행에서 그 행의 최댓값을 뺀다
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)

batch = np.array([[0.3, 2.9, 4.0],
                  [1010.0, 1000.0, 990.0]])
print("행별 최댓값, keepdims 사용:", np.max(batch, axis=1, keepdims=True).shape,
      "  미사용:", np.max(batch, axis=1).shape)
Y = softmax(batch)
print("softmax(batch):\n", np.round(Y, 3))
print("행별 합:", np.round(Y.sum(axis=1), 10))
assert np.allclose(Y.sum(axis=1), 1)
assert np.allclose(Y[0], softmax_vector(batch[0])) and np.allclose(Y[1], softmax_vector(batch[1]))
try:
    batch - np.max(batch, axis=1)            # (2, 3) 빼기 (2,): 형상이 맞지 않는다
except ValueError as error:
    print("keepdims 없이:", error)

# %% [markdown]
# > **흔한 실수: 배치 전체에 소프트맥스 하나.** 이 강좌의 바탕이 된 한 학습 노트는 책의 *벡터
# > 하나용* 소프트맥스를 그대로 작성한 뒤 거기에 배치를 넣었습니다.
# >
# > ```python
# > def softmax(x):
# >   c = np.max(x)               # 배치 '전체'의 최댓값
# >   exp_x = np.exp(x-c)
# >   sum_exp_x = np.sum(exp_x)   # 배치 '전체'에 걸친 합
# >   y = exp_x / sum_exp_x
# > ```
# >
# > `axis`가 없으면 `np.max`와 `np.sum`은 $N \times C$개의 수 *전부*에 걸쳐 계산하므로, 이 함수는
# > 배치를 커다란 벡터 하나로 보고 정규화합니다. 프로그램이 멈추지도 않고, 출력은 모두 여전히 0과
# > 1 사이에 있습니다. 하지만 이제 합이 1이 되는 것은 각 행이 아니라 **배치 전체**입니다. 책의 예를
# > 두 번 넣으면 각 행은 마땅히 받아야 할 확률의 *절반*씩만 받고, 각 행이 다른 행에 따라 달라집니다.
# > 두 번째 샘플을 바꾸면 첫 번째 샘플의 '확률'이 바뀝니다.

# %%
def softmax_whole_batch(x):
    """학습 노트의 버전: 배치 전체에 걸친 최댓값 하나와 합 하나(배치에서는 틀림)."""
    c = np.max(x)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x)

twins = np.array([[0.3, 2.9, 4.0],
                  [0.3, 2.9, 4.0]])
other = np.array([[0.3, 2.9, 4.0],
                  [0.0, 0.0, 9.0]])
for name, x in [("책의 예를 두 번", twins), ("두 번째 행을 바꿈", other)]:
    wrong = softmax_whole_batch(x)
    print(f"{name}:\n  배치 전체 정규화, 첫 행: {np.round(wrong[0], 4)}   행별 합: "
          f"{np.round(wrong.sum(axis=1), 4)}\n  행마다 정규화,    첫 행: {np.round(softmax(x)[0], 4)}")
assert np.allclose(softmax_whole_batch(twins).sum(axis=1), [0.5, 0.5])
assert np.allclose(softmax_whole_batch(twins)[0], softmax(twins)[0] / 2)
assert not np.allclose(softmax_whole_batch(twins)[0], softmax_whole_batch(other)[0])
assert np.allclose(softmax(twins)[0], softmax(other)[0])   # 행별 계산: 첫 행은 영향을 받지 않는다

# %% [markdown]
# 그 노트가 학습에 쓴 이미지 100장짜리 배치라면 이 '소프트맥스'의 각 행은 합이 약 $1/100$이
# 되므로, 정답 클래스의 확률은 모두 아주 작아집니다. 더 나쁜 것은 5절에서 볼 이 계층의 역전파
# 공식이 더는 순전파 계산과 맞지 않는다는 점입니다. 노트의 기울기 확인이 이미 이를 암시하고
# 있었습니다(`b2: 0.0667`. 책의 기울기 확인에서는 차이가 $10^{-10}$ 이하인데, 노트의 저자는 그
# 까닭을 모르겠다고 적었습니다). 그리고 그 신경망은 학습 내내 **약 10 %의 정확도**를
# 보고했습니다. 이 수치는 '찍기'의 결과가 아닙니다. 틀린 기울기로 학습하는 동안 가중치가 점점
# 커지다가 `nan`이 되었고, 그때부터 신경망은 모든 이미지에 클래스 0이라고 답했습니다(`nan`으로
# 이루어진 행의 `np.argmax`는 0입니다). 그래서 정확도는 MNIST에서 0이 차지하는 비율, 약 10 %가
# 되었습니다. 강의 7의 “9 · 디버깅 클리닉: 10 %에서 멈춘 정확도” 절에서 그 노트의 신경망을 다시
# 만들어 이 과정을 지켜보고, 기울기 확인으로 버그를 한 단계씩 찾아냅니다. 지금은 이것만
# 기억하세요. **최댓값과 합은 클래스 축을 따라, `keepdims`를 붙여 구합니다.**
#
# ## 4 · 교차 엔트로피 오차
#
# **손실 함수**(loss function)는 신경망의 출력을 학습이 줄여 나갈 수 하나로 바꿉니다. 분류
# 문제에서 책은 **교차 엔트로피 오차**(cross-entropy error)를 씁니다.
#
# $$E = -\sum_k t_k \log y_k ,$$
#
# 여기서 $y_k$는 소프트맥스가 내놓은 확률이고, $t_k$는 **원-핫 인코딩**(one-hot encoding)으로
# 나타낸 **정답 레이블**(label)입니다. 원-핫 벡터는 정답 클래스에서만 1이고 나머지는 모두 0입니다.
# $t_k = 0$인 항은 모두 사라지므로, 이 합은 결국 **정답 클래스에 주어진 확률의 로그에 음의
# 부호를 붙인 값**, 즉 $E = -\log y_{\text{true}}$입니다. 자신 있게 맞히면
# ($y_{\text{true}} \to 1$) $E \to 0$이고, 정답 클래스가 받는 확률이 작을수록 $E$는 커집니다.
#
# 책의 예는 클래스가 열 개(숫자 0부터 9까지)이고, 출력이
# $\mathbf{y} = (0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)$이며, 정답 레이블은 두 가지
# 경우입니다. 정답이 숫자 **2**라면(신경망이 0.6을 준 곳) $E = -\log 0.6 = 0.5108$이고, **7**이라면
# (0.1밖에 주지 않은 곳) $E = -\log 0.1 = 2.3026$입니다. 아래 코드는 원-핫 레이블로 공식을 글자
# 그대로 따릅니다. `delta`는 바로 뒤에서 설명합니다.

# %%
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
delta = 1e-7

def cross_entropy_one_hot(y, t):
    """원-핫 레이블 t를 가진 샘플 하나의 E = -sum(t * log(y + delta))."""
    return -np.sum(t * np.log(y + delta))

t_two = np.eye(10)[2]          # 숫자 2의 원-핫 벡터: [0, 0, 1, 0, ...]
t_seven = np.eye(10)[7]        # 숫자 7의 원-핫 벡터
E_two, E_seven = cross_entropy_one_hot(y, t_two), cross_entropy_one_hot(y, t_seven)
print("t = 2 :", t_two.astype(int), " E =", round(E_two, 4))
print("t = 7 :", t_seven.astype(int), " E =", round(E_seven, 4))
assert round(E_two, 4) == 0.5108
assert round(E_seven, 4) == 2.3026

# %% [markdown]
# 아래 곡선은 $E = -\log y_{\text{true}}$를 정답 클래스의 확률에 대한 함수로 그린 것으로, 책의 두
# 경우를 표시해 두었습니다. 곡선은 0 근처에서 가파릅니다. 자신 있게 *틀리는* 신경망은 큰 대가를
# 치르고, 정답 클래스가 확률을 모두 가져갈수록 대가는 매끄럽게 0으로 줄어듭니다.

# %%
p = np.linspace(0.005, 1, 400)
fig, ax = plt.subplots(figsize=(6.5, 3.6))
ax.plot(p, -np.log(p), color="tab:blue")
for prob, label in [(0.6, "t = 2: y = 0.6 → E = 0.5108"), (0.1, "t = 7: y = 0.1 → E = 2.3026")]:
    ax.plot(prob, -np.log(prob), "o", color="tab:red")
    ax.annotate(label, (prob, -np.log(prob)), xytext=(12, 8), textcoords="offset points")
ax.set_xlabel("probability the network gives the true class, $y_{true}$")
ax.set_ylabel("$E = -\\log y_{true}$")
ax.set_title("Cross-entropy error: only the true class's probability counts")
ax.set_ylim(0, 5.5)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# **왜 `delta = 1e-7`일까요?** 위의 출력에는 정확히 0인 값이 들어 있고, $\log 0 = -\infty$입니다.
# 정답 클래스의 확률이 한 번이라도 0이 되면 손실은 `inf`가 되고, 그로부터 계산한 기울기는 모두
# `nan`이 됩니다. 로그 안에 아주 작은 `delta`를 더하면 손실의 상한이
# $-\log 10^{-7} \approx 16.1$로 정해지고, 보통의 값은 소수점 아래 일곱째 자리에서만 바뀝니다
# (0.5108은 그대로 0.5108입니다).
#
# $\exp$는 결코 0이 되지 않는데, 소프트맥스 출력이 어떻게 정확히 0일 수 있을까요? 2절에서 본
# 언더플로 때문입니다. 점수가 가장 높은 클래스보다 약 750 낮은 클래스는 부동소수점에서
# $\exp(\cdot) = 0.0$이 됩니다.

# %%
with np.errstate(divide="ignore"):
    print("log(0)            :", np.log(0.0))
print("-log(0 + delta)   :", round(-np.log(0.0 + delta), 4))
print("softmax([0, -800]):", softmax(np.array([0.0, -800.0])))
t_three = np.eye(10)[3]        # 숫자 3: 이 클래스의 y는 정확히 0
print("t = 3일 때의 E    :", round(cross_entropy_one_hot(y, t_three), 4))
assert round(-np.log(delta), 4) == 16.1181
assert softmax(np.array([0.0, -800.0]))[1] == 0.0
assert np.isfinite(cross_entropy_one_hot(y, t_three))

# %% [markdown]
# ### 정수 레이블, 배치, 그리고 샘플 하나
#
# 실용적인 세부 사항 세 가지를 더하면 공식이 신경망에서 실제로 쓰는 함수가 됩니다.
#
# * **정수 레이블**(정답 레이블의 인덱스). 데이터셋은 정답 레이블을 원-핫 벡터 대신 클래스 번호
#   `t = 2`로 저장하는 경우가 많습니다. 원-핫 벡터와의 합은 $-\log y_{t}$만 골라내므로 그 원소를
#   직접 고르면 됩니다. 샘플 하나라면 `y[t]`, 배치라면 `y[np.arange(N), t]`입니다. 후자는 0행에서
#   `t[0]`번째 원소, 1행에서 `t[1]`번째 원소, … 를 차례로 꺼냅니다. 값은 같고, 0을 곱하는 계산은
#   사라집니다. 원-핫 레이블은 `argmax`로 정수 레이블로 바꿀 수 있습니다.
# * **배치 평균**. $N$개 샘플의 손실은 $E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}$로,
#   샘플별 오차의 평균입니다. 그래서 손실의 크기가 배치 크기에 좌우되지 않습니다.
# * **샘플 하나는 크기 1인 배치로.** $(C,)$ 출력 하나는 $(1, C)$로 형상을 바꾸고 정답 레이블도
#   그에 맞춥니다. 그러면 코드 하나로 두 경우를 모두 처리할 수 있고, $N = 1$이 됩니다.

# %%
def cross_entropy_error(y, t):
    """교차 엔트로피 오차의 평균.

    y: 확률, (N, C) 또는 샘플 하나 (C,). t: y와 형상이 같은 원-핫 레이블,
    또는 정수 레이블(배치는 (N,), 샘플 하나는 (1,)).
    """
    if y.ndim == 1:                                  # 샘플 하나 -> 크기 1인 배치
        y = y.reshape(1, y.size)
        t = np.reshape(t, (1, -1)) if np.size(t) == y.size else np.reshape(t, 1)
    if np.size(t) == y.size:                         # 원-핫 -> 1이 있는 자리의 인덱스
        t = np.argmax(t, axis=1)
    N = y.shape[0]
    return -np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N

print("샘플 하나, 원-핫 t = 2      :", round(cross_entropy_error(y, t_two), 4))
print("샘플 하나, 정수 t = 2       :", round(cross_entropy_error(y, np.array([2])), 4))
print("샘플 하나, 정수 t = 7       :", round(cross_entropy_error(y, np.array([7])), 4))
two_samples = np.array([y, y])                       # 같은 출력을 두 번 ...
labels = np.array([2, 7])                            # ... 한 번은 정답 2, 한 번은 정답 7
E_batch = cross_entropy_error(two_samples, labels)
print("크기 2인 배치, 레이블 [2, 7]:", round(E_batch, 4), " = 0.5108과 2.3026의 평균")
assert round(cross_entropy_error(y, np.array([2])), 4) == 0.5108
assert round(cross_entropy_error(y, t_two), 4) == 0.5108
assert round(cross_entropy_error(y, np.array([7])), 4) == 2.3026
assert round(E_batch, 4) == 1.4067 and np.isclose(E_batch, (E_two + E_seven) / 2)
assert np.isclose(cross_entropy_error(two_samples, np.eye(10)[labels]), E_batch)

# %% [markdown]
# ## 5 · Softmax-with-Loss 계층
#
# 책은 두 함수를 **Softmax-with-Loss**라는 계층 하나로 합칩니다. 점수가 들어오면 소프트맥스가
# 이를 확률 $\mathbf{y}$로 바꾸고, 교차 엔트로피 오차가 $\mathbf{y}$를 정답 레이블 $\mathbf{t}$와
# 비교해 손실 $L$을 출력합니다. 이 계층은 신경망의 맨 끝에 있으므로, 역전파는
# $\partial L / \partial L = 1$에서 시작합니다.
#
# 위쪽 그림은 클래스가 셋일 때 이 계층의 계산 그래프로, 두 함수를 상자로 그렸습니다. 빨간 값은
# 오른쪽에서 왼쪽으로 흐릅니다.
#
# * **Cross Entropy Error** 상자에는 1이 들어오고, 이 상자는 각 $y_k$를 따라 $-t_k / y_k$를
#   돌려보냅니다($-\sum t_k \log y_k$를 $y_k$로 미분한 값입니다).
# * **Softmax** 상자에서는 약간의 계산을 거쳐 그저 $y_k - t_k$가 나옵니다.
#
# 아래쪽 그림은 같은 그래프에 책의 수치를 넣은 것입니다. 점수는 $(0.3, 2.9, 4.0)$이고 정답
# 클래스는 2(원-핫 $(0, 0, 1)$)입니다. 가운데 에지를 보세요. 0이 아닌 신호($-1/0.737 = -1.358$)를
# 받는 것은 정답 클래스뿐인데도 **모든** 점수가 기울기를 받습니다. 소프트맥스의 각 출력이 모든
# 점수에 의존하기 때문입니다. 틀린 클래스들은 양의 기울기를 받고(그 점수를 낮추면 손실이
# 줄어듭니다), 정답 클래스는 음의 기울기를 받습니다(그 점수를 높이면 손실이 줄어듭니다).

# %%
def draw_softmax_with_loss(ax, a, y, back_a, back_y, t_label, loss, title):
    """두 함수를 상자로 그린 Softmax-with-Loss 그래프."""
    rows = [1.2, 0.0, -1.2]
    nodes = {"L": (7.3, 0, "L"), "t": (5.4, -2.6, "label t"),
             "ce_out": (5.91, 0, ""), "ce_t": (5.4, -1.45, "")}
    edges = [("ce_out", "L", loss, 1), ("t", "ce_t", t_label, None)]
    for k, r in enumerate(rows):
        nodes[f"a{k}"] = (0, r, f"a{k}")
        nodes[f"sm_in{k}"] = (1.89, r, "")        # 상자 테두리 위의 보이지 않는 점
        nodes[f"sm_out{k}"] = (3.11, r, "")
        nodes[f"ce_in{k}"] = (4.69, r, "")
        edges += [(f"a{k}", f"sm_in{k}", a[k], back_a[k]),
                  (f"sm_out{k}", f"ce_in{k}", y[k], back_y[k])]
    draw_graph(nodes, edges, plain=list(nodes), ax=ax, title=title)
    for x0, text in [(1.8, "Softmax"), (4.6, "Cross\nEntropy\nError")]:
        ax.add_patch(plt.Rectangle((x0, -1.6), 1.4, 3.2, facecolor="#eef3fb",
                                   edgecolor="black", lw=1.5))
        ax.text(x0 + 0.7, 0, text, ha="center", va="center", fontsize=13)
    ax.set_ylim(-2.85, 1.75)

sm_layer_y = softmax(a)
fig, axes = plt.subplots(2, 1, figsize=(8, 10.4))   # 그래프 단위 하나당 약 1인치
draw_softmax_with_loss(axes[0], [None] * 3, ["y0", "y1", "y2"],
                       ["y0 − t0", "y1 − t1", "y2 − t2"], ["−t0/y0", "−t1/y1", "−t2/y2"],
                       "(t0, t1, t2)", None, "Softmax-with-Loss: forward above, backward below")
draw_softmax_with_loss(axes[1], [f"{v:.1f}" for v in a],
                       [f"{v:.3f}" for v in sm_layer_y],
                       [f"{v:.3f}" for v in sm_layer_y - [0, 0, 1]],
                       ["0", "0", f"{-1 / sm_layer_y[2]:.3f}"], "(0, 0, 1)",
                       f"{-np.log(sm_layer_y[2]):.3f}",
                       "The book's scores (0.3, 2.9, 4.0) with label t = 2")
plt.show()

# %% [markdown]
# ### 역전파 유도하기
#
# 점수가 $a_k$인 샘플 하나를 생각합니다. $S = \sum_i \exp(a_i)$, $y_k = \exp(a_k)/S$이고, 정답
# 레이블은 원소의 합이 1이라고 합시다(원-핫 벡터가 그렇습니다). 그러면 $\log y_k = a_k - \log S$이고,
# 다음과 같습니다.
#
# $$L = -\sum_k t_k \log y_k = -\sum_k t_k a_k + \Big(\sum_k t_k\Big)\log S
#     = -\sum_k t_k a_k + \log S .$$
#
# 점수 하나 $a_j$로 미분하면 첫 번째 합에서는 $-t_j$가 나오고,
# $\partial \log S / \partial a_j = \exp(a_j)/S = y_j$입니다. 따라서 다음을 얻습니다.
#
# $$\frac{\partial L}{\partial a_j} = y_j - t_j .$$
#
# 같은 결과를 그래프에서 노드 하나씩 따라가며 얻을 수도 있습니다. 교차 엔트로피 상자를 거슬러
# 올라간 뒤(그림의 빨간 $-t_k/y_k$), 소프트맥스 상자의 exp 노드, 합 노드, 나눗셈 노드를 차례로
# 지나면서, 값이 분기하는 곳에서는 여러 경로의 기울기를 더합니다. 책은 부록 A에서 이 길을
# 따라갑니다. (위에서 *어떤* 기울기가 들어오든 처리하는 소프트맥스 상자 자체의 역전파는 실습 6의
# 마지막 문제입니다. 거기서 직접 유도하게 됩니다.)
#
# 배치에서는 손실이 이런 항 $N$개의 **평균** $L = \frac{1}{N}\sum_n L_n$이고, 샘플 $n$의 점수는
# $L_n$에만 나타나므로 다음과 같습니다.
#
# $$\frac{\partial L}{\partial a_{nj}} = \frac{y_{nj} - t_{nj}}{N} .$$
#
# 이제 실습 6과 같은 인터페이스로 계층을 만듭니다. `forward(x, t)`는 형상이 $(N, C)$인 점수
# `x`(샘플 하나는 크기 1인 배치 $(1, C)$)와 정답 레이블 `t`(원-핫 $(N, C)$ 또는 정수 $(N,)$)를
# 받습니다. 확률과, 원-핫 행으로 바꾼 정답 레이블을 저장하고(`np.eye(C)[t]`는 단위 행렬의
# `t`번째 행을 고릅니다) 손실을 반환합니다. `backward(dout=1)`은 빼고, $N$으로 나누고,
# `dout`을 곱한 뒤(그 이유는 7절에서 봅니다) 형상이 $(N, C)$인 `dx`를 반환합니다.

# %%
def one_hot_like(t, y):
    """정답 레이블 t를 y와 형상이 같은 원-핫 행들로 바꾼다(t가 이미 원-핫일 수도 있다)."""
    t = np.asarray(t)
    return t if t.shape == y.shape else np.eye(y.shape[-1])[t]


class SoftmaxWithLoss:
    """forward(x, t) -> 손실: x는 (N, C) 점수, t는 원-핫 (N, C) 또는 정수 레이블 (N,).
    backward(dout=1) -> dx (N, C)."""

    def __init__(self):
        self.y = None       # 소프트맥스 출력 (N, C), 역전파에 쓰려고 저장
        self.t = None       # 원-핫 행으로 바꾼 정답 레이블 (N, C), 역전파에 쓰려고 저장
        self.loss = None

    def forward(self, x, t):
        self.y = softmax(x)
        self.t = one_hot_like(t, self.y)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        N = self.y.shape[0]
        return dout * (self.y - self.t) / N


layer = SoftmaxWithLoss()
loss = layer.forward(a.reshape(1, 3), np.array([2]))   # 책의 점수: 크기 1인 배치
dx = layer.backward()
print("loss:", round(loss, 4), "  dx = y - t:", np.round(dx, 4))
assert round(loss, 4) == 0.3057
assert dx.shape == (1, 3) and np.allclose(np.round(dx, 4), [[0.0182, 0.2452, -0.2634]])

# %% [markdown]
# **수치 미분으로 구한 기울기와 비교하기.** 유도는 가정 하나(정답 레이블의 합이 1)에 기대고
# 있고, 코드는 여러 가지를 선택합니다(원-핫 변환, $N$, 형상). 중심 차분은 이 모두를 한꺼번에
# 확인합니다. 각 점수를 $h = 10^{-4}$만큼 올렸다 내렸다 하며 손실을 다시 계산하고 비교하는
# 것입니다. 위의 샘플 하나, 그리고 샘플 4개와 클래스 5개로 된 무작위 배치를 정수 레이블로, 또 같은
# 레이블을 원-핫 행으로 바꾸어 확인합니다.
#
# 허용 오차는 미묘한 점 하나가 정합니다. 순전파는 $-\log(y + \delta)$를 계산하는데, 그 기울기는
# $-\log y$의 기울기보다 약간 *작습니다*. 그리고 $\mathbf{y} - \mathbf{t}$는 `delta`가 **없는**
# 손실의 정확한 기울기입니다. 그 차이는 약 $\delta / (N\,y_{\text{true}})$로, 정답 클래스 하나가
# 확률을 2 %밖에 받지 못하는 이 배치에서는 $10^{-6}$ 정도입니다. 그래서 $10^{-5}$까지
# 허용합니다. 잘못된 역전파($/N$ 빠뜨리기, 부호 실수, 레이블 뒤바뀜)라면 이보다 훨씬 크게
# 어긋납니다.

# %%
def check_layer(x, t):
    """점수 x, 정답 레이블 t에서 SoftmaxWithLoss의 |역전파 - 수치 기울기| 최댓값."""
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward()
    numeric = numerical_gradient(lambda x_: SoftmaxWithLoss().forward(x_, t), x.copy())
    return np.max(np.abs(dx - numeric))

rng = np.random.default_rng(0)
scores = rng.normal(0, 2, size=(4, 5))
t_int = rng.integers(0, 5, size=4)
for name, x, t in [("크기 1인 배치, 레이블 2", a.reshape(1, 3), np.array([2])),
                   ("4x5 배치, 정수 t       ", scores, t_int),
                   ("4x5 배치, 원-핫 t      ", scores, np.eye(5)[t_int])]:
    error = check_layer(x, t)
    print(f"{name}  최대 |역전파 - 수치 기울기| < 1e-5: {error < 1e-5}")
    assert error < 1e-5

# %% [markdown]
# 그림의 가운데 에지에 붙은 빨간 값 $-t_k / y_k$도 같은 방법으로 확인할 수 있습니다. 교차
# 엔트로피 상자만 떼어 내어 확률에 대한 함수로 보면 됩니다.

# %%
y_book = softmax(a)
dE_dy = numerical_gradient(lambda y_: cross_entropy_error(y_, np.array([2])), y_book.copy())
print("수치 미분 dE/dy:", np.round(dE_dy, 3), "  -t/y:", round(-1 / y_book[2], 3))
assert np.allclose(dE_dy, [0, 0, -1 / y_book[2]], atol=1e-5)

# %% [markdown]
# 같은 확인을 3절에서 본 학습 노트의 배치 전체 소프트맥스로 만든 계층에 적용해 봅시다. 이
# 계층의 순전파는 어떤 함수를 계산하는데, 역전파(여전히 $(\mathbf{y}-\mathbf{t})/N$)는 다른 함수의
# 미분을 계산합니다. 기울기 확인은 이를 곧바로 알려 줍니다. 7장에서 버그를 추적할 때 쓰는
# 도구가 바로 이것입니다.

# %%
class WholeBatchSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.y = softmax_whole_batch(x)          # 학습 노트의 소프트맥스
        self.t = one_hot_like(t, self.y)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

note_layer = WholeBatchSoftmaxWithLoss()
note_layer.forward(scores, t_int)
note_numeric = numerical_gradient(lambda x_: WholeBatchSoftmaxWithLoss().forward(x_, t_int),
                                  scores.copy())
note_error = np.max(np.abs(note_layer.backward() - note_numeric))
print("배치 전체 소프트맥스: 최대 |역전파 - 수치 기울기| =", round(note_error, 3))
assert note_error > 0.01

# %% [markdown]
# **$\mathbf{y} - \mathbf{t}$의 의미.** 이것은 신경망이 말한 것과 말했어야 하는 것의 차이입니다.
# 오차 그 자체가 거꾸로 전해지는 것입니다. 책은 정답 레이블 $\mathbf{t} = (0, 1, 0)$에 대해 두
# 경우를 비교합니다. 신경망이 정답과 거리가 먼 $(0.3, 0.2, 0.5)$를 출력하면 역전파 신호
# $(0.3, -0.8, 0.5)$가 커서 앞쪽 계층들이 많이 배웁니다. 거의 정답에 가까운 $(0.01, 0.99, 0)$을
# 출력하면 신호 $(0.01, -0.01, 0)$이 작아서 학습이 느려집니다.

# %%
t_book = np.array([0, 1, 0])
for y_out in ([0.3, 0.2, 0.5], [0.01, 0.99, 0.0]):
    print("y =", y_out, " ->  y - t =", np.round(np.array(y_out) - t_book, 10))
assert np.allclose(np.array([0.3, 0.2, 0.5]) - t_book, [0.3, -0.8, 0.5])
assert np.allclose(np.array([0.01, 0.99, 0.0]) - t_book, [0.01, -0.01, 0])

# %% [markdown]
# > **흔한 실수: 원-핫 배치에서만 작동하는 역전파.** 이 계층을 작성한 두 학습 노트 모두 책의
# > 코드를 그대로 썼습니다.
# >
# > ```python
# > def backward(self, dout=1):
# >     batch_size = self.t.shape[0]
# >     dx = (self.y - self.t) / batch_size
# > ```
# >
# > 원-핫 레이블로 된 배치, 즉 책이 학습에 쓰는 경우라면 이 코드가 옳습니다(그리고 `dout`을
# > 무시합니다. 7절 참고). **정수 레이블**이면 `self.y - self.t`는 확률에서 레이블 번호를 뺍니다.
# > 대부분의 형상에서는 오류가 나고, $N = C$이면 아무 경고 없이 틀린 값이 나옵니다. (책의 뒷부분에
# > 나오는 `common/layers.py`는 정답 클래스마다 1을 빼는 방식으로 정수 레이블을 처리합니다.) 이
# > 강좌의 `forward`는 정답 레이블을 미리 한 번 원-핫 행으로 바꿔 두므로, `backward`가 정수를 볼
# > 일은 없습니다.

# %%
class NoteSoftmaxWithLoss:
    """학습 노트들의 (그리고 책 §5.6.3의) 계층: t를 받은 그대로 저장하고 dout은 무시한다."""

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = (self.y - self.t) / batch_size
        return dx

note = NoteSoftmaxWithLoss()
note.forward(scores, np.eye(5)[t_int])               # 샘플 4개, 원-핫 레이블
ours = SoftmaxWithLoss()
ours.forward(scores, t_int)
print("노트의 dx, 원-핫 레이블, 우리 결과와 같은가:", np.allclose(note.backward(), ours.backward()))
assert np.allclose(note.backward(), ours.backward())
note.forward(scores, t_int)                          # 샘플 4개, 정수 레이블
try:
    note.backward()
except ValueError as error:
    print("노트의 dx, 정수 레이블: ValueError:", error)

# %% [markdown]
# ## 6 · 결과가 왜 이렇게 깔끔한가
#
# *선택 (곁가지): 처음 읽을 때는 건너뛰어도 됩니다. 실습은 이 내용과 무관합니다.*
#
# $\mathbf{y} - \mathbf{t}$는 우연이 아닙니다. 교차 엔트로피 오차는 소프트맥스와 짝을 이루도록
# *골라진* 것입니다. 소프트맥스는 $\exp$로 확률을 만들고, 교차 엔트로피는 $\log$로 그 확률을
# 재며, $\log$가 $\exp$를 되돌립니다(위에서 본 $\log y_k = a_k - \log S$ 단계가 그것입니다).
# 가파른 두 곡선이 서로 상쇄되어, 점수에 대한 기울기는 그저 오차가 됩니다.
#
# 책은 **회귀**(regression)에서도 같은 짝을 짚어 줍니다. 출력층에 **항등 함수**(identity
# function) $\mathbf{y} = \mathbf{a}$를 쓰고 손실로 **오차제곱합**(sum of squares error)
# $E = \frac12 \sum_k (y_k - t_k)^2$을 쓰면, 그 미분도 역시 $y_k - t_k$입니다. 간단히 확인해 봅시다.

# %%
def squared_error(a_out, t):
    """항등 함수 출력 y = a, 그다음 E = 1/2 * sum((y - t)**2)."""
    return 0.5 * np.sum((a_out - t) ** 2)

a_reg = np.array([1.5, -0.2, 3.0])
t_reg = np.array([1.0, 0.0, 2.0])
grad_reg = numerical_gradient(lambda a_: squared_error(a_, t_reg), a_reg.copy())
print("수치 미분 dE/da:", np.round(grad_reg, 6), "  y - t:", a_reg - t_reg)
assert np.allclose(grad_reg, a_reg - t_reg)

# %% [markdown]
# 그래서 경험 법칙은 이렇습니다. **분류(classification)는 소프트맥스 + 교차 엔트로피, 회귀는
# 항등 함수 + 오차제곱합**이며, 두 경우 모두 마지막 계층은 $\mathbf{y} - \mathbf{t}$를(평균이면
# $N$으로 나누어) 역방향으로 보냅니다. 짝을 섞어도(예를 들어 소프트맥스에 오차제곱합) 기울기는
# 나오지만 깔끔하지 않습니다. 소프트맥스 자체의 미분이 추가 인수로 붙는데, 이 인수는 어느 한
# 확률이 1에 가까우면 0 쪽으로 줄어듭니다. 자신 있게 내놓은 그 답이 틀렸을 때조차 그렇습니다.
# 그러면 학습이 가장 빨라야 할 바로 그곳에서 학습이 멈춰 버립니다.
#
# ## 7 · `backward`가 `dout`을 받는 이유
#
# 책의 `backward(self, dout=1)`는 `dout`을 받아 놓고 무시합니다. 책에서는 그래도 괜찮습니다. 이
# 계층이 그래프의 마지막 노드이므로 상류에서 오는 미분이 $\partial L/\partial L = 1$이고, 1을
# 곱해도 아무것도 바뀌지 않기 때문입니다.
#
# 그래도 이 강좌의 계층은 다른 모든 계층처럼 `dout`을 곱합니다. 이유는 연쇄법칙입니다. 손실이
# 더 큰 식 안에서 쓰일 때, 예를 들어 (다른 손실과 균형을 맞추거나 여러 손실을 평균하려고)
# **가중** 손실 $L_{\text{total}} = 0.3 \cdot L$을 쓴다면, 상류에서 오는 미분은 $0.3$이고 올바른
# 기울기는 $0.3\,(\mathbf{y} - \mathbf{t})/N$입니다. `dout`을 무시하는 계층은 아무 경고 없이
# 1/0.3배나 큰 기울기를 돌려줍니다. 가중 손실의 수치 미분으로 판가름해 봅시다.

# %%
weight = 0.3
weighted = numerical_gradient(lambda x_: weight * SoftmaxWithLoss().forward(x_, t_int),
                              scores.copy())
ours, book_style = SoftmaxWithLoss(), NoteSoftmaxWithLoss()    # book_style은 dout을 무시한다
ours.forward(scores, t_int)
book_style.forward(scores, np.eye(5)[t_int])                     # 원-핫이므로 실행된다
print("dout을 곱한 경우   일치:", np.allclose(ours.backward(weight), weighted, atol=1e-6))
print("dout을 무시한 경우 일치:", np.allclose(book_style.backward(weight), weighted, atol=1e-6))
assert np.allclose(ours.backward(weight), weighted, atol=1e-6)
assert not np.allclose(book_style.backward(weight), weighted, atol=1e-6)
assert np.allclose(ours.backward(), book_style.backward())      # dout = 1이면 둘이 일치한다

# %% [markdown]
# ## 8 · 추론에서 소프트맥스를 생략하는 이유
#
# *선택 (곁가지): 처음 읽을 때는 건너뛰어도 됩니다. 실습은 이 내용과 무관합니다.*
#
# 신경망이 하는 일은 두 가지입니다. **학습**(training)에는 손실과 손실의 기울기가 필요하므로
# Softmax-with-Loss 계층이 꼭 있어야 합니다. **추론**(inference)에는 *답*, 즉 확률이 가장 큰
# 클래스만 있으면 됩니다. 그리고 그 클래스는 언제나 점수가 가장 큰 클래스입니다. 한 행 안에서
# 소프트맥스는 **단조 증가**(monotonically increasing) 함수이기 때문입니다. 분자를 모두 같은 양수
# 합으로 나누므로 $a_i > a_j \Rightarrow \exp(a_i) > \exp(a_j) \Rightarrow y_i > y_j$가
# 성립합니다. 따라서
#
# $$\operatorname{argmax}_k a_k = \operatorname{argmax}_k \operatorname{softmax}(\mathbf{a})_k ,$$
#
# 이고, 추론은 점수에서 멈추어 $\exp$ 계산과 나눗셈을 아낄 수 있습니다. 한 학습 노트는 책의 이
# 내용을 이렇게 옮겨 적었습니다(p.176). *신경망에는 추론 기능과 학습 기능이 있다. 추론할 때는
# Softmax가 필요 없지만, 학습할 때는 Softmax 계층을 사용한다.* 책의 신경망과 7장에서 `predict`가
# 마지막 Affine 계층의 점수를 반환하고, `accuracy`가 그 점수의 `argmax`를 취하며, `loss`만
# Softmax-with-Loss 계층을 거치는 것도 이 때문입니다.
#
# 클래스 10개짜리 무작위 점수 행 1000개로 확인해 봅시다.

# %%
rng = np.random.default_rng(0)
many_scores = rng.normal(0, 3, size=(1000, 10))
from_scores = np.argmax(many_scores, axis=1)
from_probabilities = np.argmax(softmax(many_scores), axis=1)
agree = int(np.sum(from_scores == from_probabilities))
print(f"일치하는 예측: {len(many_scores)}개 중 {agree}개")
print("처음 다섯 개:", from_scores[:5], from_probabilities[:5])
assert agree == 1000

# %% [markdown]
# 추론에서도 답뿐 아니라 *확신의 정도*('클래스 2일 가능성 73.7 %')를 알고 싶다면 소프트맥스가
# 여전히 쓸모 있습니다. 학습 노트의 배치 전체 소프트맥스에는 흥미로운 결과가 하나 따릅니다. 이
# 함수는 배치의 모든 원소를 같은 수로 나누므로, 가중치가 *주어져 있을 때* 각 행의 argmax가 고르는
# 클래스는 바꾸지 않습니다. 피해는 모두 손실과 그 기울기, 즉 학습 쪽에 있습니다. 틀린 기울기가
# 가중치를 `nan`으로 몰아갔고, 그 뒤로 모든 이미지가 클래스 0으로 예측되어 정확도는 0이 차지하는
# 비율이 되었습니다(강의 7, 9절).
#
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 출력층 | output layer | 신경망의 마지막 층. 분류에서는 클래스 점수에 소프트맥스를 적용한다 |
# | 점수 | score, logit | 마지막 Affine 계층의 가공되지 않은 출력. 클래스마다 하나이며 어떤 실수든 될 수 있다 |
# | 소프트맥스 함수 | softmax function | $y_k = \exp(a_k)/\sum_i \exp(a_i)$: 점수 → 합이 1인 확률 |
# | 확률 분포 | probability distribution | 클래스마다 하나씩 있는, 음이 아니고 합이 1인 수들 |
# | 오버플로 | overflow | 부동소수점으로 나타내기에 너무 큰 수. `exp(1010)`은 `inf`가 된다 |
# | 언더플로 | underflow | 부동소수점으로 나타내기에 0에 너무 가까운 수. `exp(-800)`은 `0.0`이 된다 |
# | 배치 | batch | 함께 처리하는 $N$개의 샘플. 점수의 형상은 $(N, C)$이고 행 하나가 샘플 하나 |
# | 손실 함수 | loss function | 신경망이 얼마나 틀렸는지 나타내는 수 하나. 학습은 이 값을 줄인다 |
# | 교차 엔트로피 오차 | cross-entropy error | $E = -\sum_k t_k \log y_k$, 즉 정답 클래스 확률의 $-\log$ |
# | 정답 레이블 | label | 정답. 클래스 번호(`2`)나 원-핫 벡터로 나타낸다 |
# | 원-핫 인코딩 | one-hot encoding | 정답 클래스에서만 1이고 나머지는 0인 벡터 |
# | Softmax-with-Loss 계층 | Softmax-with-Loss layer | 소프트맥스와 교차 엔트로피를 합친 계층. 역전파는 $(\mathbf{y}-\mathbf{t})/N$ |
# | 항등 함수 | identity function | $y = a$. 회귀의 출력층 |
# | 오차제곱합 | sum of squares error | $\frac12\sum_k (y_k - t_k)^2$. 회귀의 손실이며 역전파는 $y - t$ |
# | 분류 / 회귀 | classification / regression | 클래스를 예측하기 / 수치를 예측하기 |
# | 학습 / 추론 | training / inference | 손실을 이용해 가중치를 조정하기 / 학습된 신경망으로 답하기 |
# | 단조 증가 | monotonically increasing | 순서를 보존함. 입력이 크면 출력도 언제나 크다 |
# | 기울기 확인 | gradient check | 역전파 결과를 수치 미분으로 구한 기울기와 비교해 버그를 잡는 일 |
# | 수치 미분 | numerical differentiation | 함숫값으로 미분을 어림하기. $(f(x+h)-f(x-h))/2h$, $h = 10^{-4}$ |
#
# ## 다음 장에서는
#
# **실습:** `ko/labs/ch06_softmax_with_loss.ipynb`. 행마다 계산하는
# `softmax`, 원-핫 레이블과 정수 레이블을 모두 받는 `cross_entropy_error`, 5절의 인터페이스를
# 갖춘 `SoftmaxWithLoss` 계층을 작성하고, 이어서 어떤 상류 기울기에도 쓸 수 있는 독립된 `Softmax`
# 계층의 역전파를 직접 유도합니다. 숨은 검사는 아주 큰 점수, 샘플 하나, 배치, 두 가지 형태의
# 정답 레이블, 1이 아닌 상류 `dout`을 넣어 보고 여러분의 역전파를 수치 미분으로 구한 기울기와
# 비교하므로, 이 강의에서 다룬 실수는 모두 잡아냅니다.
#
# **다음 강의:** `ch07_two_layer_net`. 강좌의 모든 계층이 한데 모입니다. Affine → ReLU → Affine →
# Softmax-with-Loss로 이어진 신경망을 오차역전파법으로 MNIST에서 학습합니다. 그 장의 디버깅
# 클리닉은 정확도가 10 %에서 멈췄던 학습 노트를 재현하고, 기울기 확인으로 배치 전체 소프트맥스를
# 찾아냅니다.
