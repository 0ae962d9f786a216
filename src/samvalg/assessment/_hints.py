"""The assessment's "did you mean" hint, in the wording of its problems (``"; did you mean 'x'?"``).

Closeness is :func:`samvalg.errors.closest`, as everywhere in samvalg; only the punctuation
differs, because the assessment's messages continue after the hint.
"""

from __future__ import annotations

from collections.abc import Iterable

from samvalg.errors import closest

__all__ = ["closest", "did_you_mean"]


def did_you_mean(word: object, candidates: Iterable[object]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""``.

    Examples
    --------
    >>> did_you_mean("lønn", ["lonn", "arkiv"])
    "; did you mean 'lonn'?"
    """
    hit = closest(word, candidates)
    return f"; did you mean {hit!r}?" if hit is not None else ""
