"""Tests of SMAA-2 (samvalg.smaa).

Truths: closed-form acceptabilities (two options, two criteria, uniform weights: the share is
the length of the weight interval where each wins; Lahdelma & Salminen 2001), a plain Python
loop over samples as an independent reference for every index (definitions as R's smaa:
smaa.ranks, smaa.cw, smaa.cf, smaa.pvf), invariants (sums, dominance), and reproducibility.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from samvalg import _sampling
from samvalg.errors import SamvalgError, ValidationError
from samvalg.methods import get_method
from samvalg.ranking import rank
from samvalg.smaa import SMAAResult, smaa2
from samvalg.text.smaa import probability_basis_text

METHODS = ["wsm", "wpm", "topsis", "vikor", "promethee_ii"]

X4 = np.array(
    [
        [0.9, 0.2, 0.5, 0.6],
        [0.4, 0.8, 0.6, 0.3],
        [0.6, 0.6, 0.2, 0.8],
        [0.3, 0.1, 0.4, 0.2],  # dominated by row 0
    ]
)


def test_two_options_two_criteria_closed_form():
    # u1 - u2 = 0.5 w1 - 0.4 (1 - w1) > 0  <=>  w1 > 4/9; w1 ~ U(0, 1) on the 2-simplex
    X = [[0.8, 0.2], [0.3, 0.6]]
    r = smaa2(X, [1, 1], n=20_000, seed=3, method="wsm", normalization="none")
    expected = np.array([[5 / 9, 4 / 9], [4 / 9, 5 / 9]])
    assert np.all(np.abs(r.rank_acceptability - expected) < 4 * r.rank_acceptability_se + 1e-12)
    # central weights: E[w | w1 > 4/9] = ((1 + 4/9) / 2, ...)
    cw0 = (1 + 4 / 9) / 2
    assert abs(r.central_weights[0, 0] - cw0) < 4 * r.central_weights_se[0, 0]
    assert abs(r.central_weights[1, 0] - 2 / 9) < 4 * r.central_weights_se[1, 0]
    assert np.array_equal(r.confidence, [1.0, 1.0])
    assert np.allclose(r.pairwise_winning, [[0, 5 / 9], [4 / 9, 0]], atol=0.015)


@pytest.mark.parametrize("method", METHODS)
def test_dominated_option_never_first_and_sums(method):
    r = smaa2(X4, [1, 1, 1, 1], n=3000, seed=1, method=method)
    assert r.rank_acceptability[3, 0] == 0.0
    assert np.isnan(r.central_weights[3]).all() and np.isnan(r.confidence[3])
    assert r.pairwise_winning[3, 0] == 0.0
    assert np.allclose(r.rank_acceptability.sum(axis=1), 1.0)
    assert np.allclose(r.rank_acceptability.sum(axis=0), 1.0)
    assert np.allclose(r.pairwise_winning + r.pairwise_winning.T, 1 - np.eye(4))
    finite = ~np.isnan(r.central_weights[:, 0])
    assert np.allclose(r.central_weights[finite].sum(axis=1), 1.0)


def test_same_seed_same_bits_and_chunk_invariance():
    a = smaa2(X4, np.ones(4), n=5000, seed=42, method="topsis")
    a2 = smaa2(X4, np.ones(4), n=5000, seed=42, method="topsis")
    b = smaa2(X4, np.ones(4), n=5000, seed=42, method="topsis", chunk_size=333)
    c = smaa2(X4, np.ones(4), n=5000, seed=43, method="topsis")
    assert a.to_json() == a2.to_json()
    for name in ("rank_acceptability", "central_weights", "confidence", "pairwise_winning"):
        assert np.array_equal(getattr(a, name), getattr(a2, name), equal_nan=True)
    # counts do not depend on the chunk size; sums of weights agree to rounding
    assert np.array_equal(a.rank_acceptability, b.rank_acceptability)
    assert np.array_equal(a.pairwise_winning, b.pairwise_winning)
    assert np.allclose(a.central_weights, b.central_weights, rtol=1e-12, equal_nan=True)
    assert not np.array_equal(a.rank_acceptability, c.rank_acceptability)


def _loop_reference(X, W, method, kw):
    """Plain Python loop over samples, one kernel call and samvalg.ranking.rank per sample."""
    spec = get_method(method)
    N = W.shape[0]
    m = X.shape[-2]
    counts = np.zeros((m, m))
    wins = np.zeros((m, m))
    wsum = np.zeros((m, W.shape[1]))
    nfirst = np.zeros(m)
    for k in range(N):
        Xk = X[k] if X.ndim == 3 else X
        u = spec.utility(Xk, W[k], np.ones(X.shape[-1]), **kw)
        r = rank(u)
        for i in range(m):
            counts[i, r[i] - 1] += 1
            for j in range(m):
                wins[i, j] += u[i] > u[j] + 1e-10
            if r[i] == 1:
                wsum[i] += W[k]
                nfirst[i] += 1
    with np.errstate(invalid="ignore"):
        cw = wsum / nfirst[:, None]
    conf = np.full(m, np.nan)
    for i in range(m):
        if nfirst[i] == 0:
            continue
        hits = 0
        for k in range(N if X.ndim == 3 else 1):
            Xk = X[k] if X.ndim == 3 else X
            hits += rank(spec.utility(Xk, cw[i], np.ones(X.shape[-1]), **kw))[i] == 1
        conf[i] = hits / (N if X.ndim == 3 else 1)
    return counts / N, cw, conf, wins / N


@pytest.mark.parametrize("method", METHODS)
def test_against_a_python_loop_fixed_X(method):
    W = _sampling.uniform_simplex(300, 4, rng=5)
    r = smaa2(X4, np.ones(4), method=method, weights=W, chunk_size=64)
    ra, cw, conf, pw = _loop_reference(X4, W, method, {})
    assert r.n == 300
    assert np.array_equal(r.rank_acceptability, ra)
    assert np.allclose(r.central_weights, cw, equal_nan=True, atol=1e-12)
    assert np.array_equal(r.confidence, conf, equal_nan=True)
    assert np.array_equal(r.pairwise_winning, pw)


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee_ii"])
def test_against_a_python_loop_sampled_X(method):
    rng = np.random.default_rng(8)
    Xs = np.clip(X4 + rng.normal(0, 0.15, size=(200, *X4.shape)), 0.01, 1)
    W = _sampling.uniform_simplex(200, 4, rng=9)
    r = smaa2(Xs, np.ones(4), method=method, weights=W, chunk_size=50)
    ra, cw, conf, pw = _loop_reference(Xs, W, method, {})
    assert r.sampled_scores and r.n == 200
    assert np.array_equal(r.rank_acceptability, ra)
    assert np.allclose(r.central_weights, cw, equal_nan=True, atol=1e-12)
    assert np.allclose(r.confidence, conf, equal_nan=True)
    assert np.array_equal(r.pairwise_winning, pw)
    assert np.all(r.confidence_se[~np.isnan(conf)] >= 0)


def test_sampled_X_sets_the_number_of_iterations():
    Xs = np.broadcast_to(X4, (700, *X4.shape))
    r = smaa2(Xs, np.ones(4), n=10, seed=0)
    assert r.n == 700
    fixed = smaa2(X4, np.ones(4), n=700, seed=0)
    assert np.array_equal(r.rank_acceptability, fixed.rank_acceptability)


def test_standard_errors():
    r = smaa2(X4, np.ones(4), n=4000, seed=2)
    p = r.rank_acceptability
    assert np.allclose(r.rank_acceptability_se, np.sqrt(p * (1 - p) / 4000))
    assert np.all(r.confidence_se[~np.isnan(r.confidence)] == 0)  # fixed X
    finite = r.first_rank > 0.01
    assert (r.central_weights_se[finite] > 0).all()
    assert (r.central_weights_se[finite] < 0.02).all()


def test_ranked_subset_excludes_but_keeps_in_the_method():
    # option 1 would win most often; ranking only 0, 2, 3 leaves it out of the ranks
    r = smaa2(
        X4,
        np.ones(4),
        n=2000,
        seed=4,
        method="topsis",
        ranked=[True, False, True, True],
        alternatives=["a", "b", "c", "d"],
    )
    assert r.alternatives == ("a", "c", "d")
    assert r.rank_acceptability.shape == (3, 3)
    assert np.allclose(r.rank_acceptability.sum(axis=0), 1.0)
    W = _sampling.uniform_simplex(2000, 4, rng=4)
    U = get_method("topsis").utility(X4, W, np.ones(4))[:, [0, 2, 3]]
    assert np.allclose(r.first_rank, np.bincount(U.argmax(axis=1), minlength=3) / 2000)


def test_ties_share_the_best_rank():
    X = [[0.5, 0.5], [0.5, 0.5], [0.1, 0.1]]
    r = smaa2(X, [1, 1], n=100, seed=0, normalization="none")
    assert np.array_equal(r.rank_acceptability[:, 0], [1.0, 1.0, 0.0])
    assert np.array_equal(r.rank_acceptability[2], [0.0, 0.0, 1.0])
    assert np.array_equal(r.pairwise_winning[0], [0.0, 0.0, 1.0])


def test_result_serialises():
    r = smaa2(X4, np.ones(4), n=500, seed=1, method="vikor", v=0.3)
    d = json.loads(r.to_json())
    assert d["method"] == "vikor" and d["method_kwargs"] == {"v": 0.3}
    assert d["central_weights"][3] == [None] * 4
    assert isinstance(r, SMAAResult)
    html = r._repr_html_()
    assert "<table>" in html and "a4" in html
    assert "b1=" in repr(r)


def test_input_errors():
    with pytest.raises(ValidationError, match="weights"):
        smaa2(X4, np.ones(4), weights=np.ones((5, 3)))
    with pytest.raises(ValidationError, match="matrices"):
        smaa2(np.broadcast_to(X4, (5, 4, 4)), np.ones(4), weights=np.ones((6, 4)))
    with pytest.raises(ValidationError, match="types"):
        smaa2(X4, np.ones(3))
    with pytest.raises(ValidationError, match="n"):
        smaa2(X4, np.ones(4), n=0)
    with pytest.raises(SamvalgError, match="unknown method"):
        smaa2(X4, np.ones(4), method="electre")
    with pytest.raises(ValidationError, match="normalization"):
        smaa2(X4, np.ones(4), method="promethee_ii", normalization="max")


# --- the domain entry ------------------------------------------------------------------------

import samvalg  # noqa: E402
from samvalg.cli import main  # noqa: E402
from samvalg.smaa import smaa_service  # noqa: E402


@pytest.fixture(scope="module")
def example():
    return samvalg.example_assessment()


def test_service_excludes_infeasible_and_not_applicable(example):
    ev = samvalg.evaluate(example, services=["byggesak"])
    v = ev["byggesak"]["form"]
    r = smaa_service(example, "byggesak", view="form", n=2000, seed=1)
    feasible = tuple(o for o, f in zip(v.options, v.feasible, strict=True) if f)
    assert r.options == feasible
    for opt in v.options:
        if opt not in feasible:
            assert "legally ruled out" in r.excluded[opt]
    for opt in v.excluded:
        assert "not applicable" in r.excluded[opt]
    assert np.allclose(r.rank_acceptability.sum(axis=1), 1.0)
    assert np.allclose(r.rank_acceptability.sum(axis=0), 1.0)


@pytest.mark.parametrize("info", ["uniform", "ordinal", "bounds", "elicited"])
@pytest.mark.parametrize("hierarchy", ["levels", "global"])
def test_service_weight_information(example, info, hierarchy):
    # +-50 % bounds on 28 weights at once leave ~1e-5 of the simplex: 2.0 (0..3x) globally
    spread = 2.0 if hierarchy == "global" else 0.5
    r = smaa_service(
        example, "lonn", n=1500, seed=2, weight_info=info, hierarchy=hierarchy, bounds=spread
    )
    res = r.result
    assert np.allclose(res.rank_acceptability.sum(axis=1), 1.0)
    cw = res.central_weights[~np.isnan(res.central_weights[:, 0])]
    assert np.allclose(cw.sum(axis=1), 1.0)
    assert (r.acceptance_rate is not None) == (info == "bounds")
    if info == "bounds":
        assert 0 < r.acceptance_rate <= 1
    again = smaa_service(
        example, "lonn", n=1500, seed=2, weight_info=info, hierarchy=hierarchy, bounds=spread
    )
    assert again.to_json() == r.to_json()


def test_service_elicited_concentrates_on_the_evaluated_best(example):
    best = samvalg.evaluate(example)["lonn"]["combined"].best
    tight = smaa_service(example, "lonn", n=2000, seed=3, weight_info="elicited", concentration=1e6)
    assert tight.most_acceptable == best
    assert tight.result.acceptability_of(best)[0] > 0.99


def test_service_ordinal_levels_respect_the_order(example):
    r = smaa_service(example, "lonn", view="gains", n=3000, seed=4, weight_info="ordinal")
    w = r.elicited_weights
    cw = r.result.central_weights
    order = np.argsort(-w, kind="stable")
    for row in cw[~np.isnan(cw[:, 0])]:
        # a mean of vectors that all respect the order respects it too
        assert (np.diff(row[order])[np.diff(w[order]) < -1e-12] <= 1e-12).all()


@pytest.mark.parametrize("dist", ["uniform", "triangular", "pert"])
def test_service_score_uncertainty(example, dist):
    r = smaa_service(
        example, "lonn", view="whether", n=1000, seed=5, method="topsis", score_uncertainty=dist
    )
    assert r.result.sampled_scores
    ok = ~np.isnan(r.confidence)
    assert ((r.confidence[ok] >= 0) & (r.confidence[ok] <= 1)).all()
    assert (r.result.confidence_se[ok] >= 0).all()


def test_service_stakeholders(example):
    v = samvalg.evaluate(example)["lonn"]["gains"]
    c = v.criteria
    r = smaa_service(
        example,
        "lonn",
        view="gains",
        n=1000,
        seed=6,
        weight_info="stakeholders",
        stakeholders={"a": {c[0]: 1.0}, "b": {c[1]: 1.0}},
    )
    cw = r.result.central_weights
    # every sample is one of the two exact vectors
    for row in cw[~np.isnan(cw[:, 0])]:
        assert np.isclose(row[0] + row[1], 1.0)
    with pytest.raises(ValidationError, match="unknown criteria"):
        smaa_service(
            example,
            "lonn",
            view="gains",
            n=10,
            weight_info="stakeholders",
            stakeholders={"a": {"nope": 1.0}},
        )


def test_service_argument_errors(example):
    with pytest.raises(ValidationError, match="weight_info"):
        smaa_service(example, "lonn", weight_info="fuzzy")
    with pytest.raises(ValidationError, match="bounds"):
        smaa_service(example, "lonn", n=10, weight_info="bounds")
    with pytest.raises(ValidationError, match="acceptance"):
        smaa_service(example, "lonn", n=10, weight_info="bounds", bounds=0.1, hierarchy="global")
    with pytest.raises(SamvalgError):
        smaa_service(example, "nope")
    with pytest.raises(SamvalgError, match="view"):
        smaa_service(example, "lonn", view="nope")


def test_cli_smaa(capsys):
    assert main(["smaa", "--service", "lonn", "--n", "500", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["service"] == "lonn" and d["smaa"]["n"] == 500
    assert main(["smaa", "--service", "byggesak", "--view", "form", "--n", "300"]) == 0
    out = capsys.readouterr().out
    assert "b1" in out and "✗" in out
    assert main(["smaa", "--service", "nope", "--n", "10"]) == 2


def test_all_zero_column_is_a_constant_column_with_the_default_normalisation() -> None:
    """smaa2 passes normalization=None (the method's default): a 0/0 must not surface."""
    X = np.array([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0]])
    for method in ("wsm", "topsis"):
        r = smaa2(X, np.ones(2), n=200, method=method)
        assert r.rank_acceptability[2, 0] == 1.0


