"""A service area's chapter: the recommendation, both questions, the legal screen, the value
contributions and SMAA-2 robustness (sensitivity and agreement in their own modules)."""

from __future__ import annotations

from typing import Any

import numpy as np

from samvalg.report._model import Block, Callout, Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context, plain, robust_word
from samvalg.report._sections.agreement import agreement_section
from samvalg.report._sections.economics import staffing_section
from samvalg.report._sections.forms import procurement_caveat
from samvalg.report._sections.sensitivity import sensitivity_section
from samvalg.report._settings import SMAA_CONCENTRATION
from samvalg.text.briefing import t
from samvalg.text.smaa import service_smaa_record
from samvalg.text.views import service_evaluation_record

__all__ = ["service_section"]


def service_section(b: Context, sid: str) -> tuple[Section, dict[str, Any]]:
    lang, f = b.lang, b.f
    sev = b.ev[sid]
    svc = b.res["services"][sid]
    rec = sev.recommendation
    key = svc["view"]
    blocks: list[Block | Section] = []
    data: dict[str, Any] = {"evaluation": plain(service_evaluation_record(sev)), "view": key}
    if rec is None or key is None:
        blocks.append(Callout("warning", t(lang, "rec_none")))
    else:
        b1, _cf = b.first_rank(sid, rec)
        feas = svc["feasibility"][rec]
        value = sev[key].value_of(rec)
        robust = "–" if b1 is None else robust_word(b1, lang)
        if b.spec.contributions is not None:  # an additive value with contributions (WSM)
            text = t(
                lang,
                "rec_text",
                value=f.num(value, 3),
                legal=b.status(feas),
                share=f.pct(b1),
                robust=robust,
            )
        else:
            text = t(
                lang,
                "rec_text_other",
                method=b.method.upper(),
                value=f.num(value, 3),
                direction=b.direction(sev[key]),
                legal=b.status(feas),
                share=f.pct(b1),
                robust=robust,
            )
        blocks.append(Callout("recommendation", t(lang, "rec_title", option=b.opt(rec)), text))
    for view_key in ("whether", "form", "combined"):
        if view_key in sev.views:
            blocks.append(_question(b, sid, view_key))
    blocks.append(_legal(b, sid))
    dfo = _plus_minus(b, sid)
    if dfo is not None:
        blocks.append(dfo)
    if key is not None:
        blocks.append(_contributions(b, sid, key))
        blocks.append(_robustness(b, sid, key))
        sens_section, sens_data = sensitivity_section(b, sid)
        blocks.append(sens_section)
        data["sensitivity"] = sens_data
    blocks.append(agreement_section(b, sid))
    blocks.append(staffing_section(b, sid))
    data["smaa"] = {v: plain(service_smaa_record(s)) for v, s in svc["smaa"].items()}
    data["feasibility"] = {o: plain(fz.to_dict()) for o, fz in svc["feasibility"].items()}
    return Section(f"service-{sid}", b.svc(sid), tuple(blocks), page_break=True), data


