"""Checks of sensitivity inputs: located errors, labels, candidate options."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error

_SOURCE = "<argument>"


def _labels(values: Sequence[str] | None, count: int, name: str, prefix: str) -> tuple[str, ...]:
    if values is None:
        return tuple(f"{prefix}{i + 1}" for i in range(count))
    out = tuple(str(v) for v in values)
    if len(out) != count:
        raise argument_error(name, f"has {len(out)} labels, expected {count}")
    return out


def _candidate_idx(candidates: ArrayLike | None, m: int) -> NDArray[np.int64]:
    if candidates is None:
        return np.arange(m)
    c = np.asarray(candidates)
    if c.dtype != bool or c.shape != (m,):
        raise argument_error("candidates", f"needs {m} booleans, got {c.tolist()!r}")
    if not c.any():
        raise argument_error("candidates", "no candidate option", "at least one True")
    return np.flatnonzero(c)
