"""Stakeholders of an assessment: each one's own assessment and their voting weights.

The assessment file holds each stakeholder's own weights (per criteria set) and, optionally,
their own scores as sparse overrides of the common ones (``[stakeholders.<id>]``).
:func:`stakeholder_assessment` applies them; :func:`voting_weights` gives every stakeholder's
share of the group's voice. Both return numbers and codes only: the words for the voting
scheme live in :mod:`samvalg.text.voting`.

Voting weights (the default scheme)
-----------------------------------
*Equal voice per municipality, whatever its size* (the councils' likeverd): every municipality
has one unit, shared equally by its stakeholders that state no voting weight; a stakeholder
without a municipality (employee representatives, a working group, ...) has one unit of its
own; a stakeholder's stated ``voting_weight`` replaces its default unit. The units are
normalised to sum 1: :math:`p_s = u_s / \\sum_t u_t`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import (
    ARGUMENT,
    Problem,
    SamvalgError,
    ValidationError,
    argument_error,
    did_you_mean,
)

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment
    from samvalg.assessment._records import Stakeholder

__all__ = [
    "VOTING_BASES",
    "VOTING_SCHEMES",
    "VotingWeights",
    "stakeholder_assessment",
    "stakeholders_of",
    "voting_weights",
]

#: How a voting scheme came about: every weight by the default, every one stated, or some.
VOTING_SCHEMES = ("equal_per_municipality", "stated", "mixed")
#: How one stakeholder's units were set: stated in the call or the file, a share of their
#: municipality's unit, or one unit of their own (no municipality).
VOTING_BASES = ("call", "file", "municipality", "own")


def stakeholders_of(assessment: Assessment) -> Mapping[str, Stakeholder]:
    """The assessment's stakeholders; an error when it has none."""
    st: Mapping[str, Stakeholder] | None = getattr(assessment, "stakeholders", None)
    if not st:
        raise SamvalgError(
            "the assessment has no stakeholders: add [stakeholders.<id>] tables with name, role "
            "and their own weights (see examples/example_assessment.toml)"
        )
    return st


def stakeholder_assessment(assessment: Assessment, stakeholder_id: str) -> Assessment:
    """The assessment as one stakeholder sees it: their weights and score overrides applied.

    Weights tables the stakeholder gives replace the common ones; the others are kept. Their
    score overrides replace those cells (value, interval and rationale). With score overrides
    it is built with :meth:`Assessment.replace`, so the result is validated again; with
    weights only, the stakeholder's weights (validated with the assessment, by the same
    rules) replace the common ones directly. It has no stakeholders.

    Parameters
    ----------
    assessment : Assessment
    stakeholder_id : str

    Returns
    -------
    Assessment

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.group import stakeholder_assessment
    >>> a = samvalg.example_assessment()
    >>> tv = stakeholder_assessment(a, "tillitsvalgte")
    >>> tv.weights["model"].method, tv.matrix("lonn", "model").values.shape == \\
    ...     a.matrix("lonn", "model").values.shape
    ('swing', True)
    """
    stakeholders = stakeholders_of(assessment)
    if stakeholder_id not in stakeholders:
        raise SamvalgError(
            f"unknown stakeholder {stakeholder_id!r}"
            + did_you_mean(stakeholder_id, stakeholders)
            + f" (allowed: {', '.join(stakeholders)})"
        )
    s = stakeholders[stakeholder_id]
    if not s.scores:
        # Only weights differ: the stakeholder's weights tables were validated with the
        # assessment, by the same rules and against the same criteria as the common ones
        # (``weights_table``), so the result is what validating it again would give
        # (tested), without re-reading the whole assessment.
        return dataclasses.replace(
            assessment,
            weights={**assessment.weights, **s.weights},
            stakeholders={},
            source="<python>",
            _matrices={},
            _objective={},
        )
    weights = {k: dict(r.input) for k, r in assessment.weights.items()}
    weights.update({k: dict(r.input) for k, r in s.weights.items()})
    changes: dict[str, Any] = {"weights": weights, "stakeholders": {}}
    if s.scores:
        services = assessment.to_dict()["services"]
        for svc, opts in s.scores.items():
            for opt, cells in opts.items():
                for c, score in cells.items():
                    services[svc]["scores"][opt][c] = score.to_raw(assessment.scale_of(c))
        changes["services"] = services
    return assessment.replace(**changes)


