"""Rank the options of every service area with all five methods and show where they disagree.

    python examples/compare_methods.py [ASSESSMENT] [--view combined|whether|form]

WSM, WPM, TOPSIS, VIKOR and PROMETHEE II on the same scores and weights (each with its own
normalisation; see docs/methods.md). For each service area: the best legally feasible option
per method, and the Spearman correlation of each method's ranking with WSM's. Areas where the
methods pick different options are marked: there the choice of method matters, and the briefing
should say so.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import samvalg
from samvalg.ranking import spearman

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("assessment", nargs="?", type=Path, default=None)
    p.add_argument("--view", default="combined", choices=("combined", "whether", "form"))
    args = p.parse_args()
    a = (
        samvalg.example_assessment()
        if args.assessment is None
        else samvalg.load_assessment(args.assessment)
    )
    if a.meta.illustrative:
        print("*** ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering ***")
    evs = {m: samvalg.evaluate(a, method=m) for m in METHODS}
    print(f"view: {args.view}")
    print(
        f"{'service':<15} "
        + " ".join(f"{m:<28}" for m in METHODS)
        + " Spearman with WSM: "
        + " ".join(m[:5] for m in METHODS[1:])
    )
    disagree = []
    for sid in evs["wsm"]:
        views = {m: evs[m][sid][args.view] for m in METHODS}
        best = {m: v.best or "-" for m, v in views.items()}
        base = views["wsm"]
        rhos = []
        for m in METHODS[1:]:
            v = views[m]
            order = [v.options.index(o) for o in base.options]
            rhos.append(float(spearman(base.ranks.astype(float), v.ranks[order].astype(float))))
        mark = "" if len(set(best.values())) == 1 else "  <- disagree"
        if mark:
            disagree.append(sid)
        print(
            f"{sid:<15} "
            + " ".join(f"{best[m]:<28}" for m in METHODS)
            + " "
            + " ".join(f"{r:5.2f}" for r in rhos)
            + mark
        )
    print()
    if disagree:
        print(
            f"methods disagree on the best option in {len(disagree)} of {len(evs['wsm'])} "
            f"areas: {', '.join(disagree)}"
        )
    else:
        print("all five methods agree on the best option in every area")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