# -- raw draws (keep_draws) ------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_kept_draws_reproduce_every_statistic_exactly(method):
    N = 3000
    r = smaa2(X4, np.ones(4), n=N, seed=11, method=method, keep_draws=True, chunk_size=700)
    d = r.draws
    assert d.weights.shape == (N, 4) and d.ranks.shape == (N, 4) and d.utilities.shape == (N, 4)
    assert d.ranks.dtype == np.int16
    for i in range(4):
        counts = np.bincount(d.ranks[:, i] - 1, minlength=4)
        np.testing.assert_array_equal(counts, np.round(r.rank_acceptability[i] * N))
        np.testing.assert_array_equal(counts / N, r.rank_acceptability[i])
        first = d.ranks[:, i] == 1
        if first.any():
            np.testing.assert_allclose(
                d.weights[first].mean(axis=0), r.central_weights[i], rtol=1e-12, atol=1e-15
            )
    # the ranks are those of the kept utilities (ties within 1e-10 share the best rank)
    U = d.utilities
    wins = U[:, :, None] > U[:, None, :] + 1e-10
    np.testing.assert_array_equal(d.ranks, 1 + wins.sum(axis=1))
    np.testing.assert_array_equal(wins.sum(axis=0) / N, r.pairwise_winning)
    # the utilities are the method's on the kept weights (an independent route)
    spec = get_method(method)
    np.testing.assert_allclose(
        U[:50], spec.utility(X4, d.weights[:50], np.ones(4)), rtol=1e-9, atol=1e-12
    )
    # keeping the draws changes nothing else, and the draws do not depend on the chunk size
    plain = smaa2(X4, np.ones(4), n=N, seed=11, method=method, chunk_size=700)
    assert plain.draws is None
    np.testing.assert_array_equal(plain.rank_acceptability, r.rank_acceptability)
    other = smaa2(X4, np.ones(4), n=N, seed=11, method=method, keep_draws=True, chunk_size=128)
    np.testing.assert_array_equal(other.draws.weights, d.weights)
    np.testing.assert_array_equal(other.draws.ranks, d.ranks)


