"""Pydantic models of the catalogue files in ``criteria/``.

Every model is frozen and forbids unknown keys, so a typo in a catalogue file fails loudly with
its key path. The models mirror the files one to one: the key path in an error message is the
path in the TOML file (ids of keyed tables such as ``[forms.vertskommune]`` are filled in from
the key by the loader).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import html
import string
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_serializer,
    field_validator,
    model_validator,
)

from samvalg.errors import SamvalgError

__all__ = [
    "PLACEHOLDERS",
    "Catalogue",
    "CooperationForm",
    "CriteriaSet",
    "Criterion",
    "Discrepancy",
    "EnkeltvedtakFact",
    "EntityFact",
    "FeasibilityRule",
    "FormFacts",
    "FormMatch",
    "GroupTotal",
    "LawRef",
    "LegalFact",
    "Municipality",
    "NonDelegable",
    "OtherStaff",
    "PairEntry",
    "Population",
    "PopulationEntry",
    "PrincipleFact",
    "Provenance",
    "PublicAuthority",
    "Region",
    "ServiceArea",
    "ServiceMatch",
    "StaffingEntry",
    "StaffingGroup",
    "render",
    "text_context",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["ok", "conditional", "infeasible"]
AuthorityLevel = Literal["no", "partly", "yes"]
EntityValue = Literal["yes", "no", "optional"]
EnkeltvedtakValue = Literal["yes", "no", "limited"]
PrincipleValue = Literal["yes", "no", "n/a"]
ServiceGroup = Literal["administrativ", "samfunnsutvikling"]

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


# --------------------------------------------------------------------------- criteria
class Criterion(_Model):
    """One criterion: exact Norwegian wording, English, what a high score means, its source.

    ``direction`` is ``"benefit"`` when a higher score is better (all shipped criteria).
    ``set_id`` is filled in by the loader from the set the criterion is listed under.
    """

    id: Id
    name_nb: Text
    name_en: Text
    description_nb: Text
    description_en: Text
    direction: Literal["benefit", "cost"]
    source: Text
    set_id: Id


class CriteriaSet(_Model):
    """An ordered criteria set (``strategy``, ``gains`` or ``model``)."""

    id: Id
    name_nb: Text
    name_en: Text
    source: Text
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def ids(self) -> tuple[str, ...]:
        """Criterion ids in set order."""
        return tuple(c.id for c in self.criteria)


# --------------------------------------------------------------------------- forms
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


# --------------------------------------------------------------------------- municipalities
class PopulationEntry(_Model):
    """A population figure with its date and source."""

    value: int = Field(gt=0)
    date: _dt.date
    source: Text
    note: str = ""
    uncertain: bool


class Population(_Model):
    """Dated population figures of one municipality; :meth:`latest` is the newest.

    ``value``, ``date`` and ``source`` are those of the newest entry.
    """

    entries: tuple[PopulationEntry, ...] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _distinct_dates(cls, v: tuple[PopulationEntry, ...]) -> tuple[PopulationEntry, ...]:
        dates = [e.date for e in v]
        if len(set(dates)) != len(dates):
            raise ValueError("two population entries have the same date")
        return tuple(sorted(v, key=lambda e: e.date))

    def latest(self) -> PopulationEntry:
        """The newest entry."""
        return self.entries[-1]

    def as_of(self, date: _dt.date) -> PopulationEntry | None:
        """The newest entry dated on or before ``date`` (``None`` if there is none)."""
        found = [e for e in self.entries if e.date <= date]
        return found[-1] if found else None

    @property
    def value(self) -> int:
        """Newest population figure."""
        return self.latest().value

    @property
    def date(self) -> _dt.date:
        """Date of the newest figure."""
        return self.latest().date

    @property
    def source(self) -> str:
        """Source of the newest figure."""
        return self.latest().source


class _Staff(_Model):
    fte: Decimal = Field(ge=0)
    nok: int = Field(ge=0)

    @field_serializer("fte", when_used="json")
    def _fte_json(self, v: Decimal) -> float:
        return float(v)


class StaffingEntry(_Staff):
    """Today's staffing of one municipality in one staffing group (budget 2025).

    ``fte`` is an exact :class:`~decimal.Decimal` (årsverk), ``nok`` the wage cost including
    social costs, ``age_min``/``age_max`` the printed age range (equal when one age is printed).
    """

    group: Id
    age_min: int | None = Field(default=None, ge=15, le=80)
    age_max: int | None = Field(default=None, ge=15, le=80)
    note: str = ""

    @model_validator(mode="after")
    def _ages(self) -> StaffingEntry:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) is greater than age_max ({self.age_max})")
        return self


class OtherStaff(_Staff):
    """Staff noted beside a staffing table but not part of its totals."""

    group: Id
    name_nb: Text
    name_en: Text
    note: str = ""


class GroupTotal(_Staff):
    """The printed TOTALT row of a staffing table."""


class Discrepancy(_Model):
    """A known difference between a printed total and the sum of its rows.

    The loader checks ``sum of rows + discrepancy == printed total`` exactly, so only the
    documented difference is tolerated.
    """

    fte: Decimal = Decimal(0)
    nok: int = 0
    note: Text

    @field_serializer("fte", when_used="json")
    def _fte_json(self, v: Decimal) -> float:
        return float(v)


class StaffingGroup(_Model):
    """A staffing table of the case: which services it covers and its printed total."""

    id: Id
    name_nb: Text
    name_en: Text
    services: tuple[Id, ...] = Field(min_length=1)
    source: Text
    group_total: GroupTotal
    printed_total_discrepancy: Discrepancy | None = None


class Municipality(_Model):
    """A participating municipality."""

    id: Id
    name: Text
    kommunenummer: Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
    population: Population
    staffing: tuple[StaffingEntry, ...] = ()
    other_staff: tuple[OtherStaff, ...] = ()

    def staffing_for(self, group: str) -> StaffingEntry | None:
        """The staffing entry of one staffing group, or ``None``."""
        for entry in self.staffing:
            if entry.group == group:
                return entry
        return None


class Region(_Model):
    """The municipalities together (the case's own total)."""

    name: Text
    population: PopulationEntry


# --------------------------------------------------------------------------- feasibility
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


# --------------------------------------------------------------------------- the catalogue
class Catalogue(_Model):
    """All catalogues: criteria sets, cooperation forms, service areas, municipalities, and the
    feasibility rules.

    Load it with :func:`samvalg.catalogue`; the loader validates every file and the references
    between them, so a :class:`Catalogue` is consistent.

    Attributes
    ----------
    criteria_sets : dict of str to CriteriaSet
        ``strategy``, ``gains``, ``model`` in file order.
    forms : dict of str to CooperationForm
    services : dict of str to ServiceArea
    municipalities : dict of str to Municipality
    staffing_groups : dict of str to StaffingGroup
        The staffing tables of the case with their printed totals.
    region : Region or None
        The municipalities together (the case's own population figure).
    feasibility_rules : dict of str to FeasibilityRule
        Generic rules of the legal screen, in file order.
    feasibility_pairs : dict of (str, str) to PairEntry
        Explicit verdicts keyed by ``(service_id, form_id)``.
    provenance : dict of str to Provenance
        Per file name.
    sources : dict of str to str
        Per file name, the path it was read from (shipped or user folder).
    """

    criteria_sets: dict[str, CriteriaSet]
    forms: dict[str, CooperationForm]
    services: dict[str, ServiceArea]
    municipalities: dict[str, Municipality]
    staffing_groups: dict[str, StaffingGroup]
    region: Region | None = None
    feasibility_rules: dict[str, FeasibilityRule]
    feasibility_pairs: dict[tuple[str, str], PairEntry]
    provenance: dict[str, Provenance]
    sources: dict[str, str]

    # -- look-ups -------------------------------------------------------------------------
    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id, from any set.

        Raises
        ------
        SamvalgError
            For an unknown id, naming the closest valid one.
        """
        for cs in self.criteria_sets.values():
            for c in cs.criteria:
                if c.id == criterion_id:
                    return c
        raise SamvalgError(_unknown("criterion", criterion_id, [c.id for c in self.all_criteria()]))

    def criteria_ids(self, set_id: str) -> tuple[str, ...]:
        """Criterion ids of one set, in set order."""
        try:
            return self.criteria_sets[set_id].ids
        except KeyError:
            raise SamvalgError(_unknown("criteria set", set_id, list(self.criteria_sets))) from None

    def all_criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, set by set in catalogue order."""
        return tuple(c for cs in self.criteria_sets.values() for c in cs.criteria)

    def set_of(self, criterion_id: str) -> str:
        """Id of the set a criterion belongs to."""
        return self.criterion(criterion_id).set_id

    def form(self, form_id: str) -> CooperationForm:
        """The form with this id (an option string ``form:host`` is accepted)."""
        fid = form_id.partition(":")[0]
        try:
            return self.forms[fid]
        except KeyError:
            raise SamvalgError(_unknown("cooperation form", fid, list(self.forms))) from None

    def service(self, service_id: str) -> ServiceArea:
        """The service area with this id."""
        try:
            return self.services[service_id]
        except KeyError:
            raise SamvalgError(_unknown("service area", service_id, list(self.services))) from None

    def municipality(self, municipality_id: str) -> Municipality:
        """The municipality with this id."""
        try:
            return self.municipalities[municipality_id]
        except KeyError:
            raise SamvalgError(
                _unknown("municipality", municipality_id, list(self.municipalities))
            ) from None

    def staffing_total(self, group_id: str) -> tuple[Decimal, int]:
        """Sum of the municipalities' rows of one staffing group: ``(fte, nok)``.

        Use this, not the printed ``group_total``, for computations: the case's printed total
        for ``arkiv_postmottak`` is 100 000 NOK above the sum of its rows (see
        ``printed_total_discrepancy``).
        """
        if group_id not in self.staffing_groups:
            raise SamvalgError(_unknown("staffing group", group_id, list(self.staffing_groups)))
        fte, nok = Decimal(0), 0
        for m in self.municipalities.values():
            entry = m.staffing_for(group_id)
            if entry is not None:
                fte += entry.fte
                nok += entry.nok
        return fte, nok

    # -- output ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO strings, FTE as floats)."""
        dump = self.model_dump(mode="json", exclude={"feasibility_pairs"})
        pairs: dict[str, dict[str, Any]] = {}
        for (sid, fid), entry in self.feasibility_pairs.items():
            pairs.setdefault(sid, {})[fid] = entry.model_dump(mode="json")
        dump["feasibility_pairs"] = pairs
        return dump

    def __repr__(self) -> str:
        n = sum(len(cs.criteria) for cs in self.criteria_sets.values())
        return (
            f"Catalogue(criteria_sets={list(self.criteria_sets)}, criteria={n}, "
            f"forms={len(self.forms)}, services={len(self.services)}, "
            f"municipalities={list(self.municipalities)})"
        )

    def __str__(self) -> str:
        return self.__repr__()

    def _repr_html_(self) -> str:
        e = html.escape
        rows = []
        for cs in self.criteria_sets.values():
            rows.append(
                f'<tr><th colspan="4" style="text-align:left">{e(cs.name_nb)} '
                f"[{e(cs.id)}] ({len(cs.criteria)})</th></tr>"
            )
            for i, c in enumerate(cs.criteria, 1):
                rows.append(
                    f"<tr><td>{i}</td><td><code>{e(c.id)}</code></td><td>{e(c.name_nb)}</td>"
                    f"<td>{e(c.name_en)}</td></tr>"
                )
        forms = "".join(
            f"<tr><td><code>{e(f.id)}</code></td><td>{e(f.name_nb)}</td>"
            f"<td>{e(f.facts.legal_entity.value)}</td><td>{e(f.facts.enkeltvedtak.value)} "
            f"({e(f.facts.enkeltvedtak.section)})</td></tr>"
            for f in self.forms.values()
        )
        services = "".join(
            f"<tr><td><code>{e(s.id)}</code></td><td>{e(s.name_nb)}</td><td>{e(s.group)}</td>"
            f"<td>{e(s.public_authority.value)}</td></tr>"
            for s in self.services.values()
        )
        munis = "".join(
            f"<tr><td><code>{e(m.id)}</code></td><td>{e(m.name)}</td><td>{e(m.kommunenummer)}</td>"
            f"<td>{m.population.value} ({m.population.date.isoformat()})</td></tr>"
            for m in self.municipalities.values()
        )
        return (
            "<div><strong>samvalg-katalog</strong>"
            "<table><thead><tr><th>#</th><th>id</th><th>Kriterium</th><th>Criterion</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
            "<table><thead><tr><th>id</th><th>Samarbeidsform</th><th>Eget rettssubjekt</th>"
            f"<th>Enkeltvedtak</th></tr></thead><tbody>{forms}</tbody></table>"
            "<table><thead><tr><th>id</th><th>Tjenesteområde</th><th>Gruppe</th>"
            f"<th>Myndighetsutøvelse</th></tr></thead><tbody>{services}</tbody></table>"
            "<table><thead><tr><th>id</th><th>Kommune</th><th>Kommunenr.</th>"
            f"<th>Folketall</th></tr></thead><tbody>{munis}</tbody></table></div>"
        )


def _unknown(kind: str, value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {kind} {value!r}{hint} (allowed: {', '.join(allowed)})"
