r"""One-at-a-time weight sensitivity with exact crossovers, and score sensitivity.

Weight sweeps
-------------
Sweeping weight :math:`i` (a criterion, or a criteria set's set weight) from 0 to 1 with the
others rescaled in proportion moves the weight vector along a segment,

.. math:: w(t) = (1 - t)\, w^{(0)} + t\, w^{(1)}, \qquad t \in [0, 1],

where :math:`w^{(1)}` puts all weight on the swept criterion (for a set: its local weights) and
:math:`w^{(0)}` is the current vector with the swept part removed and the rest renormalised;
the current weights sit at :math:`t = w_i` (for a set: its set weight). Because every kernel
here is used with weights as given, the value of option :math:`a` along the sweep is

- **linear in t** for WSM (:math:`\sum_j w_j r_{aj}`) and PROMETHEE II
  (:math:`\sum_j w_j \phi_j(a)`): a pair of options swaps at
  :math:`t^* = (V_b(0) - V_a(0)) / (\Delta_a - \Delta_b)` with
  :math:`\Delta = V(1) - V(0)`, exactly (closed form);
- **log-linear** for WPM (:math:`\ln V_a = \sum_j w_j \ln r_{aj}`), the same closed form on
  :math:`\ln V` when every value is positive;
- otherwise (TOPSIS, VIKOR) continuous but not linear: sign changes of
  :math:`V_a - V_b` are bracketed on a grid and each root is found by Brent's method
  (:func:`scipy.optimize.brentq`, to :math:`10^{-12}`); crossings closer together than the grid
  step (1/1000 by default) can be missed, which the result states.

For the option on top at the current weights (among the candidates, i.e. the legally feasible
options), the smallest increase and decrease of the weight that dethrone it (the first
crossover of the top option above and below the current weight), absolute and relative to
the current weight, or ``None`` ("never") when no weight in [0, 1] does.

Score sensitivity
-----------------
For each cell :math:`(a, j)` of the matrix, the smallest change of that one score (in scale
units) that changes the top option. For WSM on the scale-anchored values (no normalisation,
:math:`V_a = \sum_j w_j t_j x_{aj}/(u_j - \ell_j)`) it is closed form:
:math:`\delta = (V_{top} - V_a)(u_j - \ell_j)/w_j` up for a challenger, and
:math:`(V_{top} - V_{second})(u_j - \ell_j)/w_j` down for the top option, never otherwise.
For every other method: a grid over one scale width in each direction, then bisection to
:math:`10^{-10}` of the width (all cells at once, batched). Changes that would take the score
outside the scale are flagged.

References
----------
Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151-194.
Wolters, W. T. M. & Mareschal, B. (1995). Novel types of sensitivity analysis for additive
MCDM methods. *EJOR* 81(2), 281-290.
Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*. Prentice-Hall.
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

from samvalg.errors import Problem, SamvalgError, ValidationError

__all__ = [
    "Crossover",
    "ScoreSensitivity",
    "ServiceSensitivity",
    "Threshold",
    "WeightSweep",
    "score_sensitivity",
    "sensitivity_service",
    "sweep_segment",
    "weight_sweep",
]

_SOURCE = "<argument>"
_LINEAR = ("wsm", "promethee_ii")
_ATOL = 1e-12


def _fail(location: str, message: str, allowed: str = "") -> ValidationError:
    return ValidationError([Problem(_SOURCE, location, message, allowed)])


def _none_if_nan(x: float | None) -> float | None:
    if x is None:
        return None
    return None if math.isnan(x) else float(x)


@dataclass(frozen=True)
class Crossover:
    """Two options swap order at weight ``t`` of the sweep.

    Attributes
    ----------
    t : float
        The swept weight at the swap (the options tie here).
    ahead_before, ahead_after : str
        The option ahead just below and just above ``t``.
    """

    t: float
    ahead_before: str
    ahead_after: str

    def to_dict(self) -> dict[str, Any]:
        return {"t": self.t, "ahead_before": self.ahead_before, "ahead_after": self.ahead_after}


@dataclass(frozen=True)
class Threshold:
    """The change of one weight that dethrones the top option.

    Attributes
    ----------
    weight : float
        The weight at which the top option loses first place (a tie at exactly this value).
    absolute : float
        ``weight - current`` (positive for an increase, negative for a decrease).
    relative : float or None
        ``absolute / current`` (None when the current weight is 0).
    new_top : str
        The option on top just beyond the threshold.
    """

    weight: float
    absolute: float
    relative: float | None
    new_top: str

    def to_dict(self) -> dict[str, Any]:
        return {"weight": self.weight, "absolute": self.absolute, "relative": self.relative,
                "new_top": self.new_top}


@dataclass(frozen=True, eq=False)
class WeightSweep:
    """One weight swept from 0 to 1 (see the module docstring).

    Attributes
    ----------
    parameter : str
        The swept criterion or criteria set.
    kind : {"criterion", "set"}
    current : float
        The current value of the swept weight.
    t : ndarray (k,)
        Sweep grid on [0, 1].
    values : ndarray (k, m)
        Each option's value along the sweep (the method's own values: VIKOR's Q is lower-better).
    higher_is_better : bool
    alternatives : tuple of str
        Columns of ``values``.
    candidates : tuple of str
        Options whose order counts (the others take part in the method only).
    crossovers : tuple of Crossover
        Every swap of two candidates in (0, 1), sorted by ``t``.
    top : str
        The top candidate at the current weights.
    increase, decrease : Threshold or None
        Smallest increase / decrease dethroning ``top``; None = never within [0, 1].
    exact : bool
        True for closed-form crossovers (WSM, PROMETHEE II, WPM); False when root-finding
        after bracketing on a grid of ``grid_points``.
    grid_points : int
        Bracketing grid size (0 when exact).
    method : str
    """

    parameter: str
    kind: str
    current: float
    t: NDArray[np.float64]
    values: NDArray[np.float64]
    higher_is_better: bool
    alternatives: tuple[str, ...]
    candidates: tuple[str, ...]
    crossovers: tuple[Crossover, ...]
    top: str
    increase: Threshold | None
    decrease: Threshold | None
    exact: bool
    grid_points: int
    method: str
    w_start: NDArray[np.float64] = field(repr=False, default_factory=lambda: np.zeros(0))
    w_end: NDArray[np.float64] = field(repr=False, default_factory=lambda: np.zeros(0))

    def weights_at(self, t: float) -> NDArray[np.float64]:
        """The full weight vector at sweep position ``t``."""
        return (1.0 - t) * self.w_start + t * self.w_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "kind": self.kind,
            "method": self.method,
            "current": self.current,
            "top": self.top,
            "increase": None if self.increase is None else self.increase.to_dict(),
            "decrease": None if self.decrease is None else self.decrease.to_dict(),
            "crossovers": [c.to_dict() for c in self.crossovers],
            "exact": self.exact,
            "grid_points": self.grid_points,
            "higher_is_better": self.higher_is_better,
            "alternatives": list(self.alternatives),
            "candidates": list(self.candidates),
            "t": self.t.tolist(),
            "values": self.values.tolist(),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        def th(x: Threshold | None) -> str:
            return "never" if x is None else f"{x.weight:.4f} ({x.new_top})"

        return (f"WeightSweep({self.parameter!r}, current={self.current:.4f}, top={self.top!r}, "
                f"increase={th(self.increase)}, decrease={th(self.decrease)}, "
                f"crossovers={len(self.crossovers)})")

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{c.t:.4f}</td><td>{html.escape(c.ahead_before)}</td>"
            f"<td>{html.escape(c.ahead_after)}</td></tr>" for c in self.crossovers)

        def th(x: Threshold | None) -> str:
            if x is None:
                return "aldri / never"
            rel = "" if x.relative is None else f", {100 * x.relative:+.0f} %"
            return f"{x.weight:.4f} ({x.absolute:+.4f}{rel}) → {html.escape(x.new_top)}"

        return (f"<p><b>{html.escape(self.parameter)}</b> ({self.kind}, {self.method}): "
                f"nå / now {self.current:.4f}, topp / top {html.escape(self.top)}; "
                f"økning / increase {th(self.increase)}; reduksjon / decrease "
                f"{th(self.decrease)}</p><table><thead><tr><th>t</th><th>foran før / ahead "
                f"before</th><th>foran etter / ahead after</th></tr></thead><tbody>{rows}"
                f"</tbody></table>")


# --------------------------------------------------------------------------------------------
# sweeps


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


def _labels(values: Sequence[str] | None, count: int, name: str, prefix: str) -> tuple[str, ...]:
    if values is None:
        return tuple(f"{prefix}{i + 1}" for i in range(count))
    out = tuple(str(v) for v in values)
    if len(out) != count:
        raise _fail(name, f"has {len(out)} labels, expected {count}")
    return out


def _candidate_idx(candidates: ArrayLike | None, m: int) -> NDArray[np.int64]:
    if candidates is None:
        return np.arange(m)
    c = np.asarray(candidates)
    if c.dtype != bool or c.shape != (m,):
        raise _fail("candidates", f"needs {m} booleans, got {c.tolist()!r}")
    if not c.any():
        raise _fail("candidates", "no candidate option", "at least one True")
    return np.flatnonzero(c)


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


# --------------------------------------------------------------------------------------------
# scores


@dataclass(frozen=True, eq=False)
class ScoreSensitivity:
    """Smallest single-score changes that change the top option.

    Attributes
    ----------
    alternatives, criteria : tuple of str
        Rows and columns.
    values : ndarray (m, n)
        The scores (in the units of ``increase``/``decrease``).
    increase, decrease : ndarray (m, n)
        Smallest increase / decrease (positive numbers) of the score that changes the top
        option; NaN = never (within the search range for numeric methods).
    leaves_scale_increase, leaves_scale_decrease : ndarray (m, n) of bool
        The change would take the score outside ``[lower, upper]``.
    lower, upper : ndarray (n,)
        Scale bounds per criterion.
    top : str
        The top candidate with the scores as given.
    exact : bool
        Closed form (WSM without normalisation) or grid + bisection.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    values: NDArray[np.float64]
    increase: NDArray[np.float64]
    decrease: NDArray[np.float64]
    leaves_scale_increase: NDArray[np.bool_]
    leaves_scale_decrease: NDArray[np.bool_]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    top: str
    exact: bool
    method: str

    @property
    def smallest(self) -> NDArray[np.float64]:
        """The smaller of the two changes per cell (NaN = never)."""
        return np.fmin(self.increase, self.decrease)

    def critical(self, k: int = 5, *, within_scale: bool = True) -> list[dict[str, Any]]:
        """The ``k`` cells where the smallest change flips the top option (which judgments
        matter most), smallest first."""
        inc = np.where(self.leaves_scale_increase & within_scale, np.nan, self.increase)
        dec = np.where(self.leaves_scale_decrease & within_scale, np.nan, self.decrease)
        out = []
        for direction, arr in (("increase", inc), ("decrease", dec)):
            for i, j in zip(*np.nonzero(~np.isnan(arr)), strict=True):
                out.append({"option": self.alternatives[i], "criterion": self.criteria[j],
                            "direction": direction, "change": float(arr[i, j]),
                            "score": float(self.values[i, j])})
        out.sort(key=lambda d: d["change"])
        return out[:k]

    def to_dict(self) -> dict[str, Any]:
        def nn(a: NDArray[np.float64]) -> Any:
            return [[_none_if_nan(float(x)) for x in row] for row in a]

        return {
            "method": self.method,
            "exact": self.exact,
            "top": self.top,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "values": self.values.tolist(),
            "lower": self.lower.tolist(),
            "upper": self.upper.tolist(),
            "increase": nn(self.increase),
            "decrease": nn(self.decrease),
            "leaves_scale_increase": self.leaves_scale_increase.tolist(),
            "leaves_scale_decrease": self.leaves_scale_decrease.tolist(),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        crit = self.critical(3)
        parts = ", ".join(f"{c['option']}/{c['criterion']} {c['direction']} {c['change']:.3g}"
                          for c in crit)
        return f"ScoreSensitivity(top={self.top!r}, most critical: {parts or 'none'})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(c['option'])}</td><td>{html.escape(c['criterion'])}</td>"
            f"<td>{c['score']:g}</td><td>{c['direction']}</td><td>{c['change']:.3g}</td></tr>"
            for c in self.critical(10))
        return (f"<p>Topp / top: <b>{html.escape(self.top)}</b> ({self.method}); de skårene "
                f"der minst endring gir ny topp / the scores where the smallest change gives a "
                f"new top:</p><table><thead><tr><th>alternativ</th><th>kriterium</th>"
                f"<th>skår</th><th>retning</th><th>endring</th></tr></thead><tbody>{rows}"
                f"</tbody></table>")


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


