"""SMAA-2 speed and memory: samvalg.smaa.smaa2 against a pymcdm loop and a bare lower bound.

One run prints, for a fixed 7 options x 11 criteria matrix and uniform (Dirichlet(1, ..., 1))
weights:

(a) the cost per sample of ``smaa2`` with WSM, TOPSIS and PROMETHEE II for N = 10^4, 10^5,
    10^6 (best of several repeats; each call draws its weights, ranks, counts rank
    acceptabilities, pairwise wins and central weights, and computes confidence factors);
(b) its ratio to a Python loop over pymcdm's method, one call per sample, plus the ranking
    and counting an SMAA needs. The loop is timed on 2000 samples only and scaled per sample
    (it costs about 0.1-0.3 ms a sample); its rank counts are checked equal to ``smaa2``'s on
    the same weights before the time is trusted. Target: >= 500x;
(c) its ratio to the bare lower bound: drawing the same Dirichlet weights
    (``samvalg._sampling.uniform_simplex``), one matrix product ``W @ X.T`` of the same shapes,
    one ``argsort`` and one ``bincount`` of the ranks, in the same chunks as ``smaa2``.
    Targets: <= 2x for WSM, <= 3x for TOPSIS and PROMETHEE II;
(d) peak memory of ``smaa2`` for N = 10^7, each method in a fresh subprocess: the resident
    set size after the imports (the interpreter baseline) and the high-water mark of the run
    (``VmHWM`` of ``/proc/self/status``, reset after the imports through ``clear_refs``), both
    printed with their difference; ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (the
    process's whole high-water mark, imports included) and ``tracemalloc``'s peak of the run
    (NumPy's buffers included) as cross-checks. Target: peak - baseline < 500 MB.

(e) score uncertainty on the example's services (``samvalg.example_assessment()``): the cost
    per sample of ``smaa_service`` with ``score_uncertainty="triangular"`` against the same
    call with fixed scores (``"none"``), N = 10^4 (the briefing's default), with the
    briefing's weights (elicited, levels) and with uniform weights. Target: <= 2x;
(f) many options or criteria: ``smaa2`` (WSM) against the lower bound of (c) at the same N
    and chunk for m = 30, 60 options (11 criteria) and n = 60, 120 criteria (7 options),
    N = 10^5. Target: <= 2x.

``--sections e,f`` runs only the listed sections (a-d always run together).

BLAS is pinned to one thread (set before NumPy loads) and every time is the process's CPU time
(``time.process_time``), so that waiting for a core on a busy 2-core machine does not count;
the samvalg calls and the lower bound are timed interleaved, best of several repeats.

Run: ``.venv/bin/python benchmarks/smaa.py`` (about two minutes).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import json
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from samvalg import _sampling
from samvalg.methods import get_method, normalize
from samvalg.smaa import smaa2, smaa_service
from samvalg.smaa._engine import _chunk_rows

M, NCRIT = 7, 11
SIZES = (10_000, 100_000, 1_000_000)
REPEATS = {10_000: 15, 100_000: 5, 1_000_000: 3}
LOOP_SAMPLES = 2000
MEMORY_N = 10_000_000
METHODS = {  # name -> (smaa2 method, target ratio to the lower bound)
    "WSM": ("wsm", 2.0),
    "TOPSIS": ("topsis", 3.0),
    "PROMETHEE II": ("promethee_ii", 3.0),
}
PYMCDM_TARGET = 500.0
SCORE_N = 10_000
SCORE_REPEATS = 5
SCORE_TARGET = 2.0
#: the briefing's SMAA settings (samvalg.report._build.SMAA_SETTINGS), and uniform weights
SCORE_SETTINGS = {
    "briefing": {"weight_info": "elicited", "hierarchy": "levels"},
    "uniform": {"weight_info": "uniform", "hierarchy": "levels"},
}
SHAPES = ((30, 11), (60, 11), (7, 60), (7, 120))  # (options, criteria)
SHAPE_N = 100_000
SHAPE_REPEATS = 5
SHAPE_TARGET = 2.0
MEMORY_TARGET_MB = 500.0


def problem() -> tuple[np.ndarray, np.ndarray]:
    """The fixed 7 x 11 matrix (scores 1-5) and types (every third criterion a cost)."""
    rng = np.random.default_rng(2024)
    X = rng.uniform(1.0, 5.0, size=(M, NCRIT))
    types = np.where(np.arange(NCRIT) % 3 == 2, -1.0, 1.0)
    return X, types


def lower_bound(R: np.ndarray, N: int, chunk: int, seed: int) -> np.ndarray:
    """Rank counts (m, m) from the bare minimum of work: sample, one product, argsort, bincount."""
    m = R.shape[0]
    RT = np.ascontiguousarray(R.T)
    gen = np.random.default_rng(seed)
    counts = np.zeros(m * m, dtype=np.int64)
    col = np.arange(m)
    for start in range(0, N, chunk):
        k = min(chunk, N - start)
        W = _sampling.uniform_simplex(k, R.shape[1], gen)
        order = np.argsort(-(W @ RT), axis=1)  # order[k, r] = option at rank r + 1
        counts += np.bincount((order * m + col).ravel(), minlength=m * m)
    return counts.reshape(m, m)  # [option, rank]


def pymcdm_loop(
    method: str, X: np.ndarray, types: np.ndarray, W: np.ndarray
) -> tuple[float, np.ndarray]:
    """Seconds per sample and rank counts of a Python loop over pymcdm (one call per sample)."""
    from pymcdm import normalizations as pn
    from pymcdm.methods import PROMETHEE_II, TOPSIS, WSM

    body = {
        "wsm": WSM(pn.max_normalization),
        "topsis": TOPSIS(pn.vector_normalization),
        "promethee_ii": PROMETHEE_II("usual"),
    }[method]
    m = X.shape[0]
    counts = np.zeros((m, m), dtype=np.int64)
    rows = np.arange(m)
    t0 = time.process_time()
    for w in W:
        u = body(X, w, types, validation=False)
        ranks = 1 + (u[None, :] > u[:, None] + 1e-10).sum(axis=1)  # as samvalg.smaa
        counts[rows, ranks - 1] += 1
    return (time.process_time() - t0) / len(W), counts


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of the process (single-threaded BLAS: the work done, not waits for a core)."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


_CHILD = """
import json, resource, sys, tracemalloc
sys.path.insert(0, {here!r})
from smaa import problem
from samvalg.smaa import smaa2

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":"))

