"""``samvalg evaluate [FILE]``: rank the options per service area, both questions."""

from __future__ import annotations

import argparse
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)

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
    p.add_argument("--service", action="append", help="only this service area (repeatable)")
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
    from samvalg.evaluation import evaluate

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
    for sev in ev.services.values():
        name = sev.name_nb if lang == "nb" else sev.name_en
        print()
        print(f"== {name} [{sev.service}] ==")
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
    return 0
