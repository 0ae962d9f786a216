"""The briefing's out folder as found: what samvalg wrote there (its manifest), and whether a
new briefing may be written into it.

:func:`survey` refuses a symbolic link at the folder or at any path samvalg would write or
remove, a folder that is not empty and has no manifest (unless ``force``), and a file samvalg
did not write at a path it would write.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samvalg.errors import SamvalgError

__all__ = [
    "DOCUMENTS",
    "FIGURES",
    "FORMAT",
    "JOURNAL",
    "MANIFEST",
    "MARKER",
    "TOP",
    "Survey",
    "is_ours",
    "json_write",
    "kind_of",
    "link_error",
    "lstat_or_none",
    "survey",
    "tmp_pattern",
]

#: The manifest a briefing folder holds: the relative paths of the files samvalg wrote there.
MANIFEST = ".samvalg-briefing.json"
FORMAT = 1
TOP = ("index.html", "briefing.md", "data.json")
#: The paged documents a briefing may hold (``--formats pdf,docx``).
DOCUMENTS = ("briefing.pdf", "briefing.docx")
FIGURES = "figures"
MARKER = ".samvalg-tmp"  # in each temporary folder: {"pid": ..., "out": ...}
JOURNAL = ".samvalg-commit"  # in a temporary folder while files are being moved in
_FIGURE_NAME = re.compile(r"[^/\\\x00-\x1f]+\.(svg|png)")


def is_ours(rel: str) -> bool:
    """Whether ``rel`` (a relative POSIX path) has the shape of a file samvalg writes."""
    if rel in TOP or rel in DOCUMENTS or rel == MANIFEST:
        return True
    head, sep, name = rel.partition("/")
    return (
        head == FIGURES
        and sep == "/"
        and name not in (".", "..")
        and not name.startswith(".")
        and _FIGURE_NAME.fullmatch(name) is not None
    )


@dataclass
class Survey:
    exists: bool
    ours: set[str] = field(default_factory=set)  # files listed in a valid manifest
    manifest: bool = False  # a valid manifest was found
    foreign: set[str] = field(default_factory=set)  # entries (relative) samvalg did not write
    mode: int = 0o777


def kind_of(st: os.stat_result) -> str:
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return "special"


def lstat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def link_error(out: Path, rel: str, path: Path) -> SamvalgError:
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    where = f"{out}" if rel == "" else f"{out}: {rel}"
    return SamvalgError(
        f"--out {where} is a symbolic link{target}; samvalg never writes through a link "
        f"(allowed: a real folder and real files; remove the link or choose another folder)"
    )


def _read_manifest(out: Path) -> set[str]:
    """The files listed in ``out``'s manifest; raises ValueError (why) when it is damaged."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable: {getattr(exc, 'strerror', None) or exc}") from None
    if not isinstance(data, dict) or data.get("samvalg_briefing") != FORMAT:
        raise ValueError("not a samvalg briefing manifest")
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) and is_ours(f) for f in files):
        raise ValueError("its file list names paths samvalg does not write")
    return set(files)


def survey(out: Path, force: bool, writes: Iterable[str]) -> Survey:
    """The out folder as found; raises SamvalgError for what samvalg must not write over.

    ``writes``: the relative paths the run will write (the manifest not included).
    """
    st = lstat_or_none(out)
    if st is None:
        return Survey(exists=False)
    kind = kind_of(st)
    if kind == "link":
        raise link_error(out, "", out)
    if kind != "dir":
        raise SamvalgError(f"--out {out}: exists and is not a folder (allowed: a folder path)")
    s = Survey(exists=True, mode=stat.S_IMODE(st.st_mode))
    try:
        top = {e.name: e for e in os.scandir(out)}
    except OSError as exc:
        raise SamvalgError(f"--out {out}: cannot read the folder ({exc.strerror or exc})") from None
    entries: dict[str, str] = {}  # relative path -> kind, for everything samvalg might touch
    ours_tmp = tmp_pattern(out.name)
    for name, entry in top.items():
        if ours_tmp.fullmatch(name):
            continue  # a temporary folder of a run (when the parent cannot hold it)
        entries[name] = kind_of(entry.stat(follow_symlinks=False))
    if entries.get(FIGURES) == "dir":
        try:
            for e in os.scandir(out / FIGURES):
                entries[f"{FIGURES}/{e.name}"] = kind_of(e.stat(follow_symlinks=False))
        except OSError as exc:
            raise SamvalgError(
                f"--out {out}: cannot read {FIGURES}/ ({exc.strerror or exc})"
            ) from None
    if entries.get(MANIFEST) == "link":
        raise link_error(out, MANIFEST, out / MANIFEST)
    if MANIFEST in entries:
        if entries[MANIFEST] != "file":
            raise SamvalgError(
                f"--out {out}: {MANIFEST} is not a file (allowed: the manifest "
                f"samvalg writes; remove it or choose another folder)"
            )
        try:
            s.ours = _read_manifest(out)
            s.manifest = True
        except ValueError as why:
            if not force:
                raise SamvalgError(
                    f"--out {out}: {MANIFEST} is damaged ({why}), so samvalg cannot tell which "
                    f"files it wrote; choose another folder, or run with --force to write the "
                    f"briefing into this one (other files are kept)"
                ) from None
    writes = set(writes)
    if FIGURES in entries and entries[FIGURES] == "link":
        raise link_error(out, FIGURES + "/", out / FIGURES)
    for rel in sorted(writes | s.ours | {MANIFEST}):
        if entries.get(rel) == "link":
            raise link_error(out, rel, out / rel)
    # what is not ours (the manifest's own files, when they are still files)
    for rel, k in entries.items():
        if rel == MANIFEST and s.manifest:
            continue
        if rel == FIGURES and k == "dir":
            continue
        if rel in s.ours and k == "file":
            continue
        s.foreign.add(rel)
    if not s.manifest and not force and entries:
        raise SamvalgError(
            f"--out {out}: the folder is not empty and holds no samvalg briefing (no {MANIFEST}); "
            f"samvalg replaces only files it wrote. Choose a new or empty folder, or run with "
            f"--force to write the briefing into this one (other files are kept)"
        )
    figures_needed = any(r.startswith(FIGURES + "/") for r in writes)
    if figures_needed and FIGURES in entries and entries[FIGURES] != "dir":
        raise SamvalgError(
            f"--out {out}: {FIGURES} exists and is not a folder (allowed: the "
            f"figures folder samvalg writes; move it away or choose another "
            f"folder)"
        )
    for rel in sorted(writes | {MANIFEST}):
        found = entries.get(rel)
        if found is None or rel not in s.foreign:
            continue
        if found != "file":
            raise SamvalgError(
                f"--out {out}: {rel} exists and is not a file (samvalg would "
                f"write it; move it away or choose another folder)"
            )
        if not force:
            raise SamvalgError(
                f"--out {out}: {rel} exists and was not written by samvalg; "
                f"move it away, or run with --force to replace it"
            )
    return s


# --------------------------------------------------------------------------------------------


def json_write(path: Path, data: Any) -> None:
    """Write JSON to ``path`` atomically (a ``.part`` file renamed over it)."""
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(part, path)


def tmp_pattern(name: str) -> re.Pattern[str]:
    """The names of the temporary folders samvalg makes for an out folder called ``name``."""
    return re.compile(re.escape(f".{name}.samvalg-tmp-") + r"[0-9a-f]{8}")
