"""Stakeholder agreement, cost shares per key, host allocation across service areas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from samvalg.plot import _style as st

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["plot_agreement", "plot_cost_shares", "plot_host_allocation"]


def _catalogue(catalogue: Catalogue | None) -> Catalogue:
    from samvalg.catalogue import catalogue as shipped

    return catalogue if catalogue is not None else shipped()


def _municipality_name(mid: str, catalogue: Catalogue | None = None) -> str:
    muni = _catalogue(catalogue).municipalities.get(mid)
    return str(muni.name) if muni is not None else str(mid)


def plot_agreement(
    matrix: Any,
    labels: Sequence[str] | None = None,
    *,
    ax: Any = None,
    lang: str = "nb",
    vmin: float | None = None,
    vmax: float | None = None,
    measure: str | None = None,
    decimals: int = 2,
) -> Any:
    """Heatmap of agreement between stakeholders (a square, usually symmetric, matrix).

    Cell :math:`(a, b)` is any agreement measure between stakeholders :math:`a` and :math:`b`,
    e.g. the Spearman or weighted-Spearman correlation of their rankings (Pinto da Costa &
    Soares 2005) or the WS similarity (Sałabun & Urbaniak 2020). The colour scale is fixed
    (``-1..1`` when any value is negative, else ``0..1``) so plots compare across service
    areas; each cell also shows its value.

    Parameters
    ----------
    matrix : array_like (k, k)
        Agreement between the ``k`` stakeholders; NaN cells are left blank.
    labels : sequence of str, optional
        Stakeholder names (``"1".."k"`` if omitted).
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    vmin, vmax : float, optional
        Colour range (default as above).
    measure : str, optional
        Name of the measure, for the colour bar (e.g. ``"Spearman"``).
    decimals : int
        Decimals of the values written in the cells.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from samvalg.plot import plot_agreement
    >>> ax = plot_agreement([[1, 0.6], [0.6, 1]], ["Municipality A", "Municipality B"], lang="en")
    >>> [t.get_text() for t in ax.texts]
    ['1.00', '0.60', '0.60', '1.00']
    """
    lang = st.check_lang(lang)
    A = np.asarray(matrix, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise st.located("matrix", f"expected a non-empty square matrix, got shape {A.shape}")
    k = A.shape[0]
    names = st.labels_or(labels, k, "labels")
    finite = A[np.isfinite(A)]
    lo = vmin if vmin is not None else (-1.0 if finite.size and finite.min() < 0 else 0.0)
    hi = vmax if vmax is not None else max(1.0, float(finite.max()) if finite.size else 1.0)
    with st.style():
        ax = st.new_axes(ax, (2.2 + 0.55 * k, 1.6 + 0.5 * k))
        im = ax.imshow(
            np.ma.masked_invalid(A), cmap=st.HEATMAP_CMAP, vmin=lo, vmax=hi, interpolation="nearest"
        )
        for i in range(k):
            for j in range(k):
                if not np.isfinite(A[i, j]):
                    continue
                ax.text(
                    j,
                    i,
                    st.fmt_num(float(A[i, j]), lang, decimals),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=st.ink_on(A[i, j], lo, hi),
                )
        ticks = [st.wrap(x, 18) for x in names]
        ax.set_xticks(np.arange(k), ticks, rotation=40, ha="right", rotation_mode="anchor")
        ax.set_yticks(np.arange(k), ticks)
        st.frameless(ax)
        cb = ax.figure.colorbar(im, ax=ax, shrink=0.8, pad=0.03)
        cb.ax.yaxis.set_major_formatter(st.number_formatter(lang))
        cb.outline.set_visible(False)
        if measure:
            cb.set_label(measure)
        ax.set_title(st.text("agreement", lang), loc="left")
    return ax


def _key_name(key: Any, lang: str) -> str:
    if isinstance(key, str):
        return st.text(key, lang) if key in ("population", "equal", "usage") else key
    if isinstance(key, Mapping):
        total = sum(float(v) for v in key.values()) or 1.0
        parts = [
            f"{st.fmt_pct(float(v) / total, lang, 0)} {_key_name(k, lang).lower()}"
            for k, v in key.items()
        ]
        return " + ".join(parts)
    return str(key)


def _cost_table(source: Any) -> list[tuple[str, dict[str, float]]]:
    """(key name, {municipality: NOK}) rows from a mapping or CostComparison objects."""

    def row(value: Any, where: str) -> dict[str, float]:
        if hasattr(value, "rows"):
            return {r.municipality: float(r.after) for r in value.rows}
        if isinstance(value, Mapping):
            return {str(m): float(v) for m, v in value.items()}
        raise st.located(
            where, f"expected {{municipality: NOK}} or a CostComparison, got {type(value).__name__}"
        )

    if isinstance(source, Mapping):
        return [(k, row(v, f"source[{k!r}]")) for k, v in source.items()]
    if hasattr(source, "rows") and hasattr(source, "key"):
        return [(source.key, row(source, "source"))]
    if isinstance(source, Sequence) and all(hasattr(c, "rows") for c in source):
        return [(c.key, row(c, f"source[{i}]")) for i, c in enumerate(source)]
    raise st.cannot_read(
        "source",
        "cost shares",
        source,
        "{key: {municipality: NOK}}, a CostComparison or a list of them",
    )


def cost_parts(
    source: Any, unit: float, lang: str
) -> tuple[list[tuple[str, dict[str, float]]], list[str], str]:
    """A cost-shares chart's rows (key, {municipality: NOK}), its municipalities in order of
    appearance and the amounts' unit word (see :func:`plot_cost_shares`)."""
    table = _cost_table(source)
    if not table:
        raise st.located("source", "is empty", "at least one key")
    munis: list[str] = []
    for _, r in table:
        munis += [m for m in r if m not in munis]
    if unit == 1e6:
        unit_word = st.text("mnok", lang)
    elif unit == 1:
        unit_word = st.text("nok", lang)
    else:
        unit_word = f"{st.fmt_num(unit, lang, 0)} {st.text('nok', lang)}"
    return table, munis, unit_word


