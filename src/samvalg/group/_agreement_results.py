"""Results of the agreement analysis: per service area and for all of them, with the stakeholders
whose top option differs (numbers and codes; in words and HTML: :mod:`samvalg.text.agreement`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from samvalg._json import JSONMixin
from samvalg.errors import SamvalgError
from samvalg.group._plain import _plain_dict

if TYPE_CHECKING:
    from samvalg.assessment._stakeholders import VotingWeights
    from samvalg.catalogue import Catalogue

__all__ = ["Divergence", "GroupAgreement", "ServiceAgreement"]


@dataclass(frozen=True)
class Divergence:
    r"""A stakeholder whose top option differs from the group's, and why.

    ``drivers`` are the criteria that pull the stakeholder towards their own top option
    relative to the group, largest first: for criterion j,
    :math:`D_j = w^s_j (v^s_{tj} - v^s_{gj}) - w^G_j (v^G_{tj} - v^G_{gj})` (t = their top,
    g = the group's, v the scale-anchored values, w the view's global weights), split into a
    weight part :math:`(w^s_j - w^G_j)(v^G_{tj} - v^G_{gj})` and a score part (the rest).
    For WSM :math:`\sum_j D_j` is exactly the difference between their and the group's
    advantage of t over g; for other methods it is the additive approximation.
    """

    stakeholder: str
    name: str
    top: str
    drivers: tuple[str, ...]
    contribution: tuple[float, ...]
    weight_part: tuple[float, ...]
    score_part: tuple[float, ...]
    weight_diff: tuple[float, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _plain_dict(
            {
                "stakeholder": self.stakeholder,
                "name": self.name,
                "top": self.top,
                "drivers": [
                    {
                        "criterion": c,
                        "contribution": d,
                        "weight_part": w,
                        "score_part": s,
                        "weight_difference": dw,
                    }
                    for c, d, w, s, dw in zip(
                        self.drivers,
                        self.contribution,
                        self.weight_part,
                        self.score_part,
                        self.weight_diff,
                        strict=True,
                    )
                ],
            }
        )


@dataclass(frozen=True, eq=False)
class ServiceAgreement(JSONMixin):
    """How far the stakeholders agree on one service area (one view of :func:`samvalg.evaluate`).

    Attributes
    ----------
    service, view, method : str
    stakeholders : tuple of str
        Stakeholder ids (rows of the arrays below).
    names : tuple of str
    voting : VotingWeights
    options : tuple of str
        The options ranked: legally feasible and every criterion applicable, in assessment
        order.
    values : ndarray (s, m)
        Each stakeholder's decision value of each option (their weights and scores).
    ranks : ndarray (s, m)
        1 = best (ties share the lowest rank).
    top : dict
        ``{stakeholder: their best option}``.
    recommendation : dict
        ``{stakeholder: ServiceEvaluation.recommendation}`` (both questions of the case).
    group_values, group_ranks : ndarray (m,)
        Of the group assessment (:func:`group_assessment`).
    group_top : str or None
    spearman, weighted_spearman, ws_similarity : ndarray (s, s)
        Rank correlation of every pair; ``ws_similarity[i, k]`` takes stakeholder i's ranking
        as the reference (the coefficient is not symmetric).
    kendall_w : float
        Kendall's W across the stakeholders (each counts once, not by voting weight); NaN
        with fewer than 2 options.
    criteria : tuple of str
        The view's criteria.
    global_weights : ndarray (s, n)
        Each stakeholder's global weights in the view.
    group_weights : ndarray (n,)
    weight_range : ndarray (n,)
        max - min of each criterion's weight across stakeholders.
    most_different : tuple of str
        Criteria with the largest weight range, largest first.
    tied_top : dict
        ``{stakeholder: the options sharing their rank 1}`` (usually one).
    win_share : dict
        ``{option: voting-weighted share of stakeholders for whom it is best}``; an option
        tied for first counts fully for each tied option (as SMAA's rank 1), so the shares sum
        to more than 1 when there are ties.
    unanimous : bool
        Some option is best (alone or tied) for every stakeholder.
    divergences : tuple of Divergence
        Stakeholders whose top option is not the group's.
    illustrative : bool
    catalogue : Catalogue or None
        The assessment's catalogue (for the options' and criteria's names in words:
        :func:`samvalg.text.agreement.answer_text`).
    """

    service: str
    view: str
    method: str
    stakeholders: tuple[str, ...]
    names: tuple[str, ...]
    voting: VotingWeights
    options: tuple[str, ...]
    values: NDArray[np.float64]
    ranks: NDArray[np.float64]
    top: Mapping[str, str | None]
    tied_top: Mapping[str, tuple[str, ...]]
    recommendation: Mapping[str, str | None]
    group_values: NDArray[np.float64]
    group_ranks: NDArray[np.float64]
    group_top: str | None
    spearman: NDArray[np.float64]
    weighted_spearman: NDArray[np.float64]
    ws_similarity: NDArray[np.float64]
    kendall_w: float
    criteria: tuple[str, ...]
    global_weights: NDArray[np.float64]
    group_weights: NDArray[np.float64]
    weight_range: NDArray[np.float64]
    most_different: tuple[str, ...]
    win_share: Mapping[str, float]
    unanimous: bool
    divergences: tuple[Divergence, ...]
    illustrative: bool = False
    catalogue: Catalogue | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        ids = self.stakeholders

        def pairs(M: NDArray[np.float64]) -> dict[str, dict[str, float]]:
            return {a: {b: float(M[i, k]) for k, b in enumerate(ids)} for i, a in enumerate(ids)}

        return _plain_dict(
            {
                "service": self.service,
                "view": self.view,
                "method": self.method,
                "illustrative": self.illustrative,
                "voting": self.voting.to_dict(),
                "stakeholders": [
                    {"id": s, "name": n} for s, n in zip(ids, self.names, strict=True)
                ],
                "options": list(self.options),
                "values": {
                    s: dict(zip(self.options, self.values[i].tolist(), strict=True))
                    for i, s in enumerate(ids)
                },
                "ranks": {
                    s: dict(zip(self.options, self.ranks[i].tolist(), strict=True))
                    for i, s in enumerate(ids)
                },
                "top": dict(self.top),
                "tied_top": {k: list(v) for k, v in self.tied_top.items()},
                "recommendation": dict(self.recommendation),
                "group": {
                    "values": dict(zip(self.options, self.group_values.tolist(), strict=True)),
                    "ranks": dict(zip(self.options, self.group_ranks.tolist(), strict=True)),
                    "top": self.group_top,
                },
                "spearman": pairs(self.spearman),
                "weighted_spearman": pairs(self.weighted_spearman),
                "ws_similarity": pairs(self.ws_similarity),
                "kendall_w": self.kendall_w,
                "criteria": list(self.criteria),
                "global_weights": {
                    s: dict(zip(self.criteria, self.global_weights[i].tolist(), strict=True))
                    for i, s in enumerate(ids)
                },
                "group_weights": dict(zip(self.criteria, self.group_weights.tolist(), strict=True)),
                "weight_range": dict(zip(self.criteria, self.weight_range.tolist(), strict=True)),
                "most_different": list(self.most_different),
                "win_share": dict(self.win_share),
                "unanimous": self.unanimous,
                "divergences": [d.to_dict() for d in self.divergences],
            }
        )

    def __repr__(self) -> str:
        tops = ", ".join(f"{s}: {t}" for s, t in self.top.items())
        return (
            f"ServiceAgreement({self.service!r}, view={self.view!r}, "
            f"kendall_w={self.kendall_w:.3f}, unanimous={self.unanimous}; {tops})"
        )

    def _repr_html_(self) -> str:
        """Each stakeholder's rank of each option, with the group's, Kendall's W and the
        criteria whose weights differ most (ids and numbers)."""
        head = "".join(f"<th>{html.escape(o)}</th>" for o in self.options)
        rows = [
            f"<tr><td>{html.escape(name)}</td>"
            + "".join(f"<td>{r:g}</td>" for r in self.ranks[i].tolist())
            + f"<td>{html.escape(self.top.get(sid) or '–')}</td></tr>"
            for i, (sid, name) in enumerate(zip(self.stakeholders, self.names, strict=True))
        ]
        rows.append(
            "<tr><td><b>group</b></td>"
            + "".join(f"<td><b>{r:g}</b></td>" for r in self.group_ranks.tolist())
            + f"<td><b>{html.escape(self.group_top or '–')}</b></td></tr>"
        )
        w = "–" if math.isnan(self.kendall_w) else f"{self.kendall_w:.3f}"
        caption = html.escape(
            f"{self.service} · {self.view} · {self.method}: Kendall W = {w}, "
            f"unanimous = {self.unanimous}"
        )
        differ = html.escape(", ".join(self.most_different[:3]))
        return (
            f"<table><caption>{caption}</caption>"
            f"<thead><tr><th>rank</th>{head}<th>top</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>most_different: {differ}</p>"
        )


@dataclass(frozen=True, eq=False)
class GroupAgreement(JSONMixin, Mapping[str, ServiceAgreement]):
    """Agreement per service area (result of :func:`agreement`); a mapping
    ``service_id -> ServiceAgreement``."""

    title: str
    view: str
    method: str
    voting: VotingWeights
    services: Mapping[str, ServiceAgreement]
    illustrative: bool = False

    def __getitem__(self, key: str) -> ServiceAgreement:
        try:
            return self.services[key]
        except KeyError:
            raise SamvalgError(
                f"service {key!r} is not in this analysis (allowed: {', '.join(self.services)})"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.services)

    def __len__(self) -> int:
        return len(self.services)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "illustrative": self.illustrative,
            "view": self.view,
            "method": self.method,
            "voting": self.voting.to_dict(),
            "services": {k: v.to_dict() for k, v in self.services.items()},
        }

    def __repr__(self) -> str:
        lines = [
            f"GroupAgreement(view={self.view!r}, method={self.method!r}, {self.voting.scheme})"
        ]
        for sid, sa in self.services.items():
            w = "nan" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.3f}"
            lines.append(
                f"  {sid}: W={w}, {'unanimous' if sa.unanimous else 'split'}; "
                f"group top {sa.group_top}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Per service area: Kendall's W, unanimity, the group's top option and the
        stakeholders whose top option differs."""
        rows = []
        for sid, sa in self.services.items():
            w = "–" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.3f}"
            apart = ", ".join(d.stakeholder for d in sa.divergences)
            rows.append(
                f"<tr><td>{html.escape(sid)}</td><td>{w}</td>"
                f"<td>{'yes' if sa.unanimous else 'no'}</td>"
                f"<td>{html.escape(sa.group_top or '–')}</td><td>{html.escape(apart)}</td></tr>"
            )
        caption = html.escape(f"{self.title} · {self.view} · {self.method} · {self.voting.scheme}")
        return (
            f"<table><caption>{caption}</caption>"
            "<thead><tr><th>service</th><th>Kendall W</th><th>unanimous</th>"
            "<th>group top</th><th>differs</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
