# %% [markdown]
# # 5장 · Affine 계층
#
# *밑바닥부터 시작하는 딥러닝* (*Deep Learning from Scratch*), **§5.6.1 Affine 계층**과
# **§5.6.2 배치용 Affine 계층**.
#
# 3장과 4장에서는 수 하나에, 또는 배열의 원소 하나하나에 작용하는 계층을 만들었습니다.
# `MulLayer`, `AddLayer`, `Relu`, `Sigmoid`가 그것입니다. 그런데 신경망에는 모든 입력을 섞어서
# 출력 하나하나를 만드는 단계도 필요합니다. 바로 가중치 합 $Y = X \cdot W + B$입니다. 이
# 장에서는 이 단계를 `forward`와 `backward`를 갖춘 계층으로 만듭니다. 그리고 대부분의 시간을
# 한 곳에 씁니다. 이 강의의 바탕이 된 한 학습 노트에 “*잘 이해안됨*”이라고 적혀 있던 곳, 곧
# 다음 역전파 식입니다.
#
# $$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}\cdot W^{\mathsf T}, \qquad
#   \frac{\partial L}{\partial W} = X^{\mathsf T}\cdot\frac{\partial L}{\partial Y}.$$
#
# 이 식을 그냥 제시하고 넘어가지는 않겠습니다. 원소 단위로 유도하고, 형상이 왜 다른 답을
# 허락하지 않는지 살펴보고, 그림으로 그리고, 수치로 확인합니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다.**
#
# 1. Affine 계층의 순전파를 계산하고, 행렬의 곱의 형상 규칙으로 모든 형상을 미리 알아맞힌다.
# 2. $y_j = \sum_i x_i W_{ij} + b_j$에서 $\partial L/\partial X$, $\partial L/\partial W$,
#    $\partial L/\partial B$를 유도하고, 식을 잊었을 때는 형상만으로 다시 세운다.
# 3. 배치에서는 편향의 기울기가 $\partial L/\partial Y$를 모든 행에 걸쳐 **합한** 것인 이유를
#    설명한다 (2장에서처럼 편향이 모든 행으로 분기하기 때문이다).
# 4. 형상이 (N, 1, 28, 28)인 이미지 배치를 `forward`에서 평탄화하고, `backward`의 결과를 원래
#    형상으로 되돌린다.
# 5. `Affine` 클래스를 작성해 수치 미분으로 구한 기울기와 비교하고, `db = dout` 실수를 그것이
#    일으키는 형상 오류로 알아본다.

# %%
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

# %% [markdown]
# 다음 두 셀은 미리 제공하는 도우미 함수입니다. `draw_graph`는 책에서처럼 계산 그래프를
# 그립니다. 순전파 값은 에지 **위에** 검은색으로, 역전파 값은 에지 **아래에** 빨간색으로
# 적습니다. `numerical_gradient(f, x)`는 배열 `x`의 원소를 하나씩 $\pm h$만큼 ($h = 10^{-4}$)
# 움직여 보고 중심 차분을 돌려줍니다. 2장에서 쓴 것과 같은 심판이며, 실습에서도 이것을 씁니다.
# 두 함수 모두 읽지 않아도 됩니다.

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · Affine 계층이 계산하는 것
#
# 뉴런으로 이루어진 층 하나는 입력 벡터 $X$를 받아 가중치 행렬 $W$를 곱하고 편향 $B$를
# 더합니다.
#
# $$Y = X \cdot W + B .$$
#
# 여기서 곱은 **행렬의 곱**(matrix product)이며, 넘파이에서는 `np.dot`으로 계산합니다
# (책에서는 내적이라고 부릅니다). 학습 노트에서는 무작위 수로 이 계산을 해 보고 형상을
# 출력합니다. $X$의 형상은 (2,), $W$는 (2, 3), $B$는 (3,)이고, $Y$는 (3,)으로 나옵니다. 입력이
# 둘, 뉴런이 셋이고, 뉴런마다 출력이 하나입니다.
#
# 무작위 버전과 함께, 이 장 내내 따라갈 작은 정수 예제를 하나 마련해 둡니다.
#
# $$X = \begin{pmatrix} 1 & 2 \end{pmatrix}, \quad
#   W = \begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{pmatrix}, \quad
#   B = \begin{pmatrix} 1 & 2 & 3 \end{pmatrix}, \qquad
#   X\cdot W = \begin{pmatrix} 1\cdot1 + 2\cdot4 & 1\cdot2 + 2\cdot5 & 1\cdot3 + 2\cdot6 \end{pmatrix}
#   = \begin{pmatrix} 9 & 12 & 15 \end{pmatrix},$$
#
# 따라서 $Y = (10,\ 14,\ 18)$입니다.

# %%
rng = np.random.default_rng(0)
X_r = rng.random(2)             # 학습 노트의 실험, 시드를 고정해서
W_r = rng.random((2, 3))
B_r = rng.random(3)
Y_r = np.dot(X_r, W_r) + B_r
print("형상  X:", X_r.shape, " W:", W_r.shape, " B:", B_r.shape, " ->  Y:", Y_r.shape)
print("Y (무작위) =", np.round(Y_r, 4))
assert Y_r.shape == (3,)
assert np.allclose(Y_r, [X_r[0] * W_r[0, j] + X_r[1] * W_r[1, j] + B_r[j] for j in range(3)])

X = np.array([1.0, 2.0])        # 정수 예제
W = np.array([[1.0, 2.0, 3.0],
              [4.0, 5.0, 6.0]])
B = np.array([1.0, 2.0, 3.0])
XW = np.dot(X, W)
Y = XW + B
print("X·W =", XW, "   Y = X·W + B =", Y)
assert XW.tolist() == [9, 12, 15] and Y.tolist() == [10, 14, 18]

# %% [markdown]
# ### 왜 '어파인'인가?
#
# *선택: 곁가지입니다. 처음 읽을 때는 건너뛰어도 되며, 실습은 이 내용에 기대지 않습니다.*
#
# Affine 계층이라는 이름은 기하학에서 왔습니다. $x \mapsto x\cdot W + b$ 꼴의 사상을 **어파인
# 변환**이라고 합니다. 어파인 변환은 두 부분으로 이루어집니다. 곱 $x\cdot W$는 *선형*
# 변환입니다. 공간을 늘이고, 기울이고, 회전시키지만, 직선은 직선으로 남고 원점은 언제나
# 제자리에 있습니다. 그다음 $b$를 더하면 원점을 포함한 모든 점이 *평행이동*합니다. 눈으로 볼
# 수 있도록, 그림에서는 $2\times2$ 행렬로 단위 정사각형을 변환했습니다. 형상이 (2, 3)인 우리의
# $W$는 같은 일을 2차원에서 3차원으로 합니다.

