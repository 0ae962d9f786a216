"""Analytic Hierarchy Process (AHP): priorities and consistency from a pairwise matrix."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.weights._ahp_result import AHPResult, Judgment
from samvalg.weights._result import fail_all

__all__ = [
    "RANDOM_INDEX",
    "RANDOM_INDEX_SOURCES",
    "AHPResult",
    "Judgment",
    "ahp",
    "ahp_from_judgments",
]

#: Random consistency index RI(n), indexed by ``n - 1``, per published table.
RANDOM_INDEX: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {
        # Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill (n = 1..10).
        "saaty1980": (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
        # Saaty (2005), Theory and Applications of the Analytic Network Process, RWS, p. 31
        # (n = 1..15), as used by AHPy's random_index="saaty".
        "saaty2005": (
            0.0,
            0.0,
            0.52,
            0.89,
            1.11,
            1.25,
            1.35,
            1.40,
            1.45,
            1.49,
            1.52,
            1.54,
            1.56,
            1.58,
            1.59,
        ),
        # Alonso & Lamata (2006), Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems
        # 14(4), 445-459 (100 000 random matrices per n; n = 1..15).
        "alonso_lamata2006": (
            0.0,
            0.0,
            0.5245,
            0.8815,
            1.1086,
            1.2479,
            1.3417,
            1.4056,
            1.4499,
            1.4854,
            1.5141,
            1.5365,
            1.5551,
            1.5713,
            1.5838,
        ),
        # Donegan & Dodd (1991), Mathematical and Computer Modelling 15(10), 135-137 (n = 1..20).
        "donegan_dodd1991": (
            0.0,
            0.0,
            0.4914,
            0.8286,
            1.0591,
            1.1797,
            1.2519,
            1.3171,
            1.3733,
            1.4055,
            1.4213,
            1.4497,
            1.4643,
            1.4822,
            1.4969,
            1.5078,
            1.5153,
            1.5262,
            1.5313,
            1.5371,
        ),
    }
)

#: Full citation of each random-index table.
RANDOM_INDEX_SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "saaty1980": "Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.",
        "saaty2005": "Saaty, T. L. (2005). Theory and Applications of the Analytic Network "
        "Process. RWS Publications, p. 31.",
        "alonso_lamata2006": "Alonso, J. A. & Lamata, M. T. (2006). Consistency in the analytic "
        "hierarchy process: a new approach. IJUFKS 14(4), 445-459.",
        "donegan_dodd1991": "Donegan, H. A. & Dodd, F. J. (1991). A note on Saaty's random "
        "indexes. Mathematical and Computer Modelling 15(10), 135-137.",
    }
)

#: Saaty's threshold: judgments are acceptably consistent when CR <= 0.1.
CR_THRESHOLD = 0.1
#: How many of the worst judgments ``AHPResult.inconsistent`` lists when CR > 0.1.
N_REPORTED = 3

Method = Literal["eigen", "geometric"]


def _iv(
    P: ArrayLike, method: str, random_index: str, labels: Sequence[str] | None
) -> tuple[NDArray[np.float64], tuple[str, ...] | None, tuple[float, ...]]:
    """Validate every argument of :func:`ahp` at once; return the matrix, labels and RI table."""
    if method not in ("eigen", "geometric"):
        raise argument_error("method", f"unknown method {method!r}", "'eigen' or 'geometric'")
    if random_index not in RANDOM_INDEX:
        raise argument_error(
            "random_index", f"unknown random index table {random_index!r}", ", ".join(RANDOM_INDEX)
        )
    try:
        A = np.array(P, dtype=float)
    except (TypeError, ValueError):
        raise argument_error(
            "P", "is not a numeric matrix", "a square matrix of positive numbers"
        ) from None
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] < 1:
        raise argument_error("P", f"must be a square matrix with n >= 1, got shape {A.shape}")
    n = A.shape[0]
    table = RANDOM_INDEX[random_index]
    if n > len(table):
        raise argument_error(
            "P",
            f"n = {n} is larger than the random index table {random_index!r} covers "
            f"(n <= {len(table)})",
            ", ".join(f"{k} (n <= {len(v)})" for k, v in RANDOM_INDEX.items()),
        )
    labs: tuple[str, ...] | None = None
    if labels is not None:
        labs = tuple(str(x) for x in labels)
        if len(labs) != n or len(set(labs)) != n:
            raise argument_error("labels", f"need {n} distinct ids, got {list(labs)}")

    def cell(i: int, j: int) -> str:
        where = f"P[{i}, {j}] (row {i}, column {j})"
        return where + (f" [{labs[i]} vs {labs[j]}]" if labs else "")

    problems: list[tuple[str, str, str]] = []
    bad = ~np.isfinite(A) | (A <= 0)
    for i, j in zip(*np.nonzero(bad), strict=True):
        problems.append((cell(i, j), f"found {A[i, j]:g}", "a positive finite number"))
    fail_all(problems)
    for i in range(n):
        if not np.isclose(A[i, i], 1.0, rtol=0.0, atol=1e-6):
            problems.append((cell(i, i), f"diagonal entry is {A[i, i]:g}", "1"))
    for i in range(n):
        for j in range(i + 1, n):
            expected = 1.0 / A[i, j]
            if not np.isclose(A[j, i], expected, rtol=1e-6, atol=0.0):
                problems.append(
                    (
                        cell(j, i),
                        f"found {A[j, i]:.6g}, expected 1/P[{i}, {j}] = {expected:.6g}",
                        "a reciprocal matrix: P[j, i] = 1 / P[i, j]",
                    )
                )
    fail_all(problems)
    A.setflags(write=False)
    return A, labs, table


def ahp(
    P: ArrayLike,
    method: Method = "eigen",
    random_index: str = "saaty1980",
    *,
    labels: Sequence[str] | None = None,
) -> AHPResult:
    r"""Priorities and consistency ratio from a pairwise comparison matrix (Saaty 1980).

    ``P[i, j]`` says how many times more important criterion i is than criterion j (Saaty's
    1-9 scale); ``P`` must be positive with ``P[i, i] = 1`` and ``P[j, i] = 1 / P[i, j]``.

    - ``method="eigen"``: the weights are the principal (Perron) right eigenvector,
      :math:`P w = \lambda_{max} w`, normalised to sum 1 (Saaty 1980).
    - ``method="geometric"``: the weights are the normalised row geometric means,
      :math:`w_i \propto (\prod_j a_{ij})^{1/n}` (Crawford & Williams 1985), and
      :math:`\lambda_{max}` is estimated as :math:`\frac{1}{n}\sum_i (P w)_i / w_i`, which
      equals the principal eigenvalue when w is the eigenvector and n for a consistent matrix.

    Consistency: :math:`CI = (\lambda_{max} - n) / (n - 1)` and :math:`CR = CI / RI(n)`, RI from
    the table named by `random_index` (:data:`RANDOM_INDEX`). For n <= 2 every reciprocal
    matrix is consistent and CI = CR = 0. Tiny negative CI from rounding is set to 0
    (:math:`\lambda_{max} \ge n` holds for both estimates).

    Each judgment above the diagonal is compared with the weights through Saaty's
    :math:`e_{ij} = a_{ij} w_j / w_i`; the result lists all of them worst first (largest
    :math:`|\ln e_{ij}|`) and, when CR > 0.1, the three worst as ``inconsistent``: the cells to
    revisit first.

    Parameters
    ----------
    P : array_like of shape (n, n)
        Positive reciprocal matrix.
    method : {"eigen", "geometric"}
        Prioritisation method.
    random_index : str
        Name of the RI table: ``"saaty1980"`` (default, n <= 10), ``"saaty2005"``,
        ``"alonso_lamata2006"`` (n <= 15), ``"donegan_dodd1991"`` (n <= 20).
    labels : sequence of str, optional
        Criterion ids of the rows (used in messages and judgments).

    Returns
    -------
    AHPResult

    Raises
    ------
    samvalg.errors.ValidationError
        Not square, an entry not positive or not finite, a diagonal entry not 1, a pair not
        reciprocal within rtol 1e-6 (every cell named with the value found and expected), an
        unknown method or table, or n larger than the table.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    Saaty, T. L. (2008). Decision making with the analytic hierarchy process. *Int. J. Services
    Sciences*, 1(1), 83-98.
    Crawford, G. & Williams, C. (1985). A note on the analysis of subjective judgment matrices.
    *Journal of Mathematical Psychology*, 29(4), 387-405.

    Examples
    --------
    >>> r = ahp([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]])
    >>> r.weights.round(3).tolist()
    [0.648, 0.23, 0.122]
    >>> round(r.cr, 4), r.consistent
    (0.0032, True)
    """
    A, labs, table = _iv(P, method, random_index, labels)
    n = A.shape[0]
    if method == "eigen":
        vals, vecs = np.linalg.eig(A)
        k = int(np.argmax(vals.real))
        v = np.abs(vecs[:, k].real)
        w = v / v.sum()
        lam = float(vals[k].real)
    else:
        g = np.exp(np.log(A).mean(axis=1))
        w = g / g.sum()
        lam = float(np.mean(A @ w / w))
    ri = float(table[n - 1])
    if n <= 2:
        ci = cr = 0.0
    else:
        ci = max((lam - n) / (n - 1), 0.0)
        cr = ci / ri
    w.setflags(write=False)

    iu, ju = np.triu_indices(n, k=1)
    implied = w[iu] / w[ju]
    ratio = A[iu, ju] / implied
    order = np.argsort(-np.abs(np.log(ratio)), kind="stable")
    judgments = tuple(
        Judgment(
            int(iu[t]),
            int(ju[t]),
            float(A[iu[t], ju[t]]),
            float(implied[t]),
            float(ratio[t]),
            labs[iu[t]] if labs else None,
            labs[ju[t]] if labs else None,
        )
        for t in order
    )
    consistent = bool(cr <= CR_THRESHOLD)
    return AHPResult(
        weights=w,
        lambda_max=lam,
        ci=float(ci),
        cr=float(cr),
        n=n,
        random_index=ri,
        random_index_table=random_index,
        method=method,
        consistent=consistent,
        judgments=judgments,
        inconsistent=() if consistent else judgments[:N_REPORTED],
        matrix=A,
        labels=labs,
    )


def ahp_from_judgments(
    criteria: Sequence[str],
    judgments: Mapping[tuple[str, str], float],
    method: Method = "eigen",
    random_index: str = "saaty1980",
) -> AHPResult:
    """AHP from named pairwise judgments, e.g. ``{("kost", "tid"): 3}``.

    ``("a", "b"): 3`` means a is moderately more important than b (Saaty's 1-9 scale; values
    in [1/9, 9]). Each unordered pair needs one judgment; the reciprocal is filled in. Giving
    both ``("a", "b")`` and ``("b", "a")`` is allowed only if they are reciprocal.

    Parameters
    ----------
    criteria : sequence of str
        Criterion ids in matrix order.
    judgments : mapping of (str, str) to float
        One judgment per pair of distinct criteria.
    method, random_index
        As for :func:`ahp`.

    Returns
    -------
    AHPResult
        With ``labels`` = `criteria`.

    Raises
    ------
    samvalg.errors.ValidationError
        Unknown criterion ids (with the closest valid id), a pair with itself, values outside
        [1/9, 9], contradicting duplicates, and every missing pair, all listed at once.

    Examples
    --------
    >>> r = ahp_from_judgments(["a", "b", "c"], {("a", "b"): 2, ("a", "c"): 4, ("b", "c"): 2})
    >>> r.weights.round(4).tolist(), r.cr
    ([0.5714, 0.2857, 0.1429], 0.0)
    """
    crit = [str(c) for c in criteria]
    if not crit or len(set(crit)) != len(crit):
        raise argument_error("criteria", f"need distinct criterion ids, got {crit}")
    index = {c: i for i, c in enumerate(crit)}
    n = len(crit)
    A = np.eye(n)
    have = np.eye(n, dtype=bool)
    problems: list[tuple[str, str, str]] = []
    for key, value in judgments.items():
        loc = f"judgments[{key!r}]"
        if not (isinstance(key, tuple) and len(key) == 2):
            problems.append((loc, "key must be a pair (a, b)", ""))
            continue
        unknown = [k for k in key if k not in index]
        for k in unknown:
            close = difflib.get_close_matches(str(k), crit, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append((loc, f"unknown criterion {k!r}{hint}", ", ".join(crit)))
        if unknown:
            continue
        a, b = key
        if a == b:
            problems.append((loc, "compares a criterion with itself", "two distinct criteria"))
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            problems.append((loc, f"is not a number: {value!r}", "a number in [1/9, 9]"))
            continue
        x = float(value)
        if not np.isfinite(x) or not (1 / 9 - 1e-9 <= x <= 9 + 1e-9):
            problems.append((loc, f"value {value!r} is off Saaty's scale", "1/9 .. 9"))
            continue
        i, j = index[a], index[b]
        if have[i, j] and not np.isclose(A[i, j], x, rtol=1e-6):
            problems.append(
                (
                    loc,
                    f"contradicts ({b!r}, {a!r}) = {1 / A[i, j]:.6g}",
                    "one judgment per pair, or exact reciprocals",
                )
            )
            continue
        A[i, j], A[j, i] = x, 1.0 / x
        have[i, j] = have[j, i] = True
    missing = [
        f"({crit[i]!r}, {crit[j]!r})" for i in range(n) for j in range(i + 1, n) if not have[i, j]
    ]
    if missing:
        problems.append(
            (
                "judgments",
                f"{len(missing)} pair(s) missing: " + ", ".join(missing),
                "one judgment for every pair of criteria",
            )
        )
    fail_all(problems)
    return ahp(A, method=method, random_index=random_index, labels=crit)
