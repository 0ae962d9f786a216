"""Render a :class:`~samvalg.report.Briefing` as Markdown or as one self-contained HTML page."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

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

__all__ = ["to_html", "to_markdown"]

# --------------------------------------------------------------------------------------------
# Inline text: ``**bold**`` and backslash escapes (``\\*``, ``\\\\``); everything else is text.


def _spans(text: str) -> list[tuple[bool, str]]:
    """Split inline text into ``(bold, text)`` runs, escapes resolved.

    A ``**`` opens bold only when a later ``**`` closes it with text between (as the regular
    expression ``\\*\\*(.+?)\\*\\*`` would pair them); an unpaired ``**`` is text.
    """
    if "*" not in text and "\\" not in text:  # most text: one plain run
        return [(False, text)] if text else []
    return list(_marked_spans(text))


@cache
def _marked_spans(text: str) -> tuple[tuple[bool, str], ...]:
    """:func:`_spans` of a text with markup (each briefing renders it in up to four formats)."""
    tokens: list[str | None] = []  # a character, or None for a ``**`` marker
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "\\*":
            tokens.append(text[i + 1])
            i += 2
        elif c == "*" and text.startswith("**", i):
            tokens.append(None)
            i += 2
        else:
            tokens.append(c)
            i += 1
    out: list[tuple[bool, str]] = []
    buf: list[str] = []
    j = 0
    while j < len(tokens):
        tok = tokens[j]
        if tok is None:
            close = next((k for k in range(j + 2, len(tokens)) if tokens[k] is None), None)
            if close is not None and None not in tokens[j + 1 : close]:
                if buf:
                    out.append((False, "".join(buf)))
                    buf = []
                out.append((True, "".join(t for t in tokens[j + 1 : close] if t is not None)))
                j = close + 1
                continue
            buf.append("**")
        else:
            buf.append(tok)
        j += 1
    if buf:
        out.append((False, "".join(buf)))
    return tuple(out)


def _plain(text: str) -> str:
    """Inline text without its markup (for ``<title>``, attributes and link text)."""
    return " ".join("".join(t for _, t in _spans(text)).split())


# --------------------------------------------------------------------------------------------
# Markdown

_NEWLINES = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
# what opens a block at the start of a line: ATX heading, quote, link reference definition,
# bullet item, thematic break (``---``; ``***`` and ``___`` are escaped anyway), ordered item
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|>|\[|[-+](?=[ \t]|$)|-(?=-))")


def _md_escape(text: str, *, start: bool, brackets: bool = False) -> str:
    """Text as Markdown that a CommonMark renderer shows literally.

    Code spans, emphasis, raw HTML, autolinks, entity references, links and images are
    escaped everywhere; ``start`` also escapes what would open a block at the start of a line
    (heading, quote, list item, thematic break, link reference definition). Line breaks become
    spaces, so text never starts a new line.
    """
    text = _NEWLINES.sub(" ", text)
    out: list[str] = []
    n = len(text)
    for i, c in enumerate(text):
        if c in "\\`*<~":
            out.append("\\" + c)
        elif c == "_":
            inner = 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            out.append(c if inner else "\\_")
        elif c == "]" and (brackets or text[i + 1 : i + 2] in ("(", "[")):
            out.append("\\]")
        elif c == "[" and brackets:
            out.append("\\[")
        elif c == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        else:
            out.append(c)
    md = "".join(out)
    if start:
        md = md.lstrip(" \t")
        if _BLOCK_START.match(md):
            md = "\\" + md
        else:
            md = _ORDERED.sub(r"\1\\\2", md)
    return md


def _md_inline(text: str, *, start: bool = False, brackets: bool = False) -> str:
    """Inline text as Markdown: bold runs as ``**...**``, all other text escaped."""
    parts = []
    for k, (bold, run) in enumerate(_spans(text)):
        md = _md_escape(run, start=start and k == 0 and not bold, brackets=brackets)
        parts.append(f"**{md.strip()}**" if bold else md)
    # no space just inside the ``*...*`` and ``**...**`` the renderer wraps text in (it would
    # stop them from being emphasis), and no indentation (a code block)
    return "".join(parts).strip()


def _md_cell(text: str) -> str:
    return _md_inline(text).replace("|", "\\|")


def _md_heading(text: str) -> str:
    # a closing run of # after a space would be dropped from an ATX heading: keep it as text
    return re.sub(r"(\s)(#+)\s*$", r"\1\\\2", _md_inline(text))


def _md_blocks(blocks: tuple[Any, ...], level: int, figure_dir: str, out: list[str]) -> None:
    for b in blocks:
        if isinstance(b, Section):
            _md_section(b, level + 1, figure_dir, out)
        elif isinstance(b, Paragraph):
            out.append(f"*{_md_inline(b.text)}*" if b.small else _md_inline(b.text, start=True))
            out.append("")
        elif isinstance(b, BulletList):
            out.extend(f"- {_md_inline(item, start=True)}" for item in b.items)
            out.append("")
        elif isinstance(b, DefinitionList):
            out.extend(f"- **{_md_inline(term)}**: {_md_inline(text)}" for term, text in b.items)
            out.append("")
        elif isinstance(b, Callout):
            mark = "⚠ " if b.kind in ("illustrative", "warning") else ""
            out.append(f"> **{mark}{_md_inline(b.title)}**")
            if b.text:
                out.append(">")
                out.append(f"> {_md_inline(b.text, start=True)}")
            out.append("")
        elif isinstance(b, Table):
            if b.caption:
                out.append(f"**{_md_inline(b.caption)}**")
                out.append("")
            out.append("| " + " | ".join(_md_cell(h) for h in b.header) + " |")
            seps = {"l": ":---", "r": "---:", "c": ":---:"}
            out.append("| " + " | ".join(seps.get(a, "---") for a in b.align) + " |")
            for i, row in enumerate(b.rows):
                cells = [_md_cell(c) for c in row]
                if i in b.emphasis:
                    cells = [f"**{c}**" if c else c for c in cells]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
            if b.note:
                out.append(f"*{_md_inline(b.note)}*")
                out.append("")
        elif isinstance(b, Figure):
            alt = _md_escape(_plain(b.alt), start=False, brackets=True)
            out.append(f"![{alt}]({figure_dir}/{b.id}.svg)")
            out.append("")
            link = "" if b.png is None else f" ([PNG]({figure_dir}/{b.id}.png))"
            out.append(f"*{_md_inline(b.caption)}*{link}")
            out.append("")


def _md_section(s: Section, level: int, figure_dir: str, out: list[str]) -> None:
    if s.title:
        out.append("#" * min(level, 6) + " " + _md_heading(s.title))
        out.append("")
    _md_blocks(s.blocks, level, figure_dir, out)


def to_markdown(briefing: Briefing, *, figure_dir: str = "figures") -> str:
    """The briefing as Markdown; figures are embedded as ``<figure_dir>/<id>.svg`` (and a
    figure with a PNG copy links ``<figure_dir>/<id>.png``).

    Examples
    --------
    >>> from samvalg.report import build_briefing, to_markdown
    >>> md = to_markdown(build_briefing(n=200, figures=False))
    >>> md.startswith("# ")
    True
    """
    out = [f"# {_md_heading(briefing.title)}", ""]
    if briefing.subtitle:
        out += [f"*{_md_inline(briefing.subtitle)}*", ""]
    for s in briefing.sections:
        _md_section(s, 2, figure_dir, out)
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# HTML

_CSS = """
:root { --ink: #111; --muted: #555; --rule: #999; --soft: #f2f2f2; --accent: #0b4f8a; }
* { box-sizing: border-box; }
html { font-size: 11pt; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  color: var(--ink); line-height: 1.45; margin: 0 auto; max-width: 190mm; padding: 0 6mm 12mm; }
h1 { font-size: 1.9rem; margin: 0.4rem 0 0.2rem; line-height: 1.2; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.15rem;
  margin: 1.6rem 0 0.6rem; }
h3 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
p { margin: 0.35rem 0 0.6rem; }
p.small, .note { font-size: 0.85rem; color: var(--muted); }
.subtitle { font-size: 1.1rem; color: var(--muted); margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.3rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.4rem; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: left; background: var(--soft); }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
td.r { white-space: nowrap; }
th { overflow-wrap: break-word; }
td.c, th.c { text-align: center; }
tr.em td { font-weight: bold; }
tr.em td:first-child::before { content: "▶ "; }
thead { display: table-header-group; }
tr, img, svg { page-break-inside: avoid; break-inside: avoid; }
figure { margin: 0.6rem 0 0.9rem; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 0.2rem; }
dl.deflist { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem;
  margin: 0.5rem 0; }
dl.deflist dt { font-weight: bold; }
dl.deflist dd { margin: 0; overflow-wrap: anywhere; }
.callout { border: 2px solid var(--ink); padding: 0.5rem 0.8rem; margin: 0.7rem 0;
  page-break-inside: avoid; break-inside: avoid; }
.callout .title { font-weight: bold; font-size: 1.05rem; }
.callout.recommendation { border-width: 3px; border-left-width: 10px; background: #eef4fa; }
.callout.warning { border-style: dashed; }
.callout.note { border-width: 1px; }
.callout.illustrative { border: 5px double var(--ink); background: #fff3c4; text-align: center;
  padding: 0.8rem 1rem; }
.callout.illustrative .title { font-size: 1.5rem; letter-spacing: 0.03em; }
.running-banner { position: sticky; top: 0; z-index: 10; background: #fff3c4;
  border-bottom: 2px solid var(--ink); text-align: center; font-weight: bold;
  font-size: 0.8rem; padding: 0.15rem 0; letter-spacing: 0.05em; }
nav.toc ol { columns: 2; padding-left: 1.2rem; margin: 0.3rem 0; }
nav.toc a { color: var(--ink); }
section.page-break { page-break-before: always; break-before: page; }
.whatif { border: 1px solid var(--rule); border-left: 6px solid var(--accent);
  padding: 0.4rem 0.8rem 0.6rem; margin: 0.8rem 0; background: #fafcff; }
.whatif h4 { margin-top: 0.2rem; }
.whatif h5 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
.whatif-bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.whatif-methods { border: 1px solid var(--rule); padding: 0.1rem 0.5rem 0.3rem; margin: 0; }
.whatif-methods label { margin-right: 0.7rem; white-space: nowrap; }
.whatif-reset { font: inherit; padding: 0.2rem 0.7rem; cursor: pointer; }
.whatif-top { font-weight: bold; margin: 0.5rem 0 0.2rem; }
.whatif-scroll { overflow-x: auto; }
.whatif-table { font-size: 0.8rem; }
.whatif-table td.sel, .whatif-table th.sel { background: #e3edf7; }
.whatif-out { color: var(--muted); font-size: 0.85rem; }
.whatif-group summary { cursor: pointer; font-weight: bold; margin: 0.5rem 0 0.2rem; }
.whatif-control { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr 4.5rem;
  gap: 0 0.6rem; align-items: center; margin: 0.15rem 0; }
.whatif-name { font-size: 0.9rem; }
.whatif-slider { position: relative; padding-bottom: 6px; }
.whatif-slider input { width: 100%; margin: 0; }
.whatif-track { position: absolute; left: 0; right: 0; bottom: 0; height: 6px; }
.whatif-tick { position: absolute; top: 0; width: 3px; height: 6px; margin-left: -1px;
  background: #b3261e; }
.whatif-value { text-align: right; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
.whatif-marks { grid-column: 2 / 4; font-size: 0.8rem; color: var(--muted); }
.whatif-control.stale .whatif-tick { background: #bbb; }
a { color: var(--accent); }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  html { font-size: 9pt; }
  body { max-width: none; padding: 0; line-height: 1.3; }
  table { font-size: 0.85rem; }
  th, td { padding: 0.12rem 0.3rem; }
  p { margin: 0.25rem 0 0.45rem; }
  h2 { margin: 1rem 0 0.4rem; }
  h3 { margin: 0.8rem 0 0.3rem; }
  figure { margin: 0.4rem 0 0.5rem; }
  .callout { padding: 0.35rem 0.6rem; margin: 0.5rem 0; }
  figure svg { max-width: 68%; max-height: 85mm; width: auto; margin: 0 auto; }
  .running-banner { display: none; }
  a { color: var(--ink); text-decoration: none; }
  .callout.recommendation, .callout.illustrative, thead th, .running-banner {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { page-break-after: always; break-after: page; }
  .whatif { display: none; }
}
"""


def _banner_css(briefing: Briefing) -> str:
    """Print the banner in the top margin of every page (CSS paged-media margin boxes)."""
    if not briefing.illustrative:
        return ""
    text = briefing.banner.replace("\\", "").replace('"', "'")
    return (
        '@page { @top-center { content: "⚠ ' + text + " ⚠\"; font-family: 'DejaVu Sans', "
        "Arial, sans-serif; font-size: 9pt; font-weight: bold; color: #000; "
        "border-bottom: 1.5pt solid #000; } }\n"
    )


def _inline(text: str) -> str:
    return "".join(
        f"<strong>{html.escape(run, quote=False)}</strong>"
        if bold
        else html.escape(run, quote=False)
        for bold, run in _spans(text)
    )


_SVG_HEAD = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", re.S)
_SVG_META = re.compile(r"<metadata>.*?</metadata>", re.S)
_SVG_ID = re.compile(r'\bid="([^"]+)"')
_SVG_URL = re.compile(r"url\(#([^)]+)\)")
_SVG_HREF = re.compile(r'href="#([^"]+)"')


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG document as inline markup: header and metadata dropped, ids made unique."""
    body = _SVG_META.sub("", _SVG_HEAD.sub("", svg)).strip()
    body = _SVG_ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = _SVG_URL.sub(lambda m: f"url(#{prefix}-{m.group(1)})", body)
    body = _SVG_HREF.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    return body


def _html_blocks(blocks: tuple[Any, ...], level: int, out: list[str]) -> None:
    for b in blocks:
        if isinstance(b, Section):
            _html_section(b, level + 1, out)
        elif isinstance(b, Paragraph):
            cls = ' class="small"' if b.small else ""
            out.append(f"<p{cls}>{_inline(b.text)}</p>")
        elif isinstance(b, BulletList):
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, DefinitionList):
            out.append(
                '<dl class="deflist">'
                + "".join(
                    f"<dt>{_inline(term)}</dt><dd>{_inline(text)}</dd>" for term, text in b.items
                )
                + "</dl>"
            )
        elif isinstance(b, Callout):
            role = ' role="alert"' if b.kind in ("illustrative", "warning") else ""
            mark = "⚠ " if b.kind in ("illustrative", "warning") else ""
            text = f"<p>{_inline(b.text)}</p>" if b.text else ""
            out.append(
                f'<div class="callout {b.kind}"{role}><div class="title">{mark}'
                f"{_inline(b.title)}</div>{text}</div>"
            )
        elif isinstance(b, Table):
            cap = f"<caption>{_inline(b.caption)}</caption>" if b.caption else ""
            head = "".join(
                f'<th class="{a}">{_inline(h)}</th>' for h, a in zip(b.header, b.align, strict=True)
            )
            rows = []
            for i, row in enumerate(b.rows):
                cls = ' class="em"' if i in b.emphasis else ""
                cells = "".join(
                    f'<td class="{a}">{_inline(c)}</td>' for c, a in zip(row, b.align, strict=True)
                )
                rows.append(f"<tr{cls}>{cells}</tr>")
            out.append(
                f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
            if b.note:
                out.append(f'<p class="note">{_inline(b.note)}</p>')
        elif isinstance(b, Figure):
            svg = _inline_svg(b.svg, f"fig-{b.id}")
            out.append(
                f'<figure id="figure-{html.escape(b.id)}" role="img" '
                f'aria-label="{html.escape(_plain(b.alt))}">{svg}'
                f"<figcaption>{_inline(b.caption)}</figcaption></figure>"
            )


def _html_section(s: Section, level: int, out: list[str]) -> None:
    cls = ' class="page-break"' if s.page_break else ""
    out.append(f'<section id="{html.escape(s.id)}"{cls}>')
    if s.title:
        h = min(level, 6)
        out.append(f"<h{h}>{_inline(s.title)}</h{h}>")
    _html_blocks(s.blocks, level, out)
    out.append("</section>")


# --------------------------------------------------------------------------------------------
# The live what-if: data.json's ``whatif`` record and the script that reads it


@cache
def _whatif_script() -> str:
    """``assets/whatif.js``, shipped as package data."""
    return resources.files("samvalg.report").joinpath("assets", "whatif.js").read_text("utf-8")


def _script_json(data: Any) -> str:
    """JSON to sit inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` are
    written as JSON escapes ``\\u003c`` etc. (JSON.parse reads them back), so no text in it
    can close the script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _whatif_html(briefing: Briefing) -> list[str]:
    """The embedded ``whatif`` record and the script, or nothing when there is none.

    The script builds the controls itself, so with scripts off the page shows only the
    static tables and figures; in print the controls are hidden (``@media print``).
    """
    data = briefing.data.get("whatif")
    if not data:
        return []
    script = _whatif_script()
    if "</" in script:  # pragma: no cover - checked by the tests
        raise RuntimeError("internal: whatif.js contains '</'")
    return [
        f'<script type="application/json" id="samvalg-whatif-data">{_script_json(data)}</script>',
        f"<script>{script}</script>",
    ]


def to_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page.

    Figures are inline SVG (text drawn as paths, unique ids per figure), the CSS is inline,
    and nothing is loaded from outside the file. Printed on A4, every service area starts on a
    new page, tables and figures are not split, and an illustrative example carries its banner
    at the top of the first page, in a bar that stays on screen while scrolling, and in the top
    margin of every printed page (``@page`` margin box).

    When ``briefing.data`` has a ``whatif`` record (:mod:`samvalg.report._whatif`), it is
    embedded as JSON with the small script ``assets/whatif.js``, which adds live weight
    controls to each service area's sensitivity section; with scripts off the page is the
    same static briefing, and in print the controls are hidden.

    Examples
    --------
    >>> from samvalg.report import build_briefing, to_html
    >>> page = to_html(build_briefing(n=200, figures=False))
    >>> page.count("<script"), "<script src" in page, 'rel="stylesheet"' in page
    (2, False, False)
    """
    lang = briefing.lang
    body_cls = ' class="illustrative"' if briefing.illustrative else ""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(briefing.banner + ': ' if briefing.illustrative else '')}"
        f"{html.escape(_plain(briefing.title))}</title>",
        f"<style>{_CSS}{_banner_css(briefing)}</style>",
        "</head>",
        f"<body{body_cls}>",
    ]
    if briefing.illustrative:
        out.append(
            f'<div class="running-banner" aria-hidden="true">⚠ '
            f"{html.escape(briefing.banner)} ⚠</div>"
        )
    out.append("<header>")
    out.append(f"<h1>{_inline(briefing.title)}</h1>")
    if briefing.subtitle:
        out.append(f'<p class="subtitle">{_inline(briefing.subtitle)}</p>')
    out.append("</header>")
    toc_title = "Innhold" if lang == "nb" else "Contents"
    toc = "".join(
        f'<li><a href="#{html.escape(s.id)}">{_inline(s.title)}</a></li>'
        for s in briefing.sections
        if s.title
    )
    body: list[str] = []
    for s in briefing.sections:
        _html_section(s, 2, body)
        if s.id == "about":
            body.append(f'<nav class="toc"><h2>{toc_title}</h2><ol>{toc}</ol></nav>')
    out.extend(body)
    out.extend(_whatif_html(briefing))
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"
