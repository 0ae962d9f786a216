"""The live what-if of index.html: its data (``data.json``'s ``whatif``), the marks from
samvalg.sensitivity's crossovers, and the page's script (``report/assets/whatif.js``) run in
V8 (mini-racer, a wheel: no browser) against samvalg's own kernels.

The browser check (``make browser-check``, ``.ci/browser_check.py``) moves the controls in
Chromium; here the arithmetic is checked number by number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

import samvalg
from samvalg.evaluation._evaluate import _feasible_first_ranks
from samvalg.methods import METHODS, get_method
from samvalg.methods._spec import zero_columns_as_constant
from samvalg.ranking import rank
from samvalg.report import build_briefing, to_html
from samvalg.report._model import Briefing, Paragraph, Section
from samvalg.report._render import _whatif_script
from samvalg.report._whatif import method_options, top_changes
from samvalg.sensitivity import sensitivity_service, service_weight_sweeps, sweep_segment

N = 200


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return build_briefing(n=N, figures=False)


@pytest.fixture(scope="module")
def whatif(briefing: Briefing) -> dict[str, Any]:
    rec = briefing.data["whatif"]
    assert rec is not None
    # what the page gets: the record through JSON
    return json.loads(json.dumps(rec, allow_nan=False))


@pytest.fixture(scope="module")
def js() -> Iterator[Callable[[str], Any]]:
    """Evaluate a JavaScript expression after whatif.js, in V8; the result through JSON."""
    mini_racer = pytest.importorskip("py_mini_racer")
    ctx = mini_racer.MiniRacer()
    ctx.eval(_whatif_script())

    def run(expr: str) -> Any:
        return json.loads(ctx.eval(f"JSON.stringify({expr})"))

    try:
        yield run
    finally:
        ctx.close()


def _method_input(panel: dict[str, Any], ratio: bool) -> np.ndarray:
    S = np.array(panel["scores"], dtype=float)
    lo = np.array([c["lower"] for c in panel["criteria"]])
    hi = np.array([c["upper"] for c in panel["criteria"]])
    types = np.array([c["type"] for c in panel["criteria"]])
    if ratio:
        return np.asarray(S - lo + 1.0)
    v = (S - lo) / (hi - lo)
    return np.asarray(np.where(types < 0, 1.0 - v, v))


def _py_values(panel: dict[str, Any], m: dict[str, Any], w: np.ndarray) -> np.ndarray:
    spec = get_method(m["id"])
    X = _method_input(panel, spec.ratio_scale)
    kw = dict(m["options"])
    if spec.accepts_normalization:
        kw["normalization"] = m["normalization"]
    return spec.values(
        zero_columns_as_constant(X, m["normalization"]), w, np.ones(X.shape[1]), **kw
    )


def _services(whatif: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in whatif["panels"] if p["kind"] == "service"]


def _bundles(whatif: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in whatif["panels"] if p["kind"] == "bundle"]


def _py_bundle_values(panel: dict[str, Any], m: dict[str, Any], w: np.ndarray) -> np.ndarray:
    """A bundle's values at weights w, as samvalg.evaluation._bundles combines its members."""
    per = np.stack(
        [_py_values({**panel, "scores": mb["scores"]}, m, w)[mb["rows"]] for mb in panel["members"]]
    )
    if panel["rule"] == "min":
        sign = 1.0 if m["higher_is_better"] else -1.0
        return np.asarray(per[np.argmin(sign * per, axis=0), np.arange(per.shape[1])])
    return np.asarray(np.array([mb["share"] for mb in panel["members"]]) @ per)


# --------------------------------------------------------------------------------------------
# the record


