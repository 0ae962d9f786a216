"""The assessment: :class:`Assessment`, frozen; its score matrices, weights, changes and export."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg import weights as _weights
from samvalg._input_limits import check_tree
from samvalg.assessment._bundles import Bundle
from samvalg.assessment._derived import DerivedCriterion, EconomicsSettings
from samvalg.assessment._file_form import file_form, prune_overrides, replacement_in_file_form
from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._options import Option
from samvalg.assessment._records import SET_WEIGHTS_KEY, Meta, Stakeholder, WeightRecord
from samvalg.assessment._scales import Scale
from samvalg.assessment._scores import ScoreMatrix, ServiceAssessment
from samvalg.assessment._validate import validate_mapping
from samvalg.catalogue import Catalogue
from samvalg.catalogue import catalogue as load_catalogue
from samvalg.errors import Problem, SamvalgError, ValidationError, format_location

__all__ = ["Assessment", "shipped_catalogue"]


def shipped_catalogue() -> Catalogue:
    """The shipped catalogue (the default of :attr:`Assessment.catalogue`)."""
    return load_catalogue()


@dataclass(frozen=True, eq=False)
class Assessment:
    """A validated, immutable assessment: scores per service area x option x criterion, scales
    and weights. Build it with :func:`samvalg.load_assessment` (a file) or
    :func:`samvalg.assessment.from_mapping` (a mapping); change it with :meth:`replace`.

    Attributes
    ----------
    meta : Meta
        Title, ``illustrative`` flag, description, date, authors.
    scales : mapping of set id to Scale
        One per criteria set of the catalogue (default 1..5).
    weights : mapping of str to WeightRecord
        One per criteria set (local weights) plus ``"sets"`` (the set weights), mirroring
        ``[weights.*]`` in the file. Missing tables default to equal weights.
    services : mapping of service id to ServiceAssessment
        In file order.
    source : str
        File name, or ``"<python>"``.
    catalogue : Catalogue
        The catalogue the ids were checked against.
    stakeholders : mapping of str to Stakeholder
        ``[stakeholders.<id>]`` in file order (empty when the file has none); used by
        :mod:`samvalg.group`.
    derived : mapping of criterion id to DerivedCriterion
        Criteria whose scores are derived from the economics, not judged (``[derived]``;
        empty when the file has none). Their cells carry a generated rationale.
    economics : EconomicsSettings or None
        The ``[economics]`` scenario settings as given (``None`` when the file has none: the
        derivation then uses :mod:`samvalg.economics`' defaults).
    bundles : mapping of bundle id to Bundle
        ``[bundles.<id>]``: service areas to be organised in one cooperation (one option for
        all members), with the rule that combines their values (empty when the file has none).

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.example_assessment()
    >>> a.meta.illustrative
    True
    >>> sorted(a.set_weights()) == ["gains", "model", "strategy"]
    True
    """

    meta: Meta
    scales: Mapping[str, Scale]
    weights: Mapping[str, WeightRecord]
    services: Mapping[str, ServiceAssessment]
    source: str = "<python>"
    catalogue: Catalogue = field(default_factory=shipped_catalogue, repr=False)
    schema_version: int = 1
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    derived: Mapping[str, DerivedCriterion] = field(default_factory=dict)
    economics: EconomicsSettings | None = None
    bundles: Mapping[str, Bundle] = field(default_factory=dict)
    _matrices: dict[tuple[str, str], ScoreMatrix] = field(
        default_factory=dict, repr=False, compare=False
    )
    _objective: dict[tuple[str, str], NDArray[np.float64]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("scales", "weights", "services", "stakeholders", "derived", "bundles"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    # -- access ---------------------------------------------------------------------------

    @property
    def set_ids(self) -> tuple[str, ...]:
        """Criteria set ids in catalogue order."""
        return tuple(self.scales)

    def criteria(self, set_id: str) -> tuple[str, ...]:
        """Criterion ids of a set, in catalogue order."""
        self._check_set(set_id)
        return tuple(c.id for c in self.catalogue.criteria_sets[set_id].criteria)

    def is_derived(self, service_id: str, criterion: str) -> bool:
        """Whether the scores of `criterion` in `service_id` are derived, not judged.

        Examples
        --------
        >>> import samvalg
        >>> samvalg.example_assessment().is_derived("lonn", "okonomi_effektivisering")
        False
        """
        d = self.derived.get(criterion)
        return d is not None and d.applies_to(service_id)

    def derived_criteria(self, service_id: str | None = None) -> tuple[str, ...]:
        """The derived criteria (in `service_id` only, when given), in file order.

        Examples
        --------
        >>> import samvalg
        >>> samvalg.example_assessment().derived_criteria()
        ()
        """
        return tuple(
            c for c, d in self.derived.items() if service_id is None or d.applies_to(service_id)
        )

    def scale_of(self, criterion: str) -> Scale:
        """The scale of the criteria set `criterion` belongs to."""
        for set_id in self.set_ids:
            if criterion in self.criteria(set_id):
                return self.scales[set_id]
        raise SamvalgError(f"unknown criterion {criterion!r}")

    def _check_set(self, set_id: str) -> None:
        if set_id not in self.scales:
            raise SamvalgError(
                f"unknown criteria set {set_id!r}"
                + did_you_mean(set_id, self.scales)
                + f" (allowed: {', '.join(self.scales)})"
            )

    def _check_service(self, service_id: str) -> ServiceAssessment:
        if service_id not in self.services:
            raise SamvalgError(
                f"service {service_id!r} is not in the assessment"
                + did_you_mean(service_id, self.services)
                + f" (allowed: {', '.join(self.services)})"
            )
        return self.services[service_id]

    def view_weights(self, service: str, view: str) -> dict[str, float]:
        """The global criterion weights of one view of one service area.

        See :func:`samvalg.assessment.view_weights`: the weights the view's evaluation uses
        (set weights times local weights, renormalised over the view's criteria sets), computed
        without evaluating anything.

        Parameters
        ----------
        service : str
            A service area id.
        view : str
            ``"whether"``, ``"form"``, ``"combined"`` or one criteria set's id.

        Returns
        -------
        dict
            criterion id -> weight, summing to 1.
        """
        from samvalg.assessment._views import view_weights

        return view_weights(self, service, view)

    def matrix(self, service_id: str, set_id: str) -> ScoreMatrix:
        """The score matrix of a service area on a criteria set.

        Parameters
        ----------
        service_id : str
            Service area in the assessment.
        set_id : str
            Criteria set (``"strategy"``, ``"gains"``, ``"model"``).

        Returns
        -------
        ScoreMatrix
            Options x criteria (catalogue order), NaN where ``"na"``.

        Examples
        --------
        >>> import samvalg
        >>> M = samvalg.example_assessment().matrix("lonn", "model")
        >>> bool(M.applicable[M.option_ids.index("egen_drift")].any())
        False
        """
        key = (service_id, set_id)
        if key in self._matrices:
            return self._matrices[key]
        sa = self._check_service(service_id)
        self._check_set(set_id)
        criteria = self.criteria(set_id)
        m, n = len(sa.options), len(criteria)
        values = np.full((m, n), np.nan)
        low = np.full((m, n), np.nan)
        high = np.full((m, n), np.nan)
        rationale: list[tuple[str, ...]] = []
        for i, opt in enumerate(sa.options):
            cells = sa.scores[str(opt)]
            row = []
            for j, c in enumerate(criteria):
                s = cells[c]
                if s.value is not None:
                    values[i, j] = s.value
                    low[i, j], high[i, j] = s.interval
                row.append(s.rationale)
            rationale.append(tuple(row))
        types = np.array(
            [
                -1.0
                if getattr(self.catalogue.criterion(c), "direction", "benefit") == "cost"
                else 1.0
                for c in criteria
            ]
        )
        out = ScoreMatrix(
            service=service_id,
            set_id=set_id,
            options=sa.options,
            criteria=criteria,
            values=values,
            low=low,
            high=high,
            applicable=~np.isnan(values),
            rationale=tuple(rationale),
            scale=self.scales[set_id],
            types=types,
        )
        self._matrices[key] = out
        return out

    def weights_for(self, set_id: str, service_id: str | None = None) -> NDArray[np.float64]:
        """Local weights of a criteria set, in catalogue order, summing to 1.

        For ``method = "objective"`` the weights are computed from the service area's scores:
        the options for which every criterion of the set applies, their scores shifted so the
        scale's lower bound is 1 (``x - lower + 1``: positive, as entropy needs; the raw scores
        on a 1..5 scale), passed to :func:`samvalg.weights.objective` with the chosen measure
        (entropy, CRITIC or standard deviation; the last two are shift-invariant).
        `service_id` is then required; for the other methods it is accepted and ignored.

        Examples
        --------
        >>> import samvalg
        >>> w = samvalg.example_assessment().weights_for("gains")
        >>> round(float(w.sum()), 12)
        1.0
        """
        self._check_set(set_id)
        rec = self.weights[set_id]
        if service_id is not None:
            self._check_service(service_id)
        if rec.vector is not None:
            return rec.vector
        if service_id is None:
            raise SamvalgError(
                f"the weights of {set_id!r} are objective ({rec.input.get('measure')}): they "
                "depend on a service area's scores; call weights_for(set_id, service_id=...)"
            )
        key = (set_id, service_id)
        if key not in self._objective:
            self._objective[key] = _objective_weights(self, set_id, service_id, rec)
        return self._objective[key]

    def set_weights(self) -> dict[str, float]:
        """The set weights ``{set_id: weight}``, summing to 1.

        Examples
        --------
        >>> import samvalg
        >>> round(sum(samvalg.example_assessment().set_weights().values()), 12)
        1.0
        """
        return self.weights[SET_WEIGHTS_KEY].as_mapping()

    # -- change and export ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The assessment in file form (plain Python); ``load_assessment(a.to_dict())``
        rebuilds an equal assessment.

        Examples
        --------
        >>> import samvalg
        >>> d = samvalg.example_assessment().to_dict()
        >>> d["schema_version"], sorted(d)[:2]
        (1, ['meta', 'scales'])
        """
        return file_form(self)

    def replace(self, **changes: Any) -> Assessment:
        """A new assessment with some top-level parts replaced, validated again.

        Parameters
        ----------
        **changes
            ``meta``, ``scales``, ``weights``, ``services``, ``stakeholders``, ``derived``,
            ``economics`` and/or ``bundles``: domain objects (``Meta``, ``Scale``, ``WeightRecord``,
            ``ServiceAssessment``, ``Stakeholder``, ``DerivedCriterion``,
            ``EconomicsSettings``) or tables in file form. ``weights`` and ``scales`` replace the
            whole table: pass ``{**a.weights, "strategy": {"method": "equal"}}`` to change one
            set. When ``services`` is replaced and ``stakeholders`` is not, the stakeholders'
            score overrides of services and options no longer assessed are dropped; likewise,
            when ``services`` is replaced and ``bundles`` is not, a bundle with a member no
            longer assessed is dropped.

        Raises
        ------
        samvalg.errors.ValidationError
            If the result is not a valid assessment.

        Examples
        --------
        >>> import samvalg
        >>> a = samvalg.example_assessment()
        >>> b = a.replace(weights={**a.weights, "gains": {"method": "equal"}})
        >>> b.weights["gains"].method, b is a
        ('equal', False)
        """
        allowed = (
            "meta",
            "scales",
            "weights",
            "services",
            "stakeholders",
            "derived",
            "economics",
            "bundles",
        )
        unknown = [k for k in changes if k not in allowed]
        if unknown:
            raise ValidationError(
                Problem(
                    "<argument>",
                    k,
                    f"cannot replace {k!r}" + did_you_mean(k, allowed),
                    ", ".join(allowed),
                )
                for k in unknown
            )
        deep: list[Problem] = []
        if not check_tree(
            changes,
            lambda p, m, a: deep.append(Problem("<python>", format_location(p), m, a, tuple(p))),
            text=False,
        ):
            raise ValidationError(deep)
        data = self.to_dict()
        for key, value in changes.items():
            data[key] = replacement_in_file_form(key, value, self)
        if "services" in changes and "stakeholders" not in changes:
            prune_overrides(data)
        if "services" in changes and "bundles" not in changes and data.get("bundles"):
            # a bundle with a member no longer assessed is dropped (as the overrides above)
            kept = set(data["services"])
            data["bundles"] = {
                k: v
                for k, v in data["bundles"].items()
                if all(m in kept for m in v.get("services", ()))
            }
        if not data.get("bundles", True):
            del data["bundles"]
        if not data.get("stakeholders", True):
            del data["stakeholders"]
        return Assessment(**validate_mapping(data, source="<python>", catalogue=self.catalogue))

    def without_option(self, service_id: str, option: str | Option) -> Assessment:
        """A new assessment without one option of one service area (validated again).

        Useful to check that removing an option leaves the others' values unchanged. When
        `service_id` is in a bundle (``[bundles.<id>]``), the option leaves every member of the
        bundle (the members assess the same options).

        Examples
        --------
        >>> import samvalg
        >>> a = samvalg.example_assessment()
        >>> b = a.without_option("lonn", "egen_drift")
        >>> "egen_drift" in [str(o) for o in b.services["lonn"].options]
        False
        """
        sa = self._check_service(service_id)
        key = str(option)
        if key not in sa.scores:
            raise SamvalgError(
                f"option {key!r} is not assessed for {service_id!r}"
                + did_you_mean(key, sa.scores)
                + f" (allowed: {', '.join(sa.scores)})"
            )
        data = self.to_dict()
        # a bundle's members assess the same options: the option leaves every member
        members = next(
            (b.services for b in self.bundles.values() if service_id in b.services),
            (service_id,),
        )
        for sid in members:
            svc = data["services"][sid]
            svc["options"] = [o for o in svc["options"] if o != key]
            svc["scores"].pop(key, None)
        prune_overrides(data)
        return Assessment(**validate_mapping(data, source=self.source, catalogue=self.catalogue))

    # -- display --------------------------------------------------------------------------

    def __repr__(self) -> str:
        flag = ", illustrative" if self.meta.illustrative else ""
        return (
            f"Assessment({self.meta.title!r}{flag}, services=[{', '.join(self.services)}], "
            "weights={"
            + ", ".join(f"{k}: {r.method}" for k, r in self.weights.items())
            + "}"
            + (f", stakeholders=[{', '.join(self.stakeholders)}]" if self.stakeholders else "")
            + ")"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<h4>{esc(self.meta.title)}</h4>"]
        if self.meta.illustrative:
            parts.append("<p><b>Illustrativ / illustrative</b>: not an adopted assessment.</p>")
        if self.meta.description:
            parts.append(f"<p>{esc(self.meta.description)}</p>")
        rows = "".join(
            f"<tr><td>{esc(sid)}</td><td>{len(sa.options)}</td>"
            f"<td>{esc(', '.join(str(o) for o in sa.options))}</td></tr>"
            for sid, sa in self.services.items()
        )
        parts.append(f"<table><tr><th>service</th><th>options</th><th></th></tr>{rows}</table>")
        wrows = []
        for key, rec in self.weights.items():
            scale = f" (scale {esc(str(self.scales[key]))})" if key in self.scales else ""
            body = ", ".join(f"{esc(k)} {v:.3f}" for k, v in rec.as_mapping().items())
            if rec.vector is None:
                body = f"computed per service ({esc(str(rec.input.get('measure', '')))})"
            wrows.append(
                f"<tr><td>{esc(key)}{scale}</td><td>{esc(rec.method)}</td><td>{body}</td></tr>"
            )
        parts.append(
            f"<table><tr><th>weights</th><th>method</th><th></th></tr>{''.join(wrows)}</table>"
        )
        return "".join(parts)


def _objective_weights(
    a: Assessment, set_id: str, service_id: str, rec: WeightRecord
) -> NDArray[np.float64]:
    M = a.matrix(service_id, set_id)
    rows = M.applicable.all(axis=1)
    if rows.sum() < 2:
        raise SamvalgError(
            f"objective weights for {set_id!r} in {service_id!r} need at least 2 options where "
            f"every criterion applies; found {int(rows.sum())}"
        )
    X = M.values[rows] - M.scale.lower + 1.0
    measure = str(rec.input.get("measure", "entropy"))
    try:
        res = _weights.objective(X, M.types, method=measure, labels=M.criteria)
    except SamvalgError as exc:
        raise SamvalgError(
            f"objective weights ({measure}) for {set_id!r} in {service_id!r} cannot be "
            f"computed from its scores: {exc}"
        ) from exc
    out = np.array(res.vector, dtype=float)
    out.setflags(write=False)
    return out
