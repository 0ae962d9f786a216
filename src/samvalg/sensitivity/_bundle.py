"""Sensitivity of one view of a bundle of service areas (:func:`sensitivity_bundle`).

**Weight sweeps**: along each sweep :math:`w(t)` the same weights are applied to every member
and the members' values combined by the bundle's rule, :math:`V_B(t) = \\sum_m a_m V_m(t)`
(``"fte"``, ``"equal"``) or the worst member's (``"min"``), over the options in every member's
view. A sum of functions linear in :math:`t` is linear, so WSM and PROMETHEE II keep their
closed-form crossovers under ``"fte"`` and ``"equal"``; under ``"min"`` (and for WPM, whose
log-linearity a sum breaks, and TOPSIS and VIKOR) crossovers are bracketed on the grid and
refined by regula falsi (Illinois).

**Score sensitivity** is reported for WSM on the scale-anchored values with rule ``"fte"``
or ``"equal"``, where it is exact: the bundle's value is WSM on the weighted mean of the
members' matrices, :math:`\\bar x_{oj} = \\sum_m a_m x^{(m)}_{oj}`, so a change :math:`\\delta`
of the *mean* score changes the bundle as a change :math:`\\delta / a_m` of member :math:`m`'s
score alone does. ``scores`` holds the mean scores and the changes of the mean. For other
methods or ``"min"`` this would not be exact, so it is an error that says so (the weight
sweeps are then available with ``scores=False``).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.errors import SamvalgError, argument_error
from samvalg.sensitivity._results import ScoreSensitivity, ServiceSensitivity, WeightSweep
from samvalg.sensitivity._sweep import _sweeps, _utility_fn
from samvalg.sensitivity._validation import _candidate_idx, _labels

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["sensitivity_bundle"]


def sensitivity_bundle(
    assessment: Assessment,
    bundle_id: str,
    view: str = "combined",
    method: str = "wsm",
    *,
    normalization: str | None = None,
    n_points: int = 101,
    scores: bool = True,
    **method_kwargs: Any,
) -> ServiceSensitivity:
    """Weight sweeps and score sensitivity of one view of a bundle (module docstring).

    Parameters
    ----------
    assessment : Assessment
    bundle_id : str
        A ``[bundles.<id>]`` of the assessment.
    view, method, normalization, n_points, **method_kwargs
        As :func:`samvalg.sensitivity.sensitivity_service` (which calls this for a bundle id).
    scores : bool
        Compute the score sensitivity (WSM with rule ``"fte"``/``"equal"`` only). With
        ``False`` the result's ``scores`` is empty (no cells).

    Returns
    -------
    ServiceSensitivity
        ``service`` is the bundle's id; ``scores`` are in units of the members' weighted
        mean score.

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.sensitivity import sensitivity_bundle
    >>> a = samvalg.example_assessment()
    >>> s = sensitivity_bundle(a, "arkiv_postmottak", view="form")
    >>> s.top == samvalg.evaluate(a).bundles["arkiv_postmottak"]["form"].best
    True
    """
    from samvalg.evaluation import evaluate
    from samvalg.methods import get_method
    from samvalg.sensitivity._area import _score_part, _segments

    if bundle_id not in assessment.bundles:
        raise argument_error(
            "bundle_id",
            f"{bundle_id!r} is not a bundle of the assessment",
            ", ".join(assessment.bundles),
        )
    bundle = assessment.bundles[bundle_id]
    spec = get_method(method)
    if normalization is None:
        normalization = spec.evaluation_normalization
    exact_scores = (
        spec.linear_without_normalization and normalization == "none" and bundle.weights is not None
    )
    if scores and not exact_scores:
        raise SamvalgError(
            f"bundle {bundle_id!r}: score sensitivity of a bundle is exact only for WSM without "
            f'normalisation and rule "fte" or "equal" (found method={spec.name!r}, '
            f"normalization={normalization!r}, rule={bundle.rule!r}); pass scores=False for "
            "the weight sweeps alone"
        )
    if isinstance(n_points, bool) or n_points < 2:
        raise argument_error("n_points", f"needs n_points >= 2, got {n_points}")
    ev = evaluate(
        assessment,
        method=spec.name,
        normalization=normalization,
        services=[bundle_id],
        **method_kwargs,
    )
    bev = ev.bundles[bundle_id]
    v = bev[view]
    members = [ev[m][view] for m in bundle.services]
    first = members[0]
    for m, mv in zip(bundle.services[1:], members[1:], strict=True):
        if mv.criteria != first.criteria or not np.allclose(mv.weights, first.weights):
            raise SamvalgError(
                f"bundle {bundle_id!r}, view {view!r}: the weights of {m!r} differ from those "
                f"of {bundle.services[0]!r} (objective weights are computed per service area); "
                "a bundle's sweeps apply one weight vector to every member"
            )
    options = tuple(v.options)
    feasible = np.asarray(v.feasible, dtype=bool)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options, feasible, strict=True):
        if not ok:
            excluded[opt] = "juridisk utelukket / legally ruled out: " + "; ".join(
                bev.feasibility[opt].reasons
            )
    if not feasible.any():
        raise SamvalgError(
            f"bundle {bundle_id!r}, view {view!r}: no option legally feasible for every member "
            "with every criterion applicable, so there is no top option"
        )
    w = np.asarray(first.weights, dtype=float)
    crit = tuple(first.criteria)
    types = np.ones(len(crit))
    segments, mats, blocks = _segments(assessment, bundle.services[0], first, w, crit)
    _, member_utility = _utility_fn(spec.name, normalization, method_kwargs)
    parts = [
        (
            np.asarray(mv.value_matrix, dtype=float),
            np.array([mv.options.index(o) for o in options], dtype=int),
        )
        for mv in members
    ]
    a = (
        None
        if bundle.weights is None
        else np.array([bundle.weights[m] for m in bundle.services], dtype=float)
    )

    def utility(_X: Any, W: Any, t: Any) -> np.ndarray:
        """The bundle's utilities at weights ``W`` ((n,) or (k, n)): the members' combined."""
        U = np.stack([member_utility(Xm, W, t)[..., rows] for Xm, rows in parts])
        return np.asarray(U.min(axis=0) if a is None else np.tensordot(a, U, axes=1))

    sweep_spec = dataclasses.replace(
        spec, additive=spec.additive and a is not None, log_linear=False
    )
    X = np.asarray(v.value_matrix, dtype=float)
    sweeps = _sweeps(
        X,
        segments,
        types,
        sweep_spec,
        utility,
        int(n_points),
        1001,
        _candidate_idx(feasible, len(options)),
        _labels(options, len(options), "alternatives", "a"),
    )
    crit_sweeps = {sw.parameter: sw for sw in sweeps if sw.kind == "criterion"}
    set_sweeps: dict[str, WeightSweep] = {sw.parameter: sw for sw in sweeps if sw.kind == "set"}
    if scores and a is not None:  # a is not None: checked with exact_scores above
        mean = np.zeros_like(X)
        for share, m in zip(a, bundle.services, strict=True):
            for mat_set, idx in zip(v.set_ids, blocks, strict=True):
                mat = assessment.matrix(m, mat_set)
                rows = [mat.option_ids.index(o) for o in options]
                mean[:, idx] += share * np.asarray(mat.values)[rows]
        score_result = _score_part(
            X, w, mean, mats, blocks, spec, normalization, feasible, options, crit, method_kwargs
        )
    else:
        empty = np.zeros((len(options), 0))
        score_result = ScoreSensitivity(
            alternatives=options,
            criteria=(),
            values=empty,
            increase=empty,
            decrease=empty,
            leaves_scale_increase=empty.astype(bool),
            leaves_scale_decrease=empty.astype(bool),
            lower=np.zeros(0),
            upper=np.zeros(0),
            top=v.best or options[0],
            exact=True,
            method=spec.name,
        )
    top = crit_sweeps[crit[0]].top if crit else v.best or options[0]
    return ServiceSensitivity(
        service=bundle_id,
        view=view,
        method=spec.name,
        options=options,
        candidates=tuple(o for o, f in zip(options, feasible, strict=True) if f),
        excluded=excluded,
        top=top,
        criterion_sweeps=crit_sweeps,
        set_sweeps=set_sweeps,
        scores=score_result,
        illustrative=bool(assessment.meta.illustrative),
    )
