"""Tests of one-at-a-time weight sweeps and score sensitivity (samvalg.sensitivity).

Truths: closed-form crossovers of two linear value lines; every reported crossover is exact
(just left and right of it the two options are in opposite order); the sweep agrees with SMAA
on a degenerate weight distribution (weights uniform on the sweep's segment: the first-rank
acceptability is the length of the segment where each option is on top); score thresholds
from the closed form agree with bisection on the same problem.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

import samvalg
from samvalg.methods import get_method
from samvalg.sensitivity import (
    score_sensitivity,
    sensitivity_service,
    sweep_segment,
    weight_sweep,
)
from samvalg.smaa import smaa2

METHODS = ["wsm", "wpm", "topsis", "vikor", "promethee_ii"]

rng = np.random.default_rng(12)
X5 = rng.uniform(0.05, 1.0, size=(5, 4))
W5 = np.array([0.4, 0.3, 0.2, 0.1])


def test_two_lines_closed_form():
    X = [[0.8, 0.2], [0.3, 0.6]]
    s = weight_sweep(X, [0.5, 0.5], [1, 1], 0, normalization="none", alternatives=["A", "B"])
    assert len(s.crossovers) == 1
    c = s.crossovers[0]
    assert c.t == pytest.approx(4 / 9, abs=1e-15)
    assert (c.ahead_before, c.ahead_after) == ("B", "A")
    assert s.top == "A" and s.current == 0.5
    assert s.increase is None
    assert s.decrease.weight == pytest.approx(4 / 9) and s.decrease.new_top == "B"
    assert s.decrease.absolute == pytest.approx(4 / 9 - 0.5)
    assert s.decrease.relative == pytest.approx((4 / 9 - 0.5) / 0.5)
    assert s.exact and s.values.shape == (101, 2)


@pytest.mark.parametrize("method", METHODS)
def test_crossovers_are_exact(method):
    spec = get_method(method)
    for j in range(4):
        s = weight_sweep(X5, W5, np.ones(4), j, method=method)
        names = list(s.alternatives)
        for c in s.crossovers:
            i, k = names.index(c.ahead_before), names.index(c.ahead_after)
            for eps, ahead, behind in ((-1e-7, i, k), (1e-7, k, i)):
                u = spec.utility(X5, s.weights_at(c.t + eps), np.ones(4))
                assert u[ahead] > u[behind], (method, j, c)
            u0 = spec.utility(X5, s.weights_at(c.t), np.ones(4))
            assert abs(u0[i] - u0[k]) < 1e-8 * max(1.0, abs(u0[i]))


@pytest.mark.parametrize("method", METHODS)
def test_thresholds_dethrone_the_top(method):
    spec = get_method(method)
    for j in range(4):
        s = weight_sweep(X5, W5, np.ones(4), j, method=method)
        u = spec.utility(X5, s.weights_at(s.current), np.ones(4))
        assert s.alternatives[int(np.argmax(u))] == s.top
        assert np.allclose(s.weights_at(s.current), W5)
        for th, sign in ((s.increase, 1), (s.decrease, -1)):
            if th is None:
                # never: the top stays on top over the whole side of the sweep
                side = np.linspace(s.current, 1.0 if sign > 0 else 0.0, 200)
                tops = [np.argmax(spec.utility(X5, s.weights_at(t), np.ones(4))) for t in side]
                assert all(s.alternatives[t] == s.top for t in tops)
                continue
            before = spec.utility(X5, s.weights_at(th.weight - sign * 1e-7), np.ones(4))
            after = spec.utility(X5, s.weights_at(th.weight + sign * 1e-7), np.ones(4))
            assert s.alternatives[int(np.argmax(before))] == s.top
            assert s.alternatives[int(np.argmax(after))] == th.new_top != s.top


def test_sweep_agrees_with_smaa_on_a_segment():
    """Weights uniform on the sweep's segment: acceptability = length where each is on top."""
    s = weight_sweep(X5, W5, np.ones(4), 1, method="wsm", normalization="none")
    t = np.random.default_rng(3).uniform(0, 1, 40_000)
    W = s.weights_at(0.0)[None, :] * (1 - t)[:, None] + s.weights_at(1.0)[None, :] * t[:, None]
    r = smaa2(X5, np.ones(4), method="wsm", normalization="none", weights=W)
    # first-rank lengths from the crossovers of the top option
    points = [0.0, *[c.t for c in s.crossovers], 1.0]
    length = np.zeros(5)
    for a, b in itertools.pairwise(points):
        u = get_method("wsm").utility(
            X5, s.weights_at((a + b) / 2), np.ones(4), normalization="none"
        )
        length[int(np.argmax(u))] += b - a
    assert np.all(np.abs(r.first_rank - length) < 4 * r.rank_acceptability_se[:, 0] + 1e-9)
    assert length.sum() == pytest.approx(1.0)


