"""Points, SWING, equal and direct weights."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.errors import SamvalgError, ValidationError
from samvalg.weights import WeightResult, direct, equal, points, swing


def test_points_mapping_with_total() -> None:
    r = points({"a": 50, "b": 30, "c": 20}, total=100)
    assert isinstance(r, WeightResult)
    np.testing.assert_allclose(r.vector, [0.5, 0.3, 0.2])
    assert r.labels == ("a", "b", "c") and r.method == "points"
    assert r.input == {"points": {"a": 50, "b": 30, "c": 20}, "total": 100.0}


def test_points_array_without_total() -> None:
    r = points(np.array([3, 1]))
    np.testing.assert_allclose(r.vector, [0.75, 0.25])
    assert r.labels is None and r.input == {"points": [3, 1]}


def test_points_wrong_total_names_sum() -> None:
    with pytest.raises(ValidationError, match="points sum to 95, not to the total 100"):
        points({"a": 50, "b": 45}, total=100)


@pytest.mark.parametrize(
    ("values", "pattern"),
    [
        ({"a": 1, "b": -2}, r"values\['b'\].*negative"),
        ({"a": 1, "b": float("nan")}, r"values\['b'\].*not finite"),
        ([1, float("inf")], r"values\[1\].*not finite"),
        ({"a": 0, "b": 0}, "all values are zero"),
        ({"a": "x"}, r"values\['a'\].*not a number"),
        ({}, "empty"),
    ],
)
def test_bad_values_named(values: object, pattern: str) -> None:
    for f in (points, direct):
        with pytest.raises(ValidationError, match=pattern):
            f(values)  # type: ignore[arg-type]


def test_several_bad_items_all_reported() -> None:
    with pytest.raises(ValidationError) as e:
        direct({"a": -1, "b": float("nan"), "c": 2})
    assert len(e.value.problems) == 2


def test_swing() -> None:
    r = swing({"kost": 100, "kvalitet": 60, "tid": 40})
    np.testing.assert_allclose(r.vector, [0.5, 0.3, 0.2])
    assert r.method == "swing" and r.input == {"swing": {"kost": 100, "kvalitet": 60, "tid": 40}}
    np.testing.assert_allclose(swing([100, 100, 0]).vector, [0.5, 0.5, 0.0])


def test_swing_needs_a_100() -> None:
    with pytest.raises(SamvalgError, match=r"no swing is rated 100 \(largest: 'b' = 80\)"):
        swing({"a": 50, "b": 80})
    with pytest.raises(SamvalgError, match="above 100"):
        swing({"a": 100, "b": 120})


def test_equal() -> None:
    np.testing.assert_allclose(equal(4).vector, [0.25] * 4)
    r = equal(["x", "y", "z"])
    assert r.labels == ("x", "y", "z") and r.vector.sum() == pytest.approx(1.0)
    for bad in (0, -2, "abc", ["a", "a"]):
        with pytest.raises(SamvalgError):
            equal(bad)  # type: ignore[arg-type]


def test_direct_keeps_input() -> None:
    r = direct({"a": 2, "b": 1, "c": 1})
    np.testing.assert_allclose(r.vector, [0.5, 0.25, 0.25])
    assert r.input == {"values": {"a": 2, "b": 1, "c": 1}}
    assert r.as_mapping() == {"a": 0.5, "b": 0.25, "c": 0.25}


def test_result_frozen_readonly_serialisable() -> None:
    r = points([1, 1])
    with pytest.raises(AttributeError):
        r.method = "x"  # type: ignore[misc]
    with pytest.raises(ValueError):
        r.vector[0] = 0.9
    d = r.to_dict()
    assert d == {
        "method": "points",
        "vector": [0.5, 0.5],
        "labels": None,
        "input": {"points": [1, 1]},
        "note": r.note,
    }
    assert "points" in repr(r) and "<table>" in r._repr_html_()
