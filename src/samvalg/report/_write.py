"""Write a briefing to a folder: ``index.html``, ``briefing.md``, ``figures/``, ``data.json``.

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
import errno
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samvalg.errors import SamvalgError
from samvalg.report._build import build_briefing
from samvalg.report._model import Briefing
from samvalg.report._render import to_html, to_markdown

__all__ = ["MANIFEST", "WrittenBriefing", "write_briefing"]

#: The manifest a briefing folder holds: the relative paths of the files samvalg wrote there.
MANIFEST = ".samvalg-briefing.json"
_FORMAT = 1
_TOP = ("index.html", "briefing.md", "data.json")
_FIGURES = "figures"
_MARKER = ".samvalg-tmp"  # in each temporary folder: {"pid": ..., "out": ...}
_JOURNAL = ".samvalg-commit"  # in a temporary folder while files are being moved in
_FIGURE_NAME = re.compile(r"[^/\\\x00-\x1f]+\.(svg|png)")


def _ours(rel: str) -> bool:
    """Whether ``rel`` (a relative POSIX path) has the shape of a file samvalg writes."""
    if rel in _TOP or rel == MANIFEST:
        return True
    head, sep, name = rel.partition("/")
    return (
        head == _FIGURES
        and sep == "/"
        and name not in (".", "..")
        and not name.startswith(".")
        and _FIGURE_NAME.fullmatch(name) is not None
    )


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

    @property
    def manifest(self) -> Path:
        """``.samvalg-briefing.json``: what this run wrote (a later run replaces only these)."""
        return self.out_dir / MANIFEST


# --------------------------------------------------------------------------------------------
# the out folder as found


@dataclass
class _Survey:
    exists: bool
    ours: set[str] = field(default_factory=set)  # files listed in a valid manifest
    manifest: bool = False  # a valid manifest was found
    foreign: set[str] = field(default_factory=set)  # entries (relative) samvalg did not write
    mode: int = 0o777


def _kind(st: os.stat_result) -> str:
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return "special"


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _link_error(out: Path, rel: str, path: Path) -> SamvalgError:
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
    if not isinstance(data, dict) or data.get("samvalg_briefing") != _FORMAT:
        raise ValueError("not a samvalg briefing manifest")
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) and _ours(f) for f in files):
        raise ValueError("its file list names paths samvalg does not write")
    return set(files)


def _survey(out: Path, force: bool, writes: Iterable[str]) -> _Survey:
    """The out folder as found; raises SamvalgError for what samvalg must not write over.

    ``writes``: the relative paths the run will write (the manifest not included).
    """
    st = _lstat(out)
    if st is None:
        return _Survey(exists=False)
    kind = _kind(st)
    if kind == "link":
        raise _link_error(out, "", out)
    if kind != "dir":
        raise SamvalgError(f"--out {out}: exists and is not a folder (allowed: a folder path)")
    s = _Survey(exists=True, mode=stat.S_IMODE(st.st_mode))
    try:
        top = {e.name: e for e in os.scandir(out)}
    except OSError as exc:
        raise SamvalgError(f"--out {out}: cannot read the folder ({exc.strerror or exc})") from None
    entries: dict[str, str] = {}  # relative path -> kind, for everything samvalg might touch
    ours_tmp = _tmp_pattern(out.name)
    for name, entry in top.items():
        if ours_tmp.fullmatch(name):
            continue  # a temporary folder of a run (when the parent cannot hold it)
        entries[name] = _kind(entry.stat(follow_symlinks=False))
    if entries.get(_FIGURES) == "dir":
        try:
            for e in os.scandir(out / _FIGURES):
                entries[f"{_FIGURES}/{e.name}"] = _kind(e.stat(follow_symlinks=False))
        except OSError as exc:
            raise SamvalgError(
                f"--out {out}: cannot read {_FIGURES}/ ({exc.strerror or exc})"
            ) from None
    if entries.get(MANIFEST) == "link":
        raise _link_error(out, MANIFEST, out / MANIFEST)
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
    if _FIGURES in entries and entries[_FIGURES] == "link":
        raise _link_error(out, _FIGURES + "/", out / _FIGURES)
    for rel in sorted(writes | s.ours | {MANIFEST}):
        if entries.get(rel) == "link":
            raise _link_error(out, rel, out / rel)
    # what is not ours (the manifest's own files, when they are still files)
    for rel, k in entries.items():
        if rel == MANIFEST and s.manifest:
            continue
        if rel == _FIGURES and k == "dir":
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
    figures_needed = any(r.startswith(_FIGURES + "/") for r in writes)
    if figures_needed and _FIGURES in entries and entries[_FIGURES] != "dir":
        raise SamvalgError(
            f"--out {out}: {_FIGURES} exists and is not a folder (allowed: the "
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
# temporary folders


def _tmp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{name}.samvalg-tmp-") + r"[0-9a-f]{8}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end the process there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    # a zombie (killed, not yet reaped by its parent) is not running
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _json_write(path: Path, data: Any) -> None:
    """Write JSON to ``path`` atomically (a ``.part`` file renamed over it)."""
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(part, path)


def _sweep(root: Path) -> bool:
    """Remove a temporary folder of ours; entries of a shape samvalg never writes are kept
    (with the folder, no longer marked as ours). True when the folder is gone."""
    kept = False

    def allowed(rel: str) -> bool:
        if rel in (_MARKER, _JOURNAL, _JOURNAL + ".part", "new", "old"):
            return True
        head, _, rest = rel.partition("/")
        return head in ("new", "old") and (rest == _FIGURES or _ours(rest))

    def walk(d: Path, prefix: str) -> None:
        nonlocal kept
        for e in list(os.scandir(d)):
            rel = prefix + e.name
            if not allowed(rel):
                kept = True
                continue
            if e.is_dir(follow_symlinks=False):
                walk(Path(e.path), rel + "/")
                with contextlib.suppress(OSError):
                    os.rmdir(e.path)
            elif rel != _MARKER:
                os.unlink(e.path)

    walk(root, "")
    if kept:  # pragma: no cover - only if someone put their own files into our folder
        with contextlib.suppress(OSError):
            os.unlink(root / _MARKER)
        return False
    os.unlink(root / _MARKER)
    os.rmdir(root)
    return True


def _read_journal(tmp: Path) -> dict[str, Any] | None:
    """The journal of a swap in ``tmp`` (None: no swap was under way); ValueError if it is not
    one samvalg wrote (it is written whole, by a rename, so it is never half there)."""
    try:
        journal = json.loads((tmp / _JOURNAL).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ValueError("unreadable journal") from None
    ok = isinstance(journal, dict) and all(
        isinstance(journal.get(k), list)
        and all(isinstance(r, str) and _ours(r) for r in journal[k])
        for k in ("moves", "new")
    )
    if not ok:
        raise ValueError(f"{_JOURNAL} is not a samvalg journal")
    return journal


def _rollback(out: Path, tmp: Path, journal: dict[str, Any]) -> None:
    """Undo a swap of single files recorded in ``journal``: the previous files move back."""
    st = _lstat(out / _FIGURES)
    if st is not None and _kind(st) == "link":
        raise _link_error(out, _FIGURES + "/", out / _FIGURES)
    for rel in reversed(journal["moves"]):
        old, new, dst = tmp / "old" / rel, tmp / "new" / rel, out / rel
        st = _lstat(dst)
        if st is not None and _kind(st) == "link":
            raise _link_error(out, rel, dst)
        if _lstat(old) is not None:
            os.replace(old, dst)
        elif st is not None and _lstat(new) is None and rel in journal["new"]:
            os.unlink(dst)  # moved in by the swap, with nothing before it
    if journal.get("made_figures"):
        with contextlib.suppress(OSError):
            os.rmdir(out / _FIGURES)


def _recover(out: Path) -> None:
    """Undo and remove what killed runs into ``out`` left behind (only our own folders)."""
    pattern = _tmp_pattern(out.name)
    places = [out.parent]
    st = _lstat(out)
    if st is not None and _kind(st) == "dir":
        places.append(out)
    for place in places:
        try:
            names = [
                e.name
                for e in os.scandir(place)
                if pattern.fullmatch(e.name) and e.is_dir(follow_symlinks=False)
            ]
        except OSError:
            continue
        for name in sorted(names):
            tmp = place / name
            try:
                marker = json.loads((tmp / _MARKER).read_text(encoding="utf-8"))
                pid = int(marker["pid"])
            except (OSError, ValueError, KeyError, TypeError):
                # not ours, or killed between making the folder and marking it: an empty
                # folder of our name, older than a minute, is removed (nothing can be lost)
                with contextlib.suppress(OSError):
                    if time.time() - os.lstat(tmp).st_mtime > 60:
                        os.rmdir(tmp)
                continue
            if _alive(pid):
                continue  # another run, still writing
            try:
                journal = _read_journal(tmp)
                if journal is not None:
                    _rollback(out, tmp, journal)
                    os.unlink(tmp / _JOURNAL)
                _sweep(tmp)
            except (OSError, ValueError) as exc:
                raise SamvalgError(
                    f"--out {out}: an interrupted earlier run left its files in {tmp} and they "
                    f"cannot be put back ({getattr(exc, 'strerror', None) or exc}); move the "
                    f"files in {tmp}/old back into {out} and delete {tmp}"
                ) from None


def _make_tmp(out: Path) -> Path:
    """A new temporary folder next to ``out`` (inside it when the parent is read-only)."""
    marker = json.dumps({"pid": os.getpid(), "out": out.name}) + "\n"
    places = [out.parent]
    st = _lstat(out)
    if st is not None:
        places.append(out)
        with contextlib.suppress(OSError):
            if os.stat(out.parent).st_dev != st.st_dev:  # a mount point: files move only
                places = [out]  # within one file system
    for place in places:
        for _ in range(100):
            tmp = place / f".{out.name}.samvalg-tmp-{secrets.token_hex(4)}"
            try:
                os.mkdir(tmp, 0o700)
            except FileExistsError:
                continue
            except OSError as exc:
                if place == places[-1] or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise
                break
            try:
                (tmp / _MARKER).write_text(marker, encoding="utf-8")
            except BaseException:
                with contextlib.suppress(OSError):
                    (tmp / _MARKER).unlink(missing_ok=True)
                    os.rmdir(tmp)
                raise
            return tmp
    raise OSError(errno.EEXIST, "no free temporary folder name", str(out))  # pragma: no cover


# --------------------------------------------------------------------------------------------
# the swap


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``).

    False when the system or the file system cannot (the caller then moves single files).
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - glibc < 2.28
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EBUSY, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _holds_cwd(out: Path) -> bool:
    """Whether the process's working folder is ``out`` or inside it (never swap that away)."""
    try:
        cwd = Path.cwd().resolve()
        target = out.resolve()
    except OSError:  # pragma: no cover
        return True
    return cwd == target or target in cwd.parents


