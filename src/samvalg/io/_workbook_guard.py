"""Check a workbook's zip archive before openpyxl loads it: sizes, XML safety, sheet extents.

openpyxl reads a whole workbook into memory, one Python object per cell, so a hostile or
damaged file can exhaust memory or time long before any cell is looked at: a zip bomb (a part
that unpacks to gigabytes), a sheet with a cell typed at ``XFD1048576`` (the reader then walks
17 billion empty cells) or a million rows. :func:`check_workbook` refuses such files in
seconds, streaming through the archive without keeping its contents:

* the archive: at most :data:`MAX_PARTS` parts, unpacking to at most
  :data:`MAX_UNPACKED_BYTES` in total, and no part over :data:`RATIO_FLOOR` unpacking to more
  than :data:`MAX_RATIO` times its packed size;
* every part is parsed with expat and refused if it has a document type declaration
  (``<!DOCTYPE``): Office Open XML never has one, and only a DTD can declare the entities of
  an entity-expansion attack ("billion laughs") or point to outside files. No entity is ever
  expanded. (openpyxl itself also uses ``defusedxml`` when it is installed, as it is with
  ``samvalg[xlsx]``.)
* every worksheet: its declared used range (``<dimension ref=...>``) and, measured while
  streaming, its real last row and column (cells, merged ranges, hyperlinks) at most
  :data:`MAX_ROWS` and :data:`MAX_COLUMNS`, and the sheets' rectangles from A1 together at
  most :data:`MAX_CELLS` cells;
* a part that is not well-formed XML (a truncated sheet) or cannot be unpacked (a bad
  checksum, an unknown compression method, encryption) is reported by name.

The caps are far above a real scoring workbook: the whole shipped example (28 service areas)
unpacks to about 2 MB, its largest sheet has 284 rows and 10 columns, and its sheets span
about 28 000 cells. Reading a workbook at the limits takes a few seconds and under 300 MB.
"""

from __future__ import annotations

import re
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from typing import IO, Any

from samvalg.errors import Problem, ValidationError
from samvalg.io._files import MB

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "RATIO_FLOOR",
    "check_workbook",
    "sheet_parts",
]

MAX_UNPACKED_BYTES = 50 * MB
"""The largest total unpacked size of a workbook's parts (the file on disk is capped too)."""
MAX_RATIO = 100
"""The largest unpacked/packed ratio of a part over :data:`RATIO_FLOOR` (sheet XML: about 10)."""
RATIO_FLOOR = 1 * MB
MAX_PARTS = 5000
"""The most parts (files) in the archive."""
MAX_ROWS = 10_000
"""The last row any sheet may use."""
MAX_COLUMNS = 200
"""The last column any sheet may use (column GR)."""
MAX_CELLS = 250_000
"""The most cells in all sheets together, counting each sheet as the rectangle from A1 to its
last used row and column (reading walks every cell of it)."""

CHUNK = 1 * MB
ALLOWED = "a workbook saved as .xlsx (Excel, LibreOffice)"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_XMLISH = (".xml", ".rels", ".vml")


