# %% [markdown]
# # 실습 6 · Softmax-with-Loss 계층
#
# 『밑바닥부터 시작하는 딥러닝』 §5.6.3, 그리고 §3.5의 소프트맥스 함수와 §4.2의 교차 엔트로피
# 오차를 다룹니다. 강의: `ko/notebooks/ch06_softmax_with_loss.ipynb`.
#
# 학습 중인 분류 신경망의 마지막 계층을 세 단계로 작성하고, 이어서 강좌에서 한 번도 보여 주지
# 않는 역전파를 직접 유도합니다.
#
# 1. `softmax` — 점수를 확률로, 행마다, 오버플로 없이 바꿉니다. (2점)
# 2. `cross_entropy_error` — 배치의 평균 손실을 원-핫 레이블**과** 정수 레이블 모두에 대해 구합니다. (2점)
# 3. `SoftmaxWithLoss` — 순전파는 손실을 반환하고, 역전파는 점수에 대한 손실의 기울기를
#    반환합니다. 강의 6에서 유도한 그대로입니다. (3점)
# 4. `Softmax` — 독립된 소프트맥스 계층으로, 역전파가 *어떤* 상류 기울기든 받습니다. 계산
#    그래프로부터 직접 유도하세요. (3점)
#
# **실습 진행 방법.** 셀을 위에서 아래로 차례로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에 코드를
# 작성합니다(`raise NotImplementedError()` 줄은 지우세요). 각 답안 뒤의 잠긴 셀은 책의 예로
# *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 무작위 배치(크기 1인 배치와 그보다 큰 배치,
# 클래스 수는 제각각), ±1000만큼 큰 점수, 원-핫 레이블과 정수 레이블로 여러분의 코드를 시험하고,
# 역전파를 수치 미분과 비교합니다. 검사에 실패하면 어떤 값이 틀렸는지, 기댓값이 무엇이었는지,
# 여러분이 무엇을 반환했는지, 가장 그럴듯한 원인이 무엇인지 알려 줍니다.
#
# 형상: **N**은 배치 크기, **C**는 클래스 수입니다. 점수 배치 `x`의 형상은 `(N, C)`이고, 행 하나가
# 샘플 하나입니다. 클래스 번호는 넘파이와 책의 코드처럼 0부터 매깁니다. C = 10이면 클래스는
# 0, 1, …, 9이고, '클래스 2'는 2번 열입니다.
#
# **책의 코드를 그대로 입력한다면.** 책의 함수와 계층은 다음 차이점을 빼면 여기서도 작동합니다.
#
# * `softmax`: 책 §3.5.2의 버전은 샘플 **하나**용입니다. 배치에 쓰면 배치 전체를 한꺼번에
#   정규화합니다(그것이 왜 틀렸는지는 1번 문제에서 봅니다). 뒤에 나오는 `common/functions.py`의
#   버전(`x.T`를 쓰는 것)은 배치에서도 작동하며 만점을 받습니다.
# * `cross_entropy_error`: `common/functions.py`의 버전(원-핫 레이블과 정수 레이블을 모두 받고
#   `y[np.arange(batch_size), t]`를 쓰는 것)은 만점을 받습니다. §4.2.4의 첫 번째 버전은 원-핫
#   `t`만 받는데, 이 실습은 정수 레이블도 넘깁니다.
# * `SoftmaxWithLoss`: **책의 `backward(self, dout=1)`는 `dout`을 무시하지만, 이 실습의 역전파는
#   결과에 `dout`을 곱합니다**(그 이유는 강의 6의 7절에 있습니다). 또 `t`는 원-핫 `(N, C)`일 수도
#   있고 정수 레이블 `(N,)`일 **수도** 있는데, 책 §5.6.3의 코드는 원-핫 `t`만 받습니다.
# * `Softmax`(4번 문제): 책에는 독립된 소프트맥스 계층이 없습니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 행마다 계산하는 소프트맥스 함수
#
# $$y_k = \frac{\exp(x_k)}{\sum_{i=1}^{C} \exp(x_i)}$$
#
# 출력은 모두 0과 1 사이에 있고 한 샘플의 출력을 모두 더하면 1이므로, 출력을 확률로 읽을 수
# 있습니다.
#
# **오버플로.** `np.exp(1010)`은 `inf`이고, `inf / inf`는 `nan`입니다. 한 샘플의 모든 점수에서
# 같은 상수를 빼도 소프트맥스는 바뀌지 않으므로(분자와 분모에 같은 $\exp(-c)$가 곱해집니다),
# 책은 가장 큰 점수를 먼저 뺍니다. 즉 $c = \max_i x_i$로 두고
# $y_k = \exp(x_k - c) / \sum_i \exp(x_i - c)$를 계산합니다. 그러면 가장 큰 지수가
# $\exp(0) = 1$이 되어 오버플로가 일어나지 않습니다. 책의 예에서는 점수 `[1010, 1000, 990]`이
# `[9.99954600e-01, 4.53978686e-05, 2.06106005e-09]`이 됩니다.
#
# **행마다 계산하기.** 형상이 `(N, C)`인 배치 `x`에서는 **행** 하나가 샘플 하나입니다. 최댓값과
# 합을 *행마다* 구하세요. `np.max(x, axis=1, keepdims=True)`와 `np.sum(..., axis=1,
# keepdims=True)`를 쓰면 됩니다(형상이 `(N, 1)`이므로 행을 따라 브로드캐스트됩니다. `keepdims`가
# 없으면 넘파이는 형상이 `(N,)`인 배열을 열에 맞춰 늘어놓습니다). `axis=-1`은 '마지막 축'을
# 뜻하며, 샘플 하나 `(C,)`에도, 배치 `(N, C)`에도 작동합니다.
#
# 이 강좌의 바탕이 된 한 학습 노트는 `c = np.max(x)`와 `exp_x / np.sum(exp_x)`를 **축 지정
# 없이** 썼습니다. 샘플 하나라면 이것이 책 §3.5의 코드이고 옳습니다. 하지만 배치에서는 *배치
# 전체*에 걸쳐 정규화하므로, 각 행이 아니라 N개의 행을 모두 합쳐야 1이 됩니다. 그러면 출력은 더
# 이상 한 샘플의 확률이 아니고, 3번 문제에서 만들 계층의 역전파도 이 계층이 계산하는 손실의
# 기울기가 아니게 됩니다(노트의 기울기 확인에서 `b2`가 0.067만큼 어긋났습니다). 이 소프트맥스로
# 학습한 신경망은 단순히 찍기만 한 것이 아니었습니다. 가중치가 점점 커지다가 NaN이 되었고, 그
# 뒤로는 모든 이미지를 클래스 0으로 예측했으며, 보고된 '약 10 %'의 정확도는 MNIST에서 0이
# 차지하는 비율이었습니다. 강의 7의 “9 · 디버깅 클리닉: 10 %에서 멈춘 정확도” 절에서 이 과정을
# 한 단계씩 재현합니다.
#
# `x`의 형상이 `(N, C)`이든 `(C,)`이든 작동하는 `softmax(x)`를 작성하세요. 같은 형상의 배열을
# 반환하고, 각 행의 합이 1이어야 하며, 점수가 ±1000이어도 유한한 값을 내야 하고, `x`를 바꾸면
# 안 됩니다.

