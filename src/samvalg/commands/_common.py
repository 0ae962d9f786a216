"""Helpers shared by the CLI sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue
    from samvalg.errors import Problem

__all__ = [
    "JSON_FORMAT_VERSION",
    "add_catalogue_argument",
    "check_sampling_options",
    "emit_json",
    "error_record",
    "json_envelope",
    "load_assessment_or_example",
    "load_catalogue_option",
]

#: The version of the layout of every ``--json`` output (the envelope's ``format_version``):
#: raised when a key is removed or changes meaning, not when one is added.
JSON_FORMAT_VERSION = 1


def json_envelope(command: str, lang: str | None = None) -> dict[str, Any]:
    """The keys every ``--json`` output starts with: ``samvalg_version``, ``format_version``,
    ``command`` and (for commands with ``--lang``) ``lang``, the language of its prose."""
    from samvalg._version import __version__

    out: dict[str, Any] = {
        "samvalg_version": __version__,
        "format_version": JSON_FORMAT_VERSION,
        "command": command,
    }
    if lang is not None:
        out["lang"] = lang
    return out


def emit_json(record: Mapping[str, Any], *, command: str, lang: str | None = None) -> None:
    """Print ``record`` as JSON on stdout, after the envelope (:func:`json_envelope`).

    The record's own ``samvalg_version`` (some results carry it) gives way to the envelope's,
    which is the same value, so the keys come first and once.
    """
    import json

    out = json_envelope(command, lang)
    out.update((k, v) for k, v in record.items() if k not in out)
    print(json.dumps(out, ensure_ascii=False, indent=2))


def error_record(
    command: str | None, problems: Sequence[Problem], exit_code: int, lang: str | None = None
) -> dict[str, Any]:
    """The ``--json`` output of a failed command: the envelope, ``ok: false``, the exit code and
    every problem as ``{source, location, path, message, allowed}`` (``path`` the location as
    keys and indices when known, else ``[]``)."""
    out = json_envelope(command or "", lang)
    out["ok"] = False
    out["exit_code"] = exit_code
    out["problems"] = [
        {
            "source": p.source,
            "location": p.location,
            "path": list(p.path),
            "message": p.message,
            "allowed": p.allowed,
        }
        for p in problems
    ]
    return out


def add_catalogue_argument(p: argparse.ArgumentParser) -> None:
    """The ``--catalogue DIR`` option every command takes (a case's own catalogue files)."""
    p.add_argument(
        "--catalogue",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder with the case's own catalogue files (criteria_sets.toml, forms.toml, "
        "services.toml, municipalities.toml, feasibility.toml); each replaces the shipped "
        "file of the same name (default: the shipped catalogue)",
    )


def load_catalogue_option(folder: Path | None) -> Catalogue:
    """The catalogue ``--catalogue`` names, or the shipped one when it is not given.

    A folder that is missing, not a folder or holds no catalogue file is refused as a problem
    of the argument (``samvalg: error: <argument>: --catalogue: ...``, exit code 2); the
    problems inside its files are located by the file's path and key. What the loader adjusted
    rather than refused (``Catalogue.notes``) is printed to stderr as ``samvalg: note: ...``.
    """
    from samvalg.catalogue import FILES, catalogue
    from samvalg.errors import Problem, SamvalgError, ValidationError

    if folder is None:
        return catalogue()
    allowed = f"a folder with any of {', '.join(FILES)}"
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "no such folder"
        raise ValidationError([Problem("<argument>", "--catalogue", f"{folder}: {what}", allowed)])
    try:
        cat = catalogue(folder)
    except ValidationError as exc:
        raise ValidationError(
            [
                Problem(str(folder / p.source), p.location, p.message, p.allowed)
                if p.source.endswith(".toml")
                else p
                for p in exc.problems
            ]
        ) from None
    except SamvalgError as exc:
        raise ValidationError(
            [Problem("<argument>", "--catalogue", f"{folder}: {exc}", allowed)]
        ) from None
    for note in cat.notes:
        print(f"samvalg: note: {note}", file=sys.stderr)
    return cat


def load_assessment_or_example(file: Path | None, catalogue: Catalogue | None = None) -> Any:
    """The assessment in ``file``, or the shipped illustrative example when ``file`` is None.

    With ``catalogue`` (``--catalogue``) the ids are checked against it and the assessment
    keeps it (:attr:`~samvalg.assessment.Assessment.catalogue`), so every analysis uses it.
    """
    from samvalg._resources import example_assessment_path
    from samvalg.catalogue import catalogue as shipped
    from samvalg.io import example_assessment, load_assessment

    if file is None:
        if catalogue is None or catalogue is shipped():
            return example_assessment()
        return load_assessment(example_assessment_path(), catalogue=catalogue)
    return load_assessment(file, catalogue=catalogue)


def check_sampling_options(n: int, seed: int) -> None:
    """Refuse ``--n`` outside 1 .. 10**7 and a negative ``--seed`` with a located error.

    Checked before any file is read, so a bad option fails at once with one line per problem
    (``samvalg: error: <argument>: --seed: ...``, exit code 2), never with a traceback.
    """
    from samvalg.errors import Problem, ValidationError
    from samvalg.smaa._validation import MAX_N

    problems = []
    if not 1 <= n <= MAX_N:
        problems.append(
            Problem(
                "<argument>",
                "--n",
                f"is {n:,}",
                f"a whole number of iterations from 1 to {MAX_N:,}",
            )
        )
    if seed < 0:
        problems.append(
            Problem("<argument>", "--seed", f"is {seed}, a negative number", "a whole number >= 0")
        )
    if problems:
        raise ValidationError(problems)
