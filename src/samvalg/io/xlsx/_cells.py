"""Cells of a workbook: openpyxl imported lazily, ``sheet!cell`` references, and text cells
that are never a formula and keep every character (Office Open XML ``_xHHHH_`` escapes).
"""

from __future__ import annotations

import re
from typing import Any

from samvalg.assessment import Scale
from samvalg.errors import SamvalgError


def openpyxl_module() -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is installed in the dev extra
        raise SamvalgError(
            "reading and writing .xlsx workbooks needs openpyxl, an optional dependency: "
            "install it with  pip install 'samvalg[xlsx]'"
        ) from None
    return openpyxl


def cell_ref(sheet: str, coord: str) -> str:
    """``lonn!D7``; sheet names that are not plain ids are quoted as Excel does."""
    plain = sheet.replace("_", "").isalnum() and sheet.isascii()
    return f"{sheet}!{coord}" if plain else f"'{sheet}'!{coord}"


# --------------------------------------------------------------------------------------------
# Text cells: never a formula, and every character kept
# --------------------------------------------------------------------------------------------

_LITERAL_ESCAPE = re.compile(r"_x(?=[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # tab and newline are kept as they are
_UNESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|005[Ff])_")


def escape_text(text: str) -> str:
    """Text as stored in a cell: control characters (a carriage return ...) as ``_x000D_``.

    XML cannot hold most control characters and turns a carriage return into a newline; Office
    Open XML writes them as ``_xHHHH_`` (Excel shows ``_x000D_`` as a carriage return). A
    literal ``_xHHHH_`` in the text is escaped as ``_x005F_xHHHH_`` so it reads back as typed.
    """
    text = _LITERAL_ESCAPE.sub("_x005F_x", text)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape_text(text: str) -> str:
    """Undo :func:`escape_text` (control characters and ``_x005F_`` only)."""
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write `value` to a cell; text is always a string cell, never a formula or error code.

    openpyxl makes any text starting with ``=`` a formula and ``#N/A``-like text an error
    cell; a user's text (``=HYPERLINK(...)`` as a title) must stay text.
    """
    if isinstance(value, str):
        value = escape_text(value)
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def formula(ws: Any, row: int, column: int, formula: str) -> Any:
    """Write one of samvalg's own formulas (the only formulas a template holds)."""
    cell = ws.cell(row, column, formula)
    ws.parent.__dict__.setdefault("_samvalg_formulas", set()).add(id(cell))
    return cell


def only_own_formulas(wb: Any) -> None:
    """Make every formula or error cell that samvalg did not write a text cell (a last guard:
    text from a catalogue, or any cell written without :func:`put`)."""
    own = wb.__dict__.get("_samvalg_formulas", set())
    for ws in wb.worksheets:
        for cell in getattr(ws, "_cells", {}).values():
            if (cell.data_type == "f" and id(cell) not in own) or cell.data_type == "e":
                cell.data_type = "s"


def style_specs() -> dict[str, dict[str, Any]]:
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    inp = PatternFill("solid", fgColor="FFF9E0")
    band = PatternFill("solid", fgColor="EEF3F8")
    return {
        "title": {"font": Font(bold=True, size=14)},
        "head": {"font": Font(bold=True)},
        "head_wrap": {"font": Font(bold=True), "alignment": wrap},
        "id": {"font": Font(size=8, color="808080")},
        "wrap": {"alignment": wrap},
        "top": {"alignment": top},
        "text": {"number_format": "@"},
        "percent": {"number_format": "0.0%"},
        "input": {"fill": inp, "alignment": top},
        "input_text": {"fill": inp, "alignment": top, "number_format": "@"},
        "input_wrap": {"fill": inp, "alignment": wrap},
        "band_top": {"fill": band, "alignment": top},
        "band_wrap": {"fill": band, "alignment": wrap},
        "fixed": {"fill": PatternFill("solid", fgColor="E6E6E6")},
    }


def paint(cell: Any, key: str) -> None:
    """Give `cell` the named look; each look is built once per workbook and then copied
    (openpyxl's per-attribute style assignment is slow for thousands of cells)."""
    from copy import copy

    wb = cell.parent.parent
    cache = wb.__dict__.setdefault("_samvalg_styles", {})
    if key in cache:
        cell._style = copy(cache[key])
        return
    for attr, value in style_specs()[key].items():
        setattr(cell, attr, value)
    cache[key] = copy(cell._style)


def cell_value(x: float, scale: Scale) -> Any:
    if scale.kind == "plus_minus":
        return scale.label(x)
    return int(x) if float(x).is_integer() else float(x)
