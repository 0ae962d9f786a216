"""Hierarchical weights: a set weight per criteria set times the local weights inside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.weights._result import WeightResult, nonnegative_values, unit_sum

__all__ = ["HierarchicalWeights", "hierarchical", "hierarchical_detail"]

Local = ArrayLike | WeightResult | Mapping[str, float]


@dataclass(frozen=True)
class HierarchicalWeights:
    """Global weights with their two levels.

    Attributes
    ----------
    vector : ndarray of shape (N,)
        Global weights, concatenated in set order; sums to 1.
    labels : tuple of (str, str) pairs
        ``(set_id, criterion_id)`` of each entry (criterion id is the position ``"0"``,
        ``"1"``, ... when the local weights carry no ids).
    set_weights : dict of str to float
        Set weights, normalised to sum 1.
    local : dict of str to ndarray
        Local weights per set, each normalised to sum 1.
    """

    vector: NDArray[np.float64]
    labels: tuple[tuple[str, str], ...]
    set_weights: dict[str, float]
    local: dict[str, NDArray[np.float64]]

    def of_set(self, set_id: str) -> NDArray[np.float64]:
        """The global weights of one set (set weight times its local weights)."""
        return self.set_weights[set_id] * self.local[set_id]

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "vector": self.vector.tolist(),
            "labels": [list(p) for p in self.labels],
            "set_weights": dict(self.set_weights),
            "local": {k: v.tolist() for k, v in self.local.items()},
        }


def hierarchical_detail(
    set_weights: Mapping[str, float], local: Mapping[str, Local]
) -> HierarchicalWeights:
    r"""Global weights of a two-level hierarchy, with labels and both levels.

    .. math:: w_{s,j} = \frac{W_s}{\sum_t W_t} \cdot \frac{u_{s,j}}{\sum_k u_{s,k}}

    where :math:`W_s` is the weight of criteria set s and :math:`u_{s,j}` the local weight of
    criterion j in s. Both levels are renormalised, so the global weights sum to 1 (the usual
    AHP-style composition of priorities down a hierarchy, Saaty 1980, ch. 2). The global
    vector concatenates the sets in the order of `set_weights`.

    Parameters
    ----------
    set_weights : mapping of set id to weight
        Non-negative, finite, not all zero. Its order fixes the order of the result.
    local : mapping of set id to local weights
        For every set in `set_weights` (and no other): a 1-D array, a
        :class:`~samvalg.weights.WeightResult` or a mapping ``{criterion_id: weight}``.

    Returns
    -------
    HierarchicalWeights

    Examples
    --------
    >>> h = hierarchical_detail({"a": 0.6, "b": 0.4}, {"a": {"x": 1, "y": 1}, "b": [3, 1]})
    >>> h.vector.round(2).tolist()
    [0.3, 0.3, 0.3, 0.1]
    >>> h.labels
    (('a', 'x'), ('a', 'y'), ('b', '0'), ('b', '1'))
    """
    sw, set_ids, _ = nonnegative_values(set_weights, name="set_weights")
    if not isinstance(set_weights, Mapping) or set_ids is None:
        raise argument_error("set_weights", "expected a mapping {set_id: weight}")
    missing = [s for s in set_ids if s not in local]
    extra = [str(s) for s in local if s not in set_ids]
    if missing or extra:
        raise argument_error(
            "local",
            f"sets without local weights: {missing}; local weights for unknown sets: {extra}",
            "exactly the sets of set_weights",
        )
    sw = unit_sum(sw)
    locs: dict[str, NDArray[np.float64]] = {}
    labels: list[tuple[str, str]] = []
    parts: list[NDArray[np.float64]] = []
    for s, ws in zip(set_ids, sw, strict=True):
        value = local[s]
        if isinstance(value, WeightResult):
            vec, ids = np.array(value.vector, dtype=float), value.labels
        elif isinstance(value, Mapping):
            vec, ids, _ = nonnegative_values(value, name=f"local[{s!r}]")
        else:
            vec, ids, _ = nonnegative_values(np.asarray(value, dtype=float), name=f"local[{s!r}]")
        if not np.any(vec > 0):
            raise argument_error(
                f"local[{s!r}]", "all local weights are zero", "at least one weight > 0"
            )
        u = unit_sum(vec)
        u.setflags(write=False)
        locs[s] = u
        names = ids if ids is not None else tuple(str(i) for i in range(u.size))
        labels.extend((s, c) for c in names)
        parts.append(ws * u)
    g = np.concatenate(parts)
    g.setflags(write=False)
    return HierarchicalWeights(
        g, tuple(labels), {s: float(v) for s, v in zip(set_ids, sw, strict=True)}, locs
    )


def hierarchical(
    set_weights: Mapping[str, float], local: Mapping[str, Local]
) -> NDArray[np.float64]:
    """Global weights (set weight times local weights), concatenated in set order.

    The plain-array form of :func:`hierarchical_detail` (which also returns the
    ``(set_id, criterion_id)`` labels and both normalised levels); see it for the formula.

    Parameters
    ----------
    set_weights : mapping of set id to weight
    local : mapping of set id to 1-D array, WeightResult or ``{criterion_id: weight}``

    Returns
    -------
    ndarray of shape (N,)
        Sums to 1.

    Examples
    --------
    >>> hierarchical({"strategy": 40, "gains": 60}, {"strategy": [1, 1], "gains": [2, 1]})
    array([0.2, 0.2, 0.4, 0.2])
    """
    return hierarchical_detail(set_weights, local).vector
