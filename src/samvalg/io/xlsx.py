"""The workshop workbook: write a scoring template (.xlsx), read a filled one back.

Layout
------
``Veiledning`` (``Guide`` with ``lang="en"``)
    How to fill in the workbook, in bokmål with English below (or the reverse), and the scales.
``meta``
    One row per key (column A: the key, B: explanation, C: the value; authors one per cell
    from C): ``schema_version``, ``title``, ``illustrative``, ``description``, ``date``,
    ``authors`` and the scale of each criteria set (``scales.gains.kind`` ...).
``vekter_sets``, ``vekter_strategy``, ``vekter_gains``, ``vekter_model``
    The weights of the criteria sets and inside each set: the method (points by default) and
    its parameters in rows, then one row per criterion (id, name, value: points, rank
    position, swing rating or direct weight) and, right of it, the AHP pairwise matrix.
one sheet per service area, named by its id (``lonn``)
    Long format: one row per criterion x option, grouped by criterion, with the columns
    criteria set, criterion (exact catalogue wording), option, **score**, **low**, **high**,
    **rationale**, scale, and the criterion and option ids.

Why the long format: a workshop scores *one criterion at a time across all options*, which is
how interval scores stay comparable (Belton & Stewart 2002, *Multiple Criteria Decision
Analysis*, ch. 5); in long format each row carries the criterion's full wording, the scale and a
wide rationale column, the three criteria sets may use different scales (each row is validated
on its own set's scale), and the sheet can be filtered or sorted freely because rows are read by
their ids, not their position. A wide layout (options x 28 criteria x 4 columns = 112 columns)
needs horizontal scrolling past truncated headers.

A row of column ids under the visible header (small grey text) names each column, so the
reader finds the columns by id, not by position.

Reading builds the raw mapping of an assessment TOML file; the one loader
(:mod:`samvalg.assessment`) validates it and its problems are mapped back to sheet and cell.

Safety
------
Text is never written as a formula: every text cell is a string cell (``t="inlineStr"``), so
a rationale or title starting with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(...)``) is shown
as typed and never run; the only formulas in a template are samvalg's own (the weight shares
and their sum). Characters XML cannot hold or would change (a carriage return, other control
characters) are written with the Office Open XML escape ``_x000D_`` and read back, so the
workbook reads back to the same assessment; a literal ``_x000D_`` in a text is itself escaped
(``_x005F_x000D_``).

Before loading, the file must be a regular file of at most :data:`MAX_FILE_BYTES` and its zip
archive passes :func:`samvalg.io._workbook_guard.check_workbook`: at most 50 MB unpacked, no
zip bomb, no DTD (no entity is ever expanded), and no sheet beyond 10 000 rows or 200
columns. Any failure of openpyxl's load (a truncated sheet, a malformed styles part ...) is a
problem naming the file. A hidden or veryHidden sheet that would be read is reported, not
read silently.
"""

from __future__ import annotations

import datetime
import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from samvalg.assessment._model import SET_WEIGHTS_KEY, did_you_mean
from samvalg.assessment._scales import PLUS_MINUS_LABELS, Scale, format_number
from samvalg.errors import Problem, SamvalgError, ValidationError
from samvalg.io._files import open_regular
from samvalg.io._locate import LocationMap, relocate
from samvalg.io._workbook_guard import MAX_UNPACKED_BYTES, check_workbook

__all__ = ["MAX_FILE_BYTES", "read_workbook", "write_template"]

MAX_FILE_BYTES = MAX_UNPACKED_BYTES
"""The largest workbook file read (50 MB; the full example is 0.25 MB)."""

GUIDE_SHEETS = ("Veiledning", "Guide")
META_SHEET = "meta"
WEIGHTS_PREFIX = "vekter_"
IGNORED_PREFIX = "_"
STAKEHOLDER_SHEET = "interessenter"
OVERRIDE_SHEET = "interessent_skarer"
STAKEHOLDER_COLUMNS = ("id", "name", "role", "municipality", "voting_weight", "description")
OVERRIDE_COLUMNS = (
    "stakeholder",
    "service",
    "option",
    "criterion",
    "criterion_name",
    "value",
    "low",
    "high",
    "rationale",
)
SHEET_NAME_MAX = 31
LANGS = ("nb", "en")
NA = "na"

SCORE_COLUMNS = (
    "set",
    "criterion_name",
    "option_label",
    "value",
    "low",
    "high",
    "rationale",
    "scale",
    "criterion",
    "option",
)
"""Column ids of a service sheet, in order (the reader finds them by id)."""
READ_COLUMNS = ("value", "low", "high", "rationale", "criterion", "option")
WEIGHT_PARAMS = {
    "points": ("total",),
    "rank": ("formula",),
    "ahp": ("variant",),
    "objective": ("measure",),
    "swing": (),
    "direct": (),
    "equal": (),
}
"""Which parameter rows of a weights sheet apply to each method."""
VALUE_FIELD = {"points": "points", "swing": "swing", "direct": "values"}
HEADER_SCAN_ROWS = 30

_TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "set": "Kriteriesett",
        "criterion_name": "Kriterium",
        "option_label": "Alternativ",
        "value": "Skår",
        "low": "Lav",
        "high": "Høy",
        "rationale": "Begrunnelse",
        "scale": "Skala",
        "criterion": "kriterium-id",
        "option": "alternativ-id",
        "scoring": "skåring",
        "sheet_hint": "Skår hvert alternativ på ett kriterium om gangen. "
        'Skår, lav og høy må ligge på skalaen; "na" = gjelder ikke. Ikke endre id-kolonnene.',
        "meta_title": "Om vurderingen",
        "key": "nøkkel",
        "explain": "forklaring",
        "val": "verdi",
        "weights_title": "Vekter",
        "set_weights_title": "Vekter mellom kriteriesettene",
        "weights_hint": "Velg metode i C4. points: poeng per kriterium (gjerne sum 100); "
        "rank: rangering 1 = viktigst, like tall = like viktige; swing: viktigste sving = 100; "
        "direct: vekter direkte; equal: like vekter; ahp: parvise sammenligninger i matrisen "
        "til høyre (rad mot kolonne, Saatys skala 1–9; fyll øvre trekant, nedre blir invers).",
        "name": "Navn",
        "wvalue": "Poeng / rang / sving / vekt",
        "share": "Andel",
        "ahp": "AHP: rad sammenlignet med kolonne (1–9, 1/3 ...)",
        "m.schema_version": "Filformatets versjon (ikke endre)",
        "m.title": "Tittel (påkrevd)",
        "m.illustrative": "Illustrativt eksempel? (TRUE/FALSE)",
        "m.description": "Beskrivelse",
        "m.date": "Dato (ÅÅÅÅ-MM-DD)",
        "m.authors": "Forfattere, én per celle fra kolonne C",
        "m.kind": "Skala for {set}: numeric eller plus_minus",
        "m.min": "Skala for {set}: laveste verdi",
        "m.max": "Skala for {set}: høyeste verdi",
        "w.method": "Metode: points, rank, swing, ahp, equal, direct, objective",
        "w.total": "points: summen poengene skal ha (tom = ingen krav)",
        "w.formula": "rank: roc, rank_sum eller rank_reciprocal",
        "w.variant": "ahp: eigen eller geometric",
        "w.measure": "objective: entropy, critic, std",
        "default_title": "Skåring av samarbeidsalternativer",
        "dv_error": "Verdien er ikke på skalaen",
        "dv_prompt": "Tillatt",
        "stakeholders_title": "Interessenter (partene i gruppeanalysen)",
        "stakeholders_hint": "Én rad per interessent. role: municipality, "
        "employee_representatives, working_group, politicians, other. Egne vekter i arkene "
        "<id>.strategy, <id>.gains, <id>.model, <id>.sets (utelatt = felles vekter).",
        "overrides_title": "Interessentenes egne skårer (avvik fra felles skår)",
        "overrides_hint": "Én rad per celle der en interessent skårer annerledes enn felles "
        "vurdering; skalaen er kriteriesettets.",
        "id": "id",
        "role": "rolle",
        "municipality": "kommune",
        "voting_weight": "stemmevekt",
        "description": "beskrivelse",
        "stakeholder": "interessent-id",
        "service": "tjeneste-id",
        "stakeholder_weights": "Vekter for interessent",
    },
    "en": {
        "set": "Criteria set",
        "criterion_name": "Criterion",
        "option_label": "Option",
        "value": "Score",
        "low": "Low",
        "high": "High",
        "rationale": "Rationale",
        "scale": "Scale",
        "criterion": "criterion id",
        "option": "option id",
        "scoring": "scoring",
        "sheet_hint": "Score every option on one criterion at a time. "
        'Score, low and high must be on the scale; "na" = not applicable. Do not change the '
        "id columns.",
        "meta_title": "About the assessment",
        "key": "key",
        "explain": "explanation",
        "val": "value",
        "weights_title": "Weights",
        "set_weights_title": "Weights between the criteria sets",
        "weights_hint": "Choose the method in C4. points: points per criterion (e.g. summing to "
        "100); rank: 1 = most important, equal numbers = ties; swing: the most important swing "
        "= 100; direct: weights as given; equal: equal weights; ahp: pairwise comparisons in "
        "the matrix on the right (row against column, Saaty's 1-9 scale; fill the upper "
        "triangle, the lower one is its reciprocal).",
        "name": "Name",
        "wvalue": "Points / rank / swing / weight",
        "share": "Share",
        "ahp": "AHP: row compared with column (1-9, 1/3 ...)",
        "m.schema_version": "File format version (do not change)",
        "m.title": "Title (required)",
        "m.illustrative": "Illustrative example? (TRUE/FALSE)",
        "m.description": "Description",
        "m.date": "Date (YYYY-MM-DD)",
        "m.authors": "Authors, one per cell from column C",
        "m.kind": "Scale of {set}: numeric or plus_minus",
        "m.min": "Scale of {set}: lowest value",
        "m.max": "Scale of {set}: highest value",
        "w.method": "Method: points, rank, swing, ahp, equal, direct, objective",
        "w.total": "points: the total the points must sum to (empty = no requirement)",
        "w.formula": "rank: roc, rank_sum or rank_reciprocal",
        "w.variant": "ahp: eigen or geometric",
        "w.measure": "objective: entropy, critic, std",
        "default_title": "Scoring of cooperation options",
        "dv_error": "The value is not on the scale",
        "dv_prompt": "Allowed",
        "stakeholders_title": "Stakeholders (the parties of the group analysis)",
        "stakeholders_hint": "One row per stakeholder. role: municipality, "
        "employee_representatives, working_group, politicians, other. Their own weights in "
        "the sheets <id>.strategy, <id>.gains, <id>.model, <id>.sets (left out = common).",
        "overrides_title": "Stakeholders' own scores (overrides of common scores)",
        "overrides_hint": "One row per cell a stakeholder scores differently from the common "
        "assessment; on the criteria set's scale.",
        "id": "id",
        "role": "role",
        "municipality": "municipality",
        "voting_weight": "voting weight",
        "description": "description",
        "stakeholder": "stakeholder id",
        "service": "service id",
        "stakeholder_weights": "Weights of stakeholder",
    },
}

