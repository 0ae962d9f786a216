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
from fractions import Fraction
from typing import Any

from samvalg._json import JSONMixin
from samvalg.economics._money import as_fraction, closest, largest_remainder, whole_kroner
from samvalg.errors import SamvalgError

__all__ = [
    "KEYS",
    "CostComparison",
    "MunicipalityCost",
    "compare_costs",
    "key_weights",
    "share_costs",
]

#: The simple keys; a hybrid is a mapping of these to weights that sum to 1.
KEYS: tuple[str, ...] = ("population", "equal", "usage")

KEY_LABELS: dict[str, tuple[str, str]] = {
    "population": ("etter folketall", "by population"),
    "equal": ("lik andel per kommune", "equal share per municipality"),
    "usage": ("etter bruk/volum", "by use/volume"),
}


def _load_catalogue(catalogue: Any) -> Any:
    if catalogue is not None:
        return catalogue
    from samvalg.catalogue import catalogue as load

    return load()


def _municipality_ids(catalogue: Any) -> tuple[str, ...]:
    return tuple(_load_catalogue(catalogue).municipalities)


def populations(
    catalogue: Any = None, population: Mapping[str, Any] | None = None
) -> dict[str, Fraction]:
    """Population per municipality: ``population`` if given, else the catalogue's figures.

    From the catalogue, every municipality's figure of the same date is used: the newest date
    all of them have (:func:`population_date`).
    """
    ids = _municipality_ids(catalogue)
    if population is not None:
        return _volumes(population, ids, "population")
    cat = _load_catalogue(catalogue)
    common = population_date(cat)
    out = {}
    for m in ids:
        pop = cat.municipalities[m].population
        entry = pop.as_of(common) if hasattr(pop, "as_of") else pop
        out[m] = Fraction(int(entry.value))
    return out


def population_date(catalogue: Any = None) -> Any:
    """The newest date for which *every* municipality has a population figure.

    The population key uses figures of one common date, so a newer figure for one municipality
    (Melhus 1 Jan 2025) does not skew the key against the others (1 Jan 2024).
    """
    cat = _load_catalogue(catalogue)
    return min(cat.municipalities[m].population.date for m in cat.municipalities)


def _volumes(values: Mapping[str, Any], ids: tuple[str, ...], what: str) -> dict[str, Fraction]:
    if not isinstance(values, Mapping):
        raise SamvalgError(
            f"{what}: expected a mapping {{municipality_id: volume}}, got {type(values).__name__}"
        )
    unknown = [k for k in values if k not in ids]
    if unknown:
        raise SamvalgError(
            "; ".join(
                f"{what}: unknown municipality {k!r}{closest(k, ids)} (allowed: {', '.join(ids)})"
                for k in unknown
            )
        )
    missing = [m for m in ids if m not in values]
    if missing:
        raise SamvalgError(
            f"{what}: no volume for {', '.join(missing)} "
            f"(give one number per municipality: {', '.join(ids)})"
        )
    out = {m: as_fraction(values[m], f"{what}[{m!r}]") for m in ids}
    negative = [m for m, v in out.items() if v < 0]
    if negative:
        raise SamvalgError(f"{what}: negative volume for {', '.join(negative)} (allowed: >= 0)")
    if sum(out.values()) == 0:
        raise SamvalgError(f"{what}: every volume is zero; nothing to share by")
    return out


def _parse_key(key: Any) -> dict[str, Fraction]:
    if isinstance(key, str):
        if key not in KEYS:
            raise SamvalgError(
                f"key: unknown cost-sharing key {key!r}{closest(key, KEYS)} "
                f"(allowed: {', '.join(KEYS)}, or a hybrid such as "
                "{'equal': 0.4, 'population': 0.6})"
            )
        return {key: Fraction(1)}
    if isinstance(key, Mapping):
        if not key:
            raise SamvalgError("key: an empty hybrid; give weights such as {'equal': 0.4, ...}")
        parts: dict[str, Fraction] = {}
        for name, weight in key.items():
            if name not in KEYS:
                raise SamvalgError(
                    f"key: unknown component {name!r}{closest(str(name), KEYS)} in the hybrid "
                    f"(allowed: {', '.join(KEYS)})"
                )
            w = as_fraction(weight, f"key[{name!r}]")
            if w < 0:
                raise SamvalgError(f"key[{name!r}]: weight {weight} is negative (allowed: >= 0)")
            parts[name] = w
        total = sum(parts.values(), Fraction(0))
        if abs(total - 1) > Fraction(1, 10**9):
            raise SamvalgError(
                f"key: the hybrid's weights sum to {float(total):g}, not 1 "
                f"({', '.join(f'{k}={float(v):g}' for k, v in parts.items())})"
            )
        return {k: v / total for k, v in parts.items()}
    raise SamvalgError(
        f"key: expected one of {', '.join(KEYS)} or a mapping of them to weights, got {key!r}"
    )


