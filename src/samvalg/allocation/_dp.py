"""An exact frontier step without a MILP: Lagrangian-bounded dynamic programming over load vectors.

A frontier step asks for the best plan whose every municipality's hosted units :math:`a_h`
meet :math:`a_h \\cdot T < top \\cdot t` (:math:`t = \\sum_h a_h`; a plan hosting nothing is
exempt). Near :math:`top / T = 1/H` that is an almost exact partition of the hosted units into
H equal parts, where the MILP's LP bound is weak and branch and bound needs minutes. Here the
step is solved by enumeration, exactly:

1. **Lagrangian reduced costs.** With multipliers :math:`\\lambda_h \\ge 0` (the duals of the
   step's LP relaxation; any non-negative ones give a valid bound) an option :math:`o` of area
   :math:`s` gets the adjusted value :math:`\\tilde u_{so} = u_{so} - w_s (\\lambda_{h(o)} -
   r \\sum_k \\lambda_k)` (:math:`w_s` its units, :math:`r = top/T`; no adjustment without a
   host). For every plan meeting the bound, value :math:`\\le \\sum_s \\tilde u_{s,o(s)} =
   L - \\sum_s c_{s,o(s)}` with :math:`L = \\sum_s \\max_o \\tilde u_{so}` and the reduced cost
   :math:`c_{so} = \\max_{o'} \\tilde u_{so'} - \\tilde u_{so} \\ge 0`. So a plan of value
   :math:`\\ge L - G` has reduced costs summing to at most :math:`G`.
2. **Dynamic programming over load vectors.** The areas, largest first, extend partial plans
   whose reduced costs sum to at most :math:`G`; partial plans with the same load vector
   :math:`(a_1, \\dots, a_H)` are merged, keeping the best value (their completions are the
   same; the states are kept in load-vector order, so a stable sort merges the extensions).
   Every final load must lie within :math:`W = (H\\, top - T)\\, t_{final} / T` of every
   other, so an extension is never made when, for some pair of municipalities
   :math:`(h, k)`, no completion makes :math:`|a_h - a_k| \\le W` within the budget left: an
   exact bound from a one-dimensional dynamic programme over the remaining areas'
   contributions to :math:`a_h - a_k` (it sees the integrality of the units that the LP bound
   misses), read for all of a state's extensions at once (an option moves each pair's
   difference by :math:`+w`, :math:`-w` or nothing).
3. **Iterative deepening.** :math:`G` grows until the best final plan meeting the bound has a
   value of at least :math:`L - G`; it is then optimal, since any better plan would have
   reduced costs below :math:`G` and been enumerated.

The final states of a step are kept: the next step's bound is stricter, so any plan meeting it
that is better than the best such final state would have had reduced costs (under the previous
multipliers) below the previous :math:`G`; when the best final state meeting the new bound has
a value of at least :math:`L - G` of the previous step, it is the next step's answer without a
new enumeration.

This is Lagrangian relaxation (Fisher 1981, *Management Science* 27(1)) used for bounding in a
dynamic programme with state merging and bound-based pruning (Morin & Marsten 1976, *Operations
Research* 24(4)); the budget grows as in iterative deepening (Korf 1985, *Artificial
Intelligence* 27(1)). The states are limited (:data:`MAX_STATES`), and a step by the time
limit of a MILP solve: a step that would exceed either raises :class:`_GiveUp` and the caller
falls back to the MILP.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from samvalg.allocation._problem import _Problem

#: Most partial plans kept after any area (with their extensions to the next area, a few
#: hundred bytes each); beyond, the MILP takes over.
MAX_STATES = 1_000_000
#: Most entries of the pair tables (areas x pairs x differences, 8 bytes each).
_MAX_TABLE = 10_000_000
#: Slack on the reduced-cost budget against rounding (more is enumerated, never less).
_EPS = 1e-7
#: Load vectors are packed into one int64 (mixed radix) when they fit below this.
_PACK_LIMIT = 2**62


class _GiveUp(Exception):
    """The enumeration would keep more than :data:`MAX_STATES` partial plans, or a step ran
    past its time limit."""


@dataclass(frozen=True)
class _Areas:
    """The problem as the dynamic programme sees it: per area, the options worth keeping.

    ``options[s]`` are ``(option index, host index or -1, value)``: the best option per host
    and the best one without a host (another option with the same host and a lower value is
    never better, its load being the same). ``order`` is the areas by units, largest first.
    """

    units: np.ndarray
    options: tuple[tuple[tuple[int, int, float], ...], ...]
    order: tuple[int, ...]
    n_hosts: int


def _areas(p: _Problem, units: np.ndarray) -> _Areas:
    index = {m: k for k, m in enumerate(p.municipalities)}
    options = []
    for s, hosts in enumerate(p.hosts):
        best: dict[int, tuple[int, int, float]] = {}
        for j, host in enumerate(hosts):
            k = -1 if host is None else index[host]
            u = float(p.utility[s][j])
            if k not in best or u > best[k][2]:
                best[k] = (j, k, u)
        options.append(tuple(sorted(best.values())))
    order = tuple(sorted(range(len(p.hosts)), key=lambda s: (-int(units[s]), s)))
    return _Areas(np.asarray(units, dtype=np.int64), tuple(options), order, len(p.municipalities))


def dp_applicable(p: _Problem, kmin: dict[str, int] | None, units: np.ndarray) -> bool:
    """Whether the frontier's steps can be solved here: no bundles, no minimum number of
    services, at least one municipality, and small enough pair tables."""
    if p.bundles or (kmin and any(kmin.values())) or not p.municipalities:
        return False
    h = len(p.municipalities)
    total = int(np.sum(units))
    pairs = h * (h - 1) // 2
    return len(p.services) * pairs * (2 * total + 1) <= _MAX_TABLE


@dataclass
class _Enumeration:
    """A finished enumeration: its final load vectors, their best values, the back pointers to
    rebuild their plans, and the bound it covers (``lmax - value <= budget``)."""

    loads: np.ndarray
    values: np.ndarray
    back: list[tuple[np.ndarray, np.ndarray]]
    lmax: float
    budget: float
    #: whether the budget covered every plan (then the best final state is optimal outright)
    complete: bool


class _Step:
    """One frontier step's reduced costs and bounds (strict bound ``top / total``)."""

    def __init__(self, a: _Areas, lam: np.ndarray, top: int, total: int) -> None:
        r = top / total
        lsum = float(lam.sum())
        self.a, self.top, self.total = a, top, total
        self.rc: list[list[tuple[float, float, int, int]]] = []
        lmax = 0.0
        for s, opts in enumerate(a.options):
            w = float(a.units[s])
            adj = [u if k < 0 else u - w * (lam[k] - r * lsum) for _j, k, u in opts]
            best = max(adj)
            lmax += best
            self.rc.append([(best - v, u, k, j) for v, (j, k, u) in zip(adj, opts, strict=True)])
        self.lmax = lmax
        #: the largest sum of reduced costs any plan can have
        self.rc_max = float(sum(max(o[0] for o in opts) for opts in self.rc))
        self._pair_tables()

    def _pair_tables(self) -> None:
        """``self.tables[d]``, pair ``q``'s row at ``q * size + span - x``: the least reduced
        cost with which the areas from depth ``d`` on bring a difference :math:`a_h - a_k = x`
        to within ``W`` of zero (``size = 2 span + 1``, ``span`` all units; infinite where no
        completion does). A one-dimensional dynamic programme per pair, from the last area
        back.

        The window is set once, in the table after the last area: a shift by an option and
        the least entry within ``W`` commute, so every earlier table is windowed too, with the
        same floats as windowing each table.
        """
        a = self.a
        h = a.n_hosts
        self.pairs = list(itertools.combinations(range(h), 2))
        self.span = int(a.units.sum())
        n_pairs, size = len(self.pairs), 2 * self.span + 1
        width = int(np.floor((h * self.top - self.total) * self.span / self.total))
        first_of = np.array([q[0] for q in self.pairs], dtype=np.int64)
        second_of = np.array([q[1] for q in self.pairs], dtype=np.int64)
        f = np.full((n_pairs, size), np.inf)
        f[:, max(self.span - width, 0) : self.span + width + 1] = 0.0
        n = len(a.order)
        self.tables: list[np.ndarray] = [np.empty(0)] * (n + 1)
        self.tables[n] = f.reshape(-1)
        for d in range(n - 1, -1, -1):
            s = a.order[d]
            w = int(a.units[s])
            # per pair, the cheapest option that adds w to a_h - a_k, takes w from it, or
            # leaves it (hosted by neither, or by no one)
            still = np.full(n_pairs, np.inf)
            up = np.full(n_pairs, np.inf)
            down = np.full(n_pairs, np.inf)
            for c, _u, k, _j in self.rc[s]:
                if k < 0 or w == 0:
                    np.minimum(still, c, out=still)
                    continue
                plus, minus = first_of == k, second_of == k
                up[plus] = np.minimum(up[plus], c)
                down[minus] = np.minimum(down[minus], c)
                neither = ~(plus | minus)
                still[neither] = np.minimum(still[neither], c)
            g = f + still[:, None]
            if w > 0:
                np.minimum(g[:, w:], f[:, :-w] + up[:, None], out=g[:, w:])
                np.minimum(g[:, :-w], f[:, w:] + down[:, None], out=g[:, :-w])
            f = g
            self.tables[d] = f.reshape(-1)

    def _pair_bounds(self, d: int, loads: np.ndarray, w: int) -> Callable[[int], np.ndarray]:
        """``bounds(k)``: per partial plan (a column of ``loads``), the pair tables' least
        reduced cost of balancing every pair after area ``d`` goes to municipality ``k``
        (-1: to no one), the largest over the pairs.

        A pair's difference moves by ``+w`` when ``k`` is its first municipality, by ``-w``
        when ``k`` is its second and not at all otherwise, so three look-ups per pair serve
        every option.
        """
        n = loads.shape[1]
        if not self.pairs:
            zero = np.zeros(n)
            return lambda k: zero
        table = self.tables[d + 1]
        size = 2 * self.span + 1
        still, up, down = [], [], []
        for q, (h1, h2) in enumerate(self.pairs):
            # the entry for a difference x of pair q sits at q * size + span - x
            at = (q * size + self.span) - (loads[h1] - loads[h2])
            still.append(table[at])
            if w:
                up.append(table[at - w])
                down.append(table[at + w])
        alone = _largest(still)
        if not w:
            return lambda k: alone
        cache: dict[int, np.ndarray] = {-1: alone}

        def bounds(k: int) -> np.ndarray:
            if k not in cache:
                parts = [
                    up[q] if h1 == k else down[q] if h2 == k else still[q]
                    for q, (h1, h2) in enumerate(self.pairs)
                ]
                cache[k] = _largest(parts)
            return cache[k]

        return bounds

    def enumerate(self, budget: float, deadline: float = np.inf) -> _Enumeration | None:
        """Every final load vector reachable with reduced costs at most ``budget`` (best value
        each) that the pruning keeps; None when none is. Raises :class:`_GiveUp` past
        ``deadline`` (:func:`time.perf_counter`) or beyond :data:`MAX_STATES`."""
        a = self.a
        h = a.n_hosts
        pack = (self.span + 1) ** h < _PACK_LIMIT
        radix = np.array([(self.span + 1) ** i if pack else 0 for i in range(h)], dtype=np.int64)
        loads = np.zeros((h, 1), dtype=np.int64)  # one row per municipality, a column per state
        key = np.zeros(1, dtype=np.int64)  # the load vector in one number (when it fits)
        cost = np.zeros(1)
        value = np.zeros(1)
        back: list[tuple[np.ndarray, np.ndarray]] = []
        limit = budget + _EPS
        self.peak = 1
        for d, s in enumerate(a.order):
            w = int(a.units[s])
            # the pair tables' bound for each extension, read once per partial plan; an
            # extension that cannot be balanced within the budget is never made
            bounds = self._pair_bounds(d, loads, w)
            parts = []
            for c, u, k, j in self.rc[s]:
                grown = cost + c
                keep = np.flatnonzero(grown + bounds(k) <= limit)
                if keep.size:
                    nl = loads[:, keep]
                    nk = key[keep]
                    if k >= 0:
                        nl[k] += w
                        nk += w * radix[k]
                    parts.append((nl, grown[keep], value[keep] + u, keep, j, nk))
            if not parts:
                return None
            nl = np.concatenate([x[0] for x in parts], axis=1)
            nc = np.concatenate([x[1] for x in parts])
            nv = np.concatenate([x[2] for x in parts])
            parent = np.concatenate([x[3] for x in parts])
            option = np.concatenate([np.full(len(x[3]), x[4], dtype=np.int64) for x in parts])
            nk = np.concatenate([x[5] for x in parts])
            pick = _merge(nk if pack else nl, nv)
            nl, nc, nv, parent, option = nl[:, pick], nc[pick], nv[pick], parent[pick], option[pick]
            nk = nk[pick]
            loads, cost, value, key = nl, nc, nv, nk
            self.peak = max(self.peak, len(cost))
            if len(cost) > MAX_STATES or time.perf_counter() > deadline:
                raise _GiveUp(len(cost))
            back.append((parent, option))
        loads = np.ascontiguousarray(loads.T)
        return _Enumeration(loads, value, back, self.lmax, budget, budget >= self.rc_max)