# %%
W_geo = np.array([[1.0, 0.4],          # 점 (1, 0)이 옮겨 가는 곳
                  [0.5, 1.2]])         # 점 (0, 1)이 옮겨 가는 곳
b_geo = np.array([1.0, 0.6])
t = np.linspace(0, 1, 5)
grid = [np.column_stack([t, np.full_like(t, v)]) for v in t] + \
       [np.column_stack([np.full_like(t, v), t]) for v in t]     # 점 (x1, x2)를 한 행씩 쌓은 배열

fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), sharex=True, sharey=True)
stages = [("the unit square x", lambda p: p),
          ("linear part: x·W", lambda p: p @ W_geo),
          ("affine: x·W + b", lambda p: p @ W_geo + b_geo)]
for ax, (name, f) in zip(axes, stages):
    for line in grid:
        ax.plot(*f(line).T, color="tab:blue", lw=1)
    e1, e2, o = f(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]))
    ax.annotate("", xy=e1, xytext=o, arrowprops=dict(arrowstyle="-|>", color="tab:red", lw=2))
    ax.annotate("", xy=e2, xytext=o, arrowprops=dict(arrowstyle="-|>", color="tab:green", lw=2))
    ax.plot(*o, "ko")
    ax.text(o[0] + 0.05, o[1] - 0.25, "image of (0, 0)" if name != stages[0][0] else "origin",
            fontsize=9)
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_title(name)
    ax.set_aspect("equal")
axes[0].set_xlim(-0.6, 3.2)
axes[0].set_ylim(-0.6, 2.6)
fig.suptitle("An affine transformation = a linear map (x·W) followed by a shift (+ b)")
plt.show()

# %% [markdown]
# 왼쪽은 단위 정사각형 위의 격자이고, 두 단위 벡터를 빨간색과 초록색으로 그렸습니다.
# 가운데에서는 $x \cdot W$를 거친 정사각형이 평행사변형이 되었습니다. 격자선은 여전히 곧고
# 간격도 고르며, 원점은 움직이지 않았습니다. 빨간 화살표는 이제 $W$의 첫째 행 $(1, 0.4)$에서,
# 초록 화살표는 둘째 행 $(0.5, 1.2)$에서 끝납니다. 오른쪽에서는 $b = (1, 0.6)$을 더해 그림
# 전체가 옮겨졌고, 원점은 $b$에 놓였습니다. 여기서 '어파인'이 뜻하는 것은 이것이 전부입니다.
#
# ## 2 · 행렬의 곱과 형상 규칙
#
# $A\cdot C$에서 결과의 각 원소는 $A$의 한 행과 $C$의 한 열을 원소끼리 곱해서 더한 값입니다.
# 그러려면 $A$의 행과 $C$의 열의 길이가 같아야 합니다.
#
# $$\underbrace{(a,\ \mathbf{k})}_{A}\ \cdot\ \underbrace{(\mathbf{k},\ c)}_{C}
#   \ \longrightarrow\ (a,\ c).$$
#
# **안쪽 크기는 일치해야 하고 곱하면 사라지며, 바깥쪽 크기가 남습니다** (책의 표현으로는
# '대응하는 차원의 원소 수를 일치시킨다'). `np.dot`은 1차원 배열도 받습니다. 왼쪽에 놓인 (2,)
# 배열은 행처럼 다뤄지므로 (2,)·(2, 3) → (3,)입니다. 순서도 중요합니다. $W\cdot X$라면
# (2, 3)·(2,)을 계산해야 하는데, 3 ≠ 2입니다.

# %%
for A, C in [(np.ones((4, 2)), np.ones((2, 3))), (X, W), (W, X)]:
    try:
        print(f"{str(A.shape):>7} · {str(C.shape):<7} -> {np.dot(A, C).shape}")
    except ValueError as error:
        print(f"{str(A.shape):>7} · {str(C.shape):<7} -> ValueError: {error}")
assert np.dot(np.ones((4, 2)), np.ones((2, 3))).shape == (4, 3) and np.dot(X, W).shape == (3,)

# %% [markdown]
# ## 3 · 계산 그래프로 본 Affine 계층
#
# 그래프로 그리면 Affine 계층은 노드 두 개일 뿐입니다. $X\cdot W$를 계산하는 `dot` 노드와
# $B$를 더하는 `+` 노드입니다. 다만 이제 에지 위를 흐르는 것은 **행렬**(또는 벡터)이므로,
# 그림에는 값의 이름 옆에 그 **형상**을 적었습니다. 위쪽 그림은 순전파 값과 역전파 식을,
# 아래쪽 그림은 형상만을 보여 줍니다.
#
# 계산을 하기 전에 이미 두 가지를 읽어 낼 수 있습니다.
#
# * `+` 노드는 3장의 덧셈 노드입니다. 상류에서 온 $\partial L/\partial Y$를 두 입력에 그대로
#   전달합니다. 따라서 $\partial L/\partial (X\cdot W) = \partial L/\partial Y$이고, 샘플이
#   하나일 때는 $\partial L/\partial B = \partial L/\partial Y$이며 형상은 (3,)입니다. (한
#   학습 노트에도 정확히 이렇게 적혀 있습니다.)
# * **모든 기울기는 그 변수와 형상이 같습니다.** $\partial L/\partial X$는 $X$처럼 (2,)이고,
#   $\partial L/\partial W$는 $W$처럼 (2, 3)입니다. 기울기는 원소마다 미분값을 하나씩
#   담으므로, 다른 형상일 수가 없습니다.

# %%
affine_nodes = {"X": (0, 1.3, "X"), "W": (0, -1.3, "W"), "dot": (3.2, 0, "dot"),
                "B": (3.2, -2.2, "B"), "add": (6.0, 0, "+"), "Y": (8.2, 0, "Y")}
fig, axes = plt.subplots(2, 1, figsize=(9.5, 8.6))
draw_graph(affine_nodes,
           [("X", "dot", "X", "∂L/∂Y · Wᵀ"), ("W", "dot", "W", "Xᵀ · ∂L/∂Y"),
            ("dot", "add", "X · W", "∂L/∂Y"), ("B", "add", "B", "∂L/∂Y"),
            ("add", "Y", "Y", "∂L/∂Y")],
           plain=("X", "W", "B", "Y"), ax=axes[0],
           title="Affine layer: forward values and backward formulas")
draw_graph(affine_nodes,
           [("X", "dot", "X (2,)", "∂L/∂X (2,)"), ("W", "dot", "W (2,3)", "∂L/∂W (2,3)"),
            ("dot", "add", "X·W (3,)", "∂L/∂Y (3,)"), ("B", "add", "B (3,)", "∂L/∂B (3,)"),
            ("add", "Y", "Y (3,)", "∂L/∂Y (3,)")],
           plain=("X", "W", "B", "Y"), ax=axes[1],
           title="The same graph with shapes: each gradient has its variable's shape")
