r"""TOPSIS (Hwang & Yoon 1981), batched over weight vectors.

With normalised values :math:`r_{ij}` (higher is better, cost criteria already turned
around by the normalisation) and weighted values :math:`v_{ij} = w_j r_{ij}`:

.. math::
    v_j^+ = \max_i v_{ij}, \quad v_j^- = \min_i v_{ij}, \quad
    D_i^\pm = \sqrt{\textstyle\sum_j (v_{ij} - v_j^\pm)^2}, \quad
    C_i = \frac{D_i^-}{D_i^+ + D_i^-}.

Because weights are non-negative, :math:`v_j^\pm = w_j \max_i r_{ij}` (resp. min), so
:math:`(D_i^\pm)^2 = \sum_j w_j^2 (r_{ij} - r_j^\pm)^2` is one matrix product with
:math:`w^2` for all k weight vectors at once.

The default normalisation is ``"vector"`` (Hwang & Yoon's original). pymcdm's cost form
:math:`1 - x/\lVert x\rVert` only shifts and mirrors the column, which leaves both distances
unchanged, so it reproduces the original cost handling exactly. (pymcdm's ``TOPSIS``
defaults to ``minmax``; pass it explicitly to compare.)

Edge cases: a constant column adds nothing to either distance. When :math:`D^+ + D^- = 0`
(all alternatives identical on every weighted criterion, e.g. a single alternative)
the closeness is defined as 0.5 for every alternative (pymcdm returns NaN).

References
----------
Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
Applications. Lecture Notes in Economics and Mathematical Systems 186. Springer.
Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative
analysis of VIKOR and TOPSIS. European Journal of Operational Research, 156(2), 445-455.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.methods._common import resolve
from samvalg.methods._derivation import (
    Step,
    checked_normalization,
    normalized_step,
    weighted_step,
)
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._scaling import (
    check_finite_result,
    row_exponents,
    scaled_globally,
    scaled_rows,
)
from samvalg.methods._spec import MethodSpec, Prepared
from samvalg.methods._validation import _iv, finish

__all__ = ["SPEC", "topsis"]


def _squared_gaps(R: NDArray[np.float64]) -> NDArray[np.float64]:
    """G = [(r - r^+)^2; (r - r^-)^2] stacked on the alternatives axis: (2m, n) or (k, 2m, n).

    Weight-independent: for a fixed matrix compute it once and reuse it for every chunk.
    """
    return np.concatenate(
        [(R - R.max(axis=-2, keepdims=True)) ** 2, (R - R.min(axis=-2, keepdims=True)) ** 2],
        axis=-2,
    )


def _squared_weights_t(W: NDArray[np.float64]) -> NDArray[np.float64]:
    """(W * W).T as a contiguous (n, K) array, in one pass and one allocation."""
    WT = np.empty(W.shape[::-1])
    np.square(W.T, out=WT)
    return WT


def _topsis_distances(
    G: NDArray[np.float64], W: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(D+, D-), each a contiguous (m, K) half of one (2m, K) array; trusts its input.

    ``G`` is :func:`_squared_gaps` of the normalised matrix, (2m, n) or (k, 2m, n); ``W`` is
    (K, n). Both distances come from one contraction with :math:`w^2` (NumPy's own einsum
    loop: no BLAS threads that stall on a busy machine) and one in-place square root.
    """
    WT = _squared_weights_t(W)  # (n, K)
    if G.ndim == 2:
        d = np.einsum("mn,nk->mk", G, WT)
    elif W.shape[0] == 1:
        d = np.einsum("kmn,n->mk", G, WT[:, 0])
    else:
        d = np.einsum("kmn,nk->mk", G, WT)
    np.sqrt(d, out=d)
    m = d.shape[0] // 2
    return d[:m], d[m:]


def _closeness(d_plus: NDArray[np.float64], d_minus: NDArray[np.float64]) -> NDArray[np.float64]:
    """C = D-/(D+ + D-), 0.5 where D+ + D- = 0; a new array."""
    total = d_plus + d_minus
    if (total > 0).all():
        return d_minus / total
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def _closeness_inplace(
    d_plus: NDArray[np.float64], d_minus: NDArray[np.float64]
) -> NDArray[np.float64]:
    """As :func:`_closeness`, written over ``d_plus`` (no new (m, K) array); returns it."""
    total = np.add(d_plus, d_minus, out=d_plus)
    positive = total > 0
    if positive.all():
        return np.divide(d_minus, total, out=total)
    np.divide(d_minus, total, out=total, where=positive)
    total[~positive] = 0.5
    return total


