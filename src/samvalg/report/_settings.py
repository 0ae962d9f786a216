"""The briefing's fixed settings: how it samples, how it plans hosting, what it draws.

Recorded in ``data.json`` (``settings``) so that a reader can repeat every analysis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samvalg.sensitivity import ServiceSensitivity

__all__ = [
    "KEYS",
    "MAX_SHARE",
    "NO_COOP",
    "SMAA_CONCENTRATION",
    "SMAA_SETTINGS",
    "TORNADO_ROWS",
    "tornado_rows",
]

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
#: (every threshold is in data.json and the text). 0 leaves the tornado out.
TORNADO_ROWS = 10

#: Options that are not cooperation (the answer "no" to "should we cooperate?").
NO_COOP = ("egen_drift", "fagnettverk")
#: The cost-sharing keys the briefing compares.
KEYS: tuple[Any, ...] = ("population", "equal", {"equal": 0.5, "population": 0.5})


def tornado_rows(sens: ServiceSensitivity) -> int:
    """How many weights the threshold tornado of ``sens`` shows."""
    return min(TORNADO_ROWS, len(sens.set_sweeps) + len(sens.criterion_sweeps))
