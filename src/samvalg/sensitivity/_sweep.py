"""One-at-a-time weight sweeps with exact crossovers (sweep_segment, weight_sweep)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.sensitivity._results import Crossover, Threshold, WeightSweep
from samvalg.sensitivity._roots import _pair_roots_linear, _segment_roots
from samvalg.sensitivity._validation import _candidate_idx, _labels

if TYPE_CHECKING:
    from samvalg.methods._spec import MethodSpec

__all__ = ["sweep_segment", "weight_sweep"]


class _Utility:
    """``utility(X, W, types)``: the method's utilities (higher is better), (m,) or (K, m)."""

    def __init__(self, spec: MethodSpec, kw: dict[str, Any]) -> None:
        self.spec = spec
        self.kw = kw

    def __call__(self, X: Any, W: Any, types: Any) -> NDArray[np.float64]:
        return np.asarray(self.spec.utility(X, W, types, **self.kw), dtype=float)

    def fixed(
        self, X: NDArray[np.float64], types: NDArray[np.float64]
    ) -> Callable[..., NDArray[np.float64]]:
        """The same function for the one matrix ``X`` and weights (K, n): the method's prepared
        form where it has one (TOPSIS, VIKOR, WSM, PROMETHEE II: the weight-independent part
        once, the same values bit for bit, as in SMAA-2), validated once by a public call
        first."""
        from samvalg.methods._prepared import prepare_utility
        from samvalg.methods._spec import zero_columns_as_constant

        if self.spec.prepare is None:
            return self
        self(X, np.full(X.shape[-1], 1.0 / X.shape[-1]), types)  # raises on bad arguments
        norm = self.kw.get("normalization") or self.spec.default_normalization
        X_prep = np.asarray(zero_columns_as_constant(X, norm), dtype=float)
        fast = prepare_utility(self.spec.name, X_prep, types, **self.kw)
        if fast is None:  # pragma: no cover - prepare given but declined
            return self
        return _Fixed(fast)


class _Fixed:
    """A prepared kernel as ``utility(X, W, types)`` (K, m) or (m,) for its one matrix, and in
    its own alternatives-major layout (m, K) as :meth:`alternatives_major`."""

    def __init__(self, fast: Callable[[NDArray[np.float64]], NDArray[np.float64]]) -> None:
        self.alternatives_major = fast

    def __call__(self, _X: Any, W: Any, _types: Any) -> NDArray[np.float64]:
        W2 = np.asarray(W, dtype=float)
        if W2.ndim == 1:
            return np.asarray(self.alternatives_major(W2[None, :])[:, 0])
        return np.ascontiguousarray(self.alternatives_major(W2).T)


def _utility_fn(
    method: str, normalization: str | None, method_kwargs: Mapping[str, Any]
) -> tuple[Any, _Utility]:
    from samvalg.methods import get_method

    spec = get_method(method)
    kw = dict(method_kwargs)
    if not spec.accepts_normalization:
        if normalization not in (None, "none"):
            raise argument_error(
                "normalization", f"PROMETHEE II does not normalise, got {normalization!r}", "None"
            )
    else:
        kw["normalization"] = normalization
    return spec, _Utility(spec, kw)


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
        raise argument_error("X", f"must be one matrix (m, n), got shape {Xa.shape}")
    m = Xa.shape[0]
    if not (0.0 <= current <= 1.0):
        raise argument_error("current", f"must be in [0, 1], got {current!r}")
    if isinstance(n_points, bool) or n_points < 2 or grid_points < 3:
        raise argument_error(
            "n_points", f"needs n_points >= 2 and grid_points >= 3, got {n_points}, {grid_points}"
        )
    cand = _candidate_idx(candidates, m)
    names = _labels(alternatives, m, "alternatives", "a")
    return _sweeps(
        Xa,
        [(w0, w1, float(current), parameter, kind)],
        t_types,
        spec,
        utility,
        int(n_points),
        int(grid_points),
        cand,
        names,
    )[0]


Segment = tuple[NDArray[np.float64], NDArray[np.float64], float, str, str]


