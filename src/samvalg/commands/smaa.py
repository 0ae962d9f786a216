"""``samvalg smaa FILE --service ID``: SMAA-2 of one service area (how sure is the ranking?).

The defaults are the briefing's settings, so that ``samvalg smaa FILE --service ID`` gives the
numbers ``samvalg brief`` shows for it: 10 000 iterations, seed 0, WSM, weights drawn around
the elicited ones (Dirichlet, concentration 50, set and criterion weights separately), each
score drawn within its low/high (triangular), on the view the recommendation comes from
(``--view auto``: usually ``combined``; ``whether`` when the best answer to "should we
cooperate?" is not to).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from samvalg.commands._common import (
    add_catalogue_argument,
    check_sampling_options,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.commands._progress import add_quiet_argument, progress_bar
from samvalg.report._settings import SMAA_CONCENTRATION, SMAA_SETTINGS
from samvalg.text.smaa import probability_basis_text, service_smaa_record

NAME = "smaa"
HELP = "SMAA-2 rank acceptabilities for one service area (default file: the example)"

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
VIEWS = ("auto", "combined", "whether", "form", "strategy", "gains", "model")
WEIGHT_INFO = ("uniform", "ordinal", "bounds", "elicited", "stakeholders")
SCORES = ("none", "uniform", "triangular", "pert")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="assessment file (default: the example)")
    p.add_argument(
        "--service",
        required=True,
        help="service area id, e.g. lonn, or a bundle id ([bundles.<id>])",
    )
    p.add_argument(
        "--n", type=int, default=10_000, help="Monte Carlo iterations, 1 to 10000000 (10000)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed, a whole number >= 0 (0)")
    p.add_argument("--method", choices=METHODS, default="wsm", help="aggregation method (wsm)")
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="auto",
        help="the view (auto, as in the briefing: form, question 2, or whether where not "
        "cooperating is best)",
    )
    p.add_argument(
        "--weights",
        choices=WEIGHT_INFO,
        default=SMAA_SETTINGS["weight_info"],
        help=f"weight information ({SMAA_SETTINGS['weight_info']}, as in the briefing); "
        "uniform: no information; stakeholders: a mixture over the file's "
        "[stakeholders] weights, drawn in proportion to their voting weights",
    )
    p.add_argument(
        "--bounds",
        type=float,
        default=0.5,
        help="relative spread for --weights bounds (0.5 = ±50 %%)",
    )
    p.add_argument(
        "--concentration",
        type=float,
        default=None,
        help=f"Dirichlet concentration for --weights elicited ({SMAA_CONCENTRATION:g}), or the "
        "spread around each stakeholder's weights (default: their exact weights)",
    )
    p.add_argument(
        "--scores",
        choices=SCORES,
        default=SMAA_SETTINGS["score_uncertainty"],
        help="score uncertainty within each score's low/high "
        f"({SMAA_SETTINGS['score_uncertainty']}, as in the briefing; none: the scores as given)",
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


def _briefing_view(a: Any, service: str, method: str) -> str:
    """The view the briefing runs SMAA-2 on first: the one its recommendation comes from
    (``combined`` when the service area has no feasible option on any view)."""
    from samvalg.evaluation import evaluate
    from samvalg.report._run import rec_view

    bundle = a.bundles.get(service)
    if bundle is not None:  # a bundle: its own evaluation, from its members'
        ev = evaluate(a, method=method, services=list(bundle.services))
        return rec_view(ev.bundles[service]) or "combined"
    ev = evaluate(a, method=method, services=[service])
    return rec_view(ev[service]) or "combined"


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_number, fmt_percent
    from samvalg.catalogue._labels import option_label
    from samvalg.smaa import smaa_service

    check_sampling_options(args.n, args.seed)
    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    view = args.view
    if view == "auto":
        view = _briefing_view(a, args.service, args.method)
    bar = progress_bar(args)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.update("smaa", done, total)

    try:
        r = smaa_service(
            a,
            args.service,
            view=view,
            hierarchy=SMAA_SETTINGS["hierarchy"],
            n=args.n,
            seed=args.seed,
            method=args.method,
            weight_info=args.weights,
            bounds=args.bounds,
            concentration=args.concentration,
            score_uncertainty=args.scores,
            progress=None if bar is None else progress,
        )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        emit_json(service_smaa_record(r), command=NAME, lang=args.lang)
        return 0
    lang = args.lang
    nb = lang == "nb"
    if r.illustrative:
        print(
            "*** "
            + (
                "ILLUSTRATIVT EKSEMPEL – ikke en vedtatt vurdering"
                if nb
                else "ILLUSTRATIVE EXAMPLE – not an adopted assessment"
            )
            + " ***"
        )
    res = r.result
    print(
        f"SMAA-2: {r.service} / {r.view}, {res.method}, N = {res.n}, seed = {res.seed}; "
        + ("vekter" if nb else "weights")
        + f": {r.weight_info}, "
        + ("skårer" if nb else "scores")
        + f": {r.score_uncertainty}"
    )
    m = len(r.options)
    labels = [option_label(o, lang, a.catalogue) for o in r.options]
    width = max((len(x) for x in labels), default=10) + 1
    head = "".join(f"{'b' + str(k + 1):>7}" for k in range(m))
    print(f"  {'':<{width}}{head}{'pc':>7}")
    order = sorted(range(m), key=lambda i: -res.first_rank[i])
    for i in order:
        cells = "".join(
            f"{fmt_number(100 * res.rank_acceptability[i, k], lang, 1):>7}" for k in range(m)
        )
        cf = res.confidence[i]
        cf_text = "–" if cf != cf else fmt_number(100 * cf, lang, 1)
        print(f"  {labels[i]:<{width}}{cells}{cf_text:>7}")
    se = float(res.rank_acceptability_se.max()) if m else 0.0
    print(
        "  ("
        + ("prosent; største standardfeil" if nb else "per cent; largest standard error")
        + f" {fmt_number(100 * se, lang, 2)})"
    )
    if r.stakeholder_probabilities is not None:
        print(
            ("  interessenter (sannsynlighet)" if nb else "  stakeholders (probability)")
            + ": "
            + ", ".join(
                f"{k} {fmt_percent(p, lang, 1)}" for k, p in r.stakeholder_probabilities.items()
            )
        )
        print("  " + str(probability_basis_text(r, lang)))
    if r.acceptance_rate is not None:
        print(
            ("  akseptrate" if nb else "  acceptance rate")
            + f": {fmt_number(r.acceptance_rate, lang, 4)}"
        )
    for opt, reason in r.excluded.items():
        print(f"  ✗ {option_label(opt, lang, a.catalogue)}: {reason}")
    return 0
