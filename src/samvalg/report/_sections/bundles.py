"""The bundles' chapter: one recommendation per bundle (``[bundles.<id>]``), before the
service areas' own chapters, with each member's value beside the bundle's (members stay
visible), the rule and its FTE, what the law rules out for the bundle, SMAA-2 robustness and
the nearest weight threshold. Words: :mod:`samvalg.text.bundles`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from samvalg.report._model import Block, Callout, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context, plain, robust_word
from samvalg.report._sections.sensitivity import threshold_dict
from samvalg.text.briefing import t
from samvalg.text.bundles import tb
from samvalg.text.smaa import service_smaa_record
from samvalg.text.views import service_evaluation_record, view_label

__all__ = ["bundle_summary", "bundles_section", "member_note", "with_bundle_summary"]


def _name(b: Context, bid: str) -> str:
    bev = b.ev.bundles[bid]
    return literal(bev.name_nb if b.lang == "nb" else bev.name_en)


def member_note(b: Context, sid: str) -> Callout | None:
    """A note for the chapter of a service area that is part of a bundle (None otherwise)."""
    for bid, bev in b.ev.bundles.items():
        if sid in bev.members:
            return Callout(
                "note",
                tb(b.lang, "member_note_title"),
                tb(
                    b.lang,
                    "member_note",
                    service=b.svc(sid),
                    bundle=_name(b, bid),
                    option=b.opt(bev.recommendation),
                ),
            )
    return None


def bundle_summary(b: Context) -> list[Block]:
    """The summary's blocks for the bundles: a table with one row per bundle (empty without
    bundles)."""
    if not b.ev.bundles:
        return []
    lang, f = b.lang, b.f
    rows = []
    for bid, bev in b.ev.bundles.items():
        rec = bev.recommendation
        share, _cf = b.first_rank(bid, rec)
        alone = {b.ev[m].recommendation for m in bev.members}
        rows.append(
            (
                _name(b, bid),
                b.opt(rec),
                f.pct(share),
                tb(lang, "sum_same") if alone == {rec} else tb(lang, "sum_differ"),
            )
        )
    return [
        Paragraph(tb(lang, "sum_text")),
        Table(
            (tb(lang, "h_bundle"), tb(lang, "h_rec"), t(lang, "h_b1"), tb(lang, "h_alone")),
            tuple(rows),
            align=("l", "l", "r", "l"),
        ),
    ]


def with_bundle_summary(summary: Section, blocks: list[Block]) -> Section:
    """``summary`` with ``blocks`` after its first table (the per-service table)."""
    if not blocks:
        return summary
    items = list(summary.blocks)
    at = next((i + 1 for i, x in enumerate(items) if isinstance(x, Table)), len(items))
    items[at:at] = blocks
    return Section(summary.id, summary.title, tuple(items), summary.page_break)


def bundles_section(b: Context) -> tuple[Section | None, dict[str, Any]]:
    """The chapter (None without bundles) and the bundles' records for ``data.json``."""
    if not b.ev.bundles:
        return None, {}
    subs: list[Block | Section] = [Paragraph(tb(b.lang, "chapter_text"))]
    data: dict[str, Any] = {}
    for bid in b.ev.bundles:
        sec, d = _bundle(b, bid)
        subs.append(sec)
        data[bid] = d
    return Section("bundles", tb(b.lang, "chapter"), tuple(subs), page_break=True), data


def _bundle(b: Context, bid: str) -> tuple[Section, dict[str, Any]]:
    lang, f = b.lang, b.f
    bev = b.ev.bundles[bid]
    res = b.res["bundles"][bid]
    key = res["view"]
    rec = bev.recommendation
    blocks: list[Block | Section] = []
    smaa = res["smaa"].get(key) if key is not None else None
    share = None
    if smaa is not None and rec in smaa.options:
        share = float(smaa.result.first_rank[smaa.options.index(rec)])
    if rec is None or key is None:
        blocks.append(Callout("warning", tb(lang, "rec_none")))
    else:
        blocks.append(
            Callout(
                "recommendation",
                tb(lang, "rec_title", option=b.opt(rec)),
                tb(
                    lang,
                    "rec_text",
                    value=f.num(bev[key].value_of(rec), 3),
                    view=view_label(key, lang),
                    legal=b.status(bev.feasibility[rec]),
                    share=f.pct(share),
                    robust="–" if share is None else robust_word(share, lang),
                )
                + _gap(b, bid, key),
            )
        )
    blocks.append(Paragraph(tb(lang, "members", members=", ".join(b.svc(m) for m in bev.members))))
    blocks.append(Paragraph(_rule_text(b, bid)))
    if key is not None:
        blocks.append(_table(b, bid, key))
    alone = [(m, b.ev[m].recommendation) for m in bev.members]
    blocks.append(
        Paragraph(
            tb(lang, "alone", list="; ".join(f"{b.svc(m)}: {b.opt(o)}" for m, o in alone))
            + " "
            + tb(lang, "alone_same" if len({o for _, o in alone} | {rec}) == 1 else "alone_differ")
        )
    )
    ruled = [
        tb(
            lang,
            "ruled_out_item",
            option=b.opt(o),
            members=", ".join(b.svc(m) for m in bev.members if not b.ev[m].feasibility[o].ok),
        )
        for o, fz in bev.feasibility.items()
        if not fz.ok
    ]
    if ruled:
        blocks.append(Paragraph(tb(lang, "ruled_out", list="; ".join(ruled))))
    sens_data: list[Any] = []
    if res["sensitivity"] is not None:
        sec, sens_data = _sensitivity(b, bid)
        blocks.append(sec)
    if smaa is not None:
        blocks.append(_robustness(b, bid, key))
    data = {
        "bundle": bid,
        "members": list(bev.members),
        "rule": bev.rule,
        "member_weights": bev.member_weights,
        "fte": dict(bev.fte),
        "fte_source": dict(bev.fte_source),
        "view": key,
        "recommendation": rec,
        "members_alone": {m: o for m, o in alone},
        "evaluation": service_evaluation_record(bev),
        "smaa": {v: service_smaa_record(s) for v, s in res["smaa"].items()},
        "sensitivity": sens_data,
    }
    return Section(f"bundle-{bid}", tb(lang, "title", name=_name(b, bid)), tuple(blocks)), plain(
        data
    )


