"""Perturbed matrices that differ from one matrix in one column, evaluated column by column."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from samvalg.methods._spec import MethodSpec

__all__: list[str] = []

#: ``f(cols (m, K), js (K,)) -> (m, K)``: utilities of X with column js[k] := cols[:, k].
Replaced = Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]]


def _replaced(
    spec: MethodSpec,
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    kw: Mapping[str, Any],
) -> Replaced | None:
    r"""VIKOR's utilities :math:`-Q` of ``X`` with one column replaced (weights ``w``), or None.

    VIKOR's max-regret term :math:`R_i = \max_j w_j d_{ij}` is not a sum over columns, so it
    has no separable form as TOPSIS and WPM do; but a perturbed score changes only its own
    column's regrets :math:`d_{\cdot j}`, so the others are computed once and each perturbed
    matrix costs one stack of regrets and the kernel's S, R and Q
    (:func:`samvalg.methods._vikor._column_replaced_utility`): the values of
    :meth:`~samvalg.methods._spec.MethodSpec.utility` on the perturbed matrices bit for bit
    (an all-zero column taken as constant as there, a column the normalisation cannot take
    an error as there). None for other methods or options
    other than ``normalization`` and ``v``. The caller has validated the arguments by one
    public call.
    """
    from samvalg.methods._normalization import check_normalizable
    from samvalg.methods._spec import zero_columns_as_constant
    from samvalg.methods._vikor import _column_replaced_utility

    if spec.name != "vikor" or set(kw) - {"normalization", "v"}:
        return None
    kind = kw.get("normalization")
    norm = kind or spec.default_normalization
    base = np.asarray(zero_columns_as_constant(X, norm), dtype=float)
    f = _column_replaced_utility(base, w, types, kind, float(kw.get("v", 0.5)))

    def utility(cols: NDArray[np.float64], js: NDArray[np.int64]) -> NDArray[np.float64]:
        c = np.asarray(zero_columns_as_constant(cols, norm), dtype=float)
        check_normalizable(c, kind)  # as the kernel: a column it cannot normalise is an error
        return f(c, js)

    return utility