def test_a_panel_per_service_area_with_the_evaluation(
    briefing: Briefing, whatif: dict[str, Any]
) -> None:
    ev = samvalg.evaluate(samvalg.example_assessment())
    data = briefing.data
    assert whatif["version"] == 1 and whatif["method"] == "wsm" and whatif["decimal"] == ","
    recommended = [sid for sid, svc in data["services"].items() if svc["view"] is not None]
    assert [p["id"] for p in _services(whatif)] == recommended
    section_ids = set(re.findall(r'<section id="([^"]+)"', to_html(briefing)))
    for p in _services(whatif):
        v = ev[p["id"]][p["view"]]
        assert p["kind"] == "service" and p["anchor"] in section_ids
        assert [o["id"] for o in p["options"]] == list(v.options)
        assert [o["feasible"] for o in p["options"]] == [bool(f) for f in v.feasible]
        assert [c["id"] for c in p["criteria"]] == list(v.criteria)
        assert p["weights"] == pytest.approx(list(v.weights), abs=1e-15)
        assert [m["id"] for m in p["methods"]] == list(METHODS)
        assert np.allclose(_method_input(p, False), v.value_matrix)
        for m in p["methods"]:
            assert m["options"] == method_options(m["id"])
            assert m["normalization"] == get_method(m["id"]).evaluation_normalization


def test_a_panel_per_bundle_with_its_members(briefing: Briefing, whatif: dict[str, Any]) -> None:
    """A bundle's panel: the bundle's options and legal status (every member's), its members'
    own options and raw scores, their shares; at the starting weights the script's input gives
    the members' evaluations."""
    a = samvalg.example_assessment()
    ev = samvalg.evaluate(a)
    panels = _bundles(whatif)
    assert [p["id"] for p in panels] == [
        bid for bid, r in briefing.data["bundles"].items() if r["view"] is not None
    ]
    assert len(panels) == len(a.bundles) == 2
    section_ids = set(re.findall(r'<section id="([^"]+)"', to_html(briefing)))
    for p in panels:
        bev = ev.bundles[p["id"]]
        v = bev[p["view"]]
        assert p["anchor"] in section_ids and p["rule"] == bev.rule and "scores" not in p
        assert [o["id"] for o in p["options"]] == list(v.options)
        assert [o["feasible"] for o in p["options"]] == [bool(f) for f in v.feasible]
        assert [mb["id"] for mb in p["members"]] == list(bev.members)
        assert sum(mb["share"] for mb in p["members"]) == pytest.approx(1.0)
        assert [m["id"] for m in p["methods"]] == list(METHODS)
        for mb in p["members"]:
            mv = ev[mb["id"]][p["view"]]
            assert mb["options"] == list(mv.options)
            assert [mb["options"][r] for r in mb["rows"]] == list(v.options)
            assert np.allclose(_method_input({**p, "scores": mb["scores"]}, False), mv.value_matrix)
            assert p["weights"] == pytest.approx(list(mv.weights), abs=1e-15)


def test_wsm_marks_are_the_briefings_thresholds(whatif: dict[str, Any], briefing: Briefing) -> None:
    """The first change above the starting weight is the sensitivity chapter's ``increase``
    threshold, the last below it the ``decrease`` one (for every criterion and set weight)."""
    checked = 0
    for p in _services(whatif):
        marks = next(m for m in p["methods"] if m["id"] == "wsm")["marks"]
        for th in briefing.data["services"][p["id"]]["sensitivity"]["thresholds"]:
            changes = marks.get(th["parameter"], [])
            above = [c for c in changes if c["t"] > th["current"]]
            below = [c for c in changes if c["t"] < th["current"]]
            for got, want, side in (
                (above[:1], th["increase"], "above"),
                (below[-1:], th["decrease"], "below"),
            ):
                if want is None:
                    assert got == []
                else:
                    assert got[0]["t"] == want["weight"]
                    assert got[0][side] == want["new_top"]
                    checked += 1
    assert checked >= 10


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor"])
def test_marks_are_where_the_top_changes_on_a_fine_grid(method: str) -> None:
    """Brute force: the top option along each sweep on a grid of 2001 weights changes exactly
    between the grid points that bracket a mark, to the option the mark names."""
    a = samvalg.example_assessment()
    spec = get_method(method)
    for sid in ("sentralbord", "byggesak", "regnskap"):
        sens = sensitivity_service(a, sid, method=method)
        ev = samvalg.evaluate(a, method=method, services=[sid])[sid]["combined"]
        X = zero_columns_as_constant(np.asarray(ev.value_matrix), spec.evaluation_normalization)
        feasible = np.asarray(ev.feasible)
        kw = (
            {}
            if not spec.accepts_normalization
            else {"normalization": spec.evaluation_normalization}
        )
        t = np.linspace(0.0, 1.0, 2001)
        for sw in [*sens.criterion_sweeps.values(), *sens.set_sweeps.values()]:
            W = (1 - t)[:, None] * sw.w_start + t[:, None] * sw.w_end
            U = spec.utility(X, W, np.ones(X.shape[1]), **kw)
            U = np.where(feasible, U, -np.inf)
            tops = [ev.options[i] for i in U.argmax(axis=1)]
            changes = top_changes(sw)
            k_changes = [k for k in range(1, t.size) if tops[k] != tops[k - 1]]
            # interior changes only (a tie at t = 0 or 1 is not marked)
            k_changes = [k for k in k_changes if 1 < k < t.size - 1]
            marked = [c for c in changes if t[1] < c["t"] < t[-2]]
            assert len(marked) == len(k_changes), (sid, sw.parameter, changes, k_changes)
            for c, k in zip(marked, k_changes, strict=True):
                assert t[k - 1] <= c["t"] <= t[k]
                assert (tops[k - 1], tops[k]) == (c["below"], c["above"])


