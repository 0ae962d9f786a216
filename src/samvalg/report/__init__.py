"""The council briefing: a content model built from the results, rendered to HTML and Markdown.

:func:`build_briefing` runs the analyses on an assessment and returns a :class:`Briefing`
(sections of paragraphs, tables, figures, callouts and definition lists, plus ``data`` with
every number); :func:`to_html` renders one self-contained, printable page; :func:`to_markdown`
renders Markdown; :func:`write_briefing` writes ``index.html``, ``briefing.md``, ``figures/``
and ``data.json`` to a folder. ``samvalg brief`` is the command-line face of
:func:`write_briefing`.

Examples
--------
>>> from samvalg.report import build_briefing
>>> b = build_briefing(n=200, figures=False, lang="en")
>>> b.section("summary").title
'Summary'
"""

from __future__ import annotations

from samvalg.report._build import build_briefing, input_fingerprint
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
from samvalg.report._render import to_html, to_markdown
from samvalg.report._settings import SMAA_SETTINGS
from samvalg.report._write import WrittenBriefing, write_briefing

__all__ = [
    "SMAA_SETTINGS",
    "Briefing",
    "BulletList",
    "Callout",
    "DefinitionList",
    "Figure",
    "Paragraph",
    "Section",
    "Table",
    "WrittenBriefing",
    "build_briefing",
    "input_fingerprint",
    "to_html",
    "to_markdown",
    "write_briefing",
]
