"""Group weight vectors and scores from the stakeholders' own, with the spread of the scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.group._validation import _stakeholder_weights

__all__ = ["ScoreAggregate", "aggregate_scores", "aggregate_weights"]


def aggregate_weights(
    vectors: ArrayLike,
    weights: ArrayLike | None = None,
    method: Literal["arithmetic", "geometric"] = "arithmetic",
) -> NDArray[np.float64]:
    r"""Group weight vector from the stakeholders' weight vectors.

    Each stakeholder's vector is first normalised to sum 1. With stakeholder weights
    :math:`p_k` (normalised):

    - ``"arithmetic"``: :math:`w_j = \sum_k p_k w^{(k)}_j` (already sums to 1);
    - ``"geometric"``: :math:`w_j \propto \prod_k (w^{(k)}_j)^{p_k}`, normalised (a criterion
      any stakeholder with :math:`p_k > 0` weighs 0 gets 0).

    Parameters
    ----------
    vectors : array_like of shape (s, n)
        Non-negative weights per stakeholder (each with a positive sum).
    weights : array_like of shape (s,), optional
        Stakeholder weights; default equal.
    method : {"arithmetic", "geometric"}

    Returns
    -------
    ndarray of shape (n,)
        Sums to 1.

    Examples
    --------
    >>> aggregate_weights([[0.6, 0.4], [0.2, 0.8]]).round(12).tolist()
    [0.4, 0.6]
    >>> aggregate_weights([[0.6, 0.4], [0.2, 0.8]], weights=[3, 1]).round(2).tolist()
    [0.5, 0.5]
    """
    if method not in ("arithmetic", "geometric"):
        raise argument_error("method", f"unknown mean {method!r}", "'arithmetic' or 'geometric'")
    try:
        V = np.asarray(vectors, dtype=float)
    except (TypeError, ValueError):
        raise argument_error("vectors", "is not numeric") from None
    if V.ndim != 2 or V.shape[0] < 1 or V.shape[1] < 1:
        raise argument_error("vectors", f"expected shape (stakeholders, criteria), got {V.shape}")
    if not np.isfinite(V).all() or (V < 0).any():
        raise argument_error("vectors", "weights must be finite and non-negative", ">= 0")
    sums = V.sum(axis=1)
    if (sums <= 0).any():
        k = int(np.flatnonzero(sums <= 0)[0])
        raise argument_error(f"vectors[{k}]", "sums to 0", "at least one positive weight")
    V = V / sums[:, None]
    p = _stakeholder_weights(weights, V.shape[0])
    if method == "arithmetic":
        w = p @ V
    else:
        with np.errstate(divide="ignore"):
            logs = np.log(V)
        active = p > 0
        w = np.exp(p[active] @ logs[active])
        if w.sum() <= 0:
            raise argument_error(
                "vectors",
                "the geometric mean is 0 on every criterion (each criterion "
                "has weight 0 for some stakeholder)",
                "use method='arithmetic'",
            )
    return np.asarray(w / w.sum(), dtype=float)


@dataclass(frozen=True)
class ScoreAggregate:
    """Group scores and their spread (the result of :func:`aggregate_scores`).

    Attributes
    ----------
    value : ndarray
        Stakeholder-weighted mean score per cell.
    low, high : ndarray
        The spread kept as score uncertainty for SMAA (see ``spread``).
    sd : ndarray
        Stakeholder-weighted standard deviation of the scores per cell.
    spread : str
        ``"range"`` or ``"sd"``.
    """

    value: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    sd: NDArray[np.float64]
    spread: str


def aggregate_scores(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    spread: Literal["range", "sd"] = "range",
    bounds: tuple[float, float] | None = None,
) -> ScoreAggregate:
    r"""Group scores: the stakeholder-weighted mean, keeping the spread as uncertainty.

    For stakeholders :math:`k` with scores :math:`x^{(k)}` (and their own intervals
    :math:`[\ell^{(k)}, h^{(k)}]`, default the score itself) and weights :math:`p_k`:

    - value :math:`\bar x = \sum_k p_k x^{(k)}`;
    - sd :math:`s = \sqrt{\sum_k p_k (x^{(k)} - \bar x)^2}`;
    - ``spread="range"``: :math:`[\min_k \ell^{(k)}, \max_k h^{(k)}]` over the stakeholders
      with :math:`p_k > 0`: every view and every stated uncertainty lies inside;
    - ``spread="sd"``: :math:`[\min(\bar x - s, \sum p_k \ell^{(k)}),
      \max(\bar x + s, \sum p_k h^{(k)})]`, clipped to ``bounds``: one weighted standard
      deviation of disagreement, never narrower than the mean stated uncertainty.

    Parameters
    ----------
    values : array_like of shape (s, ...)
        One score array per stakeholder (NaN where a criterion does not apply: NaN must be in
        the same cells for every stakeholder and stays NaN).
    weights : array_like of shape (s,), optional
        Stakeholder weights; default equal.
    low, high : array_like of shape (s, ...), optional
        The stakeholders' own uncertainty intervals.
    spread : {"range", "sd"}
    bounds : (float, float), optional
        Scale bounds ``(lower, upper)`` to clip ``"sd"`` intervals to: finite numbers with
        ``lower < upper`` (anything else is a :class:`samvalg.errors.ValidationError`).

    Returns
    -------
    ScoreAggregate

    Examples
    --------
    >>> g = aggregate_scores([[2.0, 4.0], [4.0, 4.0]])
    >>> g.value.tolist(), g.low.tolist(), g.high.tolist(), g.sd.tolist()
    ([3.0, 4.0], [2.0, 4.0], [4.0, 4.0], [1.0, 0.0])
    """
    if spread not in ("range", "sd"):
        raise argument_error("spread", f"unknown spread {spread!r}", "'range' or 'sd'")
    if bounds is not None:
        _check_bounds(bounds)
    try:
        X = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise argument_error("values", "is not numeric") from None
    if X.ndim < 1 or X.shape[0] < 1:
        raise argument_error("values", f"expected shape (stakeholders, ...), got {X.shape}")
    nan = np.isnan(X)
    if (nan != nan[0]).any():
        raise argument_error(
            "values",
            "not-applicable cells (NaN) differ between stakeholders",
            "NaN in the same cells for everyone",
        )
    if np.isinf(X).any():
        raise argument_error("values", "scores must be finite")
    L = X if low is None else np.asarray(low, dtype=float)
    H = X if high is None else np.asarray(high, dtype=float)
    if L.shape != X.shape or H.shape != X.shape:
        raise argument_error("low/high", f"must have the shape of values {X.shape}")
    ok = ~nan
    if ((L > X) & ok).any() or ((H < X) & ok).any():
        raise argument_error("low/high", "each stakeholder needs low <= value <= high")
    p = _stakeholder_weights(weights, X.shape[0])
    shape = (-1,) + (1,) * (X.ndim - 1)
    pw = p.reshape(shape)
    mean = np.sum(pw * X, axis=0)
    sd = np.sqrt(np.maximum(np.sum(pw * (X - mean) ** 2, axis=0), 0.0))
    active = p > 0
    if spread == "range":
        lo = np.min(L[active], axis=0)
        hi = np.max(H[active], axis=0)
    else:
        lo = np.minimum(mean - sd, np.sum(pw * L, axis=0))
        hi = np.maximum(mean + sd, np.sum(pw * H, axis=0))
        if bounds is not None:
            lo = np.clip(lo, bounds[0], bounds[1])
            hi = np.clip(hi, bounds[0], bounds[1])
    return ScoreAggregate(value=mean, low=lo, high=hi, sd=sd, spread=spread)


def _check_bounds(bounds: Any) -> None:
    """``bounds`` is a pair of finite numbers with lower < upper, or a located error."""
    try:
        lower, upper = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise argument_error(
            "bounds",
            f"expected a pair (lower, upper) of numbers, got {bounds!r}",
            "(lower, upper) with lower < upper",
        ) from None
    if not (np.isfinite(lower) and np.isfinite(upper)):
        raise argument_error(
            "bounds", f"must be finite, got {bounds!r}", "(lower, upper) with lower < upper"
        )
    if not lower < upper:
        raise argument_error(
            "bounds",
            f"lower bound {lower:g} is not below the upper bound {upper:g}",
            "(lower, upper) with lower < upper, e.g. (1, 5)",
        )
