"""Economic criteria derived from the savings scenarios instead of judged (``[derived]``).

An assessment file may say that some criteria are not judged but derived from the economics of
the case (:mod:`samvalg.economics`), per service area and option::

    [derived.okonomi_effektivisering]   # strategy: Økonomi/effektivisering
    source = "economics"                # the only source so far
    measure = "efficiency"              # default for this criterion
    services = ["sentralbord", "postmottak", "arkiv", "lonn", "regnskap", "fakturering"]
    # cap = 0.30                        # ratio that earns the top score
    # step = 1                          # round to whole points (default: unrounded; 1 on ±)

    [derived.okonomi_kostnadsdeling]    # model: Økonomi og kostnadsdeling
    source = "economics"
    measure = "sharing"

    [economics]                         # optional; defaults = samvalg.economics defaults
    key = "population"                  # or "equal", or { equal = 0.4, population = 0.6 }
    horizon = 10
    discount_rate = 0.04                # or "r109"
    phase_in = [0.25, 0.5, 0.75, 1.0]
    [economics.scenarios]               # name = saving share (defaults: low, expected,
    expected = 0.21                     #   high from the catalogue's [case] evidence)
    [economics.options]                 # which scenario each option realises
    egen_drift = "none"                 # today's arrangement: the zero point (always)
    fagnettverk = "low"
    default = "expected"                # every other option
    [economics.establishment]           # the project's one-off costs, whole kroner
    project_management = 1200000
    [economics.staffing.plan.<municipality>]  # staffing for areas the case has no figures for
    fte = 2.0
    nok = 1700000

The mapping, per service area :math:`s` and option :math:`o`
-------------------------------------------------------------
1. **Staffing**: :math:`s`'s FTE and wage cost per municipality from the catalogue's staffing
   tables (:func:`samvalg.economics.baseline`; a grouped table is split equally between its
   services), or from ``[economics.staffing]``. A service area without staffing figures
   (in the shipped catalogue, the four of the case's later phase) cannot be derived: that is an
   error (naming the service and the table to add) until the user supplies its staffing or
   leaves it out of ``services`` and judges the criterion there.
2. **Scenario**: ``[economics.options]`` names the scenario :math:`o` realises: the exact option
   (``"vertskommune:<host>"``), else its form (``"vertskommune"``), else ``default``.
   ``egen_drift`` is today's arrangement, the zero point: ``"none"``, no saving and no cost.
3. **Cash flows** of :math:`s` alone (:func:`samvalg.economics.scenario_analysis` on a
   one-service baseline): the saving share of :math:`s`'s wage cost, phased in, less
   :math:`s`'s part of the project's one-off costs :math:`E_s = E \\, C_s / \\sum_k C_k` (in
   proportion to today's wage cost of the service areas with staffing, largest remainder to
   the krone), shared between the municipalities by ``key``.
4. **Ratio** (:func:`samvalg.economics.economic_scores`): ``efficiency``
   :math:`r = PV(CF) / PV(B)`, the net gain over today's cost in years :math:`1..H`;
   ``sharing`` :math:`r = \\min_i PV(N_i) / PV(b_i)`, the worst-off municipality's net gain over
   its own cost today.
5. **Score** on the criterion's declared scale :math:`[\\ell, u]` with zero point :math:`z` (the
   midpoint of a numeric scale, 0 = ``"0"`` on DFØ's pluss-minus scale):
   :math:`x = z + \\text{clip}(r/c, -1, 1)\\,(u - z)` for :math:`r \\ge 0`, and
   :math:`x = z + \\text{clip}(r/c, -1, 1)\\,(z - \\ell)` for :math:`r < 0`, with the cap
   :math:`c` = 0.30 (the top of the case's 10–30 % evidence). Rounded to ``step`` when given;
   on the pluss-minus scale always to whole steps (default 1). The zero option scores
   :math:`z`. Model criteria stay ``"na"`` for egen drift and fagnettverk (not formal forms).

With a uniform saving share and one-off costs in proportion to today's cost, ``efficiency``
is the same for every service area with the same scenario: it separates the options by the
scenario they realise, not the service areas. ``sharing`` differs between service areas,
because today's cost is spread differently between the municipalities than the key spreads it.

Derived cells are computed on loading and replace judged ones: the file must not also give a
score (or ``"na"``) for a derived cell; a stakeholder cannot override one. Each derived cell
carries a generated rationale (the scenario, the present value and the ratio).
:meth:`Assessment.to_dict` and :func:`samvalg.io.dump_toml` keep the ``[derived]`` and
``[economics]`` tables, not the computed numbers. The mapping is a documented convention, not
a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from samvalg import economics as eco

__all__ = ["DerivedCriterion", "EconomicsSettings", "default_economics"]


SOURCES: tuple[str, ...] = ("economics",)
DERIVED_KEYS: tuple[str, ...] = ("source", "measure", "services", "cap", "step")
ECONOMICS_KEYS: tuple[str, ...] = (
    "key",
    "horizon",
    "discount_rate",
    "phase_in",
    "scenarios",
    "options",
    "establishment",
    "staffing",
)
ESTABLISHMENT_KEYS: tuple[str, ...] = (
    "project_management",
    "system_harmonisation",
    "moving",
    "ict",
    "spread",
)
NONE = "none"
ZERO_OPTION = "egen_drift"
DEFAULT_OPTIONS: Mapping[str, str] = MappingProxyType(
    {"egen_drift": NONE, "fagnettverk": "low", "default": "expected"}
)
"""Which scenario each option realises when ``[economics.options]`` does not say."""

Path_ = list[str | int]


@dataclass(frozen=True, eq=False)
class DerivedCriterion:
    """A criterion whose scores are derived, not judged (``[derived.<criterion>]``).

    Attributes
    ----------
    criterion : str
        Criterion id, e.g. ``"okonomi_effektivisering"``.
    set_id : str
        Its criteria set.
    source : str
        ``"economics"`` (the savings scenarios of :mod:`samvalg.economics`).
    measure : str
        ``"efficiency"`` or ``"sharing"`` (see :func:`samvalg.economics.economic_scores`).
    services : tuple of str
        Service areas where the criterion is derived (default: every assessed one).
    cap : float
        Ratio that earns the top score (default 0.30).
    step : float or None
        Rounding step of the score (``None``: unrounded; 1 on the pluss-minus scale).
    input : mapping
        The table as given in the file (what :meth:`Assessment.to_dict` writes back).

    Examples
    --------
    >>> d = DerivedCriterion("okonomi_effektivisering", "strategy", "economics", "efficiency",
    ...                      ("lonn",), 0.3, None, {"source": "economics"})
    >>> d.applies_to("lonn"), d.applies_to("plan")
    (True, False)
    """

    criterion: str
    set_id: str
    source: str
    measure: str
    services: tuple[str, ...]
    cap: float
    step: float | None
    input: Mapping[str, Any] = field(default_factory=dict)

    def applies_to(self, service_id: str) -> bool:
        """Whether the criterion is derived in `service_id`."""
        return service_id in self.services


@dataclass(frozen=True, eq=False)
class EconomicsSettings:
    """The scenario settings of ``[economics]``, validated (defaults = samvalg.economics').

    Attributes
    ----------
    key : str or mapping
        Cost-sharing key (``"population"``, ``"equal"`` or a hybrid of the two).
    horizon : int
        Years after the establishment year 0.
    discount_rate : float or str
        Real discount rate, or ``"r109"``.
    phase_in : tuple of float
        Share of the full saving in years 1, 2, ... (the last carries on).
    scenarios : mapping
        ``{name: saving share}`` (the defaults low / expected / high, with the file's changes).
    options : mapping
        ``{option, form or "default": scenario name or "none"}``.
    establishment : EstablishmentCosts
        The project's one-off costs (spread over the service areas by today's cost).
    staffing : mapping
        ``[economics.staffing]`` as given (passed to ``baseline(extra=...)``).
    input : mapping
        The table as given in the file (empty when the file has none).
    """

    key: str | Mapping[str, float]
    horizon: int
    discount_rate: float | str
    phase_in: tuple[float, ...]
    scenarios: Mapping[str, float]
    options: Mapping[str, str]
    establishment: eco.EstablishmentCosts
    staffing: Mapping[str, Any]
    input: Mapping[str, Any] = field(default_factory=dict)

    def scenario_of(self, option: str) -> str:
        """The scenario an option realises: the exact option, its form, else ``default``.

        Examples
        --------
        >>> s = default_economics()
        >>> s.scenario_of("egen_drift"), s.scenario_of("vertskommune:melhus")
        ('none', 'expected')
        """
        if option in self.options:
            return self.options[option]
        form = option.split(":", 1)[0]
        return self.options.get(form, self.options["default"])


def default_economics(catalogue: Any = None) -> EconomicsSettings:
    """The settings when the file has no ``[economics]`` table.

    The scenarios are :func:`samvalg.economics.default_scenarios` of the catalogue (default:
    the shipped one): none when its case states no savings evidence, so that a derived
    criterion then needs the file's own ``[economics.scenarios]``.
    """
    return EconomicsSettings(
        key="population",
        horizon=10,
        discount_rate=eco.DISCOUNT_RATE,
        phase_in=tuple(eco.DEFAULT_PHASE_IN),
        scenarios={k: s.share for k, s in eco.default_scenarios(catalogue).items()},
        options=dict(DEFAULT_OPTIONS),
        establishment=eco.DEFAULT_ESTABLISHMENT,
        staffing={},
    )
