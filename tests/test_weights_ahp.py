"""AHP: published example, consistent matrices, RI tables, validation, judgment report."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.errors import SamvalgError, ValidationError
from samvalg.weights import RANDOM_INDEX, AHPResult, ahp, ahp_from_judgments

DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINKS_P = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)


def test_saaty_2008_drinks_example() -> None:
    """Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J.
    Services Sciences 1(1), 83-98: the "Which drink is consumed more in the U.S.?" example
    (the judgment matrix of 30 participants and its derived scale, printed to three decimals:
    coffee .177, wine .019, tea .042, beer .116, soda .190, milk .129, water .327; consistency
    ratio .022). The numbers were taken from AHPy's test suite (PhilipGriffith/AHPy,
    tests/test_ahp.py), which cites this paper; the paper's PDF itself was not at hand, so the
    table number is not given here. CR .022 holds with both Saaty RI tables (1.32 and 1.35 for
    n = 7), so it is checked with both.
    """
    r = ahp(DRINKS_P, labels=DRINKS)
    assert np.round(r.weights, 3).tolist() == [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert round(r.cr, 3) == 0.022
    assert round(ahp(DRINKS_P, random_index="saaty2005").cr, 3) == 0.022
    assert r.consistent and r.inconsistent == ()
    assert r.n == 7 and r.random_index == 1.32 and r.random_index_table == "saaty1980"


def test_drinks_from_judgments_equals_matrix() -> None:
    judg = {(DRINKS[i], DRINKS[j]): DRINKS_P[i, j] for i in range(7) for j in range(i + 1, 7)}
    r = ahp_from_judgments(DRINKS, judg)
    np.testing.assert_allclose(r.weights, ahp(DRINKS_P).weights, rtol=1e-12)
    assert r.labels == tuple(DRINKS)


def test_eigenvalue_is_perron_root_of_drinks() -> None:
    r = ahp(DRINKS_P)
    np.testing.assert_allclose(DRINKS_P @ r.weights, r.lambda_max * r.weights, rtol=1e-10)
    assert r.lambda_max == pytest.approx(np.max(np.abs(np.linalg.eigvals(DRINKS_P))))
    assert r.ci == pytest.approx((r.lambda_max - 7) / 6)
    assert r.cr == pytest.approx(r.ci / 1.32)


@pytest.mark.parametrize("method", ["eigen", "geometric"])
@pytest.mark.parametrize("n", [1, 2, 3, 5, 10])
def test_consistent_matrix_gives_exact_weights_and_zero_cr(method: str, n: int) -> None:
    rng = np.random.default_rng(n)
    w = rng.uniform(0.1, 1.0, n)
    w /= w.sum()
    P = w[:, None] / w[None, :]
    r = ahp(P, method=method)
    np.testing.assert_allclose(r.weights, w, rtol=1e-10)
    assert r.lambda_max == pytest.approx(n, rel=1e-10)
    assert r.cr == pytest.approx(0.0, abs=1e-10)
    assert r.consistent
    assert all(j.ratio == pytest.approx(1.0) for j in r.judgments)


def test_geometric_mean_method() -> None:
    """Row geometric means (Crawford & Williams 1985), lambda_max = mean((Pw)_i / w_i)."""
    r = ahp(DRINKS_P, method="geometric")
    g = np.prod(DRINKS_P, axis=1) ** (1 / 7)
    np.testing.assert_allclose(r.weights, g / g.sum(), rtol=1e-12)
    assert r.lambda_max == pytest.approx(np.mean(DRINKS_P @ r.weights / r.weights))
    assert r.lambda_max >= 7
    assert r.method == "geometric"


def test_random_index_saaty1980_exact() -> None:
    assert RANDOM_INDEX["saaty1980"] == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
    for n, ri in enumerate(RANDOM_INDEX["saaty1980"], start=1):
        P = np.ones((n, n))
        assert ahp(P).random_index == ri


def test_other_tables_selectable() -> None:
    assert len(RANDOM_INDEX["alonso_lamata2006"]) == 15
    assert len(RANDOM_INDEX["saaty2005"]) == 15
    r = ahp(DRINKS_P, random_index="alonso_lamata2006")
    assert r.random_index == 1.3417
    assert r.cr == pytest.approx(r.ci / 1.3417)
    r15 = ahp(np.ones((15, 15)), random_index="saaty2005")
    assert r15.random_index == 1.59


def test_n_beyond_table_is_a_clear_error() -> None:
    with pytest.raises(SamvalgError, match=r"n = 11 .*saaty1980.*n <= 10"):
        ahp(np.ones((11, 11)))
    with pytest.raises(SamvalgError, match="unknown random index table"):
        ahp(np.ones((3, 3)), random_index="saaty")


def test_corrupted_cell_is_reported_worst_first() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    P = w[:, None] / w[None, :]
    P[0, 3], P[3, 0] = 1 / 4, 4.0  # true ratio is 4: reversed judgment
    r = ahp(P)
    assert r.cr > 0.1 and not r.consistent
    assert len(r.inconsistent) == 3
    worst = r.inconsistent[0]
    assert (worst.i, worst.j) == (0, 3)
    assert worst.given == 0.25
    assert worst.ratio == pytest.approx(worst.given / worst.implied)
    devs = [j.deviation for j in r.judgments]
    assert devs == sorted(devs, reverse=True)
    assert len(r.judgments) == 6


def test_corrupted_cell_with_labels_in_messages() -> None:
    crit = ["a", "b", "c", "d"]
    judg = {
        ("a", "b"): 2,
        ("a", "c"): 4,
        ("a", "d"): 1 / 8,
        ("b", "c"): 2,
        ("b", "d"): 4,
        ("c", "d"): 2,
    }
    r = ahp_from_judgments(crit, judg)
    assert not r.consistent
    assert (r.inconsistent[0].row, r.inconsistent[0].col) == ("a", "d")
    assert "a vs d" in str(r.inconsistent[0])
    d = r.to_dict()
    assert d["inconsistent"][0]["row"] == "a" and d["labels"] == crit


@pytest.mark.parametrize(
    ("P", "pattern"),
    [
        ([[1, 2, 3], [0.5, 1, 4]], "square"),
        ([[1, 2], [0.5, 1.1]], r"P\[1, 1\].*diagonal entry is 1.1"),
        (
            [[1, 2], [0.4, 1]],
            r"P\[1, 0\] \(row 1, column 0\).*found 0.4, expected 1/P\[0, 1\] = 0.5",
        ),
        ([[1, -2], [-0.5, 1]], r"P\[0, 1\].*found -2"),
        ([[1, np.nan], [1, 1]], r"P\[0, 1\].*nan"),
        ([[1, np.inf], [0, 1]], r"P\[0, 1\]"),
    ],
)
def test_validation_names_the_cell(P: list[list[float]], pattern: str) -> None:
    with pytest.raises(ValidationError, match=pattern):
        ahp(np.array(P, dtype=float))


def test_reciprocity_tolerance() -> None:
    ahp([[1, 3], [1 / 3 * (1 + 5e-7), 1]])  # within rtol 1e-6
    with pytest.raises(ValidationError):
        ahp([[1, 3], [1 / 3 * (1 + 5e-6), 1]])


def test_all_problems_reported_at_once() -> None:
    P = np.ones((3, 3))
    P[1, 0] = 2.0
    P[2, 1] = 3.0
    with pytest.raises(ValidationError) as e:
        ahp(P)
    assert len(e.value.problems) == 2


def test_unknown_method() -> None:
    with pytest.raises(SamvalgError, match="'eigen' or 'geometric'"):
        ahp(np.ones((2, 2)), method="power")  # type: ignore[arg-type]


def test_from_judgments_missing_pairs_listed() -> None:
    with pytest.raises(ValidationError, match=r"2 pair\(s\) missing: \('a', 'c'\), \('b', 'c'\)"):
        ahp_from_judgments(["a", "b", "c"], {("a", "b"): 3})


def test_from_judgments_reverse_key_and_errors() -> None:
    r = ahp_from_judgments(["a", "b"], {("b", "a"): 3})
    np.testing.assert_allclose(r.weights, [0.25, 0.75])
    with pytest.raises(ValidationError, match="did you mean 'kost'"):
        ahp_from_judgments(["kost", "tid"], {("kots", "tid"): 3})
    with pytest.raises(ValidationError, match="off Saaty's scale"):
        ahp_from_judgments(["a", "b"], {("a", "b"): 12})
    with pytest.raises(ValidationError, match="contradicts"):
        ahp_from_judgments(["a", "b"], {("a", "b"): 3, ("b", "a"): 3})
    with pytest.raises(ValidationError, match="itself"):
        ahp_from_judgments(["a", "b"], {("a", "a"): 3, ("a", "b"): 2})


def test_result_is_frozen_and_serialisable() -> None:
    r = ahp(DRINKS_P)
    assert isinstance(r, AHPResult)
    with pytest.raises(AttributeError):
        r.cr = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        r.weights[0] = 1.0
    d = r.to_dict()
    assert d["cr"] == r.cr and len(d["weights"]) == 7 and d["random_index"] == 1.32
    assert "CR=" in repr(r) and "<table>" in r._repr_html_()
