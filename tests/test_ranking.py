"""Ranks with ties and rank correlations: against pymcdm, scipy and hand computation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from samvalg.errors import SamvalgError
from samvalg.ranking import (
    kendall_tau,
    kendall_w,
    rank,
    spearman,
    weighted_spearman,
    ws_similarity,
)


def test_min_ties() -> None:
    assert rank([0.9, 0.9, 0.4]).tolist() == [1, 1, 3]
    assert rank([0.4, 0.9, 0.9]).tolist() == [3, 1, 1]
    assert rank([1.0, 1.0 + 1e-11, 0.5]).tolist() == [1, 1, 3]  # within atol 1e-10
    assert rank([1.0, 1.0 + 1e-9, 0.5]).tolist() == [2, 1, 3]
    assert rank([3, 1, 2], descending=False).tolist() == [3, 1, 2]
    assert rank([5.0]).tolist() == [1]


def test_average_ties() -> None:
    assert rank([0.9, 0.9, 0.4], ties="average").tolist() == [1.5, 1.5, 3.0]
    assert rank([2, 2, 2, 1], ties="average").tolist() == [2.0, 2.0, 2.0, 4.0]


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 9)),
        elements=st.integers(-3, 3).map(float),
    )
)
def test_matches_scipy_rankdata(x: np.ndarray) -> None:
    """Integer-valued scores: exact ties; scipy ranks ascending, so rank -x."""
    np.testing.assert_array_equal(rank(x, ties="min"), ss.rankdata(-x, method="min", axis=-1))
    np.testing.assert_array_equal(
        rank(x, ties="average"), ss.rankdata(-x, method="average", axis=-1)
    )
    np.testing.assert_array_equal(
        rank(x, descending=False, ties="average"), ss.rankdata(x, method="average", axis=-1)
    )


def test_batched_equals_looped() -> None:
    rng = np.random.default_rng(1)
    X = rng.integers(0, 4, size=(200, 7)).astype(float)
    for ties in ("min", "average"):
        batched = rank(X, ties=ties)
        looped = np.array([rank(row, ties=ties) for row in X])
        np.testing.assert_array_equal(batched, looped)
    assert rank(X).dtype == np.int64 and rank(X, ties="average").dtype == np.float64


def test_rank_validation() -> None:
    with pytest.raises(SamvalgError, match=r"scores\[1\].*not finite"):
        rank([1.0, np.nan])
    with pytest.raises(SamvalgError, match="shape"):
        rank(np.ones((2, 2, 2)))
    with pytest.raises(SamvalgError, match="tie rule"):
        rank([1, 2], ties="dense")  # type: ignore[arg-type]


def _random_rankings(seed: int, k: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = np.array([rng.permutation(m) + 1 for _ in range(k)], dtype=float)
    b = np.array([rng.permutation(m) + 1 for _ in range(k)], dtype=float)
    return a, b


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (spearman, "spearman"),
        (weighted_spearman, "weighted_spearman"),
        (ws_similarity, "rank_similarity_coef"),
    ],
)
def test_correlations_equal_pymcdm(ours: Callable[..., Any], theirs: str) -> None:
    import pymcdm.correlations as pc

    ref = getattr(pc, theirs)
    a, b = _random_rankings(3, 50, 8)
    batched = ours(a, b)
    expected = np.array([ref(x, y) for x, y in zip(a, b, strict=True)])
    np.testing.assert_allclose(batched, expected, rtol=1e-12, atol=1e-14)
    assert ours(a[0], b[0]) == pytest.approx(expected[0], rel=1e-12)
    # with tied (average) ranks too
    t1 = rank(np.round(a / 3), ties="average")
    t2 = rank(np.round(b / 3), ties="average")
    exp_t = np.array([ref(x, y) for x, y in zip(t1, t2, strict=True)])
    np.testing.assert_allclose(ours(t1, t2), exp_t, rtol=1e-12, atol=1e-14)


def test_one_against_many_broadcasts() -> None:
    a, b = _random_rankings(4, 10, 6)
    np.testing.assert_allclose(spearman(a[0], b), [spearman(a[0], y) for y in b])


def test_kendall_tau_equals_scipy() -> None:
    a, b = _random_rankings(5, 30, 7)
    a[:, 2] = a[:, 3]  # ties
    got = kendall_tau(a, b)
    exp = [ss.kendalltau(x, y).statistic for x, y in zip(a, b, strict=True)]
    np.testing.assert_allclose(got, exp, rtol=1e-12)
    assert kendall_tau([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert np.isnan(kendall_tau([1, 1, 1], [1, 2, 3]))


def test_spearman_undefined_is_nan() -> None:
    assert np.isnan(spearman([1, 1, 1], [1, 2, 3]))


def test_pair_validation() -> None:
    with pytest.raises(SamvalgError, match="r1 has 3"):
        spearman([1, 2, 3], [1, 2])
    with pytest.raises(SamvalgError, match=r"r2\[1\].*not finite"):
        weighted_spearman([1, 2], [1, np.inf])
    with pytest.raises(SamvalgError, match="2 rankings, r1 has 3"):
        kendall_tau(np.ones((3, 4)), np.ones((2, 4)))


def test_kendall_w_identical_is_one() -> None:
    assert kendall_w([[1, 2, 3, 4]] * 5) == pytest.approx(1.0)
    assert kendall_w([[1, 1, 3], [1, 1, 3]]) == pytest.approx(1.0)  # ties, min-rank form


def test_kendall_w_hand_computed() -> None:
    """3 raters, 3 options: R = (4, 6, 8), mean 6, S = 8; W = 12*8 / (9 * 24) = 4/9."""
    W = kendall_w([[1, 2, 3], [2, 1, 3], [1, 3, 2]])
    assert W == pytest.approx(4 / 9)


def test_kendall_w_equals_friedman() -> None:
    """W = chi2_F / (m (n - 1)) with scipy.stats.friedmanchisquare (options as groups)."""
    rng = np.random.default_rng(11)
    m, n = 6, 5
    R = np.array([rng.permutation(n) + 1 for _ in range(m)], dtype=float)
    chi2 = ss.friedmanchisquare(*R.T).statistic
    assert kendall_w(R) == pytest.approx(chi2 / (m * (n - 1)), rel=1e-12)
    # with ties: scipy's tie-corrected Friedman statistic gives the tie-corrected W
    T = rank(np.round(rng.uniform(0, 3, size=(m, n))), descending=False, ties="average")
    chi2_t = ss.friedmanchisquare(*T.T).statistic
    assert kendall_w(T) == pytest.approx(chi2_t / (m * (n - 1)), rel=1e-12)


def test_kendall_w_batched_and_errors() -> None:
    rng = np.random.default_rng(2)
    panels = np.array([[rng.permutation(4) + 1 for _ in range(3)] for _ in range(20)])
    np.testing.assert_allclose(kendall_w(panels), [kendall_w(p) for p in panels])
    assert np.isnan(kendall_w([[1, 1], [1, 1]]))
    with pytest.raises(SamvalgError, match="at least 2 raters"):
        kendall_w([[1, 2, 3]])
