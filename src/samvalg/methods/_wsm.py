r"""Weighted sum model (WSM), batched over weight vectors: kernel, prepared form, steps, spec.

With normalised values :math:`r_{ij}` (higher is better), Fishburn (1967):

.. math:: P_i = \sum_{j=1}^{n} w_j\, r_{ij}.

Weights are used as given, not renormalised (as pymcdm does): scaling ``w`` scales the scores;
rankings are unchanged. Weights and columns at any finite scale are handled by exact
power-of-two scaling (:mod:`samvalg.methods._scaling`): scores are right wherever they are
representable; elsewhere a :class:`samvalg.errors.ValidationError` names the argument.

References
----------
Fishburn, P. C. (1967). Additive utilities with incomplete product sets: application to
priorities and assignments. Operations Research Society of America (ORSA), Baltimore.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.methods._common import contract_t, resolve
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
    scaled_rows,
    unscale_rows_t,
)
from samvalg.methods._spec import MethodSpec, Prepared
from samvalg.methods._validation import _iv, finish

__all__ = ["SPEC", "wsm", "wsm_contributions"]


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


def _prepare(
    X: NDArray[np.float64], types: NDArray[np.float64], options: Mapping[str, Any]
) -> Prepared:
    """The normalised matrix R once; each chunk of weights is one contraction R W^T."""
    R = _normalize(X, types, resolve(options.get("normalization"), "max"))
    return lambda W: contract_t(R, W)


def _steps(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    options: dict[str, Any],
) -> tuple[Step, ...]:
    """Normalised matrix, weighted matrix, weighted sum."""
    kind = checked_normalization(X, options, "max")
    R = _normalize(X, types, kind)
    V = w * R
    return (
        normalized_step(R, kind),
        weighted_step(V),
        Step(
            "score",
            "P_i = \\sum_j v_{ij}",
            "Samlet skår (vektet sum)",
            "Overall score (weighted sum)",
            V.sum(axis=1),
        ),
    )


SPEC = MethodSpec(
    "wsm",
    "Vektet sum (WSM)",
    "Weighted sum model (WSM)",
    True,
    True,
    "max",
    wsm,
    "Fishburn, P. C. (1967). Additive utilities with incomplete product sets. ORSA.",
    prepare=_prepare,
    steps=_steps,
    contributions=wsm_contributions,
    scale_anchored_normalization="none",
    linear_without_normalization=True,
)
