"""Loading assessments: TOML files and Python mappings, validated in one pass."""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from samvalg._input_limits import MAX_DEPTH, MAX_TOML_BYTES, check_tree, read_limited
from samvalg.assessment._derived import (
    derive_scores,
    derived_names,
    parse_derived,
    parse_economics,
)
from samvalg.assessment._model import (
    FORMAL_ONLY_SETS,
    SET_WEIGHTS_KEY,
    Assessment,
    Meta,
    Option,
    Score,
    ServiceAssessment,
    Stakeholder,
    WeightRecord,
    closest,
    did_you_mean,
    parse_option,
)
from samvalg.assessment._scales import Scale, ScaleValueError, format_number, show
from samvalg.assessment._schema import (
    ScaleSpec,
    ServiceSpec,
    Sink,
    StakeholderSpec,
    validate_model,
)
from samvalg.assessment._weighting import default_weights, weights_table
from samvalg.errors import Problem, SamvalgError, ValidationError

__all__ = ["dump_toml", "example_assessment", "load_assessment", "load_mapping"]

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
)
CELL_KEYS = ("value", "rationale", "low", "high")
NA = "na"
ZERO_OPTION = "egen_drift"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
OLD_EXCEL_SUFFIXES = (".xls",)

Path_ = list[str | int]


def load_assessment(
    source: str | os.PathLike[str] | Mapping[str, Any], *, catalogue: Any = None
) -> Assessment:
    """Load and validate an assessment from a TOML file or a Python mapping.

    Every problem in the input is collected and reported at once, each with its file, key
    path (``services.lonn.scores."vertskommune:melhus".fagmiljo``), what was found and what is
    allowed. The file is only read, never changed.

    Hostile input is refused with a located problem, not a traceback: only a regular file of
    at most 20 MB is read (a device, FIFO or folder is refused before reading), tables and
    lists nest at most 32 levels, and no key or text may hold a control, escape or
    text-direction character (tabs and line breaks are allowed in ``description`` and
    ``rationale``).

    Parameters
    ----------
    source : path or mapping
        A ``.toml`` file in the format of ``examples/example_assessment.toml`` (schema version
        1), a ``.xlsx`` scoring workbook (:func:`samvalg.io.write_template`; problems located
        at sheet and cell), or a mapping with the same structure (reported as ``"<python>"``).
    catalogue : Catalogue or path, optional
        The catalogue the ids are checked against (default: the shipped one); a path is read
        with :func:`samvalg.catalogue`.

    Returns
    -------
    Assessment
        Frozen; scales for every criteria set (default 1..5) and weights for every set (default
        equal).

    Raises
    ------
    samvalg.errors.ValidationError
        With one :class:`~samvalg.errors.Problem` per mistake found.

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.load_assessment(samvalg._resources.example_assessment_path())
    >>> "lonn" in a.services
    True
    """
    cat = _catalogue(catalogue)
    if isinstance(source, Mapping):
        return load_mapping(source, source="<python>", catalogue=cat)
    if not isinstance(source, str | os.PathLike):
        raise ValidationError(
            [
                Problem(
                    "<argument>",
                    "source",
                    f"expected a file path or a mapping, found {type(source).__name__}",
                    "a .toml path, or a dict in the file's structure",
                )
            ]
        )
    path = Path(source)
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        from samvalg.io import load_spreadsheet

        return load_spreadsheet(path, catalogue=cat)
    name = path.name or str(path)
    sink = Sink(name)
    data = _read_toml(path, sink)
    if data is None:
        raise ValidationError(sink.problems)
    return _build(data, sink, cat)


def load_mapping(data: Mapping[str, Any], *, source: str, catalogue: Any) -> Assessment:
    """Validate a mapping in file form (Python API, :meth:`Assessment.replace`)."""
    sink = Sink(source)
    if not check_tree(data, sink.add, text=False):
        raise ValidationError(sink.problems)
    plain = _plain_python(data, [], sink)
    if sink.problems:
        raise ValidationError(sink.problems)
    return _build(plain, sink, _catalogue(catalogue))


