"""samvalg.group: group AHP (AIJ/AIP), weight and score aggregation, voting weights,
stakeholders in the assessment file, agreement and group robustness.

Published group-AHP example: Dong, Zhang, Hong & Xu (2010), *Decision Support Systems* 49(3),
281-289, Section 5 (five decision makers with weights, their matrices and priorities, the AIJ
collective matrix and priorities), reproduced at the paper's four decimals in
:func:`test_aij_and_aip_reproduce_dong_et_al_2010_section_5`. Beside it the AIJ/AIP tests check
the published *properties*: reciprocity of the weighted geometric mean (Aczél & Saaty 1983),
AIJ = AIP when everyone agrees (Forman & Peniwati 1998), AIJ = AIP under row-geometric-mean
prioritisation (Barzilai & Golany 1994, INFOR 32(2)), and hand-computed cases.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import samvalg
from _assessment_cases import at, problems_of, valid
from samvalg import group
from samvalg.errors import SamvalgError, ValidationError
from samvalg.io import load_assessment
from samvalg.text.agreement import (
    answer_text,
    group_agreement_html,
    service_agreement_html,
)
from samvalg.text.voting import scheme_text
from samvalg.weights import ahp

# -- helpers ----------------------------------------------------------------------------------

SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]


def reciprocal(upper: list[float], n: int) -> np.ndarray:
    A = np.eye(n)
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            A[i, j], A[j, i] = upper[k], 1.0 / upper[k]
            k += 1
    return A


@st.composite
def panels(draw: st.DrawFn, max_s: int = 4) -> tuple[list[np.ndarray], np.ndarray]:
    n = draw(st.integers(3, 5))
    s = draw(st.integers(min(2, max_s), max_s))
    pairs = n * (n - 1) // 2
    mats = [
        reciprocal(draw(st.lists(st.sampled_from(SAATY), min_size=pairs, max_size=pairs)), n)
        for _ in range(s)
    ]
    w = np.array(draw(st.lists(st.floats(0.1, 5.0), min_size=s, max_size=s)))
    return mats, w


A3 = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
B3 = np.array([[1, 1 / 2, 4], [2, 1, 7], [1 / 4, 1 / 7, 1]])


@pytest.fixture(scope="module")
def example() -> samvalg.Assessment:
    return samvalg.example_assessment()


@pytest.fixture(scope="module")
def agree(example: samvalg.Assessment) -> group.GroupAgreement:
    return group.agreement(example, services=["lonn", "sentralbord", "kart_oppmaling"])


# -- aggregate_ahp ----------------------------------------------------------------------------


def test_aij_of_identical_matrices_is_that_matrix() -> None:
    single = ahp(A3)
    r = group.aggregate_ahp([A3, A3, A3], "aij", weights=[1, 2, 3])
    np.testing.assert_allclose(r.matrix, A3, rtol=1e-12)
    np.testing.assert_allclose(r.weights, single.weights, rtol=1e-12)
    assert r.cr == pytest.approx(single.cr, rel=1e-9)
    assert r.aggregation == "aij" and len(r.individual) == 3


def test_aij_hand_computed_weighted_geometric_mean() -> None:
    # g_12 = 3 ** (3/4) * (1/3) ** (1/4) = 3 ** 0.5; 2 x 2 priorities g / (1 + g)
    r = group.aggregate_ahp([[[1, 3], [1 / 3, 1]], [[1, 1 / 3], [3, 1]]], "aij", weights=[3, 1])
    g = math.sqrt(3)
    assert r.matrix[0, 1] == pytest.approx(g, rel=1e-12)
    np.testing.assert_allclose(r.weights, [g / (1 + g), 1 / (1 + g)], rtol=1e-12)
    # 3 x 3 by hand: elementwise sqrt(A * B) for equal weights
    r3 = group.aggregate_ahp([A3, B3], "aij")
    np.testing.assert_allclose(r3.matrix, np.sqrt(A3 * B3), rtol=1e-12)
    np.testing.assert_allclose(r3.weights, ahp(np.sqrt(A3 * B3)).weights, rtol=1e-12)
    assert r3.cr == pytest.approx(ahp(np.sqrt(A3 * B3)).cr, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_aij_preserves_reciprocity(panel: tuple[list[np.ndarray], np.ndarray]) -> None:
    mats, w = panel
    G = group.aggregate_ahp(mats, "aij", weights=w).matrix
    np.testing.assert_allclose(G * G.T, np.ones_like(G), rtol=1e-12)
    np.testing.assert_allclose(np.diag(G), 1.0)
    # and it is the weighted geometric mean, entry by entry
    p = w / w.sum()
    np.testing.assert_allclose(np.log(G), np.tensordot(p, np.log(np.stack(mats)), 1), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(panels(max_s=1), st.integers(2, 5))
def test_aip_and_aij_agree_when_everyone_agrees(panel, copies: int) -> None:
    (m, *_), _w = panel
    mats = [m] * copies
    aij = group.aggregate_ahp(mats, "aij", weights=np.arange(1, copies + 1))
    aip = group.aggregate_ahp(mats, "aip", weights=np.arange(1, copies + 1))
    np.testing.assert_allclose(aij.weights, aip.weights, rtol=1e-9)
    np.testing.assert_allclose(aip.weights, ahp(m).weights, rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_aij_equals_aip_with_geometric_prioritisation(panel) -> None:
    """Barzilai & Golany (1994): with row geometric means, AIJ and AIP coincide."""
    mats, w = panel
    aij = group.aggregate_ahp(mats, "aij", w, prioritization="geometric")
    aip = group.aggregate_ahp(mats, "aip", w, prioritization="geometric")
    np.testing.assert_allclose(aij.weights, aip.weights, rtol=1e-10)


def test_aip_is_the_normalised_weighted_geometric_mean_of_priorities() -> None:
    wa, wb = ahp(A3).weights, ahp(B3).weights
    r = group.aggregate_ahp([A3, B3], "aip", weights=[1, 3])
    expected = wa**0.25 * wb**0.75
    np.testing.assert_allclose(r.weights, expected / expected.sum(), rtol=1e-12)
    assert math.isnan(r.cr) and r.lambda_max == 3
    np.testing.assert_allclose(r.individual_cr, [ahp(A3).cr, ahp(B3).cr])
    d = r.to_dict()
    assert d["cr"] is None and d["aggregation"] == "aip"
    json.dumps(d)


def test_aij_and_aip_reproduce_dong_et_al_2010_section_5() -> None:
    """Dong, Y., Zhang, G., Hong, W.-C. & Xu, Y. (2010). Consensus models for AHP group decision
    making under row geometric mean prioritization method. *Decision Support Systems* 49(3),
    281-289, Section 5 "Numerical examples" (A(1)-A(4) first given by Xu 2000).

    Five decision makers, four alternatives, decision-maker weights
    lambda = (0.1, 0.3, 0.1, 0.2, 0.3); priorities by the row geometric mean (RGMM). The paper
    lists each w(k), the AIJ collective matrix A(c) (weighted geometric mean of the judgments)
    and its priorities w(c), all to four decimals; the tolerance is half a unit in that place.
    Under RGMM, AIP gives the same w(c) (the paper's Lemma 1, Barzilai & Golany 1994).

    Source note: the numbers were read from a plain-text copy of the paper kept in a public
    repository, not from the typeset article; the matrices and every printed result agree
    with our computation to all four decimals, which rules out a transcription slip in them.
    """
    upper = [  # a12 a13 a14 a23 a24 a34 of A(1) ... A(5)
        [4, 6, 7, 3, 4, 2],
        [5, 7, 9, 4, 6, 2],
        [3, 5, 8, 4, 5, 2],
        [4, 5, 6, 3, 3, 2],
        [1 / 2, 1, 2, 1 / 2, 3, 4],
    ]
    mats = [reciprocal(u, 4) for u in upper]
    lam = [0.1, 0.3, 0.1, 0.2, 0.3]
    w_k = [
        [0.6145, 0.2246, 0.0985, 0.0624],
        [0.6461, 0.2270, 0.0793, 0.0476],
        [0.5693, 0.2764, 0.0967, 0.0575],
        [0.5967, 0.2208, 0.1089, 0.0736],
        [0.2247, 0.2958, 0.3780, 0.1015],
    ]
    A_c = [
        [1, 2.2270, 3.4756, 5.0937],
        [0.4490, 1, 1.9663, 4.0005],
        [0.2877, 0.5086, 1, 2.4623],
        [0.1963, 0.2500, 0.4061, 1],
    ]
    w_c = [0.4984, 0.2727, 0.1541, 0.0747]
    tol = 0.5e-4

    aij = group.aggregate_ahp(mats, "aij", lam, prioritization="geometric")
    np.testing.assert_allclose(aij.matrix, A_c, atol=tol, rtol=0)
    np.testing.assert_allclose(aij.weights, w_c, atol=tol, rtol=0)
    np.testing.assert_allclose([r.weights for r in aij.individual], w_k, atol=tol, rtol=0)
    np.testing.assert_allclose(aij.stakeholder_weights, lam, rtol=1e-12)

    aip = group.aggregate_ahp(mats, "aip", lam, prioritization="geometric")
    np.testing.assert_allclose(aip.weights, w_c, atol=tol, rtol=0)
    # the weights are normalised: the same panel with weights in tenths gives the same result
    tenths = group.aggregate_ahp(mats, "aij", [1, 3, 1, 2, 3], prioritization="geometric")
    np.testing.assert_allclose(tenths.weights, aij.weights, rtol=1e-12)


def test_aggregate_ahp_errors_are_located() -> None:
    bad = A3.copy()
    bad[1, 0] = 0.9
    with pytest.raises(ValidationError) as info:
        group.aggregate_ahp([A3, bad])
    assert info.value.problems[0].location.startswith("matrices[1]: P[1, 0]")
    with pytest.raises(ValidationError, match="same shape"):
        group.aggregate_ahp([A3, np.eye(2)])
    with pytest.raises(ValidationError, match="'aij' or 'aip'"):
        group.aggregate_ahp([A3], "mean")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"weights\[1\]"):
        group.aggregate_ahp([A3, B3], weights=[1, -1])
    with pytest.raises(ValidationError, match="one weight per stakeholder"):
        group.aggregate_ahp([A3, B3], weights=[1, 1, 1])


# -- voting weight changes the aggregate as the formula says ---------------------------------


@settings(max_examples=60, deadline=None)
@given(panels(), st.integers(0, 3), st.floats(0.01, 10.0))
def test_raising_one_voting_weight_moves_aij_by_the_formula(panel, k: int, delta: float) -> None:
    mats, u = panel
    k = k % len(mats)
    before = group.aggregate_ahp(mats, "aij", weights=u).matrix
    u2 = u.copy()
    u2[k] += delta
    after = group.aggregate_ahp(mats, "aij", weights=u2).matrix
    P = u.sum()
    expected = (P * np.log(before) + delta * np.log(mats[k])) / (P + delta)
    np.testing.assert_allclose(np.log(after), expected, atol=1e-10)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 5), st.integers(2, 6), st.data())
def test_raising_one_voting_weight_moves_the_mean_weights_by_the_formula(s, n, data) -> None:
    V = np.array(
        data.draw(
            st.lists(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n), min_size=s, max_size=s)
        )
    )
    u = np.array(data.draw(st.lists(st.floats(0.1, 5.0), min_size=s, max_size=s)))
    k = data.draw(st.integers(0, s - 1))
    delta = data.draw(st.floats(0.01, 10.0))
    Vn = V / V.sum(axis=1, keepdims=True)
    before = group.aggregate_weights(V, u)
    u2 = u.copy()
    u2[k] += delta
    after = group.aggregate_weights(V, u2)
    P = u.sum()
    np.testing.assert_allclose(after, (P * before + delta * Vn[k]) / (P + delta), atol=1e-12)
    # geometric: the log-weights (before normalising) move the same way
    g_before = group.aggregate_weights(V, u, "geometric")
    g_after = group.aggregate_weights(V, u2, "geometric")
    lhs = np.log(g_after) - np.log(g_after).mean()
    rhs = (P * np.log(g_before) + delta * np.log(Vn[k])) / (P + delta)
    np.testing.assert_allclose(lhs, rhs - rhs.mean(), atol=1e-10)
    # scores: the weighted mean moves the same way too
    X = V * 4 + 1
    sb = group.aggregate_scores(X, u).value
    sa = group.aggregate_scores(X, u2).value
    np.testing.assert_allclose(sa, (P * sb + delta * X[k]) / (P + delta), atol=1e-12)


def test_aggregate_weights_hand_cases_and_errors() -> None:
    np.testing.assert_allclose(group.aggregate_weights([[2, 2], [1, 3]]), [0.375, 0.625])
    g = group.aggregate_weights([[0.5, 0.5], [0.2, 0.8]], method="geometric")
    e = np.sqrt([0.5 * 0.2, 0.5 * 0.8])
    np.testing.assert_allclose(g, e / e.sum())
    with pytest.raises(ValidationError, match=r"vectors\[1\]"):
        group.aggregate_weights([[1, 1], [0, 0]])
    with pytest.raises(ValidationError, match="non-negative"):
        group.aggregate_weights([[1, -1]])


def test_aggregate_scores_keeps_the_spread() -> None:
    X = np.array([[2.0, 4.0, np.nan], [4.0, 4.0, np.nan], [3.0, 5.0, np.nan]])
    g = group.aggregate_scores(X, [1, 1, 2], low=X - 0.5, high=X + 0.5)
    np.testing.assert_allclose(g.value[:2], [3.0, 4.5])
    np.testing.assert_allclose(g.low[:2], [1.5, 3.5])
    np.testing.assert_allclose(g.high[:2], [4.5, 5.5])
    np.testing.assert_allclose(g.sd[:2], [math.sqrt(0.5), 0.5])
    assert np.isnan(g.value[2])
    sd = group.aggregate_scores(X[:, :2], [1, 1, 2], spread="sd", bounds=(1, 5))
    np.testing.assert_allclose(sd.low, [3 - math.sqrt(0.5), 4.0])
    np.testing.assert_allclose(sd.high, [3 + math.sqrt(0.5), 5.0])
    with pytest.raises(ValidationError, match="not-applicable"):
        group.aggregate_scores([[1.0, np.nan], [1.0, 2.0]])


# -- Kendall's W and correlations ------------------------------------------------------------


def test_kendall_w_is_the_ranking_one_and_matches_hand_and_friedman() -> None:
    from scipy import stats

    from samvalg import ranking

    assert group.kendall_w is ranking.kendall_w
    assert float(group.kendall_w([[1, 2, 3, 4]] * 3)) == pytest.approx(1.0)
    # R = (4, 6, 8), S = 8, W = 12 * 8 / (3^2 (3^3 - 3)) = 4/9
    assert float(group.kendall_w([[1, 2, 3], [1, 3, 2], [2, 1, 3]])) == pytest.approx(4 / 9)
    R = np.array([[1, 2, 3, 4, 5], [2, 1, 4, 3, 5], [1, 3, 2, 5, 4], [3, 1, 2, 4, 5]])
    chi2 = stats.friedmanchisquare(*R.T).statistic
    assert float(group.kendall_w(R)) == pytest.approx(chi2 / (4 * (5 - 1)), rel=1e-12)


def test_agreement_correlations_equal_pymcdm(agree: group.GroupAgreement) -> None:
    from pymcdm import correlations as pc

    for sa in agree.values():
        s = len(sa.stakeholders)
        for i in range(s):
            for k in range(s):
                a, b = sa.ranks[i], sa.ranks[k]
                assert sa.weighted_spearman[i, k] == pytest.approx(pc.weighted_spearman(a, b))
                assert sa.ws_similarity[i, k] == pytest.approx(pc.ws(a, b))
                assert sa.spearman[i, k] == pytest.approx(pc.spearman(a, b))
        assert sa.kendall_w == pytest.approx(float(group.kendall_w(sa.ranks)))


# -- stakeholders in the file -----------------------------------------------------------------


def with_stakeholders(**tables: dict) -> dict:
    d = valid()
    d["stakeholders"] = tables
    return d


def test_stakeholders_load_and_round_trip(tmp_path) -> None:
    from samvalg.io import dump_toml

    d = with_stakeholders(
        skaun={
            "name": "Skaun",
            "role": "municipality",
            "weights": {"strategy": {"method": "equal"}},
            "scores": {"lonn": {"oppgavefellesskap": {"fagmiljo": 5}}},
        },
        tv={"name": "Tillitsvalgte", "role": "employee_representatives", "voting_weight": 0.5},
    )
    a = load_assessment(d)
    s = a.stakeholders["skaun"]
    assert s.municipality == "skaun" and s.voting_weight is None
    assert s.weights["strategy"].method == "equal"
    assert s.scores["lonn"]["oppgavefellesskap"]["fagmiljo"].value == 5
    assert load_assessment(dump_toml(a, tmp_path / "a.toml")).to_dict() == a.to_dict()
    # removing an option drops the overrides that refer to it
    b = a.without_option("lonn", "oppgavefellesskap")
    assert not b.stakeholders["skaun"].scores
    # files without stakeholders are unchanged
    assert "stakeholders" not in load_assessment(valid()).to_dict()


def test_stakeholder_errors_are_located() -> None:
    ps = problems_of(
        with_stakeholders(
            a={"name": "A", "role": "municiplity", "weights": {"strategi": {"method": "equal"}}},
            b={
                "name": "B",
                "role": "municipality",
                "municipality": "melhuus",
                "voting_weight": -1,
                "weights": {"gains": {"method": "objective"}},
                "scores": {
                    "lonnn": {},
                    "lonn": {
                        "iks": {"fagmiljo": 3},
                        "egen_drift": {"fagmiljoo": 3, "likeverdighet": "+", "fagmiljo": "na"},
                    },
                },
            },
            c={
                "name": "C",
                "role": "municipality",
                "colour": "blue",
                "scores": {"lonn": {"egen_drift": {"fagmiljo": 9}}},
            },
            e={"name": "E", "role": "municipality"},
            d={
                "name": "D",
                "role": "other",
                "weights": {"strategy": {"method": "points", "points": {"fagmiljo": 1}}},
            },
        )
    )
    assert "did you mean 'municipality'" in at(ps, "stakeholders.a.role").message
    assert "'strategy'" in at(ps, "stakeholders.a.weights.strategi").message
    assert "did you mean 'melhus'" in at(ps, "stakeholders.b.municipality").message
    assert "negative" in at(ps, "stakeholders.b.voting_weight").message
    assert "objective" in at(ps, "stakeholders.b.weights.gains.method").message
    assert "'lonn'" in at(ps, "stakeholders.b.scores.lonnn").message
    assert "not assessed" in at(ps, "stakeholders.b.scores.lonn.iks").message
    assert "'fagmiljo'" in at(ps, "stakeholders.b.scores.lonn.egen_drift.fagmiljoo").message
    assert '"na"' in at(ps, "stakeholders.b.scores.lonn.egen_drift.likeverdighet").message
    assert "cannot be" in at(ps, "stakeholders.b.scores.lonn.egen_drift.fagmiljo").message
    assert "unknown key 'colour'" in at(ps, "stakeholders.c.colour").message
    assert "needs the municipality" in at(ps, "stakeholders.e.municipality").message
    assert "outside the scale" in at(ps, "stakeholders.c.scores.lonn.egen_drift.fagmiljo").message
    assert "missing" in at(ps, "stakeholders.d.weights.strategy.points").message


def test_example_has_four_stakeholders_and_still_evaluates(example) -> None:
    assert list(example.stakeholders) == ["skaun", "melhus", "midtre_gauldal", "tillitsvalgte"]
    roles = {s.id: s.role for s in example.stakeholders.values()}
    assert roles["tillitsvalgte"] == "employee_representatives"
    assert all(s.description for s in example.stakeholders.values())
    assert samvalg.evaluate(example)["lonn"].recommendation is not None


# -- voting weights ---------------------------------------------------------------------------


def test_default_scheme_is_equal_voice_per_municipality() -> None:
    a = load_assessment(
        with_stakeholders(
            s1={"name": "Skaun rådmann", "role": "municipality", "municipality": "skaun"},
            s2={"name": "Skaun politikere", "role": "politicians", "municipality": "skaun"},
            m={"name": "Melhus", "role": "municipality", "municipality": "melhus"},
            tv={"name": "Tillitsvalgte", "role": "employee_representatives"},
        )
    )
    vw = group.voting_weights(a)
    assert vw.scheme == "equal_per_municipality"
    assert vw.units == {"s1": 0.5, "s2": 0.5, "m": 1.0, "tv": 1.0}
    assert vw.weights["s1"] == pytest.approx(1 / 6) and vw.weights["m"] == pytest.approx(1 / 3)
    assert "lik stemme per kommune" in scheme_text(vw, "nb")
    assert "equal voice" in scheme_text(vw, "en")
    mixed = group.voting_weights(a, voting={"tv": 2})
    assert mixed.scheme == "mixed" and mixed.units["tv"] == 2 and mixed.units["s1"] == 0.5
    stated = group.voting_weights(a, voting={"s1": 1, "s2": 1, "m": 1, "tv": 1})
    assert stated.scheme == "stated" and stated.weights["s1"] == pytest.approx(0.25)
    with pytest.raises(ValidationError, match="did you mean 's1'"):
        group.voting_weights(a, voting={"s11": 1})
    with pytest.raises(SamvalgError, match="no stakeholders"):
        group.voting_weights(load_assessment(valid()))


# -- stakeholder and group assessments --------------------------------------------------------


def test_stakeholder_and_group_assessments(example) -> None:
    tv = group.stakeholder_assessment(example, "tillitsvalgte")
    assert tv.weights["model"].method == "swing" and not tv.stakeholders
    assert tv.weights["gains"].input == example.weights["gains"].input  # inherited
    assert tv.services["lonn"].score("oppgavefellesskap", "konsekvenser_ansatte").value == 4
    assert example.services["lonn"].score("oppgavefellesskap", "konsekvenser_ansatte").value == 3
    with pytest.raises(SamvalgError, match="did you mean 'skaun'"):
        group.stakeholder_assessment(example, "skaunn")

    g = group.group_assessment(example)
    ids = list(example.stakeholders)
    p = group.voting_weights(example).vector(ids)
    # strategy: arithmetic mean of every stakeholder's (own or common) local weights
    V = np.stack([group.stakeholder_assessment(example, i).weights_for("strategy") for i in ids])
    np.testing.assert_allclose(g.weights_for("strategy"), p @ V, atol=1e-12)
    # gains: all AHP -> AIJ of the matrices (two inherit the common matrix)
    assert g.weights["gains"].method == "ahp" and "CR" in g.weights["gains"].note
    # an overridden cell: the weighted mean with the stakeholders' range
    cell = g.services["lonn"].score("oppgavefellesskap", "konsekvenser_ansatte")
    common = example.services["lonn"].score("oppgavefellesskap", "konsekvenser_ansatte")
    assert cell.value == pytest.approx(0.75 * common.value + 0.25 * 4)
    assert (cell.low, cell.high) == (min(common.interval[0], 3.0), max(common.interval[1], 4.0))
    # a cell nobody overrides is the common one
    assert g.services["lonn"].score("iks", "fagmiljo") == example.services["lonn"].score(
        "iks", "fagmiljo"
    )


def test_group_of_stakeholders_without_own_views_is_the_common_assessment() -> None:
    a = load_assessment(
        with_stakeholders(x={"name": "X", "role": "other"}, y={"name": "Y", "role": "other"})
    )
    g = group.group_assessment(a)
    for key in a.weights:
        if a.weights[key].vector is not None:
            np.testing.assert_allclose(g.weights[key].vector, a.weights[key].vector, atol=1e-12)
    ga = group.agreement(a, view="whether")
    assert all(sa.unanimous and sa.kendall_w == pytest.approx(1.0) for sa in ga.values())


# -- agreement on the example -----------------------------------------------------------------


def test_agreement_on_the_example(agree: group.GroupAgreement) -> None:
    lonn = agree["lonn"]
    assert lonn.unanimous and answer_text(lonn, "nb").startswith("Ja: alle 4")
    assert answer_text(lonn, "en").startswith("Yes: all 4")
    assert set(lonn.top.values()) == {lonn.group_top}
    sb = agree["sentralbord"]
    assert not sb.unanimous and sb.divergences
    for d in sb.divergences:
        assert d.top != sb.group_top
        assert d.name in answer_text(sb, "nb") and d.name in answer_text(sb, "en")
        assert d.drivers and all(c in sb.criteria for c in d.drivers)
    assert sum(sb.win_share.values()) >= 1.0 - 1e-12
    for k, s in enumerate(sb.stakeholders):
        assert sb.top[s] in sb.tied_top[s]
        assert all(sb.ranks[k, sb.options.index(o)] == 1 for o in sb.tied_top[s])
    for sa in agree.values():
        np.testing.assert_allclose(np.diag(sa.weighted_spearman), 1.0)
        assert sa.weight_range.shape == (len(sa.criteria),)
        assert 0 <= sa.kendall_w <= 1
    d = json.loads(agree.to_json())
    assert d["voting"]["scheme"] == "equal_per_municipality"
    assert "lik stemme" in group_agreement_html(agree)
    assert "lik stemme" in service_agreement_html(lonn)
    assert "equal voice" in service_agreement_html(lonn)


def test_divergence_decomposition_is_exact_for_wsm(example, agree) -> None:
    """For WSM the drivers' D_j sum (over all criteria) to the difference between the
    stakeholder's and the group's advantage of their top option over the group's."""
    sb = agree["sentralbord"]
    d = sb.divergences[0]
    k = sb.stakeholders.index(d.stakeholder)
    t, g = sb.options.index(d.top), sb.options.index(sb.group_top)
    own = sb.values[k, t] - sb.values[k, g]
    grp = sb.group_values[t] - sb.group_values[g]
    assert own > 0 >= grp
    # recompute every D_j from the views
    ev_s = samvalg.evaluate(
        group.stakeholder_assessment(example, d.stakeholder), services=["sentralbord"]
    )["sentralbord"]["combined"]
    ev_g = samvalg.evaluate(group.group_assessment(example), services=["sentralbord"])[
        "sentralbord"
    ]["combined"]
    Xs, Xg = ev_s.value_matrix, ev_g.value_matrix
    D = ev_s.weights * (
        Xs[ev_s.options.index(d.top)] - Xs[ev_s.options.index(sb.group_top)]
    ) - ev_g.weights * (Xg[ev_g.options.index(d.top)] - Xg[ev_g.options.index(sb.group_top)])
    assert D.sum() == pytest.approx(own - grp, abs=1e-12)
    assert d.contribution[0] == pytest.approx(D.max())


# -- group robustness -------------------------------------------------------------------------


def test_group_smaa_wins_in_proportion_to_the_views(example, agree) -> None:
    sb = agree["sentralbord"]  # no score overrides here: own scores = group scores
    r = group.group_smaa(example, "sentralbord", n=8000, seed=3)
    first = dict(zip(r.options, r.rank_acceptability[:, 0], strict=True))
    for opt, share in sb.win_share.items():
        assert first.get(opt, 0.0) == pytest.approx(share, abs=0.025)
    spread = group.group_smaa(
        example, "lonn", n=2000, seed=1, concentration=50, score_uncertainty="uniform"
    )
    assert spread.weight_info == "stakeholders"
    assert spread.rank_acceptability.sum(axis=1) == pytest.approx(1.0)


# -- CLI --------------------------------------------------------------------------------------


def test_cli_group(capsys) -> None:
    from samvalg.cli import main

    assert main(["group", "--service", "lonn"]) == 0
    out = capsys.readouterr().out
    assert "Stemmevekt" in out and "Kendalls W" in out and "Ja: alle 4" in out
    assert main(["group", "--service", "lonn", "--json", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["services"]["lonn"]["unanimous"] is True
    assert main(["group", "--service", "lonnn"]) == 2


def test_weights_only_stakeholder_is_the_revalidated_assessment() -> None:
    """A stakeholder without score overrides is applied without validating the whole
    assessment again: the result equals what :meth:`Assessment.replace` (validated again)
    gives, in file form, weights and every view of the evaluation."""
    a = samvalg.example_assessment()
    checked = 0
    for sid, s in a.stakeholders.items():
        if s.scores:
            continue
        fast = group.stakeholder_assessment(a, sid)
        weights = {k: dict(r.input) for k, r in a.weights.items()}
        weights.update({k: dict(r.input) for k, r in s.weights.items()})
        slow = a.replace(weights=weights, stakeholders={})
        assert fast.to_dict() == slow.to_dict()
        assert not fast.stakeholders and fast.source == slow.source
        for k in slow.weights:
            assert np.array_equal(fast.weights[k].vector, slow.weights[k].vector), (sid, k)
        e1, e2 = samvalg.evaluate(fast), samvalg.evaluate(slow)
        for svc in e2:
            for key in ("whether", "form", "combined", "strategy", "gains", "model"):
                v1, v2 = e1[svc][key], e2[svc][key]
                assert np.array_equal(v1.values, v2.values, equal_nan=True), (sid, svc, key)
                assert np.array_equal(v1.ranks, v2.ranks), (sid, svc, key)
        checked += 1
    assert checked == 3
