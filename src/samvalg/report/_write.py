"""Write a briefing to a folder: ``index.html``, ``briefing.md``, ``briefing.pdf``,
``briefing.docx``, ``figures/``, ``data.json`` (``formats`` chooses among the first four).

The folder is the user's: samvalg replaces or removes only files it wrote itself, listed in the
folder's manifest ``.samvalg-briefing.json``, never follows a symbolic link when writing, and
swaps a new briefing in only once every file of it is complete.

How a briefing is written:

1. Leftovers of a killed run (``.<name>.samvalg-tmp-<hex>`` folders next to the out folder, or
   inside it when its parent is read-only) are recognised by their marker file and the dead
   process id in it; a swap they were in the middle of is undone and they are removed.
2. The out folder is surveyed: a symbolic link at the folder or at any path samvalg would write
   or remove is refused, a folder that is not empty and has no manifest is refused unless
   ``force``, and so is a file samvalg did not write at a path it would write.
3. The briefing is built, then written into ``<tmp>/new`` with its manifest last. A failure
   (disk full, a killed process) leaves the out folder as it was.
4. The swap. A new folder is renamed into place; a folder that holds nothing but the previous
   briefing is exchanged with the new one in one atomic step (Linux ``renameat2``); otherwise
   (other files in the folder, or no atomic exchange) each file is moved in with
   ``os.replace``, the previous ones moved aside into ``<tmp>/old`` first. A journal in the
   temporary folder lists the moves, so an error undoes them at once and a killed swap is undone
   by the next run; the manifest moves last.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from samvalg.errors import SamvalgError
from samvalg.report._build import build_briefing
from samvalg.report._folder import FIGURES, MANIFEST, is_ours, survey
from samvalg.report._model import Briefing
from samvalg.report._pool import can_fork, forked_pool, jobs
from samvalg.report._render import to_html, to_markdown
from samvalg.report._swap import publish, recover

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.report._run import Progress

__all__ = ["FORMATS", "WrittenBriefing", "out_path", "parse_formats", "write_briefing"]

#: The outputs a briefing can have, and the file each one writes (``data.json`` and the SVG
#: figures are always written).
FORMATS = {
    "html": "index.html",
    "md": "briefing.md",
    "pdf": "briefing.pdf",
    "docx": "briefing.docx",
}


@dataclass(frozen=True)
class WrittenBriefing:
    """What :func:`write_briefing` wrote.

    Attributes
    ----------
    briefing : Briefing
    out_dir : Path
    html, markdown, pdf, docx : Path or None
        ``index.html``, ``briefing.md``, ``briefing.pdf``, ``briefing.docx`` (None: not among
        the formats asked for).
    data : Path
        ``data.json``.
    figures : tuple of Path
        Every figure file under ``figures/`` (SVG; and PNG with ``png=True``).
    """

    briefing: Briefing
    out_dir: Path
    html: Path | None
    markdown: Path | None
    data: Path
    figures: tuple[Path, ...]
    pdf: Path | None = None
    docx: Path | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        docs = (self.html, self.markdown, self.pdf, self.docx)
        return (*(p for p in docs if p is not None), self.data, *self.figures)

    @property
    def manifest(self) -> Path:
        """``.samvalg-briefing.json``: what this run wrote (a later run replaces only these)."""
        return self.out_dir / MANIFEST


def out_path(out_dir: str | os.PathLike[str]) -> Path:
    if isinstance(out_dir, str | os.PathLike) and not os.fspath(out_dir).strip():
        raise SamvalgError(
            "--out: empty folder name (allowed: a folder path such as briefing; "
            "use . for the current folder)"
        )
    if not isinstance(out_dir, str | os.PathLike):
        raise SamvalgError(f"--out: expected a folder path, got {type(out_dir).__name__}")
    out = Path(out_dir)
    if out.name in ("", ".", ".."):  # ".", "..", "/": name the folder itself
        out = Path(os.path.abspath(out))
    return out


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    """The formats asked for, in the order of :data:`FORMATS` (None: all of them).

    ``formats`` is a comma-separated string (``"html,pdf"``) or a sequence of names.

    Raises
    ------
    samvalg.errors.SamvalgError
        An unknown or no format (the message names the allowed ones).
    """
    if formats is None:
        return tuple(FORMATS)
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = []
    for item in items:
        if not isinstance(item, str):
            raise SamvalgError(
                f"--formats: expected format names, got {type(item).__name__} "
                f"(allowed: {', '.join(FORMATS)})"
            )
        name = item.strip().lower()
        if name not in FORMATS:
            raise SamvalgError(
                f"--formats: unknown format {item.strip()!r} (allowed: {', '.join(FORMATS)}, "
                f"comma-separated)"
            )
        names.append(name)
    if not names:
        raise SamvalgError(f"--formats: no format given (allowed: {', '.join(FORMATS)})")
    return tuple(f for f in FORMATS if f in names)


def _render_files(
    b: Briefing, formats: tuple[str, ...] = tuple(FORMATS)
) -> list[tuple[str, str | bytes]]:
    files: list[tuple[str, str | bytes]] = []
    for f in b.figures():
        files.append((f"{FIGURES}/{f.id}.svg", f.svg))
        if f.png is not None:
            files.append((f"{FIGURES}/{f.id}.png", f.png))
    bad = [rel for rel, _ in files if not is_ours(rel)]
    if bad:  # pragma: no cover - figure ids are service ids and fixed names
        raise SamvalgError(f"internal: figure file name {bad[0]!r} is not a plain name")
    svgs = list(dict.fromkeys(f.svg for f in b.figures()))
    workers = jobs(len(svgs)) if "docx" in formats and can_fork() else 1
    with contextlib.ExitStack() as stack:
        pending: list[Future[bytes | None]] = []
        if workers > 1:  # the Word file's PNGs drawn in workers while the rest is rendered
            from samvalg.report._docx import figure_png

            pool = stack.enter_context(forked_pool(workers))
            pending = [pool.submit(figure_png, svg) for svg in svgs]
        if "html" in formats:
            files.append(("index.html", to_html(b)))
        if "md" in formats:
            files.append(("briefing.md", to_markdown(b, figure_dir=FIGURES)))
        if "pdf" in formats:
            from samvalg.report._typst import to_pdf

            files.append(("briefing.pdf", to_pdf(b)))
        if "docx" in formats:
            from samvalg.report._docx import to_docx

            pngs = {svg: job.result() for svg, job in zip(svgs, pending, strict=False)}
            files.append(("briefing.docx", to_docx(b, pngs)))
    files.append(
        ("data.json", json.dumps(b.data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    )
    return files


def write_briefing(
    out_dir: str | Path,
    assessment: Assessment | None = None,
    *,
    lang: str = "nb",
    n: int = 10_000,
    seed: int = 0,
    method: str = "wsm",
    source_path: str | Path | None = None,
    figures: bool = True,
    png: bool = False,
    force: bool = False,
    formats: str | Iterable[str] | None = None,
    progress: Progress | None = None,
    office_hosts: bool = True,
) -> WrittenBriefing:
    """Build the briefing (:func:`build_briefing`) and write it to ``out_dir``.

    Writes ``index.html`` (self-contained, figures inline as SVG), ``briefing.md`` (figures
    embedded from ``figures/``), ``briefing.pdf`` (A4, made with the Typst compiler from the
    ``typst`` package, no browser), ``briefing.docx`` (Word headings, tables, captions and
    PNG figures; see :mod:`samvalg.report._docx`), ``figures/<id>.svg`` for every figure (and
    ``figures/<id>.png`` with ``png=True``, linked from the Markdown),
    ``data.json`` (every number, the samvalg version, seed, n, method and the input file's
    name and SHA-256; UTF-8 with æøå as written) and the manifest ``.samvalg-briefing.json``
    (the files this run wrote). The same inputs and seed give byte-identical files.

    The folder is the user's. It is created if needed. A later run replaces or removes only
    the files listed in the manifest; every other file in the folder is left alone. A folder
    that is not empty and has no manifest is refused unless ``force``, and so is a file at a
    path the briefing would write that samvalg did not write; with ``force`` such files are
    replaced (other files are still kept). Symbolic links are never written through: the
    folder itself, ``figures/`` or a file samvalg would write being a link is refused. The
    briefing is written into a temporary folder next to ``out_dir`` and swapped in only when
    complete, so a failed, full-disk or killed run leaves the previous briefing as it was;
    leftovers of a killed run are cleaned up by the next one.

    Parameters
    ----------
    out_dir : path
        Target folder (not empty: ``""`` is an error; ``"."`` is the current folder).
    assessment, lang, n, seed, method, source_path, figures, png, progress, office_hosts
        As for :func:`build_briefing`. A run without ``png`` removes the PNGs an earlier run
        with it wrote (they are in the manifest).
    force : bool
        Write into a folder without a manifest, replacing files at the briefing's paths that
        samvalg did not write (default False: refuse).
    formats : str or sequence of str, optional
        Which of ``html``, ``md``, ``pdf``, ``docx`` to write (a comma-separated string or a
        sequence; default: all four). ``data.json`` and the SVG figures are always written;
        a format left out removes the file an earlier run wrote for it.

    Returns
    -------
    WrittenBriefing

    Raises
    ------
    samvalg.errors.SamvalgError
        The folder is refused (one line saying why and where), or cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from samvalg.report import write_briefing
    >>> with tempfile.TemporaryDirectory() as d:
    ...     w = write_briefing(d, n=200, figures=False, formats="html,md")
    ...     sorted(p.name for p in w.files)
    ['briefing.md', 'data.json', 'index.html']
    """
    out = out_path(out_dir)
    shown = Path(out_dir)
    chosen = parse_formats(formats)
    names = [FORMATS[f] for f in chosen]
    try:
        recover(out)
        # refuse early, before the analyses run (checked again before the swap)
        survey(out, force, [*names, "data.json"])
    except OSError as exc:
        raise SamvalgError(
            f"--out {shown}: cannot use the folder ({exc.strerror or exc})"
        ) from None
    b = build_briefing(
        assessment,
        lang=lang,
        n=n,
        seed=seed,
        method=method,
        source_path=source_path,
        figures=figures,
        png=png,
        progress=progress,
        office_hosts=office_hosts,
    )
    if progress is not None:
        progress("writing", 0, 1)
    files = _render_files(b, chosen)
    try:
        publish(out, files, force)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise SamvalgError(
            f"--out {shown}: cannot write the briefing ({exc.strerror or exc})"
            f"{where}; the previous contents of the folder are unchanged"
        ) from None
    figs = tuple(shown / rel for rel, _ in files if rel.startswith(FIGURES + "/"))

    def path(fmt: str) -> Path | None:
        return shown / FORMATS[fmt] if fmt in chosen else None

    return WrittenBriefing(
        b,
        shown,
        path("html"),
        path("md"),
        shown / "data.json",
        figs,
        pdf=path("pdf"),
        docx=path("docx"),
    )
