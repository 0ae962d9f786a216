"""Savings scenarios, one-off establishment costs, phase-in, yearly cash flows and present value.

The saving shares come from the evidence a catalogue's case cites (``[case]`` in
municipalities.toml, each item with its source; :func:`default_scenarios`): the ends of a
reported range of savings in other cooperations (``low``, ``high``) and an outside example
(``expected``), never a forecast for the municipalities at hand. A case without evidence has
no default scenarios: the caller names its own shares.

Cash flow of the cooperation (whole kroner, year 0 = establishment year):

.. math::

    CF_0 = -E_0 + G, \\qquad CF_t = p_t \\sum_g s_g C_g - E_t \\quad (t = 1, \\dots, H)

with :math:`C_g` today's wage cost of staffing group :math:`g`, :math:`s_g` the scenario's saving
share, :math:`p_t` the phase-in fraction (the last value carries on), :math:`E_t` the one-off
establishment costs falling in year :math:`t`, and :math:`G` the project grant (optional). The
present value is :math:`PV = \\sum_{t=0}^{H} CF_t (1+r)^{-t}` at a real discount rate
:math:`r` (prices of the baseline year; wages are assumed to follow the general price level).

Default rate: 4 % real, the risk-adjusted real discount rate of Finansdepartementet, rundskriv
R-109/2021 «Prinsipper og krav ved utarbeidelse av samfunnsøkonomiske analyser» and DFØ's
«Veileder i samfunnsøkonomiske analyser» (4 % for years 0–40, 3 % for years 40–75). Pass
``discount_rate="r109"`` for that declining schedule on horizons beyond 40 years.

Per municipality, year :math:`t`: it paid :math:`b_i` today and pays its key share of the joint
cost :math:`B - S_t` after, plus its key share of :math:`E_t`, less its key share of :math:`G`;
its net gain is :math:`b_i - \\text{share}_i(B - S_t) - \\text{share}_i(E_t) + \\text{share}_i(G)`,
and the municipalities' net gains add up to :math:`CF_t` exactly (largest-remainder rounding).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.economics._assumptions import (
    DEFAULT_ESTABLISHMENT,
    DEFAULT_PHASE_IN,
    DISCOUNT_RATE,
    DISCOUNT_RATE_SOURCE,
    EstablishmentCosts,
    SavingsScenario,
    default_scenarios,
    project_grant,
)
from samvalg.economics._discount import discount_factors, present_value
from samvalg.economics._money import as_fraction, closest, whole_kroner
from samvalg.economics._notes import Note
from samvalg.economics._scenario_results import (
    MunicipalityScenario,
    ScenarioAnalysis,
    ScenarioResult,
)
from samvalg.economics.baseline import Baseline
from samvalg.economics.baseline import baseline as _baseline
from samvalg.economics.sharing import compare_costs, key_weights
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = [
    "DEFAULT_ESTABLISHMENT",
    "DEFAULT_PHASE_IN",
    "DISCOUNT_RATE",
    "DISCOUNT_RATE_SOURCE",
    "EstablishmentCosts",
    "MunicipalityScenario",
    "SavingsScenario",
    "ScenarioAnalysis",
    "ScenarioResult",
    "default_scenarios",
    "discount_factors",
    "present_value",
    "project_grant",
    "scenario_analysis",
]


def _scenarios(spec: Any, catalogue: Any) -> list[SavingsScenario]:
    known = default_scenarios(catalogue)
    if spec is None:
        if not known:
            raise SamvalgError(
                "scenarios: the catalogue's case states no savings evidence "
                "([[case.savings_evidence]] or [case.savings_range] in municipalities.toml), so "
                "there are no default scenarios; pass scenarios={name: share}, e.g. "
                '{"lav": 0.1, "hoy": 0.3}'
            )
        return list(known.values())
    if isinstance(spec, Mapping):
        out = []
        for name, share in spec.items():
            if isinstance(share, SavingsScenario):
                out.append(share)
                continue
            out.append(SavingsScenario(str(name), share, str(name), str(name), "brukeroppgitt"))
        spec = out
    items = []
    for s in spec if isinstance(spec, Iterable) and not isinstance(spec, str) else [spec]:
        if isinstance(s, str):
            if s not in known:
                allowed = ", ".join(known) or "none: the catalogue's case states no evidence"
                raise SamvalgError(
                    f"scenarios: unknown scenario {s!r}{closest(s, known)} "
                    f"(allowed: {allowed}; or {{name: share}})"
                )
            s = known[s]
        if not isinstance(s, SavingsScenario):
            raise SamvalgError(f"scenarios: expected a scenario id or {{name: share}}, got {s!r}")
        items.append(s)
    for s in items:
        for g, share in [("*", s.share), *s.by_group.items()]:
            f = as_fraction(share, f"scenarios[{s.id!r}].share")
            if not 0 <= f <= 1:
                raise SamvalgError(
                    f"scenarios[{s.id!r}]: saving share {share} for {g} is outside 0..1 "
                    "(0.21 = 21 %)"
                )
    if not items:
        raise SamvalgError("scenarios: no scenario given")
    return items


def _round_half_up(x: Fraction) -> int:
    """Whole kroner, halves rounded up (0.5 kr -> 1 kr)."""
    return math.floor(x + Fraction(1, 2))


def _phase(phase_in: Sequence[float], horizon: int) -> list[Fraction]:
    if isinstance(phase_in, str) or not isinstance(phase_in, Sequence) or not phase_in:
        raise SamvalgError(
            f"phase_in: expected fractions of the full saving for years 1, 2, ..., got {phase_in!r}"
        )
    fr = [as_fraction(p, "phase_in") for p in phase_in]
    if any(not 0 <= p <= 1 for p in fr):
        raise SamvalgError(f"phase_in: {list(phase_in)} must lie in 0..1 (1 = full effect)")
    return [fr[min(t, len(fr) - 1)] for t in range(horizon)]


def scenario_analysis(
    baseline: Baseline | None = None,
    *,
    scenarios: Any = None,
    groups: Sequence[str] | None = None,
    establishment: EstablishmentCosts | None = None,
    phase_in: Sequence[float] = DEFAULT_PHASE_IN,
    horizon: int = 10,
    discount_rate: float | str = DISCOUNT_RATE,
    include_grant: bool = False,
    grant: int | None = None,
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    catalogue: Catalogue | None = None,
    population: Mapping[str, float] | None = None,
) -> ScenarioAnalysis:
    """Savings scenarios with establishment costs, phase-in, cash flows and present values.

    See the module docstring for the formulas. Per municipality the joint cost after cooperation
    and the one-off costs are shared by ``key`` (:func:`~samvalg.economics.share_costs`), and a
    municipality that would pay more than today is flagged.

    Parameters
    ----------
    baseline : Baseline, optional
        Default: :func:`~samvalg.economics.baseline` of the catalogue.
    scenarios : optional
        Scenario ids (``"low"``, ``"expected"``, ``"high"``), :class:`SavingsScenario` objects,
        or ``{name: share}``. Default: :func:`default_scenarios` of the catalogue (the ends of
        its case's reported range and its first outside example; an error when the case
        states no evidence).
    groups : sequence of str, optional
        Staffing groups in the cooperation (default: every group in the baseline).
    establishment : EstablishmentCosts, optional
        One-off costs (default: :data:`DEFAULT_ESTABLISHMENT`, illustrative placeholders).
    phase_in : sequence of float
        Fraction of the full saving realised in years 1, 2, ... (the last value carries on);
        default ``(0.25, 0.5, 0.75, 1.0)`` (illustrative).
    horizon : int
        Years after the establishment year 0 (default 10).
    discount_rate : float or "r109"
        Real discount rate (default 0.04, R-109/2021).
    include_grant : bool
        Count a project grant as income in year 0. Off by default: a grant for the whole
        project (all service areas) charged to one area's cooperation can double-count it.
    grant : int, optional
        The grant in whole kroner. Default: the catalogue's ``[case.project_grant]``, with its
        source (an error when ``include_grant`` and the case reports none).
    key, usage, population
        Cost-sharing key between the municipalities (see :func:`~samvalg.economics.share_costs`).
    catalogue : Catalogue, optional
        Source of the municipalities and populations of the key (default: the baseline's
        catalogue, ``baseline.catalogue``; with no baseline given, the shipped catalogue).

    Returns
    -------
    ScenarioAnalysis

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.economics.scenario_analysis(horizon=10)
    >>> a["expected"].nok_saved_full
    4872000
    """
    if baseline is None:
        baseline = _baseline(catalogue)
    elif catalogue is None:
        catalogue = baseline.catalogue  # the keys use the baseline's municipalities
    if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= 100:
        raise SamvalgError(f"horizon: expected whole years in 1..100, got {horizon!r}")
    discount_factors(horizon, discount_rate)  # validates the rate
    chosen = tuple(g.id for g in baseline.groups) if groups is None else tuple(groups)
    for g in chosen:
        baseline.group(g)
    if not chosen:
        raise SamvalgError("groups: no staffing group chosen")
    est = DEFAULT_ESTABLISHMENT if establishment is None else establishment
    if not isinstance(est, EstablishmentCosts):
        raise SamvalgError(f"establishment: expected EstablishmentCosts, got {est!r}")
    g_kr, g_source = 0, ""
    if include_grant:
        if grant is None:
            case_grant = project_grant(catalogue)
            if case_grant is None:
                raise SamvalgError(
                    "include_grant: the catalogue's case reports no project grant "
                    "([case.project_grant] nok and source in municipalities.toml); pass "
                    "grant=<whole kroner>"
                )
            g_kr, g_source = case_grant
        else:
            g_kr, g_source = whole_kroner(grant, "grant"), "brukeroppgitt / user-supplied"
    phase = _phase(phase_in, horizon)
    items = _scenarios(scenarios, catalogue)
    key_weights(key, usage, catalogue=catalogue, population=population)  # validates the key
    munis = baseline.municipalities
    before = baseline.nok_by_municipality(chosen)
    total_before = sum(before.values())
    est_by_year = est.by_year(horizon)
    years = np.arange(horizon + 1)

    def share(amount: int) -> dict[str, int]:
        from samvalg.economics.sharing import share_costs

        return share_costs(amount, key, usage, catalogue, population=population)

    results = {}
    for sc in items:
        full = {
            g: as_fraction(sc.share_of(g), "share") * baseline.group(g).total_nok for g in chosen
        }
        full_total = sum(full.values(), Fraction(0))
        saving = [0] + [_round_half_up(p * full_total) for p in phase]
        nok_full = _round_half_up(full_total)
        fte_full = float(
            sum(
                (
                    as_fraction(sc.share_of(g), "share") * Fraction(baseline.group(g).total_fte)
                    for g in chosen
                ),
                Fraction(0),
            )
        )
        grant_flow = [g_kr] + [0] * horizon
        nets: dict[str, list[int]] = {m: [] for m in munis}
        for t in years:
            pay = share(total_before - saving[t])
            est_sh = share(est_by_year[t])
            grant_sh = share(grant_flow[t])
            for m in munis:
                nets[m].append(before[m] - pay[m] - est_sh[m] + grant_sh[m])
        full_cmp = compare_costs(
            before, total_before - nok_full, key, usage, catalogue, population=population
        )
        per_muni = {
            m: MunicipalityScenario(
                municipality=m,
                net=np.asarray(nets[m], dtype=np.int64),
                present_value=present_value(nets[m], discount_rate),
                full_effect=full_cmp,
            )
            for m in munis
        }
        sav = np.asarray(saving, dtype=np.int64)
        est_arr = np.asarray(est_by_year, dtype=np.int64)
        grant_arr = np.asarray(grant_flow, dtype=np.int64)
        results[sc.id] = ScenarioResult(
            scenario=sc,
            years=years,
            saving=sav,
            establishment=est_arr,
            grant=grant_arr,
            fte_saved_full=fte_full,
            nok_saved_full=nok_full,
            present_value=present_value(sav - est_arr + grant_arr, discount_rate),
            municipalities=per_muni,
        )
    notes = [
        Note("saving_basis"),
        Note("phase_in", {"phase_in": tuple(float(p) for p in phase_in)}),
        Note("discount_rate", {"rate": discount_rate}),
    ]
    if est.illustrative:
        notes.append(Note("illustrative_establishment", {"total": est.total}))
    if include_grant:
        notes.append(Note("grant_as_income", {"nok": g_kr, "source": g_source}))
    return ScenarioAnalysis(
        baseline=baseline,
        groups=chosen,
        scenarios=results,
        horizon=horizon,
        discount_rate=discount_rate,
        discount_rate_source=DISCOUNT_RATE_SOURCE,
        phase_in=tuple(float(p) for p in phase_in),
        establishment=est,
        include_grant=include_grant,
        key=key,
        notes=tuple(notes),
        grant_source=g_source,
    )
