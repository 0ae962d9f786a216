"""Who hosts what: the best plan with an even share of responsibility between the municipalities.

    python examples/host_allocation.py [ASSESSMENT] [--max-share 0.5]

Chooses one option per service area to maximise the total decision value (from
``samvalg.evaluate``), with no municipality hosting more than ``--max-share`` of the FTE that
move to a host municipality (an exact integer programme; the councils' likeverd). Prints the
plan, what balance costs in value, and the trade-off frontier between value and the largest
share. Areas without staffing data in the case are left out and listed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import samvalg
from samvalg.allocation import allocate_hosts, tradeoff_curve


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("assessment", nargs="?", type=Path, default=None)
    p.add_argument("--max-share", type=float, default=0.5)
    args = p.parse_args()
    a = (
        samvalg.example_assessment()
        if args.assessment is None
        else samvalg.load_assessment(args.assessment)
    )
    if a.meta.illustrative:
        print("*** ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering ***")
    ev = samvalg.evaluate(a)
    res = allocate_hosts(ev, max_share=args.max_share, missing_fte="skip")
    print(f"plan (no municipality above {args.max_share:.0%} of the hosted FTE):")
    for sid, opt in res.choice.items():
        free = res.unconstrained_choice[sid]
        note = "" if opt == free else f"   (without the bound: {free})"
        print(f"  {sid:<15} {opt:<30}{note}")
    print(
        "hosted FTE: "
        + ", ".join(f"{m} {v:.2f}" for m, v in res.hosted_fte.items())
        + f"; largest share {res.largest_share:.1%}"
    )
    print(
        f"value {res.value:.4f}; without the bound {res.unconstrained_value:.4f}; "
        f"given up for balance {res.value_given_up:.4f}"
    )
    if res.skipped:
        print("left out (no staffing data in the case): " + ", ".join(res.skipped))
    curve = tradeoff_curve(ev, missing_fte="skip")
    print("\ntrade-off frontier (largest share -> total value):")
    for pt in curve.points:
        print(f"  {pt.largest_share:6.1%} -> {pt.value:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