def _swap_files(out: Path, tmp: Path, new: list[str], remove: list[str], old_figures: bool) -> None:
    """Move the new files in one by one (the previous ones aside into ``tmp/old``), journalled
    so that an error or a killed process can be undone."""
    moves = [*new, *remove, MANIFEST]
    made = any(r.startswith(_FIGURES + "/") for r in new) and _lstat(out / _FIGURES) is None
    incoming = {*new, MANIFEST}
    journal: dict[str, Any] = {"moves": moves, "new": sorted(incoming), "made_figures": made}
    _json_write(tmp / _JOURNAL, journal)
    try:
        if made:
            os.mkdir(out / _FIGURES)
        os.makedirs(tmp / "old" / _FIGURES, exist_ok=True)
        for rel in moves:
            dst = out / rel
            st = _lstat(dst)
            if st is not None:
                if _kind(st) != "file":  # changed since the survey
                    raise OSError(errno.EEXIST, "exists and is not a file", str(dst))
                os.replace(dst, tmp / "old" / rel)
            if rel in incoming:
                os.replace(tmp / "new" / rel, dst)
    except BaseException:
        try:
            _rollback(out, tmp, journal)
            os.unlink(tmp / _JOURNAL)
        except (OSError, SamvalgError) as exc:
            raise SamvalgError(
                f"--out {out}: the briefing could not be swapped in, nor the previous one put "
                f"back ({getattr(exc, 'strerror', None) or exc}); its files are in {tmp}/old"
            ) from None
        raise
    os.unlink(tmp / _JOURNAL)  # the new briefing is in
    if old_figures and not any(r.startswith(_FIGURES + "/") for r in new):
        with contextlib.suppress(OSError):
            os.rmdir(out / _FIGURES)  # ours, and now empty (kept if anything else is in it)


