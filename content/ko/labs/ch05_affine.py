# %% [markdown]
# # 실습 5 · Affine 계층
#
# *밑바닥부터 시작하는 딥러닝* §5.6.1–5.6.2. 강의: `ko/notebooks/ch05_affine.ipynb`.
#
# 완전연결 계층은 $Y = X \cdot W + B$를 계산합니다. 행렬의 곱에 편향을 더한 것으로, 책에서는
# 이를 *어파인 변환*이라고 부릅니다. 이 실습에서는 이 계층에 등장하는 모든 값의 형상을 따져
# 보고, 배치 전체를 처리하는 계층을 작성한 다음, 이 과정에서 아직 유도하지 않은 계층의
# 역전파를 직접 유도합니다.
#
# 1. `affine_shapes` — 입력과 가중치가 어떤 형상이든, 평탄화한 입력, 출력, 세 기울기의 형상을
#    구합니다. (2점)
# 2. `Affine.forward` — 형상이 (N, d1, d2, …)인 입력을 (N, D)로 평탄화한 다음 `x·W + b`를
#    계산합니다. (2점)
# 3. `Affine.backward` — 입력의 원래 형상으로 된 `dx`, 그리고 `self.dW`와 `self.db`를
#    구합니다. (4점)
# 4. `Center.backward` — 직접 유도하기: 배치에 대한 평균 빼기의 역전파입니다. 배치 정규화의 첫
#    단계이기도 합니다. (3점)
#
# **실습 진행 방법.** 셀을 위에서부터 차례로 실행하세요. `YOUR CODE HERE`라고 적힌 곳에 코드를
# 작성합니다 (`raise NotImplementedError()` 줄은 지우세요). 각 답안 셀 다음의 잠긴 셀은 작은
# 예제로 *공개 검사*를 실행합니다. 제출하면 *숨은 검사*가 추가로 무작위 배치 크기(1과 그
# 이상), 무작위 입력 형상과 가중치 형상, 2차원 입력과 N차원 입력으로 여러분의 코드를 시험하고,
# 모든 기울기를 수치 미분과 비교합니다. 검사에 실패하면 어떤 값이 틀렸는지, 기대한 값과
# 여러분이 돌려준 값, 그리고 가장 그럴듯한 원인을 알려 줍니다.
#
# **식은 여기서 다시 적지 않습니다.** Affine 계층의 역전파는 강의 5
# (`ko/notebooks/ch05_affine.ipynb`)에서 유도합니다. 원소 단위의 유도는 4절(“4 · 원소 단위로
# 역전파 식 유도하기”), 형상만으로 하는 유도는 5절(“5 · 형상이 답을 하나로 정한다”), 배치는
# 7절(“7 · 배치용 Affine 계층”과 “∂L/∂B가 합인 이유”), 이미지 형상의 입력은 8절(“8 · 축이 셋
# 이상인 입력”)에 있습니다. 먼저 이 절들을 읽으세요. 이 실습은 그 결과를 여러분이 스스로 다시
# 세우게 하며, 무언가 어긋나면 어디를 보아야 할지 검사가 알려 줍니다.

# %% nbgrader={"grade_id": "setup"}
import numpy as np

# %% nbgrader={"grade_id": "provided_checker"}
# provided: checker

# %% nbgrader={"grade_id": "provided_numerical_gradient"}
# provided: numerical_gradient

# %% nbgrader={"grade_id": "shape_checker"}
def check_shape(name, got, expected, hint=None):
    """got이 형상 `expected`(정수 튜플)이면 "✓ name = shape"를 출력하고, 아니면 메시지와
    함께 멈춘다. check_close가 수에 대해 하는 일과 같다."""
    shape = got.tolist() if isinstance(got, np.ndarray) else got
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else shape
    if shape != expected:
        message = f"✗ {name}: 틀렸습니다.\n  기대한 형상 {expected}, 받은 값 {shape!r}"
        raise _failed(message + (f"\n가장 그럴듯한 원인: {hint}" if hint else ""))
    print(f"✓ {name} = {expected}")


