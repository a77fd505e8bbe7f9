# %% [markdown]
# # 3장 · 덧셈 노드와 곱셈 노드, 그리고 첫 계층
#
# 『밑바닥부터 시작하는 딥러닝』의 **§5.3 역전파**와 **§5.4 단순한 계층 구현하기**를
# 다룹니다.
#
# 1장과 2장에서는 계산 그래프를 그려 순전파로 값을 계산했고, 역전파는 연쇄법칙에 따라
# 상류에서 온 미분에 각 노드의 국소적 미분을 곱해 나간다는 것을 배웠습니다. 이번 장에서는
# 어디에나 등장하는 두 노드를 자세히 살펴본 다음, 각 노드를 작은 파이썬 클래스로 만듭니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다.**
#
# 1. 덧셈 노드와 곱셈 노드가 역전파 때 무엇을 보내는지, 그리고 왜 한쪽은 순전파의 입력을
#    기억해야 하고 다른 쪽은 그럴 필요가 없는지 설명할 수 있습니다.
# 2. 책의 사과 그래프(220 → 2.2, 110, 200)와 사과와 귤 그래프(715 → 2.2, 110, 3.3, 165,
#    650)를 손으로 역전파하고, 그 숫자들이 무엇을 뜻하는지 설명할 수 있습니다.
# 3. 공통 인터페이스 `forward()` / `backward()`를 갖춘 `MulLayer`와 `AddLayer`를 작성하고,
#    이들을 이어 그래프를 만들 수 있습니다.
# 4. 모든 기울기를 수치 미분과 비교해 확인하고, 부동소수점 수를 안전하게 비교하며, 한 학습
#    노트에서 나온 실제 버그 네 가지를 한눈에 알아볼 수 있습니다.
#
# 임포트 다음 셀은 미리 제공되는 코드입니다. `draw_graph`는 책과 같은 방식으로 계산 그래프를
# 그립니다. 순전파 값은 각 에지의 **위에** 검은색으로, 역전파 값은 **아래에** 빨간색으로
# 적습니다. 읽어 봐도 되지만 꼭 읽을 필요는 없습니다.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · 덧셈 노드의 역전파
#
# $z = x + y$를 생각해 봅시다. 두 편미분은 모두 같은 상수입니다.
#
# $$\frac{\partial z}{\partial x} = 1, \qquad \frac{\partial z}{\partial y} = 1 .$$
#
# 이 노드의 오른쪽 어딘가에서 그래프는 최종 값 $L$로 끝나고, 역전파는 이미 **상류**의 미분
# $\frac{\partial L}{\partial z}$를 노드의 출력까지 전해 놓았습니다. 연쇄법칙에 따라 각 입력은
# 다음 값을 받습니다.
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z}\cdot 1, \qquad
#   \frac{\partial L}{\partial y} = \frac{\partial L}{\partial z}\cdot 1 .$$
#
# 1을 곱해도 아무것도 바뀌지 않으므로, **덧셈 노드는 상류의 값을 그대로 모든 입력 쪽(하류)으로
# 흘려보냅니다**. 이 식에 무엇이 *없는지*도 눈여겨보세요. 바로 $x$와 $y$입니다. 덧셈 노드는
# 순전파 때 입력이 무엇이었는지 상관하지 않습니다.
#
# 책의 예는 상류 값이 1.3일 때의 $10 + 5 = 15$입니다. 아래 그림은 이 예를 전혀 다른 덧셈인
# $-40 + 3$과 나란히 놓았습니다. 상류 값은 똑같이 1.3입니다. 빨간 값을 오른쪽에서 왼쪽으로
# 읽어 보세요. 두 그림 모두 출력 $z$에 1.3이 도착하고, 같은 1.3이 $x$ 쪽과 $y$ 쪽으로
# 나갑니다. 입력이 무엇이었든 덧셈 노드는 상류의 미분을 그대로 전달할 뿐입니다.
#
# 그러면 1.3은 어디서 왔을까요? 그래프의 나머지 부분에서 왔습니다. 이 값을 만들어 내는 가장
# 간단한 '나머지'는 $L = 1.3\,z$입니다. 이때 $L(x, y) = 1.3\,(x + y)$이므로, 2장에서처럼 중심
# 차분으로 구한 수치 미분도 두 입력 모두에서 1.3이 나와야 합니다. 아래 셀은 이것도 확인합니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 2.8))
add_nodes = {"x": (0, 0.8, "x"), "y": (0, -0.8, "y"), "add": (2, 0, "+"), "z": (3.8, 0, "z")}
for ax, (x, y) in zip(axes, [(10, 5), (-40, 3)]):
    draw_graph(add_nodes,
               [("x", "add", x, 1.3), ("y", "add", y, 1.3), ("add", "z", x + y, 1.3)],
               plain=["x", "y", "z"], ax=ax, title=f"add node: {x} + {y} = {x + y}")
fig.suptitle("Add node backward: the upstream 1.3 reaches both inputs unchanged")
plt.show()

h = 1e-4

def L_add(x, y):
    return 1.3 * (x + y)

dL_dx = (L_add(10 + h, 5) - L_add(10 - h, 5)) / (2 * h)
dL_dy = (L_add(10, 5 + h) - L_add(10, 5 - h)) / (2 * h)
print("수치 미분 dL/dx:", round(dL_dx, 6), "  dL/dy:", round(dL_dy, 6))
assert np.isclose(dL_dx, 1.3) and np.isclose(dL_dy, 1.3)

