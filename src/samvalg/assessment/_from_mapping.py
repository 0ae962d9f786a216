"""The public validator: :func:`from_mapping` turns a mapping in file form into an
:class:`~samvalg.assessment.Assessment` (reading files is :mod:`samvalg.io`'s job)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from samvalg.assessment._assessment import Assessment
from samvalg.assessment._validate import validate_mapping
from samvalg.catalogue import Catalogue
from samvalg.catalogue import catalogue as load_catalogue

__all__ = ["from_mapping"]


def from_mapping(
    data: Mapping[str, Any],
    *,
    source: str = "<python>",
    catalogue: Catalogue | str | os.PathLike[str] | None = None,
) -> Assessment:
    """Validate a mapping in the structure of an assessment file into an :class:`Assessment`.

    Every problem is collected and reported at once, each at its key path
    (``services.lonn.scores."vertskommune:melhus".fagmiljo``, also as the structured
    :attr:`~samvalg.errors.Problem.path`), with what was found and what is allowed. NumPy
    scalars and arrays, tuples and :class:`Option` values are accepted as their plain form.
    Reading files is :func:`samvalg.load_assessment`'s job; this is the validator behind it.

    Parameters
    ----------
    data : mapping
        ``schema_version``, ``meta``, ``scales``, ``weights``, ``services`` and optionally
        ``stakeholders``, ``derived``, ``economics`` (format: ``examples/example_assessment.toml``).
    source : str
        The name problems are reported against (a file name, or ``"<python>"``).
    catalogue : Catalogue or path, optional
        The catalogue the ids are checked against (default: the shipped one).

    Returns
    -------
    Assessment

    Raises
    ------
    samvalg.errors.ValidationError
        With one :class:`~samvalg.errors.Problem` per mistake found.

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.assessment import from_mapping
    >>> a = samvalg.example_assessment()
    >>> from_mapping(a.to_dict()).to_dict() == a.to_dict()
    True
    """
    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(catalogue)
    return Assessment(**validate_mapping(data, source=source, catalogue=cat))
