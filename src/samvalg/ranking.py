"""Ranks with ties, and rank correlations (batched over rows).

NumPy/SciPy only. Ranks follow the MCDA convention: rank 1 is the best option.
:func:`spearman`, :func:`weighted_spearman` and :func:`ws_similarity` equal
``pymcdm.correlations.spearman``, ``weighted_spearman`` and ``rank_similarity_coef``;
:func:`kendall_tau` equals ``scipy.stats.kendalltau`` (tau-b).

Examples
--------
>>> from samvalg.ranking import rank, spearman
>>> rank([0.9, 0.9, 0.4]).tolist()
[1, 1, 3]
>>> rank([0.9, 0.9, 0.4], ties="average").tolist()
[1.5, 1.5, 3.0]
>>> round(float(spearman([1, 2, 3, 4], [1, 3, 2, 4])), 10)
0.8
"""

from __future__ import annotations

from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error

__all__ = [
    "kendall_tau",
    "kendall_w",
    "rank",
    "spearman",
    "weighted_spearman",
    "ws_similarity",
]

Ties = Literal["min", "average"]


def _as_rows(x: ArrayLike, name: str, *, min_len: int = 1) -> NDArray[np.float64]:
    """A finite float array of shape (m,) or (k, m) with m >= min_len."""
    try:
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise argument_error(name, "is not numeric", "finite numbers") from None
    if a.ndim not in (1, 2):
        raise argument_error(name, f"expected shape (m,) or (k, m), got {a.shape}")
    if a.shape[-1] < min_len:
        raise argument_error(name, f"needs at least {min_len} entries per row, got {a.shape[-1]}")
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(v) for v in np.argwhere(bad)[0])
        raise argument_error(
            f"{name}[{', '.join(map(str, where))}]",
            f"is not finite: {a[where]!r}",
            "finite numbers",
        )
    return a


