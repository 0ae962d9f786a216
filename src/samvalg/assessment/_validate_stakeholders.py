"""Validation of the ``[stakeholders.<id>]`` tables: who, voting weight, own weights and own
score overrides of the common cells."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samvalg.assessment._derived import DerivedCriterion
from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._records import SET_WEIGHTS_KEY, Stakeholder, WeightRecord
from samvalg.assessment._scales import Scale, format_number, show
from samvalg.assessment._schema import Sink, StakeholderSpec, validate_model
from samvalg.assessment._scores import Score, ServiceAssessment
from samvalg.assessment._validate_cells import Path_, form_rules, score_cell, table_of
from samvalg.assessment._weighting import weights_table

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["stakeholder_tables"]


def stakeholder_tables(
    raw: Any,
    sink: Sink,
    cat: Catalogue,
    sets: Mapping[str, tuple[str, ...]],
    scales: Mapping[str, Scale | None],
    raw_services: Mapping[str, Any],
    services: Mapping[str, ServiceAssessment],
    derived: Mapping[str, DerivedCriterion] | None = None,
) -> dict[str, Stakeholder]:
    """``[stakeholders.<id>]`` tables: who, voting weight, own weights, own score overrides."""
    out: dict[str, Stakeholder] = {}
    if not isinstance(raw, Mapping):
        sink.add(
            ["stakeholders"],
            f"expected a table of stakeholders, found {show(raw)}",
            "[stakeholders.<id>] tables",
        )
        return out
    weight_keys = [SET_WEIGHTS_KEY, *sets]
    all_criteria = {c: sid for sid, crits in sets.items() for c in crits}
    for sid, table in raw.items():
        path: Path_ = ["stakeholders", sid]
        before = len(sink)
        if not isinstance(table, Mapping):
            sink.add(
                path,
                f"expected a table (name, role, ...), found {show(table)}",
                'name = "...", role = "municipality", ...',
            )
            continue
        # the head is checked on its own, so a mistake there does not hide those below
        head = {k: v for k, v in table.items() if k not in ("weights", "scores")}
        spec = validate_model(StakeholderSpec, head, path, sink)
        raw_weights = table_of(table.get("weights", {}), [*path, "weights"], sink)
        raw_scores = table_of(table.get("scores", {}), [*path, "scores"], sink)
        municipality = spec.municipality if spec is not None else None
        if spec is None:
            pass
        elif municipality is not None and municipality not in cat.municipalities:
            sink.add(
                [*path, "municipality"],
                f"unknown municipality {municipality!r}"
                + did_you_mean(municipality, cat.municipalities),
                ", ".join(cat.municipalities),
            )
        elif municipality is None and spec.role == "municipality":
            if sid in cat.municipalities:
                municipality = sid
            else:
                sink.add(
                    [*path, "municipality"],
                    "a stakeholder with role 'municipality' "
                    f"needs the municipality it speaks for (its id {sid!r} is not a "
                    "municipality id)" + did_you_mean(sid, cat.municipalities),
                    ", ".join(cat.municipalities),
                )
        if spec is not None and spec.voting_weight is not None and spec.voting_weight < 0:
            sink.add(
                [*path, "voting_weight"],
                f"a voting weight cannot be negative, found {format_number(spec.voting_weight)}",
                "a number >= 0",
            )
        weights: dict[str, WeightRecord] = {}
        for key, wt in raw_weights.items():
            wpath: Path_ = [*path, "weights", key]
            if key not in weight_keys:
                sink.add(
                    wpath,
                    f"unknown weights table {key!r}" + did_you_mean(key, weight_keys),
                    ", ".join(weight_keys),
                )
                continue
            if isinstance(wt, Mapping) and wt.get("method") == "objective":
                sink.add(
                    [*wpath, "method"],
                    "objective weights are computed from the scores, "
                    "not a stakeholder's view; give the stakeholder's own weights or leave "
                    "the table out (the common weights are used)",
                    "points, rank, swing, ahp, equal, direct",
                )
                continue
            labels = list(sets) if key == SET_WEIGHTS_KEY else sets[key]
            what = "criteria set" if key == SET_WEIGHTS_KEY else f"criterion of set {key!r}"
            rec = weights_table(key, wt, labels, wpath, sink, what)
            if rec is not None:
                weights[key] = rec
        scores: dict[str, dict[str, dict[str, Score]]] = {}
        for svc, options_raw in raw_scores.items():
            spath: Path_ = [*path, "scores", svc]
            options = table_of(options_raw, spath, sink)
            if svc not in raw_services:
                sink.add(
                    spath,
                    f"service area {svc!r} is not in the assessment"
                    + did_you_mean(svc, raw_services),
                    ", ".join(raw_services),
                )
                continue
            sa = services.get(svc)
            if sa is None:  # the service itself has problems, reported there
                continue
            for opt, cells in options.items():
                opath: Path_ = [*spath, opt]
                if opt not in sa.scores:
                    sink.add(
                        opath,
                        f"option {opt!r} is not assessed for {svc!r}"
                        + did_you_mean(opt, sa.scores),
                        ", ".join(sa.scores),
                    )
                    continue
                option = next(o for o in sa.options if str(o) == opt)
                for c, cell in table_of(cells, opath, sink).items():
                    cpath: Path_ = [*opath, c]
                    set_id = all_criteria.get(c)
                    if set_id is None:
                        sink.add(
                            cpath,
                            f"unknown criterion {c!r}" + did_you_mean(c, all_criteria),
                            "the criteria of " + ", ".join(sets),
                        )
                        continue
                    d = (derived or {}).get(c)
                    if d is not None and d.applies_to(svc):
                        sink.add(
                            cpath,
                            f"{c!r} is derived from the economics in {svc!r} "
                            f"([derived.{c}]): a stakeholder cannot override it (change "
                            "the [economics] settings instead)",
                            "overrides of judged cells only",
                        )
                        continue
                    scale = scales.get(set_id)
                    score = score_cell(cell, scale, cpath, sink)
                    if score is None:
                        continue
                    if c not in sa.scores[opt]:  # a derived cell not computed (errors above)
                        continue
                    if not sa.scores[opt][c].applicable:
                        sink.add(
                            cpath,
                            f'the common score of {opt!r} on {c!r} is "na" (does '
                            "not apply), so a stakeholder cannot score it",
                            "overrides of applicable cells only",
                        )
                        continue
                    if not score.applicable:
                        sink.add(
                            cpath,
                            'a stakeholder\'s override cannot be "na": whether a '
                            "criterion applies is part of the common assessment",
                            scale.allowed().removesuffix(', or "na"')
                            if scale is not None
                            else "a score",
                        )
                        continue
                    form_rules(option, set_id, score, scale, cpath, sink, cat)
                    scores.setdefault(svc, {}).setdefault(opt, {})[c] = score
        if spec is None or len(sink) > before:
            continue
        out[sid] = Stakeholder(
            id=sid,
            name=spec.name,
            role=spec.role,
            municipality=municipality,
            voting_weight=spec.voting_weight,
            description=spec.description,
            weights=weights,
            scores=scores,
        )
    if out and len(out) == len(raw):
        stated = [s.voting_weight for s in out.values() if s.voting_weight is not None]
        if len(stated) == len(out) and sum(stated) <= 0:
            sink.add(
                ["stakeholders"],
                "every stated voting weight is 0: the group has no voice",
                "at least one voting_weight > 0",
            )
    return out
