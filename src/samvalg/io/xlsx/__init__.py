"""The workshop workbook: write a scoring template (.xlsx), read a filled one back.

Layout
------
``Veiledning`` (``Guide`` with ``lang="en"``)
    How to fill in the workbook, in bokmål with English below (or the reverse), and the scales.
``meta``
    One row per key (column A: the key, B: explanation, C: the value; authors one per cell
    from C): ``schema_version``, ``title``, ``illustrative``, ``description``, ``date``,
    ``authors`` and the scale of each criteria set (``scales.gains.kind`` ...).
``vekter_sets``, ``vekter_strategy``, ``vekter_gains``, ``vekter_model``
    The weights of the criteria sets and inside each set: the method (points by default) and
    its parameters in rows, then one row per criterion (id, name, value: points, rank
    position, swing rating or direct weight) and, right of it, the AHP pairwise matrix.
one sheet per service area, named by its id (``lonn``)
    Long format: one row per criterion x option, grouped by criterion, with the columns
    criteria set, criterion (exact catalogue wording), option, **score**, **low**, **high**,
    **rationale**, scale, and the criterion and option ids.

Why the long format: a workshop scores *one criterion at a time across all options*, which is
how interval scores stay comparable (Belton & Stewart 2002, *Multiple Criteria Decision
Analysis*, ch. 5); in long format each row carries the criterion's full wording, the scale and a
wide rationale column, the three criteria sets may use different scales (each row is validated
on its own set's scale), and the sheet can be filtered or sorted freely because rows are read by
their ids, not their position. A wide layout (options x 28 criteria x 4 columns = 112 columns)
needs horizontal scrolling past truncated headers.

A row of column ids under the visible header (small grey text) names each column, so the
reader finds the columns by id, not by position.

Reading builds the raw mapping of an assessment TOML file;
:func:`samvalg.assessment.from_mapping` validates it and its problems are mapped back to sheet
and cell (by their structured :attr:`~samvalg.errors.Problem.path`).

Modules: ``_layout`` (sheet names and column ids, shared), ``_wording`` (the template's nb/en
text), ``_cells`` (openpyxl, text cells), ``_write`` / ``_write_sheets`` / ``_write_scores``
(the template), ``_reader`` / ``_read_weights`` / ``_read_scores`` / ``_read`` (reading back).

Safety
------
Text is never written as a formula: every text cell is a string cell (``t="inlineStr"``), so
a rationale or title starting with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(...)``) is shown
as typed and never run; the only formulas in a template are samvalg's own (the weight shares
and their sum). Characters XML cannot hold or would change (a carriage return, other control
characters) are written with the Office Open XML escape ``_x000D_`` and read back, so the
workbook reads back to the same assessment; a literal ``_x000D_`` in a text is itself escaped
(``_x005F_x000D_``).

Before loading, the file must be a regular file of at most 50 MB
(``samvalg.io.xlsx._layout.MAX_FILE_BYTES``) and its zip archive passes
:func:`samvalg.io._workbook_guard.check_workbook`: at most 50 MB unpacked, no zip bomb, no DTD
(no entity is ever expanded), and no sheet beyond 10 000 rows or 200 columns. Any failure
of openpyxl's load (a truncated sheet, a malformed styles part ...) is a problem naming the
file. A hidden or veryHidden sheet that would be read is reported, not read silently.
"""

from __future__ import annotations

from samvalg.io.xlsx._layout import SUFFIXES
from samvalg.io.xlsx._read import load_workbook_assessment, read_workbook
from samvalg.io.xlsx._write import write_template

__all__ = ["SUFFIXES", "load_workbook_assessment", "read_workbook", "write_template"]
