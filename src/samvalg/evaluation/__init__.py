"""Evaluate an assessment: the case's two questions, per service area.

The council case asks two questions for each service area (tjenesteområde):

1. *Whether to cooperate* (``"whether"``): the strategy criteria (in the shipped catalogue, a
   municipality's adopted cooperation strategy, see the set's ``source``) and the phase-1 gain
   criteria, over every option, including ``egen_drift`` and ``fagnettverk``.
2. *In which form* (``"form"``): the model criteria, over the formal cooperation forms; its best
   lawful option is the answer (:attr:`ServiceEvaluation.recommendation`).

A third, ``"combined"`` view weighs all three criteria sets with the hierarchical set weights,
over the options to which every criterion applies; it is a comparison, not the answer to
question 2. Each criteria set is also available on its own
(``"strategy"``, ``"gains"``, ``"model"``).

Per view: the value of each option, its rank, the per-criterion contributions (additive methods),
the legal feasibility, and the weights used with where they came from. Options the law rules out
stay visible with the legal reason but are ranked after every feasible option, never first.
Options with a criterion marked not applicable ("na") in a view are left out of that view's
ranking and listed with the reason; they are never scored zero.

Value model
-----------
Scores are mapped to 0-1 by the scale-anchored value function
:math:`v_{ij} = (x_{ij} - \\ell_j) / (u_j - \\ell_j)` where :math:`[\\ell_j, u_j]` are the bounds
of the criterion's declared scale, so adding or removing an option never changes another option's
value. Then:

- ``wsm``: :math:`V_i = \\sum_j w_j v_{ij}` (no further normalisation; Fishburn 1967).
- ``topsis``, ``vikor``, ``promethee_ii``: the method's own normalisation applied to :math:`v`.
- ``wpm``: needs a ratio scale with a positive zero; scores are translated so the scale's lower
  bound is 1 (:math:`x - \\ell_j + 1`) and then sum-normalised, :math:`V_i = \\prod_j r_{ij}^{w_j}`.

Global weights are hierarchical: :math:`w_j = W_{s(j)} / \\sum_{s \\in view} W_s \\cdot w^{loc}_j`.

Bundles (``[bundles.<id>]``: several service areas in one cooperation) are answered too, in
``Evaluation.bundles``: an option is feasible for a bundle only if it is for every member, and
its value in each view is the members' values combined by the bundle's rule (FTE-weighted mean
by default; see :mod:`samvalg.evaluation._bundles`).

The package holds the result types (``_results``: :class:`Evaluation`,
:class:`ServiceEvaluation`, :class:`View`, ``OptionFeasibility``) and the computation
(``_evaluate``: :func:`evaluate`, :func:`reweigh` for a view under other weights, and
:data:`VIEWS`, the criteria sets of each view). The
views' names a person reads are in :mod:`samvalg.text.views`.
"""

from __future__ import annotations

from samvalg.evaluation._evaluate import VIEWS, evaluate, reweigh
from samvalg.evaluation._results import BundleEvaluation, Evaluation, ServiceEvaluation, View

__all__ = [
    "VIEWS",
    "BundleEvaluation",
    "Evaluation",
    "ServiceEvaluation",
    "View",
    "evaluate",
    "reweigh",
]
