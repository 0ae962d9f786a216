"""Scores drawn per cell: uniform, triangular or PERT within ``[low, high]``."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg._rng import RNGLike, as_generator
from samvalg._sampling._common import _check_count
from samvalg.errors import argument_error

SCORE_DISTRIBUTIONS = ("uniform", "triangular", "pert")


def sample_scores(
    size: int,
    values: ArrayLike,
    low: ArrayLike,
    high: ArrayLike,
    distribution: str = "uniform",
    rng: RNGLike = None,
) -> NDArray[np.float64]:
    """Scores drawn independently per cell within ``[low, high]``.

    - ``"uniform"``: :math:`U(a, b)`.
    - ``"triangular"``: mode :math:`c` = the given score, by the inverse CDF
      :math:`x = a + \\sqrt{U (b-a)(c-a)}` for :math:`U < (c-a)/(b-a)`, else
      :math:`x = b - \\sqrt{(1-U)(b-a)(b-c)}`.
    - ``"pert"``: :math:`a + (b - a)\\,\\mathrm{Beta}(1 + 4\\frac{c-a}{b-a}, 1 + 4\\frac{b-c}{b-a})`
      (mean :math:`(a + 4c + b)/6`; Malcolm et al. 1959).

    Cells with ``low == high`` keep their value.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    values, low, high : array_like, shape (m, n)
        Scores and their bounds, ``low <= values <= high``.
    distribution : {"uniform", "triangular", "pert"}
    rng : int, Generator or None

    Returns
    -------
    ndarray, shape (N, m, n)

    Examples
    --------
    >>> S = sample_scores(1000, [[3.0]], [[2.0]], [[5.0]], "triangular", rng=0)
    >>> S.shape, bool((S >= 2).all() and (S <= 5).all())
    ((1000, 1, 1), True)
    """
    size = _check_count(size)
    c = np.asarray(values, dtype=float)
    a = np.asarray(low, dtype=float)
    b = np.asarray(high, dtype=float)
    if a.shape != c.shape or b.shape != c.shape:
        raise argument_error(
            "low/high", f"must have the shape of values {c.shape}, got {a.shape} and {b.shape}"
        )
    bad = ~(np.isfinite(a) & np.isfinite(b) & np.isfinite(c) & (a <= c) & (c <= b))
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise argument_error(
            f"values{list(idx)}",
            f"needs low <= value <= high, got low={a[idx]}, value={c[idx]}, high={b[idx]}",
        )
    if distribution not in SCORE_DISTRIBUTIONS:
        raise argument_error(
            "distribution", f"unknown distribution {distribution!r}", ", ".join(SCORE_DISTRIBUTIONS)
        )
    gen = as_generator(rng)
    width = b - a
    shape = (size, *c.shape)
    if distribution == "uniform":
        return np.asarray(a + width * gen.random(shape), dtype=np.float64)
    if distribution == "triangular":
        u = gen.random(shape)
        safe = np.where(width > 0, width, 1.0)
        fc = np.where(width > 0, (c - a) / safe, 0.0)
        left = a + np.sqrt(u * width * (c - a))
        right = b - np.sqrt((1.0 - u) * width * (b - c))
        return np.asarray(np.where(u < fc, left, right), dtype=np.float64)
    safe = np.where(width > 0, width, 1.0)
    alpha = np.where(width > 0, 1.0 + 4.0 * (c - a) / safe, 1.0)
    beta = np.where(width > 0, 1.0 + 4.0 * (b - c) / safe, 1.0)
    draws = gen.beta(np.broadcast_to(alpha, shape), np.broadcast_to(beta, shape))
    return np.asarray(a + width * draws, dtype=np.float64)