def _publish(out: Path, files: list[tuple[str, str | bytes]], force: bool) -> None:
    """Write ``files`` (relative path, content) into ``out`` as one briefing."""
    from samvalg._version import __version__

    writes = [rel for rel, _ in files]
    survey = _survey(out, force, writes)
    if not survey.exists:
        out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _make_tmp(out)
    try:
        new_dir = tmp / "new"
        os.mkdir(new_dir)  # the umask's permissions, as a folder the user makes
        if any(rel.startswith(_FIGURES + "/") for rel in writes):
            os.mkdir(new_dir / _FIGURES)
        for rel, content in files:
            path = new_dir / rel
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        manifest = {
            "samvalg_briefing": _FORMAT,
            "samvalg_version": __version__,
            "about": "The files samvalg brief wrote into this folder; a later run replaces or "
            "removes only these. Every other file here is left alone.",
            "files": sorted(writes),
        }
        (new_dir / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        # the folder as it is now (it may have changed while the briefing was built)
        survey = _survey(out, force, writes)
        if not survey.exists:
            out.parent.mkdir(parents=True, exist_ok=True)
            os.rename(new_dir, out)
        elif (
            not survey.foreign
            and tmp.parent == out.parent
            and not _holds_cwd(out)
            and os.access(out, os.W_OK)
            and _exchange(new_dir, out)
        ):
            # the previous briefing is now in tmp/new, removed with tmp below
            os.chmod(out, survey.mode)
        else:
            remove = sorted(survey.ours - set(writes) - survey.foreign)
            old_figures = any(r.startswith(_FIGURES + "/") for r in survey.ours)
            _swap_files(out, tmp, writes, remove, old_figures)
    except BaseException:
        _sweep_quietly(tmp)
        raise
    _sweep_quietly(tmp)


def _sweep_quietly(tmp: Path) -> None:
    if (tmp / _JOURNAL).exists():  # pragma: no cover - a swap that could not be undone
        return
    with contextlib.suppress(OSError):
        _sweep(tmp)


def _out_path(out_dir: str | os.PathLike[str]) -> Path:
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


def _render_files(b: Briefing) -> list[tuple[str, str | bytes]]:
    files: list[tuple[str, str | bytes]] = []
    for f in b.figures():
        files.append((f"{_FIGURES}/{f.id}.svg", f.svg))
        files.append((f"{_FIGURES}/{f.id}.png", f.png))
    bad = [rel for rel, _ in files if not _ours(rel)]
    if bad:  # pragma: no cover - figure ids are service ids and fixed names
        raise SamvalgError(f"internal: figure file name {bad[0]!r} is not a plain name")
    files.append(("index.html", to_html(b)))
    files.append(("briefing.md", to_markdown(b, figure_dir=_FIGURES)))
    files.append(
        ("data.json", json.dumps(b.data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    )
    return files


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
    force: bool = False,
) -> WrittenBriefing:
    """Build the briefing (:func:`build_briefing`) and write it to ``out_dir``.

    Writes ``index.html`` (self-contained), ``briefing.md`` (figures linked from
    ``figures/``), ``figures/<id>.svg`` and ``figures/<id>.png`` for every figure,
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
    assessment, lang, n, seed, method, source_path, figures
        As for :func:`build_briefing`.
    force : bool
        Write into a folder without a manifest, replacing files at the briefing's paths that
        samvalg did not write (default False: refuse).

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
    ...     w = write_briefing(d, n=200, figures=False)
    ...     sorted(p.name for p in w.files)
    ['briefing.md', 'data.json', 'index.html']
    """
    out = _out_path(out_dir)
    shown = Path(out_dir)
    try:
        _recover(out)
        # refuse early, before the analyses run (checked again before the swap)
        _survey(out, force, [*_TOP])
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
    )
    files = _render_files(b)
    try:
        _publish(out, files, force)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise SamvalgError(
            f"--out {shown}: cannot write the briefing ({exc.strerror or exc})"
            f"{where}; the previous contents of the folder are unchanged"
        ) from None
    figs = tuple(shown / rel for rel, _ in files if rel.startswith(_FIGURES + "/"))
    return WrittenBriefing(
        b, shown, shown / "index.html", shown / "briefing.md", shown / "data.json", figs
    )
