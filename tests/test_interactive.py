"""The weight sliders of ``samvalg.interactive`` (issue 14, item 3), headless: built, moved
programmatically, and checked against :func:`samvalg.evaluate` on an assessment that carries the
sliders' weights."""

from __future__ import annotations

import html
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg import interactive
from samvalg.errors import SamvalgError, ValidationError
from samvalg.evaluation import reweigh

METHODS = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
SETS = ("strategy", "gains", "model")


@pytest.fixture(scope="module")
def a() -> samvalg.Assessment:
    return samvalg.example_assessment()


def _with_weights(a: samvalg.Assessment, ws: interactive.WeightSliders) -> samvalg.Assessment:
    """The assessment with the sliders' set and criterion weights, as points."""
    raw = a.to_dict()
    raw["weights"] = {
        "sets": {"method": "points", "points": {s: ws.set_sliders[s].value for s in SETS}}
    }
    for s in SETS:
        crit = a.matrix("lonn", s).criteria
        raw["weights"][s] = {
            "method": "points",
            "points": {c: ws.criterion_sliders[c].value for c in crit},
        }
    return samvalg.load_assessment(raw)


@pytest.mark.parametrize("method", METHODS)
def test_sliders_start_at_the_evaluation(a: samvalg.Assessment, method: str) -> None:
    ev = samvalg.evaluate(a, method=method)
    ws = interactive.weights(ev, "lonn")
    v = ev["lonn"]["combined"]
    assert list(ws.set_sliders) == list(SETS)
    assert list(ws.criterion_sliders) == list(v.criteria)
    assert ws.view is not None
    np.testing.assert_allclose(ws.global_weights(), v.weights, atol=1e-12)
    np.testing.assert_allclose(ws.view.values, v.values, atol=1e-12)
    assert ws.view.order == v.order
    assert "<table>" in ws.table.value


@pytest.mark.parametrize("method", METHODS)
def test_moving_sliders_ranks_as_evaluate_does(a: samvalg.Assessment, method: str) -> None:
    ev = samvalg.evaluate(a, method=method)
    ws = interactive.weights(ev, "lonn")
    before = ws.table.value
    rng = np.random.default_rng(3)
    for s in ws.set_sliders.values():
        s.value = round(float(rng.uniform(0.05, 1)), 2)
    for s in ws.criterion_sliders.values():
        s.value = round(float(rng.uniform(0.01, 1)), 2)
    expected = samvalg.evaluate(_with_weights(a, ws), method=method)["lonn"]["combined"]
    assert ws.view is not None
    np.testing.assert_allclose(ws.view.weights, expected.weights, atol=1e-12)
    np.testing.assert_allclose(ws.view.values, expected.values, atol=1e-9)
    assert ws.view.order == expected.order
    # the shipped example's ranking of lonn changes under these weights for every method but
    # VIKOR, so the table really follows the sliders
    if method != "vikor":
        assert expected.order != ev["lonn"]["combined"].order
        assert ws.table.value != before
    first = html.escape(samvalg.catalogue().forms[expected.order[0].split(":")[0]].name_nb)
    assert first in ws.table.value.split("</tr>")[1]  # row 1 of the body: the new top
    ws.reset()
    assert ws.view is not None and ws.view.order == ev["lonn"]["combined"].order


def test_one_criterion_alone_decides(a: samvalg.Assessment) -> None:
    """Every weight on likeverdighet: the top option is the best-scored one on it."""
    ev = samvalg.evaluate(a)
    ws = interactive.weights(ev, "lonn")
    for s in SETS:
        ws.set_sliders[s].value = 1.0 if s == "model" else 0.0
    for c, s in ws.criterion_sliders.items():
        s.value = 1.0 if c == "likeverdighet" else 0.0
    w = ws.global_weights()
    assert w[ws.base.criteria.index("likeverdighet")] == 1.0 and w.sum() == 1.0
    v = ws.base
    col = v.value_matrix[:, v.criteria.index("likeverdighet")]
    best = max(col[v.feasible])
    assert ws.view is not None
    top = ws.view.order[0]
    assert col[v.options.index(top)] == best


def test_all_zero_says_so_and_recovers(a: samvalg.Assessment) -> None:
    ws = interactive.weights(samvalg.evaluate(a), "lonn", lang="en")
    for s in ws.set_sliders.values():
        s.value = 0.0
    assert ws.view is None and "zero" in ws.table.value and "<table" not in ws.table.value
    ws.reset()
    assert ws.view is not None and "<table>" in ws.table.value


def test_a_single_set_view_has_criterion_sliders_only(a: samvalg.Assessment) -> None:
    ev = samvalg.evaluate(a, method="topsis")
    ws = interactive.weights(ev, "lonn", view="form")
    assert ws.set_sliders == {}
    assert list(ws.criterion_sliders) == list(ev["lonn"]["form"].criteria)
    assert ws.view is not None and ws.view.order == ev["lonn"]["form"].order


def test_widget_is_what_jupyter_shows(a: samvalg.Assessment) -> None:
    ws = interactive.weights(samvalg.evaluate(a), "lonn")
    bundle: Any = ws._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == ws.table.value  # what a static view of the notebook shows
    n = len(ws.set_sliders) + len(ws.criterion_sliders)
    assert sum(type(c).__name__ == "FloatSlider" for c in ws.widget.children) == n


def test_bad_arguments_are_located(a: samvalg.Assessment) -> None:
    ev = samvalg.evaluate(a)
    with pytest.raises(ValidationError, match="view"):
        interactive.weights(ev, "lonn", view="forms")
    with pytest.raises(ValidationError, match="lang"):
        interactive.weights(ev, "lonn", lang="de")
    with pytest.raises(SamvalgError, match="lonn"):
        interactive.weights(ev, "lon")
    v = ev["lonn"]["combined"]
    with pytest.raises(ValidationError, match="one weight per criterion"):
        reweigh(v, np.ones(3))
    with pytest.raises(ValidationError, match="non-negative"):
        reweigh(v, -np.ones(len(v.criteria)))


def test_reweigh_is_evaluate(a: samvalg.Assessment) -> None:
    ev = samvalg.evaluate(a, method="vikor", v=0.3)
    v = ev["byggesak"]["combined"]
    same = reweigh(v, 7 * v.weights)
    np.testing.assert_allclose(same.values, v.values, atol=1e-12)
    np.testing.assert_array_equal(same.ranks, v.ranks)


def test_missing_ipywidgets_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['ipywidgets'] = None\n"
        "import samvalg\n"
        "from samvalg import interactive\n"
        "assert 'ipywidgets' not in sys.modules or sys.modules['ipywidgets'] is None\n"
        "ev = samvalg.evaluate(samvalg.example_assessment())\n"
        "try:\n"
        "    interactive.weights(ev, 'lonn')\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "pip install 'samvalg[interactive]'" in out


def test_import_samvalg_does_not_import_ipywidgets() -> None:
    code = "import samvalg, sys; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
