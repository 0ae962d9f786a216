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
from samvalg.report._settings import NO_COOP
from samvalg.text.briefing import t

__all__ = ["agreement_summary", "brief_section", "cover_section", "summary_section"]


def _runner_up(b: Context, unit: str, rec: str | None) -> str | None:
    """The option most often first in SMAA-2 after the recommendation (None without one)."""
    res = b.unit_result(unit)
    key = res["view"]
    if rec is None or key is None or key not in res["smaa"]:
        return None
    s = res["smaa"][key]
    best = None
    for i, o in enumerate(s.options):
        if o != rec and (best is None or s.result.first_rank[i] > s.result.first_rank[best]):
            best = i
    return None if best is None else str(s.options[best])


def _deciding_criterion(b: Context, unit: str) -> str | None:
    """The criterion whose weight needs the smallest change to change the answer."""
    sens = b.unit_result(unit)["sensitivity"]
    if sens is None:
        return None
    cands = []
    for sw in sens.criterion_sweeps.values():
        for th in (sw.decrease, sw.increase):
            if th is not None:
                cands.append((abs(th.absolute), sw.parameter))
    return min(cands)[1] if cands else None


def _units(b: Context) -> list[tuple[str, str, str | None]]:
    """The summary's units in order: each bundle (decided together) and then each service
    area outside a bundle, as ``(unit id, label, recommendation)``."""
    out: list[tuple[str, str, str | None]] = []
    bundled: set[str] = set()
    for bid, bev in b.ev.bundles.items():
        bundled |= set(bev.members)
        name = literal(bev.name_nb if b.lang == "nb" else bev.name_en)
        members = b.and_list([b.svc(m) for m in bev.members])
        label = t(b.lang, "brief_bundle", bundle=name, members=members)
        out.append((bid, label, bev.recommendation))
    for sid, sev in b.ev.items():
        if sid not in bundled:
            out.append((sid, b.svc(sid), sev.recommendation))
    return out


def brief_section(b: Context) -> Section:
    """One page for the councillors, in plain words: what they are asked to decide, what the
    assessments suggest phase 2 should study first, where the answer holds and where it
    hinges on a judgment, the hosting balance and what the case says of the economics. No
    method names (those are in the method chapter)."""
    lang, f = b.lang, b.f
    case = b.cat.case
    blocks: list[Block | Section] = [Paragraph(t(lang, "brief_not_final"))]
    if case is not None and case.model_choice_deferred_nb:
        text = case.model_choice_deferred_nb if lang == "nb" else case.model_choice_deferred_en
        blocks.append(
            Paragraph(
                t(
                    lang,
                    "brief_deferred",
                    text=literal(text),
                    source=literal(case.model_choice_source or case.document),
                )
            )
        )
    if case is not None and case.decisions:
        items = []
        for d in case.decisions:
            text = literal(d.text_nb if lang == "nb" else d.text_en)
            due = d.due_nb if lang == "nb" else d.due_en
            code = "brief_decision" if due else "brief_decision_nodue"
            items.append(t(lang, code, text=text, due=literal(due), source=literal(d.source)))
        blocks += [Paragraph(t(lang, "brief_decisions")), BulletList(tuple(items))]
    robust, hinge, no_coop = [], [], []
    by_crit: dict[str | None, list[str]] = {}
    for unit, label, rec in _units(b):
        if rec is None:
            continue
        if rec.split(":")[0] in NO_COOP:
            no_coop.append(f"{label}: {b.opt(rec)}")
            continue
        b1, _cf = b.first_rank(unit, rec)
        runner = _runner_up(b, unit, rec)
        if (b1 is not None and b1 >= 0.8) or runner is None:
            robust.append(f"{label}: {b.opt(rec)}")
            continue
        by_crit.setdefault(_deciding_criterion(b, unit), []).append(
            t(lang, "brief_hinge_service", service=label, option=b.opt(rec), runner=b.opt(runner))
        )
    for crit, items in by_crit.items():  # one bullet per unit, grouped by criterion
        for item in items:
            if crit is None:
                hinge.append(t(lang, "brief_hinge_nocrit", item=item))
            else:
                hinge.append(t(lang, "brief_hinge_crit", item=item, criterion=b.crit(crit)))
    blocks.append(Paragraph(t(lang, "brief_points")))
    if robust:
        blocks.append(Paragraph(t(lang, "brief_robust", services="; ".join(robust))))
    if hinge:
        blocks += [Paragraph(t(lang, "brief_hinge")), BulletList(tuple(hinge))]
    if no_coop:
        blocks.append(Paragraph(t(lang, "brief_no_coop", services="; ".join(no_coop))))
    hosted: dict[str, int] = {}
    for sid in b.ev:
        host = (b.decided(sid) or "").partition(":")[2]
        if host:
            hosted[host] = hosted.get(host, 0) + 1
    if hosted:
        muni, k = max(hosted.items(), key=lambda kv: kv[1])
        blocks.append(Paragraph(t(lang, "brief_balance", muni=b.muni(muni), k=k, n=len(b.ev))))
    if case is not None and case.savings_evidence:
        examples = [
            t(lang, "brief_example", name=literal(ev.name), share=f.pct(ev.share))
            for ev in case.savings_evidence
        ]
        blocks.append(Paragraph(t(lang, "brief_economy", examples=b.and_list(examples))))
    blocks.append(Paragraph(t(lang, "brief_more"), small=True))
    return Section("brief", t(lang, "brief"), tuple(blocks))


def cover_section(b: Context, fingerprint: Mapping[str, Any]) -> Section:
    lang = b.lang
    meta = b.a.meta
    items = [(t(lang, "k_assessment"), literal(meta.title))]
    if meta.date is not None:
        items.append((t(lang, "k_date"), b.f.date(meta.date)))
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
    return Section("about", t(lang, "cover"), tuple(blocks), page_break=True)


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
