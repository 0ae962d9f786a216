"""TOPSIS: equal to pymcdm, batched, Opricovic & Tzeng (2004) published example, edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import PYMCDM_NORMALIZATIONS, TOL, TYPE_MIXES, random_problem, ref_topsis
from samvalg.methods import explain, topsis


@pytest.mark.parametrize("kind", PYMCDM_NORMALIZATIONS)
@pytest.mark.parametrize("mix", sorted(TYPE_MIXES))
def test_single_and_batched_equal_pymcdm(kind, mix):
    X, W = random_problem(20, m=7, n=6, k=1000)
    types = TYPE_MIXES[mix](6)
    batched = topsis(X, W, types, kind)
    assert batched.shape == (1000, 7)
    single = np.array([topsis(X, w, types, kind) for w in W])
    np.testing.assert_allclose(batched, single, **TOL)
    for w, row in zip(W[:50], batched[:50], strict=True):
        np.testing.assert_allclose(row, ref_topsis(X, w, types, kind), **TOL)


def test_stacked_matrices():
    rng = np.random.default_rng(21)
    Xs = rng.uniform(1, 9, size=(30, 6, 3))
    W = rng.dirichlet(np.ones(3), size=30)
    types = np.array([1, -1, 1])
    out = topsis(Xs, W, types)
    for i in range(30):
        np.testing.assert_allclose(out[i], ref_topsis(Xs[i], W[i], types, "vector"), **TOL)


def test_opricovic_tzeng_2004_table_3():
    """Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
    analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2), 445-455,
    section 5 numerical example: Tables 1 and 2 (data of problems f and phi), Table 3
    ("TOPSIS vector normalization" rows). Criterion 1 (risk) is minimised, criterion 2
    (altitude) maximised, equal weights. Published to 3 decimals:
    f: C* = 0.762, 0.722, 0.238; phi (phi1 = f1 + 5, phi2 = f2/1000 - 1): 0.489, 0.612, 0.511.
    """
    w, types = [0.5, 0.5], [-1, 1]
    f = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
    phi = np.array([[6, 2.0], [7, 2.75], [10, 3.5]])
    np.testing.assert_allclose(topsis(f, w, types), [0.762, 0.722, 0.238], atol=5e-4)
    np.testing.assert_allclose(topsis(phi, w, types), [0.489, 0.612, 0.511], atol=5e-4)
    # the paper's normalised values r(f), also printed to 3 decimals
    r = explain("topsis", f, w, types)["normalized"]
    np.testing.assert_allclose(r[:, 0], 1 - np.array([0.183, 0.365, 0.913]), atol=5e-4)
    np.testing.assert_allclose(r[:, 1], [0.456, 0.570, 0.684], atol=5e-4)


def test_constant_column_adds_nothing():
    X, W = random_problem(22, m=5, n=3, k=1)
    with_const = np.column_stack([X, np.full(5, 4.0)])
    w4 = np.append(W[0], 0.3)
    for kind in ("vector", "minmax", "max"):
        np.testing.assert_allclose(
            topsis(with_const, w4, [1, 1, 1, 1], kind), topsis(X, W[0], [1, 1, 1], kind), **TOL
        )


def test_identical_alternatives_get_one_half():
    assert topsis([[1.0, 2.0]], [0.5, 0.5], [1, 1]).tolist() == [0.5]
    np.testing.assert_array_equal(topsis([[1.0, 2.0], [1.0, 2.0]], [0.5, 0.5], [1, -1]), [0.5, 0.5])


def test_single_criterion_and_ties():
    np.testing.assert_allclose(topsis([[1.0], [2.0], [3.0]], [1.0], [1]), [0.0, 0.5, 1.0], **TOL)
    s = topsis([[1.0, 5.0], [1.0, 5.0], [2.0, 3.0]], [0.5, 0.5], [1, 1])
    assert s[0] == s[1]


def test_scale_invariance_of_weights():
    X, W = random_problem(23, k=1)
    types = TYPE_MIXES["mixed"](X.shape[1])
    np.testing.assert_allclose(topsis(X, 7 * W[0], types), topsis(X, W[0], types), **TOL)
