"""Writing the scoring template: :func:`write_template` and the cell looks."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from samvalg.assessment import SET_WEIGHTS_KEY, Assessment, Scale
from samvalg.catalogue import Catalogue
from samvalg.catalogue import catalogue as load_catalogue
from samvalg.errors import SamvalgError
from samvalg.io._example import example_assessment
from samvalg.io._hints import did_you_mean
from samvalg.io.xlsx._cells import only_own_formulas, openpyxl_module
from samvalg.io.xlsx._layout import (
    BUNDLE_SHEET,
    LANGS,
    META_SHEET,
    OVERRIDE_SHEET,
    SHEET_NAME_MAX,
    STAKEHOLDER_SHEET,
    WEIGHTS_PREFIX,
)
from samvalg.io.xlsx._wording import TEXT
from samvalg.io.xlsx._write_scores import service_sheet, weights_sheet
from samvalg.io.xlsx._write_sheets import (
    bundle_sheet,
    guide_sheet,
    meta_sheet,
    override_sheet,
    stakeholder_sheet,
)


def write_template(
    path: str | os.PathLike[str],
    *,
    services: Sequence[str] | None = None,
    assessment: Assessment | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "nb",
    overwrite: bool = False,
) -> Path:
    """Write a scoring workbook for a workshop.

    One sheet per service area in long format (a row per criterion x option: score, low, high,
    rationale; the scale enforced by data validation), a guide, a meta sheet and a weights
    sheet per criteria set and for the sets. Pre-filled from `assessment` when given, so
    ``load_assessment(write_template(p, assessment=a))`` rebuilds ``a``.

    Parameters
    ----------
    path : path
        Target ``.xlsx`` file.
    services : sequence of str, optional
        Service area ids (default: those of `assessment`, or every service area of the
        catalogue).
    assessment : Assessment, optional
        Scores, scales, weights and meta to pre-fill. Without it the options of each service
        area are those of the shipped example, fitted to the catalogue (its forms, and a host
        form once per municipality of the catalogue), the scales those of the example (strategy and
        model 1..5, gains DFØ pluss-minus), the weights method points (total 100) with empty
        points, and the scores empty except the ones fixed by definition ("na" for the model
        criteria of informal forms, "0" for egen drift on a pluss-minus scale).
    catalogue : Catalogue, optional
        The catalogue whose criteria, names, forms and municipalities the workbook uses
        (default: the assessment's, :attr:`Assessment.catalogue`, or the shipped one).
    lang : {"nb", "en"}
        Language of headings, criterion and option names (``nb``: the exact catalogue wording).
    overwrite : bool
        Replace an existing file only when ``True``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    samvalg.errors.SamvalgError
        Unknown service area or language, an existing file, a suffix other than ``.xlsx``, or
        openpyxl missing.

    Examples
    --------
    >>> import samvalg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "skaring.xlsx"
    >>> write_template(out, services=["lonn", "arkiv"]).name
    'skaring.xlsx'
    """
    openpyxl = openpyxl_module()
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise SamvalgError(f"write the workbook to a .xlsx file, not {target.name!r}")
    if lang not in LANGS:
        raise SamvalgError(
            f"unknown language {lang!r}" + did_you_mean(lang, LANGS) + " (allowed: nb, en)"
        )
    if target.exists() and not overwrite:
        raise SamvalgError(f"{target} exists; pass overwrite=True (CLI: --force) to replace it")
    if catalogue is None:
        catalogue = assessment.catalogue if assessment is not None else None
    if catalogue is None:
        catalogue = load_catalogue()
    example = example_assessment()
    if services is None:
        services = list(assessment.services) if assessment is not None else list(catalogue.services)
    services = list(services)
    unknown = [s for s in services if s not in catalogue.services]
    if unknown:
        raise SamvalgError(
            "unknown service area "
            + ", ".join(f"{s!r}{did_you_mean(s, catalogue.services)}" for s in unknown)
            + f" (allowed: {', '.join(catalogue.services)})"
        )
    if not services:
        raise SamvalgError(
            "no service areas to write (allowed: " + ", ".join(catalogue.services) + ")"
        )
    set_ids = tuple(catalogue.criteria_sets)
    scales = (
        dict(assessment.scales)
        if assessment is not None
        else {s: example.scales.get(s, Scale()) for s in set_ids}
    )
    text = TEXT[lang]

    wb = openpyxl.Workbook()
    guide_sheet(wb.active, lang, catalogue, scales)
    meta_sheet(wb.create_sheet(META_SHEET), assessment, scales, text)
    for key in (SET_WEIGHTS_KEY, *set_ids):
        rec = assessment.weights.get(key) if assessment is not None else None
        weights_sheet(wb.create_sheet(WEIGHTS_PREFIX + key), key, rec, catalogue, lang)
    stakeholders = dict(getattr(assessment, "stakeholders", {}) or {})
    stakeholder_sheet(wb.create_sheet(STAKEHOLDER_SHEET), stakeholders, text)
    override_sheet(
        wb.create_sheet(OVERRIDE_SHEET), assessment, stakeholders, services, catalogue, lang
    )
    for st_id, st in stakeholders.items():
        for key, rec in st.weights.items():
            name = f"{st_id}.{key}"
            if len(name) > SHEET_NAME_MAX:
                raise SamvalgError(
                    f"the stakeholder id {st_id!r} is too long for a sheet name "
                    f"({name!r} has {len(name)} characters; Excel allows "
                    f"{SHEET_NAME_MAX}): use a shorter id"
                )
            weights_sheet(
                wb.create_sheet(name),
                key,
                rec,
                catalogue,
                lang,
                title=f"{text['stakeholder_weights']} {st.name}",
            )
    bundle_sheet(wb.create_sheet(BUNDLE_SHEET), assessment, services, text)
    for sid in services:
        sa = assessment.services.get(sid) if assessment is not None else None
        if sa is not None:
            options = [str(o) for o in sa.options]
        else:
            options = _default_options(sid, example, catalogue)
        service_sheet(wb.create_sheet(sid), sid, options, sa, scales, catalogue, lang)
    only_own_formulas(wb)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _default_options(sid: str, example: Assessment, catalogue: Catalogue) -> list[str]:
    """The options of a blank sheet: the example's for this service area (or, for an area the
    example lacks, those of its first), fitted to ``catalogue``.

    The example's options are kept as they are when the catalogue has their forms and hosts
    (the shipped catalogue); otherwise its forms are kept in order, those the catalogue lacks
    dropped, and a form with a host is offered once per municipality of the catalogue, so a
    case's own municipalities are the hosts, never the shipped ones.
    """
    source = example.services.get(sid) or next(iter(example.services.values()))
    given = [str(o) for o in source.options]
    fits = all(
        o.partition(":")[0] in catalogue.forms
        and (not o.partition(":")[2] or o.partition(":")[2] in catalogue.municipalities)
        for o in given
    )
    if sid in example.services and fits:
        return given
    out: list[str] = []
    for form_id in dict.fromkeys(o.partition(":")[0] for o in given):
        form = catalogue.forms.get(form_id)
        if form is None:
            continue
        if form.has_host:
            out += [f"{form_id}:{m}" for m in catalogue.municipalities]
        else:
            out.append(form_id)
    return out
