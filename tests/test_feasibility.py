"""Tests of the legal feasibility screen (samvalg.feasibility).

Legal sources: kommuneloven LOV-2018-06-22-83 §§ 5-4, 17-1, 18-1 (2), 19-1 (2), 20-2, 20-3;
Prop. 46 L (2017–2018) kap. 19.1; plan- og bygningsloven § 3-3 (2), § 9-3 (3); matrikkellova
§ 5 a (2) (see shared/law/*.md and criteria/feasibility.toml).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import samvalg
from samvalg._resources import criteria_dir
from samvalg.catalogue import catalogue
from samvalg.errors import SamvalgError
from samvalg.law import Feasibility, FeasibilityTable, feasibility, feasibility_table

FORMS = list(catalogue().forms)
SERVICES = list(catalogue().services)


def test_byggesak_in_oppgavefellesskap_is_infeasible_citing_19_1() -> None:
    f = feasibility("byggesak", "oppgavefellesskap")
    assert (f.ok, f.status, f.uncertain) == (False, "infeasible", False)
    assert "§ 19-1" in f.reasons[0]
    assert "koml. § 19-1 (2)" in f.sections
    assert "Prop. 46 L (2017–2018) kap. 19.1" in f.sections
    assert f.conditions == ()
    assert f.rules[0] == "pairs.byggesak.oppgavefellesskap"


@pytest.mark.parametrize(
    ("form", "section"),
    [
        ("politisk_rad", "§ 18-1 (2)"),
        ("iks", "§ 5-4 (1)"),
        ("aksjeselskap", "§ 5-4 (1)"),
        ("samvirkeforetak", "§ 5-4 (1)"),
        ("forening", "§ 5-4 (1)"),
    ],
)
@pytest.mark.parametrize("service", ["byggesak", "landbruk"])
def test_authority_services_exclude_forms_without_enkeltvedtak(
    service: str, form: str, section: str
) -> None:
    f = feasibility(service, form)
    assert f.status == "infeasible" and not f.ok
    assert any(section in r for r in f.reasons)


def test_byggesak_host_forms() -> None:
    f = feasibility("byggesak", "vertskommune")
    assert (f.ok, f.status) == (True, "conditional")
    assert any("§ 20-2" in r for r in f.reasons)
    assert f.conditions and all(c for c in f.conditions)
    assert len(f.conditions) == len(f.conditions_en)
    nemnd = feasibility("byggesak", "vertskommune_nemnd")
    assert (nemnd.ok, nemnd.status) == (True, "ok")
    assert "koml. § 20-3" in nemnd.sections
    net = feasibility("byggesak", "fagnettverk")
    assert net.status == "conditional"
    assert any("hver kommune" in c for c in net.conditions)


@pytest.mark.parametrize("form", [f for f in FORMS if f != "egen_drift"])
def test_plan_is_conditional_or_worse_for_every_cooperation_form(form: str) -> None:
    f = feasibility("plan", form)
    assert f.status in {"conditional", "infeasible"}
    assert any("pbl. § 3-3 (2)" in s for s in f.sections)
    if form != "politisk_rad":
        assert f.status == "conditional" and f.ok
        assert any("pbl. § 3-3" in r for r in f.reasons)
        assert any("§ 9-3 (3)" in c for c in f.conditions)


def test_plan_details() -> None:
    assert feasibility("plan", "egen_drift").status == "ok"
    ko = feasibility("plan", "oppgavefellesskap")
    assert ko.uncertain  # preparation in a KO: not settled
    ipr = feasibility("plan", "politisk_rad")
    assert ipr.status == "infeasible" and ipr.uncertain


def test_sentralbord_and_arkiv_in_ko_are_ok() -> None:
    f = feasibility("sentralbord", "oppgavefellesskap")
    assert (f.ok, f.status, f.uncertain) == (True, "ok", False)
    assert f.conditions == ()
    assert all("§" in r or "kap." in r for r in f.reasons)
    assert feasibility("arkiv", "oppgavefellesskap").status == "ok"


def test_landbruk_ko_is_infeasible_but_uncertain() -> None:
    f = feasibility("landbruk", "oppgavefellesskap")
    assert (f.status, f.uncertain) == ("infeasible", True)
    assert f.rules == ("pairs.landbruk.oppgavefellesskap",)  # override = true
    assert "tilskuddsordninger" in f.reasons[0]


def test_partial_authority_services() -> None:
    post = feasibility("postmottak", "oppgavefellesskap")
    assert (post.status, post.uncertain) == ("conditional", True)
    assert any("innsyn" in c.lower() for c in post.conditions)
    kart = feasibility("kart_oppmaling", "oppgavefellesskap")
    assert (kart.status, kart.uncertain) == ("conditional", True)
    assert "matrikkellova § 5 a (2)" in kart.sections
    assert feasibility("kart_oppmaling", "vertskommune_nemnd").status == "ok"


@pytest.mark.parametrize("service", ["lonn", "regnskap"])
def test_lonn_and_regnskap_are_conditional_in_formal_forms(service: str) -> None:
    section = {"lonn": "koml. § 13-1 (6)", "regnskap": "koml. § 14-6"}[service]
    cat = catalogue()
    for form in FORMS:
        f = feasibility(service, form)
        if form == "politisk_rad":
            assert f.status == "infeasible" and f.uncertain
        elif cat.forms[form].formal:
            assert f.status == "conditional", form
            assert section in f.sections
        else:
            assert f.status == "ok", form


@pytest.mark.parametrize("service", SERVICES)
def test_egen_drift_always_ok_and_political_council_never_produces(service: str) -> None:
    assert feasibility(service, "egen_drift").status == "ok"
    assert feasibility(service, "politisk_rad").status == "infeasible"


def test_every_verdict_is_reasoned() -> None:
    table = feasibility_table()
    assert isinstance(table, FeasibilityTable)
    assert len(table) == len(SERVICES) * len(FORMS) == 100
    for (service, form), f in table.items():
        assert f.service == service and f.form == form
        assert f.ok == (f.status != "infeasible")
        assert f.reasons and len(f.reasons) == len(f.reasons_en)
        assert f.sections
        for text in (*f.reasons, *f.reasons_en, *f.conditions, *f.conditions_en):
            assert "{" not in text and "}" not in text
        for r in f.reasons:
            assert "§" in r or "kap." in r, (service, form, r)
        if f.status == "conditional":
            assert f.conditions
        else:
            assert not f.conditions
    assert table.status("byggesak", "oppgavefellesskap") == "infeasible"
    data = json.loads(json.dumps(table.to_dict()))
    assert data["plan"]["iks"]["status"] == "conditional"
    assert "<table>" in table._repr_html_()
    assert "byggesak" in repr(table)
    with pytest.raises(SamvalgError, match="no verdict"):
        table[("byggesak", "x")]


def test_option_strings_and_flat_api() -> None:
    a = feasibility("byggesak", "vertskommune:melhus")
    b = feasibility("byggesak", "vertskommune")
    assert a == b and a.form == "vertskommune"
    assert samvalg.feasibility("byggesak", "oppgavefellesskap").ok is False
    assert samvalg.Feasibility is Feasibility
    assert samvalg.feasibility_table is feasibility_table
    d = a.to_dict()
    assert d["status"] == "conditional" and d["form"] == "vertskommune"
    assert "Byggesaksbehandling" in " ".join(d["reasons"]) or "byggesak" in " ".join(d["reasons"])
    assert str(a).startswith("byggesak / vertskommune: mulig med vilkår")


def test_unknown_ids_suggest_the_closest() -> None:
    with pytest.raises(SamvalgError, match="did you mean 'byggesak'"):
        feasibility("bygesak", "vertskommune")
    with pytest.raises(SamvalgError, match="did you mean 'oppgavefellesskap'"):
        feasibility("byggesak", "oppgavefelleskap")
    with pytest.raises(SamvalgError, match="did you mean 'melhus'"):
        feasibility("byggesak", "vertskommune:melhuss")
    with pytest.raises(SamvalgError, match="has no host"):
        feasibility("byggesak", "oppgavefellesskap:melhus")
    with pytest.raises(SamvalgError, match="did you mean 'vertskommune'"):
        feasibility("byggesak", "vertskommun:melhus")


def test_rules_are_data(tmp_path: Path) -> None:
    """A user's feasibility.toml changes the verdict: nothing is hard-coded."""
    folder = tmp_path / "law"
    folder.mkdir()
    text = (criteria_dir() / "feasibility.toml").read_text(encoding="utf-8")
    text += """
[pairs.sentralbord.iks]
override = true
status = "infeasible"
reason_nb = "Testregel (koml. § 5-4)."
reason_en = "Test rule (koml. § 5-4)."
sections = ["koml. § 5-4"]
uncertain = true
"""
    (folder / "feasibility.toml").write_text(text, encoding="utf-8")
    user = catalogue(folder)
    f = feasibility("sentralbord", "iks", catalogue=user)
    assert (f.status, f.uncertain, f.reasons) == ("infeasible", True, ("Testregel (koml. § 5-4).",))
    assert feasibility("sentralbord", "iks").status == "ok"


