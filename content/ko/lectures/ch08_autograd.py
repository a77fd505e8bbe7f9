# %% [markdown]
# # 8장 · 자동으로 하는 역전파: 자동 미분
#
# 『밑바닥부터 시작하는 딥러닝』의 **§5.1 계산 그래프**와 **§5.2 연쇄법칙**을 바탕으로 합니다.
# 이어지는 내용은 책에서 따로 다루지 않습니다. 이 마무리 장에서는 책의 아이디어를 한데 모아
# 우리만의 작은 프로그램을 만듭니다.
#
# 3장부터 7장까지는 모든 계층의 `backward`를 손으로 작성했고, `TwoLayerNet.gradient`가 그
# 역전파들을 순전파의 역순으로 호출하는 부분도 손으로 작성했습니다. 두 단계 모두 늘 같은
# 규칙을 따릅니다. *상류에서 온 미분에 노드의 국소적 미분을 곱한다*(2장), *출력에서 입력
# 쪽으로 거슬러 간다*, *값이 분기하는 곳에서는 더한다*. 늘 같은 규칙이라면 프로그램에 맡길 수
# 있습니다. 그런 프로그램을 **자동 미분**(automatic differentiation)이라고 하며, 그중
# 역전파처럼 출력 하나에서 거꾸로 진행하는 방식을 **역방향 모드 자동 미분**(reverse-mode
# automatic differentiation)이라고 합니다.
#
# **이 강의를 마치면 다음을 할 수 있습니다.**
#
# 1. 계산이 실행되는 동안 그 계산을 국소적 미분이 딸린 노드의 목록으로 기록하고, 이 목록을
#    거꾸로 한 바퀴 돌아 출력의 모든 미분을 구하기;
# 2. 한 값이 두 번 쓰이는 곳에서 기울기를 왜 **더해야**(누적) 하는지 설명하고,
#    $f = (a+b)(b+c)$에서 `+=` 대신 `=`를 쓰면 어떻게 되는지 보이기;
# 3. **위상 정렬 순서**를 설명하고, 어떤 값으로부터 계산된 모든 값이 제 몫을 전달한 뒤에야 그
#    값이 기울기를 넘겨줄 수 있는 이유를 설명하기;
# 4. 두 번째 역전파가 무엇을 해야 하는지 정하고, 그 이유를 설명하기;
# 5. 국소적 미분만으로 노드(`exp`, `log`, ReLU, 거듭제곱)를 추가하고, 이 노드들을 조합해
#    뺄셈과 나눗셈을 만들기;
# 6. 작은 2층 신경망을 이 방식으로 미분해서, 7장의 계층으로 계산한 기울기와 마지막 자리까지
#    같은 값을 얻기.
#
# 이어지는 실습(`ch08_autograd`)에서는 같은 엔진을 다른 형태로 만듭니다. PyTorch 같은
# 라이브러리처럼 각 값이 자신의 입력을 가리키는 형태입니다.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# 다음 셀은 이 강좌의 그래프 그리기 도우미 `draw_graph`입니다. 순전파 값은 각 에지의 **위**에
# 검은색으로, 역전파 값은 **아래**에 빨간색으로 적힙니다.

# %%
# provided: graph_figure

# %% [markdown]
# ## 1 · 손으로 쓴 계층에서 자동 미분으로
#
# 3장에서 사과 그래프를 어떻게 미분했는지 돌아봅시다. 노드마다 계층 객체를 하나씩 두고,
# 순서대로 순전파를 한 다음 **역순으로, 한 줄 한 줄 직접 써서** 역전파를 했습니다.
#
# ```python
# apple_price = mul_apple_layer.forward(apple, apple_num)
# price = mul_tax_layer.forward(apple_price, tax)
# dapple_price, dtax = mul_tax_layer.backward(1)
# dapple, dapple_num = mul_apple_layer.backward(dapple_price)
# ```
#
# 마지막 두 줄에는 새로운 정보가 하나도 없습니다. 순서는 순전파의 순서를 뒤집은 것이고, 각
# 줄이 계산하는 내용은 노드가 정합니다. 순전파를 *기억하는* 프로그램, 즉 어느 노드가 어느
# 입력으로 어떤 값을 만들었는지 기억하는 프로그램이라면 이 두 줄을 스스로 쓸 수 있습니다. 책의
# §5.1.3은 애초에 그래프를 그리는 이유를 이렇게 설명합니다. 각 노드는 작은 **국소적 계산**만
# 하고, 미분은 같은 노드들을 거쳐 거꾸로 흐릅니다. 자동 미분은 바로 이 설명을 코드로 옮긴
# 것입니다.