def test_candidates_limit_the_order():
    cand = np.array([False, True, True, True, True])
    s = weight_sweep(X5, W5, np.ones(4), 0, method="topsis", candidates=cand)
    assert "a1" not in s.candidates and s.top != "a1"
    for c in s.crossovers:
        assert "a1" not in (c.ahead_before, c.ahead_after)


def test_set_style_segment_and_json():
    s = sweep_segment(
        X5,
        [0.5, 0.5, 0, 0],
        [0, 0, 0.5, 0.5],
        np.ones(4),
        0.3,
        method="vikor",
        parameter="gains",
        kind="set",
    )
    assert not s.exact and s.grid_points == 1001
    assert not s.higher_is_better
    d = json.loads(s.to_json())
    assert d["parameter"] == "gains" and d["kind"] == "set"
    assert "<table>" in s._repr_html_() and "gains" in repr(s)


def test_score_sensitivity_closed_form():
    X = np.array([[0.8, 0.6], [0.5, 0.7], [0.2, 0.1]])
    s = score_sensitivity(X, [0.5, 0.5], [1, 1], normalization="none", candidates=[True] * 3)
    # V = 0.7, 0.6, 0.15: top a1, gap to a2 = 0.1 -> a1 down by 0.2, a2 up by 0.2
    assert s.top == "a1" and s.exact
    assert np.allclose(s.decrease[0], [0.2, 0.2])
    assert np.isnan(s.increase[0]).all()
    assert np.allclose(s.increase[1], [0.2, 0.2])
    assert np.allclose(s.increase[2], [1.1, 1.1])
    assert s.leaves_scale_increase[2].all() and not s.leaves_scale_increase[1].any()
    assert np.isnan(s.decrease[1:]).all()


@pytest.mark.parametrize("method", METHODS)
def test_score_sensitivity_thresholds_flip_the_top(method):
    spec = get_method(method)
    s = score_sensitivity(X5, W5, np.ones(4), method=method, lower=0.0, upper=1.0)
    u = spec.utility(X5, W5, np.ones(4))
    top = int(np.argmax(u))
    assert s.alternatives[top] == s.top
    checked = 0
    for arr, sign in ((s.increase, 1), (s.decrease, -1)):
        for i, j in zip(*np.nonzero(~np.isnan(arr)), strict=True):
            d = arr[i, j]
            for step, flipped in ((d - 1e-6, False), (d + 1e-6, True)):
                Y = X5.copy()
                Y[i, j] += sign * step
                if method == "wpm" and (Y <= 0).any():
                    continue
                v = spec.utility(Y, W5, np.ones(4))
                beaten = np.max(np.delete(v, top)) > v[top] + 1e-12
                assert beaten == flipped, (method, i, j, sign, d)
            checked += 1
    assert checked > 0


def test_score_closed_form_agrees_with_bisection():
    exact = score_sensitivity(X5, W5, np.ones(4), normalization="none")
    # "max" normalisation on a matrix whose column maxima are 1 and stay put for decreases
    Y = X5 / X5.max(axis=0)
    a = score_sensitivity(Y, W5, np.ones(4), normalization="none")
    assert a.exact and exact.exact
    num = score_sensitivity(Y, W5, np.ones(4), method="promethee_ii", preference="vshape", p=1e6)
    # PROMETHEE II with a linear preference wider than every difference: its flow gaps are
    # a rescaled WSM gap, and so are their derivatives, so the thresholds are WSM's
    # (the numeric search covers one scale width: beyond it, "never" within the range)
    for got, want in ((num.decrease, a.decrease), (num.increase, a.increase)):
        inside = want < 1.0 - 1e-6
        assert np.allclose(got[inside], want[inside], atol=1e-8)
        assert np.isnan(got[~inside]).all()
        assert inside.sum() >= 3


def test_service_sensitivity_on_the_example():
    a = samvalg.example_assessment()
    ev = samvalg.evaluate(a)
    s = sensitivity_service(a, "lonn", view="combined", n_points=21)
    v = ev["lonn"]["combined"]
    assert s.top == v.best
    assert set(s.criterion_sweeps) == set(v.criteria)
    assert set(s.set_sweeps) == {"strategy", "gains", "model"}
    for set_id, sw in s.set_sweeps.items():
        assert sw.current == pytest.approx(a.set_weights()[set_id] / sum(a.set_weights().values()))
        assert np.allclose(sw.weights_at(sw.current), v.weights)
    assert np.allclose(
        s.scores.values[:, :12],
        a.matrix("lonn", "strategy").values[
            [a.matrix("lonn", "strategy").option_ids.index(o) for o in v.options]
        ],
    )
    # scale units: a WSM threshold times w_j / (upper - lower) is the value gap
    i = v.options.index(s.top)
    runner_up = np.sort(v.values[v.feasible])[-2]
    j = int(np.argmax(v.weights))
    width = 4.0 if v.criteria[j] in a.criteria("strategy") else None
    if width is not None:
        assert s.scores.decrease[i, j] * v.weights[j] / width == pytest.approx(
            v.values[i] - runner_up
        )
    d = json.loads(s.to_json())
    assert d["top"] == s.top and d["illustrative"] is True
    assert "<table>" in s._repr_html_()
    assert s.thresholds()[0]["kind"] == "set"


