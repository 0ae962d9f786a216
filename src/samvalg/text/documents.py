"""The few words the PDF and Word renderers of the briefing add around its content.

Captions ("Tabell 3: ...", "Figur 2: ..."), the contents heading, the page footer and the
stand-in for a figure that has no PNG copy (Word).
"""

from __future__ import annotations

__all__ = ["label"]

_LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "contents": "Innhold",
        "table": "Tabell",
        "figure": "Figur",
        "page": "Side",
        "page_of": "av",
        "no_png": "Figuren finnes som {path}.",
    },
    "en": {
        "contents": "Contents",
        "table": "Table",
        "figure": "Figure",
        "page": "Page",
        "page_of": "of",
        "no_png": "The figure is in {path}.",
    },
}


def label(lang: str, code: str, **values: object) -> str:
    """The label ``code`` in ``lang`` ("nb" or "en"; anything else falls back to "nb").

    Examples
    --------
    >>> label("nb", "table")
    'Tabell'
    """
    text = _LABELS.get(lang, _LABELS["nb"])[code]
    return text.format(**values) if values else text
