"""JSON Schemas of the input files: shipped = generated, the shipped files validate, wrong
files are rejected by the schema and the loader alike, and docs/formats.md's examples are real.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import samvalg
from samvalg import schemas
from samvalg._resources import criteria_dir, example_assessment_path
from samvalg.assessment._bundles import BUNDLE_KEYS
from samvalg.catalogue._files import FILES as CATALOGUE_FILES
from samvalg.cli import main
from samvalg.errors import ValidationError

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "docs" / "formats.md"


def as_json(value: Any) -> Any:
    """TOML data as JSON data: dates as ISO strings, Decimals as floats."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def validator(document: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def assessment_validator() -> jsonschema.Draft202012Validator:
    return validator(schemas.schema("assessment"))


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    with example_assessment_path().open("rb") as f:
        return tomllib.load(f)


def errors(v: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]


# --------------------------------------------------------------------------------------------
# Shipped = generated
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_shipped_schema_equals_a_fresh_generation(kind: str) -> None:
    shipped = (ROOT / "src" / "samvalg" / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    fresh = schemas.dumps(schemas.generate(kind))  # type: ignore[arg-type]
    assert shipped == fresh, (
        f"src/samvalg/schemas/{kind}.schema.json is stale: run "
        "`.venv/bin/python docs/build_schemas.py` and commit it"
    )
    assert schemas.text(kind) == shipped  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    document = schemas.schema(kind)  # type: ignore[arg-type]
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == f"urn:samvalg:schema:{kind}:1"
    jsonschema.Draft202012Validator.check_schema(document)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="allowed: assessment, catalogue"):
        schemas.generate("plan")  # type: ignore[arg-type]


def test_file_models_list_the_loaders_keys() -> None:
    """The schema's tables and keys are the loader's: a key added there must be added here."""
    from samvalg.assessment import (
        _derived,
        _file_schema,
        _records,
        _schema,
        _validate,
        _validate_cells,
    )
    from samvalg.assessment import _file_schema_economics as fse

    fs = _file_schema
    assert list(fs.AssessmentFile.model_fields) == list(_validate.TOP_KEYS)
    assert tuple(fs.CellTable.model_fields) == _validate_cells.CELL_KEYS
    assert tuple(fse.DerivedTable.model_fields) == _derived.DERIVED_KEYS
    assert tuple(fse.EconomicsTable.model_fields) == _derived.ECONOMICS_KEYS
    assert tuple(fs.BundleTable.model_fields) == BUNDLE_KEYS
    assert tuple(fse.Establishment.model_fields) == _derived.ESTABLISHMENT_KEYS
    assert set(fs.MetaTable.model_fields) == set(_records.Meta.model_fields)
    assert set(fs.ScaleTable.model_fields) == set(_schema.ScaleSpec.model_fields)
    head = set(fs.StakeholderTable.model_fields) - {"weights", "scores"}
    assert head == set(_schema.StakeholderSpec.model_fields)
    document = schemas.generate("assessment")
    methods = {}
    for name, spec in _schema.METHODS.items():
        subclasses = [
            m
            for m in vars(fs).values()
            if isinstance(m, type) and issubclass(m, spec) and m is not spec
        ]
        assert len(subclasses) == 1, name
        (model,) = subclasses
        assert set(model.model_fields) == set(spec.model_fields), name
        methods[name] = f"#/$defs/{model.__name__}"
    set_weights = document["$defs"]["WeightsTables"]["additionalProperties"]
    assert set_weights["discriminator"]["mapping"] == methods


def test_catalogue_file_models_list_the_loaders_tables() -> None:
    from samvalg.catalogue import FILES
    from samvalg.commands.schema import CATALOGUE_FILES

    bundle = schemas.generate("catalogue")
    assert tuple(FILES) == CATALOGUE_FILES
    assert [r["$ref"] for r in bundle["oneOf"]] == [f"#/$defs/{n}" for n in FILES]
    for name, tables in FILES.items():
        props = bundle["$defs"][name]["properties"]
        assert list(props) == ["schema_version", "provenance", *tables]


