"""``samvalg group [FILE]``: do the stakeholders agree? Per service area, in plain words."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.text.agreement import answer_text, group_agreement_record
from samvalg.text.voting import scheme_text

NAME = "group"
HELP = "stakeholders' agreement per service area (default: the shipped example)"

VIEWS = ("combined", "whether", "form", "strategy", "gains", "model")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    p.add_argument("--service", action="append", help="only this service area (repeatable)")
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="form",
        help="view of the evaluation (default: form, question 2 as the briefing answers it)",
    )
    p.add_argument(
        "--method",
        choices=("wsm", "wpm", "topsis", "vikor", "promethee_ii"),
        default="wsm",
        help="aggregation method (wsm)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
    add_catalogue_argument(p)


def run(args: argparse.Namespace) -> int:
    from samvalg import group
    from samvalg._format import fmt_number

    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    res = group.agreement(a, view=args.view, method=args.method, services=args.service)
    if args.json:
        emit_json(group_agreement_record(res), command=NAME, lang=args.lang)
        return 0
    nb = args.lang == "nb"
    if res.illustrative:
        print(
            "*** "
            + (
                "ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering"
                if nb
                else "ILLUSTRATIVE EXAMPLE – not an adopted assessment"
            )
            + " ***"
        )
    print(res.title)
    print(scheme_text(res.voting, args.lang))
    for sid, w in res.voting.weights.items():
        print(f"  {sid}: {fmt_number(w, args.lang, 3)}")
    for sa in res.services.values():
        print()
        print(f"== {sa.service} ==")
        print(answer_text(sa, args.lang))
        kendall = "–" if math.isnan(sa.kendall_w) else fmt_number(sa.kendall_w, args.lang, 3)
        print(("  Kendalls W: " if nb else "  Kendall's W: ") + kendall)
        for i, s in enumerate(sa.stakeholders):
            ranks = sa.ranks[i].tolist()
            order = sorted(range(len(sa.options)), key=ranks.__getitem__)
            print(f"  {s}: " + " > ".join(sa.options[j] for j in order[:3]))
        if sa.most_different:
            head = "  størst vektforskjell: " if nb else "  largest weight differences: "
            print(head + ", ".join(sa.most_different))
    return 0
