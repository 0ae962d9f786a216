"""The score heatmap and the stacked value contributions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from samvalg.plot import _style as st
from samvalg.text.views import view_label

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["plot_contributions", "plot_scores"]


def _mark_infeasible(tick: str, ok: bool, lang: str) -> str:
    """An option's tick label, with "(not permitted)" below it when the law rules it out."""
    return tick if ok else f"{tick}\n({st.text('infeasible', lang)})"


def plot_scores(
    source: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    annotate: bool = True,
    colorbar: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Heatmap of the scores: criteria as rows, options as columns, on the declared scale.

    The colour runs over the whole scale, :math:`[\\ell, u]` (for a score matrix) or the
    scale-anchored value :math:`v = (x - \\ell)/(u - \\ell) \\in [0, 1]` (for a view), so equal
    colours mean equal scores in every service area. Each cell also shows its score as written
    (``"3"``, ``"++"``), with the uncertainty interval ``low–high`` below when one was given.
    Cells where a criterion does not apply are grey, hatched and marked ``i.r.`` (``n/a``).

    Parameters
    ----------
    source : ScoreMatrix or View
        ``Assessment.matrix(service, set)`` (scores in scale units, n/a cells shown) or a view
        from :func:`samvalg.evaluate` (its ``value_matrix``, 0–1; options the law rules out are
        marked in their label).
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    annotate : bool
        Write each score in its cell.
    colorbar : bool
        Draw a colour bar with the scale's steps.
    catalogue : Catalogue, optional
        Where the names of criteria, options and service areas come from (default: the
        source's own catalogue when it carries one, else the shipped one).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.plot import plot_scores
    >>> M = samvalg.example_assessment().matrix("lonn", "gains")
    >>> ax = plot_scores(M)
    >>> ax.images[0].get_array().shape == (5, len(M.options))
    True
    """
    from matplotlib.patches import Rectangle

    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, source)
    if hasattr(source, "scale") and hasattr(source, "applicable"):
        values = np.asarray(source.values, dtype=float)
        low = np.asarray(source.low, dtype=float)
        high = np.asarray(source.high, dtype=float)
        scale = source.scale
        vmin, vmax = float(scale.lower), float(scale.upper)
        options = [str(o) for o in source.options]
        feasible = np.ones(len(options), dtype=bool)
        service, set_name = (
            st.service_text(source.service, lang, cat),
            st.set_short(source.set_id, lang, cat),
        )
        title = f"{service}: {set_name}"
        cell_text = scale.label
        bar_label = f"{st.text('score', lang)} ({st.text('scale', lang).lower()} {scale})"
    elif hasattr(source, "value_matrix") and hasattr(source, "options"):
        values = np.asarray(source.value_matrix, dtype=float)
        low = high = values
        scale = None
        vmin, vmax = 0.0, 1.0
        options = list(source.options)
        feasible = np.asarray(source.feasible, dtype=bool)
        label = view_label(str(source.key), lang)
        title = str(label)

        def cell_text(x: float) -> str:
            return st.fmt_num(x, lang, 2)

        bar_label = st.text("value01", lang)
    else:
        raise st.cannot_read(
            "source",
            "scores",
            source,
            "a ScoreMatrix (Assessment.matrix) or a View (from evaluate)",
        )
    criteria = list(source.criteria)
    m, n = values.shape
    data = values.T  # rows: criteria, columns: options
    with st.style():
        ax = st.new_axes(ax, (2.6 + 0.62 * m + (0.9 if colorbar else 0.0), 2.2 + 0.36 * n))
        im = ax.imshow(
            np.ma.masked_invalid(data),
            cmap=st.HEATMAP_CMAP,
            vmin=vmin,
            vmax=vmax,
            aspect="auto",
            interpolation="nearest",
        )
        for j in range(n):
            for i in range(m):
                x = data[j, i]
                if np.isnan(x):
                    ax.add_patch(
                        Rectangle(
                            (i - 0.5, j - 0.5),
                            1,
                            1,
                            facecolor=st.LIGHT_GREY,
                            hatch="///",
                            edgecolor="#8C8C8C",
                            linewidth=0.0,
                        )
                    )
                    if annotate:
                        ax.text(
                            i,
                            j,
                            st.text("na", lang),
                            ha="center",
                            va="center",
                            fontsize=7,
                            color="#333333",
                        )
                    continue
                if not annotate:
                    continue
                label = cell_text(x)
                if scale is not None and (low.T[j, i] != x or high.T[j, i] != x):
                    label += f"\n{cell_text(low.T[j, i])}–{cell_text(high.T[j, i])}"
                ax.text(
                    i,
                    j,
                    label,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=st.ink_on(x, vmin, vmax),
                    linespacing=0.95,
                )
        xlabels = [
            _mark_infeasible(
                st.wrap(st.option_tick(opt, lang, 30, 2, cat).replace("\n(", " ("), 34, 2),
                ok,
                lang,
            )
            for opt, ok in zip(options, feasible, strict=True)
        ]
        ax.set_xticks(np.arange(m), xlabels, fontsize=7)
        ax.xaxis.tick_top()
        for tick in ax.get_xticklabels():
            tick.set(rotation=40, ha="left", va="bottom", rotation_mode="anchor", linespacing=0.95)
        ax.set_yticks(
            np.arange(n),
            [st.wrap(st.criterion_text(c, lang, cat), 40) for c in criteria],
            fontsize=7,
        )
        ax.set_xticks(np.arange(m + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1.0)
        st.frameless(ax, which="both")
        ax.set_title(st.wrap(title, 80), loc="left", pad=8)
        if np.isnan(data).any():
            ax.set_xlabel(st.text("na_long", lang), fontsize=7, loc="left")
        if colorbar:
            cb = ax.figure.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
            cb.set_label(bar_label)
            if scale is not None:
                ticks = np.arange(np.ceil(vmin), np.floor(vmax) + 1)
                cb.set_ticks(ticks, labels=[scale.label(t) for t in ticks])
            else:
                cb.ax.yaxis.set_major_formatter(st.number_formatter(lang))
            cb.outline.set_visible(False)
    return ax


def plot_contributions(
    view: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    by: str = "criterion",
    annotate: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Stacked bars of each option's value, split into the contribution of each criterion.

    For an additive method (WSM) the value of option :math:`i` is
    :math:`V_i = \\sum_j w_j v_{ij}`; the segment for criterion :math:`j` is
    :math:`w_j v_{ij}` (Belton & Stewart 2002, *Multiple Criteria Decision Analysis*, §6.2), so
    the bars show both the ranking and why. Options are sorted best first (legally feasible
    options first, as in the view); options the law rules out are drawn pale with their label
    marked, never hidden.

    Parameters
    ----------
    view : View
        A view from :func:`samvalg.evaluate` with an additive method (``contributions`` set).
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    by : {"criterion", "set"}
        One segment per criterion, or the criteria of each set summed into one segment.
    annotate : bool
        Write the total value at the end of each bar.
    catalogue : Catalogue, optional
        Where the names of criteria, options and service areas come from (default: the
        source's own catalogue when it carries one, else the shipped one).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.plot import plot_contributions
    >>> view = samvalg.evaluate(samvalg.example_assessment())["lonn"]["gains"]
    >>> ax = plot_contributions(view)
    >>> len(ax.patches) == len(view.options) * len(view.criteria)
    True
    """
    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, view)
    if not hasattr(view, "contributions") or not hasattr(view, "options"):
        raise st.located(
            "view", f"expected a View from samvalg.evaluate, got {type(view).__name__}"
        )
    if view.contributions is None:
        raise st.located(
            "view",
            f"method {view.method!r} is not additive: it has no per-criterion contributions",
            "a view evaluated with wsm",
        )
    parts = contribution_parts(view, lang, by, cat)
    contrib, names, colours, hatches = parts.contrib, parts.names, parts.colours, parts.hatches
    feasible, totals = parts.feasible, parts.totals
    m, k = contrib.shape
    with st.style():
        ax = st.new_axes(ax, (9.5 if by == "criterion" else 7.5, max(1.4 + 0.5 * m, 0.8 + 0.3 * k)))
        y = np.arange(m)
        left = np.zeros(m)
        for j in range(k):
            bars = ax.barh(
                y,
                contrib[:, j],
                left=left,
                color=colours[j],
                hatch=hatches[j],
                edgecolor="white",
                linewidth=0.6,
                height=0.7,
                label=names[j],
            )
            for bar, ok in zip(bars, feasible, strict=True):
                if not ok:
                    bar.set_alpha(0.35)
            left = left + contrib[:, j]
        ax.set_yticks(y, parts.ticks)
        for tick, ok in zip(ax.get_yticklabels(), feasible, strict=True):
            if not ok:
                tick.set_color(st.GREY)
                tick.set_fontstyle("italic")
        ax.invert_yaxis()
        if annotate:
            st.label_bar_ends(ax, y, totals, [st.fmt_num(float(t), lang, 2) for t in totals])
        ax.set_xlim(0, max(float(totals.max()) * 1.12, 1e-9))
        ax.xaxis.set_major_formatter(st.number_formatter(lang))
        ax.set_xlabel(parts.xlabel)
        ax.grid(axis="x")
        ax.set_title(parts.title, loc="left")
        st.legend_outside(ax, fontsize=7, handlelength=2.2, handleheight=1.2)
    return ax


class ContributionParts(NamedTuple):
    """What :func:`plot_contributions` draws (and the briefing's own figure): options best
    first, one segment per criterion or set."""

    contrib: np.ndarray  # options (best first) x segments
    names: list[str]
    colours: list[str]
    hatches: list[str]
    options: list[Any]
    feasible: np.ndarray
    totals: np.ndarray
    ticks: list[str]
    title: str
    xlabel: str


def contribution_parts(view: Any, lang: str, by: str, cat: Catalogue | None) -> ContributionParts:
    """The segments, labels and order of a contributions chart (see
    :func:`plot_contributions`; ``view`` has ``contributions``)."""
    if by not in ("criterion", "set"):
        raise st.located("by", f"unknown grouping {by!r}", "criterion, set")
    contrib = np.asarray(view.contributions, dtype=float)
    criteria = list(view.criteria)
    if by == "set":
        from samvalg.plot._weights import _catalogue_set_of

        sets = _catalogue_set_of(criteria, cat)
        groups = [s for s in view.set_ids if s in sets]
        contrib = np.stack(
            [contrib[:, [j for j, s in enumerate(sets) if s == g]].sum(axis=1) for g in groups],
            axis=1,
        )
        names = [st.set_short(g, lang, cat) for g in groups]
        colours = [st.SET_COLOURS.get(g, st.colour(k)) for k, g in enumerate(groups)]
        hatches = [st.SET_HATCHES.get(g, st.hatch(k)) for k, g in enumerate(groups)]
    else:
        names = [st.wrap(st.criterion_text(c, lang, cat), 45) for c in criteria]
        colours = [st.colour(k) for k in range(len(criteria))]
        hatches = [st.hatch(k) for k in range(len(criteria))]
    order = np.argsort(np.asarray(view.ranks), kind="stable")
    options = [view.options[i] for i in order]
    feasible = np.asarray(view.feasible, dtype=bool)[order]
    contrib = contrib[order]
    ticks = [
        _mark_infeasible(st.option_tick(opt, lang, 30, catalogue=cat), bool(ok), lang)
        for opt, ok in zip(options, feasible, strict=True)
    ]
    service = getattr(view, "service", None)
    title = st.text("contributions", lang) + f": {view_label(view.key, lang)}"
    if service:
        title = f"{st.service_text(service, lang, cat)}: {title}"
    return ContributionParts(
        contrib,
        names,
        colours,
        hatches,
        options,
        feasible,
        contrib.sum(axis=1),
        ticks,
        st.wrap(title, 80),
        f"{st.text('value', lang)} ({view.method.upper()})",
    )
