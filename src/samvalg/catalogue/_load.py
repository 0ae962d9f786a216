"""Read and validate the catalogue TOML files.

All problems in all files are collected and raised together as one
:class:`samvalg.errors.ValidationError`, each located by file name and key path.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from samvalg.catalogue._checks import (
    _check_feasibility,
    _check_staffing,
    _fit_shipped_feasibility,
)
from samvalg.catalogue._files import FILES, _Collector, _keyed, _read, _validate
from samvalg.errors import SamvalgError, ValidationError

from ._base import Provenance
from ._case import Case
from ._criteria import CriteriaSet
from ._forms import CooperationForm, ServiceArea
from ._municipalities import Municipality, Region, StaffingGroup
from ._rules import FeasibilityRule, PairEntry
from ._schema import Catalogue

__all__ = ["load_catalogue"]


def _criteria_sets(col: _Collector, name: str, data: Mapping[str, Any]) -> dict[str, CriteriaSet]:
    def prepare(set_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        crits = payload.get("criteria")
        if isinstance(crits, list):
            fixed = []
            for i, c in enumerate(crits):
                if isinstance(c, dict):
                    if "set_id" in c:
                        col.add(
                            name,
                            ("sets", set_id, "criteria", i, "set_id"),
                            "unknown key 'set_id': the set is given by the table",
                        )
                    c = {**c, "set_id": set_id}
                fixed.append(c)
            payload = {**payload, "criteria": fixed}
        return payload

    sets: dict[str, CriteriaSet] = _keyed(col, name, data, "sets", CriteriaSet, prepare)
    seen: dict[str, str] = {}
    for set_id, cs in sets.items():
        for i, c in enumerate(cs.criteria):
            if c.id in seen:
                col.add(
                    name,
                    ("sets", set_id, "criteria", i, "id"),
                    f"criterion id {c.id!r} is already used in set {seen[c.id]!r}",
                    "ids unique across all sets",
                )
            else:
                seen[c.id] = set_id
    return sets


def _pairs(col: _Collector, name: str, data: Mapping[str, Any]) -> dict[tuple[str, str], PairEntry]:
    table = data.get("pairs", {})
    out: dict[tuple[str, str], PairEntry] = {}
    if not isinstance(table, dict):
        col.add(name, ("pairs",), f"must be a table, found {type(table).__name__}")
        return out
    for sid, forms in table.items():
        if not isinstance(forms, dict):
            col.add(name, ("pairs", sid), f"must be a table of forms, found {type(forms).__name__}")
            continue
        for fid, body in forms.items():
            if not isinstance(body, dict):
                col.add(name, ("pairs", sid, fid), f"must be a table, found {type(body).__name__}")
                continue
            bad = [k for k in ("service", "form") if k in body]
            if bad:
                col.add(
                    name,
                    ("pairs", sid, fid, bad[0]),
                    f"unknown key {bad[0]!r}: service and form are the table keys",
                )
                continue
            obj = _validate(
                col,
                name,
                ("pairs", sid, fid),
                PairEntry,
                {**body, "service": sid, "form": fid},
                hidden=frozenset({"service", "form"}),
            )
            if obj is not None:
                out[(sid, fid)] = obj
    return out


# --------------------------------------------------------------------------- cross-checks


def load_catalogue(folder: Path | None, shipped: Path) -> Catalogue:
    """Load the catalogue files; ``folder`` files replace the shipped ones of the same name.

    Parameters
    ----------
    folder : Path or None
        A user folder; a catalogue file missing there is read from ``shipped``.
    shipped : Path
        The shipped ``criteria`` folder.

    Raises
    ------
    ValidationError
        Listing every problem found in every file.
    SamvalgError
        If ``folder`` does not exist or holds no catalogue file.
    """
    paths: dict[str, Path] = {n: shipped / n for n in FILES}
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise SamvalgError(
                f"catalogue folder not found: {folder} (expected a folder with "
                f"any of {', '.join(FILES)})"
            )
        col0 = _Collector()
        # exists(), not is_file(): a FIFO or folder under a catalogue name is refused by _read
        # (a user's file is never skipped silently)
        found = [n for n in FILES if (folder / n).exists()]
        for extra in sorted(p.name for p in folder.glob("*.toml")):
            if extra in FILES:
                continue
            close = difflib.get_close_matches(extra, list(FILES), n=1, cutoff=0.75)
            if close:
                col0.add(
                    extra,
                    (),
                    f"not a catalogue file name; did you mean {close[0]!r}?",
                    ", ".join(FILES),
                )
        if col0.problems:
            raise ValidationError(col0.problems)
        if not found:
            raise SamvalgError(
                f"no catalogue file in {folder} (expected any of {', '.join(FILES)})"
            )
        for n in found:
            paths[n] = folder / n

    col = _Collector()
    raw = {n: _read(col, n, p) for n, p in paths.items()}
    provenance: dict[str, Provenance] = {}
    for n, data in raw.items():
        if data is not None and "provenance" in data:
            prov = _validate(col, n, ("provenance",), Provenance, data["provenance"])
            if prov is not None:
                provenance[n] = prov

    def get(n: str) -> Mapping[str, Any]:
        return raw[n] or {}

    sets = _criteria_sets(col, "criteria_sets.toml", get("criteria_sets.toml"))
    forms: dict[str, CooperationForm] = _keyed(
        col, "forms.toml", get("forms.toml"), "forms", CooperationForm
    )
    services: dict[str, ServiceArea] = _keyed(
        col, "services.toml", get("services.toml"), "services", ServiceArea
    )
    mdata = get("municipalities.toml")
    municipalities: dict[str, Municipality] = _keyed(
        col, "municipalities.toml", mdata, "municipalities", Municipality
    )
    groups: dict[str, StaffingGroup] = _keyed(
        col, "municipalities.toml", mdata, "staffing_groups", StaffingGroup
    )
    region = None
    if "region" in mdata:
        region = _validate(col, "municipalities.toml", ("region",), Region, mdata["region"])
    case = None
    if "case" in mdata:
        case = _validate(col, "municipalities.toml", ("case",), Case, mdata["case"])
    fdata = get("feasibility.toml")
    rules: dict[str, FeasibilityRule] = _keyed(
        col, "feasibility.toml", fdata, "rules", FeasibilityRule
    )
    pairs = _pairs(col, "feasibility.toml", fdata)

    # Cross-checks run on what validated; a check is skipped when a file it relies on is broken
    # (its problems are already reported), so no follow-on errors are invented.
    bad = set(col.bad_files)
    if "municipalities.toml" not in bad:
        _check_staffing(
            col,
            "municipalities.toml",
            municipalities,
            groups,
            services if "services.toml" not in bad else None,
        )
    notes: list[str] = []
    if not bad & {"feasibility.toml", "services.toml", "forms.toml"}:
        user_data = any(paths[n] != shipped / n for n in ("services.toml", "forms.toml"))
        if user_data and paths["feasibility.toml"] == shipped / "feasibility.toml":
            rules, pairs, notes = _fit_shipped_feasibility(rules, pairs, services, forms)
        _check_feasibility(col, "feasibility.toml", rules, pairs, services, forms)

    if col.problems:
        raise ValidationError(col.problems)
    return Catalogue(
        criteria_sets=sets,
        forms=forms,
        services=services,
        municipalities=municipalities,
        staffing_groups=groups,
        region=region,
        case=case,
        feasibility_rules=rules,
        feasibility_pairs=pairs,
        provenance=provenance,
        sources={n: str(p) for n, p in paths.items()},
        notes=tuple(notes),
    )
