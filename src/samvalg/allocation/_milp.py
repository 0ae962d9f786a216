"""The mixed-integer programme of host allocation (scipy's HiGHS) and its public entry points.

:func:`allocate_hosts` solves the balanced plan and the unconstrained optimum;
:func:`tradeoff_curve` walks the exact Pareto frontier of value against the largest share.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from samvalg.allocation._dp import FrontierDP, _GiveUp, dp_applicable
from samvalg.allocation._problem import (
    _TOL,
    TIME_LIMIT,
    _check_share,
    _check_time_limit,
    _min_services,
    _Problem,
    _problem,
)
from samvalg.allocation._results import AllocationResult, TradeoffCurve, TradeoffPoint
from samvalg.errors import InfeasibleError, SamvalgError

__all__ = ["allocate_hosts", "tradeoff_curve"]


@dataclass(frozen=True)
class _Solution:
    idx: list[int]
    gap: float
    optimal: bool


@dataclass(frozen=True)
class _Below:
    """A frontier step's bound: every municipality's share strictly below ``top / total``.

    ``units`` are the services' sizes as whole numbers (FTE times ``10**d``), so the strict
    bound is exact: a municipality hosting :math:`a_h` of :math:`t` units meets it iff
    :math:`a_h \\cdot total < top \\cdot t`, i.e. :math:`a_h - (top / total)\\, t \\le
    -1 / total` (no two achievable shares are closer than :math:`1 / (total\\, t)`).
    """

    units: np.ndarray
    top: int
    total: int


def _units(p: _Problem) -> np.ndarray:
    """The services' sizes as whole numbers: FTE times the least ``10**d`` (d <= 6) that makes
    every one whole (rounded at d = 6: shares of the frontier are exact to that)."""
    for d in range(7):
        scaled = p.fte * 10.0**d
        whole = np.round(scaled)
        if np.all(np.abs(scaled - whole) <= 1e-9 * np.maximum(1.0, scaled)):
            break
    return whole.astype(np.int64)


def _hosted_units(p: _Problem, idx: list[int], units: np.ndarray) -> tuple[int, int]:
    """``(largest, total)`` units hosted by the plan ``idx`` (whole numbers)."""
    hosted = dict.fromkeys(p.municipalities, 0)
    for i, j in enumerate(idx):
        h = p.hosts[i][j]
        if h is not None:
            hosted[h] += int(units[i])
    return max(hosted.values(), default=0), sum(hosted.values())


def _solve(
    p: _Problem,
    max_share: float,
    kmin: Mapping[str, int],
    time_limit: float | None = None,
    *,
    exact: bool = False,
    below: _Below | None = None,
) -> _Solution | None:
    """The chosen option per service, or None if no plan meets the bounds.

    ``time_limit`` (seconds) is passed to HiGHS; when it is hit with a plan in hand, that best
    plan comes back with ``optimal=False`` and HiGHS's relative MIP gap. ``exact`` proves the
    optimum with zero gap (HiGHS stops at a relative gap of 1e-4 by default, which can return
    a plan of a dominated value); the frontier's solves use it. ``below`` (implies ``exact``)
    replaces ``max_share`` by the frontier step's strict bound, with the hosted total as a
    variable :math:`t`.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    sizes = [len(o) for o in p.options]
    n = sum(sizes)
    # with a frontier bound: the hosted total t and z = [t > 0], the last two variables
    extra = 0 if below is None else 2
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    c = -np.concatenate(p.utility)
    rows, lb, ub = [], [], []
    for s in range(len(p.services)):
        r = np.zeros(n)
        r[offsets[s] : offsets[s + 1]] = 1.0
        rows.append(r)
        lb.append(1.0)
        ub.append(1.0)
    # a bundle's members share one option: x[a, o] = x[b, o] for every option o of either
    # (an option feasible for one member only is thereby excluded for both)
    for group in p.bundles:
        first = group[0]
        for other in group[1:]:
            for o in sorted(set(p.options[first]) | set(p.options[other])):
                r = np.zeros(n)
                if o in p.options[first]:
                    r[offsets[first] + p.options[first].index(o)] = 1.0
                if o in p.options[other]:
                    r[offsets[other] + p.options[other].index(o)] = -1.0
                rows.append(r)
                lb.append(0.0)
                ub.append(0.0)
    total_fte = float(p.fte.sum())
    if below is not None:  # t = the hosted units, t <= total units * z
        r = np.zeros(n + 2)
        r[n] = 1.0
        for s, hs in enumerate(p.hosts):
            for j, host in enumerate(hs):
                if host is not None:
                    r[offsets[s] + j] = -float(below.units[s])
        rows = [np.append(row, [0.0, 0.0]) for row in rows]
        rows.append(r)
        lb.append(0.0)
        ub.append(0.0)
        r = np.zeros(n + 2)
        r[n] = 1.0
        r[n + 1] = -float(below.units.sum())
        rows.append(r)
        lb.append(-np.inf)
        ub.append(0.0)
    for h in p.municipalities:
        share_row = np.zeros(n + extra)
        count_row = np.zeros(n + extra)
        for s, hs in enumerate(p.hosts):
            for j, host in enumerate(hs):
                if host is None:
                    continue
                idx = offsets[s] + j
                if below is None:
                    share_row[idx] = p.fte[s] * ((1.0 if host == h else 0.0) - max_share)
                elif host == h:
                    share_row[idx] = float(below.units[s])
                if host == h:
                    count_row[idx] = 1.0
        if below is not None:  # a_h - (top / total) t + z / total <= 0 (a plan hosting nothing
            # has share 0 and z = 0)
            share_row[n] = -below.top / below.total
            share_row[n + 1] = 1.0 / below.total
            rows.append(share_row)
            lb.append(-np.inf)
            ub.append(0.0)
        elif max_share < 1.0:
            rows.append(share_row)
            lb.append(-np.inf)
            ub.append(_TOL * max(total_fte, 1.0))
        if kmin.get(h, 0) > 0:
            rows.append(count_row)
            lb.append(float(kmin[h]))
            ub.append(np.inf)
    options: dict[str, float] = {} if time_limit is None else {"time_limit": float(time_limit)}
    if exact or below is not None:
        options["mip_rel_gap"] = 0.0
    upper = np.ones(n + extra)
    if below is not None:
        c = np.append(c, [0.0, 0.0])
        upper[n] = float(below.units.sum())
    res = milp(
        c,
        integrality=np.append(np.ones(n), [0.0, 1.0][:extra]),
        bounds=Bounds(np.zeros(n + extra), upper),
        constraints=LinearConstraint(np.vstack(rows), np.asarray(lb), np.asarray(ub)),
        options=options,
    )
    if res.status == 2:  # infeasible
        return None
    if res.x is None:
        if res.status == 1:
            raise SamvalgError(
                f"the allocation solver found no plan within time_limit={time_limit:g} s; "
                "raise time_limit"
            )
        raise SamvalgError(f"the allocation solver stopped without a plan: {res.message}")
    optimal = res.status == 0
    if not optimal and res.status != 1:
        raise SamvalgError(f"the allocation solver stopped without a plan: {res.message}")
    gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    x = np.round(res.x).astype(int)
    idx = [int(np.argmax(x[offsets[s] : offsets[s + 1]])) for s in range(len(p.services))]
    return _Solution(idx, gap if not optimal else max(gap, 0.0), optimal)