# %% [markdown]
# ## 2 · 스스로 기록하는 그래프: 테이프
#
# 계산이 실행되는 동안 노드가 계산되는 순서대로 노드마다 기록을 하나씩 적어 둡니다. 기록에는
# 결과의 이름, 그리고 각 입력의 이름과 그 입력에 대한 노드의 **국소적 미분**이 들어갑니다(1장
# 6절). 이런 목록을 흔히 *테이프*(tape)라고 부릅니다. 순서대로 녹음하고 다시 재생하던 테이프
# 녹음기에서 따온 이름입니다.
#
# 책의 첫 그래프들에 나오는 두 노드는 다음과 같습니다.
#
# - **덧셈 노드** $z = x + y$는 $\partial z/\partial x = 1$,
#   $\partial z/\partial y = 1$입니다(3장 1절).
# - **곱셈 노드** $z = xy$는 $\partial z/\partial x = y$, $\partial z/\partial y = x$입니다.
#   각 입력의 국소적 미분은 **다른** 입력의 순전파 값입니다(3장 2절). 그래서 곱셈 노드는
#   입력을 기억해야 하고, 테이프에는 식이 아니라 수를 저장합니다. 노드가 실행되고 나면 순전파
#   값은 이미 정해져 있기 때문입니다.

# %%
class Tape:
    """노드 하나하나를 기록한 계산: values[name], 그리고 노드마다 그 입력들과 각 입력에 대한
    노드 출력의 국소적 미분."""

    def __init__(self):
        self.values = {}
        self.records = []                      # (출력 이름, [(입력 이름, 국소적 미분), ...])

    def input(self, name, value):
        self.values[name] = value

    def add(self, out, x, y):
        self.values[out] = self.values[x] + self.values[y]
        self.records.append((out, [(x, 1.0), (y, 1.0)]))

    def mul(self, out, x, y):
        vx, vy = self.values[x], self.values[y]
        self.values[out] = vx * vy
        self.records.append((out, [(x, vy), (y, vx)]))      # 두 입력을 맞바꿔서


tape = Tape()
tape.input("apple", 100.0)
tape.input("apple_num", 2.0)
tape.input("tax", 1.1)
tape.mul("apple_price", "apple", "apple_num")
tape.mul("price", "apple_price", "tax")
for record in tape.records:
    print(record)
print("price =", round(tape.values["price"], 10))
assert round(tape.values["price"], 10) == 220

# %% [markdown]
# 여기에는 사과 문제를 아는 코드가 하나도 없습니다. `mul`과 `add`는 기록만 합니다. 1장의
# 그래프 전체가 `tape.records`에 들어 있고, 역전파에 필요한 수도 이미 채워져
# 있습니다(`apple_price`에 곱해질 1.1, `tax`가 받게 될 200).

# %% [markdown]
# ## 3 · 역전파 한 바퀴: 역순으로, 국소적 미분 곱하기 상류
#
# 이제 역전파는 반복문 하나입니다. 출력에서
# $\partial\,\text{price}/\partial\,\text{price} = 1$로 시작합니다. 그다음 기록을 **마지막부터
# 처음까지** 거슬러 갑니다. 각 기록은 자신의 기울기에 국소적 미분을 곱해 각 입력에 넘겨줍니다.
# 책 §5.2.3의 연쇄법칙을 노드 하나씩 적용하는 것입니다.

# %%
def backward_sweep(tape, output):
    """테이프에 있는 모든 이름에 대해 d(output)/d(name)을, 기록을 한 바퀴 돌아 구한다."""
    grads = {name: 0.0 for name in tape.values}
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] += local * grads[out]
    return grads


grads = backward_sweep(tape, "price")
for name in ["apple", "apple_num", "tax", "apple_price"]:
    print(f"d price / d {name:<11} = {grads[name]:.6g}")
assert np.isclose(grads["apple"], 2.2) and np.isclose(grads["apple_num"], 110)
assert np.isclose(grads["tax"], 200) and np.isclose(grads["apple_price"], 1.1)

# %% [markdown]
# 1장(5절)과 3장(3절)의 빨간 숫자와 같습니다. 사과가 1원 비싸지면 지불 금액은 2.2원 오르고,
# 사과를 하나 더 사면 110원 오릅니다. 역전파 한 바퀴의 코드 어디에도 사과는 나오지 않습니다.