plt.tight_layout()
plt.show()

# %% [markdown]
# `+` 노드에는 새로운 것이 없습니다. 흥미로운 쪽은 `dot` 노드입니다. 이 노드는 곱셈 노드를
# 행렬로 넓힌 것이어서, 곱셈 노드처럼 각 입력에 '상류 기울기 곱하기 *다른* 입력'을 보냅니다.
# 다만 이제는 전치($^{\mathsf T}$)가 어디에 붙을지를 형상이 정합니다. 4절부터 6절까지는 이 두
# 식이 어디서 오는지 보여 줍니다.
#
# ## 4 · 원소 단위로 역전파 식 유도하기
#
# 샘플 하나에 대한 순전파를 첨자로 써 봅시다. 입력의 첨자는 $i \in \{1, 2\}$, 출력의 첨자는
# $j \in \{1, 2, 3\}$입니다.
#
# $$y_j = \sum_{i} x_i W_{ij} + b_j,
#   \qquad\text{예를 들어}\qquad y_1 = x_1 W_{11} + x_2 W_{21} + b_1 .$$
#
# 상류 기울기를 $g_j = \partial L/\partial y_j$라고 부르겠습니다. 수 세 개, 형상 (3,)입니다.
# 각각이 평범한 미분 하나이며, 아래 내용은 모두 2장의 연쇄법칙입니다.
#
# **$\partial L/\partial x_i$.** 입력 $x_1$은 출력 $y_1, y_2, y_3$ **세 개 모두에** 계수
# $W_{11}, W_{12}, W_{13}$으로 나타납니다. 이것은 분기이므로, 세 경로에서 온 기울기를
# **더합니다**.
#
# $$\frac{\partial L}{\partial x_i} = \sum_j \frac{\partial L}{\partial y_j}\,
#   \frac{\partial y_j}{\partial x_i} = \sum_j g_j\, W_{ij}
#   \qquad\text{예:}\qquad \frac{\partial L}{\partial x_1} = g_1 W_{11} + g_2 W_{12} + g_3 W_{13}.$$
#
# 이 합은 **$W$의 $i$번째 행**을 따라 (둘째 첨자에 대해) 진행됩니다. 그런데 행렬의 곱
# $g \cdot M$은 $M$의 *첫째* 첨자에 대해 합합니다. 그러니 $(j, i)$ 원소가 $W_{ij}$인 행렬, 곧
# 전치 행렬이 필요합니다.
# $\sum_j g_j W_{ij} = \sum_j g_j (W^{\mathsf T})_{ji} = (g\cdot W^{\mathsf T})_i$, 즉
#
# $$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}\cdot W^{\mathsf T}
#   \qquad (3,)\cdot(3, 2) \to (2,).$$
#
# **$\partial L/\partial W_{ij}$.** 가중치 $W_{ij}$는 출력 **하나**, $y_j$에만 나타나며,
# 거기서 $x_i$와 곱해집니다. 따라서 $\partial y_j/\partial W_{ij} = x_i$이고 (곱셈 노드의
# '다른 입력'), 더할 것이 없습니다.
#
# $$\frac{\partial L}{\partial W_{ij}} = x_i\, g_j .$$
#
# 모든 곱 $x_i g_j$를 $i$는 세로로, $j$는 가로로 늘어놓은 표는 $2\times3$ 행렬이며, 이것을
# $x$와 $g$의 **외적**(outer product)이라고 합니다. 이름은 같지만 여기서 말하는 외적은 3차원
# 벡터의 벡터곱(cross product)이 아닙니다. 행렬의 곱으로 쓰면 열 곱하기 행, 곧 형상이 (2, 1)인
# $X^{\mathsf T}$ 곱하기 형상이 (1, 3)인 $\partial L/\partial Y$입니다.
#
# $$\frac{\partial L}{\partial W} = X^{\mathsf T}\cdot\frac{\partial L}{\partial Y}
#   = \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}\begin{pmatrix} g_1 & g_2 & g_3 \end{pmatrix}
#   = \begin{pmatrix} x_1 g_1 & x_1 g_2 & x_1 g_3 \\ x_2 g_1 & x_2 g_2 & x_2 g_3 \end{pmatrix}.$$
#
# **$\partial L/\partial b_j$.** $b_j$는 $y_j$에만 계수 1로 나타나므로
# $\partial L/\partial b_j = g_j$입니다. 덧셈 노드가 기울기를 그대로 흘려보내는 것과 같습니다.
#
# 정수 예제와 상류 기울기 $g = (1, -1, 2)$로 계산하면
# $\partial L/\partial x_1 = 1\cdot1 - 1\cdot2 + 2\cdot3 = 5$,
# $\partial L/\partial x_2 = 1\cdot4 - 1\cdot5 + 2\cdot6 = 11$입니다. 아래 셀은 같은 것을 두
# 번 계산합니다. 한 번은 위의 합을 글자 그대로 따르는 반복문으로, 또 한 번은 두 행렬 식으로
# 계산합니다.

# %%
dY = np.array([1.0, -1.0, 2.0])            # 상류 기울기 g = dL/dY, 형상 (3,)

dX_loop = np.zeros(2)
dW_loop = np.zeros((2, 3))
for i in range(2):
    for j in range(3):
        dX_loop[i] += dY[j] * W[i, j]      # x_i는 모든 y_j에 닿는다: 경로들의 기울기를 더한다
        dW_loop[i, j] = X[i] * dY[j]       # W_ij는 y_j에만 닿고, x_i와 곱해진다
dB_loop = dY.copy()                        # b_j는 y_j에만 계수 1로 닿는다

dX = np.dot(dY, W.T)                       # (3,)·(3, 2) -> (2,)
dW = np.outer(X, dY)                       # (2,)와 (3,)의 외적 -> (2, 3)
print("dL/dX =", dX)
print("dL/dW =\n", dW)
print("dL/dB =", dB_loop)
assert dX.tolist() == [5, 11] and np.array_equal(dX, dX_loop)
assert dW.tolist() == [[1, -1, 2], [2, -2, 4]] and np.array_equal(dW, dW_loop)
assert dX.shape == X.shape and dW.shape == W.shape

