"""A single score matrix as CSV: the options of one service area x the criteria of one set.

Format (UTF-8, comma or semicolon separated; a header row, then one row per option)::

    option,okonomi_effektivisering,...,fagmiljo,fagmiljo.low,fagmiljo.high,fagmiljo.rationale
    egen_drift,2,...,2,1,3,"Tre små miljø ..."
    vertskommune:melhus,4,...,4,,,

The column ``option`` holds option ids; one column per criterion id of the set holds the score
(a number, a pluss-minus label such as ``++``, or ``na``); optional columns ``<id>.low``,
``<id>.high`` and ``<id>.rationale`` hold the uncertainty interval and the rationale. Numbers may
use a decimal comma (``2,5``).

Text that a spreadsheet program would run as a formula -- an option id or a rationale starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return -- is written with a single quote in
front (``'=HYPERLINK(...)``, the OWASP rule against CSV injection), and so is text that itself
starts with a quote. :func:`read_csv` removes exactly that one quote again, so a matrix written
by :func:`write_csv` reads back unchanged. Scores, bounds, ``na`` and the pluss-minus labels are
never quoted: they are numbers or fixed labels, not free text. A file is read only if it is a
regular file of at most :data:`MAX_CSV_BYTES` bytes.

A CSV holds no scales, weights or other sets, so it is read *into*
an existing assessment: :func:`read_csv` replaces that matrix and validates the result with the
assessment loader, reporting problems at ``row 3, column "fagmiljo"``.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, NoReturn

from samvalg.assessment import Assessment, format_number, from_mapping
from samvalg.errors import Problem, SamvalgError, ValidationError
from samvalg.io._files import MB, read_capped
from samvalg.io._hints import did_you_mean
from samvalg.io._locate import LocationMap, relocate

__all__ = ["MAX_CSV_BYTES", "read_csv", "refuse_assessment", "write_csv"]

OPTION_COLUMN = "option"
EXTRAS = ("low", "high", "rationale")
MAX_CSV_BYTES = 10 * MB
"""The largest CSV file read (a score matrix of a few options x criteria is a few kB)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by spreadsheet programs (OWASP)."""
QUOTE = "'"


def quote_text(text: str) -> str:
    """Free text as written to a CSV cell: a quote in front of formula-like text.

    Text starting with ``= + - @``, a tab or a carriage return, or with the quote itself, gets
    one ``'`` in front; :func:`unquote_text` removes it, so the round trip is lossless.

    Examples
    --------
    >>> quote_text("=1+2"), quote_text("'x"), quote_text("ok")
    ("'=1+2", "''x", 'ok')
    """
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def unquote_text(text: str) -> str:
    """Undo :func:`quote_text`: one leading ``'`` before formula-like text (or a quote) goes.

    A quote before anything else is the user's own and stays (``'hei`` reads as ``'hei``).

    Examples
    --------
    >>> unquote_text("'=1+2"), unquote_text("''x"), unquote_text("'hei")
    ('=1+2', "'x", "'hei")
    """
    if text.startswith(QUOTE) and text[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return text[1:]
    return text


def _check(assessment: Assessment, service: str, set_id: str) -> None:
    """Refuse an unknown service area or criteria set (as :meth:`Assessment.matrix` does)."""
    assessment.matrix(service, set_id)


def write_csv(
    assessment: Assessment,
    service: str,
    set_id: str,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Write one score matrix (options x criteria of one set) as CSV.

    Columns: ``option``, one per criterion id (the score, as in the assessment file: a number,
    a pluss-minus label, or ``na``), then ``<id>.low``/``<id>.high`` for criteria where an
    option has an uncertainty interval and ``<id>.rationale`` where an option has a rationale.
    UTF-8 with a byte-order mark, so spreadsheet programs show æøå.

    Parameters
    ----------
    assessment : Assessment
    service : str
        Service area id in the assessment.
    set_id : str
        Criteria set id.
    path : path
        Target ``.csv`` file.
    overwrite : bool
        Replace an existing file only when ``True``.

    Returns
    -------
    Path

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "lonn_gains.csv"
    >>> a = samvalg.example_assessment()
    >>> _ = write_csv(a, "lonn", "gains", out)
    >>> out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:3]
    ['option', 'kostnadseffektivitet', 'redusert_sarbarhet']
    """
    _check(assessment, service, set_id)
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise SamvalgError(f"write the score matrix to a .csv file, not {target.name!r}")
    if target.exists() and not overwrite:
        raise SamvalgError(f"{target} exists; pass overwrite=True to replace it")
    sa = assessment.services[service]
    scale = assessment.scales[set_id]
    criteria = assessment.criteria(set_id)
    cells = {str(o): {c: sa.scores[str(o)][c] for c in criteria} for o in sa.options}
    interval = [
        c
        for c in criteria
        if any(cells[o][c].low is not None or cells[o][c].high is not None for o in cells)
    ]
    reasoned = [c for c in criteria if any(cells[o][c].rationale for o in cells)]
    header = [OPTION_COLUMN, *criteria]
    header += [f"{c}.{k}" for c in interval for k in ("low", "high")]
    header += [f"{c}.rationale" for c in reasoned]

    def show(x: float | None) -> str:
        if x is None:
            return ""
        return scale.label(x) if scale.kind == "plus_minus" else format_number(x)

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for opt, row in cells.items():
        line = [
            quote_text(opt),
            *("na" if row[c].value is None else show(row[c].value) for c in criteria),
        ]
        for c in interval:
            line += [show(row[c].low), show(row[c].high)]
        line += [quote_text(row[c].rationale) for c in reasoned]
        w.writerow(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buf.getvalue().encode("utf-8-sig"))  # no newline translation
    return target


