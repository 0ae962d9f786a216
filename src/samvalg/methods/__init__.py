r"""Aggregation kernels: batched over weight vectors, NumPy only.

Every method takes ``X`` (alternatives x criteria) of shape (m, n) or a stack (k, m, n),
weights ``w`` of shape (n,) or (k, n), and ``types`` (n,) of +1 (benefit) / -1 (cost);
the output has shape (m,) or, when ``X`` or ``w`` is batched, (k, m). Broadcasting: X (m, n)
with w (k, n) scores one matrix under k weight vectors; X (k, m, n) with w (n,) or (k, n)
scores k matrices. There is no Python loop over k.

Weights are used as given (not renormalised), as pymcdm does. Each public function validates
its input once and raises :class:`samvalg.errors.ValidationError` (a
:class:`samvalg.errors.SamvalgError`) naming the argument; the private kernels behind them
(``_topsis_kernel``, ``_vikor_kernel``, ...) trust their input.

Methods and references
----------------------
* :func:`wsm` -- weighted sum, :math:`\sum_j w_j r_{ij}` (Fishburn 1967).
* :func:`wpm` -- weighted product, :math:`\prod_j r_{ij}^{w_j}` (Bridgman 1922; Miller &
  Starr 1969).
* :func:`topsis` -- closeness :math:`D^-/(D^+ + D^-)` to the ideal (Hwang & Yoon 1981).
* :func:`vikor` -- S, R, Q and the compromise set (Opricovic & Tzeng 2004).
* :func:`promethee_ii` -- net outranking flow :math:`\phi^+ - \phi^-` (Brans & Vincke 1985).

Plus :func:`normalize` (pymcdm's normalisations, cost columns included), :func:`scale_values`
(the scale-anchored value function), :func:`explain` (the intermediate tables of a method),
:func:`wsm_contributions`, the registry :func:`get_method` and the pymcdm adapter
:func:`run_pymcdm` (imports pymcdm lazily).

One module per method owns its kernel, its prepared form, its explained steps and its
:class:`MethodSpec` (``_wsm``, ``_wpm``, ``_topsis``, ``_vikor``, ``_promethee``); the
registry (``_registry``) checks each spec's contract when it registers it.

Examples
--------
>>> import numpy as np
>>> from samvalg import methods
>>> X = np.array([[4.0, 2.0], [2.0, 4.0], [3.0, 3.0]])
>>> methods.wsm(X, [0.6, 0.4], [1, 1])
array([0.8 , 0.7 , 0.75])
>>> methods.wsm(X, np.array([[0.6, 0.4], [0.2, 0.8]]), [1, 1]).shape
(2, 3)
"""

from __future__ import annotations

from samvalg.methods._derivation import Derivation, Step
from samvalg.methods._explain import explain
from samvalg.methods._normalization import NORMALIZATIONS, normalize, scale_values
from samvalg.methods._promethee import PREFERENCE_FUNCTIONS, promethee_ii
from samvalg.methods._pymcdm import run_pymcdm
from samvalg.methods._registry import METHODS, get_method
from samvalg.methods._spec import MethodSpec
from samvalg.methods._topsis import topsis
from samvalg.methods._vikor import vikor
from samvalg.methods._vikor_result import VikorResult
from samvalg.methods._wpm import wpm
from samvalg.methods._wsm import wsm, wsm_contributions

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "Derivation",
    "MethodSpec",
    "Step",
    "VikorResult",
    "explain",
    "get_method",
    "normalize",
    "promethee_ii",
    "run_pymcdm",
    "scale_values",
    "topsis",
    "vikor",
    "wpm",
    "wsm",
    "wsm_contributions",
]
