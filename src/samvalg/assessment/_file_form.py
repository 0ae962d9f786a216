"""An assessment in file form: the plain mapping an assessment file holds, built from the
domain objects (:meth:`Assessment.to_dict`, :meth:`Assessment.replace`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samvalg.assessment._records import Meta, Stakeholder, WeightRecord, plain
from samvalg.assessment._scales import Scale
from samvalg.assessment._scores import ServiceAssessment

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["file_form", "prune_overrides", "replacement_in_file_form"]


def file_form(a: Assessment) -> dict[str, Any]:
    """`a` as the mapping of an assessment file (derived cells left out: they are recomputed)."""
    services: dict[str, Any] = {}
    for sid, sa in a.services.items():
        scores: dict[str, Any] = {}
        for opt in sa.options:
            cells = sa.scores[str(opt)]
            table: dict[str, Any] = {}
            for set_id in a.set_ids:
                scale = a.scales[set_id]
                for c in a.criteria(set_id):
                    if not a.is_derived(sid, c):  # derived cells are recomputed
                        table[c] = cells[c].to_raw(scale)
            scores[str(opt)] = table
        services[sid] = {"options": [str(o) for o in sa.options], "scores": scores}
    out: dict[str, Any] = {
        "schema_version": a.schema_version,
        "meta": a.meta.to_raw(),
        "scales": {k: s.to_dict() for k, s in a.scales.items()},
        "weights": {k: plain(dict(r.input)) for k, r in a.weights.items()},
        "services": services,
    }
    if a.stakeholders:
        out["stakeholders"] = {k: s.to_raw(a) for k, s in a.stakeholders.items()}
    if a.derived:
        out["derived"] = {c: plain(dict(d.input)) for c, d in a.derived.items()}
    if a.economics is not None:
        out["economics"] = plain(dict(a.economics.input))
    if a.bundles:
        out["bundles"] = {b: plain(dict(x.input)) for b, x in a.bundles.items()}
    return out


def prune_overrides(data: dict[str, Any]) -> None:
    """Drop stakeholders' score overrides of services or options not in ``data["services"]``."""
    services = data.get("services")
    if not isinstance(services, Mapping):
        return
    for table in (data.get("stakeholders") or {}).values():
        scores = table.get("scores") if isinstance(table, Mapping) else None
        if not isinstance(scores, dict):
            continue
        for svc in list(scores):
            svc_table = services.get(svc)
            known = svc_table.get("scores", {}) if isinstance(svc_table, Mapping) else {}
            if not known or not isinstance(scores[svc], dict):
                del scores[svc]
                continue
            for opt in list(scores[svc]):
                if opt not in known:
                    del scores[svc][opt]
            if not scores[svc]:
                del scores[svc]
        if not scores:
            del table["scores"]


def replacement_in_file_form(key: str, value: Any, base: Assessment) -> Any:
    """A replacement value (domain objects or file-form tables) in file form."""
    if key == "meta":
        return value.to_raw() if isinstance(value, Meta) else plain(value)
    if key == "economics" and hasattr(value, "scenario_of"):
        return plain(dict(value.input))
    if not isinstance(value, Mapping):
        return plain(value)
    out: dict[str, Any] = {}
    for k, v in value.items():
        if isinstance(v, Scale):
            out[k] = v.to_dict()
        elif isinstance(v, Stakeholder):
            out[k] = v.to_raw(base)
        elif (
            isinstance(v, WeightRecord)
            or (key == "derived" and hasattr(v, "applies_to"))
            or (key == "bundles" and hasattr(v, "fte_source"))
        ):
            out[k] = plain(dict(v.input))
        elif isinstance(v, ServiceAssessment):
            scores = {}
            for opt in v.options:
                cells = v.scores[str(opt)]
                table = {}
                for c, s in cells.items():
                    if base.is_derived(k, c):  # recomputed from [derived] on loading
                        continue
                    set_id = next((sid for sid in base.set_ids if c in base.criteria(sid)), None)
                    scale = base.scales[set_id] if set_id is not None else Scale()
                    table[c] = s.to_raw(scale)
                scores[str(opt)] = table
            out[k] = {"options": [str(o) for o in v.options], "scores": scores}
        else:
            out[k] = plain(v)
    return out
