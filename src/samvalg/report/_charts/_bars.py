"""Bar charts laid out in points: horizontal bars in one or more panels, and grouped columns.

The briefing's figures are bar charts in the house style of :mod:`samvalg.plot` (grid behind
the bars, left and bottom spines, the title bold and left-aligned, the legend right of the
plot or below it). :class:`HBarChart` describes one in data terms; :func:`draw_hbars` lays it
out in a figure of the given size the way matplotlib's constrained layout would (the
decorations measured, the rest shared by the panels in proportion to their rows) and draws it
on a :class:`~samvalg.report._charts._svg.Canvas`. :func:`draw_columns` does the same for
grouped vertical bars. Axis ticks are chosen as matplotlib's default locator chooses them
(:func:`nice_ticks`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from samvalg.report._charts._svg import Canvas, line_height, text_size

__all__ = [
    "Bar",
    "ColumnChart",
    "HBarChart",
    "Key",
    "Legend",
    "Note",
    "Panel",
    "draw_columns",
    "draw_hbars",
    "draw_legend",
    "nice_ticks",
]

PT = 72.0  # points per inch
#: Padding around the figure and half the gap between panels (constrained layout's 3/72 in).
PAD = 3.0
TICK = 3.5  # tick length, points
TICK_PAD = 3.5  # tick to its label
TITLE_PAD = 6.0  # title to the plot
LABEL_PAD = 4.0  # tick labels to the axis label
TICK_SIZE = 8.0
LABEL_SIZE = 9.0
TITLE_SIZE = 10.0
GRID = "#BFBFBF"
#: The least height of a row of bars, points (when the decorations leave the plot no room).
MIN_ROW = 0.09 * PT
INK = "#000000"


@dataclass(frozen=True)
class Bar:
    """One bar segment: in row ``row`` (0 at the top), from ``start`` over ``length`` (data
    units; negative runs left). ``thickness``: share of the row's height."""

    row: int
    start: float
    length: float
    fill: str
    hatch: str = ""
    edge: str | None = "white"
    lw: float = 0.6
    opacity: float = 1.0
    thickness: float = 0.7
    label: str = ""


@dataclass(frozen=True)
class Note:
    """A text at data ``x`` in row ``row``, moved ``offset`` points right (negative: left)."""

    x: float
    row: int
    text: str
    size: float = 7.0
    colour: str = INK
    ha: str = "left"
    offset: float = 0.0
    background: str | None = None
    pad: float = 0.0
    #: Keep within the plot: a text that would run past its edge (over the row labels or the
    #: legend) is drawn inside the bar it labels instead, on a white box.
    within: bool = False


@dataclass(frozen=True)
class Key:
    """A legend entry: a swatch (or a marker) and its label."""

    label: str
    fill: str
    hatch: str = ""
    edge: str | None = None
    lw: float = 0.5
    marker: str = ""


@dataclass(frozen=True)
class Legend:
    """A legend: its entries, filled row by row in ``columns``; the swatch's length and
    height in font sizes; ``below`` the plot (else right of it, top-aligned)."""

    keys: Sequence[Key]
    size: float = 7.0
    columns: int = 1
    key_length: float = 2.0
    key_height: float = 0.7
    below: bool = False


@dataclass
class Panel:
    """One plot of horizontal bars, its rows top to bottom."""

    rows: Sequence[str]
    bars: Sequence[Bar]
    xlim: tuple[float, float]
    tick_text: Callable[[float, float], str]
    notes: Sequence[Note] = ()
    title: str = ""
    xlabel: str = ""
    row_colours: Sequence[str] | None = None
    row_italic: Sequence[bool] | None = None
    row_size: float = TICK_SIZE
    ticks: Sequence[float] | None = None
    zero_line: bool = False


@dataclass
class HBarChart:
    """A figure of ``width`` x ``height`` inches with stacked panels and a legend."""

    width: float
    height: float
    panels: Sequence[Panel]
    legend: Legend | None = None


