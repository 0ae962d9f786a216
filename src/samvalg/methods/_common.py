"""Small array helpers shared by the kernels (private)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def contract(A: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weighted sum over criteria: ``sum_j W[k, j] * A[(k,) i, j]`` -> shape (K, m).

    ``A`` is (m, n) (shared by every weight vector) or (k, m, n); ``W`` is (kw, n) with
    kw == 1 or kw == k. One matrix product, no Python loop over k.
    """
    if A.ndim == 2:
        return W @ A.T
    if W.shape[0] == 1:
        return A @ W[0]
    return np.einsum("kmn,kn->km", A, W)


def resolve(normalization: str | None, default: str | None) -> str | None:
    """``None`` means the method's default normalisation."""
    return default if normalization is None else normalization
