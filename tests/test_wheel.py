"""The built wheel ships the catalogues, the example assessment and the JSON Schemas, and works
outside the repo (the example validates against the installed schemas; ``samvalg init`` runs).

Builds the wheel with ``pip wheel --no-deps`` (the build backend comes from the configured
package index; no project dependency is downloaded), installs it with ``--no-deps --target``
into a temporary folder and imports it from there in a fresh interpreter whose working directory
is not the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CHECK = r"""
import sys
from pathlib import Path

target = Path(sys.argv[1]).resolve()
import samvalg
from samvalg import _resources

assert Path(samvalg.__file__).resolve().is_relative_to(target), samvalg.__file__
crit = _resources.criteria_dir().resolve()
assert crit.is_relative_to(target), crit
assert crit == target / "samvalg" / "_data" / "criteria", crit
example = _resources.example_assessment_path().resolve()
assert example.is_file() and example.is_relative_to(target), example
cat = samvalg.catalogue()
assert [len(cs.criteria) for cs in cat.criteria_sets.values()] == [12, 5, 11]
assert all(Path(p).resolve().is_relative_to(target) for p in cat.sources.values())
assert samvalg.feasibility("byggesak", "oppgavefellesskap").status == "infeasible"
# the JSON Schemas ship in the wheel, and the shipped example validates against them
import json
import tomllib

from samvalg import schemas

for kind in schemas.KINDS:
    path = (Path(schemas.__file__).parent / f"{kind}.schema.json").resolve()
    assert path.is_relative_to(target) and path.is_file(), path
    assert json.loads(path.read_text(encoding="utf-8")) == schemas.schema(kind)
import jsonschema

with example.open("rb") as fh:
    data = json.loads(json.dumps(tomllib.load(fh), default=str))
jsonschema.Draft202012Validator(schemas.schema("assessment")).validate(data)
# samvalg init works from the installed package (it copies the shipped criteria sets)
from samvalg.cli import main

assert main(["init", "case", "-m", "skaun", "-m", "melhus", "-s", "lonn", "--json"]) == 0
assert (Path("case") / "catalogue" / "criteria_sets.toml").is_file()
from samvalg.report._render import _whatif_script
assert "SamvalgWhatif" in _whatif_script()
print("wheel-ok")
"""


@pytest.mark.slow
def test_wheel_ships_data_and_imports_from_install(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("samvalg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for n in (
        "criteria_sets.toml",
        "forms.toml",
        "services.toml",
        "municipalities.toml",
        "feasibility.toml",
    ):
        assert f"samvalg/_data/criteria/{n}" in names
    assert "samvalg/_data/example_assessment.toml" in names
    assert "samvalg/py.typed" in names
    assert "samvalg/schemas/assessment.schema.json" in names
    assert "samvalg/schemas/catalogue.schema.json" in names
    assert "samvalg/report/assets/whatif.js" in names  # the briefing's what-if script

    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(target)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().endswith("wheel-ok")