# %% [markdown]
# ## 2 · 곱셈 노드의 역전파
#
# 이번에는 $z = xy$입니다. 여기서는 편미분이 입력 자신인데, 서로 엇갈려 있습니다.
#
# $$\frac{\partial z}{\partial x} = y, \qquad \frac{\partial z}{\partial y} = x ,$$
#
# 따라서 역전파는 다음 값을 보냅니다.
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z}\cdot y, \qquad
#   \frac{\partial L}{\partial y} = \frac{\partial L}{\partial z}\cdot x .$$
#
# **곱셈 노드는 상류의 값에 입력 신호를 *서로 바꾼* 값을 곱합니다.** 순전파 때 $x$가 지나간
# 에지는 '상류 × $y$'를 받고, $y$가 지나간 에지는 '상류 × $x$'를 받습니다. 직관적으로는
# 이렇습니다. $y = 5$라면 $x$를 아주 조금, 즉 $\varepsilon$만큼 움직일 때 $z$는
# $5\varepsilon$만큼 변합니다. $z$가 $x$에 얼마나 민감하게 반응하는지는 *다른 쪽* 입력이
# 정하는 것입니다.
#
# 덧셈 노드와 달리 이 노드는 **역전파 때 순전파의 입력이 필요합니다**. 그래서 이 노드를
# 구현할 때는 순전파 중에 $x$와 $y$를 저장해 두어야 합니다.
#
# 책의 예는 $10 \times 5 = 50$이고, 상류 값은 이번에도 1.3입니다. 그림의 빨간 글씨를 보면
# 입력이 서로 바뀌는 모습이 그대로 드러납니다. $x = 10$의 에지는 $1.3 \times 5 = 6.5$를,
# $y = 5$의 에지는 $1.3 \times 10 = 13$을 받습니다. 앞에서와 같은 수치 미분 확인을 이번에는
# $L = 1.3\,xy$로 해 보면 두 값 모두 맞습니다.

# %%
mul_nodes = {"x": (0, 1.3, "x"), "y": (0, -1.3, "y"), "mul": (2.8, 0, "×"), "z": (4.6, 0, "z")}
draw_graph(mul_nodes,
           [("x", "mul", 10, "1.3 × 5 = 6.5"), ("y", "mul", 5, "1.3 × 10 = 13"),
            ("mul", "z", 50, 1.3)],
           plain=["x", "y", "z"],
           title="Multiply node backward: 10 × 5 = 50, upstream 1.3")
plt.show()

def L_mul(x, y):
    return 1.3 * (x * y)

dx_backward, dy_backward = 1.3 * 5, 1.3 * 10          # 상류 값 곱하기 *다른 쪽* 입력
dL_dx = (L_mul(10 + h, 5) - L_mul(10 - h, 5)) / (2 * h)
dL_dy = (L_mul(10, 5 + h) - L_mul(10, 5 - h)) / (2 * h)
print("backward: ", dx_backward, dy_backward)
print("numerical:", round(dL_dx, 6), round(dL_dy, 6))
assert round(dx_backward, 10) == 6.5 and round(dy_backward, 10) == 13
assert np.isclose(dL_dx, 6.5) and np.isclose(dL_dy, 13)

# %% [markdown]
# ## 3 · 사과 쇼핑의 예, 역전파
#
# 1장의 장보기를 떠올려 봅시다. 한 개에 100원인 사과 2개에 소비세 계수 1.1을 적용하면
# $100 \times 2 \times 1.1 = 220$원입니다. 이번에는 세 입력(사과 가격, 사과 개수, 소비세)이
# 각각 최종 금액에 얼마나 크게 영향을 주는지 묻습니다. 미적분의 말로 하면, 금액을 `apple`,
# `apple_num`, `tax`로 각각 편미분한 값 세 개를 구하려는 것입니다.
#
# 역전파는 출력에서 $\frac{\partial\,\text{price}}{\partial\,\text{price}} = 1$로 시작해
# 오른쪽에서 왼쪽으로 나아갑니다. 두 노드가 모두 곱셈 노드이므로 입력을 서로 바꾸기만 하면
# 됩니다.
#
# * **소비세 노드** ($200 \times 1.1$): 200의 에지는 $1 \times 1.1 = 1.1$을, 소비세 에지는
#   $1 \times 200 = 200$을 받습니다.
# * **사과 노드** ($100 \times 2$, 상류 값 1.1): 사과 에지는 $1.1 \times 2 = 2.2$를, 개수
#   에지는 $1.1 \times 100 = 110$을 받습니다.

# %%
apple_nodes = {"apple": (0, 1.0, "apple"), "apple_num": (0, -0.6, "apple_num"),
               "mul1": (2.2, 0.2, "×"), "tax": (2.2, -1.4, "tax"),
               "mul2": (4.4, 0.2, "×"), "price": (6.2, 0.2, "price")}
draw_graph(apple_nodes,
           [("apple", "mul1", 100, 2.2), ("apple_num", "mul1", 2, 110),
            ("mul1", "mul2", 200, 1.1), ("tax", "mul2", 1.1, 200),
            ("mul2", "price", 220, 1)],
           plain=["apple", "apple_num", "tax", "price"],
           title="Apple example: forward 100 × 2 × 1.1 = 220, backward from 1")
