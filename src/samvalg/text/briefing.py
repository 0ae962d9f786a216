"""The council briefing's wording: :func:`t` looks a text up by language and code.

The texts themselves are in :mod:`samvalg.text.briefing_nb` (bokmål) and
:mod:`samvalg.text.briefing_en` (English); both hold the same codes. The method notes and the
list of sources are in :mod:`samvalg.text.briefing_refs`.
"""

from __future__ import annotations

from samvalg.text.briefing_en import EN
from samvalg.text.briefing_nb import NB

__all__ = ["TEXTS", "has", "t"]

#: Every text of the briefing, by language and code.
TEXTS: dict[str, dict[str, str]] = {"nb": NB, "en": EN}


def t(lang: str, code: str, **values: object) -> str:
    """The text ``code`` in ``lang`` with ``values`` inserted (``str.format``)."""
    text = TEXTS[lang][code]
    return text.format(**values) if values else text


def has(lang: str, code: str) -> bool:
    """True when the briefing has a text ``code`` in ``lang``."""
    return code in TEXTS[lang]
