"""The SMAA-2 engine: utilities of sampled rows in memory-bounded chunks, ranks and the counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import SamvalgError
from samvalg.smaa._results import SMAADraws, SMAAResult
from samvalg.smaa._validation import _fail

_ATOL = 1e-10
_BUDGET_BYTES = 32 * 2**20
Progress = Callable[[int, int], None]


@dataclass
class _Stats:
    rank_counts: NDArray[np.int64]
    win_counts: NDArray[np.int64]
    first_counts: NDArray[np.int64]
    w_sum: NDArray[np.float64]
    w_sq: NDArray[np.float64]
    offsets: NDArray[np.int64]


def _ranks_from_utilities(U: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Ranks (k, m) and the wins tensor ``G[k, i, l] = u_i > u_l + eps`` from utilities."""
    G = U[:, :, None] > U[:, None, :] + _ATOL
    ranks = 1 + G.sum(axis=1)
    return ranks, G


def _accumulate(st: _Stats, U: NDArray[np.float64], W: NDArray[np.float64]
                ) -> NDArray[np.integer[Any]]:
    """Add one chunk to the counts; ``U`` is (m, K), alternatives-major, ``W`` is (K, n).

    Every reduction over alternatives runs along the long K axis: ``G[i, l, k] = u_i > u_l +
    eps`` (the same comparison as :func:`_ranks_from_utilities`), the number of alternatives
    beating each one (its rank - 1) as a small-int sum over ``i``, one ``bincount`` for the
    rank acceptabilities, one ``count_nonzero`` per pair for the winning indices.
    Returns ``beaten`` (m, K): each alternative's rank - 1.
    """
    m = U.shape[0]
    G = U[:, None, :] > (U + _ATOL)[None, :, :]
    beaten = G.sum(axis=0, dtype=np.int8 if m < 128 else np.int64)
    counts = np.bincount((beaten + st.offsets).ravel(), minlength=m * m).reshape(m, m)
    st.rank_counts += counts
    st.first_counts += counts[:, 0]
    st.win_counts += np.array([np.count_nonzero(g) for g in G.reshape(m * m, -1)],
                              dtype=np.int64).reshape(m, m)
    first = (beaten == 0).astype(np.float64)
    st.w_sum += first @ W
    st.w_sq += first @ (W * W)
    return beaten


