"""Assessments: options, scores with rationale and uncertainty, scales and weight specifications.

An assessment scores, per service area, each cooperation option on every criterion of the three
criteria sets (strategy, gains, model), on a declared scale (numeric, default 1..5, or DFØ's
pluss-minus scale), with the weights of each set and of the sets, and how they were elicited.
A mapping in the structure of an assessment file (format: ``examples/example_assessment.toml``,
schema version 1) is validated once against the catalogue by :func:`from_mapping` and kept as
an immutable :class:`Assessment`; reading and writing files (TOML, workbooks) is
:mod:`samvalg.io`'s job (:func:`samvalg.load_assessment`). The economic criteria may instead
be derived from the savings scenarios (``[derived]`` and ``[economics]`` tables; see
:class:`DerivedCriterion` and ``docs/methods.md``, "Derived economic criteria").

Examples
--------
>>> import samvalg
>>> a = samvalg.example_assessment()
>>> M = a.matrix("lonn", "strategy")
>>> M.values.shape == (len(a.services["lonn"].options), 12)
True
>>> str(samvalg.Option.parse("vertskommune:melhus"))
'vertskommune:melhus'
"""

from __future__ import annotations

from samvalg.assessment._assessment import Assessment
from samvalg.assessment._bundles import BUNDLE_RULES, Bundle
from samvalg.assessment._derived import DerivedCriterion, EconomicsSettings
from samvalg.assessment._from_mapping import from_mapping
from samvalg.assessment._options import Option
from samvalg.assessment._records import SET_WEIGHTS_KEY, Meta, Stakeholder, WeightRecord
from samvalg.assessment._scales import PLUS_MINUS_LABELS, Scale, format_number
from samvalg.assessment._schema import WeightSpec
from samvalg.assessment._scores import Score, ScoreMatrix, ServiceAssessment
from samvalg.assessment._stakeholders import (
    VotingWeights,
    stakeholder_assessment,
    stakeholders_of,
    voting_weights,
)
from samvalg.assessment._views import VIEW_SETS, view_weights

__all__ = [
    "BUNDLE_RULES",
    "PLUS_MINUS_LABELS",
    "SET_WEIGHTS_KEY",
    "VIEW_SETS",
    "Assessment",
    "Bundle",
    "DerivedCriterion",
    "EconomicsSettings",
    "Meta",
    "Option",
    "Scale",
    "Score",
    "ScoreMatrix",
    "ServiceAssessment",
    "Stakeholder",
    "VotingWeights",
    "WeightRecord",
    "WeightSpec",
    "format_number",
    "from_mapping",
    "stakeholder_assessment",
    "stakeholders_of",
    "view_weights",
    "voting_weights",
]
