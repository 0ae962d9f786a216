"""SMAA-2 plots: rank acceptability indices and central weights."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.plot import _style as st

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["plot_central_weights", "plot_rank_acceptability"]


def _smaa_parts(result: Any) -> tuple[Any, tuple[str, ...], Any]:
    """(SMAAResult, option labels, elicited weights or None) from SMAAResult or ServiceSMAA."""
    if hasattr(result, "result") and hasattr(result.result, "rank_acceptability"):
        return result.result, tuple(result.options), getattr(result, "elicited_weights", None)
    if hasattr(result, "rank_acceptability") and hasattr(result, "alternatives"):
        return result, tuple(result.alternatives), None
    raise st.cannot_read(
        "result",
        "SMAA results",
        result,
        "an SMAAResult (samvalg.smaa.smaa2) or a ServiceSMAA (smaa_service)",
    )


def rank_order(ra: np.ndarray) -> np.ndarray:
    """Options by first-rank acceptability, ties broken by the second rank's, and so on."""
    m = ra.shape[0]
    return np.lexsort(tuple(-ra[:, r] for r in range(m - 1, -1, -1)))


def rank_shade(r: int, m: int) -> float:
    """Where rank ``r`` (0-based) of ``m`` sits on the colour map: dark (rank 1) to light."""
    return 0.05 + 0.9 * r / max(m - 1, 1)


def rank_title(res: Any, lang: str) -> str:
    """The rank acceptability chart's title, with the number of samples."""
    return f"{st.text('rank_acceptability', lang)}, N = {st.fmt_num(res.n, lang, 0)}"


