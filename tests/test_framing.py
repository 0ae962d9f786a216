"""Issue 13.5 and 13.7: the briefing serves the councils' decision.

A one-page summary in plain words comes first (what the councils are asked, what phase 2
should study first, where the answer holds and where it hinges on a judgment), with no method
names; a table of facts per form (from the catalogue, with sections and uncertainty marks);
the procurement-law caveat where an option is, or may be, a separate legal entity.
"""

from __future__ import annotations

import pytest

import samvalg
from samvalg.report import build_briefing, to_markdown
from samvalg.report._model import Briefing, BulletList, Paragraph, Section, Table
from samvalg.report._sections.forms import FACT_ROWS

METHOD_WORDS = ("Dirichlet", "Kendall", "heltallsoptimering", "SMAA", "MILP", "frø")


def _text(section: Section) -> str:
    out = []
    for blk in section.blocks:
        if isinstance(blk, Paragraph):
            out.append(blk.text)
        elif isinstance(blk, BulletList):
            out.extend(blk.items)
        elif isinstance(blk, Table):
            out += [" ".join(r) for r in blk.rows] + [blk.note, blk.caption]
        elif isinstance(blk, Section):
            out.append(_text(blk))
    return "\n".join(out)


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return build_briefing(n=300, figures=False)


def test_one_page_summary_comes_first_in_plain_words(briefing: Briefing) -> None:
    ids = [s.id for s in briefing.sections]
    assert ids[:2] == ["banner", "brief"]
    text = _text(briefing.section("brief"))
    for word in METHOD_WORDS:
        assert word not in text, word
    assert "ikke det endelige valget" in text
    case = samvalg.catalogue().case
    for d in case.decisions:
        assert d.text_nb in text and d.due_nb in text
    assert case.model_choice_source in text
    # every service area is placed: holds well, hinges on a judgment, or stays as today
    ev = samvalg.evaluate(samvalg.example_assessment())
    for sid in ev:
        assert ev[sid].name_nb in text, sid


def test_summary_has_no_method_names(briefing: Briefing) -> None:
    text = _text(briefing.section("summary"))
    for word in ("Dirichlet", "Kendall", "heltallsoptimering"):
        assert word not in text
    assert "ikke endelige valg" in text


def test_facts_table_per_form_from_the_catalogue(briefing: Briefing) -> None:
    cat = samvalg.catalogue()
    sec = briefing.section("forms")
    table = next(b for b in sec.blocks if isinstance(b, Table))
    assert len(table.rows) == len(FACT_ROWS)
    forms = [f for f in cat.forms if cat.forms[f].name_nb in table.header]
    assert set(forms) >= {"vertskommune", "oppgavefellesskap", "iks"}
    for r, name in zip(table.rows, FACT_ROWS, strict=True):
        for col, form_id in enumerate(forms, start=1):
            fact = getattr(cat.forms[form_id].facts, name)
            cell = r[col]
            if fact is None:
                assert "ikke i katalogen" in cell
            else:
                assert fact.section in cell.replace("\\", "")
                assert cell.endswith("[usikker]") == fact.uncertain


def test_procurement_caveat_where_an_option_is_a_legal_entity(briefing: Briefing) -> None:
    md = to_markdown(briefing)
    assert md.count("Anskaffelsesregler:") == len(samvalg.evaluate(samvalg.example_assessment()))
    legal = _text(briefing.section("lonn-legal"))
    assert "Interkommunalt selskap (IKS)" in legal and "§ 17-1 (3)" in legal


def test_one_page_summary_decides_bundles_together(briefing: Briefing) -> None:
    """A bundle is one line with the bundle's answer; its members are not placed alone, and
    the hosting count follows what applies to each area (the bundle's answer for members)."""
    sec = briefing.section("brief")
    text = _text(sec)
    ev = samvalg.evaluate(samvalg.example_assessment())
    assert ev.bundles  # the example bundles areas as the case does
    items = [i for blk in sec.blocks if isinstance(blk, BulletList) for i in blk.items]
    for bev in ev.bundles.values():
        line = next(i for i in items + text.splitlines() if bev.name_nb in i)
        assert "avgjøres samlet" in line
        for m in bev.members:
            assert ev[m].name_nb in line
            # no line of its own: a member's name starts no item
            assert not any(i.startswith(f"{ev[m].name_nb}:") for i in items), m
    hosts: dict[str, int] = {}
    for sid in ev:
        rec = next(
            (b.recommendation for b in ev.bundles.values() if sid in b.members),
            ev[sid].recommendation,
        )
        host = (rec or "").partition(":")[2]
        if host:
            hosts[host] = hosts.get(host, 0) + 1
    muni, k = max(hosts.items(), key=lambda kv: kv[1])
    name = samvalg.catalogue().municipalities[muni].name
    assert f"blir {name} vertskommune for {k} av {len(ev)} områder" in text
