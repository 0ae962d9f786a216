"""Damaged, hostile and oversized workbooks, built by editing a template's zip archive directly.

Each builder takes the bytes of a valid workbook (``samvalg template``) and returns the bytes
of a changed one. Huge parts are written raw and streamed (never cell by cell in openpyxl), so
even the million-row sheet and the zip bomb take a second or two to build.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable

MB = 1024 * 1024

Edit = Callable[[bytes], bytes]


def sheet_part(book: bytes, sheet: str) -> str:
    """The archive part holding the worksheet named `sheet`."""
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        wb = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    m = re.search(rf'<sheet[^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb)
    assert m, sheet
    t = re.search(rf'<Relationship[^>]*Id="{m.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{m.group(1)}"', rels
    )
    assert t, m.group(1)
    target = t.group(1)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def rezip(book: bytes, replace: dict[str, bytes | Edit] | None = None) -> bytes:
    """`book` with some parts replaced (bytes, or a function of the old bytes)."""
    replace = dict(replace or {})
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            new = replace.pop(info.filename, None)
            if new is not None:
                data = new(data) if callable(new) else new
            dst.writestr(info.filename, data)
        for name, data in replace.items():
            dst.writestr(name, data if isinstance(data, bytes) else data(b""))
    return out.getvalue()


def edit_sheet(sheet: str, edit: Edit) -> Edit:
    def change(book: bytes) -> bytes:
        return rezip(book, {sheet_part(book, sheet): edit})

    return change


def truncated(sheet: str = "lonn") -> Edit:
    """The sheet's XML cut off in the middle (a copy interrupted, a damaged download)."""
    return edit_sheet(sheet, lambda xml: xml[: len(xml) // 2])


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n'
        % (i, b"".join([b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")] * 10))
        for i in range(1, 10)
    )
    + b"]>\n"
)


def billion_laughs(sheet: str = "lonn") -> Edit:
    """A DTD whose nine nested entities would expand to a billion "lol"s in one cell."""

    def edit(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        body = body.replace(
            b"</sheetData>",
            b'<row r="300"><c r="G300" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>',
            1,
        )
        return BILLION_LAUGHS + body

    return edit_sheet(sheet, edit)


def external_entity(sheet: str = "lonn") -> Edit:
    """A DTD with an external entity that would read /etc/passwd into a cell."""

    def edit(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        body = body.replace(
            b"</sheetData>",
            b'<row r="300"><c r="G300" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>',
            1,
        )
        return (
            b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]>\n' + body
        )

    return edit_sheet(sheet, edit)


def styles(xml: bytes) -> Edit:
    """styles.xml replaced by `xml` (malformed XML, or well-formed with nonsense values)."""
    return lambda book: rezip(book, {"xl/styles.xml": xml})


MALFORMED_STYLES = (
    b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats'
    b'.org/spreadsheetml/2006/main"><fonts count="1"><font>'
)
NONSENSE_STYLES = (
    b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org'
    b'/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="abc" '
    b'fontId="x"/></cellXfs></styleSheet>'
)


def cell_at(ref: str, sheet: str = "lonn", dimension: str | None = None) -> Edit:
    """One number typed at `ref` (``XFD1048576``); `dimension` replaces the declared range."""
    row = int(re.sub(r"\D", "", ref))

    def edit(xml: bytes) -> bytes:
        xml = xml.replace(
            b"</sheetData>",
            f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode(),
            1,
        )
        if dimension is not None:
            xml = re.sub(
                rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml, count=1
            )
        return xml

    return edit_sheet(sheet, edit)


def many_rows(n: int, sheet: str = "lonn") -> Edit:
    """`n` rows of one number each after the scores; the declared range is left as it was
    (small), so only counting the rows while reading finds them."""

    def edit(xml: bytes) -> bytes:
        head, tail = xml.split(b"</sheetData>", 1)
        start = 1000
        rows = b"".join(
            b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(start, start + n)
        )
        return head + rows + b"</sheetData>" + tail

    return edit_sheet(sheet, edit)


def zip_bomb(unpacked_mb: int = 400, *, lie: bool = False) -> Edit:
    """A part of `unpacked_mb` MB of blanks (it packs about 1000:1). With `lie`, the archive
    declares the part 1 kB large, as a hand-made bomb would to pass a size check."""

    def edit(book: bytes) -> bytes:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(book)) as src,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
        ):
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info))
            with dst.open("xl/media/image1.xml", "w") as w:
                w.write(b"<x>")
                block = b" " * MB
                for _ in range(unpacked_mb):
                    w.write(block)
                w.write(b"</x>")
        data = bytearray(out.getvalue())
        if lie:
            _declare_size(data, "xl/media/image1.xml", 1024)
        return bytes(data)

    return edit


def _declare_size(data: bytearray, name: str, size: int) -> None:
    """Overwrite the unpacked size of part `name` in its local header and central directory."""
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    at = 0
    encoded = name.encode()
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + n]) == encoded:
            struct.pack_into("<I", data, at + 24, size)
            return
        at += 4
    raise AssertionError(name)  # pragma: no cover


def sheet_state(sheet: str, state: str) -> Edit:
    """The sheet marked hidden or veryHidden in workbook.xml."""

    def change(book: bytes) -> bytes:
        def edit(xml: bytes) -> bytes:
            new, n = re.subn(
                # openpyxl with lxml (python-docx needs it) writes xmlns:r before name=
                rf'(<sheet\b[^>]*?\bname="{sheet}"[^>]*?) state="[a-zA-Z]*"'.encode(),
                rf'\1 state="{state}"'.encode(),
                xml,
            )
            assert n == 1
            return new

        return rezip(book, {"xl/workbook.xml": edit})

    return change
