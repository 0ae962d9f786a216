"""SMAA-2 of one view of a bundle of service areas (:func:`smaa_bundle`).

Each iteration draws one weight vector :math:`w^k` (as :func:`smaa_service` does for one
service area) and applies it to every member: the member's utility of each option,
:math:`u_m^k(o)`, is its method's output on its own view matrix (as in
:func:`samvalg.evaluate`); the bundle's utility is the members' combined by the bundle's rule,
:math:`u_B^k(o) = \\sum_m a_m u_m^k(o)` (``"fte"``, ``"equal"``) or :math:`\\min_m u_m^k(o)`
(``"min"``). Ranks, acceptabilities, central weights and confidence factors then follow from
:math:`u_B^k` exactly as for a service area, over the options feasible for every member. A
bundle of identical members therefore gives the single service area's result, draw for draw.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

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
from samvalg.smaa._results import ServiceSMAA
from samvalg.smaa._samplers import _CellScores
from samvalg.smaa._validation import _check_choice, _check_n, _check_seed, _seed_label

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["smaa_bundle"]


def smaa_bundle(
    assessment: Assessment,
    bundle_id: str,
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
    """SMAA-2 of a bundle (``[bundles.<id>]``) on one view: the same weight draws applied to
    every member, the members' utilities combined by the bundle's rule (module docstring).

    Parameters are those of :func:`samvalg.smaa.smaa_service` (which calls this when given a
    bundle's id). The weight information is the view's weights, which must be the same for
    every member (they are, unless a set's weights are objective, computed per service area:
    then this is an error). With ``score_uncertainty``, each member's uncertain cells are drawn
    within their ``low``/``high`` as for the member alone (independently of the other
    members': they are separate judgments), jointly with the weights.

    Returns
    -------
    ServiceSMAA
        With ``service`` the bundle's id; ``options`` the options feasible for every member.

    Examples
    --------
    >>> import samvalg
    >>> from samvalg.smaa import smaa_bundle
    >>> r = smaa_bundle(samvalg.example_assessment(), "arkiv_postmottak", n=2000, seed=1)
    >>> bool(np.allclose(r.rank_acceptability.sum(axis=1), 1.0))
    True
    """
    from samvalg.evaluation import evaluate
    from samvalg.methods import get_method
    from samvalg.smaa._area import (
        DEFAULT_CONCENTRATION,
        SCORE_UNCERTAINTY,
        WEIGHT_INFO,
        _weight_source,
    )

    bundles = assessment.bundles
    if bundle_id not in bundles:
        raise argument_error(
            "bundle_id", f"{bundle_id!r} is not a bundle of the assessment", ", ".join(bundles)
        )
    bundle = bundles[bundle_id]
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
        services=[bundle_id],
        **method_kwargs,
    )
    bev = ev.bundles[bundle_id]
    v = bev[view]
    members = [ev[m][view] for m in bundle.services]
    first = members[0]
    for m, mv in zip(bundle.services[1:], members[1:], strict=True):
        if mv.criteria != first.criteria or not np.allclose(mv.weights, first.weights):
            raise SamvalgError(
                f"bundle {bundle_id!r}, view {view!r}: the weights of {m!r} differ from those "
                f"of {bundle.services[0]!r} (objective weights are computed per service area); "
                "SMAA on a bundle applies one weight draw to every member, so it needs the "
                "same weights for all"
            )
    options_all = tuple(v.options)
    excluded: dict[str, str] = dict(v.excluded)
    for opt, ok in zip(options_all, v.feasible, strict=True):
        if not ok:
            excluded[opt] = "juridisk utelukket / legally ruled out: " + "; ".join(
                bev.feasibility[opt].reasons
            )
    if not v.feasible.any():
        raise SamvalgError(
            f"bundle {bundle_id!r}, view {view!r}: no option is legally feasible for every "
            "member and fully applicable, so there is nothing to rank"
        )
    crit = tuple(first.criteria)
    ncrit = len(crit)
    types = np.ones(ncrit)
    gen = as_generator(seed)
    draw, samplers, level_note, mixture, _ = _weight_source(
        assessment,
        bundle.services[0],
        view,
        first,
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

    kw = _method_kwargs(spec, normalization, method_kwargs)
    parts = []
    for mv in members:
        rows = np.array([mv.options.index(o) for o in options_all], dtype=int)
        parts.append((_fixed_utility(spec, kw, np.asarray(mv.value_matrix, float), types), rows))
    a = (
        None
        if bundle.weights is None
        else np.array([bundle.weights[m] for m in bundle.services], dtype=float)
    )

    cells = None
    if score_uncertainty != "none":
        linear = spec.linear_without_normalization and normalization == "none" and not method_kwargs
        member_cells = []
        # one draw from the generator, as for a service area (the weight stream that follows
        # is the same); the first member's cells use it, the others seeds derived from it
        xseed = int(gen.integers(2**63))
        seeds = [xseed] + [
            int(np.random.default_rng([xseed, i]).integers(2**63)) for i in range(1, len(members))
        ]
        for m, mv, cell_seed in zip(bundle.services, members, seeds, strict=True):
            mats = [assessment.matrix(m, set_id) for set_id in mv.set_ids]
            member_cells.append(
                _CellScores(
                    mats,
                    tuple(mv.options),
                    spec.name,
                    score_uncertainty,
                    cell_seed,
                    types,
                    linear=linear,
                )
            )
        cells = _BundleCells(
            member_cells, [rows for _, rows in parts], a, _method_call(spec, kw), types
        )

    def fixed(W: NDArray[np.float64]) -> NDArray[np.float64]:
        """(m, K) bundle utilities: each member's, combined by the rule."""
        U = np.stack([f(W)[rows] for f, rows in parts])
        if a is None:
            return np.ascontiguousarray(U.min(axis=0))
        return np.ascontiguousarray(np.tensordot(a, U, axes=1))

    ranked = np.asarray(v.feasible, dtype=bool)
    chunk = _chunk_rows(spec, len(options_all), ncrit, cells is not None, fixed_cap=16_384)
    st, conf, conf_se, draws = _engine(
        _method_call(spec, kw),
        fixed,
        types,
        N,
        len(options_all),
        ncrit,
        None,
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
        service=bundle_id,
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
        elicited_weights=np.asarray(first.weights, dtype=float),
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


class _BundleCells:
    """The members' sampled cells as one sampler for the engine (``_engine._Cells``).

    A draw is the members' deviations side by side; the utilities of a draw are each
    member's (its own cells on its own view matrix, the linear WSM shortcut where the member
    has it, else the method on the full matrices) at the bundle's rows, combined by the rule.
    The engine always takes the ``utilities``/``utilities_at`` path (``linear = True``).
    """

    linear = True

    def __init__(
        self,
        members: list[_CellScores],
        rows: list[NDArray[np.int64]],
        a: NDArray[np.float64] | None,
        utility: Any,
        types: NDArray[np.float64],
    ) -> None:
        self._types = types
        self._members = members
        self._rows = rows
        self._a = a
        self._utility = utility
        self._cuts = np.cumsum([0, *(c.size for c in members)])
        self.size = int(self._cuts[-1])

    def _combine(self, U: NDArray[np.float64], axis: int) -> NDArray[np.float64]:
        if self._a is None:
            return np.asarray(U.min(axis=axis))
        return np.asarray(np.tensordot(self._a, U, axes=(0, axis)))

    def _parts(self, dev: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        return [dev[:, s:e] for s, e in zip(self._cuts[:-1], self._cuts[1:], strict=True)]

    def stream(self) -> Any:
        draws = [c.stream() for c in self._members]

        def draw(k: int, out: NDArray[np.float64] | None = None) -> NDArray[np.float64]:
            return np.concatenate([d(k) for d in draws], axis=1, out=out)

        return draw

    def utilities(self, dev: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
        """(m, k): the bundle's utilities of each draw under its weights."""
        out = []
        for c, d, rows in zip(self._members, self._parts(dev), self._rows, strict=True):
            if c.linear:
                U = c.utilities(d, W)
            else:
                U = np.asarray(self._utility(c.matrices(d), W, self._types), dtype=float).T
            out.append(U[rows])
        return np.ascontiguousarray(self._combine(np.stack(out), 0))

    def utilities_at(
        self,
        dev: NDArray[np.float64],
        cws: NDArray[np.float64],
        out: NDArray[np.float64] | None = None,
    ) -> NDArray[np.float64]:
        """(h, m, k): the bundle's utilities of every draw under each of ``cws``.

        ``out`` (h, m, k), optional: a buffer to copy them to. The members' utilities are
        combined in the (h, k, m) layout (the rule's ``tensordot`` is a BLAS call whose
        bits may depend on the layout), then transposed.
        """
        parts = []
        for c, d, rows in zip(self._members, self._parts(dev), self._rows, strict=True):
            if c.linear:
                U = np.ascontiguousarray(c.utilities_at(d, cws).transpose(0, 2, 1))
            else:
                X = c.matrices(d)
                U = np.stack(
                    [np.asarray(self._utility(X, w, self._types), dtype=float) for w in cws]
                )
            parts.append(U[..., rows])
        combined = self._combine(np.stack(parts), 0).transpose(0, 2, 1)
        if out is None:
            return np.ascontiguousarray(combined)
        out[...] = combined
        return out

    def matrices(self, dev: NDArray[np.float64]) -> NDArray[np.float64]:  # pragma: no cover
        raise NotImplementedError("a bundle's draws are combined utilities, not one matrix")
