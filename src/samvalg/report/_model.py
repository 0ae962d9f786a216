"""The briefing's content model: frozen dataclasses, no rendering and no computation.

A :class:`Briefing` is a title, a language, an illustrative flag, the data behind every number
(``data``, written to ``data.json``) and a tuple of :class:`Section`; each section holds blocks:
:class:`Paragraph`, :class:`BulletList`, :class:`Table`, :class:`Figure`, :class:`Callout` and
:class:`DefinitionList`. Renderers (:func:`samvalg.report.to_markdown`,
:func:`samvalg.report.to_html`) only walk this tree.

Inline text may use ``**bold**``; both renderers understand it, nothing else is markup. A
backslash makes the next ``*`` or ``\\`` literal (``\\*``, ``\\\\``): pass a user's text
(a title, a stakeholder's name, a note) through :func:`literal` before putting it into inline
text, so it can never open or close bold. Everything else is text: the renderers escape it for
their format (Markdown punctuation, HTML), join lines, and never let it form a tag, link,
image, heading or list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Block",
    "Briefing",
    "BulletList",
    "Callout",
    "DefinitionList",
    "Figure",
    "Paragraph",
    "Section",
    "Table",
    "literal",
]


def literal(text: str) -> str:
    """`text` as inline text that renders exactly as written (no ``**bold**`` from it).

    Examples
    --------
    >>> literal("a **b** c")
    'a \\\\*\\\\*b\\\\*\\\\* c'
    """
    return str(text).replace("\\", "\\\\").replace("*", "\\*")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (``**bold**`` allowed); ``small`` for notes under a table."""

    text: str
    small: bool = False


@dataclass(frozen=True)
class BulletList:
    """An unordered list of plain-text items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells.

    Attributes
    ----------
    header : tuple of str
        Column headings.
    rows : tuple of tuple of str
        Cells, formatted for the briefing's language.
    align : tuple of {"l", "r", "c"}
        Alignment per column (numbers right).
    caption : str
        Shown above the table.
    note : str
        Shown below the table, small.
    emphasis : tuple of int
        Row indices to show in bold (e.g. the recommended option).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()
    caption: str = ""
    note: str = ""
    emphasis: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.align:
            object.__setattr__(self, "align", ("l",) * len(self.header))
        for i, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(
                    f"table {self.caption!r}: row {i} has {len(row)} cells, "
                    f"header has {len(self.header)}"
                )


@dataclass(frozen=True)
class Figure:
    """A figure: its SVG markup and, when asked for, PNG bytes (the house style of
    :func:`samvalg.plot.save_figure`).

    Attributes
    ----------
    id : str
        File stem under ``figures/`` (``lonn_contributions``).
    caption : str
        What the figure shows and how to read it.
    alt : str
        Short text alternative.
    svg : str
        The SVG document.
    png : bytes or None
        The PNG image, or None when the briefing was built without PNG copies (the default:
        the HTML and the Markdown show the SVG).
    """

    id: str
    caption: str
    alt: str
    svg: str = field(repr=False)
    png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Callout:
    """A highlighted box. ``kind``: ``"illustrative"`` (the example banner), ``"warning"``,
    ``"recommendation"`` or ``"note"``."""

    kind: Literal["illustrative", "warning", "recommendation", "note"]
    title: str
    text: str = ""


@dataclass(frozen=True)
class DefinitionList:
    """Term–definition pairs (a key-value table for the reader)."""

    items: tuple[tuple[str, str], ...]


Block = Paragraph | BulletList | Table | Figure | Callout | DefinitionList


@dataclass(frozen=True)
class Section:
    """A section: a heading, blocks and optional subsections.

    ``page_break`` starts it on a new printed page (each service area does).
    """

    id: str
    title: str
    blocks: tuple[Block | Section, ...]
    page_break: bool = False


@dataclass(frozen=True, eq=False)
class Briefing:
    """The council briefing (see :func:`samvalg.report.build_briefing`).

    Attributes
    ----------
    title, subtitle : str
    lang : {"nb", "en"}
    illustrative : bool
        The assessment is an illustrative example: every renderer shows the banner.
    banner : str
        The banner text (empty when not illustrative).
    sections : tuple of Section
    data : mapping
        Every number in the briefing and the run's settings (``data.json``).
    """

    title: str
    subtitle: str
    lang: str
    illustrative: bool
    banner: str
    sections: tuple[Section, ...]
    data: Mapping[str, Any] = field(repr=False)

    def figures(self) -> Iterator[Figure]:
        """Every figure, in reading order."""

        def walk(blocks: tuple[Any, ...]) -> Iterator[Figure]:
            for b in blocks:
                if isinstance(b, Figure):
                    yield b
                elif isinstance(b, Section):
                    yield from walk(b.blocks)

        yield from walk(self.sections)

    def section(self, section_id: str) -> Section:
        """The section (at any depth) with this id."""

        def walk(blocks: tuple[Any, ...]) -> Section | None:
            for b in blocks:
                if isinstance(b, Section):
                    if b.id == section_id:
                        return b
                    found = walk(b.blocks)
                    if found is not None:
                        return found
            return None

        found = walk(self.sections)
        if found is None:
            raise KeyError(section_id)
        return found

    def __repr__(self) -> str:
        heads = ", ".join(s.title for s in self.sections)
        return f"Briefing({self.title!r}, lang={self.lang!r}, sections=[{heads}])"