# %% nbgrader={"grade_id": "softmax", "solution": true}
def softmax(x):
    """점수 x의 소프트맥스를 행마다 계산합니다.

    x: (N, C) 점수 배치(행 하나가 샘플 하나), 또는 샘플 하나이면 (C,).
    반환값: x와 형상이 같은 확률. 각 행(각 샘플)의 합은 1입니다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_test", "grade": true, "points": 2}
checking("softmax", see="강의 6 (ch06_softmax_with_loss.ipynb)의 “3 · 배치 처리: 행마다 소프트맥스 하나” 절, 그다음 책의 §3.5.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
check_close("softmax([0.3, 2.9, 4.0])", softmax(np.array([0.3, 2.9, 4.0])),
            [0.01821127, 0.24519181, 0.73659691])
batch = np.array([[0.3, 2.9, 4.0],
                  [1010.0, 1000.0, 990.0]])
y_batch = softmax(batch)
check_close("softmax(batch)의 1행", y_batch[1], [9.99954600e-01, 4.53978686e-05, 2.06106005e-09],
            hint="exp를 계산하기 전에 각 행에서 그 행의 최댓값을 빼세요. np.exp(1010)은 inf입니다")
check_close("softmax(batch)의 0행", y_batch[0], [0.01821127, 0.24519181, 0.73659691],
            hint="행 하나가 샘플 하나입니다. 최댓값과 합을 행마다 구하세요(axis=-1, keepdims=True)")
check_close("softmax(batch)의 행별 합", np.sum(y_batch, axis=1), [1.0, 1.0],
            hint="합이 1이 되어야 하는 것은 배치 전체가 아니라 각 행입니다(한 학습 노트의 실수)")

# %% [markdown]
# 소프트맥스는 점수의 순서를 그대로 유지합니다. 가장 큰 점수가 가장 큰 확률을 받습니다. 학습을
# 마친 신경망이 **추론**(inference)에서 소프트맥스를 생략하는 것은 이 때문입니다. 소프트맥스가
# 있든 없든 답은 점수가 가장 큰 클래스입니다. 소프트맥스가 필요한 곳은 손실을 계산하려면 확률이
# 있어야 하는 **학습**(training)입니다.

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [1.0, -2.0, 0.5]])
print("점수가 가장 큰 클래스:", np.argmax(scores, axis=1))
print("확률이 가장 큰 클래스:", np.argmax(softmax(scores), axis=1))

# %% [markdown]
# ## 2 · 교차 엔트로피 오차
#
# 소프트맥스 출력이 $y$이고 **원-핫**(one-hot) 정답 레이블이 $t$(정답 클래스에서 1, 나머지는
# 0)인 샘플 하나에 대해 $E = -\sum_k t_k \log y_k$입니다. 정답 클래스만 남으므로
# $E = -\log y_{\text{true}}$입니다. 배치의 손실은 N개 샘플의 **평균**입니다(§4.2.4).
#
# $$E = -\frac{1}{N} \sum_{n} \sum_{k} t_{nk} \log (y_{nk} + \delta), \qquad \delta = 10^{-7}$$
#
# 책의 **delta**는 로그가 $\log 0 = -\infty$가 되지 않게 막아 줍니다. 확신했지만 틀린 답
# ($y_{\text{true}} = 0$)의 비용은 무한대가 아니라 $-\log(10^{-7}) \approx 16.1$이 됩니다.
# 정확히 `np.log(y + 1e-7)`을 쓰세요.
#
# 정답 레이블 `t`는 두 가지 형태로 주어지며, 여러분의 함수는 둘 다 받아야 합니다.
#
# * **원-핫**: `t`의 형상이 `y`와 같습니다. 예를 들어 클래스 2라면 `[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]`입니다.
# * **정수 레이블**: 샘플마다 클래스 인덱스가 하나씩 있는, 형상 `(N,)`인 `t`입니다. 예를 들면
#   `np.array([2, 7])`입니다. 이때 샘플 n의 정답 클래스 확률은 `y[n, t[n]]`이고, 모든 샘플에 대해
#   한꺼번에 구하면 `y[np.arange(N), t]`입니다. (아니면 먼저 `np.eye(C)[t]`로 정답 레이블을 원-핫
#   행으로 바꾸어도 됩니다.)
#
# `t`가 원-핫인 것은 정확히 `t`의 형상이 `y`와 같을 때입니다.
#
# **샘플 하나.** 형상이 `(C,)`인 1차원 `y`는 샘플 하나이고, 그 `t`는 형상이 `(C,)`인 원-핫이거나
# `np.array([7])`처럼 형상이 `(1,)`인 레이블 하나입니다. `y`를 `y.reshape(1, C)`로 크기 1인 배치로
# 바꾸어(원-핫 `t`도 마찬가지로) N = 1이 되게 하세요. 형상을 바꾸지 않으면 `y.shape[0]`이 C가 되어
# 손실이 C로 나누어집니다.
#
# 책의 예(§4.2.2): `y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]`은 정답 클래스가
# 2이면 0.510825457($-\log 0.6$), 7이면 2.302584092($-\log 0.1$)를 줍니다.

# %% nbgrader={"grade_id": "cross_entropy_error", "solution": true}
def cross_entropy_error(y, t):
    """배치의 교차 엔트로피 오차 평균. 로그 안에 책의 delta = 1e-7을 더합니다.

    y: (N, C) 확률(소프트맥스 출력), 또는 샘플 하나이면 (C,).
    t: y와 형상이 같은 원-핫 레이블, 또는 정수 레이블(배치는 (N,), 샘플 하나는 (1,)).
    반환값: 수 하나, −(1/N) · Σ_n log(y[n, 샘플 n의 정답 클래스] + 1e-7).
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "cross_entropy_error_test", "grade": true, "points": 2}
checking("cross_entropy_error", see="강의 6 (ch06_softmax_with_loss.ipynb)의 “4 · 교차 엔트로피 오차” 절, 그다음 책의 §4.2.2와 §4.2.4")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])          # 원-핫: 정답 클래스는 2
check_close("cross_entropy_error(y, 클래스 2의 원-핫)", cross_entropy_error(y, t), 0.510825457,
            hint="−log(0.6 + 1e-7): 정답 클래스의 확률만 계산에 들어갑니다")
