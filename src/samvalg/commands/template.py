"""``samvalg template --out FILE.xlsx``: write a scoring workbook for a workshop.

One sheet per service area (a row per criterion x option: score, low, high, rationale, the
scale enforced by data validation), a guide in bokmål and English, a meta sheet and weights
sheets. ``--from-example`` pre-fills it from the shipped illustrative example, and
``--assessment FILE`` from an assessment file, so it reads back (``samvalg validate FILE.xlsx``)
to the same assessment. With ``--catalogue DIR`` the criteria, names, forms and municipalities
are the case's own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)

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
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--from-example",
        action="store_true",
        help="pre-fill scores, weights and meta from the shipped illustrative example",
    )
    source.add_argument(
        "--assessment",
        type=Path,
        default=None,
        metavar="FILE",
        help="pre-fill scores, weights, stakeholders and meta from this assessment file",
    )
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of headings and names (default nb)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_catalogue_argument(p)


def run(args: argparse.Namespace) -> int:
    from samvalg.io import write_template

    cat = load_catalogue_option(args.catalogue)
    assessment = (
        load_assessment_or_example(args.assessment, cat)
        if args.from_example or args.assessment is not None
        else None
    )
    out = write_template(
        args.out,
        services=args.services,
        assessment=assessment,
        catalogue=cat,
        lang=args.lang,
        overwrite=args.force,
    )
    if args.json:
        emit_json({"ok": True, "file": str(out)}, command=NAME, lang=args.lang)
        return 0
    print(f"{out}: skrevet / written")
    return 0