def test_kept_draws_with_given_weights_ranked_subset_and_sampled_X():
    gen = np.random.default_rng(4)
    W = _sampling.uniform_simplex(500, 4, gen)
    X3 = X4[None] + gen.uniform(-0.1, 0.1, size=(500, 4, 4))
    r = smaa2(
        X3, np.ones(4), weights=W, ranked=[True, True, False, True], keep_draws=True, chunk_size=64
    )
    np.testing.assert_array_equal(r.draws.weights, W)
    assert r.draws.ranks.shape == (500, 3) and r.draws.ranks.max() <= 3
    for i in range(3):
        np.testing.assert_array_equal(
            np.bincount(r.draws.ranks[:, i] - 1, minlength=3) / 500, r.rank_acceptability[i]
        )
    assert r.draws.nbytes == 500 * (8 * 4 + 8 * 3 + 2 * 3)


def test_draws_stay_out_of_to_dict_unless_asked():
    r = smaa2(X4, np.ones(4), n=200, seed=2, keep_draws=True)
    assert "draws" not in r.to_dict()
    assert "draws" not in json.loads(r.to_json())
    d = json.loads(json.dumps(r.to_dict(draws=True)))["draws"]
    assert np.array_equal(np.array(d["ranks"]), r.draws.ranks)
    assert np.array_equal(np.array(d["weights"]), r.draws.weights)
    with pytest.raises(SamvalgError, match="keep_draws=True"):
        smaa2(X4, np.ones(4), n=20, seed=2).to_dict(draws=True)
    assert "SMAADraws(N=200" in repr(r.draws)


