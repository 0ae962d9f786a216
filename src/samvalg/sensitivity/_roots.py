"""Where two options' utilities cross along a weight segment: exact roots for the methods linear
in the weights, sign brackets and bisection for the others."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    pass


__all__: list[str] = []

_ATOL = 1e-12


def _pair_roots_linear(
    a: NDArray[np.float64], e: NDArray[np.float64], cand: NDArray[np.int64]
) -> list[tuple[float, int, int]]:
    """Roots in (0, 1) of the lines through ``a`` (at t = 0) and ``e`` (at t = 1), pairwise.

    For candidate pairs (i, j) the root of :math:`(a_i + b_i t) - (a_j + b_j t)`,
    :math:`b = e - a`, as ``(t, i, j)``. A pair whose difference at either end is within
    ``1e-12`` of the values' scale is tied there: its lines meet at that end, never inside, so
    rounding in the last bits (which differs between CPUs: the order of a sum) cannot put a
    crossover at t = 1 - 1e-16.
    """
    out = []
    b = e - a
    for x, i in enumerate(cand):
        for j in cand[x + 1 :]:
            db = b[i] - b[j]
            scale = max(1.0, abs(a[i]), abs(a[j]), abs(e[i]), abs(e[j]))
            if abs(db) <= _ATOL * max(1.0, abs(b[i]), abs(b[j])):
                continue
            if abs(a[i] - a[j]) <= _ATOL * scale or abs(e[i] - e[j]) <= _ATOL * scale:
                continue
            t = (a[j] - a[i]) / db
            if 0.0 < t < 1.0:
                out.append((float(t), int(i), int(j)))
    return out


def _pairs(cand: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Every candidate pair (i, j), i before j in ``cand``: two index arrays."""
    x, y = np.triu_indices(cand.size, k=1)
    return cand[x], cand[y]


def _sign_brackets(
    U: NDArray[np.float64], cand: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """Sign changes of ``U[..., i] - U[..., j]`` on the grid, for all segments and pairs at once.

    ``U`` is (m, S, G), alternatives-major: S segments, G grid points. Returns (segment,
    pair, k, exact_zero), ordered by segment, grid point and pair:
    a root in ``[grid[k], grid[k + 1]]`` (``exact_zero`` False), or at ``grid[k]`` itself, an
    interior grid point where the difference is zero and the signs on either side differ.
    """
    pi, pj = _pairs(cand)
    Ut = np.ascontiguousarray(U)  # pair-major differences below: contiguous runs along the grid
    # max |U| over the grid, per option (maxima: exact in any order or form)
    big = np.maximum(Ut.max(axis=2), -Ut.min(axis=2)).T  # (S, m)
    scale = np.maximum(1.0, np.maximum(big[:, pi], big[:, pj]))  # (S, P)
    thr = (1e-13 * scale).T[:, :, None]  # (P, S, 1)
    # the sign of each difference with |D| <= thr as 0, as booleans: pos (+1), neg (-1),
    # flat (0, not NaN), pair by pair through one (S, G) buffer
    pos = np.empty((pi.size, *Ut.shape[1:]), dtype=bool)
    neg = np.empty_like(pos)
    flat = np.empty_like(pos)
    d = np.empty(Ut.shape[1:])
    for p, (i, j) in enumerate(zip(pi, pj, strict=True)):
        np.subtract(Ut[i], Ut[j], out=d)
        np.greater(d, thr[p], out=pos[p])
        np.less(d, -thr[p], out=neg[p])
        np.equal(d, d, out=flat[p])
    flat &= ~(pos | neg)
    cross = (pos[..., :-1] & neg[..., 1:]) | (neg[..., :-1] & pos[..., 1:])  # (P, S, G-1)
    zero = np.zeros_like(cross)
    zero[..., 1:] = flat[..., 1:-1] & (
        (pos[..., :-2] & neg[..., 2:]) | (neg[..., :-2] & pos[..., 2:])
    )
    pair, seg, k = np.unravel_index(np.flatnonzero(cross | zero), cross.shape)
    order = np.lexsort((pair, k, seg))  # by segment, grid point, pair
    seg, pair, k = seg[order], pair[order], k[order]
    return seg, pair, k, zero[pair, seg, k]


def _bisect_roots(
    diff: Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]],
    lo: NDArray[np.float64],
    hi: NDArray[np.float64],
    sign_lo: NDArray[np.float64],
    xtol: float = 1e-13,
) -> NDArray[np.float64]:
    """Roots of many continuous functions, each bracketed by a sign change, by bisection.

    ``diff(t, rows)`` evaluates the functions ``rows`` at the points ``t`` in one batched call;
    ``sign_lo`` is each function's sign at ``lo``. Stops when every bracket is narrower than
    ``xtol`` (the midpoint is then within ``xtol / 2`` of a root), or at an exact zero.
    """
    lo = lo.copy()
    hi = hi.copy()
    active = np.flatnonzero(hi - lo > xtol)
    while active.size:
        mid = 0.5 * (lo[active] + hi[active])
        f = diff(mid, active)
        same = np.sign(f) == sign_lo[active]
        root = f == 0
        lo[active] = np.where(same, mid, lo[active])
        hi[active] = np.where(same | root, hi[active], mid)
        lo[active[root]] = mid[root]
        hi[active[root]] = mid[root]
        active = active[hi[active] - lo[active] > xtol]
    return 0.5 * (lo + hi)


