"""Judges of lab ch05_affine: the shapes of an Affine layer, its forward and backward."""
from __future__ import annotations

import numpy as np

from autograder.checks.runtime import rng_for
from autograder.judging.judge import Case, Judge
from autograder.judging.layers import CASES, layer_judge, shape
from autograder.judging.program import call


def affine_case(rng, case):
    n, d, m = (int(v) for v in rng.integers(1, 6, size=3))
    extra = shape(rng, int(rng.integers(0, 3))) if case % 2 else ()
    d_total = d * int(np.prod(extra)) if extra else d
    x = rng.standard_normal((n, d, *extra) if extra else (n, d))
    W, b = rng.standard_normal((d_total, m)), rng.standard_normal(m)
    return (W, b), (x,), rng.standard_normal((n, m))


def affine_shapes_judge(seed):
    rng = rng_for("judge affine_shapes", seed)
    cases = []
    for number in range(CASES + 1):
        x_shape = tuple(int(v) for v in rng.integers(1, 6, size=int(rng.integers(2, 5))))
        d = int(np.prod(x_shape[1:]))
        rows = d + 1 if number == CASES else d  # the last case must raise ValueError
        w_shape = (rows, int(rng.integers(1, 6)))
        cases.append(Case([call("result", "affine_shapes", x_shape, w_shape)],
                          inputs={"x_shape": x_shape, "W_shape": w_shape}))
    return Judge("affine_shapes", cases, labels={"result": "affine_shapes(x_shape, W_shape)"})


JUDGES = {
    "affine_shapes_test": affine_shapes_judge,
    "affine_forward_test": lambda seed: layer_judge("affine_forward", "Affine", affine_case, seed,
                                                    backward=False),
    "affine_backward_test": lambda seed: layer_judge("affine_backward", "Affine", affine_case,
                                                     seed, grad_attrs=("dW", "db")),
}
