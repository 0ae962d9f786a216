"""Weights: bars per criteria set, and the hierarchical global weights coloured by set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.plot import _style as st

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["plot_global_weights", "plot_weights"]


@dataclass(frozen=True)
class _SetWeights:
    set_id: str | None
    criteria: tuple[str, ...]
    local: np.ndarray
    set_weight: float | None


def _catalogue_set_of(
    criteria: Sequence[str], catalogue: Catalogue | None = None
) -> list[str | None]:
    from samvalg.catalogue import catalogue as shipped

    cat = catalogue if catalogue is not None else shipped()
    out: list[str | None] = []
    for c in criteria:
        try:
            out.append(str(cat.criterion(c).set_id))
        except Exception:  # an id outside the catalogue: no set
            out.append(None)
    return out


def _weight_sets(
    source: Any, service: str | None, catalogue: Catalogue | None = None
) -> list[_SetWeights]:
    """Bring an Assessment, a View, a WeightResult or an AHPResult to one shape."""
    # Assessment: local weights per set and the set weights.
    if hasattr(source, "set_weights") and hasattr(source, "weights_for"):
        set_w = source.set_weights()
        return [
            _SetWeights(
                s,
                tuple(source.criteria(s)),
                np.asarray(source.weights_for(s, service_id=service), dtype=float),
                float(set_w[s]),
            )
            for s in source.set_ids
        ]
    # View: global weights of the view, split back into sets.
    if hasattr(source, "set_ids") and hasattr(source, "criteria") and hasattr(source, "weights"):
        w = np.asarray(source.weights, dtype=float)
        crit = tuple(source.criteria)
        sets = _catalogue_set_of(crit, catalogue)
        out = []
        for s in source.set_ids:
            idx = [i for i, x in enumerate(sets) if x == s]
            if not idx:
                continue
            total = float(w[idx].sum())
            local = w[idx] / total if total > 0 else np.full(len(idx), 1.0 / len(idx))
            out.append(_SetWeights(s, tuple(crit[i] for i in idx), local, total))
        return out
    # WeightResult (.vector) or AHPResult (.weights), with optional labels.
    vec = getattr(source, "vector", None)
    if vec is None:
        vec = getattr(source, "weights", None)
    if vec is not None and np.ndim(vec) == 1:
        w = np.asarray(vec, dtype=float)
        labels = getattr(source, "labels", None)
        crit = tuple(labels) if labels is not None else tuple(str(i + 1) for i in range(w.size))
        sets = _catalogue_set_of(crit, catalogue) if labels is not None else [None] * w.size
        set_id = sets[0] if sets and all(s == sets[0] for s in sets) else None
        return [_SetWeights(set_id, crit, w / w.sum(), None)]
    raise st.cannot_read(
        "source",
        "weights",
        source,
        "an Assessment, a View (from evaluate), a WeightResult or an AHPResult",
    )


def plot_weights(
    source: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    service: str | None = None,
    annotate: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """Bars of the weights within each criteria set, one panel per set.

    Each panel shows the local weights :math:`w^{loc}_j` of one set (summing to 1) and, in
    its title, the set weight :math:`W_s`; the global weight is
    :math:`w_j = W_s \\, w^{loc}_j` (see :func:`plot_global_weights`).

    Parameters
    ----------
    source : Assessment, View, WeightResult or AHPResult
        An assessment (all sets, the set weights from ``[weights.sets]``), a view from
        :func:`samvalg.evaluate` (the sets in the view, its global weights split back per set),
        or one weight vector from :mod:`samvalg.weights`.
    ax : Axes or sequence of Axes, optional
        One Axes per panel; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels (bokmål by default).
    service : str, optional
        Service area, needed when a set's weights are objective (computed from its scores).
    annotate : bool
        Write each weight as a percentage at the end of its bar.
    catalogue : Catalogue, optional
        Where the names of criteria and sets come from (default: an assessment's own
        catalogue, else the shipped one).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.plot import plot_weights
    >>> fig = plot_weights(samvalg.example_assessment(), lang="en")
    >>> len(fig.axes)
    3
    """
    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, source)
    parts = _weight_sets(source, service, cat)

    with st.style():
        axes = _panel_axes(ax, [len(p.criteria) for p in parts])
        for k, (part, a) in enumerate(zip(parts, axes, strict=True)):
            y = np.arange(len(part.criteria))
            colour = st.SET_COLOURS.get(part.set_id or "", st.colour(k))
            hatch = st.SET_HATCHES.get(part.set_id or "", st.hatch(k))
            a.barh(
                y,
                part.local,
                color=colour,
                hatch=hatch,
                edgecolor="#333333",
                linewidth=0.5,
                height=0.7,
            )
            a.set_yticks(y, [st.wrap(st.criterion_text(c, lang, cat), 40) for c in part.criteria])
            a.invert_yaxis()
            a.xaxis.set_major_formatter(st.percent_formatter(lang))
            a.set_xlim(0, max(float(part.local.max()) * 1.2, 0.05))
            a.grid(axis="x")
            if annotate:
                st.label_bar_ends(
                    a, y, part.local, [st.fmt_pct(float(v), lang, 1) for v in part.local]
                )
            a.set_title(weights_title(part, lang, cat), loc="left")
        axes[-1].set_xlabel(st.text("local_weight", lang))
    return axes[0].figure


def weights_title(part: _SetWeights, lang: str, cat: Catalogue | None) -> str:
    """A weights panel's title: the set's name and its set weight."""
    from samvalg.catalogue._labels import set_label

    title = set_label(part.set_id, lang, cat) if part.set_id else st.text("weights", lang)
    if part.set_weight is not None:
        word = "settvekt" if lang == "nb" else "set weight"
        title += f" ({word} {st.fmt_pct(part.set_weight, lang, 0)})"
    return st.wrap(title, 70)


def _panel_axes(ax: Any, heights: Sequence[int]) -> list[Any]:
    """The panels' Axes: given ones (checked), or a new figure with one row per panel."""
    n = len(heights)
    if ax is not None:
        axes = [ax] if not isinstance(ax, Sequence | np.ndarray) else list(np.ravel(ax))
        if len(axes) != n:
            raise st.located("ax", f"expected {n} Axes (one per panel), got {len(axes)}")
        for a in axes:
            st.new_axes(a, (1, 1))  # type check only
        return axes
    import matplotlib.pyplot as plt

    fig, axes_arr = plt.subplots(
        n,
        1,
        figsize=(7.0, 0.9 + 0.32 * sum(heights) + 0.5 * n),
        gridspec_kw={"height_ratios": [max(h, 1) for h in heights]},
        layout="constrained",
        squeeze=False,
    )
    del fig
    return list(axes_arr[:, 0])


