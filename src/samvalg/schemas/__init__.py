"""JSON Schemas of samvalg's input files, for editors and other tools.

``assessment.schema.json`` describes an assessment TOML file and ``catalogue.schema.json`` the
catalogue TOML files (one schema per file in ``$defs``, keyed by the file name). Both follow
JSON Schema draft 2020-12 and describe the TOML files read as JSON (a TOML date becomes an ISO
8601 string). They are generated from samvalg's pydantic models by :func:`generate` and shipped
in the wheel; ``samvalg schema assessment|catalogue`` prints them and tests/test_schema.py
requires the shipped files to equal a fresh generation. A schema checks structure, keys and
types; the checks against the catalogue (ids, scales, complete cells) are made by
``samvalg validate``. See docs/formats.md.

Examples
--------
>>> from samvalg import schemas
>>> schemas.schema("assessment")["$id"]
'urn:samvalg:schema:assessment:1'
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Literal

__all__ = ["KINDS", "dumps", "generate", "schema", "text"]

KINDS: tuple[str, ...] = ("assessment", "catalogue")
"""The schemas samvalg ships."""

Kind = Literal["assessment", "catalogue"]


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown schema {kind!r} (allowed: {', '.join(KINDS)})")


def generate(kind: Kind) -> dict[str, Any]:
    """Generate a schema from the pydantic models (what the shipped file must equal).

    Parameters
    ----------
    kind : {"assessment", "catalogue"}

    Returns
    -------
    dict
        The JSON Schema.
    """
    _check(kind)
    if kind == "assessment":
        from samvalg.assessment._file_schema import assessment_schema

        return assessment_schema()
    from samvalg.catalogue._file_schema import catalogue_schema

    return catalogue_schema()


def dumps(document: dict[str, Any]) -> str:
    """A schema as the shipped files hold it: UTF-8 JSON, indent 2, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def text(kind: Kind) -> str:
    """The shipped schema file's text (``<kind>.schema.json``)."""
    _check(kind)
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")


def schema(kind: Kind) -> dict[str, Any]:
    """The shipped schema (read from the package; nothing is generated).

    Parameters
    ----------
    kind : {"assessment", "catalogue"}

    Returns
    -------
    dict
        The JSON Schema.

    Raises
    ------
    ValueError
        For another `kind`.
    """
    result: dict[str, Any] = json.loads(text(kind))
    return result
