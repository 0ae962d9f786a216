"""Computing the derived cells: each option's score on a derived criterion from the savings
scenarios of :mod:`samvalg.economics`, with a generated rationale."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from samvalg import economics as eco
from samvalg._format import fmt_number
from samvalg.assessment._derived import (
    ESTABLISHMENT_KEYS,
    NONE,
    DerivedCriterion,
    EconomicsSettings,
    Path_,
)
from samvalg.assessment._records import FORMAL_ONLY_SETS
from samvalg.assessment._scales import Scale
from samvalg.assessment._schema import Sink
from samvalg.assessment._scores import Score, ServiceAssessment
from samvalg.economics._money import largest_remainder

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["derive_scores", "derived_cell"]


class _Economy:
    """Per-service scenario analyses, computed once per (service, scenario)."""

    def __init__(self, settings: EconomicsSettings, cat: Catalogue) -> None:
        self.s = settings
        self.cat = cat
        self.baseline = eco.baseline(cat, extra=settings.staffing or None)
        self._analyses: dict[tuple[str, str], eco.ScenarioAnalysis] = {}
        self._establishment = self._spread_establishment()

    def _spread_establishment(self) -> dict[str, eco.EstablishmentCosts]:
        b = self.baseline
        cost = {s: sum(b.service_nok(s).values()) for s in b.services}
        weights = {s: Fraction(c) for s, c in cost.items()}
        if not sum(weights.values()):
            weights = {s: Fraction(1) for s in cost}
        est = self.s.establishment
        parts = {
            name: largest_remainder(int(getattr(est, name)), weights)
            for name in ESTABLISHMENT_KEYS[:4]
        }
        return {
            s: eco.EstablishmentCosts(
                **{n: parts[n][s] for n in parts}, spread=est.spread, illustrative=est.illustrative
            )
            for s in cost
        }

    def has_staffing(self, service: str) -> bool:
        return service in self.baseline.services

    def analysis(self, service: str, scenario: str) -> eco.ScenarioAnalysis:
        key = (service, scenario)
        if key not in self._analyses:
            b = self.baseline
            g = b.group_of(service)
            gid = f"service:{service}"
            area = self.cat.services[service]
            one = eco.Baseline(
                municipalities=b.municipalities,
                groups=(
                    eco.StaffingGroup(
                        id=gid,
                        name_nb=area.name_nb,
                        name_en=area.name_en,
                        services=(service,),
                        fte=b.service_fte(service),
                        nok=b.service_nok(service),
                        source=g.source,
                        user_supplied=g.user_supplied,
                    ),
                ),
                split={gid: {service: Fraction(1)}},
                missing={},
                notes=b.notes,
            )
            share = self.s.scenarios[scenario]
            sc = eco.named_scenario(scenario, share, self.cat)
            self._analyses[key] = eco.scenario_analysis(
                one,
                scenarios=[sc],
                establishment=self._establishment[service],
                phase_in=self.s.phase_in,
                horizon=self.s.horizon,
                discount_rate=self.s.discount_rate,
                key=self.s.key,
                catalogue=self.cat,
            )
        return self._analyses[key]


def _scale_arg(scale: Scale) -> tuple[float, float] | str:
    return "plus_minus" if scale.kind == "plus_minus" else (scale.lower, scale.upper)


def _fmt(x: float, d: int = 0) -> str:
    return fmt_number(x, "nb", d)


def derived_cell(
    economy: _Economy,
    d: DerivedCriterion,
    service: str,
    option: str,
    form_formal: bool,
    scale: Scale,
) -> Score:
    """The derived score of one cell, with its generated rationale."""
    if d.set_id in FORMAL_ONLY_SETS and not form_formal:
        return Score(
            None, rationale='Avledet: kriteriet gjelder bare formelle samarbeidsformer ("na").'
        )
    scenario = economy.s.scenario_of(option)
    lower, upper = scale.lower, scale.upper
    zero = 0.0 if scale.kind == "plus_minus" else (lower + upper) / 2
    if scenario == NONE:
        return Score(
            zero,
            rationale=(
                f"Avledet fra økonomien: {option} er nullpunktet (dagens ordning, ingen gevinst "
                f"og ingen kostnad), skår {scale.label(zero)}."
            ),
        )
    a = economy.analysis(service, scenario)
    s = eco.economic_scores(
        a,
        scenario=scenario,
        scale=_scale_arg(scale),
        cap=d.cap,
        measures={d.criterion: d.measure},
        step=d.step,
    )
    x, r = float(s.scores[d.criterion]), float(s.ratios[d.criterion])
    res = a[scenario]
    label = _SCENARIO_NB.get(scenario, scenario)
    rate = (
        a.discount_rate
        if isinstance(a.discount_rate, str)
        else f"{_fmt(100 * a.discount_rate, 1).removesuffix(',0')} %"
    )
    head = (
        f"Avledet fra gevinstscenario «{label}» ({_fmt(100 * res.scenario.share, 0)} %): "
        f"nåverdi {_fmt(res.present_value)} kr over {a.horizon} år ({rate} reell rente)"
    )
    if d.measure == "efficiency":
        body = f", {_fmt(r, 3)} av nåverdien av dagens lønnskostnad"
    else:
        d_sum = float(eco.discount_factors(a.horizon, a.discount_rate)[1:].sum())
        before = a.baseline.nok_by_municipality(a.groups)
        worst = min(
            (m for m, b in before.items() if b),
            key=lambda m: res.municipalities[m].present_value / (before[m] * d_sum),
        )
        body = (
            f"; dårligst stilte kommune {worst}: nåverdi "
            f"{_fmt(res.municipalities[worst].present_value)} kr, {_fmt(r, 3)} av egen "
            f"kostnad i dag (nøkkel {_key_text(a.key)})"
        )
    shown = scale.label(x) if scale.kind == "plus_minus" else _fmt(x, 2)
    tail = (
        f"; skår = {_fmt(zero, 1).removesuffix(',0')} + clip({_fmt(r, 3)} / "
        f"{_fmt(d.cap, 2)}, −1, 1) × halv skala = {shown}."
    )
    return Score(x, rationale=head + body + tail)


_SCENARIO_NB = {"low": "lav", "expected": "middels", "high": "høy"}


def _key_text(key: str | Mapping[str, float]) -> str:
    if isinstance(key, str):
        return key
    return " + ".join(f"{_fmt(100 * float(v), 0)} % {k}" for k, v in key.items())


def derive_scores(
    services: Mapping[str, ServiceAssessment],
    derived: Mapping[str, DerivedCriterion],
    settings: EconomicsSettings,
    scales: Mapping[str, Scale],
    cat: Catalogue,
    sink: Sink,
    located: Mapping[str, bool],
) -> dict[str, ServiceAssessment]:
    """`services` with the derived cells filled in (problems, e.g. no staffing, to `sink`).

    `located` says per criterion whether the file gave ``services`` (the error then points at
    that list).
    """
    economy = _Economy(settings, cat)
    out = dict(services)
    for c, d in derived.items():
        for i, sid in enumerate(d.services):
            if economy.has_staffing(sid):
                continue
            path: Path_ = ["derived", c, "services", i] if located.get(c) else ["derived", c]
            munis = ", ".join(cat.municipalities)
            sink.add(
                path,
                f"{c!r} cannot be derived for {sid!r}: the council case has no "
                f"staffing figures for it (FTE and wage cost today)",
                f"add [economics.staffing.{sid}.<municipality>] with fte and nok for "
                f"{munis}, or leave {sid!r} out of derived.{c}.services and score {c!r} "
                f"there yourself",
            )
    if sink.problems:  # no staffing here, or mistakes elsewhere in the file
        return out
    for sid, sa in services.items():
        mine = [d for d in derived.values() if d.applies_to(sid)]
        if not mine:
            continue
        scores: dict[str, dict[str, Score]] = {}
        for opt in sa.options:
            cells = dict(sa.scores[str(opt)])
            formal = bool(cat.forms[opt.form].formal)
            for d in mine:
                cells[d.criterion] = derived_cell(
                    economy, d, sid, str(opt), formal, scales[d.set_id]
                )
            order = [
                c
                for crits in (x.criteria for x in cat.criteria_sets.values())
                for c in (y.id for y in crits)
            ]
            scores[str(opt)] = {c: cells[c] for c in order if c in cells}
        out[sid] = ServiceAssessment(sid, sa.options, scores)
    return out
