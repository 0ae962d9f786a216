"""pydantic models of the assessment file's tables, and pydantic errors as located Problems.

Each table is validated on its own (``[meta]``, each ``[scales.*]`` entry, each ``[weights.*]``
table, each ``[services.*]`` table), so a mistake in one table does not hide the mistakes in
the others: every problem of a file is reported in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._scales import show
from samvalg.errors import Problem, format_location

__all__ = [
    "METHODS",
    "AHPSpec",
    "DirectSpec",
    "EqualSpec",
    "ObjectiveSpec",
    "PointsSpec",
    "RankSpec",
    "ScaleSpec",
    "ServiceSpec",
    "Sink",
    "StakeholderSpec",
    "SwingSpec",
    "WeightSpec",
    "validate_model",
]

Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number; booleans and numeric text are rejected (strict mode)."""

_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True)


class ScaleSpec(BaseModel):
    """``[scales]`` entry: ``{ kind = "numeric", min = 1, max = 5 }`` or
    ``{ kind = "plus_minus" }``."""

    model_config = _CONFIG
    kind: Literal["numeric", "plus_minus"] = "numeric"
    min: Number | None = None
    max: Number | None = None


class PointsSpec(BaseModel):
    """``method = "points"``: points per criterion, optionally with the stated ``total``."""

    model_config = _CONFIG
    method: Literal["points"]
    points: dict[str, Number]
    total: Number | None = None


class RankSpec(BaseModel):
    """``method = "rank"``: ``ranking = ["a", ["b", "c"], "d"]`` (nested list = tie)."""

    model_config = _CONFIG
    method: Literal["rank"]
    ranking: list[Any]
    formula: Literal["roc", "rank_sum", "rank_reciprocal"] = "roc"


class SwingSpec(BaseModel):
    """``method = "swing"``: swing ratings, the most important swing = 100."""

    model_config = _CONFIG
    method: Literal["swing"]
    swing: dict[str, Number]


class AHPSpec(BaseModel):
    """``method = "ahp"``: ``criteria`` in matrix order and the pairwise comparison ``matrix``."""

    model_config = _CONFIG
    method: Literal["ahp"]
    criteria: list[StrictStr]
    matrix: list[Any]
    variant: Literal["eigen", "geometric"] = "eigen"


class EqualSpec(BaseModel):
    """``method = "equal"``."""

    model_config = _CONFIG
    method: Literal["equal"]


class DirectSpec(BaseModel):
    """``method = "direct"``: non-negative weights, normalised to sum 1."""

    model_config = _CONFIG
    method: Literal["direct"]
    values: dict[str, Number]


class ObjectiveSpec(BaseModel):
    """``method = "objective"``: weights computed per service area from its scores."""

    model_config = _CONFIG
    method: Literal["objective"]
    measure: Literal["entropy", "critic", "std"] = "entropy"


WeightSpec = PointsSpec | RankSpec | SwingSpec | AHPSpec | EqualSpec | DirectSpec | ObjectiveSpec
"""A weights table of the file, by its ``method``."""

METHODS: dict[str, type[BaseModel]] = {
    "points": PointsSpec,
    "rank": RankSpec,
    "swing": SwingSpec,
    "ahp": AHPSpec,
    "equal": EqualSpec,
    "direct": DirectSpec,
    "objective": ObjectiveSpec,
}


class ServiceSpec(BaseModel):
    """``[services.<id>]``: ``options`` and ``scores`` (cells are checked by the loader)."""

    model_config = _CONFIG
    options: list[Any]
    scores: dict[str, dict[str, Any]] = {}


class StakeholderSpec(BaseModel):
    """``[stakeholders.<id>]``: who, their voting weight, their own weights and scores.

    ``weights`` holds ``[weights.*]``-style tables (checked like the common ones); ``scores``
    holds sparse overrides ``service -> option -> criterion -> cell``; the loader checks both
    itself (this model sees the head of the table only).
    """

    model_config = _CONFIG
    name: Annotated[StrictStr, Field(min_length=1)]
    role: Literal[
        "municipality", "employee_representatives", "working_group", "politicians", "other"
    ]
    municipality: StrictStr | None = None
    voting_weight: Number | None = None
    description: StrictStr = ""


class Sink:
    """Collects located problems for one input."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: Sequence[str | int], message: str, allowed: str = "") -> None:
        """Record a problem at key path `path`."""
        self.problems.append(
            Problem(self.source, format_location(path), message, allowed, tuple(path))
        )

    def __len__(self) -> int:
        return len(self.problems)


def _field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _translate(err: Mapping[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """A pydantic error as plain English ``(message, allowed)``."""
    kind = err["type"]
    loc = err["loc"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    key = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _field_names(model) if len(loc) == 1 else []
        return f"unknown key {key!r}" + did_you_mean(key, allowed), ", ".join(allowed)
    if kind == "missing":
        return f"required key {key!r} is missing", ""
    if kind in {"float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"}:
        if isinstance(value, bool):
            return f"expected a number, found the boolean {show(value)}", "a number"
        return f"expected a number, found {show(value)}", "a number"
    if kind == "finite_number":
        return (
            f"expected a finite number, found {show(value)} (TOML allows nan and inf; "
            "samvalg does not)",
            "a finite number",
        )
    if kind in {"string_type", "string_too_short"}:
        if kind == "string_too_short":
            return "must not be empty", "non-empty text"
        return f"expected text in quotes, found {show(value)}", ""
    if kind == "bool_type":
        return f"expected true or false, found {show(value)}", "true, false"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", '"')
        return f"found {show(value)}" + did_you_mean(str(value), _literals(expected)), expected
    if kind in {"dict_type", "model_type"}:
        return f"expected a table (key = value pairs), found {show(value)}", ""
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list [...], found {show(value)}", ""
    if kind.startswith("date"):
        return f"expected a date like 2026-11-27, found {show(value)}", "YYYY-MM-DD"
    msg = str(err.get("msg", kind))
    msg = msg.removeprefix("Value error, ")
    return f"{msg} (found {show(value)})", ""


def _literals(expected: str) -> list[str]:
    return [part.strip().strip('"') for part in expected.replace(" or ", ",").split(",")]


def validate_model(model: type[BaseModel], data: Any, path: Sequence[str | int], sink: Sink) -> Any:
    """Validate `data` with `model`; on failure add every error to `sink`, located, and
    return ``None``."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        for err in exc.errors(include_url=False):
            message, allowed = _translate(err, model)
            sink.add([*path, *err["loc"]], message, allowed)
        return None
