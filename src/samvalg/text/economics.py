"""The economics in words (bokmål and English): cost-sharing keys, the notes of a baseline or a
scenario analysis, and the records for ``data.json``.

:mod:`samvalg.economics` returns numbers and codes (:class:`~samvalg.economics._notes.Note`,
the reason codes of :attr:`Baseline.missing`, the key as given); these functions say them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samvalg._format import fmt_number
from samvalg.economics._assumptions import DISCOUNT_RATE_SOURCE

if TYPE_CHECKING:
    from samvalg.economics import Baseline, ScenarioAnalysis
    from samvalg.economics._notes import Note

__all__ = [
    "KEY_LABELS",
    "baseline_record",
    "key_text",
    "missing_text",
    "note_text",
    "scenario_analysis_record",
]

#: The simple cost-sharing keys in words: key -> (bokmål, English).
KEY_LABELS: Mapping[str, tuple[str, str]] = {
    "population": ("etter folketall", "by population"),
    "equal": ("lik andel per kommune", "equal share per municipality"),
    "usage": ("etter bruk/volum", "by use/volume"),
}

_MISSING = {
    "nb": (
        "saksframlegget har ingen bemanningstall for dette området; oppgi årsverk og kroner selv "
        "(baseline(extra=...))"
    ),
    "en": (
        "the council case has no staffing figures for this area; supply FTE and kroner "
        "(baseline(extra=...))"
    ),
}


def key_text(key: str | Mapping[str, float], lang: str = "nb") -> str:
    """A cost-sharing key in words: ``"etter folketall"``, ``"40 % lik andel per kommune +
    60 % etter folketall"``."""
    i = 0 if lang == "nb" else 1
    if isinstance(key, str):
        return KEY_LABELS.get(key, (key, key))[i]
    return " + ".join(
        f"{round(100 * float(w))} % {KEY_LABELS.get(k, (k, k))[i]}" for k, w in key.items()
    )


def missing_text(code: str, lang: str = "nb") -> str:
    """Why a service area has no baseline (:attr:`Baseline.missing`), in words."""
    return _MISSING["nb" if lang == "nb" else "en"] if code == "no_staffing_data" else code


def _n(x: Any, decimals: int = 0, lang: str = "nb") -> str:
    return fmt_number(float(x), lang, decimals)