def likely_cause(got, known, otherwise):
    """수가 `got`과 같은 첫 번째 알려진 실수의 설명. 그런 실수가 없으면 `otherwise`.

    known: (그 실수가 이 예제에서 내는 수, 그 설명)의 목록."""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return otherwise
    for numbers, words in known:
        if values.shape == np.shape(numbers) and np.allclose(values, numbers):
            return words
    return otherwise


# %% [markdown]
# ## 시작하기 전에: 강의에서 답할 질문
#
# 강의 5는 샘플 하나(책에서처럼 $X$ (2,), $W$ (2, 3), $B$ (3,))에 대해 역전파를 유도한 다음,
# 샘플 N개로 된 배치($X$ (N, D), $W$ (D, M), $B$ (M,), $Y$ (N, M))로 넓힙니다. 코드를 쓰기
# 전에 다음 질문에 스스로 답해 보세요. 첫째 문제는 형상을, 둘째와 셋째 문제는 식을 검사합니다.
#
# * 기울기는 미분하는 대상과 형상이 같습니다. $\partial L/\partial X$의 형상은 무엇이고,
#   $\partial L/\partial W$의 형상은 무엇입니까?
# * $\partial L/\partial X$는 $\partial L/\partial Y$ (N, M)와 $W$ (D, M)로 만듭니다. 둘을
#   (필요하면 전치해서) 어떻게 곱해야 방금 답한 형상이 됩니까? 또 $X$ (N, D)와
#   $\partial L/\partial Y$를 어떻게 곱해야 $W$의 형상이 됩니까? (강의 5, 5절)
# * 그 둘째 곱에서는 어느 크기가 합해서 사라집니까? 모든 샘플이 같은 $W$를 쓸 때 그것이 옳은
#   이유는 무엇입니까? (강의 5, 7절)
# * $B$ (M,)는 N개의 행 모두에 더해집니다. $B$와 같은 형상의 기울기를 얻으려면 역전파는
#   $\partial L/\partial Y$의 N개 행으로 무엇을 해야 합니까? (강의 5, “∂L/∂B가 합인 이유”)
# * 이미지는 (N, 1, 28, 28)로 들어옵니다. 순전파는 곱을 계산하기 전에 무엇을 해야 하고, 무엇을
#   기억해 두어야 합니까? 역전파가 돌려주는 `dx`는 어떤 형상이어야 합니까? (강의 5, 8절)
#
# **책의 코드를 그대로 입력한다면.** 이 실습의 `Affine`은 책의 `common/layers.py`에 있는
# `Affine`과 인터페이스가 같습니다. `Affine(W, b)`라는 생성 방식, 속성 `W`, `b`, `x`,
# `original_x_shape`, `dW`, `db`, 그리고 순전파에서 N차원 입력을 평탄화하는 것까지 같습니다.
# 그 코드를 그대로 입력하면 만점을 받습니다. §5.6.2 본문에 실린 더 짧은 클래스는 `x`가
# 2차원이라고 가정합니다 (`original_x_shape`도, 형상 변환도 없습니다). 검사는 형상이
# (N, d1, d2, …)인 입력도 넣어 보므로, 그 클래스는 검사 2와 3의 점수를 잃습니다. 이때 실패
# 메시지의 첫 줄이 그 이유를 알려 줍니다.

# %% [markdown]
# ## 1 · Affine 계층의 형상
#
# 입력의 형상 `x_shape = (N, d1, d2, …)`와 가중치의 형상 `W_shape = (D, M)`이 주어지면,
# 형상(정수 튜플)을 담은 딕셔너리를 돌려주세요.
#
# | 키 | 내용 | |
# |---|---|---|
# | `"x2d"` | 샘플마다 한 행으로 평탄화한 입력 | (N, D), 여기서 D = d1·d2·… |
# | `"out"` | 출력 `x2d · W + b` | |
# | `"dx"` | 역전파가 돌려주는 기울기 ∂L/∂x | |
# | `"dW"` | 기울기 ∂L/∂W | |
# | `"db"` | 기울기 ∂L/∂b | |
#
# 빈칸의 형상은 직접 채우세요. d1·d2·…가 `W_shape[0]`과 다르면 곱을 계산할 수 없으므로
# `raise ValueError(...)`로 오류를 일으키세요. (`np.prod(x_shape[1:])`는 특징 축들의 크기를
# 모두 곱합니다.)

