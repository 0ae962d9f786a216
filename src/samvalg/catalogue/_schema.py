"""The catalogue as one validated model: :class:`Catalogue` and its look-ups.

Every catalogue model is frozen and forbids unknown keys, so a typo in a catalogue file fails
loudly with its key path. The models mirror the files one to one (``_criteria``, ``_forms``,
``_municipalities``, ``_rules``; shared pieces in ``_base``): the key path in an error message
is the path in the TOML file (ids of keyed tables such as ``[forms.vertskommune]`` are filled
in from the key by the loader).
"""

from __future__ import annotations

import difflib
import html
from decimal import Decimal
from typing import Any

from samvalg.catalogue._base import Provenance, _Model
from samvalg.catalogue._case import Case
from samvalg.catalogue._criteria import CriteriaSet, Criterion
from samvalg.catalogue._forms import CooperationForm, ServiceArea
from samvalg.catalogue._municipalities import Municipality, Region, StaffingGroup
from samvalg.catalogue._rules import FeasibilityRule, PairEntry
from samvalg.errors import SamvalgError

__all__ = ["Catalogue"]


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
    case : Case or None
        The case as data (``[case]`` in municipalities.toml): title, document, budget year,
        principles, savings evidence, decisions, cost control; each with its source.
    feasibility_rules : dict of str to FeasibilityRule
        Generic rules of the legal screen, in file order.
    feasibility_pairs : dict of (str, str) to PairEntry
        Explicit verdicts keyed by ``(service_id, form_id)``.
    provenance : dict of str to Provenance
        Per file name.
    sources : dict of str to str
        Per file name, the path it was read from (shipped or user folder).
    notes : tuple of str
        What the loader adjusted rather than refused, one line each: the shipped feasibility
        pairs and rules skipped because they name service areas or forms a user's catalogue
        does not have. Empty for the shipped catalogue.
    """

    criteria_sets: dict[str, CriteriaSet]
    forms: dict[str, CooperationForm]
    services: dict[str, ServiceArea]
    municipalities: dict[str, Municipality]
    staffing_groups: dict[str, StaffingGroup]
    region: Region | None = None
    case: Case | None = None
    feasibility_rules: dict[str, FeasibilityRule]
    feasibility_pairs: dict[tuple[str, str], PairEntry]
    provenance: dict[str, Provenance]
    sources: dict[str, str]
    notes: tuple[str, ...] = ()

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
