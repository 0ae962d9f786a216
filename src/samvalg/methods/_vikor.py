r"""VIKOR (Opricovic 1998; Opricovic & Tzeng 2004), batched over weight vectors.

With oriented values :math:`f_{ij}` (higher is better), :math:`f_j^* = \max_i f_{ij}` and
:math:`f_j^- = \min_i f_{ij}`:

.. math::
    d_{ij} = \frac{f_j^* - f_{ij}}{f_j^* - f_j^-}, \quad
    S_i = \sum_j w_j d_{ij}, \quad R_i = \max_j w_j d_{ij},

.. math::
    Q_i = v\,\frac{S_i - S^*}{S^- - S^*} + (1 - v)\,\frac{R_i - R^*}{R^- - R^*},

with :math:`S^* = \min_i S_i`, :math:`S^- = \max_i S_i` (likewise R). Lower S, R, Q are
better. The default ``normalization=None`` is VIKOR's own linear form, computed exactly as
pymcdm does (benefit :math:`f = x`, cost :math:`f = \max x - x`); any other normalisation
first maps the column to "higher is better" and then applies the same formula.

Compromise solution (Opricovic & Tzeng 2004, section 2, step e). Rank by Q; let
:math:`a'` be first and :math:`a''` second, :math:`DQ = 1/(m-1)`.

* C1, *acceptable advantage*: :math:`Q(a'') - Q(a') \ge DQ`.
* C2, *acceptable stability*: :math:`a'` is also best ranked by S or by R.
* Both hold: compromise :math:`\{a'\}`. Only C2 fails: :math:`\{a', a''\}`. C1 fails:
  :math:`\{a', \dots, a^{(M)}\}` with :math:`Q(a^{(M)}) - Q(a') < DQ` for maximum M.

Defined edge cases (pymcdm raises on the first and divides by zero on the second):

* a constant column (:math:`f_j^* = f_j^-`) contributes :math:`d_{ij} = 0` to everyone: no
  alternative regrets a criterion on which all are equal;
* a constant S (or R) over the alternatives makes that term undefined; it is dropped and
  the weights of the remaining term(s) are renormalised:
  :math:`Q = (v a_i + (1-v) b_i)/(v[S \text{ varies}] + (1-v)[R \text{ varies}])`, and
  :math:`Q = 0` for everyone when neither varies. With both varying this is the formula
  above unchanged;
* ties in Q are broken by index (stable sort); comparisons use an absolute tolerance of
  1e-12 on Q and 1e-12 relative on S and R, so Q(a'') - Q(a') = DQ counts as C1 holding;
* a single alternative (m = 1) is the compromise on its own; C1 and C2 are reported True.

References
----------
Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative
analysis of VIKOR and TOPSIS. European Journal of Operational Research, 156(2), 445-455.
Opricovic, S. (1998). Multicriteria Optimization of Civil Engineering Systems. Faculty of
Civil Engineering, Belgrade.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.methods._common import criteria_major
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._scaling import (
    check_finite_result,
    row_exponents,
    scaled_columns,
    scaled_rows,
    unscale_rows_t,
)
from samvalg.methods._validation import _iv, finish

__all__ = ["VikorResult", "vikor"]

_TOL = 1e-12


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

    def __repr__(self) -> str:
        if self.batched:
            return f"VikorResult(k={self.Q.shape[0]}, m={self.Q.shape[1]}, v={self.v})"
        q = np.array2string(self.Q, precision=4)
        return (
            f"VikorResult(Q={q}, compromise={self.compromise}, "
            f"C1={self.acceptable_advantage}, C2={self.acceptable_stability})"
        )


def _oriented(
    X: NDArray[np.float64], types: NDArray[np.float64], kind: str | None
) -> NDArray[np.float64]:
    """f (higher is better): pymcdm's VIKOR default for None, else the normalisation."""
    if kind is None:
        return np.where(types < 0, X.max(axis=-2, keepdims=True) - X, X)
    return _normalize(X, types, kind)


