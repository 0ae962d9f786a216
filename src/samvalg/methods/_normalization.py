r"""Column normalisations, each exactly as :mod:`pymcdm.normalizations` defines it.

Every normalisation works per criterion (column) over the alternatives axis: on an (m, n)
matrix over its m rows, on a (k, m, n) stack over each matrix's own m rows. Cost criteria
(``types == -1``) are turned around so that a higher normalised value is always better.
For column :math:`x = (x_1, \dots, x_m)` of criterion :math:`j`:

============  =====================================  =====================================
kind          benefit (+1)                           cost (-1)
============  =====================================  =====================================
``"vector"``  :math:`x_i / \lVert x \rVert_2`        :math:`1 - x_i / \lVert x \rVert_2`
``"minmax"``  :math:`(x_i - \min x)/(\max x-\min x)` :math:`(\max x - x_i)/(\max x-\min x)`
``"max"``     :math:`x_i / \max x`                   :math:`1 - x_i / \max x`
``"sum"``     :math:`x_i / \sum x`                   :math:`x_i^{-1} / \sum_l x_l^{-1}`
``"linear"``  :math:`x_i / \max x`                   :math:`\min x / x_i`
``"none"``    :math:`x_i`                            :math:`-x_i`
============  =====================================  =====================================

``"none"`` is samvalg's own: values are used as given and cost criteria count negatively
(the sign is flipped), so that "higher is better" holds for every column.

Degenerate columns (documented behaviour, tested):

* constant column: ``"minmax"`` gives all ones for benefit *and* cost (as pymcdm);
  ``"max"`` gives ones (cost: zeros); ``"vector"`` gives :math:`1/\sqrt m` (cost
  :math:`1 - 1/\sqrt m`); ``"sum"`` gives :math:`1/m`; ``"linear"`` gives ones. A constant
  column never changes a weighted-sum ranking.
* all-zero column: ``"max"`` and ``"vector"`` would divide by zero (pymcdm returns NaN with a
  RuntimeWarning); samvalg raises :class:`samvalg.errors.ValidationError` naming the column.
  ``"max"`` also raises when the column maximum is 0 with negative entries.
* ``"sum"`` needs every value > 0 and ``"linear"`` every value != 0 (pymcdm raises a bare
  ValueError); samvalg raises :class:`samvalg.errors.ValidationError` naming the entries.
* ``"max"`` on a column whose maximum is negative is computed as pymcdm does, but means
  little: use it for non-negative data.

The scale-anchored value function :func:`scale_values` does not depend on the other
alternatives (no rank reversal from normalisation) and is samvalg's default value model.

References
----------
Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm -- The universal library for
solving multi-criteria decision-making problems. SoftwareX, 22, 101368.
Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making. Springer (vector
normalisation).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError
from samvalg.methods._scaling import scaled_columns
from samvalg.methods._validation import SOURCE, _iv, as_float_array, check_finite

__all__ = ["NORMALIZATIONS", "normalize", "scale_values"]

#: The normalisation kinds accepted everywhere a ``normalization`` argument is taken.
NORMALIZATIONS: tuple[str, ...] = ("vector", "minmax", "max", "sum", "linear", "none")


def _column_location(X: NDArray[np.float64], flat_index: int) -> str:
    """'X[:, 2]' for (m, n), 'X[4, :, 2]' for (k, m, n), from an index into X's (k*)n columns."""
    n = X.shape[-1]
    if X.ndim == 2:
        return f"X[:, {flat_index}]"
    return f"X[{flat_index // n}, :, {flat_index % n}]"


def _normalization_problems(X: NDArray[np.float64], kind: str | None) -> list[Problem]:
    """Columns on which ``kind`` is undefined (division by zero, non-positive values)."""
    problems: list[Problem] = []
    cols = np.moveaxis(X, -2, -1).reshape(-1, X.shape[-2])  # one row per (matrix, criterion)
    if kind == "max":
        bad = np.flatnonzero(cols.max(axis=1) == 0)
        why = "its maximum is 0, and 'max' divides by the column maximum"
    elif kind == "vector":
        bad = np.flatnonzero(~(cols != 0).any(axis=1))
        why = "it is all zero, and 'vector' divides by the column's Euclidean norm"
    elif kind == "sum":
        bad = np.flatnonzero((cols <= 0).any(axis=1))
        why = "it has values <= 0, and 'sum' needs every value > 0"
    elif kind == "linear":
        bad = np.flatnonzero((cols == 0).any(axis=1))
        why = "it has zeros, and 'linear' divides by the values"
    else:
        return problems
    for j in bad[:5]:
        problems.append(
            Problem(
                SOURCE,
                _column_location(X, int(j)),
                f"normalization {kind!r} is undefined on this column: {why}",
                "'minmax', or scale_values() with the scale's declared bounds",
            )
        )
    return problems


#: A column whose sum of squares is below this (2**-960) is scaled up before "vector".
_SMALLEST_SQUARES = 2.0**-960
#: "sum" scales a column up when it has values below this (2**-240).
_SMALLEST_SUM_VALUE = 2.0**-240


