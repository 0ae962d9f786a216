"""Sensitivity of one view of one service area of an assessment (:func:`sensitivity_service`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import SamvalgError, argument_error
from samvalg.sensitivity._results import ScoreSensitivity, ServiceSensitivity, WeightSweep
from samvalg.sensitivity._scores import score_sensitivity
from samvalg.sensitivity._sweep import Segment, _criterion_segment, _sweeps, _utility_fn
from samvalg.sensitivity._validation import _candidate_idx, _labels

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment
    from samvalg.assessment._scores import ScoreMatrix
    from samvalg.evaluation._results import ServiceEvaluation, View
    from samvalg.methods import MethodSpec

__all__ = ["sensitivity_service", "service_weight_sweeps"]


def sensitivity_service(
    assessment: Assessment,
    service_id: str,
    view: str = "combined",
    method: str = "wsm",
    *,
    normalization: str | None = None,
    n_points: int = 101,
    progress: Callable[[int, int], None] | None = None,
    **method_kwargs: Any,
) -> ServiceSensitivity:
    """Weight sweeps (each criterion and each set weight) and score sensitivity of one view.

    Works on the view's matrix and weights from :func:`samvalg.evaluate` (same normalisation
    defaults). Only the legally feasible options count for the order (the others still take
    part in the method, as in ``evaluate``). A set-weight sweep moves the set's weight from 0
    to 1 with the other sets rescaled in proportion and every local weight kept. Score changes
    are reported in the scale units of each criterion's set (``upper - lower`` per unit of
    the 0-1 value; for WPM the input is ``x - lower + 1``, one to one).

    Parameters
    ----------
    assessment : Assessment
    service_id : str
        A service area, or a bundle's id (then :func:`samvalg.sensitivity.sensitivity_bundle`:
        the same weights applied to every member, their values combined by the rule).
    view : str
        View key of :func:`samvalg.evaluate`.
    method : str
    normalization : str, optional
    n_points : int
        Points of each sweep's reported grid.
    progress : callable(done, total), optional
        Called with (0, 2) at the start, (1, 2) once the weight sweeps are done and (2, 2) at
        the end (for a progress bar; the results do not depend on it).
    **method_kwargs
        Passed to the method.

    Returns
    -------
    ServiceSensitivity

    Examples
    --------
    >>> import samvalg
    >>> s = sensitivity_service(samvalg.example_assessment(), "lonn", view="form")
    >>> s.top == samvalg.evaluate(samvalg.example_assessment())["lonn"]["form"].best
    True
    """

    if service_id in getattr(assessment, "bundles", {}) and service_id not in assessment.services:
        from samvalg.sensitivity._bundle import sensitivity_bundle

        return sensitivity_bundle(
            assessment,
            service_id,
            view,
            method,
            normalization=normalization,
            n_points=n_points,
            **method_kwargs,
        )
    if progress is not None:
        progress(0, 2)
    pv = _prepare(assessment, service_id, view, method, normalization, n_points, method_kwargs)
    if progress is not None:
        progress(1, 2)
    spec, normalization, v = pv.spec, pv.normalization, pv.view
    feasible, excluded = pv.feasible, pv.excluded
    X, w, crit, mats, blocks, sweeps = pv.X, pv.w, pv.criteria, pv.mats, pv.blocks, pv.sweeps
    options = tuple(v.options)
    crit_sweeps = {sw.parameter: sw for sw in sweeps if sw.kind == "criterion"}
    set_sweeps: dict[str, WeightSweep] = {sw.parameter: sw for sw in sweeps if sw.kind == "set"}
    scores = _score_part(
        X, w, None, mats, blocks, spec, normalization, feasible, options, crit, method_kwargs
    )
    top = crit_sweeps[crit[0]].top if crit else scores.top
    if progress is not None:
        progress(2, 2)
    return ServiceSensitivity(
        service=service_id,
        view=view,
        method=spec.name,
        options=options,
        candidates=tuple(o for o, f in zip(options, feasible, strict=True) if f),
        excluded=excluded,
        top=top,
        criterion_sweeps=crit_sweeps,
        set_sweeps=set_sweeps,
        scores=scores,
        illustrative=bool(assessment.meta.illustrative),
    )


@dataclass(frozen=True)
class _PreparedView:
    """One view's evaluation, method input, weights and weight sweeps (criteria, then sets)."""

    spec: MethodSpec
    normalization: str | None
    service: ServiceEvaluation
    view: View
    feasible: NDArray[np.bool_]
    excluded: dict[str, str]
    X: NDArray[np.float64]
    w: NDArray[np.float64]
    criteria: tuple[str, ...]
    mats: list[ScoreMatrix]
    blocks: list[NDArray[np.int64]]
    sweeps: list[WeightSweep]


