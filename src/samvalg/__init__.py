"""samvalg: multi-criteria decision analysis of inter-municipal cooperation.

samvalg encodes the criteria of a council case on inter-municipal cooperation as weighted
matrices, scores the cooperation options for each service area, screens them against
kommuneloven, and reports how robust the answer is. The shipped catalogue holds one case; any
region supplies its own with ``samvalg.catalogue(DIR)``.

Every public name is imported here explicitly. ``import samvalg`` imports neither matplotlib,
pandas nor pymcdm: the modules that need them import them inside the functions that draw or
compare.

Examples
--------
>>> import samvalg
>>> cat = samvalg.catalogue()
>>> len(cat.criteria_sets["model"].criteria)
11
>>> samvalg.feasibility("byggesak", "oppgavefellesskap").ok
False
"""

from __future__ import annotations

from samvalg import (
    allocation,
    economics,
    errors,
    group,
    io,
    methods,
    plot,
    ranking,
    report,
    sensitivity,
    smaa,
    weights,
)
from samvalg._version import __version__
from samvalg.assessment import (
    Assessment,
    Option,
    Scale,
    ScoreMatrix,
    ServiceAssessment,
)
from samvalg.catalogue import Catalogue, catalogue
from samvalg.errors import SamvalgError, ValidationError
from samvalg.evaluation import Evaluation, evaluate
from samvalg.io import example_assessment, load_assessment
from samvalg.law import Feasibility, FeasibilityTable, feasibility, feasibility_table

__all__ = [
    "Assessment",
    "Catalogue",
    "Evaluation",
    "Feasibility",
    "FeasibilityTable",
    "Option",
    "SamvalgError",
    "Scale",
    "ScoreMatrix",
    "ServiceAssessment",
    "ValidationError",
    "__version__",
    "allocation",
    "catalogue",
    "economics",
    "errors",
    "evaluate",
    "example_assessment",
    "feasibility",
    "feasibility_table",
    "group",
    "io",
    "load_assessment",
    "methods",
    "plot",
    "ranking",
    "report",
    "sensitivity",
    "smaa",
    "weights",
]
