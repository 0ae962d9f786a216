"""The catalogues: criteria sets, cooperation forms, service areas, municipalities and the
rules of the legal feasibility screen, as validated data.

The shipped catalogues live in the repository's ``criteria/`` folder (inside the wheel:
``samvalg/_data/criteria``). Other municipality groups can supply their own files:
``catalogue(path)`` reads a folder holding any of ``criteria_sets.toml``, ``forms.toml``,
``services.toml``, ``municipalities.toml`` and ``feasibility.toml``; **a file missing from the
folder is taken from the shipped catalogue**, so a folder with only ``municipalities.toml``
replaces the municipalities and staffing tables and keeps everything else. Every file starts
with ``schema_version = 1`` and a ``[provenance]`` table.

Examples
--------
>>> import samvalg
>>> cat = samvalg.catalogue()
>>> cat.criteria_ids("gains")[:2]
('kostnadseffektivitet', 'redusert_sarbarhet')
>>> cat.criterion("implementeringstid").name_nb
'Implementeringstid'
>>> cat.forms["oppgavefellesskap"].may_make_enkeltvedtak.section
'koml. § 19-1 (2)'
>>> cat.municipalities["melhus"].population.latest().value
17812

The names behind the ids, for readers (``option_label``, ``service_label``,
``criterion_label``, ``set_label``, in ``"nb"`` or ``"en"``):

>>> from samvalg.catalogue import option_label
>>> option_label("oppgavefellesskap", "en")
'Joint municipal task community'
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from samvalg._resources import criteria_dir

from ._base import Provenance
from ._criteria import CriteriaSet, Criterion
from ._files import FILES, SCHEMA_VERSION
from ._forms import (
    CooperationForm,
    EnkeltvedtakFact,
    EntityFact,
    FormFacts,
    LawRef,
    LegalFact,
    NonDelegable,
    PrincipleFact,
    PublicAuthority,
    ServiceArea,
)
from ._labels import criterion_label, option_label, service_label, set_label
from ._load import load_catalogue
from ._municipalities import (
    Discrepancy,
    GroupTotal,
    Municipality,
    OtherStaff,
    Population,
    PopulationEntry,
    Region,
    StaffingEntry,
    StaffingGroup,
)
from ._rules import FeasibilityRule, FormMatch, PairEntry, ServiceMatch
from ._schema import Catalogue

__all__ = [
    "FILES",
    "SCHEMA_VERSION",
    "Catalogue",
    "CooperationForm",
    "CriteriaSet",
    "Criterion",
    "Discrepancy",
    "EnkeltvedtakFact",
    "EntityFact",
    "FeasibilityRule",
    "FormFacts",
    "FormMatch",
    "GroupTotal",
    "LawRef",
    "LegalFact",
    "Municipality",
    "NonDelegable",
    "OtherStaff",
    "PairEntry",
    "Population",
    "PopulationEntry",
    "PrincipleFact",
    "Provenance",
    "PublicAuthority",
    "Region",
    "ServiceArea",
    "ServiceMatch",
    "StaffingEntry",
    "StaffingGroup",
    "catalogue",
    "criterion_label",
    "option_label",
    "service_label",
    "set_label",
]


@functools.lru_cache(maxsize=1)
def _shipped() -> Catalogue:
    return load_catalogue(None, criteria_dir())


def catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load the catalogues: the shipped ones, or a user folder on top of them.

    Parameters
    ----------
    path : str or path-like, optional
        A folder with any of the catalogue files (:data:`FILES`). Files missing from it are read
        from the shipped catalogue. ``None`` (default) returns the shipped catalogue, loaded once
        and cached; a user folder is read afresh on every call.

    Returns
    -------
    Catalogue
        Validated, frozen catalogue data.

    Raises
    ------
    samvalg.errors.ValidationError
        Every problem in every file at once, each with file name and key path (for example
        ``forms.toml: forms.vertskommune.facts.enkeltvedtak.value``).
    samvalg.errors.SamvalgError
        If ``path`` is not a folder or holds no catalogue file.

    Examples
    --------
    >>> import samvalg
    >>> cat = samvalg.catalogue()
    >>> [len(cat.criteria_sets[s].criteria) for s in ("strategy", "gains", "model")]
    [12, 5, 11]
    >>> cat.set_of("likeverdighet")
    'model'
    """
    if path is None:
        return _shipped()
    return load_catalogue(Path(path), criteria_dir())
