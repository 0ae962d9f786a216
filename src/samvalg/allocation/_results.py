"""The results of host allocation: the chosen plan and the value-balance trade-off curve."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from samvalg._json import JSONMixin

__all__ = ["AllocationResult", "TradeoffCurve", "TradeoffPoint"]


@dataclass(frozen=True)
class AllocationResult(JSONMixin):
    """The chosen plan, its balance, and what balance costs (see :func:`allocate_hosts`).

    Attributes
    ----------
    choice : dict
        ``{service_id: option}`` (``"vertskommune:melhus"``, ``"oppgavefellesskap"``, ...).
    hosted_fte : dict
        ``{municipality_id: FTE hosted}`` (0 for a municipality hosting nothing).
    value : float
        Total decision value of the plan.
    largest_share : float
        The largest municipality's share of the hosted FTE (0 when nothing is hosted).
    unconstrained_choice, unconstrained_value, unconstrained_hosted_fte
        The best plan without the balance bounds.
    value_given_up : float
        ``unconstrained_value - value`` (>= 0): the price of balance.
    optimal : bool
        False when the solver's ``time_limit`` stopped it: ``choice`` is then the best plan it
        had found (it meets every bound) and may not be the best one.
    gap : float
        The solver's relative MIP gap for ``choice``: at most this fraction of value could
        still be missing (HiGHS stops at 1e-4 when it proves optimality; larger when the time
        limit was hit).
    office, unconstrained_office : dict
        ``{service_id: municipality}``: the office municipality (kontorkommune) of each chosen
        kommunalt oppgavefellesskap, which counts as hosting (``office_hosts=True``).
    measure : {"fte", "areas"}
        What the balance counts: FTE (``hosted_fte`` in årsverk), or service areas (each area
        counts 1, when FTE are missing and ``missing_fte="areas"``).
    """

    choice: Mapping[str, str]
    hosted_fte: Mapping[str, float]
    value: float
    largest_share: float
    service_values: Mapping[str, float]
    unconstrained_choice: Mapping[str, str]
    unconstrained_value: float
    unconstrained_hosted_fte: Mapping[str, float]
    unconstrained_largest_share: float
    max_share: float
    min_services: Mapping[str, int]
    view: str
    method: str
    fte: Mapping[str, float]
    fte_source: Mapping[str, str]
    skipped: Mapping[str, str]
    illustrative: bool
    note: str = ""
    optimal: bool = True
    gap: float = 0.0
    office: Mapping[str, str] = field(default_factory=dict)
    unconstrained_office: Mapping[str, str] = field(default_factory=dict)
    measure: str = "fte"

    def host_of(self, service: str, unconstrained: bool = False) -> str | None:
        """The municipality hosting ``service`` in the plan: the host of a host option, or a
        KO's office municipality; None for neither."""
        choice = self.unconstrained_choice if unconstrained else self.choice
        office = self.unconstrained_office if unconstrained else self.office
        return choice[service].partition(":")[2] or office.get(service)

    @property
    def value_given_up(self) -> float:
        return max(0.0, self.unconstrained_value - self.value)

    @property
    def hosted_count(self) -> dict[str, int]:
        """Number of service areas hosted per municipality."""
        out = {m: 0 for m in self.hosted_fte}
        for s in self.choice:
            host = self.host_of(s)
            if host:
                out[host] = out.get(host, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        from samvalg._version import __version__

        return {
            "samvalg_version": __version__,
            "illustrative": self.illustrative,
            "view": self.view,
            "method": self.method,
            "max_share": self.max_share,
            "min_services": dict(self.min_services),
            "choice": dict(self.choice),
            "service_values": dict(self.service_values),
            "hosted_fte": dict(self.hosted_fte),
            "hosted_count": self.hosted_count,
            "largest_share": self.largest_share,
            "value": self.value,
            "unconstrained": {
                "choice": dict(self.unconstrained_choice),
                "value": self.unconstrained_value,
                "hosted_fte": dict(self.unconstrained_hosted_fte),
                "largest_share": self.unconstrained_largest_share,
                **(
                    {"office": dict(self.unconstrained_office)} if self.unconstrained_office else {}
                ),
            },
            "value_given_up": self.value_given_up,
            "fte": dict(self.fte),
            "fte_source": dict(self.fte_source),
            "skipped": dict(self.skipped),
            "note": self.note,
            # only with office_hosts / a balance by areas (keeps the plain output unchanged)
            **({"office": dict(self.office)} if self.office else {}),
            **({} if self.measure == "fte" else {"measure": self.measure}),
            # only when the time limit stopped the solver (keeps ordinary output unchanged)
            **({} if self.optimal else {"optimal": False, "gap": self.gap}),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(s)}</td><td><b>{html.escape(o)}</b></td>"
            f"<td>{html.escape(self.unconstrained_choice[s])}</td>"
            f"<td style='text-align:right'>{self.fte.get(s, 0.0):.2f}</td></tr>"
            for s, o in self.choice.items()
        )
        hosted = ", ".join(f"{m}: {v:.2f}" for m, v in self.hosted_fte.items())
        label = "<p><b>Illustrativt eksempel.</b></p>" if self.illustrative else ""
        skipped = (
            f"<p>Ikke med (mangler årsverk): {html.escape(', '.join(self.skipped))}</p>"
            if self.skipped
            else ""
        )
        return (
            f"{label}<table><caption>Vertskommunefordeling (maks andel {self.max_share:.0%}, "
            f"visning {html.escape(self.view)})</caption><thead><tr><th>Tjenesteområde</th>"
            "<th>Valgt</th><th>Uten balansekrav</th><th>Årsverk</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>Årsverk per vertskommune: {html.escape(hosted)}; "
            f"største andel {self.largest_share:.1%}. Verdi {self.value:.4f} "
            f"(uten krav {self.unconstrained_value:.4f}; avgitt for balanse "
            f"{self.value_given_up:.4f}).</p>{skipped}"
        )

    def __repr__(self) -> str:
        lines = [
            f"AllocationResult(max_share={self.max_share}, value={self.value:.4f}, "
            f"given_up={self.value_given_up:.4f}, largest_share={self.largest_share:.3f})"
        ]
        lines += [f"  {s}: {o}" for s, o in self.choice.items()]
        hosted = ", ".join(f"{m}={v:.2f}" for m, v in self.hosted_fte.items())
        lines.append(f"  hosted FTE: {hosted}")
        return "\n".join(lines)


