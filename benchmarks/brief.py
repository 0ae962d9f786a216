"""The council briefing's speed on the shipped example: the full brief against the analyses
alone, and the time per figure.

One run prints:

(a) the wall time of the analyses alone (``samvalg.report._run.analyse`` with
    ``figures=False``: evaluation, SMAA-2 and sensitivity per service area, hosting,
    economics, agreement, in the briefing's worker processes), of the whole briefing without
    figures (:func:`samvalg.report.build_briefing`, ``figures=False``) and of the full brief
    (:func:`samvalg.report.write_briefing` into a temporary folder: analyses, figures, HTML,
    Markdown, data.json: ``--formats html,md``), median of ``--repeats`` (3); and the ratio
    of the full brief to the analyses alone. Target: <= 2x. Then the same with PDF and Word
    too (``samvalg brief``'s default, all four formats), with no target;
(b) per figure, in this process, one at a time: the time to draw it as the briefing does
    (:mod:`samvalg.report._charts`, straight to SVG) against drawing the same figure with
    :mod:`samvalg.plot` and saving it as SVG through matplotlib (what the briefing did
    before), with the ratio and the number of texts drawn.

Wall times (``time.perf_counter``) are what a user waits for; the target is on them. The
briefing runs in up to two worker processes, so (a) also prints the CPU time of this process
and its ended workers (``os.times``), which a busy shared machine disturbs less, and the load
average. (b) times are wall times in one process.

Run: ``.venv/bin/python benchmarks/brief.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable

TARGET = 2.0


def cpu() -> float:
    """CPU time of this process and of its ended children (the briefing's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall time and median CPU time (workers included) of ``fn()``."""
    walls, cpus = [], []
    for _ in range(repeats):
        c0, t0 = cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu() - c0)
    return statistics.median(walls), statistics.median(cpus)


def whole(repeats: int) -> float:
    """(a): analyses alone, briefing without figures, full brief; the ratio."""
    from samvalg import example_assessment
    from samvalg.report import build_briefing, write_briefing
    from samvalg.report._run import analyse

    a = example_assessment()

    def full() -> None:
        with tempfile.TemporaryDirectory() as d:
            write_briefing(d, a, formats="html,md")

    def documents() -> None:
        with tempfile.TemporaryDirectory() as d:
            write_briefing(d, a)  # html, md, pdf, docx

    full()  # warm up: imports, matplotlib's font cache
    t_analyses, c_analyses = measure(lambda: analyse(a, 10_000, 0, "wsm", "nb", False), repeats)
    t_text, c_text = measure(lambda: build_briefing(a, figures=False), repeats)
    t_full, c_full = measure(full, repeats)
    t_docs, c_docs = measure(documents, repeats)
    ratio = t_full / t_analyses
    print(
        f"(a) the example's briefing, median of {repeats}: wall time (CPU time, workers included)"
    )
    print(f"    analyses alone          {t_analyses:6.2f} s ({c_analyses:6.2f} s)")
    print(
        f"    briefing, no figures    {t_text:6.2f} s ({c_text:6.2f} s)  "
        f"{t_text / t_analyses:.2f}x ({c_text / c_analyses:.2f}x)"
    )
    print(
        f"    full brief              {t_full:6.2f} s ({c_full:6.2f} s)  "
        f"{ratio:.2f}x ({c_full / c_analyses:.2f}x); target <= {TARGET:.0f}x wall"
    )
    print(
        f"    + PDF and Word          {t_docs:6.2f} s ({c_docs:6.2f} s)  "
        f"{t_docs / t_analyses:.2f}x ({c_docs / c_analyses:.2f}x); +{t_docs - t_full:.2f} s"
    )
    print(f"    {'PASS' if ratio <= TARGET else 'MISS'}; load average {os.getloadavg()[0]:.1f}")
    return ratio


def matplotlib_figure(kind: str, args: tuple, ev, a):  # the baseline: samvalg.plot
    """The same figure drawn with :mod:`samvalg.plot` (what the briefing drew before)."""
    from samvalg import plot as sp

    cat = a.catalogue
    if kind == "contributions":
        sid, key = args
        return sp.plot_contributions(ev[sid][key], lang="nb", by="set", catalogue=cat)
    if kind == "rank_acceptability":
        return sp.plot_rank_acceptability(args[0], lang="nb", catalogue=cat)
    if kind == "thresholds":
        return sp.plot_thresholds(args[0], lang="nb", max_rows=args[1], catalogue=cat)
    if kind == "weights":
        return sp.plot_weights(a, lang="nb", catalogue=cat)
    if kind == "host_allocation":
        return sp.plot_host_allocation(args[0], lang="nb", catalogue=cat)
    return sp.plot_cost_shares(args[0], lang="nb", catalogue=cat)


def per_figure() -> None:
    """(b): per figure, the briefing's SVG drawing against matplotlib's (draw and save)."""
    import io

    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    from samvalg import example_assessment
    from samvalg.plot._style import headless_backend, style
    from samvalg.report._charts import canvas
    from samvalg.report._figures import global_figure_specs, prepare, service_figure_specs
    from samvalg.report._run import analyse

    a = example_assessment()
    res = analyse(a, 10_000, 0, "wsm", "nb", False)
    ev = res["evaluation"]
    specs = [
        *global_figure_specs(a, None, None),
        *global_figure_specs(a, res["allocation"], res["economics"]),
    ]
    for sid in ev:
        specs += service_figure_specs(ev, sid, res["services"][sid])
    prepare()
    headless_backend()
    print()
    print("(b) per figure, in this process: the briefing's SVG against matplotlib (samvalg.plot")
    print("    drawing the same figure and saving it as SVG, text as paths), wall seconds")
    head = f"    {'figure':34} {'svg s':>7} {'mpl s':>7} {'ratio':>6} {'texts':>6}"
    print(head)
    print("    " + "-" * (len(head) - 4))
    total_svg = total_mpl = 0.0
    for fig_id, kind, args in specs:
        t0 = time.perf_counter()
        c = canvas(kind, args, "nb", ev, a)
        c.svg()
        t1 = time.perf_counter()
        with style():
            obj = matplotlib_figure(kind, args, ev, a)
            fig = obj.figure if isinstance(obj, Axes) else obj
            fig.savefig(io.BytesIO(), format="svg", bbox_inches="tight")
        plt.close(fig)
        t2 = time.perf_counter()
        total_svg += t1 - t0
        total_mpl += t2 - t1
        ratio = (t2 - t1) / (t1 - t0)
        print(f"    {fig_id:34} {t1 - t0:7.4f} {t2 - t1:7.3f} {ratio:5.0f}x {len(c.texts):6d}")
    print(
        f"    {'all ' + str(len(specs)) + ' figures':34} {total_svg:7.4f} {total_mpl:7.3f} "
        f"{total_mpl / total_svg:5.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    whole(args.repeats)
    per_figure()


if __name__ == "__main__":
    main()
