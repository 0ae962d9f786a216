"""Helpers for the bad-input catalogue and the fuzz tests: write assessment dicts as TOML files.

The serializer is deliberately independent of :func:`samvalg.io.dump_toml` (which only
writes *valid* assessments): it writes any nesting of tables, lists and scalars, including
``nan``/``inf`` and values of the wrong type, so a test can put any mistake into a real file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__}")


def to_toml(data: Mapping[str, Any]) -> str:
    """TOML text for a nested mapping: scalars first, then one ``[a.b]`` header per sub-table."""
    lines: list[str] = []

    def emit(prefix: list[str], table: Mapping[str, Any]) -> None:
        scalars = {k: v for k, v in table.items() if not isinstance(v, Mapping)}
        subs = {k: v for k, v in table.items() if isinstance(v, Mapping)}
        if prefix and (scalars or not subs):
            lines.append("")
            lines.append("[" + ".".join(toml_key(p) for p in prefix) + "]")
        for k, v in scalars.items():
            lines.append(f"{toml_key(k)} = {toml_value(v)}")
        for k, v in subs.items():
            emit([*prefix, k], v)

    emit([], data)
    return "\n".join(lines) + "\n"
