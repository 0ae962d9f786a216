"""The group's aggregated assessment (each stakeholder's own is
:func:`samvalg.assessment._stakeholders.stakeholder_assessment`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.assessment._stakeholders import voting_weights
from samvalg.errors import SamvalgError
from samvalg.group._aggregate import aggregate_scores, aggregate_weights
from samvalg.group._ahp import aggregate_ahp
from samvalg.weights._ahp_result import AHPResult

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment
    from samvalg.assessment._records import WeightRecord

__all__ = ["group_assessment"]


def _records_for(assessment: Assessment, ids: Sequence[str], key: str) -> list[WeightRecord]:
    st = assessment.stakeholders
    return [st[i].weights.get(key, assessment.weights[key]) for i in ids]


def group_assessment(
    assessment: Assessment,
    *,
    voting: Mapping[str, float] | None = None,
    weights: Literal["arithmetic", "geometric"] = "arithmetic",
    ahp_method: Literal["aij", "aip"] | None = "aij",
    spread: Literal["range", "sd"] = "range",
) -> Assessment:
    r"""The group's assessment: aggregated weights and scores, weighted by voting weight.

    Weights, per table (each criteria set, and the set weights), over every stakeholder's table
    (their own, or the common one they inherit):

    - when every table is AHP and ``ahp_method`` is given: :func:`aggregate_ahp` of the
      matrices (reordered to catalogue order). AIJ keeps an ``"ahp"`` record with the group
      matrix and its CR; AIP gives a ``"direct"`` record of the aggregated priorities;
    - otherwise :func:`aggregate_weights` of the weight vectors (``weights`` = arithmetic or
      geometric mean), recorded as ``"direct"``;
    - objective weights (computed per service from the scores) are kept when every stakeholder
      inherits them; mixing them with stated views is an error.

    Scores: :func:`aggregate_scores` per cell over the stakeholders' scores (their overrides or
    the common cell), with ``spread`` as the cell's ``low``/``high``. Cells nobody overrides
    keep the common score unchanged.

    The result is built directly (not re-read from file form): on the pluss-minus scale a
    group mean may lie between two steps (e.g. 1.5), which the file format does not allow, so
    the group assessment is for computing (:func:`samvalg.evaluate`,
    :func:`samvalg.smaa.smaa_service`), not for writing back.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    voting : mapping, optional
        Voting units overriding the file (:func:`voting_weights`).
    weights : {"arithmetic", "geometric"}
    ahp_method : {"aij", "aip"} or None
        ``None`` treats AHP tables as plain vectors.
    spread : {"range", "sd"}

    Returns
    -------
    Assessment
        Title ``"<title> – gruppen samlet"``; no stakeholders; ``source = "<group>"``.

    Examples
    --------
    >>> import samvalg
    >>> g = group_assessment(samvalg.example_assessment())
    >>> g.weights["gains"].method                # every stakeholder's gains table is AHP
    'ahp'
    >>> round(float(g.weights_for("strategy").sum()), 12)
    1.0
    """
    from samvalg.assessment import Assessment, Score, ServiceAssessment, WeightRecord

    vw = voting_weights(assessment, voting)
    ids = list(assessment.stakeholders)
    p = vw.vector(ids)
    new_weights: dict[str, Any] = {}
    for key, common in assessment.weights.items():
        recs = _records_for(assessment, ids, key)
        labels = tuple(common.labels)
        if any(r.vector is None for r in recs):
            if all(r.vector is None and dict(r.input) == dict(common.input) for r in recs):
                new_weights[key] = common
                continue
            raise SamvalgError(
                f"weights of {key!r}: the common weights are objective (computed per service "
                "from the scores) and some stakeholders state their own; give every "
                f"stakeholder a [stakeholders.<id>.weights.{key}] table or none"
            )
        if ahp_method is not None and all(r.method == "ahp" for r in recs):
            mats = []
            for r in recs:
                order = list(r.input["criteria"])
                idx = [order.index(c) for c in labels]
                assert isinstance(r.result, AHPResult)  # method "ahp" holds its AHP result
                mats.append(np.asarray(r.result.matrix)[np.ix_(idx, idx)])
            res = aggregate_ahp(mats, method=ahp_method, weights=p, labels=labels)
            if ahp_method == "aij":
                new_weights[key] = WeightRecord(
                    key,
                    "ahp",
                    {
                        "method": "ahp",
                        "criteria": list(labels),
                        "matrix": np.asarray(res.matrix).tolist(),
                        "variant": "eigen",
                    },
                    _ro(res.weights),
                    labels,
                    f"group AHP (AIJ: weighted geometric mean of the judgments), "
                    f"CR = {res.cr:.3f}; voting scheme {vw.scheme}",
                    res,
                )
                continue
            vec = np.asarray(res.weights, dtype=float)
            note = (
                f"group AHP (AIP: weighted geometric mean of the priorities; individual "
                f"CR {', '.join(f'{c:.3f}' for c in res.individual_cr)}); voting scheme {vw.scheme}"
            )
        else:
            V = np.stack([np.asarray(r.vector, dtype=float) for r in recs])
            vec = aggregate_weights(V, p, weights)
            note = (
                f"group weights ({weights} mean of the stakeholders' weights); "
                f"voting scheme {vw.scheme}"
            )
            res = None
        new_weights[key] = WeightRecord(
            key,
            "direct",
            {"method": "direct", "values": dict(zip(labels, vec.tolist(), strict=True))},
            _ro(vec),
            labels,
            note,
            res,
        )

    services = {}
    for svc, sa in assessment.services.items():
        scores: dict[str, dict[str, Any]] = {}
        for opt in sa.options:
            key = str(opt)
            cells = dict(sa.scores[key])
            overridden = {
                c for i in ids for c in assessment.stakeholders[i].scores.get(svc, {}).get(key, {})
            }
            for c in overridden:
                common_score = sa.scores[key][c]
                own = [
                    assessment.stakeholders[i].scores.get(svc, {}).get(key, {}).get(c, common_score)
                    for i in ids
                ]
                vals = np.array([s.value for s in own], dtype=float)
                lo = np.array([s.interval[0] for s in own], dtype=float)
                hi = np.array([s.interval[1] for s in own], dtype=float)
                scale = assessment.scale_of(c)
                agg = aggregate_scores(
                    vals, p, low=lo, high=hi, spread=spread, bounds=(scale.lower, scale.upper)
                )
                who = [
                    assessment.stakeholders[i].name
                    for i in ids
                    if c in assessment.stakeholders[i].scores.get(svc, {}).get(key, {})
                ]
                cells[c] = Score(
                    float(agg.value),
                    float(agg.low),
                    float(agg.high),
                    f"Gruppens vektede snitt (egne skårer fra {', '.join(who)}; "
                    f"spenn {spread}). {common_score.rationale}".strip(),
                )
            scores[key] = cells
        services[svc] = ServiceAssessment(svc, sa.options, scores)
    meta = assessment.meta.model_copy(update={"title": f"{assessment.meta.title} – gruppen samlet"})
    return Assessment(
        meta=meta,
        scales=dict(assessment.scales),
        weights=new_weights,
        services=services,
        source="<group>",
        catalogue=assessment.catalogue,
        schema_version=assessment.schema_version,
    )


def _ro(a: ArrayLike) -> NDArray[np.float64]:
    out = np.array(a, dtype=float, copy=True)
    out.setflags(write=False)
    return out
