"""Reading the service-area scoring sheets and the stakeholder and override sheets."""

from __future__ import annotations

from typing import Any

from samvalg.io.xlsx._cells import cell_ref
from samvalg.io.xlsx._layout import (
    HEADER_SCAN_ROWS,
    OVERRIDE_COLUMNS,
    READ_COLUMNS,
    STAKEHOLDER_COLUMNS,
)
from samvalg.io.xlsx._reader import Reader


def read_stakeholders(r: Reader, ws: Any, data: dict[str, Any]) -> None:
    header, cols = r.table(ws, ("id", "name", "role"))
    if header is None:
        return
    r.merged(ws, header + 1, cols.values())
    out: dict[str, Any] = {}
    r.places.add(["stakeholders"], ws.title)
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {k: ws.cell(row[0].row, cols[k]) for k in STAKEHOLDER_COLUMNS if k in cols}
        raw = {k: r.value(ws, c, text_only=k in ("name", "description")) for k, c in cells.items()}
        if all(v is None for v in raw.values()):
            continue
        st_id = raw.pop("id")
        if st_id is None:
            r.problem(
                ws.title,
                cells["id"].coordinate,
                "missing stakeholder id in a row with data",
                "a short id such as a municipality's id or tillitsvalgte",
            )
            continue
        st_id = str(st_id)
        if st_id in out:
            r.problem(
                ws.title,
                cells["id"].coordinate,
                f"stakeholder {st_id!r} is listed twice",
                "one row per stakeholder",
            )
            continue
        path: list[str | int] = ["stakeholders", st_id]
        r.places.add(path, cell_ref(ws.title, cells["id"].coordinate))
        table = data.setdefault("stakeholders", {}).setdefault(st_id, {})
        out[st_id] = table
        for k, v in raw.items():
            r.places.add([*path, k], cell_ref(ws.title, cells[k].coordinate))
            if v is not None:
                table[k] = v


def read_overrides(r: Reader, ws: Any, data: dict[str, Any]) -> None:
    need = ("stakeholder", "service", "option", "criterion", "value")
    header, cols = r.table(ws, need)
    if header is None:
        return
    r.merged(ws, header + 1, cols.values())
    keys = [k for k in OVERRIDE_COLUMNS if k in cols and k != "criterion_name"]
    seen: dict[tuple[str, ...], int] = {}
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {k: ws.cell(row[0].row, cols[k]) for k in keys}
        raw = {k: r.value(ws, c, text_only=k == "rationale") for k, c in cells.items()}
        if all(v is None for v in raw.values()):
            continue
        ids = []
        for k in need[:4]:
            if raw[k] is None:
                r.problem(
                    ws.title,
                    cells[k].coordinate,
                    f"missing {k} id in a row with a score",
                    f"the {k} id",
                )
            ids.append(str(raw[k]))
        if any(raw[k] is None for k in need[:4]):
            continue
        st_id, svc, opt, crit = ids
        if tuple(ids) in seen:
            r.problem(
                ws.title,
                cells["value"].coordinate,
                "a second row for the same "
                f"stakeholder, service, option and criterion (the first is row "
                f"{seen[tuple(ids)]})",
                "one row per cell",
            )
            continue
        seen[tuple(ids)] = row[0].row
        path: list[str | int] = ["stakeholders", st_id, "scores", svc, opt, crit]
        r.places.add(path, cell_ref(ws.title, cells["value"].coordinate))
        for k in ("value", "low", "high", "rationale"):
            if k in cells:
                r.places.add([*path, k], cell_ref(ws.title, cells[k].coordinate))
        r.places.add(path[:4], cell_ref(ws.title, cells["service"].coordinate))
        r.places.add(path[:5], cell_ref(ws.title, cells["option"].coordinate))
        if raw["value"] is None:
            r.problem(
                ws.title,
                cells["value"].coordinate,
                f"no score for {opt!r} on {crit!r}",
                "a score on the scale (delete the row to use the common score)",
            )
            continue
        extra = {k: raw[k] for k in ("rationale", "low", "high") if raw.get(k) is not None}
        if "rationale" in extra and not isinstance(extra["rationale"], str):
            extra["rationale"] = str(extra["rationale"])
        st = data.setdefault("stakeholders", {}).setdefault(st_id, {})
        st.setdefault("scores", {}).setdefault(svc, {}).setdefault(opt, {})[crit] = (
            {"value": raw["value"], **extra} if extra else raw["value"]
        )


