"""Notes on an economics result as codes with parameters (no words).

Each :class:`Note` says one thing a reader must know about a baseline or a scenario analysis
(a grouped staffing table, a printed total that differs from its rows, an illustrative
assumption, ...); :func:`samvalg.text.economics.note_text` says it in bokmål or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["NOTE_CODES", "NO_STAFFING_DATA", "Note"]

#: The reason code of :attr:`Baseline.missing`: the case has no staffing table for the area.
NO_STAFFING_DATA = "no_staffing_data"

#: Every note code, with the parameters it carries.
NOTE_CODES: Mapping[str, tuple[str, ...]] = {
    "grouped_services": ("groups",),
    "split_key": ("stated",),
    "printed_total_differs": (
        "group",
        "printed_fte",
        "printed_nok",
        "fte",
        "nok",
        "difference_nok",
    ),
    "staff_outside_tables": ("municipality", "fte", "nok", "name"),
    "no_staffing_data": ("services",),
    "saving_basis": (),
    "phase_in": ("phase_in",),
    "discount_rate": ("rate",),
    "illustrative_establishment": ("total",),
    "grant_as_income": ("nok",),
}


@dataclass(frozen=True)
class Note:
    """One note: a code of :data:`NOTE_CODES` and its parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **dict(self.params)}