def _number(text: str) -> Any:
    """CSV text as the value a TOML file would hold: numbers (decimal comma allowed) or text."""
    t = text.strip()
    if not t:
        return None
    try:
        x = float(t.replace(",", ".")) if t.count(",") <= 1 else None
    except ValueError:
        x = None
    if x is None or t.lower() in ("nan", "inf", "-inf", "infinity", "-infinity"):
        return t
    return int(x) if x.is_integer() else x


def _where(row: int, column: str) -> str:
    return f'row {row}, column "{column}"'


def read_csv(
    path: str | os.PathLike[str],
    assessment: Assessment,
    service: str,
    set_id: str,
) -> Assessment:
    """Read a score matrix from CSV into an assessment: a new, validated Assessment.

    The CSV's cells replace the scores of `service` on the criteria of `set_id`; everything
    else (other sets, scales, weights) comes from `assessment`. The CSV must hold a row for
    every option of the service area (in any order) and a column for every criterion of the
    set. Values are validated by the assessment loader; problems are located as
    ``file.csv: row 3, column "fagmiljo"`` (row 1 is the header). The file is only read.

    Parameters
    ----------
    path : path
        The CSV file (format in the module docstring).
    assessment : Assessment
        The assessment the matrix belongs to.
    service : str
        Service area id.
    set_id : str
        Criteria set id.

    Returns
    -------
    Assessment

    Raises
    ------
    samvalg.errors.ValidationError
        Every problem: unknown or missing columns and options, duplicate rows, and every
        value the loader rejects (text in a number cell, a value outside the scale ...).

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
    >>> a = samvalg.example_assessment()
    >>> _ = write_csv(a, "lonn", "strategy", out)
    >>> b = read_csv(out, a, "lonn", "strategy")
    >>> b.to_dict() == a.to_dict()
    True
    """
    _check(assessment, service, set_id)
    p = Path(path)
    name = p.name or str(p)
    raw = read_capped(p, MAX_CSV_BYTES, name=name, allowed="a .csv file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            [
                Problem(
                    name,
                    f"row {line}",
                    "the file is not UTF-8 text (save it as CSV UTF-8)",
                    "UTF-8",
                )
            ]
        ) from None
    if not text.strip():
        raise ValidationError(
            [Problem(name, "", "the file is empty", "a header row: option,<criterion ids>")]
        )
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a quote opened and never closed
        raise ValidationError(
            [
                Problem(
                    name,
                    f"row {reader.line_num}",
                    f"not readable as CSV: {exc}",
                    "one row per line, quotes closed",
                )
            ]
        ) from None
    problems: list[Problem] = []
    places = LocationMap()
    criteria = assessment.criteria(set_id)
    options = [str(o) for o in assessment.services[service].options]
    header = [h.strip() for h in rows[0]]
    columns: dict[str, int] = {}
    for j, h in enumerate(header):
        base, _, extra = h.partition(".")
        if h in columns:
            problems.append(
                Problem(name, _where(1, h), f"duplicate column {h!r}", "each column once")
            )
        elif h == OPTION_COLUMN or (base in criteria and extra in ("", *EXTRAS)):
            columns[h] = j
        elif not h:
            problems.append(
                Problem(
                    name,
                    f"row 1, column {j + 1}",
                    "a column without a header",
                    "option, criterion ids, <id>.low/high/rationale",
                )
            )
        else:
            allowed = [OPTION_COLUMN, *criteria]
            hint = did_you_mean(base, allowed)
            problems.append(
                Problem(
                    name,
                    _where(1, h),
                    f"unknown column {h!r}: not a criterion of the set {set_id!r}{hint}",
                    ", ".join(allowed) + ", <id>.low, <id>.high, <id>.rationale",
                )
            )
    if OPTION_COLUMN not in columns:
        problems.append(
            Problem(
                name,
                "row 1",
                'no column "option" with the option ids',
                "option, " + ", ".join(criteria),
            )
        )
        raise ValidationError(problems)
    missing = [c for c in criteria if c not in columns]
    if missing:
        problems.append(
            Problem(
                name,
                "row 1",
                f"{len(missing)} missing criterion "
                f"column{'s' if len(missing) != 1 else ''}: " + ", ".join(missing),
                f"a column for every criterion of the set {set_id!r}",
            )
        )
    matrix: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    name,
                    f"row {i}",
                    f"{len(row)} cells but the header has {len(header)} columns",
                    "one cell per column",
                )
            )
        get = {h: (row[j] if j < len(row) else "") for h, j in columns.items()}
        opt = unquote_text(get[OPTION_COLUMN].strip())
        if not opt:
            problems.append(
                Problem(name, _where(i, OPTION_COLUMN), "missing option id", ", ".join(options))
            )
            continue
        if opt in seen:
            problems.append(
                Problem(
                    name,
                    _where(i, OPTION_COLUMN),
                    f"a second row for {opt!r} (the first is row {seen[opt]})",
                    "one row per option",
                )
            )
            continue
        seen[opt] = i
        if opt not in options:
            problems.append(
                Problem(
                    name,
                    _where(i, OPTION_COLUMN),
                    f"{opt!r} is not an "
                    f"option of {service!r} in the assessment" + did_you_mean(opt, options),
                    ", ".join(options),
                )
            )
            continue
        cells: dict[str, Any] = {}
        for c in criteria:
            if c not in columns:
                continue
            key = ["services", service, "scores", opt, c]
            places.add(key, _where(i, c))
            places.add([*key, "value"], _where(i, c))
            value = _number(get[c])
            bounds: dict[str, Any] = {}
            for k in EXTRAS:
                col = f"{c}.{k}"
                if col in columns:
                    places.add([*key, k], _where(i, col))
                    v = unquote_text(get[col]) if k == "rationale" else _number(get[col])
                    if v not in (None, ""):
                        bounds[k] = v
            if value is None:
                problems.append(
                    Problem(
                        name,
                        _where(i, c),
                        f"no score for {opt!r} on {c!r}",
                        'a score on the scale, or "na"',
                    )
                )
                continue
            cells[c] = {"value": value, **bounds} if bounds else value
        matrix[opt] = cells
        places.add(["services", service, "scores", opt], f"row {i}")
    absent = [o for o in options if o not in seen]
    if absent:
        problems.append(
            Problem(
                name,
                "",
                f"no row for option{'s' if len(absent) > 1 else ''} "
                + ", ".join(absent)
                + f" of {service!r}",
                "a row for every option of the service area",
            )
        )
    if problems:
        raise ValidationError(problems)
    data = assessment.to_dict()
    scores = data["services"][service]["scores"]
    for opt, cells in matrix.items():
        scores[opt].update(cells)
    try:
        return from_mapping(data, source=name, catalogue=assessment.catalogue)
    except ValidationError as exc:
        raise ValidationError(relocate(exc.problems, places, name)) from None


def refuse_assessment(path: Path) -> NoReturn:
    """``load_assessment("x.csv")``: a CSV is one score matrix, not a whole assessment."""
    raise ValidationError(
        [
            Problem(
                path.name or str(path),
                "",
                "a CSV file holds one score matrix (one service area, one criteria set), not a "
                "whole assessment: read it into an assessment with "
                "samvalg.io.read_csv(path, assessment, service, set_id), or use a .toml or .xlsx "
                "assessment",
                ".toml, .xlsx",
            )
        ]
    )
