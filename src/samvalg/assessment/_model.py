"""The assessment's domain objects: options, scores, weights, score matrices, the assessment."""

from __future__ import annotations

import datetime
import difflib
import html
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Annotated, Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, Strict, StrictBool, StrictStr

from samvalg.assessment._scales import Scale, show
from samvalg.errors import Problem, SamvalgError, ValidationError, format_location

__all__ = [
    "FORMAL_ONLY_SETS",
    "Assessment",
    "Meta",
    "Option",
    "Score",
    "ScoreMatrix",
    "ServiceAssessment",
    "Stakeholder",
    "WeightRecord",
]

FORMAL_ONLY_SETS: tuple[str, ...] = ("model",)
"""Criteria sets that apply only to formal cooperation forms (``form.formal``): their cells are
``"na"`` for ``egen_drift`` and ``fagnettverk``."""

SET_WEIGHTS_KEY = "sets"
"""The key of the set weights in ``[weights]`` (``[weights.sets]``)."""


def closest(word: str, candidates: Any) -> str | None:
    """The closest candidate to `word` (difflib, cutoff 0.6), or ``None``."""
    found = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Any) -> str:
    """``"; did you mean 'x'?"`` or ``""``."""
    hit = closest(word, candidates)
    return f"; did you mean {hit!r}?" if hit is not None else ""


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A cooperation option for a service area: a form, plus a host for host-municipality forms.

    Written ``"form"`` or ``"form:host"`` (``"vertskommune:melhus"``); ``str(option)`` gives the
    same text back.

    Attributes
    ----------
    form : str
        Cooperation form id (``catalogue().forms``).
    host : str or None
        Host municipality id for forms with a host (``vertskommune``, ``vertskommune_nemnd``),
        ``None`` otherwise.

    Examples
    --------
    >>> o = Option.parse("vertskommune:melhus")
    >>> o.form, o.host, str(o)
    ('vertskommune', 'melhus', 'vertskommune:melhus')
    >>> str(Option("iks"))
    'iks'
    """

    form: str
    host: str | None = None

    def __str__(self) -> str:
        return self.form if self.host is None else f"{self.form}:{self.host}"

    @classmethod
    def parse(cls, text: str | Option, *, catalogue: Any = None, check: bool = True) -> Option:
        """Read ``"form"`` or ``"form:host"`` and check it against the catalogue.

        Parameters
        ----------
        text : str or Option
            The option as written.
        catalogue : Catalogue, optional
            Catalogue with the forms and municipalities (default: the shipped one).
        check : bool
            ``False`` checks only the syntax (no catalogue needed).

        Raises
        ------
        samvalg.errors.ValidationError
            Bad syntax, an unknown form or municipality (with the closest id), a host on a form
            without one, or a host-municipality form without its host.

        Examples
        --------
        >>> Option.parse("iks", check=False)
        Option(form='iks', host=None)
        """
        if isinstance(text, Option):
            text = str(text)
        if check and catalogue is None:
            from samvalg.catalogue import catalogue as load_catalogue

            catalogue = load_catalogue()
        option, problems = parse_option(text, catalogue if check else None)
        if option is None or problems:
            raise ValidationError(
                Problem("<argument>", "option", msg, allowed) for msg, allowed in problems
            )
        return option

    def label(self, lang: str = "nb", catalogue: Any = None) -> str:
        """Readable name, e.g. ``"Vertskommune (Melhus)"``."""
        from samvalg.text.labels import option_label

        return option_label(str(self), lang, catalogue)


def parse_option(text: Any, cat: Any) -> tuple[Option | None, list[tuple[str, str]]]:
    """Parse an option string; with a catalogue also check ids and host rules.

    Returns the option (``None`` when the syntax is wrong) and ``(message, allowed)`` pairs.
    """
    if not isinstance(text, str):
        return None, [
            (f'expected an option like "iks" or "vertskommune:melhus", found {show(text)}', "")
        ]
    parts = text.split(":")
    if len(parts) > 2 or not all(parts) or any(p != p.strip() for p in parts):
        return None, [
            (
                f"{show(text)} is not an option id",
                '"form" or "form:host", e.g. "iks", "vertskommune:melhus"',
            )
        ]
    option = Option(parts[0], parts[1] if len(parts) == 2 else None)
    if cat is None:
        return option, []
    problems: list[tuple[str, str]] = []
    form = cat.forms.get(option.form)
    if form is None:
        problems.append(
            (
                f"unknown cooperation form {option.form!r} in {show(text)}"
                + did_you_mean(option.form, cat.forms),
                ", ".join(cat.forms),
            )
        )
    else:
        hosts = ", ".join(f"{option.form}:{m}" for m in cat.municipalities)
        if form.has_host and option.host is None:
            problems.append(
                (
                    f"{option.form!r} needs a host municipality, written "
                    f'"{option.form}:<municipality>"',
                    hosts,
                )
            )
        elif not form.has_host and option.host is not None:
            problems.append(
                (
                    f"{option.form!r} has no host municipality, found "
                    f"{show(text)}; write {option.form!r}",
                    "a host only on " + ", ".join(f for f, v in cat.forms.items() if v.has_host),
                )
            )
    if (
        option.host is not None
        and option.host not in cat.municipalities
        and (form is None or form.has_host)
    ):
        problems.append(
            (
                f"unknown host municipality {option.host!r} in {show(text)}"
                + did_you_mean(option.host, cat.municipalities),
                ", ".join(cat.municipalities),
            )
        )
    return option, problems


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """One cell: the score of an option on a criterion, in scale units.

    Attributes
    ----------
    value : float or None
        The score; ``None`` when the criterion does not apply (``"na"``).
    low, high : float or None
        Optional uncertainty interval (``low <= value <= high``).
    rationale : str
        Why the score was given.

    Examples
    --------
    >>> Score(3.0, low=2.0, high=4.0).interval
    (2.0, 4.0)
    >>> Score(None).applicable
    False
    """

    value: float | None
    low: float | None = None
    high: float | None = None
    rationale: str = ""

    @property
    def applicable(self) -> bool:
        """``False`` for ``"na"``."""
        return self.value is not None

    @property
    def interval(self) -> tuple[float, float]:
        """``(low, high)``, each defaulting to the value (NaN for ``"na"``)."""
        v = math.nan if self.value is None else self.value
        return (v if self.low is None else self.low, v if self.high is None else self.high)

    def to_raw(self, scale: Scale) -> Any:
        """The cell as written in an assessment file (bare value when nothing else is set)."""
        value: Any = "na" if self.value is None else _cell_value(self.value, scale)
        if self.low is None and self.high is None and not self.rationale:
            return value
        out: dict[str, Any] = {"value": value}
        if self.rationale:
            out["rationale"] = self.rationale
        if self.low is not None:
            out["low"] = _cell_value(self.low, scale)
        if self.high is not None:
            out["high"] = _cell_value(self.high, scale)
        return out


def _cell_value(x: float, scale: Scale) -> Any:
    if scale.kind == "plus_minus":
        return scale.label(x)
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True, eq=False)
class ServiceAssessment:
    """The options of one service area and their scores.

    Attributes
    ----------
    service : str
        Service area id.
    options : tuple of Option
        In file order.
    scores : mapping
        ``scores[str(option)][criterion_id] -> Score`` for every criterion of every set.

    Examples
    --------
    >>> import samvalg
    >>> sa = samvalg.example_assessment().services["lonn"]
    >>> str(sa.options[0])
    'egen_drift'
    """

    service: str
    options: tuple[Option, ...]
    scores: Mapping[str, Mapping[str, Score]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(
            self,
            "scores",
            MappingProxyType({k: MappingProxyType(dict(v)) for k, v in self.scores.items()}),
        )

    def score(self, option: str | Option, criterion: str) -> Score:
        """The score of `option` on `criterion`."""
        key = str(option)
        if key not in self.scores:
            raise SamvalgError(
                f"option {key!r} is not assessed for {self.service!r}"
                + did_you_mean(key, self.scores)
                + f" (allowed: {', '.join(self.scores)})"
            )
        cells = self.scores[key]
        if criterion not in cells:
            raise SamvalgError(f"unknown criterion {criterion!r}" + did_you_mean(criterion, cells))
        return cells[criterion]

    def __repr__(self) -> str:
        return (
            f"ServiceAssessment({self.service!r}, options=["
            + ", ".join(str(o) for o in self.options)
            + "])"
        )


# --------------------------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class WeightRecord:
    """How the weights of one criteria set (or of the sets) were obtained, and the result.

    Attributes
    ----------
    key : str
        Criteria set id, or ``"sets"`` for the set weights.
    method : str
        ``"points"``, ``"rank"``, ``"swing"``, ``"ahp"``, ``"equal"``, ``"direct"`` or
        ``"objective"``.
    input : mapping
        The table exactly as given in the file (``method`` included): reproducible, and what
        :meth:`Assessment.to_dict` writes back.
    vector : ndarray or None
        Weights summing to 1, in ``labels`` order (catalogue order); ``None`` for
        ``"objective"``, whose weights depend on a service's scores
        (:meth:`Assessment.weights_for`).
    labels : tuple of str
        Criterion ids (set ids for ``"sets"``).
    note : str
        Conventions and diagnostics, e.g. the AHP consistency ratio.
    result : object
        The weights module's result (``WeightResult`` or ``AHPResult``), when there is one.
    """

    key: str
    method: str
    input: Mapping[str, Any]
    vector: NDArray[np.float64] | None
    labels: tuple[str, ...]
    note: str = ""
    result: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "input", _plain(dict(self.input)))

    def as_mapping(self) -> dict[str, float]:
        """``{label: weight}`` (empty for ``"objective"``)."""
        if self.vector is None:
            return {}
        return {k: float(v) for k, v in zip(self.labels, self.vector, strict=True)}

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.3f}" for k, v in self.as_mapping().items())
        return f"WeightRecord({self.key!r}, method={self.method!r}{', ' if body else ''}{body})"


# --------------------------------------------------------------------------------------------
# Score matrix
# --------------------------------------------------------------------------------------------


def _readonly(a: Any, dtype: Any = float) -> np.ndarray:
    out = np.array(a, dtype=dtype, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class ScoreMatrix:
    """Scores of one service area's options on one criteria set.

    Attributes
    ----------
    service : str
        Service area id.
    set_id : str
        Criteria set id.
    options : tuple of Option
        Rows, in assessment order.
    criteria : tuple of str
        Columns, in catalogue order.
    values : ndarray (m, n)
        Scores in scale units; NaN where the criterion does not apply.
    low, high : ndarray (m, n)
        Uncertainty bounds, equal to ``values`` where none was given (NaN where n/a).
    applicable : ndarray (m, n) of bool
        ``False`` for ``"na"`` cells.
    rationale : tuple of tuple of str
        ``rationale[i][j]`` ("" when none was given).
    scale : Scale
        The set's scale.
    types : ndarray (n,)
        +1 benefit, -1 cost (from the catalogue's criterion directions).

    Examples
    --------
    >>> import samvalg
    >>> M = samvalg.example_assessment().matrix("lonn", "gains")
    >>> M.values.shape == (len(M.options), 5)
    True
    """

    service: str
    set_id: str
    options: tuple[Option, ...]
    criteria: tuple[str, ...]
    values: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    applicable: NDArray[np.bool_]
    rationale: tuple[tuple[str, ...], ...]
    scale: Scale
    types: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name in ("values", "low", "high", "types"):
            object.__setattr__(self, name, _readonly(getattr(self, name)))
        object.__setattr__(self, "applicable", _readonly(self.applicable, bool))

    @property
    def shape(self) -> tuple[int, int]:
        """``(options, criteria)``."""
        return (len(self.options), len(self.criteria))

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The options as strings (``"vertskommune:melhus"``)."""
        return tuple(str(o) for o in self.options)

    def values_01(self) -> NDArray[np.float64]:
        """Scores through the scale-anchored value function, 0..1, higher is better.

        ``v_ij = (x_ij - lower) / (upper - lower)``; for a cost criterion ``1 - v_ij``. NaN
        where the criterion does not apply. The bounds are the scale's, not the data's, so the
        values do not depend on which other options are assessed.

        Examples
        --------
        >>> import samvalg
        >>> V = samvalg.example_assessment().matrix("lonn", "strategy").values_01()
        >>> bool(((V >= 0) & (V <= 1)).all())
        True
        """
        return self.scale.to_01(self.values, self.types)

    def interval_01(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(worst, best)`` bounds on the 0..1 value scale (swapped for cost criteria)."""
        a = self.scale.to_01(self.low, self.types)
        b = self.scale.to_01(self.high, self.types)
        return np.fmin(a, b), np.fmax(a, b)

    def __repr__(self) -> str:
        return (
            f"ScoreMatrix({self.service!r}, {self.set_id!r}, options={len(self.options)}, "
            f"criteria={len(self.criteria)}, scale={self.scale})"
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.criteria)
        rows = []
        for i, opt in enumerate(self.options):
            cells = []
            for j in range(len(self.criteria)):
                if not self.applicable[i, j]:
                    cells.append("<td>na</td>")
                    continue
                text = self.scale.label(self.values[i, j])
                if self.low[i, j] != self.values[i, j] or self.high[i, j] != self.values[i, j]:
                    text += (
                        f" <small>[{self.scale.label(self.low[i, j])}, "
                        f"{self.scale.label(self.high[i, j])}]</small>"
                    )
                title = html.escape(self.rationale[i][j], quote=True)
                cells.append(f'<td title="{title}">{text}</td>')
            rows.append(f"<tr><th>{html.escape(str(opt))}</th>{''.join(cells)}</tr>")
        return (
            f"<p><b>{html.escape(self.service)}</b> / {html.escape(self.set_id)} "
            f"(scale {html.escape(str(self.scale))})</p>"
            f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>"
        )


# --------------------------------------------------------------------------------------------
# Meta
# --------------------------------------------------------------------------------------------


class Meta(BaseModel):
    """``[meta]``: what the assessment is, when and by whom.

    Attributes
    ----------
    title : str
        Required.
    illustrative : bool
        ``True`` for made-up example scores (the shipped example must be).
    description : str
    date : datetime.date or None
        TOML date (``2026-11-27``) or ISO text.
    authors : tuple of str
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: Annotated[StrictStr, Field(min_length=1)]
    illustrative: StrictBool = False
    description: StrictStr = ""
    date: Annotated[datetime.date, Strict(False)] | None = None
    authors: Annotated[tuple[StrictStr, ...], Strict(False)] = ()

    def to_raw(self) -> dict[str, Any]:
        """The table as written in a file (empty optional fields left out)."""
        out: dict[str, Any] = {"title": self.title, "illustrative": self.illustrative}
        if self.description:
            out["description"] = self.description
        if self.date is not None:
            out["date"] = self.date
        if self.authors:
            out["authors"] = list(self.authors)
        return out


# --------------------------------------------------------------------------------------------
# Stakeholders
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Stakeholder:
    """A party whose view enters the group analysis (``[stakeholders.<id>]``).

    A stakeholder states only what differs from the common assessment: weights tables they
    leave out are the common ones, and their ``scores`` are sparse overrides of single cells.
    :mod:`samvalg.group` turns this into each stakeholder's own assessment and aggregates.

    Attributes
    ----------
    id : str
        The key in ``[stakeholders]``.
    name : str
        Readable name, e.g. ``"Skaun kommune"``.
    role : str
        ``"municipality"``, ``"employee_representatives"``, ``"working_group"``,
        ``"politicians"`` or ``"other"``.
    municipality : str or None
        Municipality id the stakeholder speaks for (for role ``"municipality"`` it defaults to
        the stakeholder id when that is a municipality id).
    voting_weight : float or None
        As stated in the file; ``None`` = the default scheme of
        :func:`samvalg.group.voting_weights` (equal voice per municipality).
    description : str
        Why this stakeholder weighs as they do.
    weights : mapping of str to WeightRecord
        Their own weights tables (a criteria set id, or ``"sets"``), as given.
    scores : mapping
        ``scores[service][option][criterion] -> Score``: their overrides of common cells.

    Examples
    --------
    >>> import samvalg
    >>> s = samvalg.example_assessment().stakeholders["tillitsvalgte"]
    >>> s.role, s.municipality
    ('employee_representatives', None)
    """

    id: str
    name: str
    role: str
    municipality: str | None = None
    voting_weight: float | None = None
    description: str = ""
    weights: Mapping[str, WeightRecord] = field(default_factory=dict)
    scores: Mapping[str, Mapping[str, Mapping[str, Score]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        object.__setattr__(
            self,
            "scores",
            MappingProxyType(
                {
                    svc: MappingProxyType({o: MappingProxyType(dict(c)) for o, c in opts.items()})
                    for svc, opts in self.scores.items()
                }
            ),
        )

    def to_raw(self, base: Assessment) -> dict[str, Any]:
        """The table as written in an assessment file."""
        out: dict[str, Any] = {"name": self.name, "role": self.role}
        if self.municipality is not None:
            out["municipality"] = self.municipality
        if self.voting_weight is not None:
            out["voting_weight"] = _plain(self.voting_weight)
        if self.description:
            out["description"] = self.description
        if self.weights:
            out["weights"] = {k: _plain(dict(r.input)) for k, r in self.weights.items()}
        if self.scores:
            out["scores"] = {
                svc: {
                    opt: {c: s.to_raw(base.scale_of(c)) for c, s in cells.items()}
                    for opt, cells in opts.items()
                }
                for svc, opts in self.scores.items()
            }
        return out

    def __repr__(self) -> str:
        extra = f", municipality={self.municipality!r}" if self.municipality else ""
        vw = f", voting_weight={self.voting_weight:g}" if self.voting_weight is not None else ""
        return (
            f"Stakeholder({self.id!r}, role={self.role!r}{extra}{vw}, "
            f"weights=[{', '.join(self.weights)}], "
            f"score_overrides={sum(len(c) for o in self.scores.values() for c in o.values())})"
        )


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Assessment:
    """A validated, immutable assessment: scores per service area x option x criterion, scales
    and weights. Build it with :func:`samvalg.load_assessment`; change it with :meth:`replace`.

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
    catalogue: Any = field(default=None, repr=False)
    schema_version: int = 1
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    derived: Mapping[str, Any] = field(default_factory=dict)
    economics: Any = None
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("scales", "weights", "services", "stakeholders", "derived"):
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
        key = ("matrix", service_id, set_id)
        if key in self._cache:
            return self._cache[key]
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
        self._cache[key] = out
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
        key = ("objective", set_id, service_id)
        if key not in self._cache:
            self._cache[key] = _objective_weights(self, set_id, service_id, rec)
        return self._cache[key]

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
        services: dict[str, Any] = {}
        for sid, sa in self.services.items():
            scores: dict[str, Any] = {}
            for opt in sa.options:
                cells = sa.scores[str(opt)]
                table: dict[str, Any] = {}
                for set_id in self.set_ids:
                    scale = self.scales[set_id]
                    for c in self.criteria(set_id):
                        if not self.is_derived(sid, c):  # derived cells are recomputed
                            table[c] = cells[c].to_raw(scale)
                scores[str(opt)] = table
            services[sid] = {"options": [str(o) for o in sa.options], "scores": scores}
        out = {
            "schema_version": self.schema_version,
            "meta": self.meta.to_raw(),
            "scales": {k: s.to_dict() for k, s in self.scales.items()},
            "weights": {k: _plain(dict(r.input)) for k, r in self.weights.items()},
            "services": services,
        }
        if self.stakeholders:
            out["stakeholders"] = {k: s.to_raw(self) for k, s in self.stakeholders.items()}
        if self.derived:
            out["derived"] = {c: _plain(dict(d.input)) for c, d in self.derived.items()}
        if self.economics is not None:
            out["economics"] = _plain(dict(self.economics.input))
        return out

    def replace(self, **changes: Any) -> Assessment:
        """A new assessment with some top-level parts replaced, validated again.

        Parameters
        ----------
        **changes
            ``meta``, ``scales``, ``weights``, ``services``, ``stakeholders``, ``derived``
            and/or ``economics``: domain objects (``Meta``, ``Scale``, ``WeightRecord``,
            ``ServiceAssessment``, ``Stakeholder``, ``DerivedCriterion``,
            ``EconomicsSettings``) or tables in file form. ``weights`` and ``scales`` replace the
            whole table: pass ``{**a.weights, "strategy": {"method": "equal"}}`` to change one
            set. When ``services`` is replaced and ``stakeholders`` is not, the stakeholders'
            score overrides of services and options no longer assessed are dropped.

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
        allowed = ("meta", "scales", "weights", "services", "stakeholders", "derived", "economics")
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
        from samvalg._input_limits import check_tree

        deep: list[Problem] = []
        if not check_tree(
            changes,
            lambda p, m, a: deep.append(Problem("<python>", format_location(p), m, a)),
            text=False,
        ):
            raise ValidationError(deep)
        data = self.to_dict()
        for key, value in changes.items():
            data[key] = _to_raw(key, value, self)
        if "services" in changes and "stakeholders" not in changes:
            _prune_overrides(data)
        if not data.get("stakeholders", True):
            del data["stakeholders"]
        from samvalg.assessment._load import load_mapping

        return load_mapping(data, source="<python>", catalogue=self.catalogue)

    def without_option(self, service_id: str, option: str | Option) -> Assessment:
        """A new assessment without one option of one service area (validated again).

        Useful to check that removing an option leaves the others' values unchanged.

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
        svc = data["services"][service_id]
        svc["options"] = [o for o in svc["options"] if o != key]
        del svc["scores"][key]
        _prune_overrides(data)
        from samvalg.assessment._load import load_mapping

        return load_mapping(data, source=self.source, catalogue=self.catalogue)

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


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def _prune_overrides(data: dict[str, Any]) -> None:
    """Drop stakeholders' score overrides of services or options not in ``data["services"]``."""
    services = data.get("services")
    if not isinstance(services, Mapping):
        return
    for table in (data.get("stakeholders") or {}).values():
        scores = table.get("scores") if isinstance(table, Mapping) else None
        if not isinstance(scores, dict):
            continue
        for svc in list(scores):
            svc_table = services.get(svc)
            known = svc_table.get("scores", {}) if isinstance(svc_table, Mapping) else {}
            if not known or not isinstance(scores[svc], dict):
                del scores[svc]
                continue
            for opt in list(scores[svc]):
                if opt not in known:
                    del scores[svc][opt]
            if not scores[svc]:
                del scores[svc]
        if not scores:
            del table["scores"]


def _to_raw(key: str, value: Any, base: Assessment) -> Any:
    """A replacement value (domain objects or file-form tables) in file form."""
    if key == "meta":
        return value.to_raw() if isinstance(value, Meta) else _plain(value)
    if key == "economics" and hasattr(value, "scenario_of"):
        return _plain(dict(value.input))
    if not isinstance(value, Mapping):
        return _plain(value)
    out: dict[str, Any] = {}
    for k, v in value.items():
        if isinstance(v, Scale):
            out[k] = v.to_dict()
        elif isinstance(v, Stakeholder):
            out[k] = v.to_raw(base)
        elif isinstance(v, WeightRecord) or (key == "derived" and hasattr(v, "applies_to")):
            out[k] = _plain(dict(v.input))
        elif isinstance(v, ServiceAssessment):
            scores = {}
            for opt in v.options:
                cells = v.scores[str(opt)]
                table = {}
                for c, s in cells.items():
                    if base.is_derived(k, c):  # recomputed from [derived] on loading
                        continue
                    set_id = next((sid for sid in base.set_ids if c in base.criteria(sid)), None)
                    scale = base.scales[set_id] if set_id is not None else Scale()
                    table[c] = s.to_raw(scale)
                scores[str(opt)] = table
            out[k] = {"options": [str(o) for o in v.options], "scores": scores}
        else:
            out[k] = _plain(v)
    return out


def _objective_weights(
    a: Assessment, set_id: str, service_id: str, rec: WeightRecord
) -> NDArray[np.float64]:
    from samvalg import weights as _weights

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
