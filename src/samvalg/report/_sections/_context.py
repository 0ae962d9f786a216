"""What every chapter of the briefing reads: the analyses' results, labels and number formats.

:class:`Context` holds the assessment, the results of :func:`samvalg.report._run.analyse`, the
language and the figure maker, and turns ids into labels in the briefing's language;
:func:`plain` makes any result JSON-ready for ``data.json``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from samvalg._format import fmt_number, fmt_percent
from samvalg.catalogue._labels import criterion_label, option_label, service_label, set_label
from samvalg.report._figures import FigureMaker
from samvalg.report._model import Figure, literal
from samvalg.report._settings import NO_COOP
from samvalg.text.briefing import t

if TYPE_CHECKING:
    from samvalg.assessment import Assessment
    from samvalg.catalogue import Catalogue
    from samvalg.evaluation import Evaluation, View
    from samvalg.evaluation._results import OptionFeasibility
    from samvalg.methods import MethodSpec

__all__ = ["Context", "Fmt", "plain", "robust_word"]


def plain(x: Any) -> Any:
    """JSON-ready plain Python: NaN -> None, NumPy -> Python, tuples -> lists."""
    if isinstance(x, Mapping):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return plain(x.tolist())
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


class Fmt:
    """Number formatting in the briefing's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def num(self, x: float, d: int = 2) -> str:
        """``x`` with ``d`` decimals."""
        return fmt_number(float(x), self.lang, d)

    def pct(self, x: float | None, d: int = 0) -> str:
        """``x`` as a percentage with ``d`` decimals; ``–`` for None or NaN."""
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "–"
        return fmt_percent(float(x), self.lang, d)

    def date(self, d: Any) -> str:
        """A date in words: ``27. november 2026`` (``27 November 2026``)."""
        months = t(self.lang, "months").split()
        return t(self.lang, "date", day=d.day, month=months[d.month - 1], year=d.year)

    def kr(self, x: float) -> str:
        """An amount of kroner, whole."""
        return fmt_number(float(x), self.lang, 0)


def robust_word(share: float, lang: str) -> str:
    """How robust a first-rank acceptability of ``share`` is, in words."""
    if share >= 0.8:
        return t(lang, "robust_high")
    if share >= 0.5:
        return t(lang, "robust_mid")
    return t(lang, "robust_low")


class Context:
    """The results, labels and formats every chapter of one briefing reads."""

    def __init__(
        self,
        assessment: Assessment,
        res: dict[str, Any],
        lang: str,
        n: int,
        seed: int,
        method: str,
        fig: FigureMaker,
    ) -> None:
        from samvalg.methods import get_method

        self.a = assessment
        self.res = res
        self.ev: Evaluation = res["evaluation"]
        self.cat: Catalogue = res["catalogue"]
        self.lang = lang
        self.n = n
        self.seed = seed
        self.method = method
        self.spec: MethodSpec = get_method(method)
        self.f = Fmt(lang)
        self.fig = fig
        self.figures_shown: list[str] = []

    # labels: shown (literal(): a label from a user's catalogue never forms **bold**) and raw
    # (for data.json)
    def opt_raw(self, o: str | None) -> str:
        """An option's label as written (the "none feasible" text for None)."""
        return t(self.lang, "none_feasible") if o is None else option_label(o, self.lang, self.cat)

    def svc_raw(self, s: str) -> str:
        """A service area's label as written."""
        return service_label(s, self.lang, self.cat)

    def form_raw(self, form_id: str) -> str:
        """An organisational form's label as written."""
        return option_label(form_id, self.lang, self.cat)

    def opt(self, o: str | None) -> str:
        """An option's label, as inline text (the "none feasible" text for None)."""
        return t(self.lang, "none_feasible") if o is None else literal(self.opt_raw(o))

    def form(self, form_id: str) -> str:
        """An organisational form's label, as inline text."""
        return literal(self.form_raw(form_id))

    def svc(self, s: str) -> str:
        """A service area's label, as inline text."""
        return literal(self.svc_raw(s))

    def crit(self, c: str) -> str:
        """A criterion's label, as inline text."""
        return literal(criterion_label(c, self.lang, self.cat))

    def setname(self, s: str) -> str:
        """A criteria set's label, as inline text."""
        return literal(set_label(s, self.lang, self.cat))

    def muni(self, m: str) -> str:
        """A municipality's name, as inline text."""
        mm = self.cat.municipalities.get(m)
        return literal(m if mm is None else str(mm.name))

    def status(self, f: OptionFeasibility) -> str:
        """A legal status in words (with the uncertainty mark)."""
        text = t(self.lang, f"status_{f.status}")
        if f.uncertain:
            text += t(self.lang, "status_uncertain")
        return text

    def direction(self, view: View) -> str:
        """Whether higher or lower values are better, in words."""
        return t(self.lang, "higher_better" if view.higher_is_better else "lower_better")

    def figure(self, fig_id: str, caption: str, alt: str) -> Figure | None:
        """The figure ``fig_id`` as the analyses drew it; None without figures."""
        out = self.fig.make(fig_id, caption, alt, self.res["figures"].get(fig_id))
        if out is not None:
            self.figures_shown.append(fig_id)
        return out

    def and_list(self, items: list[str]) -> str:
        """``a, b og c`` (``a, b and c``)."""
        if len(items) <= 1:
            return "".join(items)
        word = " og " if self.lang == "nb" else " and "
        return ", ".join(items[:-1]) + word + items[-1]

    def budget_year(self) -> str:
        """``, budsjett 2025`` from the catalogue's case; empty when it states no year."""
        case = self.cat.case
        if case is None or case.budget_year is None:
            return ""
        return t(self.lang, "budget_year", year=case.budget_year)

    # per-service numbers
    def unit_result(self, unit: str) -> Mapping[str, Any]:
        """The analyses of a bundle (``unit`` a bundle id) or of a service area: ``view``,
        ``smaa`` by view and ``sensitivity``."""
        if unit in self.ev.bundles:
            return cast("Mapping[str, Any]", self.res["bundles"][unit])
        return cast("Mapping[str, Any]", self.res["services"][unit])

    def first_rank(self, sid: str, option: str | None) -> tuple[float | None, float | None]:
        """SMAA-2's first-rank acceptability and confidence factor of ``option`` for a
        service area or a bundle (``sid`` a bundle id)."""
        svc = self.unit_result(sid)
        key = svc["view"]
        if option is None or key is None or key not in svc["smaa"]:
            return None, None
        s = svc["smaa"][key]
        if option not in s.options:
            return None, None
        i = s.options.index(option)
        return float(s.result.first_rank[i]), plain(float(s.result.confidence[i]))

    def decided(self, sid: str) -> str | None:
        """The option that applies to service area ``sid``: its bundle's recommendation when
        it is in a bundle (``[bundles.<id>]``), else its own."""
        for bev in self.ev.bundles.values():
            if sid in bev.members:
                return bev.recommendation
        return self.ev[sid].recommendation

    def coop_share(self, sid: str) -> float | None:
        """The share of SMAA-2 draws in which a cooperation option comes first."""
        s = self.res["services"][sid]["smaa"].get("whether")
        if s is None:
            return None
        b1 = s.result.first_rank
        return float(sum(b1[i] for i, o in enumerate(s.options) if o.split(":")[0] not in NO_COOP))
