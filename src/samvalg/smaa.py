r"""SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001).

Monte Carlo over weights (and optionally over scores) answers "how sure are you?": how often
each option ranks first, second, ...; which weights make it win; and how sure a win is.

For samples :math:`k = 1..N` of weights :math:`w^k` and matrices :math:`X^k` (or one fixed
:math:`X`), with the utility :math:`u_i^k` of the chosen method (higher is better; ``-Q`` for
VIKOR) and the rank :math:`r_i^k = 1 + \#\{l : u_l^k > u_i^k + \epsilon\}`
(:math:`\epsilon = 10^{-10}`: ties share the best rank, as :func:`samvalg.ranking.rank`):

- rank acceptability :math:`b_i^r = \frac{1}{N} \#\{k : r_i^k = r\}`;
- central weight vector :math:`w_i^c = \operatorname{mean}\{w^k : r_i^k = 1\}` (NaN when
  :math:`b_i^1 = 0`);
- confidence factor :math:`p_i^c`: the share of the sampled matrices in which :math:`i` ranks
  first when the weights are fixed at :math:`w_i^c` (recomputed over the same :math:`X^k`;
  0 or 1 when :math:`X` is fixed; NaN when :math:`w_i^c` is);
- pairwise winning index :math:`p_{ik} = \frac{1}{N} \#\{k : u_i^k > u_l^k + \epsilon\}`.

Monte Carlo standard errors: :math:`\sqrt{p(1-p)/N}` for the shares, and the standard error
of the mean :math:`s/\sqrt{N_i}` (:math:`N_i` samples where :math:`i` ranks first) for each
central weight.

All samples go through the batched kernels of :mod:`samvalg.methods` (one call per chunk of
rows, no Python loop over samples); chunks keep memory bounded (PROMETHEE II with sampled
scores builds an :math:`m \times m \times n` tensor per sample). Random numbers are drawn
chunk by chunk from one generator in sample order, so the same seed gives the same numbers bit
for bit, and the counts (acceptabilities, winning indices) do not depend on the chunk size
(central weights then agree to rounding, sums being taken in another order).

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Tervonen, T. (2014). JSMAA: open source software for SMAA computations. *International
Journal of Systems Science* 45(1), 69-81 (the R package ``smaa``: ``smaa.ranks``,
``smaa.cw``, ``smaa.cf``, ``smaa.pvf`` use the same definitions).
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg import _sampling
from samvalg._rng import RNGLike, as_generator
from samvalg.errors import Problem, SamvalgError, ValidationError

__all__ = [
    "SCORE_UNCERTAINTY",
    "WEIGHT_INFO",
    "SMAAResult",
    "ServiceSMAA",
    "smaa2",
    "smaa_service",
]

_SOURCE = "<argument>"
_ATOL = 1e-10
_BUDGET_BYTES = 32 * 2**20

#: Weight information accepted by :func:`smaa_service`.
WEIGHT_INFO = ("uniform", "ordinal", "bounds", "elicited", "stakeholders")
#: Score uncertainty accepted by :func:`smaa_service`.
SCORE_UNCERTAINTY = ("none", "uniform", "triangular", "pert")

#: Dirichlet concentration of ``weight_info="elicited"`` when none is given.
DEFAULT_CONCENTRATION = 50.0

Progress = Callable[[int, int], None]


def _fail(location: str, message: str, allowed: str = "") -> ValidationError:
    return ValidationError([Problem(_SOURCE, location, message, allowed)])


def _nan_to_none(a: NDArray[np.float64]) -> Any:
    if a.ndim == 0:
        v = float(a)
        return None if math.isnan(v) else v
    return [_nan_to_none(x) for x in a]


@dataclass(frozen=True, eq=False)
class SMAAResult:
    """Result of :func:`smaa2`.

    Attributes
    ----------
    rank_acceptability : ndarray (m, m)
        ``[i, r]``: share of samples in which alternative ``i`` has rank ``r + 1``.
    central_weights : ndarray (m, n)
        Mean weight vector over the samples in which ``i`` ranks first; NaN row if never.
    confidence : ndarray (m,)
        Confidence factor: share of the sampled matrices in which ``i`` ranks first with the
        weights fixed at its central weight vector (NaN when that is NaN).
    pairwise_winning : ndarray (m, m)
        ``[i, k]``: share of samples in which ``i`` scores strictly better than ``k``.
    rank_acceptability_se, central_weights_se, confidence_se, pairwise_winning_se : ndarray
        Monte Carlo standard errors of the above (``sqrt(p (1 - p) / N)`` for shares; the
        standard error of the mean for central weights, NaN with fewer than two samples;
        0 for the confidence factor of a fixed matrix).
    n : int
        Number of Monte Carlo iterations ``N``.
    seed : int or None
        The seed given (None for a Generator or fresh entropy).
    method : str
        Aggregation method.
    normalization : str or None
        Normalisation passed to the method (None = its default).
    alternatives : tuple of str
        Row labels.
    criteria : tuple of str
        Column labels of ``central_weights``.
    sampled_scores : bool
        True when a matrix was sampled per iteration.
    method_kwargs : dict
        Further arguments passed to the method.
    """

    rank_acceptability: NDArray[np.float64]
    central_weights: NDArray[np.float64]
    confidence: NDArray[np.float64]
    pairwise_winning: NDArray[np.float64]
    rank_acceptability_se: NDArray[np.float64]
    central_weights_se: NDArray[np.float64]
    confidence_se: NDArray[np.float64]
    pairwise_winning_se: NDArray[np.float64]
    n: int
    seed: int | None
    method: str
    normalization: str | None
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    sampled_scores: bool = False
    method_kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def first_rank(self) -> NDArray[np.float64]:
        """First-rank acceptability :math:`b_i^1`, shape (m,)."""
        return self.rank_acceptability[:, 0]

    def acceptability_of(self, alternative: str) -> NDArray[np.float64]:
        """The rank acceptabilities of one alternative (by label)."""
        try:
            i = self.alternatives.index(alternative)
        except ValueError:
            raise SamvalgError(f"no alternative {alternative!r} (allowed: "
                               f"{', '.join(self.alternatives)})") from None
        return self.rank_acceptability[i]

    def to_dict(self) -> dict[str, Any]:
        """Plain Python (lists, None for NaN): JSON-ready."""
        return {
            "method": self.method,
            "normalization": self.normalization,
            "method_kwargs": {k: _plain(v) for k, v in self.method_kwargs.items()},
            "n": self.n,
            "seed": self.seed,
            "sampled_scores": self.sampled_scores,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "rank_acceptability": _nan_to_none(self.rank_acceptability),
            "rank_acceptability_se": _nan_to_none(self.rank_acceptability_se),
            "central_weights": _nan_to_none(self.central_weights),
            "central_weights_se": _nan_to_none(self.central_weights_se),
            "confidence": _nan_to_none(self.confidence),
            "confidence_se": _nan_to_none(self.confidence_se),
            "pairwise_winning": _nan_to_none(self.pairwise_winning),
            "pairwise_winning_se": _nan_to_none(self.pairwise_winning_se),
        }

    def to_json(self, **kwargs: Any) -> str:
        """JSON text of :meth:`to_dict`."""
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        lines = [f"SMAAResult(method={self.method!r}, n={self.n}, seed={self.seed!r})"]
        for i, a in enumerate(self.alternatives):
            cf = self.confidence[i]
            cf_text = "  –  " if math.isnan(cf) else f"{cf:5.3f}"
            lines.append(f"  {a:<30} b1={self.first_rank[i]:6.3f} "
                         f"±{self.rank_acceptability_se[i, 0]:.3f}  pc={cf_text}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        m = len(self.alternatives)
        head = "".join(f"<th>b<sup>{r + 1}</sup></th>" for r in range(m))
        rows = []
        for i, a in enumerate(self.alternatives):
            cells = "".join(f"<td>{100 * self.rank_acceptability[i, r]:.1f}&nbsp;%</td>"
                            for r in range(m))
            cf = self.confidence[i]
            cf_text = "–" if math.isnan(cf) else f"{100 * cf:.1f}&nbsp;%"
            rows.append(f"<tr><th>{html.escape(a)}</th>{cells}<td>{cf_text}</td></tr>")
        se = float(np.max(self.rank_acceptability_se)) if self.rank_acceptability_se.size else 0
        return (
            f"<table><caption>SMAA-2 ({html.escape(self.method)}, N = {self.n}, "
            f"seed = {self.seed}); rangakseptabilitet / rank acceptability, "
            f"største standardfeil / largest standard error {100 * se:.2f} %</caption>"
            f"<thead><tr><th></th>{head}<th>p<sup>c</sup></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _plain(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, tuple | list):
        return [_plain(x) for x in v]
    return v


# --------------------------------------------------------------------------------------------
# the engine


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


def _accumulate(st: _Stats, U: NDArray[np.float64], W: NDArray[np.float64]) -> None:
    """Add one chunk to the counts; ``U`` is (m, K), alternatives-major, ``W`` is (K, n).

    Every reduction over alternatives runs along the long K axis: ``G[i, l, k] = u_i > u_l +
    eps`` (the same comparison as :func:`_ranks_from_utilities`), the number of alternatives
    beating each one (its rank - 1) as a small-int sum over ``i``, one ``bincount`` for the
    rank acceptabilities, one ``count_nonzero`` per pair for the winning indices.
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
) -> tuple[_Stats, NDArray[np.float64], NDArray[np.float64]]:
    """Accumulate the SMAA-2 counts; then the confidence factors.

    ``fixed`` gives the (m_all, K) utilities of ``X_fixed`` (see :func:`_fixed_utility`);
    with sampled matrices (``x_factory``) the public kernel runs on each chunk.
    Returns the statistics, the confidence factors and their standard errors.
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
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        W = w_source(start, stop)
        if x_source is not None:
            U = np.ascontiguousarray(utility(x_source(start, stop), W, types)[:, ranked].T)
        else:
            U = fixed(W)  # type: ignore[misc]
            if not every:
                U = U[ranked]
        _accumulate(st, U, W)
        if progress is not None:
            progress(stop, total)

    with np.errstate(invalid="ignore", divide="ignore"):
        cw = st.w_sum / st.first_counts[:, None]
    cw[st.first_counts == 0] = np.nan
    has = np.flatnonzero(st.first_counts > 0)
    conf = np.full(m, np.nan)
    conf_se = np.full(m, np.nan)
    if has.size == 0:
        return st, conf, conf_se
    if x_factory is None:
        U = fixed(cw[has])[ranked].T  # type: ignore[misc]
        ranks, _ = _ranks_from_utilities(U)
        conf[has] = (ranks[np.arange(has.size), has] == 1).astype(float)
        conf_se[has] = 0.0
        return st, conf, conf_se
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
    return st, conf, conf_se


def _finish(
    st: _Stats,
    conf: NDArray[np.float64],
    conf_se: NDArray[np.float64],
    N: int,
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


def _seed_label(seed: RNGLike) -> int | None:
    return int(seed) if isinstance(seed, int | np.integer) else None


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise _fail("n", f"must be a positive integer, got {n!r}")
    return int(n)


def _labels(values: Sequence[str] | None, count: int, name: str, prefix: str) -> tuple[str, ...]:
    if values is None:
        return tuple(f"{prefix}{i + 1}" for i in range(count))
    out = tuple(str(v) for v in values)
    if len(out) != count:
        raise _fail(name, f"has {len(out)} labels, expected {count}")
    return out


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
        Number of iterations when neither ``X`` nor ``weights`` is sampled.
    seed : int, Generator or None
        Randomness (only used for weights drawn here).
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
    """
    from samvalg.methods import get_method
    from samvalg.methods._validation import _iv

    spec = get_method(method)
    N_given = _check_n(n)
    Xa = np.asarray(X, dtype=float) if not isinstance(X, np.ndarray) else X
    inp = _iv(Xa, None, types)
    Xa = inp.X
    t = inp.types
    m_all, ncrit = Xa.shape[-2], Xa.shape[-1]
    sampled_X = Xa.ndim == 3
    if weights is not None:
        W_all = _iv(Xa[0] if sampled_X else Xa, weights, t).W
        if np.asarray(weights).ndim != 2:
            raise _fail("weights", f"must be sampled vectors of shape (N, {ncrit}), got shape "
                        f"{np.shape(weights)}")
        N = W_all.shape[0]
        if sampled_X and Xa.shape[0] != N:
            raise _fail("weights", f"has {N} vectors but X has {Xa.shape[0]} matrices",
                        f"({Xa.shape[0]}, {ncrit})")
    else:
        W_all = None
        N = Xa.shape[0] if sampled_X else N_given
    if ranked is None:
        ranked_idx = np.arange(m_all)
    else:
        mask = np.asarray(ranked)
        if mask.dtype == bool:
            if mask.shape != (m_all,):
                raise _fail("ranked", f"needs {m_all} booleans, got shape {mask.shape}")
            ranked_idx = np.flatnonzero(mask)
        else:
            ranked_idx = np.unique(mask.astype(np.int64))
            if ranked_idx.size and (ranked_idx.min() < 0 or ranked_idx.max() >= m_all):
                raise _fail("ranked", f"indices must be in 0..{m_all - 1}")
        if ranked_idx.size == 0:
            raise _fail("ranked", "no alternative to rank", "at least one")
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

    chunk = chunk_size if chunk_size is not None else _chunk_rows(spec.name, m_all, ncrit,
                                                                   sampled_X)
    fixed = None if sampled_X else _fixed_utility(spec, kw, Xa, t, validate=False)
    st, conf, conf_se = _engine(
        utility, fixed, t, N, m_all, ncrit, None if sampled_X else Xa, x_factory, w_source,
        ranked_idx, max(1, int(chunk)), progress,
    )
    return _finish(
        st, conf, conf_se, N,
        seed=_seed_label(seed), method=spec.name, normalization=normalization,
        alternatives=tuple(alt_all[i] for i in ranked_idx), criteria=crit,
        sampled_scores=sampled_X, method_kwargs=dict(method_kwargs),
    )


