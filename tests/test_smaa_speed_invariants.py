"""Issue 15: the faster SMAA engine gives the same numbers, and its score draws are right.

- Fixed scores: the counts (rank acceptabilities, pairwise wins), central weights and
  confidence factors are pinned to the values computed *before* the engine ranked by sorting
  and limited BLAS to one thread (same seeds, same numbers).
- The ranking by sorting equals the definition ``u_i > u_l + eps`` on random, tied,
  near-tied (non-transitive chains) and NaN utilities.
- Score uncertainty draws only the uncertain cells; the triangular inverse CDF, the uniform and
  the PERT draws follow their distributions (Kolmogorov-Smirnov against scipy.stats, fixed
  seed, loose threshold); the linear WSM shortcut equals the kernel on the same draws.
- The speed against the lower bound is only a loose sanity check here (not a timed test):
  ``benchmarks/smaa.py`` measures it.
"""

from __future__ import annotations

import hashlib
import time
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats

import samvalg
from samvalg import _sampling
from samvalg.methods import get_method, wsm
from samvalg.smaa import _engine, smaa2, smaa_service
from samvalg.smaa._results import SMAAResult
from samvalg.smaa._samplers import _CellScores


def _problem(m: int, n: int, seed: int, ties: bool = False) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.integers(1, 6, size=(m, n)).astype(float) if ties else rng.uniform(1, 5, (m, n))
    return X, np.where(np.arange(n) % 3 == 2, -1.0, 1.0)


def _ties12() -> tuple[np.ndarray, np.ndarray]:
    X, t = _problem(12, 4, 3, ties=True)
    X[3] = X[1]  # a duplicate option: exact ties in every sample
    return X, t


def _cases() -> dict[str, object]:
    X7, t7 = _problem(7, 11, 2024)
    Xt, tt = _ties12()
    X30, t30 = _problem(30, 8, 1)
    X60, t60 = _problem(60, 8, 2, ties=True)
    # utilities within 1e-10 of each other, not transitively: 0 ~ 0.6e-10 ~ 1.2e-10
    Xc = np.array([[1.0, 0.0], [1.0 + 0.6e-10, 0.0], [1.0 + 1.2e-10, 0.0], [0.5, 0.5], [0.0, 1.0]])
    A = samvalg.example_assessment()
    cases: dict[str, object] = {
        f"fixed7_{m}": lambda m=m: smaa2(X7, t7, n=3000, seed=5, method=m)
        for m in ("wsm", "topsis", "promethee_ii", "vikor", "wpm")
    }
    cases.update(
        {
            "ties12_wsm": lambda: smaa2(Xt, tt, n=3000, seed=9, method="wsm"),
            "ties12_promethee": lambda: smaa2(Xt, tt, n=3000, seed=9, method="promethee_ii"),
            "ties12_ranked": lambda: smaa2(
                Xt, tt, n=2000, seed=2, ranked=[i % 2 == 0 for i in range(12)]
            ),
            "m30_wsm": lambda: smaa2(X30, t30, n=5000, seed=1, method="wsm"),
            "m60_ties_wsm": lambda: smaa2(X60, t60, n=3000, seed=1, method="wsm"),
            "chain": lambda: smaa2(Xc, [1, 1], n=4000, seed=3, method="wsm", normalization="none"),
            "svc_sentralbord_none": lambda: smaa_service(A, "sentralbord", n=1500, seed=7).result,
            "svc_plan_none": lambda: smaa_service(A, "plan", n=1500, seed=7).result,
            "svc_elicited_none": lambda: (
                smaa_service(A, "sentralbord", n=1500, seed=7, weight_info="elicited").result
            ),
        }
    )
    return cases


