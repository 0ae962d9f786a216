"""The baseline's data: one staffing table (:class:`StaffingGroup`) and today's staffing and
wage cost of every table (:class:`Baseline`), built by :func:`samvalg.economics.baseline`."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from samvalg._json import JSONMixin
from samvalg.economics._money import closest, largest_remainder
from samvalg.economics._notes import Note
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["Baseline", "StaffingGroup"]


@dataclass(frozen=True)
class StaffingGroup:
    """One staffing table of the case: services counted together, per municipality.

    Attributes
    ----------
    id : str
        ``"lonn_regnskap_fakturering"``, ``"sentralbord"``, ``"arkiv_postmottak"``, or a
        user-supplied id (``"extra:plan"``).
    services : tuple of str
        The service areas the table covers together.
    fte : mapping
        Årsverk per municipality, :class:`~decimal.Decimal`.
    nok : mapping
        Wage cost per municipality in whole kroner.
    source : str
        Where the numbers come from.
    user_supplied : bool
        True for numbers given with ``extra=`` (not from the case).
    printed_total_fte, printed_total_nok : Decimal or None, int or None
        The TOTALT row as printed in the case (None for user-supplied groups).
    printed_note : str
        Why the printed total differs from the sum of the rows, when it does.
    """

    id: str
    name_nb: str
    name_en: str
    services: tuple[str, ...]
    fte: Mapping[str, Decimal]
    nok: Mapping[str, int]
    source: str
    user_supplied: bool = False
    printed_total_fte: Decimal | None = None
    printed_total_nok: int | None = None
    printed_note: str = ""

    @property
    def total_fte(self) -> Decimal:
        """Sum of the municipality rows (exact)."""
        return sum(self.fte.values(), Decimal(0))

    @property
    def total_nok(self) -> int:
        """Sum of the municipality rows, whole kroner (what every computation uses)."""
        return sum(self.nok.values())

    @property
    def printed_discrepancy_nok(self) -> int:
        """Printed TOTALT minus the sum of the rows (0 when they agree or nothing is printed)."""
        return 0 if self.printed_total_nok is None else self.printed_total_nok - self.total_nok

    @property
    def printed_discrepancy_fte(self) -> Decimal:
        """Printed TOTALT FTE minus the sum of the rows."""
        if self.printed_total_fte is None:
            return Decimal(0)
        return self.printed_total_fte - self.total_fte

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_nb": self.name_nb,
            "name_en": self.name_en,
            "services": list(self.services),
            "fte": {m: float(v) for m, v in self.fte.items()},
            "nok": dict(self.nok),
            "total_fte": float(self.total_fte),
            "total_nok": self.total_nok,
            "printed_total_fte": (
                None if self.printed_total_fte is None else float(self.printed_total_fte)
            ),
            "printed_total_nok": self.printed_total_nok,
            "printed_discrepancy_nok": self.printed_discrepancy_nok,
            "printed_note": self.printed_note,
            "source": self.source,
            "user_supplied": self.user_supplied,
        }


@dataclass(frozen=True)
class Baseline(JSONMixin):
    """Today's FTE and wage cost per staffing group and municipality (see :func:`baseline`).

    Attributes
    ----------
    municipalities : tuple of str
        Municipality ids in catalogue order.
    groups : tuple of StaffingGroup
        One per staffing table (the unit of the baseline).
    split : mapping
        ``{group_id: {service_id: Fraction}}``: the key used by :meth:`service_fte` and
        :meth:`service_nok` to split a group into its services (shares sum to 1).
    missing : mapping
        ``{service_id: reason code}`` for service areas with no staffing data (the code
        ``"no_staffing_data"``; in words: :func:`samvalg.text.economics.missing_text`).
    notes : tuple of Note
        Statements the reader must see (grouping, split key, staff outside the tables), as
        codes with parameters; in words: :func:`samvalg.text.economics.note_text`.
    cost_items : mapping
        ``{item: {municipality_id: NOK}}``: today's costs beside the wages (drift, lokaler,
        systemer, styring, ...) as the catalogue's ``cost_items`` give them; empty when none
        are entered. Shown beside the wages; the savings scenarios apply to wages only.
    catalogue : Catalogue or None
        The catalogue the baseline was read from, whose municipalities and populations the
        scenarios and cost-sharing keys of :func:`~samvalg.economics.scenario_analysis` use.
    """

    municipalities: tuple[str, ...]
    groups: tuple[StaffingGroup, ...]
    split: Mapping[str, Mapping[str, Fraction]]
    missing: Mapping[str, str]
    notes: tuple[Note, ...] = field(default_factory=tuple)
    catalogue: Catalogue | None = field(default=None, repr=False, compare=False)
    cost_items: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    # -- lookups -----------------------------------------------------------------------------
    def group(self, group_id: str) -> StaffingGroup:
        """The staffing group with this id."""
        for g in self.groups:
            if g.id == group_id:
                return g
        ids = [g.id for g in self.groups]
        raise SamvalgError(
            f"unknown staffing group {group_id!r}{closest(group_id, ids)} "
            f"(allowed: {', '.join(ids)})"
        )

    def group_of(self, service_id: str) -> StaffingGroup:
        """The group whose table covers ``service_id``."""
        for g in self.groups:
            if service_id in g.services:
                return g
        if service_id in self.missing:
            raise SamvalgError(
                f"no staffing data for {service_id!r}: the council case has no staffing figures "
                "for this area; supply FTE and kroner (baseline(extra=...))"
            )
        known = [s for g in self.groups for s in g.services]
        raise SamvalgError(
            f"unknown service area {service_id!r}{closest(service_id, known)} "
            f"(with staffing data: {', '.join(known)})"
        )

    @property
    def services(self) -> tuple[str, ...]:
        """Service areas with staffing data."""
        return tuple(s for g in self.groups for s in g.services)

    @property
    def total_fte(self) -> Decimal:
        return sum((g.total_fte for g in self.groups), Decimal(0))

    @property
    def total_nok(self) -> int:
        return sum(g.total_nok for g in self.groups)

    def nok_by_municipality(self, groups: tuple[str, ...] | None = None) -> dict[str, int]:
        """Today's wage cost per municipality, summed over ``groups`` (default: all)."""
        chosen = [self.group(g) for g in groups] if groups is not None else list(self.groups)
        return {m: sum(g.nok[m] for g in chosen) for m in self.municipalities}

    def fte_by_municipality(self, groups: tuple[str, ...] | None = None) -> dict[str, Decimal]:
        """Today's FTE per municipality, summed over ``groups`` (default: all)."""
        chosen = [self.group(g) for g in groups] if groups is not None else list(self.groups)
        return {m: sum((g.fte[m] for g in chosen), Decimal(0)) for m in self.municipalities}

    def service_fte(self, service_id: str) -> dict[str, Decimal]:
        """FTE of one service per municipality: its group's FTE times the split share.

        Rounded to hundredths of an FTE by largest remainder within each municipality, so the
        services of a group add up to the group exactly.
        """
        g = self.group_of(service_id)
        out = {}
        for m in self.municipalities:
            hundredths = int(g.fte[m] * 100)
            if Decimal(hundredths) != g.fte[m] * 100:
                raise SamvalgError(
                    f"group {g.id!r}: FTE {g.fte[m]} for {m!r} has more than two decimals"
                )
            parts = largest_remainder(hundredths, dict(self.split[g.id]))
            out[m] = Decimal(parts[service_id]) / 100
        return out

    def service_nok(self, service_id: str) -> dict[str, int]:
        """Wage cost of one service per municipality: the group's cost split by the key."""
        g = self.group_of(service_id)
        return {
            m: largest_remainder(g.nok[m], dict(self.split[g.id]))[service_id]
            for m in self.municipalities
        }

    def service_total_fte(self, service_id: str) -> float:
        """FTE of one service summed over the municipalities (what moves to a host)."""
        return float(sum(self.service_fte(service_id).values(), Decimal(0)))

    # -- output ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "municipalities": list(self.municipalities),
            "groups": [g.to_dict() for g in self.groups],
            "total_fte": float(self.total_fte),
            "total_nok": self.total_nok,
            "split": {
                g: {s: float(v) for s, v in parts.items()} for g, parts in self.split.items()
            },
            "missing": dict(self.missing),
            "notes": [n.to_dict() for n in self.notes],
            **(
                {"cost_items": {k: dict(v) for k, v in self.cost_items.items()}}
                if self.cost_items
                else {}
            ),
        }

    def _repr_html_(self) -> str:
        from samvalg._format import fmt_number

        head = "".join(f"<th colspan='2'>{html.escape(m)}</th>" for m in self.municipalities)
        sub = "<th>årsverk</th><th>kr</th>" * (len(self.municipalities) + 1)
        rows = []
        for g in self.groups:
            cells = "".join(
                f"<td style='text-align:right'>{fmt_number(float(g.fte[m]), 'nb', 2)}</td>"
                f"<td style='text-align:right'>{fmt_number(g.nok[m], 'nb', 0)}</td>"
                for m in self.municipalities
            )
            mark = " (brukeroppgitt)" if g.user_supplied else ""
            rows.append(
                f"<tr><td>{html.escape(g.name_nb)}{mark}</td>{cells}"
                f"<td style='text-align:right'><b>{fmt_number(float(g.total_fte), 'nb', 2)}"
                "</b></td>"
                f"<td style='text-align:right'><b>{fmt_number(g.total_nok, 'nb', 0)}</b></td></tr>"
            )
        notes = "".join(f"<li>{html.escape(n.code)}</li>" for n in self.notes)
        missing = ", ".join(self.missing) or "–"
        case = getattr(self.catalogue, "case", None)
        year = "" if case is None or case.budget_year is None else f" (budsjett {case.budget_year})"
        return (
            f"<table><caption>Dagens bemanning og lønnskostnad{year}</caption>"
            f"<thead><tr><th>Område</th>{head}<th colspan='2'>Totalt</th></tr>"
            f"<tr><th></th>{sub}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p>Uten bemanningstall i saken: {html.escape(missing)}</p><ul>{notes}</ul>"
        )

    def __repr__(self) -> str:
        lines = [f"Baseline(total_fte={self.total_fte}, total_nok={self.total_nok})"]
        for g in self.groups:
            lines.append(f"  {g.id} {list(g.services)}: {g.total_fte} FTE, {g.total_nok} kr")
        if self.missing:
            lines.append(f"  no staffing data: {', '.join(self.missing)}")
        return "\n".join(lines)
