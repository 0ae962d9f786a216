"""Score sensitivity: how far one score must move to change the top option."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.sensitivity._replaced import Replaced, _replaced
from samvalg.sensitivity._results import ScoreSensitivity
from samvalg.sensitivity._roots import illinois_move, illinois_point
from samvalg.sensitivity._sweep import _utility_fn
from samvalg.sensitivity._validation import _candidate_idx, _labels

if TYPE_CHECKING:
    from samvalg.methods._spec import MethodSpec

__all__ = ["score_sensitivity"]


def _top_of(U: NDArray[np.float64], cand: NDArray[np.int64]) -> NDArray[np.int64]:
    return cast(NDArray[np.int64], cand[np.argmax(U[..., cand], axis=-1)])


def score_sensitivity(
    X: ArrayLike,
    w: ArrayLike,
    types: ArrayLike,
    *,
    method: str = "wsm",
    normalization: str | None = None,
    lower: ArrayLike = 0.0,
    upper: ArrayLike = 1.0,
    candidates: ArrayLike | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    span: float = 1.0,
    grid: int = 32,
    **method_kwargs: Any,
) -> ScoreSensitivity:
    r"""For each cell, the smallest change of that score that changes the top option.

    Closed form for WSM with ``normalization="none"`` (see the module docstring); otherwise a
    grid of ``grid`` steps up to ``span`` scale widths in each direction, then bisection, for
    every cell at once (batched over perturbed matrices). A new top means another candidate
    scores strictly better than the current top (a tie is the threshold).

    Parameters
    ----------
    X : array_like (m, n)
        The method's input matrix.
    w : array_like (n,)
    types : array_like (n,)
    method, normalization, **method_kwargs
        As in :mod:`samvalg.methods`.
    lower, upper : float or array_like (n,)
        Scale bounds of ``X`` (for the flags and the search range).
    candidates : array_like of bool (m,), optional
        Options that may be on top (default all); every row is perturbed, since a
        non-candidate's score can move another's value (TOPSIS, PROMETHEE).
    alternatives, criteria : sequence of str, optional
    span : float
        Search range in scale widths (numeric methods).
    grid : int
        Grid steps before bisection.

    Returns
    -------
    ScoreSensitivity

    Examples
    --------
    >>> X = [[0.8, 0.6], [0.5, 0.7]]
    >>> s = score_sensitivity(X, [0.5, 0.5], [1, 1], normalization="none")
    >>> s.top, round(float(s.decrease[0, 0]), 12), round(float(s.increase[1, 1]), 12)
    ('a1', 0.2, 0.2)
    """
    spec, utility = _utility_fn(method, normalization, method_kwargs)
    Xa = np.asarray(X, dtype=float)
    wa = np.asarray(w, dtype=float)
    t = np.asarray(types, dtype=float)
    if Xa.ndim != 2 or wa.shape != (Xa.shape[1],):
        raise argument_error("X/w", f"need X (m, n) and w (n,), got {Xa.shape} and {wa.shape}")
    m, n = Xa.shape
    lo = np.broadcast_to(np.asarray(lower, dtype=float), (n,)).copy()
    hi = np.broadcast_to(np.asarray(upper, dtype=float), (n,)).copy()
    if not (hi > lo).all():
        raise argument_error("lower/upper", "need lower < upper for every criterion")
    cand = _candidate_idx(candidates, m)
    names = _labels(alternatives, m, "alternatives", "a")
    crit = _labels(criteria, n, "criteria", "c")
    U0 = utility(Xa, wa, t)
    top = int(_top_of(U0, cand))
    inc = np.full((m, n), np.nan)
    dec = np.full((m, n), np.nan)
    width = hi - lo
    exact = spec.linear_without_normalization and normalization == "none"
    if exact:
        others = [int(i) for i in cand if i != top]
        second = max((U0[i] for i in others), default=None)
        slope = wa * t  # dV_i / dx_ij
        with np.errstate(divide="ignore", invalid="ignore"):
            for i in cand:
                if i == top:
                    if second is None:
                        continue
                    gap = U0[top] - second
                    d = gap / np.abs(slope)
                    # lower V_top: move x against its direction
                    dec[i] = np.where(slope > 0, d, np.nan)
                    inc[i] = np.where(slope < 0, d, np.nan)
                else:
                    gap = U0[top] - U0[i]
                    d = gap / np.abs(slope)
                    inc[i] = np.where(slope > 0, d, np.nan)
                    dec[i] = np.where(slope < 0, d, np.nan)
        inc[~np.isfinite(inc)] = np.nan
        dec[~np.isfinite(dec)] = np.nan
    else:
        col_kw = dict(method_kwargs)
        if spec.accepts_normalization:
            col_kw["normalization"] = normalization
        columns = _column_terms(spec, t, n, col_kw) if spec.additive else None
        separable = None if spec.additive else _separable(spec, Xa, t, col_kw)
        replaced = None if spec.additive or separable else _replaced(spec, Xa, wa, t, col_kw)
        reach = np.broadcast_to(span * width, (2, m, n)).copy()  # increase, decrease
        if spec.ratio_scale:
            reach[1] = np.minimum(reach[1], Xa * (1 - 1e-9))
        inc[...], dec[...] = _first_change(
            Xa,
            wa,
            t,
            utility,
            cand,
            top,
            (+1, -1),
            reach,
            grid,
            1e-10 * width,
            1e-12 * max(float(np.abs(U0).max()), 1e-300),
            columns,
            separable,
            replaced,
        )
    leaves_inc = ~np.isnan(inc) & (Xa + np.nan_to_num(inc) > hi + 1e-12)
    leaves_dec = ~np.isnan(dec) & (Xa - np.nan_to_num(dec) < lo - 1e-12)
    return ScoreSensitivity(
        alternatives=names,
        criteria=crit,
        values=Xa,
        increase=inc,
        decrease=dec,
        leaves_scale_increase=leaves_inc,
        leaves_scale_decrease=leaves_dec,
        lower=lo,
        upper=hi,
        top=names[top],
        exact=exact,
        method=spec.name,
    )


def _first_change(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    utility: Callable[..., NDArray[np.float64]],
    cand: NDArray[np.int64],
    top: int,
    directions: tuple[int, ...],
    reach: NDArray[np.float64],
    grid: int,
    tol: NDArray[np.float64],
    atol: float,
    columns: Callable[..., NDArray[np.float64]] | None = None,
    separable: _Separable | None = None,
    replaced: Replaced | None = None,
) -> NDArray[np.float64]:
    """Smallest step (per direction and cell) after which ``top`` is beaten (NaN: none).

    ``directions`` (D,) are +1 (increase) or -1 (decrease), ``reach`` (D, m, n) the search
    range of each; returns (D, m, n). Every direction's cells are searched together: one
    batched call for the grid and, for the non-additive methods, one per round of regula
    falsi for every open bracket (each bracket's steps depend on its own values only); the
    additive methods' bisection runs direction by direction.

    With ``columns`` (additive methods: :math:`V = \\sum_j w_j c_j(x_{\\cdot j})`, where a
    column's term depends on that column only) a perturbed matrix is evaluated as the
    current terms with one column's term replaced, from one batched call on the perturbed
    columns alone (n times less work than whole matrices). ``separable`` does the same for
    TOPSIS and WPM (:func:`_separable`), whose values are a fixed function of weighted sums
    of per-column terms, and ``replaced`` for VIKOR (:func:`_replaced`: the other columns'
    regrets once, the kernel's S, R and Q on the stack).
    """
    m, n = X.shape
    n_dir = len(directions)
    cells = np.arange(n_dir * m * n)  # a cell per direction: (direction, alternative, criterion)
    ci, cj = np.divmod(cells % (m * n), n)
    sign = np.repeat(np.asarray(directions, dtype=float), m * n)
    if columns is not None:
        C0 = columns(np.ascontiguousarray(X.T), np.arange(n))  # (n, m): each column's term
        V0 = w @ C0
    if separable is not None:
        s_terms, s_weight, s_finish = separable
        wf = s_weight(w)
        T0 = s_terms(np.ascontiguousarray(X.T), np.arange(n))  # (n, L)
        S0 = wf @ T0

    others = np.array([i for i in cand if i != top], dtype=np.int64)

    def margin(steps: NDArray[np.float64], idx: NDArray[np.int64]) -> NDArray[np.float64]:
        # steps (k, len(idx)) -> (k, len(idx)): best other's value - top's - atol (> 0: beaten)
        k = steps.shape[0]
        moves = sign[idx] * steps
        if columns is not None:
            cols = np.broadcast_to(X.T[cj[idx]], (k, idx.size, m)).copy()
            cols[:, np.arange(idx.size), ci[idx]] += moves
            Cn = columns(cols.reshape(-1, m), np.tile(cj[idx], k)).reshape(k, idx.size, m)
            U = V0 + w[cj[idx]][None, :, None] * (Cn - C0[cj[idx]][None, :, :])
        elif separable is not None:
            cols = np.broadcast_to(X.T[cj[idx]], (k, idx.size, m)).copy()
            cols[:, np.arange(idx.size), ci[idx]] += moves
            Tn = s_terms(cols.reshape(-1, m), np.tile(cj[idx], k)).reshape(k, idx.size, -1)
            U = s_finish(S0 + wf[cj[idx]][None, :, None] * (Tn - T0[cj[idx]][None, :, :]))
        elif replaced is not None:  # alternatives-major (m, k, len(idx)) from the start
            cols_t = np.broadcast_to(X[:, cj[idx]][:, None, :], (m, k, idx.size)).copy()
            cols_t[ci[idx], :, np.arange(idx.size)] += moves.T
            Ut = replaced(cols_t.reshape(m, -1), np.tile(cj[idx], k)).reshape(m, k, idx.size)
        else:
            stack = np.broadcast_to(X, (k, idx.size, m, n)).copy()
            stack[:, np.arange(idx.size), ci[idx], cj[idx]] += moves
            U = utility(stack.reshape(-1, m, n), w, types).reshape(k, idx.size, m)
        if replaced is None:
            Ut = np.moveaxis(U, -1, 0)
        # the best other candidate (a maximum: exact, so any layout gives the same value)
        if others.size:
            best_other = Ut[others].max(axis=0)
        else:
            best_other = np.full(Ut.shape[1:], -np.inf)
        return cast(NDArray[np.float64], best_other - (Ut[top] + atol))

    def beaten(steps: NDArray[np.float64], idx: NDArray[np.int64]) -> NDArray[np.bool_]:
        return margin(steps, idx) > 0

    fr = np.linspace(0.0, 1.0, grid + 1)[1:]
    steps = fr[:, None] * reach.ravel()[None, :]
    G = margin(steps, cells)
    B = G > 0
    hit = B.any(axis=0)
    first = np.argmax(B, axis=0)
    out = np.full(cells.size, np.nan)
    idx = cells[hit]
    if idx.size == 0:
        return out.reshape(n_dir, m, n)
    r = reach.ravel()[idx]
    hi_s = fr[first[hit]] * r
    lo_s = np.where(first[hit] > 0, fr[np.maximum(first[hit] - 1, 0)] * r, 0.0)
    tol_flat = np.tile(np.broadcast_to(tol, (m, n)).ravel(), n_dir)[idx]
    if columns is None:
        # non-additive methods: a whole matrix per point, so fewer points (see _illinois)
        g_hi = G[first[hit], idx]
        g0 = margin(np.zeros((1, idx.size)), idx)[0]
        g_lo = np.where(first[hit] > 0, G[np.maximum(first[hit] - 1, 0), idx], g0)
        out[idx] = _illinois(margin, idx, lo_s, hi_s, g_lo, g_hi, tol_flat)
        return out.reshape(n_dir, m, n)
    for d in range(n_dir):  # bisection, direction by direction
        mine = (idx >= d * m * n) & (idx < (d + 1) * m * n)
        out[idx[mine]] = _bisect_first(beaten, idx[mine], lo_s[mine], hi_s[mine], tol_flat[mine])
    return out.reshape(n_dir, m, n)


def _bisect_first(
    beaten: Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.bool_]],
    idx: NDArray[np.int64],
    lo_s: NDArray[np.float64],
    hi_s: NDArray[np.float64],
    tol: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The first beaten step per cell in ``(lo_s, hi_s]`` by bisection, every cell each round
    until every bracket is narrower than ``tol`` (at most 60 rounds); the upper ends."""
    for _ in range(60):
        if (hi_s - lo_s <= tol).all():
            break
        mid = 0.5 * (lo_s + hi_s)
        b = beaten(mid[None, :], idx)[0]
        hi_s = np.where(b, mid, hi_s)
        lo_s = np.where(b, lo_s, mid)
    return hi_s


def _illinois(
    margin: Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]],
    idx: NDArray[np.int64],
    lo: NDArray[np.float64],
    hi: NDArray[np.float64],
    g_lo: NDArray[np.float64],
    g_hi: NDArray[np.float64],
    tol: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The first step where ``margin`` turns positive, per cell, bracketed in ``(lo, hi]``.

    ``margin(lo) <= 0 < margin(hi)``. Regula falsi with the Illinois modification (Dowell &
    Jarratt 1971, *BIT* 11, 168-174: the value kept at an end that stays twice is halved), one
    batched call per round for every open bracket, with a bisection step whenever a round
    has not halved a bracket; stops when every bracket is narrower than ``tol`` and returns
    its upper end (a step that is beaten), as bisection would, in far fewer rounds (the
    margin is smooth between kinks). The bracket invariant is bisection's, so the result is
    within ``tol`` of the same threshold.
    """
    lo, hi, g_lo, g_hi = lo.copy(), hi.copy(), g_lo.copy(), g_hi.copy()
    side = np.zeros(lo.size, dtype=np.int8)  # which end moved last: -1 lo, +1 hi
    bisect = np.zeros(lo.size, dtype=bool)
    for _ in range(200):
        active = np.flatnonzero(hi - lo > tol)
        if active.size == 0:
            break
        a, b, ga, gb = lo[active], hi[active], g_lo[active], g_hi[active]
        x = illinois_point(a, b, ga, gb, bisect[active], 0.25 * tol[active])
        gx = margin(x[None, :], idx[active])[0]
        up = gx > 0  # beaten at x: x is the new upper end
        new_lo, new_hi, new_glo, new_ghi, moved = illinois_move(
            a, b, ga, gb, x, gx, ~up, side[active]
        )
        lo[active], hi[active] = new_lo, new_hi
        g_lo[active], g_hi[active] = new_glo, new_ghi
        side[active] = moved
        bisect[active] = (new_hi - new_lo) > 0.5 * (b - a)
    return hi


#: (terms(cols (K, m), js (K,)) -> (K, L), weight(w) -> (n,), finish(S (..., L)) -> (..., m)).
_Separable = tuple[
    Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]],
    Callable[[NDArray[np.float64]], NDArray[np.float64]],
    Callable[[NDArray[np.float64]], NDArray[np.float64]],
]


def _separable(
    spec: MethodSpec, X: NDArray[np.float64], types: NDArray[np.float64], kw: Mapping[str, Any]
) -> _Separable | None:
    r"""TOPSIS and WPM as ``finish(sum_j weight(w)_j terms_j(x_.j))``, or None.

    Every normalisation works column by column, so a column's terms depend on that column
    only: TOPSIS's squared gaps to the ideal and anti-ideal (:math:`D^{\pm 2}_i = \sum_j
    w_j^2 (r_{ij} - r_j^\pm)^2`, then :math:`C_i = D^-_i / (D^+_i + D^-_i)`); WPM's log
    factors (:math:`\log V_i = \sum_j w_j \log r_{ij}`; only where no factor can be 0:
    ``"sum"`` or ``"none"`` on positive values, as the ratio-scale search keeps them). The
    same kernels as the methods (an all-zero column taken as constant, as
    :meth:`~samvalg.methods._spec.MethodSpec.utility` does), so the values equal theirs to
    rounding. None for other
    methods, options, all-zero columns (the methods treat them as constant) or other
    normalisations.
    """
    from samvalg.methods._normalization import _normalize
    from samvalg.methods._spec import zero_columns_as_constant

    if (X == 0).all(axis=0).any() or set(kw) - {"normalization"}:
        return None

    def by_type(
        f: Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]], width: int
    ) -> Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]]:
        def terms(cols: NDArray[np.float64], js: NDArray[np.int64]) -> NDArray[np.float64]:
            out = np.empty((cols.shape[0], width * cols.shape[1]))
            t_of = types[js]
            for t in np.unique(t_of):
                sel = np.flatnonzero(t_of == t)
                out[sel] = f(cols[sel][:, :, None], np.array([t]))[..., 0]
            return out

        return terms

    if spec.name == "topsis":
        from samvalg.methods._topsis import _squared_gaps

        kind = kw.get("normalization") or "vector"

        def finish(S: NDArray[np.float64]) -> NDArray[np.float64]:
            d = np.sqrt(np.maximum(S, 0.0))
            half = d.shape[-1] // 2
            total = d[..., :half] + d[..., half:]
            return cast(
                NDArray[np.float64],
                np.divide(d[..., half:], total, out=np.full_like(total, 0.5), where=total > 0),
            )

        return (
            # an all-zero perturbed column is the constant column it is, as in MethodSpec.utility
            by_type(
                lambda c, t: _squared_gaps(_normalize(zero_columns_as_constant(c, kind), t, kind)),
                2,
            ),
            lambda w: w * w,
            finish,
        )
    if spec.name == "wpm":
        from samvalg.methods._wpm import _wpm_log_values

        kind = kw.get("normalization") or "sum"
        if kind not in ("sum", "none") or not (X > 0).all():
            return None
        return (by_type(lambda c, t: _wpm_log_values(c, t, kind)[0], 1), lambda w: w, np.exp)
    return None


def _column_terms(
    spec: MethodSpec,
    types: NDArray[np.float64],
    n: int,
    method_kwargs: Mapping[str, Any],
) -> Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]]:
    """``f(cols (K, m), j (K,)) -> (K, m)``: each column's own term of an additive method.

    The method run on one column with weight 1 (its type and its own per-criterion settings,
    e.g. PROMETHEE's preference function and thresholds), batched over the columns that share
    those settings.
    """
    keys = []
    for j in range(n):
        kw = {}
        for name, value in method_kwargs.items():
            if not isinstance(value, str) and np.ndim(value) == 1 and len(value) == n:
                kw[name] = value[j] if isinstance(value, Sequence) else np.asarray(value)[j]
            else:
                kw[name] = value
        keys.append((float(types[j]), tuple(sorted((k, repr(v)) for k, v in kw.items())), kw))
    groups: dict[tuple[Any, ...], list[int]] = {}
    for j, (t, key, _kw) in enumerate(keys):
        groups.setdefault((t, key), []).append(j)
    group_of = np.empty(n, dtype=int)
    members = list(groups.values())
    for g, js in enumerate(members):
        group_of[js] = g
    one = np.ones(1)

    def terms(cols: NDArray[np.float64], js: NDArray[np.int64]) -> NDArray[np.float64]:
        out = np.empty(cols.shape)
        g_of = group_of[js]
        for g, js_g in enumerate(members):
            sel = np.flatnonzero(g_of == g)
            if sel.size == 0:
                continue
            t, _key, kw = keys[js_g[0]]
            out[sel] = spec.utility(cols[sel][:, :, None], one, np.array([t]), **kw)
        return out

    return terms
