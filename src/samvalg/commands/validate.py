"""``samvalg validate FILE``: check an assessment and report every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    load_assessment_or_example,
    load_catalogue_option,
)

NAME = "validate"
HELP = "check an assessment file and report every problem"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        type=Path,
        help="assessment file: .toml, or a scoring workbook .xlsx (from samvalg template)",
    )
    add_catalogue_argument(p)


def run(args: argparse.Namespace) -> int:
    a = load_assessment_or_example(args.file, load_catalogue_option(args.catalogue))
    n_opts = sum(len(s.options) for s in a.services.values())
    print(
        f"{args.file}: OK – {len(a.services)} tjenesteområder / service areas, "
        f"{n_opts} alternativer / options"
    )
    return 0