plt.show()

# %% [markdown]
# **숫자의 의미.** 미분은 작은 변화에 대해 '입력이 한 단위 변할 때 출력이 얼마나 변하는가'를
# 나타냅니다.
#
# * ∂price/∂apple = **2.2**: 사과 한 개가 1원 비싸지면 금액은 약 2.2원 늘어납니다(사과가 2개이고,
#   각각에 1.1배의 세금이 붙으므로).
# * ∂price/∂apple_num = **110**: 사과를 한 개 더 사면 110원(100원에 세금을 더한 값)이 늘어납니다.
# * ∂price/∂tax = **200**: 책은 이 값을, 소비세와 사과 가격이 *같은 양만큼* 오를 때 소비세는
#   200의 크기로, 사과 가격은 2.2의 크기로 금액에 영향을 준다고 해석합니다.
#
# '소비세가 약 90배 더 중요하다'고 결론 내리기 전에 **단위**를 살펴보세요. 소비세는
# 계수입니다. 1.1은 세율 10 %를 뜻하므로, 이것을 '1만큼' 올린다는 것은 1.1에서 2.1로, 즉
# 세율 110 %로 올린다는 뜻입니다. 무려 100 퍼센트포인트가 오르는 셈입니다. 1 퍼센트포인트
# ($+0.01$)당으로 따지면 금액은 $200 \times 0.01 = 2$원 늘어나는데, 사과 가격이 1원 오를 때와
# 거의 같습니다. 미분은 언제나 '*이* 입력의 한 단위당' 변화를 알려 주므로, 단위를 서로 비교할
# 수 있을 때만 미분끼리 비교해야 합니다.

# %%
def apple_bill(apple, apple_num, tax):
    return apple * apple_num * tax

rise_per_point = apple_bill(100, 2, 1.11) - apple_bill(100, 2, 1.10)
print("세율이 1 퍼센트포인트 오를 때 늘어나는 금액:", round(rise_per_point, 10))
assert round(rise_per_point, 10) == 2

# %% [markdown]
# ## 4 · 퀴즈: 사과와 귤
#
# 책은 §5.3을 퀴즈로 마무리합니다. 100원짜리 사과 2개와 150원짜리 귤 3개를 사고, 두 소계를
# 더한 뒤 소비세를 매깁니다. $(100 \times 2 + 150 \times 3) \times 1.1 = 715$입니다. 아래
# 그림에는 순전파 값이 채워져 있습니다. 빨간 물음표 여덟 개 가운데 입력 쪽의 다섯 개는 금액을
# `apple`, `apple_num`, `orange`, `orange_num`, `tax`로 미분한 값이고, 나머지 세 개는 중간
# 에지에 있습니다.
#
# **더 읽기 전에 종이에 직접 풀어 보세요.** 이 강의의 두 규칙만 있으면 됩니다. 덧셈 노드는
# 상류 값을 그대로 흘려보내고, 곱셈 노드는 입력을 서로 바꿉니다. 오른쪽의 1에서 시작하세요.
# 정답은 7절에서 계층으로 계산해 공개합니다.

# %%
fruit_nodes = {"apple": (0, 3.0, "apple"), "apple_num": (0, 1.2, "apple_num"),
               "orange": (0, 0.0, "orange"), "orange_num": (0, -1.8, "orange_num"),
               "mul_a": (2.2, 2.1, "×"), "mul_o": (2.2, -0.9, "×"),
               "add": (4.4, 0.6, "+"), "tax": (4.4, -1.8, "tax"),
               "mul_t": (6.4, 0.6, "×"), "price": (8.2, 0.6, "price")}
fruit_plain = ["apple", "apple_num", "orange", "orange_num", "tax", "price"]

def fruit_edges(b):
    """사과와 귤 그래프의 에지들. b는 각 에지에 붙일 역전파 값 레이블을 담은 딕셔너리다."""
    return [("apple", "mul_a", 100, b["apple"]), ("apple_num", "mul_a", 2, b["apple_num"]),
            ("orange", "mul_o", 150, b["orange"]), ("orange_num", "mul_o", 3, b["orange_num"]),
            ("mul_a", "add", 200, b["apple_price"]), ("mul_o", "add", 450, b["orange_price"]),
            ("add", "mul_t", 650, b["all_price"]), ("tax", "mul_t", 1.1, b["tax"]),
            ("mul_t", "price", 715, 1)]

quiz = dict.fromkeys(["apple", "apple_num", "orange", "orange_num", "apple_price",
                      "orange_price", "all_price", "tax"], "?")
draw_graph(fruit_nodes, fruit_edges(quiz), plain=fruit_plain,
           title="Quiz: fill in the red backward values (start with 1 at the price)")
plt.show()

# %% [markdown]
# ## 5 · 계층: 파이썬 객체가 된 노드
#
# 그래프로 계산하려면 노드의 종류마다 클래스를 하나씩 만듭니다. 책은 이런 구성 요소를
# **계층**(layer)이라고 부르며, 모든 계층에 메서드 두 개로 이루어진 똑같은 **인터페이스**를
# 줍니다.
#
# * `forward(...)`는 노드의 출력을 계산하고, 역전파에 필요한 것을 저장해 둡니다.
# * `backward(dout)`는 `dout`을 받습니다. `dout`은 최종 값을 이 계층의 **순전파 출력**으로
#   미분한 값입니다. 그리고 순전파의 각 입력에 대한 미분을 반환합니다.
#
# 곱셈 노드는 `MulLayer`가 되고, 덧셈 노드는 `AddLayer`가 됩니다. (이 과정의 바탕이 된 학습
# 노트 가운데 하나는 본문에 'MultiLayer'라고 썼지만, 책의 클래스 이름이자 실습에서 채점하는
# 이름은 **`MulLayer`**입니다.)