# %% [markdown]
# ## 5 · 형상이 답을 하나로 정한다
#
# 식을 잊어버렸나요? 두 가지 사실만 있으면 다시 세울 수 있습니다. 기울기는 그 변수와 형상이
# 같다는 것, 그리고 행렬의 곱은 안쪽 크기가 일치할 때만 계산된다는 것입니다.
#
# * $\partial L/\partial X$는 (2,)여야 합니다. 재료는 $\partial L/\partial Y$ (3,)와 $W$
#   (2, 3)입니다. $\partial L/\partial Y \cdot W$는 계산되지 않습니다 (3 ≠ 2). 크기 3은 합해서
#   없애야 하므로 양쪽에서 모두 안쪽 크기가 되어야 합니다. 곧 (3,) · (3, 2)이고, 이것이
#   $\partial L/\partial Y\cdot W^{\mathsf T}$입니다. (`np.dot(W, dY)`도 같은 수를 주는데,
#   같은 합을 반대 순서로 쓴 것입니다. 책이 기울기를 왼쪽에 두는 까닭은 배치에서 그 행들이
#   샘플이기 때문입니다.)
# * $\partial L/\partial W$는 (2, 3)이어야 합니다. 재료는 $X$ (2,)와 $\partial L/\partial Y$
#   (3,)입니다. 길이 2인 벡터와 길이 3인 벡터를 곱해 2×3 행렬을 만드는 방법은 열 × 행, 곧
#   (2, 1) · (1, 3) 하나뿐입니다. 즉 $X^{\mathsf T}\cdot\partial L/\partial Y$입니다.
#
# 형상 맞추기는 기억을 돕는 요령이고, 증명은 4절입니다. ($W$가 정사각 행렬이면 틀린 식도
# 형상은 맞을 수 있으므로 형상만으로 모든 실수를 잡을 수는 없습니다. 그런 실수는 수치 확인이
# 잡아냅니다.)
#
# 그림은 정수 예제로 세 곱을 모두 그린 것입니다. 상자 하나가 행렬 하나이고, 칸마다 수를 적어
# 그렸으므로 상자의 너비와 높이가 *곧* 형상입니다. 샘플 하나인 $X$는 `np.dot`이 다루는
# 방식대로 행 (1, 2)로 그렸습니다. 각 기울기는 그 변수와 같은 색이고, 합해서 사라지는 크기는
# 이웃한 두 상자가 맞닿는 변입니다. 왼쪽 상자의 너비가 오른쪽 상자의 높이와 같습니다.

# %%
def draw_matrix(ax, left, centre_y, values, colour, name, s=0.55):
    """행렬 하나를 수가 적힌 s×s 칸의 격자로 그린다. 이름은 위에, 형상은 아래에."""
    values = np.atleast_2d(values)
    rows, cols = values.shape
    top = centre_y + rows * s / 2
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(Rectangle((left + c * s, top - (r + 1) * s), s, s,
                                   facecolor=colour, edgecolor="black", lw=1))
            ax.text(left + (c + 0.5) * s, top - (r + 0.5) * s, f"{values[r, c]:g}",
                    ha="center", va="center", fontsize=10)
    ax.text(left + cols * s / 2, top + 0.22, name, ha="center", va="bottom", fontsize=11)
    ax.text(left + cols * s / 2, top - rows * s - 0.12, f"({rows}, {cols})",
            ha="center", va="top", fontsize=10, color="dimgray")
    return left + cols * s


def draw_product(ax, centre_y, items, caption):
    """items: 행렬 (values, colour, name)과 연산자 문자열. 왼쪽에서 오른쪽으로 늘어놓는다."""
    x = 2.6
    ax.text(0, centre_y, caption, ha="left", va="center", fontsize=11, fontweight="bold")
    for item in items:
        if isinstance(item, str):
            ax.text(x + 0.3, centre_y, item, ha="center", va="center", fontsize=16)
            x += 0.6
        else:
            x = draw_matrix(ax, x, centre_y, *item)
    return x


blue, orange, green = "#cfe2f3", "#fce5cd", "#d9ead3"
fig, ax = plt.subplots(figsize=(9.5, 7.2))
rows = [("forward", [(X, blue, "X"), "·", (W, orange, "W"), "=", (XW, green, "X · W")],
         "(1, 2)·(2, 3) → (1, 3)"),
        ("backward: ∂L/∂X", [(dX, blue, "∂L/∂X"), "=", (dY, green, "∂L/∂Y"), "·",
                             (W.T, orange, "Wᵀ")], "(1, 3)·(3, 2) → (1, 2)"),
        ("backward: ∂L/∂W", [(dW, orange, "∂L/∂W"), "=", (X[:, None], blue, "Xᵀ"), "·",
                             (dY, green, "∂L/∂Y")], "(2, 1)·(1, 3) → (2, 3)")]
for k, (caption, items, rule) in enumerate(rows):
    right = draw_product(ax, -3.0 * k, items, caption)
    ax.text(right + 0.4, -3.0 * k, rule, ha="left", va="center", fontsize=10, color="dimgray")
ax.set_xlim(-0.1, 11.6)
ax.set_ylim(-7.4, 1.4)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Shapes in the Affine layer (one sample): the touching sides have equal length")
plt.show()

# %% [markdown]
# 그림을 한 줄씩 읽어 봅시다.
#
# * **순전파.** $X$는 길이 2인 행 하나이고, $W$의 높이는 2입니다. 2는 합해서 사라지고 길이 3인
#   행 하나가 남습니다: $(9, 12, 15)$.
# * **∂L/∂X.** 기울기 $\partial L/\partial Y$는 길이 3인 행이므로, 오른쪽에 올 짝은 높이가
#   3이어야 하고, 길이 2인 행을 만들려면 너비가 2여야 합니다. 정확히 $W^{\mathsf T}$입니다.
#   결과 $(5, 11)$은 $X$처럼 길이 2인 파란 행입니다.
# * **∂L/∂W.** $X^{\mathsf T}$는 길이 2인 열이고 $\partial L/\partial Y$는 길이 3인 행입니다.
#   '합해서 사라지는' 크기가 1이므로 실제로는 아무것도 합하지 않고, 각 칸은 그냥
#   $x_i \cdot g_j$입니다. 첫째 행은 $1\cdot(1, -1, 2)$, 둘째 행은 $2\cdot(1, -1, 2)$입니다.
#   결과는 $W$처럼 2×3 주황색 블록입니다.
#
# > **흔한 실수: 1차원 배열을 전치해도 아무 일도 일어나지 않습니다.** 넘파이에서 형상이 (2,)인
# > 배열의 `X.T`는 형상이 (2,)인 같은 배열입니다. 1차원 배열에는 '열' 모양이 따로 없습니다.
# > 그래서 식 $X^{\mathsf T}\cdot\partial L/\partial Y$를 글자 그대로 `np.dot(X.T, dY)`라고
# > 치면 샘플 하나일 때 실패합니다 (길이 2인 벡터와 길이 3인 벡터의 내적을 구하라는 셈이
# > 되니까요). 이 식은 $X$를 샘플마다 한 행인 **(1, 2) 행렬**로 보고 쓴 것입니다. 샘플에 행
# > 형상을 주면 (또는 `np.outer`를 쓰면) 제대로 동작합니다. Affine 계층이 언제나 2차원 배치로
# > 계산하는 이유가 하나 더 생긴 셈입니다. 샘플 하나는 그냥 N = 1인 배치입니다.

