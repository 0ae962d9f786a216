"""Direct weight elicitation: points allocation, SWING, equal and direct weights.

Every function returns a :class:`~samvalg.weights.WeightResult` that keeps the raw input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import argument_error
from samvalg.weights._result import (
    WeightResult,
    count_arg,
    nonnegative_values,
    unit_sum,
)

__all__ = ["direct", "equal", "points", "swing"]

Values = Mapping[str, float] | Sequence[float] | NDArray[Any]


def points(values: Values, total: float | None = None) -> WeightResult:
    r"""Weights from a points allocation (e.g. 100 points spread over the criteria).

    .. math:: w_j = p_j / \sum_k p_k

    Parameters
    ----------
    values : mapping of criterion id to points, or 1-D sequence of points
        Non-negative, finite, not all zero.
    total : float, optional
        The budget that was handed out (e.g. 100). When given, the points must sum to it
        (relative tolerance 1e-9); otherwise the error names the sum found.

    Returns
    -------
    WeightResult
        ``method="points"``; ``input`` keeps the points (and the total when given).

    Raises
    ------
    samvalg.errors.ValidationError
        A negative, non-finite or non-numeric value (named by key or index), all zero, or a
        sum different from `total`.

    References
    ----------
    Bottomley, P. A., Doyle, J. R. & Green, R. H. (2000). Testing the reliability of weight
    elicitation methods: direct rating versus point allocation. *Journal of Marketing Research*,
    37(4), 508-513.

    Examples
    --------
    >>> points({"kost": 50, "kvalitet": 30, "tid": 20}, total=100).vector.tolist()
    [0.5, 0.3, 0.2]
    """
    vec, labels, raw = nonnegative_values(values, name="values")
    if total is not None:
        if isinstance(total, bool) or not np.isfinite(float(total)) or float(total) <= 0:
            raise argument_error("total", f"must be a positive finite number, got {total!r}")
        with np.errstate(over="ignore"):
            found = float(vec.sum())
        if not np.isfinite(found):
            raise argument_error(
                "values",
                "points sum beyond the largest float (about 1.8e308)",
                f"points summing to {float(total):g}",
            )
        if not np.isclose(found, float(total), rtol=1e-9, atol=1e-12):
            raise argument_error(
                "values",
                f"points sum to {found:g}, not to the total {float(total):g}",
                f"points summing to {float(total):g}",
            )
    inp: dict[str, Any] = {"points": raw}
    if total is not None:
        inp["total"] = float(total)
    return WeightResult(unit_sum(vec), "points", inp, "points normalised to sum 1", labels)


def swing(values: Values) -> WeightResult:
    r"""SWING weights (von Winterfeldt & Edwards 1986).

    The decision maker imagines every criterion at its worst level, picks the swing (worst to
    best) that matters most and gives it 100, then rates every other swing from 0 to 100
    relative to it. The weights are the ratings normalised:

    .. math:: w_j = s_j / \sum_k s_k, \qquad \max_j s_j = 100

    Parameters
    ----------
    values : mapping of criterion id to rating, or 1-D sequence of ratings
        Each in [0, 100], and at least one exactly 100.

    Returns
    -------
    WeightResult
        ``method="swing"``.

    Raises
    ------
    samvalg.errors.ValidationError
        A rating outside [0, 100] or not finite (named), or no rating equal to 100.

    References
    ----------
    von Winterfeldt, D. & Edwards, W. (1986). *Decision Analysis and Behavioral Research*.
    Cambridge University Press.

    Examples
    --------
    >>> swing({"kost": 100, "kvalitet": 60, "tid": 40}).vector.tolist()
    [0.5, 0.3, 0.2]
    """
    vec, labels, raw = nonnegative_values(values, name="values")
    names = labels if labels is not None else tuple(str(i) for i in range(vec.size))
    over = [f"{names[i]!r} = {vec[i]:g}" for i in np.flatnonzero(vec > 100)]
    if over:
        raise argument_error(
            "values", "swing ratings above 100: " + ", ".join(over), "ratings in [0, 100]"
        )
    if not np.any(vec == 100):
        k = int(np.argmax(vec))
        raise argument_error(
            "values",
            f"no swing is rated 100 (largest: {names[k]!r} = {vec[k]:g})",
            "the most important swing rated exactly 100, the others 0..100",
        )
    return WeightResult(
        unit_sum(vec),
        "swing",
        {"swing": raw},
        "SWING ratings (most important = 100) normalised to sum 1",
        labels,
    )


def equal(n: int | Sequence[str]) -> WeightResult:
    """Equal weights, ``w_j = 1/n``.

    Parameters
    ----------
    n : int or sequence of str
        The number of criteria, or their ids (which become the labels).

    Returns
    -------
    WeightResult
        ``method="equal"``.

    Examples
    --------
    >>> equal(4).vector.tolist()
    [0.25, 0.25, 0.25, 0.25]
    >>> equal(["a", "b"]).labels
    ('a', 'b')
    """
    if isinstance(n, str):
        raise argument_error("n", f"expected an int or a sequence of ids, got the string {n!r}")
    if isinstance(n, Sequence):
        ids = tuple(str(x) for x in n)
        if len(set(ids)) != len(ids):
            raise argument_error("n", f"duplicate ids in {list(ids)}", "distinct ids")
        labels: tuple[str, ...] | None = ids
        count = len(ids)
        raw: Any = {"criteria": list(ids)}
    else:
        count = count_arg(n, "n")
        labels = None
        raw = {"n": count}
    if count < 1:
        raise argument_error("n", "no criteria given", "at least one criterion")
    return WeightResult(np.full(count, 1.0 / count), "equal", raw, "", labels)


def direct(values: Values) -> WeightResult:
    r"""Weights given directly, normalised to sum 1: :math:`w_j = v_j / \sum_k v_k`.

    Parameters
    ----------
    values : mapping of criterion id to weight, or 1-D sequence
        Non-negative, finite, not all zero; any scale (percentages, fractions, ...).

    Returns
    -------
    WeightResult
        ``method="direct"``; ``input`` keeps the values as given.

    Examples
    --------
    >>> direct([2, 1, 1]).vector.tolist()
    [0.5, 0.25, 0.25]
    """
    vec, labels, raw = nonnegative_values(values, name="values")
    return WeightResult(
        unit_sum(vec), "direct", {"values": raw}, "values normalised to sum 1", labels
    )
