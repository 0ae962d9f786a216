"""The briefing's worker processes: started to die with the main process, ended at once.

:func:`forked_pool` forks up to :func:`jobs` workers that ignore Ctrl-C (the main process handles
it), end on SIGTERM and end themselves when the main process is gone; :func:`end_pool` stops a
pool at once on an error, Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

__all__ = ["can_fork", "end_pool", "forked_pool", "jobs"]

_Prctl = Callable[[int, int, int, int, int], int]


def _parent_death_signal() -> _Prctl | None:
    """Linux ``prctl`` (looked up before the fork, so that a worker only calls it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover
        return None


def _worker_init(parent: int, prctl: _Prctl | None) -> None:
    """Start of a forked worker: die with the main process, leave Ctrl-C to it.

    A worker is killed by the kernel when the main process dies (``PR_SET_PDEATHSIG``, Linux)
    and, everywhere, ends itself within half a second once its parent is gone (a watchdog
    thread), so killing ``samvalg`` never leaves workers behind. SIGINT is ignored (the main
    process handles Ctrl-C and ends the pool) and SIGTERM ends the worker at once.
    """
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if prctl is not None:
        prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="samvalg-parent-watch", daemon=True).start()


def end_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (on an error, Ctrl-C or SIGTERM): kill its workers, drop the queue."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        with contextlib.suppress(Exception):
            p.kill()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)
    # A worker killed while sending its result leaves half a message in the result pipe, and
    # the pool's manager thread would wait for the rest for ever (and the interpreter for it
    # at exit). With the workers gone, closing the pipe's write end here, its last holder,
    # gives that thread an end of file instead: it marks the pool broken and ends.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:  # ended before returning: nothing of the pool is left running
        manager.join(10)


def jobs(count: int) -> int:
    """Worker processes: ``SAMVALG_JOBS`` if set, else up to 2 (never more than the CPUs)."""
    env = os.environ.get("SAMVALG_JOBS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return min(int(env), count)
    return max(1, min(2, os.cpu_count() or 1, count))


def can_fork() -> bool:
    """True where worker processes can be forked (they inherit the loaded modules)."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes that die with this one; on any error, Ctrl-C or
    SIGTERM in the ``with`` block the pool is ended at once (:func:`end_pool`), otherwise it
    is shut down when the block ends."""
    with warnings.catch_warnings():
        # Python >= 3.12 warns about fork() in a process with threads (OpenBLAS's);
        # the workers only compute and return, so the warning does not apply.
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
        ctx = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(os.getpid(), _parent_death_signal()),
        )
        try:
            yield pool
        except BaseException:
            end_pool(pool)
            raise
        pool.shutdown(wait=True)
