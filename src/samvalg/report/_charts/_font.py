"""Text as glyph outlines in DejaVu Sans, measured and drawn without a font on the reader's side.

The briefing's figures are SVG with every letter a path (as :func:`samvalg.plot.save_figure`
writes them with ``svg.fonttype: path``): no reader needs the font, and the HTML, the PDF and
the Word copy show the same shapes. The font is DejaVu Sans, the house font of
:mod:`samvalg.plot`, from the files matplotlib ships (so no font is looked up on the machine);
its outlines and metrics are read with fontTools (a dependency of matplotlib).

Layout follows what matplotlib does for SVG output: advance widths from ``hmtx`` and pair
kerning from the ``kern`` table (FreeType's default kerning), no hinting; a character the
font lacks is drawn as the font's ``.notdef`` box.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["EM", "FACES", "Face", "face"]

#: Units per em of the outlines written to SVG (:meth:`Face.outline`).
EM = 100.0

#: The faces the figures use: file names in matplotlib's font folder.
FACES: dict[str, str] = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
}


def _font_dir() -> Path:
    import matplotlib  # only for where its data lives (``matplotlib`` itself is cheap to import)

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@dataclass
class Face:
    """One face of DejaVu Sans: metrics and outlines, read once and cached.

    Lengths are in font units (``units`` per em); :meth:`width` converts to points.
    """

    name: str
    units: int
    cmap: dict[int, str]
    advances: dict[str, int]
    kerning: dict[tuple[str, str], int]
    glyphs: Any  # fontTools glyph set
    #: Height of "l" above and depth of "p" below the baseline (what matplotlib centres on).
    ascent: int
    descent: int
    _paths: dict[str, str] = field(default_factory=dict)

    def glyph_names(self, text: str) -> list[str]:
        """The glyph of each character (``.notdef`` where the font has none)."""
        cmap = self.cmap
        return [cmap.get(ord(ch), ".notdef") for ch in text]

    def layout(self, text: str) -> tuple[list[tuple[str, int]], int]:
        """Each glyph with its pen position, and the advance of the whole run (font units)."""
        out: list[tuple[str, int]] = []
        x = 0
        prev: str | None = None
        for g in self.glyph_names(text):
            if prev is not None:
                x += self.kerning.get((prev, g), 0)
            out.append((g, x))
            x += self.advances.get(g, 0)
            prev = g
        return out, x

    def width(self, text: str, size: float) -> float:
        """The advance of ``text`` at ``size`` points, in points (one line)."""
        return self.layout(text)[1] * size / self.units

    def outline(self, glyph: str) -> str:
        """The glyph's outline as SVG path data, :data:`EM` units an em (as matplotlib's SVG
        glyphs), y up."""
        d = self._paths.get(glyph)
        if d is None:
            from fontTools.pens.svgPathPen import SVGPathPen
            from fontTools.pens.transformPen import TransformPen

            pen = SVGPathPen(self.glyphs, ntos=lambda v: f"{round(v, 2):g}")
            k = EM / self.units
            self.glyphs[glyph].draw(TransformPen(pen, (k, 0, 0, k, 0, 0)))
            d = pen.getCommands()
            self._paths[glyph] = d
        return d


@functools.cache
def face(name: str = "regular") -> Face:
    """The face ``name`` (one of :data:`FACES`), loaded on first use."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(_font_dir() / FACES[name]), lazy=True)
    cmap = dict(font.getBestCmap())
    advances = {g: int(adv) for g, (adv, _lsb) in font["hmtx"].metrics.items()}
    kerning: dict[tuple[str, str], int] = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            kerning.update({k: int(v) for k, v in table.kernTable.items()})
    glyphs = font.getGlyphSet()
    glyf = font["glyf"]
    ascent = int(getattr(glyf[cmap[ord("l")]], "yMax", 0))
    descent = -int(getattr(glyf[cmap[ord("p")]], "yMin", 0))
    return Face(
        name=name,
        units=int(font["head"].unitsPerEm),
        cmap=cmap,
        advances=advances,
        kerning=kerning,
        glyphs=glyphs,
        ascent=ascent,
        descent=descent,
    )
