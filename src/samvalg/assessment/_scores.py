"""Scores: one cell (:class:`Score`), a service area's options and cells
(:class:`ServiceAssessment`), and the options x criteria matrix of a set (:class:`ScoreMatrix`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._options import Option
from samvalg.assessment._scales import Scale
from samvalg.errors import SamvalgError

__all__ = ["Cell", "Score", "ScoreMatrix", "ServiceAssessment"]

Cell = float | int | str | dict[str, float | int | str]
"""A score cell in file form: a bare value, ``"na"``, or ``{value, rationale, low, high}``."""


@dataclass(frozen=True)
class Score:
    """One cell: the score of an option on a criterion, in scale units.

    Attributes
    ----------
    value : float or None
        The score; ``None`` when the criterion does not apply (``"na"``).
    low, high : float or None
        Optional uncertainty interval (``low <= value <= high``).
    rationale : str
        Why the score was given.

    Examples
    --------
    >>> Score(3.0, low=2.0, high=4.0).interval
    (2.0, 4.0)
    >>> Score(None).applicable
    False
    """

    value: float | None
    low: float | None = None
    high: float | None = None
    rationale: str = ""

    @property
    def applicable(self) -> bool:
        """``False`` for ``"na"``."""
        return self.value is not None

    @property
    def interval(self) -> tuple[float, float]:
        """``(low, high)``, each defaulting to the value (NaN for ``"na"``)."""
        v = math.nan if self.value is None else self.value
        return (v if self.low is None else self.low, v if self.high is None else self.high)

    def to_raw(self, scale: Scale) -> Cell:
        """The cell as written in an assessment file (bare value when nothing else is set)."""
        value: float | int | str = "na" if self.value is None else _cell_value(self.value, scale)
        if self.low is None and self.high is None and not self.rationale:
            return value
        out: dict[str, float | int | str] = {"value": value}
        if self.rationale:
            out["rationale"] = self.rationale
        if self.low is not None:
            out["low"] = _cell_value(self.low, scale)
        if self.high is not None:
            out["high"] = _cell_value(self.high, scale)
        return out


def _cell_value(x: float, scale: Scale) -> float | int | str:
    if scale.kind == "plus_minus":
        return scale.label(x)
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True, eq=False)
class ServiceAssessment:
    """The options of one service area and their scores.

    Attributes
    ----------
    service : str
        Service area id.
    options : tuple of Option
        In file order.
    scores : mapping
        ``scores[str(option)][criterion_id] -> Score`` for every criterion of every set.

    Examples
    --------
    >>> import samvalg
    >>> sa = samvalg.example_assessment().services["lonn"]
    >>> str(sa.options[0])
    'egen_drift'
    """

    service: str
    options: tuple[Option, ...]
    scores: Mapping[str, Mapping[str, Score]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(
            self,
            "scores",
            MappingProxyType({k: MappingProxyType(dict(v)) for k, v in self.scores.items()}),
        )

    def score(self, option: str | Option, criterion: str) -> Score:
        """The score of `option` on `criterion`."""
        key = str(option)
        if key not in self.scores:
            raise SamvalgError(
                f"option {key!r} is not assessed for {self.service!r}"
                + did_you_mean(key, self.scores)
                + f" (allowed: {', '.join(self.scores)})"
            )
        cells = self.scores[key]
        if criterion not in cells:
            raise SamvalgError(f"unknown criterion {criterion!r}" + did_you_mean(criterion, cells))
        return cells[criterion]

    def __repr__(self) -> str:
        return (
            f"ServiceAssessment({self.service!r}, options=["
            + ", ".join(str(o) for o in self.options)
            + "])"
        )


def _readonly(a: ArrayLike, dtype: DTypeLike = float) -> NDArray[np.generic]:
    out = np.array(a, dtype=dtype, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class ScoreMatrix:
    """Scores of one service area's options on one criteria set.

    Attributes
    ----------
    service : str
        Service area id.
    set_id : str
        Criteria set id.
    options : tuple of Option
        Rows, in assessment order.
    criteria : tuple of str
        Columns, in catalogue order.
    values : ndarray (m, n)
        Scores in scale units; NaN where the criterion does not apply.
    low, high : ndarray (m, n)
        Uncertainty bounds, equal to ``values`` where none was given (NaN where n/a).
    applicable : ndarray (m, n) of bool
        ``False`` for ``"na"`` cells.
    rationale : tuple of tuple of str
        ``rationale[i][j]`` ("" when none was given).
    scale : Scale
        The set's scale.
    types : ndarray (n,)
        +1 benefit, -1 cost (from the catalogue's criterion directions).

    Examples
    --------
    >>> import samvalg
    >>> M = samvalg.example_assessment().matrix("lonn", "gains")
    >>> M.values.shape == (len(M.options), 5)
    True
    """

    service: str
    set_id: str
    options: tuple[Option, ...]
    criteria: tuple[str, ...]
    values: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    applicable: NDArray[np.bool_]
    rationale: tuple[tuple[str, ...], ...]
    scale: Scale
    types: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name in ("values", "low", "high", "types"):
            object.__setattr__(self, name, _readonly(getattr(self, name)))
        object.__setattr__(self, "applicable", _readonly(self.applicable, bool))

    @property
    def shape(self) -> tuple[int, int]:
        """``(options, criteria)``."""
        return (len(self.options), len(self.criteria))

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The options as strings (``"vertskommune:melhus"``)."""
        return tuple(str(o) for o in self.options)

    def values_01(self) -> NDArray[np.float64]:
        """Scores through the scale-anchored value function, 0..1, higher is better.

        ``v_ij = (x_ij - lower) / (upper - lower)``; for a cost criterion ``1 - v_ij``. NaN
        where the criterion does not apply. The bounds are the scale's, not the data's, so the
        values do not depend on which other options are assessed.

        Examples
        --------
        >>> import samvalg
        >>> V = samvalg.example_assessment().matrix("lonn", "strategy").values_01()
        >>> bool(((V >= 0) & (V <= 1)).all())
        True
        """
        return self.scale.to_01(self.values, self.types)

    def interval_01(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(worst, best)`` bounds on the 0..1 value scale (swapped for cost criteria)."""
        a = self.scale.to_01(self.low, self.types)
        b = self.scale.to_01(self.high, self.types)
        return np.fmin(a, b), np.fmax(a, b)

    def __repr__(self) -> str:
        return (
            f"ScoreMatrix({self.service!r}, {self.set_id!r}, options={len(self.options)}, "
            f"criteria={len(self.criteria)}, scale={self.scale})"
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.criteria)
        rows = []
        for i, opt in enumerate(self.options):
            cells = []
            for j in range(len(self.criteria)):
                if not self.applicable[i, j]:
                    cells.append("<td>na</td>")
                    continue
                text = self.scale.label(self.values[i, j])
                if self.low[i, j] != self.values[i, j] or self.high[i, j] != self.values[i, j]:
                    text += (
                        f" <small>[{self.scale.label(self.low[i, j])}, "
                        f"{self.scale.label(self.high[i, j])}]</small>"
                    )
                title = html.escape(self.rationale[i][j], quote=True)
                cells.append(f'<td title="{title}">{text}</td>')
            rows.append(f"<tr><th>{html.escape(str(opt))}</th>{''.join(cells)}</tr>")
        return (
            f"<p><b>{html.escape(self.service)}</b> / {html.escape(self.set_id)} "
            f"(scale {html.escape(str(self.scale))})</p>"
            f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>"
        )
