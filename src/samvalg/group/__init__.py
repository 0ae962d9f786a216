r"""Group decisions: stakeholders' views, their aggregation, agreement and group robustness.

The weights and scores of an assessment come from workshops with several stakeholders (each
municipality, the employee representatives, working groups). The assessment file holds each
stakeholder's own weights (per criteria set, any elicitation method) and, optionally, their own
scores as sparse overrides of the common ones (``[stakeholders.<id>]``). This module

1. aggregates views: AHP judgments (:func:`aggregate_ahp`, AIJ and AIP), weight vectors
   (:func:`aggregate_weights`) and scores with their spread (:func:`aggregate_scores`), all
   weighted by the stakeholders' voting weights (:func:`voting_weights`);
2. builds each stakeholder's own assessment (:func:`stakeholder_assessment`, re-exported from
   :mod:`samvalg.assessment`, as :func:`voting_weights`) and the group's
   (:func:`group_assessment`);
3. measures agreement per service area (:func:`agreement`): each stakeholder's ranking, the
   rank correlation of every pair, Kendall's W, the criteria whose weights differ most, and
   whether every stakeholder gets the same top option, and if not, who differs and on which
   criteria (numbers and codes; the plain answer in bokmål and English is
   :func:`samvalg.text.agreement.answer_text`);
4. tests the group's robustness (:func:`group_smaa`): SMAA-2 with the weights drawn from the
   stakeholders' views, in proportion to their voting weights.

Voting weights (the default scheme, stated in every result)
-----------------------------------------------------------
*Equal voice per municipality, whatever its size* (the councils' likeverd): every municipality
has one unit, shared equally by its stakeholders that state no voting weight; a stakeholder
without a municipality (employee representatives, a working group, ...) has one unit of its
own; a stakeholder's stated ``voting_weight`` replaces its default unit. The units are
normalised to sum 1: :math:`p_s = u_s / \sum_t u_t`.

References
----------
Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio judgements. *Journal of
Mathematical Psychology* 27(1), 93-102.
Forman, E. & Peniwati, K. (1998). Aggregating individual judgments and priorities with the
analytic hierarchy process. *European Journal of Operational Research* 108(1), 165-169.
Barzilai, J. & Golany, B. (1994). AHP rank reversal, normalization and aggregation rules.
*INFOR* 32(2), 57-64.
Kendall, M. G. & Babington Smith, B. (1939). The problem of m rankings. *Annals of Mathematical
Statistics* 10(3), 275-287.
Pinto da Costa, J. & Soares, C. (2005). A weighted rank measure of correlation. *Australian &
New Zealand Journal of Statistics* 47(4), 515-529.
Sałabun, W. & Urbaniak, K. (2020). A new coefficient of rankings similarity in decision-making
problems. *ICCS 2020*, LNCS 12138, 632-645.
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
"""

from __future__ import annotations

from samvalg.assessment._stakeholders import (
    VotingWeights,
    stakeholder_assessment,
    voting_weights,
)
from samvalg.group._aggregate import ScoreAggregate, aggregate_scores, aggregate_weights
from samvalg.group._agreement import TOP_CRITERIA as TOP_CRITERIA
from samvalg.group._agreement import agreement
from samvalg.group._agreement_results import Divergence, GroupAgreement, ServiceAgreement
from samvalg.group._ahp import GroupAHPResult, aggregate_ahp
from samvalg.group._assessments import group_assessment
from samvalg.group._robustness import group_smaa
from samvalg.ranking import kendall_w

__all__ = [
    "Divergence",
    "GroupAHPResult",
    "GroupAgreement",
    "ScoreAggregate",
    "ServiceAgreement",
    "VotingWeights",
    "aggregate_ahp",
    "aggregate_scores",
    "aggregate_weights",
    "agreement",
    "group_assessment",
    "group_smaa",
    "kendall_w",
    "stakeholder_assessment",
    "voting_weights",
]
