"""The case's cost-control principle as a check: the cooperation's yearly cost must not grow
faster than the rest of the municipalities' services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from samvalg.economics._scenario_results import ScenarioAnalysis
from samvalg.errors import SamvalgError

__all__ = ["CostControl", "cost_control"]


@dataclass(frozen=True)
class CostControl:
    """The cost-control check of a scenario analysis (see :func:`cost_control`).

    Attributes
    ----------
    growth : float
        The yearly real growth allowed (that of the rest of the services; 0 = held level).
    baseline : int
        Today's cost of the staffing groups in the cooperation, whole kroner.
    cost : mapping
        ``{scenario_id: array of the cooperation's cost in year 0..H}``.
    allowed : numpy.ndarray
        The cost allowed in year 0..H, :math:`B (1 + g)^t`.
    exceeded : mapping
        ``{scenario_id: tuple of the years in which cost > allowed}``.
    """

    growth: float
    baseline: int
    cost: Mapping[str, np.ndarray]
    allowed: np.ndarray
    exceeded: Mapping[str, tuple[int, ...]]

    @property
    def holds(self) -> dict[str, bool]:
        """``{scenario_id: True when no year exceeds the allowed cost}``."""
        return {s: not years for s, years in self.exceeded.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "growth": self.growth,
            "baseline": self.baseline,
            "allowed": [float(x) for x in self.allowed],
            "cost": {s: [int(x) for x in c] for s, c in self.cost.items()},
            "exceeded": {s: list(y) for s, y in self.exceeded.items()},
        }


def cost_control(analysis: ScenarioAnalysis, growth: float = 0.0) -> CostControl:
    r"""Check the principle that the cooperation's costs must not grow faster than the rest of
    the municipalities' services.

    The cooperation's cost in year :math:`t` is today's cost of the staffing groups less the
    saving, plus the one-off establishment costs falling that year, less the grant:
    :math:`K_t = B - S_t + E_t - G_t`. The rest of the services grow by :math:`g` a year in real
    terms (prices of the baseline year; default 0, held level), so the principle allows
    :math:`K_t \le B (1 + g)^t`. Years where it does not hold are listed per scenario.

    Parameters
    ----------
    analysis : ScenarioAnalysis
        From :func:`samvalg.economics.scenario_analysis`.
    growth : float
        Real yearly growth of the rest of the services, e.g. 0.01 (default 0).

    Returns
    -------
    CostControl

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.economics.scenario_analysis(horizon=5)
    >>> c = samvalg.economics.cost_control(a)
    >>> c.exceeded["expected"]   # the establishment year: one-off costs above the savings
    (0,)
    """
    if not isinstance(analysis, ScenarioAnalysis):
        raise SamvalgError(f"analysis: expected a ScenarioAnalysis, got {type(analysis).__name__}")
    if isinstance(growth, bool) or not isinstance(growth, int | float) or not -1 < growth < 1:
        raise SamvalgError(f"growth: expected a yearly rate such as 0.01, got {growth!r}")
    base = int(sum(analysis.baseline.nok_by_municipality(analysis.groups).values()))
    years = np.arange(analysis.horizon + 1)
    allowed = base * (1.0 + float(growth)) ** years
    cost: dict[str, np.ndarray] = {}
    exceeded: dict[str, tuple[int, ...]] = {}
    for sid, r in analysis.scenarios.items():
        k = base - np.asarray(r.saving) + np.asarray(r.establishment) - np.asarray(r.grant)
        cost[sid] = k.astype(np.int64)
        exceeded[sid] = tuple(int(t) for t in years[k > allowed + 1e-6])
    return CostControl(float(growth), base, cost, allowed, exceeded)
