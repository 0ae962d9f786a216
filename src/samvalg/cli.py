"""The ``samvalg`` command line: a thin shell over the public API.

Sub-commands live in :mod:`samvalg.commands`, one module each. Exit codes (:data:`EXIT_CODES`):
0 success; 2 bad input or arguments (one line per problem on stderr, no traceback); 3 no
solution meets the conditions (``allocate``: no host plan within ``--max-share`` /
``--min-services``); 1 an internal error (a bug: the traceback is printed only then, so it can
be reported); 130 interrupted (Ctrl-C) and 143 terminated (SIGTERM), each with one line and no
traceback. With ``--json`` a failure also prints, on stdout, one JSON object with every problem
(:func:`samvalg.commands._common.error_record`). Text the terminal's encoding cannot show (æøå
on an ASCII or cp1252 console) is printed as ``?`` rather than failing.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import os
import re
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from samvalg.commands import COMMANDS
from samvalg.errors import ARGUMENT, InfeasibleError, Problem, SamvalgError, ValidationError

__all__ = ["EXIT_CODES", "main", "rest_to_plain"]


#: Exit code -> meaning, as ``--help`` and the docs list them.
EXIT_CODES: dict[int, str] = {
    0: "ok",
    1: "internal error (a bug: please report it with the traceback)",
    2: "bad input or arguments (every problem listed; with --json as JSON on stdout)",
    3: "infeasible: no solution meets the conditions (allocate: --max-share, --min-services)",
    130: "interrupted (Ctrl-C)",
    143: "terminated (SIGTERM)",
}

EPILOG = "exit codes:\n\n" + "\n".join(f"  {k:>3}  {v}" for k, v in EXIT_CODES.items())


class _UsageError(Exception):
    """A mistake in the arguments, as argparse finds it (raised instead of exiting)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`<]*?)(?:\s*<[^>]*>)?`")
_LITERAL = re.compile(r"``(.+?)``")
_INTERPRETED = re.compile(r"(?<![\w`])`([^`]+)`(?![\w`])")
_STRONG = re.compile(r"\*\*(.+?)\*\*")


