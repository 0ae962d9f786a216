r"""Weighted product model (WPM), batched over weight vectors: kernel, steps and spec.

Bridgman (1922); Miller & Starr (1969):

.. math:: P_i = \prod_{j=1}^{n} r_{ij}^{\,w_j},

computed as :math:`\exp(\sum_j w_j \ln r_{ij})` so that k weight vectors cost one matrix
product; a zero :math:`r_{ij}` with :math:`w_j > 0` gives :math:`P_i = 0` and
:math:`0^0 = 1`, as in pymcdm. With ``normalization="none"`` WPM uses the raw values and a
cost criterion enters with a negative exponent, :math:`P_i = \prod_j x_{ij}^{t_j w_j}`
(the classical ratio form of Miller & Starr; "counts negatively" in log space), which
needs every value > 0.

Weights are used as given, not renormalised (as pymcdm does): scaling ``w`` raises the
scores to a power; rankings are unchanged. Scores are right wherever they are normal floats;
elsewhere a :class:`samvalg.errors.ValidationError` names the argument.

References
----------
Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
Miller, D. W., & Starr, M. K. (1969). Executive Decisions and Operations Research.
Prentice-Hall.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError
from samvalg.methods._common import contract, contract_t, resolve
from samvalg.methods._derivation import Step, checked_normalization, normalized_step
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._scaling import row_exponents, scaled_rows, unscale_rows_t
from samvalg.methods._spec import MethodSpec
from samvalg.methods._validation import SOURCE, _iv, finish

__all__ = ["SPEC", "wpm"]


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


def _steps(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    options: dict[str, Any],
) -> tuple[Step, ...]:
    """Normalised matrix, weighted factors, weighted product."""
    kind = checked_normalization(X, options, "sum")
    _check_wpm(X, types, kind)
    R = types * np.log(X) if kind == "none" else _normalize(X, types, kind)
    factors = np.exp(w * R) if kind == "none" else R**w
    return (
        normalized_step(X if kind == "none" else R, kind),
        Step("weighted", "r_{ij}^{w_j}", "Vektede faktorer", "Weighted factors", factors),
        Step(
            "score",
            "P_i = \\prod_j r_{ij}^{w_j}",
            "Samlet skår (vektet produkt)",
            "Overall score (weighted product)",
            _wpm_kernel(X, w[None], types, kind)[0],
        ),
    )


SPEC = MethodSpec(
    "wpm",
    "Vektet produkt (WPM)",
    "Weighted product model (WPM)",
    False,
    True,
    "sum",
    wpm,
    "Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press; "
    "Miller, D. W. & Starr, M. K. (1969). Executive Decisions and Operations "
    "Research. Prentice-Hall.",
    steps=_steps,
    scale_anchored_normalization="sum",
    ratio_scale=True,
    log_linear=True,
)
