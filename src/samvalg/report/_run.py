"""Run the briefing's analyses (and draw its figures), in forked worker processes when there
are two or more CPUs.

Analyses used (each shown in the briefing): :func:`samvalg.evaluate` (both questions, legal
feasibility), :func:`samvalg.smaa.smaa_service` (robustness, SMAA-2),
:func:`samvalg.sensitivity.sensitivity_service` (what would change the answer),
:func:`samvalg.allocation.allocate_hosts` (balanced hosting), :mod:`samvalg.economics`
(baseline, scenarios, cost-sharing keys) and :func:`samvalg.group.agreement` (stakeholders).
:func:`analyse` returns them in one dictionary the sections read.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from typing import TYPE_CHECKING, Any

from samvalg.errors import SamvalgError
from samvalg.report._figures import (
    FigureSpec,
    draw,
    global_figure_specs,
    prepare,
    service_figure_specs,
)
from samvalg.report._pool import can_fork, forked_pool, jobs
from samvalg.report._settings import KEYS, MAX_SHARE, NO_COOP, SMAA_SETTINGS

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.catalogue import Catalogue
    from samvalg.evaluation import Evaluation, ServiceEvaluation

__all__ = ["Progress", "analyse", "rec_view"]

#: A progress callback: ``progress(stage, done, total)`` (see :func:`analyse`).
Progress = Callable[[str, int, int], None]


def rec_view(sev: ServiceEvaluation) -> str | None:
    """The view whose best option is the recommendation (``ServiceEvaluation.recommendation``)."""
    whether = sev.views.get("whether")
    first = whether.best if whether is not None else None
    if first is not None and first.split(":")[0] in NO_COOP:
        return "whether"
    for key in ("form", "combined", "whether"):
        view = sev.views.get(key)
        if view is not None and view.best is not None:
            return key
    return None


#: Shared with forked worker processes (set before the pool starts, read in the child).
_JOB: dict[str, Any] = {}


def _service_analysis(
    assessment: Assessment,
    ev: Evaluation,
    sid: str,
    n: int,
    seed: int,
    method: str,
    cat: Catalogue,
) -> dict[str, Any]:
    from samvalg.law import feasibility
    from samvalg.methods import METHODS
    from samvalg.sensitivity import sensitivity_service, service_weight_sweeps
    from samvalg.smaa import smaa_service

    sev = ev[sid]
    key = rec_view(sev)
    svc: dict[str, Any] = {"view": key, "smaa": {}, "sensitivity": None}
    svc["feasibility"] = {opt: feasibility(sid, opt, catalogue=cat) for opt in sev.feasibility}
    views = [] if key is None else [key]
    if "whether" not in views and sev.views["whether"].feasible.any():
        views.append("whether")
    for v in views:
        svc["smaa"][v] = smaa_service(
            assessment, sid, view=v, n=n, seed=seed, method=method, **SMAA_SETTINGS
        )
    if key is not None:
        sens = sensitivity_service(assessment, sid, view=key, method=method)
        svc["sensitivity"] = sens
        # the live what-if of index.html: every weight sweep of each of samvalg's own methods
        svc["whatif"] = {
            m: {**sens.criterion_sweeps, **sens.set_sweeps}
            if m == sens.method
            else service_weight_sweeps(assessment, sid, view=key, method=m)
            for m in METHODS
        }
    return svc


def _figure_job(spec: FigureSpec) -> tuple[str, tuple[str, bytes | None] | None]:
    """One unit of work: draw one figure; its id and (SVG, PNG or None)."""
    fig_id, kind, args = spec
    j = _JOB
    return fig_id, draw(kind, args, j["lang"], j["ev"], j["assessment"], j["png"])


def _analysis_job(sid: str) -> tuple[str, dict[str, Any]]:
    """One unit of work: a service area's analyses (SMAA-2, sensitivity, feasibility)."""
    j = _JOB
    return sid, _service_analysis(
        j["assessment"], j["ev"], sid, j["n"], j["seed"], j["method"], j["cat"]
    )


