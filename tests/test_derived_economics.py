"""Economic criteria derived from the savings scenarios (``[derived]`` / ``[economics]``).

The fixture copies the shipped example and derives *Økonomi/effektivisering* (strategy, 1..5)
and *Økonomi og kostnadsdeling* (model, 1..5) for the six administrative service areas, the
ones with staffing figures in the council case; the other four keep their judged scores.
"""

from __future__ import annotations

import copy
import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg import economics as eco
from samvalg._resources import example_assessment_path
from samvalg.cli import main
from samvalg.economics._money import largest_remainder
from samvalg.errors import ValidationError
from samvalg.io import dump_toml

ADMIN = ["sentralbord", "postmottak", "arkiv", "lonn", "regnskap", "fakturering"]
EFF, SHARE = "okonomi_effektivisering", "okonomi_kostnadsdeling"


def _example_data() -> dict[str, Any]:
    return tomllib.loads(example_assessment_path().read_text(encoding="utf-8"))


def derived_data(
    criteria: tuple[str, ...] = (EFF, SHARE),
    services: list[str] = ADMIN,
    economics: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The example with `criteria` derived for `services` (their judged cells removed)."""
    data = _example_data()
    for s in services:
        for cells in data["services"][s]["scores"].values():
            for c in criteria:
                cells.pop(c)
    data["derived"] = {c: {"source": "economics", "services": list(services)} for c in criteria}
    if SHARE in criteria:
        data["derived"][SHARE]["measure"] = "sharing"
    if economics is not None:
        data["economics"] = economics
    return data


@pytest.fixture(scope="module")
def derived() -> samvalg.Assessment:
    return samvalg.load_assessment(derived_data())


def _direct_analysis(service: str, scenario: str) -> eco.ScenarioAnalysis:
    """The documented per-service analysis, built here step by step from the public API."""
    b = eco.baseline()
    cost = {s: sum(b.service_nok(s).values()) for s in b.services}
    est = eco.DEFAULT_ESTABLISHMENT
    parts = {
        n: largest_remainder(getattr(est, n), {s: Fraction(c) for s, c in cost.items()})
        for n in ("project_management", "system_harmonisation", "moving", "ict")
    }
    mine = eco.EstablishmentCosts(**{n: p[service] for n, p in parts.items()}, illustrative=True)
    one = eco.Baseline(
        municipalities=b.municipalities,
        groups=(
            eco.StaffingGroup(
                id="x",
                name_nb=service,
                name_en=service,
                services=(service,),
                fte=b.service_fte(service),
                nok=b.service_nok(service),
                source="case",
            ),
        ),
        split={"x": {service: Fraction(1)}},
        missing={},
    )
    return eco.scenario_analysis(one, scenarios=[scenario], establishment=mine)


def test_derived_scores_equal_economic_scores_mapping(derived) -> None:
    expect_scenario = {"egen_drift": None, "fagnettverk": "low"}
    for s in ADMIN:
        sa = derived.services[s]
        for opt in sa.options:
            sc = expect_scenario.get(str(opt), "expected")
            if sc is None:
                continue
            a = _direct_analysis(s, sc)
            direct = eco.economic_scores(
                a, scenario=sc, scale=(1, 5), measures={EFF: "efficiency", SHARE: "sharing"}
            )
            assert sa.scores[str(opt)][EFF].value == pytest.approx(direct.scores[EFF], abs=1e-12)
            if samvalg.catalogue().forms[opt.form].formal:
                assert sa.scores[str(opt)][SHARE].value == pytest.approx(
                    direct.scores[SHARE], abs=1e-12
                )


def test_efficiency_ratio_matches_the_hand_formula(derived) -> None:
    # r = (sum_t d_t p_t s C - sum_t d_t E_t) / (C sum_{t>=1} d_t); with one-off costs in
    # proportion to today's cost, r is the same for every service area (up to whole kroner)
    b = eco.baseline()
    d = eco.discount_factors(10, 0.04)
    p = np.array([0, 0.25, 0.5, 0.75] + [1.0] * 7)
    total = sum(sum(b.service_nok(x).values()) for x in b.services)
    for s in ADMIN:
        C = sum(b.service_nok(s).values())
        E = eco.DEFAULT_ESTABLISHMENT.total * C / total
        r = (float(d @ p) * 0.21 * C - E) / (C * float(d[1:].sum()))
        x = 3 + 2 * min(r / 0.30, 1.0)
        assert derived.services[s].scores["iks"][EFF].value == pytest.approx(x, abs=1e-4)


def test_egen_drift_is_the_zero_point_and_model_criteria_stay_na(derived) -> None:
    for s in ADMIN:
        cells = derived.services[s].scores
        assert cells["egen_drift"][EFF].value == 3.0  # midpoint of 1..5
        assert cells["egen_drift"][SHARE].value is None
        assert cells["fagnettverk"][SHARE].value is None
        assert 3.0 < cells["fagnettverk"][EFF].value < cells["oppgavefellesskap"][EFF].value


def test_plus_minus_scale_zero_is_0_and_whole_steps() -> None:
    # the example's gains set is on DFØ's pluss-minus scale: derive kostnadseffektivitet there
    data = derived_data(criteria=("kostnadseffektivitet",))
    data["derived"]["kostnadseffektivitet"]["measure"] = "efficiency"
    a = samvalg.load_assessment(data)
    for s in ADMIN:
        cells = a.services[s].scores
        assert cells["egen_drift"]["kostnadseffektivitet"].value == 0.0
        for opt in a.services[s].options:
            v = cells[str(opt)]["kostnadseffektivitet"].value
            assert float(v).is_integer() and -4 <= v <= 4
        assert cells["iks"]["kostnadseffektivitet"].value == 2.0  # round(4 * 0.152 / 0.30)
    M = a.matrix("lonn", "gains")
    assert M.scale.label(M.values[0, 0]) == "0"


def test_generated_rationale_names_scenario_and_present_value(derived) -> None:
    text = derived.services["lonn"].scores["iks"][EFF].rationale
    assert text.startswith("Avledet fra gevinstscenario «middels» (21 %): nåverdi ")
    assert "kr over 10 år" in text and "clip(" in text
    assert "dårligst stilte kommune" in derived.services["lonn"].scores["iks"][SHARE].rationale
    assert "nullpunktet" in derived.services["lonn"].scores["egen_drift"][EFF].rationale


def test_assessment_records_which_criteria_are_derived(derived) -> None:
    assert list(derived.derived) == [EFF, SHARE]
    d = derived.derived[SHARE]
    assert (d.set_id, d.measure, d.services, d.cap, d.step) == (
        "model",
        "sharing",
        tuple(ADMIN),
        0.30,
        None,
    )
    assert derived.is_derived("lonn", EFF) and not derived.is_derived("plan", EFF)
    assert derived.derived_criteria("plan") == ()
    assert derived.economics is None  # no [economics] table: the defaults are used
    # judged services keep their judged scores
    ex = samvalg.example_assessment()
    assert derived.services["plan"].scores["iks"][EFF] == ex.services["plan"].scores["iks"][EFF]


def test_derived_cell_plus_judged_score_is_a_located_error() -> None:
    data = derived_data()
    data["services"]["lonn"]["scores"]["vertskommune:melhus"][EFF] = 4
    data["services"]["lonn"]["scores"]["iks"][EFF] = "na"
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(data)
    (p,) = exc.value.problems
    assert p.location == f'services.lonn.scores."vertskommune:melhus".{EFF}'
    assert "derived" in p.message and "(also given for iks)" in p.message


def test_service_without_staffing_is_a_located_error_naming_what_to_add() -> None:
    data = derived_data(criteria=(EFF,), services=[*ADMIN, "plan"])
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(data)
    (p,) = exc.value.problems
    assert p.location == f"derived.{EFF}.services[6]"
    assert "'plan'" in p.message and "no staffing figures" in p.message
    assert "[economics.staffing.plan.<municipality>]" in p.allowed
    # supplying the staffing makes it derivable, marked as user-supplied figures
    staffing = {
        "plan": {m: {"fte": 2.0, "nok": 1_700_000} for m in ("skaun", "melhus", "midtre_gauldal")}
    }
    a = samvalg.load_assessment(
        derived_data(criteria=(EFF,), services=[*ADMIN, "plan"], economics={"staffing": staffing})
    )
    assert a.is_derived("plan", EFF)
    assert a.services["plan"].scores["egen_drift"][EFF].value == 3.0
    assert a.services["plan"].scores["iks"][EFF].value == pytest.approx(
        a.services["lonn"].scores["iks"][EFF].value, abs=1e-4
    )


def test_no_services_list_means_every_assessed_service() -> None:
    data = derived_data(criteria=(EFF,))
    del data["derived"][EFF]["services"]
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(data)
    where = [p.location for p in exc.value.problems]
    # the judged cells of the four areas without staffing, and each missing staffing table
    assert sum(w == f"derived.{EFF}" for w in where) == 4
    assert {
        f"services.{s}.scores.egen_drift.{EFF}"
        for s in ("plan", "byggesak", "kart_oppmaling", "landbruk")
    } <= set(where)


def test_economics_settings_change_the_scenarios() -> None:
    econ = {
        "key": "equal",
        "horizon": 12,
        "discount_rate": 0.03,
        "options": {"iks": "high", "fagnettverk": "none"},
        "scenarios": {"expected": 0.15},
    }
    a = samvalg.load_assessment(derived_data(economics=econ))
    cells = a.services["lonn"].scores
    assert cells["fagnettverk"][EFF].value == 3.0
    assert cells["iks"][EFF].value > cells["oppgavefellesskap"][EFF].value
    assert "(15 %)" in cells["oppgavefellesskap"][EFF].rationale
    assert "over 12 år (3 % reell rente)" in cells["iks"][EFF].rationale
    assert a.economics.scenario_of("vertskommune:skaun") == "expected"
    assert a.to_dict()["economics"] == econ


@pytest.mark.parametrize(
    ("economics", "location", "words"),
    [
        ({"options": {"egen_drift": "low"}}, "economics.options.egen_drift", "zero point"),
        ({"options": {"iks": "medium"}}, "economics.options.iks", "unknown scenario"),
        ({"options": {"isk": "low"}}, "economics.options.isk", "did you mean 'iks'"),
        ({"key": "usage"}, "economics.key", "volumes per service area"),
        ({"key": "populasjon"}, "economics.key", "population"),
        ({"horizon": 0}, "economics.horizon", "1..100"),
        ({"discount_rate": 4}, "economics.discount_rate", "share"),
        ({"phase_in": [0.5, 2]}, "economics.phase_in", "0..1"),
        ({"scenarios": {"none": 0.1}}, "economics.scenarios.none", "reserved"),
        ({"establishment": {"ict": 1.5}}, "economics.establishment", "whole"),
        ({"horizont": 10}, "economics.horizont", "did you mean 'horizon'"),
        ({"staffing": {"plan": {"skaun": {"fte": 1}}}}, "economics.staffing", "nok"),
    ],
)
def test_bad_economics_settings_are_located(economics, location, words) -> None:
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(derived_data(economics=economics))
    assert [p.location for p in exc.value.problems] == [location]
    p = exc.value.problems[0]
    assert words in p.message + p.allowed


@pytest.mark.parametrize(
    ("table", "location", "words"),
    [
        ({"services": ADMIN}, f"derived.{EFF}.source", "missing"),
        ({"source": "judgement", "services": ADMIN}, f"derived.{EFF}.source", "economics"),
        (
            {"source": "economics", "measure": "npv", "services": ADMIN},
            f"derived.{EFF}.measure",
            "efficiency",
        ),
        (
            {"source": "economics", "services": [*ADMIN[:5], "lønn"]},
            f"derived.{EFF}.services[5]",
            "not in the assessment",
        ),
        ({"source": "economics", "cap": 0, "services": ADMIN}, f"derived.{EFF}.cap", "positive"),
        ({"source": "economics", "servics": ADMIN}, f"derived.{EFF}.servics", "services"),
    ],
)
def test_bad_derived_tables_are_located(table, location, words) -> None:
    data = derived_data(criteria=(EFF,))
    data["derived"][EFF] = table
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(data)
    locs = [p.location for p in exc.value.problems]
    assert location in locs
    p = exc.value.problems[locs.index(location)]
    assert words in p.message + p.allowed


def test_a_stakeholder_cannot_override_a_derived_cell() -> None:
    data = derived_data()
    st = next(iter(data["stakeholders"]))
    data["stakeholders"][st].setdefault("scores", {})["lonn"] = {"iks": {EFF: 5}}
    with pytest.raises(ValidationError) as exc:
        samvalg.load_assessment(data)
    (p,) = exc.value.problems
    assert p.location == f"stakeholders.{st}.scores.lonn.iks.{EFF}"
    assert "cannot override" in p.message


def test_round_trip_keeps_the_derived_table_not_the_numbers(derived, tmp_path: Path) -> None:
    d = derived.to_dict()
    assert d["derived"] == derived_data()["derived"]
    assert EFF not in d["services"]["lonn"]["scores"]["iks"]
    assert EFF in d["services"]["plan"]["scores"]["iks"]  # judged there
    again = samvalg.load_assessment(d)
    path = dump_toml(derived, tmp_path / "derived.toml")
    text = path.read_text(encoding="utf-8")
    assert f"[derived.{EFF}]" in text and "Avledet" not in text
    from_file = samvalg.load_assessment(path)
    for b in (again, from_file):
        assert b.to_dict() == d
        for s in ADMIN:
            for set_id in ("strategy", "model"):
                np.testing.assert_array_equal(
                    b.matrix(s, set_id).values, derived.matrix(s, set_id).values
                )
    # with [economics]: its sub-tables are written as tables and read back the same
    econ = {
        "key": {"equal": 0.4, "population": 0.6},
        "horizon": 8,
        "options": {"iks": "high"},
        "establishment": {"ict": 500_000, "spread": [0.5, 0.5]},
        "staffing": {
            "plan": {
                m: {"fte": 1.5, "nok": 1_200_000} for m in ("skaun", "melhus", "midtre_gauldal")
            }
        },
    }
    e = samvalg.load_assessment(derived_data(economics=econ))
    back = samvalg.load_assessment(dump_toml(e, tmp_path / "econ.toml"))
    assert back.to_dict()["economics"] == econ
    assert "[economics.options]" in (tmp_path / "econ.toml").read_text(encoding="utf-8")


def test_replace_and_without_option_keep_the_derivation(derived) -> None:
    b = derived.replace(weights={**derived.weights, "gains": {"method": "equal"}})
    assert b.derived_criteria("lonn") == (EFF, SHARE)
    c = derived.without_option("lonn", "iks")
    assert (
        c.services["lonn"].scores["oppgavefellesskap"][EFF]
        == derived.services["lonn"].scores["oppgavefellesskap"][EFF]
    )
    d = derived.replace(services=dict(derived.services))  # domain objects in
    assert d.to_dict() == derived.to_dict()


def test_evaluate_changes_exactly_the_derived_columns(derived) -> None:
    ex = samvalg.evaluate(samvalg.example_assessment())
    ev = samvalg.evaluate(derived)
    assert ev.to_dict()["derived"] == {EFF: ADMIN, SHARE: ADMIN}
    assert ex.to_dict()["derived"] == {}
    for s in ex:
        for key in ("strategy", "model", "form", "whether"):
            v0, v1 = ex[s].views[key], ev[s].views[key]
            assert v0.options == v1.options and v0.criteria == v1.criteria
            X0, X1 = np.asarray(v0.value_matrix), np.asarray(v1.value_matrix)
            changed = [c for j, c in enumerate(v0.criteria) if not np.allclose(X0[:, j], X1[:, j])]
            if s in ADMIN:
                assert set(changed) <= {EFF, SHARE}
                assert changed, (s, key)  # the derived column does differ here
            else:
                assert changed == []
                np.testing.assert_array_equal(v0.values, v1.values)
    M = derived.matrix("lonn", "strategy")
    v = ev["lonn"].views["strategy"]
    j = v.criteria.index(EFF)
    rows = [M.option_ids.index(o) for o in v.options]
    np.testing.assert_allclose(
        np.asarray(v.value_matrix)[:, j], (M.values[rows, M.criteria.index(EFF)] - 1) / 4
    )


def test_cli_validate_and_evaluate_a_file_with_derived(derived, tmp_path: Path, capsys) -> None:
    path = dump_toml(derived, tmp_path / "derived.toml")
    assert main(["validate", str(path)]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["evaluate", str(path), "--service", "lonn"]) == 0
    assert "Spørsmål 1" in capsys.readouterr().out
    assert main(["evaluate", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["derived"] == {EFF: ADMIN, SHARE: ADMIN}


def test_briefing_mentions_the_derived_criteria(derived) -> None:
    from samvalg.report import build_briefing, to_markdown

    md = to_markdown(build_briefing(derived, n=20, figures=False))
    assert "Avledede kriterier (ikke skjønn): Økonomi/effektivisering" in md
    assert "Sentralbord" in md.split("Avledede kriterier")[1].split("\n")[0]


def test_staffing_figures_are_those_of_the_case() -> None:
    # the fixture's derivation rests on the case's tables (lønn+regnskap+fakturering 17.6 FTE)
    b = eco.baseline()
    assert b.group("lonn_regnskap_fakturering").total_fte == Decimal("17.6")
    assert set(b.missing) == {"plan", "byggesak", "kart_oppmaling", "landbruk"}
    for s in ADMIN:
        assert s in b.services


def test_example_file_itself_is_unchanged() -> None:
    # the shipped example stays judged: no [derived] table
    assert "derived" not in _example_data()
    assert samvalg.example_assessment().derived == {}
    assert copy.deepcopy(samvalg.example_assessment().to_dict()).get("derived") is None
