"""Host allocation speed: the exact trade-off frontier and allocate_hosts near max_share = 1/H.

A synthetic but realistic problem (the generator of tests/test_allocation.py): 50 service
areas x 5 municipalities; per area egen drift (always allowed), oppgavefellesskap, IKS and one
host option per municipality, each allowed with probability 0.8; values uniform in [0.2, 0.9]
(4 decimals), FTE uniform in [0.5, 12] (1 decimal). Prints the time of the whole frontier
(``tradeoff_curve``) with the number of solves (MILPs and dynamic-programme steps, see
``samvalg.allocation._dp``), whether it is exact, and ``allocate_hosts`` near 1/H (default
limit and a 1 s limit); and the whole frontier of a smaller problem, 20 areas x 4
municipalities. Times are process CPU time (``time.process_time``, HiGHS runs in this process),
measured once each in one run; HiGHS's time limit is wall-clock time, so on a loaded machine a
limited solve stops after less CPU time. Target: the 50 x 5 frontier exact in under 5 s.

Run: ``.venv/bin/python benchmarks/allocation.py`` (about 15 s). With the default time
limit (60 s per step) the 50 x 5 frontier is exact; with a 1 s limit the steps near 1/H that
the dynamic programme does not finish within it go to the MILP, which stops at the limit.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import time
from pathlib import Path

import samvalg.allocation as alloc
import samvalg.allocation._milp as milp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_allocation import _synthetic

STOPPED = [0]  # solves of the last counted call that the time limit stopped


def counted(fn, *args, **kwargs):
    """``fn``'s result, CPU seconds and number of solves: every MILP goes through
    ``milp._solve`` (the frontier's and allocate_hosts'), every frontier step the dynamic
    programme solves through ``milp._dp_step``."""
    calls = [0]
    STOPPED[0] = 0
    real, real_dp = milp._solve, milp._dp_step

    def solve(*a, **k):
        calls[0] += 1
        sol = real(*a, **k)
        if sol is not None and not sol.optimal:
            STOPPED[0] += 1
        return sol

    def dp_step(*a, **k):
        calls[0] += 1
        return real_dp(*a, **k)

    milp._solve, milp._dp_step = solve, dp_step
    try:
        t0 = time.process_time()
        out = fn(*args, **kwargs)
        return out, time.process_time() - t0, calls[0]
    finally:
        milp._solve, milp._dp_step = real, real_dp


def main() -> None:
    ev, fte, cat = _synthetic(50, 5, 0)
    print("50 areas x 5 municipalities (seed 0), CPU seconds")
    for limit in (1.0, 60.0):
        curve, t, n = counted(alloc.tradeoff_curve, ev, fte=fte, catalogue=cat, time_limit=limit)
        hit = sum(not p.optimal for p in curve.points)
        verdict = "PASS" if t < 5 and curve.exact else "MISS"
        print(
            f"tradeoff_curve time_limit={limit:>4g}: {t:8.2f} s, {n} solves "
            f"({STOPPED[0]} stopped by the limit), {len(curve.points)} points "
            f"({hit} not proved), exact={curve.exact}; target < 5 s exact: {verdict}"
        )
    for beta in (0.2012, 0.205):
        for limit in (1.0, 60.0):
            res, t, n = counted(
                alloc.allocate_hosts, ev, beta, fte=fte, catalogue=cat, time_limit=limit
            )
            print(
                f"allocate_hosts max_share={beta} time_limit={limit:g}: {t:7.2f} s, "
                f"{n} MILP solves, optimal={res.optimal}, gap={res.gap:.2e}, "
                f"value={res.value:.4f}"
            )
    ev, fte, cat = _synthetic(20, 4, 0)
    curve, t, n = counted(alloc.tradeoff_curve, ev, fte=fte, catalogue=cat)
    print(
        f"20 x 4 (seed 0) tradeoff_curve time_limit=60: {t:7.2f} s, {n} solves, "
        f"{len(curve.points)} points, exact={curve.exact}"
    )


if __name__ == "__main__":
    main()