# %%
draw_graph({"apple": (0, 1, "apple"), "num": (1.7, 0, "apple_num"), "m1": (1.7, 1, "×"),
            "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "price": (5.4, 1, "price")},
           [("apple", "m1", 100, grads["apple"]), ("num", "m1", 2, grads["apple_num"]),
            ("m1", "m2", 200, grads["apple_price"]), ("tax", "m2", 1.1, grads["tax"]),
            ("m2", "price", 220, 1)],
           plain=["apple", "num", "tax", "price"],
           title="The apple graph, backward by the sweep")
plt.show()

# %% [markdown]
# 1장 문제 2의 귤까지 더한 테이프도 3장 7절의 기울기 다섯 개를 그대로 내놓습니다. 이번에도 그
# 기울기들을 위해 따로 쓴 코드는 한 줄도 없습니다.

# %%
bill = Tape()
for name, value in [("apple", 100.0), ("apple_num", 2.0), ("orange", 150.0),
                    ("orange_num", 3.0), ("tax", 1.1)]:
    bill.input(name, value)
bill.mul("apple_price", "apple", "apple_num")
bill.mul("orange_price", "orange", "orange_num")
bill.add("all_price", "apple_price", "orange_price")
bill.mul("price", "all_price", "tax")
bill_grads = backward_sweep(bill, "price")
print("price =", round(bill.values["price"], 10))
print({k: round(bill_grads[k], 10) for k in ["apple", "apple_num", "orange", "orange_num", "tax"]})
assert round(bill.values["price"], 10) == 715
assert np.allclose([bill_grads[k] for k in ["apple", "apple_num", "orange", "orange_num", "tax"]],
                   [2.2, 110, 3.3, 165, 650])

# %% [markdown]
# ## 4 · 분기: 기울기는 `+=`로 누적된다
#
# 역전파 한 바퀴는 `grads[name] = ...`가 아니라 `grads[name] += ...`로 씁니다. 이 차이는 한
# 값이 두 번 쓰이는 순간(분기, 2장 5절) 중요해집니다. 한 학습 노트의 예인 $f = (a+b)(b+c)$를
# $a=-1$, $b=3$, $c=4$에서 봅시다. $b$는 두 덧셈에 모두 들어가므로 $b$의 변화는 두 경로를 따라
# $f$에 이르고, 연쇄법칙은 두 경로의 기여를 **더합니다**. 즉
# $\partial f/\partial b = (b+c)\cdot 1 + (a+b)\cdot 1 = 7 + 2 = 9$입니다.

# %%
fan = Tape()
for name, value in [("a", -1.0), ("b", 3.0), ("c", 4.0)]:
    fan.input(name, value)
fan.add("x", "a", "b")
fan.add("y", "b", "c")
fan.mul("f", "x", "y")
fan_grads = backward_sweep(fan, "f")
print("f =", fan.values["f"], " df/da, df/db, df/dc =",
      fan_grads["a"], fan_grads["b"], fan_grads["c"])
assert fan.values["f"] == 14 and (fan_grads["a"], fan_grads["b"], fan_grads["c"]) == (7, 9, 2)

# %% [markdown]
# `+=` 대신 `=`를 쓰면 `b`로 오는 두 번째 경로가 첫 번째 경로를 덮어씁니다. 역전파 한 바퀴는
# `x = a + b`보다 `y = b + c`를 먼저 방문하므로(기록한 순서의 역순), `b`에는 `x`를 지나는
# 경로의 기울기만 남습니다.

# %%
def backward_sweep_overwriting(tape, output):
    """실수: += 대신 =."""
    grads = {name: 0.0 for name in tape.values}
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] = local * grads[out]
    return grads


slip = backward_sweep_overwriting(fan, "f")
print("+= 대신 = 를 쓰면: df/db =", slip["b"], " (x = a+b를 지나는 경로만 반영된 값. 올바른 값은 9)")
assert slip["b"] == 7 and slip["a"] == 7

draw_graph({"a": (0, 3.2, "a"), "b": (0, 1.6, "b"), "c": (0, 0, "c"), "x": (2.4, 2.6, "+"),
            "y": (2.4, 0.6, "+"), "f": (4.6, 1.6, "×"), "out": (6.2, 1.6, "f")},
           [("a", "x", -1, 7), ("b", "x", 3, 7), ("b", "y", 3, 2), ("c", "y", 4, 2),
            ("x", "f", 2, 7), ("y", "f", 7, 2), ("f", "out", 14, 1)],
           plain=["a", "b", "c", "out"],
           title="b fans out: 7 + 2 = 9 arrive at b")
plt.show()

# %% [markdown]
# 그림에서 `b`를 떠나는 두 에지의 빨간 숫자는 7과 2이고, `b`의 기울기는 그 합인 9입니다.
# (3장의 `fanout_graph`에서는 이 둘을 손으로 더했습니다: `db_from_x + db_from_y`. 역전파 한
# 바퀴는 모든 기여가 `+=`를 거치므로 스스로 더합니다.)

# %% [markdown]
# ## 5 · 입력을 가리키는 노드와 위상 정렬
#
# 테이프는 이미 알맞은 순서로 되어 있습니다. 노드는 그 입력들이 만들어진 뒤에야 기록되기
# 때문입니다. 하지만 이런 목록을 따로 두지 않는 프로그램도 많습니다. 실습에서도, PyTorch 같은
# 라이브러리에서도 각 값은 **자신의 입력을 가리키는 포인터**와 국소적 미분을 가진 객체입니다.
# 이 입력들을 그 값의 *부모*(parent)라고 하며, 그래프는 이 포인터들이 얽힌 그물일 뿐입니다.
# 그래서 출력이 주어지면 역전파는 먼저 순서부터 스스로 찾아야 합니다.
#
# 필요한 순서는 **위상 정렬 순서**(topological order, 1장 4절)입니다. 출력이 의존하는 모든
# 값을 **한 번씩** 담되, 모든 값이 **자신의 부모가 모두 나온 뒤에** 오는 목록입니다. 이 목록을
# 뒤집으면 모든 값이 자신의 부모보다 **앞에** 오는데, 이것이 바로 3절의 역전파 한 바퀴에
# 필요한 순서입니다. 다음은 $f = (a+b)(b+c)$의 그래프를 포인터로 나타낸 것과, 어떤 순서가 위상
# 정렬 순서인지 검사하는 작은 함수입니다(이 검사 함수가 알고리즘은 아닙니다. 순서를 찾는 것은
# 실습에서 여러분이 할 일입니다).

