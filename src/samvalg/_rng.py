"""The one randomness convention: ``rng: int | numpy.random.Generator | None``."""

from __future__ import annotations

import numpy as np

__all__ = ["RNGLike", "as_generator"]

RNGLike = int | np.random.Generator | None


def as_generator(rng: RNGLike) -> np.random.Generator:
    """Return a Generator: a seed gives ``default_rng(seed)``, a Generator is used as is.

    ``None`` draws fresh entropy (not reproducible); pass an int for reproducible runs.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, int | np.integer):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be an int seed, a numpy Generator or None, not {type(rng).__name__}")
