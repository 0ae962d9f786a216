"""samvalg: multi-criteria decision analysis of inter-municipal cooperation.

samvalg encodes the criteria of a Norwegian council case (Skaun, Melhus, Midtre Gauldal,
"Bærekraftige og innovative kommuner 2030") as weighted matrices, scores the cooperation options
for each service area, screens them against kommuneloven, and reports how robust the answer is.

The public API is flat and loaded lazily: ``import samvalg`` imports neither matplotlib, pandas
nor pymcdm; submodules are imported on first use.

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

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> (module, attribute or None for the module itself)
_LAZY: dict[str, tuple[str, str | None]] = {
    "methods": ("samvalg.methods", None),
    "weights": ("samvalg.weights", None),
    "ranking": ("samvalg.ranking", None),
    "errors": ("samvalg.errors", None),
    "plot": ("samvalg.plot", None),
    "io": ("samvalg.io", None),
    "catalogue": ("samvalg.catalogue", "catalogue"),
    "Catalogue": ("samvalg.catalogue", "Catalogue"),
    "feasibility": ("samvalg.feasibility", "feasibility"),
    "Feasibility": ("samvalg.feasibility", "Feasibility"),
    "feasibility_table": ("samvalg.feasibility", "feasibility_table"),
    "FeasibilityTable": ("samvalg.feasibility", "FeasibilityTable"),
    "Assessment": ("samvalg.assessment", "Assessment"),
    "Option": ("samvalg.assessment", "Option"),
    "load_assessment": ("samvalg.assessment", "load_assessment"),
    "example_assessment": ("samvalg.assessment", "example_assessment"),
    "Scale": ("samvalg.assessment", "Scale"),
    "ScoreMatrix": ("samvalg.assessment", "ScoreMatrix"),
    "ServiceAssessment": ("samvalg.assessment", "ServiceAssessment"),
    "evaluate": ("samvalg.evaluate", "evaluate"),
    "economics": ("samvalg.economics", None),
    "allocation": ("samvalg.allocation", None),
    "Evaluation": ("samvalg.evaluate", "Evaluation"),
    "smaa": ("samvalg.smaa", None),
    "sensitivity": ("samvalg.sensitivity", None),
    "report": ("samvalg.report", None),
    "group": ("samvalg.group", None),
    "SamvalgError": ("samvalg.errors", "SamvalgError"),
    "ValidationError": ("samvalg.errors", "ValidationError"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'samvalg' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from samvalg import errors, methods, ranking, weights  # noqa: F401
    from samvalg.assessment import (  # noqa: F401
        Assessment,
        Option,
        Scale,
        ScoreMatrix,
        ServiceAssessment,
        example_assessment,
        load_assessment,
    )
    from samvalg.catalogue import Catalogue, catalogue  # noqa: F401
    from samvalg.errors import SamvalgError, ValidationError  # noqa: F401
    from samvalg.evaluate import Evaluation, evaluate  # noqa: F401
    from samvalg.feasibility import (  # noqa: F401
        Feasibility,
        FeasibilityTable,
        feasibility,
        feasibility_table,
    )
