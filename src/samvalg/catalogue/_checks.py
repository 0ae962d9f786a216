"""Checks across the catalogue files: staffing tables, ids referred to, feasibility rules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from samvalg.catalogue._files import Path_, _Collector

from ._forms import CooperationForm, ServiceArea
from ._municipalities import Municipality, StaffingGroup
from ._rules import FeasibilityRule, PairEntry, render, text_context


def _check_staffing(
    col: _Collector,
    name: str,
    municipalities: Mapping[str, Municipality],
    groups: Mapping[str, StaffingGroup],
    services: Mapping[str, ServiceArea] | None,
) -> None:
    totals: dict[str, list[Decimal | int]] = {g: [Decimal(0), 0] for g in groups}
    numbers: dict[str, str] = {}
    for mid, m in municipalities.items():
        if m.kommunenummer in numbers:
            col.add(
                name,
                ("municipalities", mid, "kommunenummer"),
                f"kommunenummer {m.kommunenummer} is also used by {numbers[m.kommunenummer]!r}",
            )
        numbers[m.kommunenummer] = mid
        seen: set[str] = set()
        for i, entry in enumerate(m.staffing):
            where = ("municipalities", mid, "staffing", i, "group")
            if entry.group not in groups:
                close = difflib.get_close_matches(entry.group, list(groups), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                col.add(
                    name,
                    where,
                    f"unknown staffing group {entry.group!r}{hint}",
                    ", ".join(groups) or "a key of [staffing_groups]",
                )
                continue
            if entry.group in seen:
                col.add(name, where, f"staffing group {entry.group!r} is listed twice")
                continue
            seen.add(entry.group)
            totals[entry.group][0] += entry.fte
            totals[entry.group][1] += entry.nok
    for gid, group in groups.items():
        fte, nok = totals[gid]
        d = group.printed_total_discrepancy
        d_fte, d_nok = (d.fte, d.nok) if d is not None else (Decimal(0), 0)
        extra = " plus the declared printed_total_discrepancy" if d is not None else ""
        for field, summed, declared in (("fte", fte, d_fte), ("nok", nok, d_nok)):
            printed = getattr(group.group_total, field)
            if summed + declared != printed:
                col.add(
                    name,
                    ("staffing_groups", gid, "group_total", field),
                    f"the municipalities' {field.upper()} add up to {summed}{extra}, not the "
                    f"printed total {printed}",
                    "rows that add up to group_total, or a printed_total_discrepancy table",
                )
        if services is not None:
            for i, sid in enumerate(group.services):
                if sid not in services:
                    col.add(
                        name,
                        ("staffing_groups", gid, "services", i),
                        f"unknown service area {sid!r}",
                        ", ".join(services),
                    )


def _check_ids(
    col: _Collector,
    name: str,
    where: Path_,
    ids: Iterable[str],
    known: Mapping[str, Any],
    kind: str,
) -> None:
    for i, value in enumerate(ids):
        if value not in known:
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            col.add(name, (*where, i), f"unknown {kind} {value!r}{hint}", ", ".join(known))


def _check_feasibility(
    col: _Collector,
    name: str,
    rules: Mapping[str, FeasibilityRule],
    pairs: Mapping[tuple[str, str], PairEntry],
    services: Mapping[str, ServiceArea],
    forms: Mapping[str, CooperationForm],
) -> None:
    for rid, rule in rules.items():
        if rule.when_service.id is not None:
            _check_ids(
                col,
                name,
                ("rules", rid, "when_service", "id"),
                rule.when_service.id,
                services,
                "service area",
            )
        if rule.when_form.id is not None:
            _check_ids(
                col,
                name,
                ("rules", rid, "when_form", "id"),
                rule.when_form.id,
                forms,
                "cooperation form",
            )
    for sid, fid in pairs:
        if sid not in services:
            _check_ids(col, name, ("pairs",), [sid], services, "service area")
        elif fid not in forms:
            _check_ids(col, name, ("pairs", sid), [fid], forms, "cooperation form")
    missing = []
    for sid, service in services.items():
        for fid, form in forms.items():
            if (sid, fid) in pairs or any(r.applies(service, form) for r in rules.values()):
                continue
            missing.append(f"{sid} x {fid}")
    if missing:
        col.add(
            name,
            ("rules",),
            f"no rule or pair covers {len(missing)} (service, form) combination(s): "
            + ", ".join(missing),
            "a generic rule that matches, or [pairs.<service>.<form>]",
        )
    # Every text must render for the pairs it applies to (e.g. a {non_delegable_nb} that is empty).
    for rid, rule in rules.items():
        for sid, service in services.items():
            for fid, form in forms.items():
                if rule.applies(service, form):
                    ctx = text_context(service, form)
                    checks = [("reason_nb", rule.reason_nb), ("reason_en", rule.reason_en)]
                    checks += [("sections", s) for s in rule.sections]
                    for field, text in checks:
                        if not render(text, ctx).strip():
                            col.add(
                                name,
                                ("rules", rid, field),
                                f"renders empty for service {sid!r} and form {fid!r}",
                            )


# --------------------------------------------------------------------------- entry point
