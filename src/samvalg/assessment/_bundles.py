"""Bundles: one cooperation covering several service areas (``[bundles.<id>]``).

A bundle says that its member service areas are to be organised in *one* cooperation: the
same form (and host) for every member. :func:`samvalg.evaluate` then answers per bundle as
well as per service area, :func:`samvalg.allocation.allocate_hosts` gives every member the
same option, and SMAA and sensitivity run on the bundle.

Combining the members' values (``rule``), for an option :math:`o` with member values
:math:`V_m(o)` (the method's output in a view, made higher-is-better as :math:`u_m(o)`:
:math:`u = V` or, for VIKOR's Q, :math:`u = -V`):

- ``"fte"`` (default): FTE-weighted mean, :math:`V_B(o) = \\sum_m a_m V_m(o)` with
  :math:`a_m = F_m / \\sum_k F_k`, :math:`F_m` the member's FTE (the ``fte`` table of the
  bundle, else the catalogue's staffing tables via :func:`samvalg.economics.baseline`,
  where a staffing group's FTE is split over its services by the baseline's key).
- ``"equal"``: plain mean, :math:`a_m = 1 / M`.
- ``"min"``: the worst member, :math:`u_B(o) = \\min_m u_m(o)` (the form must suit every
  task; a weak member cannot be made up for by strong ones).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._scales import show
from samvalg.assessment._schema import Sink
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.assessment._scores import ServiceAssessment
    from samvalg.catalogue import Catalogue

__all__ = ["BUNDLE_KEYS", "BUNDLE_RULES", "Bundle", "parse_bundles"]

#: the rules for combining the members' values (see the module docstring)
BUNDLE_RULES = ("fte", "equal", "min")
#: the keys of a ``[bundles.<id>]`` table
BUNDLE_KEYS = ("services", "rule", "name_nb", "name_en", "fte")


@dataclass(frozen=True)
class Bundle:
    """One ``[bundles.<id>]`` table, validated.

    Attributes
    ----------
    id : str
    services : tuple of str
        The member service areas, in the file's order.
    rule : {"fte", "equal", "min"}
        How the members' values are combined (module docstring).
    name_nb, name_en : str
        Names (default: the members' names joined).
    weights : mapping of str to float or None
        :math:`a_m` per member for ``"fte"`` and ``"equal"`` (summing to 1); ``None`` for
        ``"min"``.
    fte : mapping of str to float
        FTE per member used for ``"fte"`` (empty for the other rules).
    fte_source : mapping of str to str
        Where each member's FTE comes from: ``"bundle"`` (the bundle's ``fte`` table) or
        ``"catalogue:<staffing group>"`` (:func:`samvalg.economics.baseline`).
    input : mapping
        The table as given (file form).
    """

    id: str
    services: tuple[str, ...]
    rule: str = "fte"
    name_nb: str = ""
    name_en: str = ""
    weights: Mapping[str, float] | None = None
    fte: Mapping[str, float] = field(default_factory=dict)
    fte_source: Mapping[str, str] = field(default_factory=dict)
    input: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("fte", "fte_source", "input"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        if self.weights is not None:
            object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "services": list(self.services),
            "rule": self.rule,
            "name_nb": self.name_nb,
            "name_en": self.name_en,
            "weights": None if self.weights is None else dict(self.weights),
            "fte": dict(self.fte),
            "fte_source": dict(self.fte_source),
        }


def _catalogue_fte(cat: Catalogue) -> tuple[dict[str, float], dict[str, str]]:
    """FTE per service area from the catalogue's staffing tables, with the staffing group."""
    from samvalg.economics import baseline

    try:
        base = baseline(cat)
    except SamvalgError:  # a catalogue without usable staffing tables: no FTE known
        return {}, {}
    fte: dict[str, float] = {}
    source: dict[str, str] = {}
    for s in base.services:
        g = base.group_of(s)
        # unrounded: the split key times the group's total (the baseline rounds each
        # municipality's share to hundredths, which would tilt an equal split)
        fte[s] = float(Fraction(base.split[g.id][s]) * Fraction(g.total_fte))
        source[s] = f"catalogue:{g.id}"
    return fte, source


def _name(cat: Catalogue, service: str, lang: str) -> str:
    svc = cat.services.get(service)
    return service if svc is None else str(getattr(svc, f"name_{lang}"))


