"""The scenarios' assumptions: discount rate, phase-in, the savings scenarios of a catalogue's
case, its project grant and the one-off establishment costs, with their sources.

Nothing here names a case: the savings evidence and the grant are catalogue data
(``[case]`` in municipalities.toml, :mod:`samvalg.catalogue`), each with its source.
:func:`default_scenarios` gives the API's default scenarios (ids ``low``, ``expected``,
``high``) from that evidence; :func:`case_scenarios` gives one scenario per outside example,
as the briefing uses them; :func:`project_grant` gives the grant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from samvalg._format import fmt_percent
from samvalg.economics._money import as_fraction, largest_remainder, whole_kroner
from samvalg.errors import SamvalgError

DISCOUNT_RATE = 0.04
DISCOUNT_RATE_SOURCE = (
    "Finansdepartementet, rundskriv R-109/2021 «Prinsipper og krav ved utarbeidelse av "
    "samfunnsøkonomiske analyser», og DFØ, «Veileder i samfunnsøkonomiske analyser»: "
    "risikojustert reell kalkulasjonsrente 4 % for år 0–40 (3 % for år 40–75)"
)
#: Fraction of the full saving realised in years 1, 2, ... (the last value carries on).
#: Illustrative: staff reductions through natural turnover and retirements over four years.
DEFAULT_PHASE_IN: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class SavingsScenario:
    """A saving share of today's FTE and wage cost, with its source.

    Attributes
    ----------
    id : str
        ``"low"``, ``"expected"``, ``"high"`` or a user's own.
    share : float
        Saving as a share of today's FTE (and wage cost) in every included staffing group.
    by_group : mapping, optional
        Override ``share`` for single staffing groups, ``{group_id: share}``.
    """

    id: str
    share: float
    label_nb: str
    label_en: str
    source: str
    by_group: Mapping[str, float] = field(default_factory=dict)

    def share_of(self, group_id: str) -> float:
        return float(self.by_group.get(group_id, self.share))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "share": self.share,
            "by_group": dict(self.by_group),
            "label_nb": self.label_nb,
            "label_en": self.label_en,
            "source": self.source,
        }


@dataclass(frozen=True)
class EstablishmentCosts:
    """One-off costs of establishing the cooperation, whole kroner (the case's list).

    The defaults are **illustrative placeholders**, not estimates from the case (which gives
    none): replace them with the project's own figures.

    Attributes
    ----------
    project_management : int
        Prosjektledelse, kartlegging og juridisk arbeid.
    system_harmonisation : int
        Harmonisering av systemer.
    moving : int
        Flytting av ansatte / omorganisering.
    ict : int
        Investeringer i felles IKT-løsninger.
    spread : tuple of float
        Share of the total falling in year 0, 1, ... (sums to 1).
    illustrative : bool
        True for the shipped defaults.
    """

    project_management: int = 1_200_000
    system_harmonisation: int = 1_500_000
    moving: int = 300_000
    ict: int = 1_000_000
    spread: tuple[float, ...] = (1.0,)
    illustrative: bool = False

    def __post_init__(self) -> None:
        for name in ("project_management", "system_harmonisation", "moving", "ict"):
            whole_kroner(getattr(self, name), f"establishment.{name}")
        fr = [as_fraction(s, "establishment.spread") for s in self.spread]
        if not fr or any(s < 0 for s in fr) or abs(sum(fr, Fraction(0)) - 1) > Fraction(1, 10**9):
            raise SamvalgError(
                f"establishment.spread: {list(self.spread)} must be non-negative shares by year "
                "(year 0 first) summing to 1"
            )

    @property
    def total(self) -> int:
        return self.project_management + self.system_harmonisation + self.moving + self.ict

    def by_year(self, horizon: int) -> list[int]:
        """Whole kroner per year 0..horizon (largest remainder over the spread)."""
        if len(self.spread) > horizon + 1:
            raise SamvalgError(
                f"establishment.spread covers {len(self.spread)} years, longer than the horizon "
                f"({horizon} years after year 0)"
            )
        weights = {f"{t:04d}": as_fraction(s, "spread") for t, s in enumerate(self.spread)}
        if sum(weights.values()) == 0:
            return [0] * (horizon + 1)
        parts = largest_remainder(int(self.total), weights)
        out = [parts[f"{t:04d}"] for t in range(len(self.spread))]
        return out + [0] * (horizon + 1 - len(out))

    def to_dict(self) -> dict[str, Any]:
        return {
            "project_management": self.project_management,
            "system_harmonisation": self.system_harmonisation,
            "moving": self.moving,
            "ict": self.ict,
            "total": self.total,
            "spread": list(self.spread),
            "illustrative": self.illustrative,
        }


#: Shipped defaults: clearly illustrative (the case gives no estimate).
DEFAULT_ESTABLISHMENT = EstablishmentCosts(illustrative=True)


def case_scenarios(catalogue: Any) -> dict[str, SavingsScenario]:
    """The savings scenarios a catalogue's case supports, with their sources (empty: none).

    One scenario per outside example in ``[[case.savings_evidence]]`` (id = the example's id,
    share = its reported saving) and, with ``[case.savings_range]``, ``low`` and ``high`` at
    the ends of the reported range. An example saves only in the staffing groups it covered:
    a group none of whose services is in ``services`` gets the share 0 (an example that did
    not cover the switchboard saves nothing there). The range applies to the same groups as the
    examples (the case reports it for "tilsvarende oppgaver"); with no example, to every group.

    Parameters
    ----------
    catalogue : Catalogue

    Returns
    -------
    dict
        ``{scenario_id: SavingsScenario}`` in the order low, examples, high; empty when the
        case states no savings evidence.

    Examples
    --------
    >>> import samvalg
    >>> sc = case_scenarios(samvalg.catalogue())
    >>> list(sc), sc["akst"].share, sc["akst"].share_of("sentralbord")
    (['low', 'akst', 'high'], 0.21, 0.0)
    """
    case = getattr(catalogue, "case", None)
    if case is None:
        return {}
    groups = getattr(catalogue, "staffing_groups", {})

    def uncovered(services: set[str]) -> dict[str, float]:
        if not services:
            return {}
        return {gid: 0.0 for gid, g in groups.items() if not set(g.services) & services}

    covered: set[str] = set()
    for ev in case.savings_evidence:
        covered |= set(ev.services)
    out: dict[str, SavingsScenario] = {}
    rng = case.savings_range
    if rng is not None:
        out["low"] = _range_end(rng, "low", rng.source, uncovered(covered))
    for ev in case.savings_evidence:
        out[ev.id] = _example(ev, ev.id, uncovered(set(ev.services)))
    if rng is not None:
        out["high"] = _range_end(rng, "high", rng.source, uncovered(covered))
    return out


def _range_end(rng: Any, end: str, source: str, zero: dict[str, float]) -> SavingsScenario:
    """Scenario ``low`` or ``high``: an end of the case's savings range."""
    share = float(rng.low if end == "low" else rng.high)
    nb, en = ("Nedre ende", "Low end") if end == "low" else ("Øvre ende", "High end")
    return SavingsScenario(
        end,
        share,
        f"{nb} ({fmt_percent(share, 'nb')})",
        f"{en} ({fmt_percent(share, 'en')})",
        source,
        zero,
    )


def _example(ev: Any, sid: str, zero: dict[str, float]) -> SavingsScenario:
    """Scenario ``sid``: an outside example's share, labelled with its name."""
    return SavingsScenario(
        sid,
        ev.share,
        f"Som {ev.name} ({fmt_percent(ev.share, 'nb')})",
        f"As {ev.name} ({fmt_percent(ev.share, 'en')})",
        ev.source,
        zero,
    )


def _case(catalogue: Any) -> Any:
    if catalogue is None:
        from samvalg.catalogue import catalogue as shipped

        catalogue = shipped()
    return getattr(catalogue, "case", None)


def default_scenarios(catalogue: Any = None) -> dict[str, SavingsScenario]:
    """The API's default savings scenarios, from a catalogue's case (default: the shipped one).

    ``low`` and ``high`` are the ends of ``[case.savings_range]``; ``expected`` is the first
    outside example of ``[[case.savings_evidence]]`` (an example, never a forecast). Each
    applies its share to every staffing group (unlike :func:`case_scenarios`, which keeps an
    example to the groups it covered) and carries the catalogue's source. A scenario the case
    gives no evidence for is left out.

    Parameters
    ----------
    catalogue : Catalogue, optional
        Default: :func:`samvalg.catalogue.catalogue`.

    Returns
    -------
    dict
        ``{"low": ..., "expected": ..., "high": ...}`` (those the case supports); empty when
        the case states no savings evidence, so a caller must then name its own shares.

    Examples
    --------
    >>> sc = default_scenarios()
    >>> [(k, s.share) for k, s in sc.items()]
    [('low', 0.1), ('expected', 0.21), ('high', 0.3)]
    """
    case = _case(catalogue)
    out: dict[str, SavingsScenario] = {}
    if case is None:
        return out
    rng = case.savings_range
    if rng is not None:
        out["low"] = _range_end(rng, "low", f"{rng.source} (nedre ende / low end)", {})
    if case.savings_evidence:
        out["expected"] = _example(case.savings_evidence[0], "expected", {})
    if rng is not None:
        out["high"] = _range_end(rng, "high", f"{rng.source} (øvre ende / high end)", {})
    return out


def named_scenario(name: str, share: float, catalogue: Any = None) -> SavingsScenario:
    """A scenario ``name = share`` of a settings table: the catalogue's default scenario of
    that name, with its labels and source, when the share is its share; else a user-supplied
    one (labelled with its name and share, source "brukeroppgitt / user-supplied").

    Examples
    --------
    >>> named_scenario("expected", 0.21).source == default_scenarios()["expected"].source
    True
    >>> named_scenario("expected", 0.15).source
    'brukeroppgitt / user-supplied'
    """
    known = default_scenarios(catalogue).get(name)
    if known is not None and known.share == share:
        return known
    nb, en = fmt_percent(share, "nb"), fmt_percent(share, "en")
    return SavingsScenario(
        name, share, f"{name} ({nb})", f"{name} ({en})", "brukeroppgitt / user-supplied"
    )


def project_grant(catalogue: Any = None) -> tuple[int, str] | None:
    """The project grant a catalogue's case reports, ``(whole kroner, source)``; None when it
    reports none.

    Examples
    --------
    >>> nok, source = project_grant()
    >>> nok
    1100000
    """
    case = _case(catalogue)
    grant = None if case is None else case.project_grant
    return None if grant is None else (int(grant.nok), str(grant.source))
