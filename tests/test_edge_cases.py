"""Numerical edge cases, each as documented in docs/edge-cases.md.

Constant columns (zero range), all-zero columns, ties, a single criterion, one option and scores
at the scale's bounds, for every method on plain arrays (samvalg.methods) and through evaluate
(scale-anchored values, where an all-zero column is simply every option at the bottom of the
scale).
"""

from __future__ import annotations

import numpy as np
import pytest

from _assessment_cases import GAINS, MODEL, STRATEGY, valid
from samvalg import evaluate, load_assessment, methods
from samvalg.errors import SamvalgError, ValidationError
from samvalg.ranking import rank

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
X3 = np.array([[0.2, 0.9, 0.5], [0.6, 0.1, 0.5], [0.4, 0.5, 0.5]])  # column 2 constant
W3 = np.array([0.3, 0.3, 0.4])
T3 = np.ones(3)


def utility(method: str, X: np.ndarray, w: np.ndarray, types: np.ndarray, **kw) -> np.ndarray:
    """Higher is better for every method (VIKOR: -Q)."""
    return np.asarray(methods.get_method(method).utility(X, w, types, **kw), dtype=float)


# -- constant columns -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["vector", "minmax", "max", "sum", "linear"])
def test_a_constant_column_normalises_to_one_value(kind: str) -> None:
    N = methods.normalize(X3, T3, kind)
    assert np.ptp(N[:, 2]) == 0
    expected = {"vector": 1 / np.sqrt(3), "minmax": 1.0, "max": 1.0, "sum": 1 / 3, "linear": 1.0}[
        kind
    ]
    assert N[0, 2] == pytest.approx(expected)


@pytest.mark.parametrize("method", METHODS)
def test_a_constant_column_never_changes_the_ranking(method: str) -> None:
    """Dropping the constant column (and renormalising the weights) gives the same ranking."""
    u_all = utility(method, X3, W3, T3)
    w2 = W3[:2] / W3[:2].sum()
    u_two = utility(method, X3[:, :2], w2, T3[:2])
    assert np.array_equal(rank(u_all), rank(u_two))