def parse_bundles(
    raw: Any,
    services: Mapping[str, ServiceAssessment],
    assessed: list[str],
    cat: Catalogue,
    sink: Sink,
) -> dict[str, Bundle]:
    """Validate ``[bundles]``: every problem located at ``bundles.<id>.<key>``.

    Checks: a known key; ``services`` a list of two or more service areas of the assessment,
    none twice and none in another bundle; the members assess the same options; ``rule`` one of
    :data:`BUNDLE_RULES`; for ``"fte"`` an FTE for every member (the bundle's ``fte`` table or
    the catalogue's staffing tables); a bundle id that is not also a service area's id.
    """
    out: dict[str, Bundle] = {}
    if not isinstance(raw, Mapping):
        sink.add(["bundles"], f"expected a table of bundles, found {show(raw)}", "[bundles.<id>]")
        return out
    taken: dict[str, str] = {}
    cat_fte: tuple[dict[str, float], dict[str, str]] | None = None
    for bid, table in raw.items():
        path: list[str | int] = ["bundles", bid]
        if not isinstance(table, Mapping):
            sink.add(path, f"expected a table, found {show(table)}", 'services = ["a", "b"]')
            continue
        ok = True
        if bid in assessed or bid in cat.services:
            sink.add(
                path,
                f"bundle id {bid!r} is also a service area's id; give the bundle its own id",
                "an id that is not a service area",
            )
            ok = False
        for key in table:
            if key not in BUNDLE_KEYS:
                sink.add(
                    [*path, key],
                    f"unknown key {key!r}" + did_you_mean(key, BUNDLE_KEYS),
                    ", ".join(BUNDLE_KEYS),
                )
                ok = False
        members = table.get("services")
        allowed_services = ", ".join(assessed)
        if "services" not in table:
            sink.add([*path, "services"], "required key 'services' is missing", allowed_services)
            continue
        if not isinstance(members, list) or not all(isinstance(s, str) for s in members):
            sink.add(
                [*path, "services"],
                f"expected a list of service area ids, found {show(members)}",
                allowed_services,
            )
            continue
        if len(members) < 2:
            sink.add(
                [*path, "services"],
                f"a bundle needs at least 2 service areas, found {len(members)}",
                "two or more of: " + allowed_services,
            )
            ok = False
        seen: set[str] = set()
        for i, s in enumerate(members):
            if s not in assessed:
                sink.add(
                    [*path, "services", i],
                    f"service area {s!r} is not assessed" + did_you_mean(s, assessed),
                    allowed_services,
                )
                ok = False
            elif s in seen:
                sink.add([*path, "services", i], f"service area {s!r} is listed twice", "once")
                ok = False
            elif s in taken:
                sink.add(
                    [*path, "services", i],
                    f"service area {s!r} is already in bundle {taken[s]!r}; a service area "
                    "belongs to at most one bundle",
                    "a service area in no other bundle",
                )
                ok = False
            seen.add(s)
        for s in members:
            taken.setdefault(s, str(bid))
        rule = table.get("rule", "fte")
        if rule not in BUNDLE_RULES:
            sink.add(
                [*path, "rule"],
                f"unknown rule {show(rule)}"
                + (did_you_mean(rule, BUNDLE_RULES) if isinstance(rule, str) else ""),
                ", ".join(BUNDLE_RULES),
            )
            ok = False
        names = {}
        for key in ("name_nb", "name_en"):
            value = table.get(key, "")
            if not isinstance(value, str):
                sink.add([*path, key], f"expected text in quotes, found {show(value)}", "text")
                ok = False
            names[key] = value if isinstance(value, str) else ""
        given = table.get("fte", {})
        fte_given: dict[str, float] = {}
        if not isinstance(given, Mapping):
            sink.add([*path, "fte"], f"expected a table service = FTE, found {show(given)}")
            ok = False
        else:
            for s, f in given.items():
                if s not in members:
                    sink.add(
                        [*path, "fte", s],
                        f"{s!r} is not a member of the bundle" + did_you_mean(s, members),
                        ", ".join(members),
                    )
                    ok = False
                elif (
                    isinstance(f, bool)
                    or not isinstance(f, int | float)
                    or not math.isfinite(f)
                    or f <= 0
                ):
                    sink.add([*path, "fte", s], f"expected FTE > 0, found {show(f)}", "FTE > 0")
                    ok = False
                else:
                    fte_given[s] = float(f)
        if fte_given and rule != "fte":
            sink.add(
                [*path, "fte"],
                f'fte is used only with rule = "fte" (found rule = {show(rule)})',
                'rule = "fte", or leave out fte',
            )
            ok = False
        if not ok:
            continue
        # the members must assess the same options: the bundle chooses one of them for all
        first = members[0]
        if first in services:
            base_opts = [str(o) for o in services[first].options]
            for i, s in enumerate(members[1:], start=1):
                if s not in services:
                    continue
                opts = [str(o) for o in services[s].options]
                missing = [o for o in base_opts if o not in opts]
                extra = [o for o in opts if o not in base_opts]
                if missing or extra:
                    parts = []
                    if missing:
                        parts.append(f"{s!r} lacks {', '.join(missing)}")
                    if extra:
                        parts.append(f"{s!r} has {', '.join(extra)} which {first!r} lacks")
                    sink.add(
                        [*path, "services", i],
                        "the members of a bundle must assess the same options (one option is "
                        f"chosen for all): {'; '.join(parts)}",
                        "the same options in services.<id>.options of every member",
                    )
                    ok = False
        if not ok:
            continue
        fte: dict[str, float] = {}
        source: dict[str, str] = {}
        weights: dict[str, float] | None = None
        if rule == "fte":
            unknown = [s for s in members if s not in fte_given]
            if unknown:
                if cat_fte is None:
                    cat_fte = _catalogue_fte(cat)
            for s in members:
                if s in fte_given:
                    fte[s], source[s] = fte_given[s], "bundle"
                elif cat_fte is not None and cat_fte[0].get(s, 0.0) > 0:
                    fte[s], source[s] = cat_fte[0][s], cat_fte[1][s]
            lacking = [s for s in members if s not in fte]
            if lacking:
                sink.add(
                    [*path, "rule"],
                    f'rule = "fte" needs the FTE of every member; the catalogue\'s staffing '
                    f"tables have none for {', '.join(lacking)}",
                    "fte = { "
                    + ", ".join(f"{s} = <FTE>" for s in lacking)
                    + ' } in the bundle, or rule = "equal" or "min"',
                )
                continue
            total = sum(fte.values())
            weights = {s: fte[s] / total for s in members}
        elif rule == "equal":
            weights = {s: 1.0 / len(members) for s in members}
        out[str(bid)] = Bundle(
            id=str(bid),
            services=tuple(members),
            rule=str(rule),
            name_nb=names["name_nb"] or " + ".join(_name(cat, s, "nb") for s in members),
            name_en=names["name_en"] or " + ".join(_name(cat, s, "en") for s in members),
            weights=weights,
            fte=fte,
            fte_source=source,
            input=dict(table),
        )
    return out
