"""Errors raised for a user's mistakes.

Every problem names *where* it is (file, key path or sheet and cell), *what* was found and
*what is allowed*. A :class:`ValidationError` carries all problems found in one input at once,
so a user fixes a file in one pass instead of one error per run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ARGUMENT",
    "InfeasibleError",
    "Problem",
    "SamvalgError",
    "UnknownKeyError",
    "ValidationError",
    "argument_error",
    "did_you_mean",
    "format_location",
    "printable",
]

ARGUMENT = "<argument>"
"""The ``source`` of a problem in a Python argument rather than a file."""

MAX_SHOWN = 50
"""At most this many problems are listed in ``str(exc)`` and by the CLI; the rest are counted."""

# C0 controls, DEL, C1 controls and the bidirectional embeddings, overrides and isolates: text
# that would move the cursor, recolour the terminal or reorder what the reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with control and bidi-override characters written as escapes (``\\x1b``).

    Used for everything samvalg prints about a user's input (file names, keys, values), so a
    hostile file name cannot move the cursor, recolour the terminal or reorder a line.

    Parameters
    ----------
    text : str
    keep_newlines : bool
        Leave ``"\\n"`` as is (for messages of several lines).
    """

    def esc(m: re.Match[str]) -> str:
        ch = m.group(0)
        if keep_newlines and ch == "\n":
            return ch
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(esc, text)


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
    path : tuple of str or int
        The location as structured keys and indices (``("services", "lonn", "options", 2)``),
        when known: tools use it instead of parsing :attr:`location`. ``()`` otherwise.
    """

    source: str
    location: str
    message: str
    allowed: str = ""
    path: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        where = self.source + (f": {self.location}" if self.location else "")
        text = f"{where}: {self.message}"
        if self.allowed:
            text += f" (allowed: {self.allowed})"
        return printable(text)


class SamvalgError(Exception):
    """Base class of every error samvalg raises for a user's input or arguments.

    ``str(exc)`` writes control and bidi-override characters as escapes (see
    :func:`printable`), so a file name or value quoted in the message prints safely.
    """

    def __str__(self) -> str:
        return printable(super().__str__(), keep_newlines=True)


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
        return head + ":\n" + "\n".join(f"  - {line}" for line in self.lines())

    def lines(self) -> list[str]:
        """One line per problem, as the CLI prints them.

        At most :data:`MAX_SHOWN` (50) problems are listed; a longer list ends with the line
        ``... and N more problems (M in all)``. :attr:`problems` keeps every one.
        """
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        rest = len(self.problems) - MAX_SHOWN
        if rest > 0:
            more = "1 more problem" if rest == 1 else f"{rest} more problems"
            shown.append(f"... and {more} ({len(self.problems)} in all)")
        return shown


class InfeasibleError(SamvalgError):
    """The input is valid but no solution meets its conditions (e.g. no host allocation within
    the share bound). The message says which condition to relax; the CLI exits with code 3."""


class UnknownKeyError(SamvalgError, KeyError):
    """A key (service, view, option id) that a result does not hold.

    A :class:`KeyError` too, so ``Mapping.get`` and ``in`` behave as usual.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def argument_error(
    location: str, message: str, allowed: str = "", *, source: str = ARGUMENT
) -> ValidationError:
    """A :class:`ValidationError` with one located problem in an argument (raise the result).

    Parameters
    ----------
    location : str
        The argument and, where it helps, the entry (``"w[0, 2]"``, ``"bounds"``).
    message : str
        What is wrong, with the value found.
    allowed : str
        What would be accepted.
    source : str
        ``"<argument>"`` unless the value came from somewhere more specific.

    Examples
    --------
    >>> raise argument_error("n", "must be at least 1, got 0", "1 .. 10**7")
    Traceback (most recent call last):
    ...
    samvalg.errors.ValidationError: 1 problem:
      - <argument>: n: must be at least 1, got 0 (allowed: 1 .. 10**7)
    """
    return ValidationError([Problem(source, location, message, allowed)])


def did_you_mean(word: object, candidates: Iterable[object], *, cutoff: float = 0.6) -> str:
    """``" (did you mean 'lonn'?)"`` for the closest candidate, or ``""`` if none is close.

    Closeness is :func:`difflib.get_close_matches` (Ratcliff/Obershelp similarity of at least
    `cutoff`), so hints are the same wherever samvalg gives one.

    Examples
    --------
    >>> did_you_mean("lønn", ["lonn", "arkiv"])
    " (did you mean 'lonn'?)"
    >>> did_you_mean("xyz", ["lonn"])
    ''
    """
    close = closest(word, candidates, cutoff=cutoff)
    return f" (did you mean {close!r}?)" if close is not None else ""


def closest(word: object, candidates: Iterable[object], *, cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word` (see :func:`did_you_mean`), or None."""
    found = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=cutoff)
    return found[0] if found else None
