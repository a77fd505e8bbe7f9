# %% [markdown]
# # 1장 — 계산 그래프
#
# *책: 밑바닥부터 시작하는 딥러닝, 5장 도입부와 §5.1 (5.1.1 계산 그래프로 풀다, 5.1.2 국소적
# 계산, 5.1.3 왜 계산 그래프로 푸는가?).*
#
# 책의 4장에서는 수치 미분으로 신경망을 학습시켰습니다. 학습은 되었지만 답답할 만큼 느렸습니다.
# 5장의 주제인 **오차역전파법**(backpropagation)은 같은 기울기를 훨씬 빠르게 구하는 방법입니다.
# 책은 수식을 꺼내기 전에, 오차역전파법을 한눈에 보여 주는 그림부터 소개합니다. 바로 계산
# 그래프입니다. 이 장은 처음부터 끝까지 이 그림을 다룹니다.
#
# **이 장을 마치면 다음을 할 수 있습니다.**
#
# 1. 오차역전파법이 무엇을 계산하는지, 그리고 그 계산에 수치 미분이 왜 너무 느린지 설명하기
# 2. 문제를 계산 그래프로 그리고, 그 그래프를 왼쪽에서 오른쪽으로 계산하기(순전파): 손으로도,
#    파이썬의 짧은 반복문으로도
# 3. *국소적 계산*이 무엇인지, 중간 값을 모두 보관하는 이유는 무엇인지 설명하기
# 4. 그래프에 적힌 역전파 값을 읽고("사과가 1원 비싸지면 금액은 2.2원 늘어난다") 수치 미분으로
#    확인하기
# 5. 자주 쓰는 노드 `×`, `+`, `**2`, `exp`, `/`(즉 $1/x$), `×−1`의 국소적 미분을 부호까지
#    정확하게 쓰기

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# 다음 셀은 이 강좌에서 그래프를 그릴 때 쓰는 도우미 함수 `draw_graph`입니다. 코드는 읽지
# 않고 넘어가도 됩니다. 그림에서 원은 연산이고, 원 없이 적힌 이름은 입력과 출력입니다. 책에서처럼
# 에지 **위**의 검은 숫자는 앞으로 전달되는 값이고, 에지 **아래**의 빨간 숫자(작은 빨간 화살표
# 밑)는 거꾸로 전달되는 값입니다.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1. 오차역전파법은 무엇을 위한 것인가
#
# 신경망은 **가중치 매개변수**를 조정하면서 학습합니다. 이 강좌의 바탕이 된 학습 노트들은 그
# 과정을 다음과 같이 정리합니다.
#
# 1. 훈련 데이터로 신경망을 실행하고, 그 출력을 숫자 하나로 바꿉니다. 이 숫자가 **손실**(손실
#    함수 값)이며, 신경망이 얼마나 틀렸는지를 나타냅니다.
# 2. 모든 가중치에 대해 손실의 **기울기**를 계산합니다. 기울기는 가중치 하나하나를 조금 바꿀 때
#    손실이 얼마나 변하는지를 알려 줍니다.
# 3. 모든 가중치를 기울기의 반대 방향(내리막)으로 조금씩 옮기고, 이 과정을 반복합니다.
#
# (한 학습 노트는 3단계를 "기울기가 0이 될 때까지 가중치를 바꾼다"라고 적었습니다. 그 밑에 깔린
# 생각은 맞습니다. 최솟값에서는 기울기가 0이기 때문입니다. 하지만 실제로는 작은 걸음을 정해진
# 횟수만큼 옮기면서 손실을 지켜봅니다. 부동소수점 수로 계산하면 기울기가 정확히 0이 되는 일은
# 거의 없습니다.)
#
# 비용이 큰 것은 2단계입니다. 책의 4장에서는 이 단계를 **수치 미분**으로 처리했습니다. 가중치
# 하나를 아주 작은 $h$만큼 올렸다 내렸다 하면서 신경망 전체를 두 번 실행하고, 두 손실의 차를
# $2h$로 나눕니다(*중심 차분*). 간단하고 틀리기도 어렵지만, **가중치 하나마다 순전파를 두 번씩**
# 해야 합니다. 직접 세어 봅시다.

# %%
def numerical_gradient(f, w, h=1e-4):
    """1차원 배열 w의 모든 원소에 대한 중심 차분: (f(w+h) - f(w-h)) / 2h."""
    grad = np.zeros_like(w)
    for i in range(w.size):
        saved = w[i]
        w[i] = saved + h
        f_plus = f(w)
        w[i] = saved - h
        f_minus = f(w)
        w[i] = saved                      # 가중치를 원래 값으로 되돌린다
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


