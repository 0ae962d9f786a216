"""Group robustness: SMAA-2 with the weights drawn from the stakeholders' views.

The one dependency between the analyses runs this way: :mod:`samvalg.group` uses
:mod:`samvalg.smaa` (this module), and :mod:`samvalg.smaa` never imports :mod:`samvalg.group`
(both take stakeholders and voting weights from :mod:`samvalg.assessment`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from samvalg._rng import RNGLike
from samvalg.assessment._stakeholders import (
    stakeholder_assessment,
    stakeholders_of,
    voting_weights,
)
from samvalg.assessment._views import view_weights
from samvalg.group._assessments import group_assessment
from samvalg.smaa import ServiceSMAA, smaa_service

if TYPE_CHECKING:
    from samvalg.assessment._assessment import Assessment

__all__ = ["group_smaa"]


def group_smaa(
    assessment: Assessment,
    service_id: str,
    *,
    view: str = "combined",
    n: int = 10_000,
    seed: RNGLike = 0,
    method: str = "wsm",
    voting: Mapping[str, float] | None = None,
    concentration: float | None = None,
    score_uncertainty: str = "none",
    spread: Literal["range", "sd"] = "range",
    **method_kwargs: Any,
) -> ServiceSMAA:
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
        With ``stakeholder_probabilities`` (the voting weights), ``probability_basis =
        "voting"`` and their scheme in ``voting`` (in words:
        :func:`samvalg.text.smaa.probability_basis_text`).

    Examples
    --------
    >>> import numpy as np
    >>> import samvalg
    >>> r = group_smaa(samvalg.example_assessment(), "lonn", n=2000, seed=1)
    >>> bool(np.isclose(r.rank_acceptability[:, 0].sum(), 1.0))
    True
    """
    stakeholders = stakeholders_of(assessment)
    ids = list(stakeholders)
    vw = voting_weights(assessment, voting)
    group = group_assessment(assessment, voting=voting, spread=spread)
    vectors = {
        i: view_weights(stakeholder_assessment(assessment, i), service_id, view) for i in ids
    }
    res = smaa_service(
        group,
        service_id,
        view=view,
        n=n,
        seed=seed,
        method=method,
        weight_info="stakeholders",
        stakeholders=vectors,
        stakeholder_probabilities=vw.vector(ids),
        concentration=concentration,
        score_uncertainty=score_uncertainty,
        **method_kwargs,
    )
    # the probabilities are the voting weights: say so, with their scheme
    return replace(res, probability_basis="voting", voting=vw)
