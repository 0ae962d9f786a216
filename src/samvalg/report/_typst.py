"""Render a :class:`~samvalg.report.Briefing` as an A4 PDF with the Typst compiler.

The Typst compiler comes as the ``typst`` wheel from the package index (no system packages, no
browser). The document is one fixed Typst program, :data:`TEMPLATE`, that reads the briefing as
JSON from ``sys.inputs``: every text of the briefing (titles, cells, a user's names and notes)
reaches Typst as a string value, never as markup, so no character in it (``# $ * _ ` < > @ =
- + / \\ [ ]``) can start a Typst command. Figures are the briefing's SVG, embedded as vector
images. Only the fonts built into the compiler are used, so the PDF is the same on every
machine, and it carries no date: the same briefing gives byte-identical PDFs.
"""

from __future__ import annotations

import json
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
    TEXT_WIDTH_PT,
    breakable,
    clean,
    column_weights,
    plain,
    runs,
    svg_width_pt,
)
from samvalg.text.documents import label

__all__ = ["TEMPLATE", "to_pdf", "typst_data"]

#: The widest a figure is drawn, as a share of the text width (its text stays legible; the
#: SVG is scaled, never cut).
FIGURE_WIDTH = 0.72

#: The Typst program. It holds no text of the briefing: ``d`` is the JSON of
#: :func:`typst_data`, and each run of text is placed as a string.
TEMPLATE = r"""
#let d = json(bytes(sys.inputs.at("briefing")))
#let inl(rs) = {
  for r in rs { if r.at(0) { strong(r.at(1)) } else { r.at(1) } }
}
#set document(title: d.title_plain, author: "samvalg", date: none)
#set text(font: ("Libertinus Serif", "DejaVu Sans Mono"), size: 9.5pt, lang: d.lang,
  hyphenate: true)
#set par(justify: false, leading: 0.6em, spacing: 0.9em)
#set page(
  paper: "a4",
  margin: (x: MARGIN, top: 24mm, bottom: 20mm),
  header: if d.banner != "" {
    block(width: 100%, fill: rgb("#fff3c4"), stroke: (bottom: 1.2pt + black), inset: 3pt,
      align(center, text(size: 8.5pt, weight: "bold", "⚠ " + d.banner + " ⚠")))
  },
  footer: context align(center, text(size: 8pt,
    d.page + " " + counter(page).display() + " " + d.page_of + " "
      + str(counter(page).final().first()))),
)
#show heading: set text(font: "Libertinus Serif")
#show heading.where(level: 1): it => block(width: 100%, below: 0.8em,
  stroke: (bottom: 1pt + black), inset: (bottom: 3pt), text(size: 15pt, it))
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 11pt)
#show figure: set block(breakable: true)
#show figure.caption: set text(size: 9pt)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: table): set align(left)
#set table(stroke: (x, y) => (bottom: if y == 0 { 1pt } else { 0.4pt + gray }),
  inset: (x: 4pt, y: 3pt))
#show table: set text(size: 8pt)
#show table: set par(justify: false)

#let callout(n) = {
  let styles = (
    illustrative: (fill: rgb("#fff3c4"), stroke: 2.5pt + black),
    warning: (fill: none, stroke: (paint: black, thickness: 1pt, dash: "dashed")),
    recommendation: (fill: rgb("#eef4fa"), stroke: (left: 6pt + black, rest: 1.5pt + black)),
    note: (fill: none, stroke: 0.6pt + black),
  )
  let s = styles.at(n.kind, default: styles.note)
  let mark = if n.kind == "illustrative" or n.kind == "warning" { "⚠ " } else { "" }
  block(width: 100%, breakable: false, inset: 8pt, fill: s.fill, stroke: s.stroke, {
    let head = text(weight: "bold", size: if n.kind == "illustrative" { 13pt } else { 10.5pt },
      { mark; inl(n.title) })
    if n.kind == "illustrative" { align(center, head) } else { head }
    if n.text.len() > 0 { parbreak(); inl(n.text) }
  })
}

#let tab(n) = {
  let al = n.align.map(a => if a == "r" { right } else if a == "c" { center } else { left })
  let t = table(
    columns: n.widths.map(w => w * 1fr),
    align: (x, y) => al.at(x) + top,
    fill: (x, y) => if y == 0 { luma(242) },
    table.header(..n.header.map(h => text(weight: "bold", inl(h)))),
    ..n.rows.enumerate().map(((i, row)) => row.map(c => {
      if n.em.contains(i) { text(weight: "bold", inl(c)) } else { inl(c) }
    })).flatten(),
  )
  let body = {
    if n.caption.len() > 0 {
      figure(t, kind: table, caption: inl(n.caption))
    } else { t }
    if n.note.len() > 0 { text(size: 8.5pt, fill: luma(70), inl(n.note)) }
  }
  // a short table (and its caption and note) stays on one page; a long one breaks, header
  // repeated
  if n.rows.len() <= SHORT_TABLE { block(breakable: false, width: 100%, body) } else { body }
}

#align(left, text(size: 21pt, weight: "bold", inl(d.title)))
#text(size: 12pt, fill: luma(70), inl(d.subtitle))

#for n in d.blocks {
  if n.k == "h" {
    if n.pb { pagebreak(weak: true) }
    heading(level: n.level, outlined: n.level == 1, inl(n.text))
  } else if n.k == "p" {
    if n.small { text(size: 8.5pt, fill: luma(70), inl(n.text)) } else { inl(n.text) }
    parbreak()
  } else if n.k == "ul" {
    list(..n.items.map(inl))
  } else if n.k == "dl" {
    grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.5em,
      ..n.items.map(((t, x)) => (text(weight: "bold", inl(t)), inl(x))).flatten())
  } else if n.k == "callout" {
    callout(n)
  } else if n.k == "table" {
    tab(n)
  } else if n.k == "fig" {
    figure(image(bytes(n.svg), format: "svg", width: n.width * 100%, alt: n.alt),
      caption: inl(n.caption))
  } else if n.k == "toc" {
    outline(title: d.contents, depth: 1)
  }
}
""".replace("MARGIN", f"{MARGIN_MM:g}mm").replace("SHORT_TABLE", str(SHORT_TABLE_ROWS))


