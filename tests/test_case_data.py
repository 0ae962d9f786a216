"""Issue 12.2: everything case-specific in the briefing is data ([case] in municipalities.toml).

The title, the sources, the counts of criteria, the savings evidence, the budget year and the
principles come from the catalogue. A second case's briefing names nothing of the shipped case,
and a catalogue without savings evidence gives a briefing without a savings section.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

import samvalg
from _second_case import write_case
from samvalg._resources import criteria_dir, example_assessment_path
from samvalg.report import build_briefing, to_markdown

#: What only the shipped case may say (names, its evidence, its decision numbers, its year).
SHIPPED_WORDS = re.compile(
    r"Skaun|Melhus|Midtre Gauldal|AKST|74/24|NIVI|Bærekraftige og innovative|likeverd|"
    r"jevnbyrdig|budsjett 2025|Værnes",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def second_case_md(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder, path = write_case(tmp_path_factory.mktemp("innherred"))
    a = samvalg.load_assessment(path, catalogue=folder)
    return to_markdown(build_briefing(a, n=200, figures=False))


def test_second_case_briefing_names_nothing_of_the_shipped_case(second_case_md: str) -> None:
    found = sorted({m.group(0) for m in SHIPPED_WORDS.finditer(second_case_md)})
    assert not found, f"the second case's briefing says {found}"
    assert "Innherred" in second_case_md  # the subtitle is the case's region
    # the counts of criteria are the case's own (3 + 2 + 3)
    assert "I hvilken form?** (3 kriterier" in second_case_md
    assert "Alle 8 kriteriene" in second_case_md


def test_second_case_without_evidence_has_no_savings_section(second_case_md: str) -> None:
    assert "#### Innsparing" not in second_case_md
    assert "innsparingsscenarier" in second_case_md.lower()  # the one sentence saying none


def _shipped_copy(tmp: Path, drop: tuple[str, ...]) -> Path:
    """The shipped catalogue folder with some [case] keys removed."""
    folder = tmp / "cat"
    shutil.copytree(criteria_dir(), folder)
    text = (folder / "municipalities.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for key in drop:
        data["case"].pop(key)
    # rewrite only the [case] part: cut it out and append a minimal one
    start = text.index("\n[case]\n") + 1
    end = text.index("\n[region]\n") + 1
    rest = text[:start] + text[end:]
    lines = ["[case]"]
    for k, v in data["case"].items():
        if isinstance(v, str):
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        elif isinstance(v, int):
            lines.append(f"{k} = {v}")
    (folder / "municipalities.toml").write_text(rest + "\n" + "\n".join(lines) + "\n", "utf-8")
    return folder


def test_catalogue_without_savings_evidence_gives_no_savings_section(tmp_path: Path) -> None:
    folder = _shipped_copy(tmp_path, ("savings_evidence", "savings_range"))
    cat = samvalg.catalogue(folder)
    assert cat.case is not None and not cat.case.savings_evidence
    a = samvalg.load_assessment(example_assessment_path(), catalogue=folder)
    b = build_briefing(a, n=200, figures=False)
    with pytest.raises(KeyError):
        b.section("savings")
    md = to_markdown(b)
    assert "AKST" not in md and "21 %" not in md
    assert b.data["economics"]["scenarios"] is None
    assert b.data["economics"]["comparisons"] == []
    # the principles were dropped too: no claim about what the councils asked for
    assert "likeverd" not in b.section("hosts").blocks[0].text


def test_shipped_briefing_takes_its_case_from_the_catalogue() -> None:
    cat = samvalg.catalogue()
    b = build_briefing(n=200, figures=False)
    md = to_markdown(b)
    assert cat.case is not None
    assert b.subtitle == f"{cat.region.name} – «{cat.case.title_nb}»"
    assert f"budsjett {cat.case.budget_year}" in md
    for ev in cat.case.savings_evidence:
        assert ev.name in md
    refs = to_markdown(b).split("## Kilder")[1]
    assert cat.criteria_sets["strategy"].source in refs  # the strategy set is Skaun's, sak 74/24
    assert "likeverd mellom kommunene" in md


def test_second_case_economics_cli_cites_nothing_of_the_shipped_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samvalg.cli import main

    folder, _path = write_case(tmp_path / "innherred")
    assert main(["economics", "--catalogue", str(folder)]) == 0
    out = capsys.readouterr().out
    found = sorted({m.group(0) for m in SHIPPED_WORDS.finditer(out)})
    assert not found, found
    assert "ingen kilde" in out
