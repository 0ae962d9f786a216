"""An SVG canvas in points: rectangles, lines, markers and text as glyph outlines.

Coordinates are points (1/72 inch), y down. The canvas records every element and the box of
all that is drawn; :meth:`Canvas.svg` writes the document cropped to that box plus a margin,
with fixed ids (a glyph's outline and a hatch pattern are defined once and referenced), so the
same figure gives the same bytes. A user's text (a name from the catalogue) only ever becomes
glyph outlines, never markup: the SVG contains no text of its own but the ``<title>``, which is
escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from samvalg.report._charts._font import EM, face

__all__ = ["Box", "Canvas", "line_height"]

#: Line spacing of multi-line text, as a multiple of the font size (matplotlib's 1.2 of the
#: height of "lp").
LINE_SPACING = 1.2


@dataclass(frozen=True)
class Box:
    """A rectangle in points: left, top, right, bottom (y down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Box, tol: float = 0.0) -> bool:
        """True when the two boxes share an area larger than ``tol`` on both axes."""
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > tol
            and min(self.y1, other.y1) - max(self.y0, other.y0) > tol
        )


def _n(v: float) -> str:
    """A coordinate, short and stable (hundredths of a point)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def line_height(size: float, weight: str = "regular") -> float:
    """Height of one line of text (ascent of "l" to descent of "p"), points."""
    f = face(weight)
    return (f.ascent + f.descent) * size / f.units


def text_size(text: str, size: float, weight: str = "regular") -> tuple[float, float]:
    """Width and height of a (multi-line) text, points."""
    f = face(weight)
    lines = text.split("\n")
    width = max(f.width(line, size) for line in lines)
    one = line_height(size, weight)
    return width, one + (len(lines) - 1) * LINE_SPACING * one


class Canvas:
    """Collects elements; :meth:`svg` writes the document."""

    def __init__(self) -> None:
        self._body: list[str] = []
        self._glyphs: dict[tuple[str, str], str] = {}
        self._patterns: dict[tuple[str, str], str] = {}
        self._box: list[float] = [math.inf, math.inf, -math.inf, -math.inf]
        #: Boxes of every text drawn, with the text (for the figures' tests).
        self.texts: list[tuple[str, Box]] = []
        #: Every rectangle drawn with a label (bars, legend keys), for the figures' tests.
        self.rects: list[tuple[str, Box]] = []

    # -- bookkeeping ---------------------------------------------------------------------
    def _extend(self, x0: float, y0: float, x1: float, y1: float) -> None:
        b = self._box
        b[0], b[1] = min(b[0], x0, x1), min(b[1], y0, y1)
        b[2], b[3] = max(b[2], x0, x1), max(b[3], y0, y1)

    @property
    def box(self) -> Box:
        """The box of everything drawn."""
        x0, y0, x1, y1 = self._box
        return Box(x0, y0, x1, y1)

    # -- shapes --------------------------------------------------------------------------
    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        *,
        edge: str | None = None,
        lw: float = 0.0,
        hatch: str = "",
        hatch_colour: str = "#333333",
        opacity: float = 1.0,
        label: str = "",
    ) -> None:
        """A rectangle (negative ``w`` or ``h`` run left or up), with an optional hatch."""
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        attrs = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
        parts = [f'<rect {attrs} fill="{fill}"/>']
        if hatch:
            pid = self._pattern(hatch, hatch_colour)
            parts.append(f'<rect {attrs} fill="url(#{pid})"/>')
        if edge is not None and lw > 0:
            parts.append(f'<rect {attrs} fill="none" stroke="{edge}" stroke-width="{_n(lw)}"/>')
        body = "".join(parts)
        if opacity < 1.0:
            body = f'<g opacity="{opacity:g}">{body}</g>'
        self._body.append(body)
        self._extend(x, y, x + w, y + h)
        if label:
            self.rects.append((label, Box(x, y, x + w, y + h)))

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        colour: str = "#000000",
        lw: float = 0.8,
    ) -> None:
        """A straight line (butt caps)."""
        self._body.append(
            f'<path d="M{_n(x0)} {_n(y0)}L{_n(x1)} {_n(y1)}" stroke="{colour}" '
            f'stroke-width="{_n(lw)}" fill="none"/>'
        )
        self._extend(x0, y0, x1, y1)

    def marker(
        self,
        shape: str,
        x: float,
        y: float,
        size: float,
        fill: str,
        *,
        edge: str = "#333333",
        lw: float = 0.6,
        label: str = "",
    ) -> None:
        """A marker of matplotlib's shapes (``o s ^ v < > D P X *``; a ring: fill "none"),
        ``size`` points across, centred on (x, y)."""
        r = size / 2
        if shape == "o":
            body = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"'
        else:
            pts = _marker_points(shape, r)
            d = "M" + "L".join(f"{_n(x + px)} {_n(y + py)}" for px, py in pts) + "Z"
            body = f'<path d="{d}"'
        self._body.append(f'{body} fill="{fill}" stroke="{edge}" stroke-width="{_n(lw)}"/>')
        self._extend(x - r - lw, y - r - lw, x + r + lw, y + r + lw)
        if label:
            self.rects.append((label, Box(x - r, y - r, x + r, y + r)))

    # -- text ----------------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        weight: str = "regular",
        colour: str = "#000000",
        ha: str = "left",
        va: str = "center",
        rotate: bool = False,
        background: str | None = None,
        pad: float = 0.0,
    ) -> Box:
        """Text as outlines; each line aligned by ``ha`` (left, center, right), the block by
        ``va`` (top, center, bottom, baseline: of its first line) at (x, y). ``rotate``: read
        bottom to top (turned 90° anticlockwise about (x, y); the alignments then apply
        before turning). ``background``: a box of that colour ``pad`` points around the text.
        Returns the box the text covers."""
        if not text:
            return Box(x, y, x, y)
        f = face(weight)
        lines = text.split("\n")
        step = LINE_SPACING * line_height(size, weight)
        asc, desc = f.ascent * size / f.units, f.descent * size / f.units
        height = asc + desc + (len(lines) - 1) * step
        top = {
            "top": 0.0,
            "center": -height / 2,
            "bottom": -height,
            "baseline": -asc,
        }[va]
        scale = size / f.units  # font units to points
        em = EM / f.units  # font units to the outlines' units
        runs: list[str] = []
        width = 0.0
        for k, line in enumerate(lines):
            glyphs, adv = f.layout(line)
            w = adv * scale
            width = max(width, w)
            dx = {"left": 0.0, "center": -w / 2, "right": -w}[ha]
            base = top + asc + k * step
            uses = "".join(
                f'<use xlink:href="#{self._glyph(weight, g)}"'
                + (f' transform="translate({_n(gx * em)} 0)"/>' if gx else "/>")
                for g, gx in glyphs
                if g != "space"
            )
            if uses:
                zoom = size / EM
                runs.append(
                    f'<g transform="translate({_n(dx)} {_n(base)}) scale({zoom:.6g} {-zoom:.6g})">'
                    f"{uses}</g>"
                )
        left = {"left": 0.0, "center": -width / 2, "right": -width}[ha]
        local = Box(left - pad, top - pad, left + width + pad, top + height + pad)
        bg = ""
        if background is not None:
            bg = (
                f'<rect x="{_n(local.x0)}" y="{_n(local.y0)}" width="{_n(local.width)}" '
                f'height="{_n(local.height)}" fill="{background}"/>'
            )
        turn = " rotate(-90)" if rotate else ""
        self._body.append(
            f'<g transform="translate({_n(x)} {_n(y)}){turn}" fill="{colour}">'
            f"{bg}{''.join(runs)}</g>"
        )
        if rotate:  # (u, v) -> (x + v, y - u)
            box = Box(x + local.y0, y - local.x1, x + local.y1, y - local.x0)
        else:
            box = Box(x + local.x0, y + local.y0, x + local.x1, y + local.y1)
        self._extend(box.x0, box.y0, box.x1, box.y1)
        self.texts.append((text, box))
        return box

    def _glyph(self, weight: str, glyph: str) -> str:
        return _intern(self._glyphs, (weight, glyph), f"g{weight[0]}")

    def _pattern(self, hatch: str, colour: str) -> str:
        return _intern(self._patterns, (hatch, colour), "h")

    # -- output --------------------------------------------------------------------------
    def svg(self, margin: float = 7.2, title: str = "") -> str:
        """The SVG document, cropped to what is drawn plus ``margin`` points."""
        b = self.box
        if not math.isfinite(b.x0):
            b = Box(0.0, 0.0, 1.0, 1.0)
        x0, y0 = b.x0 - margin, b.y0 - margin
        w, h = b.width + 2 * margin, b.height + 2 * margin
        defs = [
            f'<path id="{gid}" d="{face(weight).outline(glyph)}"/>'
            for (weight, glyph), gid in self._glyphs.items()
        ]
        defs += [
            _pattern_def(pid, hatch, colour) for (hatch, colour), pid in self._patterns.items()
        ]
        head = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{_n(w)}pt" height="{_n(h)}pt" viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}" '
            'version="1.1">'
        )
        titled = f"<title>{escape(title)}</title>" if title else ""
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n{head}{titled}'
            f"<defs>{''.join(defs)}</defs>"
            f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}" fill="#ffffff"/>'
            f"{''.join(self._body)}</svg>\n"
        )


#: Spacing of hatch lines for one hatch character, points: matplotlib draws 6 lines an inch
#: per character, so "///" has a line every 4 points.
HATCH_UNIT = 72.0 / 6.0


def _pattern_def(pid: str, hatch: str, colour: str) -> str:
    """A tile of ``hatch`` in matplotlib's notation (``/ \\ x + - | . o *``)."""
    count = max(hatch.count(c) for c in set(hatch))
    s = HATCH_UNIT / count
    q = s / 4
    lw = 0.6
    parts: list[str] = []
    stroke = f'stroke="{colour}" stroke-width="{lw}" fill="none"'
    chars = set(hatch)
    if chars & {"/", "x", "X"}:
        parts.append(
            f'<path d="M{_n(-q)} {_n(q)}L{_n(q)} {_n(-q)}M0 {_n(s)}L{_n(s)} 0'
            f'M{_n(s - q)} {_n(s + q)}L{_n(s + q)} {_n(s - q)}" {stroke}/>'
        )
    if chars & {"\\", "x", "X"}:
        parts.append(
            f'<path d="M{_n(-q)} {_n(s - q)}L{_n(q)} {_n(s + q)}M0 0L{_n(s)} {_n(s)}'
            f'M{_n(s - q)} {_n(-q)}L{_n(s + q)} {_n(q)}" {stroke}/>'
        )
    if chars & {"+", "-"}:
        parts.append(f'<path d="M0 {_n(s / 2)}L{_n(s)} {_n(s / 2)}" {stroke}/>')
    if chars & {"+", "|"}:
        parts.append(f'<path d="M{_n(s / 2)} 0L{_n(s / 2)} {_n(s)}" {stroke}/>')
    spots = ((0.0, 0.0), (s, 0.0), (0.0, s), (s, s), (s / 2, s / 2))
    if "." in chars:
        r = 0.12 * s
        parts += [
            f'<circle cx="{_n(a)}" cy="{_n(b)}" r="{_n(r)}" fill="{colour}"/>' for a, b in spots
        ]
    if chars & {"o", "O"}:
        r = 0.25 * s
        parts += [
            f'<circle cx="{_n(a)}" cy="{_n(b)}" r="{_n(r)}" stroke="{colour}" '
            f'stroke-width="{lw / 2:g}" fill="none"/>'
            for a, b in spots
        ]
    if "*" in chars:
        pts = _marker_points("*", 0.3 * s)
        for a, b in spots:
            d = "M" + "L".join(f"{_n(a + px)} {_n(b + py)}" for px, py in pts) + "Z"
            parts.append(f'<path d="{d}" fill="{colour}"/>')
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{_n(s)}" '
        f'height="{_n(s)}">{"".join(parts)}</pattern>'
    )


