"""Build the council briefing from an assessment: :func:`build_briefing` runs the analyses
(:mod:`samvalg.report._run`), puts the chapters together (:mod:`samvalg.report._sections`) and
collects every number for ``data.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg.report._figures import FigureMaker
from samvalg.report._model import Briefing, Callout, Section, literal
from samvalg.report._refs import methods_section, references_section
from samvalg.report._run import analyse
from samvalg.report._sections._context import Context, plain
from samvalg.report._sections.bundles import (
    bundle_summary,
    bundles_section,
    member_note,
    with_bundle_summary,
)
from samvalg.report._sections.forms import forms_section
from samvalg.report._sections.service import service_section
from samvalg.report._sections.summary import brief_section, cover_section, summary_section
from samvalg.report._sections.uncertain import uncertain_section
from samvalg.report._sections.weights import weights_section
from samvalg.report._settings import KEYS, MAX_SHARE, SMAA_CONCENTRATION, SMAA_SETTINGS
from samvalg.report._whatif import whatif_record
from samvalg.text.agreement import service_agreement_record
from samvalg.text.briefing import t
from samvalg.text.economics import scenario_analysis_record

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.report._run import Progress

__all__ = ["build_briefing", "input_fingerprint"]


def input_fingerprint(assessment: Assessment, source_path: str | Path | None) -> dict[str, Any]:
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


def _catalogue_fingerprint(assessment: Assessment) -> dict[str, Any] | None:
    """For a case's own catalogue, each file's name, where it came from (``"user"`` or
    ``"shipped"``) and its SHA-256, and the loader's notes; ``None`` for the shipped catalogue
    (whose files are those of this samvalg version). Only file names are recorded, never the
    folder."""
    from samvalg._resources import criteria_dir

    cat = assessment.catalogue
    shipped = criteria_dir()
    files = {name: Path(path) for name, path in cat.sources.items()}
    if all(path == shipped / name for name, path in files.items()):
        return None

    def sha256(path: Path) -> str | None:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:  # moved or removed since it was loaded: no hash rather than a wrong one
            return None

    return {
        "files": {
            name: {
                "source": "shipped" if path == shipped / name else "user",
                "sha256": sha256(path),
            }
            for name, path in files.items()
        },
        "notes": list(cat.notes),
    }


def _subtitle(lang: str, cat: Any) -> str:
    """The briefing's subtitle from the catalogue: the region's name and the case's title
    (either alone when only one is given; empty when neither is)."""
    region = None if cat.region is None else literal(str(cat.region.name))
    case = None
    if cat.case is not None:
        case = literal(str(cat.case.title_nb if lang == "nb" else cat.case.title_en))
    if region and case:
        return t(lang, "subtitle", region=region, case=case)
    if region:
        return t(lang, "subtitle_region", region=region)
    if case:
        return t(lang, "subtitle_case", case=case)
    return ""


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
    assessment: Assessment | None = None,
    *,
    lang: str = "nb",
    n: int = 10_000,
    seed: int = 0,
    method: str = "wsm",
    source_path: str | Path | None = None,
    figures: bool = True,
    png: bool = False,
    progress: Progress | None = None,
    office_hosts: bool = True,
) -> Briefing:
    """Build the council briefing for an assessment.

    Runs :func:`samvalg.evaluate` (both questions of the case, legal feasibility), SMAA-2 per
    service area (:func:`samvalg.smaa.smaa_service` with weights Dirichlet-distributed around
    the elicited ones, :math:`\\kappa = 50`, and every score triangular within its
    ``low``/``high``), the one-at-a-time sensitivity of the recommendation
    (:func:`samvalg.sensitivity.sensitivity_service`), the balanced host allocation
    (:func:`samvalg.allocation.allocate_hosts`, at most 50 % of the hosted FTE in one
    municipality) and the economics of the case's staffing tables (:mod:`samvalg.economics`),
    and turns them into sections of words, tables and figures. Where the assessment declares
    bundles (``[bundles.<id>]``), a chapter after the summary recommends one option per bundle
    (:mod:`samvalg.report._sections.bundles`; SMAA-2 and sensitivity of the bundle too), and
    each member's own chapter says that the bundle decides.

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
    png : bool
        Also render every figure as PNG (:attr:`Figure.png`; default False: SVG only, which
        is what the HTML and the Markdown show).
    progress : callable(stage, done, total), optional
        Called as the work goes: ``stage`` is ``"analyses"`` (the service areas' analyses;
        ``done`` of ``total`` units) or ``"figures"`` (figures drawn of those known so far,
        at least one per service area still being analysed), and ``"writing"`` from
        :func:`write_briefing`. For a progress bar; it does not change the results.
    office_hosts : bool
        Count a kommunalt oppgavefellesskap's office municipality (kontorkommune) as hosting
        in the balanced plan (default True; the briefing says it is an inference, the law
        being silent on who employs; False: a KO hosts nothing, and the chapter says so).

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
    res = analyse(assessment, n, seed, method, lang, figures, png, progress, office_hosts)
    fingerprint = input_fingerprint(assessment, source_path)
    catalogue_files = _catalogue_fingerprint(assessment)
    with FigureMaker(figures, png=png) as fig:
        b = Context(assessment, res, lang, n, seed, method, fig)
        brief = brief_section(b)
        cover = cover_section(b, fingerprint)
        summary, summary_data = summary_section(b)
        summary = with_bundle_summary(summary, bundle_summary(b))
        forms = forms_section(b)
        weights, weights_data = weights_section(b)
        bundles, bundles_data = bundles_section(b)
        services = []
        services_data = {}
        for sid in b.ev:
            sec, d = service_section(b, sid)
            note = member_note(b, sid)
            if note is not None:  # a bundle's member: its chapter says the bundle decides
                sec = Section(sec.id, sec.title, (note, *sec.blocks), sec.page_break)
            services.append(sec)
            services_data[sid] = d
        uncertain, uncertain_data = uncertain_section(b)
        whatif = whatif_record(b)
        end = [methods_section(lang, method), uncertain, references_section(lang, b.cat)]
        figures_shown = list(b.figures_shown)
    illustrative = bool(assessment.meta.illustrative)
    sections: list[Section] = []
    if illustrative:
        sections.append(
            Section(
                "banner", "", (Callout("illustrative", t(lang, "banner"), t(lang, "banner_text")),)
            )
        )
    sections += [
        brief,
        cover,
        summary,
        *([] if bundles is None else [bundles]),
        *([] if forms is None else [forms]),
        weights,
    ]
    sections += [*services, *end]
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
            **({} if catalogue_files is None else {"catalogue": catalogue_files}),
        },
        "settings": {
            "smaa": {**SMAA_SETTINGS, "concentration": SMAA_CONCENTRATION, "n": n, "seed": seed},
            "allocation": {
                "max_share": MAX_SHARE if alloc is None else alloc.max_share,
                "missing_fte": "areas",
                "office_hosts": res["office_hosts"],
                "view": "form",
            },
            "economics": {
                "scenario_key": "population",
                "comparison_scenario": econ["comparison"],
                "keys": [plain(k) for k in KEYS],
            },
        },
        "analyses": {
            "evaluate": True,
            "feasibility": True,
            "smaa": True,
            "sensitivity": True,
            "bundles": bool(bundles_data),
            "allocation": alloc is not None,
            "economics": True,
            "group": bool(res["agreement"]),
        },
        "summary": summary_data,
        "weights": weights_data,
        "services": services_data,
        "bundles": bundles_data,
        "allocation": None if alloc is None else plain(alloc.to_dict()),
        "allocation_error": res["allocation_error"],
        "economics": {
            "scenarios": None
            if econ["scenarios"] is None
            else plain(scenario_analysis_record(econ["scenarios"])),
            "comparisons": [plain(c.to_dict()) for c in econ["comparisons"]],
            "cost_control": None if econ["control"] is None else plain(econ["control"].to_dict()),
        },
        "agreement": {
            sid: plain(service_agreement_record(g)) for sid, g in res["agreement"].items()
        },
        "agreement_error": res["agreement_error"],
        "uncertain_legal_facts": uncertain_data,
        "figures": figures_shown,
        "whatif": whatif,
    }
    data = plain(data)
    return Briefing(
        title=t(lang, "title"),
        subtitle=_subtitle(lang, assessment.catalogue),
        lang=lang,
        illustrative=illustrative,
        banner=t(lang, "banner") if illustrative else "",
        sections=tuple(sections),
        data=data,
    )
