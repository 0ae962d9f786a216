"""briefing.pdf and briefing.docx from ``samvalg brief`` with nothing but pip packages (issue 14).

- The shipped example, made in a process that cannot find a browser: briefing.pdf has 10-60 A4
  pages, every service area's name, the banner on every page and no text outside the page;
  briefing.docx opens with python-docx, has a Heading 1 per chapter, the service names, Word
  tables with captions that fit the text width, a picture per figure and the banner in the
  page header.
- User text is data: Typst's and Word's special characters come out as written.
- ``--formats`` chooses the documents; the out folder's safety rules hold for the new files.
- The same briefing gives the same bytes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
pypdf = pytest.importorskip("pypdf")

from samvalg.cli import main  # noqa: E402
from samvalg.errors import SamvalgError  # noqa: E402
from samvalg.report import (  # noqa: E402
    Briefing,
    BulletList,
    Callout,
    DefinitionList,
    Figure,
    Paragraph,
    Section,
    Table,
    write_briefing,
)
from samvalg.report._docx import to_docx  # noqa: E402
from samvalg.report._folder import MANIFEST  # noqa: E402
from samvalg.report._paged import MARGIN_MM, column_weights  # noqa: E402
from samvalg.report._typst import to_pdf  # noqa: E402
from samvalg.report._write import parse_formats  # noqa: E402

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


def _pdf_text(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    """Text with hyphenation at line ends undone and all white space as single spaces."""
    text = text.replace("\xad\n", "").replace("-\n", "-").replace("\u200b\n", "")
    return " ".join(text.replace("\u200b", "").replace("\xa0", " ").split())


# -- the shipped example, without a browser ---------------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``samvalg brief`` (default formats) in a process whose PATH holds only Python's own
    folder: no chromium, no wkhtmltopdf, no LibreOffice can be found."""
    out = tmp_path_factory.mktemp("docs") / "briefing"
    env = {
        "PATH": str(Path(sys.executable).parent),
        "PYTHONPATH": str(SRC),
        "HOME": str(out.parent),
        "LANG": "C.UTF-8",
    }
    code = "import sys; from samvalg.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, "brief", "--out", str(out), "--n", "500"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "briefing.pdf" in proc.stdout and "briefing.docx" in proc.stdout
    return out


