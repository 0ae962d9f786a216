"""Assessment domain model: scales, options, matrices, weights, round trips, the example."""

from __future__ import annotations

import math
import tomllib

import numpy as np
import pytest

import samvalg
from _assessment_cases import GAINS, MODEL, OPTIONS, STRATEGY, gains_score, strategy_score, valid
from samvalg.assessment import (
    PLUS_MINUS_LABELS,
    Assessment,
    Option,
    Scale,
    ScoreMatrix,
)
from samvalg.errors import SamvalgError, ValidationError
from samvalg.io import dump_toml, example_assessment, load_assessment


@pytest.fixture(scope="module")
def a() -> Assessment:
    return load_assessment(valid())


# -- scales ----------------------------------------------------------------------------------


def test_numeric_scale_parses_numbers_inside_the_range() -> None:
    s = Scale.numeric(0, 10)
    assert s.parse(0) == 0.0 and s.parse(7.5) == 7.5 and s.parse(10) == 10.0
    assert (s.lower, s.upper) == (0.0, 10.0)
    assert s.label(7.5) == "7.5" and s.label(3.0) == "3"


@pytest.mark.parametrize("bad", [0, 5.5, "3", True, math.nan, math.inf, None])
def test_numeric_scale_rejects(bad: object) -> None:
    with pytest.raises(ValidationError):
        Scale().parse(bad)


def test_plus_minus_labels_and_integers_map_to_minus_four_to_four() -> None:
    s = Scale.plus_minus()
    assert [s.parse(x) for x in PLUS_MINUS_LABELS] == [float(v) for v in range(-4, 5)]
    assert [s.parse(v) for v in range(-4, 5)] == [float(v) for v in range(-4, 5)]
    assert s.parse("\u2212\u2212") == -2.0  # the typographic minus sign
    assert [s.label(v) for v in range(-4, 5)] == list(PLUS_MINUS_LABELS)
    assert (s.lower, s.upper, s.zero) == (-4.0, 4.0, 0.0)


@pytest.mark.parametrize("bad", ["+++++", "plus", 5, -5, 1.5, False, "na"])
def test_plus_minus_rejects(bad: object) -> None:
    with pytest.raises(ValidationError):
        Scale.plus_minus().parse(bad)


def test_scale_anchored_value_function_uses_the_scale_bounds() -> None:
    assert Scale().to_01([1, 2, 5]).tolist() == [0.0, 0.25, 1.0]
    assert Scale.plus_minus().to_01([-4, 0, 2]).tolist() == [0.0, 0.5, 0.75]
    assert Scale().to_01([[1, 1]], types=[1, -1]).tolist() == [[0.0, 1.0]]


@pytest.mark.parametrize(("lo", "hi"), [(5, 1), (3, 3), (math.nan, 5), (1, math.inf)])
def test_bad_numeric_scales_raise(lo: float, hi: float) -> None:
    with pytest.raises(ValidationError):
        Scale.numeric(lo, hi)


def test_scale_dict_round_trip() -> None:
    for s in (Scale(), Scale.numeric(0, 2.5), Scale.plus_minus()):
        assert Scale.from_dict(s.to_dict()) == s


# -- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["egen_drift", "iks", "vertskommune:melhus", "vertskommune_nemnd:midtre_gauldal"]
)
def test_option_parse_round_trips(text: str) -> None:
    o = Option.parse(text)
    assert str(o) == text
    assert Option.parse(str(o)) == o


def test_option_fields() -> None:
    assert Option.parse("vertskommune:skaun") == Option("vertskommune", "skaun")
    assert Option.parse("iks").host is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vertskomune:melhus", ["unknown cooperation form", "vertskommune"]),
        ("vertskommune:melhuss", ["unknown host municipality", "melhus"]),
        ("vertskommune", ["needs a host"]),
        ("iks:melhus", ["has no host"]),
        ("a:b:c", ["not an option id"]),
        (":melhus", ["not an option id"]),
    ],
)
def test_option_parse_errors_are_specific(text: str, words: list[str]) -> None:
    with pytest.raises(ValidationError) as info:
        Option.parse(text)
    msg = str(info.value)
    for w in words:
        assert w in msg


def test_option_syntax_only_without_catalogue() -> None:
    assert Option.parse("anything:goes", check=False) == Option("anything", "goes")