class _Refused(Exception):
    """Raised inside an expat handler to stop the parse at once."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _n(x: int) -> str:
    """``1 048 576``: thousands separated by a space, as in Norwegian and SI."""
    return f"{x:,}".replace(",", " ")


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _parse(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    start: Callable[..., None] | None,
    source: str,
    where: str,
) -> None:
    """Stream one part through expat; refuse a DTD; raise _Refused with a located problem."""

    def doctype(*_: Any) -> None:
        raise _Refused(
            Problem(
                source,
                where,
                f"the part {info.filename} has a document type "
                "declaration (<!DOCTYPE ...>), which a workbook never has: it "
                "can declare entities that expand to gigabytes or read other "
                "files; refused without expanding anything",
                ALLOWED,
            )
        )

    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ExternalEntityRefHandler = doctype  # type: ignore[assignment]
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if start is not None:
        parser.StartElementHandler = start
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def sheet_parts(zf: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Worksheet part -> (sheet name, state) from ``xl/workbook.xml`` and its relationships.

    Parts are parsed with the DTD refused. Unreadable or missing pieces give an empty mapping:
    openpyxl then reports the workbook as unreadable.
    """
    names = set(zf.namelist())

    def attrs_of(part: str, tag: str) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        if part not in names:
            return found

        def start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == tag:
                found.append(attrs)

        _parse(zf, zf.getinfo(part), start, source, "")
        return found

    book = "xl/workbook.xml"
    for rel in attrs_of("_rels/.rels", "Relationship"):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("Target"):
            book = rel["Target"].lstrip("/")
    folder, _, base = book.rpartition("/")
    rels = {
        r.get("Id", ""): r.get("Target", "")
        for r in attrs_of(
            f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", "Relationship"
        )
    }
    out: dict[str, tuple[str, str]] = {}
    for sheet in attrs_of(book, "sheet"):
        rid = next((v for k, v in sheet.items() if _local(k) == "id" and k != "sheetId"), "")
        target = rels.get(rid, "")
        if not target:
            continue
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else (f"{folder}/{target}" if folder else target)
        )
        parts: list[str] = []
        for piece in part.split("/"):
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        out["/".join(parts)] = (sheet.get("name", ""), sheet.get("state", "visible"))
    return out


class _SheetScan:
    """Measures one worksheet while expat streams it; stops at the first limit passed.

    The extent of a sheet is the rectangle from A1 to its last row and column used by a cell
    (``<c>``, even an empty formatted one), a merged range or a hyperlink range (openpyxl makes
    a cell for every position of those two); ``area`` is its size in cells, what reading the
    sheet row by row walks through.
    """

    def __init__(self, source: str, sheet: str, done: list[int]) -> None:
        self.source, self.sheet, self.done = source, sheet, done
        self.row = 0  # the current row and column while streaming
        self.col = 0
        self.max_row = 0
        self.max_col = 0

    def refuse(self, what: str, allowed: str) -> None:
        raise _Refused(Problem(self.source, self.sheet, what, allowed))

    def limits(self) -> str:
        return (
            f"at most {_n(MAX_ROWS)} rows and {MAX_COLUMNS} columns (last column "
            f"{_letters(MAX_COLUMNS)}) a sheet; delete the rows and columns beyond the "
            "table, and any formatting there"
        )

    def extend(self, row: int, col: int, what: str) -> None:
        if row > MAX_ROWS or col > MAX_COLUMNS:
            self.refuse(
                f"the sheet has {what}, beyond the size a samvalg workbook sheet may use",
                self.limits(),
            )
        if row > self.max_row or col > self.max_col:
            self.max_row, self.max_col = max(row, self.max_row), max(col, self.max_col)
            if self.done[0] + self.area() > MAX_CELLS:
                self.refuse(
                    f"the sheets up to this one span more than {_n(MAX_CELLS)} cells "
                    f"(this sheet: {_n(self.max_row)} rows x {self.max_col} columns, "
                    f"through {what}), more than a samvalg workbook may hold",
                    f"at most {_n(MAX_CELLS)} cells in all sheets together, counting "
                    "each sheet from A1 to its last used row and column",
                )

    def area(self) -> int:
        return self.max_row * self.max_col

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "c":
            m = _REF.match(attrs.get("r", ""))
            if m:
                self.col, self.row = _column(m.group(1)), int(m.group(2))
            else:
                self.col += 1
            self.extend(self.row, self.col, f"a cell at {_letters(self.col)}{self.row}")
        elif tag == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.col = 0
            if self.row > MAX_ROWS:
                self.refuse(
                    f"the sheet has a row {_n(self.row)}, beyond the size a samvalg "
                    "workbook sheet may use",
                    self.limits(),
                )
        elif tag in ("mergeCell", "hyperlink"):
            ref = attrs.get("ref", "")
            m = _REF.match(ref.rpartition(":")[2])
            if m:
                kind = "merged cells" if tag == "mergeCell" else "a hyperlink over"
                self.extend(int(m.group(2)), _column(m.group(1)), f"{kind} {ref}")
        elif tag == "dimension":
            ref = attrs.get("ref", "").rpartition(":")[2]
            m = _REF.match(ref)
            if m and (int(m.group(2)) > MAX_ROWS or _column(m.group(1)) > MAX_COLUMNS):
                self.refuse(
                    f"the sheet declares a used range {attrs.get('ref')} (up to row "
                    f"{_n(int(m.group(2)))}, column {m.group(1).upper()}), beyond the "
                    "size a samvalg workbook sheet may use",
                    self.limits(),
                )


