"""Score sensitivity: how far one score must move to change the top option."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.sensitivity._results import ScoreSensitivity
from samvalg.sensitivity._sweep import _utility_fn
from samvalg.sensitivity._validation import _candidate_idx, _fail, _labels

__all__ = ["score_sensitivity"]


def _top_of(U: NDArray[np.float64], cand: NDArray[np.int64]) -> NDArray[np.int64]:
    return cand[np.argmax(U[..., cand], axis=-1)]


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
        raise _fail("X/w", f"need X (m, n) and w (n,), got {Xa.shape} and {wa.shape}")
    m, n = Xa.shape
    lo = np.broadcast_to(np.asarray(lower, dtype=float), (n,)).copy()
    hi = np.broadcast_to(np.asarray(upper, dtype=float), (n,)).copy()
    if not (hi > lo).all():
        raise _fail("lower/upper", "need lower < upper for every criterion")
    cand = _candidate_idx(candidates, m)
    names = _labels(alternatives, m, "alternatives", "a")
    crit = _labels(criteria, n, "criteria", "c")
    U0 = utility(Xa, wa, t)
    top = int(_top_of(U0, cand))
    inc = np.full((m, n), np.nan)
    dec = np.full((m, n), np.nan)
    width = hi - lo
    exact = spec.name == "wsm" and normalization == "none"
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
        for direction, out in ((+1, inc), (-1, dec)):
            reach = np.broadcast_to(span * width, (m, n)).copy()
            if spec.name == "wpm" and direction < 0:
                reach = np.minimum(reach, Xa * (1 - 1e-9))
            out[...] = _first_change(Xa, wa, t, utility, cand, top, direction, reach, grid,
                                     1e-10 * width, 1e-12 * max(float(np.abs(U0).max()), 1e-300))
    leaves_inc = ~np.isnan(inc) & (Xa + np.nan_to_num(inc) > hi + 1e-12)
    leaves_dec = ~np.isnan(dec) & (Xa - np.nan_to_num(dec) < lo - 1e-12)
    return ScoreSensitivity(
        alternatives=names, criteria=crit, values=Xa, increase=inc, decrease=dec,
        leaves_scale_increase=leaves_inc, leaves_scale_decrease=leaves_dec, lower=lo,
        upper=hi, top=names[top], exact=exact, method=spec.name,
    )


def _first_change(
    X: NDArray[np.float64], w: NDArray[np.float64], types: NDArray[np.float64],
    utility: Callable[..., NDArray[np.float64]], cand: NDArray[np.int64], top: int,
    direction: int, reach: NDArray[np.float64], grid: int, tol: NDArray[np.float64],
    atol: float,
) -> NDArray[np.float64]:
    """Smallest step (per cell) along ``direction`` after which ``top`` is beaten (NaN: none)."""
    m, n = X.shape
    cells = np.arange(m * n)
    ci, cj = np.divmod(cells, n)

    def beaten(steps: NDArray[np.float64], idx: NDArray[np.int64]) -> NDArray[np.bool_]:
        # steps (k, len(idx)) -> bool (k, len(idx))
        k = steps.shape[0]
        stack = np.broadcast_to(X, (k, idx.size, m, n)).copy()
        stack[:, np.arange(idx.size), ci[idx], cj[idx]] += direction * steps
        U = utility(stack.reshape(-1, m, n), w, types).reshape(k, idx.size, m)
        best_other = np.max(np.where(np.isin(np.arange(m), cand) & (np.arange(m) != top),
                                     U, -np.inf), axis=-1)
        return best_other > U[..., top] + atol

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
