"""VIKOR: S, R, Q equal to pymcdm; compromise set per Opricovic & Tzeng (2004); edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import PYMCDM_NORMALIZATIONS, TOL, TYPE_MIXES, random_problem, ref_vikor
from samvalg.errors import ValidationError
from samvalg.methods import VikorResult, vikor


@pytest.mark.parametrize("kind", [None, *PYMCDM_NORMALIZATIONS])
@pytest.mark.parametrize("mix", sorted(TYPE_MIXES))
def test_single_and_batched_equal_pymcdm(kind, mix):
    X, W = random_problem(30, m=7, n=6, k=1000)
    types = TYPE_MIXES[mix](6)
    res = vikor(X, W, types, normalization=kind)
    assert res.Q.shape == res.S.shape == res.R.shape == (1000, 7)
    for i in range(1000):
        one = vikor(X, W[i], types, normalization=kind)
        np.testing.assert_allclose(res.Q[i], one.Q, **TOL)
        assert res.compromise[i] == one.compromise
        assert res.acceptable_advantage[i] == one.acceptable_advantage
        assert res.acceptable_stability[i] == one.acceptable_stability
        if i < 50:
            S, R, Q = ref_vikor(X, W[i], types, kind)
            np.testing.assert_allclose(one.S, S, **TOL)
            np.testing.assert_allclose(one.R, R, **TOL)
            np.testing.assert_allclose(one.Q, Q, **TOL)


@pytest.mark.parametrize("v", [0.0, 0.3, 1.0])
def test_v_equals_pymcdm(v):
    X, W = random_problem(31, k=5)
    types = TYPE_MIXES["mixed"](X.shape[1])
    for w in W:
        np.testing.assert_allclose(vikor(X, w, types, v=v).Q, ref_vikor(X, w, types, v=v)[2], **TOL)


def test_stacked_matrices():
    rng = np.random.default_rng(32)
    Xs = rng.uniform(1, 9, size=(25, 6, 4))
    W = rng.dirichlet(np.ones(4), size=25)
    types = np.array([1, -1, 1, 1])
    res = vikor(Xs, W, types)
    for i in range(25):
        np.testing.assert_allclose(res.Q[i], ref_vikor(Xs[i], W[i], types)[2], **TOL)


def test_opricovic_tzeng_2004_table_3():
    """Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
    analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2), 445-455,
    section 5 numerical example, Tables 1-3 ("VIKOR" rows). Risk minimised, altitude
    maximised, w = (0.5, 0.5), v = 0.5. Published: S = 0.5, 0.375, 0.5; R = 0.5, 0.25, 0.5;
    Q = 1, 0, 1; A2 is the compromise solution (C1 and C2 hold), identically for problem phi
    (phi1 = f1 + 5, phi2 = f2/1000 - 1: VIKOR's linear normalisation is unit-invariant).
    """
    for X in ([[1, 3000], [2, 3750], [5, 4500]], [[6, 2.0], [7, 2.75], [10, 3.5]]):
        res = vikor(X, [0.5, 0.5], [-1, 1], v=0.5)
        np.testing.assert_allclose(res.S, [0.5, 0.375, 0.5], atol=5e-4)
        np.testing.assert_allclose(res.R, [0.5, 0.25, 0.5], atol=5e-4)
        np.testing.assert_allclose(res.Q, [1.0, 0.0, 1.0], atol=5e-4)
        assert res.compromise == (1,)
        assert res.acceptable_advantage is True
        assert res.acceptable_stability is True


def test_compromise_when_c1_fails_lists_all_within_dq():
    # m = 4, DQ = 1/3. Q sorted: a0=0, a1 within DQ, a2 within DQ, a3 outside.
    X = np.array([[10.0, 10.0], [9.5, 9.0], [9.0, 9.5], [0.0, 0.0]])
    res = vikor(X, [0.5, 0.5], [1, 1])
    assert res.acceptable_advantage is False
    q = res.Q
    order = np.argsort(q, kind="stable")
    expected = tuple(int(i) for i in order if q[i] - q[order[0]] < 1 / 3)
    assert res.compromise == expected
    assert len(expected) == 3 and 3 not in expected


def test_compromise_when_only_c2_fails_is_the_best_two():
    # m = 5, DQ = 1/4. By hand (w = 1/3 each, VIKOR's linear normalisation):
    # S = (.3889, .3472, .5, .5139, .3333), R = (1/3, 1/4, 1/3, 2/9, 1/3),
    # Q = (.6538, .1635, .9615, .5, .5): a' = A1 (index 1), a'' = A3 (tie with A4, by index).
    # C1: .5 - .1635 >= .25 holds; C2: A1 is best neither by S (A4) nor by R (A3): fails.
    X = np.array([[1, 7, 9], [8, 7, 3], [5, 2, 9], [5, 4, 6], [9, 8, 1]], dtype=float)
    res = vikor(X, [1 / 3, 1 / 3, 1 / 3], [1, 1, 1], v=0.5)
    np.testing.assert_allclose(res.S, [7 / 18, 25 / 72, 0.5, 37 / 72, 1 / 3], **TOL)
    np.testing.assert_allclose(res.R, [1 / 3, 1 / 4, 1 / 3, 2 / 9, 1 / 3], **TOL)
    np.testing.assert_allclose(res.Q[[3, 4]], [0.5, 0.5], **TOL)
    assert res.acceptable_advantage is True
    assert res.acceptable_stability is False
    assert res.compromise == (1, 3)


def test_constant_column_contributes_no_regret():
    X, W = random_problem(33, m=5, n=3, k=1)
    with_const = np.column_stack([X, np.full(5, 2.0)])
    res = vikor(with_const, np.append(W[0], 0.4), [1, -1, 1, 1])
    ref = vikor(X, W[0], [1, -1, 1])
    np.testing.assert_allclose(res.S, ref.S, **TOL)
    np.testing.assert_allclose(res.R, ref.R, **TOL)
    np.testing.assert_allclose(res.Q, ref.Q, **TOL)


def test_constant_S_drops_the_S_term():
    # the first two alternatives mirror each other; the third is in the middle
    X2 = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    res = vikor(X2, [0.5, 0.5], [1, 1])
    np.testing.assert_allclose(res.S, [0.5, 0.5, 0.5])
    np.testing.assert_allclose(res.R, [0.5, 0.5, 0.25])
    # S constant: Q is the R term alone, renormalised to [0, 1]
    np.testing.assert_allclose(res.Q, [1.0, 1.0, 0.0])
    assert res.compromise == (2,)


def test_all_equal_gives_zero_q_and_everyone_in_the_compromise():
    res = vikor([[3.0, 3.0], [3.0, 3.0]], [0.5, 0.5], [1, 1])
    np.testing.assert_array_equal(res.Q, [0.0, 0.0])
    assert res.compromise == (0, 1)
    assert res.acceptable_advantage is False


def test_v_one_with_constant_S_gives_zero_q():
    res = vikor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], [0.5, 0.5], [1, 1], v=1.0)
    np.testing.assert_array_equal(res.Q, [0.0, 0.0, 0.0])


def test_single_alternative_and_single_criterion():
    one = vikor([[1.0, 2.0]], [0.5, 0.5], [1, 1])
    assert one.compromise == (0,) and one.Q.tolist() == [0.0]
    res = vikor([[1.0], [3.0], [2.0]], [1.0], [1])
    np.testing.assert_allclose(res.Q, [1.0, 0.0, 0.5])
    assert res.compromise == (1,)


def test_result_is_frozen_and_serialisable():
    res = vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    assert isinstance(res, VikorResult)
    with pytest.raises(AttributeError):
        res.v = 0.1  # type: ignore[misc]
    d = res.to_dict()
    assert d["compromise"] == [1] and d["acceptable_advantage"] is True
    assert "compromise=(1,)" in repr(res)


def test_batched_compromise_is_a_list_per_row():
    X, W = random_problem(34, k=4)
    res = vikor(X, W, TYPE_MIXES["benefit"](X.shape[1]))
    assert isinstance(res.compromise, list) and len(res.compromise) == 4
    assert res.acceptable_advantage.shape == (4,)
    assert res.to_dict()["compromise"] == [list(c) for c in res.compromise]


def test_v_out_of_range():
    with pytest.raises(ValidationError, match="v"):
        vikor([[1.0], [2.0]], [1.0], [1], v=1.5)
