"""Samplers for stochastic multicriteria acceptability analysis (pure NumPy).

Every sampler draws all samples at once (no Python loop over samples) and takes
``rng: int | numpy.random.Generator | None`` (see :func:`samvalg._rng.as_generator`).

Weights
-------
- :func:`uniform_simplex`: uniform on :math:`\\{w \\ge 0, \\sum_j w_j = 1\\}` by normalised
  exponential spacings (:math:`E_j \\sim \\mathrm{Exp}(1)`, :math:`w = E / \\sum E`), which is the
  Dirichlet(1, ..., 1) distribution (Rubin 1981; Tervonen & Lahdelma 2007, section 3.1).
- :func:`ordinal_weights`: uniform on the ordered region of a ranking of the criteria, ties
  allowed, sampled exactly by a linear map of the simplex (no rejection; derivation there).
- :func:`bounded_weights`: uniform on :math:`\\{\\ell \\le w \\le u, \\sum w = 1\\}`; lower bounds
  exactly by an affine map, upper bounds by rejection, with the acceptance rate reported.
- :func:`dirichlet_weights`: Dirichlet centred on elicited weights with a concentration.
- :func:`mixture_weights`: a mixture over stakeholders' weight vectors, optionally each with
  a Dirichlet spread.

Scores
------
- :func:`sample_scores`: each cell independently uniform, triangular (mode = the score) or
  PERT within its ``[low, high]``; cells with ``low == high`` stay fixed.

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability
analysis. *European Journal of Operational Research* 178(2), 500-513.
Rubin, D. B. (1981). The Bayesian bootstrap. *Annals of Statistics* 9(1), 130-134.
Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
*Management Science* 42(11), 1515-1523 (ROC weights = centroid of the ordered simplex).

The package holds one module per kind: ``_simplex`` (uniform and ordinal), ``_bounded``,
``_dirichlet`` (Dirichlet and mixtures) and ``_scores``.
"""

from __future__ import annotations

from samvalg._sampling._bounded import BoundedWeights, bounded_weights
from samvalg._sampling._dirichlet import dirichlet_weights, mixture_weights
from samvalg._sampling._scores import SCORE_DISTRIBUTIONS, sample_scores
from samvalg._sampling._simplex import ordinal_centroid, ordinal_weights, uniform_simplex

__all__ = [
    "SCORE_DISTRIBUTIONS",
    "BoundedWeights",
    "bounded_weights",
    "dirichlet_weights",
    "mixture_weights",
    "ordinal_centroid",
    "ordinal_weights",
    "sample_scores",
    "uniform_simplex",
]
