"""Import time of ``import samvalg`` vs ``import numpy, pydantic``, in fresh subprocesses.

Each statement runs in a new interpreter ``REPEATS`` times; the median wall time of the
import (measured inside the child with ``time.perf_counter``) is reported, and the ratio
samvalg / (numpy + pydantic). Target: <= 1.5. (``import samvalg`` is lazy and imports not
even NumPy; the kernels' import, ``import samvalg.methods``, is shown for information.)
The script also checks that ``import samvalg`` (and ``import samvalg.methods``) leaves
matplotlib, pandas and pymcdm out of ``sys.modules``.

Run: ``.venv/bin/python benchmarks/import_time.py``
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

REPEATS = 15
HEAVY = ("matplotlib", "pandas", "pymcdm")


def timed_import(statement: str) -> float:
    code = f"import time; t0 = time.perf_counter(); {statement}; print(time.perf_counter() - t0)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def heavy_modules_after(statement: str) -> list[str]:
    listed = f"[m for m in {list(HEAVY)!r} if m in sys.modules]"
    code = f"import json, sys; {statement}; print(json.dumps({listed}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    baseline_stmt = "import numpy, pydantic"
    ours_stmt = "import samvalg"
    timed_import(ours_stmt)  # warm the file-system cache and .pyc files once
    baseline = statistics.median(timed_import(baseline_stmt) for _ in range(REPEATS))
    ours = statistics.median(timed_import(ours_stmt) for _ in range(REPEATS))
    methods_stmt = "import samvalg; import samvalg.methods"
    methods = statistics.median(timed_import(methods_stmt) for _ in range(REPEATS))
    ratio = ours / baseline
    print(f"median of {REPEATS} fresh interpreters")
    print(f"{'statement':<40}{'seconds':>10}{'ratio':>8}")
    for stmt, t in ((baseline_stmt, baseline), (ours_stmt, ours), (methods_stmt, methods)):
        print(f"{stmt:<40}{t:>10.4f}{t / baseline:>8.2f}")
    print(f"ratio samvalg / (numpy + pydantic): {ratio:.2f}  (target <= 1.5)")
    ok = ratio <= 1.5
    for stmt in ("import samvalg", "import samvalg; import samvalg.methods"):
        loaded = heavy_modules_after(stmt)
        print(f"after {stmt!r}: heavy modules loaded: {loaded or 'none'}")
        ok = ok and not loaded
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