_GUIDE_NB = [
    ("h", "Slik fyller du ut arbeidsboka"),
    (
        "p",
        "Arbeidsboka er laget av samvalg for et skåringsverksted. Hvert tjenesteområde har sitt "
        "eget ark (arkets navn er tjenesteområdets id). Hver rad er ett alternativ på ett "
        "kriterium. Skår alle alternativene på ett kriterium om gangen: da blir skårene "
        "sammenlignbare.",
    ),
    (
        "p",
        'Skår: en verdi på kriteriesettets skala (se under). "na" betyr at kriteriet ikke '
        "gjelder alternativet; modellkriteriene gjelder ikke egen drift og fagnettverk.",
    ),
    (
        "p",
        "Lav og høy (valgfritt): usikkerhetsintervallet rundt skåren, lav <= skår <= høy. "
        "Begrunnelse: hvorfor skåren ble gitt; den følger med inn i rapporten.",
    ),
    (
        "p",
        "Vekter: arkene vekter_sets (mellom kriteriesettene) og vekter_<sett> (innenfor hvert "
        "sett). Standard er poeng; metoden står i celle C4 og kan endres.",
    ),
    (
        "p",
        "meta: tittel, dato, forfattere og skalaene. Endrer du en skala her, gjelder den nye "
        "skalaen ved innlesing (nedtrekkslistene i arkene følger skalaen da arket ble laget).",
    ),
    (
        "p",
        "Ikke endre arknavnene eller id-kolonnene (kriterium-id, alternativ-id) og ikke slå "
        "sammen celler i tabellene. Rader kan sorteres og filtreres. Egne ark med navn som "
        "begynner med _ blir ikke lest.",
    ),
    (
        "p",
        "Les inn med:  samvalg validate fil.xlsx   eller   samvalg evaluate fil.xlsx. "
        "Feil blir meldt med ark og celle, for eksempel lonn!D7.",
    ),
]
_GUIDE_EN = [
    ("h", "How to fill in the workbook"),
    (
        "p",
        "samvalg wrote this workbook for a scoring workshop. Each service area has its own "
        "sheet (named by the service area's id). Each row is one option on one criterion. "
        "Score all options on one criterion at a time, so the scores stay comparable.",
    ),
    (
        "p",
        'Score: a value on the criteria set\'s scale (below). "na" means the criterion does '
        "not apply to the option; the model criteria do not apply to egen drift (in-house) "
        "and fagnettverk (professional network).",
    ),
    (
        "p",
        "Low and high (optional): the uncertainty interval around the score, low <= score <= "
        "high. Rationale: why the score was given; it is carried into the briefing.",
    ),
    (
        "p",
        "Weights: the sheets vekter_sets (between the criteria sets) and vekter_<set> "
        "(inside each set). Points by default; the method is in cell C4 and can be changed.",
    ),
    (
        "p",
        "meta: title, date, authors and the scales. A scale changed here applies when the "
        "workbook is read (the drop-down lists follow the scale the sheet was written with).",
    ),
    (
        "p",
        "Do not rename sheets or change the id columns (criterion id, option id), and do not "
        "merge cells in the tables. Rows may be sorted and filtered. Your own sheets whose "
        "names start with _ are not read.",
    ),
    (
        "p",
        "Read it with:  samvalg validate file.xlsx   or   samvalg evaluate file.xlsx. "
        "Problems are reported with sheet and cell, e.g. lonn!D7.",
    ),
]


# --------------------------------------------------------------------------------------------
# openpyxl, lazily
# --------------------------------------------------------------------------------------------


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is installed in the dev extra
        raise SamvalgError(
            "reading and writing .xlsx workbooks needs openpyxl, an optional dependency: "
            "install it with  pip install 'samvalg[xlsx]'"
        ) from None
    return openpyxl


def _cell_ref(sheet: str, coord: str) -> str:
    """``lonn!D7``; sheet names that are not plain ids are quoted as Excel does."""
    plain = sheet.replace("_", "").isalnum() and sheet.isascii()
    return f"{sheet}!{coord}" if plain else f"'{sheet}'!{coord}"


# --------------------------------------------------------------------------------------------
# Text cells: never a formula, and every character kept
# --------------------------------------------------------------------------------------------

_LITERAL_ESCAPE = re.compile(r"_x(?=[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # tab and newline are kept as they are
_UNESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|005[Ff])_")


def _escape_text(text: str) -> str:
    """Text as stored in a cell: control characters (a carriage return ...) as ``_x000D_``.

    XML cannot hold most control characters and turns a carriage return into a newline; Office
    Open XML writes them as ``_xHHHH_`` (Excel shows ``_x000D_`` as a carriage return). A
    literal ``_xHHHH_`` in the text is escaped as ``_x005F_xHHHH_`` so it reads back as typed.
    """
    text = _LITERAL_ESCAPE.sub("_x005F_x", text)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _unescape_text(text: str) -> str:
    """Undo :func:`_escape_text` (control characters and ``_x005F_`` only)."""
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write `value` to a cell; text is always a string cell, never a formula or error code.

    openpyxl makes any text starting with ``=`` a formula and ``#N/A``-like text an error
    cell; a user's text (``=HYPERLINK(...)`` as a title) must stay text.
    """
    if isinstance(value, str):
        value = _escape_text(value)
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _formula(ws: Any, row: int, column: int, formula: str) -> Any:
    """Write one of samvalg's own formulas (the only formulas a template holds)."""
    cell = ws.cell(row, column, formula)
    ws.parent.__dict__.setdefault("_samvalg_formulas", set()).add(id(cell))
    return cell


