"""The JSON Schema generator shared by the file schemas (assessment and catalogue).

pydantic's default output describes Python values; these tweaks make it describe TOML files
read as JSON (a TOML date becomes an ISO 8601 string):

* TOML has no null: an optional key is left out, never written as ``null``, so ``X | None``
  becomes ``X`` (and a default of ``None`` is not shown).
* Every union in the file models is of disjoint alternatives, so it is written as ``oneOf``
  (exactly one matches), which gives tools a sharper check than ``anyOf``.
* A table whose keys are ids (``dict[Id, X]``) gets ``propertyNames`` with the id pattern and
  ``additionalProperties`` = X, so a key that is not an id is rejected (pydantic writes
  ``patternProperties``, which lets any other key through unchecked).
* Field titles are left out (they only repeat the key); model titles and descriptions stay.
* A description is one line: the first paragraph of the docstring or text, whitespace joined
  (a NumPy-style "Attributes" section of a model's docstring is left out).
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["DIALECT", "FileJsonSchema", "one_line"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def one_line(node: Any) -> Any:
    """`node` with every ``description`` cut to its first paragraph on one line (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = " ".join(value.strip().split("\n\n")[0].split())
            else:
                one_line(value)
    elif isinstance(node, list):
        for value in node:
            one_line(value)
    return node


class FileJsonSchema(GenerateJsonSchema):
    """pydantic's JSON Schema generator, adapted to files (see the module docstring)."""

    def generate(
        self, schema: core_schema.CoreSchema, mode: JsonSchemaMode = "validation"
    ) -> JsonSchemaValue:
        schema_json = super().generate(schema, mode)
        one_line(schema_json)
        return schema_json

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def union_schema(self, schema: core_schema.UnionSchema) -> JsonSchemaValue:
        out = super().union_schema(schema)
        if "anyOf" in out:
            out["oneOf"] = out.pop("anyOf")
        return out

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        out = super().default_schema(schema)
        if out.get("default", 0) is None:
            del out["default"]
        return out

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        out = super().dict_schema(schema)
        patterns: dict[str, Any] | None = out.pop("patternProperties", None)
        if patterns:
            if len(patterns) != 1:  # pragma: no cover - not used by the file models
                raise ValueError("one key pattern per table expected")
            ((pattern, value),) = patterns.items()
            out["propertyNames"] = {"pattern": pattern}
            out["additionalProperties"] = value
        return out

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False
