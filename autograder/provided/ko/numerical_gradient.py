"""`numerical_gradient(f, x)`: 중심 차분으로 구한, x에서 f의 기울기입니다.

    `grad = numerical_gradient(lambda w: net.loss(x_batch, t_batch), net.params['W1'])`

느리지만(x의 원소 하나마다 f를 두 번 부릅니다) 단순합니다. 역전파가 맞는지 확인할 때 쓰세요.
"""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """수 하나를 돌려주는 함수 f의 기울기를 수치 미분으로 구합니다.

    f: f(x)로 호출합니다. x를 제자리에서 바꾸므로, f가 인수를 무시하고 x를 함께 쓰는
       객체를 통해 읽어도 됩니다(위의 예처럼).
    x: 어떤 형상이든 되는 부동소수점 배열입니다. 예: (784, 50). 돌려주기 전에 원래대로 되돌립니다.
    돌려주는 값: x와 형상이 같은 배열입니다. 원소 i마다
       grad[i] = (f(i번째 원소에 h를 더한 x) - f(i번째 원소에서 h를 뺀 x)) / (2h)
    """
    if x.dtype != np.float64:
        raise TypeError(f"x는 배정밀도(float64) 배열이어야 하는데 지금은 {x.dtype}입니다. x.astype(np.float64)로 바꾸세요")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original            # 다음 원소로 넘어가기 전에 원래 값으로 되돌립니다
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
