"""Do the stakeholders agree? Rankings, rank correlations, Kendall's W and who differs, per
service area (numbers and codes; the plain answer in words: :mod:`samvalg.text.agreement`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from samvalg.assessment._stakeholders import (
    stakeholder_assessment,
    stakeholders_of,
    voting_weights,
)
from samvalg.errors import SamvalgError, argument_error
from samvalg.group._agreement_results import Divergence, GroupAgreement, ServiceAgreement
from samvalg.group._assessments import group_assessment
from samvalg.ranking import kendall_w, rank, spearman, weighted_spearman, ws_similarity

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

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


def agreement(
    assessment: Assessment,
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
    - does every stakeholder get the same top option; if not, who differs and on which
      criteria (:class:`Divergence`); the plain answer in bokmål or English is
      :func:`samvalg.text.agreement.answer_text`.

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

    if view not in VIEWS:
        raise argument_error("view", f"unknown view {view!r}", ", ".join(VIEWS))
    stakeholders = stakeholders_of(assessment)
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
            illustrative=bool(assessment.meta.illustrative),
            catalogue=cat,
        )
    return GroupAgreement(
        title=assessment.meta.title,
        view=view,
        method=g_ev.method,
        voting=vw,
        services=out,
        illustrative=bool(assessment.meta.illustrative),
    )
