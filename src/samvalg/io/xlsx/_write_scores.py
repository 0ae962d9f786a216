"""The template's weights sheets and service-area scoring sheets (with data validation of
each cell on its set's scale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from samvalg.assessment import PLUS_MINUS_LABELS, SET_WEIGHTS_KEY, Scale, format_number
from samvalg.io.xlsx._cells import cell_value, formula, paint, put
from samvalg.io.xlsx._layout import NA, SCORE_COLUMNS, VALUE_FIELD, WEIGHT_PARAMS, rows_order
from samvalg.io.xlsx._wording import TEXT

if TYPE_CHECKING:
    from samvalg.assessment import ServiceAssessment, WeightRecord
    from samvalg.catalogue import Catalogue


def weights_sheet(
    ws: Any,
    key: str,
    rec: WeightRecord | None,
    cat: Catalogue,
    lang: str,
    title: str | None = None,
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    text = TEXT[lang]
    if key == SET_WEIGHTS_KEY:
        labels = list(cat.criteria_sets)
        names = [getattr(cat.criteria_sets[s], f"name_{lang}") for s in labels]
        ws["A1"] = text["set_weights_title"]
    else:
        cs = cat.criteria_sets[key]
        labels = [c.id for c in cs.criteria]
        names = [getattr(c, f"name_{lang}") for c in cs.criteria]
        ws["A1"] = f"{text['weights_title']}: {getattr(cs, f'name_{lang}')}"
    if title is not None:
        put(ws, 1, 1, f"{title}: {ws['A1'].value}")
    paint(ws["A1"], "title")
    ws["A2"] = text["weights_hint"]
    paint(ws["A2"], "wrap")
    ws.merge_cells("A2:H2")  # outside the data area: the reader never looks at row 2
    ws.row_dimensions[2].height = 75
    raw: dict[str, Any] = dict(rec.input) if rec is not None else {"method": "points", "total": 100}
    method = str(raw.get("method", "points"))
    methods = [m for m in WEIGHT_PARAMS if not (key == SET_WEIGHTS_KEY and m == "objective")]
    params = {
        "method": method,
        "total": raw.get("total"),
        "formula": raw.get("formula"),
        "variant": raw.get("variant"),
        "measure": raw.get("measure"),
    }
    lists = {
        "method": methods,
        "formula": ["roc", "rank_sum", "rank_reciprocal"],
        "variant": ["eigen", "geometric"],
        "measure": ["entropy", "critic", "std"],
    }
    for r, (name, value) in enumerate(params.items(), start=4):
        paint(ws.cell(r, 1, name), "id")
        ws.cell(r, 2, text[f"w.{name}"])
        c = put(ws, r, 3, value)
        paint(c, "input")
        if name in lists:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(lists[name]) + '"',
                allow_blank=name != "method",
                showErrorMessage=True,
            )
            ws.add_data_validation(dv)
            dv.add(c.coordinate)
    order = rows_order(method, raw, labels)
    n = len(order)
    head, ids = 10, 11
    first, last = ids + 1, ids + n
    for col, label, colid in (
        (1, text["criterion"], "id"),
        (2, text["name"], "name"),
        (3, text["wvalue"], "value"),
        (4, text["share"], "share"),
    ):
        paint(ws.cell(head, col, label), "head")
        paint(ws.cell(ids, col, colid), "id")
    paint(ws.cell(head, 6, text["ahp"]), "head")
    values = raw.get(VALUE_FIELD.get(method, ""), {}) if method in VALUE_FIELD else {}
    position: dict[str, int] = {}
    if method == "rank":
        for g, group in enumerate(raw.get("ranking", []), start=1):
            for c in group if isinstance(group, list | tuple) else [group]:
                position[str(c)] = g
    matrix = raw.get("matrix") if method == "ahp" else None
    for i, cid in enumerate(order):
        r = first + i
        paint(ws.cell(r, 1, cid), "id")
        paint(ws.cell(r, 2, names[labels.index(cid)]), "wrap")
        v = values.get(cid) if isinstance(values, Mapping) else None
        if method == "rank":
            v = position.get(cid)
        paint(put(ws, r, 3, v), "input")
        total = f"SUM(C${first}:C${last})"
        share = formula(ws, r, 4, f'=IF({total}>0,C{r}/{total},"")')
        paint(share, "percent")
        paint(ws.cell(ids, 6 + i, cid), "id")
        if i:
            paint(ws.cell(head, 6 + i), "head_wrap")
        for j in range(n):
            m = ws.cell(r, 6 + j)
            if matrix is not None:
                m = put(ws, r, 6 + j, matrix[i][j])
            elif i == j:
                m.value = 1
            paint(m, "fixed" if i == j else "input")
    paint(ws.cell(head - 1, 2, "Sum"), "head")  # above the table: never read
    paint(formula(ws, head - 1, 3, f"=SUM(C{first}:C{last})"), "head")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 9
    for j in range(n):
        ws.column_dimensions[get_column_letter(6 + j)].width = 9
    ws.freeze_panes = f"C{first}"


def scale_text(scale: Scale) -> str:
    if scale.kind == "plus_minus":
        return "---- .. ++++, na"
    return f"{format_number(scale.min)}–{format_number(scale.max)}, na"


def validations(scale: Scale, text: Mapping[str, str], col_value: str) -> tuple[Any, Any]:
    """Data validation of the score cells and of the low/high cells on `scale`."""
    from openpyxl.worksheet.datavalidation import DataValidation

    common = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorTitle": text["dv_error"],
        "promptTitle": text["dv_prompt"],
    }
    if scale.kind == "plus_minus":
        items = ",".join(PLUS_MINUS_LABELS)
        score = DataValidation(
            type="list",
            formula1=f'"{items},{NA}"',
            error=f"{items}, {NA}",
            prompt=f"{items}, {NA}",
            **common,
        )
        bound = DataValidation(
            type="list", formula1=f'"{items}"', error=items, prompt=items, **common
        )
        return score, bound
    lo, hi = format_number(scale.min), format_number(scale.max)
    ref = f"{col_value}{{row}}"
    score = DataValidation(
        type="custom",
        formula1=f'OR(AND(ISNUMBER({ref}),{ref}>={lo},{ref}<={hi}),{ref}="{NA}")',
        error=f'{lo}–{hi} / "{NA}"',
        prompt=f"{lo}–{hi}, {NA}",
        **common,
    )
    bound = DataValidation(
        type="decimal",
        operator="between",
        formula1=lo,
        formula2=hi,
        error=f"{lo}–{hi}",
        prompt=f"{lo}–{hi}",
        **common,
    )
    return score, bound


def service_sheet(
    ws: Any,
    sid: str,
    options: Sequence[str],
    sa: ServiceAssessment | None,
    scales: Mapping[str, Scale],
    cat: Catalogue,
    lang: str,
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    from samvalg.catalogue._labels import option_label

    text = TEXT[lang]
    col = {k: i + 1 for i, k in enumerate(SCORE_COLUMNS)}
    letter = {k: get_column_letter(i) for k, i in col.items()}
    svc = cat.services[sid]
    ws["A1"] = f"{getattr(svc, f'name_{lang}')}: {text['scoring']}"
    paint(ws["A1"], "title")
    ws["A2"] = text["sheet_hint"]
    head, ids = 3, 4
    for k in SCORE_COLUMNS:
        paint(ws.cell(head, col[k], text[k]), "head")
        paint(ws.cell(ids, col[k], k), "id")
    ws.row_dimensions[ids].height = 11
    r = ids + 1
    band = False
    for set_id, cs in cat.criteria_sets.items():
        scale = scales[set_id]
        start = r
        for crit in cs.criteria:
            band = not band
            for idx, opt in enumerate(options):
                form = cat.forms.get(opt.split(":")[0])
                ws.cell(r, col["set"], getattr(cs, f"name_{lang}"))
                name = ws.cell(r, col["criterion_name"], getattr(crit, f"name_{lang}"))
                if idx == 0:
                    name.comment = Comment(
                        getattr(crit, f"description_{lang}"), "samvalg", height=120, width=320
                    )
                ws.cell(r, col["option_label"], option_label(opt, lang, cat))
                paint(ws.cell(r, col["scale"], scale_text(scale)), "id")
                paint(ws.cell(r, col["criterion"], crit.id), "id")
                paint(ws.cell(r, col["option"], opt), "id")
                value = low = high = None
                rationale = ""
                if sa is not None and opt in sa.scores and crit.id in sa.scores[opt]:
                    score = sa.scores[opt][crit.id]
                    value = NA if score.value is None else cell_value(score.value, scale)
                    low = None if score.low is None else cell_value(score.low, scale)
                    high = None if score.high is None else cell_value(score.high, scale)
                    rationale = score.rationale
                elif sa is None and form is not None:
                    if set_id == "model" and not form.formal:
                        value = NA
                    elif scale.kind == "plus_minus" and opt == "egen_drift":
                        value = "0"
                for key, v in (
                    ("value", value),
                    ("low", low),
                    ("high", high),
                    ("rationale", rationale or None),
                ):
                    c = put(ws, r, col[key], v)
                    paint(
                        c,
                        "input_wrap"
                        if key == "rationale"
                        else "input_text"
                        if scale.kind == "plus_minus"
                        else "input",
                    )
                for key in ("set", "criterion_name", "option_label"):
                    look = "wrap" if key == "criterion_name" else "top"
                    paint(ws.cell(r, col[key]), f"band_{look}" if band else look)
                r += 1
        end = r - 1
        if end < start:  # pragma: no cover - every criteria set has criteria
            continue
        score_dv, bound_dv = validations(scale, text, letter["value"])
        if score_dv.type == "custom":
            score_dv.formula1 = score_dv.formula1.replace("{row}", str(start))
        ws.add_data_validation(score_dv)
        ws.add_data_validation(bound_dv)
        score_dv.add(f"{letter['value']}{start}:{letter['value']}{end}")
        bound_dv.add(f"{letter['low']}{start}:{letter['high']}{end}")
    widths = {
        "set": 16,
        "criterion_name": 34,
        "option_label": 28,
        "value": 8,
        "low": 7,
        "high": 7,
        "rationale": 60,
        "scale": 12,
        "criterion": 22,
        "option": 26,
    }
    for k, w in widths.items():
        ws.column_dimensions[letter[k]].width = w
    ws.freeze_panes = f"{letter['value']}{ids + 1}"
    ws.auto_filter.ref = f"A{ids}:{letter['option']}{max(r - 1, ids)}"
