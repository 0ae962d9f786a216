r"""SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001).

Monte Carlo over weights (and optionally over scores) answers "how sure are you?": how often
each option ranks first, second, ...; which weights make it win; and how sure a win is.

For samples :math:`k = 1..N` of weights :math:`w^k` and matrices :math:`X^k` (or one fixed
:math:`X`), with the utility :math:`u_i^k` of the chosen method (higher is better; ``-Q`` for
VIKOR) and the rank :math:`r_i^k = 1 + \#\{l : u_l^k > u_i^k + \epsilon\}`
(:math:`\epsilon = 10^{-10}`: ties share the best rank, as :func:`samvalg.ranking.rank`):

- rank acceptability :math:`b_i^r = \frac{1}{N} \#\{k : r_i^k = r\}`;
- central weight vector :math:`w_i^c = \operatorname{mean}\{w^k : r_i^k = 1\}` (NaN when
  :math:`b_i^1 = 0`);
- confidence factor :math:`p_i^c`: the share of the sampled matrices in which :math:`i` ranks
  first when the weights are fixed at :math:`w_i^c` (recomputed over the same :math:`X^k`;
  0 or 1 when :math:`X` is fixed; NaN when :math:`w_i^c` is);
- pairwise winning index :math:`p_{ik} = \frac{1}{N} \#\{k : u_i^k > u_l^k + \epsilon\}`.

A bundle of service areas (``[bundles.<id>]``) is analysed by :func:`smaa_bundle` (or
:func:`smaa_service` with the bundle's id): each weight draw is applied to every member and
the members' utilities are combined by the bundle's rule before ranking.

With ``keep_draws=True`` the result also keeps the raw draws (:class:`SMAADraws`: the
weights, utilities and ranks of every iteration, :math:`N (8n + 10m)` bytes), from which every
statistic above can be recomputed exactly, or pooled with another run's.

Monte Carlo standard errors: :math:`\sqrt{p(1-p)/N}` for the shares, and the standard error
of the mean :math:`s/\sqrt{N_i}` (:math:`N_i` samples where :math:`i` ranks first) for each
central weight.

All samples go through the batched kernels of :mod:`samvalg.methods` (one call per chunk of
rows, no Python loop over samples); chunks keep memory bounded (PROMETHEE II with sampled
scores builds an :math:`m \times m \times n` tensor per sample). Random numbers are drawn
chunk by chunk from one generator in sample order, so the same seed gives the same numbers bit
for bit, and the counts (acceptabilities, winning indices) do not depend on the chunk size
(central weights then agree to rounding, sums being taken in another order).

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Tervonen, T. (2014). JSMAA: open source software for SMAA computations. *International
Journal of Systems Science* 45(1), 69-81 (the R package ``smaa``: ``smaa.ranks``,
``smaa.cw``, ``smaa.cf``, ``smaa.pvf`` use the same definitions).
"""

from __future__ import annotations

from samvalg.smaa._area import DEFAULT_CONCENTRATION as DEFAULT_CONCENTRATION
from samvalg.smaa._area import SCORE_UNCERTAINTY, WEIGHT_INFO, smaa_service
from samvalg.smaa._bundle import smaa_bundle
from samvalg.smaa._engine import Progress as Progress
from samvalg.smaa._results import ServiceSMAA, SMAADraws, SMAAResult
from samvalg.smaa._smaa2 import smaa2

__all__ = [
    "SCORE_UNCERTAINTY",
    "WEIGHT_INFO",
    "SMAADraws",
    "SMAAResult",
    "ServiceSMAA",
    "smaa2",
    "smaa_bundle",
    "smaa_service",
]