# --------------------------------------------------------------------------------------------
# The shipped files validate
# --------------------------------------------------------------------------------------------


def test_shipped_example_validates(assessment_validator, example) -> None:
    data = as_json(example)
    assert errors(assessment_validator, data) == []
    json.dumps(data)  # plain JSON


def test_a_toml_date_validates_as_iso_text(assessment_validator, example) -> None:
    data = as_json(example)
    data["meta"]["date"] = datetime.date(2026, 11, 27).isoformat()
    assert errors(assessment_validator, data) == []
    data["meta"]["date"] = "27.11.2026"
    assert errors(assessment_validator, data)


@pytest.mark.parametrize("name", list(CATALOGUE_FILES))
def test_shipped_catalogue_files_validate(name: str) -> None:
    bundle = schemas.schema("catalogue")
    with (criteria_dir() / name).open("rb") as f:
        data = as_json(tomllib.load(f))
    one_schema = {k: v for k, v in bundle.items() if k != "oneOf"}
    one = validator({**one_schema, "$ref": f"#/$defs/{name}"})
    assert errors(one, data) == []
    # the bundle's root accepts it as exactly one of the five files
    assert errors(validator(bundle), data) == []
    others = [n for n in CATALOGUE_FILES if n != name]
    for other in others:
        assert errors(validator({**one_schema, "$ref": f"#/$defs/{other}"}), data), other


def test_catalogue_schema_rejects_a_filled_in_id_and_a_typo() -> None:
    bundle = schemas.schema("catalogue")
    v = validator(
        {**{k: x for k, x in bundle.items() if k != "oneOf"}, "$ref": "#/$defs/forms.toml"}
    )
    with (criteria_dir() / "forms.toml").open("rb") as f:
        data = as_json(tomllib.load(f))
    form = next(iter(data["forms"]))
    bad = copy.deepcopy(data)
    bad["forms"][form]["id"] = form  # the id is the table key
    assert errors(v, bad)
    bad = copy.deepcopy(data)
    bad["forms"][form]["has_hots"] = True
    assert errors(v, bad)
    bad = copy.deepcopy(data)
    bad["forms"]["Not An Id"] = data["forms"][form]
    assert errors(v, bad)


def test_a_conditional_rule_needs_its_condition() -> None:
    bundle = schemas.schema("catalogue")
    v = validator(
        {**{k: x for k, x in bundle.items() if k != "oneOf"}, "$ref": "#/$defs/feasibility.toml"}
    )
    with (criteria_dir() / "feasibility.toml").open("rb") as f:
        data = as_json(tomllib.load(f))
    rid = next(k for k, r in data["rules"].items() if r["status"] == "conditional")
    bad = copy.deepcopy(data)
    del bad["rules"][rid]["condition_en"]
    assert errors(v, bad)
    rid = next(k for k, r in data["rules"].items() if r["status"] == "ok")
    bad = copy.deepcopy(data)
    bad["rules"][rid]["condition_nb"] = "bare hvis ..."
    assert errors(v, bad)


# --------------------------------------------------------------------------------------------
# Wrong files: rejected by the schema and by the loader
# --------------------------------------------------------------------------------------------


def _first_cell(data: dict[str, Any]) -> tuple[str, str, str]:
    sid = next(iter(data["services"]))
    opt = next(iter(data["services"][sid]["scores"]))
    crit = next(iter(data["services"][sid]["scores"][opt]))
    return sid, opt, crit


def _unknown_top_key(d: dict[str, Any]) -> None:
    d["weigths"] = {}


def _unknown_method(d: dict[str, Any]) -> None:
    d["weights"]["strategy"] = {"method": "topsis", "points": {}}


def _unknown_method_in_sets(d: dict[str, Any]) -> None:
    d["weights"]["sets"] = {"method": "objective"}