def read_service(r: Reader, ws: Any, sid: str, data: dict[str, Any]) -> None:
    sheet = ws.title
    path: list[str | int] = ["services", sid]
    r.places.add(path, sheet)
    header = None
    cols: dict[str, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
        names = {
            str(c.value).strip(): c.column
            for c in row
            if isinstance(c.value, str) and c.value.strip()
        }
        if {"criterion", "option", "value"} <= set(names):
            header, cols = row[0].row, names
            break
    if header is None:
        r.problem(
            sheet,
            None,
            "no row with the column ids (criterion, option, value, "
            "low, high, rationale) above the scores",
            "the layout of samvalg template: do not delete the small grey id row",
        )
        return
    merged = r.merged(ws, header + 1, [cols[k] for k in READ_COLUMNS if k in cols])
    scores: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    first_option_cell: dict[str, str] = {}
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {k: row[cols[k] - 1] for k in READ_COLUMNS if k in cols and cols[k] - 1 < len(row)}
        raw = {k: r.value(ws, c, text_only=k == "rationale") for k, c in cells.items()}
        if all(v is None for v in raw.values()):
            continue
        crit, opt = raw.get("criterion"), raw.get("option")
        missing = False
        for k, v in (("criterion", crit), ("option", opt)):
            if v is None:
                r.problem(
                    sheet,
                    cells[k].coordinate,
                    f"missing {k} id in a row with scores",
                    f"the {k} id (do not clear the id columns)",
                )
                missing = True
        if missing:
            continue
        crit, opt = str(crit), str(opt)
        vcell = cells["value"]
        if (opt, crit) in seen:
            r.problem(
                sheet,
                vcell.coordinate,
                f"a second row for option {opt!r} on "
                f"criterion {crit!r} (the first is row {seen[opt, crit]})",
                "one row per option and criterion",
            )
            continue
        seen[opt, crit] = row[0].row
        first_option_cell.setdefault(opt, cell_ref(sheet, cells["option"].coordinate))
        spath = [*path, "scores", opt, crit]
        r.places.add(spath, cell_ref(sheet, vcell.coordinate))
        for k in ("value", "low", "high", "rationale"):
            if k in cells:
                r.places.add([*spath, k], cell_ref(sheet, cells[k].coordinate))
        table = scores.setdefault(opt, {})
        value = raw["value"]
        if value is None:
            if vcell.coordinate not in merged:
                r.problem(
                    sheet,
                    vcell.coordinate,
                    f"no score for option {opt!r} on criterion {crit!r}",
                    'a score on the scale, or "na" where the criterion does not apply',
                )
            r.reported.add((*path, "scores", opt))
            continue
        extra = {k: raw[k] for k in ("rationale", "low", "high") if raw.get(k) is not None}
        if "rationale" in extra and not isinstance(extra["rationale"], str):
            extra["rationale"] = str(extra["rationale"])
        table[crit] = {"value": value, **extra} if extra else value
    options = list(scores)
    for i, opt in enumerate(options):
        r.places.add([*path, "options", i], first_option_cell[opt])
    r.places.add([*path, "options"], sheet)
    r.places.add([*path, "scores"], sheet)
    for opt in options:
        r.places.add([*path, "scores", opt], sheet)
    data.setdefault("services", {})[sid] = {"options": options, "scores": scores}
