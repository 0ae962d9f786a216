"""The computation behind :func:`samvalg.evaluate`: every view of every service area.

:data:`VIEWS` names the criteria sets of each view; the method's own attributes
(:class:`samvalg.methods.MethodSpec`) decide its input, normalisation and options, so nothing
here depends on which method runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from samvalg import methods as _methods
from samvalg.assessment._views import VIEW_SETS
from samvalg.errors import SamvalgError, ValidationError, argument_error, did_you_mean
from samvalg.evaluation._bundles import bundle_evaluation
from samvalg.evaluation._results import Evaluation, OptionFeasibility, ServiceEvaluation, View
from samvalg.methods._spec import zero_columns_as_constant
from samvalg.ranking import rank

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.catalogue import Catalogue

__all__ = ["VIEWS", "evaluate", "reweigh"]

#: view id -> the criteria sets it weighs (names: :mod:`samvalg.text.views`); one table with
#: :func:`samvalg.assessment.view_weights`
VIEWS: Mapping[str, tuple[str, ...]] = VIEW_SETS


def _method_input(spec: _methods.MethodSpec, matrix: Any) -> np.ndarray:
    """The method's input matrix built from a score matrix (see the package docstring)."""
    if spec.ratio_scale:
        lower = np.asarray(matrix.scale.lower, dtype=float)
        return np.asarray(np.asarray(matrix.values, dtype=float) - lower + 1.0, dtype=float)
    return np.asarray(matrix.values_01(), dtype=float)