def _sweeps(
    Xa: NDArray[np.float64],
    segments: Sequence[Segment],
    t_types: NDArray[np.float64],
    spec: MethodSpec,
    utility: Callable[..., NDArray[np.float64]],
    n_points: int,
    grid_points: int,
    cand: NDArray[np.int64],
    names: tuple[str, ...],
) -> list[WeightSweep]:
    """:func:`sweep_segment` for many segments ``(w_start, w_end, current, parameter, kind)``.

    Linear methods (and WPM on positive values) find their crossovers in closed form, one
    segment at a time as before; the others evaluate every segment's bracketing grid in one
    batched kernel call and refine all brackets together (:func:`_segment_roots`). The orders
    just left of each crossover, at the current weights and just beyond each threshold are
    read from one batched call per phase.
    """
    t_grid = np.linspace(0.0, 1.0, n_points)
    S = len(segments)
    if isinstance(utility, _Utility) and not (spec.additive or spec.log_linear):
        utility = utility.fixed(Xa, t_types)  # every call below is on Xa
    W0 = np.stack([np.asarray(seg[0], dtype=float) for seg in segments])
    W1 = np.stack([np.asarray(seg[1], dtype=float) for seg in segments])
    linear = spec.additive  # WSM, PROMETHEE II: linear in the weights
    grids: list[NDArray[np.float64]] = []
    roots: list[list[tuple[float, int, int]]] = []
    exact: list[bool] = []
    if linear or spec.log_linear:
        for w0, w1 in zip(W0, W1, strict=True):
            grids.append(utility(Xa, (1.0 - t_grid)[:, None] * w0 + t_grid[:, None] * w1, t_types))
            ends = utility(Xa, np.stack([w0, w1]), t_types)
            if linear:
                roots.append(_pair_roots_linear(ends[0], ends[1], cand))
                exact.append(True)
            elif (ends > 0).all():
                logs = np.log(ends)
                roots.append(_pair_roots_linear(logs[0], logs[1], cand))
                exact.append(True)
            else:
                roots.append([])
                exact.append(False)
        numeric = [x for x in range(S) if not exact[x]]
        if numeric:
            found = _segment_roots(
                Xa, W0[numeric], W1[numeric], t_types, utility, cand, grid_points
            )
            for x, r in zip(numeric, found, strict=True):
                roots[x] = r
    else:
        Wg = (1.0 - t_grid)[None, :, None] * W0[:, None, :] + t_grid[None, :, None] * W1[:, None, :]
        U = utility(Xa, Wg.reshape(S * n_points, -1), t_types).reshape(S, n_points, -1)
        grids = list(U)
        roots = _segment_roots(Xa, W0, W1, t_types, utility, cand, grid_points)
        exact = [False] * S

    def orders_at(pos: list[tuple[int, float]]) -> NDArray[np.float64]:
        """Utilities (len(pos), m) at the points ``(segment, t)``, one batched call."""
        if not pos:
            return np.empty((0, Xa.shape[0]))
        seg = np.array([p[0] for p in pos])
        t = np.array([p[1] for p in pos], dtype=float)
        return utility(Xa, (1.0 - t)[:, None] * W0[seg] + t[:, None] * W1[seg], t_types)

    # phase 1: the order just left of each crossover, and the order at the current weights
    roots = [sorted(r) for r in roots]
    eps = 1e-9
    query = [(x, max(t - eps, 0.0)) for x in range(S) for t, _i, _j in roots[x]]
    query += [(x, float(segments[x][2])) for x in range(S)]
    U1 = orders_at(query)
    n_roots = sum(len(r) for r in roots)
    tops = [int(cand[int(np.argmax(U1[n_roots + x][cand]))]) for x in range(S)]

    # phase 2: the first crossover of the top option above and below the current weights
    def nearest(x: int, direction: int) -> float | None:
        current, top, best = segments[x][2], tops[x], None
        for t, i, j in roots[x]:
            if top not in (i, j):
                continue
            if direction > 0 and t > current + 1e-12 and (best is None or t < best):
                best = t
            if direction < 0 and t < current - 1e-12 and (best is None or t > best):
                best = t
        return best

    limits = [(x, d, nearest(x, d)) for x in range(S) for d in (+1, -1)]
    beyond = [(x, min(max(b + d * 1e-9, 0.0), 1.0)) for x, d, b in limits if b is not None]
    U2 = orders_at(beyond)
    thresholds: dict[tuple[int, int], Threshold] = {}
    row = 0
    for x, d, b in limits:
        if b is None:
            continue
        new = int(cand[int(np.argmax(U2[row][cand]))])
        row += 1
        current = segments[x][2]
        absolute = b - current
        thresholds[(x, d)] = Threshold(
            weight=b,
            absolute=absolute,
            relative=absolute / current if current > 0 else None,
            new_top=names[new],
        )

    out = []
    row = 0
    for x, (w0, w1, current, parameter, kind) in enumerate(segments):
        crossings = []
        for t, i, j in roots[x]:
            u_left = U1[row]
            row += 1
            before, after = (i, j) if u_left[i] > u_left[j] else (j, i)
            crossings.append(Crossover(t=t, ahead_before=names[before], ahead_after=names[after]))
        values = grids[x] if spec.higher_is_better else -grids[x]
        out.append(
            WeightSweep(
                parameter=parameter,
                kind=kind,
                current=float(current),
                t=t_grid,
                values=values,
                higher_is_better=spec.higher_is_better,
                alternatives=names,
                candidates=tuple(names[i] for i in cand),
                crossovers=tuple(crossings),
                top=names[tops[x]],
                increase=thresholds.get((x, +1)),
                decrease=thresholds.get((x, -1)),
                exact=exact[x],
                grid_points=0 if exact[x] else int(grid_points),
                method=spec.name,
                w_start=np.asarray(w0, dtype=float),
                w_end=np.asarray(w1, dtype=float),
            )
        )
    return out


def _criterion_segment(
    wa: NDArray[np.float64], criterion: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    """(w_start, w_end, current) of the sweep of ``criterion`` from normalised weights ``wa``."""
    n = wa.size
    w_end = np.zeros(n)
    w_end[criterion] = 1.0
    others = wa.copy()
    others[criterion] = 0.0
    if others.sum() > 0:
        w_start = others / others.sum()
    else:
        w_start = np.full(n, 1.0 / (n - 1))
        w_start[criterion] = 0.0
    return w_start, w_end, float(wa[criterion])


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
        raise argument_error(
            "w", f"must be non-negative weights (n >= 2) with a positive sum, got {wa.tolist()!r}"
        )
    n = wa.size
    if (
        isinstance(criterion, bool)
        or not isinstance(criterion, int | np.integer)
        or not (0 <= criterion < n)
    ):
        raise argument_error("criterion", f"must be an index in 0..{n - 1}, got {criterion!r}")
    wa = wa / wa.sum()
    crit = _labels(criteria, n, "criteria", "c")
    w_start, w_end, current = _criterion_segment(wa, int(criterion))
    return sweep_segment(
        X,
        w_start,
        w_end,
        types,
        current,
        method=method,
        normalization=normalization,
        n_points=n_points,
        candidates=candidates,
        alternatives=alternatives,
        parameter=crit[criterion],
        kind="criterion",
        **method_kwargs,
    )
