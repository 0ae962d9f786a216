"""The stakeholders' voting weights in words (bokmål and English).

:class:`samvalg.assessment._stakeholders.VotingWeights` holds the numbers and codes; these
functions say them, for the report, the command line and ``data.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samvalg.assessment._stakeholders import VotingWeights

__all__ = ["basis_text", "scheme_text", "voting_record"]

_DEFAULT = {
    "nb": (
        "lik stemme per kommune uansett størrelse: hver kommune har 1 enhet, delt likt "
        "mellom kommunens interessenter; en interessent uten kommune (f.eks. "
        "tillitsvalgte) har 1 enhet; normalisert til sum 1"
    ),
    "en": (
        "equal voice per municipality whatever its size: each municipality has 1 unit, "
        "shared equally by its stakeholders; a stakeholder without a municipality (e.g. "
        "employee representatives) has 1 unit; normalised to sum 1"
    ),
}


def scheme_text(vw: VotingWeights, lang: str = "nb") -> str:
    """The voting scheme in one sentence (``"Stemmevekt: ..."`` / ``"Voting weight: ..."``).

    Parameters
    ----------
    vw : VotingWeights
    lang : {"nb", "en"}

    Returns
    -------
    str
    """
    nb = lang == "nb"
    default = _DEFAULT["nb" if nb else "en"]
    listing = ", ".join(f"{k} {vw.units[k]:g}" for k in vw.stated)
    if vw.scheme == "equal_per_municipality":
        body = default
    elif vw.scheme == "stated":
        body = (
            f"oppgitte stemmevekter ({listing}); normalisert til sum 1"
            if nb
            else f"stated voting weights ({listing}); normalised to sum 1"
        )
    elif nb:
        body = f"oppgitte stemmevekter for {listing}; de øvrige etter standardordningen: " + default
    else:
        body = f"stated voting weights for {listing}; the others by the default: " + default
    return ("Stemmevekt: " if nb else "Voting weight: ") + body


def basis_text(vw: VotingWeights, stakeholder: str) -> str:
    """How one stakeholder's units were set, bokmål / English in one line."""
    code = vw.basis[stakeholder]
    if code == "call":
        return "oppgitt i kallet / stated in the call"
    if code == "file":
        return "oppgitt i fila / stated in the file"
    if code == "municipality":
        k = vw.sharing[stakeholder]
        m = vw.municipality[stakeholder]
        return f"andel 1/{k} av {m}s 1 enhet / share 1/{k} of {m}'s 1 unit"
    return "1 enhet (uten kommune) / 1 unit (no municipality)"


def voting_record(vw: VotingWeights) -> dict[str, Any]:
    """:meth:`VotingWeights.to_dict` with the words: each basis and the scheme in nb and en."""
    return {
        "weights": dict(vw.weights),
        "units": dict(vw.units),
        "basis": {k: basis_text(vw, k) for k in vw.basis},
        "scheme": vw.scheme,
        "scheme_nb": scheme_text(vw, "nb"),
        "scheme_en": scheme_text(vw, "en"),
    }