def nice_ticks(lo: float, hi: float, length: float, size: float = TICK_SIZE) -> list[float]:
    """Tick values in [lo, hi] for an axis ``length`` points long, as matplotlib's default
    ``AutoLocator`` picks them: at most ``min(9, length / (3 size))`` intervals of a step
    1, 2, 2.5, 5 or 10 times a power of ten, the smallest such step that covers the range,
    or a smaller one when that leaves fewer than two ticks inside it."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    nbins = max(1, min(9, int(length // (size * 3))))
    raw = (hi - lo) / nbins
    scale = 10.0 ** math.floor(math.log10(raw))
    # matplotlib's extended steps: a tenth of each below, and 20 above
    steps = [s * scale for s in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0)]
    first = next(i for i, s in enumerate(steps) if s >= raw * (1 - 1e-10))
    ticks: list[float] = []
    for step in reversed(steps[: first + 1]):
        k0 = math.ceil(lo / step - 1e-9)
        k1 = math.floor(hi / step + 1e-9)
        ticks = [round(k * step, 12) + 0.0 for k in range(k0, k1 + 1)]
        if len(ticks) >= 2:
            break
    return ticks


def _step(ticks: Sequence[float]) -> float:
    return min((b - a for a, b in itertools.pairwise(ticks)), default=1.0)


def _legend_columns(lg: Legend) -> tuple[list[float], float]:
    """The legend's column widths (filled row by row) and its row height, points."""
    s = lg.size
    widths = [0.0] * lg.columns
    for k, key in enumerate(lg.keys):
        w = lg.key_length * s + 0.8 * s + text_size(key.label, s)[0]
        widths[k % lg.columns] = max(widths[k % lg.columns], w)
    return widths, max(line_height(s) * 1.3, lg.key_height * s + 0.5 * s)


def legend_size(lg: Legend | None) -> tuple[float, float]:
    """Width and height of the legend block, points (zero without one)."""
    if lg is None or not lg.keys:
        return 0.0, 0.0
    widths, step = _legend_columns(lg)
    rows = math.ceil(len(lg.keys) / lg.columns)
    return sum(widths) + 2.0 * lg.size * (lg.columns - 1), rows * step


def draw_legend(canvas: Canvas, lg: Legend, x: float, y: float) -> None:
    """The legend with its top-left corner at (x, y), filled row by row."""
    s = lg.size
    col_w, step = _legend_columns(lg)
    for k, key in enumerate(lg.keys):
        col, row = k % lg.columns, k // lg.columns
        kx = x + sum(col_w[:col]) + 2.0 * s * col
        ky = y + row * step + step / 2
        if key.marker:
            canvas.marker(
                key.marker,
                kx + lg.key_length * s / 2,
                ky,
                s,
                key.fill,
                edge=key.edge or "#333333",
                lw=key.lw,
                label=key.label,
            )
        else:
            h = lg.key_height * s
            canvas.rect(
                kx,
                ky - h / 2,
                lg.key_length * s,
                h,
                key.fill,
                edge=key.edge,
                lw=key.lw if key.edge else 0.0,
                hatch=key.hatch,
                label=key.label,
            )
        canvas.text(kx + lg.key_length * s + 0.8 * s, ky, key.label, s, va="center")


def _tick_labels(panel: Panel, ticks: Sequence[float]) -> list[str]:
    step = _step(ticks)
    return [panel.tick_text(t, step) for t in ticks]


def draw_hbars(chart: HBarChart) -> Canvas:
    """Lay out and draw ``chart``; the canvas (crop it with :meth:`Canvas.svg`)."""
    canvas = Canvas()
    width, height = chart.width * PT, chart.height * PT
    # left margin: the widest row label with its tick
    left = (
        max((text_size(r, p.row_size)[0] for p in chart.panels for r in p.rows), default=0.0)
        + TICK
        + TICK_PAD
    )
    lg = chart.legend if chart.legend is not None and chart.legend.keys else None
    legend_w, legend_h = legend_size(lg)
    right = legend_w + 0.5 * lg.size + PAD if lg is not None and not lg.below else 0.0
    x0 = PAD + left
    x1 = width - PAD - right
    if x1 - x0 < 0.25 * width:  # long labels: keep a quarter of the width for the bars
        x1 = x0 + 0.25 * width
    tick_h = TICK + TICK_PAD + line_height(TICK_SIZE)
    label_h = LABEL_PAD + line_height(LABEL_SIZE)
    decorations = []
    for p in chart.panels:
        top = text_size(p.title, TITLE_SIZE, "bold")[1] + TITLE_PAD if p.title else 0.0
        bottom = tick_h + (label_h if p.xlabel else 0.0)
        decorations.append((top, bottom))
    below = legend_h + 2 * lg.size if lg is not None and lg.below else 0.0
    room = (
        height
        - 2 * PAD
        - sum(t + b for t, b in decorations)
        - 2 * PAD * (len(chart.panels) - 1)
        - below
    )
    weights = [max(len(p.rows), 1) for p in chart.panels]
    room = max(room, MIN_ROW * sum(weights))  # a figure too small: rows of a minimum height
    y = PAD
    first_top = None
    last_bottom = y
    for p, (top, bottom), wgt in zip(chart.panels, decorations, weights, strict=True):
        if p.title:
            canvas.text(x0, y, p.title, TITLE_SIZE, weight="bold", va="top")
        y += top
        h = room * wgt / sum(weights)
        if first_top is None:
            first_top = y
        _draw_panel(canvas, p, x0, x1, y, h)
        y += h
        if p.xlabel:
            canvas.text(
                (x0 + x1) / 2, y + tick_h + LABEL_PAD, p.xlabel, LABEL_SIZE, ha="center", va="top"
            )
        y += bottom
        last_bottom = y
        y += 2 * PAD
    if lg is not None:
        if lg.below:
            lx = x0 + 0.45 * (x1 - x0) - legend_w / 2
            draw_legend(canvas, lg, lx, last_bottom + lg.size)
        else:
            draw_legend(canvas, lg, x1 + 0.5 * lg.size, first_top or PAD)
    return canvas