def _unknown_cell_key(d: dict[str, Any]) -> None:
    sid, opt, crit = _first_cell(d)
    d["services"][sid]["scores"][opt][crit] = {"value": 3, "reason": "typo of rationale"}


def _boolean_score(d: dict[str, Any]) -> None:
    sid, opt, crit = _first_cell(d)
    d["services"][sid]["scores"][opt][crit] = True


def _text_score(d: dict[str, Any]) -> None:
    sid, opt, crit = _first_cell(d)
    d["services"][sid]["scores"][opt][crit] = {"value": "good"}


def _list_score(d: dict[str, Any]) -> None:
    sid, opt, crit = _first_cell(d)
    d["services"][sid]["scores"][opt][crit] = [3, 4]


def _na_with_interval(d: dict[str, Any]) -> None:
    sid, opt, crit = _first_cell(d)
    d["services"][sid]["scores"][opt][crit] = {"value": "na", "low": 1}


def _negative_points(d: dict[str, Any]) -> None:
    d["weights"]["sets"] = {
        "method": "points",
        "points": {"strategy": -1, "gains": 30, "model": 30},
    }


def _missing_meta(d: dict[str, Any]) -> None:
    del d["meta"]


def _wrong_version(d: dict[str, Any]) -> None:
    d["schema_version"] = 2


def _one_option(d: dict[str, Any]) -> None:
    sid = next(iter(d["services"]))
    d["services"][sid]["options"] = d["services"][sid]["options"][:1]


def _stakeholder_na(d: dict[str, Any]) -> None:
    st = d["stakeholders"]["tillitsvalgte"]["scores"]["lonn"]["oppgavefellesskap"]
    st["konsekvenser_ansatte"] = "na"


def _stakeholder_objective(d: dict[str, Any]) -> None:
    d["stakeholders"]["skaun"]["weights"]["model"] = {"method": "objective"}


def _scale_bounds_on_plus_minus(d: dict[str, Any]) -> None:
    d["scales"]["gains"] = {"kind": "plus_minus", "min": -4}


def _unknown_derived_key(d: dict[str, Any]) -> None:
    d["derived"] = {"okonomi_effektivisering": {"source": "economics", "mesure": "sharing"}}


def _usage_key(d: dict[str, Any]) -> None:
    d["economics"] = {"key": "usage"}


def _negative_voting_weight(d: dict[str, Any]) -> None:
    d["stakeholders"]["skaun"]["voting_weight"] = -1


WRONG = [
    _unknown_top_key,
    _unknown_method,
    _unknown_method_in_sets,
    _unknown_cell_key,
    _boolean_score,
    _text_score,
    _list_score,
    _na_with_interval,
    _negative_points,
    _missing_meta,
    _wrong_version,
    _one_option,
    _stakeholder_na,
    _stakeholder_objective,
    _scale_bounds_on_plus_minus,
    _unknown_derived_key,
    _usage_key,
    _negative_voting_weight,
]


@pytest.mark.parametrize("mistake", WRONG, ids=lambda f: f.__name__.strip("_"))
def test_wrong_files_are_rejected_by_schema_and_loader(
    mistake, assessment_validator, example
) -> None:
    data = copy.deepcopy(example)
    mistake(data)
    assert errors(assessment_validator, as_json(data)), "the schema accepted it"
    with pytest.raises(ValidationError):
        samvalg.load_assessment(data)


