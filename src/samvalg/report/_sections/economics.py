"""The economics chapter (baseline, scenarios, cost-sharing keys) and each service area's
staffing."""

from __future__ import annotations

from typing import Any

from samvalg.report._model import Block, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context
from samvalg.text.briefing import t
from samvalg.text.economics import key_text

__all__ = ["economics_section", "staffing_section"]


def economics_section(b: Context) -> Section:
    """Today's cost per municipality, and, when the catalogue's case cites savings evidence,
    what it cites and what such savings would mean under each cost-sharing key."""
    lang, f = b.lang, b.f
    econ = b.res["economics"]
    base = econ["baseline"]
    before = base.nok_by_municipality()
    fte = base.fte_by_municipality()
    rows = tuple((b.muni(m), f.num(float(fte[m]), 2), f.kr(before[m])) for m in base.municipalities)
    sources = "; ".join(dict.fromkeys(literal(g.source) for g in base.groups))
    source_line = t(lang, "source_line", source=sources)
    blocks: list[Block | Section] = [
        Paragraph(
            t(
                lang,
                "econ_intro",
                total=f.kr(base.total_nok),
                fte=f.num(float(base.total_fte), 1),
                year=b.budget_year(),
            )
            + " "
            + source_line
        ),
        Table(
            (t(lang, "h_municipality"), t(lang, "h_fte"), t(lang, "h_today")),
            rows,
            align=("l", "r", "r"),
            note=t(lang, "source_same"),
        ),
    ]
    blocks += _baseline_remarks(b)
    if econ["scenarios"] is None:
        blocks.append(Paragraph(t(lang, "econ_no_evidence"), small=True))
    else:
        blocks.append(savings_section(b))
    return Section("economics", t(lang, "econ"), tuple(blocks))


def _baseline_remarks(b: Context) -> list[Block | Section]:
    """Staff outside the tables, printed totals that differ from their rows, and today's
    other costs (or that none are entered), each with its source."""
    lang, f = b.lang, b.f
    base = b.res["economics"]["baseline"]
    prov = b.cat.provenance.get("municipalities.toml")
    doc = literal(prov.document) if prov is not None else ""
    out: list[Block | Section] = []
    fte = base.fte_by_municipality()
    nok = base.nok_by_municipality()
    for m in base.municipalities:
        for other in b.cat.municipalities[m].other_staff:
            out.append(
                Paragraph(
                    t(
                        lang,
                        "econ_other_staff",
                        muni=b.muni(m),
                        name=literal(other.name_nb if lang == "nb" else other.name_en),
                        fte=f.num(float(other.fte), 2),
                        nok=f.kr(other.nok),
                        fte_total=f.num(float(fte[m]) + float(other.fte), 2),
                        nok_total=f.kr(nok[m] + other.nok),
                        source=doc,
                    )
                )
            )
    for g in base.groups:
        if g.printed_total_nok is not None and g.printed_discrepancy_nok:
            out.append(
                Paragraph(
                    t(
                        lang,
                        "econ_printed",
                        group=literal(g.name_nb if lang == "nb" else g.name_en),
                        printed=f.kr(g.printed_total_nok),
                        rows=f.kr(g.total_nok),
                        diff=f.kr(g.printed_discrepancy_nok),
                        source=literal(g.source),
                    )
                )
            )
    if not base.cost_items:
        out.append(Paragraph(t(lang, "econ_items_none"), small=True))
    else:
        srcs = []
        rows = []
        for item, per in base.cost_items.items():
            label = item
            for m in base.municipalities:
                for ci in b.cat.municipalities[m].cost_items:
                    if ci.item == item:
                        label = ci.name_nb if lang == "nb" else ci.name_en
                        srcs.append(literal(ci.source))
            rows.append((literal(label), *(f.kr(per.get(m, 0)) for m in base.municipalities)))
        out.append(
            Table(
                (t(lang, "h_item"), *(b.muni(m) for m in base.municipalities)),
                tuple(rows),
                align=("l",) + ("r",) * len(base.municipalities),
                caption=t(lang, "econ_items"),
                note=t(lang, "source_line", source="; ".join(dict.fromkeys(srcs))),
            )
        )
    return out


