"""What ``samvalg init`` writes: the case's catalogue files and the assessment skeleton.

Pure text builders (no file system access): :func:`municipalities_toml`, :func:`services_toml`
and :func:`assessment_skeleton` return the text of one file each from the parsed command line.
The skeleton has one line per score cell to fill, commented out (``#fagmiljo =``), so that
``samvalg validate`` lists the missing scores until each is filled in; cells whose value the
format fixes (``"na"`` for the formal-only criteria of an informal form, ``"0"`` for the zero
option on a plus-minus scale) are written filled.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from samvalg.commands._toml_out import dumps, key, string

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = [
    "CASE_MANIFEST",
    "MunicipalitySpec",
    "ServiceSpec",
    "assessment_skeleton",
    "municipalities_toml",
    "options_of",
    "provenance",
    "services_toml",
]

#: The manifest a folder ``samvalg init`` wrote holds: its files and their SHA-256.
CASE_MANIFEST = ".samvalg-case.json"
#: The marker the skeleton puts before each cell to fill (a TOML comment).
TO_FILL = "#"
#: The zero option, scored "0" on every criterion of a plus-minus set.
ZERO_OPTION = "egen_drift"


@dataclass
class MunicipalitySpec:
    """One ``--municipality``: the id and what is known of it (``None`` = still missing)."""

    id: str
    name: str | None = None
    kommunenummer: str | None = None
    population: int | None = None
    #: Population entries copied from the base catalogue (a known id given alone).
    entries: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ServiceSpec:
    """One ``--service``: the id, names, and the base catalogue's entry when it has the id."""

    id: str
    name_nb: str | None = None
    name_en: str | None = None
    authority: str | None = None
    base: dict[str, Any] | None = None


def provenance(today: _dt.date, version: str, what: str) -> dict[str, str]:
    """The ``[provenance]`` table of a file ``samvalg init`` writes."""
    return {
        "document": f"samvalg init ({what})",
        "section": "-",
        "date": today.isoformat(),
        "notes": (
            f"Skrevet av samvalg {version} fra kommandolinjen; oppgi kildene. / Written by "
            f"samvalg {version} from the command line; state the sources."
        ),
    }


def municipalities_toml(
    munis: Sequence[MunicipalitySpec],
    region: str | None,
    population_date: _dt.date,
    prov: Mapping[str, str],
    first_service: str,
) -> str:
    """``municipalities.toml``: each municipality with its population; no staffing yet."""
    doc: dict[str, Any] = {"schema_version": 1, "provenance": dict(prov)}
    table: dict[str, Any] = {}
    newest: list[dict[str, Any]] = []
    for m in munis:
        entries = m.entries or [
            {
                "value": m.population,
                "date": population_date,
                "source": "oppgitt til samvalg init",
                "uncertain": True,
                "note": "Oppgitt på kommandolinjen: oppgi kilden (f.eks. SSB tabell 07459) og "
                "sett uncertain = false når tallet er kontrollert.",
            }
        ]
        newest.append(max(entries, key=lambda e: e["date"]))
        table[m.id] = {
            "name": m.name,
            "kommunenummer": m.kommunenummer,
            "population": {"entries": entries},
        }
    if region:
        doc["region"] = {
            "name": region,
            "population": {
                "value": sum(int(e["value"]) for e in newest),
                "date": max(e["date"] for e in newest),
                "source": "summen av kommunenes innbyggertall (samvalg init)",
                "uncertain": any(bool(e.get("uncertain", False)) for e in newest),
            },
        }
    doc["municipalities"] = table
    ids = [m.id for m in munis]
    staffing = [
        "",
        "# Bemanning (valgfritt; trengs for økonomi og vertskommunefordeling) / staffing",
        "# (optional; needed by economics and host allocation). One group per service area or",
        "# per group of areas; the rows must add up to group_total:",
        "#",
        f"# [staffing_groups.{first_service}]",
        '# name_nb = "..."',
        '# name_en = "..."',
        f'# services = ["{first_service}"]',
        '# source = "..."',
        "# group_total = { fte = 0.0, nok = 0 }",
        "#",
        f"# [[municipalities.{ids[0]}.staffing]]",
        f'# group = "{first_service}"',
        "# fte = 0.0",
        "# nok = 0",
    ]
    return dumps(doc) + "\n".join(staffing) + "\n"


def services_toml(services: Sequence[ServiceSpec], prov: Mapping[str, str]) -> str:
    """``services.toml``: the base catalogue's entries for its ids, new ones from the names.

    A new service area is put in a service group of its own (its id) and its exercise of public
    authority is the one given (``--authority``), marked uncertain until a section of law is
    named.
    """
    table: dict[str, Any] = {}
    for s in services:
        if s.base is not None:
            entry = dict(s.base)
            if s.name_nb:
                entry["name_nb"] = s.name_nb
            if s.name_en:
                entry["name_en"] = s.name_en
            if s.authority:
                entry["public_authority"] = {
                    **dict(entry.get("public_authority", {})),
                    "value": s.authority,
                }
        else:
            entry = {
                "name_nb": s.name_nb,
                "name_en": s.name_en or s.name_nb,
                "group": s.id,
                "notes": "Lagt til med samvalg init: kontroller gruppe og lovgrunnlag.",
                "public_authority": {
                    "value": s.authority,
                    "decisions": [],
                    "section": "ikke oppgitt",
                    "note": "Oppgitt til samvalg init; oppgi lovhjemmel og enkeltvedtak.",
                    "uncertain": True,
                },
            }
        table[s.id] = entry
    return dumps({"schema_version": 1, "provenance": dict(prov), "services": table})


