"""Issue 15, second round: the SMAA engine's shortcuts give the same numbers, bit for bit.

- WSM with fixed scores and more than ``_COMPARE_MAX_M`` ranked options ranks each chunk on
  one BLAS product ``W @ R.T`` (``_engine._linear_ranking``) and falls back to the exact
  utilities where a gap lies within the rounding bound of ``eps``: the counts and central
  weights equal those of the exact path (the path taken with the shortcut switched off),
  also on options built to sit 1e-10 +- a few ulps apart, where ranking on the BLAS
  utilities without the bound does change counts.
- The pairwise wins counted in byte lanes of uint64 words equal a direct count.
- The confidence pass's rank-1 test as a maximum over rows equals the per-row test, NaN
  included.
- Score uncertainty (tiled draw constants, options-major confidence utilities): counts,
  central weights and confidence factors pinned to the values computed before this round
  (commit e359bd1), same seeds.
"""

from __future__ import annotations

import numpy as np
import pytest

import samvalg
from samvalg.smaa import _engine, smaa2, smaa_service
from samvalg.smaa._results import SMAAResult
from test_smaa_speed_invariants import assert_accumulates_as_defined, assert_pinned_counts, digest

FIELDS = (
    "rank_acceptability",
    "pairwise_winning",
    "central_weights",
    "central_weights_se",
    "confidence",
    "confidence_se",
)


def _same(a: SMAAResult, b: SMAAResult) -> None:
    for f in FIELDS:
        x, y = np.asarray(getattr(a, f)), np.asarray(getattr(b, f))
        assert x.shape == y.shape and x.tobytes() == y.tobytes(), f


def _exact(monkeypatch: pytest.MonkeyPatch, call):  # type: ignore[no-untyped-def]
    """``call()`` with the BLAS ranking switched off (the exact utilities throughout)."""
    with monkeypatch.context() as mp:
        mp.setattr(_engine, "_wsm_ranking_matrix", lambda *a, **k: None)
        from samvalg.smaa import _smaa2

        mp.setattr(_smaa2, "_wsm_ranking_matrix", lambda *a, **k: None)
        return call()