def plot_cost_shares(
    source: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    unit: float = 1e6,
    annotate: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Grouped bars: what each municipality pays under each cost-sharing key.

    For a key with shares :math:`s_i` (population :math:`P_i/\\sum P`, equal :math:`1/n`,
    usage :math:`U_i/\\sum U`, or a weighted mix), municipality :math:`i` pays
    :math:`c_i \\approx s_i C`, rounded to the krone by largest remainder (see
    :func:`samvalg.economics.share_costs`). One group per key, one bar per municipality (a
    colour and a hatch each), the amount written on each bar.

    Parameters
    ----------
    source : mapping, CostComparison or sequence of CostComparison
        ``{key: {municipality_id: NOK}}`` (keys ``"population"``, ``"equal"``, ``"usage"`` or
        any name; e.g. ``{k: share_costs(total, k) for k in ("population", "equal")}``), or
        results of :func:`samvalg.economics.compare_costs` (their cost after cooperation).
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    unit : float
        Amounts are shown in NOK divided by `unit` (default millions).
    annotate : bool
        Write each amount on its bar.
    catalogue : Catalogue, optional
        Where the municipalities' names come from (default: the shipped catalogue; pass the
        assessment's, ``assessment.catalogue``, for a case's own).

    Returns
    -------
    matplotlib.axes.Axes
        keys x municipalities bars.

    Examples
    --------
    >>> from samvalg.plot import plot_cost_shares
    >>> shares = {"population": {"skaun": 4e6, "melhus": 1.2e7, "midtre_gauldal": 4e6},
    ...           "equal": {"skaun": 6.67e6, "melhus": 6.67e6, "midtre_gauldal": 6.66e6}}
    >>> len(plot_cost_shares(shares).patches)
    6
    """
    lang = st.check_lang(lang)
    table, munis, unit_word = cost_parts(source, unit, lang)
    nk, nm = len(table), len(munis)
    width = 0.8 / nm
    with st.style():
        ax = st.new_axes(ax, (max(5.5, 1.6 + 1.4 * nk), 4.0))
        x = np.arange(nk)
        for j, m in enumerate(munis):
            vals = np.array([r.get(m, 0.0) for _, r in table]) / unit
            bars = ax.bar(
                x - 0.4 + width * (j + 0.5),
                vals,
                width=width * 0.92,
                color=st.colour(j),
                hatch=st.hatch(j),
                edgecolor="#333333",
                linewidth=0.5,
                label=_municipality_name(m, catalogue),
            )
            if annotate:
                digits = 1 if unit >= 1e5 else 0
                ax.bar_label(
                    bars, labels=[st.fmt_num(v, lang, digits) for v in vals], padding=2, fontsize=7
                )
        ax.set_xticks(x, [st.wrap(_key_name(k, lang), 22, 3) for k, _ in table])
        ax.yaxis.set_major_formatter(st.number_formatter(lang))
        ax.set_ylabel(unit_word)
        ax.set_xlabel(st.text("key", lang))
        ax.margins(y=0.12)
        ax.grid(axis="y")
        ax.set_title(st.text("cost_shares", lang), loc="left")
        st.legend_outside(ax)
    return ax


def plot_host_allocation(
    source: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    municipalities: Sequence[str] | None = None,
    show_unconstrained: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Which municipality hosts which service area: a services x municipalities chart.

    One row per service area, one column per municipality; a filled marker (the
    municipality's colour and shape) where that municipality hosts the service, the chosen
    form written at the right for options without a host (own operation, IKS, ...). With an
    allocation result the column heads give each municipality's hosted FTE and share, and the
    best plan *without* the balance bound (:func:`samvalg.allocation.allocate_hosts`) is shown
    as hollow rings where it differs, so the price of balance is visible.

    Parameters
    ----------
    source : AllocationResult or mapping
        From :func:`samvalg.allocation.allocate_hosts`, or ``{service_id: option}``.
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    municipalities : sequence of str, optional
        Column order (default: the catalogue's municipalities).
    show_unconstrained : bool
        Ring the unconstrained plan's hosts where they differ (AllocationResult only).
    catalogue : Catalogue, optional
        Where the names and the municipalities come from (default: the shipped catalogue; pass
        the assessment's, ``assessment.catalogue``, for a case's own).

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per municipality with a hosted service.

    Examples
    --------
    >>> from samvalg.plot import plot_host_allocation
    >>> ax = plot_host_allocation({"lonn": "vertskommune:melhus", "arkiv": "iks"})
    >>> sum(len(c.get_offsets()) for c in ax.collections)
    1
    """
    from samvalg.catalogue._labels import service_label

    lang = st.check_lang(lang)
    hp = host_parts(source, municipalities, catalogue)
    choice, free, munis, services = hp.choice, hp.free, hp.munis, hp.services
    ns, nm = len(services), len(munis)
    with st.style():
        ax = st.new_axes(ax, (2.8 + 1.1 * nm + 2.4, 1.2 + 0.38 * ns))
        for j, m in enumerate(munis):
            rows = [i for i, s in enumerate(services) if choice[s].partition(":")[2] == m]
            if rows:
                ax.scatter(
                    [j] * len(rows),
                    rows,
                    s=110,
                    marker=st.MARKERS[j % 10],
                    color=st.colour(j),
                    edgecolor="#333333",
                    linewidth=0.6,
                    zorder=3,
                    label=_municipality_name(m, catalogue),
                )
        if show_unconstrained and free:
            pts = [
                (munis.index(free[s].partition(":")[2]), i)
                for i, s in enumerate(services)
                if s in free and free[s] != choice[s] and free[s].partition(":")[2]
            ]
            if pts:
                xs, ys = zip(*pts, strict=True)
                word = UNBOUNDED_WORD[lang == "en"]
                ax.plot(
                    xs,
                    ys,
                    linestyle="none",
                    marker="o",
                    markersize=14,
                    markerfacecolor="none",
                    markeredgecolor="black",
                    markeredgewidth=0.9,
                    label=word,
                )
        for i, s in enumerate(services):
            host = choice[s].partition(":")[2]
            text = host_row_text(hp, s, lang, show_unconstrained, catalogue)
            ax.text(
                nm - 0.4,
                i,
                text,
                va="center",
                fontsize=7,
                color="#333333" if not host else st.GREY,
            )
        heads = host_heads(hp, lang, catalogue)
        ax.set_xticks(np.arange(nm), heads, fontsize=7)
        ax.xaxis.tick_top()
        ax.set_yticks(
            np.arange(ns),
            [st.wrap(service_label(s, lang, catalogue), 32) for s in services],
            fontsize=7,
        )
        ax.set_xlim(-0.6, nm + 2.4)
        ax.set_ylim(ns - 0.5, -0.5)
        ax.set_xticks(np.arange(nm + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(ns + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="#E0E0E0", linewidth=0.8)
        st.frameless(ax, which="both")
        ax.set_title(st.text("host_allocation", lang), loc="left", pad=28)
        handles, _labels = ax.get_legend_handles_labels()
        if handles:
            ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.02), ncol=4, fontsize=7)
    return ax