def rest_to_plain(text: str) -> str:
    r"""Turn a reStructuredText docstring into plain text for ``--help``.

    Inline markup is dropped and its text kept (````samvalg brief```` -> ``samvalg brief``,
    ``:mod:`samvalg.allocation``` -> ``samvalg.allocation``, ``:func:`~a.b.f``` -> ``f``,
    ``**bold**`` -> ``bold``); a paragraph ending in ``::`` ends in ``:`` and the indented
    literal block after it is kept as it is. Paragraphs stay separated by a blank line.

    Parameters
    ----------
    text : str
        The docstring (first line unindented, as module docstrings are).

    Returns
    -------
    str
        Plain text, no reST markup.

    Examples
    --------
    >>> rest_to_plain("``samvalg smaa``: see :func:`~samvalg.smaa.smaa2` and ``--n``.")
    'samvalg smaa: see smaa2 and --n.'
    >>> rest_to_plain("A file::\n\n    key = 1")
    'A file:\n\n    key = 1'
    """

    def role(m: re.Match[str]) -> str:
        target = m.group(1).strip()
        full = m.group(0)
        return target.rsplit(".", 1)[-1] if ":`~" in full else target

    out = _ROLE.sub(role, text)
    out = _LITERAL.sub(r"\1", out)
    out = _INTERPRETED.sub(r"\1", out)
    out = _STRONG.sub(r"\1", out)
    lines = []
    for line in out.splitlines():
        stripped = line.rstrip()
        if stripped == "::":
            continue
        if stripped.endswith("::"):
            stripped = stripped[:-1]
        lines.append(stripped)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps each paragraph of a description on its own and keeps indented (literal) blocks
    line by line, so an example file in a docstring stays readable."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        blocks = re.split(r"\n\s*\n", text.strip("\n"))
        out = []
        for block in blocks:
            lines = block.splitlines()
            if all(line.startswith((" ", "\t")) for line in lines if line.strip()):
                out.append("\n".join(indent + line for line in lines))
            else:
                para = " ".join(line.strip() for line in lines)
                out.append(
                    textwrap.fill(para, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(out)


def _suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest of ``choices``, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_INVALID_CHOICE = re.compile(r"invalid choice: '?([^'\s]+)'? \(choose from (.*)\)$")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose "invalid choice" errors name the nearest allowed value."""

    def error(self, message: str) -> NoReturn:
        m = _INVALID_CHOICE.search(message)
        if m is not None:
            choices = [c.strip().strip("'\"") for c in m.group(2).split(",")]
            message += _suggest(m.group(1), choices)
        raise _UsageError(self, message)


def _parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    p = _Parser(
        prog="samvalg",
        description=(
            "Flerkriterieanalyse av interkommunalt samarbeid / "
            "multi-criteria analysis of inter-municipal cooperation."
        ),
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
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
            description=rest_to_plain(mod.__doc__ or "").replace("%", "%%"),
            formatter_class=_HelpFormatter,
            epilog=EPILOG,
        )
        mod.add_arguments(cp)
        modules[mod.NAME] = mod
    return p, modules


def _check_unknown_options(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]
) -> None:
    """Refuse arguments no parser took, naming the nearest option of the command."""
    if not extras:
        return
    target = parser
    if args.command is not None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                target = action.choices[args.command]
    options = [s for a in target._actions for s in a.option_strings]
    hint = ""
    for word in extras:
        if word.startswith("-"):
            hint = hint or _suggest(word.split("=", 1)[0], options)
    target.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that clean-up (worker processes, temporary
    folders) runs as for Ctrl-C."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


@contextlib.contextmanager
def _safe_output() -> Iterator[None]:
    """stdout/stderr that never raise UnicodeEncodeError (``errors="replace"`` while running),
    and SIGTERM turned into an exception (restored afterwards: ``main`` may be called from
    Python)."""
    changed: list[Any] = []
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
                changed.append(stream)
            except (ValueError, OSError, AttributeError):  # pragma: no cover - odd streams
                pass
    installed = False
    previous: Callable[..., Any] | int | None = None
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(ValueError, OSError):
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
            installed = True
    try:
        yield
    finally:
        if installed:
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
        for stream in changed:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                stream.reconfigure(errors="strict")


def _say(line: str) -> None:
    with contextlib.suppress(Exception):
        print(line, file=sys.stderr, flush=True)


def _interrupt(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM behind ``exc``, if any (an interrupted import of a compiled
    module surfaces as ``ImportError: initialization failed`` caused by it)."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        if isinstance(e, KeyboardInterrupt):
            return e
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Ctrl-C prints ``samvalg: interrupted`` and gives 130, SIGTERM ``samvalg: terminated`` and
    143, with no traceback, once the command has cleaned up (worker processes ended, temporary
    folders removed). Run as the program (``argv`` None), the process then ends at once, so
    that nothing an interrupt left half-done can hold up the interpreter's exit.
    """
    try:
        with _safe_output():
            return _main(argv)
    except BaseException as exc:
        stop = _interrupt(exc)
        if stop is None:
            raise
        code, line = (
            (143, "samvalg: terminated")
            if isinstance(stop, _Terminated)
            else (130, "samvalg: interrupted")
        )
    _say(line)
    if argv is None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    return code


def _json_failure(
    command: str | None, problems: Sequence[Problem], code: int, lang: str | None
) -> None:
    import json

    from samvalg.commands._common import error_record

    with contextlib.suppress(Exception):
        sys.stdout.flush()
    print(json.dumps(error_record(command, problems, code, lang), ensure_ascii=False, indent=2))


def _main(argv: Sequence[str] | None) -> int:
    parser, modules = _parser()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args, extras = parser.parse_known_args(words)
        _check_unknown_options(parser, args, extras)
    except _UsageError as exc:
        exc.parser.print_usage(sys.stderr)
        print(f"{exc.parser.prog}: error: {exc.message}", file=sys.stderr)
        if "--json" in words:
            command = next((w for w in words if w in modules), None)
            problem = Problem(ARGUMENT, "", exc.message, "see samvalg --help")
            _json_failure(command, [problem], 2, None)
        raise SystemExit(2) from None
    if args.version:
        from samvalg._version import __version__

        print(f"samvalg {__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    as_json = bool(getattr(args, "json", False))
    lang = getattr(args, "lang", None)
    try:
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except ValidationError as exc:
        for line in exc.lines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        if as_json:
            _json_failure(args.command, exc.problems, 2, lang)
        return 2
    except SamvalgError as exc:
        code = 3 if isinstance(exc, InfeasibleError) else 2
        for line in str(exc).splitlines():
            print(f"samvalg: error: {line}", file=sys.stderr)
        if as_json:
            _json_failure(args.command, [Problem("", "", str(exc))], code, lang)
        return code
    except BrokenPipeError:  # pragma: no cover - e.g. `samvalg evaluate | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
