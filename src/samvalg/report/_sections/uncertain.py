"""The uncertain legal facts behind the briefing (end matter)."""

from __future__ import annotations

from typing import Any

from samvalg.report._model import Block, BulletList, Paragraph, Section, literal
from samvalg.report._sections._context import Context
from samvalg.text.briefing import has, t

__all__ = ["uncertain_section"]


def uncertain_section(b: Context) -> tuple[Section, list[dict[str, Any]]]:
    """Legal facts behind this briefing that the catalogue marks uncertain.

    Each item is the catalogue's own text (shown literally: it never forms **bold**).

    The catalogue's explanatory notes are in English only, so the bokmål text gives the fact
    and its section, and the English text adds the note.
    """
    lang = b.lang
    en = lang == "en"
    items: list[dict[str, Any]] = []
    seen_forms: set[str] = set()

    def add(what: str, section: str, note: str = "") -> None:
        text = what + (f" – {note}" if note and en else "")
        items.append({"what": text, "section": section, "note": note})

    for sid in b.ev:
        svc = b.cat.services[sid]
        pa = svc.public_authority
        if pa.uncertain:
            level = t(lang, f"authority_{pa.value}")
            decisions = f" ({', '.join(pa.decisions)})" if pa.decisions else ""
            add(
                f"{b.svc_raw(sid)}: {t(lang, 'authority')}: {level}{decisions}",
                pa.section,
                pa.note,
            )
        for law in svc.laws:
            if law.uncertain:
                add(f"{b.svc_raw(sid)}: {law.name} {law.section}", law.name, law.note)
        for nd in svc.non_delegable:
            if nd.uncertain:
                add(f"{b.svc_raw(sid)}: {nd.decision_en if en else nd.decision_nb}", nd.section)
        done: set[str] = set()
        for o, fz in b.res["services"][sid]["feasibility"].items():
            form = o.partition(":")[0]
            seen_forms.add(form)
            if not fz.uncertain or form in done:
                continue
            done.add(form)
            reasons = fz.reasons_en if en else fz.reasons
            status = t(lang, f"status_{fz.status}")
            add(
                f"{b.svc_raw(sid)} – {b.form_raw(form)}: {status}. {reasons[0]}",
                ", ".join(dict.fromkeys(fz.sections)),
            )
    for form_id in sorted(seen_forms):
        form = b.cat.forms[form_id]
        for fact_name in (
            "legal_entity",
            "enkeltvedtak",
            "principle_matters",
            "governing_body",
            "employer",
            "exit",
            "liability",
            "control",
            "procurement",
        ):
            fact = getattr(form.facts, fact_name)
            if fact is not None and fact.uncertain:
                value = fact.value_en if (en and fact.value_en) else fact.value
                value = (
                    t(lang, f"fact_value_{value}") if has(lang, f"fact_value_{value}") else value
                )
                add(
                    f"{b.form_raw(form_id)}: {t(lang, f'fact_{fact_name}')}: {value}",
                    fact.section,
                    fact.note,
                )
    blocks: list[Block | Section] = [Paragraph(t(lang, "uncertain_text"))]
    if items:
        blocks.append(BulletList(tuple(literal(f"{i['what']} ({i['section']})") for i in items)))
    else:
        blocks.append(Paragraph(t(lang, "uncertain_none")))
    return Section("uncertain", t(lang, "uncertain"), tuple(blocks), page_break=True), items
