"""The SMAA-2 engine: utilities of sampled rows in memory-bounded chunks, ranks and the counts."""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import SamvalgError, argument_error
from samvalg.smaa._results import SMAADraws, SMAAResult

if TYPE_CHECKING:
    from samvalg.methods._spec import MethodSpec

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
    #: Scratch buffers of the chunk loop (see :func:`_scratch`).
    work: dict[str, NDArray[Any]] = field(default_factory=dict)


def _scratch(st: _Stats, name: str, shape: tuple[int, ...], dtype: Any) -> NDArray[Any]:
    """A C-contiguous buffer ``shape`` reused chunk after chunk.

    The chunk loop's temporaries are hundreds of kB to MB; allocated afresh each chunk, the
    allocator may hand their pages back to the system and take them again, and a chunk then
    pays hundreds of page faults (``smaa2`` at m = 30, N = 10^5, in a fresh interpreter:
    ~15,000 faults and ~30 % of its time). One allocation per run avoids that; the
    arithmetic is unchanged. A buffer is overwritten by the next chunk.
    """
    size = math.prod(shape)
    buf = st.work.get(name)
    if buf is None or buf.size < size or buf.dtype != np.dtype(dtype):
        buf = np.empty(size, dtype=dtype)
        st.work[name] = buf
    return buf[:size].reshape(shape)