@functools.cache
def example_assessment() -> Assessment:
    """The shipped, clearly labelled illustrative assessment (cached).

    Its scores are made up to show the method; ``meta.illustrative`` is ``True``.

    Examples
    --------
    >>> import samvalg
    >>> samvalg.example_assessment().meta.illustrative
    True
    """
    from samvalg._resources import example_assessment_path

    a = load_assessment(example_assessment_path())
    if not a.meta.illustrative:
        raise SamvalgError("the shipped example assessment must set meta.illustrative = true")
    return a


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _catalogue(catalogue: Any) -> Any:
    from samvalg.catalogue import catalogue as load_catalogue

    if catalogue is None:
        return load_catalogue()
    if isinstance(catalogue, str | os.PathLike):
        return load_catalogue(catalogue)
    return catalogue


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _read_toml(path: Path, sink: Sink) -> dict[str, Any] | None:
    suffix = path.suffix.lower()
    if suffix in OLD_EXCEL_SUFFIXES:
        sink.add(
            [],
            f"the old Excel format {suffix} is not read; save the workbook as .xlsx",
            ".toml, .xlsx",
        )
        return None
    if suffix != ".toml":
        sink.add([], f"unsupported file type {suffix or '(no suffix)'!r}", ".toml")
        return None
    try:
        raw = read_limited(path, MAX_TOML_BYTES)
    except FileNotFoundError:
        sink.add([], f"file not found: {path}")
        return None
    except IsADirectoryError:
        sink.add([], f"{path} is a folder, not a file", "a .toml file")
        return None
    except OSError as exc:
        sink.add([], f"cannot read {path}: {exc.strerror or exc}")
        return None
    if isinstance(raw, str):
        sink.add([], raw, f"a regular .toml file of at most {MAX_TOML_BYTES // 2**20} MB")
        return None
    if not raw.strip():
        sink.add([], "the file is empty", "schema_version = 1, [meta], [services.<id>], ...")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.add_at(
            f"line {line}, column {column}",
            f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded "
            "(save the file as UTF-8)",
            "UTF-8",
        )
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where, message = _toml_error(str(exc), text)
        sink.add_at(where, f"malformed TOML: {message}")
        return None
    except RecursionError:
        sink.add(
            [],
            f"arrays or inline tables nest too deep for TOML to be read (more than "
            f"{MAX_DEPTH} levels is never needed)",
            f"at most {MAX_DEPTH} levels",
        )
        return None
    return data


_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")
_TOML_TWICE = re.compile(r"^Cannot declare \((.*)\) twice$")


