"""Helpers shared by the CLI sub-commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["load_assessment_or_example"]


def load_assessment_or_example(file: Path | None) -> Any:
    """The assessment in ``file``, or the shipped illustrative example when ``file`` is None."""
    import samvalg

    if file is None:
        return samvalg.example_assessment()
    return samvalg.load_assessment(file)
