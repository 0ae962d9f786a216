"""Build the council briefing from an assessment: run the analyses, collect every number, write
the words.

Analyses used (each shown in the briefing): :func:`samvalg.evaluate` (both questions, legal
feasibility), :func:`samvalg.smaa.smaa_service` (robustness, SMAA-2),
:func:`samvalg.sensitivity.sensitivity_service` (what would change the answer),
:func:`samvalg.allocation.allocate_hosts` (balanced hosting), :mod:`samvalg.economics`
(baseline, scenarios, cost-sharing keys).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import multiprocessing
import os
import sys
import warnings
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np

from samvalg._format import fmt_number, fmt_percent
from samvalg.errors import SamvalgError
from samvalg.report._figures import FigureMaker, available, prepare
from samvalg.report._model import (
    Block,
    Briefing,
    BulletList,
    Callout,
    DefinitionList,
    Figure,
    Paragraph,
    Section,
    Table,
)
from samvalg.report._text import t
from samvalg.text.agreement import answer_text, service_agreement_record
from samvalg.text.economics import key_text, scenario_analysis_record
from samvalg.text.smaa import service_smaa_record
from samvalg.text.voting import scheme_text

__all__ = ["SMAA_SETTINGS", "build_briefing", "input_fingerprint"]

#: How the briefing samples for SMAA-2 (passed to :func:`samvalg.smaa.smaa_service`).
SMAA_SETTINGS: dict[str, Any] = {
    "weight_info": "elicited",
    "score_uncertainty": "triangular",
    "hierarchy": "levels",
}
#: Dirichlet concentration used with ``weight_info="elicited"`` (smaa's default).
SMAA_CONCENTRATION = 50.0
#: Bound on one municipality's share of the hosted FTE in the balanced plan.
MAX_SHARE = 0.5
#: Rows of the threshold tornado per service area: the weights closest to a rank reversal
#: (every threshold is in data.json and the text). 0 leaves the tornado out, the default: with
#: it, the example's briefing takes 20-22 s on the reference 2-core machine, over the 20 s
#: budget (issue 6); notebook 03 draws it (samvalg.plot.plot_thresholds). Set 10 to include it.
TORNADO_ROWS = 0

_NO_COOP = ("egen_drift", "fagnettverk")
_KEYS: tuple[Any, ...] = ("population", "equal", {"equal": 0.5, "population": 0.5})


# --------------------------------------------------------------------------------------------
# helpers


def _plain(x: Any) -> Any:
    """JSON-ready plain Python: NaN -> None, NumPy -> Python, tuples -> lists."""
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return _plain(x.tolist())
    if isinstance(x, np.bool_ | bool):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, float | np.floating):
        v = float(x)
        return None if math.isnan(v) or math.isinf(v) else v
    if x is None or isinstance(x, int | str):
        return x
    return str(x)


def input_fingerprint(assessment: Any, source_path: str | Path | None) -> dict[str, Any]:
    """Name and SHA-256 of the input file; for an assessment built in Python, the hash of its
    canonical JSON (:meth:`Assessment.to_dict`).

    Only the file's name is recorded, never the folder it is in (a path can name a person or
    a machine); the hash identifies the file.
    """
    if source_path is not None:
        path = Path(source_path)
        data = path.read_bytes()
        return {"kind": "file", "name": path.name, "sha256": hashlib.sha256(data).hexdigest()}
    text = json.dumps(assessment.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
    source = str(getattr(assessment, "source", ""))
    name = source if source.startswith("<") else Path(source).name
    return {
        "kind": "object",
        "name": name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }


class _Fmt:
    """Number formatting in the briefing's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def num(self, x: float, d: int = 2) -> str:
        return fmt_number(float(x), self.lang, d)

    def pct(self, x: float | None, d: int = 0) -> str:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "–"
        return fmt_percent(float(x), self.lang, d)

    def kr(self, x: float) -> str:
        return fmt_number(float(x), self.lang, 0)


def _robust_word(share: float, lang: str) -> str:
    if share >= 0.8:
        return t(lang, "robust_high")
    if share >= 0.5:
        return t(lang, "robust_mid")
    return t(lang, "robust_low")


def _rec_view(sev: Any) -> str | None:
    """The view whose best option is the recommendation (``ServiceEvaluation.recommendation``)."""
    whether = sev.views.get("whether")
    first = whether.best if whether is not None else None
    if first is not None and first.split(":")[0] in _NO_COOP:
        return "whether"
    for key in ("combined", "form", "whether"):
        view = sev.views.get(key)
        if view is not None and view.best is not None:
            return key
    return None


# --------------------------------------------------------------------------------------------
# the analyses


#: Shared with forked worker processes (set before the pool starts, read in the child).
_JOB: dict[str, Any] = {}

#: A figure to draw: (figure id, what to draw, its arguments); see :func:`_draw`.
FigureSpec = tuple[str, str, tuple[Any, ...]]


def _service_analysis(
    assessment: Any, ev: Any, sid: str, n: int, seed: int, method: str, cat: Any
) -> dict[str, Any]:
    from samvalg.law import feasibility
    from samvalg.sensitivity import sensitivity_service
    from samvalg.smaa import smaa_service

    sev = ev[sid]
    key = _rec_view(sev)
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
        svc["sensitivity"] = sensitivity_service(assessment, sid, view=key, method=method)
    return svc


def _tornado_rows(sens: Any) -> int:
    """How many weights the threshold tornado of ``sens`` shows."""
    return min(TORNADO_ROWS, len(sens.set_sweeps) + len(sens.criterion_sweeps))


def _service_figure_specs(ev: Any, sid: str, svc: Mapping[str, Any]) -> list[FigureSpec]:
    """A service area's figures, drawn from its analyses (value contributions, SMAA-2 rank
    acceptability, threshold tornado)."""
    key = svc["view"]
    if key is None:
        return []
    specs: list[FigureSpec] = []
    if ev[sid][key].contributions is not None:
        specs.append((f"{sid}_contributions", "contributions", (sid, key)))
    smaa = svc["smaa"].get(key)
    if smaa is not None:
        specs.append((f"{sid}_rank_acceptability", "rank_acceptability", (smaa,)))
    sens = svc["sensitivity"]
    if sens is not None and _tornado_rows(sens) > 0:
        specs.append((f"{sid}_thresholds", "thresholds", (sens, _tornado_rows(sens))))
    return specs


def _global_figure_specs(
    assessment: Any, allocation: Any, economics: Mapping[str, Any] | None
) -> list[FigureSpec]:
    """The figures of the summary and the weights section (``economics`` None: the weights
    figure only, before the allocation and the economics are known)."""
    if economics is None:
        if all(assessment.weights[s].vector is not None for s in assessment.set_ids):
            return [("weights", "weights", ())]
        return []
    specs: list[FigureSpec] = []
    if allocation is not None and available("plot_host_allocation"):
        specs.append(("host_allocation", "host_allocation", (allocation,)))
    if available("plot_cost_shares"):
        specs.append(("cost_shares", "cost_shares", (economics["comparisons"],)))
    return specs