def test_top_changes_of_a_three_option_sweep() -> None:
    # values along t: a1 = 1 - t, a2 = 0.6, a3 = t  -> a1 on top until 0.4, a2 until 0.6, then a3
    X = [[1.0, 0.0, 0.0], [0.6, 0.6, 0.6], [0.0, 0.0, 1.0]]
    s = sweep_segment(X, [1, 0, 0], [0, 0, 1], [1, 1, 1], 0.5, normalization="none")
    got = [(round(c["t"], 12), c["below"], c["above"]) for c in top_changes(s)]
    assert got == [(0.4, "a1", "a2"), (0.6, "a2", "a3")]
    assert s.increase is not None and s.increase.weight == pytest.approx(0.6)
    assert s.decrease is not None and s.decrease.weight == pytest.approx(0.4)


def test_service_weight_sweeps_equal_the_full_sensitivity() -> None:
    a = samvalg.example_assessment()
    for method in ("wsm", "topsis"):
        full = sensitivity_service(a, "byggesak", method=method)
        sweeps = service_weight_sweeps(a, "byggesak", method=method)
        assert list(sweeps) == [*full.criterion_sweeps, *full.set_sweeps]
        for name, sw in {**full.criterion_sweeps, **full.set_sweeps}.items():
            assert sweeps[name].crossovers == sw.crossovers
            assert sweeps[name].increase == sw.increase and sweeps[name].decrease == sw.decrease


# --------------------------------------------------------------------------------------------
# the script's arithmetic, in V8


def test_script_evaluates_every_method_as_the_kernels(
    js: Callable[[str], Any], whatif: dict[str, Any]
) -> None:
    rng = np.random.default_rng(7)
    panels = _services(whatif)
    js(f"globalThis.PANELS = {json.dumps(panels)}, 0")
    worst = 0.0
    for pi, p in enumerate(panels):
        w0 = js(f"SamvalgWhatif.hierarchicalWeights(PANELS[{pi}])")
        assert w0 == p["weights"], "the hierarchy as samvalg.evaluate composes it, bit for bit"
        feasible = np.array([o["feasible"] for o in p["options"]])
        for mi, m in enumerate(p["methods"]):
            for w in [np.array(w0), *rng.dirichlet(np.ones(len(w0)), size=3)]:
                got = js(
                    f"(function () {{ var r = SamvalgWhatif.evaluate(PANELS[{pi}], "
                    f"PANELS[{pi}].methods[{mi}], {json.dumps(w.tolist())}); "
                    "r.ranks = SamvalgWhatif.rankFeasibleFirst(r.utility, "
                    f"PANELS[{pi}].options.map(function (o) {{ return o.feasible; }})); "
                    "return r; })()"
                )
                want = _py_values(p, m, w)
                worst = max(worst, float(np.abs(np.array(got["values"]) - want).max()))
                u = want if m["higher_is_better"] else -want
                assert got["ranks"] == _feasible_first_ranks(u, feasible).tolist()
    assert worst < 1e-13


