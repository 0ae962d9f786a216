"""What the paged renderers (PDF, Word) share: A4 geometry, inline runs, column widths.

Both walk the same :class:`~samvalg.report.Briefing` tree as the HTML and Markdown renderers;
nothing here reads or writes markup.
"""

from __future__ import annotations

import re

from samvalg.report._model import Table
from samvalg.report._render import _spans

__all__ = [
    "MARGIN_MM",
    "SHORT_TABLE_ROWS",
    "TEXT_WIDTH_MM",
    "TEXT_WIDTH_PT",
    "breakable",
    "clean",
    "column_weights",
    "plain",
    "runs",
    "svg_width_pt",
]

#: A4 portrait, the same side margins in the PDF and the Word file.
PAGE_WIDTH_MM = 210.0
MARGIN_MM = 18.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
TEXT_WIDTH_PT = TEXT_WIDTH_MM / 25.4 * 72
#: A table with at most this many rows is kept on one page with its caption and note (a
#: longer one breaks between rows, its header repeated): no lone last row on a new page.
SHORT_TABLE_ROWS = 12

_WS = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break space of "1\u00a0234"
# characters no XML file (Word) may hold, and that no printed page can show
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: A run of this many characters without a space may break anywhere (a zero-width space is
#: put after each such stretch): a long path, address or code never runs off the page.
LONG_WORD = 32
_LONG = re.compile(rf"[^\s\u200b]{{{LONG_WORD}}}(?=[^\s\u200b])")
_SVG_WIDTH = re.compile(r"<svg\b[^>]*?\swidth=\"([0-9.]+)(pt|px)?\"", re.S)


def clean(text: str) -> str:
    """``text`` with control characters (and lone surrogates) as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def breakable(text: str) -> str:
    """``text`` with a zero-width space after every :data:`LONG_WORD` characters that have no
    space between them, so a very long word wraps instead of running off the page."""
    return _LONG.sub(lambda m: m.group(0) + "\u200b", text)


def runs(text: str, *, wrap: bool = False) -> list[tuple[bool, str]]:
    """Inline text as ``(bold, text)`` runs: ``**bold**`` resolved, every other character kept
    as text (the renderers set each run as a string, never as markup); lines joined, no-break
    spaces (bokmål thousands: ``1\u00a0234``) kept, control characters as U+FFFD; ``wrap``:
    very long words made breakable (:func:`breakable`)."""
    out = []
    for bold, run in _spans(text):
        if run:
            run = clean(_WS.sub(" ", run))
            out.append((bold, breakable(run) if wrap else run))
    return out


def plain(text: str) -> str:
    """Inline text without its markup, on one line."""
    return clean(_WS.sub(" ", "".join(r for _, r in _spans(text))).strip())


def column_weights(table: Table, *, chars_per_line: float = 120.0) -> list[float]:
    """Relative column widths (summing to 1) that fit a table across the text width.

    ``chars_per_line``: about how many characters of the table's text fit in the text width.
    Each column needs room for its longest word (heading or cell; at most 18 characters,
    longer words are hyphenated) and would like room for its longest cell on one line. A
    column whose longest cell is short (at most 18 characters: numbers, statuses, names)
    gets that width in full; the wider columns share the rest in proportion to their mean cell
    length (capped at 150 characters: a column of long reasons gets more than one of names),
    each keeping at least its longest word. When even that
    does not fit, every column shrinks in proportion: nothing is ever wider than the page.
    """
    pad = 1.6  # a cell's inner padding, in characters
    need: list[float] = []  # the longest word
    want: list[float] = []  # the longest cell
    mean: list[float] = []  # the mean cell
    for j in range(len(table.header)):
        cells = [plain(row[j]) for row in table.rows]
        words = [len(w) for c in cells for w in c.split()]
        # headings are bold: their letters are wider
        words += [round(len(w) * 1.15) for w in plain(table.header[j]).split()]
        longest_word = min(max(words, default=1), 18) * 1.08 + pad
        longest_cell = min(max((len(c) for c in cells), default=1), 60) + pad
        need.append(longest_word)
        mean.append(min(sum(map(len, cells)) / max(len(cells), 1), 150) + pad)
        want.append(max(longest_cell, longest_word))
    short = [w <= 18 + pad for w in want]
    fixed = sum(w for w, s in zip(want, short, strict=True) if s)
    rest = chars_per_line - fixed
    long_want = sum(w for w, s in zip(want, short, strict=True) if not s)
    long_mean = sum(m for m, s in zip(mean, short, strict=True) if not s)
    if long_want <= rest or not any(not s for s in short):
        widths = list(want)
    else:
        widths = [
            w if s else max(n, rest * m / long_mean)
            for w, m, n, s in zip(want, mean, need, short, strict=True)
        ]
    total = sum(widths)
    return [w / total for w in widths]


def svg_width_pt(svg: str) -> float | None:
    """The width an SVG document declares, in points (None when it declares none)."""
    m = _SVG_WIDTH.search(svg[:4000])
    if m is None:
        return None
    value = float(m.group(1))
    return value * 0.75 if m.group(2) == "px" else value
