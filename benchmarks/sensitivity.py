"""Sensitivity speed per method on the example, and its ratio to WSM, measured in one run.

``samvalg.sensitivity.sensitivity_service`` on every service area of the example assessment
(the combined view: every criterion's and every set's weight sweep with exact crossovers,
plus score sensitivity), for WSM, WPM, TOPSIS, VIKOR and PROMETHEE II. Each time is the
process CPU time (``time.process_time``) of the ten calls, best of 5, methods interleaved
(after one warm-up round, so imports do not count). Target: every method within 5x of WSM.

Run: ``.venv/bin/python benchmarks/sensitivity.py`` (about half a minute)
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time

import samvalg
from samvalg.sensitivity import sensitivity_service

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
REPEATS = 5


def main() -> None:
    a = samvalg.example_assessment()
    services = list(samvalg.evaluate(a))
    best = dict.fromkeys(METHODS, float("inf"))
    for rep in range(REPEATS + 1):
        for m in METHODS:
            t0 = time.process_time()
            for sid in services:
                sensitivity_service(a, sid, method=m)
            if rep:  # round 0 warms up
                best[m] = min(best[m], time.process_time() - t0)
    print(f"example: {len(services)} service areas, combined view; CPU s, best of {REPEATS}")
    print(f"{'method':<14}{'seconds':>9}{'vs WSM':>9}  target <= 5x")
    for m in METHODS:
        ratio = best[m] / best["wsm"]
        verdict = "" if m == "wsm" else ("PASS" if ratio <= 5 else "MISS")
        print(f"{m:<14}{best[m]:>9.3f}{ratio:>8.1f}x  {verdict}")


if __name__ == "__main__":
    main()
