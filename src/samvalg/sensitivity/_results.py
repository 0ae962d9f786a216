"""Results of the sensitivity analyses: crossovers and thresholds, weight sweeps, score
sensitivity and the analysis of one view of a service area.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg._json import JSONMixin

__all__ = ["Crossover", "ScoreSensitivity", "ServiceSensitivity", "Threshold", "WeightSweep"]


def _none_if_nan(x: float | None) -> float | None:
    if x is None:
        return None
    return None if math.isnan(x) else float(x)


@dataclass(frozen=True)
class Crossover:
    """Two options swap order at weight ``t`` of the sweep.

    Attributes
    ----------
    t : float
        The swept weight at the swap (the options tie here).
    ahead_before, ahead_after : str
        The option ahead just below and just above ``t``.
    """

    t: float
    ahead_before: str
    ahead_after: str

    def to_dict(self) -> dict[str, Any]:
        return {"t": self.t, "ahead_before": self.ahead_before, "ahead_after": self.ahead_after}


@dataclass(frozen=True)
class Threshold:
    """The change of one weight that dethrones the top option.

    Attributes
    ----------
    weight : float
        The weight at which the top option loses first place (a tie at exactly this value).
    absolute : float
        ``weight - current`` (positive for an increase, negative for a decrease).
    relative : float or None
        ``absolute / current`` (None when the current weight is 0).
    new_top : str
        The option on top just beyond the threshold.
    """

    weight: float
    absolute: float
    relative: float | None
    new_top: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "weight": self.weight,
            "absolute": self.absolute,
            "relative": self.relative,
            "new_top": self.new_top,
        }


@dataclass(frozen=True, eq=False)
class WeightSweep(JSONMixin):
    """One weight swept from 0 to 1 (see the module docstring).

    Attributes
    ----------
    parameter : str
        The swept criterion or criteria set.
    kind : {"criterion", "set"}
    current : float
        The current value of the swept weight.
    t : ndarray (k,)
        Sweep grid on [0, 1].
    values : ndarray (k, m)
        Each option's value along the sweep (the method's own values: VIKOR's Q is lower-better).
    higher_is_better : bool
    alternatives : tuple of str
        Columns of ``values``.
    candidates : tuple of str
        Options whose order counts (the others take part in the method only).
    crossovers : tuple of Crossover
        Every swap of two candidates in (0, 1), sorted by ``t``.
    top : str
        The top candidate at the current weights.
    increase, decrease : Threshold or None
        Smallest increase / decrease dethroning ``top``; None = never within [0, 1].
    exact : bool
        True for closed-form crossovers (WSM, PROMETHEE II, WPM); False when root-finding
        after bracketing on a grid of ``grid_points``.
    grid_points : int
        Bracketing grid size (0 when exact).
    method : str
    """

    parameter: str
    kind: str
    current: float
    t: NDArray[np.float64]
    values: NDArray[np.float64]
    higher_is_better: bool
    alternatives: tuple[str, ...]
    candidates: tuple[str, ...]
    crossovers: tuple[Crossover, ...]
    top: str
    increase: Threshold | None
    decrease: Threshold | None
    exact: bool
    grid_points: int
    method: str
    w_start: NDArray[np.float64] = field(repr=False, default_factory=lambda: np.zeros(0))
    w_end: NDArray[np.float64] = field(repr=False, default_factory=lambda: np.zeros(0))

    def weights_at(self, t: float) -> NDArray[np.float64]:
        """The full weight vector at sweep position ``t``."""
        return (1.0 - t) * self.w_start + t * self.w_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "kind": self.kind,
            "method": self.method,
            "current": self.current,
            "top": self.top,
            "increase": None if self.increase is None else self.increase.to_dict(),
            "decrease": None if self.decrease is None else self.decrease.to_dict(),
            "crossovers": [c.to_dict() for c in self.crossovers],
            "exact": self.exact,
            "grid_points": self.grid_points,
            "higher_is_better": self.higher_is_better,
            "alternatives": list(self.alternatives),
            "candidates": list(self.candidates),
            "t": self.t.tolist(),
            "values": self.values.tolist(),
        }

    def __repr__(self) -> str:
        def th(x: Threshold | None) -> str:
            return "never" if x is None else f"{x.weight:.4f} ({x.new_top})"

        return (
            f"WeightSweep({self.parameter!r}, current={self.current:.4f}, top={self.top!r}, "
            f"increase={th(self.increase)}, decrease={th(self.decrease)}, "
            f"crossovers={len(self.crossovers)})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{c.t:.4f}</td><td>{html.escape(c.ahead_before)}</td>"
            f"<td>{html.escape(c.ahead_after)}</td></tr>"
            for c in self.crossovers
        )

        def th(x: Threshold | None) -> str:
            if x is None:
                return "aldri / never"
            rel = "" if x.relative is None else f", {100 * x.relative:+.0f} %"
            return f"{x.weight:.4f} ({x.absolute:+.4f}{rel}) → {html.escape(x.new_top)}"

        return (
            f"<p><b>{html.escape(self.parameter)}</b> ({self.kind}, {self.method}): "
            f"nå / now {self.current:.4f}, topp / top {html.escape(self.top)}; "
            f"økning / increase {th(self.increase)}; reduksjon / decrease "
            f"{th(self.decrease)}</p><table><thead><tr><th>t</th><th>foran før / ahead "
            f"before</th><th>foran etter / ahead after</th></tr></thead><tbody>{rows}"
            f"</tbody></table>"
        )


@dataclass(frozen=True, eq=False)
class ScoreSensitivity(JSONMixin):
    """Smallest single-score changes that change the top option.

    Attributes
    ----------
    alternatives, criteria : tuple of str
        Rows and columns.
    values : ndarray (m, n)
        The scores (in the units of ``increase``/``decrease``).
    increase, decrease : ndarray (m, n)
        Smallest increase / decrease (positive numbers) of the score that changes the top
        option; NaN = never (within the search range for numeric methods).
    leaves_scale_increase, leaves_scale_decrease : ndarray (m, n) of bool
        The change would take the score outside ``[lower, upper]``.
    lower, upper : ndarray (n,)
        Scale bounds per criterion.
    top : str
        The top candidate with the scores as given.
    exact : bool
        Closed form (WSM without normalisation) or grid + bisection.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    values: NDArray[np.float64]
    increase: NDArray[np.float64]
    decrease: NDArray[np.float64]
    leaves_scale_increase: NDArray[np.bool_]
    leaves_scale_decrease: NDArray[np.bool_]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    top: str
    exact: bool
    method: str

    @property
    def smallest(self) -> NDArray[np.float64]:
        """The smaller of the two changes per cell (NaN = never)."""
        return np.fmin(self.increase, self.decrease)

    def critical(self, k: int = 5, *, within_scale: bool = True) -> list[dict[str, Any]]:
        """The ``k`` cells where the smallest change flips the top option (which judgments
        matter most), smallest first.

        Each item: ``option``, ``criterion``, ``direction`` (``"increase"``/``"decrease"``),
        ``change`` (positive, in scale units), ``score`` (as given) and ``outside_scale``
        (the changed score would leave ``[lower, upper]``; such cells are left out unless
        ``within_scale=False``).
        """
        out = []
        for direction, arr, leaves in (
            ("increase", self.increase, self.leaves_scale_increase),
            ("decrease", self.decrease, self.leaves_scale_decrease),
        ):
            keep = ~np.isnan(arr) & ~(leaves & within_scale)
            for i, j in zip(*np.nonzero(keep), strict=True):
                out.append(
                    {
                        "option": self.alternatives[i],
                        "criterion": self.criteria[j],
                        "direction": direction,
                        "change": float(arr[i, j]),
                        "score": float(self.values[i, j]),
                        "outside_scale": bool(leaves[i, j]),
                    }
                )
        out.sort(key=lambda d: d["change"])
        return out[:k]

    def to_dict(self) -> dict[str, Any]:
        def nn(a: NDArray[np.float64]) -> Any:
            return [[_none_if_nan(float(x)) for x in row] for row in a]

        return {
            "method": self.method,
            "exact": self.exact,
            "top": self.top,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "values": self.values.tolist(),
            "lower": self.lower.tolist(),
            "upper": self.upper.tolist(),
            "increase": nn(self.increase),
            "decrease": nn(self.decrease),
            "leaves_scale_increase": self.leaves_scale_increase.tolist(),
            "leaves_scale_decrease": self.leaves_scale_decrease.tolist(),
        }

    def __repr__(self) -> str:
        crit = self.critical(3)
        parts = ", ".join(
            f"{c['option']}/{c['criterion']} {c['direction']} {c['change']:.3g}" for c in crit
        )
        return f"ScoreSensitivity(top={self.top!r}, most critical: {parts or 'none'})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(c['option'])}</td><td>{html.escape(c['criterion'])}</td>"
            f"<td>{c['score']:g}</td><td>{c['direction']}</td><td>{c['change']:.3g}</td></tr>"
            for c in self.critical(10)
        )
        return (
            f"<p>Topp / top: <b>{html.escape(self.top)}</b> ({self.method}); de skårene "
            f"der minst endring gir ny topp / the scores where the smallest change gives a "
            f"new top:</p><table><thead><tr><th>alternativ</th><th>kriterium</th>"
            f"<th>skår</th><th>retning</th><th>endring</th></tr></thead><tbody>{rows}"
            f"</tbody></table>"
        )


