"""The economics chapter (baseline, scenarios, cost-sharing keys) and each service area's
staffing."""

from __future__ import annotations

from typing import Any

from samvalg.report._figures import available
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
    blocks: list[Block | Section] = [
        Paragraph(
            t(
                lang,
                "econ_intro",
                total=f.kr(base.total_nok),
                fte=f.num(float(base.total_fte), 1),
                year=b.budget_year(),
            )
        ),
        Table(
            (t(lang, "h_municipality"), t(lang, "h_fte"), t(lang, "h_today")),
            rows,
            align=("l", "r", "r"),
        ),
    ]
    if econ["scenarios"] is None:
        blocks.append(Paragraph(t(lang, "econ_no_evidence"), small=True))
    else:
        blocks.append(savings_section(b))
    return Section("economics", t(lang, "econ"), tuple(blocks))


def scenario_label(b: Context, scenario: Any) -> str:
    """A savings scenario's name in words: the low or high end of the case's range, or "as
    <example>"."""
    share = b.f.pct(scenario.share)
    if scenario.id in ("low", "high"):
        return t(b.lang, f"scen_{scenario.id}", share=share)
    return t(b.lang, "scen_example", name=literal(scenario.label_nb), share=share)


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
    caption_values = {"share": f.pct(comparison.share), "name": literal(comparison.label_nb)}
    blocks.append(
        Table(
            tuple(header),
            tuple(rows),
            align=("l",) + ("r",) * (len(header) - 1),
            caption=t(lang, "econ_table_caption", **caption_values),
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
            ),
        )
    )
    if comps and available("plot_cost_shares"):
        from samvalg.plot import plot_cost_shares

        fig = b.figure(
            "cost_shares",
            lambda: plot_cost_shares(comps, lang=lang),
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