def test_service_keeps_draws_with_sampled_scores(example):
    r = smaa_service(
        example,
        "lonn",
        view="whether",
        n=800,
        seed=3,
        weight_info="elicited",
        score_uncertainty="triangular",
        keep_draws=True,
    )
    d = r.draws
    m = len(r.options)
    assert d.ranks.shape == (800, m) and d.weights.shape == (800, len(r.criteria))
    for i in range(m):
        np.testing.assert_array_equal(
            np.bincount(d.ranks[:, i] - 1, minlength=m) / 800, r.rank_acceptability[i]
        )
    assert "draws" not in r.to_dict()
    assert len(r.to_dict(draws=True)["smaa"]["draws"]["ranks"]) == 800
    same = smaa_service(
        example,
        "lonn",
        view="whether",
        n=800,
        seed=3,
        weight_info="elicited",
        score_uncertainty="triangular",
    )
    np.testing.assert_array_equal(same.rank_acceptability, r.rank_acceptability)


# -- stakeholders from the assessment ----------------------------------------------------------


def _views_of_the_stakeholders(a, service, view):
    from samvalg.group import stakeholder_assessment

    out = {}
    for sid in a.stakeholders:
        v = samvalg.evaluate(stakeholder_assessment(a, sid), services=[service])[service][view]
        out[sid] = np.asarray(v.weights, dtype=float)
    return out


