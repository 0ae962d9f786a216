"""JSON Schemas of the catalogue files, generated from the models of :mod:`._schema`.

One bundle describes all five files. ``$defs`` holds one schema per file, keyed by the file
name (``"$defs": {"forms.toml": ...}``; a tool refers to ``catalogue.schema.json#/$defs/
forms.toml``), beside the shared table schemas keyed by model name. The bundle's root accepts
any one catalogue file (``oneOf`` the five: each requires its own tables and forbids the
others'), so the whole document can be given to a validator as it is.

The models describe the loaded catalogue, so a few fields are filled in by the loader rather
than written in a file: the ``id`` of a keyed table (``[forms.iks]`` -> ``id = "iks"``), a
criterion's ``set_id`` and a pair's ``service`` and ``form``. The file schemas leave those
out (:data:`FILLED_IN`). The cross-checks between files (ids that must exist, staffing sums,
every (service, form) pair covered, placeholders in rule text) are the loader's alone.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import models_json_schema

from samvalg.catalogue._base import Provenance
from samvalg.catalogue._case import Case
from samvalg.catalogue._criteria import CriteriaSet
from samvalg.catalogue._files import FILES
from samvalg.catalogue._forms import CooperationForm, ServiceArea
from samvalg.catalogue._municipalities import Municipality, Region, StaffingGroup
from samvalg.catalogue._rules import FeasibilityRule, PairEntry

__all__ = ["FILE_MODELS", "FILLED_IN", "SCHEMA_ID", "catalogue_schema"]

SCHEMA_ID = "urn:samvalg:schema:catalogue:1"
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
_CONFIG = ConfigDict(extra="forbid", frozen=True)

FILLED_IN: dict[str, tuple[str, ...]] = {
    "CriteriaSet": ("id",),
    "Criterion": ("set_id",),
    "CooperationForm": ("id",),
    "ServiceArea": ("id",),
    "Municipality": ("id",),
    "StaffingGroup": ("id",),
    "FeasibilityRule": ("id",),
    "PairEntry": ("service", "form"),
}
"""Model fields the loader fills in from the file's structure, per model (not in the files)."""

_CONDITIONAL = {
    "if": {"properties": {"status": {"const": "conditional"}}, "required": ["status"]},
    "then": {
        "required": ["condition_nb", "condition_en"],
        "properties": {"condition_nb": {"minLength": 1}, "condition_en": {"minLength": 1}},
    },
    "else": {"properties": {"condition_nb": {"maxLength": 0}, "condition_en": {"maxLength": 0}}},
}
"""A conditional rule states its condition in both languages; other rules state none."""


class _File(BaseModel):
    model_config = _CONFIG
    schema_version: Literal[1] = Field(description="The file format version: 1.")
    provenance: Provenance = Field(description="Where the file's content comes from.")


class CriteriaSetsFile(_File):
    """criteria_sets.toml: the criteria sets, each an ordered list of criteria."""

    sets: dict[Id, CriteriaSet] = Field(
        description="[sets.<id>]: one table per criteria set, in the order of the analysis."
    )


class FormsFile(_File):
    """forms.toml: the cooperation forms (kommuneloven § 17-1) and their legal facts."""

    forms: dict[Id, CooperationForm] = Field(description="[forms.<id>]: one table per form.")


class ServicesFile(_File):
    """services.toml: the service areas and their legal traits."""

    services: dict[Id, ServiceArea] = Field(
        description="[services.<id>]: one table per service area."
    )


class MunicipalitiesFile(_File):
    """municipalities.toml: the municipalities, their population and today's staffing."""

    municipalities: dict[Id, Municipality] = Field(
        description="[municipalities.<id>]: one table per municipality."
    )
    staffing_groups: dict[Id, StaffingGroup] | None = Field(
        None, description="[staffing_groups.<id>]: the staffing tables and their printed totals."
    )
    region: Region | None = Field(None, description="The municipalities together.")
    case: Case | None = Field(
        None,
        description="The case as data: title, document, budget year, principles, savings "
        "evidence, decisions, cost control (each with its source; every part optional).",
    )


class FeasibilityFile(_File):
    """feasibility.toml: the legal screen, generic rules and explicit (service, form) pairs."""

    rules: dict[Id, FeasibilityRule] = Field(
        description="[rules.<id>]: generic rules, service traits x form capabilities."
    )
    pairs: dict[Id, dict[Id, PairEntry]] | None = Field(
        None, description="[pairs.<service>.<form>]: explicit verdicts for single pairs."
    )


FILE_MODELS: dict[str, type[_File]] = {
    "criteria_sets.toml": CriteriaSetsFile,
    "forms.toml": FormsFile,
    "services.toml": ServicesFile,
    "municipalities.toml": MunicipalitiesFile,
    "feasibility.toml": FeasibilityFile,
}
"""The model of each catalogue file."""


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema bundle (draft 2020-12) of the five catalogue files.

    Returns
    -------
    dict
        ``$defs[<file name>]`` is the schema of that file; the root accepts any one of them.

    Raises
    ------
    RuntimeError
        If the models and :data:`~samvalg.catalogue.FILES` disagree about the files, or a field
        in :data:`FILLED_IN` is no longer in its model.
    """
    from samvalg._json_schema import DIALECT, FileJsonSchema, one_line

    if list(FILE_MODELS) != list(FILES):
        raise RuntimeError(f"catalogue file models {list(FILE_MODELS)} != FILES {list(FILES)}")
    for name, model in FILE_MODELS.items():
        tables = [k for k in model.model_fields if k not in ("schema_version", "provenance")]
        if tables != list(FILES[name]):
            raise RuntimeError(
                f"{name}: the model has tables {tables}, the loader {list(FILES[name])}"
            )
    _, top = models_json_schema(
        [(m, "validation") for m in FILE_MODELS.values()], schema_generator=FileJsonSchema
    )
    defs: dict[str, Any] = top["$defs"]
    for model_name, fields in FILLED_IN.items():
        d = defs[model_name]
        for f in fields:
            if f not in d["properties"]:
                raise RuntimeError(f"{model_name}.{f} is not a field any more: update FILLED_IN")
            del d["properties"][f]
            d["required"] = [r for r in d.get("required", []) if r != f]
        if not d["required"]:
            del d["required"]
    for model_name in ("FeasibilityRule", "PairEntry"):
        defs[model_name].update(_CONDITIONAL)
    renamed = {m.__name__: name for name, m in FILE_MODELS.items()}
    out_defs = {renamed.get(k, k): v for k, v in defs.items()}
    text = _retarget(out_defs, {f"#/$defs/{old}": f"#/$defs/{new}" for old, new in renamed.items()})
    schema: dict[str, Any] = one_line(
        {
            "$schema": DIALECT,
            "$id": SCHEMA_ID,
            "title": "samvalg catalogue files",
            "description": "One schema per catalogue file in $defs, keyed by the file name "
            "(criteria_sets.toml, forms.toml, services.toml, municipalities.toml, "
            "feasibility.toml); the root accepts any one of them. Cross-file "
            "checks are made by samvalg.catalogue(DIR) only.",
            "oneOf": [{"$ref": f"#/$defs/{name}"} for name in FILE_MODELS],
            "$defs": dict(sorted(text.items())),
        }
    )
    return schema


def _retarget(node: Any, refs: dict[str, str]) -> Any:
    """`node` with every ``$ref`` in `refs` replaced."""
    if isinstance(node, dict):
        return {k: refs.get(v, v) if k == "$ref" else _retarget(v, refs) for k, v in node.items()}
    if isinstance(node, list):
        return [_retarget(v, refs) for v in node]
    return node
