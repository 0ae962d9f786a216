"""evaluate(): the case's two questions per service area, checked by independent routes."""

from __future__ import annotations

import json
import tomllib

import numpy as np
import pytest

import samvalg
from samvalg._resources import example_assessment_path
from samvalg.errors import SamvalgError

SERVICES = (
    "sentralbord postmottak arkiv lonn regnskap fakturering plan byggesak kart_oppmaling landbruk"
).split()


@pytest.fixture(scope="module")
def assessment():
    return samvalg.example_assessment()


@pytest.fixture(scope="module")
def ev(assessment):
    return samvalg.evaluate(assessment)


def test_every_service_has_both_questions_and_the_combined_view(ev) -> None:
    assert set(ev) == set(SERVICES)
    for sev in ev.values():
        assert {"whether", "form", "combined", "strategy", "gains", "model"} <= set(sev.views)
        assert sev.recommendation is not None


def test_question_one_covers_own_operation_and_networks(ev) -> None:
    for sev in ev.values():
        whether = sev["whether"]
        assert "egen_drift" in whether.options
        assert "fagnettverk" in whether.options


def test_model_criteria_do_not_apply_to_informal_options(ev) -> None:
    for sev in ev.values():
        form = sev["form"]
        assert "egen_drift" not in form.options
        assert "egen_drift" in form.excluded
        assert "ikke relevant" in form.excluded["egen_drift"]


def test_infeasible_options_are_visible_but_never_first(ev) -> None:
    byggesak = ev["byggesak"]
    assert not byggesak.feasibility["oppgavefellesskap"].ok
    for view in byggesak.views.values():
        if "oppgavefellesskap" in view.options:
            i = view.options.index("oppgavefellesskap")
            n_feasible = int(view.feasible.sum())
            assert view.ranks[i] > n_feasible
            assert view.best != "oppgavefellesskap"
    assert byggesak.recommendation != "oppgavefellesskap"
    assert any("19-1" in r for r in byggesak.feasibility["oppgavefellesskap"].reasons)


def test_wsm_values_equal_weights_times_anchored_values(ev) -> None:
    for sev in ev.values():
        for view in sev.views.values():
            np.testing.assert_allclose(view.values, view.value_matrix @ view.weights, atol=1e-12)
            np.testing.assert_allclose(view.contributions.sum(axis=1), view.values, atol=1e-12)
            assert view.weights.sum() == pytest.approx(1.0)


def _independent_weights(raw: dict, set_id: str, criteria: list[str]) -> np.ndarray:
    """Resolve a weight table from the raw TOML without samvalg's weight code."""
    spec = raw["weights"][set_id]
    method = spec["method"]
    if method in ("points", "swing", "direct"):
        table = spec.get("points") or spec.get("swing") or spec.get("values")
        v = np.array([float(table[c]) for c in criteria])
        return v / v.sum()
    if method == "equal":
        return np.full(len(criteria), 1 / len(criteria))
    if method == "ahp":
        order = spec["criteria"]
        P = np.array(spec["matrix"], dtype=float)
        vals, vecs = np.linalg.eig(P)
        k = int(np.argmax(vals.real))
        v = np.abs(vecs[:, k].real)
        v /= v.sum()
        return np.array([v[order.index(c)] for c in criteria])
    if method == "rank":
        groups = [g if isinstance(g, list) else [g] for g in spec["ranking"]]
        n = sum(len(g) for g in groups)
        formula = spec.get("formula", "roc")
        pos = np.arange(1, n + 1)
        if formula == "roc":
            base = np.array([np.sum(1 / np.arange(i, n + 1)) / n for i in pos])
        elif formula == "rank_sum":
            base = 2 * (n + 1 - pos) / (n * (n + 1))
        else:
            base = (1 / pos) / np.sum(1 / pos)
        out, start = {}, 0
        for g in groups:
            share = base[start : start + len(g)].mean()
            for c in g:
                out[c] = share
            start += len(g)
        return np.array([out[c] for c in criteria])
    pytest.fail(f"test does not know weight method {method}")


def test_combined_value_matches_a_from_scratch_computation_on_the_raw_file(ev) -> None:
    """Independent route: parse the TOML with tomllib and compute the hierarchical WSM by hand."""
    raw = tomllib.loads(example_assessment_path().read_text(encoding="utf-8"))
    cat = samvalg.catalogue()
    sets = ("strategy", "gains", "model")
    set_spec = raw["weights"]["sets"]
    sw_table = set_spec.get("points") or set_spec.get("values") or set_spec.get("swing")
    sw = np.array([float(sw_table[s]) for s in sets])
    sw = sw / sw.sum()
    pm = {"----": -4, "---": -3, "--": -2, "-": -1, "0": 0, "+": 1, "++": 2, "+++": 3, "++++": 4}
    for sid in ("lonn", "byggesak"):
        view = ev[sid]["combined"]
        for opt in view.options:
            total = 0.0
            for s, W in zip(sets, sw, strict=True):
                crits = [c.id for c in cat.criteria_sets[s].criteria]
                w = _independent_weights(raw, s, crits)
                scale = raw["scales"][s]
                for c, wc in zip(crits, w, strict=True):
                    cell = raw["services"][sid]["scores"][opt][c]
                    x = cell["value"] if isinstance(cell, dict) else cell
                    if scale["kind"] == "plus_minus":
                        v = (pm[x] if isinstance(x, str) else x) + 4
                        v /= 8
                    else:
                        v = (x - scale["min"]) / (scale["max"] - scale["min"])
                    total += W * wc * v
            assert view.value_of(opt) == pytest.approx(total, abs=1e-9), (sid, opt)


