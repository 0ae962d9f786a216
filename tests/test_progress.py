"""Progress bars (issue 14, item 4): shown on a terminal, silent otherwise or with --quiet,
and a long run's time estimate printed first. The terminal is a fake: a text stream whose
``isatty()`` is True."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from samvalg.cli import main
from samvalg.commands import _progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_on(monkeypatch, stream: io.StringIO, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stderr", stream)
    code = main(list(args))
    return code, stream.getvalue()


@pytest.mark.parametrize(
    ("args", "stage"),
    [
        (("smaa", "--service", "lonn", "--n", "20000"), "SMAA-2"),
        (("sensitivity", "--service", "lonn"), "Følsomhet"),
        (("allocate", "--curve"), "Avveiingskurve"),
    ],
)
def test_bar_on_a_terminal_with_stage_fraction_and_time_left(monkeypatch, capsys, args, stage):
    code, err = run_on(monkeypatch, FakeTTY(), *args)
    assert code == 0
    assert stage in err
    assert "100%" in err  # the fraction done, to the end
    assert "0:00:0" in err  # rich's time left (h:mm:ss)
    assert capsys.readouterr().out  # the results still go to stdout


@pytest.mark.parametrize(
    "args",
    [
        ("smaa", "--service", "lonn", "--n", "20000"),
        ("sensitivity", "--service", "lonn"),
        ("allocate", "--curve"),
    ],
)
def test_silent_with_quiet_or_when_not_a_terminal(monkeypatch, capsys, args):
    code, err = run_on(monkeypatch, FakeTTY(), *args, "--quiet")
    assert code == 0 and err == ""
    code, err = run_on(monkeypatch, io.StringIO(), *args)  # isatty() False
    assert code == 0 and err == ""
    capsys.readouterr()


def test_brief_shows_its_stages(monkeypatch, tmp_path: Path, capsys):
    code, err = run_on(monkeypatch, FakeTTY(), "brief", "--out", str(tmp_path / "b"), "--n", "300")
    assert code == 0
    for stage in ("Analyser", "Figurer", "Skriver"):
        assert stage in err
    assert "Anslått tid" not in err  # a short run prints no estimate
    assert (tmp_path / "b" / "data.json").is_file()
    capsys.readouterr()


def test_brief_prints_the_estimate_first_for_a_large_n(monkeypatch):
    """A timed pilot (2000 samples) scaled to --n; the run itself is not started here."""
    import samvalg
    from samvalg.commands.brief import _estimate

    stream = FakeTTY()
    bar = _progress.Bar(stream, "nb")
    _estimate(bar, samvalg.example_assessment(), 10**7, 0, "wsm")
    bar.close()
    text = stream.getvalue()
    assert "Anslått tid: ca." in text and "(--n 10000000)" in text
    stream = FakeTTY()
    bar = _progress.Bar(stream, "nb")
    _estimate(bar, samvalg.example_assessment(), 10_000, 0, "wsm")  # the default: no pilot
    bar.close()
    assert stream.getvalue() == ""


def test_estimate_from_the_first_progress_only_when_long():
    clock = iter([0.0, 2.0, 2.5, 3.0])
    stream = FakeTTY()
    bar = _progress.Bar(stream, "en", clock=lambda: next(clock))  # started at t = 0
    bar.update("smaa", 5, 100)  # t = 2 s, 5 % done: about 40 s in all
    bar.update("smaa", 10, 100)  # printed once only
    bar.close()
    assert stream.getvalue().count("Estimated time: about 40 s") == 1

    clock = iter([0.0, 2.0])
    stream = FakeTTY()
    bar = _progress.Bar(stream, "en", clock=lambda: next(clock))
    bar.update("smaa", 50, 100)  # about 4 s in all: no estimate
    bar.close()
    assert "Estimated" not in stream.getvalue()


def test_duration_text():
    assert _progress.duration_text(5.2, "nb") == "ca. 5 s"
    assert _progress.duration_text(200, "en") == "about 3 min 20 s"
    assert _progress.duration_text(7300, "nb") == "ca. 2 t 01 min"


def test_import_samvalg_does_not_load_rich():
    import subprocess

    code = "import samvalg, sys; print('rich' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
