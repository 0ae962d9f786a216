"""SMAA-2 of one view of one service area of an assessment (:func:`smaa_service`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg import _sampling
from samvalg._rng import RNGLike, as_generator
from samvalg.errors import SamvalgError, argument_error
from samvalg.smaa._engine import (
    Progress,
    _chunk_rows,
    _engine,
    _finish,
    _fixed_utility,
    _method_call,
    _method_kwargs,
)
from samvalg.smaa._mixture import _Mixture, _stakeholder_mixture
from samvalg.smaa._results import ServiceSMAA
from samvalg.smaa._samplers import _CellScores, _FlatSampler
from samvalg.smaa._validation import (
    _check_choice,
    _check_n,
    _check_seed,
    _seed_label,
)

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["smaa_service"]


#: Weight information accepted by :func:`smaa_service`.
WEIGHT_INFO = ("uniform", "ordinal", "bounds", "elicited", "stakeholders")
#: Score uncertainty accepted by :func:`smaa_service`.
SCORE_UNCERTAINTY = ("none", "uniform", "triangular", "pert")

#: Dirichlet concentration of ``weight_info="elicited"`` when none is given.
DEFAULT_CONCENTRATION = 50.0


def smaa_service(
    assessment: Assessment,
    service_id: str,
    view: str = "combined",
    n: int = 10_000,
    seed: RNGLike = 0,
    method: str = "wsm",
    *,
    normalization: str | None = None,
    weight_info: str = "uniform",
    hierarchy: str = "levels",
    concentration: float | None = None,
    bounds: float | Mapping[str, tuple[float, float]] | None = None,
    stakeholders: Mapping[str, Mapping[str, float]] | ArrayLike | None = None,
    stakeholder_probabilities: ArrayLike | Mapping[str, float] | None = None,
    score_uncertainty: str = "none",
    progress: Progress | None = None,
    keep_draws: bool = False,
    **method_kwargs: Any,
) -> ServiceSMAA:
    r"""SMAA-2 of one service area on one view of :func:`samvalg.evaluate`.

    The options and value matrix are the view's (scale-anchored values; ``x - lower + 1`` for
    WPM, as :func:`samvalg.evaluate`). Options the law rules out take part in the method (as in
    ``evaluate``) but are not ranked; options with a criterion that does not apply are left
    out (as in ``evaluate``); both are listed in ``excluded`` with the reason.

    Weights (``weight_info``), applied at each level (see ``hierarchy``):

    - ``"uniform"``: no information, uniform on the simplex.
    - ``"ordinal"``: only the order of the elicited weights (equal weights are ties), sampled
      exactly on the ordered region (:func:`samvalg._sampling.ordinal_weights`).
    - ``"bounds"``: each weight within bounds, uniform within them: ``bounds=0.5`` keeps each
      weight within ±50 % of its elicited value; ``bounds={id: (low, high)}`` gives them per
      criterion (local weight in its set) or per set id (set weight); rejection sampling with
      the acceptance rate reported.
    - ``"elicited"``: Dirichlet centred on the elicited weights with ``concentration``
      :math:`\kappa` (default 50; :math:`\mathrm{Var}\,w_j = w_j(1-w_j)/(\kappa+1)`, so a
      weight of 0.2 has a standard deviation of about 0.056).
    - ``"stakeholders"``: a mixture over the stakeholders' weight vectors: each iteration
      picks stakeholder :math:`s` with probability :math:`p_s` and takes their global weight
      vector of the view, exact or, with ``concentration``, Dirichlet-spread around it; these
      are global vectors, so ``hierarchy`` does not apply. By default (``stakeholders=None``)
      the stakeholders are the assessment's ``[stakeholders.<id>]`` tables: each one's vector
      is the view's weights with their own weights tables applied
      (:func:`samvalg.group.stakeholder_assessment`), and :math:`p_s` are their voting
      weights (:func:`samvalg.group.voting_weights`; default equal voice per municipality);
      an assessment without stakeholders is an error. ``stakeholders`` may instead give the
      vectors (mapping name -> {criterion: weight}, or an array (s, n) in the view's
      criterion order; then :math:`p_s` are equal unless given). ``stakeholder_probabilities``
      (array (s,) or mapping name -> weight, normalised) replaces :math:`p_s`. The
      probabilities and their basis are stated in the result
      (``stakeholder_probabilities``, ``probability_basis``: ``"voting"``, ``"equal"`` or
      ``"given"``, with ``voting``; in words :func:`samvalg.text.smaa.probability_basis_text`).
      The scores stay the
      assessment's common ones (the stakeholders' own score overrides are not used; for the
      group's aggregated scores see :func:`samvalg.group.group_smaa`).

    Hierarchy (views with several criteria sets, e.g. ``"combined"``):
    ``"levels"`` (default) samples the set weights and each set's local weights separately,
    each by ``weight_info`` around its elicited values, and multiplies them
    (:math:`w_j = W_{s(j)} w^{loc}_j`): the set weights are a judgment of their own. Note that
    the product of uniform levels is not uniform on the global simplex.
    ``"global"`` samples the global vector directly, ignoring the sets.

    Scores (``score_uncertainty``): ``"none"`` (the scores as given), or each cell drawn within
    its ``low``/``high`` from the assessment: ``"uniform"``, ``"triangular"`` (mode = the
    score) or ``"pert"``, jointly with the weights (one matrix per iteration).

    Parameters
    ----------
    assessment : Assessment
    service_id : str
        A service area, or a bundle's id (``[bundles.<id>]``): then
        :func:`samvalg.smaa.smaa_bundle` (one weight draw applied to every member, their
        utilities combined by the bundle's rule).
    view : str
        ``"combined"``, ``"whether"``, ``"form"``, ``"strategy"``, ``"gains"`` or ``"model"``.
    n : int
        Iterations, 1 to 10**7.
    seed : int, Generator or None
        A whole number >= 0 (reproducible), a Generator, or None (fresh entropy);
        anything else is a :class:`samvalg.errors.ValidationError`.
    method : str
        Aggregation method.
    normalization : str, optional
        As in :func:`samvalg.evaluate` (None: ``"none"`` for WSM, ``"sum"`` for WPM, the
        method's default otherwise).
    weight_info, hierarchy, concentration, bounds, stakeholders, stakeholder_probabilities
        See above.
    score_uncertainty : {"none", "uniform", "triangular", "pert"}
    progress : callable(done, total), optional
    keep_draws : bool
        Keep the raw draws (``result.draws``: the sampled weights (N, n), utilities and ranks
        (N, m)); memory :math:`N (8n + 10m)` bytes, see :func:`samvalg.smaa.smaa2`.
    **method_kwargs
        Passed to the method.

    Returns
    -------
    ServiceSMAA

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.smaa import smaa_service
    >>> r = smaa_service(samvalg.example_assessment(), "lonn", n=2000, seed=1)
    >>> bool(np.allclose(r.rank_acceptability.sum(axis=1), 1.0))
    True
    >>> g = smaa_service(samvalg.example_assessment(), "lonn", n=2000, seed=1,
    ...                  weight_info="stakeholders")
    >>> g.stakeholder_probabilities["tillitsvalgte"]
    0.25
    """
    from samvalg.evaluation import evaluate
    from samvalg.methods import get_method

    if service_id in getattr(assessment, "bundles", {}) and service_id not in assessment.services:
        from samvalg.smaa._bundle import smaa_bundle

        return smaa_bundle(
            assessment,
            service_id,
            view,
            n,
            seed,
            method,
            normalization=normalization,
            weight_info=weight_info,
            hierarchy=hierarchy,
            concentration=concentration,
            bounds=bounds,
            stakeholders=stakeholders,
            stakeholder_probabilities=stakeholder_probabilities,
            score_uncertainty=score_uncertainty,
            progress=progress,
            keep_draws=keep_draws,
            **method_kwargs,
        )
    _check_choice(weight_info, "weight_info", WEIGHT_INFO)
    _check_choice(hierarchy, "hierarchy", ("levels", "global"))
    _check_choice(score_uncertainty, "score_uncertainty", SCORE_UNCERTAINTY)
    N = _check_n(n)
    _check_seed(seed)
    if concentration is not None and not (
        isinstance(concentration, int | float)
        and math.isfinite(concentration)
        and concentration > 0
    ):
        raise argument_error(
            "concentration", f"must be a positive number or None, got {concentration!r}"
        )
    kappa = DEFAULT_CONCENTRATION if concentration is None else float(concentration)
    spec = get_method(method)
    if normalization is None:
        normalization = spec.evaluation_normalization
    ev = evaluate(
        assessment,
        method=spec.name,
        normalization=normalization,
        services=[service_id],
        **method_kwargs,
    )
    sev = ev[service_id]
    v = sev[view]
    options_all = tuple(v.options)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options_all, v.feasible, strict=True):
        if not ok:
            f = sev.feasibility[opt]
            excluded[opt] = "juridisk utelukket / legally ruled out: " + "; ".join(f.reasons)
    if not v.feasible.any():
        raise SamvalgError(
            f"service {service_id!r}, view {view!r}: no option is both legally feasible and "
            "fully applicable, so there is nothing to rank"
            + (
                f" (excluded: {'; '.join(f'{o}: {r}' for o, r in excluded.items())})"
                if excluded
                else ""
            )
        )
    crit = tuple(v.criteria)
    ncrit = len(crit)
    types = np.ones(ncrit)
    w_elicited = np.asarray(v.weights, dtype=float)

    gen = as_generator(seed)
    draw, samplers, level_note, mixture, mats = _weight_source(
        assessment,
        service_id,
        view,
        v,
        crit,
        weight_info,
        hierarchy,
        kappa,
        concentration,
        bounds,
        stakeholders,
        stakeholder_probabilities,
        gen,
    )

    def w_source(s: int, e: int) -> NDArray[np.float64]:
        return draw(e - s)

    ranked = np.asarray(v.feasible, dtype=bool)
    kw = _method_kwargs(spec, normalization, method_kwargs)
    utility = _method_call(spec, kw)
    cells = None
    X_fixed: NDArray[np.float64] | None = np.asarray(v.value_matrix, dtype=float)
    if score_uncertainty != "none":
        # only the cells with low < high are drawn; WSM without normalisation is linear in
        # the scores, so it adds their weighted deviations to the fixed matrix's utilities
        cells = _CellScores(
            mats,
            options_all,
            spec.name,
            score_uncertainty,
            int(gen.integers(2**63)),
            types,
            linear=spec.linear_without_normalization
            and normalization == "none"
            and not method_kwargs,
        )
        X_fixed = None
    # The level samplers draw level by level per chunk, so the chunk size is part of the random
    # stream here: 16384 rows keep the numbers of earlier versions for the same seed.
    chunk = _chunk_rows(spec, len(options_all), ncrit, cells is not None, fixed_cap=16_384)
    fixed = None if X_fixed is None else _fixed_utility(spec, kw, X_fixed, types)
    st, conf, conf_se, draws = _engine(
        utility,
        fixed,
        types,
        N,
        len(options_all),
        ncrit,
        X_fixed,
        None,
        w_source,
        np.flatnonzero(ranked),
        chunk,
        progress,
        keep_draws=bool(keep_draws),
        cells=cells,
    )
    res = _finish(
        st,
        conf,
        conf_se,
        N,
        draws,
        seed=_seed_label(seed),
        method=spec.name,
        normalization=normalization,
        alternatives=tuple(o for o, r in zip(options_all, ranked, strict=True) if r),
        criteria=crit,
        sampled_scores=cells is not None,
        method_kwargs=dict(method_kwargs),
    )
    drawn = sum(s.drawn for s in samplers)
    rate = (sum(s.accepted for s in samplers) / drawn) if drawn else None
    return ServiceSMAA(
        service=service_id,
        view=view,
        set_ids=tuple(v.set_ids),
        options=res.alternatives,
        excluded=excluded,
        criteria=crit,
        weight_info=weight_info,
        hierarchy=level_note,
        score_uncertainty=score_uncertainty,
        concentration=(
            kappa
            if weight_info == "elicited"
            else concentration
            if weight_info == "stakeholders"
            else None
        ),
        elicited_weights=w_elicited,
        acceptance_rate=rate,
        result=res,
        illustrative=bool(assessment.meta.illustrative),
        stakeholder_probabilities=(
            None
            if mixture is None
            else dict(zip(mixture.names, mixture.probabilities.tolist(), strict=True))
        ),
        probability_basis=None if mixture is None else mixture.basis,
        voting=None if mixture is None else mixture.voting,
    )


def _weight_source(
    assessment: Assessment,
    service_id: str,
    view: str,
    v: Any,
    crit: tuple[str, ...],
    weight_info: str,
    hierarchy: str,
    kappa: float,
    concentration: float | None,
    bounds: float | Mapping[str, tuple[float, float]] | None,
    stakeholders: Mapping[str, Mapping[str, float]] | ArrayLike | None,
    stakeholder_probabilities: ArrayLike | Mapping[str, float] | None,
    gen: np.random.Generator,
) -> tuple[
    Callable[[int], NDArray[np.float64]], list[_FlatSampler], str, _Mixture | None, list[Any]
]:
    """The weight sampler of one view (``weight_info`` and ``hierarchy``, see
    :func:`smaa_service`): ``draw(k) -> (k, n)``, the flat samplers (for the acceptance rate),
    the level note, the stakeholder mixture and the view's score matrices."""
    ncrit = len(crit)
    w_elicited = np.asarray(v.weights, dtype=float)
    # blocks of the hierarchy
    blocks: list[tuple[str, NDArray[np.int64]]] = []
    start = 0
    mats = []
    for s in v.set_ids:
        mat = assessment.matrix(service_id, s)
        k = len(mat.criteria)
        blocks.append((s, np.arange(start, start + k)))
        mats.append(mat)
        start += k

    samplers: list[_FlatSampler] = []
    mixture: _Mixture | None = None
    if weight_info == "stakeholders":
        mixture = _stakeholder_mixture(
            assessment, service_id, view, crit, stakeholders, stakeholder_probabilities
        )
        V, p = mixture.vectors, mixture.probabilities
        conc = concentration

        def draw(k: int) -> NDArray[np.float64]:
            return _sampling.mixture_weights(k, V, gen, probabilities=p, concentration=conc)

        level_note = "global"
    elif hierarchy == "global" or len(blocks) == 1:
        flat = _FlatSampler(weight_info, w_elicited, crit, kappa, bounds)
        samplers.append(flat)

        def draw(k: int) -> NDArray[np.float64]:
            return flat.draw(k, gen)

        level_note = "global" if len(blocks) > 1 else "levels"
    else:
        shares = np.array([w_elicited[idx].sum() for _, idx in blocks])
        top = _FlatSampler(weight_info, shares, [s for s, _ in blocks], kappa, bounds)
        subs = []
        for (s, idx), mat in zip(blocks, mats, strict=True):
            local = w_elicited[idx]
            if local.sum() <= 0:
                local = np.asarray(assessment.weights_for(s, service_id=service_id), float)
            subs.append(_FlatSampler(weight_info, local, mat.criteria, kappa, bounds))
        samplers = [top, *subs]

        def draw(k: int) -> NDArray[np.float64]:
            Wset = top.draw(k, gen)
            out = np.empty((k, ncrit))
            for b, ((_, idx), sub) in enumerate(zip(blocks, subs, strict=True)):
                out[:, idx] = Wset[:, b : b + 1] * sub.draw(k, gen)
            return out

        level_note = "levels"

    return draw, samplers, level_note, mixture, mats
