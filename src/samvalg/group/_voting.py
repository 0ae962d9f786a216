"""Voting weights of the stakeholders (default: equal voice per municipality)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import Problem, ValidationError, argument_error
from samvalg.group._validation import _SOURCE, _stakeholders_of

__all__ = ["VotingWeights", "voting_weights"]


@dataclass(frozen=True)
class VotingWeights:
    """The stakeholders' voting weights and the scheme that produced them.

    Attributes
    ----------
    weights : dict
        ``{stakeholder_id: p_s}``, summing to 1.
    units : dict
        ``{stakeholder_id: u_s}`` before normalisation.
    basis : dict
        ``{stakeholder_id: how u_s was set}`` (bokmål / English in one line).
    scheme : str
        ``"equal_per_municipality"`` (the default), ``"stated"`` (every weight stated in the
        file or the call), or ``"mixed"``.
    scheme_nb, scheme_en : str
        The scheme in words, for every output.
    """

    weights: dict[str, float]
    units: dict[str, float]
    basis: dict[str, str]
    scheme: str
    scheme_nb: str
    scheme_en: str

    def vector(self, ids: Sequence[str]) -> NDArray[np.float64]:
        """The weights in the order of `ids`."""
        return np.array([self.weights[i] for i in ids], dtype=float)

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": dict(self.weights),
            "units": dict(self.units),
            "basis": dict(self.basis),
            "scheme": self.scheme,
            "scheme_nb": self.scheme_nb,
            "scheme_en": self.scheme_en,
        }

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.3f}" for k, v in self.weights.items())
        return f"VotingWeights({self.scheme}: {body})"


_DEFAULT_NB = (
    "lik stemme per kommune uansett størrelse: hver kommune har 1 enhet, delt likt "
    "mellom kommunens interessenter; en interessent uten kommune (f.eks. "
    "tillitsvalgte) har 1 enhet; normalisert til sum 1"
)
_DEFAULT_EN = (
    "equal voice per municipality whatever its size: each municipality has 1 unit, "
    "shared equally by its stakeholders; a stakeholder without a municipality (e.g. "
    "employee representatives) has 1 unit; normalised to sum 1"
)


def voting_weights(assessment: Any, voting: Mapping[str, float] | None = None) -> VotingWeights:
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
    >>> vw = voting_weights(samvalg.example_assessment())
    >>> sorted(vw.weights.values()) == [0.25] * 4
    True
    >>> vw.scheme
    'equal_per_municipality'
    """
    stakeholders = _stakeholders_of(assessment)
    voting = dict(voting or {})
    problems = []
    for k, v in voting.items():
        if k not in stakeholders:
            from samvalg.assessment._hints import did_you_mean

            problems.append(
                Problem(
                    _SOURCE,
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
                Problem(_SOURCE, f"voting.{k}", f"must be a number >= 0, got {v!r}", ">= 0")
            )
    if problems:
        raise ValidationError(problems)
    stated: dict[str, tuple[float, str]] = {}
    for sid, s in stakeholders.items():
        if sid in voting:
            stated[sid] = (float(voting[sid]), "oppgitt i kallet / stated in the call")
        elif s.voting_weight is not None:
            stated[sid] = (float(s.voting_weight), "oppgitt i fila / stated in the file")
    per_muni: dict[str, int] = {}
    for sid, s in stakeholders.items():
        if sid not in stated and s.municipality is not None:
            per_muni[s.municipality] = per_muni.get(s.municipality, 0) + 1
    units: dict[str, float] = {}
    basis: dict[str, str] = {}
    for sid, s in stakeholders.items():
        if sid in stated:
            units[sid], basis[sid] = stated[sid]
        elif s.municipality is not None:
            sharing = per_muni[s.municipality]
            units[sid] = 1.0 / sharing
            basis[sid] = (
                f"andel 1/{sharing} av {s.municipality}s 1 enhet / share 1/{sharing} of "
                f"{s.municipality}'s 1 unit"
            )
        else:
            units[sid] = 1.0
            basis[sid] = "1 enhet (uten kommune) / 1 unit (no municipality)"
    total = sum(units.values())
    if total <= 0:
        raise argument_error(
            "voting",
            "every voting weight is 0: the group has no voice",
            "at least one positive weight",
        )
    weights = {k: v / total for k, v in units.items()}
    if not stated:
        scheme, nb, en = "equal_per_municipality", _DEFAULT_NB, _DEFAULT_EN
    else:
        listing = ", ".join(f"{k} {units[k]:g}" for k in stated)
        if len(stated) == len(stakeholders):
            scheme = "stated"
            nb = f"oppgitte stemmevekter ({listing}); normalisert til sum 1"
            en = f"stated voting weights ({listing}); normalised to sum 1"
        else:
            scheme = "mixed"
            nb = (
                f"oppgitte stemmevekter for {listing}; de øvrige etter standardordningen: "
                + _DEFAULT_NB
            )
            en = f"stated voting weights for {listing}; the others by the default: " + _DEFAULT_EN
    return VotingWeights(
        weights=weights,
        units=units,
        basis=basis,
        scheme=scheme,
        scheme_nb="Stemmevekt: " + nb,
        scheme_en="Voting weight: " + en,
    )