def test_service_stakeholders_from_the_assessment(example):
    from samvalg.group import voting_weights

    N = 4000
    r = smaa_service(
        example, "sentralbord", n=N, seed=8, weight_info="stakeholders", keep_draws=True
    )
    views = _views_of_the_stakeholders(example, "sentralbord", "combined")
    vw = voting_weights(example)
    assert r.stakeholder_probabilities == pytest.approx(vw.weights)
    assert "stemmevekt" in str(probability_basis_text(r, "nb"))
    assert "voting weight" in str(probability_basis_text(r, "en"))
    assert r.to_dict()["stakeholder_probabilities"] == pytest.approx(vw.weights)
    assert "stakeholders" in repr(r) and "tillitsvalgte" in r._repr_html_()
    # every drawn vector is exactly one stakeholder's view, drawn as often as its voting weight
    W = r.draws.weights
    who = np.full(N, -1)
    for k, vec in enumerate(views.values()):
        who[np.all(np.isclose(W, vec, rtol=0, atol=1e-12), axis=1)] = k
    assert (who >= 0).all()
    share = np.bincount(who, minlength=len(views)) / N
    p = vw.vector(list(views))
    assert np.all(np.abs(share - p) < 4 * np.sqrt(p * (1 - p) / N))
    # the first-rank acceptability is the share of draws of the stakeholders whose top it is
    # (ties share the first rank)
    v = samvalg.evaluate(example, services=["sentralbord"])["sentralbord"]["combined"]
    X = np.asarray(v.value_matrix)
    rows = [v.options.index(o) for o in r.options]
    on_top = np.array(
        [(X[rows] @ vec) >= (X[rows] @ vec).max() - 1e-10 for vec in views.values()]
    )  # (stakeholders, options)
    expected = share @ on_top
    np.testing.assert_allclose(r.result.first_rank, expected, atol=1e-12)