def _marker_points(shape: str, r: float) -> list[tuple[float, float]]:
    """Corners of a marker of radius ``r`` about the origin (y down)."""

    def polar(n: int, radius: float, start: float) -> list[tuple[float, float]]:
        return [
            (
                radius * math.cos(start + 2 * math.pi * k / n),
                radius * math.sin(start + 2 * math.pi * k / n),
            )
            for k in range(n)
        ]

    if shape == "s":
        return [(-r * 0.8, -r * 0.8), (r * 0.8, -r * 0.8), (r * 0.8, r * 0.8), (-r * 0.8, r * 0.8)]
    if shape == "D":
        return [(0.0, -r), (r * 0.75, 0.0), (0.0, r), (-r * 0.75, 0.0)]
    if shape in ("^", "v", "<", ">"):
        start = {"^": -math.pi / 2, "v": math.pi / 2, "<": math.pi, ">": 0.0}[shape]
        return polar(3, r, start)
    if shape == "*":
        outer = polar(5, r, -math.pi / 2)
        inner = polar(5, r * 0.38, -math.pi / 2 + math.pi / 5)
        return [p for pair in zip(outer, inner, strict=True) for p in pair]
    a, b = r, r / 3
    if shape == "P":  # a filled plus
        return [
            (-b, -a),
            (b, -a),
            (b, -b),
            (a, -b),
            (a, b),
            (b, b),
            (b, a),
            (-b, a),
            (-b, b),
            (-a, b),
            (-a, -b),
            (-b, -b),
        ]
    if shape == "X":  # a filled cross: the plus turned 45°
        c = math.cos(math.pi / 4)
        return [(c * (px - py), c * (px + py)) for px, py in _marker_points("P", r)]
    raise ValueError(f"unknown marker {shape!r}")


def _intern(ids: dict[tuple[str, str], str], key: tuple[str, str], prefix: str) -> str:
    """The id of ``key`` in ``ids``: ``prefix`` and the table's size when first seen (fixed
    ids, in order of first use)."""
    found = ids.get(key)
    if found is None:
        found = ids[key] = f"{prefix}{len(ids)}"
    return found
