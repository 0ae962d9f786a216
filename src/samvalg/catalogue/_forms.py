"""Catalogue models of the cooperation forms and their legal facts, and of the service areas."""

from __future__ import annotations

from samvalg.catalogue._base import (
    AuthorityLevel,
    EnkeltvedtakValue,
    EntityValue,
    Id,
    PrincipleValue,
    ServiceGroup,
    Text,
    _Model,
)

__all__ = [
    "CooperationForm",
    "EnkeltvedtakFact",
    "EntityFact",
    "FormFacts",
    "LawRef",
    "LegalFact",
    "NonDelegable",
    "PrincipleFact",
    "PublicAuthority",
    "ServiceArea",
]


class LegalFact(_Model):
    """One legal fact with the section it rests on.

    Attributes
    ----------
    value : str
        The fact (a code such as ``"yes"`` or, for free-text facts, bokmål text).
    value_en : str
        English text for free-text facts; empty for coded facts.
    section : str
        The law and section, e.g. ``"koml. § 19-1 (2)"``.
    note : str
        Explanation or caveat.
    uncertain : bool
        True when the fact is not verified against the law text.
    """

    value: Text
    value_en: str = ""
    section: Text
    note: str = ""
    uncertain: bool


class EntityFact(LegalFact):
    """Whether the cooperation is its own legal entity."""

    value: EntityValue


class EnkeltvedtakFact(LegalFact):
    """Whether the form may be given authority to make enkeltvedtak, with the exceptions."""

    value: EnkeltvedtakValue
    exceptions: tuple[str, ...] = ()


class PrincipleFact(LegalFact):
    """Whether matters of prinsipiell betydning may be delegated to the form."""

    value: PrincipleValue


class FormFacts(_Model):
    """The legal capabilities of a cooperation form."""

    legal_entity: EntityFact
    enkeltvedtak: EnkeltvedtakFact
    principle_matters: PrincipleFact
    governing_body: LegalFact
    employer: LegalFact
    exit: LegalFact
    liability: LegalFact
    control: LegalFact | None = None
    procurement: LegalFact | None = None


class CooperationForm(_Model):
    """A cooperation form (kommuneloven § 17-1) or ``egen_drift``/``fagnettverk``.

    ``has_host`` marks forms written ``form:host`` in an option; ``formal`` marks forms the model
    criteria apply to (all but ``egen_drift`` and ``fagnettverk``).
    """

    id: Id
    name_nb: Text
    name_en: Text
    law: Text
    section: Text
    has_host: bool
    formal: bool
    description_nb: str = ""
    description_en: str = ""
    facts: FormFacts

    @property
    def legal_entity(self) -> EntityFact:
        """Own legal entity: ``yes``/``no``/``optional`` with its section."""
        return self.facts.legal_entity

    @property
    def may_make_enkeltvedtak(self) -> EnkeltvedtakFact:
        """May make enkeltvedtak: ``yes``/``no``/``limited`` with section and exceptions."""
        return self.facts.enkeltvedtak

    @property
    def principle_matters(self) -> PrincipleFact:
        """Matters of principle may be delegated: ``yes``/``no``/``n/a``."""
        return self.facts.principle_matters

    @property
    def governing_body(self) -> LegalFact:
        """The governing body."""
        return self.facts.governing_body

    @property
    def employer(self) -> LegalFact:
        """Who employs the staff."""
        return self.facts.employer

    @property
    def exit(self) -> LegalFact:
        """Exit and dissolution rules."""
        return self.facts.exit

    @property
    def liability(self) -> LegalFact:
        """The participants' liability."""
        return self.facts.liability


# --------------------------------------------------------------------------- services
class PublicAuthority(_Model):
    """How much exercise of public authority a service involves, and which decisions."""

    value: AuthorityLevel
    decisions: tuple[str, ...] = ()
    section: Text
    note: str = ""
    uncertain: bool


class LawRef(_Model):
    """A law a service rests on, with the relevant sections."""

    name: Text
    section: Text
    note: str = ""
    uncertain: bool


class NonDelegable(_Model):
    """A decision that no cooperation form may take over."""

    decision_nb: Text
    decision_en: Text
    section: Text
    uncertain: bool


class ServiceArea(_Model):
    """A service area (tjenesteområde) and its legal traits."""

    id: Id
    name_nb: Text
    name_en: Text
    group: ServiceGroup
    public_authority: PublicAuthority
    laws: tuple[LawRef, ...] = ()
    non_delegable: tuple[NonDelegable, ...] = ()
    notes: str = ""