def _question(b: Context, sid: str, key: str) -> Section:
    lang, f = b.lang, b.f
    sev = b.ev[sid]
    v = sev[key]
    rows = []
    emph = []
    for i, o in enumerate(v.order):
        j = v.options.index(o)
        if o == sev.recommendation:
            emph.append(i)
        rows.append(
            (
                str(int(v.ranks[j])),
                b.opt(o),
                f.num(v.values[j], 3),
                b.status(b.res["services"][sid]["feasibility"][o]),
            )
        )
    head_v = t(lang, "h_value") if v.higher_is_better else t(lang, "h_lower_better")
    code = _QUESTION_CODES[key]
    note = (
        t(lang, "wsm_note")
        if b.spec.contributions is not None
        else t(lang, "other_note", method=b.method.upper(), direction=b.direction(v))
    )
    intro = t(lang, f"{code}_text", n=len(v.criteria), sets=view_sets_text(b, v.criteria))
    blocks: list[Block | Section] = [
        Paragraph(intro + " " + note),
        Table(
            (t(lang, "h_rank"), t(lang, "h_option"), head_v, t(lang, "h_status")),
            tuple(rows),
            align=("r", "l", "r", "l"),
            emphasis=tuple(emph),
        ),
    ]
    if v.excluded and key != "whether":
        blocks.append(
            Paragraph(
                t(lang, "not_ranked", options=", ".join(b.opt(o) for o in v.excluded)),
                small=True,
            )
        )
    if key == "whether":
        share = b.coop_share(sid)
        if share is not None:
            blocks.append(
                Paragraph(t(lang, "q1_robust", share=f.pct(share), rest=f.pct(1 - share)))
            )
    if key == "combined" and "form" in sev.views:
        answer, other = sev["form"].best, v.best
        if answer is not None and other is not None:
            blocks.append(
                Paragraph(
                    t(lang, "q3_same")
                    if answer == other
                    else t(lang, "q3_differs", other=b.opt(other), rec=b.opt(answer))
                )
            )
    return Section(f"{sid}-{key}", t(lang, code), tuple(blocks))


#: view -> the text codes of its table: question 1, question 2, the combined comparison.
_QUESTION_CODES = {"whether": "q1", "form": "q2", "combined": "q3"}


def view_sets_text(b: Context, criteria: tuple[str, ...] | list[str]) -> str:
    """The criteria sets behind ``criteria``, each with its number of criteria, in words:
    ``«Strategi» (12), «Gevinster» (5)``."""
    parts = []
    for set_id, cset in b.cat.criteria_sets.items():
        ids = {c.id for c in cset.criteria}
        count = sum(1 for c in criteria if c in ids)
        if count:
            parts.append(
                f"«{b.setname(set_id)}» ({count})"
                if b.lang == "nb"
                else f"“{b.setname(set_id)}” ({count})"
            )
    return ", ".join(parts)


def _plus_minus(b: Context, sid: str) -> Section | None:
    """DFØ's synthesis for the criteria sets on the pluss-minus scale: each option's labels
    side by side, never summed (None when no set of the assessment uses that scale)."""
    lang = b.lang
    blocks: list[Block | Section] = []
    for set_id in b.a.set_ids:
        if b.a.scales[set_id].kind != "plus_minus":
            continue
        m = b.a.matrix(sid, set_id)
        rows = []
        for i, opt in enumerate(m.option_ids):
            cells = [
                "–" if not m.applicable[i, j] else literal(m.scale.label(float(m.values[i, j])))
                for j in range(len(m.criteria))
            ]
            rows.append((b.opt(opt), *cells))
        blocks.append(
            Table(
                (t(lang, "h_option"), *(b.crit(c) for c in m.criteria)),
                tuple(rows),
                align=("l",) + ("c",) * len(m.criteria),
                caption=b.setname(set_id),
            )
        )
    if not blocks:
        return None
    return Section(f"{sid}-dfo", t(lang, "dfo"), (Paragraph(t(lang, "dfo_text")), *blocks))


