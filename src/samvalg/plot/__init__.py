"""Plots of samvalg's results (matplotlib; loaded only when used).

Every function takes a computed result and draws it: ``plot_<thing>(result, *, ax=None,
lang="nb", ...)`` returns the Axes (or the Figure, for several panels), never calls
``plt.show()`` and never changes ``matplotlib.rcParams``: the house style is applied inside a
``matplotlib.rc_context`` for the call only.

House style: the Okabe-Ito colours (colour-blind safe), a hatch or a marker in addition to the
colour wherever series are told apart (readable in black-and-white print), ``cividis`` for
heatmaps with the value written in each cell, DejaVu Sans (ships with matplotlib; æøå), labels in
bokmål by default or English with ``lang="en"``, numbers the Norwegian way in bokmål (``0,25``,
``25 %``, ``14 800``). :func:`save_figure` writes SVG (text as paths: no fonts needed) and PNG.

Examples
--------
>>> import samvalg
>>> from samvalg.plot import plot_contributions, save_figure
>>> ev = samvalg.evaluate(samvalg.example_assessment())
>>> ax = plot_contributions(ev["lonn"]["whether"], lang="en")
>>> ax.get_xlabel()
'Overall value (WSM)'
"""

from __future__ import annotations

from samvalg.plot._cooperation import plot_agreement, plot_cost_shares, plot_host_allocation
from samvalg.plot._robustness import plot_central_weights, plot_rank_acceptability
from samvalg.plot._save import save_figure
from samvalg.plot._scores import plot_contributions, plot_scores
from samvalg.plot._sensitivity import plot_thresholds, plot_weight_sensitivity
from samvalg.plot._weights import plot_global_weights, plot_weights

__all__ = [
    "plot_agreement",
    "plot_central_weights",
    "plot_contributions",
    "plot_cost_shares",
    "plot_global_weights",
    "plot_host_allocation",
    "plot_rank_acceptability",
    "plot_scores",
    "plot_thresholds",
    "plot_weight_sensitivity",
    "plot_weights",
    "save_figure",
]