def _illinois_roots(
    diff: Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]],
    lo: NDArray[np.float64],
    hi: NDArray[np.float64],
    f_lo: NDArray[np.float64],
    f_hi: NDArray[np.float64],
    xtol: float = 1e-13,
) -> NDArray[np.float64]:
    """Roots of many continuous functions, each bracketed by a sign change, by regula falsi.

    As :func:`_bisect_roots` (same brackets, same stopping rule: every bracket narrower than
    ``xtol``, or an exact zero; the midpoint is returned), with the Illinois modification of
    regula falsi (Dowell & Jarratt 1971, *BIT* 11, 168-174: the value kept at an end that
    stays twice is halved) and a bisection step whenever a round has not halved a bracket,
    so it never needs more than about twice bisection's rounds and, for the smooth
    utility differences of a weight segment, needs a handful instead of ~33. ``f_lo`` and
    ``f_hi`` are the functions' values at ``lo`` and ``hi``.
    """
    lo, hi, f_lo, f_hi = lo.copy(), hi.copy(), f_lo.copy(), f_hi.copy()
    side = np.zeros(lo.size, dtype=np.int8)  # the end that moved last: -1 lo, +1 hi
    bisect = np.zeros(lo.size, dtype=bool)
    active = np.flatnonzero(hi - lo > xtol)
    while active.size:
        a, b, fa, fb = lo[active], hi[active], f_lo[active], f_hi[active]
        x = illinois_point(a, b, fa, fb, bisect[active], 0.25 * xtol)
        fx = diff(x, active)
        same_as_lo = np.sign(fx) == np.sign(fa)  # the root is in [x, b]
        new_lo, new_hi, new_flo, new_fhi, moved = illinois_move(
            a, b, fa, fb, x, fx, same_as_lo, side[active]
        )
        root = fx == 0
        new_lo = np.where(root, x, new_lo)
        new_hi = np.where(root, x, new_hi)
        bisect[active] = (new_hi - new_lo) > 0.5 * (b - a)
        lo[active], hi[active] = new_lo, new_hi
        f_lo[active], f_hi[active] = new_flo, new_fhi
        side[active] = moved
        active = active[hi[active] - lo[active] > xtol]
    return 0.5 * (lo + hi)