def _topsis_closeness_t(G: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
    """Closeness coefficients in (m, K) layout from the squared gaps ``G``; trusts its input."""
    return _closeness_inplace(*_topsis_distances(G, W))


def _topsis_kernel(
    X: NDArray[np.float64], W: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> NDArray[np.float64]:
    """Closeness coefficients (K, m); trusts its input.

    Closeness is invariant to a positive scale of the weight vector and of the normalised
    matrix, so both are brought into the ordinary float range by exact powers of two first
    (a no-op for ordinary input; see :mod:`samvalg.methods._scaling`).
    """
    G = _squared_gaps(scaled_globally(_normalize(X, types, kind)))
    W = scaled_rows(W, row_exponents(W))
    return np.ascontiguousarray(_topsis_closeness_t(G, W).T)


def topsis(
    X: ArrayLike, w: ArrayLike, types: ArrayLike, normalization: str | None = "vector"
) -> NDArray[np.float64]:
    r"""TOPSIS closeness to the ideal, :math:`C_i = D_i^-/(D_i^+ + D_i^-)`.

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Alternatives x criteria.
    w : array_like, shape (n,) or (k, n)
        Non-negative weights, used as given.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    normalization : str or None
        One of :data:`samvalg.methods.NORMALIZATIONS`; None means ``"vector"``.

    Returns
    -------
    ndarray, shape (m,) or (k, m)
        Closeness in [0, 1]; higher is better.

    Raises
    ------
    samvalg.errors.ValidationError
        Bad input (named), or a result that would not be finite. Weights and values at any
        finite scale are fine: closeness does not change when ``w`` or the normalised matrix
        is multiplied by a positive number, and every normalisation except ``"none"`` does
        not change when a column of ``X`` is, so ``X * 1e300`` or ``w * 1e300`` give the
        same closeness as ``X`` and ``w`` (computed after an exact power-of-two scaling).

    Examples
    --------
    Opricovic & Tzeng (2004), Table 3, problem f (risk: cost, altitude: benefit):

    >>> import numpy as np
    >>> X = np.array([[1, 3000], [2, 3750], [5, 4500]])
    >>> np.round(topsis(X, [0.5, 0.5], [-1, 1]), 3)
    array([0.762, 0.722, 0.238])
    """
    kind = resolve(normalization, "vector")
    iv = _iv(X, w, types, normalization=kind, allowed_normalizations=NORMALIZATIONS)
    check_normalizable(iv.X, kind)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = _topsis_kernel(iv.X, iv.W, iv.types, kind)
    check_finite_result(out, "TOPSIS", iv.W, iv.X)
    return finish(out, iv.batched)


def _prepare(
    X: NDArray[np.float64], types: NDArray[np.float64], options: Mapping[str, Any]
) -> Prepared:
    r"""The squared gaps to the ideal and anti-ideal :math:`G^\pm` once; per chunk
    :math:`(D^\pm)^2 = G^\pm w^2`."""
    kind = resolve(options.get("normalization"), "vector")
    G = _squared_gaps(scaled_globally(_normalize(X, types, kind)))
    return lambda W: _topsis_closeness_t(G, W)


def _steps(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    options: dict[str, Any],
) -> tuple[Step, ...]:
    """Normalised and weighted matrices, ideal and anti-ideal, both distances, closeness."""
    kind = checked_normalization(X, options, "vector")
    R = _normalize(X, types, kind)
    V = w * R
    ideal, anti = V.max(axis=0), V.min(axis=0)
    d_plus = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((V - anti) ** 2).sum(axis=1))
    return (
        normalized_step(R, kind),
        weighted_step(V),
        Step("ideal", "v_j^+", "Idealløsning", "Positive ideal solution", ideal),
        Step("anti_ideal", "v_j^-", "Anti-idealløsning", "Negative ideal solution", anti),
        Step(
            "distance_ideal",
            "D_i^+",
            "Avstand til idealløsningen",
            "Distance to the ideal solution",
            d_plus,
        ),
        Step(
            "distance_anti_ideal",
            "D_i^-",
            "Avstand til anti-idealløsningen",
            "Distance to the negative ideal solution",
            d_minus,
        ),
        Step(
            "score",
            "C_i = D_i^- / (D_i^+ + D_i^-)",
            "Relativ nærhet til idealet",
            "Relative closeness to the ideal",
            _closeness(d_plus, d_minus),
        ),
    )


SPEC = MethodSpec(
    "topsis",
    "TOPSIS (nærhet til idealløsningen)",
    "TOPSIS (closeness to the ideal solution)",
    False,
    True,
    "vector",
    topsis,
    "Hwang, C. L. & Yoon, K. (1981). Multiple Attribute Decision Making: "
    "Methods and Applications. Springer.",
    prepare=_prepare,
    steps=_steps,
)
