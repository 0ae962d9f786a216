"""A briefing reruns from its data.json: the recorded inputs give identical numbers.

``data.json`` records the input file (name and SHA-256), the method, the SMAA-2 iterations and
seed and the language; reading those back and building the briefing again must reproduce every
number in it, and the file's hash must still match.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from _assessment_cases import valid
from _bad_files import to_toml
from samvalg import load_assessment
from samvalg.report import build_briefing, write_briefing


def _small_assessment(tmp_path: Path) -> Path:
    data = valid()
    del data["services"]["byggesak"]
    path = tmp_path / "vurdering.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    return path


def _numbers(data: dict) -> dict:
    """data.json without the parts that name the run rather than its numbers."""
    return {k: v for k, v in data.items() if k not in ("samvalg_version",)}


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_a_briefing_reruns_from_its_data_json(tmp_path: Path, method: str) -> None:
    path = _small_assessment(tmp_path)
    written = write_briefing(
        tmp_path / "brief",
        load_assessment(path),
        n=300,
        seed=11,
        method=method,
        source_path=path,
        figures=False,
    )
    recorded = json.loads(Path(written.data).read_text(encoding="utf-8"))

    source = tmp_path / recorded["input"]["name"]  # the folder is not recorded
    assert hashlib.sha256(source.read_bytes()).hexdigest() == recorded["input"]["sha256"]
    again = build_briefing(
        load_assessment(source),
        lang=recorded["lang"],
        n=recorded["n"],
        seed=recorded["seed"],
        method=recorded["method"],
        source_path=source,
        figures=False,
    )
    rerun = json.loads(json.dumps(again.data, ensure_ascii=False))
    assert _numbers(rerun) == _numbers(recorded)
    assert recorded["method"] == method and recorded["seed"] == 11 and recorded["n"] == 300


def test_another_seed_changes_the_smaa_numbers(tmp_path: Path) -> None:
    """So the comparison above can fail: the seed does reach the numbers."""
    path = _small_assessment(tmp_path)
    a = build_briefing(load_assessment(path), n=300, seed=1, source_path=path, figures=False)
    b = build_briefing(load_assessment(path), n=300, seed=2, source_path=path, figures=False)
    assert json.dumps(a.data["services"], sort_keys=True, default=str) != json.dumps(
        b.data["services"], sort_keys=True, default=str
    )
