"""samvalg.plot: every plot on real results; artists, given Axes, rcParams untouched, languages.

The results come from the shipped illustrative assessment: evaluate, sensitivity_service,
smaa_service (small N), allocate_hosts, economics.share_costs/compare_costs. The stakeholder
agreement plot takes a plain square matrix (the group module has no result type yet): it gets
Spearman correlations of three rankings computed here with samvalg.ranking.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

import samvalg
from samvalg import plot as sp
from samvalg.errors import SamvalgError, ValidationError


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def res() -> dict[str, Any]:
    from samvalg.allocation import allocate_hosts
    from samvalg.economics import baseline, compare_costs, share_costs
    from samvalg.ranking import rank, spearman
    from samvalg.sensitivity import sensitivity_service
    from samvalg.smaa import smaa_service

    a = samvalg.example_assessment()
    ev = samvalg.evaluate(a)
    b = baseline()
    before = b.nok_by_municipality()
    rankings = [rank(np.array(r)) for r in ([3, 2, 1, 0], [2, 3, 1, 0], [0, 1, 3, 2])]
    agreement = np.array([[spearman(x, y) for y in rankings] for x in rankings])
    return {
        "a": a,
        "ev": ev,
        "sens": sensitivity_service(a, "lonn", view="whether", n_points=41),
        "smaa": smaa_service(a, "lonn", view="combined", n=400, seed=3),
        "alloc": allocate_hosts(ev, max_share=0.5, missing_fte="skip"),
        "shares": {k: share_costs(b.total_nok, k) for k in ("population", "equal")},
        "comparisons": [
            compare_costs(before, int(0.9 * b.total_nok), k) for k in ("population", "equal")
        ],
        "agreement": agreement,
    }


def texts(fig: Figure) -> str:
    """Every text drawn in the figure (ticks, titles, labels, legends, annotations)."""
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def fig_of(out: Any) -> Figure:
    return out if isinstance(out, Figure) else out.figure


# name -> (call(res, **kw), count(out, res) == expected(res), bokmål text, English text)
Case = tuple[Callable[..., Any], Callable[[Any, dict], tuple[int, int]], str, str]

CASES: dict[str, Case] = {
    "weights": (
        lambda r, **kw: sp.plot_weights(r["a"], **kw),
        lambda out, r: ([len(a.patches) for a in out.axes], [12, 5, 11]),
        "Vekt innen settet",
        "Weight within the set",
    ),
    "global_weights": (
        lambda r, **kw: sp.plot_global_weights(r["a"], **kw),
        lambda out, r: (len(out.patches), 28),
        "Globale vekter",
        "Global weights",
    ),
    "scores": (
        lambda r, **kw: sp.plot_scores(r["a"].matrix("byggesak", "model"), **kw),
        lambda out, r: (
            len([p for p in out.patches if p.get_hatch()]),
            int((~r["a"].matrix("byggesak", "model").applicable).sum()),
        ),
        "i.r. = ikke relevant",
        "n/a = not applicable",
    ),
    "contributions": (
        lambda r, **kw: sp.plot_contributions(r["ev"]["byggesak"]["whether"], **kw),
        lambda out, r: (
            len(out.patches),
            len(r["ev"]["byggesak"]["whether"].options)
            * len(r["ev"]["byggesak"]["whether"].criteria),
        ),
        "Samlet verdi",
        "Overall value",
    ),
    "weight_sensitivity": (
        lambda r, **kw: sp.plot_weight_sensitivity(r["sens"], parameter="strategy", **kw),
        lambda out, r: (len(out.lines), len(r["sens"].options) + 1),  # + the current weight
        "Vekt på",
        "Weight of",
    ),
    "thresholds": (
        lambda r, **kw: sp.plot_thresholds(r["sens"], **kw),
        lambda out, r: (
            len(out.patches),
            2 * (len(r["sens"].criterion_sweeps) + len(r["sens"].set_sweeps)),
        ),
        "prosentpoeng",
        "percentage points",
    ),
    "rank_acceptability": (
        lambda r, **kw: sp.plot_rank_acceptability(r["smaa"], **kw),
        lambda out, r: (len(out.patches), len(r["smaa"].options) ** 2),
        "Andel av trekkene",
        "Share of samples",
    ),
    "central_weights": (
        lambda r, **kw: sp.plot_central_weights(r["smaa"], **kw),
        lambda out, r: (
            len(out.lines),
            int((~np.isnan(r["smaa"].central_weights).any(axis=1)).sum()) + 1,
        ),
        "Sentrale vekter",
        "Central weights",
    ),
    "agreement": (
        lambda r, **kw: sp.plot_agreement(r["agreement"], ["Skaun", "Melhus", "MG"], **kw),
        lambda out, r: (len(out.texts), 9),
        "Samsvar mellom interessenter",
        "Agreement between stakeholders",
    ),
    "cost_shares": (
        lambda r, **kw: sp.plot_cost_shares(r["shares"], **kw),
        lambda out, r: (len(out.patches), 2 * 3),
        "Innbyggertall",
        "Population",
    ),
    "host_allocation": (
        lambda r, **kw: sp.plot_host_allocation(r["alloc"], **kw),
        lambda out, r: (
            sum(len(c.get_offsets()) for c in out.collections if isinstance(c, PathCollection)),
            sum(1 for o in r["alloc"].choice.values() if ":" in o),
        ),
        "årsverk",
        "FTE",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_plot_draws_expected_artists_in_both_languages(res, name):
    call, count, nb_word, en_word = CASES[name]
    before = dict(matplotlib.rcParams)
    out_nb = call(res)
    assert isinstance(out_nb, Figure if name == "weights" else Axes)
    got, expected = count(out_nb, res)
    assert got == expected
    if name == "weights":
        out_en = call(res, lang="en")
    else:  # the English one is drawn on an Axes we give
        fig, ax = plt.subplots()
        out_en = call(res, lang="en", ax=ax)
        assert out_en is ax and ax.figure is fig
        assert count(out_en, res)[0] == expected
    assert dict(matplotlib.rcParams) == before
    nb_text, en_text = texts(fig_of(out_nb)), texts(fig_of(out_en))
    assert nb_word in nb_text and nb_word not in en_text
    assert en_word in en_text and en_word not in nb_text


def test_weights_panels_use_the_given_axes(res):
    fig, axes = plt.subplots(3, 1)
    out = sp.plot_weights(res["a"], ax=list(axes))
    assert out is fig
    with pytest.raises(ValidationError, match="3 Axes"):
        sp.plot_weights(res["a"], ax=list(axes[:2]))


def test_weights_from_a_view_split_per_set(res):
    view = res["ev"]["lonn"]["whether"]
    fig = sp.plot_weights(view)
    assert [len(a.patches) for a in fig.axes] == [12, 5]
    # local weights within each set sum to 1 (bar widths)
    for a in fig.axes:
        assert sum(p.get_width() for p in a.patches) == pytest.approx(1.0)
    ax = sp.plot_global_weights(view)
    assert sum(p.get_width() for p in ax.patches) == pytest.approx(1.0)
    assert [p.get_width() for p in ax.patches] == pytest.approx(view.weights.tolist())


def test_weights_from_an_ahp_result():
    from samvalg.weights import ahp

    r = ahp([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    fig = sp.plot_weights(r)
    assert [p.get_width() for p in fig.axes[0].patches] == pytest.approx(r.weights.tolist())


def test_scores_heatmap_cells_and_view(res):
    M = res["a"].matrix("lonn", "strategy")
    ax = sp.plot_scores(M)
    assert ax.images[0].get_array().shape == (len(M.criteria), len(M.options))
    assert len(ax.texts) == M.values.size
    view = res["ev"]["byggesak"]["whether"]
    ax = sp.plot_scores(view, lang="en")
    assert len(ax.texts) == view.value_matrix.size
    infeasible = int((~view.feasible).sum())
    assert infeasible > 0
    assert sum("not permitted" in t.get_text() for t in ax.get_xticklabels()) == infeasible


def test_contributions_marks_infeasible_and_groups_by_set(res):
    view = res["ev"]["byggesak"]["combined"]
    ax = sp.plot_contributions(view, by="set")
    assert len(ax.patches) == len(view.options) * 3
    marked = [t for t in ax.get_yticklabels() if "ikke lovlig" in t.get_text()]
    assert len(marked) == int((~view.feasible).sum()) > 0
    # the stacked segments of each option add up to its value
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, -1).sum(axis=0)
    order = np.argsort(view.ranks, kind="stable")
    assert widths == pytest.approx(view.values[order])


def test_contributions_need_an_additive_method(res):
    ev = samvalg.evaluate(res["a"], method="topsis", services=["lonn"])
    with pytest.raises(SamvalgError, match="not additive"):
        sp.plot_contributions(ev["lonn"]["whether"])


def test_norwegian_ticks_use_decimal_comma(res):
    ax = sp.plot_weight_sensitivity(res["sens"], parameter="gains")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert all("," in t and "." not in t for t in ticks)
    assert any("%" in t.get_text() for t in ax.get_xticklabels())
    ax = sp.plot_weight_sensitivity(res["sens"], parameter="gains", lang="en")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert all("." in t and "," not in t for t in ticks)


def test_weight_sensitivity_marks_every_crossover(res):
    sweeps = [s for s in res["sens"].criterion_sweeps.values() if s.crossovers]
    assert sweeps, "the example should have at least one crossover in lonn/whether"
    sw = sweeps[0]
    ax = sp.plot_weight_sensitivity(sw)
    crossings = [c for c in ax.collections if c.get_label() == "rangskifte"]
    assert len(crossings) == 1 and len(crossings[0].get_offsets()) == len(sw.crossovers)
    np.testing.assert_allclose(crossings[0].get_offsets()[:, 0], [c.t for c in sw.crossovers])
    with pytest.raises(ValidationError, match="parameter"):
        sp.plot_weight_sensitivity(res["sens"])


def test_thresholds_rows_sorted_most_sensitive_first(res):
    ax = sp.plot_thresholds(res["sens"], kind="criterion", max_rows=4)
    assert len(ax.patches) == 8
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 4


def test_rank_acceptability_from_smaa2():
    from samvalg.smaa import smaa2

    X = np.array([[0.9, 0.2], [0.5, 0.6], [0.1, 0.95]])
    r = smaa2(X, np.ones(2), n=500, seed=1, alternatives=["iks", "egen_drift", "fagnettverk"])
    ax = sp.plot_rank_acceptability(r, lang="en")
    assert len(ax.patches) == 9
    # each bar (option) spans all the rank shares: total width 1
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 3).sum(axis=0)
    np.testing.assert_allclose(widths, 1.0)
    assert "Inter-municipal company (IKS)" in texts(ax.figure)


def test_cost_shares_from_comparisons(res):
    ax = sp.plot_cost_shares(res["comparisons"], unit=1.0)
    assert len(ax.patches) == 6
    heights = sorted(p.get_height() for p in ax.patches[:2])
    assert heights == sorted(float(c["skaun"].after) for c in res["comparisons"])


def test_host_allocation_from_a_mapping():
    ax = sp.plot_host_allocation(
        {"lonn": "vertskommune:melhus", "arkiv": "iks", "plan": "vertskommune_nemnd:skaun"},
        lang="en",
    )
    pts = sum(len(c.get_offsets()) for c in ax.collections)
    assert pts == 2
    assert "Inter-municipal company (IKS)" in texts(ax.figure)


def test_agreement_rejects_a_non_square_matrix():
    with pytest.raises(ValidationError, match="square"):
        sp.plot_agreement(np.ones((2, 3)))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sp.plot_agreement([[1.0]], lang="de"), "lang"),
        (lambda: sp.plot_agreement([[1.0]], ax="not an axes"), "Axes"),
        (lambda: sp.plot_scores(object()), "ScoreMatrix"),
        (lambda: sp.plot_cost_shares(42), "cost shares"),
        (lambda: sp.plot_rank_acceptability([1, 2]), "SMAA"),
    ],
)
def test_bad_arguments_are_located_errors(call, match):
    with pytest.raises(ValidationError, match=match):
        call()


def test_save_figure_writes_svg_and_png(res, tmp_path):
    before = dict(matplotlib.rcParams)
    ax = sp.plot_agreement(res["agreement"])
    paths = sp.save_figure(ax.figure, tmp_path / "sub" / "costs", dpi=40)
    assert [p.name for p in paths] == ["costs.svg", "costs.png"]
    svg = paths[0].read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<text" not in svg  # text as paths: no fonts needed to read it
    assert paths[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dict(matplotlib.rcParams) == before
    # the same figure drawn again gives the same SVG bytes (fixed hash salt, no date)
    again = sp.save_figure(
        sp.plot_agreement(res["agreement"]), tmp_path / "again", formats=("svg",)
    )
    first = sp.save_figure(
        sp.plot_agreement(res["agreement"]), tmp_path / "first", formats=("svg",)
    )
    assert again[0].read_bytes() == first[0].read_bytes()
    with pytest.raises(ValidationError, match="formats"):
        sp.save_figure(ax, tmp_path / "x", formats=("gif",))


def test_import_samvalg_does_not_load_matplotlib_until_plot_is_used():
    code = (
        "import sys, samvalg; a = 'matplotlib' in sys.modules; "
        "samvalg.plot.plot_weights(samvalg.example_assessment()); "
        "print(a, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "True"]
