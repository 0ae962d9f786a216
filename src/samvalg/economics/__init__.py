"""Economics of the cooperation: baseline, savings scenarios, present value, cost-sharing keys.

What the council case asks for (section «Økonomi/økonomiske konsekvenser»):

- **Baseline** (:func:`baseline`): today's FTE and wage cost per staffing group and municipality,
  from the case's tables (which group lønn + regnskap + fakturering and arkiv + postmottak).
- **Savings scenarios** (:func:`scenario_analysis`): 10 % / 21 % (one outside example the case
  cites, AKST, NIVI Rapport 2024:2; not a forecast) / 30 % of today's FTE (a catalogue's own
  evidence: :func:`case_scenarios`), one-off establishment costs, phase-in, yearly cash flows
  and present value at a real discount rate (4 %, R-109/2021), the 1.1 MNOK project grant as
  an option, and every municipality's result under a cost-sharing key.
- **Cost control** (:func:`cost_control`): the case's principle that the cooperation's costs
  must not grow faster than the rest of the services, year by year.
- **Cost-sharing keys** (:func:`share_costs`, :func:`compare_costs`): population, equal,
  usage/volume and hybrids, to the krone (largest-remainder rounding).
- **Derived scores** (:func:`economic_scores`) for the economic criteria, with a documented
  mapping.

Examples
--------
>>> import samvalg
>>> b = samvalg.economics.baseline()
>>> b.total_nok
23200000
>>> sum(samvalg.economics.share_costs(b.total_nok, "population").values())
23200000
"""

from __future__ import annotations

from samvalg.economics._assumptions import case_scenarios
from samvalg.economics._control import CostControl, cost_control
from samvalg.economics.baseline import Baseline, StaffingGroup, baseline
from samvalg.economics.scenarios import (
    DEFAULT_ESTABLISHMENT,
    DEFAULT_PHASE_IN,
    DISCOUNT_RATE,
    DISCOUNT_RATE_SOURCE,
    GRANT_NOK,
    GRANT_SOURCE,
    SCENARIOS,
    EstablishmentCosts,
    MunicipalityScenario,
    SavingsScenario,
    ScenarioAnalysis,
    ScenarioResult,
    discount_factors,
    present_value,
    scenario_analysis,
)
from samvalg.economics.scores import MEASURES, EconomicScores, economic_scores
from samvalg.economics.sharing import (
    KEYS,
    CostComparison,
    MunicipalityCost,
    compare_costs,
    key_weights,
    share_costs,
)

__all__ = [
    "DEFAULT_ESTABLISHMENT",
    "DEFAULT_PHASE_IN",
    "DISCOUNT_RATE",
    "DISCOUNT_RATE_SOURCE",
    "GRANT_NOK",
    "GRANT_SOURCE",
    "KEYS",
    "MEASURES",
    "SCENARIOS",
    "Baseline",
    "CostComparison",
    "CostControl",
    "EconomicScores",
    "EstablishmentCosts",
    "MunicipalityCost",
    "MunicipalityScenario",
    "SavingsScenario",
    "ScenarioAnalysis",
    "ScenarioResult",
    "StaffingGroup",
    "baseline",
    "case_scenarios",
    "compare_costs",
    "cost_control",
    "discount_factors",
    "economic_scores",
    "key_weights",
    "present_value",
    "scenario_analysis",
    "share_costs",
]
