"""The economics chapter (baseline, scenarios, cost-sharing keys) and each service area's
staffing."""

from __future__ import annotations

from samvalg.report._figures import available
from samvalg.report._model import Block, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context
from samvalg.text.briefing import t
from samvalg.text.economics import key_text

__all__ = ["economics_section", "staffing_section"]


def economics_section(b: Context) -> Section:
    lang, f = b.lang, b.f
    econ = b.res["economics"]
    base = econ["baseline"]
    scen = econ["scenarios"]
    comps = econ["comparisons"]
    header = [t(lang, "h_municipality"), t(lang, "h_today")]
    header += [t(lang, "h_after_key", key=key_text(c.key, lang)) for c in comps]
    rows = []
    for m in base.municipalities:
        row = [b.muni(m), f.kr(comps[0][m].before)]
        for c in comps:
            r = c[m]
            row.append(f.kr(r.after) + (" ⚠" if r.pays_more else ""))
        rows.append(tuple(row))
    blocks: list[Block | Section] = [
        Paragraph(
            t(
                lang,
                "econ_intro",
                total=f.kr(base.total_nok),
                fte=f.num(float(base.total_fte), 1),
            )
        ),
        Table(tuple(header), tuple(rows), align=("l",) + ("r",) * (len(header) - 1)),
    ]
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
                r.scenario.label_nb if lang == "nb" else r.scenario.label_en,
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
    if available("plot_cost_shares"):
        from samvalg.plot import plot_cost_shares

        fig = b.figure(
            "cost_shares",
            lambda: plot_cost_shares(comps, lang=lang),
            t(lang, "econ_fig"),
            t(lang, "econ"),
        )
        if fig is not None:
            blocks.append(fig)
    return Section("economics", t(lang, "econ"), tuple(blocks))


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
                )
            ),
            Table(
                (t(lang, "h_municipality"), t(lang, "h_fte"), t(lang, "h_nok")),
                rows,
                align=("l", "r", "r"),
            ),
        ),
    )