def _draw(kind: str, args: tuple[Any, ...], lang: str) -> Any:
    """Draw one figure of the briefing with :mod:`samvalg.plot` (in a worker or in-process)."""
    from samvalg import plot as sp

    if kind == "contributions":
        sid, key = args
        return sp.plot_contributions(_JOB["ev"][sid][key], lang=lang, by="set")
    if kind == "rank_acceptability":
        return sp.plot_rank_acceptability(args[0], lang=lang)
    if kind == "thresholds":
        return sp.plot_thresholds(args[0], lang=lang, max_rows=args[1])
    if kind == "weights":
        return sp.plot_weights(_JOB["assessment"], lang=lang)
    if kind == "host_allocation":
        return sp.plot_host_allocation(args[0], lang=lang)
    if kind == "cost_shares":
        return sp.plot_cost_shares(args[0], lang=lang)
    raise SamvalgError(f"internal: unknown briefing figure {kind!r}")


def _figure_job(spec: FigureSpec) -> tuple[str, tuple[str, bytes] | None]:
    """One unit of work: draw one figure; its id and (SVG, PNG)."""
    fig_id, kind, args = spec
    lang = _JOB["lang"]
    with FigureMaker(True) as maker:
        return fig_id, maker.render(fig_id, lambda: _draw(kind, args, lang))


def _analysis_job(sid: str) -> tuple[str, dict[str, Any]]:
    """One unit of work: a service area's analyses (SMAA-2, sensitivity, feasibility)."""
    j = _JOB
    return sid, _service_analysis(
        j["assessment"], j["ev"], sid, j["n"], j["seed"], j["method"], j["cat"]
    )


