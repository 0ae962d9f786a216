"""The data behind the live what-if of ``index.html`` (``data.json``'s ``whatif``).

For every service area with a recommendation the page gets one *panel*: the options of the
recommended view (with their legal feasibility), its criteria grouped by criteria set (with
each criterion's scale and direction), the raw scores, the set weights and the local weights,
and, for each of samvalg's own methods (:data:`samvalg.methods.METHODS`), what its kernel
needs (normalisation as :func:`samvalg.evaluate` uses it, direction, ratio-scale input, the
options' defaults) and the *marks*: the weights at which the top option changes when one
weight is moved from the starting weights with the others rescaled in proportion. The marks
are read off the exact crossovers of :func:`samvalg.sensitivity.service_weight_sweeps`
(:func:`top_changes`), so the page computes no crossover itself.

For every bundle of service areas with a recommendation (:mod:`samvalg.evaluation._bundles`)
the page gets a panel of ``kind = "bundle"``: the bundle's options (legally feasible only where
feasible for every member), the criteria and weights the members share, and per member its own
options and raw scores (``members``), its share :math:`a_m` and the bundle's ``rule``. The
script evaluates every member with the same weights as for the member alone and combines the
members' values as the evaluation does, :math:`V_B(o) = \\sum_m a_m V_m(o)` (``"fte"``,
``"equal"``) or the worst member's value (``"min"``); the marks come from
:func:`samvalg.sensitivity.sensitivity_bundle`'s sweeps, which combine the same way.

The page's script (``assets/whatif.js``) recomputes every method from these numbers as the
kernels in :mod:`samvalg.methods` define them.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.catalogue._labels import criterion_label, set_label
from samvalg.text.briefing import t

if TYPE_CHECKING:
    from samvalg.report._sections._context import Context
    from samvalg.sensitivity import WeightSweep

__all__ = ["WHATIF_VERSION", "method_options", "top_changes", "whatif_record"]

#: Version of the record's layout (the script checks it).
WHATIF_VERSION = 1

#: Changes of the top closer than this to a weight of 0 or 1 are not marked.
_EDGE = 1e-9

_TEXT_KEYS = (
    "whatif_title",
    "whatif_intro",
    "whatif_method",
    "whatif_reset",
    "whatif_sets",
    "whatif_criteria",
    "whatif_rank",
    "whatif_option",
    "whatif_lower_better",
    "whatif_top",
    "whatif_infeasible",
    "whatif_weight_of",
    "whatif_marks",
    "whatif_below",
    "whatif_above",
    "whatif_stale",
    "whatif_bundle_intro",
)


def method_options(method: str) -> dict[str, Any]:
    """The options a method runs with in the briefing: its public function's defaults.

    Everything after ``X, w, types`` except ``normalization`` (which
    :attr:`MethodSpec.evaluation_normalization <samvalg.methods.MethodSpec>` decides), e.g.
    ``{"v": 0.5}`` for VIKOR and ``{"preference": "usual", "q": None, "p": None}`` for
    PROMETHEE II.

    Examples
    --------
    >>> method_options("vikor")
    {'v': 0.5}
    """
    from samvalg.methods import get_method

    params = list(inspect.signature(get_method(method).func).parameters.values())[3:]
    return {
        p.name: p.default
        for p in params
        if p.name != "normalization" and p.default is not inspect.Parameter.empty
    }


def top_changes(sweep: WeightSweep) -> list[dict[str, Any]]:
    """Where the top option of a weight sweep changes, from its exact crossovers.

    Starting from the top option at the current weight, the crossovers are walked upwards
    (a crossover the leader loses hands the top to the option that overtakes it) and
    downwards (a crossover at which the leader had just overtaken another hands the top back
    to it). Each change is ``{"t": weight, "below": top just below, "above": top just
    above}``, in increasing ``t``; the first change above the current weight is the sweep's
    ``increase`` threshold and the last below it its ``decrease`` threshold. Changes within
    1e-9 of 0 or 1 are left out: there the swept weight is (almost) alone, and two options
    tied on it cross by rounding. Options that take the lead at the same weight (tied along
    the whole sweep) hand it to the first of them in the options' order, as the sweep's
    thresholds do; a crossover at the current weight itself (the top tied at the start) is a
    change too, on the side where the leader loses.

    Examples
    --------
    >>> from samvalg.sensitivity import weight_sweep
    >>> s = weight_sweep([[0.8, 0.2], [0.3, 0.6]], [0.5, 0.5], [1, 1], 0, normalization="none")
    >>> [(round(c["t"], 6), c["below"], c["above"]) for c in top_changes(s)]
    [(0.444444, 'a2', 'a1')]
    """
    current = float(sweep.current)
    order = {a: i for i, a in enumerate(sweep.alternatives)}
    groups: list[list[Any]] = []  # crossovers at the same weight (options tied along the sweep)
    for c in sorted(sweep.crossovers, key=lambda c: c.t):
        if groups and abs(c.t - groups[-1][0].t) <= 1e-12:
            groups[-1].append(c)
        else:
            groups.append([c])
    # where several options take the lead at the same weight (tied on the whole sweep), the
    # new top is the first of them in the options' order, as the sweep's thresholds have it
    out: list[dict[str, Any]] = []
    leader = sweep.top
    for g in groups:
        if g[0].t < current - 1e-12:  # a crossover at the current weight: a tie there
            continue
        left = list(g)
        while True:  # a chain of changes at one weight is walked in turn
            ahead = [c for c in left if c.ahead_before == leader]
            if not ahead:
                break
            c = min(ahead, key=lambda c: order[c.ahead_after])
            left.remove(c)
            out.append({"t": float(c.t), "below": leader, "above": c.ahead_after})
            leader = c.ahead_after
    leader = sweep.top
    down: list[dict[str, Any]] = []
    for g in reversed(groups):
        if g[0].t > current + 1e-12:
            continue
        left = list(g)
        while True:
            behind = [c for c in left if c.ahead_after == leader]
            if not behind:
                break
            c = min(behind, key=lambda c: order[c.ahead_before])
            left.remove(c)
            down.append({"t": float(c.t), "below": c.ahead_before, "above": leader})
            leader = c.ahead_before
    # a crossover within 1e-9 of either end is two options tied on the one criterion (or set)
    # that is left at 100 %, found by rounding: not a weight anyone can set apart from the end
    return [c for c in [*reversed(down), *out] if _EDGE < c["t"] < 1.0 - _EDGE]


def _method_record(
    method: str, lang: str, sweeps: Mapping[str, WeightSweep], top: str
) -> dict[str, Any]:
    from samvalg.methods import get_method

    spec = get_method(method)
    return {
        "id": spec.name,
        "label": spec.label_nb if lang == "nb" else spec.label_en,
        "short": spec.name.upper().replace("_", " "),
        "normalization": spec.evaluation_normalization,
        "higher_is_better": spec.higher_is_better,
        "ratio_scale": spec.ratio_scale,
        "options": method_options(spec.name),
        "top": top,
        # only the weights that change the top (a weight missing here never does)
        "marks": {p: ch for p, sw in sweeps.items() if (ch := top_changes(sw))},
    }


def _raw_scores(b: Context, sid: str, set_ids: Any, options: list[str]) -> np.ndarray:
    """A service area's raw scores of ``options`` on the criteria of ``set_ids``, in order."""
    blocks = []
    for s in set_ids:
        mat = b.a.matrix(sid, s)
        rows = [mat.option_ids.index(o) for o in options]
        blocks.append(np.asarray(mat.values, dtype=float)[rows])
    return np.hstack(blocks) if blocks else np.empty((len(options), 0))


