"""Objective weights equal pymcdm.weights."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.errors import SamvalgError
from samvalg.weights import OBJECTIVE_METHODS, objective


@pytest.fixture
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    X = rng.uniform(1.0, 10.0, size=(6, 4))
    types = np.array([1, -1, 1, -1])
    return X, types


@pytest.mark.parametrize("method", list(OBJECTIVE_METHODS))
def test_equal_to_pymcdm(method: str, data: tuple[np.ndarray, np.ndarray]) -> None:
    import pymcdm.weights as pw

    X, types = data
    expected = getattr(pw, OBJECTIVE_METHODS[method][0])(X, types)
    r = objective(X, types, method)
    np.testing.assert_allclose(r.vector, np.asarray(expected).reshape(-1), rtol=1e-12, atol=1e-15)
    assert r.method == f"objective:{method}"
    assert r.vector.sum() == pytest.approx(1.0)
    assert r.input["types"] == types.tolist()


def test_labels(data: tuple[np.ndarray, np.ndarray]) -> None:
    X, types = data
    r = objective(X, types, "critic", labels=["a", "b", "c", "d"])
    assert r.labels == ("a", "b", "c", "d")


def test_errors(data: tuple[np.ndarray, np.ndarray]) -> None:
    X, types = data
    with pytest.raises(SamvalgError, match="unknown objective"):
        objective(X, types, "magic")
    with pytest.raises(SamvalgError, match="types"):
        objective(X, [1, 0, 1, 1], "entropy")
    bad = X.copy()
    bad[2, 1] = np.nan
    with pytest.raises(SamvalgError, match=r"X\[2, 1\]"):
        objective(bad, types, "entropy")
    const = X.copy()
    const[:, 0] = 3.0
    with pytest.raises(SamvalgError, match="undefined for this matrix"):
        objective(const, types, "critic")