class HostParts(NamedTuple):
    """What a host allocation chart shows (see :func:`plot_host_allocation`)."""

    choice: dict[str, str]  # service -> chosen option
    hosted: dict[str, float]  # municipality -> hosted FTE (empty for a plain mapping)
    free: dict[str, str]  # the plan without the balance bound (AllocationResult only)
    munis: list[str]  # columns
    services: list[str]  # rows


def host_parts(
    source: Any, municipalities: Sequence[str] | None, catalogue: Catalogue | None
) -> HostParts:
    """Read an AllocationResult or ``{service_id: option}`` for a host allocation chart."""
    if hasattr(source, "choice") and hasattr(source, "hosted_fte"):
        choice = dict(source.choice)
        hosted = dict(source.hosted_fte)
        free = dict(getattr(source, "unconstrained_choice", {}) or {})
    elif isinstance(source, Mapping):
        choice = {str(k): str(v) for k, v in source.items()}
        hosted, free = {}, {}
    else:
        raise st.cannot_read(
            "source", "a host allocation", source, "an AllocationResult or {service_id: option}"
        )
    if municipalities is None:
        munis = list(_catalogue(catalogue).municipalities)
    else:
        munis = [str(m) for m in municipalities]
    for opt in (*choice.values(), *free.values()):
        host = opt.partition(":")[2]
        if host and host not in munis:
            munis.append(host)
    return HostParts(choice, hosted, free, munis, list(choice))


