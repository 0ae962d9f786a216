"""Errors raised for a user's mistakes.

Every problem names *where* it is (file, key path or sheet and cell), *what* was found and
*what is allowed*. A :class:`ValidationError` carries all problems found in one input at once,
so a user fixes a file in one pass instead of one error per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Problem", "SamvalgError", "UnknownKeyError", "ValidationError", "format_location"]


def format_location(path: Sequence[str | int]) -> str:
    """Render a key path as ``services.lonn.scores."vertskommune:melhus".fagmiljo``.

    Parameters
    ----------
    path : sequence of str or int
        Keys (str) and list indices (int), outermost first.

    Returns
    -------
    str
        Dotted path; keys that are not bare TOML identifiers are quoted and list indices are
        written ``[i]``.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = str(part)
        bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
        text = key if bare else f'"{key}"'
        out += text if not out else f".{text}"
    return out


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's input.

    Attributes
    ----------
    source : str
        The file name (or ``"<python>"``/``"<argument>"`` for API input).
    location : str
        Key path (``services.lonn.options[2]``) or sheet and cell (``lonn!C7``); ``""`` for the
        whole input.
    message : str
        What is wrong, with the value found.
    allowed : str
        What would be accepted; ``""`` when the message already says it.
    """

    source: str
    location: str
    message: str
    allowed: str = ""

    def __str__(self) -> str:
        where = self.source + (f": {self.location}" if self.location else "")
        text = f"{where}: {self.message}"
        if self.allowed:
            text += f" (allowed: {self.allowed})"
        return text


class SamvalgError(Exception):
    """Base class of every error samvalg raises for a user's input or arguments."""


class ValidationError(SamvalgError, ValueError):
    """One or more problems in a user's input, all reported together.

    Parameters
    ----------
    problems : iterable of Problem
        Every problem found; at least one.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        head = "1 problem" if n == 1 else f"{n} problems"
        return head + ":\n" + "\n".join(f"  - {p}" for p in self.problems)

    def lines(self) -> list[str]:
        """One line per problem, as the CLI prints them."""
        return [str(p) for p in self.problems]


class UnknownKeyError(SamvalgError, KeyError):
    """A key (service, view, option id) that a result does not hold.

    A :class:`KeyError` too, so ``Mapping.get`` and ``in`` behave as usual.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