# -- loading a valid assessment --------------------------------------------------------------


def test_valid_dict_loads(a: Assessment) -> None:
    assert a.source == "<python>"
    assert a.meta.title == "Testvurdering" and a.meta.illustrative is True
    assert list(a.services) == ["lonn", "byggesak"]
    assert [str(o) for o in a.services["lonn"].options] == list(OPTIONS)
    assert a.scales["model"].kind == "plus_minus"
    assert set(a.weights) == {"strategy", "gains", "model", "sets"}


def test_matrix_shapes_values_and_na_mask(a: Assessment) -> None:
    for set_id, crits in (("strategy", STRATEGY), ("gains", GAINS), ("model", MODEL)):
        M = a.matrix("byggesak", set_id)
        assert isinstance(M, ScoreMatrix)
        assert M.shape == (3, len(crits)) and M.values.shape == (3, len(crits))
        assert M.criteria == crits
        assert M.option_ids == OPTIONS
        for arr in (M.values, M.low, M.high, M.applicable):
            assert arr.shape == (3, len(crits))
    S = a.matrix("byggesak", "strategy")
    expected = [[strategy_score(i, j) for j in range(12)] for i in range(3)]
    assert S.values.tolist() == expected
    G = a.matrix("byggesak", "gains")
    assert G.values[2, 4] == gains_score(2, 4)
    M = a.matrix("byggesak", "model")
    assert M.applicable.tolist()[0] == [False] * 11
    assert M.applicable[1:].all()
    assert np.isnan(M.values[0]).all() and not np.isnan(M.values[1:]).any()
    assert M.values[1, 0] == (3 + 0) % 9 - 4  # model_score(1, 0)


def test_uncertainty_and_rationale(a: Assessment) -> None:
    S = a.matrix("lonn", "strategy")
    i, j = OPTIONS.index("oppgavefellesskap"), STRATEGY.index("fagmiljo")
    assert (S.low[i, j], S.values[i, j], S.high[i, j]) == (3.0, 4.0, 5.0)
    assert S.rationale[i][j] == "Samlet fagmiljø på 17 årsverk"
    assert S.rationale[0][0] == ""
    other = np.ones_like(S.values, dtype=bool)
    other[i, j] = False
    assert (S.low[other] == S.values[other]).all() and (S.high[other] == S.values[other]).all()
    score = a.services["lonn"].score("oppgavefellesskap", "fagmiljo")
    assert score.interval == (3.0, 5.0) and score.applicable


def test_matrix_arrays_are_read_only(a: Assessment) -> None:
    M = a.matrix("lonn", "gains")
    with pytest.raises(ValueError):
        M.values[0, 0] = 9


def test_values_01_is_scale_anchored(a: Assessment) -> None:
    M = a.matrix("lonn", "model")
    V = M.values_01()
    np.testing.assert_allclose(V[1:], (M.values[1:] + 4) / 8)
    assert np.isnan(V[0]).all()
    S = a.matrix("lonn", "strategy")
    np.testing.assert_allclose(S.values_01(), (S.values - 1) / 4)
    lo, hi = S.interval_01()
    assert (lo <= S.values_01()).all() and (S.values_01() <= hi).all()


def test_values_01_does_not_depend_on_the_other_options() -> None:
    data = valid()
    full = load_assessment(data).matrix("lonn", "strategy").values_01()
    data["services"]["lonn"]["options"].remove("egen_drift")
    del data["services"]["lonn"]["scores"]["egen_drift"]
    fewer = load_assessment(data).matrix("lonn", "strategy").values_01()
    np.testing.assert_array_equal(full[1:], fewer)


def test_weights_resolved_in_catalogue_order(a: Assessment) -> None:
    w_s = a.weights_for("strategy")
    raw = np.array([10 + 5 * (j % 3) for j in range(12)], dtype=float)
    np.testing.assert_allclose(w_s, raw / raw.sum())
    assert a.weights["strategy"].labels == STRATEGY
    w_g = a.weights_for("gains")
    np.testing.assert_allclose(w_g, np.array([4, 2, 1, 1, 0.5]) / 8.5, atol=1e-9)
    assert "CR" in a.weights["gains"].note
    w_m = a.weights_for("model", service_id="lonn")
    assert w_m.shape == (11,) and math.isclose(w_m.sum(), 1.0)
    assert w_m[0] > w_m[1] == w_m[2] > w_m[3]
    assert a.set_weights() == pytest.approx({"strategy": 0.4, "gains": 0.3, "model": 0.3})
    assert a.weights["strategy"].input["method"] == "points"