check_close("cross_entropy_error(y, np.array([7]))", cross_entropy_error(y, np.array([7])),
            2.302584092, hint="정수 레이블이므로 −log(y[7] + 1e-7)입니다. 샘플 하나는 크기 1인 배치로 다루세요")
y_two = np.array([y, y])
check_close("크기 2인 배치의 cross_entropy_error, 레이블 [2, 7]",
            cross_entropy_error(y_two, np.array([2, 7])), (0.510825457 + 2.302584092) / 2,
            hint="배치의 손실은 샘플별 손실의 평균입니다(합이 아닙니다)")
check_close("cross_entropy_error(y, 클래스 3의 원-핫), 이때 y[3] = 0",
            cross_entropy_error(y, np.eye(10)[3]), 16.118095651,
            hint="log(0)은 −inf입니다. 로그 안에 delta = 1e-7을 더하세요: np.log(y + 1e-7)")

# %% [markdown]
# ## 3 · Softmax-with-Loss 계층
#
# 학습 중인 분류 신경망의 마지막 계층은 소프트맥스와 그 뒤를 잇는 교차 엔트로피 오차입니다.
# 이 둘을 책과 같은 인터페이스를 가진 계층 하나로 만듭니다.
#
# * `forward(x, t)`: 형상이 `(N, C)`인 점수 `x`(샘플 하나는 크기 1인 배치 `(1, C)`)와 정답
#   레이블 `t`(원-핫 `(N, C)` 또는 정수 `(N,)`)를 받습니다. `y = softmax(x)`와 역전파에 필요한
#   것을 저장하고, 손실(수 하나)을 반환합니다. 앞에서 작성한 두 함수를 쓰세요.
# * `backward(dout=1)`: `dx` = ∂(dout · loss)/∂x를 형상 `(N, C)`로 반환합니다(`t`가 정수
#   레이블일 때도 마찬가지입니다).
#
# 소프트맥스와 교차 엔트로피의 그래프에는 노드가 많지만, 그 역전파는 놀랄 만큼 깔끔한 결과로
# 정리됩니다. 강의 6의 5절에 있는 “역전파 유도하기”에서 이를 유도합니다(책: §5.6.3과 부록 A).
# 유도 과정을 읽은 뒤 `backward`를 작성하세요. 배치에 주의하세요. 손실은 N개 샘플의
# **평균**입니다. 역전파에는 정답 레이블이 원-핫 행으로 필요하므로, 정수 레이블을 순전파에서
# 바꾸어 두거나(`np.eye(C)[t]`는 단위 행렬의 `t`번째 행을 고릅니다) 정답 클래스를 인덱스로
# 다루세요.
#
# **이 강좌의 역전파는 `dout`을 곱합니다.** 책의 코드는 `dout` 인수를 무시합니다. 마지막 계층은
# 보통 `dout = 1`을 받기 때문입니다. 여기서는 역전파가 다른 모든 계층처럼 연쇄법칙을 따릅니다.
# 학습 단계에서 `0.5 * loss`를 쓰거나 이 손실을 0.5의 비중으로 다른 손실에 더한다면, 이 계층에
# 도착하는 기울기는 `dout = 0.5`이고 `dx`도 절반이 되어야 합니다. 기본값 `dout = 1`이면 책과
# 같은 결과를 얻습니다. (강의 6의 7절에서 수치 미분으로 이를 보여 줍니다. 책의 코드를 그대로 쓰면
# 여기서 감점됩니다.)