# --------------------------------------------------------------------------------------------
# the domain entry


@dataclass(frozen=True, eq=False)
class ServiceSensitivity:
    """Weight sweeps and score sensitivity of one view of one service area.

    Attributes
    ----------
    service, view : str
    options : tuple of str
        Options in the view (every criterion applicable), feasible or not.
    candidates : tuple of str
        The legally feasible ones: only their order counts.
    excluded : dict
        Options not ranked, with the reason.
    top : str
        The best feasible option at the current weights.
    criterion_sweeps : dict of str to WeightSweep
    set_sweeps : dict of str to WeightSweep
        Set-weight sweeps (views with several criteria sets).
    scores : ScoreSensitivity
        In scale units of each criterion's set.
    """

    service: str
    view: str
    method: str
    options: tuple[str, ...]
    candidates: tuple[str, ...]
    excluded: Mapping[str, str]
    top: str
    criterion_sweeps: Mapping[str, WeightSweep]
    set_sweeps: Mapping[str, WeightSweep]
    scores: ScoreSensitivity
    illustrative: bool = False

    def thresholds(self) -> list[dict[str, Any]]:
        """Per swept weight: current value and the dethroning increase/decrease (or None)."""
        rows = []
        for sw in (*self.set_sweeps.values(), *self.criterion_sweeps.values()):
            rows.append({
                "parameter": sw.parameter, "kind": sw.kind, "current": sw.current,
                "increase": None if sw.increase is None else sw.increase.to_dict(),
                "decrease": None if sw.decrease is None else sw.decrease.to_dict(),
            })
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "view": self.view,
            "method": self.method,
            "illustrative": self.illustrative,
            "options": list(self.options),
            "candidates": list(self.candidates),
            "excluded": dict(self.excluded),
            "top": self.top,
            "set_sweeps": {k: v.to_dict() for k, v in self.set_sweeps.items()},
            "criterion_sweeps": {k: v.to_dict() for k, v in self.criterion_sweeps.items()},
            "scores": self.scores.to_dict(),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        return (f"ServiceSensitivity({self.service!r}, view={self.view!r}, top={self.top!r}, "
                f"sweeps={len(self.set_sweeps) + len(self.criterion_sweeps)})")

    def _repr_html_(self) -> str:
        def th(x: Threshold | None) -> str:
            return "aldri / never" if x is None else f"{x.weight:.3f} → {html.escape(x.new_top)}"

        rows = "".join(
            f"<tr><td>{html.escape(sw.parameter)}</td><td>{sw.current:.3f}</td>"
            f"<td>{th(sw.increase)}</td><td>{th(sw.decrease)}</td></tr>"
            for sw in (*self.set_sweeps.values(), *self.criterion_sweeps.values()))
        label = ("<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
                 if self.illustrative else "")
        return (f"{label}<p>{html.escape(self.service)} – {html.escape(self.view)} "
                f"({self.method}): topp / top <b>{html.escape(self.top)}</b></p>"
                "<table><thead><tr><th>vekt / weight</th><th>nå / now</th>"
                "<th>økning som gir ny topp</th><th>reduksjon som gir ny topp</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>{self.scores._repr_html_()}")