def _shared_analyses(
    assessment: Assessment, ev: Evaluation, cat: Catalogue, method: str, office_hosts: bool
) -> dict[str, Any]:
    """Balanced hosting, the economics and stakeholder agreement (run in the main process,
    while the workers run the service areas)."""
    from samvalg import economics
    from samvalg.allocation import allocate_hosts

    out: dict[str, Any] = {"office_hosts": office_hosts}
    # balanced hosting
    try:
        # Every area is planned: without FTE for all, the balance counts areas, and then the
        # bound is the most even split (at most ceil(N/H) of N areas each); a KO's office
        # municipality counts as hosting unless the user says otherwise.
        alloc = allocate_hosts(
            ev, MAX_SHARE, missing_fte="areas", view="form", office_hosts=office_hosts
        )
        if alloc.measure == "areas":
            n_areas, n_munis = len(alloc.choice), len(alloc.hosted_fte)
            even = math.ceil(n_areas / n_munis) / n_areas
            if even < MAX_SHARE:
                alloc = allocate_hosts(
                    ev, even, missing_fte="areas", view="form", office_hosts=office_hosts
                )
        out["allocation"] = alloc
        out["allocation_error"] = None
    except SamvalgError as exc:
        out["allocation"] = None
        out["allocation_error"] = str(exc)
    # economics (from the case's staffing tables; independent of the scores)
    # The scenarios are the case's own savings evidence ([case] in the catalogue); a case
    # without any gets no scenarios and no cost comparison after savings.
    econ = economics
    base = econ.baseline(cat)
    case_scen = econ.case_scenarios(cat)
    scen = None
    comparisons = []
    comparison_id = None
    if case_scen:
        scen = econ.scenario_analysis(
            base, scenarios=list(case_scen.values()), key="population", catalogue=cat
        )
        examples = [s for s in case_scen if s not in ("low", "high")]
        comparison_id = examples[0] if examples else "low"
        before = base.nok_by_municipality()
        after_total = sum(before.values()) - scen[comparison_id].nok_saved_full
        comparisons = [econ.compare_costs(before, after_total, k, catalogue=cat) for k in KEYS]
    out["economics"] = {
        "baseline": base,
        "scenarios": scen,
        "control": None if scen is None else econ.cost_control(scen),
        "comparison": comparison_id,
        "comparisons": comparisons,
    }
    # stakeholder agreement (when the assessment has stakeholders with their own weights)
    out["agreement"] = {}
    out["agreement_error"] = None
    if getattr(assessment, "stakeholders", None):
        from samvalg.group import agreement

        by_view: dict[str, list[str]] = {}
        for sid, sev in ev.items():
            key = rec_view(sev)
            if key is not None:
                by_view.setdefault(key, []).append(sid)
        try:
            for key, group_sids in by_view.items():
                g = agreement(assessment, view=key, method=method, services=group_sids)
                for sid in group_sids:
                    out["agreement"][sid] = g[sid]
        except SamvalgError as exc:
            out["agreement"] = {}
            out["agreement_error"] = str(exc)
    return out


