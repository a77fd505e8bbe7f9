# %% [markdown]
# # 2장 — 연쇄법칙
#
# *교재: 밑바닥부터 시작하는 딥러닝, §5.2.1–5.2.3. 수치 미분(§4.3)을 되짚어 보고, 경사 하강법(§4.4)도
# 미리 살펴봅니다.*
#
# 1장에서는 계산 그래프가 수를 왼쪽에서 오른쪽으로 실어 날랐고, 맨 끝에서는 미분이 반대 방향으로
# 흐르는 것을 보았습니다. "사과 가격이 1원 오르면 최종 금액은 2.2원 늘어난다"는 것이었지요. 이 장에서는
# 오른쪽에서 왼쪽으로 흐르는 이 계산이 **왜** 올바른 미분을 주는지 설명합니다. 답은 미적분의 규칙 하나,
# 바로 연쇄법칙이며, 그림에서 그대로 읽어 낼 수 있습니다.
#
# **이 장을 마치면 다음을 할 수 있습니다.**
#
# 1. 노드 하나를 지나는 역전파 한 단계를 계산합니다. 상류에서 온 신호에 그 노드의 국소적 미분을
#    곱하면 됩니다.
# 2. 합성 함수를 연쇄법칙으로 미분하고, 같은 계산이 계산 그래프 위에서 어떻게 이루어지는지 봅니다.
# 3. 어떤 미분이든 중심 차분으로 확인하고, 간격을 $10^{-50}$이 아니라 $h = 10^{-4}$로 잡는 이유를
#    설명합니다.
# 4. **분기**를 처리합니다. 한 값이 두 노드로 들어가면 두 경로에서 온 기울기를 **더합니다**.
# 5. "출력의 미분"이 어떻게 해서 학습에 실제로 쓰이는 "손실의 미분"이 되는지 설명합니다.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# 다음 셀은 이 강좌에서 그래프를 그리는 데 쓰는 도우미 함수 `draw_graph`입니다. 내용을 읽을 필요는
# 없습니다. 책과 마찬가지로 원은 연산을 나타내고, 순전파 값은 에지 **위**에 검은색으로, 역전파 값은
# 에지 **아래**에 빨간색으로 적습니다.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1. 노드 하나를 지나는 역전파
#
# $y = f(x)$를 계산하는 노드 하나를 생각해 봅시다. 순전파에서 이 노드는 $x$를 받아 $y$를 오른쪽으로
# 보냅니다. 역전파에서는 오른쪽에서 수가 하나 도착하는데, 이것을 $E$라고 합시다. $E$는 **상류**에서 온
# 신호로, $y$가 한 단위 변할 때 최종 결과가 얼마나 변하는지를 나타냅니다. 노드가 이 신호로 하는 일은
# 하나뿐입니다. $E$에 자신의 국소적 미분을 곱해서, 그 곱을 왼쪽, 곧 **하류**로 보냅니다.
#
# $$E \;\longmapsto\; E \cdot \frac{\partial y}{\partial x}.$$
#
# $\partial y / \partial x$가 이 노드의 **국소적 미분**입니다. 노드 자신이 맡은 작은 계산의 미분이므로,
# 그래프의 나머지 부분을 전혀 몰라도 노드 혼자서 구할 수 있습니다. 제곱 노드 $y = x^2$이라면 국소적
# 미분은 $2x$이므로, 노드는 $E \cdot 2x$를 왼쪽으로 보냅니다.
#
# 아래 그림은 이 규칙을 기호로(왼쪽), 그리고 $x = 3$이고 상류 신호가 $E = 2$일 때의 수로(오른쪽)
# 보여 줍니다. 노드는 하류로 $2 \cdot (2 \cdot 3) = 12$를 보냅니다.

# %%
def square_backward(E, x):
    """노드 y = x**2의 역전파 한 단계: 상류 신호 E에 국소적 미분 2x를 곱한다."""
    return E * 2 * x

x, E = 3.0, 2.0
y = x ** 2
dx = square_backward(E, x)
print(f"순전파: y = {y}\n역전파: E * 2x = {dx}")
assert y == 9 and dx == 12

fig, axes = plt.subplots(1, 2, figsize=(10, 2.6))
draw_graph({"x": (0, 0, "x"), "f": (1.5, 0, "f"), "y": (3, 0, "y")},
           [("x", "f", "x", "E·∂y/∂x"), ("f", "y", "y", "E")],
           plain=("x", "y"), title="One node, in symbols", ax=axes[0])
draw_graph({"x": (0, 0, "x"), "f": (1.5, 0, "**2"), "y": (3, 0, "y")},
           [("x", "f", 3, 12), ("f", "y", 9, 2)],
           plain=("x", "y"), title="y = x², x = 3, upstream E = 2", ax=axes[1])
plt.show()

# %% [markdown]
# 노드가 역전파 값을 계산하는 데 무엇이 필요했는지 눈여겨봅시다. 상류의 $E$, **그리고 자신의 순전파
# 입력** $x = 3$입니다. 이 점을 기억해 두세요. 6절에 나오는 질문 하나의 답이 됩니다.