# %% nbgrader={"grade_id": "softmax_with_loss", "solution": true}
class SoftmaxWithLoss:
    """소프트맥스 뒤에 교차 엔트로피 오차: 학습 중인 분류 신경망의 마지막 계층.

    forward(x, t) -> 손실: x는 (N, C) 점수, t는 원-핫 (N, C) 또는 정수 레이블 (N,).
    backward(dout=1) -> dx (N, C): x에 대한 dout · loss의 기울기.
    """

    def __init__(self):
        self.loss = None   # 가장 최근 순전파의 손실
        self.y = None      # 소프트맥스 출력, (N, C)
        self.t = None      # 정답 레이블

    def forward(self, x, t):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout=1):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_with_loss_test", "grade": true, "points": 3}
checking("SoftmaxWithLoss", uses=("softmax", "cross_entropy_error"), see="강의 6 (ch06_softmax_with_loss.ipynb)의 “역전파 유도하기” 절, 그다음 책의 §5.6.3")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = np.array([[0.3, 2.9, 4.0],
              [0.0, 0.0, 0.0]])        # 소프트맥스 행: [0.0182, 0.2452, 0.7366]과 [1/3, 1/3, 1/3]
t_one_hot = np.array([[0, 0, 1],
                      [1, 0, 0]])      # 정답 클래스는 2와 0