# 아주 작은 "신경망": 가중치가 3개인 선형 모델을 경사 하강법으로 예제 20개에 맞춘다.
rng = np.random.default_rng(0)
X = rng.normal(size=(20, 3))
t = X @ np.array([1.0, -2.0, 0.5])       # 찾아내고 싶은 가중치로 만든 정답

def mse(w):
    """예제 20개에 대한 모델 X @ w의 평균 제곱 오차."""
    return np.mean((X @ w - t) ** 2)

calls = 0
def loss(w):
    """같은 손실 함수. 학습 반복문이 몇 번 계산하는지 센다."""
    global calls
    calls += 1
    return mse(w)

w = np.zeros(3)
for step in range(100):
    w -= 0.1 * numerical_gradient(loss, w)   # 손실 -> 기울기 -> 갱신
    if step in (0, 9, 99):
        print(f"{step + 1:3d}단계 후: 손실 = {mse(w):.4f}")
print("학습된 가중치:", np.round(w, 3))
print("손실 계산 횟수:", calls, "= 100단계 x 가중치당 2번 x 가중치 3개")
assert calls == 100 * 2 * 3
assert np.allclose(w, [1.0, -2.0, 0.5], atol=1e-3)

# %% [markdown]
# 반복문은 제대로 동작합니다. 손실은 줄어들고 가중치는 $(1, -2, 0.5)$에 가까워집니다. 그런데
# 치른 비용을 보세요. 가중치 3개를 위해 손실을 600번 계산했습니다. 이 비용은 가중치 수에 비례해
# 늘어납니다. 책에서 MNIST로 학습시키는 2층 신경망(입력 784개, 은닉 뉴런 50개, 출력 10개)에는
# 가중치와 편향이 $784\cdot 50 + 50 + 50\cdot 10 + 10$개 있습니다.

# %%
n_params = 784 * 50 + 50 + 50 * 10 + 10
print("parameters:", n_params)
print("수치 기울기 한 번에 드는 순전파 횟수:", 2 * n_params)
assert n_params == 39_760 and 2 * n_params == 79_520

# %% [markdown]
# 갱신 한 번에 순전파가 8만 번 가까이 필요한데, 학습에는 갱신이 수천 번 필요합니다. 오차역전파법은
# 순전파 한 번과 역전파 한 번으로 39,760개의 미분을 **모두** 구하며, 그 비용은 순전파 한두 번
# 정도입니다. 책의 5장이 존재하는 이유가 바로 이것입니다. 그렇다고 수치 미분이 사라지지는 않습니다.
# 빠른 방법이 옳은지 *확인하는* 간단하고 믿을 만한 수단으로 남습니다(아래에서도 쓰고, 이후의 모든
# 장에서도 씁니다).
#
# 책은 오차역전파법을 수식보다 그림으로 설명합니다. 그 그림이 바로 계산 그래프입니다.

# %% [markdown]
# ## 2. 계산 그래프: 노드와 에지
#
# **계산 그래프**(computational graph)는 계산 과정을 자료구조에서 말하는 *그래프*로 나타낸
# 것입니다.
#
# * **노드**(node) 하나는 연산 하나이며, 원으로 그립니다. `×`, `+`, `exp`, … 가 노드입니다.
# * **에지**(edge)는 노드와 노드를 잇는 선입니다. 에지는 한 노드에서 다음 노드로 값을 전달하며,
#   그 값은 에지 위에 적습니다.
#
# 입력과 최종 결과는 그래프의 양 끝에 놓입니다. 값은 왼쪽에서 오른쪽으로 흐릅니다. 각 노드는
# 들어오는 에지로 도착한 값들을 조합하고, 그 결과를 나가는 에지로 내보냅니다.

# %% [markdown]
# ## 3. 계산 그래프로 풀다
#
# **문제 1.** 1개에 100원인 사과를 2개 샀습니다. 소비세가 10 %라서 금액에 1.1을 곱합니다.
# 지불할 금액은 얼마일까요?
#
# 계산 그래프로 문제를 푸는 과정은 두 단계입니다.
#
# 1. 그래프를 **구성합니다**. 연산 하나마다 노드를 하나씩 둡니다.
# 2. 그래프에서 **왼쪽에서 오른쪽으로 계산을 진행합니다**. 입력에서 출발해 끝에 이를 때까지
#    노드를 거치며 값을 전달합니다.
#
# 2단계에는 이름이 있습니다. 그래프의 출발점에서 종착점으로 전파한다고 해서 **순전파**(forward
# propagation)라고 부릅니다. 첫 번째 그림은 상수를 노드 안에 적었습니다(`×2`, `×1.1`).