def _count_true(G: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Number of True values along the last axis (bit-packed and popcounted when NumPy has
    ``bitwise_count``: 3-4x faster than ``count_nonzero(axis=-1)`` on long rows)."""
    if G.shape[-1] < 64 or not hasattr(np, "bitwise_count"):
        return cast(NDArray[np.int64], np.count_nonzero(G, axis=-1).astype(np.int64, copy=False))
    packed = np.packbits(G, axis=-1)  # zero-padded to whole bytes: the counts are unchanged
    if packed.shape[-1] % 8 == 0:
        packed = packed.view(np.uint64)
    return cast(NDArray[np.int64], np.bitwise_count(packed).sum(axis=-1, dtype=np.int64))


def _first_hits(U: NDArray[np.float64], i: int) -> NDArray[np.bool_]:
    """Rows of ``U`` (k, m) in which alternative ``i`` ranks first: no ``l`` with
    ``u_l > u_i + eps`` (the rank-1 test of :func:`_accumulate`, O(m) a row)."""
    return np.asarray(~(U > (U[:, i] + _ATOL)[:, None]).any(axis=1), dtype=bool)


#: Up to this many alternatives a chunk is ranked by the definition itself, one vectorised
#: (m, m, K) comparison (cheaper than sorting for so few); above it, by sorting.
_COMPARE_MAX_M = 28
#: Alternatives per block of the pairwise-wins comparison of sorted samples.
_PAIR_BLOCK = 8


def _accumulate(
    st: _Stats, U: NDArray[np.float64], W: NDArray[np.float64]
) -> NDArray[np.integer[Any]]:
    """Add one chunk to the counts; ``U`` is (m, K), alternatives-major, ``W`` is (K, n).

    The counts are those of the definition ``G[i, l, k] = u_i > u_l + eps``,
    ``rank_l = 1 + #{i : G[i, l]}`` (ties within ``eps`` share the best rank and do not beat
    each other; non-transitive chains such as 0, 0.6e-10, 1.2e-10 included), computed
    without a Python loop over pairs:

    - up to ``_COMPARE_MAX_M`` alternatives, ``G`` itself in one comparison;
    - above, by sorting, O(m log m) a sample for the ranks: ``argsort`` of each sample gives
      each alternative's ascending position ``p``; when the sorted utilities are all more
      than ``eps`` apart (``s[p+1] > s[p] + eps``: every sample with continuous weights and
      distinct options) the rank is ``m - p`` and ``i`` beats ``l`` exactly when
      ``p_i > p_l``, so the pairwise wins are one int8 comparison of positions per block of
      alternatives, with ``p_ik + p_ki = K``; samples with a near tie are counted by ``G``.

    Rank acceptabilities are one ``bincount``, every win count a popcount of packed bits.
    Returns ``beaten`` (m, K): each alternative's rank - 1 (possibly a scratch buffer of
    ``st``: valid until the next call).
    """
    m, K = U.shape
    small = np.int8 if m < 128 else np.int64
    if m <= _COMPARE_MAX_M:
        G = _scratch(st, "G", (m, m, K), np.bool_)
        np.greater(U[:, None, :], (U + _ATOL)[None, :, :], out=G)
        beaten = G.sum(axis=0, dtype=small)
        st.win_counts += _count_true(G)
    else:
        beaten = _sorted_counts(st, U, small)
    codes = _scratch(st, "codes", (m, K), np.int64)
    np.add(beaten, st.offsets, out=codes)
    counts = np.bincount(codes.reshape(-1), minlength=m * m).reshape(m, m)
    st.rank_counts += counts
    st.first_counts += counts[:, 0]
    first = _scratch(st, "first", (m, K), np.float64)
    np.equal(beaten, 0, out=first)  # 1.0 where ranked first
    st.w_sum += first @ W
    st.w_sq += first @ (W * W)
    return cast(NDArray[np.integer[Any]], beaten)


def _position_tables(
    st: _Stats, K: int, m: int, small: type[np.integer[Any]]
) -> tuple[NDArray[np.intp], NDArray[np.integer[Any]]]:
    """``k * m`` (K, 1), the flat offset of each sample's row, and ``p`` (K, m), each
    position, made once per run (a contiguous table scatters faster than a broadcast)."""
    rows = st.work.get("rows")
    if rows is None or rows.shape[0] < K:
        rows = (np.arange(K, dtype=np.intp) * m)[:, None]
        st.work["rows"] = rows
    ranks = st.work.get("ranks")
    if ranks is None or ranks.shape[0] < K:
        ranks = np.ascontiguousarray(np.broadcast_to(np.arange(m, dtype=small), (K, m)))
        st.work["ranks"] = ranks
    return rows[:K], ranks[:K]


def _sorted_counts(
    st: _Stats, U: NDArray[np.float64], small: type[np.integer[Any]]
) -> NDArray[np.integer[Any]]:
    """``beaten`` (m, K) by sorting, and the pairwise wins added to ``st`` (see above)."""
    m, K = U.shape
    UT = _scratch(st, "UT", (K, m), np.float64)  # each sample's utilities contiguous
    np.copyto(UT, U.T)
    flat = np.argsort(UT, axis=1)  # [k, p]: the alternative at ascending position p
    rows, ranks = _position_tables(st, K, m, small)
    flat += rows
    srt = _scratch(st, "srt", (K, m), np.float64)
    np.take(UT.reshape(-1), flat, out=srt, mode="wrap")  # every index is in range
    above = _scratch(st, "above", (K, m - 1), np.float64)
    np.add(srt[:, :-1], _ATOL, out=above)
    apart = _scratch(st, "apart", (K, m - 1), np.bool_)
    np.greater(srt[:, 1:], above, out=apart)  # False: a near tie, or a NaN
    clean = None if apart.all() else apart.all(axis=1)
    posT = _scratch(st, "posT", (K * m,), small)
    posT[flat] = ranks
    pos = _scratch(st, "pos", (m, K), small)  # ascending positions
    np.copyto(pos, posT.reshape(K, m).T)
    beaten = _scratch(st, "beaten", (m, K), small)
    np.subtract(m - 1, pos, out=beaten)  # rank - 1 of the tie-free samples
    if clean is not None:
        tied = np.flatnonzero(~clean)
        Ut = U[:, tied]
        G = Ut[:, None, :] > (Ut + _ATOL)[None, :, :]  # G[i, l, k] = u_i > u_l + eps
        beaten[:, tied] = G.sum(axis=0, dtype=small)
        st.win_counts += _count_true(G)
        pos = pos[:, clean]
    kc = pos.shape[1]
    if kc:
        for i0 in range(0, m, _PAIR_BLOCK):
            i1 = min(m, i0 + _PAIR_BLOCK)
            cmp = _scratch(st, "cmp", (i1 - i0, m - i0, kc), np.bool_)
            np.greater(pos[i0:i1, None, :], pos[None, i0:, :], out=cmp)
            won = _count_true(cmp)  # [i, l - i0]
            st.win_counts[i0:i1, i0:] += won
            st.win_counts[i1:, i0:i1] += kc - won[:, i1 - i0 :].T
    return cast(NDArray[np.integer[Any]], beaten)


def _chunk_rows(spec: MethodSpec, m: int, n: int, sampled: bool, fixed_cap: int = 4096) -> int:
    """Samples per chunk: at most 32 MB of temporaries.

    With a fixed matrix, at most ``fixed_cap`` rows: with 4096, every temporary of a chunk
    (the weights, the (m, K) utilities, the m x m x K comparisons) stays well under a
    megabyte, is reused from the heap by the next chunk and stays in cache; 16k-row chunks
    are mapped afresh (page faults) each time and cost 10-40 % more per sample (7 x 11,
    measured).
    """
    if sampled:
        per_row = 8 * m * n * (3 * m + 4 if spec.pairwise else 6)
        cap = 16_384
    else:
        per_row = 8 * (m * m + 4 * m + 2 * n)
        cap = fixed_cap
    return int(min(cap, max(64, _BUDGET_BYTES // max(per_row, 1))))


def _method_call(spec: MethodSpec, kw: Mapping[str, Any]) -> Callable[..., NDArray[np.float64]]:
    def call(
        X: NDArray[np.float64], W: NDArray[np.float64], types: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        return np.asarray(spec.utility(X, W, types, **kw), dtype=float)

    return call


def _fixed_utility(
    spec: MethodSpec,
    kw: Mapping[str, Any],
    X: NDArray[np.float64],
    types: NDArray[np.float64],
    validate: bool = True,
) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
    """``f(W) -> (m, K)`` utilities of the fixed matrix ``X``, validated once here.

    ``validate=False`` when the caller has already called the method on these arguments.

    WSM, TOPSIS, VIKOR and PROMETHEE II use their prepared form (the weight-independent part once,
    one contraction per chunk, the same values bit for bit); other methods call the public
    kernel per chunk.
    """
    from samvalg.methods._prepared import prepare_utility
    from samvalg.methods._spec import zero_columns_as_constant as _zero_columns_as_constant

    utility = _method_call(spec, kw)
    if validate:
        utility(X, np.full(X.shape[-1], 1.0 / X.shape[-1]), types)  # raises on bad arguments
    # as spec.utility does: an all-zero column is the constant column it is (no 0/0)
    X_prep = _zero_columns_as_constant(X, kw.get("normalization") or spec.default_normalization)
    fast = prepare_utility(spec.name, np.asarray(X_prep, dtype=float), types, **kw)
    if fast is not None:
        return fast
    return lambda W: np.ascontiguousarray(utility(X, W, types).T)


class _Cells(Protocol):
    """Sampled scores as draws of the uncertain cells only (see ``_samplers._CellScores``)."""

    size: int
    linear: bool

    def stream(self) -> Callable[[int], NDArray[np.float64]]: ...
    def utilities(
        self, dev: NDArray[np.float64], W: NDArray[np.float64]
    ) -> NDArray[np.float64]: ...
    def utilities_at(
        self,
        dev: NDArray[np.float64],
        cws: NDArray[np.float64],
        out: NDArray[np.float64] | None = None,
    ) -> NDArray[np.float64]: ...
    def matrices(self, dev: NDArray[np.float64]) -> NDArray[np.float64]: ...


#: Draws of the uncertain cells kept for the confidence pass up to this size (above it the
#: confidence pass regenerates them from the same seed, chunk by chunk).
_KEEP_CELL_BYTES = 64 * 2**20

_BLAS: Any = None


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread inside the engine (threadpoolctl; restored on exit).

    The engine's BLAS calls are thin ((m, K) @ (K, n) for the central weights): OpenBLAS
    threads cost more to wake and synchronise than they save, and on a busy machine a thread
    that waits for a core stalls the whole product (1.7-70x slower for m >= 30 or n >= 60 on
    a shared 2-core machine). One thread changes no result (the products split the work by
    rows and columns, not along the summed axis). Without threadpoolctl this does nothing.
    """
    global _BLAS
    if _BLAS is None:
        try:
            threadpoolctl = importlib.import_module("threadpoolctl")
        except ImportError:  # pragma: no cover - threadpoolctl is a dependency
            _BLAS = False
        else:
            _BLAS = threadpoolctl.ThreadpoolController()
    if _BLAS is False:
        yield
        return
    with _BLAS.limit(limits=1, user_api="blas"):
        yield


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
    cells: _Cells | None = None,
) -> tuple[_Stats, NDArray[np.float64], NDArray[np.float64], SMAADraws | None]:
    """Accumulate the SMAA-2 counts; then the confidence factors (BLAS on one thread).

    ``fixed`` gives the (m_all, K) utilities of ``X_fixed`` (see :func:`_fixed_utility`);
    with sampled matrices (``x_factory``) the public kernel runs on each chunk. ``cells``
    samples only the uncertain cells of a fixed matrix (``_samplers._CellScores``): the
    linear WSM adds their weighted deviations to the utilities of the fixed part, other
    methods get the full matrices; the draws are kept for the confidence pass (or, above
    ``_KEEP_CELL_BYTES``, drawn again from the same seed).
    Returns the statistics, the confidence factors and their standard errors, and the raw
    draws (weights, utilities and ranks of the ranked alternatives) when ``keep_draws``.
    """
    with _one_blas_thread():
        return _run(
            utility,
            fixed,
            types,
            N,
            m_all,
            ncrit,
            x_factory,
            w_source,
            ranked,
            chunk,
            progress,
            keep_draws,
            cells,
        )


