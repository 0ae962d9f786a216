"""Read and validate the catalogue TOML files.

All problems in all files are collected and raised together as one
:class:`samvalg.errors.ValidationError`, each located by file name and key path.
"""

from __future__ import annotations

import difflib
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic

from samvalg._input_limits import MAX_DEPTH, MAX_TOML_BYTES, check_tree, read_limited
from samvalg.errors import Problem, SamvalgError, ValidationError, format_location

from ._base import Provenance
from ._criteria import CriteriaSet
from ._forms import CooperationForm, ServiceArea
from ._municipalities import Municipality, Region, StaffingGroup
from ._rules import FeasibilityRule, PairEntry, render, text_context
from ._schema import Catalogue

__all__ = ["FILES", "SCHEMA_VERSION", "load_catalogue"]

SCHEMA_VERSION = 1

#: The catalogue files and the top-level tables each holds (besides schema_version, provenance).
FILES: dict[str, tuple[str, ...]] = {
    "criteria_sets.toml": ("sets",),
    "forms.toml": ("forms",),
    "services.toml": ("services",),
    "municipalities.toml": ("municipalities", "staffing_groups", "region"),
    "feasibility.toml": ("rules", "pairs"),
}
_REQUIRED = {"sets", "forms", "services", "municipalities", "rules"}

Path_ = tuple[str | int, ...]

#: Catalogue text that may hold tabs and line breaks (every other text is one line).
_MULTILINE = frozenset({"notes", "description", "note", "text"})


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.bad_files: set[str] = set()

    def add(self, source: str, path: Path_, message: str, allowed: str = "") -> None:
        self.problems.append(Problem(source, format_location(path), message, allowed))
        self.bad_files.add(source)


# --------------------------------------------------------------------------- pydantic errors
def _unwrap(annotation: Any) -> Any:
    """The model class inside tuple[...], dict[..., X], X | None, Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (tuple, list):
            annotation = typing.get_args(annotation)[0]
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def _fields_at(model: type[pydantic.BaseModel], loc: Iterable[str | int]) -> list[str]:
    """Field names of the (nested) model at ``loc``; [] if it cannot be resolved."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, pydantic.BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
        return list(current.model_fields)
    return []


def _validate(
    col: _Collector,
    source: str,
    prefix: Path_,
    model: type[pydantic.BaseModel],
    data: Any,
    hidden: frozenset[str] = frozenset(),
) -> Any:
    """Validate ``data``; on failure record one located problem per pydantic error."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            kind = err["type"]
            allowed = ""
            value = err.get("input")
            if kind == "extra_forbidden":
                parent = loc[:-1]
                names = [n for n in _fields_at(model, parent) if not (not parent and n in hidden)]
                close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                message = f"unknown key {loc[-1]!r}{hint}"
                allowed = ", ".join(names)
            elif kind == "missing":
                message = "missing required key"
            else:
                message = err["msg"]
                if kind.startswith("value_error"):
                    message = message.removeprefix("Value error, ")
                if not isinstance(value, dict | list):
                    message += f" (found {value!r})"
                expected = (err.get("ctx") or {}).get("expected")
                if expected:
                    allowed = str(expected)
            col.add(source, prefix + loc, message, allowed)
        return None


# --------------------------------------------------------------------------- reading
def _read(col: _Collector, name: str, path: Path) -> dict[str, Any] | None:
    try:
        raw = read_limited(path, MAX_TOML_BYTES)
        if isinstance(raw, str):  # a device, FIFO, folder or a file over the limit
            col.add(name, (), raw, f"a regular .toml file of at most {MAX_TOML_BYTES // 2**20} MB")
            return None
        text = raw.decode("utf-8")
    except OSError as exc:
        col.add(name, (), f"cannot read {path}: {exc.strerror or exc}")
        return None
    except UnicodeDecodeError as exc:
        col.add(name, (), f"not UTF-8 text: {exc}")
        return None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        col.add(name, (), f"not valid TOML: {exc}")
        return None
    except RecursionError:
        col.add(
            name,
            (),
            "arrays or inline tables nest too deep for TOML to be read",
            f"at most {MAX_DEPTH} levels",
        )
        return None
    # nesting depth first (the validators below recurse), then control characters in keys
    # and text (names reach the terminal, the briefing and the plots)
    if not check_tree(data, lambda p, m, a: col.add(name, tuple(p), m, a), multiline=_MULTILINE):
        return None
    version = data.get("schema_version")
    if version is None:
        col.add(name, ("schema_version",), "missing required key", str(SCHEMA_VERSION))
    elif version != SCHEMA_VERSION:
        col.add(
            name,
            ("schema_version",),
            f"unsupported schema version {version!r}",
            str(SCHEMA_VERSION),
        )
    allowed = ("schema_version", "provenance", *FILES[name])
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            col.add(name, (key,), f"unknown top-level key {key!r}{hint}", ", ".join(allowed))
    for key in FILES[name]:
        if key in _REQUIRED and key not in data:
            col.add(name, (key,), "missing required table")
    if "provenance" not in data:
        col.add(name, ("provenance",), "missing required table (document, section, date, notes)")
    return data


def _keyed(
    col: _Collector,
    name: str,
    data: Mapping[str, Any],
    key: str,
    model: type[pydantic.BaseModel],
    prepare: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Validate a table of tables ``[key.<id>]``, filling ``id`` from the key."""
    table = data.get(key, {})
    if not isinstance(table, dict):
        col.add(name, (key,), f"must be a table of tables, found {type(table).__name__}")
        return {}
    out: dict[str, Any] = {}
    for item_id, body in table.items():
        if not isinstance(body, dict):
            col.add(name, (key, item_id), f"must be a table, found {type(body).__name__}")
            continue
        if "id" in body:
            col.add(name, (key, item_id, "id"), "unknown key 'id': the id is the table key")
            continue
        payload = {**body, "id": item_id}
        if prepare is not None:
            payload = prepare(item_id, payload)
        obj = _validate(col, name, (key, item_id), model, payload, hidden=frozenset({"id"}))
        if obj is not None:
            out[item_id] = obj
    return out


