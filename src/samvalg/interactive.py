r"""Live what-if weights in Jupyter: sliders that re-rank an evaluation's options.

``weights(ev, service)`` shows one slider per criteria set of the view and one per criterion,
and under them the view's ranking. Moving a slider recomputes the values and the ranking with
the evaluation's own method, normalisation and options (:func:`samvalg.evaluation.reweigh`, the
computation of :func:`samvalg.evaluate`), so the table equals what ``evaluate`` gives for an
assessment with those weights.

The global weight of criterion :math:`j` in set :math:`s(j)` is the hierarchical weight

.. math:: w_j = \frac{W_{s(j)}}{\sum_s W_s} \cdot \frac{w^{loc}_j}{\sum_{k \in s(j)} w^{loc}_k}

with :math:`W_s` the set sliders and :math:`w^{loc}` the criterion sliders (a set whose
criteria are all at zero counts as zero). The sliders start at the evaluation's weights.

Needs the ``interactive`` extra (``pip install 'samvalg[interactive]'``, which installs
ipywidgets); ``import samvalg`` never imports ipywidgets.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.catalogue import criterion_label, option_label, set_label
from samvalg.errors import argument_error
from samvalg.evaluation import VIEWS, reweigh
from samvalg.text.formatting import fmt_number
from samvalg.text.interactive import interactive_label
from samvalg.text.views import view_label

if TYPE_CHECKING:
    from samvalg.evaluation import Evaluation, View

__all__ = ["WeightSliders", "weights"]

EXTRA = "interactive"


def _ipywidgets() -> Any:
    """ipywidgets, imported on first use, or an ImportError that names the extra."""
    try:
        import ipywidgets
    except ImportError as exc:
        raise ImportError(
            "samvalg.interactive needs ipywidgets, which is not installed; install the "
            f"'{EXTRA}' extra: pip install 'samvalg[{EXTRA}]' (or pip install 'ipywidgets>=8')"
        ) from exc
    return ipywidgets


class WeightSliders:
    """Weight sliders over one view of an evaluation, and the ranking they give.

    Shown by Jupyter as its widget (:attr:`widget`). Set a slider's ``value`` (in
    :attr:`set_sliders` or :attr:`criterion_sliders`) and :attr:`view` and :attr:`table` follow.

    Attributes
    ----------
    base : View
        The evaluation's view (the weights the sliders start at).
    view : View
        The view under the sliders' current weights (``None`` while every weight is zero).
    set_sliders : dict
        Set id -> FloatSlider (only when the view weighs more than one set).
    criterion_sliders : dict
        Criterion id -> FloatSlider.
    table : ipywidgets.HTML
        The ranking under the current weights.
    widget : ipywidgets.VBox
        Sliders, reset button and table.
    """

    def __init__(self, base: View, lang: str, catalogue: Any) -> None:
        w = _ipywidgets()
        self.base = base
        self.lang = lang
        self._catalogue = catalogue
        self.view: View | None = base
        weights = np.asarray(base.weights, dtype=float)
        bounds = np.cumsum((0, *base.set_sizes))
        self._blocks = {
            s: range(int(bounds[i]), int(bounds[i + 1])) for i, s in enumerate(base.set_ids)
        }
        shares = {s: float(weights[list(idx)].sum()) for s, idx in self._blocks.items()}

        def slider(value: float, label: str) -> Any:
            return w.FloatSlider(
                value=value,
                min=0.0,
                max=1.0,
                step=0.01,
                readout_format=".2f",
                description=label,
                description_allow_html=False,
                continuous_update=False,
                style={"description_width": "22em"},
                layout=w.Layout(width="40em"),
            )

        self.set_sliders: dict[str, Any] = {}
        if len(base.set_ids) > 1:
            for s in base.set_ids:
                self.set_sliders[s] = slider(shares[s], set_label(s, lang, catalogue))
        self.criterion_sliders: dict[str, Any] = {}
        for s, idx in self._blocks.items():
            for j in idx:
                local = weights[j] / shares[s] if shares[s] > 0 else 1.0 / len(idx)
                c = base.criteria[j]
                self.criterion_sliders[c] = slider(local, criterion_label(c, lang, catalogue))
        self._start = {k: s.value for k, s in self._all_sliders().items()}
        self.table = w.HTML()
        reset = w.Button(description=interactive_label("reset", lang))
        reset.on_click(lambda _button: self.reset())
        for s in self._all_sliders().values():
            s.observe(self._update, names="value")
        parts: list[Any] = []
        if self.set_sliders:
            parts += [w.HTML(f"<b>{html.escape(interactive_label('sets', lang))}</b>")]
            parts += list(self.set_sliders.values())
        for s in base.set_ids:
            head = f"{interactive_label('criteria', lang)}: {set_label(s, lang, catalogue)}"
            parts.append(w.HTML(f"<b>{html.escape(head)}</b>"))
            parts += [self.criterion_sliders[base.criteria[j]] for j in self._blocks[s]]
        self.widget = w.VBox([*parts, reset, self.table])
        self._update()

    def _all_sliders(self) -> dict[str, Any]:
        return {**{f"set:{k}": v for k, v in self.set_sliders.items()}, **self.criterion_sliders}

    def global_weights(self) -> np.ndarray:
        """The criteria's global weights from the sliders (zeros when every weight is zero)."""
        n = len(self.base.criteria)
        w = np.zeros(n)
        local_sums = {
            s: sum(float(self.criterion_sliders[self.base.criteria[j]].value) for j in idx)
            for s, idx in self._blocks.items()
        }
        sets = {
            s: (float(self.set_sliders[s].value) if self.set_sliders else 1.0)
            if local_sums[s] > 0
            else 0.0
            for s in self._blocks
        }
        total = sum(sets.values())
        if total <= 0:
            return w
        for s, idx in self._blocks.items():
            if sets[s] == 0.0:
                continue
            for j in idx:
                local = float(self.criterion_sliders[self.base.criteria[j]].value)
                w[j] = sets[s] / total * local / local_sums[s]
        return w

    def reset(self) -> None:
        """Every slider back at the evaluation's weights."""
        for key, s in self._all_sliders().items():
            s.value = self._start[key]

    def _update(self, _change: Any = None) -> None:
        w = self.global_weights()
        if w.sum() <= 0:
            self.view = None
            self.table.value = f"<p>{html.escape(interactive_label('all_zero', self.lang))}</p>"
            return
        self.view = reweigh(self.base, w)
        self.table.value = _table(self.view, self.lang, self._catalogue)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget, and the current table as HTML where widgets are not drawn (a static
        view of the notebook)."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # (data, metadata)
            data, metadata = bundle
            return {**data, "text/html": self.table.value}, metadata
        return {**bundle, "text/html": self.table.value}


