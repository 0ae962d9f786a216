"""The cover and the summary: the recommendation per service area, agreement, hosting and
economics at a glance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samvalg._version import __version__
from samvalg.report._model import (
    Block,
    BulletList,
    DefinitionList,
    Paragraph,
    Section,
    Table,
    literal,
)
from samvalg.report._sections._context import Context, robust_word
from samvalg.report._sections.economics import economics_section
from samvalg.report._sections.hosts import hosts_section
from samvalg.text.briefing import t

__all__ = ["agreement_summary", "cover_section", "summary_section"]


def cover_section(b: Context, fingerprint: Mapping[str, Any]) -> Section:
    lang = b.lang
    meta = b.a.meta
    items = [(t(lang, "k_assessment"), literal(meta.title))]
    if meta.date is not None:
        items.append((t(lang, "k_date"), meta.date.isoformat()))
    if meta.authors:
        items.append((t(lang, "k_authors"), literal(", ".join(meta.authors))))
    items += [
        (t(lang, "k_method"), b.spec.label_nb if lang == "nb" else b.spec.label_en),
        (t(lang, "k_robust"), t(lang, "k_robust_v", n=b.f.kr(b.n), seed=b.seed)),
        (
            t(lang, "k_input"),
            literal(fingerprint["name"])
            if fingerprint["kind"] == "file"
            else t(lang, "k_not_file"),
        ),
        (t(lang, "k_hash"), fingerprint["sha256"]),
        (t(lang, "k_version"), __version__),
    ]
    blocks: list[Block | Section] = []
    if meta.description:
        blocks.append(Paragraph(literal(meta.description)))
    sets = b.cat.criteria_sets

    def count(set_id: str) -> int:
        return len(sets[set_id].criteria) if set_id in sets else 0

    blocks += [
        DefinitionList(tuple(items)),
        Paragraph(
            t(
                lang,
                "how_to_read",
                n_strategy=count("strategy"),
                strategy=b.setname("strategy"),
                n_gains=count("gains"),
                gains=b.setname("gains"),
                n_model=count("model"),
                model=b.setname("model"),
            )
        ),
    ]
    return Section("about", t(lang, "cover"), tuple(blocks))


def summary_section(b: Context) -> tuple[Section, list[dict[str, Any]]]:
    lang, f = b.lang, b.f
    rows = []
    data = []
    for sid, sev in b.ev.items():
        rec = sev.recommendation
        b1, cf = b.first_rank(sid, rec)
        coop = b.coop_share(sid)
        feas = b.res["services"][sid]["feasibility"].get(rec) if rec else None
        coop_yes = sev.cooperate
        coop_text = "–" if coop_yes is None else t(lang, "yes" if coop_yes else "no")
        if coop is not None and coop_yes is not None:
            coop_text = t(
                lang, "coop_share", yes=coop_text, share=f.pct(coop if coop_yes else 1 - coop)
            )
        rows.append(
            (
                b.svc(sid),
                b.opt(rec),
                coop_text,
                f.pct(b1),
                f.pct(cf),
                "–" if b1 is None else robust_word(b1, lang),
                "–" if feas is None else b.status(feas),
            )
        )
        data.append(
            {
                "service": sid,
                "name": b.svc_raw(sid),
                "recommendation": rec,
                "recommendation_label": b.opt_raw(rec),
                "view": b.res["services"][sid]["view"],
                "cooperate": coop_yes,
                "cooperate_share": coop,
                "first_rank_acceptability": b1,
                "confidence_factor": cf,
                "legal_status": None if feas is None else feas.status,
                "legal_uncertain": None if feas is None else bool(feas.uncertain),
                "conditions": []
                if feas is None
                else list(feas.conditions if lang == "nb" else feas.conditions_en),
            }
        )
    table = Table(
        header=(
            t(lang, "h_service"),
            t(lang, "h_recommend"),
            t(lang, "h_cooperate"),
            t(lang, "h_first"),
            t(lang, "h_conf"),
            t(lang, "h_robust"),
            t(lang, "h_legal"),
        ),
        rows=tuple(rows),
        align=("l", "l", "l", "r", "r", "l", "l"),
        note=t(lang, "summary_note", n=f.kr(b.n)),
    )
    blocks: list[Block | Section] = [Paragraph(t(lang, "summary_intro")), table]
    conds = []
    for d in data:
        for c in d["conditions"]:
            conds.append(f"{literal(d['name'])}: {c}")
    if conds:
        blocks.append(BulletList(tuple(conds)))
    blocks.extend(agreement_summary(b))
    blocks.append(hosts_section(b))
    blocks.append(economics_section(b))
    return Section("summary", t(lang, "summary"), tuple(blocks)), data


def agreement_summary(b: Context) -> list[Block | Section]:
    lang = b.lang
    agr = b.res["agreement"]
    if not agr:
        err = b.res["agreement_error"]
        return [Paragraph(t(lang, "agr_error", error=err) if err else t(lang, "agr_none"))]
    same = [sid for sid, g in agr.items() if g.unanimous]
    differ = [sid for sid in agr if sid not in same]
    names = next(iter(agr.values())).names
    text = t(
        lang,
        "agr_summary",
        k=len(same),
        total=len(agr),
        who=", ".join(literal(name) for name in names),
        same=", ".join(b.svc(s) for s in same) or "–",
        differ=", ".join(b.svc(s) for s in differ) or "–",
    )
    out: list[Block | Section] = [Paragraph(text)]
    for sid, g in agr.items():
        rec = b.ev[sid].recommendation
        if g.group_top is not None and rec is not None and g.group_top != rec:
            out.append(
                Paragraph(
                    t(
                        lang,
                        "agr_group_differs",
                        service=b.svc(sid),
                        group=b.opt(g.group_top),
                        rec=b.opt(rec),
                    )
                )
            )
    return out