def _chunk_rows(method: str, m: int, n: int, sampled: bool, fixed_cap: int = 4096) -> int:
    """Samples per chunk: at most 32 MB of temporaries.

    With a fixed matrix, at most ``fixed_cap`` rows: with 4096, every temporary of a chunk
    (the weights, the (m, K) utilities, the m x m x K comparisons) stays well under a
    megabyte, is reused from the heap by the next chunk and stays in cache; 16k-row chunks
    are mapped afresh (page faults) each time and cost 10-40 % more per sample (7 x 11,
    measured).
    """
    if sampled:
        per_row = 8 * m * n * (3 * m + 4 if method == "promethee_ii" else 6)
        cap = 16_384
    else:
        per_row = 8 * (m * m + 4 * m + 2 * n)
        cap = fixed_cap
    return int(min(cap, max(64, _BUDGET_BYTES // max(per_row, 1))))


def _method_call(spec: Any, kw: Mapping[str, Any]) -> Callable[..., NDArray[np.float64]]:
    def call(X: NDArray[np.float64], W: NDArray[np.float64],
             types: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(spec.utility(X, W, types, **kw), dtype=float)

    return call


def _fixed_utility(
    spec: Any,
    kw: Mapping[str, Any],
    X: NDArray[np.float64],
    types: NDArray[np.float64],
    validate: bool = True,
) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
    """``f(W) -> (m, K)`` utilities of the fixed matrix ``X``, validated once here.

    ``validate=False`` when the caller has already called the method on these arguments.

    WSM, TOPSIS and PROMETHEE II use their prepared form (the weight-independent part once,
    one contraction per chunk, the same values bit for bit); other methods call the public
    kernel per chunk.
    """
    from samvalg.methods._prepared import prepare_utility
    from samvalg.methods._registry import _zero_columns_as_constant

    utility = _method_call(spec, kw)
    if validate:
        utility(X, np.full(X.shape[-1], 1.0 / X.shape[-1]), types)  # raises on bad arguments
    # as spec.utility does: an all-zero column is the constant column it is (no 0/0)
    X_prep = _zero_columns_as_constant(X, kw.get("normalization") or spec.default_normalization)
    fast = prepare_utility(spec.name, np.asarray(X_prep, dtype=float), types, **kw)
    if fast is not None:
        return fast
    return lambda W: np.ascontiguousarray(utility(X, W, types).T)


def _engine(
    utility: Callable[..., NDArray[np.float64]],
    fixed: Callable[[NDArray[np.float64]], NDArray[np.float64]] | None,
    types: NDArray[np.float64],
    N: int,
    m_all: int,
    ncrit: int,
    X_fixed: NDArray[np.float64] | None,
    x_factory: Callable[[], Callable[[int, int], NDArray[np.float64]]] | None,
    w_source: Callable[[int, int], NDArray[np.float64]],
    ranked: NDArray[np.int64],
    chunk: int,
    progress: Progress | None,
    keep_draws: bool = False,
) -> tuple[_Stats, NDArray[np.float64], NDArray[np.float64], SMAADraws | None]:
    """Accumulate the SMAA-2 counts; then the confidence factors.

    ``fixed`` gives the (m_all, K) utilities of ``X_fixed`` (see :func:`_fixed_utility`);
    with sampled matrices (``x_factory``) the public kernel runs on each chunk.
    Returns the statistics, the confidence factors and their standard errors, and the raw
    draws (weights, utilities and ranks of the ranked alternatives) when ``keep_draws``.
    """
    m = ranked.size
    st = _Stats(
        rank_counts=np.zeros((m, m), dtype=np.int64),
        win_counts=np.zeros((m, m), dtype=np.int64),
        first_counts=np.zeros(m, dtype=np.int64),
        w_sum=np.zeros((m, ncrit)),
        w_sq=np.zeros((m, ncrit)),
        offsets=(np.arange(m, dtype=np.int64) * m)[:, None],
    )
    total = N * (2 if x_factory is not None else 1)
    x_source = x_factory() if x_factory is not None else None
    every = m == m_all
    if x_source is None and fixed is None:
        raise SamvalgError("internal: a fixed matrix needs its utility function")
    draws = None
    if keep_draws:
        draws = SMAADraws(weights=np.empty((N, ncrit)), utilities=np.empty((N, m)),
                          ranks=np.empty((N, m), dtype=np.int16 if m < 2**15 else np.int64))
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        W = w_source(start, stop)
        if x_source is not None:
            U = np.ascontiguousarray(utility(x_source(start, stop), W, types)[:, ranked].T)
        else:
            U = fixed(W)  # type: ignore[misc]
            if not every:
                U = U[ranked]
        beaten = _accumulate(st, U, W)
        if draws is not None:
            draws.weights[start:stop] = W
            draws.utilities[start:stop] = U.T
            draws.ranks[start:stop] = beaten.T
            draws.ranks[start:stop] += 1
        if progress is not None:
            progress(stop, total)

    with np.errstate(invalid="ignore", divide="ignore"):
        cw = st.w_sum / st.first_counts[:, None]
    cw[st.first_counts == 0] = np.nan
    has = np.flatnonzero(st.first_counts > 0)
    conf = np.full(m, np.nan)
    conf_se = np.full(m, np.nan)
    if has.size == 0:
        return st, conf, conf_se, draws
    if x_factory is None:
        U = fixed(cw[has])[ranked].T  # type: ignore[misc]
        ranks, _ = _ranks_from_utilities(U)
        conf[has] = (ranks[np.arange(has.size), has] == 1).astype(float)
        conf_se[has] = 0.0
        return st, conf, conf_se, draws
    x_again = x_factory()
    hits = np.zeros(has.size, dtype=np.int64)
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        Xc = x_again(start, stop)
        for h, i in enumerate(has):
            U = utility(Xc, cw[i], types)
            U = U.reshape(-1, m_all)[:, ranked]
            ranks, _ = _ranks_from_utilities(U)
            hits[h] += int((ranks[:, i] == 1).sum())
        if progress is not None:
            progress(N + stop, total)
    p = hits / N
    conf[has] = p
    conf_se[has] = np.sqrt(p * (1 - p) / N)
    return st, conf, conf_se, draws


def _finish(
    st: _Stats,
    conf: NDArray[np.float64],
    conf_se: NDArray[np.float64],
    N: int,
    draws: SMAADraws | None = None,
    **labels: Any,
) -> SMAAResult:
    ra = st.rank_counts / N
    pw = st.win_counts / N
    cnt = st.first_counts[:, None].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        cw = st.w_sum / cnt
        var = (st.w_sq - cnt * cw * cw) / (cnt - 1)
        cw_se = np.sqrt(np.clip(var, 0.0, None) / cnt)
    cw[st.first_counts == 0] = np.nan
    cw_se[st.first_counts < 2] = np.nan
    return SMAAResult(
        rank_acceptability=ra,
        central_weights=cw,
        confidence=conf,
        pairwise_winning=pw,
        rank_acceptability_se=np.sqrt(ra * (1 - ra) / N),
        central_weights_se=cw_se,
        confidence_se=conf_se,
        pairwise_winning_se=np.sqrt(pw * (1 - pw) / N),
        n=N,
        draws=draws,
        **labels,
    )


def _method_kwargs(spec: Any, normalization: str | None,
                   method_kwargs: Mapping[str, Any]) -> dict[str, Any]:
    kw = dict(method_kwargs)
    if spec.name == "promethee_ii":
        if normalization not in (None, "none"):
            raise _fail("normalization", f"PROMETHEE II does not normalise, got "
                        f"{normalization!r}", "None")
    else:
        kw["normalization"] = normalization
    return kw
