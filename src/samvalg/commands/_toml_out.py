"""A small TOML writer for the files ``samvalg init`` writes.

Every string is written as a TOML basic string with every character TOML does not allow raw
escaped (controls, DEL, the quote and the backslash), so user text given on the command line is
data in the file, never TOML syntax. Keys that are not bare (``[A-Za-z0-9_-]+``) are quoted the
same way.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["dumps", "key", "string", "value"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def string(text: str) -> str:
    """``text`` as a TOML basic string (``"..."``), with controls and DEL escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    """``name`` as a TOML key: bare when it can be, else quoted."""
    return name if _BARE.fullmatch(name) else string(name)


def _is_table_list(v: Any) -> bool:
    return (
        isinstance(v, Sequence)
        and not isinstance(v, str)
        and len(v) > 0
        and all(isinstance(x, Mapping) for x in v)
    )


def value(v: Any) -> str:
    """One TOML value: text, bool, int, float, date, list or (inline) table."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"TOML value {v!r}: not a finite number")
        return repr(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, _dt.datetime):
        raise ValueError("TOML value: a date and time is not written here")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, Sequence):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise ValueError(f"TOML value of type {type(v).__name__}: not supported")


def _table(path: list[str], data: Mapping[str, Any], lines: list[str]) -> None:
    nested: list[tuple[str, Any]] = []
    for k, v in data.items():
        if isinstance(v, Mapping) or _is_table_list(v):
            nested.append((k, v))
        else:
            lines.append(f"{key(k)} = {value(v)}")
    for k, v in nested:
        sub = [*path, key(k)]
        if isinstance(v, Mapping):
            implicit = v and all(isinstance(x, Mapping) or _is_table_list(x) for x in v.values())
            if not implicit:  # a table holding only tables needs no header of its own
                lines.append("")
                lines.append("[" + ".".join(sub) + "]")
            _table(sub, v, lines)
        else:
            for item in v:
                lines.append("")
                lines.append("[[" + ".".join(sub) + "]]")
                _table(sub, item, lines)


def dumps(document: Mapping[str, Any]) -> str:
    """A TOML document: top-level keys first, then tables and arrays of tables in order.

    Examples
    --------
    >>> print(dumps({"a": 1, "t": {"name": 'say "hi"', "d": {"x": [1, 2]}}}))
    a = 1
    <BLANKLINE>
    [t]
    name = "say \\"hi\\""
    <BLANKLINE>
    [t.d]
    x = [1, 2]
    <BLANKLINE>
    """
    lines: list[str] = []
    _table([], document, lines)
    return "\n".join(lines).lstrip("\n") + "\n"
