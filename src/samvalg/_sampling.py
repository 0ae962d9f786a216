"""Samplers for stochastic multicriteria acceptability analysis (pure NumPy).

Every sampler draws all samples at once (no Python loop over samples) and takes
``rng: int | numpy.random.Generator | None`` (see :func:`samvalg._rng.as_generator`).

Weights
-------
- :func:`uniform_simplex`: uniform on :math:`\\{w \\ge 0, \\sum_j w_j = 1\\}` by normalised
  exponential spacings (:math:`E_j \\sim \\mathrm{Exp}(1)`, :math:`w = E / \\sum E`), which is the
  Dirichlet(1, ..., 1) distribution (Rubin 1981; Tervonen & Lahdelma 2007, section 3.1).
- :func:`ordinal_weights`: uniform on the ordered region of a ranking of the criteria, ties
  allowed, sampled exactly by a linear map of the simplex (no rejection; derivation there).
- :func:`bounded_weights`: uniform on :math:`\\{\\ell \\le w \\le u, \\sum w = 1\\}`; lower bounds
  exactly by an affine map, upper bounds by rejection, with the acceptance rate reported.
- :func:`dirichlet_weights`: Dirichlet centred on elicited weights with a concentration.
- :func:`mixture_weights`: a mixture over stakeholders' weight vectors, optionally each with
  a Dirichlet spread.

Scores
------
- :func:`sample_scores`: each cell independently uniform, triangular (mode = the score) or
  PERT within its ``[low, high]``; cells with ``low == high`` stay fixed.

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Rubin, D. B. (1981). The Bayesian bootstrap. *Annals of Statistics* 9(1), 130-134.
Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
*Management Science* 42(11), 1515-1523 (ROC weights = centroid of the ordered simplex).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg._rng import RNGLike, as_generator
from samvalg.errors import Problem, ValidationError, argument_error

__all__ = [
    "BoundedWeights",
    "bounded_weights",
    "dirichlet_weights",
    "mixture_weights",
    "ordinal_centroid",
    "ordinal_weights",
    "sample_scores",
    "uniform_simplex",
]

_SOURCE = "<argument>"


def _check_count(size: int, name: str = "size") -> int:
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 0:
        raise argument_error(name, f"must be a non-negative integer, got {size!r}")
    return int(size)


def uniform_simplex(size: int, n: int, rng: RNGLike = None) -> NDArray[np.float64]:
    """Weights uniform on the unit simplex.

    :math:`w_j = E_j / \\sum_k E_k` with :math:`E_j \\sim \\mathrm{Exp}(1)` i.i.d., which is
    Dirichlet(1, ..., 1): the uniform distribution on :math:`\\{w \\ge 0, \\sum_j w_j = 1\\}`
    (Tervonen & Lahdelma 2007 use the equivalent sorted-uniform spacings).

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    n : int
        Number of criteria (``n >= 1``).
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    ndarray, shape (N, n)
        Rows sum to 1.

    Examples
    --------
    >>> w = uniform_simplex(5, 3, rng=1)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1.0))
    ((5, 3), True)
    """
    size = _check_count(size)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise argument_error("n", f"must be a positive integer, got {n!r}")
    e = as_generator(rng).standard_exponential((size, int(n)))
    return e / e.sum(axis=1, keepdims=True)


def _ranking_groups(ranking: ArrayLike) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Criterion -> group index (0 = most important) and group sizes, from rank levels."""
    levels = np.asarray(ranking)
    if levels.ndim != 1 or levels.size == 0:
        raise argument_error(
            "ranking",
            f"must be a non-empty 1-D sequence of rank levels, got shape {levels.shape}",
            "one rank level per criterion, 1 = most important",
        )
    try:
        lv = levels.astype(float)
    except (TypeError, ValueError):
        raise argument_error(
            "ranking", f"rank levels must be numbers, got {levels.tolist()!r}"
        ) from None
    if not np.isfinite(lv).all():
        raise argument_error("ranking", f"rank levels must be finite, got {levels.tolist()!r}")
    distinct, group = np.unique(lv, return_inverse=True)
    sizes = np.bincount(group, minlength=distinct.size)
    return group.astype(np.int64), sizes.astype(np.int64)


