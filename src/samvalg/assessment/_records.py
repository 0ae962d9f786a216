"""The assessment's records: :class:`WeightRecord` (how a set's weights were elicited),
:class:`Meta` (``[meta]``) and :class:`Stakeholder` (``[stakeholders.<id>]``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, Strict, StrictBool, StrictStr

from samvalg.assessment._scores import Score

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment
    from samvalg.weights import AHPResult, WeightResult

__all__ = ["FORMAL_ONLY_SETS", "SET_WEIGHTS_KEY", "Meta", "Stakeholder", "WeightRecord", "plain"]

FORMAL_ONLY_SETS: tuple[str, ...] = ("model",)
"""Criteria sets that apply only to formal cooperation forms (``form.formal``): their cells are
``"na"`` for ``egen_drift`` and ``fagnettverk``."""

SET_WEIGHTS_KEY = "sets"
"""The key of the set weights in ``[weights]`` (``[weights.sets]``)."""


def plain(value: Any) -> Any:
    """`value` as plain Python: mappings as dicts, tuples and arrays as lists, NumPy scalars
    as numbers (file form)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


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
    result: WeightResult | AHPResult | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "input", plain(dict(self.input)))

    def as_mapping(self) -> dict[str, float]:
        """``{label: weight}`` (empty for ``"objective"``)."""
        if self.vector is None:
            return {}
        return {k: float(v) for k, v in zip(self.labels, self.vector, strict=True)}

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.3f}" for k, v in self.as_mapping().items())
        return f"WeightRecord({self.key!r}, method={self.method!r}{', ' if body else ''}{body})"


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
        Readable name, e.g. a municipality's or a union's name.
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
            out["voting_weight"] = plain(self.voting_weight)
        if self.description:
            out["description"] = self.description
        if self.weights:
            out["weights"] = {k: plain(dict(r.input)) for k, r in self.weights.items()}
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
