"""Checks of group inputs: located errors in stakeholder (voting) weight vectors."""

from __future__ import annotations

from typing import cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import ARGUMENT, argument_error

_SOURCE = ARGUMENT


def _stakeholder_weights(
    weights: ArrayLike | None, s: int, name: str = "weights"
) -> NDArray[np.float64]:
    """Validated, normalised stakeholder weights ``p`` of shape (s,)."""
    if weights is None:
        return np.full(s, 1.0 / s)
    try:
        p = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise argument_error(name, "is not numeric", f"{s} non-negative numbers") from None
    if p.shape != (s,):
        raise argument_error(
            name,
            f"needs one weight per stakeholder ({s}), got shape {p.shape}",
            f"{s} non-negative numbers",
        )
    bad = ~np.isfinite(p) | (p < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise argument_error(
            f"{name}[{i}]", f"must be finite and non-negative, got {p[i]!r}", ">= 0"
        )
    if p.sum() <= 0:
        raise argument_error(name, "all weights are 0", "at least one positive weight")
    return cast(NDArray[np.float64], p / p.sum())
