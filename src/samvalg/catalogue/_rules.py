"""Catalogue models of the feasibility rules, and the rendering of their texts."""

from __future__ import annotations

import string

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from samvalg.catalogue._base import (
    PLACEHOLDERS,
    AuthorityLevel,
    EnkeltvedtakValue,
    EntityValue,
    Id,
    PrincipleValue,
    ServiceGroup,
    Status,
    Text,
    _Model,
)
from samvalg.catalogue._forms import CooperationForm, ServiceArea

__all__ = ["FeasibilityRule", "FormMatch", "PairEntry", "ServiceMatch", "render", "text_context"]


def _check_placeholders(text: str) -> str:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise ValueError(f"bad placeholder syntax: {exc}") from None
    bad = [f for f in fields if f not in PLACEHOLDERS]
    if bad:
        raise ValueError(
            f"unknown placeholder {{{bad[0]}}}; allowed: "
            + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        )
    return text


class _RuleBody(_Model):
    status: Status
    reason_nb: Text
    reason_en: Text
    condition_nb: str = ""
    condition_en: str = ""
    sections: tuple[Text, ...] = Field(min_length=1)
    uncertain: bool
    note: str = ""

    @field_validator("reason_nb", "reason_en", "condition_nb", "condition_en")
    @classmethod
    def _text_placeholders(cls, v: str) -> str:
        return _check_placeholders(v)

    @field_validator("sections")
    @classmethod
    def _section_placeholders(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for s in v:
            _check_placeholders(s)
        return v

    @model_validator(mode="after")
    def _conditions(self) -> _RuleBody:
        has = bool(self.condition_nb) or bool(self.condition_en)
        if self.status == "conditional" and not (self.condition_nb and self.condition_en):
            raise ValueError("a conditional rule needs condition_nb and condition_en")
        if self.status != "conditional" and has:
            raise ValueError(
                f"condition_nb/condition_en are only for status 'conditional', not {self.status!r}"
            )
        return self


class ServiceMatch(_Model):
    """Conditions on a service; every key given must match (``None`` = any)."""

    id: tuple[Id, ...] | None = None
    group: tuple[ServiceGroup, ...] | None = None
    public_authority: tuple[AuthorityLevel, ...] | None = None
    non_delegable: tuple[bool, ...] | None = None

    def matches(self, service: ServiceArea) -> bool:
        """True when ``service`` meets every condition."""
        return (
            (self.id is None or service.id in self.id)
            and (self.group is None or service.group in self.group)
            and (
                self.public_authority is None
                or service.public_authority.value in self.public_authority
            )
            and (self.non_delegable is None or bool(service.non_delegable) in self.non_delegable)
        )


class FormMatch(_Model):
    """Conditions on a cooperation form; every key given must match (``None`` = any)."""

    id: tuple[Id, ...] | None = None
    has_host: tuple[bool, ...] | None = None
    formal: tuple[bool, ...] | None = None
    legal_entity: tuple[EntityValue, ...] | None = None
    enkeltvedtak: tuple[EnkeltvedtakValue, ...] | None = None
    principle_matters: tuple[PrincipleValue, ...] | None = None

    def matches(self, form: CooperationForm) -> bool:
        """True when ``form`` meets every condition."""
        f = form.facts
        return (
            (self.id is None or form.id in self.id)
            and (self.has_host is None or form.has_host in self.has_host)
            and (self.formal is None or form.formal in self.formal)
            and (self.legal_entity is None or f.legal_entity.value in self.legal_entity)
            and (self.enkeltvedtak is None or f.enkeltvedtak.value in self.enkeltvedtak)
            and (
                self.principle_matters is None
                or f.principle_matters.value in self.principle_matters
            )
        )


class FeasibilityRule(_RuleBody):
    """A generic rule: service traits x form capabilities -> status with the legal reason."""

    id: Id
    when_service: ServiceMatch = ServiceMatch()
    when_form: FormMatch = FormMatch()

    def applies(self, service: ServiceArea, form: CooperationForm) -> bool:
        """True when the rule applies to the pair."""
        return self.when_service.matches(service) and self.when_form.matches(form)


class PairEntry(_RuleBody):
    """An explicit verdict for one (service, form) pair.

    With ``override = true`` it replaces the generic rules for the pair; otherwise it is combined
    with them.
    """

    service: Id
    form: Id
    override: bool = False


def text_context(service: ServiceArea, form: CooperationForm) -> dict[str, str]:
    """Values of the placeholders allowed in rule text (:data:`PLACEHOLDERS`)."""
    nd = service.non_delegable
    return {
        "service_nb": service.name_nb,
        "service_en": service.name_en,
        "form_nb": form.name_nb,
        "form_en": form.name_en,
        "enkeltvedtak_section": form.facts.enkeltvedtak.section,
        "principle_matters_section": form.facts.principle_matters.section,
        "legal_entity_section": form.facts.legal_entity.section,
        "non_delegable_nb": "; ".join(f"{d.decision_nb} ({d.section})" for d in nd),
        "non_delegable_en": "; ".join(f"{d.decision_en} ({d.section})" for d in nd),
        "non_delegable_sections": "; ".join(d.section for d in nd),
    }


def render(text: str, context: dict[str, str]) -> str:
    """Fill the placeholders of rule text (validated at load time)."""
    return text.format_map(context) if text else text