# %%
parents = {"a": [], "b": [], "c": [], "x": ["a", "b"], "y": ["b", "c"], "f": ["x", "y"]}


def is_topological(order, parents, output):
    """출력이 의존하는 모든 값이 한 번씩, 각각 자신의 부모가 모두 나온 뒤에 오는가."""
    needed, stack = set(), [output]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(parents[node])
    position = {name: i for i, name in enumerate(order)}
    return (len(order) == len(set(order)) and set(order) == needed
            and all(position[p] < position[n] for n in order for p in parents[n]))


for order in (["a", "b", "x", "c", "y", "f"], ["c", "b", "y", "a", "x", "f"],
              ["a", "b", "c", "f", "x", "y"], ["a", "b", "x", "b", "c", "y", "f"]):
    print(f"{' '.join(order):<16} 위상 정렬 순서인가: {is_topological(order, parents, 'f')}")
assert is_topological(["a", "b", "x", "c", "y", "f"], parents, "f")
assert not is_topological(["a", "b", "x", "b", "c", "y", "f"], parents, "f")

# %% [markdown]
# 처음 두 순서는 모두 위상 정렬 순서입니다. 위상 정렬 순서는 보통 여러 가지이고, 어느 것을
# 써도 기울기는 같습니다. 세 번째 순서는 `f`를 그 부모보다 앞에 둡니다. 네 번째 순서에는 `b`가
# 두 번 들어 있습니다. `f`에서 포인터를 따라 거슬러 가면서 이미 들른 곳을 기억하지 않으면 이런
# 일이 생깁니다. `b`에 이르는 경로가 둘이기 때문입니다.
#
# **순서를 찾는 방법.** 출력에서 거꾸로 걸어가는 탐색을 생각해 봅시다. 어떤 값을 적으려면 그
# 전에 그 값의 부모를 모두 적어야 합니다. 부모가 없는 값은 바로 적을 수 있습니다. **깊이 우선
# 탐색**(depth-first search)으로 걸으면, 즉 값 하나를 적을 때 아직 적지 않은 부모를 먼저
# 하나씩 적고 나서 그 값을 적으면, 위상 정렬 순서가 만들어지고 출력은 맨 마지막에 옵니다. 위
# 그래프에서 `f`부터 시작해 손으로 직접 해 보세요. `a b x c y f`가 나와야 합니다.

# %% [markdown]
# ## 6 · 순서가 틀리면 기울기가 틀리는 이유
#
# 한 값은 자신의 기울기가 **완성되었을 때**, 즉 그 값에서 계산된 모든 값이 이미 제 몫을
# 전달했을 때에만 부모에게 기울기를 넘겨줄 수 있습니다. 위상 정렬의 역순은 정확히 이것을
# 보장합니다. 그렇지 않으면 어떻게 되는지 보기 위해, 두 번 쓰이는 값에도 부모가 있는 그래프를
# 생각해 봅시다. $u = x\cdot y$, $v = u\cdot x$, $z = v + u$입니다. 이제 `u`가 (`v`와 `z`로)
# 분기하고, `x`도 (`u`와 `v`로) 분기합니다.

# %%
chain = Tape()
chain.input("x", 2.0)
chain.input("y", 5.0)
chain.mul("u", "x", "y")
chain.mul("v", "u", "x")
chain.add("z", "v", "u")
right = backward_sweep(chain, "z")
print("역순:", {k: right[k] for k in ["u", "x", "y"]})
# z = x·y·x + x·y 이므로 dz/dx = 2xy + y = 25, dz/dy = x² + x = 6
assert (right["u"], right["x"], right["y"]) == (3.0, 25.0, 6.0)

# %% [markdown]
# 이번에는 같은 기록을 **틀린 순서**로 재생해 봅시다. `z`를 먼저 처리하는 것은 맞지만,
# 그다음에 `v`보다 `u`를 먼저 처리합니다. `u`의 기록이 실행될 때는 `z`만 `u`에게 제 몫을
# 전달한 상태이므로(3 가운데 1), `u`는 `x`와 `y`에 너무 적게 넘겨줍니다. 그 뒤에 `v`가 `u`에게
# 전달하는 2는 끝내 더 넘어가지 못합니다.

# %%
def sweep_in_given_order(records, output, names):
    grads = {name: 0.0 for name in names}
    grads[output] = 1.0
    for out, inputs in records:
        for name, local in inputs:
            grads[name] += local * grads[out]
    return grads


u_record, v_record, z_record = chain.records
wrong = sweep_in_given_order([z_record, u_record, v_record], "z", chain.values)
print("틀린 순서:", {k: wrong[k] for k in ["u", "x", "y"]})
assert wrong["u"] == 3.0 and (wrong["x"], wrong["y"]) == (15.0, 2.0)

