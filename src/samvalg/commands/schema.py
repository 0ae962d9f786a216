"""``samvalg schema assessment|catalogue``: print the JSON Schema of an input file format.

The schemas (JSON Schema draft 2020-12) are generated from samvalg's models and shipped with
it. ``catalogue`` prints the bundle of all five catalogue files; ``--file NAME`` prints the
schema of one of them on its own. Formats for people: docs/formats.md.
"""

from __future__ import annotations

import argparse
import sys

NAME = "schema"
HELP = "print the JSON Schema of the assessment or catalogue files"

CATALOGUE_FILES = (
    "criteria_sets.toml",
    "forms.toml",
    "services.toml",
    "municipalities.toml",
    "feasibility.toml",
)


KINDS = ("assessment", "catalogue")


def add_arguments(p: argparse.ArgumentParser) -> None:
    # checked in run(), so a mistake gives one line (argparse would print its usage too)
    p.add_argument("kind", nargs="?", metavar="{assessment,catalogue}", help="which file format")
    p.add_argument(
        "--file",
        metavar="NAME",
        help="with catalogue: only this file's schema (" + ", ".join(CATALOGUE_FILES) + ")",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="a mistake in the arguments as JSON on stdout (the schema is JSON anyway)",
    )


def run(args: argparse.Namespace) -> int:
    from samvalg import schemas
    from samvalg.errors import SamvalgError

    if args.kind not in KINDS:
        found = "nothing" if args.kind is None else repr(args.kind)
        raise SamvalgError(f"schema: expected assessment or catalogue, found {found}")
    if args.file is not None:
        if args.kind != "catalogue":
            raise SamvalgError("schema: --file applies to the catalogue schema only")
        if args.file not in CATALOGUE_FILES:
            raise SamvalgError(
                f"schema: unknown catalogue file {args.file!r} (allowed: "
                + ", ".join(CATALOGUE_FILES)
                + ")"
            )
        bundle = schemas.schema("catalogue")
        one = {
            "$schema": bundle["$schema"],
            "$id": f"{bundle['$id']}:{args.file}",
            "$ref": f"#/$defs/{args.file}",
            "$defs": bundle["$defs"],
        }
        _write(schemas.dumps(one))
        return 0
    _write(schemas.text(args.kind))
    return 0


def _write(text: str) -> None:
    """`text` to stdout as UTF-8, whatever the console's encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (e.g. io.StringIO in a test)
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