# %%
class MulLayer:
    def __init__(self):
        self.x = None          # 순전파의 입력. 역전파 때 쓰려고 기억해 둔다
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        out = x * y
        return out

    def backward(self, dout):
        dx = dout * self.y     # 바꾸기: x의 기울기에는 y를 쓰고 ...
        dy = dout * self.x     # ... y의 기울기에는 x를 쓴다
        return dx, dy

# %% [markdown]
# 한 줄씩 살펴봅시다.
#
# * `__init__`은 인스턴스 변수 `self.x`와 `self.y`를 만듭니다. 아직은 아무것도 담고 있지
#   않지만(`None`), 객체에 순전파의 입력을 담아 둘 자리를 마련하려고 만들어 둡니다.
# * `forward(x, y)`는 먼저 두 입력을 **저장**하고, 그다음 곱을 계산해 **반환**합니다. 함수가
#   아니라 클래스로 만드는 이유가 바로 이 저장입니다. `backward`는 나중에 `dout`만 받아서
#   호출되기 때문입니다.
# * `backward(dout)`는 바꾸기 규칙을 적용해 `dx = dout * self.y`, `dy = dout * self.x`를
#   계산하고, 두 값을 순전파의 인수와 같은 순서로 튜플에 담아 반환합니다.

# %%
class AddLayer:
    def __init__(self):
        pass                   # 기억할 것이 없다

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        dx = dout * 1          # 국소적 미분은 1: 상류 값을 그대로 흘려보낸다
        dy = dout * 1
        return dx, dy

# %% [markdown]
# * `__init__`은 아무 일도 하지 않습니다(`pass`). 덧셈 노드는 기억할 것이 없습니다.
# * `forward(x, y)`는 합을 반환할 뿐, 아무것도 저장하지 않습니다.
# * `backward(dout)`는 두 입력 모두에 `dout`을 돌려줍니다. `dout * 1`이라고 쓰면 국소적
#   미분이 코드에 드러나고, 실용적인 이점도 있습니다. 넘파이 배열이라면 `dout * 1`은 **새**
#   배열이므로, `dx`와 `dy`는 호출한 쪽의 `dout`을 가리키는 두 이름이 아니라 서로 독립된 두
#   객체가 됩니다.
#
# ## 6 · 계층으로 만든 사과 그래프
#
# 노드 하나에 계층 객체 하나를 씁니다. 3절의 그래프에는 곱셈 노드가 두 개 있으므로
# `MulLayer`를 두 개 만듭니다. 순전파는 왼쪽에서 오른쪽으로 진행합니다(출력에 부동소수점
# 오차가 보이는데, 이는 8절에서 설명합니다).
#
# 역전파는 순전파의 **역순**으로 계층을 호출합니다. 첫 `dout`은
# $\frac{\partial\,\text{price}}{\partial\,\text{price}} = 1$이고, 각 계층의 결과가 다음 계층의
# `dout`이 됩니다. `mul_tax_layer.backward`는 `apple_price`에 대한 미분을 반환하는데, 이것이
# 바로 `mul_apple_layer`의 '순전파 출력에 대한 미분', 즉 그 계층의 `backward`가 받아야 할
# 인수입니다.

# %%
apple, apple_num, tax = 100, 2, 1.1

mul_apple_layer = MulLayer()   # apple × apple_num
mul_tax_layer = MulLayer()     # (apple × apple_num) × tax

apple_price = mul_apple_layer.forward(apple, apple_num)
price = mul_tax_layer.forward(apple_price, tax)
print("price:", price)
assert apple_price == 200
assert round(price, 10) == 220

dprice = 1
dapple_price, dtax = mul_tax_layer.backward(dprice)
dapple, dapple_num = mul_apple_layer.backward(dapple_price)
print("dapple:", dapple, "  dapple_num:", dapple_num, "  dtax:", dtax)
assert round(dapple_price, 10) == 1.1
assert round(dapple, 10) == 2.2
assert round(dapple_num, 10) == 110
assert dtax == 200

# %% [markdown]
# 이것이 사과 그림의 빨간 숫자들입니다. 이 값들이 그림과 우연히 맞아떨어진 숫자가 아니라 금액
# 함수 전체의 *진짜* 미분인지 확인하려고, `apple_bill`(3절)의 중심 차분과 비교합니다. 입력을
# 한 번에 하나씩 $h = 10^{-4}$만큼 움직여 보는 것입니다. 미리 제공된 `numerical_gradient`(책
# §4.4의 함수로, 실습에서도 씁니다)가 배열의 원소마다 바로 이 일을 해 주므로, 세 입력을 배열
# 하나에 담아 넘깁니다.

# %%
numeric = numerical_gradient(lambda p: apple_bill(*p),
                             np.array([apple, apple_num, tax], dtype=float))
backprop = [dapple, dapple_num, dtax]
for name, b, n in zip(["apple", "apple_num", "tax"], backprop, numeric):
    print(f"d price / d {name:9s}  역전파 {round(b, 6):>8}   수치 미분 {round(n, 6):>8}")
