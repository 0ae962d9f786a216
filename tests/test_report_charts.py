"""The briefing's figures drawn straight to SVG (samvalg.report._charts): the font metrics,
ticks and colours against matplotlib's own, and each figure of the example against the
numbers it draws."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg.report._charts import canvas, render
from samvalg.report._charts._bars import nice_ticks
from samvalg.report._charts._font import face
from samvalg.report._charts._kinds import cividis, host_allocation
from samvalg.report._charts._svg import Box, Canvas
from samvalg.report._figures import global_figure_specs, service_figure_specs


@cache
def example() -> tuple[Any, dict[str, Any], list[tuple[str, str, tuple[Any, ...]]]]:
    from samvalg.report._run import analyse

    a = samvalg.example_assessment()
    res = analyse(a, 2000, 0, "wsm", "nb", False)
    ev = res["evaluation"]
    specs = [
        *global_figure_specs(a, None, None),
        *global_figure_specs(a, res["allocation"], res["economics"]),
    ]
    for sid in ev:
        specs += service_figure_specs(ev, sid, res["services"][sid])
    return a, res, specs


def _draw(kind: str) -> list[tuple[tuple[Any, ...], Canvas]]:
    a, res, specs = example()
    return [
        (args, canvas(k, args, "nb", res["evaluation"], a)) for _, k, args in specs if k == kind
    ]


# -- against matplotlib ----------------------------------------------------------------------


@pytest.mark.parametrize("weight", ["regular", "bold", "italic"])
def test_text_widths_equal_matplotlib_layout(weight: str) -> None:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(
        family="DejaVu Sans",
        weight="bold" if weight == "bold" else "normal",
        style="oblique" if weight == "italic" else "normal",
        size=8.0,
    )
    ttp = TextToPath()
    for text in (
        "Vertskommunesamarbeid med",
        "Økonomi og kostnadsdeling (9,0 %)",
        "pᶜ 83 % – AVTale Tjenester/ ›",
        "Kart- og oppmåling/geodata: æøå ÆØÅ",
    ):
        ours = face(weight).width(text, 8.0)
        theirs = ttp.get_text_width_height_descent(text, prop, ismath=False)[0]
        assert ours == pytest.approx(theirs, rel=2e-3), text


def test_ticks_equal_matplotlib_locator() -> None:
    from matplotlib.ticker import MaxNLocator

    rng = random.Random(7)
    checked = 0
    for _ in range(400):
        hi = 10 ** rng.uniform(-3, 7) * rng.uniform(1, 9.9)
        lo = rng.choice([0.0, -hi, -hi * rng.uniform(0, 1)])
        length = rng.uniform(40, 600)
        nbins = max(1, min(9, int(length // 24)))
        loc = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])
        want = [t for t in loc.tick_values(lo, hi) if lo - 1e-9 * hi <= t <= hi * (1 + 1e-9)]
        got = nice_ticks(lo, hi, length)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12 * hi), (lo, hi, length)
        checked += 1
    assert checked == 400


def test_cividis_equals_matplotlib() -> None:
    import matplotlib as mpl
    from matplotlib.colors import to_hex

    cmap = mpl.colormaps["cividis"]
    for x in np.linspace(0, 1, 57):
        assert cividis(float(x)) == to_hex(cmap(float(x)))


# -- the example's figures -------------------------------------------------------------------


def test_every_figure_is_valid_svg_with_no_overlapping_text() -> None:
    a, res, specs = example()
    kinds = {k for _, k, _ in specs}
    assert kinds == {"weights", "cost_shares", "contributions", "rank_acceptability", "thresholds"}
    for fig_id, kind, args in specs:
        c = canvas(kind, args, "nb", res["evaluation"], a)
        svg = c.svg(title=fig_id)
        root = ET.fromstring(svg.split("\n", 1)[1])
        assert root.tag.endswith("svg") and not root.findall(".//{*}text"), fig_id
        boxes = [(t, b) for t, b in c.texts if t.strip()]
        for i, (t1, b1) in enumerate(boxes):
            for t2, b2 in boxes[i + 1 :]:
                assert not b1.overlaps(b2, tol=0.5), (fig_id, t1, t2)


def test_same_figure_same_bytes() -> None:
    a, res, specs = example()
    _fig_id, kind, args = specs[3]
    ev = res["evaluation"]
    assert render(kind, args, "nb", ev, a) == render(kind, args, "nb", ev, a)


def _by_row(rects: list[tuple[str, Box]]) -> dict[float, list[tuple[str, Box]]]:
    rows: dict[float, list[tuple[str, Box]]] = {}
    for label, box in rects:
        rows.setdefault(round((box.y0 + box.y1) / 2, 3), []).append((label, box))
    return rows


def test_contributions_bars_are_the_values() -> None:
    a, res, _ = example()
    ev = res["evaluation"]
    for (sid, key), c in _draw("contributions"):
        view = ev[sid][key]
        order = np.argsort(np.asarray(view.ranks), kind="stable")
        totals = np.asarray(view.contributions).sum(axis=1)[order]
        rows = _by_row([r for r in c.rects if r[0] != "" and r[1].height > 10])
        widths = [sum(b.width for _, b in segs) for _, segs in sorted(rows.items())]
        assert len(widths) == len(totals)
        scale = widths[0] / totals[0]
        assert np.allclose(np.array(widths) / scale, totals, atol=0.002), sid
        from samvalg.plot._scores import contribution_parts

        ticks = contribution_parts(view, "nb", "set", a.catalogue).ticks
        assert set(ticks) <= {t for t, _ in c.texts}, sid


def test_rank_acceptability_segments_are_the_shares() -> None:
    for (smaa,), c in _draw("rank_acceptability"):
        ra = np.asarray(smaa.result.rank_acceptability)
        m = ra.shape[0]
        bars = [r for r in c.rects if r[0].startswith("Rang") and r[1].height > 10]
        rows = _by_row(bars)
        assert len(rows) == m
        full = [sum(b.width for _, b in segs) for segs in rows.values()]
        # every row's segments add up to 100 % (the x axis is 1.22 wide)
        assert np.allclose(full, full[0], atol=0.05)
        for segs in rows.values():
            shares = sorted(b.width / full[0] for _, b in segs)
            assert any(np.allclose(shares, sorted(ra[i]), atol=1e-3) for i in range(m))
        pc = [t for t, _ in c.texts if t.startswith("pᶜ")]
        assert len(pc) == m


def test_thresholds_bars_reach_the_thresholds() -> None:
    from samvalg.plot._sensitivity import threshold_rows

    for (sens, rows_shown), c in _draw("thresholds"):
        sweeps, _lim = threshold_rows(sens, "all", rows_shown)
        texts = [t for t, _ in c.texts]
        found = [
            abs(th.absolute) for sw in sweeps for th in (sw.increase, sw.decrease) if th is not None
        ]
        bars = [b for label, b in c.rects if label.endswith("rangskifte") and b.height > 5]
        assert len(bars) == len(found)
        # the x scale: the axis runs from -lim to lim over the grid's extent
        assert sorted(round(b.width, 6) for b in bars)[0] >= 0
        ratio = [
            b.width / f
            for b, f in zip(sorted(bars, key=lambda b: b.width), sorted(found), strict=True)
            if f > 1e-3
        ]
        assert np.allclose(ratio, ratio[0], rtol=1e-3)
        assert any("best nå" in t for t in texts)


def test_weights_panels_hold_every_criterion() -> None:
    a, _, _ = example()
    ((_, c),) = _draw("weights")
    bars = [(label, b) for label, b in c.rects if b.height > 5]
    criteria = [cr for s in a.set_ids for cr in a.criteria(s)]
    assert [label for label, _ in bars] == criteria
    for s in a.set_ids:
        w = np.asarray(a.weights_for(s))
        widths = np.array([b.width for label, b in bars if label in a.criteria(s)])
        assert np.allclose(widths / widths.max(), w / w.max(), atol=1e-3)


def test_cost_shares_columns_are_the_amounts() -> None:
    a, _res, _ = example()
    ((args, c),) = _draw("cost_shares")
    comps = args[0]
    heights = [b.height for label, b in c.rects if b.width > 20]
    amounts = [
        r.after
        for m in a.catalogue.municipalities
        for cmp in comps
        for r in cmp.rows
        if r.municipality == m
    ]
    assert len(heights) == len(amounts)
    scale = heights[0] / amounts[0]
    assert np.allclose(np.array(heights) / scale, amounts, rtol=2e-3)


def test_host_allocation_marks_each_host_in_its_column() -> None:
    a, _, _ = example()
    cat = a.catalogue
    munis = list(cat.municipalities)
    choice = {
        "lonn": f"vertskommune:{munis[1]}",
        "arkiv": "iks",
        "regnskap": f"vertskommune:{munis[0]}",
    }
    c = host_allocation(choice, "nb", cat)
    marks = [(label, b) for label, b in c.rects]
    names = [str(cat.municipalities[m].name) for m in munis]
    hosted = [label for label, _ in marks if label in names]
    assert sorted(hosted[:2]) == sorted([names[1], names[0]])
    xs = {label: (b.x0 + b.x1) / 2 for label, b in marks[:2]}
    assert xs[names[0]] < xs[names[1]]  # columns in the catalogue's order
    ET.fromstring(c.svg().split("\n", 1)[1])


def test_user_text_is_never_markup() -> None:
    c = Canvas()
    c.text(0, 0, '<script>alert(1)</script> & "x"', 8)
    svg = c.svg(title="<b>&")
    assert "<script" not in svg and "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg.split("\n", 1)[1])