def wruns(text: str) -> list[tuple[bool, str]]:
    """Runs for Typst: very long words breakable (Typst would let them run off the page)."""
    return runs(text, wrap=True)


def _blocks(blocks: tuple[Any, ...], level: int, out: list[dict[str, Any]]) -> None:
    for b in blocks:
        if isinstance(b, Section):
            _section(b, level + 1, out)
        elif isinstance(b, Paragraph):
            out.append({"k": "p", "text": wruns(b.text), "small": b.small})
        elif isinstance(b, BulletList):
            out.append({"k": "ul", "items": [wruns(i) for i in b.items]})
        elif isinstance(b, DefinitionList):
            out.append({"k": "dl", "items": [[wruns(t), wruns(x)] for t, x in b.items]})
        elif isinstance(b, Callout):
            out.append(
                {"k": "callout", "kind": b.kind, "title": wruns(b.title), "text": wruns(b.text)}
            )
        elif isinstance(b, Table):
            out.append(
                {
                    "k": "table",
                    "header": [wruns(h) for h in b.header],
                    "rows": [[wruns(c) for c in row] for row in b.rows],
                    "align": list(b.align),
                    "widths": [round(w, 4) for w in column_weights(b)],
                    "em": list(b.emphasis),
                    "caption": wruns(b.caption),
                    "note": wruns(b.note),
                }
            )
        elif isinstance(b, Figure):
            natural = svg_width_pt(b.svg)
            width = FIGURE_WIDTH if natural is None else min(FIGURE_WIDTH, natural / TEXT_WIDTH_PT)
            out.append(
                {
                    "k": "fig",
                    "svg": b.svg,
                    "width": round(width, 4),
                    "alt": plain(b.alt),
                    "caption": wruns(b.caption),
                }
            )


def _section(s: Section, level: int, out: list[dict[str, Any]]) -> None:
    if s.title:
        out.append({"k": "h", "level": min(level, 6), "text": wruns(s.title), "pb": s.page_break})
    _blocks(s.blocks, level, out)


def typst_data(briefing: Briefing) -> dict[str, Any]:
    """The briefing as the JSON :data:`TEMPLATE` reads: the section tree flattened into
    blocks (``h`` heading, ``p``, ``ul``, ``dl``, ``callout``, ``table``, ``fig``, ``toc``),
    every text as ``[bold, text]`` runs. Top-level sections are level-1 headings; the contents
    follow the ``about`` section, as in the HTML page."""
    blocks: list[dict[str, Any]] = []
    for s in briefing.sections:
        _section(s, 1, blocks)
        if s.id == "about":
            blocks.append({"k": "toc"})
    lang = briefing.lang if briefing.lang in ("nb", "en") else "nb"
    return {
        "lang": lang,
        "title": wruns(briefing.title),
        "title_plain": plain(briefing.title),
        "subtitle": wruns(briefing.subtitle),
        "banner": breakable(clean(briefing.banner)) if briefing.illustrative else "",
        "contents": label(lang, "contents"),
        "page": label(lang, "page"),
        "page_of": label(lang, "page_of"),
        "blocks": blocks,
    }


def to_pdf(briefing: Briefing) -> bytes:
    """The briefing as an A4 PDF (bytes).

    Every chapter is a level-1 heading (in the PDF's outline and in the contents); a service
    area starts on a new page; an illustrative example carries its banner in the header of
    every page. Tables span the text width with columns sized to their content
    (:func:`~samvalg.report._paged.column_weights`), so no column is cut off; their header
    row repeats on each page. Figures are vector images with numbered captions.

    Raises
    ------
    samvalg.errors.SamvalgError
        The Typst compiler is missing or failed (an internal error: the data cannot change
        the program).
    """
    try:
        import typst
    except ImportError:  # pragma: no cover - a core dependency
        raise SamvalgError(
            "PDF output needs the typst package (pip install typst), or leave pdf out of --formats"
        ) from None
    data = json.dumps(typst_data(briefing), ensure_ascii=False, allow_nan=False)
    try:
        compiler = typst.Compiler(ignore_system_fonts=True)
        pdf = compiler.compile(
            input=TEMPLATE.encode("utf-8"), format="pdf", sys_inputs={"briefing": data}
        )
    except RuntimeError as exc:  # typst.TypstError
        raise SamvalgError(f"internal: the PDF could not be made ({exc})") from None
    if not isinstance(pdf, bytes):  # pragma: no cover - one document gives one file
        raise SamvalgError("internal: the Typst compiler returned no PDF")
    return pdf
