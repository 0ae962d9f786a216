"""Weights uniform on the simplex within lower and upper bounds (affine map and rejection)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg._rng import RNGLike, as_generator
from samvalg._sampling._common import _SOURCE, _check_count
from samvalg._sampling._simplex import uniform_simplex
from samvalg.errors import Problem, ValidationError, argument_error


@dataclass(frozen=True)
class BoundedWeights:
    """Weights sampled within bounds, with the rejection sampler's acceptance rate.

    Attributes
    ----------
    weights : ndarray, shape (N, n)
    acceptance_rate : float
        Accepted / drawn (1.0 when only lower bounds bind).
    drawn : int
        Candidate samples drawn.
    """

    weights: NDArray[np.float64]
    acceptance_rate: float
    drawn: int


def bounded_weights(
    size: int,
    lower: ArrayLike,
    upper: ArrayLike,
    rng: RNGLike = None,
    *,
    min_acceptance: float = 1e-4,
    batch: int = 65_536,
) -> BoundedWeights:
    """Weights uniform on :math:`\\{\\ell \\le w \\le u, \\sum_j w_j = 1\\}`.

    Method (exact). The region :math:`\\{w \\ge \\ell, \\sum w = 1\\}` is the simplex scaled by
    :math:`1 - \\sum \\ell` and shifted by :math:`\\ell`, so
    :math:`w = \\ell + (1 - \\sum \\ell)\\, t` with :math:`t` uniform on the simplex is uniform
    on it. Upper bounds are then imposed by rejection (Tervonen & Lahdelma 2007, section 3.2),
    which keeps the distribution exactly uniform; the acceptance rate is estimated from a
    running count of candidates and reported. Hit-and-run would avoid rejection but is only
    asymptotically exact, so it is not used.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    lower, upper : array_like, shape (n,)
        Bounds per weight, ``0 <= lower <= upper <= 1``, ``sum(lower) <= 1 <= sum(upper)``.
    rng : int, Generator or None
        Seed or generator.
    min_acceptance : float
        Raise when the acceptance rate, estimated from at least ``10 / min_acceptance``
        candidates, is below this (the bounds leave a sliver of the simplex: widen them).
    batch : int
        Candidates drawn per round.

    Returns
    -------
    BoundedWeights

    Raises
    ------
    ValidationError
        Inconsistent bounds, or an acceptance rate below ``min_acceptance``.

    Examples
    --------
    >>> s = bounded_weights(1000, [0.2, 0.0, 0.0], [0.5, 0.5, 0.5], rng=0)
    >>> bool((s.weights[:, 0] >= 0.2).all() and (s.weights <= 0.5).all())
    True
    >>> 0 < s.acceptance_rate <= 1
    True
    """
    size = _check_count(size)
    lo = np.asarray(lower, dtype=float)
    hi = np.asarray(upper, dtype=float)
    problems: list[Problem] = []
    if lo.ndim != 1 or hi.shape != lo.shape or lo.size == 0:
        raise argument_error(
            "lower/upper", f"must be 1-D of the same length, got shapes {lo.shape} and {hi.shape}"
        )
    for j in range(lo.size):
        if not (np.isfinite(lo[j]) and np.isfinite(hi[j]) and 0 <= lo[j] <= hi[j] <= 1):
            problems.append(
                Problem(
                    _SOURCE,
                    f"bounds[{j}]",
                    f"[{lo[j]}, {hi[j]}] is not an interval inside [0, 1]",
                    "0 <= lower <= upper <= 1",
                )
            )
    if not problems and lo.sum() > 1 + 1e-12:
        problems.append(
            Problem(
                _SOURCE, "lower", f"the lower bounds sum to {lo.sum():.6g} > 1", "sum(lower) <= 1"
            )
        )
    if not problems and hi.sum() < 1 - 1e-12:
        problems.append(
            Problem(
                _SOURCE, "upper", f"the upper bounds sum to {hi.sum():.6g} < 1", "sum(upper) >= 1"
            )
        )
    if problems:
        raise ValidationError(problems)
    gen = as_generator(rng)
    n = lo.size
    free = max(1.0 - float(lo.sum()), 0.0)
    out = np.empty((size, n))
    filled = 0
    drawn = 0
    accepted = 0
    while filled < size or drawn == 0:
        cand = lo + free * uniform_simplex(batch, n, gen)
        ok = (cand <= hi + 1e-15).all(axis=1)
        drawn += batch
        k = int(ok.sum())
        accepted += k
        if drawn >= 10.0 / min_acceptance and accepted / drawn < min_acceptance:
            raise argument_error(
                "bounds",
                f"rejection sampling accepts only {accepted}/{drawn} = {accepted / drawn:.2e} "
                "of the candidates: the bounds leave a tiny part of the simplex",
                f"an acceptance rate of at least {min_acceptance:g}: widen the upper bounds",
            )
        take = min(k, size - filled)
        if take:
            out[filled : filled + take] = cand[ok][:take]
            filled += take
    return BoundedWeights(weights=out, acceptance_rate=accepted / drawn, drawn=drawn)
