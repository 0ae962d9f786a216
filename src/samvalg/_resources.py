"""Locate the data files shipped with samvalg.

In a wheel the catalogues live in ``samvalg/_data/criteria`` and the example assessment in
``samvalg/_data/example_assessment.toml`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
In a source checkout or an editable install they are read from the repository's top-level
``criteria/`` and ``examples/`` folders, so there is one copy of each file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["criteria_dir", "example_assessment_path"]

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _packaged(*parts: str) -> Path | None:
    base = resources.files("samvalg").joinpath("_data", *parts)
    path = Path(str(base))
    return path if path.exists() else None


def criteria_dir() -> Path:
    """Folder holding the shipped catalogue TOML files."""
    found = _packaged("criteria")
    if found is not None:
        return found
    path = _REPO_ROOT / "criteria"
    if not path.is_dir():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"samvalg's catalogues are missing: looked in {path}")
    return path


def example_assessment_path() -> Path:
    """The shipped illustrative assessment (``examples/example_assessment.toml``)."""
    found = _packaged("example_assessment.toml")
    if found is not None:
        return found
    path = _REPO_ROOT / "examples" / "example_assessment.toml"
    if not path.is_file():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"samvalg's example assessment is missing: looked in {path}")
    return path
