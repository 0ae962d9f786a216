"""Results of SMAA-2: the arrays (:class:`SMAAResult`) and one view of a service area
(:class:`ServiceSMAA`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from samvalg._json import JSONMixin
from samvalg.errors import SamvalgError

if TYPE_CHECKING:
    from samvalg.assessment._stakeholders import VotingWeights

__all__ = ["SMAADraws", "SMAAResult", "ServiceSMAA"]


def _nan_to_none(a: NDArray[np.float64]) -> Any:
    if a.ndim == 0:
        v = float(a)
        return None if math.isnan(v) else v
    return [_nan_to_none(x) for x in a]


@dataclass(frozen=True, eq=False)
class SMAADraws:
    r"""The raw Monte Carlo draws of an SMAA-2 run (kept with ``keep_draws=True``).

    With them an analyst can re-analyse a run (other statistics, another tie tolerance, the
    distribution of an option's utility) or extend it (run again with another seed and pool
    the draws: every statistic of :class:`SMAAResult` is a count or a mean over iterations).
    Row ``k`` is iteration ``k`` in sample order, whatever the chunk size.

    Memory: :math:`N (8n + 10m)` bytes, i.e. :math:`8Nn` for the weights, :math:`8Nm` for the
    utilities and :math:`2Nm` for the ranks (``N = 10^6`` iterations of 7 options x 28
    criteria: 294 MB, of which the weights are 224 MB). Sampled score matrices are not kept
    (``N m n`` values; with :func:`smaa2` they are the ``X`` passed in).

    Attributes
    ----------
    weights : ndarray (N, n)
        The weight vector of each iteration.
    utilities : ndarray (N, m)
        Each ranked alternative's utility (higher is better; ``-Q`` for VIKOR), columns in the
        order of :attr:`SMAAResult.alternatives`.
    ranks : ndarray (N, m) of int16
        Each ranked alternative's rank (1 = best; ties share the best rank), as counted in the
        run: ``np.bincount(ranks[:, i] - 1, minlength=m) / N`` is row ``i`` of the rank
        acceptabilities, exactly.

    Examples
    --------
    >>> from samvalg.smaa import smaa2
    >>> r = smaa2([[1.0, 0.0], [0.0, 1.0]], [1, 1], n=1000, seed=1, keep_draws=True)
    >>> d = r.draws
    >>> d.weights.shape, d.ranks.shape
    ((1000, 2), (1000, 2))
    >>> bool((np.bincount(d.ranks[:, 0] - 1, minlength=2) == r.rank_acceptability[0] * 1000).all())
    True
    """

    weights: NDArray[np.float64]
    utilities: NDArray[np.float64]
    ranks: NDArray[np.int16]

    @property
    def nbytes(self) -> int:
        """Memory held by the draws, in bytes."""
        return int(self.weights.nbytes + self.utilities.nbytes + self.ranks.nbytes)

    def to_dict(self) -> dict[str, Any]:
        """Plain lists (row = iteration)."""
        return {
            "weights": self.weights.tolist(),
            "utilities": self.utilities.tolist(),
            "ranks": self.ranks.tolist(),
        }

    def __repr__(self) -> str:
        N, n = self.weights.shape
        return (
            f"SMAADraws(N={N}, criteria={n}, alternatives={self.ranks.shape[1]}, "
            f"{self.nbytes / 2**20:.1f} MB)"
        )


@dataclass(frozen=True, eq=False)
class SMAAResult(JSONMixin):
    """Result of :func:`smaa2`.

    Attributes
    ----------
    rank_acceptability : ndarray (m, m)
        ``[i, r]``: share of samples in which alternative ``i`` has rank ``r + 1``.
    central_weights : ndarray (m, n)
        Mean weight vector over the samples in which ``i`` ranks first; NaN row if never.
    confidence : ndarray (m,)
        Confidence factor: share of the sampled matrices in which ``i`` ranks first with the
        weights fixed at its central weight vector (NaN when that is NaN).
    pairwise_winning : ndarray (m, m)
        ``[i, k]``: share of samples in which ``i`` scores strictly better than ``k``.
    rank_acceptability_se, central_weights_se, confidence_se, pairwise_winning_se : ndarray
        Monte Carlo standard errors of the above (``sqrt(p (1 - p) / N)`` for shares; the
        standard error of the mean for central weights, NaN with fewer than two samples;
        0 for the confidence factor of a fixed matrix).
    n : int
        Number of Monte Carlo iterations ``N``.
    seed : int or None
        The seed given (None for a Generator or fresh entropy).
    method : str
        Aggregation method.
    normalization : str or None
        Normalisation passed to the method (None = its default).
    alternatives : tuple of str
        Row labels.
    criteria : tuple of str
        Column labels of ``central_weights``.
    sampled_scores : bool
        True when a matrix was sampled per iteration.
    method_kwargs : dict
        Further arguments passed to the method.
    draws : SMAADraws or None
        The sampled weights, utilities and ranks of every iteration when the run was made
        with ``keep_draws=True`` (None otherwise).
    """

    rank_acceptability: NDArray[np.float64]
    central_weights: NDArray[np.float64]
    confidence: NDArray[np.float64]
    pairwise_winning: NDArray[np.float64]
    rank_acceptability_se: NDArray[np.float64]
    central_weights_se: NDArray[np.float64]
    confidence_se: NDArray[np.float64]
    pairwise_winning_se: NDArray[np.float64]
    n: int
    seed: int | None
    method: str
    normalization: str | None
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    sampled_scores: bool = False
    method_kwargs: Mapping[str, Any] = field(default_factory=dict)
    draws: SMAADraws | None = field(default=None, repr=False)

    @property
    def first_rank(self) -> NDArray[np.float64]:
        """First-rank acceptability :math:`b_i^1`, shape (m,)."""
        return self.rank_acceptability[:, 0]

    def acceptability_of(self, alternative: str) -> NDArray[np.float64]:
        """The rank acceptabilities of one alternative (by label)."""
        try:
            i = self.alternatives.index(alternative)
        except ValueError:
            raise SamvalgError(
                f"no alternative {alternative!r} (allowed: {', '.join(self.alternatives)})"
            ) from None
        return cast(NDArray[np.float64], self.rank_acceptability[i])

    def to_dict(self, draws: bool = False) -> dict[str, Any]:
        """Plain Python (lists, None for NaN): JSON-ready.

        ``draws=True`` adds the raw draws under ``"draws"`` (the run must have kept them:
        ``keep_draws=True``); they are left out by default, being ``N`` rows long.
        """
        out = {
            "method": self.method,
            "normalization": self.normalization,
            "method_kwargs": {k: _plain(v) for k, v in self.method_kwargs.items()},
            "n": self.n,
            "seed": self.seed,
            "sampled_scores": self.sampled_scores,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "rank_acceptability": _nan_to_none(self.rank_acceptability),
            "rank_acceptability_se": _nan_to_none(self.rank_acceptability_se),
            "central_weights": _nan_to_none(self.central_weights),
            "central_weights_se": _nan_to_none(self.central_weights_se),
            "confidence": _nan_to_none(self.confidence),
            "confidence_se": _nan_to_none(self.confidence_se),
            "pairwise_winning": _nan_to_none(self.pairwise_winning),
            "pairwise_winning_se": _nan_to_none(self.pairwise_winning_se),
        }
        if draws:
            out["draws"] = self._require_draws().to_dict()
        return out

    def _require_draws(self) -> SMAADraws:
        if self.draws is None:
            raise SamvalgError("this SMAA-2 run kept no draws: run it with keep_draws=True")
        return self.draws

    def __repr__(self) -> str:
        lines = [f"SMAAResult(method={self.method!r}, n={self.n}, seed={self.seed!r})"]
        for i, a in enumerate(self.alternatives):
            cf = self.confidence[i]
            cf_text = "  –  " if math.isnan(cf) else f"{cf:5.3f}"
            lines.append(
                f"  {a:<30} b1={self.first_rank[i]:6.3f} "
                f"±{self.rank_acceptability_se[i, 0]:.3f}  pc={cf_text}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        m = len(self.alternatives)
        head = "".join(f"<th>b<sup>{r + 1}</sup></th>" for r in range(m))
        rows = []
        for i, a in enumerate(self.alternatives):
            cells = "".join(
                f"<td>{100 * self.rank_acceptability[i, r]:.1f}&nbsp;%</td>" for r in range(m)
            )
            cf = self.confidence[i]
            cf_text = "–" if math.isnan(cf) else f"{100 * cf:.1f}&nbsp;%"
            rows.append(f"<tr><th>{html.escape(a)}</th>{cells}<td>{cf_text}</td></tr>")
        se = float(np.max(self.rank_acceptability_se)) if self.rank_acceptability_se.size else 0
        return (
            f"<table><caption>SMAA-2 ({html.escape(self.method)}, N = {self.n}, "
            f"seed = {self.seed}); rangakseptabilitet / rank acceptability, "
            f"største standardfeil / largest standard error {100 * se:.2f} %</caption>"
            f"<thead><tr><th></th>{head}<th>p<sup>c</sup></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _plain(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, tuple | list):
        return [_plain(x) for x in v]
    return v


@dataclass(frozen=True, eq=False)
class ServiceSMAA(JSONMixin):
    """SMAA-2 of one view of one service area (result of :func:`smaa_service`).

    Attributes
    ----------
    service : str
        Service area id.
    view : str
        View key of :func:`samvalg.evaluate` (``"combined"``, ``"whether"``, ...).
    set_ids : tuple of str
        Criteria sets in the view.
    options : tuple of str
        Ranked options (legally feasible and every criterion applicable).
    excluded : dict
        Options not ranked, with the reason (not applicable, or ruled out by law).
    weight_info, hierarchy, score_uncertainty : str
        How weights and scores were sampled.
    elicited_weights : ndarray (n,)
        The view's global weights from the assessment.
    acceptance_rate : float or None
        Of the rejection step when ``weight_info="bounds"`` (None otherwise).
    result : SMAAResult
        Rows ``options``, columns ``criteria``.
    illustrative : bool
        The assessment is the illustrative example.
    stakeholder_probabilities : dict or None
        With ``weight_info="stakeholders"``: ``{stakeholder: p_s}``, the probability of drawing
        each stakeholder's weights (by default their voting weights); None otherwise.
    probability_basis : str or None
        How those probabilities were set: ``"voting"`` (the stakeholders' voting weights, see
        ``voting``), ``"equal"`` (equal, the weights given in the call) or ``"given"`` (given
        in the call); None without stakeholders. In words:
        :func:`samvalg.text.smaa.probability_basis_text`.
    voting : VotingWeights or None
        The voting weights behind ``"voting"`` probabilities (their scheme).
    """

    service: str
    view: str
    set_ids: tuple[str, ...]
    options: tuple[str, ...]
    excluded: Mapping[str, str]
    criteria: tuple[str, ...]
    weight_info: str
    hierarchy: str
    score_uncertainty: str
    concentration: float | None
    elicited_weights: NDArray[np.float64]
    acceptance_rate: float | None
    result: SMAAResult
    illustrative: bool = False
    stakeholder_probabilities: Mapping[str, float] | None = None
    probability_basis: str | None = None
    voting: VotingWeights | None = None

    @property
    def rank_acceptability(self) -> NDArray[np.float64]:
        return self.result.rank_acceptability

    @property
    def central_weights(self) -> NDArray[np.float64]:
        return self.result.central_weights

    @property
    def confidence(self) -> NDArray[np.float64]:
        return self.result.confidence

    @property
    def pairwise_winning(self) -> NDArray[np.float64]:
        return self.result.pairwise_winning

    @property
    def most_acceptable(self) -> str:
        """The option with the largest first-rank acceptability."""
        return self.options[int(np.argmax(self.result.first_rank))]

    @property
    def draws(self) -> SMAADraws | None:
        """The raw draws (``keep_draws=True``), or None."""
        return self.result.draws

    def to_dict(self, draws: bool = False) -> dict[str, Any]:
        """Plain Python, JSON-ready; ``draws=True`` adds the raw draws (see
        :meth:`SMAAResult.to_dict`)."""
        return {
            "service": self.service,
            "view": self.view,
            "sets": list(self.set_ids),
            "illustrative": self.illustrative,
            "options": list(self.options),
            "excluded": dict(self.excluded),
            "criteria": list(self.criteria),
            "weight_info": self.weight_info,
            "hierarchy": self.hierarchy,
            "score_uncertainty": self.score_uncertainty,
            "concentration": self.concentration,
            "elicited_weights": self.elicited_weights.tolist(),
            "acceptance_rate": self.acceptance_rate,
            "stakeholder_probabilities": (
                None
                if self.stakeholder_probabilities is None
                else dict(self.stakeholder_probabilities)
            ),
            "probability_basis": self.probability_basis,
            "smaa": self.result.to_dict(draws=draws),
        }

    def __repr__(self) -> str:
        head = (
            f"ServiceSMAA({self.service!r}, view={self.view!r}, weights={self.weight_info!r}, "
            f"scores={self.score_uncertainty!r})"
        )
        body = repr(self.result).split("\n", 1)
        excl = [f"  excluded {o}: {r}" for o, r in self.excluded.items()]
        mix = []
        if self.stakeholder_probabilities is not None:
            mix = [
                "  stakeholders: "
                + ", ".join(f"{k} p={v:.3f}" for k, v in self.stakeholder_probabilities.items())
                + f" ({self.probability_basis})"
            ]
        return "\n".join([head, *(body[1:] if len(body) > 1 else []), *mix, *excl])

    def _repr_html_(self) -> str:
        label = (
            "<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
            if self.illustrative
            else ""
        )
        excl = "".join(
            f"<li>{html.escape(o)}: {html.escape(r)}</li>" for o, r in self.excluded.items()
        )
        excl_html = f"<p>Ikke rangert / not ranked:</p><ul>{excl}</ul>" if excl else ""
        if self.stakeholder_probabilities is not None:
            items = "".join(
                f"<li>{html.escape(k)}: {100 * v:.1f}&nbsp;%</li>"
                for k, v in self.stakeholder_probabilities.items()
            )
            excl_html = (
                f"<p>Interessentenes sannsynlighet / the stakeholders' probability "
                f"({html.escape(str(self.probability_basis))}):</p><ul>{items}"
                f"</ul>{excl_html}"
            )
        return (
            f"{label}<p>{html.escape(self.service)} – {html.escape(self.view)}; "
            f"vekter / weights: {html.escape(self.weight_info)} ({self.hierarchy}), "
            f"skårer / scores: {html.escape(self.score_uncertainty)}</p>"
            f"{self.result._repr_html_()}{excl_html}"
        )
