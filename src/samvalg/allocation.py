"""Host allocation: one option per service area, best total value, an even share of responsibility.

The councils demand *likeverd* and *jevnbyrdig fordeling av ansvar*: when several service areas
are run by a host municipality (vertskommune), no municipality should end up hosting most of the
staff. :func:`allocate_hosts` chooses one option per service area (a form and, for host forms,
the host) to maximise the total decision value from :func:`samvalg.evaluate`, subject to legal
feasibility and a bound on each municipality's share of the hosted FTE.

Model (an exact mixed-integer linear programme, solved with :func:`scipy.optimize.milp`, HiGHS):

.. math::

    \\max_x \\sum_{s} \\sum_{o \\in O_s} u_{so} x_{so}
    \\quad \\text{s.t.} \\quad
    \\sum_{o \\in O_s} x_{so} = 1 \\;\\forall s, \\qquad
    \\sum_{s} \\sum_{o \\in H_{s,h}} f_s x_{so} \\le \\beta \\sum_{s} \\sum_{o \\in H_s} f_s x_{so}
    \\;\\forall h, \\qquad
    \\sum_{s} \\sum_{o \\in H_{s,h}} x_{so} \\ge k_h \\;\\forall h, \\qquad x_{so} \\in \\{0, 1\\}

where :math:`O_s` are the legally feasible options of service :math:`s` in the chosen view,
:math:`u_{so}` their decision values (higher is better; :math:`-Q` for VIKOR),
:math:`H_{s,h}` the options hosted by municipality :math:`h`, :math:`H_s = \\bigcup_h H_{s,h}`,
:math:`f_s` the FTE of service :math:`s` summed over the municipalities (all of them move to the
host), :math:`\\beta` = ``max_share`` and :math:`k_h` = ``min_services``. The share constraint is
the linearisation of :math:`\\text{hosted}_h / \\text{hosted total} \\le \\beta` (multiply out the
denominator; a plan that hosts nothing satisfies it trivially). Options without a host (egen
drift, oppgavefellesskap, IKS, ...) host no FTE for anyone.

The unconstrained optimum (:math:`\\beta = 1`, no minimum) is solved too, so the value given up
for balance is reported; :func:`tradeoff_curve` gives the exact Pareto frontier of value against
the largest hosted share. Reference for the formulation: Wolsey (2020), *Integer Programming*,
2nd ed., ch. 1 (assignment with side constraints; ratio constraints linearised by
multiplication).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from samvalg._json import JSONMixin
from samvalg.errors import SamvalgError

__all__ = [
    "AllocationResult",
    "TradeoffCurve",
    "TradeoffPoint",
    "allocate_hosts",
    "tradeoff_curve",
]

_TOL = 1e-9


@dataclass(frozen=True)
class _Problem:
    services: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    utility: tuple[np.ndarray, ...]
    hosts: tuple[tuple[str | None, ...], ...]
    fte: np.ndarray
    municipalities: tuple[str, ...]
    fte_source: Mapping[str, str]
    skipped: Mapping[str, str]
    note: str


@dataclass(frozen=True)
class AllocationResult(JSONMixin):
    """The chosen plan, its balance, and what balance costs (see :func:`allocate_hosts`).

    Attributes
    ----------
    choice : dict
        ``{service_id: option}`` (``"vertskommune:melhus"``, ``"oppgavefellesskap"``, ...).
    hosted_fte : dict
        ``{municipality_id: FTE hosted}`` (0 for a municipality hosting nothing).
    value : float
        Total decision value of the plan.
    largest_share : float
        The largest municipality's share of the hosted FTE (0 when nothing is hosted).
    unconstrained_choice, unconstrained_value, unconstrained_hosted_fte
        The best plan without the balance bounds.
    value_given_up : float
        ``unconstrained_value - value`` (>= 0): the price of balance.
    optimal : bool
        False when the solver's ``time_limit`` stopped it: ``choice`` is then the best plan it
        had found (it meets every bound) and may not be the best one.
    gap : float
        The solver's relative MIP gap for ``choice``: at most this fraction of value could
        still be missing (HiGHS stops at 1e-4 when it proves optimality; larger when the time
        limit was hit).
    """

    choice: Mapping[str, str]
    hosted_fte: Mapping[str, float]
    value: float
    largest_share: float
    service_values: Mapping[str, float]
    unconstrained_choice: Mapping[str, str]
    unconstrained_value: float
    unconstrained_hosted_fte: Mapping[str, float]
    unconstrained_largest_share: float
    max_share: float
    min_services: Mapping[str, int]
    view: str
    method: str
    fte: Mapping[str, float]
    fte_source: Mapping[str, str]
    skipped: Mapping[str, str]
    illustrative: bool
    note: str = ""
    optimal: bool = True
    gap: float = 0.0

    @property
    def value_given_up(self) -> float:
        return max(0.0, self.unconstrained_value - self.value)

    @property
    def hosted_count(self) -> dict[str, int]:
        """Number of service areas hosted per municipality."""
        out = {m: 0 for m in self.hosted_fte}
        for opt in self.choice.values():
            host = opt.partition(":")[2]
            if host:
                out[host] = out.get(host, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        from samvalg._version import __version__

        return {
            "samvalg_version": __version__,
            "illustrative": self.illustrative,
            "view": self.view,
            "method": self.method,
            "max_share": self.max_share,
            "min_services": dict(self.min_services),
            "choice": dict(self.choice),
            "service_values": dict(self.service_values),
            "hosted_fte": dict(self.hosted_fte),
            "hosted_count": self.hosted_count,
            "largest_share": self.largest_share,
            "value": self.value,
            "unconstrained": {
                "choice": dict(self.unconstrained_choice),
                "value": self.unconstrained_value,
                "hosted_fte": dict(self.unconstrained_hosted_fte),
                "largest_share": self.unconstrained_largest_share,
            },
            "value_given_up": self.value_given_up,
            "fte": dict(self.fte),
            "fte_source": dict(self.fte_source),
            "skipped": dict(self.skipped),
            "note": self.note,
            # only when the time limit stopped the solver (keeps ordinary output unchanged)
            **({} if self.optimal else {"optimal": False, "gap": self.gap}),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(s)}</td><td><b>{html.escape(o)}</b></td>"
            f"<td>{html.escape(self.unconstrained_choice[s])}</td>"
            f"<td style='text-align:right'>{self.fte.get(s, 0.0):.2f}</td></tr>"
            for s, o in self.choice.items()
        )
        hosted = ", ".join(f"{m}: {v:.2f}" for m, v in self.hosted_fte.items())
        label = "<p><b>Illustrativt eksempel.</b></p>" if self.illustrative else ""
        skipped = (
            f"<p>Ikke med (mangler årsverk): {html.escape(', '.join(self.skipped))}</p>"
            if self.skipped
            else ""
        )
        return (
            f"{label}<table><caption>Vertskommunefordeling (maks andel {self.max_share:.0%}, "
            f"visning {html.escape(self.view)})</caption><thead><tr><th>Tjenesteområde</th>"
            "<th>Valgt</th><th>Uten balansekrav</th><th>Årsverk</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>Årsverk per vertskommune: {html.escape(hosted)}; "
            f"største andel {self.largest_share:.1%}. Verdi {self.value:.4f} "
            f"(uten krav {self.unconstrained_value:.4f}; avgitt for balanse "
            f"{self.value_given_up:.4f}).</p>{skipped}"
        )

    def __repr__(self) -> str:
        lines = [
            f"AllocationResult(max_share={self.max_share}, value={self.value:.4f}, "
            f"given_up={self.value_given_up:.4f}, largest_share={self.largest_share:.3f})"
        ]
        lines += [f"  {s}: {o}" for s, o in self.choice.items()]
        hosted = ", ".join(f"{m}={v:.2f}" for m, v in self.hosted_fte.items())
        lines.append(f"  hosted FTE: {hosted}")
        return "\n".join(lines)


@dataclass(frozen=True)
class TradeoffPoint:
    """One point of the trade-off curve."""

    bound: float
    largest_share: float | None
    value: float | None
    choice: Mapping[str, str] | None
    hosted_fte: Mapping[str, float] | None
    optimal: bool = True
    gap: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "bound": self.bound,
            "largest_share": self.largest_share,
            "value": self.value,
            "choice": None if self.choice is None else dict(self.choice),
            "hosted_fte": None if self.hosted_fte is None else dict(self.hosted_fte),
            **({} if self.optimal else {"optimal": False, "gap": self.gap}),
        }


@dataclass(frozen=True)
class TradeoffCurve(JSONMixin):
    """Best value against the largest hosted share (see :func:`tradeoff_curve`).

    ``points`` run from the unconstrained optimum towards ever tighter balance; a point with
    ``value is None`` means no plan meets that bound. ``exact`` is True for the whole frontier
    (``shares=None``) when every solve finished within its time limit; a point with
    ``optimal=False`` is the best plan found when the limit was hit (its ``gap`` says how far
    from proven).
    """

    points: tuple[TradeoffPoint, ...]
    view: str
    exact: bool
    illustrative: bool
    skipped: Mapping[str, str] = field(default_factory=dict)

    @property
    def shares(self) -> np.ndarray:
        return np.array(
            [np.nan if p.largest_share is None else p.largest_share for p in self.points]
        )

    @property
    def values(self) -> np.ndarray:
        return np.array([np.nan if p.value is None else p.value for p in self.points])

    def to_dict(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "exact": self.exact,
            "illustrative": self.illustrative,
            "points": [p.to_dict() for p in self.points],
            "skipped": dict(self.skipped),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{p.bound:.3f}</td><td>"
            f"{'–' if p.largest_share is None else f'{p.largest_share:.3f}'}</td><td>"
            f"{'ingen plan' if p.value is None else f'{p.value:.4f}'}</td></tr>"
            for p in self.points
        )
        return (
            "<table><caption>Verdi mot største andel vertskommune-årsverk</caption>"
            "<thead><tr><th>Grense</th><th>Største andel</th><th>Verdi</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# ------------------------------------------------------------------------------------ setup
def _municipalities(catalogue: Any) -> tuple[str, ...]:
    if catalogue is None:
        from samvalg.catalogue import catalogue as load

        catalogue = load()
    return tuple(catalogue.municipalities)


def _problem(
    evaluation: Any,
    view: str,
    fte: Mapping[str, float] | None,
    catalogue: Any,
    baseline: Any,
    missing_fte: str,
) -> _Problem:
    from samvalg.evaluation import Evaluation

    if not isinstance(evaluation, Evaluation):
        raise SamvalgError(
            "evaluation: expected the result of samvalg.evaluate(assessment), "
            f"got {type(evaluation).__name__}"
        )
    if missing_fte not in ("error", "skip"):
        raise SamvalgError(f"missing_fte: {missing_fte!r} (allowed: 'error', 'skip')")
    munis = _municipalities(catalogue)
    fte_user = {} if fte is None else dict(fte)
    known = list(evaluation)
    unknown = [s for s in fte_user if s not in known]
    if unknown:
        from samvalg.economics._money import closest

        raise SamvalgError(
            "; ".join(
                f"fte: service {s!r}{closest(s, known)} is not in the evaluation "
                f"(allowed: {', '.join(known)})"
                for s in unknown
            )
        )
    for s, given in fte_user.items():
        if (
            isinstance(given, bool)
            or not isinstance(given, int | float)
            or not np.isfinite(given)
            or given < 0
        ):
            raise SamvalgError(f"fte[{s!r}]: expected a number of FTE >= 0, got {given!r}")

    services, options, utility, hosts, fte_list = [], [], [], [], []
    fte_source: dict[str, str] = {}
    skipped: dict[str, str] = {}
    note = ""
    base = baseline
    for sid in evaluation:
        sev = evaluation[sid]
        if view not in sev.views:
            raise SamvalgError(
                f"view: {view!r} is not a view of {sid!r} (allowed: {', '.join(sev.views)})"
            )
        v = sev.views[view]
        feas = np.asarray(v.feasible, dtype=bool)
        opts = tuple(o for o, ok in zip(v.options, feas, strict=True) if ok)
        if not opts:
            raise SamvalgError(
                f"service {sid!r}: no legally feasible option in view {view!r} "
                f"(ranked: {', '.join(v.options) or 'none'}; excluded: "
                f"{', '.join(v.excluded) or 'none'})"
            )
        vals = np.asarray(v.values, dtype=float)[feas]
        if not v.higher_is_better:
            vals = -vals
            note = (
                f"{v.method}: values are lower-is-better (VIKOR's Q); the allocation maximises -Q"
            )
        hs = tuple((o.partition(":")[2] or None) for o in opts)
        bad_hosts = sorted({h for h in hs if h is not None and h not in munis})
        if bad_hosts:
            raise SamvalgError(
                f"service {sid!r}: host(s) {', '.join(bad_hosts)} are not municipalities in the "
                f"catalogue (allowed: {', '.join(munis)})"
            )
        needs_fte = any(h is not None for h in hs)
        if sid in fte_user:
            f_s = float(fte_user[sid])
            fte_source[sid] = "brukeroppgitt / user-supplied"
        elif not needs_fte:
            f_s = 0.0
            fte_source[sid] = "ingen vertskommunealternativ / no host option"
        else:
            if base is None:
                from samvalg.economics import baseline as _baseline

                base = _baseline(catalogue)
            if sid in base.services:
                f_s = base.service_total_fte(sid)
                g = base.group_of(sid)
                fte_source[sid] = (
                    f"grunnlag: {g.id}"
                    if len(g.services) == 1
                    else f"grunnlag: gruppen {g.id} fordelt på {', '.join(g.services)} "
                    "(nøkkel i Baseline.split)"
                )
            else:
                reason = (
                    f"no FTE for {sid!r}: the council case has no staffing figures for it; give "
                    f"fte={{{sid!r}: ...}} (total FTE of the three municipalities)"
                )
                if missing_fte == "error":
                    raise SamvalgError(reason)
                skipped[sid] = reason
                continue
        services.append(sid)
        options.append(opts)
        utility.append(vals)
        hosts.append(hs)
        fte_list.append(f_s)
    if not services:
        raise SamvalgError("no service area left to allocate (every one lacks FTE data)")
    return _Problem(
        services=tuple(services),
        options=tuple(options),
        utility=tuple(utility),
        hosts=tuple(hosts),
        fte=np.asarray(fte_list, dtype=float),
        municipalities=munis,
        fte_source=fte_source,
        skipped=skipped,
        note=note,
    )


def _min_services(min_services: Any, munis: tuple[str, ...]) -> dict[str, int]:
    if min_services is None:
        return {m: 0 for m in munis}
    if isinstance(min_services, Mapping):
        unknown = [m for m in min_services if m not in munis]
        if unknown:
            raise SamvalgError(
                f"min_services: unknown municipality {', '.join(map(repr, unknown))} "
                f"(allowed: {', '.join(munis)})"
            )
        raw = {m: min_services.get(m, 0) for m in munis}
    else:
        raw = {m: min_services for m in munis}
    for m, k in raw.items():
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 0:
            raise SamvalgError(f"min_services[{m!r}]: expected a whole number >= 0, got {k!r}")
    return {m: int(k) for m, k in raw.items()}


#: Default per-solve time limit of the MILP solver, in seconds.
TIME_LIMIT = 60.0


def _check_time_limit(time_limit: Any) -> float:
    if (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, int | float)
        or not np.isfinite(time_limit)
        or time_limit <= 0
    ):
        raise SamvalgError(f"time_limit: expected a number of seconds > 0, got {time_limit!r}")
    return float(time_limit)


def _check_share(max_share: Any) -> float:
    if isinstance(max_share, bool) or not isinstance(max_share, int | float):
        raise SamvalgError(f"max_share: expected a number in (0, 1], got {max_share!r}")
    if not (0 < float(max_share) <= 1):
        raise SamvalgError(
            f"max_share: {max_share} is outside (0, 1] (0.5 = no municipality hosts more than "
            "half of the hosted FTE)"
        )
    return float(max_share)


# ------------------------------------------------------------------------------------ solver
@dataclass(frozen=True)
class _Solution:
    idx: list[int]
    gap: float
    optimal: bool


def _solve(
    p: _Problem, max_share: float, kmin: Mapping[str, int], time_limit: float | None = None
) -> _Solution | None:
    """The chosen option per service, or None if no plan meets the bounds.

    ``time_limit`` (seconds) is passed to HiGHS; when it is hit with a plan in hand, that best
    plan comes back with ``optimal=False`` and HiGHS's relative MIP gap.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    sizes = [len(o) for o in p.options]
    n = sum(sizes)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    c = -np.concatenate(p.utility)
    rows, lb, ub = [], [], []
    for s in range(len(p.services)):
        r = np.zeros(n)
        r[offsets[s] : offsets[s + 1]] = 1.0
        rows.append(r)
        lb.append(1.0)
        ub.append(1.0)
    total_fte = float(p.fte.sum())
    for h in p.municipalities:
        share_row = np.zeros(n)
        count_row = np.zeros(n)
        for s, hs in enumerate(p.hosts):
            for j, host in enumerate(hs):
                if host is None:
                    continue
                idx = offsets[s] + j
                share_row[idx] = p.fte[s] * ((1.0 if host == h else 0.0) - max_share)
                if host == h:
                    count_row[idx] = 1.0
        if max_share < 1.0:
            rows.append(share_row)
            lb.append(-np.inf)
            ub.append(_TOL * max(total_fte, 1.0))
        if kmin.get(h, 0) > 0:
            rows.append(count_row)
            lb.append(float(kmin[h]))
            ub.append(np.inf)
    options = {} if time_limit is None else {"time_limit": float(time_limit)}
    res = milp(
        c,
        integrality=np.ones(n),
        bounds=Bounds(np.zeros(n), np.ones(n)),
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
) -> AllocationResult:
    """Choose one option per service area: best total value with balanced hosting.

    Solves the MILP of the module docstring exactly, and once more without the balance bounds to
    report the value given up for balance.

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
        Source of the municipalities and of the FTE (default: the shipped catalogue and
        :func:`samvalg.economics.baseline`; grouped services are split by its stated key).
    missing_fte : {"error", "skip"}
        A service with a host option and no FTE: raise (default) or leave it out and list it in
        ``.skipped``.
    time_limit : float
        Seconds the MILP solver (HiGHS) may spend on each solve (default
        :data:`TIME_LIMIT`, 60). If it is hit, the best plan found so far is returned with
        ``optimal=False`` and its MIP ``gap``; if no plan was found by then, an error says so.
        Ordinary problems (tens of service areas) solve in milliseconds.

    Returns
    -------
    AllocationResult

    Raises
    ------
    SamvalgError
        Bounds no plan meets (with the tightest feasible ``max_share``), bad arguments, missing FTE.

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
    p = _problem(evaluation, view, fte, catalogue, baseline, missing_fte)
    kmin = _min_services(min_services, p.municipalities)
    free = _solve(p, 1.0, {m: 0 for m in p.municipalities}, limit)
    if free is None:  # pragma: no cover - every service has a feasible option
        raise SamvalgError("no allocation exists even without bounds")
    sol = _solve(p, beta, kmin, limit)
    if sol is None:
        raise SamvalgError(_infeasible_message(p, beta, kmin, limit))
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
) -> TradeoffCurve:
    """Best total value against the largest municipality's share of the hosted FTE.

    With ``shares=None`` the exact Pareto frontier, breakpoint by breakpoint: solve without a
    bound, read the largest share :math:`s_k` the optimal plan achieves, and solve again with
    :math:`\\beta_{k+1} = s_k - 10^{-6}` (just below it: the next point is the best plan whose
    largest share is smaller), until no plan remains or nothing is hosted. One MILP per point of
    the frontier plus one; the bounds in between are never solved, since the best plan under
    any :math:`\\beta \\in [s_{k+1}, s_k)` is point :math:`k + 1`. (Shares closer together than
    :math:`10^{-6}` would be merged; with FTE in hundredths and under 1000 FTE in all they are
    not.) With a sequence of ``shares``, one solve per bound (``value=None`` where no plan
    meets it).

    The frontier near :math:`\\beta = 1/H` (H municipalities) is where the MILPs are hard (an
    even split of the hosted FTE); with many service areas a solve there can take seconds,
    which ``time_limit`` caps: a point whose solve hit it has ``optimal=False`` and the curve
    ``exact=False``.

    Parameters
    ----------
    evaluation, min_services, view, fte, catalogue, baseline, missing_fte
        As for :func:`allocate_hosts`.
    shares : sequence of float, optional
        Bounds to evaluate instead of the exact frontier.
    time_limit : float
        Seconds per MILP solve (default :data:`TIME_LIMIT`); see :func:`allocate_hosts`.

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
    p = _problem(evaluation, view, fte, catalogue, baseline, missing_fte)
    kmin = _min_services(min_services, p.municipalities)
    points = []
    if shares is not None:
        points = [_point(p, _check_share(b), kmin, limit) for b in shares]
        exact = False
    else:
        beta = 1.0
        exact = True
        for _ in range(10_000):
            point = _point(p, beta, kmin, limit)
            if point.largest_share is None:
                break
            points.append(point)
            exact = exact and point.optimal
            if point.largest_share <= 0.0:
                break
            beta = point.largest_share - 1e-6
            if beta <= 0:
                break
    return TradeoffCurve(
        points=tuple(points),
        view=view,
        exact=exact,
        illustrative=bool(getattr(evaluation, "illustrative", False)),
        skipped=p.skipped,
    )
