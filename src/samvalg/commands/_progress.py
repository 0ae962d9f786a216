"""Progress bars for long commands (``brief``, ``smaa``, ``sensitivity``, ``allocate``).

On a terminal a command shows one bar on stderr: the stage, the fraction done and the time
left, drawn with `rich <https://rich.readthedocs.io>`_ (``rich.progress``). rich rather than
tqdm: it draws several labelled stages on one line with a time-left estimate out of the box,
removes the bar when done (``transient``), keeps printed lines above the bar, and is
maintained and widely packaged; it is imported only when a bar is shown, so
``import samvalg`` and piped runs do not load it.

Nothing is written when stderr is not a terminal or with ``--quiet``. A run whose estimated
time is over :data:`ANNOUNCE_SECONDS` prints the estimate first, as a line of its own
(kept above the bar), once: from a timed pilot where the command makes one
(:meth:`Bar.announce`), else from the rate of the first second of progress.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

__all__ = ["ANNOUNCE_SECONDS", "Bar", "add_quiet_argument", "duration_text", "progress_bar"]

#: A run estimated to take longer than this (seconds) prints its estimate first.
ANNOUNCE_SECONDS = 10.0
#: Progress is measured this long (seconds) before an estimate is made from its rate.
_SETTLE = 1.0

_STAGES: dict[str, tuple[str, str]] = {
    "smaa": ("SMAA-2", "SMAA-2"),
    "analyses": ("Analyser", "Analyses"),
    "figures": ("Figurer", "Figures"),
    "writing": ("Skriver", "Writing"),
    "sensitivity": ("Følsomhet", "Sensitivity"),
    "allocation": ("Vertskommuner", "Hosting plan"),
    "curve": ("Avveiingskurve", "Trade-off curve"),
}


def add_quiet_argument(p: argparse.ArgumentParser) -> None:
    """The ``--quiet`` option of the commands that show progress."""
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar or time estimate on the terminal (never shown when stderr is "
        "not a terminal)",
    )


def duration_text(seconds: float, lang: str) -> str:
    """``"ca. 3 min 20 s"`` (bokmål) or ``"about 3 min 20 s"``: a rough duration."""
    s = max(1, round(seconds))
    text = f"{s} s" if s < 60 else f"{s // 60} min {s % 60:02d} s"
    if s >= 3600:
        text = (
            f"{s // 3600} t {s % 3600 // 60:02d} min"
            if lang == "nb"
            else (f"{s // 3600} h {s % 3600 // 60:02d} min")
        )
    return ("ca. " if lang == "nb" else "about ") + text


class Bar:
    """One progress bar on a terminal stream; call :meth:`update` as work is done.

    Parameters
    ----------
    stream : text stream
        Where the bar is drawn (stderr).
    lang : {"nb", "en"}
        Language of the stage names and the estimate line.
    clock : callable, optional
        Seconds (default ``time.perf_counter``), for the estimate.
    """

    def __init__(
        self, stream: TextIO, lang: str = "nb", clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self.stream = stream
        self.lang = lang
        self.clock = clock
        self.start = clock()
        self.announced = False
        self._progress: Any = None
        self._task: Any = None
        self._stage: str | None = None

    def _label(self, stage: str) -> str:
        nb, en = _STAGES.get(stage, (stage, stage))
        return nb if self.lang == "nb" else en

    def _open(self, stage: str = "") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self.stream, force_terminal=True, highlight=False)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(self._label(stage), total=1.0)
        self._stage = stage
        self._progress.start()

    def print(self, line: str) -> None:
        """A line of its own, above the bar."""
        if self._progress is None:
            self._open()
        self._progress.console.print(line, markup=False, highlight=False)

    def announce(self, seconds: float, what: str = "") -> None:
        """Print the estimate (once) when ``seconds`` is over :data:`ANNOUNCE_SECONDS`."""
        if self.announced:
            return
        self.announced = True
        if seconds > ANNOUNCE_SECONDS:
            head = "Anslått tid" if self.lang == "nb" else "Estimated time"
            self.print(f"{head}: {duration_text(seconds, self.lang)}{what}")

    def update(self, stage: str, done: float, total: float) -> None:
        """``done`` of ``total`` units of the stage ``stage`` (a key of the stage names)."""
        if self._progress is None:
            self._open(stage)
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        if stage != self._stage:
            self._stage = stage
            # the time left of a new stage is estimated afresh
            self._progress.reset(self._task, total=1.0, description=self._label(stage))
        self._progress.update(self._task, completed=fraction)
        elapsed = self.clock() - self.start
        if not self.announced and elapsed >= _SETTLE and fraction > 0:
            self.announce(elapsed / fraction)

    def close(self) -> None:
        """Remove the bar (lines printed above it stay)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def progress_bar(args: argparse.Namespace, stream: TextIO | None = None) -> Bar | None:
    """A :class:`Bar` on stderr, or None when stderr is not a terminal or with ``--quiet``."""
    out = sys.stderr if stream is None else stream
    if getattr(args, "quiet", False):
        return None
    try:
        tty = bool(out.isatty())
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return None
    return Bar(out, getattr(args, "lang", "nb"))
