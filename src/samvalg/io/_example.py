"""The shipped, clearly labelled illustrative assessment (``examples/example_assessment.toml``)."""

from __future__ import annotations

import functools

from samvalg._resources import example_assessment_path
from samvalg.assessment import Assessment, from_mapping
from samvalg.errors import SamvalgError
from samvalg.io.toml import read_toml

__all__ = ["example_assessment"]


@functools.cache
def example_assessment() -> Assessment:
    """The shipped, clearly labelled illustrative assessment (cached).

    Its scores are made up to show the method; ``meta.illustrative`` is ``True``.

    Examples
    --------
    >>> import samvalg
    >>> samvalg.example_assessment().meta.illustrative
    True
    """
    path = example_assessment_path()
    a = from_mapping(read_toml(path), source=path.name)
    if not a.meta.illustrative:
        raise SamvalgError("the shipped example assessment must set meta.illustrative = true")
    return a
