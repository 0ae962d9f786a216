"""The words of the weight sliders (:mod:`samvalg.interactive`), in bokmål and English."""

from __future__ import annotations

__all__ = ["INTERACTIVE_LABELS", "interactive_label"]

#: code -> (label nb, label en)
INTERACTIVE_LABELS: dict[str, tuple[str, str]] = {
    "sets": ("Vekt på kriteriesettene", "Weight of the criteria sets"),
    "criteria": ("Vekt innen settet", "Weight within the set"),
    "rank": ("Rang", "Rank"),
    "option": ("Alternativ", "Option"),
    "value": ("Verdi", "Value"),
    "lower_is_better": ("lavere er bedre", "lower is better"),
    "higher_is_better": ("høyere er bedre", "higher is better"),
    "ruled_out": ("juridisk utelukket", "legally ruled out"),
    "reset": ("Tilbakestill", "Reset"),
    "all_zero": (
        "Alle vektene er null: sett minst én vekt over null.",
        "Every weight is zero: set at least one above zero.",
    ),
}


def interactive_label(code: str, lang: str = "nb") -> str:
    """The label ``code`` in ``lang`` (``"nb"`` or ``"en"``).

    Examples
    --------
    >>> interactive_label("reset", "en")
    'Reset'
    """
    nb, en = INTERACTIVE_LABELS[code]
    return nb if lang == "nb" else en