def _control(b: Context) -> list[Block | Section]:
    """The case's cost-control principle and the check of it (when the case states it)."""
    lang, f = b.lang, b.f
    econ = b.res["economics"]
    case = b.cat.case
    control = econ["control"]
    if case is None or case.cost_control is None or control is None:
        return []
    cc = case.cost_control
    out: list[Block | Section] = [
        Paragraph(
            t(
                lang,
                "econ_control_principle",
                text=literal(cc.name_nb if lang == "nb" else cc.name_en),
                source=literal(cc.source),
            )
        )
    ]
    scen = econ["scenarios"]
    cases = [
        t(
            lang,
            "econ_control_case",
            years=", ".join(str(y) for y in years),
            scenario=scenario_label(b, scen[sid].scenario),
        )
        for sid, years in control.exceeded.items()
        if years
    ]
    calc = t(lang, "calc_line", how="K = B − S + E")
    if cases:
        text = t(lang, "econ_control_over", base=f.kr(control.baseline), cases=b.and_list(cases))
    else:
        text = t(lang, "econ_control_ok", base=f.kr(control.baseline))
    out.append(Paragraph(text + " " + calc))
    return out


def _by_form(b: Context) -> list[Block | Section]:
    """Savings per form of cooperation, where the assessment's [economics] says so."""
    settings = b.a.economics
    if settings is None or "options" not in settings.input:
        return []
    items = []
    for option, scenario in settings.options.items():
        share = settings.scenarios.get(scenario)
        label = b.form(option.partition(":")[0]) if option != "default" else "default"
        pct = "0 %" if share is None else b.f.pct(share)
        items.append(f"{label}: {literal(scenario)} ({pct})")
    return [Paragraph(t(b.lang, "econ_by_form", items="; ".join(items)))]


def scenario_label(b: Context, scenario: Any) -> str:
    """A savings scenario's name in words: the low or high end of the case's range, or "as
    <example>"."""
    share = b.f.pct(scenario.share)
    if scenario.id in ("low", "high"):
        return t(b.lang, f"scen_{scenario.id}", share=share)
    return t(b.lang, "scen_example", name=literal(example_name(b, scenario)), share=share)


def example_name(b: Context, scenario: Any) -> str:
    """The name of the outside example a scenario stands for (its ``name`` in
    ``[[case.savings_evidence]]``), from the
    catalogue's case; the scenario's label in the briefing's language when it is none of them
    (a scenario's label already carries its share: never put it in a sentence that adds it)."""
    case = b.cat.case
    for ev in () if case is None else case.savings_evidence:
        if ev.id == scenario.id:
            return str(ev.name)
    return str(scenario.label_nb if b.lang == "nb" else scenario.label_en)


