"""The allocation problem built from an evaluation, and the checked arguments of the solver.

A :class:`_Problem` holds, per service area, the legally feasible options, their utilities
(higher is better), their hosts and the size that moves to a host: the FTE, or, when the
balance is measured in service areas (``missing_fte="areas"`` and some area lacks FTE), 1 per
area. An option of a form in :data:`OFFICE_FORMS` (a kommunalt oppgavefellesskap) has no host
in its id, but its kontorkommune employs the staff when the KO is not its own legal entity
(koml. § 14-8 and § 19-4 (4) b; the law is silent on employment, so this is an inference,
marked uncertain in the catalogue): with ``office_hosts=True`` it is expanded into one variant
per municipality as office, and the office counts as hosting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue
    from samvalg.evaluation import Evaluation

__all__ = ["OFFICE_FORMS", "TIME_LIMIT"]

#: Forms whose office municipality (kontorkommune) counts as hosting the service area.
OFFICE_FORMS: tuple[str, ...] = ("oppgavefellesskap",)

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
    #: bundles as tuples of indices into ``services``: every member gets the same option
    bundles: tuple[tuple[int, ...], ...] = ()
    office: tuple[tuple[bool, ...], ...] = ()
    measure: str = "fte"


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    """A count in words up to ten (``"three"``), in digits above."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _municipalities(catalogue: Catalogue | None) -> tuple[str, ...]:
    if catalogue is None:
        from samvalg.catalogue import catalogue as load

        catalogue = load()
    return tuple(catalogue.municipalities)


def _problem(
    evaluation: Evaluation,
    view: str,
    fte: Mapping[str, float] | None,
    catalogue: Catalogue | None,
    baseline: Any,
    missing_fte: str,
    office_hosts: bool = False,
) -> _Problem:
    from samvalg.evaluation import Evaluation

    if not isinstance(evaluation, Evaluation):
        raise SamvalgError(
            "evaluation: expected the result of samvalg.evaluate(assessment), "
            f"got {type(evaluation).__name__}"
        )
    if missing_fte not in ("error", "skip", "areas"):
        raise SamvalgError(f"missing_fte: {missing_fte!r} (allowed: 'error', 'skip', 'areas')")
    if catalogue is None:
        catalogue = evaluation.catalogue  # the assessment's (None only for a hand-built one)
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
    office: list[tuple[bool, ...]] = []
    lacking: list[str] = []
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
        offs = (False,) * len(opts)
        if office_hosts:  # a KO's office municipality hosts: one variant per municipality
            e_opts: list[str] = []
            e_vals: list[float] = []
            e_hs: list[str | None] = []
            e_offs: list[bool] = []
            for o, val, h in zip(opts, vals, hs, strict=True):
                if h is None and o.partition(":")[0] in OFFICE_FORMS:
                    for m in munis:
                        e_opts.append(o)
                        e_vals.append(val)
                        e_hs.append(m)
                        e_offs.append(True)
                else:
                    e_opts.append(o)
                    e_vals.append(val)
                    e_hs.append(h)
                    e_offs.append(False)
            opts, vals, hs, offs = tuple(e_opts), np.asarray(e_vals), tuple(e_hs), tuple(e_offs)
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
                    f"fte={{{sid!r}: ...}} (total FTE of the {_count(len(munis))} municipalities)"
                )
                if missing_fte == "error":
                    raise SamvalgError(reason)
                if missing_fte == "skip":
                    skipped[sid] = reason
                    continue
                lacking.append(sid)
                f_s = 1.0
        services.append(sid)
        options.append(opts)
        utility.append(vals)
        hosts.append(hs)
        office.append(offs)
        fte_list.append(f_s)
    if not services:
        raise SamvalgError("no service area left to allocate (every one lacks FTE data)")
    groups = []
    for bid, bev in getattr(evaluation, "bundles", {}).items():
        idx = tuple(services.index(m) for m in bev.members if m in services)
        if len(idx) > 1:
            common = set(options[idx[0]]).intersection(*(options[i] for i in idx[1:]))
            if not common:
                raise SamvalgError(
                    f"bundle {bid!r}: no option is legally feasible for every member "
                    f"({', '.join(bev.members)}) in view {view!r}, so they cannot share one"
                )
            groups.append(idx)
    measure = "fte"
    if lacking:  # missing_fte="areas": balance the number of areas, every area counts 1
        measure = "areas"
        fte_list = [1.0] * len(services)
        fte_source = {s: "antall områder / number of areas" for s in services}
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
        bundles=tuple(groups),
        office=tuple(office),
        measure=measure,
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
