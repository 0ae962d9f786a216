r"""Group decisions: stakeholders' views, their aggregation, agreement and group robustness.

The weights and scores of an assessment come from workshops with several stakeholders (each
municipality, the employee representatives, working groups). The assessment file holds each
stakeholder's own weights (per criteria set, any elicitation method) and, optionally, their own
scores as sparse overrides of the common ones (``[stakeholders.<id>]``). This module

1. aggregates views: AHP judgments (:func:`aggregate_ahp`, AIJ and AIP), weight vectors
   (:func:`aggregate_weights`) and scores with their spread (:func:`aggregate_scores`), all
   weighted by the stakeholders' voting weights (:func:`voting_weights`);
2. builds each stakeholder's own assessment (:func:`stakeholder_assessment`) and the group's
   (:func:`group_assessment`);
3. measures agreement per service area (:func:`agreement`): each stakeholder's ranking, the
   rank correlation of every pair, Kendall's W, the criteria whose weights differ most, and the
   plain answer to "does every stakeholder get the same top option, and if not, who differs and
   on which criteria" (bokmål and English);
4. tests the group's robustness (:func:`group_smaa`): SMAA-2 with the weights drawn from the
   stakeholders' views, in proportion to their voting weights.

Voting weights (the default scheme, stated in every result)
-----------------------------------------------------------
*Equal voice per municipality, whatever its size* (the councils' likeverd): every municipality
has one unit, shared equally by its stakeholders that state no voting weight; a stakeholder
without a municipality (employee representatives, a working group, ...) has one unit of its
own; a stakeholder's stated ``voting_weight`` replaces its default unit. The units are
normalised to sum 1: :math:`p_s = u_s / \sum_t u_t`.

References
----------
Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio judgements. *Journal of
Mathematical Psychology* 27(1), 93-102.
Forman, E. & Peniwati, K. (1998). Aggregating individual judgments and priorities with the
analytic hierarchy process. *European Journal of Operational Research* 108(1), 165-169.
Barzilai, J. & Golany, B. (1994). AHP rank reversal, normalization and aggregation rules.
*INFOR* 32(2), 57-64.
Kendall, M. G. & Babington Smith, B. (1939). The problem of m rankings. *Annals of Mathematical
Statistics* 10(3), 275-287.
Pinto da Costa, J. & Soares, C. (2005). A weighted rank measure of correlation. *Australian &
New Zealand Journal of Statistics* 47(4), 515-529.
Sałabun, W. & Urbaniak, K. (2020). A new coefficient of rankings similarity in decision-making
problems. *ICCS 2020*, LNCS 12138, 632-645.
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis for
group decision making. *Operations Research* 49(3), 444-454.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, SamvalgError, ValidationError
from samvalg.ranking import kendall_w, rank, spearman, weighted_spearman, ws_similarity
from samvalg.weights.ahp import AHPResult, ahp

__all__ = [
    "Divergence",
    "GroupAHPResult",
    "GroupAgreement",
    "ScoreAggregate",
    "ServiceAgreement",
    "VotingWeights",
    "aggregate_ahp",
    "aggregate_scores",
    "aggregate_weights",
    "agreement",
    "group_assessment",
    "group_smaa",
    "kendall_w",
    "stakeholder_assessment",
    "voting_weights",
]

_SOURCE = "<argument>"
_ATOL = 1e-10
#: How many criteria :class:`ServiceAgreement` names as differing most / driving a difference.
TOP_CRITERIA = 3


def _fail(location: str, message: str, allowed: str = "") -> ValidationError:
    return ValidationError([Problem(_SOURCE, location, message, allowed)])


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# ============================================================================================
# Kernels (NumPy only)
# ============================================================================================


def _stakeholder_weights(weights: ArrayLike | None, s: int, name: str = "weights"
                         ) -> NDArray[np.float64]:
    """Validated, normalised stakeholder weights ``p`` of shape (s,)."""
    if weights is None:
        return np.full(s, 1.0 / s)
    try:
        p = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise _fail(name, "is not numeric", f"{s} non-negative numbers") from None
    if p.shape != (s,):
        raise _fail(name, f"needs one weight per stakeholder ({s}), got shape {p.shape}",
                    f"{s} non-negative numbers")
    bad = ~np.isfinite(p) | (p < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(f"{name}[{i}]", f"must be finite and non-negative, got {p[i]!r}", ">= 0")
    if p.sum() <= 0:
        raise _fail(name, "all weights are 0", "at least one positive weight")
    return p / p.sum()


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
        out.update({
            "aggregation": self.aggregation,
            "stakeholder_weights": self.stakeholder_weights.tolist(),
            "individual_cr": self.individual_cr.tolist(),
            "individual_weights": [r.weights.tolist() for r in self.individual],
        })
        return _plain(out)  # type: ignore[no-any-return]

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
        raise _fail("method", f"unknown aggregation {method!r}", "'aij' or 'aip'")
    try:
        mats = [np.asarray(m, dtype=float) for m in matrices]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise _fail("matrices", "must be a sequence of numeric square matrices") from None
    if not mats:
        raise _fail("matrices", "no matrix given", "one matrix per stakeholder")
    shapes = {m.shape for m in mats}
    if len(shapes) != 1:
        raise _fail("matrices", f"all matrices must have the same shape, got "
                    f"{sorted(map(str, shapes))}")
    p = _stakeholder_weights(weights, len(mats))
    individual = []
    problems: list[Problem] = []
    for k, m in enumerate(mats):
        try:
            individual.append(ahp(m, method=prioritization, random_index=random_index,
                                  labels=labels))
        except ValidationError as exc:
            problems.extend(Problem(_SOURCE, f"matrices[{k}]: {q.location}", q.message,
                                    q.allowed) for q in exc.problems)
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
            "weights": w, "lambda_max": float(n), "ci": 0.0, "cr": math.nan, "n": n,
            "random_index": individual[0].random_index,
            "random_index_table": random_index, "method": prioritization,
            "consistent": bool(all(c <= 0.1 for c in crs)), "judgments": (),
            "inconsistent": (), "matrix": M, "labels": individual[0].labels,
        }
    return GroupAHPResult(
        **fields, aggregation=method, stakeholder_weights=p, individual=tuple(individual),
        individual_cr=np.array([r.cr for r in individual]),
    )


def aggregate_weights(
    vectors: ArrayLike,
    weights: ArrayLike | None = None,
    method: Literal["arithmetic", "geometric"] = "arithmetic",
) -> NDArray[np.float64]:
    r"""Group weight vector from the stakeholders' weight vectors.

    Each stakeholder's vector is first normalised to sum 1. With stakeholder weights
    :math:`p_k` (normalised):

    - ``"arithmetic"``: :math:`w_j = \sum_k p_k w^{(k)}_j` (already sums to 1);
    - ``"geometric"``: :math:`w_j \propto \prod_k (w^{(k)}_j)^{p_k}`, normalised (a criterion
      any stakeholder with :math:`p_k > 0` weighs 0 gets 0).

    Parameters
    ----------
    vectors : array_like of shape (s, n)
        Non-negative weights per stakeholder (each with a positive sum).
    weights : array_like of shape (s,), optional
        Stakeholder weights; default equal.
    method : {"arithmetic", "geometric"}

    Returns
    -------
    ndarray of shape (n,)
        Sums to 1.

    Examples
    --------
    >>> aggregate_weights([[0.6, 0.4], [0.2, 0.8]]).round(12).tolist()
    [0.4, 0.6]
    >>> aggregate_weights([[0.6, 0.4], [0.2, 0.8]], weights=[3, 1]).round(2).tolist()
    [0.5, 0.5]
    """
    if method not in ("arithmetic", "geometric"):
        raise _fail("method", f"unknown mean {method!r}", "'arithmetic' or 'geometric'")
    try:
        V = np.asarray(vectors, dtype=float)
    except (TypeError, ValueError):
        raise _fail("vectors", "is not numeric") from None
    if V.ndim != 2 or V.shape[0] < 1 or V.shape[1] < 1:
        raise _fail("vectors", f"expected shape (stakeholders, criteria), got {V.shape}")
    if not np.isfinite(V).all() or (V < 0).any():
        raise _fail("vectors", "weights must be finite and non-negative", ">= 0")
    sums = V.sum(axis=1)
    if (sums <= 0).any():
        k = int(np.flatnonzero(sums <= 0)[0])
        raise _fail(f"vectors[{k}]", "sums to 0", "at least one positive weight")
    V = V / sums[:, None]
    p = _stakeholder_weights(weights, V.shape[0])
    if method == "arithmetic":
        w = p @ V
    else:
        with np.errstate(divide="ignore"):
            logs = np.log(V)
        active = p > 0
        w = np.exp(p[active] @ logs[active])
        if w.sum() <= 0:
            raise _fail("vectors", "the geometric mean is 0 on every criterion (each criterion "
                        "has weight 0 for some stakeholder)", "use method='arithmetic'")
    return np.asarray(w / w.sum(), dtype=float)


@dataclass(frozen=True)
class ScoreAggregate:
    """Group scores and their spread (the result of :func:`aggregate_scores`).

    Attributes
    ----------
    value : ndarray
        Stakeholder-weighted mean score per cell.
    low, high : ndarray
        The spread kept as score uncertainty for SMAA (see ``spread``).
    sd : ndarray
        Stakeholder-weighted standard deviation of the scores per cell.
    spread : str
        ``"range"`` or ``"sd"``.
    """

    value: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    sd: NDArray[np.float64]
    spread: str


def aggregate_scores(
    values: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    spread: Literal["range", "sd"] = "range",
    bounds: tuple[float, float] | None = None,
) -> ScoreAggregate:
    r"""Group scores: the stakeholder-weighted mean, keeping the spread as uncertainty.

    For stakeholders :math:`k` with scores :math:`x^{(k)}` (and their own intervals
    :math:`[\ell^{(k)}, h^{(k)}]`, default the score itself) and weights :math:`p_k`:

    - value :math:`\bar x = \sum_k p_k x^{(k)}`;
    - sd :math:`s = \sqrt{\sum_k p_k (x^{(k)} - \bar x)^2}`;
    - ``spread="range"``: :math:`[\min_k \ell^{(k)}, \max_k h^{(k)}]` over the stakeholders
      with :math:`p_k > 0`: every view and every stated uncertainty lies inside;
    - ``spread="sd"``: :math:`[\min(\bar x - s, \sum p_k \ell^{(k)}),
      \max(\bar x + s, \sum p_k h^{(k)})]`, clipped to ``bounds``: one weighted standard
      deviation of disagreement, never narrower than the mean stated uncertainty.

    Parameters
    ----------
    values : array_like of shape (s, ...)
        One score array per stakeholder (NaN where a criterion does not apply: NaN must be in
        the same cells for every stakeholder and stays NaN).
    weights : array_like of shape (s,), optional
        Stakeholder weights; default equal.
    low, high : array_like of shape (s, ...), optional
        The stakeholders' own uncertainty intervals.
    spread : {"range", "sd"}
    bounds : (float, float), optional
        Scale bounds to clip ``"sd"`` intervals to.

    Returns
    -------
    ScoreAggregate

    Examples
    --------
    >>> g = aggregate_scores([[2.0, 4.0], [4.0, 4.0]])
    >>> g.value.tolist(), g.low.tolist(), g.high.tolist(), g.sd.tolist()
    ([3.0, 4.0], [2.0, 4.0], [4.0, 4.0], [1.0, 0.0])
    """
    if spread not in ("range", "sd"):
        raise _fail("spread", f"unknown spread {spread!r}", "'range' or 'sd'")
    try:
        X = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise _fail("values", "is not numeric") from None
    if X.ndim < 1 or X.shape[0] < 1:
        raise _fail("values", f"expected shape (stakeholders, ...), got {X.shape}")
    nan = np.isnan(X)
    if (nan != nan[0]).any():
        raise _fail("values", "not-applicable cells (NaN) differ between stakeholders",
                    "NaN in the same cells for everyone")
    if np.isinf(X).any():
        raise _fail("values", "scores must be finite")
    L = X if low is None else np.asarray(low, dtype=float)
    H = X if high is None else np.asarray(high, dtype=float)
    if L.shape != X.shape or H.shape != X.shape:
        raise _fail("low/high", f"must have the shape of values {X.shape}")
    ok = ~nan
    if ((L > X) & ok).any() or ((H < X) & ok).any():
        raise _fail("low/high", "each stakeholder needs low <= value <= high")
    p = _stakeholder_weights(weights, X.shape[0])
    shape = (-1,) + (1,) * (X.ndim - 1)
    pw = p.reshape(shape)
    mean = np.sum(pw * X, axis=0)
    sd = np.sqrt(np.maximum(np.sum(pw * (X - mean) ** 2, axis=0), 0.0))
    active = p > 0
    if spread == "range":
        lo = np.min(L[active], axis=0)
        hi = np.max(H[active], axis=0)
    else:
        lo = np.minimum(mean - sd, np.sum(pw * L, axis=0))
        hi = np.maximum(mean + sd, np.sum(pw * H, axis=0))
        if bounds is not None:
            lo = np.clip(lo, bounds[0], bounds[1])
            hi = np.clip(hi, bounds[0], bounds[1])
    return ScoreAggregate(value=mean, low=lo, high=hi, sd=sd, spread=spread)


# ============================================================================================
# Voting weights
# ============================================================================================


@dataclass(frozen=True)
class VotingWeights:
    """The stakeholders' voting weights and the scheme that produced them.

    Attributes
    ----------
    weights : dict
        ``{stakeholder_id: p_s}``, summing to 1.
    units : dict
        ``{stakeholder_id: u_s}`` before normalisation.
    basis : dict
        ``{stakeholder_id: how u_s was set}`` (bokmål / English in one line).
    scheme : str
        ``"equal_per_municipality"`` (the default), ``"stated"`` (every weight stated in the
        file or the call), or ``"mixed"``.
    scheme_nb, scheme_en : str
        The scheme in words, for every output.
    """

    weights: dict[str, float]
    units: dict[str, float]
    basis: dict[str, str]
    scheme: str
    scheme_nb: str
    scheme_en: str

    def vector(self, ids: Sequence[str]) -> NDArray[np.float64]:
        """The weights in the order of `ids`."""
        return np.array([self.weights[i] for i in ids], dtype=float)

    def to_dict(self) -> dict[str, Any]:
        return {"weights": dict(self.weights), "units": dict(self.units),
                "basis": dict(self.basis), "scheme": self.scheme,
                "scheme_nb": self.scheme_nb, "scheme_en": self.scheme_en}

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v:.3f}" for k, v in self.weights.items())
        return f"VotingWeights({self.scheme}: {body})"


_DEFAULT_NB = ("lik stemme per kommune uansett størrelse: hver kommune har 1 enhet, delt likt "
               "mellom kommunens interessenter; en interessent uten kommune (f.eks. "
               "tillitsvalgte) har 1 enhet; normalisert til sum 1")
_DEFAULT_EN = ("equal voice per municipality whatever its size: each municipality has 1 unit, "
               "shared equally by its stakeholders; a stakeholder without a municipality (e.g. "
               "employee representatives) has 1 unit; normalised to sum 1")


def voting_weights(
    assessment: Any, voting: Mapping[str, float] | None = None
) -> VotingWeights:
    r"""The stakeholders' voting weights (see the module docstring for the default scheme).

    :math:`u_s` = the stated weight (``voting[s]`` if given, else the file's
    ``voting_weight``), else :math:`1 / k_m` for a stakeholder of municipality :math:`m` among
    :math:`k_m` such stakeholders of :math:`m` without a stated weight, else 1;
    :math:`p_s = u_s / \sum_t u_t`.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    voting : mapping, optional
        ``{stakeholder_id: units}`` overriding the file for those stakeholders.

    Returns
    -------
    VotingWeights

    Examples
    --------
    >>> import samvalg
    >>> vw = voting_weights(samvalg.example_assessment())
    >>> sorted(vw.weights.values()) == [0.25] * 4
    True
    >>> vw.scheme
    'equal_per_municipality'
    """
    stakeholders = _stakeholders_of(assessment)
    voting = dict(voting or {})
    problems = []
    for k, v in voting.items():
        if k not in stakeholders:
            from samvalg.assessment._model import did_you_mean

            problems.append(Problem(_SOURCE, f"voting.{k}", f"unknown stakeholder {k!r}"
                                    + did_you_mean(k, stakeholders), ", ".join(stakeholders)))
        elif isinstance(v, bool) or not isinstance(v, int | float) or not (
                math.isfinite(v) and v >= 0):
            problems.append(Problem(_SOURCE, f"voting.{k}", f"must be a number >= 0, got {v!r}",
                                    ">= 0"))
    if problems:
        raise ValidationError(problems)
    stated: dict[str, tuple[float, str]] = {}
    for sid, s in stakeholders.items():
        if sid in voting:
            stated[sid] = (float(voting[sid]), "oppgitt i kallet / stated in the call")
        elif s.voting_weight is not None:
            stated[sid] = (float(s.voting_weight), "oppgitt i fila / stated in the file")
    per_muni: dict[str, int] = {}
    for sid, s in stakeholders.items():
        if sid not in stated and s.municipality is not None:
            per_muni[s.municipality] = per_muni.get(s.municipality, 0) + 1
    units: dict[str, float] = {}
    basis: dict[str, str] = {}
    for sid, s in stakeholders.items():
        if sid in stated:
            units[sid], basis[sid] = stated[sid]
        elif s.municipality is not None:
            k = per_muni[s.municipality]
            units[sid] = 1.0 / k
            basis[sid] = (f"andel 1/{k} av {s.municipality}s 1 enhet / share 1/{k} of "
                          f"{s.municipality}'s 1 unit")
        else:
            units[sid] = 1.0
            basis[sid] = "1 enhet (uten kommune) / 1 unit (no municipality)"
    total = sum(units.values())
    if total <= 0:
        raise _fail("voting", "every voting weight is 0: the group has no voice",
                    "at least one positive weight")
    weights = {k: v / total for k, v in units.items()}
    if not stated:
        scheme, nb, en = "equal_per_municipality", _DEFAULT_NB, _DEFAULT_EN
    else:
        listing = ", ".join(f"{k} {units[k]:g}" for k in stated)
        if len(stated) == len(stakeholders):
            scheme = "stated"
            nb = f"oppgitte stemmevekter ({listing}); normalisert til sum 1"
            en = f"stated voting weights ({listing}); normalised to sum 1"
        else:
            scheme = "mixed"
            nb = f"oppgitte stemmevekter for {listing}; de øvrige etter standardordningen: " \
                 + _DEFAULT_NB
            en = f"stated voting weights for {listing}; the others by the default: " \
                 + _DEFAULT_EN
    return VotingWeights(weights=weights, units=units, basis=basis, scheme=scheme,
                         scheme_nb="Stemmevekt: " + nb, scheme_en="Voting weight: " + en)


def _stakeholders_of(assessment: Any) -> Mapping[str, Any]:
    st = getattr(assessment, "stakeholders", None)
    if not st:
        raise SamvalgError(
            "the assessment has no stakeholders: add [stakeholders.<id>] tables with name, role "
            "and their own weights (see examples/example_assessment.toml)"
        )
    return st  # type: ignore[no-any-return]


# ============================================================================================
# Stakeholder and group assessments
# ============================================================================================


def stakeholder_assessment(assessment: Any, stakeholder_id: str) -> Any:
    """The assessment as one stakeholder sees it: their weights and score overrides applied.

    Weights tables the stakeholder gives replace the common ones; the others are kept. Their
    score overrides replace those cells (value, interval and rationale). Built with
    :meth:`Assessment.replace`, so the result is validated again; it has no stakeholders.

    Parameters
    ----------
    assessment : Assessment
    stakeholder_id : str

    Returns
    -------
    Assessment

    Examples
    --------
    >>> import samvalg
    >>> a = samvalg.example_assessment()
    >>> tv = stakeholder_assessment(a, "tillitsvalgte")
    >>> tv.weights["model"].method, tv.matrix("lonn", "model").values.shape == \\
    ...     a.matrix("lonn", "model").values.shape
    ('swing', True)
    """
    stakeholders = _stakeholders_of(assessment)
    if stakeholder_id not in stakeholders:
        from samvalg.assessment._model import did_you_mean

        raise SamvalgError(f"unknown stakeholder {stakeholder_id!r}"
                           + did_you_mean(stakeholder_id, stakeholders)
                           + f" (allowed: {', '.join(stakeholders)})")
    s = stakeholders[stakeholder_id]
    weights = {k: dict(r.input) for k, r in assessment.weights.items()}
    weights.update({k: dict(r.input) for k, r in s.weights.items()})
    changes: dict[str, Any] = {"weights": weights, "stakeholders": {}}
    if s.scores:
        services = assessment.to_dict()["services"]
        for svc, opts in s.scores.items():
            for opt, cells in opts.items():
                for c, score in cells.items():
                    services[svc]["scores"][opt][c] = score.to_raw(assessment.scale_of(c))
        changes["services"] = services
    return assessment.replace(**changes)


def _records_for(assessment: Any, ids: Sequence[str], key: str) -> list[Any]:
    st = assessment.stakeholders
    return [st[i].weights.get(key, assessment.weights[key]) for i in ids]


def group_assessment(
    assessment: Any,
    *,
    voting: Mapping[str, float] | None = None,
    weights: Literal["arithmetic", "geometric"] = "arithmetic",
    ahp_method: Literal["aij", "aip"] | None = "aij",
    spread: Literal["range", "sd"] = "range",
) -> Any:
    r"""The group's assessment: aggregated weights and scores, weighted by voting weight.

    Weights, per table (each criteria set, and the set weights), over every stakeholder's table
    (their own, or the common one they inherit):

    - when every table is AHP and ``ahp_method`` is given: :func:`aggregate_ahp` of the
      matrices (reordered to catalogue order). AIJ keeps an ``"ahp"`` record with the group
      matrix and its CR; AIP gives a ``"direct"`` record of the aggregated priorities;
    - otherwise :func:`aggregate_weights` of the weight vectors (``weights`` = arithmetic or
      geometric mean), recorded as ``"direct"``;
    - objective weights (computed per service from the scores) are kept when every stakeholder
      inherits them; mixing them with stated views is an error.

    Scores: :func:`aggregate_scores` per cell over the stakeholders' scores (their overrides or
    the common cell), with ``spread`` as the cell's ``low``/``high``. Cells nobody overrides
    keep the common score unchanged.

    The result is built directly (not re-read from file form): on the pluss-minus scale a
    group mean may lie between two steps (e.g. 1.5), which the file format does not allow, so
    the group assessment is for computing (:func:`samvalg.evaluate`,
    :func:`samvalg.smaa.smaa_service`), not for writing back.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    voting : mapping, optional
        Voting units overriding the file (:func:`voting_weights`).
    weights : {"arithmetic", "geometric"}
    ahp_method : {"aij", "aip"} or None
        ``None`` treats AHP tables as plain vectors.
    spread : {"range", "sd"}

    Returns
    -------
    Assessment
        Title ``"<title> – gruppen samlet"``; no stakeholders; ``source = "<group>"``.

    Examples
    --------
    >>> import samvalg
    >>> g = group_assessment(samvalg.example_assessment())
    >>> g.weights["gains"].method                # every stakeholder's gains table is AHP
    'ahp'
    >>> round(float(g.weights_for("strategy").sum()), 12)
    1.0
    """
    from samvalg.assessment import Assessment, Score, ServiceAssessment, WeightRecord

    vw = voting_weights(assessment, voting)
    ids = list(assessment.stakeholders)
    p = vw.vector(ids)
    new_weights: dict[str, Any] = {}
    for key, common in assessment.weights.items():
        recs = _records_for(assessment, ids, key)
        labels = tuple(common.labels)
        if any(r.vector is None for r in recs):
            if all(r.vector is None and dict(r.input) == dict(common.input) for r in recs):
                new_weights[key] = common
                continue
            raise SamvalgError(
                f"weights of {key!r}: the common weights are objective (computed per service "
                "from the scores) and some stakeholders state their own; give every "
                f"stakeholder a [stakeholders.<id>.weights.{key}] table or none"
            )
        if ahp_method is not None and all(r.method == "ahp" for r in recs):
            mats = []
            for r in recs:
                order = list(r.input["criteria"])
                idx = [order.index(c) for c in labels]
                mats.append(np.asarray(r.result.matrix)[np.ix_(idx, idx)])
            res = aggregate_ahp(mats, method=ahp_method, weights=p, labels=labels)
            if ahp_method == "aij":
                new_weights[key] = WeightRecord(
                    key, "ahp",
                    {"method": "ahp", "criteria": list(labels),
                     "matrix": np.asarray(res.matrix).tolist(), "variant": "eigen"},
                    _ro(res.weights), labels,
                    f"group AHP (AIJ: weighted geometric mean of the judgments), "
                    f"CR = {res.cr:.3f}; {vw.scheme_en}", res)
                continue
            vec = np.asarray(res.weights, dtype=float)
            note = (f"group AHP (AIP: weighted geometric mean of the priorities; individual "
                    f"CR {', '.join(f'{c:.3f}' for c in res.individual_cr)}); {vw.scheme_en}")
        else:
            V = np.stack([np.asarray(r.vector, dtype=float) for r in recs])
            vec = aggregate_weights(V, p, weights)
            note = f"group weights ({weights} mean of the stakeholders' weights); {vw.scheme_en}"
            res = None
        new_weights[key] = WeightRecord(
            key, "direct", {"method": "direct", "values": dict(zip(labels, vec.tolist(),
                                                                   strict=True))},
            _ro(vec), labels, note, res)

    services = {}
    for svc, sa in assessment.services.items():
        scores: dict[str, dict[str, Any]] = {}
        for opt in sa.options:
            key = str(opt)
            cells = dict(sa.scores[key])
            overridden = {c for i in ids
                          for c in assessment.stakeholders[i].scores.get(svc, {}).get(key, {})}
            for c in overridden:
                common = sa.scores[key][c]
                own = [assessment.stakeholders[i].scores.get(svc, {}).get(key, {}).get(c, common)
                       for i in ids]
                vals = np.array([s.value for s in own], dtype=float)
                lo = np.array([s.interval[0] for s in own], dtype=float)
                hi = np.array([s.interval[1] for s in own], dtype=float)
                scale = assessment.scale_of(c)
                agg = aggregate_scores(vals, p, low=lo, high=hi, spread=spread,
                                       bounds=(scale.lower, scale.upper))
                who = [assessment.stakeholders[i].name for i in ids
                       if c in assessment.stakeholders[i].scores.get(svc, {}).get(key, {})]
                cells[c] = Score(float(agg.value), float(agg.low), float(agg.high),
                                 f"Gruppens vektede snitt (egne skårer fra {', '.join(who)}; "
                                 f"spenn {spread}). {common.rationale}".strip())
            scores[key] = cells
        services[svc] = ServiceAssessment(svc, sa.options, scores)
    meta = assessment.meta.model_copy(update={"title": f"{assessment.meta.title} – gruppen samlet"})
    return Assessment(meta=meta, scales=dict(assessment.scales), weights=new_weights,
                      services=services, source="<group>", catalogue=assessment.catalogue,
                      schema_version=assessment.schema_version)


def _ro(a: ArrayLike) -> NDArray[np.float64]:
    out = np.array(a, dtype=float, copy=True)
    out.setflags(write=False)
    return out


# ============================================================================================
# Agreement
# ============================================================================================


@dataclass(frozen=True)
class Divergence:
    r"""A stakeholder whose top option differs from the group's, and why.

    ``drivers`` are the criteria that pull the stakeholder towards their own top option
    relative to the group, largest first: for criterion j,
    :math:`D_j = w^s_j (v^s_{tj} - v^s_{gj}) - w^G_j (v^G_{tj} - v^G_{gj})` (t = their top,
    g = the group's, v the scale-anchored values, w the view's global weights), split into a
    weight part :math:`(w^s_j - w^G_j)(v^G_{tj} - v^G_{gj})` and a score part (the rest).
    For WSM :math:`\sum_j D_j` is exactly the difference between their and the group's
    advantage of t over g; for other methods it is the additive approximation.
    """

    stakeholder: str
    name: str
    top: str
    drivers: tuple[str, ...]
    contribution: tuple[float, ...]
    weight_part: tuple[float, ...]
    score_part: tuple[float, ...]
    weight_diff: tuple[float, ...] = ()

    def phrases(self, lang: str = "nb", catalogue: Any = None) -> list[str]:
        """Each driver with what drives it: a higher or lower weight than the group's, or the
        stakeholder's own scores."""
        from samvalg._labels import criterion_label

        out = []
        for c, w, sc, dw in zip(self.drivers, self.weight_part, self.score_part,
                                self.weight_diff, strict=True):
            name = criterion_label(c, lang, catalogue).lower()
            if abs(sc) > abs(w):
                tag = "egne skårer" if lang == "nb" else "own scores"
            elif dw > 0:
                tag = "høyere vekt" if lang == "nb" else "higher weight"
            else:
                tag = "lavere vekt" if lang == "nb" else "lower weight"
            out.append(f"{name} ({tag})")
        return out

    def to_dict(self) -> dict[str, Any]:
        return _plain({
            "stakeholder": self.stakeholder, "name": self.name, "top": self.top,
            "drivers": [
                {"criterion": c, "contribution": d, "weight_part": w, "score_part": s,
                 "weight_difference": dw}
                for c, d, w, s, dw in zip(self.drivers, self.contribution, self.weight_part,
                                          self.score_part, self.weight_diff, strict=True)
            ],
        })