def _largest(arrays: list[np.ndarray]) -> np.ndarray:
    """The element-wise largest of equally long arrays."""
    out = arrays[0].copy()
    for x in arrays[1:]:
        np.maximum(out, x, out=out)
    return out


def _merge(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Indices of the best value per key (the first of equal values), in key order.

    ``keys`` is one int64 per state, or one row per municipality and a column per state. The
    states come as a few runs each sorted by key (one per option, extending states kept in key
    order), which a stable sort merges in about linear time; equal keys come from different
    options, in option order.
    """
    if keys.ndim == 1:
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        new = np.empty(len(order), dtype=bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    else:
        order = np.lexsort(keys[::-1])
        ordered = keys[:, order]
        new = np.empty(len(order), dtype=bool)
        new[0] = True
        new[1:] = np.any(ordered[:, 1:] != ordered[:, :-1], axis=0)
    starts = np.flatnonzero(new)
    if len(starts) == len(order):
        return order
    v = values[order]
    group = np.cumsum(new) - 1
    best = np.flatnonzero(v == np.maximum.reduceat(v, starts)[group])
    first = np.empty(len(best), dtype=bool)
    first[0] = True
    np.not_equal(group[best[1:]], group[best[:-1]], out=first[1:])
    picked: np.ndarray = order[best[first]]
    return picked


def _best(e: _Enumeration, top: int, total: int) -> int | None:
    """The final state of the best value meeting the strict bound; of equal values, the plan
    first in the order the options are listed, compared from the last area back (the order the
    enumeration extends in)."""
    t = e.loads.sum(axis=1)
    ok = (t == 0) | np.all(e.loads * total < top * t[:, None], axis=1)
    if not ok.any():
        return None
    idx = np.flatnonzero(ok)
    values = e.values[idx]
    ties = idx[values == values.max()]
    if len(ties) == 1:
        return int(ties[0])
    return int(min(ties, key=lambda i: _options_back(e, int(i))))


def _options_back(e: _Enumeration, i: int) -> list[int]:
    """The options of final state ``i``'s plan, from the last area back to the first."""
    out = []
    for d in range(len(e.back) - 1, -1, -1):
        parent, option = e.back[d]
        out.append(int(option[i]))
        i = int(parent[i])
    return out


def _plan(a: _Areas, e: _Enumeration, i: int) -> list[int]:
    idx = [0] * len(a.order)
    for d in range(len(a.order) - 1, -1, -1):
        parent, option = e.back[d]
        idx[a.order[d]] = int(option[i])
        i = int(parent[i])
    return idx


class FrontierDP:
    """The frontier's steps after the first, solved exactly by :class:`_Step` enumerations.

    ``step(top, total)`` returns the best plan (an option index per area) whose every share is
    strictly below ``top / total``, or None when no plan meets it.
    """

    def __init__(self, p: _Problem, units: np.ndarray) -> None:
        self.p = p
        self.a = _areas(p, units)
        self.last: _Enumeration | None = None
        spread = [max(u for _j, _k, u in o) - min(u for _j, _k, u in o) for o in self.a.options]
        #: first increment of the budget: a hundredth of the mean spread of values per area
        self.delta = max(float(np.mean(spread)) / 100.0, 1e-6) if spread else 1e-6

    def step(
        self, top: int, total: int, value: float, time_limit: float | None = None
    ) -> list[int] | None:
        """The best plan under the strict bound ``top / total``; ``value`` is the previous
        point's (the new one's is at most that). Raises :class:`_GiveUp` after ``time_limit``
        seconds (wall clock, as HiGHS counts it)."""
        deadline = np.inf if time_limit is None else time.perf_counter() + time_limit
        a = self.a
        h = a.n_hosts
        if h * top <= total:  # below 1/H only a plan hosting nothing has a share (0)
            idx = []
            for opts in a.options:
                free = [(u, -j) for j, k, u in opts if k < 0]
                if not free:
                    return None
                idx.append(-max(free)[1])
            return idx
        incumbent = None
        if self.last is not None:
            i = _best(self.last, top, total)
            if i is not None:
                v = float(self.last.values[i])
                if self.last.complete or self.last.lmax - v <= self.last.budget - _EPS:
                    return _plan(a, self.last, i)  # proved by the previous enumeration
                incumbent = v
        step = _Step(a, _multipliers(self.p, a, top, total), top, total)
        # the budget needed is lmax - (the answer's value) >= lmax - value; an incumbent
        # (a plan meeting the bound) caps it
        cap = np.inf if incumbent is None else max(step.lmax - incumbent, 0.0) + _EPS
        budget = min(max(step.lmax - value, 0.0) + self.delta, cap)
        grow = 2 * self.delta
        last: tuple[float, int] | None = None
        while True:
            e = step.enumerate(budget, deadline)
            i = None if e is None else _best(e, top, total)
            complete = budget >= step.rc_max
            if e is not None and i is not None and (complete or e.values[i] >= step.lmax - budget):
                self.last = e
                return _plan(a, e, i)
            if complete:
                return None  # every plan was within the budget and none meets the bound
            if e is not None and i is not None:  # a plan meeting the bound, not yet proved
                cap = min(cap, step.lmax - float(e.values[i]) + _EPS)
            # the work grows about exponentially with the budget: aim at twice the last
            # round's states (Korf 1985's iterative deepening, with a measured growth rate)
            increase = grow
            if last is not None and step.peak > 1000 and step.peak > last[1]:
                rate = np.log(step.peak / last[1]) / (budget - last[0])
                increase = max(float(np.log(2.0) / rate), self.delta)
            else:
                grow *= 1.5
            last = (budget, step.peak)
            budget = min(budget + increase, cap)


def _multipliers(p: _Problem, a: _Areas, top: int, total: int) -> np.ndarray:
    """The duals of the step's LP relaxation (non-negative; zeros if the LP fails, which
    still gives a valid, weaker bound)."""
    from scipy.optimize import linprog

    h = a.n_hosts
    r = top / total
    cols = [(s, j, k, u) for s, opts in enumerate(a.options) for j, k, u in opts]
    n = len(cols)
    c = -np.array([u for _s, _j, _k, u in cols])
    a_eq = np.zeros((len(a.options), n))
    a_ub = np.zeros((h, n))
    for i, (s, _j, k, _u) in enumerate(cols):
        a_eq[s, i] = 1.0
        if k >= 0:
            a_ub[:, i] -= r * a.units[s]
            a_ub[k, i] += a.units[s]
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.zeros(h),
        A_eq=a_eq,
        b_eq=np.ones(len(a.options)),
        bounds=(0, 1),
        method="highs",
    )
    if res.status != 0 or res.ineqlin is None:
        return np.zeros(h)
    duals: np.ndarray = np.maximum(-np.asarray(res.ineqlin.marginals, dtype=float), 0.0)
    return duals