# %%
draw_graph({"apple": (0, 0, "apple"), "m2": (1.7, 0, "×2"), "m11": (3.4, 0, "×1.1"),
            "total": (5.1, 0, "total")},
           [("apple", "m2", 100, None), ("m2", "m11", 200, None), ("m11", "total", 220, None)],
           plain=["apple", "total"], title="Problem 1: constants inside the nodes")
plt.show()

# %% [markdown]
# 사과 가격 100이 `×2` 노드로 들어가 200이 되어 나오고, `×1.1` 노드가 200을 220으로 바꿉니다.
#
# 사과의 개수와 소비세도 **입력**으로 다루고 노드에는 `×` 연산만 남기는 편이 나을 때가 많습니다.
# 그러면 각각의 양이 어디로 들어오는지 그래프에 드러나고, 나중에 총액이 그 양 하나하나에 어떻게
# 의존하는지 물을 수 있습니다.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "total": (5.4, 1, "total")},
           [("apple", "m1", 100, None), ("num", "m1", 2, None), ("m1", "m2", 200, None),
            ("tax", "m2", 1.1, None), ("m2", "total", 220, None)],
           plain=["apple", "num", "tax", "total"], title="Problem 1: every quantity is an input")
plt.show()

# %% [markdown]
# 파이썬으로 순전파를 구현하면 그래프의 순서대로 곱셈을 두 번 하는 것이 전부입니다.

# %%
apple, apple_num, tax = 100, 2, 1.1
apple_price = apple * apple_num       # 첫 번째 × 노드
price = apple_price * tax             # 두 번째 × 노드
print("apple_price =", apple_price)
print("price       =", price)
assert apple_price == 200
assert round(price, 10) == 220

# %% [markdown]
# ### 파이썬은 왜 `220.00000000000003`을 출력할까?
#
# *선택 (곁가지): 처음 읽을 때는 건너뛰어도 됩니다. 실습은 이 내용과 상관없습니다.*
#
# 그래프에 버그가 있는 것이 아닙니다. 컴퓨터는 1.1 같은 수를 2진 **부동소수점**(floating point)
# 형식으로 저장하는데, 1/3을 10진 소수로 정확히 쓸 수 없듯이 1.1도 2진수로는 정확히 나타낼 수
# 없습니다. 그래서 표현할 수 있는 가장 가까운 수, 즉 1.1보다 아주 조금 큰 수가 저장되고, 여기에
# 200을 곱하면 그 차이가 17번째 자리에 드러납니다. 여기서 두 가지 습관이 나옵니다.
#
# * **비교**할 때는 허용 오차를 둡니다. `round(price, 10) == 220`이나 `np.isclose(price, 220)`을
#   쓰고, `price == 220`은 쓰지 않습니다.
# * 정수로 **표시**할 때는 `int`가 아니라 `round`를 씁니다. `int`는 소수점 아래를 모두 잘라 내므로,
#   정수보다 *아주 조금 작은* 값은 1이 통째로 줄어듭니다. 오차는 어느 쪽으로든 생길 수 있습니다.
#   786.5원짜리 영수증에서 세금을 빼기 전 가격을 거꾸로 구하면 `786.5 / 1.1`인데, 이 값은
#   715보다 아주 조금 작습니다.

# %%
print("1.1의 실제 저장값  ", f"{1.1:.20f}")
before_tax = 786.5 / 1.1
print("786.5 / 1.1        =", before_tax)
print("int(...)           =", int(before_tax), "  <- 1원이 통째로 사라짐")
print("round(...)         =", round(before_tax))
assert int(before_tax) == 714 and round(before_tax) == 715

# %% [markdown]
# > **흔한 실수: 부동소수점 수를 `int()`로 다듬기.** 한 학습 노트는 사과와 귤의 금액을
# > `int(price)`로 출력해 715를 얻었습니다. 이것이 맞게 나온 것은 계산 결과가 마침 715보다 아주
# > 조금 *큰* `715.0000000000001`이었기 때문일 뿐입니다. `int(714.9999999999999)`는 714입니다.
# > 표시할 때는 `round(x)`를 쓰고, 비교할 때는 허용 오차를 두세요.
#
# **문제 2.** 이번에는 1개에 100원인 사과 2개와 1개에 150원인 귤 3개를 삽니다. 소비세는 똑같이
# 10 %입니다. 그래프에는 귤 가격을 계산하는 `×` 노드와 두 소계를 더하는 `+` 노드가 추가됩니다.