@dataclass(frozen=True, eq=False)
class ServiceAgreement:
    """How far the stakeholders agree on one service area (one view of :func:`samvalg.evaluate`).

    Attributes
    ----------
    service, view, method : str
    stakeholders : tuple of str
        Stakeholder ids (rows of the arrays below).
    names : tuple of str
    voting : VotingWeights
    options : tuple of str
        The options ranked: legally feasible and every criterion applicable, in assessment
        order.
    values : ndarray (s, m)
        Each stakeholder's decision value of each option (their weights and scores).
    ranks : ndarray (s, m)
        1 = best (ties share the lowest rank).
    top : dict
        ``{stakeholder: their best option}``.
    recommendation : dict
        ``{stakeholder: ServiceEvaluation.recommendation}`` (both questions of the case).
    group_values, group_ranks : ndarray (m,)
        Of the group assessment (:func:`group_assessment`).
    group_top : str or None
    spearman, weighted_spearman, ws_similarity : ndarray (s, s)
        Rank correlation of every pair; ``ws_similarity[i, k]`` takes stakeholder i's ranking
        as the reference (the coefficient is not symmetric).
    kendall_w : float
        Kendall's W across the stakeholders (each counts once, not by voting weight); NaN
        with fewer than 2 options.
    criteria : tuple of str
        The view's criteria.
    global_weights : ndarray (s, n)
        Each stakeholder's global weights in the view.
    group_weights : ndarray (n,)
    weight_range : ndarray (n,)
        max - min of each criterion's weight across stakeholders.
    most_different : tuple of str
        Criteria with the largest weight range, largest first.
    tied_top : dict
        ``{stakeholder: the options sharing their rank 1}`` (usually one).
    win_share : dict
        ``{option: voting-weighted share of stakeholders for whom it is best}``; an option
        tied for first counts fully for each tied option (as SMAA's rank 1), so the shares sum
        to more than 1 when there are ties.
    unanimous : bool
        Some option is best (alone or tied) for every stakeholder.
    divergences : tuple of Divergence
        Stakeholders whose top option is not the group's.
    answer_nb, answer_en : str
        The plain answer.
    illustrative : bool
    """

    service: str
    view: str
    method: str
    stakeholders: tuple[str, ...]
    names: tuple[str, ...]
    voting: VotingWeights
    options: tuple[str, ...]
    values: NDArray[np.float64]
    ranks: NDArray[np.float64]
    top: Mapping[str, str | None]
    tied_top: Mapping[str, tuple[str, ...]]
    recommendation: Mapping[str, str | None]
    group_values: NDArray[np.float64]
    group_ranks: NDArray[np.float64]
    group_top: str | None
    spearman: NDArray[np.float64]
    weighted_spearman: NDArray[np.float64]
    ws_similarity: NDArray[np.float64]
    kendall_w: float
    criteria: tuple[str, ...]
    global_weights: NDArray[np.float64]
    group_weights: NDArray[np.float64]
    weight_range: NDArray[np.float64]
    most_different: tuple[str, ...]
    win_share: Mapping[str, float]
    unanimous: bool
    divergences: tuple[Divergence, ...]
    answer_nb: str
    answer_en: str
    illustrative: bool = False

    def answer(self, lang: str = "nb") -> str:
        """The plain answer in bokmål (``"nb"``) or English (``"en"``)."""
        return self.answer_nb if lang == "nb" else self.answer_en

    def to_dict(self) -> dict[str, Any]:
        ids = self.stakeholders

        def pairs(M: NDArray[np.float64]) -> dict[str, dict[str, float]]:
            return {a: {b: float(M[i, k]) for k, b in enumerate(ids)} for i, a in enumerate(ids)}

        return _plain({
            "service": self.service, "view": self.view, "method": self.method,
            "illustrative": self.illustrative,
            "voting": self.voting.to_dict(),
            "stakeholders": [{"id": s, "name": n} for s, n in zip(ids, self.names, strict=True)],
            "options": list(self.options),
            "values": {s: dict(zip(self.options, self.values[i].tolist(), strict=True))
                       for i, s in enumerate(ids)},
            "ranks": {s: dict(zip(self.options, self.ranks[i].tolist(), strict=True))
                      for i, s in enumerate(ids)},
            "top": dict(self.top),
            "tied_top": {k: list(v) for k, v in self.tied_top.items()},
            "recommendation": dict(self.recommendation),
            "group": {"values": dict(zip(self.options, self.group_values.tolist(), strict=True)),
                      "ranks": dict(zip(self.options, self.group_ranks.tolist(), strict=True)),
                      "top": self.group_top},
            "spearman": pairs(self.spearman),
            "weighted_spearman": pairs(self.weighted_spearman),
            "ws_similarity": pairs(self.ws_similarity),
            "kendall_w": self.kendall_w,
            "criteria": list(self.criteria),
            "global_weights": {s: dict(zip(self.criteria, self.global_weights[i].tolist(),
                                           strict=True)) for i, s in enumerate(ids)},
            "group_weights": dict(zip(self.criteria, self.group_weights.tolist(), strict=True)),
            "weight_range": dict(zip(self.criteria, self.weight_range.tolist(), strict=True)),
            "most_different": list(self.most_different),
            "win_share": dict(self.win_share),
            "unanimous": self.unanimous,
            "divergences": [d.to_dict() for d in self.divergences],
            "answer_nb": self.answer_nb,
            "answer_en": self.answer_en,
        })

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        tops = ", ".join(f"{s}: {t}" for s, t in self.top.items())
        return (f"ServiceAgreement({self.service!r}, view={self.view!r}, "
                f"kendall_w={self.kendall_w:.3f}, unanimous={self.unanimous}; {tops})")

    def _repr_html_(self) -> str:
        esc = html.escape
        label = ("<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
                 if self.illustrative else "")
        head = "".join(f"<th>{esc(n)}</th>" for n in self.names)
        rows = []
        for j, opt in enumerate(self.options):
            cells = "".join(f"<td>{int(self.ranks[i, j])}</td>"
                            for i in range(len(self.stakeholders)))
            rows.append(f"<tr><td>{esc(opt)}</td>{cells}<td>{int(self.group_ranks[j])}</td>"
                        f"<td>{self.win_share.get(opt, 0.0):.0%}</td></tr>")
        w = "nan" if math.isnan(self.kendall_w) else f"{self.kendall_w:.3f}"
        return (f"{label}<p><b>{esc(self.service)}</b> ({esc(self.view)}, {esc(self.method)}): "
                f"{esc(self.answer_nb)}</p><p><i>{esc(self.answer_en)}</i></p>"
                f"<table><tr><th>rang / rank</th>{head}<th>gruppen / group</th>"
                f"<th>vinner for / wins for</th></tr>{''.join(rows)}</table>"
                f"<p>Kendalls W = {w}; størst vektforskjell / largest weight differences: "
                f"{esc(', '.join(self.most_different))}</p>"
                f"<p><small>{esc(self.voting.scheme_nb)}<br>{esc(self.voting.scheme_en)}"
                "</small></p>")