# %% [markdown]
# ## 2. 합성 함수와 연쇄법칙
#
# **합성 함수**는 한 함수의 출력을 다른 함수의 입력으로 넣어 만든 함수입니다. 책의 예는 다음과
# 같습니다.
#
# $$z = (x + y)^2 \qquad\text{is}\qquad z = t^2,\quad t = x + y .$$
#
# **연쇄법칙**(chain rule)은 다음과 같습니다. *합성 함수의 미분은 합성 함수를 구성하는 각 함수의
# 미분의 곱으로 나타낼 수 있다.*
#
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial t}\,\frac{\partial t}{\partial x}.$$
#
# ($\partial$는 **편미분**을 나타냅니다. $z$는 $x$와 $y$ 모두에 따라 달라지는데, 그중 $x$만 변화시킨다는
# 뜻입니다.) 두 국소적 미분은 쉽게 구할 수 있습니다.
#
# $$\frac{\partial z}{\partial t} = 2t, \qquad \frac{\partial t}{\partial x} = 1,$$
#
# 따라서
#
# $$\frac{\partial z}{\partial x} = 2t \cdot 1 = 2(x + y).$$
#
# 대칭이므로 $\partial z / \partial y$ 역시 $2(x+y)$입니다.

# %% [markdown]
# > **기억을 돕는 요령일 뿐, 계산 규칙은 아닙니다.** 연쇄법칙을 외울 때
# > $\dfrac{\partial z}{\partial t}\dfrac{\partial t}{\partial x}$의 $\partial t$를 분수처럼
# > "약분"하면 $\dfrac{\partial z}{\partial x}$가 남는다고 기억하는 사람이 많습니다. 문자가 제대로
# > 맞물리는지 확인하기에는 편리하지만, $\partial t$는 수가 아니며 실제로 나누는 것도 없습니다. 게다가
# > 어떤 변수가 **두** 경로를 따라 출력에 이르면 이 요령은 곧바로 무너집니다. 그때는 곱들의 **합**이
# > 필요한데(5절), "약분"으로는 경로 하나가 소리 없이 빠져 버립니다.

# %% [markdown]
# ### 더 긴 연쇄
#
# 연쇄의 고리가 두 개뿐이어야 할 이유는 없습니다. $x$가 $g$, $m$, $u$, $f$를 차례로 거친다면
#
# $$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial u}\cdot\frac{\partial u}{\partial m}
# \cdot\frac{\partial m}{\partial g}\cdot\frac{\partial g}{\partial x},$$
#
# 처럼 고리마다 인수가 하나씩 붙습니다. 구체적인 예로 $f(x) = 2(3x - 1)^2$을 간단한 네 단계
# $g = 3x$, $m = g - 1$, $u = m^2$, $f = 2u$로 나누어 봅시다. $x = 1$에서 순전파 값은
# $g = 3,\ m = 2,\ u = 4,\ f = 8$이고, 국소적 미분은
# $\partial f/\partial u = 2$, $\partial u/\partial m = 2m = 4$, $\partial m/\partial g = 1$,
# $\partial g/\partial x = 3$입니다. 이들의 곱은 $2\cdot4\cdot1\cdot3 = 24$이고,
# $2(3x-1)^2$을 직접 미분해도 똑같이 $12(3x - 1) = 24$가 나옵니다.

# %%
x = 1.0
g = 3 * x          # 순전파: 왼쪽에서 오른쪽으로
m = g - 1
u = m ** 2
f = 2 * u

df_df = 1.0        # 역전파: 오른쪽에서 왼쪽으로, df/df = 1에서 시작
df_du = df_df * 2          # f = 2u의 국소적 미분
df_dm = df_du * (2 * m)    # u = m**2의 국소적 미분 (저장해 둔 m이 필요)
df_dg = df_dm * 1          # m = g - 1의 국소적 미분
df_dx = df_dg * 3          # g = 3x의 국소적 미분
print(f"순전파: g = {g}, m = {m}, u = {u}, f = {f}\n"
      f"역전파: df/du = {df_du}, df/dm = {df_dm}, df/dg = {df_dg}, df/dx = {df_dx}")
assert (g, m, u, f) == (3, 2, 4, 8)
assert (df_du, df_dm, df_dg, df_dx) == (2, 8, 8, 24)
assert df_dx == 12 * (3 * x - 1)   # 손으로 구한 2(3x-1)^2의 도함수

# %% [markdown]
# 역전파 값들은 오른쪽부터 차례로 곱해 나간 누적 곱으로 읽으면 됩니다: $1 \to 2 \to 8 \to 8 \to 24$.
# 각 노드는 받은 값에 자신의 국소적 미분을 곱해서 다음 노드로 넘깁니다. 아래 그림이 바로 이 과정을
# 그린 것입니다. 에지 위에는 순전파 값이, 아래에는 누적 곱이 적혀 있습니다.

