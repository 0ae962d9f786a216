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
    #: The last view of each scratch buffer, returned again for the same shape and dtype.
    views: dict[str, NDArray[Any]] = field(default_factory=dict)


def _scratch(st: _Stats, name: str, shape: tuple[int, ...], dtype: Any) -> NDArray[Any]:
    """A C-contiguous buffer ``shape`` reused chunk after chunk.

    The chunk loop's temporaries are hundreds of kB to MB; allocated afresh each chunk, the
    allocator may hand their pages back to the system and take them again, and a chunk then
    pays hundreds of page faults (``smaa2`` at m = 30, N = 10^5, in a fresh interpreter:
    ~15,000 faults and ~30 % of its time). One allocation per run avoids that; the
    arithmetic is unchanged. A buffer is overwritten by the next chunk. The view of the last
    call is kept and returned again for the same shape and dtype (chunk after chunk: no
    Python-level reshaping, ~1 µs a call, 17 calls a chunk).
    """
    buf = st.work.get(name)
    last = st.views.get(name)
    if last is not None and last.base is buf and last.shape == shape and last.dtype == dtype:
        return last
    size = math.prod(shape)
    if buf is None or buf.size < size or buf.dtype != np.dtype(dtype):
        buf = np.empty(size, dtype=dtype)
        st.work[name] = buf
    view = buf[:size].reshape(shape)
    st.views[name] = view
    return view


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


def _first_count(UT: NDArray[np.float64], i: int) -> int:
    """Number of columns of ``UT`` (m, k) in which alternative ``i`` ranks first.

    The rank-1 test of :func:`_first_hits` (no ``l`` with ``u_l > u_i + eps``) as
    ``fmax_l u_l > u_i + eps`` (``fmax`` skips NaN, as the comparisons do): one maximum over
    the m rows, vectorised along the k draws (~6x faster than testing each draw's short row).
    """
    top = np.fmax.reduce(UT, axis=0)
    k: int = UT.shape[1]
    return k - int(np.count_nonzero(top > UT[i] + _ATOL))


#: Up to this many alternatives a chunk is ranked by the definition itself, one vectorised
#: (m, m, K) comparison (cheaper than sorting for so few); above it, by sorting.
_COMPARE_MAX_M = 28
#: Alternatives per block of the pairwise-wins comparison of sorted samples.
_PAIR_BLOCK = 12


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

    Rank acceptabilities are one ``bincount``; win counts a popcount of packed bits (up to
    ``_COMPARE_MAX_M``) or byte-lane sums of uint64 words (:func:`_pair_wins`). WSM with a
    fixed matrix may rank on a BLAS product instead (:func:`_linear_ranking`).
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
        UT = _scratch(st, "UT", (K, m), np.float64)  # each sample's utilities contiguous
        np.copyto(UT, U.T)
        beaten = _sorted_counts(st, UT, small, _ATOL, lambda: U)
    _tally(st, beaten, W)
    return cast(NDArray[np.integer[Any]], beaten)


def _tally(st: _Stats, beaten: NDArray[np.integer[Any]], W: NDArray[np.float64]) -> None:
    """Add a chunk's rank counts and first-rank weight sums (``beaten`` (m, K): rank - 1)."""
    m, K = beaten.shape
    codes = _scratch(st, "codes", (m, K), np.int64)
    np.add(beaten, st.offsets, out=codes)
    counts = np.bincount(codes.reshape(-1), minlength=m * m).reshape(m, m)
    st.rank_counts += counts
    st.first_counts += counts[:, 0]
    first = _scratch(st, "first", (m, K), np.float64)
    np.equal(beaten, 0, out=first)  # 1.0 where ranked first
    st.w_sum += first @ W
    st.w_sq += first @ (W * W)


def _position_tables(
    st: _Stats, K: int, m: int, small: type[np.integer[Any]]
) -> tuple[NDArray[np.intp], NDArray[np.integer[Any]]]:
    """``k * m`` (K, m), the flat offset of each sample's row, and ``p`` (K, m), each
    position, made once per run (contiguous tables: faster than broadcasting a column over
    rows of m)."""
    rows = st.work.get("rows")
    if rows is None or rows.shape[0] < K:
        rows = np.ascontiguousarray(
            np.broadcast_to((np.arange(K, dtype=np.intp) * m)[:, None], (K, m))
        )
        st.work["rows"] = rows
    ranks = st.work.get("ranks")
    if ranks is None or ranks.shape[0] < K:
        ranks = np.ascontiguousarray(np.broadcast_to(np.arange(m, dtype=small), (K, m)))
        st.work["ranks"] = ranks
    return rows[:K], ranks[:K]