@dataclass(frozen=True, eq=False)
class GroupAgreement(Mapping[str, ServiceAgreement]):
    """Agreement per service area (result of :func:`agreement`); a mapping
    ``service_id -> ServiceAgreement``."""

    title: str
    view: str
    method: str
    voting: VotingWeights
    services: Mapping[str, ServiceAgreement]
    illustrative: bool = False

    def __getitem__(self, key: str) -> ServiceAgreement:
        try:
            return self.services[key]
        except KeyError:
            raise SamvalgError(f"service {key!r} is not in this analysis (allowed: "
                               f"{', '.join(self.services)})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.services)

    def __len__(self) -> int:
        return len(self.services)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "illustrative": self.illustrative, "view": self.view,
                "method": self.method, "voting": self.voting.to_dict(),
                "services": {k: v.to_dict() for k, v in self.services.items()}}

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self) -> str:
        lines = [f"GroupAgreement(view={self.view!r}, method={self.method!r}, "
                 f"{self.voting.scheme})"]
        for sid, sa in self.services.items():
            w = "nan" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.3f}"
            lines.append(f"  {sid}: W={w}, {'unanimous' if sa.unanimous else 'split'}; "
                         f"group top {sa.group_top}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        label = ("<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
                 if self.illustrative else "")
        rows = []
        for sid, sa in self.services.items():
            w = "–" if math.isnan(sa.kendall_w) else f"{sa.kendall_w:.2f}"
            rows.append(f"<tr><td>{esc(sid)}</td><td>{w}</td><td>{esc(sa.answer_nb)}</td></tr>")
        return (f"{label}<table><caption>{esc(self.title)}: {esc(self.view)} "
                f"({esc(self.method)})</caption><tr><th>tjenesteområde</th><th>Kendalls W</th>"
                f"<th>svar</th></tr>{''.join(rows)}</table>"
                f"<p><small>{esc(self.voting.scheme_nb)}</small></p>")


