"""Exact money arithmetic: whole kroner, FTE in Decimal, largest-remainder apportionment.

Kroner are Python ``int`` (whole kroner) and shares are :class:`fractions.Fraction`, so a split
never loses or invents a krone to floating-point error. FTE (årsverk) are :class:`decimal.Decimal`
so that ``6.2 + 6.4 + 5.0 == 17.6`` holds exactly, as in the council case's tables.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from typing import Any

from samvalg.errors import SamvalgError

__all__ = [
    "as_fraction",
    "closest",
    "largest_remainder",
    "whole_kroner",
]


def as_fraction(x: Any, what: str) -> Fraction:
    """``x`` as an exact fraction (floats through their shortest decimal repr: 0.4 -> 2/5)."""
    if isinstance(x, bool):
        raise SamvalgError(f"{what}: expected a number, got {x!r}")
    if isinstance(x, Fraction | int):
        return Fraction(x)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise SamvalgError(f"{what}: expected a finite number, got {x}")
        return Fraction(x)
    if isinstance(x, Real):
        xf = float(x)
        if not math.isfinite(xf):
            raise SamvalgError(f"{what}: expected a finite number, got {x!r}")
        return Fraction(repr(xf))
    raise SamvalgError(f"{what}: expected a number, got {x!r}")


def whole_kroner(x: Any, what: str = "total") -> int:
    """``x`` as whole, non-negative kroner; a fractional or negative amount is an error.

    Floats within 1e-6 kr of an integer are accepted (``11691999.999999998`` -> 11 692 000).
    """
    if isinstance(x, bool) or not isinstance(x, Real | Decimal):
        raise SamvalgError(f"{what}: expected an amount in whole kroner, got {x!r}")
    if isinstance(x, int):
        value = int(x)
    else:
        f = as_fraction(x, what)
        nearest = round(f)
        if abs(f - nearest) > Fraction(1, 10**6):
            raise SamvalgError(
                f"{what}: {x} is not a whole number of kroner "
                "(round it first; shares are computed in whole kroner)"
            )
        value = int(nearest)
    if value < 0:
        raise SamvalgError(f"{what}: {value} kr is negative (allowed: an amount >= 0)")
    return value


def largest_remainder(total: int, weights: Mapping[str, Fraction]) -> dict[str, int]:
    """Split ``total`` whole kroner in proportion to ``weights`` (Hamilton's method).

    Each party first gets the integer part of its exact quota
    :math:`q_i = T w_i / \\sum_k w_k`; the kroner left over (fewer than the number of parties)
    go one each to the largest fractional remainders :math:`q_i - \\lfloor q_i \\rfloor`. Ties
    are broken deterministically: larger weight first, then the id in alphabetical order.
    The result sums to ``total`` exactly and every share is within 1 kr of its exact quota
    (Balinski & Young 2001, *Fair Representation*, ch. 2).

    Parameters
    ----------
    total : int
        Whole kroner, >= 0.
    weights : mapping of str to Fraction
        Non-negative weights, not all zero.

    Returns
    -------
    dict
        ``{id: kroner}`` in the order of ``weights``.

    Examples
    --------
    >>> largest_remainder(100, {"a": Fraction(1), "b": Fraction(1), "c": Fraction(1)})
    {'a': 34, 'b': 33, 'c': 33}
    """
    w_sum = sum(weights.values(), Fraction(0))
    quotas = {k: Fraction(total) * w / w_sum for k, w in weights.items()}
    out = {k: math.floor(q) for k, q in quotas.items()}
    left = total - sum(out.values())
    order = sorted(weights, key=lambda k: (-(quotas[k] - out[k]), -weights[k], k))
    for k in order[:left]:
        out[k] += 1
    return out


def closest(name: str, allowed: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest allowed id, or ``""``."""
    options = list(allowed)
    match = difflib.get_close_matches(str(name), options, n=1, cutoff=0.5)
    if not match:  # a prefix such as "arkiv" for "arkiv_postmottak"
        match = [o for o in options if str(name) and o.startswith(str(name))][:1]
    return f" (did you mean {match[0]!r}?)" if match else ""
