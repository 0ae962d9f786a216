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

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.methods._common import criteria_major
from samvalg.methods._derivation import Step, reject_unknown
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._scaling import (
    check_finite_result,
    row_exponents,
    scaled_columns,
    scaled_rows,
    unscale_rows_t,
)
from samvalg.methods._spec import MethodSpec, Prepared
from samvalg.methods._validation import _iv, check_choice, finish
from samvalg.methods._vikor_result import VikorResult, _compromise

__all__ = ["SPEC", "VikorResult", "vikor"]


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


#: Up to this many products w_j d_ij, R is one broadcast product and one maximum (fewer calls
#: than the kernel's loop over criteria, the same products and maximum).
_ONE_SHOT_R = 2**16


def _weighted_regrets(
    d: NDArray[np.float64], W: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """(S, R, scratch) in (m, K) layout: S = sum_j w_j d_ij, R = max_j w_j d_ij.

    ``d`` is (m, n) or (k, m, n), ``W`` (K, n). One transposed copy of W serves both: S is one
    einsum (NumPy's own loop: no BLAS threads that stall on a busy machine), R a running
    maximum over the n criteria (a loop over criteria, never over the K weight vectors).
    ``scratch`` is a free (m, K) array the caller may reuse. For one matrix and at most
    :data:`_ONE_SHOT_R` products, R is one broadcast product and one maximum instead.
    """
    WT = np.ascontiguousarray(W.T)  # (n, K)
    if d.ndim == 2 and W.shape[0] * d.size <= _ONE_SHOT_R:
        S = np.einsum("mn,nk->mk", d, WT)
        R = (d[:, None, :] * W[None, :, :]).max(axis=-1)  # the same products; a max is exact
        return S, R, np.empty_like(R)
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


def _prepared_regrets(
    X: NDArray[np.float64], types: NDArray[np.float64], kind: str | None
) -> NDArray[np.float64]:
    r"""The weight-independent regrets :math:`d_{ij} = (f_j^* - f_{ij})/(f_j^* - f_j^-)`.

    As :func:`vikor` computes them (after its exact power-of-two column scaling), so that
    :func:`_utility_from_regrets` on them equals the public function bit for bit.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _regrets(_oriented(scaled_columns(X), types, kind))[2]


def _utility_from_regrets(
    d: NDArray[np.float64], W: NDArray[np.float64], v: float
) -> NDArray[np.float64]:
    r"""Utilities :math:`-Q` in (m, K) layout from the regrets ``d`` (m, n) and ``W`` (K, n).

    :math:`S = d\,w`, :math:`R_i = \max_j w_j d_{ij}` and :math:`Q` by the kernel's own
    helpers in the kernel's order, so the values are :meth:`MethodSpec.utility`'s bit for
    bit; for a few weight vectors R is the maximum of one broadcast product (a maximum is
    exact in any order). Trusts its input.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        Ws = scaled_rows(W, row_exponents(W))
        S, R, scratch = _weighted_regrets(d, Ws)
        Q = _q(S, R, v, scratch)  # a new array: -Q written over it
        return np.subtract(0.0, Q, out=Q)


def _column_replaced_utility(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    kind: str | None,
    v: float,
) -> Callable[[NDArray[np.float64], NDArray[np.int64]], NDArray[np.float64]]:
    r"""``f(cols, js) -> (m, K)``: utilities :math:`-Q` of ``X`` with one column replaced.

    Matrix k is ``X`` (m, n) with column ``js[k]`` replaced by ``cols[:, k]`` (``cols`` (m, K)),
    under the one weight vector ``w`` (n,). Every step before the weights works column by
    column (orientation, normalisation, :math:`f^*_j`, :math:`f^-_j`, the power-of-two
    column scaling), so the regrets of the other columns are ``X``'s, computed once, and
    only the replaced column's are recomputed. S is the kernel's contraction of the whole
    stack of regrets; R, a maximum (exact in floating point, in any order), is
    :math:`\max(R^{(-j)}_i, w_j d'_{ij})` with :math:`R^{(-j)}_i = \max_{l \ne j} w_l d_{il}`
    from ``X``'s regrets, the same products :math:`w_l d_{il}` as the kernel's. So the values
    equal :meth:`MethodSpec.utility` on the stack of perturbed matrices bit for bit (for
    score sensitivity: no validation, and one column's normalisation per matrix). Trusts its
    input.
    """
    d0 = _prepared_regrets(X, types, kind)
    m, n = d0.shape
    W = w.reshape(1, n)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        Ws = scaled_rows(W, row_exponents(W))
        P = d0 * Ws[0]  # (m, n): the kernel's products w_l d_il
    WT = np.ascontiguousarray(Ws.T)  # as _weighted_regrets
    # the largest product of every other column: the row's largest, or its second largest
    # in the column of the largest
    rows = np.arange(m)
    first_at = np.argmax(P, axis=1)
    rest = P.copy()
    rest[rows, first_at] = -np.inf
    R_without = np.repeat(P[rows, first_at][:, None], n, axis=1)
    R_without[rows, first_at] = rest.max(axis=1)

    def utility(cols: NDArray[np.float64], js: NDArray[np.int64]) -> NDArray[np.float64]:
        K = js.size
        # the K replaced columns side by side as one (m, K) matrix: column-wise steps only
        d_col = _prepared_regrets(cols, types[js], kind)
        D = np.repeat(d0[None], K, axis=0)  # (K, m, n), contiguous as the kernel's regrets
        D[np.arange(K), :, js] = d_col.T
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            S = np.einsum("kmn,n->mk", D, WT[:, 0])
            R = np.maximum(R_without[:, js], d_col * Ws[0, js])
            Q = _q(S, R, v, np.empty_like(R))
            return np.subtract(0.0, Q, out=Q)

    return utility


def _prepare(
    X: NDArray[np.float64], types: NDArray[np.float64], options: Mapping[str, Any]
) -> Prepared:
    r"""The regrets :math:`d_{ij}` once; per chunk :math:`S = d\,w`,
    :math:`R_i = \max_j w_j d_{ij}` and :math:`Q` (utilities :math:`-Q`)."""
    d = _prepared_regrets(X, types, options.get("normalization"))
    v = float(options.get("v", 0.5))
    return lambda W: _utility_from_regrets(d, W, v)


def _q_values(X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any) -> NDArray[np.float64]:
    """The decision values of VIKOR: Q (lower is better)."""
    return vikor(X, w, types, **kw).Q


def _steps(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    options: dict[str, Any],
) -> tuple[Step, ...]:
    """Oriented values, best, worst, weighted regrets, S, R, compromise set, Q."""
    kind = options.pop("normalization", None)
    v = options.pop("v", 0.5)
    reject_unknown(options, "normalization, v")
    check_choice(kind, "normalization", (None, *NORMALIZATIONS))
    if not (isinstance(v, int | float) and 0 <= v <= 1):
        raise argument_error("v", f"is {v!r}", "a number in [0, 1]")
    check_normalizable(X, kind)
    p = _vikor_parts(X, w[None], types, kind, float(v))
    c1, c2, mask = _compromise(p["S"], p["R"], p["Q"])
    return (
        Step(
            "oriented",
            "f_{ij}",
            "Verdier orientert slik at høyere er bedre",
            "Values oriented so that higher is better",
            p["f"],
        ),
        Step(
            "best", "f_j^*", "Beste verdi per kriterium", "Best value per criterion", p["fstar"][0]
        ),
        Step(
            "worst",
            "f_j^-",
            "Dårligste verdi per kriterium",
            "Worst value per criterion",
            p["fminus"][0],
        ),
        Step(
            "regret",
            "w_j (f_j^* - f_{ij}) / (f_j^* - f_j^-)",
            "Vektet anger per kriterium",
            "Weighted regret per criterion",
            w * p["d"],
        ),
        Step(
            "S",
            "S_i",
            "Gruppenytte S (lavere er bedre)",
            "Group utility S (lower is better)",
            p["S"][:, 0],
        ),
        Step(
            "R",
            "R_i",
            "Individuell anger R (lavere er bedre)",
            "Individual regret R (lower is better)",
            p["R"][:, 0],
        ),
        Step(
            "compromise",
            "\\{a', \\dots\\}",
            f"Kompromissmengde (C1 {'oppfylt' if c1[0] else 'ikke oppfylt'}, "
            f"C2 {'oppfylt' if c2[0] else 'ikke oppfylt'})",
            f"Compromise set (C1 {'holds' if c1[0] else 'fails'}, "
            f"C2 {'holds' if c2[0] else 'fails'})",
            mask[:, 0],
        ),
        Step(
            "score",
            "Q_i",
            "Kompromissindeks Q (lavere er bedre)",
            "Compromise index Q (lower is better)",
            p["Q"][:, 0],
        ),
    )


SPEC = MethodSpec(
    "vikor",
    "VIKOR (kompromissrangering)",
    "VIKOR (compromise ranking)",
    False,
    False,
    None,
    vikor,
    "Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: "
    "A comparative analysis of VIKOR and TOPSIS. EJOR 156(2), 445-455.",
    score=_q_values,
    prepare=_prepare,
    steps=_steps,
)
