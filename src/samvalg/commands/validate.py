"""``samvalg validate FILE``: check an assessment and report every problem at once.

Every problem is one line on stderr (file, key path or sheet and cell, what was found, what
is allowed), and the exit code is 2. With ``--json`` the result is one JSON object on stdout:
``ok``, the counts, and ``problems`` (each ``source``, ``location``, ``path``, ``message``,
``allowed``). Missing scores are listed per option; in a skeleton from ``samvalg init`` (lines
``#criterion =`` still to fill) a note counts them all.
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
_TO_FILL = re.compile(rb"^#[a-z][a-z0-9_]* = ", re.MULTILINE)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        type=Path,
        help="assessment file: .toml, or a scoring workbook .xlsx (from samvalg template)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
    add_catalogue_argument(p)


def missing_scores(exc: ValidationError) -> int:
    """How many score cells the problems of ``exc`` say are missing."""
    return sum(int(m.group(1)) for p in exc.problems if (m := _MISSING.match(p.message)))


def _is_skeleton(path: Path) -> bool:
    """Whether ``path`` is a TOML file with cells still to fill as ``samvalg init`` writes them."""
    if path.suffix.lower() != ".toml":
        return False
    try:
        with path.open("rb") as fh:
            return _TO_FILL.search(fh.read(16 * 1024 * 1024)) is not None
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue_option(args.catalogue)
    try:
        a = load_assessment_or_example(args.file, cat)
    except ValidationError as exc:
        n = missing_scores(exc)
        if n and _is_skeleton(args.file):
            nb = args.lang == "nb"
            print(
                f"samvalg: note: {n} "
                + (
                    ("skår mangler" if n == 1 else "skårer mangler")
                    + " ennå (fyll inn linjene som begynner med #)"
                    if nb
                    else ("score" if n == 1 else "scores")
                    + " still to fill in (the lines that start with #)"
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
