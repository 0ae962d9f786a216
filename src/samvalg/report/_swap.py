"""Swap a complete new briefing into its out folder, and undo a swap a killed run left.

A briefing is written into a temporary folder next to the out folder (``.<name>.samvalg-tmp-
<hex>``, with a marker file holding the writer's process id) and swapped in whole: a new folder
is renamed into place, a folder that holds nothing but the previous briefing is exchanged in one
atomic step (Linux ``renameat2``), otherwise each file is moved in with a journal that lets an
error, or the next run after a kill, undo the moves.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any

from samvalg.errors import SamvalgError
from samvalg.report._folder import (
    FIGURES,
    FORMAT,
    JOURNAL,
    MANIFEST,
    MARKER,
    is_ours,
    json_write,
    kind_of,
    link_error,
    lstat_or_none,
    survey,
    tmp_pattern,
)

__all__ = ["publish", "recover"]


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


def _sweep(root: Path) -> bool:
    """Remove a temporary folder of ours; entries of a shape samvalg never writes are kept
    (with the folder, no longer marked as ours). True when the folder is gone."""
    kept = False

    def allowed(rel: str) -> bool:
        if rel in (MARKER, JOURNAL, JOURNAL + ".part", "new", "old"):
            return True
        head, _, rest = rel.partition("/")
        return head in ("new", "old") and (rest == FIGURES or is_ours(rest))

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
            elif rel != MARKER:
                os.unlink(e.path)

    walk(root, "")
    if kept:  # pragma: no cover - only if someone put their own files into our folder
        with contextlib.suppress(OSError):
            os.unlink(root / MARKER)
        return False
    os.unlink(root / MARKER)
    os.rmdir(root)
    return True


def _read_journal(tmp: Path) -> dict[str, Any] | None:
    """The journal of a swap in ``tmp`` (None: no swap was under way); ValueError if it is not
    one samvalg wrote (it is written whole, by a rename, so it is never half there)."""
    try:
        journal = json.loads((tmp / JOURNAL).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ValueError("unreadable journal") from None
    ok = isinstance(journal, dict) and all(
        isinstance(journal.get(k), list)
        and all(isinstance(r, str) and is_ours(r) for r in journal[k])
        for k in ("moves", "new")
    )
    if not ok:
        raise ValueError(f"{JOURNAL} is not a samvalg journal")
    checked: dict[str, Any] = journal
    return checked


def _rollback(out: Path, tmp: Path, journal: dict[str, Any]) -> None:
    """Undo a swap of single files recorded in ``journal``: the previous files move back."""
    st = lstat_or_none(out / FIGURES)
    if st is not None and kind_of(st) == "link":
        raise link_error(out, FIGURES + "/", out / FIGURES)
    for rel in reversed(journal["moves"]):
        old, new, dst = tmp / "old" / rel, tmp / "new" / rel, out / rel
        st = lstat_or_none(dst)
        if st is not None and kind_of(st) == "link":
            raise link_error(out, rel, dst)
        if lstat_or_none(old) is not None:
            os.replace(old, dst)
        elif st is not None and lstat_or_none(new) is None and rel in journal["new"]:
            os.unlink(dst)  # moved in by the swap, with nothing before it
    if journal.get("made_figures"):
        with contextlib.suppress(OSError):
            os.rmdir(out / FIGURES)


def recover(out: Path) -> None:
    """Undo and remove what killed runs into ``out`` left behind (only our own folders)."""
    pattern = tmp_pattern(out.name)
    places = [out.parent]
    st = lstat_or_none(out)
    if st is not None and kind_of(st) == "dir":
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
                marker = json.loads((tmp / MARKER).read_text(encoding="utf-8"))
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
                    os.unlink(tmp / JOURNAL)
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
    st = lstat_or_none(out)
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
                (tmp / MARKER).write_text(marker, encoding="utf-8")
            except BaseException:
                with contextlib.suppress(OSError):
                    (tmp / MARKER).unlink(missing_ok=True)
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
    made = any(r.startswith(FIGURES + "/") for r in new) and lstat_or_none(out / FIGURES) is None
    incoming = {*new, MANIFEST}
    journal: dict[str, Any] = {"moves": moves, "new": sorted(incoming), "made_figures": made}
    json_write(tmp / JOURNAL, journal)
    try:
        if made:
            os.mkdir(out / FIGURES)
        os.makedirs(tmp / "old" / FIGURES, exist_ok=True)
        for rel in moves:
            dst = out / rel
            st = lstat_or_none(dst)
            if st is not None:
                if kind_of(st) != "file":  # changed since the survey
                    raise OSError(errno.EEXIST, "exists and is not a file", str(dst))
                os.replace(dst, tmp / "old" / rel)
            if rel in incoming:
                os.replace(tmp / "new" / rel, dst)
    except BaseException:
        try:
            _rollback(out, tmp, journal)
            os.unlink(tmp / JOURNAL)
        except (OSError, SamvalgError) as exc:
            raise SamvalgError(
                f"--out {out}: the briefing could not be swapped in, nor the previous one put "
                f"back ({getattr(exc, 'strerror', None) or exc}); its files are in {tmp}/old"
            ) from None
        raise
    os.unlink(tmp / JOURNAL)  # the new briefing is in
    if old_figures and not any(r.startswith(FIGURES + "/") for r in new):
        with contextlib.suppress(OSError):
            os.rmdir(out / FIGURES)  # ours, and now empty (kept if anything else is in it)


def publish(out: Path, files: list[tuple[str, str | bytes]], force: bool) -> None:
    """Write ``files`` (relative path, content) into ``out`` as one briefing."""
    from samvalg._version import __version__

    writes = [rel for rel, _ in files]
    found = survey(out, force, writes)
    if not found.exists:
        out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _make_tmp(out)
    try:
        new_dir = tmp / "new"
        os.mkdir(new_dir)  # the umask's permissions, as a folder the user makes
        if any(rel.startswith(FIGURES + "/") for rel in writes):
            os.mkdir(new_dir / FIGURES)
        for rel, content in files:
            path = new_dir / rel
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        manifest = {
            "samvalg_briefing": FORMAT,
            "samvalg_version": __version__,
            "about": "The files samvalg brief wrote into this folder; a later run replaces or "
            "removes only these. Every other file here is left alone.",
            "files": sorted(writes),
        }
        (new_dir / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        # the folder as it is now (it may have changed while the briefing was built)
        found = survey(out, force, writes)
        if not found.exists:
            out.parent.mkdir(parents=True, exist_ok=True)
            os.rename(new_dir, out)
        elif (
            not found.foreign
            and tmp.parent == out.parent
            and not _holds_cwd(out)
            and os.access(out, os.W_OK)
            and _exchange(new_dir, out)
        ):
            # the previous briefing is now in tmp/new, removed with tmp below
            os.chmod(out, found.mode)
        else:
            remove = sorted(found.ours - set(writes) - found.foreign)
            old_figures = any(r.startswith(FIGURES + "/") for r in found.ours)
            _swap_files(out, tmp, writes, remove, old_figures)
    except BaseException:
        _sweep_quietly(tmp)
        raise
    _sweep_quietly(tmp)


def _sweep_quietly(tmp: Path) -> None:
    if (tmp / JOURNAL).exists():  # pragma: no cover - a swap that could not be undone
        return
    with contextlib.suppress(OSError):
        _sweep(tmp)
