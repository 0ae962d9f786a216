"""Objective (data-driven) weights, computed by pymcdm.weights.

pymcdm is imported lazily, inside :func:`objective`, so ``import samvalg`` stays light.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from samvalg.errors import argument_error
from samvalg.weights._result import WeightResult

__all__ = ["OBJECTIVE_METHODS", "objective"]

#: samvalg name -> (pymcdm.weights function name, reference).
OBJECTIVE_METHODS = MappingProxyType(
    {
        "entropy": (
            "entropy_weights",
            "Shannon entropy of the sum-normalised columns (Zeleny 1982; Hwang & Yoon 1981)",
        ),
        "critic": (
            "critic_weights",
            "CRITIC: std of min-max columns times total "
            "(1 - correlation) (Diakoulaki, Mavrotas & Papayannakis 1995)",
        ),
        "std": ("standard_deviation_weights", "sample standard deviation of each column"),
        "variance": ("variance_weights", "sample variance of the min-max normalised columns"),
        "merec": (
            "merec_weights",
            "MEREC: removal effects of criteria (Keshavarz-Ghorabaee et al. 2021)",
        ),
        "gini": ("gini_weights", "Gini coefficient of each column"),
        "angle": (
            "angle_weights",
            "angle between each sum-normalised column and the uniform vector (Shuai et al. 2012)",
        ),
        "cilos": (
            "cilos_weights",
            "CILOS: criterion impact loss (Mirkin 1974; Zavadskas & Podvezko 2016)",
        ),
        "idocriw": ("idocriw_weights", "IDOCRIW: entropy x CILOS (Zavadskas & Podvezko 2016)"),
        "lopcow": ("lopcow_weights", "LOPCOW (Ecer & Pamucar 2022)"),
        "equal": ("equal_weights", "equal weights 1/n"),
    }
)


def _iv(
    X: ArrayLike, types: ArrayLike, method: str, labels: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Validate the arguments of :func:`objective` at once."""
    if method not in OBJECTIVE_METHODS:
        raise argument_error(
            "method", f"unknown objective weighting method {method!r}", ", ".join(OBJECTIVE_METHODS)
        )
    try:
        A = np.array(X, dtype=float)
        t = np.array(types, dtype=float)
    except (TypeError, ValueError):
        raise argument_error("X", "X and types must be numeric") from None
    if A.ndim != 2 or A.shape[0] < 2 or A.shape[1] < 1:
        raise argument_error(
            "X", f"expected a matrix (alternatives x criteria) with m >= 2, got shape {A.shape}"
        )
    if not np.all(np.isfinite(A)):
        i, j = np.argwhere(~np.isfinite(A))[0]
        raise argument_error(f"X[{i}, {j}]", f"is not finite: {A[i, j]!r}", "finite numbers")
    if t.shape != (A.shape[1],) or not np.all(np.isin(t, (-1.0, 1.0))):
        raise argument_error(
            "types",
            f"expected {A.shape[1]} entries of +1 (benefit) or -1 (cost), got "
            f"{np.asarray(types).tolist()!r}",
        )
    if labels is not None and len(labels) != A.shape[1]:
        raise argument_error("labels", f"expected {A.shape[1]} criterion ids, got {len(labels)}")
    return A, t.astype(int)


def objective(
    X: ArrayLike,
    types: ArrayLike,
    method: str = "entropy",
    *,
    labels: Sequence[str] | None = None,
) -> WeightResult:
    """Objective weights from a decision matrix, computed by ``pymcdm.weights``.

    Methods (samvalg name -> pymcdm function): entropy -> entropy_weights, critic ->
    critic_weights, std -> standard_deviation_weights, variance -> variance_weights, merec ->
    merec_weights, gini -> gini_weights, angle -> angle_weights, cilos -> cilos_weights,
    idocriw -> idocriw_weights, lopcow -> lopcow_weights, equal -> equal_weights. The formulas
    are pymcdm's (see :data:`OBJECTIVE_METHODS` for the references); results equal calling
    pymcdm directly. Some methods need positive data (entropy, merec, cilos, idocriw: logarithms
    and ratios) or non-constant columns (critic, lopcow); when pymcdm's result is not a finite
    weight vector, a clear error is raised instead of returning NaN.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Decision matrix, alternatives in rows (m >= 2).
    types : array_like of shape (n,)
        +1 for a benefit criterion, -1 for a cost criterion.
    method : str
        One of :data:`OBJECTIVE_METHODS`.
    labels : sequence of str, optional
        Criterion ids.

    Returns
    -------
    WeightResult
        ``method="objective:<name>"``; ``input`` keeps X, types and the pymcdm function name.

    References
    ----------
    Kizielewicz, B., Shekhovtsov, A. & Sałabun, W. (2023). pymcdm -- The universal library for
    solving multi-criteria decision-making problems. *SoftwareX*, 22, 101368.

    Examples
    --------
    >>> X = [[1.0, 10.0], [2.0, 10.5], [3.0, 11.0]]
    >>> r = objective(X, [1, -1], "std")
    >>> r.method, r.vector.round(4).tolist()
    ('objective:std', [0.6667, 0.3333])
    """
    A, t = _iv(X, types, method, labels)
    import pymcdm.weights as pw  # lazy: keep `import samvalg` free of pymcdm

    func_name = OBJECTIVE_METHODS[method][0]
    # pymcdm warns (and returns NaN) on degenerate data; that case becomes an error below
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = np.asarray(getattr(pw, func_name)(A, t), dtype=float).reshape(-1)
    if w.shape != (A.shape[1],) or not np.all(np.isfinite(w)) or np.any(w < -1e-12):
        raise argument_error(
            "X",
            f"objective weights by {method!r} are undefined for this matrix "
            f"(pymcdm.weights.{func_name} returned {np.round(w, 6).tolist()}); constant "
            "columns, zeros or negative values are the usual cause",
            "another method, or a matrix the method supports",
        )
    w = np.clip(w, 0.0, None)
    w = w / w.sum()
    raw: dict[str, Any] = {
        "X": A.tolist(),
        "types": t.tolist(),
        "pymcdm": f"pymcdm.weights.{func_name}",
    }
    return WeightResult(
        w,
        f"objective:{method}",
        raw,
        OBJECTIVE_METHODS[method][1],
        tuple(labels) if labels is not None else None,
    )
