"""Cost-sharing keys: population, equal share, use/volume and hybrids, shared to the krone.

Rounding rule (stated once, used everywhere): amounts are whole kroner; the exact quota of each
municipality is computed with rational arithmetic, each gets the integer part, and the remaining
kroner go one each to the largest remainders (Hamilton's largest-remainder method; ties: larger
weight first, then municipality id alphabetically). Shares therefore always sum to the total to
the krone, and each share differs from its exact quota by less than 1 kr.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from samvalg.economics._money import as_fraction, closest, largest_remainder, whole_kroner
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["KEYS", "key_weights", "population_date", "populations", "share_costs"]

KEYS: tuple[str, ...] = ("population", "equal", "usage")


def _load_catalogue(catalogue: Catalogue | None) -> Catalogue:
    if catalogue is not None:
        return catalogue
    from samvalg.catalogue import catalogue as load

    return load()


def _municipality_ids(catalogue: Catalogue | None) -> tuple[str, ...]:
    return tuple(_load_catalogue(catalogue).municipalities)


def populations(
    catalogue: Catalogue | None = None, population: Mapping[str, Any] | None = None
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
        if entry is None:
            raise SamvalgError(
                f"population of {m!r}: no figure dated on or before {common} (the date every "
                "municipality has a figure for)"
            )
        out[m] = Fraction(int(entry.value))
    return out


def population_date(catalogue: Catalogue | None = None) -> _dt.date:
    """The newest date for which *every* municipality has a population figure.

    The population key uses figures of one common date, so a newer figure for one municipality
    (a year newer than the rest) does not skew the key against the others.
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
    catalogue: Catalogue | None = None,
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
    catalogue: Catalogue | None = None,
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
