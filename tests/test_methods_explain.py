"""explain(): the intermediate tables, and their last step equals the fast function."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import TOL, TYPE_MIXES, random_problem
from samvalg.errors import SamvalgError
from samvalg.methods import Derivation, explain, promethee_ii, topsis, vikor, wpm, wsm

X, W = random_problem(50, m=5, n=4, k=1)
w = W[0]
types = TYPE_MIXES["mixed"](4)


@pytest.mark.parametrize(
    ("method", "func", "kw"),
    [
        ("wsm", wsm, {}),
        ("wsm", wsm, {"normalization": "minmax"}),
        ("wpm", wpm, {}),
        ("wpm", wpm, {"normalization": "none"}),
        ("topsis", topsis, {}),
        ("topsis", topsis, {"normalization": "max"}),
        ("promethee_ii", promethee_ii, {"preference": "vshape_2", "q": 0.5, "p": 3.0}),
    ],
)
def test_last_step_equals_the_function(method, func, kw):
    d = explain(method, X, w, types, **kw)
    assert isinstance(d, Derivation) and d.method == method
    np.testing.assert_allclose(d.result, func(X, w, types, **kw), **TOL)
    assert d.steps[-1].name == "score"
    for step in d:
        assert step.symbol and step.caption_nb and step.caption_en


def test_vikor_steps():
    d = explain("vikor", X, w, types, v=0.3)
    res = vikor(X, w, types, v=0.3)
    np.testing.assert_allclose(d["S"], res.S, **TOL)
    np.testing.assert_allclose(d["R"], res.R, **TOL)
    np.testing.assert_allclose(d.result, res.Q, **TOL)
    np.testing.assert_allclose(d["regret"].sum(axis=1), res.S, **TOL)
    np.testing.assert_array_equal(np.flatnonzero(d["compromise"]), sorted(res.compromise))


def test_topsis_tables_are_consistent():
    d = explain("topsis", X, w, types)
    V = d["weighted"]
    np.testing.assert_allclose(V, w * d["normalized"], **TOL)
    np.testing.assert_allclose(d["ideal"], V.max(axis=0), **TOL)
    np.testing.assert_allclose(
        d["distance_anti_ideal"], np.sqrt(((V - d["anti_ideal"]) ** 2).sum(axis=1)), **TOL
    )


def test_promethee_tables_shapes():
    d = explain("promethee_ii", X, w, types)
    assert d["differences"].shape == (5, 5, 4)
    assert d["preferences"].shape == (5, 5, 4)
    assert d["aggregated"].shape == (5, 5)
    np.testing.assert_allclose(d["unicriterion_flows"] @ w, d.result, **TOL)


def test_to_dict_and_names():
    d = explain("wsm", X, w, types)
    assert d.names == ("normalized", "weighted", "score")
    out = d.to_dict()
    assert out["method"] == "wsm" and len(out["steps"]) == 3
    assert "Derivation(method='wsm'" in repr(d)
    with pytest.raises(KeyError, match="normalized"):
        d["ideal"]


def test_rejects_batches_unknown_methods_and_options():
    with pytest.raises(SamvalgError, match="batched"):
        explain("wsm", X, np.vstack([w, w]), types)
    with pytest.raises(SamvalgError, match="method"):
        explain("electre", X, w, types)
    with pytest.raises(SamvalgError, match=r"not an option"):
        explain("topsis", X, w, types, normalisation="max")