def test_ahp_criteria_in_a_different_order_gives_the_same_weights() -> None:
    data = valid()
    perm = [4, 2, 0, 1, 3]
    w = np.array([4.0, 2.0, 1.0, 1.0, 0.5])[perm]
    data["weights"]["gains"] = {
        "method": "ahp",
        "criteria": [GAINS[k] for k in perm],
        "variant": "geometric",
        "matrix": [[float(w[i] / w[j]) for j in range(5)] for i in range(5)],
    }
    np.testing.assert_allclose(
        load_assessment(data).weights_for("gains"), np.array([4, 2, 1, 1, 0.5]) / 8.5, atol=1e-9
    )


def test_ahp_fractions_as_text_are_read() -> None:
    data = valid()
    data["weights"]["sets"] = {
        "method": "ahp",
        "criteria": ["strategy", "gains", "model"],
        "matrix": [[1, 2, 2], ["1/2", 1, 1], ["1/2", 1, 1]],
    }
    assert load_assessment(data).set_weights() == pytest.approx(
        {"strategy": 0.5, "gains": 0.25, "model": 0.25}
    )


@pytest.mark.parametrize(
    "spec",
    [
        {"method": "equal"},
        {"method": "swing", "swing": {"strategy": 100, "gains": 50, "model": 50}},
        {"method": "direct", "values": {"strategy": 2, "gains": 1, "model": 1}},
        {"method": "rank", "ranking": ["strategy", ["gains", "model"]], "formula": "rank_sum"},
    ],
)
def test_set_weight_methods(spec: dict) -> None:
    data = valid()
    data["weights"]["sets"] = spec
    sw = load_assessment(data).set_weights()
    assert math.isclose(sum(sw.values()), 1.0)
    if spec["method"] == "equal":
        assert sw == pytest.approx({"strategy": 1 / 3, "gains": 1 / 3, "model": 1 / 3})
    else:
        assert sw["strategy"] > sw["gains"] == pytest.approx(sw["model"])


def test_missing_weight_tables_default_to_equal() -> None:
    data = valid()
    del data["weights"]
    a = load_assessment(data)
    np.testing.assert_allclose(a.weights_for("strategy"), np.full(12, 1 / 12))
    assert "no weights given" in a.weights["sets"].note


def test_objective_weights_need_a_service() -> None:
    data = valid()
    data["weights"]["strategy"] = {"method": "objective", "measure": "std"}
    a = load_assessment(data)
    assert a.weights["strategy"].vector is None
    with pytest.raises(SamvalgError, match="service_id"):
        a.weights_for("strategy")
    w = a.weights_for("strategy", service_id="lonn")
    assert w.shape == (12,) and math.isclose(float(w.sum()), 1.0)
    X = a.matrix("lonn", "strategy").values
    expected = samvalg.weights.objective(X, np.ones(12), method="std").vector
    np.testing.assert_allclose(w, expected)


def test_objective_entropy_on_the_model_set_uses_applicable_rows() -> None:
    data = valid()
    data["weights"]["model"] = {"method": "objective"}
    a = load_assessment(data)
    w = a.weights_for("model", service_id="byggesak")
    X = a.matrix("byggesak", "model").values[1:] + 4 + 1
    np.testing.assert_allclose(w, samvalg.weights.objective(X, np.ones(11)).vector)


def test_unknown_set_and_service_in_accessors(a: Assessment) -> None:
    with pytest.raises(SamvalgError, match="strategy"):
        a.matrix("lonn", "strategi")
    with pytest.raises(SamvalgError, match="lonn"):
        a.matrix("lon", "gains")


def test_assessment_is_frozen(a: Assessment) -> None:
    with pytest.raises(AttributeError):
        a.meta = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.services["x"] = None  # type: ignore[index]
    with pytest.raises(Exception, match="frozen"):
        a.meta.title = "x"  # type: ignore[misc]


# -- round trips and replace -----------------------------------------------------------------


