"""``samvalg init DIR``: a new case to fill in, written safely (issue 12).

What it writes is checked end to end in tests/test_second_case.py (a case built with init,
filled in, through every command). Here: the folder rules (a new, empty or samvalg's own
folder; never a link; never a file the user changed), missing or bad values as located
problems (and prompts on a terminal), user text kept as data, and the skeleton's validation.
"""

from __future__ import annotations

import io
import json
import os
import tomllib
from pathlib import Path

import pytest

import samvalg
from samvalg.cli import main

MUNIS = ["-m", "levanger:Levanger:5037:20500", "-m", "verdal:Verdal:5038:15100"]
SERVICE = ["-s", "renovasjon:Renovasjon:Waste collection", "--authority", "renovasjon=partly"]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_new_case_with_catalogue_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case"
    code, out, err = run(capsys, "init", case, "-m", "skaun", "-m", "melhus", "-s", "lonn")
    assert code == 0, err
    assert "samvalg validate --catalogue" in out
    assert sorted(_tree(case)) == [
        ".samvalg-case.json",
        "assessment.toml",
        "catalogue/criteria_sets.toml",
        "catalogue/municipalities.toml",
        "catalogue/services.toml",
    ]
    # the catalogue's own entries are copied (population with its source and date)
    cat = samvalg.catalogue(case / "catalogue")
    shipped = samvalg.catalogue()
    assert list(cat.municipalities) == ["skaun", "melhus"]
    assert cat.municipalities["skaun"].population == shipped.municipalities["skaun"].population
    assert cat.services["lonn"] == shipped.services["lonn"]
    assert cat.criteria_sets == shipped.criteria_sets
    # the skeleton: a line per cell to fill; the fixed cells filled; validate lists the rest
    text = (case / "assessment.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["services"]["lonn"]["options"] == [
        "egen_drift",
        "fagnettverk",
        "vertskommune:skaun",
        "vertskommune:melhus",
        "oppgavefellesskap",
        "iks",
    ]
    assert data["services"]["lonn"]["scores"]["egen_drift"]["styringsstruktur"] == "na"
    assert "#fagmiljo =" in text
    assert set(data["stakeholders"]) == {"skaun", "melhus"}
    code, out, err = run(
        capsys, "validate", "--catalogue", case / "catalogue", case / "assessment.toml"
    )
    assert code == 2 and out == ""
    assert "28 missing scores for 'iks'" in err and "17 missing scores for 'egen_drift'" in err
    lines = [x for x in err.splitlines() if x.startswith("samvalg: error:")]
    assert len(lines) == 6  # one per option, nothing else wrong


def test_json_output_and_filled_skeleton_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "c"
    code, out, _ = run(
        capsys, "init", case, *MUNIS, *SERVICE, "--form", "egen_drift", "--form", "iks", "--json"
    )
    assert code == 0
    rec = json.loads(out)
    assert rec["command"] == "init" and rec["format_version"] == 1
    assert rec["options"] == ["egen_drift", "iks"]
    assert rec["next"][:2] == ["validate", "--catalogue"]
    path = Path(rec["assessment"])
    text = path.read_text(encoding="utf-8")
    # fill every cell with 3 as a user would: uncomment and write the value
    cells = [line for line in text.splitlines() if line.startswith("#") and " =  " in line]
    assert len(cells) == rec["scores_to_fill"] == (12 + 5 + 11) + (12 + 5)
    filled = "\n".join(
        line[1:].replace(" =", " = 3", 1) if line in cells else line for line in text.splitlines()
    )
    path.write_text(filled + "\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", "--catalogue", rec["catalogue"], path, "--json")
    assert code == 0, err
    assert json.loads(out)["ok"] is True


def test_refuses_a_folder_that_is_not_its_own(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    code, _out, err = run(capsys, "init", folder, *MUNIS, *SERVICE)
    assert code == 2 and "is not empty and holds no case samvalg init wrote" in err
    assert _tree(folder) == {"notes.txt": b"my notes"}
    # an empty folder is fine
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "init", empty, *MUNIS, *SERVICE)[0] == 0
    assert (empty / "assessment.toml").is_file()
    # no temporary folder is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "mine"]


def test_never_writes_through_a_link(tmp_path: Path, capsys) -> None:
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    code, _, err = run(capsys, "init", link, *MUNIS, *SERVICE)
    assert code == 2 and "symbolic link" in err
    assert list(target.iterdir()) == []


def test_rewrites_its_own_folder_but_never_a_changed_file(tmp_path: Path, capsys) -> None:
    case = tmp_path / "case"
    assert run(capsys, "init", case, *MUNIS, *SERVICE)[0] == 0
    # unchanged: init may write it again (e.g. with another title)
    code, _, err = run(capsys, "init", case, *MUNIS, *SERVICE, "--title", "Ny tittel")
    assert code == 0, err
    assert 'title = "Ny tittel"' in (case / "assessment.toml").read_text(encoding="utf-8")
    # once the user has filled something in, nothing is overwritten
    path = case / "assessment.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# mine\n", encoding="utf-8")
    before = _tree(case)
    code, _, err = run(capsys, "init", case, *MUNIS, *SERVICE)
    assert code == 2 and "assessment.toml" in err and "changed since samvalg init" in err
    assert _tree(case) == before
    # a link planted at a path init writes is refused too
    os.remove(case / "catalogue" / "services.toml")
    (case / "catalogue" / "services.toml").symlink_to(tmp_path / "elsewhere.toml")
    path.write_bytes(before["assessment.toml"])
    code, _, err = run(capsys, "init", case, *MUNIS, *SERVICE)
    assert code == 2 and "not a regular file" in err
    assert not (tmp_path / "elsewhere.toml").exists()