# %%
nodes_ao = {"apple": (0, 2.5, "apple"), "apple_num": (1.7, 1.5, "apple_num"),
            "m_apple": (1.7, 2.5, "×"), "orange": (0, 0, "orange"),
            "orange_num": (1.7, -1, "orange_num"), "m_orange": (1.7, 0, "×"),
            "add": (3.6, 1.25, "+"), "tax": (5.4, 0.25, "tax"), "m_tax": (5.4, 1.25, "×"),
            "total": (7.2, 1.25, "total")}
plain_ao = ["apple", "apple_num", "orange", "orange_num", "tax", "total"]
draw_graph(nodes_ao,
           [("apple", "m_apple", 100, None), ("apple_num", "m_apple", 2, None),
            ("orange", "m_orange", 150, None), ("orange_num", "m_orange", 3, None),
            ("m_apple", "add", 200, None), ("m_orange", "add", 450, None),
            ("add", "m_tax", 650, None), ("tax", "m_tax", 1.1, None), ("m_tax", "total", 715, None)],
           plain=plain_ao, title="Problem 2: apples and oranges, forward")
plt.show()

# %% [markdown]
# 왼쪽에서 오른쪽으로 읽어 봅시다. 먼저 $100\cdot 2 = 200$, $150\cdot 3 = 450$입니다. `+` 노드가
# $200 + 450 = 650$을 만들고, 마지막 `×` 노드가 $650\cdot 1.1 = 715$를 만듭니다.

# %%
orange, orange_num = 150, 3
apple_price = apple * apple_num
orange_price = orange * orange_num
all_price = apple_price + orange_price
price = all_price * tax
print("apple_price, orange_price, all_price:", apple_price, orange_price, all_price)
print("price:", price, "-> 표시:", round(price))
assert (apple_price, orange_price, all_price) == (200, 450, 650)
assert round(price, 10) == 715

# %% [markdown]
# ## 4. 국소적 계산
#
# '국소적'이란 *노드 자신과 직접 관계된 작은 범위에 한정된다*는 뜻입니다. 노드는 자기에게 들어오는
# 에지의 값만으로 출력을 계산하고, 그 밖의 것은 쓰지 않습니다. 그 값들이 어떻게 만들어졌는지,
# 자신의 출력이 나중에 어떻게 쓰이는지 노드는 알지 못하며, 알 필요도 없습니다.
#
# 책의 예를 봅시다. 가게에서 사과 2개와 함께 다른 물건도 잔뜩 샀습니다. 다른 물건들의 합계는
# 4,000원이고, 이 값은 그래프의 어떤 복잡한 부분에서 계산되었다고 합시다. 그래도 `+` 노드가 하는
# 일은 $4000 + 200 = 4200$이라는 작은 계산 하나뿐입니다.

# %%
other_items = 4000                    # 아무리 복잡하게 계산되었든 + 노드에는 이 숫자만 보인다
subtotal = other_items + apple * apple_num
total = subtotal * tax
print("subtotal:", subtotal, "  total:", round(total, 6))
assert subtotal == 4200 and round(total, 10) == 4620

draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "others": (3.6, 0, "(many other items)"), "add": (3.6, 1, "+"),
            "tax": (5.4, 0, "tax"), "m2": (5.4, 1, "×"), "total": (7.2, 1, "total")},
           [("apple", "m1", 100, None), ("num", "m1", 2, None), ("m1", "add", 200, None),
            ("others", "add", 4000, None), ("add", "m2", 4200, None), ("tax", "m2", 1.1, None),
            ("m2", "total", 4620, None)],
           plain=["apple", "num", "others", "tax", "total"],
           title="Local computation: the + node sees only 4000 and 200")
plt.show()

# %% [markdown]
# 계산 그래프는 이렇게 복잡함을 다룹니다. 복잡한 계산을 작고 단순한 국소적 단계로 나누고, 각
# 단계의 결과를 다음 노드로 넘깁니다. 그래프 전체가 아무리 커도 각 노드는 `+`나 `×`처럼 단순한
# 일만 합니다.
#
# ### 코드로 그래프 계산하기
#
# 국소적 계산 덕분에 그래프는 범용 반복문 하나로 쉽게 계산할 수 있습니다. 그래프를 노드
# `(name, op, [input names])`의 리스트로 적습니다. 각 입력은 주어진 값이거나 앞선 노드의
# 이름입니다. 노드는 **위상 정렬 순서**(topological order)로 나열합니다. 즉 모든 노드는 자신이
# 읽는 노드들보다 뒤에 옵니다. 그런 다음 리스트를 한 번 훑으면서 이미 알고 있는 값으로 각 노드를
# 계산하고, 그 결과를 **모두** 딕셔너리에 저장합니다.

