"""Score sensitivity: how far one score must move to change the top option."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.sensitivity._results import ScoreSensitivity
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
        for direction, out in ((+1, inc), (-1, dec)):
            reach = np.broadcast_to(span * width, (m, n)).copy()
            if spec.ratio_scale and direction < 0:
                reach = np.minimum(reach, Xa * (1 - 1e-9))
            out[...] = _first_change(
                Xa,
                wa,
                t,
                utility,
                cand,
                top,
                direction,
                reach,
                grid,
                1e-10 * width,
                1e-12 * max(float(np.abs(U0).max()), 1e-300),
                columns,
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
    direction: int,
    reach: NDArray[np.float64],
    grid: int,
    tol: NDArray[np.float64],
    atol: float,
    columns: Callable[..., NDArray[np.float64]] | None = None,
) -> NDArray[np.float64]:
    """Smallest step (per cell) along ``direction`` after which ``top`` is beaten (NaN: none).

    With ``columns`` (additive methods: :math:`V = \\sum_j w_j c_j(x_{\\cdot j})`, where a
    column's term depends on that column only) a perturbed matrix is evaluated as the
    current terms with one column's term replaced, from one batched call on the perturbed
    columns alone (n times less work than whole matrices).
    """
    m, n = X.shape
    cells = np.arange(m * n)
    ci, cj = np.divmod(cells, n)
    if columns is not None:
        C0 = columns(np.ascontiguousarray(X.T), np.arange(n))  # (n, m): each column's term
        V0 = w @ C0

    def beaten(steps: NDArray[np.float64], idx: NDArray[np.int64]) -> NDArray[np.bool_]:
        # steps (k, len(idx)) -> bool (k, len(idx))
        k = steps.shape[0]
        if columns is not None:
            cols = np.broadcast_to(X.T[cj[idx]], (k, idx.size, m)).copy()
            cols[:, np.arange(idx.size), ci[idx]] += direction * steps
            Cn = columns(cols.reshape(-1, m), np.tile(cj[idx], k)).reshape(k, idx.size, m)
            U = V0 + w[cj[idx]][None, :, None] * (Cn - C0[cj[idx]][None, :, :])
        else:
            stack = np.broadcast_to(X, (k, idx.size, m, n)).copy()
            stack[:, np.arange(idx.size), ci[idx], cj[idx]] += direction * steps
            U = utility(stack.reshape(-1, m, n), w, types).reshape(k, idx.size, m)
        best_other = np.max(
            np.where(np.isin(np.arange(m), cand) & (np.arange(m) != top), U, -np.inf), axis=-1
        )
        return cast(NDArray[np.bool_], best_other > U[..., top] + atol)

    fr = np.linspace(0.0, 1.0, grid + 1)[1:]
    steps = fr[:, None] * reach.ravel()[None, :]
    B = beaten(steps, cells)
    hit = B.any(axis=0)
    first = np.argmax(B, axis=0)
    out = np.full(m * n, np.nan)
    idx = cells[hit]
    if idx.size == 0:
        return out.reshape(m, n)
    r = reach.ravel()[idx]
    hi_s = fr[first[hit]] * r
    lo_s = np.where(first[hit] > 0, fr[np.maximum(first[hit] - 1, 0)] * r, 0.0)
    tol_flat = np.broadcast_to(tol, (m, n)).ravel()[idx]
    for _ in range(60):
        if (hi_s - lo_s <= tol_flat).all():
            break
        mid = 0.5 * (lo_s + hi_s)
        b = beaten(mid[None, :], idx)[0]
        hi_s = np.where(b, mid, hi_s)
        lo_s = np.where(b, lo_s, mid)
    out[idx] = hi_s
    return out.reshape(m, n)


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
