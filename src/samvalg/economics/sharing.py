"""Cost-sharing keys (finansieringsmodeller) and each municipality's cost before and after.

The council case lists four ways to share a joint cost ("Finansieringsmodeller"): by population
(folketall), by use or volume (bruk/volum: cases, payslips, invoices, documents), an equal share
per municipality, and hybrids. :func:`share_costs` implements all four; :func:`compare_costs`
sets each municipality's share of the joint cost after cooperation against what it pays today,
its share of the saving, and flags every municipality that would pay more than today.

Rounding rule (stated once, used everywhere): amounts are whole kroner; the exact quota of each
municipality is computed with rational arithmetic, each gets the integer part, and the remaining
kroner go one each to the largest remainders (Hamilton's largest-remainder method; ties: larger
weight first, then municipality id alphabetically). Shares therefore always sum to the total to
the krone, and each share differs from its exact quota by less than 1 kr.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samvalg._json import JSONMixin
from samvalg.economics._keys import (
    KEYS,
    _municipality_ids,
    key_weights,
    share_costs,
)
from samvalg.economics._keys import population_date as population_date
from samvalg.economics._keys import populations as populations
from samvalg.economics._money import closest, whole_kroner
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = [
    "KEYS",
    "CostComparison",
    "MunicipalityCost",
    "compare_costs",
    "key_weights",
    "share_costs",
]


@dataclass(frozen=True)
class MunicipalityCost:
    """One municipality's yearly cost before and after, in whole kroner."""

    municipality: str
    before: int
    after: int
    share_of_cost: float
    share_of_saving: float | None

    @property
    def change(self) -> int:
        """``after - before`` (negative = the municipality saves)."""
        return self.after - self.before

    @property
    def pays_more(self) -> bool:
        """True when the municipality would pay more than today."""
        return self.after > self.before

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "before": self.before,
            "after": self.after,
            "change": self.change,
            "share_of_cost": self.share_of_cost,
            "share_of_saving": self.share_of_saving,
            "pays_more": self.pays_more,
        }


@dataclass(frozen=True)
class CostComparison(JSONMixin):
    """Each municipality's cost today and its share of the joint cost after.

    See :func:`compare_costs`.
    """

    key: str | Mapping[str, float]
    total_before: int
    total_after: int
    rows: tuple[MunicipalityCost, ...]

    @property
    def saving(self) -> int:
        """Joint yearly saving ``before - after`` (negative = the joint cost grows)."""
        return self.total_before - self.total_after

    @property
    def pays_more(self) -> tuple[str, ...]:
        """Municipalities that would pay more than today (nobody should, without it being said)."""
        return tuple(r.municipality for r in self.rows if r.pays_more)

    def __getitem__(self, municipality: str) -> MunicipalityCost:
        for r in self.rows:
            if r.municipality == municipality:
                return r
        ids = [r.municipality for r in self.rows]
        raise SamvalgError(
            f"unknown municipality {municipality!r}{closest(municipality, ids)} "
            f"(allowed: {', '.join(ids)})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key if isinstance(self.key, str) else dict(self.key),
            "total_before": self.total_before,
            "total_after": self.total_after,
            "saving": self.saving,
            "municipalities": [r.to_dict() for r in self.rows],
            "pays_more": list(self.pays_more),
        }

    def _repr_html_(self) -> str:
        from samvalg._format import fmt_number, fmt_percent

        rows = []
        for r in self.rows:
            flag = " ⚠ betaler mer enn i dag" if r.pays_more else ""
            sos = "–" if r.share_of_saving is None else fmt_percent(r.share_of_saving, "nb", 1)
            rows.append(
                f"<tr><td>{html.escape(r.municipality)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.before, 'nb', 0)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.after, 'nb', 0)}</td>"
                f"<td style='text-align:right'>{fmt_number(r.change, 'nb', 0)}</td>"
                f"<td style='text-align:right'>{sos}</td><td>{flag}</td></tr>"
            )
        return (
            f"<table><caption>Kostnadsfordeling ({html.escape(_key_code(self.key))})</caption>"
            "<thead><tr><th>Kommune</th><th>I dag (kr)</th><th>Etter (kr)</th>"
            "<th>Endring (kr)</th><th>Andel av gevinsten</th><th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [f"CostComparison(key={self.key!r}, saving={self.saving})"]
        for r in self.rows:
            flag = "  PAYS MORE" if r.pays_more else ""
            lines.append(f"  {r.municipality}: {r.before} -> {r.after} ({r.change:+d}){flag}")
        return "\n".join(lines)


def _key_code(key: str | Mapping[str, float]) -> str:
    """The key as given (``"population"``, ``"40 % equal + 60 % population"``); in words:
    :func:`samvalg.text.economics.key_text`."""
    if isinstance(key, str):
        return key
    return " + ".join(f"{round(100 * float(w))} % {k}" for k, w in key.items())


def compare_costs(
    before: Mapping[str, int],
    total_after: int | float,
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    catalogue: Catalogue | None = None,
    *,
    population: Mapping[str, float] | None = None,
) -> CostComparison:
    """Each municipality's cost today against its share of the joint cost after cooperation.

    ``after_i`` is :func:`share_costs` of ``total_after`` under ``key``; the joint saving is
    :math:`S = \\sum_i b_i - \\sum_i a_i`, municipality :math:`i` saves :math:`b_i - a_i`, and
    its share of the saving is :math:`(b_i - a_i) / S` (undefined when :math:`S = 0`). A
    municipality with :math:`a_i > b_i` is flagged: it would pay more than today, which may happen
    under a population key even when the joint cost falls.

    Parameters
    ----------
    before : mapping
        Today's yearly cost per municipality in whole kroner
        (e.g. ``baseline().nok_by_municipality()``).
    total_after : int
        The joint yearly cost after cooperation, whole kroner.
    key, usage, catalogue, population
        As for :func:`share_costs`.

    Returns
    -------
    CostComparison

    Examples
    --------
    >>> import samvalg
    >>> before = {"skaun": 4_100_000, "melhus": 5_200_000, "midtre_gauldal": 5_500_000}
    >>> cmp = samvalg.economics.compare_costs(before, 11_692_000, "equal")
    >>> cmp.pays_more
    ()
    """
    ids = _municipality_ids(catalogue)
    unknown = [k for k in before if k not in ids]
    if unknown:
        raise SamvalgError(
            "; ".join(
                f"before: unknown municipality {k!r}{closest(k, ids)} (allowed: {', '.join(ids)})"
                for k in unknown
            )
        )
    missing = [m for m in ids if m not in before]
    if missing:
        raise SamvalgError(f"before: no cost for {', '.join(missing)}")
    b = {m: whole_kroner(before[m], f"before[{m!r}]") for m in ids}
    after = share_costs(total_after, key, usage, catalogue, population=population)
    t_before = sum(b.values())
    t_after = sum(after.values())
    saving = t_before - t_after
    rows = tuple(
        MunicipalityCost(
            municipality=m,
            before=b[m],
            after=after[m],
            share_of_cost=(after[m] / t_after) if t_after else 0.0,
            share_of_saving=((b[m] - after[m]) / saving) if saving else None,
        )
        for m in ids
    )
    return CostComparison(key=key, total_before=t_before, total_after=t_after, rows=rows)