def _only_own_formulas(wb: Any) -> None:
    """Make every formula or error cell that samvalg did not write a text cell (a last guard:
    text from a catalogue, or any cell written without :func:`_put`)."""
    own = wb.__dict__.get("_samvalg_formulas", set())
    for ws in wb.worksheets:
        for cell in getattr(ws, "_cells", {}).values():
            if (cell.data_type == "f" and id(cell) not in own) or cell.data_type == "e":
                cell.data_type = "s"


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_template(
    path: str | os.PathLike[str],
    *,
    services: Sequence[str] | None = None,
    assessment: Any = None,
    catalogue: Any = None,
    lang: str = "nb",
    overwrite: bool = False,
) -> Path:
    """Write a scoring workbook for a workshop.

    One sheet per service area in long format (a row per criterion x option: score, low, high,
    rationale; the scale enforced by data validation), a guide, a meta sheet and a weights
    sheet per criteria set and for the sets. Pre-filled from `assessment` when given, so
    ``load_assessment(write_template(p, assessment=a))`` rebuilds ``a``.

    Parameters
    ----------
    path : path
        Target ``.xlsx`` file.
    services : sequence of str, optional
        Service area ids (default: those of `assessment`, or every service area of the
        catalogue).
    assessment : Assessment, optional
        Scores, scales, weights and meta to pre-fill. Without it the options of each service
        area are those of the shipped example, the scales those of the example (strategy and
        model 1..5, gains DFØ pluss-minus), the weights method points (total 100) with empty
        points, and the scores empty except the ones fixed by definition ("na" for the model
        criteria of informal forms, "0" for egen drift on a pluss-minus scale).
    catalogue : Catalogue, optional
        Default: the assessment's, or the shipped one.
    lang : {"nb", "en"}
        Language of headings, criterion and option names (``nb``: the exact catalogue wording).
    overwrite : bool
        Replace an existing file only when ``True``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    samvalg.errors.SamvalgError
        Unknown service area or language, an existing file, a suffix other than ``.xlsx``, or
        openpyxl missing.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "skaring.xlsx"
    >>> write_template(out, services=["lonn", "arkiv"]).name
    'skaring.xlsx'
    """
    openpyxl = _openpyxl()
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise SamvalgError(f"write the workbook to a .xlsx file, not {target.name!r}")
    if lang not in LANGS:
        raise SamvalgError(
            f"unknown language {lang!r}" + did_you_mean(lang, LANGS) + " (allowed: nb, en)"
        )
    if target.exists() and not overwrite:
        raise SamvalgError(f"{target} exists; pass overwrite=True (CLI: --force) to replace it")
    from samvalg.assessment import example_assessment

    if catalogue is None:
        catalogue = assessment.catalogue if assessment is not None else None
    if catalogue is None:
        from samvalg.catalogue import catalogue as load_catalogue

        catalogue = load_catalogue()
    example = example_assessment()
    if services is None:
        services = list(assessment.services) if assessment is not None else list(catalogue.services)
    services = list(services)
    unknown = [s for s in services if s not in catalogue.services]
    if unknown:
        raise SamvalgError(
            "unknown service area "
            + ", ".join(f"{s!r}{did_you_mean(s, catalogue.services)}" for s in unknown)
            + f" (allowed: {', '.join(catalogue.services)})"
        )
    if not services:
        raise SamvalgError(
            "no service areas to write (allowed: " + ", ".join(catalogue.services) + ")"
        )
    set_ids = tuple(catalogue.criteria_sets)
    scales = (
        dict(assessment.scales)
        if assessment is not None
        else {s: example.scales.get(s, Scale()) for s in set_ids}
    )
    text = _TEXT[lang]

    wb = openpyxl.Workbook()
    _guide_sheet(wb.active, lang, catalogue, scales)
    _meta_sheet(wb.create_sheet(META_SHEET), assessment, scales, text)
    for key in (SET_WEIGHTS_KEY, *set_ids):
        rec = assessment.weights.get(key) if assessment is not None else None
        _weights_sheet(wb.create_sheet(WEIGHTS_PREFIX + key), key, rec, catalogue, lang)
    stakeholders = dict(getattr(assessment, "stakeholders", {}) or {})
    _stakeholder_sheet(wb.create_sheet(STAKEHOLDER_SHEET), stakeholders, text)
    _override_sheet(
        wb.create_sheet(OVERRIDE_SHEET), assessment, stakeholders, services, catalogue, lang
    )
    for st_id, st in stakeholders.items():
        for key, rec in st.weights.items():
            name = f"{st_id}.{key}"
            if len(name) > SHEET_NAME_MAX:
                raise SamvalgError(
                    f"the stakeholder id {st_id!r} is too long for a sheet name "
                    f"({name!r} has {len(name)} characters; Excel allows "
                    f"{SHEET_NAME_MAX}): use a shorter id"
                )
            _weights_sheet(
                wb.create_sheet(name),
                key,
                rec,
                catalogue,
                lang,
                title=f"{text['stakeholder_weights']} {st.name}",
            )
    for sid in services:
        sa = assessment.services.get(sid) if assessment is not None else None
        if sa is not None:
            options = [str(o) for o in sa.options]
        elif sid in example.services:
            options = [str(o) for o in example.services[sid].options]
        else:  # pragma: no cover - the example covers every shipped service area
            options = [
                "egen_drift",
                "fagnettverk",
                *(f"vertskommune:{m}" for m in catalogue.municipalities),
                "iks",
            ]
        _service_sheet(wb.create_sheet(sid), sid, options, sa, scales, catalogue, lang)
    _only_own_formulas(wb)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _style_specs() -> dict[str, dict[str, Any]]:
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    inp = PatternFill("solid", fgColor="FFF9E0")
    band = PatternFill("solid", fgColor="EEF3F8")
    return {
        "title": {"font": Font(bold=True, size=14)},
        "head": {"font": Font(bold=True)},
        "head_wrap": {"font": Font(bold=True), "alignment": wrap},
        "id": {"font": Font(size=8, color="808080")},
        "wrap": {"alignment": wrap},
        "top": {"alignment": top},
        "text": {"number_format": "@"},
        "percent": {"number_format": "0.0%"},
        "input": {"fill": inp, "alignment": top},
        "input_text": {"fill": inp, "alignment": top, "number_format": "@"},
        "input_wrap": {"fill": inp, "alignment": wrap},
        "band_top": {"fill": band, "alignment": top},
        "band_wrap": {"fill": band, "alignment": wrap},
        "fixed": {"fill": PatternFill("solid", fgColor="E6E6E6")},
    }


def _paint(cell: Any, key: str) -> None:
    """Give `cell` the named look; each look is built once per workbook and then copied
    (openpyxl's per-attribute style assignment is slow for thousands of cells)."""
    from copy import copy

    wb = cell.parent.parent
    cache = wb.__dict__.setdefault("_samvalg_styles", {})
    if key in cache:
        cell._style = copy(cache[key])
        return
    for attr, value in _style_specs()[key].items():
        setattr(cell, attr, value)
    cache[key] = copy(cell._style)


def _guide_sheet(ws: Any, lang: str, cat: Any, scales: Mapping[str, Scale]) -> None:
    ws.title = GUIDE_SHEETS[0] if lang == "nb" else GUIDE_SHEETS[1]
    ws.column_dimensions["A"].width = 110
    blocks = [_GUIDE_NB, _GUIDE_EN] if lang == "nb" else [_GUIDE_EN, _GUIDE_NB]
    row = 1
    for block in blocks:
        for kind, line in block:
            cell = ws.cell(row, 1, line)
            _paint(cell, "title" if kind == "h" else "wrap")
            row += 1
        row += 1
    _paint(ws.cell(row, 1, "Skalaer / Scales"), "title")
    row += 1
    for sid, scale in scales.items():
        cs = cat.criteria_sets[sid]
        if scale.kind == "plus_minus":
            allowed = (
                " ".join(PLUS_MINUS_LABELS) + ", na  (DFØ pluss-minus mot "
                "nullalternativet egen drift / against the zero option, egen drift = 0)"
            )
        else:
            allowed = (
                f"{format_number(scale.min)}–{format_number(scale.max)} "
                "(desimaltall tillatt / decimals allowed), na"
            )
        _paint(ws.cell(row, 1, f"{cs.name_nb} / {cs.name_en} ({sid}): {allowed}"), "wrap")
        row += 1


