"""The whole assessment file as one pydantic model, for its JSON Schema (``samvalg schema``).

The validator (:mod:`samvalg.assessment._validate`) checks the file table by table with the
specs of :mod:`samvalg.assessment._schema` and :class:`~samvalg.assessment.Meta`, then checks
the ids against the catalogue. This module composes those tables into :class:`AssessmentFile`,
whose JSON Schema describes every table and key of the TOML file (read as JSON: a TOML date
becomes an ISO 8601 string). The weight specs are subclassed, not copied, so their fields and
``method`` values stay the loader's; tests/test_schema.py checks that the key lists here equal
the loader's (``TOP_KEYS``, ``CELL_KEYS``, ``DERIVED_KEYS``, ``ECONOMICS_KEYS``).

The schema cannot see the catalogue: which criteria sets, criteria, service areas, forms and
municipalities exist, which scale a set uses, and whether every cell is present are checked by
:func:`samvalg.load_assessment` only (``samvalg validate``). Everything it does say, the loader
enforces too: the schema is meant to accept every file the loader accepts, and it rejects
the mistakes it can see without the catalogue (unknown keys, wrong types, unknown methods).

These models are never used to validate files; they exist to generate the schema.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints

from samvalg.assessment._file_schema_economics import DerivedTable, EconomicsTable
from samvalg.assessment._file_schema_types import (
    AHP_FRACTION_PATTERN,
    CONFIG,
    ID_PATTERN,
    Id,
    NonNegative,
    NotApplicable,
    Number,
    OptionId,
    PlusMinusLabel,
    ScoreValue,
)
from samvalg.assessment._schema import (
    AHPSpec,
    DirectSpec,
    EqualSpec,
    ObjectiveSpec,
    PointsSpec,
    RankSpec,
    ScaleSpec,
    StakeholderSpec,
    SwingSpec,
)

__all__ = ["AssessmentFile", "assessment_schema"]

SCHEMA_ID = "urn:samvalg:schema:assessment:1"


# --------------------------------------------------------------------------------------------
# [meta], [scales]
# --------------------------------------------------------------------------------------------


class MetaTable(BaseModel):
    """[meta]: what the assessment is, when and by whom."""

    model_config = CONFIG
    title: Annotated[StrictStr, Field(min_length=1, description="Title (required).")]
    illustrative: bool = Field(False, description="true for made-up example scores.")
    description: str = Field("", description="What the assessment covers.")
    date: datetime.date | None = Field(
        None, description='A TOML date (2026-11-27) or ISO text "2026-11-27".'
    )
    authors: list[StrictStr] = Field([], description="Who made the assessment.")


class ScaleTable(ScaleSpec):
    """[scales] entry of one criteria set. numeric: scores from min to max (default 1..5,
    higher is better for a benefit criterion); plus_minus: DFØ's nine-step scale "----" ..
    "++++" (-4..4) against the zero option egen_drift, without min and max."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"kind": {"const": "plus_minus"}}, "required": ["kind"]},
            "then": {"not": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]}},
        }
    )
    kind: Literal["numeric", "plus_minus"] = Field("numeric", description="The scale kind.")
    min: Number | None = Field(
        None, description="Lowest score of a numeric scale (default 1); below max."
    )
    max: Number | None = Field(None, description="Highest score of a numeric scale (default 5).")


# --------------------------------------------------------------------------------------------
# [weights.<set>], [weights.sets]
# --------------------------------------------------------------------------------------------


class PointsWeights(PointsSpec):
    """method = "points": points per criterion (or per set in [weights.sets]), normalised to
    sum 1. Every criterion needs a value (0 is allowed), not all 0."""

    points: dict[Id, NonNegative] = Field(
        description="{criterion = points}; every criterion of the set once."
    )
    total: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = Field(
        None, description="The stated sum of the points (e.g. 100); checked when given."
    )


RankItem = Annotated[
    Id | Annotated[list[Id], Field(min_length=1)],
    Field(description="A criterion id, or a list of ids that tie at this rank."),
]


class RankWeights(RankSpec):
    """method = "rank": weights from a ranking, most important first; a nested list is a tie
    (the tied criteria share the mean weight of their positions)."""

    ranking: Annotated[
        list[RankItem],
        Field(
            min_length=1,
            description=(
                'Most important first, e.g. ["a", ["b", "c"], "d"]; every criterion exactly once.'
            ),
        ),
    ]
    formula: Literal["roc", "rank_sum", "rank_reciprocal"] = Field(
        "roc",
        description="roc: rank order centroid; rank_sum: (n - r + 1) / sum; "
        "rank_reciprocal: (1/r) / sum.",
    )