# %%
draw_graph({"x": (0, 0, "x"), "g": (1.5, 0, "×3"), "m": (3, 0, "−1"),
            "u": (4.5, 0, "**2"), "f": (6, 0, "×2"), "out": (7.5, 0, "f")},
           [("x", "g", 1, 24), ("g", "m", 3, 8), ("m", "u", 2, 8),
            ("u", "f", 4, 2), ("f", "out", 8, 1)],
           plain=("x", "out"), title="f = 2(3x − 1)² at x = 1: the chain rule as a running product",
           figsize=(10, 2.2))
plt.show()

# %% [markdown]
# ## 3. 연쇄법칙과 계산 그래프
#
# 이제 $z = (x+y)^2$을 그래프로 그려 봅시다. `+` 노드가 $t$를 만들고, `**2` 노드가 $z$를 만듭니다.
# 역전파는 오른쪽 끝에서 $\partial z/\partial z = 1$로 시작하며, 노드마다 1절의 규칙을 적용합니다.
#
# * `**2` 노드는 $1$을 받아 $1 \cdot 2t = \dfrac{\partial z}{\partial t}$를 보냅니다.
# * `+` 노드는 $\dfrac{\partial z}{\partial t}$를 받아 $x$ 쪽으로
#   $\dfrac{\partial z}{\partial t}\cdot 1 = \dfrac{\partial z}{\partial t}\dfrac{\partial t}{\partial x}
#   = \dfrac{\partial z}{\partial x}$를 보내고, $y$ 쪽으로도 같은 값을 보냅니다.
#
# 즉 **역전파가 곧 연쇄법칙**입니다. 다만 오른쪽부터 노드 하나씩 차례로 계산할 뿐입니다.
# $x = 1,\ y = 2$이면 순전파는 $t = 3,\ z = 9$이고, 역전파는 $\partial z/\partial t = 6$,
# $\partial z/\partial x = \partial z/\partial y = 6$으로, $2(x+y) = 6$과 일치합니다.

# %%
def z_of(x, y):
    return (x + y) ** 2

x, y = 1.0, 2.0
t = x + y                 # + 노드의 순전파
z = t ** 2                # **2 노드의 순전파

dz_dz = 1.0               # 역전파는 dz/dz = 1에서 시작
dz_dt = dz_dz * 2 * t     # **2 노드: 국소적 미분 2t
dz_dx = dz_dt * 1         # + 노드: 입력마다 국소적 미분은 1
dz_dy = dz_dt * 1
print(f"순전파: t = {t}, z = {z}\n"
      f"역전파: dz/dt = {dz_dt}, dz/dx = {dz_dx}, dz/dy = {dz_dy}")
assert (t, z) == (3, 9)
assert (dz_dt, dz_dx, dz_dy) == (6, 6, 6)
assert dz_dx == 2 * (x + y)

# %%
fig, axes = plt.subplots(2, 1, figsize=(9, 7))
nodes = {"x": (0, 1.1, "x"), "y": (0, -1.1, "y"), "add": (2.6, 0, "+"),
         "sq": (4.8, 0, "**2"), "z": (7, 0, "z")}
draw_graph(nodes,
           [("x", "add", "x", "∂z/∂t·∂t/∂x"), ("y", "add", "y", "∂z/∂t·∂t/∂y"),
            ("add", "sq", "t", "∂z/∂z·∂z/∂t"), ("sq", "z", "z", "∂z/∂z")],
           plain=("x", "y", "z"), title="z = (x + y)²: what travels on each edge", ax=axes[0])
draw_graph(nodes,
           [("x", "add", 1, 6), ("y", "add", 2, 6), ("add", "sq", 3, 6), ("sq", "z", 9, 1)],
           plain=("x", "y", "z"), title="z = (x + y)² at x = 1, y = 2", ax=axes[1])
plt.tight_layout()
plt.show()

# %% [markdown]
# 위쪽 그래프는 책의 그림을 기호로 나타낸 것입니다. 빨간 라벨은 모두 오른쪽부터 모아 온 국소적
# 미분의 곱입니다. 아래쪽은 같은 그래프에 수를 넣은 것입니다. `**2` 노드는 처음의 $1$을 $2t = 6$으로
# 바꾸고, `+` 노드는 $6$을 그대로 두 입력에 전달합니다(국소적 미분이 1이기 때문이며, 이 노드는 3장에서
# 자세히 다룹니다).

# %% [markdown]
# ## 4. 수치 미분: 미분을 확인하는 방법
#
# 지금까지의 역전파 값은 모두 손으로 유도한 규칙에서 나왔습니다. 이 규칙이 맞는지 어떻게 알 수
# 있을까요? **수치 미분**과 비교하면 됩니다. 입력을 아주 조금 움직여 보고 출력이 어떻게 변하는지
# 지켜보는 것입니다. 다음과 같은 **중심 차분**(central difference)은
#
# $$f'(x) \approx \frac{f(x+h) - f(x-h)}{2h}, \qquad h = 10^{-4}$$
#
# 순전파 계산만 있으면 되므로, 우리가 만든 역전파 규칙과 같은 실수를 저지를 수가 없습니다. 학습에
# 쓰기에는 느립니다(**매개변수 하나마다** 순전파를 두 번 해야 하니까요). 오차역전파법이 필요한 이유가
# 바로 이것이지만, 미분이 맞는지 가리는 심판으로는 더할 나위가 없습니다.