def _run(
    utility: Callable[..., NDArray[np.float64]],
    fixed: Callable[[NDArray[np.float64]], NDArray[np.float64]] | None,
    types: NDArray[np.float64],
    N: int,
    m_all: int,
    ncrit: int,
    x_factory: Callable[[], Callable[[int, int], NDArray[np.float64]]] | None,
    w_source: Callable[[int, int], NDArray[np.float64]],
    ranked: NDArray[np.int64],
    chunk: int,
    progress: Progress | None,
    keep_draws: bool,
    cells: _Cells | None,
) -> tuple[_Stats, NDArray[np.float64], NDArray[np.float64], SMAADraws | None]:
    m = ranked.size
    st = _Stats(
        rank_counts=np.zeros((m, m), dtype=np.int64),
        win_counts=np.zeros((m, m), dtype=np.int64),
        first_counts=np.zeros(m, dtype=np.int64),
        w_sum=np.zeros((m, ncrit)),
        w_sq=np.zeros((m, ncrit)),
        offsets=(np.arange(m, dtype=np.int64) * m)[:, None],
    )
    sampled = x_factory is not None or cells is not None
    total = N * (2 if sampled else 1)
    x_source = x_factory() if x_factory is not None else None
    cell_draw = cells.stream() if cells is not None else None
    kept: list[NDArray[np.float64]] | None = None
    if cells is not None and N * cells.size * 8 <= _KEEP_CELL_BYTES:
        kept = []
    every = m == m_all
    if not sampled and fixed is None:
        raise SamvalgError("internal: a fixed matrix needs its utility function")
    draws = None
    if keep_draws:
        draws = SMAADraws(
            weights=np.empty((N, ncrit)),
            utilities=np.empty((N, m)),
            ranks=np.empty((N, m), dtype=np.int16 if m < 2**15 else np.int64),
        )
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        W = w_source(start, stop)
        if cells is not None and cell_draw is not None:
            dev = cell_draw(stop - start)
            if kept is not None:
                kept.append(dev)
            if cells.linear:
                U = cells.utilities(dev, W)
                U = np.ascontiguousarray(U if every else U[ranked])
            else:
                U = np.ascontiguousarray(utility(cells.matrices(dev), W, types)[:, ranked].T)
        elif x_source is not None:
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
    if not sampled:
        U = fixed(cw[has])[ranked].T  # type: ignore[misc]
        top = U[np.arange(has.size), has]
        conf[has] = (~(U > (top + _ATOL)[:, None]).any(axis=1)).astype(float)
        conf_se[has] = 0.0
        return st, conf, conf_se, draws
    x_again = x_factory() if x_factory is not None else None
    cell_again = cells.stream() if cells is not None and kept is None else None
    hits = np.zeros(has.size, dtype=np.int64)
    for c, start in enumerate(range(0, N, chunk)):
        stop = min(N, start + chunk)
        if cells is not None:
            dev = kept[c] if kept is not None else cell_again(stop - start)  # type: ignore[misc]
            if cells.linear:
                Uh_buf = _scratch(st, "Uh", (has.size, stop - start, m_all), np.float64)
                Uh = cells.utilities_at(dev, cw[has], Uh_buf)  # (H, K, m_all)
                for h, i in enumerate(has):
                    Ui = Uh[h] if every else Uh[h][:, ranked]  # per h: a small copy at most
                    hits[h] += int(np.count_nonzero(_first_hits(Ui, int(i))))
                if progress is not None:
                    progress(N + stop, total)
                continue
            Xc = cells.matrices(dev)
        else:
            Xc = x_again(start, stop)  # type: ignore[misc]
        for h, i in enumerate(has):
            U = utility(Xc, cw[i], types)
            U = U.reshape(-1, m_all)[:, ranked]
            hits[h] += int(np.count_nonzero(_first_hits(U, int(i))))
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


def _method_kwargs(
    spec: Any, normalization: str | None, method_kwargs: Mapping[str, Any]
) -> dict[str, Any]:
    kw = dict(method_kwargs)
    if not spec.accepts_normalization:
        if normalization not in (None, "none"):
            raise argument_error(
                "normalization", f"PROMETHEE II does not normalise, got {normalization!r}", "None"
            )
    else:
        kw["normalization"] = normalization
    return kw