def _toml_error(msg: str, text: str) -> tuple[str, str]:
    """Location and a plain message for a :class:`tomllib.TOMLDecodeError`.

    tomllib's own wording for a repeated key ("Cannot overwrite a value") does not say which
    key; here the key is named from the offending line, and an error at the end of the file
    is located at its last line.
    """
    m = _TOML_POS.search(msg)
    if m:
        line, where = int(m.group(1)), f"line {m.group(1)}, column {m.group(2)}"
    elif _TOML_END.search(msg):
        line = text.rstrip().count("\n") + 1
        where = f"line {line}, end of the file"
    else:
        line, where = 0, ""
    message = _TOML_END.sub("", _TOML_POS.sub("", msg))
    if where.endswith("end of the file") and message == "Invalid value":
        message = (
            "the file ends inside a value: a list [...], table { ... } or string is not closed"
        )
    twice = _TOML_TWICE.match(message)
    if twice:
        name = ".".join(
            part.strip().strip("'\"") for part in twice.group(1).split(",") if part.strip()
        )
        message = f"the table [{name}] is declared twice (write each table once; merge the two)"
    elif message == "Cannot overwrite a value":
        source = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        key = (
            source.split("=", 1)[0].strip() if "=" in source and not source.startswith("[") else ""
        )
        if key:
            message = (
                f"the key {key!r} is given twice in the same table (each key once; "
                "a TOML file cannot repeat a key)"
            )
        elif source.startswith("["):
            message = (
                f"the table header {source} redefines a key given earlier (a key "
                "cannot be both a value and a table)"
            )
        else:
            message = "a key is given twice in the same table (each key once)"
    return where, message


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


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _build(data: Any, sink: Sink, cat: Any) -> Assessment:
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
            sa = _service(sid, raw, ["services", sid], sink, cat, sets, scales, skip)
            if sa is not None:
                services[sid] = sa

    assessed = list(raw_services) if isinstance(raw_services, Mapping) else []
    derived = parse_derived(raw_derived, sets, scales, assessed, sink) if "derived" in data else {}
    economics = parse_economics(data.get("economics"), cat, sink)
    if derived and economics is not None:
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

    stakeholders = _stakeholders(
        data.get("stakeholders", {}),
        sink,
        cat,
        sets,
        scales,
        raw_services if isinstance(raw_services, Mapping) else {},
        services,
        derived,
    )

    if sink.problems:
        raise ValidationError(sink.problems)
    return Assessment(
        meta=meta,  # type: ignore[arg-type]
        scales={k: v for k, v in scales.items() if v is not None},
        weights=weights,  # type: ignore[arg-type]
        services=services,
        source=sink.source,
        catalogue=cat,
        schema_version=int(version),  # type: ignore[arg-type]
        stakeholders=stakeholders,
        derived=derived,
        economics=economics if "economics" in data else None,
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


def _service(
    sid: str,
    raw: Any,
    path: Path_,
    sink: Sink,
    cat: Any,
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
            'e.g. ["egen_drift", "vertskommune:melhus"]',
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
                score = _cell(table[c], scale, [*spath, c], sink)
                if score is None:
                    continue
                if option is not None:
                    _form_rules(option, set_id, score, scale, [*spath, c], sink, cat)
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


def _stakeholders(
    raw: Any,
    sink: Sink,
    cat: Any,
    sets: Mapping[str, tuple[str, ...]],
    scales: Mapping[str, Scale | None],
    raw_services: Mapping[str, Any],
    services: Mapping[str, ServiceAssessment],
    derived: Mapping[str, Any] | None = None,
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
        raw_weights = _table_of(table.get("weights", {}), [*path, "weights"], sink)
        raw_scores = _table_of(table.get("scores", {}), [*path, "scores"], sink)
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
            options = _table_of(options_raw, spath, sink)
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
                for c, cell in _table_of(cells, opath, sink).items():
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
                    score = _cell(cell, scale, cpath, sink)
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
                    _form_rules(option, set_id, score, scale, cpath, sink, cat)
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


def _table_of(value: Any, path: Path_, sink: Sink) -> Mapping[str, Any]:
    """`value` if it is a table; otherwise report it and return an empty one."""
    if isinstance(value, Mapping):
        return value
    sink.add(path, f"expected a table (key = value pairs), found {show(value)}")
    return {}


def _form_rules(
    option: Option,
    set_id: str,
    score: Score,
    scale: Scale | None,
    path: Path_,
    sink: Sink,
    cat: Any,
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


def _cell(raw: Any, scale: Scale | None, path: Path_, sink: Sink) -> Score | None:
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


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise SamvalgError(f"cannot write the non-finite number {v} to an assessment file")
        return format_number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise SamvalgError(f"cannot write {type(v).__name__} to TOML")


def _table(header: list[str], body: Mapping[str, Any]) -> str:
    lines = [f"[{'.'.join(_key(h) for h in header)}]"] if header else []
    lines += [f"{_key(k)} = {_value(v)}" for k, v in body.items()]
    return "\n".join(lines)


def _nested(header: list[str], body: Mapping[str, Any]) -> list[str]:
    """A table with its sub-tables as ``[a.b]`` headers (values first, then sub-tables)."""
    flat = {k: v for k, v in body.items() if not isinstance(v, Mapping)}
    out = [_table(header, flat)]
    for k, v in body.items():
        if isinstance(v, Mapping):
            out.extend(_nested([*header, k], v))
    return out


def dump_toml(
    assessment: Assessment, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write an assessment as a TOML file that :func:`load_assessment` reads back.

    Parameters
    ----------
    assessment : Assessment
    path : path
        Target ``.toml`` file.
    overwrite : bool
        An existing file is replaced only when ``True``.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> from samvalg.assessment import dump_toml
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.toml"
    >>> a = samvalg.example_assessment()
    >>> samvalg.load_assessment(dump_toml(a, out)).to_dict() == a.to_dict()
    True
    """
    target = Path(path)
    if target.suffix.lower() != ".toml":
        raise SamvalgError(f"write assessments to a .toml file, not {target.name!r}")
    if target.exists() and not overwrite:
        raise SamvalgError(f"{target} exists; pass overwrite=True to replace it")
    d = assessment.to_dict()
    parts = [
        _table([], {"schema_version": d["schema_version"]}),
        _table(["meta"], d["meta"]),
        _table(["scales"], d["scales"]),
    ]
    for key, table in d["weights"].items():
        parts.append(_table(["weights", key], table))
    for sid, svc in d["services"].items():
        parts.append(_table(["services", sid], {"options": svc["options"]}))
        for opt, cells in svc["scores"].items():
            parts.append(_table(["services", sid, "scores", opt], cells))
    for sid, st in d.get("stakeholders", {}).items():
        head = {k: v for k, v in st.items() if k not in ("weights", "scores")}
        parts.append(_table(["stakeholders", sid], head))
        for key, table in st.get("weights", {}).items():
            parts.append(_table(["stakeholders", sid, "weights", key], table))
        for svc, opts in st.get("scores", {}).items():
            for opt, cells in opts.items():
                parts.append(_table(["stakeholders", sid, "scores", svc, opt], cells))
    for crit, table in d.get("derived", {}).items():
        parts.append(_table(["derived", crit], table))
    if "economics" in d:
        parts.extend(_nested(["economics"], d["economics"]))
    target.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return target