@pytest.fixture(scope="module")
def data(made: Path) -> dict:
    return json.loads((made / "data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def service_names(made: Path) -> list[str]:
    from samvalg.catalogue._labels import service_label

    names = [service_label(row["service"], "nb") for row in _summary(made)]
    assert len(names) == 10
    return names


def _summary(made: Path) -> list[dict]:
    return json.loads((made / "data.json").read_text(encoding="utf-8"))["summary"]


@pytest.mark.slow
def test_pdf_pages_names_banner(made: Path, service_names: list[str]) -> None:
    pdf = (made / "briefing.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 10 <= len(reader.pages) <= 60, len(reader.pages)
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
    pages = [_flat(p.extract_text()) for p in reader.pages]
    text = " ".join(pages)
    for name in service_names:
        assert name in text, name
    banner = "ILLUSTRATIVT EKSEMPEL – IKKE EN VEDTATT VURDERING"
    assert all(banner in p for p in pages)
    assert "æ" in text and "ø" in text and "å" in text
    assert reader.metadata is not None and reader.metadata.title


@pytest.mark.slow
def test_pdf_no_text_outside_the_page(made: Path) -> None:
    """Every piece of text starts inside the side margins (a cut-off column would start
    beyond the right one), and every table keeps its last heading ("Forskjell" in the
    "Kriteriene som skiller" tables of all ten areas)."""
    reader = pypdf.PdfReader(made / "briefing.pdf")
    right = A4[0] - MARGIN_MM * MM + 1
    left = MARGIN_MM * MM - 1
    for number, page in enumerate(reader.pages, 1):
        xs: list[float] = []

        def visit(text: str, cm, tm, font, size, xs=xs) -> None:  # type: ignore[no-untyped-def]
            if text.strip():
                xs.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

        page.extract_text(visitor_text=visit)
        assert all(left <= x <= right for x in xs), (number, min(xs), max(xs))
    text = _flat(" ".join(p.extract_text() for p in reader.pages))
    assert text.count("Kriteriene som skiller") >= 10
    assert text.count("Forskjell") >= text.count("Kriteriene som skiller")


@pytest.mark.slow
def test_docx_headings_tables_figures(made: Path, data: dict, service_names: list[str]) -> None:
    d = docx.Document(str(made / "briefing.docx"))
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    # one Heading 1 per chapter, in the order of the HTML page's chapters
    page = (made / "index.html").read_text(encoding="utf-8")
    chapters = [h for h in heads if f">{h}</h2>" in page.replace("&amp;", "&")]
    assert chapters == heads and len(heads) >= 13
    for name in service_names:
        assert name in heads, name
    assert {p.style.style_id for p in d.paragraphs if p.style.name == "Heading 1"} == {"Heading1"}
    # Word tables that fit the text width, captions with a SEQ field
    sec = d.sections[0]
    assert abs(sec.page_width.mm - 210) < 0.5 and abs(sec.page_height.mm - 297) < 0.5
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    assert len(d.tables) > 50
    for t in d.tables:
        widths = [c.width for c in t.rows[0].cells]
        assert sum(widths) <= text_width + 10, [w.mm for w in widths]
    # no row splits across pages; a short table stays on one page (every row but the last
    # kept with the next), and a table's caption stays with its table
    from docx.oxml.ns import qn

    from samvalg.report._paged import SHORT_TABLE_ROWS

    short = 0
    for t in d.tables:
        rows = list(t.rows)
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        if len(rows) <= 1 or t.style.name != "Table Grid" or len(rows[0].cells) < 2:
            continue  # a callout box (one cell)
        keep = [
            all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
            for r in rows
        ]
        if len(rows) - 1 <= SHORT_TABLE_ROWS:
            short += 1
            assert keep == [True] * (len(rows) - 1) + [False]
        else:
            assert not any(keep)
    assert short > 20
    captions = [p for p in d.paragraphs if p.style.name == "Caption"]
    assert all(p.paragraph_format.keep_with_next for p in captions if p.text.startswith("Tabell"))
    assert any(p.text.startswith("Tabell ") for p in captions)
    assert any(p.text.startswith("Figur ") for p in captions)
    assert all("SEQ" in p._p.xml for p in captions)
    # a picture per figure, each with alt text
    pictures = d.inline_shapes
    assert len(pictures) == len(data["figures"]) > 10
    assert all(p._inline.docPr.get("descr") for p in pictures)
    # the banner in the page header, the language
    assert "ILLUSTRATIVT EKSEMPEL" in sec.header.paragraphs[0].text
    assert d.core_properties.language == "nb-NO"
    body = " ".join(p.text for p in d.paragraphs)
    assert "æ" in body and "ø" in body and "å" in body


@pytest.mark.slow
def test_the_manifest_lists_the_documents(made: Path) -> None:
    files = json.loads((made / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert "briefing.pdf" in files and "briefing.docx" in files


# -- user text is data ------------------------------------------------------------------------

HOSTILE = [
    "#sys.exit() $x^2$ *b* _i_ `code` <lbl> @ref = h - l + e / \\ [a] ]#[ ~ ' \" {}",
    "#set page(width: 1pt) // comment /* block */",
    "= Heading\n- list\n+ enum",
    '#import "x.typ": * #read("/etc/passwd")',
    "<w:p>&amp; </w:t> ]]> æøå ÆØÅ 1\u00a0234,5",
]


def _hostile_briefing() -> Briefing:
    rows = tuple((h, "1\u00a0234,5") for h in HOSTILE)
    blocks = (
        Paragraph(HOSTILE[0]),
        Paragraph(HOSTILE[1], small=True),
        BulletList(tuple(HOSTILE)),
        DefinitionList(((HOSTILE[2], HOSTILE[3]),)),
        Callout("warning", HOSTILE[4], HOSTILE[0]),
        Table(("Tekst " + HOSTILE[0], "Tall"), rows, ("l", "r"), HOSTILE[3], HOSTILE[1]),
        Figure(
            "fig",
            HOSTILE[2],
            HOSTILE[0],
            '<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="10pt"><rect '
            'width="20" height="10"/></svg>',
        ),
    )
    return Briefing(
        title=HOSTILE[0],
        subtitle=HOSTILE[4],
        lang="nb",
        illustrative=True,
        banner="BANNER " + HOSTILE[0],
        sections=(
            Section("about", HOSTILE[1], blocks),
            Section("two", HOSTILE[3], (Paragraph("**fet** " + HOSTILE[0]),), page_break=True),
        ),
        data={},
    )


def test_typst_special_characters_are_text() -> None:
    pages = _pdf_text(to_pdf(_hostile_briefing()))
    text = _flat(" ".join(pages))
    for h in HOSTILE:
        assert _flat(h) in text, h
    assert len(pages) >= 2  # the page width was not changed, the page break happened
    assert all(_flat("BANNER " + HOSTILE[0]) in _flat(p) for p in pages)


def test_word_special_characters_are_text() -> None:
    d = docx.Document(io.BytesIO(to_docx(_hostile_briefing())))
    paragraphs = [p.text for p in d.paragraphs]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = "\n".join(paragraphs + cells)
    assert "1\u00a0234,5" in cells  # the no-break space of bokmål thousands is kept
    for h in HOSTILE:
        assert h.replace("\n", " ") in text.replace("\n", " "), h
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heads == [HOSTILE[1], HOSTILE[3]]
    bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
    assert "fet" in bold
    assert len(d.inline_shapes) == 1  # the figure, drawn from its SVG
    # a figure Typst cannot draw is named by its file
    broken = Briefing(
        "T", "", "nb", False, "", (Section("s", "S", (Figure("x", "c", "a", "<svg"),)),), {}
    )
    d = docx.Document(io.BytesIO(to_docx(broken)))
    assert len(d.inline_shapes) == 0
    assert any("figures/x.svg" in p.text for p in d.paragraphs)


def test_long_words_wrap_and_control_characters_are_replaced() -> None:
    """A 240-character token (a path, an address) wraps inside its column and the text
    width instead of running off the page; control characters, which no .docx may hold,
    become U+FFFD in both documents."""
    token = "x" * 40 + "/" + "y" * 200
    t = Table(("a", "b", "c"), ((token, "1", token),), ("l", "r", "l"))
    b = Briefing(
        "T\x00", "", "nb", True, "B\x0b", (Section("s", "S\x01", (t, Paragraph(token))),), {}
    )
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(b)))
    lines = [ln for ln in reader.pages[0].extract_text().splitlines() if "y" in ln]
    assert len(lines) >= 6  # wrapped, in the two columns and under the table
    assert all(len(ln.replace("\u200b", "")) < 120 for ln in lines)
    assert reader.metadata is not None and reader.metadata.title == "T\ufffd"
    d = docx.Document(io.BytesIO(to_docx(b)))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == ["S\ufffd"]
    assert d.sections[0].header.paragraphs[0].text == "⚠ B\ufffd ⚠"


def test_same_briefing_same_bytes() -> None:
    b = _hostile_briefing()
    assert to_pdf(b) == to_pdf(b)
    assert to_docx(b) == to_docx(b)


def test_word_figures_drawn_in_workers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Word file's PNGs drawn ahead in forked workers give the same bytes as drawn in
    this process (SAMVALG_JOBS=1), and every figure is drawn (a picture each)."""
    from samvalg.report._write import _render_files

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120pt" height="60pt">'
        '<rect width="{w}" height="30" fill="#1f77b4"/></svg>'
    )
    figs = tuple(
        Figure(f"f{i}", f"Figure {i}", f"alt {i}", svg.replace("{w}", str(20 + 10 * i)))
        for i in range(4)
    )
    b = Briefing(
        title="Figures",
        subtitle="test",
        lang="en",
        illustrative=False,
        banner="",
        sections=(Section("about", "About", figs),),
        data={"summary": []},
    )
    monkeypatch.setenv("SAMVALG_JOBS", "1")
    alone = dict(_render_files(b, ("docx",)))["briefing.docx"]
    monkeypatch.setenv("SAMVALG_JOBS", "2")
    workers = dict(_render_files(b, ("docx",)))["briefing.docx"]
    assert workers == alone == to_docx(b)
    assert len(docx.Document(io.BytesIO(alone)).inline_shapes) == 4


def test_wide_tables_fit() -> None:
    """Four long option names as headings and numbers below: each column gets a share of the
    width, none is squeezed to nothing, and the shares add up to the whole width."""
    name = "Vertskommunesamarbeid med felles folkevalgt nemnd (Melhus)"
    t = Table(
        ("Kriterium", name, name.replace("Melhus", "Skaun"), "Forskjell"),
        tuple(
            ("Styrket fagmiljø, med større mulighet for fleksibel oppgaveløsning",) + ("0,059",) * 3
            for _ in range(8)
        ),
        ("l", "r", "r", "r"),
    )
    w = column_weights(t)
    assert abs(sum(w) - 1) < 1e-9
    assert min(w) > 0.08
    pages = _pdf_text(
        to_pdf(Briefing("T", "", "nb", False, "", (Section("s", "S", (t,)),), data={}))
    )
    assert "Forskjell" in " ".join(pages)


# -- --formats and the out folder -------------------------------------------------------------


def test_parse_formats() -> None:
    assert parse_formats(None) == ("html", "md", "pdf", "docx")
    assert parse_formats("docx, HTML") == ("html", "docx")
    assert parse_formats(["pdf"]) == ("pdf",)
    with pytest.raises(SamvalgError, match=r"unknown format 'odt' \(allowed: html, md, pdf, docx"):
        parse_formats("html,odt")
    with pytest.raises(SamvalgError, match="no format"):
        parse_formats([])


def test_bad_formats_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["brief", "--out", str(tmp_path / "out"), "--formats", "html,rtf"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "rtf" in err[0] and "allowed" in err[0]
    assert not (tmp_path / "out").exists()


def _tiny(tag: str) -> Briefing:
    return Briefing(
        title=f"Briefing {tag}",
        subtitle="test",
        lang="en",
        illustrative=False,
        banner="",
        sections=(Section("about", "About", (Paragraph(f"Run {tag}: æøå"),)),),
        data={"run": tag, "summary": []},
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    from samvalg.report import _write

    def use(tag: str) -> None:
        monkeypatch.setattr(_write, "build_briefing", lambda *a, **k: _tiny(tag))

    return use


def test_formats_choose_the_files_and_a_later_run_removes_the_rest(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    fake("one")
    w = write_briefing(out)
    assert sorted(p.name for p in w.files) == [
        "briefing.docx",
        "briefing.md",
        "briefing.pdf",
        "data.json",
        "index.html",
    ]
    assert "Run one" in _flat(" ".join(_pdf_text((out / "briefing.pdf").read_bytes())))
    fake("two")
    w = write_briefing(out, formats="html,md")
    assert w.pdf is None and w.docx is None
    assert sorted(os.listdir(out)) == [MANIFEST, "briefing.md", "data.json", "index.html"]
    fake("three")
    w = write_briefing(out, formats=["pdf"])
    assert w.html is None and w.markdown is None
    assert sorted(os.listdir(out)) == [MANIFEST, "briefing.pdf", "data.json"]


def test_a_users_briefing_pdf_is_not_overwritten(tmp_path: Path, fake) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "briefing.pdf").write_bytes(b"%PDF my own")
    fake("one")
    with pytest.raises(SamvalgError, match="no samvalg briefing"):
        write_briefing(out, formats="pdf")
    assert (out / "briefing.pdf").read_bytes() == b"%PDF my own"
    # a samvalg folder without a PDF of its own: the user's PDF put there later is kept by a
    # run that does not write one, and refused by one that would
    other = tmp_path / "ours"
    write_briefing(other, formats="html")
    (other / "briefing.pdf").write_bytes(b"%PDF my own")
    write_briefing(other, formats="html,md")
    assert (other / "briefing.pdf").read_bytes() == b"%PDF my own"
    with pytest.raises(SamvalgError, match=r"briefing\.pdf exists and was not written by samvalg"):
        write_briefing(other, formats="html,pdf")
    assert (other / "briefing.pdf").read_bytes() == b"%PDF my own"
    write_briefing(other, formats="html,pdf", force=True)
    assert (other / "briefing.pdf").read_bytes().startswith(b"%PDF-")


def _python_docx_table(tb: Table) -> str:
    """The table as python-docx's own calls build it (add_table, cells, paragraphs, runs):
    the reference for the table XML samvalg writes in one piece."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm
    from lxml import etree

    from samvalg.report._docx import TEXT_WIDTH_MM
    from samvalg.report._paged import SHORT_TABLE_ROWS, runs

    doc = docx.Document()
    cell_style = doc.styles.add_style("samvalg Table Text", 1)
    align = {"r": WD_ALIGN_PARAGRAPH.RIGHT, "c": WD_ALIGN_PARAGRAPH.CENTER}
    widths = [Mm(TEXT_WIDTH_MM * w) for w in column_weights(tb, chars_per_line=100.0)]
    t = doc.add_table(rows=1 + len(tb.rows), cols=len(tb.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for j, col in enumerate(t.columns):
        col.width = widths[j]
    for i, row in enumerate(list(t.rows)):
        texts = tb.header if i == 0 else tb.rows[i - 1]
        bold = i == 0 or (i - 1) in tb.emphasis
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
            p = cell.paragraphs[0]
            p._p.style = cell_style.style_id
            p.alignment = align.get(tb.align[j], WD_ALIGN_PARAGRAPH.LEFT)
            for b, run in runs(texts[j]):
                r = p.add_run(run)
                if b or bold:
                    r.bold = True
            if i == 0:
                pr = cell._tc.get_or_add_tcPr()
                shd = pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto"})
                shd.set(qn("w:fill"), "F2F2F2")
                pr.append(shd)
    head = t.rows[0]._tr.get_or_add_trPr()
    head.append(head.makeelement(qn("w:tblHeader"), {}))
    for i, row in enumerate(t.rows):
        pr = row._tr.get_or_add_trPr()
        pr.append(pr.makeelement(qn("w:cantSplit"), {}))
        if len(tb.rows) <= SHORT_TABLE_ROWS and i < len(tb.rows):
            for cell in row.cells:
                for par in cell.paragraphs:
                    par.paragraph_format.keep_with_next = True
    return etree.tostring(t._tbl, encoding="unicode")


@pytest.mark.parametrize("rows", [3, 30])
def test_word_tables_are_what_python_docx_would_write(rows: int) -> None:
    """samvalg writes each table's XML in one piece (python-docx's cell-by-cell calls were
    most of the Word file's time); it is the XML python-docx's own calls build, for short
    and long tables, bold rows, every alignment and hostile text."""
    from lxml import etree

    body = [
        (HOSTILE[k % len(HOSTILE)], f"{k}\u00a0234,5", "**fet** mid", "  x\ty ")
        for k in range(rows)
    ]
    tb = Table(
        ("Tekst " + HOSTILE[0], "Tall", "C", "Mellomrom "),
        tuple(body),
        ("l", "r", "c", "l"),
        emphasis=(1,),
    )
    b = Briefing("T", "", "nb", False, "", (Section("s", "S", (tb,)),), {})
    d = docx.Document(io.BytesIO(to_docx(b)))
    (ours,) = d.tables
    got = etree.tostring(ours._tbl, encoding="unicode")
    want = _python_docx_table(tb)
    assert got.replace(
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', ""
    ) == want.replace(' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', "")
