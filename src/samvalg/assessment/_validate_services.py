"""Validation of one ``[services.<id>]`` table: its options and every score cell."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samvalg.assessment._hints import closest, did_you_mean
from samvalg.assessment._options import Option, parse_option
from samvalg.assessment._scales import Scale
from samvalg.assessment._schema import ServiceSpec, Sink, validate_model
from samvalg.assessment._scores import Score, ServiceAssessment
from samvalg.assessment._validate_cells import Path_, form_rules, score_cell

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["service_table"]


def service_table(
    sid: str,
    raw: Any,
    path: Path_,
    sink: Sink,
    cat: Catalogue,
    sets: Mapping[str, tuple[str, ...]],
    scales: Mapping[str, Scale | None],
    derived: frozenset[str] | set[str] = frozenset(),
) -> ServiceAssessment | None:
    """One ``[services.<id>]`` table; cells of the `derived` criteria must be left out."""
    ok = True
    if sid not in cat.services:
        sink.add(
            path,
            f"unknown service area {sid!r}" + did_you_mean(sid, cat.services),
            ", ".join(cat.services),
        )
        ok = False
    spec = validate_model(ServiceSpec, raw, path, sink)
    if spec is None:
        return None
    declared: dict[str, Option | None] = {}
    for i, text in enumerate(spec.options):
        option, problems = parse_option(text, cat)
        for message, allowed in problems:
            sink.add([*path, "options", i], message, allowed)
        if not isinstance(text, str):
            continue
        if text in declared:
            first = list(declared).index(text)
            sink.add(
                [*path, "options", i],
                f"duplicate option {text!r} (also options[{first}])",
                "each option once",
            )
            continue
        declared[text] = option if not problems else None
    if len(declared) < 2:
        sink.add(
            [*path, "options"],
            f"a service area needs at least 2 options to compare, found {len(declared)}",
            'e.g. ["egen_drift", "vertskommune:<host>"]',
        )
    # an option with a mistake is reported once, at options[i]: its scores are not checked
    invalid = [t for t, o in declared.items() if o is None]
    for key in spec.scores:
        if key not in declared and not (invalid and closest(key, invalid)):
            sink.add(
                [*path, "scores", key],
                f"scores for {key!r}, which is not in "
                f"{'.'.join(map(str, path))}.options" + did_you_mean(key, declared),
                ", ".join(declared),
            )
    all_criteria = {c: sid_ for sid_, crits in sets.items() for c in crits}
    scores: dict[str, dict[str, Score]] = {}
    judged: dict[str, list[str]] = {}  # derived criterion -> options that also score it
    for text, option in declared.items():
        if option is None:
            continue
        spath: Path_ = [*path, "scores", text]
        table = spec.scores.get(text)
        if table is None:
            n = sum(len(c) for c in sets.values())
            sink.add(
                [*path, "scores"],
                f"no scores for option {text!r}: all {n} cells are "
                f'missing (add [{".".join(map(str, [*path, "scores"]))}."{text}"])',
                'a score or "na" for every criterion',
            )
            ok = False
            continue
        for key in table:
            if key not in all_criteria:
                sink.add(
                    [*spath, key],
                    f"unknown criterion {key!r}" + did_you_mean(key, all_criteria),
                    "the criteria of " + ", ".join(sets),
                )
        cells: dict[str, Score] = {}
        missing: dict[str, list[str]] = {}
        for set_id, crits in sets.items():
            scale = scales.get(set_id)
            for c in crits:
                if c in derived:
                    if c in table:
                        judged.setdefault(c, []).append(text)
                    continue
                if c not in table:
                    missing.setdefault(set_id, []).append(c)
                    continue
                score = score_cell(table[c], scale, [*spath, c], sink)
                if score is None:
                    continue
                if option is not None:
                    form_rules(option, set_id, score, scale, [*spath, c], sink, cat)
                cells[c] = score
        if missing:
            n = sum(len(v) for v in missing.values())
            listing = "; ".join(f"{s}: {', '.join(cs)}" for s, cs in missing.items())
            sink.add(
                spath,
                f"{n} missing score{'s' if n != 1 else ''} for {text!r} ({listing})",
                'a score or "na" for every criterion of every set',
            )
        scores[text] = cells
    for c, opts in judged.items():  # one problem per criterion, at the first cell
        others = f" (also given for {', '.join(opts[1:])})" if len(opts) > 1 else ""
        sink.add(
            [*path, "scores", opts[0], c],
            f"{c!r} is derived from the economics "
            f"([derived.{c}]), so it must not also be scored here{others}: leave these "
            f"cells out, or remove {sid!r} from derived.{c}.services to judge it",
            "no judged cell for a derived criterion",
        )
    if not ok or any(opt is None for opt in declared.values()):
        return None
    return ServiceAssessment(sid, tuple(o for o in declared.values() if o is not None), scores)