def _near(m: int, n: int, seed: int, s: float, pairs: int = 3) -> np.ndarray:
    """Random options, with ``pairs`` pairs whose utilities differ by 1e-10 + s (q + 1)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(1, 5, (m, n))
    for q in range(pairs):
        X[2 * q + 1] = X[2 * q] + (1e-10 + s * (q + 1))
    return X


def _cases() -> dict[str, object]:
    rng = np.random.default_rng(7)
    cases: dict[str, object] = {}
    for m in (29, 30, 45, 64, 129):
        X = rng.uniform(1, 5, (m, 9))
        t = np.where(np.arange(9) % 3 == 2, -1.0, 1.0)
        cases[f"random{m}"] = (X, t, {"n": 3000, "seed": m})
        Xt = rng.integers(1, 4, (m, 5)).astype(float)
        Xt[1::4] = Xt[0]  # duplicate options: exact ties in every sample
        cases[f"ties{m}"] = (Xt, np.ones(5), {"n": 2000, "seed": m, "normalization": "sum"})
    for s in (-2e-16, -1e-16, 0.0, 1e-16, 2e-16):
        for n in (3, 11):
            cases[f"near{n}_{s}"] = (
                _near(30, n, 30 + n, s),
                np.ones(n),
                {"n": 3000, "seed": 1, "normalization": "none"},
            )
    Xg = rng.uniform(0, 1, (40, 6))
    W = rng.dirichlet(np.ones(6) * 0.3, 2500)
    W[:60] = np.eye(6)[np.arange(60) % 6]  # vertices of the simplex: ties
    cases["given"] = (Xg, np.ones(6), {"weights": W, "normalization": "none"})
    cases["ranked"] = (
        Xg,
        np.ones(6),
        {"n": 2000, "seed": 3, "ranked": [i % 5 != 2 for i in range(40)]},
    )
    cases["chunk"] = (Xg, np.ones(6), {"n": 2000, "seed": 4, "chunk_size": 333})
    cases["scaled"] = (Xg * 1e-12, np.ones(6), {"n": 1000, "seed": 5, "normalization": "none"})
    return cases


@pytest.mark.parametrize("name", sorted(_cases()))
def test_blas_ranking_equals_the_exact_path(name, monkeypatch):
    X, t, kw = _cases()[name]  # type: ignore[misc]
    calls = {"fast": 0, "exact": 0}
    real = _engine._linear_ranking

    def spy(st, W, RT, rmax, small, exact):  # type: ignore[no-untyped-def]
        def counted():  # type: ignore[no-untyped-def]
            calls["exact"] += 1
            return exact()

        out = real(st, W, RT, rmax, small, counted)
        calls["fast"] += out is not None
        return out

    monkeypatch.setattr(_engine, "_linear_ranking", spy)
    fast = smaa2(X, t, **kw)
    assert calls["fast"] > 0  # the shortcut ran
    if name.startswith(("ties", "near")):
        assert calls["exact"] > 0  # and fell back where it had to
    _same(fast, _exact(monkeypatch, lambda: smaa2(X, t, **kw)))
    # keep_draws takes the exact path too: the same counts
    kept = smaa2(X, t, keep_draws=True, **kw)
    _same(fast, kept)


def test_blas_ranking_needs_its_margin():
    """Without the rounding margin, the definition on the BLAS utilities gives other counts
    than on the exact ones for options 1e-10 +- a few ulps apart: the cases above test the
    margin, not only agreement (skipped where this BLAS happens to match ``einsum``)."""
    wsm = samvalg.methods.get_method("wsm")
    changed = differ = 0
    for s in (-2e-16, -1e-16, 0.0, 1e-16, 2e-16):
        X = _near(30, 11, 41, s)
        t = np.ones(11)
        kw = {"normalization": "none"}
        f = _engine._fixed_utility(wsm, kw, X, t)
        R = _engine._wsm_ranking_matrix(wsm, kw, X, t, f)
        assert R is not None
        W = np.random.default_rng(1).dirichlet(np.ones(11), 3000)
        U, V = f(W), np.ascontiguousarray((W @ R.T).T)
        differ += not np.array_equal(U, V)
        beaten_u, beaten_v = ((A[:, None, :] > A[None, :, :] + 1e-10).sum(axis=0) for A in (U, V))
        changed += not np.array_equal(beaten_u, beaten_v)
    if not differ:
        pytest.skip("BLAS and einsum agree bit for bit here")
    assert changed > 0


def test_no_shortcut_for_other_methods_or_few_options():
    X = np.random.default_rng(3).uniform(1, 5, (40, 5))
    spec = samvalg.methods.get_method("topsis")
    f = _engine._fixed_utility(spec, {"normalization": None}, X, np.ones(5))
    assert _engine._wsm_ranking_matrix(spec, {"normalization": None}, X, np.ones(5), f) is None
    wsm = samvalg.methods.get_method("wsm")
    g = _engine._fixed_utility(wsm, {"normalization": "vector"}, X, np.ones(5))
    R = _engine._wsm_ranking_matrix(wsm, {"normalization": "vector"}, X, np.ones(5), g)
    assert R is not None and R.shape == X.shape
    W = np.random.default_rng(4).dirichlet(np.ones(5), 50)
    from samvalg.methods._common import contract_t

    assert np.array_equal(g(W), contract_t(R, W))


def test_huge_utilities_take_the_exact_path(monkeypatch):
    X = np.random.default_rng(5).uniform(1, 5, (35, 4)) * 1e300
    seen = []
    real = _engine._linear_ranking

    def spy(*a):  # type: ignore[no-untyped-def]
        out = real(*a)
        seen.append(out is None)
        return out

    monkeypatch.setattr(_engine, "_linear_ranking", spy)
    r = smaa2(X, np.ones(4), n=500, seed=1, normalization="none")
    assert seen and all(seen)
    _same(r, _exact(monkeypatch, lambda: smaa2(X, np.ones(4), n=500, seed=1, normalization="none")))


@pytest.mark.parametrize("m, K", [(2, 1), (9, 7), (30, 4025), (60, 1086), (130, 300)])
def test_pair_wins_in_byte_lanes_equal_a_direct_count(m, K):
    rng = np.random.default_rng(m + K)
    small = np.int8 if m < 128 else np.int64
    pos = np.argsort(rng.random((m, K)), axis=0).astype(small)
    Kp = -(-K // 8) * 8
    padded = np.zeros((m, Kp), dtype=small)
    padded[:, :K] = pos
    st = _engine._Stats(
        rank_counts=np.zeros((m, m), np.int64),
        win_counts=np.zeros((m, m), np.int64),
        first_counts=np.zeros(m, np.int64),
        w_sum=np.zeros((m, 1)),
        w_sq=np.zeros((m, 1)),
        offsets=np.zeros((m, 1), np.int64),
    )
    _engine._pair_wins(st, padded, K)
    direct = (pos[:, None, :] > pos[None, :, :]).sum(axis=2)
    assert np.array_equal(st.win_counts, direct)


@pytest.mark.parametrize("kind", ["continuous", "ties", "nan", "all_nan_column"])
def test_first_count_equals_the_rank1_test(kind):
    rng = np.random.default_rng(len(kind))
    m, K = 8, 1001
    U = rng.integers(0, 3, (K, m)).astype(float) if kind == "ties" else rng.random((K, m))
    if kind == "nan":
        U[rng.random((K, m)) < 0.1] = np.nan
    if kind == "all_nan_column":
        U[::3] = np.nan
        U[:, 2] = np.nan
    for i in range(m):
        want = int(np.count_nonzero(_engine._first_hits(U, i)))
        assert _engine._first_count(np.ascontiguousarray(U.T), i) == want


# Computed before this round (commit e359bd1): digests of the rank and win counts, the
# position-weighted checksum of the central weights (NaN as -1, 12 decimals) and a digest
# of the confidence hits (NaN as -1).
SCORE_PINNED = {
    "plan_triangular_uniform": (
        "624d8d8e918fdf2a",
        "6b6b1ceec1e72458",
        -5203.463043863966,
        "62024308b6e53d3f",
    ),
    "byggesak_triangular_elicited": (
        "263897b1fb0bfcbc",
        "2c73987bcb8bcd57",
        -6441.766546349821,
        "65a0f1bad457f288",
    ),
    "landbruk_uniform_uniform": (
        "34c882de0a28fe5f",
        "58f722b0a3a55bae",
        513.388755548519,
        "e3115103b372c48c",
    ),
    "sentralbord_pert_uniform": (
        "9d3cba1dbffb8125",
        "9ebc846ea702c5e8",
        -3314.3901127710383,
        "f26745cfde51e347",
    ),
    "bundle_triangular": (
        "06e49cf7f1ae1756",
        "068c3db5ada451cd",
        -3313.8522468695583,
        "9b0740f83e379d88",
    ),
    "bundle2_uniform": (
        "369356850f12dd03",
        "2cd1f584e8b4d328",
        -3321.038114944873,
        "39d9459a1e5d21d2",
    ),
}


def _score_case(name: str) -> SMAAResult:
    A = samvalg.example_assessment()
    calls = {
        "plan_triangular_uniform": ("plan", 3000, 11, "triangular", "uniform"),
        "byggesak_triangular_elicited": ("byggesak", 3000, 12, "triangular", "elicited"),
        "landbruk_uniform_uniform": ("landbruk", 3000, 13, "uniform", "uniform"),
        "sentralbord_pert_uniform": ("sentralbord", 3000, 14, "pert", "uniform"),
        "bundle_triangular": ("lonn_regnskap_fakturering", 2000, 15, "triangular", "uniform"),
        "bundle2_uniform": ("arkiv_postmottak", 2000, 16, "uniform", "elicited"),
    }
    svc, n, seed, su, wi = calls[name]
    return smaa_service(A, svc, n=n, seed=seed, score_uncertainty=su, weight_info=wi).result


@pytest.mark.parametrize("name", sorted(SCORE_PINNED))
def test_score_uncertainty_same_numbers_as_before(name):
    r = _score_case(name)
    ranks, wins, cw_sum, conf = SCORE_PINNED[name]
    assert_pinned_counts(r, ranks, wins, cw_sum)
    assert digest(np.rint(np.nan_to_num(r.confidence, nan=-1.0) * r.n)) == conf


@pytest.mark.parametrize("m", [29, 40, 64, 130])
@pytest.mark.parametrize("scale", [1.0, 1e6, 1e12])
def test_sorting_by_integer_keys_equals_the_definition(m, scale):
    """The sort by keys whose last bits hold the option's index (``_sort_order``) may
    misorder values equal but for those bits; such samples must still count as the
    definition says. Values ``scale + j * ulp(scale)`` with j < 128: at 1e6 and 1e12 a few
    ulps are more than eps apart (ranked by position), at 1 they are near ties."""
    rng = np.random.default_rng(m)
    K, n = 700, 3
    U = scale + rng.integers(0, 128, (m, K)) * np.spacing(scale)
    U[:, ::5] = rng.random((m, K))[:, ::5] * scale  # some samples far apart
    W = rng.random((K, n))
    assert_accumulates_as_defined(U, W)


@pytest.mark.parametrize("distribution", ["triangular", "uniform", "pert"])
def test_cell_draws_into_a_buffer_equal_fresh_draws(distribution):
    from test_smaa_speed_invariants import _plan_cells

    cells = _plan_cells(distribution)
    fresh = cells.stream()
    a = np.concatenate([fresh(700), fresh(1300)])
    into = cells.stream()
    buf = np.full((2000, cells.size), np.nan)
    into(700, out=buf[:700])
    into(1300, out=buf[700:])
    assert a.tobytes() == buf.tobytes()


def test_kept_draws_and_drawn_again_give_the_same_bundle(monkeypatch):
    A = samvalg.example_assessment()
    kw = dict(n=900, seed=8, score_uncertainty="triangular")
    a = smaa_service(A, "arkiv_postmottak", **kw).result
    monkeypatch.setattr(_engine, "_KEEP_CELL_BYTES", 0)  # the confidence pass draws again
    _same(a, smaa_service(A, "arkiv_postmottak", **kw).result)


@pytest.mark.parametrize("keep", [True, False])
def test_confidence_pass_chunks_change_no_number(keep, monkeypatch):
    """The linear WSM's confidence pass takes chunks of its own size (it only counts): the
    first pass's chunks, larger ones or one for all samples give the same result, with the
    draws kept or drawn again."""
    A = samvalg.example_assessment()
    kw = dict(n=9000, seed=21, score_uncertainty="triangular", weight_info="uniform")
    if not keep:
        monkeypatch.setattr(_engine, "_KEEP_CELL_BYTES", 0)
    results = []
    for rows in (1, 4096, 10**6):
        monkeypatch.setattr(_engine, "_CONFIDENCE_ROWS", rows)
        results.append(smaa_service(A, "plan", **kw).result)
    assert np.isfinite(results[0].confidence).any()
    for r in results[1:]:
        _same(results[0], r)