# %%
def numerical_diff(f, x, h=1e-4):
    """중심 차분: x - h와 x + h 사이에서 잰 f의 기울기."""
    return (f(x + h) - f(x - h)) / (2 * h)

# %% [markdown]
# 함수 이름은 책에서 따왔습니다(§4.3.1). 책의 `numerical_diff(f, x)`는 함수 안에서 `h = 1e-4`로
# 고정하지만, 여기서는 간격을 세 번째 인수로 받고 그 값을 기본값으로 둡니다. 아래에서 간격을 바꿔 보기
# 위해서입니다(실습의 함수도 마찬가지입니다).

# %% [markdown]
# ### 왜 $h = 10^{-50}$이 아닐까?
#
# 미분은 $h \to 0$인 극한이므로 아주 작은 $h$를 쓰고 싶어집니다. 하지만 컴퓨터는 수를 정해진
# 자릿수로만 저장하므로, 아주 작은 차이는 **반올림 오차**(rounding error)에 묻혀 사라집니다.
#
# * 단정밀도 `float32`에서는 $10^{-50}$ 자체가 `0.0`으로 반올림됩니다.
# * 배정밀도 `float64`에서는 $10^{-50}$을 나타낼 수 있지만, $1 + 10^{-50}$은 정확히 $1$로 다시
#   반올림됩니다(`float64`의 유효 숫자는 약 16자리이고, $1$과 그다음 수 사이의 간격은
#   $2.2 \times 10^{-16}$입니다). 그러면 $f(x+h) - f(x) = 0$이 되어 "미분"은 $0$이 됩니다.

# %%
cube = lambda x: x ** 3                         # x = 1에서 참 미분값은 3
tiny = (cube(1.0 + 1e-50) - cube(1.0)) / 1e-50
print(f"float32(1e-50)         = {np.float32(1e-50)}\n"
      f"1.0 + 1e-50 == 1.0     : {1.0 + 1e-50 == 1.0}\n"
      f"1.0에서 float64 간격   : {np.finfo(np.float64).eps}\n"
      f"h = 1e-50일 때 x = 1에서 x**3의 전방 차분: {tiny}")
assert np.float32(1e-50) == 0.0 and tiny == 0.0

# %% [markdown]
# ### 전방 차분과 중심 차분
#
# 책이 수치 미분을 처음 구현할 때 쓴 것은 **전방 차분**(forward difference)
# $\big(f(x+h) - f(x)\big)/h$입니다. 이것은 $x$와 $x+h$ 사이의 기울기, 곧 $x$가 아니라 $x + h/2$에서의
# 기울기를 잽니다. $f(x) = x^3$과 $x = 1$이라면 오차를 정확히 계산할 수 있습니다.
#
# $$\frac{(1+h)^3 - 1}{h} = 3 + 3h + h^2, \qquad \frac{(1+h)^3 - (1-h)^3}{2h} = 3 + h^2 .$$
#
# 전방 차분은 약 $3h$만큼 어긋나지만, 중심 차분은 $h^2$만큼밖에 어긋나지 않습니다. 이 **절단
# 오차**(truncation error)는 $h$가 작아질수록 줄어드는 반면, 반올림 오차는 $10^{-16}/h$처럼 커집니다.
# 아래 그래프는 $h$를 $10^{-1}$부터 $10^{-15}$까지 줄여 가며 두 차분의 오차를 보여 줍니다.

# %%
def forward_diff(f, x, h):
    return (f(x + h) - f(x)) / h

hs = np.logspace(-15, -1, 57)
err_forward = np.array([abs(forward_diff(cube, 1.0, h) - 3.0) for h in hs])
err_central = np.array([abs(numerical_diff(cube, 1.0, h) - 3.0) for h in hs])

floor = 1e-17                                   # 정확히 0인 오차는 로그 축에 그릴 수 없다
fig, ax = plt.subplots(figsize=(8, 5.5))
ax.loglog(hs, np.maximum(err_forward, floor), "o-", ms=3, label="forward difference  (f(x+h) − f(x)) / h")
ax.loglog(hs, np.maximum(err_central, floor), "s-", ms=3, label="central difference  (f(x+h) − f(x−h)) / 2h")
ax.loglog(hs, 3 * hs, "k:", lw=1, label="3h  (forward truncation error)")
ax.loglog(hs, hs ** 2, "k--", lw=1, label="h²  (central truncation error)")
ax.axvline(1e-4, color="tab:red", lw=1)
ax.text(1.3e-4, 1e-15, "h = 1e-4", color="tab:red")
ax.set_ylim(1e-17, 1e1)
ax.set_xlabel("step size h")
ax.set_ylabel("|numerical − true derivative|")
ax.set_title("Error of the numerical derivative of x³ at x = 1")
ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
plt.show()

