"""The template's guide, meta, stakeholder and override sheets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from samvalg.assessment import PLUS_MINUS_LABELS, Scale, format_number
from samvalg.io.xlsx._cells import cell_value, paint, put
from samvalg.io.xlsx._layout import (
    BUNDLE_COLUMNS,
    GUIDE_SHEETS,
    OVERRIDE_COLUMNS,
    STAKEHOLDER_COLUMNS,
)
from samvalg.io.xlsx._wording import GUIDE_EN, GUIDE_NB, TEXT

if TYPE_CHECKING:
    from samvalg.assessment import Assessment, Stakeholder
    from samvalg.catalogue import Catalogue


def guide_sheet(ws: Any, lang: str, cat: Catalogue, scales: Mapping[str, Scale]) -> None:
    ws.title = GUIDE_SHEETS[0] if lang == "nb" else GUIDE_SHEETS[1]
    ws.column_dimensions["A"].width = 110
    blocks = [GUIDE_NB, GUIDE_EN] if lang == "nb" else [GUIDE_EN, GUIDE_NB]
    row = 1
    for block in blocks:
        for kind, line in block:
            cell = ws.cell(row, 1, line)
            paint(cell, "title" if kind == "h" else "wrap")
            row += 1
        row += 1
    paint(ws.cell(row, 1, "Skalaer / Scales"), "title")
    row += 1
    for sid, scale in scales.items():
        cs = cat.criteria_sets[sid]
        if scale.kind == "plus_minus":
            allowed = (
                " ".join(PLUS_MINUS_LABELS) + ", na  (DFØ pluss-minus mot "
                "nullalternativet egen drift / against the zero option, egen drift = 0)"
            )
        else:
            allowed = (
                f"{format_number(scale.min)}–{format_number(scale.max)} "
                "(desimaltall tillatt / decimals allowed), na"
            )
        paint(ws.cell(row, 1, f"{cs.name_nb} / {cs.name_en} ({sid}): {allowed}"), "wrap")
        row += 1


def meta_sheet(
    ws: Any, a: Assessment | None, scales: Mapping[str, Scale], text: Mapping[str, str]
) -> None:
    ws["A1"] = text["meta_title"]
    paint(ws["A1"], "title")
    for col, key in zip("ABC", ("key", "explain", "val"), strict=True):
        ws[f"{col}3"] = text[key]
        paint(ws[f"{col}3"], "head")
    meta: dict[str, Any] = (
        a.meta.to_raw()
        if a is not None
        else {"title": text["default_title"], "illustrative": False}
    )
    rows: list[tuple[str, str, list[Any]]] = [
        ("schema_version", text["m.schema_version"], [1]),
        ("title", text["m.title"], [meta.get("title", "")]),
        ("illustrative", text["m.illustrative"], [bool(meta.get("illustrative", False))]),
        ("description", text["m.description"], [meta.get("description", "")]),
        ("date", text["m.date"], [meta["date"].isoformat() if meta.get("date") else ""]),
        ("authors", text["m.authors"], list(meta.get("authors", []))),
    ]
    for sid, scale in scales.items():
        d = scale.to_dict()
        rows.append((f"scales.{sid}.kind", text["m.kind"].format(set=sid), [d["kind"]]))
        if scale.kind == "numeric":
            rows.append((f"scales.{sid}.min", text["m.min"].format(set=sid), [d["min"]]))
            rows.append((f"scales.{sid}.max", text["m.max"].format(set=sid), [d["max"]]))
    for r, (key, explain, values) in enumerate(rows, start=4):
        paint(ws.cell(r, 1, key), "id")
        ws.cell(r, 2, explain)
        for k, v in enumerate(values or [""]):
            c = put(ws, r, 3 + k, v if v != "" else None)
            paint(c, "input_wrap" if key == "description" else "input")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A4"


def table_sheet(
    ws: Any,
    title: str,
    hint: str,
    columns: Sequence[str],
    labels: Mapping[str, str],
    rows: Iterable[Sequence[Any]],
    widths: Mapping[str, int],
) -> int:
    """A titled table with a visible header (row 3) and a small id row (row 4); returns the
    last row written."""
    from openpyxl.utils import get_column_letter

    ws["A1"] = title
    paint(ws["A1"], "title")
    ws["A2"] = hint
    for j, k in enumerate(columns, start=1):
        paint(ws.cell(3, j, labels.get(k, k)), "head")
        paint(ws.cell(4, j, k), "id")
        ws.column_dimensions[get_column_letter(j)].width = widths.get(k, 16)
    r = 4
    for r, row in enumerate(rows, start=5):
        for j, v in enumerate(row, start=1):
            c = put(ws, r, j, v)
            paint(c, "wrap" if columns[j - 1] in ("description", "rationale") else "top")
    ws.freeze_panes = "B5"
    return r


def stakeholder_sheet(
    ws: Any, stakeholders: Mapping[str, Stakeholder], text: Mapping[str, str]
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = [
        [st.id, st.name, st.role, st.municipality, st.voting_weight, st.description or None]
        for st in stakeholders.values()
    ]
    table_sheet(
        ws,
        text["stakeholders_title"],
        text["stakeholders_hint"],
        STAKEHOLDER_COLUMNS,
        text,
        rows,
        {"id": 18, "name": 28, "role": 24, "description": 70},
    )
    roles = "municipality,employee_representatives,working_group,politicians,other"
    dv = DataValidation(type="list", formula1=f'"{roles}"', allow_blank=True, showErrorMessage=True)
    ws.add_data_validation(dv)
    dv.add("C5:C200")


def bundle_sheet(
    ws: Any, a: Assessment | None, services: Sequence[str], text: Mapping[str, str]
) -> None:
    """The bundles (``[bundles.<id>]``) whose members are all in the workbook, one row each."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = []
    for bid, bundle in (getattr(a, "bundles", {}) or {}).items():
        if not all(m in services for m in bundle.services):
            continue
        given = dict(bundle.input.get("fte", {}) or {})
        rows.append(
            [
                bid,
                ", ".join(bundle.services),
                bundle.input.get("rule"),
                bundle.input.get("name_nb"),
                bundle.input.get("name_en"),
                ", ".join(f"{m} = {format_number(float(v))}" for m, v in given.items()) or None,
            ]
        )
    table_sheet(
        ws,
        text["bundles_title"],
        text["bundles_hint"],
        BUNDLE_COLUMNS,
        text,
        rows,
        {"id": 26, "services": 36, "rule": 10, "name_nb": 34, "name_en": 34, "fte": 36},
    )
    dv = DataValidation(type="list", formula1='"fte,equal,min"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("C5:C200")


def override_sheet(
    ws: Any,
    a: Assessment | None,
    stakeholders: Mapping[str, Stakeholder],
    services: Sequence[str],
    cat: Catalogue,
    lang: str,
) -> None:
    text = TEXT[lang]
    rows = []
    for st in stakeholders.values():
        if a is None:  # stakeholders always come with their assessment
            break
        for svc, opts in st.scores.items():
            if svc not in services:
                continue
            for opt, cells in opts.items():
                for c, score in cells.items():
                    scale = a.scale_of(c)
                    rows.append(
                        [
                            st.id,
                            svc,
                            opt,
                            c,
                            getattr(cat.criterion(c), f"name_{lang}"),
                            "na" if score.value is None else cell_value(score.value, scale),
                            None if score.low is None else cell_value(score.low, scale),
                            None if score.high is None else cell_value(score.high, scale),
                            score.rationale or None,
                        ]
                    )
    labels = {**text, "criterion": text["criterion"], "option": text["option"]}
    last = table_sheet(
        ws,
        text["overrides_title"],
        text["overrides_hint"],
        OVERRIDE_COLUMNS,
        labels,
        rows,
        {
            "option": 26,
            "criterion": 24,
            "criterion_name": 30,
            "value": 8,
            "low": 7,
            "high": 7,
            "rationale": 60,
        },
    )
    for r in range(5, last + 1):  # scores as text: "+" and "-" labels must not become formulas
        for j in (6, 7, 8):
            paint(ws.cell(r, j), "text")