@dataclass(frozen=True, eq=False)
class ServiceSensitivity(JSONMixin):
    """Weight sweeps and score sensitivity of one view of one service area.

    Attributes
    ----------
    service, view : str
    options : tuple of str
        Options in the view (every criterion applicable), feasible or not.
    candidates : tuple of str
        The legally feasible ones: only their order counts.
    excluded : dict
        Options not ranked, with the reason.
    top : str
        The best feasible option at the current weights.
    criterion_sweeps : dict of str to WeightSweep
    set_sweeps : dict of str to WeightSweep
        Set-weight sweeps (views with several criteria sets).
    scores : ScoreSensitivity
        In scale units of each criterion's set.
    """

    service: str
    view: str
    method: str
    options: tuple[str, ...]
    candidates: tuple[str, ...]
    excluded: Mapping[str, str]
    top: str
    criterion_sweeps: Mapping[str, WeightSweep]
    set_sweeps: Mapping[str, WeightSweep]
    scores: ScoreSensitivity
    illustrative: bool = False

    def thresholds(self) -> list[dict[str, Any]]:
        """Per swept weight: current value and the dethroning increase/decrease (or None)."""
        rows = []
        for sw in (*self.set_sweeps.values(), *self.criterion_sweeps.values()):
            rows.append(
                {
                    "parameter": sw.parameter,
                    "kind": sw.kind,
                    "current": sw.current,
                    "increase": None if sw.increase is None else sw.increase.to_dict(),
                    "decrease": None if sw.decrease is None else sw.decrease.to_dict(),
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "view": self.view,
            "method": self.method,
            "illustrative": self.illustrative,
            "options": list(self.options),
            "candidates": list(self.candidates),
            "excluded": dict(self.excluded),
            "top": self.top,
            "set_sweeps": {k: v.to_dict() for k, v in self.set_sweeps.items()},
            "criterion_sweeps": {k: v.to_dict() for k, v in self.criterion_sweeps.items()},
            "scores": self.scores.to_dict(),
        }

    def __repr__(self) -> str:
        return (
            f"ServiceSensitivity({self.service!r}, view={self.view!r}, top={self.top!r}, "
            f"sweeps={len(self.set_sweeps) + len(self.criterion_sweeps)})"
        )

    def _repr_html_(self) -> str:
        def th(x: Threshold | None) -> str:
            return "aldri / never" if x is None else f"{x.weight:.3f} → {html.escape(x.new_top)}"

        rows = "".join(
            f"<tr><td>{html.escape(sw.parameter)}</td><td>{sw.current:.3f}</td>"
            f"<td>{th(sw.increase)}</td><td>{th(sw.decrease)}</td></tr>"
            for sw in (*self.set_sweeps.values(), *self.criterion_sweeps.values())
        )
        label = (
            "<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
            if self.illustrative
            else ""
        )
        return (
            f"{label}<p>{html.escape(self.service)} – {html.escape(self.view)} "
            f"({self.method}): topp / top <b>{html.escape(self.top)}</b></p>"
            "<table><thead><tr><th>vekt / weight</th><th>nå / now</th>"
            "<th>økning som gir ny topp</th><th>reduksjon som gir ny topp</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{self.scores._repr_html_()}"
        )
