"""``samvalg allocate [FILE]``: one option per service area, with balanced hosting.

Maximises the total decision value of the chosen options (the evaluation's ``combined`` view by
default) subject to legal feasibility and a bound on each municipality's share of the hosted FTE
(exact MILP; see :mod:`samvalg.allocation`). Service areas with a host option and no staffing
figures (the case has none for plan, byggesak, kart_oppmaling, landbruk) are left out and listed,
unless their FTE are given with ``--fte SERVICE=FTE``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.commands._progress import add_quiet_argument, progress_bar
from samvalg.errors import SamvalgError

NAME = "allocate"
HELP = "choose host municipalities with an even share of responsibility (exact MILP)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    p.add_argument(
        "--max-share",
        type=float,
        default=0.5,
        help="largest share of the hosted FTE any municipality may host (default 0.5)",
    )
    p.add_argument(
        "--min-services",
        type=int,
        default=None,
        help="minimum number of service areas each municipality hosts",
    )
    p.add_argument("--view", default="combined", help="evaluation view (default: combined)")
    p.add_argument("--method", default="wsm", help="aggregation method (default: wsm)")
    p.add_argument(
        "--fte",
        action="append",
        default=[],
        metavar="SERVICE=FTE",
        help="FTE of a service area (summed over the municipalities); repeatable",
    )
    p.add_argument("--curve", action="store_true", help="also print the trade-off curve")
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="seconds per MILP solve (default 60); when hit, the best plan found "
        "is shown with its optimality gap",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("nb", "en"), default="nb")
    add_catalogue_argument(p)
    add_quiet_argument(p)


def _fte(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise SamvalgError(f"--fte: expected SERVICE=FTE, got {item!r}")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise SamvalgError(f"--fte: {value!r} is not a number (in {item!r})") from None
    return out


def run(args: argparse.Namespace) -> int:
    import json

    from samvalg._format import fmt_number, fmt_percent
    from samvalg.allocation import allocate_hosts, tradeoff_curve
    from samvalg.catalogue._labels import option_label, service_label
    from samvalg.evaluation import evaluate

    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    cat = a.catalogue
    ev = evaluate(a, method=args.method)
    kwargs = dict(
        min_services=args.min_services,
        view=args.view,
        fte=_fte(args.fte) or None,
        missing_fte="skip",
    )
    if args.time_limit is not None:
        kwargs["time_limit"] = args.time_limit
    bar = progress_bar(args)
    try:
        if bar is not None:
            bar.update("allocation", 0, 1)
        res = allocate_hosts(ev, args.max_share, **kwargs)
        curve = None
        if args.curve:
            curve = tradeoff_curve(
                ev,
                progress=None if bar is None else lambda d, t: bar.update("curve", d, t),
                **kwargs,
            )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        out = res.to_dict()
        if curve is not None:
            out["tradeoff_curve"] = curve.to_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    nb = lang == "nb"
    if res.illustrative:
        print(
            "*** ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering ***"
            if nb
            else "*** ILLUSTRATIVE EXAMPLE – not an adopted assessment ***"
        )
    print(
        f"{'Vertskommunefordeling' if nb else 'Host allocation'}: "
        f"{'maks andel' if nb else 'max share'} {fmt_percent(res.max_share, lang)}, "
        f"{'visning' if nb else 'view'} {res.view}, {'metode' if nb else 'method'} {res.method}"
    )
    for s, o in res.choice.items():
        free = res.unconstrained_choice[s]
        other = "" if free == o else f"   ({'uten krav' if nb else 'unconstrained'}: "
        other += "" if free == o else f"{option_label(free, lang, cat)})"
        print(
            f"  {service_label(s, lang, cat):<34} {option_label(o, lang, cat):<54}"
            f" {fmt_number(res.fte[s], lang, 2):>6}{other}"
        )
    largest = "største andel" if nb else "largest share"
    print(
        ("  Årsverk per vertskommune: " if nb else "  Hosted FTE: ")
        + ", ".join(f"{m} {fmt_number(v, lang, 2)}" for m, v in res.hosted_fte.items())
        + f"; {largest} {fmt_percent(res.largest_share, lang, 1)}"
    )
    print(
        f"  {'Verdi' if nb else 'Value'} {fmt_number(res.value, lang, 4)}; "
        f"{'uten balansekrav' if nb else 'unconstrained'} "
        f"{fmt_number(res.unconstrained_value, lang, 4)} "
        f"({'største andel' if nb else 'largest share'} "
        f"{fmt_percent(res.unconstrained_largest_share, lang, 1)}); "
        f"{'avgitt for balanse' if nb else 'given up for balance'} "
        f"{fmt_number(res.value_given_up, lang, 4)}"
    )
    if not res.optimal:
        print(
            (
                "  ! TIDSGRENSEN NÅDD: beste plan funnet, ikke bevist optimal "
                f"(gap {fmt_percent(res.gap, lang, 2)})"
            )
            if nb
            else (
                "  ! TIME LIMIT HIT: best plan found, not proven optimal "
                f"(gap {fmt_percent(res.gap, lang, 2)})"
            )
        )
    if res.note:
        print(f"  * {res.note}")
    if res.skipped:
        print(
            (
                "  Ikke med (ingen årsverkstall i saken; oppgi --fte SERVICE=FTE): "
                if nb
                else "  Left out (no staffing figures; give --fte SERVICE=FTE): "
            )
            + ", ".join(res.skipped)
        )
    if curve is not None:
        head = "Avveiing: største andel → verdi" if nb else "Trade-off: largest share → value"
        print(f"  {head}")
        for p in curve.points:
            if p.value is None or p.largest_share is None:
                continue
            share = fmt_percent(p.largest_share, lang, 1)
            gap = fmt_percent(p.gap, lang, 2)
            flag = (
                ""
                if p.optimal
                else (
                    f"  (ikke bevist optimal, gap {gap})"
                    if nb
                    else f"  (not proven optimal, gap {gap})"
                )
            )
            print(f"    {share:>8} → {fmt_number(p.value, lang, 4)}{flag}")
    return 0