# %%
OPS = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}

shopping_graph = [
    ("apple_price",  "mul", ["apple", "apple_num"]),
    ("orange_price", "mul", ["orange", "orange_num"]),
    ("all_price",    "add", ["apple_price", "orange_price"]),
    ("price",        "mul", ["all_price", "tax"]),
]
values = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}

for name, op, args in shopping_graph:            # 왼쪽에서 오른쪽으로 = 순전파
    values[name] = OPS[op](*[values[a] for a in args])   # 노드는 자기 입력만 본다

for name, value in values.items():
    print(f"{name:>12} = {value:g}")
assert round(values["price"], 10) == 715 and values["all_price"] == 650

# %% [markdown]
# 각 노드의 계산 `OPS[op](...)`는 자기 입력의 값만 받습니다. 국소적 계산이 코드 한 줄에 담긴
# 셈입니다. (실습에서는 이 반복문을 어떤 그래프에나 쓸 수 있는 함수로 만듭니다.) 순서도
# 중요합니다. 어떤 노드가 자기 입력 중 하나가 계산되기도 전에 나열되어 있으면 반복문은 더
# 나아가지 못합니다.

# %%
wrong_order = [shopping_graph[3]] + shopping_graph[:3]    # "price"가 맨 앞
known = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}
try:
    for name, op, args in wrong_order:
        known[name] = OPS[op](*[known[a] for a in args])
except KeyError as err:
    print("KeyError:", err, "- 계산되기도 전에 필요해짐")

# %% [markdown]
# ## 5. 왜 계산 그래프로 푸는가?
#
# ### 이유 1: 국소적 계산으로 복잡한 문제를 단순하게 만든다
#
# 4절에서 보았듯이, 그래프가 아무리 커도 각 노드는 작은 국소적 계산 하나만 맡습니다.
#
# ### 이유 2: 중간 계산 결과를 모두 보관한다
#
# 순전파가 끝나면 `values`에는 최종 결과 715뿐 아니라 모든 에지의 값 200, 450, 650이 들어
# 있습니다. 한 학습 노트는 여기서 타당한 질문을 던집니다. *이 값들을 저장하는 것이 정말 장점일까?*
#
# 그렇습니다. 역전파에 이 값들이 필요하기 때문입니다. `×` 노드에서 한 입력에 대한 미분은 **다른**
# 입력입니다(3장에서 유도합니다). 사과 그래프의 마지막 노드는 $200 \times 1.1$을 계산했으므로,
# 미분이 거꾸로 흘러올 때 순전파 값 $200$과 $1.1$이 다시 필요합니다. 값을 저장해 두지 않았다면
# 미분 하나를 구할 때마다 순전파를 다시 계산해야 합니다.
#
# 물론 공짜는 아닙니다. 다른 학습 노트가 지적하듯이 오차역전파법은 **메모리를 많이 씁니다**.
# 신경망은 역전파가 사용할 때까지 배치에 든 모든 예제에 대해 모든 계층의 출력을 보관합니다. 앞에서
# 본 MNIST 신경망에서 배치 크기가 이미지 100장이면, 적어도 100×784개의 입력, 100×50개의 은닉층
# 값, 100×10개의 출력을 보관해야 합니다.

# %%
stored = 100 * 784 + 100 * 50 + 100 * 10
print("배치 하나에 보관하는 값:", stored, f"(float64로 {stored * 8 / 1e6:.2f} MB)")
assert stored == 84_400

# %% [markdown]
# 이 예에서는 적은 양입니다. 하지만 큰 신경망이나 긴 시퀀스에서는 연산량보다 이 메모리가 먼저
# 한계에 부딪히는 경우가 많습니다. 오차역전파법은 메모리를 내주고 속도를 얻는 셈입니다.
#
# ### 이유 3 (진짜 이유): 역전파로 미분을 구한다
#
# 가장 중요한 이유는 계산 그래프를 쓰면 **미분**을 효율적으로 계산할 수 있다는 점입니다. 문제 1로
# 돌아가 이렇게 물어봅시다. *사과 가격이 조금 오르면 총액은 얼마나 오를까?* 기호로 쓰면
# $\partial\,\text{total} / \partial\,\text{apple}$을 구하려는 것입니다.
#
# **역전파**(backward propagation)는 그래프에서 값을 **오른쪽에서 왼쪽으로** 보내 이 질문에
# 답합니다. 출력에서 1로 시작해, 노드를 지날 때마다 그 노드의 **국소적 미분**(local derivative),
# 즉 노드 자신이 하는 작은 연산의 미분을 곱합니다. 그림에서 역전파 값은 에지 아래의 빨간
# 숫자입니다.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "total": (5.4, 1, "total")},
           [("apple", "m1", 100, 2.2), ("num", "m1", 2, 110), ("m1", "m2", 200, 1.1),
            ("tax", "m2", 1.1, 200), ("m2", "total", 220, 1)],
           plain=["apple", "num", "tax", "total"],
           title="Problem 1, forward (black) and backward (red)")