def test_missing_and_bad_values_are_located(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no prompts
    code, out, err = run(
        capsys,
        "init",
        tmp_path / "x",
        "-m",
        "levanger",
        "-m",
        "verdal:Verdal:50381:0",
        "-s",
        "renovasjon:Renovasjon",
        "--form",
        "vertskomune",
    )
    assert code == 2 and out == ""
    assert "<argument>: --municipality levanger: missing navn på / name of levanger" in err
    assert "kommunenummer '50381' (allowed: four digits" in err
    assert "population '0' (allowed: a whole number > 0)" in err
    assert "--authority renovasjon: missing" in err
    assert "unknown form (did you mean 'vertskommune'?)" in err
    assert not (tmp_path / "x").exists()
    # as JSON: every problem, located
    code, out, _ = run(capsys, "init", tmp_path / "x", "-m", "levanger", "--json")
    rec = json.loads(out)
    assert rec["ok"] is False and rec["exit_code"] == 2
    assert {p["location"] for p in rec["problems"]} >= {"--municipality levanger", "--service"}


def test_prompts_on_a_terminal(tmp_path: Path, capsys, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = "Levanger\n5037\n20500\nRenovasjon\npartly\n"
    monkeypatch.setattr("sys.stdin", Terminal(answers))
    code, _, err = run(
        capsys, "init", tmp_path / "p", "-m", "levanger", "-m", "skaun", "-s", "renovasjon"
    )
    assert code == 0, err
    assert "kommunenummer for levanger: " in err
    cat = samvalg.catalogue(tmp_path / "p" / "catalogue")
    assert cat.municipalities["levanger"].kommunenummer == "5037"
    assert cat.services["renovasjon"].public_authority.value == "partly"


def test_user_text_stays_data(tmp_path: Path, capsys) -> None:
    name = 'Ap"p]\\le x = 1 # [meta]'
    code, _, err = run(
        capsys,
        "init",
        tmp_path / "t",
        "-m",
        f"a:{name}:1234:10",
        "-m",
        "b:B:1235:20",
        "-s",
        "lonn",
        "--title",
        '"""; [meta] \\u0041',
    )
    assert code == 0, err
    cat = samvalg.catalogue(tmp_path / "t" / "catalogue")
    assert cat.municipalities["a"].name == name
    data = tomllib.loads((tmp_path / "t" / "assessment.toml").read_text(encoding="utf-8"))
    assert data["meta"]["title"] == '"""; [meta] \\u0041'
    assert data["stakeholders"]["a"]["name"] == name
    # a control or text-direction character is refused, located, before anything is written
    code, _, err = run(
        capsys,
        "init",
        tmp_path / "u",
        "-m",
        "a:A\x1b[31m:1234:10",
        *MUNIS[2:],
        "-s",
        "lonn",
        "--region",
        "R\u202e",
    )
    assert code == 2
    assert "--municipality (municipalities.a.name): the text holds the control character" in err
    assert "--region (region.name)" in err and "\x1b" not in err
    assert not (tmp_path / "u").exists()


def test_own_criteria_file_problems_name_the_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "crit.toml"
    bad.write_text("schema_version = 1\n[sets.x]\nname_nb = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "init", tmp_path / "k", *MUNIS, "-s", "lonn", "--criteria", bad)
    assert code == 2
    assert f"samvalg: error: {bad}: " in err
    assert not (tmp_path / "k").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["crit.toml"]


def test_the_base_catalogue_comes_along(tmp_path: Path, capsys) -> None:
    """With --catalogue, ids given alone come from it, and its own forms.toml and
    feasibility.toml are copied into the new case (the shipped ones are not)."""
    import shutil

    from samvalg._resources import criteria_dir

    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(criteria_dir() / "forms.toml", base / "forms.toml")
    code, _, err = run(
        capsys,
        "init",
        tmp_path / "c",
        "-m",
        "skaun",
        "-m",
        "melhus",
        "-s",
        "lonn",
        "--catalogue",
        base,
    )
    assert code == 0, err
    folder = tmp_path / "c" / "catalogue"
    assert (folder / "forms.toml").read_bytes() == (base / "forms.toml").read_bytes()
    assert not (folder / "feasibility.toml").exists()
    assert samvalg.catalogue(folder).forms == samvalg.catalogue().forms


def test_prompts_for_the_lists_one_a_line(tmp_path: Path, capsys, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = "midtre_gauldal:Midtre Gauldal:5027:6500\nskaun\n\nlonn\n\n"
    monkeypatch.setattr("sys.stdin", Terminal(answers))
    code, _, err = run(capsys, "init", tmp_path / "q")
    assert code == 0, err
    cat = samvalg.catalogue(tmp_path / "q" / "catalogue")
    assert cat.municipalities["midtre_gauldal"].name == "Midtre Gauldal"
    assert list(cat.municipalities) == ["midtre_gauldal", "skaun"] and list(cat.services) == [
        "lonn"
    ]
