"""The briefing's figures as SVG, drawn from the same parts as :mod:`samvalg.plot`'s.

Each function takes what the matching plot function takes and returns a
:class:`~samvalg.report._charts._svg.Canvas`. The words, the order of rows, the colours and
hatches come from the plot module's own helpers (``contribution_parts``, ``threshold_rows``,
...), so a figure in the briefing and the one a notebook draws with :mod:`samvalg.plot` show
the same thing; only the drawing differs (a few milliseconds here, against about a tenth of a
second a figure through matplotlib).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.plot import _style as st
from samvalg.report._charts._bars import (
    PAD,
    TICK_PAD,
    TITLE_PAD,
    TITLE_SIZE,
    Bar,
    ColumnChart,
    HBarChart,
    Key,
    Legend,
    Note,
    Panel,
    draw_columns,
    draw_hbars,
    draw_legend,
)
from samvalg.report._charts._svg import Canvas, text_size

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = [
    "contributions",
    "cost_shares",
    "host_allocation",
    "rank_acceptability",
    "thresholds",
    "weights",
]


def _number(lang: str, scale: float = 1.0) -> Any:
    """Tick text: a number in the reader's way, with the decimals its spacing needs."""

    def text(value: float, step: float) -> str:
        return st.fmt_num(value / scale, lang, st._decimals(step / scale))

    return text


def _percent(lang: str) -> Any:
    def text(value: float, step: float) -> str:
        return st.fmt_pct(value, lang, 0)

    return text


@functools.cache
def _cividis() -> tuple[str, ...]:
    """matplotlib's 256 cividis colours (``report/assets/cividis.json``)."""
    src = resources.files("samvalg.report").joinpath("assets", "cividis.json")
    return tuple(json.loads(src.read_text(encoding="utf-8"))["colours"])


def cividis(x: float) -> str:
    """The colour at ``x`` in [0, 1] of cividis, as matplotlib's colour map picks it."""
    lut = _cividis()
    return lut[min(max(int(x * len(lut)), 0), len(lut) - 1)]


def contributions(view: Any, lang: str, cat: Catalogue | None) -> Canvas:
    """Value contributions by criteria set (:func:`samvalg.plot.plot_contributions`,
    ``by="set"``)."""
    from samvalg.plot._scores import contribution_parts

    parts = contribution_parts(view, lang, "set", cat)
    m, k = parts.contrib.shape
    bars = []
    for i in range(m):
        left = 0.0
        for j in range(k):
            value = float(parts.contrib[i, j])
            bars.append(
                Bar(
                    i,
                    left,
                    value,
                    parts.colours[j],
                    parts.hatches[j],
                    opacity=1.0 if parts.feasible[i] else 0.35,
                    label=parts.names[j],
                )
            )
            left += value
    notes = [
        Note(float(t), i, st.fmt_num(float(t), lang, 2), offset=3.0)
        for i, t in enumerate(parts.totals)
    ]
    panel = Panel(
        rows=parts.ticks,
        bars=bars,
        xlim=(0.0, max(float(parts.totals.max()) * 1.12, 1e-9)),
        tick_text=_number(lang),
        notes=notes,
        title=parts.title,
        xlabel=parts.xlabel,
        row_colours=[st.GREY if not ok else "#000000" for ok in parts.feasible],
        row_italic=[not ok for ok in parts.feasible],
    )
    legend = [
        Key(name, colour, hatch, edge="white", lw=0.6)
        for name, colour, hatch in zip(parts.names, parts.colours, parts.hatches, strict=True)
    ]
    chart = HBarChart(
        7.5,
        max(1.4 + 0.5 * m, 0.8 + 0.3 * k),
        [panel],
        Legend(legend, key_length=2.2, key_height=1.2),
    )
    return draw_hbars(chart)


def rank_acceptability(result: Any, lang: str, cat: Catalogue | None) -> Canvas:
    """SMAA-2 rank acceptability (:func:`samvalg.plot.plot_rank_acceptability`)."""
    from samvalg.plot._robustness import _smaa_parts, rank_order, rank_shade, rank_title

    res, options, _ = _smaa_parts(result)
    ra = np.asarray(res.rank_acceptability, dtype=float)
    m = ra.shape[0]
    order = rank_order(ra)
    shades = [cividis(rank_shade(r, m)) for r in range(m)]
    word = st.text("rank", lang)
    confidence = np.asarray(res.confidence, dtype=float)
    bars, notes = [], []
    for y, i in enumerate(order):
        left = 0.0
        for r in range(m):
            share = float(ra[i, r])
            bars.append(Bar(y, left, share, shades[r], st.hatch(r), label=f"{word} {r + 1}"))
            if share >= 0.08:
                ink = "#000000" if rank_shade(r, m) > 0.55 else "#ffffff"
                notes.append(
                    Note(
                        left + share / 2,
                        y,
                        st.fmt_pct(share, lang, 0),
                        6.5,
                        ink,
                        "center",
                        background=shades[r],
                        pad=0.6,
                    )
                )
            left += share
        c = float(confidence[i])
        txt = "–" if np.isnan(c) else st.fmt_pct(c, lang, 0)
        notes.append(Note(1.02, y, f"pᶜ {txt}"))
    panel = Panel(
        rows=[st.option_tick(options[i], lang, 30, catalogue=cat) for i in order],
        bars=bars,
        xlim=(0.0, 1.22),
        tick_text=_percent(lang),
        notes=notes,
        title=rank_title(res, lang),
        xlabel=st.text("share", lang),
        row_size=7.0,
        ticks=[float(t) for t in np.linspace(0, 1, 6)],
    )
    legend = [Key(f"{word} {r + 1}", shades[r], st.hatch(r)) for r in range(m)]
    chart = HBarChart(
        7.5,
        1.3 + 0.45 * m,
        [panel],
        Legend(legend, columns=min(m, 6), key_height=1.2, below=True),
    )
    return draw_hbars(chart)