def _dp_step(
    engine: FrontierDP, top: int, total: int, value: float, time_limit: float
) -> _Solution | None:
    """A frontier step by :class:`~samvalg.allocation._dp.FrontierDP`, exact: the best plan
    whose every share is strictly below ``top / total``, None if there is none (raises
    :class:`~samvalg.allocation._dp._GiveUp` past ``time_limit``)."""
    idx = engine.step(top, total, value, time_limit)
    return None if idx is None else _Solution(idx, 0.0, True)


def _offices(p: _Problem, idx: list[int]) -> dict[str, str]:
    """``{service: office municipality}`` for the chosen options that are a KO's office."""
    out = {}
    for i, j in enumerate(idx):
        host = p.hosts[i][j]
        if p.office and p.office[i][j] and host is not None:
            out[p.services[i]] = host
    return out


def _plan(p: _Problem, idx: list[int]) -> tuple[dict[str, str], dict[str, float], float, float]:
    choice = {s: p.options[i][idx[i]] for i, s in enumerate(p.services)}
    hosted = {m: 0.0 for m in p.municipalities}
    value = 0.0
    for i, j in enumerate(idx):
        value += float(p.utility[i][j])
        h = p.hosts[i][j]
        if h is not None:
            hosted[h] += float(p.fte[i])
    total = sum(hosted.values())
    largest = max(hosted.values()) / total if total > 0 else 0.0
    return choice, hosted, value, largest


