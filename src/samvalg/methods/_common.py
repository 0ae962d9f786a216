"""Small array helpers shared by the kernels (private).

Kernels work internally in an "alternatives-major" layout, (m, K), so that every reduction
over the alternatives (min, max, argmin) runs along the long K axis; criteria are contracted
with one einsum, and never with a Python loop over the k weight vectors.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def criteria_major(A: NDArray[np.float64]) -> NDArray[np.float64]:
    """A (m, n) -> (n, m, 1); A (k, m, n) -> (n, m, k): one (m, K)-broadcastable slab per j."""
    if A.ndim == 2:
        return A.T[:, :, None]
    return A.transpose(2, 1, 0)


def contract_t(A: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weighted sum over criteria in (m, K) layout: ``out[i, k] = sum_j A[(k,) i, j] W[k, j]``.

    ``A`` is (m, n) (shared by every weight vector) or (k, m, n); ``W`` is (kw, n) with
    kw == 1 or kw == k. One ``einsum`` (NumPy's own loops: for these thin shapes it is as
    fast as BLAS and does not stall on BLAS threads when the machine is busy); no Python
    loop over k.
    """
    WT = np.ascontiguousarray(W.T)  # (n, kw)
    if A.ndim == 2:
        return np.asarray(np.einsum("mn,nk->mk", A, WT), dtype=np.float64)
    if W.shape[0] == 1:
        return np.asarray(np.einsum("kmn,n->mk", A, WT[:, 0]), dtype=np.float64)
    return np.asarray(np.einsum("kmn,nk->mk", A, WT), dtype=np.float64)


def contract(A: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
    """As :func:`contract_t`, returned as a contiguous (K, m) array."""
    return np.ascontiguousarray(contract_t(A, W).T)


def resolve(normalization: str | None, default: str) -> str:
    """``None`` means the method's default normalisation."""
    return default if normalization is None else normalization
