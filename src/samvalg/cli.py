"""The ``samvalg`` command line: a thin shell over the public API.

Exit codes: 0 success; 2 bad input or arguments (one line per problem on stderr, no traceback);
1 an internal error (a bug: please report it with the traceback, printed only then).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from samvalg.errors import SamvalgError, ValidationError

__all__ = ["main"]

_METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")

_T = {
    "nb": {
        "illustrative": "ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering",
        "method": "Metode",
        "q1": "Spørsmål 1 – skal vi samarbeide?",
        "q2": "Spørsmål 2 – i hvilken form?",
        "combined": "Samlet",
        "recommend": "Anbefaling",
        "infeasible": "juridisk utelukket",
        "conditional": "med vilkår",
        "excluded": "ikke rangert (kriterier ikke relevante)",
        "valid": "gyldig",
        "services": "tjenesteområder",
        "options": "alternativer",
        "none_feasible": "ingen lovlige alternativer",
        "lower_better": "lavere er bedre",
    },
    "en": {
        "illustrative": "ILLUSTRATIVE EXAMPLE – not an adopted assessment",
        "method": "Method",
        "q1": "Question 1 – should we cooperate?",
        "q2": "Question 2 – in which form?",
        "combined": "Combined",
        "recommend": "Recommendation",
        "infeasible": "legally ruled out",
        "conditional": "with conditions",
        "excluded": "not ranked (criteria not applicable)",
        "valid": "valid",
        "services": "service areas",
        "options": "options",
        "none_feasible": "no legally feasible option",
        "lower_better": "lower is better",
    },
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="samvalg",
        description=(
            "Flerkriterieanalyse av interkommunalt samarbeid / "
            "multi-criteria analysis of inter-municipal cooperation."
        ),
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser(
        "catalogue",
        help="list the shipped criteria, forms, services and municipalities",
    )
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument("--lang", choices=("nb", "en"), default="nb")

    v = sub.add_parser("validate", help="check an assessment file and report every problem")
    v.add_argument("file", type=Path)

    e = sub.add_parser("evaluate", help="rank the options per service area")
    e.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    e.add_argument("--method", choices=_METHODS, default="wsm")
    e.add_argument("--service", action="append", help="only this service area (repeatable)")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument("--lang", choices=("nb", "en"), default="nb")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        import samvalg

        print(f"samvalg {samvalg.__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        handler = {"catalogue": _catalogue, "validate": _validate, "evaluate": _evaluate}
        return handler[args.command](args)
    except ValidationError as exc:
        for line in exc.lines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        return 2
    except SamvalgError as exc:
        for line in str(exc).splitlines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `samvalg evaluate | head`
        return 0


def _load(file: Path | None) -> Any:
    import samvalg

    if file is None:
        return samvalg.example_assessment()
    return samvalg.load_assessment(file)


def _catalogue(args: argparse.Namespace) -> int:
    import samvalg

    cat = samvalg.catalogue()
    if args.json:
        print(json.dumps(cat.to_dict(), ensure_ascii=False, indent=2))
        return 0
    nb = args.lang == "nb"
    for set_id, cs in cat.criteria_sets.items():
        print(f"{cs.name_nb if nb else cs.name_en} [{set_id}] ({len(cs.criteria)})")
        for i, c in enumerate(cs.criteria, 1):
            print(f"  {i:>2}. {c.name_nb if nb else c.name_en}  [{c.id}]")
    print()
    print("Samarbeidsformer / cooperation forms:")
    for fid, f in cat.forms.items():
        host = " (+ vertskommune)" if f.has_host else ""
        print(f"  {fid:<20} {f.name_nb if nb else f.name_en}{host}")
    print()
    print("Tjenesteområder / service areas:")
    for sid, s in cat.services.items():
        print(f"  {sid:<16} {s.name_nb if nb else s.name_en}")
    print()
    print("Kommuner / municipalities:")
    for mid, m in cat.municipalities.items():
        print(f"  {mid:<16} {m.name} ({m.kommunenummer})")
    return 0


def _validate(args: argparse.Namespace) -> int:
    a = _load(args.file)
    n_opts = sum(len(s.options) for s in a.services.values())
    print(f"{args.file}: OK – {len(a.services)} tjenesteområder / service areas, "
          f"{n_opts} alternativer / options")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import samvalg
    from samvalg._format import fmt_number
    from samvalg._labels import option_label

    a = _load(args.file)
    ev = samvalg.evaluate(a, method=args.method, services=args.service)
    if args.json:
        print(ev.to_json())
        return 0
    t = _T[args.lang]
    lang = args.lang
    if ev.illustrative:
        print(f"*** {t['illustrative']} ***")
    print(f"{ev.title}")
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
                mark = "  "
                note = ""
                if not f.ok:
                    mark, note = "✗ ", f"  [{t['infeasible']}]"
                elif f.status == "conditional":
                    note = f"  [{t['conditional']}]"
                label = option_label(opt, lang)
                value = fmt_number(float(view.values[i]), lang, 3)
                print(f"    {mark}{int(view.ranks[i]):>2}. {label:<34} {value:>7}{note}")
            if view.excluded:
                print(f"      ({t['excluded']}: {', '.join(view.excluded)})")
        rec = sev.recommendation
        rec_text = option_label(rec, lang) if rec else t["none_feasible"]
        print(f"  → {t['recommend']}: {rec_text}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