# %% nbgrader={"grade_id": "affine_shapes", "solution": true}
def affine_shapes(x_shape, W_shape):
    """Affine 계층의 형상들을 정수 튜플로 돌려준다.

    x_shape: 입력의 형상 (N, d1, d2, ...); W_shape: (D, M).
    키가 "x2d", "out", "dx", "dW", "db"인 딕셔너리를 돌려준다.
    d1·d2·...가 D와 다르면 ValueError를 일으킨다.
    """
    ### BEGIN SOLUTION
    ### END SOLUTION


# %% nbgrader={"grade_id": "affine_shapes_test", "grade": true, "points": 2}
checking("affine_shapes", see="강의 5 (ch05_affine.ipynb)의 “5 · 형상이 답을 하나로 정한다” 절, 그다음 책의 §5.6.1-§5.6.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
# 책의 샘플 하나 X (2,)를 크기 1인 배치로, W (2, 3), B (3,)
shapes = affine_shapes((1, 2), (2, 3))
check_shape("x (1, 2), W (2, 3)일 때의 out", shapes["out"], (1, 3), hint="out = x·W: (1, 2)·(2, 3) → (1, 3)")
check_shape("x (1, 2), W (2, 3)일 때의 dx", shapes["dx"], (1, 2), hint="∂L/∂X는 X와 형상이 같습니다")
check_shape("x (1, 2), W (2, 3)일 때의 dW", shapes["dW"], (2, 3), hint="∂L/∂W는 W와 형상이 같습니다")
check_shape("x (1, 2), W (2, 3)일 때의 db", shapes["db"], (3,), hint="∂L/∂B는 B와 형상이 같습니다")
# 책의 배치 (§5.6.2): X (N, 2), W (2, 3), B (3,), 여기서는 N = 5
shapes = affine_shapes((5, 2), (2, 3))
check_shape("x (5, 2), W (2, 3)일 때의 out", shapes["out"], (5, 3), hint="샘플마다 출력 M개로 된 행이 하나씩입니다")
check_shape("x (5, 2), W (2, 3)일 때의 dx", shapes["dx"], (5, 2), hint="∂L/∂X는 X와 형상이 같습니다. 샘플마다 한 행입니다")
check_shape("x (5, 2), W (2, 3)일 때의 dW", shapes["dW"], (2, 3),
            hint="∂L/∂W는 N이 얼마든 W와 형상이 같습니다. 곱에서 합해서 사라지는 크기는 어느 것일까요?")
check_shape("x (5, 2), W (2, 3)일 때의 db", shapes["db"], (3,),
            hint="∂L/∂B는 N이 얼마든 B와 형상이 같습니다")
# 한 학습 노트의 배치 (강의 5, 7절): 특징 3개, 출력 2개, N = 4
shapes = affine_shapes((4, 3), (3, 2))
check_shape("x (4, 3), W (3, 2)일 때의 out", shapes["out"], (4, 2), hint="샘플마다 출력 M개로 된 행이 하나씩입니다")
check_shape("x (4, 3), W (3, 2)일 때의 dW", shapes["dW"], (3, 2), hint="∂L/∂W는 W와 형상이 같습니다")
# 이미지: x (5, 1, 4, 4)를 W (16, 10)인 Affine 계층에 넣는다
shapes = affine_shapes((5, 1, 4, 4), (16, 10))
check_shape("x (5, 1, 4, 4)일 때의 x2d", shapes["x2d"], (5, 16), hint="샘플마다 특징이 D = 1·4·4 = 16개입니다")
check_shape("x (5, 1, 4, 4)일 때의 dx", shapes["dx"], (5, 1, 4, 4),
            hint="앞 계층은 자기가 만든 형상 그대로 기울기를 받습니다. 이미지라면 (N, 1, 28, 28)입니다")
try:
    affine_shapes((2, 3), (4, 2))
except ValueError:
    print("✓ x (2, 3)와 W (4, 2)에 대해 ValueError")
else:
    raise _failed("✗ affine_shapes((2, 3), (4, 2))는 ValueError를 일으켜야 합니다. 샘플마다 "
                  "특징이 3개인데 W의 행은 4개입니다")

# %% [markdown]
# ## 2 · Affine 계층
#
# 배치용 Affine 계층(책의 §5.6.2)의 `forward`와 `backward`를 작성하세요. `__init__`은 주어져
# 있습니다. 계층은 받은 `W`와 `b`를 복사하지 않고 **바로 그 배열**을 보관합니다. 학습은 이
# 배열들을 제자리에서 갱신하고(`W -= lr * dW`), 수치 미분도 제자리에서 조금씩 움직이기
# 때문입니다.
#
# * `forward(x)`: `x`의 형상은 (N, d1, d2, …)입니다. (N, D)일 수도 있고, 이미지라면
#   (N, 1, 28, 28)입니다. 원래 형상을 기억해 두고, (N, D)로 평탄화하고, 평탄화한 `x`를
#   역전파를 위해 저장한 다음, 형상이 (N, M)인 `x·W + b`를 돌려주세요.
# * `backward(dout)`: `dout`은 ∂L/∂out이고 형상은 (N, M)입니다. `self.dW` (D, M)와 `self.db`
#   (M,)를 설정하고, `dx`를 **x의 원래 형상으로** 돌려주세요. 세 식은 강의 5에서 유도한
#   것입니다 (4절, 5절, 7절이며, 9절에서 이를 클래스로 만듭니다). 위의 질문들을 따라가면 그
#   식에 이릅니다.
#
# 책의 샘플 하나 X (2,)는 크기 1인 배치, 곧 형상 (1, 2)로 넘깁니다.

# %% nbgrader={"grade_id": "affine", "solution": true}
class Affine:
    """배치용 Affine 계층: out = x·W + b.

    W: (D, M) 가중치, b: (M,) 편향. 복사본이 아니라 받은 배열 그대로 보관한다.
    forward(x): x (N, d1, d2, ...), d1·d2·... = D  ->  out (N, M).
    backward(dout): dout (N, M)  ->  x의 원래 형상인 dx. self.dW (D, M)와
    self.db (M,)를 설정한다.
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None                 # (N, D)로 평탄화한 입력, forward가 저장한다
        self.original_x_shape = None  # forward가 받았을 때의 입력 형상
        self.dW = None
        self.db = None

    def forward(self, x):
        ### BEGIN SOLUTION
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% [markdown]
# 아래 검사에 쓰는 예제는 손으로 확인할 수 있을 만큼 작습니다. 하나는 책의 샘플 하나를 크기
# 1인 배치로 만든 것으로, 형상도 책과 같은 X (1, 2), W (2, 3), B (3,)입니다. 다른 하나는
# 특징이 3개, 출력이 2개인 N = 2 배치 X (N, 3), W (3, 2), B (2,)로, 한 학습 노트가 쓰는
# 형상입니다 (강의 5, 7절).

# %% nbgrader={"grade_id": "examples"}
X1 = np.array([1.0, 2.0]).reshape(1, 2)        # 책의 X (2,)를 크기 1인 배치로
W1 = np.array([[1.0, -1.0, 0.5],
               [2.0, 0.0, -1.0]])               # (2, 3)
B1 = np.array([0.1, 0.2, 0.3])                  # (3,)

X = np.array([[1.0, 2.0, 0.0],
              [0.0, 1.0, 3.0]])                 # (N, 3), N = 2
W = np.array([[1.0, -1.0],
              [2.0, 0.0],
              [0.0, 1.0]])                      # (3, 2)
B = np.array([0.5, -0.5])                       # (2,)
dout = np.array([[1.0, 2.0],
                 [3.0, -1.0]])                  # 배치의 ∂L/∂out, (N, 2)

# %% nbgrader={"grade_id": "affine_forward_test", "grade": true, "points": 2}
checking("Affine", see="강의 5 (ch05_affine.ipynb)의 “9 · `Affine` 클래스” 절, 그다음 책의 §5.6.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
check_close("Affine(W1, B1).forward(X1)", Affine(W1, B1).forward(X1), [[5.1, -0.8, -1.2]],
            hint="out = x·W + b: [1·1 + 2·2, 1·(−1) + 2·0, 1·0.5 + 2·(−1)] + [0.1, 0.2, 0.3]")
check_close("Affine(W, B).forward(X), 크기 2인 배치", Affine(W, B).forward(X),
            [[5.5, -1.5], [2.5, 2.5]], hint="out = x·W + b, 샘플마다 한 행입니다. b는 모든 행에 더해집니다")
check_close("형상 (2, 1, 3)인 X에 대한 Affine(W, B).forward", Affine(W, B).forward(X.reshape(2, 1, 3)),
            [[5.5, -1.5], [2.5, 2.5]], hint="먼저 x를 샘플마다 한 행인 (N, D)로 평탄화하세요 (강의 5, 8절)")

# %% nbgrader={"grade_id": "affine_backward_test", "grade": true, "points": 4}
checking("Affine", see="강의 5 (ch05_affine.ipynb)의 “7 · 배치용 Affine 계층” 절, 그다음 책의 §5.6.2")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
# 샘플 하나, dout = [[1, 0, -1]]
layer = Affine(W1, B1)
layer.forward(X1)
dx = layer.backward(np.array([[1.0, 0.0, -1.0]]))
for name in ("dW", "db"):                     # 신경망이 읽는 이름 (책과 같다)
    if getattr(layer, name, None) is None:
        near = [a for a in vars(layer) if a.lower() == name.lower() and a != name]
        raise _failed(f"✗ Affine.backward가 self.{name} 값을 설정하지 않았습니다."
                      + (f" 여러분의 계층에는 self.{near[0]} 속성이 있습니다. 파이썬 이름은 대소문자를 "
                         f"구분하며, 신경망이 읽는 것은 self.{name}입니다." if near else ""))
check_close("샘플 하나의 dx", dx, [[0.5, 3.0]],
            hint="dx는 x와 같은 형상 (1, 2)입니다. dout (1, 3)과 W (2, 3)를 어떻게 곱해야 "
                 "이 형상이 될까요? 강의 5, 4절과 5절")
check_close("샘플 하나의 dW", layer.dW, [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]],
            hint="dW는 W와 같은 형상 (2, 3)입니다. 샘플이 하나면 모든 입력이 모든 상류 "
                 "기울기와 한 번씩 만납니다 (강의 5, 4절)")
check_close("샘플 하나의 db", layer.db, [1.0, 0.0, -1.0],
            hint="db는 b와 같은 형상 (3,)입니다. + 노드는 입력에 무엇을 돌려보낼까요? "
                 "(강의 3, 1절)")
# 크기 2인 배치, dout = [[1, 2], [3, -1]]
layer = Affine(W, B)
layer.forward(X)
dx = layer.backward(dout)
check_close("배치의 dx", dx, [[-1.0, 2.0, 2.0], [4.0, 6.0, -1.0]],
            hint="dx는 x와 같은 형상 (2, 3)이고, 샘플마다 한 행입니다 (강의 5, 7절)")
check_close("배치의 dW", layer.dW, [[1.0, 2.0], [5.0, 3.0], [9.0, -3.0]],
            hint="dW는 W와 같은 형상 (3, 2)입니다. 모든 샘플이 같은 W를 썼으니, "
                 "샘플들의 기여는 어떻게 해야 할까요? (강의 5, 7절)")
check_close("배치의 db", layer.db, [4.0, 1.0],
            hint="db는 b와 같은 형상 (2,)이고, 출력마다 원소가 하나입니다. b는 모든 행에 "
                 "더해졌습니다 (강의 5, “∂L/∂B가 합인 이유”)")
# 같은 배치를 N차원 입력 (2, 1, 3)으로
layer = Affine(W, B)
layer.forward(X.reshape(2, 1, 3))
dx = layer.backward(dout)
check_shape("형상 (2, 1, 3)인 x에 대한 dx의 형상", np.shape(dx), (2, 1, 3),
            hint="dx는 x를 만든 계층으로 돌아가므로, 순전파 때 x가 가졌던 형상이어야 합니다")
check_close("형상 (2, 1, 3)인 x에 대한 dx", dx, [[[-1.0, 2.0, 2.0]], [[4.0, 6.0, -1.0]]])
check_close("형상 (2, 1, 3)인 x에 대한 dW", layer.dW, [[1.0, 2.0], [5.0, 3.0], [9.0, -3.0]],
            hint="dW는 평탄화한 x (N, D)로 계산합니다")

# %% [markdown]
# 여러분의 `dW`는 수치 미분과 일치합니다. $L = \sum$ `out * dout`으로 두면, `out`에 대한 이
# 손실의 기울기는 정확히 `dout`입니다. 제공된 `numerical_gradient`는 `layer.W`의 각 원소를
# 제자리에서 ±h만큼 움직이며 $L$의 변화를 잽니다. 이것이 가능한 것은 계층이 받은 배열 `W`를
# 그대로 읽기 때문입니다.

# %%
layer = Affine(W.copy(), B.copy())


def loss_of_W(_):
    return np.sum(layer.forward(X) * dout)


numeric_dW = numerical_gradient(loss_of_W, layer.W)
layer.forward(X)
layer.backward(dout)
print("수치 미분 dW:\n", np.round(numeric_dW, 6))
print("역전파 dW:\n", layer.dW)

# %% [markdown]
# ## 3 · 직접 유도하기: 배치에 대한 평균 빼기
#
# 배치 정규화(책의 §6.3.1)는 먼저 각 특징을 배치에 대해 **중심화**합니다. $x$ (N, D)의 각
# 열에서, 그 열의 샘플 N개에 대한 평균을 뺍니다.
#
# $$\mu_j = \frac{1}{N}\sum_{n=1}^{N} x_{nj}, \qquad \text{out}_{nj} = x_{nj} - \mu_j .$$
#
# 아래의 `Center` 계층은 이 단계만 합니다. `forward`는 주어져 있고, 여러분은 `backward`를
# 작성합니다. 그 결과는 강의에도 이 실습에도 적혀 있지 않습니다. 그래프에서 직접 유도하세요.
#
# ```
#                            x  (N, D)
#                              │
#            ┌─────────────────┴──────────────────┐       x가 두 번 쓰인다 (분기)
#            │                                     ▼
#            │                    [ 배치에 대한 평균 (0번 축) ]    μ_j = (x_1j + … + x_Nj) / N
#            │                                    │  μ  (D,)
#            │                                    ▼
#            │                    [ N개의 행 모두에 복사 ]    편향처럼 브로드캐스트
#            │                                    │  (N, D)
#            ▼                                    ▼
#            x ─────────────────────► ( − ) ◄──── 모든 행의 μ
#                                       │
#                                       ▼
#                                out = x − μ   (N, D)
# ```
#
# 검사에 쓰는 예제는 $x = \begin{pmatrix} 1 & 2 \\ 3 & 0 \\ 5 & 4 \end{pmatrix}$입니다. 따라서
# $\mu = (3,\ 2)$이고
# $\text{out} = \begin{pmatrix} -2 & 0 \\ 0 & -2 \\ 2 & 2 \end{pmatrix}$입니다. 상류 기울기는
# $\text{dout} = \begin{pmatrix} 1 & 2 \\ 2 & 3 \\ 6 & -2 \end{pmatrix}$입니다.
#
# **`dx`를 노드 하나씩 유도하세요.** `out`에서 `x` 쪽으로 거슬러 가며, 각 노드의 국소적 미분에
# 그 노드에 도착한 기울기를 곱합니다 (강의 2, 3절 “3. 연쇄법칙과 계산 그래프”).
#
# 1. **− 노드.** 첫째 입력 `x`에는 무엇을 돌려보내고, 둘째 입력인 μ의 복사본들에는 무엇을
#    돌려보냅니까? (− 노드는 둘째 입력에 −1을 곱하는 덧셈 노드입니다. 강의 3, 1절.)
# 2. **복사 노드.** μ_j는 N개의 행 모두에서 쓰였습니다. 역전파에서는 복사본들의 기울기가
#    **더해집니다**. Affine 계층의 편향과 같은 규칙입니다 (강의 5, “∂L/∂B가 합인 이유”).
#    형상이 (D,)인 μ에 도착하는 기울기는 무엇입니까?
# 3. **평균 노드.** $\mu_j$는 $x_{1j}, \dots, x_{Nj}$ 각각에 국소적 미분
#    $\partial \mu_j / \partial x_{nj} = 1/N$으로 의존합니다 (다른 열에는 전혀 의존하지
#    않습니다). 따라서 한 열의 입력 N개는 각각 $\mu_j$에 도착한 기울기의 $1/N$을 받습니다.
# 4. **분기.** `x`는 두 경로로 출력에 닿았습니다. 곧바로 닿는 경로와 평균을 거치는 경로입니다.
#    `x`의 기울기는 두 경로로 도착하는 기울기의 **합**입니다 (강의 2, 5절 “5. 분기: 한 값이 두
#    번 쓰일 때”).
#
# 결과는 배열 전체에 대한 넘파이 연산으로 (반복문 없이) `x`와 같은 형상으로 쓰세요. 먼저
# 예제로 손으로 확인해 보세요. `dx`의 첫 원소는 −2입니다. 두 가지 팁이 있습니다. 역전파는
# `dout`을 제자리에서 바꾸면 안 됩니다 (`dout -= …`는 호출한 쪽의 배열을 바꿉니다). 그리고
# `backward`는 배치 크기를 `dout` 자체에서 얻습니다.

# %% nbgrader={"grade_id": "center", "solution": true}
class Center:
    """배치에 대한 평균 빼기: 각 특징에서 샘플 N개에 대한 평균을 뺀다.

    forward(x): x (N, D) -> out (N, D), out = x − (0번 축에 대한 x의 평균).
    backward(dout): dout (N, D) -> dx (N, D).
    """

    def forward(self, x):
        mu = x.mean(axis=0)          # (D,): 특징마다 배치에 대한 평균
        return x - mu                # μ가 모든 행에 브로드캐스트된다

    def backward(self, dout):
        ### BEGIN SOLUTION
        ### END SOLUTION


# %% nbgrader={"grade_id": "center_test", "grade": true, "points": 3}
checking("Center", see="강의 2 (ch02_chain_rule.ipynb)의 “5. 분기: 한 값이 두 번 쓰일 때” 절, 그다음 강의 5 (ch05_affine.ipynb)의 “∂L/∂B가 합인 이유” 절")
### BEGIN HIDDEN TESTS
### END HIDDEN TESTS
x_c = np.array([[1.0, 2.0],
                [3.0, 0.0],
                [5.0, 4.0]])                     # (N, D) = (3, 2), μ = (3, 2)
dout_c = np.array([[1.0, 2.0],
                   [2.0, 3.0],
                   [6.0, -2.0]])                 # ∂L/∂out, (3, 2)
layer = Center()
check_close("Center().forward(x_c)", layer.forward(x_c), [[-2.0, 0.0], [0.0, -2.0], [2.0, 2.0]],
            hint="forward는 주어진 코드입니다: μ = (3, 2)일 때 out = x − μ. 고쳤다면 원래대로 되돌리세요")
dx_c = layer.backward(dout_c)
check_shape("dx의 형상", np.shape(dx_c), (3, 2), hint="dx는 x와 같은 형상 (N, D)입니다")
KNOWN_C = [
    ([[1, 2], [2, 3], [6, -2]],
     "dx가 dout과 같습니다. 이것은 x에서 − 노드로 곧바로 가는 경로뿐입니다. x는 평균 노드를 "
     "거쳐서도 출력에 닿습니다(분기). 그 경로의 기울기를 더하세요 (1~4단계)"),
    ([[4, 3], [5, 4], [9, -1]],
     "평균을 거치는 경로의 부호가 틀렸습니다. μ는 빼는 값이므로 − 노드는 상류 기울기에 "
     "−1을 곱해 μ로 보냅니다 (1단계)"),
    ([[-8, -1], [-7, 0], [-3, -5]],
     "평균 노드의 1/N이 빠졌습니다. 한 열의 입력 N개는 각각 μ_j에 도착한 기울기의 "
     "1/N을 받습니다 (3단계)"),
    ([[2 / 3, 4 / 3], [4 / 3, 2], [4, -4 / 3]],
     "각 원소가 자기 행만 셌습니다. μ_j는 N개의 행 모두에 복사되었으므로, μ_j에 도착하는 "
     "기울기는 열 전체의 기울기를 더한 것입니다 (2단계)"),
    ([[-0.5, 0.5], [-0.5, 0.5], [4, -4]],
     "평균을 1번 축, 곧 한 샘플의 특징들에 대해 구했습니다. μ는 각 특징을 배치에 대해, "
     "곧 0번 축에 대해 평균한 것입니다 (3단계)"),
    ([[-1, 0], [0, 1], [4, -4]],
     "평균을 배열 전체에 대해 (축을 지정하지 않고) 구했습니다. μ는 특징마다 원소가 하나인, "
     "배치에 대한 평균, 곧 0번 축에 대한 평균입니다 (3단계)"),
]
check_close("x_c와 dout_c에 대한 dx", dx_c, [[-2.0, 1.0], [-1.0, 2.0], [3.0, -3.0]],
            hint=likely_cause(dx_c, KNOWN_C, "위의 1~4단계를 예제의 수로 "
                                             "노드 하나씩 따라가 보세요"))
check_close("backward 뒤의 dout_c", dout_c, [[1.0, 2.0], [2.0, 3.0], [6.0, -2.0]],
            hint="backward가 dout을 제자리에서 바꿨습니다 (dout -= …). 대신 새 배열을 만드세요")
# 특징 1개, N = 4: 상류 기울기 하나가 평균을 거쳐 모든 입력에 닿는다
layer = Center()
layer.forward(np.array([[1.0], [2.0], [3.0], [6.0]]))
dout_1 = np.array([[4.0], [0.0], [0.0], [0.0]])
dx_1 = layer.backward(dout_1)
check_close("dout = [[4], [0], [0], [0]]일 때의 dx", dx_1, [[3.0], [-1.0], [-1.0], [-1.0]],
            hint=likely_cause(dx_1, [([[4], [0], [0], [0]], KNOWN_C[0][1]),
                                     ([[3], [0], [0], [0]], KNOWN_C[3][1]),
                                     ([[0], [-4], [-4], [-4]], KNOWN_C[2][1]),
                                     ([[5], [1], [1], [1]], KNOWN_C[1][1])],
                              "μ는 네 입력 모두에 의존하므로, 넷 모두 μ에 도착하는 "
                              "기울기를 나눠 받습니다 (2~4단계)"))
check_close("backward 뒤의 dout", dout_1, [[4.0], [0.0], [0.0], [0.0]],
            hint="backward가 dout을 제자리에서 바꿨습니다 (dout -= …). 대신 새 배열을 만드세요")

# %% [markdown]
# ## 완료
#
# 노트북을 저장하고 제출하세요. 다음은 Softmax-with-Loss 계층입니다. 그 역전파가 마지막 Affine
# 계층에 도착하는 `dout`을 만들어 냅니다.