def _meta_sheet(ws: Any, a: Any, scales: Mapping[str, Scale], text: Mapping[str, str]) -> None:
    ws["A1"] = text["meta_title"]
    _paint(ws["A1"], "title")
    for col, key in zip("ABC", ("key", "explain", "val"), strict=True):
        ws[f"{col}3"] = text[key]
        _paint(ws[f"{col}3"], "head")
    meta: dict[str, Any] = (
        a.meta.to_raw()
        if a is not None
        else {"title": text["default_title"], "illustrative": False}
    )
    rows: list[tuple[str, str, list[Any]]] = [
        ("schema_version", text["m.schema_version"], [1]),
        ("title", text["m.title"], [meta.get("title", "")]),
        ("illustrative", text["m.illustrative"], [bool(meta.get("illustrative", False))]),
        ("description", text["m.description"], [meta.get("description", "")]),
        ("date", text["m.date"], [meta["date"].isoformat() if meta.get("date") else ""]),
        ("authors", text["m.authors"], list(meta.get("authors", []))),
    ]
    for sid, scale in scales.items():
        d = scale.to_dict()
        rows.append((f"scales.{sid}.kind", text["m.kind"].format(set=sid), [d["kind"]]))
        if scale.kind == "numeric":
            rows.append((f"scales.{sid}.min", text["m.min"].format(set=sid), [d["min"]]))
            rows.append((f"scales.{sid}.max", text["m.max"].format(set=sid), [d["max"]]))
    for r, (key, explain, values) in enumerate(rows, start=4):
        _paint(ws.cell(r, 1, key), "id")
        ws.cell(r, 2, explain)
        for k, v in enumerate(values or [""]):
            c = _put(ws, r, 3 + k, v if v != "" else None)
            _paint(c, "input_wrap" if key == "description" else "input")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A4"


def _rows_order(method: str, raw: Mapping[str, Any], labels: Sequence[str]) -> list[str]:
    """Criteria in the order the weights input lists them (then the rest, catalogue order)."""
    if method == "ahp":
        first = [str(c) for c in raw.get("criteria", [])]
    elif method == "rank":
        first = []
        for g in raw.get("ranking", []):
            first += [str(x) for x in g] if isinstance(g, list | tuple) else [str(g)]
    elif method in VALUE_FIELD:
        first = [str(k) for k in raw.get(VALUE_FIELD[method], {})]
    else:
        first = []
    seen = [c for c in dict.fromkeys(first) if c in labels]
    return seen + [c for c in labels if c not in seen]


def _table_sheet(
    ws: Any,
    title: str,
    hint: str,
    columns: Sequence[str],
    labels: Mapping[str, str],
    rows: Iterable[Sequence[Any]],
    widths: Mapping[str, int],
) -> int:
    """A titled table with a visible header (row 3) and a small id row (row 4); returns the
    last row written."""
    from openpyxl.utils import get_column_letter

    ws["A1"] = title
    _paint(ws["A1"], "title")
    ws["A2"] = hint
    for j, k in enumerate(columns, start=1):
        _paint(ws.cell(3, j, labels.get(k, k)), "head")
        _paint(ws.cell(4, j, k), "id")
        ws.column_dimensions[get_column_letter(j)].width = widths.get(k, 16)
    r = 4
    for r, row in enumerate(rows, start=5):
        for j, v in enumerate(row, start=1):
            c = _put(ws, r, j, v)
            _paint(c, "wrap" if columns[j - 1] in ("description", "rationale") else "top")
    ws.freeze_panes = "B5"
    return r