#: Keys of :func:`_sort_order`: the sign bit of a float64.
_SIGN = np.uint64(1 << 63)


def _sort_order(st: _Stats, UT: NDArray[np.float64], rows: NDArray[np.intp]) -> NDArray[np.intp]:
    """``k * m`` plus the alternative at each ascending position of each sample's row of
    ``UT`` (K, m), C-contiguous: ``argsort`` plus the row offsets ``rows``, ~2x faster.

    Each value's bits become an order-preserving unsigned key (negative: all bits flipped;
    otherwise the sign bit set), its lowest ``b = bit_length(m - 1)`` bits replaced by the
    alternative's index, and the keys sorted with ``np.sort`` (vectorised for integers,
    unlike ``argsort``). The order is that of the values except among values equal in all
    but their last ``b`` bits (relative gaps under ``2^(b - 52)``): a sample with such a
    pair has a gap ``<= 0`` in its sorted values, fails the "more than ``margin`` apart"
    test of :func:`_sorted_counts` and is counted by the definition, so the counts do not
    depend on how such values are ordered (as they did not on how ``argsort`` orders equal
    ones). NaN sorts to an end and fails that test too.
    """
    K, m = UT.shape
    b = max(1, (m - 1).bit_length())
    flat = _scratch(st, "flat", (K, m), np.intp)
    if b > 12 or not UT.flags.c_contiguous:  # pragma: no cover - above 4096 options
        np.copyto(flat, np.argsort(UT, axis=1))
        flat += rows
        return flat
    keys = _scratch(st, "keys", (K, m), np.uint64)
    signed = keys.view(np.int64)
    np.right_shift(UT.view(np.int64), 63, out=signed)  # -1 for a negative value, else 0
    np.bitwise_or(keys, _SIGN, out=keys)
    np.bitwise_xor(keys, UT.view(np.uint64), out=keys)
    low = (1 << b) - 1
    np.bitwise_and(keys, np.uint64(~low & (2**64 - 1)), out=keys)
    idx = st.work.get("key_idx")
    if idx is None or idx.shape[0] < K:  # a contiguous table, as the rows' offsets
        idx = np.ascontiguousarray(np.broadcast_to(np.arange(m, dtype=np.uint64), (K, m)))
        st.work["key_idx"] = idx
    np.bitwise_or(keys, idx[:K], out=keys)
    keys.sort(axis=1)
    np.bitwise_and(signed, np.int64(low), out=flat)
    flat += rows
    return flat


