"""``samvalg template --out FILE.xlsx``: write a scoring workbook for a workshop.

One sheet per service area (a row per criterion x option: score, low, high, rationale, the
scale enforced by data validation), a guide in bokmål and English, a meta sheet and weights
sheets. ``--from-example`` pre-fills it from the shipped illustrative example, so it reads back
(``samvalg validate FILE.xlsx``) to the same assessment.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "template"
HELP = "write a scoring workbook (.xlsx) for a workshop"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="the workbook to write (.xlsx)")
    p.add_argument(
        "--services",
        nargs="+",
        metavar="ID",
        help="service area ids (default: all, or those of the example)",
    )
    p.add_argument(
        "--from-example",
        action="store_true",
        help="pre-fill scores, weights and meta from the shipped illustrative example",
    )
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of headings and names (default nb)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")


def run(args: argparse.Namespace) -> int:
    from samvalg.io import example_assessment, write_template

    assessment = example_assessment() if args.from_example else None
    out = write_template(
        args.out,
        services=args.services,
        assessment=assessment,
        lang=args.lang,
        overwrite=args.force,
    )
    print(f"{out}: skrevet / written")
    return 0