def _js_bundle(js: Callable[[str], Any], pi: int, mi: int, w: list[float]) -> dict[str, Any]:
    return dict(
        js(
            f"(function () {{ var p = PANELS[{pi}], r = SamvalgWhatif.evaluate(p, "
            f"p.methods[{mi}], {json.dumps(w)}); "
            "r.ranks = SamvalgWhatif.rankFeasibleFirst(r.utility, "
            "p.options.map(function (o) { return o.feasible; })); return r; })()"
        )
    )


def test_script_evaluates_bundles_as_samvalg_evaluate(
    js: Callable[[str], Any], whatif: dict[str, Any]
) -> None:
    """At the starting weights the script's bundle values and ranks are samvalg.evaluate's
    (every method); at random weights, the members' kernels combined by the rule."""
    a = samvalg.example_assessment()
    rng = np.random.default_rng(11)
    panels = _bundles(whatif)
    js(f"globalThis.PANELS = {json.dumps(panels)}, 0")
    worst = 0.0
    for pi, p in enumerate(panels):
        feasible = np.array([o["feasible"] for o in p["options"]])
        for mi, m in enumerate(p["methods"]):
            bv = samvalg.evaluate(a, method=m["id"]).bundles[p["id"]][p["view"]]
            got = _js_bundle(js, pi, mi, p["weights"])
            worst = max(worst, float(np.abs(np.array(got["values"]) - bv.values).max()))
            assert got["ranks"] == np.asarray(bv.ranks).tolist(), (p["id"], m["id"])
            for w in rng.dirichlet(np.ones(len(p["weights"])), size=3):
                got = _js_bundle(js, pi, mi, w.tolist())
                want = _py_bundle_values(p, m, w)
                worst = max(worst, float(np.abs(np.array(got["values"]) - want).max()))
                u = want if m["higher_is_better"] else -want
                assert got["ranks"] == _feasible_first_ranks(u, feasible).tolist()
    assert worst < 1e-13


def test_script_min_rule_bundle_top_changes_at_its_marks(js: Callable[[str], Any]) -> None:
    """A bundle under the rule "min" (the worst member decides, in each method's direction):
    its values are samvalg's at the starting weights, and its top changes exactly at every
    mark of every method."""
    d = samvalg.example_assessment().to_dict()
    d["bundles"]["lonn_regnskap_fakturering"]["rule"] = "min"
    a = samvalg.load_assessment(d)
    rec = build_briefing(a, n=N, figures=False).data["whatif"]
    p = next(p for p in _bundles(rec) if p["id"] == "lonn_regnskap_fakturering")
    assert p["rule"] == "min" and all(mb["share"] is None for mb in p["members"])
    js(f"globalThis.PANELS = {json.dumps([p])}, 0")
    for mi, m in enumerate(p["methods"]):
        bv = samvalg.evaluate(a, method=m["id"]).bundles[p["id"]][p["view"]]
        got = _js_bundle(js, 0, mi, p["weights"])
        assert np.abs(np.array(got["values"]) - bv.values).max() < 1e-13, m["id"]
        assert got["ranks"] == np.asarray(bv.ranks).tolist(), m["id"]
    assert _check_marks(js, [p]) == set(METHODS)


def _synthetic() -> tuple[np.ndarray, np.ndarray]:
    X = np.array(
        [
            [3.0, 0.0, 2.0, 7.0, 1.0],
            [1.0, 0.0, 4.0, 5.0, 1.0],
            [4.0, 0.0, 1.0, 9.0, 1.0],
            [2.5, 0.0, 3.0, 6.0, 1.0],
        ]
    )
    types = np.array([1.0, 1.0, -1.0, 1.0, -1.0])
    return X, types


