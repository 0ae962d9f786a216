"""PROMETHEE II: equal to pymcdm for every preference function, batched, published example."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import TOL, TYPE_MIXES, random_problem, ref_promethee
from samvalg.errors import ValidationError
from samvalg.methods import explain, promethee_ii

N = 6
Q = np.linspace(0.5, 1.5, N)
P = np.linspace(2.0, 4.0, N)
CASES = {  # name -> (our q, our p, pymcdm q, pymcdm p)
    "usual": (None, None, None, None),
    "ushape": (Q, None, list(Q), None),
    "vshape": (None, P, None, list(P)),
    "level": (Q, P, list(Q), list(P)),
    "vshape_2": (Q, P, list(Q), list(P)),
}


@pytest.mark.parametrize("preference", sorted(CASES))
@pytest.mark.parametrize("mix", sorted(TYPE_MIXES))
def test_single_and_batched_equal_pymcdm(preference, mix):
    X, W = random_problem(40, m=7, n=N, k=1000)
    X = np.round(X)  # integer data: ties (d = 0) and d exactly at the thresholds occur
    types = TYPE_MIXES[mix](N)
    q, p, ref_q, ref_p = CASES[preference]
    batched = promethee_ii(X, W, types, preference, q=q, p=p)
    assert batched.shape == (1000, 7)
    single = np.array([promethee_ii(X, w, types, preference, q=q, p=p) for w in W])
    np.testing.assert_allclose(batched, single, **TOL)
    for w, row in zip(W[:50], batched[:50], strict=True):
        np.testing.assert_allclose(row, ref_promethee(X, w, types, preference, ref_q, ref_p), **TOL)


def test_scalar_thresholds_mean_the_same_for_every_criterion():
    X, W = random_problem(41, n=N, k=3)
    for w in W:
        np.testing.assert_allclose(
            promethee_ii(X, w, np.ones(N), "vshape_2", q=1.0, p=3.0),
            ref_promethee(X, w, np.ones(N), "vshape_2", [1.0] * N, [3.0] * N),
            **TOL,
        )


def test_mixed_functions_equal_sum_of_single_criterion_pymcdm_runs():
    # net flow is linear in the criteria: phi = sum_j w_j phi_j (each phi_j from pymcdm)
    X, W = random_problem(42, n=4, k=1)
    w = W[0]
    types = np.array([1, -1, 1, -1])
    prefs = ["usual", "ushape", "vshape", "level"]
    q = [0.0, 1.0, 0.0, 0.5]
    p = [1.0, 1.0, 3.0, 2.0]
    expected = sum(
        w[j] * ref_promethee(X[:, [j]], np.ones(1), types[[j]], prefs[j], [q[j]], [p[j]])
        for j in range(4)
    )
    np.testing.assert_allclose(promethee_ii(X, w, types, prefs, q=q, p=p), expected, **TOL)


def test_gaussian_by_hand():
    X = np.array([[0.0], [1.0], [3.0]])
    s = 2.0
    P = lambda d: 1 - np.exp(-(d**2) / (2 * s**2)) if d > 0 else 0.0  # noqa: E731
    x = X[:, 0]
    expected = [sum(P(x[a] - x[b]) - P(x[b] - x[a]) for b in range(3)) / 2 for a in range(3)]
    np.testing.assert_allclose(promethee_ii(X, [1.0], [1], "gaussian", p=s), expected, **TOL)


def test_stacked_matrices():
    rng = np.random.default_rng(43)
    Xs = rng.uniform(0, 5, size=(20, 5, 3))
    W = rng.dirichlet(np.ones(3), size=20)
    types = np.array([1, -1, 1])
    out = promethee_ii(Xs, W, types, "vshape", p=2.0)
    for i in range(20):
        np.testing.assert_allclose(
            out[i], ref_promethee(Xs[i], W[i], types, "vshape", None, [2.0] * 3), **TOL
        )


def test_brans_vincke_mareschal_1986_hydroelectric_example():
    """Brans, J.-P., Vincke, Ph. & Mareschal, B. (1986). How to select and how to rank
    projects: The PROMETHEE method. European Journal of Operational Research 24(2), 228-238:
    the six hydroelectric power station projects, six criteria with one generalised
    criterion each (f1 manpower min, type II q=10; f2 power max, type III p=30; f3
    construction cost min, type V q=0.5 p=5; f4 maintenance cost min, type IV q=1 p=6;
    f5 villages to evacuate min, type I; f6 security level max, type VI s=5), equal weights.
    Published PROMETHEE II complete ranking: a5 > a2 > a4 > a6 > a3 > a1. Net flows (with the
    1/(m-1) normalisation) as reproduced to 4 decimals in secondary implementations of the
    example: a1 -0.1457, a2 0.0172, a3 -0.0895, a4 -0.0200, a5 0.2929, a6 -0.0549.
    (The paper's own table could not be opened here; the values are checked to 1e-3.)
    """
    X = np.array(
        [
            [80, 90, 6, 5.4, 8, 5],
            [65, 58, 2, 9.7, 1, 1],
            [83, 60, 4, 7.2, 4, 7],
            [40, 80, 10, 7.5, 7, 10],
            [52, 72, 6, 2.0, 3, 8],
            [94, 96, 7, 3.6, 5, 6],
        ]
    )
    types = [-1, 1, -1, -1, -1, 1]
    prefs = ["ushape", "vshape", "vshape_2", "level", "usual", "gaussian"]
    nan = np.nan
    q = [10, nan, 0.5, 1, nan, nan]
    p = [nan, 30, 5, 6, nan, 5]
    phi = promethee_ii(X, np.full(6, 1 / 6), types, prefs, q=q, p=p)
    np.testing.assert_allclose(phi, [-0.1457, 0.0172, -0.0895, -0.0200, 0.2929, -0.0549], atol=1e-3)
    assert list(np.argsort(-phi)) == [4, 1, 3, 5, 2, 0]
    d = explain("promethee_ii", X, np.full(6, 1 / 6), types, preference=prefs, q=q, p=p)
    np.testing.assert_allclose(d["positive_flow"] - d["negative_flow"], phi, **TOL)


def test_flows_sum_to_zero_and_single_alternative():
    X, W = random_problem(44, k=10)
    assert np.abs(promethee_ii(X, W, np.ones(X.shape[1])).sum(axis=1)).max() < 1e-12
    np.testing.assert_array_equal(promethee_ii([[1.0, 2.0]], [0.5, 0.5], [1, 1]), [0.0])


def test_constant_column_and_ties_contribute_nothing():
    X = np.array([[1.0, 5.0], [1.0, 3.0], [1.0, 4.0]])
    np.testing.assert_allclose(promethee_ii(X, [0.7, 0.3], [1, 1]), [0.3, -0.3, 0.0], **TOL)


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"preference": "ushape"}, "q"),
        ({"preference": "vshape"}, "p"),
        ({"preference": "gaussian", "p": 0.0}, "p"),
        ({"preference": "level", "q": 2.0, "p": 1.0}, "p"),
        ({"preference": "linear"}, "preference"),
        ({"preference": ["usual", "vshape"], "p": [1.0, -1.0]}, r"p\[1\]"),
        ({"preference": ["usual"]}, "preference"),
        ({"preference": "vshape", "p": [1.0, 2.0, 3.0]}, "p"),
    ],
)
def test_bad_preference_arguments(kwargs, where):
    with pytest.raises(ValidationError, match=where):
        promethee_ii([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], [1, 1], **kwargs)
