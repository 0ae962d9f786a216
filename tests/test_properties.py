"""Invariants of the kernels and analyses, checked on hypothesis-generated data.

Every test has a fixed budget (``max_examples``) and is derandomised, so CI runs the same
examples every time and stays fast. The weight-scaling behaviour of each kernel is pinned
exactly (see docs/edge-cases.md): the kernels take weights as given, as pymcdm does, so

* WSM and PROMETHEE II values scale by ``c``, WPM values are raised to the power ``c``;
* TOPSIS closeness and VIKOR's Q are unchanged (S and R scale by ``c``);
* every ranking is unchanged, and :func:`samvalg.evaluate` (which normalises the weights of
  each view to sum 1) gives identical numbers.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from _assessment_cases import GAINS, OPTIONS, STRATEGY, valid
from samvalg import evaluate, load_assessment, methods
from samvalg.ranking import rank
from samvalg.smaa import smaa2
from samvalg.weights import ahp

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
DOMINANCE_METHODS = ("wsm", "wpm", "topsis", "promethee_ii")

FAST = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# values in [0.05, 1]: positive (WPM and sum normalisation need > 0) and on a coarse grid so
# that ties occur too
values = st.integers(1, 20).map(lambda k: k / 20)


@st.composite
def problems(draw: st.DrawFn, min_m: int = 2, max_m: int = 6, max_n: int = 5):
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(1, max_n))
    X = draw(arrays(np.float64, (m, n), elements=values))
    w = draw(arrays(np.float64, (n,), elements=st.integers(1, 10).map(float)))
    types = draw(arrays(np.float64, (n,), elements=st.sampled_from([1.0, -1.0])))
    return X, w / w.sum(), types


def outputs(method: str, X: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Everything a method returns per alternative, stacked: (m,) or (m, 3) for VIKOR."""
    f = getattr(methods, method)
    if method == "vikor":
        r = f(X, w, types)
        return np.stack([np.asarray(r.S), np.asarray(r.R), np.asarray(r.Q)], axis=-1)
    return np.asarray(f(X, w, types))


def utility(method: str, X: np.ndarray, w: np.ndarray, types: np.ndarray) -> np.ndarray:
    return np.asarray(methods.get_method(method).utility(X, w, types), dtype=float)


# -- permutations ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@FAST
@given(data=problems(), seed=st.integers(0, 2**32 - 1))
def test_permuting_options_permutes_the_results(method: str, data, seed: int) -> None:
    X, w, types = data
    p = np.random.default_rng(seed).permutation(X.shape[0])
    np.testing.assert_allclose(
        outputs(method, X[p], w, types), outputs(method, X, w, types)[p], rtol=1e-10, atol=1e-12
    )


@pytest.mark.parametrize("method", METHODS)
@FAST
@given(data=problems(), seed=st.integers(0, 2**32 - 1))
def test_permuting_criteria_changes_nothing(method: str, data, seed: int) -> None:
    X, w, types = data
    q = np.random.default_rng(seed).permutation(X.shape[1])
    np.testing.assert_allclose(
        outputs(method, X[:, q], w[q], types[q]),
        outputs(method, X, w, types),
        rtol=1e-10,
        atol=1e-12,
    )


