"""Render a :class:`~samvalg.report.Briefing` as a Word document (``.docx``) with python-docx.

Built for a case handler who pastes sections into a saksframlegg: every chapter is a real
``Heading 1`` (subsections ``Heading 2``, ``Heading 3``), tables are Word tables (header row
repeated on each page, fixed column widths that fit A4 portrait) with a numbered ``Caption``
above them (``Tabell {SEQ}``), figures are PNG pictures with alt text and a numbered caption
below (drawn from the figure's SVG by the Typst compiler at :data:`PNG_DPI`, so Word needs no
PNG copies from matplotlib). The page is A4 portrait; an illustrative example carries its
banner in the header of every page and the footer numbers the pages. Text is set as plain runs
(``**bold**`` as bold runs), never interpreted. The same briefing gives a byte-identical file
(fixed dates and zip times).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from samvalg.errors import SamvalgError
from samvalg.report._model import (
    Briefing,
    BulletList,
    Callout,
    DefinitionList,
    Figure,
    Paragraph,
    Section,
    Table,
)
from samvalg.report._paged import (
    MARGIN_MM,
    SHORT_TABLE_ROWS,
    TEXT_WIDTH_MM,
    clean,
    column_weights,
    plain,
    runs,
)
from samvalg.text.documents import label

__all__ = ["figure_png", "to_docx"]

#: Figures at most this share of the text width (as in the PDF).
FIGURE_WIDTH = 0.85
#: Resolution the figures' PNGs are drawn at (as ``samvalg brief --png``).
PNG_DPI = 150.0
#: A Typst program that draws one SVG (``sys.inputs.svg``) on a page of its own size.
_RASTER = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.at("svg")), format: "svg")
"""
#: A fixed date for the document properties: the file records no time of writing.
_FIXED = datetime(2000, 1, 1)
_LANG = {"nb": "nb-NO", "en": "en-GB"}
_SMALL_PT = 8.5
_GREY = (0x55, 0x55, 0x55)
_FILL = {
    "illustrative": "FFF3C4",
    "recommendation": "EEF4FA",
    "warning": "FFFFFF",
    "note": "FFFFFF",
}


