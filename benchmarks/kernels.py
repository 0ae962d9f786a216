"""Speed of one batched kernel call vs a Python loop over pymcdm, measured in one run.

For a 7 x 11 decision matrix and 10 000 weight vectors (Dirichlet), each method is run
(a) as a Python loop calling pymcdm once per weight vector (``validation=False``, pymcdm's
fastest path) and (b) as one batched samvalg call. The batched time is the best of several
repeats; the loop runs once. The results are checked equal (1e-12) before timing is trusted.
Target: ratio >= 500.

Run: ``.venv/bin/python benchmarks/kernels.py``
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from pymcdm import normalizations as pn
from pymcdm.methods import PROMETHEE_II, TOPSIS, VIKOR, WSM

from samvalg.methods import promethee_ii, topsis, vikor, wsm

M, N, K = 7, 11, 10_000
REPEATS = 30


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(2024)
    X = rng.uniform(1.0, 5.0, size=(M, N))
    W = rng.dirichlet(np.ones(N), size=K)
    types = np.where(np.arange(N) % 3 == 2, -1, 1)

    cases = {
        "WSM (max)": (
            lambda w: WSM(pn.max_normalization)(X, w, types, validation=False),
            lambda: wsm(X, W, types, "max"),
        ),
        "TOPSIS (vector)": (
            lambda w: TOPSIS(pn.vector_normalization)(X, w, types, validation=False),
            lambda: topsis(X, W, types, "vector"),
        ),
        "VIKOR (Q)": (
            lambda w: VIKOR()(X, w, types, validation=False),
            lambda: vikor(X, W, types).Q,
        ),
        "PROMETHEE II (usual)": (
            lambda w: PROMETHEE_II("usual")(X, w, types, validation=False),
            lambda: promethee_ii(X, W, types, "usual"),
        ),
        "PROMETHEE II (vshape_2)": (
            lambda w: PROMETHEE_II("vshape_2", q=[0.2] * N, p=[1.5] * N)(
                X, w, types, validation=False
            ),
            lambda: promethee_ii(X, W, types, "vshape_2", q=0.2, p=1.5),
        ),
    }
    print(f"matrix {M} x {N}, {K} weight vectors; batched = best of {REPEATS}")
    print(f"{'method':<26}{'loop s':>10}{'batched s':>12}{'ratio':>10}")
    for name, (one, batched) in cases.items():
        t0 = time.perf_counter()
        looped = np.array([one(w) for w in W])
        t_loop = time.perf_counter() - t0
        np.testing.assert_allclose(np.asarray(batched()), looped, rtol=1e-12, atol=1e-12)
        t_batch = best_of(batched)
        print(f"{name:<26}{t_loop:>10.3f}{t_batch:>12.5f}{t_loop / t_batch:>10.0f}x")


if __name__ == "__main__":
    main()