def ordinal_weights(size: int, ranking: ArrayLike, rng: RNGLike = None) -> NDArray[np.float64]:
    """Weights uniform on the region allowed by a ranking of the criteria (ties allowed).

    ``ranking[j]`` is the rank level of criterion ``j`` (1 = most important; equal levels are
    ties). The region is :math:`\\{w \\in \\Delta : w_j \\ge w_k` if level(j) < level(k),
    :math:`w_j = w_k` if the levels are equal :math:`\\}`.

    Method (exact, no rejection). Let the groups of tied criteria be :math:`G_1, \\dots, G_K`
    (most important first) with sizes :math:`s_g` and cumulative sizes
    :math:`S_g = s_1 + \\dots + s_g`, and let :math:`v_g` be the common weight in group
    :math:`g`. The region is :math:`\\{v_1 \\ge \\dots \\ge v_K \\ge 0, \\sum_g s_g v_g = 1\\}`.
    With the spacings :math:`u_g = v_g - v_{g+1}` (:math:`v_{K+1} = 0`),
    :math:`\\sum_g s_g v_g = \\sum_g S_g u_g`, so :math:`t_g = S_g u_g` is exactly a point of the
    standard simplex. Every map here is linear and one-to-one, so drawing :math:`t` uniformly
    on the simplex (:func:`uniform_simplex`) and setting
    :math:`v_g = \\sum_{h \\ge g} t_h / S_h` is uniform on the region. Without ties
    (:math:`S_g = g`) this is the classical construction whose mean is the rank-order centroid
    (ROC) weights (Barron & Barrett 1996; Lahdelma, Miettinen & Salminen 2003).

    Sorting a uniform simplex sample and averaging within tie groups is *not* uniform when there
    are ties (it is the projection of the ordered simplex, whose density follows the volume of
    the fibres); for three criteria with the first two tied, the third weight of that scheme has
    density :math:`\\propto 1 - 3 w_3` instead of the uniform on :math:`[0, 1/3]`.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    ranking : array_like, shape (n,)
        Rank level per criterion (1 = most important); equal levels are ties.
    rng : int, Generator or None
        Seed or generator.

    Returns
    -------
    ndarray, shape (N, n)

    References
    ----------
    Lahdelma, R., Miettinen, K. & Salminen, P. (2003). Ordinal criteria in stochastic
    multicriteria acceptability analysis (SMAA). *EJOR* 147(1), 117-127.
    Tervonen, T. & Lahdelma, R. (2007), section 3.1.

    Examples
    --------
    >>> w = ordinal_weights(20_000, [1, 2, 3], rng=0)
    >>> bool((w[:, 0] >= w[:, 1]).all() and (w[:, 1] >= w[:, 2]).all())
    True
    >>> np.round(w.mean(axis=0), 2)   # ROC weights 0.611, 0.278, 0.111
    array([0.61, 0.28, 0.11])
    """
    size = _check_count(size)
    group, sizes = _ranking_groups(ranking)
    cum = np.cumsum(sizes).astype(float)
    t = uniform_simplex(size, sizes.size, rng)
    u = t / cum
    v = np.cumsum(u[:, ::-1], axis=1)[:, ::-1]
    return v[:, group]


def ordinal_centroid(ranking: ArrayLike) -> NDArray[np.float64]:
    """Centroid (mean) of :func:`ordinal_weights` for a ranking with ties.

    :math:`E[v_g] = \\frac{1}{K} \\sum_{h \\ge g} 1 / S_h`; without ties this is ROC.

    Examples
    --------
    >>> np.round(ordinal_centroid([1, 2, 3]), 4)
    array([0.6111, 0.2778, 0.1111])
    """
    group, sizes = _ranking_groups(ranking)
    cum = np.cumsum(sizes).astype(float)
    v = np.cumsum((1.0 / cum)[::-1])[::-1] / sizes.size
    return v[group]


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


def _centres(values: ArrayLike, name: str) -> NDArray[np.float64]:
    c = np.asarray(values, dtype=float)
    if c.ndim not in (1, 2) or c.shape[-1] == 0:
        raise argument_error(
            name, f"must be a weight vector (n,) or vectors (s, n), got shape {c.shape}"
        )
    if not np.isfinite(c).all() or (c < 0).any():
        raise argument_error(name, "weights must be finite and non-negative", "w >= 0")
    sums = c.sum(axis=-1, keepdims=True)
    if (sums <= 0).any():
        raise argument_error(name, "a weight vector sums to 0", "at least one positive weight")
    return c / sums


def _dirichlet_rows(alpha: NDArray[np.float64], gen: np.random.Generator) -> NDArray[np.float64]:
    """One Dirichlet draw per row of ``alpha`` (zeros in ``alpha`` give exact zeros)."""
    g = np.zeros_like(alpha)
    pos = alpha > 0
    g[pos] = gen.standard_gamma(alpha[pos])
    return g / g.sum(axis=1, keepdims=True)


