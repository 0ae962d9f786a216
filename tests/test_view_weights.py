"""``Assessment.view_weights`` gives the weights ``evaluate()`` uses, without evaluating."""

from __future__ import annotations

import numpy as np
import pytest

import samvalg
from samvalg.assessment import VIEW_SETS, view_weights
from samvalg.evaluation import VIEWS


@pytest.fixture(scope="module")
def example():
    a = samvalg.example_assessment()
    return a, samvalg.evaluate(a)


def test_view_weights_equal_the_evaluations_weights(example) -> None:
    a, ev = example
    for sid, sev in ev.items():
        for key, view in sev.views.items():
            w = a.view_weights(sid, key)
            assert tuple(w) == view.criteria
            np.testing.assert_array_equal(np.array(list(w.values())), view.weights)
            assert w == view_weights(a, sid, key)


def test_one_table_of_views() -> None:
    assert VIEWS is VIEW_SETS


def test_unknown_view_is_a_located_error(example) -> None:
    a, _ = example
    with pytest.raises(samvalg.ValidationError, match="did you mean 'form'"):
        a.view_weights("lonn", "from")