def _regrets(f: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    """(f*, f-, d) with d = (f* - f)/(f* - f-), 0 on constant columns."""
    fstar = f.max(axis=-2, keepdims=True)
    fminus = f.min(axis=-2, keepdims=True)
    span = fstar - fminus
    d = np.divide(fstar - f, span, out=np.zeros_like(f), where=span > 0)
    return fstar, fminus, d


def _scaled(
    x: NDArray[np.float64], out: NDArray[np.float64] | None = None
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """((x - min)/(max - min) over axis 0, varies?) with 0 where a column of x is constant.

    ``out`` (same shape as ``x``, not ``x`` itself) receives the result if given.
    """
    lo = x.min(axis=0)
    span = x.max(axis=0) - lo
    varies = span > 0
    out = np.subtract(x, lo, out=out)
    if varies.all():
        out /= span
        return out, varies
    np.divide(out, span, out=out, where=varies)
    out[:, ~varies] = 0.0
    return out, varies


def _q(
    S: NDArray[np.float64],
    R: NDArray[np.float64],
    v: float,
    scratch: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """Q in (m, K) layout from S, R in (m, K) layout; ``scratch`` (like R) may be overwritten."""
    a, s_varies = _scaled(S)
    b, r_varies = _scaled(R, out=scratch)
    a *= v
    b *= 1 - v
    a += b
    if s_varies.all() and r_varies.all():
        return a
    denom = v * s_varies + (1 - v) * r_varies
    return np.divide(a, denom, out=np.zeros_like(a), where=denom > 0)


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


def _weighted_regrets(
    d: NDArray[np.float64], W: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """(S, R, scratch) in (m, K) layout: S = sum_j w_j d_ij, R = max_j w_j d_ij.

    ``d`` is (m, n) or (k, m, n), ``W`` (K, n). One transposed copy of W serves both: S is one
    einsum (NumPy's own loop: no BLAS threads that stall on a busy machine), R a running
    maximum over the n criteria (a loop over criteria, never over the K weight vectors).
    ``scratch`` is a free (m, K) array the caller may reuse.
    """
    WT = np.ascontiguousarray(W.T)  # (n, K)
    if d.ndim == 2:
        S = np.einsum("mn,nk->mk", d, WT)
    elif W.shape[0] == 1:
        S = np.einsum("kmn,n->mk", d, WT[:, 0])
    else:
        S = np.einsum("kmn,nk->mk", d, WT)
    slabs = criteria_major(d)
    R = np.multiply(slabs[0], WT[0])
    scratch = np.empty_like(R)
    for j in range(1, WT.shape[0]):
        np.multiply(slabs[j], WT[j], out=scratch)
        np.maximum(R, scratch, out=R)
    return S, R, scratch


def _vikor_parts(
    X: NDArray[np.float64],
    W: NDArray[np.float64],
    types: NDArray[np.float64],
    kind: str | None,
    v: float,
) -> dict[str, NDArray[np.float64]]:
    """Every intermediate table; S, R, Q in (m, K) layout; trusts its input."""
    f = _oriented(X, types, kind)
    fstar, fminus, d = _regrets(f)
    S, R, scratch = _weighted_regrets(d, W)
    Q = _q(S, R, v, scratch)
    return {"f": f, "fstar": fstar, "fminus": fminus, "d": d, "S": S, "R": R, "Q": Q}


def _vikor_kernel(
    X: NDArray[np.float64],
    W: NDArray[np.float64],
    types: NDArray[np.float64],
    kind: str | None,
    v: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """(S, R, Q), each in (m, K) layout; trusts its input."""
    p = _vikor_parts(X, W, types, kind, v)
    return p["S"], p["R"], p["Q"]


def vikor(
    X: ArrayLike,
    w: ArrayLike,
    types: ArrayLike,
    v: float = 0.5,
    normalization: str | None = None,
) -> VikorResult:
    r"""VIKOR compromise ranking (Opricovic & Tzeng 2004): S, R, Q and the compromise set.

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Alternatives x criteria.
    w : array_like, shape (n,) or (k, n)
        Non-negative weights, used as given (not renormalised, as pymcdm).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    v : float
        Weight of the strategy of "the majority of criteria", in [0, 1]. Default 0.5.
    normalization : str or None
        None (default, as pymcdm's ``VIKOR``): VIKOR's own linear form; or one of
        :data:`samvalg.methods.NORMALIZATIONS`.

    Returns
    -------
    VikorResult
        ``.S .R .Q`` (lower is better), ``.compromise`` (indices, best first; a list per
        weight vector when batched), ``.acceptable_advantage`` (C1),
        ``.acceptable_stability`` (C2).

    Raises
    ------
    samvalg.errors.ValidationError
        Bad input (named), or S or R beyond the float range (they scale with ``w``). Q and
        the compromise do not depend on the scale of ``w`` or of a column of ``X``: values
        and weights at any finite scale are computed after an exact power-of-two scaling.

    Examples
    --------
    Opricovic & Tzeng (2004), Table 3:

    >>> res = vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    >>> res.Q
    array([1., 0., 1.])
    >>> res.compromise, bool(res.acceptable_advantage), bool(res.acceptable_stability)
    ((1,), True, True)
    """
    iv = _iv(
        X, w, types, normalization=normalization, allowed_normalizations=(None, *NORMALIZATIONS)
    )
    try:
        v_ok = 0.0 <= float(v) <= 1.0
    except (TypeError, ValueError):
        v_ok = False
    if not v_ok:
        raise argument_error("v", f"is {v!r}", "a number in [0, 1]")
    check_normalizable(iv.X, normalization)
    # the regrets d are invariant to a positive scale per column (every normalisation), Q to
    # one per weight vector, and S and R scale with it: exact power-of-two scaling first
    e = row_exponents(iv.W)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        S, R, Q = _vikor_kernel(
            scaled_columns(iv.X), scaled_rows(iv.W, e), iv.types, normalization, float(v)
        )
        S, R = unscale_rows_t(S, e), unscale_rows_t(R, e)
    for table in (S, R, Q):
        check_finite_result(table, "VIKOR", iv.W, iv.X)
    # (k, m) views of the alternatives-major (m, k) arrays: no copies; the lazy conditions
    # transpose them back for free
    S, R, Q = (a.T for a in (S, R, Q))
    return VikorResult(
        finish(S, iv.batched), finish(R, iv.batched), finish(Q, iv.batched), float(v)
    )
