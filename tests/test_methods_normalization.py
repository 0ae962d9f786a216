"""samvalg.methods.normalize and scale_values: equal to pymcdm.normalizations, edge cases."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm.helpers import normalize_matrix

from _methods_reference import PYMCDM_NORMALIZATIONS, TOL, TYPE_MIXES, norm_function
from samvalg.errors import SamvalgError, ValidationError
from samvalg.methods import NORMALIZATIONS, normalize, scale_values


@pytest.mark.parametrize("kind", PYMCDM_NORMALIZATIONS)
@pytest.mark.parametrize("mix", sorted(TYPE_MIXES))
def test_equals_pymcdm(kind, mix):
    rng = np.random.default_rng(1)
    X = rng.uniform(0.5, 20.0, size=(6, 5))
    types = TYPE_MIXES[mix](5)
    expected = normalize_matrix(X, norm_function(kind), types)
    np.testing.assert_allclose(normalize(X, types, kind), expected, **TOL)


@pytest.mark.parametrize("kind", PYMCDM_NORMALIZATIONS)
def test_stack_normalised_matrix_by_matrix(kind):
    rng = np.random.default_rng(2)
    Xs = rng.uniform(1.0, 9.0, size=(4, 5, 3))
    types = np.array([1, -1, 1])
    out = normalize(Xs, types, kind)
    for i in range(4):
        np.testing.assert_allclose(
            out[i], normalize_matrix(Xs[i], norm_function(kind), types), **TOL
        )


def test_none_negates_cost_columns():
    X = np.array([[1.0, 2.0], [3.0, -4.0]])
    np.testing.assert_array_equal(normalize(X, [1, -1], "none"), [[1.0, -2.0], [3.0, 4.0]])


def test_constant_columns_documented_values():
    X = np.array([[2.0, 2.0], [2.0, 2.0], [2.0, 2.0]])
    types = [1, -1]
    np.testing.assert_array_equal(normalize(X, types, "minmax"), np.ones((3, 2)))
    np.testing.assert_array_equal(normalize(X, types, "max"), [[1, 0]] * 3)
    np.testing.assert_allclose(normalize(X, types, "vector"), [[3**-0.5, 1 - 3**-0.5]] * 3)
    np.testing.assert_allclose(normalize(X, types, "sum"), np.full((3, 2), 1 / 3))
    np.testing.assert_allclose(normalize(X, types, "linear"), np.ones((3, 2)))


@pytest.mark.parametrize("kind", ["max", "vector"])
def test_all_zero_column_raises_naming_the_column(kind):
    X = np.array([[1.0, 0.0], [2.0, 0.0]])
    with pytest.raises(ValidationError, match=r"X\[:, 1\]") as info:
        normalize(X, [1, 1], kind)
    assert kind in str(info.value)


def test_zero_column_in_a_stack_names_matrix_and_column():
    Xs = np.ones((3, 2, 2))
    Xs[2, :, 0] = 0.0
    with pytest.raises(ValidationError, match=r"X\[2, :, 0\]"):
        normalize(Xs, [1, 1], "max")


def test_sum_needs_positive_values_and_linear_nonzero():
    with pytest.raises(ValidationError, match="'sum' needs every value > 0"):
        normalize([[1.0, 0.0], [2.0, 3.0]], [1, 1], "sum")
    with pytest.raises(ValidationError, match="'linear'"):
        normalize([[1.0, 0.0], [2.0, 3.0]], [1, -1], "linear")


def test_unknown_kind_lists_the_allowed():
    with pytest.raises(SamvalgError, match="normalization") as info:
        normalize([[1.0]], [1], "zscore")
    for kind in NORMALIZATIONS:
        assert repr(kind) in str(info.value)


def test_scale_values_benefit_and_cost():
    X = np.array([[1.0, 5.0, -4.0], [3.0, 2.0, 4.0]])
    out = scale_values(X, [1, 1, -4], [5, 5, 4], [1, -1, 1])
    np.testing.assert_allclose(out, [[0.0, 0.0, 0.0], [0.5, 0.75, 1.0]])


def test_scale_values_independent_of_other_alternatives():
    X = np.array([[2.0], [4.0]])
    both = scale_values(X, 1, 5, [1])
    alone = scale_values(X[:1], 1, 5, [1])
    assert both[0, 0] == alone[0, 0] == 0.25


def test_scale_values_rejects_bad_bounds():
    with pytest.raises(ValidationError, match=r"upper\[1\]"):
        scale_values([[1.0, 2.0]], [0, 3], [5, 3], [1, 1])
    with pytest.raises(ValidationError, match="lower"):
        scale_values([[1.0, 2.0]], [0, 1, 2], 5, [1, 1])
