"""Today's staffing and wage cost per service area and municipality (the zero option's cost).

The council case prints three staffing tables (budget 2025, wages incl. social costs), and they
**group services**: one table covers lønn + regnskap + fakturering (payroll, accounting,
invoicing), one covers arkiv + postmottak (archive, mail intake), one covers sentralbord
(switchboard). The case gives no split inside a group, so the group is the unit of the baseline:
its totals are the sums of the printed rows: 17.6 FTE / 14 800 000 kr and 2.6 / 2 080 000
as printed; for arkiv + postmottak 7.9 FTE as printed, but the rows add up to 6 320 000 kr while
the case prints TOTALT 6 420 000 kr. The baseline uses the rows (each row there is FTE x 800 000
kr, so the printed total looks like a typo), keeps the printed total beside them
(:attr:`StaffingGroup.printed_total_nok`) and says so in :attr:`Baseline.notes`.
Where a number per single service is needed (host allocation), the group is split by
a *stated, user-replaceable* key (default: equal shares among the group's services), with
largest-remainder rounding so the parts add up to the group again.

The case has **no staffing data** for plan, byggesak, kart_oppmaling and landbruk; they are listed
in :attr:`Baseline.missing` and a user supplies them with ``extra=``.

Exactness: FTE are :class:`~decimal.Decimal` (``6.2 + 6.4 + 5.0 == 17.6``), kroner ``int``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from samvalg.economics._money import as_fraction, closest, whole_kroner
from samvalg.economics._notes import NO_STAFFING_DATA, Note
from samvalg.economics._staffing import Baseline, StaffingGroup
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["Baseline", "StaffingGroup", "baseline"]

#: The source of a staffing table the catalogue gives no source for (none of its own and no
#: ``[case] document``).
NO_SOURCE = (
    "katalogens bemanningstabell, ingen kilde oppgitt / "
    "the catalogue's staffing table, no source given"
)


def _decimal(x: Any, what: str) -> Decimal:
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, bool) or not isinstance(x, int | float | str):
        raise SamvalgError(f"{what}: expected a number of FTE, got {x!r}")
    else:
        try:
            d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
        except ArithmeticError:
            raise SamvalgError(f"{what}: expected a number of FTE, got {x!r}") from None
    if not d.is_finite() or d < 0:
        raise SamvalgError(f"{what}: {x!r} is not a non-negative number of FTE")
    return d


def _catalogue_groups(cat: Catalogue) -> list[StaffingGroup]:
    """Staffing groups read from the catalogue (municipalities.toml)."""
    groups_meta = getattr(cat, "staffing_groups", {}) or {}
    munis = tuple(cat.municipalities)
    fte: dict[str, dict[str, Decimal]] = {}
    nok: dict[str, dict[str, int]] = {}
    for m in munis:
        for entry in cat.municipalities[m].staffing:
            gid = entry.group
            fte.setdefault(gid, {})[m] = _decimal(entry.fte, f"{m}.staffing[{gid}].fte")
            nok.setdefault(gid, {})[m] = whole_kroner(entry.nok, f"{m}.staffing[{gid}].nok")
    case = getattr(cat, "case", None)
    fallback = str(case.document) if case is not None else NO_SOURCE
    out = []
    for gid in groups_meta or fte:
        meta = groups_meta.get(gid) if groups_meta else None
        printed = getattr(meta, "group_total", None)
        disc = getattr(meta, "printed_total_discrepancy", None)
        lacking = [m for m in munis if m not in fte.get(gid, {})]
        if lacking:
            raise SamvalgError(
                f"catalogue: staffing group {gid!r} has no row for {', '.join(lacking)}"
            )
        out.append(
            StaffingGroup(
                id=gid,
                name_nb=getattr(meta, "name_nb", gid),
                name_en=getattr(meta, "name_en", gid),
                services=tuple(getattr(meta, "services", (gid,))),
                fte={m: fte[gid][m] for m in munis},
                nok={m: nok[gid][m] for m in munis},
                source=getattr(meta, "source", fallback),
                printed_total_fte=None if printed is None else _decimal(printed.fte, gid),
                printed_total_nok=None if printed is None else int(printed.nok),
                printed_note="" if disc is None else str(disc.note),
            )
        )
    return out


def _extra_groups(
    extra: Mapping[str, Mapping[str, Any]],
    munis: tuple[str, ...],
    services: tuple[str, ...],
    taken: set[str],
) -> list[StaffingGroup]:
    out = []
    for sid, per_muni in extra.items():
        if sid not in services:
            raise SamvalgError(
                f"extra: unknown service area {sid!r}{closest(sid, services)} "
                f"(allowed: {', '.join(services)})"
            )
        if sid in taken:
            raise SamvalgError(
                f"extra: {sid!r} already has staffing data from the case; "
                "replace the catalogue's municipalities file to change it"
            )
        if not isinstance(per_muni, Mapping):
            raise SamvalgError(
                f"extra[{sid!r}]: expected {{municipality: {{'fte': x, 'nok': y}}}}, "
                f"got {per_muni!r}"
            )
        unknown = [m for m in per_muni if m not in munis]
        if unknown:
            raise SamvalgError(
                "; ".join(
                    f"extra[{sid!r}]: unknown municipality {m!r}{closest(m, munis)} "
                    f"(allowed: {', '.join(munis)})"
                    for m in unknown
                )
            )
        lacking = [m for m in munis if m not in per_muni]
        if lacking:
            raise SamvalgError(f"extra[{sid!r}]: no FTE/kroner for {', '.join(lacking)}")
        fte, nok = {}, {}
        for m in munis:
            row = per_muni[m]
            if isinstance(row, Mapping):
                bad = sorted(set(row) - {"fte", "nok"})
                if bad or "fte" not in row or "nok" not in row:
                    raise SamvalgError(
                        f"extra[{sid!r}][{m!r}]: expected keys 'fte' and 'nok', got {sorted(row)}"
                    )
                f_val, n_val = row["fte"], row["nok"]
            elif isinstance(row, tuple | list) and len(row) == 2:
                f_val, n_val = row
            else:
                raise SamvalgError(
                    f"extra[{sid!r}][{m!r}]: expected {{'fte': x, 'nok': y}} or (fte, nok), "
                    f"got {row!r}"
                )
            fte[m] = _decimal(f_val, f"extra[{sid!r}][{m!r}].fte")
            nok[m] = whole_kroner(n_val, f"extra[{sid!r}][{m!r}].nok")
        out.append(
            StaffingGroup(
                id=f"extra:{sid}",
                name_nb=sid,
                name_en=sid,
                services=(sid,),
                fte=fte,
                nok=nok,
                source="brukeroppgitt / user-supplied",
                user_supplied=True,
            )
        )
    return out


def _split_key(
    groups: list[StaffingGroup], split: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, dict[str, Fraction]]:
    out = {g.id: {s: Fraction(1, len(g.services)) for s in g.services} for g in groups}
    if split is None:
        return out
    by_id = {g.id: g for g in groups}
    for gid, parts in split.items():
        if gid not in by_id:
            raise SamvalgError(
                f"split: unknown staffing group {gid!r}{closest(gid, by_id)} "
                f"(allowed: {', '.join(by_id)})"
            )
        services = by_id[gid].services
        if not isinstance(parts, Mapping):
            raise SamvalgError(f"split[{gid!r}]: expected {{service: share}}, got {parts!r}")
        bad = [s for s in parts if s not in services]
        if bad:
            raise SamvalgError(
                f"split[{gid!r}]: {', '.join(map(repr, bad))} not in the group "
                f"(allowed: {', '.join(services)})"
            )
        lacking = [s for s in services if s not in parts]
        if lacking:
            raise SamvalgError(f"split[{gid!r}]: no share for {', '.join(lacking)}")
        w = {s: as_fraction(parts[s], f"split[{gid!r}][{s!r}]") for s in services}
        if any(v < 0 for v in w.values()) or sum(w.values()) == 0:
            raise SamvalgError(f"split[{gid!r}]: shares must be >= 0 and not all zero")
        total = sum(w.values(), Fraction(0))
        out[gid] = {s: v / total for s, v in w.items()}
    return out


def baseline(
    catalogue: Catalogue | None = None,
    *,
    split: Mapping[str, Mapping[str, float]] | None = None,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> Baseline:
    """Today's FTE and wage cost per staffing group and municipality, from the catalogue.

    The group totals are sums of the municipality rows, :math:`F_g = \\sum_i F_{g,i}` and
    :math:`C_g = \\sum_i C_{g,i}` in exact arithmetic; for the shipped catalogue they equal the
    case's TOTALT rows (17.6 / 14 800 000; 2.6 / 2 080 000; 7.9 FTE) except arkiv + postmottak's
    kroner: rows 6 320 000, printed 6 420 000 (kept as ``printed_total_nok``, flagged in notes).
    A service inside a group gets :math:`F_{s,i} = k_s F_{g,i}` with the split key :math:`k`
    (default :math:`k_s = 1/|g|`, an assumption: the case gives no split), rounded by largest
    remainder.

    Parameters
    ----------
    catalogue : Catalogue, optional
        Default: the shipped catalogue (``criteria/municipalities.toml``).
    split : mapping, optional
        ``{group_id: {service_id: share}}``, e.g. ``{"lonn_regnskap_fakturering": {"lonn": 0.5,
        "regnskap": 0.3, "fakturering": 0.2}}``; shares are normalised to sum to 1.
    extra : mapping, optional
        Staffing for areas the case has no data for:
        ``{"byggesak": {"skaun": {"fte": 2.0, "nok": 1_700_000}, ...}}`` (one row per
        municipality; ``(fte, nok)`` tuples also accepted). Marked as user-supplied.

    Returns
    -------
    Baseline

    Examples
    --------
    >>> import samvalg
    >>> b = samvalg.economics.baseline()
    >>> g = b.group("lonn_regnskap_fakturering")
    >>> g.total_fte, g.total_nok
    (Decimal('17.6'), 14800000)
    >>> sorted(b.missing)
    ['byggesak', 'kart_oppmaling', 'landbruk', 'plan']
    """
    if catalogue is None:
        from samvalg.catalogue import catalogue as load

        catalogue = load()
    munis = tuple(catalogue.municipalities)
    groups = _catalogue_groups(catalogue)
    all_services = tuple(catalogue.services)
    taken = {s for g in groups for s in g.services}
    if extra:
        groups += _extra_groups(extra, munis, all_services, taken)
    covered = {s for g in groups for s in g.services}
    missing = {s: NO_STAFFING_DATA for s in all_services if s not in covered}
    key = _split_key(groups, split)
    grouped = tuple((g.name_nb, g.services) for g in groups if len(g.services) > 1)
    notes = []
    if grouped:  # a case whose tables are per service area has nothing to split
        notes += [
            Note("grouped_services", {"groups": grouped}),
            Note("split_key", {"stated": split is not None}),
        ]
    for g in groups:
        if g.printed_discrepancy_nok or g.printed_discrepancy_fte:
            notes.append(
                Note(
                    "printed_total_differs",
                    {
                        "group": g.name_nb,
                        "printed_fte": float(g.printed_total_fte or 0),
                        "printed_nok": g.printed_total_nok,
                        "fte": float(g.total_fte),
                        "nok": g.total_nok,
                        "difference_nok": g.printed_discrepancy_nok,
                    },
                )
            )
    for m in munis:
        for other in getattr(catalogue.municipalities[m], "other_staff", ()) or ():
            notes.append(
                Note(
                    "staff_outside_tables",
                    {
                        "municipality": m,
                        "fte": float(other.fte),
                        "nok": other.nok,
                        "name": other.name_nb,
                    },
                )
            )
    if missing:
        notes.append(Note("no_staffing_data", {"services": tuple(missing)}))
    items: dict[str, dict[str, int]] = {}
    for m in munis:
        for ci in getattr(catalogue.municipalities[m], "cost_items", ()) or ():
            items.setdefault(ci.item, {})[m] = items.get(ci.item, {}).get(m, 0) + int(ci.nok)
    return Baseline(
        municipalities=munis,
        groups=tuple(groups),
        split=key,
        missing=missing,
        notes=tuple(notes),
        catalogue=catalogue,
        cost_items={k: {m: v.get(m, 0) for m in munis} for k, v in items.items()},
    )
