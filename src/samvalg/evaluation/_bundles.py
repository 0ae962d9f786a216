"""A bundle's answer built from its members' (``Evaluation.bundles``).

For a bundle :math:`B` of members :math:`m = 1..M` (``[bundles.<id>]``, see
:mod:`samvalg.assessment._bundles`) and each view:

- **options**: those in every member's view (in the first member's order); an option left out
  of one member's view (a criterion marked not applicable) is left out of the bundle's, with
  that member's reason;
- **feasibility**: an option is feasible for the bundle only if it is feasible (``ok`` or
  ``conditional``) for every member; its status is the most severe member status
  (``infeasible > conditional > ok``) and its reasons are every member's, each prefixed with
  the member's name;
- **values**: each member's method output in that view, :math:`V_m(o)` (the WSM value, TOPSIS
  closeness, VIKOR :math:`Q`, PROMETHEE II net flow, ...), computed as for the member alone,
  then combined by the bundle's rule: ``"fte"``/``"equal"``
  :math:`V_B(o) = \\sum_m a_m V_m(o)`; ``"min"`` :math:`V_B(o) = V_{m^*}(o)` with
  :math:`m^* = \\arg\\min_m u_m(o)`, the worst member (:math:`u = V`, or :math:`-Q` for VIKOR);
- **ranks**: feasible options first, as for a service area;
- **contributions** and **value_matrix**: combined the same way (the weighted mean of the
  members' rows, or the worst member's row), so contributions still sum to the values for
  additive methods; **weights**: the members' view weights combined the same way (identical
  unless a set's weights are objective, computed per service area).

For WSM on the scale-anchored values and rule ``"fte"`` or ``"equal"`` the bundle's value is
WSM on the FTE-weighted mean of the members' value matrices (the sum is linear), so a bundle of
identical members equals each member.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from samvalg.evaluation._results import BundleEvaluation, OptionFeasibility, ServiceEvaluation, View

if TYPE_CHECKING:
    from samvalg.assessment._bundles import Bundle

__all__ = ["bundle_evaluation", "combine_feasibility"]

_SEVERITY = {"ok": 0, "conditional": 1, "infeasible": 2}


def combine_feasibility(option: str, members: Sequence[ServiceEvaluation]) -> OptionFeasibility:
    """The bundle's legal status of `option`: the intersection of its members' (module doc)."""
    feas = [m.feasibility[option] for m in members]
    status = max((f.status for f in feas), key=lambda s: _SEVERITY.get(s, 2))
    at_status = [f for f in feas if f.status == status]
    return OptionFeasibility(
        option=option,
        ok=all(f.ok for f in feas),
        status=status,
        reasons=tuple(
            f"{m.name_nb}: {r}" for m, f in zip(members, feas, strict=True) for r in f.reasons
        ),
        reasons_en=tuple(
            f"{m.name_en}: {r}" for m, f in zip(members, feas, strict=True) for r in f.reasons_en
        ),
        uncertain=any(f.uncertain for f in at_status),
    )


def _combine_view(
    key: str,
    bundle: Bundle,
    views: Sequence[View],
    members: Sequence[ServiceEvaluation],
    feasibility: Mapping[str, OptionFeasibility],
) -> View:
    from samvalg.evaluation._evaluate import _feasible_first_ranks

    first = views[0]
    common = tuple(o for o in first.options if all(o in v.options for v in views))
    excluded: dict[str, str] = {}
    for m, v in zip(members, views, strict=True):
        for o, reason in v.excluded.items():
            excluded.setdefault(o, f"{m.name_nb}: {reason}")
    for v in views:
        for o in v.options:
            if o not in common and o not in excluded:
                excluded[o] = "ikke i alle tjenestenes visning / not in every member's view"
    rows = [np.array([v.options.index(o) for o in common], dtype=int) for v in views]
    vals = np.stack(
        [np.asarray(v.values, dtype=float)[r] for v, r in zip(views, rows, strict=True)]
    )
    mats = np.stack(
        [np.asarray(v.value_matrix, dtype=float)[r] for v, r in zip(views, rows, strict=True)]
    )
    contribs = (
        None
        if any(v.contributions is None for v in views)
        else np.stack([np.asarray(v.contributions)[r] for v, r in zip(views, rows, strict=True)])
    )
    W = np.stack([np.asarray(v.weights, dtype=float) for v in views])
    sign = 1.0 if first.higher_is_better else -1.0
    if bundle.weights is not None:
        a = np.array([bundle.weights[m.service] for m in members], dtype=float)
        values = a @ vals
        value_matrix = np.einsum("m,mij->ij", a, mats)
        contributions = None if contribs is None else np.einsum("m,mij->ij", a, contribs)
        weights = a @ W
    else:  # "min": the worst member per option
        worst = np.argmin(sign * vals, axis=0) if len(common) else np.zeros(0, dtype=int)
        cols = np.arange(len(common))
        values = vals[worst, cols]
        value_matrix = mats[worst, cols]
        contributions = None if contribs is None else contribs[worst, cols]
        weights = W[0]
    feasible = np.array([feasibility[o].ok for o in common], dtype=bool)
    ranks = (
        _feasible_first_ranks(sign * values, feasible) if len(common) else np.zeros(0, dtype=int)
    )
    return View(
        key=key,
        set_ids=first.set_ids,
        method=first.method,
        options=common,
        excluded=excluded,
        criteria=first.criteria,
        weights=weights,
        values=values,
        higher_is_better=first.higher_is_better,
        ranks=ranks,
        contributions=contributions,
        feasible=feasible,
        value_matrix=value_matrix,
        service=bundle.id,
    )


def bundle_evaluation(bundle: Bundle, members: Sequence[ServiceEvaluation]) -> BundleEvaluation:
    """The bundle's views and feasibility from its members' evaluations (module docstring)."""
    options = [o for o in members[0].feasibility if all(o in m.feasibility for m in members)]
    feasibility = {o: combine_feasibility(o, members) for o in options}
    views = {
        key: _combine_view(key, bundle, [m.views[key] for m in members], members, feasibility)
        for key in members[0].views
    }
    return BundleEvaluation(
        service=bundle.id,
        name_nb=bundle.name_nb,
        name_en=bundle.name_en,
        views=views,
        feasibility=feasibility,
        members=tuple(m.service for m in members),
        rule=bundle.rule,
        member_weights=None if bundle.weights is None else dict(bundle.weights),
        fte=dict(bundle.fte),
        fte_source=dict(bundle.fte_source),
    )
