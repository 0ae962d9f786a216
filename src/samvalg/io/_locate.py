"""Map the validator's key paths back to where a value sits in a spreadsheet.

The readers turn a sheet into the raw mapping of an assessment file and record, for each key
path they filled, the place it came from (``lonn!D7``, ``row 3, column "fagmiljo"``).
:func:`samvalg.assessment.from_mapping` reports problems with their structured key path
(:attr:`samvalg.errors.Problem.path`); :func:`relocate` rewrites each location to the most
specific place recorded for that path or for one of its parents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set

from samvalg.errors import Problem

__all__ = ["KeyPath", "LocationMap", "relocate"]

KeyPath = tuple[str | int, ...]


class LocationMap:
    """Key paths (``("services", "lonn", "options", 2)``) -> places (``lonn!C7``)."""

    def __init__(self) -> None:
        self._places: dict[KeyPath, str] = {}

    def add(self, path: Sequence[str | int], place: str) -> None:
        """Record that the value at `path` came from `place` (the first record wins)."""
        self._places.setdefault(tuple(path), place)

    def find(self, path: Sequence[str | int]) -> str | None:
        """The place of `path`, or of its nearest recorded parent; ``None`` if none.

        Examples
        --------
        >>> m = LocationMap()
        >>> m.add(["services", "lonn"], "lonn")
        >>> m.find(("services", "lonn", "scores", "iks", "fagmiljo"))
        'lonn'
        """
        key = tuple(path)
        for k in range(len(key), 0, -1):
            place = self._places.get(key[:k])
            if place is not None:
                return place
        return None

    def __contains__(self, path: object) -> bool:
        return isinstance(path, list | tuple) and tuple(path) in self._places

    def __len__(self) -> int:
        return len(self._places)


def relocate(
    problems: Iterable[Problem],
    places: LocationMap,
    source: str,
    drop: Set[KeyPath] = frozenset(),
) -> list[Problem]:
    """The validator's problems with key paths replaced by spreadsheet places.

    Parameters
    ----------
    problems : iterable of Problem
        As raised by :func:`samvalg.assessment.from_mapping` (with their key paths).
    places : LocationMap
    source : str
        The file name the problems are reported against.
    drop : set of key paths, optional
        Key paths whose problems the reader already reported, more precisely.
    """
    out = []
    for p in problems:
        if p.path in drop:
            continue
        place = places.find(p.path) if p.path else None
        out.append(
            Problem(
                source, place if place is not None else p.location, p.message, p.allowed, p.path
            )
        )
    return out
