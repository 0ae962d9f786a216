"""Issue 13.3: the balanced plan covers every service area, says what it balances, and counts a
kommunalt oppgavefellesskap's office municipality (kontorkommune) as hosting."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import samvalg
from samvalg.allocation import allocate_hosts
from samvalg.report import build_briefing, to_markdown
from test_allocation import MUNIS, _evaluation


@pytest.fixture(scope="module")
def briefing():
    return build_briefing(n=200, figures=False)


def test_briefing_plan_covers_every_area_and_counts_areas(briefing) -> None:
    ev = samvalg.evaluate(samvalg.example_assessment())
    alloc = briefing.data["allocation"]
    assert set(alloc["choice"]) == set(ev)
    assert alloc["skipped"] == {}
    assert alloc["measure"] == "areas"
    n, h = len(ev), len(samvalg.catalogue().municipalities)
    most = max(alloc["hosted_count"].values())
    assert most <= math.ceil(n / h)
    # a KO in the plan has an office municipality, and it counts as hosting
    for s, o in alloc["choice"].items():
        assert (o == "oppgavefellesskap") == (s in alloc["office"])
    assert sum(alloc["hosted_count"].values()) == n  # every area is hosted somewhere
    text = to_markdown(briefing)
    assert "måles balansen i antall områder" in text
    names = {m: samvalg.catalogue().municipalities[m].name for m in MUNIS}
    top = max(alloc["hosted_count"], key=lambda m: alloc["hosted_count"][m])
    assert f"{names[top]}, med {most} av {n}" in text
    assert "47,3" not in text
    settings = briefing.data["settings"]["allocation"]
    assert settings["missing_fte"] == "areas" and settings["office_hosts"] is True


def test_briefing_without_office_hosts_counts_host_municipalities_only(capsys, tmp_path) -> None:
    """The user can say a KO's office does not count (``--no-office-hosts``): the plan then
    gives no KO an office, the count covers host municipalities only, and the chapter and
    data.json say so."""
    from samvalg.cli import main

    out = tmp_path / "b"
    code = main(["brief", "--out", str(out), "--n", "200", "--formats", "md", "--no-office-hosts"])
    assert code == 0, capsys.readouterr().err
    import json

    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    alloc = data["allocation"]
    assert data["settings"]["allocation"]["office_hosts"] is False
    assert not alloc.get("office")
    kos = [s for s, o in alloc["choice"].items() if o == "oppgavefellesskap"]
    hosted = sum(alloc["hosted_count"].values())
    assert hosted == len(alloc["choice"]) - len(kos)
    text = (out / "briefing.md").read_text(encoding="utf-8")
    assert "--no-office-hosts" in text
    assert "regnes her ikke som vertskap" in text.replace("\n", " ")


def _brute(spec, size, max_share):
    """Best value over every option and every KO office, with the bound on hosted size."""
    choices = []
    for opts, vals, feas in spec.values():
        row = []
        for o, v, f in zip(opts, vals, feas, strict=True):
            if not f:
                continue
            if o == "oppgavefellesskap":
                row += [(o, m, float(v)) for m in MUNIS]
            else:
                row.append((o, o.partition(":")[2] or None, float(v)))
        choices.append(row)
    best = None
    for combo in itertools.product(*choices):
        hosted = dict.fromkeys(MUNIS, 0.0)
        for sid, (_o, host, _v) in zip(spec, combo, strict=True):
            if host:
                hosted[host] += size[sid]
        total = sum(hosted.values())
        if total > 0 and max(hosted.values()) > max_share * total + 1e-9:
            continue
        value = sum(v for *_x, v in combo)
        best = value if best is None or value > best else best
    return best


@pytest.mark.parametrize("seed", range(12))
def test_office_hosting_agrees_with_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    options = ("oppgavefellesskap", "iks", "vertskommune:skaun", "vertskommune:melhus")
    spec, size = {}, {}
    for k in range(int(rng.integers(2, 5))):
        m = int(rng.integers(2, len(options) + 1))
        opts = list(rng.choice(options, size=m, replace=False))
        spec[f"s{k}"] = (opts, rng.random(m).round(3), np.ones(m, dtype=bool))
        size[f"s{k}"] = float(rng.choice([1.0, 2.5, 4.0]))
    ev = _evaluation(spec)
    for share in (1.0, 0.6, 0.5, 0.4):
        best = _brute(spec, size, share)
        if best is None:
            with pytest.raises(samvalg.SamvalgError):
                allocate_hosts(ev, share, fte=size, office_hosts=True, catalogue=None)
            continue
        res = allocate_hosts(ev, share, fte=size, office_hosts=True, view="combined")
        assert res.value == pytest.approx(best, abs=1e-9)
        counted = dict.fromkeys(MUNIS, 0.0)
        for s in res.choice:
            host = res.host_of(s)
            if host:
                counted[host] += size[s]
        assert counted == pytest.approx(res.hosted_fte)


def test_without_office_hosts_a_ko_hosts_nothing() -> None:
    spec = {"a": (["oppgavefellesskap"], [0.5], [True])}
    ev = _evaluation(spec)
    res = allocate_hosts(ev, 1.0, fte={"a": 2.0}, view="combined")
    assert res.office == {} and res.hosted_count == dict.fromkeys(MUNIS, 0)
    res = allocate_hosts(ev, 1.0, fte={"a": 2.0}, view="combined", office_hosts=True)
    assert set(res.office) == {"a"} and sum(res.hosted_count.values()) == 1