def _parent_death_signal() -> Any:
    """Linux ``prctl`` (looked up before the fork, so that a worker only calls it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover
        return None


def _worker_init(parent: int, prctl: Any) -> None:
    """Start of a forked worker: die with the main process, leave Ctrl-C to it.

    A worker is killed by the kernel when the main process dies (``PR_SET_PDEATHSIG``, Linux)
    and, everywhere, ends itself within half a second once its parent is gone (a watchdog
    thread), so killing ``samvalg`` never leaves workers behind. SIGINT is ignored (the main
    process handles Ctrl-C and ends the pool) and SIGTERM ends the worker at once.
    """
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if prctl is not None:
        prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="samvalg-parent-watch", daemon=True).start()


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (on an error, Ctrl-C or SIGTERM): kill its workers, drop the queue."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        with contextlib.suppress(Exception):
            p.kill()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)
    # A worker killed while sending its result leaves half a message in the result pipe, and
    # the pool's manager thread would wait for the rest for ever (and the interpreter for it
    # at exit). With the workers gone, closing the pipe's write end here, its last holder,
    # gives that thread an end of file instead: it marks the pool broken and ends.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:  # ended before returning: nothing of the pool is left running
        manager.join(10)


def _jobs(count: int) -> int:
    """Worker processes: ``SAMVALG_JOBS`` if set, else up to 2 (never more than the CPUs)."""
    env = os.environ.get("SAMVALG_JOBS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return min(int(env), count)
    return max(1, min(2, os.cpu_count() or 1, count))


def _shared_analyses(assessment: Any, ev: Any, cat: Any, method: str) -> dict[str, Any]:
    """Balanced hosting, the economics and stakeholder agreement (run in the main process,
    while the workers run the service areas)."""
    from samvalg import economics
    from samvalg.allocation import allocate_hosts

    out: dict[str, Any] = {}
    # balanced hosting
    try:
        out["allocation"] = allocate_hosts(ev, MAX_SHARE, missing_fte="skip")
        out["allocation_error"] = None
    except SamvalgError as exc:
        out["allocation"] = None
        out["allocation_error"] = str(exc)
    # economics (from the case's staffing tables; independent of the scores)
    econ = economics
    base = econ.baseline(cat)
    scen = econ.scenario_analysis(base, key="population", catalogue=cat)
    before = base.nok_by_municipality()
    after_total = sum(before.values()) - scen["expected"].nok_saved_full
    out["economics"] = {
        "baseline": base,
        "scenarios": scen,
        "comparisons": [econ.compare_costs(before, after_total, k, catalogue=cat) for k in _KEYS],
    }
    # stakeholder agreement (when the assessment has stakeholders with their own weights)
    out["agreement"] = {}
    out["agreement_error"] = None
    if getattr(assessment, "stakeholders", None):
        from samvalg.group import agreement

        by_view: dict[str, list[str]] = {}
        for sid, sev in ev.items():
            key = _rec_view(sev)
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


def _analyse(
    assessment: Any, n: int, seed: int, method: str, lang: str, figures: bool
) -> dict[str, Any]:
    """Every analysis of the briefing, and its figures.

    With two or more CPUs the work runs in up to two forked worker processes as small units:
    one per service area's analyses (each service's SMAA-2 has its own seeded generator, so
    the numbers do not depend on where it runs) and one per figure, queued as soon as the
    results it draws are known, so that neither worker waits long for the other at the end.
    The main process meanwhile computes the hosting plan, the economics and the agreement.
    """
    from samvalg.catalogue import catalogue
    from samvalg.evaluation import evaluate

    cat = catalogue()
    ev = evaluate(assessment, method=method)
    out: dict[str, Any] = {"catalogue": cat, "evaluation": ev, "services": {}, "figures": {}}
    _JOB.update(assessment=assessment, ev=ev, n=n, seed=seed, method=method, cat=cat, lang=lang)
    if figures:
        prepare()  # before the fork: the workers inherit matplotlib and the loaded font
    # Before the fork too: the modules of the workers' results. Otherwise the pool's result
    # thread imports them while unpickling, and a Ctrl-C that breaks an import in the main
    # thread can leave it waiting on an import lock for ever.
    import samvalg.sensitivity._results
    import samvalg.smaa._results  # noqa: F401

    services: dict[str, dict[str, Any]] = {}
    try:
        workers = _jobs(len(ev) + 1)
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with warnings.catch_warnings():
                # Python >= 3.12 warns about fork() in a process with threads (OpenBLAS's);
                # the workers only compute and return, so the warning does not apply.
                warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
                ctx = multiprocessing.get_context("fork")
                pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=ctx,
                    initializer=_worker_init,
                    initargs=(os.getpid(), _parent_death_signal()),
                )
                try:
                    pending = [pool.submit(_analysis_job, sid) for sid in ev]
                    drawn = []
                    if figures:
                        drawn += [
                            pool.submit(_figure_job, s)
                            for s in _global_figure_specs(assessment, None, None)
                        ]
                    out.update(_shared_analyses(assessment, ev, cat, method))
                    if figures:
                        drawn += [
                            pool.submit(_figure_job, s)
                            for s in _global_figure_specs(
                                assessment, out["allocation"], out["economics"]
                            )
                        ]
                    for done in as_completed(pending):
                        sid, svc = done.result()
                        services[sid] = svc
                        if figures:
                            drawn += [
                                pool.submit(_figure_job, s)
                                for s in _service_figure_specs(ev, sid, svc)
                            ]
                    out["figures"].update(d.result() for d in drawn)
                except BaseException:
                    _end_pool(pool)
                    raise
                pool.shutdown(wait=True)
        else:
            services.update(_analysis_job(sid) for sid in ev)
            out.update(_shared_analyses(assessment, ev, cat, method))
            if figures:
                specs = [
                    *_global_figure_specs(assessment, None, None),
                    *_global_figure_specs(assessment, out["allocation"], out["economics"]),
                ]
                for sid in ev:
                    specs += _service_figure_specs(ev, sid, services[sid])
                out["figures"].update(_figure_job(s) for s in specs)
    finally:
        _JOB.clear()
    out["services"] = {sid: services[sid] for sid in ev}
    out["figures"] = {k: v for k, v in out["figures"].items() if v is not None}
    return out


# --------------------------------------------------------------------------------------------
# the builder


class _Builder:
    def __init__(
        self,
        assessment: Any,
        res: dict[str, Any],
        lang: str,
        n: int,
        seed: int,
        method: str,
        fig: FigureMaker,
    ) -> None:
        from samvalg.methods import get_method
        from samvalg.catalogue._labels import criterion_label, option_label, service_label, set_label

        self.a = assessment
        self.res = res
        self.ev = res["evaluation"]
        self.cat = res["catalogue"]
        self.lang = lang
        self.n = n
        self.seed = seed
        self.method = method
        self.spec = get_method(method)
        self.f = _Fmt(lang)
        self.fig = fig
        self.figures_shown: list[str] = []
        self._opt = option_label
        self._svc = service_label
        self._crit = criterion_label
        self._set = set_label

    # labels
    def opt(self, o: str | None) -> str:
        return t(self.lang, "none_feasible") if o is None else self._opt(o, self.lang, self.cat)

    def svc(self, s: str) -> str:
        return self._svc(s, self.lang, self.cat)

    def crit(self, c: str) -> str:
        return self._crit(c, self.lang, self.cat)

    def setname(self, s: str) -> str:
        return self._set(s, self.lang, self.cat)

    def muni(self, m: str) -> str:
        mm = self.cat.municipalities.get(m)
        return m if mm is None else str(mm.name)

    def status(self, f: Any) -> str:
        text = t(self.lang, f"status_{f.status}")
        if f.uncertain:
            text += t(self.lang, "status_uncertain")
        return text

    def figure(self, fig_id: str, draw: Any, caption: str, alt: str) -> Figure | None:
        out = self.fig.make(fig_id, draw, caption, alt, self.res["figures"].get(fig_id))
        if out is not None:
            self.figures_shown.append(fig_id)
        return out

    # --- per-service numbers ------------------------------------------------------------
    def first_rank(self, sid: str, option: str | None) -> tuple[float | None, float | None]:
        svc = self.res["services"][sid]
        key = svc["view"]
        if option is None or key is None or key not in svc["smaa"]:
            return None, None
        s = svc["smaa"][key]
        if option not in s.options:
            return None, None
        i = s.options.index(option)
        return float(s.result.first_rank[i]), _plain(float(s.result.confidence[i]))

    def coop_share(self, sid: str) -> float | None:
        s = self.res["services"][sid]["smaa"].get("whether")
        if s is None:
            return None
        b1 = s.result.first_rank
        return float(sum(b1[i] for i, o in enumerate(s.options) if o.split(":")[0] not in _NO_COOP))

    # --- sections -----------------------------------------------------------------------
    def cover(self, fingerprint: Mapping[str, Any]) -> Section:
        from samvalg._version import __version__

        lang = self.lang
        meta = self.a.meta
        items = [(t(lang, "k_assessment"), meta.title)]
        if meta.date is not None:
            items.append((t(lang, "k_date"), meta.date.isoformat()))
        if meta.authors:
            items.append((t(lang, "k_authors"), ", ".join(meta.authors)))
        items += [
            (t(lang, "k_method"), self.spec.label_nb if lang == "nb" else self.spec.label_en),
            (t(lang, "k_robust"), t(lang, "k_robust_v", n=self.f.kr(self.n), seed=self.seed)),
            (
                t(lang, "k_input"),
                fingerprint["name"] if fingerprint["kind"] == "file" else t(lang, "k_not_file"),
            ),
            (t(lang, "k_hash"), fingerprint["sha256"]),
            (t(lang, "k_version"), __version__),
        ]
        blocks: list[Block | Section] = []
        if meta.description:
            blocks.append(Paragraph(meta.description))
        blocks += [DefinitionList(tuple(items)), Paragraph(t(lang, "how_to_read"))]
        return Section("about", t(lang, "cover"), tuple(blocks))

    def summary(self) -> tuple[Section, list[dict[str, Any]]]:
        lang, f = self.lang, self.f
        rows = []
        data = []
        for sid, sev in self.ev.items():
            rec = sev.recommendation
            b1, cf = self.first_rank(sid, rec)
            coop = self.coop_share(sid)
            feas = self.res["services"][sid]["feasibility"].get(rec) if rec else None
            coop_yes = sev.cooperate
            coop_text = "–" if coop_yes is None else t(lang, "yes" if coop_yes else "no")
            if coop is not None and coop_yes is not None:
                coop_text = t(
                    lang, "coop_share", yes=coop_text, share=f.pct(coop if coop_yes else 1 - coop)
                )
            rows.append(
                (
                    self.svc(sid),
                    self.opt(rec),
                    coop_text,
                    f.pct(b1),
                    f.pct(cf),
                    "–" if b1 is None else _robust_word(b1, lang),
                    "–" if feas is None else self.status(feas),
                )
            )
            data.append(
                {
                    "service": sid,
                    "name": self.svc(sid),
                    "recommendation": rec,
                    "recommendation_label": self.opt(rec),
                    "view": self.res["services"][sid]["view"],
                    "cooperate": coop_yes,
                    "cooperate_share": coop,
                    "first_rank_acceptability": b1,
                    "confidence_factor": cf,
                    "legal_status": None if feas is None else feas.status,
                    "legal_uncertain": None if feas is None else bool(feas.uncertain),
                    "conditions": []
                    if feas is None
                    else list(feas.conditions if lang == "nb" else feas.conditions_en),
                }
            )
        table = Table(
            header=(
                t(lang, "h_service"),
                t(lang, "h_recommend"),
                t(lang, "h_cooperate"),
                t(lang, "h_first"),
                t(lang, "h_conf"),
                t(lang, "h_robust"),
                t(lang, "h_legal"),
            ),
            rows=tuple(rows),
            align=("l", "l", "l", "r", "r", "l", "l"),
            note=t(lang, "summary_note", n=f.kr(self.n)),
        )
        blocks: list[Block | Section] = [Paragraph(t(lang, "summary_intro")), table]
        conds = []
        for d in data:
            for c in d["conditions"]:
                conds.append(f"{d['name']}: {c}")
        if conds:
            blocks.append(BulletList(tuple(conds)))
        blocks.extend(self.agreement_summary())
        blocks.append(self.hosts())
        blocks.append(self.economics())
        return Section("summary", t(lang, "summary"), tuple(blocks)), data

    def agreement_summary(self) -> list[Block | Section]:
        lang = self.lang
        agr = self.res["agreement"]
        if not agr:
            err = self.res["agreement_error"]
            return [Paragraph(t(lang, "agr_error", error=err) if err else t(lang, "agr_none"))]
        same = [sid for sid, g in agr.items() if g.unanimous]
        differ = [sid for sid in agr if sid not in same]
        names = next(iter(agr.values())).names
        text = t(
            lang,
            "agr_summary",
            k=len(same),
            total=len(agr),
            who=", ".join(names),
            same=", ".join(self.svc(s) for s in same) or "–",
            differ=", ".join(self.svc(s) for s in differ) or "–",
        )
        out: list[Block | Section] = [Paragraph(text)]
        for sid, g in agr.items():
            rec = self.ev[sid].recommendation
            if g.group_top is not None and rec is not None and g.group_top != rec:
                out.append(
                    Paragraph(
                        t(
                            lang,
                            "agr_group_differs",
                            service=self.svc(sid),
                            group=self.opt(g.group_top),
                            rec=self.opt(rec),
                        )
                    )
                )
        return out

    def hosts(self) -> Section:
        lang, f = self.lang, self.f
        munis = list(self.cat.municipalities)
        rec_hosted: dict[str, list[str]] = {m: [] for m in munis}
        for sid, sev in self.ev.items():
            host = (sev.recommendation or "").partition(":")[2]
            if host in rec_hosted:
                rec_hosted[host].append(self.svc(sid))
        alloc = self.res["allocation"]
        header = [t(lang, "h_municipality"), t(lang, "h_hosted_rec")]
        if alloc is not None:
            header += [t(lang, "h_hosted_bal"), t(lang, "h_fte_bal")]
        rows = []
        for m in munis:
            row = [
                self.muni(m),
                f"{len(rec_hosted[m])}: " + ", ".join(rec_hosted[m]) if rec_hosted[m] else "0",
            ]
            if alloc is not None:
                bal = [self.svc(s) for s, o in alloc.choice.items() if o.partition(":")[2] == m]
                row += [
                    f"{len(bal)}: " + ", ".join(bal) if bal else "0",
                    f.num(alloc.hosted_fte.get(m, 0.0), 2),
                ]
            rows.append(tuple(row))
        blocks: list[Block | Section] = [
            Paragraph(t(lang, "hosts_intro")),
            Table(tuple(header), tuple(rows), align=("l", "l", "l", "r")[: len(header)]),
        ]
        if alloc is None:
            blocks.append(
                Callout("warning", t(lang, "alloc_failed", error=self.res["allocation_error"]))
            )
        else:
            blocks.append(
                Paragraph(
                    t(
                        lang,
                        "alloc_text",
                        share=f.pct(alloc.max_share),
                        given_up=f.num(alloc.value_given_up, 3),
                        value=f.num(alloc.value, 3),
                        free=f.num(alloc.unconstrained_value, 3),
                        largest=f.pct(alloc.largest_share, 1),
                    )
                )
            )
            changes = [
                f"{self.svc(s)} ({self.opt(self.ev[s].recommendation)} → {self.opt(o)})"
                for s, o in alloc.choice.items()
                if o != self.ev[s].recommendation
            ]
            blocks.append(
                Paragraph(
                    t(lang, "alloc_changes", changes="; ".join(changes))
                    if changes
                    else t(lang, "alloc_same")
                )
            )
            if alloc.skipped:
                blocks.append(
                    Paragraph(
                        t(
                            lang,
                            "alloc_skipped",
                            services=", ".join(self.svc(s) for s in alloc.skipped),
                        ),
                        small=True,
                    )
                )
            if available("plot_host_allocation"):
                from samvalg.plot import plot_host_allocation

                fig = self.figure(
                    "host_allocation",
                    lambda: plot_host_allocation(alloc, lang=lang),
                    t(lang, "hosts_fig"),
                    t(lang, "hosts"),
                )
                if fig is not None:
                    blocks.append(fig)
        return Section("hosts", t(lang, "hosts"), tuple(blocks))

    def economics(self) -> Section:
        lang, f = self.lang, self.f

        econ = self.res["economics"]
        base = econ["baseline"]
        scen = econ["scenarios"]
        comps = econ["comparisons"]
        header = [t(lang, "h_municipality"), t(lang, "h_today")]
        header += [t(lang, "h_after_key", key=key_text(c.key, lang)) for c in comps]
        rows = []
        for m in base.municipalities:
            row = [self.muni(m), f.kr(comps[0][m].before)]
            for c in comps:
                r = c[m]
                row.append(f.kr(r.after) + (" ⚠" if r.pays_more else ""))
            rows.append(tuple(row))
        blocks: list[Block | Section] = [
            Paragraph(
                t(
                    lang,
                    "econ_intro",
                    total=f.kr(base.total_nok),
                    fte=f.num(float(base.total_fte), 1),
                )
            ),
            Table(tuple(header), tuple(rows), align=("l",) + ("r",) * (len(header) - 1)),
        ]
        more = [(c, c.pays_more) for c in comps if c.pays_more]
        if more:
            for c, munis in more:
                blocks.append(
                    Paragraph(
                        t(
                            lang,
                            "econ_pays_more",
                            key=key_text(c.key, lang),
                            munis=", ".join(self.muni(m) for m in munis),
                        ),
                        small=True,
                    )
                )
        else:
            blocks.append(Paragraph(t(lang, "econ_nobody_more"), small=True))
        srows = []
        for r in scen.scenarios.values():
            srows.append(
                (
                    r.scenario.label_nb if lang == "nb" else r.scenario.label_en,
                    f.num(r.fte_saved_full, 1),
                    f.kr(r.nok_saved_full),
                    f.kr(r.present_value),
                    t(lang, "never") if r.payback_year is None else str(r.payback_year),
                )
            )
        rate = scen.discount_rate
        blocks.append(
            Table(
                (
                    t(lang, "h_scenario"),
                    t(lang, "h_fte_saved"),
                    t(lang, "h_nok_saved"),
                    t(lang, "h_pv"),
                    t(lang, "h_payback"),
                ),
                tuple(srows),
                align=("l", "r", "r", "r", "r"),
                caption=t(
                    lang,
                    "scen_caption",
                    h=scen.horizon,
                    rate=f.pct(rate, 0) if isinstance(rate, float) else str(rate),
                ),
                note=t(
                    lang,
                    "scen_note",
                    phase=", ".join(f.pct(p) for p in scen.phase_in),
                    est=f.kr(scen.establishment.total),
                ),
            )
        )
        if available("plot_cost_shares"):
            from samvalg.plot import plot_cost_shares

            fig = self.figure(
                "cost_shares",
                lambda: plot_cost_shares(comps, lang=lang),
                t(lang, "econ_fig"),
                t(lang, "econ"),
            )
            if fig is not None:
                blocks.append(fig)
        return Section("economics", t(lang, "econ"), tuple(blocks))

    def weights(self) -> tuple[Section, dict[str, Any]]:
        lang, f = self.lang, self.f
        a = self.a
        set_w = a.set_weights()
        rows = []
        data: dict[str, Any] = {"sets": dict(set_w), "local": {}, "global": {}, "methods": {}}
        notes: list[str] = []
        for s in a.set_ids:
            rec = a.weights[s]
            rows.append((self.setname(s), f.pct(set_w[s]), self._wmethod(rec), self._winput(rec)))
            data["methods"][s] = {
                "method": rec.method,
                "input": _plain(dict(rec.input)),
                "note": rec.note,
            }
            if rec.vector is not None:
                data["local"][s] = rec.as_mapping()
                for c, w in rec.as_mapping().items():
                    data["global"][c] = float(set_w[s]) * w
            if rec.method == "ahp" and rec.result is not None:
                cr = float(rec.result.cr)
                data["methods"][s]["cr"] = cr
                notes.append(
                    f"{self.setname(s)}: "
                    + t(lang, "cr_ok" if cr <= 0.1 else "cr_bad", cr=f.num(cr, 3))
                )
        srec = a.weights["sets"]
        blocks: list[Block | Section] = [
            Paragraph(t(lang, "weights_intro")),
            Table(
                (
                    t(lang, "h_set"),
                    t(lang, "h_set_weight"),
                    t(lang, "h_method"),
                    t(lang, "h_input"),
                ),
                tuple(rows),
                align=("l", "r", "l", "l"),
                note=f"{t(lang, 'h_set_weight')}: {self._wmethod(srec)}.",
            ),
        ]
        for note in notes:
            blocks.append(Paragraph(note))
        if a.derived:
            blocks.append(Paragraph(self._derived_note(data)))
        # the criteria with their overall weights, largest first
        crow = sorted(data["global"].items(), key=lambda kv: -kv[1])
        blocks.append(
            Table(
                (t(lang, "h_criterion"), t(lang, "h_set"), t(lang, "h_local"), t(lang, "h_global")),
                tuple(
                    (
                        self.crit(c),
                        t(lang, "set_" + self.cat.criterion(c).set_id)
                        if "set_" + self.cat.criterion(c).set_id in _known_keys(lang)
                        else self.setname(self.cat.criterion(c).set_id),
                        f.pct(data["local"][self.cat.criterion(c).set_id][c], 1),
                        f.pct(w, 1),
                    )
                    for c, w in crow
                ),
                align=("l", "l", "r", "r"),
            )
        )
        if all(a.weights[s].vector is not None for s in a.set_ids):
            from samvalg.plot import plot_weights

            fig = self.figure(
                "weights",
                lambda: plot_weights(a, lang=lang),
                t(lang, "weights_fig"),
                t(lang, "weights"),
            )
            if fig is not None:
                blocks.insert(2, fig)
        return Section("weights", t(lang, "weights"), tuple(blocks), page_break=True), data

    def _derived_note(self, data: dict[str, Any]) -> str:
        """Which criteria are derived from the economics, how and where (data["derived"])."""
        lang, f, a = self.lang, self.f, self.a
        econ = a.economics
        h = econ.horizon if econ is not None else 10
        rate = econ.discount_rate if econ is not None else 0.04
        items = []
        data["derived"] = {}
        for c, d in a.derived.items():
            where = [s for s in d.services if s in a.services]
            data["derived"][c] = {
                "measure": d.measure,
                "services": where,
                "input": _plain(dict(d.input)),
            }
            items.append(
                f"{self.crit(c)} ({t(lang, 'derived_' + d.measure)}: "
                f"{', '.join(self.svc(s) for s in where)})"
            )
        return t(
            lang,
            "derived_note",
            items="; ".join(items),
            h=h,
            rate=f.pct(rate, 0) if isinstance(rate, float) else str(rate),
        )

    def _wmethod(self, rec: Any) -> str:
        lang = self.lang
        m = rec.method
        if m == "rank":
            return t(lang, "w_rank", formula=str(rec.input.get("formula", "roc")).upper())
        if m == "objective":
            return t(lang, "w_objective", measure=str(rec.input.get("measure", "")))
        return t(lang, f"w_{m}") if f"w_{m}" in _known_keys(lang) else m

    def _winput(self, rec: Any) -> str:
        f = self.f
        inp = rec.input
        if rec.method == "points":
            pts = inp.get("points", {})
            return ", ".join(f"{self._label_any(k)} {f.num(v, 0)}" for k, v in pts.items())
        if rec.method == "swing":
            sw = inp.get("swing", {})
            return ", ".join(f"{self._label_any(k)} {f.num(v, 0)}" for k, v in sw.items())
        if rec.method == "ahp":
            k = len(inp.get("criteria", []))
            return f"{k}×{k} (Saaty 1–9)"
        if rec.method == "rank":
            return " > ".join(
                " = ".join(self._label_any(x) for x in item)
                if isinstance(item, list)
                else self._label_any(item)
                for item in inp.get("ranking", [])
            )
        return "–"

    def _label_any(self, key: str) -> str:
        if key in self.cat.criteria_sets:
            return self.setname(key)
        try:
            return self.crit(key)
        except (KeyError, SamvalgError):  # an id outside the catalogue is shown as is
            return key

    # --- one service --------------------------------------------------------------------
    def service(self, sid: str) -> tuple[Section, dict[str, Any]]:
        lang, f = self.lang, self.f
        sev = self.ev[sid]
        svc = self.res["services"][sid]
        rec = sev.recommendation
        key = svc["view"]
        blocks: list[Block | Section] = []
        data: dict[str, Any] = {"evaluation": _plain(sev.to_dict()), "view": key}
        if rec is None or key is None:
            blocks.append(Callout("warning", t(lang, "rec_none")))
        else:
            b1, _cf = self.first_rank(sid, rec)
            feas = svc["feasibility"][rec]
            value = sev[key].value_of(rec)
            robust = "–" if b1 is None else _robust_word(b1, lang)
            if self.method == "wsm":
                text = t(
                    lang,
                    "rec_text",
                    value=f.num(value, 3),
                    legal=self.status(feas),
                    share=f.pct(b1),
                    robust=robust,
                )
            else:
                text = t(
                    lang,
                    "rec_text_other",
                    method=self.method.upper(),
                    value=f.num(value, 3),
                    direction=self._direction(sev[key]),
                    legal=self.status(feas),
                    share=f.pct(b1),
                    robust=robust,
                )
            blocks.append(
                Callout("recommendation", t(lang, "rec_title", option=self.opt(rec)), text)
            )
        blocks.append(self._question(sid, "whether"))
        if key != "whether":
            blocks.append(self._question(sid, key or "combined"))
        blocks.append(self._legal(sid))
        if key is not None:
            blocks.append(self._contributions(sid, key))
            blocks.append(self._robustness(sid, key))
            sens_section, sens_data = self._sensitivity(sid)
            blocks.append(sens_section)
            data["sensitivity"] = sens_data
        blocks.append(self._agreement(sid))
        blocks.append(self._staffing(sid))
        data["smaa"] = {v: _plain(service_smaa_record(s)) for v, s in svc["smaa"].items()}
        data["feasibility"] = {o: _plain(fz.to_dict()) for o, fz in svc["feasibility"].items()}
        return Section(f"service-{sid}", self.svc(sid), tuple(blocks), page_break=True), data

    def _question(self, sid: str, key: str) -> Section:
        lang, f = self.lang, self.f
        sev = self.ev[sid]
        v = sev[key]
        rows = []
        emph = []
        for i, o in enumerate(v.order):
            j = v.options.index(o)
            if o == sev.recommendation:
                emph.append(i)
            rows.append(
                (
                    str(int(v.ranks[j])),
                    self.opt(o),
                    f.num(v.values[j], 3),
                    self.status(self.res["services"][sid]["feasibility"][o]),
                )
            )
        head_v = t(lang, "h_value") if v.higher_is_better else t(lang, "h_lower_better")
        title = t(lang, "q1") if key == "whether" else t(lang, "q2")
        note = (
            t(lang, "wsm_note")
            if self.method == "wsm"
            else t(lang, "other_note", method=self.method.upper(), direction=self._direction(v))
        )
        blocks: list[Block | Section] = [
            Paragraph(
                (t(lang, "q1_text") if key == "whether" else t(lang, "q2_text")) + " " + note
            ),
            Table(
                (t(lang, "h_rank"), t(lang, "h_option"), head_v, t(lang, "h_status")),
                tuple(rows),
                align=("r", "l", "r", "l"),
                emphasis=tuple(emph),
            ),
        ]
        if v.excluded and key != "whether":
            blocks.append(
                Paragraph(
                    t(lang, "not_ranked", options=", ".join(self.opt(o) for o in v.excluded)),
                    small=True,
                )
            )
        if key == "whether":
            share = self.coop_share(sid)
            if share is not None:
                blocks.append(
                    Paragraph(t(lang, "q1_robust", share=f.pct(share), rest=f.pct(1 - share)))
                )
        return Section(f"{sid}-{key}", title, tuple(blocks))

    def _direction(self, view: Any) -> str:
        return t(self.lang, "higher_better" if view.higher_is_better else "lower_better")

    def _legal(self, sid: str) -> Section:
        lang = self.lang
        groups: dict[tuple[Any, ...], list[str]] = {}
        for o, fz in self.res["services"][sid]["feasibility"].items():
            reasons = fz.reasons if lang == "nb" else fz.reasons_en
            conds = fz.conditions if lang == "nb" else fz.conditions_en
            key = (o.partition(":")[0], fz.status, fz.uncertain, tuple(reasons), tuple(conds))
            groups.setdefault(key, []).append(o)
        rows = []
        for (form, status, uncertain, reasons, conds), opts in groups.items():
            hosts = [o.partition(":")[2] for o in opts if ":" in o]
            label = self._opt(form, lang, self.cat)
            if hosts:
                label += " (" + ", ".join(self.muni(h) for h in hosts) + ")"
            mark = f" [{t(lang, 'uncertain_mark')}]" if uncertain else ""
            rows.append(
                (
                    label,
                    t(lang, f"status_{status}") + mark,
                    " ".join(reasons),
                    " ".join(conds) or "–",
                )
            )
        return Section(
            f"{sid}-legal",
            t(lang, "legal"),
            (
                Paragraph(t(lang, "legal_text")),
                Table(
                    (
                        t(lang, "h_option"),
                        t(lang, "h_status"),
                        t(lang, "h_reasons"),
                        t(lang, "h_conditions"),
                    ),
                    tuple(rows),
                    align=("l", "l", "l", "l"),
                ),
            ),
        )

    def _contributions(self, sid: str, key: str) -> Section:
        lang, f = self.lang, self.f
        v = self.ev[sid][key]
        if v.contributions is None:
            return Section(
                f"{sid}-contrib",
                t(lang, "contrib"),
                (Paragraph(t(lang, "contrib_missing", method=v.method.upper())),),
            )
        blocks: list[Block | Section] = []
        from samvalg.plot import plot_contributions

        fig = self.figure(
            f"{sid}_contributions",
            lambda: plot_contributions(v, lang=lang, by="set"),
            t(lang, "contrib_fig"),
            t(lang, "contrib") + ": " + self.svc(sid),
        )
        if fig is not None:
            blocks.append(fig)
        feasible_order = [o for o in v.order if v.feasible[v.options.index(o)]]
        if len(feasible_order) >= 2:
            a_opt, b_opt = feasible_order[0], feasible_order[1]
            ca = v.contributions[v.options.index(a_opt)]
            cb = v.contributions[v.options.index(b_opt)]
            diff = ca - cb
            idx = np.argsort(-np.abs(diff), kind="stable")[:8]
            rows = tuple(
                (self.crit(v.criteria[j]), f.num(ca[j], 3), f.num(cb[j], 3), f.num(diff[j], 3))
                for j in idx
            )
            blocks.append(Paragraph(t(lang, "contrib_text", gap=f.num(float(diff.sum()), 3))))
            blocks.append(
                Table(
                    (t(lang, "h_criterion"), self.opt(a_opt), self.opt(b_opt), t(lang, "h_diff")),
                    rows,
                    align=("l", "r", "r", "r"),
                    caption=t(lang, "contrib_table", a=self.opt(a_opt), b=self.opt(b_opt)),
                )
            )
        return Section(f"{sid}-contrib", t(lang, "contrib"), tuple(blocks))

    def _robustness(self, sid: str, key: str) -> Section:
        lang, f = self.lang, self.f
        s = self.res["services"][sid]["smaa"][key]
        r = s.result
        order = np.argsort(-r.first_rank, kind="stable")
        rows = tuple(
            (
                self.opt(s.options[i]),
                f.pct(r.first_rank[i], 1),
                f.pct(_plain(float(r.confidence[i])), 1),
            )
            for i in order
        )
        emph = tuple(k for k, i in enumerate(order) if s.options[i] == self.ev[sid].recommendation)
        blocks: list[Block | Section] = [
            Paragraph(t(lang, "robust_text", n=f.kr(self.n), kappa=f.num(SMAA_CONCENTRATION, 0))),
            Table(
                (t(lang, "h_option"), t(lang, "h_b1"), t(lang, "h_cf")),
                rows,
                align=("l", "r", "r"),
                emphasis=emph,
                note=t(lang, "summary_note", n=f.kr(self.n)).split(". ")[0] + ".",
            ),
        ]
        from samvalg.plot import plot_rank_acceptability

        fig = self.figure(
            f"{sid}_rank_acceptability",
            lambda: plot_rank_acceptability(s, lang=lang),
            t(lang, "robust_fig", n=f.kr(self.n)),
            t(lang, "robust_fig_alt") + ": " + self.svc(sid),
        )
        if fig is not None:
            blocks.append(fig)
        return Section(f"{sid}-robust", t(lang, "robust"), tuple(blocks))

    def _sensitivity(self, sid: str) -> tuple[Section, dict[str, Any]]:
        lang, f = self.lang, self.f
        sens = self.res["services"][sid]["sensitivity"]
        top = sens.top
        weight_lines: list[str] = []
        data: dict[str, Any] = {
            "view": sens.view,
            "top": top,
            "thresholds": [],
            "critical_scores": [],
        }
        for sw in sens.set_sweeps.values():
            data["thresholds"].append(_plain(_threshold_dict(sw)))
            for th, word in ((sw.decrease, "sens_down"), (sw.increase, "sens_up")):
                if th is not None:
                    weight_lines.append(
                        t(
                            lang,
                            "sens_set",
                            name=self.setname(sw.parameter),
                            current=f.pct(sw.current),
                            change=t(lang, word, w=f.pct(th.weight, 1)),
                            new=self.opt(th.new_top),
                        )
                    )
        if sens.set_sweeps and not weight_lines:
            weight_lines.append(t(lang, "sens_set_none"))
        # criterion weights: the three closest to a reversal (smallest absolute change)
        cands = []
        for sw in sens.criterion_sweeps.values():
            data["thresholds"].append(_plain(_threshold_dict(sw)))
            for th, word in ((sw.decrease, "sens_down"), (sw.increase, "sens_up")):
                if th is not None:
                    cands.append((abs(th.absolute), sw, th, word))
        cands.sort(key=lambda c: c[0])
        if cands:
            for _, sw, th, word in cands[:3]:
                weight_lines.append(
                    t(
                        lang,
                        "sens_crit",
                        name=self.crit(sw.parameter),
                        current=f.pct(sw.current, 1),
                        change=t(lang, word, w=f.pct(th.weight, 1)),
                        new=self.opt(th.new_top),
                    )
                )
        else:
            weight_lines.append(t(lang, "sens_crit_none"))
        score_lines = []
        for c in sens.scores.critical(3):
            data["critical_scores"].append(_plain(c))
            up = c["direction"] == "increase"
            new = self.opt(c["option"]) if c["option"] != top else t(lang, "sens_score_new_other")
            score_lines.append(
                t(
                    lang,
                    "sens_score",
                    option=self.opt(c["option"]),
                    name=self.crit(c["criterion"]),
                    score=f.num(c["score"], 0 if float(c["score"]).is_integer() else 2),
                    direction=t(lang, "sens_score_up" if up else "sens_score_down"),
                    change=f.num(c["change"], 2),
                    new=new,
                )
            )
        if not score_lines:
            score_lines.append(t(lang, "sens_score_none"))
        blocks: list[Block | Section] = [
            Paragraph(t(lang, "sens_text")),
            Paragraph(f"**{t(lang, 'sens_weights_h')}**"),
            BulletList(tuple(weight_lines)),
        ]
        rows_shown = _tornado_rows(sens)
        if rows_shown > 0:
            from samvalg.plot import plot_thresholds

            total = len(sens.set_sweeps) + len(sens.criterion_sweeps)
            which = (
                t(lang, "sens_fig_all")
                if rows_shown == total
                else t(lang, "sens_fig_some", rows=rows_shown, total=total)
            )
            fig = self.figure(
                f"{sid}_thresholds",
                lambda: plot_thresholds(sens, lang=lang, max_rows=rows_shown),
                t(lang, "sens_fig", which=which),
                t(lang, "sens_fig_alt") + ": " + self.svc(sid),
            )
            if fig is not None:
                blocks.append(fig)
        blocks += [Paragraph(f"**{t(lang, 'sens_scores_h')}**"), BulletList(tuple(score_lines))]
        return Section(f"{sid}-sens", t(lang, "sens"), tuple(blocks)), data

    def _agreement(self, sid: str) -> Section:
        lang, f = self.lang, self.f
        g = self.res["agreement"].get(sid)
        title = t(lang, "agr")
        if g is None:
            err = self.res["agreement_error"]
            return Section(
                f"{sid}-agreement",
                title,
                (Paragraph(t(lang, "agr_error", error=err) if err else t(lang, "agr_none")),),
            )
        rec = self.ev[sid].recommendation
        rows = []
        for i, (st_id, name) in enumerate(zip(g.stakeholders, g.names, strict=True)):
            top = g.top.get(st_id)
            rec_rank = "–"
            if rec in g.options:
                rec_rank = str(int(g.ranks[i, g.options.index(rec)]))
            rows.append((name, f.pct(g.voting.weights.get(st_id, 0.0)), self.opt(top), rec_rank))
        blocks: list[Block | Section] = [
            Paragraph(answer_text(g, lang)),
            Table(
                (
                    t(lang, "h_stakeholder"),
                    t(lang, "h_voting"),
                    t(lang, "h_their_top"),
                    t(lang, "h_rec_rank"),
                ),
                tuple(rows),
                align=("l", "r", "l", "r"),
                note=t(
                    lang,
                    "agr_voting",
                    scheme=scheme_text(g.voting, lang),
                ),
            ),
        ]
        if not math.isnan(g.kendall_w):
            blocks.append(Paragraph(t(lang, "agr_w", w=f.num(g.kendall_w, 2))))
        diffs = []
        for c in g.most_different[:3]:
            j = g.criteria.index(c)
            diffs.append(
                t(
                    lang,
                    "agr_diff",
                    name=self.crit(c),
                    lo=f.pct(float(g.global_weights[:, j].min()), 1),
                    hi=f.pct(float(g.global_weights[:, j].max()), 1),
                )
            )
        if diffs:
            blocks.append(Paragraph(t(lang, "agr_most_different")))
            blocks.append(BulletList(tuple(diffs)))
        return Section(f"{sid}-agreement", title, tuple(blocks))

    def _staffing(self, sid: str) -> Section:
        lang, f = self.lang, self.f
        base = self.res["economics"]["baseline"]
        if sid in base.missing:
            return Section(f"{sid}-staff", t(lang, "staff"), (Paragraph(t(lang, "staff_missing")),))
        g = base.group_of(sid)
        rows = tuple(
            (self.muni(m), f.num(float(g.fte[m]), 1), f.kr(g.nok[m])) for m in base.municipalities
        )
        return Section(
            f"{sid}-staff",
            t(lang, "staff"),
            (
                Paragraph(
                    t(
                        lang,
                        "staff_text",
                        group=g.name_nb if lang == "nb" else g.name_en,
                        services=", ".join(self.svc(s) for s in g.services),
                        fte=f.num(float(g.total_fte), 1),
                        nok=f.kr(g.total_nok),
                    )
                ),
                Table(
                    (t(lang, "h_municipality"), t(lang, "h_fte"), t(lang, "h_nok")),
                    rows,
                    align=("l", "r", "r"),
                ),
            ),
        )

    # --- end matter ---------------------------------------------------------------------
    def uncertain(self) -> tuple[Section, list[dict[str, Any]]]:
        """Legal facts behind this briefing that the catalogue marks uncertain.

        The catalogue's explanatory notes are in English only, so the bokmål text gives the fact
        and its section, and the English text adds the note.
        """
        lang = self.lang
        en = lang == "en"
        items: list[dict[str, Any]] = []
        seen_forms: set[str] = set()

        def add(what: str, section: str, note: str = "") -> None:
            text = what + (f" – {note}" if note and en else "")
            items.append({"what": text, "section": section, "note": note})

        for sid in self.ev:
            svc = self.cat.services[sid]
            pa = svc.public_authority
            if pa.uncertain:
                level = t(lang, f"authority_{pa.value}")
                decisions = f" ({', '.join(pa.decisions)})" if pa.decisions else ""
                add(
                    f"{self.svc(sid)}: {t(lang, 'authority')}: {level}{decisions}",
                    pa.section,
                    pa.note,
                )
            for law in svc.laws:
                if law.uncertain:
                    add(f"{self.svc(sid)}: {law.name} {law.section}", law.name, law.note)
            for nd in svc.non_delegable:
                if nd.uncertain:
                    add(f"{self.svc(sid)}: {nd.decision_en if en else nd.decision_nb}", nd.section)
            done: set[str] = set()
            for o, fz in self.res["services"][sid]["feasibility"].items():
                form = o.partition(":")[0]
                seen_forms.add(form)
                if not fz.uncertain or form in done:
                    continue
                done.add(form)
                reasons = fz.reasons_en if en else fz.reasons
                add(
                    f"{self.svc(sid)} – {self._opt(form, lang, self.cat)}: "
                    f"{t(lang, f'status_{fz.status}')}. {reasons[0]}",
                    ", ".join(dict.fromkeys(fz.sections)),
                )
        for form_id in sorted(seen_forms):
            form = self.cat.forms[form_id]
            for fact_name in (
                "legal_entity",
                "enkeltvedtak",
                "principle_matters",
                "governing_body",
                "employer",
                "exit",
                "liability",
            ):
                fact = getattr(form.facts, fact_name)
                if fact.uncertain:
                    value = fact.value_en if (en and fact.value_en) else fact.value
                    value = (
                        t(lang, f"fact_value_{value}")
                        if f"fact_value_{value}" in _known_keys(lang)
                        else value
                    )
                    add(
                        f"{self._opt(form_id, lang, self.cat)}: {t(lang, f'fact_{fact_name}')}: "
                        f"{value}",
                        fact.section,
                        fact.note,
                    )
        blocks: list[Block | Section] = [Paragraph(t(lang, "uncertain_text"))]
        if items:
            blocks.append(BulletList(tuple(f"{i['what']} ({i['section']})" for i in items)))
        else:
            blocks.append(Paragraph(t(lang, "uncertain_none")))
        return Section("uncertain", t(lang, "uncertain"), tuple(blocks), page_break=True), items


def _known_keys(lang: str) -> set[str]:
    from samvalg.report._text import T

    return set(T[lang])


def _threshold_dict(sw: Any) -> dict[str, Any]:
    return {
        "parameter": sw.parameter,
        "kind": sw.kind,
        "current": sw.current,
        "increase": None if sw.increase is None else sw.increase.to_dict(),
        "decrease": None if sw.decrease is None else sw.decrease.to_dict(),
    }


def _check(lang: Any, n: Any, seed: Any, method: Any) -> None:
    from samvalg.errors import Problem, ValidationError
    from samvalg.methods import get_method

    problems = []
    if lang not in ("nb", "en"):
        problems.append(Problem("<argument>", "lang", f"unknown language {lang!r}", "nb, en"))
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        problems.append(
            Problem(
                "<argument>",
                "n",
                f"expected a positive whole number, got {n!r}",
                "1, 2, ... (10 000 by default)",
            )
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        problems.append(
            Problem("<argument>", "seed", f"expected a non-negative whole number, got {seed!r}")
        )
    if problems:
        raise ValidationError(problems)
    get_method(method)


def build_briefing(
    assessment: Any = None,
    *,
    lang: str = "nb",
    n: int = 10_000,
    seed: int = 0,
    method: str = "wsm",
    source_path: str | Path | None = None,
    figures: bool = True,
) -> Briefing:
    """Build the council briefing for an assessment.

    Runs :func:`samvalg.evaluate` (both questions of the case, legal feasibility), SMAA-2 per
    service area (:func:`samvalg.smaa.smaa_service` with weights Dirichlet-distributed around
    the elicited ones, :math:`\\kappa = 50`, and every score triangular within its
    ``low``/``high``), the one-at-a-time sensitivity of the recommendation
    (:func:`samvalg.sensitivity.sensitivity_service`), the balanced host allocation
    (:func:`samvalg.allocation.allocate_hosts`, at most 50 % of the hosted FTE in one
    municipality) and the economics of the case's staffing tables (:mod:`samvalg.economics`),
    and turns them into sections of words, tables and figures.

    Robustness is SMAA-2's first-rank acceptability :math:`b_i^1` and confidence factor
    :math:`p_i^c` (Lahdelma & Salminen 2001, *Operations Research* 49(3), 444-454).

    Parameters
    ----------
    assessment : Assessment, optional
        Default: the shipped illustrative example (:func:`samvalg.example_assessment`).
    lang : {"nb", "en"}
        Bokmål (default) or English.
    n : int
        SMAA-2 iterations per service area and view.
    seed : int
        Seed of the SMAA-2 sampling (the same seed gives the same briefing).
    method : str
        Aggregation method (:func:`samvalg.methods.get_method`); ``"wsm"`` shows per-criterion
        contributions.
    source_path : path, optional
        The file the assessment was read from (its SHA-256 goes into ``data.json``); default for
        the example: the shipped file.
    figures : bool
        Draw the figures (False: text and tables only, faster).

    Returns
    -------
    Briefing

    Examples
    --------
    >>> from samvalg.report import build_briefing
    >>> b = build_briefing(n=500, figures=False)
    >>> b.illustrative, b.data["summary"][0]["service"]
    (True, 'sentralbord')
    """
    from samvalg._resources import example_assessment_path
    from samvalg._version import __version__
    from samvalg.io import example_assessment

    _check(lang, n, seed, method)
    if assessment is None:
        assessment = example_assessment()
        if source_path is None:
            source_path = example_assessment_path()
    n = int(n)
    seed = int(seed)
    res = _analyse(assessment, n, seed, method, lang, figures)
    fingerprint = input_fingerprint(assessment, source_path)
    with FigureMaker(figures) as fig:
        b = _Builder(assessment, res, lang, n, seed, method, fig)
        cover = b.cover(fingerprint)
        summary, summary_data = b.summary()
        weights, weights_data = b.weights()
        services = []
        services_data = {}
        for sid in b.ev:
            sec, d = b.service(sid)
            services.append(sec)
            services_data[sid] = d
        uncertain, uncertain_data = b.uncertain()
        from samvalg.report._refs import methods_section, references_section

        end = [methods_section(lang, method), uncertain, references_section(lang)]
        figures_shown = list(b.figures_shown)
    illustrative = bool(assessment.meta.illustrative)
    sections: list[Section] = []
    if illustrative:
        sections.append(
            Section(
                "banner", "", (Callout("illustrative", t(lang, "banner"), t(lang, "banner_text")),)
            )
        )
    sections += [cover, summary, weights, *services, *end]
    econ = res["economics"]
    alloc = res["allocation"]
    data = {
        "samvalg_version": __version__,
        "lang": lang,
        "method": method,
        "seed": seed,
        "n": n,
        "input": {
            **fingerprint,
            "title": assessment.meta.title,
            "illustrative": illustrative,
            "date": None if assessment.meta.date is None else assessment.meta.date.isoformat(),
        },
        "settings": {
            "smaa": {**SMAA_SETTINGS, "concentration": SMAA_CONCENTRATION, "n": n, "seed": seed},
            "allocation": {"max_share": MAX_SHARE, "missing_fte": "skip", "view": "combined"},
            "economics": {
                "scenario_key": "population",
                "comparison_scenario": "expected",
                "keys": [_plain(k) for k in _KEYS],
            },
        },
        "analyses": {
            "evaluate": True,
            "feasibility": True,
            "smaa": True,
            "sensitivity": True,
            "allocation": alloc is not None,
            "economics": True,
            "group": bool(res["agreement"]),
        },
        "summary": summary_data,
        "weights": weights_data,
        "services": services_data,
        "allocation": None if alloc is None else _plain(alloc.to_dict()),
        "allocation_error": res["allocation_error"],
        "economics": {
            "scenarios": _plain(scenario_analysis_record(econ["scenarios"])),
            "comparisons": [_plain(c.to_dict()) for c in econ["comparisons"]],
        },
        "agreement": {
            sid: _plain(service_agreement_record(g)) for sid, g in res["agreement"].items()
        },
        "agreement_error": res["agreement_error"],
        "uncertain_legal_facts": uncertain_data,
        "figures": figures_shown,
    }
    data = _plain(data)
    return Briefing(
        title=t(lang, "title"),
        subtitle=t(lang, "subtitle"),
        lang=lang,
        illustrative=illustrative,
        banner=t(lang, "banner") if illustrative else "",
        sections=tuple(sections),
        data=data,
    )
