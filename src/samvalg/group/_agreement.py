"""Do the stakeholders agree? Rankings, rank correlations, Kendall's W and the plain answer
per service area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import SamvalgError, argument_error
from samvalg.group._agreement_results import Divergence, GroupAgreement, ServiceAgreement
from samvalg.group._assessments import group_assessment, stakeholder_assessment
from samvalg.group._validation import _stakeholders_of
from samvalg.group._voting import voting_weights
from samvalg.ranking import kendall_w, rank, spearman, weighted_spearman, ws_similarity

__all__ = ["agreement"]


_ATOL = 1e-10
#: How many criteria :class:`ServiceAgreement` names as differing most / driving a difference.
TOP_CRITERIA = 3


def _pairwise(R: NDArray[np.float64], f: Any) -> NDArray[np.float64]:
    s, m = R.shape
    out = np.full((s, s), np.nan)
    if m < 2:
        return out
    i, k = np.meshgrid(np.arange(s), np.arange(s), indexing="ij")
    vals = np.asarray(f(R[i.ravel()], R[k.ravel()]), dtype=float)
    return vals.reshape(s, s)


def _names_list(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" og " if lang == "nb" else " and ") + items[-1]


def agreement(
    assessment: Any,
    *,
    view: str = "combined",
    method: str = "wsm",
    services: Sequence[str] | None = None,
    voting: Mapping[str, float] | None = None,
    weights: Literal["arithmetic", "geometric"] = "arithmetic",
    ahp_method: Literal["aij", "aip"] | None = "aij",
    **method_kwargs: Any,
) -> GroupAgreement:
    """Each stakeholder's ranking per service area, and how far the stakeholders agree.

    For each stakeholder, :func:`stakeholder_assessment` is evaluated with
    :func:`samvalg.evaluate`; the group's answer is the evaluation of
    :func:`group_assessment`. Per service area, over the options of `view` that are legally
    feasible and fully applicable:

    - ranks (1 = best) of each stakeholder; Spearman, weighted Spearman (Pinto da Costa &
      Soares 2005) and the WS similarity coefficient (Sałabun & Urbaniak 2020) of every pair
      (:mod:`samvalg.ranking`, equal to ``pymcdm.correlations``);
    - Kendall's W across the stakeholders (:func:`samvalg.ranking.kendall_w`);
    - the criteria whose global weights differ most (largest max - min);
    - the plain answer: does every stakeholder get the same top option; if not, who differs
      and on which criteria (:class:`Divergence`), in bokmål and English.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    view : str
        A view of :func:`samvalg.evaluate` (default ``"combined"``: all three criteria sets).
    method : str
        Aggregation method.
    services : sequence of str, optional
        Default: every service area of the assessment.
    voting, weights, ahp_method
        As in :func:`group_assessment`.
    **method_kwargs
        Passed to :func:`samvalg.evaluate`.

    Returns
    -------
    GroupAgreement

    Examples
    --------
    >>> import samvalg
    >>> g = agreement(samvalg.example_assessment(), services=["lonn"])
    >>> 0 <= g["lonn"].kendall_w <= 1
    True
    """
    from samvalg.evaluation import VIEWS, evaluate
    from samvalg.text.labels import option_label

    if view not in VIEWS:
        raise argument_error("view", f"unknown view {view!r}", ", ".join(VIEWS))
    stakeholders = _stakeholders_of(assessment)
    ids = tuple(stakeholders)
    names = tuple(stakeholders[i].name for i in ids)
    vw = voting_weights(assessment, voting)
    p = vw.vector(ids)
    wanted = list(assessment.services) if services is None else list(services)
    unknown = [s for s in wanted if s not in assessment.services]
    if unknown:
        raise SamvalgError(
            f"service(s) {', '.join(unknown)} not in the assessment "
            f"(allowed: {', '.join(assessment.services)})"
        )
    cat = assessment.catalogue
    evs = [
        evaluate(
            stakeholder_assessment(assessment, i), method=method, services=wanted, **method_kwargs
        )
        for i in ids
    ]
    g_ev = evaluate(
        group_assessment(assessment, voting=voting, weights=weights, ahp_method=ahp_method),
        method=method,
        services=wanted,
        **method_kwargs,
    )
    out: dict[str, ServiceAgreement] = {}
    for svc in wanted:
        views = [ev[svc][view] for ev in evs]
        gv = g_ev[svc][view]
        keep = [j for j, f in enumerate(gv.feasible) if f]
        options = tuple(gv.options[j] for j in keep)
        sign = 1.0 if gv.higher_is_better else -1.0
        values = np.array([[v.values[v.options.index(o)] for o in options] for v in views])
        R = np.asarray(rank(sign * values), dtype=float) if options else np.zeros((len(ids), 0))
        g_values = np.array([gv.values[gv.options.index(o)] for o in options])
        g_ranks = np.asarray(rank(sign * g_values), dtype=float) if options else np.zeros(0)
        group_top = gv.best
        tied = {i: tuple(v.ties_at_top) for i, v in zip(ids, views, strict=True)}
        # a stakeholder whose best options tie counts as agreeing with the group if the
        # group's top is among them
        tops = {
            i: (group_top if group_top in tied[i] else v.best)
            for i, v in zip(ids, views, strict=True)
        }
        recs = {i: ev[svc].recommendation for i, ev in zip(ids, evs, strict=True)}
        W = float(kendall_w(R)) if len(options) >= 2 else math.nan
        crit = tuple(gv.criteria)
        GW = np.stack([np.asarray(v.weights, dtype=float) for v in views])
        gw = np.asarray(gv.weights, dtype=float)
        wr = GW.max(axis=0) - GW.min(axis=0)
        order = np.argsort(-wr, kind="stable")
        most = tuple(crit[j] for j in order[:TOP_CRITERIA] if wr[j] > _ATOL)
        share: dict[str, float] = {o: 0.0 for o in options}
        for k, i in enumerate(ids):
            for o in tied[i]:
                share[o] += float(p[k])
        common = set(options)
        for i in ids:
            common &= set(tied[i])
        unanimous = bool(common)
        if unanimous and group_top not in common:
            first = next(o for o in options if o in common)
            tops = dict.fromkeys(ids, first)
        divs = []
        if group_top is not None:
            gi = gv.options.index(group_top)
            Xg = np.asarray(gv.value_matrix, dtype=float)
            for k, (sid, v) in enumerate(zip(ids, views, strict=True)):
                t = tops[sid]
                if t is None or t == group_top:
                    continue
                Xs = np.asarray(v.value_matrix, dtype=float)
                ws = np.asarray(v.weights, dtype=float)
                ds = Xs[v.options.index(t)] - Xs[v.options.index(group_top)]
                dg = Xg[gv.options.index(t)] - Xg[gi]
                D = ws * ds - gw * dg
                wpart = (ws - gw) * dg
                spart = D - wpart
                idx = [j for j in np.argsort(-D, kind="stable") if D[j] > _ATOL][:TOP_CRITERIA]
                divs.append(
                    Divergence(
                        stakeholder=sid,
                        name=names[k],
                        top=t,
                        drivers=tuple(crit[j] for j in idx),
                        contribution=tuple(float(D[j]) for j in idx),
                        weight_part=tuple(float(wpart[j]) for j in idx),
                        score_part=tuple(float(spart[j]) for j in idx),
                        weight_diff=tuple(float(ws[j] - gw[j]) for j in idx),
                    )
                )
        answer_nb, answer_en = _answers(
            ids, names, tops, group_top, unanimous, divs, W, len(options), cat, option_label
        )
        out[svc] = ServiceAgreement(
            service=svc,
            view=view,
            method=g_ev.method,
            stakeholders=ids,
            names=names,
            voting=vw,
            options=options,
            values=values,
            ranks=R,
            top=tops,
            tied_top=tied,
            recommendation=recs,
            group_values=g_values,
            group_ranks=g_ranks,
            group_top=group_top,
            spearman=_pairwise(R, spearman),
            weighted_spearman=_pairwise(R, weighted_spearman),
            ws_similarity=_pairwise(R, ws_similarity),
            kendall_w=W,
            criteria=crit,
            global_weights=GW,
            group_weights=gw,
            weight_range=wr,
            most_different=most,
            win_share=share,
            unanimous=unanimous,
            divergences=tuple(divs),
            answer_nb=answer_nb,
            answer_en=answer_en,
            illustrative=bool(assessment.meta.illustrative),
        )
    return GroupAgreement(
        title=assessment.meta.title,
        view=view,
        method=g_ev.method,
        voting=vw,
        services=out,
        illustrative=bool(assessment.meta.illustrative),
    )


def _answers(
    ids: Sequence[str],
    names: Sequence[str],
    tops: Mapping[str, str | None],
    group_top: str | None,
    unanimous: bool,
    divs: Sequence[Divergence],
    W: float,
    m: int,
    cat: Any,
    option_label: Any,
) -> tuple[str, str]:
    def opt(o: str | None, lang: str) -> str:
        if o is None:
            return "ingen lovlig rangert mulighet" if lang == "nb" else "no feasible option"
        return str(option_label(o, lang, cat))

    if m == 0:
        return (
            "Ingen mulighet er både lovlig og fullt vurdert i dette perspektivet.",
            "No option is both legally feasible and fully assessed in this view.",
        )
    s = len(ids)
    wtxt_nb = "" if math.isnan(W) else f" Kendalls W = {W:.2f}.".replace(".", ",", 1)
    wtxt_en = "" if math.isnan(W) else f" Kendall's W = {W:.2f}."
    if unanimous:
        t = next(iter(tops.values()))
        return (
            f"Ja: alle {s} interessentene får {opt(t, 'nb')} øverst.{wtxt_nb}",
            f"Yes: all {s} stakeholders get {opt(t, 'en')} on top.{wtxt_en}",
        )
    agree = [n for i, n in zip(ids, names, strict=True) if tops[i] == group_top]
    nb = [
        f"Nei: gruppen samlet får {opt(group_top, 'nb')} øverst"
        + (
            f", og {len(agree)} av {s} får det samme ({_names_list(agree, 'nb')})."
            if agree
            else ", men ingen av interessentene får det øverst alene."
        )
    ]
    en = [
        f"No: the group as a whole gets {opt(group_top, 'en')} on top"
        + (
            f", and {len(agree)} of {s} get the same ({_names_list(agree, 'en')})."
            if agree
            else ", but no single stakeholder does."
        )
    ]
    for d in divs:
        crit_nb = _names_list(d.phrases("nb", cat), "nb")
        crit_en = _names_list(d.phrases("en", cat), "en")
        nb.append(
            f"{d.name} får {opt(d.top, 'nb')} øverst"
            + (f", mest på grunn av {crit_nb}." if d.drivers else ".")
        )
        en.append(
            f"{d.name} gets {opt(d.top, 'en')} on top"
            + (f", mainly because of {crit_en}." if d.drivers else ".")
        )
    return " ".join(nb) + wtxt_nb, " ".join(en) + wtxt_en
