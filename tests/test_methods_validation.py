"""The shared input validation: located messages naming the argument, value and allowed."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.errors import SamvalgError, ValidationError
from samvalg.methods import promethee_ii, topsis, vikor, wpm, wsm

GOOD_X = np.array([[1.0, 2.0], [2.0, 1.0]])
ALL = [wsm, wpm, topsis, vikor, promethee_ii]


@pytest.mark.parametrize("func", ALL)
@pytest.mark.parametrize(
    ("X", "w", "types", "pattern"),
    [
        ([1.0, 2.0], [0.5, 0.5], [1, 1], "X: has shape"),
        (np.ones((2, 2, 2, 2)), [0.5, 0.5], [1, 1], "X: has shape"),
        ([[1.0, np.nan], [2.0, 1.0]], [0.5, 0.5], [1, 1], r"X\[0, 1\] = nan"),
        ([[1.0, np.inf], [2.0, 1.0]], [0.5, 0.5], [1, 1], "finite"),
        (GOOD_X, [0.5, 0.5, 0.0], [1, 1], "w: has 3 weights"),
        (GOOD_X, [0.5, -0.1], [1, 1], r"w\[1\] = -0.1"),
        (GOOD_X, [0.0, 0.0], [1, 1], "all zero"),
        (GOOD_X, [[0.5, 0.5], [0.0, 0.0]], [1, 1], r"w\[1\]: is all zero"),
        (GOOD_X, [0.5, np.nan], [1, 1], "w"),
        (GOOD_X, [0.5, 0.5], [1, 0], r"types\[1\] = 0"),
        (GOOD_X, [0.5, 0.5], [1, 1, 1], "types: has 3 entries"),
        (np.ones((3, 2, 2)), np.ones((2, 2)), [1, 1], "2 weight vectors but X has 3"),
        ([["a", "b"]], [0.5, 0.5], [1, 1], "cannot be read"),
    ],
)
def test_bad_input_is_located(func, X, w, types, pattern):
    with pytest.raises(ValidationError, match=pattern):
        func(X, w, types)


def test_all_problems_reported_at_once():
    with pytest.raises(ValidationError) as info:
        wsm([[1.0, np.nan]], [-1.0, 0.5], [1, 2])
    assert len(info.value.problems) == 3
    assert isinstance(info.value, SamvalgError)


@pytest.mark.parametrize("func", [wsm, wpm, topsis])
def test_unknown_normalization(func):
    with pytest.raises(ValidationError, match="normalization: is 'l2'"):
        func(GOOD_X, [0.5, 0.5], [1, 1], normalization="l2")


def test_vikor_rejects_unknown_normalization_and_accepts_none():
    with pytest.raises(ValidationError, match="normalization"):
        vikor(GOOD_X, [0.5, 0.5], [1, 1], normalization="l2")
    assert vikor(GOOD_X, [0.5, 0.5], [1, 1], normalization=None).Q.shape == (2,)
