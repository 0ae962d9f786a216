"""ROC, rank-sum and rank-reciprocal weights; rankings with ties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvalg.errors import SamvalgError
from samvalg.weights import from_ranking, rank_reciprocal, rank_sum, roc


def test_roc_hand_computed() -> None:
    """Barron & Barrett (1996): n = 4 gives (25/48, 13/48, 7/48, 3/48)."""
    np.testing.assert_allclose(roc(4), np.array([25, 13, 7, 3]) / 48, rtol=1e-15)
    assert np.round(roc(4), 4).tolist() == [0.5208, 0.2708, 0.1458, 0.0625]
    np.testing.assert_allclose(roc(3), [11 / 18, 5 / 18, 2 / 18])
    assert roc(1).tolist() == [1.0]


def test_rank_sum_hand_computed() -> None:
    np.testing.assert_allclose(rank_sum(4), [0.4, 0.3, 0.2, 0.1])
    np.testing.assert_allclose(rank_sum(3), [3 / 6, 2 / 6, 1 / 6])


def test_rank_reciprocal_hand_computed() -> None:
    np.testing.assert_allclose(rank_reciprocal(3), np.array([1, 1 / 2, 1 / 3]) / (11 / 6))
    np.testing.assert_allclose(rank_reciprocal(4), np.array([12, 6, 4, 3]) / 25)


@given(st.integers(1, 60))
def test_sum_to_one_and_decreasing(n: int) -> None:
    for f in (roc, rank_sum, rank_reciprocal):
        w = f(n)
        assert w.shape == (n,)
        assert w.sum() == pytest.approx(1.0)
        assert np.all(np.diff(w) < 0) if n > 1 else w[0] == 1.0


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_bad_n(bad: object) -> None:
    with pytest.raises(SamvalgError):
        roc(bad)  # type: ignore[arg-type]


def test_untied_ranking_equals_formula() -> None:
    r = from_ranking(["c", "a", "b"])
    assert r.labels == ("c", "a", "b")
    np.testing.assert_allclose(r.vector, roc(3))
    assert r.method == "rank:roc"
    assert r.input == {"ranking": ["c", "a", "b"], "formula": "roc"}


def test_ties_share_the_mean_of_their_positions() -> None:
    base = roc(4)
    r = from_ranking(["a", ["b", "c"], "d"])
    np.testing.assert_allclose(
        r.vector, [base[0], (base[1] + base[2]) / 2, (base[1] + base[2]) / 2, base[3]]
    )
    assert np.round(r.vector, 4).tolist() == [0.5208, 0.2083, 0.2083, 0.0625]
    assert r.vector.sum() == pytest.approx(1.0)
    rs = from_ranking([["a", "b"], "c"], formula="rank_sum")
    np.testing.assert_allclose(rs.vector, [2.5 / 6, 2.5 / 6, 1 / 6])
    allt = from_ranking([["a", "b", "c"]], formula="rank_reciprocal")
    np.testing.assert_allclose(allt.vector, [1 / 3] * 3)


def test_positions_and_items_alignment() -> None:
    r = from_ranking([2, [0, 1]])
    base = roc(3)
    np.testing.assert_allclose(r.vector, [(base[1] + base[2]) / 2] * 2 + [base[0]])
    assert r.labels is None
    r2 = from_ranking(["b", "a", "c"], items=["a", "b", "c"])
    np.testing.assert_allclose(r2.vector, [base[1], base[0], base[2]])
    assert r2.labels == ("a", "b", "c")


@pytest.mark.parametrize(
    ("ranking", "kwargs", "pattern"),
    [
        (["a", ["b", "a"]], {}, "more than once"),
        (["a", []], {}, "empty tie group"),
        ([], {}, "non-empty"),
        (["a", "b"], {"formula": "roc2"}, "unknown formula"),
        (["a", "b"], {"items": ["a", "b", "c"]}, "missing"),
        (["a", 1.5], {}, "neither"),
    ],
)
def test_ranking_errors(ranking: list, kwargs: dict, pattern: str) -> None:
    with pytest.raises(SamvalgError, match=pattern):
        from_ranking(ranking, **kwargs)