def plot_global_weights(
    source: Any,
    *,
    ax: Any = None,
    lang: str = "nb",
    service: str | None = None,
    annotate: bool = True,
    catalogue: Catalogue | None = None,
) -> Any:
    """The hierarchical global weights of every criterion, coloured (and hatched) by set.

    :math:`w_j = W_{s(j)} / \\sum_{s} W_s \\cdot w^{loc}_j` over the sets shown, so the bars sum
    to 1 (Saaty 1980, *The Analytic Hierarchy Process*, ch. 1: weights multiply down the
    hierarchy).

    Parameters
    ----------
    source : Assessment or View
        An assessment (all three sets) or a view from :func:`samvalg.evaluate`.
    ax : Axes, optional
        Where to draw; a new figure if ``None``.
    lang : {"nb", "en"}
        Language of the labels.
    service : str, optional
        Service area, needed for objective weights.
    annotate : bool
        Write each weight as a percentage at the end of its bar.
    catalogue : Catalogue, optional
        Where the names of criteria and sets come from (default: an assessment's own
        catalogue, else the shipped one).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.plot import plot_global_weights
    >>> ax = plot_global_weights(samvalg.example_assessment())
    >>> len(ax.patches)
    28
    """
    lang = st.check_lang(lang)
    cat = st.catalogue_of(catalogue, source)
    parts = _weight_sets(source, service, cat)
    if any(p.set_weight is None for p in parts):
        raise st.located("source", "global weights need set weights", "an Assessment or a View")
    total = sum(float(p.set_weight or 0.0) for p in parts)
    n = sum(len(p.criteria) for p in parts)
    with st.style():
        ax = st.new_axes(ax, (7.0, 1.0 + 0.24 * n))
        y0 = 0
        for k, part in enumerate(parts):
            share = float(part.set_weight or 0.0) / total if total > 0 else 1.0 / len(parts)
            w = share * part.local
            y = np.arange(y0, y0 + len(part.criteria))
            label = f"{st.set_short(part.set_id or '', lang, cat)} ({st.fmt_pct(share, lang, 0)})"
            ax.barh(
                y,
                w,
                color=st.SET_COLOURS.get(part.set_id or "", st.colour(k)),
                hatch=st.SET_HATCHES.get(part.set_id or "", st.hatch(k)),
                edgecolor="#333333",
                linewidth=0.5,
                height=0.7,
                label=label,
            )
            if annotate:
                st.label_bar_ends(ax, y, w, [st.fmt_pct(float(v), lang, 1) for v in w])
            y0 += len(part.criteria)
        labels = [st.wrap(st.criterion_text(c, lang, cat), 40) for p in parts for c in p.criteria]
        ax.set_yticks(np.arange(n), labels)
        ax.tick_params(axis="y", labelsize=7)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(st.percent_formatter(lang))
        ax.set_xlabel(st.text("global_weight", lang))
        ax.grid(axis="x")
        xmax = max(float((p.local * (p.set_weight or 0) / (total or 1)).max()) for p in parts)
        ax.set_xlim(0, xmax * 1.2)
        ax.set_title(st.text("global_weights", lang), loc="left")
        ax.legend(loc="lower right")
    return ax
