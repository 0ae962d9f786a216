"""A service area's agreement section: do the stakeholders, each with their own weights, agree?"""

from __future__ import annotations

import math

from samvalg.report._model import Block, BulletList, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context
from samvalg.text.agreement import answer_text
from samvalg.text.briefing import t
from samvalg.text.voting import scheme_text

__all__ = ["agreement_section"]


def agreement_section(b: Context, sid: str) -> Section:
    lang, f = b.lang, b.f
    g = b.res["agreement"].get(sid)
    title = t(lang, "agr")
    if g is None:
        err = b.res["agreement_error"]
        return Section(
            f"{sid}-agreement",
            title,
            (Paragraph(t(lang, "agr_error", error=err) if err else t(lang, "agr_none")),),
        )
    rec = b.ev[sid].recommendation
    rows = []
    for i, (st_id, name) in enumerate(zip(g.stakeholders, g.names, strict=True)):
        top = g.top.get(st_id)
        rec_rank = "–"
        if rec in g.options:
            rec_rank = str(int(g.ranks[i, g.options.index(rec)]))
        rows.append((literal(name), f.pct(g.voting.weights.get(st_id, 0.0)), b.opt(top), rec_rank))
    blocks: list[Block | Section] = [
        Paragraph(answer_text(g, lang)),
        Table(
            (
                t(lang, "h_stakeholder"),
                t(lang, "h_voting"),
                t(lang, "h_their_top"),
                t(lang, "h_rec_rank"),
            ),
            tuple(rows),
            align=("l", "r", "l", "r"),
            note=t(
                lang,
                "agr_voting",
                scheme=scheme_text(g.voting, lang),
            ),
        ),
    ]
    if not math.isnan(g.kendall_w):
        blocks.append(Paragraph(t(lang, "agr_w", w=f.num(g.kendall_w, 2))))
    diffs = []
    for c in g.most_different[:3]:
        j = g.criteria.index(c)
        diffs.append(
            t(
                lang,
                "agr_diff",
                name=b.crit(c),
                lo=f.pct(float(g.global_weights[:, j].min()), 1),
                hi=f.pct(float(g.global_weights[:, j].max()), 1),
            )
        )
    if diffs:
        blocks.append(Paragraph(t(lang, "agr_most_different")))
        blocks.append(BulletList(tuple(diffs)))
    return Section(f"{sid}-agreement", title, tuple(blocks))
