"""The stakeholders' agreement in words (bokmål and English): the plain answer, what drives a
difference, the records for ``data.json`` and the HTML tables for notebooks.

:func:`samvalg.group.agreement` returns numbers and codes (:class:`ServiceAgreement`,
:class:`Divergence`); these functions say them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from samvalg.catalogue._labels import criterion_label, option_label
from samvalg.text.voting import scheme_text, voting_record

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue
    from samvalg.group import Divergence, GroupAgreement, ServiceAgreement

__all__ = [
    "answer_text",
    "driver_phrases",
    "group_agreement_html",
    "group_agreement_record",
    "names_list",
    "service_agreement_html",
    "service_agreement_record",
]

_ILLUSTRATIVE = "<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"


def names_list(items: Sequence[str], lang: str) -> str:
    """``"a, b og c"`` / ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" og " if lang == "nb" else " and ") + items[-1]


def driver_phrases(
    divergence: Divergence, lang: str = "nb", catalogue: Catalogue | None = None
) -> list[str]:
    """Each driver of a divergence with what drives it: a higher or lower weight than the
    group's, or the stakeholder's own scores (``"økonomi (høyere vekt)"``)."""
    d = divergence
    out = []
    for c, w, sc, dw in zip(d.drivers, d.weight_part, d.score_part, d.weight_diff, strict=True):
        name = criterion_label(c, lang, catalogue).lower()
        if abs(sc) > abs(w):
            tag = "egne skårer" if lang == "nb" else "own scores"
        elif dw > 0:
            tag = "høyere vekt" if lang == "nb" else "higher weight"
        else:
            tag = "lavere vekt" if lang == "nb" else "lower weight"
        out.append(f"{name} ({tag})")
    return out


def answer_text(agreement: ServiceAgreement, lang: str = "nb") -> str:
    """The plain answer: does every stakeholder get the same top option, and if not, who
    differs and on which criteria.

    Parameters
    ----------
    agreement : ServiceAgreement
        One service area of :func:`samvalg.group.agreement`.
    lang : {"nb", "en"}

    Returns
    -------
    str
    """
    sa = agreement
    nb = lang == "nb"
    cat = sa.catalogue

    def opt(o: str | None) -> str:
        if o is None:
            return "ingen lovlig rangert mulighet" if nb else "no feasible option"
        return str(option_label(o, lang, cat))

    if len(sa.options) == 0:
        return (
            "Ingen mulighet er både lovlig og fullt vurdert i dette perspektivet."
            if nb
            else "No option is both legally feasible and fully assessed in this view."
        )
    s = len(sa.stakeholders)
    W = sa.kendall_w
    if math.isnan(W):
        wtxt = ""
    elif nb:
        wtxt = f" Kendalls W = {W:.2f}.".replace(".", ",", 1)
    else:
        wtxt = f" Kendall's W = {W:.2f}."
    if sa.unanimous:
        t = next(iter(sa.top.values()))
        if nb:
            return f"Ja: alle {s} interessentene får {opt(t)} øverst.{wtxt}"
        return f"Yes: all {s} stakeholders get {opt(t)} on top.{wtxt}"
    agree = [n for i, n in zip(sa.stakeholders, sa.names, strict=True) if sa.top[i] == sa.group_top]
    if nb:
        parts = [
            f"Nei: gruppen samlet får {opt(sa.group_top)} øverst"
            + (
                f", og {len(agree)} av {s} får det samme ({names_list(agree, 'nb')})."
                if agree
                else ", men ingen av interessentene får det øverst alene."
            )
        ]
    else:
        parts = [
            f"No: the group as a whole gets {opt(sa.group_top)} on top"
            + (
                f", and {len(agree)} of {s} get the same ({names_list(agree, 'en')})."
                if agree
                else ", but no single stakeholder does."
            )
        ]
    for d in sa.divergences:
        crit = names_list(driver_phrases(d, lang, cat), lang)
        if nb:
            parts.append(
                f"{d.name} får {opt(d.top)} øverst"
                + (f", mest på grunn av {crit}." if d.drivers else ".")
            )
        else:
            parts.append(
                f"{d.name} gets {opt(d.top)} on top"
                + (f", mainly because of {crit}." if d.drivers else ".")
            )
    return " ".join(parts) + wtxt


def service_agreement_record(agreement: ServiceAgreement) -> dict[str, Any]:
    """:meth:`ServiceAgreement.to_dict` with the words: the voting scheme and basis
    (:func:`samvalg.text.voting.voting_record`) and ``answer_nb``/``answer_en``."""
    out = agreement.to_dict()
    out["voting"] = voting_record(agreement.voting)
    out["answer_nb"] = answer_text(agreement, "nb")
    out["answer_en"] = answer_text(agreement, "en")
    return out


def group_agreement_record(agreement: GroupAgreement) -> dict[str, Any]:
    """:meth:`GroupAgreement.to_dict` with the words (see :func:`service_agreement_record`)."""
    out = agreement.to_dict()
    out["voting"] = voting_record(agreement.voting)
    out["services"] = {k: service_agreement_record(v) for k, v in agreement.items()}
    return out


def service_agreement_html(agreement: ServiceAgreement) -> str:
    """One service area's agreement as HTML (bokmål and English), for notebooks."""
    sa = agreement
    esc = html.escape
    label = _ILLUSTRATIVE if sa.illustrative else ""
    head = "".join(f"<th>{esc(n)}</th>" for n in sa.names)
    rows = []
    for j, opt in enumerate(sa.options):
        cells = "".join(f"<td>{int(sa.ranks[i, j])}</td>" for i in range(len(sa.stakeholders)))
        rows.append(
            f"<tr><td>{esc(opt)}</td>{cells}<td>{int(sa.group_ranks[j])}</td>"
            f"<td>{sa.win_share.get(opt, 0.0):.0%}</td></tr>"
        )
    w = "nan" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.3f}"
    return (
        f"{label}<p><b>{esc(sa.service)}</b> ({esc(sa.view)}, {esc(sa.method)}): "
        f"{esc(answer_text(sa, 'nb'))}</p><p><i>{esc(answer_text(sa, 'en'))}</i></p>"
        f"<table><tr><th>rang / rank</th>{head}<th>gruppen / group</th>"
        f"<th>vinner for / wins for</th></tr>{''.join(rows)}</table>"
        f"<p>Kendalls W = {w}; størst vektforskjell / largest weight differences: "
        f"{esc(', '.join(sa.most_different))}</p>"
        f"<p><small>{esc(scheme_text(sa.voting, 'nb'))}<br>{esc(scheme_text(sa.voting, 'en'))}"
        "</small></p>"
    )


def group_agreement_html(agreement: GroupAgreement) -> str:
    """The agreement of every service area as one HTML table (bokmål), for notebooks."""
    g = agreement
    esc = html.escape
    label = _ILLUSTRATIVE if g.illustrative else ""
    rows = []
    for sid, sa in g.items():
        w = "–" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.2f}"
        rows.append(
            f"<tr><td>{esc(sid)}</td><td>{w}</td><td>{esc(answer_text(sa, 'nb'))}</td></tr>"
        )
    return (
        f"{label}<table><caption>{esc(g.title)}: {esc(g.view)} "
        f"({esc(g.method)})</caption><tr><th>tjenesteområde</th><th>Kendalls W</th>"
        f"<th>svar</th></tr>{''.join(rows)}</table>"
        f"<p><small>{esc(scheme_text(g.voting, 'nb'))}</small></p>"
    )
