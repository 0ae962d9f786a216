"""Weights from a ranking of the criteria: ROC, rank-sum and rank-reciprocal, with ties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import argument_error
from samvalg.weights._result import WeightResult, count_arg, plain

__all__ = ["from_ranking", "rank_reciprocal", "rank_sum", "roc"]

Formula = Literal["roc", "rank_sum", "rank_reciprocal"]


def roc(n: int) -> NDArray[np.float64]:
    r"""Rank-order centroid weights (Barron & Barrett 1996).

    For criteria ranked 1 (most important) to n:

    .. math:: w_i = \frac{1}{n} \sum_{k=i}^{n} \frac{1}{k}

    the centroid of the simplex region :math:`w_1 \ge w_2 \ge \dots \ge w_n`.

    Parameters
    ----------
    n : int
        Number of criteria (>= 1).

    Returns
    -------
    ndarray of shape (n,)
        Weights in rank order, summing to 1.

    References
    ----------
    Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    *Management Science*, 42(11), 1515-1523.

    Examples
    --------
    >>> roc(4).round(4).tolist()
    [0.5208, 0.2708, 0.1458, 0.0625]
    """
    k = count_arg(n, "n")
    inv = 1.0 / np.arange(1, k + 1)
    return np.cumsum(inv[::-1])[::-1] / k


def rank_sum(n: int) -> NDArray[np.float64]:
    r"""Rank-sum weights (Stillwell, Seaver & Edwards 1981).

    .. math:: w_i = \frac{2 (n + 1 - i)}{n (n + 1)}

    Parameters
    ----------
    n : int
        Number of criteria (>= 1).

    Returns
    -------
    ndarray of shape (n,)
        Weights in rank order, summing to 1.

    References
    ----------
    Stillwell, W. G., Seaver, D. A. & Edwards, W. (1981). A comparison of weight approximation
    techniques in multiattribute utility decision making. *Organizational Behavior and Human
    Performance*, 28(1), 62-77.

    Examples
    --------
    >>> rank_sum(4).tolist()
    [0.4, 0.3, 0.2, 0.1]
    """
    k = count_arg(n, "n")
    i = np.arange(1, k + 1)
    return 2.0 * (k + 1 - i) / (k * (k + 1))


def rank_reciprocal(n: int) -> NDArray[np.float64]:
    r"""Rank-reciprocal weights (Stillwell, Seaver & Edwards 1981).

    .. math:: w_i = \frac{1/i}{\sum_{k=1}^{n} 1/k}

    Parameters
    ----------
    n : int
        Number of criteria (>= 1).

    Returns
    -------
    ndarray of shape (n,)
        Weights in rank order, summing to 1.

    References
    ----------
    Stillwell, W. G., Seaver, D. A. & Edwards, W. (1981), as for :func:`rank_sum`.

    Examples
    --------
    >>> rank_reciprocal(3).round(4).tolist()
    [0.5455, 0.2727, 0.1818]
    """
    k = count_arg(n, "n")
    inv = 1.0 / np.arange(1, k + 1)
    return np.asarray(inv / inv.sum(), dtype=np.float64)


_FORMULAS = {"roc": roc, "rank_sum": rank_sum, "rank_reciprocal": rank_reciprocal}


def from_ranking(
    ranking: Sequence[Any],
    formula: Formula = "roc",
    *,
    items: Sequence[str] | None = None,
) -> WeightResult:
    """Weights from a ranking of criteria, with ties.

    The ranking lists groups from most to least important; a group is one criterion or a nested
    list of criteria that are tied. The base weights of `formula` are computed for all n
    positions; a tied group occupying positions r..r+t-1 gives each of its members the mean of
    the base weights of those positions (the mid-rank convention used for tied ranks, e.g.
    Kendall 1948). The weights still sum to 1, tied criteria are treated alike, and an untied
    ranking gives exactly ``roc(n)`` (or the chosen formula) in rank order.

    Parameters
    ----------
    ranking : sequence
        E.g. ``["a", ["b", "c"], "d"]`` (b and c tied for second place). Items are criterion ids
        (str) or criterion positions (int); every item may appear only once.
    formula : {"roc", "rank_sum", "rank_reciprocal"}
        See :func:`roc`, :func:`rank_sum`, :func:`rank_reciprocal`.
    items : sequence of str, optional
        The order of the returned vector (e.g. a criteria set's ids). Every item must appear in
        the ranking exactly once. Default: if the ranking holds the positions 0..n-1 (ints), the
        vector is indexed by position; otherwise by order of appearance in the ranking.

    Returns
    -------
    WeightResult
        ``method="rank:<formula>"``; ``labels`` are the criterion ids (``None`` for positions).

    References
    ----------
    Barron, F. H. & Barrett, B. E. (1996). *Management Science*, 42(11), 1515-1523.
    Kendall, M. G. (1948). *Rank Correlation Methods*. Griffin (tied ranks: mid-ranks).

    Examples
    --------
    >>> r = from_ranking(["a", ["b", "c"], "d"])
    >>> r.labels
    ('a', 'b', 'c', 'd')
    >>> r.vector.round(4).tolist()
    [0.5208, 0.2083, 0.2083, 0.0625]
    >>> from_ranking([2, 0, 1], formula="rank_sum").vector.round(4).tolist()
    [0.3333, 0.1667, 0.5]
    """
    if formula not in _FORMULAS:
        raise argument_error(
            "formula", f"unknown formula {formula!r}", ", ".join(sorted(_FORMULAS))
        )
    if isinstance(ranking, (str, bytes)) or not isinstance(ranking, Sequence) or not ranking:
        raise argument_error(
            "ranking",
            f"expected a non-empty list of groups, got {ranking!r}",
            'e.g. ["a", ["b", "c"], "d"]',
        )
    groups: list[list[Any]] = []
    for g, group in enumerate(ranking):
        members = list(group) if isinstance(group, (list, tuple)) else [group]
        if not members:
            raise argument_error(f"ranking[{g}]", "empty tie group", "one or more criteria")
        for m in members:
            if isinstance(m, bool) or not isinstance(m, (str, int, np.integer)):
                raise argument_error(
                    f"ranking[{g}]", f"item {m!r} is neither a criterion id nor a position"
                )
        groups.append([m if isinstance(m, str) else int(m) for m in members])
    flat = [m for group in groups for m in group]
    seen: set[Any] = set()
    dupes = [m for m in flat if m in seen or seen.add(m)]  # type: ignore[func-returns-value]
    if dupes:
        raise argument_error(
            "ranking", f"items appear more than once: {dupes}", "each criterion once"
        )
    n = len(flat)
    base = _FORMULAS[formula](n)
    by_item: dict[Any, float] = {}
    pos = 0
    for group in groups:
        share = float(base[pos : pos + len(group)].mean())
        for m in group:
            by_item[m] = share
        pos += len(group)

    labels: tuple[str, ...] | None
    if items is not None:
        order: list[Any] = list(items)
        missing = [x for x in order if x not in by_item]
        extra = [x for x in flat if x not in set(order)]
        if missing or extra or len(order) != n:
            raise argument_error(
                "ranking",
                f"does not match items: missing {missing}, not in items {extra}",
                "every item ranked exactly once",
            )
        labels = tuple(str(x) for x in order)
    elif all(isinstance(m, int) for m in flat) and sorted(flat) == list(range(n)):
        order = list(range(n))
        labels = None
    else:
        order = flat
        labels = tuple(str(x) for x in flat)
    vec = np.array([by_item[x] for x in order])
    note = (
        f"{formula} weights; tied criteria share the mean of the weights of the positions "
        "they occupy"
    )
    return WeightResult(
        vec, f"rank:{formula}", {"ranking": plain(list(ranking)), "formula": formula}, note, labels
    )
