"""Reading the meta sheet and the weights sheets (points, rank, swing, direct, AHP matrix)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from samvalg.io.xlsx._cells import cell_ref
from samvalg.io.xlsx._layout import HEADER_SCAN_ROWS, VALUE_FIELD, WEIGHT_PARAMS
from samvalg.io.xlsx._reader import Reader, ahp_number


def read_meta(r: Reader, ws: Any, data: dict[str, Any]) -> None:
    r.merged(ws, 4, range(1, ws.max_column + 1))
    header = None
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
        if row[0].value in ("key", "nøkkel"):
            header = row[0].row
            break
    start = (header or 3) + 1
    meta: dict[str, Any] = data.setdefault("meta", {})
    r.places.add(["meta"], ws.title)
    for row in ws.iter_rows(min_row=start, max_row=ws.max_row):
        key = row[0].value
        if key is None or (isinstance(key, str) and not key.strip()):
            continue
        key = str(key).strip()
        cells = [c for c in row[2:]]
        values = [
            r.value(ws, c, text_only=key in ("title", "description", "authors")) for c in cells
        ]
        where = cells[0].coordinate if cells else f"C{row[0].row}"
        if key == "authors":
            authors = [str(v) if not isinstance(v, str) else v for v in values if v is not None]
            if authors:
                meta["authors"] = authors
            for k, c in enumerate(cells):
                r.places.add(["meta", "authors", k], cell_ref(ws.title, c.coordinate))
            r.places.add(["meta", "authors"], cell_ref(ws.title, where))
            continue
        value = values[0] if values else None
        if len([v for v in values if v is not None]) > 1:
            r.problem(
                ws.title,
                where,
                f"{key!r} takes one value, in column C; found more cells filled in its row",
                "one value in column C",
            )
        if value is None:
            continue
        if key == "date" and isinstance(value, datetime.date):
            value = value.isoformat()
        parts = key.split(".")
        if parts[0] == "scales" and len(parts) == 3:
            data.setdefault("scales", {}).setdefault(parts[1], {})[parts[2]] = value
            r.places.add(["scales", parts[1], parts[2]], cell_ref(ws.title, where))
            r.places.add(["scales", parts[1]], cell_ref(ws.title, where))
        elif key == "schema_version":
            data["schema_version"] = value
            r.places.add(["schema_version"], cell_ref(ws.title, where))
        else:
            meta[key] = value
            r.places.add(["meta", key], cell_ref(ws.title, where))
    r.places.add(["scales"], ws.title)
    r.places.add(["schema_version"], ws.title)


def read_weights(
    r: Reader, ws: Any, key: str, path: list[str | int], target: dict[str, Any]
) -> None:
    sheet = ws.title
    r.places.add(path, sheet)
    header = None
    candidates: list[Any] = []
    for row in ws.iter_rows(min_row=3, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
        if row[0].value == "id":
            header = row[0].row
            break
        candidates.append(row)
    params: dict[str, tuple[Any, str]] = {}
    for row in candidates[:-1]:  # the last row above the ids is the visible header
        k = row[0].value
        if isinstance(k, str) and k.strip() and len(row) >= 3:
            params[k.strip()] = (r.value(ws, row[2]), row[2].coordinate)
    if header is None:
        r.problem(
            sheet,
            None,
            'no header row with the column ids (a cell "id" in column A above the criteria)',
            "the layout of samvalg template",
        )
        return
    cols = {
        str(c.value).strip(): c.column
        for c in ws[header]
        if isinstance(c.value, str) and c.value.strip()
    }
    if "value" not in cols:
        r.problem(
            sheet,
            f"A{header}",
            'no column "value" in the id row',
            "id, name, value, share, then the AHP matrix",
        )
        return
    vcol = cols["value"]
    r.merged(ws, header + 1, range(1, ws.max_column + 1))
    rows: list[tuple[str, Any]] = []  # (criterion id, row cells)
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cid = row[0].value
        if cid is None or (isinstance(cid, str) and not cid.strip()):
            if any(c.value is not None for c in row[vcol - 1 : vcol]):
                r.problem(
                    sheet,
                    row[0].coordinate,
                    "a value without its id in column A",
                    "the id of the criterion",
                )
            continue
        rows.append((str(cid).strip(), row))
    method_raw, method_at = params.get("method", (None, "C4"))
    table: dict[str, Any] = {}
    if method_raw is not None:
        table["method"] = method_raw
    r.places.add([*path, "method"], cell_ref(sheet, method_at))
    method = method_raw if isinstance(method_raw, str) else ""
    for name, (v, at) in params.items():
        if name == "method" or v is None:
            continue
        if name in WEIGHT_PARAMS.get(method, ()) or name not in (
            "total",
            "formula",
            "variant",
            "measure",
        ):
            table[name] = v
            r.places.add([*path, name], cell_ref(sheet, at))
    first_value = cell_ref(sheet, rows[0][1][vcol - 1].coordinate) if rows else sheet
    if method in VALUE_FIELD:
        field = VALUE_FIELD[method]
        values: dict[str, Any] = {}
        for cid, row in rows:
            cell = row[vcol - 1]
            v = r.value(ws, cell)
            r.places.add([*path, field, cid], cell_ref(sheet, cell.coordinate))
            if v is not None:
                values[cid] = v
        table[field] = values
        r.places.add([*path, field], first_value)
    elif method == "rank":
        _ranking(r, ws, path, rows, vcol, table, first_value)
    elif method == "ahp":
        _ahp(r, ws, path, rows, cols, vcol, header, table)
    target[key] = table


def _ranking(
    r: Reader,
    ws: Any,
    path: list[str | int],
    rows: list[tuple[str, Any]],
    vcol: int,
    table: dict[str, Any],
    first_value: str,
) -> None:
    groups: dict[float, list[tuple[str, str]]] = {}
    for cid, row in rows:
        cell = row[vcol - 1]
        v = r.value(ws, cell)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or v < 1:
            r.problem(
                ws.title,
                cell.coordinate,
                f"a rank position must be a number 1, 2, 3 ... (found {v!r})",
                "1 = most important; equal numbers for ties",
            )
            continue
        groups.setdefault(float(v), []).append((cid, cell.coordinate))
    ranking: list[Any] = []
    for g, pos in enumerate(sorted(groups)):
        members = groups[pos]
        r.places.add([*path, "ranking", g], cell_ref(ws.title, members[0][1]))
        for k, (_, coord) in enumerate(members):
            r.places.add([*path, "ranking", g, k], cell_ref(ws.title, coord))
        ranking.append(members[0][0] if len(members) == 1 else [c for c, _ in members])
    table["ranking"] = ranking
    r.places.add([*path, "ranking"], first_value)


def _ahp(
    r: Reader,
    ws: Any,
    path: list[str | int],
    rows: list[tuple[str, Any]],
    cols: Mapping[str, int],
    vcol: int,
    header: int,
    table: dict[str, Any],
) -> None:
    sheet = ws.title
    ids = [cid for cid, _ in rows]
    mcols = [c for name, c in cols.items() if c > vcol and name not in ("share", "name")]
    mcols.sort()
    heads = [str(ws.cell(header, c).value).strip() for c in mcols][: len(ids)]
    if heads != ids:
        r.problem(
            sheet,
            f"{ws.cell(header, mcols[0] if mcols else vcol + 3).coordinate}",
            "the AHP matrix's column ids must be the criterion ids of the rows, "
            f"in the same order (rows: {', '.join(ids)}; columns: "
            f"{', '.join(heads) or 'none'})",
            "the row ids, in row order",
        )
        return
    for i, (_, row) in enumerate(rows):
        r.places.add([*path, "criteria", i], cell_ref(sheet, row[0].coordinate))
    entries: list[list[Any]] = []
    for i, (_, row) in enumerate(rows):
        r.places.add(
            [*path, "matrix", i], cell_ref(sheet, ws.cell(row[0].row, mcols[0]).coordinate)
        )
        line = []
        for j in range(len(ids)):
            cell = ws.cell(row[0].row, mcols[j])
            r.places.add([*path, "matrix", i, j], cell_ref(sheet, cell.coordinate))
            line.append(ahp_number(r.value(ws, cell)))
        entries.append(line)
    for i in range(len(ids)):  # a blank lower triangle is the reciprocal of the upper one
        for j in range(i):
            upper = entries[j][i]
            if entries[i][j] is None and isinstance(upper, int | float) and upper > 0:
                entries[i][j] = 1.0 / upper
    table["criteria"] = ids
    table["matrix"] = entries
    r.places.add(
        [*path, "matrix"],
        cell_ref(sheet, ws.cell(header, mcols[0]).coordinate) if mcols else sheet,
    )