@pytest.mark.parametrize(
    ("method", "options"),
    [("wsm", {"normalization": k}) for k in ("vector", "minmax", "max", "sum", "linear", "none")]
    + [("wpm", {"normalization": k}) for k in ("minmax", "max", "sum", "linear")]
    + [("topsis", {"normalization": k}) for k in ("vector", "minmax", "max", "sum", "linear")]
    + [
        ("vikor", {"v": 0.5, "normalization": None}),
        ("vikor", {"v": 0.2, "normalization": "minmax"}),
        ("vikor", {"v": 1.0, "normalization": "vector"}),
        ("promethee_ii", {"preference": "usual"}),
        ("promethee_ii", {"preference": "ushape", "q": 0.5}),
        ("promethee_ii", {"preference": "vshape", "p": 1.5}),
        ("promethee_ii", {"preference": "level", "q": 0.5, "p": 2.0}),
        ("promethee_ii", {"preference": "vshape_2", "q": [0.2, 0.0, 0.5, 1.0, 0.0], "p": 2.0}),
        ("promethee_ii", {"preference": "gaussian", "p": 1.2}),
        (
            "promethee_ii",
            {
                "preference": ["usual", "ushape", "vshape", "level", "gaussian"],
                "q": [0.0, 0.1, 0.0, 1.0, 0.0],
                "p": [1.0, 1.0, 2.0, 3.0, 0.7],
            },
        ),
    ],
)
def test_script_kernels_on_every_option(
    js: Callable[[str], Any], method: str, options: dict[str, Any]
) -> None:
    """Cost criteria, an all-zero column (made constant first for the dividing
    normalisations, as samvalg's analyses do) and a constant column, for 3 weight vectors."""
    X, types = _synthetic()
    norm = options.get("normalization")
    if method == "wpm" or norm in ("sum", "linear"):
        X = X + 1.0  # the ratio normalisations need positive values
    X = zero_columns_as_constant(X, norm)
    W = np.array([[0.3, 0.1, 0.2, 0.25, 0.15], [0.0, 0.5, 0.5, 0.0, 0.0], [1, 1, 1, 1, 1.0]])
    spec = get_method(method)
    want = spec.values(X, W, types, **options)
    got = js(
        "[0, 1, 2].map(function (k) { return SamvalgWhatif.kernels."
        f"{method}({json.dumps(X.tolist())}, {json.dumps(W.tolist())}[k], "
        f"{json.dumps(types.tolist())}, {json.dumps(options)}); }})"
    )
    assert np.abs(np.array(got) - want).max() < 1e-13, (got, want)


def test_script_zero_columns_and_ranks(js: Callable[[str], Any]) -> None:
    X = [[0.0, 1.0], [0.0, 2.0]]
    for kind in ("vector", "max", "sum", "linear", "minmax", "none"):
        got = js(f"SamvalgWhatif.zeroColumnsAsConstant({json.dumps(X)}, {json.dumps(kind)})")
        assert got == zero_columns_as_constant(np.array(X), kind).tolist()
    u = [0.5, 0.9, 0.9 + 1e-12, 0.1, 0.95, 0.5 - 2e-10]
    feasible = [True, True, True, True, False, True]
    got = js(f"SamvalgWhatif.rankFeasibleFirst({json.dumps(u)}, {json.dumps(feasible)})")
    assert got == _feasible_first_ranks(np.array(u), np.array(feasible)).tolist()
    assert got[4] == 6, "an infeasible option is never first, even with the highest value"
    assert js("SamvalgWhatif.rankFeasibleFirst([3, 5, 5, 1], [true, true, true, true])") == (
        rank([3.0, 5.0, 5.0, 1.0]).tolist()
    )


def test_script_moves_weights_along_the_sensitivity_sweeps(
    js: Callable[[str], Any], whatif: dict[str, Any]
) -> None:
    """Moving one control to t gives (1 - t) w_start + t w_end of that weight's sweep."""
    a = samvalg.example_assessment()
    js(f"globalThis.PANELS = {json.dumps(whatif['panels'])}, 0")
    for pi, p in enumerate(whatif["panels"][:3]):
        sweeps = service_weight_sweeps(a, p["id"], view=p["view"])
        for name, sw in sweeps.items():
            for t in (0.0, 0.137, sw.current, 0.9, 1.0):
                if sw.kind == "set":
                    k = next(i for i, s in enumerate(p["sets"]) if s["id"] == name)
                    expr = (
                        f"SamvalgWhatif.moveSet(PANELS[{pi}].weights, PANELS[{pi}].sets[{k}]"
                        f".criteria, {t!r}, PANELS[{pi}].sets[{k}].local)"
                    )
                else:
                    j = next(i for i, c in enumerate(p["criteria"]) if c["id"] == name)
                    expr = f"SamvalgWhatif.moveCriterion(PANELS[{pi}].weights, {j}, {t!r})"
                want = (1.0 - t) * sw.w_start + t * sw.w_end
                assert np.abs(np.array(js(expr)) - want).max() < 1e-15, (p["id"], name, t)