def test_service_stakeholder_probabilities_follow_the_file_and_the_call(example):
    d = example.to_dict()
    d["stakeholders"]["skaun"]["voting_weight"] = 3
    a = samvalg.load_assessment(d)
    r = smaa_service(a, "lonn", n=50, weight_info="stakeholders")
    assert r.stakeholder_probabilities["skaun"] == pytest.approx(0.5)
    assert r.stakeholder_probabilities["tillitsvalgte"] == pytest.approx(1 / 6)
    assert "skaun 3" in str(probability_basis_text(r, "en"))
    r = smaa_service(
        example,
        "lonn",
        n=2000,
        seed=1,
        weight_info="stakeholders",
        stakeholder_probabilities={"melhus": 1.0},
        keep_draws=True,
    )
    assert r.stakeholder_probabilities == {
        "skaun": 0.0,
        "melhus": 1.0,
        "midtre_gauldal": 0.0,
        "tillitsvalgte": 0.0,
    }
    melhus = _views_of_the_stakeholders(example, "lonn", "combined")["melhus"]
    np.testing.assert_allclose(r.draws.weights, np.tile(melhus, (2000, 1)), atol=1e-12)
    assert "given in the call" in str(probability_basis_text(r, "en"))
    with pytest.raises(ValidationError, match="unknown stakeholders nope"):
        smaa_service(
            example,
            "lonn",
            n=10,
            weight_info="stakeholders",
            stakeholder_probabilities={"nope": 1.0},
        )
    with pytest.raises(ValidationError, match="4 non-negative numbers"):
        smaa_service(
            example, "lonn", n=10, weight_info="stakeholders", stakeholder_probabilities=[1.0, 2.0]
        )


def test_service_stakeholders_without_any_in_the_file(example, tmp_path, capsys):
    from samvalg.io import dump_toml

    bare = example.replace(stakeholders={})
    with pytest.raises(SamvalgError, match=r"has no stakeholders.*\[stakeholders\.<id>\]"):
        smaa_service(bare, "lonn", n=10, weight_info="stakeholders")
    f = tmp_path / "bare.toml"
    dump_toml(bare, f)
    assert (
        main(["smaa", str(f), "--service", "lonn", "--n", "10", "--weights", "stakeholders"]) == 2
    )
    err = capsys.readouterr().err
    assert "no stakeholders" in err and "Traceback" not in err


def test_cli_smaa_stakeholders(capsys):
    assert main(["smaa", "--service", "lonn", "--n", "500", "--weights", "stakeholders"]) == 0
    out = capsys.readouterr().out
    assert "interessenter (sannsynlighet): skaun 25,0\u00a0%" in out
    assert "stemmevekt" in out.lower()
    assert (
        main(["smaa", "--service", "lonn", "--n", "500", "--weights", "stakeholders", "--json"])
        == 0
    )
    d = json.loads(capsys.readouterr().out)
    assert d["weight_info"] == "stakeholders"
    assert sum(d["stakeholder_probabilities"].values()) == pytest.approx(1.0)
