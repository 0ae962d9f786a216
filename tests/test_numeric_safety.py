"""Numeric overflow and underflow never give a silent wrong answer (issue 10, item 9 and 7).

Every method is invariant to a positive scale of the weights and (except with normalisation
"none") to a positive scale of each column, so hostile magnitudes must give the unscaled
result, or a located error naming the argument where the true result is not representable.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import samvalg
from samvalg import group, methods, weights
from samvalg.cli import main
from samvalg.errors import SamvalgError, ValidationError
from samvalg.smaa import smaa2

ROOT = Path(__file__).resolve().parents[1]
X = np.array([[4.0, 2.0, 7.0], [2.0, 4.0, 8.0], [3.0, 3.0, 5.0], [5.0, 1.0, 4.0]])
W = np.array([0.5, 0.3, 0.2])
T = np.array([1.0, -1.0, 1.0])
INVARIANT = ("vector", "minmax", "max", "sum", "linear")
SCALES = (1e300, 1e-300, 2.0**1000, 1e150)


def _located(exc: pytest.ExceptionInfo[ValidationError], location: str) -> str:
    assert isinstance(exc.value, SamvalgError)
    assert [p.location for p in exc.value.problems] == [location]
    return str(exc.value)


# ---------------------------------------------------------------------------- TOPSIS


@pytest.mark.parametrize("kind", [*INVARIANT, "none"])
@pytest.mark.parametrize("scale", SCALES)
def test_topsis_scaled_x_and_w_equal_unscaled(kind: str, scale: float) -> None:
    ref = methods.topsis(X, W, T, kind)
    np.testing.assert_allclose(methods.topsis(X, W * scale, T, kind), ref, rtol=1e-12)
    # TOPSIS closeness is invariant to one scale of the whole matrix, also with "none"
    np.testing.assert_allclose(methods.topsis(X * scale, W, T, kind), ref, rtol=1e-12)


@pytest.mark.parametrize("kind", INVARIANT)
def test_topsis_per_column_scale(kind: str) -> None:
    col = np.array([1e300, 1.0, 1e-300])
    ref = methods.topsis(X, W, T, kind)
    np.testing.assert_allclose(methods.topsis(X * col, W, T, kind), ref, rtol=1e-12)


def test_topsis_batched_rows_at_different_scales() -> None:
    Wb = np.array([W, W * 1e300, W * 1e-300, [1e308, 1e308, 1e308], [5e-324, 5e-324, 1e-323]])
    out = methods.topsis(X, Wb, T)
    np.testing.assert_allclose(out[1], out[0], rtol=1e-12)
    np.testing.assert_allclose(out[2], out[0], rtol=1e-12)
    np.testing.assert_allclose(out[3], methods.topsis(X, [1, 1, 1], T), rtol=1e-12)
    assert np.isfinite(out).all()


@pytest.mark.parametrize("kind", ["vector", "minmax", "max", "sum"])
def test_topsis_scaled_matches_pymcdm(kind: str) -> None:
    pymcdm = pytest.importorskip("pymcdm")
    from pymcdm import normalizations as pn

    norm = {
        "vector": pn.vector_normalization,
        "minmax": pn.minmax_normalization,
        "max": pn.max_normalization,
        "sum": pn.sum_normalization,
    }[kind]
    ref = pymcdm.methods.TOPSIS(norm)(X, W, T.astype(int))
    np.testing.assert_allclose(methods.topsis(X * 1e300, W * 1e300, T, kind), ref, rtol=1e-9)


def test_ordinary_topsis_bitwise_unchanged_by_scaling_path() -> None:
    """Powers of two are exact: scaling by 2**k gives the very same bits."""
    rng = np.random.default_rng(3)
    A = rng.uniform(1, 9, (6, 4))
    w = rng.dirichlet(np.ones(4))
    t = np.array([1.0, -1.0, 1.0, 1.0])
    ref = methods.topsis(A, w, t)
    assert np.array_equal(methods.topsis(A, w * 2.0**900, t), ref)
    assert np.array_equal(methods.topsis(A * 2.0**-900, w, t), ref)


# ---------------------------------------------------------------------------- WSM, VIKOR, PROMETHEE


@pytest.mark.parametrize("kind", INVARIANT)
@pytest.mark.parametrize("scale", SCALES)
def test_wsm_scaled(kind: str, scale: float) -> None:
    ref = methods.wsm(X, W, T, kind)
    np.testing.assert_allclose(methods.wsm(X * scale, W, T, kind), ref, rtol=1e-12)
    # weights are used as given: the scores scale with w, exactly where representable
    np.testing.assert_allclose(methods.wsm(X, W * scale, T, kind), ref * scale, rtol=1e-12)


def test_wsm_none_overflow_is_located_error() -> None:
    np.testing.assert_allclose(
        methods.wsm(X * 1e300, W, T, "none"), methods.wsm(X, W, T, "none") * 1e300, rtol=1e-12
    )
    A = np.array([[1e308, 1e308], [1.0, 1.0]])
    with pytest.raises(ValidationError) as exc:
        methods.wsm(A, [1.0, 1.0], [1, 1], "none")  # 2e308 is beyond the float range
    assert "overflows" in _located(exc, "X")
    with pytest.raises(ValidationError) as exc:
        methods.wsm(X, [1.5e308, 1e308, 1e308], T, "max")
    _located(exc, "w")
    with pytest.raises(ValidationError) as exc:
        methods.wsm_contributions(A, [1e308, 1.0], [1, 1], "none")
    _located(exc, "w")


@pytest.mark.parametrize("kind", [None, *INVARIANT, "none"])
def test_vikor_scaled(kind: str | None) -> None:
    ref = methods.vikor(X, W, T, normalization=kind)
    for scale in SCALES:
        for got in (
            methods.vikor(X * scale, W, T, normalization=kind),
            methods.vikor(X, W * scale, T, normalization=kind),
        ):
            np.testing.assert_allclose(got.Q, ref.Q, rtol=1e-12, atol=1e-15)
            assert got.compromise == ref.compromise
        got = methods.vikor(X, W * scale, T, normalization=kind)
        np.testing.assert_allclose(got.S, ref.S * scale, rtol=1e-12)
        np.testing.assert_allclose(got.R, ref.R * scale, rtol=1e-12)


def test_vikor_mixed_sign_huge_column() -> None:
    A = np.array([[1e308, 1.0], [-1e308, 2.0], [0.0, 3.0]])
    ref = methods.vikor(A / 1e308, [0.5, 0.5], [1, 1])
    np.testing.assert_allclose(methods.vikor(A, [0.5, 0.5], [1, 1]).Q, ref.Q, rtol=1e-12)


@pytest.mark.parametrize("scale", SCALES)
def test_promethee_scaled(scale: float) -> None:
    ref = methods.promethee_ii(X, W, T)
    np.testing.assert_allclose(methods.promethee_ii(X * scale, W, T), ref, rtol=1e-12)
    np.testing.assert_allclose(methods.promethee_ii(X, W * scale, T), ref * scale, rtol=1e-12)


def test_scaled_results_match_pymcdm_where_finite() -> None:
    pymcdm = pytest.importorskip("pymcdm")
    from pymcdm import normalizations as pn

    ref = pymcdm.methods.WSM(pn.max_normalization)(X, W, T.astype(int))
    np.testing.assert_allclose(methods.wsm(X * 1e300, W, T, "max"), ref, rtol=1e-9)
    ref = pymcdm.methods.VIKOR()(X, W, T.astype(int))
    np.testing.assert_allclose(methods.vikor(X * 1e300, W * 1e300, T).Q, ref, rtol=1e-9)


@pytest.mark.parametrize("kind", INVARIANT)
def test_normalize_scaled(kind: str) -> None:
    ref = methods.normalize(X, T, kind)
    for scale in SCALES:
        np.testing.assert_allclose(methods.normalize(X * scale, T, kind), ref, rtol=1e-12)


# ---------------------------------------------------------------------------- WPM


def test_wpm_raw_exponents_not_representable_is_error_naming_w() -> None:
    with pytest.raises(ValidationError) as exc:
        methods.wpm(X, [500, 300, 200], T)
    text = _located(exc, "w")
    assert "not representable" in text and "10**-" in text


def test_wpm_large_weights_representable_are_exact() -> None:
    pymcdm = pytest.importorskip("pymcdm")
    w = np.array([50.0, 30.0, 20.0])
    got = methods.wpm(X, w, T)
    ref = methods.wpm(X, W, T) ** 100  # WPM scores are raised to the power of the scale
    np.testing.assert_allclose(got, ref, rtol=1e-10)
    with pytest.warns(UserWarning):  # pymcdm warns that the weights do not sum to 1
        np.testing.assert_allclose(got, pymcdm.methods.WPM()(X, w, T.astype(int)), rtol=1e-10)


def test_wpm_ranking_invariant_and_scaled_down_fix_works() -> None:
    w = np.array([500.0, 300.0, 200.0])
    np.testing.assert_allclose(methods.wpm(X, w / w.sum(), T), methods.wpm(X, W, T), rtol=1e-15)


@pytest.mark.parametrize("kind", INVARIANT)
def test_wpm_scaled_x(kind: str) -> None:
    ref = methods.wpm(X, W, T, kind)
    for scale in SCALES:
        np.testing.assert_allclose(methods.wpm(X * scale, W, T, kind), ref, rtol=1e-12)


def test_wpm_overflow_and_zero_factors() -> None:
    with pytest.raises(ValidationError) as exc:
        methods.wpm(X, W * 1e300, T, "none")
    assert "above the largest float" in _located(exc, "w")
    # a zero factor is an exact 0, whatever the weights
    A = np.array([[0.0, 2.0], [1.0, 1.0]])
    np.testing.assert_array_equal(methods.wpm(A, [0.5, 0.5], [1, 1], "max"), [0.0, np.sqrt(0.5)])
    with pytest.raises(ValidationError) as exc:
        methods.wpm(A, [[0.5, 0.5], [1.0, 3000.0]], [1, 1], "max")
    _located(exc, "w[1]")


# ---------------------------------------------------------------------------- no silent nan/inf


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee_ii"])
def test_no_kernel_returns_non_finite_for_finite_input(method: str) -> None:
    spec = methods.get_method(method)
    rng = np.random.default_rng(11)
    for _ in range(40):
        A = rng.uniform(1, 9, (4, 3)) * 10.0 ** rng.integers(-300, 300, 3)
        w = rng.dirichlet(np.ones(3)) * 10.0 ** rng.integers(-300, 300)
        try:
            out = spec.utility(A, w, T)
        except ValidationError as exc:
            assert exc.problems[0].location in ("X", "w")
            continue
        assert np.isfinite(out).all()


# ---------------------------------------------------------------------------- weights


@pytest.mark.parametrize("func", [weights.points, weights.direct])
def test_weights_huge_and_tiny(func) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_allclose(func([1e308] * 3).vector, [1 / 3] * 3, rtol=1e-15)
    np.testing.assert_allclose(func([5e-324, 5e-324, 1e-323]).vector, [0.25, 0.25, 0.5])
    np.testing.assert_array_equal(func([1e308, 0, 1e308]).vector, [0.5, 0.0, 0.5])


def test_points_total_overflow_is_located() -> None:
    with pytest.raises(ValidationError) as exc:
        weights.points([1e308] * 3, total=100)
    assert "largest float" in _located(exc, "values")


def test_hierarchy_set_weights_huge() -> None:
    h = weights.hierarchical({"a": 1e308, "b": 1e308}, {"a": [1e308, 1e308], "b": [1.0]})
    np.testing.assert_allclose(h, [0.25, 0.25, 0.5], rtol=1e-15)


def _example_with(old: str, new: str, tmp_path: Path) -> Path:
    text = (ROOT / "examples" / "example_assessment.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "hostile.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


SETS = "points = { strategy = 40, gains = 30, model = 30 }"


def test_assessment_set_weights_1e308_give_equal_sets(tmp_path: Path) -> None:
    path = _example_with(
        SETS, "points = { strategy = 1e308, gains = 1e308, model = 1e308 }", tmp_path
    )
    a = samvalg.load_assessment(path)
    np.testing.assert_allclose(list(a.set_weights().values()), [1 / 3] * 3, rtol=1e-15)
    assert main(["evaluate", str(path), "--service", "lonn", "--json"]) == 0


def test_assessment_set_weights_tiny(tmp_path: Path) -> None:
    path = _example_with(
        SETS, "points = { strategy = 1e-320, gains = 1e-320, model = 2e-320 }", tmp_path
    )
    got = samvalg.load_assessment(path).set_weights()
    np.testing.assert_allclose(list(got.values()), [0.25, 0.25, 0.5], rtol=1e-12)


# ---------------------------------------------------------------------------- group


@pytest.mark.parametrize("bounds", [(5, 1), (3, 3), (1, float("nan")), (1, 2, 3), "ab"])
def test_aggregate_scores_bad_bounds(bounds: object) -> None:
    with pytest.raises(ValidationError) as exc:
        group.aggregate_scores([[2.0, 4.0], [4.0, 4.0]], spread="sd", bounds=bounds)  # type: ignore[arg-type]
    _located(exc, "bounds")


def test_aggregate_scores_reversed_bounds_message() -> None:
    with pytest.raises(ValidationError, match=r"lower bound 5 is not below the upper bound 1"):
        group.aggregate_scores([[2.0, 4.0]], bounds=(5, 1))


# ---------------------------------------------------------------------------- SMAA --seed/--n


@pytest.mark.parametrize(
    ("kw", "where"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": True}, "seed"),
        ({"n": 0}, "n"),
        ({"n": -5}, "n"),
        ({"n": 10**7 + 1}, "n"),
    ],
)
def test_smaa2_bad_seed_and_n(kw: dict[str, object], where: str) -> None:
    args = {"n": 10, **kw}
    with pytest.raises(ValidationError) as exc:
        smaa2([[1.0, 0.0], [0.0, 1.0]], [1, 1], **args)  # type: ignore[arg-type]
    _located(exc, where)


def test_smaa_service_bad_seed() -> None:
    from samvalg.smaa import smaa_service

    with pytest.raises(ValidationError) as exc:
        smaa_service(samvalg.example_assessment(), "lonn", n=10, seed=-1)
    _located(exc, "seed")


def test_smaa2_seed_still_reproducible() -> None:
    a = smaa2([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]], [1, 1], n=500, seed=7)
    b = smaa2([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]], [1, 1], n=500, seed=np.int64(7))
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        (["--seed", "-1"], "--seed"),
        (["--n", "0"], "--n"),
        (["--n", "-5"], "--n"),
        (["--n", str(10**7 + 1)], "--n"),
    ],
)
def test_cli_smaa_bad_seed_and_n(
    argv: list[str], where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["smaa", "--service", "lonn", *argv]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("samvalg: error:")
    assert re.search(rf"{re.escape(where)}: ", lines[0])
    assert "Traceback" not in err