def test_critical_cells_flag_changes_that_leave_the_scale():
    s = sensitivity_service(samvalg.example_assessment(), "lonn").scores
    every = s.critical(10_000, within_scale=False)
    assert len(every) == int((~np.isnan(s.increase)).sum() + (~np.isnan(s.decrease)).sum())
    assert [c["change"] for c in every] == sorted(c["change"] for c in every)
    for c in every:
        i, j = s.alternatives.index(c["option"]), s.criteria.index(c["criterion"])
        new = c["score"] + (c["change"] if c["direction"] == "increase" else -c["change"])
        outside = not (s.lower[j] - 1e-9 <= new <= s.upper[j] + 1e-9)
        assert c["outside_scale"] == outside
        flag = s.leaves_scale_increase if c["direction"] == "increase" else s.leaves_scale_decrease
        assert c["outside_scale"] == bool(flag[i, j])
    assert any(c["outside_scale"] for c in every)
    inside = s.critical(10_000)
    assert inside == [c for c in every if not c["outside_scale"]]


def _pinned_reference():
    import gzip
    from pathlib import Path

    path = Path(__file__).parent / "data" / "sensitivity_reference.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.mark.parametrize("method", METHODS)
def test_example_results_equal_the_pinned_reference(method):
    """Every service of the example, combined view: the crossovers, thresholds and (lonn,
    byggesak) score thresholds computed before the batched evaluation (2026-12-04), to 1e-9.

    2026-12-06: the 268 crossovers (all PROMETHEE II) at t within 1e-11 of 1 and the 40
    thresholds there were removed from the file: they were rounding noise of options tied at
    the segment's end (another CPU's sums put them elsewhere or nowhere), which
    ``_pair_roots_linear`` now treats as ties. The weights are compared to 1e-12 for the same
    reason (the elicited weights' last bits follow the CPU's summation order)."""
    ref = _pinned_reference()[method]
    a = samvalg.example_assessment()
    for sid, want in ref.items():
        s = sensitivity_service(a, sid, method=method)
        o = list(s.options)
        assert o == want["options"] and s.top == want["top"]
        sweeps = {
            **{f"set:{k}": v for k, v in s.set_sweeps.items()},
            **{f"crit:{k}": v for k, v in s.criterion_sweeps.items()},
        }
        assert set(sweeps) == set(want["sweeps"])
        for key, w in want["sweeps"].items():
            sw = sweeps[key]
            assert (sw.top, sw.exact) == (w["top"], w["exact"])
            assert sw.current == pytest.approx(w["current"], rel=1e-12, abs=1e-15)
            got = [(c.t, o.index(c.ahead_before), o.index(c.ahead_after)) for c in sw.crossovers]
            assert len(got) == len(w["crossovers"]), (sid, key)
            for t, i, j in w["crossovers"]:  # crossovers tied in t may come in either order
                assert min(abs(t - g[0]) for g in got if g[1:] == (i, j)) < 1e-9, (sid, key)
            for name in ("increase", "decrease"):
                th = getattr(sw, name)
                assert (th is None) == (w[name] is None), (sid, key, name)
                if th is not None:
                    assert th.weight == pytest.approx(w[name][0], abs=1e-9)
                    assert o.index(th.new_top) == w[name][1]
            assert float(sw.values.sum()) == pytest.approx(w["values_sum"], abs=1e-9)
        if "scores" in want:
            for name in ("increase", "decrease"):
                exp = np.array(want["scores"][name], dtype=float)
                np.testing.assert_allclose(getattr(s.scores, name), exp, rtol=0, atol=1e-9)


def test_a_tie_at_the_segments_end_is_no_crossover():
    """Two options tied at t = 1 up to the last bits of a sum (as a CPU's summation order
    leaves them) do not cross at t = 1 - 1e-16: a tie at an end is no crossover inside."""
    from samvalg.sensitivity._roots import _pair_roots_linear

    a = np.array([0.30, 0.10, 0.20])
    for noise in (0.0, 5e-17, -5e-17, 2e-16):
        e = np.array([0.5, 0.5 + noise, 0.9])
        roots = _pair_roots_linear(a, e, np.arange(3))
        assert [(i, j) for _t, i, j in roots] == [(0, 2)], (noise, roots)
        assert roots[0][0] == pytest.approx(0.2)  # 0.3 -> 0.5 meets 0.2 -> 0.9 at t = 0.2
    # a real crossover just inside stays: lines 0.3 -> 0.5 and 0.1 -> 0.9 cross at t = 1/3
    e = np.array([0.5, 0.9, 0.0])
    (t, i, j), *_ = _pair_roots_linear(a, e, np.arange(3))
    assert (i, j) == (0, 1) and t == pytest.approx(1 / 3)
