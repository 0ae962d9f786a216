"""Spreadsheet input and output: the workshop workbook (.xlsx) and single score matrices (.csv).

A scoring workshop fills in a workbook written by :func:`write_template`; reading it back
(:func:`read_workbook`, or simply :func:`samvalg.load_assessment` on the ``.xlsx`` file)
produces the same raw mapping as an assessment TOML file, validated by the same loader, with
every problem located at its sheet and cell (``lonn!D7``). A CSV file holds one score matrix
(options x criteria of one service area and one criteria set): :func:`write_csv` and
:func:`read_csv`, with problems located at ``row 3, column "fagmiljo"``.

openpyxl is an optional dependency (``pip install samvalg[xlsx]``), imported only when a
workbook is written or read.

Examples
--------
>>> import samvalg, tempfile, pathlib
>>> from samvalg.io import write_template
>>> out = pathlib.Path(tempfile.mkdtemp()) / "skaring.xlsx"
>>> a = samvalg.example_assessment()
>>> _ = write_template(out, services=["lonn"], assessment=a)
>>> b = samvalg.load_assessment(out)
>>> b.services["lonn"].scores == a.services["lonn"].scores
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from samvalg.io.csv import read_csv, write_csv
from samvalg.io.xlsx import read_workbook, write_template

__all__ = ["load_spreadsheet", "read_csv", "read_workbook", "write_csv", "write_template"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_spreadsheet(path: str | os.PathLike[str], *, catalogue: Any = None) -> Any:
    """Load an assessment from a workbook (the loader's dispatch for ``.xlsx``/``.csv``).

    Parameters
    ----------
    path : path
        A ``.xlsx``/``.xlsm`` workbook in the layout of :func:`write_template`. A ``.csv`` file
        holds a single score matrix, not a whole assessment: it is refused with a message
        pointing to :func:`read_csv`.
    catalogue : Catalogue, optional

    Returns
    -------
    Assessment

    Raises
    ------
    samvalg.errors.ValidationError
        Every problem, located at its sheet and cell.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> _ = write_template(out, services=["arkiv"], assessment=samvalg.example_assessment())
    >>> list(load_spreadsheet(out).services)
    ['arkiv']
    """
    p = Path(path)
    if p.suffix.lower() == ".csv":
        from samvalg.io.csv import refuse_assessment

        refuse_assessment(p)
    from samvalg.io.xlsx import load_workbook_assessment

    return load_workbook_assessment(p, catalogue=catalogue)
