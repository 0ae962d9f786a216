r"""PROMETHEE II net outranking flows (Brans & Vincke 1985), batched over weight vectors.

For criterion j with type :math:`t_j` the pairwise difference is
:math:`d_j(a, b) = t_j (x_{aj} - x_{bj})` (for a cost criterion a lower value is better),
and a preference function turns it into :math:`P_j(a, b) \in [0, 1]`:

==============  ==============================================================  =========
name            :math:`P(d)`, zero for :math:`d \le 0`                           needs
==============  ==============================================================  =========
``usual``       1 for d > 0 (type I)                                            --
``ushape``      1 for d > q (type II)                                           q
``vshape``      d/p for 0 < d <= p, 1 for d > p (type III)                      p
``level``       1/2 for q < d <= p, 1 for d > p (type IV)                       q, p
``vshape_2``    (d - q)/(p - q) for q < d <= p, 1 for d > p (type V, "linear")  q, p
``gaussian``    :math:`1 - \exp(-d^2 / (2 s^2))` for d > 0 (type VI), s = ``p``  p
==============  ==============================================================  =========

The first five are pymcdm's ``PROMETHEE_II`` preference functions, computed exactly as
pymcdm does; ``gaussian`` is Brans & Vincke's type VI, which pymcdm lacks: its parameter s
is passed as ``p``. (pymcdm has no "linear" name; its ``vshape_2`` is Brans' type V.)

Flows, with :math:`\pi(a, b) = \sum_j w_j P_j(a, b)` and m alternatives:

.. math::
    \phi^+(a) = \frac{1}{m-1}\sum_b \pi(a, b), \quad
    \phi^-(a) = \frac{1}{m-1}\sum_b \pi(b, a), \quad
    \phi(a) = \phi^+(a) - \phi^-(a) = \sum_j w_j \phi_j(a),

where :math:`\phi_j(a) = \frac{1}{m-1}\sum_b [P_j(a, b) - P_j(b, a)]` is the
unicriterion net flow. The preference tensor :math:`P` (m, m, n) does not depend on the
weights, so it is computed once, reduced to :math:`\phi_j` (m, n), and contracted with all
k weight vectors in one matrix product. Weights are used as given (pymcdm does the same);
with weights summing to 1 the net flow lies in [-1, 1]. With a single alternative the flow
is defined as 0 (pymcdm divides by zero).

References
----------
Brans, J.-P., & Vincke, Ph. (1985). A preference ranking organisation method (The PROMETHEE
method for multiple criteria decision-making). Management Science, 31(6), 647-656.
Brans, J.-P., Vincke, Ph., & Mareschal, B. (1986). How to select and how to rank projects:
The PROMETHEE method. European Journal of Operational Research, 24(2), 228-238.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError
from samvalg.methods._common import contract_t
from samvalg.methods._derivation import Step, reject_unknown
from samvalg.methods._scaling import check_finite_result, row_exponents, scaled_rows, unscale_rows_t
from samvalg.methods._spec import MethodSpec, Prepared
from samvalg.methods._validation import SOURCE, _iv, as_float_array, finish

__all__ = ["PREFERENCE_FUNCTIONS", "SPEC", "promethee_ii"]

#: Preference function names and the thresholds each needs.
PREFERENCE_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "ushape": ("q",),
    "vshape": ("p",),
    "level": ("q", "p"),
    "vshape_2": ("q", "p"),
    "gaussian": ("p",),
}


def _preference(d: NDArray[np.float64], name: str, q: float, p: float) -> NDArray[np.float64]:
    """P(d) for one criterion, elementwise (pymcdm's definitions, plus gaussian)."""
    if name == "usual":
        return (d > 0).astype(np.float64)
    if name == "ushape":
        return (d > q).astype(np.float64)
    if name == "vshape":
        return np.where(d > p, 1.0, np.where(d > 0, d / p, 0.0))
    if name == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if name == "vshape_2":
        span = p - q
        ramp = np.divide(d - q, span, out=np.zeros_like(d), where=(d > q) & (span > 0))
        return np.where(d > p, 1.0, np.where(d > q, ramp, 0.0))
    # gaussian, s = p
    return np.where(d > 0, -np.expm1(-(d * d) / (2.0 * p * p)), 0.0)


def _differences(X: NDArray[np.float64], types: NDArray[np.float64]) -> NDArray[np.float64]:
    """d[..., a, b, j] = t_j (x_aj - x_bj), shape (..., m, m, n)."""
    Xs = X * types
    return Xs[..., :, None, :] - Xs[..., None, :, :]


def _preference_tensor(
    X: NDArray[np.float64],
    types: NDArray[np.float64],
    functions: Sequence[str],
    q: NDArray[np.float64],
    p: NDArray[np.float64],
) -> NDArray[np.float64]:
    """P[..., a, b, j] in [0, 1]; loops over criteria only."""
    d = _differences(X, types)
    P = np.empty_like(d)
    for j, name in enumerate(functions):
        P[..., j] = _preference(d[..., j], name, q[j], p[j])
    return P


def _unicriterion_flows(P: NDArray[np.float64]) -> NDArray[np.float64]:
    """phi_j(a) = (sum_b P_j(a,b) - P_j(b,a)) / (m-1), shape (..., m, n)."""
    m = P.shape[-2]
    if m == 1:
        return np.zeros((*P.shape[:-3], 1, P.shape[-1]))
    return np.asarray((P.sum(axis=-2) - P.sum(axis=-3)) / (m - 1), dtype=np.float64)


def _per_criterion(
    value: ArrayLike | None, name: str, n: int, problems: list[Problem]
) -> NDArray[np.float64]:
    """q or p as (n,) floats, NaN where not given."""
    if value is None:
        return np.full(n, np.nan)
    arr = as_float_array(value, name, problems)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        problems.append(
            Problem(SOURCE, name, f"has shape {arr.shape}", f"a number or shape ({n},)")
        )
        return np.full(n, np.nan)
    return arr


def _check_preference(
    preference: str | Sequence[str], q: ArrayLike | None, p: ArrayLike | None, n: int
) -> tuple[list[str], NDArray[np.float64], NDArray[np.float64]]:
    problems: list[Problem] = []
    allowed = ", ".join(repr(k) for k in PREFERENCE_FUNCTIONS)
    if isinstance(preference, str):
        functions = [preference] * n
        locations = ["preference"] * n
    else:
        functions = list(preference)
        locations = [f"preference[{j}]" for j in range(len(functions))]
        if len(functions) != n:
            raise ValidationError(
                [
                    Problem(
                        SOURCE,
                        "preference",
                        f"has {len(functions)} entries but X has {n} criteria",
                        f"one name, or {n} names",
                    )
                ]
            )
    for loc, name in zip(locations, functions, strict=True):
        if name not in PREFERENCE_FUNCTIONS:
            problems.append(Problem(SOURCE, loc, f"is {name!r}", allowed))
            if isinstance(preference, str):
                break
    qa = _per_criterion(q, "q", n, problems)
    pa = _per_criterion(p, "p", n, problems)
    if problems:
        raise ValidationError(problems)
    q_per_criterion = q is not None and np.ndim(q) > 0  # locate as q[j] rather than q
    p_per_criterion = p is not None and np.ndim(p) > 0
    for j, name in enumerate(functions):
        needs = PREFERENCE_FUNCTIONS[name]
        label = "s (passed as p)" if name == "gaussian" else "p"
        if "q" in needs and not (np.isfinite(qa[j]) and qa[j] >= 0):
            problems.append(
                Problem(
                    SOURCE,
                    f"q[{j}]" if q_per_criterion else "q",
                    f"is {None if q is None else qa[j]!r} for {name!r} on criterion {j}",
                    "an indifference threshold q >= 0",
                )
            )
        if "p" in needs and not (np.isfinite(pa[j]) and pa[j] > 0):
            problems.append(
                Problem(
                    SOURCE,
                    f"p[{j}]" if p_per_criterion else "p",
                    f"is {None if p is None else pa[j]!r} for {name!r} on criterion {j}",
                    f"a threshold {label} > 0",
                )
            )
        if (
            "q" in needs
            and "p" in needs
            and np.isfinite(qa[j])
            and np.isfinite(pa[j])
            and pa[j] < qa[j]
        ):
            problems.append(
                Problem(
                    SOURCE,
                    f"p[{j}]" if p_per_criterion else "p",
                    f"is {pa[j]!r}, below q = {qa[j]!r} for {name!r}",
                    "p >= q",
                )
            )
    if problems:
        raise ValidationError(problems)
    return functions, qa, pa


def promethee_ii(
    X: ArrayLike,
    w: ArrayLike,
    types: ArrayLike,
    preference: str | Sequence[str] = "usual",
    q: float | ArrayLike | None = None,
    p: float | ArrayLike | None = None,
) -> NDArray[np.float64]:
    r"""PROMETHEE II net outranking flows :math:`\phi(a) = \phi^+(a) - \phi^-(a)`.

    Parameters
    ----------
    X : array_like, shape (m, n) or (k, m, n)
        Alternatives x criteria, raw values (PROMETHEE does not normalise; q and p are in
        each criterion's own units).
    w : array_like, shape (n,) or (k, n)
        Non-negative weights, used as given.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    preference : str or sequence of str
        One of ``"usual", "ushape", "vshape", "level", "vshape_2", "gaussian"``, or one name
        per criterion.
    q, p : float or array_like of shape (n,), optional
        Indifference and preference thresholds (for ``"gaussian"``, ``p`` is s).

    Returns
    -------
    ndarray, shape (m,) or (k, m)
        Net flows; higher is better; they sum to 0 over the alternatives.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[4, 3, 2], [3, 2, 4], [5, 1, 3]])
    >>> np.round(promethee_ii(X, [0.5, 0.3, 0.2], [1, 1, 1]), 2)
    array([ 0.1, -0.3,  0.2])
    """
    iv = _iv(X, w, types)
    functions, qa, pa = _check_preference(preference, q, p, iv.X.shape[-1])
    e = row_exponents(iv.W)  # net flows are linear in w: exact power-of-two scaling and back
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        phi = _unicriterion_flows(_preference_tensor(iv.X, iv.types, functions, qa, pa))
        out = unscale_rows_t(contract_t(phi, scaled_rows(iv.W, e)), e)
    check_finite_result(out, "PROMETHEE II", iv.W, iv.X)
    return finish(np.ascontiguousarray(out.T), iv.batched)


def _prepare(
    X: NDArray[np.float64], types: NDArray[np.float64], options: Mapping[str, Any]
) -> Prepared:
    r"""The unicriterion net flows :math:`\phi_j(a)` once; net flows :math:`\phi = \Phi w`."""
    functions, q, p = _check_preference(
        options.get("preference", "usual"), options.get("q"), options.get("p"), X.shape[-1]
    )
    phi = _unicriterion_flows(_preference_tensor(X, types, functions, q, p))
    return lambda W: contract_t(phi, W)


def _steps(
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    options: dict[str, Any],
) -> tuple[Step, ...]:
    """Differences, preferences, aggregated index, the three flows, net flow."""
    preference = options.pop("preference", "usual")
    q, p = options.pop("q", None), options.pop("p", None)
    reject_unknown(options, "preference, q, p")
    functions, qa, pa = _check_preference(preference, q, p, X.shape[1])
    P = _preference_tensor(X, types, functions, qa, pa)
    pi = P @ w
    m = X.shape[0]
    scale = 1.0 / (m - 1) if m > 1 else 0.0
    plus, minus = pi.sum(axis=1) * scale, pi.sum(axis=0) * scale
    return (
        Step(
            "differences",
            "d_j(a, b)",
            "Parvise differanser per kriterium",
            "Pairwise differences per criterion",
            _differences(X, types),
        ),
        Step(
            "preferences",
            "P_j(a, b)",
            "Preferansegrad per kriterium",
            "Preference degree per criterion",
            P,
        ),
        Step(
            "aggregated", "\\pi(a, b)", "Samlet preferanseindeks", "Aggregated preference index", pi
        ),
        Step(
            "positive_flow",
            "\\phi^+(a)",
            "Positiv (utgående) strøm",
            "Positive (leaving) flow",
            plus,
        ),
        Step(
            "negative_flow",
            "\\phi^-(a)",
            "Negativ (inngående) strøm",
            "Negative (entering) flow",
            minus,
        ),
        Step(
            "unicriterion_flows",
            "\\phi_j(a)",
            "Netto strøm per kriterium",
            "Net flow per criterion",
            _unicriterion_flows(P),
        ),
        Step(
            "score", "\\phi(a) = \\phi^+(a) - \\phi^-(a)", "Netto strøm", "Net flow", plus - minus
        ),
    )


SPEC = MethodSpec(
    "promethee_ii",
    "PROMETHEE II (netto preferansestrøm)",
    "PROMETHEE II (net outranking flow)",
    True,
    True,
    None,
    promethee_ii,
    "Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation "
    "method. Management Science 31(6), 647-656.",
    prepare=_prepare,
    steps=_steps,
    accepts_normalization=False,
    pairwise=True,
)
