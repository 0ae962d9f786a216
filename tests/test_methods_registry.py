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


def test_every_method_owns_its_attributes():
    """Analyses read these attributes instead of branching on a method's name."""
    assert get_method("wsm").evaluation_normalization == "none"
    assert get_method("wpm").evaluation_normalization == "sum"
    assert get_method("topsis").evaluation_normalization == "vector"
    assert get_method("promethee_ii").accepts_normalization is False
    assert get_method("wpm").ratio_scale and get_method("wpm").log_linear
    assert get_method("wsm").linear_without_normalization
    assert get_method("wsm").contributions is not None
    assert all(get_method(name).steps is not None for name in METHODS)


def test_register_checks_the_contract():
    from samvalg.errors import ValidationError
    from samvalg.methods._registry import register

    good = get_method("wsm")
    with pytest.raises(ValidationError, match="already registered"):
        register(good)
    bad = MethodSpec("mine", "", "Mine", False, True, "max", wsm, "ref")
    with pytest.raises(ValidationError, match=r"MethodSpec 'mine'\.label_nb"):
        register(bad)
    bad = MethodSpec("mine", "Min", "Mine", False, True, "maximum", wsm, "ref")
    with pytest.raises(ValidationError, match=r"default_normalization.*'maximum'"):
        register(bad)
    bad = MethodSpec("mine", "Min", "Mine", False, True, None, "wsm", "ref")
    with pytest.raises(ValidationError, match=r"\.func"):
        register(bad)
    bad = MethodSpec(
        "mine", "Min", "Mine", False, True, "max", wsm, "ref", accepts_normalization=False
    )
    with pytest.raises(ValidationError, match="takes no normalization"):
        register(bad)
    bad = MethodSpec(
        "mine", "Min", "Mine", False, True, None, wsm, "ref", linear_without_normalization=True
    )
    with pytest.raises(ValidationError, match="non-additive"):
        register(bad)
    with pytest.raises(ValidationError, match="MethodSpec"):
        register("wsm")  # type: ignore[arg-type]
    assert "mine" not in METHODS