def analyse(
    assessment: Assessment,
    n: int,
    seed: int,
    method: str,
    lang: str,
    figures: bool,
    png: bool = False,
    progress: Progress | None = None,
    office_hosts: bool = True,
) -> dict[str, Any]:
    """Every analysis of the briefing, and its figures (SVG; and PNG when ``png``).

    With two or more CPUs the work runs in up to two forked worker processes as small units:
    one per service area's analyses (each service's SMAA-2 has its own seeded generator, so
    the numbers do not depend on where it runs) and one per figure, queued as soon as the
    results it draws are known, so that neither worker waits long for the other at the end.
    The main process meanwhile computes the hosting plan, the economics and the agreement.

    ``progress(stage, done, total)``, if given, is called in this process as units finish:
    stage ``"analyses"`` while service areas are being analysed, then ``"figures"``; ``done``
    and ``total`` count the units of both stages (a service area not yet analysed counts one
    figure, for its total is not known before).
    """
    from samvalg.evaluation import evaluate

    cat = assessment.catalogue
    ev = evaluate(assessment, method=method)
    out: dict[str, Any] = {"catalogue": cat, "evaluation": ev, "services": {}, "figures": {}}
    _JOB.update(
        assessment=assessment, ev=ev, n=n, seed=seed, method=method, cat=cat, lang=lang, png=png
    )
    if figures:
        prepare()  # before the fork: the workers inherit matplotlib and the loaded font
    # Before the fork too: the modules of the workers' results. Otherwise the pool's result
    # thread imports them while unpickling, and a Ctrl-C that breaks an import in the main
    # thread can leave it waiting on an import lock for ever.
    import samvalg.sensitivity._results
    import samvalg.smaa._results  # noqa: F401

    services: dict[str, dict[str, Any]] = {}

    def tell(stage: str, done: int, known_figures: int) -> None:
        if progress is not None:
            pending_figures = (len(ev) - len(services)) if figures else 0
            progress(stage, done, len(ev) + max(known_figures, 0) + pending_figures)

    try:
        workers = jobs(len(ev) + 1)
        if workers > 1 and can_fork():
            with forked_pool(workers) as pool:
                pending = [pool.submit(_analysis_job, sid) for sid in ev]
                drawn: list[Future[tuple[str, tuple[str, bytes | None] | None]]] = []
                if figures:
                    drawn += [
                        pool.submit(_figure_job, s)
                        for s in global_figure_specs(assessment, None, None)
                    ]
                out.update(_shared_analyses(assessment, ev, cat, method, office_hosts))
                if figures:
                    drawn += [
                        pool.submit(_figure_job, s)
                        for s in global_figure_specs(
                            assessment, out["allocation"], out["economics"]
                        )
                    ]
                for done in as_completed(pending):
                    sid, svc = done.result()
                    services[sid] = svc
                    if figures:
                        drawn += [
                            pool.submit(_figure_job, s) for s in service_figure_specs(ev, sid, svc)
                        ]
                    tell("analyses", len(services), len(drawn))
                for k, d in enumerate(as_completed(drawn)):
                    d.result()
                    tell("figures", len(services) + k + 1, len(drawn))
                out["figures"].update(d.result() for d in drawn)  # in a fixed order
        else:
            for sid in ev:
                services.update([_analysis_job(sid)])
                tell("analyses", len(services), 0)
            out.update(_shared_analyses(assessment, ev, cat, method, office_hosts))
            if figures:
                specs = [
                    *global_figure_specs(assessment, None, None),
                    *global_figure_specs(assessment, out["allocation"], out["economics"]),
                ]
                for sid in ev:
                    specs += service_figure_specs(ev, sid, services[sid])
                for k, spec in enumerate(specs):
                    out["figures"].update([_figure_job(spec)])
                    tell("figures", len(services) + k + 1, len(specs))
    finally:
        _JOB.clear()
    out["services"] = {sid: services[sid] for sid in ev}
    out["figures"] = {k: v for k, v in out["figures"].items() if v is not None}
    out["bundles"] = {
        bid: _bundle_analysis(assessment, ev, bid, n, seed, method) for bid in ev.bundles
    }
    return out


def _bundle_analysis(
    assessment: Assessment, ev: Evaluation, bid: str, n: int, seed: int, method: str
) -> dict[str, Any]:
    """A bundle's SMAA-2 (the same settings as a service area's) and sensitivity, on the
    view of its recommendation (:mod:`samvalg.smaa._bundle`, :mod:`samvalg.sensitivity._bundle`)."""
    from samvalg.methods import METHODS
    from samvalg.sensitivity import sensitivity_bundle
    from samvalg.smaa import smaa_bundle

    bev = ev.bundles[bid]
    key = rec_view(bev)
    out: dict[str, Any] = {"view": key, "smaa": {}, "sensitivity": None}
    if key is None:
        return out
    out["smaa"][key] = smaa_bundle(
        assessment, bid, view=key, n=n, seed=seed, method=method, **SMAA_SETTINGS
    )
    try:
        out["sensitivity"] = sensitivity_bundle(assessment, bid, view=key, method=method)
    except SamvalgError:  # score sensitivity not exact for this method: the sweeps alone
        out["sensitivity"] = sensitivity_bundle(
            assessment, bid, view=key, method=method, scores=False
        )
    # the live what-if of index.html: the bundle's weight sweeps of each of samvalg's methods
    sens = out["sensitivity"]
    whatif = {}
    for m in METHODS:
        s = (
            sens
            if m == sens.method
            else sensitivity_bundle(assessment, bid, view=key, method=m, scores=False)
        )
        whatif[m] = {**s.criterion_sweeps, **s.set_sweeps}
    out["whatif"] = whatif
    return out