layer = SoftmaxWithLoss()
check_close("손실 = −(log 0.7366 + log(1/3)) / 2", layer.forward(x, t_one_hot), 0.7021631589,
            hint="−log(y[정답 클래스] + 1e-7)의 배치 평균입니다")
expected_dx = np.array([[0.0091056366, 0.1225959065, -0.1317015431],
                        [-0.3333333333, 0.1666666667, 0.1666666667]])
check_close("dx = backward()", layer.backward(), expected_dx, atol=1e-7,
            hint="강의 6의 5절(“역전파 유도하기”)에서 유도합니다. "
                 "손실은 배치에 대한 평균입니다")
check_close("dx = backward(dout=2.0) (책의 backward는 dout을 무시함)", layer.backward(2.0),
            2.0 * expected_dx, atol=1e-7,
            hint="책의 backward는 dout을 무시하지만, 이 실습의 backward는 결과에 dout을 곱합니다"
                 "(연쇄법칙: 강의 6의 7절)")
labels = np.array([2, 0])              # 같은 클래스를 정수 레이블로
layer = SoftmaxWithLoss()
check_close("정수 레이블 t = [2, 0]일 때의 손실", layer.forward(x, labels), 0.7021631589,
            hint="원-핫 t와 정수 레이블은 같은 클래스를 나타냅니다")
check_close("정수 레이블일 때의 dx = backward()", layer.backward(), expected_dx, atol=1e-7,
            hint="backward에는 원-핫 행 (N, C)로 된 정답 레이블이 필요합니다. 정수 레이블 "
                 "(N,)은 forward에서 np.eye(C)[t]로 바꾸세요")

# %% [markdown]
# 이 깔끔한 공식은 손실의 수치 미분과 일치합니다. 제공된 `numerical_gradient`는 각 점수를 ±h만큼
# 살짝 움직여 손실이 얼마나 변하는지 잽니다.

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [0.0, 0.0, 0.0]])
labels = np.array([2, 0])
layer = SoftmaxWithLoss()
layer.forward(scores, labels)
numeric = numerical_gradient(lambda s: SoftmaxWithLoss().forward(s, labels), scores.copy())
print("numerical:", np.round(numeric, 6).tolist())
print("backprop: ", np.round(layer.backward(), 6).tolist())

