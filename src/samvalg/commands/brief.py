"""``samvalg brief``: write the council briefing (HTML, Markdown, figures, data.json).

With no arguments it runs on the shipped illustrative example and writes to ``briefing/``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "brief"
HELP = "write the council briefing (default: the shipped example, into briefing/)"

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
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
    p.add_argument("--assessment", type=Path, default=None,
                   help="assessment file (default: the shipped illustrative example)")
    p.add_argument("--out", type=Path, default=Path("briefing"),
                   help="output folder (default: briefing/)")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="bokmål or English")
    p.add_argument("--n", type=_positive, default=10_000, help="SMAA-2 iterations (10000)")
    p.add_argument("--seed", type=_seed, default=0, help="random seed (0)")
    p.add_argument("--method", choices=METHODS, default="wsm", help="aggregation method (wsm)")


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_percent
    from samvalg._labels import option_label, service_label
    from samvalg._resources import example_assessment_path
    from samvalg.commands._common import load_assessment_or_example
    from samvalg.errors import SamvalgError
    from samvalg.report import write_briefing

    lang = args.lang
    path = args.assessment
    if path is not None and not path.is_file():
        raise SamvalgError(f"--assessment {path}: no such file (allowed: an assessment file)")
    assessment = load_assessment_or_example(path)
    source = path if path is not None else example_assessment_path()
    written = write_briefing(args.out, assessment, lang=lang, n=args.n, seed=args.seed,
                             method=args.method, source_path=source)
    b = written.briefing
    if b.illustrative:
        print(f"*** {b.banner} ***")
    files = "filer" if lang == "nb" else "files"
    print(f"{'Skrev' if lang == 'nb' else 'Wrote'} {written.html}")
    print(f"{'og' if lang == 'nb' else 'and'} {written.markdown.name}, {written.data.name}, "
          f"figures/ ({len(written.figures)} {files}) {'i' if lang == 'nb' else 'in'} "
          f"{written.out_dir}")
    first = "øverst i" if lang == "nb" else "first in"
    for row in b.data["summary"]:
        rec = row["recommendation"]
        label = option_label(rec, lang) if rec else ("ingen lovlige alternativer" if lang == "nb"
                                                      else "no lawful option")
        b1 = row["first_rank_acceptability"]
        robust = "" if b1 is None else f" ({first} {fmt_percent(b1, lang)})"
        print(f"  {service_label(row['service'], lang)}: {label}{robust}")
    return 0

