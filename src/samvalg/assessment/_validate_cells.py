"""Validation of single cells: a score cell on its set's scale, the cooperation-form rules
(``"na"`` where a set does not apply, the pluss-minus zero option), and table shapes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._options import Option
from samvalg.assessment._records import FORMAL_ONLY_SETS
from samvalg.assessment._scales import Scale, ScaleValueError, show
from samvalg.assessment._schema import Sink
from samvalg.assessment._scores import Score

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["CELL_KEYS", "NA", "ZERO_OPTION", "Path_", "form_rules", "score_cell", "table_of"]

CELL_KEYS = ("value", "rationale", "low", "high")
NA = "na"
ZERO_OPTION = "egen_drift"

Path_ = list[str | int]


def table_of(value: Any, path: Path_, sink: Sink) -> Mapping[str, Any]:
    """`value` if it is a table; otherwise report it and return an empty one."""
    if isinstance(value, Mapping):
        return value
    sink.add(path, f"expected a table (key = value pairs), found {show(value)}")
    return {}


def form_rules(
    option: Option,
    set_id: str,
    score: Score,
    scale: Scale | None,
    path: Path_,
    sink: Sink,
    cat: Catalogue,
) -> None:
    form = cat.forms[option.form]
    if set_id in FORMAL_ONLY_SETS and not form.formal and score.applicable:
        sink.add(
            path,
            f"{option.form!r} is not a formal cooperation form, so the {set_id} "
            f'criteria do not apply: write "na" (found {show(score.value)})',
            '"na"',
        )
    elif (
        scale is not None
        and scale.kind == "plus_minus"
        and option.form == ZERO_OPTION
        and score.applicable
        and any(v not in (None, 0.0) for v in (score.value, score.low, score.high))
    ):
        found = (
            scale.label(score.value)
            if score.value is not None and score.value != 0
            else f"low/high {scale.label(score.low or 0)}..{scale.label(score.high or 0)}"
        )
        sink.add(
            path,
            f"egen_drift is the zero option of the pluss-minus scale: its score is "
            f'"0" by definition, found "{found}"',
            '"0" (or "na")',
        )


def score_cell(raw: Any, scale: Scale | None, path: Path_, sink: Sink) -> Score | None:
    """One score cell: a bare value, ``"na"``, or ``{value, rationale, low, high}``."""
    before = len(sink)
    low_raw = high_raw = None
    rationale = ""
    vpath = path
    if isinstance(raw, Mapping):
        for key in raw:
            if key not in CELL_KEYS:
                sink.add(
                    [*path, key],
                    f"unknown key {key!r}" + did_you_mean(key, CELL_KEYS),
                    ", ".join(CELL_KEYS),
                )
        if "value" not in raw:
            sink.add(path, "required key 'value' is missing", 'a score or "na"')
            return None
        vpath = [*path, "value"]
        value_raw = raw["value"]
        low_raw, high_raw = raw.get("low"), raw.get("high")
        r = raw.get("rationale", "")
        if not isinstance(r, str):
            sink.add([*path, "rationale"], f"expected text in quotes, found {show(r)}")
        else:
            rationale = r
    else:
        value_raw = raw
    if value_raw == NA:
        for key, v in (("low", low_raw), ("high", high_raw)):
            if v is not None:
                sink.add(
                    [*path, key], f'a not-applicable ("na") cell has no {key}', f"leave out {key}"
                )
        return Score(None, rationale=rationale) if len(sink) == before else None
    if scale is None:
        return None
    parsed: dict[str, float | None] = {}
    for key, v, where in (
        ("value", value_raw, vpath),
        ("low", low_raw, [*path, "low"]),
        ("high", high_raw, [*path, "high"]),
    ):
        if v is None:
            parsed[key] = None
            continue
        if key != "value" and v == NA:
            sink.add(where, f'{key} cannot be "na"', scale.allowed().removesuffix(', or "na"'))
            continue
        try:
            parsed[key] = scale._parse(v)
        except ScaleValueError as exc:
            allowed = exc.allowed if key == "value" else exc.allowed.removesuffix(', or "na"')
            sink.add(where, exc.message, allowed)
    if len(sink) > before:
        return None
    value, low, high = parsed["value"], parsed["low"], parsed["high"]
    if value is None:
        return None
    if low is not None and high is not None and low > high:
        sink.add(
            path,
            f"low {scale.label(low)} is above high {scale.label(high)}",
            "low <= value <= high",
        )
        return None
    lo = value if low is None else low
    hi = value if high is None else high
    if not lo <= value <= hi:
        sink.add(
            vpath,
            f"value {scale.label(value)} is outside its uncertainty interval "
            f"[{scale.label(lo)}, {scale.label(hi)}]",
            "low <= value <= high",
        )
        return None
    return Score(value, low, high, rationale)
