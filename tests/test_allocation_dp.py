"""The frontier's dynamic programme (samvalg.allocation._dp) against enumeration and the MILP."""

from __future__ import annotations

import itertools
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest

import samvalg.allocation._dp as dp
import samvalg.allocation._milp as milp
from samvalg.allocation import tradeoff_curve
from samvalg.allocation._problem import _problem
from test_allocation import _evaluation, _synthetic


def _prepared(shape, seed, decimals=4, fte_decimals=1):
    ev, fte, cat = _synthetic(*shape, seed, decimals, fte_decimals)
    p = _problem(ev, "combined", fte, cat, None, "error")
    return ev, fte, cat, p, milp._units(p)


def _plans(p, units):
    """Every plan: (option indices, hosted units per municipality, value)."""
    index = {m: k for k, m in enumerate(p.municipalities)}
    out = []
    for combo in itertools.product(*(range(len(h)) for h in p.hosts)):
        loads = [0] * len(p.municipalities)
        for s, j in enumerate(combo):
            if p.hosts[s][j] is not None:
                loads[index[p.hosts[s][j]]] += int(units[s])
        out.append((combo, loads, sum(float(p.utility[s][j]) for s, j in enumerate(combo))))
    return out


def _meets(loads, top, total):
    t = sum(loads)
    return t == 0 or all(a * total < top * t for a in loads)


def _summed(p, order, combo):
    """A plan's value summed in the programme's order (largest area first)."""
    return sum((float(p.utility[s][combo[s]]) for s in order), 0.0)


def _points(curve):
    return [(p.largest_share, p.value) for p in curve.points]


@pytest.mark.parametrize(("shape", "seed"), [((5, 3), 940), ((4, 4), 941)])
def test_pair_tables_are_the_least_cost_of_balancing_each_pair(shape, seed):
    """Against every completion enumerated: a pair table after depth d, at a difference x of
    pair (h, k), is the least sum of reduced costs of the areas from d on that brings x to
    within W of zero (infinite if none does), for every difference a partial plan can have."""
    _ev, _fte, _cat, p, units = _prepared(shape, seed, 4, 0)
    a = dp._areas(p, units)
    h, span = len(p.municipalities), int(units.sum())
    rng = np.random.default_rng(seed)
    for top, total in [(span, span * h - 3), (5, 4 * h - 2), (1, h)]:
        for lam in (dp._multipliers(p, a, top, total), rng.random(h)):
            step = dp._Step(a, lam, top, total)
            width = int(np.floor((h * top - total) * span / total))
            for d in range(len(a.order) + 1):
                rest = [step.rc[s] for s in a.order[d:]]
                moved = [int(units[s]) for s in a.order[d:]]
                reach = span - sum(moved)
                for q, (h1, h2) in enumerate(step.pairs):
                    costs, moves = [], []
                    for combo in itertools.product(*rest):
                        costs.append(sum(o[0] for o in combo))
                        shift = zip(moved, combo, strict=True)
                        moves.append(sum(w * ((o[2] == h1) - (o[2] == h2)) for w, o in shift))
                    costs_a, moves_a = np.array(costs), np.array(moves)
                    for x in range(-reach, reach + 1):
                        fits = np.abs(x + moves_a) <= width
                        want = costs_a[fits].min() if fits.any() else np.inf
                        got = step.tables[d][q * (2 * span + 1) + span - x]
                        assert got == pytest.approx(want, abs=1e-12)