def _pairwise(R: NDArray[np.float64], f: Any) -> NDArray[np.float64]:
    s, m = R.shape
    out = np.full((s, s), np.nan)
    if m < 2:
        return out
    i, k = np.meshgrid(np.arange(s), np.arange(s), indexing="ij")
    vals = np.asarray(f(R[i.ravel()], R[k.ravel()]), dtype=float)
    return vals.reshape(s, s)


def _names_list(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" og " if lang == "nb" else " and ") + items[-1]


def agreement(
    assessment: Any,
    *,
    view: str = "combined",
    method: str = "wsm",
    services: Sequence[str] | None = None,
    voting: Mapping[str, float] | None = None,
    weights: Literal["arithmetic", "geometric"] = "arithmetic",
    ahp_method: Literal["aij", "aip"] | None = "aij",
    **method_kwargs: Any,
) -> GroupAgreement:
    """Each stakeholder's ranking per service area, and how far the stakeholders agree.

    For each stakeholder, :func:`stakeholder_assessment` is evaluated with
    :func:`samvalg.evaluate`; the group's answer is the evaluation of
    :func:`group_assessment`. Per service area, over the options of `view` that are legally
    feasible and fully applicable:

    - ranks (1 = best) of each stakeholder; Spearman, weighted Spearman (Pinto da Costa &
      Soares 2005) and the WS similarity coefficient (Sałabun & Urbaniak 2020) of every pair
      (:mod:`samvalg.ranking`, equal to ``pymcdm.correlations``);
    - Kendall's W across the stakeholders (:func:`samvalg.ranking.kendall_w`);
    - the criteria whose global weights differ most (largest max - min);
    - the plain answer: does every stakeholder get the same top option; if not, who differs
      and on which criteria (:class:`Divergence`), in bokmål and English.

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    view : str
        A view of :func:`samvalg.evaluate` (default ``"combined"``: all three criteria sets).
    method : str
        Aggregation method.
    services : sequence of str, optional
        Default: every service area of the assessment.
    voting, weights, ahp_method
        As in :func:`group_assessment`.
    **method_kwargs
        Passed to :func:`samvalg.evaluate`.

    Returns
    -------
    GroupAgreement

    Examples
    --------
    >>> import samvalg
    >>> g = agreement(samvalg.example_assessment(), services=["lonn"])
    >>> 0 <= g["lonn"].kendall_w <= 1
    True
    """
    import samvalg
    from samvalg._labels import option_label
    from samvalg.evaluate import VIEWS

    if view not in VIEWS:
        raise _fail("view", f"unknown view {view!r}", ", ".join(VIEWS))
    stakeholders = _stakeholders_of(assessment)
    ids = tuple(stakeholders)
    names = tuple(stakeholders[i].name for i in ids)
    vw = voting_weights(assessment, voting)
    p = vw.vector(ids)
    wanted = list(assessment.services) if services is None else list(services)
    unknown = [s for s in wanted if s not in assessment.services]
    if unknown:
        raise SamvalgError(f"service(s) {', '.join(unknown)} not in the assessment "
                           f"(allowed: {', '.join(assessment.services)})")
    cat = assessment.catalogue
    evs = [samvalg.evaluate(stakeholder_assessment(assessment, i), method=method,
                            services=wanted, **method_kwargs) for i in ids]
    g_ev = samvalg.evaluate(group_assessment(assessment, voting=voting, weights=weights,
                                             ahp_method=ahp_method),
                            method=method, services=wanted, **method_kwargs)
    out: dict[str, ServiceAgreement] = {}
    for svc in wanted:
        views = [ev[svc][view] for ev in evs]
        gv = g_ev[svc][view]
        keep = [j for j, f in enumerate(gv.feasible) if f]
        options = tuple(gv.options[j] for j in keep)
        sign = 1.0 if gv.higher_is_better else -1.0
        values = np.array([[v.values[v.options.index(o)] for o in options] for v in views])
        R = (np.asarray(rank(sign * values), dtype=float) if options
             else np.zeros((len(ids), 0)))
        g_values = np.array([gv.values[gv.options.index(o)] for o in options])
        g_ranks = (np.asarray(rank(sign * g_values), dtype=float) if options else np.zeros(0))
        group_top = gv.best
        tied = {i: tuple(v.ties_at_top) for i, v in zip(ids, views, strict=True)}
        # a stakeholder whose best options tie counts as agreeing with the group if the
        # group's top is among them
        tops = {i: (group_top if group_top in tied[i] else v.best)
                for i, v in zip(ids, views, strict=True)}
        recs = {i: ev[svc].recommendation for i, ev in zip(ids, evs, strict=True)}
        W = float(kendall_w(R)) if len(options) >= 2 else math.nan
        crit = tuple(gv.criteria)
        GW = np.stack([np.asarray(v.weights, dtype=float) for v in views])
        gw = np.asarray(gv.weights, dtype=float)
        wr = GW.max(axis=0) - GW.min(axis=0)
        order = np.argsort(-wr, kind="stable")
        most = tuple(crit[j] for j in order[:TOP_CRITERIA] if wr[j] > _ATOL)
        share: dict[str, float] = {o: 0.0 for o in options}
        for k, i in enumerate(ids):
            for o in tied[i]:
                share[o] += float(p[k])
        common = set(options)
        for i in ids:
            common &= set(tied[i])
        unanimous = bool(common)
        if unanimous and group_top not in common:
            first = next(o for o in options if o in common)
            tops = dict.fromkeys(ids, first)
        divs = []
        if group_top is not None:
            gi = gv.options.index(group_top)
            Xg = np.asarray(gv.value_matrix, dtype=float)
            for k, (sid, v) in enumerate(zip(ids, views, strict=True)):
                t = tops[sid]
                if t is None or t == group_top:
                    continue
                Xs = np.asarray(v.value_matrix, dtype=float)
                ws = np.asarray(v.weights, dtype=float)
                ds = Xs[v.options.index(t)] - Xs[v.options.index(group_top)]
                dg = Xg[gv.options.index(t)] - Xg[gi]
                D = ws * ds - gw * dg
                wpart = (ws - gw) * dg
                spart = D - wpart
                idx = [j for j in np.argsort(-D, kind="stable") if D[j] > _ATOL][:TOP_CRITERIA]
                divs.append(Divergence(
                    stakeholder=sid, name=names[k], top=t,
                    drivers=tuple(crit[j] for j in idx),
                    contribution=tuple(float(D[j]) for j in idx),
                    weight_part=tuple(float(wpart[j]) for j in idx),
                    score_part=tuple(float(spart[j]) for j in idx),
                    weight_diff=tuple(float(ws[j] - gw[j]) for j in idx),
                ))
        answer_nb, answer_en = _answers(
            ids, names, tops, group_top, unanimous, divs, W, len(options), cat, option_label)
        out[svc] = ServiceAgreement(
            service=svc, view=view, method=g_ev.method, stakeholders=ids, names=names,
            voting=vw, options=options, values=values, ranks=R, top=tops, tied_top=tied,
            recommendation=recs, group_values=g_values, group_ranks=g_ranks,
            group_top=group_top,
            spearman=_pairwise(R, spearman), weighted_spearman=_pairwise(R, weighted_spearman),
            ws_similarity=_pairwise(R, ws_similarity), kendall_w=W, criteria=crit,
            global_weights=GW, group_weights=gw, weight_range=wr, most_different=most,
            win_share=share, unanimous=unanimous, divergences=tuple(divs),
            answer_nb=answer_nb, answer_en=answer_en,
            illustrative=bool(assessment.meta.illustrative),
        )
    return GroupAgreement(title=assessment.meta.title, view=view, method=g_ev.method,
                          voting=vw, services=out,
                          illustrative=bool(assessment.meta.illustrative))