# %% [markdown]
# ## 4 · 직접 유도하기: 소프트맥스만의 역전파
#
# `SoftmaxWithLoss`에는 지름길이 숨어 있습니다. 소프트맥스와 교차 엔트로피 오차가 *함께* 있을
# 때에만 역전파가 깔끔해지는 것입니다. 소프트맥스는 이 손실 없이도 쓰입니다(다른 손실과 함께
# 쓰거나, 트랜스포머의 어텐션처럼 신경망 안에서 쓰는 경우). 그때 역전파는 출력마다 하나씩,
# **어떤** 상류 기울기 `dout`이든 받아야 합니다. 이 강좌에서는 아무도 이것을 유도하지 않습니다.
# 여러분이 직접 유도합니다.
#
# 아래 `Softmax` 계층은 순전파가 이미 작성되어 있습니다(1번 문제에서 작성한 여러분의 `softmax`를
# 호출합니다). 점수 한 행 $x_0, \dots, x_{C-1}$(여기서는 C = 3)에 대한 계산 그래프는 다음과
# 같습니다.
#
# ```
#  x_0 ─▶ (exp) ─▶ e_0 ─┬─────────────────────────────────▶ (÷) ─▶ y_0
#  x_1 ─▶ (exp) ─▶ e_1 ─┼─┬────────────────────▶ (÷) ─▶ y_1  ▲
#  x_2 ─▶ (exp) ─▶ e_2 ─┼─┼─┬───────▶ (÷) ─▶ y_2  ▲          │
#                       ▼ ▼ ▼          ▲          │          │
#                       ( + ) ─▶ S ────┴──────────┴──────────┘
# ```
#
# 여기서 $e_k = \exp(x_k)$, $S = e_0 + e_1 + e_2$, $y_j = e_j / S$입니다(순전파는 행의 최댓값을
# 먼저 빼지만, 그래도 $y_j$는 하나도 바뀌지 않으므로 미분도 바뀌지 않습니다).
#
# 각 $e_k$는 두 곳(자기 나눗셈 노드와 합)으로 가고, $S$는 그 행의 **모든** 나눗셈 노드로
# 들어갑니다. 따라서 각 출력 $y_j$는 같은 행의 모든 입력 $x_k$에 의존합니다. $x_k$는 $e_k$를 거쳐
# $y_k$에 직접 닿고, $S$를 거쳐서는 모든 $y_j$에 닿습니다. 상류 기울기
# $\partial L/\partial y_j$ = `dout[j]`에서 출발해 노드 하나씩 거슬러 올라가며 종이에 풀어 보세요.
#
# 1. 나눗셈 노드 $e/S$의 **두** 입력 각각에 대한 국소적 미분(입력이 둘인 나눗셈 노드와 같습니다.
#    강의 4의 7절에서 시그모이드를 exp 노드와 나눗셈 노드로 분해합니다), 그리고 exp 노드의
#    국소적 미분을 구합니다.
# 2. 값이 분기하는 곳($e_k$와 $S$)에서는 모든 경로를 따라 돌아오는 기울기를 **더합니다**(강의
#    2의 5절 · 분기).
# 3. 결과를 `y`(순전파가 저장해 둡니다)와 `dout`으로 나타내고, 배치 전체를 한꺼번에 처리합니다.
#    배치의 각 행은 저마다 독립된 그래프입니다.
#
# `backward(dout)`를 작성하세요. `dout`은 출력과 형상이 같은 `(N, C)`(샘플 하나이면 `(C,)`)이고,
# `dx`는 `x`와 형상이 같습니다. `dout`을 바꾸면 안 됩니다. 종이 위의 결과는 두 가지 사실로
# 점검하세요. 한 행의 모든 점수를 같은 양만큼 옮겨도 소프트맥스는 바뀌지 않으므로(강의 6의 2절)
# **`dx`의 각 행의 합은 0**입니다. 그리고 한 행의 모든 출력에 같은 상류 기울기가 들어오면 `dx`는
# 0입니다(출력의 합은 언제나 1이기 때문입니다). 다 끝나면 검사 셀 다음 셀이 여러분의 계층에 교차
# 엔트로피의 기울기를 넣어 여러분의 `SoftmaxWithLoss`와 비교합니다. 같은 기울기에 이르는 두 길은
# 반드시 만나야 합니다.

# %% nbgrader={"grade_id": "softmax_layer", "solution": true}
class Softmax:
    """계층으로 만든 소프트맥스: forward(x) -> y = softmax(x)(행마다), backward(dout) -> dx.

    x, y, dout, dx: (N, C)(행 하나가 샘플 하나), 또는 샘플 하나이면 (C,).
    """

    def __init__(self):
        self.y = None      # 가장 최근 순전파의 출력

    def forward(self, x):
        out = softmax(x)             # 1번 문제에서 작성한 여러분의 softmax
        self.y = out
        return out

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "softmax_layer_test", "grade": true, "points": 3}
checking("Softmax", uses=("softmax",), see="강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한 값이 두 번 쓰일 때” 절, 그다음 책의 §5.6.3과 부록 A")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x = np.array([[0.3, 2.9, 4.0],
              [1.0, -2.0, 0.5]])