assert np.allclose(backprop, numeric, rtol=1e-6)

# %% [markdown]
# ## 7 · 계층으로 만든 사과와 귤 그래프 (퀴즈 정답)
#
# 노드가 네 개이므로 계층 객체도 네 개, 즉 `MulLayer` 세 개와 `AddLayer` 하나가 필요합니다.
# 순전파와 역전파를 함수 하나로 감싸 둡니다. 같은 그래프를 무작위 입력으로, 그리고 10절에서는
# 버그가 있는 계층으로 다시 실행할 것이기 때문입니다. 함수 안의 순서는 책을 따릅니다. 순전파는
# 왼쪽에서 오른쪽으로, 역전파는 오른쪽에서 왼쪽으로 진행하며, 각 `backward`에는 그 계층의
# 순전파 출력에 대한 미분을 넘깁니다.

# %%
def shop(apple, apple_num, orange, orange_num, tax, Add=AddLayer):
    """사과와 귤 그래프의 순전파와 역전파.
    금액과, 금액을 다섯 입력으로 각각 미분한 값을 인수 순서대로 반환한다."""
    mul_apple_layer = MulLayer()
    mul_orange_layer = MulLayer()
    add_apple_orange_layer = Add()
    mul_tax_layer = MulLayer()

    # 순전파: 왼쪽에서 오른쪽으로
    apple_price = mul_apple_layer.forward(apple, apple_num)
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_apple_orange_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)

    # 역전파: 오른쪽에서 왼쪽으로
    dprice = 1
    dall_price, dtax = mul_tax_layer.backward(dprice)
    dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    return price, [dapple, dapple_num, dorange, dorange_num, dtax]

price, grads = shop(100, 2, 150, 3, 1.1)
print("price:", price)
for name, g in zip(["apple", "apple_num", "orange", "orange_num", "tax"], grads):
    print(f"d price / d {name:10s} = {g}")
assert round(price, 10) == 715
assert np.allclose(grads, [2.2, 110, 3.3, 165, 650])

# %% [markdown]
# 다음은 바로 이 숫자들로 그린 퀴즈 정답입니다. 오른쪽부터 따라가 봅시다.
#
# * 소비세 노드($650 \times 1.1$)는 입력을 서로 바꿉니다. 합계 에지로는 1.1이, 소비세로는
#   **650**이 갑니다.
# * 덧셈 노드는 1.1을 그대로 사과 소계와 귤 소계 양쪽으로 흘려보냅니다.
# * 사과 노드($100 \times 2$)는 입력을 서로 바꿉니다. `apple`로는 $1.1 \times 2 =$ **2.2**가,
#   `apple_num`으로는 $1.1 \times 100 =$ **110**이 갑니다.
# * 귤 노드($150 \times 3$)는 입력을 서로 바꿉니다. `orange`로는 $1.1 \times 3 =$ **3.3**이,
#   `orange_num`으로는 $1.1 \times 150 =$ **165**가 갑니다.
#
# **두 곱셈 계층의 순서가 중요할까요?** 책은 귤 계층의 `backward`를 사과 계층보다 먼저
# 호출하고, 다른 학습 노트는 반대 순서로 호출합니다. 둘 다 맞습니다. '역순'의 진짜 뜻은 이렇습니다.
# 어떤 계층의 `backward`는 그 오른쪽 계층들이 그 계층의 `dout`을 만들어 낸 다음에만 호출하면
# 됩니다. 사과 가지와 귤 가지는 서로 값을 주고받지 않으므로 어느 쪽이 먼저여도 됩니다.
#
# 그림 다음에는 금액 함수 전체를 확인합니다. 책의 입력값과 무작위 입력값 다섯 개에서
# 확인합니다(실습의 숨은 검사도 무작위 입력을 쓰므로, 답을 코드에 그대로 적어 넣어서는 통과할
# 수 없습니다).

# %%
answer = {"apple": grads[0], "apple_num": grads[1], "orange": grads[2],
          "orange_num": grads[3], "tax": grads[4],
          "apple_price": 1.1, "orange_price": 1.1, "all_price": 1.1}
draw_graph(fruit_nodes, fruit_edges(answer), plain=fruit_plain,
           title="Quiz answer: apple-and-orange graph, backward from 1")
plt.show()

# %%
def fruit_bill(apple, apple_num, orange, orange_num, tax):
    return (apple * apple_num + orange * orange_num) * tax

rng = np.random.default_rng(0)
random_points = [[rng.uniform(50, 300), rng.uniform(1, 10), rng.uniform(50, 300),
                  rng.uniform(1, 10), rng.uniform(1.0, 1.2)] for _ in range(5)]
points = [[100, 2, 150, 3, 1.1]] + random_points
for point in points:
    price, grads = shop(*point)
    numeric = numerical_gradient(lambda p: fruit_bill(*p), np.array(point, dtype=float))
    assert np.isclose(price, fruit_bill(*point))
    assert np.allclose(grads, numeric, rtol=1e-6), (point, grads, numeric)
book_point = numerical_gradient(lambda p: fruit_bill(*p), np.array(points[0], dtype=float))
print("책의 입력값, 수치 미분:", [round(n, 6) for n in book_point])
print("all", len(points), "points: 역전파 결과가 중심 차분과 일치합니다")