def _sorted_counts(
    st: _Stats,
    UT: NDArray[np.float64],
    small: type[np.integer[Any]],
    margin: float,
    exact: Callable[[], NDArray[np.float64]],
) -> NDArray[np.integer[Any]]:
    """``beaten`` (m, K) by sorting, and the pairwise wins added to ``st`` (see above).

    ``UT`` (K, m) are the utilities each sample's row contiguous: the exact
    ones with ``margin = eps``, or approximations within ``(margin - eps) / 2`` of them in
    every entry (see :func:`_linear_ranking`). A sample is ranked by its order in ``UT``
    when its sorted values are more than ``margin`` apart; the others by the definition on
    ``exact()``, the (m, K) exact utilities of the whole chunk (called only then).
    """
    K, m = UT.shape
    rows, ranks = _position_tables(st, K, m, small)
    flat = _sort_order(st, UT, rows)  # [k, p]: k * m + the alternative at position p
    srt = _scratch(st, "srt", (K, m), np.float64)
    np.take(UT.reshape(-1), flat, out=srt, mode="wrap")  # every index is in range
    # s[p+1] > s[p] + margin over the flat array (one contiguous pass, not K rows of m - 1);
    # the comparisons across rows (p = m - 1) are then set True
    s = srt.reshape(-1)
    above = _scratch(st, "above", (K * m,), np.float64)
    np.add(s[:-1], margin, out=above[:-1])
    apart = _scratch(st, "apart", (K, m), np.bool_)
    np.greater(s[1:], above[:-1], out=apart.reshape(-1)[:-1])  # False: a near tie, or a NaN
    apart[:, m - 1] = True
    clean = None if apart.all() else apart.all(axis=1)
    posT = _scratch(st, "posT", (K * m,), small)
    posT[flat] = ranks
    Kp = -(-K // 8) * 8  # whole uint64 words of comparisons (see _pair_wins)
    padded = _scratch(st, "pos", (m, Kp), small)  # ascending positions
    pos = padded[:, :K]
    np.copyto(pos, posT.reshape(K, m).T)
    beaten = _scratch(st, "beaten", (m, K), small)
    np.subtract(m - 1, pos, out=beaten)  # rank - 1 of the tie-free samples
    if clean is not None:
        tied = np.flatnonzero(~clean)
        Ut = exact()[:, tied]
        G = Ut[:, None, :] > (Ut + _ATOL)[None, :, :]  # G[i, l, k] = u_i > u_l + eps
        beaten[:, tied] = G.sum(axis=0, dtype=small)
        st.win_counts += _count_true(G)
        keep = np.flatnonzero(clean)
        Kp = -(-keep.size // 8) * 8
        padded = _scratch(st, "pos_clean", (m, Kp), small)
        np.take(pos, keep, axis=1, out=padded[:, : keep.size])
        pos = padded[:, : keep.size]
    padded[:, pos.shape[1] :] = 0  # equal: no win either way
    if pos.shape[1]:
        _pair_wins(st, padded, pos.shape[1])
    return cast(NDArray[np.integer[Any]], beaten)


#: Samples per pass of :func:`_pair_wins`: a byte lane of a uint64 sum counts at most 255.
_LANE_SAMPLES = 2040
_EVEN_BYTES = np.uint64(0x00FF00FF00FF00FF)
_SUM_16 = np.uint64(0x0001000100010001)
_U8 = np.uint64(8)
_U48 = np.uint64(48)


def _pair_wins(st: _Stats, pos: NDArray[np.integer[Any]], kc: int) -> None:
    """Add the pairwise wins ``p_i > p_l`` of the positions ``pos`` (m, Kp) to ``st``.

    ``pos[:, kc:]`` is padding (equal values: no win either way) up to a multiple of 8
    samples. Per block of ``_PAIR_BLOCK`` alternatives, one int8 comparison with the later
    ones; its booleans (bytes 0 or 1) are read as uint64 words and summed word-wise (an
    ``einsum``: NumPy's unrolled integer sum, ~2x faster than ``sum`` here), so each of a
    word's 8 byte lanes counts the wins of every 8th sample (at most
    ``_LANE_SAMPLES / 8 = 255``: no carry into the next lane) into one (m, m) table, whose 8
    lanes are added once per pass: exact integer counts, ~1.7x faster than packing the bits
    and popcounting them (m = 60, 1086 samples), with few NumPy calls per block.
    ``p_ik + p_ki = kc`` gives the pairs below the blocks.
    """
    m, Kp = pos.shape
    lanes = _scratch(st, "lanes", (m, m), np.uint64)  # [i, l]: 8 byte lanes of counts
    later = st.work.get("later")  # [l, i]: 1 where l is in a later block than i
    if later is None or later.shape != (m, m):
        block = np.arange(m) // _PAIR_BLOCK
        later = (block[:, None] > block[None, :]).astype(np.int64)
        st.work["later"] = later
    won = _scratch(st, "won", (m, m), np.int64)
    rest = _scratch(st, "rest", (m, m), np.int64)
    for k0 in range(0, Kp, _LANE_SAMPLES):
        k1 = min(Kp, k0 + _LANE_SAMPLES)
        lanes.fill(0)
        for i0 in range(0, m, _PAIR_BLOCK):
            i1 = min(m, i0 + _PAIR_BLOCK)
            cmp = _scratch(st, "cmp", (i1 - i0, m - i0, k1 - k0), np.bool_)
            np.greater(pos[i0:i1, None, k0:k1], pos[None, i0:, k0:k1], out=cmp)
            np.einsum("...k->...", cmp.view(np.uint64), out=lanes[i0:i1, i0:])
        # the 8 byte lanes of each word added: pairs into 16-bit lanes (<= 510), then the
        # four of those by one multiplication into the top 16 bits (< 2^16: no overflow)
        half = _scratch(st, "half", (m, m), np.uint64)
        np.right_shift(lanes, _U8, out=half)
        np.bitwise_and(half, _EVEN_BYTES, out=half)
        np.bitwise_and(lanes, _EVEN_BYTES, out=lanes)
        np.add(lanes, half, out=lanes)
        np.multiply(lanes, _SUM_16, out=lanes)
        np.right_shift(lanes, _U48, out=lanes)
        np.copyto(won, lanes, casting="unsafe")  # < 2^11
        st.win_counts += won  # each block's options against themselves and later ones
        np.subtract(min(k1, kc) - k0, won.T, out=rest)  # p_ik + p_ki = the samples
        rest *= later
        st.win_counts += rest


#: The unit roundoff of float64.
_UNIT = 2.0**-53


def _linear_ranking(
    st: _Stats,
    W: NDArray[np.float64],
    RT: NDArray[np.float64],
    rmax: float,
    small: type[np.integer[Any]],
    exact: Callable[[], NDArray[np.float64]],
) -> NDArray[np.integer[Any]] | None:
    r"""``beaten`` (m, K) of a WSM chunk ranked on one BLAS product, the wins added to ``st``.

    The utilities of the (fixed, normalised) matrix ``R`` are ``U = R W^T`` (the prepared
    WSM's ``einsum``, whose order of summation fixes their bits); here each sample is ranked
    on ``V = W R^T`` (``RT`` (n, m): one BLAS call, in the sorted ranking's (K, m) layout, no
    transposed copy), and only where ``V`` decides the ranks of ``U`` beyond doubt:

    Any float sum of the ``n`` products ``w_j r_ij``, in any order, with or without fused
    multiply-adds, is within :math:`\gamma_n T` of the exact sum, :math:`\gamma_n =
    n u / (1 - n u)`, ``u`` the unit roundoff, :math:`T \ge \sum_j |w_j r_{ij}|`
    (Higham 2002, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., sec. 3.1), so
    :math:`|V_{ki} - U_{ik}| \le e = 2\gamma_n T`, with ``T = n max|w| max|r|``. A
    sample whose sorted ``V`` are more than ``margin = eps + delta`` apart, ``delta = 8 (n +
    4) u (T + eps)`` (which covers ``2 e``, the rounding of the sums ``v + margin`` and
    ``u + eps`` and products that underflow), has its exact ``U`` increasing in the same
    order and more than ``eps`` apart after each other (``U_b > fl(U_a + eps)``), hence
    every pair ``u_i > u_l + eps`` exactly when ``i`` comes later: the ranks and pairwise
    wins of the definition. The other samples (a near tie, or a gap within ``delta``, about
    ``1e-13``, of ``eps``) are counted on ``exact()`` as before. The counts, and with them
    the central weights' sums, are therefore those of the exact utilities, sample by
    sample; no utility of ``V`` is kept. None when ``T`` is not finite or too large for the
    bound (the caller ranks the exact utilities).
    """
    K, n = W.shape
    m = RT.shape[1]
    wmax = max(float(W.max()), -float(W.min())) if W.size else 0.0
    T = n * wmax * rmax
    if not T <= 1e300:  # also NaN
        return None
    delta = 8.0 * (n + 4) * _UNIT * (T + _ATOL)
    V = _scratch(st, "UT", (K, m), np.float64)
    np.matmul(W, RT, out=V)
    return _sorted_counts(st, V, small, _ATOL + delta, exact)


def _wsm_ranking_matrix(
    spec: MethodSpec,
    kw: Mapping[str, Any],
    X: NDArray[np.float64],
    types: NDArray[np.float64],
    fixed: Callable[[NDArray[np.float64]], NDArray[np.float64]],
) -> NDArray[np.float64] | None:
    """WSM's normalised matrix ``R`` (m, n), whose ``einsum`` with the weights ``fixed`` is,
    for :func:`_linear_ranking`; None for another method or a matrix it cannot use.

    ``R`` is made as WSM's prepared form makes it (all-zero columns as constant, then the
    normalisation); a probe of 16 weight vectors checks that ``fixed`` gives
    ``contract_t(R, W)`` bit for bit (else None: the exact path).
    """
    if spec.name != "wsm" or kw.keys() - {"normalization"}:
        return None
    from samvalg.methods._common import contract_t, resolve
    from samvalg.methods._normalization import _normalize
    from samvalg.methods._spec import zero_columns_as_constant

    kind = resolve(kw.get("normalization"), spec.default_normalization or "max")
    X_prep = np.asarray(zero_columns_as_constant(X, kind), dtype=float)
    with np.errstate(all="ignore"):
        R = np.asarray(_normalize(X_prep, types, kind), dtype=float)
    if R.shape != X.shape or not np.isfinite(R).all():
        return None
    probe = np.random.default_rng(0).dirichlet(np.ones(R.shape[1]), 16)
    probe[0] = np.full(R.shape[1], 1.0 / R.shape[1])
    if not np.array_equal(np.asarray(fixed(probe)), contract_t(R, probe)):
        return None
    return R


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

    def stream(self) -> Callable[..., NDArray[np.float64]]: ...
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


#: Samples per chunk of the linear WSM's confidence pass with sampled cells, at least (its
#: (H, m, K) utilities: 2 MB at m = H = 8); 0.21 -> 0.13 µs a sample at m = 8 against the
#: first pass's ~1,300-row chunks.
_CONFIDENCE_ROWS = 4096
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
    wsm_R: NDArray[np.float64] | None = None,
) -> tuple[_Stats, NDArray[np.float64], NDArray[np.float64], SMAADraws | None]:
    """Accumulate the SMAA-2 counts; then the confidence factors (BLAS on one thread).

    ``fixed`` gives the (m_all, K) utilities of ``X_fixed`` (see :func:`_fixed_utility`);
    with sampled matrices (``x_factory``) the public kernel runs on each chunk. ``cells``
    samples only the uncertain cells of a fixed matrix (``_samplers._CellScores``): the
    linear WSM adds their weighted deviations to the utilities of the fixed part, other
    methods get the full matrices; the draws are kept for the confidence pass (or, above
    ``_KEEP_CELL_BYTES``, drawn again from the same seed).
    ``wsm_R`` (m_all, n), optional: WSM's normalised matrix when ``fixed`` is its ``einsum``
    (:func:`_wsm_ranking_matrix`): above ``_COMPARE_MAX_M`` ranked alternatives and without
    ``keep_draws``, chunks are ranked on one BLAS product (:func:`_linear_ranking`), the same
    counts.
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
            wsm_R,
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
    wsm_R: NDArray[np.float64] | None = None,
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
    kept: NDArray[np.float64] | None = None
    if cells is not None and N * cells.size * 8 <= _KEEP_CELL_BYTES:
        # one buffer for every chunk's draws: freed after the run, a block this size stays
        # in the allocator's heap for the next run (glibc), where fresh per-chunk arrays
        # are given back and faulted in again (~1,400 page faults, ~0.2 µs a sample, at
        # m = 8 and N = 10^4 on the development machine); the same draws
        kept = np.empty((N, cells.size))
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
    RT = None
    if wsm_R is not None and fixed is not None and not sampled and not keep_draws:
        if m > _COMPARE_MAX_M:
            RT = np.ascontiguousarray(wsm_R[ranked].T)  # (n, m)
            rmax = float(np.abs(RT).max())
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        W = w_source(start, stop)
        if RT is not None and fixed is not None:

            def exact(W: NDArray[np.float64] = W) -> NDArray[np.float64]:
                U = fixed(W)
                return U if every else U[ranked]

            small = np.int8 if m < 128 else np.int64
            fast = _linear_ranking(st, W, RT, rmax, small, exact)
            if fast is not None:
                _tally(st, fast, W)
                if progress is not None:
                    progress(stop, total)
                continue
        if cells is not None and cell_draw is not None:
            if kept is not None:
                dev = cell_draw(stop - start, out=kept[start:stop])
            else:
                dev = cell_draw(stop - start)
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
    # the confidence pass only counts, so its chunks need not be the first pass's: the linear
    # WSM's (H, m, K) utilities take larger ones (fewer small matrix products a sample)
    step = max(chunk, _CONFIDENCE_ROWS) if cells is not None and cells.linear else chunk
    for start in range(0, N, step):
        stop = min(N, start + step)
        if cells is not None:
            dev = kept[start:stop] if kept is not None else cell_again(stop - start)  # type: ignore[misc]
            if cells.linear:
                Uh_buf = _scratch(st, "Uh", (has.size, m_all, stop - start), np.float64)
                Uh = cells.utilities_at(dev, cw[has], Uh_buf)  # (H, m_all, K)
                for h, i in enumerate(has):
                    Ui = Uh[h] if every else Uh[h][ranked]  # per h: a small copy at most
                    hits[h] += _first_count(Ui, int(i))
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
