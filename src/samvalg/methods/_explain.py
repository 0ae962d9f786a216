"""Self-explaining results: :func:`explain` derives a method's scores step by step.

Each method module owns its steps (``MethodSpec.steps``), computed with the same private
kernels the fast paths use; :func:`explain` validates the input and returns a
:class:`Derivation`: an ordered tuple of :class:`Step` objects, each with a symbol, a
Norwegian (bokmål) and an English caption, and the array, so a briefing can show the
derivation of a score table. The last step is always the method's score vector.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from samvalg.errors import argument_error
from samvalg.methods._derivation import Derivation, Step
from samvalg.methods._registry import METHODS, get_method
from samvalg.methods._validation import _iv, check_choice

__all__ = ["Derivation", "Step", "explain"]

#: The methods with a step-by-step derivation (every registered one that has steps).
EXPLAINED = tuple(name for name in METHODS if get_method(name).steps is not None)


def explain(method: str, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any) -> Derivation:
    r"""Derive a method's scores step by step for one weight vector.

    Parameters
    ----------
    method : {"wsm", "wpm", "topsis", "vikor", "promethee_ii"}
    X : array_like, shape (m, n)
        One decision matrix (not a stack).
    w : array_like, shape (n,)
        One weight vector.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    **kw
        The method's options: ``normalization``; ``v`` for VIKOR; ``preference``, ``q``,
        ``p`` for PROMETHEE II.

    Returns
    -------
    Derivation
        Steps per method: WSM/WPM normalised, weighted, score; TOPSIS normalised, weighted,
        ideal, anti-ideal, both distances, closeness; VIKOR oriented values, best, worst,
        weighted regrets, S, R, compromise set, Q; PROMETHEE II differences, preferences,
        aggregated index, positive, negative and unicriterion flows, net flow. The last step
        equals the fast function's result.

    Examples
    --------
    >>> d = explain("topsis", [[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    >>> d.names[:3]
    ('normalized', 'weighted', 'ideal')
    >>> round(float(d["distance_ideal"][0]), 3)
    0.114
    """
    check_choice(method, "method", EXPLAINED)
    steps = get_method(method).steps
    assert steps is not None  # every method of EXPLAINED has its steps
    iv = _iv(X, w, types)
    if iv.batched:
        raise argument_error(
            "X" if iv.X.ndim == 3 else "w",
            f"is batched (X shape {iv.X.shape}, w shape {np.shape(w)})",
            "one matrix (m, n) and one weight vector (n,)",
        )
    return Derivation(method, steps(iv.X, iv.W[0], iv.types, dict(kw)))