def _point(
    p: _Problem, beta: float, kmin: Mapping[str, int], time_limit: float | None = None
) -> TradeoffPoint:
    """The best plan under the bound `beta` as a curve point (all ``None`` if there is none)."""
    sol = _solve(p, beta, kmin, time_limit)
    if sol is None:
        return TradeoffPoint(beta, None, None, None, None)
    choice, hosted, value, largest = _plan(p, sol.idx)
    return TradeoffPoint(beta, largest, value, choice, hosted, sol.optimal, sol.gap)


def _infeasible_message(
    p: _Problem, max_share: float, kmin: Mapping[str, int], time_limit: float | None = None
) -> str:
    parts = [f"max_share={max_share:g}"]
    if any(kmin.values()):
        parts.append("min_services=" + ", ".join(f"{m}: {k}" for m, k in kmin.items() if k))
    lo, hi = max_share, 1.0
    if _solve(p, 1.0, kmin, time_limit) is None:
        hint = (
            "even without the share bound no plan hosts that many services per municipality "
            f"(host options exist for {sum(any(h for h in hs) for hs in p.hosts)} of "
            f"{len(p.services)} service areas); lower min_services"
        )
    else:
        for _ in range(30):
            mid = (lo + hi) / 2
            if _solve(p, mid, kmin, time_limit) is None:
                lo = mid
            else:
                hi = mid
        hint = f"the tightest bound with a plan is max_share ≈ {hi:.3f}; relax max_share"
        if any(kmin.values()):
            hint += " or min_services"
    return f"no allocation satisfies {', '.join(parts)}: {hint}"


def _frontier(
    p: _Problem,
    kmin: Mapping[str, int],
    limit: float,
    progress: Callable[[float, float], None] | None,
) -> tuple[list[TradeoffPoint], bool]:
    """The Pareto frontier's points, from the unconstrained optimum down, and whether it is exact.

    Each step is the best plan whose largest share is strictly below the previous point's
    (exactly, in whole units of size): after the first (a MILP), by
    :class:`~samvalg.allocation._dp.FrontierDP` where it applies and finishes, else one MILP
    with zero gap. A point a later one dominates is dropped (see :func:`_undominated`).
    """
    units = _units(p)
    floor = 1.0 / max(len(p.municipalities), 1)
    points: list[TradeoffPoint] = []
    exact = True
    cut: _Below | None = None
    engine = FrontierDP(p, units) if dp_applicable(p, dict(kmin), units) else None
    sol = _solve(p, 1.0, kmin, limit, exact=True)
    while sol is not None:
        choice, hosted, value, largest = _plan(p, sol.idx)
        if progress is not None:
            progress(min(1.0 - floor, max(0.0, 1.0 - largest)), 1.0 - floor)
        top, total = _hosted_units(p, sol.idx, units)
        if cut is not None:
            if total and top * cut.total >= cut.top * total:  # let through by a tolerance
                exact = False
                break
        points.append(TradeoffPoint(1.0, largest, value, choice, hosted, sol.optimal, sol.gap))
        exact = exact and sol.optimal
        if total == 0:  # nothing hosted: share 0, the end of the frontier
            break
        cut = _Below(units, top, total)
        if engine is not None:
            try:
                sol = _dp_step(engine, top, total, value, limit)
                continue
            except _GiveUp:  # too many partial plans, or the time limit: the MILP takes the
                engine = None  # rest of the walk
        sol = _solve(p, 1.0, kmin, limit, below=cut)
    if progress is not None:
        progress(1.0 - floor, 1.0 - floor)
    return _undominated(points), exact