class SwingWeights(SwingSpec):
    """method = "swing": each criterion's swing from worst to best rated 0..100 against the
    most important swing (= 100); normalised to sum 1."""

    swing: dict[Id, Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]] = Field(
        description="{criterion = rating 0..100}; every criterion once, the largest = 100."
    )


AHPEntry = Annotated[
    Annotated[float, Field(gt=0, allow_inf_nan=False)]
    | Annotated[str, StringConstraints(pattern=AHP_FRACTION_PATTERN)],
    Field(
        description='A positive judgment on Saaty\'s 1/9..9 scale: a number or a fraction "1/3".'
    ),
]


class AHPWeights(AHPSpec):
    """method = "ahp": Saaty's pairwise comparisons. matrix[i][j] says how much more important
    criteria[i] is than criteria[j]; the diagonal is 1 and matrix[j][i] = 1 / matrix[i][j]
    (within 5 %; the upper triangle is used)."""

    criteria: list[Id] = Field(description="Every criterion of the set once, in matrix order.")
    matrix: list[list[AHPEntry]] = Field(
        description="n rows of n judgments (n = number of criteria)."
    )
    variant: Literal["eigen", "geometric"] = Field(
        "eigen", description="eigen: principal eigenvector (Saaty); geometric: row geometric means."
    )


class EqualWeights(EqualSpec):
    """method = "equal": every criterion the same weight (the default for a set without a
    [weights] table)."""


class DirectWeights(DirectSpec):
    """method = "direct": weights stated directly, non-negative, normalised to sum 1."""

    values: dict[Id, NonNegative] = Field(
        description="{criterion = weight}; every criterion once, not all 0."
    )


class ObjectiveWeights(ObjectiveSpec):
    """method = "objective": weights computed per service area from its scores (not for
    [weights.sets] or a stakeholder)."""

    measure: Literal["entropy", "critic", "std"] = Field(
        "entropy", description="entropy, critic or std (standard deviation)."
    )


_JUDGED = PointsWeights | RankWeights | SwingWeights | AHPWeights | EqualWeights | DirectWeights
JudgedWeights = Annotated[_JUDGED, Field(discriminator="method")]
"""A weights table of any method but objective."""
SetWeights = Annotated[_JUDGED | ObjectiveWeights, Field(discriminator="method")]
"""A weights table of a criteria set: any method."""


class WeightsTables(BaseModel):
    """[weights]: one table per criteria set ([weights.<set>], criteria against each other)
    and [weights.sets] (the sets against each other). A table left out means equal weights."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        strict=True,
        json_schema_extra={"propertyNames": {"pattern": ID_PATTERN}},
    )
    sets: JudgedWeights | None = Field(
        None, description="Weights of the criteria sets against each other (keys: set ids)."
    )
    __pydantic_extra__: dict[str, SetWeights] = Field(init=False)


class StakeholderWeightsTables(BaseModel):
    """[stakeholders.<id>.weights]: the stakeholder's own weights tables, like [weights] but
    without method = "objective"; a table left out is the common one."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        strict=True,
        json_schema_extra={"propertyNames": {"pattern": ID_PATTERN}},
    )
    sets: JudgedWeights | None = Field(
        None, description="The stakeholder's weights of the criteria sets."
    )
    __pydantic_extra__: dict[str, JudgedWeights] = Field(init=False)


# --------------------------------------------------------------------------------------------
# [services.<id>] and score cells
# --------------------------------------------------------------------------------------------


