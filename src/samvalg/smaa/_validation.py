"""Checks of SMAA inputs: located errors, sample size, labels, choices, stakeholder weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg._rng import RNGLike
from samvalg.errors import Problem, ValidationError, argument_error

_SOURCE = "<argument>"


def _seed_label(seed: RNGLike) -> int | None:
    return int(seed) if isinstance(seed, int | np.integer) else None


#: The largest number of SMAA iterations accepted (documented in smaa2 and the CLI).
MAX_N = 10**7


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise argument_error("n", f"must be a positive integer, got {n!r}", f"1 .. {MAX_N:,}")
    if n > MAX_N:
        raise argument_error(
            "n",
            f"is {int(n):,}, above the maximum of {MAX_N:,} iterations",
            f"1 .. {MAX_N:,} (standard errors shrink as 1/sqrt(n): 10,000 gives "
            "about 0.5 percentage points)",
        )
    return int(n)


def _check_seed(seed: Any) -> None:
    """A seed is a whole number >= 0, a numpy Generator, or None (fresh entropy)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise argument_error(
            "seed",
            f"must be a whole number >= 0, a numpy Generator or None, got {seed!r}",
            "0, 1, 2, ...",
        )
    if seed < 0:
        raise argument_error("seed", f"is {int(seed)}, a negative number", "a whole number >= 0")


def _labels(values: Sequence[str] | None, count: int, name: str, prefix: str) -> tuple[str, ...]:
    if values is None:
        return tuple(f"{prefix}{i + 1}" for i in range(count))
    out = tuple(str(v) for v in values)
    if len(out) != count:
        raise argument_error(name, f"has {len(out)} labels, expected {count}")
    return out


def _check_choice(value: Any, name: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise argument_error(name, f"is {value!r}", ", ".join(repr(a) for a in allowed))


def _stakeholder_matrix(stakeholders: Any, criteria: Sequence[str]) -> NDArray[np.float64]:
    if stakeholders is None:
        raise argument_error(
            "stakeholders",
            "is required with weight_info='stakeholders'",
            "a mapping {name: {criterion_id: weight}} or an array (s, n)",
        )
    if isinstance(stakeholders, Mapping):
        rows = []
        problems = []
        for name, vec in stakeholders.items():
            if not isinstance(vec, Mapping):
                rows.append(np.asarray(vec, dtype=float))
                continue
            unknown = [c for c in vec if c not in criteria]
            if unknown:
                problems.append(
                    Problem(
                        _SOURCE,
                        f"stakeholders.{name}",
                        f"unknown criteria {', '.join(map(str, unknown))}",
                        "criteria of the view",
                    )
                )
            rows.append(np.array([float(vec.get(c, 0.0)) for c in criteria]))
        if problems:
            raise ValidationError(problems)
        V = np.array(rows, dtype=float)
    else:
        V = np.asarray(stakeholders, dtype=float)
    if V.ndim != 2 or V.shape[1] != len(criteria):
        raise argument_error(
            "stakeholders",
            f"needs one weight per criterion of the view ({len(criteria)}), got shape {V.shape}",
        )
    return V
