"""A second case, built from scratch with ``samvalg init``, runs through every command and the
API (issue 12).

The case (tests/_second_case.py) is four municipalities of another region with their own
population and staffing, two service areas (one, "renovasjon", outside the shipped ten and in a
service group of its own), criteria sets of 3 + 2 + 3 criteria and an assessment scoring them.
``samvalg init`` writes the catalogue folder and the assessment skeleton; the test fills them in
as a user would and then runs every command. Every analysis, the workbook and the briefing must
use the case's catalogue: no output may name the shipped municipalities, AKST (the shipped
savings evidence) or the shipped council case (sak 74/24).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import samvalg
from _second_case import (
    MUNICIPALITIES,
    SERVICES,
    init_case,
    municipalities,
    options,
    write_case,
)
from samvalg.cli import main
from samvalg.errors import SamvalgError

#: The shipped case's municipalities, as names and as ids, in any case.
SHIPPED = re.compile(r"skaun|melhus|midtre[ _]gauldal", re.IGNORECASE)
#: ... and the shipped case's savings evidence and council case number.
SHIPPED_CASE = re.compile(r"skaun|melhus|midtre[ _]gauldal|AKST|74/24", re.IGNORECASE)
NAMES = [name for name, *_ in MUNICIPALITIES.values()]


def _run_quietly(*argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI capturing its output (usable where capsys is not, in module fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    return init_case(tmp_path_factory.mktemp("innherred"), _run_quietly)


@pytest.fixture(scope="module")
def case(built: tuple[Path, Path, str, str]) -> tuple[Path, Path]:
    return built[0], built[1]


@pytest.fixture(scope="module")
def assessment(case: tuple[Path, Path]) -> samvalg.Assessment:
    folder, path = case
    return samvalg.load_assessment(path, catalogue=folder)


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _no_shipped_names(text: str, where: str, pattern: re.Pattern[str] = SHIPPED_CASE) -> None:
    found = sorted({m.group(0) for m in pattern.finditer(text)})
    assert not found, f"{where} names the shipped case: {found}"


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from _strings(v)
    elif isinstance(obj, str):
        yield obj


# ------------------------------------------------------------------------ samvalg init itself
def test_init_writes_a_case_that_validates_once_filled(built: tuple[Path, Path, str, str]) -> None:
    folder, path, before, after = built
    case = path.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "criteria_sets.toml",
        "municipalities.toml",
        "services.toml",
    ]
    assert (case / ".samvalg-case.json").is_file()
    # before filling in: every option's missing scores, by criterion, and the total
    assert "missing scores for 'vertskommune:levanger'" in before
    assert "(strategy: lavere_kostnad, faglig_kvalitet, robusthet;" in before
    assert re.search(r"samvalg: note: \d+ skårer mangler ennå", before)
    assert "Traceback" not in before
    # once filled: OK
    assert "OK – 2 tjenesteområder" in after
    cat = samvalg.catalogue(folder)
    assert cat.region is not None and cat.region.name == "Innherred"
    assert cat.municipalities["inderoy"].name == "Inderøy"
    assert cat.municipalities["inderoy"].population.latest().value == 6900
    assert cat.services["renovasjon"].public_authority.value == "partly"


# ------------------------------------------------------------------------------------ the API
# ------------------------------------------------------------------------------------ the API
def test_the_assessment_remembers_its_catalogue(
    case: tuple[Path, Path], assessment: samvalg.Assessment
) -> None:
    folder, path = case
    cat = assessment.catalogue
    assert list(cat.municipalities) == list(MUNICIPALITIES)
    assert list(cat.services) == list(SERVICES)
    assert [len(cs.criteria) for cs in cat.criteria_sets.values()] == [3, 2, 3]
    # a service area outside the shipped ten, in a service group of its own
    assert cat.services["renovasjon"].group == "renovasjon"
    # the mapping way in keeps it too, and so does a changed copy
    from samvalg.io.toml import read_toml

    b = samvalg.assessment.from_mapping(read_toml(path), catalogue=folder)
    assert list(b.catalogue.municipalities) == list(MUNICIPALITIES)
    c = assessment.replace(weights={**assessment.weights, "gains": {"method": "equal"}})
    assert c.catalogue is cat
    # the shipped case stays the default
    assert "skaun" in samvalg.example_assessment().catalogue.municipalities


def test_analyses_use_the_assessments_catalogue(assessment: samvalg.Assessment) -> None:
    from samvalg import economics, group
    from samvalg.allocation import allocate_hosts
    from samvalg.sensitivity import sensitivity_service
    from samvalg.smaa import smaa_service

    ev = samvalg.evaluate(assessment)
    assert ev.catalogue is assessment.catalogue
    assert list(ev) == list(SERVICES)
    assert ev["renovasjon"].name_en == "Waste collection"
    assert set(ev["lonn"].feasibility) == set(options())
    # renovasjon exercises some authority: an oppgavefellesskap is conditional, a host ok-ish
    assert ev["renovasjon"].feasibility["fagnettverk"].status == "conditional"

    r = smaa_service(assessment, "renovasjon", n=400, seed=1)
    assert set(r.options) <= set(options())
    assert np.allclose(r.result.rank_acceptability.sum(axis=1), 1.0)

    s = sensitivity_service(assessment, "lonn")
    assert s.top in options()
    assert set(s.criterion_sweeps) == {
        "lavere_kostnad",
        "faglig_kvalitet",
        "robusthet",
        "innsparing",
        "mindre_sarbar",
        "styring",
        "lik_innflytelse",
        "omstilling",
    }

    g = group.agreement(assessment)
    assert dict(g.voting.weights) == pytest.approx({m: 0.25 for m in MUNICIPALITIES})

    plan = allocate_hosts(ev, 0.5)
    assert list(plan.hosted_fte) == list(MUNICIPALITIES)
    assert plan.fte == {"lonn": 10.0, "renovasjon": 7.0}
    assert plan.largest_share <= 0.5 + 1e-9

    base = economics.baseline(assessment.catalogue)
    assert base.municipalities == tuple(MUNICIPALITIES)
    assert base.total_nok == 13_600_000
    # this case cites no savings evidence: no default scenarios (never the shipped case's)
    with pytest.raises(SamvalgError, match="states no savings evidence"):
        economics.scenario_analysis(base, key="equal")
    with pytest.raises(SamvalgError, match="reports no project grant"):
        economics.scenario_analysis(base, scenarios={"x": 0.1}, include_grant=True)
    # the scenarios' keys follow the baseline's catalogue without being told
    analysis = economics.scenario_analysis(base, scenarios={"lav": 0.1}, key="equal")
    for res in analysis.scenarios.values():
        assert set(res.municipalities) == set(MUNICIPALITIES)
    shares = economics.share_costs(1_000_001, "population", catalogue=assessment.catalogue)
    assert list(shares) == list(MUNICIPALITIES) and sum(shares.values()) == 1_000_001


def test_workbook_uses_the_case_and_reads_back(
    tmp_path: Path, case: tuple[Path, Path], assessment: samvalg.Assessment
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    folder, _ = case
    filled = samvalg.io.write_template(tmp_path / "filled.xlsx", assessment=assessment)
    back = samvalg.load_assessment(filled, catalogue=folder)
    assert back.to_dict()["services"] == assessment.to_dict()["services"]
    assert back.to_dict()["weights"] == assessment.to_dict()["weights"]
    # a blank workbook for the case: its criteria, and its own municipalities as hosts
    blank = samvalg.io.write_template(tmp_path / "blank.xlsx", catalogue=assessment.catalogue)
    for path in (filled, blank):
        wb = openpyxl.load_workbook(path)
        text = "\n".join(
            str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
        )
        _no_shipped_names(text, path.name)
        assert "vertskommune:levanger" in text and "Robusthet" in text
        assert set(wb.sheetnames) >= set(SERVICES)


def test_plots_name_the_case(assessment: samvalg.Assessment) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from samvalg import plot as sp
    from samvalg.smaa import smaa_service

    cat = assessment.catalogue
    ev = samvalg.evaluate(assessment)
    axes = [
        sp.plot_contributions(ev["lonn"]["combined"], by="set", catalogue=cat),
        sp.plot_rank_acceptability(smaa_service(assessment, "lonn", n=200), catalogue=cat),
        sp.plot_weights(assessment).axes[0],  # the assessment carries its catalogue
        sp.plot_scores(assessment.matrix("renovasjon", "strategy"), catalogue=cat),
    ]
    texts = [t.get_text() for ax in axes for t in (*ax.get_yticklabels(), *ax.get_xticklabels())]
    texts += [ax.get_title(loc="left") for ax in axes]
    joined = "\n".join(texts)
    _no_shipped_names(joined, "the plots")
    assert "Levanger" in joined and "Robusthet" in joined and "Renovasjon" in joined
    plt.close("all")


def test_briefing_api(tmp_path: Path, assessment: samvalg.Assessment) -> None:
    from samvalg.report import write_briefing

    written = write_briefing(tmp_path / "brief", assessment, n=200, figures=False)
    text = written.data.read_text(encoding="utf-8")
    _no_shipped_names(text, "data.json", SHIPPED)  # AKST and 74/24: see the wording test
    data = json.loads(text)
    assert [row["service"] for row in data["summary"]] == list(SERVICES)
    strings = "\n".join(_strings(data))
    for name in ("levanger", "verdal", "frosta", "inderoy", "Renovasjon"):
        assert name in strings
    files = data["input"]["catalogue"]["files"]
    assert files["municipalities.toml"]["source"] == "user"
    assert files["forms.toml"]["source"] == "shipped"
    assert re.fullmatch(r"[0-9a-f]{64}", files["services.toml"]["sha256"])
    assert "byggesak (5)" in data["input"]["catalogue"]["notes"][0]


# ------------------------------------------------------------------------------------ the CLI
def test_every_command_runs_on_the_case(
    tmp_path: Path, case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, path = case
    cat = ("--catalogue", folder)
    runs: dict[str, tuple[str | Path, ...]] = {
        "validate": ("validate", path),
        "evaluate": ("evaluate", path),
        "evaluate --json": ("evaluate", path, "--json", "--lang", "en"),
        "smaa": ("smaa", path, "--service", "renovasjon", "--n", "300"),
        "smaa --json": ("smaa", path, "--service", "lonn", "--n", "300", "--json"),
        "sensitivity": ("sensitivity", path, "--service", "lonn"),
        "sensitivity --json": ("sensitivity", path, "--service", "renovasjon", "--json"),
        "group": ("group", path),
        "group --json": ("group", path, "--json"),
        "economics": ("economics", path, "--key", "equal"),
        "economics --json": ("economics", path, "--json", "--lang", "en"),
        "allocate": ("allocate", path, "--curve"),
        "allocate --json": ("allocate", path, "--json"),
        "catalogue": ("catalogue",),
        "catalogue --json": ("catalogue", "--json"),
        "template": ("template", "--out", tmp_path / "t.xlsx", "--assessment", path),
        "validate workbook": ("validate", tmp_path / "t.xlsx"),
        "validate --json": ("validate", tmp_path / "t.xlsx", "--json"),
        "brief": ("brief", "--assessment", path, "--out", tmp_path / "b", "--n", "200"),
        "brief --json": (
            "brief",
            "--assessment",
            path,
            "--out",
            tmp_path / "b",
            "--n",
            "200",
            "--json",
        ),
    }
    outputs = {}
    for what, argv in runs.items():
        code, out, err = _run(capsys, *argv, *cat)
        assert code == 0, f"{what}: exit {code}\n{err}"
        assert "Traceback" not in err
        # the shipped feasibility pairs this case lacks are noted once, by name
        notes = [line for line in err.splitlines() if line.startswith("samvalg: note:")]
        assert len(notes) == 1 and "byggesak (5)" in notes[0], what
        _no_shipped_names(out, what)
        if what.endswith("--json"):
            record = json.loads(out)
            assert record["samvalg_version"] == samvalg.__version__, what
            assert record["format_version"] == 1, what
        outputs[what] = out
    assert "2 tjenesteområder" in outputs["validate"]
    assert "2 tjenesteområder" in outputs["validate workbook"]
    assert "(Levanger)" in outputs["evaluate"] and "Renovasjon" in outputs["evaluate"]
    ev = json.loads(outputs["evaluate --json"])
    assert list(ev["services"]) == list(SERVICES)
    assert "vertskommune:inderoy" in ev["services"]["lonn"]["feasibility"]
    assert "Inderøy" in outputs["smaa"] or "Verdal" in outputs["smaa"]
    assert json.loads(outputs["group --json"])["voting"]["weights"] == pytest.approx(
        {m: 0.25 for m in MUNICIPALITIES}
    )
    for m in MUNICIPALITIES:
        assert m in outputs["economics"] and m in outputs["allocate"]
    assert json.loads(outputs["allocate --json"])["hosted_fte"].keys() == set(MUNICIPALITIES)
    listing = outputs["catalogue"]
    assert all(name in listing for name in NAMES) and "renovasjon" in listing
    assert list(json.loads(outputs["catalogue --json"])["municipalities"]) == list(MUNICIPALITIES)
    data = (tmp_path / "b" / "data.json").read_text(encoding="utf-8")
    _no_shipped_names(data, "brief data.json", SHIPPED)
    for name in (*MUNICIPALITIES, "Renovasjon", "Lønn"):
        assert name in data
    for svg in (tmp_path / "b" / "figures").glob("*.svg"):
        _no_shipped_names(svg.read_text(encoding="utf-8"), svg.name)
    # the economics state the region's own scenarios, and the prose follows --lang
    eco = json.loads(outputs["economics --json"])
    assert eco["lang"] == "en" and eco["scenarios"]["expected"]["scenario"]["share"] == 0.15
    assert all("årsverk" not in note for note in eco["notes"])
    # the workbook the template wrote reads back to the same assessment
    back = samvalg.load_assessment(tmp_path / "t.xlsx", catalogue=folder)
    again = samvalg.load_assessment(path, catalogue=folder)
    assert back.to_dict()["services"] == again.to_dict()["services"]
    assert json.loads(outputs["validate --json"])["ok"] is True
    assert json.loads(outputs["brief --json"])["summary"][0]["service"] == "lonn"


def test_briefing_wording_is_the_cases(tmp_path: Path, assessment: samvalg.Assessment) -> None:
    from samvalg.report import write_briefing

    written = write_briefing(tmp_path / "brief", assessment, n=100, figures=False)
    for f in (written.html, written.markdown, written.data):
        _no_shipped_names(f.read_text(encoding="utf-8"), f.name)


def test_without_the_catalogue_the_case_is_refused_by_name(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, path = case
    code, out, err = _run(capsys, "evaluate", path)
    assert code == 2 and out == ""
    assert "unknown host municipality 'levanger'" in err
    assert "Traceback" not in err


# the commands and the arguments each needs besides --catalogue
COMMANDS = {
    "validate": ("validate", "EXAMPLE"),
    "evaluate": ("evaluate",),
    "smaa": ("smaa", "--service", "lonn", "--n", "10"),
    "sensitivity": ("sensitivity", "--service", "lonn"),
    "group": ("group",),
    "economics": ("economics",),
    "allocate": ("allocate",),
    "template": ("template", "--out", "OUT"),
    "brief": ("brief", "--out", "OUT"),
    "catalogue": ("catalogue",),
    "init": ("init", "OUT", "-m", "skaun", "-m", "melhus", "-s", "lonn"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_takes_catalogue_and_refuses_a_bad_folder(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samvalg._resources import example_assessment_path

    subs = {"EXAMPLE": str(example_assessment_path()), "OUT": str(tmp_path / "out.xlsx")}
    if command in ("brief", "init"):
        subs["OUT"] = str(tmp_path / "brief")
    argv = [subs.get(a, a) for a in COMMANDS[command]]
    # a missing folder
    code, out, err = _run(capsys, *argv, "--catalogue", tmp_path / "nowhere")
    assert code == 2, err
    assert f"samvalg: error: <argument>: --catalogue: {tmp_path / 'nowhere'}: no such folder" in err
    assert "Traceback" not in err and out == ""
    # a file, not a folder
    file = tmp_path / "file.toml"
    file.write_text("", encoding="utf-8")
    code, _, err = _run(capsys, *argv, "--catalogue", file)
    assert code == 2 and "is not a folder" in err
    # a folder with a broken catalogue file: located by its path and key
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "services.toml").write_text("schema_version = 1\n", encoding="utf-8")
    code, _, err = _run(capsys, *argv, "--catalogue", bad)
    assert code == 2
    assert f"samvalg: error: {bad / 'services.toml'}: provenance: missing required table" in err
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "brief").exists()


# -------------------------------------------------------------- any number of municipalities
@pytest.mark.parametrize("n", [2, 11])
def test_any_number_of_municipalities(tmp_path: Path, n: int) -> None:
    from samvalg import economics, group
    from samvalg.allocation import allocate_hosts

    munis = municipalities(n)
    folder, path = write_case(tmp_path, munis)
    a = samvalg.load_assessment(path, catalogue=folder)
    ev = samvalg.evaluate(a)
    assert len(ev["lonn"].feasibility) == n + 3
    # equal voice: every municipality's stakeholder weighs 1/n
    g = group.agreement(a)
    assert dict(g.voting.weights) == pytest.approx({m: 1 / n for m in munis})
    # cost keys: equal shares 1/n each, population shares by population, sums exact
    equal = economics.share_costs(1_000_003, "equal", catalogue=a.catalogue)
    assert sum(equal.values()) == 1_000_003 and max(equal.values()) - min(equal.values()) <= 1
    pop = economics.key_weights("population", catalogue=a.catalogue)
    total = sum(p[2] for p in munis.values())
    assert {m: float(v) for m, v in pop.items()} == pytest.approx(
        {m: p[2] / total for m, p in munis.items()}
    )
    # host balance: no municipality hosts more than the bound allows
    bound = max(0.5, 1 / n + 1e-9)
    plan = allocate_hosts(ev, bound, fte={"lonn": 3.0, "renovasjon": 2.0})
    assert list(plan.hosted_fte) == list(munis)
    assert plan.largest_share <= bound + 1e-9