e_fwd = forward_diff(cube, 1.0, 1e-4) - 3.0
e_cen = numerical_diff(cube, 1.0, 1e-4) - 3.0
print(f"h = 1e-4에서: 전방 차분 오차 {e_fwd:.1e}, 중심 차분 오차 {e_cen:.1e}")
assert abs(e_fwd - 3.0001e-4) < 1e-9 and abs(e_cen - 1e-8) < 1e-10

# %% [markdown]
# 그래프 읽는 법: 오른쪽에서부터 보면, $h$가 작아질수록 두 곡선 모두 내려갑니다(절단 오차이며, 각각
# 점선 $3h$와 파선 $h^2$을 따라갑니다). 그러다 반올림 오차가 우세해지면 곡선은 들쭉날쭉하게 다시
# 올라갑니다. 중심 차분이 더 빨리 내려가므로(로그–로그 그래프에서 기울기가 1이 아니라 2),
# $h = 10^{-4}$에서 중심 차분의 오차는 벌써 약 $10^{-8}$인 반면 전방 차분은 $3 \times 10^{-4}$만큼
# 어긋납니다. 책이(그리고 이 강좌가) $h = 10^{-4}$의 중심 차분을 쓰는 이유가 여기에 있습니다. 반올림
# 오차가 커지는 구간에서 멀리 떨어져 있고, 어떤 역전파든 검증할 수 있을 만큼 정확합니다.

# %% [markdown]
# ### $\partial z/\partial x = 2(x+y)$를 수치 미분으로 확인하기
#
# 편미분을 수치로 구하려면 다른 입력은 고정한 채 하나만 조금 움직입니다. 먼저 $(x, y) = (1, 2)$에서,
# 그다음에는 무작위로 고른 몇 개의 점에서 확인해 봅시다.

# %%
num_dx = numerical_diff(lambda x_: z_of(x_, 2.0), 1.0)
num_dy = numerical_diff(lambda y_: z_of(1.0, y_), 2.0)
assert abs(num_dx - 6) < 1e-6 and abs(num_dy - 6) < 1e-6
lines = [f"(1, 2)에서: 수치 미분 dz/dx = {num_dx:.6f}, dz/dy = {num_dy:.6f}   (역전파로는 6과 6)"]

rng = np.random.default_rng(0)
for x0, y0 in rng.uniform(-3, 3, size=(4, 2)):
    analytic = 2 * (x0 + y0)
    numeric = numerical_diff(lambda x_: z_of(x_, y0), x0)
    assert abs(analytic - numeric) < 1e-6
    lines.append(f"x = {x0:+.3f}, y = {y0:+.3f}:  2(x+y) = {analytic:+.6f}   수치 미분 = {numeric:+.6f}")
print("\n".join(lines))

# %% [markdown]
# ## 5. 분기: 한 값이 두 번 쓰일 때
#
# 지금까지는 모든 값이 정확히 노드 하나로만 들어갔습니다. 실제 신경망은 그렇지 않습니다. 가중치 하나가
# 배치의 모든 데이터에 쓰이고, 입력 하나가 여러 뉴런으로 들어가기도 합니다. 손으로 짠 역전파가 가장
# 자주 틀리는 곳이 바로 이런 경우입니다.
#
# $a = -1,\ b = 3,\ c = 4$일 때의 $f = (a + b)(b + c)$를 생각해 봅시다(한 학습 노트에 나온 예입니다).
# 이 식을 다음과 같이 나눕니다.
#
# $$x = a + b = 2, \qquad y = b + c = 7, \qquad f = x \cdot y = 14 .$$
#
# 변수 $b$는 **분기**(fan-out)합니다. 즉 두 `+` 노드 모두에 들어갑니다. 역전파를 한 단계씩 따라가
# 봅시다.
#
# * `×` 노드: $\partial f/\partial x = y = 7$, $\partial f/\partial y = x = 2$입니다(각 입력은 *다른*
#   입력의 값을 받습니다. 그 이유는 3장에서 봅니다).
# * `+` 노드들은 이 값을 그대로 전달합니다. $a$는 $7$을, $c$는 $2$를 받고, $b$는 $7$($x$를 거쳐)과
#   $2$($y$를 거쳐)를 **둘 다** 받습니다.
# * 한 값이 두 번 쓰인 곳에서는 **두 경로에서 온 기울기를 더합니다**.
#
# $$\frac{\partial f}{\partial b} = \frac{\partial f}{\partial x}\frac{\partial x}{\partial b}
# + \frac{\partial f}{\partial y}\frac{\partial y}{\partial b} = 7\cdot 1 + 2 \cdot 1 = 9 .$$
#
# 경로가 여러 개일 때의 연쇄법칙이 바로 이것입니다. 경로마다 곱을 하나씩 구하고, 그 곱을 모든
# 경로에 걸쳐 더합니다.

