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


def _points(curve):
    return [(p.largest_share, p.value) for p in curve.points]


@pytest.mark.parametrize("width", [0, 1, 2, 3, 7, 40])
def test_window_min_is_the_least_entry_within_the_width(width):
    rng = np.random.default_rng(width)
    f = rng.random((3, 25))
    f[:, rng.random(25) < 0.3] = np.inf
    got = dp._window_min(f, width)
    for q, i in itertools.product(range(3), range(25)):
        assert got[q, i] == f[q, max(0, i - width) : i + width + 1].min()


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
