"""Open a user's input file safely: a regular file only, and never more bytes than a cap.

A path given as input may name a folder, a device (``/dev/zero`` never ends), a named pipe
(opening one for reading blocks until a writer appears) or a file far larger than any real
input. :func:`open_regular` opens without blocking, checks with ``fstat`` on the open
descriptor (no gap between the check and the read) that it is a regular file within the size
cap, and :func:`read_capped` reads at most the cap, so a file that grows while it is read is
refused too. Every refusal is a :class:`~samvalg.errors.ValidationError` naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from samvalg.errors import Problem, ValidationError

__all__ = ["MB", "open_regular", "read_capped"]

MB = 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"


def open_regular(
    path: Path, max_bytes: int, *, name: str | None = None, allowed: str = "a regular file"
) -> BinaryIO:
    """Open `path` for reading if it is a regular file of at most `max_bytes` bytes.

    Parameters
    ----------
    path : Path
    max_bytes : int
        The largest size accepted.
    name : str, optional
        The file's name in problems (default: ``path.name``).
    allowed : str
        What the file should be, for the problem's "allowed" text.

    Returns
    -------
    BinaryIO
        The open file, positioned at the start; the caller closes it.

    Raises
    ------
    samvalg.errors.ValidationError
        The file does not exist or cannot be read, is a folder, device, pipe or socket, or is
        larger than `max_bytes`.
    """
    name = name or path.name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ValidationError([Problem(name, "", f"file not found: {path}")]) from None
    except IsADirectoryError:  # pragma: no cover - Linux opens folders read-only
        raise ValidationError(
            [Problem(name, "", f"{path} is a folder, not a file", allowed)]
        ) from None
    except OSError as exc:
        raise ValidationError(
            [Problem(name, "", f"cannot read {path}: {exc.strerror or exc}", allowed)]
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = _kind(st.st_mode)
            what = (
                f"{path} is a folder, not a file"
                if kind == "a folder"
                else (
                    f"{path} is {kind}, not a regular file: refused (it may never end or block "
                    "the read)"
                )
            )
            raise ValidationError([Problem(name, "", what, allowed)])
        if st.st_size > max_bytes:
            raise ValidationError(
                [
                    Problem(
                        name,
                        "",
                        f"the file is {_size(st.st_size)}, larger than the limit of "
                        f"{_size(max_bytes)} for this kind of input",
                        f"{allowed} of at most {_size(max_bytes)}",
                    )
                ]
            )
        if hasattr(os, "O_NONBLOCK"):  # back to ordinary reads (POSIX only)
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(
    path: Path, max_bytes: int, *, name: str | None = None, allowed: str = "a regular file"
) -> bytes:
    """The bytes of the regular file `path`, refused when larger than `max_bytes`.

    Parameters
    ----------
    path : Path
    max_bytes : int
    name : str, optional
    allowed : str
        As for :func:`open_regular`.

    Returns
    -------
    bytes

    Raises
    ------
    samvalg.errors.ValidationError
        As :func:`open_regular`, and when the file grew past `max_bytes` while read.
    """
    name = name or path.name or str(path)
    with open_regular(path, max_bytes, name=name, allowed=allowed) as f:
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise ValidationError(
                [Problem(name, "", f"cannot read {path}: {exc.strerror or exc}", allowed)]
            ) from None
    if len(data) > max_bytes:
        raise ValidationError(
            [
                Problem(
                    name,
                    "",
                    f"the file is larger than the limit of "
                    f"{_size(max_bytes)} for this kind of input",
                    f"{allowed} of at most {_size(max_bytes)}",
                )
            ]
        )
    return data