def sensitivity_service(
    assessment: Any,
    service_id: str,
    view: str = "combined",
    method: str = "wsm",
    *,
    normalization: str | None = None,
    n_points: int = 101,
    **method_kwargs: Any,
) -> ServiceSensitivity:
    """Weight sweeps (each criterion and each set weight) and score sensitivity of one view.

    Works on the view's matrix and weights from :func:`samvalg.evaluate` (same normalisation
    defaults). Only the legally feasible options count for the order (the others still take
    part in the method, as in ``evaluate``). A set-weight sweep moves the set's weight from 0
    to 1 with the other sets rescaled in proportion and every local weight kept. Score changes
    are reported in the scale units of each criterion's set (``upper - lower`` per unit of
    the 0-1 value; for WPM the input is ``x - lower + 1``, one to one).

    Parameters
    ----------
    assessment : Assessment
    service_id : str
    view : str
        View key of :func:`samvalg.evaluate`.
    method : str
    normalization : str, optional
    n_points : int
        Points of each sweep's reported grid.
    **method_kwargs
        Passed to the method.

    Returns
    -------
    ServiceSensitivity

    Examples
    --------
    >>> import samvalg
    >>> s = sensitivity_service(samvalg.example_assessment(), "lonn", view="form")
    >>> s.top == samvalg.evaluate(samvalg.example_assessment())["lonn"]["form"].best
    True
    """
    import samvalg
    from samvalg.methods import get_method

    spec = get_method(method)
    if normalization is None:
        normalization = {"wsm": "none", "wpm": "sum"}.get(spec.name, spec.default_normalization)
    ev = samvalg.evaluate(assessment, method=spec.name, normalization=normalization,
                          services=[service_id], **method_kwargs)
    sev = ev[service_id]
    v = sev[view]
    options = tuple(v.options)
    feasible = np.asarray(v.feasible, dtype=bool)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options, feasible, strict=True):
        if not ok:
            excluded[opt] = ("juridisk utelukket / legally ruled out: "
                             + "; ".join(sev.feasibility[opt].reasons))
    if not feasible.any():
        raise SamvalgError(f"service {service_id!r}, view {view!r}: no legally feasible option "
                           "with every criterion applicable, so there is no top option")
    X = np.asarray(v.value_matrix, dtype=float)
    w = np.asarray(v.weights, dtype=float)
    crit = tuple(v.criteria)
    types = np.ones(len(crit))
    common = dict(method=spec.name, normalization=normalization, n_points=n_points,
                  candidates=feasible, alternatives=options, **method_kwargs)
    crit_sweeps = {
        c: weight_sweep(X, w, types, j, criteria=crit, **common) for j, c in enumerate(crit)
    }
    set_sweeps: dict[str, WeightSweep] = {}
    mats = [assessment.matrix(service_id, s) for s in v.set_ids]
    blocks = []
    start = 0
    for mat in mats:
        blocks.append(np.arange(start, start + len(mat.criteria)))
        start += len(mat.criteria)
    if len(v.set_ids) > 1:
        for s, idx in zip(v.set_ids, blocks, strict=True):
            share = float(w[idx].sum())
            w_end = np.zeros_like(w)
            local = w[idx] / share if share > 0 else np.asarray(
                assessment.weights_for(s, service_id=service_id), float)
            w_end[idx] = local / local.sum()
            rest = w.copy()
            rest[idx] = 0.0
            w_start = rest / rest.sum() if rest.sum() > 0 else np.zeros_like(w)
            set_sweeps[s] = sweep_segment(X, w_start, w_end, types, share, parameter=s,
                                          kind="set", **common)
    # score sensitivity in the method's input units, then back to scale units
    lower = np.empty(len(crit))
    upper = np.empty(len(crit))
    slope = np.empty(len(crit))
    values = np.empty_like(X)
    for mat, idx in zip(mats, blocks, strict=True):
        rows = [mat.option_ids.index(o) for o in options]
        values[:, idx] = np.asarray(mat.values)[rows]
        sc = mat.scale
        if spec.name == "wpm":
            lower[idx], upper[idx], slope[idx] = 1.0, sc.upper - sc.lower + 1.0, 1.0
        else:
            lower[idx], upper[idx] = 0.0, 1.0
            slope[idx] = np.asarray(mat.types) / (sc.upper - sc.lower)
    raw = score_sensitivity(X, w, types, method=spec.name, normalization=normalization,
                            lower=lower, upper=upper, candidates=feasible,
                            alternatives=options, criteria=crit, **method_kwargs)
    k = 1.0 / np.abs(slope)
    neg = slope < 0
    inc = np.where(neg, raw.decrease, raw.increase) * k
    dec = np.where(neg, raw.increase, raw.decrease) * k
    scale_lo = np.empty(len(crit))
    scale_hi = np.empty(len(crit))
    for mat, idx in zip(mats, blocks, strict=True):
        scale_lo[idx], scale_hi[idx] = mat.scale.lower, mat.scale.upper
    scores = ScoreSensitivity(
        alternatives=options, criteria=crit, values=values, increase=inc, decrease=dec,
        leaves_scale_increase=np.where(neg, raw.leaves_scale_decrease, raw.leaves_scale_increase),
        leaves_scale_decrease=np.where(neg, raw.leaves_scale_increase, raw.leaves_scale_decrease),
        lower=scale_lo, upper=scale_hi, top=raw.top, exact=raw.exact, method=spec.name,
    )
    top = crit_sweeps[crit[0]].top if crit else raw.top
    return ServiceSensitivity(
        service=service_id, view=view, method=spec.name, options=options,
        candidates=tuple(o for o, f in zip(options, feasible, strict=True) if f),
        excluded=excluded, top=top, criterion_sweeps=crit_sweeps, set_sweeps=set_sweeps,
        scores=scores, illustrative=bool(assessment.meta.illustrative),
    )