def evaluate(
    assessment: Assessment,
    method: str = "wsm",
    *,
    normalization: str | None = None,
    services: list[str] | None = None,
    catalogue: Catalogue | None = None,
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
        Restrict to these service areas (default: all in the assessment). A bundle's id
        (``[bundles.<id>]``) stands for its members.
    catalogue : Catalogue, optional
        Catalogue used for names and feasibility (default: the assessment's own,
        :attr:`Assessment.catalogue <samvalg.assessment.Assessment.catalogue>`).
    **method_kwargs
        Passed to the method (e.g. ``v=0.5`` for VIKOR, ``preference="vshape", p=0.5`` for
        PROMETHEE II).

    Returns
    -------
    Evaluation
        Mapping ``service_id -> ServiceEvaluation`` with views ``whether``, ``form``,
        ``combined``, ``strategy``, ``gains`` and ``model``; ``.bundles`` maps each bundle
        whose members were all evaluated to a :class:`BundleEvaluation` with the same views
        (feasible only where every member is; values combined by the bundle's rule; see
        :mod:`samvalg.evaluation._bundles`).

    Examples
    --------
    >>> import samvalg
    >>> ev = samvalg.evaluate(samvalg.example_assessment())
    >>> ev["byggesak"].recommendation != "oppgavefellesskap"   # the law rules a KO out
    True
    """
    from samvalg.law import feasibility as _feasibility

    cat = catalogue if catalogue is not None else assessment.catalogue
    spec = _methods.get_method(method)
    if not spec.accepts_normalization and normalization is not None:
        raise SamvalgError(
            f"{spec.label_en} takes no normalization "
            f"(found normalization={normalization!r}; allowed: None)"
        )
    if normalization is None:
        normalization = spec.evaluation_normalization

    bundles = getattr(assessment, "bundles", {})
    wanted = list(assessment.services) if services is None else list(services)
    # a bundle id stands for its members (and the bundle is answered too)
    expanded: list[str] = []
    for s in wanted:
        for member in bundles[s].services if s in bundles else (s,):
            if member not in expanded:
                expanded.append(member)
    wanted = expanded
    unknown = [s for s in wanted if s not in assessment.services]
    if unknown:
        lines = [
            f"service {s!r} is not in the assessment"
            f"{did_you_mean(s, [*assessment.services, *bundles], cutoff=0.5)} "
            f"(allowed: {', '.join([*assessment.services, *bundles])})"
            for s in unknown
        ]
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
        for key, set_ids in VIEWS.items():
            views[key] = _view(
                key,
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
    bundle_results = {
        bid: bundle_evaluation(b, [result[m] for m in b.services])
        for bid, b in bundles.items()
        if all(m in result for m in b.services)
    }
    provenance: dict[str, Any] = {}
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
        catalogue=cat,
        bundles=bundle_results,
    )


def _view(
    key: str,
    set_ids: tuple[str, ...],
    assessment: Assessment,
    sid: str,
    all_options: tuple[str, ...],
    feas: Mapping[str, OptionFeasibility],
    set_weights: Mapping[str, float],
    spec: _methods.MethodSpec,
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
        blocks.append(_method_input(spec, mat))
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
    feasible = np.array([feas[o].ok for o in options], dtype=bool)
    values, ranks, contributions = _run(
        spec, X, w, feasible, normalization, method_kwargs, sid, key, tuple(criteria)
    )
    return View(
        key=key,
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
        set_sizes=tuple(int(b.shape[1]) for b in blocks),
        normalization=normalization,
        method_options=dict(method_kwargs),
    )


def _run(
    spec: _methods.MethodSpec,
    X: np.ndarray,
    w: np.ndarray,
    feasible: np.ndarray,
    normalization: str | None,
    method_kwargs: Mapping[str, Any],
    sid: str,
    key: str,
    criteria: tuple[str, ...],
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Values, feasible-first ranks and contributions of one view's matrix under weights w."""
    if X.shape[0] == 0:
        return np.zeros(0), np.zeros(0, dtype=int), None
    types = np.ones(X.shape[1])
    kwargs = dict(method_kwargs)
    if normalization is not None:
        kwargs["normalization"] = normalization
    for option, value in spec.evaluation_options.items():
        # pymcdm: samvalg validated the input; pymcdm's own checks only warn (dominance)
        kwargs.setdefault(option, value)
    if spec.needs_bounds and "bounds" not in kwargs:
        # the scale-anchored values live in [0, 1]: the bounds are the scale's own
        kwargs["bounds"] = np.tile([0.0, 1.0], (X.shape[1], 1))
    X_in = zero_columns_as_constant(X, normalization)
    try:
        values = spec.values(X_in, w, types, **kwargs)
    except ValidationError as exc:
        raise _located(exc, sid, key, criteria, normalization) from None
    utility = values if spec.higher_is_better else -values
    ranks = _feasible_first_ranks(utility, feasible)
    contributions = (
        None
        if spec.contributions is None
        else spec.contributions(X, w, types, normalization=normalization)
    )
    return values, ranks, contributions


def reweigh(view: View, weights: ArrayLike) -> View:
    r"""The same view under other global weights: the evaluation's method, normalisation and
    options on the view's own matrix, exactly as :func:`evaluate` computes it.

    Parameters
    ----------
    view : View
        A view of an :class:`~samvalg.evaluation.Evaluation`.
    weights : array_like
        One non-negative weight per criterion of the view (``view.criteria``), not all zero;
        scaled to sum to 1. Hierarchical weights are
        :math:`w_j = W_{s(j)} / \sum_{s} W_s \cdot w^{loc}_j / \sum_{k \in s(j)} w^{loc}_k`.

    Returns
    -------
    View
        Values, ranks and contributions under the new weights; everything else as in ``view``.

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.evaluation import reweigh
    >>> v = samvalg.evaluate(samvalg.example_assessment())["lonn"]["combined"]
    >>> reweigh(v, v.weights).order == v.order
    True
    """
    w = np.asarray(weights, dtype=float)
    n = len(view.criteria)
    if w.shape != (n,):
        raise argument_error(
            "weights", f"needs one weight per criterion of the view ({n}), got shape {w.shape}"
        )
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise argument_error(
            "weights", "needs finite, non-negative weights, not all zero", "w >= 0, sum > 0"
        )
    w = w / w.sum()
    spec = _methods.get_method(view.method)
    values, ranks, contributions = _run(
        spec,
        np.asarray(view.value_matrix, dtype=float),
        w,
        np.asarray(view.feasible, dtype=bool),
        view.normalization,
        view.method_options,
        view.service,
        view.key,
        view.criteria,
    )
    return replace(view, weights=w, values=values, ranks=ranks, contributions=contributions)


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
