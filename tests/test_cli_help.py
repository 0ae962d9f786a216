"""Help texts as people read them (issue 14, item 5): no reST markup in ``--help``, a help line
for every option, "did you mean" for a misspelt command or option, ``validate --help`` names
``.xlsx``, and a literal block (the economics file example) kept line by line."""

from __future__ import annotations

import argparse
import re

import pytest

from samvalg.cli import _parser, main, rest_to_plain
from samvalg.commands import COMMANDS

# reST that must never reach a reader: ``literal``, :role:`target`, `interpreted`, a "::" marker
REST = re.compile(r"``|:[a-z]+:`|`[^`\s][^`]*`|::(\s|$)")


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 0, argv
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_no_rest_markup_in_help(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = _help(capsys, *([name] if name else []), "--help")
    bad = [line for line in out.splitlines() if REST.search(line)]
    assert bad == [], f"reST in `samvalg {name} --help`: {bad}"


def test_every_option_and_argument_has_a_help_line() -> None:
    parser, _ = _parser()
    missing = []
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, cp in [("samvalg", parser), *sub.choices.items()]:
        for action in cp._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_every_command_is_in_the_shells_help(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, "--help")
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\b", out, re.M), name


def test_misspelt_command_gets_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["evalute"])
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert "did you mean 'evaluate'?" in err
    assert "Traceback" not in err


def test_nothing_close_gets_no_guess(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["xyzzy"])
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert "invalid choice: 'xyzzy'" in err and "did you mean" not in err


def test_misspelt_option_and_choice_get_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", "--jsno"])
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert "samvalg evaluate: error: unrecognized arguments: --jsno" in err
    assert "did you mean '--json'?" in err
    with pytest.raises(SystemExit) as exc:
        main(["smaa", "--service", "lonn", "--method", "topsys"])
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert "did you mean 'topsis'?" in err


def test_validate_help_names_the_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, "validate", "--help")
    assert ".xlsx" in out and ".toml" in out


def test_literal_block_kept_line_by_line(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, "economics", "--help")
    lines = out.splitlines()
    # the example file keeps one key per line, indented, and the paragraph ends in ":"
    assert "    [economics]" in lines
    assert any(line.startswith("    horizon = 10 ") for line in lines)
    assert any(line.rstrip().endswith("docs/formats.md):") for line in lines)


@pytest.mark.parametrize(
    ("rest", "plain"),
    [
        ("``samvalg brief``: write", "samvalg brief: write"),
        ("see :mod:`samvalg.allocation`.", "see samvalg.allocation."),
        ("see :func:`~samvalg.smaa.smaa2`", "see smaa2"),
        ("see :class:`View <samvalg.evaluation.View>`", "see View"),
        ("the `whether` view and **bold**", "the whether view and bold"),
        ("a file::\n\n    key = 1\n", "a file:\n\n    key = 1"),
        ("before\n\n::\n\n    x = 1", "before\n\n    x = 1"),
        ("the 21 % saving", "the 21 % saving"),
    ],
)
def test_rest_to_plain(rest: str, plain: str) -> None:
    assert rest_to_plain(rest) == plain