def illinois_point(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    fa: NDArray[np.float64],
    fb: NDArray[np.float64],
    bisect: NDArray[np.bool_],
    quarter: float | NDArray[np.float64],
) -> NDArray[np.float64]:
    """The next point of the Illinois regula falsi in each bracket ``[a, b]``: the secant's
    zero ``b - f_b (b - a) / (f_b - f_a)``, kept ``quarter`` inside the bracket, or the
    midpoint where ``bisect`` asks for it or the secant fails (Dowell & Jarratt 1971, *BIT*
    11, 168-174)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = b - fb * (b - a) / (fb - fa)
    mid = bisect | ~np.isfinite(x) | (x <= a) | (x >= b)
    return np.where(mid, 0.5 * (a + b), np.clip(x, a + quarter, b - quarter))


def illinois_move(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    fa: NDArray[np.float64],
    fb: NDArray[np.float64],
    x: NDArray[np.float64],
    fx: NDArray[np.float64],
    to_lo: NDArray[np.bool_],
    side: NDArray[np.int8],
) -> tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.int8],
]:
    """One Illinois update: ``x`` (value ``fx``) replaces the lower end where ``to_lo``, else
    the upper; an end that stays for a second round has its kept value halved. Returns the
    new ends, their values and which end moved (-1 lower, +1 upper; ``side`` is the last
    round's)."""
    new_lo = np.where(to_lo, x, a)
    new_hi = np.where(to_lo, b, x)
    new_flo = np.where(to_lo, fx, fa)
    new_fhi = np.where(to_lo, fb, fx)
    moved = np.where(to_lo, -1, 1).astype(np.int8)
    again = moved == side  # the same end moved twice: halve the other's value
    new_fhi = np.where(again & to_lo, 0.5 * new_fhi, new_fhi)
    new_flo = np.where(again & ~to_lo, 0.5 * new_flo, new_flo)
    return new_lo, new_hi, new_flo, new_fhi, moved


def _segment_roots(
    Xa: NDArray[np.float64],
    W0: NDArray[np.float64],
    W1: NDArray[np.float64],
    t_types: NDArray[np.float64],
    utility: Callable[..., NDArray[np.float64]],
    cand: NDArray[np.int64],
    grid_points: int,
) -> list[list[tuple[float, int, int]]]:
    """Crossovers (t, i, j) of every segment ``W0[s] -> W1[s]`` of a non-linear method.

    One batched call evaluates every segment on the bracketing grid (a prepared kernel's
    ``alternatives_major(W)`` in its own (m, K) layout where it has one), sign changes of every
    candidate pair are found at once, and every bracket is refined to 1e-13 by batched
    regula falsi (:func:`_illinois_roots`: one batched call per round for all brackets of all
    segments).
    """
    S, n = W0.shape
    fine = np.linspace(0.0, 1.0, int(grid_points))
    G = fine.size
    # the grid's weights criteria-major (n, S, G): w0 (1 - t) + w1 t, the same products and
    # sum as (1 - t) w0 + t w1, built in place
    Wt = np.ascontiguousarray(W0.T)[:, :, None] * (1.0 - fine)  # C order: reshaped as a view
    term = np.empty((S, G))
    for j in range(n):  # one (S, G) temporary, not another (n, S, G) array
        np.multiply(W1[:, j, None], fine, out=term)
        Wt[j] += term
    W = Wt.reshape(n, S * G).T  # (S G, n), a view
    major = getattr(utility, "alternatives_major", None)
    if major is not None:  # a prepared kernel: (m, K) straight away, no transposed copies
        U = major(W).reshape(-1, S, G)
    else:
        U = np.moveaxis(utility(Xa, np.ascontiguousarray(W), t_types).reshape(S, G, -1), 2, 0)
        U = np.ascontiguousarray(U)
    seg, pair, k, at_zero = _sign_brackets(U, cand)
    pi, pj = _pairs(cand)
    ri, rj = pi[pair], pj[pair]
    t = fine[k].astype(float)
    todo = np.flatnonzero(~at_zero)
    if todo.size:
        sseg, si, sj = seg[todo], ri[todo], rj[todo]
        d_lo = U[si, sseg, k[todo]] - U[sj, sseg, k[todo]]
        d_hi = U[si, sseg, k[todo] + 1] - U[sj, sseg, k[todo] + 1]

        def diff(x: NDArray[np.float64], rows: NDArray[np.int64]) -> NDArray[np.float64]:
            w = (1.0 - x)[:, None] * W0[sseg[rows]] + x[:, None] * W1[sseg[rows]]
            u = utility(Xa, w, t_types)
            r = np.arange(rows.size)
            return u[r, si[rows]] - u[r, sj[rows]]

        t[todo] = _illinois_roots(diff, fine[k[todo]], fine[k[todo] + 1], d_lo, d_hi)
    out: list[list[tuple[float, int, int]]] = [[] for _ in range(S)]
    for x in range(seg.size):
        out[int(seg[x])].append((float(t[x]), int(ri[x]), int(rj[x])))
    return out
