"""``samvalg sensitivity [FILE] --service ID``: which weights and scores could change the answer?

For the option on top, in plain words: per criteria set weight and per criterion weight the
smallest increase and decrease that give another top option (absolute and relative, or
"aldri"/"never"), every crossover of the weight sweeps, and the five single scores where the
smallest change gives another top option (flagged when the change would leave the scale).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.commands._progress import add_quiet_argument, progress_bar

NAME = "sensitivity"
HELP = (
    "weight thresholds, crossovers and critical scores for one service area "
    "(default file: the example)"
)

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
VIEWS = ("combined", "whether", "form", "strategy", "gains", "model")
#: How many single scores the text lists.
CRITICAL = 5
#: Changes below this (in weight or scale units) are ties: the options already stand level.
_TIE = 1e-6

_VIEWS = {
    "nb": {
        "combined": "samlet vurdering (alle kriteriesett)",
        "whether": "spørsmål 1 (skal vi samarbeide?)",
        "form": "spørsmål 2 (hvilken samarbeidsform?)",
    },
    "en": {
        "combined": "combined assessment (every criteria set)",
        "whether": "question 1 (should we cooperate?)",
        "form": "question 2 (which form of cooperation?)",
    },
}
_TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "banner": "ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering",
        "head": "Følsomhetsanalyse: {service} – {view}; metode {method}",
        "top": "Beste alternativ nå: {top}",
        "weights": "Vekter: minste endring av én vekt som gir et annet beste alternativ "
        "(de andre vektene skaleres i samme forhold)",
        "sets": "Kriteriesett (settvekt):",
        "criteria": "Kriterier:",
        "now": "nå",
        "up": "økning",
        "down": "reduksjon",
        "never": "aldri",
        "to": "til",
        "gives": "gir",
        "rel_none": "nå 0",
        "cross": "Krysningspunkter (vekten der to alternativer bytter plass):",
        "cross_at": "ved vekt {t} går {after} forbi {before}",
        "no_cross": "ingen: rekkefølgen endres ikke for noen vekt mellom 0 og 1",
        "inexact": "(funnet på et rutenett med {n} punkter og rotsøk; svært tette "
        "krysninger kan mangle)",
        "scores": "De {k} mest kritiske enkeltskårene (minste endring av én skår som gir et "
        "annet beste alternativ, i skalaens enheter):",
        "score_line": "{option} – {criterion}: {direction} {change} (fra {old} til {new})",
        "score_tie": "{option} – {criterion}: står allerede likt med det beste alternativet",
        "outside": "UTENFOR SKALAEN {lo}–{hi}",
        "no_scores": "Ingen endring av én enkelt skår innenfor søket gir et annet beste "
        "alternativ.",
        "excluded": "Ikke rangert:",
    },
    "en": {
        "banner": "ILLUSTRATIVE EXAMPLE – not an adopted assessment",
        "head": "Sensitivity analysis: {service} – {view}; method {method}",
        "top": "Best option now: {top}",
        "weights": "Weights: the smallest change of one weight that gives another best option "
        "(the other weights rescaled in proportion)",
        "sets": "Criteria sets (set weight):",
        "criteria": "Criteria:",
        "now": "now",
        "up": "increase",
        "down": "decrease",
        "never": "never",
        "to": "to",
        "gives": "gives",
        "rel_none": "now 0",
        "cross": "Crossovers (the weight at which two options swap places):",
        "cross_at": "at weight {t} {after} overtakes {before}",
        "no_cross": "none: the order does not change for any weight between 0 and 1",
        "inexact": "(found on a grid of {n} points and root-finding; very close crossings "
        "may be missed)",
        "scores": "The {k} most critical single scores (the smallest change of one score that "
        "gives another best option, in scale units):",
        "score_line": "{option} – {criterion}: {direction} {change} (from {old} to {new})",
        "score_tie": "{option} – {criterion}: already level with the best option",
        "outside": "OUTSIDE THE SCALE {lo}–{hi}",
        "no_scores": "No change of a single score within the search gives another best option.",
        "excluded": "Not ranked:",
    },
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    p.add_argument(
        "--service",
        required=True,
        help="service area id, e.g. lonn, or a bundle id ([bundles.<id>])",
    )
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="form",
        help="view of the evaluation (default: form, question 2 as the briefing answers it)",
    )
    p.add_argument("--method", choices=METHODS, default="wsm", help="aggregation method (wsm)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
    add_catalogue_argument(p)
    add_quiet_argument(p)


def _signed(x: float, lang: str, decimals: int) -> str:
    from samvalg._format import fmt_number

    text = fmt_number(x, lang, decimals)
    return text if text.startswith(("-", "−")) else "+" + text


def _threshold(th: Any, word: str, t: dict[str, str], lang: str, label: Any) -> str:
    from samvalg._format import fmt_number, fmt_percent

    if th is None:
        return f"{word} {t['never']}"
    rel = (
        t["rel_none"]
        if th.relative is None
        else ("+" if th.relative > 0 else "") + fmt_percent(th.relative, lang, 0)
    )
    return (
        f"{word} {_signed(th.absolute, lang, 3)} ({rel}) {t['to']} "
        f"{fmt_number(th.weight, lang, 3)} {t['gives']} {label(th.new_top)}"
    )


def _summary(s: Any) -> dict[str, Any]:
    """What the text shows, for ``--json`` (added to the result's ``to_dict()``)."""
    d: dict[str, Any] = s.to_dict()
    d["thresholds"] = s.thresholds()
    d["crossovers"] = {
        sw.parameter: [c.to_dict() for c in sw.crossovers]
        for sw in (*s.set_sweeps.values(), *s.criterion_sweeps.values())
    }
    d["critical_scores"] = s.scores.critical(CRITICAL, within_scale=False)
    return d


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_number
    from samvalg.catalogue._labels import criterion_label, option_label, service_label, set_label
    from samvalg.sensitivity import sensitivity_service

    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    cat = a.catalogue
    bar = progress_bar(args)
    try:
        s = sensitivity_service(
            a,
            args.service,
            view=args.view,
            method=args.method,
            progress=None if bar is None else lambda d, t: bar.update("sensitivity", d, t),
        )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        emit_json(_summary(s), command=NAME, lang=args.lang)
        return 0
    lang = args.lang
    t = _TEXT[lang]

    def opt(o: str) -> str:
        return option_label(o, lang, cat)

    def param(sw: Any) -> str:
        return (
            set_label(sw.parameter, lang, cat)
            if sw.kind == "set"
            else criterion_label(sw.parameter, lang, cat)
        )

    if s.illustrative:
        print(f"*** {t['banner']} ***")
    view = _VIEWS[lang].get(s.view) or set_label(s.view, lang, cat)
    print(
        t["head"].format(
            service=service_label(s.service, lang, cat),
            view=view,
            method=s.method.upper().replace("_", " "),
        )
    )
    print(t["top"].format(top=opt(s.top)))
    print()
    print(t["weights"])
    sweeps = [
        (t["sets"], list(s.set_sweeps.values())),
        (t["criteria"], list(s.criterion_sweeps.values())),
    ]
    for head, group in sweeps:
        if not group:
            continue
        print("  " + head)
        for sw in group:
            print(
                f"    {param(sw)} ({t['now']} {fmt_number(sw.current, lang, 3)}): "
                f"{_threshold(sw.increase, t['up'], t, lang, opt)}; "
                f"{_threshold(sw.decrease, t['down'], t, lang, opt)}"
            )
    print()
    print(t["cross"])
    every = [sw for _, group in sweeps for sw in group]
    crossing = [sw for sw in every if sw.crossovers]
    if not crossing:
        print("  " + t["no_cross"])
    for sw in crossing:
        print(f"  {param(sw)}:")
        for c in sw.crossovers:
            print(
                "    "
                + t["cross_at"].format(
                    t=fmt_number(c.t, lang, 3), after=opt(c.ahead_after), before=opt(c.ahead_before)
                )
            )
    inexact = [sw for sw in every if not sw.exact]
    if inexact:
        print("  " + t["inexact"].format(n=inexact[0].grid_points))
    print()
    crit = s.scores.critical(CRITICAL, within_scale=False)
    if not crit:
        print(t["no_scores"])
    else:
        print(t["scores"].format(k=len(crit)))
        lo = dict(zip(s.scores.criteria, s.scores.lower.tolist(), strict=True))
        hi = dict(zip(s.scores.criteria, s.scores.upper.tolist(), strict=True))
        for k, cell in enumerate(crit, start=1):
            names = {
                "option": opt(cell["option"]),
                "criterion": criterion_label(cell["criterion"], lang, cat),
            }
            if cell["change"] < _TIE:
                print(f"  {k}. " + t["score_tie"].format(**names))
                continue
            sign = 1.0 if cell["direction"] == "increase" else -1.0
            line = t["score_line"].format(
                **names,
                direction=t["up"] if sign > 0 else t["down"],
                change=fmt_number(cell["change"], lang, 2),
                old=_num(cell["score"], lang),
                new=fmt_number(cell["score"] + sign * cell["change"], lang, 2),
            )
            if cell["outside_scale"]:
                line += " – " + t["outside"].format(
                    lo=_num(lo[cell["criterion"]], lang), hi=_num(hi[cell["criterion"]], lang)
                )
            print(f"  {k}. {line}")
    if s.excluded:
        print()
        print(t["excluded"])
        for o, reason in s.excluded.items():
            print(f"  ✗ {opt(o)}: {reason}")
    return 0


def _num(x: float, lang: str) -> str:
    """A score as written on its scale: whole numbers without decimals."""
    from samvalg._format import fmt_number

    return fmt_number(x, lang, 0 if math.isclose(x, round(x)) else 2)