def plot_rank_acceptability(
    result: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    confidence: bool = True,
    annotate: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Stacked bars of the rank acceptability indices of SMAA-2.

    Bar :math:`i` is split into :math:`b_i^r`, the share of the sampled weights (and scores)
    in which option :math:`i` gets rank :math:`r` (Lahdelma & Salminen 2001, *Operations
    Research* 49(3), 444-454); the first segment is the first-rank acceptability. Ranks are
    shaded dark (rank 1) to light, with a hatch per rank for black-and-white print. Options are
    sorted by first-rank acceptability; the confidence factor :math:`p_i^c` is written at the
    end of each bar.

    Parameters
    ----------
    result : SMAAResult or ServiceSMAA
        From :func:`samvalg.smaa.smaa2` or :func:`samvalg.smaa.smaa_service`.
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    confidence : bool
        Write the confidence factor after each bar.
    annotate : bool
        Write shares of at least 8 % inside their segment.
    catalogue : Catalogue, optional
        Where the names of options and criteria come from (default: the shipped catalogue;
        pass the assessment's, ``assessment.catalogue``, for a case's own).

    Returns
    -------
    matplotlib.axes.Axes
        ``m x m`` bar segments for ``m`` options.

    Examples
    --------
    >>> import numpy as np
    >>> from samvalg.smaa import smaa2
    >>> from samvalg.plot import plot_rank_acceptability
    >>> X = np.array([[0.9, 0.2], [0.5, 0.6], [0.1, 0.95]])
    >>> r = smaa2(X, np.ones(2), n=2000, seed=1)
    >>> len(plot_rank_acceptability(r).patches)
    9
    """
    import matplotlib as mpl

    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, result)
    res, options, _ = _smaa_parts(result)
    ra = np.asarray(res.rank_acceptability, dtype=float)
    m = ra.shape[0]
    order = rank_order(ra)
    cmap = mpl.colormaps[st.HEATMAP_CMAP]
    shades = [cmap(rank_shade(r, m)) for r in range(m)]
    with st.style():
        ax = st.new_axes(ax, (7.5, 1.3 + 0.45 * m))
        y = np.arange(m)
        left = np.zeros(m)
        for r in range(m):
            share = ra[order, r]
            ax.barh(
                y,
                share,
                left=left,
                color=shades[r],
                hatch=st.hatch(r),
                edgecolor="white",
                linewidth=0.6,
                height=0.7,
                label=f"{st.text('rank', lang)} {r + 1}",
            )
            if annotate:
                for yi, lo, s in zip(y, left, share, strict=True):
                    if s >= 0.08:
                        light = rank_shade(r, m) > 0.55
                        ax.text(
                            lo + s / 2,
                            yi,
                            st.fmt_pct(float(s), lang, 0),
                            ha="center",
                            va="center",
                            fontsize=6.5,
                            color="black" if light else "white",
                            bbox={"facecolor": shades[r], "edgecolor": "none", "pad": 0.6},
                        )
            left = left + share
        ax.set_yticks(
            y, [st.option_tick(options[i], lang, 30, catalogue=cat) for i in order], fontsize=7
        )
        ax.invert_yaxis()
        ax.set_xlim(0, 1.22 if confidence else 1.0)
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.set_xlabel(st.text("share", lang))
        if confidence:
            conf = np.asarray(res.confidence, dtype=float)
            for yi, i in zip(y, order, strict=True):
                c = conf[i]
                txt = "–" if np.isnan(c) else st.fmt_pct(float(c), lang, 0)
                ax.text(1.02, yi, f"pᶜ {txt}", va="center", fontsize=7)
        ax.set_title(rank_title(res, lang), loc="left")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.45, -0.16 - 0.3 / max(m, 2)),
            ncol=min(m, 6),
            fontsize=7,
            handleheight=1.2,
        )
    return ax


def plot_central_weights(
    result: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    reference: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """The central weight vector of each option: the typical weights that make it best.

    :math:`w_i^c` is the mean of the sampled weight vectors for which option :math:`i` ranks
    first (Lahdelma & Salminen 2001); one row per criterion, one marker shape and colour per
    option. Options that never rank first have no central weights and are listed in the
    legend as such. With a ServiceSMAA the elicited weights are drawn as a black reference line.

    Parameters
    ----------
    result : SMAAResult or ServiceSMAA
        From :func:`samvalg.smaa.smaa2` or :func:`samvalg.smaa.smaa_service`.
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    reference : bool
        Draw the elicited weights (ServiceSMAA only).
    catalogue : Catalogue, optional
        Where the names of options and criteria come from (default: the shipped catalogue;
        pass the assessment's, ``assessment.catalogue``, for a case's own).

    Returns
    -------
    matplotlib.axes.Axes
        One marker series (a ``Line2D`` without line) per option that ranks first at least
        once, plus the reference series.

    Examples
    --------
    >>> import numpy as np
    >>> from samvalg.smaa import smaa2
    >>> from samvalg.plot import plot_central_weights
    >>> X = np.array([[0.9, 0.2], [0.5, 0.6], [0.1, 0.95]])
    >>> ax = plot_central_weights(smaa2(X, np.ones(2), n=2000, seed=1))
    >>> len(ax.lines)
    3
    """
    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, result)
    res, options, elicited = _smaa_parts(result)
    cw = np.asarray(res.central_weights, dtype=float)
    criteria = list(res.criteria)
    n = cw.shape[1]
    x = np.arange(n)
    y = x
    with st.style():
        ax = st.new_axes(ax, (7.5, 1.2 + 0.3 * n))
        k = 0
        never = []
        for i, opt in enumerate(options):
            name = st.wrap(st.option_name(opt, lang, cat), 36)
            if np.isnan(cw[i]).any():
                never.append(name)
                continue
            ax.plot(
                cw[i],
                y,
                color=st.colour(k),
                marker=st.MARKERS[k % 10],
                markersize=5,
                linestyle="none",
                markeredgecolor="#333333",
                markeredgewidth=0.4,
                label=name,
                zorder=3,
            )
            k += 1
        if reference and elicited is not None:
            word = "vekter i vurderingen" if lang == "nb" else "elicited weights"
            ax.plot(
                np.asarray(elicited, dtype=float),
                y,
                color="black",
                marker="|",
                markersize=11,
                markeredgewidth=1.6,
                linestyle="none",
                label=word,
                zorder=2,
            )
        handles, labels = ax.get_legend_handles_labels()
        if never:
            from matplotlib.patches import Patch

            for name in never:
                handles.append(Patch(facecolor="none", edgecolor="none"))
                labels.append(f"{name} ({st.text('never_first', lang)})")
        st.legend_outside(ax, handles, labels, fontsize=7)
        ax.set_yticks(
            y, [st.wrap(st.criterion_text(c, lang, cat), 40) for c in criteria], fontsize=7
        )
        ax.invert_yaxis()
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.set_xlabel(st.text("weight", lang))
        ax.grid(axis="y", color="#E6E6E6")
        ax.grid(axis="x")
        ax.set_title(st.text("central_weights", lang), loc="left")
    return ax
