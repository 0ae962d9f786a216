"""Economics of the cooperation: baseline, savings scenarios, present value, cost-sharing keys.

What a council case on cooperation asks for; every case-specific figure (staffing, savings
evidence, project grant) is catalogue data with its source (``[case]`` and the staffing tables
in municipalities.toml):

- **Baseline** (:func:`baseline`): today's FTE and wage cost per staffing group and municipality,
  from the catalogue's staffing tables (a group may cover several service areas).
- **Savings scenarios** (:func:`scenario_analysis`): saving shares of today's FTE from the
  evidence the case cites (:func:`default_scenarios`: the ends of a reported range and an
  outside example, never a forecast; :func:`case_scenarios`: one per example, kept to the
  groups it covered), one-off establishment costs, phase-in, yearly cash flows and present
  value at a real discount rate (4 %, R-109/2021), the case's project grant
  (:func:`project_grant`) as an option, and every municipality's result under a cost-sharing
  key.
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

from samvalg.economics._assumptions import (
    case_scenarios,
    default_scenarios,
    named_scenario,
    project_grant,
)
from samvalg.economics._control import CostControl, cost_control
from samvalg.economics.baseline import Baseline, StaffingGroup, baseline
from samvalg.economics.scenarios import (
    DEFAULT_ESTABLISHMENT,
    DEFAULT_PHASE_IN,
    DISCOUNT_RATE,
    DISCOUNT_RATE_SOURCE,
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
    "KEYS",
    "MEASURES",
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
    "default_scenarios",
    "discount_factors",
    "economic_scores",
    "key_weights",
    "named_scenario",
    "present_value",
    "project_grant",
    "scenario_analysis",
    "share_costs",
]
