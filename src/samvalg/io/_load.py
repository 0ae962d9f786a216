"""The one way in for an assessment: :func:`load_assessment` reads a TOML file, a scoring
workbook or a mapping (a CSV file is refused: it holds one score matrix)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from samvalg.assessment import Assessment, from_mapping
from samvalg.catalogue import Catalogue
from samvalg.catalogue import catalogue as load_catalogue
from samvalg.errors import Problem, ValidationError
from samvalg.io.csv import refuse_assessment
from samvalg.io.toml import read_toml
from samvalg.io.xlsx import SUFFIXES as WORKBOOK_SUFFIXES
from samvalg.io.xlsx import load_workbook_assessment

__all__ = ["load_assessment"]


def load_assessment(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    catalogue: Catalogue | str | os.PathLike[str] | None = None,
) -> Assessment:
    """Load and validate an assessment from a TOML file, a scoring workbook or a mapping.

    Every problem in the input is collected and reported at once, each with its file, key
    path (``services.lonn.scores."vertskommune:melhus".fagmiljo``), what was found and what is
    allowed. The file is only read, never changed.

    Hostile input is refused with a located problem, not a traceback: only a regular file of
    at most 20 MB is read (a device, FIFO or folder is refused before reading), tables and
    lists nest at most 32 levels, and no key or text may hold a control, escape or
    text-direction character (tabs and line breaks are allowed in ``description`` and
    ``rationale``).

    Parameters
    ----------
    source : path or mapping
        A ``.toml`` file in the format of ``examples/example_assessment.toml`` (schema version
        1), a ``.xlsx`` scoring workbook (:func:`samvalg.io.write_template`; problems located
        at sheet and cell), or a mapping with the same structure (reported as ``"<python>"``;
        validated by :func:`samvalg.assessment.from_mapping`). A ``.csv`` file holds one score
        matrix, not an assessment: it is refused, pointing to :func:`samvalg.io.read_csv`.
    catalogue : Catalogue or path, optional
        The catalogue the ids are checked against (default: the shipped one); a path is read
        with :func:`samvalg.catalogue`.

    Returns
    -------
    Assessment
        Frozen; scales for every criteria set (default 1..5) and weights for every set (default
        equal).

    Raises
    ------
    samvalg.errors.ValidationError
        With one :class:`~samvalg.errors.Problem` per mistake found.

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.load_assessment(samvalg._resources.example_assessment_path())
    >>> "lonn" in a.services
    True
    """
    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(catalogue)
    if isinstance(source, Mapping):
        return from_mapping(source, source="<python>", catalogue=cat)
    if not isinstance(source, str | os.PathLike):
        raise ValidationError(
            [
                Problem(
                    "<argument>",
                    "source",
                    f"expected a file path or a mapping, found {type(source).__name__}",
                    "a .toml path, or a dict in the file's structure",
                )
            ]
        )
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        refuse_assessment(path)
    if suffix in WORKBOOK_SUFFIXES:
        return load_workbook_assessment(path, catalogue=cat)
    return from_mapping(read_toml(path), source=path.name or str(path), catalogue=cat)
