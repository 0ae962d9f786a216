r"""Weighted sum (WSM) and weighted product (WPM) models, batched over weight vectors.

WSM (Fishburn 1967): with normalised values :math:`r_{ij}` (higher is better),

.. math:: P_i = \sum_{j=1}^{n} w_j\, r_{ij}.

WPM (Bridgman 1922; Miller & Starr 1969):

.. math:: P_i = \prod_{j=1}^{n} r_{ij}^{\,w_j},

computed as :math:`\exp(\sum_j w_j \ln r_{ij})` so that k weight vectors cost one matrix
product; a zero :math:`r_{ij}` with :math:`w_j > 0` gives :math:`P_i = 0` and
:math:`0^0 = 1`, as in pymcdm. With ``normalization="none"`` WPM uses the raw values and a
cost criterion enters with a negative exponent, :math:`P_i = \prod_j x_{ij}^{t_j w_j}`
(the classical ratio form of Miller & Starr; "counts negatively" in log space), which
needs every value > 0.

Weights are used as given, not renormalised (as pymcdm does): scaling ``w`` scales WSM
scores and raises WPM scores to a power; rankings are unchanged. Weights and columns at any
finite scale are handled by exact power-of-two scaling (:mod:`samvalg.methods._scaling`):
WSM scores are right wherever they are representable, WPM scores wherever they are normal
floats; elsewhere a :class:`samvalg.errors.ValidationError` names the argument.

References
----------
Fishburn, P. C. (1967). Additive utilities with incomplete product sets: application to
priorities and assignments. Operations Research Society of America (ORSA), Baltimore.
Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
Miller, D. W., & Starr, M. K. (1969). Executive Decisions and Operations Research.
Prentice-Hall.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError
from samvalg.methods._common import contract, contract_t, resolve
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._scaling import (
    check_finite_result,
    row_exponents,
    scaled_rows,
    unscale_rows_t,
)
from samvalg.methods._validation import SOURCE, _iv, finish

__all__ = ["wpm", "wsm", "wsm_contributions"]


def _wsm_kernel(
    X: NDArray[np.float64], W: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> NDArray[np.float64]:
    """Scores (K, m) of the weighted sum; trusts its input."""
    return contract(_normalize(X, types, kind), W)


def _wpm_log_values(
    X: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(log r, zero mask as float) of the WPM factors."""
    if kind == "none":
        return types * np.log(X), np.zeros_like(X)
    R = _normalize(X, types, kind)
    positive = R > 0
    logR = np.log(R, out=np.zeros_like(R), where=positive)
    return logR, (~positive).astype(np.float64)


