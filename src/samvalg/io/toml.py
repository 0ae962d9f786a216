"""Assessment files in TOML: :func:`read_toml` (a located problem for every way a file can be
unreadable) and :func:`dump_toml` (writes a file :func:`samvalg.load_assessment` reads back).

The mapping read is validated by :func:`samvalg.assessment.from_mapping`; this module knows
only the file format.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samvalg._input_limits import MAX_DEPTH, MAX_TOML_BYTES, read_limited
from samvalg.assessment import format_number
from samvalg.errors import Problem, SamvalgError, ValidationError

if TYPE_CHECKING:
    from samvalg.assessment import Assessment

__all__ = ["dump_toml", "read_toml"]

OLD_EXCEL_SUFFIXES = (".xls",)


class _Problems:
    """The problems of one file (the whole file, or a line and column in it)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: Sequence[str | int], message: str, allowed: str = "") -> None:
        """A problem with the whole file (`path` is always empty here)."""
        self.problems.append(Problem(self.source, "", message, allowed))

    def add_at(self, location: str, message: str, allowed: str = "") -> None:
        """A problem at ``line 3, column 7``."""
        self.problems.append(Problem(self.source, location, message, allowed))


def read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an assessment TOML file into a mapping (not yet validated).

    Only a regular ``.toml`` file of at most 20 MB in UTF-8 is read; an old ``.xls``
    workbook, another suffix, a missing file, a folder, an empty file, bytes that are not
    UTF-8, malformed TOML and nesting too deep for TOML each give one located problem.

    Parameters
    ----------
    path : path
        The ``.toml`` file.

    Returns
    -------
    dict
        The file's tables as read by :mod:`tomllib`.

    Raises
    ------
    samvalg.errors.ValidationError
        The one problem that kept the file from being read, named by the file.

    Examples
    --------
    >>> from samvalg._resources import example_assessment_path
    >>> read_toml(example_assessment_path())["schema_version"]
    1
    """
    p = Path(path)
    sink = _Problems(p.name or str(p))
    data = _read(p, sink)
    if data is None:
        raise ValidationError(sink.problems)
    return data


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _read(path: Path, sink: _Problems) -> dict[str, Any] | None:
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
    >>> from samvalg.io import dump_toml
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
    for bid, table in d.get("bundles", {}).items():
        parts.append(_table(["bundles", bid], table))
    target.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return target
