"""SMAA-2 of a decision matrix (:func:`smaa2`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg import _sampling
from samvalg._rng import RNGLike, as_generator
from samvalg.errors import argument_error
from samvalg.smaa._engine import (
    Progress,
    _chunk_rows,
    _engine,
    _finish,
    _fixed_utility,
    _method_call,
    _method_kwargs,
    _wsm_ranking_matrix,
)
from samvalg.smaa._results import SMAAResult
from samvalg.smaa._validation import _check_n, _check_seed, _labels, _seed_label

__all__ = ["smaa2"]


def smaa2(
    X: ArrayLike,
    types: ArrayLike,
    n: int = 10_000,
    seed: RNGLike = 0,
    method: str = "wsm",
    normalization: str | None = None,
    weights: ArrayLike | None = None,
    *,
    ranked: ArrayLike | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    progress: Progress | None = None,
    chunk_size: int | None = None,
    keep_draws: bool = False,
    **method_kwargs: Any,
) -> SMAAResult:
    r"""SMAA-2 rank acceptabilities, central weights, confidence and pairwise winning indices.

    See the module docstring for the definitions (Lahdelma & Salminen 2001).

    Parameters
    ----------
    X : array_like, shape (m, n) or (N, m, n)
        A fixed matrix, or one sampled matrix per iteration (then the number of iterations is
        ``N`` and the argument ``n`` is ignored).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    n : int
        Number of iterations when neither ``X`` nor ``weights`` is sampled;
        1 to 10**7 (larger is refused).
    seed : int, Generator or None
        Randomness (only used for weights drawn here): a whole number >= 0 (reproducible),
        a Generator, or None (fresh entropy); anything else is a
        :class:`samvalg.errors.ValidationError`.
    method : {"wsm", "wpm", "topsis", "vikor", "promethee_ii"}
        Aggregation method (VIKOR ranks by Q).
    normalization : str, optional
        Passed to the method; None = its default.
    weights : array_like, shape (N, n), optional
        Sampled weight vectors; None = uniform on the simplex (drawn here).
    ranked : array_like of bool (m,), optional
        Alternatives to rank (default all). The others still enter the method (TOPSIS's ideal
        points, PROMETHEE's flows), as infeasible options do in :func:`samvalg.evaluate`, but
        get no rank; the result's rows are the ranked alternatives only.
    alternatives, criteria : sequence of str, optional
        Labels (of all ``m`` alternatives; default ``a1..am`` and ``c1..cn``).
    progress : callable(done, total), optional
        Called after each chunk.
    chunk_size : int, optional
        Samples per kernel call (default: at most 4096 with a fixed matrix, and at most
        32 MB of temporaries per chunk).
    keep_draws : bool
        Keep the raw draws on the result (:class:`SMAADraws`: the weights (N, n), the
        utilities and ranks (N, m) of every iteration), to re-analyse or extend the run.
        Memory: :math:`N (8n + 10m)` bytes (the weights alone :math:`8Nn`: 80 MB for
        :math:`N = 10^6`, :math:`n = 10`). Default False: only the counts, bounded memory.
    **method_kwargs
        Passed to the method (``v`` for VIKOR, ``preference``/``q``/``p`` for PROMETHEE II).

    Returns
    -------
    SMAAResult

    Examples
    --------
    >>> X = [[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]]
    >>> r = smaa2(X, [1, 1], n=20_000, seed=1)
    >>> np.round(r.rank_acceptability[:, 0], 2)   # a3 never wins: 0.4 < max(w, 1 - w)
    array([0.5, 0.5, 0. ])
    >>> bool(np.isnan(r.central_weights[2]).all())
    True
    >>> k = smaa2(X, [1, 1], n=500, seed=1, keep_draws=True)
    >>> k.draws.weights.shape, k.draws.ranks.shape
    ((500, 2), (500, 3))
    """
    from samvalg.methods import get_method
    from samvalg.methods._validation import _iv

    spec = get_method(method)
    N_given = _check_n(n)
    _check_seed(seed)
    Xa = np.asarray(X, dtype=float) if not isinstance(X, np.ndarray) else X
    inp = _iv(Xa, None, types)
    Xa = inp.X
    t = inp.types
    m_all, ncrit = Xa.shape[-2], Xa.shape[-1]
    sampled_X = Xa.ndim == 3
    if weights is not None:
        W_all = _iv(Xa[0] if sampled_X else Xa, weights, t).W
        if np.asarray(weights).ndim != 2:
            raise argument_error(
                "weights",
                f"must be sampled vectors of shape (N, {ncrit}), got shape {np.shape(weights)}",
            )
        N = W_all.shape[0]
        if sampled_X and Xa.shape[0] != N:
            raise argument_error(
                "weights",
                f"has {N} vectors but X has {Xa.shape[0]} matrices",
                f"({Xa.shape[0]}, {ncrit})",
            )
    else:
        W_all = None
        N = Xa.shape[0] if sampled_X else N_given
    if ranked is None:
        ranked_idx = np.arange(m_all)
    else:
        mask = np.asarray(ranked)
        if mask.dtype == bool:
            if mask.shape != (m_all,):
                raise argument_error("ranked", f"needs {m_all} booleans, got shape {mask.shape}")
            ranked_idx = np.flatnonzero(mask)
        else:
            ranked_idx = np.unique(mask.astype(np.int64))
            if ranked_idx.size and (ranked_idx.min() < 0 or ranked_idx.max() >= m_all):
                raise argument_error("ranked", f"indices must be in 0..{m_all - 1}")
        if ranked_idx.size == 0:
            raise argument_error("ranked", "no alternative to rank", "at least one")
    alt_all = _labels(alternatives, m_all, "alternatives", "a")
    crit = _labels(criteria, ncrit, "criteria", "c")
    kw = _method_kwargs(spec, normalization, method_kwargs)
    utility = _method_call(spec, kw)
    # one call on the elicited shapes validates the method arguments before the run
    utility(Xa[:1] if sampled_X else Xa, np.full(ncrit, 1.0 / ncrit), t)

    gen = as_generator(seed)
    if W_all is not None:
        W_fixed = W_all

        def w_source(s: int, e: int) -> NDArray[np.float64]:
            return W_fixed[s:e]
    else:

        def w_source(s: int, e: int) -> NDArray[np.float64]:
            return _sampling.uniform_simplex(e - s, ncrit, gen)

    x_factory = None
    if sampled_X:
        X3 = Xa

        def x_factory() -> Callable[[int, int], NDArray[np.float64]]:
            return lambda s, e: X3[s:e]

    chunk = chunk_size if chunk_size is not None else _chunk_rows(spec, m_all, ncrit, sampled_X)
    fixed = None if sampled_X else _fixed_utility(spec, kw, Xa, t, validate=False)
    st, conf, conf_se, draws = _engine(
        utility,
        fixed,
        t,
        N,
        m_all,
        ncrit,
        None if sampled_X else Xa,
        x_factory,
        w_source,
        ranked_idx,
        max(1, int(chunk)),
        progress,
        keep_draws=bool(keep_draws),
        wsm_R=None if fixed is None else _wsm_ranking_matrix(spec, kw, Xa, t, fixed),
    )
    return _finish(
        st,
        conf,
        conf_se,
        N,
        draws,
        seed=_seed_label(seed),
        method=spec.name,
        normalization=normalization,
        alternatives=tuple(alt_all[i] for i in ranked_idx),
        criteria=crit,
        sampled_scores=sampled_X,
        method_kwargs=dict(method_kwargs),
    )
