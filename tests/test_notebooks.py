"""The notebooks run top to bottom (in-process, no Jupyter needed) and are committed clean.

Each notebook's code cells are executed in order in one namespace with matplotlib's Agg
backend, the way "Run all" would; an exception or a failing ``assert`` in a cell fails the test
with the cell's number. Outputs must not be committed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_the_four_notebooks_exist() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01_quickstart",
        "02_weights_and_ahp",
        "03_robustness_smaa",
        "04_group_and_economics",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_runs_top_to_bottom(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # anything a notebook writes stays in a temporary folder
    namespace: dict[str, object] = {"__name__": "__main__"}
    try:
        for i, source in enumerate(_code_cells(path), start=1):
            code = compile(source, f"{path.name}[cell {i}]", "exec")
            exec(code, namespace)  # running the notebook is the test
    finally:
        plt.close("all")
