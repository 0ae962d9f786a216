"""Bundles (issue 13, item 1): one cooperation covering several service areas.

The council case: «Det er ingenting i veien for å at samme kommuner samarbeider om flere
forskjellige oppgaver organisert i ett interkommunalt samarbeid ... Det er imidlertid da en
forutsetning at den valgte modellen kan brukes for alle de ulike oppgavene.» Its staffing
tables group lønn + regnskap + fakturering (TOTALT 17,6 årsverk) and arkiv + postmottak
(TOTALT 7,9 årsverk); the shipped example declares those two bundles.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg.errors import ValidationError


@pytest.fixture(scope="module")
def example() -> samvalg.Assessment:
    return samvalg.example_assessment()


@pytest.fixture(scope="module")
def raw(example: samvalg.Assessment) -> dict[str, Any]:
    return example.to_dict()


def _with_bundles(raw: dict[str, Any], bundles: dict[str, Any]) -> dict[str, Any]:
    d = copy.deepcopy(raw)
    d["bundles"] = bundles
    return d


def _problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(data)
    return [(p.location, p.message, p.allowed) for p in info.value.problems]


# -- the file ---------------------------------------------------------------------------------


def test_the_example_declares_the_case_s_two_staffing_groups(example: samvalg.Assessment) -> None:
    assert {k: b.services for k, b in example.bundles.items()} == {
        "lonn_regnskap_fakturering": ("lonn", "regnskap", "fakturering"),
        "arkiv_postmottak": ("arkiv", "postmottak"),
    }
    b = example.bundles["lonn_regnskap_fakturering"]
    # the catalogue's group total 17.6 FTE, split equally by the baseline's stated key
    assert sum(b.fte.values()) == pytest.approx(17.6, abs=1e-12)
    assert dict(b.weights or {}) == pytest.approx({s: 1 / 3 for s in b.services}, abs=1e-15)
    assert set(b.fte_source.values()) == {"catalogue:lonn_regnskap_fakturering"}
    assert sum(example.bundles["arkiv_postmottak"].fte.values()) == pytest.approx(7.9)


def test_bundle_problems_are_located(raw: dict[str, Any]) -> None:
    found = _problems(
        _with_bundles(
            raw,
            {
                "a": {"services": ["lonn", "nope"]},
                "b": {"services": ["lonn", "regnskap"]},
                "c": {"services": ["arkiv"]},
                "d": {"services": ["fakturering", "postmottak"], "rule": "mean"},
                "plan": {"services": ["plan", "byggesak"], "rule": "equal"},
                "e": {"services": ["sentralbord", "kart_oppmaling"], "size": 3},
            },
        )
    )
    where = {loc: (msg, allowed) for loc, msg, allowed in found}
    assert "not assessed" in where["bundles.a.services[1]"][0]
    assert "already in bundle 'a'" in where["bundles.b.services[0]"][0]
    assert "at least 2" in where["bundles.c.services"][0]
    assert where["bundles.d.rule"][1] == "fte, equal, min"
    assert "also a service area" in where["bundles.plan"][0]
    assert "unknown key 'size'" in where["bundles.e.size"][0]


def test_options_not_common_to_all_members_are_an_error(raw: dict[str, Any]) -> None:
    d = _with_bundles(raw, {"x": {"services": ["lonn", "regnskap"]}})
    svc = d["services"]["regnskap"]
    svc["options"] = [o for o in svc["options"] if o != "iks"]
    del svc["scores"]["iks"]
    d.pop("stakeholders", None)
    [(loc, msg, allowed)] = _problems(d)
    assert loc == "bundles.x.services[1]"
    assert "'regnskap' lacks iks" in msg
    assert "same options" in allowed


def test_fte_rule_without_fte_is_a_located_error_never_a_silent_fallback(
    raw: dict[str, Any],
) -> None:
    d = _with_bundles(raw, {"x": {"services": ["plan", "byggesak"]}})
    [(loc, msg, allowed)] = _problems(d)
    assert loc == "bundles.x.rule"
    assert "plan, byggesak" in msg
    assert 'rule = "equal"' in allowed and "fte = {" in allowed
    # given FTE, or another rule, loads
    ok = samvalg.load_assessment(
        _with_bundles(
            raw, {"x": {"services": ["plan", "byggesak"], "fte": {"plan": 3, "byggesak": 1}}}
        )
    )
    assert dict(ok.bundles["x"].weights or {}) == {"plan": 0.75, "byggesak": 0.25}
    assert dict(ok.bundles["x"].fte_source) == {"plan": "bundle", "byggesak": "bundle"}
    eq = samvalg.load_assessment(
        _with_bundles(raw, {"x": {"services": ["plan", "byggesak"], "rule": "equal"}})
    )
    assert eq.bundles["x"].fte == {}
    [(loc, _, _)] = _problems(
        _with_bundles(
            raw, {"x": {"services": ["plan", "byggesak"], "rule": "min", "fte": {"plan": 1}}}
        )
    )
    assert loc == "bundles.x.fte"


def test_toml_round_trip_keeps_bundles(example: samvalg.Assessment, tmp_path: Any) -> None:
    from samvalg.io import dump_toml

    d = example.to_dict()
    d["bundles"]["arkiv_postmottak"]["fte"] = {"arkiv": 2.0, "postmottak": 6.0}
    a = samvalg.load_assessment(d)
    back = samvalg.load_assessment(dump_toml(a, tmp_path / "a.toml"))
    assert back.to_dict() == a.to_dict()
    assert dict(back.bundles["arkiv_postmottak"].weights or {}) == {
        "arkiv": 0.25,
        "postmottak": 0.75,
    }


def test_without_option_removes_it_from_every_member(example: samvalg.Assessment) -> None:
    b = example.without_option("lonn", "iks")
    for s in ("lonn", "regnskap", "fakturering"):
        assert "iks" not in [str(o) for o in b.services[s].options]
    assert "iks" in [str(o) for o in b.services["arkiv"].options]


# -- evaluate ---------------------------------------------------------------------------------


def _identical_pair(raw: dict[str, Any], rule: str = "fte") -> samvalg.Assessment:
    """regnskap scored exactly as lonn, in a bundle of the two."""
    d = copy.deepcopy(raw)
    d["services"]["regnskap"] = copy.deepcopy(d["services"]["lonn"])
    d.pop("stakeholders", None)
    d["bundles"] = {"pair": {"services": ["lonn", "regnskap"], "rule": rule}}
    return samvalg.load_assessment(d)


@pytest.mark.parametrize("rule", ["fte", "equal", "min"])
@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee_ii"])
def test_identical_members_equal_the_single_service(
    raw: dict[str, Any], rule: str, method: str
) -> None:
    ev = samvalg.evaluate(_identical_pair(raw, rule), method=method)
    bev, sev = ev.bundles["pair"], ev["lonn"]
    for key, v in sev.views.items():
        bv = bev[key]
        assert bv.options == v.options
        np.testing.assert_allclose(bv.values, v.values, rtol=0, atol=1e-12)
        np.testing.assert_array_equal(bv.ranks, v.ranks)
        np.testing.assert_array_equal(bv.feasible, v.feasible)
    assert bev.recommendation == sev.recommendation


def test_values_are_the_fte_weighted_mean_and_the_worst_member(raw: dict[str, Any]) -> None:
    fte = {"lonn": 7.0, "regnskap": 6.0, "fakturering": 4.6}
    d = copy.deepcopy(raw)
    d["bundles"]["lonn_regnskap_fakturering"]["fte"] = fte
    ev = samvalg.evaluate(samvalg.load_assessment(d))
    bev = ev.bundles["lonn_regnskap_fakturering"]
    assert bev.member_weights == pytest.approx({s: f / 17.6 for s, f in fte.items()}, abs=1e-15)
    for key in ("whether", "form", "combined"):
        bv = bev[key]
        expected = sum(
            fte[s] / 17.6 * np.array([ev[s][key].value_of(o) for o in bv.options]) for s in fte
        )
        np.testing.assert_allclose(bv.values, expected, rtol=0, atol=1e-14)
        # WSM is linear: the same as WSM on the FTE-weighted mean of the value matrices
        np.testing.assert_allclose(bv.value_matrix @ bv.weights, bv.values, atol=1e-12)
        assert bv.contributions is not None
        np.testing.assert_allclose(bv.contributions.sum(axis=1), bv.values, atol=1e-12)
    d["bundles"]["lonn_regnskap_fakturering"] = {"services": list(fte), "rule": "min"}
    ev = samvalg.evaluate(samvalg.load_assessment(d))
    bv = ev.bundles["lonn_regnskap_fakturering"]["combined"]
    expected = np.min([[ev[s]["combined"].value_of(o) for o in bv.options] for s in fte], axis=0)
    np.testing.assert_array_equal(bv.values, expected)


def test_feasibility_is_the_intersection_with_every_member_s_reasons(
    raw: dict[str, Any],
) -> None:
    # byggesak rules a KO out (enkeltvedtak); plan does not: the bundle must rule it out
    d = copy.deepcopy(raw)
    d["bundles"] = {"pb": {"services": ["plan", "byggesak"], "rule": "equal"}}
    d["services"]["plan"] = copy.deepcopy(d["services"]["byggesak"])
    d.pop("stakeholders", None)
    a = samvalg.load_assessment(d)
    ev = samvalg.evaluate(a)
    bev = ev.bundles["pb"]
    for opt, f in bev.feasibility.items():
        members = [ev[s].feasibility[opt] for s in ("plan", "byggesak")]
        assert f.ok == all(m.ok for m in members)
        order = {"ok": 0, "conditional": 1, "infeasible": 2}
        assert f.status == max((m.status for m in members), key=order.__getitem__)
        assert len(f.reasons) == sum(len(m.reasons) for m in members)
    assert not bev.feasibility["oppgavefellesskap"].ok
    assert any(r.startswith("Byggesak") for r in bev.feasibility["oppgavefellesskap"].reasons)
    for v in bev.views.values():
        feasible = [o for o, ok in zip(v.options, v.feasible, strict=True) if ok]
        infeasible = [o for o, ok in zip(v.options, v.feasible, strict=True) if not ok]
        if feasible and infeasible:  # feasible first
            assert max(v.ranks[v.options.index(o)] for o in feasible) < min(
                v.ranks[v.options.index(o)] for o in infeasible
            )
        assert v.best is None or bev.feasibility[v.best].ok


def test_evaluate_with_a_bundle_id_evaluates_its_members(example: samvalg.Assessment) -> None:
    ev = samvalg.evaluate(example, services=["arkiv_postmottak"])
    assert list(ev) == ["arkiv", "postmottak"]
    assert list(ev.bundles) == ["arkiv_postmottak"]
    # a bundle with a member left out is not answered
    assert samvalg.evaluate(example, services=["arkiv"]).bundles == {}
    d = samvalg.evaluate(example).to_dict()
    rec = d["bundles"]["lonn_regnskap_fakturering"]
    assert rec["members"] == ["lonn", "regnskap", "fakturering"]
    assert rec["rule"] == "fte"
    assert set(rec["views"]) == set(d["services"]["lonn"]["views"])


# -- allocate_hosts ---------------------------------------------------------------------------


def test_allocation_gives_every_member_the_same_option(example: samvalg.Assessment) -> None:
    from samvalg.allocation import allocate_hosts

    a = example.replace(bundles={})
    free = allocate_hosts(samvalg.evaluate(a), 1.0, missing_fte="skip")
    # without the bundles the members part ways (the finding)
    assert len({free.choice[s] for s in ("lonn", "regnskap", "fakturering")}) > 1
    ev = samvalg.evaluate(example)
    for share in (1.0, 0.5, 0.4):
        res = allocate_hosts(ev, share, missing_fte="skip")
        for b in example.bundles.values():
            assert len({res.choice[s] for s in b.services}) == 1, (share, res.choice)
            assert len({res.unconstrained_choice[s] for s in b.services}) == 1


def test_allocated_bundle_option_is_the_best_joint_option(example: samvalg.Assessment) -> None:
    from samvalg.allocation import allocate_hosts

    ev = samvalg.evaluate(example, services=["lonn_regnskap_fakturering"])
    res = allocate_hosts(ev, 1.0)
    members = ("lonn", "regnskap", "fakturering")
    views = [ev[s]["combined"] for s in members]
    common = [o for o in views[0].options if all(o in v.options for v in views)]
    common = [o for o in common if all(v.feasible[v.options.index(o)] for v in views)]
    totals = {o: sum(v.value_of(o) for v in views) for o in common}
    best = max(totals, key=totals.__getitem__)
    assert {res.choice[s] for s in members} == {best}
    assert res.value == pytest.approx(totals[best], abs=1e-9)


def test_an_option_feasible_for_one_member_only_is_ruled_out(raw: dict[str, Any]) -> None:
    from samvalg.allocation import allocate_hosts

    d = copy.deepcopy(raw)
    d.pop("stakeholders", None)
    d["services"]["plan"] = copy.deepcopy(d["services"]["byggesak"])
    # plan scores the KO best by far; byggesak cannot use a KO (enkeltvedtak)
    for c in d["services"]["plan"]["scores"]["oppgavefellesskap"]:
        cell = d["services"]["plan"]["scores"]["oppgavefellesskap"][c]
        if isinstance(cell, dict) and isinstance(cell.get("value"), int | float):
            cell["value"] = 5
            cell.pop("low", None)
            cell.pop("high", None)
    d["bundles"] = {"pb": {"services": ["plan", "byggesak"], "fte": {"plan": 4, "byggesak": 6}}}
    a = samvalg.load_assessment(d)
    ev = samvalg.evaluate(a, services=["pb"])
    assert ev["plan"]["combined"].best == "oppgavefellesskap"
    res = allocate_hosts(ev, 1.0, fte={"plan": 4, "byggesak": 6})
    assert res.choice["plan"] == res.choice["byggesak"] != "oppgavefellesskap"


# -- SMAA -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "weight_info", "method"),
    [
        ("fte", "uniform", "wsm"),
        ("equal", "elicited", "wsm"),
        ("min", "bounds", "wsm"),
        ("fte", "uniform", "topsis"),
        ("min", "ordinal", "vikor"),
    ],
)
def test_smaa_of_identical_members_equals_the_single_service(
    raw: dict[str, Any], rule: str, weight_info: str, method: str
) -> None:
    from samvalg.smaa import smaa_bundle, smaa_service

    a = _identical_pair(raw, rule)
    kw: dict[str, Any] = {"n": 3000, "seed": 7, "weight_info": weight_info, "method": method}
    if weight_info == "bounds":
        kw["bounds"] = 0.5
    single = smaa_service(a, "lonn", **kw)
    pair = smaa_bundle(a, "pair", **kw)
    assert pair.service == "pair" and pair.options == single.options
    np.testing.assert_array_equal(pair.rank_acceptability, single.rank_acceptability)
    np.testing.assert_array_equal(pair.result.pairwise_winning, single.result.pairwise_winning)
    np.testing.assert_allclose(
        pair.result.central_weights, single.result.central_weights, rtol=0, atol=1e-12
    )
    np.testing.assert_array_equal(pair.result.confidence, single.result.confidence)


@pytest.mark.parametrize("rule", ["fte", "min"])
def test_smaa_applies_the_same_draws_to_every_member_and_combines(
    raw: dict[str, Any], rule: str
) -> None:
    from samvalg.smaa import smaa_service

    fte = {"lonn": 7.0, "regnskap": 6.0, "fakturering": 4.6}
    d = copy.deepcopy(raw)
    d["bundles"]["lonn_regnskap_fakturering"] = {"services": list(fte), "rule": rule}
    if rule == "fte":
        d["bundles"]["lonn_regnskap_fakturering"]["fte"] = fte
    a = samvalg.load_assessment(d)
    kw: dict[str, Any] = {"n": 2000, "seed": 3, "keep_draws": True}
    bundle = smaa_service(a, "lonn_regnskap_fakturering", **kw)
    members = [smaa_service(a, s, **kw) for s in fte]
    assert bundle.result.draws is not None
    for m in members:
        assert m.options == bundle.options
        assert m.result.draws is not None
        np.testing.assert_array_equal(m.result.draws.weights, bundle.result.draws.weights)
    U = np.stack([m.result.draws.utilities for m in members])  # type: ignore[union-attr]
    if rule == "fte":
        want = sum(f / 17.6 * U[i] for i, f in enumerate(fte.values()))
    else:
        want = U.min(axis=0)
    np.testing.assert_allclose(bundle.result.draws.utilities, want, rtol=0, atol=1e-12)


def test_smaa_ranks_only_options_feasible_for_every_member(raw: dict[str, Any]) -> None:
    from samvalg.smaa import smaa_service

    d = copy.deepcopy(raw)
    d.pop("stakeholders", None)
    d["bundles"] = {"pk": {"services": ["plan", "byggesak"], "rule": "equal"}}
    d["services"]["plan"] = copy.deepcopy(d["services"]["byggesak"])
    a = samvalg.load_assessment(d)
    ev = samvalg.evaluate(a, services=["pk"])
    r = smaa_service(a, "pk", n=500, seed=0)
    want = {
        o
        for o in ev.bundles["pk"]["combined"].options
        if ev["plan"].feasibility[o].ok and ev["byggesak"].feasibility[o].ok
    }
    assert set(r.options) == want
    assert "oppgavefellesskap" in r.excluded and "juridisk" in r.excluded["oppgavefellesskap"]
    pert = smaa_service(a, "pk", n=200, seed=0, score_uncertainty="pert")
    assert pert.options == r.options and pert.result.sampled_scores


# -- sensitivity ------------------------------------------------------------------------------


def test_sensitivity_of_identical_members_equals_the_single_service(raw: dict[str, Any]) -> None:
    from samvalg.sensitivity import sensitivity_service

    a = _identical_pair(raw, "fte")
    single = sensitivity_service(a, "lonn")
    pair = sensitivity_service(a, "pair")
    assert pair.service == "pair" and pair.top == single.top

    def flat(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (
                r["parameter"],
                *(
                    None if r[d] is None else (round(r[d]["weight"], 9), r[d]["new_top"])
                    for d in ("increase", "decrease")
                ),
            )
            for r in rows
        ]

    assert flat(pair.thresholds()) == flat(single.thresholds())
    np.testing.assert_allclose(pair.scores.increase, single.scores.increase, atol=1e-9)
    np.testing.assert_allclose(pair.scores.decrease, single.scores.decrease, atol=1e-9)
    np.testing.assert_allclose(pair.scores.values, single.scores.values, atol=1e-12)


def test_bundle_sensitivity_crossovers_are_where_the_bundle_s_top_changes(
    example: samvalg.Assessment,
) -> None:
    from samvalg.sensitivity import sensitivity_bundle

    s = sensitivity_bundle(example, "lonn_regnskap_fakturering")
    bev = samvalg.evaluate(example).bundles["lonn_regnskap_fakturering"]
    assert s.top == bev["combined"].best
    [row] = [r for r in s.thresholds() if r["parameter"] == "strategy"]
    assert row["increase"] is not None
    # just past the threshold, re-evaluate with that set weight: the bundle's top changes
    w = row["increase"]["weight"] + 1e-6
    rest = {k: v for k, v in example.set_weights().items() if k != "strategy"}
    scale = (1 - w) / sum(rest.values())
    pts = {"strategy": w, **{k: v * scale for k, v in rest.items()}}
    moved = example.replace(
        weights={**example.weights, "sets": {"method": "direct", "values": pts}}
    )
    after = samvalg.evaluate(moved).bundles["lonn_regnskap_fakturering"]["combined"].best
    assert after == row["increase"]["new_top"] != s.top
    w = row["increase"]["weight"] - 1e-6
    scale = (1 - w) / sum(rest.values())
    pts = {"strategy": w, **{k: v * scale for k, v in rest.items()}}
    moved = example.replace(
        weights={**example.weights, "sets": {"method": "direct", "values": pts}}
    )
    assert samvalg.evaluate(moved).bundles["lonn_regnskap_fakturering"]["combined"].best == s.top
    # other methods: the sweeps, and a clear error for the score part
    with pytest.raises(samvalg.errors.SamvalgError, match="scores=False"):
        sensitivity_bundle(example, "arkiv_postmottak", method="topsis")
    top = sensitivity_bundle(example, "arkiv_postmottak", method="topsis", scores=False)
    assert (
        top.top == samvalg.evaluate(example, "topsis").bundles["arkiv_postmottak"]["combined"].best
    )


# -- command line -----------------------------------------------------------------------------


def test_cli_evaluate_shows_bundles_and_smaa_takes_a_bundle_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from samvalg.cli import main

    assert main(["evaluate", "--service", "arkiv_postmottak"]) == 0
    out = capsys.readouterr().out
    assert "== Arkiv og postmottak [arkiv_postmottak] ==" in out
    assert "Pakke (ett samarbeid for arkiv 50,0 %, postmottak 50,0 %; regel fte)" in out
    assert "Del av pakken Arkiv og postmottak" in out
    assert main(["evaluate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["bundles"]) == {"lonn_regnskap_fakturering", "arkiv_postmottak"}
    assert data["bundles"]["arkiv_postmottak"]["views"]["form"]["label_nb"]
    assert main(["smaa", "--service", "arkiv_postmottak", "--n", "500", "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["service"] == "arkiv_postmottak"
    assert main(["sensitivity", "--service", "arkiv_postmottak", "--json"]) == 0
    capsys.readouterr()
    assert main(["smaa", "--service", "arkiv_postmotak", "--n", "10"]) == 2
    assert "arkiv_postmottak" in capsys.readouterr().err


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_smaa_with_sampled_scores_combines_each_member_s_draws(
    raw: dict[str, Any], method: str
) -> None:
    """regnskap := lonn's scores without their low/high: the bundle's utility of each draw is
    a_lonn * (lonn's sampled utility, as smaa_service draws it) + a_regnskap * (lonn's utility
    at the scores as given), under the same weights."""
    from samvalg.smaa import smaa_service

    d = copy.deepcopy(raw)
    d.pop("stakeholders", None)
    fixed = copy.deepcopy(d["services"]["lonn"])
    for cells in fixed["scores"].values():
        for cell in cells.values():
            if isinstance(cell, dict):
                cell.pop("low", None)
                cell.pop("high", None)
    d["services"]["regnskap"] = fixed
    d["bundles"] = {"pair": {"services": ["lonn", "regnskap"], "fte": {"lonn": 3, "regnskap": 1}}}
    a = samvalg.load_assessment(d)
    kw: dict[str, Any] = {
        "n": 1500,
        "seed": 5,
        "keep_draws": True,
        "score_uncertainty": "triangular",
        "weight_info": "elicited",
        "method": method,
    }
    pair = smaa_service(a, "pair", **kw)
    single = smaa_service(a, "lonn", **kw)
    flat = smaa_service(a, "regnskap", **kw)  # no uncertain cells: the same weight stream
    assert pair.result.sampled_scores
    pd, sd, fd = pair.result.draws, single.result.draws, flat.result.draws
    assert pd is not None and sd is not None and fd is not None
    np.testing.assert_array_equal(pd.weights, sd.weights)
    np.testing.assert_array_equal(pd.weights, fd.weights)
    np.testing.assert_allclose(
        pd.utilities, 0.75 * sd.utilities + 0.25 * fd.utilities, rtol=0, atol=1e-12
    )


# -- briefing ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def briefing() -> Any:
    from samvalg.report import build_briefing

    return build_briefing(n=400, figures=False)


def test_briefing_recommends_per_bundle_before_the_members(
    briefing: Any, example: samvalg.Assessment
) -> None:
    ids = [s.id for s in briefing.sections]
    assert ids.index("bundles") < min(ids.index(f"service-{s}") for s in ("lonn", "arkiv"))
    ev = samvalg.evaluate(example)
    data = briefing.data["bundles"]
    assert set(data) == {"lonn_regnskap_fakturering", "arkiv_postmottak"}
    for bid, rec in data.items():
        assert rec["recommendation"] == ev.bundles[bid].recommendation
        assert rec["members_alone"] == {m: ev[m].recommendation for m in rec["members"]}
        assert rec["member_weights"] == pytest.approx(dict(ev.bundles[bid].member_weights or {}))
    # the summary has a table of the bundles after the per-service table
    summary = next(s for s in briefing.sections if s.id == "summary")
    tables = [x for x in summary.blocks if type(x).__name__ == "Table"]
    assert len(tables) >= 2 and tables[1].header[0] == "Pakken"
    from samvalg.catalogue._labels import option_label

    assert [r[1] for r in tables[1].rows] == [
        option_label(str(ev.bundles[k].recommendation), "nb", example.catalogue) for k in data
    ]
    # the hosting chapter compares the balanced plan with what applies: the bundle's option
    assert set(briefing.data["allocation"]["choice"][m] for m in ("lonn", "regnskap")) == {
        ev.bundles["lonn_regnskap_fakturering"].recommendation
    }
    # the members' chapters say the bundle decides
    lonn = next(s for s in briefing.sections if s.id == "service-lonn")
    assert "Lønn, regnskap og fakturering" in lonn.blocks[0].text
    md = briefing.to_markdown() if hasattr(briefing, "to_markdown") else ""
    if md:
        assert "Pakke: Arkiv og postmottak" in md


def test_briefing_without_bundles_has_no_bundle_chapter(example: samvalg.Assessment) -> None:
    from samvalg.report import build_briefing

    b = build_briefing(example.replace(bundles={}), n=200, figures=False)
    assert "bundles" not in [s.id for s in b.sections]
    assert b.data["bundles"] == {}


def test_bundle_texts_have_the_same_codes_in_both_languages() -> None:
    from samvalg.text.bundles import BUNDLE_TEXTS

    assert set(BUNDLE_TEXTS["nb"]) == set(BUNDLE_TEXTS["en"])


# -- workbook ---------------------------------------------------------------------------------


def test_workbook_round_trips_bundles(example: samvalg.Assessment, tmp_path: Any) -> None:
    from samvalg.io import write_template

    d = example.to_dict()
    d["bundles"]["arkiv_postmottak"]["fte"] = {"arkiv": 2.5, "postmottak": 6.0}
    d["bundles"]["arkiv_postmottak"]["rule"] = "fte"
    d["bundles"]["lonn_regnskap_fakturering"]["rule"] = "min"
    a = samvalg.load_assessment(d)
    path = write_template(tmp_path / "t.xlsx", assessment=a)
    back = samvalg.load_assessment(path)
    assert back.to_dict()["bundles"] == a.to_dict()["bundles"]
    assert dict(back.bundles["arkiv_postmottak"].weights or {}) == pytest.approx(
        {"arkiv": 2.5 / 8.5, "postmottak": 6 / 8.5}
    )
    # a workbook of some service areas keeps only the bundles wholly inside it
    part = write_template(tmp_path / "p.xlsx", assessment=a, services=["arkiv", "postmottak"])
    assert list(samvalg.load_assessment(part).bundles) == ["arkiv_postmottak"]


def test_workbook_bundle_problems_name_the_cell(example: samvalg.Assessment, tmp_path: Any) -> None:
    import openpyxl

    from samvalg.io import write_template

    path = write_template(tmp_path / "t.xlsx", assessment=example)
    wb = openpyxl.load_workbook(path)
    ws = wb["pakker"]
    ws["B5"] = "lonn, regnskap, fakturing"
    ws["F6"] = "arkiv = mye"
    wb.save(path)
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(path)
    text = str(info.value)
    assert "pakker!B5" in text and "'fakturing' is not assessed" in text
    assert "pakker!F6" in text and "service = FTE" in text


def test_min_rule_takes_the_worst_member_in_the_method_s_direction(raw: dict[str, Any]) -> None:
    """VIKOR's Q is lower-is-better: the worst member is the one with the highest Q."""
    d = copy.deepcopy(raw)
    d["bundles"]["lonn_regnskap_fakturering"] = {
        "services": ["lonn", "regnskap", "fakturering"],
        "rule": "min",
    }
    ev = samvalg.evaluate(samvalg.load_assessment(d), method="vikor")
    bv = ev.bundles["lonn_regnskap_fakturering"]["combined"]
    assert not bv.higher_is_better
    members = ("lonn", "regnskap", "fakturering")
    want = np.max([[ev[m]["combined"].value_of(o) for o in bv.options] for m in members], axis=0)
    np.testing.assert_array_equal(bv.values, want)
    assert bv.best == min(
        (o for o in bv.options if bv.feasible[bv.options.index(o)]), key=bv.value_of
    )


@pytest.mark.parametrize("seed", range(5))
def test_fte_weighted_values_lie_between_the_members(raw: dict[str, Any], seed: int) -> None:
    rng = np.random.default_rng(seed)
    fte = dict(zip(("arkiv", "postmottak"), rng.uniform(0.1, 20, 2).tolist(), strict=True))
    d = copy.deepcopy(raw)
    d["bundles"]["arkiv_postmottak"]["fte"] = fte
    ev = samvalg.evaluate(samvalg.load_assessment(d))
    bev = ev.bundles["arkiv_postmottak"]
    a = fte["arkiv"] / (fte["arkiv"] + fte["postmottak"])
    for key, bv in bev.views.items():
        va = np.array([ev["arkiv"][key].value_of(o) for o in bv.options])
        vp = np.array([ev["postmottak"][key].value_of(o) for o in bv.options])
        np.testing.assert_allclose(bv.values, a * va + (1 - a) * vp, rtol=0, atol=1e-14)
        assert np.all(bv.values >= np.minimum(va, vp) - 1e-14)
        assert np.all(bv.values <= np.maximum(va, vp) + 1e-14)
