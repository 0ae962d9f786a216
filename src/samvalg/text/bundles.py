"""The briefing's words about bundles (``[bundles.<id>]``: one cooperation for several service
areas), in bokmål and English, keyed by code; :func:`tb` looks one up.

Kept apart from :mod:`samvalg.text.briefing_nb` / ``_en`` so that the bundle chapter's wording
can change without touching the rest of the briefing's.
"""

from __future__ import annotations

__all__ = ["BUNDLE_TEXTS", "tb"]

_NB: dict[str, str] = {
    "chapter": "Samarbeid som dekker flere oppgaver (pakker)",
    "chapter_text": (
        "Saken sier at de samme kommunene kan samarbeide om flere oppgaver i ett "
        "interkommunalt samarbeid, men at den valgte modellen da må kunne brukes for alle "
        "oppgavene. Vurderingen samler derfor noen tjenesteområder i pakker. For en pakke er "
        "et alternativ lovlig bare hvis det er lovlig for hver tjeneste i pakken, og verdien "
        "er tjenestenes verdier slått sammen etter regelen som står under. Anbefalingen for "
        "en pakke gjelder alle tjenestene i den. Kapitlene per tjenesteområde viser hver "
        "tjeneste vurdert for seg, slik at det er mulig å se hva sammenslåingen betyr."
    ),
    "title": "Pakke: {name}",
    "rec_title": "Anbefaling for pakken: {option}",
    "rec_text": (
        "Verdi {value} ({view}); {legal} (den strengeste vurderingen blant tjenestene i "
        "pakken). I usikkerhetsanalysen (SMAA-2) kommer alternativet først i {share} av "
        "trekkene ({robust})."
    ),
    "gap": "Nest beste lovlige alternativ er {option} med verdi {value} (forskjell {gap}).",
    "gap_tiny": (
        "Forskjellen er så liten at vurderingen i praksis ikke skiller de to; valget mellom "
        "dem avhenger av skjønn og bør utredes videre."
    ),
    "rec_none": "Ingen alternativer er lovlige for alle tjenestene i pakken.",
    "members": "Tjenester: {members}.",
    "rule_fte": (
        "Regel: årsverksveid gjennomsnitt. Hver tjenestes verdi teller med sin andel av "
        "årsverkene: {shares}."
    ),
    "rule_equal": "Regel: enkelt gjennomsnitt; hver tjeneste teller likt ({shares}).",
    "rule_min": (
        "Regel: den svakeste tjenesten avgjør. Pakkens verdi for et alternativ er verdien for "
        "den tjenesten der alternativet kommer dårligst ut."
    ),
    "fte_catalogue": (
        "Årsverkene er hentet fra bemanningstabellen «{group}» i katalogen ({total} årsverk "
        "til sammen) og fordelt på tjenestene etter katalogens fordelingsnøkkel. Saken oppgir "
        "bare summen for gruppen, så fordelingen er en antakelse, ikke et tall fra saken."
    ),
    "fte_given": "Årsverkene for {members} er oppgitt i vurderingsfilen.",
    "h_bundle": "Pakken",
    "table_caption": "Pakkens verdi og hver tjenestes verdi ({view})",
    "alone": "Vurdert hver for seg: {list}.",
    "alone_differ": (
        "Hver for seg peker tjenestene mot ulike løsninger. I ett samarbeid må de ha samme "
        "form og vertskommune; da er det pakkens rangering som gjelder."
    ),
    "alone_same": "Hver for seg peker alle tjenestene mot den samme løsningen som pakken.",
    "ruled_out": "Ikke lovlig for pakken: {list}.",
    "ruled_out_item": "{option} (ikke lovlig for {members})",
    "sens_title": "Hva som kan endre pakkens anbefaling",
    "sens_nearest": (
        "Den minste enkeltendringen av en vekt som gir en annen anbefaling for pakken: "
        "{name} fra {current} til {new} gir {option}."
    ),
    "sens_none": "Ingen endring av én enkelt vekt gir en annen anbefaling for pakken.",
    "robust_title": "Hvor sikker er rangeringen for pakken?",
    "robust_text": (
        "Samme usikkerhetsanalyse som for hvert tjenesteområde ({n} trekk): hvert trekk av "
        "vekter brukes på alle tjenestene i pakken, og verdiene slås sammen etter regelen."
    ),
    "member_note": (
        "{service} inngår i pakken «{bundle}». Anbefalingen for pakken ({option}) gjelder "
        "for samarbeidet; under vises tjenesten vurdert for seg."
    ),
    "member_note_title": "Del av en pakke",
    "sum_text": (
        "Tjenester som skal inn i ett samarbeid (en pakke), må ha samme samarbeidsløsning. "
        "For dem gjelder pakkens anbefaling, ikke anbefalingen for hver tjeneste i tabellen "
        "over (se kapitlet om pakker):"
    ),
    "h_rec": "Anbefalt for pakken",
    "h_alone": "Tjenestene hver for seg",
    "sum_same": "samme",
    "sum_differ": "ulike anbefalinger",
}

