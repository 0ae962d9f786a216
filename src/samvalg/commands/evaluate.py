"""``samvalg evaluate [FILE]``: rank the options per service area, both questions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)

if TYPE_CHECKING:
    from samvalg.evaluation import BundleEvaluation

NAME = "evaluate"
HELP = "rank the options per service area (default: the shipped example)"

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")

_T = {
    "nb": {
        "illustrative": "ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering",
        "method": "Metode",
        "q1": "Spørsmål 1 – skal vi samarbeide?",
        "q2": "Spørsmål 2 – i hvilken form?",
        "recommend": "Anbefaling",
        "infeasible": "juridisk utelukket",
        "conditional": "med vilkår",
        "excluded": "ikke rangert (kriterier ikke relevante)",
        "none_feasible": "ingen lovlige alternativer",
        "lower_better": "lavere er bedre",
        "bundle": "Pakke (ett samarbeid for",
        "bundle_rule": "regel",
        "in_bundle": "Del av pakken",
        "in_bundle_see": "se anbefalingen for pakken",
    },
    "en": {
        "illustrative": "ILLUSTRATIVE EXAMPLE – not an adopted assessment",
        "method": "Method",
        "q1": "Question 1 – should we cooperate?",
        "q2": "Question 2 – in which form?",
        "recommend": "Recommendation",
        "infeasible": "legally ruled out",
        "conditional": "with conditions",
        "excluded": "not ranked (criteria not applicable)",
        "none_feasible": "no legally feasible option",
        "lower_better": "lower is better",
        "bundle": "Bundle (one cooperation for",
        "bundle_rule": "rule",
        "in_bundle": "Part of the bundle",
        "in_bundle_see": "see the bundle's recommendation",
    },
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    p.add_argument(
        "--method",
        default="wsm",
        metavar="M",
        help=f"{', '.join(METHODS)}, or pymcdm:<CLASS> for any pymcdm method (default: wsm)",
    )
    p.add_argument(
        "--service",
        action="append",
        help="only this service area, or a bundle's id for its members (repeatable)",
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
    from samvalg._format import fmt_number
    from samvalg.catalogue._labels import option_label
    from samvalg.evaluation import BundleEvaluation, evaluate

    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    ev = evaluate(a, method=args.method, services=args.service)
    if args.json:
        from samvalg.text.views import evaluation_record

        emit_json(evaluation_record(ev), command=NAME, lang=args.lang)
        return 0
    t = _T[args.lang]
    lang = args.lang
    if ev.illustrative:
        print(f"*** {t['illustrative']} ***")
    print(ev.title)
    print(f"{t['method']}: {ev.method}")
    bundle_of = {m: b for b in ev.bundles.values() for m in b.members}
    for sev in (*ev.services.values(), *ev.bundles.values()):
        name = sev.name_nb if lang == "nb" else sev.name_en
        print()
        print(f"== {name} [{sev.service}] ==")
        if isinstance(sev, BundleEvaluation):
            print(f"  {_bundle_line(sev, t, lang)}")
        for key, head in (("whether", t["q1"]), ("form", t["q2"])):
            view = sev.views.get(key)
            if view is None:
                continue
            suffix = f" ({t['lower_better']})" if not view.higher_is_better else ""
            print(f"  {head}{suffix}")
            for opt in view.order:
                i = view.options.index(opt)
                f = sev.feasibility[opt]
                mark, note = "  ", ""
                if not f.ok:
                    mark, note = "✗ ", f"  [{t['infeasible']}]"
                elif f.status == "conditional":
                    note = f"  [{t['conditional']}]"
                label = option_label(opt, lang, a.catalogue)
                value = fmt_number(float(view.values[i]), lang, 3)
                print(f"    {mark}{int(view.ranks[i]):>2}. {value:>6}  {label}{note}")
            if view.excluded:
                print(f"      ({t['excluded']}: {', '.join(view.excluded)})")
        rec = sev.recommendation
        rec_text = option_label(rec, lang, a.catalogue) if rec else t["none_feasible"]
        print(f"  → {t['recommend']}: {rec_text}")
        if sev.service in bundle_of:
            b = bundle_of[sev.service]
            bname = b.name_nb if lang == "nb" else b.name_en
            print(f"  ({t['in_bundle']} {bname} [{b.service}]: {t['in_bundle_see']})")
    return 0


def _bundle_line(b: BundleEvaluation, t: dict[str, str], lang: str) -> str:
    """The members and the rule of a bundle, e.g. ``Pakke (ett samarbeid for lonn 33 %, ...)``."""
    from samvalg._format import fmt_number

    shares = b.member_weights or {}
    members = ", ".join(
        f"{m} {fmt_number(100 * shares[m], lang, 1)} %" if m in shares else m for m in b.members
    )
    return f"{t['bundle']} {members}; {t['bundle_rule']} {b.rule})"
