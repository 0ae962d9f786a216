"""``samvalg allocate [FILE]``: one option per service area, with balanced hosting.

Maximises the total decision value of the chosen options (the evaluation's ``form`` view by
default: question 2 as the briefing answers it) subject to legal feasibility and a bound on
each municipality's share of the hosted FTE (exact MILP; see :mod:`samvalg.allocation`).
Service areas with a host option and no staffing figures (the case has none for plan, byggesak,
kart_oppmaling, landbruk) are left out and listed, unless their FTE are given with
``--fte SERVICE=FTE``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
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
    p.add_argument(
        "--view", default="form", help="evaluation view (default: form, as the briefing)"
    )
    p.add_argument("--method", default="wsm", help="aggregation method (default: wsm)")
    p.add_argument(
        "--fte",
        action="append",
        default=[],
        metavar="SERVICE=FTE",
        help="FTE of a service area (summed over the municipalities); repeatable",
    )
    p.add_argument(
        "--missing-fte",
        choices=("skip", "areas", "error"),
        default="skip",
        help="an area with a host option and no FTE: leave it out (default), balance the "
        "number of areas instead of FTE (as the briefing), or refuse",
    )
    p.add_argument(
        "--office-hosts",
        action="store_true",
        help="count a kommunalt oppgavefellesskap's office municipality as hosting (as the "
        "briefing; an inference, the law is silent on who employs)",
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
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
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


def _prose(res: Any, cat: Any, given: dict[str, float], lang: str) -> dict[str, Any]:
    """The result's words in ``lang``: where each FTE figure comes from (``fte_source``), why a
    service area was left out (``skipped``) and the method ``note`` (the analysis gives them in
    one language; ids stay ids)."""
    from samvalg import economics as eco

    nb = lang == "nb"
    base = eco.baseline(cat)
    source: dict[str, str] = {}
    for sid, given_as in res.fte_source.items():
        if sid in given:
            source[sid] = "oppgitt med --fte" if nb else "given with --fte"
        elif given_as.startswith("ingen vertskommune") or sid not in base.services:
            source[sid] = "ingen vertskommunealternativ" if nb else "no host option"
        else:
            g = base.group_of(sid)
            if len(g.services) == 1:
                source[sid] = f"{'bemanningsgruppe' if nb else 'staffing group'} {g.id}"
            else:
                source[sid] = (
                    f"bemanningsgruppen {g.id}, fordelt på {', '.join(g.services)}"
                    if nb
                    else f"staffing group {g.id}, split between {', '.join(g.services)}"
                )
    skipped = {
        sid: (
            f"ingen bemanningstall for {sid} i katalogen: oppgi --fte {sid}=ÅRSVERK "
            "(samlet for kommunene)"
            if nb
            else f"no staffing figures for {sid} in the catalogue: give --fte {sid}=FTE "
            "(the municipalities' total)"
        )
        for sid in res.skipped
    }
    note = ""
    if res.note:  # the only note: a lower-is-better method (VIKOR)
        note = (
            f"{res.method}: lavere verdi er bedre (VIKORs Q); fordelingen maksimerer -Q"
            if nb
            else f"{res.method}: lower values are better (VIKOR's Q); the allocation maximises -Q"
        )
    return {"fte_source": source, "skipped": skipped, "note": note}


def run(args: argparse.Namespace) -> int:
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
        missing_fte=args.missing_fte,
        office_hosts=args.office_hosts,
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
    prose = _prose(res, cat, _fte(args.fte), args.lang)
    if args.json:
        out = res.to_dict()
        out.update(prose)
        if curve is not None:
            out["tradeoff_curve"] = curve.to_dict()
        emit_json(out, command=NAME, lang=args.lang)
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
    if res.measure == "areas":
        print(
            "  Balansen måles i antall tjenesteområder (årsverk mangler for noen)"
            if nb
            else "  Balance measured in number of service areas (FTE missing for some)"
        )
    for s, o in res.choice.items():
        free = res.unconstrained_choice[s]
        if s in res.office:
            o_office = res.office[s]
            other_office = f" [{'kontorkommune' if nb else 'office'}: {o_office}]"
        else:
            other_office = ""
        other = "" if free == o else f"   ({'uten krav' if nb else 'unconstrained'}: "
        other += "" if free == o else f"{option_label(free, lang, cat)})"
        print(
            f"  {service_label(s, lang, cat):<34} {option_label(o, lang, cat):<54}"
            f" {fmt_number(res.fte[s], lang, 2):>6}{other}{other_office}"
        )
    largest = "største andel" if nb else "largest share"
    print(
        (
            ("  Årsverk per vertskommune: " if nb else "  Hosted FTE: ")
            if res.measure == "fte"
            else ("  Områder per vertskommune: " if nb else "  Hosted areas: ")
        )
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
    if prose["note"]:
        print(f"  * {prose['note']}")
    if res.skipped:
        print(
            (
                "  Ikke med (ingen årsverkstall i katalogen; oppgi --fte SERVICE=FTE): "
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
