"""The weight-vector result shared by every elicitation method, and input helpers.

Kept free of pydantic and I/O: NumPy only.
"""

from __future__ import annotations

import html
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import Problem, ValidationError, argument_error

__all__ = ["WeightResult"]

SOURCE = "<argument>"


def fail_all(problems: Sequence[tuple[str, str, str]]) -> None:
    """Raise one :class:`ValidationError` with every ``(location, message, allowed)`` given."""
    if problems:
        raise ValidationError(
            [Problem(SOURCE, loc, msg, allowed) for loc, msg, allowed in problems]
        )


def _readonly(a: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.array(a, dtype=float, copy=True)
    out.setflags(write=False)
    return out


def plain(value: Any) -> Any:
    """Convert NumPy scalars/arrays and mappings to plain Python (JSON-ready) values."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def nonnegative_values(
    values: Mapping[str, float] | Sequence[float] | NDArray[Any], *, name: str
) -> tuple[NDArray[np.float64], tuple[str, ...] | None, Any]:
    """Validate non-negative, finite, not-all-zero values (mapping or 1-D array).

    Returns the float vector, the labels (mapping keys, or ``None``) and the raw input as a plain
    dict or list. Every bad item is reported at once, by its key or index.
    """
    if isinstance(values, Mapping):
        keys = tuple(str(k) for k in values)
        labels: tuple[str, ...] | None = keys
        raw_items = list(values.values())
        raw: Any = {str(k): plain(v) for k, v in values.items()}
        locs = [f"{name}[{k!r}]" for k in keys]
    else:
        arr = np.asarray(values, dtype=object)
        if arr.ndim != 1:
            raise argument_error(
                name, f"expected a mapping or a 1-D sequence of numbers, got shape {arr.shape}"
            )
        labels = None
        raw_items = list(arr)
        raw = [plain(v) for v in raw_items]
        locs = [f"{name}[{i}]" for i in range(len(raw_items))]
    if not raw_items:
        raise argument_error(name, "is empty", "at least one value")
    problems: list[tuple[str, str, str]] = []
    vec = np.empty(len(raw_items))
    for i, (loc, v) in enumerate(zip(locs, raw_items, strict=True)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            problems.append((loc, f"is not a number: {v!r}", "a finite number >= 0"))
            vec[i] = np.nan
            continue
        x = float(v)
        vec[i] = x
        if not np.isfinite(x):
            problems.append((loc, f"is not finite: {x!r}", "a finite number >= 0"))
        elif x < 0:
            problems.append((loc, f"is negative: {v!r}", "a finite number >= 0"))
    fail_all(problems)
    if not np.any(vec > 0):
        raise argument_error(name, "all values are zero", "at least one value > 0")
    return vec, labels, raw


def unit_sum(vec: NDArray[np.float64]) -> NDArray[np.float64]:
    """``vec / vec.sum()`` for non-negative ``vec`` with a positive entry, safe at any scale.

    The sum of values near the largest float overflows (``[1e308] * 3`` sums to inf and would
    give zeros) and the sum of subnormal values loses digits. Such vectors are first scaled by a
    power of two (exact) so that the largest entry is in [0.5, 1); ordinary vectors are not
    touched, so their result is bit for bit ``vec / vec.sum()``.

    Examples
    --------
    >>> unit_sum(np.array([1e308, 1e308, 1e308])).tolist() == [1 / 3] * 3
    True
    """
    with np.errstate(over="ignore"):
        total = vec.sum()
    if _SMALLEST_SUM <= total < np.inf:
        return np.asarray(vec / total, dtype=np.float64)
    _, exponent = np.frexp(vec.max())
    scaled = np.ldexp(vec, -int(exponent))
    return np.asarray(scaled / scaled.sum(), dtype=np.float64)


#: Sums below this (2**-960) are recomputed after exact scaling (subnormal digits are lost).
_SMALLEST_SUM = 2.0**-960


def count_arg(n: Any, name: str) -> int:
    """Validate a criterion count (a non-bool integer >= 1)."""
    if isinstance(n, bool):
        raise argument_error(name, f"expected an integer >= 1, got {n!r}")
    try:
        k = operator.index(n)
    except TypeError:
        raise argument_error(name, f"expected an integer >= 1, got {n!r}") from None
    if k < 1:
        raise argument_error(name, f"expected an integer >= 1, got {k}")
    return k


@dataclass(frozen=True)
class WeightResult:
    """A weight vector together with how it was obtained.

    Attributes
    ----------
    vector : ndarray of shape (n,)
        The weights, non-negative and summing to 1 (read-only).
    method : str
        How the weights were elicited: ``"points"``, ``"swing"``, ``"equal"``, ``"direct"``,
        ``"rank:roc"``, ``"rank:rank_sum"``, ``"rank:rank_reciprocal"``, ``"ahp:eigen"``,
        ``"objective:entropy"``, ...
    input : dict or list
        The raw input exactly as given (plain Python), so the elicitation can be reproduced and
        shown in a briefing.
    note : str
        Free text: conventions used (e.g. how ties were treated).
    labels : tuple of str, or None
        The criterion id of each entry of `vector`, when known.

    Examples
    --------
    >>> from samvalg.weights import points
    >>> r = points({"a": 60, "b": 40}, total=100)
    >>> r.vector.tolist(), r.labels
    ([0.6, 0.4], ('a', 'b'))
    >>> r.as_mapping()
    {'a': 0.6, 'b': 0.4}
    """

    vector: NDArray[np.float64]
    method: str
    input: Any
    note: str = ""
    labels: tuple[str, ...] | None = field(default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "vector", _readonly(self.vector))
        if self.labels is not None:
            object.__setattr__(self, "labels", tuple(str(x) for x in self.labels))
            if len(self.labels) != self.vector.shape[0]:
                raise ValueError("labels and vector differ in length")

    def __len__(self) -> int:
        return int(self.vector.shape[0])

    def as_mapping(self) -> dict[str, float]:
        """``{label: weight}`` (labels ``"0", "1", ...`` when none are known)."""
        labels = self.labels if self.labels is not None else tuple(map(str, range(len(self))))
        return {k: float(v) for k, v in zip(labels, self.vector, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python (JSON-ready) form."""
        return {
            "method": self.method,
            "vector": self.vector.tolist(),
            "labels": list(self.labels) if self.labels is not None else None,
            "input": plain(self.input),
            "note": self.note,
        }

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.4f}" for k, v in self.as_mapping().items())
        return f"WeightResult(method={self.method!r}, {body})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v:.4f}</td></tr>"
            for k, v in self.as_mapping().items()
        )
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f"<p><b>Weights</b> ({html.escape(self.method)})</p>{note}"
            f"<table><tr><th>criterion</th><th>weight</th></tr>{rows}</table>"
        )