def test_merge_keeps_the_best_value_per_key_first_option_first():
    """Against a dictionary: per key the best value, of equal values the first in the runs'
    order; the survivors in key order; keys as one number or as load-vector columns."""
    rng = np.random.default_rng(3)
    runs = [np.unique(rng.integers(0, 40, 25)) for _ in range(4)]
    keys = np.concatenate(runs)
    values = rng.integers(0, 3, len(keys)).astype(float)  # many equal values
    best: dict[int, int] = {}
    for i, (k, v) in enumerate(zip(keys.tolist(), values.tolist(), strict=True)):
        if k not in best or v > values[best[k]]:
            best[k] = i
    want = [best[k] for k in sorted(best)]
    assert dp._merge(keys, values).tolist() == want
    columns = np.stack([keys // 7, keys % 7])  # the same order, as two columns
    assert dp._merge(columns, values).tolist() == want


@pytest.mark.parametrize(
    ("shape", "seed", "decimals", "fte_decimals"),
    [
        ((5, 3), 900, 4, 1),
        ((6, 3), 901, 1, 0),  # values in tenths, whole FTE: many ties
        ((5, 4), 902, 2, 0),
        ((4, 4), 903, 1, 0),
        ((6, 2), 904, 4, 2),
    ],
)
def test_each_step_is_the_best_plan_below_the_bound(shape, seed, decimals, fte_decimals):
    """Against every plan enumerated: for bounds from every achievable share, largest first
    (as the walk meets them, so later steps reuse earlier enumerations), the step's plan meets
    the strict bound and has the best value of all plans that do; None when none does."""
    _ev, _fte, _cat, p, units = _prepared(shape, seed, decimals, fte_decimals)
    plans = _plans(p, units)
    shares = sorted({Fraction(max(ld), sum(ld)) for _c, ld, _v in plans if sum(ld)}, reverse=True)
    engine = dp.FrontierDP(p, units)
    summed = {c: _summed(p, engine.a.order, c) for c, _l, _v in plans}
    value = max(v for _c, _l, v in plans)
    for share in shares:
        top, total = share.numerator, share.denominator
        best = max((v for _c, ld, v in plans if _meets(ld, top, total)), default=None)
        idx = engine.step(top, total, value)
        if best is None:
            assert idx is None
            continue
        (loads, got) = next((ld, v) for c, ld, v in plans if list(c) == idx)
        assert _meets(loads, top, total)
        assert got == pytest.approx(best, abs=1e-9)
        # of equally good plans (values summed as the programme sums them, largest area
        # first), the first in the options' order from the last area back
        ties = [
            c for c, ld, _v in plans if _meets(ld, top, total) and summed[c] == summed[tuple(idx)]
        ]
        assert idx == list(min(ties, key=lambda c: [c[s] for s in reversed(engine.a.order)]))
        value = got


@pytest.mark.parametrize(
    ("shape", "seed", "decimals", "fte_decimals"),
    [
        ((8, 3), 910, 4, 1),
        ((10, 4), 911, 4, 1),
        ((9, 3), 912, 1, 0),  # ties
        ((8, 4), 913, 2, 0),
        ((12, 3), 914, 4, 1),
        ((10, 2), 915, 4, 1),
    ],
)
def test_the_frontier_equals_the_milp_frontier(shape, seed, decimals, fte_decimals, monkeypatch):
    """Same points (largest share, value) with the dynamic programme as with one MILP per step,
    both exact."""
    ev, fte, cat = _synthetic(*shape, seed, decimals, fte_decimals)
    fast = tradeoff_curve(ev, fte=fte, catalogue=cat)
    monkeypatch.setattr(milp, "dp_applicable", lambda *args: False)
    slow = tradeoff_curve(ev, fte=fte, catalogue=cat)
    assert fast.exact and slow.exact
    assert len(fast.points) == len(slow.points)
    for a, b in zip(fast.points, slow.points, strict=True):
        assert a.largest_share == pytest.approx(b.largest_share, abs=1e-12)
        assert a.value == pytest.approx(b.value, abs=1e-9)
        assert a.bound == pytest.approx(b.bound, abs=1e-12)


def test_the_20x4_frontier_is_the_one_the_milp_proved():
    """20 areas x 4 municipalities (benchmarks/allocation.py): the MILP walk proved these 17
    points in 14 s; the dynamic programme finds the same."""
    want = [
        (0.309156, 15.6924),
        (0.273072, 15.6693),
        (0.271357, 15.6144),
        (0.269327, 15.5971),
        (0.267658, 15.5422),
        (0.256837, 15.4046),
        (0.255319, 15.3497),
        (0.254695, 15.3324),
        (0.253209, 15.214),
        (0.251799, 15.1413),
        (0.25149, 15.0864),
        (0.251202, 14.9651),
        (0.251016, 14.8727),
        (0.250597, 14.6637),
        (0.250401, 14.5569),
        (0.25, 14.4401),
        (0.0, 14.0142),
    ]
    ev, fte, cat = _synthetic(20, 4, 0)
    curve = tradeoff_curve(ev, fte=fte, catalogue=cat)
    assert curve.exact
    assert [(round(s, 6), round(v, 4)) for s, v in _points(curve)] == want


@pytest.mark.parametrize("cause", ["states", "time"])
def test_a_step_beyond_its_limits_falls_back_to_the_milp(cause, monkeypatch):
    """Too many partial plans, or the time limit: the MILP takes the rest of the walk (same
    points)."""
    ev, fte, cat = _synthetic(10, 3, 920)
    want = _points(tradeoff_curve(ev, fte=fte, catalogue=cat))
    calls = []
    real = milp._solve

    def counted(*args, **kwargs):
        calls.append(kwargs.get("below"))
        return real(*args, **kwargs)

    monkeypatch.setattr(milp, "_solve", counted)
    if cause == "states":
        monkeypatch.setattr(dp, "MAX_STATES", 0)
    else:
        clock = iter(range(0, 10**9, 10**3)).__next__  # a step takes 1000 s
        monkeypatch.setattr(dp, "time", SimpleNamespace(perf_counter=clock))
    curve = tradeoff_curve(ev, fte=fte, catalogue=cat, time_limit=1.0)
    assert curve.exact
    assert sum(b is not None for b in calls) >= 1  # a step went to the MILP
    assert [(pytest.approx(s, abs=1e-12), pytest.approx(v, abs=1e-9)) for s, v in want] == (
        _points(curve)
    )


def test_bundles_and_minimum_services_use_the_milp():
    *_rest, p, units = _prepared((6, 3), 930)
    assert dp.dp_applicable(p, {m: 0 for m in p.municipalities}, units)
    assert not dp.dp_applicable(p, {**{m: 0 for m in p.municipalities}, "k0": 1}, units)
    from dataclasses import replace

    assert not dp.dp_applicable(replace(p, bundles=((0, 1),)), None, units)
    assert not dp.dp_applicable(p, None, units * 10**6)  # pair tables too large


def test_one_municipality_and_areas_without_a_host_option():
    """H = 1: the first point hosts everything it can (share 1); below it only hosting
    nothing remains. An area with only a host option has no plan below share 1."""
    spec = {
        "a": (["vertskommune:skaun", "iks"], [0.9, 0.5], [True, True]),
        "b": (["vertskommune:skaun", "oppgavefellesskap"], [0.8, 0.7], [True, True]),
    }
    ev = _evaluation(spec)

    class One:
        municipalities = ("skaun",)

    curve = tradeoff_curve(ev, fte={"a": 1.0, "b": 2.0}, catalogue=One())
    assert curve.exact
    assert _points(curve) == [(1.0, pytest.approx(1.7)), (0.0, pytest.approx(1.2))]
    spec["a"] = (["vertskommune:skaun"], [0.9], [True])
    curve = tradeoff_curve(_evaluation(spec), fte={"a": 1.0, "b": 2.0}, catalogue=One())
    assert curve.exact and _points(curve) == [(1.0, pytest.approx(1.7))]


def test_load_vectors_too_large_to_pack_are_merged_column_by_column(monkeypatch):
    """Many municipalities or many units: the load vectors do not fit one int64 and are
    compared column by column (same frontier)."""
    ev, fte, cat = _synthetic(8, 4, 940, 1, 0)
    want = _points(tradeoff_curve(ev, fte=fte, catalogue=cat))
    monkeypatch.setattr(dp, "_PACK_LIMIT", 0)
    assert _points(tradeoff_curve(ev, fte=fte, catalogue=cat)) == want