@dataclass(frozen=True)
class TradeoffPoint:
    """One point of the trade-off curve."""

    bound: float
    largest_share: float | None
    value: float | None
    choice: Mapping[str, str] | None
    hosted_fte: Mapping[str, float] | None
    optimal: bool = True
    gap: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "bound": self.bound,
            "largest_share": self.largest_share,
            "value": self.value,
            "choice": None if self.choice is None else dict(self.choice),
            "hosted_fte": None if self.hosted_fte is None else dict(self.hosted_fte),
            **({} if self.optimal else {"optimal": False, "gap": self.gap}),
        }


@dataclass(frozen=True)
class TradeoffCurve(JSONMixin):
    """Best value against the largest hosted share (see :func:`tradeoff_curve`).

    ``points`` run from the unconstrained optimum towards ever tighter balance; a point with
    ``value is None`` means no plan meets that bound. ``exact`` is True for the whole frontier
    (``shares=None``) when every solve finished within its time limit; a point with
    ``optimal=False`` is the best plan found when the limit was hit (its ``gap`` says how far
    from proven).
    """

    points: tuple[TradeoffPoint, ...]
    view: str
    exact: bool
    illustrative: bool
    skipped: Mapping[str, str] = field(default_factory=dict)

    @property
    def shares(self) -> np.ndarray:
        return np.array(
            [np.nan if p.largest_share is None else p.largest_share for p in self.points]
        )

    @property
    def values(self) -> np.ndarray:
        return np.array([np.nan if p.value is None else p.value for p in self.points])

    def to_dict(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "exact": self.exact,
            "illustrative": self.illustrative,
            "points": [p.to_dict() for p in self.points],
            "skipped": dict(self.skipped),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{p.bound:.3f}</td><td>"
            f"{'–' if p.largest_share is None else f'{p.largest_share:.3f}'}</td><td>"
            f"{'ingen plan' if p.value is None else f'{p.value:.4f}'}</td></tr>"
            for p in self.points
        )
        return (
            "<table><caption>Verdi mot største andel vertskommune-årsverk</caption>"
            "<thead><tr><th>Grense</th><th>Største andel</th><th>Verdi</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# ------------------------------------------------------------------------------------ setup