_TOP_AFTER = """(globalThis.topAfter = function (pi, mi, kind, id, t) {
  var p = PANELS[pi], m = p.methods[mi], w;
  if (kind === 'set') {
    var s = p.sets.filter(function (x) { return x.id === id; })[0];
    w = SamvalgWhatif.moveSet(p.weights, s.criteria, t, s.local);
  } else {
    var j = p.criteria.map(function (c) { return c.id; }).indexOf(id);
    w = SamvalgWhatif.moveCriterion(p.weights, j, t);
  }
  var r = SamvalgWhatif.evaluate(p, m, w);
  var ranks = SamvalgWhatif.rankFeasibleFirst(r.utility,
    p.options.map(function (o) { return o.feasible; }));
  return p.options[ranks.indexOf(1)].id;
}, 0)"""


def _check_marks(js: Callable[[str], Any], panels: list[dict[str, Any]]) -> set[str]:
    """Just below every mark the script's top is the one the mark names below, just above it
    the one it names above; the methods checked."""
    js(f"globalThis.PANELS = {json.dumps(panels)}, 0")
    js(_TOP_AFTER)
    checked = set()
    for pi, p in enumerate(panels):
        kinds = {c["id"]: "criterion" for c in p["criteria"]} | {s["id"]: "set" for s in p["sets"]}
        for mi, m in enumerate(p["methods"]):
            for param, changes in m["marks"].items():
                for c in changes:
                    for eps, want in ((-1e-7, c["below"]), (1e-7, c["above"])):
                        got = js(
                            f"topAfter({pi}, {mi}, {json.dumps(kinds[param])}, "
                            f"{json.dumps(param)}, {c['t'] + eps!r})"
                        )
                        assert got == want, (p["id"], m["id"], param, c, eps)
                    checked.add(m["id"])
    return checked


def test_script_top_changes_exactly_at_every_mark(
    js: Callable[[str], Any], whatif: dict[str, Any]
) -> None:
    """Every mark of every method, of every service area and every bundle."""
    assert _check_marks(js, _services(whatif)) == set(METHODS)
    assert _check_marks(js, _bundles(whatif)) == set(METHODS)


# --------------------------------------------------------------------------------------------
# the page


def _with_whatif(record: dict[str, Any]) -> Briefing:
    return Briefing(
        title="T",
        subtitle="S",
        lang="nb",
        illustrative=False,
        banner="",
        data={"whatif": record},
        sections=(Section("s1", "A", (Paragraph("p"),)),),
    )


def test_user_text_cannot_leave_the_embedded_json() -> None:
    hostile = "</script><script>alert(1)</script><!-- &amp; </SCRIPT >"
    record = {"version": 1, "text": {"title": hostile}, "panels": [{"name": hostile}]}
    page = to_html(_with_whatif(record))
    assert len(re.findall(r"<script\b", page, re.I)) == 2
    assert len(re.findall(r"</script", page, re.I)) == 2
    block = re.search(
        r'<script type="application/json" id="samvalg-whatif-data">(.*?)</script>', page, re.S
    )
    assert block is not None and "<" not in block.group(1) and "&" not in block.group(1)
    assert json.loads(block.group(1)) == record


def test_script_inserts_text_only_and_loads_nothing() -> None:
    script = _whatif_script()
    for banned in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "http:",
        "https:",
        "</",
    ):
        assert banned not in script, banned
    assert "textContent" in script


def test_static_page_has_no_controls_and_print_hides_them(briefing: Briefing) -> None:
    page = to_html(briefing)
    body = page.split("<script", 1)[0]
    assert "<input" not in body and "<button" not in body and 'class="whatif' not in body
    print_css = page.split("@media print", 1)[1].split("</style>", 1)[0]
    assert ".whatif { display: none; }" in print_css
    no_whatif = to_html(_with_whatif({}))
    assert "<script" not in no_whatif