@dataclass(frozen=True)
class VotingWeights:
    """The stakeholders' voting weights and the scheme that produced them.

    Numbers and codes only; :func:`samvalg.text.voting.scheme_text` and
    :func:`samvalg.text.voting.basis_text` say them in bokmål or English.

    Attributes
    ----------
    weights : dict
        ``{stakeholder_id: p_s}``, summing to 1.
    units : dict
        ``{stakeholder_id: u_s}`` before normalisation.
    basis : dict
        ``{stakeholder_id: how u_s was set}``, one of :data:`VOTING_BASES`.
    scheme : str
        ``"equal_per_municipality"`` (the default), ``"stated"`` (every weight stated in the
        file or the call), or ``"mixed"``.
    municipality : dict
        ``{stakeholder_id: municipality id or None}``.
    sharing : dict
        ``{stakeholder_id: k_m}``: how many stakeholders share the municipality's unit (1
        unless the basis is ``"municipality"``).
    """

    weights: dict[str, float]
    units: dict[str, float]
    basis: dict[str, str]
    scheme: str
    municipality: dict[str, str | None]
    sharing: dict[str, int]

    @property
    def stated(self) -> tuple[str, ...]:
        """The stakeholders whose units were stated (in the call or the file), in order."""
        return tuple(k for k, b in self.basis.items() if b in ("call", "file"))

    def vector(self, ids: Sequence[str]) -> NDArray[np.float64]:
        """The weights in the order of `ids`."""
        return np.array([self.weights[i] for i in ids], dtype=float)

    def to_dict(self) -> dict[str, Any]:
        """Numbers and codes (the words: :func:`samvalg.text.voting.voting_record`)."""
        return {
            "weights": dict(self.weights),
            "units": dict(self.units),
            "basis": dict(self.basis),
            "scheme": self.scheme,
        }

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.3f}" for k, v in self.weights.items())
        return f"VotingWeights({self.scheme}: {body})"


def voting_weights(
    assessment: Assessment, voting: Mapping[str, float] | None = None
) -> VotingWeights:
    r"""The stakeholders' voting weights (see the module docstring for the default scheme).

    :math:`u_s` = the stated weight (``voting[s]`` if given, else the file's
    ``voting_weight``), else :math:`1 / k_m` for a stakeholder of municipality :math:`m` among
    :math:`k_m` such stakeholders of :math:`m` without a stated weight, else 1;
    :math:`p_s = u_s / \sum_t u_t`.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    voting : mapping, optional
        ``{stakeholder_id: units}`` overriding the file for those stakeholders.

    Returns
    -------
    VotingWeights

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.group import voting_weights
    >>> vw = voting_weights(samvalg.example_assessment())
    >>> sorted(vw.weights.values()) == [0.25] * 4
    True
    >>> vw.scheme
    'equal_per_municipality'
    """
    stakeholders = stakeholders_of(assessment)
    voting = dict(voting or {})
    problems = []
    for k, v in voting.items():
        if k not in stakeholders:
            problems.append(
                Problem(
                    ARGUMENT,
                    f"voting.{k}",
                    f"unknown stakeholder {k!r}" + did_you_mean(k, stakeholders),
                    ", ".join(stakeholders),
                )
            )
        elif (
            isinstance(v, bool)
            or not isinstance(v, int | float)
            or not (math.isfinite(v) and v >= 0)
        ):
            problems.append(
                Problem(ARGUMENT, f"voting.{k}", f"must be a number >= 0, got {v!r}", ">= 0")
            )
    if problems:
        raise ValidationError(problems)
    stated: dict[str, tuple[float, str]] = {}
    for sid, s in stakeholders.items():
        if sid in voting:
            stated[sid] = (float(voting[sid]), "call")
        elif s.voting_weight is not None:
            stated[sid] = (float(s.voting_weight), "file")
    per_muni: dict[str, int] = {}
    for sid, s in stakeholders.items():
        if sid not in stated and s.municipality is not None:
            per_muni[s.municipality] = per_muni.get(s.municipality, 0) + 1
    units: dict[str, float] = {}
    basis: dict[str, str] = {}
    sharing: dict[str, int] = {}
    for sid, s in stakeholders.items():
        sharing[sid] = 1
        if sid in stated:
            units[sid], basis[sid] = stated[sid]
        elif s.municipality is not None:
            sharing[sid] = per_muni[s.municipality]
            units[sid] = 1.0 / sharing[sid]
            basis[sid] = "municipality"
        else:
            units[sid] = 1.0
            basis[sid] = "own"
    total = sum(units.values())
    if total <= 0:
        raise argument_error(
            "voting",
            "every voting weight is 0: the group has no voice",
            "at least one positive weight",
        )
    weights = {k: v / total for k, v in units.items()}
    if not stated:
        scheme = "equal_per_municipality"
    elif len(stated) == len(stakeholders):
        scheme = "stated"
    else:
        scheme = "mixed"
    return VotingWeights(
        weights=weights,
        units=units,
        basis=basis,
        scheme=scheme,
        municipality={sid: s.municipality for sid, s in stakeholders.items()},
        sharing=sharing,
    )
