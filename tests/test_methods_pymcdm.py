"""run_pymcdm: the lazy adapter runs pymcdm classes by name and agrees with our kernels."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import TOL, random_problem
from samvalg.errors import SamvalgError
from samvalg.methods import run_pymcdm, topsis, vikor, wsm


def test_runs_classes_by_name_and_matches_kernels():
    X, W = random_problem(70, k=1)
    w = W[0]
    types = np.array([1, -1, 1, -1, 1])
    np.testing.assert_allclose(
        run_pymcdm("wsm", X, w, types, normalization="max", validation=False),
        wsm(X, w, types),
        **TOL,
    )
    np.testing.assert_allclose(
        run_pymcdm("TOPSIS", X, w, types, normalization="vector", validation=False),
        topsis(X, w, types),
        **TOL,
    )
    np.testing.assert_allclose(
        run_pymcdm("VIKOR", X, w, types, validation=False), vikor(X, w, types).Q, **TOL
    )


def test_other_pymcdm_methods_with_constructor_arguments():
    X, W = random_problem(71, k=1)
    types = np.array([1, -1, 1, -1, 1])  # COPRAS needs a cost criterion
    bounds = np.column_stack([X.min(axis=0) - 1, X.max(axis=0) + 1])
    spotis = run_pymcdm("SPOTIS", X, W[0], types, bounds=bounds, validation=False)
    copras = run_pymcdm("copras", X, W[0], types, validation=False)
    assert spotis.shape == copras.shape == (X.shape[0],)
    assert np.isfinite(spotis).all() and np.isfinite(copras).all()


def test_errors():
    X, W = random_problem(72, k=2)
    types = np.ones(X.shape[1])
    with pytest.raises(SamvalgError, match="did you mean 'TOPSIS'"):
        run_pymcdm("topsiss", X, W[0], types)
    with pytest.raises(SamvalgError, match="batched"):
        run_pymcdm("TOPSIS", X, W, types)
    with pytest.raises(SamvalgError, match="normalization"):
        run_pymcdm("TOPSIS", X, W[0], types, normalization="l7")
    with pytest.raises(SamvalgError, match="does not accept"):
        run_pymcdm("TOPSIS", X, W[0], types, colour="red")