def thresholds(sensitivity: Any, max_rows: int, lang: str, cat: Catalogue | None) -> Canvas:
    """The tornado of rank-reversal thresholds (:func:`samvalg.plot.plot_thresholds`)."""
    from samvalg.plot._sensitivity import (
        THRESHOLD_DOWN,
        THRESHOLD_UP,
        THRESHOLD_WORDS,
        threshold_row_label,
        threshold_rows,
        threshold_title,
        threshold_xlabel,
    )

    sweeps, lim = threshold_rows(sensitivity, "all", max_rows)
    no_change = st.text("no_reversal", lang)
    bars, notes = [], []
    for y, sw in enumerate(sweeps):
        for th, end, sign in (
            (sw.decrease, -sw.current, -1.0),
            (sw.increase, 1.0 - sw.current, 1.0),
        ):
            width = end if th is None else th.absolute
            if th is None:
                bars.append(
                    Bar(
                        y,
                        0.0,
                        width,
                        st.LIGHT_GREY,
                        "///",
                        "#8C8C8C",
                        0.4,
                        thickness=0.62,
                        label=no_change,
                    )
                )
            else:
                down = sign < 0
                bars.append(
                    Bar(
                        y,
                        0.0,
                        width,
                        THRESHOLD_DOWN if down else THRESHOLD_UP,
                        "" if down else "...",
                        "#333333",
                        0.4,
                        thickness=0.62,
                        label=THRESHOLD_WORDS["down" if down else "up"][lang == "en"],
                    )
                )
            if th is None and abs(width) > lim * 0.7:  # runs past the axis: say so at the edge
                notes.append(
                    Note(
                        sign * lim,
                        y,
                        no_change + (" ›" if sign > 0 else ""),
                        6.0,
                        "#333333",
                        "right" if sign > 0 else "left",
                        -3.0 * sign,
                        background="#ffffff",
                        pad=0.5,
                    )
                )
                continue
            label = (
                no_change if th is None else st.wrap(st.option_name(th.new_top, lang, cat), 30, 1)
            )
            notes.append(
                Note(
                    width,
                    y,
                    label,
                    6.0,
                    "#333333" if th is not None else st.GREY,
                    "right" if sign < 0 else "left",
                    3.0 * sign,
                    within=True,
                )
            )
    panel = Panel(
        rows=[threshold_row_label(sw, lang, cat) for sw in sweeps],
        bars=bars,
        xlim=(-lim, lim),
        tick_text=_number(lang, scale=0.01),
        notes=notes,
        title=threshold_title(sensitivity, lang, cat),
        xlabel=threshold_xlabel(lang),
        row_size=7.0,
        zero_line=True,
    )
    legend = [
        Key(THRESHOLD_WORDS["down"][lang == "en"], THRESHOLD_DOWN, edge="#333333"),
        Key(THRESHOLD_WORDS["up"][lang == "en"], THRESHOLD_UP, "...", edge="#333333"),
        Key(no_change, st.LIGHT_GREY, "///", edge="#8C8C8C"),
    ]
    return draw_hbars(HBarChart(8.0, 1.2 + 0.34 * len(sweeps), [panel], Legend(legend)))


def weights(assessment: Any, lang: str, cat: Catalogue | None) -> Canvas:
    """The weights within each criteria set, a panel per set (:func:`samvalg.plot.plot_weights`)."""
    from samvalg.plot._weights import _weight_sets, weights_title

    parts = _weight_sets(assessment, None, cat)
    panels = []
    for k, part in enumerate(parts):
        colour = st.SET_COLOURS.get(part.set_id or "", st.colour(k))
        hatch = st.SET_HATCHES.get(part.set_id or "", st.hatch(k))
        local = [float(v) for v in part.local]
        panels.append(
            Panel(
                rows=[st.wrap(st.criterion_text(c, lang, cat), 40) for c in part.criteria],
                bars=[
                    Bar(i, 0.0, v, colour, hatch, "#333333", 0.5, label=c)
                    for i, (v, c) in enumerate(zip(local, part.criteria, strict=True))
                ],
                xlim=(0.0, max(max(local) * 1.2, 0.05)),
                tick_text=_percent(lang),
                notes=[Note(v, i, st.fmt_pct(v, lang, 1), offset=3.0) for i, v in enumerate(local)],
                title=weights_title(part, lang, cat),
                xlabel=st.text("local_weight", lang) if k == len(parts) - 1 else "",
            )
        )
    rows = sum(len(p.criteria) for p in parts)
    return draw_hbars(HBarChart(7.0, 0.9 + 0.32 * rows + 0.5 * len(parts), panels))