class _Writer:
    def __init__(self, briefing: Briefing, pngs: Mapping[str, bytes | None] | None) -> None:
        from docx import Document

        self.b = briefing
        self.lang = briefing.lang if briefing.lang in ("nb", "en") else "nb"
        self.doc = Document()
        self._pngs: Mapping[str, bytes | None] = {} if pngs is None else pngs
        self._ids: dict[str, str] = {}
        self._page_setup()
        self._styles()

    # -- set-up -------------------------------------------------------------------------------

    def _page_setup(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Mm(MARGIN_MM)
        sec.top_margin, sec.bottom_margin = Mm(24), Mm(20)
        sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
        if self.b.illustrative:
            p = sec.header.paragraphs[0]
            # the order Word's schema asks for: pStyle, pBdr, shd, ..., jc
            _border(p._p.get_or_add_pPr(), "bottom", 12)
            _shade(p._p.get_or_add_pPr(), "FFF3C4")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(f"⚠ {clean(self.b.banner)} ⚠")
            r.bold = True
            r.font.size = Pt(8.5)
        f = sec.footer.paragraphs[0]
        f.alignment = WD_ALIGN_PARAGRAPH.CENTER
        f.add_run(label(self.lang, "page") + " ").font.size = Pt(8)
        _field(f, "PAGE", "1")
        f.add_run(" " + label(self.lang, "page_of") + " ").font.size = Pt(8)
        _field(f, "NUMPAGES", "1")

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import qn
        from docx.shared import Pt

        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10)
        rpr = normal.element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), _LANG[self.lang])
        lang.set(qn("w:eastAsia"), _LANG[self.lang])
        cell = styles.add_style("samvalg Table Text", WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(9)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.space_before = Pt(0)
        small = styles.add_style("samvalg Note", WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = normal
        small.font.size = Pt(_SMALL_PT)
        from docx.shared import RGBColor

        small.font.color.rgb = RGBColor(*_GREY)
        cp = self.doc.core_properties
        cp.title = plain(self.b.title)
        cp.subject = plain(self.b.subtitle)
        cp.author = "samvalg"
        cp.last_modified_by = "samvalg"
        cp.language = _LANG[self.lang]
        cp.created = cp.modified = _FIXED
        cp.revision = 1

    # -- blocks -------------------------------------------------------------------------------

    def _runs(self, p: Any, text: str, *, bold: bool = False) -> None:
        for b, run in runs(text):
            r = p.add_run(run)
            if b or bold:
                r.bold = True

    def _style(self, p: Any, style: str | None) -> Any:
        """Give paragraph ``p`` the style named ``style`` (by id: python-docx's lookup by
        name scans every style each time)."""
        if style is not None:
            p._p.style = self._style_id(style)
        return p

    def paragraph(
        self, text: str, style: str | None = None, *, bold: bool = False, into: Any = None
    ) -> Any:
        p = self._style((into or self.doc).add_paragraph(), style)
        self._runs(p, text, bold=bold)
        return p

    def caption(self, kind: str, text: str) -> None:
        p = self._style(self.doc.add_paragraph(), "Caption")
        p.paragraph_format.keep_with_next = kind == "table"  # a table's caption is above it
        word = label(self.lang, kind)
        p.add_run(word + " ")
        _field(p, f"SEQ {word} \\* ARABIC", "1")
        p.add_run(": ")
        self._runs(p, text)

    def blocks(self, blocks: tuple[Any, ...], level: int) -> None:
        for b in blocks:
            if isinstance(b, Section):
                self.section(b, level + 1)
            elif isinstance(b, Paragraph):
                self.paragraph(b.text, "samvalg Note" if b.small else None)
            elif isinstance(b, BulletList):
                for item in b.items:
                    self.paragraph(item, "List Bullet")
            elif isinstance(b, DefinitionList):
                for term, text in b.items:
                    p = self.doc.add_paragraph()
                    self._runs(p, term, bold=True)
                    p.add_run(": ")
                    self._runs(p, text)
            elif isinstance(b, Callout):
                self.callout(b)
            elif isinstance(b, Table):
                self.table(b)
            elif isinstance(b, Figure):
                self.figure(b)

    def section(self, s: Section, level: int) -> None:
        if s.title:
            p = self.paragraph(s.title, f"Heading {min(level, 9)}")
            if s.page_break:
                p.paragraph_format.page_break_before = True
        self.blocks(s.blocks, level)

    def callout(self, c: Callout) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        t = self.doc.add_table(rows=1, cols=1)
        t.style = "Table Grid"
        pr = t.rows[0]._tr.get_or_add_trPr()
        pr.append(pr.makeelement(qn("w:cantSplit"), {}))  # a box stays on one page, as in the PDF
        cell = t.rows[0].cells[0]
        cell.width = Mm(TEXT_WIDTH_MM)
        _shade(cell._tc.get_or_add_tcPr(), _FILL.get(c.kind, "FFFFFF"))
        p = cell.paragraphs[0]
        mark = "⚠ " if c.kind in ("illustrative", "warning") else ""
        if mark:
            p.add_run(mark).bold = True
        self._runs(p, c.title, bold=True)
        if c.kind == "illustrative":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in p.runs:
                r.font.size = Pt(13)
        if c.text:
            self._runs(cell.add_paragraph(), c.text)
        self.doc.add_paragraph()

    def table(self, tb: Table) -> None:
        """A table: a repeating header row (shaded, bold), rows that never split across
        pages, a short table kept on one page, fixed column widths that fit the text width.

        Written as one piece of WordprocessingML parsed once (python-docx's cell-by-cell
        calls cost about 0.7 s for the example's 100 tables); the XML is the same as
        ``add_table`` and its cell, paragraph and run calls would make.
        """
        from docx.oxml.parser import parse_xml
        from docx.shared import Mm

        if tb.caption:
            self.caption("table", tb.caption)
        twips = [Mm(TEXT_WIDTH_MM * w).twips for w in column_weights(tb, chars_per_line=100.0)]
        style = self._style_id("samvalg Table Text")
        keep = "<w:keepNext/>" if len(tb.rows) <= SHORT_TABLE_ROWS else ""
        jc = [_JUSTIFY.get(a, "left") for a in tb.align]
        out = [
            f'<w:tbl {_W_NS}><w:tblPr><w:tblStyle w:val="{self._table_style()}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
            'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        rows = (tb.header, *tb.rows)
        for i, texts in enumerate(rows):
            head = i == 0
            bold = head or (i - 1) in tb.emphasis
            out.append(
                "<w:tr><w:trPr>" + ("<w:tblHeader/>" if head else "") + "<w:cantSplit/></w:trPr>"
            )
            last = i == len(rows) - 1
            for j, text in enumerate(texts):
                shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if head else ""
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips[j]}"/>{shade}</w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{"" if last else keep}'
                    f'<w:jc w:val="{jc[j]}"/></w:pPr>{_runs_xml(text, bold)}</w:p></w:tc>'
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.doc.element.body._insert_tbl(parse_xml("".join(out)))
        if tb.note:
            self.paragraph(tb.note, "samvalg Note")
        else:
            self._style(self.doc.add_paragraph(), "samvalg Note")

    def _style_id(self, style: str) -> str:
        """The id of the style named ``style`` (looked up once)."""
        sid = self._ids.get(style)
        if sid is None:
            sid = self._ids[style] = self.doc.styles[style].style_id
        return sid

    def _table_style(self) -> str:
        return self._style_id("Table Grid")

    def figure(self, f: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Inches, Mm

        png = self.png(f.svg)
        if png is None:
            self.paragraph(label(self.lang, "no_png", path=f"figures/{f.id}.svg"), "samvalg Note")
        else:
            from docx.image.image import Image

            px = Image.from_blob(png).px_width
            width = min(Inches(px / PNG_DPI), Mm(TEXT_WIDTH_MM * FIGURE_WIDTH))
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            p.add_run().add_picture(io.BytesIO(png), width=width)
            for pr in p._p.iter(qn("wp:docPr")):
                pr.set("descr", plain(f.alt))
        self.caption("figure", f.caption)

    def png(self, svg: str) -> bytes | None:
        """The SVG drawn as PNG at :data:`PNG_DPI`: the one drawn ahead if given, else now."""
        if svg in self._pngs:
            return self._pngs[svg]
        return figure_png(svg)

    # -- the document -------------------------------------------------------------------------

    def render(self) -> bytes:
        from docx.shared import Pt

        self.paragraph(self.b.title, "Title")
        sub = self.paragraph(self.b.subtitle, "Subtitle")
        sub.paragraph_format.space_after = Pt(12)
        for s in self.b.sections:
            self.section(s, 1)
            if s.id == "about":
                self.paragraph(label(self.lang, "contents"), bold=True)
                for top in self.b.sections:
                    if top.title:
                        self.paragraph(top.title, "List Number")
        buf = io.BytesIO()
        self.doc.save(buf)
        return _fixed_zip(buf.getvalue())


def _field(p: Any, instr: str, shown: str) -> None:
    """A Word field (``PAGE``, ``SEQ Tabell``) in paragraph ``p``, showing ``shown`` until Word
    updates it."""
    from docx.oxml.ns import qn

    fld = p._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): f" {instr} "})
    r = fld.makeelement(qn("w:r"), {})
    t = r.makeelement(qn("w:t"), {})
    t.text = shown
    r.append(t)
    fld.append(r)
    p._p.append(fld)


