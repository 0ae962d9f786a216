"""Reading a filled-in workbook: :func:`read_workbook` (the raw mapping of an assessment
file) and :func:`load_workbook_assessment` (validated, every problem at its sheet and cell)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from samvalg.assessment import (
    SET_WEIGHTS_KEY,
    Assessment,
    from_mapping,
)
from samvalg.catalogue import Catalogue
from samvalg.catalogue import catalogue as load_catalogue
from samvalg.errors import Problem, ValidationError
from samvalg.io._files import open_regular
from samvalg.io._hints import did_you_mean
from samvalg.io._locate import relocate
from samvalg.io._workbook_guard import check_workbook
from samvalg.io.xlsx._cells import openpyxl_module
from samvalg.io.xlsx._layout import (
    BUNDLE_SHEET,
    GUIDE_SHEETS,
    IGNORED_PREFIX,
    MAX_FILE_BYTES,
    META_SHEET,
    OVERRIDE_SHEET,
    STAKEHOLDER_SHEET,
    WEIGHTS_PREFIX,
)
from samvalg.io.xlsx._read_bundles import read_bundles
from samvalg.io.xlsx._read_scores import read_overrides, read_service, read_stakeholders
from samvalg.io.xlsx._read_weights import read_meta, read_weights
from samvalg.io.xlsx._reader import Reader


def _load(path: Path, name: str) -> Any:
    """The openpyxl workbook of `path`, after the file and its archive passed every check."""
    openpyxl = openpyxl_module()
    with open_regular(path, MAX_FILE_BYTES, name=name, allowed="a .xlsx file") as f:
        check_workbook(f, name)
        f.seek(0)
        try:
            # openpyxl warns about features it drops (extensions, images): the workbook is
            # only read, never saved, so they do not matter
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # not read_only: merged ranges are only known in the normal mode
                return openpyxl.load_workbook(f, data_only=False, keep_links=False)
        except Exception as exc:  # whatever a damaged part makes the parser raise
            what = f"{type(exc).__name__}: {exc}"
            if len(what) > 300:
                what = what[:300] + " ..."
            raise ValidationError(
                [
                    Problem(
                        name,
                        "",
                        f"not a readable .xlsx workbook: it is damaged ({what})",
                        "a workbook saved as .xlsx (Excel, LibreOffice)",
                    )
                ]
            ) from None


def _read(path: Path, cat: Catalogue) -> tuple[dict[str, Any], Reader]:
    name = path.name or str(path)
    reader = Reader(name, cat)
    wb = _load(path, name)
    try:
        data: dict[str, Any] = {}
        set_ids = list(cat.criteria_sets)
        weight_sheets = [WEIGHTS_PREFIX + k for k in (SET_WEIGHTS_KEY, *set_ids)]
        known = [
            *GUIDE_SHEETS,
            META_SHEET,
            *weight_sheets,
            STAKEHOLDER_SHEET,
            OVERRIDE_SHEET,
            BUNDLE_SHEET,
            *cat.services,
        ]
        if META_SHEET not in wb.sheetnames:
            reader.problem(
                META_SHEET,
                None,
                f"the sheet {META_SHEET!r} is missing (title, "
                "scales, schema version)" + did_you_mean(META_SHEET, wb.sheetnames),
                "the sheets of samvalg template",
            )
            reader.reported.add(("meta",))
        services_seen = False
        for ws in wb.worksheets:
            title = ws.title
            if title in GUIDE_SHEETS or title.startswith(IGNORED_PREFIX):
                continue
            state = getattr(ws, "sheet_state", "visible")
            if state != "visible":  # read (so its problems show too), but never silently
                reader.problem(
                    title,
                    None,
                    f"the sheet {title!r} is {state}: its values "
                    "would count without anyone checking the workbook seeing "
                    "them",
                    "visible sheets: unhide it (right-click a sheet tab > "
                    "Unhide; a veryHidden sheet only in the VBA editor), delete "
                    "it, or start its name with _ to keep it unread",
                )
            if title == META_SHEET:
                read_meta(reader, ws, data)
            elif title in weight_sheets:
                key = title.removeprefix(WEIGHTS_PREFIX)
                read_weights(reader, ws, key, ["weights", key], data.setdefault("weights", {}))
            elif title == STAKEHOLDER_SHEET:
                read_stakeholders(reader, ws, data)
            elif title == OVERRIDE_SHEET:
                read_overrides(reader, ws, data)
            elif title == BUNDLE_SHEET:
                read_bundles(reader, ws, data)
            elif title.rpartition(".")[2] in (SET_WEIGHTS_KEY, *set_ids) and "." in title:
                st_id, _, key = title.rpartition(".")
                st = data.setdefault("stakeholders", {}).setdefault(st_id, {})
                read_weights(
                    reader,
                    ws,
                    key,
                    ["stakeholders", st_id, "weights", key],
                    st.setdefault("weights", {}),
                )
            elif title in cat.services:
                services_seen = True
                read_service(reader, ws, title, data)
            else:
                reader.problem(
                    title,
                    None,
                    f"unknown sheet {title!r}" + did_you_mean(title, known),
                    "a service area id ("
                    + ", ".join(cat.services)
                    + "), meta, "
                    + ", ".join(weight_sheets)
                    + f", {STAKEHOLDER_SHEET}, {OVERRIDE_SHEET}, {BUNDLE_SHEET}, "
                    "<stakeholder>.<set>; sheets starting with _ are not read",
                )
        if not services_seen:
            reader.problem(
                wb.sheetnames[0] if wb.sheetnames else "",
                None,
                "no service area sheet: name each scoring sheet by its service area id",
                ", ".join(cat.services),
            )
        for key in (SET_WEIGHTS_KEY, *set_ids):
            reader.places.add(["weights", key], WEIGHTS_PREFIX + key)
        reader.places.add(["weights"], "")
    finally:
        wb.close()
    return data, reader


def _catalogue(catalogue: Catalogue | str | os.PathLike[str] | None) -> Catalogue:
    return catalogue if isinstance(catalogue, Catalogue) else load_catalogue(catalogue)


def read_workbook(
    path: str | os.PathLike[str], catalogue: Catalogue | str | os.PathLike[str] | None = None
) -> Mapping[str, Any]:
    """Read a scoring workbook into the raw mapping of an assessment file.

    The result has the structure of an assessment TOML file (``schema_version``, ``meta``,
    ``scales``, ``weights``, ``services``) and is validated by :func:`samvalg.load_assessment`
    like a file; :func:`samvalg.load_assessment` on the ``.xlsx`` path does both and reports
    the loader's problems at sheet and cell. The workbook is only read, never saved.

    Parameters
    ----------
    path : path
        A workbook in the layout of :func:`write_template`.
    catalogue : Catalogue or path, optional
        Knows the service area ids the sheets are named by (default: the shipped one).

    Returns
    -------
    Mapping
        The raw assessment mapping.

    Raises
    ------
    samvalg.errors.ValidationError
        Problems in the workbook's structure, each at ``sheet!cell``: missing or unknown
        sheets, merged cells in a data area, formulas or empty cells where scores belong,
        missing ids, duplicate rows.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> from samvalg.io import write_template
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> a = samvalg.example_assessment()
    >>> _ = write_template(out, services=["lonn"], assessment=a)
    >>> raw = read_workbook(out)
    >>> raw["services"]["lonn"]["options"][:2]
    ['egen_drift', 'fagnettverk']
    """
    data, reader = _read(Path(path), _catalogue(catalogue))
    if reader.problems:
        raise ValidationError(reader.problems)
    return data


def load_workbook_assessment(
    path: str | os.PathLike[str], *, catalogue: Catalogue | str | os.PathLike[str] | None = None
) -> Assessment:
    """Read and validate a workbook; every problem located at sheet and cell.

    The loader's dispatch for ``.xlsx``: see :func:`samvalg.load_assessment`.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> from samvalg.io import write_template
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> _ = write_template(out, services=["lonn"], assessment=samvalg.example_assessment())
    >>> load_workbook_assessment(out).meta.illustrative
    True
    """
    cat = _catalogue(catalogue)
    data, reader = _read(Path(path), cat)
    try:
        assessment = from_mapping(data, source=reader.source, catalogue=cat)
    except ValidationError as exc:
        drop = reader.reported if reader.problems else set()
        problems = [*reader.problems, *relocate(exc.problems, reader.places, reader.source, drop)]
        raise ValidationError(problems) from None
    if reader.problems:
        raise ValidationError(reader.problems)
    return assessment
