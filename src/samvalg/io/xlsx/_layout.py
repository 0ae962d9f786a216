"""The workbook layout shared by the writer and the reader: sheet names, column ids and
the parameter rows of a weights sheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from samvalg.io._workbook_guard import MAX_UNPACKED_BYTES

SUFFIXES = (".xlsx", ".xlsm")
"""The workbook suffixes :func:`samvalg.load_assessment` reads as a workbook."""

MAX_FILE_BYTES = MAX_UNPACKED_BYTES
"""The largest workbook file read (50 MB; the full example is 0.25 MB)."""

GUIDE_SHEETS = ("Veiledning", "Guide")
META_SHEET = "meta"
WEIGHTS_PREFIX = "vekter_"
IGNORED_PREFIX = "_"
STAKEHOLDER_SHEET = "interessenter"
OVERRIDE_SHEET = "interessent_skarer"
BUNDLE_SHEET = "pakker"
BUNDLE_COLUMNS = ("id", "services", "rule", "name_nb", "name_en", "fte")
STAKEHOLDER_COLUMNS = ("id", "name", "role", "municipality", "voting_weight", "description")
OVERRIDE_COLUMNS = (
    "stakeholder",
    "service",
    "option",
    "criterion",
    "criterion_name",
    "value",
    "low",
    "high",
    "rationale",
)
SHEET_NAME_MAX = 31
LANGS = ("nb", "en")
NA = "na"

SCORE_COLUMNS = (
    "set",
    "criterion_name",
    "option_label",
    "value",
    "low",
    "high",
    "rationale",
    "scale",
    "criterion",
    "option",
)
"""Column ids of a service sheet, in order (the reader finds them by id)."""
READ_COLUMNS = ("value", "low", "high", "rationale", "criterion", "option")
WEIGHT_PARAMS = {
    "points": ("total",),
    "rank": ("formula",),
    "ahp": ("variant",),
    "objective": ("measure",),
    "swing": (),
    "direct": (),
    "equal": (),
}
"""Which parameter rows of a weights sheet apply to each method."""
VALUE_FIELD = {"points": "points", "swing": "swing", "direct": "values"}
HEADER_SCAN_ROWS = 30


def rows_order(method: str, raw: Mapping[str, Any], labels: Sequence[str]) -> list[str]:
    """Criteria in the order the weights input lists them (then the rest, catalogue order)."""
    if method == "ahp":
        first = [str(c) for c in raw.get("criteria", [])]
    elif method == "rank":
        first = []
        for g in raw.get("ranking", []):
            first += [str(x) for x in g] if isinstance(g, list | tuple) else [str(g)]
    elif method in VALUE_FIELD:
        first = [str(k) for k in raw.get(VALUE_FIELD[method], {})]
    else:
        first = []
    seen = [c for c in dict.fromkeys(first) if c in labels]
    return seen + [c for c in labels if c not in seen]
