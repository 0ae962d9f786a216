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
    for name in ("wsm", "topsis", "promethee_ii"):
        U = prepare_utility(name, Xt, TYPES)(W)
        assert np.array_equal(U[1], U[3])


@pytest.mark.parametrize("name", ["wpm", "vikor"])
def test_no_prepared_form(name):
    assert prepare_utility(name, X, TYPES) is None