def _wpm_kernel(
    X: NDArray[np.float64], W: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> NDArray[np.float64]:
    """Scores (K, m) of the weighted product; trusts its input (normalised values >= 0)."""
    logR, zero = _wpm_log_values(X, types, kind)
    scores = np.exp(contract(logR, W))
    if zero.any():
        hits = contract(zero, (W > 0).astype(np.float64)) > 0
        scores = np.where(hits, 0.0, scores)
    return scores


#: ln of the largest float and of the smallest normal float: WPM log scores outside this
#: range cannot be returned as products (exp overflows to inf or underflows to 0/subnormal).
_LOG_MAX = float(np.log(np.finfo(np.float64).max))
_LOG_TINY = float(np.log(np.finfo(np.float64).tiny))


def _wpm_checked(
    X: NDArray[np.float64], W: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> NDArray[np.float64]:
    r""":func:`_wpm_kernel` for the public :func:`wpm`: exact log scores, or a located error.

    The log score :math:`L_i = \sum_j w_j \ln r_{ij}` is computed with each weight vector
    scaled by a power of two into the ordinary range (exact) and scaled back, so it is right
    for any finite weights; the product :math:`e^{L_i}` is returned where it is a normal
    float, and a :class:`ValidationError` naming ``w`` is raised where it is not.
    """
    logR, zero = _wpm_log_values(X, types, kind)
    e = row_exponents(W)
    with np.errstate(over="ignore", invalid="ignore"):
        L = unscale_rows_t(contract_t(logR, scaled_rows(W, e)), e)  # (m, K)
    hits = (
        contract_t(zero, (W > 0).astype(np.float64)) > 0 if zero.any() else np.zeros(L.shape, bool)
    )
    bad = ~hits & ~((L >= _LOG_TINY) & (L <= _LOG_MAX))
    if bad.any():
        i, k = (int(v) for v in np.argwhere(bad)[0])
        log10 = L[i, k] / np.log(10.0)
        size = "above the largest float" if L[i, k] > 0 else "below the smallest normal float"
        where = "w" if W.shape[0] == 1 else f"w[{k}]"
        raise ValidationError(
            [
                Problem(
                    SOURCE,
                    where,
                    f"WPM scores are not representable: the weighted product of alternative "
                    f"{i} is 10**{log10:.6g}, {size} ({int(bad.sum())} score(s) affected); "
                    "the exponents are the raw weights",
                    "weights on a smaller scale, e.g. w / sum(w): WPM ranks alike for any "
                    "positive multiple of w (the scores are raised to that power)",
                )
            ]
        )
    scores = np.exp(L)
    if hits.any():
        scores[hits] = 0.0
    return np.ascontiguousarray(scores.T)


def _check_wpm(X: NDArray[np.float64], types: NDArray[np.float64], kind: str) -> None:
    if kind == "none":
        bad = np.argwhere(X <= 0)
        what = "WPM with normalization 'none' needs every value > 0 (it takes x ** (+-w))"
    else:
        bad = np.argwhere(_normalize(X, types, kind) < 0)
        what = f"WPM needs normalised values >= 0, and {kind!r} gives a negative value here"
    if bad.size:
        raise ValidationError(
            Problem(
                SOURCE,
                "X[" + ", ".join(str(int(i)) for i in idx) + "]",
                f"{what} (value {X[tuple(idx)]!r})",
                "normalization 'minmax', 'sum' or 'max' on non-negative data",
            )
            for idx in bad[:5]
        )


def wsm(
    X: ArrayLike, w: ArrayLike, types: ArrayLike, normalization: str | None = "max"
) -> NDArray[np.float64]:
    r"""Weighted sum model: :math:`P_i = \sum_j w_j r_{ij}` (Fishburn 1967).

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Alternatives x criteria (a stack: one matrix per weight vector or sample).
    w : array_like, shape (n,) or (k, n)
        Non-negative weights, used as given (not renormalised, as pymcdm).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    normalization : str or None
        One of :data:`samvalg.methods.NORMALIZATIONS`; None means the default ``"max"``.
        (pymcdm's ``WSM`` defaults to ``sum``; pass it explicitly to compare.)

    Returns
    -------
    ndarray, shape (m,) or (k, m)
        Higher is better.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[4.0, 2.0], [2.0, 4.0], [3.0, 3.0]])
    >>> wsm(X, [0.6, 0.4], [1, 1])
    array([0.8 , 0.7 , 0.75])
    >>> wsm(X, [[0.6, 0.4], [0.2, 0.8]], [1, 1]).shape
    (2, 3)
    """
    kind = resolve(normalization, "max")
    iv = _iv(X, w, types, normalization=kind, allowed_normalizations=NORMALIZATIONS)
    check_normalizable(iv.X, kind)
    e = row_exponents(iv.W)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        R = _normalize(iv.X, iv.types, kind)
        out = unscale_rows_t(contract_t(R, scaled_rows(iv.W, e)), e)
    check_finite_result(out, "WSM", iv.W, iv.X)
    return finish(np.ascontiguousarray(out.T), iv.batched)


def wsm_contributions(
    X: ArrayLike, w: ArrayLike, types: ArrayLike, normalization: str | None = "max"
) -> NDArray[np.float64]:
    r"""Per-criterion contributions :math:`w_j r_{ij}` to the WSM score.

    ``wsm_contributions(...).sum(axis=-1)`` equals :func:`wsm` with the same arguments.

    Returns
    -------
    ndarray, shape (m, n), or (k, m, n) when ``X`` or ``w`` is batched

    Examples
    --------
    >>> wsm_contributions([[4.0, 2.0], [2.0, 4.0]], [0.6, 0.4], [1, 1])
    array([[0.6, 0.2],
           [0.3, 0.4]])
    """
    kind = resolve(normalization, "max")
    iv = _iv(X, w, types, normalization=kind, allowed_normalizations=NORMALIZATIONS)
    check_normalizable(iv.X, kind)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        R = _normalize(iv.X, iv.types, kind)
        out = iv.W[:, None, :] * R
    check_finite_result(out, "WSM", iv.W, iv.X)
    return finish(out, iv.batched)


def wpm(
    X: ArrayLike, w: ArrayLike, types: ArrayLike, normalization: str | None = "sum"
) -> NDArray[np.float64]:
    r"""Weighted product model: :math:`P_i = \prod_j r_{ij}^{w_j}` (Bridgman 1922).

    Parameters
    ----------
    X, w, types
        As in :func:`wsm`.
    normalization : str or None
        Default (and None) ``"sum"``, as pymcdm's ``WPM``. ``"none"`` uses
        :math:`\prod_j x_{ij}^{t_j w_j}` (cost criteria with a negative exponent).

    Returns
    -------
    ndarray, shape (m,) or (k, m)
        Higher is better.

    Raises
    ------
    samvalg.errors.ValidationError
        Also when a normalised value is negative (a product of fractional powers of a
        negative number is undefined), and when a score is not representable as a normal
        float. The weights are the exponents, used as given (as pymcdm): with
        ``w = [500, 300, 200]`` and values below 1 the products are around ``10**-300`` and
        smaller. Such scores are never returned as a silent 0 or inf: the log score
        :math:`\sum_j w_j \ln r_{ij}` is computed exactly (weights scaled by a power of two
        and back), and the error names ``w`` with the order of magnitude found. The ranking
        is the same for any positive multiple of ``w``, so ``w / sum(w)`` is the usual fix.

    Examples
    --------
    >>> wpm([[1.0, 4.0], [4.0, 1.0]], [0.5, 0.5], [1, 1], normalization="max")
    array([0.5, 0.5])
    """
    kind = resolve(normalization, "sum")
    iv = _iv(X, w, types, normalization=kind, allowed_normalizations=NORMALIZATIONS)
    check_normalizable(iv.X, kind)
    _check_wpm(iv.X, iv.types, kind)
    return finish(_wpm_checked(iv.X, iv.W, iv.types, kind), iv.batched)
