"""get_method / MethodSpec: names, properties, utility direction, unknown names."""

from __future__ import annotations

import numpy as np
import pytest

from _methods_reference import TOL, random_problem
from samvalg.errors import SamvalgError
from samvalg.methods import METHODS, MethodSpec, get_method, vikor, wsm


def test_names_and_specs():
    assert METHODS == ("wsm", "wpm", "topsis", "vikor", "promethee_ii")
    for name in METHODS:
        spec = get_method(name)
        assert isinstance(spec, MethodSpec) and spec.name == name
        assert spec.label_nb and spec.label_en and spec.reference
    assert get_method("wsm").additive and get_method("promethee_ii").additive
    assert not get_method("topsis").additive
    assert get_method("vikor").higher_is_better is False
    assert get_method("topsis").default_normalization == "vector"
    assert get_method("wsm").default_normalization == "max"


def test_utility_is_higher_is_better_and_batched():
    X, W = random_problem(60, k=8)
    types = np.ones(X.shape[1])
    for name in METHODS:
        u = get_method(name).utility(X, W, types)
        assert u.shape == (8, X.shape[0])
    np.testing.assert_allclose(get_method("vikor").utility(X, W, types), -vikor(X, W, types).Q)
    np.testing.assert_allclose(
        get_method("wsm").utility(X, W[0], types), wsm(X, W[0], types), **TOL
    )
    np.testing.assert_allclose(
        get_method("wsm").utility(X, W[0], types, normalization="sum"),
        wsm(X, W[0], types, normalization="sum"),
        **TOL,
    )


def test_unknown_name_suggests_the_closest():
    with pytest.raises(SamvalgError, match="did you mean 'topsis'") as info:
        get_method("topsys")
    for name in METHODS:
        assert name in str(info.value)
