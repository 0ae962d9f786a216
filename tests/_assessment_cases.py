"""Small valid assessments as Python dicts, shared by the assessment tests.

Two service areas (lonn, byggesak), three options each (egen_drift, vertskommune:melhus,
oppgavefellesskap), every criteria set: strategy and gains on 1..5, model on DFØ's pluss-minus
scale. Criterion ids are the contract's (contracts.md, "Ids").

Also the changes the error tests make to such a dict (:func:`put`, :func:`delete`,
:func:`rename`, :func:`cell`, :func:`ahp`) and the problems a loaded dict gives
(:func:`problems_of`, :func:`at`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from samvalg.errors import Problem, ValidationError
from samvalg.io import load_assessment

Data = dict[str, Any]

STRATEGY = (
    "okonomi_effektivisering",
    "kvalitet_kompetanse",
    "kvalifisert_arbeidskraft",
    "fagmiljo",
    "intern_sarbarhet",
    "samordning",
    "demokratisk_forankring",
    "demografi",
    "lovpalagt",
    "statlige_palegg",
    "regionale_behov",
    "tilgjengelighet",
)
GAINS = (
    "kostnadseffektivitet",
    "redusert_sarbarhet",
    "styrket_fagmiljo",
    "service_tilgjengelighet",
    "endringsevne",
)
MODEL = (
    "styringsstruktur",
    "demokratisk_kontroll",
    "okonomi_kostnadsdeling",
    "fleksibilitet",
    "skalerbarhet",
    "fagmiljo_kompetanse",
    "likeverdighet",
    "digitalisering",
    "tjenestekvalitet",
    "implementeringstid",
    "konsekvenser_ansatte",
)
SETS = {"strategy": STRATEGY, "gains": GAINS, "model": MODEL}
OPTIONS = ("egen_drift", "vertskommune:melhus", "oppgavefellesskap")
SERVICES = ("lonn", "byggesak")
PM = ("----", "---", "--", "-", "0", "+", "++", "+++", "++++")


def strategy_score(i: int, j: int) -> int:
    """Option i, criterion j -> 1..5 (deterministic, not constant)."""
    return 1 + (2 * i + j) % 5


def gains_score(i: int, j: int) -> int:
    return 1 + (i + 3 * j) % 5


def model_score(i: int, j: int) -> int:
    """-4..4 for the formal options (i >= 1)."""
    return (i * 3 + j) % 9 - 4


def option_scores(i: int, option: str) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for j, c in enumerate(STRATEGY):
        cells[c] = strategy_score(i, j)
    for j, c in enumerate(GAINS):
        cells[c] = gains_score(i, j)
    for j, c in enumerate(MODEL):
        cells[c] = "na" if option == "egen_drift" else PM[model_score(i, j) + 4]
    return cells


def valid() -> dict[str, Any]:
    """A valid assessment in file form (a fresh deep copy each call)."""
    services = {}
    for sid in SERVICES:
        services[sid] = {
            "options": list(OPTIONS),
            "scores": {opt: option_scores(i, opt) for i, opt in enumerate(OPTIONS)},
        }
    # one cell with rationale and uncertainty
    services["lonn"]["scores"]["oppgavefellesskap"]["fagmiljo"] = {
        "value": 4,
        "rationale": "Samlet fagmiljø på 17 årsverk",
        "low": 3,
        "high": 5,
    }
    w = [4.0, 2.0, 1.0, 1.0, 0.5]  # a consistent AHP matrix for the gains set
    ahp = [[w[i] / w[j] for j in range(5)] for i in range(5)]
    data: dict[str, Any] = {
        "schema_version": 1,
        "meta": {
            "title": "Testvurdering",
            "illustrative": True,
            "description": "Made-up scores for tests",
            "authors": ["Test"],
        },
        "scales": {
            "strategy": {"kind": "numeric", "min": 1, "max": 5},
            "gains": {"kind": "numeric", "min": 1, "max": 5},
            "model": {"kind": "plus_minus"},
        },
        "weights": {
            "sets": {
                "method": "points",
                "points": {"strategy": 40, "gains": 30, "model": 30},
                "total": 100,
            },
            "strategy": {
                "method": "points",
                "points": {c: 10 + 5 * (j % 3) for j, c in enumerate(STRATEGY)},
            },
            "gains": {"method": "ahp", "criteria": list(GAINS), "matrix": ahp},
            "model": {"method": "rank", "ranking": [MODEL[0], [MODEL[1], MODEL[2]], *MODEL[3:]]},
        },
        "services": services,
    }
    return copy.deepcopy(data)


# -- changes to a valid dict (each returns a function that edits the dict in place) ----------


def put(path: list[Any], value: Any) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        t = d
        for k in path[:-1]:
            t = t[k]
        t[path[-1]] = value

    return change


def rename(path: list[Any], old: str, new: str) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        t = d
        for k in path:
            t = t[k]
        t[new] = t.pop(old)

    return change


def delete(*paths: list[Any]) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        for path in paths:
            t = d
            for k in path[:-1]:
                t = t[k]
            del t[path[-1]]

    return change


def cell(option: str, criterion: str, value: Any) -> Callable[[Data], None]:
    return put(["services", "lonn", "scores", option, criterion], value)


def ahp(matrix: list, criteria: list | None = None) -> Callable[[Data], None]:
    return put(
        ["weights", "gains"],
        {"method": "ahp", "criteria": criteria or list(GAINS), "matrix": matrix},
    )


# -- the problems of a loaded dict ------------------------------------------------------------


def problems_of(data: Any) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        load_assessment(data)
    return list(info.value.problems)


def at(problems: list[Problem], location: str) -> Problem:
    found = [p for p in problems if p.location == location]
    assert found, f"no problem at {location!r}; got {[str(p) for p in problems]}"
    return found[0]
