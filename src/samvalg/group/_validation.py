"""Checks of group inputs: located errors, stakeholder (voting) weights, an assessment's
stakeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import SamvalgError, argument_error

_SOURCE = "<argument>"


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
    return p / p.sum()


def _stakeholders_of(assessment: Any) -> Mapping[str, Any]:
    st = getattr(assessment, "stakeholders", None)
    if not st:
        raise SamvalgError(
            "the assessment has no stakeholders: add [stakeholders.<id>] tables with name, role "
            "and their own weights (see examples/example_assessment.toml)"
        )
    return st
