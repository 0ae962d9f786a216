"""The briefing's end matter: the method notes and the list of sources (words in
:mod:`samvalg.text.briefing_refs` and :mod:`samvalg.text.briefing`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samvalg.report._model import BulletList, DefinitionList, Paragraph, Section, literal
from samvalg.text.briefing import t
from samvalg.text.briefing_refs import METHOD_NOTES, REFERENCES, SET_SOURCE

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["case_references", "methods_section", "references_section"]


def methods_section(lang: str, method: str) -> Section:
    """Method notes: the value model, weights, methods, feasibility, SMAA-2, sensitivity."""
    used = t(lang, "methods_used", method=method.upper())
    return Section(
        "methods",
        t(lang, "methods"),
        (Paragraph(used), DefinitionList(METHOD_NOTES[lang])),
        page_break=True,
    )


def case_references(lang: str, cat: Catalogue) -> list[str]:
    """The case's own sources, from its catalogue: the case document, each criteria set's
    source, and the savings evidence (none of them when the catalogue does not state them)."""
    out: list[str] = []
    case = cat.case
    if case is not None:
        out.append(literal(case.document) + ".")
    for cs in cat.criteria_sets.values():
        name = cs.name_nb if lang == "nb" else cs.name_en
        item = SET_SOURCE[lang].format(name=literal(name), source=literal(cs.source))
        if item not in out:
            out.append(item)
    if case is not None:
        for ev in case.savings_evidence:
            out.append(literal(f"{ev.name}: {ev.source}") + ".")
        if case.savings_range is not None:
            out.append(literal(case.savings_range.source) + ".")
    return out


def references_section(lang: str, cat: Catalogue) -> Section:
    """The sources: the case's own (from its catalogue), kommuneloven, the method literature."""
    items = tuple(dict.fromkeys([*case_references(lang, cat), *REFERENCES]))
    return Section("references", t(lang, "sources"), (BulletList(items),))
