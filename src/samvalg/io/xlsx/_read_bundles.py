"""Reading the bundles sheet (``pakker``): one row per ``[bundles.<id>]``."""

from __future__ import annotations

import re
from typing import Any

from samvalg.io.xlsx._cells import cell_ref
from samvalg.io.xlsx._layout import BUNDLE_COLUMNS
from samvalg.io.xlsx._reader import Reader

__all__ = ["read_bundles"]

_SPLIT = re.compile(r"[,;\s]+")
_PAIR = re.compile(r"^\s*([A-Za-z0-9_]+)\s*[=:]\s*([0-9]+(?:[.,][0-9]+)?)\s*$")


def read_bundles(r: Reader, ws: Any, data: dict[str, Any]) -> None:
    """Rows ``id | services | rule | name_nb | name_en | fte`` as ``data["bundles"]``.

    ``services`` is a list of service ids separated by commas (or spaces); ``fte`` is empty or
    ``lonn = 7, regnskap = 6.5`` (a decimal comma is read too). What a row means is checked by
    the loader, located at the row's cells.
    """
    header, cols = r.table(ws, ("id", "services"))
    if header is None:
        return
    r.merged(ws, header + 1, cols.values())
    r.places.add(["bundles"], ws.title)
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {k: ws.cell(row[0].row, cols[k]) for k in BUNDLE_COLUMNS if k in cols}
        raw = {k: r.value(ws, c, text_only=k != "fte") for k, c in cells.items()}
        if all(v is None for v in raw.values()):
            continue
        bid = raw.pop("id")
        if bid is None:
            r.problem(
                ws.title,
                cells["id"].coordinate,
                "missing bundle id in a row with data",
                "a short id such as lonn_regnskap_fakturering",
            )
            continue
        bid = str(bid)
        if bid in data.get("bundles", {}):
            r.problem(
                ws.title, cells["id"].coordinate, f"bundle {bid!r} is listed twice", "one row each"
            )
            continue
        path: list[str | int] = ["bundles", bid]
        r.places.add(path, cell_ref(ws.title, cells["id"].coordinate))
        table: dict[str, Any] = {}
        for k, v in raw.items():
            r.places.add([*path, k], cell_ref(ws.title, cells[k].coordinate))
            if v is None:
                continue
            if k == "services":
                table[k] = [s for s in _SPLIT.split(str(v)) if s]
            elif k == "fte":
                fte = _fte(r, ws, cells[k].coordinate, v)
                if fte is not None:
                    table[k] = fte
            else:
                table[k] = v
        data.setdefault("bundles", {})[bid] = table


def _fte(r: Reader, ws: Any, coord: str, v: Any) -> dict[str, float] | None:
    out: dict[str, float] = {}
    for part in str(v).replace(";", ",").split(","):
        if not part.strip():
            continue
        m = _PAIR.match(part)
        if m is None:
            r.problem(
                ws.title,
                coord,
                f"cannot read {part.strip()!r} as service = FTE",
                "service = FTE pairs separated by commas, e.g. lonn = 7, regnskap = 6.5",
            )
            return None
        out[m.group(1)] = float(m.group(2).replace(",", "."))
    return out
