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


def test_derived_economics_without_savings_evidence_is_a_located_error(tmp_path: Path) -> None:
    """A case without savings evidence has no default scenarios: a derived economic criterion
    then needs the file's own shares (never the shipped case's 10/21/30 %)."""
    from samvalg.errors import ValidationError
    from test_derived_economics import derived_data

    folder = _shipped_copy(tmp_path, ("savings_evidence", "savings_range"))
    assert samvalg.economics.default_scenarios(samvalg.catalogue(folder)) == {}
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(derived_data(), catalogue=folder)
    text = str(info.value)
    assert "economics.scenarios.expected" in text and "no saving share" in text
    assert "economics.scenarios.low" in text  # fagnettverk realises "low"
    own = derived_data(economics={"scenarios": {"low": 0.05, "expected": 0.12}})
    a = samvalg.load_assessment(own, catalogue=folder)
    assert a.economics is not None and dict(a.economics.scenarios) == {
        "low": 0.05,
        "expected": 0.12,
    }


def test_project_grant_is_the_catalogues(tmp_path: Path) -> None:
    """The grant counted with include_grant is [case.project_grant], with its source; a case
    without one makes include_grant an error unless the caller gives the amount."""
    from samvalg.errors import SamvalgError
    from samvalg.text.economics import note_text

    a = samvalg.economics.scenario_analysis(scenarios=["expected"], include_grant=True)
    grant = samvalg.catalogue().case.project_grant  # type: ignore[union-attr]
    assert grant is not None and a["expected"].grant[0] == grant.nok == 1_100_000
    assert a.grant_source == grant.source and "Skjønnsmidler" in grant.source
    note = next(note_text(n) for n in a.notes if n.code == "grant_as_income")
    assert "1\u00a0100\u00a0000 kr" in note and grant.source in note
    folder = _shipped_copy(tmp_path, ("project_grant",))
    cat = samvalg.catalogue(folder)
    base = samvalg.economics.baseline(cat)
    with pytest.raises(SamvalgError, match=r"reports no project grant.*grant=<whole kroner>"):
        samvalg.economics.scenario_analysis(base, include_grant=True)
    own = samvalg.economics.scenario_analysis(
        base, scenarios={"x": 0.2}, include_grant=True, grant=250_000
    )
    assert own["x"].grant[0] == 250_000 and own.grant_source.startswith("brukeroppgitt")


def test_no_code_names_the_shipped_case() -> None:
    """Issue 12 / the project's rule: nothing case-specific in code. No string in the package's
    code names the shipped region, its municipalities, its evidence or its case document (that
    is catalogue data); docstrings and comments do not name them either, though a docstring's
    example may use the shipped catalogue's ids, as it runs on the shipped example."""
    import ast

    words = re.compile(
        r"Skaun|Melhus|Midtre.Gauldal|AKST|74/24|NIVI|Bærekraftige og innovative|Arendal|"
        r"Statsforvalteren|Værnes|Gauldal",
        re.IGNORECASE,
    )
    root = Path(samvalg.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and words.search(node.value)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "\n".join(found)
    # docstrings and comments: their examples may use the shipped catalogue's ids
    # ("vertskommune:<id>" in a doctest), but never name the region in words
    names = re.compile(words.pattern)  # case-sensitive: the names, not the ids
    prose = [
        f"{path.relative_to(root)}:{n}: {line.strip()[:60]!r}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if names.search(line)
    ]
    assert not prose, "\n".join(prose)
