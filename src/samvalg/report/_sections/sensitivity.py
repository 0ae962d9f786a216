"""A service area's sensitivity: which weight or score change would change the answer."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from samvalg.report._model import Block, BulletList, Paragraph, Section, literal
from samvalg.report._sections._context import Context, plain
from samvalg.report._settings import tornado_rows
from samvalg.text.briefing import t

if TYPE_CHECKING:
    from samvalg.sensitivity import WeightSweep

__all__ = ["sensitivity_section", "threshold_dict"]


def sensitivity_section(b: Context, sid: str) -> tuple[Section, dict[str, Any]]:
    lang, f = b.lang, b.f
    sens = b.res["services"][sid]["sensitivity"]
    top = sens.top
    weight_lines: list[str] = []
    data: dict[str, Any] = {
        "view": sens.view,
        "top": top,
        "thresholds": [],
        "critical_scores": [],
    }
    for sw in sens.set_sweeps.values():
        data["thresholds"].append(plain(threshold_dict(sw)))
        for th, word in ((sw.decrease, "sens_down"), (sw.increase, "sens_up")):
            if th is not None:
                weight_lines.append(
                    t(
                        lang,
                        "sens_set",
                        name=b.setname(sw.parameter),
                        current=f.pct(sw.current),
                        change=t(lang, word, w=f.pct(th.weight, 1)),
                        new=b.opt(th.new_top),
                    )
                )
    if sens.set_sweeps and not weight_lines:
        weight_lines.append(t(lang, "sens_set_none"))
    # criterion weights: the three closest to a reversal (smallest absolute change)
    cands = []
    for sw in sens.criterion_sweeps.values():
        data["thresholds"].append(plain(threshold_dict(sw)))
        for th, word in ((sw.decrease, "sens_down"), (sw.increase, "sens_up")):
            if th is not None:
                cands.append((abs(th.absolute), sw, th, word))
    cands.sort(key=lambda c: c[0])
    if cands:
        for _, sw, th, word in cands[:3]:
            weight_lines.append(
                t(
                    lang,
                    "sens_crit",
                    name=b.crit(sw.parameter),
                    current=f.pct(sw.current, 1),
                    change=t(lang, word, w=f.pct(th.weight, 1)),
                    new=b.opt(th.new_top),
                )
            )
    else:
        weight_lines.append(t(lang, "sens_crit_none"))
    score_lines = []
    for c in sens.scores.critical(3):
        data["critical_scores"].append(plain(c))
        up = c["direction"] == "increase"
        new = b.opt(c["option"]) if c["option"] != top else t(lang, "sens_score_new_other")
        scale = b.a.scale_of(c["criterion"])
        if scale.kind == "plus_minus":  # DFØ's scale: whole steps, never "økt med 0,64"
            score_lines.append(_steps_line(b, c, scale, new))
            continue
        score_lines.append(
            t(
                lang,
                "sens_score",
                option=b.opt(c["option"]),
                name=b.crit(c["criterion"]),
                score=f.num(c["score"], 0 if float(c["score"]).is_integer() else 2),
                direction=t(lang, "sens_score_up" if up else "sens_score_down"),
                change=f.num(c["change"], 2),
                new=new,
            )
        )
    if not score_lines:
        score_lines.append(t(lang, "sens_score_none"))
    blocks: list[Block | Section] = [
        Paragraph(t(lang, "sens_text")),
        Paragraph(f"**{t(lang, 'sens_weights_h')}**"),
        BulletList(tuple(weight_lines)),
    ]
    rows_shown = tornado_rows(sens)
    if rows_shown > 0:
        total = len(sens.set_sweeps) + len(sens.criterion_sweeps)
        which = (
            t(lang, "sens_fig_all")
            if rows_shown == total
            else t(lang, "sens_fig_some", rows=rows_shown, total=total)
        )
        fig = b.figure(
            f"{sid}_thresholds",
            t(lang, "sens_fig", which=which),
            t(lang, "sens_fig_alt") + ": " + b.svc(sid),
        )
        if fig is not None:
            blocks.append(fig)
    blocks += [Paragraph(f"**{t(lang, 'sens_scores_h')}**"), BulletList(tuple(score_lines))]
    return Section(f"{sid}-sens", t(lang, "sens"), tuple(blocks)), data


def _steps_line(b: Context, c: dict[str, Any], scale: Any, new: str) -> str:
    """A critical score on a pluss-minus scale in whole scale steps: the smallest number of
    steps whose change exceeds the threshold (``fra +++ til ++``)."""
    lang = b.lang
    old = float(c["score"])
    sign = 1 if c["direction"] == "increase" else -1
    k = math.floor(float(c["change"]) + 1e-12) + 1  # strictly past the threshold
    target = old + sign * k
    lo, hi = -4.0, 4.0
    if not lo <= target <= hi:
        return t(
            lang,
            "sens_score_steps_outside",
            option=b.opt(c["option"]),
            name=b.crit(c["criterion"]),
            score=literal(scale.label(old)),
            edge=literal(scale.label(hi if sign > 0 else lo)),
        )
    return t(
        lang,
        "sens_score_steps",
        option=b.opt(c["option"]),
        name=b.crit(c["criterion"]),
        score=literal(scale.label(old)),
        steps=t(lang, "step_one") if k == 1 else t(lang, "step_many", k=k),
        old=literal(scale.label(old)),
        new_label=literal(scale.label(target)),
        new=new,
    )


def threshold_dict(sw: WeightSweep) -> dict[str, Any]:
    """A weight sweep's thresholds for ``data.json``."""
    return {
        "parameter": sw.parameter,
        "kind": sw.kind,
        "current": sw.current,
        "increase": None if sw.increase is None else sw.increase.to_dict(),
        "decrease": None if sw.decrease is None else sw.decrease.to_dict(),
    }
