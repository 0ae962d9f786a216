"""Weights uniform on the simplex and on the ordered region of a ranking, and its centroid."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg._rng import RNGLike, as_generator
from samvalg._sampling._common import _check_count
from samvalg.errors import argument_error


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
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


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