def _normalize(
    X: NDArray[np.float64], types: NDArray[np.float64], kind: str
) -> NDArray[np.float64]:
    """Kernel: normalise every column of X (..., m, n) over axis -2; trusts its input."""
    cost = types < 0
    if kind == "none":
        return X * types
    # every other kind is invariant to a positive scale per column: columns beyond 2**240
    # are scaled down by a power of two (exact; ordinary input is untouched), see _scaling
    X = scaled_columns(X)
    if kind == "max":
        r = X / X.max(axis=-2, keepdims=True)
        return np.asarray(np.where(cost, 1 - r, r), dtype=np.float64)
    if kind == "vector":
        squares = np.sum(X**2, axis=-2, keepdims=True)
        if not (squares >= _SMALLEST_SQUARES).all():  # squares of tiny columns underflow
            X = scaled_columns(X, small=True)
            squares = np.sum(X**2, axis=-2, keepdims=True)
        r = X / np.sqrt(squares)
        return np.asarray(np.where(cost, 1 - r, r), dtype=np.float64)
    if kind == "minmax":
        mn = X.min(axis=-2, keepdims=True)
        mx = X.max(axis=-2, keepdims=True)
        span = mx - mn
        constant = span == 0
        num = np.where(cost, mx - X, X - mn)
        out = np.divide(num, span, out=np.ones_like(X), where=~constant)
        return np.asarray(out, dtype=np.float64)
    if kind == "sum":
        if X.min() < _SMALLEST_SUM_VALUE:  # 1/x of a tiny column would overflow
            X = scaled_columns(X, small=True)
        benefit = X / np.sum(X, axis=-2, keepdims=True)
        inv = 1 / X
        return np.asarray(
            np.where(cost, inv / np.sum(inv, axis=-2, keepdims=True), benefit), dtype=np.float64
        )
    if kind == "linear":
        benefit = X / X.max(axis=-2, keepdims=True)
        return np.asarray(
            np.where(cost, X.min(axis=-2, keepdims=True) / X, benefit), dtype=np.float64
        )
    raise ValueError(f"unknown normalization {kind!r}")  # unreachable after validation


def check_normalizable(X: NDArray[np.float64], kind: str | None) -> None:
    """Raise a located ValidationError if ``kind`` is undefined on some column of ``X``."""
    problems = _normalization_problems(X, kind)
    if problems:
        raise ValidationError(problems)


def normalize(X: ArrayLike, types: ArrayLike, kind: str = "minmax") -> NDArray[np.float64]:
    r"""Normalise each criterion column as :mod:`pymcdm.normalizations` does.

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Alternatives x criteria; a stack is normalised matrix by matrix.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    kind : {"vector", "minmax", "max", "sum", "linear", "none"}
        See the module docstring for the formula of each and for degenerate columns.

    Returns
    -------
    ndarray
        Same shape as ``X``; for every kind except ``"none"`` a higher value is better.

    Raises
    ------
    samvalg.errors.ValidationError
        Bad shapes or values, an unknown ``kind``, or a column on which ``kind`` is undefined.

    Examples
    --------
    >>> import numpy as np
    >>> normalize(np.array([[1.0, 10.0], [3.0, 20.0]]), [1, -1], "max")
    array([[0.33333333, 0.5       ],
           [1.        , 0.        ]])
    """
    iv = _iv(X, None, types, normalization=kind, allowed_normalizations=NORMALIZATIONS)
    check_normalizable(iv.X, kind)
    return _normalize(iv.X, iv.types, kind)


def scale_values(
    X: ArrayLike, lower: ArrayLike, upper: ArrayLike, types: ArrayLike
) -> NDArray[np.float64]:
    r"""The scale-anchored value function: map each scale's own bounds to 0 and 1.

    .. math::
        v_{ij} = \frac{x_{ij} - l_j}{u_j - l_j} \ \text{(benefit)}, \qquad
        v_{ij} = \frac{u_j - x_{ij}}{u_j - l_j} \ \text{(cost)}

    Unlike the data-dependent normalisations this does not look at the other alternatives,
    so adding or removing an option never changes another option's values. Values outside
    ``[lower, upper]`` map outside ``[0, 1]`` (linear extrapolation; the assessment layer
    rejects such scores before they get here).

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Scores in scale units.
    lower, upper : float or array_like of shape (n,)
        The scale's bounds, per criterion or shared; ``upper > lower``.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.

    Returns
    -------
    ndarray
        Same shape as ``X``.

    Examples
    --------
    >>> scale_values([[1.0, 5.0], [3.0, 2.0]], 1, 5, [1, -1])
    array([[0.  , 0.  ],
           [0.5 , 0.75]])
    """
    iv = _iv(X, None, types)
    n = iv.X.shape[-1]
    problems: list[Problem] = []
    lo = as_float_array(lower, "lower", problems)
    hi = as_float_array(upper, "upper", problems)
    if problems:
        raise ValidationError(problems)
    for name, arr in (("lower", lo), ("upper", hi)):
        if arr.ndim > 1 or (arr.ndim == 1 and arr.shape[0] != n):
            problems.append(
                Problem(SOURCE, name, f"has shape {arr.shape}", f"a number or shape ({n},)")
            )
        else:
            check_finite(arr, name, problems)
    if problems:
        raise ValidationError(problems)
    lo_b = np.broadcast_to(lo, (n,))
    hi_b = np.broadcast_to(hi, (n,))
    bad = np.flatnonzero(~(hi_b > lo_b))
    if bad.size:
        raise ValidationError(
            Problem(
                SOURCE,
                f"upper[{j}]" if hi.ndim else "upper",
                f"is {hi_b[j]!r}, not above lower = {lo_b[j]!r}",
                "upper > lower",
            )
            for j in bad[:5]
        )
    span = hi_b - lo_b
    return np.where(iv.types < 0, (hi_b - iv.X) / span, (iv.X - lo_b) / span)