_EN: dict[str, str] = {
    "chapter": "Cooperation covering several tasks (bundles)",
    "chapter_text": (
        "The case says the same municipalities may cooperate on several tasks in one "
        "inter-municipal cooperation, but that the chosen model must then suit all of them. "
        "The assessment therefore groups some service areas into bundles. For a bundle an "
        "option is lawful only if it is lawful for every service area in it, and its value is "
        "the service areas' values combined by the rule stated below. A bundle's "
        "recommendation applies to all its service areas. The chapters per service area show "
        "each one on its own, so that what the combining does can be seen."
    ),
    "title": "Bundle: {name}",
    "rec_title": "Recommendation for the bundle: {option}",
    "rec_text": (
        "Value {value} ({view}); {legal} (the strictest verdict among the bundle's service "
        "areas). In the uncertainty analysis (SMAA-2) the option comes first in {share} of "
        "the draws ({robust})."
    ),
    "gap": "The next best lawful option is {option} with value {value} (difference {gap}).",
    "gap_tiny": (
        "The difference is so small that the assessment does not in practice separate the "
        "two; the choice between them hinges on judgment and should be studied further."
    ),
    "rec_none": "No option is lawful for every service area in the bundle.",
    "members": "Service areas: {members}.",
    "rule_fte": (
        "Rule: FTE-weighted mean. Each service area's value counts with its share of the "
        "FTE: {shares}."
    ),
    "rule_equal": "Rule: plain mean; every service area counts the same ({shares}).",
    "rule_min": (
        "Rule: the weakest service area decides. The bundle's value for an option is its "
        "value in the service area where it does worst."
    ),
    "fte_catalogue": (
        "The FTE come from the staffing table «{group}» of the catalogue ({total} FTE in "
        "all), split over the service areas by the catalogue's key. The case gives the "
        "group's total only, so the split is an assumption, not a figure from the case."
    ),
    "fte_given": "The FTE of {members} are given in the assessment file.",
    "h_bundle": "Bundle",
    "table_caption": "The bundle's value and each service area's ({view})",
    "alone": "Each on its own: {list}.",
    "alone_differ": (
        "On their own the service areas point to different solutions. In one cooperation "
        "they must share form and host; the bundle's ranking then applies."
    ),
    "alone_same": "On their own all service areas point to the same solution as the bundle.",
    "ruled_out": "Not lawful for the bundle: {list}.",
    "ruled_out_item": "{option} (not lawful for {members})",
    "sens_title": "What could change the bundle's recommendation",
    "sens_nearest": (
        "The smallest change of one weight that changes the bundle's recommendation: {name} "
        "from {current} to {new} gives {option}."
    ),
    "sens_none": "No change of a single weight changes the bundle's recommendation.",
    "robust_title": "How sure is the bundle's ranking?",
    "robust_text": (
        "The same uncertainty analysis as for each service area ({n} draws): each draw of "
        "weights is applied to every service area in the bundle, and the values are "
        "combined by the rule."
    ),
    "member_note": (
        "{service} is part of the bundle «{bundle}». The bundle's recommendation ({option}) "
        "applies to the cooperation; below, the service area on its own."
    ),
    "member_note_title": "Part of a bundle",
    "sum_text": (
        "Service areas in one cooperation (a bundle) must share one solution. For them the "
        "bundle's recommendation applies, not each service area's in the table above (see "
        "the chapter on bundles):"
    ),
    "h_rec": "Recommended for the bundle",
    "h_alone": "The service areas on their own",
    "sum_same": "the same",
    "sum_differ": "different recommendations",
}

#: Every bundle text, by language and code (the same codes in both).
BUNDLE_TEXTS: dict[str, dict[str, str]] = {"nb": _NB, "en": _EN}


def tb(lang: str, code: str, **values: object) -> str:
    """The bundle text ``code`` in ``lang`` with ``values`` inserted (``str.format``).

    Examples
    --------
    >>> tb("en", "title", name="Archive and mail registry")
    'Bundle: Archive and mail registry'
    """
    text = BUNDLE_TEXTS[lang][code]
    return text.format(**values) if values else text
