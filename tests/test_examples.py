"""The example scripts run (in a subprocess, as a user would) and print what they promise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import samvalg
from samvalg import economics

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(script: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_council_briefing(tmp_path: Path) -> None:
    out = tmp_path / "brief"
    text = _run("council_briefing.py", str(out), "--n", "200", cwd=tmp_path)
    assert "ILLUSTRATIVT EKSEMPEL" in text
    for name in ("index.html", "briefing.md", "data.json"):
        assert (out / name).is_file()
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert data["n"] == 200
    assert "Lønn" in text and "Administrativt vertskommunesamarbeid (Midtre Gauldal)" in text
    assert len(list((out / "figures").glob("*.svg"))) == len(data["figures"])


def test_compare_methods(tmp_path: Path) -> None:
    text = _run("compare_methods.py", cwd=tmp_path)
    for m in ("wsm", "wpm", "topsis", "vikor", "promethee_ii"):
        assert m in text
    for sid in samvalg.example_assessment().services:
        assert any(line.startswith(sid) for line in text.splitlines())
    assert "disagree" in text or "agree on the best option in every area" in text


def test_cost_sharing(tmp_path: Path) -> None:
    text = _run("cost_sharing.py", "--usage", "1", "2", "1", cwd=tmp_path)
    assert "23 200 000 kr" in text.replace("\u00a0", " ")
    for key in ("population", "equal", "usage"):
        assert key in text
    # the scenarios are the catalogue's sourced ones, each with its source line
    text = text.replace("\u00a0", " ")
    case = samvalg.catalogue().case
    assert case is not None
    for ev in case.savings_evidence:
        assert f"Som {ev.name} ({ev.share * 100:.0f} %)" in text
    assert text.count("source: ") == len(economics.case_scenarios(samvalg.catalogue()))


def test_cost_sharing_counts_the_usage_volumes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "cost_sharing.py"), "--usage", "1", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "2 volumes given, the catalogue has 3 municipalities" in proc.stderr


def test_host_allocation(tmp_path: Path) -> None:
    text = _run("host_allocation.py", "--max-share", "0.5", cwd=tmp_path)
    assert "largest share" in text and "trade-off frontier" in text
    share = float(text.split("largest share ")[1].split("%")[0]) / 100
    assert share <= 0.5 + 1e-9
