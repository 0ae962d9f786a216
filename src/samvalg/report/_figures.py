"""Draw the briefing's figures with :mod:`samvalg.plot` and keep their SVG (and PNG) text.

Which figures a briefing has (:func:`service_figure_specs`, :func:`global_figure_specs`) and
how each is drawn (:func:`draw`), in a worker process or in the main one.

Each figure is rendered in memory, in the house style of :func:`samvalg.plot.save_figure` (SVG
with text as paths, so no fonts are needed; cropped to the drawn content), and the matplotlib
figure closed. A PNG copy is rendered only when asked for (``samvalg brief --png``): the HTML
inlines the SVG and the Markdown embeds it, and the PNG pass is the dearest part of a figure.
The layout and the tight bounding box are worked out once and used for every format
(:func:`samvalg.plot.save_figure` works them out per format, which costs one extra draw of
every figure); a one-column figure, as every figure of the briefing is, is laid out from one
measurement of its decorations instead of constrained layout's two passes
(:func:`svg_and_png`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from samvalg.errors import SamvalgError
from samvalg.report._model import Figure
from samvalg.report._settings import tornado_rows

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.evaluation import Evaluation

__all__ = [
    "FigureMaker",
    "FigureSpec",
    "available",
    "draw",
    "global_figure_specs",
    "prepare",
    "service_figure_specs",
    "svg_and_png",
]

#: A figure to draw: (figure id, what to draw, its arguments); see :func:`draw`.
FigureSpec = tuple[str, str, tuple[Any, ...]]

#: Resolution of the PNG copies in ``figures/`` (``--png``; the HTML and Markdown show the SVG).
PNG_DPI = 150.0
#: zlib level of the PNGs: 3 is about twice as fast to write as PIL's default 6 and the files
#: are about 1 % larger.
PNG_COMPRESSION = 3
#: Padding around the drawn content, inches (matplotlib's ``savefig.pad_inches`` default).
PAD_INCHES = 0.1


def available(name: str) -> bool:
    """True when :mod:`samvalg.plot` has the plot function ``name``."""
    from samvalg import plot

    return hasattr(plot, name)


def prepare() -> None:
    """Import matplotlib (Agg, or a notebook's own backend), :mod:`samvalg.plot` and load the
    house font, once.

    Called before the briefing forks its worker processes: they inherit all of it instead of
    each paying for it (about a second of CPU time per process).
    """
    from samvalg.plot._style import headless_backend, style

    headless_backend()
    import matplotlib.pyplot  # noqa: F401  (loaded once, before the workers fork)
    from matplotlib.figure import Figure as MplFigure

    with style():
        fig = MplFigure(figsize=(1, 1))
        fig.text(0.5, 0.5, "æøå 0,5 %")
        fig.canvas.draw()


def svg_and_png(fig: Any, dpi: float = PNG_DPI, png: bool = True) -> tuple[str, bytes | None]:
    """The SVG text and (``png``) PNG bytes of a matplotlib figure, laid out once for both.

    Does what ``save_figure(fig, stem, ("svg", "png"), dpi=dpi)`` does (house style, text as
    paths, fixed SVG ids, no dates, cropped to the content plus :data:`PAD_INCHES`) with one
    layout pass instead of one per format, and a cheaper layout for the usual case:

    - A figure whose Axes are the rows of one single-column grid (every figure of the
      briefing) is laid out by :func:`_one_column_layout` from one measurement of its Axes'
      decorations, with an SVG renderer (text measured without hinting, as the SVG draws it),
      instead of constrained layout's two passes with the raster renderer.
    - Any other figure: its layout engine runs once.

    The tight box is then measured on the same renderer and each format is drawn once with the
    layout frozen. The figure is left with no layout engine. ``png`` False: the SVG only (None
    for the PNG).
    """
    from samvalg.plot._style import style

    with style():
        box = _layout_and_box(fig)
        fig.set_layout_engine(None)  # frozen: no engine, so savefig does not lay out again
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", dpi=dpi, metadata={"Date": None}, bbox_inches=box)
        if not png:
            return svg.getvalue().decode("utf-8"), None
        raster = io.BytesIO()
        fig.savefig(
            raster,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            bbox_inches=box,
            pil_kwargs={"compress_level": PNG_COMPRESSION},
        )
    return svg.getvalue().decode("utf-8"), raster.getvalue()


def _layout_and_box(fig: Any) -> Any:
    """Lay ``fig`` out (see :func:`svg_and_png`); its drawn content's box plus the padding,
    inches."""
    axes = _one_column(fig)
    if axes is not None:
        from matplotlib import cbook
        from matplotlib.backends.backend_svg import RendererSVG

        width, height = fig.get_size_inches()
        # A renderer to measure with only (nothing is drawn on it), at the SVG's 72 dpi.
        make_renderer: Any = RendererSVG  # untyped in matplotlib
        renderer = make_renderer(width * 72, height * 72, io.StringIO())
        with cbook._setattr_cm(fig, dpi=72):
            if _one_column_layout(fig, axes, renderer):
                fig.set_layout_engine(None)
                return fig.get_tightbbox(renderer).padded(PAD_INCHES)
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    return fig.get_tightbbox(fig.canvas.get_renderer()).padded(PAD_INCHES)


def _one_column(fig: Any) -> list[Any] | None:
    """The Axes of ``fig`` top to bottom when they are the rows of one single-column grid
    (no colorbars, insets, figure-level artists or fixed aspect), else None."""
    axes = list(fig.axes)
    if not axes or fig.subfigs or fig.legends or fig.texts or fig.images or fig.artists:
        return None
    specs = [ax.get_subplotspec() for ax in axes]
    if any(s is None for s in specs):
        return None
    grid = specs[0].get_gridspec()
    if grid.ncols != 1 or any(s.get_gridspec() is not grid for s in specs):
        return None
    rows = [s.rowspan for s in specs]
    if any(len(r) != 1 for r in rows) or len({r.start for r in rows}) != len(rows):
        return None
    if any(ax.get_aspect() != "auto" or not ax.get_visible() for ax in axes):
        return None
    order = sorted(range(len(axes)), key=lambda i: rows[i].start)
    return [axes[i] for i in order]


#: Constrained layout's default padding, inches: around the figure (``w_pad``, ``h_pad``)
#: and twice between two panels.
LAYOUT_PAD = 3.0 / 72.0


def _one_column_layout(fig: Any, axes: list[Any], renderer: Any) -> bool:
    """Place one-column Axes so that their decorations fit the figure, as constrained layout
    would, from one measurement.

    Each Axes' decorations (tick labels, axis labels, title, legend) are measured once as the
    distance from its tight bounding box to its position on each side; the Axes then share one
    left and one right margin (the widest), every panel gets its own top and bottom margin,
    :data:`LAYOUT_PAD` around the figure and twice that between panels, and the height left
    is shared in the grid's height ratios. Decorations that do not scale with the Axes (a
    left-aligned title wider than the Axes) may still reach past the figure's edge; the
    tight box the figure is cropped to includes them. False (nothing changed) when the
    decorations leave no room for the Axes.
    """
    width, height = fig.get_size_inches()
    scale = fig.dpi  # display units per inch
    left = right = 0.0
    tops, bottoms = [], []
    for ax in axes:
        pos = ax.get_position().transformed(fig.transFigure)
        tight = ax.get_tightbbox(renderer)
        if tight is None:
            return False
        left = max(left, (pos.x0 - tight.x0) / scale)
        right = max(right, (tight.x1 - pos.x1) / scale)
        tops.append(max(0.0, (tight.y1 - pos.y1) / scale))
        bottoms.append(max(0.0, (pos.y0 - tight.y0) / scale))
    ratios = axes[0].get_subplotspec().get_gridspec().get_height_ratios()
    rows = [ax.get_subplotspec().rowspan.start for ax in axes]
    weights = [float(ratios[r]) if ratios is not None else 1.0 for r in rows]
    pad = LAYOUT_PAD
    room = height - 2 * pad - sum(tops) - sum(bottoms) - 2 * pad * (len(axes) - 1)
    inner = width - 2 * pad - left - right
    if room <= 0.05 * height or inner <= 0.05 * width:
        return False
    y = height - pad
    for ax, top, bottom, w in zip(axes, tops, bottoms, weights, strict=True):
        h = room * w / sum(weights)
        y -= top + h
        ax.set_position(((pad + left) / width, y / height, inner / width, h / height))
        y -= bottom + 2 * pad
    return True


class FigureMaker:
    """Renders figures in memory (SVG, and PNG when ``png``); use as a context manager."""

    def __init__(self, enabled: bool = True, png: bool = False) -> None:
        self.enabled = enabled
        self.png = png

    def __enter__(self) -> FigureMaker:
        if self.enabled:
            from samvalg.plot._style import headless_backend

            headless_backend()
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def render(self, fig_id: str, draw: Callable[[], Any]) -> tuple[str, bytes | None] | None:
        """Draw with ``draw()`` (returns a Figure or Axes); the SVG text and PNG bytes (None
        without ``png``).

        Returns None when figures are disabled.
        """
        if not self.enabled:
            return None
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes

        obj = draw()
        fig: Any = obj.figure if isinstance(obj, Axes) else obj
        try:
            return svg_and_png(fig, PNG_DPI, self.png)
        finally:
            plt.close(fig)

    def make(
        self,
        fig_id: str,
        draw: Callable[[], Any],
        caption: str,
        alt: str,
        rendered: tuple[str, bytes | None] | None = None,
    ) -> Figure | None:
        """A :class:`Figure` drawn now, or from ``rendered`` (SVG, PNG) drawn elsewhere."""
        out = rendered if rendered is not None else self.render(fig_id, draw)
        if out is None:
            return None
        return Figure(id=fig_id, caption=caption, alt=alt, svg=out[0], png=out[1])


def service_figure_specs(ev: Evaluation, sid: str, svc: Mapping[str, Any]) -> list[FigureSpec]:
    """A service area's figures, drawn from its analyses (value contributions, SMAA-2 rank
    acceptability, threshold tornado)."""
    key = svc["view"]
    if key is None:
        return []
    specs: list[FigureSpec] = []
    if ev[sid][key].contributions is not None:
        specs.append((f"{sid}_contributions", "contributions", (sid, key)))
    smaa = svc["smaa"].get(key)
    if smaa is not None:
        specs.append((f"{sid}_rank_acceptability", "rank_acceptability", (smaa,)))
    sens = svc["sensitivity"]
    if sens is not None and tornado_rows(sens) > 0:
        specs.append((f"{sid}_thresholds", "thresholds", (sens, tornado_rows(sens))))
    return specs


def global_figure_specs(
    assessment: Assessment, allocation: Any, economics: Mapping[str, Any] | None
) -> list[FigureSpec]:
    """The figures of the summary and the weights section (``economics`` None: the weights
    figure only, before the allocation and the economics are known)."""
    if economics is None:
        if all(assessment.weights[s].vector is not None for s in assessment.set_ids):
            return [("weights", "weights", ())]
        return []
    specs: list[FigureSpec] = []
    # the figure labels FTE and draws host options only: shown when the plan balances FTE
    # and no KO office counts as hosting (else the table says it all)
    if (
        allocation is not None
        and getattr(allocation, "measure", "fte") == "fte"
        and not getattr(allocation, "office", None)
        and available("plot_host_allocation")
    ):
        specs.append(("host_allocation", "host_allocation", (allocation,)))
    if economics["comparisons"] and available("plot_cost_shares"):
        specs.append(("cost_shares", "cost_shares", (economics["comparisons"],)))
    return specs


def draw(
    kind: str, args: tuple[Any, ...], lang: str, ev: Evaluation, assessment: Assessment
) -> Any:
    """Draw one figure of the briefing with :mod:`samvalg.plot` (in a worker or in-process)."""
    from samvalg import plot as sp

    cat = assessment.catalogue  # every name in the figures is the case's own
    if kind == "contributions":
        sid, key = args
        return sp.plot_contributions(ev[sid][key], lang=lang, by="set", catalogue=cat)
    if kind == "rank_acceptability":
        return sp.plot_rank_acceptability(args[0], lang=lang, catalogue=cat)
    if kind == "thresholds":
        return sp.plot_thresholds(args[0], lang=lang, max_rows=args[1], catalogue=cat)
    if kind == "weights":
        return sp.plot_weights(assessment, lang=lang, catalogue=cat)
    if kind == "host_allocation":
        return sp.plot_host_allocation(args[0], lang=lang, catalogue=cat)
    if kind == "cost_shares":
        return sp.plot_cost_shares(args[0], lang=lang, catalogue=cat)
    raise SamvalgError(f"internal: unknown briefing figure {kind!r}")
