"""The reader's state: the raw mapping's places (``sheet!cell``) and the problems found,
and how one cell or a table header is read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from samvalg.assessment import format_number
from samvalg.errors import Problem
from samvalg.io._locate import KeyPath, LocationMap
from samvalg.io.xlsx._cells import cell_ref, unescape_text
from samvalg.io.xlsx._layout import HEADER_SCAN_ROWS

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue


class Reader:
    """One pass over a workbook: the raw mapping, where each value came from, and problems."""

    def __init__(self, source: str, cat: Catalogue) -> None:
        self.source = source
        self.cat = cat
        self.places = LocationMap()
        self.problems: list[Problem] = []
        self.reported: set[KeyPath] = set()  # key paths whose problems the reader reported

    def problem(self, sheet: str, coord: str | None, message: str, allowed: str = "") -> None:
        where = cell_ref(sheet, coord) if coord else sheet
        self.problems.append(Problem(self.source, where, message, allowed))

    def value(self, ws: Any, cell: Any, *, text_only: bool = False) -> Any:
        """A cell's value as the raw mapping wants it (``None`` when blank)."""
        v = cell.value
        if cell.data_type == "f":  # a text cell starting with "=" is text, not a formula
            self.problem(
                ws.title,
                cell.coordinate,
                f"a formula ({getattr(v, 'text', v)}) "
                "where a value is expected: type the value itself",
                "a value, not a formula",
            )
            return None
        if isinstance(v, str):
            v = unescape_text(v)
            if text_only:
                return v if v.strip() else None
            v = v.strip()
            return v if v else None
        if isinstance(v, datetime.datetime):
            if v.time() == datetime.time(0) and not text_only:
                return v.date()
            return v
        if text_only and isinstance(v, int | float) and not isinstance(v, bool):
            return format_number(v)
        return v

    def merged(self, ws: Any, first_row: int, cols: Iterable[int]) -> set[str]:
        """Report merged ranges that touch the data area; return their cells."""
        wanted = set(cols)
        inside: set[str] = set()
        for rng in ws.merged_cells.ranges:
            if rng.max_row < first_row or not any(rng.min_col <= c <= rng.max_col for c in wanted):
                continue
            top_left = rng.coord.split(":")[0]
            self.problem(
                ws.title,
                top_left,
                f"merged cells {rng.coord} in the data area: unmerge them, one value per cell",
                "one value per cell",
            )
            for row in ws.iter_rows(
                min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col
            ):
                inside.update(c.coordinate for c in row)
        return inside

    def table(self, ws: Any, required: Sequence[str]) -> tuple[int | None, dict[str, int]]:
        """The id row of a table sheet and its columns; reports a missing id row."""
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            names = {
                str(c.value).strip(): c.column
                for c in row
                if isinstance(c.value, str) and c.value.strip()
            }
            if set(required) <= set(names):
                return row[0].row, names
        self.problem(
            ws.title,
            None,
            "no row with the column ids (" + ", ".join(required) + ") above the table",
            "the layout of samvalg template: do not delete the small grey id row",
        )
        return None, {}


def ahp_number(v: Any) -> Any:
    """AHP cells: numeric text (``"3"``, ``"0,5"``) as a number; fractions stay text."""
    if isinstance(v, str):
        t = v.strip().replace(",", ".")
        try:
            x = float(t)
        except ValueError:
            return v
        return int(x) if x.is_integer() else x
    return v
