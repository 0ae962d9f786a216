"""The result of VIKOR: :class:`VikorResult` and the compromise conditions C1, C2.

The conditions (Opricovic & Tzeng 2004, section 2, step e) are computed from S, R and Q in the
kernels' alternatives-major (m, K) layout, vectorised over the K weight vectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

__all__ = ["VikorResult"]

#: Absolute tolerance on Q, relative on S and R, in the compromise conditions.
_TOL = 1e-12


def _compromise(
    S: NDArray[np.float64], R: NDArray[np.float64], Q: NDArray[np.float64]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    """(C1 (K,), C2 (K,), mask (m, K)) from (m, K) arrays, vectorised over K.

    a' is the first index with the least Q and a'' the next in a stable sort by Q (the least
    Q among the others, first index on ties), found without sorting.
    """
    m, K = Q.shape
    if m == 1:
        ones = np.ones(K, dtype=bool)
        return ones, ones, np.ones((1, K), dtype=bool)
    cols = np.arange(K)
    first = Q.argmin(axis=0)
    q1 = Q[first, cols]
    others = Q.copy()
    others[first, cols] = np.inf
    second = others.argmin(axis=0)
    dq = 1.0 / (m - 1)
    advantage = others[second, cols] - q1 >= dq - _TOL
    s_tol = _TOL * np.maximum(1.0, np.abs(S).max(axis=0))
    r_tol = _TOL * np.maximum(1.0, np.abs(R).max(axis=0))
    stability = (S[first, cols] <= S.min(axis=0) + s_tol) | (
        R[first, cols] <= R.min(axis=0) + r_tol
    )
    rows = np.arange(m)[:, None]
    single_or_pair = (rows == first) | ((rows == second) & ~stability)
    mask = np.where(advantage, single_or_pair, Q - q1 < dq - _TOL)
    return advantage, stability, mask


@dataclass(frozen=True, eq=False)
class VikorResult:
    """Result of :func:`vikor`: S, R, Q (lower is better) and the compromise solution.

    The conditions and the compromise set are derived from S, R and Q on first access (and
    cached), so a batched call that only needs Q (SMAA, weight sweeps) does not pay for them.

    Attributes
    ----------
    S : ndarray, shape (m,) or (k, m)
        Group utility (weighted L1 regret).
    R : ndarray, shape (m,) or (k, m)
        Individual regret (weighted L-infinity).
    Q : ndarray, shape (m,) or (k, m)
        Compromise index in [0, 1]; 0 is best.

        Batched S, R and Q are transposed views of the kernel's alternatives-major (m, k)
        arrays (Fortran order, no copy): use ``np.ascontiguousarray`` if C order matters.
    v : float
        Weight of the "majority of criteria" strategy.
    """

    S: NDArray[np.float64]
    R: NDArray[np.float64]
    Q: NDArray[np.float64]
    v: float = 0.5

    @property
    def batched(self) -> bool:
        """True when the result has a leading k axis."""
        return bool(self.Q.ndim == 2)

    @cached_property
    def _conditions(self) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
        S, R, Q = (np.ascontiguousarray(np.atleast_2d(a).T) for a in (self.S, self.R, self.Q))
        return _compromise(S, R, Q)

    @property
    def acceptable_advantage(self) -> bool | NDArray[np.bool_]:
        """Condition C1, Q(a'') - Q(a') >= 1/(m-1): a bool, or (k,) bools when batched."""
        c1 = self._conditions[0]
        return c1 if self.batched else bool(c1[0])

    @property
    def acceptable_stability(self) -> bool | NDArray[np.bool_]:
        """Condition C2, a' also best by S or R: a bool, or (k,) bools when batched."""
        c2 = self._conditions[1]
        return c2 if self.batched else bool(c2[0])

    @property
    def compromise_mask(self) -> NDArray[np.bool_]:
        """Membership of the compromise set, shape (m,) or (k, m)."""
        mask = self._conditions[2].T
        return np.ascontiguousarray(mask) if self.batched else mask[0]

    @cached_property
    def compromise(self) -> tuple[int, ...] | list[tuple[int, ...]]:
        """Indices of the compromise set, best Q first.

        A tuple of alternative indices; a list with one tuple per weight vector when batched.
        """
        Q2 = np.atleast_2d(self.Q)
        M2 = np.atleast_2d(self.compromise_mask)
        rows = []
        for q, mask in zip(Q2, M2, strict=True):
            idx = np.flatnonzero(mask)
            rows.append(tuple(int(i) for i in idx[np.argsort(q[idx], kind="stable")]))
        return rows if self.batched else rows[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain Python types (lists, bools), e.g. for JSON."""
        compromise = self.compromise
        return {
            "S": self.S.tolist(),
            "R": self.R.tolist(),
            "Q": self.Q.tolist(),
            "compromise": [list(c) for c in compromise]
            if isinstance(compromise, list)
            else list(compromise),
            "acceptable_advantage": np.asarray(self.acceptable_advantage).tolist(),
            "acceptable_stability": np.asarray(self.acceptable_stability).tolist(),
            "v": self.v,
        }

    def _repr_html_(self) -> str:
        """S, R and Q per alternative (index), the compromise set and C1, C2 (one weight
        vector); the shape and v when batched."""
        if self.batched:
            return (
                f"<table><caption>VIKOR, v = {self.v}</caption><tbody><tr><td>"
                f"{self.Q.shape[0]} weight vectors × {self.Q.shape[1]} alternatives"
                "</td></tr></tbody></table>"
            )
        compromise = cast("tuple[int, ...]", self.compromise)  # one weight vector
        rows = "".join(
            f"<tr><td>{i}</td><td>{self.S[i]:.4f}</td><td>{self.R[i]:.4f}</td>"
            f"<td>{self.Q[i]:.4f}</td><td>{'✓' if i in compromise else ''}</td></tr>"
            for i in np.argsort(self.Q, kind="stable").tolist()
        )
        return (
            f"<table><caption>VIKOR, v = {self.v}: C1 = {self.acceptable_advantage}, "
            f"C2 = {self.acceptable_stability}</caption>"
            "<thead><tr><th>i</th><th>S</th><th>R</th><th>Q</th><th>compromise</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        if self.batched:
            return f"VikorResult(k={self.Q.shape[0]}, m={self.Q.shape[1]}, v={self.v})"
        q = np.array2string(self.Q, precision=4)
        return (
            f"VikorResult(Q={q}, compromise={self.compromise}, "
            f"C1={self.acceptable_advantage}, C2={self.acceptable_stability})"
        )