# %%
a, b, c = -1.0, 3.0, 4.0
x = a + b                   # 순전파
y = b + c
f = x * y

df_dx = y                   # × 노드: 각 입력은 다른 입력의 값을 받는다
df_dy = x
grad = {"a": 0.0, "b": 0.0, "c": 0.0}
grad["a"] += df_dx * 1      # 경로 a -> x -> f
grad["b"] += df_dx * 1      # 경로 b -> x -> f
grad["b"] += df_dy * 1      # 경로 b -> y -> f   (두 번째 경로: 덮어쓰지 말고 더한다)
grad["c"] += df_dy * 1      # 경로 c -> y -> f
print(f"순전파: x = {x}, y = {y}, f = {f}\n"
      f"역전파: df/dx = {df_dx}, df/dy = {df_dy}, "
      f"df/da = {grad['a']}, df/db = {grad['b']}, df/dc = {grad['c']}")
assert (x, y, f) == (2, 7, 14)
assert (df_dx, df_dy) == (7, 2)
assert (grad["a"], grad["b"], grad["c"]) == (7, 9, 2)

# %% [markdown]
# 그림에서 $b$는 먼저 작은 `copy` 노드를 지나는데, 이 노드는 같은 값 $3$을 두 `+` 노드에 나누어
# 줍니다. "한 값을 두 번 쓴다"는 것을 별도의 노드로 그린 것입니다. 이 노드의 역전파 규칙은 순전파
# 규칙을 거울에 비춘 모습입니다. 순전파에서는 값 하나를 두 에지로 **복사**하고, 역전파에서는 빨간 값
# 두 개를 $7 + 2 = 9$처럼 하나로 **더합니다**.

# %%
draw_graph({"a": (0, 1.2, "a"), "b": (0, 0, "b"), "c": (0, -1.2, "c"),
            "copy": (1.6, 0, "copy"),
            "x": (3.4, 0.75, "+"), "y": (3.4, -0.75, "+"),
            "mul": (5.4, 0, "×"), "f": (7.2, 0, "f")},
           [("a", "x", "−1", 7), ("b", "copy", 3, 9),
            ("copy", "x", 3, 7), ("copy", "y", 3, 2), ("c", "y", 4, 2),
            ("x", "mul", "x = 2", 7), ("y", "mul", "y = 7", 2), ("mul", "f", 14, 1)],
           plain=("a", "b", "c", "f"),
           title="f = (a + b)(b + c) at a = −1, b = 3, c = 4: the paths through b add up, 7 + 2 = 9",
           figsize=(10, 4.4))
plt.show()

# %% [markdown]
# > **흔한 실수: 경로 하나만 따라가기.** 그래프를 $f$에서 $b$까지 거슬러 올라가다 보면, 한쪽 가지만
# > 따라가고 멈추기 쉽습니다. $x$를 거치면 $\partial f/\partial b = 7$, $y$를 거치면 $2$가 나옵니다.
# > 둘 다 틀렸고, 답은 $9$입니다. 코드에서는 같은 실수가 `grad["b"] += df_dy * 1` 대신
# > `grad["b"] = df_dy * 1`로 나타납니다. 두 번째 경로가 첫 번째 경로를 **덮어써서** $2$가 나오지요.
# > 아래의 수치 미분 확인이 이 실수를 곧바로 잡아냅니다.
#
# 서로 독립적인 두 방법으로 확인해 봅시다. 먼저 전개하면 $f = ab + ac + b^2 + bc$이므로
# $\partial f/\partial b = a + 2b + c = -1 + 6 + 4 = 9$입니다. (곱의 미분법으로도 같은 결과가 나옵니다:
# $\partial f/\partial b = \frac{\partial x}{\partial b}\,y + x\,\frac{\partial y}{\partial b}
# = 1\cdot 7 + 2\cdot 1 = 9$.) 다음으로, 경로에 대해서는 아무것도 모르는 중심 차분으로 확인합니다.

# %%
def f_abc(a, b, c):
    return (a + b) * (b + c)

num = {"a": numerical_diff(lambda v: f_abc(v, b, c), a),
       "b": numerical_diff(lambda v: f_abc(a, v, c), b),
       "c": numerical_diff(lambda v: f_abc(a, b, v), c)}
lines = []
for name in "abc":
    assert abs(num[name] - grad[name]) < 1e-6
    lines.append(f"df/d{name}: 역전파 = {grad[name]:.0f}, 수치 미분 = {num[name]:.6f}")

one_path_only = df_dy * 1          # 실수: 두 번째 경로가 첫 번째 경로를 덮어썼다
lines.append(f"경로 하나만 따르면 df/db = {one_path_only} ({abs(num['b'] - one_path_only):.6f}만큼 틀림)")
print("\n".join(lines))
assert abs(num["b"] - 9) < 1e-6 and abs(num["b"] - one_path_only) > 1