def test_the_unmodified_example_loads_from_a_mapping(example) -> None:
    """The control of the cross-check: the mapping itself is accepted by the loader."""
    a = samvalg.load_assessment(copy.deepcopy(example))
    assert set(a.services) == set(example["services"])


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_cli_prints_the_schema(capsys, kind: str) -> None:
    assert main(["schema", kind]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == schemas.schema(kind)  # type: ignore[arg-type]
    assert out.startswith('{\n  "$schema"')  # indent 2


def test_cli_prints_one_catalogue_file_schema(capsys) -> None:
    assert main(["schema", "catalogue", "--file", "services.toml"]) == 0
    out, _ = capsys.readouterr()
    document = json.loads(out)
    assert document["$ref"] == "#/$defs/services.toml"
    with (criteria_dir() / "services.toml").open("rb") as f:
        assert errors(validator(document), as_json(tomllib.load(f))) == []
    with (criteria_dir() / "forms.toml").open("rb") as f:
        assert errors(validator(document), as_json(tomllib.load(f)))


@pytest.mark.parametrize(
    "argv",
    [
        ["schema"],
        ["schema", "plan"],
        ["schema", "assessment", "--file", "forms.toml"],
        ["schema", "catalogue", "--file", "form.toml"],
    ],
)
def test_cli_bad_argument_is_one_line_exit_2(capsys, argv: list[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("samvalg: error: ")
    assert "Traceback" not in err


# --------------------------------------------------------------------------------------------
# docs/formats.md: every example is real
# --------------------------------------------------------------------------------------------

_BLOCK = re.compile(r"^```toml(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.M | re.S)


def formats_blocks() -> list[tuple[str, str]]:
    """(info, body) of each ```toml block of docs/formats.md (info: "assessment", ...)."""
    text = FORMATS.read_text(encoding="utf-8")
    return [(m.group("info").strip(), m.group("body")) for m in _BLOCK.finditer(text)]


def test_formats_doc_has_checked_examples() -> None:
    kinds = [info for info, _ in formats_blocks()]
    assert kinds.count("assessment") >= 2
    assert kinds.count("fragment") >= 8
    assert set(kinds) <= {"assessment", "fragment", "catalogue"}, set(kinds)


@pytest.mark.parametrize("index", range(len(formats_blocks())) if FORMATS.is_file() else [])
def test_formats_doc_example_is_real(index: int, assessment_validator, tmp_path: Path) -> None:
    info, body = formats_blocks()[index]
    data = tomllib.loads(body)  # every block parses
    if info == "assessment":  # a complete file: the loader and the schema accept it
        path = tmp_path / "a.toml"
        path.write_text(body, encoding="utf-8")
        samvalg.load_assessment(path)
        assert errors(assessment_validator, as_json(data)) == []
    elif info == "fragment":  # part of an assessment: put into the example, both accept it
        with example_assessment_path().open("rb") as f:
            merged = tomllib.load(f)
        _merge(merged, data)
        assert errors(assessment_validator, as_json(merged)) == []
        samvalg.load_assessment(merged)
    else:  # a catalogue file or part of one: its tables validate against their schemas
        bundle = schemas.schema("catalogue")
        defs = bundle["$defs"]
        root = {k: v for k, v in bundle.items() if k != "oneOf"}
        for name, d in defs.items():
            if not name.endswith(".toml"):
                continue
            tables = {k: v for k, v in as_json(data).items() if k in d["properties"]}
            if not tables:
                continue
            checked = {"type": "object", "properties": {k: d["properties"][k] for k in tables}}
            assert errors(validator({**root, **checked}), tables) == [], name


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict) and "method" not in v:
            _merge(base[k], v)
        else:
            base[k] = v


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_formats_doc_names_every_key_of_the_schema(kind: str) -> None:
    """docs/formats.md names every key the schema knows in inline code (`key`, `[a.key]`)."""
    doc = FORMATS.read_text(encoding="utf-8")
    document = schemas.schema(kind)  # type: ignore[arg-type]
    code = " ".join(re.findall(r"`[^`\n]+`", doc))  # the inline code of the page
    missing = sorted(
        {
            f"{name}.{key}"
            for name, d in document["$defs"].items()
            for key in d.get("properties", {})
            if not re.search(rf"(?<![\w<]){re.escape(key)}(?![\w>])", code)
        }
    )
    assert not missing, f"docs/formats.md does not mention {missing}"


def test_formats_doc_is_linked() -> None:
    assert "docs/formats.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "formats.md" in (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
