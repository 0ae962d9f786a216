"""The names of the evaluation's views, in bokmål and English, keyed by view id.

:mod:`samvalg.evaluation` defines the views (``"whether"``, ``"form"``, ...) by their criteria
sets; this module holds what a person reads about them.
"""

from __future__ import annotations

__all__ = ["VIEW_LABELS", "view_label"]

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