#: The WordprocessingML namespace, declared on a table written as text.
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: A table column's alignment as a paragraph's justification.
_JUSTIFY = {"r": "right", "c": "center", "l": "left"}


def _runs_xml(text: str, bold: bool) -> str:
    """A paragraph's runs of inline ``text`` as WordprocessingML, as python-docx writes them
    (``**bold**`` runs bold; a tab is ``<w:tab/>``, a line break ``<w:br/>``; a text with
    space at either end is kept with ``xml:space="preserve"``)."""
    out = []
    for b, run in runs(text):
        parts = [
            "<w:tab/>" if piece == "\t" else "<w:br/>" if piece in "\r\n" else _t_xml(piece)
            for piece in _RUN_BREAKS.split(run)
            if piece
        ]
        rpr = "<w:rPr><w:b/></w:rPr>" if (b or bold) else ""
        out.append(f"<w:r>{rpr}{''.join(parts)}</w:r>" if rpr or parts else "<w:r/>")
    return "".join(out)


#: A run's text split at tabs and line breaks (each its own element in WordprocessingML).
_RUN_BREAKS = re.compile(r"([\t\r\n])")


def _t_xml(chunk: str) -> str:
    from xml.sax.saxutils import escape

    space = ' xml:space="preserve"' if len(chunk.strip()) < len(chunk) else ""
    return f"<w:t{space}>{escape(chunk)}</w:t>"