def _criteria_sets(col: _Collector, name: str, data: Mapping[str, Any]) -> dict[str, CriteriaSet]:
    def prepare(set_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        crits = payload.get("criteria")
        if isinstance(crits, list):
            fixed = []
            for i, c in enumerate(crits):
                if isinstance(c, dict):
                    if "set_id" in c:
                        col.add(
                            name,
                            ("sets", set_id, "criteria", i, "set_id"),
                            "unknown key 'set_id': the set is given by the table",
                        )
                    c = {**c, "set_id": set_id}
                fixed.append(c)
            payload = {**payload, "criteria": fixed}
        return payload

    sets: dict[str, CriteriaSet] = _keyed(col, name, data, "sets", CriteriaSet, prepare)
    seen: dict[str, str] = {}
    for set_id, cs in sets.items():
        for i, c in enumerate(cs.criteria):
            if c.id in seen:
                col.add(
                    name,
                    ("sets", set_id, "criteria", i, "id"),
                    f"criterion id {c.id!r} is already used in set {seen[c.id]!r}",
                    "ids unique across all sets",
                )
            else:
                seen[c.id] = set_id
    return sets


def _pairs(col: _Collector, name: str, data: Mapping[str, Any]) -> dict[tuple[str, str], PairEntry]:
    table = data.get("pairs", {})
    out: dict[tuple[str, str], PairEntry] = {}
    if not isinstance(table, dict):
        col.add(name, ("pairs",), f"must be a table, found {type(table).__name__}")
        return out
    for sid, forms in table.items():
        if not isinstance(forms, dict):
            col.add(name, ("pairs", sid), f"must be a table of forms, found {type(forms).__name__}")
            continue
        for fid, body in forms.items():
            if not isinstance(body, dict):
                col.add(name, ("pairs", sid, fid), f"must be a table, found {type(body).__name__}")
                continue
            bad = [k for k in ("service", "form") if k in body]
            if bad:
                col.add(
                    name,
                    ("pairs", sid, fid, bad[0]),
                    f"unknown key {bad[0]!r}: service and form are the table keys",
                )
                continue
            obj = _validate(
                col,
                name,
                ("pairs", sid, fid),
                PairEntry,
                {**body, "service": sid, "form": fid},
                hidden=frozenset({"service", "form"}),
            )
            if obj is not None:
                out[(sid, fid)] = obj
    return out


# --------------------------------------------------------------------------- cross-checks
def _check_staffing(
    col: _Collector,
    name: str,
    municipalities: Mapping[str, Municipality],
    groups: Mapping[str, StaffingGroup],
    services: Mapping[str, ServiceArea] | None,
) -> None:
    totals: dict[str, list[Decimal | int]] = {g: [Decimal(0), 0] for g in groups}
    numbers: dict[str, str] = {}
    for mid, m in municipalities.items():
        if m.kommunenummer in numbers:
            col.add(
                name,
                ("municipalities", mid, "kommunenummer"),
                f"kommunenummer {m.kommunenummer} is also used by {numbers[m.kommunenummer]!r}",
            )
        numbers[m.kommunenummer] = mid
        seen: set[str] = set()
        for i, entry in enumerate(m.staffing):
            where = ("municipalities", mid, "staffing", i, "group")
            if entry.group not in groups:
                close = difflib.get_close_matches(entry.group, list(groups), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                col.add(
                    name,
                    where,
                    f"unknown staffing group {entry.group!r}{hint}",
                    ", ".join(groups) or "a key of [staffing_groups]",
                )
                continue
            if entry.group in seen:
                col.add(name, where, f"staffing group {entry.group!r} is listed twice")
                continue
            seen.add(entry.group)
            totals[entry.group][0] += entry.fte
            totals[entry.group][1] += entry.nok
    for gid, group in groups.items():
        fte, nok = totals[gid]
        d = group.printed_total_discrepancy
        d_fte, d_nok = (d.fte, d.nok) if d is not None else (Decimal(0), 0)
        extra = " plus the declared printed_total_discrepancy" if d is not None else ""
        for field, summed, declared in (("fte", fte, d_fte), ("nok", nok, d_nok)):
            printed = getattr(group.group_total, field)
            if summed + declared != printed:
                col.add(
                    name,
                    ("staffing_groups", gid, "group_total", field),
                    f"the municipalities' {field.upper()} add up to {summed}{extra}, not the "
                    f"printed total {printed}",
                    "rows that add up to group_total, or a printed_total_discrepancy table",
                )
        if services is not None:
            for i, sid in enumerate(group.services):
                if sid not in services:
                    col.add(
                        name,
                        ("staffing_groups", gid, "services", i),
                        f"unknown service area {sid!r}",
                        ", ".join(services),
                    )


def _check_ids(
    col: _Collector,
    name: str,
    where: Path_,
    ids: Iterable[str],
    known: Mapping[str, Any],
    kind: str,
) -> None:
    for i, value in enumerate(ids):
        if value not in known:
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            col.add(name, (*where, i), f"unknown {kind} {value!r}{hint}", ", ".join(known))


def _check_feasibility(
    col: _Collector,
    name: str,
    rules: Mapping[str, FeasibilityRule],
    pairs: Mapping[tuple[str, str], PairEntry],
    services: Mapping[str, ServiceArea],
    forms: Mapping[str, CooperationForm],
) -> None:
    for rid, rule in rules.items():
        if rule.when_service.id is not None:
            _check_ids(
                col,
                name,
                ("rules", rid, "when_service", "id"),
                rule.when_service.id,
                services,
                "service area",
            )
        if rule.when_form.id is not None:
            _check_ids(
                col,
                name,
                ("rules", rid, "when_form", "id"),
                rule.when_form.id,
                forms,
                "cooperation form",
            )
    for sid, fid in pairs:
        if sid not in services:
            _check_ids(col, name, ("pairs",), [sid], services, "service area")
        elif fid not in forms:
            _check_ids(col, name, ("pairs", sid), [fid], forms, "cooperation form")
    missing = []
    for sid, service in services.items():
        for fid, form in forms.items():
            if (sid, fid) in pairs or any(r.applies(service, form) for r in rules.values()):
                continue
            missing.append(f"{sid} x {fid}")
    if missing:
        col.add(
            name,
            ("rules",),
            f"no rule or pair covers {len(missing)} (service, form) combination(s): "
            + ", ".join(missing),
            "a generic rule that matches, or [pairs.<service>.<form>]",
        )
    # Every text must render for the pairs it applies to (e.g. a {non_delegable_nb} that is empty).
    for rid, rule in rules.items():
        for sid, service in services.items():
            for fid, form in forms.items():
                if rule.applies(service, form):
                    ctx = text_context(service, form)
                    checks = [("reason_nb", rule.reason_nb), ("reason_en", rule.reason_en)]
                    checks += [("sections", s) for s in rule.sections]
                    for field, text in checks:
                        if not render(text, ctx).strip():
                            col.add(
                                name,
                                ("rules", rid, field),
                                f"renders empty for service {sid!r} and form {fid!r}",
                            )


# --------------------------------------------------------------------------- entry point
def load_catalogue(folder: Path | None, shipped: Path) -> Catalogue:
    """Load the catalogue files; ``folder`` files replace the shipped ones of the same name.

    Parameters
    ----------
    folder : Path or None
        A user folder; a catalogue file missing there is read from ``shipped``.
    shipped : Path
        The shipped ``criteria`` folder.

    Raises
    ------
    ValidationError
        Listing every problem found in every file.
    SamvalgError
        If ``folder`` does not exist or holds no catalogue file.
    """
    paths: dict[str, Path] = {n: shipped / n for n in FILES}
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise SamvalgError(
                f"catalogue folder not found: {folder} (expected a folder with "
                f"any of {', '.join(FILES)})"
            )
        col0 = _Collector()
        # exists(), not is_file(): a FIFO or folder under a catalogue name is refused by _read
        # (a user's file is never skipped silently)
        found = [n for n in FILES if (folder / n).exists()]
        for extra in sorted(p.name for p in folder.glob("*.toml")):
            if extra in FILES:
                continue
            close = difflib.get_close_matches(extra, list(FILES), n=1, cutoff=0.75)
            if close:
                col0.add(
                    extra,
                    (),
                    f"not a catalogue file name; did you mean {close[0]!r}?",
                    ", ".join(FILES),
                )
        if col0.problems:
            raise ValidationError(col0.problems)
        if not found:
            raise SamvalgError(
                f"no catalogue file in {folder} (expected any of {', '.join(FILES)})"
            )
        for n in found:
            paths[n] = folder / n

    col = _Collector()
    raw = {n: _read(col, n, p) for n, p in paths.items()}
    provenance: dict[str, Provenance] = {}
    for n, data in raw.items():
        if data is not None and "provenance" in data:
            prov = _validate(col, n, ("provenance",), Provenance, data["provenance"])
            if prov is not None:
                provenance[n] = prov

    def get(n: str) -> Mapping[str, Any]:
        return raw[n] or {}

    sets = _criteria_sets(col, "criteria_sets.toml", get("criteria_sets.toml"))
    forms: dict[str, CooperationForm] = _keyed(
        col, "forms.toml", get("forms.toml"), "forms", CooperationForm
    )
    services: dict[str, ServiceArea] = _keyed(
        col, "services.toml", get("services.toml"), "services", ServiceArea
    )
    mdata = get("municipalities.toml")
    municipalities: dict[str, Municipality] = _keyed(
        col, "municipalities.toml", mdata, "municipalities", Municipality
    )
    groups: dict[str, StaffingGroup] = _keyed(
        col, "municipalities.toml", mdata, "staffing_groups", StaffingGroup
    )
    region = None
    if "region" in mdata:
        region = _validate(col, "municipalities.toml", ("region",), Region, mdata["region"])
    fdata = get("feasibility.toml")
    rules: dict[str, FeasibilityRule] = _keyed(
        col, "feasibility.toml", fdata, "rules", FeasibilityRule
    )
    pairs = _pairs(col, "feasibility.toml", fdata)

    # Cross-checks run on what validated; a check is skipped when a file it relies on is broken
    # (its problems are already reported), so no follow-on errors are invented.
    bad = set(col.bad_files)
    if "municipalities.toml" not in bad:
        _check_staffing(
            col,
            "municipalities.toml",
            municipalities,
            groups,
            services if "services.toml" not in bad else None,
        )
    if not bad & {"feasibility.toml", "services.toml", "forms.toml"}:
        _check_feasibility(col, "feasibility.toml", rules, pairs, services, forms)

    if col.problems:
        raise ValidationError(col.problems)
    return Catalogue(
        criteria_sets=sets,
        forms=forms,
        services=services,
        municipalities=municipalities,
        staffing_groups=groups,
        region=region,
        feasibility_rules=rules,
        feasibility_pairs=pairs,
        provenance=provenance,
        sources={n: str(p) for n, p in paths.items()},
    )