def dirichlet_weights(
    size: int, centre: ArrayLike, concentration: float, rng: RNGLike = None
) -> NDArray[np.float64]:
    """Weights from a Dirichlet distribution centred on elicited weights.

    :math:`w \\sim \\mathrm{Dirichlet}(\\kappa c)` with mean :math:`c` (the elicited weights,
    normalised) and :math:`\\mathrm{Var}(w_j) = c_j (1 - c_j) / (\\kappa + 1)`: the larger the
    concentration :math:`\\kappa`, the tighter around :math:`c`. Criteria with :math:`c_j = 0`
    keep weight 0. Drawn as normalised Gamma(:math:`\\kappa c_j`) variates.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    centre : array_like, shape (n,)
        Elicited weights (non-negative; normalised here).
    concentration : float
        :math:`\\kappa > 0`.
    rng : int, Generator or None

    Returns
    -------
    ndarray, shape (N, n)

    Examples
    --------
    >>> w = dirichlet_weights(20_000, [0.5, 0.3, 0.2], 50, rng=0)
    >>> np.round(w.mean(axis=0), 2)
    array([0.5, 0.3, 0.2])
    """
    size = _check_count(size)
    c = _centres(centre, "centre")
    if c.ndim != 1:
        raise argument_error("centre", f"must be one weight vector (n,), got shape {c.shape}")
    if not (np.isfinite(concentration) and concentration > 0):
        raise argument_error("concentration", f"must be a positive number, got {concentration!r}")
    alpha = np.broadcast_to(concentration * c, (size, c.size)).copy()
    return _dirichlet_rows(alpha, as_generator(rng))


def mixture_weights(
    size: int,
    vectors: ArrayLike,
    rng: RNGLike = None,
    *,
    probabilities: Sequence[float] | ArrayLike | None = None,
    concentration: float | None = None,
) -> NDArray[np.float64]:
    """Weights from a mixture over stakeholders' weight vectors.

    Each sample picks stakeholder :math:`s` with probability :math:`p_s` (default equal) and
    takes their vector :math:`c_s` (normalised), or, with a concentration :math:`\\kappa`, a
    draw from :math:`\\mathrm{Dirichlet}(\\kappa c_s)` around it.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    vectors : array_like, shape (s, n)
        One weight vector per stakeholder.
    rng : int, Generator or None
    probabilities : array_like, shape (s,), optional
        Mixture weights (normalised here).
    concentration : float, optional
        Dirichlet spread around each vector; ``None`` = the exact vectors.

    Returns
    -------
    ndarray, shape (N, n)

    Examples
    --------
    >>> w = mixture_weights(4, [[1, 0], [0, 1]], rng=0)
    >>> sorted(set(map(tuple, w.tolist()))) <= [(0.0, 1.0), (1.0, 0.0)]
    True
    """
    size = _check_count(size)
    c = _centres(vectors, "vectors")
    if c.ndim == 1:
        c = c[None, :]
    s = c.shape[0]
    if probabilities is None:
        p = np.full(s, 1.0 / s)
    else:
        p = np.asarray(probabilities, dtype=float)
        if p.shape != (s,) or not np.isfinite(p).all() or (p < 0).any() or p.sum() <= 0:
            raise argument_error(
                "probabilities",
                f"must be {s} non-negative numbers with a positive sum, "
                f"got {np.asarray(probabilities).tolist()!r}",
            )
        p = p / p.sum()
    gen = as_generator(rng)
    who = gen.choice(s, size=size, p=p)
    chosen = c[who]
    if concentration is None:
        return chosen.copy()
    if not (np.isfinite(concentration) and concentration > 0):
        raise argument_error(
            "concentration", f"must be a positive number or None, got {concentration!r}"
        )
    return _dirichlet_rows(concentration * chosen, gen)


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
        return a + width * gen.random(shape)
    if distribution == "triangular":
        u = gen.random(shape)
        safe = np.where(width > 0, width, 1.0)
        fc = np.where(width > 0, (c - a) / safe, 0.0)
        left = a + np.sqrt(u * width * (c - a))
        right = b - np.sqrt((1.0 - u) * width * (b - c))
        return np.where(u < fc, left, right)
    safe = np.where(width > 0, width, 1.0)
    alpha = np.where(width > 0, 1.0 + 4.0 * (c - a) / safe, 1.0)
    beta = np.where(width > 0, 1.0 + 4.0 * (b - c) / safe, 1.0)
    draws = gen.beta(np.broadcast_to(alpha, shape), np.broadcast_to(beta, shape))
    return a + width * draws