def test_topsis_and_promethee_ignore_a_constant_column_exactly() -> None:
    """A constant column adds 0 to both TOPSIS distances and 0 to every PROMETHEE preference."""
    for method in ("topsis", "promethee_ii"):
        a = utility(method, X3, W3, T3)
        b = utility(method, np.c_[X3[:, :2], np.full(3, 0.9)], W3, T3)
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_vikor_on_a_constant_column_ignores_it() -> None:
    """VIKOR's f* - f- is 0 on a constant column: its term is taken as 0 (no 0/0)."""
    r = methods.vikor(X3, W3, T3)
    assert np.all(np.isfinite(r.S)) and np.all(np.isfinite(r.Q))
    r2 = methods.vikor(np.c_[X3[:, :2], np.full(3, 0.1)], W3, T3)
    np.testing.assert_allclose(r.S, r2.S, atol=1e-12)
    np.testing.assert_allclose(r.Q, r2.Q, atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_every_column_constant_ties_every_option(method: str) -> None:
    X = np.tile([0.3, 0.7, 0.5], (4, 1))
    u = utility(method, X, W3, T3)
    assert np.all(np.isfinite(u))
    assert np.all(rank(u) == 1)


# -- all-zero columns -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["vector", "max"])
def test_an_all_zero_column_is_refused_by_the_dividing_kernels(kind: str) -> None:
    X = X3.copy()
    X[:, 1] = 0.0
    with pytest.raises(ValidationError) as info:
        methods.normalize(X, T3, kind)
    assert info.value.problems[0].location == "X[:, 1]"
    assert "minmax" in info.value.problems[0].allowed


@pytest.mark.parametrize("method", METHODS)
def test_evaluate_treats_everyone_at_the_bottom_of_the_scale_as_a_constant_column(
    method: str,
) -> None:
    """Every option scored 1 (the scale minimum, value 0) on a criterion: evaluate ranks as if
    the criterion held any other common score: it cannot tell the options apart."""
    lows, mids = valid(), valid()
    for data, score in ((lows, 1), (mids, 3)):
        for svc in data["services"].values():
            for cells in svc["scores"].values():
                cells["fagmiljo"] = score
    ev_low = evaluate(load_assessment(lows), method=method)
    ev_mid = evaluate(load_assessment(mids), method=method)
    for sid in ev_low:
        for key in ("whether", "strategy", "combined"):
            lo, mi = ev_low[sid][key], ev_mid[sid][key]
            assert np.all(np.isfinite(lo.values))
            assert np.array_equal(lo.ranks, mi.ranks), (sid, key, method)
            if method in ("topsis", "promethee_ii", "vikor"):
                np.testing.assert_allclose(lo.values, mi.values, atol=1e-12)
        j = ev_low[sid]["whether"].criteria.index("fagmiljo")
        bottom = 1.0 if method == "wpm" else 0.0  # WPM's input is x - lower + 1
        assert np.all(ev_low[sid]["whether"].value_matrix[:, j] == bottom)  # kept as they are


def test_an_impossible_normalisation_names_the_service_and_criterion() -> None:
    """A user-chosen normalisation that is undefined on valid scores: a SamvalgError in the
    assessment's terms (service, view, criterion), not a kernel's column index."""
    data = valid()
    data["services"]["lonn"]["scores"]["egen_drift"]["fagmiljo"] = 1  # value 0 on 1..5
    with pytest.raises(SamvalgError) as info:
        evaluate(load_assessment(data), method="wsm", normalization="sum")
    text = str(info.value)
    assert "services.lonn, criterion fagmiljo (whether view)" in text
    assert "X[:" not in text and "normalization 'sum'" in text


# -- ties ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_identical_options_tie_and_share_the_lower_rank(method: str) -> None:
    X = np.array([[0.5, 0.2, 0.9], [0.5, 0.2, 0.9], [0.1, 0.8, 0.3]])
    u = utility(method, X, W3, T3)
    assert u[0] == pytest.approx(u[1], abs=1e-12)
    r = rank(u)
    assert r[0] == r[1] and set(r) <= {1, 3} | {1, 2}


def test_evaluate_reports_a_tie_at_the_top() -> None:
    data = valid()
    scores = data["services"]["lonn"]["scores"]
    scores["oppgavefellesskap"] = dict(scores["vertskommune:melhus"])
    for c in (*STRATEGY, *GAINS):  # both formal options best on every whether-criterion
        scores["oppgavefellesskap"][c] = scores["vertskommune:melhus"][c] = 5
    view = evaluate(load_assessment(data))["lonn"]["whether"]
    assert set(view.ties_at_top) == {"vertskommune:melhus", "oppgavefellesskap"}
    assert sorted(view.ranks.tolist()) == [1, 1, 3]


# -- one criterion, one option --------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_a_single_criterion_ranks_by_that_criterion(method: str) -> None:
    x = np.array([[0.3], [0.9], [0.1], [0.6]])
    u = utility(method, x, np.array([1.0]), np.ones(1))
    assert np.array_equal(rank(u), rank(x[:, 0]))


@pytest.mark.parametrize("method", METHODS)
def test_one_option_is_rank_one_with_a_finite_value(method: str) -> None:
    u = utility(method, np.array([[0.3, 0.8, 0.5]]), W3, T3)
    assert u.shape == (1,) and np.all(np.isfinite(u))
    assert rank(u).tolist() == [1]


def test_one_option_in_an_assessment_is_refused() -> None:
    data = valid()
    svc = data["services"]["lonn"]
    svc["options"] = ["egen_drift"]
    svc["scores"] = {"egen_drift": svc["scores"]["egen_drift"]}
    with pytest.raises(ValidationError, match="at least 2 options"):
        load_assessment(data)


# -- scores at the scale's bounds -----------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_scores_at_the_bounds_of_the_scale(method: str) -> None:
    """One option at the top of every scale, one at the bottom, one in the middle: finite values,
    the top option first, the bottom one last, in every view that holds all three."""
    data = valid()
    top, bottom, middle = "vertskommune:melhus", "oppgavefellesskap", "egen_drift"
    scores = data["services"]["lonn"]["scores"]
    for c in (*STRATEGY, *GAINS):
        scores[top][c], scores[bottom][c], scores[middle][c] = 5, 1, 3
    for c in MODEL:
        scores[top][c], scores[bottom][c] = "++++", "----"
    sev = evaluate(load_assessment(data), method=method)["lonn"]
    for key, view in sev.views.items():
        assert np.all(np.isfinite(view.values)), key
        assert view.order[0] == top, (key, view.order)
        assert view.order[-1] == bottom, (key, view.order)
    wsm = evaluate(load_assessment(data))["lonn"]["whether"]
    assert wsm.value_of(top) == pytest.approx(1.0) and wsm.value_of(bottom) == pytest.approx(0.0)


@pytest.mark.parametrize("method", METHODS)
def test_smaa_and_sensitivity_take_everyone_at_the_bottom_of_the_scale(method: str) -> None:
    """The analyses over many perturbed matrices meet the same all-zero column: SMAA-2 (fixed
    and sampled scores) and the score sensitivity run, finite, with no warning; SMAA equals the
    run with every option at a common middle score."""
    from samvalg.sensitivity import sensitivity_service
    from samvalg.smaa import smaa_service

    def with_common(score: int):
        data = valid()
        del data["services"]["byggesak"]
        for cells in data["services"]["lonn"]["scores"].values():
            cells["fagmiljo"] = score
        return load_assessment(data)

    low, mid = with_common(1), with_common(3)
    r_low = smaa_service(low, "lonn", view="whether", n=300, seed=4, method=method)
    r_mid = smaa_service(mid, "lonn", view="whether", n=300, seed=4, method=method)
    np.testing.assert_array_equal(r_low.rank_acceptability, r_mid.rank_acceptability)
    sampled = smaa_service(
        low, "lonn", view="whether", n=200, seed=4, method=method, score_uncertainty="triangular"
    )
    np.testing.assert_allclose(np.asarray(sampled.rank_acceptability).sum(axis=1), 1.0)
    for view in ("whether", "form", "combined"):
        sensitivity_service(low, "lonn", view=view, method=method)
