"""Results as plain JSON values (non-finite floats become ``None``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _plain_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`_plain` of a mapping (a dict of plain JSON values)."""
    return {str(k): _plain(v) for k, v in value.items()}
