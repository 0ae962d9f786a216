"""Map the loader's key paths back to where a value sits in a spreadsheet.

The readers turn a sheet into the raw mapping of an assessment file and record, for each key
path they filled, the place it came from (``lonn!D7``, ``row 3, column "fagmiljo"``). The
loader validates the mapping and reports problems at key paths; :func:`relocate` rewrites each
location to the most specific place recorded for it or for one of its parents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from samvalg.errors import Problem, format_location

__all__ = ["LocationMap", "relocate"]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\[\d+\]|[^.\["]+')


class LocationMap:
    """Key paths (rendered as by :func:`samvalg.errors.format_location`) -> places."""

    def __init__(self) -> None:
        self._places: dict[str, str] = {}

    def add(self, path: Sequence[str | int], place: str) -> None:
        """Record that the value at `path` came from `place` (the first record wins)."""
        self._places.setdefault(format_location(path), place)

    def find(self, location: str) -> str | None:
        """The place of `location`, or of its nearest recorded parent; ``None`` if none."""
        if location in self._places:
            return self._places[location]
        tokens = _TOKEN.findall(location)
        for k in range(len(tokens) - 1, 0, -1):
            prefix = ""
            for t in tokens[:k]:
                prefix += t if (t.startswith("[") or not prefix) else "." + t
            if prefix in self._places:
                return self._places[prefix]
        return None

    def __contains__(self, path: object) -> bool:
        return isinstance(path, list | tuple) and format_location(path) in self._places

    def __len__(self) -> int:
        return len(self._places)


def relocate(
    problems: Iterable[Problem],
    places: LocationMap,
    source: str,
    drop: Mapping[str, bool] | None = None,
) -> list[Problem]:
    """The loader's problems with key paths replaced by spreadsheet places.

    Parameters
    ----------
    problems : iterable of Problem
        As raised by the loader (locations are key paths).
    places : LocationMap
    source : str
        The file name the problems are reported against.
    drop : mapping, optional
        Key-path locations whose problems are already reported, more precisely, by the reader.
    """
    out = []
    for p in problems:
        if drop and p.location in drop:
            continue
        place = places.find(p.location) if p.location else None
        out.append(
            Problem(source, place if place is not None else p.location, p.message, p.allowed)
        )
    return out
