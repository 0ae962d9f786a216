"""``samvalg validate FILE``: check an assessment and report every problem at once.

Every problem is one line on stderr (file, key path or sheet and cell, what was found, what
is allowed), and the exit code is 2. With ``--json`` the result is one JSON object on stdout:
``ok``, the counts, and ``problems`` (each ``source``, ``location``, ``path``, ``message``,
``allowed``). Scores still to be filled in (an assessment from ``samvalg init``) are listed per
option and summed up in a last line.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.errors import ValidationError

NAME = "validate"
HELP = "check an assessment file and report every problem"

_MISSING = re.compile(r"^(\d+) missing scores? for ")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="assessment file (TOML or .xlsx workbook)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("nb", "en"), default="nb")
    add_catalogue_argument(p)


def missing_scores(exc: ValidationError) -> int:
    """How many score cells the problems of ``exc`` say are missing."""
    return sum(int(m.group(1)) for p in exc.problems if (m := _MISSING.match(p.message)))


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue_option(args.catalogue)
    try:
        a = load_assessment_or_example(args.file, cat)
    except ValidationError as exc:
        n = missing_scores(exc)
        if n:
            nb = args.lang == "nb"
            print(
                f"samvalg: note: {n} "
                + (
                    "skårer mangler ennå (fyll inn linjene som begynner med #)"
                    if nb
                    else "scores still to fill in (the lines that start with #)"
                ),
                file=sys.stderr,
            )
        raise
    n_opts = sum(len(s.options) for s in a.services.values())
    if args.json:
        emit_json(
            {
                "ok": True,
                "file": str(args.file),
                "services": len(a.services),
                "options": n_opts,
                "problems": [],
            },
            command=NAME,
            lang=args.lang,
        )
        return 0
    print(
        f"{args.file}: OK – {len(a.services)} tjenesteområder / service areas, "
        f"{n_opts} alternativer / options"
    )
    return 0