def options_of(forms: Sequence[str], catalogue: Catalogue, munis: Sequence[str]) -> list[str]:
    """The options of every service area: each form, a form with a host once per municipality."""
    out: list[str] = []
    for fid in forms:
        if catalogue.forms[fid].has_host:
            out += [f"{fid}:{m}" for m in munis]
        else:
            out.append(fid)
    return out


def _scale_text(kind: str) -> str:
    return "pluss-minus ----..++++" if kind == "plus_minus" else "1–5"


def assessment_skeleton(
    catalogue: Catalogue,
    services: Sequence[str],
    options: Sequence[str],
    munis: Sequence[MunicipalitySpec],
    plus_minus: Sequence[str],
    title: str,
    today: _dt.date,
) -> tuple[str, int]:
    """The assessment skeleton and the number of score cells left to fill."""
    from samvalg.assessment._records import FORMAL_ONLY_SETS

    sets = catalogue.criteria_sets
    lines = [
        "# Vurdering skrevet av `samvalg init`. / An assessment written by `samvalg init`.",
        "#",
        "# Fyll inn en skår for hvert alternativ og kriterium: fjern «#» først på linjen og skriv",
        "# verdien etter «=» (et tall på settets skala, en pluss-minus-verdi, eller «na» når",
        "# kriteriet ikke er relevant). En celle kan også være en tabell: { value = 4, rationale =",
        '# "...", low = 3, high = 5 }. `samvalg validate --catalogue catalogue assessment.toml`',
        "# lister skårene som mangler. Filformatet: docs/formats.md.",
        "#",
        "# Fill in a score for every option and criterion: remove the «#» at the start of the line",
        "# and write the value after «=». validate lists the scores still missing.",
        "",
        "schema_version = 1",
        "",
        "[meta]",
        f"title = {string(title)}",
        "illustrative = false",
        'description = ""',
        f"date = {today.isoformat()}",
        "authors = []",
        "",
        "[scales]",
    ]
    for sid in sets:
        kind = (
            '{ kind = "plus_minus" }'
            if sid in plus_minus
            else '{ kind = "numeric", min = 1, max = 5 }'
        )
        lines.append(f"{key(sid)} = {kind}")
    lines += [
        "",
        "# Vekter: like vekter til de er satt (method = points, rank, swing, ahp, direct, ...).",
        "# Weights: equal until set (see docs/formats.md for every method).",
        "[weights.sets]",
        'method = "equal"',
        '# method = "points"',
        "# points = { " + ", ".join(f"{key(s)} = 0" for s in sets) + " }",
    ]
    for sid, cs in sets.items():
        lines += [
            "",
            f"[weights.{key(sid)}]",
            'method = "equal"',
            '# method = "points"',
            "# points = { " + ", ".join(f"{key(c.id)} = 0" for c in cs.criteria) + " }",
        ]
    width = max((len(c.id) for cs in sets.values() for c in cs.criteria), default=10) + 2
    to_fill = 0
    for service in services:
        lines += ["", f"[services.{key(service)}]"]
        lines.append("options = [" + ", ".join(string(o) for o in options) + "]")
        for option in options:
            form = catalogue.forms[option.split(":", 1)[0]]
            lines += ["", f"[services.{key(service)}.scores.{key(option)}]"]
            for sid, cs in sets.items():
                scale = "plus_minus" if sid in plus_minus else "numeric"
                for c in cs.criteria:
                    hint = f"# {c.name_nb} ({sid}, {_scale_text(scale)})"
                    if sid in FORMAL_ONLY_SETS and not form.formal:
                        lines.append(f"{(key(c.id) + ' = ' + string('na')):<{width + 7}}{hint}")
                    elif scale == "plus_minus" and option == ZERO_OPTION:
                        lines.append(f"{(key(c.id) + ' = ' + string('0')):<{width + 7}}{hint}")
                    else:
                        to_fill += 1
                        lines.append(f"{TO_FILL}{(key(c.id) + ' ='):<{width + 6}}{hint}")
    lines += [
        "",
        "# Økonomi (valgfritt; `samvalg economics`): fordelingsnøkkel og gevinstscenarier. Uten",
        "# egne scenarier brukes samvalgs standard (10, 21 og 30 %, med kildene fra det",
        "# medfølgende eksempelet). / Economics (optional): without scenarios of your own, the",
        "# defaults and their sources are those of the shipped example. See docs/formats.md.",
        "# [economics]",
        '# key = "population"                 # or "equal", or { equal = 0.4, population = 0.6 }',
        "# [economics.scenarios]",
        "# low = 0.10",
        "# expected = 0.20",
        "# high = 0.30",
        "",
        "# Interessenter: én per kommune, med lik stemme. Egne vekter kan legges til slik:",
        "# Stakeholders: one per municipality, equal voice. Own weights can be added like this:",
        f"# [stakeholders.{munis[0].id}.weights.sets]",
        '# method = "points"',
        "# points = { " + ", ".join(f"{key(s)} = 0" for s in sets) + " }",
    ]
    for m in munis:
        lines += [
            "",
            f"[stakeholders.{key(m.id)}]",
            f"name = {string(str(m.name))}",
            'role = "municipality"',
            f"municipality = {string(m.id)}",
        ]
    return "\n".join(lines) + "\n", to_fill
