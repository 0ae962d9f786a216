"""``samvalg brief``: write the council briefing (HTML, Markdown, PDF, Word, figures, data.json).

With no arguments it runs on the shipped illustrative example and writes to ``briefing/``.

The output folder is the user's: a later run replaces or removes only the files an earlier run
wrote there (listed in its ``.samvalg-briefing.json``) and leaves every other file alone. A
folder that is not empty and holds no samvalg briefing is refused unless ``--force``; symbolic
links are never written through. The briefing is swapped in only when every file is complete,
so a failed or interrupted run leaves the previous one as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from samvalg.commands._common import add_catalogue_argument
from samvalg.commands._progress import Bar, add_quiet_argument, progress_bar

NAME = "brief"
HELP = "write the council briefing (default: the shipped example, into briefing/)"

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")

#: The most SMAA-2 iterations ``--n`` accepts: more is refused, with a message naming this
#: maximum, rather than left to run for a very long time or exhaust the memory.
MAX_N = 10**7


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def _iterations(text: str) -> int:
    value = _positive(text)
    if value > MAX_N:
        raise argparse.ArgumentTypeError(
            f"expected at most {MAX_N} (the documented maximum), got {value}"
        )
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value}")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--assessment",
        type=Path,
        default=None,
        help="assessment file (default: the shipped illustrative example)",
    )
    p.add_argument(
        "--out",
        default="briefing",
        help="output folder (default: briefing/); a later run replaces only the files "
        "an earlier one wrote there",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty and holds no samvalg briefing, "
        "replacing files at the briefing's paths (other files are kept)",
    )
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="bokmål or English")
    p.add_argument(
        "--n", type=_iterations, default=10_000, help=f"SMAA-2 iterations (10000; at most {MAX_N})"
    )
    p.add_argument("--seed", type=_seed, default=0, help="random seed (0)")
    p.add_argument("--method", choices=METHODS, default="wsm", help="aggregation method (wsm)")
    p.add_argument(
        "--png",
        action="store_true",
        help="also write every figure as figures/<id>.png (default: SVG only, which the HTML "
        "and the Markdown show)",
    )
    p.add_argument(
        "--no-office-hosts",
        dest="office_hosts",
        action="store_false",
        help="do not count a kommunalt oppgavefellesskap's office municipality as hosting in "
        "the balanced plan (default: it counts; the briefing marks this an inference)",
    )
    p.add_argument(
        "--formats",
        default="html,md,pdf,docx",
        metavar="LIST",
        help="which documents to write, comma-separated from html (index.html), md "
        "(briefing.md), pdf (briefing.pdf) and docx (briefing.docx); default: all four. "
        "data.json and figures/ are always written",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_catalogue_argument(p)
    add_quiet_argument(p)


#: Samples of the timed pilot that estimates a run with ``--n`` above the default.
PILOT_N = 2000


def _estimate(bar: Bar, assessment: Any, n: int, seed: int, method: str) -> None:
    """Print the estimated time of the analyses first when it is long (``--n`` above the
    default): one SMAA-2 of :data:`PILOT_N` samples on the first service area is timed and
    scaled to ``n`` samples for two views of every service area, shared by the workers."""
    import time

    from samvalg.report._pool import jobs
    from samvalg.report._settings import SMAA_SETTINGS
    from samvalg.smaa import smaa_service

    services = list(assessment.services)
    if n <= 10_000 or not services:
        bar.announced = True  # a default run: no estimate
        return
    t0 = time.perf_counter()
    smaa_service(assessment, services[0], n=PILOT_N, seed=seed, method=method, **SMAA_SETTINGS)
    per_sample = (time.perf_counter() - t0) / PILOT_N
    workers = jobs(len(services) + 1)
    bar.announce(per_sample * n * 2 * len(services) / workers, f" (--n {n})")


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_percent
    from samvalg._resources import example_assessment_path
    from samvalg.catalogue._labels import option_label, service_label
    from samvalg.commands._common import load_assessment_or_example, load_catalogue_option
    from samvalg.errors import SamvalgError
    from samvalg.report import write_briefing
    from samvalg.report._write import out_path, parse_formats

    out_path(args.out)  # an empty --out is refused before anything is read
    formats = parse_formats(args.formats)
    lang = args.lang
    path = args.assessment
    if path is not None and not path.is_file():
        raise SamvalgError(f"--assessment {path}: no such file (allowed: an assessment file)")
    assessment = load_assessment_or_example(path, load_catalogue_option(args.catalogue))
    cat = assessment.catalogue
    source = path if path is not None else example_assessment_path()
    bar = progress_bar(args)
    if bar is not None:
        _estimate(bar, assessment, args.n, args.seed, args.method)
    try:
        written = write_briefing(
            args.out,
            assessment,
            lang=lang,
            n=args.n,
            seed=args.seed,
            method=args.method,
            source_path=source,
            png=args.png,
            force=args.force,
            progress=None if bar is None else bar.update,
            formats=formats,
            office_hosts=args.office_hosts,
        )
    finally:
        if bar is not None:
            bar.close()
    b = written.briefing
    if args.json:
        from samvalg.commands._common import emit_json

        emit_json(
            {
                "ok": True,
                "folder": str(written.out_dir),
                "html": str(written.html),
                "markdown": str(written.markdown),
                "data": str(written.data),
                "figures": len(written.figures),
                "illustrative": b.illustrative,
                "summary": b.data["summary"],
            },
            command=NAME,
            lang=lang,
        )
        return 0
    if b.illustrative:
        print(f"*** {b.banner} ***")
    files = "filer" if lang == "nb" else "files"
    docs = [written.html, written.markdown, written.pdf, written.docx]
    first_doc, *others = [d for d in docs if d is not None]
    print(f"{'Skrev' if lang == 'nb' else 'Wrote'} {first_doc}")
    print(
        f"{'og' if lang == 'nb' else 'and'} "
        f"{''.join(d.name + ', ' for d in others)}{written.data.name}, "
        f"figures/ ({len(written.figures)} {files}) {'i' if lang == 'nb' else 'in'} "
        f"{written.out_dir}"
    )
    first = "øverst i" if lang == "nb" else "first in"
    in_bundle: dict[str, str] = {}
    for bid, rec_b in b.data.get("bundles", {}).items():
        name = rec_b["evaluation"].get(f"name_{lang}") or bid
        members = " + ".join(service_label(m, lang, cat) for m in rec_b["members"])
        option = rec_b["recommendation"]
        label = option_label(option, lang, cat) if option else "–"
        smaa = rec_b["smaa"].get(rec_b["view"] or "", {})
        ranks = smaa.get("smaa", {}).get("rank_acceptability")
        opts = smaa.get("smaa", {}).get("alternatives") or smaa.get("options", [])
        robust = (
            f" ({first} {fmt_percent(ranks[opts.index(option)][0], lang)})"
            if ranks and option in opts
            else ""
        )
        head = "Pakke" if lang == "nb" else "Bundle"
        print(f"  {head} {name} ({members}): {label}{robust}")
        for m in rec_b["members"]:
            in_bundle[m] = name
    for row in b.data["summary"]:
        rec = row["recommendation"]
        label = (
            option_label(rec, lang, cat)
            if rec
            else ("ingen lovlige alternativer" if lang == "nb" else "no lawful option")
        )
        b1 = row["first_rank_acceptability"]
        robust = "" if b1 is None else f" ({first} {fmt_percent(b1, lang)})"
        note = ""
        if row["service"] in in_bundle:
            alone = "alene; avgjøres i pakken" if lang == "nb" else "alone; decided in the bundle"
            note = f" [{alone} {in_bundle[row['service']]}]"
        print(f"  {service_label(row['service'], lang, cat)}: {label}{robust}{note}")
    return 0