# %%
print("X.shape:", X.shape, "  X.T.shape:", X.T.shape)
try:
    np.dot(X.T, dY)
except ValueError as error:
    print("np.dot(X.T, dY) -> ValueError:", error)

X_row, dY_row = X.reshape(1, 2), dY.reshape(1, 3)           # 샘플 하나를 크기 1인 배치로
dW_rows = np.dot(X_row.T, dY_row)                            # (2, 1)·(1, 3) -> (2, 3)
print("X_row.T.shape:", X_row.T.shape, "  np.dot(X_row.T, dY_row).shape:", dW_rows.shape)
assert X.T.shape == (2,) and np.array_equal(dW_rows, dW)

# %% [markdown]
# ## 6 · 수치 미분으로 확인하기
#
# 역전파를 수치로 확인하려면 $Y$에 대한 기울기가 미리 정한 $G$가 되는 손실 $L$이 필요합니다.
# 가장 간단한 것은 다음 손실입니다.
#
# $$L = \sum_j G_j\, y_j \qquad(\text{코드로는 } \texttt{np.sum(Y * G)}),
#   \qquad\text{따라서}\qquad \frac{\partial L}{\partial y_j} = G_j .$$
#
# 그러면 $\partial L/\partial Y = G$를 넣은 역전파 식의 결과가 $X$, $W$, $B$에 차례로
# `numerical_gradient`를 적용한 결과와 일치해야 합니다. 다루기 쉬운 정수 대신 무작위 배정밀도
# (float64) 데이터를 써서, 우연한 대칭이 실수를 가리는 일이 없게 합니다. 람다는 인수를 쓰지
# 않습니다. `numerical_gradient`가 배열을 제자리에서 바꾸면, 람다는 바뀐 배열을 이름 `x`,
# `W_n`, `b`로 읽습니다.

# %%
rng = np.random.default_rng(0)
x, W_n, b = rng.standard_normal(2), rng.standard_normal((2, 3)), rng.standard_normal(3)
G = rng.standard_normal(3)                           # dL/dY 역할을 한다


def probe_loss():
    return np.sum((np.dot(x, W_n) + b) * G)


analytic = {"X": np.dot(G, W_n.T), "W": np.outer(x, G), "B": G}
numeric = {"X": numerical_gradient(lambda _: probe_loss(), x),
           "W": numerical_gradient(lambda _: probe_loss(), W_n),
           "B": numerical_gradient(lambda _: probe_loss(), b)}
for name in analytic:
    same = np.allclose(analytic[name], numeric[name], rtol=1e-6, atol=1e-9)
    print(f"dL/d{name}: 형상 {analytic[name].shape}, 중심 차분과 일치: {same}")
    assert same and analytic[name].shape == numeric[name].shape
print("dL/dX 역전파   :", np.round(analytic["X"], 6))
print("dL/dX 수치 미분:", np.round(numeric["X"], 6))

# %% [markdown]
# ## 7 · 배치용 Affine 계층
#
# 신경망은 샘플 N개로 이루어진 **배치**를 한꺼번에 처리합니다. 이때 $X$는 샘플마다 행 하나를
# 갖습니다. 한 학습 노트는 입력 특징이 셋, 뉴런이 둘인 경우의 형상을 적어 둡니다. $X$ (N, 3),
# $W$ (3, 2), $B$ (2,)이므로 $Y$는 (N, 2)입니다. (책의 §5.6.2는 1절의 형상을 그대로 씁니다.
# $X$ (N, 2), $W$ (2, 3), $B$ (3,), $Y$ (N, 3)입니다.) 곱 $X\cdot W$는 모든 행을 한 번에
# 처리합니다. 편향은 **모든 행에** 더해집니다. 넘파이가 형상 (2,)인 $B$를 N개의 행에
# 브로드캐스트(broadcast)하는 것입니다.
#
# 역전파 식의 꼴은 그대로이고, 여전히 형상 규칙이 모든 것을 정합니다.
#
# | 구하는 값 | 식 | 형상 (샘플 N개, 입력 D개, 출력 M개) |
# |---|---|---|
# | $\partial L/\partial X$ | $\partial L/\partial Y\cdot W^{\mathsf T}$ | (N, M)·(M, D) → (N, D), $X$와 같음 |
# | $\partial L/\partial W$ | $X^{\mathsf T}\cdot\partial L/\partial Y$ | (D, N)·(N, M) → (D, M), $W$와 같음 |
# | $\partial L/\partial B$ | $\partial L/\partial Y$의 행들을 모두 더한 것 | (N, M) → (M,), $B$와 같음 |
#
# 배치 크기 N이 어떻게 되는지 보세요. $\partial L/\partial X$에서 N은 살아남습니다. 샘플마다
# 자기 입력의 기울기를 받습니다. $\partial L/\partial W$에서 N은 안쪽 크기이므로 **합해서
# 사라집니다**. $X^{\mathsf T}\cdot\partial L/\partial Y = \sum_n x_n^{\mathsf T} g_n$, 곧
# 4절에서 본 샘플 하나짜리 외적들의 합입니다. 이것도 분기 규칙입니다. 모든 샘플이 **같은**
# $W$를 쓰므로, 모든 샘플의 기울기가 더해집니다.

