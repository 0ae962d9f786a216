"""The ``[derived.<criterion>]`` and ``[economics]`` tables of the assessment file as pydantic
models, for its JSON Schema (composed in :mod:`samvalg.assessment._file_schema`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samvalg.assessment._file_schema_types import (
    CONFIG,
    OPTION_PATTERN,
    Id,
    NonNegative,
    Number,
    Share,
)


class DerivedTable(BaseModel):
    """[derived.<criterion>]: the criterion is derived from the savings scenarios of
    [economics] per service area and option, not judged; its cells are left out of
    [services]."""

    model_config = CONFIG
    source: Literal["economics"] = Field(description="Where the scores come from.")
    measure: Literal["efficiency", "sharing"] | None = Field(
        None,
        description="efficiency: net present gain over today's cost; sharing: the "
        "worst-off municipality's gain over its own cost (default per "
        "criterion: okonomi_effektivisering efficiency, "
        "okonomi_kostnadsdeling sharing).",
    )
    services: (
        Annotated[
            list[Id],
            Field(
                min_length=1,
                json_schema_extra={"uniqueItems": True},
                description="Service areas where it is derived (default: every assessed one).",
            ),
        ]
        | None
    ) = None
    cap: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = Field(
        None, description="Ratio that earns the top score (default 0.30)."
    )
    step: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = Field(
        None,
        description="Rounding step of the score (default unrounded; whole steps on the "
        "pluss-minus scale).",
    )


class KeyHybrid(BaseModel):
    """A hybrid cost-sharing key: shares of the equal and population keys, summing to 1."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, json_schema_extra={"minProperties": 1}
    )
    equal: NonNegative | None = Field(None, description="Share split equally.")
    population: NonNegative | None = Field(None, description="Share split by population.")
    usage: Literal[0] | None = Field(
        None, description="Not available in an assessment file (needs volumes): 0 only."
    )


class Establishment(BaseModel):
    """[economics.establishment]: the project's one-off costs, whole kroner."""

    model_config = CONFIG
    project_management: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Prosjektledelse, kartlegging og juridisk arbeid."
    )
    system_harmonisation: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Harmonisering av systemer."
    )
    moving: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Flytting av ansatte / omorganisering."
    )
    ict: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Investeringer i felles IKT-løsninger."
    )
    spread: Annotated[list[NonNegative], Field(min_length=1)] | None = Field(
        None, description="Share of the total in year 0, 1, ... (sums to 1; default [1.0])."
    )


class StaffingRow(BaseModel):
    """Today's staffing of one municipality in one service area."""

    model_config = CONFIG
    fte: NonNegative = Field(description="Årsverk (full-time equivalents).")
    nok: Annotated[int, Field(ge=0)] = Field(
        description="Wage cost with social costs, whole kroner."
    )


StaffingPair = Annotated[
    list[NonNegative], Field(min_length=2, max_length=2, description=("[fte, nok]"))
]


class EconomicsTable(BaseModel):
    """[economics]: the savings scenarios behind [derived] criteria (every key optional;
    defaults = samvalg.economics')."""

    model_config = CONFIG
    key: Literal["population", "equal"] | KeyHybrid | None = Field(
        None,
        description='Cost-sharing key: "population" (default), "equal", or a hybrid '
        "{ equal = 0.4, population = 0.6 }.",
    )
    horizon: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None, description="Years after the establishment year 0 (default 10)."
    )
    discount_rate: Number | Literal["r109"] | None = Field(
        None,
        description='Real discount rate (default 0.04), or "r109" (R-109/2021\'s '
        "declining schedule).",
    )
    phase_in: Annotated[list[Share], Field(min_length=1)] | None = Field(
        None,
        description="Share of the full saving in years 1, 2, ... (the last carries on; "
        "default [0.25, 0.5, 0.75, 1.0]).",
    )
    scenarios: (
        Annotated[
            dict[str, Share], Field(json_schema_extra={"propertyNames": {"not": {"const": "none"}}})
        ]
        | None
    ) = Field(
        None,
        description="{name = saving share 0..1}, added to / replacing low 0.10, "
        "expected 0.21, high 0.30.",
    )
    options: (
        Annotated[
            dict[Annotated[str, StringConstraints(pattern=OPTION_PATTERN)], str],
            Field(
                description='{option, form or "default" = scenario name or '
                '"none"} (defaults: egen_drift = "none", '
                'fagnettverk = "low", default = "expected").'
            ),
        ]
        | None
    ) = None
    establishment: Establishment | None = Field(None, description="One-off costs.")
    staffing: dict[Id, dict[Id, StaffingRow | StaffingPair]] | None = Field(
        None,
        description="[economics.staffing.<service>.<municipality>]: staffing of service "
        "areas the catalogue has no figures for; every municipality.",
    )