def _table(view: View, lang: str, catalogue: Any) -> str:
    """The view's ranking as an HTML table (labels escaped)."""
    rows = []
    for opt in view.order:
        i = view.options.index(opt)
        out = "" if view.feasible[i] else f" ({interactive_label('ruled_out', lang)})"
        rows.append(
            f"<tr><td>{int(view.ranks[i])}</td>"
            f"<td>{html.escape(option_label(opt, lang, catalogue) + out)}</td>"
            f"<td style='text-align:right'>{fmt_number(float(view.values[i]), lang, 3)}</td></tr>"
        )
    direction = "higher_is_better" if view.higher_is_better else "lower_is_better"
    caption = f"{view_label(view.key, lang)} · {view.method} ({interactive_label(direction, lang)})"
    head = "".join(
        f"<th>{html.escape(interactive_label(k, lang))}</th>" for k in ("rank", "option", "value")
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def weights(
    ev: Evaluation, service: str, view: str = "combined", *, lang: str = "nb"
) -> WeightSliders:
    """Weight sliders for one service area's view of an evaluation, with its live ranking.

    Parameters
    ----------
    ev : Evaluation
        From :func:`samvalg.evaluate` (its method, normalisation and options are kept).
    service : str
        Service area id in ``ev``.
    view : str
        View key (default ``"combined"``: a slider per criteria set and per criterion).
    lang : {"nb", "en"}
        Language of the labels.

    Returns
    -------
    WeightSliders
        Displayed by Jupyter as the sliders and the table.

    Raises
    ------
    ImportError
        When ipywidgets is missing (the message names the ``interactive`` extra).

    Examples
    --------
    >>> import samvalg
    >>> from samvalg import interactive
    >>> ev = samvalg.evaluate(samvalg.example_assessment(), method="topsis")
    >>> ws = interactive.weights(ev, "lonn")
    >>> ws.criterion_sliders["likeverdighet"].value = 1.0   # the ranking follows
    """
    if lang not in ("nb", "en"):
        raise argument_error("lang", f"unknown language {lang!r}", "nb, en")
    if view not in VIEWS:
        raise argument_error("view", f"unknown view {view!r}", ", ".join(VIEWS))
    _ipywidgets()
    return WeightSliders(ev[service][view], lang, ev.catalogue)
