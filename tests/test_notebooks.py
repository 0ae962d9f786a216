"""The notebooks run in a Jupyter kernel as an analyst runs them, and are committed clean.

Each notebook is executed top to bottom by ``nbclient`` in a fresh IPython kernel (the inline
matplotlib backend, as in Jupyter; the notebooks never choose a backend themselves). The test
checks what the analyst sees: every figure drawn once as an image (``image/png`` or
``image/svg+xml``), every result shown as an HTML table (``_repr_html_``), and nothing on
stderr. Outputs must not be committed. Neither notebooks nor examples import private names
(``samvalg._format``, ``samvalg.catalogue._labels``, ...).
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
IMAGES = ("image/png", "image/svg+xml")


def _code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _private_imports(source: str) -> list[str]:
    """Imported samvalg names with a leading underscore in any part of their dotted path."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found += [
            n
            for n in names
            if n.startswith("samvalg") and any(p.startswith("_") for p in n.split("."))
        ]
    found += re.findall(r"\bsamvalg(?:\.\w+)*\._\w+", source)  # attribute access, not imported
    return found


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
def test_notebooks_leave_the_backend_to_jupyter(path: Path) -> None:
    for i, source in enumerate(_code_cells(path), start=1):
        assert "matplotlib.use(" not in source, f"{path.name} cell {i}"
        assert "plt.show()" not in source and ".figure\n" not in source + "\n", (
            f"{path.name} cell {i}: the inline backend shows each figure once by itself"
        )


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, *EXAMPLES], ids=[p.name for p in [*NOTEBOOKS, *EXAMPLES]]
)
def test_no_private_imports(path: Path) -> None:
    sources = _code_cells(path) if path.suffix == ".ipynb" else [path.read_text(encoding="utf-8")]
    for i, source in enumerate(sources, start=1):
        assert _private_imports(source) == [], f"{path.name} [{i}]"


def test_private_import_check_sees_them() -> None:
    assert "samvalg.catalogue._labels.option_label" in _private_imports(
        "from samvalg.catalogue._labels import option_label"
    )
    assert _private_imports("from samvalg._format import fmt_number") != []
    assert _private_imports("import samvalg\nx = samvalg._format.fmt_number") != []
    assert _private_imports("from samvalg.catalogue import option_label") == []


def _bare_expression_at_end(source: str) -> bool:
    body = ast.parse(source).body
    return (
        bool(body) and isinstance(body[-1], ast.Expr) and not isinstance(body[-1].value, ast.Call)
    )


def _calls(source: str, prefix: str) -> int:
    return sum(
        1
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith(prefix)
    )


KERNEL = "samvalg-test"  # a kernel spec of our own, so no installed "python3" spec is used


def _kernel_spec_here(home: Path) -> None:
    """A kernel spec that starts this very interpreter (the venv's python, not the system's)."""
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()  # argv[0] is sys.executable
    assert spec["argv"][0] == sys.executable
    folder = home / "kernels" / KERNEL
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_runs_in_a_kernel_showing_figures_and_tables(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nbformat
    from nbclient import NotebookClient

    # the kernel chooses the inline backend only when no backend is forced on it
    monkeypatch.delenv("MPLBACKEND", raising=False)
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    # Jupyter's folders in tmp_path: the user's own kernel specs and files stay untouched
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    _kernel_spec_here(tmp_path / "data")
    # the kernel imports the samvalg this test imports (a worktree's src/ or the installed one)
    import samvalg

    here = str(Path(samvalg.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([here, os.environ.get("PYTHONPATH", "")]))
    nb = nbformat.read(path, as_version=4)
    probe = nbformat.v4.new_code_cell("import sys\nprint(sys.executable)")
    nb.cells.insert(0, probe)
    work = tmp_path / "work"
    work.mkdir()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(work)}},  # files a notebook writes stay here
    )
    client.execute()
    ran_in = "".join(o.get("text", "") for o in nb.cells.pop(0).outputs).strip()
    assert Path(ran_in) == Path(sys.executable), ran_in

    images = 0
    for i, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        where = f"{path.name} cell {i}"
        outputs: list[Any] = cell.outputs
        stderr = [o.get("text", "") for o in outputs if o.get("name") == "stderr"]
        assert stderr == [], f"{where} wrote to stderr: {stderr}"
        assert not [o for o in outputs if o.output_type == "error"], where
        data = [o.get("data", {}) for o in outputs if "data" in o]
        shown = [d for d in data if any(k in d for k in IMAGES)]
        tables = [d for d in data if "<table" in d.get("text/html", "")]
        # every figure a plot_* call draws is shown once: neither lost nor drawn twice
        assert len(shown) == _calls(cell.source, "plot_"), f"{where}: {len(shown)} images"
        images += len(shown)
        # a result left at the end of a cell, or passed to display(), is an HTML table
        want = _calls(cell.source, "display") + _bare_expression_at_end(cell.source)
        assert len(tables) >= want, f"{where}: {len(tables)} HTML tables, expected {want}"
        # a figure as its text ("<Figure size 750x390 with 1 Axes>") and no picture: not shown
        assert not [
            d
            for d in data
            if "<Figure size" in d.get("text/plain", "") and not any(k in d for k in IMAGES)
        ], where
    assert images >= 1, f"{path.name} shows no figure"


def test_a_plot_keeps_the_backend_pyplot_chose_inside_it() -> None:
    """Jupyter turns "interactive" on when the first figure chooses the inline backend; if the
    plot's style context restored it, no later figure would be shown."""
    import matplotlib

    from samvalg.plot._style import style

    before = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with style():
            matplotlib.interactive(True)  # as pyplot does when it picks the inline backend
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(before)


@pytest.mark.parametrize("backend", ["module://matplotlib_inline.backend_inline", "TkAgg", None])
def test_the_briefing_leaves_matplotlib_alone(backend: str | None) -> None:
    """The briefing draws its figures without matplotlib: a notebook's backend stays as it
    was (Jupyter's inline backend would otherwise show no figure after ``write_briefing``),
    pyplot is never loaded, and no window's backend is started."""
    import subprocess

    code = (
        "import sys\n"
        "import samvalg\n"
        "from samvalg.report import build_briefing\n"
        "b = build_briefing(samvalg.example_assessment(), n=300)\n"
        "assert b.figures(), 'no figures'\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
        "import matplotlib\n"
        "print(dict.__getitem__(matplotlib.rcParams, 'backend'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    if backend is not None:
        env["MPLBACKEND"] = backend
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    pyplot, chosen = out.stdout.strip().split("\n")
    assert pyplot == "False"
    if backend is not None:
        assert chosen.lower() == backend.lower()
