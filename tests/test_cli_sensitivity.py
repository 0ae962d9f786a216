"""``samvalg sensitivity``: plain-language thresholds, crossovers and critical scores.

The text is checked against the library's own numbers (samvalg.sensitivity.sensitivity_service),
formatted as a Norwegian reader writes them (decimal comma, "aldri").
"""

from __future__ import annotations

import json

import pytest

import samvalg
from samvalg._format import fmt_number, fmt_percent
from samvalg.catalogue._labels import criterion_label, option_label
from samvalg.cli import main
from samvalg.commands.sensitivity import CRITICAL
from samvalg.sensitivity import sensitivity_service


@pytest.fixture(scope="module")
def lonn():
    return sensitivity_service(samvalg.example_assessment(), "lonn")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["sensitivity", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_bokmal_text_states_the_top_thresholds_crossovers_and_scores(capsys, lonn) -> None:
    code, out, err = run(capsys, "--service", "lonn", "--view", "combined")
    assert code == 0, err
    assert "ILLUSTRATIVT EKSEMPEL" in out
    assert f"Beste alternativ nå: {option_label(lonn.top)}" in out
    # one line per set weight and per criterion weight, "aldri" where nothing changes the top
    for sw in (*lonn.set_sweeps.values(), *lonn.criterion_sweeps.values()):
        if sw.kind == "criterion":
            assert (
                f"    {criterion_label(sw.parameter)} (nå {fmt_number(sw.current, 'nb', 3)})" in out
            )
    assert "økning aldri" in out and "reduksjon aldri" in out
    shown = [sw for sw in lonn.criterion_sweeps.values() if sw.increase is not None]
    assert shown, "the example has a weight whose increase changes the top option"
    for sw in shown:
        th = sw.increase
        assert (
            f"økning +{fmt_number(th.absolute, 'nb', 3)} (+{fmt_percent(th.relative, 'nb')}) "
            f"til {fmt_number(th.weight, 'nb', 3)} gir {option_label(th.new_top)}"
        ) in out
    # every crossover, in words
    assert "Krysningspunkter" in out
    n_cross = sum(len(sw.crossovers) for sw in lonn.criterion_sweeps.values())
    assert out.count("ved vekt ") == n_cross > 0
    c = next(c for sw in lonn.criterion_sweeps.values() for c in sw.crossovers)
    assert (
        f"ved vekt {fmt_number(c.t, 'nb', 3)} går {option_label(c.ahead_after)} forbi "
        f"{option_label(c.ahead_before)}"
    ) in out
    # the five most critical single scores, flagged when the change leaves the scale
    crit = lonn.scores.critical(CRITICAL, within_scale=False)
    assert f"De {CRITICAL} mest kritiske enkeltskårene" in out
    for k, cell in enumerate(crit, start=1):
        line = next(x for x in out.splitlines() if x.startswith(f"  {k}. "))
        assert option_label(cell["option"]) in line
        assert criterion_label(cell["criterion"]) in line
        assert fmt_number(cell["change"], "nb", 2) in line
        assert ("UTENFOR SKALAEN 1–5" in line) == cell["outside_scale"]
    assert any(cell["outside_scale"] for cell in crit)
    assert "✗ Egen drift" in out  # not applicable in the combined view: listed, not ranked


def test_english_text(capsys, lonn) -> None:
    code, out, _ = run(capsys, "--service", "lonn", "--view", "combined", "--lang", "en")
    assert code == 0
    assert f"Best option now: {option_label(lonn.top, 'en')}" in out
    assert "increase never" in out and "Crossovers" in out and "OUTSIDE THE SCALE" in out
    assert "most critical single scores" in out
    assert ",0" not in out.replace(", ", "")  # English decimals: a point, not a comma


def test_other_view_and_method(capsys) -> None:
    s = sensitivity_service(samvalg.example_assessment(), "byggesak", view="form", method="topsis")
    code, out, _ = run(capsys, "--service", "byggesak", "--view", "form", "--method", "topsis")
    assert code == 0
    assert "metode TOPSIS" in out and "spørsmål 2" in out
    assert f"Beste alternativ nå: {option_label(s.top)}" in out
    assert "juridisk utelukket" in out  # oppgavefellesskap and IKS cannot make enkeltvedtak
    assert "Kriteriesett" not in out  # one criteria set: no set-weight sweep


def test_json_parses_and_carries_the_summary(capsys, lonn) -> None:
    code, out, _ = run(capsys, "--service", "lonn", "--view", "combined", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["service"] == "lonn" and d["top"] == lonn.top
    assert len(d["thresholds"]) == len(lonn.set_sweeps) + len(lonn.criterion_sweeps)
    assert d["critical_scores"] == lonn.scores.critical(CRITICAL, within_scale=False)
    assert d["crossovers"]["skalerbarhet"] == [
        c.to_dict() for c in lonn.criterion_sweeps["skalerbarhet"].crossovers
    ]


def test_unknown_service_exit_2_with_a_suggestion(capsys) -> None:
    code, out, err = run(capsys, "--service", "lonm")
    assert code == 2
    assert "did you mean 'lonn'" in err
    assert "Traceback" not in err and out == ""


def test_missing_file_exit_2(capsys, tmp_path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.toml"), "--service", "lonn")
    assert code == 2
    assert "nope.toml" in err and "Traceback" not in err
