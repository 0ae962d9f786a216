"""Every result a notebook shows is an HTML table, and a user's text in it stays text (issue 14,
item 3): each ``_repr_html_`` is parsed and may hold only table markup, whatever the
assessment's title or the stakeholders' names say."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg import economics, group
from samvalg.allocation import allocate_hosts, tradeoff_curve
from samvalg.sensitivity import sensitivity_service
from samvalg.smaa import smaa2, smaa_service

EVIL = '<script>alert(1)</script><i>x</i> & "q"'
TAGS = {
    "table", "caption", "thead", "tbody", "tr", "th", "td", "b", "p", "ul", "li", "sup", "br",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Tags:
    p = _Tags()
    p.feed(markup)
    p.close()
    return p


@pytest.fixture(scope="module")
def hostile() -> samvalg.Assessment:
    d = samvalg.example_assessment().to_dict()
    d["meta"]["title"] = EVIL
    for i, st in enumerate(d["stakeholders"].values()):
        st["name"] = f"{i} {EVIL}"
    return samvalg.load_assessment(d)


def _results(a: samvalg.Assessment) -> dict[str, Any]:
    ev = samvalg.evaluate(a)
    agr = group.agreement(a, services=["lonn", "sentralbord"])
    b = economics.baseline()
    scen = economics.scenario_analysis(b, key="population")
    sens = sensitivity_service(a, "lonn", view="combined")
    return {
        "Evaluation": ev,
        "ServiceEvaluation": ev["lonn"],
        "View": ev["lonn"]["combined"],
        "Feasibility": samvalg.feasibility("byggesak", "oppgavefellesskap"),
        "SMAAResult": smaa2(np.eye(3) + 0.1, np.ones(3), n=200, seed=1),
        "ServiceSMAA": smaa_service(a, "lonn", n=200, seed=0),
        "ServiceSensitivity": sens,
        "ScoreSensitivity": sens.scores,
        "GroupAgreement": agr,
        "ServiceAgreement": agr["lonn"],
        "Baseline": b,
        "ScenarioAnalysis": scen,
        "ScenarioResult": scen["expected"],
        "CostComparison": economics.compare_costs(
            b.nok_by_municipality(), b.total_nok - scen["expected"].nok_saved_full, "equal"
        ),
        "AllocationResult": allocate_hosts(ev, max_share=0.5, missing_fte="skip"),
        "TradeoffCurve": tradeoff_curve(ev, missing_fte="skip"),
    }


def test_every_result_is_an_html_table_with_only_table_markup(
    hostile: samvalg.Assessment,
) -> None:
    for name, result in _results(hostile).items():
        markup = result._repr_html_()
        parsed = _parse(markup)
        assert "table" in parsed.tags, name
        assert set(parsed.tags) <= TAGS, (name, set(parsed.tags) - TAGS)
        assert "<script" not in markup and "<i>" not in markup, name


def test_user_text_is_shown_as_written(hostile: samvalg.Assessment) -> None:
    results = _results(hostile)
    for name in ("Evaluation", "GroupAgreement", "ServiceAgreement"):
        text = "".join(_parse(results[name]._repr_html_()).text)
        assert EVIL in text, name
    assert html.escape(EVIL) in results["ServiceAgreement"]._repr_html_()


def test_a_view_lists_every_option_best_first() -> None:
    view = samvalg.evaluate(samvalg.example_assessment())["lonn"]["combined"]
    text = view._repr_html_()
    where = [text.index(f"<td>{html.escape(o)}</td>") for o in view.order]
    assert where == sorted(where) and len(where) == len(view.options)


def test_kernel_results_are_tables_too() -> None:
    from samvalg import methods

    X = np.array([[4.0, 3.0, 5.0], [2.0, 5.0, 3.0], [3.0, 4.0, 4.0]])
    w = np.array([0.5, 0.3, 0.2])
    types = np.array([1, 1, -1])
    for name in ("topsis", "vikor", "promethee_ii", "wsm"):
        d = methods.explain(name, X, w, types)
        parsed = _parse(d._repr_html_())
        assert parsed.tags.count("table") == len(d.steps) and set(parsed.tags) <= TAGS, name
    r = methods.vikor(X, w, types)
    markup = r._repr_html_()
    assert set(_parse(markup).tags) <= TAGS and "<table>" in markup
    best = int(np.argmin(r.Q))
    assert markup.index(f"<tr><td>{best}</td>") < markup.index("</tr>", markup.index("<tbody>"))
    batched = methods.vikor(X, np.stack([w, w[::-1]]), types)
    assert "2 weight vectors" in batched._repr_html_()