# %% [markdown]
# > **흔한 실수: 두 노드에 계층 객체 하나를 쓰기.** `MulLayer`는 *가장 최근의* `forward`
# > 호출에서 받은 입력만 기억합니다. `mul_apple_layer`를 귤에도 다시 쓰면 사과의 입력을
# > 덮어쓰게 되고, 아무 오류 없이 사과의 기울기가 틀리게 나옵니다.

# %%
shared = MulLayer()
apple_price = shared.forward(100, 2)
orange_price = shared.forward(150, 3)        # 같은 객체: (100, 2)는 잊혔다
dapple_wrong, dapple_num_wrong = shared.backward(1.1)
print("dapple:", round(dapple_wrong, 10), "(2.2여야 함)   dapple_num:",
      round(dapple_num_wrong, 10), "(110이어야 함)")
assert round(dapple_wrong, 10) == 3.3

# %% [markdown]
# ## 8 · 부동소수점 오차: `==` 대신 `np.isclose`나 `round`로 비교하기
#
# *선택: 곁가지입니다. 처음 읽을 때는 건너뛰어도 됩니다. 실습은 이 절의 내용을 쓰지 않습니다.*
#
# 위의 출력에는 220, 110, 3.3 대신 `220.00000000000003`, `110.00000000000001`,
# `3.3000000000000003`이 나왔습니다. 계층에는 아무 문제가 없습니다. 1/3을 십진수로 정확히
# 나타낼 수 없듯이, 1.1은 이진 부동소수점으로 정확히 나타낼 수 없습니다. 실제로 저장되는 값은
# 1.1에 가장 가까운 배정밀도 수(1.1보다 아주 조금 큰 값)이고, 곱셈 결과도 매번 다시 배정밀도
# 수로 반올림됩니다. 결과가 딱 떨어지는 수에 정확히 놓일 때도 있고(2 × 1.1은 2.2로, 150 × 1.1은
# 165.0으로 출력됩니다), 바로 옆의 값에 놓일 때도 있습니다(200 × 1.1, 100 × 1.1, 3 × 1.1).
# 여기서 두 가지를 알 수 있습니다.
#
# * **허용 오차를 두고 검사하세요.** `price == 220`은 `False`입니다. 우리가 뜻하는 바를
#   제대로 표현하는 것은 `np.isclose(price, 220)`이나 `round(price, 10) == 220`입니다.
# * **`int()`로 '정리'하지 마세요.** 한 학습 노트는 `int(price)`를 출력해 715를 얻었습니다.
#   오차가 우연히 위쪽으로 났기 때문에 통했을 뿐입니다. `int()`는 0 쪽으로 버림을 하므로,
#   정수보다 아주 조금 *작은* 값은 1이 통째로 사라집니다. 세율 15 %로 해 보면 다음과 같습니다.

# %%
price = 200 * 1.1
print("price                   =", price)
print("price == 220            :", price == 220)
print("np.isclose(price, 220)  :", np.isclose(price, 220))
print("round(price, 10) == 220 :", round(price, 10) == 220)
assert price != 220 and np.isclose(price, 220) and round(price, 10) == 220

taxed = 100 * 1.15                 # 사과 한 개, 세율 15 %: 115가 나와야 한다
print("100 * 1.15              =", taxed)
print("int(taxed), round(taxed):", int(taxed), round(taxed))
assert int(taxed) == 114 and round(taxed) == 115

# %% [markdown]
# ## 9 · 넘파이 배열에서도 같은 계층
#
# `MulLayer`와 `AddLayer`는 `*`와 `+`만 쓰는데, 넘파이는 이 연산을 원소별로 적용합니다.
# 그래서 똑같은 클래스로 손님 여러 명을 한꺼번에 그래프에 통과시킬 수 있고, 각 원소는 서로
# 독립적으로 계산됩니다. 아래에서는 손님 세 명이 서로 다른 가격으로 사과를 2개, 3개, 1개
# 삽니다. 첫 번째 손님이 책의 예입니다. 모든 기울기는 해당 입력과 같은 형상으로 돌아오고, 첫
# 번째 열에는 220, 2.2, 110, 200이 다시 나옵니다.
#
# 나중을 위해 주의할 점이 하나 있는데, 셀의 뒷부분에서 보여 줍니다. 소비세를 숫자 하나로 주면
# 넘파이는 이 값을 손님 세 명에게 브로드캐스트합니다. 그러면 `backward`는 소비세가 스칼라였는데도
# 소비세에 대한 미분을 *손님마다* 하나씩, 즉 형상이 (3,)인 배열로 반환합니다. 소비세 하나가 세
# 금액 모두에 영향을 주므로, 금액의 합에 대한 소비세의 전체 영향은 이 배열의 **합**
# $200 + 360 + 90 = 650$입니다. 우리의 단순한 계층은 이 합산을 하지 않습니다(실습에서는 형상이
# 같은 입력만 넣습니다). 이 합산은 5장의 Affine 계층이 편향의 기울기를 배치 전체에 걸쳐 더할 때
# 하게 됩니다.

# %%
apples = np.array([100.0, 120.0, 90.0])
counts = np.array([2.0, 3.0, 1.0])
taxes = np.array([1.1, 1.1, 1.1])

mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
prices = mul_tax_layer.forward(mul_apple_layer.forward(apples, counts), taxes)
dsubtotals, dtaxes = mul_tax_layer.backward(np.ones(3))
dapples, dcounts = mul_apple_layer.backward(dsubtotals)
print("prices: ", np.round(prices, 10))
print("dapple: ", np.round(dapples, 10))
print("dcount: ", np.round(dcounts, 10))
print("dtax:   ", np.round(dtaxes, 10))
assert np.allclose(prices, [220, 396, 99])
assert np.allclose(dapples, counts * taxes) and np.allclose(dcounts, apples * taxes)
assert np.allclose(dtaxes, apples * counts)

# 같은 손님들에게 스칼라 소비세 '하나'를 주면 세 명 모두에게 브로드캐스트된다
mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
prices = mul_tax_layer.forward(mul_apple_layer.forward(apples, counts), 1.1)
_, dtax_per_shopper = mul_tax_layer.backward(np.ones(3))
print("손님별 dtax:", np.round(dtax_per_shopper, 10),
      "  합계:", round(float(dtax_per_shopper.sum()), 10))
assert dtax_per_shopper.shape == (3,) and np.isclose(dtax_per_shopper.sum(), 650)

# %% [markdown]
# ## 10 · 버그 찾기
#
# *선택: 곁가지입니다. 처음 읽을 때는 건너뛰어도 됩니다. 실습은 이 절의 내용을 쓰지 않습니다.*
#
# 다음은 이 과정의 바탕이 된 학습 노트 가운데 하나가 처음에 작성한 두 계층입니다. 위의 것과
# 거의 똑같아 보이고, 셀을 실행해도 오류가 나지 않습니다. 하지만 버그가 **네 개** 있습니다.
# 더 읽기 전에 찾아보세요. (제대로 동작하는 우리 클래스를 덮어쓰지 않도록 클래스 이름만
# `NoteMulLayer`와 `NoteAddLayer`로 바꾸었고, 나머지는 노트의 코드 그대로입니다.)

# %%
class NoteMulLayer:
    def __init__(self):
        self.x=None
        self.y=None

    def foward(self,x,y):
        self.x=x
        self.y=y

    def backward(self,dout):
        dx=dout*self.y
        dy=dout*self.x
        return dx,dy

class NoteAddLayer:
    def __init_(self):
        pass

    def forward(self, x,y):
        out=x+y
        return out

    def backward(self, out):
        dx=dout*1
        dy=dout*1
        return dx,dy

# %% [markdown]
# **버그 1: `def foward`.** 파이썬에서 메서드 이름의 오타는 오류가 아닙니다. 클래스에
# `foward`라는 메서드가 생길 뿐이고, `forward`는 없습니다. 오류는 그래프가 이 메서드를 제
# 이름으로 호출할 때에야 나타납니다.

# %%
try:
    NoteMulLayer().forward(100, 2)
except AttributeError as error:
    print("AttributeError:", error)

# %% [markdown]
# **버그 2: 순전파가 입력을 저장하기만 하고 아무것도 반환하지 않습니다.** 철자만 고쳐서는
# 부족합니다. 노트의 `forward`는 `out`을 계산하지도 않고 `return`도 없으므로, 호출할 때마다
# `None`을 반환합니다. 실패는 한 계층 *뒤에서*, 그것도 올바른 계층 안에서 `None`이 `*`를 만날
# 때 드러나므로, 진짜 범인이 아닌 엉뚱한 곳을 가리킵니다. 더 나쁜 것은 이 계층의 `backward`
# 자체는 제대로 동작한다는 점입니다. 입력은 저장되었기 때문입니다. 그래서 `backward`만 확인하는
# 검사는 통과합니다.

# %%
class NoReturnMulLayer(NoteMulLayer):
    def forward(self, x, y):           # 철자는 고쳤고, 본문은 노트 그대로
        self.x = x
        self.y = y

mul_apple_layer = NoReturnMulLayer()
apple_price = mul_apple_layer.forward(100, 2)
print("apple_price:", apple_price)
try:
    MulLayer().forward(apple_price, 1.1)
except TypeError as error:
    print("TypeError:", error)
print("그래도 이 계층의 backward는 동작한다:", mul_apple_layer.backward(1.1))
assert apple_price is None

# %% [markdown]
# **버그 3: `def __init_` (밑줄 하나가 모자람).** 파이썬은 객체를 만들 때 `__init__`을
# 호출합니다. `__init_`이라는 메서드는 아무도 호출하지 않는 평범한 메서드일 뿐입니다. 그래서
# 파이썬은 아무 일도 하지 않는 기본 생성자를 대신 씁니다.
#
# * `NoteAddLayer`에서는 이것이 아무 해가 없습니다. 원래 `__init__`이 아무 일도 하지
#   않았기(`pass`) 때문입니다. 바로 그래서 이런 오타가 들키지 않고 살아남습니다.
# * `__init__`이 상태를 설정하는 경우에는 그 상태가 빠집니다. `MulLayer`에 같은 오타를 내면
#   속성 `x`, `y`는 첫 `forward` 전까지 존재하지 않습니다. 그 전에 이 속성을 건드리는 코드는
#   속성이 없다는 메시지와 함께 실패하는데, 이 메시지는 철자가 틀린 생성자에 대해서는 아무것도
#   알려 주지 않습니다. 게다가 생성자가 인수를 받는 계층(5장의 `Affine(W, b)` 같은)은 아예 만들
#   수가 없습니다. 기본 생성자는 인수를 하나도 받지 않기 때문입니다.

