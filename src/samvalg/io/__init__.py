"""Files in and out: assessment TOML files, the workshop workbook (.xlsx), single score
matrices (.csv), and :func:`load_assessment`, the one dispatch by file type.

:func:`load_assessment` reads a ``.toml`` file (:func:`read_toml`, written by
:func:`dump_toml`), a ``.xlsx`` workbook or a mapping, validated by
:func:`samvalg.assessment.from_mapping`; :func:`example_assessment` is the shipped example.

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

from samvalg.io._example import example_assessment
from samvalg.io._load import load_assessment
from samvalg.io.csv import read_csv, write_csv
from samvalg.io.toml import dump_toml, read_toml
from samvalg.io.xlsx import read_workbook, write_template

__all__ = [
    "dump_toml",
    "example_assessment",
    "load_assessment",
    "read_csv",
    "read_toml",
    "read_workbook",
    "write_csv",
    "write_template",
]