def note_text(note: Note, lang: str = "nb") -> str:
    """One note of a baseline or a scenario analysis in words.

    Parameters
    ----------
    note : Note
        From :attr:`Baseline.notes` or :attr:`ScenarioAnalysis.notes`.
    lang : {"nb", "en"}

    Returns
    -------
    str
    """
    nb = lang == "nb"
    p = note.params
    code = note.code
    if code == "grouped_services":
        listing = "; ".join(f"{name} = {' + '.join(svcs)}" for name, svcs in p["groups"])
        if nb:
            return (
                "Saken oppgir bemanning for grupper av tjenester, ikke per tjeneste: "
                f"{listing}. Gruppen er enheten i grunnlaget."
            )
        return (
            "The case gives staffing for groups of services, not per service: "
            f"{listing}. The group is the unit of the baseline."
        )
    if code == "split_key":
        if nb:
            return (
                "Fordeling innen en gruppe (brukes bare når tall per tjeneste trengs, f.eks. i "
                "vertskommunefordelingen): "
                + (
                    "brukeroppgitt nøkkel"
                    if p["stated"]
                    else "lik andel per tjeneste (forutsetning)"
                )
                + "; kan erstattes med baseline(split=...)."
            )
        return (
            "Split within a group (used only where figures per service are needed, e.g. in "
            "the host allocation): "
            + ("user-supplied key" if p["stated"] else "equal share per service (assumption)")
            + "; replace it with baseline(split=...)."
        )
    if code == "printed_total_differs":
        if nb:
            return (
                f"{p['group']}: saken skriver TOTALT {_n(p['printed_fte'], 1)} årsverk / "
                f"{_n(p['printed_nok'])} kr, men radene summerer til "
                f"{_n(p['fte'], 1)} årsverk / {_n(p['nok'])} kr "
                f"(avvik {_n(p['difference_nok'])} kr). Beregningene bruker "
                "summen av radene (den trykte totalen ser ut som en skrivefeil; se katalogens "
                "merknad)."
            )
        return (
            f"{p['group']}: the case prints TOTAL {_n(p['printed_fte'], 1, 'en')} FTE / "
            f"{_n(p['printed_nok'], 0, 'en')} NOK, but the rows add up to "
            f"{_n(p['fte'], 1, 'en')} FTE / {_n(p['nok'], 0, 'en')} NOK "
            f"(difference {_n(p['difference_nok'], 0, 'en')} NOK). The computations use the "
            "sum of the rows (the printed total looks like a typo; see the catalogue's note)."
        )
    if code == "staff_outside_tables":
        if nb:
            return (
                f"{p['municipality']}: {_n(p['fte'], 2)} årsverk / {_n(p['nok'])} kr "
                f"«{p['name']}» står utenfor tabellene og er ikke regnet med."
            )
        return (
            f"{p['municipality']}: {_n(p['fte'], 2, 'en')} FTE / {_n(p['nok'], 0, 'en')} NOK "
            f"«{p['name']}» are outside the tables and not counted."
        )
    if code == "no_staffing_data":
        services = ", ".join(p["services"])
        if nb:
            return (
                f"Ingen bemanningstall i saken for {services} – oppgi dem med baseline(extra=...)."
            )
        return (
            f"No staffing figures in the case for {services} – supply them with "
            "baseline(extra=...)."
        )
    if code == "saving_basis":
        if nb:
            return (
                "Besparelsen regnes som en andel av dagens årsverk og lønnskostnad i de valgte "
                "gruppene (lønn inkl. sosiale utgifter; drift, lokaler og systemer er ikke med "
                "i saken)."
            )
        return (
            "The saving is a share of today's FTE and wage cost in the chosen groups (wages "
            "incl. social costs; running costs, premises and systems are not in the case)."
        )
    if code == "phase_in":
        steps = ", ".join(f"{float(x):.0%}" for x in p["phase_in"])
        if nb:
            return f"Innfasing {steps} av full effekt i år 1, 2, ... (illustrativ forutsetning)."
        return f"Phase-in {steps} of the full effect in years 1, 2, ... (illustrative assumption)."
    if code == "discount_rate":
        if nb:
            return f"Kalkulasjonsrente: {p['rate']} reell ({DISCOUNT_RATE_SOURCE})."
        return f"Discount rate: {p['rate']} real ({DISCOUNT_RATE_SOURCE})."
    if code == "illustrative_establishment":
        total = f"{p['total']:,}".replace(",", " ")
        if nb:
            return (
                f"Etableringskostnadene ({total} kr) er illustrative plassholdere, ikke tall "
                "fra saken: erstatt dem med prosjektets egne anslag."
            )
        return (
            f"The establishment costs ({total} NOK) are illustrative placeholders, not figures "
            "from the case: replace them with the project's own estimates."
        )
    if code == "grant_as_income":
        nok = fmt_number(int(p["nok"]), "nb" if nb else "en", 0)
        source = p.get("source") or ("kilde ikke oppgitt" if nb else "no source given")
        if nb:
            return f"Prosjekttilskuddet på {nok} kr er regnet som inntekt i år 0 ({source})."
        return f"The project grant of {nok} NOK counts as income in year 0 ({source})."
    return code


def baseline_record(baseline: Baseline) -> dict[str, Any]:
    """:meth:`Baseline.to_dict` with the words (bokmål): each missing area's reason and the
    notes."""
    out = baseline.to_dict()
    out["missing"] = {s: missing_text(c, "nb") for s, c in baseline.missing.items()}
    out["notes"] = [note_text(n, "nb") for n in baseline.notes]
    return out


def scenario_analysis_record(analysis: ScenarioAnalysis) -> dict[str, Any]:
    """:meth:`ScenarioAnalysis.to_dict` with the words (bokmål): the baseline's
    (:func:`baseline_record`) and the analysis' notes."""
    out = analysis.to_dict()
    out["baseline"] = baseline_record(analysis.baseline)
    out["notes"] = [note_text(n, "nb") for n in analysis.notes]
    return out