# %%
N = 4
rng = np.random.default_rng(1)
Xb, Wb, Bb = rng.standard_normal((N, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
Yb = np.dot(Xb, Wb) + Bb                   # B (2,)가 N개의 행에 브로드캐스트된다
dYb = rng.standard_normal(Yb.shape)
dXb, dWb, dBb = np.dot(dYb, Wb.T), np.dot(Xb.T, dYb), np.sum(dYb, axis=0)
for name, value in [("X", Xb), ("W", Wb), ("B", Bb), ("Y", Yb),
                    ("dL/dX", dXb), ("dL/dW", dWb), ("dL/dB", dBb)]:
    print(f"{name:>6}: {value.shape}")
assert Yb.shape == (N, 2) and dXb.shape == Xb.shape and dWb.shape == Wb.shape
assert dBb.shape == Bb.shape
assert np.allclose(dWb, sum(np.outer(Xb[n], dYb[n]) for n in range(N)))   # 샘플들에 대한 합

# %% [markdown]
# ### ∂L/∂B가 합인 이유
#
# 순전파에서는 편향 벡터 $B$ 하나가 N개의 행 각각에 **복사**됩니다. 그래프로 그리면 $B$는 복사
# 노드를 지나 행마다 하나씩 있는 덧셈 노드 N개로 들어갑니다. 이것은 정확히 2장의 분기입니다
# (거기서는 $b$가 `+` 노드 두 개로 들어가 $7 + 2 = 9$를 돌려받았습니다). 순전파에서 복사하면
# 역전파에서는 **더합니다**. 각 행의 덧셈 노드는 $\partial L/\partial Y$의 자기 행을 복사
# 노드로 돌려보내고, 복사 노드는 그것들을 합합니다.
#
# $$\frac{\partial L}{\partial B} = \sum_{n=1}^{N} \left(\frac{\partial L}{\partial Y}\right)_{n,:}
#   \qquad \texttt{np.sum(dY, axis=0)}.$$
#
# `axis=0`은 열을 따라 위에서 아래로, 곧 샘플들에 대해 합하며, 뉴런마다 수 하나를 남깁니다.
# 책의 예는 N = 2이고 다음과 같습니다.
#
# $$\frac{\partial L}{\partial Y} = \begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{pmatrix}
#   \quad\Longrightarrow\quad \frac{\partial L}{\partial B} = (1+4,\ 2+5,\ 3+6) = (5,\ 7,\ 9).$$
#
# 정수 예제를 이어 가겠습니다. 둘째 샘플 $(3, 4)$를 더해
# $X = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$로 하고, $W$와 $B$는 앞에서와 같게 둡니다.

# %%
X2 = np.array([[1.0, 2.0],
               [3.0, 4.0]])
Y2 = np.dot(X2, W) + B
dY2 = np.array([[1.0, 2.0, 3.0],
                [4.0, 5.0, 6.0]])
dX2 = np.dot(dY2, W.T)
dW2 = np.dot(X2.T, dY2)
dB2 = np.sum(dY2, axis=0)
print("Y     =", Y2.tolist())
print("dL/dX =", dX2.tolist())
print("dL/dW =", dW2.tolist())
print("dL/dB =", dB2.tolist())
assert Y2.tolist() == [[10, 14, 18], [20, 28, 36]]
assert dX2.tolist() == [[14, 32], [32, 77]]
assert dW2.tolist() == [[13, 17, 21], [18, 24, 30]]
assert dB2.tolist() == [5, 7, 9]

# %%
draw_graph({"XW1": (0, 2.2, "(X·W) row 1"), "XW2": (0, -2.2, "(X·W) row 2"),
            "B": (0, 0, "B"), "copy": (2.2, 0, "copy"),
            "add1": (5.0, 2.2, "+"), "add2": (5.0, -2.2, "+"),
            "Y1": (7.6, 2.2, "Y row 1"), "Y2": (7.6, -2.2, "Y row 2")},
           [("XW1", "add1", "[9, 12, 15]", "[1, 2, 3]"),
            ("XW2", "add2", "[19, 26, 33]", "[4, 5, 6]"),
            ("B", "copy", "[1, 2, 3]", "[5, 7, 9]"),
            ("copy", "add1", "[1, 2, 3]", "[1, 2, 3]"),
            ("copy", "add2", "[1, 2, 3]", "[4, 5, 6]"),
            ("add1", "Y1", "[10, 14, 18]", "[1, 2, 3]"),
            ("add2", "Y2", "[20, 28, 36]", "[4, 5, 6]")],
           plain=("XW1", "XW2", "B", "Y1", "Y2"),
           title="The bias fans out to every row; backward, the rows of ∂L/∂Y add up to [5, 7, 9]",
           figsize=(10, 5.6))
plt.show()

# %% [markdown]
# 그림의 순전파 값(검은색)을 보면 같은 $B = [1, 2, 3]$이 복사 노드에서 두 번 나갑니다. 역전파
# 값(빨간색)을 보면 각 덧셈 노드가 $\partial L/\partial Y$의 자기 행 $[1, 2, 3]$과
# $[4, 5, 6]$을 돌려주고, 복사 노드가 이를 더해 $[5, 7, 9]$를 만듭니다. 셀의 나머지 수도 위의
# 표를 따릅니다. $\partial L/\partial W$의 첫째 행은
# $1\cdot[1,2,3] + 3\cdot[4,5,6] = [13, 17, 21]$이고 (첫째 입력 특징이 첫 샘플에서는 1, 둘째
# 샘플에서는 3), 둘째 행은 $2\cdot[1,2,3] + 4\cdot[4,5,6] = [18, 24, 30]$입니다.
#
# ## 8 · 축이 셋 이상인 입력
#
# MNIST 이미지는 형상이 (N, 1, 28, 28)인 배치로 들어옵니다. 이미지 N장, 색 채널 1개, 28×28
# 픽셀입니다. Affine 계층은 샘플마다 행 하나를 원하므로, `forward`는 먼저 `x.reshape(N, -1)`로
# 각 이미지를 수 $1\cdot28\cdot28 = 784$개로 된 행 하나로 **평탄화**합니다 (`-1`은 '나머지
# 전부'라는 뜻입니다). 이렇게 하지 않으면 `np.dot`은 $x$의 *마지막* 축(28)과 $W$의 첫째
# 축(784)을 짝지으려다 실패합니다. 한 학습 노트는 형상 변환 없이 Affine 클래스를 작성하고,
# 주석에 그렇게 밝혀 두었습니다: “*x가 2차원이라고 가정함. 책에서는 x를 강제로 2차원으로
# 바꿈*”. 실습의 입력이 늘 2차원인 것은 아니므로, 형상 변환은 계층의 일부입니다.
#
# `backward`는 이것을 되돌려야 합니다. 기울기 $\partial L/\partial X$는 (N, 784)로 나오지만,
# 왼쪽 계층은 (N, 1, 28, 28) 배열을 만들었고 기울기도 그 형상으로 받기를 기대합니다 (책의
# 7장에서는 이 왼쪽 이웃이 합성곱 계층입니다). 그래서 `forward`는 원래 형상을 기억해 두고,
# `backward`는 $\partial L/\partial X$를 그 형상으로 되돌립니다. 평탄화와 그 되돌리기는 같은
# (행 우선) 순서를 쓰므로, 기울기의 각 원소는 자기가 온 픽셀로 정확히 돌아갑니다.

# %%
rng = np.random.default_rng(2)
images = rng.random((2, 1, 28, 28))
W_img, b_img = 0.01 * rng.standard_normal((784, 10)), np.zeros(10)
try:
    np.dot(images, W_img)
except ValueError as error:
    print("reshape 없이 -> ValueError:", error)

flat = images.reshape(images.shape[0], -1)           # (2, 1, 28, 28) -> (2, 784)
out = np.dot(flat, W_img) + b_img
dout = np.ones_like(out)
dflat = np.dot(dout, W_img.T)                        # (2, 784)
dimages = dflat.reshape(images.shape)                # (2, 1, 28, 28)로 되돌린다
print("images", images.shape, "-> flat", flat.shape, "-> out", out.shape)
print("dflat", dflat.shape, "-> dimages", dimages.shape)
assert flat.shape == (2, 784) and out.shape == (2, 10) and dimages.shape == images.shape
assert flat[1, 28 * 5 + 7] == images[1, 0, 5, 7] and dimages[1, 0, 5, 7] == dflat[1, 28 * 5 + 7]

# %% [markdown]
# ## 9 · `Affine` 클래스
#
# 지금까지 살펴본 것을 이 과정의 공통 인터페이스를 따르는 계층 하나로 묶습니다. `forward(x)`는
# 출력을 돌려주고, `backward(dout)`는 $\partial L/\partial x$를 돌려주면서 매개변수의 기울기를
# `self.dW`와 `self.db`에 저장합니다.

# %%
class Affine:
    def __init__(self, W, b):
        self.W = W                      # (D, M) 가중치
        self.b = b                      # (M,) 편향
        self.x = None                   # 평탄화한 입력 (N, D), backward를 위해 보관
        self.original_x_shape = None    # 예: (N, 1, 28, 28). dx의 형상을 되돌릴 때 쓴다
        self.dW = None                  # 매개변수의 기울기, backward가 채운다
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)               # (N, ...) -> (N, D)
        self.x = x
        out = np.dot(x, self.W) + self.b            # (N, D)·(D, M) + (M,) -> (N, M)
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)                 # (N, M)·(M, D) -> (N, D)
        self.dW = np.dot(self.x.T, dout)            # (D, N)·(N, M) -> (D, M)
        self.db = np.sum(dout, axis=0)              # (N, M) -> (M,): 편향이 분기했으므로 합한다
        dx = dx.reshape(*self.original_x_shape)     # (N, D) -> x가 들어올 때의 형상
        return dx

