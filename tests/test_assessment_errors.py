"""Every kind of mistake in an assessment gives a located, specific problem, all in one pass."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from _assessment_cases import (
    GAINS,
    MODEL,
    STRATEGY,
    Data,
    ahp,
    at,
    cell,
    delete,
    problems_of,
    put,
    rename,
    valid,
)
from samvalg.errors import Problem, ValidationError
from samvalg.io import dump_toml, load_assessment


def test_the_valid_case_has_no_problems() -> None:
    load_assessment(valid())


# -- one mistake at a time: (change, location, words in the message or allowed) ---------------

LONN = "services.lonn"
ED = f"{LONN}.scores.egen_drift"
VK = f'{LONN}.scores."vertskommune:melhus"'
KO = f"{LONN}.scores.oppgavefellesskap"


def _gains_on_plus_minus(egen_drift_value: Any) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        d["scales"]["gains"] = {"kind": "plus_minus"}
        for svc in d["services"].values():
            for opt, cells in svc["scores"].items():
                for c in GAINS:
                    cells[c] = "+" if opt != "egen_drift" else "0"
        d["services"]["lonn"]["scores"]["egen_drift"][GAINS[0]] = egen_drift_value

    return change


ONES5 = [[1.0] * 5 for _ in range(5)]

CASES: list[tuple[str, Callable[[Data], None], str, list[str]]] = [
    # structure and keys
    (
        "top-level typo",
        rename([], "services", "servises"),
        "servises",
        ["unknown top-level key", "did you mean 'services'"],
    ),
    (
        "meta typo",
        rename(["meta"], "title", "titel"),
        "meta.titel",
        ["unknown key 'titel'", "did you mean 'title'"],
    ),
    ("meta title missing", delete(["meta", "title"]), "meta.title", ["required", "missing"]),
    ("meta missing", delete(["meta"]), "meta", ["[meta]", "missing"]),
    (
        "meta bool as text",
        put(["meta", "illustrative"], "yes"),
        "meta.illustrative",
        ["true or false", '"yes"'],
    ),
    ("meta bad date", put(["meta", "date"], "27.11.2026"), "meta.date", ["date"]),
    ("schema_version missing", delete(["schema_version"]), "schema_version", ["missing"]),
    (
        "schema_version unsupported",
        put(["schema_version"], 2),
        "schema_version",
        ["unsupported schema_version 2"],
    ),
    ("schema_version text", put(["schema_version"], "1"), "schema_version", ["integer", '"1"']),
    (
        "scales set typo",
        rename(["scales"], "strategy", "strategi"),
        "scales.strategi",
        ["unknown criteria set", "did you mean 'strategy'"],
    ),
    (
        "scale key typo",
        put(["scales", "gains"], {"kinde": "numeric"}),
        "scales.gains.kinde",
        ["did you mean 'kind'"],
    ),
    (
        "scale kind unknown",
        put(["scales", "gains"], {"kind": "likert"}),
        "scales.gains.kind",
        ['"likert"', "numeric"],
    ),
    (
        "scale min >= max",
        put(["scales", "gains"], {"min": 5, "max": 1}),
        "scales.gains",
        ["min must be below max"],
    ),
    (
        "scale nan bound",
        put(["scales", "gains"], {"min": float("nan")}),
        "scales.gains.min",
        ["finite", "nan"],
    ),
    (
        "plus_minus with bounds",
        put(["scales", "model"], {"kind": "plus_minus", "min": -2}),
        "scales.model.min",
        ["does not apply"],
    ),
    ("services missing", delete(["services"]), "services", ["missing"]),
    ("services empty", put(["services"], {}), "services", ["at least one"]),
    (
        "service typo",
        rename(["services"], "lonn", "lonnn"),
        "services.lonnn",
        ["unknown service area", "did you mean 'lonn'"],
    ),
    (
        "service key typo",
        rename(["services", "lonn"], "options", "option"),
        "services.lonn.option",
        ["did you mean 'options'"],
    ),
    # options
    (
        "unknown form",
        put(["services", "lonn", "options", 2], "oppgavefelleskap"),
        f"{LONN}.options[2]",
        ["unknown cooperation form", "did you mean 'oppgavefellesskap'"],
    ),
    (
        "unknown host",
        put(["services", "lonn", "options", 1], "vertskommune:melhuss"),
        f"{LONN}.options[1]",
        ["unknown host municipality", "did you mean 'melhus'"],
    ),
    (
        "host on a form without host",
        put(["services", "lonn", "options", 2], "oppgavefellesskap:melhus"),
        f"{LONN}.options[2]",
        ["has no host"],
    ),
    (
        "host missing",
        put(["services", "lonn", "options", 1], "vertskommune"),
        f"{LONN}.options[1]",
        ["needs a host", "vertskommune:melhus"],
    ),
    (
        "option not text",
        put(["services", "lonn", "options", 1], 3),
        f"{LONN}.options[1]",
        ["expected an option"],
    ),
    (
        "duplicate option",
        lambda d: d["services"]["lonn"]["options"].append("egen_drift"),
        f"{LONN}.options[3]",
        ["duplicate option 'egen_drift'", "options[0]"],
    ),
    (
        "single option",
        lambda d: d["services"]["lonn"].update(
            options=["egen_drift"],
            scores={"egen_drift": d["services"]["lonn"]["scores"]["egen_drift"]},
        ),
        f"{LONN}.options",
        ["at least 2 options", "found 1"],
    ),
    (
        "scores for an undeclared option",
        lambda d: d["services"]["lonn"]["scores"].update(
            iks=dict(d["services"]["lonn"]["scores"]["oppgavefellesskap"])
        ),
        f"{LONN}.scores.iks",
        ["not in services.lonn.options"],
    ),
    (
        "scores of an option missing",
        delete(["services", "lonn", "scores", "oppgavefellesskap"]),
        f"{LONN}.scores",
        ["no scores for option 'oppgavefellesskap'", "28 cells"],
    ),
    # cells
    (
        "unknown criterion",
        rename(["services", "lonn", "scores", "egen_drift"], "fagmiljo", "fagmilj"),
        f"{ED}.fagmilj",
        ["unknown criterion 'fagmilj'", "did you mean 'fagmiljo'"],
    ),
    (
        "score above the scale",
        cell("egen_drift", "fagmiljo", 6),
        f"{ED}.fagmiljo",
        ["6 is outside the scale 1..5"],
    ),
    (
        "score below the scale",
        cell("egen_drift", "fagmiljo", 0.5),
        f"{ED}.fagmiljo",
        ["0.5 is outside"],
    ),
    (
        "non-numeric score",
        cell("egen_drift", "fagmiljo", "tre"),
        f"{ED}.fagmiljo",
        ['"tre"', "expected a number"],
    ),
    (
        "nan score",
        cell("egen_drift", "fagmiljo", float("nan")),
        f"{ED}.fagmiljo",
        ["nan", "finite"],
    ),
    (
        "inf score",
        cell("egen_drift", "fagmiljo", float("inf")),
        f"{ED}.fagmiljo",
        ["inf", "finite"],
    ),
    ("bool score", cell("egen_drift", "fagmiljo", True), f"{ED}.fagmiljo", ["boolean true"]),
    ("list score", cell("egen_drift", "fagmiljo", [1, 2]), f"{ED}.fagmiljo", ["expected a number"]),
    (
        "low above high",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": 4, "high": 2}),
        f"{ED}.fagmiljo",
        ["low 4 is above high 2"],
    ),
    (
        "low outside the scale",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": 0, "high": 4}),
        f"{ED}.fagmiljo.low",
        ["0 is outside the scale"],
    ),
    (
        "high outside the scale",
        cell("egen_drift", "fagmiljo", {"value": 3, "low": 2, "high": 9}),
        f"{ED}.fagmiljo.high",
        ["9 is outside the scale"],
    ),
    (
        "value outside its interval",
        cell("egen_drift", "fagmiljo", {"value": 5, "low": 2, "high": 4}),
        f"{ED}.fagmiljo.value",
        ["value 5 is outside its uncertainty interval [2, 4]"],
    ),
    (
        "cell key typo",
        cell("egen_drift", "fagmiljo", {"value": 3, "rationel": "x"}),
        f"{ED}.fagmiljo.rationel",
        ["did you mean 'rationale'"],
    ),
    (
        "cell value missing",
        cell("egen_drift", "fagmiljo", {"rationale": "x"}),
        f"{ED}.fagmiljo",
        ["'value' is missing"],
    ),
    (
        "rationale not text",
        cell("egen_drift", "fagmiljo", {"value": 3, "rationale": 4}),
        f"{ED}.fagmiljo.rationale",
        ["expected text"],
    ),
    (
        "na with bounds",
        cell("egen_drift", "fagmiljo", {"value": "na", "low": 1}),
        f"{ED}.fagmiljo.low",
        ['"na"', "no low"],
    ),
    (
        "plus_minus label on a numeric scale",
        cell("egen_drift", "fagmiljo", "++"),
        f"{ED}.fagmiljo",
        ['"++"', "expected a number"],
    ),
    (
        "bad plus_minus label",
        cell("vertskommune:melhus", "likeverdighet", "+++++"),
        f"{VK}.likeverdighet",
        ['"+++++"', "pluss-minus"],
    ),
    (
        "plus_minus out of range",
        cell("vertskommune:melhus", "likeverdighet", 5),
        f"{VK}.likeverdighet",
        ["5 is not on the pluss-minus scale"],
    ),
    (
        "model criteria for egen_drift",
        cell("egen_drift", "likeverdighet", "+"),
        f"{ED}.likeverdighet",
        ["not a formal cooperation form", '"na"'],
    ),
    (
        "egen_drift non-zero on plus_minus",
        _gains_on_plus_minus("+"),
        f"{ED}.{GAINS[0]}",
        ["zero option", '"0"', '"+"'],
    ),
    # weights
    (
        "weights table typo",
        rename(["weights"], "strategy", "strateg"),
        "weights.strateg",
        ["unknown weights table", "did you mean 'strategy'"],
    ),
    (
        "weights method typo",
        put(["weights", "strategy", "method"], "pionts"),
        "weights.strategy.method",
        ["did you mean 'points'"],
    ),
    (
        "weights method missing",
        delete(["weights", "strategy", "method"]),
        "weights.strategy.method",
        ["missing", "points"],
    ),
    (
        "weights key typo",
        rename(["weights", "strategy"], "points", "point"),
        "weights.strategy.point",
        ["unknown key 'point'", "did you mean 'points'"],
    ),
    (
        "points: unknown criterion",
        rename(["weights", "strategy", "points"], "fagmiljo", "fagmiljø"),
        'weights.strategy.points."fagmiljø"',
        ["unknown criterion", "did you mean 'fagmiljo'"],
    ),
    (
        "points: missing criteria",
        lambda d: [d["weights"]["strategy"]["points"].pop(c) for c in ("demografi", "lovpalagt")],
        "weights.strategy.points",
        ["2 missing", "demografi, lovpalagt"],
    ),
    (
        "points: negative",
        put(["weights", "strategy", "points", "fagmiljo"], -5),
        "weights.strategy.points.fagmiljo",
        ["negative weight -5"],
    ),
    (
        "points: bool",
        put(["weights", "strategy", "points", "fagmiljo"], True),
        "weights.strategy.points.fagmiljo",
        ["boolean true"],
    ),
    (
        "points: nan",
        put(["weights", "strategy", "points", "fagmiljo"], float("nan")),
        "weights.strategy.points.fagmiljo",
        ["finite"],
    ),
    (
        "points: all zero",
        put(["weights", "strategy", "points"], dict.fromkeys(STRATEGY, 0)),
        "weights.strategy.points",
        ["all values are 0"],
    ),
    (
        "points: total",
        put(["weights", "sets", "points", "model"], 25),
        "weights.sets.points",
        ["sum to 95", "total = 100"],
    ),
    (
        "swing: missing",
        put(["weights", "gains"], {"method": "swing", "swing": {GAINS[0]: 100, GAINS[1]: 50}}),
        "weights.gains.swing",
        ["3 missing", GAINS[4]],
    ),
    (
        "swing: no 100",
        put(["weights", "gains"], {"method": "swing", "swing": dict.fromkeys(GAINS, 80)}),
        "weights.gains.swing",
        ["no swing is 100"],
    ),
    (
        "swing: above 100",
        put(
            ["weights", "gains"],
            {"method": "swing", "swing": {**dict.fromkeys(GAINS, 50), GAINS[2]: 120}},
        ),
        f"weights.gains.swing.{GAINS[2]}",
        ["above 100"],
    ),
    (
        "direct: missing",
        put(["weights", "gains"], {"method": "direct", "values": {GAINS[0]: 1}}),
        "weights.gains.values",
        ["4 missing"],
    ),
    (
        "rank: unknown",
        put(["weights", "model", "ranking", 0], "styring"),
        "weights.model.ranking[0]",
        ["unknown criterion", "did you mean 'styringsstruktur'"],
    ),
    (
        "rank: repeated",
        put(["weights", "model", "ranking", 3], MODEL[0]),
        "weights.model.ranking[3]",
        ["ranked twice", "weights.model.ranking[0]"],
    ),
    (
        "rank: repeated in a tie",
        put(["weights", "model", "ranking", 1], [MODEL[1], MODEL[1]]),
        "weights.model.ranking[1][1]",
        ["ranked twice"],
    ),
    (
        "rank: missing",
        lambda d: d["weights"]["model"]["ranking"].pop(),
        "weights.model.ranking",
        ["1 not ranked", MODEL[-1]],
    ),
    (
        "rank: formula",
        put(["weights", "model", "formula"], "roc2"),
        "weights.model.formula",
        ['"roc2"', "rank_sum"],
    ),
    (
        "ahp: not square",
        ahp([[1.0] * 5, [1.0] * 4, *ONES5[2:]]),
        "weights.gains.matrix[1]",
        ["4 entries", "square"],
    ),
    (
        "ahp: wrong size",
        ahp([[1.0] * 4 for _ in range(4)]),
        "weights.gains.matrix",
        ["4 rows", "5 x 5"],
    ),
    (
        "ahp: not positive",
        ahp([[1, -3, 1, 1, 1], *ONES5[1:]]),
        "weights.gains.matrix[0][1]",
        ["positive"],
    ),
    (
        "ahp: not a number",
        ahp([[1, "three", 1, 1, 1], *ONES5[1:]]),
        "weights.gains.matrix[0][1]",
        ['"three"', "fraction"],
    ),
    (
        "ahp: not reciprocal",
        ahp([[1, 3, 1, 1, 1], [2, 1, 1, 1, 1], *ONES5[2:]]),
        "weights.gains.matrix[1][0]",
        ["not reciprocal", "1/3"],
    ),
    (
        "ahp: diagonal",
        ahp([[2, 1, 1, 1, 1], *ONES5[1:]]),
        "weights.gains.matrix[0][0]",
        ["diagonal must be 1"],
    ),
    (
        "ahp: criteria not the set's",
        ahp(ONES5, [*GAINS[:4], GAINS[0]]),
        "weights.gains.criteria",
        ["every criterion", f"missing: {GAINS[4]}"],
    ),
    (
        "ahp: unknown criterion",
        ahp(ONES5, [*GAINS[:4], "endring"]),
        "weights.gains.criteria[4]",
        ["unknown criterion", "did you mean 'endringsevne'"],
    ),
    (
        "set weights: unknown set",
        rename(["weights", "sets", "points"], "model", "modell"),
        "weights.sets.points.modell",
        ["unknown criteria set", "did you mean 'model'"],
    ),
    (
        "set weights: objective",
        put(["weights", "sets"], {"method": "objective"}),
        "weights.sets.method",
        ["cannot weigh"],
    ),
    (
        "objective: measure",
        put(["weights", "gains"], {"method": "objective", "measure": "entropi"}),
        "weights.gains.measure",
        ['"entropi"', "did you mean 'entropy'"],
    ),
]


@pytest.mark.parametrize(
    ("change", "location", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_is_located_and_explained(
    change: Callable[[Data], None], location: str, words: list[str]
) -> None:
    data = valid()
    change(data)
    problems = problems_of(data)
    p = at(problems, location)
    text = f"{p.message} (allowed: {p.allowed})"
    for w in words:
        assert w in text, f"{w!r} not in {text!r}"
    assert p.source == "<python>"


def test_a_renamed_criterion_is_both_unknown_and_missing() -> None:
    data = valid()
    scores = data["services"]["lonn"]["scores"]["egen_drift"]
    scores["fagmilj"] = scores.pop("fagmiljo")
    problems = problems_of(data)
    assert {p.location for p in problems} == {f"{ED}.fagmilj", ED}
    assert "fagmiljo" in at(problems, ED).message


def test_every_missing_cell_is_listed_at_once() -> None:
    data = valid()
    ed = data["services"]["lonn"]["scores"]["egen_drift"]
    for c in ("fagmiljo", "demografi", GAINS[1], MODEL[4]):
        del ed[c]
    del data["services"]["byggesak"]["scores"]["oppgavefellesskap"][STRATEGY[0]]
    problems = problems_of(data)
    assert len(problems) == 2
    p = at(problems, ED)
    for c in ("fagmiljo", "demografi", GAINS[1], MODEL[4]):
        assert c in p.message
    assert "4 missing scores" in p.message and "strategy: " in p.message
    q = at(problems, "services.byggesak.scores.oppgavefellesskap")
    assert "1 missing score " in q.message and STRATEGY[0] in q.message


def test_five_distinct_mistakes_give_five_problems() -> None:
    data = valid()
    data["meta"]["illustrative"] = "yes"
    data["services"]["lonn"]["options"][1] = "vertskommune:melhuss"
    data["services"]["byggesak"]["scores"]["egen_drift"]["fagmiljo"] = 7
    data["weights"]["strategy"]["points"]["fagmiljo"] = -1
    data["weights"]["gains"]["matrix"][0][1] = 5.0
    problems = problems_of(data)
    assert [p.location for p in problems] == [
        "meta.illustrative",
        "weights.strategy.points.fagmiljo",
        "weights.gains.matrix[1][0]",
        "services.lonn.options[1]",
        "services.byggesak.scores.egen_drift.fagmiljo",
    ]


def test_problems_carry_what_is_allowed() -> None:
    data = valid()
    data["services"]["lonn"]["scores"]["egen_drift"]["fagmiljo"] = 9
    p = problems_of(data)[0]
    assert "1 to 5" in p.allowed and '"na"' in p.allowed
    assert str(p).startswith("<python>: services.lonn.scores.egen_drift.fagmiljo: ")


def test_non_text_keys_and_wrong_source_types() -> None:
    problems = problems_of({1: "x", **valid()})
    assert "keys must be text" in problems[0].message
    with pytest.raises(ValidationError, match="file path or a mapping"):
        load_assessment(42)  # type: ignore[arg-type]


# -- files -----------------------------------------------------------------------------------


@pytest.fixture
def toml_text(tmp_path: Path) -> str:
    from samvalg.io import load_assessment as load

    path = dump_toml(load(valid()), tmp_path / "valid.toml")
    return path.read_text(encoding="utf-8")


def _file_problems(path: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        load_assessment(path)
    return list(info.value.problems)


def test_file_with_a_typo_key_names_the_file_and_leaves_it_unchanged(
    tmp_path: Path, toml_text: str
) -> None:
    path = tmp_path / "vurdering.toml"
    path.write_text(toml_text.replace("\ntitle = ", "\ntitel = ", 1), encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    listing = sorted(tmp_path.iterdir())
    problems = _file_problems(path)
    assert sorted(p.location for p in problems) == ["meta.titel", "meta.title"]
    assert all(p.source == "vurdering.toml" for p in problems)
    assert "did you mean 'title'" in at(problems, "meta.titel").message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(tmp_path.iterdir()) == listing


def test_valid_file_loads_with_its_name_as_source(tmp_path: Path, toml_text: str) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(toml_text, encoding="utf-8")
    assert load_assessment(path).source == "ok.toml"
    assert load_assessment(str(path)).source == "ok.toml"


def test_toml_nan_literal_is_rejected(tmp_path: Path, toml_text: str) -> None:
    path = tmp_path / "nan.toml"
    path.write_text(
        toml_text.replace("\nfagmiljo = 4\n", "\nfagmiljo = nan\n", 1), encoding="utf-8"
    )
    problems = _file_problems(path)
    assert len(problems) == 1
    assert problems[0].location.endswith(".fagmiljo") and "nan" in problems[0].message


def test_missing_file(tmp_path: Path) -> None:
    (p,) = _file_problems(tmp_path / "finnes_ikke.toml")
    assert "file not found" in p.message and p.source == "finnes_ikke.toml"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    (p,) = _file_problems(folder)
    assert "folder" in p.message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("  \n\n", encoding="utf-8")
    (p,) = _file_problems(path)
    assert "empty" in p.message


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('schema_version = 1\n[meta]\ntitle = "L\u00f8nn"\n'.encode("latin-1"))
    (p,) = _file_problems(path)
    assert p.location == "line 3, column 11"
    assert "not UTF-8" in p.message and "0xf8" in p.message


def test_malformed_toml_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema_version = 1\n[meta]\ntitle = "x\n', encoding="utf-8")
    (p,) = _file_problems(path)
    assert p.location.startswith("line 3, column")
    assert p.message.startswith("malformed TOML") and "(at line" not in p.message


def test_duplicate_toml_key_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "dup.toml"
    path.write_text("schema_version = 1\nschema_version = 1\n", encoding="utf-8")
    (p,) = _file_problems(path)
    assert p.location.startswith("line 2, column ")


@pytest.mark.parametrize(
    ("name", "words", "allowed"),
    [
        ("a.xlsx", "not a readable .xlsx workbook", "a workbook saved as .xlsx"),
        ("a.csv", "one score matrix", ".toml, .xlsx"),
        ("a.xls", "old Excel format", ".toml, .xlsx"),
        ("a.json", "unsupported file type", ".toml"),
    ],
)
def test_other_suffixes(tmp_path: Path, name: str, words: str, allowed: str) -> None:
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    (p,) = _file_problems(path)
    assert words in p.message and p.allowed.startswith(allowed)
