"""The views of an assessment (which criteria sets each question weighs) and their weights.

A view is one question asked of a service area: ``"whether"`` (strategy and gain criteria),
``"form"`` (model criteria), ``"combined"`` (all three sets) or one set alone. Its global
weights are hierarchical: :math:`w_j = W_{s(j)} / \\sum_{s \\in view} W_s \\cdot w^{loc}_j`,
exactly as :func:`samvalg.evaluate` uses them. Only numbers and ids live here; the views'
labels are wording (presentation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import argument_error, did_you_mean

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["VIEW_SETS", "view_weights"]

#: view key -> the criteria sets it weighs, in order.
VIEW_SETS: Mapping[str, tuple[str, ...]] = {
    "whether": ("strategy", "gains"),
    "form": ("model",),
    "combined": ("strategy", "gains", "model"),
    "strategy": ("strategy",),
    "gains": ("gains",),
    "model": ("model",),
}


def view_weights(assessment: Assessment, service: str, view: str) -> dict[str, float]:
    r"""The global weights of one view of one service area, ``{criterion: weight}``.

    The criteria come set by set in the view's order (each set in catalogue order), as the
    columns of :func:`samvalg.evaluate`'s view; the weights are the ones it uses, bit for bit:
    :math:`w_j = W_{s(j)} / \sum_{s \in view} W_s \cdot w^{loc}_j / \sum w^{loc}`, with the set
    weights :math:`W` and each set's local weights (objective weights computed from this
    service area's scores). Nothing is ranked, so this is cheap where only the weights are
    needed (each stakeholder's view in SMAA-2 and the group analyses).

    Parameters
    ----------
    assessment : Assessment
    service : str
        A service area of the assessment.
    view : str
        ``"combined"``, ``"whether"``, ``"form"``, ``"strategy"``, ``"gains"`` or ``"model"``.

    Returns
    -------
    dict
        ``{criterion_id: weight}``, summing to 1.

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.assessment._views import view_weights
    >>> w = view_weights(samvalg.example_assessment(), "lonn", "whether")
    >>> round(sum(w.values()), 12)
    1.0
    """
    if view not in VIEW_SETS:
        raise argument_error(
            "view", f"unknown view {view!r}" + did_you_mean(view, VIEW_SETS), ", ".join(VIEW_SETS)
        )
    set_ids = VIEW_SETS[view]
    set_weights = assessment.set_weights()
    total_set = sum(float(set_weights[s]) for s in set_ids)
    criteria: list[str] = []
    blocks: list[NDArray[np.float64]] = []
    for s in set_ids:
        mat = assessment.matrix(service, s)
        local = np.asarray(assessment.weights_for(s, service_id=service), dtype=float)
        share = float(set_weights[s]) / total_set if total_set > 0 else 1.0 / len(set_ids)
        blocks.append(share * local / local.sum())
        criteria.extend(mat.criteria)
    w = np.concatenate(blocks)
    return dict(zip(criteria, w.tolist(), strict=True))
