"""SMAA-2 results in words (bokmål and English): how the stakeholders' probabilities were set.

:class:`samvalg.smaa.ServiceSMAA` holds the code (``probability_basis``) and the numbers; these
functions say them, for the report, the command line and ``data.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samvalg.text.voting import scheme_text

if TYPE_CHECKING:
    from samvalg.smaa._results import ServiceSMAA

__all__ = ["probability_basis_text", "service_smaa_record"]


def probability_basis_text(result: ServiceSMAA, lang: str = "nb") -> str | None:
    """How the stakeholders' probabilities of `result` were set, or None without stakeholders.

    Parameters
    ----------
    result : ServiceSMAA
        From :func:`samvalg.smaa.smaa_service` or :func:`samvalg.group.group_smaa`.
    lang : {"nb", "en"}

    Returns
    -------
    str or None
    """
    nb = lang == "nb"
    code = result.probability_basis
    if code is None:
        return None
    if code == "voting" and result.voting is not None:
        head = "sannsynlighet = stemmevekt. " if nb else "probability = voting weight. "
        return head + scheme_text(result.voting, lang)
    if code == "given":
        p = result.stakeholder_probabilities or {}
        listing = ", ".join(f"{k} {x:.4g}" for k, x in p.items())
        return (
            f"sannsynligheter oppgitt i kallet ({listing})"
            if nb
            else f"probabilities given in the call ({listing})"
        )
    return (
        "lik sannsynlighet for hver interessent (vektene gitt i kallet)"
        if nb
        else "equal probability for each stakeholder (weights given in the call)"
    )


def service_smaa_record(result: ServiceSMAA, draws: bool = False) -> dict[str, Any]:
    """:meth:`ServiceSMAA.to_dict` with the probabilities' basis in words
    (``{"nb": ..., "en": ...}``, or None without stakeholders)."""
    out = result.to_dict(draws=draws)
    nb = probability_basis_text(result, "nb")
    out["probability_basis"] = (
        None if nb is None else {"nb": nb, "en": probability_basis_text(result, "en")}
    )
    return out
