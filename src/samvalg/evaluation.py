"""Evaluate an assessment: the case's two questions, per service area.

The council case asks two questions for each service area (tjenesteområde):

1. *Whether to cooperate* (``"whether"``): the strategy criteria (sak 74/24 pkt 2.2) and the
   phase-1 gain criteria, over every option, including ``egen_drift`` and ``fagnettverk``.
2. *In which form* (``"form"``): the eleven model criteria, over the formal cooperation forms.

A third, ``"combined"`` view weighs all three criteria sets with the hierarchical set weights,
over the options to which every criterion applies. Each criteria set is also available on its own
(``"strategy"``, ``"gains"``, ``"model"``).

Per view: the value of each option, its rank, the per-criterion contributions (additive methods),
the legal feasibility, and the weights used with where they came from. Options the law rules out
stay visible with the legal reason but are ranked after every feasible option, never first.
Options with a criterion marked not applicable ("na") in a view are left out of that view's
ranking and listed with the reason; they are never scored zero.

Value model
-----------
Scores are mapped to 0-1 by the scale-anchored value function
:math:`v_{ij} = (x_{ij} - \\ell_j) / (u_j - \\ell_j)` where :math:`[\\ell_j, u_j]` are the bounds
of the criterion's declared scale, so adding or removing an option never changes another option's
value. Then:

- ``wsm``: :math:`V_i = \\sum_j w_j v_{ij}` (no further normalisation; Fishburn 1967).
- ``topsis``, ``vikor``, ``promethee_ii``: the method's own normalisation applied to :math:`v`.
- ``wpm``: needs a ratio scale with a positive zero; scores are translated so the scale's lower
  bound is 1 (:math:`x - \\ell_j + 1`) and then sum-normalised, :math:`V_i = \\prod_j r_{ij}^{w_j}`.

Global weights are hierarchical: :math:`w_j = W_{s(j)} / \\sum_{s \\in view} W_s \\cdot w^{loc}_j`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from samvalg import methods as _methods
from samvalg._json import JSONMixin
from samvalg.errors import SamvalgError, UnknownKeyError, ValidationError
from samvalg.methods._registry import _zero_columns_as_constant
from samvalg.ranking import rank

__all__ = [
    "VIEWS",
    "Evaluation",
    "ServiceEvaluation",
    "View",
    "evaluate",
]

#: view key -> (criteria sets, label nb, label en)
VIEWS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "whether": (
        ("strategy", "gains"),
        "Skal vi samarbeide? (strategi- og gevinstkriterier)",
        "Should we cooperate? (strategy and gain criteria)",
    ),
    "form": (
        ("model",),
        "I hvilken form? (modellkriterier)",
        "In which form? (model criteria)",
    ),
    "combined": (
        ("strategy", "gains", "model"),
        "Samlet vurdering (alle kriteriesett)",
        "Combined (all criteria sets)",
    ),
    "strategy": (("strategy",), "Strategiens kriterier", "The strategy's criteria"),
    "gains": (("gains",), "Gevinstkriterier (fase 1)", "Gain criteria (phase 1)"),
    "model": (("model",), "Modellkriterier", "Model criteria"),
}


@dataclass(frozen=True)
class OptionFeasibility:
    """Legal status of one option in one service area (see :func:`samvalg.feasibility`)."""

    option: str
    ok: bool
    status: str
    reasons: tuple[str, ...]
    reasons_en: tuple[str, ...]
    uncertain: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "ok": self.ok,
            "status": self.status,
            "reasons": list(self.reasons),
            "reasons_en": list(self.reasons_en),
            "uncertain": self.uncertain,
        }


@dataclass(frozen=True)
class View:
    """One question (or one criteria set) answered for one service area.

    Attributes
    ----------
    key : str
        ``"whether"``, ``"form"``, ``"combined"``, ``"strategy"``, ``"gains"`` or ``"model"``.
    options : tuple of str
        The options ranked in this view, in assessment order.
    excluded : dict
        Options left out of this view because a criterion does not apply, with the reason.
    criteria : tuple of str
        Criterion ids in the view, set by set in catalogue order.
    weights : numpy.ndarray
        Global weights used, shape ``(n,)``, summing to 1.
    values : numpy.ndarray
        Decision value per option, ``(m,)``; for VIKOR this is ``Q`` (lower is better).
    higher_is_better : bool
        Direction of ``values``.
    ranks : numpy.ndarray
        1 = best. Feasible options are ranked first; infeasible ones follow.
    contributions : numpy.ndarray or None
        ``w_j * v_ij`` for additive methods, shape ``(m, n)``; rows sum to ``values``.
    feasible : numpy.ndarray
        Boolean ``(m,)``: legally feasible (ok or conditional).
    value_matrix : numpy.ndarray
        The method's input ``(m, n)`` (scale-anchored 0-1 values, or 1-based for WPM).
    service : str
        The service area this view belongs to.
    """

    key: str
    label_nb: str
    label_en: str
    set_ids: tuple[str, ...]
    method: str
    options: tuple[str, ...]
    excluded: Mapping[str, str]
    criteria: tuple[str, ...]
    weights: np.ndarray
    values: np.ndarray
    higher_is_better: bool
    ranks: np.ndarray
    contributions: np.ndarray | None
    feasible: np.ndarray
    value_matrix: np.ndarray
    service: str = ""

    @property
    def order(self) -> tuple[str, ...]:
        """Options from best to worst (feasible first)."""
        idx = np.argsort(self.ranks, kind="stable")
        return tuple(self.options[i] for i in idx)

    @property
    def best(self) -> str | None:
        """The best legally feasible option, or ``None`` if none is feasible."""
        for opt in self.order:
            if self.feasible[self.options.index(opt)]:
                return opt
        return None

    @property
    def ties_at_top(self) -> tuple[str, ...]:
        """Feasible options sharing rank 1 (more than one means the view cannot separate them)."""
        return tuple(
            o
            for o, r, f in zip(self.options, self.ranks, self.feasible, strict=True)
            if r == 1 and f
        )

    def value_of(self, option: str) -> float:
        """Decision value of ``option`` in this view."""
        return float(self.values[self.options.index(option)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "service": self.service,
            "label_nb": self.label_nb,
            "label_en": self.label_en,
            "sets": list(self.set_ids),
            "method": self.method,
            "higher_is_better": self.higher_is_better,
            "criteria": list(self.criteria),
            "weights": self.weights.tolist(),
            "options": [
                {
                    "option": o,
                    "value": float(self.values[i]),
                    "rank": int(self.ranks[i]),
                    "feasible": bool(self.feasible[i]),
                    "contributions": (
                        None if self.contributions is None else self.contributions[i].tolist()
                    ),
                }
                for i, o in enumerate(self.options)
            ],
            "order": list(self.order),
            "best": self.best,
            "excluded": dict(self.excluded),
        }


@dataclass(frozen=True)
class ServiceEvaluation:
    """All views of one service area, the feasibility of its options and the recommendation."""

    service: str
    name_nb: str
    name_en: str
    views: Mapping[str, View]
    feasibility: Mapping[str, OptionFeasibility]

    def __getitem__(self, key: str) -> View:
        try:
            return self.views[key]
        except KeyError:
            raise UnknownKeyError(
                f"no view {key!r} for service {self.service!r} (allowed: {', '.join(self.views)})"
            ) from None

    @property
    def cooperate(self) -> bool | None:
        """Question 1: does the best feasible option in ``whether`` involve cooperation?"""
        best = self.views["whether"].best if "whether" in self.views else None
        return None if best is None else best != "egen_drift"

    @property
    def recommendation(self) -> str | None:
        """The recommended option.

        If question 1 favours ``egen_drift`` or ``fagnettverk`` (no formal cooperation), that
        option; otherwise the best feasible formal option in the ``combined`` view (falling back
        to ``form``).
        """
        whether = self.views.get("whether")
        first = whether.best if whether is not None else None
        if first is not None and first.split(":")[0] in ("egen_drift", "fagnettverk"):
            return first
        for key in ("combined", "form", "whether"):
            view = self.views.get(key)
            if view is not None and view.best is not None:
                return view.best
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "name_nb": self.name_nb,
            "name_en": self.name_en,
            "cooperate": self.cooperate,
            "recommendation": self.recommendation,
            "feasibility": {k: v.to_dict() for k, v in self.feasibility.items()},
            "views": {k: v.to_dict() for k, v in self.views.items()},
        }


@dataclass(frozen=True)
class Evaluation(JSONMixin, Mapping[str, ServiceEvaluation]):
    """The result of :func:`evaluate`: one :class:`ServiceEvaluation` per service area.

    Behaves as a read-only mapping ``service_id -> ServiceEvaluation``. ``derived`` maps each
    criterion derived from the economics (``[derived]`` in the assessment) to the evaluated
    service areas where it is derived (empty when every score is judged).
    """

    method: str
    title: str
    illustrative: bool
    services: Mapping[str, ServiceEvaluation]
    weight_provenance: Mapping[str, Any] = field(default_factory=dict)
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> ServiceEvaluation:
        try:
            return self.services[key]
        except KeyError:
            raise UnknownKeyError(
                f"service {key!r} is not in this evaluation (allowed: {', '.join(self.services)})"
            ) from None

    def __contains__(self, key: object) -> bool:
        return key in self.services

    def __iter__(self) -> Iterator[str]:
        return iter(self.services)

    def __len__(self) -> int:
        return len(self.services)

    def to_dict(self) -> dict[str, Any]:
        from samvalg._version import __version__

        return {
            "samvalg_version": __version__,
            "method": self.method,
            "title": self.title,
            "illustrative": self.illustrative,
            "weights": self.weight_provenance,
            "derived": {c: list(v) for c, v in self.derived.items()},
            "services": {k: v.to_dict() for k, v in self.services.items()},
        }

    def _repr_html_(self) -> str:
        rows = []
        for sev in self.services.values():
            rec = sev.recommendation or "–"
            whether = sev.views.get("whether")
            order = " › ".join(whether.order[:3]) if whether is not None else ""
            rows.append(
                f"<tr><td>{html.escape(sev.name_nb)}</td><td><b>{html.escape(rec)}</b></td>"
                f"<td>{html.escape(order)}</td></tr>"
            )
        label = (
            "<p><b>Illustrativt eksempel – ikke en vedtatt vurdering.</b></p>"
            if self.illustrative
            else ""
        )
        return (
            f"{label}<table><caption>{html.escape(self.title)} ({self.method})</caption>"
            "<thead><tr><th>Tjenesteområde</th><th>Anbefalt</th>"
            "<th>Rangering, spørsmål 1 (topp 3)</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [f"Evaluation(method={self.method!r}, services={len(self.services)})"]
        for sid, sev in self.services.items():
            lines.append(f"  {sid}: {sev.recommendation}")
        return "\n".join(lines)


def _method_input(method: str, matrix: Any) -> np.ndarray:
    """The per-method input matrix built from a score matrix (see the module docstring)."""
    if method == "wpm":
        lower = np.asarray(matrix.scale.lower, dtype=float)
        return np.asarray(matrix.values, dtype=float) - lower + 1.0
    return np.asarray(matrix.values_01(), dtype=float)


def evaluate(
    assessment: Any,
    method: str = "wsm",
    *,
    normalization: str | None = None,
    services: list[str] | None = None,
    catalogue: Any = None,
    **method_kwargs: Any,
) -> Evaluation:
    """Evaluate an assessment per service area, per question and per criteria set.

    Parameters
    ----------
    assessment : Assessment
        A validated assessment (from :func:`samvalg.load_assessment` or
        :func:`samvalg.example_assessment`).
    method : {"wsm", "wpm", "topsis", "vikor", "promethee_ii"} or "pymcdm:<CLASS>"
        Aggregation method (see :mod:`samvalg.methods`). ``"pymcdm:COPRAS"`` and the like run
        any of pymcdm's methods on the scale-anchored values, unbatched (for SPOTIS the bounds
        default to the scales' bounds, [0, 1]).
    normalization : str, optional
        Override the normalisation (``None``: ``"none"`` for WSM on the scale-anchored values,
        ``"sum"`` for WPM, the method's own default otherwise).
    services : list of str, optional
        Restrict to these service areas (default: all in the assessment).
    catalogue : Catalogue, optional
        Catalogue used for names and feasibility (default: the shipped one).
    **method_kwargs
        Passed to the method (e.g. ``v=0.5`` for VIKOR, ``preference="vshape", p=0.5`` for
        PROMETHEE II).

    Returns
    -------
    Evaluation
        Mapping ``service_id -> ServiceEvaluation`` with views ``whether``, ``form``,
        ``combined``, ``strategy``, ``gains`` and ``model``.

    Examples
    --------
    >>> import samvalg
    >>> ev = samvalg.evaluate(samvalg.example_assessment())
    >>> ev["byggesak"].recommendation != "oppgavefellesskap"   # the law rules a KO out
    True
    """
    from samvalg.catalogue import catalogue as _load_catalogue
    from samvalg.law import feasibility as _feasibility

    cat = catalogue if catalogue is not None else _load_catalogue()
    spec = _methods.get_method(method)
    if spec.name == "promethee_ii" and normalization is not None:
        raise SamvalgError(
            "PROMETHEE II compares differences and takes no normalization "
            f"(found normalization={normalization!r}; allowed: None)"
        )
    if normalization is None:
        normalization = {"wsm": "none", "wpm": "sum"}.get(spec.name, spec.default_normalization)

    wanted = list(assessment.services) if services is None else list(services)
    unknown = [s for s in wanted if s not in assessment.services]
    if unknown:
        import difflib

        lines = []
        for s in unknown:
            close = difflib.get_close_matches(s, list(assessment.services), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            lines.append(
                f"service {s!r} is not in the assessment{hint} "
                f"(allowed: {', '.join(assessment.services)})"
            )
        raise SamvalgError("\n".join(lines))

    set_weights = assessment.set_weights()
    result: dict[str, ServiceEvaluation] = {}
    for sid in wanted:
        service = cat.services[sid]
        sa = assessment.services[sid]
        all_options = tuple(str(o) for o in sa.options)
        feas = {}
        for opt in sa.options:
            f = _feasibility(sid, str(opt), catalogue=cat)
            feas[str(opt)] = OptionFeasibility(
                option=str(opt),
                ok=bool(f.ok),
                status=str(f.status),
                reasons=tuple(f.reasons),
                reasons_en=tuple(f.reasons_en),
                uncertain=bool(f.uncertain),
            )
        views: dict[str, View] = {}
        for key, (set_ids, label_nb, label_en) in VIEWS.items():
            views[key] = _view(
                key,
                label_nb,
                label_en,
                set_ids,
                assessment,
                sid,
                all_options,
                feas,
                set_weights,
                spec,
                normalization,
                method_kwargs,
            )
        result[sid] = ServiceEvaluation(
            service=sid,
            name_nb=service.name_nb,
            name_en=service.name_en,
            views=views,
            feasibility=feas,
        )
    provenance = {}
    for set_id in ("strategy", "gains", "model"):
        spec_w = assessment.weights.get(set_id) if hasattr(assessment, "weights") else None
        if spec_w is not None:
            provenance[set_id] = {
                "method": spec_w.method,
                "input": spec_w.input,
            }
    provenance["sets"] = dict(set_weights)
    return Evaluation(
        method=spec.name,
        title=assessment.meta.title,
        illustrative=bool(assessment.meta.illustrative),
        services=result,
        weight_provenance=provenance,
        derived={
            c: tuple(s for s in d.services if s in result)
            for c, d in getattr(assessment, "derived", {}).items()
        },
    )


def _view(
    key: str,
    label_nb: str,
    label_en: str,
    set_ids: tuple[str, ...],
    assessment: Any,
    sid: str,
    all_options: tuple[str, ...],
    feas: Mapping[str, OptionFeasibility],
    set_weights: Mapping[str, float],
    spec: Any,
    normalization: str | None,
    method_kwargs: Mapping[str, Any],
) -> View:
    blocks = []
    weights = []
    criteria: list[str] = []
    applicable = np.ones(len(all_options), dtype=bool)
    not_applicable: dict[str, list[str]] = {}
    total_set = sum(float(set_weights[s]) for s in set_ids)
    for s in set_ids:
        mat = assessment.matrix(sid, s)
        blocks.append(_method_input(spec.name, mat))
        local = np.asarray(assessment.weights_for(s, service_id=sid), dtype=float)
        share = float(set_weights[s]) / total_set if total_set > 0 else 1.0 / len(set_ids)
        weights.append(share * local / local.sum())
        criteria.extend(mat.criteria)
        app = np.asarray(mat.applicable, dtype=bool)
        for i, opt in enumerate(all_options):
            missing = [c for c, a in zip(mat.criteria, app[i], strict=True) if not a]
            if missing:
                not_applicable.setdefault(opt, []).extend(missing)
        applicable &= app.all(axis=1)
    X_all = np.concatenate(blocks, axis=1)
    w = np.concatenate(weights)
    keep = np.flatnonzero(applicable)
    options = tuple(all_options[i] for i in keep)
    excluded = {
        opt: "ikke relevant / not applicable: " + ", ".join(crit)
        for opt, crit in not_applicable.items()
    }
    X = X_all[keep]
    types = np.ones(X.shape[1])
    feasible = np.array([feas[o].ok for o in options], dtype=bool)
    if len(options) == 0:
        values = np.zeros(0)
        ranks = np.zeros(0, dtype=int)
        contributions = None
    else:
        kwargs = dict(method_kwargs)
        if normalization is not None:
            kwargs["normalization"] = normalization
        if spec.name.startswith("pymcdm:"):
            # samvalg validated the input; pymcdm's own checks only warn (e.g. on dominance)
            kwargs.setdefault("validation", False)
        if spec.name == "pymcdm:SPOTIS" and "bounds" not in kwargs:
            # the scale-anchored values live in [0, 1]: SPOTIS's bounds are the scale's own
            kwargs["bounds"] = np.tile([0.0, 1.0], (X.shape[1], 1))
        X_in = _zero_columns_as_constant(X, normalization)
        try:
            values = np.asarray(
                spec.func(X_in, w, types, **kwargs)
                if spec.name != "vikor"
                else spec.func(X_in, w, types, **kwargs).Q,
                dtype=float,
            )
        except ValidationError as exc:
            raise _located(exc, sid, key, tuple(criteria), normalization) from None
        utility = values if spec.higher_is_better else -values
        ranks = _feasible_first_ranks(utility, feasible)
        contributions = (
            _methods.wsm_contributions(X, w, types, normalization=normalization)
            if spec.name == "wsm"
            else None
        )
    return View(
        key=key,
        label_nb=label_nb,
        label_en=label_en,
        set_ids=set_ids,
        method=spec.name,
        options=options,
        excluded=excluded,
        criteria=tuple(criteria),
        weights=w,
        values=values,
        higher_is_better=spec.higher_is_better,
        ranks=ranks,
        contributions=contributions,
        feasible=feasible,
        value_matrix=X,
        service=sid,
    )


_COLUMN = re.compile(r"^X\[:, (\d+)\]$")


def _located(
    exc: ValidationError,
    service: str,
    view: str,
    criteria: tuple[str, ...],
    normalization: str | None,
) -> SamvalgError:
    """A kernel's complaint about column ``X[:, j]`` restated for the assessment's user."""
    lines = []
    for p in exc.problems:
        m = _COLUMN.match(p.location)
        where = (
            f"services.{service}, criterion {criteria[int(m.group(1))]}"
            if m and int(m.group(1)) < len(criteria)
            else f"services.{service}"
        )
        lines.append(
            f"{where} ({view} view): {p.message}"
            + (f" (allowed: {p.allowed})" if p.allowed else "")
        )
    head = (
        f"normalization {normalization!r} cannot be used on these scores; choose another "
        "normalization (None: the method's default) or another method"
    )
    return SamvalgError("\n".join([head, *lines]))


def _feasible_first_ranks(utility: np.ndarray, feasible: np.ndarray) -> np.ndarray:
    """Ranks (1 = best, ties share the lowest rank) with every feasible option first."""
    ranks = np.zeros(utility.shape[0], dtype=int)
    offset = 0
    for mask in (feasible, ~feasible):
        idx = np.flatnonzero(mask)
        if idx.size:
            ranks[idx] = rank(utility[idx]).astype(int) + offset
            offset += idx.size
    return ranks
