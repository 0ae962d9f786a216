"""Issue 13.4: every number in the briefing's economics chapter has a source line, and the
chapter shows what the case prints beside its tables (Melhus' 6,44 merkantile årsverk, the
printed 6 420 000 against the rows' 6 320 000) and checks the cost-control principle."""

from __future__ import annotations

import re

import pytest

import samvalg
from samvalg.report import build_briefing
from samvalg.report._model import Briefing, Paragraph, Section, Table

DIGIT = re.compile(r"\d")
SOURCED = ("Kilde", "kilde", "Beregnet av samvalg")


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return build_briefing(n=200, figures=False)


def _walk(section: Section):
    for blk in section.blocks:
        if isinstance(blk, Section):
            yield from _walk(blk)
        else:
            yield blk


def test_every_number_has_a_source_line(briefing: Briefing) -> None:
    checked = 0
    for blk in _walk(briefing.section("economics")):
        if isinstance(blk, Paragraph) and DIGIT.search(blk.text):
            assert any(s in blk.text for s in SOURCED), blk.text
            checked += 1
        elif isinstance(blk, Table) and any(DIGIT.search(c) for r in blk.rows for c in r):
            assert any(s in blk.note for s in SOURCED), blk.caption
            checked += 1
    assert checked >= 8


def test_case_figures_beside_the_tables(briefing: Briefing) -> None:
    text = " ".join(
        b.text for b in _walk(briefing.section("economics")) if isinstance(b, Paragraph)
    ).replace("\u00a0", " ")
    assert "6,44 årsverk og 4 200 000 kr" in text
    assert "TOTALT 6 420 000 kr, men radene summerer til 6 320 000 kr" in text
    assert "gjelder uansett hvilken samarbeidsform" not in text
    assert "Forventet" not in text and "forventet" not in text
    assert "Prinsipp i saken" in text and "Kontroll:" in text


def test_cost_control_check_is_the_yearly_cost_against_today() -> None:
    a = samvalg.economics.scenario_analysis(horizon=6)
    c = samvalg.economics.cost_control(a)
    base = sum(a.baseline.nok_by_municipality(a.groups).values())
    for sid, r in a.scenarios.items():
        cost = [
            base - s + e - g for s, e, g in zip(r.saving, r.establishment, r.grant, strict=True)
        ]
        assert list(c.cost[sid]) == cost
        assert c.exceeded[sid] == tuple(t for t, k in enumerate(cost) if k > base)
    # the rest of the services growing 5 % a year allows more: fewer years exceed
    grown = samvalg.economics.cost_control(a, growth=0.05)
    for sid in a.scenarios:
        assert set(grown.exceeded[sid]) <= set(c.exceeded[sid])
    with pytest.raises(samvalg.SamvalgError):
        samvalg.economics.cost_control(a, growth=2)


def test_cost_items_can_be_entered(tmp_path) -> None:
    import shutil

    from samvalg._resources import criteria_dir

    folder = tmp_path / "cat"
    shutil.copytree(criteria_dir(), folder)
    p = folder / "municipalities.toml"
    p.write_text(
        p.read_text(encoding="utf-8")
        + '\n[[municipalities.skaun.cost_items]]\nitem = "lokaler"\nname_nb = "Lokaler"\n'
        'name_en = "Premises"\nnok = 250000\nsource = "test"\n',
        encoding="utf-8",
    )
    cat = samvalg.catalogue(folder)
    base = samvalg.economics.baseline(cat)
    assert base.cost_items == {"lokaler": {"skaun": 250000, "melhus": 0, "midtre_gauldal": 0}}
