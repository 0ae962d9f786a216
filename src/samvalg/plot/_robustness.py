"""Robustness: weight sweeps with crossovers, the tornado of thresholds, SMAA results."""

from __future__ import annotations

from typing import Any

import numpy as np

from samvalg.plot import _style as st

__all__ = [
    "plot_central_weights",
    "plot_rank_acceptability",
    "plot_thresholds",
    "plot_weight_sensitivity",
]


def _parameter_name(parameter: str, kind: str, lang: str) -> str:
    if kind == "set":
        word = "settvekt" if lang == "nb" else "set weight"
        return f"{st.set_short(parameter, lang)} ({word})"
    return st.criterion_text(parameter, lang)


def _sweep_of(source: Any, parameter: str | None) -> Any:
    """A WeightSweep, from itself or from a ServiceSensitivity by parameter."""
    if hasattr(source, "crossovers") and hasattr(source, "t"):
        return source
    if hasattr(source, "criterion_sweeps") and hasattr(source, "set_sweeps"):
        sweeps = {**source.set_sweeps, **source.criterion_sweeps}
        if parameter is None:
            raise st.located(
                "parameter",
                "which weight? a ServiceSensitivity holds one sweep per criterion and per set",
                ", ".join(sweeps),
            )
        if parameter not in sweeps:
            raise st.located("parameter", f"no sweep of {parameter!r}", ", ".join(sweeps))
        return sweeps[parameter]
    raise st.cannot_read(
        "sweep",
        "a weight sweep",
        source,
        "a WeightSweep or a ServiceSensitivity (samvalg.sensitivity)",
    )


