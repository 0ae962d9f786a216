"""docs/api.md is generated from the docstrings by docs/build_api.py and must not rot.

The reference is regenerated into a temporary file and compared with the committed one, so a
changed signature, docstring or public name fails here until docs/api.md is rebuilt
(``.venv/bin/python docs/build_api.py``) and committed.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import inspect
from pathlib import Path
from types import ModuleType

import pytest

import samvalg

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api.md"


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "samvalg_docs_build_api", ROOT / "docs" / "build_api.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _load_builder()
PUBLIC_MODULES = ("samvalg", *(f"samvalg.{m}" for m in BUILD.MODULES))


@pytest.fixture(scope="module")
def committed() -> str:
    return API.read_text(encoding="utf-8")


def test_committed_reference_equals_a_fresh_build(tmp_path: Path, committed: str) -> None:
    out = tmp_path / "api.md"
    assert BUILD.main(["--out", str(out)]) == 0
    fresh = out.read_text(encoding="utf-8")
    if fresh != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                fresh.splitlines(keepends=True),
                "docs/api.md (committed)",
                "docs/api.md (from the docstrings now)",
                n=1,
            )
        )
        pytest.fail(
            "docs/api.md is out of date: run `.venv/bin/python docs/build_api.py` and "
            "commit docs/api.md. Difference:\n" + diff[:6000]
        )


def test_a_second_build_is_identical() -> None:
    assert BUILD.render() == BUILD.render()


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_an_entry(module_name: str, committed: str) -> None:
    module = importlib.import_module(module_name)
    names = module.__all__
    assert names, f"{module_name}.__all__ is empty"
    if module_name == "samvalg":
        missing = [n for n in names if f"| `samvalg.{n}` |" not in committed]
    else:
        assert f"## `{module_name}`" in committed
        missing = [
            n
            for n in names
            if f'<a id="{module_name}.{n}"></a>' not in committed
            or f"### `{module_name}.{n}` (" not in committed
        ]
    assert not missing, f"{module_name}: no entry in docs/api.md for {missing}"


def test_every_public_module_of_the_flat_api_is_in_the_reference() -> None:
    modules = {name for name in samvalg.__all__ if inspect.ismodule(getattr(samvalg, name))}
    assert modules <= set(BUILD.MODULES), sorted(modules - set(BUILD.MODULES))


def test_numpy_docstring_sections_become_markdown() -> None:
    def f(x: int, *, flag: bool = False) -> float:
        """Do a thing with :math:`x^2` and ``flag``.

        Longer text that stays out of the reference.

        Parameters
        ----------
        x : int
            The input,
            over two lines.
        flag : bool, optional
            Whether to.

        Returns
        -------
        float
            The result.

        Examples
        --------
        >>> f(1)
        1.0
        """
        return float(x)

    lines = BUILD._doc_md(f)
    assert lines[0] == "Do a thing with $x^2$ and `flag`."
    assert "- `x` (*int*): The input, over two lines." in lines
    assert "- `flag` (*bool, optional*): Whether to." in lines
    assert "- *float*: The result." in lines
    assert not any("Examples" in line or ">>>" in line for line in lines)
    assert BUILD._signature(f, "f") == "f(x: int, *, flag: bool = False) -> float"