def _draw_panel(canvas: Canvas, p: Panel, x0: float, x1: float, top: float, h: float) -> None:
    lo, hi = p.xlim
    m = max(len(p.rows), 1)

    def X(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    def Y(row: float) -> float:
        return top + (row + 0.5) * h / m

    ticks = list(p.ticks) if p.ticks is not None else nice_ticks(lo, hi, x1 - x0)
    ticks = [t for t in ticks if lo - 1e-12 <= t <= hi + 1e-12]
    for t in ticks:  # grid behind the bars
        canvas.line(X(t), top, X(t), top + h, GRID, 0.6)
    for b in p.bars:
        a, z = X(b.start), X(b.start + b.length)
        bh = b.thickness * h / m
        canvas.rect(
            min(a, z),
            Y(b.row) - bh / 2,
            abs(z - a),
            bh,
            b.fill,
            edge=b.edge,
            lw=b.lw if b.edge else 0.0,
            hatch=b.hatch,
            opacity=b.opacity,
            label=b.label,
        )
    if p.zero_line and lo < 0 < hi:
        canvas.line(X(0.0), top, X(0.0), top + h, INK, 0.9)
    for n in p.notes:
        x, ha, background, pad = X(n.x) + n.offset, n.ha, n.background, n.pad
        if n.within:
            w = text_size(n.text, n.size)[0]
            if (ha == "right" and x - w < x0) or (ha == "left" and x + w > x1):
                x, ha = X(n.x) - n.offset, "left" if ha == "right" else "right"
                background, pad = "#ffffff", max(pad, 0.5)
        canvas.text(
            x,
            Y(n.row),
            n.text,
            n.size,
            colour=n.colour,
            ha=ha,
            va="center",
            background=background,
            pad=pad,
        )
    # spines, ticks and their labels
    canvas.line(x0, top, x0, top + h, INK, 0.8)
    canvas.line(x0, top + h, x1, top + h, INK, 0.8)
    for t, label in zip(ticks, _tick_labels(p, ticks), strict=True):
        canvas.line(X(t), top + h, X(t), top + h + TICK, INK, 0.8)
        canvas.text(X(t), top + h + TICK + TICK_PAD, label, TICK_SIZE, ha="center", va="top")
    for r, label in enumerate(p.rows):
        canvas.line(x0 - TICK, Y(r), x0, Y(r), INK, 0.8)
        italic = p.row_italic is not None and p.row_italic[r]
        canvas.text(
            x0 - TICK - TICK_PAD,
            Y(r),
            label,
            p.row_size,
            weight="italic" if italic else "regular",
            colour=p.row_colours[r] if p.row_colours is not None else INK,
            ha="right",
            va="center",
        )


@dataclass
class ColumnChart:
    """Grouped vertical bars: one group per category, one bar per series."""

    width: float
    height: float
    categories: Sequence[str]
    series: Sequence[Key]
    values: Sequence[Sequence[float]]  # [series][category]
    value_text: Callable[[float], str] | None
    tick_text: Callable[[float, float], str]
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""

    @property
    def legend(self) -> Legend:
        """One legend entry per series, right of the plot."""
        return Legend(self.series, size=8.0)


def draw_columns(chart: ColumnChart) -> Canvas:
    """Lay out and draw a :class:`ColumnChart` (the y range has 12 % margins, as
    ``ax.margins(y=0.12)``, from 0 when every value is positive)."""
    canvas = Canvas()
    width, height = chart.width * PT, chart.height * PT
    values = [v for s in chart.values for v in s]
    vmin, vmax = min(min(values, default=0.0), 0.0), max(max(values, default=1.0), 0.0)
    span = (vmax - vmin) or 1.0
    lo = vmin - 0.12 * span if vmin < 0 else 0.0
    hi = vmax + 0.12 * span
    lg = chart.legend
    legend_w, _ = legend_size(lg)
    right = legend_w + 0.5 * lg.size + PAD if chart.series else 0.0
    title_h = text_size(chart.title, TITLE_SIZE, "bold")[1] + TITLE_PAD if chart.title else 0.0
    cat_h = max((text_size(c, TICK_SIZE)[1] for c in chart.categories), default=0.0)
    bottom = TICK + TICK_PAD + cat_h + (LABEL_PAD + line_height(LABEL_SIZE) if chart.xlabel else 0)
    top = PAD + title_h
    y1 = height - PAD - bottom
    ylabel_w = line_height(LABEL_SIZE) + LABEL_PAD if chart.ylabel else 0.0
    # the y tick labels' width depends on the ticks, which depend on the height only
    ticks = nice_ticks(lo, hi, y1 - top)
    step = _step(ticks)
    labels = [chart.tick_text(t, step) for t in ticks]
    tick_w = max((text_size(t, TICK_SIZE)[0] for t in labels), default=0.0)
    x0 = PAD + ylabel_w + tick_w + TICK + TICK_PAD
    x1 = width - PAD - right

    def Y(v: float) -> float:
        return y1 - (v - lo) / (hi - lo) * (y1 - top)

    nk, ns = len(chart.categories), len(chart.series)

    def X(k: float) -> float:  # category k's centre at k, data range -0.5 .. nk - 0.5 + margins
        pad = 0.05 * nk  # matplotlib's default 5 % x margin of the bars' extent
        return x0 + (k + 0.5 + pad) / (nk + 2 * pad) * (x1 - x0)

    if chart.title:
        canvas.text(x0, PAD, chart.title, TITLE_SIZE, weight="bold", va="top")
    for t in ticks:
        canvas.line(x0, Y(t), x1, Y(t), GRID, 0.6)
    unit = (X(1.0) - X(0.0)) if nk > 1 else (x1 - x0) / 1.1
    width_bar = 0.8 / max(ns, 1)
    for j, (key, vals) in enumerate(zip(chart.series, chart.values, strict=True)):
        for k, v in enumerate(vals):
            centre = X(k - 0.4 + width_bar * (j + 0.5))
            w = width_bar * 0.92 * unit
            canvas.rect(
                centre - w / 2,
                Y(max(v, 0.0)),
                w,
                abs(Y(v) - Y(0.0)),
                key.fill,
                edge=key.edge,
                lw=key.lw if key.edge else 0.0,
                hatch=key.hatch,
                label=key.label,
            )
            if chart.value_text is not None:
                canvas.text(
                    centre,
                    Y(v) - 2.0 if v >= 0 else Y(v) + 2.0,
                    chart.value_text(v),
                    7.0,
                    ha="center",
                    va="bottom" if v >= 0 else "top",
                )
    canvas.line(x0, top, x0, y1, INK, 0.8)
    canvas.line(x0, Y(lo) if lo < 0 else y1, x1, Y(lo) if lo < 0 else y1, INK, 0.8)
    for t, label in zip(ticks, labels, strict=True):
        canvas.line(x0 - TICK, Y(t), x0, Y(t), INK, 0.8)
        canvas.text(x0 - TICK - TICK_PAD, Y(t), label, TICK_SIZE, ha="right", va="center")
    for k, cat in enumerate(chart.categories):
        canvas.line(X(k), y1, X(k), y1 + TICK, INK, 0.8)
        canvas.text(X(k), y1 + TICK + TICK_PAD, cat, TICK_SIZE, ha="center", va="top")
    if chart.xlabel:
        canvas.text(
            (x0 + x1) / 2,
            y1 + TICK + TICK_PAD + cat_h + LABEL_PAD,
            chart.xlabel,
            LABEL_SIZE,
            ha="center",
            va="top",
        )
    if chart.ylabel:
        canvas.text(
            x0 - tick_w - TICK - TICK_PAD - LABEL_PAD,
            (top + y1) / 2,
            chart.ylabel,
            LABEL_SIZE,
            ha="center",
            va="bottom",
            rotate=True,
        )
    if chart.series:
        draw_legend(canvas, lg, x1 + 0.5 * lg.size, top)
    return canvas