def _shade(pr: Any, fill: str) -> None:
    from docx.oxml.ns import qn

    shd = pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto"})
    shd.set(qn("w:fill"), fill)
    pr.append(shd)


def _border(ppr: Any, side: str, size: int) -> None:
    from docx.oxml.ns import qn

    bdr = ppr.makeelement(qn("w:pBdr"), {})
    edge = bdr.makeelement(
        qn(f"w:{side}"),
        {qn("w:val"): "single", qn("w:sz"): str(size), qn("w:space"): "1", qn("w:color"): "000000"},
    )
    bdr.append(edge)
    ppr.append(bdr)


def _fixed_zip(data: bytes) -> bytes:
    """The .docx with every zip entry dated 1980-01-01 (python-docx stamps the time of
    writing), so the same briefing gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            # PNGs are compressed already
            png = info.filename.endswith(".png")
            fixed.compress_type = zipfile.ZIP_STORED if png else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


_RASTER_COMPILER: dict[int, Any] = {}  # one Typst compiler per process id, made on first use


def figure_png(svg: str) -> bytes | None:
    """An SVG figure drawn as PNG at :data:`PNG_DPI` by the Typst compiler; None when Typst
    cannot draw it. A plain function of its argument, so worker processes can run it."""
    import os

    import typst

    compiler = _RASTER_COMPILER.get(os.getpid())
    if compiler is None:  # a forked worker makes its own (never its parent's)
        _RASTER_COMPILER.clear()
        compiler = _RASTER_COMPILER[os.getpid()] = typst.Compiler(ignore_system_fonts=True)
    try:
        out = compiler.compile(input=_RASTER, format="png", ppi=PNG_DPI, sys_inputs={"svg": svg})
    except RuntimeError:  # typst.TypstError: not an SVG Typst can draw
        return None
    if isinstance(out, list):
        out = out[0] if len(out) == 1 else None
    return out if isinstance(out, bytes) else None


def to_docx(briefing: Briefing, pngs: Mapping[str, bytes | None] | None = None) -> bytes:
    """The briefing as a Word document (bytes).

    Figures are drawn from their SVG as PNG (:func:`figure_png`, the Typst compiler; no
    matplotlib and no :attr:`Figure.png` needed); a figure whose SVG cannot be drawn is named
    by its file ``figures/<id>.svg`` instead. ``pngs`` maps an SVG to its PNG drawn ahead (in
    worker processes, while the other formats are rendered); the rest are drawn here.

    Raises
    ------
    samvalg.errors.SamvalgError
        python-docx or typst is missing.
    """
    try:
        import docx  # noqa: F401
        import typst  # noqa: F401
    except ImportError:  # pragma: no cover - a core dependency
        raise SamvalgError(
            "Word output needs the python-docx package (pip install python-docx), "
            "or leave docx out of --formats"
        ) from None
    return _Writer(briefing, pngs).render()
