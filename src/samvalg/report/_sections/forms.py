"""The facts of the formal forms of cooperation side by side (employer, who decides, exit,
liability, control, procurement rules), from the catalogue's forms data with sections and
uncertainty marks, and the procurement caveat of a service area's legal screen."""

from __future__ import annotations

from samvalg.report._model import Paragraph, Section, Table, literal
from samvalg.report._sections._context import Context
from samvalg.report._settings import NO_COOP
from samvalg.text.briefing import has, t

__all__ = ["FACT_ROWS", "assessed_forms", "forms_section", "procurement_caveat"]

#: The facts shown, in order (each a field of ``CooperationForm.facts``).
FACT_ROWS = (
    "legal_entity",
    "employer",
    "governing_body",
    "enkeltvedtak",
    "exit",
    "liability",
    "control",
    "procurement",
)


def assessed_forms(b: Context) -> list[str]:
    """The formal forms among the evaluated options, in catalogue order."""
    used = {o.partition(":")[0] for sev in b.ev.values() for o in sev.feasibility}
    return [f for f in b.cat.forms if f in used and f not in NO_COOP]


def _cell(b: Context, form_id: str, fact_name: str) -> str:
    fact = getattr(b.cat.forms[form_id].facts, fact_name, None)
    if fact is None:
        return t(b.lang, "fact_missing")
    value = fact.value_en if (b.lang == "en" and fact.value_en) else fact.value
    if has(b.lang, f"fact_value_{value}"):
        value = t(b.lang, f"fact_value_{value}")
    text = f"{literal(value)} ({literal(fact.section)})"
    if fact.uncertain:
        text += f" [{t(b.lang, 'uncertain_mark')}]"
    return text


def forms_section(b: Context) -> Section | None:
    """A table with one column per assessed formal form and one row per fact (None when no
    formal form is assessed)."""
    forms = assessed_forms(b)
    if not forms:
        return None
    rows = tuple(
        (t(b.lang, f"fact_{name}"), *(_cell(b, f, name) for f in forms)) for name in FACT_ROWS
    )
    table = Table((t(b.lang, "h_fact"), *(b.form(f) for f in forms)), rows)
    return Section(
        "forms",
        t(b.lang, "forms_facts"),
        (Paragraph(t(b.lang, "forms_facts_text")), table),
        page_break=True,
    )


def procurement_caveat(b: Context, sid: str) -> Paragraph | None:
    """The procurement-law caveat where an option of ``sid`` is (or may be) a separate legal
    entity (koml. § 17-1 (3)); None when none is."""
    forms = []
    sections = []
    for o in b.ev[sid].feasibility:
        form_id = o.partition(":")[0]
        form = b.cat.forms.get(form_id)
        if form is None or form_id in forms or not form.formal:
            continue
        if form.facts.legal_entity.value in ("yes", "optional"):
            forms.append(form_id)
            fact = form.facts.procurement
            if fact is not None:
                for part in fact.section.split(";"):
                    if part.strip() not in sections:
                        sections.append(part.strip())
    if not forms:
        return None
    return Paragraph(
        t(
            b.lang,
            "procurement_caveat",
            forms=b.and_list([b.form(f) for f in forms]),
            section=literal("; ".join(sections) or "koml. § 17-1 (3)"),
        ),
        small=True,
    )