# %% [markdown]
# `u` 자신의 기울기는 맞지만(3) 너무 늦게 완성되었습니다. `x`와 `y`는 `u`를 거쳐 받은 것이
# 거의 없습니다. 반대쪽 실수도 그만큼 나쁩니다. 도착한 기울기를 곧바로 넘겨주는 재귀적
# 탐색("`z`에 1을 밀어 넣으면 `z`가 `v`와 `u`로 밀고, 그것들이 또 그 앞으로 밀고…")은 `u`의
# 기울기를 경로마다 한 번씩, 즉 **두 번** 넘겨줍니다. 그때마다 `u`가 그때까지 모은 값을
# 넘겨주므로 `x`와 `y`는 너무 많이 받게 됩니다. 이 그래프의 수로는 `x`가 35, `y`가 10을
# 받습니다. 두 실수 모두 같은 규칙 하나를 어긴 데서 나옵니다. *기울기는 단 한 번, 완성되었을
# 때만 넘겨준다.* 위상 정렬의 역순은 어떤 그래프에서든 이 규칙을 지킵니다.

# %%
def push_at_once(records_by_out, name, grads):
    """실수: 도착한 기울기를 순서 없이 곧바로, 재귀적으로 넘겨준다."""
    for parent, local in records_by_out.get(name, []):
        grads[parent] += local * grads[name]
        push_at_once(records_by_out, parent, grads)


pushed = {name: 0.0 for name in chain.values}
pushed["z"] = 1.0
push_at_once(dict(chain.records), "z", pushed)
print("곧바로 넘겨주면:", {k: pushed[k] for k in ["u", "x", "y"]})
assert (pushed["x"], pushed["y"]) == (35.0, 10.0)

# %% [markdown]
# ## 7 · backward를 두 번 부르면: 모든 기울기를 0에서 시작하기
#
# 3절의 역전파 한 바퀴는 실행될 때마다 기울기를 새로 0으로 만들어 시작합니다. 하지만 값이
# 자신의 기울기를 *간직하는* 엔진이라면(실습의 엔진은 `grad` 속성에 간직합니다), 두 번째
# 역전파가 첫 번째 역전파의 기울기를 어떻게 다룰지 정해야 합니다. 그냥 더하기만 하면 두 번째
# 호출은 첫 번째 호출이 남긴 모든 값에, 중간 값까지 포함해 더해지고, 결과는 올바른 값의 단순한
# 두 배도 아닙니다.

# %%
kept = {name: 0.0 for name in bill.values}


def backward_keeping(tape, output, grads):
    """실수: 이전 역전파의 기울기를 0으로 되돌리지 않는다."""
    grads[output] = 1.0
    for out, inputs in reversed(tape.records):
        for name, local in inputs:
            grads[name] += local * grads[out]


backward_keeping(bill, "price", kept)
first = kept["apple"]
backward_keeping(bill, "price", kept)
print("한 번 역전파한 뒤 d price / d apple:", round(first, 10), " 두 번 뒤:", round(kept["apple"], 10))
assert np.isclose(first, 2.2) and np.isclose(kept["apple"], 8.8)

# %% [markdown]
# (`all_price`는 원래의 1.1을 간직한 채 1.1을 더 받았으므로 `apple_price`는 1.1 + 2.2 = 3.3을
# 받았고, `apple`은 2.2 + 3.3 · 2 = 8.8이 되었습니다.) 여기서 라이브러리마다 선택이 갈립니다.
# PyTorch는 일부러 `.grad`에 *더하고*, 학습 루프에서 매 단계 전에 기울기를
# 지웁니다(`zero_grad()`). 이 강좌의 엔진은 다른 쪽을 택합니다. 3~7장의 모든 계층이 따랐던
# 방식, 즉 `backward`를 두 번 불러도 결과가 같은 방식입니다. **`backward()`는 먼저 그래프에
# 있는 모든 값의 기울기를 0으로, 출력의 기울기를 1로 놓은 다음 한 바퀴 돕니다.** 그러면 두 번
# 불러도 달라지는 것이 없고, `y.backward()`를 부른 뒤 `y`의 그래프에 있는 모든 기울기는 오로지
# `y`를 미분한 값입니다. 앞서 다른 출력의 그래프에도 속해 있던 값이라도 마찬가지입니다.