class CellTable(BaseModel):
    """A score cell with its rationale and uncertainty interval: low <= value <= high (on the
    set's scale). A "na" cell has no low or high."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        json_schema_extra={
            "if": {"properties": {"value": {"const": "na"}}, "required": ["value"]},
            "then": {"not": {"anyOf": [{"required": ["low"]}, {"required": ["high"]}]}},
        },
    )
    value: Annotated[
        Number | PlusMinusLabel | NotApplicable, Field(description='The score, or "na".')
    ]
    rationale: str = Field("", description="Why this score (shown in the briefing).")
    low: ScoreValue | None = Field(
        None, description="Lower end of the uncertainty interval (SMAA samples within it)."
    )
    high: ScoreValue | None = Field(None, description="Upper end of the uncertainty interval.")


Cell = Annotated[
    Number | PlusMinusLabel | NotApplicable | CellTable,
    Field(
        description='A score: a number, a pluss-minus label such as "++", "na", or a table '
        "{ value, rationale, low, high }."
    ),
]


class ServiceTable(BaseModel):
    """[services.<id>]: the options compared for one service area and their scores.
    [services.<id>.scores.<option>] holds one cell per criterion of every set (criteria
    derived in [derived] are left out)."""

    model_config = CONFIG
    options: Annotated[
        list[OptionId],
        Field(
            min_length=2,
            json_schema_extra={"uniqueItems": True},
            description='At least 2 options: "egen_drift", "fagnettverk", '
            '"iks", "vertskommune:<host>" (form:host), ...',
        ),
    ]
    scores: dict[OptionId, dict[Id, Cell]] = Field(
        {},
        description="{option = {criterion = cell}}; every option in options needs a cell "
        "for every criterion.",
    )


# --------------------------------------------------------------------------------------------
# [stakeholders.<id>]
# --------------------------------------------------------------------------------------------


class StakeholderCellTable(CellTable):
    """A stakeholder's override of one cell: as a score cell, but never "na" (whether a
    criterion applies is part of the common assessment)."""

    value: ScoreValue = Field(description="The stakeholder's score.")


StakeholderCell = Annotated[
    Number | PlusMinusLabel | StakeholderCellTable,
    Field(
        description="An override: a number, a pluss-minus label, or { value, rationale, low, "
        'high }; not "na".'
    ),
]


class StakeholderTable(StakeholderSpec):
    """[stakeholders.<id>]: a party in the group analysis, with only what differs from the
    common assessment: own weights tables and sparse score overrides."""

    name: Annotated[
        StrictStr,
        Field(min_length=1, description="Readable name, e.g. a municipality's or a union's name."),
    ]
    role: Literal[
        "municipality", "employee_representatives", "working_group", "politicians", "other"
    ] = Field(description="The stakeholder's role.")
    municipality: Id | None = Field(
        None,
        description="Municipality the stakeholder speaks "
        "for (role municipality: defaults to "
        "the stakeholder id).",
    )
    voting_weight: NonNegative | None = Field(
        None,
        description="Voice in the aggregation (default: each municipality's stakeholders "
        "share one equal unit; others 1 each).",
    )
    description: str = Field("", description="Who they are and what they weigh.")
    weights: StakeholderWeightsTables | None = Field(None, description="Own weights tables.")
    scores: dict[Id, dict[OptionId, dict[Id, StakeholderCell]]] = Field(
        {},
        description="Overrides {service = {option = {criterion = cell}}} of applicable, "
        "judged cells.",
    )


class BundleTable(BaseModel):
    """[bundles.<id>]: service areas to be organised in one cooperation (one option for all
    members); the members must assess the same options and belong to no other bundle."""

    model_config = CONFIG
    services: Annotated[
        list[Id],
        Field(min_length=2, description="The member service areas (two or more, assessed)."),
    ]
    rule: Literal["fte", "equal", "min"] = Field(
        "fte",
        description="How the members' values are combined: fte = FTE-weighted mean (FTE from "
        "the catalogue's staffing tables or from fte), equal = plain mean, min = the worst "
        "member.",
    )
    name_nb: str = Field("", description="Name in bokmål (default: the members' names).")
    name_en: str = Field("", description="Name in English (default: the members' names).")
    fte: dict[Id, Annotated[float, Field(gt=0, allow_inf_nan=False)]] = Field(
        {},
        description="{member = FTE} for rule fte, overriding the catalogue's staffing tables "
        "(required for members the catalogue has no FTE for).",
    )


# --------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------


class AssessmentFile(BaseModel):
    """A samvalg assessment file (schema_version 1): the scores of the options of each service
    area on the catalogue's criteria, the weights, and optionally stakeholders and criteria
    derived from the economics. Ids (criteria sets, criteria, service areas, forms,
    municipalities) are those of the catalogue, which this schema cannot see: run
    `samvalg validate FILE` for those checks."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, title="samvalg assessment file"
    )
    schema_version: Literal[1] = Field(description="The file format version: 1.")
    meta: MetaTable = Field(description="What the assessment is.")
    scales: dict[Id, ScaleTable] = Field(
        {}, description="{criteria set = scale}; a set left out is numeric 1..5."
    )
    weights: WeightsTables | None = Field(None, description="Weights tables.")
    services: Annotated[
        dict[Id, ServiceTable],
        Field(min_length=1, description="{service area = options and scores}; at least one."),
    ]
    stakeholders: dict[str, StakeholderTable] = Field(
        {}, description="Parties of the group analysis (samvalg group)."
    )
    derived: dict[Id, DerivedTable] = Field(
        {}, description="Criteria derived from the economics instead of judged."
    )
    economics: EconomicsTable | None = Field(
        None, description="Savings scenario settings for [derived]."
    )
    bundles: dict[Id, BundleTable] = Field(
        {},
        description="Bundles: service areas organised in one cooperation, answered together "
        "by samvalg evaluate, smaa, allocate and the briefing.",
    )


def assessment_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an assessment file, generated from the models.

    Returns
    -------
    dict
        The schema; ``$id`` names it, ``$defs`` hold the tables.
    """
    from samvalg._json_schema import DIALECT, FileJsonSchema

    body = AssessmentFile.model_json_schema(schema_generator=FileJsonSchema)
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **body}