# %% [markdown]
# ## 6. 학습 노트에서 나온 두 가지 질문
#
# *선택: 곁가지입니다. 처음 읽을 때는 건너뛰어도 되며, 실습은 이 절의 내용을 쓰지 않습니다.*
#
# ### "중간 값을 왜 모두 저장해 두나요?"
#
# 각 역전파 단계에서 무엇을 썼는지 돌아봅시다. `×` 노드는 $x$ 쪽에 $y = 7$을, $y$ 쪽에 $x = 2$를
# 보냈습니다. **자신의 순전파 입력**이 필요했던 것입니다. `**2` 노드는 $2t = 6$을 보냈으므로 순전파
# 값 $t = 3$이 필요했습니다. 2절의 긴 연쇄에서는 $m = 2$가 필요했습니다. 노드는 상류 신호만으로는
# 국소적 미분을 계산할 수 없습니다. 그래서 순전파에서 각 노드가 나중에 필요로 할 값을 저장해 두고,
# 역전파에서 그 값을 다시 꺼내 씁니다.
#
# 이렇게 값을 저장해 두는 것이 오차역전파법의 대가입니다. 그래프가 커질수록 메모리도 늘어납니다. 그
# 대신 순전파 한 번과 역전파 한 번으로 **모든** 입력에 대한 미분을 한꺼번에 얻습니다. 수치 미분이라면
# 입력 **하나마다** 순전파를 두 번씩 해야 합니다. (3장에서는 이것을 계층의 `forward` 안에 있는
# `self.x = x`로 다시 만나게 됩니다.)
#
# ### "출력의 미분은 각 노드가 최종 값을 어떻게 바꾸는지 알려 줍니다. 그런데 학습에는 손실을 씁니다. 둘은 어떻게 이어지나요?"
#
# 둘은 같은 것입니다. 학습에서는 그래프의 마지막 노드가 **바로** 손실 함수 $L$입니다. 따라서 역전파는
# $\partial L/\partial L = 1$에서 시작하고, 매개변수 $w$에 도착하는 빨간 값은 $\partial L/\partial w$,
# 곧 $w$가 조금 변할 때 손실이 얼마나 변하는지를 나타냅니다. 이것이 바로 **경사 하강법**에 필요한
# 값입니다.
#
# $$w \leftarrow w - \eta\,\frac{\partial L}{\partial w},$$
#
# 여기서 **학습률** $\eta$는 한 번에 얼마나 움직일지를 정합니다.
#
# 매개변수가 하나뿐인 아주 단순한 모델로 구체적으로 살펴봅시다. 모델은 입력 $x = 2$에 대해
# $p = w\cdot x$를 예측하고, 목표값은 $6$이며, 손실은 제곱 오차 $L = (p - 6)^2$입니다. 그래프로 나타내면
# $w \to$ `×2` $\to p \to$ `−6` $\to e \to$ `**2` $\to L$입니다. $w = 0.5$에서 시작합니다.

# %%
def loss_forward_backward(w):
    """×2, −6, **2 노드를 순전파한 뒤 dL/dL = 1부터 역전파한다. (p, e, L, dL/dw)를 반환한다."""
    p = w * 2              # ×2 노드
    e = p - 6              # −6 노드
    L = e ** 2             # **2 노드
    dL_dL = 1.0
    dL_de = dL_dL * 2 * e  # **2 노드: 국소적 미분 2e (저장해 둔 e가 필요)
    dL_dp = dL_de * 1      # −6 노드: 국소적 미분 1
    dL_dw = dL_dp * 2      # ×2 노드: 국소적 미분 2
    return p, e, L, dL_dw

w0 = 0.5
p, e, L, dL_dw = loss_forward_backward(w0)
print(f"w = {w0}: p = {p}, e = {e}, L = {L}, dL/dw = {dL_dw}")
assert (p, e, L, dL_dw) == (1, -5, 25, -20)
assert abs(numerical_diff(lambda w: loss_forward_backward(w)[2], w0) - dL_dw) < 1e-6

draw_graph({"w": (0, 0, "w"), "mul": (1.6, 0, "×2"), "sub": (3.2, 0, "−6"),
            "sq": (4.8, 0, "**2"), "L": (6.4, 0, "L")},
           [("w", "mul", 0.5, "−20"), ("mul", "sub", "p = 1", "−10"), ("sub", "sq", "e = −5", "−10"),
            ("sq", "L", "L = 25", 1)],
           plain=("w", "L"), title="The loss is the last node: backward starts with ∂L/∂L = 1",
           figsize=(9, 2.2))
plt.show()

# %% [markdown]
# $\partial L/\partial w = -20$은 음수입니다. $w$를 늘리면 손실이 줄어든다는 뜻이므로, 경사 하강법은
# $w$를 늘립니다. 학습률이 $\eta = 0.05$이면 한 번의 갱신으로 $w$는 $0.5$에서
# $0.5 - 0.05\cdot(-20) = 1.5$로 움직입니다. 몇 단계를 직접 진행해 봅시다. 각 단계는 순전파, 역전파,
# 갱신으로 이루어집니다.

