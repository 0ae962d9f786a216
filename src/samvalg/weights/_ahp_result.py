"""The result of AHP: :class:`AHPResult` and the :class:`Judgment` of one pairwise cell."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["AHPResult", "Judgment"]


@dataclass(frozen=True)
class Judgment:
    r"""One pairwise judgment compared with what the derived weights imply.

    The error measure is Saaty's :math:`e_{ij} = a_{ij} w_j / w_i` (Saaty 1980, ch. 7;
    Saaty 2003, EJOR 145, 85-91): 1 when the judgment agrees with the weights, above 1 when it
    overstates row i against column j. Judgments are ordered by :math:`|\ln e_{ij}|`, so an
    error of 3 and one of 1/3 count alike.

    Attributes
    ----------
    i, j : int
        Row and column of the judgment (0-based, ``i < j``).
    given : float
        The judgment :math:`a_{ij}`.
    implied : float
        :math:`w_i / w_j` from the derived weights.
    ratio : float
        :math:`e_{ij} = a_{ij} w_j / w_i` = given / implied.
    row, col : str or None
        Criterion ids of row i and column j, when known.
    """

    i: int
    j: int
    given: float
    implied: float
    ratio: float
    row: str | None = None
    col: str | None = None

    @property
    def deviation(self) -> float:
        r""":math:`|\ln e_{ij}|`, the ordering key (0 for a perfectly consistent judgment)."""
        return abs(float(np.log(self.ratio)))

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "i": self.i,
            "j": self.j,
            "row": self.row,
            "col": self.col,
            "given": self.given,
            "implied": self.implied,
            "ratio": self.ratio,
            "deviation": self.deviation,
        }

    def __str__(self) -> str:
        a = self.row if self.row is not None else f"#{self.i}"
        b = self.col if self.col is not None else f"#{self.j}"
        return (
            f"{a} vs {b}: given {self.given:.4g}, weights imply {self.implied:.4g} "
            f"(ratio {self.ratio:.3g})"
        )


@dataclass(frozen=True)
class AHPResult:
    """Priorities and consistency of a pairwise comparison matrix.

    Attributes
    ----------
    weights : ndarray of shape (n,)
        The priority vector, summing to 1.
    lambda_max : float
        Principal eigenvalue (``method="eigen"``) or its estimate
        ``mean((P w)_i / w_i)`` (``method="geometric"``).
    ci : float
        Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n <= 2).
    cr : float
        Consistency ratio ``ci / RI(n)`` (0 for n <= 2, where every reciprocal matrix is
        consistent).
    n : int
        Matrix order.
    random_index : float
        The RI(n) value used.
    random_index_table : str
        Name of the RI table (a key of :data:`RANDOM_INDEX`).
    method : str
        ``"eigen"`` or ``"geometric"``.
    consistent : bool
        ``cr <= 0.1`` (Saaty's rule).
    judgments : tuple of Judgment
        Every judgment above the diagonal, worst first (always computed).
    inconsistent : tuple of Judgment
        The three worst judgments when ``cr > 0.1``; empty otherwise.
    matrix : ndarray of shape (n, n)
        The pairwise comparison matrix (read-only).
    labels : tuple of str or None
        Criterion ids of the rows, when known.
    """

    weights: NDArray[np.float64]
    lambda_max: float
    ci: float
    cr: float
    n: int
    random_index: float
    random_index_table: str
    method: str
    consistent: bool
    judgments: tuple[Judgment, ...]
    inconsistent: tuple[Judgment, ...]
    matrix: NDArray[np.float64]
    labels: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python (JSON-ready) form."""
        return {
            "method": self.method,
            "weights": self.weights.tolist(),
            "labels": list(self.labels) if self.labels is not None else None,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "n": self.n,
            "random_index": self.random_index,
            "random_index_table": self.random_index_table,
            "consistent": self.consistent,
            "inconsistent": [j.to_dict() for j in self.inconsistent],
            "matrix": self.matrix.tolist(),
        }

    def __repr__(self) -> str:
        names = self.labels if self.labels is not None else tuple(map(str, range(self.n)))
        w = ", ".join(f"{k}={v:.4f}" for k, v in zip(names, self.weights, strict=True))
        return (
            f"AHPResult(method={self.method!r}, {w}; lambda_max={self.lambda_max:.4f}, "
            f"CR={self.cr:.4f} ({self.random_index_table}))"
        )

    def _repr_html_(self) -> str:
        names = self.labels if self.labels is not None else tuple(map(str, range(self.n)))
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v:.4f}</td></tr>"
            for k, v in zip(names, self.weights, strict=True)
        )
        flag = "" if self.consistent else " (inconsistent: CR &gt; 0.1)"
        worst = "".join(f"<li>{html.escape(str(j))}</li>" for j in self.inconsistent)
        return (
            f"<p><b>AHP</b> ({self.method}): &lambda;<sub>max</sub> = {self.lambda_max:.4f}, "
            f"CI = {self.ci:.4f}, CR = {self.cr:.4f}{flag}</p>"
            f"<table><tr><th>criterion</th><th>weight</th></tr>{rows}</table>"
            + (f"<ul>{worst}</ul>" if worst else "")
        )
