"""The results of :func:`samvalg.evaluate`: evaluation, service areas, views, feasibility.

Frozen dataclasses of ids and numbers, each with ``to_dict()`` for JSON.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg._json import JSONMixin
from samvalg.errors import UnknownKeyError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["BundleEvaluation", "Evaluation", "OptionFeasibility", "ServiceEvaluation", "View"]


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
    set_sizes : tuple of int
        Number of criteria of each set in ``set_ids`` (``criteria`` is their concatenation).
    normalization : str or None
        The normalisation the method ran with (for :func:`samvalg.evaluation.reweigh`).
    method_options : dict
        The options the method ran with (``method_kwargs`` of :func:`samvalg.evaluate`).
    """

    key: str
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
    set_sizes: tuple[int, ...] = ()
    normalization: str | None = field(default=None, compare=False)
    method_options: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

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

    def _repr_html_(self) -> str:
        """A table of the options (ids), best first: value, rank and legal feasibility."""
        arrow = "higher is better" if self.higher_is_better else "lower is better"
        rows = []
        for opt in self.order:
            i = self.options.index(opt)
            ok = "yes" if self.feasible[i] else "no"
            rows.append(
                f"<tr><td>{int(self.ranks[i])}</td><td>{html.escape(opt)}</td>"
                f"<td>{float(self.values[i]):.4f}</td><td>{ok}</td></tr>"
            )
        excluded = "".join(
            f"<li>{html.escape(o)}: {html.escape(r)}</li>" for o, r in self.excluded.items()
        )
        caption = html.escape(f"{self.service} · {self.key} · {self.method} ({arrow})")
        return (
            f"<table><caption>{caption}</caption>"
            "<thead><tr><th>rank</th><th>option</th><th>value</th><th>feasible</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            + (f"<p>excluded:</p><ul>{excluded}</ul>" if excluded else "")
        )


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

        The answer to the case's two questions: if question 1 (``whether``: strategy and gain
        criteria) puts ``egen_drift`` or ``fagnettverk`` (no formal cooperation) first, that
        option; otherwise the answer to question 2, the best lawful option of the ``form`` view
        (the model criteria over the formal forms). The ``combined`` view (all three criteria
        sets) is a third, separately labelled view; it is used only when a ``form`` view has no
        lawful option (then ``whether``).
        """
        whether = self.views.get("whether")
        first = whether.best if whether is not None else None
        if first is not None and first.split(":")[0] in ("egen_drift", "fagnettverk"):
            return first
        for key in ("form", "combined", "whether"):
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

    def _repr_html_(self) -> str:
        """The recommendation and, per view, the best feasible option and the order."""
        rows = "".join(
            f"<tr><td>{html.escape(key)}</td><td>{html.escape(v.method)}</td>"
            f"<td><b>{html.escape(v.best or '–')}</b></td>"
            f"<td>{html.escape(' › '.join(v.order))}</td></tr>"
            for key, v in self.views.items()
        )
        caption = html.escape(f"{self.name_nb} / {self.name_en} ({self.service})")
        rec = html.escape(self.recommendation or "–")
        return (
            f"<table><caption>{caption}: <b>{rec}</b></caption>"
            "<thead><tr><th>view</th><th>method</th><th>best</th><th>order</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


@dataclass(frozen=True)
class BundleEvaluation(ServiceEvaluation):
    """A bundle (``[bundles.<id>]``) answered as one service area: the same views,
    ``cooperate`` and ``recommendation``, with ``service`` the bundle's id.

    The views, feasibility and values are combined from the members' as
    :mod:`samvalg.evaluation._bundles` states: an option is feasible only if it is for every
    member; a value is the members' values combined by ``rule``.

    Attributes
    ----------
    members : tuple of str
        The member service areas.
    rule : {"fte", "equal", "min"}
        How the members' values were combined.
    member_weights : dict or None
        :math:`a_m` per member (``None`` for ``"min"``).
    fte, fte_source : dict
        FTE per member used by ``"fte"`` and where each came from (empty otherwise).
    """

    members: tuple[str, ...] = ()
    rule: str = "fte"
    member_weights: Mapping[str, float] | None = None
    fte: Mapping[str, float] = field(default_factory=dict)
    fte_source: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["bundle"] = out.pop("service")
        return {
            "bundle": out.pop("bundle"),
            "members": list(self.members),
            "rule": self.rule,
            "member_weights": None if self.member_weights is None else dict(self.member_weights),
            "fte": dict(self.fte),
            "fte_source": dict(self.fte_source),
            **out,
        }


@dataclass(frozen=True)
class Evaluation(JSONMixin, Mapping[str, ServiceEvaluation]):
    """The result of :func:`evaluate`: one :class:`ServiceEvaluation` per service area.

    Behaves as a read-only mapping ``service_id -> ServiceEvaluation``. ``derived`` maps each
    criterion derived from the economics (``[derived]`` in the assessment) to the evaluated
    service areas where it is derived (empty when every score is judged). ``catalogue`` is the
    catalogue the options were checked against (the assessment's), which the analyses that
    start from an evaluation (:func:`samvalg.allocation.allocate_hosts`) use. ``bundles``
    maps each bundle of the assessment (``[bundles.<id>]``) whose members were all evaluated
    to its :class:`BundleEvaluation`; the mapping itself stays ``service_id ->
    ServiceEvaluation``.
    """

    method: str
    title: str
    illustrative: bool
    services: Mapping[str, ServiceEvaluation]
    weight_provenance: Mapping[str, Any] = field(default_factory=dict)
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    catalogue: Catalogue | None = field(default=None, repr=False, compare=False)
    bundles: Mapping[str, BundleEvaluation] = field(default_factory=dict)

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
            "bundles": {k: v.to_dict() for k, v in self.bundles.items()},
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
        for bev in self.bundles.values():
            rec = bev.recommendation or "–"
            whether = bev.views.get("whether")
            order = " › ".join(whether.order[:3]) if whether is not None else ""
            members = " + ".join(bev.members)
            rows.append(
                f"<tr><td>{html.escape(bev.name_nb)} (pakke: {html.escape(members)})</td>"
                f"<td><b>{html.escape(rec)}</b></td><td>{html.escape(order)}</td></tr>"
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
        for bid, bev in self.bundles.items():
            lines.append(f"  {bid} ({' + '.join(bev.members)}): {bev.recommendation}")
        return "\n".join(lines)
