"""Draw the briefing's figures with :mod:`samvalg.plot` and keep their SVG and PNG bytes.

Each figure is written once by :func:`samvalg.plot.save_figure` (SVG with text as paths, so no
fonts are needed; PNG) into a scratch folder, read back, and the matplotlib figure closed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samvalg.report._model import Figure

__all__ = ["FigureMaker", "available"]

PNG_DPI = 150.0


def available(name: str) -> bool:
    """True when :mod:`samvalg.plot` has the plot function ``name``."""
    import samvalg.plot

    return hasattr(samvalg.plot, name)


class FigureMaker:
    """Renders figures into a scratch folder; use as a context manager."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> FigureMaker:
        if self.enabled:
            import matplotlib

            matplotlib.use("Agg", force=False)
            self._tmp = tempfile.TemporaryDirectory(prefix="samvalg-figures-")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def render(self, fig_id: str, draw: Callable[[], Any]) -> tuple[str, bytes] | None:
        """Draw with ``draw()`` (returns a Figure or Axes); the SVG text and PNG bytes.

        Returns None when figures are disabled.
        """
        if not self.enabled or self._tmp is None:
            return None
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes

        from samvalg.plot import save_figure

        obj = draw()
        fig = obj.figure if isinstance(obj, Axes) else obj
        try:
            stem = Path(self._tmp.name) / fig_id
            svg_path, png_path = save_figure(fig, stem, ("svg", "png"), dpi=PNG_DPI)
            return svg_path.read_text(encoding="utf-8"), png_path.read_bytes()
        finally:
            plt.close(fig)

    def make(self, fig_id: str, draw: Callable[[], Any], caption: str, alt: str,
             rendered: tuple[str, bytes] | None = None) -> Figure | None:
        """A :class:`Figure` drawn now, or from ``rendered`` (SVG, PNG) drawn elsewhere."""
        out = rendered if rendered is not None else self.render(fig_id, draw)
        if out is None:
            return None
        return Figure(id=fig_id, caption=caption, alt=alt, svg=out[0], png=out[1])
