"""The CLI for other tools (issue 12): ``--json`` on failure, exit codes, the envelope.

Every command's ``--json`` gives, when it fails, one JSON object on stdout with
``samvalg_version``, ``format_version``, ``command``, ``ok`` (false), ``exit_code`` and
``problems`` (each ``source``, ``location``, ``path``, ``message``, ``allowed``); the exit code
is 2 for bad input and arguments, 3 when no solution meets the conditions. Every ``--json``
output starts with ``samvalg_version`` and ``format_version``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import samvalg
from samvalg.cli import EXIT_CODES, main
from samvalg.commands import COMMANDS

PROBLEM_KEYS = {"source", "location", "path", "message", "allowed"}


def _bad_file(tmp_path: Path) -> Path:
    f = tmp_path / "bad.toml"
    f.write_text('schema_version = 1\nmeta = { title = "x" }\nservcies = {}\n', encoding="utf-8")
    return f


# a failing command line per command (BAD: a broken assessment; OUT: a path to write)
FAILING: dict[str, tuple[str, ...]] = {
    "init": ("init", "OUT", "-m", "levanger"),
    "brief": ("brief", "--assessment", "BAD", "--out", "OUT"),
    "catalogue": ("catalogue", "--catalogue", "NOWHERE"),
    "validate": ("validate", "BAD"),
    "evaluate": ("evaluate", "BAD"),
    "smaa": ("smaa", "--service", "nope", "--n", "10"),
    "sensitivity": ("sensitivity", "--service", "nope"),
    "economics": ("economics", "--key", "populaton"),
    "allocate": ("allocate", "BAD"),
    "group": ("group", "BAD"),
    "template": ("template", "--out", "OUT", "--assessment", "BAD"),
    "schema": ("schema", "assesment"),
}


def _check(out: str, command: str, code: int) -> dict[str, object]:
    rec = json.loads(out)
    assert rec["samvalg_version"] == samvalg.__version__
    assert rec["format_version"] == 1
    assert rec["command"] == command
    assert rec["ok"] is False and rec["exit_code"] == code
    problems = rec["problems"]
    assert isinstance(problems, list) and problems
    for p in problems:
        assert set(p) == PROBLEM_KEYS
        assert isinstance(p["message"], str) and p["message"]
        assert isinstance(p["path"], list)
    return rec


def test_every_command_is_covered() -> None:
    assert set(FAILING) == set(COMMANDS)


@pytest.mark.parametrize("command", list(FAILING))
def test_json_error_output_parses_and_has_the_fields(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subs = {
        "BAD": str(_bad_file(tmp_path)),
        "OUT": str(tmp_path / ("out.xlsx" if command == "template" else "out")),
        "NOWHERE": str(tmp_path / "nowhere"),
    }
    argv = [subs.get(a, a) for a in FAILING[command]]
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    rec = _check(out, command, 2)
    assert "Traceback" not in err and err.startswith("samvalg: ")
    if command in ("validate", "evaluate", "allocate", "group", "brief", "template"):
        # a problem in a file: located by file and key path, with what is allowed
        located = [p for p in rec["problems"] if p["location"] == "servcies"]  # type: ignore[union-attr]
        assert located and located[0]["source"] == "bad.toml"
        assert located[0]["path"] == ["servcies"]
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("command", list(FAILING))
def test_argument_mistakes_as_json(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--no-such-option", "--json"])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    rec = _check(out, command, 2)
    message = rec["problems"][0]["message"]  # type: ignore[index]
    assert "--no-such-option" in message or "arguments are required" in message
    assert "usage: samvalg" in err


def test_without_json_nothing_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["smaa", "--service", "nope", "--n", "10"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "samvalg: error:" in err


def test_infeasible_is_exit_code_3(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["allocate", "--max-share", "0.3", "--min-services", "3", "--json"])
    out, err = capsys.readouterr()
    assert code == 3, err
    rec = _check(out, "allocate", 3)
    assert "no allocation satisfies" in rec["problems"][0]["message"]  # type: ignore[index]


def test_exit_codes_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    assert {0, 2, 3, 130} <= set(EXIT_CODES)
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    out = capsys.readouterr().out
    for code in (0, 2, 3, 130):
        assert f"{code:>3}  {EXIT_CODES[code]}" in out
    docs = Path(__file__).parents[1]
    for name in ("README.md", "docs/formats.md"):
        text = (docs / name).read_text(encoding="utf-8")
        for code in ("0", "2", "3", "130"):
            assert f"| {code} |" in text, (name, code)


@pytest.mark.parametrize(
    "argv",
    [
        ["catalogue", "--json"],
        ["validate", "EXAMPLE", "--json"],
        ["evaluate", "--json", "--service", "lonn"],
        ["smaa", "--service", "lonn", "--n", "50", "--json"],
        ["sensitivity", "--service", "lonn", "--json"],
        ["group", "--json", "--service", "lonn"],
        ["economics", "--json"],
        ["allocate", "--json"],
    ],
)
def test_every_json_output_carries_the_versions(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from samvalg._resources import example_assessment_path

    argv = [str(example_assessment_path()) if a == "EXAMPLE" else a for a in argv]
    assert main([*argv, "--lang", "en"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert list(rec)[:4] == ["samvalg_version", "format_version", "command", "lang"]
    assert rec["samvalg_version"] == samvalg.__version__ and rec["format_version"] == 1
    assert rec["command"] == argv[0] and rec["lang"] == "en"


def test_prose_follows_lang_and_ids_stay_ids(capsys: pytest.CaptureFixture[str]) -> None:
    records = {}
    for lang in ("nb", "en"):
        assert main(["allocate", "--json", "--method", "vikor", "--lang", lang]) == 0
        records[lang] = json.loads(capsys.readouterr().out)
    nb, en = records["nb"], records["en"]
    # the same ids and numbers in both languages
    assert nb["choice"] == en["choice"] and nb["hosted_fte"] == en["hosted_fte"]
    assert nb["fte_source"].keys() == en["fte_source"].keys()
    assert (
        nb["skipped"].keys()
        == en["skipped"].keys()
        == {
            "plan",
            "byggesak",
            "kart_oppmaling",
            "landbruk",
        }
    )
    assert all("bemanningsgruppe" in t for t in nb["fte_source"].values())
    assert all("staffing group" in t for t in en["fte_source"].values())
    assert all(t.startswith("ingen bemanningstall") for t in nb["skipped"].values())
    assert all(t.startswith("no staffing figures") for t in en["skipped"].values())
    assert "lavere verdi er bedre" in nb["note"] and "lower values are better" in en["note"]
    # economics: the notes in the language asked for
    assert main(["economics", "--json", "--lang", "en"]) == 0
    eco = json.loads(capsys.readouterr().out)
    assert eco["notes"] and eco["baseline"]["missing"]
    nb_words = ("årsverk", "saksframlegget", "kommunene")
    assert not any(w in t for t in eco["baseline"]["missing"].values() for w in nb_words)