# %% [markdown]
# 한 줄씩 살펴봅시다.
#
# * `__init__(W, b)`는 매개변수를 보관합니다. `self.W = W`는 호출한 쪽 배열의 복사본이 아니라
#   **참조**를 저장합니다. 그래서 나중에 학습 루프가 매개변수를 제자리에서
#   갱신하면(`W -= lr * dW`) 계층도 새 값을 봅니다. `self.x`와 `self.original_x_shape`는
#   `forward`가 `backward`를 위해 채워 두는 인스턴스 변수입니다. `self.dW`와 `self.db`는
#   `backward`가 매개변수의 기울기를 남겨 두는 곳입니다. 이름은 정확히 이대로 쓰세요. 한 학습
#   노트는 이것을 `dw`와 `w`라고 불렀는데, 그러면 `layer.dW`를 찾는 신경망(또는 채점기)은
#   아무것도 찾지 못합니다.
# * `forward(x)`: 들어온 형상을 기억하고, 0번 축을 배치로 둔 채 (N, D)로 평탄화합니다.
#   평탄화한 `x`는 저장해 둡니다. $\partial L/\partial W = x^{\mathsf T}\cdot$`dout`에
#   필요하기 때문입니다 (`MulLayer`처럼 `dot` 노드도 순전파 때의 입력이 필요합니다).
#   마지막으로 $b$를 모든 행에 브로드캐스트해서 $x\cdot W + b$를 돌려줍니다.
# * `backward(dout)`: `dout`은 $\partial L/\partial Y$이고 형상은 (N, M)입니다. 세 줄은 7절
#   표의 세 행입니다. `dx`는 저장할 필요가 **없습니다**. 반환값이고, 왼쪽 계층의 `dout`이
#   됩니다. 마지막 줄은 평탄화를 되돌립니다.
#
# 0번 축은 언제나 배치이므로, 샘플 하나도 크기가 1인 배치, 곧 형상 (1, D)로 넣어야 합니다.
# 그냥 (D,) 벡터를 넣으면 특징이 하나뿐인 샘플 D개로 읽힙니다. 그 결과 생기는 오류는 아래
# 셀에서 볼 수 있습니다. 먼저 이 클래스가 7절의 배치 예제(우리의 정수 $X$와 $W$, 그리고 책의
# $\partial L/\partial Y$)를 그대로 재현하는지 봅시다.

# %%
layer = Affine(W.copy(), B.copy())
out = layer.forward(X2)
dx = layer.backward(dY2)
print("out =", out.tolist(), "  dx =", dx.tolist())
print("dW =", layer.dW.tolist(), "  db =", layer.db.tolist())
assert out.tolist() == [[10, 14, 18], [20, 28, 36]] and dx.tolist() == [[14, 32], [32, 77]]
assert layer.dW.tolist() == [[13, 17, 21], [18, 24, 30]] and layer.db.tolist() == [5, 7, 9]

print("샘플 하나를 (1, 2)로:", layer.forward(X.reshape(1, 2)).tolist())
try:
    layer.forward(X)                               # 형상 (2,): 특징 1개짜리 샘플 2개로 읽힌다
except ValueError as error:
    print("샘플 하나를 (2,)로  -> ValueError:", error)

# %% [markdown]
# ### 무작위 데이터로 기울기 확인
#
# 결정적인 시험입니다. 축이 셋 이상인 무작위 배정밀도 입력과 무작위 시험용 기울기 $G$를
# 준비하고, 6절의 손실 $L = \sum G \odot \text{out}$에 대해 $x$, $W$, $b$ 각각에
# `numerical_gradient`를 적용합니다. 계층은 `W`와 `b`의 참조를 들고 있으므로, 수치 미분이 이
# 배열들을 제자리에서 조금씩 바꾸면 계층의 `forward`도 그 변화를 빠짐없이 봅니다.

# %%
rng = np.random.default_rng(3)
x4 = rng.standard_normal((3, 2, 2, 2))              # 형상 (2, 2, 2)인 샘플 N = 3개: D = 8
W4, b4 = rng.standard_normal((8, 4)), rng.standard_normal(4)
G4 = rng.standard_normal((3, 4))
layer = Affine(W4, b4)


def probe_loss4():
    return np.sum(layer.forward(x4) * G4)


layer.forward(x4)
dx4 = layer.backward(G4)
dW4, db4 = layer.dW, layer.db
checks = {"dx": (dx4, numerical_gradient(lambda _: probe_loss4(), x4)),
          "dW": (dW4, numerical_gradient(lambda _: probe_loss4(), W4)),
          "db": (db4, numerical_gradient(lambda _: probe_loss4(), b4))}
for name, (backprop, numerical) in checks.items():
    same = backprop.shape == numerical.shape and np.allclose(backprop, numerical,
                                                             rtol=1e-6, atol=1e-9)
    print(f"{name}: 형상 {backprop.shape}, 중심 차분과 일치: {same}")
    assert same

