"""Weight elicitation: points, SWING, ranks (ROC), AHP, objective weights, hierarchies.

Every method records how the weights were obtained and from what input
(:class:`WeightResult`, :class:`AHPResult`). NumPy only; pymcdm is imported lazily by
:func:`objective`.

Examples
--------
>>> from samvalg import weights
>>> weights.roc(3).round(4).tolist()
[0.6111, 0.2778, 0.1111]
>>> weights.points({"a": 70, "b": 30}, total=100).vector.tolist()
[0.7, 0.3]
"""

from samvalg.weights._result import WeightResult
from samvalg.weights.ahp import (
    RANDOM_INDEX,
    RANDOM_INDEX_SOURCES,
    AHPResult,
    Judgment,
    ahp,
    ahp_from_judgments,
)
from samvalg.weights.direct import direct, equal, points, swing
from samvalg.weights.hierarchy import HierarchicalWeights, hierarchical, hierarchical_detail
from samvalg.weights.objective import OBJECTIVE_METHODS, objective
from samvalg.weights.ranks import from_ranking, rank_reciprocal, rank_sum, roc

__all__ = [
    "OBJECTIVE_METHODS",
    "RANDOM_INDEX",
    "RANDOM_INDEX_SOURCES",
    "AHPResult",
    "HierarchicalWeights",
    "Judgment",
    "WeightResult",
    "ahp",
    "ahp_from_judgments",
    "direct",
    "equal",
    "from_ranking",
    "hierarchical",
    "hierarchical_detail",
    "objective",
    "points",
    "rank_reciprocal",
    "rank_sum",
    "roc",
    "swing",
]
