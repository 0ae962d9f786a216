"""Labels of catalogue ids (options, services, criteria, sets) in nb or en: the names the
catalogue holds, looked up by id (data, not wording), so every layer may use them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["criterion_label", "option_label", "service_label", "set_label"]


def _cat(catalogue: Catalogue | None) -> Catalogue:
    if catalogue is not None:
        return catalogue
    from samvalg.catalogue import catalogue as load

    return load()


def option_label(option: str, lang: str = "nb", catalogue: Catalogue | None = None) -> str:
    """``"vertskommune:<id>"`` -> ``"Vertskommune (<the municipality's name>)"``; unknown ids
    are returned as is."""
    cat = _cat(catalogue)
    form_id, _, host = str(option).partition(":")
    form = cat.forms.get(form_id)
    if form is None:
        return str(option)
    name = form.name_nb if lang == "nb" else form.name_en
    if host:
        muni = cat.municipalities.get(host)
        name += f" ({muni.name if muni is not None else host})"
    return str(name)


def service_label(service_id: str, lang: str = "nb", catalogue: Catalogue | None = None) -> str:
    """Name of a service area in the chosen language."""
    svc = _cat(catalogue).services.get(service_id)
    if svc is None:
        return service_id
    return str(svc.name_nb if lang == "nb" else svc.name_en)


def criterion_label(criterion_id: str, lang: str = "nb", catalogue: Catalogue | None = None) -> str:
    """Name of a criterion in the chosen language (the exact Norwegian wording for ``nb``)."""
    crit = _cat(catalogue).criterion(criterion_id)
    return str(crit.name_nb if lang == "nb" else crit.name_en)


def set_label(set_id: str, lang: str = "nb", catalogue: Catalogue | None = None) -> str:
    """Name of a criteria set in the chosen language."""
    cs = _cat(catalogue).criteria_sets.get(set_id)
    if cs is None:
        return set_id
    return str(cs.name_nb if lang == "nb" else cs.name_en)
