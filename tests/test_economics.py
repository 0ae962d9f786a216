"""Tests of samvalg.economics: baseline, cost-sharing keys, cash flows and present value.

Reference numbers are the council case's staffing tables (saksframlegg «Bærekraftige og
innovative kommuner 2030», «Kort beskrivelse av dagens bemanning og ressursbruk») and hand
computations written out below.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import samvalg
from samvalg import economics as eco
from samvalg.cli import main
from samvalg.errors import SamvalgError
from samvalg.text.economics import note_text

MUNIS = ("skaun", "melhus", "midtre_gauldal")
POP_2024 = {"skaun": 8484, "melhus": 17560, "midtre_gauldal": 6140}


# ------------------------------------------------------------------------------ baseline
def test_baseline_totals_equal_the_seed():
    b = eco.baseline()
    lrf = b.group("lonn_regnskap_fakturering")
    assert (lrf.total_fte, lrf.total_nok) == (Decimal("17.6"), 14_800_000)
    assert lrf.services == ("lonn", "regnskap", "fakturering")
    sb = b.group("sentralbord")
    assert (sb.total_fte, sb.total_nok) == (Decimal("2.6"), 2_080_000)
    ap = b.group("arkiv_postmottak")
    assert ap.total_fte == Decimal("7.9")
    assert ap.services == ("arkiv", "postmottak")
    # the printed TOTALT rows, exactly as in the case
    assert (lrf.printed_total_fte, lrf.printed_total_nok) == (Decimal("17.6"), 14_800_000)
    assert (sb.printed_total_fte, sb.printed_total_nok) == (Decimal("2.6"), 2_080_000)
    assert (ap.printed_total_fte, ap.printed_total_nok) == (Decimal("7.9"), 6_420_000)


def test_baseline_rows_and_the_printed_arkiv_total_discrepancy():
    b = eco.baseline()
    ap = b.group("arkiv_postmottak")
    assert ap.nok == {"skaun": 2_000_000, "melhus": 2_960_000, "midtre_gauldal": 1_360_000}
    assert ap.total_nok == 6_320_000
    assert ap.printed_discrepancy_nok == 100_000
    nbsp = "\u00a0"
    assert any(
        f"6{nbsp}420{nbsp}000" in n and f"6{nbsp}320{nbsp}000" in n for n in map(note_text, b.notes)
    )
    assert b.group("lonn_regnskap_fakturering").printed_discrepancy_nok == 0
    assert b.group("lonn_regnskap_fakturering").nok == {
        "skaun": 4_100_000,
        "melhus": 5_200_000,
        "midtre_gauldal": 5_500_000,
    }
    assert b.group("lonn_regnskap_fakturering").fte["melhus"] == Decimal("6.4")


def test_baseline_says_which_areas_have_no_data_and_what_is_grouped():
    b = eco.baseline()
    assert set(b.missing) == {"plan", "byggesak", "kart_oppmaling", "landbruk"}
    assert any("lonn + regnskap + fakturering" in n for n in map(note_text, b.notes))
    assert any("arkiv + postmottak" in n for n in map(note_text, b.notes))
    assert any(
        "6,44 årsverk" in n for n in map(note_text, b.notes)
    )  # Melhus' clerical staff outside the tables
    with pytest.raises(SamvalgError, match="no staffing data for 'byggesak'"):
        b.group_of("byggesak")


def test_split_adds_back_to_the_group_exactly():
    b = eco.baseline()
    for g in b.groups:
        for m in MUNIS:
            assert sum(b.service_fte(s)[m] for s in g.services) == g.fte[m]
            assert sum(b.service_nok(s)[m] for s in g.services) == g.nok[m]
    custom = eco.baseline(
        split={"lonn_regnskap_fakturering": {"lonn": 2, "regnskap": 1, "fakturering": 1}}
    )
    assert custom.service_nok("lonn")["skaun"] == 2_050_000
    assert custom.service_fte("lonn")["skaun"] == Decimal("2.5")


def test_extra_staffing_for_areas_without_data():
    b = eco.baseline(
        extra={
            "byggesak": {
                "skaun": {"fte": 2, "nok": 1_700_000},
                "melhus": (3.5, 3_000_000),
                "midtre_gauldal": {"fte": 1.5, "nok": 1_250_000},
            }
        }
    )
    g = b.group_of("byggesak")
    assert g.user_supplied and g.total_fte == Decimal("7.0") and g.total_nok == 5_950_000
    assert "byggesak" not in b.missing
    assert b.total_nok == 23_200_000 + 5_950_000


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"extra": {"bygesak": {}}}, "did you mean 'byggesak'"),
        ({"extra": {"lonn": {}}}, "already has staffing data"),
        ({"extra": {"plan": {"skaun": (1, 1)}}}, "no FTE/kroner for melhus, midtre_gauldal"),
        (
            {"extra": {"plan": {"skaun": (1, 1), "melhus": (1, 1), "midtre": (1, 1)}}},
            "did you mean 'midtre_gauldal'",
        ),
        ({"extra": {"plan": {m: (-1, 1) for m in MUNIS}}}, "non-negative"),
        ({"split": {"arkiv": {"arkiv": 1}}}, "did you mean 'arkiv_postmottak'"),
        ({"split": {"arkiv_postmottak": {"arkiv": 1}}}, "no share for postmottak"),
    ],
)
def test_baseline_bad_input(kwargs, match):
    with pytest.raises(SamvalgError, match=match):
        eco.baseline(**kwargs)


# ------------------------------------------------------------------------------ sharing keys
def test_population_key_uses_one_common_date():
    # Melhus has a 2025 figure, the others only 2024: the key must use 2024 for everyone.
    assert {m: int(v) for m, v in eco.sharing.populations().items()} == POP_2024


@pytest.mark.parametrize("total", [0, 1, 2, 999_999, 23_200_000, 14_800_001])
def test_population_key_proportional_within_one_krone(total):
    shares = eco.share_costs(total, "population")
    assert sum(shares.values()) == total
    p_sum = sum(POP_2024.values())
    for m in MUNIS:
        assert abs(shares[m] - Fraction(total * POP_2024[m], p_sum)) < 1


def test_equal_key_and_deterministic_tie_break():
    shares = eco.share_costs(100, "equal")
    # all remainders are 1/3 and weights equal: the extra krone goes to the first id
    # alphabetically (melhus)
    assert shares == {"skaun": 33, "melhus": 34, "midtre_gauldal": 33}
    assert eco.share_costs(100, "equal") == shares


def test_hybrid_key_is_the_weighted_mix():
    total = 10_000_000
    w = eco.key_weights({"equal": 0.4, "population": 0.6})
    p_sum = sum(POP_2024.values())
    for m in MUNIS:
        assert w[m] == Fraction(2, 5) / 3 + Fraction(3, 5) * Fraction(POP_2024[m], p_sum)
    shares = eco.share_costs(total, {"equal": 0.4, "population": 0.6})
    assert sum(shares.values()) == total
    assert all(abs(shares[m] - total * w[m]) < 1 for m in MUNIS)


def test_usage_key():
    usage = {"skaun": 1000, "melhus": 2000, "midtre_gauldal": 1000}
    assert eco.share_costs(4_000_000, "usage", usage) == {
        "skaun": 1_000_000,
        "melhus": 2_000_000,
        "midtre_gauldal": 1_000_000,
    }


keys = st.one_of(
    st.sampled_from(["population", "equal", "usage"]),
    st.floats(0, 1).map(lambda a: {"equal": a, "population": 1 - a}),
    st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(1, 10)).map(
        lambda t: {"equal": t[0] / sum(t), "population": t[1] / sum(t), "usage": t[2] / sum(t)}
    ),
)


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(0, 10**11),
    key=keys,
    usage=st.tuples(*[st.floats(0, 1e6, allow_nan=False)] * 3).filter(lambda t: sum(t) > 0),
)
def test_every_key_sums_exactly_to_the_total(total, key, usage):
    u = dict(zip(MUNIS, usage, strict=True))
    shares = eco.share_costs(total, key, usage=u)
    assert set(shares) == set(MUNIS)
    assert sum(shares.values()) == total
    assert all(isinstance(v, int) and v >= 0 for v in shares.values())
    w = eco.key_weights(key, u)
    assert all(abs(shares[m] - total * w[m]) < 1 for m in MUNIS)


@settings(max_examples=50, deadline=None)
@given(total=st.integers(0, 10**10))
def test_equal_shares_are_equal_within_one_krone(total):
    shares = eco.share_costs(total, "equal")
    assert max(shares.values()) - min(shares.values()) <= 1
    assert sum(shares.values()) == total


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((100, "populaton"), {}, "did you mean 'population'"),
        ((-5, "equal"), {}, "negative"),
        ((10.5, "equal"), {}, "not a whole number of kroner"),
        ((100, {"equal": 0.4, "population": 0.5}), {}, "sum to 0.9, not 1"),
        ((100, {"equal": 0.5, "folketall": 0.5}), {}, "unknown component 'folketall'"),
        ((100, "usage"), {}, "needs volumes per municipality"),
        ((100, "usage", {"skaun": 1, "melhus": 2}), {}, "no volume for midtre_gauldal"),
        (
            (100, "usage", {"skaun": 1, "melhus": 2, "midtre_gauldal": 1, "melhu": 3}),
            {},
            "unknown municipality 'melhu' \\(did you mean 'melhus'",
        ),
        (
            (100, "usage", {"skaun": 0, "melhus": 0, "midtre_gauldal": 0}),
            {},
            "every volume is zero",
        ),
        ((100, "usage", {"skaun": -1, "melhus": 2, "midtre_gauldal": 1}), {}, "negative volume"),
        ((100, 7), {}, "expected one of population"),
    ],
)
def test_share_costs_errors(args, kwargs, match):
    with pytest.raises(SamvalgError, match=match):
        eco.share_costs(*args, **kwargs)


def test_compare_costs_flags_who_pays_more():
    b = eco.baseline()
    before = b.nok_by_municipality()
    after_total = round(b.total_nok * 0.79)
    by_pop = eco.compare_costs(before, after_total, "population")
    # Melhus has 54.6 % of the population but 38.6 % of today's cost
    assert by_pop.pays_more == ("melhus",)
    assert by_pop["melhus"].after > by_pop["melhus"].before
    assert sum(r.after for r in by_pop.rows) == after_total
    assert by_pop.saving == b.total_nok - after_total
    assert sum(r.share_of_saving for r in by_pop.rows) == pytest.approx(1.0)
    assert eco.compare_costs(before, after_total, "equal").pays_more == ()
    # a usage key equal to today's costs gives everyone the same relative saving
    same = eco.compare_costs(before, after_total, "usage", usage=before)
    assert all(abs(r.after / r.before - 0.79) < 1e-6 for r in same.rows)
    assert "betaler mer" in by_pop._repr_html_()
    assert json.loads(by_pop.to_json())["pays_more"] == ["melhus"]


# ------------------------------------------------------------------------------ present value
def test_present_value_hand_computed():
    # 1000 kr invested in year 0, 300 kr back in each of years 1-4, 4 % real:
    # 300/1.04 = 288.461538; 300/1.0816 = 277.366864; 300/1.124864 = 266.698908;
    # 300/1.16985856 = 256.441257; sum 1088.968567; PV = 88.968567
    pv = eco.present_value([-1000, 300, 300, 300, 300], 0.04)
    assert pv == pytest.approx(88.968567, abs=1e-6)
    assert eco.present_value([5.0], 0.04) == 5.0
    assert eco.present_value([0, 104], 0.04) == pytest.approx(100.0)


def test_discount_factors_r109_schedule():
    d = eco.discount_factors(60, "r109")
    assert d[40] == pytest.approx(1.04**-40)
    assert d[41] == pytest.approx(1.04**-40 / 1.03)
    np.testing.assert_allclose(d[:41], eco.discount_factors(40, 0.04))
    with pytest.raises(SamvalgError, match="at most 75"):
        eco.discount_factors(80, "r109")
    with pytest.raises(SamvalgError, match=r"0\.04 = 4 %"):
        eco.discount_factors(3, 4.0)


def test_scenario_cash_flows_and_present_value_by_hand():
    est = eco.EstablishmentCosts(
        project_management=1_000_000, system_harmonisation=2_000_000, moving=500_000, ict=500_000
    )
    a = eco.scenario_analysis(
        scenarios=["expected"],
        establishment=est,
        phase_in=(0.5, 1.0),
        horizon=3,
        discount_rate=0.04,
        include_grant=True,
        key="equal",
    )
    r = a["expected"]
    # B = 14 800 000 + 2 080 000 + 6 320 000 = 23 200 000; 21 % of it = 4 872 000 a year
    assert r.nok_saved_full == 4_872_000
    assert r.fte_saved_full == pytest.approx(0.21 * 28.1)
    # year 0: -4 000 000 + 1 100 000 grant; year 1: half effect; years 2-3: full effect
    assert r.net.tolist() == [-2_900_000, 2_436_000, 4_872_000, 4_872_000]
    # PV = -2 900 000 + 2 436 000/1.04 + 4 872 000/1.0816 + 4 872 000/1.124864
    #    = -2 900 000 + 2 342 307.6923 + 4 504 437.8698 + 4 331 190.2594 = 8 277 935.8215
    assert r.present_value == pytest.approx(8_277_935.8215, abs=1e-3)
    assert r.payback_year == 2
    # the municipalities' nets add up to the joint cash flow, to the krone, every year
    total = sum(mr.net for mr in r.municipalities.values())
    assert total.tolist() == r.net.tolist()
    assert sum(mr.present_value for mr in r.municipalities.values()) == pytest.approx(
        r.present_value, abs=1e-6
    )


def test_default_scenarios_and_sources():
    a = eco.scenario_analysis()
    assert [s.scenario.share for s in a.scenarios.values()] == [0.10, 0.21, 0.30]
    # the shares, labels and sources are the shipped catalogue's [case] evidence
    assert "AKST" in a["expected"].scenario.label_nb
    assert "NIVI Rapport 2024:2" in a["expected"].scenario.source
    assert "10-30 prosent" in a["low"].scenario.source
    assert a.discount_rate == 0.04 and "R-109/2021" in a.discount_rate_source
    assert a.establishment.illustrative
    assert any("illustrative plassholdere" in n for n in map(note_text, a.notes))
    assert a["expected"].pays_more == ("melhus",)  # population key, default
    assert a["high"].present_value > a["expected"].present_value > a["low"].present_value
    d = json.loads(a.to_json())
    assert d["scenarios"]["expected"]["nok_saved_full"] == 4_872_000
    assert "<table" in a._repr_html_()
    with pytest.raises(SamvalgError, match="did you mean 'expected'"):
        a["expectd"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"scenarios": {"x": 1.5}}, "outside 0..1"),
        ({"scenarios": ["middle"]}, "unknown scenario 'middle'"),
        ({"phase_in": (0.5, 2)}, "must lie in 0..1"),
        ({"horizon": 0}, "1..100"),
        ({"discount_rate": -1.5}, "greater than -1"),
        ({"groups": ["lonn"]}, "unknown staffing group 'lonn'"),
        ({"key": "pop"}, "unknown cost-sharing key"),
    ],
)
def test_scenario_analysis_errors(kwargs, match):
    with pytest.raises(SamvalgError, match=match):
        eco.scenario_analysis(**kwargs)


def test_establishment_spread_and_errors():
    est = eco.EstablishmentCosts(1, 1, 1, 0, spread=(0.5, 0.5))
    assert est.by_year(3) == [2, 1, 0, 0]
    with pytest.raises(SamvalgError, match="summing to 1"):
        eco.EstablishmentCosts(spread=(0.5, 0.4))
    with pytest.raises(SamvalgError, match="negative"):
        eco.EstablishmentCosts(ict=-1)


# ------------------------------------------------------------------------------ derived scores
def test_economic_scores_mapping():
    eq = eco.economic_scores(eco.scenario_analysis(key="equal"))
    pop = eco.economic_scores(eco.scenario_analysis(key="population"))
    assert eq.zero_option_score == 3.0
    # same joint cash flow under both keys: the efficiency score does not depend on the key
    assert eq.scores["okonomi_effektivisering"] == pop.scores["okonomi_effektivisering"]
    assert 3 < eq.scores["okonomi_effektivisering"] <= 5
    # under the population key Melhus is worse off than today: below the zero option
    assert pop.scores["okonomi_kostnadsdeling"] < 3 < eq.scores["okonomi_kostnadsdeling"]
    r = eq.ratios["okonomi_effektivisering"]
    assert eq.scores["okonomi_effektivisering"] == pytest.approx(3 + 2 * min(r / 0.3, 1))
    pm = eco.economic_scores(eco.scenario_analysis(key="equal"), scale="plus_minus", step=1)
    assert pm.zero_option_score == 0 and pm.scores["okonomi_effektivisering"] in range(-4, 5)
    with pytest.raises(SamvalgError, match="unknown measure"):
        eco.economic_scores(eco.scenario_analysis(), measures={"x": "profit"})


# ------------------------------------------------------------------------------ CLI and API
def test_flat_api_and_cli(capsys, tmp_path):
    assert samvalg.economics is eco
    assert main(["economics", "--key", "equal=0.4,population=0.6", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["key"] == {"equal": 0.4, "population": 0.6}
    assert main(["economics"]) == 0
    assert "betaler mer enn i dag" in capsys.readouterr().out
    # the settings are the assessment's [economics] table; options override them
    from samvalg._resources import example_assessment_path

    f = tmp_path / "vurdering.toml"
    f.write_text(
        example_assessment_path().read_text(encoding="utf-8")
        + '\n[economics]\nhorizon = 5\nkey = "equal"\n[economics.scenarios]\nexpected = 0.25\n',
        encoding="utf-8",
    )
    argv = ["economics", str(f), "--json", "--usage", "skaun=1,melhus=2,midtre_gauldal=1"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["horizon"] == 5 and out["key"] == "equal"
    assert out["scenarios"]["expected"]["scenario"]["share"] == 0.25
    assert set(out["scenarios"]) == {"low", "expected", "high"}
    assert main([*argv, "--key", "usage", "--horizon", "7"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["key"] == "usage" and out["horizon"] == 7
    # an unknown key in [economics] is located
    f.write_text(
        example_assessment_path().read_text(encoding="utf-8") + "\n[economics]\nhorizn = 5\n",
        encoding="utf-8",
    )
    assert main(["economics", str(f)]) == 2
    assert "economics.horizn" in capsys.readouterr().err
    # the separate economics file earlier versions read is refused, saying where it went
    old = tmp_path / "eco.toml"
    old.write_text("[settings]\nhorizon = 5\n", encoding="utf-8")
    assert main(["economics", str(old)]) == 2
    assert "assessment's [economics] table" in capsys.readouterr().err
    assert main(["economics", "--key", "populaton"]) == 2
    assert "did you mean 'population'" in capsys.readouterr().err