def _undominated(points: list[TradeoffPoint]) -> list[TradeoffPoint]:
    """The points no later one dominates (shares fall along the walk, so a later point with at
    least the value is as good with a smaller share): ties of value, and a plan a time limit
    stopped short of the best. Each kept point's bound is the float just below the share of
    the kept point before it (1 for the first)."""
    kept: list[TradeoffPoint] = []
    best = -np.inf
    for point in reversed(points):
        value = -np.inf if point.value is None else point.value
        if not kept or value > best + _TOL * max(1.0, abs(best)):
            kept.append(point)
            best = value
    kept.reverse()
    bounds = [1.0] + [math.nextafter(p.largest_share or 0.0, 0.0) for p in kept[:-1]]
    return [replace(p, bound=b) for p, b in zip(kept, bounds, strict=True)]


def allocate_hosts(
    evaluation: Any,
    max_share: float = 0.5,
    *,
    min_services: int | Mapping[str, int] | None = None,
    view: str = "combined",
    fte: Mapping[str, float] | None = None,
    catalogue: Any = None,
    baseline: Any = None,
    missing_fte: str = "error",
    time_limit: float = TIME_LIMIT,
    office_hosts: bool = False,
) -> AllocationResult:
    """Choose one option per service area: best total value with balanced hosting.

    Solves the MILP of the module docstring exactly, and once more without the balance bounds to
    report the value given up for balance. The members of each bundle of the evaluation
    (``evaluation.bundles``, from ``[bundles.<id>]``) get the same option, in both plans: for
    every option :math:`o` and members :math:`a, b`, :math:`x_{a,o} = x_{b,o}` (an option
    feasible for one member only is thereby ruled out for both). A member left out for lack
    of FTE (``missing_fte="skip"``) is not constrained.

    Parameters
    ----------
    evaluation : Evaluation
        From :func:`samvalg.evaluate`.
    max_share : float
        Upper bound :math:`\\beta \\in (0, 1]` on each municipality's share of the hosted FTE
        (default 0.5; 1 = no bound).
    min_services : int or mapping, optional
        Minimum number of service areas each municipality hosts (an int for all, or per id).
    view : str
        Which view's values to use (default ``"combined"``; also ``"whether"``, ``"form"`` ...).
        For VIKOR (lower Q is better) the allocation maximises :math:`-Q`.
    fte : mapping, optional
        FTE per service area (summed over the municipalities); overrides the baseline and is
        required for areas the case has no staffing data for (plan, byggesak, kart_oppmaling,
        landbruk) when they have a host option.
    catalogue, baseline : optional
        Source of the municipalities and of the FTE (default: the catalogue the evaluation was
        made with, ``evaluation.catalogue``, that is the assessment's, and
        :func:`samvalg.economics.baseline` of it; grouped services are split by its stated key).
    missing_fte : {"error", "skip", "areas"}
        A service with a host option and no FTE: raise (default), leave it out and list it in
        ``.skipped``, or (``"areas"``) keep every service area and balance the *number of
        areas* instead of FTE (each area counts 1; ``.measure == "areas"``). To balance a size
        of your own, give it for every area with ``fte``.
    time_limit : float
        Seconds the MILP solver (HiGHS) may spend on each solve (default
        :data:`TIME_LIMIT`, 60). If it is hit, the best plan found so far is returned with
        ``optimal=False`` and its MIP ``gap``; if no plan was found by then, an error says so.
        Ordinary problems (tens of service areas) solve in milliseconds.
    office_hosts : bool
        Count a kommunalt oppgavefellesskap's office municipality (kontorkommune) as hosting:
        the plan then also chooses each KO's office (``.office``). Default False here (the
        plain model); the briefing counts it (``samvalg allocate --office-hosts``). Whether
        the office employs the staff is an inference (the law is silent; koml. § 14-8,
        § 19-4 (4) b).

    Returns
    -------
    AllocationResult

    Raises
    ------
    InfeasibleError
        Bounds no plan meets (the message gives the tightest feasible ``max_share``); a
        :class:`~samvalg.errors.SamvalgError`, so callers catching that still do.
    SamvalgError
        Bad arguments, missing FTE.

    Examples
    --------
    >>> import samvalg
    >>> ev = samvalg.evaluate(samvalg.example_assessment())
    >>> res = samvalg.allocation.allocate_hosts(ev, 0.5, missing_fte="skip")
    >>> res.largest_share <= 0.5 + 1e-9
    True
    """
    beta = _check_share(max_share)
    limit = _check_time_limit(time_limit)
    p = _problem(evaluation, view, fte, catalogue, baseline, missing_fte, office_hosts)
    kmin = _min_services(min_services, p.municipalities)
    free = _solve(p, 1.0, {m: 0 for m in p.municipalities}, limit)
    if free is None:  # pragma: no cover - every service has a feasible option
        raise SamvalgError("no allocation exists even without bounds")
    sol = _solve(p, beta, kmin, limit)
    if sol is None:
        raise InfeasibleError(_infeasible_message(p, beta, kmin, limit))
    idx = sol.idx
    choice, hosted, value, largest = _plan(p, idx)
    u_choice, u_hosted, u_value, u_largest = _plan(p, free.idx)
    service_values = {s: float(p.utility[i][idx[i]]) for i, s in enumerate(p.services)}
    return AllocationResult(
        choice=choice,
        hosted_fte=hosted,
        value=value,
        largest_share=largest,
        service_values=service_values,
        unconstrained_choice=u_choice,
        unconstrained_value=u_value,
        unconstrained_hosted_fte=u_hosted,
        unconstrained_largest_share=u_largest,
        max_share=beta,
        min_services=kmin,
        view=view,
        method=str(getattr(evaluation, "method", "")),
        fte={s: float(p.fte[i]) for i, s in enumerate(p.services)},
        fte_source=p.fte_source,
        skipped=p.skipped,
        illustrative=bool(getattr(evaluation, "illustrative", False)),
        note=p.note,
        optimal=sol.optimal,
        gap=sol.gap,
        office=_offices(p, idx),
        unconstrained_office=_offices(p, free.idx),
        measure=p.measure,
    )


