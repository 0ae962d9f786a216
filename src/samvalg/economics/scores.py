"""Scores of the economic criteria derived from a scenario, instead of a judged score.

Two measures, both in present value over the analysis horizon, relative to what the
municipalities pay today (so they are unit-free and comparable between service areas):

- **efficiency** (for *Økonomi/effektivisering*, ``okonomi_effektivisering``):
  :math:`e = PV(CF) / PV(B)`, the joint net gain (savings less one-off costs, plus the grant if
  counted) over the present value of today's cost :math:`B` in years :math:`1..H`.
- **sharing** (for *Økonomi og kostnadsdeling*, ``okonomi_kostnadsdeling``):
  :math:`m = \\min_i PV(N_i) / PV(b_i)`, the worst-off municipality's net gain relative to its own
  cost today (a maximin reading of the councils' demand for equality: a key under which one
  municipality pays more than today scores below the zero option).

Mapping to a scale :math:`[\\ell, u]` with the zero option at :math:`z` (the midpoint for numeric
scales, 0 on DFØ's pluss-minus scale): :math:`x = z + \\text{clip}(r / c, -1, 1)\\,(u - z)` for
:math:`r \\ge 0` and :math:`x = z + \\text{clip}(r / c, -1, 1)\\,(z - \\ell)` for :math:`r < 0`,
where :math:`c` is the ratio that earns the top score (default 0.30, the upper end of the case's
10–30 % evidence). Today's arrangement (egen drift) has :math:`r = 0` and scores :math:`z`.

The mapping is a documented convention, not a finding: the assessment should say when a score
comes from here (wiring it into an assessment file is the assessment's job, not done here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from samvalg._json import JSONMixin
from samvalg.economics.scenarios import ScenarioAnalysis, discount_factors
from samvalg.errors import SamvalgError

__all__ = ["MEASURES", "EconomicScores", "economic_scores"]

#: criterion id -> measure used by default
MEASURES: dict[str, str] = {
    "okonomi_effektivisering": "efficiency",
    "okonomi_kostnadsdeling": "sharing",
}


@dataclass(frozen=True)
class EconomicScores(JSONMixin):
    """Derived scores of the economic criteria for a cooperation option.

    See :func:`economic_scores`.
    """

    scenario: str
    scores: Mapping[str, float]
    ratios: Mapping[str, float]
    zero_option_score: float
    scale: tuple[float, float, float]
    cap: float
    mapping: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "scores": dict(self.scores),
            "ratios": dict(self.ratios),
            "zero_option_score": self.zero_option_score,
            "scale": {"lower": self.scale[0], "zero": self.scale[1], "upper": self.scale[2]},
            "cap": self.cap,
            "mapping": self.mapping,
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{c}</td><td>{self.ratios[c]:.3f}</td><td><b>{s:.2f}</b></td></tr>"
            for c, s in self.scores.items()
        )
        return (
            f"<table><caption>Avledede økonomiskårer ({self.scenario})</caption>"
            "<thead><tr><th>Kriterium</th><th>Forhold</th><th>Skår</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p>{self.mapping}</p>"
        )


def _map(r: float, lower: float, zero: float, upper: float, cap: float) -> float:
    x = float(np.clip(r / cap, -1.0, 1.0))
    return zero + x * ((upper - zero) if x >= 0 else (zero - lower))


def economic_scores(
    analysis: ScenarioAnalysis,
    *,
    scenario: str = "expected",
    scale: tuple[float, float] | str = (1, 5),
    cap: float = 0.30,
    measures: Mapping[str, str] | None = None,
    step: float | None = None,
) -> EconomicScores:
    """Scores of the economic criteria for a cooperation option, derived from a scenario.

    See the module docstring for the measures and the mapping.

    Parameters
    ----------
    analysis : ScenarioAnalysis
        From :func:`~samvalg.economics.scenario_analysis` (its key gives the sharing measure).
    scenario : str
        Which scenario (default ``"expected"``, 21 %).
    scale : (lower, upper) or "plus_minus"
        The criterion's scale: numeric bounds (zero option at the midpoint) or DFØ's pluss-minus
        scale (-4..+4, zero option 0).
    cap : float
        Ratio that earns the top (or, negated, the bottom) score; default 0.30.
    measures : mapping, optional
        ``{criterion_id: "efficiency" | "sharing"}`` (default :data:`MEASURES`); add e.g.
        ``"kostnadseffektivitet": "efficiency"`` for the gain criterion.
    step : float, optional
        Round scores to this step (e.g. 1 for whole points); default: unrounded.

    Returns
    -------
    EconomicScores

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.economics.scenario_analysis(key="equal")
    >>> s = samvalg.economics.economic_scores(a)
    >>> 3 < s.scores["okonomi_effektivisering"] <= 5
    True
    """
    if not isinstance(analysis, ScenarioAnalysis):
        raise SamvalgError(
            f"analysis: expected a ScenarioAnalysis (samvalg.economics.scenario_analysis()), "
            f"got {type(analysis).__name__}"
        )
    res = analysis[scenario]
    if scale == "plus_minus":
        lower, zero, upper = -4.0, 0.0, 4.0
    elif isinstance(scale, tuple | list) and len(scale) == 2:
        lower, upper = float(scale[0]), float(scale[1])
        if not lower < upper:
            raise SamvalgError(f"scale: lower {lower} must be below upper {upper}")
        zero = (lower + upper) / 2
    else:
        raise SamvalgError(f"scale: expected (lower, upper) or 'plus_minus', got {scale!r}")
    if not (isinstance(cap, int | float) and cap > 0):
        raise SamvalgError(f"cap: expected a positive ratio such as 0.30, got {cap!r}")
    wanted = dict(MEASURES if measures is None else measures)
    bad = {c: m for c, m in wanted.items() if m not in ("efficiency", "sharing")}
    if bad:
        raise SamvalgError(f"measures: unknown measure(s) {bad} (allowed: 'efficiency', 'sharing')")
    d = discount_factors(analysis.horizon, analysis.discount_rate)
    years_pv = float(d[1:].sum())
    before = analysis.baseline.nok_by_municipality(analysis.groups)
    total_before = sum(before.values())
    efficiency = res.present_value / (total_before * years_pv) if total_before else 0.0
    sharing = min(
        (res.municipalities[m].present_value / (b * years_pv)) for m, b in before.items() if b
    )
    ratio_of = {"efficiency": efficiency, "sharing": sharing}
    scores, ratios = {}, {}
    for crit, measure in wanted.items():
        r = ratio_of[measure]
        x = _map(r, lower, zero, upper, float(cap))
        if step:
            x = float(np.clip(round(x / step) * step, lower, upper))
        scores[crit] = x
        ratios[crit] = r
    mapping = (
        f"efficiency = PV(netto gevinst) / PV(dagens kostnad, år 1–{analysis.horizon}); "
        "sharing = minste kommunes PV(netto gevinst) / PV(egen kostnad i dag); "
        f"skår = {zero:g} + clip(forhold / {cap:g}, -1, 1) × halv skala; "
        f"egen drift = {zero:g}."
    )
    return EconomicScores(
        scenario=scenario,
        scores=scores,
        ratios=ratios,
        zero_option_score=zero,
        scale=(lower, zero, upper),
        cap=float(cap),
        mapping=mapping,
    )
