"""The names of the evaluation's views, in bokmål and English, keyed by view id.

:mod:`samvalg.evaluation` defines the views (``"whether"``, ``"form"``, ...) by their criteria
sets; this module holds what a person reads about them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samvalg.evaluation import Evaluation, ServiceEvaluation, View

__all__ = [
    "VIEW_LABELS",
    "evaluation_record",
    "service_evaluation_record",
    "view_label",
    "view_record",
]

#: view id -> (label nb, label en)
VIEW_LABELS: dict[str, tuple[str, str]] = {
    "whether": (
        "Skal vi samarbeide? (strategi- og gevinstkriterier)",
        "Should we cooperate? (strategy and gain criteria)",
    ),
    "form": ("I hvilken form? (modellkriterier)", "In which form? (model criteria)"),
    "combined": ("Samlet vurdering (alle kriteriesett)", "Combined (all criteria sets)"),
    "strategy": ("Strategiens kriterier", "The strategy's criteria"),
    "gains": ("Gevinstkriterier (fase 1)", "Gain criteria (phase 1)"),
    "model": ("Modellkriterier", "Model criteria"),
}


def view_label(view: str, lang: str = "nb") -> str:
    """The name of view ``view`` in ``lang`` (``"nb"`` or ``"en"``); an unknown id as is.

    Examples
    --------
    >>> view_label("form", "en")
    'In which form? (model criteria)'
    """
    labels = VIEW_LABELS.get(view)
    if labels is None:
        return view
    return labels[0] if lang == "nb" else labels[1]


def view_record(view: View) -> dict[str, Any]:
    """``view.to_dict()`` with the view's name in both languages (``label_nb``, ``label_en``)
    after its ``service``: the record the briefing's ``data.json`` and ``--json`` show."""
    out: dict[str, Any] = {}
    for k, v in view.to_dict().items():
        out[k] = v
        if k == "service":
            out["label_nb"] = view_label(view.key, "nb")
            out["label_en"] = view_label(view.key, "en")
    return out


def service_evaluation_record(sev: ServiceEvaluation) -> dict[str, Any]:
    """``sev.to_dict()`` with every view as :func:`view_record` gives it."""
    out = sev.to_dict()
    out["views"] = {k: view_record(v) for k, v in sev.views.items()}
    return out


def evaluation_record(ev: Evaluation) -> dict[str, Any]:
    """``ev.to_dict()`` with every service area and bundle as :func:`service_evaluation_record`
    gives it."""
    out = ev.to_dict()
    out["services"] = {k: service_evaluation_record(v) for k, v in ev.services.items()}
    out["bundles"] = {k: service_evaluation_record(v) for k, v in ev.bundles.items()}
    return out
