"""Hierarchical (set x local) weights."""

from __future__ import annotations

import numpy as np
import pytest

from samvalg.errors import SamvalgError
from samvalg.weights import hierarchical, hierarchical_detail, points, roc


def test_global_weights_in_set_order() -> None:
    g = hierarchical(
        {"strategy": 40, "gains": 30, "model": 30},
        {"strategy": [2, 1, 1], "gains": roc(2), "model": np.array([1.0])},
    )
    expected = np.concatenate([0.4 * np.array([0.5, 0.25, 0.25]), 0.3 * roc(2), [0.3]])
    np.testing.assert_allclose(g, expected)
    assert g.sum() == pytest.approx(1.0)


def test_detail_labels_and_levels() -> None:
    h = hierarchical_detail({"b": 1, "a": 3}, {"a": points({"x": 1, "y": 3}), "b": {"z": 5}})
    assert h.labels == (("b", "z"), ("a", "x"), ("a", "y"))
    np.testing.assert_allclose(h.vector, [0.25, 0.75 * 0.25, 0.75 * 0.75])
    assert h.set_weights == {"b": 0.25, "a": 0.75}
    np.testing.assert_allclose(h.of_set("a"), [0.1875, 0.5625])
    assert h.to_dict()["labels"][0] == ["b", "z"]


def test_errors() -> None:
    with pytest.raises(SamvalgError, match="sets without local weights"):
        hierarchical({"a": 1, "b": 1}, {"a": [1]})
    with pytest.raises(SamvalgError, match="unknown"):
        hierarchical({"a": 1}, {"a": [1], "c": [1]})
    with pytest.raises(SamvalgError, match=r"local\['a'\]"):
        hierarchical({"a": 1}, {"a": [0, 0]})
    with pytest.raises(SamvalgError, match="negative"):
        hierarchical({"a": -1, "b": 2}, {"a": [1], "b": [1]})
