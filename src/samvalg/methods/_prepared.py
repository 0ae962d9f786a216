r"""Kernels prepared once for one fixed matrix and many chunks of weight vectors (private).

For a fixed matrix :math:`X` the weight-independent part of a method is computed once and each
chunk of K weight vectors then costs one contraction. Each method's module owns its prepared
form (``MethodSpec.prepare``): WSM the normalised matrix, PROMETHEE II the unicriterion net
flows, TOPSIS the squared gaps to the ideal and anti-ideal, VIKOR the normalised regrets
:math:`d_{ij} = (f_j^* - f_{ij})/(f_j^* - f_j^-)` (then :math:`S = d\,w`,
:math:`R_i = \max_j w_j d_{ij}` and :math:`Q` per chunk).

Results are in the alternatives-major layout (m, K) that the kernels use internally, so a
caller that reduces over alternatives (ranking in :mod:`samvalg.smaa`) skips the transpose to
(K, m). The arithmetic is the kernels' own (the same private helpers in the same order), so
the values equal the public functions' bit for bit. Nothing is validated here: call the public
function once on the same arguments first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.methods._registry import get_method
from samvalg.methods._spec import Prepared

__all__ = ["prepare_utility"]


def prepare_utility(
    name: str, X: NDArray[np.float64], types: NDArray[np.float64], **kw: Any
) -> Prepared | None:
    """``f(W) -> (m, K)`` utilities (higher is better) of the fixed ``X`` (m, n), or None.

    ``W`` is (K, n) of valid weights. None for a method without a prepared form (WPM,
    pymcdm's): use the public function then.

    Examples
    --------
    >>> import numpy as np
    >>> from samvalg.methods import wsm
    >>> X, t, W = np.array([[4.0, 2.0], [2.0, 4.0]]), np.ones(2), np.array([[0.6, 0.4]])
    >>> f = prepare_utility("wsm", X, t, normalization="max")
    >>> bool(np.array_equal(f(W).T, wsm(X, W, t, "max")))
    True
    """
    prepare = get_method(name).prepare
    return None if prepare is None else prepare(X, types, kw)
