"""Savings scenarios, one-off establishment costs, phase-in, yearly cash flows and present value.

The case's evidence on savings (section «Eksempler på økonomisk innsparing og bedre kvalitet»,
quoting NIVI Rapport 2024:2 / NIVI-notat 2024 by Geir Vinsand): AKST (Arendal and Grimstad,
payroll, accounting, archive and document centre since 2015) saved **21 %** of full-time
positions; other cooperations on similar tasks report **10–30 %**. These are the defaults of the
low / expected / high scenarios; the case adds that the short-term potential is "noe begrenset".

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

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from samvalg._json import JSONMixin
from samvalg.economics._money import as_fraction, closest, largest_remainder, whole_kroner
from samvalg.economics.baseline import Baseline
from samvalg.economics.baseline import baseline as _baseline
from samvalg.economics.sharing import CostComparison, compare_costs, key_weights
from samvalg.errors import SamvalgError

__all__ = [
    "DEFAULT_ESTABLISHMENT",
    "DEFAULT_PHASE_IN",
    "DISCOUNT_RATE",
    "DISCOUNT_RATE_SOURCE",
    "GRANT_NOK",
    "GRANT_SOURCE",
    "SCENARIOS",
    "EstablishmentCosts",
    "MunicipalityScenario",
    "SavingsScenario",
    "ScenarioAnalysis",
    "ScenarioResult",
    "discount_factors",
    "present_value",
    "scenario_analysis",
]

DISCOUNT_RATE = 0.04
DISCOUNT_RATE_SOURCE = (
    "Finansdepartementet, rundskriv R-109/2021 «Prinsipper og krav ved utarbeidelse av "
    "samfunnsøkonomiske analyser», og DFØ, «Veileder i samfunnsøkonomiske analyser»: "
    "risikojustert reell kalkulasjonsrente 4 % for år 0–40 (3 % for år 40–75)"
)
GRANT_NOK = 1_100_000
GRANT_SOURCE = (
    "Saksframlegget, «Skjønnsmidler, prosjektorganisering og framdrift»: prosjektskjønn fra "
    "Statsforvalteren, 1,1 mill. kr tildelt kommunene i fellesskap (hele prosjektet)"
)
#: Fraction of the full saving realised in years 1, 2, ... (the last value carries on).
#: Illustrative: staff reductions through natural turnover and retirements over four years.
DEFAULT_PHASE_IN: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class SavingsScenario:
    """A saving share of today's FTE and wage cost, with its source.

    Attributes
    ----------
    id : str
        ``"low"``, ``"expected"``, ``"high"`` or a user's own.
    share : float
        Saving as a share of today's FTE (and wage cost) in every included staffing group.
    by_group : mapping, optional
        Override ``share`` for single staffing groups, ``{group_id: share}``.
    """

    id: str
    share: float
    label_nb: str
    label_en: str
    source: str
    by_group: Mapping[str, float] = field(default_factory=dict)

    def share_of(self, group_id: str) -> float:
        return float(self.by_group.get(group_id, self.share))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "share": self.share,
            "by_group": dict(self.by_group),
            "label_nb": self.label_nb,
            "label_en": self.label_en,
            "source": self.source,
        }


_NIVI = (
    "NIVI Rapport 2024:2 «Interkommunalt samarbeid i Agder» (NIVI-notat 2024, Geir Vinsand), "
    "sitert i saksframlegget"
)
SCENARIOS: dict[str, SavingsScenario] = {
    "low": SavingsScenario(
        "low",
        0.10,
        "Lav (10 %)",
        "Low (10%)",
        f"{_NIVI}: «innsparingspotensial ... i størrelsesorden 10-30 prosent» (nedre ende)",
    ),
    "expected": SavingsScenario(
        "expected",
        0.21,
        "Forventet (21 %, AKST)",
        "Expected (21%, AKST)",
        f"{_NIVI}: AKST (Arendal og Grimstad, lønn, regnskap, arkiv og dokumentsenter siden "
        "2015), «innsparing på 21 prosent i heltidsstillinger»",
    ),
    "high": SavingsScenario(
        "high",
        0.30,
        "Høy (30 %)",
        "High (30%)",
        f"{_NIVI}: «innsparingspotensial ... i størrelsesorden 10-30 prosent» (øvre ende)",
    ),
}


@dataclass(frozen=True)
class EstablishmentCosts:
    """One-off costs of establishing the cooperation, whole kroner (the case's list).

    The defaults are **illustrative placeholders**, not estimates from the case (which gives
    none): replace them with the project's own figures.

    Attributes
    ----------
    project_management : int
        Prosjektledelse, kartlegging og juridisk arbeid.
    system_harmonisation : int
        Harmonisering av systemer.
    moving : int
        Flytting av ansatte / omorganisering.
    ict : int
        Investeringer i felles IKT-løsninger.
    spread : tuple of float
        Share of the total falling in year 0, 1, ... (sums to 1).
    illustrative : bool
        True for the shipped defaults.
    """

    project_management: int = 1_200_000
    system_harmonisation: int = 1_500_000
    moving: int = 300_000
    ict: int = 1_000_000
    spread: tuple[float, ...] = (1.0,)
    illustrative: bool = False

    def __post_init__(self) -> None:
        for name in ("project_management", "system_harmonisation", "moving", "ict"):
            whole_kroner(getattr(self, name), f"establishment.{name}")
        fr = [as_fraction(s, "establishment.spread") for s in self.spread]
        if not fr or any(s < 0 for s in fr) or abs(sum(fr, Fraction(0)) - 1) > Fraction(1, 10**9):
            raise SamvalgError(
                f"establishment.spread: {list(self.spread)} must be non-negative shares by year "
                "(year 0 first) summing to 1"
            )

    @property
    def total(self) -> int:
        return self.project_management + self.system_harmonisation + self.moving + self.ict

    def by_year(self, horizon: int) -> list[int]:
        """Whole kroner per year 0..horizon (largest remainder over the spread)."""
        if len(self.spread) > horizon + 1:
            raise SamvalgError(
                f"establishment.spread covers {len(self.spread)} years, longer than the horizon "
                f"({horizon} years after year 0)"
            )
        weights = {f"{t:04d}": as_fraction(s, "spread") for t, s in enumerate(self.spread)}
        if sum(weights.values()) == 0:
            return [0] * (horizon + 1)
        parts = largest_remainder(int(self.total), weights)
        out = [parts[f"{t:04d}"] for t in range(len(self.spread))]
        return out + [0] * (horizon + 1 - len(out))

    def to_dict(self) -> dict[str, Any]:
        return {
            "project_management": self.project_management,
            "system_harmonisation": self.system_harmonisation,
            "moving": self.moving,
            "ict": self.ict,
            "total": self.total,
            "spread": list(self.spread),
            "illustrative": self.illustrative,
        }


#: Shipped defaults: clearly illustrative (the case gives no estimate).
DEFAULT_ESTABLISHMENT = EstablishmentCosts(illustrative=True)


def discount_factors(horizon: int, rate: float | str = DISCOUNT_RATE) -> np.ndarray:
    """Discount factors :math:`d_t` for years :math:`t = 0, \\dots, H`.

    A constant real rate gives :math:`d_t = (1+r)^{-t}`. ``rate="r109"`` gives R-109/2021's
    declining schedule: 4 % for years 1–40 and 3 % for years 41–75,
    :math:`d_t = 1.04^{-\\min(t,40)} \\, 1.03^{-\\max(t-40,0)}` (horizons up to 75 years).

    Examples
    --------
    >>> discount_factors(2, 0.04).round(6).tolist()
    [1.0, 0.961538, 0.924556]
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 0:
        raise SamvalgError(f"horizon: expected a whole number of years >= 0, got {horizon!r}")
    t = np.arange(int(horizon) + 1, dtype=float)
    if isinstance(rate, str):
        if rate != "r109":
            raise SamvalgError(
                f"discount_rate: unknown schedule {rate!r} (allowed: a number, or 'r109')"
            )
        if horizon > 75:
            raise SamvalgError(
                f"horizon: {horizon} years is beyond the R-109/2021 schedule (at most 75 years)"
            )
        return 1.04 ** -np.minimum(t, 40) * 1.03 ** -np.maximum(t - 40, 0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not np.isfinite(rate):
        raise SamvalgError(f"discount_rate: expected a number such as 0.04, got {rate!r}")
    if rate <= -1:
        raise SamvalgError(f"discount_rate: {rate} must be greater than -1 (0.04 = 4 %)")
    if rate > 1:
        raise SamvalgError(
            f"discount_rate: {rate} is above 100 % a year; give the rate as a share (0.04 = 4 %)"
        )
    return (1.0 + float(rate)) ** -t


def present_value(flows: Sequence[float] | np.ndarray, rate: float | str = DISCOUNT_RATE) -> float:
    """Present value :math:`PV = \\sum_{t=0}^{H} CF_t (1+r)^{-t}` of yearly flows (year 0 first).

    Year 0 is not discounted (the convention of DFØ's «Veileder i samfunnsøkonomiske analyser»
    when the analysis year is the first year of the flows).

    Examples
    --------
    >>> round(present_value([-100.0, 60.0, 60.0], 0.04), 4)
    13.1657
    """
    arr = np.asarray(flows, dtype=float)
    if arr.ndim != 1:
        raise SamvalgError(
            f"flows: expected a 1-D sequence of yearly amounts, got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise SamvalgError("flows: every yearly amount must be a finite number")
    return float(arr @ discount_factors(arr.size - 1, rate))


@dataclass(frozen=True)
class MunicipalityScenario:
    """One municipality's yearly net gain in one scenario (positive = better off than today)."""

    municipality: str
    net: np.ndarray
    present_value: float
    full_effect: CostComparison

    def to_dict(self) -> dict[str, Any]:
        row = self.full_effect[self.municipality]
        return {
            "municipality": self.municipality,
            "net": [int(x) for x in self.net],
            "present_value": self.present_value,
            "before": row.before,
            "after_full_effect": row.after,
            "pays_more_at_full_effect": row.pays_more,
            "share_of_saving": row.share_of_saving,
        }


@dataclass(frozen=True)
class ScenarioResult:
    """One savings scenario: yearly cash flows, present value, and per municipality."""

    scenario: SavingsScenario
    years: np.ndarray
    saving: np.ndarray
    establishment: np.ndarray
    grant: np.ndarray
    fte_saved_full: float
    nok_saved_full: int
    present_value: float
    municipalities: Mapping[str, MunicipalityScenario]

    @property
    def net(self) -> np.ndarray:
        """Joint yearly cash flow :math:`CF_t` (whole kroner)."""
        return self.saving - self.establishment + self.grant

    @property
    def payback_year(self) -> int | None:
        """First year in which the cumulative undiscounted cash flow is >= 0 (None: never)."""
        cum = np.cumsum(self.net)
        idx = np.flatnonzero(cum >= 0)
        return int(self.years[idx[0]]) if idx.size else None

    @property
    def pays_more(self) -> tuple[str, ...]:
        """Municipalities paying more than today at full effect under the chosen key."""
        first = next(iter(self.municipalities.values()))
        return first.full_effect.pays_more

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.to_dict(),
            "years": self.years.tolist(),
            "saving": [int(x) for x in self.saving],
            "establishment": [int(x) for x in self.establishment],
            "grant": [int(x) for x in self.grant],
            "net": [int(x) for x in self.net],
            "present_value": self.present_value,
            "payback_year": self.payback_year,
            "fte_saved_full": self.fte_saved_full,
            "nok_saved_full": self.nok_saved_full,
            "pays_more": list(self.pays_more),
            "municipalities": {m: r.to_dict() for m, r in self.municipalities.items()},
        }


@dataclass(frozen=True)
class ScenarioAnalysis(JSONMixin):
    """Result of :func:`scenario_analysis`: every scenario, with the settings used."""

    baseline: Baseline
    groups: tuple[str, ...]
    scenarios: Mapping[str, ScenarioResult]
    horizon: int
    discount_rate: float | str
    discount_rate_source: str
    phase_in: tuple[float, ...]
    establishment: EstablishmentCosts
    include_grant: bool
    key: str | Mapping[str, float]
    notes: tuple[str, ...]

    def __getitem__(self, scenario_id: str) -> ScenarioResult:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise SamvalgError(
                f"unknown scenario {scenario_id!r}{closest(scenario_id, self.scenarios)} "
                f"(allowed: {', '.join(self.scenarios)})"
            ) from None

    @property
    def total_before(self) -> int:
        return sum(self.baseline.group(g).total_nok for g in self.groups)

    def to_dict(self) -> dict[str, Any]:
        from samvalg._version import __version__

        return {
            "samvalg_version": __version__,
            "groups": list(self.groups),
            "services": [s for g in self.groups for s in self.baseline.group(g).services],
            "total_before": self.total_before,
            "horizon": self.horizon,
            "discount_rate": self.discount_rate,
            "discount_rate_source": self.discount_rate_source,
            "phase_in": list(self.phase_in),
            "establishment": self.establishment.to_dict(),
            "include_grant": self.include_grant,
            "grant_source": GRANT_SOURCE,
            "key": self.key if isinstance(self.key, str) else dict(self.key),
            "baseline": self.baseline.to_dict(),
            "scenarios": {k: v.to_dict() for k, v in self.scenarios.items()},
            "notes": list(self.notes),
        }

    def _repr_html_(self) -> str:
        from samvalg._format import fmt_number

        munis = self.baseline.municipalities
        head = "".join(f"<th>{html.escape(m)} (nåverdi)</th>" for m in munis)
        rows = []
        for r in self.scenarios.values():
            cells = "".join(
                f"<td style='text-align:right'>"
                f"{fmt_number(r.municipalities[m].present_value, 'nb', 0)}"
                f"{' ⚠' if m in r.pays_more else ''}</td>"
                for m in munis
            )
            rows.append(
                f"<tr><td>{html.escape(r.scenario.label_nb)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.fte_saved_full, 'nb', 1)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.nok_saved_full, 'nb', 0)}</td>"
                f"<td style='text-align:right'><b>{fmt_number(r.present_value, 'nb', 0)}</b></td>"
                f"{cells}</tr>"
            )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<table><caption>Gevinstscenarier over {self.horizon} år, kalkulasjonsrente "
            f"{html.escape(str(self.discount_rate))}</caption>"
            "<thead><tr><th>Scenario</th><th>Årsverk spart (full effekt)</th>"
            "<th>Kr spart per år (full effekt)</th><th>Nåverdi samlet (kr)</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p>⚠ = betaler mer enn i dag ved full effekt.</p><ul>{notes}</ul>"
        )

    def __repr__(self) -> str:
        lines = [
            f"ScenarioAnalysis(groups={list(self.groups)}, horizon={self.horizon}, "
            f"rate={self.discount_rate}, key={self.key!r})"
        ]
        for sid, r in self.scenarios.items():
            lines.append(
                f"  {sid} ({r.scenario.share:.0%}): PV {r.present_value:,.0f} kr; "
                f"full effect {r.nok_saved_full:,} kr/yr, {r.fte_saved_full:.2f} FTE"
                + (f"; pays more: {', '.join(r.pays_more)}" if r.pays_more else "")
            )
        return "\n".join(lines)


def _scenarios(spec: Any) -> list[SavingsScenario]:
    if spec is None:
        return list(SCENARIOS.values())
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
            if s not in SCENARIOS:
                raise SamvalgError(
                    f"scenarios: unknown scenario {s!r}{closest(s, SCENARIOS)} "
                    f"(allowed: {', '.join(SCENARIOS)}, or {{name: share}})"
                )
            s = SCENARIOS[s]
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
    grant: int = GRANT_NOK,
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    catalogue: Any = None,
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
        or ``{name: share}``. Default: the three of :data:`SCENARIOS` (10 %, 21 %, 30 %).
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
        Count the project grant ``grant`` (1.1 MNOK skjønnsmidler) as income in year 0. Off by
        default: the grant funds the whole project (all service areas), so charging it to one
        area's cooperation can double-count it.
    key, usage, population
        Cost-sharing key between the municipalities (see :func:`~samvalg.economics.share_costs`).

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
    g_kr = whole_kroner(grant, "grant") if include_grant else 0
    phase = _phase(phase_in, horizon)
    items = _scenarios(scenarios)
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
        "Besparelsen regnes som en andel av dagens årsverk og lønnskostnad i de valgte gruppene "
        "(lønn inkl. sosiale utgifter; drift, lokaler og systemer er ikke med i saken).",
        "Innfasing "
        + ", ".join(f"{float(p):.0%}" for p in phase_in)
        + " av full effekt i år 1, 2, ... (illustrativ forutsetning).",
        f"Kalkulasjonsrente: {discount_rate} reell ({DISCOUNT_RATE_SOURCE}).",
    ]
    if est.illustrative:
        total_text = f"{est.total:,}".replace(",", " ")
        notes.append(
            f"Etableringskostnadene ({total_text} kr) er illustrative plassholdere, ikke tall "
            "fra saken: erstatt dem med prosjektets egne anslag."
        )
    if include_grant:
        notes.append(f"Prosjektskjønn {g_kr:,} kr er regnet som inntekt i år 0 ({GRANT_SOURCE}).")
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
    )