# %% [markdown]
# ## 8 · 노드 더 만들기: exp, log, ReLU, 거듭제곱, 그리고 합성
#
# 엔진이 새 연산을 배우는 데 필요한 것은 순전파 값과 국소적 미분, 이 두 가지뿐입니다.
# 나머지(순서, 합, 연쇄법칙)는 이미 갖춰져 있습니다. 실습에서 추가하는 연산들의 국소적 미분을
# 하나씩 유도해 봅시다.
#
# - $y = e^x$: 지수 함수는 미분해도 자기 자신이므로 $\partial y/\partial x = e^x = y$입니다.
#   따라서 노드는 자신의 **출력**을 국소적 미분으로 저장하면 됩니다(1장 6절. 4장의
#   시그모이드도 이 성질을 이용했습니다).
# - $y = \ln x$ ($x > 0$): $e^{y} = x$이므로 양변을 $x$로 미분하면
#   $e^{y}\,\partial y/\partial x = 1$이고, 따라서
#   $\partial y/\partial x = 1/e^{y} = 1/x$입니다.
# - $y = \mathrm{ReLU}(x) = \max(x, 0)$: $x > 0$에서는 기울기가 1, $x < 0$에서는 0입니다.
#   정확히 0인 점에서는 이 강좌에서 0으로 정합니다($x \le 0$이면 스위치가 꺼짐, 4장 2절).
# - 상수 $k$에 대해 $y = x^k$: $\partial y/\partial x = k\,x^{k-1}$입니다(거듭제곱의 미분법).
#   $k$는 노드가 아닙니다. 상수에게는 아무것도 거꾸로 흘러가지 않습니다.
#
# 그리고 다음 세 연산에는 새 규칙이 전혀 **필요 없습니다**. 이미 있는 노드들을 합성한 것이기
# 때문입니다. $-x = (-1)\cdot x$, $\;x - y = x + (-1)\cdot y$, $\;x / y = x \cdot y^{-1}$.
# 엔진은 합성된 식을 노드 하나씩 미분하고, 나머지는 연쇄법칙이 해결합니다($x/y$의 경우 $y$에
# 대한 미분으로 $-x/y^2$가 나옵니다. 빼기 부호까지 1장의 `/` 노드의 결과와 같습니다). 위의
# 국소적 미분을 하나씩 중심 차분과 비교해 봅시다.

