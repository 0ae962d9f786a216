"""Validation of a mapping in file form: the top-level keys, scales and weights tables, and
the parts of an :class:`~samvalg.assessment.Assessment`, every problem collected in one pass."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

import numpy as np

from samvalg._input_limits import check_tree
from samvalg.assessment._bundles import Bundle, parse_bundles
from samvalg.assessment._derived import DerivedCriterion, EconomicsSettings
from samvalg.assessment._derived_cells import derive_scores
from samvalg.assessment._derived_tables import (
    derived_names,
    missing_scenarios,
    parse_derived,
    parse_economics,
)
from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._options import Option
from samvalg.assessment._records import SET_WEIGHTS_KEY, Meta, Stakeholder, WeightRecord
from samvalg.assessment._scales import Scale, format_number, show
from samvalg.assessment._schema import ScaleSpec, Sink, validate_model
from samvalg.assessment._scores import ServiceAssessment
from samvalg.assessment._validate_cells import Path_
from samvalg.assessment._validate_services import service_table
from samvalg.assessment._validate_stakeholders import stakeholder_tables
from samvalg.assessment._weighting import default_weights, weights_table
from samvalg.errors import ValidationError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["SCHEMA_VERSIONS", "TOP_KEYS", "AssessmentParts", "validate_mapping"]

SCHEMA_VERSIONS = (1,)
TOP_KEYS = (
    "schema_version",
    "meta",
    "scales",
    "weights",
    "services",
    "stakeholders",
    "derived",
    "economics",
    "bundles",
)


class AssessmentParts(TypedDict):
    """The validated parts of an assessment: the keyword arguments of ``Assessment(...)``."""

    meta: Meta
    scales: dict[str, Scale]
    weights: dict[str, WeightRecord]
    services: dict[str, ServiceAssessment]
    source: str
    catalogue: Catalogue
    schema_version: int
    stakeholders: dict[str, Stakeholder]
    derived: dict[str, DerivedCriterion]
    economics: EconomicsSettings | None
    bundles: dict[str, Bundle]


def validate_mapping(
    data: Mapping[str, Any], *, source: str, catalogue: Catalogue
) -> AssessmentParts:
    """Validate a mapping in file form; the parts of the assessment it describes.

    Raises
    ------
    samvalg.errors.ValidationError
        Every problem, each at its key path (:attr:`~samvalg.errors.Problem.path`).
    """
    sink = Sink(source)
    if not check_tree(data, sink.add, text=False):
        raise ValidationError(sink.problems)
    plain = _plain_python(data, [], sink)
    if sink.problems:
        raise ValidationError(sink.problems)
    return _validate(plain, sink, catalogue)


def _plain_python(value: Any, path: Path_, sink: Sink) -> Any:
    """A Python mapping in file form: NumPy scalars, tuples and Options become plain values."""
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                sink.add(path, f"keys must be text, found {show(k)}")
                continue
            out[k] = _plain_python(v, [*path, k], sink)
        return out
    if isinstance(value, list | tuple):
        return [_plain_python(v, [*path, i], sink) for i, v in enumerate(value)]
    if isinstance(value, np.ndarray):
        return _plain_python(value.tolist(), path, sink)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Option):
        return str(value)
    return value


def _validate(data: object, sink: Sink, cat: Catalogue) -> AssessmentParts:
    if not isinstance(data, Mapping):
        sink.add([], f"expected a table at the top level, found {show(data)}")
        raise ValidationError(sink.problems)
    # depth first (recursive checks below must not meet a 1000-level table), and control
    # characters in every key and text, which would reach the terminal, the briefing and plots
    if not check_tree(data, sink.add):
        raise ValidationError(sink.problems)
    for key in data:
        if key not in TOP_KEYS:
            sink.add(
                [key],
                f"unknown top-level key {key!r}" + did_you_mean(key, TOP_KEYS),
                ", ".join(TOP_KEYS),
            )
    version = data.get("schema_version")
    if "schema_version" not in data:
        sink.add(
            ["schema_version"], "required key 'schema_version' is missing", "schema_version = 1"
        )
    elif isinstance(version, bool) or not isinstance(version, int):
        sink.add(["schema_version"], f"expected an integer, found {show(version)}", "1")
        raise ValidationError(sink.problems)
    elif version not in SCHEMA_VERSIONS:
        sink.add(
            ["schema_version"],
            f"unsupported schema_version {version}; this samvalg reads version 1",
            ", ".join(map(str, SCHEMA_VERSIONS)),
        )
        raise ValidationError(sink.problems)

    sets = {sid: tuple(c.id for c in cs.criteria) for sid, cs in cat.criteria_sets.items()}

    meta = None
    if "meta" not in data:
        sink.add(["meta"], "required table [meta] is missing", 'title = "..."')
    else:
        meta = validate_model(Meta, data["meta"], ["meta"], sink)

    scales = _scales(data.get("scales", {}), sets, sink)
    weights = _weights(data.get("weights", {}), sets, sink)

    raw_derived = data.get("derived", {})
    derived_named = derived_names(raw_derived, sets)

    services: dict[str, ServiceAssessment] = {}
    raw_services = data.get("services")
    if raw_services is None:
        sink.add(
            ["services"],
            "required table [services] is missing: assess at least one service area",
            ", ".join(cat.services),
        )
    elif not isinstance(raw_services, Mapping):
        sink.add(["services"], f"expected a table of service areas, found {show(raw_services)}")
    elif not raw_services:
        sink.add(["services"], "no service areas: assess at least one", ", ".join(cat.services))
    else:
        for sid, raw in raw_services.items():
            skip = {c for c, only in derived_named.items() if only is None or sid in only}
            sa = service_table(sid, raw, ["services", sid], sink, cat, sets, scales, skip)
            if sa is not None:
                services[sid] = sa

    assessed = list(raw_services) if isinstance(raw_services, Mapping) else []
    derived = parse_derived(raw_derived, sets, scales, assessed, sink) if "derived" in data else {}
    economics = parse_economics(data.get("economics"), cat, sink)
    if derived and economics is not None and not missing_scenarios(economics, sink):
        services = derive_scores(
            services,
            derived,
            economics,
            scales,  # type: ignore[arg-type]
            cat,
            sink,
            {
                c: isinstance(raw_derived[c], Mapping) and "services" in raw_derived[c]
                for c in derived
            },
        )

    stakeholders = stakeholder_tables(
        data.get("stakeholders", {}),
        sink,
        cat,
        sets,
        scales,
        raw_services if isinstance(raw_services, Mapping) else {},
        services,
        derived,
    )

    bundles = (
        parse_bundles(data["bundles"], services, assessed, cat, sink) if "bundles" in data else {}
    )

    if sink.problems or meta is None or not isinstance(version, int):
        raise ValidationError(sink.problems)  # meta and version are reported when missing
    return AssessmentParts(
        meta=meta,
        scales={k: v for k, v in scales.items() if v is not None},
        weights={k: v for k, v in weights.items() if v is not None},
        services=services,
        source=sink.source,
        catalogue=cat,
        schema_version=int(version),
        stakeholders=stakeholders,
        derived=derived,
        economics=economics if "economics" in data else None,
        bundles=bundles,
    )


def _scales(raw: Any, sets: Mapping[str, tuple[str, ...]], sink: Sink) -> dict[str, Scale | None]:
    out: dict[str, Scale | None] = {sid: Scale() for sid in sets}
    if not isinstance(raw, Mapping):
        sink.add(["scales"], f"expected a table of scales per criteria set, found {show(raw)}")
        return out
    for sid, table in raw.items():
        path: Path_ = ["scales", sid]
        if sid not in sets:
            sink.add(
                path, f"unknown criteria set {sid!r}" + did_you_mean(sid, sets), ", ".join(sets)
            )
            continue
        spec = validate_model(ScaleSpec, table, path, sink)
        if spec is None:
            out[sid] = None
            continue
        if spec.kind == "plus_minus":
            for bound in ("min", "max"):
                if getattr(spec, bound) is not None:
                    sink.add(
                        [*path, bound],
                        f"{bound} does not apply to the pluss-minus scale "
                        "(always ---- .. ++++ = -4..4)",
                        "leave out min and max",
                    )
            out[sid] = Scale.plus_minus()
            continue
        lo = 1.0 if spec.min is None else spec.min
        hi = 5.0 if spec.max is None else spec.max
        if not lo < hi:
            sink.add(
                path,
                f"min must be below max, found min = {format_number(lo)}, "
                f"max = {format_number(hi)}",
                "min < max",
            )
            out[sid] = None
            continue
        out[sid] = Scale.numeric(lo, hi)
    return out


def _weights(
    raw: Any, sets: Mapping[str, tuple[str, ...]], sink: Sink
) -> dict[str, WeightRecord | None]:
    keys = [SET_WEIGHTS_KEY, *sets]
    if not isinstance(raw, Mapping):
        sink.add(["weights"], f"expected a table of weight tables, found {show(raw)}")
        raw = {}
    for key in raw:
        if key not in keys:
            sink.add(
                ["weights", key],
                f"unknown weights table {key!r}" + did_you_mean(key, keys),
                ", ".join(keys),
            )
    out: dict[str, WeightRecord | None] = {}
    for sid, crits in sets.items():
        if sid in raw:
            out[sid] = weights_table(
                sid, raw[sid], crits, ["weights", sid], sink, f"criterion of set {sid!r}"
            )
        else:
            out[sid] = default_weights(sid, crits)
    if SET_WEIGHTS_KEY in raw:
        out[SET_WEIGHTS_KEY] = weights_table(
            SET_WEIGHTS_KEY,
            raw[SET_WEIGHTS_KEY],
            list(sets),
            ["weights", SET_WEIGHTS_KEY],
            sink,
            "criteria set",
        )
    else:
        out[SET_WEIGHTS_KEY] = default_weights(SET_WEIGHTS_KEY, list(sets))
    return out