dout = np.array([[1.0, 0.0, 0.0],
                 [0.5, -1.0, 2.0]])
layer = Softmax()
check_close("Softmax.forward(x)", layer.forward(x), [[0.0182112733, 0.2451918129, 0.7365969138],
                                                      [0.6037488961, 0.0300588876, 0.3661922163]],
            hint="forward는 주어져 있습니다. 1번 문제의 softmax를 호출하므로, 그 함수가 먼저 검사를 통과해야 합니다")
dx = layer.backward(dout.copy())
check_close("dx의 행별 합", np.sum(dx, axis=-1), [0.0, 0.0], atol=1e-9,
            hint="한 행의 모든 점수를 같은 양만큼 옮겨도 소프트맥스는 바뀌지 않으므로 "
                 "dx의 각 행의 합은 0입니다. 모든 입력은 같은 행의 모든 출력에 영향을 줍니다"
                 "(직접 경로만이 아니라 모든 경로를 더하세요)")
check_close("한 행 전체에 같은 dout을 넣었을 때의 backward",
            layer.backward(np.array([[2.0, 2.0, 2.0], [-1.0, -1.0, -1.0]])), np.zeros((2, 3)),
            atol=1e-9, hint="한 행의 출력은 합이 언제나 1이므로, 모두를 똑같이 밀어 올려도 "
                            "아무것도 바뀌지 않습니다. dx는 0이어야 합니다")
check_close("dx = Softmax.backward(dout)", dx, [[0.0178796228, -0.0044652551, -0.0134143677],
                                                [-0.3044101893, -0.0602440223, 0.3646542115]],
            atol=1e-9, hint="나눗셈 노드의 두 입력 각각에 대한 국소적 미분을 다시 유도하고, "
                            "x_k에서 출력들로 가는 모든 경로의 기울기를 더하세요")
one_sample = Softmax()
one_sample.forward(np.array([0.3, 2.9, 4.0]))
check_close("형상이 (3,)인 샘플 하나 x에 대한 dx", one_sample.backward(np.array([0.0, 0.0, 1.0])),
            [-0.0134143677, -0.1806075327, 0.1940219004], atol=1e-9,
            hint="1차원 x는 샘플 하나입니다. keepdims=True를 주고 axis=-1(마지막 축)을 따라 줄이세요")

# %% [markdown]
# **같은 기울기에 이르는 두 길.** 2번 문제의 교차 엔트로피 오차에서 작은 delta를 빼면, 국소적
# 미분은 $\partial L/\partial y = -t/(N y)$입니다(배치 평균일 때. 강의 6의 5절). 이것을 여러분의
# `Softmax.backward`에 넣으면 소프트맥스 그래프를 지나는 먼 길을 걷게 되고, 여러분의
# `SoftmaxWithLoss.backward()`는 지름길로 갑니다. 두 결과는 일치해야 합니다.

# %%
scores = np.array([[0.3, 2.9, 4.0],
                   [1.0, -2.0, 0.5]])
t_one_hot = np.array([[0.0, 0.0, 1.0],
                      [1.0, 0.0, 0.0]])
softmax_layer = Softmax()
y = softmax_layer.forward(scores)
long_road = softmax_layer.backward(-t_one_hot / (len(scores) * y))
loss_layer = SoftmaxWithLoss()
loss_layer.forward(scores, t_one_hot)
short_road = loss_layer.backward()
print("Softmax.backward(∂L/∂y):   ", np.round(long_road, 6).tolist())
print("SoftmaxWithLoss.backward():", np.round(short_road, 6).tolist())
print("같은가:", np.allclose(long_road, short_road, atol=1e-9))

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음 실습은 MNIST에서 학습하는 2층 신경망입니다. 거기서 이 계층은
# Affine 계층과 ReLU 계층 위에 놓이고, 이 계층의 `dx`에서 역전파가 시작됩니다.
