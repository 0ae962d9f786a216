"""Tests of the SMAA samplers (samvalg._sampling).

Truths checked: exact constraints (simplex, order, bounds), known means (the centroid of the
ordered simplex is the ROC weight vector, Barron & Barrett 1996), uniformity on the tied ordered
region (a one-dimensional marginal that must be uniform, tested with Kolmogorov-Smirnov), and
reproducibility by seed.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from samvalg import _sampling as S
from samvalg.errors import ValidationError


def roc(n: int) -> np.ndarray:
    return np.array([sum(1.0 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)])


def test_uniform_simplex_rows_and_marginal():
    w = S.uniform_simplex(20_000, 4, rng=3)
    assert w.shape == (20_000, 4)
    assert np.allclose(w.sum(axis=1), 1.0) and (w >= 0).all()
    # marginal of Dirichlet(1,1,1,1) is Beta(1, 3)
    assert stats.kstest(w[:, 0], stats.beta(1, 3).cdf).pvalue > 1e-3


def test_same_seed_same_bits():
    a = S.uniform_simplex(100, 5, rng=7)
    b = S.uniform_simplex(100, 5, rng=7)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, S.uniform_simplex(100, 5, rng=8))


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_ordinal_without_ties_is_ordered_and_centred_on_roc(n):
    w = S.ordinal_weights(40_000, np.arange(1, n + 1), rng=11)
    assert np.allclose(w.sum(axis=1), 1.0)
    assert (np.diff(w, axis=1) <= 1e-15).all()
    assert np.allclose(S.ordinal_centroid(np.arange(1, n + 1)), roc(n))
    se = w.std(axis=0) / np.sqrt(w.shape[0])
    assert (np.abs(w.mean(axis=0) - roc(n)) < 5 * se + 1e-12).all()


def test_ordinal_matches_rejection_from_the_simplex():
    """Uniform on w1 >= w2 >= w3 equals the uniform simplex conditioned on the order."""
    ref = S.uniform_simplex(120_000, 3, rng=5)
    ref = ref[(ref[:, 0] >= ref[:, 1]) & (ref[:, 1] >= ref[:, 2])]
    w = S.ordinal_weights(ref.shape[0], [1, 2, 3], rng=6)
    for j in range(3):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > 1e-3


def test_ordinal_with_ties_respects_ties_and_is_uniform():
    # criteria 0 and 2 tied first, 1 last: region is the segment v1 >= v2, 2 v1 + v2 = 1,
    # so w[1] must be uniform on [0, 1/3]
    w = S.ordinal_weights(20_000, [1, 2, 1], rng=2)
    assert np.array_equal(w[:, 0], w[:, 2])
    assert (w[:, 0] >= w[:, 1]).all()
    assert np.allclose(w.sum(axis=1), 1.0)
    assert stats.kstest(w[:, 1], stats.uniform(0, 1 / 3).cdf).pvalue > 1e-3
    # sort-then-average (the naive scheme) is visibly not uniform: its w3 has mean 1/9, not 1/6
    naive = np.sort(S.uniform_simplex(20_000, 3, rng=2), axis=1)[:, 0]
    assert abs(naive.mean() - 1 / 9) < 0.01 and abs(w[:, 1].mean() - 1 / 6) < 0.01


def test_ordinal_centroid_with_ties():
    ranking = [2, 1, 2, 3, 1]
    w = S.ordinal_weights(40_000, ranking, rng=9)
    c = S.ordinal_centroid(ranking)
    assert np.isclose(c.sum(), 1.0)
    se = w.std(axis=0) / np.sqrt(w.shape[0])
    assert (np.abs(w.mean(axis=0) - c) < 5 * se + 1e-12).all()
    assert c[1] == c[4] > c[0] == c[2] > c[3]


def test_bounded_weights_respect_bounds_and_are_uniform():
    lo = np.array([0.1, 0.0, 0.2])
    hi = np.array([0.6, 0.5, 0.7])
    s = S.bounded_weights(20_000, lo, hi, rng=4)
    w = s.weights
    assert w.shape == (20_000, 3)
    assert (w >= lo - 1e-12).all() and (w <= hi + 1e-12).all()
    assert np.allclose(w.sum(axis=1), 1.0)
    assert 0 < s.acceptance_rate < 1 and s.drawn >= 20_000
    # reference: plain rejection from the uniform simplex
    ref = S.uniform_simplex(200_000, 3, rng=1)
    ref = ref[((ref >= lo) & (ref <= hi)).all(axis=1)]
    for j in range(3):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > 1e-3


def test_bounded_weights_only_lower_bounds_accept_everything():
    s = S.bounded_weights(1000, [0.3, 0.3, 0.0], [1, 1, 1], rng=0)
    assert s.acceptance_rate == 1.0
    assert (s.weights[:, :2] >= 0.3).all()


def test_bounded_weights_errors():
    with pytest.raises(ValidationError, match="sum"):
        S.bounded_weights(10, [0.6, 0.6], [1, 1])
    with pytest.raises(ValidationError, match="upper bounds sum"):
        S.bounded_weights(10, [0, 0, 0], [0.2, 0.2, 0.2])
    with pytest.raises(ValidationError, match=r"bounds\[0\]"):
        S.bounded_weights(10, [0.5, 0], [0.4, 1])
    with pytest.raises(ValidationError, match="acceptance"):
        # a sliver: all ten weights within [0.099, 0.101]
        S.bounded_weights(10, np.zeros(10), np.full(10, 0.101), rng=0, batch=20_000)


def test_dirichlet_mean_and_variance():
    c = np.array([0.5, 0.3, 0.2, 0.0])
    w = S.dirichlet_weights(40_000, c, 20.0, rng=1)
    assert (w[:, 3] == 0).all()
    assert np.allclose(w.mean(axis=0), c, atol=0.005)
    assert np.allclose(w.var(axis=0), c * (1 - c) / 21.0, rtol=0.05, atol=1e-6)
    with pytest.raises(ValidationError, match="concentration"):
        S.dirichlet_weights(10, c, 0.0)


def test_mixture_weights():
    V = np.array([[2.0, 1.0, 1.0], [0.0, 1.0, 1.0]])
    w = S.mixture_weights(10_000, V, rng=0, probabilities=[3, 1])
    first = np.all(np.isclose(w, [0.5, 0.25, 0.25]), axis=1)
    second = np.all(np.isclose(w, [0.0, 0.5, 0.5]), axis=1)
    assert (first | second).all()
    assert abs(first.mean() - 0.75) < 0.02
    ws = S.mixture_weights(10_000, V, rng=0, concentration=100.0)
    assert np.allclose(ws.sum(axis=1), 1.0)
    centres = V / V.sum(axis=1, keepdims=True)
    assert np.allclose(ws.mean(axis=0), centres.mean(axis=0), atol=0.01)


@pytest.mark.parametrize("dist", ["uniform", "triangular", "pert"])
def test_sample_scores_within_bounds_and_mean(dist):
    values = np.array([[3.0, 1.0], [4.0, 2.0]])
    low = np.array([[2.0, 1.0], [1.0, 2.0]])
    high = np.array([[5.0, 3.0], [4.0, 2.0]])
    X = S.sample_scores(40_000, values, low, high, dist, rng=5)
    assert X.shape == (40_000, 2, 2)
    assert (X >= low).all() and (X <= high).all()
    assert (X[:, 1, 1] == 2.0).all()
    expected = {
        "uniform": (low + high) / 2,
        "triangular": (low + values + high) / 3,
        "pert": (low + 4 * values + high) / 6,
    }[dist]
    assert np.allclose(X.mean(axis=0), expected, atol=0.02)


def test_sample_scores_errors():
    with pytest.raises(ValidationError, match="low <= value <= high"):
        S.sample_scores(5, [[3.0]], [[4.0]], [[5.0]])
    with pytest.raises(ValidationError, match="unknown distribution"):
        S.sample_scores(5, [[3.0]], [[2.0]], [[5.0]], "normal")
