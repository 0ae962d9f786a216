"""The case itself as data: its title and document, the budget year of its figures, the
principles the councils set, the savings evidence it cites, a project grant it reports, the
decisions it asks for and the cost-control principle (``[case]`` in municipalities.toml).

Everything a briefing says about *this* case (rather than about the method) comes from here,
each item with its source, so another region's case names nothing of the shipped one. Every
table is optional: a case without savings evidence gets a briefing without a savings section.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from samvalg.catalogue._base import Id, Text, _Model

__all__ = [
    "Case",
    "CaseDecision",
    "CasePrinciple",
    "ProjectGrant",
    "SavingsEvidence",
    "SavingsRange",
]


class CasePrinciple(_Model):
    """A principle the councils have set for the work (e.g. equality between the
    municipalities), with where they set it."""

    id: Id
    name_nb: Text
    name_en: Text
    source: Text


class SavingsEvidence(_Model):
    """One outside example of savings that the case cites (never a forecast for this case).

    ``services`` are the service areas of this catalogue that the example covered; a staffing
    group is counted as covered when one of its services is. ``share`` is the saving in
    full-time positions the example reports.
    """

    id: Id
    name: Text
    share: float = Field(gt=0, lt=1)
    covers_nb: Text
    covers_en: Text
    services: tuple[Id, ...] = ()
    source: Text
    note_nb: str = ""
    note_en: str = ""


class SavingsRange(_Model):
    """A range of savings the case reports from other cooperations (low and high end)."""

    low: float = Field(ge=0, lt=1)
    high: float = Field(gt=0, lt=1)
    source: Text

    @model_validator(mode="after")
    def _ordered(self) -> SavingsRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is greater than high ({self.high})")
        return self


class ProjectGrant(_Model):
    """A grant the municipalities received for the project as a whole (whole kroner), with
    where the case reports it. :func:`samvalg.economics.scenario_analysis` can count it as
    income in year 0 (``include_grant=True``)."""

    nok: int = Field(gt=0)
    source: Text


class CaseDecision(_Model):
    """A point of the proposed decision (innstilling): what the councils are asked to decide,
    when its result is due, and where it is written."""

    id: Id
    text_nb: Text
    text_en: Text
    due_nb: str = ""
    due_en: str = ""
    source: Text


class Case(_Model):
    """The case: title, document, the year of its figures, principles, evidence, decisions.

    Attributes
    ----------
    title_nb, title_en : str
        The case's own title (a project name), shown as the briefing's subtitle.
    document : str
        The case document as cited in the sources.
    budget_year : int or None
        The year of the staffing tables' wage costs.
    principles : tuple of CasePrinciple
        Principles the councils set (shown beside the hosting balance).
    savings_evidence : tuple of SavingsEvidence
        Outside examples of savings the case cites (empty: the briefing has no savings section).
    savings_range : SavingsRange or None
        A reported range of savings in other cooperations.
    project_grant : ProjectGrant or None
        A grant for the whole project, as the case reports it.
    decisions : tuple of CaseDecision
        The points of the proposed decision the briefing should serve.
    model_choice_deferred_nb, model_choice_deferred_en : str
        Where the case defers the choice of model, in its own words (empty: not deferred).
    cost_control : CasePrinciple or None
        The cost-control principle (costs of the cooperation must not grow faster than the
        rest of the municipalities' services), checked by the economics.
    """

    title_nb: Text
    title_en: Text
    document: Text
    budget_year: int | None = Field(default=None, ge=1900, le=2200)
    principles: tuple[CasePrinciple, ...] = ()
    savings_evidence: tuple[SavingsEvidence, ...] = ()
    savings_range: SavingsRange | None = None
    project_grant: ProjectGrant | None = None
    decisions: tuple[CaseDecision, ...] = ()
    model_choice_deferred_nb: str = ""
    model_choice_deferred_en: str = ""
    model_choice_source: str = ""
    cost_control: CasePrinciple | None = None
