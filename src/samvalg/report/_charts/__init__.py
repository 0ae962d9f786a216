"""The briefing's figures drawn straight to SVG (no matplotlib): see :func:`render`.

:mod:`samvalg.plot` stays the figures' public face (notebooks, scripts); the briefing draws
the same charts here, from the same parts, in a few milliseconds each instead of a tenth of a
second through matplotlib (issue 15: the briefing in a few seconds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samvalg.errors import SamvalgError
from samvalg.report._charts import _kinds

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.evaluation import Evaluation
    from samvalg.report._charts._svg import Canvas

__all__ = ["canvas", "prepare", "render"]


def prepare() -> None:
    """Read the font faces and the colour map the figures use (once per process)."""
    from samvalg.report._charts._font import FACES, face

    for name in FACES:
        face(name)
    _kinds.cividis(0.0)


def canvas(
    kind: str, args: tuple[Any, ...], lang: str, ev: Evaluation, assessment: Assessment
) -> Canvas:
    """Draw one figure of the briefing (``kind`` and ``args`` as the figure specs of
    :mod:`samvalg.report._figures` give them) on a canvas."""
    cat = assessment.catalogue  # every name in the figures is the case's own
    if kind == "contributions":
        sid, key = args
        return _kinds.contributions(ev[sid][key], lang, cat)
    if kind == "rank_acceptability":
        return _kinds.rank_acceptability(args[0], lang, cat)
    if kind == "thresholds":
        return _kinds.thresholds(args[0], args[1], lang, cat)
    if kind == "weights":
        return _kinds.weights(assessment, lang, cat)
    if kind == "host_allocation":
        return _kinds.host_allocation(args[0], lang, cat)
    if kind == "cost_shares":
        return _kinds.cost_shares(args[0], lang, cat)
    raise SamvalgError(f"internal: unknown briefing figure {kind!r}")


def render(
    kind: str,
    args: tuple[Any, ...],
    lang: str,
    ev: Evaluation,
    assessment: Assessment,
    title: str = "",
) -> str:
    """The SVG document of one figure of the briefing."""
    return canvas(kind, args, lang, ev, assessment).svg(title=title)
