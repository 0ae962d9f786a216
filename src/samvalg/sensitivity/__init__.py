r"""One-at-a-time weight sensitivity with exact crossovers, and score sensitivity.

Weight sweeps
-------------
Sweeping weight :math:`i` (a criterion, or a criteria set's set weight) from 0 to 1 with the
others rescaled in proportion moves the weight vector along a segment,

.. math:: w(t) = (1 - t)\, w^{(0)} + t\, w^{(1)}, \qquad t \in [0, 1],

where :math:`w^{(1)}` puts all weight on the swept criterion (for a set: its local weights) and
:math:`w^{(0)}` is the current vector with the swept part removed and the rest renormalised;
the current weights sit at :math:`t = w_i` (for a set: its set weight). Because every kernel
here is used with weights as given, the value of option :math:`a` along the sweep is

- **linear in t** for WSM (:math:`\sum_j w_j r_{aj}`) and PROMETHEE II
  (:math:`\sum_j w_j \phi_j(a)`): a pair of options swaps at
  :math:`t^* = (V_b(0) - V_a(0)) / (\Delta_a - \Delta_b)` with
  :math:`\Delta = V(1) - V(0)`, exactly (closed form);
- **log-linear** for WPM (:math:`\ln V_a = \sum_j w_j \ln r_{aj}`), the same closed form on
  :math:`\ln V` when every value is positive;
- otherwise (TOPSIS, VIKOR) continuous but not linear: sign changes of
  :math:`V_a - V_b` are bracketed on a grid and each root is found by Brent's method
  (:func:`scipy.optimize.brentq`, to :math:`10^{-12}`); crossings closer together than the grid
  step (1/1000 by default) can be missed, which the result states.

For the option on top at the current weights (among the candidates, i.e. the legally feasible
options), the smallest increase and decrease of the weight that dethrone it (the first
crossover of the top option above and below the current weight), absolute and relative to
the current weight, or ``None`` ("never") when no weight in [0, 1] does.

Score sensitivity
-----------------
For each cell :math:`(a, j)` of the matrix, the smallest change of that one score (in scale
units) that changes the top option. For WSM on the scale-anchored values (no normalisation,
:math:`V_a = \sum_j w_j t_j x_{aj}/(u_j - \ell_j)`) it is closed form:
:math:`\delta = (V_{top} - V_a)(u_j - \ell_j)/w_j` up for a challenger, and
:math:`(V_{top} - V_{second})(u_j - \ell_j)/w_j` down for the top option, never otherwise.
For every other method: a grid over one scale width in each direction, then bisection to
:math:`10^{-10}` of the width (all cells at once, batched). Changes that would take the score
outside the scale are flagged.

Bundles
-------
:func:`sensitivity_bundle` (or :func:`sensitivity_service` with a bundle's id) sweeps one
weight vector applied to every member of a ``[bundles.<id>]``, their values combined by the
bundle's rule; its score sensitivity (WSM, rules ``"fte"``/``"equal"``) is in units of the
members' weighted mean score.

References
----------
Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151-194.
Wolters, W. T. M. & Mareschal, B. (1995). Novel types of sensitivity analysis for additive
MCDM methods. *EJOR* 81(2), 281-290.
Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*. Prentice-Hall.
"""

from __future__ import annotations

from samvalg.sensitivity._area import sensitivity_service, service_weight_sweeps
from samvalg.sensitivity._bundle import sensitivity_bundle
from samvalg.sensitivity._results import (
    Crossover,
    ScoreSensitivity,
    ServiceSensitivity,
    Threshold,
    WeightSweep,
)
from samvalg.sensitivity._scores import score_sensitivity
from samvalg.sensitivity._sweep import sweep_segment, weight_sweep

__all__ = [
    "Crossover",
    "ScoreSensitivity",
    "ServiceSensitivity",
    "Threshold",
    "WeightSweep",
    "score_sensitivity",
    "sensitivity_bundle",
    "sensitivity_service",
    "service_weight_sweeps",
    "sweep_segment",
    "weight_sweep",
]
