"""The stakeholders' mixture of SMAA-2 (``weight_info="stakeholders"``): each stakeholder's
global weight vector of the view and the probability of drawing it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.assessment._stakeholders import (
    VotingWeights,
    stakeholder_assessment,
    voting_weights,
)
from samvalg.assessment._views import view_weights
from samvalg.errors import SamvalgError, argument_error
from samvalg.smaa._validation import (
    _stakeholder_matrix,
)

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment


__all__: list[str] = []


@dataclass(frozen=True)
class _Mixture:
    names: tuple[str, ...]
    vectors: NDArray[np.float64]
    probabilities: NDArray[np.float64]
    basis: str
    voting: VotingWeights | None


def _stakeholder_mixture(
    assessment: Assessment,
    service_id: str,
    view: str,
    criteria: tuple[str, ...],
    stakeholders: Mapping[str, Mapping[str, float]] | ArrayLike | None,
    probabilities: ArrayLike | Mapping[str, float] | None,
) -> _Mixture:
    """The stakeholders' global weight vectors of the view and their mixture probabilities."""
    vw: VotingWeights | None = None
    if stakeholders is None:
        if not getattr(assessment, "stakeholders", None):
            title = getattr(getattr(assessment, "meta", None), "title", "")
            raise SamvalgError(
                "weight_info='stakeholders': the assessment"
                + (f" {title!r}" if title else "")
                + " has no stakeholders; add "
                "[stakeholders.<id>] tables (name, role, their own weights under "
                "[stakeholders.<id>.weights.<set>]) to the file, as in the shipped example, "
                "or pass stakeholders={name: {criterion: weight}}"
            )
        names = tuple(assessment.stakeholders)
        rows = []
        for sid in names:
            by_crit = view_weights(stakeholder_assessment(assessment, sid), service_id, view)
            rows.append([by_crit[c] for c in criteria])
        V = np.array(rows, dtype=float)
        vw = voting_weights(assessment)
        default_p = vw.vector(names)
        basis = "voting"
    else:
        V = _stakeholder_matrix(stakeholders, criteria)
        if isinstance(stakeholders, Mapping):
            names = tuple(str(k) for k in stakeholders)
        else:
            names = tuple(f"s{i + 1}" for i in range(V.shape[0]))
        default_p = np.full(V.shape[0], 1.0 / V.shape[0])
        basis = "equal"
    if probabilities is None:
        p = default_p
    else:
        p = _probabilities(probabilities, names)
        basis = "given"
    return _Mixture(names=names, vectors=V, probabilities=p, basis=basis, voting=vw)


def _probabilities(
    probabilities: ArrayLike | Mapping[str, float], names: tuple[str, ...]
) -> NDArray[np.float64]:
    if isinstance(probabilities, Mapping):
        unknown = [k for k in probabilities if k not in names]
        if unknown:
            raise argument_error(
                "stakeholder_probabilities",
                f"unknown stakeholders {', '.join(map(str, unknown))}",
                ", ".join(names),
            )
        raw: Any = [probabilities.get(k, 0.0) for k in names]
    else:
        raw = probabilities
    try:
        p = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise argument_error(
            "stakeholder_probabilities", "is not numeric", f"{len(names)} non-negative numbers"
        ) from None
    if p.shape != (len(names),) or not np.isfinite(p).all() or (p < 0).any() or p.sum() <= 0:
        raise argument_error(
            "stakeholder_probabilities",
            f"must be {len(names)} non-negative numbers "
            f"with a positive sum (one per stakeholder: {', '.join(names)}), got "
            f"{np.asarray(raw).tolist()!r}",
        )
    return cast(NDArray[np.float64], p / p.sum())
