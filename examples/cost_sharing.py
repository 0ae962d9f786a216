"""Cost sharing between a catalogue's municipalities: today, after a saving, by each key.

    python examples/cost_sharing.py [--saving 0.21] [--usage V1 V2 ...] [--catalogue DIR]

From the catalogue's staffing tables (the shipped one: the case's budget 2025): what each
municipality pays today, what it would pay for the joint service after a saving (default 21 %)
under the case's keys (population, equal share, use/volume, a 50/50 hybrid), who would pay more
than today, and the savings scenarios the catalogue's case supports (its ``[case]`` savings
evidence, each with its source), with present values. Shares are whole kroner and add up exactly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import samvalg
from samvalg import economics
from samvalg.text.formatting import fmt_number, fmt_percent


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--saving", type=float, default=0.21, help="saving share (0.21)")
    p.add_argument(
        "--usage",
        type=float,
        nargs="+",
        metavar="VOLUME",
        help="volumes (payslips, invoices, ...) for the usage key, one per municipality "
        "in the catalogue's order",
    )
    p.add_argument("--catalogue", type=Path, help="catalogue folder (default: the shipped one)")
    args = p.parse_args()

    cat = samvalg.catalogue(args.catalogue) if args.catalogue else samvalg.catalogue()
    members = list(cat.municipalities)
    if args.usage is not None and len(args.usage) != len(members):
        p.error(
            f"--usage: {len(args.usage)} volumes given, the catalogue has {len(members)} "
            f"municipalities ({', '.join(members)})"
        )
    b = economics.baseline(catalogue=cat)
    before = b.nok_by_municipality()
    total = sum(before.values())
    after = total - round(args.saving * total)
    print(
        f"today: {fmt_number(total, 'nb', 0)} kr ({fmt_number(float(b.total_fte), 'nb', 1)} "
        f"årsverk); after a {fmt_percent(args.saving, 'nb')} saving: "
        f"{fmt_number(after, 'nb', 0)} kr"
    )
    keys: list = ["population", "equal", {"equal": 0.5, "population": 0.5}]
    usage = None
    if args.usage is not None:
        usage = dict(zip(members, args.usage, strict=True))
        keys.append("usage")
    print(f"\n{'key':<34}" + "".join(f"{m:>16}" for m in before) + "   pays more")
    print(f"{'today':<34}" + "".join(f"{fmt_number(v, 'nb', 0):>16}" for v in before.values()))
    for key in keys:
        c = economics.compare_costs(before, after, key, usage)
        assert sum(r.after for r in c.rows) == after  # whole kroner, exactly
        name = key if isinstance(key, str) else " + ".join(f"{v:g} {k}" for k, v in key.items())
        print(
            f"{name:<34}"
            + "".join(f"{fmt_number(r.after, 'nb', 0):>16}" for r in c.rows)
            + "   "
            + (", ".join(c.pays_more) or "-")
        )
    # The scenarios the catalogue's case supports; a catalogue without savings evidence
    # falls back to the API's defaults.
    sourced = list(economics.case_scenarios(cat).values()) or None
    scen = economics.scenario_analysis(b, scenarios=sourced, key="population", catalogue=cat)
    print(f"\nscenarios over {scen.horizon} years (discount rate {scen.discount_rate}):")
    for r in scen.scenarios.values():
        print(
            f"  {r.scenario.label_nb:<24} saves {fmt_number(r.nok_saved_full, 'nb', 0):>12} kr/yr"
            f"  PV {fmt_number(r.present_value, 'nb', 0):>14} kr  payback year "
            f"{r.payback_year if r.payback_year is not None else 'never'}"
        )
        print(f"  {'':<24} source: {r.scenario.source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
