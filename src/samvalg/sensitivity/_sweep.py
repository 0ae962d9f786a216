"""One-at-a-time weight sweeps with exact crossovers (sweep_segment, weight_sweep)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.sensitivity._results import Crossover, Threshold, WeightSweep
from samvalg.sensitivity._validation import _candidate_idx, _fail, _labels

__all__ = ["sweep_segment", "weight_sweep"]


_LINEAR = ("wsm", "promethee_ii")
_ATOL = 1e-12

def _utility_fn(method: str, normalization: str | None,
                method_kwargs: Mapping[str, Any]) -> tuple[Any, Callable[..., Any]]:
    from samvalg.methods import get_method

    spec = get_method(method)
    kw = dict(method_kwargs)
    if spec.name == "promethee_ii":
        if normalization not in (None, "none"):
            raise _fail("normalization", f"PROMETHEE II does not normalise, got "
                        f"{normalization!r}", "None")
    else:
        kw["normalization"] = normalization

    def utility(X: Any, W: Any, types: Any) -> NDArray[np.float64]:
        return np.asarray(spec.utility(X, W, types, **kw), dtype=float)

    return spec, utility

def _pair_roots_linear(a: NDArray[np.float64], b: NDArray[np.float64], cand: NDArray[np.int64]
                       ) -> list[tuple[float, int, int]]:
    """Roots in (0, 1) of (a_i + b_i t) - (a_j + b_j t) for candidate pairs: (t, i, j)."""
    out = []
    for x, i in enumerate(cand):
        for j in cand[x + 1:]:
            db = b[i] - b[j]
            if abs(db) <= _ATOL * max(1.0, abs(b[i]), abs(b[j])):
                continue
            t = (a[j] - a[i]) / db
            if 0.0 < t < 1.0:
                out.append((float(t), int(i), int(j)))
    return out


def _pair_roots_numeric(
    grid: NDArray[np.float64], U: NDArray[np.float64], cand: NDArray[np.int64],
    diff: Callable[[float, int, int], float],
) -> list[tuple[float, int, int]]:
    from scipy.optimize import brentq

    out = []
    for x, i in enumerate(cand):
        for j in cand[x + 1:]:
            d = U[:, i] - U[:, j]
            scale = max(1.0, float(np.abs(U[:, [i, j]]).max()))
            s = np.where(np.abs(d) <= 1e-13 * scale, 0, np.sign(d))
            k = 0
            while k < len(grid) - 1:
                if s[k] * s[k + 1] < 0:
                    t = brentq(diff, grid[k], grid[k + 1], args=(int(i), int(j)), xtol=1e-13,
                               rtol=4 * np.finfo(float).eps)
                    out.append((float(t), int(i), int(j)))
                elif s[k + 1] == 0 and 0 < k + 1 < len(grid) - 1:
                    # an exact zero on the grid: a crossover if the signs around it differ
                    nxt = k + 2
                    while nxt < len(grid) and s[nxt] == 0:
                        nxt += 1
                    if nxt < len(grid) and s[k] * s[nxt] < 0 and nxt == k + 2:
                        out.append((float(grid[k + 1]), int(i), int(j)))
                    k = nxt - 1
                    continue
                k += 1
    return out


def sweep_segment(
    X: ArrayLike,
    w_start: ArrayLike,
    w_end: ArrayLike,
    types: ArrayLike,
    current: float,
    *,
    method: str = "wsm",
    normalization: str | None = None,
    n_points: int = 101,
    grid_points: int = 1001,
    candidates: ArrayLike | None = None,
    alternatives: Sequence[str] | None = None,
    parameter: str = "t",
    kind: str = "criterion",
    **method_kwargs: Any,
) -> WeightSweep:
    r"""Options' values along :math:`w(t) = (1 - t) w^{(0)} + t w^{(1)}`, with exact crossovers.

    The general form behind :func:`weight_sweep` (criteria) and the set-weight sweeps of
    :func:`sensitivity_service`; see the module docstring for the method.

    Parameters
    ----------
    X : array_like (m, n)
        The method's input matrix.
    w_start, w_end : array_like (n,)
        The weights at ``t = 0`` and ``t = 1``.
    types : array_like (n,)
    current : float
        The position of the current weights on the segment.
    method, normalization, **method_kwargs
        As in :mod:`samvalg.methods`.
    n_points : int
        Points of the reported grid ``t``.
    grid_points : int
        Bracketing grid for methods without a closed form.
    candidates : array_like of bool (m,), optional
        Options whose order counts (default all).
    alternatives : sequence of str, optional
        Option labels.
    parameter, kind : str
        Labels of the swept weight.

    Returns
    -------
    WeightSweep

    Examples
    --------
    >>> X = [[1.0, 0.0], [0.0, 1.0]]
    >>> s = sweep_segment(X, [0, 1], [1, 0], [1, 1], 0.7, normalization="none")
    >>> [round(c.t, 12) for c in s.crossovers], s.top, round(s.decrease.weight, 12)
    ([0.5], 'a1', 0.5)
    """
    spec, utility = _utility_fn(method, normalization, method_kwargs)
    Xa = np.asarray(X, dtype=float)
    t_types = np.asarray(types, dtype=float)
    w0 = np.asarray(w_start, dtype=float)
    w1 = np.asarray(w_end, dtype=float)
    if Xa.ndim != 2:
        raise _fail("X", f"must be one matrix (m, n), got shape {Xa.shape}")
    m = Xa.shape[0]
    if not (0.0 <= current <= 1.0):
        raise _fail("current", f"must be in [0, 1], got {current!r}")
    if isinstance(n_points, bool) or n_points < 2 or grid_points < 3:
        raise _fail("n_points", f"needs n_points >= 2 and grid_points >= 3, got {n_points}, "
                    f"{grid_points}")
    cand = _candidate_idx(candidates, m)
    names = _labels(alternatives, m, "alternatives", "a")

    def weights(t: NDArray[np.float64]) -> NDArray[np.float64]:
        return (1.0 - t)[:, None] * w0 + t[:, None] * w1

    t_grid = np.linspace(0.0, 1.0, int(n_points))
    U_grid = utility(Xa, weights(t_grid), t_types)
    ends = utility(Xa, np.stack([w0, w1]), t_types)
    exact = False
    if spec.name in _LINEAR:
        roots = _pair_roots_linear(ends[0], ends[1] - ends[0], cand)
        exact = True
    elif spec.name == "wpm" and (ends > 0).all():
        logs = np.log(ends)
        roots = _pair_roots_linear(logs[0], logs[1] - logs[0], cand)
        exact = True
    else:
        fine = np.linspace(0.0, 1.0, int(grid_points))
        U_fine = utility(Xa, weights(fine), t_types)

        def diff(t: float, i: int, j: int) -> float:
            u = utility(Xa, (1.0 - t) * w0 + t * w1, t_types)
            return float(u[i] - u[j])

        roots = _pair_roots_numeric(fine, U_fine, cand, diff)

    def order_at(t: float) -> NDArray[np.float64]:
        return utility(Xa, (1.0 - t) * w0 + t * w1, t_types)

    crossings = []
    for t, i, j in sorted(roots):
        eps = 1e-9
        u_left = order_at(max(t - eps, 0.0))
        before, after = (i, j) if u_left[i] > u_left[j] else (j, i)
        crossings.append(Crossover(t=t, ahead_before=names[before], ahead_after=names[after]))

    u_now = order_at(float(current))
    top = int(cand[int(np.argmax(u_now[cand]))])

    def threshold(direction: int) -> Threshold | None:
        best: float | None = None
        for t, i, j in roots:
            if top not in (i, j):
                continue
            if direction > 0 and t > current + 1e-12 and (best is None or t < best):
                best = t
            if direction < 0 and t < current - 1e-12 and (best is None or t > best):
                best = t
        if best is None:
            return None
        beyond = min(max(best + direction * 1e-9, 0.0), 1.0)
        u = order_at(beyond)
        new = int(cand[int(np.argmax(u[cand]))])
        absolute = best - float(current)
        return Threshold(weight=best, absolute=absolute,
                         relative=absolute / current if current > 0 else None,
                         new_top=names[new])

    values = U_grid if spec.higher_is_better else -U_grid
    return WeightSweep(
        parameter=parameter, kind=kind, current=float(current), t=t_grid, values=values,
        higher_is_better=spec.higher_is_better, alternatives=names,
        candidates=tuple(names[i] for i in cand), crossovers=tuple(crossings),
        top=names[top], increase=threshold(+1), decrease=threshold(-1), exact=exact,
        grid_points=0 if exact else int(grid_points), method=spec.name,
        w_start=w0, w_end=w1,
    )


def weight_sweep(
    X: ArrayLike,
    w: ArrayLike,
    types: ArrayLike,
    criterion: int,
    *,
    method: str = "wsm",
    normalization: str | None = None,
    n_points: int = 101,
    candidates: ArrayLike | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    **method_kwargs: Any,
) -> WeightSweep:
    r"""Sweep one criterion's weight from 0 to 1, the others rescaled in proportion.

    :math:`w_j(t) = t` for the swept criterion :math:`i` and
    :math:`w_k(t) = (1 - t)\, w_k / (1 - w_i)` for the others (equal shares if they are all
    0); the current weights are at :math:`t = w_i` (``w`` normalised to sum 1).

    Parameters
    ----------
    X : array_like (m, n)
    w : array_like (n,)
        Current weights (normalised here).
    types : array_like (n,)
    criterion : int
        Index of the swept criterion.
    method, normalization, n_points, candidates, alternatives, **method_kwargs
        See :func:`sweep_segment`.
    criteria : sequence of str, optional
        Criterion labels.

    Returns
    -------
    WeightSweep

    Examples
    --------
    >>> X = [[0.8, 0.2], [0.3, 0.6]]
    >>> s = weight_sweep(X, [0.5, 0.5], [1, 1], 0, normalization="none")
    >>> round(s.crossovers[0].t, 12)        # 0.9 t - 0.4 = 0
    0.444444444444
    """
    wa = np.asarray(w, dtype=float)
    if wa.ndim != 1 or wa.size < 2 or (wa < 0).any() or wa.sum() <= 0:
        raise _fail("w", f"must be non-negative weights (n >= 2) with a positive sum, got "
                    f"{wa.tolist()!r}")
    n = wa.size
    if isinstance(criterion, bool) or not isinstance(criterion, int | np.integer) or not (
        0 <= criterion < n
    ):
        raise _fail("criterion", f"must be an index in 0..{n - 1}, got {criterion!r}")
    wa = wa / wa.sum()
    crit = _labels(criteria, n, "criteria", "c")
    w_end = np.zeros(n)
    w_end[criterion] = 1.0
    others = wa.copy()
    others[criterion] = 0.0
    if others.sum() > 0:
        w_start = others / others.sum()
    else:
        w_start = np.full(n, 1.0 / (n - 1))
        w_start[criterion] = 0.0
    return sweep_segment(
        X, w_start, w_end, types, float(wa[criterion]), method=method,
        normalization=normalization, n_points=n_points, candidates=candidates,
        alternatives=alternatives, parameter=crit[criterion], kind="criterion",
        **method_kwargs,
    )
