"""Group AHP: aggregation of individual judgments (AIJ) or priorities (AIP)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError, argument_error
from samvalg.group._plain import _plain_dict
from samvalg.group._validation import _SOURCE, _stakeholder_weights
from samvalg.weights.ahp import AHPResult, ahp

__all__ = ["GroupAHPResult", "aggregate_ahp"]


@dataclass(frozen=True)
class GroupAHPResult(AHPResult):
    """An :class:`~samvalg.weights.ahp.AHPResult` for a group, with the individual results.

    For ``aggregation="aij"`` every AHP field (``weights``, ``lambda_max``, ``ci``, ``cr``,
    ``matrix``, ``judgments``) is that of the aggregated judgment matrix: ``cr`` is the group's
    consistency ratio. For ``"aip"`` there is no group matrix: ``weights`` are the aggregated
    priorities, ``matrix`` is the consistent matrix :math:`w_i / w_j` they imply, and
    ``lambda_max = n``, ``ci = 0``, ``cr`` = NaN (undefined; see ``individual_cr``);
    ``consistent`` is then ``True`` when every individual matrix is.

    Attributes
    ----------
    aggregation : str
        ``"aij"`` or ``"aip"``.
    stakeholder_weights : ndarray (s,)
        Normalised weights of the individuals.
    individual : tuple of AHPResult
        Each stakeholder's own result.
    individual_cr : ndarray (s,)
        Each stakeholder's consistency ratio.
    """

    aggregation: str = "aij"
    stakeholder_weights: NDArray[np.float64] = field(default_factory=lambda: np.ones(1))
    individual: tuple[AHPResult, ...] = ()
    individual_cr: NDArray[np.float64] = field(default_factory=lambda: np.zeros(1))

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.update(
            {
                "aggregation": self.aggregation,
                "stakeholder_weights": self.stakeholder_weights.tolist(),
                "individual_cr": self.individual_cr.tolist(),
                "individual_weights": [r.weights.tolist() for r in self.individual],
            }
        )
        return _plain_dict(out)

    def __repr__(self) -> str:
        base = super().__repr__().replace("AHPResult(", "GroupAHPResult(", 1)
        return base[:-1] + f", aggregation={self.aggregation!r}, s={len(self.individual)})"


def aggregate_ahp(
    matrices: ArrayLike | Sequence[ArrayLike],
    method: Literal["aij", "aip"] = "aij",
    weights: ArrayLike | None = None,
    *,
    prioritization: Literal["eigen", "geometric"] = "eigen",
    random_index: str = "saaty1980",
    labels: Sequence[str] | None = None,
) -> GroupAHPResult:
    r"""Group AHP priorities from several stakeholders' pairwise comparison matrices.

    With stakeholder weights :math:`p_k \ge 0`, :math:`\sum_k p_k = 1` (default equal):

    - ``"aij"`` (aggregation of individual judgments): the weighted geometric mean of the
      judgments, :math:`g_{ij} = \prod_k (a^{(k)}_{ij})^{p_k}`, then the priorities of
      :math:`G` by ``prioritization`` (principal eigenvector by default) and its consistency
      ratio: the group CR. :math:`G` is again reciprocal (:math:`g_{ji} = 1 / g_{ij}`), which
      the arithmetic mean is not (Aczél & Saaty 1983).
    - ``"aip"`` (aggregation of individual priorities): each stakeholder's priorities
      :math:`w^{(k)}` by ``prioritization``, then their weighted geometric mean, normalised:
      :math:`w_i \propto \prod_k (w^{(k)}_i)^{p_k}`.

    Forman & Peniwati (1998) recommend AIJ when the group acts as one unit (its members merge
    their judgments) and AIP when it acts as separate individuals; the geometric mean keeps the
    Pareto principle in both. With ``prioritization="geometric"`` (row geometric means) the two
    give the same priorities (Barzilai & Golany 1994).

    Parameters
    ----------
    matrices : array_like of shape (s, n, n)
        One positive reciprocal matrix per stakeholder (validated as :func:`samvalg.weights.ahp`).
    method : {"aij", "aip"}
    weights : array_like of shape (s,), optional
        Stakeholder (voting) weights, non-negative, normalised here; default equal.
    prioritization : {"eigen", "geometric"}
        How priorities are derived from a matrix.
    random_index : str
        RI table for the CR (see :data:`samvalg.weights.ahp.RANDOM_INDEX`).
    labels : sequence of str, optional
        Criterion ids of the rows.

    Returns
    -------
    GroupAHPResult

    Raises
    ------
    samvalg.errors.ValidationError
        Fewer than one matrix, matrices of different sizes, a matrix that is not positive
        reciprocal (located as ``matrices[k]: P[i, j] ...``), bad weights or method.

    References
    ----------
    Forman & Peniwati (1998), EJOR 108(1), 165-169; Aczél & Saaty (1983), J. Math. Psych.
    27(1), 93-102; Barzilai & Golany (1994), INFOR 32(2), 57-64.

    Examples
    --------
    >>> A = [[1, 3], [1/3, 1]]
    >>> B = [[1, 1/3], [3, 1]]
    >>> aggregate_ahp([A, B]).weights.round(3).tolist()     # opposite views cancel
    [0.5, 0.5]
    >>> r = aggregate_ahp([A, B], weights=[3, 1])
    >>> round(float(r.matrix[0, 1]), 4)                      # 3 ** 0.75 * (1/3) ** 0.25
    1.7321
    """
    if method not in ("aij", "aip"):
        raise argument_error("method", f"unknown aggregation {method!r}", "'aij' or 'aip'")
    try:
        mats = [np.asarray(m, dtype=float) for m in matrices]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise argument_error("matrices", "must be a sequence of numeric square matrices") from None
    if not mats:
        raise argument_error("matrices", "no matrix given", "one matrix per stakeholder")
    shapes = {m.shape for m in mats}
    if len(shapes) != 1:
        raise argument_error(
            "matrices", f"all matrices must have the same shape, got {sorted(map(str, shapes))}"
        )
    p = _stakeholder_weights(weights, len(mats))
    individual = []
    problems: list[Problem] = []
    for k, m in enumerate(mats):
        try:
            individual.append(
                ahp(m, method=prioritization, random_index=random_index, labels=labels)
            )
        except ValidationError as exc:
            problems.extend(
                Problem(_SOURCE, f"matrices[{k}]: {q.location}", q.message, q.allowed)
                for q in exc.problems
            )
    if problems:
        raise ValidationError(problems)
    logs = np.log(np.stack(mats))
    if method == "aij":
        G = np.exp(np.tensordot(p, logs, axes=1))
        # exact reciprocity (the weighted log-mean is antisymmetric up to rounding)
        iu = np.triu_indices(G.shape[0], 1)
        G[iu[1], iu[0]] = 1.0 / G[iu]
        np.fill_diagonal(G, 1.0)
        res = ahp(G, method=prioritization, random_index=random_index, labels=labels)
        fields = {f: getattr(res, f) for f in res.__dataclass_fields__}
    else:
        W = np.stack([r.weights for r in individual])
        w = np.exp(p @ np.log(W))
        w = w / w.sum()
        w.setflags(write=False)
        n = w.size
        M = w[:, None] / w[None, :]
        M.setflags(write=False)
        crs = [r.cr for r in individual]
        fields = {
            "weights": w,
            "lambda_max": float(n),
            "ci": 0.0,
            "cr": math.nan,
            "n": n,
            "random_index": individual[0].random_index,
            "random_index_table": random_index,
            "method": prioritization,
            "consistent": bool(all(c <= 0.1 for c in crs)),
            "judgments": (),
            "inconsistent": (),
            "matrix": M,
            "labels": individual[0].labels,
        }
    return GroupAHPResult(
        **fields,
        aggregation=method,
        stakeholder_weights=p,
        individual=tuple(individual),
        individual_cr=np.array([r.cr for r in individual]),
    )
