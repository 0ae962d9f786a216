"""The "did you mean" hint of the spreadsheet readers and writers, worded as the assessment's
problems are (``"; did you mean 'x'?"``); closeness is :func:`samvalg.errors.closest`."""

from __future__ import annotations

from collections.abc import Iterable

from samvalg.errors import closest

__all__ = ["did_you_mean"]


def did_you_mean(word: object, candidates: Iterable[object]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""``."""
    hit = closest(word, candidates)
    return f"; did you mean {hit!r}?" if hit is not None else ""
