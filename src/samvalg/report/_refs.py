"""The briefing's end matter: the method notes and the list of sources (words in
:mod:`samvalg.text.briefing_refs` and :mod:`samvalg.text.briefing`)."""

from __future__ import annotations

from samvalg.report._model import BulletList, DefinitionList, Paragraph, Section
from samvalg.text.briefing import t
from samvalg.text.briefing_refs import METHOD_NOTES, REFERENCES

__all__ = ["methods_section", "references_section"]


def methods_section(lang: str, method: str) -> Section:
    """Method notes: the value model, weights, methods, feasibility, SMAA-2, sensitivity."""
    used = t(lang, "methods_used", method=method.upper())
    return Section(
        "methods",
        t(lang, "methods"),
        (Paragraph(used), DefinitionList(METHOD_NOTES[lang])),
        page_break=True,
    )


def references_section(lang: str) -> Section:
    """The sources: the council case, kommuneloven, the method literature."""
    return Section("references", t(lang, "sources"), (BulletList(REFERENCES),))
