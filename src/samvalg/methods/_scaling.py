"""Exact power-of-two rescaling against overflow and underflow, and the finiteness guard.

Every method here is invariant to a positive scale of the weights (WSM, PROMETHEE II and
VIKOR's S and R scale with it, TOPSIS closeness, VIKOR's Q and the WPM ranking do not
change), and every normalisation except ``"none"`` is invariant to a positive scale of each
column. So a weight vector near the largest float (``w * 1e300``) or among the subnormals,
or a column of ``X`` that is, can be computed after a scaling and the scale put back.

Scaling is by powers of two (:func:`numpy.ldexp`), which is exact in binary floating point:
``ldexp(x, -e)`` changes only the exponent. Inputs in the ordinary range, weights with row
sums and columns with largest magnitude in ``[2**-240, 2**240]`` (about ``1e-72 .. 1e72``),
are never scaled, so their results are bit for bit what they were without this module.

What no scaling can make representable (a WSM score above ``1.8e308``, a WPM product below
the smallest normal float) is refused by :func:`check_finite_result` with a located
:class:`samvalg.errors.ValidationError`, never returned as ``inf``, ``nan`` or a silent 0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import Problem, ValidationError
from samvalg.methods._validation import SOURCE

#: Magnitudes in [_LOW, _HIGH] are used as given.
_HIGH = 2.0**240
_LOW = 2.0**-240


def row_exponents(W: NDArray[np.float64]) -> NDArray[np.int64] | None:
    """Per-row exponents ``e`` such that ``ldexp(W[k], -e[k])`` has its maximum in [0.5, 1).

    ``W`` is (K, n), validated (finite, non-negative, a positive entry per row). Rows whose sum
    lies in the ordinary range get 0; None when every row does (the common case: one
    contraction over the short axis, no temporary the size of ``W``).
    """
    with np.errstate(over="ignore"):
        sums = np.einsum("kn->k", W)
    ordinary = (sums >= _LOW) & (sums <= _HIGH)
    if ordinary.all():
        return None
    _, e = np.frexp(W.max(axis=-1))
    return np.where(ordinary, 0, e).astype(np.int64)


def scaled_rows(W: NDArray[np.float64], e: NDArray[np.int64] | None) -> NDArray[np.float64]:
    """``W`` with row k multiplied by ``2**-e[k]`` (``W`` itself when ``e`` is None)."""
    return W if e is None else np.ldexp(W, -e[:, None])


def unscale_rows_t(A: NDArray[np.float64], e: NDArray[np.int64] | None) -> NDArray[np.float64]:
    """Undo :func:`scaled_rows` on an (m, K) result that is linear in the weights."""
    if e is None:
        return A
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(A, e[None, :])


def scaled_columns(X: NDArray[np.float64], *, small: bool = False) -> NDArray[np.float64]:
    """``X`` with each column out of the ordinary range scaled by a power of two into it.

    A column (over the alternatives axis, per matrix of a stack) whose largest magnitude is
    above ``2**240`` (or, with ``small=True``, below ``2**-240`` and not zero) is multiplied
    by ``2**-e`` so that its largest magnitude lands in [0.5, 1); other columns, and ``X``
    itself when no column needs it, are returned unchanged (without ``small``, the check is
    two whole-array reductions). Use only where the result is invariant to a positive scale
    per column.
    """
    if not small and max(X.max(), -X.min()) <= _HIGH:
        return X
    big = np.maximum(X.max(axis=-2, keepdims=True), -X.min(axis=-2, keepdims=True))
    ordinary = big <= _HIGH
    if small:
        ordinary &= (big >= _LOW) | (big == 0)
    if ordinary.all():
        return X
    _, e = np.frexp(big)
    return np.ldexp(X, -np.where(ordinary, 0, e))


def scaled_globally(R: NDArray[np.float64]) -> NDArray[np.float64]:
    """``R`` times one power of two bringing its largest magnitude into [0.5, 1), if needed.

    For a result invariant to one positive scale of the whole matrix (TOPSIS closeness with
    any normalisation, ``"none"`` included); ``R`` itself in the ordinary range.
    """
    big = max(R.max(), -R.min())
    if big == 0 or _LOW <= big <= _HIGH:
        return R
    _, e = np.frexp(big)
    return np.ldexp(R, -int(e))


def check_finite_result(
    result: NDArray[np.float64], method: str, W: NDArray[np.float64], X: NDArray[np.float64]
) -> None:
    """Raise a located error when ``result`` has a non-finite entry (nothing is returned silently).

    The error names ``w`` when the weights are outside the ordinary range and ``X`` otherwise,
    with the largest magnitude found, and says what the method needs.
    """
    if np.isfinite(result).all():
        return
    w_big = float(W.max())
    x_big = float(np.abs(X).max())
    if not (_LOW <= w_big <= _HIGH):
        location, found = "w", f"largest weight {w_big:.6g}"
    else:
        location, found = "X", f"largest |value| {x_big:.6g}"
    raise ValidationError(
        [
            Problem(
                SOURCE,
                location,
                f"{method} overflows the float range with these inputs ({found}): the result "
                "would be inf or nan",
                "values whose scores stay below about 1.8e308 (scale X or w down; rankings "
                "do not change when w is multiplied by a positive number)",
            )
        ]
    )