def _answers(
    ids: Sequence[str], names: Sequence[str], tops: Mapping[str, str | None],
    group_top: str | None, unanimous: bool, divs: Sequence[Divergence], W: float,
    m: int, cat: Any, option_label: Any,
) -> tuple[str, str]:
    def opt(o: str | None, lang: str) -> str:
        if o is None:
            return "ingen lovlig rangert mulighet" if lang == "nb" else "no feasible option"
        return str(option_label(o, lang, cat))

    if m == 0:
        return ("Ingen mulighet er både lovlig og fullt vurdert i dette perspektivet.",
                "No option is both legally feasible and fully assessed in this view.")
    s = len(ids)
    wtxt_nb = "" if math.isnan(W) else f" Kendalls W = {W:.2f}.".replace(".", ",", 1)
    wtxt_en = "" if math.isnan(W) else f" Kendall's W = {W:.2f}."
    if unanimous:
        t = next(iter(tops.values()))
        return (f"Ja: alle {s} interessentene får {opt(t, 'nb')} øverst.{wtxt_nb}",
                f"Yes: all {s} stakeholders get {opt(t, 'en')} on top.{wtxt_en}")
    agree = [n for i, n in zip(ids, names, strict=True) if tops[i] == group_top]
    nb = [f"Nei: gruppen samlet får {opt(group_top, 'nb')} øverst"
          + (f", og {len(agree)} av {s} får det samme ({_names_list(agree, 'nb')})."
             if agree else ", men ingen av interessentene får det øverst alene.")]
    en = [f"No: the group as a whole gets {opt(group_top, 'en')} on top"
          + (f", and {len(agree)} of {s} get the same ({_names_list(agree, 'en')})."
             if agree else ", but no single stakeholder does.")]
    for d in divs:
        crit_nb = _names_list(d.phrases("nb", cat), "nb")
        crit_en = _names_list(d.phrases("en", cat), "en")
        nb.append(f"{d.name} får {opt(d.top, 'nb')} øverst"
                  + (f", mest på grunn av {crit_nb}." if d.drivers else "."))
        en.append(f"{d.name} gets {opt(d.top, 'en')} on top"
                  + (f", mainly because of {crit_en}." if d.drivers else "."))
    return " ".join(nb) + wtxt_nb, " ".join(en) + wtxt_en


