"""Write a briefing to a folder: ``index.html``, ``briefing.md``, ``figures/``, ``data.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samvalg.errors import SamvalgError
from samvalg.report._build import build_briefing
from samvalg.report._model import Briefing
from samvalg.report._render import to_html, to_markdown

__all__ = ["WrittenBriefing", "write_briefing"]


@dataclass(frozen=True)
class WrittenBriefing:
    """What :func:`write_briefing` wrote.

    Attributes
    ----------
    briefing : Briefing
    out_dir : Path
    html, markdown, data : Path
        ``index.html``, ``briefing.md``, ``data.json``.
    figures : tuple of Path
        Every figure file (SVG and PNG) under ``figures/``.
    """

    briefing: Briefing
    out_dir: Path
    html: Path
    markdown: Path
    data: Path
    figures: tuple[Path, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.html, self.markdown, self.data, *self.figures)


def write_briefing(
    out_dir: str | Path,
    assessment: Any = None,
    *,
    lang: str = "nb",
    n: int = 10_000,
    seed: int = 0,
    method: str = "wsm",
    source_path: str | Path | None = None,
    figures: bool = True,
) -> WrittenBriefing:
    """Build the briefing (:func:`build_briefing`) and write it to ``out_dir``.

    Writes ``index.html`` (self-contained), ``briefing.md`` (figures linked from
    ``figures/``), ``figures/<id>.svg`` and ``figures/<id>.png`` for every figure, and
    ``data.json`` (every number, the samvalg version, seed, n, method and the input's path and
    SHA-256; UTF-8 with æøå as written). The folder is created if needed; files of an earlier
    run with the same names are replaced. The same inputs and seed give byte-identical files.

    Parameters
    ----------
    out_dir : path
        Target folder.
    assessment, lang, n, seed, method, source_path, figures
        As for :func:`build_briefing`.

    Returns
    -------
    WrittenBriefing

    Examples
    --------
    >>> import tempfile
    >>> from samvalg.report import write_briefing
    >>> with tempfile.TemporaryDirectory() as d:
    ...     w = write_briefing(d, n=200, figures=False)
    ...     sorted(p.name for p in w.files)
    ['briefing.md', 'data.json', 'index.html']
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise SamvalgError(f"--out {out}: exists and is not a folder (allowed: a folder path)")
    b = build_briefing(assessment, lang=lang, n=n, seed=seed, method=method,
                       source_path=source_path, figures=figures)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fig_dir = out / "figures"
        written: list[Path] = []
        figs = list(b.figures())
        if figs:
            fig_dir.mkdir(exist_ok=True)
        keep = {f"{f.id}.{ext}" for f in figs for ext in ("svg", "png")}
        if fig_dir.is_dir():  # figures of an earlier run that this one does not have
            for old in fig_dir.iterdir():
                if old.suffix in (".svg", ".png") and old.name not in keep and old.is_file():
                    old.unlink()
        for f in figs:
            svg = fig_dir / f"{f.id}.svg"
            png = fig_dir / f"{f.id}.png"
            svg.write_text(f.svg, encoding="utf-8")
            png.write_bytes(f.png)
            written += [svg, png]
        html_path = out / "index.html"
        html_path.write_text(to_html(b), encoding="utf-8")
        md_path = out / "briefing.md"
        md_path.write_text(to_markdown(b, figure_dir="figures"), encoding="utf-8")
        data_path = out / "data.json"
        data_path.write_text(
            json.dumps(b.data, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise SamvalgError(f"--out {out}: cannot write the briefing ({exc.strerror or exc})") \
            from None
    return WrittenBriefing(b, out, html_path, md_path, data_path, tuple(written))
