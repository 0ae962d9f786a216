"""Samplers of a service area's weights (per level) and scores (from their low/high)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg import _sampling
from samvalg.smaa._validation import _fail


def _order_levels(c: NDArray[np.float64]) -> NDArray[np.int64]:
    from samvalg.ranking import rank

    return np.asarray(rank(c, atol=1e-12), dtype=np.int64)


class _FlatSampler:
    """Draws weight vectors for one level (the whole view, the sets, or one set's criteria)."""

    def __init__(self, info: str, centre: NDArray[np.float64], ids: Sequence[str],
                 concentration: float, bounds: Any) -> None:
        self.info = info
        self.centre = centre / centre.sum() if centre.sum() > 0 else centre
        self.ids = tuple(ids)
        self.concentration = concentration
        self.drawn = 0
        self.accepted = 0
        if info == "ordinal":
            self.levels = _order_levels(self.centre)
        if info == "bounds":
            self.lower, self.upper = _bounds_for(bounds, self.centre, self.ids)

    def draw(self, k: int, gen: np.random.Generator) -> NDArray[np.float64]:
        n = self.centre.size
        if n == 1:
            return np.ones((k, 1))
        if self.info == "uniform":
            return _sampling.uniform_simplex(k, n, gen)
        if self.info == "ordinal":
            return _sampling.ordinal_weights(k, self.levels, gen)
        if self.info == "elicited":
            return _sampling.dirichlet_weights(k, self.centre, self.concentration, gen)
        s = _sampling.bounded_weights(k, self.lower, self.upper, gen, batch=max(1024, 2 * k))
        self.drawn += s.drawn
        self.accepted += round(s.acceptance_rate * s.drawn)
        return s.weights


def _bounds_for(bounds: Any, centre: NDArray[np.float64],
                ids: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lower and upper bounds for one level: a relative spread, or explicit per id."""
    if bounds is None:
        raise _fail("bounds", "is required with weight_info='bounds'",
                    "a relative spread such as 0.5 (each weight within ±50 % of its elicited "
                    "value) or a mapping {id: (low, high)}")
    if isinstance(bounds, int | float) and not isinstance(bounds, bool):
        r = float(bounds)
        if not (0 <= r and math.isfinite(r)):
            raise _fail("bounds", f"a relative spread must be >= 0, got {bounds!r}")
        return np.clip(centre * (1 - r), 0, 1), np.clip(centre * (1 + r), 0, 1)
    if isinstance(bounds, Mapping):
        lo = np.zeros(len(ids))
        hi = np.ones(len(ids))
        for j, key in enumerate(ids):
            if key in bounds:
                pair = bounds[key]
                try:
                    lo[j], hi[j] = (float(pair[0]), float(pair[1]))
                except (TypeError, ValueError, IndexError):
                    raise _fail(f"bounds.{key}", f"must be a pair (low, high), got {pair!r}"
                                ) from None
        return lo, hi
    raise _fail("bounds", f"must be a number or a mapping, got {type(bounds).__name__}")

def _score_source(
    mats: Sequence[Any], options: Sequence[str], method: str, distribution: str, xseed: int
) -> Callable[[], Callable[[int, int], NDArray[np.float64]]]:
    """Factory of a chunked sampler of the view's method input from the scores' low/high.

    Each call of the factory restarts the same stream (seeded by ``xseed``), so the confidence
    pass sees the same matrices as the main pass.
    """
    values, low, high, maps = [], [], [], []
    for mat in mats:
        rows = [mat.option_ids.index(o) for o in options]
        values.append(np.asarray(mat.values)[rows])
        low.append(np.asarray(mat.low)[rows])
        high.append(np.asarray(mat.high)[rows])
        maps.append((mat.scale, np.asarray(mat.types), len(mat.criteria)))
    val = np.concatenate(values, axis=1)
    lo = np.concatenate(low, axis=1)
    hi = np.concatenate(high, axis=1)

    def to_input(S: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.empty_like(S)
        j = 0
        for scale, types, k in maps:
            block = S[..., j:j + k]
            if method == "wpm":
                out[..., j:j + k] = block - scale.lower + 1.0
            else:
                out[..., j:j + k] = scale.to_01(block, types)
            j += k
        return out

    def factory() -> Callable[[int, int], NDArray[np.float64]]:
        g = np.random.default_rng(xseed)

        def source(s: int, e: int) -> NDArray[np.float64]:
            return to_input(_sampling.sample_scores(e - s, val, lo, hi, distribution, g))

        return source

    return factory