def test_to_dict_round_trips_through_load(a: Assessment) -> None:
    d = a.to_dict()
    b = load_assessment(d)
    assert b.to_dict() == d
    for sid in a.services:
        for set_id in a.set_ids:
            np.testing.assert_array_equal(
                a.matrix(sid, set_id).values, b.matrix(sid, set_id).values
            )
            np.testing.assert_array_equal(a.weights_for(set_id), b.weights_for(set_id))
    assert d["services"]["lonn"]["scores"]["vertskommune:melhus"]["styringsstruktur"] in (
        PLUS_MINUS_LABELS
    )


def test_dump_toml_round_trips(a: Assessment, tmp_path) -> None:
    out = dump_toml(a, tmp_path / "a.toml")
    tomllib.loads(out.read_text(encoding="utf-8"))
    assert load_assessment(out).to_dict() == a.to_dict()
    with pytest.raises(SamvalgError, match="exists"):
        dump_toml(a, out)


def test_replace_returns_a_new_validated_assessment(a: Assessment) -> None:
    b = a.replace(weights={**a.weights, "strategy": {"method": "equal"}})
    assert b is not a
    assert b.weights["strategy"].method == "equal"
    assert a.weights["strategy"].method == "points"
    np.testing.assert_allclose(b.weights_for("strategy"), np.full(12, 1 / 12))
    c = a.replace(meta={"title": "Ny tittel"})
    assert c.meta.title == "Ny tittel" and c.meta.illustrative is False
    with pytest.raises(ValidationError, match="points"):
        a.replace(weights={**a.weights, "sets": {"method": "pionts"}})
    with pytest.raises(ValidationError, match="services"):
        a.replace(servises={})


def test_replace_with_domain_objects(a: Assessment) -> None:
    b = a.replace(scales=dict(a.scales), services={"lonn": a.services["lonn"]})
    assert list(b.services) == ["lonn"]
    np.testing.assert_array_equal(
        b.matrix("lonn", "model").values, a.matrix("lonn", "model").values
    )


def test_without_option(a: Assessment) -> None:
    b = a.without_option("lonn", "vertskommune:melhus")
    assert b.matrix("lonn", "gains").option_ids == ("egen_drift", "oppgavefellesskap")
    np.testing.assert_array_equal(
        b.matrix("lonn", "gains").values, a.matrix("lonn", "gains").values[[0, 2]]
    )
    assert len(a.services["lonn"].options) == 3
    with pytest.raises(SamvalgError, match="not assessed"):
        a.without_option("lonn", "iks")
    with pytest.raises(ValidationError, match="at least 2 options"):
        b.without_option("lonn", "egen_drift")


def test_numpy_and_option_values_in_python_input() -> None:
    data = valid()
    data["services"]["lonn"]["options"] = [Option.parse(o) for o in OPTIONS]
    data["services"]["lonn"]["scores"]["egen_drift"]["fagmiljo"] = np.int64(2)
    data["weights"]["gains"] = {"method": "direct", "values": dict.fromkeys(GAINS, np.float64(1))}
    a = load_assessment(data)
    assert a.matrix("lonn", "strategy").values[0, STRATEGY.index("fagmiljo")] == 2.0


def test_repr_and_html(a: Assessment) -> None:
    assert "Testvurdering" in repr(a) and "illustrative" in repr(a)
    html = a._repr_html_()
    assert "<table>" in html and "lonn" in html and "points" in html
    assert "<table>" in a.matrix("lonn", "model")._repr_html_()
    assert "na" in a.matrix("lonn", "model")._repr_html_()


def test_public_names_are_exported() -> None:
    assert samvalg.Option is Option
    assert samvalg.load_assessment is load_assessment
    for name in ("Scale", "ScoreMatrix", "ServiceAssessment"):
        assert getattr(samvalg, name) is getattr(samvalg.assessment, name)


# -- the shipped example ---------------------------------------------------------------------


def test_shipped_example_loads() -> None:
    ex = example_assessment()
    assert ex is samvalg.example_assessment()
    assert ex.meta.illustrative is True
    assert ex.services
    for sid, sa in ex.services.items():
        assert len(sa.options) >= 2
        for set_id in ex.set_ids:
            M = ex.matrix(sid, set_id)
            assert M.values.shape == (len(sa.options), len(ex.criteria(set_id)))
            w = ex.weights_for(set_id, service_id=sid)
            assert math.isclose(float(w.sum()), 1.0)
    assert math.isclose(sum(ex.set_weights().values()), 1.0)