def _prepare(
    assessment: Assessment,
    service_id: str,
    view: str,
    method: str,
    normalization: str | None,
    n_points: int,
    method_kwargs: dict[str, Any],
) -> _PreparedView:
    """The view's evaluation, matrix and weights, and every weight sweep (criteria, then sets)."""
    from samvalg.evaluation import evaluate
    from samvalg.methods import get_method

    spec = get_method(method)
    if normalization is None:
        normalization = spec.evaluation_normalization
    ev = evaluate(
        assessment,
        method=spec.name,
        normalization=normalization,
        services=[service_id],
        **method_kwargs,
    )
    sev = ev[service_id]
    v = sev[view]
    options = tuple(v.options)
    feasible = np.asarray(v.feasible, dtype=bool)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options, feasible, strict=True):
        if not ok:
            excluded[opt] = "juridisk utelukket / legally ruled out: " + "; ".join(
                sev.feasibility[opt].reasons
            )
    if not feasible.any():
        raise SamvalgError(
            f"service {service_id!r}, view {view!r}: no legally feasible option "
            "with every criterion applicable, so there is no top option"
        )
    X = np.asarray(v.value_matrix, dtype=float)
    w = np.asarray(v.weights, dtype=float)
    crit = tuple(v.criteria)
    types = np.ones(len(crit))
    # every criterion sweep and every set-weight sweep, evaluated together (one batched kernel
    # call per phase for the non-linear methods); each equals weight_sweep / sweep_segment
    segments, mats, blocks = _segments(assessment, service_id, v, w, crit)
    if isinstance(n_points, bool) or n_points < 2:
        raise argument_error("n_points", f"needs n_points >= 2, got {n_points}")
    _, utility = _utility_fn(spec.name, normalization, method_kwargs)
    cand = _candidate_idx(feasible, len(options))
    sweeps = _sweeps(
        X,
        segments,
        types,
        spec,
        utility,
        int(n_points),
        1001,
        cand,
        _labels(options, len(options), "alternatives", "a"),
    )
    return _PreparedView(
        spec, normalization, sev, v, feasible, excluded, X, w, crit, mats, blocks, sweeps
    )


def _segments(
    assessment: Assessment,
    service_id: str,
    v: Any,
    w: np.ndarray,
    crit: tuple[str, ...],
) -> tuple[list[Segment], list[Any], list[np.ndarray]]:
    """The sweeps of one view: each criterion's, then each set weight's (views with several
    sets); with the view's score matrices and each set's column indices."""
    wn = w / w.sum()
    segments: list[Segment] = []
    for j, c in enumerate(crit):
        w_start, w_end, current = _criterion_segment(wn, j)
        segments.append((w_start, w_end, current, c, "criterion"))
    mats = [assessment.matrix(service_id, s) for s in v.set_ids]
    blocks = []
    start = 0
    for mat in mats:
        blocks.append(np.arange(start, start + len(mat.criteria)))
        start += len(mat.criteria)
    if len(v.set_ids) > 1:
        for s, idx in zip(v.set_ids, blocks, strict=True):
            share = float(w[idx].sum())
            w_end = np.zeros_like(w)
            local = (
                w[idx] / share
                if share > 0
                else np.asarray(assessment.weights_for(s, service_id=service_id), float)
            )
            w_end[idx] = local / local.sum()
            rest = w.copy()
            rest[idx] = 0.0
            w_start = rest / rest.sum() if rest.sum() > 0 else np.zeros_like(w)
            segments.append((w_start, w_end, share, s, "set"))
    return segments, mats, blocks