# %% [markdown]
# > **흔한 실수: 합하지 않은 `db = dout`.** 샘플이 하나일 때는 $\partial L/\partial B$가
# > 정말로 $\partial L/\partial Y$이므로 (3절), `self.db = dout`이라고 쓰고 싶어집니다. 하지만
# > 배치에서는 이 `db`의 형상이 샘플마다 한 행인 (N, M)인데, `b`의 형상은 (M,)입니다. 계층
# > 안에서는 아무것도 실패하지 않습니다. 오류는 한 단계 뒤, 경사 하강법의 갱신에서 원인과 멀리
# > 떨어진 곳에 나타납니다.
# >
# > * 학습 루프에서 흔히 쓰듯 제자리에서 `b -= lr * db`라고 하면 브로드캐스트 오류로 멈춥니다.
# >   (M,) 배열에는 (N, M) 결과를 담을 수 없기 때문입니다.
# > * `b = b - lr * db`는 더 나쁩니다. 아무 경고 없이 편향을 (N, M) 행렬로 만들어 버립니다.
# >   다음 배치도 마침 N행이라면 다음 순전파는 그대로 돌아가면서 *행의 위치*마다 따로 편향을
# >   주고, 크기가 다른 배치를 처음 만나는 순간 실패합니다.
# >
# > `dW`도 마찬가지입니다. 순서를 거꾸로 쓰면 (예: `np.dot(dout.T, x)`, 형상 (M, D))
# > `W -= lr * dW`가 형상 오류로 실패합니다. 단, $W$가 정사각 행렬이면 오류 없이 틀린 수로
# > 학습합니다. `dW.shape == W.shape`와 `db.shape == b.shape`를 확인하고, 이어서 수를
# > `numerical_gradient`와 비교하면 이런 실수를 모두 잡을 수 있습니다.

# %%
lr = 0.1
db_wrong = dY2                                     # 실수: dout 그대로, 형상 (2, 3)
b_trained = B.copy()
print("b:", b_trained.shape, "  db_wrong:", db_wrong.shape)
try:
    b_trained -= lr * db_wrong
except ValueError as error:
    print("b -= lr * db      -> ValueError:", error)

b_silent = B - lr * db_wrong                       # 오류는 없지만 이제 편향이 행렬이다
print("b = b - lr * db   -> 이제 b의 형상은", b_silent.shape)
try:
    np.dot(np.ones((5, 2)), W) + b_silent          # 다음 배치는 샘플이 5개
except ValueError as error:
    print("샘플 5개인 다음 배치 -> ValueError:", error)

dW_wrong = np.dot(dY2.T, X2)                       # 또 다른 실수: (2, 3) 대신 (3, 2)
W_trained = W.copy()
try:
    W_trained -= lr * dW_wrong
except ValueError as error:
    print("W -= lr * dW(3,2) -> ValueError:", error)
assert db_wrong.shape == (2, 3) and b_silent.shape == (2, 3) and dW_wrong.shape == (3, 2)
assert np.sum(db_wrong, axis=0).tolist() == [5, 7, 9]     # 바로잡기: 배치에 대해 합한다

# %% [markdown]
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | Affine 계층 | Affine layer | $Y = X\cdot W + B$를 계산하는 계층 |
# | 어파인 변환 | affine transformation | 선형 사상 다음에 평행이동: $x \mapsto x\cdot W + b$ |
# | 행렬의 곱 | matrix product | $(a, k)\cdot(k, c) \to (a, c)$: 안쪽 크기가 일치해야 하고 합해서 사라짐; `np.dot` |
# | 내적 | dot product | 책에서 `np.dot`을 부르는 이름; 두 벡터라면 $\sum_i a_i b_i$ |
# | 형상 | shape | 배열의 각 축의 크기, 예: (N, 784) |
# | 가중치 / 편향 | weight / bias | Affine 계층의 매개변수 $W$와 $B$ |
# | 전치 | transpose | $W^{\mathsf T}$: 행이 열이 됨; `W.T` (1차원 배열에는 아무 효과가 없음) |
# | 외적 | outer product | 열 × 행: $(x_i g_j)$, 샘플 하나일 때의 $\partial L/\partial W$ |
# | 기울기 | gradient | 손실의 미분을 원소마다 하나씩, 변수와 같은 형상으로 모은 것 |
# | 배치 | batch | 한꺼번에 처리하는 샘플 N개, 샘플마다 한 행 |
# | 브로드캐스트 | broadcasting | 넘파이가 (M,)인 $B$를 (N, M) 배열의 N개 행에 되풀이해 적용하는 것 |
# | 분기 | fan-out, branch | 한 값이 여러 곳에서 쓰이는 것; 역전파에서는 기울기를 더함 |
# | 연쇄법칙 | chain rule | 합성 함수의 미분은 국소적 미분들의 곱 |
# | 평탄화 / 형상 변환 | flatten / reshape | 순전파에서 (N, 1, 28, 28) → (N, 784), 역전파에서 그 반대 |
# | 수치 미분 | numerical gradient | 모든 원소에 대한 중심 차분 $(f(w+h) - f(w-h))/2h$, $h = 10^{-4}$ |
# | 경사 하강법 | gradient descent | 갱신 $W \leftarrow W - \eta\,\partial L/\partial W$ |
#
# ## 다음 장에서는
#
# **실습:** `ko/labs/ch05_affine.ipynb`. `Affine`을 직접 작성합니다. 평탄화를
# 포함한 순전파, 그리고 `dx`, `self.dW`, `self.db`를 구하는 역전파입니다. 검사는 무작위
# 배치(N = 1 포함, 축이 셋 이상인 입력 포함)로 여러분의 코드를 실행해 수치 미분과 비교하므로,
# 이 강의에서 다룬 실수(합하지 않은 `db`, 전치가 뒤바뀐 `dW`, 형상을 되돌리지 않은 `dx`)는
# 모두 잡힙니다. 그다음에는 역전파를 스스로 유도합니다. 각 특징에서 배치 평균을 빼는 계층으로,
# 배치 정규화의 첫 단계입니다. 여기에 필요한 것은 정확히 이 강의 7절의 아이디어(모든 행에
# 복사되는 값)와 2장의 분기입니다.
#
# **다음 강의:** `ch06_softmax_with_loss`, 신경망의 마지막 계층입니다. 소프트맥스 함수는
# Affine 계층이 내놓은 점수를 확률로 바꾸고, 교차 엔트로피 오차는 그 확률을 손실 값 하나로
# 바꿉니다. 둘을 합친 역전파는 놀랄 만큼 간단한 $(y - t)/N$이며, 이것이 방금 만든 Affine
# 계층으로 흘러 들어가는 $\partial L/\partial Y$입니다.