X, types = problem()
base = status("VmRSS")              # the interpreter with numpy and samvalg loaded (kB)
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")                    # reset the high-water mark VmHWM to the current RSS
tracemalloc.start()
r = smaa2(X, types, n={n}, seed=0, method={method!r})
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
peak = status("VmHWM")
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert abs(r.rank_acceptability.sum() - r.rank_acceptability.shape[0]) < 1e-9
print(json.dumps({{"base": base, "peak": peak, "maxrss": maxrss, "traced": traced}}))
"""


def memory(method: str) -> dict[str, float]:
    """Memory of one smaa2 run with N = MEMORY_N in a fresh interpreter (MB)."""
    here = os.path.dirname(os.path.abspath(__file__))
    code = _CHILD.format(here=here, method=method, n=MEMORY_N)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    ).stdout
    secs = time.perf_counter() - t0
    d = json.loads(out.strip().splitlines()[-1])
    return {
        "base": d["base"] / 1024,
        "peak": d["peak"] / 1024,
        "maxrss": d["maxrss"] / 1024,
        "traced": d["traced"] / 2**20,
        "secs": secs,
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def score_uncertainty() -> list[str]:
    """(e): smaa_service with triangular scores against fixed scores, per service."""
    import samvalg

    A = samvalg.example_assessment()
    services = list(A.services)
    best: dict[tuple[str, str, str], float] = {}
    for kw in SCORE_SETTINGS.values():
        smaa_service(A, services[0], n=500, seed=0, score_uncertainty="triangular", **kw)
    for rep in range(SCORE_REPEATS):
        for name, kw in SCORE_SETTINGS.items():
            for svc in services:
                for su in ("none", "triangular"):
                    t = (
                        timed(
                            lambda svc=svc, su=su, kw=kw, rep=rep: smaa_service(
                                A, svc, n=SCORE_N, seed=rep, score_uncertainty=su, **kw
                            )
                        )
                        / SCORE_N
                    )
                    best[name, svc, su] = min(best.get((name, svc, su), np.inf), t)
    print(
        f"(e) score uncertainty: smaa_service per sample, N = {SCORE_N:.0e}, best of "
        f"{SCORE_REPEATS}; triangular vs fixed scores (none); target <= {SCORE_TARGET:.0f}x"
    )
    head = (
        f"{'weights':<10}{'service':<16}{'m':>3}{'cells':>7}{'fixed us':>10}"
        f"{'triang us':>11}{'ratio':>8}{'':>6}"
    )
    print(head)
    print("-" * len(head))
    misses = []
    for name in SCORE_SETTINGS:
        for svc in services:
            v = samvalg.evaluate(A, services=[svc])[svc]["combined"]
            cells = 0
            for sid in v.set_ids:
                mat = A.matrix(svc, sid)
                rows = [mat.option_ids.index(o) for o in v.options]
                cells += int((np.asarray(mat.high)[rows] > np.asarray(mat.low)[rows]).sum())
            f, t = best[name, svc, "none"], best[name, svc, "triangular"]
            ok = t / f <= SCORE_TARGET
            if not ok:
                misses.append(f"score uncertainty {name} {svc} {t / f:.2f}x")
            print(
                f"{name:<10}{svc:<16}{len(v.options):>3}{cells:>7}{f * 1e6:>10.2f}"
                f"{t * 1e6:>11.2f}{t / f:>7.2f}x{verdict(ok):>6}"
            )
    return misses


def shapes() -> list[str]:
    """(f): smaa2 (WSM) against the lower bound for many options or criteria."""
    best: dict[tuple[int, int, str], float] = {}
    chunks = {}
    probs = {}
    for m, n in SHAPES:
        rng = np.random.default_rng(m * 1000 + n)
        X = rng.uniform(1.0, 5.0, size=(m, n))
        t = np.where(np.arange(n) % 3 == 2, -1.0, 1.0)
        chunks[m, n] = _chunk_rows(get_method("wsm"), m, n, False)
        probs[m, n] = (X, t, normalize(X, t, "max"))
        ref = smaa2(X, t, n=5000, seed=3, method="wsm", normalization="max")
        lb = lower_bound(probs[m, n][2], 5000, chunks[m, n], 3)
        assert np.array_equal(np.rint(ref.rank_acceptability * 5000).astype(np.int64), lb)
    for rep in range(SHAPE_REPEATS):
        for (m, n), (X, t, R) in probs.items():
            jobs = {
                "bound": lambda R=R, m=m, n=n, rep=rep: lower_bound(R, SHAPE_N, chunks[m, n], rep),
                "smaa2": lambda X=X, t=t, rep=rep: smaa2(X, t, n=SHAPE_N, seed=rep, method="wsm"),
            }
            for key, fn in jobs.items():
                tm = timed(fn) / SHAPE_N
                best[m, n, key] = min(best.get((m, n, key), np.inf), tm)
    print(
        f"(f) many options / criteria: smaa2 (WSM) vs the lower bound of (c), N = "
        f"{SHAPE_N:.0e}, best of {SHAPE_REPEATS}, same chunks; counts checked equal first; "
        f"target <= {SHAPE_TARGET:.0f}x"
    )
    head = f"{'m':>4}{'n':>5}{'chunk':>7}{'smaa2 us':>10}{'bound us':>10}{'ratio':>8}{'':>6}"
    print(head)
    print("-" * len(head))
    misses = []
    for m, n in SHAPES:
        a, b = best[m, n, "smaa2"], best[m, n, "bound"]
        ok = a / b <= SHAPE_TARGET
        if not ok:
            misses.append(f"m={m} n={n} vs bound {a / b:.2f}x")
        print(
            f"{m:>4}{n:>5}{chunks[m, n]:>7}{a * 1e6:>10.3f}{b * 1e6:>10.3f}{a / b:>7.2f}x"
            f"{verdict(ok):>6}"
        )
    return misses


def main() -> None:
    sections = set("abcdef")
    if "--sections" in sys.argv:
        sections = set(sys.argv[sys.argv.index("--sections") + 1].replace(",", ""))
    extra: list[str] = []
    if "e" in sections:
        extra += score_uncertainty()
        print()
    if "f" in sections:
        extra += shapes()
        print()
    if not sections & set("abcd"):
        print("all targets met" if not extra else "missed: " + "; ".join(extra))
        return
    X, types = problem()
    R = normalize(X, types, "max")
    chunk = _chunk_rows(get_method("wsm"), M, NCRIT, False)
    print(
        f"SMAA-2 benchmark: {M} options x {NCRIT} criteria, fixed X, uniform weights; "
        f"numpy {np.__version__}, BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"lower bound = uniform_simplex + one (K x {NCRIT}) @ ({NCRIT} x {M}) product + "
        f"argsort + bincount, chunks of {chunk} rows (smaa2's default chunk)"
    )

    # correctness first: the lower bound counts equal smaa2's (same weights, same stream)
    ref = smaa2(X, types, n=20_000, seed=7, method="wsm", normalization="max", chunk_size=chunk)
    lb = lower_bound(R, 20_000, chunk, 7)
    assert np.array_equal(np.rint(ref.rank_acceptability * 20_000).astype(np.int64), lb)

    # (b) the pymcdm loop on LOOP_SAMPLES weight vectors, checked equal to smaa2 on them
    Wl = _sampling.uniform_simplex(LOOP_SAMPLES, NCRIT, 11)
    loop: dict[str, float] = {}
    for name, (method, _) in METHODS.items():
        smaa2(X, types, n=1000, seed=0, method=method)  # warm-up
        per, counts = pymcdm_loop(method, X, types, Wl)
        check = smaa2(X, types, method=method, weights=Wl)
        assert np.array_equal(np.rint(check.rank_acceptability * LOOP_SAMPLES), counts), name
        loop[name] = per

    # (a), (c): interleaved, best of REPEATS
    best: dict[tuple[str, int], float] = {}
    for N in SIZES:
        for rep in range(REPEATS[N]):
            jobs = {"bound": lambda N=N, rep=rep: lower_bound(R, N, chunk, rep)}
            for name, (method, _) in METHODS.items():
                jobs[name] = lambda N=N, rep=rep, method=method: smaa2(
                    X, types, n=N, seed=rep, method=method
                )
            for key, fn in jobs.items():
                t = timed(fn) / N
                best[key, N] = min(best.get((key, N), np.inf), t)

    # (d)
    mem = {name: memory(method) for name, (method, _) in METHODS.items()}

    print()
    print(
        f"(a) CPU time per sample (best of {', '.join(f'{REPEATS[n]}' for n in SIZES)} "
        f"repeats for N = {', '.join(f'{n:.0e}' for n in SIZES)}), confidence pass included"
    )
    print(
        f"(b) pymcdm loop timed on {LOOP_SAMPLES} samples, scaled per sample "
        f"(rank counts checked equal to smaa2 on the same weights); "
        f"target >= {PYMCDM_TARGET:.0f}x"
    )
    print(
        "(c) ratio to the lower bound at the same N; targets WSM <= 2x, TOPSIS and "
        "PROMETHEE II <= 3x"
    )
    head = (
        f"{'method':<14}{'N':>9}{'smaa2 us':>10}{'bound us':>10}{'vs bound':>9}"
        f"{'target':>8}{'':>6}{'pymcdm us':>11}{'speed-up':>10}{'':>6}"
    )
    print(head)
    print("-" * len(head))
    misses = []
    for name, (_, target) in METHODS.items():
        for N in SIZES:
            t, b = best[name, N], best["bound", N]
            r_bound = t / b
            r_loop = loop[name] / t
            ok_b, ok_l = r_bound <= target, r_loop >= PYMCDM_TARGET
            if not ok_b:
                misses.append(f"{name} N={N:.0e} vs bound {r_bound:.2f}x > {target:.0f}x")
            if not ok_l:
                misses.append(f"{name} N={N:.0e} vs pymcdm {r_loop:.0f}x < {PYMCDM_TARGET:.0f}x")
            print(
                f"{name:<14}{N:>9.0e}{t * 1e6:>10.3f}{b * 1e6:>10.3f}{r_bound:>8.2f}x"
                f"{target:>7.0f}x{verdict(ok_b):>6}{loop[name] * 1e6:>11.1f}"
                f"{r_loop:>9.0f}x{verdict(ok_l):>6}"
            )
    ceiling = ", ".join(f"{name} {loop[name] / best['bound', SIZES[-1]]:.0f}x" for name in METHODS)
    print(
        f"for scale: pymcdm loop / lower bound at N = {SIZES[-1]:.0e}: {ceiling} "
        "(the most any weight-sampling SMAA can reach in (b))"
    )
    print()
    print(
        f"(d) memory of smaa2 for N = {MEMORY_N:.0e}, fresh subprocess per method: baseline = "
        f"RSS after the imports; peak = RSS high-water mark of the run (VmHWM, reset after "
        f"the imports); target: peak - baseline < {MEMORY_TARGET_MB:.0f} MB"
    )
    head = (
        f"{'method':<14}{'baseline MB':>12}{'peak MB':>10}{'run MB':>9}"
        f"{'ru_maxrss MB':>14}{'tracemalloc MB':>16}{'wall s':>8}{'':>6}"
    )
    print(head)
    print("-" * len(head))
    for name, d in mem.items():
        run = d["peak"] - d["base"]
        ok = run < MEMORY_TARGET_MB
        if not ok:
            misses.append(f"{name} memory {run:.0f} MB")
        print(
            f"{name:<14}{d['base']:>12.1f}{d['peak']:>10.1f}{run:>9.1f}{d['maxrss']:>14.1f}"
            f"{d['traced']:>16.1f}{d['secs']:>8.1f}{verdict(ok):>6}"
        )
    print(
        "ru_maxrss is the child's lifetime high-water mark; Linux carries it over from the "
        "parent (this benchmark) across fork + exec, hence VmHWM reset after the imports"
    )
    print()
    misses += extra
    print("all targets met" if not misses else "missed: " + "; ".join(misses))


if __name__ == "__main__":
    main()