# --------------------------------------------------------------------------------------------
# the domain entry


@dataclass(frozen=True, eq=False)
class ServiceSMAA:
    """SMAA-2 of one view of one service area (result of :func:`smaa_service`).

    Attributes
    ----------
    service : str
        Service area id.
    view : str
        View key of :func:`samvalg.evaluate` (``"combined"``, ``"whether"``, ...).
    set_ids : tuple of str
        Criteria sets in the view.
    options : tuple of str
        Ranked options (legally feasible and every criterion applicable).
    excluded : dict
        Options not ranked, with the reason (not applicable, or ruled out by law).
    weight_info, hierarchy, score_uncertainty : str
        How weights and scores were sampled.
    elicited_weights : ndarray (n,)
        The view's global weights from the assessment.
    acceptance_rate : float or None
        Of the rejection step when ``weight_info="bounds"`` (None otherwise).
    result : SMAAResult
        Rows ``options``, columns ``criteria``.
    illustrative : bool
        The assessment is the illustrative example.
    """

    service: str
    view: str
    set_ids: tuple[str, ...]
    options: tuple[str, ...]
    excluded: Mapping[str, str]
    criteria: tuple[str, ...]
    weight_info: str
    hierarchy: str
    score_uncertainty: str
    concentration: float | None
    elicited_weights: NDArray[np.float64]
    acceptance_rate: float | None
    result: SMAAResult
    illustrative: bool = False

    @property
    def rank_acceptability(self) -> NDArray[np.float64]:
        return self.result.rank_acceptability

    @property
    def central_weights(self) -> NDArray[np.float64]:
        return self.result.central_weights

    @property
    def confidence(self) -> NDArray[np.float64]:
        return self.result.confidence

    @property
    def pairwise_winning(self) -> NDArray[np.float64]:
        return self.result.pairwise_winning

    @property
    def most_acceptable(self) -> str:
        """The option with the largest first-rank acceptability."""
        return self.options[int(np.argmax(self.result.first_rank))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "view": self.view,
            "sets": list(self.set_ids),
            "illustrative": self.illustrative,
            "options": list(self.options),
            "excluded": dict(self.excluded),
            "criteria": list(self.criteria),
            "weight_info": self.weight_info,
            "hierarchy": self.hierarchy,
            "score_uncertainty": self.score_uncertainty,
            "concentration": self.concentration,
            "elicited_weights": self.elicited_weights.tolist(),
            "acceptance_rate": self.acceptance_rate,
            "smaa": self.result.to_dict(),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        head = (f"ServiceSMAA({self.service!r}, view={self.view!r}, weights={self.weight_info!r}, "
                f"scores={self.score_uncertainty!r})")
        body = repr(self.result).split("\n", 1)
        excl = [f"  excluded {o}: {r}" for o, r in self.excluded.items()]
        return "\n".join([head, *(body[1:] if len(body) > 1 else []), *excl])

    def _repr_html_(self) -> str:
        label = ("<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
                 if self.illustrative else "")
        excl = "".join(f"<li>{html.escape(o)}: {html.escape(r)}</li>"
                       for o, r in self.excluded.items())
        excl_html = f"<p>Ikke rangert / not ranked:</p><ul>{excl}</ul>" if excl else ""
        return (f"{label}<p>{html.escape(self.service)} – {html.escape(self.view)}; "
                f"vekter / weights: {html.escape(self.weight_info)} ({self.hierarchy}), "
                f"skårer / scores: {html.escape(self.score_uncertainty)}</p>"
                f"{self.result._repr_html_()}{excl_html}")


def _order_levels(c: NDArray[np.float64]) -> NDArray[np.int64]:
    from samvalg.ranking import rank

    return np.asarray(rank(c, atol=1e-12), dtype=np.int64)


class _FlatSampler:
    """Draws weight vectors for one level (the whole view, the sets, or one set's criteria)."""

    def __init__(self, info: str, centre: NDArray[np.float64], ids: Sequence[str],
                 concentration: float, bounds: Any) -> None:
        self.info = info
        self.centre = centre / centre.sum() if centre.sum() > 0 else centre
        self.ids = tuple(ids)
        self.concentration = concentration
        self.drawn = 0
        self.accepted = 0
        if info == "ordinal":
            self.levels = _order_levels(self.centre)
        if info == "bounds":
            self.lower, self.upper = _bounds_for(bounds, self.centre, self.ids)

    def draw(self, k: int, gen: np.random.Generator) -> NDArray[np.float64]:
        n = self.centre.size
        if n == 1:
            return np.ones((k, 1))
        if self.info == "uniform":
            return _sampling.uniform_simplex(k, n, gen)
        if self.info == "ordinal":
            return _sampling.ordinal_weights(k, self.levels, gen)
        if self.info == "elicited":
            return _sampling.dirichlet_weights(k, self.centre, self.concentration, gen)
        s = _sampling.bounded_weights(k, self.lower, self.upper, gen, batch=max(1024, 2 * k))
        self.drawn += s.drawn
        self.accepted += round(s.acceptance_rate * s.drawn)
        return s.weights


def _bounds_for(bounds: Any, centre: NDArray[np.float64],
                ids: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lower and upper bounds for one level: a relative spread, or explicit per id."""
    if bounds is None:
        raise _fail("bounds", "is required with weight_info='bounds'",
                    "a relative spread such as 0.5 (each weight within ±50 % of its elicited "
                    "value) or a mapping {id: (low, high)}")
    if isinstance(bounds, int | float) and not isinstance(bounds, bool):
        r = float(bounds)
        if not (0 <= r and math.isfinite(r)):
            raise _fail("bounds", f"a relative spread must be >= 0, got {bounds!r}")
        return np.clip(centre * (1 - r), 0, 1), np.clip(centre * (1 + r), 0, 1)
    if isinstance(bounds, Mapping):
        lo = np.zeros(len(ids))
        hi = np.ones(len(ids))
        for j, key in enumerate(ids):
            if key in bounds:
                pair = bounds[key]
                try:
                    lo[j], hi[j] = (float(pair[0]), float(pair[1]))
                except (TypeError, ValueError, IndexError):
                    raise _fail(f"bounds.{key}", f"must be a pair (low, high), got {pair!r}"
                                ) from None
        return lo, hi
    raise _fail("bounds", f"must be a number or a mapping, got {type(bounds).__name__}")


def _check_choice(value: Any, name: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise _fail(name, f"is {value!r}", ", ".join(repr(a) for a in allowed))


def _stakeholder_matrix(stakeholders: Any, criteria: Sequence[str]) -> NDArray[np.float64]:
    if stakeholders is None:
        raise _fail("stakeholders", "is required with weight_info='stakeholders'",
                    "a mapping {name: {criterion_id: weight}} or an array (s, n)")
    if isinstance(stakeholders, Mapping):
        rows = []
        problems = []
        for name, vec in stakeholders.items():
            if not isinstance(vec, Mapping):
                rows.append(np.asarray(vec, dtype=float))
                continue
            unknown = [c for c in vec if c not in criteria]
            if unknown:
                problems.append(Problem(_SOURCE, f"stakeholders.{name}",
                                        f"unknown criteria {', '.join(map(str, unknown))}",
                                        "criteria of the view"))
            rows.append(np.array([float(vec.get(c, 0.0)) for c in criteria]))
        if problems:
            raise ValidationError(problems)
        V = np.array(rows, dtype=float)
    else:
        V = np.asarray(stakeholders, dtype=float)
    if V.ndim != 2 or V.shape[1] != len(criteria):
        raise _fail("stakeholders", f"needs one weight per criterion of the view "
                    f"({len(criteria)}), got shape {V.shape}")
    return V


def smaa_service(
    assessment: Any,
    service_id: str,
    view: str = "combined",
    n: int = 10_000,
    seed: RNGLike = 0,
    method: str = "wsm",
    *,
    normalization: str | None = None,
    weight_info: str = "uniform",
    hierarchy: str = "levels",
    concentration: float | None = None,
    bounds: float | Mapping[str, tuple[float, float]] | None = None,
    stakeholders: Any = None,
    stakeholder_probabilities: ArrayLike | None = None,
    score_uncertainty: str = "none",
    progress: Progress | None = None,
    **method_kwargs: Any,
) -> ServiceSMAA:
    r"""SMAA-2 of one service area on one view of :func:`samvalg.evaluate`.

    The options and value matrix are the view's (scale-anchored values; ``x - lower + 1`` for
    WPM, as :func:`samvalg.evaluate`). Options the law rules out take part in the method (as in
    ``evaluate``) but are not ranked; options with a criterion that does not apply are left
    out (as in ``evaluate``); both are listed in ``excluded`` with the reason.

    Weights (``weight_info``), applied at each level (see ``hierarchy``):

    - ``"uniform"``: no information, uniform on the simplex.
    - ``"ordinal"``: only the order of the elicited weights (equal weights are ties), sampled
      exactly on the ordered region (:func:`samvalg._sampling.ordinal_weights`).
    - ``"bounds"``: each weight within bounds, uniform within them: ``bounds=0.5`` keeps each
      weight within ±50 % of its elicited value; ``bounds={id: (low, high)}`` gives them per
      criterion (local weight in its set) or per set id (set weight); rejection sampling with
      the acceptance rate reported.
    - ``"elicited"``: Dirichlet centred on the elicited weights with ``concentration``
      :math:`\kappa` (default 50; :math:`\mathrm{Var}\,w_j = w_j(1-w_j)/(\kappa+1)`, so a
      weight of 0.2 has a standard deviation of about 0.056).
    - ``"stakeholders"``: a mixture over ``stakeholders`` (mapping name -> {criterion: weight},
      or an array (s, n) in the view's criterion order), each exact or, with
      ``concentration``, Dirichlet-spread; these are global vectors, so ``hierarchy`` does not
      apply.

    Hierarchy (views with several criteria sets, e.g. ``"combined"``):
    ``"levels"`` (default) samples the set weights and each set's local weights separately,
    each by ``weight_info`` around its elicited values, and multiplies them
    (:math:`w_j = W_{s(j)} w^{loc}_j`): the set weights are a judgment of their own. Note that
    the product of uniform levels is not uniform on the global simplex.
    ``"global"`` samples the global vector directly, ignoring the sets.

    Scores (``score_uncertainty``): ``"none"`` (the scores as given), or each cell drawn within
    its ``low``/``high`` from the assessment: ``"uniform"``, ``"triangular"`` (mode = the
    score) or ``"pert"``, jointly with the weights (one matrix per iteration).

    Parameters
    ----------
    assessment : Assessment
    service_id : str
    view : str
        ``"combined"``, ``"whether"``, ``"form"``, ``"strategy"``, ``"gains"`` or ``"model"``.
    n : int
        Iterations.
    seed : int, Generator or None
    method : str
        Aggregation method.
    normalization : str, optional
        As in :func:`samvalg.evaluate` (None: ``"none"`` for WSM, ``"sum"`` for WPM, the
        method's default otherwise).
    weight_info, hierarchy, concentration, bounds, stakeholders, stakeholder_probabilities
        See above.
    score_uncertainty : {"none", "uniform", "triangular", "pert"}
    progress : callable(done, total), optional
    **method_kwargs
        Passed to the method.

    Returns
    -------
    ServiceSMAA

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.smaa import smaa_service
    >>> r = smaa_service(samvalg.example_assessment(), "lonn", n=2000, seed=1)
    >>> bool(np.allclose(r.rank_acceptability.sum(axis=1), 1.0))
    True
    """
    import samvalg
    from samvalg.methods import get_method

    _check_choice(weight_info, "weight_info", WEIGHT_INFO)
    _check_choice(hierarchy, "hierarchy", ("levels", "global"))
    _check_choice(score_uncertainty, "score_uncertainty", SCORE_UNCERTAINTY)
    N = _check_n(n)
    if concentration is not None and not (
        isinstance(concentration, int | float) and math.isfinite(concentration)
        and concentration > 0
    ):
        raise _fail("concentration", f"must be a positive number or None, got {concentration!r}")
    kappa = DEFAULT_CONCENTRATION if concentration is None else float(concentration)
    spec = get_method(method)
    if normalization is None:
        normalization = {"wsm": "none", "wpm": "sum"}.get(spec.name, spec.default_normalization)
    ev = samvalg.evaluate(assessment, method=spec.name, normalization=normalization,
                          services=[service_id], **method_kwargs)
    sev = ev[service_id]
    v = sev[view]
    options_all = tuple(v.options)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options_all, v.feasible, strict=True):
        if not ok:
            f = sev.feasibility[opt]
            excluded[opt] = "juridisk utelukket / legally ruled out: " + "; ".join(f.reasons)
    if not v.feasible.any():
        raise SamvalgError(
            f"service {service_id!r}, view {view!r}: no option is both legally feasible and "
            "fully applicable, so there is nothing to rank"
            + (f" (excluded: {'; '.join(f'{o}: {r}' for o, r in excluded.items())})"
               if excluded else "")
        )
    crit = tuple(v.criteria)
    ncrit = len(crit)
    types = np.ones(ncrit)
    w_elicited = np.asarray(v.weights, dtype=float)

    # blocks of the hierarchy
    blocks: list[tuple[str, NDArray[np.int64]]] = []
    start = 0
    mats = []
    for s in v.set_ids:
        mat = assessment.matrix(service_id, s)
        k = len(mat.criteria)
        blocks.append((s, np.arange(start, start + k)))
        mats.append(mat)
        start += k

    gen = as_generator(seed)
    samplers: list[_FlatSampler] = []
    if weight_info == "stakeholders":
        V = _stakeholder_matrix(stakeholders, crit)
        conc = concentration

        def draw(k: int) -> NDArray[np.float64]:
            return _sampling.mixture_weights(k, V, gen, probabilities=stakeholder_probabilities,
                                             concentration=conc)
        level_note = "global"
    elif hierarchy == "global" or len(blocks) == 1:
        flat = _FlatSampler(weight_info, w_elicited, crit, kappa, bounds)
        samplers.append(flat)

        def draw(k: int) -> NDArray[np.float64]:
            return flat.draw(k, gen)
        level_note = "global" if len(blocks) > 1 else "levels"
    else:
        shares = np.array([w_elicited[idx].sum() for _, idx in blocks])
        top = _FlatSampler(weight_info, shares, [s for s, _ in blocks], kappa, bounds)
        subs = []
        for (s, idx), mat in zip(blocks, mats, strict=True):
            local = w_elicited[idx]
            if local.sum() <= 0:
                local = np.asarray(assessment.weights_for(s, service_id=service_id), float)
            subs.append(_FlatSampler(weight_info, local, mat.criteria, kappa, bounds))
        samplers = [top, *subs]

        def draw(k: int) -> NDArray[np.float64]:
            Wset = top.draw(k, gen)
            out = np.empty((k, ncrit))
            for b, ((_, idx), sub) in enumerate(zip(blocks, subs, strict=True)):
                out[:, idx] = Wset[:, b:b + 1] * sub.draw(k, gen)
            return out
        level_note = "levels"

    def w_source(s: int, e: int) -> NDArray[np.float64]:
        return draw(e - s)

    ranked = np.asarray(v.feasible, dtype=bool)
    kw = _method_kwargs(spec, normalization, method_kwargs)
    utility = _method_call(spec, kw)
    x_factory = None
    X_fixed: NDArray[np.float64] | None = np.asarray(v.value_matrix, dtype=float)
    if score_uncertainty != "none":
        x_factory = _score_source(mats, options_all, spec.name, score_uncertainty,
                                  int(gen.integers(2**63)))
        X_fixed = None
    # The level samplers draw level by level per chunk, so the chunk size is part of the random
    # stream here: 16384 rows keep the numbers of earlier versions for the same seed.
    chunk = _chunk_rows(spec.name, len(options_all), ncrit, x_factory is not None,
                        fixed_cap=16_384)
    fixed = None if X_fixed is None else _fixed_utility(spec, kw, X_fixed, types)
    st, conf, conf_se = _engine(
        utility, fixed, types, N, len(options_all), ncrit, X_fixed, x_factory, w_source,
        np.flatnonzero(ranked), chunk, progress,
    )
    res = _finish(
        st, conf, conf_se, N,
        seed=_seed_label(seed), method=spec.name, normalization=normalization,
        alternatives=tuple(o for o, r in zip(options_all, ranked, strict=True) if r),
        criteria=crit, sampled_scores=x_factory is not None, method_kwargs=dict(method_kwargs),
    )
    drawn = sum(s.drawn for s in samplers)
    rate = (sum(s.accepted for s in samplers) / drawn) if drawn else None
    return ServiceSMAA(
        service=service_id,
        view=view,
        set_ids=tuple(v.set_ids),
        options=res.alternatives,
        excluded=excluded,
        criteria=crit,
        weight_info=weight_info,
        hierarchy=level_note,
        score_uncertainty=score_uncertainty,
        concentration=(kappa if weight_info == "elicited" else
                       concentration if weight_info == "stakeholders" else None),
        elicited_weights=w_elicited,
        acceptance_rate=rate,
        result=res,
        illustrative=bool(assessment.meta.illustrative),
    )


def _score_source(
    mats: Sequence[Any], options: Sequence[str], method: str, distribution: str, xseed: int
) -> Callable[[], Callable[[int, int], NDArray[np.float64]]]:
    """Factory of a chunked sampler of the view's method input from the scores' low/high.

    Each call of the factory restarts the same stream (seeded by ``xseed``), so the confidence
    pass sees the same matrices as the main pass.
    """
    values, low, high, maps = [], [], [], []
    for mat in mats:
        rows = [mat.option_ids.index(o) for o in options]
        values.append(np.asarray(mat.values)[rows])
        low.append(np.asarray(mat.low)[rows])
        high.append(np.asarray(mat.high)[rows])
        maps.append((mat.scale, np.asarray(mat.types), len(mat.criteria)))
    val = np.concatenate(values, axis=1)
    lo = np.concatenate(low, axis=1)
    hi = np.concatenate(high, axis=1)

    def to_input(S: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.empty_like(S)
        j = 0
        for scale, types, k in maps:
            block = S[..., j:j + k]
            if method == "wpm":
                out[..., j:j + k] = block - scale.lower + 1.0
            else:
                out[..., j:j + k] = scale.to_01(block, types)
            j += k
        return out

    def factory() -> Callable[[int, int], NDArray[np.float64]]:
        g = np.random.default_rng(xseed)

        def source(s: int, e: int) -> NDArray[np.float64]:
            return to_input(_sampling.sample_scores(e - s, val, lo, hi, distribution, g))

        return source

    return factory
