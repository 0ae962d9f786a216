"""Assessments: options, scores with rationale and uncertainty, scales and weight specifications.

An assessment scores, per service area, each cooperation option on every criterion of the three
criteria sets (strategy, gains, model), on a declared scale (numeric, default 1..5, or DFØ's
pluss-minus scale), with the weights of each set and of the sets, and how they were elicited.
It is read from a TOML file (format: ``examples/example_assessment.toml``, schema version 1) or
from a Python mapping with the same structure, validated once against the catalogue, and kept
as an immutable :class:`Assessment`. The economic criteria may instead be derived from the
savings scenarios (``[derived]`` and ``[economics]`` tables; see
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

from samvalg.assessment._derived import DerivedCriterion, EconomicsSettings
from samvalg.assessment._load import dump_toml, example_assessment, load_assessment
from samvalg.assessment._model import (
    Assessment,
    Meta,
    Option,
    Score,
    ScoreMatrix,
    ServiceAssessment,
    Stakeholder,
    WeightRecord,
)
from samvalg.assessment._scales import PLUS_MINUS_LABELS, Scale
from samvalg.assessment._schema import WeightSpec

__all__ = [
    "PLUS_MINUS_LABELS",
    "Assessment",
    "DerivedCriterion",
    "EconomicsSettings",
    "Meta",
    "Option",
    "Scale",
    "Score",
    "ScoreMatrix",
    "ServiceAssessment",
    "Stakeholder",
    "WeightRecord",
    "WeightSpec",
    "dump_toml",
    "example_assessment",
    "load_assessment",
]
