"""Write a figure as SVG and PNG."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from samvalg.plot import _style as st

__all__ = ["save_figure"]

_FORMATS = ("svg", "png", "pdf")


def save_figure(
    fig: Any,
    path_stem: str | Path,
    formats: Sequence[str] = ("svg", "png"),
    *,
    dpi: float = 200.0,
) -> list[Path]:
    """Save a figure in several formats: ``<path_stem>.svg``, ``<path_stem>.png``, ...

    SVG text is written as paths (``svg.fonttype = "path"``): the file needs no font on the
    reader's machine and æ, ø, å look the same everywhere, at the cost of text that cannot be
    selected or searched in the SVG. SVG ids are salted with a fixed string and the date
    metadata is left out, so the same figure gives the same bytes (reproducible briefings).
    The style is applied only while saving; ``matplotlib.rcParams`` is unchanged afterwards.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure (an Axes is taken to mean its figure).
    path_stem : str or Path
        File path without suffix; parent folders are created.
    formats : sequence of {"svg", "png", "pdf"}
        Formats to write.
    dpi : float
        Resolution of raster formats.

    Returns
    -------
    list of Path
        The files written, in the order of `formats`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().plot([0, 1], [1, 0])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = save_figure(fig, pathlib.Path(d) / "line")
    ...     [p.suffix for p in paths], all(p.stat().st_size > 0 for p in paths)
    (['.svg', '.png'], True)
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(fig, Axes):
        fig = fig.figure
    if not isinstance(fig, Figure):
        raise st.located("fig", f"expected a matplotlib Figure or Axes, got {type(fig).__name__}")
    if isinstance(formats, str):
        formats = (formats,)
    bad = [f for f in formats if f not in _FORMATS]
    if bad or not formats:
        raise st.located(
            "formats", f"unknown or no format(s): {', '.join(map(repr, bad))}", ", ".join(_FORMATS)
        )
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with st.style():
        for fmt in formats:
            path = stem.with_name(stem.name + "." + fmt)
            metadata: dict[str, Any] = {
                "svg": {"Date": None},
                "png": {"Software": None},
                "pdf": {"CreationDate": None},
            }[fmt]
            fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata, bbox_inches="tight")
            written.append(path)
    return written
