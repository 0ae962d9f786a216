"""Fuzzing the readers: nothing escapes but samvalg's own errors.

Hypothesis generates TOML text, mutates the valid assessment (deletions, type swaps, random
strings and keys, huge and non-finite numbers), scrambles cells of a workshop workbook and writes
random CSV text. Every input must either load or raise :class:`samvalg.errors.SamvalgError`
(:class:`~samvalg.errors.ValidationError` is one), never a bare ``KeyError``, ``TypeError``,
``AttributeError``, ``IndexError`` ... A mutated assessment that loads must also evaluate without
an unexpected exception. Budgets are fixed and the runs derandomised, so CI is stable.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _assessment_cases import valid
from _bad_files import to_toml
from samvalg import evaluate, load_assessment
from samvalg.errors import SamvalgError

BUDGET = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
SMALL = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def load_or_refuse(source: Any) -> Any:
    """Load; only samvalg's own errors may come out. Evaluate what loads."""
    try:
        a = load_assessment(source)
    except SamvalgError as exc:
        assert str(exc)  # a message, never empty
        return None
    try:
        evaluate(a)
    except SamvalgError:
        pass
    return a


# -- values a user might type ----------------------------------------------------------------

scalars = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            0,
            1,
            5,
            -1,
            1e308,
            -1e308,
            5e-324,
            10**400,
            "na",
            "",
            " ",
            "++",
            "----",
            "0",
            "1/3",
            "vertskommune:melhus",
            "egen_drift",
            True,
            False,
        ]
    ),
    st.text(max_size=12),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _paths(d: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(d, dict):
        for k, v in d.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            out += _paths(v, (*prefix, i))
    return out


def _parent(d: Any, path: tuple) -> Any:
    for k in path[:-1]:
        d = d[k]
    return d


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The valid assessment with 1-4 random mutations."""
    data = valid()
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        key = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "rename", "insert", "empty"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(values)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = parent.pop(key)
        elif action == "insert" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(values)
        elif action == "insert" and isinstance(parent, list):
            parent.insert(draw(st.integers(0, len(parent))), draw(values))
        elif action == "empty":
            parent[key] = type(parent[key])() if isinstance(parent[key], dict | list) else ""
    return data


@BUDGET
@given(data=mutated())
def test_mutated_mappings_raise_only_validation_errors(data: dict[str, Any]) -> None:
    load_or_refuse(data)


@BUDGET
@given(data=mutated())
def test_mutated_files_raise_only_validation_errors(data: dict[str, Any], tmp_path: Path) -> None:
    try:
        text = to_toml(data)
    except TypeError:  # a value TOML cannot hold (e.g. a date inside a mapping key): skip
        return
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    load_or_refuse(path)


_VALID_TEXT = to_toml(valid())

toml_alphabet = st.sampled_from(
    [*string.printable, "æ", "ø", "å", "\x00", "\ufeff", "[", "]", "=", '"', "'", "."]
)


@BUDGET
@given(
    cut=st.integers(0, len(_VALID_TEXT)),
    length=st.integers(0, 40),
    insert=st.text(toml_alphabet, max_size=20),
)
def test_edited_toml_text_raises_only_validation_errors(
    cut: int, length: int, insert: str, tmp_path: Path
) -> None:
    """The valid file with a slice cut out and random text put in its place."""
    text = _VALID_TEXT[:cut] + insert + _VALID_TEXT[cut + length :]
    path = tmp_path / "edit.toml"
    path.write_text(text, encoding="utf-8")
    load_or_refuse(path)


@BUDGET
@given(raw=st.binary(max_size=200))
def test_random_bytes_raise_only_validation_errors(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bytes.toml"
    path.write_bytes(raw)
    load_or_refuse(path)


# -- spreadsheets ----------------------------------------------------------------------------


@functools.cache
def _template() -> bytes:
    import tempfile

    from samvalg.io import write_template

    with tempfile.TemporaryDirectory() as tmp:
        return write_template(
            Path(tmp) / "t.xlsx", assessment=load_assessment(valid()), services=["lonn"]
        ).read_bytes()


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(string.printable, max_size=8),
    st.booleans(),
    st.sampled_from(["na", "=1+1", "NaN", "inf", "1e999", "++", "vertskommune:melhys"]),
    st.datetimes(min_value=datetime.datetime(1901, 1, 1)),
)


@SMALL
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["lonn", "meta", "vekter_gains", "vekter_strategy", "vekter_sets"]),
            st.integers(1, 40),
            st.integers(1, 12),
            cell_values,
        ),
        min_size=1,
        max_size=6,
    ),
    merge=st.booleans(),
    drop=st.sampled_from([None, "meta", "lonn", "vekter_gains"]),
)
def test_scrambled_workbooks_raise_only_validation_errors(
    edits: list, merge: bool, drop: str | None, tmp_path: Path
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(_template()))
    for sheet, row, col, v in edits:
        cell = wb[sheet].cell(row=row, column=col)
        if type(cell).__name__ != "MergedCell":  # the template's title rows are merged
            cell.value = v
    if merge:
        wb["lonn"].merge_cells("D9:E10")
    if drop is not None:
        del wb[drop]
    path = tmp_path / "fuzz.xlsx"
    wb.save(path)
    load_or_refuse(path)


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    from _assessment_cases import STRATEGY

    header = ["option", *STRATEGY]
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(st.text(string.printable, max_size=10))
    rows = [header]
    cell = st.one_of(
        st.sampled_from(
            [
                "1",
                "3",
                "5",
                "na",
                "",
                "2,5",
                "nan",
                "inf",
                "9",
                "x",
                "egen_drift",
                "vertskommune:melhus",
                "oppgavefellesskap",
                '"',
                ";",
            ]
        ),
        st.text(string.printable, max_size=5),
    )
    for _ in range(draw(st.integers(0, 5))):
        rows.append(draw(st.lists(cell, min_size=0, max_size=len(header) + 2)))
    sep = draw(st.sampled_from([",", ";"]))
    return "\n".join(sep.join(r) for r in rows)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=csv_text())
def test_random_csv_raises_only_validation_errors(text: str, tmp_path: Path) -> None:
    from samvalg.io import read_csv

    path = tmp_path / "fuzz.csv"
    path.write_text(text, encoding="utf-8")
    try:
        read_csv(path, _base(), "lonn", "strategy")
    except SamvalgError as exc:
        assert str(exc)


@functools.cache
def _base() -> Any:
    return load_assessment(valid())


@pytest.mark.parametrize("raw", [b"", b"PK\x03\x04garbage", bytes(range(256)) * 4])
def test_broken_workbook_bytes(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(raw)
    with pytest.raises(SamvalgError):
        load_assessment(path)


def test_the_fuzzers_start_from_a_valid_assessment() -> None:
    """So a mutation, not the base, is what the fuzzers test."""
    assert load_or_refuse(copy.deepcopy(valid())) is not None


@pytest.mark.parametrize(
    "text",
    [
        # found by test_random_csv_raises_only_validation_errors: a bare carriage return escaped
        # as _csv.Error before io.csv read with newline=""
        "option,okonomi_effektivisering\n\r0",
        'option,fagmiljo\n"egen_drift,3\n',
    ],
)
def test_csv_escapes_found_by_the_fuzzer(text: str, tmp_path: Path) -> None:
    from samvalg.io import read_csv

    path = tmp_path / "found.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(SamvalgError):
        read_csv(path, _base(), "lonn", "strategy")