# %%
lr = 0.05
w = w0
history, lines = [], []
for step in range(8):
    p, e, L, dL_dw = loss_forward_backward(w)     # 순전파 + 역전파
    history.append(L)
    lines.append(f"{step}단계: w = {w:.4f}   L = {L:8.4f}   dL/dw = {dL_dw:+8.4f}")
    w = w - lr * dL_dw                            # 경사 하강법 갱신
lines.append(f"8단계 후: w = {w:.4f} (최적값은 3)")
print("\n".join(lines))
assert round(history[1], 10) == 9 and round(history[2], 10) == 3.24
assert abs(w - 3) < 0.1

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.semilogy(range(len(history)), history, "o-")
ax.set_xlabel("gradient-descent step")
ax.set_ylabel("loss L (log scale)")
ax.set_title("Gradient descent with ∂L/∂w from the backward pass")
plt.show()

# %% [markdown]
# 단계마다 오차 $e$가 같은 비율(여기서는 $0.6$)로 줄어들기 때문에, 손실은 로그 눈금에서 직선을 따라
# 내려갑니다: $25 \to 9 \to 3.24 \to \dots$. 실제 신경망도 정확히 이렇게 학습합니다. 다만 매개변수가
# 수백만 개일 뿐입니다. 역전파 한 번으로 그 모든 매개변수의 $\partial L/\partial w$를 한꺼번에 얻을 수
# 있다는 것, 이 장을 공부하는 이유가 바로 여기에 있습니다. **오차역전파법**(backpropagation)이라는
# 이름이 이를 그대로 말해 줍니다. 오차의 미분을 손실에서 모든 매개변수까지 거꾸로 전파한다는 뜻입니다.

# %% [markdown]
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 계산 그래프 | computational graph | 계산을 노드(연산)와 그 사이를 잇는 에지(값)로 그린 것 |
# | 순전파 | forward propagation | 그래프를 따라 왼쪽에서 오른쪽으로 값을 계산하는 것 |
# | 역전파 | backward propagation | 국소적 미분을 곱해 가며 미분을 오른쪽에서 왼쪽으로 전달하는 것 |
# | 상류 / 하류 | upstream / downstream | 역전파 신호가 오는 쪽(오른쪽) / 가는 쪽(왼쪽) |
# | 국소적 미분 | local derivative | 노드 하나의 출력을 그 노드의 입력으로 미분한 것 |
# | 합성 함수 | composite function | 한 함수의 출력을 다른 함수의 입력으로 넣어 만든 함수 |
# | 연쇄법칙 | chain rule | 합성 함수의 미분은 구성하는 각 함수의 미분의 곱이라는 법칙 |
# | 편미분 | partial derivative | 다른 입력은 고정하고 입력 하나에 대해서만 구한 미분 |
# | 수치 미분 | numerical differentiation | 가까운 점들에서의 함숫값으로 미분을 어림하는 것 |
# | 중심 차분 | central difference | $(f(x+h) - f(x-h))/2h$. 오차는 약 $h^2$ |
# | 전방 차분 | forward difference | $(f(x+h) - f(x))/h$. 오차는 약 $h$ |
# | 반올림 오차 | rounding error | 수를 유한한 자릿수로 저장해서 생기는 오차 |
# | 절단 오차 | truncation error | 극한 $h \to 0$ 대신 유한한 $h$를 써서 생기는 오차 |
# | 분기 | fan-out, branch | 한 값을 여러 노드가 쓰는 것. 역전파에서는 그 기울기들을 더한다 |
# | 손실 함수 | loss function | 학습이 최소화하는 값. 그래프의 마지막 노드 |
# | 기울기 | gradient | 매개변수에 대한 손실의 미분 |
# | 경사 하강법 | gradient descent | $w \leftarrow w - \eta\,\partial L/\partial w$를 반복하는 방법 |
# | 학습률 | learning rate | 경사 하강법에서 한 번에 움직이는 폭 $\eta$ |
# | 오차역전파법 | backpropagation | 역전파 한 번으로 손실의 기울기를 모두 계산하는 방법 |
#
# ## 다음 장에서는
#
# * **실습:** `ko/labs/ch02_chain_rule.ipynb`. 중심 차분을 직접 작성하고, 분기를 포함한
#   연쇄법칙 기울기를 손으로 쓴 역전파로 계산합니다. 빠뜨린 경로가 있으면 검사가 알려 줍니다.
# * **3장**(`ch03_add_mul_layers`): 여기서 만난 두 노드, 곧 상류 값을 그대로 전달하는 `+`와 입력을 서로
#   바꿔 곱하는 `×`가 `forward`와 `backward` 메서드를 가진 클래스 `AddLayer`와 `MulLayer`가 됩니다. 사과
#   예제의 역전파도 코드로 구현합니다.