def key_weights(
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    *,
    catalogue: Any = None,
    population: Mapping[str, float] | None = None,
) -> dict[str, Fraction]:
    """Each municipality's exact share (a fraction; the shares sum to 1) under ``key``.

    A hybrid :math:`\\{k: \\alpha_k\\}` gives :math:`s_i = \\sum_k \\alpha_k s^{(k)}_i` where
    :math:`s^{(\\text{population})}_i = P_i / \\sum P`, :math:`s^{(\\text{equal})}_i = 1/n` and
    :math:`s^{(\\text{usage})}_i = U_i / \\sum U`.

    Examples
    --------
    >>> usage = {"skaun": 1, "melhus": 1, "midtre_gauldal": 2}
    >>> w = key_weights({"equal": 0.5, "usage": 0.5}, usage)
    >>> [str(w[m]) for m in ("skaun", "melhus", "midtre_gauldal")]
    ['7/24', '7/24', '5/12']
    """
    parts = _parse_key(key)
    ids = _municipality_ids(catalogue)
    if "usage" in parts and parts["usage"] > 0 and usage is None:
        raise SamvalgError(
            "usage: the 'usage' key needs volumes per municipality (payslips, invoices, cases, "
            f"documents ...), e.g. usage={{{', '.join(f'{m!r}: 1200' for m in ids)}}}"
        )
    shares = {m: Fraction(0) for m in ids}
    for name, alpha in parts.items():
        if alpha == 0:
            continue
        if name == "equal":
            vol = {m: Fraction(1) for m in ids}
        elif name == "population":
            vol = populations(catalogue, population)
        else:
            vol = _volumes(usage if usage is not None else {}, ids, "usage")
        v_sum = sum(vol.values(), Fraction(0))
        for m in ids:
            shares[m] += alpha * vol[m] / v_sum
    return shares


def share_costs(
    total: int | float,
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    catalogue: Any = None,
    *,
    population: Mapping[str, float] | None = None,
) -> dict[str, int]:
    """Share a joint cost between the municipalities, in whole kroner, summing exactly to ``total``.

    The exact quota of municipality :math:`i` is :math:`q_i = T s_i` with :math:`s_i` from
    :func:`key_weights`; the split is Hamilton's largest-remainder rounding of the quotas to
    whole kroner (integer parts first, then one krone each to the largest remainders; ties:
    larger share first, then id alphabetically). So :math:`\\sum_i c_i = T` exactly and
    :math:`|c_i - q_i| < 1`. Reference: Balinski & Young (2001), *Fair Representation*, ch. 2;
    the keys are the case's "Finansieringsmodeller" (folketall, bruk/volum, lik andel, hybrid).

    Parameters
    ----------
    total : int
        The joint cost in whole kroner (>= 0). A float is accepted when it is a whole number.
    key : {"population", "equal", "usage"} or mapping
        The key, or a hybrid such as ``{"equal": 0.4, "population": 0.6}`` (weights >= 0,
        summing to 1).
    usage : mapping, optional
        Volume per municipality (payslips, invoices, cases, documents ...); required when the
        key uses ``"usage"``.
    catalogue : Catalogue, optional
        Source of the municipalities and populations (default: the shipped catalogue).
    population : mapping, optional
        Replace the catalogue's populations (e.g. a newer SSB figure).

    Returns
    -------
    dict
        ``{municipality_id: kroner}`` in catalogue order.

    Raises
    ------
    SamvalgError
        Unknown key, negative or fractional total, hybrid weights not summing to 1, missing usage
        volumes, unknown municipality ids (with the closest valid id).

    Examples
    --------
    >>> import samvalg
    >>> shares = samvalg.economics.share_costs(1_000_000, "equal")
    >>> sum(shares.values())
    1000000
    >>> sorted(shares.values())
    [333333, 333333, 333334]
    """
    t = whole_kroner(total, "total")
    shares = key_weights(key, usage, catalogue=catalogue, population=population)
    return largest_remainder(t, shares)


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
            f"<table><caption>Kostnadsfordeling ({html.escape(_key_text(self.key))})</caption>"
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


def _key_text(key: Any, lang: str = "nb") -> str:
    i = 0 if lang == "nb" else 1
    if isinstance(key, str):
        return KEY_LABELS.get(key, (key, key))[i]
    return " + ".join(
        f"{round(100 * float(w))} % {KEY_LABELS.get(k, (k, k))[i]}" for k, w in key.items()
    )


def compare_costs(
    before: Mapping[str, int],
    total_after: int | float,
    key: str | Mapping[str, float] = "population",
    usage: Mapping[str, float] | None = None,
    catalogue: Any = None,
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