def _stakeholder_sheet(ws: Any, stakeholders: Mapping[str, Any], text: Mapping[str, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = [
        [st.id, st.name, st.role, st.municipality, st.voting_weight, st.description or None]
        for st in stakeholders.values()
    ]
    _table_sheet(
        ws,
        text["stakeholders_title"],
        text["stakeholders_hint"],
        STAKEHOLDER_COLUMNS,
        text,
        rows,
        {"id": 18, "name": 28, "role": 24, "description": 70},
    )
    roles = "municipality,employee_representatives,working_group,politicians,other"
    dv = DataValidation(type="list", formula1=f'"{roles}"', allow_blank=True, showErrorMessage=True)
    ws.add_data_validation(dv)
    dv.add("C5:C200")


def _override_sheet(
    ws: Any, a: Any, stakeholders: Mapping[str, Any], services: Sequence[str], cat: Any, lang: str
) -> None:
    text = _TEXT[lang]
    rows = []
    for st in stakeholders.values():
        for svc, opts in st.scores.items():
            if svc not in services:
                continue
            for opt, cells in opts.items():
                for c, score in cells.items():
                    scale = a.scale_of(c)
                    rows.append(
                        [
                            st.id,
                            svc,
                            opt,
                            c,
                            getattr(cat.criterion(c), f"name_{lang}"),
                            _cell_value(score.value, scale),
                            None if score.low is None else _cell_value(score.low, scale),
                            None if score.high is None else _cell_value(score.high, scale),
                            score.rationale or None,
                        ]
                    )
    labels = {**text, "criterion": text["criterion"], "option": text["option"]}
    last = _table_sheet(
        ws,
        text["overrides_title"],
        text["overrides_hint"],
        OVERRIDE_COLUMNS,
        labels,
        rows,
        {
            "option": 26,
            "criterion": 24,
            "criterion_name": 30,
            "value": 8,
            "low": 7,
            "high": 7,
            "rationale": 60,
        },
    )
    for r in range(5, last + 1):  # scores as text: "+" and "-" labels must not become formulas
        for j in (6, 7, 8):
            _paint(ws.cell(r, j), "text")


def _weights_sheet(
    ws: Any, key: str, rec: Any, cat: Any, lang: str, title: str | None = None
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    text = _TEXT[lang]
    if key == SET_WEIGHTS_KEY:
        labels = list(cat.criteria_sets)
        names = [getattr(cat.criteria_sets[s], f"name_{lang}") for s in labels]
        ws["A1"] = text["set_weights_title"]
    else:
        cs = cat.criteria_sets[key]
        labels = [c.id for c in cs.criteria]
        names = [getattr(c, f"name_{lang}") for c in cs.criteria]
        ws["A1"] = f"{text['weights_title']}: {getattr(cs, f'name_{lang}')}"
    if title is not None:
        _put(ws, 1, 1, f"{title}: {ws['A1'].value}")
    _paint(ws["A1"], "title")
    ws["A2"] = text["weights_hint"]
    _paint(ws["A2"], "wrap")
    ws.merge_cells("A2:H2")  # outside the data area: the reader never looks at row 2
    ws.row_dimensions[2].height = 75
    raw: dict[str, Any] = dict(rec.input) if rec is not None else {"method": "points", "total": 100}
    method = str(raw.get("method", "points"))
    methods = [m for m in WEIGHT_PARAMS if not (key == SET_WEIGHTS_KEY and m == "objective")]
    params = {
        "method": method,
        "total": raw.get("total"),
        "formula": raw.get("formula"),
        "variant": raw.get("variant"),
        "measure": raw.get("measure"),
    }
    lists = {
        "method": methods,
        "formula": ["roc", "rank_sum", "rank_reciprocal"],
        "variant": ["eigen", "geometric"],
        "measure": ["entropy", "critic", "std"],
    }
    for r, (name, value) in enumerate(params.items(), start=4):
        _paint(ws.cell(r, 1, name), "id")
        ws.cell(r, 2, text[f"w.{name}"])
        c = _put(ws, r, 3, value)
        _paint(c, "input")
        if name in lists:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(lists[name]) + '"',
                allow_blank=name != "method",
                showErrorMessage=True,
            )
            ws.add_data_validation(dv)
            dv.add(c.coordinate)
    order = _rows_order(method, raw, labels)
    n = len(order)
    head, ids = 10, 11
    first, last = ids + 1, ids + n
    for col, label, colid in (
        (1, text["criterion"], "id"),
        (2, text["name"], "name"),
        (3, text["wvalue"], "value"),
        (4, text["share"], "share"),
    ):
        _paint(ws.cell(head, col, label), "head")
        _paint(ws.cell(ids, col, colid), "id")
    _paint(ws.cell(head, 6, text["ahp"]), "head")
    values = raw.get(VALUE_FIELD.get(method, ""), {}) if method in VALUE_FIELD else {}
    position: dict[str, int] = {}
    if method == "rank":
        for g, group in enumerate(raw.get("ranking", []), start=1):
            for c in group if isinstance(group, list | tuple) else [group]:
                position[str(c)] = g
    matrix = raw.get("matrix") if method == "ahp" else None
    for i, cid in enumerate(order):
        r = first + i
        _paint(ws.cell(r, 1, cid), "id")
        _paint(ws.cell(r, 2, names[labels.index(cid)]), "wrap")
        v = values.get(cid) if isinstance(values, Mapping) else None
        if method == "rank":
            v = position.get(cid)
        _paint(_put(ws, r, 3, v), "input")
        total = f"SUM(C${first}:C${last})"
        share = _formula(ws, r, 4, f'=IF({total}>0,C{r}/{total},"")')
        _paint(share, "percent")
        _paint(ws.cell(ids, 6 + i, cid), "id")
        if i:
            _paint(ws.cell(head, 6 + i), "head_wrap")
        for j in range(n):
            m = ws.cell(r, 6 + j)
            if matrix is not None:
                m = _put(ws, r, 6 + j, matrix[i][j])
            elif i == j:
                m.value = 1
            _paint(m, "fixed" if i == j else "input")
    _paint(ws.cell(head - 1, 2, "Sum"), "head")  # above the table: never read
    _paint(_formula(ws, head - 1, 3, f"=SUM(C{first}:C{last})"), "head")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 9
    for j in range(n):
        ws.column_dimensions[get_column_letter(6 + j)].width = 9
    ws.freeze_panes = f"C{first}"


def _scale_text(scale: Scale) -> str:
    if scale.kind == "plus_minus":
        return "---- .. ++++, na"
    return f"{format_number(scale.min)}–{format_number(scale.max)}, na"


def _validations(scale: Scale, text: Mapping[str, str], col_value: str) -> tuple[Any, Any]:
    """Data validation of the score cells and of the low/high cells on `scale`."""
    from openpyxl.worksheet.datavalidation import DataValidation

    common = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorTitle": text["dv_error"],
        "promptTitle": text["dv_prompt"],
    }
    if scale.kind == "plus_minus":
        items = ",".join(PLUS_MINUS_LABELS)
        score = DataValidation(
            type="list",
            formula1=f'"{items},{NA}"',
            error=f"{items}, {NA}",
            prompt=f"{items}, {NA}",
            **common,
        )
        bound = DataValidation(
            type="list", formula1=f'"{items}"', error=items, prompt=items, **common
        )
        return score, bound
    lo, hi = format_number(scale.min), format_number(scale.max)
    ref = f"{col_value}{{row}}"
    score = DataValidation(
        type="custom",
        formula1=f'OR(AND(ISNUMBER({ref}),{ref}>={lo},{ref}<={hi}),{ref}="{NA}")',
        error=f'{lo}–{hi} / "{NA}"',
        prompt=f"{lo}–{hi}, {NA}",
        **common,
    )
    bound = DataValidation(
        type="decimal",
        operator="between",
        formula1=lo,
        formula2=hi,
        error=f"{lo}–{hi}",
        prompt=f"{lo}–{hi}",
        **common,
    )
    return score, bound


def _service_sheet(
    ws: Any,
    sid: str,
    options: Sequence[str],
    sa: Any,
    scales: Mapping[str, Scale],
    cat: Any,
    lang: str,
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    from samvalg.text.labels import option_label

    text = _TEXT[lang]
    col = {k: i + 1 for i, k in enumerate(SCORE_COLUMNS)}
    letter = {k: get_column_letter(i) for k, i in col.items()}
    svc = cat.services[sid]
    ws["A1"] = f"{getattr(svc, f'name_{lang}')}: {text['scoring']}"
    _paint(ws["A1"], "title")
    ws["A2"] = text["sheet_hint"]
    head, ids = 3, 4
    for k in SCORE_COLUMNS:
        _paint(ws.cell(head, col[k], text[k]), "head")
        _paint(ws.cell(ids, col[k], k), "id")
    ws.row_dimensions[ids].height = 11
    r = ids + 1
    band = False
    for set_id, cs in cat.criteria_sets.items():
        scale = scales[set_id]
        start = r
        for crit in cs.criteria:
            band = not band
            for idx, opt in enumerate(options):
                form = cat.forms.get(opt.split(":")[0])
                ws.cell(r, col["set"], getattr(cs, f"name_{lang}"))
                name = ws.cell(r, col["criterion_name"], getattr(crit, f"name_{lang}"))
                if idx == 0:
                    name.comment = Comment(
                        getattr(crit, f"description_{lang}"), "samvalg", height=120, width=320
                    )
                ws.cell(r, col["option_label"], option_label(opt, lang, cat))
                _paint(ws.cell(r, col["scale"], _scale_text(scale)), "id")
                _paint(ws.cell(r, col["criterion"], crit.id), "id")
                _paint(ws.cell(r, col["option"], opt), "id")
                value = low = high = None
                rationale = ""
                if sa is not None and opt in sa.scores and crit.id in sa.scores[opt]:
                    score = sa.scores[opt][crit.id]
                    value = NA if score.value is None else _cell_value(score.value, scale)
                    low = None if score.low is None else _cell_value(score.low, scale)
                    high = None if score.high is None else _cell_value(score.high, scale)
                    rationale = score.rationale
                elif sa is None and form is not None:
                    if set_id == "model" and not form.formal:
                        value = NA
                    elif scale.kind == "plus_minus" and opt == "egen_drift":
                        value = "0"
                for key, v in (
                    ("value", value),
                    ("low", low),
                    ("high", high),
                    ("rationale", rationale or None),
                ):
                    c = _put(ws, r, col[key], v)
                    _paint(
                        c,
                        "input_wrap"
                        if key == "rationale"
                        else "input_text"
                        if scale.kind == "plus_minus"
                        else "input",
                    )
                for key in ("set", "criterion_name", "option_label"):
                    look = "wrap" if key == "criterion_name" else "top"
                    _paint(ws.cell(r, col[key]), f"band_{look}" if band else look)
                r += 1
        end = r - 1
        if end < start:  # pragma: no cover - every criteria set has criteria
            continue
        score_dv, bound_dv = _validations(scale, text, letter["value"])
        if score_dv.type == "custom":
            score_dv.formula1 = score_dv.formula1.replace("{row}", str(start))
        ws.add_data_validation(score_dv)
        ws.add_data_validation(bound_dv)
        score_dv.add(f"{letter['value']}{start}:{letter['value']}{end}")
        bound_dv.add(f"{letter['low']}{start}:{letter['high']}{end}")
    widths = {
        "set": 16,
        "criterion_name": 34,
        "option_label": 28,
        "value": 8,
        "low": 7,
        "high": 7,
        "rationale": 60,
        "scale": 12,
        "criterion": 22,
        "option": 26,
    }
    for k, w in widths.items():
        ws.column_dimensions[letter[k]].width = w
    ws.freeze_panes = f"{letter['value']}{ids + 1}"
    ws.auto_filter.ref = f"A{ids}:{letter['option']}{max(r - 1, ids)}"


def _cell_value(x: float, scale: Scale) -> Any:
    if scale.kind == "plus_minus":
        return scale.label(x)
    return int(x) if float(x).is_integer() else float(x)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


class _Reader:
    """One pass over a workbook: the raw mapping, where each value came from, and problems."""

    def __init__(self, source: str, cat: Any) -> None:
        self.source = source
        self.cat = cat
        self.places = LocationMap()
        self.problems: list[Problem] = []
        self.reported: dict[str, bool] = {}  # key-path locations reported by the reader

    def problem(self, sheet: str, coord: str | None, message: str, allowed: str = "") -> None:
        where = _cell_ref(sheet, coord) if coord else sheet
        self.problems.append(Problem(self.source, where, message, allowed))

    # -- cells ----------------------------------------------------------------------------

    def value(self, ws: Any, cell: Any, *, text_only: bool = False) -> Any:
        """A cell's value as the raw mapping wants it (``None`` when blank)."""
        v = cell.value
        if cell.data_type == "f":  # a text cell starting with "=" is text, not a formula
            self.problem(
                ws.title,
                cell.coordinate,
                f"a formula ({getattr(v, 'text', v)}) "
                "where a value is expected: type the value itself",
                "a value, not a formula",
            )
            return None
        if isinstance(v, str):
            v = _unescape_text(v)
            if text_only:
                return v if v.strip() else None
            v = v.strip()
            return v if v else None
        if isinstance(v, datetime.datetime):
            if v.time() == datetime.time(0) and not text_only:
                return v.date()
            return v
        if text_only and isinstance(v, int | float) and not isinstance(v, bool):
            return format_number(v)
        return v

    def merged(self, ws: Any, first_row: int, cols: Iterable[int]) -> set[str]:
        """Report merged ranges that touch the data area; return their cells."""
        wanted = set(cols)
        inside: set[str] = set()
        for rng in ws.merged_cells.ranges:
            if rng.max_row < first_row or not any(rng.min_col <= c <= rng.max_col for c in wanted):
                continue
            top_left = rng.coord.split(":")[0]
            self.problem(
                ws.title,
                top_left,
                f"merged cells {rng.coord} in the data area: unmerge them, one value per cell",
                "one value per cell",
            )
            for row in ws.iter_rows(
                min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col
            ):
                inside.update(c.coordinate for c in row)
        return inside

    # -- sheets ---------------------------------------------------------------------------

    def meta(self, ws: Any, data: dict[str, Any]) -> None:
        self.merged(ws, 4, range(1, ws.max_column + 1))
        header = None
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            if row[0].value in ("key", "nøkkel"):
                header = row[0].row
                break
        start = (header or 3) + 1
        meta: dict[str, Any] = data.setdefault("meta", {})
        self.places.add(["meta"], ws.title)
        for row in ws.iter_rows(min_row=start, max_row=ws.max_row):
            key = row[0].value
            if key is None or (isinstance(key, str) and not key.strip()):
                continue
            key = str(key).strip()
            cells = [c for c in row[2:]]
            values = [
                self.value(ws, c, text_only=key in ("title", "description", "authors"))
                for c in cells
            ]
            where = cells[0].coordinate if cells else f"C{row[0].row}"
            if key == "authors":
                authors = [str(v) if not isinstance(v, str) else v for v in values if v is not None]
                if authors:
                    meta["authors"] = authors
                for k, c in enumerate(cells):
                    self.places.add(["meta", "authors", k], _cell_ref(ws.title, c.coordinate))
                self.places.add(["meta", "authors"], _cell_ref(ws.title, where))
                continue
            value = values[0] if values else None
            if len([v for v in values if v is not None]) > 1:
                self.problem(
                    ws.title,
                    where,
                    f"{key!r} takes one value, in column C; found more cells filled in its row",
                    "one value in column C",
                )
            if value is None:
                continue
            if key == "date" and isinstance(value, datetime.date):
                value = value.isoformat()
            parts = key.split(".")
            if parts[0] == "scales" and len(parts) == 3:
                data.setdefault("scales", {}).setdefault(parts[1], {})[parts[2]] = value
                self.places.add(["scales", parts[1], parts[2]], _cell_ref(ws.title, where))
                self.places.add(["scales", parts[1]], _cell_ref(ws.title, where))
            elif key == "schema_version":
                data["schema_version"] = value
                self.places.add(["schema_version"], _cell_ref(ws.title, where))
            else:
                meta[key] = value
                self.places.add(["meta", key], _cell_ref(ws.title, where))
        self.places.add(["scales"], ws.title)
        self.places.add(["schema_version"], ws.title)

    def weights(self, ws: Any, key: str, path: list[str | int], target: dict[str, Any]) -> None:
        sheet = ws.title
        self.places.add(path, sheet)
        header = None
        candidates: list[Any] = []
        for row in ws.iter_rows(min_row=3, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            if row[0].value == "id":
                header = row[0].row
                break
            candidates.append(row)
        params: dict[str, tuple[Any, str]] = {}
        for row in candidates[:-1]:  # the last row above the ids is the visible header
            k = row[0].value
            if isinstance(k, str) and k.strip() and len(row) >= 3:
                params[k.strip()] = (self.value(ws, row[2]), row[2].coordinate)
        if header is None:
            self.problem(
                sheet,
                None,
                'no header row with the column ids (a cell "id" in column A above the criteria)',
                "the layout of samvalg template",
            )
            return
        cols = {
            str(c.value).strip(): c.column
            for c in ws[header]
            if isinstance(c.value, str) and c.value.strip()
        }
        if "value" not in cols:
            self.problem(
                sheet,
                f"A{header}",
                'no column "value" in the id row',
                "id, name, value, share, then the AHP matrix",
            )
            return
        vcol = cols["value"]
        self.merged(ws, header + 1, range(1, ws.max_column + 1))
        rows: list[tuple[str, Any]] = []  # (criterion id, row cells)
        for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
            cid = row[0].value
            if cid is None or (isinstance(cid, str) and not cid.strip()):
                if any(c.value is not None for c in row[vcol - 1 : vcol]):
                    self.problem(
                        sheet,
                        row[0].coordinate,
                        "a value without its id in column A",
                        "the id of the criterion",
                    )
                continue
            rows.append((str(cid).strip(), row))
        method_raw, method_at = params.get("method", (None, "C4"))
        table: dict[str, Any] = {}
        if method_raw is not None:
            table["method"] = method_raw
        self.places.add([*path, "method"], _cell_ref(sheet, method_at))
        method = method_raw if isinstance(method_raw, str) else ""
        for name, (v, at) in params.items():
            if name == "method" or v is None:
                continue
            if name in WEIGHT_PARAMS.get(method, ()) or name not in (
                "total",
                "formula",
                "variant",
                "measure",
            ):
                table[name] = v
                self.places.add([*path, name], _cell_ref(sheet, at))
        first_value = _cell_ref(sheet, rows[0][1][vcol - 1].coordinate) if rows else sheet
        if method in VALUE_FIELD:
            field = VALUE_FIELD[method]
            values: dict[str, Any] = {}
            for cid, row in rows:
                cell = row[vcol - 1]
                v = self.value(ws, cell)
                self.places.add([*path, field, cid], _cell_ref(sheet, cell.coordinate))
                if v is not None:
                    values[cid] = v
            table[field] = values
            self.places.add([*path, field], first_value)
        elif method == "rank":
            self._ranking(ws, path, rows, vcol, table, first_value)
        elif method == "ahp":
            self._ahp(ws, path, rows, cols, vcol, header, table)
        target[key] = table

    def _ranking(
        self,
        ws: Any,
        path: list[str | int],
        rows: list[tuple[str, Any]],
        vcol: int,
        table: dict[str, Any],
        first_value: str,
    ) -> None:
        groups: dict[float, list[tuple[str, str]]] = {}
        for cid, row in rows:
            cell = row[vcol - 1]
            v = self.value(ws, cell)
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, int | float) or v < 1:
                self.problem(
                    ws.title,
                    cell.coordinate,
                    f"a rank position must be a number 1, 2, 3 ... (found {v!r})",
                    "1 = most important; equal numbers for ties",
                )
                continue
            groups.setdefault(float(v), []).append((cid, cell.coordinate))
        ranking: list[Any] = []
        for g, pos in enumerate(sorted(groups)):
            members = groups[pos]
            self.places.add([*path, "ranking", g], _cell_ref(ws.title, members[0][1]))
            for k, (_, coord) in enumerate(members):
                self.places.add([*path, "ranking", g, k], _cell_ref(ws.title, coord))
            ranking.append(members[0][0] if len(members) == 1 else [c for c, _ in members])
        table["ranking"] = ranking
        self.places.add([*path, "ranking"], first_value)

    def _ahp(
        self,
        ws: Any,
        path: list[str | int],
        rows: list[tuple[str, Any]],
        cols: Mapping[str, int],
        vcol: int,
        header: int,
        table: dict[str, Any],
    ) -> None:
        sheet = ws.title
        ids = [cid for cid, _ in rows]
        mcols = [c for name, c in cols.items() if c > vcol and name not in ("share", "name")]
        mcols.sort()
        heads = [str(ws.cell(header, c).value).strip() for c in mcols][: len(ids)]
        if heads != ids:
            self.problem(
                sheet,
                f"{ws.cell(header, mcols[0] if mcols else vcol + 3).coordinate}",
                "the AHP matrix's column ids must be the criterion ids of the rows, "
                f"in the same order (rows: {', '.join(ids)}; columns: "
                f"{', '.join(heads) or 'none'})",
                "the row ids, in row order",
            )
            return
        for i, (_, row) in enumerate(rows):
            self.places.add([*path, "criteria", i], _cell_ref(sheet, row[0].coordinate))
        entries: list[list[Any]] = []
        for i, (_, row) in enumerate(rows):
            self.places.add(
                [*path, "matrix", i], _cell_ref(sheet, ws.cell(row[0].row, mcols[0]).coordinate)
            )
            line = []
            for j in range(len(ids)):
                cell = ws.cell(row[0].row, mcols[j])
                self.places.add([*path, "matrix", i, j], _cell_ref(sheet, cell.coordinate))
                line.append(_ahp_number(self.value(ws, cell)))
            entries.append(line)
        for i in range(len(ids)):  # a blank lower triangle is the reciprocal of the upper one
            for j in range(i):
                upper = entries[j][i]
                if entries[i][j] is None and isinstance(upper, int | float) and upper > 0:
                    entries[i][j] = 1.0 / upper
        table["criteria"] = ids
        table["matrix"] = entries
        self.places.add(
            [*path, "matrix"],
            _cell_ref(sheet, ws.cell(header, mcols[0]).coordinate) if mcols else sheet,
        )

    def _table(self, ws: Any, required: Sequence[str]) -> tuple[int | None, dict[str, int]]:
        """The id row of a table sheet and its columns; reports a missing id row."""
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            names = {
                str(c.value).strip(): c.column
                for c in row
                if isinstance(c.value, str) and c.value.strip()
            }
            if set(required) <= set(names):
                return row[0].row, names
        self.problem(
            ws.title,
            None,
            "no row with the column ids (" + ", ".join(required) + ") above the table",
            "the layout of samvalg template: do not delete the small grey id row",
        )
        return None, {}

    def stakeholders(self, ws: Any, data: dict[str, Any]) -> None:
        header, cols = self._table(ws, ("id", "name", "role"))
        if header is None:
            return
        self.merged(ws, header + 1, cols.values())
        out: dict[str, Any] = {}
        self.places.add(["stakeholders"], ws.title)
        for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
            cells = {k: ws.cell(row[0].row, cols[k]) for k in STAKEHOLDER_COLUMNS if k in cols}
            raw = {
                k: self.value(ws, c, text_only=k in ("name", "description"))
                for k, c in cells.items()
            }
            if all(v is None for v in raw.values()):
                continue
            st_id = raw.pop("id")
            if st_id is None:
                self.problem(
                    ws.title,
                    cells["id"].coordinate,
                    "missing stakeholder id in a row with data",
                    "a short id such as skaun or tillitsvalgte",
                )
                continue
            st_id = str(st_id)
            if st_id in out:
                self.problem(
                    ws.title,
                    cells["id"].coordinate,
                    f"stakeholder {st_id!r} is listed twice",
                    "one row per stakeholder",
                )
                continue
            path: list[str | int] = ["stakeholders", st_id]
            self.places.add(path, _cell_ref(ws.title, cells["id"].coordinate))
            table = data.setdefault("stakeholders", {}).setdefault(st_id, {})
            out[st_id] = table
            for k, v in raw.items():
                self.places.add([*path, k], _cell_ref(ws.title, cells[k].coordinate))
                if v is not None:
                    table[k] = v

    def overrides(self, ws: Any, data: dict[str, Any]) -> None:
        need = ("stakeholder", "service", "option", "criterion", "value")
        header, cols = self._table(ws, need)
        if header is None:
            return
        self.merged(ws, header + 1, cols.values())
        keys = [k for k in OVERRIDE_COLUMNS if k in cols and k != "criterion_name"]
        seen: dict[tuple[str, ...], int] = {}
        for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
            cells = {k: ws.cell(row[0].row, cols[k]) for k in keys}
            raw = {k: self.value(ws, c, text_only=k == "rationale") for k, c in cells.items()}
            if all(v is None for v in raw.values()):
                continue
            ids = []
            for k in need[:4]:
                if raw[k] is None:
                    self.problem(
                        ws.title,
                        cells[k].coordinate,
                        f"missing {k} id in a row with a score",
                        f"the {k} id",
                    )
                ids.append(str(raw[k]))
            if any(raw[k] is None for k in need[:4]):
                continue
            st_id, svc, opt, crit = ids
            if tuple(ids) in seen:
                self.problem(
                    ws.title,
                    cells["value"].coordinate,
                    "a second row for the same "
                    f"stakeholder, service, option and criterion (the first is row "
                    f"{seen[tuple(ids)]})",
                    "one row per cell",
                )
                continue
            seen[tuple(ids)] = row[0].row
            path: list[str | int] = ["stakeholders", st_id, "scores", svc, opt, crit]
            self.places.add(path, _cell_ref(ws.title, cells["value"].coordinate))
            for k in ("value", "low", "high", "rationale"):
                if k in cells:
                    self.places.add([*path, k], _cell_ref(ws.title, cells[k].coordinate))
            self.places.add(path[:4], _cell_ref(ws.title, cells["service"].coordinate))
            self.places.add(path[:5], _cell_ref(ws.title, cells["option"].coordinate))
            if raw["value"] is None:
                self.problem(
                    ws.title,
                    cells["value"].coordinate,
                    f"no score for {opt!r} on {crit!r}",
                    "a score on the scale (delete the row to use the common score)",
                )
                continue
            extra = {k: raw[k] for k in ("rationale", "low", "high") if raw.get(k) is not None}
            if "rationale" in extra and not isinstance(extra["rationale"], str):
                extra["rationale"] = str(extra["rationale"])
            st = data.setdefault("stakeholders", {}).setdefault(st_id, {})
            st.setdefault("scores", {}).setdefault(svc, {}).setdefault(opt, {})[crit] = (
                {"value": raw["value"], **extra} if extra else raw["value"]
            )

    def service(self, ws: Any, sid: str, data: dict[str, Any]) -> None:
        sheet = ws.title
        path: list[str | int] = ["services", sid]
        self.places.add(path, sheet)
        header = None
        cols: dict[str, int] = {}
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
            names = {
                str(c.value).strip(): c.column
                for c in row
                if isinstance(c.value, str) and c.value.strip()
            }
            if {"criterion", "option", "value"} <= set(names):
                header, cols = row[0].row, names
                break
        if header is None:
            self.problem(
                sheet,
                None,
                "no row with the column ids (criterion, option, value, "
                "low, high, rationale) above the scores",
                "the layout of samvalg template: do not delete the small grey id row",
            )
            return
        merged = self.merged(ws, header + 1, [cols[k] for k in READ_COLUMNS if k in cols])
        scores: dict[str, dict[str, Any]] = {}
        seen: dict[tuple[str, str], int] = {}
        first_option_cell: dict[str, str] = {}
        for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
            cells = {
                k: row[cols[k] - 1] for k in READ_COLUMNS if k in cols and cols[k] - 1 < len(row)
            }
            raw = {k: self.value(ws, c, text_only=k == "rationale") for k, c in cells.items()}
            if all(v is None for v in raw.values()):
                continue
            crit, opt = raw.get("criterion"), raw.get("option")
            missing = False
            for k, v in (("criterion", crit), ("option", opt)):
                if v is None:
                    self.problem(
                        sheet,
                        cells[k].coordinate,
                        f"missing {k} id in a row with scores",
                        f"the {k} id (do not clear the id columns)",
                    )
                    missing = True
            if missing:
                continue
            crit, opt = str(crit), str(opt)
            vcell = cells["value"]
            if (opt, crit) in seen:
                self.problem(
                    sheet,
                    vcell.coordinate,
                    f"a second row for option {opt!r} on "
                    f"criterion {crit!r} (the first is row {seen[opt, crit]})",
                    "one row per option and criterion",
                )
                continue
            seen[opt, crit] = row[0].row
            first_option_cell.setdefault(opt, _cell_ref(sheet, cells["option"].coordinate))
            spath = [*path, "scores", opt, crit]
            self.places.add(spath, _cell_ref(sheet, vcell.coordinate))
            for k in ("value", "low", "high", "rationale"):
                if k in cells:
                    self.places.add([*spath, k], _cell_ref(sheet, cells[k].coordinate))
            table = scores.setdefault(opt, {})
            value = raw["value"]
            if value is None:
                if vcell.coordinate not in merged:
                    self.problem(
                        sheet,
                        vcell.coordinate,
                        f"no score for option {opt!r} on criterion {crit!r}",
                        'a score on the scale, or "na" where the criterion does not apply',
                    )
                self.reported[_loc([*path, "scores", opt])] = True
                continue
            extra = {k: raw[k] for k in ("rationale", "low", "high") if raw.get(k) is not None}
            if "rationale" in extra and not isinstance(extra["rationale"], str):
                extra["rationale"] = str(extra["rationale"])
            table[crit] = {"value": value, **extra} if extra else value
        options = list(scores)
        for i, opt in enumerate(options):
            self.places.add([*path, "options", i], first_option_cell[opt])
        self.places.add([*path, "options"], sheet)
        self.places.add([*path, "scores"], sheet)
        for opt in options:
            self.places.add([*path, "scores", opt], sheet)
        data.setdefault("services", {})[sid] = {"options": options, "scores": scores}


def _loc(path: Sequence[str | int]) -> str:
    from samvalg.errors import format_location

    return format_location(path)


def _ahp_number(v: Any) -> Any:
    """AHP cells: numeric text (``"3"``, ``"0,5"``) as a number; fractions stay text."""
    if isinstance(v, str):
        t = v.strip().replace(",", ".")
        try:
            x = float(t)
        except ValueError:
            return v
        return int(x) if x.is_integer() else x
    return v


def _load(path: Path, name: str) -> Any:
    """The openpyxl workbook of `path`, after the file and its archive passed every check."""
    openpyxl = _openpyxl()
    with open_regular(path, MAX_FILE_BYTES, name=name, allowed="a .xlsx file") as f:
        check_workbook(f, name)
        f.seek(0)
        try:
            # openpyxl warns about features it drops (extensions, images): the workbook is
            # only read, never saved, so they do not matter
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # not read_only: merged ranges are only known in the normal mode
                return openpyxl.load_workbook(f, data_only=False, keep_links=False)
        except Exception as exc:  # whatever a damaged part makes the parser raise
            what = f"{type(exc).__name__}: {exc}"
            if len(what) > 300:
                what = what[:300] + " ..."
            raise ValidationError(
                [
                    Problem(
                        name,
                        "",
                        f"not a readable .xlsx workbook: it is damaged ({what})",
                        "a workbook saved as .xlsx (Excel, LibreOffice)",
                    )
                ]
            ) from None


def _read(path: Path, cat: Any) -> tuple[dict[str, Any], _Reader]:
    name = path.name or str(path)
    reader = _Reader(name, cat)
    wb = _load(path, name)
    try:
        data: dict[str, Any] = {}
        set_ids = list(cat.criteria_sets)
        weight_sheets = [WEIGHTS_PREFIX + k for k in (SET_WEIGHTS_KEY, *set_ids)]
        known = [
            *GUIDE_SHEETS,
            META_SHEET,
            *weight_sheets,
            STAKEHOLDER_SHEET,
            OVERRIDE_SHEET,
            *cat.services,
        ]
        if META_SHEET not in wb.sheetnames:
            reader.problem(
                META_SHEET,
                None,
                f"the sheet {META_SHEET!r} is missing (title, "
                "scales, schema version)" + did_you_mean(META_SHEET, wb.sheetnames),
                "the sheets of samvalg template",
            )
            reader.reported["meta"] = True
        services_seen = False
        for ws in wb.worksheets:
            title = ws.title
            if title in GUIDE_SHEETS or title.startswith(IGNORED_PREFIX):
                continue
            state = getattr(ws, "sheet_state", "visible")
            if state != "visible":  # read (so its problems show too), but never silently
                reader.problem(
                    title,
                    None,
                    f"the sheet {title!r} is {state}: its values "
                    "would count without anyone checking the workbook seeing "
                    "them",
                    "visible sheets: unhide it (right-click a sheet tab > "
                    "Unhide; a veryHidden sheet only in the VBA editor), delete "
                    "it, or start its name with _ to keep it unread",
                )
            if title == META_SHEET:
                reader.meta(ws, data)
            elif title in weight_sheets:
                key = title.removeprefix(WEIGHTS_PREFIX)
                reader.weights(ws, key, ["weights", key], data.setdefault("weights", {}))
            elif title == STAKEHOLDER_SHEET:
                reader.stakeholders(ws, data)
            elif title == OVERRIDE_SHEET:
                reader.overrides(ws, data)
            elif title.rpartition(".")[2] in (SET_WEIGHTS_KEY, *set_ids) and "." in title:
                st_id, _, key = title.rpartition(".")
                st = data.setdefault("stakeholders", {}).setdefault(st_id, {})
                reader.weights(
                    ws, key, ["stakeholders", st_id, "weights", key], st.setdefault("weights", {})
                )
            elif title in cat.services:
                services_seen = True
                reader.service(ws, title, data)
            else:
                reader.problem(
                    title,
                    None,
                    f"unknown sheet {title!r}" + did_you_mean(title, known),
                    "a service area id ("
                    + ", ".join(cat.services)
                    + "), meta, "
                    + ", ".join(weight_sheets)
                    + f", {STAKEHOLDER_SHEET}, {OVERRIDE_SHEET}, <stakeholder>.<set>;"
                    " sheets starting with _ are not read",
                )
        if not services_seen:
            reader.problem(
                wb.sheetnames[0] if wb.sheetnames else "",
                None,
                "no service area sheet: name each scoring sheet by its service area id",
                ", ".join(cat.services),
            )
        for key in (SET_WEIGHTS_KEY, *set_ids):
            reader.places.add(["weights", key], WEIGHTS_PREFIX + key)
        reader.places.add(["weights"], "")
    finally:
        wb.close()
    return data, reader


def _catalogue(catalogue: Any) -> Any:
    from samvalg.assessment._load import _catalogue as resolve

    return resolve(catalogue)


def read_workbook(path: str | os.PathLike[str], catalogue: Any = None) -> Mapping[str, Any]:
    """Read a scoring workbook into the raw mapping of an assessment file.

    The result has the structure of an assessment TOML file (``schema_version``, ``meta``,
    ``scales``, ``weights``, ``services``) and is validated by :func:`samvalg.load_assessment`
    like a file; :func:`samvalg.load_assessment` on the ``.xlsx`` path does both and reports
    the loader's problems at sheet and cell. The workbook is only read, never saved.

    Parameters
    ----------
    path : path
        A workbook in the layout of :func:`write_template`.
    catalogue : Catalogue or path, optional
        Knows the service area ids the sheets are named by (default: the shipped one).

    Returns
    -------
    Mapping
        The raw assessment mapping.

    Raises
    ------
    samvalg.errors.ValidationError
        Problems in the workbook's structure, each at ``sheet!cell``: missing or unknown
        sheets, merged cells in a data area, formulas or empty cells where scores belong,
        missing ids, duplicate rows.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> a = samvalg.example_assessment()
    >>> _ = write_template(out, services=["lonn"], assessment=a)
    >>> raw = read_workbook(out)
    >>> raw["services"]["lonn"]["options"][:2]
    ['egen_drift', 'fagnettverk']
    """
    data, reader = _read(Path(path), _catalogue(catalogue))
    if reader.problems:
        raise ValidationError(reader.problems)
    return data


def load_workbook_assessment(path: str | os.PathLike[str], *, catalogue: Any = None) -> Any:
    """Read and validate a workbook; every problem located at sheet and cell.

    The loader's dispatch for ``.xlsx``: see :func:`samvalg.load_assessment`.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> _ = write_template(out, services=["lonn"], assessment=samvalg.example_assessment())
    >>> load_workbook_assessment(out).meta.illustrative
    True
    """
    from samvalg.assessment._load import _build
    from samvalg.assessment._schema import Sink

    cat = _catalogue(catalogue)
    p = Path(path)
    data, reader = _read(p, cat)
    sink = Sink(reader.source)
    try:
        assessment = _build(data, sink, cat)
    except ValidationError as exc:
        drop = dict(reader.reported) if reader.problems else {}
        problems = [*reader.problems, *relocate(exc.problems, reader.places, reader.source, drop)]
        raise ValidationError(problems) from None
    if reader.problems:
        raise ValidationError(reader.problems)
    return assessment