# Computed with the engine before issue 15 (commit 1e68dc5): sha256 (16 hex digits) of the
# rank counts and of the pairwise win counts (int64), a checksum of the central weights
# (NaN as -1, rounded to 12 decimals, weighted by their position) and the confidence factors
# (NaN as -1).
PINNED = {
    "fixed7_wsm": (
        "ba45a4d160c09376",
        "8c7fa8f1ed059731",
        -458.65776296135596,
        [1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "fixed7_topsis": (
        "659a4b88479fce8b",
        "e235b2a7ddb147ee",
        -459.15057270250196,
        [1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "fixed7_promethee_ii": (
        "0e3d35d949b6617f",
        "bd6743cfaaac6df1",
        -458.1436579859991,
        [1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "fixed7_vikor": (
        "6ed1c286d69da059",
        "ea2104e4be135310",
        -458.618900994654,
        [1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "fixed7_wpm": (
        "d0a1931927055d63",
        "cd71ca73cff4dcac",
        -458.903200804836,
        [1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "ties12_wsm": (
        "f8115c828bb13215",
        "a9e8d9c7fd32c6df",
        -190.09238996202203,
        [-1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, 1.0, 1.0, 1.0],
    ),
    "ties12_promethee": (
        "621ecaabdade4725",
        "b8bfb22ddea7f14d",
        -190.161896604578,
        [-1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, 1.0, 1.0, 1.0],
    ),
    "ties12_ranked": (
        "a3b7cf6df8ffad92",
        "23da2cb3fee3a81c",
        30.336667522528,
        [-1.0, -1.0, 1.0, 1.0, 1.0, 1.0],
    ),
    "m30_wsm": ("ddadf4715c559854", "0bcde9abe7e7d5de", -11024.20177838256, None),
    "m60_ties_wsm": ("68eddf7c43c97301", "c0e504554250b641", -55418.843164962076, None),
    "chain": (
        "044a7f50ab63886a",
        "64a3ec08a8db56ec",
        4.579274916158999,
        [1.0, 1.0, 1.0, -1.0, 1.0],
    ),
    "svc_sentralbord_none": (
        "17079094c3470089",
        "f0c43e0dc27f4bf6",
        -5359.271078871316,
        [1.0, 1.0, -1.0, 1.0, -1.0],
    ),
    "svc_plan_none": (
        "070adaaef20c8acb",
        "12b4e2378fe4c3b4",
        -12145.435053003257,
        [-1.0, 1.0, -1.0, 1.0, 1.0, -1.0, 1.0, -1.0],
    ),
    "svc_elicited_none": (
        "d2a426e6c38debec",
        "7a4236d6eff93e1c",
        -5363.480449071152,
        [1.0, 1.0, -1.0, 1.0, -1.0],
    ),
}


def digest(counts: np.ndarray) -> str:
    """A short hash of integer counts (pinned results)."""
    return hashlib.sha256(np.asarray(counts, dtype=np.int64).tobytes()).hexdigest()[:16]


def assert_pinned_counts(r: SMAAResult, ranks: str, wins: str, cw_sum: float) -> None:
    """``r``'s rank acceptability and pairwise-win counts hash to ``ranks`` and ``wins``, and
    its central weights (NaN as -1, rounded to 12 places) weighted by position sum to
    ``cw_sum``."""
    N = r.n
    assert digest(np.rint(r.rank_acceptability * N)) == ranks
    assert digest(np.rint(r.pairwise_winning * N)) == wins
    cw = np.nan_to_num(r.central_weights, nan=-1.0).round(12)
    assert float((cw * np.arange(1, cw.size + 1).reshape(cw.shape)).sum()) == pytest.approx(
        cw_sum, rel=1e-12, abs=1e-9
    )


@pytest.mark.parametrize("name", sorted(PINNED))
def test_fixed_scores_same_numbers_as_before(name):
    r = _cases()[name]()  # type: ignore[operator]
    ranks, wins, cw_sum, conf = PINNED[name]
    assert_pinned_counts(r, ranks, wins, cw_sum)
    if conf is not None:
        assert np.nan_to_num(r.confidence, nan=-1.0).tolist() == conf


def _definition(U: np.ndarray, W: np.ndarray) -> dict[str, np.ndarray]:
    """The counts straight from ``G[i, l] = u_i > u_l + eps`` (U is (m, K))."""
    m = U.shape[0]
    G = U[:, None, :] > (U + 1e-10)[None, :, :]
    beaten = G.sum(axis=0)
    rank_counts = np.stack([(beaten == r).sum(axis=1) for r in range(m)], axis=1)
    first = (beaten == 0).astype(float)
    return {
        "beaten": beaten,
        "rank_counts": rank_counts,
        "win_counts": G.sum(axis=2),
        "first_counts": rank_counts[:, 0],
        "w_sum": first @ W,
    }


def _stats(m: int, n: int) -> _engine._Stats:
    return _engine._Stats(
        rank_counts=np.zeros((m, m), dtype=np.int64),
        win_counts=np.zeros((m, m), np.int64),
        first_counts=np.zeros(m, dtype=np.int64),
        w_sum=np.zeros((m, n)),
        w_sq=np.zeros((m, n)),
        offsets=(np.arange(m, dtype=np.int64) * m)[:, None],
    )


def assert_accumulates_as_defined(U: np.ndarray, W: np.ndarray) -> None:
    """The engine's counts of utilities ``U`` (m, K) under weights ``W`` (K, n) are those of
    the definition (ranks, wins, first places, central weights' sums)."""
    st = _stats(U.shape[0], W.shape[1])
    beaten = _engine._accumulate(st, U, W)
    ref = _definition(U, W)
    assert np.array_equal(beaten, ref["beaten"])
    for key in ("rank_counts", "win_counts", "first_counts"):
        assert np.array_equal(getattr(st, key), ref[key]), key
    assert np.array_equal(st.w_sum, ref["w_sum"])


@pytest.mark.parametrize("m", [1, 2, 5, 12, 28, 29, 40, 60, 130])
@pytest.mark.parametrize("kind", ["continuous", "ties", "chains", "nan", "duplicates"])
def test_ranking_by_sorting_equals_the_definition(m, kind):
    rng = np.random.default_rng(m * 31 + len(kind))
    K, n = 517, 3  # not a multiple of 8 or 64: the bit-packed counts see a padded tail
    if kind == "continuous":
        U = rng.random((m, K))
    elif kind == "ties":
        U = rng.integers(0, 3, (m, K)).astype(float)
    elif kind == "chains":
        U = 1.0 + rng.integers(0, 4, (m, K)) * 0.6e-10
    elif kind == "nan":
        U = rng.random((m, K))
        U[rng.random((m, K)) < 0.03] = np.nan
    else:
        U = rng.random((m, K))
        U[m // 2] = U[0]
        U[:, ::3] = U[:, ::3].round(1)
    W = rng.random((K, n))
    assert_accumulates_as_defined(U, W)


def test_chunk_size_does_not_change_the_counts_with_many_options():
    X, t = _problem(45, 6, 4)
    a = smaa2(X, t, n=3000, seed=2, chunk_size=3000)
    b = smaa2(X, t, n=3000, seed=2, chunk_size=257)
    assert np.array_equal(a.rank_acceptability, b.rank_acceptability)
    assert np.array_equal(a.pairwise_winning, b.pairwise_winning)
    np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-12, atol=1e-15)


def test_blas_runs_on_one_thread_inside_the_engine():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.extend(
            i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"
        )

    before = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    X, t = _problem(7, 5, 0)
    smaa2(X, t, n=2000, seed=0, progress=progress, chunk_size=500)
    assert seen and set(seen) == {1}
    after = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert after == before


# ---------------------------------------------------------------------------------------
# score uncertainty


def _plan_cells(distribution: str, linear: bool = True, seed: int = 3) -> _CellScores:
    A = samvalg.example_assessment()
    v = samvalg.evaluate(A, services=["plan"])["plan"]["combined"]
    mats = [A.matrix("plan", s) for s in v.set_ids]
    return _CellScores(mats, v.options, "wsm", distribution, seed, np.ones(len(v.criteria)), linear)


def _one_cell(distribution: str, low: float, mode: float, high: float) -> np.ndarray:
    """Draws (in score units) of one cell through _CellScores, from a tiny fake matrix."""

    class Scale:
        lower, upper = 0.0, 1.0

        def to_01(self, x, types):
            return np.asarray(x, dtype=float)

    mat = SimpleNamespace(
        option_ids=("a",),
        criteria=("c",),
        types=(1.0,),
        scale=Scale(),
        values=[[mode]],
        low=[[low]],
        high=[[high]],
    )
    cells = _CellScores([mat], ["a"], "wsm", distribution, 12345, np.ones(1), linear=False)
    assert cells.size == 1
    return mode + cells.stream()(20_000)[:, 0]


@pytest.mark.parametrize(
    "low, mode, high", [(1.0, 2.5, 5.0), (2.0, 2.0, 4.0), (2.0, 4.0, 4.0), (0.0, 0.001, 1.0)]
)
def test_triangular_draws_follow_the_triangular_distribution(low, mode, high):
    x = _one_cell("triangular", low, mode, high)
    assert low <= x.min() and x.max() <= high
    ref = stats.triang((mode - low) / (high - low), loc=low, scale=high - low)
    assert stats.kstest(x, ref.cdf).pvalue > 1e-3
    assert x.mean() == pytest.approx((low + mode + high) / 3, abs=4 * x.std() / np.sqrt(x.size))


def test_uniform_and_pert_draws_follow_their_distributions():
    u = _one_cell("uniform", 1.0, 2.0, 5.0)
    assert stats.kstest(u, stats.uniform(loc=1.0, scale=4.0).cdf).pvalue > 1e-3
    p = _one_cell("pert", 1.0, 2.0, 5.0)
    ref = stats.beta(1 + 4 * 0.25, 1 + 4 * 0.75, loc=1.0, scale=4.0)
    assert stats.kstest(p, ref.cdf).pvalue > 1e-3


def test_sample_scores_triangular_follows_the_distribution():
    a, c, b = 1.0, 1.75, 4.0
    x = _sampling.sample_scores(20_000, [[c]], [[a]], [[b]], "triangular", rng=9)[:, 0, 0]
    ref = stats.triang((c - a) / (b - a), loc=a, scale=b - a)
    assert stats.kstest(x, ref.cdf).pvalue > 1e-3


def test_cell_stream_is_reproducible_and_chunk_independent():
    cells = _plan_cells("triangular")
    d1 = cells.stream()
    whole = d1(1000)
    d2 = cells.stream()
    parts = np.concatenate([d2(1), d2(300), d2(699)])
    assert np.array_equal(whole, parts)
    assert np.array_equal(whole, cells.stream()(1000))
    assert cells.size == 103  # the plan view's cells with low < high (of 8 x 28)


def test_linear_shortcut_equals_the_kernel_on_the_same_draws():
    cells = _plan_cells("triangular")
    generic = _plan_cells("triangular", linear=False)
    dev, dev_generic = cells.stream()(400), generic.stream()(400)
    assert np.array_equal(dev, dev_generic)  # the service's types are all +1
    rng = np.random.default_rng(0)
    W = rng.dirichlet(np.ones(cells.X0.shape[1]), 400)
    X = generic.matrices(dev)
    ones = np.ones(X.shape[-1])
    np.testing.assert_allclose(
        cells.utilities(dev, W), wsm(X, W, ones, "none").T, rtol=1e-12, atol=1e-12
    )
    cws = W[:3]
    at = cells.utilities_at(dev, cws)  # (h, m, k)
    for h in range(3):
        np.testing.assert_allclose(at[h].T, wsm(X, cws[h], ones, "none"), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("distribution", ["triangular", "uniform", "pert"])
def test_score_uncertainty_same_seed_same_numbers(distribution, monkeypatch):
    A = samvalg.example_assessment()
    kw = dict(n=1200, seed=4, score_uncertainty=distribution, weight_info="elicited")
    a = smaa_service(A, "byggesak", **kw).result
    b = smaa_service(A, "byggesak", **kw).result
    for f in ("rank_acceptability", "pairwise_winning", "central_weights", "confidence"):
        assert np.array_equal(getattr(a, f), getattr(b, f), equal_nan=True), f
    # the confidence pass drawing the cells again from the seed gives the kept draws' result
    monkeypatch.setattr(_engine, "_KEEP_CELL_BYTES", 0)
    c = smaa_service(A, "byggesak", **kw).result
    assert np.array_equal(a.confidence, c.confidence, equal_nan=True)
    assert np.array_equal(a.rank_acceptability, c.rank_acceptability)


def test_linear_and_kernel_paths_agree_on_a_service():
    A = samvalg.example_assessment()
    kw = dict(n=1500, seed=8, score_uncertainty="triangular")
    fast = smaa_service(A, "sentralbord", **kw).result
    # the same draws through the kernel: WSM with a keyword it ignores is not "linear"
    import samvalg.smaa._area as service

    class Slow(_CellScores):
        def __init__(self, *args, **kwargs):
            kwargs["linear"] = False
            super().__init__(*args, **kwargs)

    orig = service._CellScores
    service._CellScores = Slow  # type: ignore[misc]
    try:
        slow = smaa_service(A, "sentralbord", **kw).result
    finally:
        service._CellScores = orig  # type: ignore[misc]
    np.testing.assert_array_equal(fast.rank_acceptability, slow.rank_acceptability)
    np.testing.assert_array_equal(fast.pairwise_winning, slow.pairwise_winning)
    np.testing.assert_allclose(fast.confidence, slow.confidence)


# ---------------------------------------------------------------------------------------
# loose sanity check of the speed (benchmarks/smaa.py measures it; this only catches a
# quadratic or threading regression by an order of magnitude)


def test_many_options_stay_near_the_argsort_bound():
    X, t = _problem(60, 11, 3)
    R = X / X.max(axis=0)
    RT = np.ascontiguousarray(R.T)
    chunk = _engine._chunk_rows(get_method("wsm"), 60, 11, False)
    N = 20_000

    def bound() -> None:
        gen = np.random.default_rng(0)
        counts = np.zeros(60 * 60, dtype=np.int64)
        col = np.arange(60)
        for s in range(0, N, chunk):
            W = _sampling.uniform_simplex(min(chunk, N - s), 11, gen)
            order = np.argsort(-(W @ RT), axis=1)
            counts += np.bincount((order * 60 + col).ravel(), minlength=3600)

    def cpu(fn) -> float:
        best = np.inf
        for _ in range(3):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        return best

    ratio = cpu(lambda: smaa2(X, t, n=N, seed=0)) / cpu(bound)
    assert ratio < 10.0
