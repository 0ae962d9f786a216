"""The ``samvalg`` command line: a thin shell over the public API.

Sub-commands live in :mod:`samvalg.commands`, one module each. Exit codes: 0 success; 2 bad
input or arguments (one line per problem on stderr, no traceback); 1 an internal error (a bug:
the traceback is printed only then, so it can be reported).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from samvalg.commands import COMMANDS
from samvalg.errors import SamvalgError, ValidationError

__all__ = ["main"]


def _parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    p = argparse.ArgumentParser(
        prog="samvalg",
        description=(
            "Flerkriterieanalyse av interkommunalt samarbeid / "
            "multi-criteria analysis of inter-municipal cooperation."
        ),
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name in COMMANDS:
        mod = importlib.import_module(f"samvalg.commands.{name}")
        # argparse expands %-formats in help texts: escape a literal "%" (e.g. "21 %")
        cp = sub.add_parser(
            mod.NAME,
            help=mod.HELP.replace("%", "%%"),
            description=(mod.__doc__ or "").replace("%", "%%"),
        )
        mod.add_arguments(cp)
        modules[mod.NAME] = mod
    return p, modules


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser, modules = _parser()
    args = parser.parse_args(argv)
    if args.version:
        import samvalg

        print(f"samvalg {samvalg.__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except ValidationError as exc:
        for line in exc.lines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        return 2
    except SamvalgError as exc:
        for line in str(exc).splitlines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `samvalg evaluate | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