# %%
def central_difference(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


nodes = {
    "exp": (np.exp, np.exp),
    "log": (np.log, lambda x: 1 / x),
    "relu": (lambda x: np.maximum(x, 0.0), lambda x: (x > 0) * 1.0),
    "x**3": (lambda x: x ** 3, lambda x: 3 * x ** 2),
    "x**-1": (lambda x: x ** -1, lambda x: -1 * x ** -2),
    "x**0.5": (lambda x: x ** 0.5, lambda x: 0.5 * x ** -0.5),
}
print(f"{'node':>7} {'x':>5} {'formula':>10} {'numerical':>10}")
for name, (f, df) in nodes.items():
    for x in (0.7, 2.0):
        formula, numeric = df(x), central_difference(f, x)
        print(f"{name:>7} {x:5.1f} {formula:10.5f} {numeric:10.5f}")
        assert abs(formula - numeric) < 1e-6

# %% [markdown]
# 합성으로 만든 나눗셈도 테이프에서 확인해 봅시다. $a = 3$, $b = 4$일 때
# $d = a \cdot b^{-1}$에는 `mul` 외에 `pow` 노드가 하나 더 필요하고, 그 결과로
# $\partial d/\partial a = 1/b$와 $\partial d/\partial b = -a/b^2$를 얻습니다. 몫의 미분법을
# 어디에도 쓰지 않고 얻은 결과입니다.

# %%
def tape_pow(tape, out, x, k):
    vx = tape.values[x]
    tape.values[out] = vx ** k
    tape.records.append((out, [(x, k * vx ** (k - 1))]))


quotient = Tape()
quotient.input("a", 3.0)
quotient.input("b", 4.0)
tape_pow(quotient, "b_inv", "b", -1)
quotient.mul("d", "a", "b_inv")
q_grads = backward_sweep(quotient, "d")
print("d =", quotient.values["d"], " dd/da =", q_grads["a"], " dd/db =", q_grads["b"])
assert quotient.values["d"] == 0.75 and q_grads["a"] == 0.25 and q_grads["b"] == -3 / 16

# %% [markdown]
# ## 9 · 작은 2층 신경망을 7장의 계층과 비교하기
#
# 엔진의 마지막 시험은 7장의 신경망입니다. 샘플 하나에 대한 작은 신경망을 봅시다. 입력은
# $D = 2$개, ReLU를 쓰는 은닉 유닛은 $H = 3$개, 클래스는 $C = 2$개이고, 손실은 소프트맥스의
# 교차 엔트로피 오차입니다(6장). 원소 단위로 쓰면 다음과 같습니다.
#
# $$h_j = \mathrm{relu}\Big(\sum_i x_i W1_{ij} + b1_j\Big), \quad
#   s_k = \sum_j h_j W2_{jk} + b2_k, \quad
#   L = -\ln \frac{e^{s_t}}{\sum_k e^{s_k}} = \ln\Big(\sum_k e^{s_k}\Big) - s_t .$$
#
# 마지막 형태에는 `exp`, `+`, `log`, `−`만 있으면 됩니다. 테이프에서는 모든 가중치가 이름이
# 붙은 입력이고, 신경망 전체는 스칼라 노드 수십 개로 이루어집니다.

# %%
def tape_exp(tape, out, x):
    tape.values[out] = np.exp(tape.values[x])
    tape.records.append((out, [(x, tape.values[out])]))


def tape_log(tape, out, x):
    tape.values[out] = np.log(tape.values[x])
    tape.records.append((out, [(x, 1 / tape.values[x])]))


def tape_relu(tape, out, x):
    tape.values[out] = max(tape.values[x], 0.0)
    tape.records.append((out, [(x, 1.0 if tape.values[x] > 0 else 0.0)]))


def tape_sub(tape, out, x, y):
    tape.values[out] = tape.values[x] - tape.values[y]
    tape.records.append((out, [(x, 1.0), (y, -1.0)]))


x_in = np.array([1.0, -2.0])
t = 1
params = {"W1": np.array([[0.5, -0.3, 0.8], [0.2, 0.4, -0.6]]), "b1": np.array([0.1, 0.0, -0.1]),
          "W2": np.array([[0.3, -0.2], [-0.5, 0.6], [0.7, 0.1]]), "b2": np.array([0.0, 0.05])}


def network_on_tape(x, t, params):
    net = Tape()
    for name, array in params.items():
        for index in np.ndindex(array.shape):
            net.input(f"{name}{list(index)}", float(array[index]))
    for i, value in enumerate(x):
        net.input(f"x[{i}]", float(value))
    D, H = params["W1"].shape
    C = params["W2"].shape[1]
    for j in range(H):
        total = f"b1[{j}]"
        for i in range(D):
            net.mul(f"x{i}W{j}", f"x[{i}]", f"W1[{i}, {j}]")
            net.add(f"a{j}_{i}", total, f"x{i}W{j}")
            total = f"a{j}_{i}"
        tape_relu(net, f"h[{j}]", total)
    for k in range(C):
        total = f"b2[{k}]"
        for j in range(H):
            net.mul(f"h{j}W{k}", f"h[{j}]", f"W2[{j}, {k}]")
            net.add(f"s{k}_{j}", total, f"h{j}W{k}")
            total = f"s{k}_{j}"
        tape_exp(net, f"e{k}", total)
        net.values[f"s[{k}]"] = net.values[total]
        net.records.append((f"s[{k}]", [(total, 1.0)]))       # s_k에 이름 붙이기
    sum_name = "e0"
    for k in range(1, C):
        net.add(f"sum{k}", sum_name, f"e{k}")
        sum_name = f"sum{k}"
    tape_log(net, "lse", sum_name)
    tape_sub(net, "L", "lse", f"s[{t}]")
    return net


net = network_on_tape(x_in, t, params)
net_grads = backward_sweep(net, "L")
engine = {name: np.array([net_grads[f"{name}{list(i)}"] for i in np.ndindex(a.shape)]).reshape(a.shape)
          for name, a in params.items()}
print("테이프의 노드 수:", len(net.records), "  손실 L =", f"{net.values['L']:.10f}")
print("역전파 한 바퀴로 구한 dL/db2:", np.round(engine["b2"], 6))
assert len(net.records) == 34 and abs(net.values["L"] - 1.4556061301) < 1e-9

# %% [markdown]
# 이번에는 7장의 방식입니다. Affine 계층, ReLU 계층, Softmax-with-Loss 계층으로 순전파한 다음
# 역전파하며, 4~6장에서 유도한 식을 씁니다(샘플이 하나이므로 $N = 1$).

# %%
def layers_gradient(x, t, params):
    X = x.reshape(1, -1)
    a1 = X @ params["W1"] + params["b1"]                     # Affine 1
    mask = a1 <= 0                                           # ReLU
    h = np.where(mask, 0.0, a1)
    s = h @ params["W2"] + params["b2"]                      # Affine 2
    y = np.exp(s - s.max()) / np.sum(np.exp(s - s.max()))    # Softmax
    loss = -np.log(y[0, t])                                  # 교차 엔트로피
    ds = y.copy()
    ds[0, t] -= 1                                            # Softmax-with-Loss 역전파
    dW2, db2 = h.T @ ds, ds.sum(axis=0)                      # Affine 2 역전파
    dh = ds @ params["W2"].T
    da1 = np.where(mask, 0.0, dh)                            # ReLU 역전파
    dW1, db1 = X.T @ da1, da1.sum(axis=0)                    # Affine 1 역전파
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


loss_layers, by_layers = layers_gradient(x_in, t, params)
for name in params:
    gap = np.max(np.abs(engine[name] - by_layers[name]))
    print(f"{name}: 역전파 한 바퀴와 계층의 최대 차이 = {gap:.1e}")
    assert gap < 1e-12
assert abs(loss_layers - net.values["L"]) < 1e-12
print("dL/dW1 (두 번째 은닉 유닛은 ReLU에 의해 꺼져 있음):")
print(np.round(by_layers["W1"], 6))

# %% [markdown]
# 두 결과는 마지막 자리까지 일치합니다($10^{-16}$ 정도의 차이는 반올림 오차입니다). 한쪽은
# 다섯 장에 걸쳐 계층마다 유도하고 작성한 것이고, 다른 쪽은 기록된 노드 34개와 여섯 줄짜리
# 반복문입니다. 그래도 계층 쪽에 남는 장점은 **속도**입니다. 행렬의 곱 하나가 스칼라 노드 수백
# 개를 대신하기 때문입니다. 그래서 실제 엔진은 수 하나하나가 아니라 배열 전체를
# 기록합니다(행렬의 곱 하나가 노드 하나이고, 그 국소적 미분은 5장에서 구한 것입니다).
# 아이디어는 같습니다.
#
# 끝으로 7장의 수치 확인(기울기 확인)을 역전파 한 바퀴에 적용해 봅시다. 가중치를 하나씩 움직여
# 손실의 중심 차분을 구합니다.

# %%
def loss_only(x, t, params):
    return network_on_tape(x, t, params).values["L"]


worst = 0.0
for name, array in params.items():
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + 1e-5
        up = loss_only(x_in, t, params)
        array[index] = saved - 1e-5
        down = loss_only(x_in, t, params)
        array[index] = saved
        worst = max(worst, abs((up - down) / 2e-5 - engine[name][index]))
print(f"역전파 한 바퀴와 수치 미분의 최대 차이: {worst:.0e}")
assert worst < 1e-8

# %% [markdown]
# ## 10 · 선택: 실제 라이브러리 속 같은 아이디어
#
# *곁가지입니다. 실습은 이 절의 내용에 의존하지 않습니다.* PyTorch, JAX, TensorFlow에는 모두
# 이런 역방향 모드 엔진이 들어 있습니다. 실습과 가장 가까운 것은 PyTorch의 엔진입니다.
# 기울기가 필요한 텐서로부터 계산된 텐서는 모두 자신을 만든 연산과 그 입력을 기억하고, 평범한
# 파이썬 코드가 실행되는 동안 그래프가 기록되며, `loss.backward()`는 그 그래프를 위상 정렬의
# 역순으로 돌면서 텐서가 분기하는 곳에서 기울기를 더합니다. 차이는 종류가 아니라 규모에
# 있습니다. 노드마다 배열 전체를 다루고, 행렬의 곱과 합성곱의 국소적 미분을 갖추고, 노드가
# 수백만 개인 그래프를 위해 메모리를 관리합니다. (그리고 7절에서 말했듯이 PyTorch는 호출할
# 때마다 `.grad`에 더하지만, 이 강좌의 엔진은 0에서 시작합니다.)
#
# 오차역전파법은 이 아이디어를 신경망에 적용했을 때 붙은 이름이고, 역방향 모드 자동 미분은 그
# 일반적인 이름입니다.

# %% [markdown]
# ## 용어 정리
#
# | 한국어 | English | 뜻 |
# |---|---|---|
# | 자동 미분 | automatic differentiation | 기록해 둔 연산과 그 국소적 미분으로부터 프로그램이 계산하는 미분 |
# | 역방향 모드 | reverse mode | 출력 하나에서 모든 입력으로 거슬러 가는 자동 미분. 곧 오차역전파법 |
# | 오차역전파법, 역전파 | backpropagation | 모든 가중치에 대한 손실의 기울기를 구하는, 거꾸로 도는 한 바퀴 |
# | 계산 그래프 | computational graph | 계산을 노드(연산)와 에지(값)로 그린 것 |
# | 테이프 | tape | 노드를 계산된 순서대로, 입력과 국소적 미분과 함께 담은 목록 |
# | 국소적 미분 | local derivative | 한 노드의 출력을 그 입력 하나로 미분한 것 |
# | 연쇄법칙 | chain rule | 역전파 한 바퀴가 국소적 미분을 곱하는 근거 |
# | 분기 | fan-out | 한 값이 여러 노드에 쓰이는 것. 쓰인 곳마다 오는 기울기를 모두 더함 |
# | 누적 | accumulation | 기울기에 각 기여를 덮어쓰지 않고 더하기(`+=`) |
# | 위상 정렬 순서 | topological order | 모든 값이 자신의 부모가 모두 나온 뒤에 오도록 값들을 늘어놓은 목록 |
# | 깊이 우선 탐색 | depth-first search | 어떤 값을 적기 전에 그 값의 부모부터 모두 적는 탐색 |
# | 부모 | parent (input) of a value | 어떤 값을 계산하는 데 쓰인 값 |
# | 기울기 확인 | gradient check | 역전파 결과를 중심 차분과 비교하기 |

# %% [markdown]
# ## 다음 장에서는
#
# * **실습:** `ko/labs/ch08_autograd.ipynb`. 자신의 부모를 가리키는 값의 형태로
#   엔진을 만듭니다. `+`와 `×`를 갖춘 `Value`, `topological_order`와 `backward`(7절의 초기화
#   포함), `exp`, `log`, `relu`, `**`를 차례로 만들고, 사과 그래프와 분기 그래프, 9절의
#   신경망을 모두 여러분의 엔진으로 미분합니다.
# * 이로써 책 5장을 따라온 이 강좌의 여정이 끝납니다. 책의 다음 장들(학습 관련 기술들, 합성곱
#   신경망)은 여러분이 작성한 계층을 그대로 씁니다. 여러분이 만든 것과 같은 엔진이 있으면 더
#   큰 프로그램에서는 그런 계층을 손으로 작성하지 않아도 됩니다.