def tradeoff_curve(
    evaluation: Any,
    shares: Any = None,
    *,
    min_services: int | Mapping[str, int] | None = None,
    view: str = "combined",
    fte: Mapping[str, float] | None = None,
    catalogue: Any = None,
    baseline: Any = None,
    missing_fte: str = "error",
    time_limit: float = TIME_LIMIT,
    office_hosts: bool = False,
    progress: Callable[[float, float], None] | None = None,
) -> TradeoffCurve:
    """Best total value against the largest municipality's share of the hosted FTE.

    With ``shares=None`` the exact Pareto frontier, breakpoint by breakpoint: solve without a
    bound, read the largest share :math:`s_k` the optimal plan achieves, and solve again for the
    best plan whose largest share is strictly below :math:`s_k`, until no plan remains or
    nothing is hosted. The strict bound is exact: with the services' sizes as whole numbers
    (FTE in hundredths, say) a share is a ratio of whole numbers, and
    :math:`a_h / t < s_k` is the linear :math:`a_h - s_k\\, t \\le -1/t_k` in the hosted
    units :math:`a_h` of each municipality and the hosted total :math:`t`, a variable of the
    MILP (a plan hosting nothing has share 0 and is exempt: the right-hand side is
    :math:`-z/t_k` with :math:`z = [t > 0]`); each new plan's share is checked in whole
    numbers too (should the solver's tolerance let a plan at :math:`s_k` through, the walk
    stops there with ``exact=False``). Each MILP is solved to a zero relative gap (HiGHS's
    default of :math:`10^{-4}` could return a plan of lower value than the best, a
    dominated point), and a point a later one dominates (a tie of value, or a plan a time
    limit stopped short of the best) is dropped. One MILP per point of the frontier plus
    the dropped ones; the bounds in between are never solved, since the best plan under any
    :math:`\\beta \\in [s_{k+1}, s_k)` is point :math:`k + 1`; a point's ``bound`` is the
    float just below the previous point's share (1 for the first). With a sequence of
    ``shares``, one solve per bound (``value=None`` where no plan meets it).

    The frontier near :math:`\\beta = 1/H` (H municipalities) is where the MILPs are hard (an
    almost even split of the hosted FTE, where the LP bound is weak): with many service areas
    a solve there takes minutes. So the steps after the first are solved by an exact dynamic
    programme instead (:mod:`samvalg.allocation._dp`: partial plans merged by their hosted
    units per municipality, pruned by Lagrangian reduced costs and by what the remaining
    areas can still balance; 50 areas x 5 municipalities: the whole frontier in about 2 s,
    20 x 4 in about 0.15 s, measured by ``benchmarks/allocation.py``). With bundles or
    ``min_services``, and for a step the programme does not finish within ``time_limit`` (or
    its memory bound), the MILP solves the rest of the walk; a point whose MILP hit the limit
    has ``optimal=False`` and the curve ``exact=False``.

    Parameters
    ----------
    evaluation, min_services, view, fte, catalogue, baseline, missing_fte, office_hosts
        As for :func:`allocate_hosts`.
    shares : sequence of float, optional
        Bounds to evaluate instead of the exact frontier.
    time_limit : float
        Seconds per MILP solve (default :data:`TIME_LIMIT`); see :func:`allocate_hosts`.
    progress : callable(done, total), optional
        Called after each solve, for a progress bar: with ``shares``, solves done of
        ``len(shares)``; on the frontier, how far the bound has come down from 1 towards
        :math:`1/H` (where the frontier ends when every municipality must host), of
        :math:`1 - 1/H`. The results do not depend on it.

    Returns
    -------
    TradeoffCurve

    Examples
    --------
    >>> import samvalg
    >>> ev = samvalg.evaluate(samvalg.example_assessment())
    >>> curve = samvalg.allocation.tradeoff_curve(ev, missing_fte="skip")
    >>> bool(np.all(np.diff(curve.values) <= 1e-9))
    True
    """
    limit = _check_time_limit(time_limit)
    p = _problem(evaluation, view, fte, catalogue, baseline, missing_fte, office_hosts)
    kmin = _min_services(min_services, p.municipalities)
    points = []
    if shares is not None:
        bounds = [_check_share(b) for b in shares]
        for k, b in enumerate(bounds):
            points.append(_point(p, b, kmin, limit))
            if progress is not None:
                progress(k + 1, len(bounds))
        exact = False
    else:
        points, exact = _frontier(p, kmin, limit, progress)
    return TradeoffCurve(
        points=tuple(points),
        view=view,
        exact=exact,
        illustrative=bool(getattr(evaluation, "illustrative", False)),
        skipped=p.skipped,
    )