def _unpack_problem(source: str, where: str, part: str, exc: BaseException) -> Problem:
    return Problem(
        source,
        where,
        f"the workbook is damaged: its part {part} cannot be "
        f"unpacked ({type(exc).__name__}: {exc})",
        ALLOWED,
    )


def check_workbook(file: IO[bytes], source: str) -> None:
    """Refuse a workbook archive that is damaged, unsafe or too large, before it is loaded.

    Parameters
    ----------
    file : binary file
        The open workbook (seekable); left open, position unspecified.
    source : str
        The file name for problems.

    Raises
    ------
    samvalg.errors.ValidationError
        One problem naming the file, the sheet (or the archive part) and the limit passed.
    """

    def refuse(where: str, message: str, allowed: str = ALLOWED) -> None:
        raise ValidationError([Problem(source, where, message, allowed)])

    try:
        zf = zipfile.ZipFile(file)
    except Exception as exc:  # BadZipFile, EOFError, OSError, ValueError ... all the same
        refuse("", f"not a readable .xlsx workbook (not a zip archive: {exc})")
        raise  # pragma: no cover - refuse raised
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            refuse(
                "",
                f"the archive has {len(infos)} parts, more than the {MAX_PARTS} a "
                "workbook may have",
                f"{ALLOWED}, at most {MAX_PARTS} parts",
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED_BYTES:
            refuse(
                "",
                f"the workbook unpacks to {_n(round(total / MB))} MB, more than the "
                f"limit of {MAX_UNPACKED_BYTES // MB} MB (a zip bomb, or far more data "
                "than a scoring workbook holds)",
                f"a workbook unpacking to at most {MAX_UNPACKED_BYTES // MB} MB",
            )
        for i in infos:
            ratio = i.file_size / max(i.compress_size, 1)
            if i.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                refuse(
                    "",
                    f"the part {i.filename} unpacks to {_n(round(ratio))} times its "
                    f"packed size ({i.file_size / MB:.1f} MB), more than the limit of "
                    f"{MAX_RATIO} (a zip bomb?)",
                    f"parts unpacking to at most {MAX_RATIO} times their packed size",
                )
        try:
            sheets = sheet_parts(zf, source)
        except _Refused as exc:
            raise ValidationError([exc.problem]) from None
        except Exception:  # a damaged workbook.xml: openpyxl's load reports it
            sheets = {}
        done = [0]  # cells spanned by the sheets scanned so far
        for i in infos:
            if i.is_dir():
                continue
            sheet = sheets.get(i.filename)
            where = sheet[0] if sheet else ""
            scan = _SheetScan(source, where, done) if sheet else None
            try:
                _parse(zf, i, scan.start if scan else None, source, where)
                if scan is not None:
                    done[0] += scan.area()
            except _Refused as exc:
                raise ValidationError([exc.problem]) from None
            except xml.parsers.expat.ExpatError as exc:
                if sheet or i.filename.lower().endswith(_XMLISH):
                    what = (
                        f"the sheet {sheet[0]!r} ({i.filename})"
                        if sheet
                        else (f"its part {i.filename}")
                    )
                    error = xml.parsers.expat.ErrorString(exc.code)
                    short = (
                        "; it may have been cut short"
                        if error in ("no element found", "unclosed token")
                        else ""
                    )
                    refuse(
                        where,
                        f"the workbook is damaged: {what} is not well-formed XML "
                        f"({error}, line {exc.lineno}, column {exc.offset + 1}){short}",
                    )
                # media (images, binary parts) are not XML: nothing to check
            except Exception as exc:  # bad CRC, zlib error, encryption, unknown method ...
                raise ValidationError([_unpack_problem(source, where, i.filename, exc)]) from None
