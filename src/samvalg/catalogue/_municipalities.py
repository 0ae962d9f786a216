"""Catalogue models of the municipalities: population, staffing and the region."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
    field_serializer,
    field_validator,
    model_validator,
)

from samvalg.catalogue._base import Id, Text, _Model

__all__ = [
    "CostItem",
    "Discrepancy",
    "GroupTotal",
    "Municipality",
    "OtherStaff",
    "Population",
    "PopulationEntry",
    "Region",
    "StaffingEntry",
    "StaffingGroup",
]


class PopulationEntry(_Model):
    """A population figure with its date and source."""

    value: int = Field(gt=0)
    date: _dt.date
    source: Text
    note: str = ""
    uncertain: bool


class Population(_Model):
    """Dated population figures of one municipality; :meth:`latest` is the newest.

    ``value``, ``date`` and ``source`` are those of the newest entry.
    """

    entries: tuple[PopulationEntry, ...] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _distinct_dates(cls, v: tuple[PopulationEntry, ...]) -> tuple[PopulationEntry, ...]:
        dates = [e.date for e in v]
        if len(set(dates)) != len(dates):
            raise ValueError("two population entries have the same date")
        return tuple(sorted(v, key=lambda e: e.date))

    def latest(self) -> PopulationEntry:
        """The newest entry."""
        return self.entries[-1]

    def as_of(self, date: _dt.date) -> PopulationEntry | None:
        """The newest entry dated on or before ``date`` (``None`` if there is none)."""
        found = [e for e in self.entries if e.date <= date]
        return found[-1] if found else None

    @property
    def value(self) -> int:
        """Newest population figure."""
        return self.latest().value

    @property
    def date(self) -> _dt.date:
        """Date of the newest figure."""
        return self.latest().date

    @property
    def source(self) -> str:
        """Source of the newest figure."""
        return self.latest().source


class _Staff(_Model):
    fte: Decimal = Field(ge=0)
    nok: int = Field(ge=0)

    @field_serializer("fte", when_used="json")
    def _fte_json(self, v: Decimal) -> float:
        return float(v)


class StaffingEntry(_Staff):
    """Today's staffing of one municipality in one staffing group (budget 2025).

    ``fte`` is an exact :class:`~decimal.Decimal` (årsverk), ``nok`` the wage cost including
    social costs, ``age_min``/``age_max`` the printed age range (equal when one age is printed).
    """

    group: Id
    age_min: int | None = Field(default=None, ge=15, le=80)
    age_max: int | None = Field(default=None, ge=15, le=80)
    note: str = ""

    @model_validator(mode="after")
    def _ages(self) -> StaffingEntry:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) is greater than age_max ({self.age_max})")
        return self


class OtherStaff(_Staff):
    """Staff noted beside a staffing table but not part of its totals."""

    group: Id
    name_nb: Text
    name_en: Text
    note: str = ""


class GroupTotal(_Staff):
    """The printed TOTALT row of a staffing table."""


class Discrepancy(_Model):
    """A known difference between a printed total and the sum of its rows.

    The loader checks ``sum of rows + discrepancy == printed total`` exactly, so only the
    documented difference is tolerated.
    """

    fte: Decimal = Decimal(0)
    nok: int = 0
    note: Text

    @field_serializer("fte", when_used="json")
    def _fte_json(self, v: Decimal) -> float:
        return float(v)


class StaffingGroup(_Model):
    """A staffing table of the case: which services it covers and its printed total."""

    id: Id
    name_nb: Text
    name_en: Text
    services: tuple[Id, ...] = Field(min_length=1)
    source: Text
    group_total: GroupTotal
    printed_total_discrepancy: Discrepancy | None = None


class CostItem(_Model):
    """A cost of today's operation beside the wages (drift, lokaler, systemer, styring, or an
    item of the user's own), whole kroner a year, with its source."""

    item: Id
    name_nb: Text
    name_en: Text
    nok: int = Field(ge=0)
    source: Text
    note: str = ""
    uncertain: bool = False


class Municipality(_Model):
    """A participating municipality."""

    id: Id
    name: Text
    kommunenummer: Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
    population: Population
    staffing: tuple[StaffingEntry, ...] = ()
    other_staff: tuple[OtherStaff, ...] = ()
    cost_items: tuple[CostItem, ...] = ()

    def staffing_for(self, group: str) -> StaffingEntry | None:
        """The staffing entry of one staffing group, or ``None``."""
        for entry in self.staffing:
            if entry.group == group:
                return entry
        return None


class Region(_Model):
    """The municipalities together (the case's own total)."""

    name: Text
    population: PopulationEntry
