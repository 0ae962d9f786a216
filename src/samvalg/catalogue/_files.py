"""The catalogue files, and reading one of them into located problems and validated models.

:data:`FILES` names the files and their tables; ``_Collector`` gathers every problem of every
file, each located by file name and key path, so they are raised together.
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
from samvalg.errors import Problem, format_location

__all__ = ["FILES", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1

#: The catalogue files and the top-level tables each holds (besides schema_version, provenance).
FILES: dict[str, tuple[str, ...]] = {
    "criteria_sets.toml": ("sets",),
    "forms.toml": ("forms",),
    "services.toml": ("services",),
    "municipalities.toml": ("municipalities", "staffing_groups", "region", "case"),
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
