"""Limits on hostile input: nesting depth, control characters, and what a "file" may be.

Shared by the assessment loader and the catalogue loader. Every check reports a located
problem through a callback ``add(path, message, allowed)`` (a key path, outermost first), so
each loader keeps its own :class:`~samvalg.errors.Problem` wording and source name.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_DEPTH",
    "MAX_TOML_BYTES",
    "MULTILINE_KEYS",
    "check_tree",
    "read_limited",
]

MAX_DEPTH = 32
"""Tables and lists may nest at most this deep (an assessment needs 7 levels)."""

MAX_TOML_BYTES = 20 * 1024 * 1024
"""The largest TOML file read (20 MB; the shipped example is about 40 kB)."""

MAX_VALUES = 2_000_000
"""The most keys, values and list items a single input may hold (the example has ~5 000)."""

MULTILINE_KEYS = frozenset({"description", "rationale"})
"""Free-text fields that may hold tabs and line breaks."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MULTILINE_OK = frozenset("\t\n\r")

Add = Callable[[Sequence[str | int], str, str], None]


def _char_name(ch: str) -> str:
    code = ord(ch)
    name = unicodedata.name(ch, "")
    if not name:
        name = {
            0x09: "TAB",
            0x0A: "LINE FEED",
            0x0D: "CARRIAGE RETURN",
            0x1B: "ESCAPE",
            0x00: "NUL",
            0x7F: "DELETE",
        }.get(code, "control character")
    return f"U+{code:04X} ({name})"


def _bad_char(text: str, multiline: bool) -> tuple[int, str] | None:
    for m in _CONTROL.finditer(text):
        ch = m.group(0)
        if multiline and ch in _MULTILINE_OK:
            if ch == "\r" and text[m.start() + 1 : m.start() + 2] != "\n":
                return m.start(), ch  # a bare CR overwrites the line on a terminal
            continue
        return m.start(), ch
    return None


def _text_problem(text: str, multiline: bool, what: str) -> tuple[str, str] | None:
    found = _bad_char(text, multiline)
    if found is None:
        return None
    at, ch = found
    allowed = "printable text; tabs and line breaks only in multi-line text (description, ...)"
    if multiline:
        allowed = "printable text, tabs and line breaks"
    return (
        f"{what} holds the control character {_char_name(ch)} at position {at + 1}: "
        "control, escape and text-direction characters are not accepted in a file "
        "(remove it; it may have been pasted along with the text)",
        allowed,
    )


def check_tree(
    data: Any,
    add: Add,
    *,
    text: bool = True,
    max_depth: int = MAX_DEPTH,
    multiline: frozenset[str] = MULTILINE_KEYS,
) -> bool:
    """Check nesting depth (and, with `text`, control characters in keys and strings).

    Tables (mappings) and lists deeper than `max_depth` are reported once, at the key path
    where the limit is passed, and not entered; a mapping that contains itself is reported
    where it does, and an input of more than :data:`MAX_VALUES` values is refused.
    Strings under a key in `multiline` may hold tabs and line breaks. Returns ``False`` when
    the depth limit was passed (the data must not be walked further by recursive code),
    ``True`` otherwise.
    """
    ok = True
    seen = 0
    # (value, key path, ids of the containers above it: a mapping that holds itself is a cycle)
    stack: list[tuple[Any, list[str | int], tuple[int, ...]]] = [(data, [], ())]
    while stack:
        value, path, above = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            add(
                [],
                f"more than {MAX_VALUES:,} values: far more than an assessment holds",
                f"at most {MAX_VALUES:,} values",
            )
            return False
        if isinstance(value, Mapping | list | tuple):
            if id(value) in above:
                add(path, "this table or list contains itself (a cycle)", "a tree of tables")
                ok = False
                continue
            if len(path) >= max_depth:
                add(
                    path,
                    f"tables and lists nest more than {max_depth} levels deep here",
                    f"at most {max_depth} levels; an assessment needs 7",
                )
                ok = False
                continue
            inner = (*above, id(value))
            if isinstance(value, Mapping):
                children = []
                for k, v in value.items():
                    if text and isinstance(k, str):
                        bad = _text_problem(k, False, "the key")
                        if bad is not None:
                            add([*path, k], *bad)
                    children.append((v, [*path, k], inner))
                stack.extend(reversed(children))
            else:
                stack.extend(reversed([(v, [*path, i], inner) for i, v in enumerate(value)]))
        elif text and isinstance(value, str):
            last = next((p for p in reversed(path) if isinstance(p, str)), "")
            bad = _text_problem(value, last in multiline, "the text")
            if bad is not None:
                add(path, *bad)
    return ok


def read_limited(path: Path, limit: int = MAX_TOML_BYTES) -> bytes | str:
    """The bytes of a regular file of at most `limit` bytes, or a message saying why not.

    Devices (``/dev/zero``), FIFOs, sockets and folders are refused before anything is read;
    a FIFO is opened with ``O_NONBLOCK`` so a race cannot make the read block. At most
    ``limit + 1`` bytes are read, so a file that grows while it is read cannot exhaust memory.
    Raises :class:`FileNotFoundError` and other :class:`OSError` for the caller to word.
    """
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        return f"{path} is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )
        return f"{path} is {kind}, not a regular file; samvalg reads regular files only"
    if st.st_size > limit:
        return _too_big(path, st.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped after the stat
            return f"{path} is not a regular file; samvalg reads regular files only"
        data = fh.read(limit + 1)
    if len(data) > limit:
        return _too_big(path, len(data), limit)
    return data


def _too_big(path: Path, size: int, limit: int) -> str:
    return (
        f"{path} is {size / 2**20:.1f} MB, larger than the {limit // 2**20} MB "
        "samvalg reads (an assessment file is well under 1 MB)"
    )