plt.show()

# %% [markdown]
# 빨간 숫자를 오른쪽부터 따라가 봅시다.
#
# * 출력은 $1$을 받습니다($\partial\,\text{total}/\partial\,\text{total} = 1$).
# * 두 번째 `×` 노드는 `apple_price * tax`를 계산했습니다. 이 노드의 `apple_price`에 대한
#   국소적 미분은 `tax` $= 1.1$이므로, 왼쪽으로 $1 \times 1.1 = 1.1$을 보냅니다. `tax` 쪽으로는
#   순전파의 *다른* 입력을 곱한 $1 \times 200 = 200$을 보냅니다.
# * 첫 번째 `×` 노드는 `apple * apple_num`을 계산했습니다. 도착한 1.1에 `apple_num` $= 2$를
#   곱해 `apple`로 $2.2$를 보내고, `apple_num` 쪽으로는 $1.1 \times 100 = 110$을 보냅니다.
#
# 따라서 $\partial\,\text{total}/\partial\,\text{apple} = 2.2$입니다. **사과 가격이 1원 오르면
# 총액은 2.2원 오릅니다.** 마찬가지로 사과를 하나 더 사면 110원이 늘고, 소비세 계수를 1만큼
# 올리면 200원이 늘어납니다.
#
# 이 방법이 효율적인 이유는 두 가지입니다. 첫째, 오른쪽에서 왼쪽으로 한 번 훑는 것만으로 **모든**
# 입력에 대한 미분이 한꺼번에 나왔습니다. 둘째, 중간 미분 1.1은 **공유**되었습니다. 한 번만
# 계산해서 `apple`과 `apple_num` 양쪽에 다시 썼습니다. 수치 미분이라면 입력마다 순전파를 두 번씩
# 따로 해야 합니다. 국소적 미분을 곱하면 왜 올바른 답이 나오는지는 연쇄법칙(chain rule)이
# 설명해 주며, 이것이 2장의 주제입니다.
#
# 각 입력을 조금씩 움직여 빨간 숫자 세 개를 모두 확인해 봅시다(중심 차분, $h = 10^{-4}$).

# %%
def total_price(apple=100.0, apple_num=2.0, tax=1.1):
    return apple * apple_num * tax

h = 1e-4
numerical = {
    "apple":     (total_price(apple=100 + h) - total_price(apple=100 - h)) / (2 * h),
    "apple_num": (total_price(apple_num=2 + h) - total_price(apple_num=2 - h)) / (2 * h),
    "tax":       (total_price(tax=1.1 + h) - total_price(tax=1.1 - h)) / (2 * h),
}
backward = {"apple": 2.2, "apple_num": 110, "tax": 200}     # 그림의 빨간 숫자
for name in backward:
    print(f"d total / d {name:<9}: 역전파 {backward[name]:<5}  수치 미분 {numerical[name]:.6f}")
    assert abs(numerical[name] - backward[name]) < 1e-6
print("tax에 대한 미분의 실제 부동소수점 값:", numerical["tax"], " int:", int(numerical["tax"]))
assert int(numerical["tax"]) == 199 and round(numerical["tax"]) == 200

# %% [markdown]
# 소수점 여섯째 자리까지 일치합니다. 마지막 줄을 보세요. 수치 미분 값도 끝자리에 잡음이 섞인
# 부동소수점 수입니다. 소비세에 대한 미분은 200보다 아주 조금 작게 나오므로 `int()`로는 199가
# 됩니다. 표시할 때 `round`를 써야 하는 이유가 하나 더 생겼습니다.

# %% [markdown]
# **장보기 금액이 학습과 무슨 상관일까요?** (학습 노트에서 나온 질문입니다.) 신경망에서는 마지막
# 노드가 가격이 아니라 **손실**이고, 우리가 관심을 두는 입력은 **가중치**입니다. 그러면 똑같이
# 거꾸로 한 번 훑기만 해도 모든 가중치 $w$에 대해 $\partial L/\partial w$를 얻습니다. 1절에서 본
# 학습 과정의 2단계에 필요한 기울기가 바로 이것입니다. 2장에서 이를 구체적으로 살펴봅니다.

