"""Results of :func:`samvalg.economics.scenario_analysis`: per scenario, per municipality, and
the analysis with the settings used."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from samvalg._json import JSONMixin
from samvalg.economics._assumptions import EstablishmentCosts, SavingsScenario
from samvalg.economics._money import closest
from samvalg.economics._notes import Note
from samvalg.economics.baseline import Baseline
from samvalg.economics.sharing import CostComparison
from samvalg.errors import SamvalgError


@dataclass(frozen=True)
class MunicipalityScenario:
    """One municipality's yearly net gain in one scenario (positive = better off than today)."""

    municipality: str
    net: np.ndarray
    present_value: float
    full_effect: CostComparison

    def to_dict(self) -> dict[str, Any]:
        row = self.full_effect[self.municipality]
        return {
            "municipality": self.municipality,
            "net": [int(x) for x in self.net],
            "present_value": self.present_value,
            "before": row.before,
            "after_full_effect": row.after,
            "pays_more_at_full_effect": row.pays_more,
            "share_of_saving": row.share_of_saving,
        }


@dataclass(frozen=True)
class ScenarioResult:
    """One savings scenario: yearly cash flows, present value, and per municipality."""

    scenario: SavingsScenario
    years: np.ndarray
    saving: np.ndarray
    establishment: np.ndarray
    grant: np.ndarray
    fte_saved_full: float
    nok_saved_full: int
    present_value: float
    municipalities: Mapping[str, MunicipalityScenario]

    @property
    def net(self) -> np.ndarray:
        """Joint yearly cash flow :math:`CF_t` (whole kroner)."""
        return cast(np.ndarray, self.saving - self.establishment + self.grant)

    @property
    def payback_year(self) -> int | None:
        """First year in which the cumulative undiscounted cash flow is >= 0 (None: never)."""
        cum = np.cumsum(self.net)
        idx = np.flatnonzero(cum >= 0)
        return int(self.years[idx[0]]) if idx.size else None

    @property
    def pays_more(self) -> tuple[str, ...]:
        """Municipalities paying more than today at full effect under the chosen key."""
        first = next(iter(self.municipalities.values()))
        return first.full_effect.pays_more

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.to_dict(),
            "years": self.years.tolist(),
            "saving": [int(x) for x in self.saving],
            "establishment": [int(x) for x in self.establishment],
            "grant": [int(x) for x in self.grant],
            "net": [int(x) for x in self.net],
            "present_value": self.present_value,
            "payback_year": self.payback_year,
            "fte_saved_full": self.fte_saved_full,
            "nok_saved_full": self.nok_saved_full,
            "pays_more": list(self.pays_more),
            "municipalities": {m: r.to_dict() for m, r in self.municipalities.items()},
        }

    def _repr_html_(self) -> str:
        """Yearly cash flows (whole kroner) and each municipality's net gain."""
        from samvalg._format import fmt_number

        munis = list(self.municipalities)
        head = "".join(f"<th>{html.escape(m)}</th>" for m in munis)
        rows = []
        for t, year in enumerate(self.years.tolist()):
            cells = [self.saving[t], self.establishment[t], self.grant[t], self.net[t]]
            cells += [self.municipalities[m].net[t] for m in munis]
            tds = "".join(
                f"<td style='text-align:right'>{fmt_number(int(x), 'nb', 0)}</td>" for x in cells
            )
            rows.append(f"<tr><td>{int(year)}</td>{tds}</tr>")
        payback = "–" if self.payback_year is None else str(self.payback_year)
        return (
            f"<table><caption>{html.escape(self.scenario.label_nb)}: nåverdi "
            f"{fmt_number(self.present_value, 'nb', 0)} kr, tilbakebetalt {payback}</caption>"
            "<thead><tr><th>År</th><th>Gevinst</th><th>Etablering</th><th>Tilskudd</th>"
            f"<th>Netto</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )


@dataclass(frozen=True)
class ScenarioAnalysis(JSONMixin):
    """Result of :func:`scenario_analysis`: every scenario, with the settings used."""

    baseline: Baseline
    groups: tuple[str, ...]
    scenarios: Mapping[str, ScenarioResult]
    horizon: int
    discount_rate: float | str
    discount_rate_source: str
    phase_in: tuple[float, ...]
    establishment: EstablishmentCosts
    include_grant: bool
    key: str | Mapping[str, float]
    notes: tuple[Note, ...]
    #: Where the grant counted as income comes from (empty without ``include_grant``).
    grant_source: str = ""

    def __getitem__(self, scenario_id: str) -> ScenarioResult:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise SamvalgError(
                f"unknown scenario {scenario_id!r}{closest(scenario_id, self.scenarios)} "
                f"(allowed: {', '.join(self.scenarios)})"
            ) from None

    @property
    def total_before(self) -> int:
        return sum(self.baseline.group(g).total_nok for g in self.groups)

    def to_dict(self) -> dict[str, Any]:
        from samvalg._version import __version__

        return {
            "samvalg_version": __version__,
            "groups": list(self.groups),
            "services": [s for g in self.groups for s in self.baseline.group(g).services],
            "total_before": self.total_before,
            "horizon": self.horizon,
            "discount_rate": self.discount_rate,
            "discount_rate_source": self.discount_rate_source,
            "phase_in": list(self.phase_in),
            "establishment": self.establishment.to_dict(),
            "include_grant": self.include_grant,
            "grant_source": self.grant_source,
            "key": self.key if isinstance(self.key, str) else dict(self.key),
            "baseline": self.baseline.to_dict(),
            "scenarios": {k: v.to_dict() for k, v in self.scenarios.items()},
            "notes": [n.to_dict() for n in self.notes],
        }

    def _repr_html_(self) -> str:
        from samvalg._format import fmt_number

        munis = self.baseline.municipalities
        head = "".join(f"<th>{html.escape(m)} (nåverdi)</th>" for m in munis)
        rows = []
        for r in self.scenarios.values():
            cells = "".join(
                f"<td style='text-align:right'>"
                f"{fmt_number(r.municipalities[m].present_value, 'nb', 0)}"
                f"{' ⚠' if m in r.pays_more else ''}</td>"
                for m in munis
            )
            rows.append(
                f"<tr><td>{html.escape(r.scenario.label_nb)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.fte_saved_full, 'nb', 1)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.nok_saved_full, 'nb', 0)}</td>"
                f"<td style='text-align:right'><b>{fmt_number(r.present_value, 'nb', 0)}</b></td>"
                f"{cells}</tr>"
            )
        notes = "".join(f"<li>{html.escape(n.code)}</li>" for n in self.notes)
        return (
            f"<table><caption>Gevinstscenarier over {self.horizon} år, kalkulasjonsrente "
            f"{html.escape(str(self.discount_rate))}</caption>"
            "<thead><tr><th>Scenario</th><th>Årsverk spart (full effekt)</th>"
            "<th>Kr spart per år (full effekt)</th><th>Nåverdi samlet (kr)</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p>⚠ = betaler mer enn i dag ved full effekt.</p><ul>{notes}</ul>"
        )

    def __repr__(self) -> str:
        lines = [
            f"ScenarioAnalysis(groups={list(self.groups)}, horizon={self.horizon}, "
            f"rate={self.discount_rate}, key={self.key!r})"
        ]
        for sid, r in self.scenarios.items():
            lines.append(
                f"  {sid} ({r.scenario.share:.0%}): PV {r.present_value:,.0f} kr; "
                f"full effect {r.nok_saved_full:,} kr/yr, {r.fte_saved_full:.2f} FTE"
                + (f"; pays more: {', '.join(r.pays_more)}" if r.pays_more else "")
            )
        return "\n".join(lines)