# %%
add_layer = NoteAddLayer()                      # 동작한다: 여기서는 오타가 드러나지 않는다
print("NoteAddLayer 순전파:", add_layer.forward(10, 5))

class TypoMulLayer:                             # 같은 오타가 있는 MulLayer
    def __init_(self):
        self.x = None
        self.y = None

    def backward(self, dout):
        return dout * self.y, dout * self.x

typo_layer = TypoMulLayer()
print("forward 전에 x가 있는가?", hasattr(typo_layer, "x"))
try:
    typo_layer.backward(1.0)                    # 예: backward를 너무 일찍 호출하는 검사
except AttributeError as error:
    print("AttributeError:", error)

class ScaleLayer:                               # 매개변수가 있는 계층
    def __init_(self, k):
        self.k = k

try:
    ScaleLayer(3.0)
except TypeError as error:
    print("TypeError:", error)

# %% [markdown]
# **버그 4: `dout`을 쓰는 `def backward(self, out)`.** 매개변수 이름은 `out`인데 본문은
# `dout`을 읽습니다. 파이썬은 지역 변수에서 `dout`을 찾다가 없으면 노트북의 **전역** 변수에서
# 찾습니다.
#
# * 운이 좋은 경우: 전역 변수 `dout`이 없으면 `NameError`가 납니다.
# * 운이 나쁜 경우: 노트북의 최상위 수준에서 예전에 `dout = 1`을 실행한 적이 있습니다(이것저것
#   실험하다 보면 아주 자연스럽게 쓰게 되는 줄입니다). 그러면 `backward`는 넘겨받은 1.1은
#   무시하고 조용히 전역 변수의 1을 씁니다. 이 덧셈 계층을 사과와 귤 그래프에 넣어 봅시다.
#   금액은 여전히 715이므로 순전파 검사는 통과하지만, 다섯 기울기 가운데 네 개가 틀리고, 이를
#   드러내는 것은 수치 미분 확인입니다.

# %%
try:
    NoteAddLayer().backward(1.1)
except NameError as error:
    print("NameError:", error)

dout = 1                                        # 남아 있던 전역 변수
price, grads = shop(100, 2, 150, 3, 1.1, Add=NoteAddLayer)
numeric = numerical_gradient(lambda p: fruit_bill(*p),
                             np.array([100, 2, 150, 3, 1.1], dtype=float))
print("price:", round(price, 10))
for name, g, n in zip(["apple", "apple_num", "orange", "orange_num", "tax"], grads, numeric):
    print(f"d price / d {name:10s} 역전파 {round(g, 6):>7}  수치 미분 {round(n, 6):>7}"
          f"  {'ok' if np.isclose(g, n) else 'WRONG'}")
assert round(price, 10) == 715 and not np.allclose(grads, numeric)
del dout                                        # 함정을 치운다

# %% [markdown]
# 네 버그의 처방은 모두 같습니다. 계층은 인터페이스의 이름(`forward`, `backward`)으로만
# 호출하고, *순전파* 결과와 *모든* 기울기를 확인하고, 코드가 한 번도 본 적 없는 입력에서 수치
# 미분과 비교하세요. 실습의 검사가 하는 일이 바로 이것입니다.
#
# ## 용어 정리
#
# | 한국어 | English |
# |---|---|
# | 계산 그래프 | computational graph |
# | 순전파 | forward propagation |
# | 역전파 | backward propagation |
# | 상류 / 하류 | upstream / downstream |
# | 국소적 미분 | local derivative |
# | 연쇄법칙 | chain rule |
# | 기울기 | gradient |
# | 편미분 | partial derivative |
# | 덧셈 노드 | add node |
# | 곱셈 노드 | multiply node |
# | 계층 | layer |
# | 인터페이스 | interface |
# | 인스턴스 변수 | instance variable |
# | 수치 미분 | numerical differentiation |
# | 부동소수점 수 | floating-point number |
# | 브로드캐스트 | broadcasting |
# | 오차역전파법 | backpropagation |
#
# ## 다음 장에서는
#
# **실습:** `ko/labs/ch03_add_mul_layers.ipynb`. `MulLayer`와 `AddLayer`를
# 직접 작성하고, 이들로 사과와 귤 그래프를 만들고, 2장의 분기 그래프 $f = (a+b)(b+c)$도 계층으로
# 만듭니다(여기서는 `b`가 두 번 쓰이므로 두 가지에서 온 기울기가 더해집니다). 그다음에는 이
# 과정에서 한 번도 뜯어보지 않은 노드인 나눗셈 $z = x / y$를 만나, 1절과 2절에서 $+$와
# $\times$에 대해 한 것처럼 국소적 미분으로부터 그 역전파를 직접 유도합니다. 숨은 검사는
# 여러분의 코드를 무작위 숫자와 배열로 실행해 수치 미분과 비교하므로, 10절의 버그는 모두
# 잡힙니다.
#
# **다음 강의:** `ch04_activation_layers`, 곧 ReLU 계층과 Sigmoid 계층입니다. 이 계층들은 입력이
# 둘이 아니라 하나이고, `MulLayer`처럼 순전파에서 무언가를 기억해 두었다가 역전파에 써야 합니다.
# ReLU는 어느 입력이 0 이하였는지를 나타내는 *마스크*를, Sigmoid는 자기 출력 $y$를 기억합니다.