# -- weight scaling -------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@FAST
@given(data=problems(), c=st.sampled_from([0.25, 0.5, 2.0, 3.0, 10.0]))
def test_scaling_the_weights(method: str, data, c: float) -> None:
    """Exact relation per method; the ranking never changes."""
    X, w, types = data
    a, b = outputs(method, X, w, types), outputs(method, X, c * w, types)
    if method in ("wsm", "promethee_ii"):
        np.testing.assert_allclose(b, c * a, rtol=1e-10, atol=1e-12)
    elif method == "wpm":
        np.testing.assert_allclose(b, a**c, rtol=1e-9, atol=1e-300)
    elif method == "topsis":
        np.testing.assert_allclose(b, a, rtol=1e-10, atol=1e-12)
    else:  # vikor: S and R scale, Q does not
        np.testing.assert_allclose(b[:, :2], c * a[:, :2], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(b[:, 2], a[:, 2], rtol=1e-9, atol=1e-9)
    ua, ub = utility(method, X, w, types), utility(method, X, c * w, types)
    if method == "wpm":  # products of powers: compare on the log scale, where ties are sums
        ua, ub = np.log(ua), np.log(ub)
    scale_a, scale_b = max(np.abs(ua).max(), 1e-300), max(np.abs(ub).max(), 1e-300)
    assert np.array_equal(rank(ua / scale_a, atol=1e-9), rank(ub / scale_b, atol=1e-9))


@pytest.mark.parametrize("method", METHODS)
def test_evaluate_is_unchanged_by_scaling_the_points(method: str) -> None:
    """Points 10, 15, 20 or 100, 150, 200: the same weights, the same numbers."""
    base = valid()
    scaled = copy.deepcopy(base)
    pts = scaled["weights"]["strategy"]["points"]
    for c in pts:
        pts[c] *= 10
    a = evaluate(load_assessment(base), method=method)
    b = evaluate(load_assessment(scaled), method=method)
    for sid in a:
        for key in a[sid].views:
            np.testing.assert_allclose(a[sid][key].values, b[sid][key].values, rtol=1e-12)
            np.testing.assert_allclose(a[sid][key].weights, b[sid][key].weights, rtol=1e-12)


# -- dominance ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", DOMINANCE_METHODS)
@FAST
@given(data=problems(), j=st.integers(0, 4), step=st.integers(1, 5))
def test_a_dominating_option_never_ranks_below_the_dominated(
    method: str, data, j: int, step: int
) -> None:
    """Row 0 is made at least as good as row 1 on every criterion and strictly better on one."""
    X, w, types = data
    X = X.copy()
    better = np.where(types > 0, np.maximum(X[0], X[1]), np.minimum(X[0], X[1]))
    j %= X.shape[1]
    better[j] = X[1, j] + types[j] * step / 20
    if better[j] <= 0:  # a cost criterion pushed below zero: improve by halving instead
        better[j] = X[1, j] / 2
    X[0] = better
    u = utility(method, X, w, types)
    assert u[0] >= u[1] - 1e-12, (u, X)
    r = rank(u, atol=1e-12)
    assert r[0] <= r[1]


# -- scale anchoring ------------------------------------------------------------------------


@FAST
@given(
    X=arrays(np.float64, (5, 3), elements=st.integers(1, 5).map(float)),
    keep=st.lists(st.integers(0, 4), min_size=1, max_size=5, unique=True),
)
def test_scale_values_of_an_option_do_not_depend_on_the_others(
    X: np.ndarray, keep: list[int]
) -> None:
    types = np.array([1.0, -1.0, 1.0])
    full = methods.scale_values(X, 1.0, 5.0, types)
    part = methods.scale_values(X[keep], 1.0, 5.0, types)
    np.testing.assert_array_equal(part, full[keep])


@st.composite
def lonn_scores(draw: st.DrawFn):
    """Random 1..5 scores on the strategy and gains criteria for lonn's three options."""
    return {o: {c: draw(st.integers(1, 5)) for c in (*STRATEGY, *GAINS)} for o in OPTIONS}


@SLOW
@given(scores=lonn_scores(), drop=st.sampled_from(OPTIONS[1:]))
def test_evaluate_removing_an_option_never_changes_the_others_values(scores, drop: str) -> None:
    """WSM on scale-anchored values: drop an option (not egen_drift, so the file stays valid)
    and every other option keeps its value in every view."""
    data = valid()
    for o, cells in scores.items():
        data["services"]["lonn"]["scores"][o].update(cells)
    a = load_assessment(data)
    full = evaluate(a, services=["lonn"])["lonn"]
    part = evaluate(a.without_option("lonn", drop), services=["lonn"])["lonn"]
    for key, view in part.views.items():
        for o in view.options:
            assert view.value_of(o) == pytest.approx(full[key].value_of(o), abs=1e-12), (key, o)


# -- batched equals looped ------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@FAST
@given(data=problems(), W=arrays(np.float64, (4, 5), elements=st.integers(1, 10).map(float)))
def test_batched_weights_equal_a_loop(method: str, data, W: np.ndarray) -> None:
    X, _, types = data
    W = W[:, : X.shape[1]]
    W = W / W.sum(axis=1, keepdims=True)
    f = getattr(methods, method)
    batched = f(X, W, types)
    for k in range(W.shape[0]):
        single = f(X, W[k], types)
        if method == "vikor":
            for attr in ("S", "R", "Q"):
                np.testing.assert_allclose(
                    np.asarray(getattr(batched, attr))[k],
                    getattr(single, attr),
                    rtol=1e-10,
                    atol=1e-12,
                )
        else:
            np.testing.assert_allclose(np.asarray(batched)[k], single, rtol=1e-10, atol=1e-12)


# -- SMAA -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@SLOW
@given(data=problems(min_m=2, max_m=5), seed=st.integers(0, 2**31 - 1))
def test_smaa_acceptabilities_are_probabilities_and_reproducible(
    method: str, data, seed: int
) -> None:
    """Each row sums to 1 (every option has one rank per sample). Ties share the best rank
    (documented in samvalg.smaa), so with ties a column may hold more or less than 1; what
    always holds is that at least r options have a rank <= r."""
    X, _, types = data
    r = smaa2(X, types, n=400, seed=seed, method=method)
    A = np.asarray(r.rank_acceptability)
    m = X.shape[0]
    assert A.shape == (m, m)
    assert np.all((A >= 0) & (A <= 1))
    np.testing.assert_allclose(A.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(np.cumsum(A.sum(axis=0)) >= np.arange(1, m + 1) - 1e-12)
    P = np.asarray(r.pairwise_winning)
    assert np.all((P >= 0) & (P <= 1))
    assert np.all(P + P.T <= 1 + 1e-12)
    again = smaa2(X, types, n=400, seed=seed, method=method)
    np.testing.assert_array_equal(again.rank_acceptability, A)
    np.testing.assert_array_equal(again.central_weights, r.central_weights)
    np.testing.assert_array_equal(again.confidence, r.confidence)


@pytest.mark.parametrize("method", DOMINANCE_METHODS)
@SLOW
@given(m=st.integers(2, 5), n=st.integers(2, 4), seed=st.integers(0, 2**31 - 1))
def test_smaa_without_ties_is_doubly_stochastic(method: str, m: int, n: int, seed: int) -> None:
    """Continuous random scores (ties have probability 0): rows and columns each sum to 1.

    Not VIKOR: its Q rescales S and R by their ranges, so ties have positive probability (two
    options, one best on S and the other on R: Q = v and 1 - v, equal at v = 0.5).
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.1, 1.0, (m, n))
    types = np.where(rng.uniform(size=n) < 0.5, -1.0, 1.0)
    A = np.asarray(smaa2(X, types, n=300, seed=seed, method=method).rank_acceptability)
    np.testing.assert_allclose(A.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, atol=1e-12)


# -- AHP ------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["eigen", "geometric"])
@FAST
@given(w=arrays(np.float64, st.integers(2, 10), elements=st.integers(1, 9).map(float)))
def test_ahp_of_a_consistent_matrix_is_exact(variant: str, w: np.ndarray) -> None:
    P = w[:, None] / w[None, :]
    r = ahp(P, method=variant)
    np.testing.assert_allclose(r.weights, w / w.sum(), rtol=1e-10)
    assert r.lambda_max == pytest.approx(len(w), rel=1e-10)
    assert abs(r.ci) < 1e-10 and abs(r.cr) < 1e-10
