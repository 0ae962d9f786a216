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
            _unknown_id(col, name, (*where, i), value, known, kind)


def _unknown_id(
    col: _Collector,
    name: str,
    where: Path_,
    value: str,
    known: Mapping[str, Any],
    kind: str,
    detail: str = "",
) -> None:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    col.add(name, where, f"unknown {kind} {value!r}{detail}{hint}", ", ".join(known))


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
    # One problem per unknown service area (by name, with its pairs), not one per pair.
    unknown: dict[str, list[str]] = {}
    for sid, fid in pairs:
        if sid not in services:
            unknown.setdefault(sid, []).append(fid)
        elif fid not in forms:
            _unknown_id(col, name, ("pairs", sid, fid), fid, forms, "cooperation form")
    for sid, fids in unknown.items():
        _unknown_id(
            col,
            name,
            ("pairs", sid),
            sid,
            services,
            "service area",
            f" ({len(fids)} pair(s): {', '.join(fids)})",
        )
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


def _fit_shipped_feasibility(
    rules: Mapping[str, FeasibilityRule],
    pairs: Mapping[tuple[str, str], PairEntry],
    services: Mapping[str, ServiceArea],
    forms: Mapping[str, CooperationForm],
) -> tuple[dict[str, FeasibilityRule], dict[tuple[str, str], PairEntry], list[str]]:
    """The shipped feasibility rules fitted to a user's service areas and forms.

    A user folder with its own ``services.toml`` (or ``forms.toml``) and no ``feasibility.toml``
    uses the shipped rules, which name the shipped service areas and forms. Those the user's
    catalogue does not have are not errors of the user's: the pairs naming them are skipped, a
    rule's ``id`` condition keeps the ids that exist (a rule left with none can never apply and
    is skipped), and one note per kind says what was skipped, by name.
    """
    notes: list[str] = []
    kept_pairs: dict[tuple[str, str], PairEntry] = {}
    skipped_services: dict[str, int] = {}
    skipped_forms: dict[str, int] = {}
    for (sid, fid), entry in pairs.items():
        if sid not in services:
            skipped_services[sid] = skipped_services.get(sid, 0) + 1
        elif fid not in forms:
            skipped_forms[fid] = skipped_forms.get(fid, 0) + 1
        else:
            kept_pairs[(sid, fid)] = entry
    kept_rules: dict[str, FeasibilityRule] = {}
    dropped_rules: list[str] = []
    for rid, rule in rules.items():
        update: dict[str, Any] = {}
        for attr, known in (("when_service", services), ("when_form", forms)):
            match = getattr(rule, attr)
            if match.id is not None and any(i not in known for i in match.id):
                update[attr] = match.model_copy(
                    update={"id": tuple(i for i in match.id if i in known)}
                )
        if any(not m.id for m in update.values()):
            dropped_rules.append(rid)
            continue
        kept_rules[rid] = rule.model_copy(update=update) if update else rule
    for kind, skipped in (("service areas", skipped_services), ("forms", skipped_forms)):
        if skipped:
            names = ", ".join(f"{k} ({n})" for k, n in skipped.items())
            notes.append(
                f"feasibility.toml (shipped): skipped the pairs for {kind} this catalogue does "
                f"not have: {names}"
            )
    if dropped_rules:
        notes.append(
            "feasibility.toml (shipped): skipped the rules that name only service areas or "
            f"forms this catalogue does not have: {', '.join(dropped_rules)}"
        )
    return kept_rules, kept_pairs, notes
