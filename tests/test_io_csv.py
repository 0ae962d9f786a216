"""A single score matrix as CSV: round trip and located problems."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import samvalg
from samvalg.errors import SamvalgError, ValidationError
from samvalg.io import read_csv, write_csv


@pytest.fixture(scope="module")
def example() -> samvalg.Assessment:
    return samvalg.example_assessment()


def _problems(path: Path, a: samvalg.Assessment, service: str, set_id: str) -> list:
    with pytest.raises(ValidationError) as info:
        read_csv(path, a, service, set_id)
    return list(info.value.problems)


@pytest.mark.parametrize("set_id", ["strategy", "gains", "model"])
def test_round_trip(tmp_path: Path, example: samvalg.Assessment, set_id: str) -> None:
    path = write_csv(example, "lonn", set_id, tmp_path / "m.csv")
    back = read_csv(path, example, "lonn", set_id)
    assert back.to_dict() == example.to_dict()


def test_values_replace_the_matrix(tmp_path: Path, example: samvalg.Assessment) -> None:
    crits = example.criteria("strategy")
    opts = [str(o) for o in example.services["lonn"].options]
    lines = [";".join(["option", *crits, "fagmiljo.rationale"])]
    for i, o in enumerate(reversed(opts)):  # any row order; decimal comma; semicolons
        lines.append(
            ";".join(
                [
                    o,
                    *["2,5" if j == 0 else str(1 + (i + j) % 5) for j in range(len(crits))],
                    "ny begrunnelse",
                ]
            )
        )
    path = tmp_path / "m.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b = read_csv(path, example, "lonn", "strategy")
    M = b.matrix("lonn", "strategy")
    assert M.option_ids == tuple(opts)  # the assessment's order is kept
    assert np.all(M.values[:, 0] == 2.5)
    assert M.rationale[0][crits.index("fagmiljo")] == "ny begrunnelse"
    np.testing.assert_array_equal(
        b.matrix("lonn", "gains").values, example.matrix("lonn", "gains").values
    )


def test_located_value_problems(tmp_path: Path, example: samvalg.Assessment) -> None:
    path = write_csv(example, "lonn", "strategy", tmp_path / "m.csv")
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    j = header.index("fagmiljo")
    cells = rows[2].split(",")
    cells[j] = "mye"
    rows[2] = ",".join(cells)
    cells = rows[3].split(",")
    cells[header.index("demografi")] = "9"
    rows[3] = ",".join(cells)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    p1, p2 = _problems(path, example, "lonn", "strategy")
    assert (p1.source, p1.location) == ("m.csv", 'row 3, column "fagmiljo"')
    assert "text" in p1.message
    assert p2.location == 'row 4, column "demografi"' and "outside the scale" in p2.message


def test_located_structure_problems(tmp_path: Path, example: samvalg.Assessment) -> None:
    crits = list(example.criteria("gains"))
    path = tmp_path / "m.csv"
    header = ["option", "kostnadseffektivitetx", *crits[1:]]
    body = [
        ["egen_drift", *["0"] * 5],
        ["iks", "+", "", "++", "+", "0"],
        ["iks", *["+"] * 5],
        ["ikss", *["+"] * 5],
    ]
    path.write_text("\n".join(",".join(r) for r in [header, *body]) + "\n", encoding="utf-8")
    places = {p.location: p.message for p in _problems(path, example, "lonn", "gains")}
    assert "did you mean 'kostnadseffektivitet'" in places['row 1, column "kostnadseffektivitetx"']
    assert "missing criterion column" in places["row 1"]
    assert "no score" in places['row 3, column "redusert_sarbarhet"']
    assert "second row" in places['row 4, column "option"']
    assert "did you mean 'iks'" in places['row 5, column "option"']
    assert "no row for options" in places[""]


def test_csv_is_not_an_assessment_and_write_guards(
    tmp_path: Path, example: samvalg.Assessment
) -> None:
    path = write_csv(example, "arkiv", "model", tmp_path / "m.csv")
    with pytest.raises(ValidationError, match="one score matrix"):
        samvalg.load_assessment(path)
    with pytest.raises(SamvalgError, match="exists"):
        write_csv(example, "arkiv", "model", path)
    with pytest.raises(SamvalgError, match="did you mean 'arkiv'"):
        write_csv(example, "arkv", "model", tmp_path / "n.csv")