def test_forms_data_drive_generic_rules(tmp_path: Path) -> None:
    """Changing a legal fact in forms.toml changes which generic rules fire."""
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(criteria_dir() / "feasibility.toml", folder / "feasibility.toml")
    text = (criteria_dir() / "forms.toml").read_text(encoding="utf-8")
    text = text.replace(
        '[forms.oppgavefellesskap.facts.enkeltvedtak]\nvalue = "no"',
        '[forms.oppgavefellesskap.facts.enkeltvedtak]\nvalue = "limited"',
    )
    (folder / "forms.toml").write_text(text, encoding="utf-8")
    user = catalogue(folder)
    f = feasibility("byggesak", "oppgavefellesskap", catalogue=user)
    assert "rules.ingen_enkeltvedtak" not in f.rules
    assert "rules.eget_rettssubjekt_myndighet" in f.rules
    assert any("§ 5-4 (1)" in r for r in f.reasons)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("pbl. § 3-3 (2), § 9-3 (3)", ["pbl. § 3-3 (2)", "pbl. § 9-3 (3)"]),
        ("koml. § 20-4 (f), § 20-10", ["koml. § 20-4 (f)", "koml. § 20-10"]),
        ("koml. § 5-4, koml. § 5-4 (1)", ["koml. § 5-4", "koml. § 5-4 (1)"]),
        ("koml. kap. 20; Veileder kap. 5", ["koml. kap. 20", "Veileder kap. 5"]),
        ("jordlova §§ 8, 9, 12", ["jordlova §§ 8, 9, 12"]),  # one law's list stays whole
        ("offentleglova § 29, klage etter § 32", ["offentleglova § 29, klage etter § 32"]),
        ("konsesjonsloven", ["konsesjonsloven"]),
    ],
)
def test_cited_sections_one_per_section(text: str, parts: list[str]) -> None:
    from samvalg.law import _split_sections

    assert _split_sections(text) == parts


def test_a_section_cited_by_two_rules_is_listed_once() -> None:
    """A rule citing «pbl. § 3-3 (2), § 9-3 (3)» and another citing both sections alone gave
    «pbl. § 3-3 (2), pbl. § 9-3 (3), pbl. § 3-3 (2), § 9-3 (3)» in the briefing."""
    for sid in samvalg.catalogue().services:
        for form in samvalg.catalogue().forms:
            sections = samvalg.law.feasibility(sid, form).sections
            assert len(sections) == len(set(sections)), (sid, form, sections)
            assert not any(s.startswith("§") or ", §" in s for s in sections), (sid, form)
