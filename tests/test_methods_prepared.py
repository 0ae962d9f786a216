"""The prepared kernels equal the public functions bit for bit (alternatives-major layout)."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.methods import get_method
from samvalg.methods._prepared import prepare_utility

RNG = np.random.default_rng(11)
X = RNG.uniform(1.0, 5.0, size=(7, 11))
TYPES = np.where(np.arange(11) % 3 == 2, -1.0, 1.0)
W = RNG.dirichlet(np.ones(11), size=500)

CASES = [
    ("wsm", {"normalization": "max"}),
    ("wsm", {"normalization": None}),
    ("wsm", {"normalization": "minmax"}),
    ("wsm", {"normalization": "none"}),
    ("topsis", {"normalization": "vector"}),
    ("topsis", {"normalization": "minmax"}),
    ("promethee_ii", {}),
    ("promethee_ii", {"preference": "vshape_2", "q": 0.2, "p": 1.5}),
    ("promethee_ii", {"preference": ["usual", "gaussian"] * 5 + ["level"], "q": 0.3, "p": 1.0}),
    ("vikor", {}),
    ("vikor", {"v": 0.3}),
    ("vikor", {"normalization": "minmax", "v": 1.0}),
    ("vikor", {"normalization": "vector"}),
]


@pytest.mark.parametrize(("name", "kw"), CASES)
def test_prepared_equals_public_bit_for_bit(name, kw):
    f = prepare_utility(name, X, TYPES, **kw)
    assert f is not None
    U = f(W)
    assert U.shape == (7, W.shape[0])
    assert np.array_equal(U.T, get_method(name).utility(X, W, TYPES, **kw))
    # a single vector, as the confidence pass uses it
    assert np.array_equal(f(W[:1])[:, 0], get_method(name).utility(X, W[0], TYPES, **kw))


def test_prepared_ties_stay_ties():
    Xt = np.vstack([X[:3], X[1:2], X[3:]])  # rows 1 and 3 identical
    for name in ("wsm", "topsis", "promethee_ii", "vikor"):
        U = prepare_utility(name, Xt, TYPES)(W)
        assert np.array_equal(U[1], U[3])


def test_no_prepared_form():
    assert prepare_utility("wpm", X, TYPES) is None


def test_vikor_prepared_equals_pymcdm_and_edge_cases():
    """-Q equals pymcdm's VIKOR; a constant column and a constant S behave as the kernel."""
    from _methods_reference import TOL, ref_vikor

    f = prepare_utility("vikor", X, TYPES)
    U = f(W[:20])
    for k in range(20):
        np.testing.assert_allclose(-U[:, k], ref_vikor(X, W[k], TYPES, None)[2], **TOL)
    Xc = X.copy()
    Xc[:, 4] = 2.5  # a constant column: no regret on it
    Xs = np.vstack([X[:1], X[:1]])  # two equal options: S and R constant, Q = 0
    for M in (Xc, Xs):
        got = prepare_utility("vikor", M, TYPES)(W[:50])
        assert np.array_equal(got.T, get_method("vikor").utility(M, W[:50], TYPES))
    # many weight vectors (R by the kernel's loop over criteria) and few (one broadcast)
    Wmany = RNG.dirichlet(np.ones(11), size=2000)
    assert np.array_equal(f(Wmany).T, get_method("vikor").utility(X, Wmany, TYPES))
    assert np.array_equal(f(Wmany[:3]).T, get_method("vikor").utility(X, Wmany[:3], TYPES))
    # weights out of the ordinary float range: the kernel's exact power-of-two scaling
    Wbig = W[:5] * 1e300
    assert np.array_equal(f(Wbig).T, get_method("vikor").utility(X, Wbig, TYPES))
