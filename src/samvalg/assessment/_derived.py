"""Economic criteria derived from the savings scenarios instead of judged (``[derived]``).

An assessment file may say that some criteria are not judged but derived from the economics of
the case (:mod:`samvalg.economics`), per service area and option::

    [derived.okonomi_effektivisering]   # strategy: Økonomi/effektivisering
    source = "economics"                # the only source so far
    measure = "efficiency"              # default for this criterion
    services = ["sentralbord", "postmottak", "arkiv", "lonn", "regnskap", "fakturering"]
    # cap = 0.30                        # ratio that earns the top score
    # step = 1                          # round to whole points (default: unrounded; 1 on ±)

    [derived.okonomi_kostnadsdeling]    # model: Økonomi og kostnadsdeling
    source = "economics"
    measure = "sharing"

    [economics]                         # optional; defaults = samvalg.economics defaults
    key = "population"                  # or "equal", or { equal = 0.4, population = 0.6 }
    horizon = 10
    discount_rate = 0.04                # or "r109"
    phase_in = [0.25, 0.5, 0.75, 1.0]
    [economics.scenarios]               # name = saving share (default low 0.10,
    expected = 0.21                     #   expected 0.21 (AKST), high 0.30)
    [economics.options]                 # which scenario each option realises
    egen_drift = "none"                 # today's arrangement: the zero point (always)
    fagnettverk = "low"
    default = "expected"                # every other option
    [economics.establishment]           # the project's one-off costs, whole kroner
    project_management = 1200000
    [economics.staffing.plan.skaun]     # staffing for areas the case has no figures for
    fte = 2.0
    nok = 1700000

The mapping, per service area :math:`s` and option :math:`o`
-------------------------------------------------------------
1. **Staffing**: :math:`s`'s FTE and wage cost per municipality from the case's tables
   (:func:`samvalg.economics.baseline`; a grouped table is split equally between its services),
   or from ``[economics.staffing]``. Plan, byggesak, kart og oppmåling and landbruk have no
   staffing figures in the case: deriving a criterion for them is an error (naming the service
   and the table to add) until the user supplies their staffing or leaves them out of
   ``services`` and judges the criterion there.
2. **Scenario**: ``[economics.options]`` names the scenario :math:`o` realises: the exact option
   (``"vertskommune:melhus"``), else its form (``"vertskommune"``), else ``default``.
   ``egen_drift`` is today's arrangement, the zero point: ``"none"``, no saving and no cost.
3. **Cash flows** of :math:`s` alone (:func:`samvalg.economics.scenario_analysis` on a
   one-service baseline): the saving share of :math:`s`'s wage cost, phased in, less
   :math:`s`'s part of the project's one-off costs :math:`E_s = E \\, C_s / \\sum_k C_k` (in
   proportion to today's wage cost of the service areas with staffing, largest remainder to
   the krone), shared between the municipalities by ``key``.
4. **Ratio** (:func:`samvalg.economics.economic_scores`): ``efficiency``
   :math:`r = PV(CF) / PV(B)`, the net gain over today's cost in years :math:`1..H`;
   ``sharing`` :math:`r = \\min_i PV(N_i) / PV(b_i)`, the worst-off municipality's net gain over
   its own cost today.
5. **Score** on the criterion's declared scale :math:`[\\ell, u]` with zero point :math:`z` (the
   midpoint of a numeric scale, 0 = ``"0"`` on DFØ's pluss-minus scale):
   :math:`x = z + \\text{clip}(r/c, -1, 1)\\,(u - z)` for :math:`r \\ge 0`, and
   :math:`x = z + \\text{clip}(r/c, -1, 1)\\,(z - \\ell)` for :math:`r < 0`, with the cap
   :math:`c` = 0.30 (the top of the case's 10–30 % evidence). Rounded to ``step`` when given;
   on the pluss-minus scale always to whole steps (default 1). The zero option scores
   :math:`z`. Model criteria stay ``"na"`` for egen drift and fagnettverk (not formal forms).

With a uniform saving share and one-off costs in proportion to today's cost, ``efficiency``
is the same for every service area with the same scenario: it separates the options by the
scenario they realise, not the service areas. ``sharing`` differs between service areas,
because today's cost is spread differently between the municipalities than the key spreads it.

Derived cells are computed on loading and replace judged ones: the file must not also give a
score (or ``"na"``) for a derived cell; a stakeholder cannot override one. Each derived cell
carries a generated rationale (the scenario, the present value and the ratio).
:meth:`Assessment.to_dict` and :func:`dump_toml` keep the ``[derived]`` and ``[economics]``
tables, not the computed numbers. The mapping is a documented convention, not a finding.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._records import FORMAL_ONLY_SETS
from samvalg.assessment._scales import Scale, show
from samvalg.assessment._schema import Sink
from samvalg.assessment._scores import Score, ServiceAssessment
from samvalg.errors import SamvalgError

__all__ = [
    "DerivedCriterion",
    "EconomicsSettings",
    "derive_scores",
    "parse_derived",
    "parse_economics",
]

SOURCES: tuple[str, ...] = ("economics",)
DERIVED_KEYS: tuple[str, ...] = ("source", "measure", "services", "cap", "step")
ECONOMICS_KEYS: tuple[str, ...] = (
    "key",
    "horizon",
    "discount_rate",
    "phase_in",
    "scenarios",
    "options",
    "establishment",
    "staffing",
)
ESTABLISHMENT_KEYS: tuple[str, ...] = (
    "project_management",
    "system_harmonisation",
    "moving",
    "ict",
    "spread",
)
NONE = "none"
ZERO_OPTION = "egen_drift"
DEFAULT_OPTIONS: Mapping[str, str] = MappingProxyType(
    {"egen_drift": NONE, "fagnettverk": "low", "default": "expected"}
)
"""Which scenario each option realises when ``[economics.options]`` does not say."""

Path_ = list[str | int]


@dataclass(frozen=True, eq=False)
class DerivedCriterion:
    """A criterion whose scores are derived, not judged (``[derived.<criterion>]``).

    Attributes
    ----------
    criterion : str
        Criterion id, e.g. ``"okonomi_effektivisering"``.
    set_id : str
        Its criteria set.
    source : str
        ``"economics"`` (the savings scenarios of :mod:`samvalg.economics`).
    measure : str
        ``"efficiency"`` or ``"sharing"`` (see :func:`samvalg.economics.economic_scores`).
    services : tuple of str
        Service areas where the criterion is derived (default: every assessed one).
    cap : float
        Ratio that earns the top score (default 0.30).
    step : float or None
        Rounding step of the score (``None``: unrounded; 1 on the pluss-minus scale).
    input : mapping
        The table as given in the file (what :meth:`Assessment.to_dict` writes back).

    Examples
    --------
    >>> d = DerivedCriterion("okonomi_effektivisering", "strategy", "economics", "efficiency",
    ...                      ("lonn",), 0.3, None, {"source": "economics"})
    >>> d.applies_to("lonn"), d.applies_to("plan")
    (True, False)
    """

    criterion: str
    set_id: str
    source: str
    measure: str
    services: tuple[str, ...]
    cap: float
    step: float | None
    input: Mapping[str, Any] = field(default_factory=dict)

    def applies_to(self, service_id: str) -> bool:
        """Whether the criterion is derived in `service_id`."""
        return service_id in self.services


@dataclass(frozen=True, eq=False)
class EconomicsSettings:
    """The scenario settings of ``[economics]``, validated (defaults = samvalg.economics').

    Attributes
    ----------
    key : str or mapping
        Cost-sharing key (``"population"``, ``"equal"`` or a hybrid of the two).
    horizon : int
        Years after the establishment year 0.
    discount_rate : float or str
        Real discount rate, or ``"r109"``.
    phase_in : tuple of float
        Share of the full saving in years 1, 2, ... (the last carries on).
    scenarios : mapping
        ``{name: saving share}`` (the defaults low / expected / high, with the file's changes).
    options : mapping
        ``{option, form or "default": scenario name or "none"}``.
    establishment : EstablishmentCosts
        The project's one-off costs (spread over the service areas by today's cost).
    staffing : mapping
        ``[economics.staffing]`` as given (passed to ``baseline(extra=...)``).
    input : mapping
        The table as given in the file (empty when the file has none).
    """

    key: Any
    horizon: int
    discount_rate: float | str
    phase_in: tuple[float, ...]
    scenarios: Mapping[str, float]
    options: Mapping[str, str]
    establishment: Any
    staffing: Mapping[str, Any]
    input: Mapping[str, Any] = field(default_factory=dict)

    def scenario_of(self, option: str) -> str:
        """The scenario an option realises: the exact option, its form, else ``default``.

        Examples
        --------
        >>> s = default_economics()
        >>> s.scenario_of("egen_drift"), s.scenario_of("vertskommune:melhus")
        ('none', 'expected')
        """
        if option in self.options:
            return self.options[option]
        form = option.split(":", 1)[0]
        return self.options.get(form, self.options["default"])


def default_economics() -> EconomicsSettings:
    """The settings when the file has no ``[economics]`` table."""
    from samvalg import economics as eco

    return EconomicsSettings(
        key="population",
        horizon=10,
        discount_rate=eco.DISCOUNT_RATE,
        phase_in=tuple(eco.DEFAULT_PHASE_IN),
        scenarios={k: s.share for k, s in eco.SCENARIOS.items()},
        options=dict(DEFAULT_OPTIONS),
        establishment=eco.DEFAULT_ESTABLISHMENT,
        staffing={},
    )


# --------------------------------------------------------------------------------------------
# Reading [derived] and [economics]
# --------------------------------------------------------------------------------------------


def _number(v: Any) -> bool:
    return not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v)


def derived_names(
    raw: Any, sets: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...] | None]:
    """Criteria named in ``[derived]`` that exist, with their ``services`` list if it is one.

    Used before validation so that the services' missing-cell check skips derived cells even
    when the ``[derived]`` table has other mistakes.
    """
    crit_ids = {c for crits in sets.values() for c in crits}
    out: dict[str, tuple[str, ...] | None] = {}
    if not isinstance(raw, Mapping):
        return out
    for c, table in raw.items():
        if c not in crit_ids:
            continue
        services = table.get("services") if isinstance(table, Mapping) else None
        if isinstance(services, list) and all(isinstance(s, str) for s in services):
            out[c] = tuple(services)
        else:
            out[c] = None
    return out


def parse_derived(
    raw: Any,
    sets: Mapping[str, tuple[str, ...]],
    scales: Mapping[str, Scale | None],
    assessed: Sequence[str],
    sink: Sink,
) -> dict[str, DerivedCriterion]:
    """Validate ``[derived]``: one table per derived criterion (problems go to `sink`)."""
    from samvalg.economics import MEASURES

    out: dict[str, DerivedCriterion] = {}
    if not isinstance(raw, Mapping):
        sink.add(
            ["derived"],
            f"expected a table of derived criteria, found {show(raw)}",
            "[derived.<criterion>] tables",
        )
        return out
    set_of = {c: sid for sid, crits in sets.items() for c in crits}
    measures = ("efficiency", "sharing")
    for c, table in raw.items():
        path: Path_ = ["derived", c]
        before = len(sink)
        if c not in set_of:
            sink.add(
                path, f"unknown criterion {c!r}" + did_you_mean(c, set_of), ", ".join(MEASURES)
            )
            continue
        if not isinstance(table, Mapping):
            sink.add(
                path,
                f"expected a table (source, measure, ...), found {show(table)}",
                'source = "economics"',
            )
            continue
        for key in table:
            if key not in DERIVED_KEYS:
                sink.add(
                    [*path, key],
                    f"unknown key {key!r}" + did_you_mean(key, DERIVED_KEYS),
                    ", ".join(DERIVED_KEYS),
                )
        source = table.get("source")
        if source is None:
            sink.add([*path, "source"], "required key 'source' is missing", '"economics"')
        elif source not in SOURCES:
            sink.add(
                [*path, "source"],
                f"unknown source {show(source)}" + did_you_mean(str(source), SOURCES),
                ", ".join(f'"{s}"' for s in SOURCES),
            )
        measure = table.get("measure", MEASURES.get(c))
        if measure is None:
            sink.add(
                [*path, "measure"],
                f"{c!r} has no default measure: say which ratio derives it",
                ", ".join(f'"{m}"' for m in measures),
            )
        elif measure not in measures:
            sink.add(
                [*path, "measure"],
                f"unknown measure {show(measure)}" + did_you_mean(str(measure), measures),
                ", ".join(f'"{m}"' for m in measures),
            )
        services_raw = table.get("services", list(assessed))
        services: list[str] = []
        if not isinstance(services_raw, list) or not services_raw:
            sink.add(
                [*path, "services"],
                f"expected a non-empty list of service areas, found {show(services_raw)}",
                ", ".join(assessed),
            )
        else:
            for i, s in enumerate(services_raw):
                if not isinstance(s, str) or s not in assessed:
                    sink.add(
                        [*path, "services", i],
                        f"service area {show(s)} is not in the "
                        "assessment" + did_you_mean(str(s), assessed),
                        ", ".join(assessed),
                    )
                elif s in services:
                    sink.add(
                        [*path, "services", i],
                        f"duplicate service area {s!r}",
                        "each service area once",
                    )
                else:
                    services.append(s)
        cap = table.get("cap", 0.30)
        if not _number(cap) or cap <= 0:
            sink.add(
                [*path, "cap"],
                f"expected a positive ratio such as 0.30, found {show(cap)}",
                "a number > 0",
            )
        step = table.get("step")
        scale = scales.get(set_of[c])
        if step is not None and (not _number(step) or step <= 0):
            sink.add(
                [*path, "step"],
                f"expected a positive rounding step such as 1, found {show(step)}",
                "a number > 0",
            )
        elif scale is not None and scale.kind == "plus_minus":
            if step is None:
                step = 1
            elif not float(step).is_integer():
                sink.add(
                    [*path, "step"],
                    f"the pluss-minus scale has whole steps only, found {show(step)}",
                    "1 (the default), 2, ...",
                )
        if len(sink) > before:
            continue
        out[c] = DerivedCriterion(
            criterion=c,
            set_id=set_of[c],
            source=str(source),
            measure=str(measure),
            services=tuple(services),
            cap=float(cap),
            step=None if step is None else float(step),
            input=dict(table),
        )
    return out


def parse_economics(raw: Any, cat: Any, sink: Sink) -> EconomicsSettings | None:
    """Validate ``[economics]`` (problems go to `sink`); ``None`` if it has mistakes."""
    from samvalg import economics as eco

    base = default_economics()
    if raw is None:
        return base
    path: Path_ = ["economics"]
    if not isinstance(raw, Mapping):
        sink.add(
            path,
            f"expected a table of scenario settings, found {show(raw)}",
            ", ".join(ECONOMICS_KEYS),
        )
        return None
    before = len(sink)
    for key in raw:
        if key not in ECONOMICS_KEYS:
            sink.add(
                [*path, key],
                f"unknown key {key!r}" + did_you_mean(key, ECONOMICS_KEYS),
                ", ".join(ECONOMICS_KEYS),
            )
    key = raw.get("key", base.key)
    try:
        eco.key_weights(key, {m: 1 for m in cat.municipalities}, catalogue=cat)
        if key == "usage" or (isinstance(key, Mapping) and key.get("usage", 0)):
            sink.add(
                [*path, "key"],
                "the 'usage' key needs volumes per service area, which "
                "the assessment file does not carry; use samvalg.economics directly for "
                "usage keys",
                '"population", "equal", or { equal = 0.4, population = 0.6 }',
            )
    except SamvalgError as exc:
        sink.add(
            [*path, "key"],
            str(exc).removeprefix("key: "),
            '"population", "equal", or { equal = 0.4, population = 0.6 }',
        )
    horizon = raw.get("horizon", base.horizon)
    if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= 100:
        sink.add(
            [*path, "horizon"], f"expected whole years in 1..100, found {show(horizon)}", "e.g. 10"
        )
        horizon = base.horizon
    rate = raw.get("discount_rate", base.discount_rate)
    try:
        eco.discount_factors(horizon, rate)
    except SamvalgError as exc:
        sink.add(
            [*path, "discount_rate"],
            str(exc).removeprefix("discount_rate: "),
            'a real rate such as 0.04, or "r109"',
        )
    phase = raw.get("phase_in", list(base.phase_in))
    if (
        not isinstance(phase, list)
        or not phase
        or not all(_number(p) and 0 <= p <= 1 for p in phase)
    ):
        sink.add(
            [*path, "phase_in"],
            f"expected shares of the full saving for years 1, 2, ..., found {show(phase)}",
            "a list of numbers in 0..1, e.g. [0.25, 0.5, 0.75, 1.0]",
        )
    scenarios = dict(base.scenarios)
    raw_sc = raw.get("scenarios", {})
    if not isinstance(raw_sc, Mapping):
        sink.add(
            [*path, "scenarios"],
            f"expected a table name = saving share, found {show(raw_sc)}",
            "e.g. expected = 0.21",
        )
    else:
        for name, share in raw_sc.items():
            if name == NONE:
                sink.add(
                    [*path, "scenarios", name],
                    '"none" is reserved for the zero point (no saving)',
                    "another name",
                )
            elif not _number(share) or not 0 <= share <= 1:
                sink.add(
                    [*path, "scenarios", name],
                    f"expected a saving share in 0..1 (0.21 = 21 %), found {show(share)}",
                    "a number in 0..1",
                )
            else:
                scenarios[name] = float(share)
    options = dict(DEFAULT_OPTIONS)
    raw_opt = raw.get("options", {})
    allowed_values = [NONE, *scenarios]
    if not isinstance(raw_opt, Mapping):
        sink.add(
            [*path, "options"],
            f"expected a table option = scenario, found {show(raw_opt)}",
            'e.g. fagnettverk = "low"',
        )
    else:
        for opt, sc in raw_opt.items():
            opath: Path_ = [*path, "options", opt]
            form, _, host = opt.partition(":")
            if opt != "default" and (
                form not in cat.forms or (host and host not in cat.municipalities)
            ):
                sink.add(
                    opath,
                    f"unknown option {opt!r}" + did_you_mean(opt, [*cat.forms, "default"]),
                    '"default", a form id, or "form:host"',
                )
                continue
            if not isinstance(sc, str) or sc not in allowed_values:
                sink.add(
                    opath,
                    f"unknown scenario {show(sc)}" + did_you_mean(str(sc), allowed_values),
                    ", ".join(f'"{v}"' for v in allowed_values),
                )
                continue
            if form == ZERO_OPTION and sc != NONE:
                sink.add(
                    opath,
                    f"egen_drift is today's arrangement, the zero point of the "
                    f"derivation: it realises no saving, found {show(sc)}",
                    '"none"',
                )
                continue
            options[opt] = sc
    est = base.establishment
    raw_est = raw.get("establishment")
    if raw_est is not None:
        if not isinstance(raw_est, Mapping):
            sink.add(
                [*path, "establishment"],
                f"expected a table of one-off costs, found {show(raw_est)}",
                ", ".join(ESTABLISHMENT_KEYS),
            )
        else:
            bad = [k for k in raw_est if k not in ESTABLISHMENT_KEYS]
            for k in bad:
                sink.add(
                    [*path, "establishment", k],
                    f"unknown key {k!r}" + did_you_mean(k, ESTABLISHMENT_KEYS),
                    ", ".join(ESTABLISHMENT_KEYS),
                )
            if not bad:
                args = dict(raw_est)
                if "spread" in args and isinstance(args["spread"], list):
                    args["spread"] = tuple(args["spread"])
                try:
                    est = eco.EstablishmentCosts(**args)
                    est.by_year(horizon)
                except (SamvalgError, TypeError) as exc:
                    sink.add(
                        [*path, "establishment"],
                        str(exc).removeprefix("establishment."),
                        "whole kroner for " + ", ".join(ESTABLISHMENT_KEYS[:4]),
                    )
    staffing = raw.get("staffing", {})
    if not isinstance(staffing, Mapping):
        sink.add(
            [*path, "staffing"],
            f"expected [economics.staffing.<service>.<municipality>] "
            f"tables, found {show(staffing)}",
            "fte = ..., nok = ...",
        )
    elif staffing:
        try:
            eco.baseline(cat, extra=staffing)
        except SamvalgError as exc:
            sink.add(
                [*path, "staffing"],
                str(exc).replace("extra", "staffing"),
                "[economics.staffing.<service>.<municipality>] with fte and nok",
            )
    if len(sink) > before:
        return None
    return EconomicsSettings(
        key=key,
        horizon=horizon,
        discount_rate=rate,
        phase_in=tuple(float(p) for p in phase),
        scenarios=scenarios,
        options=options,
        establishment=est,
        staffing=dict(staffing),
        input=dict(raw),
    )


# --------------------------------------------------------------------------------------------
# Computing the derived cells
# --------------------------------------------------------------------------------------------


class _Economy:
    """Per-service scenario analyses, computed once per (service, scenario)."""

    def __init__(self, settings: EconomicsSettings, cat: Any) -> None:
        from samvalg import economics as eco

        self.s = settings
        self.cat = cat
        self.baseline = eco.baseline(cat, extra=settings.staffing or None)
        self._analyses: dict[tuple[str, str], Any] = {}
        self._establishment = self._spread_establishment()

    def _spread_establishment(self) -> dict[str, Any]:
        from samvalg import economics as eco
        from samvalg.economics._money import largest_remainder

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

    def analysis(self, service: str, scenario: str) -> Any:
        key = (service, scenario)
        if key not in self._analyses:
            from samvalg import economics as eco

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
            known = eco.SCENARIOS.get(scenario)
            if known is not None and known.share == share:
                sc = known
            else:
                pct = f"{share:.0%}"
                sc = eco.SavingsScenario(
                    scenario,
                    share,
                    f"{scenario} ({pct})",
                    f"{scenario} ({pct})",
                    "brukeroppgitt / user-supplied",
                )
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
    from samvalg._format import fmt_number

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
    from samvalg import economics as eco

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


_SCENARIO_NB = {"low": "lav", "expected": "forventet", "high": "høy"}


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    return " + ".join(f"{_fmt(100 * float(v), 0)} % {k}" for k, v in key.items())


def derive_scores(
    services: Mapping[str, ServiceAssessment],
    derived: Mapping[str, DerivedCriterion],
    settings: EconomicsSettings,
    scales: Mapping[str, Scale],
    cat: Any,
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
