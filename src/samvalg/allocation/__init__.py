"""Host allocation: one option per service area, best total value, an even share of responsibility.

The councils demand *likeverd* and *jevnbyrdig fordeling av ansvar*: when several service areas
are run by a host municipality (vertskommune), no municipality should end up hosting most of the
staff. :func:`allocate_hosts` chooses one option per service area (a form and, for host forms,
the host) to maximise the total decision value from :func:`samvalg.evaluate`, subject to legal
feasibility and a bound on each municipality's share of the hosted FTE.

Model (an exact mixed-integer linear programme, solved with :func:`scipy.optimize.milp`, HiGHS):

.. math::

    \\max_x \\sum_{s} \\sum_{o \\in O_s} u_{so} x_{so}
    \\quad \\text{s.t.} \\quad
    \\sum_{o \\in O_s} x_{so} = 1 \\;\\forall s, \\qquad
    \\sum_{s} \\sum_{o \\in H_{s,h}} f_s x_{so} \\le \\beta \\sum_{s} \\sum_{o \\in H_s} f_s x_{so}
    \\;\\forall h, \\qquad
    \\sum_{s} \\sum_{o \\in H_{s,h}} x_{so} \\ge k_h \\;\\forall h, \\qquad x_{so} \\in \\{0, 1\\}

where :math:`O_s` are the legally feasible options of service :math:`s` in the chosen view,
:math:`u_{so}` their decision values (higher is better; :math:`-Q` for VIKOR),
:math:`H_{s,h}` the options hosted by municipality :math:`h`, :math:`H_s = \\bigcup_h H_{s,h}`,
:math:`f_s` the FTE of service :math:`s` summed over the municipalities (all of them move to the
host), :math:`\\beta` = ``max_share`` and :math:`k_h` = ``min_services``. The share constraint is
the linearisation of :math:`\\text{hosted}_h / \\text{hosted total} \\le \\beta` (multiply out the
denominator; a plan that hosts nothing satisfies it trivially). Options without a host (egen
drift, oppgavefellesskap, IKS, ...) host no FTE for anyone.

Bundles (``[bundles.<id>]``: several service areas in one cooperation) add
:math:`x_{ao} = x_{bo}` for the members :math:`a, b` of each bundle and every option :math:`o`
(missing variables are 0), so every member gets the same option.

The unconstrained optimum (:math:`\\beta = 1`, no minimum) is solved too, so the value given up
for balance is reported; :func:`tradeoff_curve` gives the exact Pareto frontier of value against
the largest hosted share. Reference for the formulation: Wolsey (2020), *Integer Programming*,
2nd ed., ch. 1 (assignment with side constraints; ratio constraints linearised by
multiplication).

The package holds the results (``_results``: :class:`AllocationResult`, :class:`TradeoffPoint`,
:class:`TradeoffCurve`), the problem built from an evaluation and its checked arguments
(``_problem``) and the programme and its solutions (``_milp``: :func:`allocate_hosts`,
:func:`tradeoff_curve`).
"""

from __future__ import annotations

from samvalg.allocation._milp import allocate_hosts, tradeoff_curve
from samvalg.allocation._results import AllocationResult, TradeoffCurve, TradeoffPoint

__all__ = [
    "AllocationResult",
    "TradeoffCurve",
    "TradeoffPoint",
    "allocate_hosts",
    "tradeoff_curve",
]
