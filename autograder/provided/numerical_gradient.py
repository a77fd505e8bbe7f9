"""numerical_gradient(f, x): the gradient of f at x by central differences.

    grad = numerical_gradient(lambda w: net.loss(x_batch, t_batch), net.params['W1'])

Slow (two calls of f per element of x) but simple: use it to check a backward pass.
"""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """Numerical gradient of a function f that returns one number.

    f: called as f(x); may also ignore its argument and read x through the objects that
       share it (as in the example above), because x is changed in place.
    x: float array of any shape, e.g. (784, 50); restored before returning.
    Returns an array of x's shape: grad[i] = (f(x + h at i) - f(x - h at i)) / (2h).
    """
    if x.dtype != np.float64:
        raise TypeError(f"x must be a float64 array (x.astype(np.float64)), not {x.dtype}")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original            # restore the element before moving on
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