def savings_section(b: Context) -> Section:
    """The savings evidence of the case (each example with its source, never a forecast), the
    cost per municipality at the full effect of the first example under each key, and the
    scenarios' present values."""
    lang, f = b.lang, b.f
    econ = b.res["economics"]
    base = econ["baseline"]
    scen = econ["scenarios"]
    comps = econ["comparisons"]
    case = b.cat.case
    blocks: list[Block | Section] = []
    if case is not None:
        for ev in case.savings_evidence:
            blocks.append(
                Paragraph(
                    t(
                        lang,
                        "savings_example",
                        name=literal(ev.name),
                        share=f.pct(ev.share),
                        covers=literal(ev.covers_nb if lang == "nb" else ev.covers_en),
                        source=literal(ev.source),
                    )
                    + (" " + literal(ev.note_nb if lang == "nb" else ev.note_en)).rstrip()
                )
            )
        if case.savings_range is not None:
            r = case.savings_range
            blocks.append(
                Paragraph(
                    t(
                        lang,
                        "savings_range",
                        low=f.pct(r.low),
                        high=f.pct(r.high),
                        source=literal(r.source),
                    )
                )
            )
    blocks.append(Paragraph(t(lang, "savings_not_forecast")))
    uncovered = [
        g for g in scen.groups if all(r.scenario.share_of(g) == 0 for r in scen.scenarios.values())
    ]
    if uncovered:
        services = [s for g in uncovered for s in base.group(g).services]
        blocks.append(
            Paragraph(
                t(lang, "savings_uncovered", services=b.and_list([b.svc(s) for s in services])),
                small=True,
            )
        )
    comparison = scen[econ["comparison"]].scenario
    header = [t(lang, "h_municipality"), t(lang, "h_today")]
    header += [t(lang, "h_after_key", key=key_text(c.key, lang)) for c in comps]
    rows = []
    for m in base.municipalities:
        row = [b.muni(m), f.kr(comps[0][m].before)]
        for c in comps:
            r = c[m]
            row.append(f.kr(r.after) + (" ⚠" if r.pays_more else ""))
        rows.append(tuple(row))
    caption_values = {
        "share": f.pct(comparison.share),
        "name": literal(example_name(b, comparison)),
    }
    blocks.append(
        Table(
            tuple(header),
            tuple(rows),
            align=("l",) + ("r",) * (len(header) - 1),
            caption=t(lang, "econ_table_caption", **caption_values),
            note=t(lang, "calc_line", how=t(lang, "calc_keys")),
        )
    )
    more = [(c, c.pays_more) for c in comps if c.pays_more]
    if more:
        for c, munis in more:
            blocks.append(
                Paragraph(
                    t(
                        lang,
                        "econ_pays_more",
                        key=key_text(c.key, lang),
                        munis=", ".join(b.muni(m) for m in munis),
                    ),
                    small=True,
                )
            )
    else:
        blocks.append(Paragraph(t(lang, "econ_nobody_more"), small=True))
    srows = []
    for r in scen.scenarios.values():
        srows.append(
            (
                scenario_label(b, r.scenario),
                f.num(r.fte_saved_full, 1),
                f.kr(r.nok_saved_full),
                f.kr(r.present_value),
                t(lang, "never") if r.payback_year is None else str(r.payback_year),
            )
        )
    rate = scen.discount_rate
    blocks.append(
        Table(
            (
                t(lang, "h_scenario"),
                t(lang, "h_fte_saved"),
                t(lang, "h_nok_saved"),
                t(lang, "h_pv"),
                t(lang, "h_payback"),
            ),
            tuple(srows),
            align=("l", "r", "r", "r", "r"),
            caption=t(
                lang,
                "scen_caption",
                h=scen.horizon,
                rate=f.pct(rate, 0) if isinstance(rate, float) else str(rate),
            ),
            note=t(
                lang,
                "scen_note",
                phase=", ".join(f.pct(p) for p in scen.phase_in),
                est=f.kr(scen.establishment.total),
            )
            + " "
            + t(lang, "source_line", source=literal(scen.discount_rate_source)),
        )
    )
    pv_rows = tuple(
        (
            b.muni(m),
            *(f.kr(r.municipalities[m].present_value) for r in scen.scenarios.values()),
        )
        for m in base.municipalities
    )
    blocks.append(
        Table(
            (
                t(lang, "h_municipality"),
                *(scenario_label(b, r.scenario) for r in scen.scenarios.values()),
            ),
            pv_rows,
            align=("l",) + ("r",) * len(scen.scenarios),
            caption=t(lang, "pv_caption", h=scen.horizon, key=key_text(scen.key, lang)),
            note=t(lang, "calc_line", how=t(lang, "calc_keys")),
        )
    )
    blocks += _by_form(b)
    blocks += _control(b)
    if comps:
        fig = b.figure(
            "cost_shares",
            t(lang, "econ_fig", **caption_values),
            t(lang, "econ"),
        )
        if fig is not None:
            blocks.append(fig)
    return Section("savings", t(lang, "savings"), tuple(blocks))


def staffing_section(b: Context, sid: str) -> Section:
    lang, f = b.lang, b.f
    base = b.res["economics"]["baseline"]
    if sid in base.missing:
        return Section(f"{sid}-staff", t(lang, "staff"), (Paragraph(t(lang, "staff_missing")),))
    g = base.group_of(sid)
    rows = tuple(
        (b.muni(m), f.num(float(g.fte[m]), 1), f.kr(g.nok[m])) for m in base.municipalities
    )
    return Section(
        f"{sid}-staff",
        t(lang, "staff"),
        (
            Paragraph(
                t(
                    lang,
                    "staff_text",
                    group=literal(g.name_nb if lang == "nb" else g.name_en),
                    services=", ".join(b.svc(s) for s in g.services),
                    fte=f.num(float(g.total_fte), 1),
                    nok=f.kr(g.total_nok),
                    year=b.budget_year(),
                )
            ),
            Table(
                (t(lang, "h_municipality"), t(lang, "h_fte"), t(lang, "h_nok")),
                rows,
                align=("l", "r", "r"),
            ),
        ),
    )
