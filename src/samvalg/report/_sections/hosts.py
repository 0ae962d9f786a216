"""The hosting chapter: who hosts what under the recommendations and under the balanced plan."""

from __future__ import annotations

from samvalg.report._model import Block, Callout, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context
from samvalg.text.briefing import t

__all__ = ["hosts_section"]


def hosts_section(b: Context) -> Section:
    lang, f = b.lang, b.f
    munis = list(b.cat.municipalities)
    rec_hosted: dict[str, list[str]] = {m: [] for m in munis}
    for sid in b.ev:
        host = (b.decided(sid) or "").partition(":")[2]  # a bundle's member: the bundle's
        if host in rec_hosted:
            rec_hosted[host].append(b.svc(sid))
    alloc = b.res["allocation"]
    header = [t(lang, "h_municipality"), t(lang, "h_hosted_rec")]
    if alloc is not None:
        size_head = "h_fte_bal" if alloc.measure == "fte" else "h_size_bal_areas"
        header += [t(lang, "h_hosted_bal"), t(lang, size_head)]
    rows = []
    for m in munis:
        row = [
            b.muni(m),
            f"{len(rec_hosted[m])}: " + ", ".join(rec_hosted[m]) if rec_hosted[m] else "0",
        ]
        if alloc is not None:
            bal = [
                b.svc(s) + (f" ({t(lang, 'office_mark')})" if s in alloc.office else "")
                for s in alloc.choice
                if alloc.host_of(s) == m
            ]
            row += [
                f"{len(bal)}: " + ", ".join(bal) if bal else "0",
                f.num(alloc.hosted_fte.get(m, 0.0), 2 if alloc.measure == "fte" else 0),
            ]
        rows.append(tuple(row))
    blocks: list[Block | Section] = []
    case = b.cat.case
    if case is not None and case.principles:
        names = [literal(p.name_nb if lang == "nb" else p.name_en) for p in case.principles]
        sources = list(dict.fromkeys(literal(p.source) for p in case.principles))
        blocks.append(
            Paragraph(
                t(
                    lang,
                    "hosts_principles",
                    principles=b.and_list(names),
                    source="; ".join(sources),
                )
            )
        )
    blocks += [
        Paragraph(t(lang, "hosts_intro_bundles" if b.ev.bundles else "hosts_intro")),
        Table(tuple(header), tuple(rows), align=("l", "l", "l", "r")[: len(header)]),
    ]
    if alloc is None:
        blocks.append(Callout("warning", t(lang, "alloc_failed", error=b.res["allocation_error"])))
    else:
        n = len(alloc.choice)
        counts = alloc.hosted_count
        top = max(counts, key=lambda m: counts[m])
        if alloc.measure == "fte":
            bound = t(lang, "alloc_bound_fte", share=f.pct(alloc.max_share))
        else:
            k_max = int(alloc.max_share * n + 1e-9)
            bound = t(lang, "alloc_bound_areas", k=k_max, n=n)
        blocks.append(
            Paragraph(
                t(
                    lang,
                    "alloc_text",
                    n=n,
                    bound=bound,
                    measure=t(lang, f"alloc_measure_{alloc.measure}"),
                    given_up=f.num(alloc.value_given_up, 3),
                    value=f.num(alloc.value, 3),
                    free=f.num(alloc.unconstrained_value, 3),
                    muni=b.muni(top),
                    k=counts[top],
                )
            )
        )
        if not b.res["office_hosts"]:
            blocks.append(Paragraph(t(lang, "alloc_office_off"), small=True))
        elif alloc.office or alloc.unconstrained_office:
            blocks.append(Paragraph(t(lang, "alloc_office"), small=True))
        ko = [
            b.svc(s)
            for s, sev in b.ev.items()
            if (sev.recommendation or "").startswith("oppgavefellesskap")
        ]
        if ko:
            blocks.append(
                Paragraph(t(lang, "alloc_rec_office", services=", ".join(ko)), small=True)
            )
        changes = [
            f"{b.svc(s)} ({b.opt(b.decided(s))} → {b.opt(o)})"
            for s, o in alloc.choice.items()
            if o != b.decided(s)
        ]
        offices = [f"{b.svc(s)}: {b.muni(m)}" for s, m in alloc.office.items()]
        if offices:
            changes_office = "; ".join(offices)
        else:
            changes_office = ""
        blocks.append(
            Paragraph(
                t(lang, "alloc_changes", changes="; ".join(changes))
                if changes
                else t(lang, "alloc_same")
            )
        )
        if changes_office:
            blocks.append(Paragraph(t(lang, "alloc_offices", offices=changes_office), small=True))
        if alloc.skipped:
            blocks.append(
                Paragraph(
                    t(
                        lang,
                        "alloc_skipped",
                        services=", ".join(b.svc(s) for s in alloc.skipped),
                    ),
                    small=True,
                )
            )
        if alloc.measure == "fte" and not alloc.office:
            fig = b.figure(
                "host_allocation",
                t(lang, "hosts_fig"),
                t(lang, "hosts"),
            )
            if fig is not None:
                blocks.append(fig)
    return Section("hosts", t(lang, "hosts"), tuple(blocks))
