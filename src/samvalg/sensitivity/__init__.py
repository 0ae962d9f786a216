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
  :math:`V_a - V_b` are bracketed on a grid of 1001 points and each root is refined by
  regula falsi with the Illinois modification (Dowell & Jarratt 1971) to :math:`10^{-13}`;
  crossings closer together than the grid step (1/1000) can be missed, which the result
  states. Every sweep of a view is evaluated in one batched call on the method's prepared
  form (the weight-independent part of the matrix once: TOPSIS's squared gaps to the ideal
  and anti-ideal, VIKOR's normalised regrets :math:`d_{ij}`; the same values as the public
  function bit for bit), and every bracket of every sweep is refined together.

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
For every other method: a grid over one scale width in each direction, then bisection
(additive methods) or Illinois regula falsi (the others) to :math:`10^{-10}` of the width, for
all cells at once. A perturbed matrix differs from the current one in one column, so it is
evaluated from that column alone where the method allows: additive methods and TOPSIS and WPM
from per-column terms, VIKOR from the other columns' regrets computed once (its
:math:`R_i = \max_j w_j d_{ij}` is the larger of the other columns' largest term and the
changed column's; the values are the public function's bit for bit). Changes that would take
the score outside the scale are flagged.

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
Dowell, M. & Jarratt, P. (1971). A modified regula falsi method for computing the root of an
equation. *BIT* 11, 168-174.
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
