"""Draw the briefing's figures with :mod:`samvalg.plot` and keep their SVG and PNG bytes.

Each figure is rendered in memory, in the house style of :func:`samvalg.plot.save_figure` (SVG
with text as paths, so no fonts are needed; PNG; cropped to the drawn content), and the
matplotlib figure closed. The layout (constrained layout and the tight bounding box) is worked
out once and used for both formats: :func:`samvalg.plot.save_figure` works it out per format,
which costs one extra draw of every figure, about a fifth of the briefing's drawing time.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from samvalg.report._model import Figure

__all__ = ["FigureMaker", "available", "prepare", "svg_and_png"]

#: Resolution of the PNG copies in ``figures/`` (the HTML and Markdown show the SVG).
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
    """Import matplotlib (Agg), :mod:`samvalg.plot` and load the house font, once.

    Called before the briefing forks its worker processes: they inherit all of it instead of
    each paying for it (about a second of CPU time per process).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot
    from matplotlib.figure import Figure as MplFigure

    from samvalg.plot._style import style

    with style():
        fig = MplFigure(figsize=(1, 1))
        fig.text(0.5, 0.5, "æøå 0,5 %")
        fig.canvas.draw()


def svg_and_png(fig: Any, dpi: float = PNG_DPI) -> tuple[str, bytes]:
    """The SVG text and PNG bytes of a matplotlib figure, laid out once for both.

    Does what ``save_figure(fig, stem, ("svg", "png"), dpi=dpi)`` does (house style, text as
    paths, fixed SVG ids, no dates, cropped to the content plus :data:`PAD_INCHES`) with one
    layout pass instead of one per format: the figure's layout engine runs once without
    rendering, the tight box is measured on that renderer, and both formats are then drawn
    with the layout frozen. The figure is left with no layout engine.
    """
    from samvalg.plot._style import style

    with style():
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
        box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(PAD_INCHES)
        fig.set_layout_engine(None)  # frozen: no engine, so savefig does not lay out again
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", dpi=dpi, metadata={"Date": None}, bbox_inches=box)
        png = io.BytesIO()
        fig.savefig(
            png,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            bbox_inches=box,
            pil_kwargs={"compress_level": PNG_COMPRESSION},
        )
    return svg.getvalue().decode("utf-8"), png.getvalue()


class FigureMaker:
    """Renders figures in memory; use as a context manager."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled

    def __enter__(self) -> FigureMaker:
        if self.enabled:
            import matplotlib

            matplotlib.use("Agg", force=False)
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def render(self, fig_id: str, draw: Callable[[], Any]) -> tuple[str, bytes] | None:
        """Draw with ``draw()`` (returns a Figure or Axes); the SVG text and PNG bytes.

        Returns None when figures are disabled.
        """
        if not self.enabled:
            return None
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes

        obj = draw()
        fig: Any = obj.figure if isinstance(obj, Axes) else obj
        try:
            return svg_and_png(fig, PNG_DPI)
        finally:
            plt.close(fig)

    def make(
        self,
        fig_id: str,
        draw: Callable[[], Any],
        caption: str,
        alt: str,
        rendered: tuple[str, bytes] | None = None,
    ) -> Figure | None:
        """A :class:`Figure` drawn now, or from ``rendered`` (SVG, PNG) drawn elsewhere."""
        out = rendered if rendered is not None else self.render(fig_id, draw)
        if out is None:
            return None
        return Figure(id=fig_id, caption=caption, alt=alt, svg=out[0], png=out[1])