# ============================================================================================
# Group robustness
# ============================================================================================


def group_smaa(
    assessment: Any,
    service_id: str,
    *,
    view: str = "combined",
    n: int = 10_000,
    seed: Any = 0,
    method: str = "wsm",
    voting: Mapping[str, float] | None = None,
    concentration: float | None = None,
    score_uncertainty: str = "none",
    spread: Literal["range", "sd"] = "range",
    **method_kwargs: Any,
) -> Any:
    r"""SMAA-2 with the weights drawn from the stakeholders' views: how often each option wins.

    Each iteration picks stakeholder s with probability equal to their voting weight
    :math:`p_s` and takes their global weight vector of the view (exact, or with
    ``concentration`` :math:`\kappa` a Dirichlet(:math:`\kappa w_s`) draw around it)
    through :func:`samvalg._sampling.mixture_weights` (via
    :func:`samvalg.smaa.smaa_service` with ``weight_info="stakeholders"``). The scores are the
    group assessment's (:func:`group_assessment`): the weighted mean of the stakeholders'
    scores; with ``score_uncertainty`` (``"uniform"``, ``"triangular"``, ``"pert"``) each cell
    is drawn within its interval, which for overridden cells is the stakeholders' spread.

    ``result.rank_acceptability[:, 0]`` is then the share of the group's views under which
    each option wins (with exact views and fixed scores it is the voting-weighted share of the
    stakeholders whose top it is under the group's scores).

    Parameters
    ----------
    assessment : Assessment
        With ``[stakeholders]``.
    service_id : str
    view, n, seed, method
        As :func:`samvalg.smaa.smaa_service`.
    voting : mapping, optional
        Voting units overriding the file.
    concentration : float, optional
        Dirichlet spread around each view; ``None`` = the exact views.
    score_uncertainty : {"none", "uniform", "triangular", "pert"}
    spread : {"range", "sd"}
        The group scores' spread (:func:`aggregate_scores`).
    **method_kwargs
        Passed to the method.

    Returns
    -------
    samvalg.smaa.ServiceSMAA

    Examples
    --------
    >>> import samvalg
    >>> r = group_smaa(samvalg.example_assessment(), "lonn", n=2000, seed=1)
    >>> bool(np.isclose(r.rank_acceptability[:, 0].sum(), 1.0))
    True
    """
    import samvalg
    from samvalg.smaa import smaa_service

    stakeholders = _stakeholders_of(assessment)
    ids = list(stakeholders)
    vw = voting_weights(assessment, voting)
    group = group_assessment(assessment, voting=voting, spread=spread)
    vectors = {}
    for i in ids:
        ev = samvalg.evaluate(stakeholder_assessment(assessment, i), method=method,
                              services=[service_id], **method_kwargs)
        v = ev[service_id][view]
        vectors[i] = dict(zip(v.criteria, np.asarray(v.weights, dtype=float).tolist(),
                              strict=True))
    return smaa_service(
        group, service_id, view=view, n=n, seed=seed, method=method,
        weight_info="stakeholders", stakeholders=vectors,
        stakeholder_probabilities=vw.vector(ids), concentration=concentration,
        score_uncertainty=score_uncertainty, **method_kwargs,
    )