def test_adding_an_option_does_not_change_the_others_values(assessment) -> None:
    """Scale-anchored values: no rank reversal from normalisation when an option is removed."""
    full = samvalg.evaluate(assessment, services=["lonn"])["lonn"]["whether"]
    sa = assessment.services["lonn"]
    dropped = str(sa.options[-1])
    smaller = assessment.without_option("lonn", dropped)
    part = samvalg.evaluate(smaller, services=["lonn"])["lonn"]["whether"]
    for opt in part.options:
        assert part.value_of(opt) == pytest.approx(full.value_of(opt), abs=1e-12)


@pytest.mark.parametrize("method", ["wpm", "topsis", "vikor", "promethee_ii"])
def test_every_method_evaluates_and_keeps_infeasible_options_last(assessment, method) -> None:
    ev = samvalg.evaluate(assessment, method=method, services=["byggesak", "sentralbord"])
    for sev in ev.values():
        for view in sev.views.values():
            assert np.all(np.isfinite(view.values))
            order_feasible = [view.feasible[view.options.index(o)] for o in view.order]
            assert order_feasible == sorted(order_feasible, reverse=True)
            if method != "wsm":
                assert view.contributions is None
    assert ev["byggesak"]["form"].higher_is_better is (method != "vikor")


def test_json_round_trip_and_illustrative_label(ev) -> None:
    data = json.loads(ev.to_json())
    assert data["illustrative"] is True
    assert data["services"]["lonn"]["recommendation"] == ev["lonn"].recommendation
    assert "Illustrativt eksempel" in ev._repr_html_()


def test_unknown_service_gives_a_clear_error(assessment) -> None:
    with pytest.raises(SamvalgError, match="did you mean 'lonn'"):
        samvalg.evaluate(assessment, services=["lønn"])
    with pytest.raises(SamvalgError, match="wsm"):
        samvalg.evaluate(assessment, method="electre")


def test_public_function_survives_importing_its_module() -> None:
    """Importing the modules behind the flat API never shadows ``samvalg.evaluate()`` etc."""
    import subprocess
    import sys

    code = (
        "from samvalg.evaluation import View\n"
        "from samvalg.law import Feasibility\n"
        "import samvalg.catalogue._load\n"
        "import samvalg.catalogue, samvalg\n"
        "ev = samvalg.evaluate(samvalg.example_assessment(), services=['arkiv'])\n"
        "assert ev['arkiv'].recommendation\n"
        "assert samvalg.feasibility('byggesak', 'oppgavefellesskap').ok is False\n"
        "assert len(samvalg.catalogue().forms) == 10\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_evaluation_is_a_well_behaved_mapping(ev) -> None:
    assert "lonn" in ev
    assert "lønn" not in ev
    assert ev.get("lønn") is None
    assert dict(ev.items())["arkiv"] is ev["arkiv"]


def test_any_pymcdm_method_runs_on_the_domain_matrix(assessment) -> None:
    """The adapter route equals the batched kernel on the same normalisation."""
    ours = samvalg.evaluate(assessment, method="topsis", services=["lonn", "plan"])
    theirs = samvalg.evaluate(
        assessment, method="pymcdm:TOPSIS", normalization="vector", services=["lonn", "plan"]
    )
    for sid in ("lonn", "plan"):
        for key in ("whether", "form", "combined"):
            np.testing.assert_allclose(
                theirs[sid][key].values, ours[sid][key].values, rtol=1e-12, atol=1e-12
            )
    spotis = samvalg.evaluate(assessment, method="pymcdm:SPOTIS", services=["byggesak"])
    assert spotis["byggesak"]["form"].higher_is_better is False
    assert spotis["byggesak"].recommendation != "oppgavefellesskap"


def test_pymcdm_method_that_cannot_score_gives_a_clear_error(assessment) -> None:
    with pytest.raises(SamvalgError, match=r"COPRAS.*cost criterion"):
        samvalg.evaluate(assessment, method="pymcdm:COPRAS", services=["lonn"])
    with pytest.raises(SamvalgError, match="did you mean 'TOPSIS'"):
        samvalg.evaluate(assessment, method="pymcdm:TOPSSIS", services=["lonn"])