# %% [markdown]
# ## 6. 자주 쓰는 노드의 국소적 미분
#
# 역전파가 노드에게 요구하는 것은 국소적 미분뿐입니다. 이 강좌에서 쓰는 노드를 표로 정리했습니다.
# 입력이 둘인 노드는 각 입력에 대한 편미분을 적었습니다.
#
# | 노드 | 순전파 | 국소적 미분 | 순전파에서 필요한 값 |
# |---|---|---|---|
# | `×` | $z = xy$ | $\partial z/\partial x = y,\ \ \partial z/\partial y = x$ | 두 입력 모두 |
# | `+` | $z = x + y$ | $\partial z/\partial x = 1,\ \ \partial z/\partial y = 1$ | 없음 |
# | `**2` | $y = x^2$ | $2x$ | 입력 $x$ |
# | `exp` | $y = e^x$ | $e^x = y$ | 출력 $y$ |
# | `/` | $y = 1/x$ | $-1/x^2 = -y^2$ | 출력 $y$ |
# | `×−1` | $y = -x$ | $-1$ | 없음 |
#
# 마지막 열에서 이유 2를 다시 만납니다. 대부분의 노드는 순전파에서 얻은 값이 필요합니다. `exp`와
# `/`는 자신의 **출력**을 다시 쓸 수 있는데, 4장의 Sigmoid 계층이 $y$를 저장하는 것도 이
# 때문입니다.
#
# 표의 모든 항목을 몇 개의 점에서 중심 차분(central difference)과 비교해 봅시다. 함수 이름은
# 책의 §4.3.1을 따라 `numerical_diff`로 붙였습니다(2장에서 자세히 살펴봅니다).

# %%
def numerical_diff(f, x, h=1e-4):
    """중심 차분: x - h와 x + h 사이에서 f의 기울기."""
    return (f(x + h) - f(x - h)) / (2 * h)

one_input_nodes = {            # 이름: (순전파 y = f(x), 국소적 미분 dy/dx)
    "**2": (lambda x: x ** 2, lambda x: 2 * x),
    "exp": (np.exp, np.exp),
    "/":   (lambda x: 1 / x, lambda x: -1 / x ** 2),
    "×−1": (lambda x: -x, lambda x: -1.0),
}
print(f"{'node':>4} {'x':>5} {'formula':>10} {'numerical':>10}")
for name, (f, df) in one_input_nodes.items():
    for x in (0.5, 2.0):
        formula, numeric = df(x), numerical_diff(f, x)
        print(f"{name:>4} {x:5.1f} {formula:10.5f} {numeric:10.5f}")
        assert abs(formula - numeric) < 1e-6

x, y = 3.0, 4.0           # 입력이 둘인 노드: 한 입력만 조금 움직이고 다른 입력은 고정
assert abs(numerical_diff(lambda a: a * y, x) - y) < 1e-6      # ∂(xy)/∂x = y = 4
assert abs(numerical_diff(lambda b: x * b, y) - x) < 1e-6      # ∂(xy)/∂y = x = 3
assert abs(numerical_diff(lambda a: a + y, x) - 1) < 1e-6      # ∂(x+y)/∂x = 1
y_out = 1 / 2.0
assert -y_out ** 2 == -1 / 2.0 ** 2                                 # -1/x²과 -y²이 같다
print("×와 +의 편미분, 그리고 -1/x² = -y² 모두 확인했습니다")

# %% [markdown]
# > **흔한 실수: $1/x$ 미분의 마이너스 부호 빠뜨리기.** 한 학습 노트는 `/` 노드의 미분을
# > $\partial y/\partial x = 1/x^2$이라고 쓰고, 바로 다음 줄에 $= -y^2$이라고 썼습니다. 두 줄은
# > 서로 모순이며, 틀린 쪽은 첫 줄입니다. ($x > 0$에서) $1/x$은 $x$가 커질수록 **작아지므로**
# > 기울기는 음수여야 합니다. 올바른 미분은 $-1/x^2 = -y^2$입니다. 부호 누락은 역전파에서 가장
# > 고약한 오류입니다. 크기는 그럴듯해 보이고 프로그램도 멈추지 않지만, 기울기는 오르막을
# > 가리킵니다. 수치 미분으로 확인하면 곧바로 잡아낼 수 있습니다.

# %%
slip = lambda x: 1 / x ** 2            # 실수: 부호가 빠졌다
correct = lambda x: -1 / x ** 2
x0 = 2.0
numeric = numerical_diff(lambda x: 1 / x, x0)
print(f"x = {x0}에서: 수치 미분 {numeric:.6f}, 올바른 식 {correct(x0):.6f}, 실수한 식 {slip(x0):.6f}")
assert abs(numeric - correct(x0)) < 1e-6 and abs(numeric - slip(x0)) > 0.4