def _pair(
    r1: ArrayLike, r2: ArrayLike, *, min_len: int = 2
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate two rankings (or batches of rankings) of the same length; broadcast rows."""
    x = _as_rows(r1, "r1", min_len=min_len)
    y = _as_rows(r2, "r2", min_len=min_len)
    if x.shape[-1] != y.shape[-1]:
        raise argument_error(
            "r2",
            f"has {y.shape[-1]} entries per ranking, r1 has {x.shape[-1]}",
            "rankings of the same options",
        )
    if x.ndim == 2 and y.ndim == 2 and x.shape[0] != y.shape[0]:
        raise argument_error(
            "r2",
            f"has {y.shape[0]} rankings, r1 has {x.shape[0]}",
            "equal counts, or one single ranking to compare against all",
        )
    return x, y


def _out(v: NDArray[np.float64]) -> NDArray[np.float64] | np.float64:
    return v[()] if v.ndim == 0 else v


@overload
def rank(
    scores: ArrayLike, descending: bool = ..., ties: Literal["min"] = ..., atol: float = ...
) -> NDArray[np.int64]: ...
@overload
def rank(
    scores: ArrayLike, descending: bool = ..., *, ties: Literal["average"], atol: float = ...
) -> NDArray[np.float64]: ...
@overload
def rank(
    scores: ArrayLike, descending: bool, ties: Literal["average"], atol: float = ...
) -> NDArray[np.float64]: ...
@overload
def rank(
    scores: ArrayLike, descending: bool = ..., ties: Ties = ..., atol: float = ...
) -> NDArray[np.int64] | NDArray[np.float64]: ...
def rank(
    scores: ArrayLike, descending: bool = True, ties: Ties = "min", atol: float = 1e-10
) -> NDArray[np.int64] | NDArray[np.float64]:
    """Ranks of scores, 1 = best, with ties; vectorised over rows.

    Values are sorted (largest first when `descending`); consecutive sorted values that differ
    by at most `atol` are tied (so ties chain: with atol = 1, the values 0, 1, 2 are all
    tied). ``ties="min"`` gives every member of a tie the lowest rank of the group (competition
    ranking: 1, 1, 3); ``ties="average"`` the mean of the ranks the group occupies (mid-ranks:
    1.5, 1.5, 3), as ``scipy.stats.rankdata(method="average")``.

    Parameters
    ----------
    scores : array_like of shape (m,) or (k, m)
        Finite scores; each row is ranked separately, without a Python loop over rows.
    descending : bool
        True: the largest score gets rank 1 (utilities); False: the smallest (costs, or when
        re-ranking ranks).
    ties : {"min", "average"}
        Tie convention.
    atol : float
        Absolute tolerance within which scores count as equal (default 1e-10).

    Returns
    -------
    ndarray of the shape of `scores`
        int64 for ``ties="min"``, float64 for ``ties="average"``.

    Examples
    --------
    >>> rank([3.0, 5.0, 5.0 + 1e-12, 1.0]).tolist()
    [3, 1, 1, 4]
    >>> rank([[1, 2, 3], [3, 3, 1]], descending=False, ties="average").tolist()
    [[1.0, 2.0, 3.0], [2.5, 2.5, 1.0]]
    """
    a = _as_rows(scores, "scores")
    if ties not in ("min", "average"):
        raise argument_error("ties", f"unknown tie rule {ties!r}", "'min' or 'average'")
    if not (np.isfinite(atol) and atol >= 0):
        raise argument_error("atol", f"must be a finite number >= 0, got {atol!r}")
    key = -a if descending else a
    order = np.argsort(key, axis=-1, kind="stable")
    s = np.take_along_axis(key, order, axis=-1)
    m = a.shape[-1]
    pos = np.broadcast_to(np.arange(m), a.shape)
    new = np.ones(a.shape, dtype=bool)
    new[..., 1:] = np.diff(s, axis=-1) > atol
    # first position of each element's tie group (positions are 0-based here)
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=-1)
    if ties == "min":
        ranked_sorted: NDArray[np.int64] | NDArray[np.float64] = start + 1
    else:
        last = np.ones(a.shape, dtype=bool)
        last[..., :-1] = new[..., 1:]
        rev = np.where(last, pos, m - 1)[..., ::-1]
        end = np.minimum.accumulate(rev, axis=-1)[..., ::-1]
        ranked_sorted = (start + end) / 2.0 + 1.0
    out = np.empty_like(ranked_sorted)  # the shape of `a`, the dtype of the ranks
    np.put_along_axis(out, order, ranked_sorted, axis=-1)
    return out


def spearman(r1: ArrayLike, r2: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""Spearman's rank correlation of two rankings, as ``pymcdm.correlations.spearman``.

    .. math:: r_s = \frac{\operatorname{cov}(x, y)}{\sigma_x \sigma_y}

    with population (biased) covariance and standard deviations, i.e. Pearson's r of the
    ranks (which handles tied ranks correctly).

    Parameters
    ----------
    r1, r2 : array_like of shape (m,) or (k, m)
        Rankings; a single ranking is compared with every row of a batch.

    Returns
    -------
    float or ndarray of shape (k,)
        NaN where a ranking has zero variance (all tied), where the coefficient is undefined.

    References
    ----------
    Spearman, C. (1904). The proof and measurement of association between two things.
    *American Journal of Psychology*, 15(1), 72-101.

    Examples
    --------
    >>> float(spearman([1, 2, 3], [3, 2, 1]))
    -1.0
    """
    x, y = _pair(r1, r2)
    xc = x - x.mean(axis=-1, keepdims=True)
    yc = y - y.mean(axis=-1, keepdims=True)
    cov = np.mean(xc * yc, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = cov / (x.std(axis=-1) * y.std(axis=-1))
    return _out(np.where(np.isfinite(r), r, np.nan))


def weighted_spearman(r1: ArrayLike, r2: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""Weighted Spearman's :math:`r_w` (Pinto da Costa & Soares 2005), as pymcdm's.

    .. math::
        r_w = 1 - \frac{6 \sum_i (x_i - y_i)^2 \left((N - x_i + 1) + (N - y_i + 1)\right)}
                       {N^4 + N^3 - N^2 - N}

    Disagreements near the top of the rankings weigh more.

    Parameters
    ----------
    r1, r2 : array_like of shape (m,) or (k, m)
        Rankings (1 = best), m >= 2.

    Returns
    -------
    float or ndarray of shape (k,)

    References
    ----------
    Pinto da Costa, J. & Soares, C. (2005). A weighted rank measure of correlation.
    *Australian & New Zealand Journal of Statistics*, 47(4), 515-529.

    Examples
    --------
    >>> float(weighted_spearman([1, 2, 3], [1, 2, 3]))
    1.0
    """
    x, y = _pair(r1, r2)
    n = x.shape[-1]
    num = 6.0 * np.sum((x - y) ** 2 * ((n - x + 1) + (n - y + 1)), axis=-1)
    return _out(1.0 - num / (n**4 + n**3 - n**2 - n))


def ws_similarity(r1: ArrayLike, r2: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""WS rank similarity coefficient (Sałabun & Urbaniak 2020), as pymcdm's
    ``rank_similarity_coef``.

    .. math:: WS = 1 - \sum_i 2^{-x_i} \frac{|x_i - y_i|}{\max(|x_i - 1|, |x_i - N|)}

    Asymmetric: `r1` is the reference ranking; differences at its top positions weigh most.

    Parameters
    ----------
    r1 : array_like of shape (m,) or (k, m)
        Reference ranking(s) (1 = best), m >= 2.
    r2 : array_like of shape (m,) or (k, m)
        Compared ranking(s).

    Returns
    -------
    float or ndarray of shape (k,)

    References
    ----------
    Sałabun, W. & Urbaniak, K. (2020). A new coefficient of rankings similarity in
    decision-making problems. In *Computational Science -- ICCS 2020*, LNCS 12138, 632-645.

    Examples
    --------
    >>> float(ws_similarity([1, 2, 3], [1, 2, 3]))
    1.0
    """
    x, y = _pair(r1, r2)
    n = x.shape[-1]
    den = np.maximum(np.abs(1.0 - x), np.abs(n - x))
    if np.any(den == 0):
        raise argument_error(
            "r1",
            "every entry of a ranking of m >= 2 options must be a rank in 1..m "
            "that is not equal to both 1 and m",
            "ranks 1..m",
        )
    return _out(1.0 - np.sum(2.0 ** (-x) * np.abs(x - y) / den, axis=-1))


def kendall_tau(r1: ArrayLike, r2: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""Kendall's :math:`\tau_b` (with ties), equal to ``scipy.stats.kendalltau``.

    .. math:: \tau_b = \frac{n_c - n_d}{\sqrt{(n_0 - n_1)(n_0 - n_2)}}

    with :math:`n_c - n_d = \sum_{i<j} \operatorname{sgn}(x_i - x_j)\operatorname{sgn}(y_i - y_j)`,
    :math:`n_0 = m(m-1)/2`, and :math:`n_1, n_2` the pairs tied in x and in y. Computed for all
    rows at once (O(k m^2) memory; meant for rankings of options, m in the tens).

    Parameters
    ----------
    r1, r2 : array_like of shape (m,) or (k, m)

    Returns
    -------
    float or ndarray of shape (k,)
        NaN where a ranking is all tied.

    References
    ----------
    Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika*, 33(3),
    239-251.

    Examples
    --------
    >>> float(kendall_tau([1, 2, 3, 4], [1, 2, 4, 3]))
    0.6666666666666666
    """
    x, y = _pair(r1, r2)
    sx = np.sign(x[..., :, None] - x[..., None, :])
    sy = np.sign(y[..., :, None] - y[..., None, :])
    m = x.shape[-1]
    iu = np.triu_indices(m, k=1)
    sx = sx[..., iu[0], iu[1]]
    sy = sy[..., iu[0], iu[1]]
    s = np.sum(sx * sy, axis=-1)
    n0 = m * (m - 1) / 2.0
    n1 = np.sum(sx == 0, axis=-1)
    n2 = np.sum(sy == 0, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = s / np.sqrt((n0 - n1) * (n0 - n2))
    return _out(np.where(np.isfinite(tau), tau, np.nan))


def kendall_w(rankings: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""Kendall's coefficient of concordance W, with the correction for ties.

    For m raters (stakeholders) ranking n options:

    .. math::
        W = \frac{12 S}{m^2 (n^3 - n) - m T}, \quad
        S = \sum_{j=1}^{n} (R_j - \bar R)^2, \quad
        T = \sum_{\text{raters}} \sum_{\text{tie groups}} (t^3 - t)

    where :math:`R_j` is the sum of the ranks of option j. Each rater's row is first re-ranked
    with mid-ranks (ascending: rank 1 = best), so min-rank ties (1, 1, 3) and average ties
    (1.5, 1.5, 3) give the same W. W = 1 is complete agreement, 0 no agreement; it relates to
    Friedman's statistic by :math:`\chi^2_F = m (n - 1) W`.

    Parameters
    ----------
    rankings : array_like of shape (m, n) or (k, m, n)
        Ranks by rater (rows) and option (columns); m >= 2, n >= 2. A batch of k panels gives
        k values.

    Returns
    -------
    float or ndarray of shape (k,)
        NaN when every rater ties every option (W undefined).

    References
    ----------
    Kendall, M. G. & Babington Smith, B. (1939). The problem of m rankings. *Annals of
    Mathematical Statistics*, 10(3), 275-287.
    Kendall, M. G. (1948). *Rank Correlation Methods*. Griffin (tie correction).

    Examples
    --------
    >>> float(kendall_w([[1, 2, 3], [1, 2, 3], [1, 2, 3]]))
    1.0
    >>> float(kendall_w([[1, 2, 3], [3, 2, 1]]))
    0.0
    """
    try:
        a = np.asarray(rankings, dtype=float)
    except (TypeError, ValueError):
        raise argument_error("rankings", "is not numeric", "finite ranks") from None
    if a.ndim not in (2, 3) or a.shape[-2] < 2 or a.shape[-1] < 2:
        raise argument_error(
            "rankings",
            f"expected shape (raters, options) or (k, raters, options) "
            f"with at least 2 raters and 2 options, got {a.shape}",
        )
    if not np.all(np.isfinite(a)):
        where = tuple(int(v) for v in np.argwhere(~np.isfinite(a))[0])
        raise argument_error(
            f"rankings[{', '.join(map(str, where))}]", f"is not finite: {a[where]!r}"
        )
    m, n = a.shape[-2], a.shape[-1]
    flat = a.reshape(-1, n)
    r = np.asarray(rank(flat, descending=False, ties="average", atol=0.0), dtype=float)
    # tie correction: sum over tie groups of t^3 - t, from the sorted rows
    s = np.sort(flat, axis=-1)
    new = np.ones(s.shape, dtype=bool)
    new[:, 1:] = np.diff(s, axis=-1) > 0
    group_id = np.cumsum(new, axis=-1) - 1
    row_idx = np.repeat(np.arange(s.shape[0]), n)
    t = np.zeros((s.shape[0], n))
    np.add.at(t, (row_idx, group_id.ravel()), 1.0)
    T = np.sum(t**3 - t, axis=-1).reshape(a.shape[:-1]).sum(axis=-1)
    R = r.reshape(a.shape).sum(axis=-2)
    S = np.sum((R - R.mean(axis=-1, keepdims=True)) ** 2, axis=-1)
    den = m**2 * (n**3 - n) - m * T
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(den > 0, 12.0 * S / den, np.nan)
    return _out(np.asarray(w, dtype=float))
