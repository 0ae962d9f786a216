"""Reading the ``[derived]`` and ``[economics]`` tables of an assessment (every problem located)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from samvalg import economics as eco
from samvalg.assessment._derived import (
    DEFAULT_OPTIONS,
    DERIVED_KEYS,
    ECONOMICS_KEYS,
    ESTABLISHMENT_KEYS,
    NONE,
    SOURCES,
    ZERO_OPTION,
    DerivedCriterion,
    EconomicsSettings,
    Path_,
    default_economics,
)
from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._scales import Scale, show
from samvalg.assessment._schema import Sink
from samvalg.economics import MEASURES
from samvalg.errors import SamvalgError

__all__ = ["derived_names", "missing_scenarios", "parse_derived", "parse_economics"]


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
    base = default_economics(cat)
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


def missing_scenarios(economics: EconomicsSettings, sink: Sink) -> bool:
    """Report every scenario an option realises that no ``[economics.scenarios]`` or catalogue
    evidence defines (a catalogue whose case states no savings evidence has no defaults);
    True when one is missing."""
    missing = False
    for opt, sc in economics.options.items():
        if sc == NONE or sc in economics.scenarios:
            continue
        missing = True
        given = ", ".join(economics.scenarios) or "none"
        sink.add(
            ["economics", "scenarios", sc],
            f"option {opt!r} realises the scenario {sc!r}, which has no saving share: the "
            f"catalogue's case states no savings evidence for it (scenarios defined: {given})",
            f"{sc} = <share in 0..1> in [economics.scenarios], or another scenario for "
            f"{opt!r} in [economics.options]",
        )
    return missing
