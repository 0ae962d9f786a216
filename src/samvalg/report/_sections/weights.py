"""The weights chapter: how each set of criteria was weighted and the overall weights."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samvalg.errors import SamvalgError
from samvalg.report._model import Block, Paragraph, Section, Table
from samvalg.report._sections._context import Context, plain
from samvalg.text.briefing import has, t
from samvalg.weights import AHPResult

if TYPE_CHECKING:
    from samvalg.assessment import WeightRecord

__all__ = ["weights_section"]


def weights_section(b: Context) -> tuple[Section, dict[str, Any]]:
    lang, f = b.lang, b.f
    a = b.a
    set_w = a.set_weights()
    rows = []
    data: dict[str, Any] = {"sets": dict(set_w), "local": {}, "global": {}, "methods": {}}
    notes: list[str] = []
    for s in a.set_ids:
        rec = a.weights[s]
        rows.append((b.setname(s), f.pct(set_w[s]), _wmethod(b, rec), _winput(b, rec)))
        data["methods"][s] = {
            "method": rec.method,
            "input": plain(dict(rec.input)),
            "note": rec.note,
        }
        if rec.vector is not None:
            data["local"][s] = rec.as_mapping()
            for c, w in rec.as_mapping().items():
                data["global"][c] = float(set_w[s]) * w
        if isinstance(rec.result, AHPResult):  # method "ahp"
            cr = float(rec.result.cr)
            data["methods"][s]["cr"] = cr
            notes.append(
                f"{b.setname(s)}: " + t(lang, "cr_ok" if cr <= 0.1 else "cr_bad", cr=f.num(cr, 3))
            )
    srec = a.weights["sets"]
    blocks: list[Block | Section] = [
        Paragraph(t(lang, "weights_intro")),
        Table(
            (
                t(lang, "h_set"),
                t(lang, "h_set_weight"),
                t(lang, "h_method"),
                t(lang, "h_input"),
            ),
            tuple(rows),
            align=("l", "r", "l", "l"),
            note=f"{t(lang, 'h_set_weight')}: {_wmethod(b, srec)}.",
        ),
    ]
    for note in notes:
        blocks.append(Paragraph(note))
    if a.derived:
        blocks.append(Paragraph(_derived_note(b, data)))
    # the criteria with their overall weights, largest first
    crow = sorted(data["global"].items(), key=lambda kv: -kv[1])
    blocks.append(
        Table(
            (t(lang, "h_criterion"), t(lang, "h_set"), t(lang, "h_local"), t(lang, "h_global")),
            tuple(
                (
                    b.crit(c),
                    t(lang, "set_" + b.cat.criterion(c).set_id)
                    if has(lang, "set_" + b.cat.criterion(c).set_id)
                    else b.setname(b.cat.criterion(c).set_id),
                    f.pct(data["local"][b.cat.criterion(c).set_id][c], 1),
                    f.pct(w, 1),
                )
                for c, w in crow
            ),
            align=("l", "l", "r", "r"),
        )
    )
    if all(a.weights[s].vector is not None for s in a.set_ids):
        fig = b.figure(
            "weights",
            t(lang, "weights_fig"),
            t(lang, "weights"),
        )
        if fig is not None:
            blocks.insert(2, fig)
    return Section("weights", t(lang, "weights"), tuple(blocks), page_break=True), data


def _derived_note(b: Context, data: dict[str, Any]) -> str:
    """Which criteria are derived from the economics, how and where (data["derived"])."""
    lang, f, a = b.lang, b.f, b.a
    econ = a.economics
    h = econ.horizon if econ is not None else 10
    rate = econ.discount_rate if econ is not None else 0.04
    items = []
    data["derived"] = {}
    for c, d in a.derived.items():
        where = [s for s in d.services if s in a.services]
        data["derived"][c] = {
            "measure": d.measure,
            "services": where,
            "input": plain(dict(d.input)),
        }
        items.append(
            f"{b.crit(c)} ({t(lang, 'derived_' + d.measure)}: {', '.join(b.svc(s) for s in where)})"
        )
    return t(
        lang,
        "derived_note",
        items="; ".join(items),
        h=h,
        rate=f.pct(rate, 0) if isinstance(rate, float) else str(rate),
    )


def _wmethod(b: Context, rec: WeightRecord) -> str:
    lang = b.lang
    m = rec.method
    if m == "rank":
        return t(lang, "w_rank", formula=str(rec.input.get("formula", "roc")).upper())
    if m == "objective":
        return t(lang, "w_objective", measure=str(rec.input.get("measure", "")))
    return t(lang, f"w_{m}") if has(lang, f"w_{m}") else m


def _winput(b: Context, rec: WeightRecord) -> str:
    f = b.f
    inp = rec.input
    if rec.method == "points":
        pts = inp.get("points", {})
        return ", ".join(f"{_label_any(b, k)} {f.num(v, 0)}" for k, v in pts.items())
    if rec.method == "swing":
        sw = inp.get("swing", {})
        return ", ".join(f"{_label_any(b, k)} {f.num(v, 0)}" for k, v in sw.items())
    if rec.method == "ahp":
        k = len(inp.get("criteria", []))
        return f"{k}×{k} (Saaty 1–9)"
    if rec.method == "rank":
        return " > ".join(
            " = ".join(_label_any(b, x) for x in item)
            if isinstance(item, list)
            else _label_any(b, item)
            for item in inp.get("ranking", [])
        )
    return "–"


def _label_any(b: Context, key: str) -> str:
    if key in b.cat.criteria_sets:
        return b.setname(key)
    try:
        return b.crit(key)
    except (KeyError, SamvalgError):  # an id outside the catalogue is shown as is
        return key
