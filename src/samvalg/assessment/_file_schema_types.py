"""Patterns and constrained types shared by the assessment file's pydantic models (for its
JSON Schema)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

__all__ = [
    "AHP_FRACTION_PATTERN",
    "CONFIG",
    "ID_PATTERN",
    "OPTION_PATTERN",
    "PLUS_MINUS_PATTERN",
    "Id",
    "NonNegative",
    "NotApplicable",
    "Number",
    "OptionId",
    "PlusMinusLabel",
    "ScoreValue",
    "Share",
]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Catalogue ids (criteria sets, criteria, service areas, forms, municipalities)."""
OPTION_PATTERN = r"^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$"
"""An option: a form id, or ``form:host`` with a municipality id as host."""
PLUS_MINUS_PATTERN = "^\\s*(0|\\+{1,4}|[-\u2212]{1,4})\\s*$"
"""DFØ's pluss-minus labels ``"----"`` .. ``"++++"`` (U+2212 "−" is read as "-")."""
AHP_FRACTION_PATTERN = r"^\s*[0-9.]+\s*/\s*[0-9.]+\s*$"

CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
OptionId = Annotated[str, StringConstraints(pattern=OPTION_PATTERN)]
Number = Annotated[float, Field(allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
PlusMinusLabel = Annotated[
    str,
    StringConstraints(pattern=PLUS_MINUS_PATTERN),
    Field(
        description='A label on DFØ\'s pluss-minus scale: "----" (-4) .. "0" .. "++++" (+4); only '
        "in a criteria set whose scale is plus_minus."
    ),
]
NotApplicable = Annotated[
    Literal["na"],
    Field(
        description='"na": the criterion does not apply to this option (e.g. the model criteria '
        "for the informal forms egen_drift and fagnettverk)."
    ),
]
ScoreValue = Annotated[
    Number | PlusMinusLabel,
    Field(
        description="A score in the units of the criteria set's scale: a number (on the "
        "pluss-minus scale a whole number -4..4) or a pluss-minus label."
    ),
]
