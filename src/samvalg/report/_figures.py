"""The briefing's figures: which there are, and drawing them as SVG (and PNG when asked).

Which figures a briefing has (:func:`service_figure_specs`, :func:`global_figure_specs`) and
how each is drawn (:func:`draw`), in a worker process or in the main one. The briefing draws
its charts straight to SVG (:mod:`samvalg.report._charts`: the same parts, words and colours
as :mod:`samvalg.plot`'s, with every letter a path so that no reader needs the font), a few
milliseconds a figure where drawing them through matplotlib took about a tenth of a second
each. A PNG copy is made only when asked for (``samvalg brief --png``), by Typst from the
SVG, as the Word copy's pictures are.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    "draw",
    "global_figure_specs",
    "prepare",
    "service_figure_specs",
]

#: A figure to draw: (figure id, what to draw, its arguments); see :func:`draw`.
FigureSpec = tuple[str, str, tuple[Any, ...]]


def prepare() -> None:
    """Load the figures' font faces and colours once.

    Called before the briefing forks its worker processes: they inherit them instead of each
    reading the font files again.
    """
    from samvalg.report._charts import prepare as load

    load()


class FigureMaker:
    """Makes the briefing's :class:`Figure` blocks from the figures :func:`draw` drew."""

    def __init__(self, enabled: bool = True, png: bool = False) -> None:
        self.enabled = enabled
        self.png = png

    def __enter__(self) -> FigureMaker:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def make(
        self, fig_id: str, caption: str, alt: str, rendered: tuple[str, bytes | None] | None
    ) -> Figure | None:
        """A :class:`Figure` from ``rendered`` (SVG, and PNG or None); None when figures are
        off or the analyses drew no such figure."""
        if not self.enabled or rendered is None:
            return None
        return Figure(id=fig_id, caption=caption, alt=alt, svg=rendered[0], png=rendered[1])


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
    ):
        specs.append(("host_allocation", "host_allocation", (allocation,)))
    if economics["comparisons"]:
        specs.append(("cost_shares", "cost_shares", (economics["comparisons"],)))
    return specs


def draw(
    kind: str,
    args: tuple[Any, ...],
    lang: str,
    ev: Evaluation,
    assessment: Assessment,
    png: bool = False,
) -> tuple[str, bytes | None]:
    """Draw one figure of the briefing (in a worker or in-process): its SVG, and its PNG
    (by Typst) when ``png``."""
    from samvalg.report._charts import render

    svg = render(kind, args, lang, ev, assessment)
    if not png:
        return svg, None
    from samvalg.report._docx import figure_png

    raster = figure_png(svg)
    if raster is None:
        raise SamvalgError(f"internal: Typst drew no PNG of the figure {kind!r}")
    return svg, raster