# %% [markdown]
# 아래 그림의 왼쪽은 `/` 노드를 함수로 그린 것이고, 오른쪽은 그 국소적 미분입니다. 왼쪽에서
# $x = 1$과 $x = 2$에서의 접선은 아래로 기울어 있으며, 기울기는 각각 $-1$과 $-0.25$입니다.
# 오른쪽에서 올바른 미분 $-1/x^2$(실선)은 수치 미분 값(점)을 모두 지나지만, 실수한 식
# $+1/x^2$(점선)은 그 거울상이라 어느 점도 지나지 않습니다.

# %%
xs = np.linspace(0.4, 3.0, 200)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
ax1.plot(xs, 1 / xs, label="y = 1/x")
for x0 in (1.0, 2.0):
    ax1.plot(xs, 1 / x0 + correct(x0) * (xs - x0), "--", lw=1,
             label=f"tangent at x = {x0:g} (slope {correct(x0):g})")
ax1.set(ylim=(0, 2.6), xlabel="x", ylabel="y", title="The / node: y = 1/x")
ax1.legend()
x_dots = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
ax2.plot(xs, correct(xs), label="correct: −1/x²")
ax2.plot(xs, slip(xs), "--", label="slip: +1/x²")
ax2.plot(x_dots, [numerical_diff(lambda x: 1 / x, x) for x in x_dots], "ko",
         label="central difference")
ax2.axhline(0, color="gray", lw=0.8)
ax2.set(ylim=(-6.5, 6.5), xlabel="x", ylabel="dy/dx", title="Its local derivative")
ax2.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 오차역전파법 | backpropagation | 그래프를 거꾸로 한 번 훑어 모든 가중치에 대한 손실의 기울기를 계산하는 방법 |
# | 가중치 매개변수 | weight parameter | 신경망이 학습하는 수 |
# | 손실 함수 | loss (function) | 신경망이 얼마나 틀렸는지 나타내는 숫자 하나. 학습은 이 값을 작게 만든다 |
# | 기울기 | gradient | 모든 가중치에 대한 손실의 미분을 모은 것 |
# | 수치 미분 | numerical differentiation | 입력을 조금 움직여 어림한 미분: $(f(x+h) - f(x-h))/2h$ |
# | 중심 차분 | central difference | 위의 식처럼 양쪽으로 움직이는 방법. 이 강좌에서는 $h = 10^{-4}$ |
# | 계산 그래프 | computational graph | 계산 과정을 노드(연산)와 이를 잇는 에지(값)로 그린 것 |
# | 노드 | node | 그래프 속 연산 하나. 원으로 그린다 |
# | 에지 | edge | 노드 사이를 이어 값을 전달하는 선 |
# | 순전파 | forward propagation | 그래프를 왼쪽에서 오른쪽으로, 즉 입력에서 출력 쪽으로 계산하는 것 |
# | 역전파 | backward propagation | 미분을 오른쪽에서 왼쪽으로, 즉 출력에서 입력 쪽으로 보내는 것 |
# | 국소적 계산 | local computation | 각 노드가 자기 입력 에지의 값만 사용하는 것 |
# | 국소적 미분 | local derivative | 노드 하나가 하는 연산의 미분. 예를 들어 `**2`의 국소적 미분은 $2x$ |
# | 위상 정렬 순서 | topological order | 모든 노드가 자기 입력보다 뒤에 오도록 늘어놓은 노드의 순서 |
# | 부동소수점 | floating point | 컴퓨터가 수를 저장하는 2진 형식. 1.1은 근삿값으로만 저장된다 |
# | 연쇄법칙 | chain rule | 국소적 미분을 곱하면 전체의 미분이 되는 이유(2장) |

# %% [markdown]
# ## 다음 장에서는
#
# * **실습:** `ko/labs/ch01_computational_graph.ipynb`. 사과와 귤
#   그래프의 순전파를 계산하고, 4절의 범용 그래프 계산 반복문을 함수로 작성하고, 국소적 미분 네
#   개를 구현합니다($1/x$의 부호에 주의하세요).
# * **2장, 연쇄법칙:** 5절에서 국소적 미분을 오른쪽에서 왼쪽으로 곱한 결과가 왜 정확히
#   $\partial\,\text{total}/\partial\,\text{apple}$이 되는지, 한 값이 두 번 쓰이면 어떻게
#   처리하는지, 학습에서 출력이 어떻게 손실이 되는지를 다룹니다.
