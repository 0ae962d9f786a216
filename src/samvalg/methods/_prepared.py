r"""Kernels prepared once for one fixed matrix and many chunks of weight vectors (private).

For a fixed matrix :math:`X` the weight-independent part of a method is computed once and each
chunk of K weight vectors then costs one contraction:

- WSM: the normalised matrix :math:`R` (m, n); scores :math:`R w` (Fishburn 1967).
- PROMETHEE II: the unicriterion net flows :math:`\phi_j(a)` (m, n); net flows
  :math:`\phi = \Phi w` (Brans & Vincke 1985).
- TOPSIS: the squared gaps to the ideal and anti-ideal :math:`G^\pm` (2m, n);
  :math:`(D^\pm)^2 = G^\pm w^2` (Hwang & Yoon 1981).

Results are in the alternatives-major layout (m, K) that the kernels use internally, so a
caller that reduces over alternatives (ranking in :mod:`samvalg.smaa`) skips the transpose to
(K, m). The arithmetic is the kernels' own (the same private helpers in the same order), so
the values equal the public functions' bit for bit. Nothing is validated here: call the public
function once on the same arguments first.

References
----------
Fishburn, P. C. (1967). Additive utilities with incomplete product sets. ORSA.
Brans, J.-P., & Vincke, Ph. (1985). A preference ranking organisation method. Management
Science, 31(6), 647-656.
Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making. Springer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.methods._common import contract_t, resolve
from samvalg.methods._normalization import _normalize
from samvalg.methods._promethee import (
    _check_preference,
    _preference_tensor,
    _unicriterion_flows,
)
from samvalg.methods._scaling import scaled_globally
from samvalg.methods._topsis import _squared_gaps, _topsis_closeness_t

__all__ = ["prepare_utility"]

Prepared = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def prepare_utility(
    name: str, X: NDArray[np.float64], types: NDArray[np.float64], **kw: Any
) -> Prepared | None:
    """``f(W) -> (m, K)`` utilities (higher is better) of the fixed ``X`` (m, n), or None.

    ``W`` is (K, n) of valid weights. None for a method without a prepared form (WPM, VIKOR):
    use the public function then.

    Examples
    --------
    >>> import numpy as np
    >>> from samvalg.methods import wsm
    >>> X, t, W = np.array([[4.0, 2.0], [2.0, 4.0]]), np.ones(2), np.array([[0.6, 0.4]])
    >>> f = prepare_utility("wsm", X, t, normalization="max")
    >>> bool(np.array_equal(f(W).T, wsm(X, W, t, "max")))
    True
    """
    if name == "wsm":
        R = _normalize(X, types, resolve(kw.get("normalization"), "max"))
        return lambda W: contract_t(R, W)
    if name == "promethee_ii":
        functions, q, p = _check_preference(
            kw.get("preference", "usual"), kw.get("q"), kw.get("p"), X.shape[-1]
        )
        phi = _unicriterion_flows(_preference_tensor(X, types, functions, q, p))
        return lambda W: contract_t(phi, W)
    if name == "topsis":
        kind = resolve(kw.get("normalization"), "vector")
        G = _squared_gaps(scaled_globally(_normalize(X, types, kind)))
        return lambda W: _topsis_closeness_t(G, W)
    return None