def plot_weight_sensitivity(
    sweep: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    parameter: str | None = None,
    annotate: bool = True,
) -> Any:
    """Each option's value as one weight moves from 0 to 1, with the crossovers marked.

    The swept weight moves along :math:`w(t) = (1 - t)\\,w^{(0)} + t\\,w^{(1)}` (the other
    weights rescaled in proportion; Triantaphyllou & Sánchez 1997); for WSM each line is
    straight and two options swap where their lines cross. The current weight is a vertical
    line; every crossover of two legally feasible options is a marker, and the crossovers that
    dethrone today's best option (the rank-reversal thresholds) are ringed and labelled.
    Options that the law rules out are drawn grey and dashed.

    Parameters
    ----------
    sweep : WeightSweep or ServiceSensitivity
        From :func:`samvalg.sensitivity.weight_sweep` or
        :func:`samvalg.sensitivity.sensitivity_service` (then give `parameter`).
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    parameter : str, optional
        The criterion or set to show, when `sweep` is a ServiceSensitivity.
    annotate : bool
        Label the dethroning thresholds with their weight.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.sensitivity import sensitivity_service
    >>> from samvalg.plot import plot_weight_sensitivity
    >>> s = sensitivity_service(samvalg.example_assessment(), "lonn", view="whether")
    >>> ax = plot_weight_sensitivity(s, parameter="strategy")
    >>> len(ax.lines) >= len(s.options)
    True
    """
    lang = st.check_lang(lang)
    sw = _sweep_of(sweep, parameter)
    t = np.asarray(sw.t, dtype=float)
    values = np.asarray(sw.values, dtype=float)
    alts = list(sw.alternatives)
    cands = set(sw.candidates)
    with st.style():
        ax = st.new_axes(ax, (7.5, 4.2))
        k = 0
        for i, alt in enumerate(alts):
            name = st.wrap(st.option_name(alt, lang), 40)
            if alt in cands:
                ax.plot(
                    t,
                    values[:, i],
                    color=st.colour(k),
                    marker=st.MARKERS[k % 10],
                    markevery=max(1, len(t) // 8),
                    markersize=4.5,
                    linestyle=st.LINESTYLES[k % len(st.LINESTYLES)],
                    linewidth=1.4,
                    label=name,
                )
                k += 1
            else:
                ax.plot(
                    t,
                    values[:, i],
                    color=st.GREY,
                    linestyle=(0, (2, 2)),
                    linewidth=1.0,
                    label=f"{name} ({st.text('infeasible', lang)})",
                )
        ax.axvline(sw.current, color="black", linewidth=0.9, linestyle="-", zorder=1)
        ymax = ax.get_ylim()[1]
        ax.annotate(
            f"{st.text('current', lang)} {st.fmt_pct(sw.current, lang, 1)}",
            (sw.current, ymax),
            xytext=(3, -10),
            textcoords="offset points",
            fontsize=7,
        )
        cx = [c.t for c in sw.crossovers]
        cy = [
            float(np.interp(c.t, t, values[:, alts.index(c.ahead_before)])) for c in sw.crossovers
        ]
        if cx:
            ax.scatter(
                cx,
                cy,
                marker="o",
                s=22,
                facecolor="white",
                edgecolor="black",
                linewidth=0.9,
                zorder=4,
                label=st.text("crossover", lang),
            )
        for th in (sw.increase, sw.decrease):
            if th is None:
                continue
            y = float(np.interp(th.weight, t, values[:, alts.index(th.new_top)]))
            ax.scatter(
                [th.weight],
                [y],
                marker="o",
                s=90,
                facecolor="none",
                edgecolor=st.OKABE_ITO[5],
                linewidth=1.6,
                zorder=5,
            )
            if annotate:
                ax.annotate(
                    f"{st.fmt_pct(th.weight, lang, 1)} → "
                    f"{st.wrap(st.option_name(th.new_top, lang), 28)}",
                    (th.weight, y),
                    xytext=(6, 8),
                    textcoords="offset points",
                    fontsize=7,
                    color=st.OKABE_ITO[5],
                )
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.yaxis.set_major_formatter(st.number_formatter(lang))
        pname = _parameter_name(sw.parameter, sw.kind, lang)
        ax.set_xlabel(f"{st.text('weight_of', lang)} «{st.wrap(pname, 60, 1)}»")
        direction = (
            ""
            if sw.higher_is_better
            else (" (lavere er bedre)" if lang == "nb" else " (lower is better)")
        )
        ax.set_ylabel(f"{st.text('value', lang)} ({sw.method.upper()}){direction}")
        ax.grid(axis="y")
        ax.set_title(st.wrap(f"{st.text('sensitivity', lang)}: {pname}", 80), loc="left")
        st.legend_outside(ax, fontsize=7)
    return ax


def plot_thresholds(
    sensitivity: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    kind: str = "all",
    max_rows: int | None = None,
    annotate: bool = True,
) -> Any:
    """Tornado of rank-reversal thresholds: how far each weight may move before the best changes.

    One row per swept weight (each set weight, each criterion weight). The bar to the left runs
    from 0 to the smallest decrease that dethrones today's best option, the bar to the right to
    the smallest increase, in percentage points of weight (Wolters & Mareschal 1995). A weight
    that can move all the way to 0 (or 1) without changing the best option gets a pale,
    hatched bar to the end of its range, marked "no change". Rows are sorted with the most
    sensitive weight (the shortest distance to a reversal) at the top.

    Parameters
    ----------
    sensitivity : ServiceSensitivity
        From :func:`samvalg.sensitivity.sensitivity_service`.
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    kind : {"all", "criterion", "set"}
        Which sweeps to show.
    max_rows : int, optional
        Show only the most sensitive rows.
    annotate : bool
        Write the option that takes over at the end of each threshold bar.

    Returns
    -------
    matplotlib.axes.Axes
        Two bars per row (decrease, increase).

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.sensitivity import sensitivity_service
    >>> from samvalg.plot import plot_thresholds
    >>> s = sensitivity_service(samvalg.example_assessment(), "lonn", view="gains")
    >>> len(plot_thresholds(s).patches) == 2 * len(s.criterion_sweeps)
    True
    """
    lang = st.check_lang(lang)
    if not hasattr(sensitivity, "criterion_sweeps"):
        raise st.located(
            "sensitivity",
            f"expected a ServiceSensitivity, got {type(sensitivity).__name__}",
            "samvalg.sensitivity.sensitivity_service(...)",
        )
    if kind not in ("all", "criterion", "set"):
        raise st.located("kind", f"unknown kind {kind!r}", "all, criterion, set")
    sweeps = []
    if kind in ("all", "set"):
        sweeps += list(sensitivity.set_sweeps.values())
    if kind in ("all", "criterion"):
        sweeps += list(sensitivity.criterion_sweeps.values())
    if not sweeps:
        raise st.located(
            "kind", f"no {kind} sweeps in this result", "criterion" if kind == "set" else "all"
        )

    def distance(sw: Any) -> float:
        d = [abs(th.absolute) for th in (sw.increase, sw.decrease) if th is not None]
        return min(d) if d else np.inf

    sweeps.sort(key=distance)
    if max_rows is not None:
        sweeps = sweeps[: int(max_rows)]
    n = len(sweeps)
    solid = st.OKABE_ITO[5]
    found = [
        abs(th.absolute) for sw in sweeps for th in (sw.increase, sw.decrease) if th is not None
    ]
    lim = min(1.05, max(0.1, 1.4 * max(found))) if found else 1.05
    with st.style():
        ax = st.new_axes(ax, (8.0, 1.2 + 0.34 * n))
        y = np.arange(n)
        for yi, sw in zip(y, sweeps, strict=True):
            for th, end, side in (
                (sw.decrease, -sw.current, "dec"),
                (sw.increase, 1.0 - sw.current, "inc"),
            ):
                width = end if th is None else th.absolute
                if th is None:
                    ax.barh(
                        yi,
                        width,
                        color=st.LIGHT_GREY,
                        hatch="///",
                        edgecolor="#8C8C8C",
                        linewidth=0.4,
                        height=0.62,
                    )
                else:
                    ax.barh(
                        yi,
                        width,
                        color=solid if side == "dec" else st.OKABE_ITO[0],
                        hatch="" if side == "dec" else "...",
                        edgecolor="#333333",
                        linewidth=0.4,
                        height=0.62,
                    )
                if not annotate:
                    continue
                sign = -1.0 if side == "dec" else 1.0
                if th is None and abs(width) > lim * 0.7:
                    # the bar runs past the axis: label it inside, at the edge
                    ax.annotate(
                        st.text("no_reversal", lang) + (" ›" if sign > 0 else ""),
                        (sign * lim, float(yi)),
                        xytext=(-3 * sign, 0),
                        textcoords="offset points",
                        ha="right" if sign > 0 else "left",
                        va="center",
                        fontsize=6,
                        color="#333333",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                    )
                    continue
                label = (
                    st.text("no_reversal", lang)
                    if th is None
                    else st.wrap(st.option_name(th.new_top, lang), 30, 1)
                )
                ax.annotate(
                    label,
                    (width, float(yi)),
                    xytext=(3 * sign, 0),
                    textcoords="offset points",
                    ha="right" if sign < 0 else "left",
                    va="center",
                    fontsize=6,
                    color="#333333" if th is not None else st.GREY,
                )
        ax.axvline(0, color="black", linewidth=0.9)
        ax.set_yticks(
            y,
            [
                st.wrap(_parameter_name(sw.parameter, sw.kind, lang), 40)
                + f" ({st.fmt_pct(sw.current, lang, 1)})"
                for sw in sweeps
            ],
            fontsize=7,
        )
        ax.invert_yaxis()
        ax.set_xlim(-lim, lim)
        ax.xaxis.set_major_formatter(st.number_formatter(lang, scale=0.01))
        unit = "prosentpoeng" if lang == "nb" else "percentage points"
        ax.set_xlabel(f"{st.text('threshold', lang)} ({unit})")
        ax.grid(axis="x")
        from matplotlib.patches import Patch

        handles = [
            Patch(
                facecolor=solid,
                edgecolor="#333333",
                label="ned til rangskifte" if lang == "nb" else "decrease to a reversal",
            ),
            Patch(
                facecolor=st.OKABE_ITO[0],
                hatch="...",
                edgecolor="#333333",
                label="opp til rangskifte" if lang == "nb" else "increase to a reversal",
            ),
            Patch(
                facecolor=st.LIGHT_GREY,
                hatch="///",
                edgecolor="#8C8C8C",
                label=st.text("no_reversal", lang),
            ),
        ]
        st.legend_outside(ax, handles=handles, fontsize=7)
        top = st.option_name(sensitivity.top, lang)
        word = "best nå" if lang == "nb" else "best now"
        ax.set_title(st.wrap(f"{st.text('thresholds', lang)} ({word}: {top})", 90), loc="left")
    return ax


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


def plot_rank_acceptability(
    result: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    confidence: bool = True,
    annotate: bool = True,
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
    res, options, _ = _smaa_parts(result)
    ra = np.asarray(res.rank_acceptability, dtype=float)
    m = ra.shape[0]
    order = np.lexsort(tuple(-ra[:, r] for r in range(m - 1, -1, -1)))
    cmap = mpl.colormaps[st.HEATMAP_CMAP]
    shades = [cmap(0.05 + 0.9 * r / max(m - 1, 1)) for r in range(m)]
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
                        light = (0.05 + 0.9 * r / max(m - 1, 1)) > 0.55
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
        ax.set_yticks(y, [st.option_tick(options[i], lang, 30) for i in order], fontsize=7)
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
        ax.set_title(
            f"{st.text('rank_acceptability', lang)}, N = {st.fmt_num(res.n, lang, 0)}", loc="left"
        )
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
            name = st.wrap(st.option_name(opt, lang), 36)
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
        ax.set_yticks(y, [st.wrap(st.criterion_text(c, lang), 40) for c in criteria], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.set_xlabel(st.text("weight", lang))
        ax.grid(axis="y", color="#E6E6E6")
        ax.grid(axis="x")
        ax.set_title(st.text("central_weights", lang), loc="left")
    return ax
