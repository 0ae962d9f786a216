"""Sensitivity plots: a weight's sweep with its crossovers, and the tornado of thresholds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.plot import _style as st

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["plot_thresholds", "plot_weight_sensitivity"]


def _parameter_name(
    parameter: str, kind: str, lang: str, catalogue: Catalogue | None = None
) -> str:
    if kind == "set":
        word = "settvekt" if lang == "nb" else "set weight"
        return f"{st.set_short(parameter, lang, catalogue)} ({word})"
    return st.criterion_text(parameter, lang, catalogue)


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
    catalogue: Catalogue | None = None,
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
    catalogue : Catalogue, optional
        Where the names of options, criteria and sets come from (default: the shipped
        catalogue; pass the assessment's, ``assessment.catalogue``, for a case's own).

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
    cat = st.catalogue_of(catalogue, sweep)
    sw = _sweep_of(sweep, parameter)
    t = np.asarray(sw.t, dtype=float)
    values = np.asarray(sw.values, dtype=float)
    alts = list(sw.alternatives)
    cands = set(sw.candidates)
    with st.style():
        ax = st.new_axes(ax, (7.5, 4.2))
        k = 0
        for i, alt in enumerate(alts):
            name = st.wrap(st.option_name(alt, lang, cat), 40)
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
                    f"{st.wrap(st.option_name(th.new_top, lang, cat), 28)}",
                    (th.weight, y),
                    xytext=(6, 8),
                    textcoords="offset points",
                    fontsize=7,
                    color=st.OKABE_ITO[5],
                )
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.yaxis.set_major_formatter(st.number_formatter(lang))
        pname = _parameter_name(sw.parameter, sw.kind, lang, cat)
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
    catalogue: Catalogue | None = None,
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
    catalogue : Catalogue, optional
        Where the names of options, criteria and sets come from (default: the shipped
        catalogue; pass the assessment's, ``assessment.catalogue``, for a case's own).

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
    cat = st.catalogue_of(catalogue, sensitivity)
    if not hasattr(sensitivity, "criterion_sweeps"):
        raise st.located(
            "sensitivity",
            f"expected a ServiceSensitivity, got {type(sensitivity).__name__}",
            "samvalg.sensitivity.sensitivity_service(...)",
        )
    if kind not in ("all", "criterion", "set"):
        raise st.located("kind", f"unknown kind {kind!r}", "all, criterion, set")
    sweeps, lim = threshold_rows(sensitivity, kind, max_rows)
    n = len(sweeps)
    solid = THRESHOLD_DOWN
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
                        color=solid if side == "dec" else THRESHOLD_UP,
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
                    else st.wrap(st.option_name(th.new_top, lang, cat), 30, 1)
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
        ax.set_yticks(y, [threshold_row_label(sw, lang, cat) for sw in sweeps], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(-lim, lim)
        ax.xaxis.set_major_formatter(st.number_formatter(lang, scale=0.01))
        ax.set_xlabel(threshold_xlabel(lang))
        ax.grid(axis="x")
        from matplotlib.patches import Patch

        handles = [
            Patch(
                facecolor=solid,
                edgecolor="#333333",
                label=THRESHOLD_WORDS["down"][lang == "en"],
            ),
            Patch(
                facecolor=THRESHOLD_UP,
                hatch="...",
                edgecolor="#333333",
                label=THRESHOLD_WORDS["up"][lang == "en"],
            ),
            Patch(
                facecolor=st.LIGHT_GREY,
                hatch="///",
                edgecolor="#8C8C8C",
                label=st.text("no_reversal", lang),
            ),
        ]
        st.legend_outside(ax, handles=handles, fontsize=7)
        ax.set_title(threshold_title(sensitivity, lang, cat), loc="left")
    return ax


#: The tornado's colours: a decrease to a reversal (vermillion), an increase (blue).
THRESHOLD_DOWN = st.OKABE_ITO[5]
THRESHOLD_UP = st.OKABE_ITO[0]
#: The tornado's legend words (bokmål, English).
THRESHOLD_WORDS = {
    "down": ("ned til rangskifte", "decrease to a reversal"),
    "up": ("opp til rangskifte", "increase to a reversal"),
}


def threshold_rows(sensitivity: Any, kind: str, max_rows: int | None) -> tuple[list[Any], float]:
    """The tornado's sweeps, the most sensitive first (shortest distance to a reversal), and
    the half-width of its axis (1.4 x the largest distance found, between 0.1 and 1.05)."""
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
    found = [
        abs(th.absolute) for sw in sweeps for th in (sw.increase, sw.decrease) if th is not None
    ]
    lim = min(1.05, max(0.1, 1.4 * max(found))) if found else 1.05
    return sweeps, lim


def threshold_row_label(sw: Any, lang: str, cat: Catalogue | None) -> str:
    """A tornado row's label: the weight's name and its current value."""
    name = st.wrap(_parameter_name(sw.parameter, sw.kind, lang, cat), 40)
    return f"{name} ({st.fmt_pct(sw.current, lang, 1)})"


def threshold_xlabel(lang: str) -> str:
    """The tornado's axis label."""
    unit = "prosentpoeng" if lang == "nb" else "percentage points"
    return f"{st.text('threshold', lang)} ({unit})"


def threshold_title(sensitivity: Any, lang: str, cat: Catalogue | None) -> str:
    """The tornado's title, naming today's best option."""
    top = st.option_name(sensitivity.top, lang, cat)
    word = "best nå" if lang == "nb" else "best now"
    return st.wrap(f"{st.text('thresholds', lang)} ({word}: {top})", 90)