def _gap(b: Context, bid: str, key: str) -> str:
    """The distance to the next lawful option, in words ("" when there is none)."""
    v = b.ev.bundles[bid][key]
    lawful = [o for o in v.order if v.feasible[v.options.index(o)]]
    if len(lawful) < 2:
        return ""
    first, second = lawful[0], lawful[1]
    gap = abs(v.value_of(first) - v.value_of(second))
    text = " " + tb(
        b.lang,
        "gap",
        option=b.opt(second),
        value=b.f.num(v.value_of(second), 3),
        gap=b.f.num(gap, 3 if gap >= 0.001 else 4),
    )
    return text + (" " + tb(b.lang, "gap_tiny") if gap < 0.005 else "")


def _rule_text(b: Context, bid: str) -> str:
    lang, f = b.lang, b.f
    bev = b.ev.bundles[bid]
    weights = bev.member_weights or {}
    shares = ", ".join(f"{b.svc(m)} {f.pct(weights[m], 1)}" for m in bev.members if m in weights)
    if bev.rule == "min":
        return tb(lang, "rule_min")
    text = tb(lang, f"rule_{bev.rule}", shares=shares)
    if bev.rule != "fte":
        return text
    groups: dict[str, list[str]] = {}
    given = []
    for m in bev.members:
        src = bev.fte_source.get(m, "")
        if src.startswith("catalogue:"):
            groups.setdefault(src.partition(":")[2], []).append(m)
        else:
            given.append(m)
    base = b.res.get("economics", {}).get("baseline")
    for group, members in groups.items():
        total = sum(bev.fte[m] for m in members)
        name = group
        if base is not None and group in {g.id for g in base.groups}:
            g = base.group(group)
            name = g.name_nb if lang == "nb" else g.name_en
        text += " " + tb(lang, "fte_catalogue", group=literal(name), total=f.num(total, 1))
    if given:
        text += " " + tb(lang, "fte_given", members=", ".join(b.svc(m) for m in given))
    return text


def _table(b: Context, bid: str, key: str) -> Table:
    lang, f = b.lang, b.f
    bev = b.ev.bundles[bid]
    v = bev[key]
    member_views = [b.ev[m][key] for m in bev.members]
    rows = []
    emph = []
    for i, o in enumerate(v.order):
        j = v.options.index(o)
        if o == bev.recommendation:
            emph.append(i)
        rows.append(
            (
                str(int(v.ranks[j])),
                b.opt(o),
                f.num(v.values[j], 3),
                *(f.num(mv.value_of(o), 3) for mv in member_views),
                b.status(bev.feasibility[o]),
            )
        )
    return Table(
        (
            t(lang, "h_rank"),
            t(lang, "h_option"),
            tb(lang, "h_bundle"),
            *(b.svc(m) for m in bev.members),
            t(lang, "h_status"),
        ),
        tuple(rows),
        align=("r", "l", "r", *("r" for _ in bev.members), "l"),
        caption=tb(lang, "table_caption", view=view_label(key, lang)),
        emphasis=tuple(emph),
    )


def _sensitivity(b: Context, bid: str) -> tuple[Section, list[Any]]:
    lang, f = b.lang, b.f
    sens = b.res["bundles"][bid]["sensitivity"]
    sweeps = [*sens.set_sweeps.values(), *sens.criterion_sweeps.values()]
    best = None
    for sw in sweeps:
        for th in (sw.increase, sw.decrease):
            if th is not None and (best is None or abs(th.absolute) < abs(best[1].absolute)):
                best = (sw, th)
    if best is None:
        text = tb(lang, "sens_none")
    else:
        sw, th = best
        name = b.setname(sw.parameter) if sw.kind == "set" else b.crit(sw.parameter)
        text = tb(
            lang,
            "sens_nearest",
            name=name,
            current=f.pct(sw.current, 1),
            new=f.pct(th.weight, 1),
            option=b.opt(th.new_top),
        )
    data = [plain(threshold_dict(sw)) for sw in sweeps]
    return Section(f"bundle-{bid}-sens", tb(lang, "sens_title"), (Paragraph(text),)), data


def _robustness(b: Context, bid: str, key: str) -> Section:
    lang, f = b.lang, b.f
    s = b.res["bundles"][bid]["smaa"][key]
    r = s.result
    order = np.argsort(-r.first_rank, kind="stable")
    rows = tuple(
        (b.opt(s.options[i]), f.pct(r.first_rank[i], 1), f.pct(plain(float(r.confidence[i])), 1))
        for i in order
    )
    rec = b.ev.bundles[bid].recommendation
    emph = tuple(k for k, i in enumerate(order) if s.options[i] == rec)
    return Section(
        f"bundle-{bid}-robust",
        tb(lang, "robust_title"),
        (
            Paragraph(tb(lang, "robust_text", n=f.kr(b.n))),
            Table(
                (t(lang, "h_option"), t(lang, "h_b1"), t(lang, "h_cf")),
                rows,
                align=("l", "r", "r"),
                emphasis=emph,
            ),
        ),
    )
