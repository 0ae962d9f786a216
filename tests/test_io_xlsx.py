"""The workshop workbook: round trip, data validation, located problems, CLI."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest

import samvalg
from samvalg.cli import main
from samvalg.errors import SamvalgError, ValidationError
from samvalg.io import read_workbook, write_template
from samvalg.io.xlsx._layout import SCORE_COLUMNS

VALUE_COL = "ABCDEFGHIJ"[SCORE_COLUMNS.index("value")]


@pytest.fixture(scope="module")
def example() -> samvalg.Assessment:
    return samvalg.example_assessment()


@pytest.fixture(scope="module")
def full_book(tmp_path_factory: pytest.TempPathFactory, example: samvalg.Assessment) -> Path:
    """The whole example as a workbook, written once for the module."""
    return write_template(tmp_path_factory.mktemp("xlsx") / "full.xlsx", assessment=example)


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory, example: samvalg.Assessment) -> Path:
    """Two service areas of the example: the base for the error cases (copied per test)."""
    base = example.replace(
        services={k: example.services[k] for k in ("lonn", "arkiv")}, stakeholders={}
    )
    return write_template(tmp_path_factory.mktemp("xlsx") / "small.xlsx", assessment=base)


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "case.xlsx"
    shutil.copy(src, dst)
    return dst


def _problems(path: Path) -> list[samvalg.errors.Problem]:
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(path)
    return list(info.value.problems)


def _row(ws, option: str, criterion: str) -> int:
    cols = {c.value: c.column for c in ws[4]}
    for r in range(5, ws.max_row + 1):
        if (
            ws.cell(r, cols["option"]).value == option
            and ws.cell(r, cols["criterion"]).value == criterion
        ):
            return r
    raise AssertionError(f"no row for {option} x {criterion}")


# -- round trip -------------------------------------------------------------------------------


def test_full_example_round_trips(full_book: Path, example: samvalg.Assessment) -> None:
    back = samvalg.load_assessment(full_book)
    assert back.to_dict() == example.to_dict()
    for sid in example.services:
        for set_id in example.set_ids:
            a, b = example.matrix(sid, set_id), back.matrix(sid, set_id)
            assert a.option_ids == b.option_ids
            assert (a.values == b.values)[a.applicable].all()
            assert (a.low == b.low)[a.applicable].all() and (a.high == b.high)[a.applicable].all()
            assert a.rationale == b.rationale
    for key in example.weights:
        if example.weights[key].vector is not None:
            assert (example.weights[key].vector == back.weights[key].vector).all()
    assert set(back.stakeholders) == set(example.stakeholders)


def test_read_workbook_is_the_raw_mapping(small_book: Path) -> None:
    raw = read_workbook(small_book)
    assert set(raw) == {"schema_version", "meta", "scales", "weights", "services"}
    assert (
        samvalg.load_assessment(dict(raw)).to_dict()
        == samvalg.load_assessment(small_book).to_dict()
    )


def test_reading_does_not_modify_the_file(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    samvalg.load_assessment(path)
    read_workbook(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_other_weight_methods_round_trip(tmp_path: Path, example: samvalg.Assessment) -> None:
    one = example.replace(services={"lonn": example.services["lonn"]}, stakeholders={})
    crits = one.criteria("strategy")
    changed = one.replace(
        weights={
            **one.weights,
            "strategy": {
                "method": "rank",
                "ranking": [
                    crits[3],
                    [crits[0], crits[5]],
                    *crits[6:],
                    crits[1],
                    crits[2],
                    crits[4],
                ],
                "formula": "rank_sum",
            },
            "gains": {
                "method": "direct",
                "values": {c: 1.0 + i for i, c in enumerate(one.criteria("gains"))},
            },
            "model": {"method": "objective", "measure": "critic"},
            "sets": {"method": "equal"},
        }
    )
    back = samvalg.load_assessment(write_template(tmp_path / "w.xlsx", assessment=changed))
    assert back.to_dict() == changed.to_dict()


def test_filled_programmatically(tmp_path: Path, example: samvalg.Assessment) -> None:
    """A workshop fills a blank template; it reads back to the scores typed in."""
    path = write_template(tmp_path / "blank.xlsx", services=["lonn"])
    wb = openpyxl.load_workbook(path)
    ws = wb["lonn"]
    cols = {c.value: c.column for c in ws[4]}
    sa = example.services["lonn"]
    for r in range(5, ws.max_row + 1):
        opt, crit = ws.cell(r, cols["option"]).value, ws.cell(r, cols["criterion"]).value
        score = sa.scores[opt][crit]
        scale = example.scale_of(crit)
        ws.cell(r, cols["value"]).value = (
            "na"
            if score.value is None
            else (scale.label(score.value) if scale.kind == "plus_minus" else score.value)
        )
    for key in ("sets", "strategy", "gains", "model"):
        wsw = wb[f"vekter_{key}"]
        wsw["C5"] = None  # no stated total
        for r in range(12, wsw.max_row + 1):
            if wsw.cell(r, 1).value:
                wsw.cell(r, 3).value = 10
    wb.save(path)
    back = samvalg.load_assessment(path)
    np.testing.assert_array_equal(
        back.matrix("lonn", "gains").values, example.matrix("lonn", "gains").values
    )
    assert back.weights["strategy"].method == "points"
    assert back.weights_for("strategy") == pytest.approx([1 / 12] * 12)


# -- the template itself ----------------------------------------------------------------------


def test_data_validation_on_score_cells(small_book: Path, example: samvalg.Assessment) -> None:
    wb = openpyxl.load_workbook(small_book)
    ws = wb["lonn"]
    dvs = ws.data_validations.dataValidation

    def rule(coord: str) -> list:
        return [dv for dv in dvs if coord in dv.sqref]

    r_num = _row(ws, "iks", "fagmiljo")  # strategy: 1..5
    (dv,) = rule(f"{VALUE_COL}{r_num}")
    assert dv.type == "custom" and ">=1" in dv.formula1 and "<=5" in dv.formula1
    assert '"na"' in dv.formula1
    (low,) = rule(f"E{r_num}")
    assert (low.type, low.operator, low.formula1, low.formula2) == ("decimal", "between", "1", "5")
    r_pm = _row(ws, "iks", "redusert_sarbarhet")  # gains: pluss-minus
    (dv,) = rule(f"{VALUE_COL}{r_pm}")
    assert dv.type == "list"
    assert dv.formula1 == '"----,---,--,-,0,+,++,+++,++++,na"'
    (high,) = rule(f"F{r_pm}")
    assert high.type == "list" and "na" not in high.formula1
    assert ws.freeze_panes == f"{VALUE_COL}5"
    assert (
        ws.cell(r_num, SCORE_COLUMNS.index("criterion_name") + 1).value
        == example.catalogue.criterion("fagmiljo").name_nb
    )


def test_blank_template_prefills_what_is_fixed(tmp_path: Path) -> None:
    path = write_template(tmp_path / "blank.xlsx", services=["plan"], lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Guide" and "plan" in wb.sheetnames
    ws = wb["plan"]
    value = SCORE_COLUMNS.index("value") + 1
    assert ws.cell(_row(ws, "fagnettverk", "styringsstruktur"), value).value == "na"
    assert ws.cell(_row(ws, "egen_drift", "endringsevne"), value).value == "0"
    assert ws.cell(_row(ws, "iks", "fagmiljo"), value).value is None
    assert wb["vekter_strategy"]["C4"].value == "points"


def test_write_refuses_to_overwrite_and_bad_arguments(small_book: Path, tmp_path: Path) -> None:
    with pytest.raises(SamvalgError, match="exists"):
        write_template(small_book, services=["lonn"])
    with pytest.raises(SamvalgError, match="did you mean 'lonn'"):
        write_template(tmp_path / "x.xlsx", services=["lon"])
    with pytest.raises(SamvalgError, match=r"\.xlsx"):
        write_template(tmp_path / "x.xls")
    with pytest.raises(SamvalgError, match="language"):
        write_template(tmp_path / "x.xlsx", lang="de")


# -- located problems -------------------------------------------------------------------------


def test_text_in_a_number_cell(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["lonn"]
    r = _row(ws, "iks", "fagmiljo")
    ws[f"{VALUE_COL}{r}"] = "fire"
    ws[f"E{r}"] = "lav"
    wb.save(path)
    problems = _problems(path)
    by_place = {p.location: p for p in problems}
    assert f"lonn!{VALUE_COL}{r}" in by_place and f"lonn!E{r}" in by_place
    assert "text" in by_place[f"lonn!{VALUE_COL}{r}"].message
    assert len(problems) == 2


def test_value_outside_the_scale(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["arkiv"]
    r1, r2 = _row(ws, "iks", "fagmiljo"), _row(ws, "iks", "redusert_sarbarhet")
    ws[f"{VALUE_COL}{r1}"] = 7
    ws[f"{VALUE_COL}{r2}"] = "+++++"
    wb.save(path)
    (p1, p2) = _problems(path)
    assert (p1.location, p2.location) == (f"arkiv!{VALUE_COL}{r1}", f"arkiv!{VALUE_COL}{r2}")
    assert "outside the scale 1..5" in p1.message and "pluss-minus" in p2.message


def test_merged_cells_in_the_data_area(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["lonn"]
    ws.merge_cells(f"{VALUE_COL}7:{VALUE_COL}8")
    wb.save(path)
    problems = _problems(path)
    assert problems[0].location == f"lonn!{VALUE_COL}7" and "merged" in problems[0].message
    assert all("missing score" not in p.message for p in problems)


def test_missing_and_unknown_sheets(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["meta"]
    wb["arkiv"].title = "arkv"
    wb.create_sheet("_notater")  # ignored by name
    wb.save(path)
    problems = _problems(path)
    places = {p.location: p.message for p in problems}
    assert "sheet 'meta' is missing" in places["meta"]
    assert not any("[meta]" in p.message for p in problems)
    assert "did you mean 'arkiv'" in places["arkv"]
    assert not any("_notater" in p.location for p in problems)


def test_missing_ids_and_empty_scores(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["lonn"]
    crit_col = "ABCDEFGHIJ"[SCORE_COLUMNS.index("criterion")]
    ws[f"{crit_col}9"] = None
    ws[f"{VALUE_COL}10"] = None
    wb.save(path)
    places = {p.location: p.message for p in _problems(path)}
    assert "missing criterion id" in places[f"lonn!{crit_col}9"]
    assert "no score" in places[f"lonn!{VALUE_COL}10"]


def test_weights_problems_name_the_cell(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["vekter_strategy"]
    ws["C13"] = "mye"
    wb["vekter_gains"]["C4"] = "ahpp"
    wb.save(path)
    places = {p.location: p.message for p in _problems(path)}
    assert "expected a number" in places["vekter_strategy!C13"]
    assert "did you mean 'ahp'" in places["vekter_gains!C4"]


def test_unknown_meta_key_and_not_a_workbook(small_book: Path, tmp_path: Path) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["meta"]["A5"] = "titel"
    wb.save(path)
    places = {p.location: p.message for p in _problems(path)}
    assert "did you mean 'title'" in places["meta!C5"]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    (p,) = _problems(bad)
    assert "not a readable .xlsx" in p.message


# -- CLI --------------------------------------------------------------------------------------


def test_cli_template_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.xlsx"
    assert main(["template", "--out", str(out), "--services", "lonn", "--from-example"]) == 0
    assert main(["validate", str(out)]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["template", "--out", str(out), "--services", "lonn"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["template", "--out", str(out), "--services", "lonn", "--force"]) == 0


def test_cli_bad_workbook_exit_2(
    small_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(small_book, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["lonn"][f"{VALUE_COL}5"] = "x"
    wb.save(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"lonn!{VALUE_COL}5" in err and "Traceback" not in err
