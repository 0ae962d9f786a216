"""Dirichlet weights centred on elicited weights, and mixtures over stakeholders."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg._rng import RNGLike, as_generator
from samvalg._sampling._common import _check_count
from samvalg.errors import argument_error


def _centres(values: ArrayLike, name: str) -> NDArray[np.float64]:
    c = np.asarray(values, dtype=float)
    if c.ndim not in (1, 2) or c.shape[-1] == 0:
        raise argument_error(
            name, f"must be a weight vector (n,) or vectors (s, n), got shape {c.shape}"
        )
    if not np.isfinite(c).all() or (c < 0).any():
        raise argument_error(name, "weights must be finite and non-negative", "w >= 0")
    sums = c.sum(axis=-1, keepdims=True)
    if (sums <= 0).any():
        raise argument_error(name, "a weight vector sums to 0", "at least one positive weight")
    return np.asarray(c / sums, dtype=np.float64)


def _dirichlet_rows(alpha: NDArray[np.float64], gen: np.random.Generator) -> NDArray[np.float64]:
    """One Dirichlet draw per row of ``alpha`` (zeros in ``alpha`` give exact zeros)."""
    g = np.zeros_like(alpha)
    pos = alpha > 0
    g[pos] = gen.standard_gamma(alpha[pos])
    return np.asarray(g / g.sum(axis=1, keepdims=True), dtype=np.float64)


def dirichlet_weights(
    size: int, centre: ArrayLike, concentration: float, rng: RNGLike = None
) -> NDArray[np.float64]:
    """Weights from a Dirichlet distribution centred on elicited weights.

    :math:`w \\sim \\mathrm{Dirichlet}(\\kappa c)` with mean :math:`c` (the elicited weights,
    normalised) and :math:`\\mathrm{Var}(w_j) = c_j (1 - c_j) / (\\kappa + 1)`: the larger the
    concentration :math:`\\kappa`, the tighter around :math:`c`. Criteria with :math:`c_j = 0`
    keep weight 0. Drawn as normalised Gamma(:math:`\\kappa c_j`) variates.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    centre : array_like, shape (n,)
        Elicited weights (non-negative; normalised here).
    concentration : float
        :math:`\\kappa > 0`.
    rng : int, Generator or None

    Returns
    -------
    ndarray, shape (N, n)

    Examples
    --------
    >>> w = dirichlet_weights(20_000, [0.5, 0.3, 0.2], 50, rng=0)
    >>> np.round(w.mean(axis=0), 2)
    array([0.5, 0.3, 0.2])
    """
    size = _check_count(size)
    c = _centres(centre, "centre")
    if c.ndim != 1:
        raise argument_error("centre", f"must be one weight vector (n,), got shape {c.shape}")
    if not (np.isfinite(concentration) and concentration > 0):
        raise argument_error("concentration", f"must be a positive number, got {concentration!r}")
    alpha = np.broadcast_to(concentration * c, (size, c.size)).copy()
    return _dirichlet_rows(alpha, as_generator(rng))


def mixture_weights(
    size: int,
    vectors: ArrayLike,
    rng: RNGLike = None,
    *,
    probabilities: Sequence[float] | ArrayLike | None = None,
    concentration: float | None = None,
) -> NDArray[np.float64]:
    """Weights from a mixture over stakeholders' weight vectors.

    Each sample picks stakeholder :math:`s` with probability :math:`p_s` (default equal) and
    takes their vector :math:`c_s` (normalised), or, with a concentration :math:`\\kappa`, a
    draw from :math:`\\mathrm{Dirichlet}(\\kappa c_s)` around it.

    Parameters
    ----------
    size : int
        Number of samples ``N``.
    vectors : array_like, shape (s, n)
        One weight vector per stakeholder.
    rng : int, Generator or None
    probabilities : array_like, shape (s,), optional
        Mixture weights (normalised here).
    concentration : float, optional
        Dirichlet spread around each vector; ``None`` = the exact vectors.

    Returns
    -------
    ndarray, shape (N, n)

    Examples
    --------
    >>> w = mixture_weights(4, [[1, 0], [0, 1]], rng=0)
    >>> sorted(set(map(tuple, w.tolist()))) <= [(0.0, 1.0), (1.0, 0.0)]
    True
    """
    size = _check_count(size)
    c = _centres(vectors, "vectors")
    if c.ndim == 1:
        c = c[None, :]
    s = c.shape[0]
    if probabilities is None:
        p = np.full(s, 1.0 / s)
    else:
        p = np.asarray(probabilities, dtype=float)
        if p.shape != (s,) or not np.isfinite(p).all() or (p < 0).any() or p.sum() <= 0:
            raise argument_error(
                "probabilities",
                f"must be {s} non-negative numbers with a positive sum, "
                f"got {np.asarray(probabilities).tolist()!r}",
            )
        p = p / p.sum()
    gen = as_generator(rng)
    who = gen.choice(s, size=size, p=p)
    chosen = c[who]
    if concentration is None:
        return chosen.copy()
    if not (np.isfinite(concentration) and concentration > 0):
        raise argument_error(
            "concentration", f"must be a positive number or None, got {concentration!r}"
        )
    return _dirichlet_rows(concentration * chosen, gen)
