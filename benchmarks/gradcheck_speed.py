"""Gradient check of a whole TwoLayerNet (784-50-10): the engine vs the book's way.

    python benchmarks/gradcheck_speed.py [--batch 3] [--seed 0]

Both check the same network on the same batch, side by side, for a correct network and for
two buggy ones (seed 003's softmax normalised over the whole batch, and a gradient missing
its /N), and print the time and verdict of each:

* engine: autograder.gradcheck.check_net_gradients(method="directions"): net.gradient once,
  then for each parameter 3 random unit directions v, comparing <grad, v> with
  (L(p + h v) − L(p − h v)) / 2h: 24 loss evaluations in all, whatever the size of W1.
* element by element, the book's way (§5.7.3): the numerical gradient of every one of the
  39,760 parameters (79,520 loss evaluations, with the course's provided
  numerical_gradient, h = 1e-4), compared with net.gradient.

About verdicts: the book's gradient check prints only the mean |difference| per parameter,
with no pass/fail, and a correct W1 can show a max relative error ~1e-4 there (h = 1e-4
with float32 inputs such as normalised MNIST, and ReLU inputs within h of the kink, where
the numerical derivative is simply wrong). To give it a verdict here, its full numerical
gradient is judged with the engine's own rule, relative_error <= GRAD_RTOL = 1e-3 (a norm
over the whole array, see gradcheck.py): that rule gives float64 + kink-free sampling
100x headroom for correct code and still 100x below what a typical mistake scores, so the
book's ~1e-4 would pass too. Inputs here are float64 and kept away from the kinks.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import reference_layers as R  # noqa: E402  (the reference TwoLayerNet and its mistakes)

from autograder.checks import gradcheck as G  # noqa: E402
from autograder.provided.checker import CheckFailed  # noqa: E402
from autograder.provided.numerical_gradient import numerical_gradient  # noqa: E402

NETS = {
    "correct": R.TwoLayerNet,
    "seed 003: whole-batch softmax": R.TwoLayerNetWholeBatchSoftmax,
    "missing /N in the loss gradient": R.TwoLayerNetNoDivide,
}


def engine_check(net, x, t, rng) -> tuple[float, str]:
    """(seconds, verdict) of the engine's directional check of every parameter."""
    start = time.perf_counter()
    try:
        G.check_net_gradients(net, x, t, rng=rng, method="directions")
        verdict = "PASS"
    except CheckFailed as failure:
        verdict = f"FAIL [{failure.diagnosis}]"
    return time.perf_counter() - start, verdict


def elementwise_check(net, x, t) -> tuple[float, str, float, float]:
    """(seconds, verdict, worst relative error, worst mean |diff|) of the book's way."""
    start = time.perf_counter()
    grads = net.gradient(x, t)
    errors, mean_diffs = [], []
    for name, param in net.params.items():
        numeric = numerical_gradient(lambda _: net.loss(x, t), param)
        errors.append(G.relative_error(grads[name], numeric))
        mean_diffs.append(float(np.mean(np.abs(grads[name] - numeric))))
    seconds = time.perf_counter() - start
    verdict = "PASS" if max(errors) <= G.GRAD_RTOL else "FAIL"
    return seconds, verdict, max(errors), max(mean_diffs)


def compare(cls, sizes=(784, 50, 10), batch=3, seed=0) -> dict:
    """Both checks of one network class on one random batch (same network, same data)."""
    rng = np.random.default_rng(seed)
    net, x, t = R.net_case(rng, cls=cls, sizes=sizes, batch=batch)
    engine_seconds, engine_verdict = engine_check(net, x, t, np.random.default_rng(seed))
    book_seconds, book_verdict, worst_error, mean_diff = elementwise_check(net, x, t)
    return {"engine_seconds": engine_seconds, "engine_verdict": engine_verdict,
            "book_seconds": book_seconds, "book_verdict": book_verdict,
            "worst_relative_error": worst_error, "worst_mean_abs_diff": mean_diff,
            "parameters": sum(p.size for p in net.params.values())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"TwoLayerNet 784-50-10, batch {args.batch}, float64, GRAD_RTOL = {G.GRAD_RTOL:g}")
    same = True
    for label, cls in NETS.items():
        r = compare(cls, batch=args.batch, seed=args.seed)
        agree = r["engine_verdict"].split()[0] == r["book_verdict"]
        same &= agree
        print(f"\n{label} ({r['parameters']:,} parameters)\n"
              f"  engine, 3 directions per parameter: {r['engine_seconds']:8.4f} s  "
              f"{r['engine_verdict']}\n"
              f"  element by element (the book):      {r['book_seconds']:8.4f} s  "
              f"{r['book_verdict']}  (max relative error {r['worst_relative_error']:.1e}, "
              f"book's mean |diff| up to {r['worst_mean_abs_diff']:.1e})\n"
              f"  speed-up {r['book_seconds'] / r['engine_seconds']:,.0f}x, verdicts "
              f"{'agree' if agree else 'DISAGREE'}")
    rng = np.random.default_rng(args.seed)
    net, x, t = R.net_case(rng, sizes=(784, 50, 10), batch=100)
    seconds, verdict = engine_check(net, x, t, rng)
    print(f"\nengine alone on a batch of 100 (the element-by-element check would take minutes):"
          f" {seconds:.4f} s  {verdict}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