def cost_shares(comparisons: Any, lang: str, cat: Catalogue | None) -> Canvas:
    """What each municipality pays under each sharing key
    (:func:`samvalg.plot.plot_cost_shares`)."""
    from samvalg.plot._cooperation import _key_name, _municipality_name, cost_parts

    unit = 1e6
    table, munis, unit_word = cost_parts(comparisons, unit, lang)
    series = [
        Key(_municipality_name(m, cat), st.colour(j), st.hatch(j), edge="#333333")
        for j, m in enumerate(munis)
    ]
    values = [[r.get(m, 0.0) / unit for _, r in table] for m in munis]
    chart = ColumnChart(
        max(5.5, 1.6 + 1.4 * len(table)),
        4.0,
        categories=[st.wrap(_key_name(k, lang), 22, 3) for k, _ in table],
        series=series,
        values=values,
        value_text=lambda v: st.fmt_num(v, lang, 1),
        tick_text=_number(lang),
        title=st.text("cost_shares", lang),
        xlabel=st.text("key", lang),
        ylabel=unit_word,
    )
    return draw_columns(chart)


def host_allocation(allocation: Any, lang: str, cat: Catalogue | None) -> Canvas:
    """Which municipality hosts which service area (:func:`samvalg.plot.plot_host_allocation`):
    a row per service area, a column per municipality, the host's marker where it hosts, the
    form at the right; rings where the plan without the balance bound differs."""
    from samvalg.catalogue._labels import service_label
    from samvalg.plot._cooperation import (
        UNBOUNDED_WORD,
        _municipality_name,
        host_heads,
        host_parts,
        host_row_text,
    )

    hp = host_parts(allocation, None, cat)
    canvas = Canvas()
    size = 7.0
    rows = [st.wrap(service_label(s, lang, cat), 32) for s in hp.services]
    heads = host_heads(hp, lang, cat)
    left = max((text_size(r, size)[0] for r in rows), default=0.0) + TICK_PAD + PAD
    col = 1.1 * 72.0
    head_h = max((text_size(h, size)[1] for h in heads), default=0.0)
    title_h = text_size(st.text("host_allocation", lang), TITLE_SIZE, "bold")[1]
    top = PAD + title_h + TITLE_PAD + head_h + TICK_PAD
    pitch = 0.38 * 72.0 * 0.8
    x0 = left
    ncol = len(hp.munis)
    canvas.text(x0, PAD, st.text("host_allocation", lang), TITLE_SIZE, weight="bold", va="top")
    bottom = top + pitch * len(hp.services)
    for j in range(ncol + 1):  # the grid
        canvas.line(x0 + j * col, top, x0 + j * col, bottom, "#E0E0E0", 0.8)
    for i in range(len(hp.services) + 1):
        canvas.line(x0, top + i * pitch, x0 + ncol * col, top + i * pitch, "#E0E0E0", 0.8)
    for j, head in enumerate(heads):
        canvas.text(x0 + (j + 0.5) * col, top - TICK_PAD, head, size, ha="center", va="bottom")
    legend: list[Key] = []
    for j, m in enumerate(hp.munis):
        marker, colour = st.MARKERS[j % 10], st.colour(j)
        name = _municipality_name(m, cat)
        hosted_any = False
        for i, s in enumerate(hp.services):
            if hp.choice[s].partition(":")[2] == m:
                canvas.marker(
                    marker, x0 + (j + 0.5) * col, top + (i + 0.5) * pitch, 11.0, colour, label=name
                )
                hosted_any = True
        if hosted_any:
            legend.append(Key(name, colour, edge="#333333", lw=0.6, marker=marker))
    ringed = False
    for i, s in enumerate(hp.services):
        alt = hp.free.get(s)
        if alt is not None and alt != hp.choice[s] and alt.partition(":")[2] in hp.munis:
            j = hp.munis.index(alt.partition(":")[2])
            canvas.marker(
                "o",
                x0 + (j + 0.5) * col,
                top + (i + 0.5) * pitch,
                14.0,
                "none",
                edge="#000000",
                lw=0.9,
            )
            ringed = True
    if ringed:
        legend.append(Key(UNBOUNDED_WORD[lang == "en"], "none", edge="#000000", lw=0.9, marker="o"))
    for i, (s, label) in enumerate(zip(hp.services, rows, strict=True)):
        y = top + (i + 0.5) * pitch
        canvas.text(x0 - TICK_PAD, y, label, size, ha="right", va="center")
        host = hp.choice[s].partition(":")[2]
        text = host_row_text(hp, s, lang, True, cat)
        canvas.text(
            x0 + ncol * col + 0.2 * col, y, text, size, colour=st.GREY if host else "#333333"
        )
    if legend:
        draw_legend(canvas, Legend(legend, columns=min(4, len(legend))), x0, bottom + 2 * PAD)
    return canvas
