"""WSM, WPM and wsm_contributions: equal to pymcdm, batched equal to single calls."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import (
    PYMCDM_NORMALIZATIONS,
    TOL,
    TYPE_MIXES,
    random_problem,
    ref_wpm,
    ref_wsm,
)
from samvalg.errors import ValidationError
from samvalg.methods import wpm, wsm, wsm_contributions

METHODS = [(wsm, ref_wsm), (wpm, ref_wpm)]


@pytest.mark.parametrize(("ours", "ref"), METHODS, ids=["wsm", "wpm"])
@pytest.mark.parametrize("kind", PYMCDM_NORMALIZATIONS)
@pytest.mark.parametrize("mix", sorted(TYPE_MIXES))
def test_single_equals_pymcdm(ours, ref, kind, mix):
    X, W = random_problem(10, k=3)
    types = TYPE_MIXES[mix](X.shape[1])
    for w in W:
        np.testing.assert_allclose(ours(X, w, types, kind), ref(X, w, types, kind), **TOL)


@pytest.mark.parametrize(("ours", "ref"), METHODS, ids=["wsm", "wpm"])
@pytest.mark.parametrize("kind", PYMCDM_NORMALIZATIONS)
def test_batched_weights_equal_single_calls_and_pymcdm(ours, ref, kind):
    X, W = random_problem(11, m=7, n=6, k=1000)
    types = TYPE_MIXES["mixed"](6)
    batched = ours(X, W, types, kind)
    assert batched.shape == (1000, 7)
    single = np.array([ours(X, w, types, kind) for w in W])
    np.testing.assert_allclose(batched, single, **TOL)
    for w, row in zip(W[:50], batched[:50], strict=True):
        np.testing.assert_allclose(row, ref(X, w, types, kind), **TOL)


@pytest.mark.parametrize("ours", [wsm, wpm], ids=["wsm", "wpm"])
def test_stacked_matrices_with_one_or_k_weight_vectors(ours):
    rng = np.random.default_rng(12)
    Xs = rng.uniform(1, 9, size=(40, 5, 4))
    W = rng.dirichlet(np.ones(4), size=40)
    types = np.array([1, -1, 1, -1])
    both = ours(Xs, W, types, "minmax")
    shared = ours(Xs, W[0], types, "minmax")
    for i in range(40):
        np.testing.assert_allclose(both[i], ours(Xs[i], W[i], types, "minmax"), **TOL)
        np.testing.assert_allclose(shared[i], ours(Xs[i], W[0], types, "minmax"), **TOL)


def test_defaults_and_none_mean_the_method_default():
    X, W = random_problem(13, k=1)
    types = TYPE_MIXES["mixed"](X.shape[1])
    np.testing.assert_array_equal(wsm(X, W[0], types), wsm(X, W[0], types, "max"))
    np.testing.assert_array_equal(wsm(X, W[0], types, None), wsm(X, W[0], types, "max"))
    np.testing.assert_array_equal(wpm(X, W[0], types, None), wpm(X, W[0], types, "sum"))


def test_wsm_none_counts_cost_negatively():
    X = np.array([[3.0, 10.0], [5.0, 20.0]])
    np.testing.assert_allclose(wsm(X, [1.0, 0.5], [1, -1], "none"), [3 - 5, 5 - 10])


def test_wpm_none_uses_negative_exponent_for_cost():
    X = np.array([[4.0, 2.0], [9.0, 8.0]])
    expected = X[:, 0] ** 0.5 * X[:, 1] ** -0.25
    np.testing.assert_allclose(wpm(X, [0.5, 0.25], [1, -1], "none"), expected, **TOL)


def test_wpm_zero_factor_and_zero_weight_follow_pymcdm():
    # minmax gives the worst alternative a 0: the product is 0 unless that weight is 0 (0**0 = 1)
    X = np.array([[1.0, 5.0], [2.0, 4.0], [3.0, 1.0]])
    types = np.array([1, 1])
    for w in ([0.5, 0.5], [0.0, 1.0], [1.0, 0.0]):
        np.testing.assert_allclose(wpm(X, w, types, "minmax"), ref_wpm(X, w, types, "minmax"))


def test_wpm_rejects_negative_normalised_values():
    with pytest.raises(ValidationError, match="WPM"):
        wpm([[1.0, -2.0], [2.0, 3.0]], [0.5, 0.5], [1, 1], "none")


def test_weights_are_not_renormalised():
    X, W = random_problem(14, k=1)
    types = np.ones(X.shape[1])
    np.testing.assert_allclose(wsm(X, 3 * W[0], types), 3 * wsm(X, W[0], types), **TOL)


def test_contributions_sum_to_the_score():
    X, W = random_problem(15, k=20)
    types = TYPE_MIXES["mixed"](X.shape[1])
    c = wsm_contributions(X, W, types, "minmax")
    assert c.shape == (20, *X.shape)
    np.testing.assert_allclose(c.sum(axis=-1), wsm(X, W, types, "minmax"), **TOL)
    single = wsm_contributions(X, W[3], types)
    np.testing.assert_allclose(
        single,
        W[3] * (X / X.max(axis=0)) * (types > 0) + W[3] * (1 - X / X.max(axis=0)) * (types < 0),
        **TOL,
    )


def test_single_criterion_and_single_alternative():
    np.testing.assert_allclose(wsm([[2.0], [4.0]], [1.0], [1]), [0.5, 1.0])
    np.testing.assert_allclose(wsm([[2.0, 3.0]], [0.5, 0.5], [1, 1]), [1.0])


def test_ties_give_equal_scores():
    X = np.array([[1.0, 2.0], [1.0, 2.0], [2.0, 1.0]])
    s = wsm(X, [0.5, 0.5], [1, 1])
    assert s[0] == s[1]
