"""The command line: exit codes, output, and no traceback for a user's mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samvalg.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_example_prints_both_questions_per_service(capsys) -> None:
    code, out, err = run(capsys, "evaluate")
    assert code == 0, err
    assert "ILLUSTRATIVT EKSEMPEL" in out
    # 10 service areas and the example's 2 bundles (issue 13)
    assert out.count("Spørsmål 1") == 12
    assert out.count("Spørsmål 2") == 12
    assert "Anbefaling" in out
    assert "juridisk utelukket" in out  # KO for byggesak is shown, marked


def test_evaluate_english_and_json(capsys) -> None:
    code, out, _ = run(capsys, "evaluate", "--lang", "en", "--service", "lonn")
    assert code == 0
    assert "Question 1" in out and "ILLUSTRATIVE EXAMPLE" in out
    code, out, _ = run(capsys, "evaluate", "--json", "--method", "topsis")
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "topsis"
    assert len(data["services"]) == 10


def test_catalogue_lists_the_criteria(capsys) -> None:
    code, out, _ = run(capsys, "catalogue")
    assert code == 0
    assert "Økonomi/effektivisering" in out
    assert "Konsekvenser for ansatte" in out
    code, out, _ = run(capsys, "catalogue", "--json")
    assert code == 0
    json.loads(out)


def test_validate_the_shipped_example(capsys) -> None:
    from samvalg._resources import example_assessment_path

    code, out, _ = run(capsys, "validate", str(example_assessment_path()))
    assert code == 0
    assert "OK" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("schema_version = 1\n[meta\n", "TOML"),
        ('schema_version = 1\nmeta = { title = "x" }\nservcies = {}\n', "servcies"),
    ],
)
def test_bad_files_exit_2_with_located_lines(tmp_path: Path, capsys, content, expected) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    before = f.read_bytes()
    code, _out, err = run(capsys, "validate", str(f))
    assert code == 2
    assert "bad.toml" in err
    assert expected.lower() in err.lower()
    assert "Traceback" not in err
    assert f.read_bytes() == before


def test_missing_file_exit_2(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "evaluate", str(tmp_path / "nope.toml"))
    assert code == 2
    assert "nope.toml" in err


@pytest.mark.slow
@pytest.mark.parametrize("module", ["samvalg.cli", "samvalg"])
def test_console_script_runs_in_a_subprocess_without_traceback(tmp_path: Path, module: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-m", module, "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.toml" in proc.stderr


def test_help_of_the_shell_and_every_command(capsys) -> None:
    from samvalg.commands import COMMANDS

    for argv in (["--help"], *([name, "--help"] for name in COMMANDS)):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0, argv
        out, err = capsys.readouterr()
        assert "usage: samvalg" in out, argv
        assert "Traceback" not in err