def _scores_record(scores: np.ndarray) -> list[list[float | int]]:
    return [[int(x) if x.is_integer() else x for x in row] for row in scores.tolist()]


def _criteria_record(
    b: Context, sid: str, set_ids: Any, criteria_order: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The view's criteria sets (set weight, local weights) and criteria (scale, direction)."""
    set_weights = b.a.set_weights()
    criteria: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    col = 0
    for s in set_ids:
        mat = b.a.matrix(sid, s)
        n = len(mat.criteria)
        local = np.asarray(b.a.weights_for(s, service_id=sid), dtype=float)
        sets.append(
            {
                "id": s,
                "label": set_label(s, b.lang, b.cat),
                "weight": float(set_weights[s]),
                "local": local.tolist(),
                "criteria": list(range(col, col + n)),
            }
        )
        for j, c in enumerate(mat.criteria):
            criteria.append(
                {
                    "id": c,
                    "label": criterion_label(c, b.lang, b.cat),
                    "set": s,
                    "lower": float(mat.scale.lower),
                    "upper": float(mat.scale.upper),
                    "type": int(mat.types[j]),
                }
            )
        col += n
    if [c["id"] for c in criteria] != list(criteria_order):  # pragma: no cover - evaluate's order
        raise RuntimeError(f"internal: criteria of {sid} out of order")
    return sets, criteria


def _methods_record(
    b: Context, sweeps_by_method: Mapping[str, Mapping[str, WeightSweep]]
) -> list[dict[str, Any]]:
    methods = []
    for m, sweeps in sweeps_by_method.items():
        first = next(iter(sweeps.values()))
        methods.append(_method_record(m, b.lang, sweeps, first.top))
    return methods


def _service_panel(b: Context, sid: str) -> dict[str, Any] | None:
    svc = b.res["services"][sid]
    key = svc.get("view")
    sweeps_by_method: Mapping[str, Mapping[str, WeightSweep]] | None = svc.get("whatif")
    if key is None or not sweeps_by_method:
        return None
    v = b.ev[sid][key]
    options = list(v.options)
    sets, criteria = _criteria_record(b, sid, v.set_ids, v.criteria)
    return {
        "kind": "service",
        "id": sid,
        "name": b.svc_raw(sid),
        "anchor": f"{sid}-sens",
        "view": key,
        "options": [
            {"id": o, "label": b.opt_raw(o), "feasible": bool(ok)}
            for o, ok in zip(options, v.feasible, strict=True)
        ],
        "sets": sets,
        "criteria": criteria,
        "scores": _scores_record(_raw_scores(b, sid, v.set_ids, options)),
        "weights": np.asarray(v.weights, dtype=float).tolist(),
        "methods": _methods_record(b, sweeps_by_method),
    }


def _bundle_panel(b: Context, bid: str) -> dict[str, Any] | None:
    """A bundle's panel (module docstring); None without a recommendation or sweeps (the
    members' weights differ, e.g. objective weights computed per service area)."""
    res = b.res.get("bundles", {}).get(bid, {})
    key = res.get("view")
    sweeps_by_method: Mapping[str, Mapping[str, WeightSweep]] | None = res.get("whatif")
    if key is None or not sweeps_by_method:
        return None
    bev = b.ev.bundles[bid]
    v = bev[key]
    first_sid = bev.members[0]
    first = b.ev[first_sid][key]
    sets, criteria = _criteria_record(b, first_sid, first.set_ids, first.criteria)
    members = []
    for sid in bev.members:
        mv = b.ev[sid][key]
        if _criteria_record(b, sid, mv.set_ids, mv.criteria) != (sets, criteria):
            return None  # the members' criteria, scales or weights differ: no shared controls
        m_options = list(mv.options)
        members.append(
            {
                "id": sid,
                "name": b.svc_raw(sid),
                "share": None if bev.member_weights is None else bev.member_weights[sid],
                "options": m_options,
                "rows": [m_options.index(o) for o in v.options],
                "scores": _scores_record(_raw_scores(b, sid, mv.set_ids, m_options)),
            }
        )
    return {
        "kind": "bundle",
        "id": bid,
        "name": bev.name_nb if b.lang == "nb" else bev.name_en,
        "anchor": f"bundle-{bid}-sens",
        "view": key,
        "rule": bev.rule,
        "options": [
            {"id": o, "label": b.opt_raw(o), "feasible": bool(ok)}
            for o, ok in zip(v.options, v.feasible, strict=True)
        ],
        "sets": sets,
        "criteria": criteria,
        "members": members,
        "weights": np.asarray(first.weights, dtype=float).tolist(),
        "methods": _methods_record(b, sweeps_by_method),
    }


def whatif_record(b: Context) -> dict[str, Any] | None:
    """The ``whatif`` record of ``data.json``: words, formats, one panel per service area and
    one per bundle.

    None when no service area or bundle has a recommendation (the page then shows no what-if).
    """
    panels = [p for sid in b.ev if (p := _service_panel(b, sid)) is not None]
    panels += [p for bid in b.ev.bundles if (p := _bundle_panel(b, bid)) is not None]
    if not panels:
        return None
    return {
        "version": WHATIF_VERSION,
        "lang": b.lang,
        "decimal": "," if b.lang == "nb" else ".",
        "method": b.spec.name,
        "text": {k.removeprefix("whatif_"): t(b.lang, k) for k in _TEXT_KEYS},
        "panels": panels,
    }