def host_row_text(
    hp: HostParts, service: str, lang: str, show_unconstrained: bool, catalogue: Catalogue | None
) -> str:
    """The form written at the right of a service's row (and the unbounded plan's, where it
    chose a form without a host)."""
    from samvalg.catalogue._labels import option_label

    form, _, host = hp.choice[service].partition(":")
    text = option_label(hp.choice[service], lang, catalogue)
    if host:
        text = option_label(form, lang, catalogue)
    alt = hp.free.get(service) if show_unconstrained else None
    if alt is not None and alt != hp.choice[service] and not alt.partition(":")[2]:
        word = UNBOUNDED_WORD[lang == "en"]
        text += f" ({word}: {option_label(alt, lang, catalogue)})"
    return st.wrap(text, 44, 3)


#: The plan without the balance bound (bokmål, English).
UNBOUNDED_WORD = ("uten balansekrav", "without the balance bound")


def host_heads(hp: HostParts, lang: str, catalogue: Catalogue | None) -> list[str]:
    """Column heads: each municipality, with its hosted FTE and share when known."""
    total = sum(hp.hosted.values())
    heads = []
    for m in hp.munis:
        head = _municipality_name(m, catalogue)
        if hp.hosted:
            fte = float(hp.hosted.get(m, 0.0))
            word = "årsverk" if lang == "nb" else "FTE"
            head += f"\n{st.fmt_num(fte, lang, 1)} {word}"
            if total > 0:
                head += f" ({st.fmt_pct(fte / total, lang, 0)})"
        heads.append(head)
    return heads