def _score_part(
    X: np.ndarray,
    w: np.ndarray,
    values: np.ndarray | None,
    mats: list[Any],
    blocks: list[np.ndarray],
    spec: Any,
    normalization: str | None,
    feasible: np.ndarray,
    options: tuple[str, ...],
    crit: tuple[str, ...],
    method_kwargs: Mapping[str, Any],
) -> ScoreSensitivity:
    """Score sensitivity of a view's matrix ``X`` in the scale units of each set; ``values``
    are the scores shown (default: the matrices' rows of ``options``)."""
    types = np.ones(len(crit))
    # score sensitivity in the method's input units, then back to scale units
    lower = np.empty(len(crit))
    upper = np.empty(len(crit))
    slope = np.empty(len(crit))
    if values is None:
        values = np.empty_like(X)
        for mat, idx in zip(mats, blocks, strict=True):
            rows = [mat.option_ids.index(o) for o in options]
            values[:, idx] = np.asarray(mat.values)[rows]
    for mat, idx in zip(mats, blocks, strict=True):
        sc = mat.scale
        if spec.ratio_scale:
            lower[idx], upper[idx], slope[idx] = 1.0, sc.upper - sc.lower + 1.0, 1.0
        else:
            lower[idx], upper[idx] = 0.0, 1.0
            slope[idx] = np.asarray(mat.types) / (sc.upper - sc.lower)
    raw = score_sensitivity(
        X,
        w,
        types,
        method=spec.name,
        normalization=normalization,
        lower=lower,
        upper=upper,
        candidates=feasible,
        alternatives=options,
        criteria=crit,
        **method_kwargs,
    )
    k = 1.0 / np.abs(slope)
    neg = slope < 0
    inc = np.where(neg, raw.decrease, raw.increase) * k
    dec = np.where(neg, raw.increase, raw.decrease) * k
    scale_lo = np.empty(len(crit))
    scale_hi = np.empty(len(crit))
    for mat, idx in zip(mats, blocks, strict=True):
        scale_lo[idx], scale_hi[idx] = mat.scale.lower, mat.scale.upper
    scores = ScoreSensitivity(
        alternatives=options,
        criteria=crit,
        values=values,
        increase=inc,
        decrease=dec,
        leaves_scale_increase=np.where(neg, raw.leaves_scale_decrease, raw.leaves_scale_increase),
        leaves_scale_decrease=np.where(neg, raw.leaves_scale_increase, raw.leaves_scale_decrease),
        lower=scale_lo,
        upper=scale_hi,
        top=raw.top,
        exact=raw.exact,
        method=spec.name,
    )
    return scores


def service_weight_sweeps(
    assessment: Assessment,
    service_id: str,
    view: str = "combined",
    method: str = "wsm",
    *,
    normalization: str | None = None,
    n_points: int = 101,
    **method_kwargs: Any,
) -> dict[str, WeightSweep]:
    """The weight sweeps of :func:`sensitivity_service` alone, without the score sensitivity.

    The same sweeps (every criterion, then every set weight when the view has more than one
    set), crossovers and thresholds as ``sensitivity_service(...).criterion_sweeps`` and
    ``.set_sweeps``, at a fraction of the cost for the methods without a closed form.

    Returns
    -------
    dict of str to WeightSweep
        Keyed by criterion id or set id (``sweep.kind`` tells which), criteria first.

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.example_assessment()
    >>> sw = service_weight_sweeps(a, "lonn", method="topsis")
    >>> full = sensitivity_service(a, "lonn", method="topsis")
    >>> sw["strategy"].crossovers == full.set_sweeps["strategy"].crossovers
    True
    """
    pv = _prepare(assessment, service_id, view, method, normalization, n_points, method_kwargs)
    return {sw.parameter: sw for sw in pv.sweeps}