def _legal(b: Context, sid: str) -> Section:
    lang = b.lang
    groups: dict[tuple[Any, ...], list[str]] = {}
    for o, fz in b.res["services"][sid]["feasibility"].items():
        reasons = fz.reasons if lang == "nb" else fz.reasons_en
        conds = fz.conditions if lang == "nb" else fz.conditions_en
        key = (o.partition(":")[0], fz.status, fz.uncertain, tuple(reasons), tuple(conds))
        groups.setdefault(key, []).append(o)
    rows = []
    for (form, status, uncertain, reasons, conds), opts in groups.items():
        hosts = [o.partition(":")[2] for o in opts if ":" in o]
        label = b.form(form)
        if hosts:
            label += " (" + ", ".join(b.muni(h) for h in hosts) + ")"
        mark = f" [{t(lang, 'uncertain_mark')}]" if uncertain else ""
        rows.append(
            (
                label,
                t(lang, f"status_{status}") + mark,
                " ".join(reasons),
                " ".join(conds) or "–",
            )
        )
    caveat = procurement_caveat(b, sid)
    return Section(
        f"{sid}-legal",
        t(lang, "legal"),
        (
            Paragraph(t(lang, "legal_text")),
            *([] if caveat is None else [caveat]),
            Table(
                (
                    t(lang, "h_option"),
                    t(lang, "h_status"),
                    t(lang, "h_reasons"),
                    t(lang, "h_conditions"),
                ),
                tuple(rows),
                align=("l", "l", "l", "l"),
            ),
        ),
    )


def _contributions(b: Context, sid: str, key: str) -> Section:
    lang, f = b.lang, b.f
    v = b.ev[sid][key]
    if v.contributions is None:
        return Section(
            f"{sid}-contrib",
            t(lang, "contrib"),
            (Paragraph(t(lang, "contrib_missing", method=v.method.upper())),),
        )
    blocks: list[Block | Section] = []

    fig = b.figure(
        f"{sid}_contributions",
        t(lang, "contrib_fig"),
        t(lang, "contrib") + ": " + b.svc(sid),
    )
    if fig is not None:
        blocks.append(fig)
    feasible_order = [o for o in v.order if v.feasible[v.options.index(o)]]
    if len(feasible_order) >= 2:
        a_opt, b_opt = feasible_order[0], feasible_order[1]
        ca = v.contributions[v.options.index(a_opt)]
        cb = v.contributions[v.options.index(b_opt)]
        diff = ca - cb
        idx = np.argsort(-np.abs(diff), kind="stable")[:8]
        rows = tuple(
            (b.crit(v.criteria[j]), f.num(ca[j], 3), f.num(cb[j], 3), f.num(diff[j], 3))
            for j in idx
        )
        blocks.append(Paragraph(t(lang, "contrib_text", gap=f.num(float(diff.sum()), 3))))
        blocks.append(
            Table(
                (t(lang, "h_criterion"), b.opt(a_opt), b.opt(b_opt), t(lang, "h_diff")),
                rows,
                align=("l", "r", "r", "r"),
                caption=t(lang, "contrib_table", a=b.opt(a_opt), b=b.opt(b_opt)),
            )
        )
    return Section(f"{sid}-contrib", t(lang, "contrib"), tuple(blocks))


def _robustness(b: Context, sid: str, key: str) -> Section:
    lang, f = b.lang, b.f
    s = b.res["services"][sid]["smaa"][key]
    r = s.result
    order = np.argsort(-r.first_rank, kind="stable")
    rows = tuple(
        (
            b.opt(s.options[i]),
            f.pct(r.first_rank[i], 1),
            f.pct(plain(float(r.confidence[i])), 1),
        )
        for i in order
    )
    emph = tuple(k for k, i in enumerate(order) if s.options[i] == b.ev[sid].recommendation)
    blocks: list[Block | Section] = [
        Paragraph(t(lang, "robust_text", n=f.kr(b.n), kappa=f.num(SMAA_CONCENTRATION, 0))),
        Table(
            (t(lang, "h_option"), t(lang, "h_b1"), t(lang, "h_cf")),
            rows,
            align=("l", "r", "r"),
            emphasis=emph,
            note=t(lang, "summary_note", n=f.kr(b.n)).split(". ")[0] + ".",
        ),
    ]

    fig = b.figure(
        f"{sid}_rank_acceptability",
        t(lang, "robust_fig", n=f.kr(b.n)),
        t(lang, "robust_fig_alt") + ": " + b.svc(sid),
    )
    if fig is not None:
        blocks.append(fig)
    return Section(f"{sid}-robust", t(lang, "robust"), tuple(blocks))
