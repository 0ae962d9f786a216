"""Shared pieces of the catalogue models: the frozen base model, id and text types, the
allowed values of legal facts, the placeholders of rule texts and :class:`Provenance`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
)

__all__ = [
    "PLACEHOLDERS",
    "AuthorityLevel",
    "EnkeltvedtakValue",
    "EntityValue",
    "Id",
    "PrincipleValue",
    "Provenance",
    "ServiceGroup",
    "Status",
    "Text",
]


Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["ok", "conditional", "infeasible"]
AuthorityLevel = Literal["no", "partly", "yes"]
EntityValue = Literal["yes", "no", "optional"]
EnkeltvedtakValue = Literal["yes", "no", "limited"]
PrincipleValue = Literal["yes", "no", "n/a"]
#: A service area's group: any id the catalogue uses (the shipped one uses ``administrativ`` and
#: ``samfunnsutvikling``; another case may group its areas as it likes, e.g. ``teknisk_drift``).
ServiceGroup = Id

#: Placeholders allowed in the text of feasibility rules (see :func:`text_context`).
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "service_nb",
        "service_en",
        "form_nb",
        "form_en",
        "enkeltvedtak_section",
        "principle_matters_section",
        "legal_entity_section",
        "non_delegable_nb",
        "non_delegable_en",
        "non_delegable_sections",
    }
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(_Model):
    """Where a catalogue file's content comes from."""

    document: Text
    section: Text
    date: Text
    notes: str = ""
