"""Argument checks shared by the samplers."""

from __future__ import annotations

import numpy as np

from samvalg.errors import argument_error

_SOURCE = "<argument>"


def _check_count(size: int, name: str = "size") -> int:
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 0:
        raise argument_error(name, f"must be a non-negative integer, got {size!r}")
    return int(size)
